//! `promptctl ab analyze`: compare every variant with the control.

use promptctl::experiment::analyze::analyze_files;

use crate::cli::commands::ab::{load_spec, results_dir, runs};
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Compare every variant with the control, per metric, with intervals and p-values
///
/// For each metric and variant: n, the rate or mean with its interval, the lift (variant −
/// control) with its interval, the raw and Bonferroni-adjusted p-value (over every judged
/// metric × variant; intervals at the same corrected level), the test used (`McNemar` or
/// paired t for paired designs; z, Fisher or Welch for split traffic; mSPRT when the stopping
/// rule is sequential) and a decision: better or worse (significant, and the interval on that
/// side of 0), no difference (the interval within ± `min_detectable_effect`), or inconclusive
/// (with the samples needed). Failed calls are left out of every metric but `error` and listed
/// per variant. Guardrails, a sample-ratio check for split designs and a recommendation follow.
/// Reads the latest run unless `--run` names others (shards of a run are merged).
///
/// Examples:
///   promptctl ab analyze reply-tone
///   promptctl ab analyze reply-tone --run 20260101T000000Z --format markdown >> summary.md
///   promptctl ab analyze reply-tone --all --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct AnalyzeArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// The run(s) to analyse (repeatable; default: the latest)
    #[arg(long = "run", value_name = "RUN_ID")]
    pub(crate) runs: Vec<String>,
    /// Pool every run of the experiment
    #[arg(long, conflicts_with = "runs")]
    pub(crate) all: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &AnalyzeArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let available = runs(&results_dir(project, &spec.name));
    let Some((latest, _)) = available.last() else {
        return Err(CliError::usage(
            format!("experiment `{}` has no results yet", spec.name),
            Some(format!("run it first: `promptctl ab run {}`", spec.name)),
        )
        .into());
    };
    let wanted: Vec<String> = if args.all {
        available.iter().map(|(r, _)| r.clone()).collect()
    } else if args.runs.is_empty() {
        vec![latest.clone()]
    } else {
        args.runs.clone()
    };
    let mut files = Vec::new();
    for run in &wanted {
        match available.iter().find(|(r, _)| r == run) {
            Some((_, f)) => files.extend(f.iter().cloned()),
            None => {
                return Err(CliError::usage(
                    format!("experiment `{}` has no run `{run}`", spec.name),
                    Some(format!(
                        "`promptctl ab status {}` lists its runs",
                        spec.name
                    )),
                )
                .into());
            }
        }
    }
    let report = analyze_files(&spec, &files, wanted)?;
    output::ab::print_analysis(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}
