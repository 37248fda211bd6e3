//! Adopting a candidate: which arm of an `improve` experiment run earned it, and the commit
//! message that says so.
//!
//! A rewrite replaces the prompt only on the evidence of a run: the arm must be significantly
//! better than the control on the primary metric after the correction `ab analyze` applies
//! (its [`Decision::Better`]), break no guardrail and be worse on no other metric — the same
//! test `ab analyze`'s recommendation applies, so the two never disagree. The commit message
//! names the experiment and the run, so `git log` on the prompt answers "why did this change?".

use crate::experiment::analyze::{Decision, Report, signed};
use crate::experiment::spec::{Direction, Spec};
use crate::library::display_id;

/// The arm a run justifies adopting.
#[derive(Debug, Clone, PartialEq)]
pub struct Winner {
    /// The arm's id (`improve-1`).
    pub arm: String,
    /// The prompt it runs (`support/reply.improve-1`).
    pub prompt: String,
    /// `pass +40.0 pp`: the primary metric and its lift over the control.
    pub lift: String,
}

/// The best arm that beats the control in `report`, or the analysis's recommendation as the
/// reason there is none.
pub fn winner(spec: &Spec, report: &Report) -> Result<Winner, String> {
    let Some(primary) = report.metrics.first() else {
        return Err(report.recommendation.clone());
    };
    let breaks = |arm: &str| report.guardrails.iter().any(|g| g.arm == arm && !g.ok);
    let worse_elsewhere = |arm: &str| {
        report.metrics[1..].iter().any(|m| {
            m.comparisons
                .iter()
                .any(|c| c.arm == arm && c.decision == Decision::Worse)
        })
    };
    let best = primary
        .comparisons
        .iter()
        .filter(|c| c.decision == Decision::Better && !breaks(&c.arm) && !worse_elsewhere(&c.arm))
        .max_by(|a, b| match primary.direction {
            Direction::Higher => a.lift.value.total_cmp(&b.lift.value),
            Direction::Lower => b.lift.value.total_cmp(&a.lift.value),
        })
        .ok_or_else(|| report.recommendation.clone())?;
    let variant = spec
        .variants
        .iter()
        .find(|v| v.id == best.arm)
        .ok_or_else(|| format!("the spec has no variant `{}`", best.arm))?;
    Ok(Winner {
        arm: best.arm.clone(),
        prompt: display_id(&variant.prompt.name),
        lift: format!("{} {}", primary.name, signed(best.lift.value, primary.kind)),
    })
}

/// The message of the commit that adopts `winner` for `prompt`.
pub fn commit_message(prompt: &str, winner: &Winner, experiment: &str, run: &str) -> String {
    format!(
        "{prompt}: adopt the rewrite `{}` ({} over the current version)\n\n\
         Experiment `{experiment}`, run `{run}`: `{}` is better than the control after \
         correction for multiple comparisons, within every guardrail.\n\
         Check it with `promptctl ab analyze {experiment} --run {run}`.\n\n\
         Promptctl-Experiment: {experiment}\nPromptctl-Run: {run}\n",
        winner.arm, winner.lift, winner.arm
    )
}
