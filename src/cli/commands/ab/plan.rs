//! `promptctl ab plan`: check an experiment and estimate what running it takes.

use std::collections::HashSet;

use promptctl::experiment::assign::Shard;
use promptctl::experiment::batch;
use promptctl::experiment::plan::{ProviderCatalog, WorkItem};

use crate::cli::commands::ab::{Catalog, build_plan, load_spec};
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
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
///   promptctl ab plan reply-tone --batch      # at the providers' batch prices
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
    /// Estimate the cost of `ab run --batch` (batch prices; refuses sequential stopping)
    #[arg(long)]
    pub(crate) batch: bool,
}

/// Prices through the providers' batch APIs.
struct BatchPrices<'a>(Catalog<'a>, promptctl::provider::pricing::PriceTable);

impl ProviderCatalog for BatchPrices<'_> {
    fn check(&self, provider: &str, model: &str) -> Result<(), String> {
        self.0.check(provider, model)
    }

    fn price(&self, provider: &str, model: &str) -> Option<(f64, f64)> {
        let target = promptctl::provider::Target {
            provider: provider.to_owned(),
            model: model.to_owned(),
        };
        self.1.price(&target).map(|p| {
            let batch = p.batch();
            (batch.input, batch.output)
        })
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &PlanArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let plan = build_plan(project, spec, args.offline)?;
    let items = plan.work_items(args.shard.unwrap_or(Shard::ALL), &HashSet::new());
    let batched = batch::batched_arms(&plan, args.batch, &batch::Ledger::default());
    if batched.contains(&true) {
        batch::check_supported(&plan).map_err(|e| CliError::usage(e.to_string(), None))?;
        let catalog = Catalog::new(&project.config, true);
        let sync = plan.estimate(&items, &catalog);
        let prices = BatchPrices(catalog, crate::cli::gateway::prices(&project.config));
        // Each part at its own price: batched variants at batch prices, the others not.
        let (through_batch, synchronous): (Vec<WorkItem>, Vec<WorkItem>) = items
            .iter()
            .partition(|i| batched.get(i.arm as usize).copied().unwrap_or(true));
        let mut estimate = sync.clone();
        estimate.cost_usd = plan
            .estimate(&through_batch, &prices)
            .cost_usd
            .zip(plan.estimate(&synchronous, &prices.0).cost_usd)
            .map(|(b, s)| b + s);
        output::ab::print_plan(ctx.printer(), &plan, &estimate)?;
        let which = if batched.contains(&false) {
            let ids: Vec<&str> = plan
                .arms
                .iter()
                .zip(&batched)
                .filter(|(_, b)| **b)
                .map(|(a, _)| a.id.as_str())
                .collect();
            format!(
                " (variants {} batched, the others synchronous)",
                ids.join(", ")
            )
        } else {
            String::new()
        };
        if let (Some(batch), Some(sync)) = (estimate.cost_usd, sync.cost_usd) {
            ctx.printer().status(&format!(
                "batch mode{which}: ${batch:.4} at batch prices instead of ${sync:.4} synchronous (saves ${:.4}); results within 24 hours; sequential stopping does not apply",
                sync - batch
            ));
        }
        return Ok(ExitStatus::Success);
    }
    let estimate = plan.estimate(&items, &Catalog::new(&project.config, true));
    output::ab::print_plan(ctx.printer(), &plan, &estimate)?;
    Ok(ExitStatus::Success)
}
