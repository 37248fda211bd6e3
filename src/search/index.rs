//! The on-disk search index cache: `.promptctl/cache/search-index.bin` under the project root.
//!
//! Parsing YAML front matter dominates the cost of indexing (about 20-50 µs a file), so a search
//! over 100,000 prompts must not re-read them all. The cache stores, for every prompt file, its
//! path, size and modification time (the *stamp*), its searchable metadata and its term
//! frequencies, plus the sorted term dictionary. Opening the index stats every file, reuses the
//! cached data of files whose stamp is unchanged, re-reads only new or changed files, drops
//! deleted ones, and rewrites the cache when anything changed. A missing, truncated or
//! older-format cache is rebuilt; a cache that cannot be written is reported and the search
//! still runs.
//!
//! As with git's index, a file rewritten with the same size within the same nanosecond would be
//! missed; `--no-cache` (or deleting the file) forces a full re-read.
//!
//! # Format (version 2)
//!
//! Little-endian; `varint` is LEB128; `str` is a varint byte length then UTF-8 bytes; `opt` is a
//! varint 0 for none, or length + 1 then the bytes. Postings are stored term by term, so loading
//! is one sequential pass straight into the in-memory index, with no re-inversion.
//!
//! ```text
//! magic  "PCTLSIX\0"   8 bytes
//! u32    format version (2)
//! varint document count, then per document, sorted by path:
//!   str path, varint size, varint mtime seconds, varint mtime nanoseconds
//!   str id, str description, varint n + n × str tags, opt category, opt status,
//!   varint n + n × str owners, str folder, opt parse error
//!   4 × varint field lengths (name, tags, description, body)
//! varint term count, then per term, sorted:
//!   str term, varint n, then n postings: varint document-number delta (from the previous
//!   posting of the term), u8 field mask, one varint frequency per set bit
//! ```

use std::path::Path;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::library::display_id;
use crate::prompt::{FileKind, PromptDocument, PromptName};
use crate::search::{self, DocInfo, DocMeta, FIELD_COUNT, RawDoc, SearchIndex, Stamp};

/// The cache folder, relative to the project root.
pub const CACHE_DIR: &str = ".promptctl/cache";
/// The cache file name inside [`CACHE_DIR`].
pub const CACHE_FILE: &str = "search-index.bin";
const MAGIC: &[u8; 8] = b"PCTLSIX\0";
const FORMAT_VERSION: u32 = 2;

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
    if let (true, Some(path)) = (trust_cache, cache)
        && let Some(index) = std::fs::read(path).ok().and_then(|b| decode(&b))
    {
        let files = index.docs().len();
        let stats = CacheStats {
            files,
            reused: files,
            ..CacheStats::default()
        };
        return Ok((index, stats));
    }
    // Statting every file (kernel time) and decoding the cache (user time) are independent, so
    // they overlap.
    let (files, read) = rayon::join(
        || walk(root, prompts_dir),
        || cache.map(|path| std::fs::read(path).map(|bytes| decode(&bytes))),
    );
    let files = files?;
    let mut stats = CacheStats {
        files: files.len(),
        ..CacheStats::default()
    };
    let cached = match read {
        Some(Ok(decoded)) => decoded.or_else(|| {
            stats.warning =
                Some("the search index cache was unreadable and has been rebuilt".into());
            None
        }),
        _ => None,
    };
    let mut files = files;
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    // The common case: nothing changed, and the cached index is used as it is.
    if let Some(index) = &cached {
        let docs = index.docs();
        if docs.len() == files.len()
            && docs
                .iter()
                .zip(&files)
                .all(|(d, f)| d.meta.path == f.path && d.stamp == f.stamp)
        {
            stats.reused = files.len();
            return Ok((cached.unwrap_or_default(), stats));
        }
    }
    let (dict, cached) = cached.map(SearchIndex::into_parts).unwrap_or_default();
    // Both lists sorted by path, then merged: no hashing of 100,000 paths.
    let mut cached = cached.into_iter().peekable();
    let mut kept = Vec::with_capacity(files.len());
    let mut to_parse = Vec::new();
    let mut removed = 0;
    for file in files {
        while cached.next_if(|d| d.meta.path < file.path).is_some() {
            removed += 1;
        }
        match cached.next_if(|d| d.meta.path == file.path) {
            Some(doc) if doc.stamp == file.stamp => kept.push(doc),
            _ => to_parse.push(file),
        }
    }
    removed += cached.count();
    stats.reused = kept.len();
    stats.parsed = to_parse.len();
    stats.removed = removed;
    let raw: Vec<RawDoc> = to_parse
        .par_iter()
        .map(|f| read_doc(prompts_dir, f))
        .collect();
    let (dict, kept) = search::prune(dict, kept);
    let (dict, docs) = search::assign_ids(dict, kept, raw);
    let index = SearchIndex::from_parts(dict, docs);
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

/// A prompt file found on disk.
struct FileEntry {
    /// Relative to the project root, `/`-separated.
    path: String,
    /// Relative to the prompts folder.
    relative: String,
    name: PromptName,
    stamp: Stamp,
}

fn walk(root: &Path, prompts_dir: &Path) -> Result<Vec<FileEntry>, Error> {
    let prefix = prompts_dir
        .strip_prefix(root)
        .map(|p| {
            let p = p.to_string_lossy().replace('\\', "/");
            if p.is_empty() { p } else { format!("{p}/") }
        })
        .unwrap_or_default();
    walk_dir(prompts_dir, "", &prefix)
}

/// Lists and stats one folder, then its subfolders in parallel: statting 100,000 files is a
/// large part of a warm search, and the calls are independent.
fn walk_dir(dir: &Path, rel: &str, prefix: &str) -> Result<Vec<FileEntry>, Error> {
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
        let relative = format!("{rel}{file_name}");
        let file_type = entry.file_type().map_err(walk_error)?;
        if file_type.is_dir() {
            subdirs.push((entry.path(), format!("{relative}/")));
            continue;
        }
        let Some(name) = PromptName::from_relative_path(&relative) else {
            continue;
        };
        if name.kind == FileKind::Partial {
            continue;
        }
        let stamp = entry.metadata().map(|m| stamp_of(&m)).unwrap_or_default();
        out.push(FileEntry {
            path: format!("{prefix}{relative}"),
            relative,
            name,
            stamp,
        });
    }
    let nested: Vec<Vec<FileEntry>> = subdirs
        .par_iter()
        .map(|(path, rel)| walk_dir(path, rel, prefix))
        .collect::<Result<_, _>>()?;
    out.extend(nested.into_iter().flatten());
    Ok(out)
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
fn read_doc(prompts_dir: &Path, file: &FileEntry) -> RawDoc {
    let mut meta = DocMeta {
        path: file.path.clone(),
        id: display_id(&file.name),
        folder: file.name.folder().to_owned(),
        ..DocMeta::default()
    };
    let text = match std::fs::read_to_string(prompts_dir.join(&file.relative)) {
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
    let bytes = encode(index);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        // The cache is machine-local: keep it out of git without touching the user's .gitignore.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n")?;
        }
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Serializes an index in the format described in the module docs.
pub fn encode(index: &SearchIndex) -> Vec<u8> {
    let docs = index.docs();
    let mut out = Vec::with_capacity(64 + docs.len() * 256);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    put_varint(&mut out, docs.len() as u64);
    for doc in docs {
        let m = &doc.meta;
        put_str(&mut out, &m.path);
        put_varint(&mut out, doc.stamp.size);
        put_varint(&mut out, doc.stamp.mtime_secs);
        put_varint(&mut out, u64::from(doc.stamp.mtime_nanos));
        put_str(&mut out, &m.id);
        put_str(&mut out, &m.description);
        put_list(&mut out, &m.tags);
        put_opt(&mut out, m.category.as_deref());
        put_opt(&mut out, m.status.as_deref());
        put_list(&mut out, &m.owners);
        put_str(&mut out, &m.folder);
        put_opt(&mut out, m.error.as_deref());
        for len in doc.field_len {
            put_varint(&mut out, u64::from(len));
        }
    }
    put_varint(&mut out, index.dict().len() as u64);
    for (term, postings) in index.dict().iter().zip(index.postings()) {
        put_str(&mut out, term);
        put_varint(&mut out, postings.len() as u64);
        let mut previous = 0u32;
        for (doc, tf) in postings {
            put_varint(&mut out, u64::from(doc - previous));
            previous = *doc;
            let mask = tf
                .iter()
                .enumerate()
                .fold(0u8, |m, (i, f)| if *f > 0 { m | (1 << i) } else { m });
            out.push(mask);
            for f in tf.iter().filter(|f| **f > 0) {
                put_varint(&mut out, u64::from(*f));
            }
        }
    }
    out
}

/// Reads what [`encode`] wrote; `None` for anything else (wrong magic, version or truncation).
pub fn decode(bytes: &[u8]) -> Option<SearchIndex> {
    let mut r = Reader { buf: bytes, pos: 0 };
    if r.take(8)? != MAGIC || u32::from_le_bytes(r.take(4)?.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    let doc_count = r.len()?;
    let mut docs = Vec::with_capacity(doc_count);
    for _ in 0..doc_count {
        let path = r.str()?;
        let stamp = Stamp {
            size: r.varint()?,
            mtime_secs: r.varint()?,
            mtime_nanos: u32::try_from(r.varint()?).ok()?,
        };
        let meta = DocMeta {
            path,
            id: r.str()?,
            description: r.str()?,
            tags: r.list()?,
            category: r.opt().ok()?,
            status: r.opt().ok()?,
            owners: r.list()?,
            folder: r.str()?,
            error: r.opt().ok()?,
        };
        let mut field_len = [0u32; FIELD_COUNT];
        for len in &mut field_len {
            *len = u32::try_from(r.varint()?).ok()?;
        }
        docs.push(DocInfo {
            meta,
            stamp,
            field_len,
        });
    }
    let term_count = r.len()?;
    let mut dict = Vec::with_capacity(term_count);
    let mut offsets = Vec::with_capacity(term_count + 1);
    // Roughly one posting per 3 bytes left; a guess to avoid regrowing, not a limit.
    let mut postings = Vec::with_capacity((bytes.len() - r.pos) / 3);
    offsets.push(0u32);
    for _ in 0..term_count {
        let term = r.str()?;
        if dict.last().is_some_and(|last: &String| *last >= term) {
            return None;
        }
        dict.push(term);
        let n = r.len()?;
        let mut doc = 0u32;
        for i in 0..n {
            let delta = u32::try_from(r.varint()?).ok()?;
            if i > 0 && delta == 0 {
                return None;
            }
            doc = doc.checked_add(delta)?;
            if doc as usize >= docs.len() {
                return None;
            }
            let mask = r.take(1)?[0];
            let mut tf = [0u16; FIELD_COUNT];
            for (bit, f) in tf.iter_mut().enumerate() {
                if mask & (1 << bit) != 0 {
                    *f = u16::try_from(r.varint()?).ok()?;
                }
            }
            postings.push((doc, tf));
        }
        offsets.push(u32::try_from(postings.len()).ok()?);
    }
    (r.pos == bytes.len()).then(|| SearchIndex::from_postings(dict, docs, offsets, postings))
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(u8::try_from(value & 0x7f).unwrap_or(0) | 0x80);
        value >>= 7;
    }
    out.push(u8::try_from(value).unwrap_or(0));
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => put_varint(out, 0),
        Some(t) => {
            put_varint(out, t.len() as u64 + 1);
            out.extend_from_slice(t.as_bytes());
        }
    }
}

fn put_list(out: &mut Vec<u8>, items: &[String]) {
    put_varint(out, items.len() as u64);
    for item in items {
        put_str(out, item);
    }
}

/// The cache bytes are not in the expected format.
struct Corrupt;

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.buf.get(self.pos)?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A count, bounded by the bytes left so a corrupt file cannot ask for a huge allocation.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.buf.len() - self.pos).then_some(n)
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    /// An optional string; `Err` when the bytes are not one.
    fn opt(&mut self) -> Result<Option<String>, Corrupt> {
        match self.varint().ok_or(Corrupt)? {
            0 => Ok(None),
            n => {
                let n = usize::try_from(n - 1).map_err(|_| Corrupt)?;
                let bytes = self.take(n).ok_or(Corrupt)?.to_vec();
                String::from_utf8(bytes).map(Some).map_err(|_| Corrupt)
            }
        }
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
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
        assert_eq!(fresh.docs().len(), index.docs().len());
        assert_eq!(fresh.dict(), index.dict());
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
        assert!(
            index.docs()[0]
                .meta
                .error
                .as_deref()
                .unwrap()
                .starts_with("2:")
        );
    }

    #[test]
    fn missing_root_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path(), &dir.path().join("nope"), None).unwrap_err();
        assert!(matches!(err, Error::MissingRoot { .. }));
    }

    #[test]
    fn decode_rejects_truncation() {
        let raw = vec![RawDoc::new(
            DocMeta {
                id: "a".into(),
                path: "p/a.prompt".into(),
                ..DocMeta::default()
            },
            "some body text",
        )];
        let index = SearchIndex::build(raw);
        let bytes = encode(&index);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            (decoded.dict(), decoded.docs()),
            (index.dict(), index.docs())
        );
        assert_eq!(encode(&decoded), bytes);
        for cut in [0, 8, 12, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
    }
}
