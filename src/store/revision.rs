//! Version references: `name@v3`, `name@<environment>`, `name@<any git rev>`.
//!
//! The part after the first `@` is tried in that order: `v<N>` is the Nth version on HEAD's
//! first-parent chain (see [`crate::store::history`]); a name with an environment file is what is
//! released there; anything else goes to git's revision parser (`HEAD~2`, a branch, a tag, a
//! commit id). A reference that matches nothing is an error listing the versions and environments
//! that exist.

use gix::ObjectId;

use crate::prompt::PromptName;
use crate::store::history::{self, Version};
use crate::store::loader::GitLoader;
use crate::store::{Error, Repo, Result, release};

/// What a version reference resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRef {
    /// The prompt's name at that version (differs from the name asked for across a rename).
    pub name: PromptName,
    /// The file's repository path at that version.
    pub path: String,
    /// The reference as written (`v3`, `prod`, `main~2`).
    pub reference: String,
    /// The commit whose tree the prompt and its partials are read from (hex).
    pub commit: String,
    /// Abbreviated commit id.
    pub short: String,
    /// The prompt file's blob (hex).
    pub blob: String,
    /// The version number, when this content is a version on HEAD's first-parent chain.
    pub version: Option<usize>,
    /// How many versions the prompt has at HEAD.
    pub versions: usize,
    /// The environment, for `name@<env>`.
    pub environment: Option<String>,
}

impl ResolvedRef {
    /// The blob as an object id.
    pub(crate) fn blob_id(&self) -> Result<ObjectId> {
        ObjectId::from_hex(self.blob.as_bytes()).map_err(crate::store::git("reading a blob id"))
    }
}

/// Splits `name@ref` into the name and the reference (if any).
pub fn split_ref(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once('@') {
        Some((name, reference)) if !reference.is_empty() => (name, Some(reference)),
        Some((name, _)) => (name, None),
        None => (spec, None),
    }
}

/// Parses `v3` as 3.
pub fn parse_version(reference: &str) -> Option<usize> {
    let digits = reference.strip_prefix('v')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Resolves `name@ref` (or `name`, meaning HEAD) to a loader over that version's tree.
///
/// This is the entry point for every command that accepts version references:
/// `render`, `show`, `diff`, `export`, `run`.
pub fn resolve_prompt_ref(repo: &Repo, spec: &str) -> Result<(GitLoader, ResolvedRef)> {
    let (name, reference) = split_ref(spec);
    resolve(
        repo,
        &PromptName::parse_id(name),
        reference.unwrap_or("HEAD"),
    )
}

/// Resolves a reference for a prompt name.
pub fn resolve(
    repo: &Repo,
    name: &PromptName,
    reference: &str,
) -> Result<(GitLoader, ResolvedRef)> {
    let id = crate::library::display_id(name);
    let path = repo.prompt_path(name);
    let head = repo.head_commit()?;
    let versions = history::versions_at(repo, head, &path)?;
    let head_tree = repo.commit_tree(head)?;
    // A prompt HEAD has never had can still be read at a git revision that has it (a variant
    // committed on another branch: `name.improve-1@improve/name`); versions and environments
    // are HEAD's history, so they need the prompt there.
    let unknown = || Error::UnknownPrompt {
        suggestions: repo.suggest(&id),
        name: id.clone(),
    };
    let absent_at_head = versions.is_empty() && repo.blob_at(head_tree, &path)?.is_none();
    if absent_at_head && repo.rev_commit(reference).is_none() {
        return Err(unknown());
    }
    if let Some(n) = parse_version(reference) {
        return by_version(repo, &id, &versions, n, reference);
    }
    let environments = release::environment_names(repo)?;
    if environments.iter().any(|e| e == reference) {
        let env = release::load_environment(repo, reference)?;
        let Some(pin) = env.prompts.get(&id) else {
            return Err(Error::NotReleased {
                name: id,
                environment: reference.to_owned(),
            });
        };
        let commit = pin.commit_id()?;
        let blob = pin.blob_id()?;
        let tree = repo.commit_tree(commit)?;
        let pinned_name = repo.name_of_path(&pin.path).unwrap_or_else(|| name.clone());
        let loader = GitLoader::new(repo, tree, &repo.short(commit)).with_pinned(&pin.path, blob);
        return Ok((
            loader,
            ResolvedRef {
                name: pinned_name,
                path: pin.path.clone(),
                reference: reference.to_owned(),
                commit: pin.commit.clone(),
                short: repo.short(commit),
                blob: pin.blob.clone(),
                version: pin.version,
                versions: versions.len(),
                environment: Some(reference.to_owned()),
            },
        ));
    }
    let Some(commit) = repo.rev_commit(reference) else {
        return Err(Error::UnknownRef {
            name: id,
            reference: reference.to_owned(),
            versions: versions.len(),
            environments,
        });
    };
    let tree = repo.commit_tree(commit)?;
    let Some(blob) = repo.blob_at(tree, &path)? else {
        if absent_at_head {
            return Err(unknown());
        }
        return Err(Error::NotAtRevision {
            name: id,
            reference: reference.to_owned(),
            path,
        });
    };
    let short = repo.short(commit);
    Ok((
        GitLoader::new(repo, tree, &short),
        ResolvedRef {
            name: name.clone(),
            path,
            reference: reference.to_owned(),
            commit: commit.to_string(),
            short,
            blob: blob.to_string(),
            version: history::version_of_blob(&versions, blob),
            versions: versions.len(),
            environment: None,
        },
    ))
}

fn by_version(
    repo: &Repo,
    id: &str,
    versions: &[Version],
    n: usize,
    reference: &str,
) -> Result<(GitLoader, ResolvedRef)> {
    let Some(version) = n.checked_sub(1).and_then(|i| versions.get(i)) else {
        return Err(Error::UnknownVersion {
            name: id.to_owned(),
            wanted: n,
            available: versions.len(),
        });
    };
    let Some(blob) = version.blob.clone() else {
        return Err(Error::NotAtRevision {
            name: id.to_owned(),
            reference: reference.to_owned(),
            path: version.path.clone(),
        });
    };
    let commit = version.commit_id()?;
    let tree = repo.commit_tree(commit)?;
    let name = repo
        .name_of_path(&version.path)
        .unwrap_or_else(|| PromptName::parse_id(id));
    Ok((
        GitLoader::new(repo, tree, &version.short),
        ResolvedRef {
            name,
            path: version.path.clone(),
            reference: reference.to_owned(),
            commit: version.commit.clone(),
            short: version.short.clone(),
            blob,
            version: Some(n),
            versions: versions.len(),
            environment: None,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_at_sign() {
        assert_eq!(split_ref("a/b@v3"), ("a/b", Some("v3")));
        assert_eq!(split_ref("a/b"), ("a/b", None));
        assert_eq!(split_ref("a@HEAD@{1}"), ("a", Some("HEAD@{1}")));
        assert_eq!(split_ref("a@"), ("a", None));
    }

    #[test]
    fn version_numbers_parse_strictly() {
        assert_eq!(parse_version("v3"), Some(3));
        assert_eq!(parse_version("v"), None);
        assert_eq!(parse_version("v3a"), None);
        assert_eq!(parse_version("main"), None);
    }
}
