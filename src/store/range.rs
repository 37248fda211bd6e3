//! A revision range as a pull request sees it: its two ends resolved to commits, the files that
//! changed between them, and any project file read as committed at either end.
//!
//! A review compares what the base branch has with what the pull request would merge, so
//! everything here reads committed trees, never the working tree: a CI checkout may hold other
//! files, and a local one may hold unfinished edits.

use gix::ObjectId;

use crate::store::compare::FileStatus;
use crate::store::tree::{self, ChangeKind};
use crate::store::{Error, Repo, Result};

/// The two ends of `A..B`, as written and resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The old end as written (`main`).
    pub from: String,
    /// The new end as written (`HEAD`).
    pub to: String,
    /// The old end's commit (hex).
    pub from_commit: String,
    /// The new end's commit (hex).
    pub to_commit: String,
}

impl Range {
    /// Resolves `A..B` (or `A`, meaning `A..HEAD`; an empty end is `HEAD`) as `git diff A B`
    /// reads it. An end that names no commit is a git error naming it.
    pub fn resolve(repo: &Repo, spec: &str) -> Result<Range> {
        let (from, to) = match spec.split_once("..") {
            Some((a, b)) => (
                if a.is_empty() { "HEAD" } else { a },
                if b.is_empty() {
                    "HEAD"
                } else {
                    b.trim_start_matches('.')
                },
            ),
            None => (spec, "HEAD"),
        };
        let resolve = |rev: &str| {
            repo.rev_commit(rev).ok_or_else(|| Error::Git {
                context: format!("resolving `{rev}`"),
                message: "no such revision".to_owned(),
            })
        };
        Ok(Range {
            from: from.to_owned(),
            to: to.to_owned(),
            from_commit: resolve(from)?.to_string(),
            to_commit: resolve(to)?.to_string(),
        })
    }

    /// Resolves `A..B` as a pull request reads it: the old end is where B branched off A (their
    /// merge base, as GitHub's pull-request diff and `git diff A...B` use), so commits that
    /// landed on A after the branch was made are not counted as the branch's doing. Unrelated
    /// histories compare with A itself.
    pub fn resolve_from_merge_base(repo: &Repo, spec: &str) -> Result<Range> {
        let mut range = Range::resolve(repo, spec)?;
        let (a, b) = (commit_id(&range.from_commit)?, commit_id(&range.to_commit)?);
        range.from_commit = repo.fork_point(a, b)?.to_string();
        Ok(range)
    }

    /// The abbreviated old and new commits, for labels.
    pub fn short_ends(&self, repo: &Repo) -> (String, String) {
        let short = |hex: &str| {
            ObjectId::from_hex(hex.as_bytes())
                .map_or_else(|_| hex.chars().take(7).collect(), |id| repo.short(id))
        };
        (short(&self.from_commit), short(&self.to_commit))
    }
}

pub(crate) fn commit_id(hex: &str) -> Result<ObjectId> {
    ObjectId::from_hex(hex.as_bytes())
        .map_err(crate::store::git(format!("reading commit id `{hex}`")))
}

/// A project file that changed in a range, with its text at each end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    /// The path relative to the project root, `/`-separated.
    pub path: String,
    /// Added, modified or deleted.
    pub status: FileStatus,
    /// The text at the old end (`None` when added).
    pub old: Option<Vec<u8>>,
    /// The text at the new end (`None` when deleted).
    pub new: Option<Vec<u8>>,
}

/// Every file under `dir` (relative to the project root) that differs between the range's ends.
pub fn changed_files(repo: &Repo, range: &Range, dir: &str) -> Result<Vec<ChangedFile>> {
    let old = repo.commit_tree(commit_id(&range.from_commit)?)?;
    let new = repo.commit_tree(commit_id(&range.to_commit)?)?;
    let mut changes = Vec::new();
    tree::diff_trees(&repo.git, Some(old), Some(new), "", &mut changes)?;
    let prefix = repo.project_path(&format!("{}/", dir.trim_end_matches('/')));
    let mut out = Vec::new();
    for change in changes {
        if !change.path.starts_with(&prefix) {
            continue;
        }
        let read = |id: Option<ObjectId>| -> Result<Option<Vec<u8>>> {
            id.map(|id| {
                repo.git
                    .find_blob(id)
                    .map(|b| b.data.clone())
                    .map_err(crate::store::git(format!("reading blob {id}")))
            })
            .transpose()
        };
        out.push(ChangedFile {
            path: repo.project_relative(&change.path).to_owned(),
            status: match change.kind {
                ChangeKind::Added => FileStatus::Added,
                ChangeKind::Modified => FileStatus::Modified,
                ChangeKind::Deleted => FileStatus::Deleted,
            },
            old: read(change.old)?,
            new: read(change.new)?,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The text of a project file (path relative to the project root) as committed in `commit`.
pub fn read_at(repo: &Repo, commit: &str, relative: &str) -> Result<Option<String>> {
    let tree = repo.commit_tree(commit_id(commit)?)?;
    match tree::file_at(&repo.git, tree, &repo.project_path(relative))? {
        Some(tree::TreeFile::Blob(blob)) => repo.blob_text(blob).map(Some),
        // A committed link is never followed: its target may lie outside the project.
        Some(tree::TreeFile::Link(_)) | None => Ok(None),
    }
}

/// The files under `dir` (relative to the project root) in `commit`, relative to the project
/// root and sorted.
pub fn list_at(repo: &Repo, commit: &str, dir: &str) -> Result<Vec<String>> {
    let tree = repo.commit_tree(commit_id(commit)?)?;
    let dir = repo.project_path(dir.trim_end_matches('/'));
    let mut out = Vec::new();
    let Some(subtree) = tree::subtree(&repo.git, tree, &dir)? else {
        return Ok(out);
    };
    let prefix = format!("{}/", repo.project_relative(&dir));
    tree::walk_blobs(&repo.git, subtree, &prefix, &mut |path, _| {
        out.push(path.to_owned());
    })?;
    out.sort();
    Ok(out)
}

/// The blob id (hex) of a repository path in `commit`, `None` when the path is absent.
pub fn blob_at(repo: &Repo, commit: &str, path: &str) -> Result<Option<String>> {
    let tree = repo.commit_tree(commit_id(commit)?)?;
    Ok(repo.blob_at(tree, path)?.map(|id| id.to_string()))
}
