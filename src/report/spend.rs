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
    runs: BTreeMap<(String, String), (f64, BTreeMap<String, f64>)>,
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

impl Spend {
    /// Adds a record's cost.
    pub fn add(&mut self, record: &ReportRecord<'_>) {
        let Some(cost) = record.cost_usd.filter(|c| c.is_finite() && *c > 0.0) else {
            return;
        };
        let day = record.started_at.get(..10).unwrap_or("").to_owned();
        *self
            .days
            .entry(day)
            .or_default()
            .entry(record.provider.clone().into_owned())
            .or_default() += cost;
        if record.experiment != RUN_EXPERIMENT && record.experiment != INGEST_EXPERIMENT {
            let run = self
                .runs
                .entry((
                    record.experiment.clone().into_owned(),
                    record.run_id.clone().into_owned(),
                ))
                .or_default();
            run.0 += cost;
            *run.1
                .entry(record.provider.clone().into_owned())
                .or_default() += cost;
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
                        .map(|((experiment, run), (total, by))| {
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

    /// The tightest limit a new run at `providers` must stay under, with what is left of it:
    /// the per-run limits, and what today's and this month's limits have left. A provider's
    /// limit caps the whole run (a conservative reading when a run calls several providers).
    /// `None` when no limit applies.
    pub fn remaining(
        &self,
        config: &BudgetConfig,
        today: &str,
        providers: &[String],
    ) -> Option<Remaining> {
        let month = today.get(..7).unwrap_or(today);
        limits(config)
            .into_iter()
            .filter(|(_, provider, _)| provider.as_ref().is_none_or(|p| providers.contains(p)))
            .map(|(period, provider, cap)| {
                let spent = match period {
                    Period::Run => 0.0,
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
            .remaining(&config(), "2026-11-05", &["openai".to_owned()])
            .unwrap();
        assert_eq!(left.provider.as_deref(), Some("openai"));
        assert!((left.left - 0.5).abs() < 1e-12);
        let left = spend
            .remaining(&config(), "2026-11-05", &["anthropic".to_owned()])
            .unwrap();
        assert_eq!(left.period, Period::Run);
        assert!((left.left - 5.0).abs() < 1e-12);
        assert!(
            spend
                .remaining(&BudgetConfig::default(), "2026-11-05", &[])
                .is_none()
        );
    }
}
