//! The concurrent runner: takes work items, calls the model through a [`Completer`], scores the
//! output, and appends records to the journal as they complete.
//!
//! - **Bounded concurrency**: at most `spec.concurrency` calls in flight; an optional requests
//!   per minute limit spaces out dispatches.
//! - **Durability**: records go to the [`JournalWriter`], which syncs in batches; the runner also
//!   flushes on a short timer, so a crash loses at most the in-flight calls and a fraction of a
//!   second of completions, and `--resume` reruns exactly those.
//! - **Cancellation**: the first [`Cancel`] signal stops dispatching and lets in-flight calls
//!   finish; a second drops them. Either way everything completed is flushed.
//! - **Early stopping**: an [`EarlyStop`] rule (the sequential test in `analyze`) sees each
//!   record and can end the run when the answer is settled.

use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::experiment::assert::{self, AssertionResult, Observation};
use crate::experiment::exec::{Clock, Completer, CompletionError, CompletionRequest, hex};
use crate::experiment::journal::{JournalError, JournalWriter};
use crate::experiment::plan::{Plan, WorkItem};
use crate::experiment::record::{RecordError, RunRecord, ServedBy};
use crate::prompt::render::{self, RenderOptions};

/// How often buffered records are synced even when the batch is not full.
const FLUSH_EVERY: Duration = Duration::from_millis(200);

/// Errors that stop a run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Writing results failed.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// A call failed in a way no retry can fix (credentials, unknown model).
    #[error("provider `{provider}` failed: {source}")]
    Provider {
        /// The provider.
        provider: String,
        /// What it said.
        #[source]
        source: CompletionError,
    },
}

/// Progress callbacks, implemented by the CLI's progress bars.
pub trait RunObserver: Send + Sync {
    /// The run starts: totals per arm (already-done samples count as done).
    fn start(&self, arms: &[ArmProgress]);
    /// A sample was recorded.
    fn sample(&self, arm: usize, progress: &ArmProgress);
    /// The run ended (bars can be cleared).
    fn finish(&self);
}

/// An observer that does nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl RunObserver for NoProgress {
    fn start(&self, _: &[ArmProgress]) {}
    fn sample(&self, _: usize, _: &ArmProgress) {}
    fn finish(&self) {}
}

/// Counts for one arm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArmProgress {
    /// Arm id.
    pub id: String,
    /// Samples recorded (including those from before a resume).
    pub done: u64,
    /// Samples planned in total.
    pub total: u64,
    /// Samples recorded in this session that passed.
    pub passed: u64,
    /// Samples recorded in this session that failed to call.
    pub errors: u64,
    /// Samples recorded in this session.
    pub session: u64,
    /// Cost in this session, US dollars.
    pub cost_usd: f64,
}

/// A rule that may end a run early, fed every record.
pub trait EarlyStop: Send {
    /// Sees a record; returns why to stop when the answer is settled.
    fn observe(&mut self, record: &RunRecord) -> Option<String>;
}

/// The sending side of cancellation (the CLI's Ctrl-C handler holds it).
#[derive(Debug, Clone)]
pub struct CancelHandle(Arc<watch::Sender<u8>>);

/// The receiving side of cancellation, given to the runner.
#[derive(Debug, Clone)]
pub struct Cancel(watch::Receiver<u8>);

/// A connected cancellation pair.
pub fn cancellation() -> (CancelHandle, Cancel) {
    let (tx, rx) = watch::channel(0);
    (CancelHandle(Arc::new(tx)), Cancel(rx))
}

impl CancelHandle {
    /// Signals once more: the first signal drains, the second drops in-flight calls.
    pub fn cancel(&self) {
        self.0.send_modify(|level| *level = level.saturating_add(1));
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every planned sample was recorded.
    Completed,
    /// Cancelled; the rest can be finished with `--resume`.
    Interrupted,
    /// The stopping rule ended the run.
    StoppedEarly(String),
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunSummary {
    /// How it ended.
    pub outcome: Outcome,
    /// Counts per arm.
    pub arms: Vec<ArmProgress>,
    /// Records written in this session.
    pub written: u64,
}

impl RunSummary {
    /// Calls made in this session, over every arm.
    pub fn calls(&self) -> u64 {
        self.arms.iter().map(|a| a.session).sum()
    }

    /// Calls of this session that failed, over every arm.
    pub fn failed_calls(&self) -> u64 {
        self.arms.iter().map(|a| a.errors).sum()
    }

    /// Whether more than `max_error_rate` (a share, 0 to 1) of this session's calls failed.
    pub fn too_many_failed(&self, max_error_rate: f64) -> bool {
        let failed = self.failed_calls();
        #[allow(clippy::cast_precision_loss)] // call counts
        let over = failed as f64 > max_error_rate * self.calls() as f64;
        failed > 0 && over
    }

    /// What to tell the user when [`Self::too_many_failed`]: how many calls failed against the
    /// spec's allowance. `None` when the run is within it.
    pub fn too_many_failed_message(&self, max_error_rate: f64) -> Option<String> {
        self.too_many_failed(max_error_rate).then(|| {
            format!(
                "run incomplete: {} of {} calls failed, more than `max_error_rate` ({}%) allows",
                self.failed_calls(),
                self.calls(),
                max_error_rate * 100.0
            )
        })
    }
}

/// Settings for one run session.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The run id stored in records.
    pub run_id: String,
    /// Store a hash and excerpt instead of the output.
    pub redact: bool,
    /// The promptctl version stored in records.
    pub version: String,
}

/// Runs `items`, appending a record per sample to `journal`.
///
/// Everything the run touches outside itself is a parameter (executor, journal, observer,
/// cancellation, clock, stopping rule), so tests and the CLI each inject their own.
#[allow(clippy::too_many_arguments)]
pub async fn run<C: Completer>(
    plan: &Plan,
    items: Vec<WorkItem>,
    already_done: &[u64],
    completer: Arc<C>,
    journal: &mut JournalWriter,
    options: &RunOptions,
    observer: &dyn RunObserver,
    mut cancel: Cancel,
    clock: &dyn Clock,
    mut stop: Option<&mut dyn EarlyStop>,
) -> Result<RunSummary, RunError> {
    let mut progress: Vec<ArmProgress> = plan
        .arms
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let before = already_done.get(i).copied().unwrap_or(0);
            ArmProgress {
                id: a.id.clone(),
                done: before,
                total: before,
                ..ArmProgress::default()
            }
        })
        .collect();
    for item in &items {
        progress[item.arm as usize].total += 1;
    }
    observer.start(&progress);
    let shared = Arc::new(Shared {
        plan: Plan {
            spec: plan.spec.clone(),
            dataset: plan.dataset.clone(),
            arms: plan.arms.clone(),
            judges: plan.judges.clone(),
            seed: plan.seed,
        },
        options: options.clone(),
    });
    let concurrency = plan.spec.concurrency.max(1);
    let interval = plan
        .spec
        .rate_limit
        .map(|rpm| Duration::from_secs_f64(60.0 / f64::from(rpm.max(1))));
    let mut next_dispatch = tokio::time::Instant::now();
    let mut flush_timer = tokio::time::interval(FLUSH_EVERY);
    flush_timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut set: JoinSet<Result<RunRecord, RunError>> = JoinSet::new();
    let mut queue = items.into_iter();
    let mut dispatching = true;
    let mut outcome = Outcome::Completed;
    let mut written = 0u64;
    let mut level = *cancel.0.borrow();
    if level > 0 {
        dispatching = false;
        outcome = Outcome::Interrupted;
    }
    loop {
        while dispatching && set.len() < concurrency {
            let Some(item) = queue.next() else {
                dispatching = false;
                break;
            };
            if let Some(interval) = interval {
                let now = tokio::time::Instant::now();
                if next_dispatch > now {
                    tokio::select! {
                        () = tokio::time::sleep_until(next_dispatch) => {}
                        _ = cancel.0.changed() => {
                            level = *cancel.0.borrow();
                            dispatching = false;
                            outcome = Outcome::Interrupted;
                            break;
                        }
                    }
                }
                next_dispatch = tokio::time::Instant::now().max(next_dispatch) + interval;
            }
            let started_at = clock.now();
            let shared = shared.clone();
            let completer = completer.clone();
            set.spawn(async move { sample(&shared, item, completer.as_ref(), started_at).await });
        }
        if level >= 2 {
            set.abort_all();
        }
        if set.is_empty() {
            break;
        }
        tokio::select! {
            joined = set.join_next() => {
                let Some(joined) = joined else { break };
                let record = match joined {
                    Ok(Ok(mut record)) => {
                        record.finished_at = clock.now();
                        record
                    }
                    Ok(Err(fatal)) => {
                        set.abort_all();
                        journal.flush()?;
                        observer.finish();
                        return Err(fatal);
                    }
                    // Aborted after a second Ctrl-C: the sample is simply not recorded.
                    Err(_) => continue,
                };
                journal.push(&record)?;
                written += 1;
                let arm = shared.plan.arms.iter().position(|a| a.id == record.arm).unwrap_or(0);
                let p = &mut progress[arm];
                p.done += 1;
                p.session += 1;
                p.passed += u64::from(record.pass);
                p.errors += u64::from(record.error.is_some());
                p.cost_usd += record.cost_usd.unwrap_or(0.0);
                observer.sample(arm, p);
                if let Some(rule) = stop.as_deref_mut()
                    && dispatching
                    && let Some(reason) = rule.observe(&record)
                {
                    dispatching = false;
                    outcome = Outcome::StoppedEarly(reason);
                }
            }
            _ = cancel.0.changed(), if level < 2 => {
                level = *cancel.0.borrow();
                dispatching = false;
                outcome = Outcome::Interrupted;
            }
            _ = flush_timer.tick() => journal.flush()?,
        }
    }
    journal.flush()?;
    observer.finish();
    if outcome == Outcome::Completed && queue.len() > 0 {
        outcome = Outcome::Interrupted;
    }
    Ok(RunSummary {
        outcome,
        arms: progress,
        written,
    })
}

struct Shared {
    plan: Plan,
    options: RunOptions,
}

fn sha256_text(text: &str) -> String {
    format!("sha256:{}", hex(&Sha256::digest(text.as_bytes())))
}

/// A sample's record before anything happened to it: who, what and when, no outcome yet. The
/// synchronous runner and batch collection fill in the rest.
pub(crate) fn blank_record(
    plan: &Plan,
    item: &WorkItem,
    options: &RunOptions,
    started_at: String,
) -> RunRecord {
    let arm = &plan.arms[item.arm as usize];
    let case = &plan.dataset.cases[item.case as usize];
    RunRecord {
        run_id: options.run_id.clone(),
        provider: arm.provider.clone(),
        model: arm.model.clone(),
        params: arm.params.clone(),
        case_id: case.id.clone(),
        repeat: item.repeat,
        seed: plan.seed,
        started_at,
        promptctl_version: options.version.clone(),
        ..RunRecord::unanswered(plan.spec.name.clone(), arm.id.clone(), arm.info.clone())
    }
}

/// Takes one sample: render, call, score. `Err` only for fatal provider errors.
async fn sample<C: Completer>(
    shared: &Shared,
    item: WorkItem,
    completer: &C,
    started_at: String,
) -> Result<RunRecord, RunError> {
    let plan = &shared.plan;
    let arm = &plan.arms[item.arm as usize];
    let case = &plan.dataset.cases[item.case as usize];
    let mut record = blank_record(plan, &item, &shared.options, started_at);
    let rendered = match arm.render_case(case) {
        Ok(r) => r,
        Err(e) => {
            record.error = Some(RecordError {
                kind: "render".into(),
                message: e.to_string(),
            });
            return Ok(record);
        }
    };
    let request = CompletionRequest {
        provider: arm.provider.clone(),
        model: arm.model.clone(),
        messages: rendered.messages.clone(),
        params: arm.params.clone(),
        output: arm.prompt.front_matter.output.clone(),
    };
    record.request_hash = request.hash();
    record.media = crate::experiment::record::recorded_media(&request.messages);
    let completion = match completer.complete(request).await {
        Ok(c) => c,
        Err(e) if e.fatal => {
            return Err(RunError::Provider {
                provider: arm.provider.clone(),
                source: e,
            });
        }
        Err(e) => {
            record.attempts = Some(e.attempts);
            record.error = Some(RecordError {
                kind: e.kind,
                message: e.message,
            });
            return Ok(record);
        }
    };
    record.latency_ms = completion.latency_ms;
    record.attempt_latency_ms = Some(completion.attempt_latency_ms);
    record.attempts = Some(completion.attempts);
    record.served_by = Some(ServedBy {
        provider: if completion.provider.is_empty() {
            arm.provider.clone()
        } else {
            completion.provider.clone()
        },
        model: if completion.model.is_empty() {
            arm.model.clone()
        } else {
            completion.model.clone()
        },
    });
    record.tokens_in = completion.tokens_in;
    record.tokens_out = completion.tokens_out;
    record.cost_usd = completion.cost_usd;
    record.cached = completion.cached;
    record.finish_reason.clone_from(&completion.finish_reason);
    let output = completion.content;
    let observation = Observation {
        output: &output,
        expected: case.expected.as_ref(),
        latency_ms: completion.latency_ms,
        cost_usd: completion.cost_usd,
        tokens_out: completion.tokens_out,
        output_schema: arm.output_schema.as_deref(),
    };
    let mut results: Vec<AssertionResult> = Vec::new();
    for a in plan.spec.assertions.iter().chain(&case.assertions) {
        let result = match a.judge() {
            Some(judge) => {
                let input = rendered.text();
                judge_sample(
                    plan,
                    &a.metric,
                    judge,
                    &input,
                    &output,
                    case.expected.as_ref(),
                    completer,
                )
                .await?
            }
            None => a.evaluate(&observation),
        };
        results.push(result);
    }
    record.pass = results.iter().all(|r| r.pass);
    record.assertions = results;
    record.output_hash = sha256_text(&output);
    if shared.options.redact {
        record.keep_redacted(&output);
    } else {
        record.output = Some(output);
    }
    Ok(record)
}

async fn judge_sample<C: Completer>(
    plan: &Plan,
    metric: &str,
    judge: &assert::Judge,
    input: &str,
    output: &str,
    expected: Option<&serde_json::Value>,
    completer: &C,
) -> Result<AssertionResult, RunError> {
    let failed = |reason: String| AssertionResult {
        metric: metric.to_owned(),
        pass: false,
        score: None,
        reason: Some(reason),
    };
    let Some(target) = plan.judges.get(&judge.grader) else {
        return Ok(failed("the grader was not resolved".into()));
    };
    let vars = assert::judge_variables(judge, input, output, expected);
    let rendered = match render::render_resolved(
        &*target.loader,
        &target.prompt,
        &vars,
        &RenderOptions::default(),
    ) {
        Ok(r) => r,
        Err(e) => return Ok(failed(format!("the grader does not render: {e}"))),
    };
    let request = CompletionRequest {
        provider: target.provider.clone(),
        model: target.model.clone(),
        messages: rendered.messages,
        params: target.params.clone(),
        output: target.prompt.front_matter.output.clone(),
    };
    match completer.complete(request).await {
        Ok(reply) => Ok(assert::judge_result(metric, judge, &reply.content)),
        Err(e) if e.fatal => Err(RunError::Provider {
            provider: target.provider.clone(),
            source: e,
        }),
        Err(e) => Ok(failed(format!("the grader call failed: {e}"))),
    }
}
