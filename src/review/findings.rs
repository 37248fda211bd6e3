//! Lint and scan findings that a range adds: what the pull request introduced, not what the
//! library already had.
//!
//! Both ends are linted and scanned whole, as committed (cross-file rules see each end's
//! library, renders use each end's partials). A finding is new when no finding at the base has
//! the same key, and the key leaves line numbers out, so text moving down a file does not make
//! an old finding look new: lint findings are keyed by rule, path and message, scan findings by
//! their fingerprint (rule, path and the matched text). Keys are counted, so a second copy of a
//! finding the base already has is new.

use crate::check::KnownFindings;
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
    // Counted, not just present: a second copy of a finding the base has is new.
    let mut known_lint = KnownFindings::default();
    for f in &base_lint {
        known_lint.add_finding(f);
    }
    let mut known_scan = KnownFindings::default();
    for f in &base_scan {
        known_scan.add_scan(f);
    }
    let mut lint: Vec<Finding> = head_lint
        .into_iter()
        .filter(|f| !known_lint.take_finding(f))
        .collect();
    sort_findings(&mut lint);
    let mut scan: Vec<ScanFinding> = head_scan
        .into_iter()
        .filter(|f| !known_scan.take_scan(f))
        .collect();
    scan.sort_by(|a, b| {
        a.finding
            .location
            .cmp(&b.finding.location)
            .then_with(|| a.finding.rule.cmp(&b.finding.rule))
    });
    // What is left at the base was not matched at HEAD: fixed.
    let fixed = known_lint.remaining() + known_scan.remaining();
    Ok(NewFindings { lint, scan, fixed })
}
