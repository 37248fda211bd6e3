//! `promptctl stats power`: the chance an experiment of a given size detects an effect.

use promptctl::stats::power;

use crate::cli::commands::stats::input::probability;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::stats::{Report, print};

/// Compute the power of an experiment with `--n` cases per arm
///
/// Power is the probability that a two-sided test at `--alpha` detects the effect, if it is
/// real. Give `--baseline` for pass rates or `--sd` for means, as for `sample-size`.
///
/// Examples:
///   promptctl stats power --baseline 0.62 --mde 0.05 --n 500
///   promptctl stats power --sd 0.2 --mde 0.03 --n 300
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct PowerArgs {
    /// Baseline pass rate of the control, in (0, 1)
    #[arg(long, required_unless_present = "sd", conflicts_with = "sd")]
    pub(crate) baseline: Option<f64>,
    /// Standard deviation of the metric (difference of means)
    #[arg(long)]
    pub(crate) sd: Option<f64>,
    /// Effect to detect, B - A: absolute difference (or relative with `--relative`); negative
    /// for a decrease
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) mde: f64,
    /// Read `--mde` as a fraction of the baseline rate
    #[arg(long, requires = "baseline")]
    pub(crate) relative: bool,
    /// Cases in arm A (arm B has `ratio` times as many)
    #[arg(long)]
    pub(crate) n: f64,
    /// Significance level (two-sided), between 0 and 1
    #[arg(long, default_value_t = 0.05, value_parser = probability, allow_negative_numbers = true)]
    pub(crate) alpha: f64,
    /// Size of arm B relative to arm A
    #[arg(long, default_value_t = 1.0)]
    pub(crate) ratio: f64,
}

pub(crate) fn run(ctx: &CommandContext, args: &PowerArgs) -> anyhow::Result<ExitStatus> {
    let report = if let Some(sd) = args.sd {
        let p = power::power_two_means(args.mde, sd, args.n, args.alpha, args.ratio)?;
        Report::new(
            "power_means",
            "Power, difference of means (two-sample t-test)",
        )
        .number("mde", "difference B - A", args.mde)
        .number("sd", "standard deviation", sd)
        .number("n", "n per arm", args.n)
        .number("power", "power", p)
    } else {
        let (baseline, delta) = super::rate_effect(args.baseline, args.mde, args.relative)?;
        let p = power::power_two_proportions(
            baseline + delta,
            baseline,
            args.n,
            args.alpha,
            args.ratio,
        )?;
        Report::new(
            "power_proportions",
            "Power, two pass rates (Cohen's h, normal test)",
        )
        .number("baseline", "baseline rate", baseline)
        .number("target", "target rate", baseline + delta)
        .number("n", "n per arm", args.n)
        .number("power", "power", p)
    };
    print(
        ctx.printer(),
        &report.number("alpha", "alpha", args.alpha).b_minus_a(),
    )?;
    Ok(ExitStatus::Success)
}
