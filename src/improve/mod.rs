//! Improve: candidate rewrites of a prompt, checked before anything is spent on them.
//!
//! `improve` asks a model for rewrites through a meta-prompt that is itself a library prompt
//! ([`META_PROMPT`]), so the instructions that produce rewrites are versioned, reviewed and
//! linted like any other prompt. This module owns what happens around that call, all of it pure
//! or file-local so it can be tested without a provider:
//!
//! - [`evidence`] turns `suggest`'s advice into the text the meta-prompt is given, and
//!   [`failures`] adds the cases the prompt failed in its latest experiment run;
//! - [`parse_rewrites`] reads the model's answer (`<rewrite>…</rewrite>` blocks);
//! - [`check_candidates`] keeps a rewrite only when it keeps the prompt's front matter, reads the
//!   same input variables and includes the same partials, renders with the prompt's sample
//!   inputs and passes lint — otherwise it is discarded with the reason;
//! - [`experiment_spec`] writes the spec that compares the survivors with the current version,
//!   and [`verdict`] decides what a run of it lets `improve --run` say.
//!
//! Candidates become variants (`name.improve-1.prompt`, …): the prompt itself is never
//! overwritten here.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Map;

use crate::finding::Severity;
use crate::library::{Entry, Library, display_id};
use crate::lint::{self, LintOptions, Prepared};
use crate::project::Project;
use crate::prompt::render::{self, RenderOptions};
use crate::prompt::{PromptDocument, PromptName};
use crate::suggest::PromptAdvice;

pub mod adopt;
pub mod failures;
pub mod verdict;

/// The library prompt that asks a model for rewrites, under the reserved `promptctl/` folder.
pub const META_PROMPT: &str = "promptctl/improve";

/// The meta-prompt `init` ships at `prompts/promptctl/improve.prompt`; edit the library copy.
pub const META_PROMPT_TEXT: &str = include_str!("meta.prompt");

/// The variables the meta-prompt is rendered with for the prompt at `position`; `failed` is
/// [`failures::evidence`] of its latest run (empty when there is none).
pub fn meta_variables(
    library: &Library,
    position: usize,
    advice: &PromptAdvice,
    failed: &str,
    n: usize,
) -> Map<String, serde_json::Value> {
    let entry = &library.entries[position];
    let known = facts(&Prepared::of(entry));
    let join = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
    let template = entry
        .document
        .as_ref()
        .map(|d| d.template().to_owned())
        .unwrap_or_default();
    let mut vars = Map::new();
    vars.insert("prompt".into(), display_id(&entry.name).into());
    vars.insert("template".into(), template.into());
    vars.insert("variables".into(), join(&known.variables).into());
    vars.insert("partials".into(), join(&known.partials).into());
    vars.insert(
        "evidence".into(),
        format!("{}{failed}", evidence(advice)).into(),
    );
    vars.insert("n".into(), n.into());
    vars
}

/// The variant name of candidate `index` (1-based).
pub fn variant_name(index: usize) -> String {
    format!("improve-{index}")
}

/// `suggest`'s advice as a Markdown list for the meta-prompt: rule, line and message.
pub fn evidence(advice: &PromptAdvice) -> String {
    let mut text = String::new();
    for s in &advice.suggestions {
        let _ = writeln!(
            text,
            "- [{}] line {}: {}{}",
            s.finding.rule,
            s.finding.location.line,
            s.finding.message,
            s.finding
                .hint
                .as_ref()
                .map_or_else(String::new, |h| format!(" ({h})"))
        );
    }
    text
}

/// The rewritten templates in a model's answer: the text of each `<rewrite>…</rewrite>` block,
/// trimmed; an unterminated last block is dropped (the answer was cut off).
pub fn parse_rewrites(answer: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = answer;
    while let Some(start) = rest.find("<rewrite>") {
        let after = &rest[start + "<rewrite>".len()..];
        let Some(end) = after.find("</rewrite>") else {
            break;
        };
        let body = after[..end].trim();
        if !body.is_empty() {
            out.push(body.to_owned());
        }
        rest = &after[end + "</rewrite>".len()..];
    }
    out
}

/// A rewrite turned into a variant file, and whether it may be tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// 1-based position in the model's answer.
    pub index: usize,
    /// Its id (`folder/name.improve-N`).
    pub id: String,
    /// Where it goes, relative to the project root.
    pub path: PathBuf,
    /// The whole file: the prompt's front matter and the rewritten template.
    pub text: String,
    /// `None` when it may be tried; otherwise why it was discarded.
    pub discarded: Option<String>,
}

/// Builds and checks one candidate per rewrite of the prompt at `position`.
pub fn check_candidates(
    project: &Project,
    library: &Library,
    position: usize,
    rewrites: &[String],
) -> Vec<Candidate> {
    let original = &library.entries[position];
    let Ok(document) = &original.document else {
        return Vec::new();
    };
    let head_len = original.text.len() - document.body.len();
    let head = &original.text[..head_len];
    let before = facts(&Prepared::of(original));
    rewrites
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let index_1 = i + 1;
            let mut name = original.name.clone();
            name.variant = Some(variant_name(index_1));
            let path = project_path(original, &name);
            let text = format!("{head}{}\n", body.trim());
            let discarded = check_one(project, library, &name, &path, &text, &before).err();
            Candidate {
                index: index_1,
                id: display_id(&name),
                path,
                text,
                discarded,
            }
        })
        .collect()
}

/// The variables a prompt reads and the partials it includes.
#[derive(Debug, PartialEq, Eq)]
struct Facts {
    variables: BTreeSet<String>,
    partials: BTreeSet<String>,
}

fn facts(prepared: &Prepared) -> Facts {
    let analysis = &prepared.analysis;
    Facts {
        variables: analysis.variables.iter().map(|r| r.name.clone()).collect(),
        partials: analysis.partials.iter().map(|r| r.name.clone()).collect(),
    }
}

fn project_path(original: &Entry, name: &PromptName) -> PathBuf {
    let file = format!(
        "{}.{}.prompt",
        name.name.rsplit('/').next().unwrap_or(&name.name),
        name.variant.as_deref().unwrap_or_default()
    );
    original.path.with_file_name(file)
}

fn check_one(
    project: &Project,
    library: &Library,
    name: &PromptName,
    path: &PathBuf,
    text: &str,
    before: &Facts,
) -> Result<(), String> {
    let document = PromptDocument::parse(text)
        .map_err(|e| format!("does not parse: {} (line {})", e.message, e.line))?;
    let mut with = library.clone();
    with.entries.retain(|e| &e.path != path);
    with.entries.push(Entry {
        name: name.clone(),
        path: path.clone(),
        text: text.to_owned(),
        document: Ok(document),
    });
    with.entries.sort_by(|a, b| a.path.cmp(&b.path));
    let position = with
        .entries
        .iter()
        .position(|e| &e.path == path)
        .ok_or("lost the candidate")?;
    let prepared = Prepared::of(&with.entries[position]);
    if let Some(fault) = &prepared.fault {
        return Err(format!("template error: {}", fault.message));
    }
    let after = facts(&prepared);
    let dropped: Vec<&String> = before.variables.difference(&after.variables).collect();
    let added: Vec<&String> = after.variables.difference(&before.variables).collect();
    if !dropped.is_empty() {
        return Err(format!("drops the input variable(s) {}", quote(&dropped)));
    }
    if !added.is_empty() {
        return Err(format!(
            "reads variable(s) the prompt does not have: {}",
            quote(&added)
        ));
    }
    let lost: Vec<&String> = before.partials.difference(&after.partials).collect();
    if !lost.is_empty() {
        return Err(format!("drops the partial(s) {}", quote(&lost)));
    }
    render::render(&with, name, &Map::new(), &RenderOptions::default())
        .map_err(|e| format!("does not render with the sample inputs: {e}"))?;
    let report = lint::lint_library(
        project,
        &with,
        &LintOptions {
            paths: vec![path.clone()],
        },
    )
    .map_err(|e| e.to_string())?;
    if let Some(error) = report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
    {
        return Err(format!("lint: {} [{}]", error.message, error.rule));
    }
    Ok(())
}

fn quote(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An experiment spec comparing the prompt (control) with the surviving candidates over
/// `dataset`, with the pass rate (`pass`) of the dataset's assertions as the primary metric.
///
/// With `branch`, the candidates are read from that git branch (`name.improve-1@improve/name`),
/// so the spec runs from any checkout; the current version is the working tree's.
pub fn experiment_spec(
    prompt: &str,
    candidates: &[Candidate],
    dataset: &str,
    branch: Option<&str>,
) -> String {
    let arms: Vec<(String, String)> = candidates
        .iter()
        .filter(|c| c.discarded.is_none())
        .map(|c| {
            let at = branch.map_or_else(String::new, |b| format!("@{b}"));
            (variant_name(c.index), format!("{}{at}", c.id))
        })
        .collect();
    spec_text(prompt, &arms, dataset)
}

/// The spec `improve --run` estimates with before it asks for rewrites: `n` arms that all run
/// the current version, standing in for candidates of about its length.
pub fn stand_in_spec(prompt: &str, n: usize, dataset: &str) -> String {
    let arms: Vec<(String, String)> = (1..=n)
        .map(|i| (variant_name(i), prompt.to_owned()))
        .collect();
    spec_text(prompt, &arms, dataset)
}

fn spec_text(prompt: &str, arms: &[(String, String)], dataset: &str) -> String {
    let mut text = format!(
        "# Written by `promptctl improve {prompt}`: the current version against its rewrites.\n\
description: Is a rewrite of {prompt} better than the current version?\n\
dataset: {dataset}\n\
variants:\n  - id: current\n    prompt: {prompt}\n    control: true\n"
    );
    for (id, reference) in arms {
        let _ = write!(text, "  - id: {id}\n    prompt: {reference}\n");
    }
    text.push_str("metrics:\n  - pass\nstopping:\n  min_detectable_effect: 0.2\n  power: 0.8\n");
    // The sample size `ab plan` computes for this spec, so the reader knows what the run costs.
    let spec = crate::experiment::spec::Spec::parse(std::path::Path::new("improve.yaml"), &text);
    if let Some(n) = spec
        .ok()
        .and_then(|s| crate::experiment::plan::required_per_arm(&s, None))
    {
        let _ = writeln!(
            text,
            "# `promptctl ab plan`: {n} cases per arm detect a 20-point change in the pass rate \
             at 80% power after correction for {} comparison(s).",
            arms.len()
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{library, project};

    const PROMPT: &str = "---\ninput:\n  schema:\n    ticket: string\n  default:\n    ticket: My order is late.\n---\nAnswer the ticket.\n{{ticket}}\n{{> sign}}\n";

    fn candidates(rewrites: &[&str]) -> Vec<Candidate> {
        let library = library(&[
            ("support/reply.prompt", PROMPT),
            ("_sign.prompt", "-- Support"),
        ]);
        let position = library
            .entries
            .iter()
            .position(|e| e.path.ends_with("reply.prompt"))
            .unwrap();
        let rewrites: Vec<String> = rewrites.iter().map(|s| (*s).to_owned()).collect();
        check_candidates(&project(), &library, position, &rewrites)
    }

    #[test]
    fn rewrites_are_read_from_tagged_blocks_and_a_cut_off_one_is_dropped() {
        let answer = "Here:\n<rewrite>\nA {{x}}\n</rewrite>\n<rewrite>B</rewrite>\n<rewrite>C";
        assert_eq!(parse_rewrites(answer), ["A {{x}}", "B"]);
    }

    #[test]
    fn a_rewrite_that_keeps_variables_and_partials_becomes_a_variant_with_the_front_matter() {
        let found = candidates(&[
            "Reply to the ticket below.\n<ticket>\n{{ticket}}\n</ticket>\n{{> sign}}",
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].discarded, None);
        assert_eq!(found[0].id, "support/reply.improve-1");
        assert_eq!(
            found[0].path,
            PathBuf::from("prompts/support/reply.improve-1.prompt")
        );
        assert!(
            found[0]
                .text
                .starts_with("---\ninput:\n  schema:\n    ticket: string\n")
        );
        assert!(found[0].text.ends_with("</ticket>\n{{> sign}}\n"));
    }

    #[test]
    fn a_rewrite_that_breaks_a_variable_or_drops_a_partial_is_discarded_with_the_reason() {
        let found = candidates(&[
            "Answer {{tiket}}.\n{{> sign}}",
            "Answer {{ticket}}.",
            "Answer {{#if ticket}}{{ticket}}{{/if}}.\n{{> sign}}",
            "Answer {{ticket}} {{#each}}.\n{{> sign}}",
        ]);
        let reasons: Vec<Option<&str>> = found.iter().map(|c| c.discarded.as_deref()).collect();
        assert_eq!(reasons[0], Some("drops the input variable(s) `ticket`"));
        assert_eq!(reasons[1], Some("drops the partial(s) `sign`"));
        assert_eq!(reasons[2], None);
        assert!(
            reasons[3].unwrap().starts_with("template error"),
            "{reasons:?}"
        );
    }

    #[test]
    fn the_spec_compares_the_current_version_with_the_surviving_candidates_only() {
        let found = candidates(&[
            "Reply: {{ticket}}\n{{> sign}}",
            "Reply: {{tiket}}\n{{> sign}}",
        ]);
        let spec = experiment_spec("support/reply", &found, "datasets/tickets.jsonl", None);
        let parsed =
            crate::experiment::spec::Spec::parse(std::path::Path::new("experiments/x.yaml"), &spec);
        assert!(parsed.is_ok(), "{spec}\n{parsed:?}");
        assert!(spec.contains("  - id: improve-1\n    prompt: support/reply.improve-1\n"));
        assert!(!spec.contains("improve-2"));
        assert!(
            spec.contains("cases per arm detect a 20-point change"),
            "{spec}"
        );
    }
}
