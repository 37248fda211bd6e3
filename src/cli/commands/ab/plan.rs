//! `promptctl ab plan`: check an experiment and estimate what running it takes.

use std::collections::HashSet;

use promptctl::experiment::assign::Shard;

use crate::cli::commands::ab::{Catalog, build_plan, load_spec};
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Check an experiment and print the calls, sample size, cost and time it needs
///
/// Validates everything a run needs (the spec, each variant's prompt at its version, the
/// model and its credentials, the dataset, every assertion, and that each case renders) and
/// lists every problem with its file, line and column (exit 2). When valid, prints the calls
/// per variant, the sample size needed for `stopping.min_detectable_effect` at the declared
/// power, and the estimated cost (from the price table) and duration (from concurrency and
/// rate limits).
///
/// Examples:
///   promptctl ab plan reply-tone
///   promptctl ab plan experiments/reply-tone.yaml --format json
///   promptctl ab plan reply-tone --shard 1/4
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct PlanArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// Plan one slice of a sharded run: K/N
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<Shard>,
    /// Skip the credential check (runs will replay a cassette)
    #[arg(long)]
    pub(crate) offline: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &PlanArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let plan = build_plan(project, spec, args.offline)?;
    let items = plan.work_items(args.shard.unwrap_or(Shard::ALL), &HashSet::new());
    let estimate = plan.estimate(&items, &Catalog::new(&project.config, true));
    output::ab::print_plan(ctx.printer(), &plan, &estimate)?;
    Ok(ExitStatus::Success)
}
