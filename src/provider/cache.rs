//! The response cache and record/replay cassettes.
//!
//! Both are keyed by [`request_key`]: a SHA-256 of the normalized request (model, messages,
//! settings; object keys sorted), so the same prompt sent to the same model with the same
//! settings hits, and any change misses.
//!
//! - [`ResponseCache`] keeps one JSON file per response under `.promptctl/cache/` (sharded by
//!   the first two hex digits), a folder that ignores itself with its own `.gitignore`.
//! - [`Cassette`] is an append-only JSONL file meant to be committed: `--record` appends every
//!   live response, `--replay` answers from it and treats a miss as an error naming the request,
//!   so CI reruns are free and deterministic. Because it is committed, every secret in what it
//!   records (messages, response text, tool-call arguments) is masked by the scanner's
//!   [`mask_secrets`] before the line is written: a key planted in a prompt or a dataset never
//!   reaches the file. Replay is unaffected: entries are found by the key of the unmasked
//!   request.
//! - A batch run (`ab run --batch --record`) writes [`BatchCassetteEntry`] lines to the same
//!   kind of file: the same key, plus `"mode": "batch"`, the provider's batch id and either the
//!   response or the per-request error the batch returned. Why apart: a synchronous answer
//!   and a batch answer of the same request are not interchangeable (price, batch id, the
//!   errors a batch can return), so batch replay reads only batch lines and synchronous replay
//!   only synchronous ones; a cassette recorded one way never silently passes for the other.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::prompt::Message;
use crate::provider::{ChatResponse, Error, Params, Target};
use crate::scan::mask::mask_secrets;

/// How the response cache is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheMode {
    /// Answer from the cache and store new responses.
    ReadWrite,
    /// Answer from the cache, never store.
    Read,
    /// Ignore the cache.
    #[default]
    Off,
}

/// Version of the key recipe; bump to invalidate every cache entry.
const KEY_VERSION: u32 = 1;

/// The cache key of one request to one model.
pub fn request_key(target: &Target, messages: &[Message], params: &Params) -> String {
    let value = serde_json::json!({
        "v": KEY_VERSION,
        "target": target.to_string(),
        "messages": messages,
        "params": params,
    });
    let normalized = normalize(value);
    let digest = Sha256::digest(normalized.to_string().as_bytes());
    crate::provider::sigv4::hex(&digest)
}

/// Sorts object keys recursively so key order never changes the hash.
fn normalize(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> =
                map.into_iter().map(|(k, v)| (k, normalize(v))).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        other => other,
    }
}

/// Responses stored as files under a folder.
#[derive(Debug, Clone)]
pub struct ResponseCache {
    dir: PathBuf,
    mode: CacheMode,
}

impl ResponseCache {
    /// A cache in `dir` (normally `<project>/.promptctl/cache`).
    pub fn new(dir: PathBuf, mode: CacheMode) -> ResponseCache {
        ResponseCache { dir, mode }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The stored response for `key`, if reading is on and there is one.
    ///
    /// An unreadable or corrupt entry is a miss, not an error: the cache is disposable.
    pub fn get(&self, key: &str) -> Option<ChatResponse> {
        if self.mode == CacheMode::Off {
            return None;
        }
        let bytes = std::fs::read(self.path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores a response when writing is on.
    pub fn put(&self, key: &str, response: &ChatResponse) -> Result<(), Error> {
        if self.mode != CacheMode::ReadWrite {
            return Ok(());
        }
        let path = self.path(key);
        let err = |path: &Path, e: std::io::Error| Error::Cache {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        if !self.dir.is_dir() {
            std::fs::create_dir_all(&self.dir).map_err(|e| err(&self.dir, e))?;
            let ignore = self.dir.join(".gitignore");
            std::fs::write(&ignore, "# promptctl response cache: never commit\n*\n")
                .map_err(|e| err(&ignore, e))?;
        }
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let bytes = serde_json::to_vec_pretty(response).map_err(|e| Error::Cache {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&tmp, bytes).map_err(|e| err(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| err(&path, e))
    }
}

/// One line of a cassette.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CassetteEntry {
    /// The request key.
    pub key: String,
    /// The model the request went to.
    pub target: Target,
    /// The messages, for people reading the file.
    pub messages: Vec<Message>,
    /// The settings.
    pub params: Params,
    /// The recorded response.
    pub response: ChatResponse,
}

impl CassetteEntry {
    /// A copy with every secret in its texts masked, as it is written to the file.
    fn masked(&self) -> CassetteEntry {
        let mut entry = self.clone();
        for message in &mut entry.messages {
            message.content = mask_secrets(&message.content).into_owned();
        }
        entry.response.content = mask_secrets(&entry.response.content).into_owned();
        for call in &mut entry.response.tool_calls {
            call.arguments = mask_secrets(&call.arguments).into_owned();
        }
        entry
    }
}

/// The `mode` of a batch cassette line.
pub const BATCH_MODE: &str = "batch";

/// Why one request of a recorded batch has no answer (a refusal the batch returned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TapeError {
    /// The provider's kind of error (`http_400`, `invalid_request_error`, ...).
    pub kind: String,
    /// The provider's message.
    pub message: String,
}

/// One line of a cassette recorded in batch mode: one request answered inside a batch.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchCassetteEntry {
    /// The request key (the same recipe as synchronous entries).
    pub key: String,
    /// Always [`BATCH_MODE`]: what tells a batch line from a synchronous one.
    pub mode: String,
    /// The provider's id of the batch that answered.
    pub batch_id: String,
    /// The model the request went to.
    pub target: Target,
    /// The messages, for people reading the file.
    pub messages: Vec<Message>,
    /// The settings.
    pub params: Params,
    /// The answer, when the batch answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ChatResponse>,
    /// The refusal, when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<TapeError>,
}

impl BatchCassetteEntry {
    fn masked(&self) -> BatchCassetteEntry {
        let mut entry = self.clone();
        for message in &mut entry.messages {
            message.content = mask_secrets(&message.content).into_owned();
        }
        if let Some(response) = &mut entry.response {
            response.content = mask_secrets(&response.content).into_owned();
            for call in &mut response.tool_calls {
                call.arguments = mask_secrets(&call.arguments).into_owned();
            }
        }
        if let Some(error) = &mut entry.error {
            error.message = mask_secrets(&error.message).into_owned();
        }
        entry
    }
}

/// A record/replay file.
#[derive(Debug)]
pub struct Cassette {
    path: PathBuf,
    entries: HashMap<String, ChatResponse>,
    batch: HashMap<String, BatchCassetteEntry>,
    writer: Option<Mutex<std::fs::File>>,
}

impl Cassette {
    /// Opens a cassette for replay: every line is loaded.
    pub fn replay(path: &Path) -> Result<Cassette, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Cache {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut entries = HashMap::new();
        let mut batch = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |e: serde_json::Error| Error::Cache {
                path: path.to_path_buf(),
                message: format!("line {}: not a cassette entry: {e}", i + 1),
            };
            let value: Value = serde_json::from_str(line).map_err(bad)?;
            if value.get("mode").and_then(Value::as_str) == Some(BATCH_MODE) {
                let entry: BatchCassetteEntry = serde_json::from_value(value).map_err(bad)?;
                batch.insert(entry.key.clone(), entry);
            } else {
                let entry: CassetteEntry = serde_json::from_value(value).map_err(bad)?;
                entries.insert(entry.key, entry.response);
            }
        }
        Ok(Cassette {
            path: path.to_path_buf(),
            entries,
            batch,
            writer: None,
        })
    }

    /// Opens a cassette for recording: new entries are appended.
    pub fn record(path: &Path) -> Result<Cassette, Error> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Cache {
                path: parent.to_path_buf(),
                message: e.to_string(),
            })?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| Error::Cache {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        Ok(Cassette {
            path: path.to_path_buf(),
            entries: HashMap::new(),
            batch: HashMap::new(),
            writer: Some(Mutex::new(file)),
        })
    }

    /// The cassette's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this cassette answers requests (replay) rather than recording them.
    pub fn is_replay(&self) -> bool {
        self.writer.is_none()
    }

    /// The recorded synchronous response for `key` (batch lines are not answers here).
    pub fn get(&self, key: &str) -> Option<&ChatResponse> {
        self.entries.get(key)
    }

    /// The recorded batch answer for `key` (synchronous lines are not answers here).
    pub fn get_batch(&self, key: &str) -> Option<&BatchCassetteEntry> {
        self.batch.get(key)
    }

    /// Whether `key` was recorded synchronously (to say why a batch replay misses).
    pub fn has_sync(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Whether `key` was recorded in batch mode (to say why a synchronous replay misses).
    pub fn has_batch(&self, key: &str) -> bool {
        self.batch.contains_key(key)
    }

    /// Appends one entry (recording only).
    pub fn append(&self, entry: &CassetteEntry) -> Result<(), Error> {
        let line = serde_json::to_string(&entry.masked());
        self.write_line(line)
    }

    /// Appends one batch entry (recording only).
    pub fn append_batch(&self, entry: &BatchCassetteEntry) -> Result<(), Error> {
        let line = serde_json::to_string(&entry.masked());
        self.write_line(line)
    }

    fn write_line(&self, line: serde_json::Result<String>) -> Result<(), Error> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        let mut line = line.map_err(|e| Error::Cache {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        line.push('\n');
        let mut file = writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        file.write_all(line.as_bytes()).map_err(|e| Error::Cache {
            path: self.path.clone(),
            message: e.to_string(),
        })
    }
}

/// The first words of the last message (secrets masked), to name a request in an error.
pub fn summarize(messages: &[Message]) -> String {
    let masked = mask_secrets(messages.last().map_or("", |m| m.content.trim()));
    let text = masked.as_ref();
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Role;
    use crate::provider::{FinishReason, OutputMode, Usage};

    fn msg(text: &str) -> Vec<Message> {
        vec![Message::text(Role::User, text)]
    }

    fn response() -> ChatResponse {
        ChatResponse::parsed(
            "hi".into(),
            (FinishReason::Stop, None),
            Usage {
                input_tokens: 1,
                output_tokens: 1,
                cached_input_tokens: 0,
            },
        )
    }

    #[test]
    fn key_depends_on_everything_but_key_order() {
        let t = Target::parse("openai/gpt-4o").unwrap();
        let p = Params::default();
        let base = request_key(&t, &msg("a"), &p);
        assert_eq!(base.len(), 64);
        assert_eq!(base, request_key(&t, &msg("a"), &p));
        assert_ne!(base, request_key(&t, &msg("b"), &p));
        assert_ne!(
            base,
            request_key(&Target::parse("openai/gpt-4o-mini").unwrap(), &msg("a"), &p)
        );
        let with_temp = Params {
            temperature: Some(0.1),
            ..Params::default()
        };
        assert_ne!(base, request_key(&t, &msg("a"), &with_temp));
        let s1: Value = serde_json::from_str(r#"{"a": 1, "b": 2}"#).unwrap();
        let s2: Value = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
        let p1 = Params {
            output: OutputMode::JsonSchema { schema: s1 },
            ..Params::default()
        };
        let p2 = Params {
            output: OutputMode::JsonSchema { schema: s2 },
            ..Params::default()
        };
        assert_eq!(
            request_key(&t, &msg("a"), &p1),
            request_key(&t, &msg("a"), &p2)
        );
    }

    #[test]
    fn cache_round_trip_and_modes() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join(".promptctl/cache");
        let key = "ab".repeat(32);
        let rw = ResponseCache::new(cache_dir.clone(), CacheMode::ReadWrite);
        assert!(rw.get(&key).is_none());
        rw.put(&key, &response()).unwrap();
        assert_eq!(rw.get(&key).unwrap().content, "hi");
        assert!(
            std::fs::read_to_string(cache_dir.join(".gitignore"))
                .unwrap()
                .contains('*')
        );
        let off = ResponseCache::new(cache_dir.clone(), CacheMode::Off);
        assert!(off.get(&key).is_none());
        let read = ResponseCache::new(cache_dir, CacheMode::Read);
        read.put(&"cd".repeat(32), &response()).unwrap();
        assert!(read.get(&"cd".repeat(32)).is_none());
    }

    #[test]
    fn cassette_records_and_replays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tapes/run.jsonl");
        let recorder = Cassette::record(&path).unwrap();
        recorder
            .append(&CassetteEntry {
                key: "k1".into(),
                target: Target::parse("openai/gpt-4o").unwrap(),
                messages: msg("a"),
                params: Params::default(),
                response: response(),
            })
            .unwrap();
        drop(recorder);
        let replay = Cassette::replay(&path).unwrap();
        assert!(replay.is_replay());
        assert_eq!(replay.get("k1").unwrap().content, "hi");
        assert!(replay.get("k2").is_none());
    }

    #[test]
    fn cassettes_mask_keys_planted_in_messages_and_responses() {
        let key = [
            "sk-ant-",
            "api03-",
            "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4rS6t",
        ]
        .concat();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.jsonl");
        let recorder = Cassette::record(&path).unwrap();
        let mut answer = response();
        answer.content = format!("The key is {key}.");
        answer.tool_calls.push(crate::provider::ToolCall {
            id: None,
            name: "call".into(),
            arguments: format!("{{\"token\": \"{key}\"}}"),
        });
        recorder
            .append(&CassetteEntry {
                key: "k1".into(),
                target: Target::parse("openai/gpt-4o").unwrap(),
                messages: msg(&format!("Use {key} please")),
                params: Params::default(),
                response: answer,
            })
            .unwrap();
        drop(recorder);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(!written.contains(&key[12..]), "{written}");
        assert!(
            written.contains("Use sk-ant-api03-**** please"),
            "{written}"
        );
        let replay = Cassette::replay(&path).unwrap();
        assert_eq!(
            replay.get("k1").unwrap().content,
            "The key is sk-ant-api03-****."
        );
    }

    #[test]
    fn batch_lines_answer_only_batch_replay_and_sync_lines_only_sync_replay() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mixed.jsonl");
        let recorder = Cassette::record(&path).unwrap();
        let target = Target::parse("openai/gpt-4o").unwrap();
        recorder
            .append(&CassetteEntry {
                key: "sync".into(),
                target: target.clone(),
                messages: msg("a"),
                params: Params::default(),
                response: response(),
            })
            .unwrap();
        for (key, answered) in [("batched", true), ("refused", false)] {
            recorder
                .append_batch(&BatchCassetteEntry {
                    key: key.into(),
                    mode: BATCH_MODE.into(),
                    batch_id: "batch_1".into(),
                    target: target.clone(),
                    messages: msg("b"),
                    params: Params::default(),
                    response: answered.then(response),
                    error: (!answered).then(|| TapeError {
                        kind: "http_400".into(),
                        message: "bad".into(),
                    }),
                })
                .unwrap();
        }
        drop(recorder);
        let replay = Cassette::replay(&path).unwrap();
        assert!(replay.get("sync").is_some() && replay.get_batch("sync").is_none());
        assert!(replay.get("batched").is_none());
        assert_eq!(replay.get_batch("batched").unwrap().batch_id, "batch_1");
        assert_eq!(
            replay
                .get_batch("refused")
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .kind,
            "http_400"
        );
        assert!(replay.has_sync("sync") && replay.has_batch("batched"));
    }

    #[test]
    fn corrupt_cassette_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.jsonl");
        std::fs::write(&path, "\n{not json}\n").unwrap();
        let err = Cassette::replay(&path).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn summaries_are_short() {
        assert_eq!(summarize(&msg("hello")), "\"hello\"");
        assert!(summarize(&msg(&"x".repeat(100))).ends_with("…\""));
    }
}
