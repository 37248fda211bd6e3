//! `promptctl ab run`: run an experiment, appending one record per sample to its results file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use promptctl::experiment::analyze::SequentialStop;
use promptctl::experiment::assign::Shard;
use promptctl::experiment::budget::{self, BudgetStop};
use promptctl::experiment::exec::Clock;
use promptctl::experiment::journal::{self, DEFAULT_BATCH, JournalWriter};
use promptctl::experiment::lock::{LockHolder, RunLock};
use promptctl::experiment::runner::{
    self, EarlyStop, NoProgress, Outcome, RunObserver, RunOptions,
};
use promptctl::notify::Event;
use promptctl::project::Project;
use promptctl::report::spend::{Remaining, Spend};

use crate::cli::commands::ab::batch::{BatchArgs, FallbackArg};
use crate::cli::commands::ab::{
    GatewayCompleter, build_plan, build_resumed_plan, load_spec, results_dir,
};
use crate::cli::context::CommandContext;
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus, FINDINGS, INTERRUPTED, PROVIDER};
use crate::cli::gateway::{self, ResponseSourceArgs};
use crate::cli::interrupt;
use crate::cli::output;
use crate::cli::progress::AbProgress;

/// Run an experiment and record every sample
///
/// Sends every case through every variant (paired) or through its assigned variant (split),
/// concurrently within `concurrency` and each provider's limits, scores the outputs, and
/// appends one JSON line per sample to `results/<experiment>/<run-id>.jsonl`, synced in
/// batches. Ctrl-C stops dispatching and waits for calls in flight (press again to drop them);
/// a crash loses at most those. `--resume <run-id>` finishes a run without repeating a sample,
/// with the prompts it started with (it refuses when the working tree changed them), and retries
/// the samples whose call failed (`--no-retry-errors` keeps them). One process writes a run at a
/// time: a second `ab run` of the same run is refused (exit 2).
/// Failed calls are recorded and left out of quality metrics; when more than the spec's
/// `max_error_rate` (default 10%) of the session's calls fail, the run is reported incomplete
/// and exits 5.
/// `--shard K/N` runs a deterministic slice (by case), so a CI matrix can split one experiment;
/// the shards' files together equal an unsharded run. With `stopping.rule: sequential` the run
/// ends as soon as every variant is settled against the control. Exit 130 when interrupted.
///
/// Examples:
///   promptctl ab run reply-tone
///   promptctl ab run reply-tone --replay cassettes/reply-tone.jsonl    # offline, free
///   promptctl ab run reply-tone --resume 20260101T000000Z
///   promptctl ab run reply-tone --shard 2/4 --run-id "gh-$GITHUB_RUN_ID"
///   promptctl ab run reply-tone --commit --redact
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[allow(clippy::struct_excessive_bools)] // independent flags
pub(crate) struct RunArgs {
    /// The experiment: a name under `experiments/` or a path to its YAML file
    pub(crate) experiment: String,
    /// Finish an interrupted run instead of starting a new one
    #[arg(long, value_name = "RUN_ID", conflicts_with = "run_id")]
    pub(crate) resume: Option<String>,
    /// Name the run (default: the start time); shards of one run must share it
    #[arg(long, value_name = "RUN_ID")]
    pub(crate) run_id: Option<String>,
    /// Run slice K of N (by case id); needs `--run-id` so the shards' files belong together
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<Shard>,
    /// Store a hash and an 80-character excerpt of each output instead of the output
    #[arg(long)]
    pub(crate) redact: bool,
    /// Commit the results file (alone) when the run ends
    #[arg(long)]
    pub(crate) commit: bool,
    /// Calls in flight at once (overrides the spec's `concurrency`)
    #[arg(long, value_name = "N")]
    pub(crate) concurrency: Option<usize>,
    /// With `--resume`: call again the samples whose call failed (the default)
    #[arg(long, overrides_with = "no_retry_errors")]
    pub(crate) retry_errors: bool,
    /// With `--resume`: keep failed samples as recorded instead of retrying them
    #[arg(long, overrides_with = "retry_errors")]
    pub(crate) no_retry_errors: bool,
    /// Spend at most this many US dollars: refuse a run estimated over it, and stop dispatching
    /// before the calls that could still start might pass it (calls in flight are recorded)
    #[arg(long, value_name = "USD")]
    pub(crate) max_cost: Option<f64>,
    #[command(flatten)]
    pub(crate) responses: ResponseSourceArgs,
    #[command(flatten)]
    pub(crate) batch_args: BatchArgs,
}

impl RunArgs {
    /// The arguments of `ab collect`: resume a batch run.
    pub(crate) fn resume_batch(
        experiment: &str,
        run_id: &str,
        shard: Option<Shard>,
        wait: Option<u64>,
        fallback: FallbackArg,
    ) -> RunArgs {
        RunArgs {
            experiment: experiment.to_owned(),
            resume: Some(run_id.to_owned()),
            run_id: None,
            shard,
            redact: false,
            commit: false,
            concurrency: None,
            // Collecting records what the batches answered; re-sending refused requests is
            // `ab run --resume`'s business.
            retry_errors: false,
            no_retry_errors: true,
            max_cost: None,
            responses: ResponseSourceArgs {
                cache: crate::cli::gateway::CacheArg::Off,
                record: None,
                replay: None,
            },
            batch_args: BatchArgs {
                // The ledger keeps the batched variants batched; the others stay synchronous.
                batch: false,
                wait,
                fallback,
            },
        }
    }
}

/// Record timestamps: `PROMPTCTL_TIMESTAMP` when set (reproducible runs), else the wall clock.
pub(crate) struct WallClock(pub(crate) Option<String>);

impl Clock for WallClock {
    fn now(&self) -> String {
        self.0
            .clone()
            .unwrap_or_else(|| promptctl::store::history::format_rfc3339(env_vars::unix_seconds()))
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    // First of all: Ctrl-C from here on stops the run cleanly, however early it comes.
    let (handle, cancel) = runner::cancellation();
    let printer = ctx.printer().clone();
    interrupt::listen(move || {
        printer.status("interrupted: finishing the calls in flight (Ctrl-C again to drop them)");
        handle.cancel();
    });
    let project = ctx.project()?;
    let mut spec = load_spec(project, &args.experiment)?;
    if let Some(n) = args.concurrency {
        spec.concurrency = n.max(1);
    }
    let shard = args.shard.unwrap_or(Shard::ALL);
    if let Some(cap) = args.max_cost
        && !(cap.is_finite() && cap > 0.0)
    {
        return Err(CliError::usage(
            format!("`--max-cost {cap}` is not an amount of US dollars"),
            Some("give a positive amount, such as `--max-cost 2.50`".to_owned()),
        )
        .into());
    }
    if !shard.is_all() && args.run_id.is_none() && args.resume.is_none() {
        return Err(CliError::usage(
            "`--shard` needs `--run-id`, so every shard writes to the same run",
            Some("in GitHub Actions: `--run-id gh-${{ github.run_id }}`".to_owned()),
        )
        .into());
    }
    // A run id becomes a file name under `results/<experiment>/`.
    if let Some(id) = &args.run_id {
        promptctl::confine::check_file_name(id).map_err(|e| e.from_origin("--run-id"))?;
    }
    if let Some(id) = &args.resume {
        promptctl::confine::check_file_name(id).map_err(|e| e.from_origin("--resume"))?;
    }
    let offline = args.responses.replay.is_some();
    let clock = WallClock(env_vars::timestamp());
    let recorded = recorded_spend(project)?;
    let dir = results_dir(project, &spec.name);
    let boundary = promptctl::confine::Boundary::new(&project.root);
    boundary.check(&dir)?;
    let suffix = if shard.is_all() {
        String::new()
    } else {
        format!(".shard-{}-of-{}", shard.index, shard.count)
    };
    // The lock is taken before the results file is read or created, and held (`_lock`) until
    // this function returns, whichever way it returns.
    let (run_id, path, _lock, plan, mut writer, done) = if let Some(run_id) = &args.resume {
        let path = dir.join(format!("{run_id}{suffix}.jsonl"));
        boundary.check(&path)?;
        if !path.is_file() {
            return Err(CliError::usage(
                format!(
                    "run `{run_id}` of `{}` has no results file `{}`",
                    spec.name,
                    relative(project, &path)
                ),
                Some(format!(
                    "`promptctl ab status {}` lists its runs",
                    spec.name
                )),
            )
            .into());
        }
        let lock = lock_run(ctx, &path)?;
        let recovered = journal::recover(&path)?;
        if recovered.repaired_bytes > 0 {
            ctx.printer().warn(&format!(
                "dropped an incomplete last line ({} bytes) left by an interrupted write",
                recovered.repaired_bytes
            ));
        }
        let mut plan = build_resumed_plan(project, spec, offline, &recovered.prompts)?;
        recovered.prompts.check(run_id, &plan)?;
        if let Some(seed) = recovered.seed {
            plan.seed = seed;
        }
        let writer = JournalWriter::append(&path, DEFAULT_BATCH)?;
        let mut done = recovered.done;
        // A replayed batch answers a refused request with the same refusal: resuming keeps it.
        let batch_replay = offline
            && (args.batch_args.batch
                || promptctl::experiment::batch::Ledger::path_for(&path).is_file());
        let retry = (args.retry_errors || !args.no_retry_errors) && !batch_replay;
        if !retry {
            done.extend(recovered.failed);
        } else if !recovered.failed.is_empty() {
            ctx.printer().status(&format!(
                "retrying {} samples whose call failed (`--no-retry-errors` keeps them)",
                recovered.failed.len()
            ));
        }
        (run_id.clone(), path, lock, plan, writer, done)
    } else {
        let plan = build_plan(project, spec, offline)?;
        if let Some(cap) = run_cap(args, project, recorded.as_ref(), &plan, &clock) {
            // Before the results file exists: a refused run records nothing.
            check_budget(
                project,
                &plan,
                &plan.work_items(shard, &HashSet::new()),
                &cap,
            )?;
        }
        if interrupt::received() > 0 {
            return Err(CliError {
                message: "interrupted before the run started: nothing was recorded".to_owned(),
                code: INTERRUPTED,
                hint: None,
            }
            .into());
        }
        let base = args.run_id.clone().unwrap_or_else(|| compact(&clock.now()));
        let (run_id, path) = free_path(&dir, &base, &suffix, args.run_id.is_some());
        let lock = lock_run(ctx, &path)?;
        let writer = JournalWriter::create(&path, DEFAULT_BATCH)?;
        (run_id, path, lock, plan, writer, HashSet::new())
    };
    let ledger = promptctl::experiment::batch::Ledger::load(
        &promptctl::experiment::batch::Ledger::path_for(&path),
    )?;
    let batched = promptctl::experiment::batch::batched_arms(&plan, args.batch_args.batch, &ledger);
    let cap = run_cap(args, project, recorded.as_ref(), &plan, &clock);
    if batched.contains(&true) {
        let items = plan.work_items(shard, &HashSet::new());
        return crate::cli::commands::ab::batch::run_batch(
            ctx,
            args,
            project,
            &plan,
            (items, &batched),
            done,
            &mut writer,
            &run_id,
            &path,
            &clock,
            cap.as_ref(),
        );
    }
    let items = plan.work_items(shard, &done);
    let per_call = match &cap {
        Some(cap) => check_budget(project, &plan, &items, cap)?,
        None => 0.0,
    };
    let mut already = vec![0u64; plan.arms.len()];
    for key in &done {
        if let Some(i) = plan.arms.iter().position(|a| a.id == key.arm) {
            already[i] += 1;
        }
    }
    ctx.printer().status(&format!(
        "Running `{}`: {} samples over {} variants -> {}",
        plan.spec.name,
        items.len(),
        plan.arms.len(),
        relative(project, &path)
    ));
    let runtime = ctx.runtime()?;
    let _guard = runtime.enter();
    let mut providers: Vec<String> = plan.arms.iter().map(|a| a.provider.clone()).collect();
    providers.extend(plan.judges.values().map(|j| j.provider.clone()));
    providers.sort();
    providers.dedup();
    let replay = args.responses.sources(ctx.cwd());
    // Each variant names one model, so routing can only reorder nothing; the project's routing
    // constraints (regions, budgets) still apply.
    let completer = Arc::new(GatewayCompleter(gateway::build(
        &project.root,
        &project.config,
        &providers,
        &replay,
        project.config.routing.clone(),
    )?));
    let progress = AbProgress::new(ctx.printer());
    let observer: &dyn RunObserver = match &progress {
        Some(p) => p,
        None => &NoProgress,
    };
    let mut sequential = SequentialStop::new(&plan.spec);
    let options = RunOptions {
        run_id: run_id.clone(),
        redact: args.redact,
        version: promptctl::VERSION.to_owned(),
    };
    let inner = sequential.as_mut().map(|s| s as &mut dyn EarlyStop);
    let mut budget = None;
    let summary = if let Some(cap) = &cap {
        let b = budget.insert(BudgetStop::new(
            cap.usd,
            per_call,
            plan.spec.concurrency,
            inner,
        ));
        runtime.block_on(runner::run(
            &plan,
            items,
            &already,
            completer,
            &mut writer,
            &options,
            observer,
            cancel,
            &clock,
            Some(b),
        ))?
    } else {
        runtime.block_on(runner::run(
            &plan,
            items,
            &already,
            completer,
            &mut writer,
            &options,
            observer,
            cancel,
            &clock,
            inner,
        ))?
    };
    // What this session spent, the calls that finished after dispatching stopped included.
    let budget_stop = budget.as_ref().filter(|b| b.stopped()).map(|_| {
        let spent: f64 = summary.arms.iter().map(|a| a.cost_usd).sum();
        (spent, cap.as_ref().map_or(0.0, |c| c.usd))
    });
    drop(writer);
    let shown = relative(project, &path);
    output::ab::print_run(ctx.printer(), &plan.spec.name, &run_id, &shown, &summary)?;
    if summary.outcome == Outcome::Interrupted {
        return Err(CliError {
            message: format!(
                "interrupted: {} samples recorded in this session",
                summary.written
            ),
            code: INTERRUPTED,
            hint: Some(format!(
                "finish it with `promptctl ab run {} --resume {run_id}{}`",
                args.experiment,
                args.shard
                    .map(|s| format!(" --shard {s}"))
                    .unwrap_or_default()
            )),
        }
        .into());
    }
    if let Some(message) = summary.too_many_failed_message(plan.spec.max_error_rate) {
        return Err(CliError {
            message,
            code: PROVIDER,
            hint: Some(format!(
                "the records name each error; once the provider answers, `promptctl ab run {} --resume {run_id}{}` retries them",
                args.experiment,
                args.shard
                    .map(|s| format!(" --shard {s}"))
                    .unwrap_or_default()
            )),
        }
        .into());
    }
    if args.commit {
        let total: u64 = summary.arms.iter().map(|a| a.done).sum();
        let message = format!(
            "ab: {} run {run_id}{}: {total} samples over {}\n\nRecorded by promptctl {}.",
            plan.spec.name,
            if shard.is_all() {
                String::new()
            } else {
                format!(" (shard {shard})")
            },
            plan.arms
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            promptctl::VERSION
        );
        let committed = commit_results(project, &path, &message)?;
        if let Some(warning) = &committed.warning {
            ctx.printer().warn(warning);
        }
        ctx.printer().status(&match committed.short {
            Some(short) => format!("Committed {shown} as {short}"),
            None => format!("{shown} was already committed"),
        });
    }
    // The stopping rule's decision is the verdict this run reached; otherwise counts only.
    let verdict = match &summary.outcome {
        Outcome::StoppedEarly(reason) => Some(format!("Stopped early: {reason}")),
        _ => None,
    };
    let finished =
        Event::experiment_finished(&plan.spec.name, &run_id, &summary, verdict.as_deref());
    crate::cli::notify::emit(ctx, &finished)?;
    if let Some((spent, cap)) = budget_stop {
        let exceeded = Event::budget_exceeded(&plan.spec.name, &run_id, spent, cap);
        crate::cli::notify::emit(ctx, &exceeded)?;
    }
    Ok(ExitStatus::Success)
}

/// What the results recorded so far spent, when `budget:` sets any limit.
fn recorded_spend(project: &Project) -> anyhow::Result<Option<Spend>> {
    if project.config.budget.is_empty() {
        return Ok(None);
    }
    let options = promptctl::report::Options {
        by: Vec::new(),
        ..promptctl::report::Options::default()
    };
    let report = promptctl::report::build(&project.root.join("results"), &project.root, options)?;
    Ok(Some(report.spend))
}

/// The most a run may spend, and which limit says so.
pub(crate) struct Cap {
    pub(crate) usd: f64,
    /// The budget that sets it (`None`: `--max-cost`).
    budget: Option<Remaining>,
}

/// The lower of `--max-cost` and what the `budget:` limits leave for this run's providers.
fn run_cap(
    args: &RunArgs,
    project: &Project,
    spend: Option<&Spend>,
    plan: &promptctl::experiment::plan::Plan,
    clock: &WallClock,
) -> Option<Cap> {
    let providers: Vec<String> = plan.arms.iter().map(|a| a.provider.clone()).collect();
    let today = clock.now().get(..10).unwrap_or_default().to_owned();
    // A resumed run's earlier sessions count against its per-run limit.
    let run = args
        .resume
        .as_deref()
        .map(|id| (plan.spec.name.as_str(), id));
    let budget = spend.and_then(|s| s.remaining(&project.config.budget, &today, &providers, run));
    match (args.max_cost, budget) {
        (Some(max), Some(b)) if b.left < max => Some(Cap {
            usd: b.left,
            budget: Some(b),
        }),
        (Some(max), _) => Some(Cap {
            usd: max,
            budget: None,
        }),
        (None, Some(b)) => Some(Cap {
            usd: b.left,
            budget: Some(b),
        }),
        (None, None) => None,
    }
}

/// Refuses a run whose estimated cost is over `cap` (or unknown); returns the estimated cost
/// of one call.
pub(crate) fn check_budget(
    project: &Project,
    plan: &promptctl::experiment::plan::Plan,
    items: &[promptctl::experiment::plan::WorkItem],
    cap: &Cap,
) -> anyhow::Result<f64> {
    let estimate = plan.estimate(
        items,
        &crate::cli::commands::ab::Catalog::new(&project.config, true),
    );
    budget::check_estimate(estimate.cost_usd, cap.usd).map_err(|e| CliError {
        message: match (&e, &cap.budget) {
            (budget::BudgetError::OverCap { estimate, .. }, Some(limit)) => {
                format!("the run is estimated at ${estimate:.4}, over {limit}")
            }
            (budget::BudgetError::Unknown, Some(limit)) => format!(
                "the run's cost cannot be estimated (a model has no price), so {limit} cannot hold it"
            ),
            _ => e.to_string(),
        },
        code: FINDINGS,
        hint: Some(match e {
            budget::BudgetError::OverCap { .. } if cap.budget.is_some() => {
                "raise the limit under `budget:` in promptctl.yaml, wait for the next day or month, or run fewer samples (`promptctl report` shows the spend)"
                    .to_owned()
            }
            budget::BudgetError::OverCap { .. } => {
                "raise `--max-cost`, or run fewer samples (`--shard`, fewer repeats or cases)"
                    .to_owned()
            }
            budget::BudgetError::Unknown => {
                "give the model a price under `pricing:` in promptctl.yaml (`promptctl ab plan` shows the estimate)"
                    .to_owned()
            }
        }),
    })?;
    let calls = estimate.calls + estimate.judge_calls;
    #[allow(clippy::cast_precision_loss)]
    Ok(estimate.cost_usd.unwrap_or(0.0) / (calls.max(1) as f64))
}

/// The estimated cost of one call of `items` (0 when a price is missing or there are none).
#[allow(clippy::cast_precision_loss)]
pub(crate) fn per_call_estimate(
    project: &Project,
    plan: &promptctl::experiment::plan::Plan,
    items: &[promptctl::experiment::plan::WorkItem],
) -> f64 {
    let estimate = plan.estimate(
        items,
        &crate::cli::commands::ab::Catalog::new(&project.config, true),
    );
    let calls = estimate.calls + estimate.judge_calls;
    estimate.cost_usd.unwrap_or(0.0) / (calls.max(1) as f64)
}

/// Takes the run's lock for this process, saying so when it replaces a stale one.
fn lock_run(ctx: &CommandContext, journal: &Path) -> anyhow::Result<RunLock> {
    let lock = RunLock::acquire(journal, &this_process())?;
    if let Some(stale) = lock.took_over() {
        ctx.printer().warn(&format!(
            "took over the lock of process {} (started {}), which no longer runs",
            stale.pid, stale.started_at
        ));
    }
    Ok(lock)
}

/// This process, as the locks it takes name their holder.
pub(crate) fn this_process() -> LockHolder {
    LockHolder {
        pid: std::process::id(),
        host: host_name(),
        started_at: promptctl::store::history::format_rfc3339(env_vars::unix_seconds()),
    }
}

/// This machine's name, as run locks record it.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .or_else(|| env_vars::get("COMPUTERNAME"))
        .or_else(|| env_vars::get("HOSTNAME"))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// `2026-01-01T00:00:00Z` -> `20260101T000000Z`.
pub(crate) fn compact(timestamp: &str) -> String {
    timestamp
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect()
}

/// The first free results path for a run id (`-2`, `-3`, ... when generated ids collide).
fn free_path(dir: &Path, base: &str, suffix: &str, fixed: bool) -> (String, PathBuf) {
    let mut id = base.to_owned();
    let mut n = 1;
    loop {
        let path = dir.join(format!("{id}{suffix}.jsonl"));
        if fixed || !path.exists() {
            return (id, path);
        }
        n += 1;
        id = format!("{base}-{n}");
    }
}

fn relative(project: &Project, path: &Path) -> String {
    path.strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Commits the results file and nothing else.
///
/// The file is already on disk with the content to commit; the store accepts a work-tree file
/// that already holds the new content, so the records never leave their place.
fn commit_results(
    project: &Project,
    path: &Path,
    message: &str,
) -> anyhow::Result<promptctl::store::commit::Committed> {
    use promptctl::store::commit::{CommitOptions, OwnedFile, commit_owned};
    let repo = promptctl::store::Repo::open(project)?;
    let relative = path
        .strip_prefix(&project.root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let repo_path = repo.project_path(&relative);
    let content = std::fs::read(path).with_context(|| format!("cannot read `{relative}`"))?;
    Ok(commit_owned(
        &repo,
        message,
        &CommitOptions::default(),
        &mut |_, _| {
            Ok(vec![OwnedFile {
                path: repo_path.clone(),
                content: content.clone(),
            }])
        },
    )?)
}
