//! Git reads for `scan --staged` and `scan --history`.
//!
//! `--staged` must scan what is about to be committed, which is the blobs the index points at,
//! not the working-tree files (a file can be staged, then edited). A pre-commit hook runs it on
//! every commit, so by default it reads only the entries whose blob id differs from `HEAD`'s
//! tree: a commit that touches one file of ten thousand reads one blob, plus the partials a
//! changed prompt renders, which [`StagedLoader`] reads from the index on demand. `--history` scans every
//! version ever committed in a revision range, so a key removed last month is still found; each
//! distinct blob is read once, attributed to the oldest commit in the range that contains it.
//!
//! Results are plain [`GitBlob`] values: paths are relative to the repository's working tree
//! and `/`-separated, and no gix type leaves this file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use gix::bstr::ByteSlice;
use gix::index::entry::Stage;

use crate::confine::{self, EscapeReason, PathEscape};
use crate::prompt::{PromptName, SourceFile, SourceLoader};

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

/// Which staged files `scan --staged` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StagedScope {
    /// Only what the commit changes: entries whose blob differs from `HEAD`'s tree (added or
    /// modified; everything when `HEAD` is unborn).
    Changed,
    /// Every staged file.
    All,
}

/// The git index, read once: lists what is about to be committed and serves any staged file on
/// demand (see [`StagedIndex::loader`]).
///
/// Which entries changed is decided by comparing blob ids with `HEAD`'s tree, so an unchanged
/// file is never read unless a changed prompt renders it as a partial or base.
pub struct StagedIndex {
    repo: gix::Repository,
    index: gix::index::File,
    root: PathBuf,
}

impl std::fmt::Debug for StagedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StagedIndex")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl StagedIndex {
    /// Opens the repository at or above `dir` and reads its index (an absent index is empty).
    pub fn open(dir: &Path) -> Result<StagedIndex, Error> {
        let repo = open(dir)?;
        let index = repo.index_or_empty().map_err(|e| Error::Index {
            message: e.to_string(),
        })?;
        Ok(StagedIndex {
            root: root_of(&repo),
            index: gix::index::File::clone(&index),
            repo,
        })
    }

    /// The working tree the blob paths are relative to (the git dir for a bare repository).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads the staged files in `scope` (conflicted and submodule entries are skipped), in
    /// index order.
    pub fn read(&self, scope: StagedScope) -> Result<GitSnapshot, Error> {
        let head = match scope {
            StagedScope::All => None,
            StagedScope::Changed => self.head_entries()?,
        };
        let mut blobs = Vec::new();
        for entry in self.index.entries() {
            if entry.stage_raw() != 0 || entry.mode.is_submodule() {
                continue;
            }
            let path = entry.path(&self.index);
            // Same id, same content: the committed blob is not read at all.
            let unchanged = head.as_ref().is_some_and(|head| {
                head.entry_by_path_and_stage(path, Stage::Unconflicted)
                    .is_some_and(|committed| committed.id == entry.id)
            });
            if unchanged {
                continue;
            }
            let path = path.to_str_lossy().into_owned();
            let blob = self.repo.find_blob(entry.id).map_err(|e| Error::Objects {
                message: format!("{path}: {e}"),
            })?;
            blobs.push(GitBlob {
                path,
                commit: None,
                data: blob.data.clone(),
            });
        }
        Ok(GitSnapshot {
            root: self.root.clone(),
            blobs,
        })
    }

    /// `HEAD`'s tree as index entries (ids and paths only; no blob is read), or `None` when
    /// `HEAD` is unborn and everything staged is new.
    fn head_entries(&self) -> Result<Option<gix::index::File>, Error> {
        let tree = self
            .repo
            .head_tree_id_or_empty()
            .map_err(|e| Error::Objects {
                message: format!("HEAD: {e}"),
            })?
            .detach();
        if tree.is_empty_tree() {
            return Ok(None);
        }
        let entries = self
            .repo
            .index_from_tree(&tree)
            .map_err(|e| Error::Objects {
                message: format!("HEAD: {e}"),
            })?;
        Ok(Some(entries))
    }

    /// A loader serving the staged prompt and partial files of `prompts_dir` (relative to
    /// `project_root`): from `read` when it holds the file, else from the object database when
    /// asked for. File paths in what it returns are relative to the project root.
    pub fn loader(
        &self,
        read: &GitSnapshot,
        project_root: &Path,
        prompts_dir: &str,
    ) -> StagedLoader {
        let dir = prompts_dir.trim_end_matches('/');
        let dir = if dir.is_empty() || dir == "." {
            PathBuf::new()
        } else {
            PathBuf::from(dir)
        };
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let folder = canonical(&project_root.join(&dir));
        let prefix = folder
            .strip_prefix(canonical(&self.root))
            .ok()
            .map(|relative| {
                let relative = relative.to_string_lossy().replace('\\', "/");
                if relative.is_empty() {
                    relative
                } else {
                    relative + "/"
                }
            });
        let texts = read
            .blobs
            .iter()
            .filter(|blob| {
                prefix
                    .as_ref()
                    .is_some_and(|prefix| blob.path.starts_with(prefix.as_str()))
                    && blob.path.ends_with(".prompt")
            })
            .map(|blob| {
                (
                    blob.path.clone(),
                    String::from_utf8_lossy(&blob.data).into_owned(),
                )
            })
            .collect();
        StagedLoader {
            index: self.index.clone(),
            git_dir: self.repo.git_dir().to_path_buf(),
            options: self.repo.open_options().clone(),
            prefix,
            shown: dir,
            texts,
            read_on_demand: Mutex::new(HashMap::new()),
        }
    }
}

/// Serves prompt and partial files as staged in the git index. Files already read for the scan
/// are served from memory; any other is read from the object database when first asked for,
/// then kept.
///
/// Rendering runs on several threads and a `gix::Repository` cannot be shared between them, so
/// a read that misses reopens the repository; it happens once per distinct unchanged partial or
/// base, not once per prompt. Symbolic links (mode 120000) are refused, as in committed trees.
pub struct StagedLoader {
    index: gix::index::File,
    git_dir: PathBuf,
    options: gix::open::Options,
    /// The prompts folder relative to the working tree, `/`-terminated (`None`: outside it).
    prefix: Option<String>,
    /// The prompts folder as shown, relative to the project root.
    shown: PathBuf,
    /// Texts already read for the scan, by repository path.
    texts: HashMap<String, String>,
    /// Texts read on demand, by blob id.
    read_on_demand: Mutex<HashMap<gix::ObjectId, String>>,
}

impl std::fmt::Debug for StagedLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StagedLoader")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl StagedLoader {
    /// The text of a staged blob that was not read for the scan.
    fn read_blob(&self, id: gix::ObjectId, path: &str) -> std::io::Result<String> {
        let cached = self
            .read_on_demand
            .lock()
            .ok()
            .and_then(|texts| texts.get(&id).cloned());
        if let Some(text) = cached {
            return Ok(text);
        }
        let failed = |message: String| std::io::Error::other(format!(":{path}: {message}"));
        let repo = gix::open_opts(&self.git_dir, self.options.clone())
            .map_err(|e| failed(e.to_string()))?;
        let blob = repo.find_blob(id).map_err(|e| failed(e.to_string()))?;
        let text = String::from_utf8_lossy(&blob.data).into_owned();
        if let Ok(mut texts) = self.read_on_demand.lock() {
            texts.insert(id, text.clone());
        }
        Ok(text)
    }
}

impl SourceLoader for StagedLoader {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let relative = name.relative_path();
        confine::check_name(&relative).map_err(PathEscape::into_io)?;
        let Some(prefix) = &self.prefix else {
            return Ok(None);
        };
        let path = format!("{prefix}{relative}");
        let Some(entry) = self
            .index
            .entry_by_path_and_stage(path.as_bytes().as_bstr(), Stage::Unconflicted)
        else {
            return Ok(None);
        };
        if entry.mode == gix::index::entry::Mode::SYMLINK {
            let reason = EscapeReason::GitLink {
                path: format!(":{path}"),
            };
            return Err(PathEscape::new(relative, reason).into_io());
        }
        if entry.mode.is_submodule() {
            return Ok(None);
        }
        let text = match self.texts.get(&path) {
            Some(text) => text.clone(),
            None => self.read_blob(entry.id, &path)?,
        };
        Ok(Some(SourceFile {
            path: self.shown.join(&relative),
            text,
        }))
    }
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
        let err = StagedIndex::open(dir.path()).unwrap_err();
        assert!(matches!(err, Error::NotARepository { .. }), "{err}");
        assert!(err.hint().is_some());
    }

    /// A repository in a temp dir with `files` staged (a `None` text stages a symbolic link to
    /// `/etc/passwd`), nothing committed.
    fn staged_repo(files: &[(&str, Option<&str>)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let out = std::process::Command::new("git")
                .args(args)
                .current_dir(dir.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_SYSTEM", "/dev/null")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        git(&["init", "-q"]);
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            match text {
                Some(text) => std::fs::write(&path, text).unwrap(),
                #[cfg(unix)]
                None => std::os::unix::fs::symlink("/etc/passwd", &path).unwrap(),
                #[cfg(not(unix))]
                None => unreachable!("links are only staged on unix"),
            }
        }
        git(&["add", "-A"]);
        dir
    }

    fn name(relative: &str) -> PromptName {
        PromptName::from_relative_path(relative).unwrap()
    }

    #[test]
    fn staged_loader_reads_a_file_the_scan_did_not_read_from_the_index() {
        let dir = staged_repo(&[("prompts/shared/_footer.prompt", Some("Staged footer.\n"))]);
        // The working tree differs from the index: the loader serves what is staged.
        std::fs::write(dir.path().join("prompts/shared/_footer.prompt"), "edited\n").unwrap();
        let index = StagedIndex::open(dir.path()).unwrap();
        let nothing_read = GitSnapshot {
            root: index.root().to_path_buf(),
            blobs: Vec::new(),
        };
        let loader = index.loader(&nothing_read, dir.path(), "prompts");
        let file = loader
            .load(&name("shared/_footer.prompt"))
            .unwrap()
            .unwrap();
        assert_eq!(file.text, "Staged footer.\n");
        assert_eq!(file.path, Path::new("prompts/shared/_footer.prompt"));
        assert!(
            loader
                .load(&name("shared/_missing.prompt"))
                .unwrap()
                .is_none()
        );
    }

    #[cfg(unix)]
    #[test]
    fn staged_loader_refuses_a_staged_symbolic_link() {
        let dir = staged_repo(&[("prompts/_evil.prompt", None)]);
        let index = StagedIndex::open(dir.path()).unwrap();
        let read = index.read(StagedScope::All).unwrap();
        let loader = index.loader(&read, dir.path(), "prompts");
        let err = loader.load(&name("_evil.prompt")).unwrap_err();
        assert!(err.to_string().contains("symbolic link in git"), "{err}");
    }
}
