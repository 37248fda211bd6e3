//! Change impact: what a change to one prompt or partial file reaches, and whether it still
//! works there.
//!
//! A file reaches the prompts that render it (through `extends` or a partial, transitively), the
//! prompts that `links` to it, the environments that pin any of those, and the experiments and
//! datasets that run them. Whether they still work is **checked**, at HEAD: every affected prompt
//! is rendered with its own sample inputs (`input.default`) at the base and at HEAD, and every
//! case of every dataset that runs it is validated against its input schema at HEAD (and at the
//! base, so a case that was already invalid is not blamed on the change).
//!
//! **What a pin means.** An environment pins a prompt to an exact blob and the commit its
//! partials come from ([`crate::store::release`]), never to a branch. So merging a change does
//! not change what an environment serves; the next `promptctl release` of that prompt (or of a
//! prompt built on it) does. The only way a pull request changes what an environment serves is
//! by editing its environment file, and that is reported as such.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

use rayon::prelude::*;
use serde_json::Map;

use crate::experiment::dataset::Dataset;
use crate::experiment::spec::Spec;
use crate::library::{Library, display_id};
use crate::lint::index::{LibraryIndex, Prepared};
use crate::prompt::render::{self, RenderOptions};
use crate::prompt::{FileKind, PromptName};
use crate::review::{Sides, mask};
use crate::store::range::{self, Range};
use crate::store::release::{self, Environment, Pin};
use crate::store::{Repo, Result};

/// How one file uses another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// `extends:` names it.
    Extends,
    /// The template includes it (`{{> name}}`).
    Partial,
}

impl Edge {
    /// `extends` or `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Edge::Extends => "extends",
            Edge::Partial => "partial",
        }
    }
}

/// Who renders what, and who links to what, in one library.
#[derive(Debug, Default)]
pub struct Graph {
    /// For each file, the files that use it directly, sorted.
    used_by: HashMap<PromptName, Vec<(PromptName, Edge)>>,
    /// For each prompt, the prompts whose `links:` name it, sorted.
    linked_from: HashMap<PromptName, Vec<PromptName>>,
}

/// A prompt that renders a changed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependent {
    /// The prompt.
    pub prompt: String,
    /// How it uses the next file on the way to the changed one.
    pub via: Edge,
    /// The files between it and the changed file, nearest to it first (empty when direct).
    pub through: Vec<String>,
}

impl Graph {
    /// Reads every file's `extends`, included partials and `links`.
    pub fn build(library: &Library) -> Graph {
        let prepared: Vec<Prepared> = library.entries.par_iter().map(Prepared::of).collect();
        let mut graph = Graph::default();
        for (i, entry) in library.entries.iter().enumerate() {
            let Ok(document) = &entry.document else {
                continue;
            };
            if let Some(base) = &document.front_matter.extends {
                graph
                    .used_by
                    .entry(PromptName::parse_id(base))
                    .or_default()
                    .push((entry.name.clone(), Edge::Extends));
            }
            let partials: BTreeSet<&str> =
                LibraryIndex::included_partials(&prepared[i].analysis).collect();
            for partial in partials {
                graph
                    .used_by
                    .entry(PromptName::partial(partial))
                    .or_default()
                    .push((entry.name.clone(), Edge::Partial));
            }
            if entry.name.kind == FileKind::Prompt {
                for link in &document.front_matter.links {
                    graph
                        .linked_from
                        .entry(PromptName::parse_id(link))
                        .or_default()
                        .push(entry.name.clone());
                }
            }
        }
        for users in graph.used_by.values_mut() {
            users.sort();
            users.dedup();
        }
        for users in graph.linked_from.values_mut() {
            users.sort();
            users.dedup();
        }
        graph
    }

    /// The prompts that render `target` through `extends` or partials, at any depth, sorted.
    pub fn dependents(&self, target: &PromptName) -> Vec<Dependent> {
        // Breadth first from the target, so each prompt gets its shortest way there.
        let mut next_hop: HashMap<&PromptName, (&PromptName, Edge)> = HashMap::new();
        let mut queue = VecDeque::from([target]);
        while let Some(current) = queue.pop_front() {
            for (user, edge) in self.used_by.get(current).map_or(&[][..], Vec::as_slice) {
                if user == target || next_hop.contains_key(user) {
                    continue;
                }
                next_hop.insert(user, (current, *edge));
                queue.push_back(user);
            }
        }
        let mut out: Vec<Dependent> = next_hop
            .iter()
            .filter(|(name, _)| name.kind == FileKind::Prompt)
            .map(|(name, (hop, edge))| {
                let mut through = Vec::new();
                let mut current = *hop;
                while current != target {
                    through.push(file_label(current));
                    current = next_hop[current].0;
                }
                Dependent {
                    prompt: display_id(name),
                    via: *edge,
                    through,
                }
            })
            .collect();
        out.sort_by(|a, b| a.prompt.cmp(&b.prompt));
        out
    }

    /// The prompts whose `links:` name `target`.
    pub fn linked_from(&self, target: &PromptName) -> Vec<String> {
        self.linked_from
            .get(target)
            .map(|v| v.iter().map(display_id).collect())
            .unwrap_or_default()
    }
}

/// How a file is named in the report: a prompt by its id, a partial by its file (`_name`).
fn file_label(name: &PromptName) -> String {
    crate::store::compare::file_id(name)
}

/// The environment files at both ends of the range.
#[derive(Debug, Clone, Default)]
pub struct Environments {
    base: Vec<Environment>,
    head: Vec<Environment>,
}

impl Environments {
    /// Reads every environment file committed at each end.
    pub fn read(repo: &Repo, range: &Range) -> Result<Environments> {
        Ok(Environments {
            base: release::environments_at(repo, &range.from_commit)?,
            head: release::environments_at(repo, &range.to_commit)?,
        })
    }
}

/// An environment that pins an affected prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinImpact {
    /// The environment.
    pub environment: String,
    /// The pinned prompt (the changed one or one built on it).
    pub prompt: String,
    /// What it pins at HEAD: `v3`, or the blob's first 7 digits.
    pub pinned: String,
    /// What the pull request does to the pin.
    pub change: PinChange,
}

/// What a pull request does to one pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinChange {
    /// The pin is untouched: the environment keeps serving its pinned blob after the merge, and
    /// the next `promptctl release` of the prompt would serve this change.
    NextRelease,
    /// The pull request edits the pin itself: merging it changes what the environment serves.
    Released {
        /// What was pinned at the base (`None`: nothing was).
        before: Option<String>,
    },
}

fn pin_label(pin: &Pin) -> String {
    pin.version
        .map_or_else(|| pin.blob.chars().take(7).collect(), |v| format!("v{v}"))
}

/// A committed experiment spec.
#[derive(Debug, Clone)]
pub struct ExperimentFile {
    /// Its path relative to the project root.
    pub path: String,
    /// The spec, or why it does not parse.
    pub spec: std::result::Result<Spec, String>,
}

/// Every experiment spec under `experiments/` in `commit`.
pub fn experiments_at(repo: &Repo, commit: &str) -> Result<Vec<ExperimentFile>> {
    let mut out = Vec::new();
    for path in range::list_at(repo, commit, "experiments")? {
        let is_spec = Path::new(&path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if !is_spec || path.matches('/').count() != 1 {
            continue;
        }
        let Some(text) = range::read_at(repo, commit, &path)? else {
            continue;
        };
        let spec = Spec::parse(Path::new(&path), &text).map_err(|e| e.to_string());
        out.push(ExperimentFile { path, spec });
    }
    Ok(out)
}

/// The dataset an experiment runs: its own, else its control prompt's `dataset`.
fn spec_dataset(spec: &Spec, library: &Library) -> Option<String> {
    spec.dataset.clone().or_else(|| {
        let control = &spec.control().prompt;
        if control.revision.is_some() {
            return None;
        }
        render::resolve(library, &control.name)
            .ok()
            .and_then(|r| r.front_matter.dataset)
    })
}

/// Every dataset an experiment or a prompt names, read as committed in `commit`.
pub(crate) fn datasets_at(
    repo: &Repo,
    commit: &str,
    experiments: &[ExperimentFile],
    library: &Library,
) -> Result<BTreeMap<String, std::result::Result<Dataset, String>>> {
    let mut paths: BTreeSet<String> = experiments
        .iter()
        .filter_map(|e| e.spec.as_ref().ok())
        .filter_map(|spec| spec_dataset(spec, library))
        .collect();
    paths.extend(library.prompts().filter_map(|e| {
        e.document
            .as_ref()
            .ok()
            .and_then(|d| d.front_matter.dataset.clone())
    }));
    let mut out = BTreeMap::new();
    for path in paths {
        let loaded = if crate::confine::check_name(&path).is_err() {
            Err(format!("`{path}` is not a path inside the project"))
        } else {
            match range::read_at(repo, commit, &path)? {
                None => Err(format!("`{path}` is not committed")),
                Some(text) => Dataset::parse(Path::new(&path), &text).map_err(|e| e.to_string()),
            }
        };
        out.insert(path, loaded);
    }
    Ok(out)
}

/// An experiment that runs an affected prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentUse {
    /// The experiment's name.
    pub experiment: String,
    /// Its spec file.
    pub path: String,
    /// The variants that run an affected prompt: `(id, prompt as written)`.
    pub variants: Vec<(String, String)>,
    /// Whether a variant runs the prompt as the branch has it (no `@version`), so the change
    /// reaches its next run.
    pub follows_branch: bool,
    /// Its dataset, when it has one.
    pub dataset: Option<String>,
}

/// One dataset case that does not validate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseProblem {
    /// The case id.
    pub id: String,
    /// Its line in the dataset.
    pub line: usize,
    /// Why (the renderer's message).
    pub message: String,
}

/// A dataset validated against a prompt's input schema at HEAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetCheck {
    /// The dataset file.
    pub dataset: String,
    /// The prompt its cases feed.
    pub prompt: String,
    /// Who pairs them: experiment names, or `dataset:` in the prompt's front matter.
    pub used_by: Vec<String>,
    /// Cases in the dataset.
    pub cases: usize,
    /// Cases that do not validate at HEAD.
    pub invalid: Vec<CaseProblem>,
    /// How many cases did not validate against the prompt at the base (`None`: the prompt did
    /// not resolve there).
    pub invalid_at_base: Option<usize>,
    /// Why the dataset could not be read, when it could not.
    pub unreadable: Option<String>,
}

impl DatasetCheck {
    /// Whether cases that validated at the base fail at HEAD.
    pub fn regressed(&self) -> bool {
        !self.invalid.is_empty() && self.invalid_at_base.is_none_or(|n| n < self.invalid.len())
    }
}

/// Whether a prompt renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It renders.
    Ok,
    /// It does not; the renderer's message.
    Failed(String),
    /// It does not exist at that end.
    Absent,
}

/// An affected prompt rendered with its own sample inputs at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderCheck {
    /// The prompt.
    pub prompt: String,
    /// At the base.
    pub before: Outcome,
    /// At HEAD.
    pub after: Outcome,
}

impl RenderCheck {
    /// Whether it rendered at the base and does not at HEAD.
    pub fn regressed(&self) -> bool {
        self.before == Outcome::Ok && matches!(self.after, Outcome::Failed(_))
    }
}

/// What a change to one file reaches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Environments pinning the file or a prompt built on it.
    pub pins: Vec<PinImpact>,
    /// Prompts that render the file, at HEAD.
    pub dependents: Vec<Dependent>,
    /// Prompts whose `links:` name it, at HEAD.
    pub linked_from: Vec<String>,
    /// Experiments that run it or a prompt built on it, at HEAD.
    pub experiments: Vec<ExperimentUse>,
    /// Datasets whose cases feed it or a prompt built on it, validated at HEAD.
    pub datasets: Vec<DatasetCheck>,
    /// The file (when a prompt) and every dependent, rendered with sample inputs at both ends.
    pub renders: Vec<RenderCheck>,
}

impl Impact {
    /// Whether something that worked at the base fails at HEAD.
    pub fn has_regressions(&self) -> bool {
        self.renders.iter().any(RenderCheck::regressed)
            || self.datasets.iter().any(DatasetCheck::regressed)
    }
}

fn outcome(library: &Library, name: &PromptName) -> Outcome {
    if library.get(name).is_none() {
        return Outcome::Absent;
    }
    match render::render(library, name, &Map::new(), &RenderOptions::default()) {
        Ok(_) => Outcome::Ok,
        Err(e) => Outcome::Failed(mask(&e.to_string())),
    }
}

/// The impact of a change to `name` (a prompt or partial), read from both ends.
pub(crate) fn impact_of(
    name: &PromptName,
    sides: &Sides,
    graph: &Graph,
    environments: &Environments,
) -> Impact {
    let dependents = graph.dependents(name);
    let mut affected: Vec<PromptName> = dependents
        .iter()
        .map(|d| PromptName::parse_id(&d.prompt))
        .collect();
    if name.kind == FileKind::Prompt {
        affected.insert(0, name.clone());
    }
    let ids: Vec<String> = affected.iter().map(display_id).collect();

    let mut pins = Vec::new();
    for environment in &environments.head {
        let before = environments
            .base
            .iter()
            .find(|e| e.environment == environment.environment);
        for id in &ids {
            let Some(pin) = environment.prompts.get(id) else {
                continue;
            };
            let old = before.and_then(|e| e.prompts.get(id));
            let change = if old == Some(pin) {
                PinChange::NextRelease
            } else {
                PinChange::Released {
                    before: old.map(pin_label),
                }
            };
            pins.push(PinImpact {
                environment: environment.environment.clone(),
                prompt: id.clone(),
                pinned: pin_label(pin),
                change,
            });
        }
    }

    let mut experiments = Vec::new();
    // (dataset, prompt) -> who pairs them
    let mut pairs: BTreeMap<(String, PromptName), BTreeSet<String>> = BTreeMap::new();
    for file in &sides.experiments {
        let Ok(spec) = &file.spec else { continue };
        let variants: Vec<_> = spec
            .variants
            .iter()
            .filter(|v| affected.contains(&v.prompt.name))
            .collect();
        if variants.is_empty() {
            continue;
        }
        let dataset = spec_dataset(spec, &sides.head);
        if let Some(dataset) = &dataset {
            for variant in variants.iter().filter(|v| v.prompt.revision.is_none()) {
                pairs
                    .entry((dataset.clone(), variant.prompt.name.clone()))
                    .or_default()
                    .insert(format!("experiment `{}`", spec.name));
            }
        }
        experiments.push(ExperimentUse {
            experiment: spec.name.clone(),
            path: file.path.clone(),
            variants: variants
                .iter()
                .map(|v| (v.id.clone(), v.prompt.raw.clone()))
                .collect(),
            follows_branch: variants.iter().any(|v| v.prompt.revision.is_none()),
            dataset,
        });
    }
    for prompt in &affected {
        let own = sides
            .head
            .get(prompt)
            .and_then(|e| e.document.as_ref().ok())
            .and_then(|d| d.front_matter.dataset.clone());
        if let Some(dataset) = own {
            pairs
                .entry((dataset, prompt.clone()))
                .or_default()
                .insert("`dataset:` in its front matter".to_owned());
        }
    }
    let datasets = pairs
        .into_iter()
        .map(|((dataset, prompt), used_by)| {
            check_dataset(sides, &dataset, &prompt, used_by.into_iter().collect())
        })
        .collect();

    let renders = affected
        .iter()
        .map(|p| RenderCheck {
            prompt: display_id(p),
            before: outcome(&sides.base, p),
            after: outcome(&sides.head, p),
        })
        .collect();

    Impact {
        pins,
        linked_from: graph.linked_from(name),
        dependents,
        experiments,
        datasets,
        renders,
    }
}

/// Validates every case of `dataset` (as committed at HEAD) against `prompt` at each end.
fn check_dataset(
    sides: &Sides,
    dataset: &str,
    prompt: &PromptName,
    used_by: Vec<String>,
) -> DatasetCheck {
    let mut check = DatasetCheck {
        dataset: dataset.to_owned(),
        prompt: display_id(prompt),
        used_by,
        cases: 0,
        invalid: Vec::new(),
        invalid_at_base: None,
        unreadable: None,
    };
    let cases = match sides.datasets.get(dataset) {
        Some(Ok(loaded)) => &loaded.cases,
        Some(Err(why)) => {
            check.unreadable = Some(why.clone());
            return check;
        }
        None => {
            check.unreadable = Some(format!("`{dataset}` was not read"));
            return check;
        }
    };
    check.cases = cases.len();
    let invalid = |library: &Library| -> Option<Vec<CaseProblem>> {
        let resolved = render::resolve(library, prompt).ok()?;
        Some(
            cases
                .iter()
                .filter_map(|case| {
                    render::effective_variables(&resolved, &case.vars)
                        .err()
                        .map(|e| CaseProblem {
                            id: case.id.clone(),
                            line: case.line,
                            message: mask(&e.to_string()),
                        })
                })
                .collect(),
        )
    };
    match invalid(&sides.head) {
        Some(problems) => check.invalid = problems,
        None => {
            check.unreadable = Some(format!("`{}` does not resolve at HEAD", display_id(prompt)));
        }
    }
    check.invalid_at_base = invalid(&sides.base).map(|p| p.len());
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Entry;
    use crate::prompt::PromptDocument;
    use std::path::PathBuf;

    fn library(files: &[(&str, &str)]) -> Library {
        Library {
            entries: files
                .iter()
                .map(|(path, text)| Entry {
                    name: PromptName::from_relative_path(path).unwrap(),
                    path: PathBuf::from(format!("prompts/{path}")),
                    text: (*text).to_owned(),
                    document: PromptDocument::parse(text)
                        .map_err(crate::library::EntryError::Parse),
                })
                .collect(),
        }
    }

    #[test]
    fn dependents_are_found_through_extends_and_nested_partials() {
        let lib = library(&[
            ("base.prompt", "Base {{> shared/tone}}\n"),
            ("child.prompt", "---\nextends: base\n---\n"),
            ("shared/_tone.prompt", "Calm. {{> shared/inner}}\n"),
            ("shared/_inner.prompt", "Inner.\n"),
            ("direct.prompt", "{{> shared/inner}}\n"),
            ("other.prompt", "---\nlinks: [base]\n---\nAlone.\n"),
        ]);
        let graph = Graph::build(&lib);
        let inner = graph.dependents(&PromptName::partial("shared/inner"));
        let names: Vec<&str> = inner.iter().map(|d| d.prompt.as_str()).collect();
        assert_eq!(names, ["base", "child", "direct"]);
        assert_eq!(inner[0].via, Edge::Partial);
        assert_eq!(inner[0].through, ["shared/_tone"]);
        assert_eq!(inner[1].via, Edge::Extends);
        assert_eq!(inner[1].through, ["base", "shared/_tone"]);
        assert!(inner[2].through.is_empty());
        assert_eq!(graph.linked_from(&PromptName::parse_id("base")), ["other"]);
        assert!(graph.dependents(&PromptName::parse_id("other")).is_empty());
    }

    #[test]
    fn cycles_do_not_loop() {
        let lib = library(&[
            ("_a.prompt", "{{> b}}"),
            ("_b.prompt", "{{> a}}"),
            ("p.prompt", "{{> a}}"),
        ]);
        let dependents = Graph::build(&lib).dependents(&PromptName::partial("a"));
        let names: Vec<&str> = dependents.iter().map(|d| d.prompt.as_str()).collect();
        assert_eq!(names, ["p"]);
    }
}
