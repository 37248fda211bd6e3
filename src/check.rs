//! `check`: the one verdict CI asks for — lint, scan, policies and release rules over what
//! changed, judged against a base so a pull request answers only for what it adds.
//!
//! Why one command rather than three steps in a workflow: three steps give three exit codes,
//! three output formats and three ideas of "changed", and none of them knows that a finding was
//! already on the base branch. `check` reads the working tree once, decides the scope once, and
//! classifies every finding:
//!
//! - **Scope.** By default the files that differ from the base (the merge base of `--base` and
//!   HEAD, else HEAD itself: uncommitted and untracked files); `--all` checks every file. Lint
//!   always reads the whole library, because a change to a partial breaks the prompts that use
//!   it: with a base, a finding the change introduced anywhere is reported, wherever it sits.
//! - **New or existing.** With a base, the same checks run over the base's content and each
//!   finding is matched by a key that survives line shifts (lint: rule, path and message; scan:
//!   its fingerprint of rule, path and matched text; as a multiset, so a second copy of a known
//!   secret is new). Existing findings are reported as such and never fail the run.
//! - **Lifecycle.** A status changed since the base in a way `lifecycle.transitions` does not
//!   allow is an error; a `deprecated` prompt that an environment still pins is a warning.
//! - **Release rules.** For every prompt pinned in an environment, the residency policies are
//!   checked against its current front matter (the next `release` would refuse a violation),
//!   and lint and scan findings at or above that environment's release threshold are marked as
//!   blocking its next release. A prompt pinned in a protected environment whose committed
//!   content (prompt, bases, partials) changed since the pin and lacks the approvals the
//!   environment asks for is an `approval/missing` warning: the next release would be refused.
//!
//! Paths in the report are relative to the git repository root (not the project), so GitHub
//! places annotations and code-scanning alerts even when the project is a sub-folder.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::finding::{Finding, Location, Severity};
use crate::library::{FsLoader, Library};
use crate::lint::{self, LintOptions};
use crate::project::Project;
use rayon::prelude::*;

use crate::scan::{self, ScanFinding, ScanInput, ScanOptions, files};
use crate::store::Repo;
use crate::store::base::BaseTree;
use crate::store::release;

/// What to check and against what.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check every file, not only the changed ones.
    pub all: bool,
    /// Judge findings against this revision (its merge base with HEAD).
    pub base: Option<String>,
    /// One threshold for every tool; `None` uses each tool's configured one.
    pub fail_on: Option<Severity>,
}

/// Which check produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tool {
    /// `lint` rules.
    Lint,
    /// `scan` rules: secrets, PII, injection, policy content rules.
    Scan,
    /// Release rules: residency policies for pinned prompts, and the status lifecycle.
    Release,
}

impl Tool {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Lint => "lint",
            Tool::Scan => "scan",
            Tool::Release => "release",
        }
    }
}

/// Whether a finding is the change's doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Novelty {
    /// Not at the base: introduced by the change.
    New,
    /// Already at the base: reported, never fails the run.
    Existing,
    /// No base was given, so every finding counts.
    Unjudged,
}

impl Novelty {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Existing => "existing",
            Novelty::Unjudged => "unjudged",
        }
    }
}

/// One finding with its verdict.
#[derive(Debug, Clone)]
pub struct Judged<T> {
    /// The finding (paths relative to the repository root).
    pub item: T,
    /// New, existing or unjudged.
    pub novelty: Novelty,
    /// Environments whose next release of this prompt this finding would block.
    pub blocks_release: Vec<String>,
}

/// The base a check was judged against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseInfo {
    /// The revision as written.
    pub revision: String,
    /// The merge base compared with (hex; empty before the first commit).
    pub commit: String,
}

/// The thresholds that decide the exit status, per tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Lint's (`--fail-on`, else `lint.fail_on`, else error).
    pub lint: Severity,
    /// Scan's (`--fail-on`, else `scan.fail_on`, else warning).
    pub scan: Severity,
    /// Release rules' (`--fail-on`, else error).
    pub release: Severity,
}

impl Thresholds {
    /// The threshold of one tool.
    pub fn of(&self, tool: Tool) -> Severity {
        match tool {
            Tool::Lint => self.lint,
            Tool::Scan => self.scan,
            Tool::Release => self.release,
        }
    }
}

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Lint findings.
    pub lint: Vec<Judged<Finding>>,
    /// Scan findings (masked excerpts only).
    pub scan: Vec<Judged<ScanFinding>>,
    /// Release-rule findings.
    pub release: Vec<Judged<Finding>>,
    /// Whether every file was in scope (`--all`).
    pub all: bool,
    /// What "changed" was measured against (HEAD without `--base`); `None` outside git.
    pub base: Option<BaseInfo>,
    /// Whether findings were judged new or existing (a base was given).
    pub judged: bool,
    /// Files in scope (repository paths), sorted.
    pub files: Vec<String>,
    /// Files that could not be checked (binary, too large, unreadable), and why.
    pub skipped: Vec<files::Skipped>,
    /// The thresholds applied.
    pub thresholds: Thresholds,
}

impl CheckReport {
    /// Every finding as (tool, finding, novelty, environments it blocks), in report order.
    pub fn all_findings(&self) -> impl Iterator<Item = (Tool, &Finding, Novelty)> {
        let lint = self.lint.iter().map(|j| (Tool::Lint, &j.item, j.novelty));
        let scan = self
            .scan
            .iter()
            .map(|j| (Tool::Scan, &j.item.finding, j.novelty));
        let release = self
            .release
            .iter()
            .map(|j| (Tool::Release, &j.item, j.novelty));
        lint.chain(scan).chain(release)
    }

    /// Whether a finding counts toward the verdict: not existing at the base, and at or above
    /// its tool's threshold.
    pub fn counts(&self, tool: Tool, finding: &Finding, novelty: Novelty) -> bool {
        novelty != Novelty::Existing && finding.severity >= self.thresholds.of(tool)
    }

    /// Whether the check fails.
    pub fn fails(&self) -> bool {
        self.all_findings()
            .any(|(tool, finding, novelty)| self.counts(tool, finding, novelty))
    }

    /// How many findings have this novelty.
    pub fn count(&self, novelty: Novelty) -> usize {
        self.all_findings()
            .filter(|(_, _, n)| *n == novelty)
            .count()
    }
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The library could not be read.
    #[error("{0}")]
    Library(#[source] crate::library::Error),
    /// The lint configuration is wrong.
    #[error("{0}")]
    Lint(#[source] lint::Error),
    /// The scan configuration or policies are wrong.
    #[error("{0}")]
    Scan(#[source] scan::Error),
    /// The project's files could not be listed.
    #[error("{0}")]
    Files(#[source] files::Error),
    /// Git could not answer.
    #[error("{0}")]
    Store(#[source] crate::store::Error),
    /// Approvals could not be read.
    #[error("{0}")]
    Approval(#[source] crate::approval::Error),
    /// Only changed files were asked for, but there is no git repository to say what changed.
    #[error("`check` needs a git repository to know what changed")]
    NoRepository,
}

/// Runs every check. `repo` is `None` outside a git repository (only `--all` works there).
pub fn check(
    project: &Project,
    repo: Option<&Repo>,
    scan_options: &ScanOptions,
    options: &CheckOptions,
) -> Result<CheckReport, Error> {
    let thresholds = thresholds(project, options)?;
    if repo.is_none() && (!options.all || options.base.is_some()) {
        return Err(Error::NoRepository);
    }
    let base = repo
        .map(|r| r.base_tree(options.base.as_deref()))
        .transpose()
        .map_err(Error::Store)?;
    let judged = options.base.is_some();

    // The working tree, streamed: each file is read by a worker, judged changed or not and
    // dropped; the files in scope are read again while they are scanned (`scan_files`), so
    // memory holds one file per worker, not the tree.
    let listed = files::list(std::slice::from_ref(&project.root)).map_err(Error::Files)?;
    let change = match (options.all, repo, &base) {
        (false, Some(repo), Some(base)) => Some(repo.change_test(base)),
        _ => None,
    };
    // With nothing to compare against, every file is in scope and is read once, by the scan.
    let mut skipped = Vec::new();
    let mut in_scope: Vec<(PathBuf, PathBuf)> = match &change {
        None => listed
            .iter()
            .map(|file| {
                let shown = file.strip_prefix(&project.root).unwrap_or(file);
                (file.clone(), shown.to_path_buf())
            })
            .collect(),
        Some(change) => {
            let reader = files::Reader::new(&project.root);
            let judged: Vec<Option<Result<(PathBuf, PathBuf), files::Skipped>>> = listed
                .par_iter()
                .map(|file| match reader.read(file) {
                    Err(skip) => Some(Err(skip)),
                    Ok(input) if change.unchanged(&slash(&input.path), input.text.as_bytes()) => {
                        None
                    }
                    Ok(input) => Some(Ok((file.clone(), input.path))),
                })
                .collect();
            let mut changed = Vec::new();
            for r in judged.into_iter().flatten() {
                match r {
                    Ok(pair) => changed.push(pair),
                    Err(skip) => skipped.push(skip),
                }
            }
            changed
        }
    };
    // Untracked files count as changes, but not the ones git ignores (build output, a local
    // virtualenv): they are not part of any commit.
    if let (false, Some(repo), Some(base)) = (options.all, repo, &base) {
        let untracked: Vec<String> = in_scope
            .iter()
            .map(|(_, shown)| slash(shown))
            .filter(|p| !base.contains(p))
            .collect();
        let refs: Vec<&str> = untracked.iter().map(String::as_str).collect();
        let ignored = repo.ignored(&refs).map_err(Error::Store)?;
        in_scope.retain(|(_, shown)| !ignored.contains(&slash(shown)));
    }

    let library = Library::load(project).map_err(Error::Library)?;
    let lint_report =
        lint::lint_library(project, &library, &LintOptions::default()).map_err(Error::Lint)?;
    let loader = FsLoader::new(project);
    let paths: Vec<PathBuf> = in_scope.iter().map(|(file, _)| file.clone()).collect();
    let scan_report = scan::scan_files(&project.root, &paths, scan_options, Some(&loader));
    // Files the scan could not read (binary, too large, changed into one since judged) are
    // skipped, not in scope.
    let unread: HashSet<&Path> = scan_report
        .skipped
        .iter()
        .map(|s| s.path.as_path())
        .collect();
    in_scope.retain(|(_, shown)| !unread.contains(shown.as_path()));
    skipped.extend(scan_report.skipped.iter().cloned());
    let scope: HashSet<String> = in_scope.iter().map(|(_, shown)| slash(shown)).collect();
    let pins = match repo {
        Some(repo) => pinned_prompts(repo).map_err(Error::Store)?,
        None => BTreeMap::new(),
    };
    let mut release_findings = release_findings(&library, scan_options, &pins);
    let base_library = match (repo, &base) {
        (Some(repo), Some(base)) if !base.commit.is_empty() => {
            Some(repo.library_at(&base.commit).map_err(Error::Store)?)
        }
        _ => None,
    };
    release_findings.extend(lifecycle_findings(
        project,
        &library,
        base_library.as_ref(),
        &pins,
    ));

    // The base, when findings are to be judged.
    let base_keys = match (judged, repo, &base) {
        (true, Some(repo), Some(base)) => Some(base_keys(
            project,
            repo,
            base,
            base_library.as_ref(),
            &scope,
            scan_options,
            &pins,
        )?),
        _ => None,
    };
    let (mut lint_known, mut scan_known, mut release_known) = match base_keys {
        Some(k) => (Some(k.lint), Some(k.scan), Some(k.release)),
        None => (None, None, None),
    };

    let to_repo = |path: &Path| -> PathBuf {
        match repo {
            Some(repo) => PathBuf::from(repo.project_path(&slash(path))),
            None => path.to_path_buf(),
        }
    };
    let blocks = |finding: &Finding| -> Vec<String> {
        blocked_environments(project, &pins, finding, &scan_options.prompts_dir)
    };

    let mut lint_out = Vec::new();
    for finding in lint_report.findings {
        let novelty = novelty(lint_known.as_mut(), |k| k.take_finding(&finding));
        let path = slash(&finding.location.path);
        // A finding outside the changed files is the change's doing only when it is new.
        if !options.all && !scope.contains(&path) && novelty != Novelty::New {
            continue;
        }
        let blocks_release = blocks(&finding);
        lint_out.push(Judged {
            item: relocated(finding, &to_repo),
            novelty,
            blocks_release,
        });
    }
    let mut scan_out = Vec::new();
    for mut finding in scan_report.findings {
        let novelty = novelty(scan_known.as_mut(), |k| k.take_scan(&finding));
        let blocks_release = blocks(&finding.finding);
        finding.finding = relocated(finding.finding, &to_repo);
        scan_out.push(Judged {
            item: finding,
            novelty,
            blocks_release,
        });
    }
    let mut release_out = Vec::new();
    for finding in release_findings {
        let path = slash(&finding.location.path);
        if !options.all && !scope.contains(&path) {
            continue;
        }
        let novelty = novelty(release_known.as_mut(), |k| k.take_finding(&finding));
        release_out.push(Judged {
            item: relocated(finding, &to_repo),
            novelty,
            blocks_release: Vec::new(),
        });
    }

    // Whatever the scope: editing a partial changes the content of prompts outside it.
    if let Some(repo) = repo {
        for (finding, environments) in
            crate::approval::check_findings(repo, &pins).map_err(Error::Approval)?
        {
            release_out.push(Judged {
                item: relocated(finding, &to_repo),
                novelty: if judged {
                    Novelty::New
                } else {
                    Novelty::Unjudged
                },
                blocks_release: environments,
            });
        }
    }

    let mut files: Vec<String> = in_scope
        .iter()
        .map(|(_, shown)| slash(&to_repo(shown)))
        .collect();
    files.sort();
    let skipped = skipped
        .into_iter()
        .filter(|s| options.all || scope.contains(&slash(&s.path)) || repo.is_none())
        .map(|s| files::Skipped {
            path: to_repo(&s.path),
            reason: s.reason,
        })
        .collect();
    Ok(CheckReport {
        lint: lint_out,
        scan: scan_out,
        release: release_out,
        all: options.all,
        base: base.map(|b| BaseInfo {
            revision: b.revision,
            commit: b.commit,
        }),
        judged,
        files,
        skipped,
        thresholds,
    })
}

fn thresholds(project: &Project, options: &CheckOptions) -> Result<Thresholds, Error> {
    Ok(match options.fail_on {
        Some(all) => Thresholds {
            lint: all,
            scan: all,
            release: all,
        },
        None => Thresholds {
            lint: lint::fail_threshold(&project.config.lint, None).map_err(Error::Lint)?,
            scan: ScanOptions::fail_on(project).map_err(Error::Scan)?,
            release: Severity::Error,
        },
    })
}

/// Findings seen at a base, as a multiset of keys that survive line shifts: lint and release
/// findings by rule, path and message; scan findings by their fingerprint (rule, path, matched
/// text). `check` and `pr-report` both judge "new" with it.
#[derive(Debug, Clone, Default)]
pub struct KnownFindings {
    counts: HashMap<String, usize>,
}

impl KnownFindings {
    fn finding_key(finding: &Finding) -> String {
        format!(
            "{}\u{0}{}\u{0}{}",
            finding.rule,
            slash(&finding.location.path),
            finding.message
        )
    }

    fn add(&mut self, key: String) {
        *self.counts.entry(key).or_default() += 1;
    }

    fn take(&mut self, key: &str) -> bool {
        match self.counts.get_mut(key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Records a lint or release finding.
    pub fn add_finding(&mut self, finding: &Finding) {
        self.add(Self::finding_key(finding));
    }

    /// Records a scan finding.
    pub fn add_scan(&mut self, finding: &ScanFinding) {
        self.add(finding.fingerprint.clone());
    }

    /// Whether the base had this finding, using up one occurrence: a second copy is new.
    pub fn take_finding(&mut self, finding: &Finding) -> bool {
        self.take(&Self::finding_key(finding))
    }

    /// Whether the base had this scan finding, using up one occurrence.
    pub fn take_scan(&mut self, finding: &ScanFinding) -> bool {
        self.take(&finding.fingerprint)
    }

    /// Base findings not taken: the ones the change fixed.
    pub fn remaining(&self) -> usize {
        self.counts.values().sum()
    }
}

fn novelty(
    known: Option<&mut KnownFindings>,
    was_known: impl FnOnce(&mut KnownFindings) -> bool,
) -> Novelty {
    match known {
        None => Novelty::Unjudged,
        Some(known) => {
            if was_known(known) {
                Novelty::Existing
            } else {
                Novelty::New
            }
        }
    }
}

/// What the base had, per tool.
struct BaseKeys {
    lint: KnownFindings,
    scan: KnownFindings,
    release: KnownFindings,
}

fn base_keys(
    project: &Project,
    repo: &Repo,
    base: &BaseTree,
    library: Option<&Library>,
    scope: &HashSet<String>,
    scan_options: &ScanOptions,
    pins: &BTreeMap<String, Vec<String>>,
) -> Result<BaseKeys, Error> {
    let mut keys = BaseKeys {
        lint: KnownFindings::default(),
        scan: KnownFindings::default(),
        release: KnownFindings::default(),
    };
    // No library: the base is before the first commit, and had nothing.
    let Some(library) = library else {
        return Ok(keys);
    };
    let report =
        lint::lint_library(project, library, &LintOptions::default()).map_err(Error::Lint)?;
    for finding in &report.findings {
        keys.lint.add_finding(finding);
    }
    for finding in release_findings(library, scan_options, pins) {
        keys.release.add_finding(&finding);
    }
    for finding in lifecycle_findings(project, library, None, pins) {
        keys.release.add_finding(&finding);
    }
    // Only the files in scope are scanned at the head, so only their base versions matter.
    let mut inputs = Vec::new();
    for path in scope {
        if !base.contains(path) {
            continue;
        }
        let Some(bytes) = repo.base_file(base, path).map_err(Error::Store)? else {
            continue;
        };
        if let Ok(text) = files::decode(Path::new(path), bytes) {
            inputs.push(ScanInput {
                path: PathBuf::from(path),
                text,
                commit: None,
            });
        }
    }
    let mut options = scan_options.clone();
    options.baseline = None;
    // Partials and bases render from the base's own library.
    for finding in scan::scan(&inputs, &options, Some(library)).findings {
        keys.scan.add_scan(&finding);
    }
    Ok(keys)
}

/// Prompt id → the environments that pin it, from the environment files at HEAD.
fn pinned_prompts(repo: &Repo) -> crate::store::Result<BTreeMap<String, Vec<String>>> {
    let mut pins: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for environment in release::environment_names(repo)? {
        let env = release::load_environment(repo, &environment)?;
        for id in env.prompts.keys() {
            pins.entry(id.clone())
                .or_default()
                .push(environment.clone());
        }
    }
    Ok(pins)
}

/// Residency violations of every pinned prompt in `library`: what the next release of it to
/// each environment would refuse.
fn release_findings(
    library: &Library,
    scan_options: &ScanOptions,
    pins: &BTreeMap<String, Vec<String>>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for entry in library.prompts() {
        let id = crate::library::display_id(&entry.name);
        let Some(environments) = pins.get(&id) else {
            continue;
        };
        let Ok(document) = &entry.document else {
            continue;
        };
        for environment in environments {
            let regions = scan_options
                .policy_context
                .environment_regions
                .get(environment)
                .cloned()
                .unwrap_or_default();
            for violation in scan_options.policies.check_release(
                &entry.name,
                &document.front_matter,
                environment,
                &regions,
            ) {
                out.push(Finding {
                    rule: violation.rule,
                    severity: violation.severity,
                    location: Location::file(entry.path.clone()),
                    message: format!(
                        "pinned in `{environment}`: {}; the next `promptctl release` to `{environment}` will refuse it",
                        violation.message
                    ),
                    hint: Some(
                        "change the prompt's classification or the policy, or stop serving it from that environment"
                            .to_owned(),
                    ),
                });
            }
        }
    }
    out
}

/// Lifecycle rules (`lifecycle:` in promptctl.yaml): a status changed since `base` in a way the
/// configured transitions do not allow (`lifecycle/illegal-transition`, error), and a
/// `deprecated` prompt that an environment still pins (`lifecycle/deprecated-pinned`, warning).
/// A prompt new since the base may start in any status; an unset status counts as the project's
/// default status, else `draft`.
fn lifecycle_findings(
    project: &Project,
    library: &Library,
    base: Option<&Library>,
    pins: &BTreeMap<String, Vec<String>>,
) -> Vec<Finding> {
    let lifecycle = &project.config.lifecycle;
    let default_status = project.config.defaults.status.as_deref().unwrap_or("draft");
    let status_of = |entry: &crate::library::Entry| -> Option<String> {
        let document = entry.document.as_ref().ok()?;
        Some(
            document
                .front_matter
                .status
                .clone()
                .unwrap_or_else(|| default_status.to_owned()),
        )
    };
    let mut out = Vec::new();
    for entry in library.prompts() {
        let Some(status) = status_of(entry) else {
            continue;
        };
        // The `status:` line of the front matter (not a line of the body that happens to match).
        let status_line = entry
            .text
            .lines()
            .enumerate()
            .skip(1)
            .take_while(|(_, l)| l.trim_end() != "---")
            .find(|(_, l)| l.starts_with("status:"))
            .map(|(index, _)| index)
            .filter(|_| entry.text.starts_with("---"));
        let location = match status_line {
            Some(index) => Location::at(entry.path.clone(), index + 1, 1),
            None => Location::file(entry.path.clone()),
        };
        let before = base.and_then(|b| b.get(&entry.name)).and_then(status_of);
        if let Some(before) = before.filter(|b| !lifecycle.allows(b, &status)) {
            let allowed = lifecycle
                .transitions
                .get(&before)
                .filter(|next| !next.is_empty())
                .map_or_else(|| "none".to_owned(), |next| next.join(", "));
            out.push(Finding {
                rule: "lifecycle/illegal-transition".to_owned(),
                severity: Severity::Error,
                location: location.clone(),
                message: format!(
                    "status changed from `{before}` to `{status}`, which the lifecycle does not allow"
                ),
                hint: Some(format!(
                    "from `{before}` a prompt may move to: {allowed} (`lifecycle.transitions` in promptctl.yaml)"
                )),
            });
        }
        let id = crate::library::display_id(&entry.name);
        if let (Some(environments), "deprecated") = (pins.get(&id), status.as_str()) {
            out.push(Finding {
                rule: "lifecycle/deprecated-pinned".to_owned(),
                severity: Severity::Warning,
                location,
                message: format!(
                    "deprecated but still pinned in {}",
                    environments
                        .iter()
                        .map(|e| format!("`{e}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                hint: Some(
                    "pin a replacement in those environments (`promptctl release`) before archiving it"
                        .to_owned(),
                ),
            });
        }
    }
    out
}

/// The environments whose release gate this finding would trip, for a finding in a pinned
/// prompt (path relative to the project root).
fn blocked_environments(
    project: &Project,
    pins: &BTreeMap<String, Vec<String>>,
    finding: &Finding,
    prompts_dir: &str,
) -> Vec<String> {
    let Some(name) = scan::prompt_name_for(&slash(&finding.location.path), prompts_dir) else {
        return Vec::new();
    };
    let Some(environments) = pins.get(&crate::library::display_id(&name)) else {
        return Vec::new();
    };
    environments
        .iter()
        .filter(|env| {
            Severity::parse(project.config.release.fail_on(env))
                .is_some_and(|threshold| finding.severity >= threshold)
        })
        .cloned()
        .collect()
}

fn relocated(mut finding: Finding, to_repo: &dyn Fn(&Path) -> PathBuf) -> Finding {
    finding.location.path = to_repo(&finding.location.path);
    finding
}

fn slash(path: &Path) -> String {
    scan::slash_path(path)
}
