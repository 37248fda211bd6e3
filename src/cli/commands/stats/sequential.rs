//! `promptctl stats sequential`: always-valid results for experiments checked as they run.

use std::path::PathBuf;

use clap::Subcommand;
use promptctl::stats::descriptive::paired_differences;
use promptctl::stats::sequential::{self, ArmSummary};
use promptctl::stats::ttest::Summary;

use crate::cli::commands::stats::input::{probability, read_numbers};
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output::stats::{Report, print};

/// Test with early stopping that stays valid however often you look
///
/// A fixed-horizon p-value checked after every batch finds "significant" results by chance
/// far more often than alpha. These methods bound the chance of a false positive at alpha
/// across all looks: stop as soon as the result rejects.
///
/// `paired` (every case through both variants) runs the mixture SPRT on the per-case
/// differences B - A; `--tau` is the variance of the effects you expect, e.g. the square of
/// the smallest difference worth detecting. `split` (two independent arms) uses the
/// asymptotic confidence sequence of GrowthBook's engine, tuned by the planned total sample
/// size `--n-star`.
///
/// Examples:
///   promptctl stats sequential paired --a a-scores.csv --b b-scores.csv --tau 0.0025
///   promptctl stats sequential split --a a.csv --b b.csv --n-star 10000
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct SequentialArgs {
    #[command(subcommand)]
    pub(crate) kind: SequentialKind,
    /// Significance level, valid across all looks, between 0 and 1
    #[arg(long, global = true, default_value_t = 0.05, value_parser = probability, allow_negative_numbers = true)]
    pub(crate) alpha: f64,
}

/// Which design.
#[derive(Debug, Subcommand)]
pub(crate) enum SequentialKind {
    /// Mixture SPRT on paired differences B - A
    Paired {
        /// Variant A's values, one per case
        #[arg(long, value_name = "FILE")]
        a: PathBuf,
        /// Variant B's values, in the same case order
        #[arg(long, value_name = "FILE")]
        b: PathBuf,
        /// Mixing variance: the square of the effect size you care about
        #[arg(long)]
        tau: f64,
        /// Also look after every this many cases and report the running minimum p-value
        #[arg(long)]
        every: Option<usize>,
    },
    /// Asymptotic confidence sequence for B - A with independent arms
    Split {
        /// Arm A's values
        #[arg(long, value_name = "FILE")]
        a: PathBuf,
        /// Arm B's values
        #[arg(long, value_name = "FILE")]
        b: PathBuf,
        /// Planned total sample size (both arms) the sequence is tightest at
        #[arg(long)]
        n_star: f64,
    },
}

pub(crate) fn run(ctx: &CommandContext, args: &SequentialArgs) -> anyhow::Result<ExitStatus> {
    let report = match &args.kind {
        SequentialKind::Paired { a, b, tau, every } => {
            let (a, b) = (read_numbers(a)?, read_numbers(b)?);
            if a.len() != b.len() {
                return Err(CliError::invalid(
                    format!(
                        "paired files differ in length: {} and {} values",
                        a.len(),
                        b.len()
                    ),
                    Some("line i of each file must be the same case".to_owned()),
                )
                .into());
            }
            let d = paired_differences(&b, &a);
            let step = every.unwrap_or(d.len()).max(2);
            let mut looks: Vec<usize> = (step..d.len()).step_by(step).collect();
            looks.push(d.len());
            looks.retain(|&n| n >= 2);
            let (trajectory, first) = sequential::msprt_trajectory(&d, &looks, *tau, args.alpha)?;
            let Some(last) = trajectory.last() else {
                return Err(CliError::invalid("need at least 2 paired values", None).into());
            };
            let mut report = Report::new(
                "msprt",
                "Mixture SPRT on paired differences B - A (always valid)",
            )
            .count("n", "pairs", last.n as u64)
            .number("mean_diff", "mean difference B - A", last.mean_diff)
            .number("ci_low", "always-valid CI low", last.test.ci_low)
            .number("ci_high", "always-valid CI high", last.test.ci_high)
            .number("log_lambda", "log likelihood ratio", last.test.log_lambda)
            .pvalue(last.pvalue_running_min, args.alpha)
            .count("looks", "looks", trajectory.len() as u64);
            if let Some(n) = first {
                report = report.count("first_reject_n", "first rejected at n", n as u64);
            }
            report
        }
        SequentialKind::Split { a, b, n_star } => {
            let (sa, sb) = (
                Summary::of(&read_numbers(a)?),
                Summary::of(&read_numbers(b)?),
            );
            let arm = |s: Summary| ArmSummary {
                mean: s.mean,
                variance: s.variance,
                n: s.n,
            };
            let r = sequential::asymptotic_confidence_sequence(
                &arm(sa),
                &arm(sb),
                *n_star,
                args.alpha,
            )?;
            Report::new(
                "confidence_sequence",
                "Asymptotic confidence sequence for B - A (always valid)",
            )
            .number("n_a", "n A", sa.n)
            .number("n_b", "n B", sb.n)
            .number("diff", "difference B - A", r.diff)
            .number("ci_low", "always-valid CI low", r.ci_low)
            .number("ci_high", "always-valid CI high", r.ci_high)
            .number(
                "fixed_horizon_halfwidth",
                "fixed-horizon half-width",
                r.fixed_horizon_halfwidth,
            )
            .number("log_evalue", "log e-value", r.log_evalue)
            .pvalue(r.pvalue, args.alpha)
        }
    };
    print(ctx.printer(), &report.b_minus_a())?;
    Ok(ExitStatus::Success)
}
