//! Git reads for `scan --staged` and `scan --history`.
//!
//! `--staged` must scan what is about to be committed, which is the blobs the index points at,
//! not the working-tree files (a file can be staged, then edited). `--history` scans every
//! version ever committed in a revision range, so a key removed last month is still found; each
//! distinct blob is read once, attributed to the oldest commit in the range that contains it.
//!
//! Results are plain [`GitBlob`] values: paths are relative to the repository's working tree
//! and `/`-separated, and no gix type leaves this file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;

/// Errors reading git.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No repository at or above the directory.
    #[error("`{}` is not inside a git repository", path.display())]
    NotARepository {
        /// Where the search started.
        path: PathBuf,
        /// What gix said.
        message: String,
    },
    /// The index could not be read.
    #[error("cannot read the git index: {message}")]
    Index {
        /// What gix said.
        message: String,
    },
    /// A revision or range did not resolve.
    #[error("cannot resolve revision `{spec}`: {message}")]
    Revision {
        /// The revision as given.
        spec: String,
        /// What gix said.
        message: String,
    },
    /// An object or the history could not be read.
    #[error("cannot read git objects: {message}")]
    Objects {
        /// What gix said.
        message: String,
    },
}

impl Error {
    /// A hint for the user, when there is something specific to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NotARepository { .. } => {
                Some("`--staged` and `--history` need a git repository; scan paths instead".into())
            }
            Error::Revision { .. } => {
                Some("give a revision or range such as `HEAD`, `main..HEAD` or `v1.0..`".to_owned())
            }
            _ => None,
        }
    }
}

/// One file's content from git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitBlob {
    /// Path relative to the working tree root, `/`-separated.
    pub path: String,
    /// The commit it was read from (`None` for the index).
    pub commit: Option<String>,
    /// The content.
    pub data: Vec<u8>,
}

/// Blobs and the working-tree root they are relative to.
#[derive(Debug, Clone)]
pub struct GitSnapshot {
    /// The repository's working tree (or its git dir for a bare repository).
    pub root: PathBuf,
    /// The files.
    pub blobs: Vec<GitBlob>,
}

fn open(dir: &Path) -> Result<gix::Repository, Error> {
    gix::discover(dir).map_err(|e| Error::NotARepository {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })
}

fn root_of(repo: &gix::Repository) -> PathBuf {
    repo.workdir()
        .map_or_else(|| repo.git_dir().to_path_buf(), Path::to_path_buf)
}

/// Reads every staged file: the blobs the index points at (conflicted and submodule entries
/// are skipped).
pub fn staged(dir: &Path) -> Result<GitSnapshot, Error> {
    let repo = open(dir)?;
    let index = repo.index_or_empty().map_err(|e| Error::Index {
        message: e.to_string(),
    })?;
    let mut blobs = Vec::new();
    for entry in index.entries() {
        if entry.stage_raw() != 0 || entry.mode.is_submodule() {
            continue;
        }
        let path = entry.path(&index).to_str_lossy().into_owned();
        let blob = repo.find_blob(entry.id).map_err(|e| Error::Objects {
            message: format!("{path}: {e}"),
        })?;
        blobs.push(GitBlob {
            path,
            commit: None,
            data: blob.data.clone(),
        });
    }
    Ok(GitSnapshot {
        root: root_of(&repo),
        blobs,
    })
}

/// What the index holds for one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StagedFile {
    /// The staged content.
    Staged(Vec<u8>),
    /// The path is inside the repository but the index has no entry for it.
    NotStaged,
    /// The path is outside the repository's working tree.
    OutsideRepository,
}

/// Reads one staged file: the blob the index holds for `file` (absolute, or relative to `dir`).
///
/// `scan --staged` reads its baseline this way: the fingerprints that count are the ones about
/// to be committed, not an unstaged edit of the baseline in the working tree.
pub fn staged_file(dir: &Path, file: &Path) -> Result<StagedFile, Error> {
    let repo = open(dir)?;
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let absolute = canonical(&dir.join(file));
    let root = canonical(&root_of(&repo));
    let Ok(relative) = absolute.strip_prefix(&root) else {
        return Ok(StagedFile::OutsideRepository);
    };
    let key = relative.to_string_lossy().replace('\\', "/");
    let index = repo.index_or_empty().map_err(|e| Error::Index {
        message: e.to_string(),
    })?;
    let Some(entry) = index
        .entries()
        .iter()
        .find(|e| e.stage_raw() == 0 && e.path(&index) == key.as_bytes())
    else {
        return Ok(StagedFile::NotStaged);
    };
    let blob = repo.find_blob(entry.id).map_err(|e| Error::Objects {
        message: format!("{key}: {e}"),
    })?;
    Ok(StagedFile::Staged(blob.data.clone()))
}

/// Reads every distinct file version in the commits of `range` (`HEAD`, `main..HEAD`, `v1..`),
/// oldest commit first.
pub fn history(dir: &Path, range: &str) -> Result<GitSnapshot, Error> {
    let repo = open(dir)?;
    let revision_error = |message: String| Error::Revision {
        spec: range.to_owned(),
        message,
    };
    let spec = repo
        .rev_parse(range)
        .map_err(|e| revision_error(e.to_string()))?
        .detach();
    let (tips, hidden) = match spec {
        gix::revision::plumbing::Spec::Include(id) => (vec![id], vec![]),
        gix::revision::plumbing::Spec::Range { from, to } => (vec![to], vec![from]),
        gix::revision::plumbing::Spec::Merge { theirs, ours } => (vec![theirs, ours], vec![]),
        _ => {
            return Err(revision_error(
                "only a revision (`HEAD`) or a range (`a..b`, `a...b`) can be scanned".to_owned(),
            ));
        }
    };
    let objects = |e: gix::Error| Error::Objects {
        message: e.to_string(),
    };
    let walk = repo
        .rev_walk(tips)
        .with_hidden(hidden)
        .all()
        .map_err(objects)?;
    let mut commits = Vec::new();
    for info in walk {
        commits.push(info.map_err(objects)?.id);
    }
    commits.reverse();
    let mut seen = HashSet::new();
    let mut blobs = Vec::new();
    for id in commits {
        let tree = repo
            .find_commit(id)
            .and_then(|c| c.tree())
            .map_err(objects)?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse()
            .breadthfirst(&mut recorder)
            .map_err(objects)?;
        for entry in recorder.records {
            if !entry.mode.is_blob() || !seen.insert(entry.oid) {
                continue;
            }
            let blob = repo.find_blob(entry.oid).map_err(objects)?;
            blobs.push(GitBlob {
                path: entry.filepath.to_str_lossy().into_owned(),
                commit: Some(id.to_string()),
                data: blob.data.clone(),
            });
        }
    }
    Ok(GitSnapshot {
        root: root_of(&repo),
        blobs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_repository_is_an_error_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let err = staged(dir.path()).unwrap_err();
        assert!(matches!(err, Error::NotARepository { .. }), "{err}");
        assert!(err.hint().is_some());
    }
}
