//! `promptctl ab status`: the runs of one experiment and how complete they are.

use std::collections::HashSet;
use std::path::Path;

use promptctl::experiment::assign::Shard;
use promptctl::experiment::journal::summarize;
use promptctl::project::Project;

use crate::cli::commands::ab::{build_plan, load_spec, runs};
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;
use crate::cli::output::ab::{DamagedFile, RunStatus};

/// Show an experiment's runs: samples recorded, completeness, pass rate, last result
///
/// Runs are listed in the order they started (from their records), the latest last.
///
/// A damaged results file does not hide the others: its run is counted without the damaged
/// lines and marked, every run is listed, and the command then fails (exit 3) naming the file.
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
    for run in runs(project, &name)?.all() {
        let mut summary = RunStatus {
            run: run.id.clone(),
            started_at: run.started.as_ref().map(|s| s.at.clone()),
            started_from: run.started.as_ref().map(|s| s.source.as_str()),
            files: run.files.len(),
            planned,
            ..RunStatus::default()
        };
        for file in &run.files {
            let s = match summarize(file) {
                Ok(s) => s,
                Err(e) => {
                    summary.damaged.push(DamagedFile {
                        file: shown(project, file),
                        line: None,
                        damaged_lines: 0,
                        // The file is named apart; what failed is the cause.
                        message: std::error::Error::source(&e)
                            .map_or_else(|| e.to_string(), ToString::to_string),
                    });
                    continue;
                }
            };
            summary.samples += s.records as u64;
            summary.passed += s.passed;
            summary.errors += s.errors;
            if s.last_finished > summary.last_finished {
                summary.last_finished = s.last_finished;
            }
            if let Some((line, message)) = s.first_damage {
                summary.damaged.push(DamagedFile {
                    file: shown(project, file),
                    line: Some(line),
                    damaged_lines: s.damaged_lines,
                    message: format!("not a run record: {message}"),
                });
            }
        }
        statuses.push(summary);
    }
    let batches = crate::cli::commands::ab::batch::part_statuses(ctx, project, &name)?;
    output::ab::print_status(ctx.printer(), &name, &statuses, &batches)?;
    output::batch::print_parts(ctx.printer(), &batches)?;
    let damaged: Vec<String> = statuses
        .iter()
        .flat_map(|s| &s.damaged)
        .map(|d| match d.line {
            Some(line) => format!(
                "{}:{line}: {} ({} damaged {})",
                d.file,
                d.message,
                d.damaged_lines,
                if d.damaged_lines == 1 {
                    "line"
                } else {
                    "lines"
                }
            ),
            None => format!("{}: {}", d.file, d.message),
        })
        .collect();
    match damaged.as_slice() {
        [] => Ok(ExitStatus::Success),
        [only] => Err(CliError::invalid(
            format!("a results file is damaged (its run above counts only the records that could be read): {only}"),
            Some(DAMAGE_HINT.to_owned()),
        )
        .into()),
        all => Err(CliError::invalid(
            format!(
                "{} results files are damaged (their runs above count only the records that could be read):\n  {}",
                all.len(),
                all.join("\n  ")
            ),
            Some(DAMAGE_HINT.to_owned()),
        )
        .into()),
    }
}

const DAMAGE_HINT: &str = "results files are append-only: restore a damaged file from git";

fn shown(project: &Project, path: &Path) -> String {
    path.strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string()
}
