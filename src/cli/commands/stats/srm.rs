//! `promptctl stats srm`: check a traffic split for sample-ratio mismatch.

use promptctl::stats::srm::{SRM_ALPHA, sample_ratio_mismatch};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output::stats::{Field, Report, print};

/// Check arm sizes against the configured split (sample-ratio mismatch)
///
/// A chi-square goodness-of-fit test of observed counts per arm against the weights. A
/// p-value below 0.001 means the assignment, logging or filtering is broken, and the
/// experiment's other results should not be trusted until it is explained.
///
/// Examples:
///   promptctl stats srm --observed 5012,4988
///   promptctl stats srm --observed 61456,8972,62894 --weights 7,1,7
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct SrmArgs {
    /// Observed count per arm, comma-separated
    #[arg(long, value_delimiter = ',', required = true)]
    pub(crate) observed: Vec<u64>,
    /// Configured weight per arm, comma-separated (default: equal)
    #[arg(long, value_delimiter = ',')]
    pub(crate) weights: Vec<f64>,
}

pub(crate) fn run(ctx: &CommandContext, args: &SrmArgs) -> anyhow::Result<ExitStatus> {
    let weights = if args.weights.is_empty() {
        vec![1.0; args.observed.len()]
    } else {
        args.weights.clone()
    };
    if weights.len() != args.observed.len() {
        return Err(CliError::usage(
            format!(
                "{} arms observed but {} weights given",
                args.observed.len(),
                weights.len()
            ),
            None,
        )
        .into());
    }
    let r = sample_ratio_mismatch(&args.observed, &weights)?;
    let report = Report::new(
        "srm",
        "Sample-ratio mismatch check (chi-square goodness of fit)",
    )
    .field(
        "observed",
        "observed",
        Field::Numbers(args.observed.iter().map(|&o| promptctl_count(o)).collect()),
    )
    .field("expected", "expected", Field::Numbers(r.expected))
    .number("statistic", "chi-square", r.statistic)
    .count("dof", "degrees of freedom", r.dof as u64)
    .pvalue(r.pvalue, SRM_ALPHA)
    .field("mismatch", "mismatch", Field::Flag(r.pvalue < SRM_ALPHA));
    print(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}

#[allow(clippy::cast_precision_loss)]
fn promptctl_count(n: u64) -> f64 {
    n as f64
}
