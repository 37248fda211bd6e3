//! A spending cap for one experiment run (`ab run --max-cost USD`).
//!
//! Before the run, the plan's cost estimate is checked against the cap: a run estimated over it
//! (or one whose cost cannot be estimated, for lack of a price) is refused with the estimate.
//! During the run, [`BudgetStop`] is the runner's stopping rule: after every record it adds the
//! record's cost, and stops dispatching as soon as the calls that may still be paid for — those
//! in flight and the next one, `concurrency` calls at the dearer of the estimated and the
//! dearest observed cost a call — could take spending past the cap. Calls in flight finish and
//! are recorded, as with any stopping rule; the reason names the spend and the cap.

use crate::experiment::record::RunRecord;
use crate::experiment::runner::EarlyStop;

/// A run estimated over its cap, or one that cannot be estimated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BudgetError {
    /// The estimate is over the cap.
    #[error("the run is estimated at ${estimate:.4}, over the ${cap:.4} cap (--max-cost)")]
    OverCap {
        /// The estimate, US dollars.
        estimate: f64,
        /// The cap, US dollars.
        cap: f64,
    },
    /// A price is missing, so the run's cost cannot be held to a cap.
    #[error(
        "the run's cost cannot be estimated (a model has no price), so --max-cost cannot hold it"
    )]
    Unknown,
}

/// Refuses a run whose estimated cost is over `cap` or unknown.
pub fn check_estimate(estimate: Option<f64>, cap: f64) -> Result<(), BudgetError> {
    match estimate {
        None => Err(BudgetError::Unknown),
        Some(estimate) if estimate > cap => Err(BudgetError::OverCap { estimate, cap }),
        Some(_) => Ok(()),
    }
}

/// The stopping rule that keeps a run under its cap, wrapping the spec's own rule if any.
pub struct BudgetStop<'a> {
    cap: f64,
    spent: f64,
    per_call: f64,
    reserve_calls: f64,
    inner: Option<&'a mut dyn EarlyStop>,
    exceeded: bool,
}

impl<'a> BudgetStop<'a> {
    /// A cap of `cap` dollars with `per_call_estimate` dollars a call expected, for a run with
    /// `concurrency` calls in flight; `inner` is the spec's stopping rule.
    pub fn new(
        cap: f64,
        per_call_estimate: f64,
        concurrency: usize,
        inner: Option<&'a mut dyn EarlyStop>,
    ) -> BudgetStop<'a> {
        BudgetStop {
            cap,
            spent: 0.0,
            per_call: per_call_estimate.max(0.0),
            #[allow(clippy::cast_precision_loss)]
            reserve_calls: concurrency.max(1) as f64,
            inner,
            exceeded: false,
        }
    }

    /// Dollars spent by the records seen.
    pub fn spent(&self) -> f64 {
        self.spent
    }

    /// Whether the cap stopped the run.
    pub fn stopped(&self) -> bool {
        self.exceeded
    }
}

impl EarlyStop for BudgetStop<'_> {
    fn observe(&mut self, record: &RunRecord) -> Option<String> {
        let cost = record.cost_usd.filter(|c| c.is_finite() && *c > 0.0);
        if let Some(cost) = cost {
            self.spent += cost;
            self.per_call = self.per_call.max(cost);
        }
        if let Some(inner) = self.inner.as_deref_mut()
            && let Some(reason) = inner.observe(record)
        {
            return Some(reason);
        }
        if !self.exceeded && self.spent + self.per_call * self.reserve_calls > self.cap {
            self.exceeded = true;
            return Some(format!(
                "budget: ${:.4} spent of the ${:.4} cap; the calls that could still start might exceed it",
                self.spent, self.cap
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cost: f64) -> RunRecord {
        let line = format!(
            r#"{{"record_version":1,"run_id":"r","experiment":"e","arm":"a","prompt":{{"name":"p","version":"worktree","blob":"b"}},"provider":"mock","model":"m","params":{{}},"case_id":"c","repeat":0,"seed":0,"request_hash":"h","output_hash":"o","pass":true,"assertions":[],"latency_ms":1.0,"tokens_in":1,"tokens_out":1,"cost_usd":{cost},"started_at":"t","finished_at":"t","promptctl_version":"0"}}"#
        );
        serde_json::from_str(&line).unwrap()
    }

    #[test]
    fn an_estimate_over_the_cap_or_unknown_is_refused() {
        assert!(check_estimate(Some(0.5), 1.0).is_ok());
        assert_eq!(
            check_estimate(Some(1.5), 1.0),
            Err(BudgetError::OverCap {
                estimate: 1.5,
                cap: 1.0
            })
        );
        assert_eq!(check_estimate(None, 1.0), Err(BudgetError::Unknown));
    }

    #[test]
    fn dispatch_stops_while_the_calls_that_may_still_run_fit_under_the_cap() {
        // Cap $1, 10 cents a call, 2 in flight: after 8 calls ($0.80), two more could reach $1.00
        // exactly (allowed); after 9, two more would be $1.10.
        let mut stop = BudgetStop::new(1.0, 0.10, 2, None);
        for i in 1..=8 {
            assert_eq!(stop.observe(&record(0.10)), None, "call {i}");
        }
        let reason = stop.observe(&record(0.10)).expect("stops at the ninth");
        assert!(
            reason.starts_with("budget: $0.9000 spent of the $1.0000 cap"),
            "{reason}"
        );
        assert!(stop.stopped());
        assert!(stop.spent() <= 1.0);
    }

    #[test]
    fn a_call_dearer_than_estimated_raises_the_reserve() {
        let mut stop = BudgetStop::new(1.0, 0.01, 1, None);
        assert_eq!(stop.observe(&record(0.30)), None);
        // $0.60 spent, and the next call may cost $0.30 again: $0.90 fits.
        assert_eq!(stop.observe(&record(0.30)), None);
        assert!(stop.observe(&record(0.30)).is_some());
    }
}
