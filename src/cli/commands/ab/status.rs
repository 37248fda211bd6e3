//! `promptctl ab status`: the runs of one experiment and how complete they are.

use std::collections::HashSet;

use promptctl::experiment::assign::Shard;
use promptctl::experiment::journal::summarize;

use crate::cli::commands::ab::{build_plan, load_spec, results_dir, runs};
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;
use crate::cli::output::ab::RunStatus;

/// Show an experiment's runs: samples recorded, completeness, pass rate, last result
///
/// Examples:
///   promptctl ab status reply-tone
///   promptctl ab status reply-tone --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct StatusArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
}

pub(crate) fn run(ctx: &CommandContext, args: &StatusArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let name = spec.name.clone();
    // The planned total needs the dataset; a broken dataset leaves it unknown, not an error.
    let planned = build_plan(project, spec, true)
        .ok()
        .map(|plan| plan.work_items(Shard::ALL, &HashSet::new()).len() as u64);
    let mut statuses = Vec::new();
    for (run, files) in runs(&results_dir(project, &name)) {
        let mut summary = RunStatus {
            run,
            files: files.len(),
            planned,
            ..RunStatus::default()
        };
        for file in &files {
            let s = summarize(file)?;
            summary.samples += s.records as u64;
            summary.passed += s.passed;
            summary.errors += s.errors;
            if s.last_finished > summary.last_finished {
                summary.last_finished = s.last_finished;
            }
        }
        statuses.push(summary);
    }
    output::ab::print_status(ctx.printer(), &name, &statuses)?;
    Ok(ExitStatus::Success)
}
