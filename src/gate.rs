//! The release gate: lint, scan and policies over exactly the content being released.
//!
//! A release pins committed blobs, not the working tree, so checking the working tree would
//! prove nothing: the gate lints the prompt as committed at the pinned commit (cross-file rules
//! see that commit's library), scans the committed text and its rendering with that commit's
//! partials (secrets, PII, injection, policy content rules), and applies the policy engine's
//! residency rules. Findings at or above the environment's `fail_on` (`release.environments.<env>
//! .fail_on`, else `release.fail_on`, else `error`) refuse the release; the store records a
//! forced release's reason and findings in its commit message.
//!
//! A protected environment (`approvals.environments.<env>`) also needs the approvals its policy
//! asks for, of exactly the content pinned (see [`crate::approval`]); missing approvals refuse
//! the release and, unlike findings, cannot be forced.
//!
//! It implements [`ReleaseGuard`], so the store knows nothing of lint, scanning or policies, and
//! those modules know nothing of git.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::finding::{Finding, Severity};
use crate::library::Library;
use crate::lint::{LintOptions, lint_library};
use crate::project::Project;
use crate::prompt::FrontMatter;
use crate::scan::policy::ResidencyGuard;
use crate::scan::{ScanInput, ScanOptions, scan};
use crate::store::Repo;
use crate::store::release::{Candidate, ReleaseGuard};

/// The checks a version must pass before it is pinned.
pub struct ReleaseGate<'a> {
    project: &'a Project,
    scan_options: &'a ScanOptions,
    /// Libraries already read, by commit: a promotion pins many prompts from few commits.
    libraries: Mutex<HashMap<String, Arc<Library>>>,
    /// The approvals committed at HEAD, read once for every prompt of a release.
    ledger: Mutex<Option<Arc<crate::approval::Ledger>>>,
}

impl std::fmt::Debug for ReleaseGate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReleaseGate").finish_non_exhaustive()
    }
}

impl<'a> ReleaseGate<'a> {
    /// A gate with the project's lint configuration and these scan options (rules, allowlists,
    /// policies, regions).
    pub fn new(project: &'a Project, scan_options: &'a ScanOptions) -> ReleaseGate<'a> {
        ReleaseGate {
            project,
            scan_options,
            libraries: Mutex::new(HashMap::new()),
            ledger: Mutex::new(None),
        }
    }

    fn library_at(&self, repo: &Repo, commit: &str) -> Result<Arc<Library>, String> {
        let mut cache = self
            .libraries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(library) = cache.get(commit) {
            return Ok(Arc::clone(library));
        }
        let library = Arc::new(repo.library_at(commit).map_err(|e| e.to_string())?);
        cache.insert(commit.to_owned(), Arc::clone(&library));
        Ok(library)
    }
}

impl ReleaseGuard for ReleaseGate<'_> {
    fn refusals(&self, name: &str, front_matter: &FrontMatter, environment: &str) -> Vec<String> {
        ResidencyGuard {
            policies: &self.scan_options.policies,
            context: &self.scan_options.policy_context,
        }
        .refusals(name, front_matter, environment)
    }

    fn gate(&self, repo: &Repo, candidate: &Candidate<'_>) -> Result<Vec<String>, String> {
        let written = self.project.config.release.fail_on(candidate.environment);
        let threshold = Severity::parse(written).ok_or_else(|| {
            format!(
                "the release threshold for `{}` is `{written}`; use info, warning or error",
                candidate.environment
            )
        })?;
        let relative = PathBuf::from(repo.project_relative(candidate.path));
        let library = self.library_at(repo, candidate.commit)?;
        let lint = lint_library(
            self.project,
            &library,
            &LintOptions {
                paths: vec![relative.clone()],
            },
        )
        .map_err(|e| e.to_string())?;
        // Partials and bases come from the same commit's library.
        let scanned = scan(
            &[ScanInput {
                path: relative,
                text: candidate.text.to_owned(),
                commit: None,
            }],
            self.scan_options,
            Some(&*library),
        );
        let short = &candidate.commit[..candidate.commit.len().min(7)];
        Ok(lint
            .findings
            .iter()
            .chain(scanned.findings.iter().map(|f| &f.finding))
            .filter(|f| f.severity >= threshold)
            .map(|f| describe(short, f))
            .collect())
    }

    fn missing_approvals(
        &self,
        repo: &Repo,
        candidate: &Candidate<'_>,
    ) -> Result<Vec<String>, String> {
        if self
            .project
            .config
            .approvals
            .policy(candidate.environment)
            .is_none()
        {
            return Ok(Vec::new());
        }
        let ledger = {
            let mut cached = self
                .ledger
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(ledger) = &*cached {
                Arc::clone(ledger)
            } else {
                let read =
                    Arc::new(crate::approval::Ledger::read(repo).map_err(|e| e.to_string())?);
                *cached = Some(Arc::clone(&read));
                read
            }
        };
        let verdict = crate::approval::verdict(
            repo,
            &ledger,
            candidate.name,
            candidate.environment,
            Some(candidate.commit),
        )
        .map_err(|e| e.to_string())?;
        Ok(verdict.and_then(|v| v.missing()).into_iter().collect())
    }
}

/// `abc1234:prompts/x.prompt:3:7: error secret/openai-key: message` (scan messages are masked).
fn describe(commit: &str, finding: &Finding) -> String {
    let location = &finding.location;
    format!(
        "{commit}:{}:{}:{}: {} {}: {}",
        location.path.display(),
        location.line,
        location.column,
        finding.severity,
        finding.rule,
        finding.message
    )
}
