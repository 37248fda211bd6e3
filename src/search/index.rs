//! The on-disk search index cache: `.promptctl/cache/search-index.bin` under the project root.
//!
//! Parsing YAML front matter dominates the cost of indexing (about 20-50 µs a file), so a search
//! over 100,000 prompts must not re-read them all. The cache stores, for every prompt file, its
//! path, size and modification time (the *stamp*), its searchable metadata and its term
//! frequencies, plus the sorted term dictionary. Opening the index stats every file, reuses the
//! cached data of files whose stamp is unchanged, re-reads only new or changed files, drops
//! deleted ones, and rewrites the cache when anything changed. A missing, truncated, damaged or
//! older-format cache is rebuilt; a cache that cannot be written is reported and the search
//! still runs. A search ([`search()`]) that finds no usable cache does not wait for that build: it
//! answers by a streaming scan (`search::scan`) and asks its caller to [`build`] the index for
//! the next query, under a lock file so that concurrent searches start one build.
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
//! # Blob ids and the delta
//!
//! Each document records the git blob id of its file's content (what `git hash-object` gives),
//! so "what changed" is exact: a file whose stamp changed is read and hashed, and parsed only when
//! its blob differs from the cached one (a checkout or `touch` re-stamps, it does not re-index).
//!
//! A change does not lay the index out again. The main file stays as it is, and a delta file
//! beside it (`search-index.delta`) holds the main documents that are gone or replaced
//! (tombstones), new stamps for re-stamped main documents, and a small index of the new and
//! changed documents in the main file's own format. A search reads both and ranks over the live
//! documents of both with the statistics (document count, lengths, document frequencies) a fresh
//! build would have, so results are identical to a full rebuild. When the delta outgrows
//! [`DELTA_MIN_LIMIT`] documents or an eighth of the main index, the next change rebuilds the main
//! file and deletes the delta.
//!
//! Both files are written to a temporary file and renamed over the old one, so a concurrent
//! reader sees a whole file. The delta names the checksum of the main file it applies to; a delta
//! for another main file (another process rebuilt it meanwhile) is ignored, which only means the
//! files it covered are read again.
//!
//! Delta format: magic `PCTLSIXD`, `u32` version (1), `u64` main checksum, `u32` tombstone count
//! N, `u32` re-stamp count R, `u64` checksum of the version word through the last re-stamp, N
//! `u32` main document numbers (ascending), R records of `u32` document, `u64` size, `u64`
//! seconds, `u32` nanoseconds (ascending by document), then the delta's documents as an index in
//! the format below.
//!
//! # Format (version 4)
//!
//! All integers are little-endian `u32` words unless noted. The file is the in-memory index
//! (`search::packed`) written out: a header, then four sections read back as four buffers.
//!
//! ```text
//! magic   "PCTLSIX\0"   8 bytes
//! header  u32 format version (4), doc count D, term count T, value count V, pool length P,
//!         heap bytes H, term bytes B
//! u64     checksum of the header words and all four sections (see `packed::Checksum`)
//! words   D document records of 30 words, sorted by path:
//!           size (u64, low word first), mtime seconds (u64), mtime nanoseconds,
//!           4 field lengths (name, tags, description, body),
//!           path (heap offset, byte length), id (offset, length; usually inside the path),
//!           description (offset, length), parse error (offset, length + 1; 0 for none),
//!           folder value, top-level folder value ("." at the top), category value or
//!           0xFFFFFFFF, status value or 0xFFFFFFFF, tags (pool start, count),
//!           owners (pool start, count), git blob id (5 words: 20 bytes of SHA-1)
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
use crate::search::packed::{self, Invalid, Packed};
use crate::search::{self, Blob, Delta, Doc, DocMeta, RawDoc, SearchIndex, Stamp};

/// The cache folder, relative to the project root.
pub const CACHE_DIR: &str = ".promptctl/cache";
/// The cache file name inside [`CACHE_DIR`].
pub const CACHE_FILE: &str = "search-index.bin";

/// Errors opening the index are the library's (a missing prompts folder, an unlistable folder);
/// cache problems are not errors (see [`CacheStats::warning`]).
pub use crate::library::Error;

/// How opening the index went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
// Independent facts reported as they are (JSON `index` fields), not states of one machine.
#[allow(clippy::struct_excessive_bools)]
pub struct CacheStats {
    /// Prompt files found.
    pub files: usize,
    /// Files whose cached data was reused.
    pub reused: usize,
    /// Files read and parsed.
    pub parsed: usize,
    /// Files whose stamp changed but whose content (blob id) did not: read and hashed, not
    /// parsed, and reused.
    pub restamped: usize,
    /// Cached files that no longer exist.
    pub removed: usize,
    /// Whether the cache was (re)written (the delta, or the whole index).
    pub written: bool,
    /// Whether the main index was laid out whole (no usable cache, or the delta outgrew it).
    pub rebuilt: bool,
    /// A cache problem that did not stop the search (unreadable or unwritable cache).
    pub warning: Option<String>,
    /// Whether the query was answered by reading the files, with no index (see
    /// [`search::scan`]).
    pub scanned: bool,
    /// Whether the index should now be built for the next query ([`build`]): the query was
    /// scanned because there was no usable index.
    pub build_needed: bool,
}

/// The delta stays a delta while it holds at most this many documents, or an eighth of the main
/// index if that is more; past that, the next change lays the index out whole.
pub const DELTA_MIN_LIMIT: usize = 1000;

/// The delta file beside the cache file `cache`.
pub fn delta_path(cache: &Path) -> std::path::PathBuf {
    cache.with_extension("delta")
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
    let mut stats = CacheStats::default();
    let cache = usable_cache(root, prompts_dir, cache)?;
    let cached = match cache.map(|path| read_cache(path, &mut stats)) {
        Some(Some(index)) => Some(index),
        Some(None) | None => None,
    };
    refresh(root, prompts_dir, cache, cached, stats, trust_cache)
}

/// The lock file that says an index build is under way, beside the cache file `cache`.
pub fn lock_path(cache: &Path) -> std::path::PathBuf {
    cache.with_extension("lock")
}

/// A build lock older than this is taken to be left behind by a builder that died.
pub const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(600);

/// Whether another process is building the index at `cache` (its lock is there, and younger
/// than [`STALE_LOCK`] at `now`).
pub fn build_under_way(cache: &Path, now: std::time::SystemTime) -> bool {
    std::fs::metadata(lock_path(cache))
        .and_then(|m| m.modified())
        .is_ok_and(|at| now.duration_since(at).map_or(true, |age| age < STALE_LOCK))
}

/// Builds (or refreshes) the index cache at `cache` for the next query, holding the build lock
/// so that concurrent searches start one build, not one each. `Ok(None)` when another process
/// holds the lock. The index is written to a temporary file and renamed into place, so a search
/// running meanwhile sees no index or a whole one, never a part; without the lock (it cannot be
/// created) the build still runs, and concurrent builds each rename a whole file.
pub fn build(
    root: &Path,
    prompts_dir: &Path,
    cache: &Path,
    now: std::time::SystemTime,
) -> Result<Option<CacheStats>, Error> {
    usable_cache(root, prompts_dir, Some(cache))?;
    let lock = lock_path(cache);
    let take = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&lock)
    };
    let locked = match cache.parent().map(ensure_cache_dir) {
        Some(Err(_)) => false,
        _ => match take() {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if build_under_way(cache, now) {
                    return Ok(None);
                }
                // Left by a builder that died: take it over (if another process just did, it
                // builds).
                let _ = std::fs::remove_file(&lock);
                if take().is_err() {
                    return Ok(None);
                }
                true
            }
            Err(_) => false,
        },
    };
    let built = open(root, prompts_dir, Some(cache));
    if locked {
        let _ = std::fs::remove_file(&lock);
    }
    built.map(|(_, stats)| Some(stats))
}

/// Checks the prompts folder and keeps the cache path only when it stays inside the project.
fn usable_cache<'a>(
    root: &Path,
    prompts_dir: &Path,
    cache: Option<&'a Path>,
) -> Result<Option<&'a Path>, Error> {
    if !prompts_dir.is_dir() {
        return Err(Error::MissingRoot {
            path: prompts_dir.to_path_buf(),
        });
    }
    let boundary = Boundary::new(root);
    // Linked folders are not walked, so only the prompts folder and linked files need checking.
    boundary.check(prompts_dir)?;
    // A cache folder linked out of the project (a committed `.promptctl` link) is neither read
    // nor written: the index is built afresh, and nothing lands outside.
    Ok(cache.filter(|path| boundary.check(path).is_ok()))
}

/// A search's answer, with how the index was used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    /// The results.
    pub results: search::SearchResults,
    /// Files searched by name only (unreadable or unparsable), with why: `(path, error)`.
    pub unparsed: Vec<(String, String)>,
    /// How the index was opened, refreshed or bypassed.
    pub stats: CacheStats,
}

/// Answers `query` over the prompts under `prompts_dir`: from the index cache at `cache` when
/// there is a usable one (refreshed first unless `trust_cache`), otherwise by one streaming
/// pass over the files ([`search::scan`]), which is far cheaper than building the index. After a
/// scan with a cache path, [`CacheStats::build_needed`] says the index should be built for the
/// next query ([`build`]); with no cache path (`--no-cache`) nothing is read or written.
pub fn search(
    root: &Path,
    prompts_dir: &Path,
    cache: Option<&Path>,
    trust_cache: bool,
    query: &search::Query,
) -> Result<Answer, Error> {
    let mut stats = CacheStats::default();
    let cache = usable_cache(root, prompts_dir, cache)?;
    if let Some(path) = cache
        && let Some(index) = read_cache(path, &mut stats)
    {
        let (index, stats) = refresh(root, prompts_dir, cache, Some(index), stats, trust_cache)?;
        return Ok(Answer {
            results: index.search(query),
            unparsed: index
                .unparsed()
                .map(|(p, e)| (p.to_owned(), e.to_owned()))
                .collect(),
            stats,
        });
    }
    let scanned = search::scan::scan(root, prompts_dir, query)?;
    stats.files = scanned.files;
    stats.parsed = scanned.files;
    stats.scanned = true;
    stats.build_needed = cache.is_some();
    if let Some(warning) = &mut stats.warning {
        *warning = warning.replace("and has been rebuilt", "and will be rebuilt");
    }
    Ok(Answer {
        results: scanned.results,
        unparsed: scanned.unparsed,
        stats,
    })
}

/// Refreshes a cached index (or builds one when there is none) against the files, writing the
/// cache when anything changed.
fn refresh(
    root: &Path,
    prompts_dir: &Path,
    cache: Option<&Path>,
    cached: Option<SearchIndex>,
    mut stats: CacheStats,
    trust_cache: bool,
) -> Result<(SearchIndex, CacheStats), Error> {
    let boundary = Boundary::new(root);
    if let (true, Some(index)) = (trust_cache, &cached) {
        stats.files = index.len();
        stats.reused = index.len();
        return Ok((cached.unwrap_or_default(), stats));
    }
    let walker = Walker::new(root, prompts_dir, cached.as_ref());
    let to_read = walker.walk()?;
    let mut found = walker.finish();
    // Files are read in parallel: hashed, then parsed unless the content is what was indexed.
    let read: Vec<Read> = to_read
        .par_iter()
        .map(|f| read_doc(&boundary, prompts_dir, f, cached.as_ref()))
        .collect();
    let mut restamps: Vec<(usize, Stamp)> = Vec::new();
    let mut raw: Vec<RawDoc> = Vec::new();
    for (entry, r) in to_read.iter().zip(read) {
        match r {
            Read::Same(doc) => restamps.push((doc, entry.stamp)),
            Read::Doc(doc) => raw.push(*doc),
        }
    }
    for (doc, _) in &restamps {
        found.reused[doc / 64] |= 1 << (doc % 64);
    }
    let reused = found.count();
    stats.files = reused + raw.len();
    stats.reused = reused - restamps.len();
    stats.restamped = restamps.len();
    stats.parsed = raw.len();
    stats.removed = cached
        .as_ref()
        .map_or(0, SearchIndex::len)
        .saturating_sub(reused + found.stale.saturating_sub(restamps.len()));
    let cached = match cached {
        // The common case: nothing changed, and the cached index is used as it is.
        Some(index) if raw.is_empty() && restamps.is_empty() && reused == index.len() => {
            return Ok((index, stats));
        }
        other => other,
    };
    // A small change is written as a delta over the main index, which stays as it is.
    if let Some(index) = &cached
        && let Some(delta) = grow_delta(index, &found, &restamps, &raw)
    {
        let (main, _) = index.segments();
        let index = SearchIndex::from_segments(main.clone(), delta);
        if let Some(path) = cache {
            let (_, delta) = index.segments();
            match write_delta(&delta_path(path), delta) {
                Ok(()) => stats.written = true,
                Err(e) => stats.warning = Some(cannot_write(path, &e)),
            }
        }
        return Ok((index, stats));
    }
    stats.rebuilt = true;
    let (dict, mut kept) = match &cached {
        Some(index) => index.parts_where(&|d| found.is_reused(d)),
        None => (Vec::new(), Vec::new()),
    };
    apply_restamps(&mut kept, cached.as_ref(), &restamps);
    let (dict, kept) = search::prune(dict, kept);
    let (dict, docs) = search::assign_ids(dict, kept, raw);
    let index = SearchIndex::from_parts(&dict, docs);
    if let Some(path) = cache {
        match write_cache(path, &index) {
            Ok(()) => stats.written = true,
            Err(e) => stats.warning = Some(cannot_write(path, &e)),
        }
    }
    Ok((index, stats))
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot write the search index cache `{}`: {e}",
        path.display()
    )
}

/// Gives kept documents (in path order) their new stamps.
fn apply_restamps(kept: &mut [Doc], cached: Option<&SearchIndex>, restamps: &[(usize, Stamp)]) {
    let Some(index) = cached else { return };
    for (doc, stamp) in restamps {
        let path = index.path(*doc);
        if let Ok(at) = kept.binary_search_by(|d| d.meta.path.as_str().cmp(path)) {
            kept[at].stamp = *stamp;
        }
    }
}

/// The delta after a change: the main index's documents that are gone or changed become
/// tombstones, touched-but-same ones get new stamps, and the delta's own documents are laid
/// out again with the new ones. `None` when the delta would outgrow its limit.
fn grow_delta(
    index: &SearchIndex,
    found: &Walked,
    restamps: &[(usize, Stamp)],
    raw: &[RawDoc],
) -> Option<Delta> {
    let (main, old) = index.segments();
    let m = main.doc_count();
    let global = index.global_numbers();
    let in_delta = |doc: usize| global[doc] as usize >= m;
    let kept_in_delta = (0..index.len())
        .filter(|d| in_delta(*d) && found.is_reused(*d))
        .count();
    let main_restamps = restamps.iter().filter(|(d, _)| !in_delta(*d)).count();
    let size = kept_in_delta + raw.len() + old.restamps.len() + main_restamps;
    if size > DELTA_MIN_LIMIT.max(m / 8) {
        return None;
    }
    // Main documents: live and found unchanged, restamped, or dead.
    let mut live_main = vec![false; m];
    for (doc, g) in global.iter().enumerate() {
        if (*g as usize) < m && found.is_reused(doc) {
            live_main[*g as usize] = true;
        }
    }
    let dead: Vec<u32> = (0..m)
        .filter(|d| !live_main[*d])
        .map(|d| u32::try_from(d).unwrap_or(u32::MAX))
        .collect();
    let mut new_stamps: Vec<(u32, Stamp)> = old
        .restamps
        .iter()
        .filter(|(d, _)| live_main[*d as usize])
        .copied()
        .collect();
    for (doc, stamp) in restamps {
        let g = global[*doc];
        if (g as usize) < m {
            match new_stamps.binary_search_by_key(&g, |(d, _)| *d) {
                Ok(at) => new_stamps[at].1 = *stamp,
                Err(at) => new_stamps.insert(at, (g, *stamp)),
            }
        }
    }
    let (dict, mut kept) = index.parts_where(&|d| in_delta(d) && found.is_reused(d));
    apply_restamps(&mut kept, Some(index), restamps);
    let (dict, kept) = search::prune(dict, kept);
    let (dict, mut docs) = search::assign_ids(dict, kept, raw.to_vec());
    docs.sort_by(|a, b| a.meta.path.cmp(&b.meta.path));
    Some(Delta {
        main: main.fingerprint(),
        dead,
        restamps: new_stamps,
        packed: Packed::build(&dict, &docs),
    })
}

/// Reads the cache file and its delta; `None` when there is none or it is unusable (then with a
/// warning in `stats`). A delta that is damaged is dropped with a warning; one written for
/// another main index (a concurrent rebuild) is dropped silently. Either way the files it
/// covered are read again, so results stay right.
fn read_cache(path: &Path, stats: &mut CacheStats) -> Option<SearchIndex> {
    let main = match read_main(path) {
        Ok(main) => main,
        Err(Some(problem)) => {
            stats.warning = Some(format!(
                "the search index cache {problem} and has been rebuilt"
            ));
            return None;
        }
        Err(None) => return None,
    };
    let delta = match read_delta(&delta_path(path), &main) {
        Ok(delta) => delta,
        Err(Some(problem)) => {
            stats.warning = Some(format!(
                "the search index cache's delta {problem} and has been rebuilt"
            ));
            Delta::default()
        }
        Err(None) => Delta::default(),
    };
    Some(SearchIndex::from_segments(main, delta))
}

/// Reads the main cache file: `Err(None)` when there is none (or it cannot be opened),
/// `Err(Some(what went wrong))` when it is unusable.
fn read_main(path: &Path) -> Result<Packed, Option<&'static str>> {
    let mut file = std::fs::File::open(path).map_err(|_| None)?;
    let len = file.metadata().map_err(|_| None)?.len();
    Packed::read_from(&mut file, len).map_err(|invalid| Some(problem(invalid)))
}

fn problem(invalid: Invalid) -> &'static str {
    match invalid {
        Invalid::OtherVersion => "was written in another format",
        Invalid::Damaged => "was unreadable",
    }
}

const DELTA_MAGIC: &[u8; 8] = b"PCTLSIXD";
const DELTA_VERSION: u32 = 1;

/// Reads the delta file for `main`: `Err(None)` when there is none or it belongs to another main
/// index, `Err(Some(what went wrong))` when it is damaged.
fn read_delta(path: &Path, main: &Packed) -> Result<Delta, Option<&'static str>> {
    let Ok(bytes) = std::fs::read(path) else {
        return Err(None);
    };
    let damaged = Some(problem(Invalid::Damaged));
    let mut words = bytes.get(8..).ok_or(damaged)?;
    if bytes[..8] != *DELTA_MAGIC {
        return Err(damaged);
    }
    let mut take = |n: usize| -> Result<&[u8], Option<&'static str>> {
        let (head, rest) = words.split_at_checked(n).ok_or(damaged)?;
        words = rest;
        Ok(head)
    };
    let le32 = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap_or_default());
    let le64 = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let version = le32(take(4)?);
    if version != DELTA_VERSION {
        return Err(Some(problem(Invalid::OtherVersion)));
    }
    let fingerprint = le64(take(8)?);
    let dead_count = le32(take(4)?) as usize;
    let restamp_count = le32(take(4)?) as usize;
    let checksum = le64(take(8)?);
    let dead_bytes = take(dead_count.checked_mul(4).ok_or(damaged)?)?;
    let restamp_bytes = take(restamp_count.checked_mul(24).ok_or(damaged)?)?;
    let rest = words;
    let header = &bytes[8..8 + 4 + 8 + 4 + 4];
    if packed::checksum_of(&[header, dead_bytes, restamp_bytes]) != checksum {
        return Err(damaged);
    }
    if fingerprint != main.fingerprint() {
        return Err(None);
    }
    let mut packed_bytes = rest;
    let packed = Packed::read_from(&mut packed_bytes, rest.len() as u64)
        .map_err(|invalid| Some(problem(invalid)))?;
    let m = main.doc_count();
    let dead: Vec<u32> = dead_bytes.chunks_exact(4).map(le32).collect();
    let restamps: Vec<(u32, Stamp)> = restamp_bytes
        .chunks_exact(24)
        .map(|r| {
            (
                le32(&r[..4]),
                Stamp {
                    size: le64(&r[4..12]),
                    mtime_secs: le64(&r[12..20]),
                    mtime_nanos: le32(&r[20..24]),
                },
            )
        })
        .collect();
    let ascending = |ids: &[u32]| {
        ids.windows(2).all(|w| w[0] < w[1]) && ids.last().is_none_or(|d| (*d as usize) < m)
    };
    let restamped: Vec<u32> = restamps.iter().map(|(d, _)| *d).collect();
    if !ascending(&dead)
        || !ascending(&restamped)
        || restamps.iter().any(|(d, _)| dead.binary_search(d).is_ok())
    {
        return Err(damaged);
    }
    Ok(Delta {
        main: fingerprint,
        dead,
        restamps,
        packed,
    })
}

/// The delta in the format [`read_delta`] reads.
fn encode_delta(delta: &Delta) -> Vec<u8> {
    let mut header = Vec::with_capacity(20);
    header.extend_from_slice(&DELTA_VERSION.to_le_bytes());
    header.extend_from_slice(&delta.main.to_le_bytes());
    header.extend_from_slice(&to_u32(delta.dead.len()).to_le_bytes());
    header.extend_from_slice(&to_u32(delta.restamps.len()).to_le_bytes());
    let dead: Vec<u8> = delta.dead.iter().flat_map(|d| d.to_le_bytes()).collect();
    let mut restamps = Vec::with_capacity(delta.restamps.len() * 24);
    for (d, s) in &delta.restamps {
        restamps.extend_from_slice(&d.to_le_bytes());
        restamps.extend_from_slice(&s.size.to_le_bytes());
        restamps.extend_from_slice(&s.mtime_secs.to_le_bytes());
        restamps.extend_from_slice(&s.mtime_nanos.to_le_bytes());
    }
    let mut out = DELTA_MAGIC.to_vec();
    out.extend_from_slice(&header);
    out.extend_from_slice(&packed::checksum_of(&[&header, &dead, &restamps]).to_le_bytes());
    out.extend_from_slice(&dead);
    out.extend_from_slice(&restamps);
    // Writing to a Vec cannot fail.
    let _ = delta.packed.write_to(&mut out);
    out
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Creates the cache folder (and its parent, `.promptctl`), git-ignored. Never more: a build
/// that outlives its project (a removed temporary folder) must not create the project again.
fn ensure_cache_dir(dir: &Path) -> std::io::Result<()> {
    let create = |dir: &Path| match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    };
    if !dir.is_dir() {
        if let Some(parent) = dir.parent().filter(|p| !p.is_dir()) {
            create(parent)?;
        }
        create(dir)?;
    }
    // The cache is machine-local: keep it out of git without touching the user's .gitignore.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "*\n")?;
    }
    Ok(())
}

/// Writes `bytes` to `path` by way of a temporary file renamed over it, so a concurrent reader
/// sees the old file or the new one, never a part.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Unique per process and per call, so concurrent writers never share a temporary file.
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    if let Some(dir) = path.parent() {
        ensure_cache_dir(dir)?;
    }
    let tmp = path.with_extension(format!(
        "tmp{}-{}",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn write_delta(path: &Path, delta: &Delta) -> std::io::Result<()> {
    replace_file(path, &encode_delta(delta))
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
pub(crate) struct FileEntry {
    /// Relative to the project root, `/`-separated.
    pub(crate) path: String,
    /// Relative to the prompts folder.
    pub(crate) relative: String,
    pub(crate) name: PromptName,
    stamp: Stamp,
    /// A symbolic link, to be confined before it is read.
    pub(crate) is_link: bool,
    /// The cached document of the same path, whose stamp differs.
    cached: Option<usize>,
}

/// Walks the prompt files under `prompts_dir` in parallel (the folders the index walks, by the
/// same rules), handing `sink` the files of one folder at a time, so that nothing is kept per
/// file beyond the folder being read. The files are not statted: their stamps are left default.
pub(crate) fn walk_files(
    root: &Path,
    prompts_dir: &Path,
    sink: &(dyn Fn(Vec<FileEntry>) + Sync),
) -> Result<(), Error> {
    let mut walker = Walker::new(root, prompts_dir, None);
    walker.sink = Some(sink);
    walker.walk().map(|_| ())
}

/// What reading a file gave.
enum Read {
    /// The content is cached document `.0`'s: only its stamp changed.
    Same(usize),
    /// A document to index.
    Doc(Box<RawDoc>),
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
    /// Takes each folder's files as soon as they are listed, instead of the walk's result.
    sink: Option<&'a (dyn Fn(Vec<FileEntry>) + Sync)>,
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
            sink: None,
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
            let cached = cached.map(|(_, d)| d);
            let relative = format!("{}{file_name}", &folder[self.prefix.len()..]);
            let Some(name) = PromptName::from_relative_path(&relative) else {
                continue;
            };
            if name.kind == FileKind::Partial {
                continue;
            }
            // A scan (files handed to the sink) answers one query and keeps no stamps: no stat.
            let stamp = if self.sink.is_some() {
                Stamp::default()
            } else {
                entry.metadata().map(|m| stamp_of(&m)).unwrap_or_default()
            };
            out.push(FileEntry {
                path: format!("{folder}{file_name}"),
                relative,
                name,
                stamp,
                is_link: file_type.is_symlink(),
                cached,
            });
        }
        if let Some(sink) = self.sink {
            sink(std::mem::take(&mut out));
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

/// Reads, hashes and tokenizes one prompt file; a file that cannot be read or parsed is indexed
/// by name. A file whose content (blob id) is its cached document's is not parsed again.
fn read_doc(
    boundary: &Boundary,
    prompts_dir: &Path,
    file: &FileEntry,
    cached: Option<&SearchIndex>,
) -> Read {
    let meta = DocMeta {
        path: file.path.clone(),
        id: display_id(&file.name),
        folder: file.name.folder().to_owned(),
        ..DocMeta::default()
    };
    let bytes = match read_prompt_file(boundary, &prompts_dir.join(&file.relative), file.is_link) {
        Ok(bytes) => bytes,
        Err(error) => {
            let meta = DocMeta {
                error: Some(error),
                ..meta
            };
            return Read::Doc(Box::new(RawDoc {
                stamp: file.stamp,
                ..RawDoc::new(meta, "")
            }));
        }
    };
    let blob = blob_id(&bytes);
    if let (Some(index), Some(doc)) = (cached, file.cached)
        && index.blob(doc) == blob
    {
        return Read::Same(doc);
    }
    let (meta, body) = searchable_fields(meta, bytes);
    let mut raw = RawDoc::new(meta, &body);
    raw.stamp = file.stamp;
    raw.blob = blob;
    Read::Doc(Box::new(raw))
}

/// Reads a prompt file's bytes; the error is what the index records for a file it could not read.
///
/// A file reached through a symbolic link that leaves the project is not read: it is indexed by
/// name with the refusal as its error.
pub(crate) fn read_prompt_file(
    boundary: &Boundary,
    absolute: &Path,
    is_link: bool,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    read_prompt_file_into(boundary, absolute, is_link, &mut bytes)?;
    Ok(bytes)
}

/// [`read_prompt_file`] into `buf` (cleared first): without a new buffer per file, and without
/// the size probe (a stat) that reading a whole file starts with.
pub(crate) fn read_prompt_file_into(
    boundary: &Boundary,
    absolute: &Path,
    is_link: bool,
    buf: &mut Vec<u8>,
) -> Result<(), String> {
    use std::io::Read;
    if is_link {
        boundary
            .check(absolute)
            .map_err(|e| format!("cannot read: {e}"))?;
    }
    buf.clear();
    let file = std::fs::File::open(absolute).map_err(|e| format!("cannot read: {e}"))?;
    // Through `Take`, the read goes to the end without `File`'s own size probe.
    file.take(u64::MAX)
        .read_to_end(buf)
        .map(|_| ())
        .map_err(|e| format!("cannot read: {e}"))
}

/// What the index records for a file that is not UTF-8.
pub(crate) const NOT_UTF8: &str = "cannot read: stream did not contain valid UTF-8";

/// A prompt file's body as search reads it.
pub(crate) enum Body {
    /// A range of the file's text.
    In(std::ops::Range<usize>),
    /// Text of its own.
    Own(String),
}

/// Parses a prompt file's bytes into the searchable metadata (filled into `meta`, which holds the
/// path, id and folder) and the body text. A file that does not parse keeps only its name, with
/// the parse error in `meta.error`, and an empty body.
pub(crate) fn searchable_fields(meta: DocMeta, bytes: Vec<u8>) -> (DocMeta, String) {
    let Ok(mut text) = String::from_utf8(bytes) else {
        return (
            DocMeta {
                error: Some(NOT_UTF8.into()),
                ..meta
            },
            String::new(),
        );
    };
    match searchable_text(meta, &text) {
        (meta, Body::In(range)) => {
            // Keep the body in place rather than copy it.
            text.truncate(range.end);
            text.drain(..range.start);
            (meta, text)
        }
        (meta, Body::Own(body)) => (meta, body),
    }
}

/// [`searchable_fields`] over borrowed text.
pub(crate) fn searchable_text(mut meta: DocMeta, text: &str) -> (DocMeta, Body) {
    // The quick reader answers for the common front-matter shapes, exactly as the full parse;
    // anything it is not sure of is parsed fully.
    if let Some(fields) = crate::prompt::quick::search_fields(text) {
        meta.description = fields.description.unwrap_or_default();
        meta.tags = fields.tags;
        meta.category = fields.category;
        meta.status = fields.status;
        meta.owners = fields.owners;
        // The body is the end of the text.
        let body = fields.body;
        let (lead, kept) = if fields.has_front_matter {
            (body.len() - body.trim_start().len(), body.trim().len())
        } else {
            (0, body.len())
        };
        let start = text.len() - body.len() + lead;
        return (meta, Body::In(start..start + kept));
    }
    match PromptDocument::parse(text) {
        Ok(doc) => {
            let fm = doc.front_matter;
            meta.description = fm.description.unwrap_or_default();
            meta.tags = fm.tags;
            meta.category = fm.category;
            meta.status = fm.status;
            meta.owners = fm.owners;
            let body = if doc.has_front_matter {
                let trimmed = doc.body.trim();
                if trimmed.len() == doc.body.len() {
                    doc.body
                } else {
                    trimmed.to_owned()
                }
            } else {
                doc.body
            };
            (meta, Body::Own(body))
        }
        Err(e) => {
            meta.error = Some(format!("{}:{}: {}", e.line, e.column, e.message));
            (meta, Body::Own(String::new()))
        }
    }
}

/// The git blob id of `bytes`: what `git hash-object` prints for a file with this content.
pub fn blob_id(bytes: &[u8]) -> Blob {
    let mut blob = Blob::default();
    if let Ok(id) = gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes) {
        blob.copy_from_slice(id.as_bytes());
    }
    blob
}

/// Writes the whole index and drops the delta it replaces.
fn write_cache(path: &Path, index: &SearchIndex) -> std::io::Result<()> {
    replace_file(path, &encode(index))?;
    match std::fs::remove_file(delta_path(path)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
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
    fn a_live_build_lock_skips_the_build_and_a_stale_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "prompts/x.prompt", "hello world");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        let prompts = root.join("prompts");
        ensure_cache_dir(cache.parent().unwrap()).unwrap();
        std::fs::write(lock_path(&cache), b"").unwrap();
        let written = std::fs::metadata(lock_path(&cache))
            .unwrap()
            .modified()
            .unwrap();
        // Another process holds a fresh lock: no build.
        assert!(build_under_way(&cache, written));
        assert_eq!(build(root, &prompts, &cache, written).unwrap(), None);
        assert!(!cache.exists());
        // The same lock an hour later was left by a builder that died: taken over, released.
        let later = written + std::time::Duration::from_secs(3600);
        assert!(!build_under_way(&cache, later));
        let stats = build(root, &prompts, &cache, later).unwrap().unwrap();
        assert!(stats.written);
        assert!(cache.is_file() && !lock_path(&cache).exists());
    }

    #[test]
    fn a_build_never_creates_a_removed_project_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("gone");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        assert!(build(&root, &root.join("prompts"), &cache, UNIX_EPOCH).is_err());
        assert!(ensure_cache_dir(cache.parent().unwrap()).is_err());
        assert!(!root.exists());
    }

    #[test]
    fn search_without_an_index_scans_and_asks_for_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "prompts/x.prompt", "hello world");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        let query = Query {
            text: "hello".into(),
            filter: Filter::default(),
            limit: 10,
        };
        let prompts = root.join("prompts");
        let first = search(root, &prompts, Some(&cache), false, &query).unwrap();
        assert!(first.stats.scanned && first.stats.build_needed && !first.stats.written);
        assert!(!cache.exists(), "a scan writes nothing");
        build(root, &prompts, &cache, UNIX_EPOCH).unwrap();
        let second = search(root, &prompts, Some(&cache), false, &query).unwrap();
        assert!(!second.stats.scanned && !second.stats.build_needed);
        assert_eq!(second.results, first.results);
        let no_cache = search(root, &prompts, None, false, &query).unwrap();
        assert!(no_cache.stats.scanned && !no_cache.stats.build_needed);
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

    /// Runs git in `root` (a real repository, as a user's).
    fn git(root: &Path, args: &[&str]) {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(root)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
    }

    /// A prompt with words, a tag and a status that vary with `n` and `version`.
    fn prompt_text(n: usize, version: usize) -> String {
        const WORDS: [&str; 12] = [
            "refund", "policy", "summary", "meeting", "review", "diff", "billing", "invoice",
            "latency", "question", "answer", "context",
        ];
        let word = |k: usize| WORDS[(n * 7 + version * 5 + k * 3) % WORDS.len()];
        let status = ["active", "draft", "deprecated"][(n + version) % 3];
        format!(
            "---\ndescription: {} {} notes\ntags: [{}, t{}]\nstatus: {status}\n---\n{} {} {} {} v{version}",
            word(0),
            word(1),
            word(2),
            n % 4,
            word(3),
            word(4),
            word(5),
            word(0),
        )
    }

    /// Search results for a set of queries: exact, several terms, prefix, typo, filters, limits.
    fn all_results(index: &SearchIndex) -> Vec<crate::search::SearchResults> {
        let mut queries = Vec::new();
        for text in [
            "refund",
            "refund policy",
            "summ",
            "sumary",
            "reveiw",
            "v0",
            "v3",
            "notes",
            "",
        ] {
            for (filter, limit) in [
                (Filter::default(), 100),
                (Filter::default(), 2),
                (
                    Filter {
                        status: Some("active".into()),
                        ..Filter::default()
                    },
                    100,
                ),
                (
                    Filter {
                        tags: vec!["t1".into()],
                        ..Filter::default()
                    },
                    100,
                ),
            ] {
                queries.push(Query {
                    text: text.into(),
                    filter,
                    limit,
                });
            }
        }
        queries.iter().map(|q| index.search(q)).collect()
    }

    /// The incremental index answers every query exactly as a fresh build does.
    fn assert_same_as_fresh(root: &Path, index: &SearchIndex) {
        let (fresh, _) = open(root, &root.join("prompts"), None).unwrap();
        assert_eq!(all_results(index), all_results(&fresh));
        assert_eq!(index.clone().into_parts(), fresh.clone().into_parts());
        assert_eq!(encode(index), encode(&fresh));
    }

    #[test]
    fn a_commit_reindexes_only_the_changed_blobs_into_a_delta() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        git(root, &["init", "-q", "-b", "main"]);
        for n in 0..40 {
            write(
                root,
                &format!("prompts/f{}/p{n}.prompt", n % 5),
                &prompt_text(n, 0),
            );
        }
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", "library"]);
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        let (_, first) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((first.parsed, first.rebuilt), (40, true));
        let main = std::fs::read(&cache).unwrap();

        // A commit that changes two prompts, adds one and deletes one.
        write(root, "prompts/f1/p1.prompt", &prompt_text(1, 1));
        write(root, "prompts/f2/p7.prompt", &prompt_text(7, 1));
        write(root, "prompts/f9/new.prompt", &prompt_text(99, 0));
        std::fs::remove_file(prompts.join("f3/p3.prompt")).unwrap();
        git(root, &["add", "-A"]);
        git(root, &["commit", "-q", "-m", "edit"]);
        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (stats.files, stats.reused, stats.parsed, stats.removed),
            (40, 37, 3, 1)
        );
        assert_eq!((stats.written, stats.rebuilt), (true, false));
        assert_eq!(
            std::fs::read(&cache).unwrap(),
            main,
            "the main file is untouched"
        );
        assert!(delta_path(&cache).is_file());
        assert_eq!(index.delta_len(), 3);
        assert_same_as_fresh(root, &index);

        // Read back from the files: the same, and nothing to do.
        let (again, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.reused, stats.written), (0, 40, false));
        assert_same_as_fresh(root, &again);

        // The next commit re-indexes only its own change; earlier delta documents are kept.
        write(root, "prompts/f1/p1.prompt", &prompt_text(1, 2));
        write(root, "prompts/f0/p0.prompt", &prompt_text(0, 2));
        git(root, &["commit", "-q", "-am", "again"]);
        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.reused, stats.rebuilt), (2, 38, false));
        assert_eq!(index.delta_len(), 4);
        assert_same_as_fresh(root, &index);
    }

    #[test]
    fn files_touched_without_a_content_change_are_restamped_not_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        for n in 0..6 {
            write(root, &format!("prompts/p{n}.prompt"), &prompt_text(n, 0));
        }
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        open(root, &prompts, Some(&cache)).unwrap();
        for n in [1, 4] {
            let file = std::fs::File::options()
                .write(true)
                .open(prompts.join(format!("p{n}.prompt")))
                .unwrap();
            let now = file.metadata().unwrap().modified().unwrap();
            file.set_modified(now + std::time::Duration::from_secs(60))
                .unwrap();
        }
        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (stats.parsed, stats.restamped, stats.reused, stats.written),
            (0, 2, 4, true)
        );
        assert_same_as_fresh(root, &index);
        let (_, again) = open(root, &prompts, Some(&cache)).unwrap();
        assert_eq!(
            (again.parsed, again.restamped, again.reused, again.written),
            (0, 0, 6, false),
            "the new stamps were kept"
        );
    }

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        let id = blob_id(b"hello\n");
        let hex = id.iter().fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        });
        assert_eq!(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
    }

    /// Builds a cache over six prompts, then changes one so that a delta is written.
    fn library_with_delta(root: &Path) -> std::path::PathBuf {
        for n in 0..6 {
            write(root, &format!("prompts/p{n}.prompt"), &prompt_text(n, 0));
        }
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        open(root, &root.join("prompts"), Some(&cache)).unwrap();
        write(root, "prompts/p2.prompt", &prompt_text(2, 5));
        let (_, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.rebuilt), (1, false));
        cache
    }

    #[test]
    fn a_damaged_delta_is_dropped_with_a_warning_and_results_stay_right() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let cache = library_with_delta(root);
        let good = std::fs::read(delta_path(&cache)).unwrap();
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x04;
        let mut flipped_list = good.clone();
        flipped_list[36] ^= 0x01;
        for damaged in [
            &good[..good.len() - 5],
            &good[..20],
            &flipped[..],
            &flipped_list[..],
            b"PCTLSIXDgarbage",
        ] {
            std::fs::write(delta_path(&cache), damaged).unwrap();
            let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
            assert!(
                stats.warning.as_deref().unwrap_or("").contains("delta"),
                "{stats:?}"
            );
            assert_eq!(
                stats.parsed, 1,
                "only the file the delta covered is read again"
            );
            assert_same_as_fresh(root, &index);
            let (index, _) = open_with(root, &root.join("prompts"), Some(&cache), true).unwrap();
            assert_same_as_fresh(root, &index);
        }
    }

    #[test]
    fn a_delta_for_another_main_index_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let cache = library_with_delta(root);
        let old_delta = std::fs::read(delta_path(&cache)).unwrap();
        // Another process rebuilds the main file meanwhile (and drops the delta)...
        std::fs::remove_file(&cache).unwrap();
        let (_, rebuilt) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert!(rebuilt.rebuilt && !delta_path(&cache).exists());
        // ...and a slower one then puts its delta for the old main file in place.
        std::fs::write(delta_path(&cache), &old_delta).unwrap();
        let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!((stats.warning, stats.parsed, stats.reused), (None, 0, 6));
        assert_same_as_fresh(root, &index);
    }

    #[test]
    fn a_delta_past_its_limit_rebuilds_the_index_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let cache = library_with_delta(root);
        for n in 0..=DELTA_MIN_LIMIT {
            write(root, &format!("prompts/many/m{n}.prompt"), "many words");
        }
        let (index, stats) = open(root, &root.join("prompts"), Some(&cache)).unwrap();
        assert_eq!((stats.parsed, stats.rebuilt), (DELTA_MIN_LIMIT + 1, true));
        assert!(!delta_path(&cache).exists(), "the delta was folded in");
        assert_eq!(index.delta_len(), 0);
        assert_same_as_fresh(root, &index);
    }

    #[test]
    fn random_edits_keep_results_identical_to_a_fresh_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap()
        };
        for n in 0..30 {
            write(
                root,
                &format!("prompts/d{}/p{n}.prompt", n % 4),
                &prompt_text(n, 0),
            );
        }
        open(root, &prompts, Some(&cache)).unwrap();
        for round in 1..12_usize {
            for _ in 0..=next(6) {
                let n = next(40);
                let path = format!("prompts/d{}/p{n}.prompt", n % 4);
                match next(4) {
                    0 => {
                        let _ = std::fs::remove_file(root.join(&path));
                    }
                    1 => {
                        if let Ok(file) =
                            std::fs::File::options().write(true).open(root.join(&path))
                        {
                            let now = file.metadata().unwrap().modified().unwrap();
                            file.set_modified(now + std::time::Duration::from_secs(60))
                                .unwrap();
                        }
                    }
                    _ => write(root, &path, &prompt_text(n, round)),
                }
            }
            let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
            assert!(!stats.rebuilt, "round {round}: {stats:?}");
            assert_same_as_fresh(root, &index);
            let (trusted, _) = open_with(root, &prompts, Some(&cache), true).unwrap();
            assert_eq!(all_results(&trusted), all_results(&index), "round {round}");
        }
    }

    #[test]
    fn concurrent_opens_leave_a_whole_cache() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let prompts = root.join("prompts");
        let cache = root.join(CACHE_DIR).join(CACHE_FILE);
        for n in 0..20 {
            write(root, &format!("prompts/p{n}.prompt"), &prompt_text(n, 0));
        }
        for round in 0..4 {
            write(
                root,
                &format!("prompts/p{round}.prompt"),
                &prompt_text(round, 9),
            );
            if round == 2 {
                let _ = std::fs::remove_file(&cache);
            }
            std::thread::scope(|s| {
                for _ in 0..6 {
                    s.spawn(|| {
                        let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
                        assert_eq!(stats.warning, None);
                        assert_same_as_fresh(root, &index);
                    });
                }
            });
            let (index, stats) = open(root, &prompts, Some(&cache)).unwrap();
            assert_eq!((stats.warning, stats.parsed), (None, 0));
            assert_same_as_fresh(root, &index);
        }
    }
}
