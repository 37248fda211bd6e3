//! Spending against the `budget:` limits of `promptctl.yaml`.
//!
//! Spend is the recorded cost of every call — experiments, `run`'s recorded calls and imported
//! production calls alike — summed per UTC day and provider as records stream by, so a month is
//! the sum of its days and nothing per record is kept. A run's spend is kept per experiment run
//! (calls recorded outside experiments have no run to hold to a limit). Records without a known
//! cost add nothing: the line says what is known, and the runner refuses to hold a run without
//! prices to a cap at all.
//!
//! [`Spend::remaining`] is what `ab run` checks its estimate against; [`Spend::lines`] is what a
//! report shows.

use std::collections::BTreeMap;

use crate::config::BudgetConfig;
use crate::report::calls::RUN_EXPERIMENT;
use crate::report::ingest::INGEST_EXPERIMENT;
use crate::report::record::ReportRecord;

/// Dollars spent, by day and provider, and by experiment run.
#[derive(Debug, Clone, Default)]
pub struct Spend {
    days: BTreeMap<String, BTreeMap<String, f64>>,
    /// By experiment, then run: the run's total and its spend by provider.
    runs: BTreeMap<String, BTreeMap<String, RunSpend>>,
}

/// One run's total, and its spend by provider.
type RunSpend = (f64, BTreeMap<String, f64>);

/// The value under `key`, inserted as the default when absent; the key is copied only then, so
/// the record-by-record path allocates nothing for keys seen before.
fn slot<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// Which window a limit covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One experiment run.
    Run,
    /// One UTC day.
    Day,
    /// One UTC month.
    Month,
}

impl Period {
    /// The name the config uses.
    pub fn name(self) -> &'static str {
        match self {
            Period::Run => "per_run",
            Period::Day => "daily",
            Period::Month => "monthly",
        }
    }
}

/// One limit and what was spent against it.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLine {
    /// The window.
    pub period: Period,
    /// The provider it is for (`None`: every provider).
    pub provider: Option<String>,
    /// The limit, US dollars.
    pub cap: f64,
    /// Spent in the window: today, this month, or the dearest run.
    pub spent: f64,
    /// The window: the day, the month, or the dearest run (`experiment/run-id`).
    pub window: String,
}

impl BudgetLine {
    /// Whether spending went past the limit.
    pub fn exceeded(&self) -> bool {
        self.spent > self.cap
    }

    /// The config key of the limit (`budget.daily`, `budget.providers.openai.monthly`).
    pub fn key(&self) -> String {
        match &self.provider {
            Some(p) => format!("budget.providers.{p}.{}", self.period.name()),
            None => format!("budget.{}", self.period.name()),
        }
    }

    /// What makes a notification about this line unique: the limit and its window, so each
    /// limit is announced once per day, month or run.
    pub fn notice_id(&self) -> String {
        format!("{} {}", self.key(), self.window)
    }
}

/// The budget windows already announced as exceeded, kept in a small JSON file (a sorted list
/// of [`BudgetLine::notice_id`]s) so a report run again does not announce them again.
///
/// The file is local state, like the response cache beside it: a fresh clone (a CI runner)
/// starts without it and announces the windows it finds exceeded once more. Ids of past
/// windows are dropped when the file is written, so it stays a few lines long.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Announced {
    ids: std::collections::BTreeSet<String>,
}

/// The announced-budgets file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} the announced-budgets file `{}`", path.display())]
pub struct AnnouncedError {
    /// `read` or `write`.
    pub action: &'static str,
    /// The file.
    pub path: std::path::PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

impl Announced {
    /// The file's path under a project root.
    pub fn path(root: &std::path::Path) -> std::path::PathBuf {
        root.join(".promptctl/cache/budgets-announced.json")
    }

    /// Reads the file; a missing or unreadable-as-JSON file is an empty set (announcing twice
    /// is better than never).
    pub fn load(path: &std::path::Path) -> Result<Announced, AnnouncedError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Announced {
                ids: serde_json::from_slice(&bytes).unwrap_or_default(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Announced::default()),
            Err(source) => Err(AnnouncedError {
                action: "read",
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// The exceeded lines not announced yet, in order.
    pub fn fresh<'l>(&self, lines: &'l [BudgetLine]) -> Vec<&'l BudgetLine> {
        lines
            .iter()
            .filter(|l| l.exceeded() && !self.ids.contains(&l.notice_id()))
            .collect()
    }

    /// Marks `line` announced.
    pub fn insert(&mut self, line: &BudgetLine) {
        self.ids.insert(line.notice_id());
    }

    /// Writes the ids of the windows still shown (`current`), dropping those of past days and
    /// months, through a temporary file renamed into place.
    pub fn save(
        &self,
        path: &std::path::Path,
        current: &[BudgetLine],
    ) -> Result<(), AnnouncedError> {
        let keep: Vec<&String> = self
            .ids
            .iter()
            .filter(|id| {
                current.iter().any(|l| l.notice_id() == **id)
                    // A run's window stays exceeded for good: keep its id while the limit exists.
                    || current
                        .iter()
                        .any(|l| l.period == Period::Run && id.starts_with(&format!("{} ", l.key())))
            })
            .collect();
        let error = |source| AnnouncedError {
            action: "write",
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(error)?;
        }
        let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let text = serde_json::to_string_pretty(&keep).unwrap_or_else(|_| "[]".to_owned());
        std::fs::write(&tmp, text).map_err(error)?;
        std::fs::rename(&tmp, path).map_err(error)
    }
}

/// The limits of `config` as (period, provider, cap), every provider's first.
fn limits(config: &BudgetConfig) -> Vec<(Period, Option<String>, f64)> {
    let mut out = Vec::new();
    let mut push = |provider: Option<&String>, per_run, daily, monthly| {
        for (period, cap) in [
            (Period::Run, per_run),
            (Period::Day, daily),
            (Period::Month, monthly),
        ] {
            if let Some(cap) = cap {
                out.push((period, provider.cloned(), cap));
            }
        }
    };
    push(None, config.per_run, config.daily, config.monthly);
    for (provider, limits) in &config.providers {
        push(Some(provider), limits.per_run, limits.daily, limits.monthly);
    }
    out
}

/// The cost a record adds to spend (`None`: nothing, unknown or not positive).
fn cost_of(record: &ReportRecord<'_>) -> Option<f64> {
    record.cost_usd.filter(|c| c.is_finite() && *c > 0.0)
}

/// The UTC day a record's spend counts on: its start's `YYYY-MM-DD`.
fn day_of<'r>(record: &'r ReportRecord<'_>) -> &'r str {
    record.started_at.get(..10).unwrap_or("")
}

/// Whether a record's spend also counts against its experiment run (calls recorded outside
/// experiments have no run to hold to a limit).
fn has_run(record: &ReportRecord<'_>) -> bool {
    record.experiment != RUN_EXPERIMENT && record.experiment != INGEST_EXPERIMENT
}

impl Spend {
    /// Adds a record's cost.
    pub fn add(&mut self, record: &ReportRecord<'_>) {
        let Some(cost) = cost_of(record) else {
            return;
        };
        *slot(slot(&mut self.days, day_of(record)), &record.provider) += cost;
        if has_run(record) {
            let run = slot(slot(&mut self.runs, &record.experiment), &record.run_id);
            run.0 += cost;
            *slot(&mut run.1, &record.provider) += cost;
        }
    }

    /// Adds what `other` counted.
    pub fn merge(&mut self, other: Spend) {
        for (day, by) in other.days {
            let mine = self.days.entry(day).or_default();
            for (provider, cost) in by {
                *mine.entry(provider).or_default() += cost;
            }
        }
        for (experiment, runs) in other.runs {
            let mine = self.runs.entry(experiment).or_default();
            for (run, (total, by)) in runs {
                let mine = mine.entry(run).or_default();
                mine.0 += total;
                for (provider, cost) in by {
                    *mine.1.entry(provider).or_default() += cost;
                }
            }
        }
    }

    /// Spent on `day` (`YYYY-MM-DD`) or in the month `YYYY-MM` (a prefix of days), at one
    /// provider or all.
    pub fn spent_in(&self, prefix: &str, provider: Option<&str>) -> f64 {
        self.days
            .range(prefix.to_owned()..)
            .take_while(|(day, _)| day.starts_with(prefix))
            .flat_map(|(_, by)| by.iter())
            .filter(|(p, _)| provider.is_none_or(|want| want == p.as_str()))
            .map(|(_, cost)| cost)
            .sum()
    }

    /// Each limit with what was spent against it; `today` is `YYYY-MM-DD`.
    pub fn lines(&self, config: &BudgetConfig, today: &str) -> Vec<BudgetLine> {
        let month = today.get(..7).unwrap_or(today);
        limits(config)
            .into_iter()
            .map(|(period, provider, cap)| {
                let (spent, window) = match period {
                    Period::Day => (self.spent_in(today, provider.as_deref()), today.to_owned()),
                    Period::Month => (self.spent_in(month, provider.as_deref()), month.to_owned()),
                    Period::Run => self
                        .runs
                        .iter()
                        .flat_map(|(experiment, runs)| {
                            runs.iter()
                                .map(move |(run, spend)| (experiment, run, spend))
                        })
                        .map(|(experiment, run, (total, by))| {
                            let spent = match &provider {
                                Some(p) => by.get(p).copied().unwrap_or(0.0),
                                None => *total,
                            };
                            (spent, format!("{experiment}/{run}"))
                        })
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .unwrap_or((0.0, String::new())),
                };
                BudgetLine {
                    period,
                    provider,
                    cap,
                    spent,
                    window,
                }
            })
            .collect()
    }

    /// The tightest limit a run at `providers` must stay under, with what is left of it: what
    /// the per-run limits leave after what `run` (experiment, run id) already spent — nothing
    /// for a new run, the earlier sessions' calls for a resumed one — and what today's and this
    /// month's limits have left. A provider's limit caps the whole run (a conservative reading
    /// when a run calls several providers). `None` when no limit applies.
    pub fn remaining(
        &self,
        config: &BudgetConfig,
        today: &str,
        providers: &[String],
        run: Option<(&str, &str)>,
    ) -> Option<Remaining> {
        let run_spend = run.and_then(|(experiment, id)| self.runs.get(experiment)?.get(id));
        let month = today.get(..7).unwrap_or(today);
        limits(config)
            .into_iter()
            .filter(|(_, provider, _)| provider.as_ref().is_none_or(|p| providers.contains(p)))
            .map(|(period, provider, cap)| {
                let spent = match period {
                    Period::Run => run_spend.map_or(0.0, |(total, by)| match &provider {
                        Some(p) => by.get(p).copied().unwrap_or(0.0),
                        None => *total,
                    }),
                    Period::Day => self.spent_in(today, provider.as_deref()),
                    Period::Month => self.spent_in(month, provider.as_deref()),
                };
                Remaining {
                    period,
                    provider,
                    cap,
                    left: (cap - spent).max(0.0),
                }
            })
            .min_by(|a, b| a.left.total_cmp(&b.left))
    }
}

/// One sum of a [`Spend`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Sum {
    /// A day's spend at one provider.
    Day { day: String, provider: String },
    /// An experiment run's total.
    Run { experiment: String, run: String },
    /// An experiment run's spend at one provider.
    RunProvider {
        experiment: String,
        run: String,
        provider: String,
    },
}

impl Spend {
    /// The value of `sum` (zero when nothing was added to it).
    fn sum(&self, sum: &Sum) -> f64 {
        match sum {
            Sum::Day { day, provider } => self.days.get(day).and_then(|by| by.get(provider)),
            Sum::Run { experiment, run } => self
                .runs
                .get(experiment)
                .and_then(|runs| runs.get(run))
                .map(|(total, _)| total),
            Sum::RunProvider {
                experiment,
                run,
                provider,
            } => self
                .runs
                .get(experiment)
                .and_then(|runs| runs.get(run))
                .and_then(|(_, by)| by.get(provider)),
        }
        .copied()
        .unwrap_or(0.0)
    }

    /// Sets `sum` to `value`.
    fn set_sum(&mut self, sum: Sum, value: f64) {
        match sum {
            Sum::Day { day, provider } => {
                *self
                    .days
                    .entry(day)
                    .or_default()
                    .entry(provider)
                    .or_default() = value;
            }
            Sum::Run { experiment, run } => {
                self.runs
                    .entry(experiment)
                    .or_default()
                    .entry(run)
                    .or_default()
                    .0 = value;
            }
            Sum::RunProvider {
                experiment,
                run,
                provider,
            } => {
                *self
                    .runs
                    .entry(experiment)
                    .or_default()
                    .entry(run)
                    .or_default()
                    .1
                    .entry(provider)
                    .or_default() = value;
            }
        }
    }
}

/// [`Spend::add`] for a stream of records, by index: each combination of day, provider,
/// experiment and run seen gets the indices of its sums once, so a record adds its cost with
/// one lookup where [`Spend::add`] walks five maps by name (twice each).
///
/// A sum is taken out of the [`Spend`] when its index is made and put back by
/// [`SpendTally::put_back`], so every sum is added up in the order [`Spend::add`] adds it and
/// the totals are the same to the last bit.
#[derive(Debug, Default)]
pub(crate) struct SpendTally {
    /// Indices into `sums`, by the record's day, provider, experiment and run, each followed by
    /// `0xFF` (a byte no UTF-8 text holds).
    indices: foldhash::HashMap<Box<[u8]>, TallyIndices>,
    /// The key of the record being added (kept to reuse its allocation).
    key: Vec<u8>,
    /// The sums taken out, and where each goes back.
    sums: Vec<(Sum, f64)>,
    /// Each sum's index in `sums`.
    by_sum: foldhash::HashMap<Sum, usize>,
}

/// The sums one record adds its cost to.
#[derive(Debug, Clone, Copy)]
struct TallyIndices {
    day: usize,
    /// The run's total and its spend at the provider.
    run: Option<[usize; 2]>,
}

impl SpendTally {
    /// Adds a record's cost, as [`Spend::add`] would add it to `spend`.
    pub(crate) fn add(&mut self, spend: &Spend, record: &ReportRecord<'_>) {
        let Some(cost) = cost_of(record) else {
            return;
        };
        let day = day_of(record);
        self.key.clear();
        for part in [day, &record.provider, &record.experiment, &record.run_id] {
            self.key.extend_from_slice(part.as_bytes());
            self.key.push(0xFF);
        }
        let indices = if let Some(&indices) = self.indices.get(self.key.as_slice()) {
            indices
        } else {
            let indices = self.indices_of(spend, record);
            self.indices.insert(self.key.as_slice().into(), indices);
            indices
        };
        self.sums[indices.day].1 += cost;
        if let Some(run) = indices.run {
            for index in run {
                self.sums[index].1 += cost;
            }
        }
    }

    /// The indices of the sums of `record`'s day, provider, experiment and run, each taken out
    /// of `spend` if it was not yet.
    fn indices_of(&mut self, spend: &Spend, record: &ReportRecord<'_>) -> TallyIndices {
        let provider = record.provider.clone().into_owned();
        let day = self.index_of(
            spend,
            Sum::Day {
                day: day_of(record).to_owned(),
                provider: provider.clone(),
            },
        );
        let run = has_run(record).then(|| {
            let (experiment, run) = (record.experiment.as_ref(), record.run_id.as_ref());
            [
                self.index_of(
                    spend,
                    Sum::Run {
                        experiment: experiment.to_owned(),
                        run: run.to_owned(),
                    },
                ),
                self.index_of(
                    spend,
                    Sum::RunProvider {
                        experiment: experiment.to_owned(),
                        run: run.to_owned(),
                        provider,
                    },
                ),
            ]
        });
        TallyIndices { day, run }
    }

    fn index_of(&mut self, spend: &Spend, sum: Sum) -> usize {
        if let Some(&index) = self.by_sum.get(&sum) {
            return index;
        }
        self.sums.push((sum.clone(), spend.sum(&sum)));
        self.by_sum.insert(sum, self.sums.len() - 1);
        self.sums.len() - 1
    }

    /// Puts every sum back into `spend`, which must be the one every record was added against
    /// and unchanged since, and starts afresh.
    pub(crate) fn put_back(&mut self, spend: &mut Spend) {
        for (sum, value) in self.sums.drain(..) {
            spend.set_sum(sum, value);
        }
        self.by_sum.clear();
        self.indices.clear();
    }
}

/// What is left of one limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Remaining {
    /// The window.
    pub period: Period,
    /// The provider it is for (`None`: every provider).
    pub provider: Option<String>,
    /// The limit.
    pub cap: f64,
    /// What is left of it.
    pub left: f64,
}

impl std::fmt::Display for Remaining {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let key = match &self.provider {
            Some(p) => format!("budget.providers.{p}.{}", self.period.name()),
            None => format!("budget.{}", self.period.name()),
        };
        match self.period {
            Period::Run if self.left < self.cap => write!(
                f,
                "the ${:.4} the run has left of the ${:.4} per-run budget (`{key}`)",
                self.left, self.cap
            ),
            Period::Run => write!(f, "the ${:.4} per-run budget (`{key}`)", self.cap),
            Period::Day => write!(
                f,
                "the ${:.4} left today of the ${:.4} daily budget (`{key}`)",
                self.left, self.cap
            ),
            Period::Month => write!(
                f,
                "the ${:.4} left this month of the ${:.4} monthly budget (`{key}`)",
                self.left, self.cap
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ProviderBudget;

    fn record(experiment: &str, run: &str, provider: &str, day: &str, cost: f64) -> String {
        format!(
            r#"{{"experiment":"{experiment}","run_id":"{run}","provider":"{provider}","cost_usd":{cost},"started_at":"{day}T10:00:00Z"}}"#
        )
    }

    fn spend() -> Spend {
        let mut spend = Spend::default();
        for line in [
            record("e", "r1", "openai", "2026-11-05", 1.0),
            record("e", "r1", "anthropic", "2026-11-05", 2.0),
            record("e", "r2", "openai", "2026-11-04", 4.0),
            record("run", "run-1", "openai", "2026-11-05", 0.5),
            record("e", "r3", "openai", "2026-10-31", 8.0),
        ] {
            spend.add(&serde_json::from_str(&line).unwrap());
        }
        spend
    }

    fn config() -> BudgetConfig {
        BudgetConfig {
            per_run: Some(5.0),
            daily: Some(10.0),
            monthly: Some(20.0),
            providers: BTreeMap::from([(
                "openai".to_owned(),
                ProviderBudget {
                    per_run: None,
                    daily: Some(2.0),
                    monthly: None,
                },
            )]),
        }
    }

    #[test]
    #[allow(clippy::float_cmp)] // sums of binary fractions, exact
    fn spend_is_summed_per_day_month_provider_and_run() {
        let lines = spend().lines(&config(), "2026-11-05");
        let find = |period, provider: Option<&str>| {
            lines
                .iter()
                .find(|l| l.period == period && l.provider.as_deref() == provider)
                .unwrap()
                .clone()
        };
        assert_eq!(find(Period::Day, None).spent, 3.5);
        assert_eq!(find(Period::Month, None).spent, 7.5);
        assert_eq!(find(Period::Day, Some("openai")).spent, 1.5);
        let run = find(Period::Run, None);
        assert_eq!((run.spent, run.window.as_str()), (8.0, "e/r3"));
        assert!(run.exceeded());
    }

    #[test]
    fn the_tightest_remaining_limit_of_the_runs_providers_applies() {
        let spend = spend();
        let left = spend
            .remaining(&config(), "2026-11-05", &["openai".to_owned()], None)
            .unwrap();
        assert_eq!(left.provider.as_deref(), Some("openai"));
        assert!((left.left - 0.5).abs() < 1e-12);
        let left = spend
            .remaining(&config(), "2026-11-05", &["anthropic".to_owned()], None)
            .unwrap();
        assert_eq!(left.period, Period::Run);
        assert!((left.left - 5.0).abs() < 1e-12);
        assert!(
            spend
                .remaining(&BudgetConfig::default(), "2026-11-05", &[], None)
                .is_none()
        );
    }

    #[test]
    fn a_resumed_run_has_its_own_earlier_spend_taken_off_the_per_run_limit() {
        let spend = spend();
        let config = BudgetConfig {
            per_run: Some(5.0),
            ..BudgetConfig::default()
        };
        let providers = ["openai".to_owned(), "anthropic".to_owned()];
        // Run e/r1 spent $3 so far; a new run has the whole $5.
        let resumed = spend
            .remaining(&config, "2026-11-05", &providers, Some(("e", "r1")))
            .unwrap();
        assert!((resumed.left - 2.0).abs() < 1e-12);
        assert!(
            resumed
                .to_string()
                .contains("$2.0000 the run has left of the $5.0000")
        );
        let fresh = spend
            .remaining(&config, "2026-11-05", &providers, Some(("e", "new")))
            .unwrap();
        assert!((fresh.left - 5.0).abs() < 1e-12);
    }

    #[test]
    fn a_tally_adds_up_every_sum_as_spend_add_does() {
        // Costs whose sums depend on the order they are added in, across days, providers,
        // runs and calls outside experiments, against a spend that holds sums already.
        let costs = [0.1, 0.2, 0.3, 1e-17, 0.7, 3.3, 0.0002, 0.003];
        let mut direct = spend();
        let mut tallied = spend();
        let mut tally = SpendTally::default();
        for (i, cost) in costs.iter().cycle().take(200).enumerate() {
            let line = record(
                ["e", "run", "f"][i % 3],
                ["r1", "r2"][i / 7 % 2],
                ["openai", "anthropic"][i / 2 % 2],
                ["2026-11-05", "2026-11-06"][i / 50 % 2],
                *cost,
            );
            let record = serde_json::from_str(&line).unwrap();
            direct.add(&record);
            tally.add(&tallied, &record);
            if i == 120 {
                tally.put_back(&mut tallied);
            }
        }
        tally.put_back(&mut tallied);
        assert_eq!(format!("{tallied:?}"), format!("{direct:?}"));
    }

    #[test]
    fn an_exceeded_window_is_announced_once_and_a_new_window_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = Announced::path(dir.path());
        let config = BudgetConfig {
            daily: Some(1.0),
            ..BudgetConfig::default()
        };
        let lines = spend().lines(&config, "2026-11-05");
        let mut announced = Announced::load(&path).unwrap();
        let fresh = announced.fresh(&lines);
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].notice_id(), "budget.daily 2026-11-05");
        for line in announced.fresh(&lines) {
            announced.insert(line);
        }
        announced.save(&path, &lines).unwrap();
        let again = Announced::load(&path).unwrap();
        assert!(again.fresh(&lines).is_empty());
        // The next day over the limit is a new window; yesterday's id is dropped on save.
        let mut spend = spend();
        spend.add(&serde_json::from_str(&record("e", "r9", "openai", "2026-11-06", 2.0)).unwrap());
        let next = spend.lines(&config, "2026-11-06");
        assert_eq!(again.fresh(&next).len(), 1);
        again.save(&path, &next).unwrap();
        assert_eq!(Announced::load(&path).unwrap(), Announced::default());
    }
}
