//! What a reviewer reads about a pull request: every prompt changed in a revision range, what
//! that change reaches, and the evidence for it.
//!
//! [`pr_report`] gathers, for `BASE..HEAD`, all read from the two commits (never the working
//! tree, which a CI checkout or a local edit may make different):
//! - per changed prompt file, the semantic diff ([`crate::store::compare`]) and the breaking
//!   changes, with the prompt rendered before and after on its sample inputs ([`samples`]);
//! - its **impact** ([`impact`]): the environments that pin it or a prompt built on it, the
//!   prompts that reach it through `extends`, partials or `links`, the experiments and datasets
//!   that use it, and which of those no longer render or validate at HEAD — checked by rendering
//!   and validating, not guessed from the diff;
//! - the lint and scan findings that are new in the range ([`findings`]);
//! - the experiment results committed in the range, analysed, or the absence of any ([`evidence`]).
//!
//! Secrets in anything the report quotes are masked, as the scanner masks its excerpts.
//!
//! The report is data; how it reads (Markdown for a comment, JSON for tools, what to drop to fit
//! a comment's size limit) is the CLI's business.

pub mod evidence;
pub mod findings;
pub mod impact;
pub mod samples;

use std::collections::BTreeMap;

use crate::library::Library;
use crate::project::Project;
use crate::prompt::PromptName;
use crate::prompt::diff::PromptDiff;
use crate::scan::ScanOptions;
use crate::store::Repo;
use crate::store::compare::{self, FileDiff};
use crate::store::range::Range;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading git failed.
    #[error("cannot read {context}")]
    Store {
        /// What was being read.
        context: String,
        /// What the store said.
        #[source]
        source: crate::store::Error,
    },
    /// The lint configuration is wrong.
    #[error("cannot lint the library at {commit}")]
    Lint {
        /// The commit (short).
        commit: String,
        /// What lint said.
        #[source]
        source: crate::lint::Error,
    },
}

/// Secrets in text the report shows (file text, renders, messages) are masked: a key planted in
/// a pull request must not be repeated in its comment or in a CI log.
pub(crate) fn mask(text: &str) -> String {
    crate::scan::mask::mask_secrets(text).into_owned()
}

fn store(context: impl Into<String>) -> impl FnOnce(crate::store::Error) -> Error {
    let context = context.into();
    move |source| Error::Store { context, source }
}

/// What the report covers beyond the defaults.
#[derive(Debug, Clone)]
pub struct Options {
    /// Dataset cases rendered before and after per dataset that uses a changed prompt.
    pub cases_per_dataset: usize,
    /// Scan rules, allowlists and policies (from the project's configuration).
    pub scan: ScanOptions,
}

/// The whole report for a range.
#[derive(Debug, Clone)]
pub struct PrReport {
    /// The range as written and resolved.
    pub range: Range,
    /// The abbreviated commits of its ends.
    pub short: (String, String),
    /// One entry per prompt or partial file changed, sorted by path.
    pub prompts: Vec<PromptReport>,
    /// Findings new in the range.
    pub findings: findings::NewFindings,
    /// Experiment results committed in the range, or their absence.
    pub evidence: evidence::Evidence,
}

impl PrReport {
    /// Every breaking change, as `(file id, reason)`.
    pub fn breaking(&self) -> Vec<(&str, &str)> {
        self.prompts
            .iter()
            .flat_map(|p| {
                p.breaking
                    .iter()
                    .map(|b| (p.file.name.as_str(), b.as_str()))
            })
            .collect()
    }

    /// Whether anything the change reaches fails at HEAD that worked at the base: a dependent
    /// that no longer renders, or a dataset with cases that no longer validate.
    pub fn has_regressions(&self) -> bool {
        self.prompts.iter().any(|p| p.impact.has_regressions())
    }
}

/// One changed prompt or partial file.
#[derive(Debug, Clone)]
pub struct PromptReport {
    /// Its semantic diff, name, path and status.
    pub file: FileDiff,
    /// Changes that break callers or consumers, one sentence each.
    pub breaking: Vec<String>,
    /// The prompt rendered before and after on its sample inputs.
    pub samples: Vec<samples::Sample>,
    /// What the change reaches.
    pub impact: impact::Impact,
    /// Its owners at HEAD (front matter, else folder and project defaults).
    pub owners: Vec<String>,
    /// Its approvals per protected environment, with pending requests (empty when no
    /// environment is protected).
    pub approvals: Vec<crate::approval::Verdict>,
}

/// Both ends of the range, loaded once.
pub(crate) struct Sides {
    pub(crate) base: Library,
    pub(crate) head: Library,
    pub(crate) experiments: Vec<impact::ExperimentFile>,
    /// Datasets read at HEAD by path (problems kept as text: a broken dataset is a finding).
    pub(crate) datasets: BTreeMap<String, Result<crate::experiment::dataset::Dataset, String>>,
}

/// Builds the report for a resolved range.
pub fn pr_report(
    project: &Project,
    repo: &Repo,
    range: &Range,
    options: &Options,
) -> Result<PrReport, Error> {
    let short = range.short_ends(repo);
    let diff = compare::diff_resolved_with(repo, range, &|text| mask(&text))
        .map_err(store("the changed prompts"))?;
    let base = repo
        .library_at(&range.from_commit)
        .map_err(store(format!("the library at {}", short.0)))?;
    let head = repo
        .library_at(&range.to_commit)
        .map_err(store(format!("the library at {}", short.1)))?;
    let experiments = impact::experiments_at(repo, &range.to_commit)
        .map_err(store(format!("the experiments at {}", short.1)))?;
    let datasets = impact::datasets_at(repo, &range.to_commit, &experiments, &head)
        .map_err(store(format!("the datasets at {}", short.1)))?;
    let sides = Sides {
        base,
        head,
        experiments,
        datasets,
    };
    let environments =
        impact::Environments::read(repo, range).map_err(store("the environment files"))?;
    let graph = impact::Graph::build(&sides.head);
    let mut prompts = Vec::new();
    for file in diff.files {
        let Some(name) = repo.name_of_path(&file.path) else {
            continue;
        };
        let impact = impact::impact_of(&name, &sides, &graph, &environments);
        let samples = samples::samples_of(&name, &sides, &impact, options.cases_per_dataset);
        let owners = sides
            .head
            .get(&name)
            .and_then(|entry| entry.document.as_ref().ok())
            .map(|document| {
                crate::owners::effective_owners(repo.config(), &name, &document.front_matter).0
            })
            .unwrap_or_default();
        // Approvals are judged as of HEAD, which is the range's end in a pull-request checkout;
        // partials and deleted prompts have none.
        let approvals = if name.kind == crate::prompt::FileKind::Prompt
            && sides.head.get(&name).is_some()
            && !repo.config().approvals.environments.is_empty()
        {
            crate::approval::status(repo, &[crate::library::display_id(&name)], None)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        prompts.push(PromptReport {
            owners,
            approvals,
            breaking: breaking_changes(&file.diff),
            file,
            samples,
            impact,
        });
    }
    let mut findings = findings::new_findings(project, &sides, &options.scan, &short)?;
    // Paths as the repository names them, so a comment's locations match the PR's files when
    // the project is a sub-folder.
    let to_repo = |location: &mut crate::finding::Location| {
        location.path =
            std::path::PathBuf::from(repo.project_path(&crate::scan::slash_path(&location.path)));
    };
    findings
        .lint
        .iter_mut()
        .for_each(|f| to_repo(&mut f.location));
    findings
        .scan
        .iter_mut()
        .for_each(|f| to_repo(&mut f.finding.location));
    let changed: Vec<PromptName> = prompts
        .iter()
        .filter_map(|p| repo.name_of_path(&p.file.path))
        .collect();
    let evidence = evidence::evidence(repo, range, &sides, &changed)
        .map_err(store("the experiment results"))?;
    Ok(PrReport {
        range: range.clone(),
        short,
        prompts,
        findings,
        evidence,
    })
}

/// The input-schema breaks the diff found, plus output-schema changes: code that parses the
/// output by the old schema may break.
pub fn breaking_changes(diff: &PromptDiff) -> Vec<String> {
    let mut out = diff.breaking.clone();
    let output: Vec<&str> = diff
        .fields
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| *p == "output" || p.starts_with("output.schema") || *p == "output.format")
        .collect();
    if !output.is_empty() {
        let keys: Vec<String> = output.iter().map(|p| format!("`{p}`")).collect();
        out.push(format!(
            "the output schema changed ({}): code that parses the output may break",
            keys.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::PromptDocument;
    use crate::prompt::diff::diff_documents;

    #[test]
    fn output_schema_changes_are_breaking() {
        let old = PromptDocument::parse(
            "---\noutput:\n  format: json\n  schema:\n    label: string\n---\nx\n",
        )
        .unwrap();
        let new = PromptDocument::parse(
            "---\noutput:\n  format: json\n  schema:\n    category: string\n---\nx\n",
        )
        .unwrap();
        let breaking = breaking_changes(&diff_documents(&old, &new));
        assert_eq!(breaking.len(), 1, "{breaking:?}");
        assert!(
            breaking[0].contains("output schema changed"),
            "{breaking:?}"
        );
        assert!(
            breaking[0].contains("`output.schema.label`"),
            "{breaking:?}"
        );
        assert!(breaking_changes(&diff_documents(&old, &old)).is_empty());
    }
}
