//! Commits promptctl makes (rollbacks, releases, later experiment results), made safely.
//!
//! - Only the paths promptctl owns are committed: the new tree is HEAD's tree with those blobs
//!   replaced, never the index, so whatever the user has staged stays staged and uncommitted.
//! - It refuses during a merge, rebase, cherry-pick, revert or bisect, on a detached HEAD (unless
//!   told otherwise), when a target file has staged or unstaged edits, and without an identity.
//! - The branch moves by compare-and-swap (`HEAD` must still point at the parent), with a reflog
//!   entry. promptctl processes also serialize on a lock under `.git/promptctl/`, and the new
//!   content is computed from the base commit inside it, so two processes committing at once
//!   both succeed, one on top of the other; a commit made by plain git in between makes the swap
//!   fail and promptctl retries on the new HEAD. No update is ever lost.

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
}

const ATTEMPTS: usize = 8;

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
pub fn commit_owned(
    repo: &Repo,
    message: &str,
    options: &CommitOptions,
    build: &mut BuildFiles<'_>,
) -> Result<Committed> {
    let lock_path = repo.private_dir().join("commit");
    std::fs::create_dir_all(repo.private_dir()).map_err(|source| Error::Io {
        path: repo.private_dir(),
        source,
    })?;
    let _lock = gix::lock::Marker::acquire_to_hold_resource(
        &lock_path,
        gix::lock::acquire::Fail::AfterDurationWithBackoff(Duration::from_secs(30)),
        None,
        0,
    )
    .map_err(|_| Error::Locked {
        path: lock_path.with_extension("lock"),
    })?;
    check_state(repo, options)?;
    let branch = repo
        .git
        .head_name()
        .map_err(git("reading HEAD"))?
        .map(|n| n.shorten().to_string());
    let committer = identity(repo.git.committer())?;
    let author = identity(repo.git.author())?;
    for _ in 0..ATTEMPTS {
        let parent = repo.head_commit().ok();
        let base_tree = match parent {
            Some(p) => Some(repo.commit_tree(p)?),
            None => None,
        };
        let files = build(repo, base_tree)?;
        for file in &files {
            check_clean(repo, base_tree, &file.path)?;
        }
        let empty = ObjectId::empty_tree(repo.git.object_hash());
        let mut editor = repo
            .git
            .edit_tree(base_tree.unwrap_or(empty))
            .map_err(git("editing a tree"))?;
        let mut blobs = Vec::new();
        for file in &files {
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
        if Some(tree) == base_tree {
            write_worktree(repo, &files, &blobs)?;
            return Ok(Committed {
                commit: None,
                short: None,
                branch,
            });
        }
        let parents: Vec<ObjectId> = parent.into_iter().collect();
        match repo
            .git
            .commit_as(committer, author, "HEAD", message, tree, parents)
        {
            Ok(id) => {
                let id = id.detach();
                write_worktree(repo, &files, &blobs)?;
                return Ok(Committed {
                    commit: Some(id.to_string()),
                    short: Some(repo.short(id)),
                    branch,
                });
            }
            Err(e) => {
                // Only a moved branch is worth another attempt; anything else is final.
                if repo.head_commit().ok() == parent {
                    return Err(git("updating the branch")(e));
                }
            }
        }
    }
    Err(Error::ConcurrentUpdate {
        branch: branch.unwrap_or_else(|| "HEAD".to_owned()),
    })
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
    let committed = match base_tree {
        Some(tree) => repo.blob_at(tree, path)?,
        None => None,
    };
    let on_disk = repo
        .read_worktree(path)?
        .map(|bytes| {
            gix::objs::compute_hash(repo.git.object_hash(), gix::objs::Kind::Blob, &bytes)
                .map_err(git("hashing a file"))
        })
        .transpose()?;
    if let Ok(index) = repo.git.open_index() {
        let staged = index
            .entry_by_path(BStr::new(path.as_bytes()))
            .map(|e| e.id);
        if staged != committed {
            return Err(Error::UncommittedChanges {
                path: path.to_owned(),
                kind: "staged",
            });
        }
    }
    if on_disk != committed {
        return Err(Error::UncommittedChanges {
            path: path.to_owned(),
            kind: "unstaged",
        });
    }
    Ok(())
}

/// Writes committed files to the work tree and points their index entries at the new blobs.
fn write_worktree(repo: &Repo, files: &[OwnedFile], blobs: &[ObjectId]) -> Result<()> {
    for file in files {
        let absolute = repo.workdir().join(&file.path);
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
    let Ok(mut index) = repo.git.open_index() else {
        return Ok(());
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
    }
    index
        .write(gix::index::write::Options::default())
        .map_err(git("writing the index"))?;
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
