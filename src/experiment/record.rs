//! The run record: one line of `results/<experiment>/<run-id>.jsonl` per sample.
//!
//! A record holds enough to reproduce its sample (prompt name, version and content id,
//! provider, model, parameters, case id, repeat, seed, request hash, promptctl version) and
//! everything analysis needs (each assertion's pass and score, latency, tokens, cost, error).
//! The format is versioned by `record_version` and documented in
//! `schemas/result-record.schema.json`; readers must ignore fields they do not know.
//!
//! [`RunRecord`] is the owned form the runner writes. [`RecordView`] is the borrowed, partial
//! form `ab analyze` reads: it skips the output text and borrows strings from the line, which
//! is what makes a million records parse in well under a second per core.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::experiment::assert::AssertionResult;
use crate::scan::mask::mask_secrets;

/// The version of the record format written by this build.
pub const RECORD_VERSION: u32 = 1;

/// Characters of output kept as an excerpt when outputs are redacted.
pub const EXCERPT_CHARS: usize = 80;

/// One sample of one arm on one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Format version ([`RECORD_VERSION`]).
    pub record_version: u32,
    /// The run this sample belongs to.
    pub run_id: String,
    /// The experiment's name.
    pub experiment: String,
    /// The arm's id.
    pub arm: String,
    /// The prompt the arm rendered.
    pub prompt: PromptInfo,
    /// Provider id.
    pub provider: String,
    /// Model id as requested.
    pub model: String,
    /// Parameters sent.
    pub params: Map<String, Value>,
    /// The dataset case.
    pub case_id: String,
    /// Which repeat of the case (from 0).
    pub repeat: u32,
    /// The experiment seed (split assignment).
    pub seed: u64,
    /// Hash of provider, model, messages and parameters.
    pub request_hash: String,
    /// The output text (absent with `--redact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// SHA-256 of the output text.
    pub output_hash: String,
    /// The first characters of the output (with `--redact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_excerpt: Option<String>,
    /// Why generation stopped.
    #[serde(default)]
    pub finish_reason: Option<String>,
    /// Whether every assertion passed (and there was no error).
    pub pass: bool,
    /// Each assertion's outcome.
    pub assertions: Vec<AssertionResult>,
    /// End-to-end call latency in milliseconds: from the first attempt to the answer,
    /// including failed attempts and the waits between retries (promptctl's own client-side
    /// limits excluded). Records written before `attempt_latency_ms` existed hold the answering
    /// attempt's latency here.
    pub latency_ms: f64,
    /// Latency of the attempt that answered, in milliseconds (absent when the call failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt_latency_ms: Option<f64>,
    /// Attempts the call made, across retries and failover, including the one that answered
    /// (0 when nothing was sent; absent in records written before it was added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// The provider and model that answered, as the provider names the model (absent when the
    /// call failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_by: Option<ServedBy>,
    /// Prompt tokens.
    pub tokens_in: u64,
    /// Completion tokens.
    pub tokens_out: u64,
    /// Cost in US dollars, when known.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// Whether the reply came from the cache or a cassette (its latency and attempts are then
    /// those of the call that was recorded).
    #[serde(default)]
    pub cached: bool,
    /// What went wrong, when the call failed.
    #[serde(default)]
    pub error: Option<RecordError>,
    /// `batch` when the sample went through a provider batch API (absent: a synchronous call).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// The provider's id of the batch that answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// The media parts the request carried (images, audio, documents), by message; absent when
    /// there were none, and in records written before it was added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<RecordedMedia>,
    /// When the call started (RFC 3339).
    pub started_at: String,
    /// When the sample was scored (RFC 3339).
    pub finished_at: String,
    /// The promptctl version that ran it.
    pub promptctl_version: String,
}

/// The prompt behind an arm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptInfo {
    /// `name` or `name.variant`.
    pub name: String,
    /// The version asked for (`v3`, a branch, a commit). For a prompt taken from the working
    /// tree: the commit at HEAD when every file the render reads is as committed there, else
    /// `worktree` (edited, staged or untracked files, or no git repository).
    pub version: String,
    /// Content id of the prompt file as rendered (git blob id when known, else `sha256:`).
    pub blob: String,
    /// Content id of every file the render reads: the prompt, its bases and its partials
    /// (absent in records written before it was added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<String>,
    /// For a version from git: the commit the prompt and its partials were read from, so a
    /// resumed run renders the same files even if the branch or release moved since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

impl PromptInfo {
    /// Whether the variant took its prompt from the working tree: `worktree`, or the commit at
    /// HEAD that the working tree matched (then `version` is that commit, as `commit` is).
    pub fn from_worktree(&self) -> bool {
        self.version == WORKTREE || self.commit.as_deref() == Some(self.version.as_str())
    }

    /// The version as a spec asks for it: `worktree` for the working tree, committed or not.
    pub fn asked(&self) -> &str {
        if self.from_worktree() {
            WORKTREE
        } else {
            &self.version
        }
    }
}

/// The `version` of a prompt read from a working tree that differs from HEAD.
pub const WORKTREE: &str = "worktree";

/// Who answered a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServedBy {
    /// Provider id from the project config.
    pub provider: String,
    /// The model as the provider reported it (`gpt-4o-mini-2024-07-18` for `gpt-4o-mini`).
    pub model: String,
}

/// A media part of a request, as a record keeps it: enough to tell which image a sample saw,
/// never the image itself.
///
/// A `data:` URL carries the file's bytes, and a signed URL's query carries a credential, so the
/// full URL is kept only as `url_hash`; `url` is the URL without its query and fragment, and is
/// absent for `data:` URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedMedia {
    /// The request message (0-based) the part is in.
    pub message: usize,
    /// The URL without query or fragment; absent for a `data:` URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `sha256:<hex>` of the whole URL (for a `data:` URL: of its bytes as written).
    pub url_hash: String,
    /// The MIME type: as the template gave it, else a `data:` URL's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// The media parts of `messages`, as a record keeps them (see [`RecordedMedia`]).
pub fn recorded_media(messages: &[crate::prompt::Message]) -> Vec<RecordedMedia> {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    let mut out = Vec::new();
    for (index, message) in messages.iter().enumerate() {
        for part in &message.parts {
            let crate::prompt::message::Part::Media(part) = part else {
                continue;
            };
            let url = &part.media.url;
            let digest = Sha256::digest(url.as_bytes());
            let hex = digest.iter().fold(String::new(), |mut out, b| {
                let _ = write!(out, "{b:02x}");
                out
            });
            let data_type = url
                .strip_prefix("data:")
                .and_then(|rest| rest.split([';', ',']).next())
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            let is_data = url.starts_with("data:");
            out.push(RecordedMedia {
                message: index,
                url: (!is_data)
                    .then(|| url.split(['?', '#']).next().unwrap_or_default().to_owned()),
                url_hash: format!("sha256:{hex}"),
                content_type: part.media.content_type.clone().or(data_type),
            });
        }
    }
    out
}

/// A failed call, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// Machine-readable kind.
    pub kind: String,
    /// What happened.
    pub message: String,
}

impl RunRecord {
    /// The record every writer starts from (experiment runs, batch collection, `run
    /// --save-record`, `ingest`): who it belongs to, with no answer, no cost and no timing yet.
    /// Writers fill in what they know with struct update syntax, so a field added to the record
    /// is given its empty value in one place.
    pub fn unanswered(experiment: String, arm: String, prompt: PromptInfo) -> RunRecord {
        RunRecord {
            record_version: RECORD_VERSION,
            run_id: String::new(),
            experiment,
            arm,
            prompt,
            provider: String::new(),
            model: String::new(),
            params: Map::new(),
            case_id: String::new(),
            repeat: 0,
            seed: 0,
            request_hash: String::new(),
            output: None,
            output_hash: String::new(),
            output_excerpt: None,
            finish_reason: None,
            pass: false,
            assertions: Vec::new(),
            latency_ms: 0.0,
            attempt_latency_ms: None,
            attempts: None,
            served_by: None,
            tokens_in: 0,
            tokens_out: 0,
            cost_usd: None,
            cached: false,
            error: None,
            mode: None,
            batch_id: None,
            media: Vec::new(),
            started_at: String::new(),
            finished_at: String::new(),
            promptctl_version: String::new(),
        }
    }

    /// Keeps `output` the way `--redact` asks: a short excerpt instead of the text. Every secret
    /// in the output is masked before it is cut, so the cut cannot keep part of a key, and the
    /// assertion reasons, which quote the output and the expected text, are masked too.
    pub fn keep_redacted(&mut self, output: &str) {
        let masked = mask_secrets(output);
        self.output_excerpt = Some(masked.chars().take(EXCERPT_CHARS).collect());
        for reason in self.assertions.iter_mut().filter_map(|a| a.reason.as_mut()) {
            if let std::borrow::Cow::Owned(text) = mask_secrets(reason) {
                *reason = text;
            }
        }
    }

    /// The sample's identity within a run: (arm, case, repeat).
    pub fn key(&self) -> SampleKey {
        SampleKey {
            arm: self.arm.clone(),
            case_id: self.case_id.clone(),
            repeat: self.repeat,
        }
    }
}

/// What makes a sample unique within a run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SampleKey {
    /// Arm id.
    pub arm: String,
    /// Case id.
    pub case_id: String,
    /// Repeat number.
    pub repeat: u32,
}

/// The fields of a record that analysis reads, borrowed from the line.
#[derive(Debug, Deserialize)]
pub struct RecordView<'a> {
    /// The run.
    #[serde(borrow)]
    pub run_id: Cow<'a, str>,
    /// The arm.
    #[serde(borrow)]
    pub arm: Cow<'a, str>,
    /// The case.
    #[serde(borrow)]
    pub case_id: Cow<'a, str>,
    /// The repeat.
    pub repeat: u32,
    /// Whether everything passed.
    pub pass: bool,
    /// Assertion outcomes.
    #[serde(borrow, default)]
    pub assertions: Vec<AssertionView<'a>>,
    /// Latency.
    pub latency_ms: f64,
    /// Prompt tokens.
    pub tokens_in: u64,
    /// Completion tokens.
    pub tokens_out: u64,
    /// Cost.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// Present when the call failed.
    #[serde(default)]
    pub error: Option<IgnoredAny>,
    /// When the sample finished.
    #[serde(borrow, default)]
    pub finished_at: Cow<'a, str>,
}

/// An assertion outcome, borrowed.
#[derive(Debug, Deserialize)]
pub struct AssertionView<'a> {
    /// Metric name.
    #[serde(borrow)]
    pub metric: Cow<'a, str>,
    /// Pass.
    pub pass: bool,
    /// Score.
    #[serde(default)]
    pub score: Option<f64>,
}

impl RecordView<'_> {
    /// The value of a metric on this sample: built-ins by name, else the assertion's score (or
    /// pass as 1/0). `None` when the metric is not defined here (a case without that assertion,
    /// an unknown cost) and for every metric but `error` when the call failed: a failed call
    /// says nothing about the quality of the prompt, so it is left out of every quality metric's
    /// n and counted in `error` alone.
    #[allow(clippy::cast_precision_loss)] // token counts
    pub fn metric(&self, name: &str) -> Option<f64> {
        let failed = self.error.is_some();
        match name {
            "error" => Some(f64::from(u8::from(failed))),
            _ if failed => None,
            "pass" => Some(f64::from(u8::from(self.pass))),
            "latency_ms" => Some(self.latency_ms),
            "cost_usd" => self.cost_usd,
            "tokens_in" => Some(self.tokens_in as f64),
            "tokens_out" => Some(self.tokens_out as f64),
            _ => self
                .assertions
                .iter()
                .find(|a| a.metric == name)
                .map(|a| a.score.unwrap_or(f64::from(u8::from(a.pass)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> RunRecord {
        RunRecord {
            record_version: RECORD_VERSION,
            run_id: "r1".into(),
            experiment: "e".into(),
            arm: "control".into(),
            prompt: PromptInfo {
                name: "p".into(),
                version: "worktree".into(),
                blob: "sha256:00".into(),
                sources: Some(format!("sha256:{}", "1".repeat(64))),
                commit: None,
            },
            provider: "mock".into(),
            model: "m".into(),
            params: Map::new(),
            case_id: "c\"1".into(),
            repeat: 0,
            seed: 0,
            request_hash: "sha256:ab".into(),
            output: Some("hello".into()),
            output_hash: "sha256:cd".into(),
            output_excerpt: None,
            finish_reason: Some("stop".into()),
            pass: true,
            assertions: vec![AssertionResult {
                metric: "similarity".into(),
                pass: true,
                score: Some(0.9),
                reason: None,
            }],
            latency_ms: 12.5,
            attempt_latency_ms: Some(4.5),
            attempts: Some(3),
            served_by: Some(ServedBy {
                provider: "mock".into(),
                model: "m-2026".into(),
            }),
            tokens_in: 10,
            tokens_out: 3,
            cost_usd: Some(0.0001),
            cached: false,
            error: None,
            started_at: "2026-01-01T00:00:00Z".into(),
            finished_at: "2026-01-01T00:00:00Z".into(),
            mode: None,
            batch_id: None,
            media: Vec::new(),
            promptctl_version: "0.1.0".into(),
        }
    }

    #[test]
    fn records_without_media_omit_the_field_and_older_records_read_with_none() {
        let record = sample();
        let line = serde_json::to_string(&record).unwrap();
        assert!(!line.contains("\"media\""), "{line}");
        let read: RunRecord = serde_json::from_str(&line).unwrap();
        assert!(read.media.is_empty());
    }

    #[test]
    fn media_is_recorded_by_hash_without_bytes_or_query() {
        use crate::prompt::message::{Media, MediaPart, Part};
        use crate::prompt::{Message, Role};
        let media = |url: &str, content_type: Option<&str>| {
            Part::Media(MediaPart {
                media: Media {
                    url: url.into(),
                    content_type: content_type.map(str::to_owned),
                },
            })
        };
        let messages = [
            Message::text(Role::System, "s"),
            Message::from_parts(
                Role::User,
                vec![
                    Part::text("look"),
                    media("data:image/jpeg;base64,/9j/4AAQ", None),
                    media("https://x.test/a.png?sig=abc#f", Some("image/png")),
                ],
            ),
        ];
        let recorded = recorded_media(&messages);
        assert_eq!(recorded.len(), 2);
        assert_eq!((recorded[0].message, recorded[0].url.as_deref()), (1, None));
        assert_eq!(recorded[0].content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(recorded[1].url.as_deref(), Some("https://x.test/a.png"));
        assert_eq!(recorded[1].content_type.as_deref(), Some("image/png"));
        assert!(recorded[0].url_hash.starts_with("sha256:") && recorded[0].url_hash.len() == 71);
        let line = serde_json::to_string(&recorded).unwrap();
        assert!(
            !line.contains("/9j/4AAQ") && !line.contains("sig=abc"),
            "{line}"
        );
    }

    #[test]
    fn redacted_excerpt_keeps_no_part_of_a_key_near_the_cut() {
        let key = [
            "sk-",
            "proj-",
            "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4rS6tU8vW0xY2z",
        ]
        .concat();
        // The key starts 52 characters in: a plain 80-character cut keeps 28 of its characters.
        let output = format!("{} {key} end", "x".repeat(51));
        let mut r = sample();
        r.output = None;
        r.assertions[0].reason = Some(format!("expected `{key}`"));
        r.keep_redacted(&output);
        let line = serde_json::to_string(&r).unwrap();
        assert!(!line.contains(&key[8..20]), "{line}");
        assert_eq!(
            r.output_excerpt.as_deref(),
            Some(format!("{} sk-proj-**** end", "x".repeat(51)).as_str())
        );
        assert_eq!(
            r.assertions[0].reason.as_deref(),
            Some("expected `sk-proj-****`")
        );
    }

    #[test]
    fn round_trips_and_views_metrics() {
        let r = sample();
        let line = serde_json::to_string(&r).unwrap();
        let back: RunRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back, r);
        let view: RecordView<'_> = serde_json::from_str(&line).unwrap();
        assert_eq!(view.case_id, "c\"1");
        assert_eq!(view.metric("pass"), Some(1.0));
        assert_eq!(view.metric("similarity"), Some(0.9));
        assert_eq!(view.metric("tokens_out"), Some(3.0));
        assert_eq!(view.metric("cost_usd"), Some(0.0001));
        assert_eq!(view.metric("missing"), None);
        assert_eq!(view.metric("error"), Some(0.0));
    }

    #[test]
    fn records_match_the_published_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/result-record.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let mut failed = sample();
        failed.error = Some(RecordError {
            kind: "http_500".into(),
            message: "boom".into(),
        });
        failed.output = None;
        failed.output_excerpt = Some("he".into());
        for record in [sample(), failed] {
            let mut value = serde_json::to_value(&record).unwrap();
            value["request_hash"] = serde_json::Value::String(format!("sha256:{}", "a".repeat(64)));
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
    }

    #[test]
    fn failed_calls_count_as_errors_not_quality() {
        let mut r = sample();
        r.error = Some(RecordError {
            kind: "timeout".into(),
            message: "timed out".into(),
        });
        let line = serde_json::to_string(&r).unwrap();
        let view: RecordView<'_> = serde_json::from_str(&line).unwrap();
        assert_eq!(view.metric("error"), Some(1.0));
        assert_eq!(view.metric("pass"), None);
        assert_eq!(view.metric("latency_ms"), None);
    }
}
