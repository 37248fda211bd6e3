//! Releases: environment files that pin each prompt to an exact committed content.
//!
//! An environment is a committed, human-readable YAML file, `<release.dir>/<env>.yaml`
//! (`environments/prod.yaml` by default). Each entry pins a prompt to a blob id, the version
//! number it had, and the commit whose tree its partials come from. A release, a promotion
//! (`--from staging`) or a rollback (`--to v2`) is a commit that changes that file, so it is
//! reviewed like code and appears in the audit trail. Environment files are read from HEAD,
//! never from the working tree: what is released is what is committed.

use std::collections::BTreeMap;

use gix::ObjectId;
use serde::{Deserialize, Serialize};

use crate::prompt::{FrontMatter, PromptDocument};
use crate::store::commit::{self, CommitOptions, Committed, OwnedFile};
use crate::store::history;
use crate::store::revision::{self, ResolvedRef};
use crate::store::{Error, GitLoader, Repo, Result, git, tree};

/// One prompt's pin in an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The version number on the first-parent chain, when known.
    #[serde(default)]
    pub version: Option<usize>,
    /// The commit the prompt and its partials are read from (hex).
    pub commit: String,
    /// The prompt file's blob (hex).
    pub blob: String,
    /// The prompt file's repository path.
    pub path: String,
}

impl Pin {
    pub(crate) fn commit_id(&self) -> Result<ObjectId> {
        ObjectId::from_hex(self.commit.as_bytes()).map_err(git("reading a pinned commit id"))
    }

    pub(crate) fn blob_id(&self) -> Result<ObjectId> {
        ObjectId::from_hex(self.blob.as_bytes()).map_err(git("reading a pinned blob id"))
    }

    fn label(&self) -> String {
        self.version
            .map_or_else(|| self.blob.chars().take(7).collect(), |v| format!("v{v}"))
    }
}

/// The contents of one environment file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    /// The environment's name (the file name without `.yaml`).
    pub environment: String,
    /// Prompt id to pin, sorted.
    #[serde(default)]
    pub prompts: BTreeMap<String, Pin>,
}

const HEADER: &str = "# Released prompt versions for this environment. Written by `promptctl release`;\n# review changes to this file like code. Each entry pins the exact content (blob) of a prompt.\n";

impl Environment {
    /// The file text: a comment header, then YAML.
    pub fn to_text(&self) -> String {
        let yaml = crate::yaml::to_string(self).unwrap_or_default();
        format!("{HEADER}{yaml}")
    }

    fn parse(path: &str, text: &str) -> Result<Environment> {
        crate::yaml::from_str(text).map_err(|e| Error::InvalidEnvironment {
            path: path.to_owned(),
            message: e.to_string(),
        })
    }
}

/// The repository path of an environment's file.
pub fn environment_path(repo: &Repo, environment: &str) -> String {
    repo.project_path(&format!("{}/{environment}.yaml", repo.config().release.dir))
}

/// The environments with a committed file at HEAD, sorted.
pub fn environment_names(repo: &Repo) -> Result<Vec<String>> {
    let Ok(head) = repo.head_commit() else {
        return Ok(Vec::new());
    };
    names_in_tree(repo, repo.commit_tree(head)?)
}

fn names_in_tree(repo: &Repo, root: ObjectId) -> Result<Vec<String>> {
    let dir = repo.project_path(&repo.config().release.dir);
    let mut names = Vec::new();
    let Some(dir_tree) = tree::subtree(&repo.git, root, &dir)? else {
        return Ok(names);
    };
    tree::walk_blobs(&repo.git, dir_tree, "", &mut |path, _| {
        if !path.contains('/')
            && let Some(name) = path.strip_suffix(".yaml")
        {
            names.push(name.to_owned());
        }
    })?;
    names.sort();
    Ok(names)
}

/// Every environment committed in `commit` (hex), sorted by name: what a branch would serve
/// once its environment files are the ones in effect.
pub fn environments_at(repo: &Repo, commit: &str) -> Result<Vec<Environment>> {
    let tree = repo.commit_tree(crate::store::range::commit_id(commit)?)?;
    let mut out = Vec::new();
    for name in names_in_tree(repo, tree)? {
        if let Some(environment) = load_at(repo, Some(tree), &name)? {
            out.push(environment);
        }
    }
    Ok(out)
}

/// The committed environment file at HEAD.
pub fn load_environment(repo: &Repo, environment: &str) -> Result<Environment> {
    let head = repo.head_commit()?;
    let tree = repo.commit_tree(head)?;
    load_at(repo, Some(tree), environment)?.ok_or_else(|| Error::UnknownEnvironment {
        environment: environment.to_owned(),
        known: environment_names(repo).unwrap_or_default(),
    })
}

fn load_at(repo: &Repo, tree: Option<ObjectId>, environment: &str) -> Result<Option<Environment>> {
    let Some(tree) = tree else {
        return Ok(None);
    };
    let path = environment_path(repo, environment);
    let Some(blob) = repo.blob_at(tree, &path)? else {
        return Ok(None);
    };
    let mut env = Environment::parse(&path, &repo.blob_text(blob)?)?;
    environment.clone_into(&mut env.environment);
    Ok(Some(env))
}

/// What to release.
#[derive(Debug, Clone)]
pub enum ReleaseAction {
    /// Pin these prompts (`name` or `name@ref`; no ref means HEAD).
    Pin(Vec<String>),
    /// Copy every pin of another environment.
    Promote {
        /// The source environment.
        from: String,
    },
}

/// A release request.
#[derive(Debug, Clone)]
pub struct ReleaseRequest {
    /// The target environment.
    pub environment: String,
    /// What to release.
    pub action: ReleaseAction,
    /// Write the environment file without committing it.
    pub no_commit: bool,
    /// Commit options.
    pub commit: CommitOptions,
    /// Release past the gate's findings, for this reason (recorded in the commit message).
    pub force: Option<String>,
}

/// One pin that changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinChange {
    /// The prompt.
    pub name: String,
    /// Its previous pin in the environment.
    pub from: Option<Pin>,
    /// Its new pin.
    pub to: Pin,
}

/// What a release did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseReport {
    /// The environment.
    pub environment: String,
    /// The environment file's repository path.
    pub path: String,
    /// The pins that changed (empty when everything was already released).
    pub changes: Vec<PinChange>,
    /// The commit message used.
    pub message: String,
    /// The commit, unless `no_commit` or nothing changed.
    pub committed: Option<Committed>,
}

/// A version about to be pinned, as a [`ReleaseGuard`] sees it: exactly the committed content.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The prompt's id.
    pub name: &'a str,
    /// The environment it is released to.
    pub environment: &'a str,
    /// The committed file's text.
    pub text: &'a str,
    /// Its repository path.
    pub path: &'a str,
    /// The commit it (and its partials and bases) is read from (hex).
    pub commit: &'a str,
}

/// Checks every prompt must pass before it is pinned, beyond its status. The policy engine's
/// data-residency rules and the release gate (lint, scan and policies over the pinned content)
/// implement it, so this module needs to know nothing about policies, lint or scanning.
pub trait ReleaseGuard {
    /// Why `front_matter`'s prompt may not be released to `environment` at all; empty when it
    /// may. These refusals cannot be forced.
    fn refusals(&self, name: &str, front_matter: &FrontMatter, environment: &str) -> Vec<String>;

    /// Findings in the exact content being pinned that block the release unless it is forced
    /// with a recorded reason, one line each (`path:line:col: rule: message`). `Err` when the
    /// checks could not run.
    fn gate(
        &self,
        repo: &Repo,
        candidate: &Candidate<'_>,
    ) -> std::result::Result<Vec<String>, String> {
        let _ = (repo, candidate);
        Ok(Vec::new())
    }

    /// What approvals the environment requires for the exact content being pinned and does not
    /// have, one line each. Unlike the gate's findings these cannot be forced. `Err` when the
    /// approvals could not be read.
    fn missing_approvals(
        &self,
        repo: &Repo,
        candidate: &Candidate<'_>,
    ) -> std::result::Result<Vec<String>, String> {
        let _ = (repo, candidate);
        Ok(Vec::new())
    }
}

/// The guard that allows everything (status rules still apply).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoGuard;

impl ReleaseGuard for NoGuard {
    fn refusals(&self, _: &str, _: &FrontMatter, _: &str) -> Vec<String> {
        Vec::new()
    }
}

/// Releases prompts to an environment, checking each one's status.
pub fn release(repo: &Repo, request: &ReleaseRequest) -> Result<ReleaseReport> {
    release_guarded(repo, request, &NoGuard)
}

/// Releases prompts to an environment, checking each one's status and the guard.
pub fn release_guarded(
    repo: &Repo,
    request: &ReleaseRequest,
    guard: &dyn ReleaseGuard,
) -> Result<ReleaseReport> {
    let env = &request.environment;
    crate::confine::check_name(env).map_err(|e| e.from_origin("--env"))?;
    if let ReleaseAction::Promote { from } = &request.action {
        crate::confine::check_name(from).map_err(|e| e.from_origin("--from"))?;
    }
    let pins: Vec<(String, Pin)> = match &request.action {
        ReleaseAction::Pin(specs) => {
            let mut out = Vec::new();
            for spec in specs {
                let (_, resolved) = revision::resolve_prompt_ref(repo, spec)?;
                let (name, _) = revision::split_ref(spec);
                let id = crate::library::display_id(&crate::prompt::PromptName::parse_id(name));
                check_releasable(repo, &id, &resolved, env, guard)?;
                out.push((id, pin_of(&resolved)));
            }
            out
        }
        ReleaseAction::Promote { from } => {
            let source = load_environment(repo, from)?;
            let mut out = Vec::new();
            for (id, pin) in source.prompts {
                let text = repo.blob_text(pin.blob_id()?)?;
                check_status(&id, &text, &pin.path, repo, env, guard)?;
                out.push((id, pin));
            }
            out
        }
    };
    let path = environment_path(repo, env);
    let current = match repo.head_commit() {
        Ok(head) => load_at(repo, Some(repo.commit_tree(head)?), env)?,
        Err(_) => None,
    }
    .unwrap_or_default();
    let changes: Vec<PinChange> = pins
        .iter()
        .filter(|(id, pin)| {
            !current
                .prompts
                .get(id)
                .is_some_and(|old| renders_the_same(repo, old, pin))
        })
        .map(|(id, pin)| PinChange {
            name: id.clone(),
            from: current.prompts.get(id).cloned(),
            to: pin.clone(),
        })
        .collect();
    let mut message = message_for(&request.action, env, &changes);
    let missing = approvals_missing(repo, env, &changes, guard)?;
    if !missing.is_empty() {
        return Err(Error::ApprovalsMissing {
            environment: env.clone(),
            missing,
        });
    }
    let blocking = gate_findings(repo, env, &changes, guard)?;
    if !blocking.is_empty() {
        let Some(reason) = &request.force else {
            return Err(Error::GateFailed {
                environment: env.clone(),
                findings: blocking,
            });
        };
        let listed: Vec<String> = blocking.iter().map(|f| format!("- {f}")).collect();
        message.push_str("\n\nForced past the release gate: ");
        message.push_str(reason);
        message.push('\n');
        message.push_str(&listed.join("\n"));
        message.push('\n');
    }
    if changes.is_empty() {
        return Ok(ReleaseReport {
            environment: env.clone(),
            path,
            changes,
            message,
            committed: None,
        });
    }
    let apply = |base: Option<Environment>| -> Vec<u8> {
        let mut file = base.unwrap_or_default();
        file.environment.clone_from(env);
        for (id, pin) in &pins {
            file.prompts.insert(id.clone(), pin.clone());
        }
        file.to_text().into_bytes()
    };
    // The name passed the lexical rule; a linked folder on the way must not lead the write
    // (to the work tree, with or without a commit) outside either.
    crate::confine::Boundary::new(repo.workdir()).check(&repo.workdir().join(&path))?;
    if request.no_commit {
        commit::check_writable(repo, std::slice::from_ref(&path), &request.commit)?;
        let content = apply(Some(current));
        let absolute = repo.workdir().join(&path);
        if let Some(parent) = absolute.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&absolute, content).map_err(|source| Error::Io {
            path: absolute,
            source,
        })?;
        return Ok(ReleaseReport {
            environment: env.clone(),
            path,
            changes,
            message,
            committed: None,
        });
    }
    let committed = commit::commit_owned(repo, &message, &request.commit, &mut |repo, base| {
        let existing = load_at(repo, base, env)?;
        Ok(vec![OwnedFile {
            path: path.clone(),
            content: apply(existing),
        }])
    })?;
    Ok(ReleaseReport {
        environment: env.clone(),
        path,
        changes,
        message,
        committed: Some(committed),
    })
}

/// Whether two pins of one prompt render the same: the same version of the same file, read at
/// commits whose prompt files (the prompt, its partials and bases) are all identical. Pins that
/// differ only in the commit they were read at — `release greet` after an unrelated commit — are
/// the same release, and re-releasing them must not make a commit.
fn renders_the_same(repo: &Repo, old: &Pin, new: &Pin) -> bool {
    if old == new {
        return true;
    }
    if old.blob != new.blob || old.path != new.path || old.version != new.version {
        return false;
    }
    let (Ok(old_commit), Ok(new_commit)) = (old.commit_id(), new.commit_id()) else {
        return false;
    };
    let (Ok(old_tree), Ok(new_tree)) = (repo.commit_tree(old_commit), repo.commit_tree(new_commit))
    else {
        return false;
    };
    let mut changes = Vec::new();
    if crate::store::tree::diff_trees(&repo.git, Some(old_tree), Some(new_tree), "", &mut changes)
        .is_err()
    {
        return false;
    }
    !changes
        .iter()
        .any(|change| repo.name_of_path(&change.path).is_some())
}

/// The approvals missing for every pin that changes.
fn approvals_missing(
    repo: &Repo,
    env: &str,
    changes: &[PinChange],
    guard: &dyn ReleaseGuard,
) -> Result<Vec<String>> {
    per_candidate(repo, env, changes, &|candidate| {
        guard.missing_approvals(repo, candidate)
    })
}

/// The gate's findings for every pin that changes, each line prefixed with the prompt.
fn gate_findings(
    repo: &Repo,
    env: &str,
    changes: &[PinChange],
    guard: &dyn ReleaseGuard,
) -> Result<Vec<String>> {
    per_candidate(repo, env, changes, &|candidate| guard.gate(repo, candidate))
}

/// Asks `ask` about the new content of every pin that changes, and collects its lines; a
/// guard that cannot answer stops the release, naming the prompt.
fn per_candidate(
    repo: &Repo,
    env: &str,
    changes: &[PinChange],
    ask: &dyn Fn(&Candidate<'_>) -> std::result::Result<Vec<String>, String>,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for change in changes {
        let text = repo.blob_text(change.to.blob_id()?)?;
        let candidate = Candidate {
            name: &change.name,
            environment: env,
            text: &text,
            path: &change.to.path,
            commit: &change.to.commit,
        };
        lines.extend(ask(&candidate).map_err(|message| Error::GateUnavailable {
            name: change.name.clone(),
            message,
        })?);
    }
    Ok(lines)
}

fn pin_of(resolved: &ResolvedRef) -> Pin {
    Pin {
        version: resolved.version,
        commit: resolved.commit.clone(),
        blob: resolved.blob.clone(),
        path: resolved.path.clone(),
    }
}

fn check_releasable(
    repo: &Repo,
    id: &str,
    resolved: &ResolvedRef,
    env: &str,
    guard: &dyn ReleaseGuard,
) -> Result<()> {
    let text = repo.blob_text(resolved.blob_id()?)?;
    check_status(
        id,
        &text,
        &format!("{}:{}", resolved.short, resolved.path),
        repo,
        env,
        guard,
    )
}

fn check_status(
    id: &str,
    text: &str,
    path: &str,
    repo: &Repo,
    env: &str,
    guard: &dyn ReleaseGuard,
) -> Result<()> {
    let document = PromptDocument::parse(text).map_err(|e| Error::InvalidPrompt {
        path: path.to_owned(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let allowed = repo.config().release.releasable(env);
    let status = document.front_matter.status.clone();
    if status.as_ref().is_some_and(|s| allowed.contains(s)) {
        let reasons = guard.refusals(id, &document.front_matter, env);
        if reasons.is_empty() {
            return Ok(());
        }
        return Err(Error::ReleaseRefused {
            name: id.to_owned(),
            environment: env.to_owned(),
            reasons,
        });
    }
    Err(Error::NotReleasable {
        name: id.to_owned(),
        status,
        environment: env.to_owned(),
        allowed: allowed.to_vec(),
    })
}

fn message_for(action: &ReleaseAction, env: &str, changes: &[PinChange]) -> String {
    let line = |c: &PinChange| match &c.from {
        Some(from) => format!("- {}: {} -> {}", c.name, from.label(), c.to.label()),
        None => format!("- {}: {} (new)", c.name, c.to.label()),
    };
    let body: Vec<String> = changes.iter().map(line).collect();
    let subject = match (action, changes) {
        (ReleaseAction::Promote { from }, _) => format!("Promote {from} to {env}"),
        (_, [one]) => {
            let rollback = matches!(
                (one.from.as_ref().and_then(|f| f.version), one.to.version),
                (Some(old), Some(new)) if new < old
            );
            if rollback {
                format!("Roll back {} in {env} to {}", one.name, one.to.label())
            } else {
                format!("Release {} {} to {env}", one.name, one.to.label())
            }
        }
        (_, many) => format!("Release {} prompts to {env}", many.len()),
    };
    if body.is_empty() {
        subject
    } else {
        format!("{subject}\n\n{}\n", body.join("\n"))
    }
}

/// How an environment's pin compares with HEAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinState {
    /// Same content as HEAD.
    Current,
    /// An older version than HEAD's.
    Behind,
    /// Different content that is not an older version (a branch, a newer commit).
    Differs,
    /// The prompt no longer exists at HEAD.
    Deleted,
}

impl PinState {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            PinState::Current => "current",
            PinState::Behind => "behind",
            PinState::Differs => "differs",
            PinState::Deleted => "deleted",
        }
    }
}

/// One prompt across HEAD and every environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The prompt.
    pub name: String,
    /// HEAD's version number, when the prompt exists at HEAD.
    pub head_version: Option<usize>,
    /// Per environment (same order as [`EnvironmentStatus::environments`]): the pin and its state.
    pub pins: Vec<Option<(Pin, PinState)>>,
}

/// What differs between environments and HEAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentStatus {
    /// Environment names, sorted.
    pub environments: Vec<String>,
    /// One row per prompt released anywhere, sorted by name.
    pub rows: Vec<StatusRow>,
}

/// Compares every environment with HEAD.
pub fn status(repo: &Repo) -> Result<EnvironmentStatus> {
    let environments = environment_names(repo)?;
    let mut files = Vec::new();
    for name in &environments {
        files.push(load_environment(repo, name)?);
    }
    let mut names: Vec<String> = files
        .iter()
        .flat_map(|f| f.prompts.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    let head = repo.head_commit()?;
    let head_tree = repo.commit_tree(head)?;
    let mut rows = Vec::new();
    for name in names {
        let path = repo.prompt_path(&crate::prompt::PromptName::parse_id(&name));
        let head_blob = repo.blob_at(head_tree, &path)?;
        let versions = history::versions_at(repo, head, &path)?;
        let head_version = head_blob.and_then(|b| history::version_of_blob(&versions, b));
        let pins = files
            .iter()
            .map(|f| {
                f.prompts.get(&name).map(|pin| {
                    let state = match head_blob {
                        None => PinState::Deleted,
                        Some(b) if pin.blob_id().ok() == Some(b) => PinState::Current,
                        Some(_) => match (pin.version, head_version) {
                            (Some(p), Some(h)) if p < h => PinState::Behind,
                            _ => PinState::Differs,
                        },
                    };
                    (pin.clone(), state)
                })
            })
            .collect();
        rows.push(StatusRow {
            name,
            head_version,
            pins,
        });
    }
    Ok(EnvironmentStatus { environments, rows })
}

/// One prompt of a deployable bundle, read from git objects at its pinned version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedPrompt {
    /// The prompt id.
    pub name: String,
    /// The pin.
    pub pin: Pin,
    /// The prompt file's text at the pinned blob.
    pub text: String,
}

/// Every prompt released to `environment`, read from the pinned blobs (never the working tree),
/// each with a loader over its pinned commit for rendering partials and bases.
pub fn export_environment(
    repo: &Repo,
    environment: &str,
) -> Result<Vec<(ExportedPrompt, GitLoader)>> {
    let env = load_environment(repo, environment)?;
    let mut out = Vec::new();
    for (name, pin) in env.prompts {
        let commit = pin.commit_id()?;
        let blob = pin.blob_id()?;
        let text = repo.blob_text(blob)?;
        let loader = GitLoader::new(repo, repo.commit_tree(commit)?, &repo.short(commit))
            .with_pinned(&pin.path, blob);
        out.push((ExportedPrompt { name, pin, text }, loader));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(version: usize) -> Pin {
        Pin {
            version: Some(version),
            commit: "c".repeat(40),
            blob: "b".repeat(40),
            path: "prompts/a.prompt".into(),
        }
    }

    #[test]
    fn environment_files_round_trip_with_a_header() {
        let mut env = Environment {
            environment: "prod".into(),
            prompts: BTreeMap::new(),
        };
        env.prompts.insert("a".into(), pin(2));
        let text = env.to_text();
        assert!(text.starts_with("# Released prompt versions"));
        assert_eq!(Environment::parse("x", &text).unwrap(), env);
        assert!(Environment::parse("x", "prompts: 3").is_err());
    }

    #[test]
    fn messages_say_release_rollback_and_promote() {
        let change = |from: Option<usize>, to: usize| PinChange {
            name: "a".into(),
            from: from.map(pin),
            to: pin(to),
        };
        let pin_action = ReleaseAction::Pin(vec!["a".into()]);
        assert!(
            message_for(&pin_action, "prod", &[change(None, 1)])
                .starts_with("Release a v1 to prod")
        );
        assert!(
            message_for(&pin_action, "prod", &[change(Some(3), 2)])
                .starts_with("Roll back a in prod to v2")
        );
        let promote = ReleaseAction::Promote {
            from: "staging".into(),
        };
        assert!(message_for(&promote, "prod", &[change(Some(1), 2)]).contains("- a: v1 -> v2"));
    }
}
