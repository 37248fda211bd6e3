//! The append-only results file: `results/<experiment>/<run-id>.jsonl`.
//!
//! Records are buffered and written in batches; each batch is flushed and `fsync`ed, so a crash
//! or `kill -9` loses at most the batch in memory (the in-flight calls, in practice, since the
//! runner flushes every batch and on every pause). A crash in the middle of a write can leave a
//! truncated last line: [`recover`] drops it (truncating the file back to the last complete
//! line), reads every complete record, and returns the set of (arm, case, repeat) samples already
//! done, so `ab run --resume` runs exactly the rest, and the prompt each variant rendered, so it
//! runs them with the same prompts (see [`crate::experiment::resume`]). A sample whose last
//! record is a failed call is not done: it is listed apart ([`Recovered::failed`]) so a resume
//! retries it (the default) or keeps it. A retried sample's new record is appended after the
//! failed one; readers (analysis, [`summarize`]) let the last record of a sample stand. Only the
//! holder of the run's [`crate::experiment::lock::RunLock`] may recover or append.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::experiment::record::{PromptInfo, RunRecord, SampleKey};
use crate::experiment::resume::RecordedPrompts;

/// Records per batch when nothing else forces a flush.
pub const DEFAULT_BATCH: usize = 64;

/// Errors writing or reading a results file.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// IO on the file failed.
    #[error("cannot write the results file `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The run already has a results file (use `--resume`).
    #[error("the results file `{}` already exists", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// A complete line is not a record: the file was edited or damaged.
    #[error("{}:{line}: not a run record: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What the parser said.
        message: String,
    },
}

/// Appends records to a results file in flushed, fsynced batches.
#[derive(Debug)]
pub struct JournalWriter {
    path: PathBuf,
    file: File,
    buffer: Vec<u8>,
    pending: usize,
    batch: usize,
    written: u64,
}

impl JournalWriter {
    /// Creates a new results file (and its folder); fails if it exists.
    pub fn create(path: &Path, batch: usize) -> Result<JournalWriter, JournalError> {
        let io = |source| JournalError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    JournalError::Exists {
                        path: path.to_path_buf(),
                    }
                } else {
                    io(e)
                }
            })?;
        Ok(JournalWriter::new(path, file, batch))
    }

    /// Opens an existing results file for appending (after [`recover`]).
    pub fn append(path: &Path, batch: usize) -> Result<JournalWriter, JournalError> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|source| JournalError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(JournalWriter::new(path, file, batch))
    }

    fn new(path: &Path, file: File, batch: usize) -> JournalWriter {
        JournalWriter {
            path: path.to_path_buf(),
            file,
            buffer: Vec::with_capacity(64 * 1024),
            pending: 0,
            batch: batch.max(1),
            written: 0,
        }
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records made durable so far by this writer.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Queues a record; writes and syncs the batch when it is full.
    pub fn push(&mut self, record: &RunRecord) -> Result<(), JournalError> {
        serde_json::to_writer(&mut self.buffer, record).map_err(|e| JournalError::Io {
            path: self.path.clone(),
            source: e.into(),
        })?;
        self.buffer.push(b'\n');
        self.pending += 1;
        if self.pending >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes and syncs every queued record.
    pub fn flush(&mut self) -> Result<(), JournalError> {
        if self.pending == 0 {
            return Ok(());
        }
        let io = |source| JournalError::Io {
            path: self.path.clone(),
            source,
        };
        self.file.write_all(&self.buffer).map_err(io)?;
        self.file.sync_data().map_err(io)?;
        self.buffer.clear();
        self.written += self.pending as u64;
        self.pending = 0;
        Ok(())
    }
}

impl Drop for JournalWriter {
    fn drop(&mut self) {
        // Best effort: an error here has nowhere to go; callers flush explicitly to see it.
        let _ = self.flush();
    }
}

/// What a results file already holds.
#[derive(Debug, Default)]
pub struct Recovered {
    /// The samples already recorded whose last record is not a failed call.
    pub done: HashSet<SampleKey>,
    /// The samples whose last record is a failed call (a resume retries them by default).
    pub failed: HashSet<SampleKey>,
    /// Complete records read.
    pub records: usize,
    /// The seed the run used (from its records).
    pub seed: Option<u64>,
    /// The prompt each variant rendered (from its records).
    pub prompts: RecordedPrompts,
    /// Bytes of a truncated last line that were removed.
    pub repaired_bytes: usize,
}

#[derive(Deserialize)]
struct KeyView<'a> {
    #[serde(borrow)]
    arm: Cow<'a, str>,
    #[serde(borrow)]
    case_id: Cow<'a, str>,
    repeat: u32,
    seed: u64,
    #[serde(borrow, default)]
    prompt: Option<PromptView<'a>>,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct PromptView<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    version: Cow<'a, str>,
    #[serde(borrow)]
    blob: Cow<'a, str>,
    #[serde(borrow, default)]
    sources: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    commit: Option<Cow<'a, str>>,
}

impl PromptView<'_> {
    fn to_info(&self) -> PromptInfo {
        PromptInfo {
            name: self.name.clone().into_owned(),
            version: self.version.clone().into_owned(),
            blob: self.blob.clone().into_owned(),
            sources: self.sources.clone().map(Cow::into_owned),
            commit: self.commit.clone().map(Cow::into_owned),
        }
    }
}

/// Reads a results file for resuming: repairs a truncated last line and lists the samples done.
pub fn recover(path: &Path) -> Result<Recovered, JournalError> {
    let io = |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut out = Recovered {
        repaired_bytes: bytes.len() - complete,
        ..Recovered::default()
    };
    if out.repaired_bytes > 0 {
        // The last write was cut short by a crash: drop the partial line so appends start clean.
        let file = OpenOptions::new().write(true).open(path).map_err(io)?;
        file.set_len(complete as u64).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    for (index, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let key: KeyView<'_> = serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
            path: path.to_path_buf(),
            line: index + 1,
            message: e.to_string(),
        })?;
        out.seed.get_or_insert(key.seed);
        out.records += 1;
        if let Some(prompt) = &key.prompt {
            out.prompts.note(&key.arm, || prompt.to_info());
        }
        let sample = SampleKey {
            arm: key.arm.into_owned(),
            case_id: key.case_id.into_owned(),
            repeat: key.repeat,
        };
        // The last record of a sample stands.
        if key.error.is_some() {
            out.done.remove(&sample);
            out.failed.insert(sample);
        } else {
            out.failed.remove(&sample);
            out.done.insert(sample);
        }
    }
    Ok(out)
}

/// Counts in a results file, read without changing it (for `ab status`).
///
/// Counts are per sample: when a sample was recorded more than once (a resume retried a failed
/// call), its last record stands.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// Samples recorded.
    pub records: usize,
    /// Samples that passed.
    pub passed: u64,
    /// Samples whose call failed.
    pub errors: u64,
    /// The latest `finished_at`.
    pub last_finished: String,
    /// Complete lines that are not records (the counts above leave them out).
    pub damaged_lines: usize,
    /// The first of them: 1-based line and what the parser said.
    pub first_damage: Option<(usize, String)>,
}

/// (arm, case, repeat), borrowed from the file.
type SampleRef<'a> = (Cow<'a, str>, Cow<'a, str>, u32);

#[derive(Deserialize)]
struct SummaryView<'a> {
    #[serde(borrow)]
    arm: Cow<'a, str>,
    #[serde(borrow)]
    case_id: Cow<'a, str>,
    repeat: u32,
    pass: bool,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
    #[serde(borrow, default)]
    finished_at: Cow<'a, str>,
}

/// Reads a results file's counts; a truncated last line is skipped, not repaired.
///
/// A damaged line does not stop the count: it is counted in `damaged_lines`, so one damaged
/// file still shows what the rest of it holds.
pub fn summarize(path: &Path) -> Result<FileSummary, JournalError> {
    let bytes = std::fs::read(path).map_err(|source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut out = FileSummary::default();
    // (pass, failed) of the record that stands for each (arm, case, repeat).
    let mut samples: std::collections::HashMap<SampleRef<'_>, (bool, bool)> =
        std::collections::HashMap::new();
    for (index, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let view: SummaryView<'_> = match serde_json::from_slice(line) {
            Ok(view) => view,
            Err(e) => {
                out.damaged_lines += 1;
                out.first_damage
                    .get_or_insert_with(|| (index + 1, e.to_string()));
                continue;
            }
        };
        let failed = view.error.is_some();
        if *view.finished_at > *out.last_finished {
            out.last_finished = view.finished_at.into_owned();
        }
        samples.insert(
            (view.arm, view.case_id, view.repeat),
            (view.pass && !failed, failed),
        );
    }
    out.records = samples.len();
    for (passed, failed) in samples.into_values() {
        out.passed += u64::from(passed);
        out.errors += u64::from(failed);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::record::RECORD_VERSION;

    fn record(case: &str) -> RunRecord {
        let line = format!(
            r#"{{"record_version":{RECORD_VERSION},"run_id":"r","experiment":"e","arm":"a","prompt":{{"name":"p","version":"worktree","blob":"b"}},"provider":"mock","model":"m","params":{{}},"case_id":"{case}","repeat":0,"seed":9,"request_hash":"h","output":"o","output_hash":"oh","pass":true,"assertions":[],"latency_ms":1.0,"tokens_in":1,"tokens_out":1,"started_at":"t","finished_at":"t","promptctl_version":"0"}}"#
        );
        serde_json::from_str(&line).unwrap()
    }

    #[test]
    fn batches_are_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results/e/r.jsonl");
        let mut w = JournalWriter::create(&path, 2).unwrap();
        w.push(&record("c1")).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "",
            "first batch not full yet"
        );
        w.push(&record("c2")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);
        w.push(&record("c3")).unwrap();
        w.flush().unwrap();
        assert_eq!(w.written(), 3);
        drop(w);
        let r = recover(&path).unwrap();
        assert_eq!(r.records, 3);
        assert_eq!(r.seed, Some(9));
        assert_eq!(r.repaired_bytes, 0);
        let summary = summarize(&path).unwrap();
        assert_eq!((summary.records, summary.passed, summary.errors), (3, 3, 0));
        assert!(matches!(
            JournalWriter::create(&path, 2),
            Err(JournalError::Exists { .. })
        ));
    }

    #[test]
    fn a_truncated_last_line_is_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let full = serde_json::to_string(&record("c1")).unwrap();
        let partial = &serde_json::to_string(&record("c2")).unwrap()[..40];
        std::fs::write(&path, format!("{full}\n{partial}")).unwrap();
        let r = recover(&path).unwrap();
        assert_eq!(r.records, 1);
        assert_eq!(r.repaired_bytes, 40);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{full}\n"));
        let mut w = JournalWriter::append(&path, 1).unwrap();
        w.push(&record("c2")).unwrap();
        drop(w);
        let r = recover(&path).unwrap();
        assert_eq!(r.records, 2);
        assert!(r.done.contains(&SampleKey {
            arm: "a".into(),
            case_id: "c2".into(),
            repeat: 0
        }));
    }

    #[test]
    fn a_damaged_middle_line_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let full = serde_json::to_string(&record("c1")).unwrap();
        std::fs::write(&path, format!("{full}\n{{\"nope\": 1}}\n{full}\n")).unwrap();
        let err = recover(&path).unwrap_err();
        assert!(
            matches!(err, JournalError::Corrupt { line: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("r.jsonl:2:"));
    }

    #[test]
    fn empty_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        std::fs::write(&path, "").unwrap();
        assert_eq!(recover(&path).unwrap().records, 0);
        assert!(matches!(
            recover(&dir.path().join("none.jsonl")),
            Err(JournalError::Io { .. })
        ));
    }

    #[test]
    fn a_damaged_line_is_counted_and_the_rest_summarized() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let full = serde_json::to_string(&record("c1")).unwrap();
        let other = serde_json::to_string(&record("c2")).unwrap();
        std::fs::write(&path, format!("{full}\nnot json\n{other}\n{{\"x\": 1}}\n")).unwrap();
        let summary = summarize(&path).unwrap();
        assert_eq!(summary.records, 2);
        assert_eq!(summary.passed, 2);
        assert_eq!(summary.damaged_lines, 2);
        let (line, message) = summary.first_damage.unwrap();
        assert_eq!(line, 2);
        assert!(message.contains("expected"), "{message}");
    }

    #[test]
    fn a_sample_whose_last_record_failed_is_not_done_until_retried() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let mut failed = record("c2");
        failed.error = Some(crate::experiment::record::RecordError {
            kind: "http_500".into(),
            message: "boom".into(),
        });
        failed.pass = false;
        let line = |r: &RunRecord| serde_json::to_string(r).unwrap();
        std::fs::write(
            &path,
            format!("{}\n{}\n", line(&record("c1")), line(&failed)),
        )
        .unwrap();
        let key = |case: &str| SampleKey {
            arm: "a".into(),
            case_id: case.into(),
            repeat: 0,
        };
        let r = recover(&path).unwrap();
        assert!(r.done.contains(&key("c1")));
        assert!(!r.done.contains(&key("c2")));
        assert!(r.failed.contains(&key("c2")));
        let s = summarize(&path).unwrap();
        assert_eq!((s.records, s.passed, s.errors), (2, 1, 1));
        // The retry is appended; its record stands.
        let mut w = JournalWriter::append(&path, 1).unwrap();
        w.push(&record("c2")).unwrap();
        drop(w);
        let r = recover(&path).unwrap();
        assert!(r.done.contains(&key("c2")) && r.failed.is_empty());
        let s = summarize(&path).unwrap();
        assert_eq!((s.records, s.passed, s.errors), (2, 2, 0));
    }

    #[test]
    fn recovery_reads_the_prompt_each_arm_started_with() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let first = record("c1");
        let mut later = record("c2");
        later.prompt.blob = "b2".into();
        let lines: Vec<String> = [&first, &later]
            .iter()
            .map(|r| serde_json::to_string(r).unwrap())
            .collect();
        std::fs::write(&path, format!("{}\n", lines.join("\n"))).unwrap();
        let recovered = recover(&path).unwrap();
        assert_eq!(recovered.prompts.get("a"), Some(&first.prompt));
        assert_eq!(recovered.prompts.get("b"), None);
    }
}
