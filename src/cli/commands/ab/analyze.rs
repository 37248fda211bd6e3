//! `promptctl ab analyze`: compare every variant with the control.

use promptctl::experiment::analyze::analyze_files;
use promptctl::experiment::runs::{Run, StartSource};

use crate::cli::commands::ab::{load_spec, runs};
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
/// Reads the run that started last unless `--run` names others (shards of a run are merged);
/// `ab list` shows the runs in the order they started.
///
/// Examples:
///   promptctl ab analyze reply-tone
///   promptctl ab analyze reply-tone --run 20260101T000000Z --format markdown >> summary.md
///   promptctl ab analyze reply-tone --all --format json
///   promptctl ab analyze reply-tone --html reply-tone.html
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct AnalyzeArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// The run(s) to analyse (repeatable; default: the one that started last)
    #[arg(long = "run", value_name = "RUN_ID")]
    pub(crate) runs: Vec<String>,
    /// Pool every run of the experiment
    #[arg(long, conflicts_with = "runs")]
    pub(crate) all: bool,
    /// Also write the run as one self-contained HTML page: `report`'s charts by arm, and what
    /// each arm changes against the control (prompt diff, model, parameters)
    #[arg(long, value_name = "PATH")]
    pub(crate) html: Option<std::path::PathBuf>,
}

pub(crate) fn run(ctx: &CommandContext, args: &AnalyzeArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let available = runs(project, &spec.name)?;
    let Some(latest) = available.latest() else {
        return Err(CliError::usage(
            format!("experiment `{}` has no results yet", spec.name),
            Some(format!("run it first: `promptctl ab run {}`", spec.name)),
        )
        .into());
    };
    let wanted: Vec<&Run> = if args.all {
        available.all().iter().collect()
    } else if args.runs.is_empty() {
        ctx.printer().status(&format!(
            "Reading run `{}`, the latest{} (`--run` picks another)",
            latest.id,
            started(latest)
        ));
        vec![latest]
    } else {
        let mut wanted = Vec::new();
        for id in &args.runs {
            let Some(run) = available.get(id) else {
                return Err(CliError::usage(
                    format!("experiment `{}` has no run `{id}`", spec.name),
                    Some(format!(
                        "`promptctl ab status {}` lists its runs",
                        spec.name
                    )),
                )
                .into());
            };
            wanted.push(run);
        }
        wanted
    };
    let missing: Vec<String> = wanted.iter().flat_map(|r| r.missing_shards()).collect();
    if !missing.is_empty() {
        return Err(CliError::invalid(
            format!(
                "the run is incomplete: {} shard {} missing: {}",
                missing.len(),
                if missing.len() == 1 { "file is" } else { "files are" },
                missing.join(", ")
            ),
            Some("copy every shard's results file (its CI artifact) into the results folder, or rerun that shard with the same `--run-id`".to_owned()),
        )
        .into());
    }
    let files: Vec<_> = wanted
        .iter()
        .flat_map(|r| r.files.iter().cloned())
        .collect();
    let ids = wanted.iter().map(|r| r.id.clone()).collect();
    let report = analyze_files(&spec, &files, ids)?;
    if let Some(path) = &args.html {
        write_html(ctx, project, &spec, &files, path)?;
    }
    output::ab::print_analysis(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}

/// `, started <time>` (and where the time comes from when it is a guess).
fn started(run: &Run) -> String {
    match &run.started {
        Some(s) if s.source == StartSource::Record => format!(", started {}", s.at),
        Some(s) => format!(", file dated {}", s.at),
        None => String::new(),
    }
}

/// The run's page: the report's charts and tables by arm, and each arm's changes.
fn write_html(
    ctx: &CommandContext,
    project: &promptctl::project::Project,
    spec: &promptctl::experiment::spec::Spec,
    files: &[std::path::PathBuf],
    path: &std::path::Path,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    use promptctl::report::{Builder, Dimension, Options};
    let mut builder = Builder::new(Options {
        by: vec![Dimension::Arm, Dimension::Provider, Dimension::Model],
        ..Options::default()
    });
    for file in files {
        let name = file
            .strip_prefix(&project.root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        builder.add_file(file, &name)?;
    }
    let diffs = promptctl::report::html::diffs_against_control(
        spec,
        &crate::cli::commands::ab::Sources { project },
    );
    let page = promptctl::report::html::render_experiment(&spec.name, &builder.finish(), &diffs);
    let path = ctx.cwd().join(path);
    std::fs::write(&path, page)
        .with_context(|| format!("cannot write the HTML page `{}`", path.display()))
}
