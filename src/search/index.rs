//! The on-disk search index cache: `.promptctl/cache/search-index.bin` under the project root.
//!
//! Parsing YAML front matter dominates the cost of indexing (about 20-50 µs a file), so a search
//! over 100,000 prompts must not re-read them all. The cache stores, for every prompt file, its
//! path, size and modification time (the *stamp*), its searchable metadata and its term
//! frequencies, plus the sorted term dictionary. Opening the index stats every file, reuses the
//! cached data of files whose stamp is unchanged, re-reads only new or changed files, drops
//! deleted ones, and rewrites the cache when anything changed. A missing, truncated, damaged or
//! older-format cache is rebuilt; a cache that cannot be written is reported and the search
//! still runs.
//!
//! As with git's index, a file rewritten with the same size within the same nanosecond would be
//! missed; `--no-cache` (or deleting the file) forces a full re-read.
//!
//! On a warm search the walk is most of the cost: one `statx` per prompt file and a directory
//! listing per folder, kernel time that only parallelism hides. So the cache is read and checked
//! first (a few milliseconds, see `search::packed`), and each walker thread compares the stamps
//! of the files it lists against the cached documents of that folder (found by binary search on
//! the sorted paths) as it goes, allocating nothing for an unchanged file. Only when some file is
//! new, changed or gone is anything rebuilt.
//!
//! # Format (version 3)
//!
//! All integers are little-endian `u32` words unless noted. The file is the in-memory index
//! (`search::packed`) written out: a header, then four sections read back as four buffers.
//!
//! ```text
//! magic   "PCTLSIX\0"   8 bytes
//! header  u32 format version (3), doc count D, term count T, value count V, pool length P,
//!         heap bytes H, term bytes B
//! u64     checksum of the header words and all four sections (see `packed::Checksum`)
//! words   D document records of 25 words, sorted by path:
//!           size (u64, low word first), mtime seconds (u64), mtime nanoseconds,
//!           4 field lengths (name, tags, description, body),
//!           path (heap offset, byte length), id (offset, length; usually inside the path),
//!           description (offset, length), parse error (offset, length + 1; 0 for none),
//!           folder value, top-level folder value ("." at the top), category value or
//!           0xFFFFFFFF, status value or 0xFFFFFFFF, tags (pool start, count),
//!           owners (pool start, count)
//!         V facet values: (heap offset, byte length); distinct strings, in order of first use
//!         P value ids: the tag and owner lists
//!         T + 1 term offsets into the term bytes
//!         T document frequencies
//!         T + 1 postings offsets into the postings bytes
//! heap    H bytes of UTF-8: paths, ids, descriptions, errors, facet values
//! terms   B bytes of UTF-8: the sorted term dictionary, concatenated
//! postings to the end of the file, term by term; per posting: LEB128 document-number delta
//!         (from the previous posting of the term), u8 field mask, one LEB128 frequency per set
//!         bit
//! ```
//!
//! The postings section's length is what the file holds after the others: a truncated file fails
//! the checksum. Opening checks the checksum and that every offset and id is in bounds, and
//! decodes postings only for the terms a query reaches.

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::confine::Boundary;
use crate::library::display_id;
use crate::prompt::{FileKind, PromptDocument, PromptName};
use crate::search::packed::{Invalid, Packed};
use crate::search::{self, DocMeta, RawDoc, SearchIndex, Stamp};

/// The cache folder, relative to the project root.
pub const CACHE_DIR: &str = ".promptctl/cache";
/// The cache file name inside [`CACHE_DIR`].
pub const CACHE_FILE: &str = "search-index.bin";

/// Errors opening the index are the library's (a missing prompts folder, an unlistable folder);
/// cache problems are not errors (see [`CacheStats::warning`]).
pub use crate::library::Error;

/// How opening the index went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Prompt files found.
    pub files: usize,
    /// Files whose cached data was reused.
    pub reused: usize,
    /// Files read and parsed.
    pub parsed: usize,
    /// Cached files that no longer exist.
    pub removed: usize,
    /// Whether the cache file was (re)written.
    pub written: bool,
    /// A cache problem that did not stop the search (unreadable or unwritable cache).
    pub warning: Option<String>,
}

/// Opens the search index for the prompts under `prompts_dir`, using and refreshing the cache file
/// at `cache` when given (paths are stored relative to `root`).
pub fn open(
    root: &Path,
    prompts_dir: &Path,
    cache: Option<&Path>,
) -> Result<(SearchIndex, CacheStats), Error> {
    open_with(root, prompts_dir, cache, false)
}

/// Like [`open`]; with `trust_cache`, a readable cache is used as it is, without statting the
/// files for changes. Statting is the larger part of a warm search over a big library; trusting
/// the cache trades that for missing edits made since the cache was last written.
pub fn open_with(
    root: &Path,
    prompts_dir: &Path,
    cache: Option<&Path>,
    trust_cache: bool,
) -> Result<(SearchIndex, CacheStats), Error> {
    if !prompts_dir.is_dir() {
        return Err(Error::MissingRoot {
            path: prompts_dir.to_path_buf(),
        });
    }
    let mut stats = CacheStats::default();
    let boundary = Boundary::new(root);
    // A cache folder linked out of the project (a committed `.promptctl` link) is neither read
    // nor written: the index is built afresh, and nothing lands outside.
    let cache = cache.filter(|path| boundary.check(path).is_ok());
    // Linked folders are not walked, so only the prompts folder and linked files need checking.
    boundary.check(prompts_dir)?;
    let cached = match cache.map(read_cache) {
        Some(Ok(index)) => Some(index),
        Some(Err(Some(problem))) => {
            stats.warning = Some(format!(
                "the search index cache {problem} and has been rebuilt"
            ));
            None
        }
        Some(Err(None)) | None => None,
    };
    if let (true, Some(index)) = (trust_cache, &cached) {
        stats.files = index.len();
        stats.reused = index.len();
        return Ok((cached.unwrap_or_default(), stats));
    }
    let walker = Walker::new(root, prompts_dir, cached.as_ref());
    let to_parse = walker.walk()?;
    let found = walker.finish();
    let reused = found.count();
    stats.files = reused + to_parse.len();
    stats.reused = reused;
    stats.parsed = to_parse.len();
    stats.removed = cached
        .as_ref()
        .map_or(0, SearchIndex::len)
        .saturating_sub(reused + found.stale);
    let (dict, kept) = match cached {
        // The common case: nothing changed, and the cached index is used as it is.
        Some(index) if to_parse.is_empty() && reused == index.len() => return Ok((index, stats)),
        Some(index) => index.parts_where(&|d| found.is_reused(d)),
        None => (Vec::new(), Vec::new()),
    };
    let raw: Vec<RawDoc> = to_parse
        .par_iter()
        .map(|f| read_doc(&boundary, prompts_dir, f))
        .collect();
    let (dict, kept) = search::prune(dict, kept);
    let (dict, docs) = search::assign_ids(dict, kept, raw);
    let index = SearchIndex::from_parts(&dict, docs);
    if let Some(path) = cache {
        match write_cache(path, &index) {
            Ok(()) => stats.written = true,
            Err(e) => {
                stats.warning = Some(format!(
                    "cannot write the search index cache `{}`: {e}",
                    path.display()
                ));
            }
        }
    }
    Ok((index, stats))
}

/// Reads the cache file: `Err(None)` when there is none (or it cannot be opened), `Err(Some(what
/// went wrong))` when it is unusable.
fn read_cache(path: &Path) -> Result<SearchIndex, Option<&'static str>> {
    let mut file = std::fs::File::open(path).map_err(|_| None)?;
    let len = file.metadata().map_err(|_| None)?.len();
    Packed::read_from(&mut file, len)
        .map(SearchIndex::from_packed)
        .map_err(|invalid| {
            Some(match invalid {
                Invalid::OtherVersion => "was written in another format",
                Invalid::Damaged => "was unreadable",
            })
        })
}

/// The cached documents under the folder whose root-relative path is `folder` (`/`-ended), within
/// `docs`: paths sharing a prefix are contiguous in sorted order.
fn folder_docs(
    cached: &SearchIndex,
    docs: std::ops::Range<usize>,
    folder: &str,
) -> std::ops::Range<usize> {
    let start = search::partition_point(docs.clone(), |d| cached.path(d) < folder);
    let end = search::partition_point(start..docs.end, |d| cached.path(d).starts_with(folder));
    start..end
}

/// A prompt file that must be (re)read: new, or changed since it was cached.
struct FileEntry {
    /// Relative to the project root, `/`-separated.
    path: String,
    /// Relative to the prompts folder.
    relative: String,
    name: PromptName,
    stamp: Stamp,
    /// A symbolic link, to be confined before it is read.
    is_link: bool,
}

/// What the walk found of the cached documents.
struct Walked {
    /// Bit `d`: cached document `d`'s file was found with the same stamp.
    reused: Vec<u64>,
    /// Cached documents whose file was found with another stamp.
    stale: usize,
}

impl Walked {
    fn is_reused(&self, doc: usize) -> bool {
        self.reused[doc / 64] & (1 << (doc % 64)) != 0
    }

    fn count(&self) -> usize {
        self.reused.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Walks the prompts folder in parallel, matching files against the cached documents.
struct Walker<'a> {
    prompts_dir: &'a Path,
    /// The prompts folder relative to the root, `/`-terminated (empty when it is the root, or
    /// outside it).
    prefix: String,
    cached: Option<&'a SearchIndex>,
    /// Bit `d`: cached document `d`'s file was found with the same stamp.
    reused: Vec<AtomicU64>,
    /// Cached documents whose file was found with another stamp.
    stale: AtomicUsize,
}

impl<'a> Walker<'a> {
    fn new(root: &Path, prompts_dir: &'a Path, cached: Option<&'a SearchIndex>) -> Walker<'a> {
        let prefix = prompts_dir
            .strip_prefix(root)
            .map(|p| {
                let p = p.to_string_lossy().replace('\\', "/");
                if p.is_empty() { p } else { format!("{p}/") }
            })
            .unwrap_or_default();
        let words = cached.map_or(0, |c| c.len().div_ceil(64));
        Walker {
            prompts_dir,
            prefix,
            cached,
            reused: (0..words).map(|_| AtomicU64::new(0)).collect(),
            stale: AtomicUsize::new(0),
        }
    }

    fn walk(&self) -> Result<Vec<FileEntry>, Error> {
        let docs = self
            .cached
            .map_or(0..0, |c| folder_docs(c, 0..c.len(), &self.prefix));
        self.walk_dir(self.prompts_dir, &self.prefix, docs)
    }

    fn finish(self) -> Walked {
        Walked {
            reused: self.reused.into_iter().map(AtomicU64::into_inner).collect(),
            stale: self.stale.into_inner(),
        }
    }

    /// Lists and stats one folder (`folder` is its path relative to the root, `/`-ended; `docs`
    /// the cached documents under it), then its subfolders in parallel: statting 100,000 files
    /// is most of a warm search, and the calls are independent.
    fn walk_dir(
        &self,
        dir: &Path,
        folder: &str,
        docs: std::ops::Range<usize>,
    ) -> Result<Vec<FileEntry>, Error> {
        let walk_error = |source| Error::Walk {
            path: dir.to_path_buf(),
            source,
        };
        let mut out = Vec::new();
        let mut subdirs = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(walk_error)? {
            let entry = entry.map_err(walk_error)?;
            let file_name = entry.file_name();
            let Some(file_name) = file_name.to_str() else {
                continue;
            };
            if file_name.starts_with('.') {
                continue;
            }
            let file_type = entry.file_type().map_err(walk_error)?;
            if file_type.is_dir() {
                subdirs.push((entry.path(), format!("{folder}{file_name}/")));
                continue;
            }
            let cached = self.cached.and_then(|c| {
                let at = folder.len();
                let d = search::partition_point(docs.clone(), |d| {
                    c.path(d).as_bytes().get(at..) < Some(file_name.as_bytes())
                });
                (d < docs.end && c.path(d).as_bytes().get(at..) == Some(file_name.as_bytes()))
                    .then_some((c, d))
            });
            if let Some((c, d)) = cached {
                // A cached path is a prompt file's (partials and other files are never cached).
                let stamp = entry.metadata().map(|m| stamp_of(&m)).unwrap_or_default();
                if c.stamp(d) == stamp {
                    self.reused[d / 64].fetch_or(1 << (d % 64), Ordering::Relaxed);
                    continue;
                }
                self.stale.fetch_add(1, Ordering::Relaxed);
            }
            let relative = format!("{}{file_name}", &folder[self.prefix.len()..]);
            let Some(name) = PromptName::from_relative_path(&relative) else {
                continue;
            };
            if name.kind == FileKind::Partial {
                continue;
            }
            let stamp = entry.metadata().map(|m| stamp_of(&m)).unwrap_or_default();
            out.push(FileEntry {
                path: format!("{folder}{file_name}"),
                relative,
                name,
                stamp,
                is_link: file_type.is_symlink(),
            });
        }
        let nested: Vec<Vec<FileEntry>> = subdirs
            .par_iter()
            .map(|(path, sub)| {
                let docs = self
                    .cached
                    .map_or(0..0, |c| folder_docs(c, docs.clone(), sub));
                self.walk_dir(path, sub, docs)
            })
            .collect::<Result<_, _>>()?;
        out.extend(nested.into_iter().flatten());
        Ok(out)
    }
}

fn stamp_of(metadata: &std::fs::Metadata) -> Stamp {
    let since = metadata
        .modified()
        .ok()
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    Stamp {
        size: metadata.len(),
        mtime_secs: since.as_secs(),
        mtime_nanos: since.subsec_nanos(),
    }
}

/// Reads and tokenizes one prompt file; a file that cannot be read or parsed is indexed by name.
///
/// A file reached through a symbolic link that leaves the project is not read: it is indexed by
/// name with the refusal as its error.
fn read_doc(boundary: &Boundary, prompts_dir: &Path, file: &FileEntry) -> RawDoc {
    let mut meta = DocMeta {
        path: file.path.clone(),
        id: display_id(&file.name),
        folder: file.name.folder().to_owned(),
        ..DocMeta::default()
    };
    let absolute = prompts_dir.join(&file.relative);
    let confined = if file.is_link {
        boundary.check(&absolute).map_err(|e| e.to_string())
    } else {
        Ok(())
    };
    let read =
        confined.and_then(|()| std::fs::read_to_string(&absolute).map_err(|e| e.to_string()));
    let text = match read {
        Ok(text) => text,
        Err(e) => {
            meta.error = Some(format!("cannot read: {e}"));
            return RawDoc {
                stamp: file.stamp,
                ..RawDoc::new(meta, "")
            };
        }
    };
    let mut raw = match PromptDocument::parse(&text) {
        Ok(doc) => {
            let fm = doc.front_matter;
            meta.description = fm.description.unwrap_or_default();
            meta.tags = fm.tags;
            meta.category = fm.category;
            meta.status = fm.status;
            meta.owners = fm.owners;
            let body = if doc.has_front_matter {
                doc.body.trim()
            } else {
                doc.body.as_str()
            };
            RawDoc::new(meta, body)
        }
        Err(e) => {
            meta.error = Some(format!("{}:{}: {}", e.line, e.column, e.message));
            RawDoc::new(meta, "")
        }
    };
    raw.stamp = file.stamp;
    raw
}

fn write_cache(path: &Path, index: &SearchIndex) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        // The cache is machine-local: keep it out of git without touching the user's .gitignore.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n")?;
        }
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, encode(index))?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Serializes an index in the format described in the module docs.
pub fn encode(index: &SearchIndex) -> Vec<u8> {
    let mut out = Vec::with_capacity(index.encoded_len());
    // Writing to a Vec cannot fail.
    let _ = index.write_to(&mut out);
    out
}

/// Reads what [`encode`] wrote; `None` for anything else (wrong magic, version, checksum or
/// truncation).
pub fn decode(mut bytes: &[u8]) -> Option<SearchIndex> {
    let len = bytes.len() as u64;
    Packed::read_from(&mut bytes, len)
        .ok()
        .map(SearchIndex::from_packed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::listing::Filter;
    use crate::search::Query;

    fn write(root: &Path, path: &str, text: &str) {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    fn ids(index: &SearchIndex, text: &str) -> Vec<String> {
        let query = Query {
            text: text.into(),
            filter: Filter::default(),
            limit: 10,
        };
        index
            .search(&query)
            .hits
            .into_iter()
            .map(|h| h.meta.id)
            .collect()
    }

    #[test]
    fn cache_is_reused_and_refreshed_incrementally() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        write(
            root,
            "prompts/a/refund.prompt",
            "---\ntags: [billing]\n---\nRefund politely.",
        );
        write(
            root,
            "prompts/b/review.prompt",
            "---\ndescription: Review code\n---\nLook for bugs.",
        );
        write(root, "prompts/b/_part.prompt", "partial text zebra");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);

        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (stats.files, stats.parsed, stats.reused, stats.written),
            (2, 2, 0, true)
        );
        assert_eq!(ids(&index, "refund"), ["a/refund"]);
        assert!(ids(&index, "zebra").is_empty(), "partials are not indexed");
        assert_eq!(
            std::fs::read_to_string(root.join(CACHE_DIR).join(".gitignore")).unwrap(),
            "*\n"
        );

        let (_, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.reused, stats.written), (0, 2, false));

        write(
            root,
            "prompts/b/review.prompt",
            "---\ndescription: Review code\n---\nLook for leaks and bugs.",
        );
        write(root, "prompts/c/new.prompt", "brand new prompt");
        std::fs::remove_file(prompts.join("a/refund.prompt")).unwrap();
        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.reused, stats.removed), (2, 0, 1));
        assert_eq!(ids(&index, "leaks"), ["b/review"]);
        assert!(ids(&index, "refund").is_empty());

        // A fresh build gives the same index as the incremental one.
        let (fresh, _) = open(root, &prompts, None).unwrap();
        assert_eq!(fresh.clone().into_parts(), index.clone().into_parts());
        assert_eq!(encode(&fresh), encode(&index));
    }

    #[test]
    fn corrupt_cache_is_rebuilt_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "prompts/x.prompt", "hello world");
        let cache = root.join("cache.bin");
        std::fs::write(&cache, b"PCTLSIX\0garbage").unwrap();
        let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert!(stats.warning.unwrap().contains("rebuilt"));
        assert!(stats.written);
        assert_eq!(ids(&index, "hello"), ["x"]);
        let (_, again) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!((again.reused, again.warning), (1, None));
    }

    #[test]
    fn unwritable_cache_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "prompts/x.prompt", "hello");
        write(root, "blocker", "a file where the cache folder should be");
        let cache = root.join("blocker/cache.bin");
        let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert!(stats.warning.unwrap().contains("cannot write"));
        assert_eq!(ids(&index, "hello"), ["x"]);
    }

    #[test]
    fn unparsable_files_are_indexed_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "prompts/broken.prompt",
            "---\ntags: 5\n---\nbody words",
        );
        let (index, _) = open(root, &root.join("prompts"), None).unwrap();
        assert_eq!(ids(&index, "broken"), ["broken"]);
        assert!(index.meta(0).error.as_deref().unwrap().starts_with("2:"));
    }

    #[test]
    fn missing_root_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path(), &dir.path().join("nope"), None).unwrap_err();
        assert!(matches!(err, Error::MissingRoot { .. }));
    }

    /// A small index exercising every field: unicode, errors, an id that is not part of its
    /// path, shared and missing facets.
    fn sample() -> SearchIndex {
        let meta = |path: &str, id: &str| DocMeta {
            path: path.into(),
            id: id.into(),
            folder: id.rsplit_once('/').map_or("", |(f, _)| f).into(),
            ..DocMeta::default()
        };
        SearchIndex::build(vec![
            RawDoc::new(
                DocMeta {
                    description: "Résumé ünïcode wörds".into(),
                    tags: vec!["billing".into(), "refund".into(), "billing".into()],
                    owners: vec!["support".into()],
                    category: Some("support".into()),
                    status: Some("active".into()),
                    ..meta("prompts/a/b.prompt", "a/b")
                },
                "some body text about refunds",
            ),
            RawDoc::new(
                DocMeta {
                    error: Some("2:1: bad front matter".into()),
                    ..meta("prompts/x\\y.prompt", "x/y")
                },
                "",
            ),
            RawDoc::new(
                DocMeta {
                    tags: vec!["support".into()],
                    ..meta("prompts/top.prompt", "top")
                },
                "日本語 text",
            ),
        ])
    }

    #[test]
    fn decode_round_trips_and_rejects_truncation() {
        let index = sample();
        let bytes = encode(&index);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.clone().into_parts(), index.clone().into_parts());
        assert_eq!(decoded.meta(2).id, "x/y");
        assert_eq!(
            decoded.meta(0).tags,
            ["billing", "refund", "billing"],
            "lists keep order and repeats"
        );
        assert_eq!(encode(&decoded), bytes);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
    }

    #[test]
    fn decode_rejects_any_flipped_bit() {
        let bytes = encode(&sample());
        for at in 0..bytes.len() {
            for bit in [0, 3, 7] {
                let mut damaged = bytes.clone();
                damaged[at] ^= 1 << bit;
                assert!(decode(&damaged).is_none(), "bit {bit} of byte {at}");
            }
        }
    }

    #[test]
    fn empty_index_round_trips() {
        let empty = SearchIndex::default();
        let decoded = decode(&encode(&empty)).unwrap();
        assert!(decoded.is_empty());
        assert!(ids(&decoded, "anything").is_empty());
    }

    #[test]
    fn cache_of_another_version_is_rebuilt_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "prompts/x.prompt", "hello world");
        let cache = root.join("cache.bin");
        // A version 2 cache: magic, version, then its own layout.
        let mut old = b"PCTLSIX\0".to_vec();
        old.extend_from_slice(&2u32.to_le_bytes());
        old.extend_from_slice(&[1, 10, b'p', b'/', b'x', 0, 0, 0]);
        std::fs::write(&cache, &old).unwrap();
        let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!(
            stats.warning.as_deref(),
            Some("the search index cache was written in another format and has been rebuilt")
        );
        assert!(stats.written);
        assert_eq!(ids(&index, "hello"), ["x"]);
        let (_, again) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!((again.reused, again.warning), (1, None));
    }

    #[test]
    fn damaged_cache_is_rebuilt_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        write(root, "prompts/x.prompt", "hello world");
        write(root, "prompts/y.prompt", "goodbye world");
        let cache = root.join("cache.bin");
        open(root, &prompts, Some(&cache)).unwrap();
        let good = std::fs::read(&cache).unwrap();
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x10;
        for damaged in [&good[..good.len() - 3], &flipped[..]] {
            std::fs::write(&cache, damaged).unwrap();
            let (index, stats) = open_with(root, &prompts, Some(&cache), true).unwrap();
            assert!(stats.warning.unwrap().contains("unreadable"));
            assert!(stats.written);
            assert_eq!(ids(&index, "world"), ["x", "y"]);
            assert_eq!(std::fs::read(&cache).unwrap(), good);
        }
    }

    #[test]
    fn walk_matches_files_to_cached_documents_in_tricky_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        // Folder names that are prefixes of one another and of file names, and sort around `/`.
        let files = [
            "prompts/a.prompt",
            "prompts/a/b.prompt",
            "prompts/a/b/c.prompt",
            "prompts/a-b/c.prompt",
            "prompts/a.b/c.prompt",
            "prompts/ab/c.prompt",
            "prompts/a/b.formal.prompt",
            "prompts/a/_partial.prompt",
            "prompts/a/notes.txt",
            "prompts/.hidden/x.prompt",
            "prompts/é/ü.prompt",
        ];
        for f in files {
            write(root, f, "words");
        }
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        let (_, first) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((first.files, first.parsed), (8, 8));
        let (_, warm) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (warm.files, warm.reused, warm.parsed, warm.written),
            (8, 8, 0, false)
        );
        // Change one file, delete one, add one in a folder that had none.
        write(root, "prompts/a/b/c.prompt", "other words entirely");
        std::fs::remove_file(prompts.join("a-b/c.prompt")).unwrap();
        write(root, "prompts/a.b/d.prompt", "words");
        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (stats.files, stats.reused, stats.parsed, stats.removed),
            (8, 6, 2, 1)
        );
        let (fresh, _) = open(root, &prompts, None).unwrap();
        assert_eq!(encode(&index), encode(&fresh));
        assert_eq!(ids(&index, "entirely"), ["a/b/c"]);
    }
}
