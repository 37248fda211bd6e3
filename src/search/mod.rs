//! Full-text and facet search over the prompt library.
//!
//! Each prompt (not partials) is a document with four weighted fields: its name (3.0), tags (2.5),
//! description (2.0) and body (1.0). Text is split into lowercase alphanumeric tokens, kept in an
//! inverted index with per-field term frequencies, and ranked with BM25F (field-weighted BM25,
//! k1 = 1.2, b = 0.75). Every query term must match (AND); a term matches exactly, as a prefix of
//! a longer term (so `summar` finds `summarize`), or within a small edit distance (one typo for
//! terms of 4-7 characters, two from 8), each with a lower weight than an exact match. Facet
//! filters (tag, category, status, owner, folder) narrow the candidates before ranking, and facet
//! counts are reported over the hits.
//!
//! [`index`] keeps the per-file index data on disk so a search over a large library re-reads only
//! the files whose path, size or modification time changed, and parses only those whose git blob
//! id changed. A [`SearchIndex`] is a main segment plus a [`Delta`] over it (tombstones and the
//! changed documents), so a small change never lays the whole index out again. With no index,
//! [`scan`] answers a query by one pass over the files, with the same results, and the index is
//! built afterwards ([`index::search`], [`index::build`]).

pub mod index;
mod packed;
pub mod scan;

use std::collections::BTreeMap;

use crate::library::listing::{FacetValues, Filter};
use packed::Packed;

/// Number of indexed text fields.
pub const FIELD_COUNT: usize = 4;
/// Field names, in index order.
pub const FIELD_NAMES: [&str; FIELD_COUNT] = ["name", "tags", "description", "body"];
/// The names of the fields whose bits are set in `mask` (bit `i` is [`FIELD_NAMES`]`[i]`).
pub fn field_names(mask: u8) -> Vec<&'static str> {
    FIELD_NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, name)| *name)
        .collect()
}
const FIELD_WEIGHTS: [f32; FIELD_COUNT] = [3.0, 2.5, 2.0, 1.0];
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weight of a term reached by prefix instead of exactly.
const PREFIX_WEIGHT: f32 = 0.6;
/// Weight of a term reached with one typo (two typos: this squared).
const TYPO_WEIGHT: f32 = 0.45;
/// At most this many dictionary terms stand in for one query term.
const MAX_EXPANSIONS: usize = 64;

/// Splits text into lowercase alphanumeric tokens of at least two characters.
pub fn tokenize(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// The searchable metadata of one prompt, as stored in the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The file, relative to the project root, `/`-separated.
    pub path: String,
    /// The prompt's id (`support/reply.formal`).
    pub id: String,
    /// Its description (empty when none).
    pub description: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Category.
    pub category: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Owners.
    pub owners: Vec<String>,
    /// Folder of the name (`support/billing`).
    pub folder: String,
    /// Why the file could not be parsed, when it could not (only its name is indexed then).
    pub error: Option<String>,
}

/// What the cache remembers of a file to tell whether it changed: size and modification time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, whole seconds since the Unix epoch.
    pub mtime_secs: u64,
    /// Nanoseconds part of the modification time.
    pub mtime_nanos: u32,
}

/// A git blob id (SHA-1): what a file's content is, whatever its stamp.
pub type Blob = [u8; 20];

/// One document ready for the index: metadata, field lengths and term frequencies by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Metadata.
    pub meta: DocMeta,
    /// The file's stamp when it was indexed.
    pub stamp: Stamp,
    /// The git blob id of the file's content.
    pub blob: Blob,
    /// Token count per field.
    pub field_len: [u32; FIELD_COUNT],
    /// (term id, frequency per field), sorted by term id.
    pub terms: Vec<(u32, [u16; FIELD_COUNT])>,
}

/// A document before its terms have ids: what parsing one file produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawDoc {
    /// Metadata.
    pub meta: DocMeta,
    /// The file's stamp when it was read.
    pub stamp: Stamp,
    /// The git blob id of the file's content.
    pub blob: Blob,
    /// Token count per field.
    pub field_len: [u32; FIELD_COUNT],
    /// (term, frequency per field), sorted by term.
    pub terms: Vec<(String, [u16; FIELD_COUNT])>,
}

impl RawDoc {
    /// Tokenizes the four fields of a prompt.
    pub fn new(meta: DocMeta, body: &str) -> RawDoc {
        let mut counts: BTreeMap<String, [u16; FIELD_COUNT]> = BTreeMap::new();
        let mut field_len = [0u32; FIELD_COUNT];
        let tags = meta.tags.join(" ");
        let fields = [
            meta.id.as_str(),
            tags.as_str(),
            meta.description.as_str(),
            body,
        ];
        for (field, text) in fields.into_iter().enumerate() {
            for token in tokenize(text) {
                field_len[field] += 1;
                let tf = &mut counts.entry(token).or_default()[field];
                *tf = tf.saturating_add(1);
            }
        }
        RawDoc {
            meta,
            stamp: Stamp::default(),
            blob: Blob::default(),
            field_len,
            terms: counts.into_iter().collect(),
        }
    }
}

/// Edits laid over a main index without rewriting it: documents of the main index that are gone
/// or replaced (tombstones), new stamps for main documents whose file was touched but whose
/// content (blob id) is the same, and a small index of the new and changed documents.
#[derive(Debug, Clone, Default)]
pub struct Delta {
    /// The fingerprint of the main index this delta applies to.
    pub(crate) main: u64,
    /// Main documents that no longer count, ascending.
    pub(crate) dead: Vec<u32>,
    /// Main documents with a new stamp (same content), ascending by document.
    pub(crate) restamps: Vec<(u32, Stamp)>,
    /// The new and changed documents.
    pub(crate) packed: Packed,
}

/// The inverted index: a main segment of `packed` buffers (documents, a sorted term dictionary,
/// postings per term, all read in place; see the `packed` module for why) and a [`Delta`] over it.
/// Documents are numbered in path order across both (the *public* numbers every method takes);
/// inside, a *global* number is a main document's own number, or the main count plus a delta
/// document's number.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    main: Packed,
    delta: Delta,
    /// Bit per main document: a tombstone.
    dead: Vec<u64>,
    /// Live documents in path order, as global numbers.
    order: Vec<u32>,
    avg_len: [f32; FIELD_COUNT],
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl SearchIndex {
    /// Builds an index from documents whose term ids refer to `dict` (sorted, unique).
    pub fn from_parts(dict: &[String], mut docs: Vec<Doc>) -> SearchIndex {
        docs.sort_by(|a, b| a.meta.path.cmp(&b.meta.path));
        SearchIndex::from_packed(Packed::build(dict, &docs))
    }

    fn from_packed(packed: Packed) -> SearchIndex {
        SearchIndex::from_segments(packed, Delta::default())
    }

    /// A main index with a delta over it (the delta's `main` fingerprint is not checked here).
    pub(crate) fn from_segments(main: Packed, delta: Delta) -> SearchIndex {
        let m = main.doc_count();
        let mut dead = vec![0u64; m.div_ceil(64)];
        for d in &delta.dead {
            if let Some(word) = dead.get_mut(*d as usize / 64) {
                *word |= 1 << (d % 64);
            }
        }
        let is_dead = |d: usize| dead[d / 64] & (1 << (d % 64)) != 0;
        // Both segments are sorted by path: merge them.
        let delta_count = delta.packed.doc_count();
        let mut order = Vec::with_capacity(m + delta_count);
        let (mut in_main, mut in_delta) = (0, 0);
        while in_main < m || in_delta < delta_count {
            if in_main < m && is_dead(in_main) {
                in_main += 1;
                continue;
            }
            if in_delta >= delta_count
                || (in_main < m && main.path(in_main) <= delta.packed.path(in_delta))
            {
                order.push(to_u32(in_main));
                in_main += 1;
            } else {
                order.push(to_u32(m + in_delta));
                in_delta += 1;
            }
        }
        let mut index = SearchIndex {
            main,
            delta,
            dead,
            order,
            avg_len: [1.0; FIELD_COUNT],
        };
        let mut totals = [0f64; FIELD_COUNT];
        for &g in &index.order {
            let (p, d) = index.seg(g as usize);
            for (total, len) in totals.iter_mut().zip(p.field_len(d)) {
                *total += f64::from(len);
            }
        }
        index.avg_len = average_lengths(totals, index.order.len());
        index
    }

    /// The segment and local number of global document `g`.
    fn seg(&self, g: usize) -> (&Packed, usize) {
        let m = self.main.doc_count();
        if g < m {
            (&self.main, g)
        } else {
            (&self.delta.packed, g - m)
        }
    }

    fn is_dead(&self, main_doc: usize) -> bool {
        self.dead[main_doc / 64] & (1 << (main_doc % 64)) != 0
    }

    /// The segment and local number of public document `doc`.
    fn at(&self, doc: usize) -> (&Packed, usize) {
        self.seg(self.order[doc] as usize)
    }

    /// Builds an index from freshly tokenized documents.
    pub fn build(raw: Vec<RawDoc>) -> SearchIndex {
        let (dict, docs) = assign_ids(Vec::new(), Vec::new(), raw);
        SearchIndex::from_parts(&dict, docs)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the index has no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of documents in the delta (0 right after a full build).
    pub fn delta_len(&self) -> usize {
        self.delta.packed.doc_count() + self.delta.restamps.len()
    }

    /// The path of document `doc` (documents are sorted by path).
    pub fn path(&self, doc: usize) -> &str {
        let (p, d) = self.at(doc);
        p.path(d)
    }

    /// The stamp of document `doc`'s file when it was indexed.
    pub fn stamp(&self, doc: usize) -> Stamp {
        let g = self.order[doc];
        if let Ok(at) = self.delta.restamps.binary_search_by_key(&g, |(d, _)| *d) {
            return self.delta.restamps[at].1;
        }
        let (p, d) = self.at(doc);
        p.stamp(d)
    }

    /// The git blob id of document `doc`'s file when it was indexed.
    pub fn blob(&self, doc: usize) -> Blob {
        let (p, d) = self.at(doc);
        p.blob(d)
    }

    /// The metadata of document `doc`, as owned values.
    pub fn meta(&self, doc: usize) -> DocMeta {
        let (p, d) = self.at(doc);
        p.meta(d)
    }

    /// The files that could not be read or parsed (only their names are indexed), with why:
    /// `(path, error)`, in index order.
    pub fn unparsed(&self) -> impl Iterator<Item = (&str, &str)> {
        (0..self.len()).filter_map(|doc| {
            let (p, d) = self.at(doc);
            Some((p.path(d), p.error(d)?))
        })
    }

    /// The term dictionary: terms some document uses, sorted.
    pub fn terms(&self) -> Vec<String> {
        self.clone().into_parts().0
    }

    /// Whether the main index holds main document `d` as a live document.
    fn main_live(&self, d: usize) -> bool {
        !self.is_dead(d)
    }

    /// Term lists of the documents of segment `p` for which `keep` holds (local numbers).
    fn segment_terms(
        p: &Packed,
        keep: &dyn Fn(usize) -> bool,
    ) -> Vec<Vec<(u32, [u16; FIELD_COUNT])>> {
        let mut terms: Vec<Vec<(u32, [u16; FIELD_COUNT])>> = vec![Vec::new(); p.doc_count()];
        for t in 0..p.term_count() {
            let id = to_u32(t);
            for (d, tf) in p.postings(t) {
                if keep(d as usize) {
                    terms[d as usize].push((id, tf));
                }
            }
        }
        terms
    }

    /// The dictionary and the documents for which `keep` holds (public numbers), with their term
    /// lists (for incremental updates), in path order; terms no kept document uses may stay in
    /// the dictionary.
    pub fn parts_where(&self, keep: &dyn Fn(usize) -> bool) -> (Vec<String>, Vec<Doc>) {
        let m = self.main.doc_count();
        let mut kept_global = vec![false; m + self.delta.packed.doc_count()];
        for (doc, g) in self.order.iter().enumerate() {
            kept_global[*g as usize] = keep(doc);
        }
        // Decoding every posting of the main index is most of the cost: skip it when no main
        // document is wanted (laying out a new delta).
        let main_terms = if kept_global[..m].iter().any(|k| *k) {
            Self::segment_terms(&self.main, &|d| kept_global[d])
        } else {
            vec![Vec::new(); m]
        };
        let delta_terms = Self::segment_terms(&self.delta.packed, &|d| kept_global[m + d]);
        // One dictionary: the union of both, sorted; each segment's ids remapped into it.
        let (mut dict, mut main_map, mut delta_map) = (Vec::new(), Vec::new(), Vec::new());
        let (main, delta) = (&self.main, &self.delta.packed);
        let (mut in_main, mut in_delta) = (0, 0);
        while in_main < main.term_count() || in_delta < delta.term_count() {
            let next_main = (in_main < main.term_count()).then(|| main.term(in_main));
            let next_delta = (in_delta < delta.term_count()).then(|| delta.term(in_delta));
            let id = to_u32(dict.len());
            match (next_main, next_delta) {
                (Some(x), Some(y)) if x == y => {
                    dict.push(x.to_owned());
                    main_map.push(id);
                    delta_map.push(id);
                    in_main += 1;
                    in_delta += 1;
                }
                (Some(x), y) if y.is_none_or(|y| x < y) => {
                    dict.push(x.to_owned());
                    main_map.push(id);
                    in_main += 1;
                }
                (_, Some(y)) => {
                    dict.push(y.to_owned());
                    delta_map.push(id);
                    in_delta += 1;
                }
                _ => break,
            }
        }
        let mut main_terms = main_terms.into_iter();
        let mut delta_terms = delta_terms.into_iter();
        let mut all_main: Vec<Option<Vec<_>>> = (0..m).map(|_| main_terms.next()).collect();
        let mut all_delta: Vec<Option<Vec<_>>> =
            (0..delta.doc_count()).map(|_| delta_terms.next()).collect();
        let docs = self
            .order
            .iter()
            .enumerate()
            .filter(|(doc, _)| keep(*doc))
            .map(|(doc, g)| {
                let g = *g as usize;
                let (p, d) = self.seg(g);
                let (terms, map) = if g < m {
                    (all_main[d].take(), &main_map)
                } else {
                    (all_delta[d].take(), &delta_map)
                };
                Doc {
                    meta: p.meta(d),
                    stamp: self.stamp(doc),
                    blob: p.blob(d),
                    field_len: p.field_len(d),
                    terms: terms
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(t, tf)| (map[t as usize], tf))
                        .collect(),
                }
            })
            .collect();
        (dict, docs)
    }

    /// Takes the index apart into its dictionary and documents with their term lists: the
    /// inverse of [`SearchIndex::from_parts`] (terms no document uses are dropped).
    pub fn into_parts(self) -> (Vec<String>, Vec<Doc>) {
        let (dict, docs) = self.parts_where(&|_| true);
        prune(dict, docs)
    }

    /// Global numbers of the documents, by public number.
    pub(crate) fn global_numbers(&self) -> &[u32] {
        &self.order
    }

    /// The main segment and the delta over it.
    pub(crate) fn segments(&self) -> (&Packed, &Delta) {
        (&self.main, &self.delta)
    }

    /// The index as one segment, with no delta: the same documents and search results.
    #[must_use]
    pub fn compacted(&self) -> SearchIndex {
        if self.delta.dead.is_empty()
            && self.delta.restamps.is_empty()
            && self.delta.packed.doc_count() == 0
        {
            return self.clone();
        }
        let (dict, docs) = self.clone().into_parts();
        SearchIndex::from_parts(&dict, docs)
    }

    /// The main segment in the cache format (see [`index`]); a delta is folded in first.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.compacted().main.write_to(out)
    }

    /// The serialized size in bytes of [`SearchIndex::write_to`].
    pub fn encoded_len(&self) -> usize {
        self.main.encoded_len() + self.delta.packed.encoded_len()
    }

    /// Dictionary terms of one segment that stand in for a query term, with their weights.
    fn expand_in(p: &Packed, term: &str) -> Vec<(usize, f32)> {
        let count = p.term_count();
        let mut out: Vec<(usize, f32)> = Vec::new();
        let start = partition_point(0..count, |t| p.term(t) < term);
        if start < count && p.term(start) == term {
            out.push((start, 1.0));
        }
        let len = term.chars().count();
        if len >= 3 {
            for i in start..count {
                let t = p.term(i);
                if !t.starts_with(term) {
                    break;
                }
                if t != term {
                    out.push((i, PREFIX_WEIGHT));
                }
            }
        }
        let allowed = match len {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if allowed > 0 {
            for i in 0..count {
                let t = p.term(i);
                // Byte lengths bound char lengths cheaply before the exact check.
                if t.len().abs_diff(term.len()) > allowed * 4 || t.starts_with(term) {
                    continue;
                }
                let t_chars = t.chars().count();
                if t_chars.abs_diff(len) > allowed {
                    continue;
                }
                let d = typo_distance(term, t, allowed);
                if d <= allowed {
                    let weight = if d == 1 {
                        TYPO_WEIGHT
                    } else {
                        TYPO_WEIGHT * TYPO_WEIGHT
                    };
                    out.push((i, weight));
                }
            }
        }
        out
    }

    /// Terms (over both segments) that stand in for a query term: with their weight, their term
    /// number in the main and the delta dictionary, and their document frequency over live
    /// documents. A term only tombstoned documents use is not a term any more.
    fn expand(&self, term: &str) -> Vec<Expansion> {
        let mut by_term: BTreeMap<&str, Expansion> = BTreeMap::new();
        for (t, weight) in Self::expand_in(&self.main, term) {
            let e = by_term
                .entry(self.main.term(t))
                .or_insert(Expansion::new(weight));
            e.main = Some(t);
            e.df += if self.delta.dead.is_empty() {
                self.main.df(t)
            } else {
                let live = self
                    .main
                    .postings(t)
                    .filter(|(d, _)| self.main_live(*d as usize))
                    .count();
                to_u32(live)
            };
        }
        let delta = &self.delta.packed;
        for (t, weight) in Self::expand_in(delta, term) {
            let e = by_term
                .entry(delta.term(t))
                .or_insert(Expansion::new(weight));
            e.delta = Some(t);
            e.df += delta.df(t);
        }
        let mut out: Vec<Expansion> = by_term.into_values().filter(|e| e.df > 0).collect();
        // Best weight first, then dictionary order (the map's, which a stable sort keeps).
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        out.truncate(MAX_EXPANSIONS);
        out
    }

    /// Whether global document `g` is live and passes the filter.
    fn filter_table(&self, filter: &Filter) -> Vec<bool> {
        let m = self.main.doc_count();
        let mut allowed = vec![false; m + self.delta.packed.doc_count()];
        let main_filter = FacetFilter::new(filter, &self.main);
        let delta_filter = FacetFilter::new(filter, &self.delta.packed);
        for &g in &self.order {
            let g = g as usize;
            allowed[g] = if g < m {
                main_filter.matches(&self.main, g)
            } else {
                delta_filter.matches(&self.delta.packed, g - m)
            };
        }
        allowed
    }

    /// Runs a query: every query term must match; hits are ranked by BM25F.
    pub fn search(&self, query: &Query) -> SearchResults {
        let allowed: Option<Vec<bool>> =
            (!query.filter.is_empty()).then(|| self.filter_table(&query.filter));
        let passes = |g: usize| allowed.as_ref().is_none_or(|a| a[g]);
        let terms: Vec<String> = tokenize(&query.text).collect();
        let mut scored: Vec<(usize, f32, u8)> = if terms.is_empty() {
            self.order
                .iter()
                .map(|g| *g as usize)
                .filter(|g| passes(*g))
                .map(|g| (g, 0.0, 0))
                .collect()
        } else {
            self.score_all_terms(&terms, &passes)
        };
        let facets = self.facets(scored.iter().map(|(g, _, _)| *g));
        let total = scored.len();
        // Best score first, ties by id, then by path (the order documents are in): only the
        // first `limit` need sorting.
        let order = |a: &(usize, f32, u8), b: &(usize, f32, u8)| {
            let (pa, da) = self.seg(a.0);
            let (pb, db) = self.seg(b.0);
            b.1.total_cmp(&a.1)
                .then_with(|| pa.id(da).cmp(pb.id(db)))
                .then_with(|| pa.path(da).cmp(pb.path(db)))
        };
        if query.limit < scored.len() {
            scored.select_nth_unstable_by(query.limit, order);
            scored.truncate(query.limit);
        }
        scored.sort_unstable_by(order);
        SearchResults {
            total,
            hits: scored
                .into_iter()
                .map(|(g, score, fields)| {
                    let (p, d) = self.seg(g);
                    Hit {
                        meta: p.meta(d),
                        score,
                        fields: field_names(fields),
                    }
                })
                .collect(),
            facets,
            terms,
        }
    }

    /// Facet counts over global documents, per segment by value id, then named and summed.
    fn facets(&self, docs: impl Iterator<Item = usize>) -> Facets {
        let m = self.main.doc_count();
        let (mut in_main, mut in_delta) = (Vec::new(), Vec::new());
        for g in docs {
            if g < m {
                in_main.push(g);
            } else {
                in_delta.push(g - m);
            }
        }
        let mut facets = Facets::count(&self.main, in_main.into_iter());
        if !in_delta.is_empty() {
            let more = Facets::count(&self.delta.packed, in_delta.into_iter());
            for (into, from) in [
                (&mut facets.tag, more.tag),
                (&mut facets.category, more.category),
                (&mut facets.status, more.status),
                (&mut facets.owner, more.owner),
                (&mut facets.folder, more.folder),
            ] {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        facets
    }

    /// Scores the documents that match every term: dense per-document arrays, because a common
    /// term touches a large share of a big library and hashing each posting costs more.
    fn score_all_terms(
        &self,
        terms: &[String],
        passes: &dyn Fn(usize) -> bool,
    ) -> Vec<(usize, f32, u8)> {
        let m = self.main.doc_count();
        let doc_count = m + self.delta.packed.doc_count();
        // Counts above 2^24 lose precision in f32, which only blurs IDF in the last digits.
        #[allow(clippy::cast_precision_loss)]
        let n = self.len() as f32;
        let mut total = vec![0f32; doc_count];
        let mut fields = vec![0u8; doc_count];
        let mut matched = vec![0u16; doc_count];
        let mut best = vec![0f32; doc_count];
        let mut touched: Vec<u32> = Vec::new();
        for (qi, term) in terms.iter().enumerate() {
            let required = u16::try_from(qi).unwrap_or(u16::MAX);
            for e in self.expand(term) {
                let idf = idf(n, e.df);
                let main = e.main.map(|t| self.main.postings(t)).into_iter().flatten();
                let delta = e
                    .delta
                    .map(|t| self.delta.packed.postings(t))
                    .into_iter()
                    .flatten()
                    .map(|(d, tf)| (d + to_u32(m), tf));
                for (g, tf) in main.chain(delta) {
                    let gi = g as usize;
                    // Only documents that matched every earlier term can still match them all.
                    if matched[gi] != required || (gi < m && self.is_dead(gi)) || !passes(gi) {
                        continue;
                    }
                    let (score, f) = self.bm25f(gi, tf, idf * e.weight);
                    if best[gi] == 0.0 {
                        touched.push(g);
                    }
                    best[gi] = best[gi].max(score).max(f32::MIN_POSITIVE);
                    fields[gi] |= f;
                }
            }
            if touched.is_empty() {
                return Vec::new();
            }
            for g in touched.drain(..) {
                let gi = g as usize;
                total[gi] += best[gi];
                best[gi] = 0.0;
                matched[gi] += 1;
            }
        }
        let all = u16::try_from(terms.len()).unwrap_or(u16::MAX);
        (0..doc_count)
            .filter(|g| matched[*g] == all)
            .map(|g| (g, total[g], fields[g]))
            .collect()
    }

    /// BM25F score of one term in global document `g`, and the fields it occurs in as a bit mask.
    fn bm25f(&self, g: usize, tf: [u16; FIELD_COUNT], idf: f32) -> (f32, u8) {
        let (p, d) = self.seg(g);
        bm25f(p.field_len(d), self.avg_len, tf, idf)
    }
}

/// BM25F score of one term in a document with field lengths `lens`, and the fields it occurs in
/// as a bit mask. One function for the index and the streaming scan, so both rank alike.
fn bm25f(
    lens: [u32; FIELD_COUNT],
    avg_len: [f32; FIELD_COUNT],
    tf: [u16; FIELD_COUNT],
    idf: f32,
) -> (f32, u8) {
    let mut weighted = 0.0;
    let mut fields = 0u8;
    for f in 0..FIELD_COUNT {
        if tf[f] == 0 {
            continue;
        }
        fields |= 1 << f;
        #[allow(clippy::cast_precision_loss)]
        let norm = 1.0 - B + B * (lens[f] as f32 / avg_len[f]);
        weighted += FIELD_WEIGHTS[f] * f32::from(tf[f]) / norm;
    }
    (idf * weighted / (K1 + weighted), fields)
}

/// Inverse document frequency of a term in `df` of `n` documents.
fn idf(n: f32, df: u32) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let df = df as f32;
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

/// Average token count per field over documents whose totals are `totals` (at least 1).
fn average_lengths(totals: [f64; FIELD_COUNT], docs: usize) -> [f32; FIELD_COUNT] {
    // Precision loss past 2^52 documents is irrelevant to an average.
    #[allow(clippy::cast_precision_loss)]
    let n = docs.max(1) as f64;
    #[allow(clippy::cast_possible_truncation)]
    totals.map(|t| ((t / n) as f32).max(1.0))
}

/// The weight with which dictionary term `t` stands in for query term `query`: exactly (1),
/// as a longer word it starts ([`PREFIX_WEIGHT`], for query terms of three characters or more),
/// or within the allowed typos; `None` when it does not. What [`SearchIndex`] finds by walking
/// its dictionary, decided for one word (the streaming scan meets words one at a time).
fn stand_in_weight(query: &str, t: &str) -> Option<f32> {
    if t == query {
        return Some(1.0);
    }
    let len = query.chars().count();
    if t.starts_with(query) {
        return (len >= 3).then_some(PREFIX_WEIGHT);
    }
    let allowed = match len {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    if t.len().abs_diff(query.len()) > allowed * 4 || t.chars().count().abs_diff(len) > allowed {
        return None;
    }
    match typo_distance(query, t, allowed) {
        1 => Some(TYPO_WEIGHT),
        d if d <= allowed => Some(TYPO_WEIGHT * TYPO_WEIGHT),
        _ => None,
    }
}

/// A dictionary term standing in for a query term.
struct Expansion {
    weight: f32,
    main: Option<usize>,
    delta: Option<usize>,
    /// Live documents that contain it.
    df: u32,
}

impl Expansion {
    fn new(weight: f32) -> Expansion {
        Expansion {
            weight,
            main: None,
            delta: None,
            df: 0,
        }
    }
}

/// The first index in `range` for which `pred` is false (`pred` must be true, then false).
pub(crate) fn partition_point(
    range: std::ops::Range<usize>,
    pred: impl Fn(usize) -> bool,
) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A [`Filter`] turned into per-value answers: each facet filter is decided once per distinct
/// facet value (with [`Filter::matches`] itself, so the semantics stay in one place), then a
/// document is checked by its value ids.
struct FacetFilter {
    /// For each required tag, which values match it.
    tags: Vec<Vec<bool>>,
    category: Option<Vec<bool>>,
    status: Option<Vec<bool>>,
    owner: Option<Vec<bool>>,
    folder: Option<Vec<bool>>,
}

impl FacetFilter {
    fn new(filter: &Filter, packed: &Packed) -> FacetFilter {
        let values: Vec<String> = (0..packed.value_count())
            .map(|v| {
                packed
                    .value(u32::try_from(v).unwrap_or(u32::MAX))
                    .to_owned()
            })
            .collect();
        // A filter with one facet set, applied to each value as if it were every facet's.
        let by_value = |one: Filter| -> Vec<bool> {
            values
                .iter()
                .map(|v| {
                    one.matches(&FacetValues {
                        tags: std::slice::from_ref(v),
                        category: Some(v),
                        status: Some(v),
                        owners: std::slice::from_ref(v),
                        folder: v,
                    })
                })
                .collect()
        };
        FacetFilter {
            tags: filter
                .tags
                .iter()
                .map(|t| {
                    by_value(Filter {
                        tags: vec![t.clone()],
                        ..Filter::default()
                    })
                })
                .collect(),
            category: filter.category.clone().map(|c| {
                by_value(Filter {
                    category: Some(c),
                    ..Filter::default()
                })
            }),
            status: filter.status.clone().map(|s| {
                by_value(Filter {
                    status: Some(s),
                    ..Filter::default()
                })
            }),
            owner: filter.owner.clone().map(|o| {
                by_value(Filter {
                    owner: Some(o),
                    ..Filter::default()
                })
            }),
            folder: filter.folder.clone().map(|f| {
                by_value(Filter {
                    folder: Some(f),
                    ..Filter::default()
                })
            }),
        }
    }

    /// [`Filter::matches`] for document `doc`.
    fn matches(&self, packed: &Packed, doc: usize) -> bool {
        let ids = packed.facets(doc);
        let hit = |table: &[bool], id: u32| table.get(id as usize).copied().unwrap_or(false);
        let single = |table: &Option<Vec<bool>>, id: Option<u32>| {
            table
                .as_deref()
                .is_none_or(|t| id.is_some_and(|id| hit(t, id)))
        };
        self.tags.iter().all(|t| ids.tags().any(|id| hit(t, id)))
            && single(&self.category, ids.category)
            && single(&self.status, ids.status)
            && self
                .owner
                .as_deref()
                .is_none_or(|t| ids.owners().any(|id| hit(t, id)))
            && single(&self.folder, Some(ids.folder))
    }
}

/// Edit distance counting an adjacent transposition as one edit (optimal string alignment),
/// because swapped letters are the most common typo. Stops early and returns `limit + 1` once the
/// distance must exceed `limit`.
pub fn typo_distance(a: &str, b: &str, limit: usize) -> usize {
    const MAX: usize = 32;
    let mut a_buf = ['\0'; MAX];
    let mut b_buf = ['\0'; MAX];
    let (mut a_len, mut b_len) = (0, 0);
    for (slot, c) in a_buf.iter_mut().zip(a.chars()) {
        *slot = c;
        a_len += 1;
    }
    for (slot, c) in b_buf.iter_mut().zip(b.chars()) {
        *slot = c;
        b_len += 1;
    }
    if a.chars().count() > MAX || b.chars().count() > MAX {
        // Very long words are compared exactly; no typo search there.
        return if a == b { 0 } else { limit + 1 };
    }
    let (a, b) = (&a_buf[..a_len], &b_buf[..b_len]);
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut rows = [[0usize; MAX + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[prev][j - 1] + cost)
                .min(rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > limit {
            return limit + 1;
        }
    }
    rows[a.len() % 3][b.len()]
}

/// Gives ids to the terms of `raw` documents, merging them into an existing sorted dictionary
/// (whose ids `docs` use). Returns the new dictionary and all documents with remapped ids.
pub fn assign_ids(
    mut dict: Vec<String>,
    mut docs: Vec<Doc>,
    raw: Vec<RawDoc>,
) -> (Vec<String>, Vec<Doc>) {
    let mut new_terms: Vec<&str> = raw
        .iter()
        .flat_map(|r| r.terms.iter().map(|(t, _)| t.as_str()))
        .filter(|t| dict.binary_search_by(|d| d.as_str().cmp(t)).is_err())
        .collect();
    new_terms.sort_unstable();
    new_terms.dedup();
    if !new_terms.is_empty() {
        // Merge the two sorted lists and remap the old ids.
        let mut merged = Vec::with_capacity(dict.len() + new_terms.len());
        let mut remap = Vec::with_capacity(dict.len());
        let mut new_iter = new_terms.iter().peekable();
        for old in dict {
            while let Some(n) = new_iter.next_if(|n| **n < old.as_str()) {
                merged.push((*n).to_owned());
            }
            remap.push(u32::try_from(merged.len()).unwrap_or(u32::MAX));
            merged.push(old);
        }
        merged.extend(new_iter.map(|n| (*n).to_owned()));
        for doc in &mut docs {
            for (t, _) in &mut doc.terms {
                *t = remap[*t as usize];
            }
        }
        dict = merged;
    }
    for r in raw {
        let terms = r
            .terms
            .into_iter()
            .filter_map(|(t, tf)| {
                let id = dict.binary_search(&t).ok()?;
                Some((u32::try_from(id).ok()?, tf))
            })
            .collect();
        docs.push(Doc {
            meta: r.meta,
            stamp: r.stamp,
            blob: r.blob,
            field_len: r.field_len,
            terms,
        });
    }
    (dict, docs)
}

/// Drops dictionary terms no document uses any more, remapping ids.
pub fn prune(dict: Vec<String>, mut docs: Vec<Doc>) -> (Vec<String>, Vec<Doc>) {
    let mut used = vec![false; dict.len()];
    for doc in &docs {
        for (t, _) in &doc.terms {
            used[*t as usize] = true;
        }
    }
    if used.iter().all(|u| *u) {
        return (dict, docs);
    }
    let mut remap = vec![0u32; dict.len()];
    let mut kept = Vec::new();
    for (i, term) in dict.into_iter().enumerate() {
        if used[i] {
            remap[i] = u32::try_from(kept.len()).unwrap_or(u32::MAX);
            kept.push(term);
        }
    }
    for doc in &mut docs {
        for (t, _) in &mut doc.terms {
            *t = remap[*t as usize];
        }
    }
    (kept, docs)
}

/// A search request.
#[derive(Debug, Clone)]
pub struct Query {
    /// Free text; empty lists every prompt that passes the filter.
    pub text: String,
    /// Facet filters.
    pub filter: Filter,
    /// At most this many hits are returned (facets and `total` count them all).
    pub limit: usize,
}

/// One matching prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its metadata.
    pub meta: DocMeta,
    /// BM25F score (higher is better; 0 for a filter-only listing).
    pub score: f32,
    /// Fields the query matched in.
    pub fields: Vec<&'static str>,
}

/// Facet counts over all hits: facet value to number of hits, per facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Tag counts.
    pub tag: BTreeMap<String, usize>,
    /// Category counts.
    pub category: BTreeMap<String, usize>,
    /// Status counts.
    pub status: BTreeMap<String, usize>,
    /// Owner counts.
    pub owner: BTreeMap<String, usize>,
    /// Top-level folder counts.
    pub folder: BTreeMap<String, usize>,
}

impl Facets {
    /// Counts the facet values of `docs`: by value id first, so counting allocates nothing per
    /// hit, then named.
    fn count(packed: &Packed, docs: impl Iterator<Item = usize>) -> Facets {
        let n = packed.value_count();
        let mut counts = [const { Vec::new() }; 5].map(|_: Vec<usize>| vec![0usize; n]);
        let [tag, category, status, owner, folder] = &mut counts;
        let bump = |table: &mut Vec<usize>, id: u32| {
            if let Some(count) = table.get_mut(id as usize) {
                *count += 1;
            }
        };
        for d in docs {
            let ids = packed.facets(d);
            for id in ids.tags() {
                bump(tag, id);
            }
            for id in ids.owners() {
                bump(owner, id);
            }
            if let Some(id) = ids.category {
                bump(category, id);
            }
            if let Some(id) = ids.status {
                bump(status, id);
            }
            bump(folder, ids.top_folder);
        }
        let named = |table: &[usize]| -> BTreeMap<String, usize> {
            table
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(v, count)| {
                    let v = u32::try_from(v).unwrap_or(u32::MAX);
                    (packed.value(v).to_owned(), *count)
                })
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
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Number of matching prompts (before the limit).
    pub total: usize,
    /// The best hits, best first (ties by id).
    pub hits: Vec<Hit>,
    /// Facet counts over all matches.
    pub facets: Facets,
    /// The query terms after tokenizing.
    pub terms: Vec<String>,
}

/// An excerpt of a hit's template around the first query term, read from its file (`root` is
/// the project root). `None` when no term occurs in the body (the description is shown anyway).
pub fn hit_snippet(root: &std::path::Path, hit: &Hit, terms: &[String]) -> Option<String> {
    if terms.is_empty() || !hit.fields.contains(&"body") {
        return None;
    }
    // The path comes from the cache file, which is data: it is confined like any other name.
    let path = crate::confine::Boundary::new(root)
        .join(&hit.meta.path)
        .ok()?;
    let text = std::fs::read_to_string(path).ok()?;
    let document = crate::prompt::PromptDocument::parse(&text).ok()?;
    snippet(document.template(), terms, 80)
}

/// A one-line excerpt of `text` around the first occurrence of any of `terms` (prefix match),
/// at most about `width` characters, with `…` where it was cut. Whitespace runs count as one
/// space.
///
/// Two passes over the words, allocating only the excerpt: a hit in a 50 MB prompt must not copy
/// the prompt (a character table of it took 16 bytes a character).
pub fn snippet(text: &str, terms: &[String], width: usize) -> Option<String> {
    // Pass 1: the character position of the first match in the flattened text, and its length.
    let mut total = 0usize;
    let mut at: Option<usize> = None;
    for word in text.split_whitespace() {
        if total > 0 {
            total += 1;
        }
        let chars = word.chars().count();
        if at.is_none() {
            let lower = word.to_lowercase();
            // Lowercasing can change byte lengths; only use positions when it did not.
            if lower.len() != word.len() {
                return None;
            }
            if let Some(offset) = terms.iter().filter_map(|t| lower.find(t.as_str())).min() {
                at = Some(total + lower[..offset].chars().count());
            }
        } else if word
            .chars()
            .any(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() != c.len_utf8())
        {
            return None;
        }
        total += chars;
    }
    let at = at?;
    let start = if total <= width {
        0
    } else {
        at.saturating_sub(width / 3)
    };
    let end = (start + width).min(total);
    // Pass 2: the characters from `start` to `end` of the flattened text.
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let flat = text
        .split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()));
    out.extend(flat.skip(start).take(end - start));
    if end < total {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, tags: &[&str], description: &str, body: &str) -> RawDoc {
        RawDoc::new(
            DocMeta {
                path: format!("prompts/{id}.prompt"),
                id: id.to_owned(),
                description: description.to_owned(),
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                folder: id.rsplit_once('/').map_or("", |(f, _)| f).to_owned(),
                status: Some(
                    if id.contains("old") {
                        "deprecated"
                    } else {
                        "active"
                    }
                    .into(),
                ),
                ..DocMeta::default()
            },
            body,
        )
    }

    fn index() -> SearchIndex {
        SearchIndex::build(vec![
            doc(
                "support/refund",
                &["billing"],
                "Answer refund requests",
                "Be kind about the refund.",
            ),
            doc(
                "support/old-refund",
                &["billing"],
                "Old refund flow",
                "Kept for history; use the new one.",
            ),
            doc(
                "code/review",
                &["code"],
                "Review a diff",
                "Look at the diff for bugs. Mention refund never.",
            ),
            doc(
                "summarize/meeting",
                &["notes"],
                "Summarize meeting notes",
                "Write a summary.",
            ),
        ])
    }

    fn ids(results: &SearchResults) -> Vec<&str> {
        results.hits.iter().map(|h| h.meta.id.as_str()).collect()
    }

    fn query(text: &str) -> Query {
        Query {
            text: text.into(),
            filter: Filter::default(),
            limit: 10,
        }
    }

    #[test]
    fn typo_distance_counts_swaps_once() {
        assert_eq!(typo_distance("reveiw", "review", 2), 1);
        assert_eq!(typo_distance("kitten", "sitting", 5), 3);
        assert_eq!(typo_distance("abc", "abc", 1), 0);
        assert_eq!(typo_distance("abcdef", "uvwxyz", 1), 2);
        assert_eq!(typo_distance("a", "abcd", 1), 2);
    }

    /// Optimal string alignment distance, the textbook way.
    fn naive_osa(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn typo_distance_matches_the_textbook_within_its_limit(a in "[a-c]{0,8}", b in "[a-c]{0,8}", limit in 0usize..4) {
            let expected = naive_osa(&a, &b);
            let got = typo_distance(&a, &b, limit);
            if expected <= limit {
                proptest::prop_assert_eq!(got, expected);
            } else {
                proptest::prop_assert!(got > limit);
            }
        }
    }

    #[test]
    fn tokenizes_lowercase_words() {
        let tokens: Vec<String> = tokenize("Hello, World! a {{role \"user\"}} x2").collect();
        assert_eq!(tokens, ["hello", "world", "role", "user", "x2"]);
    }

    #[test]
    fn ranks_name_and_description_above_body() {
        let results = index().search(&query("refund"));
        assert_eq!(
            ids(&results),
            ["support/refund", "support/old-refund", "code/review"]
        );
        assert_eq!(results.hits[0].fields, ["name", "description", "body"]);
        assert_eq!(results.hits[2].fields, ["body"]);
    }

    #[test]
    fn all_terms_must_match() {
        assert_eq!(ids(&index().search(&query("refund diff"))), ["code/review"]);
        assert!(index().search(&query("refund zebra")).hits.is_empty());
    }

    #[test]
    fn typos_and_prefixes_match() {
        assert_eq!(
            ids(&index().search(&query("sumarize"))),
            ["summarize/meeting"]
        );
        assert_eq!(ids(&index().search(&query("summ"))), ["summarize/meeting"]);
        assert_eq!(ids(&index().search(&query("reveiw"))), ["code/review"]);
    }

    #[test]
    fn filters_and_facets() {
        let mut q = query("refund");
        q.filter.status = Some("active".into());
        let results = index().search(&q);
        assert_eq!(ids(&results), ["support/refund", "code/review"]);
        assert_eq!(results.facets.tag["billing"], 1);
        assert_eq!(results.facets.folder["support"], 1);
        let mut all = query("");
        all.filter.tags = vec!["billing".into()];
        assert_eq!(
            ids(&index().search(&all)),
            ["support/old-refund", "support/refund"]
        );
    }

    /// Filters and facet counts over interned value ids agree with [`Filter::matches`] and a
    /// count over the owned metadata.
    #[test]
    fn facet_ids_agree_with_the_metadata() {
        let mut raw = Vec::new();
        for (i, folder) in ["", "a", "a/b", "a/bc", "ab", "A/b", "x/a"]
            .iter()
            .enumerate()
        {
            for j in 0..3 {
                let id = if folder.is_empty() {
                    format!("p{j}")
                } else {
                    format!("{folder}/p{j}")
                };
                let pick = |options: &[&'static str], k: usize| -> &'static str {
                    options[(i + j + k) % options.len()]
                };
                raw.push(RawDoc::new(
                    DocMeta {
                        path: format!("prompts/{id}.prompt"),
                        folder: (*folder).into(),
                        tags: (0..(i + j) % 3)
                            .map(|k| pick(&["billing", "Billing", "rag", "a"], k).into())
                            .collect(),
                        owners: (0..j % 2)
                            .map(|k| pick(&["team", "a/b"], k).into())
                            .collect(),
                        category: (j != 1).then(|| pick(&["support", "a", "eng"], 0).into()),
                        status: (i % 3 != 0).then(|| pick(&["active", "Draft"], 1).into()),
                        id,
                        ..DocMeta::default()
                    },
                    "text",
                ));
            }
        }
        let index = SearchIndex::build(raw);
        let values = [
            "billing", "BILLING", "rag", "a", "a/b", "support", "team", "draft", "nope",
        ];
        let mut filters = vec![Filter::default()];
        for v in values {
            let v = || Some(v.to_owned());
            filters.push(Filter {
                tags: vec![v().unwrap()],
                ..Filter::default()
            });
            filters.push(Filter {
                category: v(),
                ..Filter::default()
            });
            filters.push(Filter {
                status: v(),
                ..Filter::default()
            });
            filters.push(Filter {
                owner: v(),
                ..Filter::default()
            });
            filters.push(Filter {
                folder: v(),
                ..Filter::default()
            });
        }
        for folder in ["/", "a/", "/a/b/", "a/b/c", "A"] {
            filters.push(Filter {
                folder: Some(folder.into()),
                ..Filter::default()
            });
        }
        filters.push(Filter {
            tags: vec!["billing".into(), "rag".into()],
            status: Some("draft".into()),
            ..Filter::default()
        });
        for filter in filters {
            let results = index.search(&Query {
                text: String::new(),
                filter: filter.clone(),
                limit: usize::MAX,
            });
            let mut expected = Vec::new();
            let mut facets = Facets::default();
            for d in 0..index.len() {
                let m = index.meta(d);
                let values = FacetValues {
                    tags: &m.tags,
                    category: m.category.as_deref(),
                    status: m.status.as_deref(),
                    owners: &m.owners,
                    folder: &m.folder,
                };
                if filter.matches(&values) {
                    let bump = |map: &mut BTreeMap<String, usize>, key: &str| {
                        *map.entry(key.to_owned()).or_default() += 1;
                    };
                    m.tags.iter().for_each(|t| bump(&mut facets.tag, t));
                    m.owners.iter().for_each(|o| bump(&mut facets.owner, o));
                    m.category
                        .iter()
                        .for_each(|c| bump(&mut facets.category, c));
                    m.status.iter().for_each(|s| bump(&mut facets.status, s));
                    let top = m.folder.split('/').next().unwrap_or("");
                    bump(&mut facets.folder, if top.is_empty() { "." } else { top });
                    expected.push(m.id);
                }
            }
            expected.sort();
            assert_eq!(ids(&results), expected, "{filter:?}");
            assert_eq!(results.facets, facets, "{filter:?}");
        }
    }

    #[test]
    fn limit_keeps_total() {
        let mut q = query("refund");
        q.limit = 1;
        let results = index().search(&q);
        assert_eq!((results.total, results.hits.len()), (3, 1));
    }

    #[test]
    fn incremental_ids_match_a_fresh_build() {
        let fresh = index();
        let (dict, mut docs) = fresh.clone().into_parts();
        docs.retain(|d| d.meta.id != "code/review");
        let (dict, docs) = prune(dict, docs);
        let extra = doc(
            "code/review",
            &["code"],
            "Review a diff",
            "Look at the diff for bugs. Mention refund never.",
        );
        let (dict, docs) = assign_ids(dict, docs, vec![extra]);
        let rebuilt = SearchIndex::from_parts(&dict, docs);
        assert_eq!(rebuilt.into_parts(), fresh.into_parts());
    }

    /// The excerpt the way it was first written: flatten, lowercase, index every character.
    fn naive_snippet(text: &str, terms: &[String], width: usize) -> Option<String> {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = flat.to_lowercase();
        let position = if lower.len() == flat.len() {
            terms.iter().filter_map(|t| lower.find(t.as_str())).min()
        } else {
            None
        }?;
        let chars: Vec<(usize, char)> = flat.char_indices().collect();
        let at = chars.iter().position(|(i, _)| *i >= position).unwrap_or(0);
        let start = if chars.len() <= width {
            0
        } else {
            at.saturating_sub(width / 3)
        };
        let end = (start + width).min(chars.len());
        let mut out: String = chars[start..end].iter().map(|(_, c)| c).collect();
        if start > 0 {
            out.insert(0, '…');
        }
        if end < chars.len() {
            out.push('…');
        }
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn streaming_snippets_match_the_naive_ones(
            text in "[a-cA-C é\\n\\t]{0,60}",
            terms in proptest::collection::vec("[a-c]{1,3}", 0..3),
            width in 1usize..30,
        ) {
            proptest::prop_assert_eq!(
                snippet(&text, &terms, width),
                naive_snippet(&text, &terms, width)
            );
        }
    }

    #[test]
    fn snippets_cut_around_the_match() {
        let text = "one two three four five six seven refund eight nine ten eleven twelve";
        let s = snippet(text, &["refund".into()], 20).unwrap();
        assert!(
            s.contains("refund") && s.starts_with('…') && s.ends_with('…'),
            "{s}"
        );
        assert_eq!(snippet("short", &["zzz".into()], 20), None);
    }
}
