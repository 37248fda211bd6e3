//! `promptctl ab list`: the experiments of the project and their runs.

use promptctl::experiment::spec::Spec;

use crate::cli::commands::ab::runs;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;
use crate::cli::output::ab::{ListedExperiment, ListedRun};

/// List the experiments under `experiments/` with their variants and runs
///
/// Runs are listed in the order they started (read from their records), and the latest, the
/// one `ab analyze` reads by default, is marked. Run ids do not decide the order: `gh-1` may
/// well be older than `20260101T000000Z`.
///
/// Examples:
///   promptctl ab list
///   promptctl ab list --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &CommandContext, _args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let dir = project.root.join("experiments");
    let mut listed = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        paths.sort();
        for path in paths {
            let relative = path
                .strip_prefix(&project.root)
                .unwrap_or(&path)
                .to_path_buf();
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let runs = runs(project, &name)?
                .all()
                .iter()
                .map(|r| ListedRun {
                    id: r.id.clone(),
                    started_at: r.started.as_ref().map(|s| s.at.clone()),
                    started_from: r.started.as_ref().map(|s| s.source.as_str()),
                    files: r.files.len(),
                })
                .collect();
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| Spec::parse(&relative, &text).map_err(|e| e.to_string()));
            listed.push(ListedExperiment {
                name,
                spec: parsed,
                runs,
            });
        }
    }
    output::ab::print_list(ctx.printer(), &listed)?;
    Ok(ExitStatus::Success)
}
