//! Importing production call logs into the record format, so a report shows production latency,
//! cost and error rates per prompt version beside the experiments.
//!
//! Two inputs are read: OpenTelemetry spans that follow the `GenAI` semantic conventions, as
//! exported in OTLP/JSON ([`otel`]), and OpenAI-style request/response logs, one JSON object per
//! line ([`openai`]). Each call is tied to a prompt version in one of two ways, first match wins:
//!
//! - explicit attributes: `promptctl.prompt` (the prompt's name) and `promptctl.version` (`v3`,
//!   a commit, or any label the application uses);
//! - the content id of the prompt file the application rendered (`promptctl.blob`: what
//!   `git hash-object` gives for the file), looked up among every version of every prompt in the
//!   project's history ([`PromptIndex`]), so the version is found even when the application only
//!   knows the file it shipped.
//!
//! A call that matches neither is counted, with where it was and why, and not written: a record
//! must name its prompt. Spans that are not model calls (no `gen_ai.*` attributes) are counted
//! apart. Malformed input stops the import with the file, line and column, and nothing is written.
//!
//! The records of one input file go to one file, `results/ingest/<stem>-<hash>.jsonl`, named by
//! the input's content: importing the same export twice replaces the file instead of counting
//! every call twice, and each record's identity (its run id and case id) comes from the call
//! itself (trace and span id, or the response id), so a report reading git history counts it once.

pub mod openai;
pub mod otel;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::experiment::exec::hex;
use crate::experiment::record::{PromptInfo, RecordError, RunRecord, ServedBy};
use crate::provider::pricing::PriceTable;
use crate::provider::{Target, Usage};

/// The folder, under `results/`, of imported calls.
pub const INGEST_DIR: &str = "ingest";

/// The experiment name of imported calls.
pub const INGEST_EXPERIMENT: &str = "ingest";

/// The attribute (or metadata key) naming the prompt.
pub const ATTR_PROMPT: &str = "promptctl.prompt";
/// The attribute naming the prompt's version.
pub const ATTR_VERSION: &str = "promptctl.version";
/// The attribute holding the content id of the prompt file rendered.
pub const ATTR_BLOB: &str = "promptctl.blob";

/// What a log format is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OTLP/JSON trace export (one document, or one per line as the collector's file exporter
    /// writes).
    Otel,
    /// OpenAI-style request/response log lines.
    OpenAi,
}

impl Format {
    /// The format's name, as records' `arm` holds it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Otel => "otel",
            Format::OpenAi => "openai-log",
        }
    }

    /// Guesses the format from the first JSON object: OTLP documents have `resourceSpans`.
    pub fn detect(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(4096)];
        if head.windows(15).any(|w| w == b"\"resourceSpans\"") {
            Format::Otel
        } else {
            Format::OpenAi
        }
    }
}

/// Every known version of every prompt, by content id and by name.
#[derive(Debug, Default, Clone)]
pub struct PromptIndex {
    by_blob: HashMap<String, (String, String)>,
    versions: HashMap<(String, String), String>,
    names: std::collections::HashSet<String>,
}

impl PromptIndex {
    /// Adds one version: the prompt's name, its version label and the file's content id.
    pub fn insert(&mut self, name: &str, version: &str, blob: &str) {
        self.names.insert(name.to_owned());
        // The oldest version with this content keeps it: reverting to old text is that version.
        self.by_blob
            .entry(blob.to_owned())
            .or_insert_with(|| (name.to_owned(), version.to_owned()));
        self.versions
            .insert((name.to_owned(), version.to_owned()), blob.to_owned());
    }

    /// Every version of every prompt in the project's working tree, from git history (`v1`,
    /// `v2`, ... as `promptctl log` numbers them), plus `worktree` for an uncommitted edit.
    pub fn of_project(project: &crate::project::Project) -> Result<PromptIndex, IngestError> {
        let library = crate::library::Library::load(project).map_err(|e| IngestError::Index {
            message: e.to_string(),
        })?;
        let repo = crate::store::Repo::open(project).ok();
        let mut index = PromptIndex::default();
        for entry in library.prompts() {
            let name = crate::library::display_id(&entry.name);
            if let Some(repo) = &repo {
                let path = repo.prompt_path(&entry.name);
                let versions = crate::store::history::versions(repo, &path).unwrap_or_default();
                for version in &versions {
                    if let Some(blob) = &version.blob {
                        index.insert(&name, &format!("v{}", version.number), blob);
                    }
                }
                if let Ok(id) = repo.blob_id_of(entry.text.as_bytes()) {
                    let id = id.to_string();
                    if !index.by_blob.contains_key(&id) {
                        index.insert(&name, crate::experiment::record::WORKTREE, &id);
                    }
                }
            } else {
                index.names.insert(name);
            }
        }
        Ok(index)
    }

    fn resolve(&self, keys: &Keys) -> Result<(String, String, String), &'static str> {
        if let Some(name) = &keys.prompt {
            if !self.names.contains(name) {
                return Err("unknown prompt");
            }
            if let Some(version) = &keys.version {
                let blob = self
                    .versions
                    .get(&(name.clone(), version.clone()))
                    .cloned()
                    .or_else(|| keys.blob.clone())
                    .unwrap_or_default();
                return Ok((name.clone(), version.clone(), blob));
            }
            if let Some(blob) = &keys.blob {
                return match self.by_blob.get(blob) {
                    Some((n, v)) if n == name => Ok((n.clone(), v.clone(), blob.clone())),
                    _ => Err("content id is not a version of the named prompt"),
                };
            }
            return Err("prompt named without a version or content id");
        }
        if let Some(blob) = &keys.blob {
            return match self.by_blob.get(blob) {
                Some((n, v)) => Ok((n.clone(), v.clone(), blob.clone())),
                None => Err("content id matches no prompt version"),
            };
        }
        Err("no promptctl.prompt or promptctl.blob attribute")
    }
}

/// What ties a call to a prompt version, as found in the log.
#[derive(Debug, Default, Clone)]
pub(crate) struct Keys {
    pub(crate) prompt: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) blob: Option<String>,
}

/// One call as read from a log, before it is matched.
#[derive(Debug, Default, Clone)]
pub(crate) struct Call {
    /// Where it was (`line 12`, `line 1, span 3f2a…`).
    pub(crate) position: String,
    /// Identity: a run id and a case id that are the same however often the call is imported.
    pub(crate) run_id: String,
    pub(crate) case_id: String,
    pub(crate) keys: Keys,
    pub(crate) provider: String,
    pub(crate) model: String,
    pub(crate) served_model: Option<String>,
    pub(crate) params: Map<String, Value>,
    pub(crate) usage: Usage,
    pub(crate) latency_ms: f64,
    pub(crate) started_unix_ms: Option<i64>,
    pub(crate) finish_reason: Option<String>,
    pub(crate) error: Option<(String, String)>,
}

/// A call that matched no prompt version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// Where it was in the file.
    pub position: String,
    /// Why it matched nothing.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct IngestReport {
    /// The format read.
    pub format: Format,
    /// The file written (`None` when no call matched).
    pub written: Option<PathBuf>,
    /// Model calls found.
    pub calls: u64,
    /// Calls written, by prompt and version.
    pub matched: BTreeMap<(String, String), u64>,
    /// Calls that matched nothing, by reason.
    pub unmatched: BTreeMap<String, u64>,
    /// The first 20 unmatched calls, with where they were.
    pub unmatched_examples: Vec<Unmatched>,
    /// Spans that were not model calls.
    pub skipped_spans: u64,
}

impl IngestReport {
    /// Calls that matched nothing.
    pub fn unmatched_total(&self) -> u64 {
        self.unmatched.values().sum()
    }
}

/// An import failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input is not what the format says.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Malformed {
        /// The input file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing failed.
    #[error("cannot {action} `{}`", path.display())]
    Io {
        /// Read or write.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The prompt library could not be read.
    #[error("cannot read the prompt library: {message}")]
    Index {
        /// Why.
        message: String,
    },
}

/// Line and column (from 1) of a byte offset.
pub(crate) fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    #[allow(clippy::naive_bytecount)] // once, for an error message
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.len()
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, column)
}

/// Reads `input`, matches its calls to prompt versions and writes the matched ones under
/// `ingest_dir`. `format` `None` detects it.
pub fn ingest(
    input: &Path,
    format: Option<Format>,
    index: &PromptIndex,
    prices: &PriceTable,
    ingest_dir: &Path,
    promptctl_version: &str,
) -> Result<IngestReport, IngestError> {
    let bytes = std::fs::read(input).map_err(|source| IngestError::Io {
        action: "read",
        path: input.to_path_buf(),
        source,
    })?;
    let format = format.unwrap_or_else(|| Format::detect(&bytes));
    let malformed = |(offset, message): (usize, String)| {
        let (line, column) = position(&bytes, offset);
        IngestError::Malformed {
            path: input.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let (calls, skipped_spans) = match format {
        Format::Otel => otel::read(&bytes).map_err(malformed)?,
        Format::OpenAi => (openai::read(&bytes).map_err(malformed)?, 0),
    };
    let mut report = IngestReport {
        format,
        written: None,
        calls: calls.len() as u64,
        matched: BTreeMap::new(),
        unmatched: BTreeMap::new(),
        unmatched_examples: Vec::new(),
        skipped_spans,
    };
    let mut lines = Vec::new();
    for call in calls {
        match index.resolve(&call.keys) {
            Ok((name, version, blob)) => {
                *report
                    .matched
                    .entry((name.clone(), version.clone()))
                    .or_default() += 1;
                let record =
                    to_record(call, format, name, version, blob, prices, promptctl_version);
                let mut line = serde_json::to_vec(&record).map_err(|e| IngestError::Io {
                    action: "write",
                    path: ingest_dir.to_path_buf(),
                    source: std::io::Error::other(e),
                })?;
                line.push(b'\n');
                lines.extend_from_slice(&line);
            }
            Err(reason) => {
                *report.unmatched.entry(reason.to_owned()).or_default() += 1;
                if report.unmatched_examples.len() < 20 {
                    report.unmatched_examples.push(Unmatched {
                        position: call.position,
                        reason: reason.to_owned(),
                    });
                }
            }
        }
    }
    if !lines.is_empty() {
        let path = ingest_dir.join(output_file_name(input, &bytes));
        write_whole(&path, &lines)?;
        report.written = Some(path);
    }
    Ok(report)
}

/// The file an input's records go to: its stem with anything but ASCII letters, digits, `-` and
/// `_` replaced (so no input name can reach outside the ingest folder), and the hash of its
/// content, so importing the same file again replaces its records instead of adding them twice.
fn output_file_name(input: &Path, bytes: &[u8]) -> String {
    let stem = input
        .file_stem()
        .map(|s| {
            s.to_string_lossy().replace(
                |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_',
                "_",
            )
        })
        .unwrap_or_default();
    let id = &hex(&Sha256::digest(bytes))[..12];
    format!("{stem}-{id}.jsonl")
}

/// Writes a file through a temporary one and a rename: a reader never sees half of it.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), IngestError> {
    let io = |source| IngestError::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    // Named per process, so two imports of the same file never write one temporary file.
    let temp = path.with_extension(format!("jsonl.tmp{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(io)?;
    std::fs::rename(&temp, path).map_err(io)
}

fn to_record(
    call: Call,
    format: Format,
    name: String,
    version: String,
    blob: String,
    prices: &PriceTable,
    promptctl_version: &str,
) -> RunRecord {
    let started_at = call
        .started_unix_ms
        .map(|ms| crate::store::history::format_rfc3339(ms.div_euclid(1000)))
        .unwrap_or_default();
    #[allow(clippy::cast_possible_truncation)] // milliseconds of one call
    let finished_at = call
        .started_unix_ms
        .map(|ms| {
            crate::store::history::format_rfc3339((ms + call.latency_ms as i64).div_euclid(1000))
        })
        .unwrap_or_default();
    let cost_usd = prices.cost(
        &Target {
            provider: call.provider.clone(),
            model: call.model.clone(),
        },
        &call.usage,
    );
    let failed = call.error.is_some();
    let prompt = PromptInfo {
        name,
        version,
        blob,
        sources: None,
        commit: None,
    };
    RunRecord {
        run_id: call.run_id,
        served_by: (!failed).then(|| ServedBy {
            provider: call.provider.clone(),
            model: call.served_model.unwrap_or_else(|| call.model.clone()),
        }),
        provider: call.provider,
        model: call.model,
        params: call.params,
        case_id: call.case_id,
        finish_reason: call.finish_reason,
        pass: !failed,
        latency_ms: call.latency_ms,
        tokens_in: call.usage.input_tokens,
        tokens_out: call.usage.output_tokens,
        cost_usd: if failed { None } else { cost_usd },
        error: call
            .error
            .map(|(kind, message)| RecordError { kind, message }),
        started_at,
        finished_at,
        promptctl_version: promptctl_version.to_owned(),
        ..RunRecord::unanswered(
            INGEST_EXPERIMENT.to_owned(),
            format.name().to_owned(),
            prompt,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_stay_inside_the_ingest_folder_whatever_the_input_is_called() {
        for hostile in [
            "../../etc/passwd",
            "/abs/olute.json",
            "..",
            "spans with spaces;rm -rf.json",
            "dir/../../up.jsonl",
            "ünïcode.json",
        ] {
            let name = output_file_name(Path::new(hostile), b"{}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
                "{hostile} -> {name}"
            );
            assert!(!name.contains(".."), "{hostile} -> {name}");
            assert_eq!(
                Path::new(&name).extension().and_then(|e| e.to_str()),
                Some("jsonl"),
                "{hostile} -> {name}"
            );
            assert_eq!(
                Path::new(&name).components().count(),
                1,
                "{hostile} -> {name}"
            );
        }
        assert_ne!(
            output_file_name(Path::new("a.json"), b"one"),
            output_file_name(Path::new("a.json"), b"two"),
            "different contents are different imports"
        );
    }

    fn index() -> PromptIndex {
        let mut index = PromptIndex::default();
        index.insert("support/reply", "v1", "aaa");
        index.insert("support/reply", "v2", "bbb");
        index.insert("summarize", "v1", "ccc");
        index
    }

    fn keys(prompt: Option<&str>, version: Option<&str>, blob: Option<&str>) -> Keys {
        Keys {
            prompt: prompt.map(Into::into),
            version: version.map(Into::into),
            blob: blob.map(Into::into),
        }
    }

    #[test]
    fn a_call_matches_by_explicit_attributes_or_by_content_id() {
        let index = index();
        assert_eq!(
            index.resolve(&keys(Some("support/reply"), Some("v2"), None)),
            Ok(("support/reply".into(), "v2".into(), "bbb".into()))
        );
        assert_eq!(
            index.resolve(&keys(None, None, Some("ccc"))),
            Ok(("summarize".into(), "v1".into(), "ccc".into()))
        );
        assert_eq!(
            index.resolve(&keys(Some("support/reply"), None, Some("aaa"))),
            Ok(("support/reply".into(), "v1".into(), "aaa".into()))
        );
    }

    #[test]
    fn a_call_that_matches_nothing_says_why() {
        let index = index();
        assert_eq!(
            index.resolve(&keys(None, None, None)),
            Err("no promptctl.prompt or promptctl.blob attribute")
        );
        assert_eq!(
            index.resolve(&keys(Some("nope"), Some("v1"), None)),
            Err("unknown prompt")
        );
        assert_eq!(
            index.resolve(&keys(None, None, Some("zzz"))),
            Err("content id matches no prompt version")
        );
        assert_eq!(
            index.resolve(&keys(Some("summarize"), None, Some("aaa"))),
            Err("content id is not a version of the named prompt")
        );
    }

    #[test]
    fn positions_count_lines_and_columns_from_one() {
        let text = b"ab\ncde\nf";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 4), (2, 2));
        assert_eq!(position(text, 7), (3, 1));
    }
}
