//! Result files as committed anywhere in HEAD's history, for `report --history`: a results file
//! deleted or rewritten later still counts where it was committed.
//!
//! Every commit reachable from HEAD is visited (all parents, not only the first: a run committed
//! on a merged branch counts), its `results/` tree read, and each `.jsonl` blob listed once by
//! id, however many commits hold it. A `results/` tree seen before is not read again, so the cost
//! follows the number of distinct result trees, not the number of commits.

use std::collections::HashSet;

use gix::ObjectId;

use crate::store::tree;
use crate::store::{Error, Repo, Result, git};

/// One distinct result file blob in history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommittedResult {
    /// Its path relative to the repository root, where it was first seen.
    pub path: String,
    /// The newest commit (in walk order) that holds it.
    pub commit: String,
    /// The blob id.
    pub blob: String,
}

/// Every distinct `.jsonl` blob under `dir` (relative to the project root) in any commit
/// reachable from HEAD, newest commit first. No commits: none.
pub fn committed_results(repo: &Repo, dir: &str) -> Result<Vec<CommittedResult>> {
    let head = match repo.head_commit() {
        Ok(head) => head,
        Err(Error::NoCommits) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let prefix = repo.project_path(dir.trim_end_matches('/'));
    let walk = repo
        .git
        .rev_walk([head])
        .all()
        .map_err(git("walking history"))?;
    let mut trees: HashSet<ObjectId> = HashSet::new();
    let mut blobs: HashSet<ObjectId> = HashSet::new();
    let mut out = Vec::new();
    for info in walk {
        let commit = info.map_err(git("walking history"))?.id;
        let root = repo.commit_tree(commit)?;
        let Some(results) = tree::subtree(&repo.git, root, &prefix)? else {
            continue;
        };
        if !trees.insert(results) {
            continue;
        }
        let mut found = Vec::new();
        tree::walk_blobs(
            &repo.git,
            results,
            &format!("{prefix}/"),
            &mut |path, id| {
                if std::path::Path::new(path)
                    .extension()
                    .is_some_and(|e| e == "jsonl")
                {
                    found.push((path.to_owned(), id));
                }
            },
        )?;
        for (path, id) in found {
            if blobs.insert(id) {
                out.push(CommittedResult {
                    path,
                    commit: commit.to_string(),
                    blob: id.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// The bytes of a blob named by its hex id.
pub fn read_blob(repo: &Repo, blob: &str) -> Result<Vec<u8>> {
    let id = ObjectId::from_hex(blob.as_bytes()).map_err(git(format!("reading blob {blob}")))?;
    let object = repo
        .git
        .find_blob(id)
        .map_err(git(format!("reading blob {blob}")))?;
    Ok(object.data.clone())
}
