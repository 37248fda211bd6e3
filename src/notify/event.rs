//! What happened: the event kinds a destination can subscribe to, and the event built from the
//! report of the command that caused it.
//!
//! An event carries a one-line title, a summary sentence and a few name/value facts, which every
//! payload format can show, plus `data`, the event's details as JSON for webhook receivers that
//! act on them. Events are built from the same reports the commands print, so a notification
//! says what the command said.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::approval::Approved;
use crate::check::CheckReport;
use crate::experiment::runner::RunSummary;
use crate::store::release::ReleaseReport;
use crate::store::rollback::RollbackReport;

/// The events a destination can ask for (`events:` in `promptctl.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// Prompts were pinned to an environment (`promptctl release`).
    Release,
    /// A prompt was restored to an earlier version (`promptctl rollback`).
    Rollback,
    /// An experiment run finished (`promptctl ab run`), with its verdict when it has one.
    ExperimentFinished,
    /// `promptctl check` found problems at or above its threshold.
    CheckFailed,
    /// A reviewer's approval was recorded.
    ApprovalRecorded,
    /// Spending went over a configured budget.
    BudgetExceeded,
    /// A test message from `promptctl notify test`; sent to the named destination whatever its
    /// `events`.
    Test,
}

impl EventKind {
    /// The name as written in `promptctl.yaml` and in the payload's `event` field.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Release => "release",
            EventKind::Rollback => "rollback",
            EventKind::ExperimentFinished => "experiment-finished",
            EventKind::CheckFailed => "check-failed",
            EventKind::ApprovalRecorded => "approval-recorded",
            EventKind::BudgetExceeded => "budget-exceeded",
            EventKind::Test => "test",
        }
    }
}

/// One name/value line shown in chat messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// What the value is (`Environment`).
    pub name: String,
    /// The value (`prod`).
    pub value: String,
}

fn fact(name: &str, value: impl Into<String>) -> Fact {
    Fact {
        name: name.to_owned(),
        value: value.into(),
    }
}

/// Something that happened, ready to be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Which event.
    pub kind: EventKind,
    /// A short headline (`Released 2 prompts to prod`).
    pub title: String,
    /// One or two sentences for people.
    pub summary: String,
    /// Name/value lines for chat messages.
    pub facts: Vec<Fact>,
    /// The details, for programs (the `data` field of the webhook payload).
    pub data: Value,
}

impl Event {
    /// A release: which prompts moved to which version in which environment.
    pub fn release(report: &ReleaseReport) -> Event {
        let n = report.changes.len();
        let title = format!("Released {n} prompt{} to {}", plural(n), report.environment);
        let changes: Vec<String> = report
            .changes
            .iter()
            .map(|change| {
                let to = change
                    .to
                    .version
                    .map_or_else(|| short(&change.to.commit), |v| format!("v{v}"));
                match change.from.as_ref() {
                    Some(from) => format!(
                        "{}: {} → {to}",
                        change.name,
                        from.version
                            .map_or_else(|| short(&from.commit), |v| format!("v{v}"))
                    ),
                    None => format!("{}: {to}", change.name),
                }
            })
            .collect();
        let commit = report.committed.as_ref().and_then(|c| c.commit.clone());
        let mut facts = vec![fact("Environment", report.environment.clone())];
        if !changes.is_empty() {
            facts.push(fact("Changes", changes.join("\n")));
        }
        if let Some(commit) = &commit {
            facts.push(fact("Commit", short(commit)));
        }
        Event {
            kind: EventKind::Release,
            summary: if changes.is_empty() {
                format!("Everything was already released to {}.", report.environment)
            } else {
                format!("{}.", changes.join(", "))
            },
            title,
            facts,
            data: json!({
                "environment": report.environment,
                "file": report.path,
                "commit": commit,
                "changes": report.changes.iter().map(|change| json!({
                    "name": change.name,
                    "from": change.from.as_ref().map(|pin| json!({
                        "version": pin.version, "commit": pin.commit,
                    })),
                    "to": {"version": change.to.version, "commit": change.to.commit},
                })).collect::<Vec<_>>(),
            }),
        }
    }

    /// A rollback: which prompt went back to which version.
    pub fn rollback(report: &RollbackReport) -> Event {
        let label = report
            .version
            .map_or_else(|| report.reference.clone(), |v| format!("v{v}"));
        let commit = report.committed.as_ref().and_then(|c| c.commit.clone());
        let mut facts = vec![
            fact("Prompt", report.name.clone()),
            fact("Version", label.clone()),
        ];
        if let Some(commit) = &commit {
            facts.push(fact("Commit", short(commit)));
        }
        Event {
            kind: EventKind::Rollback,
            title: format!("Rolled back {} to {label}", report.name),
            summary: if commit.is_some() {
                format!("`{}` was restored to {label} and committed.", report.name)
            } else {
                format!(
                    "`{}` was restored to {label} in the working tree (not committed).",
                    report.name
                )
            },
            facts,
            data: json!({
                "name": report.name,
                "file": report.path,
                "version": report.version,
                "reference": report.reference,
                "commit": commit,
                "unchanged": report.unchanged,
            }),
        }
    }

    /// A finished experiment run: its counts per arm and, when one was computed, its verdict.
    pub fn experiment_finished(
        experiment: &str,
        run_id: &str,
        summary: &RunSummary,
        verdict: Option<&str>,
    ) -> Event {
        let samples: u64 = summary.arms.iter().map(|arm| arm.done).sum();
        let arms: Vec<String> = summary
            .arms
            .iter()
            .map(|arm| format!("{}: {}/{} samples", arm.id, arm.done, arm.total))
            .collect();
        let mut facts = vec![
            fact("Experiment", experiment),
            fact("Run", run_id),
            fact("Arms", arms.join("\n")),
            fact(
                "Failed calls",
                format!("{} of {}", summary.failed_calls(), summary.calls()),
            ),
        ];
        if let Some(verdict) = verdict {
            facts.push(fact("Verdict", verdict));
        }
        Event {
            kind: EventKind::ExperimentFinished,
            title: format!("Experiment {experiment} finished"),
            summary: match verdict {
                Some(verdict) => format!("Run {run_id}: {samples} samples. {verdict}"),
                None => format!(
                    "Run {run_id}: {samples} samples over {} arms; run `promptctl ab analyze {experiment}` for the verdict.",
                    summary.arms.len()
                ),
            },
            facts,
            data: json!({
                "experiment": experiment,
                "run_id": run_id,
                "verdict": verdict,
                "samples": samples,
                "calls": summary.calls(),
                "failed_calls": summary.failed_calls(),
                "arms": summary.arms.iter().map(|arm| json!({
                    "id": arm.id,
                    "done": arm.done,
                    "total": arm.total,
                    "passed": arm.passed,
                    "errors": arm.errors,
                    "cost_usd": arm.cost_usd,
                })).collect::<Vec<_>>(),
            }),
        }
    }

    /// A run stopped by its spending cap (`ab run --max-cost`).
    pub fn budget_exceeded(experiment: &str, run_id: &str, spent: f64, cap: f64) -> Event {
        Event {
            kind: EventKind::BudgetExceeded,
            title: format!("Experiment {experiment} stopped at its budget"),
            summary: format!(
                "Run {run_id} stopped dispatching at ${spent:.4} of its ${cap:.4} cap; finish it with `promptctl ab run {experiment} --resume {run_id}` and a higher `--max-cost`."
            ),
            facts: vec![
                fact("Experiment", experiment),
                fact("Run", run_id),
                fact("Spent", format!("${spent:.4}")),
                fact("Cap", format!("${cap:.4}")),
            ],
            data: json!({
                "experiment": experiment,
                "run_id": run_id,
                "spent_usd": spent,
                "cap_usd": cap,
            }),
        }
    }

    /// A `budget:` limit found exceeded by `promptctl report`: the limit's config key, its
    /// window (a day, a month, or `experiment/run`), the spend and the limit.
    pub fn budget_limit_exceeded(key: &str, window: &str, spent: f64, cap: f64) -> Event {
        Event {
            kind: EventKind::BudgetExceeded,
            title: format!("Budget {key} exceeded"),
            summary: format!(
                "${spent:.4} was spent in {window}, over the ${cap:.4} limit `{key}`; `promptctl report` shows the spend."
            ),
            facts: vec![
                fact("Limit", key),
                fact("Window", window),
                fact("Spent", format!("${spent:.4}")),
                fact("Cap", format!("${cap:.4}")),
            ],
            data: json!({
                "budget": key,
                "window": window,
                "spent_usd": spent,
                "cap_usd": cap,
            }),
        }
    }

    /// A failed check: how many findings of each tool, over how many files. Findings' text is
    /// left out: it quotes the checked files, which a chat channel need not see.
    pub fn check_failed(report: &CheckReport) -> Event {
        let (lint, scan, release) = (report.lint.len(), report.scan.len(), report.release.len());
        let failing = report
            .all_findings()
            .filter(|(tool, finding, novelty)| report.counts(*tool, finding, *novelty))
            .count();
        let existing = report.count(crate::check::Novelty::Existing);
        let against = report
            .base
            .as_ref()
            .map(|base| base.revision.clone())
            .filter(|_| report.judged);
        let mut facts = vec![
            fact("Failing findings", failing.to_string()),
            fact("Lint findings", lint.to_string()),
            fact("Scan findings", scan.to_string()),
            fact("Release-rule findings", release.to_string()),
            fact("Files checked", report.files.len().to_string()),
        ];
        if let Some(base) = &against {
            facts.push(fact("Base", base.clone()));
            facts.push(fact("Already on the base", existing.to_string()));
        }
        Event {
            kind: EventKind::CheckFailed,
            title: "Check failed".to_owned(),
            summary: format!(
                "{failing} finding{} at or above the threshold fail the check ({} finding{} in all) over {} file{}.",
                plural(failing),
                lint + scan + release,
                plural(lint + scan + release),
                report.files.len(),
                plural(report.files.len())
            ),
            facts,
            data: json!({
                "failing": failing,
                "lint": lint,
                "scan": scan,
                "release": release,
                "existing": if report.judged { Some(existing) } else { None },
                "files": report.files.len(),
                "base": against,
            }),
        }
    }

    /// An approval recorded by `review approve`: who approved which prompt's content, for which
    /// environment, and the commit that holds it (none when left for the user to commit).
    pub fn approval_recorded(approved: &Approved) -> Event {
        let record = &approved.record;
        let commit = approved.committed.as_ref().and_then(|c| c.commit.clone());
        let environment = record
            .environment
            .clone()
            .unwrap_or_else(|| "every protected environment".to_owned());
        let mut facts = vec![
            fact("Prompt", record.prompt.clone()),
            fact(
                "Approver",
                format!("{} <{}>", record.approver.name, record.approver.email),
            ),
            fact("Environment", environment.clone()),
            fact("Content", short(&record.content)),
        ];
        if let Some(commit) = &commit {
            facts.push(fact("Commit", short(commit)));
        }
        Event {
            kind: EventKind::ApprovalRecorded,
            title: format!("{} approved {}", record.approver.name, record.prompt),
            summary: format!(
                "{} approved the content of `{}` for {environment}.",
                record.approver.name, record.prompt
            ),
            facts,
            data: json!({
                "prompt": record.prompt,
                "content": record.content,
                "environment": record.environment,
                "approver": {"name": record.approver.name, "email": record.approver.email},
                "file": approved.path,
                "commit": commit,
            }),
        }
    }

    /// The message `promptctl notify test` sends.
    pub fn test(destination: &str) -> Event {
        Event {
            kind: EventKind::Test,
            title: "promptctl test notification".to_owned(),
            summary: format!("Destination `{destination}` is set up: this message arrived."),
            facts: vec![fact("Destination", destination)],
            data: json!({ "destination": destination }),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn short(commit: &str) -> String {
    commit.chars().take(7).collect()
}
