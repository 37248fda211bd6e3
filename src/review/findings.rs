//! Lint and scan findings that a range adds: what the pull request introduced, not what the
//! library already had.
//!
//! Both ends are linted and scanned whole, as committed (cross-file rules see each end's
//! library, renders use each end's partials). A finding is new when no finding at the base has
//! the same key, and the key leaves line numbers out, so text moving down a file does not make
//! an old finding look new: lint findings are keyed by rule, path and message, scan findings by
//! their fingerprint (rule, path and the matched text).

use std::collections::HashSet;
use std::path::PathBuf;

use crate::finding::{Finding, sort_findings};
use crate::library::Library;
use crate::lint::{LintOptions, lint_library};
use crate::project::Project;
use crate::review::{Error, Sides};
use crate::scan::{ScanFinding, ScanInput, ScanOptions, scan};

/// Findings at HEAD that the base does not have.
#[derive(Debug, Clone, Default)]
pub struct NewFindings {
    /// New lint findings, sorted by location.
    pub lint: Vec<Finding>,
    /// New scan findings (excerpts masked), sorted by location.
    pub scan: Vec<ScanFinding>,
    /// Findings at the base that HEAD no longer has.
    pub fixed: usize,
}

fn lint_key(f: &Finding) -> (String, PathBuf, String) {
    (f.rule.clone(), f.location.path.clone(), f.message.clone())
}

fn lint_at(project: &Project, library: &Library, commit: &str) -> Result<Vec<Finding>, Error> {
    lint_library(project, library, &LintOptions::default())
        .map(|report| report.findings)
        .map_err(|source| Error::Lint {
            commit: commit.to_owned(),
            source,
        })
}

fn scan_at(library: &Library, options: &ScanOptions) -> Vec<ScanFinding> {
    let inputs: Vec<ScanInput> = library
        .entries
        .iter()
        .map(|entry| ScanInput {
            path: entry.path.clone(),
            text: entry.text.clone(),
            commit: None,
        })
        .collect();
    scan(&inputs, options, Some(library)).findings
}

/// Lints and scans both ends and keeps what is new at HEAD.
pub(crate) fn new_findings(
    project: &Project,
    sides: &Sides,
    options: &ScanOptions,
    short: &(String, String),
) -> Result<NewFindings, Error> {
    let (base_lint, head_lint) = (
        lint_at(project, &sides.base, &short.0)?,
        lint_at(project, &sides.head, &short.1)?,
    );
    let (base_scan, head_scan) = (scan_at(&sides.base, options), scan_at(&sides.head, options));
    let old_lint: HashSet<_> = base_lint.iter().map(lint_key).collect();
    let new_lint_keys: HashSet<_> = head_lint.iter().map(lint_key).collect();
    let old_scan: HashSet<&str> = base_scan.iter().map(|f| f.fingerprint.as_str()).collect();
    let new_scan_keys: HashSet<&str> = head_scan.iter().map(|f| f.fingerprint.as_str()).collect();
    let fixed =
        old_lint.difference(&new_lint_keys).count() + old_scan.difference(&new_scan_keys).count();
    let mut lint: Vec<Finding> = head_lint
        .into_iter()
        .filter(|f| !old_lint.contains(&lint_key(f)))
        .collect();
    sort_findings(&mut lint);
    let mut scan: Vec<ScanFinding> = head_scan
        .iter()
        .filter(|f| !old_scan.contains(f.fingerprint.as_str()))
        .cloned()
        .collect();
    scan.sort_by(|a, b| {
        a.finding
            .location
            .cmp(&b.finding.location)
            .then_with(|| a.finding.rule.cmp(&b.finding.rule))
    });
    Ok(NewFindings { lint, scan, fixed })
}
