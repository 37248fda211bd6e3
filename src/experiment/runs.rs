//! Finding an experiment's runs in `results/<experiment>/`, in the order they started.
//!
//! A run is every `<run-id>.jsonl` file of the folder together with its shards,
//! `<run-id>.shard-K-of-N.jsonl`. Run ids are chosen by people (`--run-id gh-1`) as often as by
//! the clock (`20260101T000000Z`), so the names say nothing about which run came last: runs are
//! ordered by when they started, ties broken by id, and [`Runs::latest`] is the one that started
//! last. Every command that looks at runs (`ab analyze`, `ab list`, `ab status`) asks this
//! module, so they agree on what "latest" means.
//!
//! **When a run started** is read from its records. Every record carries the `started_at` of its
//! call, and the runner appends records as calls complete, so the first records of a file are
//! those of the first calls: the earliest `started_at` among a file's first
//! [`HEAD_RECORDS`] records is when that file's run started (later than the true start by at most
//! the duration of a call that outlasted the first batch). A run's start is the earliest over its
//! files. Only that head of each file is read, so listing many large runs stays cheap.
//!
//! **Fallback:** a file with no timestamped record in its head (empty, damaged there, or written
//! by a tool that does not stamp records) falls back to its modification time, and the run says
//! so ([`StartSource::FileTime`]): a checkout or a copy resets that time, so it is a guess. A run
//! with no start at all (its files cannot be read) sorts before every run with one.
//!
//! **Damage never stops discovery:** a damaged line is skipped, and a file that cannot be read
//! is listed in [`Run::unreadable`]; its run is still found. Whether a run's records are whole
//! is `ab status`'s question ([`crate::experiment::journal::summarize`]).

use std::borrow::Cow;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How many records at the head of a results file are read for the run's start.
pub const HEAD_RECORDS: usize = 64;

/// Bytes at the head of a results file read at most for the run's start.
const HEAD_BYTES: u64 = 4 << 20;

/// Where a run's start time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartSource {
    /// The `started_at` of its records.
    Record,
    /// The modification time of a results file (no timestamped record to read).
    FileTime,
}

impl StartSource {
    /// `record` or `file_time`, for output.
    pub fn as_str(self) -> &'static str {
        match self {
            StartSource::Record => "record",
            StartSource::FileTime => "file_time",
        }
    }
}

/// When a run started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// RFC 3339, as the record has it (or the file time, formatted in UTC).
    pub at: String,
    /// The same time in Unix seconds (fractions dropped), for ordering.
    pub unix_seconds: i64,
    /// Where it was read from.
    pub source: StartSource,
}

/// A results file whose head could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub message: String,
}

/// One run of an experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The run id (the file name without `.shard-K-of-N` and `.jsonl`).
    pub id: String,
    /// Its results files, sorted by name (the unsharded file, then the shards).
    pub files: Vec<PathBuf>,
    /// When it started, if that can be told.
    pub started: Option<Started>,
    /// Files whose head could not be read (the run is listed all the same).
    pub unreadable: Vec<Unreadable>,
}

impl Run {
    /// The shards a sharded run lacks (`<id>.shard-K-of-N.jsonl` for each missing K), so a CI
    /// merge step that lost an artifact is caught instead of analysed as the whole run. Shard
    /// files that disagree on N are all reported under each N they name.
    pub fn missing_shards(&self) -> Vec<String> {
        let mut seen: std::collections::BTreeMap<u32, std::collections::BTreeSet<u32>> =
            std::collections::BTreeMap::new();
        for file in &self.files {
            let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let Some((_, shard)) = stem.split_once(".shard-") else {
                continue;
            };
            if let Some((k, n)) = shard.split_once("-of-")
                && let (Ok(k), Ok(n)) = (k.parse::<u32>(), n.parse::<u32>())
            {
                seen.entry(n).or_default().insert(k);
            }
        }
        let mut missing = Vec::new();
        for (n, present) in seen {
            for k in 1..=n {
                if !present.contains(&k) {
                    missing.push(format!("{}.shard-{k}-of-{n}.jsonl", self.id));
                }
            }
        }
        missing
    }
}

/// The runs of one experiment, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Runs {
    runs: Vec<Run>,
}

impl Runs {
    /// Every run, in the order they started.
    pub fn all(&self) -> &[Run] {
        &self.runs
    }

    /// The run that started last: what `ab analyze` reads by default.
    pub fn latest(&self) -> Option<&Run> {
        self.runs.last()
    }

    /// The run with this id.
    pub fn get(&self, id: &str) -> Option<&Run> {
        self.runs.iter().find(|r| r.id == id)
    }

    /// How many runs there are.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// The results folder of an experiment could not be listed.
#[derive(Debug, thiserror::Error)]
#[error("cannot list the results folder `{}`", dir.display())]
pub struct DiscoverError {
    /// The folder.
    pub dir: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// Lists the runs whose results files are in `dir`, oldest first.
///
/// A folder that does not exist holds no runs. Damaged or unreadable files are listed with
/// their run (see the module doc); only a folder that exists but cannot be listed is an error.
pub fn discover(dir: &Path) -> Result<Runs, DiscoverError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Runs::default()),
        Err(source) => {
            return Err(DiscoverError {
                dir: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl") && !p.is_dir())
        .collect();
    files.sort();
    let mut runs: Vec<Run> = Vec::new();
    for file in files {
        let Some(id) = run_id(&file) else { continue };
        let index = if let Some(i) = runs.iter().position(|r| r.id == id) {
            i
        } else {
            runs.push(Run {
                id: id.to_owned(),
                files: Vec::new(),
                started: None,
                unreadable: Vec::new(),
            });
            runs.len() - 1
        };
        let run = &mut runs[index];
        match file_start(&file) {
            Ok(Some(started)) => run.started = Some(earliest(run.started.take(), started)),
            Ok(None) => {}
            Err(message) => run.unreadable.push(Unreadable {
                path: file.clone(),
                message,
            }),
        }
        run.files.push(file);
    }
    runs.sort_by(|a, b| {
        let key = |r: &Run| r.started.as_ref().map(|s| s.unix_seconds);
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    Ok(Runs { runs })
}

/// The run id of a results file name: `r1.jsonl` and `r1.shard-2-of-4.jsonl` are run `r1`.
fn run_id(file: &Path) -> Option<&str> {
    let stem = file.file_stem()?.to_str()?;
    Some(stem.split_once(".shard-").map_or(stem, |(run, _)| run))
}

/// Keeps the earlier of two starts; a start from records wins over a file time.
fn earliest(current: Option<Started>, new: Started) -> Started {
    match current {
        None => new,
        Some(old) => match (old.source, new.source) {
            (StartSource::Record, StartSource::FileTime) => old,
            (StartSource::FileTime, StartSource::Record) => new,
            _ if new.unix_seconds < old.unix_seconds => new,
            _ => old,
        },
    }
}

#[derive(Deserialize)]
struct StartView<'a> {
    #[serde(borrow, default)]
    started_at: Option<Cow<'a, str>>,
}

/// When the run of one results file started: from its head records, else its file time.
/// `Err` only when the file cannot be read at all.
fn file_start(path: &Path) -> Result<Option<Started>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(std::io::Read::take(&file, HEAD_BYTES));
    let mut line = Vec::new();
    let mut best: Option<Started> = None;
    let mut seen = 0;
    while seen < HEAD_RECORDS {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        // A last line without its newline may still be being written: not a record yet.
        if read == 0 || line.last() != Some(&b'\n') {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        seen += 1;
        let Ok(view) = serde_json::from_slice::<StartView<'_>>(&line) else {
            continue;
        };
        let Some(at) = view.started_at else { continue };
        let Some(unix_seconds) = crate::provider::retry::parse_rfc3339(&at) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| unix_seconds < b.unix_seconds) {
            best = Some(Started {
                at: at.into_owned(),
                unix_seconds,
                source: StartSource::Record,
            });
        }
    }
    if best.is_some() {
        return Ok(best);
    }
    let modified = file.metadata().and_then(|m| m.modified()).ok();
    Ok(modified
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .map(|unix_seconds| Started {
            at: crate::store::history::format_rfc3339(unix_seconds),
            unix_seconds,
            source: StartSource::FileTime,
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(run: &str, started: &str) -> String {
        format!(
            r#"{{"record_version":1,"run_id":"{run}","arm":"a","case_id":"c","repeat":0,"pass":true,"started_at":"{started}"}}"#
        )
    }

    fn write(dir: &Path, name: &str, lines: &[String]) {
        let mut text = lines.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn ids(runs: &Runs) -> Vec<&str> {
        runs.all().iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn runs_are_ordered_by_start_not_by_name() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "gh-1.jsonl",
            &[line("gh-1", "2026-01-01T00:00:00Z")],
        );
        write(
            dir.path(),
            "20260101T000500Z.jsonl",
            &[line("x", "2026-01-01T00:05:00Z")],
        );
        write(
            dir.path(),
            "a-old.jsonl",
            &[line("x", "2025-12-31T23:00:00Z")],
        );
        let runs = discover(dir.path()).unwrap();
        assert_eq!(ids(&runs), ["a-old", "gh-1", "20260101T000500Z"]);
        let latest = runs.latest().unwrap();
        assert_eq!(latest.id, "20260101T000500Z");
        let started = latest.started.as_ref().unwrap();
        assert_eq!(started.at, "2026-01-01T00:05:00Z");
        assert_eq!(started.source, StartSource::Record);
    }

    #[test]
    fn equal_starts_are_ordered_by_id_and_offsets_are_honoured() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.jsonl", &[line("b", "2026-01-01T00:00:00Z")]);
        write(dir.path(), "a.jsonl", &[line("a", "2026-01-01T00:00:00Z")]);
        // 00:30 at +01:00 is 23:30 the day before: the oldest.
        write(
            dir.path(),
            "c.jsonl",
            &[line("c", "2026-01-01T00:30:00+01:00")],
        );
        assert_eq!(ids(&discover(dir.path()).unwrap()), ["c", "a", "b"]);
    }

    #[test]
    fn shards_belong_to_their_run_which_starts_with_its_earliest_shard() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "gh-7.shard-2-of-2.jsonl",
            &[line("gh-7", "2026-01-01T00:10:00Z")],
        );
        write(
            dir.path(),
            "gh-7.shard-1-of-2.jsonl",
            &[line("gh-7", "2026-01-01T00:02:00Z")],
        );
        write(
            dir.path(),
            "other.jsonl",
            &[line("o", "2026-01-01T00:05:00Z")],
        );
        let runs = discover(dir.path()).unwrap();
        assert_eq!(ids(&runs), ["gh-7", "other"]);
        let gh = runs.get("gh-7").unwrap();
        let names: Vec<_> = gh
            .files
            .iter()
            .map(|f| f.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["gh-7.shard-1-of-2.jsonl", "gh-7.shard-2-of-2.jsonl"]
        );
        assert_eq!(gh.started.as_ref().unwrap().at, "2026-01-01T00:02:00Z");
    }

    #[test]
    fn the_earliest_start_among_the_first_records_is_the_runs_start() {
        let dir = tempfile::tempdir().unwrap();
        // Records land as calls complete: the second call finished first.
        write(
            dir.path(),
            "r.jsonl",
            &[
                line("r", "2026-01-01T00:00:09Z"),
                line("r", "2026-01-01T00:00:01Z"),
            ],
        );
        let runs = discover(dir.path()).unwrap();
        assert_eq!(
            runs.get("r").unwrap().started.as_ref().unwrap().at,
            "2026-01-01T00:00:01Z"
        );
    }

    #[test]
    fn damaged_files_do_not_stop_discovery() {
        let dir = tempfile::tempdir().unwrap();
        // A damaged first line is skipped; the next record still dates the run.
        write(
            dir.path(),
            "damaged.jsonl",
            &["{not json".to_owned(), line("d", "2026-01-01T00:03:00Z")],
        );
        // Nothing readable at all: the file time stands in, and says so.
        write(
            dir.path(),
            "garbage.jsonl",
            &["\u{0}\u{1}binary".to_owned()],
        );
        // Empty, and a half-written last line only.
        write(dir.path(), "empty.jsonl", &[]);
        std::fs::write(dir.path().join("partial.jsonl"), "{\"started_at\":\"2026").unwrap();
        write(
            dir.path(),
            "good.jsonl",
            &[line("g", "2026-01-01T00:01:00Z")],
        );
        // Not results: a lock file, and a folder with a results-like name.
        std::fs::write(dir.path().join("good.jsonl.lock"), "{}").unwrap();
        std::fs::create_dir(dir.path().join("folder.jsonl")).unwrap();
        // 2027-01-01T00:00:00Z: after every recorded start above.
        let later = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_798_761_600);
        for name in ["garbage.jsonl", "empty.jsonl", "partial.jsonl"] {
            let file = std::fs::File::options()
                .write(true)
                .open(dir.path().join(name))
                .unwrap();
            file.set_modified(later).unwrap();
        }
        let runs = discover(dir.path()).unwrap();
        assert_eq!(
            ids(&runs),
            ["good", "damaged", "empty", "garbage", "partial"]
        );
        for id in ["garbage", "empty", "partial"] {
            let run = runs.get(id).unwrap();
            let started = run.started.as_ref().unwrap();
            assert_eq!(started.source, StartSource::FileTime, "{id}");
            assert_eq!(started.at, "2027-01-01T00:00:00Z", "{id}");
            assert!(run.unreadable.is_empty());
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_listed_with_its_run() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "r.jsonl", &[line("r", "2026-01-01T00:00:00Z")]);
        // A shard that cannot be opened, whoever runs the test (permissions do not stop root):
        // a link to a file that is gone.
        let gone = dir.path().join("r.shard-2-of-2.jsonl");
        std::os::unix::fs::symlink(dir.path().join("deleted.jsonl.bak"), &gone).unwrap();
        let runs = discover(dir.path()).unwrap();
        let run = runs.get("r").unwrap();
        assert_eq!(run.files.len(), 2);
        assert_eq!(run.unreadable.len(), 1);
        assert_eq!(run.unreadable[0].path, gone);
        assert_eq!(run.started.as_ref().unwrap().source, StartSource::Record);
    }

    #[test]
    fn a_sharded_run_names_the_shards_it_lacks() {
        let run = |names: &[&str]| Run {
            id: "gh-7".into(),
            files: names.iter().map(PathBuf::from).collect(),
            started: None,
            unreadable: Vec::new(),
        };
        assert!(run(&["gh-7.jsonl"]).missing_shards().is_empty());
        assert!(
            run(&["gh-7.shard-1-of-2.jsonl", "gh-7.shard-2-of-2.jsonl"])
                .missing_shards()
                .is_empty()
        );
        assert_eq!(
            run(&["gh-7.shard-1-of-3.jsonl", "gh-7.shard-3-of-3.jsonl"]).missing_shards(),
            ["gh-7.shard-2-of-3.jsonl"]
        );
    }

    #[test]
    fn a_missing_folder_has_no_runs() {
        let dir = tempfile::tempdir().unwrap();
        let runs = discover(&dir.path().join("none")).unwrap();
        assert!(runs.is_empty());
        assert!(runs.latest().is_none());
    }
}
