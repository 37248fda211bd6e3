//! The failed cases of a prompt's latest experiment run, as evidence for the meta-prompt.
//!
//! `suggest`'s advice says what looks weak in a template; the cases a prompt actually failed say
//! what went wrong with it. This module finds the experiments whose variants run the prompt (any
//! spec in `experiments/` with a variant whose `prompt:` names it), takes the run of those that
//! started last (as [`crate::experiment::runs`] orders them) and reads that run's records with
//! [`RunRecord`]: each sample of the prompt's arms that completed but did not pass becomes a
//! [`FailedCase`] with the case's inputs (from the spec's dataset), the output and the failed
//! assertions. Failed calls are left out: they say nothing about the wording. Damaged lines and
//! unreadable specs are skipped, as `ab` skips them: evidence is a help, never a blocker.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::BufRead as _;
use std::path::Path;

use serde_json::{Map, Value};

use crate::experiment::dataset::Dataset;
use crate::experiment::record::RunRecord;
use crate::experiment::runs;
use crate::experiment::spec::Spec;
use crate::library::display_id;

/// Characters of a case's output or inputs kept in the evidence.
const SHOWN_CHARS: usize = 300;

/// One sample of the prompt that did not pass.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedCase {
    /// The dataset case.
    pub case_id: String,
    /// The repeat.
    pub repeat: u32,
    /// The case's inputs (empty when the dataset cannot be read).
    pub inputs: Map<String, Value>,
    /// The output, or its excerpt when the run was redacted.
    pub output: String,
    /// Each failed assertion: `metric` and why, when the record says.
    pub failed: Vec<String>,
}

/// The failed samples of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Failures {
    /// The experiment.
    pub experiment: String,
    /// The run.
    pub run: String,
    /// The samples that did not pass (at most the limit asked for).
    pub cases: Vec<FailedCase>,
    /// How many did not pass in all.
    pub total: usize,
}

/// The failed samples of `prompt` (`folder/name` or `folder/name.variant`) in the latest run of
/// an experiment that runs it, at most `limit` of them; `None` when no run of such an
/// experiment exists.
pub fn latest(root: &Path, prompt: &str, limit: usize) -> Option<Failures> {
    let mut best: Option<(i64, Spec, runs::Run, BTreeSet<String>)> = None;
    for spec in specs(root) {
        let arms: BTreeSet<String> = spec
            .variants
            .iter()
            .filter(|v| display_id(&v.prompt.name) == prompt)
            .map(|v| v.id.clone())
            .collect();
        if arms.is_empty() {
            continue;
        }
        let Ok(found) = runs::discover(&root.join("results").join(&spec.name)) else {
            continue;
        };
        let Some(run) = found.latest() else { continue };
        let started = run.started.as_ref().map_or(i64::MIN, |s| s.unix_seconds);
        if best.as_ref().is_none_or(|(t, ..)| started >= *t) {
            best = Some((started, spec, run.clone(), arms));
        }
    }
    let (_, spec, run, arms) = best?;
    let inputs = spec
        .dataset
        .as_deref()
        .and_then(|d| Dataset::load(root, Path::new(d)).ok())
        .map(|d| {
            d.cases
                .into_iter()
                .map(|c| (c.id, c.vars))
                .collect::<std::collections::HashMap<_, _>>()
        })
        .unwrap_or_default();
    let mut cases = Vec::new();
    let mut total = 0;
    for file in &run.files {
        let Ok(handle) = std::fs::File::open(file) else {
            continue;
        };
        for line in std::io::BufReader::new(handle).lines() {
            let Ok(line) = line else { break };
            let Ok(record) = serde_json::from_str::<RunRecord>(&line) else {
                continue;
            };
            if record.pass || record.error.is_some() || !arms.contains(&record.arm) {
                continue;
            }
            total += 1;
            if cases.len() < limit {
                cases.push(FailedCase {
                    inputs: inputs.get(&record.case_id).cloned().unwrap_or_default(),
                    case_id: record.case_id,
                    repeat: record.repeat,
                    output: record.output.or(record.output_excerpt).unwrap_or_default(),
                    failed: record
                        .assertions
                        .iter()
                        .filter(|a| !a.pass)
                        .map(|a| match &a.reason {
                            Some(r) => format!("{}: {r}", a.metric),
                            None => a.metric.clone(),
                        })
                        .collect(),
                });
            }
        }
    }
    Some(Failures {
        experiment: spec.name,
        run: run.id,
        cases,
        total,
    })
}

/// The failed cases as Markdown lines for the meta-prompt's evidence.
pub fn evidence(failures: &Failures) -> String {
    let mut text = String::new();
    for c in &failures.cases {
        let inputs = serde_json::to_string(&c.inputs).unwrap_or_default();
        let _ = writeln!(
            text,
            "- failed case `{}` (run {} of experiment {}): inputs {}; output \"{}\"; failed {}",
            c.case_id,
            failures.run,
            failures.experiment,
            shorten(&inputs),
            shorten(&c.output).replace('\n', " "),
            c.failed.join("; ")
        );
    }
    text
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(SHOWN_CHARS).collect();
    out.push('…');
    out
}

/// Every spec in `experiments/` that parses, by file name.
fn specs(root: &Path) -> Vec<Spec> {
    let Ok(entries) = std::fs::read_dir(root.join("experiments")) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let relative = p.strip_prefix(root).unwrap_or(p);
            Spec::parse(relative, &text).ok()
        })
        .collect()
}
