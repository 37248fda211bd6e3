//! The project as it was at a base revision: what `check --base` compares the working tree with.
//!
//! A pull request is judged on what it adds, so `check` needs two things from git: which files
//! differ from the base (to check only those unless `--all`), and the base's content (to tell a
//! finding the change introduced from one that was already there). The base is the merge base of
//! the named revision and HEAD, as `git diff main...HEAD` uses: commits that landed on the
//! target branch after the PR branched off are not the PR's doing.
//!
//! A working-tree file is "unchanged" when its bytes hash to the blob the base holds at its path,
//! which is exact without reading unchanged base blobs (git's own clean/smudge filters and line
//! ending conversion are not applied: a file they rewrite counts as changed, which only widens
//! what is checked).

use std::collections::BTreeMap;

use gix::ObjectId;

use crate::store::{Error, Repo, Result, git, tree};

/// The files of the project at a base commit, by path relative to the project root.
#[derive(Debug, Clone)]
pub struct BaseTree {
    /// The revision as written (`origin/main`), or `HEAD`.
    pub revision: String,
    /// The commit compared with (the merge base), as hex.
    pub commit: String,
    files: BTreeMap<String, ObjectId>,
}

impl Repo {
    /// The project's files at the merge base of `revision` and HEAD; with no revision, at HEAD
    /// itself (what the working tree changed). An unborn HEAD gives an empty base: everything
    /// is new.
    pub fn base_tree(&self, revision: Option<&str>) -> Result<BaseTree> {
        let head = self.head_commit().ok();
        let commit = match (revision, head) {
            (None, None) => {
                return Ok(BaseTree {
                    revision: "HEAD".to_owned(),
                    commit: String::new(),
                    files: BTreeMap::new(),
                });
            }
            (None, Some(head)) => head,
            (Some(rev), head) => {
                let base = self.rev_commit(rev).ok_or_else(|| Error::Git {
                    context: format!("resolving the base `{rev}`"),
                    message: "no such revision (fetch it first: CI checkouts are often shallow; \
                              `actions/checkout` needs `fetch-depth: 0`)"
                        .to_owned(),
                })?;
                match head {
                    Some(head) => self.fork_point(base, head)?,
                    None => base,
                }
            }
        };
        let root = self.commit_tree(commit)?;
        let mut files = BTreeMap::new();
        let prefix = &self.project_prefix;
        tree::walk_blobs(&self.git, root, "", &mut |path, blob| {
            if let Some(relative) = path.strip_prefix(prefix.as_str()) {
                files.insert(relative.to_owned(), blob);
            }
        })?;
        Ok(BaseTree {
            revision: revision.unwrap_or("HEAD").to_owned(),
            commit: commit.to_string(),
            files,
        })
    }

    /// Reads a base file's bytes.
    pub fn base_file(&self, base: &BaseTree, relative: &str) -> Result<Option<Vec<u8>>> {
        let Some(id) = base.files.get(relative) else {
            return Ok(None);
        };
        let blob = self
            .git
            .find_blob(*id)
            .map_err(git(format!("reading `{relative}` at the base")))?;
        Ok(Some(blob.data.clone()))
    }

    /// Whether `bytes` are exactly what the base holds at `relative`.
    pub fn unchanged_since(&self, base: &BaseTree, relative: &str, bytes: &[u8]) -> bool {
        let Some(id) = base.files.get(relative) else {
            return false;
        };
        self.blob_id_of(bytes).is_ok_and(|hashed| hashed == *id)
    }

    /// What [`Repo::unchanged_since`] needs to answer from any thread: the repository's hash
    /// kind (a `Repo` itself stays on one thread), so files can be judged as they are read.
    pub fn change_test<'b>(&self, base: &'b BaseTree) -> ChangeTest<'b> {
        ChangeTest {
            hash: self.git.object_hash(),
            base,
        }
    }
}

/// Tells whether a file's bytes differ from the base, on any thread ([`Repo::change_test`]).
#[derive(Debug, Clone, Copy)]
pub struct ChangeTest<'b> {
    hash: gix::hash::Kind,
    base: &'b BaseTree,
}

impl ChangeTest<'_> {
    /// Whether `bytes` are exactly what the base holds at `relative`.
    pub fn unchanged(&self, relative: &str, bytes: &[u8]) -> bool {
        let Some(id) = self.base.files.get(relative) else {
            return false;
        };
        gix::objs::compute_hash(self.hash, gix::objs::Kind::Blob, bytes)
            .is_ok_and(|hashed| hashed == *id)
    }
}

impl Repo {
    /// Of these paths (relative to the project root), the ones git ignores (`.gitignore`,
    /// `.git/info/exclude`, `core.excludesFile`): an ignored file is not part of a change. A file
    /// git tracks is never ignored.
    pub fn ignored(&self, relative: &[&str]) -> Result<std::collections::HashSet<String>> {
        let mut out = std::collections::HashSet::new();
        if relative.is_empty() {
            return Ok(out);
        }
        let index = self
            .git
            .index_or_empty()
            .map_err(git("reading the index"))?;
        let mut excludes = self
            .git
            .excludes(
                &index,
                None,
                gix::worktree::stack::state::ignore::Source::WorktreeThenIdMappingIfNotSkipped,
            )
            .map_err(git("reading the ignore files"))?;
        for path in relative {
            let repo_path = format!("{}{path}", self.project_prefix);
            if index
                .entry_by_path(gix::bstr::BStr::new(repo_path.as_bytes()))
                .is_some()
            {
                continue;
            }
            let platform = excludes
                .at_entry(repo_path.as_str(), None)
                .map_err(git(format!("checking whether `{repo_path}` is ignored")))?;
            if platform.is_excluded() {
                out.insert((*path).to_owned());
            }
        }
        Ok(out)
    }
}

impl BaseTree {
    /// Every path at the base, relative to the project root, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Whether the base has a file at `relative`.
    pub fn contains(&self, relative: &str) -> bool {
        self.files.contains_key(relative)
    }

    /// The short commit id, for messages.
    pub fn short_commit(&self) -> &str {
        &self.commit[..self.commit.len().min(7)]
    }
}
