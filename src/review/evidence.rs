//! The evidence a pull request carries for its prompt changes: experiment results committed in
//! the range, analysed as `ab analyze` would, or the plain fact that there are none.
//!
//! Results are the `results/<experiment>/<run>.jsonl` files added or changed in the range, read
//! as committed at HEAD and analysed against the experiment's spec at HEAD. A changed prompt that
//! no experiment runs gets a suggested spec (the base version as control, the change as the
//! other arm) rather than silence: "no evidence" is a finding a reviewer should see.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::experiment::analyze::{Report, analyze_texts};
use crate::library::display_id;
use crate::prompt::{FileKind, PromptName};
use crate::review::Sides;
use crate::store::compare::FileStatus;
use crate::store::range::{self, Range};
use crate::store::{Repo, Result};

/// One experiment's results committed in the range.
#[derive(Debug, Clone)]
pub struct ExperimentResults {
    /// The experiment.
    pub experiment: String,
    /// The results files added or changed, relative to the project root.
    pub files: Vec<String>,
    /// The runs they hold.
    pub runs: Vec<String>,
    /// The analysis, or why there is none (no spec at HEAD, unreadable records).
    pub analysis: std::result::Result<Report, String>,
}

/// A changed prompt that no experiment runs, with a spec that would test the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The prompt.
    pub prompt: String,
    /// A name for the experiment (`experiments/<name>.yaml`).
    pub experiment: String,
    /// The spec's text.
    pub spec: String,
}

/// What the range offers as evidence.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Results committed in the range, by experiment.
    pub results: Vec<ExperimentResults>,
    /// Changed prompts that experiments run but whose results are not in the range:
    /// `(prompt, experiments)`.
    pub not_rerun: Vec<(String, Vec<String>)>,
    /// Changed prompts that no experiment runs.
    pub no_experiment: Vec<Suggestion>,
}

/// `results/<experiment>/<run>[.shard-K-of-N].jsonl` -> (experiment, run).
fn run_of(path: &str) -> Option<(String, String)> {
    let rest = path.strip_prefix("results/")?;
    let (experiment, file) = rest.split_once('/')?;
    let stem = file.strip_suffix(".jsonl")?;
    if file.contains('/') || stem.is_empty() {
        return None;
    }
    let run = match stem.rsplit_once(".shard-") {
        Some((run, _)) => run,
        None => stem,
    };
    Some((experiment.to_owned(), run.to_owned()))
}

/// A spec testing `prompt` at the base against the pull request's version.
pub fn suggested_spec(prompt: &str, base: &str, dataset: Option<&str>) -> Suggestion {
    let experiment = prompt.replace(['/', '.'], "-");
    let dataset = dataset.map_or_else(
        || {
            format!(
                "datasets/{experiment}.jsonl   # cases for `{prompt}`: one JSON object per line"
            )
        },
        str::to_owned,
    );
    let spec = format!(
        "description: Does the change to `{prompt}` do better than `{base}`?\n\
         dataset: {dataset}\n\
         variants:\n  - id: base\n    prompt: {prompt}@{base}\n    control: true\n  - id: change\n    prompt: {prompt}\n"
    );
    Suggestion {
        prompt: prompt.to_owned(),
        experiment,
        spec,
    }
}

/// Reads the results committed in the range and sorts the changed prompts by the evidence they
/// have.
pub(crate) fn evidence(
    repo: &Repo,
    range: &Range,
    sides: &Sides,
    changed: &[PromptName],
) -> Result<Evidence> {
    let mut by_experiment: BTreeMap<String, Vec<(String, String, Vec<u8>)>> = BTreeMap::new();
    for file in range::changed_files(repo, range, "results")? {
        if file.status == FileStatus::Deleted {
            continue;
        }
        let (Some((experiment, run)), Some(data)) = (run_of(&file.path), file.new) else {
            continue;
        };
        by_experiment
            .entry(experiment)
            .or_default()
            .push((file.path, run, data));
    }
    let mut results = Vec::new();
    for (experiment, files) in by_experiment {
        let mut runs: Vec<String> = files.iter().map(|(_, run, _)| run.clone()).collect();
        runs.sort();
        runs.dedup();
        let spec = sides
            .experiments
            .iter()
            .filter_map(|e| e.spec.as_ref().ok())
            .find(|s| s.name == experiment);
        let analysis = match spec {
            None => Err(format!(
                "no valid spec `experiments/{experiment}.yaml` at HEAD to analyse them with"
            )),
            Some(spec) => {
                let texts: Vec<(PathBuf, &[u8])> = files
                    .iter()
                    .map(|(path, _, data)| (PathBuf::from(path), data.as_slice()))
                    .collect();
                analyze_texts(spec, &texts, runs.clone()).map_err(|e| e.to_string())
            }
        };
        results.push(ExperimentResults {
            experiment,
            files: files.into_iter().map(|(path, _, _)| path).collect(),
            runs,
            analysis,
        });
    }
    let mut not_rerun = Vec::new();
    let mut no_experiment = Vec::new();
    for name in changed.iter().filter(|n| n.kind == FileKind::Prompt) {
        if sides.head.get(name).is_none() {
            continue; // deleted: nothing left to test
        }
        let runs_it: Vec<String> = sides
            .experiments
            .iter()
            .filter_map(|e| e.spec.as_ref().ok())
            .filter(|s| s.variants.iter().any(|v| &v.prompt.name == name))
            .map(|s| s.name.clone())
            .collect();
        let id = display_id(name);
        if runs_it.is_empty() {
            let dataset = sides
                .head
                .get(name)
                .and_then(|e| e.document.as_ref().ok())
                .and_then(|d| d.front_matter.dataset.clone());
            no_experiment.push(suggested_spec(&id, &range.from, dataset.as_deref()));
        } else if !runs_it
            .iter()
            .any(|e| results.iter().any(|r| &r.experiment == e))
        {
            not_rerun.push((id, runs_it));
        }
    }
    Ok(Evidence {
        results,
        not_rerun,
        no_experiment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::spec::Spec;

    #[test]
    fn results_files_name_their_experiment_and_run() {
        assert_eq!(
            run_of("results/tone/gh-1.shard-2-of-4.jsonl"),
            Some(("tone".to_owned(), "gh-1".to_owned()))
        );
        assert_eq!(
            run_of("results/tone/20260101T000000Z.jsonl"),
            Some(("tone".to_owned(), "20260101T000000Z".to_owned()))
        );
        assert_eq!(run_of("results/tone/notes.md"), None);
        assert_eq!(run_of("results/tone/deep/x.jsonl"), None);
    }

    #[test]
    fn the_suggested_spec_is_a_valid_experiment() {
        let suggestion = suggested_spec("support/reply.formal", "main", Some("datasets/r.yaml"));
        assert_eq!(suggestion.experiment, "support-reply-formal");
        let path = std::path::Path::new("experiments/support-reply-formal.yaml");
        let spec = Spec::parse(path, &suggestion.spec).expect("a valid spec");
        assert_eq!(spec.variants.len(), 2);
        assert_eq!(spec.control().prompt.raw, "support/reply.formal@main");
        assert_eq!(spec.dataset.as_deref(), Some("datasets/r.yaml"));
        // Without a dataset the placeholder still parses, with a comment saying what to put.
        let placeholder = suggested_spec("a", "main", None);
        assert!(
            Spec::parse(path, &placeholder.spec).is_ok(),
            "{}",
            placeholder.spec
        );
    }
}
