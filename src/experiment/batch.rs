//! Batch mode: an experiment's samples go through the providers' batch APIs at about half the
//! price, and come back hours later, possibly after the process that sent them is gone.
//!
//! Why a ledger: a batch outlives the process, so everything needed to find and read it again
//! is written down *before* the step that could lose it. The ledger is an append-only JSONL
//! file next to the run's results (`<run-id>.batches`), each line fsynced:
//! 1. `submit`: a part's provider, model, tag and samples (custom id → arm, case, repeat),
//!    written before the batch is created;
//! 2. `created`: the provider's batch id, written as soon as create answers;
//! 3. `ended`: the part is terminal and every record it produced is in the results file.
//!
//! A crash between 1 and 2 leaves a part without an id: [`drive`] first looks the batch up by
//! its tag (OpenAI metadata, Gemini display name) and only creates it again when the provider
//! has no such batch. A crash while records are appended is harmless: records are matched to
//! samples by custom id and a sample that already has a record is never recorded again.
//!
//! Records are those of synchronous runs (same scoring, same schema) plus `mode: batch` and
//! the batch id, priced at the batch price. Requests that expired, were cancelled or hit a
//! retryable error get no record and are sent again in a new part (or, with
//! [`Fallback::Sync`], handed back to the caller to run synchronously); requests the provider
//! refused are recorded as failed calls, as a synchronous run records them.
//!
//! Cassettes: with a recording [`Cassette`] in the [`Session`], every result that becomes a
//! record is also written to the cassette as a batch line (request key, batch id, answer or
//! refusal). With a replaying one, no provider is called: samples are grouped into parts by
//! the batch that answered them when they were recorded, each part is journaled with that
//! recorded batch id and ends at once, and records are made from the recorded answers by the
//! same code as live results, so a replayed run has the records the recorded run had. Only
//! batch lines answer: a request recorded synchronously is a replay miss that says so.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::experiment::assert::{AssertionResult, Observation};
use crate::experiment::exec::{Clock, CompletionRequest, hex};
use crate::experiment::journal::{JournalError, JournalWriter};
use crate::experiment::plan::{Plan, WorkItem};
use crate::experiment::record::{RecordError, RunRecord, SampleKey, ServedBy};
use crate::experiment::runner::{RunOptions, blank_record};
use crate::provider::batch::{
    BatchClient, BatchError, BatchLine, BatchState, ItemError, ItemResult,
};
use crate::provider::cache::{self, BATCH_MODE, BatchCassetteEntry, Cassette, TapeError};
use crate::provider::pricing::PriceTable;
use crate::provider::{ChatRequest, Params, Target};

/// The ledger's file name suffix, after the run id (and shard suffix). Not `.jsonl`: the
/// ledger is not a results file, and readers of a results folder take every `.jsonl` as one.
pub const LEDGER_SUFFIX: &str = ".batches";

/// Errors of batch mode.
#[derive(Debug, thiserror::Error)]
pub enum BatchRunError {
    /// Writing results failed.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The ledger could not be read or written.
    #[error("cannot use the batch ledger `{}`: {message}", path.display())]
    Ledger {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A provider call failed in a way waiting does not fix.
    #[error("provider `{provider}`: {source}")]
    Provider {
        /// The provider.
        provider: String,
        /// What happened.
        #[source]
        source: BatchError,
    },
    /// The experiment cannot run in batch mode.
    #[error("{0}")]
    Unsupported(String),
    /// A replayed batch run met a request the cassette holds no batch answer for.
    #[error("no recorded batch answer for {target} in cassette `{}` (request {key}): {summary}{}", cassette.display(), if *recorded_sync { "; the cassette recorded this request synchronously, not in a batch" } else { "" })]
    ReplayMiss {
        /// The model the request was for.
        target: Target,
        /// The request key.
        key: String,
        /// The first words of the last message.
        summary: String,
        /// The cassette file.
        cassette: PathBuf,
        /// Whether the cassette holds a synchronous answer for it instead.
        recorded_sync: bool,
    },
    /// The cassette could not be written.
    #[error(transparent)]
    Cassette(#[from] crate::provider::Error),
}

/// One sample of a part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSample {
    /// The custom id sent with the request.
    pub id: String,
    /// Arm id.
    pub arm: String,
    /// Case id.
    pub case_id: String,
    /// Repeat number.
    pub repeat: u32,
}

impl PartSample {
    fn key(&self) -> SampleKey {
        SampleKey {
            arm: self.arm.clone(),
            case_id: self.case_id.clone(),
            repeat: self.repeat,
        }
    }
}

/// A ledger line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LedgerEvent {
    /// A part is about to be created.
    Submit {
        /// The part's name (`p1`, `p2`, ...).
        part: String,
        /// Provider.
        provider: String,
        /// Model.
        model: String,
        /// The tag the batch carries.
        tag: String,
        /// Its samples.
        samples: Vec<PartSample>,
    },
    /// The provider accepted the part.
    Created {
        /// The part.
        part: String,
        /// The provider's batch id.
        batch_id: String,
    },
    /// The part is terminal and its records are written.
    Ended {
        /// The part.
        part: String,
        /// The provider's final status word.
        status: String,
        /// Whole-batch failure reasons (empty when it ran).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        errors: Vec<String>,
    },
    /// Cancellation was requested.
    Cancelled {
        /// The part.
        part: String,
    },
}

/// A part as the ledger knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Name.
    pub name: String,
    /// Provider.
    pub provider: String,
    /// Model.
    pub model: String,
    /// Tag.
    pub tag: String,
    /// Samples.
    pub samples: Vec<PartSample>,
    /// The batch id, once created.
    pub batch_id: Option<String>,
    /// The final status and reasons, once ended.
    pub ended: Option<(String, Vec<String>)>,
    /// Whether cancellation was requested.
    pub cancelled: bool,
}

/// The append-only record of a run's batches (`Default`: a run with none yet).
#[derive(Debug, Default)]
pub struct Ledger {
    path: PathBuf,
    /// Parts in submission order.
    pub parts: Vec<Part>,
}

impl Ledger {
    /// The ledger of a results file (`x.jsonl` → `x.batches`).
    pub fn path_for(results: &Path) -> PathBuf {
        let name = results
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".jsonl").to_owned())
            .unwrap_or_default();
        results.with_file_name(format!("{name}{LEDGER_SUFFIX}"))
    }

    /// Reads the ledger (empty when the file does not exist); a torn last line is ignored.
    pub fn load(path: &Path) -> Result<Ledger, BatchRunError> {
        let mut ledger = Ledger {
            path: path.to_path_buf(),
            parts: Vec::new(),
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ledger),
            Err(e) => return Err(ledger.error(e.to_string())),
        };
        let complete = text.rfind('\n').map_or("", |i| &text[..=i]);
        for (n, line) in complete.lines().enumerate() {
            let event: LedgerEvent = serde_json::from_str(line)
                .map_err(|e| ledger.error(format!("line {}: {e}", n + 1)))?;
            ledger.apply(event);
        }
        Ok(ledger)
    }

    /// Whether any part was ever submitted.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    fn error(&self, message: String) -> BatchRunError {
        BatchRunError::Ledger {
            path: self.path.clone(),
            message,
        }
    }

    fn apply(&mut self, event: LedgerEvent) {
        match event {
            LedgerEvent::Submit {
                part,
                provider,
                model,
                tag,
                samples,
            } => self.parts.push(Part {
                name: part,
                provider,
                model,
                tag,
                samples,
                batch_id: None,
                ended: None,
                cancelled: false,
            }),
            LedgerEvent::Created { part, batch_id } => {
                if let Some(p) = self.part_mut(&part) {
                    p.batch_id = Some(batch_id);
                }
            }
            LedgerEvent::Ended {
                part,
                status,
                errors,
            } => {
                if let Some(p) = self.part_mut(&part) {
                    p.ended = Some((status, errors));
                }
            }
            LedgerEvent::Cancelled { part } => {
                if let Some(p) = self.part_mut(&part) {
                    p.cancelled = true;
                }
            }
        }
    }

    fn part_mut(&mut self, name: &str) -> Option<&mut Part> {
        self.parts.iter_mut().find(|p| p.name == name)
    }

    /// Appends an event and syncs it before returning.
    pub fn append(&mut self, event: LedgerEvent) -> Result<(), BatchRunError> {
        let mut line = serde_json::to_vec(&event).map_err(|e| self.error(e.to_string()))?;
        line.push(b'\n');
        let written = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .and_then(|mut f| {
                f.write_all(&line)?;
                f.sync_data()
            });
        written.map_err(|e| self.error(e.to_string()))?;
        self.apply(event);
        Ok(())
    }

    /// Samples in parts that are not ended (their answer is still to come).
    pub fn pending(&self) -> HashSet<SampleKey> {
        self.parts
            .iter()
            .filter(|p| p.ended.is_none())
            .flat_map(|p| p.samples.iter().map(PartSample::key))
            .collect()
    }
}

/// What to do with requests a batch could not answer (expired, cancelled, retryable errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fallback {
    /// Send them again in a new batch.
    #[default]
    Batch,
    /// Hand them back to the caller to run synchronously.
    Sync,
}

/// How long and how often to wait, and how hard to retry.
#[derive(Debug, Clone)]
pub struct DriveOptions {
    /// Give up waiting after this long (`Duration::ZERO`: one look, no waiting; `None`: until
    /// every part ended).
    pub wait: Option<Duration>,
    /// Time between polls.
    pub poll: Duration,
    /// Times a sample is sent in this session before it is left to a later `--resume`.
    pub max_sends: u32,
    /// What to do with unanswered requests.
    pub fallback: Fallback,
    /// Whether to submit samples that are neither recorded nor pending (a new run, a resume).
    pub submit: bool,
    /// The most this session may commit to, when a cap or budget applies.
    pub budget: Option<DriveBudget>,
}

/// A spending cap for a batch session (`--max-cost`, `budget:`).
///
/// A batch is paid for once it is submitted, so the cap is checked before each submission,
/// never after: a part is submitted only when this session's recorded spend, plus every open
/// sample and the new ones at `per_call` each, stays within `left`. Otherwise nothing is
/// submitted, the samples are left unrecorded (for a later `--resume` with more budget) and
/// [`DriveSummary::budget_stop`] says why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DriveBudget {
    /// What the cap or budget leaves for this session, US dollars.
    pub left: f64,
    /// The estimated cost of one sample (the synchronous price: a batch costs less).
    pub per_call: f64,
}

/// What [`drive`] did.
#[derive(Debug, Clone, Default)]
pub struct DriveSummary {
    /// Parts created in this session.
    pub created: Vec<String>,
    /// Parts found again by tag after a lost create response.
    pub found: Vec<String>,
    /// Parts still open.
    pub open: usize,
    /// Records appended in this session.
    pub written: u64,
    /// Of those, failed calls.
    pub failed: u64,
    /// Cost of this session's records.
    pub cost_usd: f64,
    /// What the same answers would have cost through synchronous calls (the saving's base).
    pub sync_cost_usd: f64,
    /// Whole-batch failures: part, batch id, reasons.
    pub batch_failures: Vec<(String, String, Vec<String>)>,
    /// Samples left unrecorded (to run synchronously with [`Fallback::Sync`], else for a later
    /// resume).
    pub leftover: Vec<WorkItem>,
    /// Why samples were not submitted: they would have taken spending past the cap.
    pub budget_stop: Option<String>,
}

/// A run's batch session: the plan, its clients and where records go.
pub struct Session<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Which samples this run (or shard) covers: the work items of a fresh run.
    pub items: Vec<WorkItem>,
    /// One client per provider of the arms.
    pub clients: HashMap<String, BatchClient>,
    /// Prices (batch prices are derived from them).
    pub prices: &'a PriceTable,
    /// Run id, redaction, version.
    pub options: &'a RunOptions,
    /// Timestamps.
    pub clock: &'a dyn Clock,
    /// A cassette to record results to, or to replay them from (then no provider is called).
    pub cassette: Option<&'a Cassette>,
}

impl Session<'_> {
    fn replaying(&self) -> Option<&Cassette> {
        self.cassette.filter(|c| c.is_replay())
    }
}

/// Refuses what batch mode cannot do: judge assertions (they call a model per output) and
/// sequential stopping (a batch's samples all come back at once, so there is nothing to stop).
pub fn check_supported(plan: &Plan) -> Result<(), BatchRunError> {
    if plan.spec.stopping.sequential {
        return Err(BatchRunError::Unsupported(
            "sequential stopping does not apply to batch mode: every sample of a batch is paid for when it is sent; set `stopping.rule: fixed` or run without `--batch`".into(),
        ));
    }
    let judged = plan
        .spec
        .assertions
        .iter()
        .chain(plan.dataset.cases.iter().flat_map(|c| c.assertions.iter()))
        .any(|a| a.judge().is_some());
    if judged {
        return Err(BatchRunError::Unsupported(
            "batch mode does not run `llm-judge` assertions yet; run this experiment without `--batch`".into(),
        ));
    }
    Ok(())
}

/// Which arms send their samples through batch APIs, by arm index.
///
/// A variant's own `batch: true|false` decides for it; otherwise `forced` (`--batch`), the
/// experiment's `batch: true` or its `batch: [providers]` listing the arm's provider. An arm
/// whose samples a run already sent in batches stays batched when the run is resumed or
/// collected, so `ab collect` never turns a batch run synchronous.
pub fn batched_arms(plan: &Plan, forced: bool, ledger: &Ledger) -> Vec<bool> {
    let in_ledger: HashSet<&str> = ledger
        .parts
        .iter()
        .flat_map(|p| p.samples.iter().map(|s| s.arm.as_str()))
        .collect();
    plan.arms
        .iter()
        .map(|arm| {
            let own = plan
                .spec
                .variants
                .iter()
                .find(|v| v.id == arm.id)
                .and_then(|v| v.batch);
            in_ledger.contains(arm.id.as_str())
                || own.unwrap_or(
                    forced || plan.spec.batch || plan.spec.batch_providers.contains(&arm.provider),
                )
        })
        .collect()
}

/// The sample a work item is (arm id, case id, repeat).
pub fn key_of(plan: &Plan, item: &WorkItem) -> SampleKey {
    SampleKey {
        arm: plan.arms[item.arm as usize].id.clone(),
        case_id: plan.dataset.cases[item.case as usize].id.clone(),
        repeat: item.repeat,
    }
}

/// The custom id of a sample: short, unique within a run, and within the strictest rule.
fn custom_id(item: &WorkItem) -> String {
    format!("a{}-c{}-r{}", item.arm, item.case, item.repeat)
}

/// Submits, polls and collects until everything is recorded or the wait is over.
///
/// `recorded` holds every sample that already has a record the run keeps (done, or failed and
/// kept); it grows as records are written, so calling this again never records a sample twice.
#[allow(clippy::implicit_hasher)] // the caller's set, from the journal
pub async fn drive(
    session: &Session<'_>,
    ledger: &mut Ledger,
    journal: &mut JournalWriter,
    recorded: &mut HashSet<SampleKey>,
    options: &DriveOptions,
) -> Result<DriveSummary, BatchRunError> {
    let mut summary = DriveSummary::default();
    let started = tokio::time::Instant::now();
    let mut sends: HashMap<SampleKey, u32> = HashMap::new();
    let index: HashMap<SampleKey, WorkItem> = session
        .items
        .iter()
        .map(|i| (key_of(session.plan, i), *i))
        .collect();
    let mut first = true;
    loop {
        restore_lost_parts(session, ledger, &index, &mut summary).await?;
        let mut submitted_now = false;
        if options.submit || !first {
            let pending = ledger.pending();
            let todo: Vec<WorkItem> = session
                .items
                .iter()
                .filter(|i| {
                    let key = key_of(session.plan, i);
                    !recorded.contains(&key)
                        && !pending.contains(&key)
                        && sends.get(&key).copied().unwrap_or(0) < options.max_sends
                        // Unanswered samples of an earlier pass go to the fallback instead.
                        && (options.fallback == Fallback::Batch || !sends.contains_key(&key))
                })
                .copied()
                .collect();
            if !todo.is_empty()
                && (first || options.fallback == Fallback::Batch)
                && summary.budget_stop.is_none()
                && let Some(reason) = over_budget(options.budget, &summary, ledger, todo.len())
            {
                summary.budget_stop = Some(reason);
            }
            if !todo.is_empty()
                && (first || options.fallback == Fallback::Batch)
                && summary.budget_stop.is_none()
            {
                for item in &todo {
                    *sends.entry(key_of(session.plan, item)).or_default() += 1;
                }
                submit(session, ledger, journal, recorded, &todo, &mut summary).await?;
                submitted_now = true;
            }
        }
        first = false;
        collect_ended(session, ledger, journal, recorded, &index, &mut summary).await?;
        let open = ledger.parts.iter().filter(|p| p.ended.is_none()).count();
        summary.open = open;
        let unrecorded = session
            .items
            .iter()
            .any(|i| !recorded.contains(&key_of(session.plan, i)));
        let pending = ledger.pending();
        let can_resend = options.fallback == Fallback::Batch
            && summary.budget_stop.is_none()
            && session.items.iter().any(|i| {
                let key = key_of(session.plan, i);
                !recorded.contains(&key)
                    && !pending.contains(&key)
                    && sends.get(&key).copied().unwrap_or(0) < options.max_sends
            });
        if open == 0 && !(unrecorded && can_resend) {
            break;
        }
        if open == 0 && can_resend && !submitted_now {
            continue;
        }
        match options.wait {
            Some(limit) if started.elapsed() + options.poll > limit => break,
            _ => tokio::time::sleep(options.poll).await,
        }
    }
    journal.flush()?;
    let pending = ledger.pending();
    summary.leftover = session
        .items
        .iter()
        .filter(|i| {
            let key = key_of(session.plan, i);
            !recorded.contains(&key) && !pending.contains(&key)
        })
        .copied()
        .collect();
    Ok(summary)
}

/// Parts journaled as submitted but without a batch id: found by tag, or created again.
async fn restore_lost_parts(
    session: &Session<'_>,
    ledger: &mut Ledger,
    index: &HashMap<SampleKey, WorkItem>,
    summary: &mut DriveSummary,
) -> Result<(), BatchRunError> {
    let lost: Vec<Part> = ledger
        .parts
        .iter()
        .filter(|p| p.batch_id.is_none() && p.ended.is_none())
        .cloned()
        .collect();
    for part in lost {
        if let Some(tape) = session.replaying() {
            // A replay part is created and journaled without a call: its id is the recorded one.
            let first = part
                .samples
                .iter()
                .find_map(|s| index.get(&s.key()))
                .ok_or_else(|| {
                    BatchRunError::Unsupported(format!(
                        "batch part {} names no sample of this experiment",
                        part.name
                    ))
                })?;
            let (key, _) = tape_key(session, first)?;
            let id = tape_answer(session, tape, first, &key)?.batch_id.clone();
            ledger.append(LedgerEvent::Created {
                part: part.name.clone(),
                batch_id: id,
            })?;
            continue;
        }
        let client = client(session, &part.provider)?;
        let found = retrying(&part.provider, || client.find(&part.tag)).await?;
        let id = if let Some(id) = found {
            summary.found.push(part.name.clone());
            id
        } else {
            let items: Vec<WorkItem> = part
                .samples
                .iter()
                .filter_map(|s| index.get(&s.key()).copied())
                .collect();
            let lines: Vec<BatchLine> = items
                .iter()
                .filter_map(|i| line(session, client, i).ok())
                .collect();
            summary.created.push(part.name.clone());
            retrying(&part.provider, || {
                client.create(&part.model, &part.tag, &lines)
            })
            .await?
        };
        ledger.append(LedgerEvent::Created {
            part: part.name.clone(),
            batch_id: id,
        })?;
    }
    Ok(())
}

fn client<'s>(session: &'s Session<'_>, provider: &str) -> Result<&'s BatchClient, BatchRunError> {
    session.clients.get(provider).ok_or_else(|| {
        BatchRunError::Unsupported(format!("provider `{provider}` has no batch client"))
    })
}

/// Retries a call on 429, 5xx and transport errors, with a short backoff.
async fn retrying<T, F, Fut>(provider: &str, mut call: F) -> Result<T, BatchRunError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, BatchError>>,
{
    let mut delay = Duration::from_millis(200);
    for attempt in 0..6 {
        match call().await {
            Ok(v) => return Ok(v),
            Err(e) if e.is_retryable() && attempt < 5 => {
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
            Err(e) => {
                return Err(BatchRunError::Provider {
                    provider: provider.to_owned(),
                    source: e,
                });
            }
        }
    }
    unreachable!("the last attempt returns")
}

/// The chat request of a sample, or the render error.
fn chat(
    session: &Session<'_>,
    item: &WorkItem,
) -> Result<(ChatRequest, CompletionRequest), String> {
    let plan = session.plan;
    let arm = &plan.arms[item.arm as usize];
    let case = &plan.dataset.cases[item.case as usize];
    let rendered = arm.render_case(case).map_err(|e| e.to_string())?;
    let request = CompletionRequest {
        provider: arm.provider.clone(),
        model: arm.model.clone(),
        messages: rendered.messages.clone(),
        params: arm.params.clone(),
        output: arm.prompt.front_matter.output.clone(),
    };
    let params =
        Params::from_config(&request.params, &request.output).map_err(|e| e.to_string())?;
    Ok((
        ChatRequest {
            targets: vec![Target {
                provider: arm.provider.clone(),
                model: arm.model.clone(),
            }],
            messages: rendered.messages,
            params,
        },
        request,
    ))
}

fn line(session: &Session<'_>, client: &BatchClient, item: &WorkItem) -> Result<BatchLine, String> {
    let (chat, _) = chat(session, item)?;
    let arm = &session.plan.arms[item.arm as usize];
    Ok(client.line(&chat, &arm.model, &custom_id(item)))
}

/// Why submitting `new` more samples would break the session's budget, if it would.
fn over_budget(
    budget: Option<DriveBudget>,
    summary: &DriveSummary,
    ledger: &Ledger,
    new: usize,
) -> Option<String> {
    let budget = budget?;
    #[allow(clippy::cast_precision_loss)]
    let open = ledger.pending().len() as f64 * budget.per_call;
    #[allow(clippy::cast_precision_loss)]
    let estimate = new as f64 * budget.per_call;
    let committed = summary.cost_usd + open;
    (committed + estimate > budget.left).then(|| {
        format!(
            "budget: {new} samples not submitted: estimated at ${estimate:.4}, over the ${:.4} left of the cap (${:.4} recorded or in open batches this session)",
            (budget.left - committed).max(0.0),
            committed
        )
    })
}

/// Renders and submits `items`: one or more parts per provider and model.
async fn submit(
    session: &Session<'_>,
    ledger: &mut Ledger,
    journal: &mut JournalWriter,
    recorded: &mut HashSet<SampleKey>,
    items: &[WorkItem],
    summary: &mut DriveSummary,
) -> Result<(), BatchRunError> {
    // (provider, model, the batch that answered when replaying) -> samples and their lines.
    type Group = (String, String, Option<String>);
    let plan = session.plan;
    let mut groups: BTreeMap<Group, Vec<(WorkItem, BatchLine)>> = BTreeMap::new();
    for item in items {
        let arm = &plan.arms[item.arm as usize];
        let built = match session.replaying() {
            Some(tape) => match chat(session, item) {
                Ok((chat, _)) => {
                    let key = request_key(&chat);
                    let entry = tape_answer(session, tape, item, &key)?;
                    let line = BatchLine {
                        custom_id: custom_id(item),
                        body: serde_json::Value::Null,
                    };
                    Ok((Some(entry.batch_id.clone()), line))
                }
                Err(message) => Err(message),
            },
            None => line(session, client(session, &arm.provider)?, item).map(|l| (None, l)),
        };
        match built {
            Ok((recorded, line)) => groups
                .entry((arm.provider.clone(), arm.model.clone(), recorded))
                .or_default()
                .push((*item, line)),
            Err(message) => {
                // A sample that does not render is recorded as a failed sample, as in sync runs.
                let mut record = base_record(session, item);
                record.error = Some(RecordError {
                    kind: "render".into(),
                    message,
                });
                journal.push(&record)?;
                recorded.insert(key_of(plan, item));
                summary.written += 1;
                summary.failed += 1;
            }
        }
    }
    journal.flush()?;
    for ((provider, model, recorded), members) in groups {
        let by_id: HashMap<String, WorkItem> = members
            .iter()
            .map(|(i, l)| (l.custom_id.clone(), *i))
            .collect();
        let lines: Vec<BatchLine> = members.into_iter().map(|(_, l)| l).collect();
        let chunks = match &recorded {
            // Replayed parts are the recorded batches, whatever the limits.
            Some(_) => vec![lines],
            None => client(session, &provider)?.split(lines),
        };
        for chunk in chunks {
            let name = format!("p{}", ledger.parts.len() + 1);
            let tag = format!(
                "promptctl:{}:{}:{name}",
                plan.spec.name, session.options.run_id
            );
            let samples = chunk
                .iter()
                .map(|l| {
                    let item = by_id[&l.custom_id];
                    let key = key_of(plan, &item);
                    PartSample {
                        id: l.custom_id.clone(),
                        arm: key.arm,
                        case_id: key.case_id,
                        repeat: key.repeat,
                    }
                })
                .collect();
            ledger.append(LedgerEvent::Submit {
                part: name.clone(),
                provider: provider.clone(),
                model: model.clone(),
                tag: tag.clone(),
                samples,
            })?;
            let id = if let Some(id) = &recorded {
                id.clone()
            } else {
                let client = client(session, &provider)?;
                retrying(&provider, || client.create(&model, &tag, &chunk)).await?
            };
            ledger.append(LedgerEvent::Created {
                part: name.clone(),
                batch_id: id,
            })?;
            summary.created.push(name);
        }
    }
    Ok(())
}

/// Polls every open part once; reads and records those that ended.
async fn collect_ended(
    session: &Session<'_>,
    ledger: &mut Ledger,
    journal: &mut JournalWriter,
    recorded: &mut HashSet<SampleKey>,
    index: &HashMap<SampleKey, WorkItem>,
    summary: &mut DriveSummary,
) -> Result<(), BatchRunError> {
    let open: Vec<Part> = ledger
        .parts
        .iter()
        .filter(|p| p.ended.is_none() && p.batch_id.is_some())
        .cloned()
        .collect();
    for part in open {
        let id = part.batch_id.clone().unwrap_or_default();
        let status = if let Some(tape) = session.replaying() {
            replayed_status(session, tape, &part, index)?
        } else {
            let client = client(session, &part.provider)?;
            retrying(&part.provider, || client.status(&id)).await?
        };
        match status.state {
            BatchState::Open => continue,
            BatchState::Failed => {
                summary
                    .batch_failures
                    .push((part.name.clone(), id.clone(), status.errors.clone()));
            }
            BatchState::Ended => {
                let results = if let Some(tape) = session.replaying() {
                    replayed_results(session, tape, &part, index)?
                } else {
                    let client = client(session, &part.provider)?;
                    retrying(&part.provider, || client.results(&status)).await?
                };
                let by_id: HashMap<&str, &PartSample> =
                    part.samples.iter().map(|s| (s.id.as_str(), s)).collect();
                for result in results {
                    let Some(sample) = by_id.get(result.custom_id.as_str()) else {
                        continue;
                    };
                    let key = sample.key();
                    if recorded.contains(&key) {
                        continue;
                    }
                    let Some(item) = index.get(&key) else {
                        continue;
                    };
                    let tape = session
                        .cassette
                        .filter(|c| !c.is_replay())
                        .map(|_| tape_entry(session, item, &id, &result));
                    if let Some((record, sync_cost)) = record_of(session, item, &id, result) {
                        summary.sync_cost_usd += sync_cost.unwrap_or(0.0);
                        if let (Some(cassette), Some(Some(entry))) = (session.cassette, tape) {
                            cassette.append_batch(&entry)?;
                        }
                        summary.written += 1;
                        summary.failed += u64::from(record.error.is_some());
                        summary.cost_usd += record.cost_usd.unwrap_or(0.0);
                        journal.push(&record)?;
                        recorded.insert(key);
                    }
                }
                journal.flush()?;
            }
        }
        ledger.append(LedgerEvent::Ended {
            part: part.name.clone(),
            status: status.status.clone(),
            errors: status.errors.clone(),
        })?;
    }
    Ok(())
}

/// The cassette key of a chat request: the synchronous recipe, so one request has one key.
fn request_key(chat: &ChatRequest) -> String {
    let target = chat.targets.first().cloned().unwrap_or(Target {
        provider: String::new(),
        model: String::new(),
    });
    cache::request_key(&target, &chat.messages, &chat.params)
}

/// The key and request of a sample that rendered before (it is in a part).
fn tape_key(
    session: &Session<'_>,
    item: &WorkItem,
) -> Result<(String, ChatRequest), BatchRunError> {
    let (chat, _) = chat(session, item).map_err(BatchRunError::Unsupported)?;
    Ok((request_key(&chat), chat))
}

/// The recorded batch answer of a sample, or a miss naming the request.
fn tape_answer<'c>(
    session: &Session<'_>,
    tape: &'c Cassette,
    item: &WorkItem,
    key: &str,
) -> Result<&'c BatchCassetteEntry, BatchRunError> {
    tape.get_batch(key).ok_or_else(|| {
        let arm = &session.plan.arms[item.arm as usize];
        let messages = chat(session, item)
            .map(|(c, _)| c.messages)
            .unwrap_or_default();
        BatchRunError::ReplayMiss {
            target: Target {
                provider: arm.provider.clone(),
                model: arm.model.clone(),
            },
            key: key.to_owned(),
            summary: cache::summarize(&messages),
            cassette: tape.path().to_path_buf(),
            recorded_sync: tape.has_sync(key),
        }
    })
}

/// A replayed part has ended as soon as it is created: its answers are on the tape.
fn replayed_status(
    session: &Session<'_>,
    tape: &Cassette,
    part: &Part,
    index: &HashMap<SampleKey, WorkItem>,
) -> Result<crate::provider::batch::BatchStatus, BatchRunError> {
    let results = replayed_results(session, tape, part, index)?;
    let failed = results.iter().filter(|r| r.outcome.is_err()).count() as u64;
    Ok(crate::provider::batch::BatchStatus {
        id: part.batch_id.clone().unwrap_or_default(),
        state: BatchState::Ended,
        status: "replayed".into(),
        total: results.len() as u64,
        succeeded: results.len() as u64 - failed,
        failed,
        errors: Vec::new(),
        locator: Vec::new(),
    })
}

/// A replayed part's results, from the cassette's batch lines.
fn replayed_results(
    session: &Session<'_>,
    tape: &Cassette,
    part: &Part,
    index: &HashMap<SampleKey, WorkItem>,
) -> Result<Vec<ItemResult>, BatchRunError> {
    let mut out = Vec::new();
    for sample in &part.samples {
        let Some(item) = index.get(&sample.key()) else {
            continue;
        };
        let (key, _) = tape_key(session, item)?;
        let entry = tape_answer(session, tape, item, &key)?;
        let outcome = match (&entry.response, &entry.error) {
            (Some(response), _) => Ok(response.clone()),
            (None, error) => Err(ItemError {
                kind: error
                    .as_ref()
                    .map_or("errored", |e| e.kind.as_str())
                    .to_owned(),
                message: error
                    .as_ref()
                    .map_or_else(String::new, |e| e.message.clone()),
                retryable: false,
            }),
        };
        out.push(ItemResult {
            custom_id: sample.id.clone(),
            outcome,
        });
    }
    Ok(out)
}

/// The cassette line of a result that becomes a record (`None`: it will be sent again).
fn tape_entry(
    session: &Session<'_>,
    item: &WorkItem,
    batch_id: &str,
    result: &ItemResult,
) -> Option<BatchCassetteEntry> {
    let (key, chat) = tape_key(session, item).ok()?;
    let (response, error) = match &result.outcome {
        Ok(response) => (Some(response.clone()), None),
        Err(e) if e.retryable => return None,
        Err(e) => (
            None,
            Some(TapeError {
                kind: e.kind.clone(),
                message: e.message.clone(),
            }),
        ),
    };
    Some(BatchCassetteEntry {
        key,
        mode: BATCH_MODE.to_owned(),
        batch_id: batch_id.to_owned(),
        target: chat.targets.first().cloned()?,
        messages: chat.messages,
        params: chat.params,
        response,
        error,
    })
}

fn base_record(session: &Session<'_>, item: &WorkItem) -> RunRecord {
    let now = session.clock.now();
    let mut record = blank_record(session.plan, item, session.options, now.clone());
    record.finished_at = now;
    record.mode = Some("batch".into());
    record
}

/// The record of one result and what its answer would have cost synchronously; `None` when
/// the request is to be sent again (expired, cancelled, a retryable error).
fn record_of(
    session: &Session<'_>,
    item: &WorkItem,
    batch_id: &str,
    result: ItemResult,
) -> Option<(RunRecord, Option<f64>)> {
    let plan = session.plan;
    let arm = &plan.arms[item.arm as usize];
    let case = &plan.dataset.cases[item.case as usize];
    let mut record = base_record(session, item);
    record.batch_id = Some(batch_id.to_owned());
    if let Ok((_, request)) = chat(session, item) {
        record.request_hash = request.hash();
        record.media = crate::experiment::record::recorded_media(&request.messages);
    }
    let reply = match result.outcome {
        Ok(reply) => reply,
        Err(e) if e.retryable => return None,
        Err(e) => {
            record.attempts = Some(1);
            record.error = Some(RecordError {
                kind: e.kind,
                message: e.message,
            });
            return Some((record, None));
        }
    };
    let target = Target {
        provider: arm.provider.clone(),
        model: arm.model.clone(),
    };
    let price = session.prices.price(&target);
    let cost = price.map(|p| p.batch().cost(&reply.usage));
    let sync_cost = price.map(|p| p.cost(&reply.usage));
    record.attempts = Some(1);
    record.served_by = Some(ServedBy {
        provider: arm.provider.clone(),
        model: if reply.model.is_empty() {
            arm.model.clone()
        } else {
            reply.model.clone()
        },
    });
    record.tokens_in = reply.usage.input_tokens;
    record.tokens_out = reply.usage.output_tokens;
    record.cost_usd = cost;
    record.finish_reason = Some(reply.finish_reason.as_str().to_owned());
    let output = reply.content;
    let observation = Observation {
        output: &output,
        expected: case.expected.as_ref(),
        latency_ms: 0.0,
        cost_usd: cost,
        tokens_out: reply.usage.output_tokens,
        output_schema: arm.output_schema.as_deref(),
    };
    let results: Vec<AssertionResult> = plan
        .spec
        .assertions
        .iter()
        .chain(&case.assertions)
        .map(|a| a.evaluate(&observation))
        .collect();
    record.pass = results.iter().all(|r| r.pass);
    record.assertions = results;
    record.output_hash = format!("sha256:{}", hex(&Sha256::digest(output.as_bytes())));
    if session.options.redact {
        record.keep_redacted(&output);
    } else {
        record.output = Some(output);
    }
    Some((record, sync_cost))
}

/// Asks the provider to cancel every open part, and notes it in the ledger.
#[allow(clippy::implicit_hasher)]
pub async fn cancel(
    clients: &HashMap<String, BatchClient>,
    ledger: &mut Ledger,
) -> Result<Vec<(String, String)>, BatchRunError> {
    let open: Vec<Part> = ledger
        .parts
        .iter()
        .filter(|p| p.ended.is_none() && p.batch_id.is_some())
        .cloned()
        .collect();
    let mut out = Vec::new();
    for part in open {
        let id = part.batch_id.clone().unwrap_or_default();
        let client = clients.get(&part.provider).ok_or_else(|| {
            BatchRunError::Unsupported(format!("provider `{}` has no batch client", part.provider))
        })?;
        retrying(&part.provider, || client.cancel(&id)).await?;
        ledger.append(LedgerEvent::Cancelled {
            part: part.name.clone(),
        })?;
        out.push((part.name, id));
    }
    Ok(out)
}

/// Each part's live state, for `ab status`: part, batch id, provider status, counts.
#[allow(clippy::implicit_hasher)]
pub async fn statuses(
    clients: &HashMap<String, BatchClient>,
    ledger: &Ledger,
) -> Vec<(
    Part,
    Result<crate::provider::batch::BatchStatus, BatchError>,
)> {
    let mut out = Vec::new();
    for part in &ledger.parts {
        let live = match (&part.batch_id, clients.get(&part.provider)) {
            (Some(id), Some(client)) => client.status(id).await,
            (None, _) => Err(BatchError::Shape {
                url: String::new(),
                message: "created but not yet journaled: the next collect finds it by tag".into(),
            }),
            (_, None) => Err(BatchError::Unsupported {
                provider: part.provider.clone(),
                kind: String::new(),
            }),
        };
        out.push((part.clone(), live));
    }
    out
}
