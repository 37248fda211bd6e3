//! `improve --run`: how many cases the comparison takes, and what its analysis lets `improve` say.
//!
//! The run takes the sample size `ab plan` computes for the spec (cases per arm to detect its
//! minimum effect at its power, at the Bonferroni share of alpha per candidate), capped by the
//! dataset: a dataset smaller than that is run whole and the shortfall is said, never made up
//! by repeating cases (a repeated case is not new evidence).
//!
//! The verdict is [`adopt::winner`]'s, the test `ab analyze`'s recommendation applies: a
//! candidate wins only when it is better than the current version after correction, within
//! every guardrail and worse on no other metric. Otherwise no candidate is named, and the
//! sample size the analysis says would settle the open comparisons is given.

use std::collections::HashSet;

use crate::experiment::analyze::{Decision, Report, signed};
use crate::experiment::assign::Shard;
use crate::experiment::plan::{Plan, WorkItem};
use crate::experiment::spec::Spec;
use crate::improve::adopt::{self, Winner};
use crate::library::display_id;

/// How many cases a comparison takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SampleSize {
    /// Cases per arm `ab plan` says are needed (`None` without a minimum effect).
    pub required: Option<u64>,
    /// Cases in the dataset.
    pub available: u64,
    /// Cases run: the required number, or the whole dataset when it is smaller.
    pub cases: u64,
}

impl SampleSize {
    /// Whether the dataset holds fewer cases than the comparison needs.
    pub fn short(&self) -> bool {
        self.required.is_some_and(|r| r > self.available)
    }
}

/// The sample size for `plan` (see the module docs).
pub fn sample_size(plan: &Plan) -> SampleSize {
    let available = u64::try_from(plan.dataset.cases.len()).unwrap_or(u64::MAX);
    let required = plan.required_sample_size();
    SampleSize {
        required,
        available,
        cases: required.map_or(available, |r| r.min(available)),
    }
}

/// The samples of the first `size.cases` cases, every arm on each (in run order).
pub fn work_items(plan: &Plan, size: &SampleSize) -> Vec<WorkItem> {
    plan.work_items(Shard::ALL, &HashSet::new())
        .into_iter()
        .filter(|item| u64::from(item.case) < size.cases)
        .collect()
}

/// One candidate against the current version on the primary metric.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArmVerdict {
    /// The arm (`improve-1`).
    pub arm: String,
    /// The prompt it runs (`support/reply.improve-1`).
    pub prompt: String,
    /// Better, worse, no difference or inconclusive, after correction.
    pub decision: Decision,
    /// The lift over the current version (`+40.0 pp`).
    pub lift: String,
    /// The Bonferroni-adjusted p-value.
    pub p_adjusted: Option<f64>,
}

/// What a run lets `improve` say.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The primary metric.
    pub metric: String,
    /// The candidate that beats the current version, if one does.
    pub winner: Option<Winner>,
    /// Every candidate, in spec order.
    pub arms: Vec<ArmVerdict>,
    /// Why there is no winner (the analysis's recommendation); empty with one.
    pub reason: String,
    /// Cases per arm that would settle the comparisons still open, when some are.
    pub needed: Option<u64>,
}

/// The verdict of `report`, an analysis of a run of `spec`.
pub fn verdict(spec: &Spec, report: &Report) -> Verdict {
    let (winner, reason) = match adopt::winner(spec, report) {
        Ok(w) => (Some(w), String::new()),
        Err(why) => (None, why),
    };
    let Some(primary) = report.metrics.first() else {
        return Verdict {
            metric: String::new(),
            winner,
            arms: Vec::new(),
            reason,
            needed: None,
        };
    };
    let arms = primary
        .comparisons
        .iter()
        .map(|c| ArmVerdict {
            arm: c.arm.clone(),
            prompt: spec
                .variants
                .iter()
                .find(|v| v.id == c.arm)
                .map(|v| display_id(&v.prompt.name))
                .unwrap_or_default(),
            decision: c.decision,
            lift: signed(c.lift.value, primary.kind),
            p_adjusted: c.p_adjusted,
        })
        .collect();
    let needed = primary
        .comparisons
        .iter()
        .filter(|c| c.decision == Decision::Inconclusive)
        .filter_map(|c| c.needed)
        .max();
    Verdict {
        metric: primary.name.clone(),
        winner,
        arms,
        reason,
        needed,
    }
}
