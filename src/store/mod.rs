//! Git-backed storage: a prompt's history, version references, safe commits, releases, the
//! audit trail and backups.
//!
//! **Architecture Invariant:** this is the only module that imports `gix`. Everything outside
//! sees [`Repo`], [`history::Version`], [`revision::ResolvedRef`] and [`release::Pin`], with object
//! ids as hex strings.
//!
//! - [`history`]: per-path first-parent history with rename following, version numbers, and the
//!   change index cached under `.git/promptctl/`.
//! - [`revision`]: `name@v3`, `name@<env>`, `name@<rev>`, with errors listing what exists.
//! - [`loader`]: a [`crate::prompt::SourceLoader`] over a git tree, so a past version renders
//!   with the partials it had then.
//! - [`compare`]: the sides of a semantic diff, and the diff of every prompt in a range.
//! - [`range`]: a revision range's ends, the files changed in it, files as committed at an end.
//! - [`commit`]: commits of the paths promptctl owns, with a compare-and-swap ref update.
//! - [`rollback`]: an earlier version written back, optionally committed.
//! - [`release`]: environment files, promotion, status.
//! - [`approval`]: what an approval binds to (the blobs a prompt renders with), and who committed
//!   and signed each approval, as git verifies it.
//! - [`audit`]: who changed and released what, from history.
//! - [`bundle`]: single-file backups (`git bundle`).
//! - [`base`]: the project at a base revision, and which files differ from it (`check --base`).

pub mod approval;
pub mod audit;
pub mod base;
pub mod bundle;
pub mod commit;
mod commit_graph;
pub mod compare;
pub mod history;
pub mod loader;
mod merge_driver;
pub mod range;
pub mod release;
pub mod results;
pub mod revision;
pub mod rollback;
pub mod scan_source;
mod tree;

use std::path::{Path, PathBuf};

use gix::ObjectId;

use crate::project::Project;
use crate::prompt::PromptName;

pub use loader::GitLoader;
pub use merge_driver::{
    ATTRIBUTES_LINE, DIFF_COMMAND, DIFF_TEXTCONV, DiffRegistration, DriverRegistration,
    MERGE_DRIVER_COMMAND, MergeDriverSetup, attributes_with_drivers, install_merge_driver,
    merge_driver_setup,
};
pub use revision::{ResolvedRef, resolve_prompt_ref};

/// Errors reading or writing the repository.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The project is not inside a git repository.
    #[error("`{}` is not inside a git repository", path.display())]
    NotARepository {
        /// Where the search started.
        path: PathBuf,
    },
    /// A git operation failed.
    #[error("git: {context}: {message}")]
    Git {
        /// What promptctl was doing.
        context: String,
        /// What gix said.
        message: String,
    },
    /// The repository has no commits yet.
    #[error("the repository has no commits yet")]
    NoCommits,
    /// No prompt by that name, at HEAD or in history.
    #[error("no prompt named `{name}`{}", did_you_mean(suggestions))]
    UnknownPrompt {
        /// The name asked for.
        name: String,
        /// The closest names that exist.
        suggestions: Vec<String>,
    },
    /// The prompt has no committed versions.
    #[error("`{name}` has no committed versions yet")]
    NoVersions {
        /// The prompt.
        name: String,
    },
    /// `name@vN` with N out of range.
    #[error("`{name}` has no version v{wanted}: it has {}", version_range(*available))]
    UnknownVersion {
        /// The prompt.
        name: String,
        /// The version asked for.
        wanted: usize,
        /// How many versions exist.
        available: usize,
    },
    /// `name@ref` where ref is neither a version, an environment nor a git revision.
    #[error(
        "`{reference}` is not a version of `{name}` ({}), an environment ({}) or a git revision",
        version_range(*versions),
        if environments.is_empty() { "none released yet".to_owned() } else { environments.join(", ") }
    )]
    UnknownRef {
        /// The prompt.
        name: String,
        /// The reference as written.
        reference: String,
        /// How many versions the prompt has.
        versions: usize,
        /// The environments that exist.
        environments: Vec<String>,
    },
    /// The prompt does not exist at the resolved revision.
    #[error("`{name}` does not exist at `{reference}` (no `{path}` in that tree)")]
    NotAtRevision {
        /// The prompt.
        name: String,
        /// The reference as written.
        reference: String,
        /// The path looked up.
        path: String,
    },
    /// The prompt is not released to the environment.
    #[error("`{name}` is not released to `{environment}`")]
    NotReleased {
        /// The prompt.
        name: String,
        /// The environment.
        environment: String,
    },
    /// No environment file by that name.
    #[error("no environment `{environment}` (known: {})", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownEnvironment {
        /// The environment asked for.
        environment: String,
        /// The environments that exist.
        known: Vec<String>,
    },
    /// An environment file could not be parsed.
    #[error("invalid environment file `{path}`: {message}")]
    InvalidEnvironment {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A prompt's status does not allow releasing it to the environment.
    #[error(
        "`{name}` has status `{}`, which may not be released to `{environment}` (allowed: {})",
        status.as_deref().unwrap_or("none"),
        allowed.join(", ")
    )]
    NotReleasable {
        /// The prompt.
        name: String,
        /// Its status as written.
        status: Option<String>,
        /// The environment.
        environment: String,
        /// Statuses that may be released there.
        allowed: Vec<String>,
    },
    /// A release guard (the policy engine's residency rules) refused the prompt.
    #[error("`{name}` may not be released to `{environment}`: {}", reasons.join("; "))]
    ReleaseRefused {
        /// The prompt.
        name: String,
        /// The environment.
        environment: String,
        /// Why, one reason per violated rule.
        reasons: Vec<String>,
    },
    /// The content being released has findings at or above the environment's `fail_on`.
    #[error(
        "the release gate of `{environment}` refuses {} finding{}:\n{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        findings.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
    )]
    GateFailed {
        /// The environment.
        environment: String,
        /// The blocking findings, one line each.
        findings: Vec<String>,
    },
    /// The release gate's checks could not run on a prompt.
    #[error("the release gate could not check `{name}`: {message}")]
    GateUnavailable {
        /// The prompt.
        name: String,
        /// Why.
        message: String,
    },
    /// The files a prompt renders with could not all be read (a missing partial, say).
    #[error("cannot read what `{name}` renders with: {message}")]
    Unrenderable {
        /// The prompt.
        name: String,
        /// The render error, with its file, line and column.
        message: String,
    },
    /// Approvals a protected environment requires are missing.
    #[error(
        "`{environment}` is protected and approvals are missing:\n{}",
        missing.iter().map(|m| format!("  {m}")).collect::<Vec<_>>().join("\n")
    )]
    ApprovalsMissing {
        /// The environment.
        environment: String,
        /// What is missing, one line per prompt.
        missing: Vec<String>,
    },
    /// A committed prompt file does not parse.
    #[error("{path}:{line}:{column}: {message}")]
    InvalidPrompt {
        /// The file, as `rev:path`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A merge, rebase, cherry-pick or similar is in progress.
    #[error("a {operation} is in progress; promptctl will not commit now")]
    OperationInProgress {
        /// What git is in the middle of.
        operation: String,
    },
    /// HEAD is detached.
    #[error("HEAD is detached; promptctl commits only to a branch")]
    DetachedHead,
    /// The target file has edits that are not committed.
    #[error("`{path}` has {kind} changes; promptctl will not overwrite them")]
    UncommittedChanges {
        /// The file.
        path: String,
        /// `unstaged` or `staged`.
        kind: &'static str,
    },
    /// No author/committer identity is configured.
    #[error("no git identity is configured (user.name and user.email)")]
    NoIdentity,
    /// A branch named like a folder of the one to create (`improve` for `improve/x`) exists,
    /// and git cannot keep both.
    #[error(
        "cannot create the branch `{wanted}`: the branch `{blocking}` exists, and git cannot have both"
    )]
    BranchBlocked {
        /// The branch that was to be created.
        wanted: String,
        /// The existing branch in its way.
        blocking: String,
    },
    /// The branch moved while promptctl was committing, too many times.
    #[error("`{branch}` kept moving while promptctl was committing; nothing was changed")]
    ConcurrentUpdate {
        /// The branch.
        branch: String,
    },
    /// Another process (git or promptctl) holds a lock (`index.lock`, `config.lock`) for longer
    /// than promptctl waits.
    #[error("another git process holds `{}` (waited over 10 s)", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
    },
    /// A file could not be read or written.
    #[error("cannot access `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An external `git` command failed (bundles).
    #[error("`git {command}` failed: {message}")]
    GitCommand {
        /// The arguments.
        command: String,
        /// Its stderr.
        message: String,
    },
    /// A date given to a filter could not be read.
    #[error("cannot read the date `{text}`: {message}")]
    InvalidDate {
        /// The text.
        text: String,
        /// Why.
        message: String,
    },
    /// A prompt or environment name would lead outside the repository.
    #[error(transparent)]
    PathEscape(#[from] crate::confine::PathEscape),
    /// The folder to restore into already holds files.
    #[error("`{}` exists and is not an empty folder", path.display())]
    TargetNotEmpty {
        /// The folder.
        path: PathBuf,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        format!(" (did you mean {}?)", list.join(", "))
    }
}

fn version_range(n: usize) -> String {
    match n {
        0 => "no committed versions".to_owned(),
        1 => "only v1".to_owned(),
        n => format!("v1–v{n}"),
    }
}

impl Error {
    /// Whether the error is about the user's input (a name, ref or file) rather than git itself.
    pub fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            Error::UnknownPrompt { .. }
                | Error::NoVersions { .. }
                | Error::UnknownVersion { .. }
                | Error::UnknownRef { .. }
                | Error::NotAtRevision { .. }
                | Error::NotReleased { .. }
                | Error::UnknownEnvironment { .. }
                | Error::InvalidEnvironment { .. }
                | Error::NotReleasable { .. }
                | Error::ReleaseRefused { .. }
                | Error::GateUnavailable { .. }
                | Error::Unrenderable { .. }
                | Error::InvalidPrompt { .. }
                | Error::InvalidDate { .. }
                | Error::PathEscape(_)
        )
    }

    /// Whether the release gate refused findings (exit 1, like any check that found problems).
    pub fn is_gate_failure(&self) -> bool {
        matches!(
            self,
            Error::GateFailed { .. } | Error::ApprovalsMissing { .. }
        )
    }

    /// Whether the error is about how the command was called (a target that is in the way).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::TargetNotEmpty { .. })
    }

    /// Whether the error is a file-system failure.
    pub fn is_io(&self) -> bool {
        matches!(self, Error::Io { .. })
    }

    /// Advice for fixing the error, when there is something specific to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoIdentity => Some(
                "set it with `git config user.name \"Your Name\"` and `git config user.email you@example.com`"
                    .to_owned(),
            ),
            Error::DetachedHead => {
                Some("switch to a branch first (`git switch <branch>`), or pass `--allow-detached`".to_owned())
            }
            Error::OperationInProgress { .. } => {
                Some("finish or abort it first (`git status` says how)".to_owned())
            }
            Error::UncommittedChanges { path, .. } => Some(format!(
                "commit or stash them first (`git stash push -- {path}`)"
            )),
            Error::UnknownVersion { name, .. } | Error::UnknownRef { name, .. } => {
                Some(format!("`promptctl log {name}` lists its versions"))
            }
            Error::NotReleasable { .. } => Some(
                "set `status: active` in the prompt, or allow the status under `release.statuses` in promptctl.yaml"
                    .to_owned(),
            ),
            Error::GateFailed { environment, .. } => Some(format!(
                "fix them and commit, or release anyway with `--force \"why it is safe\"` (the reason is \
                 recorded in the release commit); the threshold is `release.environments.{environment}.fail_on` \
                 (or `release.fail_on`) in promptctl.yaml"
            )),
            Error::ApprovalsMissing { environment, .. } => Some(format!(
                "approvers run `promptctl review approve NAME --env {environment}` (it commits the approval); \
                 `promptctl review status --all` shows who may approve (`approvals.environments.\
                 {environment}` in promptctl.yaml); approvals cannot be forced"
            )),
            Error::ReleaseRefused { .. } => Some(
                "`promptctl policy list` shows the rules; set the environment's regions under `release.environments.<env>.regions` in promptctl.yaml"
                    .to_owned(),
            ),
            Error::NotARepository { .. } => Some("run `git init` first".to_owned()),
            Error::Locked { path } => Some(format!(
                "run the command again when it is done; if no git process is running, one that \
                 crashed left the lock behind: remove `{}`",
                path.display()
            )),
            Error::ConcurrentUpdate { .. } => Some("run the command again".to_owned()),
            Error::BranchBlocked { blocking, .. } => Some(format!(
                "rename it (`git branch -m {blocking} {blocking}-old`) or delete it, then run the command again"
            )),
            Error::TargetNotEmpty { .. } => Some(
                "restore into a new or empty folder, or pass `--force` to restore over its files"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// Shorthand for results in this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Wraps any gix error with what promptctl was doing.
pub(crate) fn git<E: std::fmt::Display>(context: impl Into<String>) -> impl FnOnce(E) -> Error {
    let context = context.into();
    move |e| Error::Git {
        context,
        message: e.to_string(),
    }
}

/// Runs the `git` program in `dir` and returns its stdout: for what gix does not do (bundles,
/// signature verification). A failure names the arguments and git's stderr.
pub(crate) fn run_git<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Result<String> {
    let shown = || {
        args.iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let output = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| Error::GitCommand {
            command: shown(),
            message: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(Error::GitCommand {
            command: shown(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A git repository holding a promptctl project.
pub struct Repo {
    pub(crate) git: gix::Repository,
    workdir: PathBuf,
    /// The project root relative to the work tree, `/`-separated, empty or ending in `/`.
    project_prefix: String,
    /// The prompts folder relative to the work tree, `/`-separated, empty or ending in `/`.
    prompts_prefix: String,
    config: crate::config::Config,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("workdir", &self.workdir)
            .field("prompts_prefix", &self.prompts_prefix)
            .finish_non_exhaustive()
    }
}

impl Repo {
    /// Opens the repository around a project (honoring the user's git configuration).
    pub fn open(project: &Project) -> Result<Repo> {
        let repo = gix::discover(&project.root).map_err(|_| Error::NotARepository {
            path: project.root.clone(),
        })?;
        Repo::from_gix(repo, project)
    }

    fn from_gix(mut repo: gix::Repository, project: &Project) -> Result<Repo> {
        repo.object_cache_size_if_unset(16 * 1024 * 1024);
        let workdir = repo
            .workdir()
            .ok_or_else(|| Error::NotARepository {
                path: project.root.clone(),
            })?
            .to_path_buf();
        let workdir = workdir.canonicalize().unwrap_or(workdir);
        let root = project
            .root
            .canonicalize()
            .unwrap_or_else(|_| project.root.clone());
        let project_prefix = relative_prefix(&workdir, &root);
        let prompts_dir = root.join(&project.config.prompts);
        let prompts_prefix = relative_prefix(&workdir, &normalize(&prompts_dir));
        Ok(Repo {
            git: repo,
            workdir,
            project_prefix,
            prompts_prefix,
            config: project.config.clone(),
        })
    }

    /// The name of the configured git identity (`user.name`), for records that name their
    /// author.
    pub fn identity_name(&self) -> Result<String> {
        match self.git.author() {
            Some(Ok(signature)) => Ok(signature.name.to_string()),
            _ => Err(Error::NoIdentity),
        }
    }

    /// The work tree root.
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The project configuration this repository was opened with.
    pub fn config(&self) -> &crate::config::Config {
        &self.config
    }

    /// The repository path of a prompt file (relative to the work tree, `/`-separated).
    pub fn prompt_path(&self, name: &PromptName) -> String {
        format!("{}{}", self.prompts_prefix, name.relative_path())
    }

    /// The repository path of a file relative to the project root.
    pub fn project_path(&self, relative: &str) -> String {
        format!("{}{relative}", self.project_prefix)
    }

    /// The prompt a repository path names, if it is a prompt file under the prompts folder.
    pub fn name_of_path(&self, path: &str) -> Option<PromptName> {
        let relative = path.strip_prefix(&self.prompts_prefix)?;
        PromptName::from_relative_path(relative)
    }

    /// The commit HEAD points to.
    pub(crate) fn head_commit(&self) -> Result<ObjectId> {
        match self.git.head_id() {
            Ok(id) => Ok(id.detach()),
            Err(_) => Err(Error::NoCommits),
        }
    }

    /// The id of HEAD as hex, if there are commits.
    pub fn head_hex(&self) -> Option<String> {
        self.head_commit().ok().map(|id| id.to_string())
    }

    /// The tree of a commit.
    pub(crate) fn commit_tree(&self, commit: ObjectId) -> Result<ObjectId> {
        let commit = self
            .git
            .find_commit(commit)
            .map_err(git(format!("reading commit {commit}")))?;
        Ok(commit
            .tree_id()
            .map_err(git("reading a commit's tree"))?
            .detach())
    }

    /// The blob at `path` in `tree`, if any.
    pub(crate) fn blob_at(&self, tree: ObjectId, path: &str) -> Result<Option<ObjectId>> {
        tree::blob_at(&self.git, tree, path)
    }

    /// The text of a blob (lossy UTF-8).
    pub(crate) fn blob_text(&self, blob: ObjectId) -> Result<String> {
        let blob = self
            .git
            .find_blob(blob)
            .map_err(git(format!("reading blob {blob}")))?;
        Ok(String::from_utf8_lossy(&blob.data).into_owned())
    }

    /// Resolves any git revision to a commit.
    pub(crate) fn rev_commit(&self, rev: &str) -> Option<ObjectId> {
        let id = self.git.rev_parse_single(rev).ok()?;
        let object = id.object().ok()?;
        let commit = object.peel_to_commit().ok()?;
        Some(commit.id)
    }

    /// Where `head` branched off `base`: their merge base, as `git diff base...head` and a pull
    /// request's diff use, so commits that landed on `base` later are not counted as the
    /// branch's. Unrelated histories give `base` itself.
    pub(crate) fn fork_point(&self, base: ObjectId, head: ObjectId) -> Result<ObjectId> {
        if base == head {
            return Ok(base);
        }
        Ok(self
            .git
            .merge_base(base, head)
            .map_err(git("finding where the branch forked"))?
            .map_or(base, gix::Id::detach))
    }

    /// The id git gives `bytes` as a blob (`git hash-object`), to tell a file on disk from a
    /// committed one without reading the committed one.
    pub(crate) fn blob_id_of(&self, bytes: &[u8]) -> Result<ObjectId> {
        gix::objs::compute_hash(self.git.object_hash(), gix::objs::Kind::Blob, bytes)
            .map_err(git("hashing a file"))
    }

    /// The abbreviated form of an object id.
    pub(crate) fn short(&self, id: ObjectId) -> String {
        gix::prelude::ObjectIdExt::attach(id, &self.git)
            .shorten()
            .map_or_else(|_| id.to_hex_with_len(7).to_string(), |p| p.to_string())
    }

    /// The folder under `.git` where promptctl keeps caches and locks.
    pub(crate) fn private_dir(&self) -> PathBuf {
        self.git.common_dir().join("promptctl")
    }

    /// Reads a working-tree file relative to the work tree, `None` when it does not exist.
    pub(crate) fn read_worktree(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let absolute = self.workdir.join(path);
        crate::confine::Boundary::new(&self.workdir).check(&absolute)?;
        match std::fs::read(&absolute) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Io {
                path: absolute,
                source,
            }),
        }
    }

    /// Every prompt name at HEAD (for suggestions).
    pub(crate) fn prompt_names_at_head(&self) -> Vec<String> {
        let Ok(head) = self.head_commit() else {
            return Vec::new();
        };
        let Ok(tree) = self.commit_tree(head) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let _ = tree::walk_blobs(&self.git, tree, "", &mut |path, _| {
            if let Some(name) = self.name_of_path(path)
                && name.kind == crate::prompt::FileKind::Prompt
            {
                out.push(crate::library::display_id(&name));
            }
        });
        out
    }

    /// The closest prompt names to `wanted`.
    pub(crate) fn suggest(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(usize, String)> = self
            .prompt_names_at_head()
            .into_iter()
            .map(|id| (crate::library::edit_distance(&id, wanted), id))
            .filter(|(d, id)| *d <= (wanted.len() / 3).max(2) || id.contains(wanted))
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }
}

/// `root` relative to `workdir` as a `/`-separated prefix ending in `/` (empty when equal).
fn relative_prefix(workdir: &Path, root: &Path) -> String {
    let Ok(relative) = root.strip_prefix(workdir) else {
        return String::new();
    };
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Plain git for the store's unit tests, with a fixed identity and no user or system config.
#[cfg(test)]
pub(crate) fn git_for_tests(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("GIT_AUTHOR_NAME", "A")
        .env("GIT_AUTHOR_EMAIL", "a@example.com")
        .env("GIT_COMMITTER_NAME", "A")
        .env("GIT_COMMITTER_EMAIL", "a@example.com")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("git prints UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_relative_and_slash_terminated() {
        assert_eq!(relative_prefix(Path::new("/a"), Path::new("/a")), "");
        assert_eq!(
            relative_prefix(Path::new("/a"), Path::new("/a/b/c")),
            "b/c/"
        );
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn version_ranges_read_well() {
        assert_eq!(version_range(0), "no committed versions");
        assert_eq!(version_range(1), "only v1");
        assert_eq!(version_range(4), "v1–v4");
    }
}
