//! `ab run --batch`, `ab collect`, `ab cancel`, and the batch lines of `ab status`: the thin
//! CLI over [`promptctl::experiment::batch`] (clients from the project's providers, waiting
//! and printing here; the ledger, matching and records in the core).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use promptctl::experiment::batch::{
    self, DriveBudget, DriveOptions, DriveSummary, Fallback, Ledger, Session,
};
use promptctl::experiment::budget::BudgetStop;
use promptctl::experiment::exec::Clock;
use promptctl::experiment::journal::JournalWriter;
use promptctl::experiment::plan::{Plan, WorkItem};
use promptctl::experiment::record::SampleKey;
use promptctl::experiment::runner::{self, NoProgress, RunOptions};
use promptctl::project::Project;
use promptctl::provider::batch::BatchClient;
use promptctl::provider::cache::Cassette;

use crate::cli::commands::ab::run::{Cap, RunArgs, check_budget, per_call_estimate};
use crate::cli::commands::ab::{GatewayCompleter, load_spec, results_dir};
use crate::cli::context::CommandContext;
use crate::cli::credentials::Keyring;
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus, PROVIDER};
use crate::cli::gateway;
use crate::cli::output::batch::{Cancelled, PartStatus, print_cancel};

/// `--batch`, `--wait`, `--fallback` of `ab run` (and `ab collect`).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct BatchArgs {
    /// Send the samples through the providers' batch APIs (about half the price; results
    /// within 24 hours): the run returns once the batches are created and journaled; variants
    /// with `batch: false` in the spec stay synchronous
    #[arg(long)]
    pub(crate) batch: bool,
    /// With `--batch`: wait up to SECONDS for results (0: return at once; default: 0 for a new
    /// run, until every batch ended for `--resume`, `--record` and `ab collect`)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) wait: Option<u64>,
    /// With `--batch`: what to do with requests a batch could not answer (expired, cancelled)
    #[arg(long, value_enum, default_value_t = FallbackArg::Batch)]
    pub(crate) fallback: FallbackArg,
}

/// `--fallback` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FallbackArg {
    /// Send them again in a new batch
    Batch,
    /// Call them synchronously, at the synchronous price
    Sync,
}

/// Collect a batch run's results: poll, download, score and record
///
/// Same as `ab run NAME --resume RUN_ID --batch --no-retry-errors`: batches that were created but never
/// journaled are found again by their tag, ended batches are read (results are matched to
/// samples by custom id) and recorded exactly once, and requests that expired are sent again.
///
/// Examples:
///   promptctl ab collect reply-tone 20260101T000000Z
///   promptctl ab collect reply-tone 20260101T000000Z --wait 0
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CollectArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// The run to collect
    pub(crate) run_id: String,
    /// Wait up to SECONDS for results (0: look once; default: until every batch ended)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) wait: Option<u64>,
    /// What to do with requests a batch could not answer
    #[arg(long, value_enum, default_value_t = FallbackArg::Batch)]
    pub(crate) fallback: FallbackArg,
    /// The shard, when the run was sharded
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<promptctl::experiment::assign::Shard>,
}

/// Cancel a batch run's open batches
///
/// Asks each provider to cancel the run's batches that have not ended. Requests already
/// answered stay billed and are recorded by the next `ab collect`.
///
/// Examples:
///   promptctl ab cancel reply-tone 20260101T000000Z
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CancelArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// The run whose batches to cancel
    pub(crate) run_id: String,
    /// The shard, when the run was sharded
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<promptctl::experiment::assign::Shard>,
}

/// Batch clients for the arms' providers.
fn clients(project: &Project, plan: &Plan) -> anyhow::Result<HashMap<String, BatchClient>> {
    let mut names: Vec<String> = plan.arms.iter().map(|a| a.provider.clone()).collect();
    names.sort();
    names.dedup();
    clients_for(project, &names)
}

fn clients_for(
    project: &Project,
    names: &[String],
) -> anyhow::Result<HashMap<String, BatchClient>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let max_requests = env_vars::get("PROMPTCTL_BATCH_MAX_REQUESTS").and_then(|v| v.parse().ok());
    let mut out = HashMap::new();
    for (_, resolved) in gateway::resolve(&project.config, names, &Keyring::new())? {
        let setup = resolved.setup;
        let client = BatchClient::new(&setup)
            .map_err(|e| {
                CliError::usage(
                    e.to_string(),
                    Some(
                        "batch mode supports providers of kind openai, azure, anthropic and gemini"
                            .to_owned(),
                    ),
                )
            })?
            .with_limits(max_requests, None);
        out.insert(setup.name.clone(), client);
    }
    Ok(out)
}

/// Time between polls: `PROMPTCTL_BATCH_POLL_MS`, else 30 s (the providers ask for 30–60 s).
fn poll_interval() -> Duration {
    Duration::from_millis(
        env_vars::get("PROMPTCTL_BATCH_POLL_MS")
            .and_then(|v| v.parse().ok())
            .unwrap_or(30_000),
    )
}

/// Runs (or resumes) `plan` in batch mode; `recorded` holds the samples already recorded.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_batch(
    ctx: &CommandContext,
    args: &RunArgs,
    project: &Project,
    plan: &Plan,
    (items, batched): (Vec<WorkItem>, &[bool]),
    mut recorded: HashSet<SampleKey>,
    writer: &mut JournalWriter,
    run_id: &str,
    path: &Path,
    clock: &dyn Clock,
    cap: Option<&Cap>,
) -> anyhow::Result<ExitStatus> {
    batch::check_supported(plan).map_err(|e| CliError::usage(e.to_string(), None))?;
    let sources = args.responses.sources(ctx.cwd());
    // Replay answers from the cassette's batch lines: no key, no network, no batch client.
    let cassette = match (&sources.replay, &sources.record) {
        (Some(path), _) => Some(Cassette::replay(path)?),
        (None, Some(path)) => Some(Cassette::record(path)?),
        (None, None) => None,
    };
    let replaying = cassette.as_ref().is_some_and(Cassette::is_replay);
    let recording = cassette.as_ref().is_some_and(|c| !c.is_replay());
    let mut ledger = Ledger::load(&Ledger::path_for(path))?;
    // What this session may send: samples neither recorded nor in an open batch. Over the cap
    // (a resume, a collect that would send again), nothing is sent at all.
    let budget = match cap {
        Some(cap) => {
            let pending = ledger.pending();
            let todo: Vec<WorkItem> = items
                .iter()
                .filter(|i| {
                    let key = batch::key_of(plan, i);
                    !recorded.contains(&key) && !pending.contains(&key)
                })
                .copied()
                .collect();
            check_budget(project, plan, &todo, cap)?;
            // Priced over every sample of the run: samples sent again later (expired,
            // cancelled) are among them even when nothing is left to send now.
            let per_call = per_call_estimate(project, plan, &items);
            Some(DriveBudget {
                left: cap.usd,
                per_call,
            })
        }
        None => None,
    };
    let clients = if replaying {
        HashMap::new()
    } else {
        clients(project, plan)?
    };
    let options = RunOptions {
        run_id: run_id.to_owned(),
        redact: args.redact,
        version: promptctl::VERSION.to_owned(),
    };
    let prices = gateway::prices(&project.config);
    // Variants that do not go through batches run synchronously in the same run.
    let (items, mut synchronous): (Vec<WorkItem>, Vec<WorkItem>) = items
        .into_iter()
        .partition(|i| batched.get(i.arm as usize).copied().unwrap_or(true));
    synchronous.retain(|i| !recorded.contains(&batch::key_of(plan, i)));
    let session = Session {
        plan,
        items,
        clients,
        prices: &prices,
        options: &options,
        clock,
        cassette: cassette.as_ref(),
    };
    let resuming = args.resume.is_some();
    let wait = match args.batch_args.wait {
        Some(s) => Some(Duration::from_secs(s)),
        // A recording is only whole once every batch ended and was read.
        None if resuming || recording => None,
        None => Some(Duration::ZERO),
    };
    let fallback = match args.batch_args.fallback {
        FallbackArg::Batch => Fallback::Batch,
        FallbackArg::Sync => Fallback::Sync,
    };
    let drive = DriveOptions {
        wait,
        poll: poll_interval(),
        max_sends: 3,
        fallback,
        submit: true,
        budget,
    };
    let runtime = ctx.runtime()?;
    let summary = runtime.block_on(batch::drive(
        &session,
        &mut ledger,
        writer,
        &mut recorded,
        &drive,
    ))?;
    let mut summary = summary;
    if !synchronous.is_empty() {
        let arms: Vec<&str> = plan
            .arms
            .iter()
            .zip(batched)
            .filter(|(_, b)| !**b)
            .map(|(a, _)| a.id.as_str())
            .collect();
        ctx.printer().status(&format!(
            "calling {} samples of {} synchronously (not batched in the spec)",
            synchronous.len(),
            arms.join(", ")
        ));
    }
    if fallback == Fallback::Sync && !summary.leftover.is_empty() && summary.open == 0 {
        ctx.printer().status(&format!(
            "calling {} unanswered samples synchronously (`--fallback sync`)",
            summary.leftover.len()
        ));
        synchronous.append(&mut summary.leftover);
    }
    if !synchronous.is_empty() {
        let mut providers: Vec<String> = synchronous
            .iter()
            .map(|i| plan.arms[i.arm as usize].provider.clone())
            .collect();
        providers.sort();
        providers.dedup();
        let completer = Arc::new(GatewayCompleter(gateway::build(
            &project.root,
            &project.config,
            &providers,
            &args.responses.sources(ctx.cwd()),
            None,
        )?));
        let (_handle, cancel) = runner::cancellation();
        // The synchronous part gets what the batches left of the cap, and stops there.
        let mut stop = budget.map(|b| {
            #[allow(clippy::cast_precision_loss)]
            let open = ledger.pending().len() as f64 * b.per_call;
            BudgetStop::new(
                (b.left - summary.cost_usd - open).max(0.0),
                b.per_call,
                plan.spec.concurrency,
                None,
            )
        });
        let mut done = vec![0u64; plan.arms.len()];
        for key in &recorded {
            if let Some(i) = plan.arms.iter().position(|a| a.id == key.arm) {
                done[i] += 1;
            }
        }
        let sync = runtime.block_on(runner::run(
            plan,
            synchronous,
            &done,
            completer,
            writer,
            &options,
            &NoProgress,
            cancel,
            clock,
            stop.as_mut()
                .map(|s| s as &mut dyn promptctl::experiment::runner::EarlyStop),
        ))?;
        summary.written += sync.written;
        summary.failed += sync.failed_calls();
        if let promptctl::experiment::runner::Outcome::StoppedEarly(reason) = sync.outcome
            && stop.as_ref().is_some_and(BudgetStop::stopped)
        {
            summary.budget_stop.get_or_insert(reason);
        }
    }
    writer.flush()?;
    report(
        ctx,
        &plan.spec.name,
        run_id,
        &args.experiment,
        &summary,
        &ledger,
    )
}

fn report(
    ctx: &CommandContext,
    name: &str,
    run_id: &str,
    experiment: &str,
    summary: &DriveSummary,
    ledger: &Ledger,
) -> anyhow::Result<ExitStatus> {
    let printer = ctx.printer();
    for part in &summary.found {
        printer.status(&format!(
            "found batch part {part} again by its tag (created before an interruption)"
        ));
    }
    let batches: Vec<String> = ledger
        .parts
        .iter()
        .map(|p| {
            format!(
                "{} {} {}/{} {} samples: {}",
                p.name,
                p.batch_id.as_deref().unwrap_or("(not created)"),
                p.provider,
                p.model,
                p.samples.len(),
                p.ended.as_ref().map_or("open", |(s, _)| s.as_str())
            )
        })
        .collect();
    printer.data(&format!(
        "Batch run `{run_id}` of `{name}`: {} parts ({} open), {} records written ({} failed calls), ${:.6} at batch prices{}\n  {}\n",
        ledger.parts.len(),
        summary.open,
        summary.written,
        summary.failed,
        summary.cost_usd,
        if summary.sync_cost_usd > 0.0 {
            format!(
                " instead of ${:.6} synchronous (saved ${:.6})",
                summary.sync_cost_usd,
                summary.sync_cost_usd - summary.cost_usd
            )
        } else {
            String::new()
        },
        batches.join("\n  ")
    ))?;
    if !summary.batch_failures.is_empty() {
        let reasons: Vec<String> = summary
            .batch_failures
            .iter()
            .map(|(part, id, errors)| format!("{part} ({id}): {}", errors.join("; ")))
            .collect();
        return Err(CliError {
            message: format!(
                "{} batches failed as a whole:\n  {}",
                reasons.len(),
                reasons.join("\n  ")
            ),
            code: PROVIDER,
            hint: Some(format!(
                "their samples are not recorded; fix the cause, then `promptctl ab run {experiment} --resume {run_id} --batch` sends them again"
            )),
        }
        .into());
    }
    if let Some(reason) = &summary.budget_stop {
        printer.warn(&format!(
            "{reason}; `promptctl ab run {experiment} --resume {run_id}` with a higher `--max-cost` or budget sends them"
        ));
    }
    if summary.open > 0 {
        printer.status(&format!(
            "collect the results with `promptctl ab collect {experiment} {run_id}` (or `--wait SECONDS`)"
        ));
    } else if !summary.leftover.is_empty() {
        printer.warn(&format!(
            "{} samples are still unanswered; `promptctl ab collect {experiment} {run_id}` sends them again",
            summary.leftover.len()
        ));
    }
    Ok(ExitStatus::Success)
}

/// `ab collect`: `ab run --resume RUN_ID --batch`.
pub(crate) fn collect(ctx: &CommandContext, args: &CollectArgs) -> anyhow::Result<ExitStatus> {
    // Only a run with batches is collected (the ledger says which variants were batched).
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    ledger_path(project, &spec.name, &args.run_id, args.shard)?;
    let run = RunArgs::resume_batch(
        &args.experiment,
        &args.run_id,
        args.shard,
        args.wait,
        args.fallback,
    );
    crate::cli::commands::ab::run::run(ctx, &run)
}

/// `ab cancel`.
pub(crate) fn cancel(ctx: &CommandContext, args: &CancelArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let spec = load_spec(project, &args.experiment)?;
    let path = ledger_path(project, &spec.name, &args.run_id, args.shard)?;
    let mut ledger = Ledger::load(&path)?;
    let mut names: Vec<String> = ledger.parts.iter().map(|p| p.provider.clone()).collect();
    names.sort();
    names.dedup();
    let clients = clients_for(project, &names)?;
    let runtime = ctx.runtime()?;
    let cancelled: Vec<Cancelled> = runtime
        .block_on(batch::cancel(&clients, &mut ledger))?
        .into_iter()
        .map(|(part, batch_id)| Cancelled { part, batch_id })
        .collect();
    print_cancel(ctx.printer(), &spec.name, &args.run_id, &cancelled)?;
    ctx.printer().status(&format!(
        "{} batches asked to cancel; `promptctl ab collect {} {}` records what they answered",
        cancelled.len(),
        args.experiment,
        args.run_id
    ));
    Ok(ExitStatus::Success)
}

fn ledger_path(
    project: &Project,
    experiment: &str,
    run_id: &str,
    shard: Option<promptctl::experiment::assign::Shard>,
) -> anyhow::Result<std::path::PathBuf> {
    promptctl::confine::check_file_name(run_id).map_err(|e| e.from_origin("RUN_ID"))?;
    let suffix = shard
        .map(|s| format!(".shard-{}-of-{}", s.index, s.count))
        .unwrap_or_default();
    let results = results_dir(project, experiment).join(format!("{run_id}{suffix}.jsonl"));
    let path = Ledger::path_for(&results);
    if !path.is_file() {
        return Err(CliError::usage(
            format!("run `{run_id}` of `{experiment}` has no batches"),
            Some(format!("`promptctl ab status {experiment}` lists its runs")),
        )
        .into());
    }
    Ok(path)
}

/// The batch parts of `ab status`: each part of each run with a ledger, with its live state.
pub(crate) fn part_statuses(
    ctx: &CommandContext,
    project: &Project,
    experiment: &str,
) -> anyhow::Result<Vec<PartStatus>> {
    let dir = results_dir(project, experiment);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut ledgers: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(batch::LEDGER_SUFFIX))
        .collect();
    ledgers.sort();
    let mut out = Vec::new();
    for path in ledgers {
        let ledger = Ledger::load(&path)?;
        // Collected parts need no client (and so no key): a replayed run shows offline.
        let mut names: Vec<String> = ledger
            .parts
            .iter()
            .filter(|p| p.ended.is_none())
            .map(|p| p.provider.clone())
            .collect();
        names.sort();
        names.dedup();
        let clients = if names.is_empty() {
            HashMap::new()
        } else {
            clients_for(project, &names).unwrap_or_default()
        };
        let run = path
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(batch::LEDGER_SUFFIX)
                    .to_owned()
            })
            .unwrap_or_default();
        let runtime = ctx.runtime()?;
        for (part, live) in runtime.block_on(batch::statuses(&clients, &ledger)) {
            let mut status = PartStatus {
                run: run.clone(),
                part: part.name.clone(),
                batch_id: part.batch_id.clone(),
                provider: part.provider.clone(),
                model: part.model.clone(),
                samples: part.samples.len(),
                state: "unknown",
                status: None,
                succeeded: None,
                total: None,
                failed: None,
                error: None,
            };
            match (&part.ended, live) {
                (Some((word, _)), _) => {
                    status.state = "collected";
                    status.status = Some(word.clone());
                }
                (None, Ok(s)) => {
                    status.state = "open";
                    status.status = Some(s.status);
                    status.succeeded = Some(s.succeeded);
                    status.total = Some(s.total);
                    status.failed = Some(s.failed);
                }
                (None, Err(e)) => status.error = Some(e.to_string()),
            }
            out.push(status);
        }
    }
    Ok(out)
}
