//! Answering one query by reading the files, without an index: the first search after a clone.
//!
//! Building the index over 100,000 prompts takes seconds and hundreds of megabytes (every term of
//! every document is kept until the postings are laid out), while one query needs far less: the
//! number of documents and the average field lengths, the document frequency of the few words
//! that stand in for the query terms, and, for the documents that match every term, those words'
//! frequencies per field. So when there is no index, [`scan`] reads the files once, in parallel,
//! keeping only that (per-file state is dropped as soon as the file is counted; only matching
//! documents are kept), and ranks exactly as [`SearchIndex::search`](super::SearchIndex::search)
//! would over the same files: the same expansions (prefixes, typos, at most
//! `MAX_EXPANSIONS` per term, best weight then dictionary order), the
//! same BM25F arithmetic, the same order of hits. The index is built afterwards, for the next
//! query (see `search::index::search`).
//!
//! A common word can match most of a library (three quarters of a million prompts at 1M), so a
//! matching document is kept compact: its path and id, its facet values and stand-in words as
//! numbers of strings stored once per scan, its field lengths and term frequencies. Only the
//! hits shown are read again, for their description and the rest of their metadata.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::confine::Boundary;
use crate::library::display_id;
use crate::library::listing::FacetValues;
use crate::search::index::{self, Body, Error, FileEntry};
use crate::search::{
    FIELD_COUNT, Facets, Hit, MAX_EXPANSIONS, Query, SearchResults, average_lengths, bm25f,
    field_names, idf, stand_in_weight, tokenize,
};

use super::DocMeta;

/// What a scan found: the results, the files it read, and those it could not read or parse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scanned {
    /// The query's results, as the index would give them.
    pub results: SearchResults,
    /// Prompt files read.
    pub files: usize,
    /// Files searched by name only, with why: `(path, error)`, in path order.
    pub unparsed: Vec<(String, String)>,
}

/// A document that matched every query term (and the filter), with what ranking and the facet
/// counts need: strings that repeat across documents (facet values, words) are numbers in the
/// scan's [`Strings`].
struct Candidate {
    /// The file, relative to the project root.
    path: Box<str>,
    /// Bytes of `path` before the part relative to the prompts folder.
    prefix_len: usize,
    is_link: bool,
    /// The prompt's id (ties in score are ordered by id, then path).
    id: Box<str>,
    /// Facet values: category, status and top-level folder ([`NONE`] when absent), then the
    /// number of owners, the owners, and the tags.
    facets: Box<[u32]>,
    field_len: [u32; FIELD_COUNT],
    /// The document's words that stand in for some query term, with their frequency per field.
    words: Box<[(u32, [u16; FIELD_COUNT])]>,
}

/// A facet that has no value.
const NONE: u32 = u32::MAX;

/// The strings candidates share, each stored once and named by its number.
#[derive(Default)]
struct Strings {
    numbers: HashMap<String, u32, foldhash::fast::RandomState>,
    names: Vec<String>,
}

impl Strings {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = u32::try_from(self.names.len()).unwrap_or(NONE);
        self.numbers.insert(s.to_owned(), n);
        self.names.push(s.to_owned());
        n
    }

    fn name(&self, n: u32) -> &str {
        self.names.get(n as usize).map_or("", String::as_str)
    }
}

/// What the scan looks for in each file.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    /// The query's terms.
    terms: &'a [String],
    /// Fewer characters than this, and a word stands in for no term.
    min_chars: usize,
    query: &'a Query,
    /// Which scan this is (see `MEMO`).
    scan_id: u64,
    /// The scan's shared strings.
    strings: &'a Mutex<Strings>,
}

/// What a scan has counted so far; partial counts from parallel workers are merged.
#[derive(Default)]
struct Tally {
    docs: usize,
    /// Token totals per field (exact: `u64`, summed in any order).
    totals: [u64; FIELD_COUNT],
    /// Documents per word, for the words that stand in for some query term.
    df: HashMap<String, u32>,
    /// In pieces: one long vector would be copied each time it grows.
    candidates: Vec<Vec<Candidate>>,
    unparsed: Vec<(String, String)>,
    /// The token being counted, lowercased (reused, so ASCII tokens cost no allocation).
    token: String,
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        self.docs += other.docs;
        for (total, more) in self.totals.iter_mut().zip(other.totals) {
            *total += more;
        }
        for (word, n) in other.df {
            *self.df.entry(word).or_default() += n;
        }
        self.candidates.extend(other.candidates);
        self.unparsed.extend(other.unparsed);
        self
    }
}

/// Answers `query` over the prompt files under `prompts_dir` by reading them all once, without
/// building or reading an index; results and their order are those of
/// [`SearchIndex::search`](super::SearchIndex::search) over an index of the same files.
pub fn scan(root: &Path, prompts_dir: &Path, query: &Query) -> Result<Scanned, Error> {
    if !prompts_dir.is_dir() {
        return Err(Error::MissingRoot {
            path: prompts_dir.to_path_buf(),
        });
    }
    let boundary = Boundary::new(root);
    boundary.check(prompts_dir)?;
    let terms: Vec<String> = tokenize(&query.text).collect();
    let scan_id = SCANS.fetch_add(1, Ordering::Relaxed);
    // A word stands in for a term only if it has at least the term's characters less the typos
    // the term allows (see `stand_in_weight`).
    let min_chars = terms
        .iter()
        .map(|term| {
            let len = term.chars().count();
            len - match len {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            }
        })
        .min()
        .unwrap_or(0);
    let strings = Mutex::new(Strings::default());
    let wanted = Wanted {
        terms: &terms,
        min_chars,
        query,
        scan_id,
        strings: &strings,
    };
    let tally = Mutex::new(Tally::default());
    let sink = |files: Vec<FileEntry>| {
        let part = files
            .par_iter()
            .fold(Tally::default, |mut tally, file| {
                count_file(&mut tally, &boundary, prompts_dir, file, &wanted);
                tally
            })
            .reduce(Tally::default, Tally::merge);
        if let Ok(mut tally) = tally.lock() {
            let all = std::mem::take(&mut *tally);
            *tally = all.merge(part);
        }
    };
    index::walk_files(root, prompts_dir, &sink)?;
    let tally = tally
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let strings = strings
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let shown = |candidate: &Candidate| read_meta(&boundary, prompts_dir, candidate);
    Ok(rank(tally, &strings, terms, query.limit, shown))
}

/// Reads one file and counts it into `tally`.
fn count_file(
    tally: &mut Tally,
    boundary: &Boundary,
    prompts_dir: &Path,
    file: &FileEntry,
    wanted: &Wanted<'_>,
) {
    let meta = DocMeta {
        path: file.path.clone(),
        id: display_id(&file.name),
        folder: file.name.folder().to_owned(),
        ..DocMeta::default()
    };
    let prefix_len = file.path.len() - file.relative.len();
    read_document(
        boundary,
        prompts_dir,
        &file.relative,
        file.is_link,
        meta,
        |meta, body| {
            count_document(tally, meta, body, file.is_link, prefix_len, wanted);
        },
    );
}

/// The metadata of a hit, read again from its file (candidates keep only what ranking needs).
/// Should the file have changed since it was counted, what it holds now is shown.
fn read_meta(boundary: &Boundary, prompts_dir: &Path, candidate: &Candidate) -> DocMeta {
    let relative = &candidate.path[candidate.prefix_len..];
    let name = crate::prompt::PromptName::from_relative_path(relative);
    let meta = DocMeta {
        path: candidate.path.to_string(),
        id: candidate.id.to_string(),
        folder: name
            .as_ref()
            .map(|n| n.folder().to_owned())
            .unwrap_or_default(),
        ..DocMeta::default()
    };
    let mut shown = None;
    read_document(
        boundary,
        prompts_dir,
        relative,
        candidate.is_link,
        meta,
        |meta, _| {
            shown = Some(meta);
        },
    );
    shown.unwrap_or_default()
}

/// Reads the file at `relative` (under `prompts_dir`) and hands `use_it` its metadata, filled
/// in from `meta`, and its searchable body.
fn read_document(
    boundary: &Boundary,
    prompts_dir: &Path,
    relative: &str,
    is_link: bool,
    meta: DocMeta,
    use_it: impl FnOnce(DocMeta, &str),
) {
    let absolute = prompts_dir.join(relative);
    READ_BUFFER.with_borrow_mut(|buf| {
        let (meta, body) = match index::read_prompt_file_into(boundary, &absolute, is_link, buf) {
            Ok(()) => match std::str::from_utf8(buf) {
                Ok(text) => match index::searchable_text(meta, text) {
                    (meta, Body::In(range)) => (meta, Cow::Borrowed(&text[range])),
                    (meta, Body::Own(body)) => (meta, Cow::Owned(body)),
                },
                Err(_) => (
                    DocMeta {
                        error: Some(index::NOT_UTF8.into()),
                        ..meta
                    },
                    Cow::Borrowed(""),
                ),
            },
            Err(error) => (
                DocMeta {
                    error: Some(error),
                    ..meta
                },
                Cow::Borrowed(""),
            ),
        };
        use_it(meta, &body);
    });
    // A very large file's buffer is not kept for the next.
    READ_BUFFER.with_borrow_mut(|buf| {
        if buf.capacity() > 1 << 20 {
            *buf = Vec::new();
        }
    });
}

/// Counts one document's fields into `tally`.
fn count_document(
    tally: &mut Tally,
    meta: DocMeta,
    body: &str,
    is_link: bool,
    prefix_len: usize,
    wanted: &Wanted<'_>,
) {
    let Wanted {
        terms,
        min_chars,
        query,
        scan_id,
        strings,
    } = *wanted;
    let mut field_len = [0u32; FIELD_COUNT];
    let mut words: Vec<(String, [u16; FIELD_COUNT])> = Vec::new();
    // Which query terms some word of the document stands in for.
    let mut covered = vec![false; terms.len()];
    let mut count = |memo: &mut Memo, field: usize, token: &str| {
        field_len[field] += 1;
        // Bytes are at least characters: a shorter token stands in for no term.
        if terms.is_empty() || token.len() < min_chars {
            return;
        }
        let mut add = |stands_in: &[usize]| {
            if stands_in.is_empty() {
                return;
            }
            if let Some((_, tf)) = words.iter_mut().find(|(w, _)| w == token) {
                tf[field] = tf[field].saturating_add(1);
                return;
            }
            for &qi in stands_in {
                covered[qi] = true;
            }
            let mut tf = [0u16; FIELD_COUNT];
            tf[field] = 1;
            words.push((token.to_owned(), tf));
        };
        if let Some(known) = memo.get(token) {
            add(known);
            return;
        }
        let found: Box<[usize]> = terms
            .iter()
            .enumerate()
            .filter(|(_, term)| stand_in_weight(term, token).is_some())
            .map(|(qi, _)| qi)
            .collect();
        add(&found);
        if memo.len() < MEMO_WORDS {
            memo.insert(token.to_owned(), found);
        }
    };
    MEMO.with_borrow_mut(|(id, memo)| {
        if *id != scan_id {
            memo.clear();
            *id = scan_id;
        }
        let token = &mut tally.token;
        // Tags are tokenized one by one: the same tokens as of the tags joined by spaces.
        each_token(&meta.id, token, |t| count(memo, 0, t));
        for tag in &meta.tags {
            each_token(tag, token, |t| count(memo, 1, t));
        }
        each_token(&meta.description, token, |t| count(memo, 2, t));
        each_token(body, token, |t| count(memo, 3, t));
    });
    tally.docs += 1;
    for (total, len) in tally.totals.iter_mut().zip(field_len) {
        *total += u64::from(len);
    }
    for (word, _) in &words {
        match tally.df.get_mut(word) {
            Some(n) => *n += 1,
            None => {
                tally.df.insert(word.clone(), 1);
            }
        }
    }
    if let Some(error) = &meta.error {
        tally.unparsed.push((meta.path.clone(), error.clone()));
    }
    let passes = query.filter.is_empty()
        || query.filter.matches(&FacetValues {
            tags: &meta.tags,
            category: meta.category.as_deref(),
            status: meta.status.as_deref(),
            owners: &meta.owners,
            folder: &meta.folder,
        });
    if passes && covered.iter().all(|c| *c) {
        let Ok(mut strings) = strings.lock() else {
            return;
        };
        let mut number = |value: Option<&str>| value.map_or(NONE, |v| strings.number(v));
        let mut facets = vec![
            number(meta.category.as_deref()),
            number(meta.status.as_deref()),
            number(Some(top_folder(&meta.folder))),
            u32::try_from(meta.owners.len()).unwrap_or(NONE),
        ];
        facets.extend(meta.owners.iter().map(|o| number(Some(o))));
        facets.extend(meta.tags.iter().map(|t| number(Some(t))));
        let words = words
            .iter()
            .map(|(word, tf)| (strings.number(word), *tf))
            .collect();
        drop(strings);
        let candidate = Candidate {
            path: meta.path.into(),
            prefix_len,
            is_link,
            id: meta.id.into(),
            facets: facets.into(),
            field_len,
            words,
        };
        match tally.candidates.last_mut() {
            Some(piece) if piece.len() < piece.capacity() => piece.push(candidate),
            last => {
                // Pieces double up to a limit: a tally of a few documents stays small.
                let capacity = last.map_or(16, |piece| (piece.capacity() * 2).min(CANDIDATE_PIECE));
                let mut piece = Vec::with_capacity(capacity);
                piece.push(candidate);
                tally.candidates.push(piece);
            }
        }
    }
}

/// The most candidates in one piece of a tally.
const CANDIDATE_PIECE: usize = 4096;

/// The folder facet's value: the top-level folder, `.` at the top.
fn top_folder(folder: &str) -> &str {
    match folder.split('/').next().unwrap_or("") {
        "" => ".",
        top => top,
    }
}

/// Words remembered per worker thread, at most: beyond it, stand-ins are computed each time.
const MEMO_WORDS: usize = 1 << 16;

/// Per word, the indexes of the query terms it stands in for (see `stand_in_weight`). Keyed
/// with foldhash: the keys are short words from the library's own files (the standard hasher's
/// resistance to chosen keys is not needed; looking each token up is most of counting it).
type Memo = HashMap<String, Box<[usize]>, foldhash::fast::RandomState>;

/// Scans are numbered, so a worker thread's memo is only used for the scan that filled it.
static SCANS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Per worker thread: the file being read (one buffer, reused).
    static READ_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };

    /// Per worker thread: which scan the memo is for, and the memo. A library repeats its
    /// vocabulary, and the typo distance is the costly part of counting a token, so each word's
    /// stand-ins are computed once per thread and scan rather than once per token.
    static MEMO: RefCell<(u64, Memo)> = RefCell::new((0, Memo::default()));
}

/// Calls `f` with each token of `text`, as [`tokenize`] yields them (lowercased, at least two
/// characters), through `buf`: ASCII text is split and lowercased by bytes, without allocating.
fn each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if !text.is_ascii() {
        for token in tokenize(text) {
            f(&token);
        }
        return;
    }
    let mut emit = |token: &str| {
        if token.len() >= 2 {
            buf.clear();
            buf.push_str(token);
            buf.make_ascii_lowercase();
            f(buf);
        }
    };
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if !b.is_ascii_alphanumeric() {
            emit(&text[start..i]);
            start = i + 1;
        }
    }
    emit(&text[start..]);
}

/// Ranks the candidates as the index does: each query term's expansions are the words (over all
/// documents) that stand in for it, best weight first then in dictionary order, at most
/// `MAX_EXPANSIONS`; a document's score for a term is its best expansion's BM25F. `shown` reads
/// the metadata of the hits returned.
fn rank(
    tally: Tally,
    strings: &Strings,
    terms: Vec<String>,
    limit: usize,
    shown: impl Fn(&Candidate) -> DocMeta,
) -> Scanned {
    let Tally {
        docs,
        totals,
        df,
        candidates,
        mut unparsed,
        ..
    } = tally;
    // Exact: token totals stay far below 2^53.
    #[allow(clippy::cast_precision_loss)]
    let avg_len = average_lengths(totals.map(|t| t as f64), docs);
    #[allow(clippy::cast_precision_loss)]
    let n = docs as f32;
    let mut dictionary: Vec<(&str, u32)> = df.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    dictionary.sort_unstable();
    // Per term, each string number's weighted idf when that string is one of its expansions.
    let expansions: Vec<HashMap<u32, f32>> = terms
        .iter()
        .map(|term| {
            let mut stand_ins: Vec<(&str, f32, u32)> = dictionary
                .iter()
                .filter_map(|(w, df)| Some((*w, stand_in_weight(term, w)?, *df)))
                .collect();
            // Best weight first, then dictionary order (a stable sort keeps it).
            stand_ins.sort_by(|a, b| b.1.total_cmp(&a.1));
            stand_ins.truncate(MAX_EXPANSIONS);
            stand_ins
                .into_iter()
                .filter_map(|(w, weight, df)| Some((*strings.numbers.get(w)?, idf(n, df) * weight)))
                .collect()
        })
        .collect();
    let mut scored: Vec<(&Candidate, f32, u8)> = Vec::new();
    'candidates: for candidate in candidates.iter().flatten() {
        let mut total = 0f32;
        let mut fields = 0u8;
        for expansion in &expansions {
            let mut best = 0f32;
            for (word, tf) in &candidate.words {
                if let Some(weighted_idf) = expansion.get(word) {
                    let (score, f) = bm25f(candidate.field_len, avg_len, *tf, *weighted_idf);
                    best = best.max(score).max(f32::MIN_POSITIVE);
                    fields |= f;
                }
            }
            if best == 0.0 {
                continue 'candidates;
            }
            total += best;
        }
        scored.push((candidate, total, fields));
    }
    let facets = count_facets(strings, scored.iter().map(|(c, _, _)| *c));
    let total = scored.len();
    let order = |a: &(&Candidate, f32, u8), b: &(&Candidate, f32, u8)| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.0.id.cmp(&b.0.id))
            .then_with(|| a.0.path.cmp(&b.0.path))
    };
    if limit < scored.len() {
        scored.select_nth_unstable_by(limit, order);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(order);
    unparsed.sort();
    Scanned {
        results: SearchResults {
            total,
            hits: scored
                .into_iter()
                .map(|(candidate, score, fields)| Hit {
                    meta: shown(candidate),
                    score,
                    fields: field_names(fields),
                })
                .collect(),
            facets,
            terms,
        },
        files: docs,
        unparsed,
    }
}

/// The facet counts of `candidates`, by string number first, then named.
fn count_facets<'c>(strings: &Strings, candidates: impl Iterator<Item = &'c Candidate>) -> Facets {
    let mut counts: [HashMap<u32, usize>; 5] = Default::default();
    let [category, status, folder, owner, tag] = &mut counts;
    for c in candidates {
        let bump = |table: &mut HashMap<u32, usize>, n: u32| {
            if n != NONE {
                *table.entry(n).or_default() += 1;
            }
        };
        let (fixed, rest) = c.facets.split_at(4.min(c.facets.len()));
        if let [cat, stat, top, owners] = *fixed {
            bump(category, cat);
            bump(status, stat);
            bump(folder, top);
            let owners = (owners as usize).min(rest.len());
            for &o in &rest[..owners] {
                bump(owner, o);
            }
            for &t in &rest[owners..] {
                bump(tag, t);
            }
        }
    }
    let named = |table: &HashMap<u32, usize>| {
        table
            .iter()
            .map(|(n, count)| (strings.name(*n).to_owned(), *count))
            .collect()
    };
    Facets {
        tag: named(tag),
        category: named(category),
        status: named(status),
        owner: named(owner),
        folder: named(folder),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::listing::Filter;
    use crate::search::index::open;
    use proptest::prelude::*;

    fn write(root: &Path, path: &str, text: &str) {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    /// Words with shared prefixes and one- and two-typo neighbours, so expansions are exercised.
    const WORDS: [&str; 16] = [
        "refund",
        "refunds",
        "refundable",
        "refnud",
        "policy",
        "police",
        "summary",
        "summarize",
        "sumary",
        "meeting",
        "review",
        "reveiw",
        "billing",
        "invoice",
        "latency",
        "context",
    ];
    const STATUSES: [&str; 3] = ["active", "draft", "deprecated"];

    /// One generated prompt: words picked by `picks` (indices into [`WORDS`]), a status, tags.
    fn prompt(picks: &[usize], status: usize, tag: usize, broken: bool) -> String {
        if broken {
            return "---\ndescription: [never closed\n---\nbody\n".into();
        }
        let word = |k: usize| WORDS[picks[k % picks.len()] % WORDS.len()];
        let body: Vec<&str> = picks.iter().map(|p| WORDS[p % WORDS.len()]).collect();
        format!(
            "---\ndescription: {} {} notes\ntags: [{}, t{tag}]\nstatus: {}\n---\n{}\n",
            word(1),
            word(2),
            word(3),
            STATUSES[status % 3],
            body.join(" ")
        )
    }

    fn queries() -> Vec<Query> {
        let mut queries = Vec::new();
        for text in [
            "refund",
            "refund policy",
            "summ",
            "sumary",
            "reveiw",
            "ref",
            "re",
            "notes",
            "polcy meeting",
            "refund refund",
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
                        folder: Some("a".into()),
                        ..Filter::default()
                    },
                    5,
                ),
            ] {
                queries.push(Query {
                    text: text.into(),
                    filter,
                    limit,
                });
            }
        }
        queries
    }

    /// The scan answers every query exactly as the index built over the same files does: the
    /// same hits, scores (to the bit), order, totals, facets and unparsed files.
    fn assert_scan_matches_index(root: &Path, queries: &[Query]) {
        let prompts = root.join("prompts");
        let (index, _) = open(root, &prompts, None).unwrap();
        let unparsed: Vec<(String, String)> = index
            .unparsed()
            .map(|(p, e)| (p.to_owned(), e.to_owned()))
            .collect();
        for query in queries {
            let scanned = scan(root, &prompts, query).unwrap();
            assert_eq!(scanned.results, index.search(query), "{query:?}");
            assert_eq!(scanned.files, index.len());
            assert_eq!(scanned.unparsed, unparsed);
        }
    }

    #[test]
    fn a_scan_ranks_exactly_as_the_index_on_a_fixed_library() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for n in 0..60 {
            let picks: Vec<usize> = (0..(3 + n % 5)).map(|k| n * 7 + k * 3).collect();
            let folder = ["a", "a/b", "c", ""][n % 4];
            let path = if folder.is_empty() {
                format!("prompts/p{n}.prompt")
            } else {
                format!("prompts/{folder}/p{n}.prompt")
            };
            write(root, &path, &prompt(&picks, n, n % 3, n % 17 == 5));
        }
        write(
            root,
            "prompts/a/_partial.prompt",
            "refund partial never indexed",
        );
        write(root, "prompts/.hidden/x.prompt", "refund hidden");
        // Not UTF-8: searched by name, with the same error both ways.
        std::fs::write(root.join("prompts/c/latin1.prompt"), b"refund caf\xe9\n").unwrap();
        assert_scan_matches_index(root, &queries());
    }

    #[test]
    fn a_scan_keeps_only_the_best_expansions_as_the_index_does() {
        // 70 words start with `abc`: only the best 64 stand in for the query term, in the
        // index's order, and a document reached by a dropped word is no hit.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for n in 0..70 {
            write(
                root,
                &format!("prompts/p{n:02}.prompt"),
                &format!("abc{n:02} filler"),
            );
        }
        write(root, "prompts/exact.prompt", "abc exact");
        let query = Query {
            text: "abc".into(),
            filter: Filter::default(),
            limit: 100,
        };
        assert_scan_matches_index(root, std::slice::from_ref(&query));
        let scanned = scan(root, &root.join("prompts"), &query).unwrap();
        assert_eq!(scanned.results.total, 64, "the exact word and 63 prefixes");
    }

    #[test]
    fn a_scan_of_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let query = Query {
            text: "x".into(),
            filter: Filter::default(),
            limit: 1,
        };
        assert!(matches!(
            scan(dir.path(), &dir.path().join("nowhere"), &query),
            Err(Error::MissingRoot { .. })
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn a_scan_ranks_exactly_as_the_index_on_generated_libraries(
            docs in proptest::collection::vec(
                (proptest::collection::vec(0usize..64, 1..12), 0usize..3, 0usize..3, 0usize..4, 0usize..20),
                1..40,
            ),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            for (n, (picks, status, tag, folder, broken)) in docs.iter().enumerate() {
                let folder = ["a", "a/b", "c", "d/e/f"][*folder];
                write(
                    root,
                    &format!("prompts/{folder}/p{n}.prompt"),
                    &prompt(picks, *status, *tag, *broken == 0),
                );
            }
            assert_scan_matches_index(root, &queries());
        }
    }
}
