//! Commits promptctl makes (rollbacks, releases, experiment results), made the way git makes them.
//!
//! A commit is only safe if plain git agrees with it afterwards: the next `git commit`, `git
//! status` and `git fsck --strict` must see exactly what promptctl committed. So this module
//! follows git's own protocol instead of inventing one:
//!
//! - **`index.lock` for the whole operation.** Git takes `.git/index.lock` before it reads the
//!   index and releases it by renaming the new index into place; promptctl does the same, and
//!   holds it from reading HEAD to writing the index. A `git commit` running at the same moment
//!   therefore either finishes before promptctl starts (promptctl builds on its commit) or fails
//!   cleanly on the lock. promptctl processes serialize on the same lock.
//! - **The cache-tree is invalidated.** The index's `TREE` extension caches the tree id of each
//!   folder; git trusts a valid entry when it writes the next commit. Every folder on the path of
//!   a file promptctl changes is marked invalid, exactly as git does for `git add`, so the next
//!   `git commit` recomputes them instead of reverting promptctl's change.
//! - **Compare-and-swap on the branch.** The ref moves only if it still points at the parent the
//!   new tree was computed from (git's ref lock plus the expected old value); if another writer
//!   moved it, the content is computed again on the new HEAD and retried, a bounded number of
//!   times. No update is ever lost.
//! - **Only the paths promptctl owns are committed.** The new tree is HEAD's tree with those blobs
//!   replaced, never the index, so whatever the user has staged stays staged and uncommitted.
//! - **A commit that was made is reported as made.** Once the branch has moved, a failure to
//!   update the work tree or the index is a warning on the [`Committed`] value, never an error.
//!
//! It refuses during a merge, rebase, cherry-pick, revert or bisect, on a detached HEAD (unless
//! told otherwise), when a target file has staged or unstaged edits of its own, and without an
//! identity.

use std::path::PathBuf;
use std::time::Duration;

use gix::ObjectId;
use gix::bstr::BStr;

use crate::store::{Error, Repo, Result, git};

/// How a commit should be made.
#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// Commit even when HEAD is detached (moves HEAD itself).
    pub allow_detached: bool,
}

/// A file promptctl writes: its repository path and new content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedFile {
    /// Path relative to the work tree, `/`-separated.
    pub path: String,
    /// The new content.
    pub content: Vec<u8>,
}

/// The commit that was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The new commit (hex); `None` when the content was already committed.
    pub commit: Option<String>,
    /// Its abbreviated id.
    pub short: Option<String>,
    /// The branch that moved (`None` on a detached HEAD).
    pub branch: Option<String>,
    /// Set when the commit was made but the work tree or index could not be brought up to date
    /// with it: what went wrong, for the user to repair by hand.
    pub warning: Option<String>,
}

/// How many times the branch may move under promptctl before it gives up.
const ATTEMPTS: u32 = 8;

/// How long promptctl waits for another process's `index.lock` (or `config.lock`) before giving
/// up.
pub(crate) const INDEX_LOCK_WAIT: Duration = Duration::from_secs(10);

/// Computes the files to commit from the base commit's tree (`None` before the first commit).
pub type BuildFiles<'a> = dyn FnMut(&Repo, Option<ObjectId>) -> Result<Vec<OwnedFile>> + 'a;

/// Checks that promptctl may write `paths` now, without writing anything.
pub fn check_writable(repo: &Repo, paths: &[String], options: &CommitOptions) -> Result<()> {
    check_state(repo, options)?;
    let base_tree = match repo.head_commit() {
        Ok(head) => Some(repo.commit_tree(head)?),
        Err(_) => None,
    };
    for path in paths {
        check_clean(repo, base_tree, path)?;
    }
    Ok(())
}

/// Commits the files `build` computes from the base commit, and writes them to the work tree
/// and index. `build` is called again if the branch moved, so it must derive everything it writes
/// from the tree it is given (`None` before the first commit).
///
/// A file whose work-tree (or staged) content already equals the new content is not an edit of
/// the user's: a caller may write a file first and then commit it.
pub fn commit_owned(
    repo: &Repo,
    message: &str,
    options: &CommitOptions,
    build: &mut BuildFiles<'_>,
) -> Result<Committed> {
    let lock = IndexLock::acquire(repo)?;
    check_state(repo, options)?;
    let branch = repo
        .git
        .head_name()
        .map_err(git("reading HEAD"))?
        .map(|n| n.shorten().to_string());
    let committer = identity(repo.git.committer())?;
    let author = identity(repo.git.author())?;
    let mut last_error = None;
    let first_parent = repo.head_commit().ok();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(20 * u64::from(attempt * attempt)));
        }
        let parent = repo.head_commit().ok();
        let base_tree = match parent {
            Some(p) => Some(repo.commit_tree(p)?),
            None => None,
        };
        let files = build(repo, base_tree)?;
        let index = lock.read_index(repo)?;
        for file in &files {
            check_clean_against(repo, base_tree, index.as_ref(), &file.path, &file.content)?;
        }
        let (tree, blobs) = write_tree(repo, base_tree, &files)?;
        if Some(tree) == base_tree {
            lock.finish(repo, index, tree, &files, &blobs)?;
            return Ok(Committed {
                commit: None,
                short: None,
                branch,
                warning: None,
            });
        }
        let commit = write_commit(repo, committer, author, message, tree, parent)?;
        match move_head(repo, committer, message, parent, commit) {
            Ok(()) => {}
            // The update may have failed after the ref moved (a reflog write, say): what the
            // branch points at decides whether the commit was made.
            Err(_) if repo.head_commit().ok() == Some(commit) => {}
            Err(e) => {
                last_error = Some(e);
                continue;
            }
        }
        let warning = lock
            .finish(repo, index, tree, &files, &blobs)
            .err()
            .map(|e| {
                format!(
                    "the commit was made, but the work tree or index was not updated ({e}); \
                     `git status` shows the difference and `git checkout HEAD -- <file>` repairs it"
                )
            });
        return Ok(Committed {
            commit: Some(commit.to_string()),
            short: Some(repo.short(commit)),
            branch,
            warning,
        });
    }
    // Eight attempts failed. If the branch kept moving, say so; otherwise the ref update itself
    // is failing (a stuck lock, permissions), and its own error says why.
    match last_error {
        Some(e) if repo.head_commit().ok() == first_parent => Err(e),
        _ => Err(Error::ConcurrentUpdate {
            branch: branch.unwrap_or_else(|| "HEAD".to_owned()),
        }),
    }
}

/// Commits `files` on top of HEAD's tree to a new branch `branch` (`improve/x-1`), leaving HEAD,
/// the index and the work tree as they are: for content the user should look at (and try)
/// before it is part of their checkout. The first free name of `branch`, `branch-2`, `branch-3`,
/// … is used (created compare-and-swap, so two writers never share one); `files` is given the
/// name being tried, so content may name its own branch. Returns the name with the commit (hex).
pub fn commit_to_new_branch(
    repo: &Repo,
    branch: &str,
    message: &str,
    files: &dyn Fn(&str) -> Vec<OwnedFile>,
) -> Result<(String, String)> {
    use gix::refs::transaction::PreviousValue;
    let committer = identity(repo.git.committer())?;
    let author = identity(repo.git.author())?;
    let parent = repo.head_commit()?;
    let base_tree = repo.commit_tree(parent)?;
    check_new_branch(repo, branch)?;
    let mut last = None;
    for n in 1..=100u32 {
        let name = if n == 1 {
            branch.to_owned()
        } else {
            format!("{branch}-{n}")
        };
        let full = format!("refs/heads/{name}");
        if repo
            .git
            .try_find_reference(full.as_str())
            .ok()
            .flatten()
            .is_some()
        {
            continue;
        }
        let (tree, _) = write_tree(repo, Some(base_tree), &files(&name))?;
        let commit = write_commit(repo, committer, author, message, tree, Some(parent))?;
        match move_branch(
            repo,
            committer,
            &name,
            message,
            commit,
            PreviousValue::MustNotExist,
        ) {
            Ok(()) => return Ok((name, commit.to_string())),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::ConcurrentUpdate {
        branch: branch.to_owned(),
    }))
}

/// Commits `files` on top of the tip of the existing branch `branch`, which need not be checked
/// out: HEAD, the index and the work tree are left as they are (the branch `improve` made, for
/// the results of the run that compares its candidates). Compare-and-swap on the tip; returns
/// the commit (hex).
pub fn commit_to_branch(
    repo: &Repo,
    branch: &str,
    message: &str,
    files: &[OwnedFile],
) -> Result<String> {
    use gix::refs::transaction::PreviousValue;
    let committer = identity(repo.git.committer())?;
    let author = identity(repo.git.author())?;
    let full = format!("refs/heads/{branch}");
    for _ in 0..ATTEMPTS {
        let mut reference = repo
            .git
            .find_reference(full.as_str())
            .map_err(git(format!("reading the branch `{branch}`")))?;
        let tip = reference
            .peel_to_id()
            .map_err(git(format!("reading the branch `{branch}`")))?
            .detach();
        let base_tree = repo.commit_tree(tip)?;
        let (tree, _) = write_tree(repo, Some(base_tree), files)?;
        let commit = write_commit(repo, committer, author, message, tree, Some(tip))?;
        let expected = PreviousValue::MustExistAndMatch(gix::refs::Target::Object(tip));
        if move_branch(repo, committer, branch, message, commit, expected).is_ok() {
            return Ok(commit.to_string());
        }
    }
    Err(Error::ConcurrentUpdate {
        branch: branch.to_owned(),
    })
}

/// Points `refs/heads/<name>` at `commit` if it is still `expected`, with a reflog entry.
fn move_branch(
    repo: &Repo,
    committer: gix::actor::SignatureRef<'_>,
    name: &str,
    message: &str,
    commit: ObjectId,
    expected: gix::refs::transaction::PreviousValue,
) -> Result<()> {
    use gix::refs::Target;
    use gix::refs::transaction::{Change, LogChange, RefEdit, RefLog};
    let summary = message.lines().next().unwrap_or_default();
    let full = format!("refs/heads/{name}");
    let edit = RefEdit {
        change: Change::Update {
            log: LogChange {
                mode: RefLog::AndReference,
                force_create_reflog: false,
                message: format!("commit: {summary}").into(),
            },
            expected,
            new: Target::Object(commit),
        },
        name: full
            .as_str()
            .try_into()
            .map_err(git(format!("naming the branch `{name}`")))?,
        deref: false,
    };
    repo.git
        .edit_references_as(Some(edit), Some(committer))
        .map(|_| ())
        .map_err(git(format!("moving the branch `{name}`")))
}

/// Checks that a branch `branch` (or `branch-N`) can be created: no existing branch is named
/// like one of its folders. For callers that check before spending anything on the content.
pub fn check_new_branch(repo: &Repo, branch: &str) -> Result<()> {
    match blocking_branch(repo, branch) {
        Some(blocking) => Err(Error::BranchBlocked {
            wanted: branch.to_owned(),
            blocking,
        }),
        None => Ok(()),
    }
}

/// An existing branch whose name is a folder of `branch` (`improve` for `improve/x`): git keeps
/// branches as files, so while it exists no branch can be created under it.
fn blocking_branch(repo: &Repo, branch: &str) -> Option<String> {
    let mut prefix = String::new();
    for part in branch
        .split('/')
        .take(branch.split('/').count().saturating_sub(1))
    {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        let full = format!("refs/heads/{prefix}");
        if repo
            .git
            .try_find_reference(full.as_str())
            .ok()
            .flatten()
            .is_some()
        {
            return Some(prefix);
        }
    }
    None
}

/// Writes the blobs of `files` and the tree that is `base_tree` with them in place.
fn write_tree(
    repo: &Repo,
    base_tree: Option<ObjectId>,
    files: &[OwnedFile],
) -> Result<(ObjectId, Vec<ObjectId>)> {
    let empty = ObjectId::empty_tree(repo.git.object_hash());
    let mut editor = repo
        .git
        .edit_tree(base_tree.unwrap_or(empty))
        .map_err(git("editing a tree"))?;
    let mut blobs = Vec::with_capacity(files.len());
    for file in files {
        let blob = repo
            .git
            .write_blob(&file.content)
            .map_err(git("writing a blob"))?
            .detach();
        editor
            .upsert(file.path.as_str(), gix::object::tree::EntryKind::Blob, blob)
            .map_err(git(format!("adding `{}` to a tree", file.path)))?;
        blobs.push(blob);
    }
    let tree = editor.write().map_err(git("writing a tree"))?.detach();
    Ok((tree, blobs))
}

/// Writes the commit object (the branch does not move yet).
fn write_commit(
    repo: &Repo,
    committer: gix::actor::SignatureRef<'_>,
    author: gix::actor::SignatureRef<'_>,
    message: &str,
    tree: ObjectId,
    parent: Option<ObjectId>,
) -> Result<ObjectId> {
    let commit = gix::objs::Commit {
        message: message.into(),
        tree,
        author: author.into(),
        committer: committer.into(),
        encoding: None,
        parents: parent.into_iter().collect(),
        extra_headers: Vec::new(),
    };
    Ok(repo
        .git
        .write_object(&commit)
        .map_err(git("writing a commit"))?
        .detach())
}

/// Moves HEAD (through the branch it names) from `parent` to `commit`, compare-and-swap.
fn move_head(
    repo: &Repo,
    committer: gix::actor::SignatureRef<'_>,
    message: &str,
    parent: Option<ObjectId>,
    commit: ObjectId,
) -> Result<()> {
    use gix::refs::Target;
    use gix::refs::transaction::{Change, LogChange, PreviousValue, RefEdit, RefLog};
    let expected = match parent {
        Some(parent) => PreviousValue::MustExistAndMatch(Target::Object(parent)),
        None => PreviousValue::MustNotExist,
    };
    let summary = message.lines().next().unwrap_or_default();
    let edit = RefEdit {
        change: Change::Update {
            log: LogChange {
                mode: RefLog::AndReference,
                force_create_reflog: false,
                message: format!(
                    "commit{}: {summary}",
                    if parent.is_none() { " (initial)" } else { "" }
                )
                .into(),
            },
            expected,
            new: Target::Object(commit),
        },
        name: "HEAD".try_into().map_err(git("naming HEAD"))?,
        deref: true,
    };
    repo.git
        .edit_references_as(Some(edit), Some(committer))
        .map_err(git("updating the branch"))?;
    Ok(())
}

fn identity(
    signature: Option<std::result::Result<gix::actor::SignatureRef<'_>, gix::Error>>,
) -> Result<gix::actor::SignatureRef<'_>> {
    match signature {
        None => Err(Error::NoIdentity),
        Some(Err(e)) => Err(git("reading the git identity")(e)),
        Some(Ok(sig)) => Ok(sig),
    }
}

fn check_state(repo: &Repo, options: &CommitOptions) -> Result<()> {
    if let Some(state) = repo.git.state() {
        return Err(Error::OperationInProgress {
            operation: describe_state(&state).to_owned(),
        });
    }
    let head = repo.git.head().map_err(git("reading HEAD"))?;
    if head.is_detached() && !options.allow_detached {
        return Err(Error::DetachedHead);
    }
    Ok(())
}

fn describe_state(state: &gix::state::InProgress) -> &'static str {
    use gix::state::InProgress as S;
    match state {
        S::Merge => "merge",
        S::CherryPick | S::CherryPickSequence => "cherry-pick",
        S::Revert | S::RevertSequence => "revert",
        S::Bisect => "bisect",
        S::ApplyMailbox | S::ApplyMailboxRebase => "`git am`",
        _ => "rebase",
    }
}

/// Refuses when `path` differs between the base commit, the index and the work tree.
pub(crate) fn check_clean(repo: &Repo, base_tree: Option<ObjectId>, path: &str) -> Result<()> {
    let index = if repo.git.index_path().exists() {
        Some(repo.git.open_index().map_err(git("reading the index"))?)
    } else {
        None
    };
    let committed = match base_tree {
        Some(tree) => repo.blob_at(tree, path)?,
        None => None,
    };
    check_file(repo, committed, committed, index.as_ref(), path)
}

/// Like [`check_clean`], but content equal to `new` (the caller already wrote or staged it) is
/// not an edit of the user's.
fn check_clean_against(
    repo: &Repo,
    base_tree: Option<ObjectId>,
    index: Option<&gix::index::File>,
    path: &str,
    new: &[u8],
) -> Result<()> {
    let committed = match base_tree {
        Some(tree) => repo.blob_at(tree, path)?,
        None => None,
    };
    let new = repo.blob_id_of(new)?;
    check_file(repo, committed, Some(new), index, path)
}

/// Refuses unless the index and the work tree hold either `committed` or `new` for `path`.
fn check_file(
    repo: &Repo,
    committed: Option<ObjectId>,
    new: Option<ObjectId>,
    index: Option<&gix::index::File>,
    path: &str,
) -> Result<()> {
    let acceptable = |id: Option<ObjectId>| id == committed || (id.is_some() && id == new);
    if let Some(index) = index {
        let staged = index
            .entry_by_path(BStr::new(path.as_bytes()))
            .map(|e| e.id);
        if !acceptable(staged) {
            return Err(Error::UncommittedChanges {
                path: path.to_owned(),
                kind: "staged",
            });
        }
    }
    let on_disk = repo
        .read_worktree(path)?
        .map(|bytes| repo.blob_id_of(&bytes))
        .transpose()?;
    if !acceptable(on_disk) {
        return Err(Error::UncommittedChanges {
            path: path.to_owned(),
            kind: "unstaged",
        });
    }
    Ok(())
}

/// `.git/index.lock`, held the way git holds it: created exclusively, written with the new
/// index, and renamed over `.git/index` (or removed, if promptctl stops early).
struct IndexLock {
    file: gix::lock::File,
    path: PathBuf,
}

impl IndexLock {
    fn acquire(repo: &Repo) -> Result<IndexLock> {
        let index = repo.git.index_path();
        let file = gix::lock::File::acquire_to_update_resource(
            &index,
            gix::lock::acquire::Fail::AfterDurationWithBackoff(INDEX_LOCK_WAIT),
            None,
            0,
        )
        .map_err(|_| Error::Locked {
            path: index.with_extension("lock"),
        })?;
        Ok(IndexLock { file, path: index })
    }

    /// The index as it is on disk now; nobody else can change it while the lock is held.
    fn read_index(&self, repo: &Repo) -> Result<Option<gix::index::File>> {
        if !self.path.exists() {
            return Ok(None);
        }
        repo.git
            .open_index()
            .map(Some)
            .map_err(git("reading the index"))
    }

    /// Writes the committed files to the work tree, points their index entries at the new blobs
    /// with the folders above them invalidated in the cache-tree, and releases the lock by
    /// renaming the new index into place.
    fn finish(
        mut self,
        repo: &Repo,
        index: Option<gix::index::File>,
        tree: ObjectId,
        files: &[OwnedFile],
        blobs: &[ObjectId],
    ) -> Result<()> {
        write_worktree(repo, files)?;
        let mut index = match index {
            Some(index) => index,
            // No index yet (a repository that never had one): git would read that as "every
            // file deleted", so start from the tree just committed.
            None => repo
                .git
                .index_from_tree(&tree)
                .map_err(git("creating the index"))?,
        };
        for (file, blob) in files.iter().zip(blobs) {
            let absolute = repo.workdir().join(&file.path);
            let stat = gix::index::fs::Metadata::from_path_no_follow(&absolute)
                .ok()
                .and_then(|m| gix::index::entry::Stat::from_fs(&m).ok())
                .unwrap_or_default();
            let path = BStr::new(file.path.as_bytes());
            if let Ok(i) = index.entry_index_by_path(path) {
                let entry = &mut index.entries_mut()[i];
                entry.id = *blob;
                entry.stat = stat;
            } else {
                index.dangerously_push_entry(
                    stat,
                    *blob,
                    gix::index::entry::Flags::empty(),
                    gix::index::entry::Mode::FILE,
                    path,
                );
                index.sort_entries();
            }
            invalidate_cache_tree(&mut index, &file.path);
        }
        index
            .write_to(&mut self.file, gix::index::write::Options::default())
            .map_err(git("writing the index"))?;
        self.file.commit().map_err(|e| Error::Io {
            path: self.path.clone(),
            source: e.error,
        })?;
        Ok(())
    }
}

/// Marks the cache-tree entries of every folder above `path` invalid (git's
/// `cache_tree_invalidate_path`), so git recomputes them instead of trusting stale tree ids.
fn invalidate_cache_tree(index: &mut gix::index::File, path: &str) {
    let Some(mut node) = index.tree_mut() else {
        return;
    };
    node.num_entries = None;
    let mut folders: Vec<&str> = path.split('/').collect();
    folders.pop();
    for folder in folders {
        match node
            .children
            .iter_mut()
            .find(|child| child.name.as_slice() == folder.as_bytes())
        {
            Some(child) => {
                child.num_entries = None;
                node = child;
            }
            None => return,
        }
    }
}

/// Writes committed files to the work tree.
fn write_worktree(repo: &Repo, files: &[OwnedFile]) -> Result<()> {
    for file in files {
        let absolute = repo.workdir().join(&file.path);
        if std::fs::read(&absolute).is_ok_and(|bytes| bytes == file.content) {
            continue;
        }
        if let Some(parent) = absolute.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&absolute, &file.content).map_err(|source| Error::Io {
            path: absolute.clone(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::project::Project;

    /// A repository with one commit and a local identity, opened as a promptctl project.
    fn repo_with_commit() -> (tempfile::TempDir, Repo) {
        let dir = tempfile::tempdir().unwrap();
        let git = gix::init(dir.path()).unwrap();
        let config = dir.path().join(".git/config");
        let mut text = std::fs::read_to_string(&config).unwrap();
        text.push_str("[user]\n\tname = Test\n\temail = test@example.com\n");
        std::fs::write(&config, text).unwrap();
        let git = gix::open(git.git_dir()).unwrap();
        let blob = git.write_blob(b"one\n").unwrap().detach();
        let mut editor = git
            .edit_tree(ObjectId::empty_tree(git.object_hash()))
            .unwrap();
        editor
            .upsert("a.txt", gix::object::tree::EntryKind::Blob, blob)
            .unwrap();
        let tree = editor.write().unwrap().detach();
        git.commit("HEAD", "first", tree, None::<ObjectId>).unwrap();
        std::fs::write(dir.path().join("a.txt"), "one\n").unwrap();
        let project = Project {
            root: dir.path().to_path_buf(),
            config: Config::default(),
        };
        let repo = Repo::open(&project).unwrap();
        (dir, repo)
    }

    #[test]
    fn a_branch_moved_by_someone_else_is_retried_on_the_new_head() {
        let (dir, repo) = repo_with_commit();
        let mut calls = 0;
        let mut intruder = None;
        let committed = commit_owned(
            &repo,
            "Mine",
            &CommitOptions::default(),
            &mut |repo, base| {
                calls += 1;
                if calls == 1 {
                    // Another writer commits between our read of HEAD and our ref update.
                    let head = repo.head_commit()?;
                    let id = repo
                        .git
                        .commit("HEAD", "theirs", base.expect("a base tree"), [head])
                        .map_err(git("test commit"))?;
                    intruder = Some(id.detach());
                }
                Ok(vec![OwnedFile {
                    path: "env/prod.yaml".into(),
                    content: format!("attempt {calls}\n").into_bytes(),
                }])
            },
        )
        .unwrap();
        assert_eq!(calls, 2, "the build step runs again on the moved branch");
        let head = repo.head_commit().unwrap();
        assert_eq!(Some(head.to_string()), committed.commit);
        let commit = repo.git.find_commit(head).unwrap();
        let parent = commit.parent_ids().next().unwrap().detach();
        assert_eq!(
            Some(parent),
            intruder,
            "the other commit is kept, not overwritten"
        );
        let tree = repo.commit_tree(head).unwrap();
        let blob = repo.blob_at(tree, "env/prod.yaml").unwrap().unwrap();
        assert_eq!(repo.blob_text(blob).unwrap(), "attempt 2\n");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("env/prod.yaml")).unwrap(),
            "attempt 2\n"
        );
        assert!(committed.branch.is_some(), "HEAD is on a branch");
    }

    #[test]
    fn unchanged_content_makes_no_commit() {
        let (_dir, repo) = repo_with_commit();
        let before = repo.head_commit().unwrap();
        let committed = commit_owned(&repo, "Nothing", &CommitOptions::default(), &mut |_, _| {
            Ok(vec![OwnedFile {
                path: "a.txt".into(),
                content: b"one\n".to_vec(),
            }])
        })
        .unwrap();
        assert_eq!(committed.commit, None);
        assert_eq!(repo.head_commit().unwrap(), before);
    }
}
