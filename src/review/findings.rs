//! Lint and scan findings that a range adds: what the pull request introduced, not what the
//! library already had.
//!
//! Both ends are linted and scanned whole, as committed (cross-file rules see each end's
//! library, renders use each end's partials). A finding is new when no finding at the base has
//! the same key, and the key leaves line numbers out, so text moving down a file does not make
//! an old finding look new: lint findings are keyed by rule, path and message, scan findings by
//! their fingerprint (rule, path and the matched text). Keys are counted, so a second copy of a
//! finding the base already has is new.

use std::collections::HashMap;
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

fn counts<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> HashMap<K, usize> {
    let mut out = HashMap::new();
    for key in keys {
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// Takes one of `key` from the base's findings; `false` when the base has none left: new.
fn take<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, key: &K) -> bool {
    match counts.get_mut(key) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
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
    // Counted, not just present: a second copy of a finding the base has (the same key pasted
    // into another prompt has another path, but the same key twice in one file does not) is new.
    let mut old_lint = counts(base_lint.iter().map(lint_key));
    let mut old_scan = counts(base_scan.iter().map(|f| f.fingerprint.clone()));
    let mut lint: Vec<Finding> = head_lint
        .into_iter()
        .filter(|f| !take(&mut old_lint, &lint_key(f)))
        .collect();
    sort_findings(&mut lint);
    let mut scan: Vec<ScanFinding> = head_scan
        .into_iter()
        .filter(|f| !take(&mut old_scan, &f.fingerprint))
        .collect();
    scan.sort_by(|a, b| {
        a.finding
            .location
            .cmp(&b.finding.location)
            .then_with(|| a.finding.rule.cmp(&b.finding.rule))
    });
    // What is left at the base was not matched at HEAD: fixed.
    let fixed = old_lint.values().sum::<usize>() + old_scan.values().sum::<usize>();
    Ok(NewFindings { lint, scan, fixed })
}
