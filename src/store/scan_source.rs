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
//! Neither reads a blob up front: both list [`GitEntry`] values (paths relative to the
//! repository's working tree, `/`-separated), and the scan reads each one with
//! [`GitSnapshot::read`] when a worker is ready for it, so memory does not grow with the number
//! or size of the files scanned. No gix type leaves this file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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

/// One file version to scan: its path and the commit it comes from. Its content is read with
/// [`GitSnapshot::read`] when it is scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitEntry {
    /// Path relative to the working tree root, `/`-separated.
    pub path: String,
    /// The commit it was read from (`None` for the index).
    pub commit: Option<String>,
    /// The blob.
    id: gix::ObjectId,
}

/// The file versions to scan, the working-tree root they are relative to, and where their
/// blobs are read from.
#[derive(Debug, Clone)]
pub struct GitSnapshot {
    /// The repository's working tree (or its git dir for a bare repository).
    pub root: PathBuf,
    /// The files, in the order they are reported.
    pub entries: Vec<GitEntry>,
    objects: ObjectReader,
}

impl GitSnapshot {
    /// The bytes of one entry's blob, read on the calling thread.
    pub fn read(&self, entry: &GitEntry) -> Result<Vec<u8>, Error> {
        self.objects
            .read(entry.id)
            .map_err(|message| Error::Objects {
                message: format!("{}: {message}", entry.path),
            })
    }
}

/// Reads blobs of one repository from any thread.
///
/// gix is built here without its `parallel` feature, so a repository handle cannot cross
/// threads; each thread opens the repository once and keeps the handle (and its object caches)
/// for every later read, from this reader or any other of the same repository.
#[derive(Clone)]
struct ObjectReader {
    git_dir: PathBuf,
    options: gix::open::Options,
}

impl std::fmt::Debug for ObjectReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectReader")
            .field("git_dir", &self.git_dir)
            .finish_non_exhaustive()
    }
}

thread_local! {
    /// This thread's handle on the repository read last, by its git dir.
    static THREAD_REPOSITORY: std::cell::RefCell<Option<(PathBuf, gix::Repository)>> =
        const { std::cell::RefCell::new(None) };
}

impl ObjectReader {
    fn of(repo: &gix::Repository) -> ObjectReader {
        ObjectReader {
            git_dir: repo.git_dir().to_path_buf(),
            options: repo.open_options().clone(),
        }
    }

    /// The bytes of a blob, or what went wrong, as text.
    fn read(&self, id: gix::ObjectId) -> Result<Vec<u8>, String> {
        THREAD_REPOSITORY.with_borrow_mut(|slot| {
            if slot.as_ref().is_none_or(|(dir, _)| *dir != self.git_dir) {
                let repo = gix::open_opts(&self.git_dir, self.options.clone())
                    .map_err(|e| e.to_string())?;
                *slot = Some((self.git_dir.clone(), repo));
            }
            let (_, repo) = slot.as_ref().ok_or("no repository")?;
            let blob = repo.find_blob(id).map_err(|e| e.to_string())?;
            Ok(blob.detach().data)
        })
    }
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

    /// Lists the staged files in `scope` (conflicted and submodule entries are skipped), in
    /// index order; none is read yet.
    pub fn read(&self, scope: StagedScope) -> Result<GitSnapshot, Error> {
        let head = match scope {
            StagedScope::All => None,
            StagedScope::Changed => self.head_entries()?,
        };
        let mut entries = Vec::new();
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
            entries.push(GitEntry {
                path: path.to_str_lossy().into_owned(),
                commit: None,
                id: entry.id,
            });
        }
        Ok(GitSnapshot {
            root: self.root.clone(),
            entries,
            objects: ObjectReader::of(&self.repo),
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
    /// `project_root`), read from the object database when asked for. File paths in what it
    /// returns are relative to the project root.
    pub fn loader(&self, project_root: &Path, prompts_dir: &str) -> StagedLoader {
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
        StagedLoader {
            index: self.index.clone(),
            objects: ObjectReader::of(&self.repo),
            prefix,
            shown: dir,
        }
    }
}

/// Serves prompt and partial files as staged in the git index, reading each from the object
/// database when asked for (the scan keeps the partials it loads, so a partial is read once,
/// not once per prompt that includes it). Symbolic links (mode 120000) are refused, as in
/// committed trees.
pub struct StagedLoader {
    index: gix::index::File,
    objects: ObjectReader,
    /// The prompts folder relative to the working tree, `/`-terminated (`None`: outside it).
    prefix: Option<String>,
    /// The prompts folder as shown, relative to the project root.
    shown: PathBuf,
}

impl std::fmt::Debug for StagedLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StagedLoader")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl StagedLoader {
    /// The text of a staged blob.
    fn read_blob(&self, id: gix::ObjectId, path: &str) -> std::io::Result<String> {
        let data = self
            .objects
            .read(id)
            .map_err(|message| std::io::Error::other(format!(":{path}: {message}")))?;
        Ok(String::from_utf8_lossy(&data).into_owned())
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
        let text = self.read_blob(entry.id, &path)?;
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

/// Lists every distinct file version in the commits of `range` (`HEAD`, `main..HEAD`, `v1..`),
/// oldest commit first, each attributed to the first commit that has it; none is read yet.
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
    let mut entries = Vec::new();
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
            entries.push(GitEntry {
                path: entry.filepath.to_str_lossy().into_owned(),
                commit: Some(id.to_string()),
                id: entry.oid,
            });
        }
    }
    Ok(GitSnapshot {
        root: root_of(&repo),
        entries,
        objects: ObjectReader::of(&repo),
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
    fn staged_loader_reads_a_staged_file_from_the_index() {
        let dir = staged_repo(&[("prompts/shared/_footer.prompt", Some("Staged footer.\n"))]);
        // The working tree differs from the index: the loader serves what is staged.
        std::fs::write(dir.path().join("prompts/shared/_footer.prompt"), "edited\n").unwrap();
        let index = StagedIndex::open(dir.path()).unwrap();
        let loader = index.loader(dir.path(), "prompts");
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
        let loader = index.loader(dir.path(), "prompts");
        let err = loader.load(&name("_evil.prompt")).unwrap_err();
        assert!(err.to_string().contains("symbolic link in git"), "{err}");
    }
}
