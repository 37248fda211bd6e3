//! Remembering prompt renders that found nothing, so a scan does not render an unchanged prompt
//! again.
//!
//! Rendering every prompt with its sample inputs (resolving its `extends` chain, compiling its
//! template and partials, scanning the result) costs several times the scan of the prompt's own
//! text, and on most prompts it finds nothing the source scan had not found. What a render finds
//! depends only on the prompt's path and text, on every file the render loads (the prompt itself,
//! its bases and partials, or the fact that one is missing) and on the scanner build. So when a
//! render finds nothing, [`RenderCache`] records a key made of the prompt's path and text with
//! the hash of every file the render loaded; a later scan of the same prompt text loads the same
//! files, compares their hashes, and skips the render when all agree. A changed partial, a new
//! base, another scanner build: the render runs again.
//!
//! Only "found nothing" is remembered. A render that found something runs again on every scan,
//! so the cache file never holds matched text: it holds prompt paths and SHA-256 hashes. It lives
//! under `.git/promptctl/`, where nothing is committed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::project::Project;
use crate::prompt::PromptName;
use crate::prompt::render::{SourceFile, SourceLoader};

/// The cache file's name under `.git/promptctl/`.
pub const FILE_NAME: &str = "scan-renders-v1.json";

/// Beyond this many remembered renders, entries this scan did not use are dropped on save.
const MAX_ENTRIES: usize = 200_000;

/// One file a render loaded: its path relative to the prompts folder and the hash of its path
/// and text, `None` when it did not exist.
type Load = (String, Option<String>);

/// The file on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    /// The scanner build that wrote it; another build ignores the file.
    scanner: String,
    /// Key (hash of the prompt's path and text) to the files its render loaded.
    renders: HashMap<String, Vec<Load>>,
}

/// Renders known to find nothing: the ones read from the cache file, and the ones this scan
/// rendered or confirmed.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Where it is saved; `None` keeps it in memory only.
    path: Option<PathBuf>,
    scanner: String,
    previous: HashMap<String, Vec<Load>>,
    /// Renders this scan rendered or confirmed, with whether they were already in `previous`.
    current: Mutex<HashMap<String, (Vec<Load>, bool)>>,
}

/// Errors saving the cache (reading it never fails: an unreadable cache is an empty one).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the render cache `{}`", path.display())]
pub struct SaveError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

impl RenderCache {
    /// An empty cache that is never saved.
    pub fn in_memory(scanner: &str) -> RenderCache {
        RenderCache {
            scanner: scanner.to_owned(),
            ..RenderCache::default()
        }
    }

    /// The cache of the git repository around `project` (`None` outside one). `scanner` names
    /// the scanner build (version and binary); a file written by another build is ignored.
    pub fn for_project(project: &Project, scanner: &str) -> Option<RenderCache> {
        let repo = crate::store::Repo::open(project).ok()?;
        Some(RenderCache::at(
            &repo.private_dir().join(FILE_NAME),
            scanner,
        ))
    }

    /// The cache saved at `path` (empty when missing, unreadable or from another build).
    pub fn at(path: &Path, scanner: &str) -> RenderCache {
        let previous = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.scanner == scanner)
            .map(|stored| stored.renders)
            .unwrap_or_default();
        RenderCache {
            path: Some(path.to_path_buf()),
            scanner: scanner.to_owned(),
            previous,
            current: Mutex::new(HashMap::new()),
        }
    }

    /// Whether rendering the prompt at `path` with `text` is known to find nothing: its cached
    /// loads, made again through `loader`, return the same files.
    pub(crate) fn finds_nothing(&self, key: &str, loader: &dyn SourceLoader) -> bool {
        let Some(loads) = self.previous.get(key) else {
            return false;
        };
        let same = loads.iter().all(|(relative, hash)| {
            PromptName::from_relative_path(relative)
                .filter(|name| name.relative_path() == *relative)
                .and_then(|name| loader.load(&name).ok())
                .is_some_and(|file| file.as_ref().map(file_hash) == *hash)
        });
        if same {
            self.lock().insert(key.to_owned(), (loads.clone(), true));
        }
        same
    }

    /// How many renders this scan skipped because the cache knew they find nothing.
    pub fn reused(&self) -> usize {
        self.lock().values().filter(|(_, known)| *known).count()
    }

    /// Records that the render keyed `key`, which loaded `loads`, found nothing.
    pub(crate) fn remember(&self, key: String, loads: Vec<Load>) {
        // Not in `previous` (or it would have been reused): new, so the file is written.
        self.lock().insert(key, (loads, false));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Vec<Load>, bool)>> {
        self.current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes the cache when this scan learned something: what it used or learned, and the
    /// earlier entries it did not look at (dropped when there are too many).
    pub fn save(&self) -> Result<(), SaveError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let current = self.lock();
        if current.values().all(|(_, known)| *known) {
            return Ok(());
        }
        let mut renders: HashMap<String, Vec<Load>> =
            if self.previous.len() + current.len() > MAX_ENTRIES {
                HashMap::new()
            } else {
                self.previous.clone()
            };
        renders.extend(
            current
                .iter()
                .map(|(k, (loads, _))| (k.clone(), loads.clone())),
        );
        let stored = Stored {
            scanner: self.scanner.clone(),
            renders,
        };
        let error = |source| SaveError {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(error)?;
        }
        let bytes = serde_json::to_vec(&stored).map_err(|e| error(e.into()))?;
        // Written aside and renamed, so a scan running at the same time reads a whole file.
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&temporary, bytes).map_err(error)?;
        std::fs::rename(&temporary, path).map_err(error)
    }
}

/// The key of a prompt render: the prompt's path and text.
pub(crate) fn render_key(path: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(text.as_bytes());
    hex(&hasher.finalize())
}

/// The hash of a loaded file: its shown path and its text.
fn file_hash(file: &SourceFile) -> String {
    render_key(&file.path.to_string_lossy(), &file.text)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        use std::fmt::Write as _;
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// A loader that notes every file it serves, for [`RenderCache::remember`].
pub(crate) struct Recording<'a> {
    inner: &'a dyn SourceLoader,
    loads: RefCell<Vec<Load>>,
    /// Whether a load failed (an IO error): such a render is not remembered.
    failed: RefCell<bool>,
}

impl<'a> Recording<'a> {
    pub(crate) fn new(inner: &'a dyn SourceLoader) -> Recording<'a> {
        Recording {
            inner,
            loads: RefCell::new(Vec::new()),
            failed: RefCell::new(false),
        }
    }

    /// The files loaded, or `None` when a load failed.
    pub(crate) fn into_loads(self) -> Option<Vec<Load>> {
        (!self.failed.into_inner()).then(|| self.loads.into_inner())
    }
}

impl SourceLoader for Recording<'_> {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let result = self.inner.load(name);
        match &result {
            Ok(file) => self
                .loads
                .borrow_mut()
                .push((name.relative_path(), file.as_ref().map(file_hash))),
            Err(_) => *self.failed.borrow_mut() = true,
        }
        result
    }
}

/// A loader that reads each partial once per scan and shares it between the prompts that
/// include it (a library's few shared partials were read and hashed once per prompt).
/// Prompts themselves are not kept: memory stays bounded by the partials.
pub(crate) struct SharedPartials<'a> {
    inner: &'a (dyn SourceLoader + Sync),
    partials: Mutex<HashMap<String, Option<SourceFile>>>,
}

impl<'a> SharedPartials<'a> {
    pub(crate) fn new(inner: &'a (dyn SourceLoader + Sync)) -> SharedPartials<'a> {
        SharedPartials {
            inner,
            partials: Mutex::new(HashMap::new()),
        }
    }
}

impl SourceLoader for SharedPartials<'_> {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        if name.kind != crate::prompt::FileKind::Partial {
            return self.inner.load(name);
        }
        let key = name.relative_path();
        if let Some(file) = self
            .partials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
        {
            return Ok(file.clone());
        }
        let file = self.inner.load(name)?;
        self.partials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key, file.clone());
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::library::FsLoader;
    use crate::scan::{ScanOptions, ScanReport, files, scan_files};

    /// A library whose prompts render with a shared partial; `greeting` renders an email made of
    /// a sample input and the partial's text.
    fn library(dir: &Path, domain: &str) {
        let write = |path: &str, text: &str| {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        for i in 0..30 {
            write(
                &format!("prompts/p{i:02}.prompt"),
                &format!(
                    "---\ninput:\n  default:\n    who: Ada\n---\nHello {{{{who}}}}, case {i}.\n{{{{> shared/tone}}}}\n"
                ),
            );
        }
        write("prompts/shared/_tone.prompt", "Be kind.");
        write(
            "prompts/greeting.prompt",
            "---\ninput:\n  default:\n    who: jane.doe\n---\n\"{{who}}{{> domain}}\"\n",
        );
        write("prompts/_domain.prompt", domain);
    }

    fn scan_with(dir: &Path, cache: Option<Arc<RenderCache>>) -> ScanReport {
        let options = ScanOptions {
            prompts_dir: "prompts".to_owned(),
            render: true,
            render_cache: cache,
            ..ScanOptions::default()
        };
        let loader = FsLoader::for_dir(dir, &dir.join("prompts"));
        let list = files::list(&[dir.to_path_buf()]).unwrap();
        scan_files(dir, &list, &options, Some(&loader))
    }

    fn same_findings(a: &ScanReport, b: &ScanReport) {
        assert_eq!(a.findings, b.findings);
        assert_eq!(
            (a.files, a.bytes, a.suppressed),
            (b.files, b.bytes, b.suppressed)
        );
    }

    #[test]
    fn renders_that_found_nothing_are_skipped_next_time_with_the_same_findings() {
        let dir = tempfile::tempdir().unwrap();
        library(dir.path(), "@acme-corp.io");
        let elsewhere = tempfile::tempdir().unwrap();
        let file = elsewhere.path().join("cache.json");
        let reference = scan_with(dir.path(), None);
        assert!(
            reference
                .findings
                .iter()
                .any(|f| f.origin == crate::scan::Origin::Rendered)
        );

        let cold = Arc::new(RenderCache::at(&file, "build 1"));
        same_findings(&scan_with(dir.path(), Some(cold.clone())), &reference);
        assert_eq!(cold.reused(), 0);
        cold.save().unwrap();

        let warm = Arc::new(RenderCache::at(&file, "build 1"));
        same_findings(&scan_with(dir.path(), Some(warm.clone())), &reference);
        // The 30 quiet prompts were not rendered again; the greeting, which found an email, was.
        assert_eq!(warm.reused(), 30);
        // The file holds hashes and paths, not what the renders found.
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("jane") && !text.contains("acme") && !text.contains("Ada"));

        // Another scanner build trusts nothing it did not judge.
        let other = Arc::new(RenderCache::at(&file, "build 2"));
        same_findings(&scan_with(dir.path(), Some(other.clone())), &reference);
        assert_eq!(other.reused(), 0);
    }

    #[test]
    fn a_changed_partial_makes_the_prompts_that_include_it_render_again() {
        let dir = tempfile::tempdir().unwrap();
        library(dir.path(), "nothing here");
        let elsewhere = tempfile::tempdir().unwrap();
        let file = elsewhere.path().join("cache.json");
        let cold = Arc::new(RenderCache::at(&file, "b"));
        let quiet = scan_with(dir.path(), Some(cold.clone()));
        assert!(
            quiet
                .findings
                .iter()
                .all(|f| f.origin != crate::scan::Origin::Rendered)
        );
        cold.save().unwrap();

        // The partial now completes the greeting's sample input into an email address.
        std::fs::write(dir.path().join("prompts/_domain.prompt"), "@acme-corp.io").unwrap();
        let warm = Arc::new(RenderCache::at(&file, "b"));
        let after = scan_with(dir.path(), Some(warm.clone()));
        same_findings(&after, &scan_with(dir.path(), None));
        assert!(after.findings.iter().any(|f| f.origin == crate::scan::Origin::Rendered
            && f.finding.rule == "pii/email"));
        assert_eq!(warm.reused(), 30);

        // A shared partial changed: every prompt that includes it renders again.
        std::fs::write(dir.path().join("prompts/shared/_tone.prompt"), "Be brief.").unwrap();
        warm.save().unwrap();
        let again = Arc::new(RenderCache::at(&file, "b"));
        same_findings(
            &scan_with(dir.path(), Some(again.clone())),
            &scan_with(dir.path(), None),
        );
        assert_eq!(again.reused(), 0);
    }
}
