//! Analytics across every run: totals, rates, latency percentiles, tokens and cost per group,
//! the trend across prompt versions, provider and model comparisons, and cost advice that is
//! claimed only when a non-inferiority test supports it.
//!
//! `ab analyze` reads one run of one experiment; a report reads every results file under
//! `results/` (experiments and `results/runs/`), streams each line once, and keeps per group
//! only what the numbers need (see [`aggregate`]). The statistics are the engine's
//! ([`crate::stats`]): Wilson intervals for rates, McNemar on the same cases or the two-proportion
//! z-test otherwise, Holm across comparisons, and [`crate::stats::noninferiority`] for advice.
//!
//! A damaged line never stops a report: it is counted, with its file and line, and skipped.

pub mod aggregate;
pub mod calls;
pub mod compare;
pub mod html;
pub mod ingest;
pub mod quantiles;
pub mod record;
pub mod spend;

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::report::aggregate::{Accumulator, GroupSummary};
use crate::report::compare::{Comparison, CostAdvice, PromptTrend};
use crate::report::record::ReportRecord;
use sha2::{Digest, Sha256};

/// A dimension records are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// The prompt's name (`name` or `name.variant`).
    Prompt,
    /// The prompt's version as asked for (`v3`, a commit, `worktree`).
    Version,
    /// The provider id.
    Provider,
    /// The model as requested.
    Model,
    /// The experiment's arm.
    Arm,
    /// The experiment (`run` for calls recorded outside experiments).
    Experiment,
}

impl Dimension {
    /// Every dimension, by name.
    pub const ALL: [(&'static str, Dimension); 6] = [
        ("prompt", Dimension::Prompt),
        ("version", Dimension::Version),
        ("provider", Dimension::Provider),
        ("model", Dimension::Model),
        ("arm", Dimension::Arm),
        ("experiment", Dimension::Experiment),
    ];

    /// Parses a dimension name.
    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
    }

    /// The dimension's name.
    pub fn name(self) -> &'static str {
        Dimension::ALL
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("", |(n, _)| n)
    }

    fn value<'r>(self, record: &'r ReportRecord<'_>) -> &'r str {
        match self {
            Dimension::Prompt => &record.prompt.name,
            Dimension::Version => &record.prompt.version,
            Dimension::Provider => &record.provider,
            Dimension::Model => &record.model,
            Dimension::Arm => &record.arm,
            Dimension::Experiment => &record.experiment,
        }
    }
}

/// Which records a report reads. Empty lists match everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Prompt names (a name also matches its variants, `name.variant`).
    pub prompts: Vec<String>,
    /// Experiments.
    pub experiments: Vec<String>,
    /// Providers.
    pub providers: Vec<String>,
    /// Models.
    pub models: Vec<String>,
    /// Calls that started at or after this time (Unix seconds).
    pub since: Option<i64>,
    /// Calls that started before this time (Unix seconds).
    pub until: Option<i64>,
}

impl Filter {
    fn accepts(&self, record: &ReportRecord<'_>, started: Option<i64>) -> bool {
        let any = |list: &[String], value: &str| list.is_empty() || list.iter().any(|v| v == value);
        let prompt_matches = self.prompts.is_empty()
            || self.prompts.iter().any(|p| {
                record.prompt.name == p.as_str()
                    || record
                        .prompt
                        .name
                        .strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            });
        let time_matches = match (self.since, self.until) {
            (None, None) => true,
            _ => started.is_some_and(|at| {
                self.since.is_none_or(|s| at >= s) && self.until.is_none_or(|u| at < u)
            }),
        };
        prompt_matches
            && any(&self.experiments, &record.experiment)
            && any(&self.providers, &record.provider)
            && any(&self.models, &record.model)
            && time_matches
    }
}

/// What a report is asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The dimensions of a group, in order (empty: one group of everything).
    pub by: Vec<Dimension>,
    /// Which records count.
    pub filter: Filter,
    /// Significance level of tests and `1 - confidence` of intervals.
    pub alpha: f64,
    /// The non-inferiority margin of cost advice, as a fraction (0.02 = 2 percentage points).
    pub margin: f64,
    /// The limits spend is shown against.
    pub budget: crate::config::BudgetConfig,
    /// Today (`YYYY-MM-DD`, UTC): the day and month of the daily and monthly limits.
    pub today: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            by: vec![Dimension::Prompt, Dimension::Provider, Dimension::Model],
            filter: Filter::default(),
            alpha: 0.05,
            margin: 0.02,
            budget: crate::config::BudgetConfig::default(),
            today: String::new(),
        }
    }
}

/// A line that is not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// The file (as given to the report).
    pub file: String,
    /// The line, from 1.
    pub line: u64,
    /// Why it is not a record.
    pub message: String,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The grouping.
    pub by: Vec<Dimension>,
    /// Result files read.
    pub files: u64,
    /// Records read (after filters).
    pub records: u64,
    /// One summary per group, sorted by key.
    pub groups: Vec<GroupSummary>,
    /// Each prompt's contents in the order they ran, and the change between consecutive ones.
    pub trend: Vec<PromptTrend>,
    /// Provider and model comparisons within each prompt, Holm-corrected together.
    pub comparisons: Vec<Comparison>,
    /// Non-inferiority tests of each cheaper model against a dearer one on the same prompt.
    pub advice: Vec<CostAdvice>,
    /// Lines that were skipped (the first 100; `damaged_total` counts all).
    pub damaged: Vec<Damaged>,
    /// Every skipped line.
    pub damaged_total: u64,
    /// Records read again (from another commit, or the working tree) and counted once.
    pub duplicates: u64,
    /// Every record's cost by day, provider and run, filters or not: budgets cover everything.
    pub spend: spend::Spend,
    /// Each configured limit with what was spent against it.
    pub budgets: Vec<spend::BudgetLine>,
}

/// A results file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the results file `{}`", path.display())]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

/// Every `.jsonl` file under `results_dir`, sorted (none when the folder does not exist).
pub fn result_files(results_dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut files = Vec::new();
    let mut pending = vec![results_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(ReadError { path: dir, source }),
        };
        for entry in entries {
            let entry = entry.map_err(|source| ReadError {
                path: dir.clone(),
                source,
            })?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| ReadError {
                path: path.clone(),
                source,
            })?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The state of a report while files stream in.
pub struct Builder {
    options: Options,
    groups: BTreeMap<Vec<String>, Accumulator>,
    versions: BTreeMap<(String, String), (String, Accumulator)>,
    models: BTreeMap<(String, String, String), Accumulator>,
    files: u64,
    records: u64,
    damaged: Vec<Damaged>,
    damaged_total: u64,
    /// Identities of the records counted, when each record may be read more than once.
    seen: Option<HashSet<u128>>,
    duplicates: u64,
    spend: spend::Spend,
}

/// A record's identity: the experiment, run, arm, case and repeat. The same sample read from two
/// commits (a file committed, then rewritten with more lines) is one sample.
fn identity(record: &ReportRecord<'_>) -> u128 {
    let mut h = Sha256::new();
    for part in [
        record.experiment.as_ref(),
        record.run_id.as_ref(),
        record.arm.as_ref(),
        record.case_id.as_ref(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(record.repeat.to_le_bytes());
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    u128::from_le_bytes(bytes)
}

impl Builder {
    /// An empty report.
    pub fn new(options: Options) -> Builder {
        Builder {
            options,
            groups: BTreeMap::new(),
            versions: BTreeMap::new(),
            models: BTreeMap::new(),
            files: 0,
            records: 0,
            damaged: Vec::new(),
            damaged_total: 0,
            seen: None,
            duplicates: 0,
            spend: spend::Spend::default(),
        }
    }

    /// Counts each record once however often it is read (by experiment, run, arm, case and
    /// repeat): for reading git history, where one file's records sit in many blobs.
    #[must_use]
    pub fn dedupe(mut self) -> Builder {
        self.seen = Some(HashSet::new());
        self
    }

    /// Reads every record of one file; `name` is how damaged lines name it.
    pub fn add_file(&mut self, path: &Path, name: &str) -> Result<(), ReadError> {
        let file = std::fs::File::open(path).map_err(|source| ReadError {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_reader(std::io::BufReader::with_capacity(1 << 16, file), name)
            .map_err(|source| ReadError {
                path: path.to_path_buf(),
                source,
            })
    }

    /// Reads every record from a reader (a file, or a blob from git history).
    pub fn add_reader(&mut self, mut reader: impl BufRead, name: &str) -> std::io::Result<()> {
        self.files += 1;
        let mut line = Vec::new();
        let mut number = 0u64;
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<ReportRecord<'_>>(&line) {
                Ok(record) => self.add_record(&record),
                Err(e) => {
                    self.damaged_total += 1;
                    if self.damaged.len() < 100 {
                        self.damaged.push(Damaged {
                            file: name.to_owned(),
                            line: number,
                            message: e.to_string(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds one record.
    pub fn add_record(&mut self, record: &ReportRecord<'_>) {
        if let Some(seen) = &mut self.seen
            && !seen.insert(identity(record))
        {
            self.duplicates += 1;
            return;
        }
        self.spend.add(record);
        let started = crate::provider::retry::parse_rfc3339(&record.started_at);
        if !self.options.filter.accepts(record, started) {
            return;
        }
        self.records += 1;
        let key: Vec<String> = self
            .options
            .by
            .iter()
            .map(|d| d.value(record).to_owned())
            .collect();
        self.groups.entry(key).or_default().add(record, started);
        let content = if record.prompt.blob.is_empty() {
            record.prompt.version.clone().into_owned()
        } else {
            record.prompt.blob.clone().into_owned()
        };
        self.versions
            .entry((record.prompt.name.clone().into_owned(), content))
            .or_insert_with(|| {
                (
                    record.prompt.version.clone().into_owned(),
                    Accumulator::light(),
                )
            })
            .1
            .add(record, started);
        self.models
            .entry((
                record.prompt.name.clone().into_owned(),
                record.provider.clone().into_owned(),
                record.model.clone().into_owned(),
            ))
            .or_insert_with(Accumulator::light)
            .add(record, started);
    }

    /// The finished report.
    pub fn finish(self) -> Report {
        let alpha = self.options.alpha;
        let trend = compare::trend(&self.versions, alpha);
        let comparisons = compare::comparisons(&self.models, alpha);
        let advice = compare::cost_advice(&self.models, self.options.margin, alpha);
        let groups = self
            .groups
            .into_iter()
            .map(|(key, acc)| acc.finish(key, alpha))
            .collect();
        Report {
            by: self.options.by,
            files: self.files,
            records: self.records,
            groups,
            trend,
            comparisons,
            advice,
            damaged: self.damaged,
            damaged_total: self.damaged_total,
            duplicates: self.duplicates,
            budgets: self.spend.lines(&self.options.budget, &self.options.today),
            spend: self.spend,
        }
    }
}

/// Reads every results file under `results_dir` into a report. File names in damaged-line
/// reports are relative to `base`.
pub fn build(results_dir: &Path, base: &Path, options: Options) -> Result<Report, ReadError> {
    let mut builder = Builder::new(options);
    for file in result_files(results_dir)? {
        let name = file
            .strip_prefix(base)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        builder.add_file(&file, &name)?;
    }
    Ok(builder.finish())
}

/// A report across git history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// A working-tree file.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Git.
    #[error("cannot read results from git history")]
    Git(#[from] crate::store::Error),
}

/// [`build`], plus every results file ever committed under `results/` in HEAD's history: a file
/// deleted or rewritten later still counts where it was committed, and each record counts once
/// (by experiment, run, arm, case and repeat), wherever and however often it was read. Damaged
/// lines of a committed file are named `path@commit`.
pub fn build_with_history(
    project: &crate::project::Project,
    options: Options,
) -> Result<Report, HistoryError> {
    let results_dir = project.root.join("results");
    let mut builder = Builder::new(options).dedupe();
    for file in result_files(&results_dir)? {
        let name = file
            .strip_prefix(&project.root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        builder.add_file(&file, &name)?;
    }
    let repo = match crate::store::Repo::open(project) {
        Ok(repo) => repo,
        // Not a git repository: the working tree is all there is.
        Err(crate::store::Error::NotARepository { .. }) => return Ok(builder.finish()),
        Err(e) => return Err(e.into()),
    };
    for committed in crate::store::results::committed_results(&repo, "results")? {
        let bytes = crate::store::results::read_blob(&repo, &committed.blob)?;
        let name = format!(
            "{}@{}",
            committed.path,
            &committed.commit[..12.min(committed.commit.len())]
        );
        builder
            .add_reader(bytes.as_slice(), &name)
            .map_err(|source| ReadError {
                path: PathBuf::from(&committed.path),
                source,
            })?;
    }
    Ok(builder.finish())
}
