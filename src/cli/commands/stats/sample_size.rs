//! `promptctl stats sample-size`: how many cases per arm an experiment needs.

use clap::ValueEnum;
use promptctl::stats::power;

use crate::cli::commands::stats::input::probability;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::stats::{Report, print};

/// Plan the sample size per arm for a pass rate or a mean
///
/// For pass rates give the baseline rate and the smallest difference worth detecting
/// (`--mde`, absolute; add `--relative` for a fraction of the baseline). For means (scores,
/// latency, cost) give `--sd` and `--mde` in the metric's units. The default solves the exact
/// two-sided power equation (as statsmodels does); `--method evan-miller` reproduces the
/// evanmiller.org calculator.
///
/// Examples:
///   promptctl stats sample-size --baseline 0.62 --mde 0.05
///   promptctl stats sample-size --baseline 0.2 --mde 0.1 --relative --power 0.9
///   promptctl stats sample-size --sd 400 --mde 50
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct SampleSizeArgs {
    /// Baseline pass rate of the control, in (0, 1)
    #[arg(long, required_unless_present = "sd", conflicts_with = "sd")]
    pub(crate) baseline: Option<f64>,
    /// Standard deviation of the metric (plans for a difference of means)
    #[arg(long)]
    pub(crate) sd: Option<f64>,
    /// Minimum detectable effect, B - A: absolute difference (or relative with `--relative`);
    /// negative for a decrease
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) mde: f64,
    /// Read `--mde` as a fraction of the baseline rate
    #[arg(long, requires = "baseline")]
    pub(crate) relative: bool,
    /// Significance level (two-sided), between 0 and 1
    #[arg(long, default_value_t = 0.05, value_parser = probability, allow_negative_numbers = true)]
    pub(crate) alpha: f64,
    /// Power: probability of detecting the effect if it is real, between 0 and 1
    #[arg(long, default_value_t = 0.8, value_parser = probability, allow_negative_numbers = true)]
    pub(crate) power: f64,
    /// Size of arm B relative to arm A
    #[arg(long, default_value_t = 1.0)]
    pub(crate) ratio: f64,
    /// Formula for pass rates
    #[arg(long, value_enum, default_value_t = SizeMethod::Exact)]
    pub(crate) method: SizeMethod,
}

/// `--method` of `sample-size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SizeMethod {
    /// Exact root of the two-sided power equation on Cohen's h
    Exact,
    /// The evanmiller.org calculator's formula
    EvanMiller,
}

pub(crate) fn run(ctx: &CommandContext, args: &SampleSizeArgs) -> anyhow::Result<ExitStatus> {
    let report = if let Some(sd) = args.sd {
        let r = power::two_means(args.mde, sd, args.alpha, args.power, args.ratio)?;
        Report::new(
            "sample_size_means",
            "Sample size per arm, difference of means",
        )
        .number("mde", "difference to detect B - A", args.mde)
        .number("sd", "standard deviation", sd)
        .number("effect_size_d", "Cohen's d", r.effect_size)
        .count("n_per_arm", "n per arm (t-test)", ceil(r.nobs1_t))
        .count("n_arm_b", "n arm B", ceil(r.nobs1_t * args.ratio))
        .number("n_exact", "exact root", r.nobs1_t)
        .count(
            "n_per_arm_normal",
            "n per arm (normal approx.)",
            ceil(r.nobs1_normal),
        )
        .number("alpha", "alpha", args.alpha)
        .number("power", "power", args.power)
    } else {
        let (baseline, delta) = super::rate_effect(args.baseline, args.mde, args.relative)?;
        let target = baseline + delta;
        match args.method {
            SizeMethod::Exact => {
                let r =
                    power::two_proportions(baseline, target, args.alpha, args.power, args.ratio)?;
                let closed = power::two_proportions_closed_form(
                    r.effect_size,
                    args.alpha,
                    args.power,
                    args.ratio,
                );
                Report::new(
                    "sample_size_proportions",
                    "Sample size per arm, two pass rates",
                )
                .number("baseline", "baseline rate", baseline)
                .number("target", "target rate", target)
                // The engine's h is for its first rate against its second (baseline against
                // target, as statsmodels takes them); B - A is the negation.
                .number("effect_size_h", "Cohen's h", -r.effect_size)
                .count("n_per_arm", "n per arm", r.nobs1_ceil)
                .count("n_arm_b", "n arm B", r.nobs2_ceil)
                .number("n_exact", "exact root", r.nobs1)
                .number("n_closed_form", "textbook closed form", closed)
                .number("alpha", "alpha", args.alpha)
                .number("power", "power", args.power)
            }
            SizeMethod::EvanMiller => {
                let n = power::evan_miller(baseline, delta, args.alpha, args.power)?;
                Report::new("sample_size_evan_miller", "Sample size per group (Evan Miller's formula)")
                    .number("baseline", "baseline rate", baseline)
                    .number("target", "target rate", target)
                    .count("n_per_arm", "n per group", round(n))
                    .number("n_exact", "unrounded", n)
                    .number("alpha", "alpha", args.alpha)
                    .number("power", "power", args.power)
                    .note("the calculator folds baselines above 0.5 to 1 - baseline and rounds to nearest")
            }
        }
    };
    print(ctx.printer(), &report.b_minus_a())?;
    Ok(ExitStatus::Success)
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn ceil(n: f64) -> u64 {
    n.ceil().max(0.0) as u64
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn round(n: f64) -> u64 {
    n.round().max(0.0) as u64
}
