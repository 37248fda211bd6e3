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

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};

use foldhash::HashMap;
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
    /// Every string used in a key below, stored once: keys are their numbers, so a record
    /// whose group exists already is counted without copying a string.
    names: Names,
    /// By the names of the `by` dimensions.
    groups: Slotted<Vec<usize>, Accumulator>,
    /// By prompt and content (blob, or version when there is no blob): the version first read
    /// for that content, and the counts.
    versions: Slotted<[usize; 2], (usize, Accumulator)>,
    /// By prompt, provider and model.
    models: Slotted<[usize; 3], Accumulator>,
    /// The slots of each combination of names seen so far, by [`Builder::slots_key`]: a record
    /// whose combination was seen before finds its three accumulators with one lookup instead
    /// of a lookup per name and per map.
    slots: HashMap<Box<[u8]>, Slots>,
    /// The [`Builder::slots_key`] of the record being added (kept to reuse its allocation).
    key: Vec<u8>,
    /// [`Builder::slot_dimensions`] of the options' `by`.
    slot_dimensions: Vec<Dimension>,
    /// The keys of the line last read, to read the next one's by (see
    /// [`record::KeyOrder`]).
    keys: record::KeyOrder,
    /// The start time of the record last added, read by a parser that keeps the last date's
    /// day number (records of a file mostly share their date).
    started_reader: crate::provider::retry::Rfc3339Reader,
    files: u64,
    records: u64,
    damaged: Vec<Damaged>,
    damaged_total: u64,
    /// Identities of the records counted, when each record may be read more than once.
    seen: Option<HashSet<u128>>,
    duplicates: u64,
    /// Spend counted before the last [`Builder::merge`] or [`Builder::finish`]; what was
    /// counted since is in `spend_tally`.
    spend: spend::Spend,
    spend_tally: spend::SpendTally,
}

/// Where a record's counts go: its indices in [`Builder::groups`], [`Builder::versions`] and
/// [`Builder::models`].
#[derive(Debug, Clone, Copy)]
struct Slots {
    group: usize,
    version: usize,
    model: usize,
}

/// Values by key, each at a fixed index (its slot) in the order keys were first seen, so that a
/// value can be found again by its slot without hashing its key.
struct Slotted<K, V> {
    slots: HashMap<K, usize>,
    entries: Vec<(K, V)>,
}

impl<K, V> Default for Slotted<K, V> {
    fn default() -> Self {
        Slotted {
            slots: HashMap::default(),
            entries: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone, V> Slotted<K, V> {
    /// The slot of `key`, given one (holding `new()`) if it has none.
    fn slot(&mut self, key: K, new: impl FnOnce() -> V) -> usize {
        *self.slots.entry(key).or_insert_with_key(|key| {
            self.entries.push((key.clone(), new()));
            self.entries.len() - 1
        })
    }

    /// The value in `slot`.
    fn get_mut(&mut self, slot: usize) -> &mut V {
        &mut self.entries[slot].1
    }

    /// Every key and value, in the order the keys were first seen.
    fn into_entries(self) -> Vec<(K, V)> {
        self.entries
    }
}

/// Strings numbered in the order first seen.
///
/// The maps keyed by these numbers hash with foldhash: a report looks up several keys per
/// record, and the standard library's `SipHash` was a fifth of a report's instructions.
#[derive(Default)]
struct Names {
    numbers: HashMap<Box<str>, usize>,
    names: Vec<Box<str>>,
}

impl Names {
    /// The number of `name`, given it now if it has none.
    fn id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.numbers.get(name) {
            return id;
        }
        let id = self.names.len();
        self.names.push(name.into());
        self.numbers.insert(name.into(), id);
        id
    }

    /// The name numbered `id`.
    fn name(&self, id: usize) -> &str {
        &self.names[id]
    }
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
            slot_dimensions: Builder::slot_dimensions(&options.by),
            options,
            names: Names::default(),
            groups: Slotted::default(),
            versions: Slotted::default(),
            models: Slotted::default(),
            slots: HashMap::default(),
            key: Vec::new(),
            keys: record::KeyOrder::default(),
            started_reader: crate::provider::retry::Rfc3339Reader::default(),
            files: 0,
            records: 0,
            damaged: Vec::new(),
            damaged_total: 0,
            seen: None,
            duplicates: 0,
            spend: spend::Spend::default(),
            spend_tally: spend::SpendTally::default(),
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
    ///
    /// A line that lies whole in the reader's buffer is read where it lies; only a line split
    /// across two fills of the buffer is copied out first.
    pub fn add_reader(&mut self, mut reader: impl BufRead, name: &str) -> std::io::Result<()> {
        self.files += 1;
        let mut split_line = Vec::new();
        let mut number = 0u64;
        loop {
            let buffer = reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            number += 1;
            if let Some(end) = memchr::memchr(b'\n', buffer) {
                self.add_line(&buffer[..=end], name, number);
                reader.consume(end + 1);
            } else {
                split_line.clear();
                reader.read_until(b'\n', &mut split_line)?;
                self.add_line(&split_line, name, number);
            }
        }
        Ok(())
    }

    /// Adds the record on one line (numbered from 1), or counts the line as damaged; a blank
    /// line is skipped.
    fn add_line(&mut self, line: &[u8], name: &str, number: u64) {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let mut record = ReportRecord::empty();
        match ReportRecord::parse_into(line, &mut self.keys, &mut record) {
            Ok(()) => self.add_record(&record),
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

    /// Adds one record.
    pub fn add_record(&mut self, record: &ReportRecord<'_>) {
        if let Some(seen) = &mut self.seen
            && !seen.insert(identity(record))
        {
            self.duplicates += 1;
            return;
        }
        self.spend_tally.add(&self.spend, record);
        let started = self.started_reader.parse(&record.started_at);
        if !self.options.filter.accepts(record, started) {
            return;
        }
        self.records += 1;
        let slots = self.slots(record);
        let case = OnceCell::new();
        self.groups
            .get_mut(slots.group)
            .add_with_case_key(record, started, &case);
        self.versions
            .get_mut(slots.version)
            .1
            .add_with_case_key(record, started, &case);
        self.models
            .get_mut(slots.model)
            .add_with_case_key(record, started, &case);
    }

    /// The names that pick a record's accumulators, each followed by `0xFF` (a byte no UTF-8
    /// text holds): the values of `dimensions` (see [`Builder::slot_dimensions`]), then the
    /// prompt's blob.
    fn slots_key(dimensions: &[Dimension], record: &ReportRecord<'_>, key: &mut Vec<u8>) {
        key.clear();
        let names = dimensions.iter().map(|d| d.value(record));
        for name in names.chain([record.prompt.blob.as_ref()]) {
            key.extend_from_slice(name.as_bytes());
            key.push(0xFF);
        }
    }

    /// The dimensions whose values pick a record's accumulators, each once: those of the
    /// group, and prompt, version, provider and model (the content and model accumulators'),
    /// in a fixed order.
    fn slot_dimensions(by: &[Dimension]) -> Vec<Dimension> {
        Dimension::ALL
            .iter()
            .map(|&(_, d)| d)
            .filter(|d| {
                by.contains(d)
                    || matches!(
                        d,
                        Dimension::Prompt
                            | Dimension::Version
                            | Dimension::Provider
                            | Dimension::Model
                    )
            })
            .collect()
    }

    /// The accumulators `record` adds to, made (empty) when its group, content or model is
    /// new.
    fn slots(&mut self, record: &ReportRecord<'_>) -> Slots {
        Builder::slots_key(&self.slot_dimensions, record, &mut self.key);
        if let Some(&slots) = self.slots.get(self.key.as_slice()) {
            return slots;
        }
        let names = &mut self.names;
        let group_key = self
            .options
            .by
            .iter()
            .map(|d| names.id(d.value(record)))
            .collect();
        let prompt = names.id(&record.prompt.name);
        let content = if record.prompt.blob.is_empty() {
            &record.prompt.version
        } else {
            &record.prompt.blob
        };
        let content = names.id(content);
        let version = names.id(&record.prompt.version);
        let model = [prompt, names.id(&record.provider), names.id(&record.model)];
        let slots = Slots {
            group: self.groups.slot(group_key, Accumulator::default),
            version: self
                .versions
                .slot([prompt, content], || (version, Accumulator::light())),
            model: self.models.slot(model, Accumulator::light),
        };
        self.slots.insert(self.key.as_slice().into(), slots);
        slots
    }

    /// Adds everything `other` read after what this builder read: its records count as if its
    /// files had been read after this one's. Not for deduplicating builders (a record's
    /// identity would have to be checked against both).
    fn merge(&mut self, mut other: Builder) {
        debug_assert!(self.seen.is_none() && other.seen.is_none());
        self.spend_tally.put_back(&mut self.spend);
        other.spend_tally.put_back(&mut other.spend);
        // Their names' numbers in this builder.
        let ids: Vec<usize> = other
            .names
            .names
            .iter()
            .map(|name| self.names.id(name))
            .collect();
        for (key, acc) in other.groups.into_entries() {
            let key: Vec<usize> = key.into_iter().map(|id| ids[id]).collect();
            let slot = self.groups.slot(key, Accumulator::default);
            self.groups.get_mut(slot).merge(acc);
        }
        for (key, (version, acc)) in other.versions.into_entries() {
            // The version first read for a content stays.
            let slot = self.versions.slot(key.map(|id| ids[id]), || {
                (ids[version], Accumulator::light())
            });
            self.versions.get_mut(slot).1.merge(acc);
        }
        for (key, acc) in other.models.into_entries() {
            let slot = self.models.slot(key.map(|id| ids[id]), Accumulator::light);
            self.models.get_mut(slot).merge(acc);
        }
        self.files += other.files;
        self.records += other.records;
        let room = 100usize.saturating_sub(self.damaged.len());
        self.damaged.extend(other.damaged.into_iter().take(room));
        self.damaged_total += other.damaged_total;
        self.duplicates += other.duplicates;
        self.spend.merge(other.spend);
    }

    /// The finished report.
    pub fn finish(mut self) -> Report {
        self.spend_tally.put_back(&mut self.spend);
        let alpha = self.options.alpha;
        let names = &self.names;
        let name = |id: usize| names.name(id).to_owned();
        let versions: BTreeMap<(String, String), (String, Accumulator)> = self
            .versions
            .into_entries()
            .into_iter()
            .map(|([prompt, content], (version, acc))| {
                ((name(prompt), name(content)), (name(version), acc))
            })
            .collect();
        let models: BTreeMap<(String, String, String), Accumulator> = self
            .models
            .into_entries()
            .into_iter()
            .map(|([prompt, provider, model], acc)| {
                ((name(prompt), name(provider), name(model)), acc)
            })
            .collect();
        let trend = compare::trend(&versions, alpha);
        let comparisons = compare::comparisons(&models, alpha);
        let advice = compare::cost_advice(&models, self.options.margin, alpha);
        let groups: BTreeMap<Vec<String>, Accumulator> = self
            .groups
            .into_entries()
            .into_iter()
            .map(|(key, acc)| (key.into_iter().map(name).collect(), acc))
            .collect();
        let groups = groups
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
///
/// Files are read in parallel, each into its own [`Builder`], and the partial builders are
/// merged in file order: the report is the same whatever the number of threads and however
/// the reading interleaves (sums of costs and scores are added up in the same order every time).
pub fn build(results_dir: &Path, base: &Path, options: Options) -> Result<Report, ReadError> {
    let files: Vec<(PathBuf, String)> = result_files(results_dir)?
        .into_iter()
        .map(|file| {
            let name = file
                .strip_prefix(base)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            (file, name)
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    Ok(read_in_file_order(&files, options, threads)?.finish())
}

/// Reads `files` (path, name) on `threads` threads into one builder, merging each file's
/// partial builder in file order. Readers run at most a few files ahead of the merge, so memory
/// holds a handful of partial builders, not one per file. The first file (in order) that cannot
/// be read is the error, as when reading one file after another.
fn read_in_file_order(
    files: &[(PathBuf, String)],
    options: Options,
    threads: usize,
) -> Result<Builder, ReadError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};

    /// How far past the next file to merge a reader may start, per thread.
    const AHEAD: usize = 4;
    struct Progress {
        /// Files merged so far (the next one to merge).
        merged: usize,
        /// A file could not be read: readers stop.
        failed: bool,
    }
    let partial_options = options.clone();
    let mut total = Builder::new(options);
    let options = &partial_options;
    let threads = threads.clamp(1, files.len().max(1));
    if threads == 1 {
        // Still one partial builder per file, so the sums come out as on many threads.
        for (path, name) in files {
            let mut part = Builder::new(options.clone());
            part.add_file(path, name)?;
            total.merge(part);
        }
        return Ok(total);
    }
    let next = AtomicUsize::new(0);
    let progress = Mutex::new(Progress {
        merged: 0,
        failed: false,
    });
    let advanced = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, Result<Builder, ReadError>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, progress, advanced) = (&next, &progress, &advanced);
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, name)) = files.get(at) else {
                        return;
                    };
                    {
                        let mut state = progress
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        while !state.failed && at >= state.merged + threads * AHEAD {
                            state = advanced
                                .wait(state)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        if state.failed {
                            return;
                        }
                    }
                    let mut part = Builder::new(options.clone());
                    let read = part.add_file(path, name).map(|()| part);
                    if sender.send((at, read)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, Result<Builder, ReadError>> = BTreeMap::new();
        let mut merged = 0;
        for (at, read) in receiver {
            waiting.insert(at, read);
            while let Some(read) = waiting.remove(&merged) {
                let failure = match read {
                    Ok(part) => {
                        total.merge(part);
                        None
                    }
                    Err(e) => Some(e),
                };
                merged += 1;
                let mut state = progress
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                state.merged = merged;
                state.failed |= failure.is_some();
                drop(state);
                advanced.notify_all();
                if let Some(e) = failure {
                    return Err(e);
                }
            }
        }
        Ok(total)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A record line of a generated run: groups, outcomes, latencies, costs and times vary with
    /// `i` so that every sum, sketch and map of the report gets work from many files.
    fn record_line(file: usize, i: usize) -> String {
        let prompt = ["greet", "summarize", "classify"][i % 3];
        let model = ["small", "large"][(i / 3) % 2];
        let error = if i.is_multiple_of(17) {
            r#","error":{"kind":"timeout"}"#
        } else {
            ""
        };
        #[allow(clippy::cast_precision_loss)]
        let latency = 50.0 + ((i * 7919 + file * 104_729) % 10_000) as f64 / 7.0;
        format!(
            concat!(
                r#"{{"run_id":"r{run}","experiment":"e{exp}","arm":"a{arm}","#,
                r#""prompt":{{"name":"{prompt}","version":"v{version}","blob":"b{version}"}},"#,
                r#""provider":"mock","model":"{model}","case_id":"c{case}","repeat":0,"#,
                r#""pass":{pass},"assertions":[{{"metric":"m","pass":true,"score":0.{score}}}],"#,
                r#""latency_ms":{latency},"tokens_in":{tin},"tokens_out":{tout},"#,
                r#""cost_usd":0.000{cost}7,"started_at":"2026-11-{day:02}T10:00:00Z"{error}}}"#
            ),
            run = file % 4,
            exp = file % 2,
            arm = i % 2,
            prompt = prompt,
            version = file % 3,
            model = model,
            case = i % 50,
            pass = !i.is_multiple_of(5),
            score = i % 10,
            latency = latency,
            tin = i % 300,
            tout = i % 90,
            cost = i % 9 + 1,
            day = file % 28 + 1,
            error = error,
        )
    }

    fn write_files(dir: &Path, count: usize) -> Vec<(PathBuf, String)> {
        (0..count)
            .map(|file| {
                let mut text = String::new();
                // Files of very different sizes, so readers finish out of order.
                for i in 0..(file * 389 % 3000) {
                    text.push_str(&record_line(file, i));
                    text.push('\n');
                    if i % 997 == 13 {
                        text.push_str("{\"truncated\n");
                    }
                }
                let name = format!("results/e/{file:03}.jsonl");
                let path = dir.join(format!("{file:03}.jsonl"));
                std::fs::write(&path, text).expect("write");
                (path, name)
            })
            .collect()
    }

    #[test]
    fn a_report_is_the_same_on_any_number_of_threads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = write_files(dir.path(), 23);
        let options = Options {
            by: vec![Dimension::Prompt, Dimension::Version, Dimension::Model],
            ..Options::default()
        };
        let report = |threads| {
            let builder = read_in_file_order(&files, options.clone(), threads).expect("read");
            let report = builder.finish();
            let truncated: u64 = (0..23)
                .map(|file| (0..(file * 389 % 3000)).filter(|i| i % 997 == 13).count() as u64)
                .sum();
            assert!(truncated > 0);
            assert_eq!(report.damaged_total, truncated);
            assert_eq!(report.damaged.len() as u64, truncated.min(100));
            assert!(report.groups.iter().any(|g| g.errors > 0));
            format!("{report:#?}")
        };
        let one = report(1);
        for threads in [2, 3, 8, 64] {
            assert_eq!(report(threads), one, "{threads} threads");
        }
    }

    #[test]
    fn lines_split_across_buffer_fills_are_read_whole_and_numbered_in_order() {
        let long_output = "x".repeat(200_000);
        let mut text = String::new();
        for i in 0..40 {
            let line = record_line(1, i);
            if i % 7 == 3 {
                // Longer than the 64 KiB buffer: always split across fills.
                text.push_str(&line.replacen('{', &format!("{{\"output\":\"{long_output}\","), 1));
            } else {
                text.push_str(&line);
            }
            text.push('\n');
            if i == 20 {
                text.push_str("\n{\"cut\n");
            }
        }
        // No newline after the last line.
        text.push_str(&record_line(1, 40));
        // Read through a small buffer, so that ordinary lines are split too.
        for capacity in [7, 64, 1 << 16] {
            let mut builder = Builder::new(Options::default());
            builder
                .add_reader(
                    std::io::BufReader::with_capacity(capacity, text.as_bytes()),
                    "f",
                )
                .expect("read");
            assert_eq!(builder.records, 41, "buffer of {capacity}");
            assert_eq!(builder.damaged_total, 1);
            assert_eq!(builder.damaged[0].line, 23, "buffer of {capacity}");
        }
    }

    #[test]
    fn the_first_unreadable_file_in_order_is_the_error_on_any_number_of_threads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = write_files(dir.path(), 9);
        for at in [6, 3] {
            let missing = dir.path().join(format!("missing-{at}.jsonl"));
            files.insert(at, (missing, format!("missing-{at}")));
        }
        for threads in [1, 2, 4, 16] {
            let error = read_in_file_order(&files, Options::default(), threads)
                .err()
                .expect("a file is missing");
            assert!(
                error.path.ends_with("missing-3.jsonl"),
                "{threads} threads: {}",
                error.path.display()
            );
        }
    }
}
