//! Records of calls made outside experiments: what `run` appends to `results/runs/` when asked
//! to record, in the same record format as an experiment's results, so a report counts both.
//!
//! A recorded call is a record of the `run` experiment with one arm, `run`, and one case. Its
//! run id is derived from the call (when it started, the request, the answer), so one call
//! recorded twice — the same file committed on two branches — is still one record to a report
//! that reads git history. Files are one per day (`results/runs/2026-11-05.jsonl`): small
//! enough to review, few enough to list, and a line is appended with one write, so concurrent
//! `run`s on one machine do not interleave their lines.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::experiment::exec::{CompletionRequest, hex};
use crate::experiment::record::{PromptInfo, RecordError, RunRecord, ServedBy};
use crate::provider::{ChatRequest, ChatResponse};

/// The experiment name of calls recorded by `run`.
pub const RUN_EXPERIMENT: &str = "run";

/// The folder, under `results/`, of calls recorded by `run`.
pub const RUNS_DIR: &str = "runs";

/// A call that failed, as the record keeps it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Machine-readable kind (`http_429`, `network`, `timeout`, ...).
    pub kind: String,
    /// What happened.
    pub message: String,
    /// Attempts made across retries and failover.
    pub attempts: u32,
}

/// One call of `run`, with everything its record holds.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// The prompt version rendered.
    pub prompt: PromptInfo,
    /// The request sent (its first model names the record's provider and model).
    pub request: &'a ChatRequest,
    /// The answer, or why there was none.
    pub outcome: Result<&'a ChatResponse, Failure>,
    /// When the call started (RFC 3339).
    pub started_at: String,
    /// When it ended (RFC 3339).
    pub finished_at: String,
    /// The promptctl version that made it.
    pub promptctl_version: String,
}

/// The run record of one call.
pub fn record(call: &Call<'_>) -> RunRecord {
    let (provider, model) = match (&call.outcome, call.request.targets.first()) {
        // A failover chain may answer with a later model: the record names who answered.
        (Ok(response), _) if !response.provider.is_empty() => {
            let requested = call
                .request
                .targets
                .iter()
                .find(|t| t.provider == response.provider)
                .map_or_else(|| response.model.clone(), |t| t.model.clone());
            (response.provider.clone(), requested)
        }
        (_, Some(target)) => (target.provider.clone(), target.model.clone()),
        (_, None) => (String::new(), String::new()),
    };
    let params = match serde_json::to_value(&call.request.params) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let request_hash = CompletionRequest {
        provider: provider.clone(),
        model: model.clone(),
        messages: call.request.messages.clone(),
        params: params.clone(),
        output: crate::prompt::front_matter::OutputSpec::default(),
    }
    .hash();
    let mut record = RunRecord {
        provider,
        model,
        params,
        case_id: "call".to_owned(),
        request_hash,
        media: crate::experiment::record::recorded_media(&call.request.messages),
        started_at: call.started_at.clone(),
        finished_at: call.finished_at.clone(),
        promptctl_version: call.promptctl_version.clone(),
        ..RunRecord::unanswered(
            RUN_EXPERIMENT.to_owned(),
            RUN_EXPERIMENT.to_owned(),
            call.prompt.clone(),
        )
    };
    match &call.outcome {
        Ok(response) => {
            // No assertion judged the answer: an answer is a pass, as for an experiment arm
            // without assertions.
            record.pass = true;
            record.output_hash = format!(
                "sha256:{}",
                hex(&Sha256::digest(response.content.as_bytes()))
            );
            // The answer's text stays out: production prompts carry customer data, and the
            // record is committed. The hash says whether two answers were the same.
            record.finish_reason = Some(response.finish_reason.as_str().to_owned());
            #[allow(clippy::cast_precision_loss)] // milliseconds
            {
                record.latency_ms = response.latency_ms as f64;
                record.attempt_latency_ms = Some(response.attempt_latency_ms as f64);
            }
            record.attempts = Some(response.attempts);
            record.served_by = Some(ServedBy {
                provider: response.provider.clone(),
                model: response.model.clone(),
            });
            record.tokens_in = response.usage.input_tokens;
            record.tokens_out = response.usage.output_tokens;
            record.cost_usd = response.cost_usd;
            record.cached = response.cached;
        }
        Err(failure) => {
            record.attempts = Some(failure.attempts);
            record.error = Some(RecordError {
                kind: failure.kind.clone(),
                message: failure.message.clone(),
            });
        }
    }
    let mut id = Sha256::new();
    for part in [
        record.started_at.as_str(),
        record.request_hash.as_str(),
        record.output_hash.as_str(),
        record.prompt.blob.as_str(),
    ] {
        id.update(part.as_bytes());
        id.update([0]);
    }
    record.run_id = format!("run-{}", &hex(&id.finalize())[..16]);
    record
}

/// A record could not be appended.
#[derive(Debug, thiserror::Error)]
#[error("cannot append the call record to `{}`", path.display())]
pub struct AppendError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// The file of `runs_dir` a record started at `started_at` goes to: one per UTC day.
pub fn day_file(runs_dir: &Path, started_at: &str) -> PathBuf {
    let day = started_at
        .get(..10)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or("undated");
    runs_dir.join(format!("{day}.jsonl"))
}

/// Appends `record` as one line to its day's file under `runs_dir`, creating both as needed;
/// returns the file.
pub fn append(runs_dir: &Path, record: &RunRecord) -> Result<PathBuf, AppendError> {
    let path = day_file(runs_dir, &record.started_at);
    let fail = |source| AppendError {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(runs_dir).map_err(fail)?;
    let mut line = serde_json::to_vec(record).map_err(|e| fail(std::io::Error::other(e)))?;
    line.push(b'\n');
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(fail)?;
    // One write of the whole line: appends from concurrent processes stay whole lines.
    file.write_all(&line).map_err(fail)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{FinishReason, Target, Usage};

    fn request() -> ChatRequest {
        ChatRequest {
            targets: vec![
                Target {
                    provider: "openai".into(),
                    model: "gpt-4o-mini".into(),
                },
                Target {
                    provider: "anthropic".into(),
                    model: "claude-haiku".into(),
                },
            ],
            messages: Vec::new(),
            params: crate::provider::Params::default(),
        }
    }

    fn info() -> PromptInfo {
        PromptInfo {
            name: "hello".into(),
            version: "worktree".into(),
            blob: "sha256:aa".into(),
            sources: None,
            commit: None,
        }
    }

    fn response() -> ChatResponse {
        ChatResponse {
            content: "hi".into(),
            tool_calls: Vec::new(),
            finish_reason: FinishReason::Stop,
            raw_finish_reason: None,
            usage: Usage {
                input_tokens: 7,
                output_tokens: 3,
                cached_input_tokens: 0,
            },
            model: "claude-haiku-20250101".into(),
            id: None,
            provider: "anthropic".into(),
            latency_ms: 120,
            attempt_latency_ms: 80,
            attempts: 2,
            cost_usd: Some(0.001),
            cached: false,
        }
    }

    #[test]
    fn a_failed_over_call_is_recorded_under_the_model_that_answered() {
        let request = request();
        let response = response();
        let call = Call {
            prompt: info(),
            request: &request,
            outcome: Ok(&response),
            started_at: "2026-11-05T10:00:00Z".into(),
            finished_at: "2026-11-05T10:00:01Z".into(),
            promptctl_version: "0".into(),
        };
        let r = record(&call);
        assert_eq!(
            (r.provider.as_str(), r.model.as_str()),
            ("anthropic", "claude-haiku")
        );
        assert_eq!(r.served_by.unwrap().model, "claude-haiku-20250101");
        assert!(r.pass && r.output.is_none());
        assert_eq!((r.tokens_in, r.tokens_out, r.attempts), (7, 3, Some(2)));
        assert!(r.run_id.starts_with("run-"));
        assert_eq!(record(&call).run_id, r.run_id, "the id is the call's own");
    }

    #[test]
    fn a_failed_call_is_recorded_with_its_kind_and_no_pass() {
        let request = request();
        let call = Call {
            prompt: info(),
            request: &request,
            outcome: Err(Failure {
                kind: "http_500".into(),
                message: "boom".into(),
                attempts: 3,
            }),
            started_at: "2026-11-05T10:00:00Z".into(),
            finished_at: "2026-11-05T10:00:01Z".into(),
            promptctl_version: "0".into(),
        };
        let r = record(&call);
        assert_eq!(r.provider, "openai");
        assert!(!r.pass);
        assert_eq!(r.error.unwrap().kind, "http_500");
    }

    #[test]
    fn records_are_appended_one_line_each_to_the_days_file() {
        let dir = tempfile::tempdir().unwrap();
        let request = request();
        let response = response();
        let call = Call {
            prompt: info(),
            request: &request,
            outcome: Ok(&response),
            started_at: "2026-11-05T10:00:00Z".into(),
            finished_at: "2026-11-05T10:00:01Z".into(),
            promptctl_version: "0".into(),
        };
        let runs = dir.path().join("results/runs");
        let path = append(&runs, &record(&call)).unwrap();
        append(&runs, &record(&call)).unwrap();
        assert_eq!(path, runs.join("2026-11-05.jsonl"));
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text.lines().count(), 2);
        for line in text.lines() {
            serde_json::from_str::<RunRecord>(line).unwrap();
        }
    }
}
