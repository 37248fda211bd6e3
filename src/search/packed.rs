//! The search index as a few flat buffers: the layout kept in memory and written to the cache.
//!
//! A warm search over 100,000 prompts used to spend about 0.2 s of CPU turning the cache into
//! owned values (a million small strings of metadata, ten million postings) before answering a
//! query that reads a few of them. Here the cache *is* the index: documents are fixed-size records
//! of little-endian `u32` words pointing into a string heap, facet values (tags, owners, category,
//! status, folder) are interned into small integer ids, and postings stay in their compact
//! encoding, term by term. Opening reads four buffers, checks a checksum and that every offset is
//! in bounds (a few milliseconds), and allocates nothing per document; a query then decodes only
//! the postings of the terms it reaches and the metadata of the hits it shows.
//!
//! The byte format is described in [`crate::search::index`], which reads and writes it.

use std::collections::HashMap;
use std::io::{Read, Write};

use crate::search::{Blob, Doc, DocMeta, FIELD_COUNT, Stamp};

const MAGIC: &[u8; 8] = b"PCTLSIX\0";
/// The cache format this code reads and writes.
pub(crate) const FORMAT_VERSION: u32 = 4;
/// Magic, six `u32` counts and lengths, and the `u64` checksum.
const HEADER_LEN: usize = 8 + 4 + 6 * 4 + 8;
/// Stands for "no value" in an optional facet word.
const NONE: u32 = u32::MAX;

// Words of a document record.
/// File size (`u64`: two words, low first).
const W_SIZE: usize = 0;
/// Modification time, seconds (`u64`).
const W_SECS: usize = 2;
/// Modification time, nanoseconds.
const W_NANOS: usize = 4;
/// Token counts of the four fields.
const W_LEN: usize = 5;
/// Heap offset and byte length of the path.
const W_PATH: usize = 9;
/// Heap offset and byte length of the id (usually inside the path).
const W_ID: usize = 11;
/// Heap offset and byte length of the description.
const W_DESC: usize = 13;
/// Heap offset and byte length + 1 of the parse error (0: none).
const W_ERROR: usize = 15;
/// Value id of the folder.
const W_FOLDER: usize = 17;
/// Value id of the top-level folder (`.` at the top), the folder facet.
const W_TOP: usize = 18;
/// Value id of the category, or [`NONE`].
const W_CATEGORY: usize = 19;
/// Value id of the status, or [`NONE`].
const W_STATUS: usize = 20;
/// Start and count of the tags' value ids in the id pool.
const W_TAGS: usize = 21;
/// Start and count of the owners' value ids in the id pool.
const W_OWNERS: usize = 23;
/// The git blob id (SHA-1) of the file's content, five words.
const W_BLOB: usize = 25;
/// Words per document record.
const DOC_WORDS: usize = 30;

/// Why bytes could not be used as an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// A well-formed header of another format version.
    OtherVersion,
    /// Not an index, or damaged (truncated, bad checksum, offsets out of bounds) or unreadable.
    Damaged,
}

/// The index buffers; see the module docs.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    doc_count: usize,
    term_count: usize,
    value_count: usize,
    pool_len: usize,
    /// All fixed-size words: document records, value refs, the id pool, term offsets, document
    /// frequencies, postings offsets.
    words: Vec<u8>,
    /// Paths, ids, descriptions, errors and facet values.
    heap: String,
    /// The term dictionary, concatenated in sorted order.
    terms: String,
    /// Postings, term by term.
    postings: Vec<u8>,
    /// The checksum of all of the above, as written to the file.
    sum: u64,
}

impl Default for Packed {
    fn default() -> Packed {
        Packed::build(&[], &[])
    }
}

/// Interns facet values into small ids, in order of first use.
#[derive(Default)]
struct Interner<'a> {
    values: Vec<&'a str>,
    ids: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, value: &'a str) -> u32 {
        *self.ids.entry(value).or_insert_with(|| {
            self.values.push(value);
            to_u32(self.values.len() - 1)
        })
    }
}

/// The checksum of `parts`, one after the other (what the cache files use).
pub(crate) fn checksum_of(parts: &[&[u8]]) -> u64 {
    let mut sum = Checksum::default();
    for part in parts {
        sum.update(part);
    }
    sum.finish()
}

/// A count or offset as a `u32` word (saturating; see [`Packed::build`]).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Appends the value ids of `items` to the id pool; returns their start and count.
fn put_list<'a>(pool: &mut Vec<u32>, interner: &mut Interner<'a>, items: &'a [String]) -> [u32; 2] {
    let start = to_u32(pool.len());
    pool.extend(items.iter().map(|item| interner.id(item)));
    [start, to_u32(items.len())]
}

/// Appends `text` to the heap; returns its offset and length.
fn put(heap: &mut String, text: &str) -> [u32; 2] {
    let at = to_u32(heap.len());
    heap.push_str(text);
    [at, to_u32(text.len())]
}

impl Packed {
    /// Lays out documents (sorted by path) whose term ids refer to `dict` (sorted, unique).
    /// Offsets are `u32`: sections past 4 GiB (tens of millions of prompts) are out of scope.
    pub(crate) fn build(dict: &[String], docs: &[Doc]) -> Packed {
        let mut heap = String::with_capacity(docs.len() * 160);
        let mut words: Vec<u32> = Vec::with_capacity(docs.len() * DOC_WORDS);
        let mut pool: Vec<u32> = Vec::new();
        let mut interner = Interner::default();
        for doc in docs {
            let m = &doc.meta;
            let top = match m.folder.split('/').next().unwrap_or("") {
                "" => ".",
                top => top,
            };
            let path = put(&mut heap, &m.path);
            // The id is nearly always part of the path (`a/b.prompt` is `a/b`): point into it.
            let id = match m.path.find(m.id.as_str()) {
                Some(at) => [path[0] + to_u32(at), to_u32(m.id.len())],
                None => put(&mut heap, &m.id),
            };
            let description = put(&mut heap, &m.description);
            let error = match &m.error {
                Some(e) => {
                    let [at, len] = put(&mut heap, e);
                    [at, len.saturating_add(1)]
                }
                None => [0, 0],
            };
            let tags = put_list(&mut pool, &mut interner, &m.tags);
            let owners = put_list(&mut pool, &mut interner, &m.owners);
            let [size_lo, size_hi] = split_u64(doc.stamp.size);
            let [secs_lo, secs_hi] = split_u64(doc.stamp.mtime_secs);
            words.extend([size_lo, size_hi, secs_lo, secs_hi, doc.stamp.mtime_nanos]);
            words.extend(doc.field_len);
            words.extend(path);
            words.extend(id);
            words.extend(description);
            words.extend(error);
            words.extend([
                interner.id(&m.folder),
                interner.id(top),
                m.category.as_deref().map_or(NONE, |c| interner.id(c)),
                m.status.as_deref().map_or(NONE, |s| interner.id(s)),
            ]);
            words.extend(tags);
            words.extend(owners);
            words.extend(
                doc.blob
                    .as_chunks::<4>()
                    .0
                    .iter()
                    .map(|w| u32::from_le_bytes(*w)),
            );
        }
        let value_count = interner.values.len();
        for value in &interner.values {
            words.extend(put(&mut heap, value));
        }
        let pool_len = pool.len();
        words.extend(pool);
        // Term dictionary.
        let mut terms = String::with_capacity(dict.iter().map(String::len).sum());
        words.push(0);
        for term in dict {
            terms.push_str(term);
            words.push(to_u32(terms.len()));
        }
        // Invert the documents' term lists into postings, term by term.
        let mut counts = vec![0u32; dict.len() + 1];
        for doc in docs {
            for (t, _) in &doc.terms {
                counts[*t as usize + 1] += 1;
            }
        }
        words.extend(&counts[1..]);
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut slots = counts.clone();
        let mut inverted = vec![(0u32, [0u16; FIELD_COUNT]); *counts.last().unwrap_or(&0) as usize];
        for (d, doc) in docs.iter().enumerate() {
            for (t, tf) in &doc.terms {
                let slot = &mut slots[*t as usize];
                inverted[*slot as usize] = (to_u32(d), *tf);
                *slot += 1;
            }
        }
        let mut postings = Vec::with_capacity(inverted.len() * 3);
        words.push(0);
        for t in 0..dict.len() {
            let mut previous = 0u32;
            for (doc, tf) in &inverted[counts[t] as usize..counts[t + 1] as usize] {
                put_varint(&mut postings, doc - previous);
                previous = *doc;
                let mask = tf
                    .iter()
                    .enumerate()
                    .fold(0u8, |m, (i, f)| if *f > 0 { m | (1 << i) } else { m });
                postings.push(mask);
                for f in tf.iter().filter(|f| **f > 0) {
                    put_varint(&mut postings, u32::from(*f));
                }
            }
            words.push(to_u32(postings.len()));
        }
        let mut packed = Packed {
            doc_count: docs.len(),
            term_count: dict.len(),
            value_count,
            pool_len,
            words: words.iter().flat_map(|w| w.to_le_bytes()).collect(),
            heap,
            terms,
            postings,
            sum: 0,
        };
        packed.sum = packed.checksum(&packed.header_fields());
        packed
    }

    /// Writes the format described in [`crate::search::index`].
    pub(crate) fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&self.header_fields())?;
        out.write_all(&self.sum.to_le_bytes())?;
        out.write_all(&self.words)?;
        out.write_all(self.heap.as_bytes())?;
        out.write_all(self.terms.as_bytes())?;
        out.write_all(&self.postings)
    }

    /// The serialized size of the index.
    pub(crate) fn encoded_len(&self) -> usize {
        HEADER_LEN + self.words.len() + self.heap.len() + self.terms.len() + self.postings.len()
    }

    /// Version, counts and lengths, as stored after the magic.
    fn header_fields(&self) -> [u8; 28] {
        let fields = [
            FORMAT_VERSION,
            to_u32(self.doc_count),
            to_u32(self.term_count),
            to_u32(self.value_count),
            to_u32(self.pool_len),
            to_u32(self.heap.len()),
            to_u32(self.terms.len()),
        ];
        let mut out = [0u8; 28];
        for (slot, field) in out.as_chunks_mut::<4>().0.iter_mut().zip(fields) {
            *slot = field.to_le_bytes();
        }
        out
    }

    fn checksum(&self, header: &[u8]) -> u64 {
        let mut sum = Checksum::default();
        for part in [
            header,
            &self.words,
            self.heap.as_bytes(),
            self.terms.as_bytes(),
            &self.postings,
        ] {
            sum.update(part);
        }
        sum.finish()
    }

    /// Reads what [`Packed::write_to`] wrote, `len` bytes in all (the file size, so that a damaged
    /// header cannot ask for a huge allocation), and checks it.
    pub(crate) fn read_from(input: &mut impl Read, len: u64) -> Result<Packed, Invalid> {
        // Magic and version first: an older format may be shorter than this header.
        let mut header = [0u8; HEADER_LEN];
        let (start, rest) = header.split_at_mut(12);
        input.read_exact(start).map_err(|_| Invalid::Damaged)?;
        if start[..8] != *MAGIC {
            return Err(Invalid::Damaged);
        }
        if start[8..] != FORMAT_VERSION.to_le_bytes() {
            return Err(Invalid::OtherVersion);
        }
        input.read_exact(rest).map_err(|_| Invalid::Damaged)?;
        let (fields, checksum) = header[8..].split_at(28);
        let word = |i: usize| u32::from_le_bytes(fields.as_chunks::<4>().0[i]) as usize;
        let (doc_count, term_count, value_count, pool_len) = (word(1), word(2), word(3), word(4));
        let (heap_len, terms_len) = (word(5), word(6));
        let words_len = (doc_count * DOC_WORDS + value_count * 2 + pool_len + term_count * 3 + 2)
            .checked_mul(4)
            .ok_or(Invalid::Damaged)?;
        let fixed = (HEADER_LEN + words_len + heap_len + terms_len) as u64;
        let postings_len = usize::try_from(len.checked_sub(fixed).ok_or(Invalid::Damaged)?)
            .map_err(|_| Invalid::Damaged)?;
        let mut section = |n: usize| -> Result<Vec<u8>, Invalid> {
            let mut buf = vec![0u8; n];
            input.read_exact(&mut buf).map_err(|_| Invalid::Damaged)?;
            Ok(buf)
        };
        let words = section(words_len)?;
        let heap = section(heap_len)?;
        let terms = section(terms_len)?;
        let postings = section(postings_len)?;
        // Nothing may follow.
        if input.read(&mut [0u8; 1]).map_err(|_| Invalid::Damaged)? != 0 {
            return Err(Invalid::Damaged);
        }
        let mut sum = Checksum::default();
        for part in [fields, &words, &heap, &terms, &postings] {
            sum.update(part);
        }
        let sum = sum.finish();
        if sum.to_le_bytes() != checksum {
            return Err(Invalid::Damaged);
        }
        let packed = Packed {
            doc_count,
            term_count,
            value_count,
            pool_len,
            words,
            heap: String::from_utf8(heap).map_err(|_| Invalid::Damaged)?,
            terms: String::from_utf8(terms).map_err(|_| Invalid::Damaged)?,
            postings,
            sum,
        };
        if packed.in_bounds() {
            Ok(packed)
        } else {
            Err(Invalid::Damaged)
        }
    }

    /// Whether every offset and id points inside its section (on a character boundary for text),
    /// so the accessors below never read past a section. One pass of integer compares; the
    /// checksum has already caught accidental damage, this guards against a buggy writer.
    fn in_bounds(&self) -> bool {
        let text_ok = |text: &str, at: u32, len: u32| {
            let (at, len) = (at as usize, len as usize);
            at.checked_add(len).is_some_and(|end| {
                end <= text.len() && text.is_char_boundary(at) && text.is_char_boundary(end)
            })
        };
        let heap_ok = |[at, len]: [u32; 2]| text_ok(&self.heap, at, len);
        let value_ok = |v: u32| (v as usize) < self.value_count;
        let list_ok = |[start, count]: [u32; 2]| {
            (start as usize)
                .checked_add(count as usize)
                .is_some_and(|end| end <= self.pool_len)
        };
        let docs_ok = (0..self.doc_count).all(|d| {
            let w = |i: usize| self.doc_word(d, i);
            let pair = |i: usize| [w(i), w(i + 1)];
            heap_ok(pair(W_PATH))
                && heap_ok(pair(W_ID))
                && heap_ok(pair(W_DESC))
                && (w(W_ERROR + 1) == 0 || heap_ok([w(W_ERROR), w(W_ERROR + 1) - 1]))
                && value_ok(w(W_FOLDER))
                && value_ok(w(W_TOP))
                && (w(W_CATEGORY) == NONE || value_ok(w(W_CATEGORY)))
                && (w(W_STATUS) == NONE || value_ok(w(W_STATUS)))
                && list_ok(pair(W_TAGS))
                && list_ok(pair(W_OWNERS))
        });
        let facet_values_ok = (0..self.value_count).all(|v| {
            let at = self.values_start() + 2 * v;
            heap_ok([self.word(at), self.word(at + 1)])
        });
        let pool_ok = (0..self.pool_len).all(|i| value_ok(self.word(self.pool_start() + i)));
        let offsets_ok = |start: usize, end: usize, ok: &dyn Fn(u32) -> bool| {
            self.word(start) == 0
                && self.word(start + self.term_count) as usize == end
                && (0..self.term_count).all(|t| {
                    self.word(start + t) <= self.word(start + t + 1) && ok(self.word(start + t))
                })
        };
        docs_ok
            && facet_values_ok
            && pool_ok
            && offsets_ok(self.term_offsets_start(), self.terms.len(), &|at| {
                self.terms.is_char_boundary(at as usize)
            })
            && offsets_ok(self.postings_offsets_start(), self.postings.len(), &|_| {
                true
            })
    }

    fn values_start(&self) -> usize {
        self.doc_count * DOC_WORDS
    }

    fn pool_start(&self) -> usize {
        self.values_start() + 2 * self.value_count
    }

    fn term_offsets_start(&self) -> usize {
        self.pool_start() + self.pool_len
    }

    fn df_start(&self) -> usize {
        self.term_offsets_start() + self.term_count + 1
    }

    fn postings_offsets_start(&self) -> usize {
        self.df_start() + self.term_count
    }

    /// The `i`th word (0 past the end, which [`Packed::in_bounds`] rules out).
    fn word(&self, i: usize) -> u32 {
        self.words
            .as_chunks::<4>()
            .0
            .get(i)
            .map_or(0, |w| u32::from_le_bytes(*w))
    }

    fn doc_word(&self, doc: usize, i: usize) -> u32 {
        self.word(doc * DOC_WORDS + i)
    }

    fn doc_u64(&self, doc: usize, i: usize) -> u64 {
        u64::from(self.doc_word(doc, i)) | (u64::from(self.doc_word(doc, i + 1)) << 32)
    }

    fn heap_str(&self, at: u32, len: u32) -> &str {
        let at = at as usize;
        self.heap.get(at..at + len as usize).unwrap_or("")
    }

    fn doc_str(&self, doc: usize, i: usize) -> &str {
        self.heap_str(self.doc_word(doc, i), self.doc_word(doc, i + 1))
    }

    /// Number of documents.
    pub(crate) fn doc_count(&self) -> usize {
        self.doc_count
    }

    /// Number of dictionary terms.
    pub(crate) fn term_count(&self) -> usize {
        self.term_count
    }

    /// Number of distinct facet values.
    pub(crate) fn value_count(&self) -> usize {
        self.value_count
    }

    pub(crate) fn path(&self, doc: usize) -> &str {
        self.doc_str(doc, W_PATH)
    }

    pub(crate) fn id(&self, doc: usize) -> &str {
        self.doc_str(doc, W_ID)
    }

    pub(crate) fn stamp(&self, doc: usize) -> Stamp {
        Stamp {
            size: self.doc_u64(doc, W_SIZE),
            mtime_secs: self.doc_u64(doc, W_SECS),
            mtime_nanos: self.doc_word(doc, W_NANOS),
        }
    }

    /// The git blob id of the document's file when it was indexed.
    pub(crate) fn blob(&self, doc: usize) -> Blob {
        let mut blob = [0u8; 20];
        for (i, chunk) in blob.as_chunks_mut::<4>().0.iter_mut().enumerate() {
            *chunk = self.doc_word(doc, W_BLOB + i).to_le_bytes();
        }
        blob
    }

    /// The checksum the file of this index carries (computed for a built one): what a delta
    /// names to say which main index it applies to.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.sum
    }

    pub(crate) fn field_len(&self, doc: usize) -> [u32; FIELD_COUNT] {
        std::array::from_fn(|f| self.doc_word(doc, W_LEN + f))
    }

    /// Value ids of a pool list (tags or owners).
    fn list(&self, doc: usize, i: usize) -> impl Iterator<Item = u32> + '_ {
        let start = self.pool_start() + self.doc_word(doc, i) as usize;
        (start..start + self.doc_word(doc, i + 1) as usize).map(|w| self.word(w))
    }

    /// The facet value ids of a document.
    pub(crate) fn facets(&self, doc: usize) -> FacetIds<'_> {
        let opt = |w: u32| (w != NONE).then_some(w);
        FacetIds {
            packed: self,
            doc,
            category: opt(self.doc_word(doc, W_CATEGORY)),
            status: opt(self.doc_word(doc, W_STATUS)),
            folder: self.doc_word(doc, W_FOLDER),
            top_folder: self.doc_word(doc, W_TOP),
        }
    }

    /// A facet value by id.
    pub(crate) fn value(&self, id: u32) -> &str {
        let at = self.values_start() + 2 * id as usize;
        self.heap_str(self.word(at), self.word(at + 1))
    }

    /// The metadata of one document, as owned values.
    pub(crate) fn meta(&self, doc: usize) -> DocMeta {
        let facets = self.facets(doc);
        DocMeta {
            path: self.path(doc).to_owned(),
            id: self.id(doc).to_owned(),
            description: self.doc_str(doc, W_DESC).to_owned(),
            tags: facets.tags().map(|v| self.value(v).to_owned()).collect(),
            category: facets.category.map(|v| self.value(v).to_owned()),
            status: facets.status.map(|v| self.value(v).to_owned()),
            owners: facets.owners().map(|v| self.value(v).to_owned()).collect(),
            folder: self.value(facets.folder).to_owned(),
            error: self.error(doc).map(str::to_owned),
        }
    }

    /// Why document `doc` could not be parsed, when it could not (one word read otherwise).
    pub(crate) fn error(&self, doc: usize) -> Option<&str> {
        let error = self.doc_word(doc, W_ERROR + 1);
        (error > 0).then(|| self.heap_str(self.doc_word(doc, W_ERROR), error - 1))
    }

    /// Dictionary term `t`.
    pub(crate) fn term(&self, t: usize) -> &str {
        let start = self.term_offsets_start() + t;
        let (at, end) = (self.word(start) as usize, self.word(start + 1) as usize);
        self.terms.get(at..end).unwrap_or("")
    }

    /// Number of documents containing term `t`.
    pub(crate) fn df(&self, t: usize) -> u32 {
        self.word(self.df_start() + t)
    }

    /// The (document, frequencies by field) postings of term `t`, by ascending document.
    pub(crate) fn postings(&self, t: usize) -> Postings<'_> {
        let start = self.postings_offsets_start() + t;
        let (at, end) = (self.word(start) as usize, self.word(start + 1) as usize);
        Postings {
            bytes: self.postings.get(at..end).unwrap_or(&[]),
            left: self.df(t),
            doc: 0,
            first: true,
            doc_count: self.doc_count,
        }
    }
}

/// The facet value ids of one document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FacetIds<'a> {
    packed: &'a Packed,
    doc: usize,
    pub(crate) category: Option<u32>,
    pub(crate) status: Option<u32>,
    pub(crate) folder: u32,
    pub(crate) top_folder: u32,
}

impl<'a> FacetIds<'a> {
    pub(crate) fn tags(&self) -> impl Iterator<Item = u32> + 'a {
        self.packed.list(self.doc, W_TAGS)
    }

    pub(crate) fn owners(&self) -> impl Iterator<Item = u32> + 'a {
        self.packed.list(self.doc, W_OWNERS)
    }
}

/// Decodes one term's postings as it goes. Stops early at bytes that are not valid postings
/// (which the checksum rules out), so a damaged index cannot index past the document count.
pub(crate) struct Postings<'a> {
    bytes: &'a [u8],
    left: u32,
    doc: u32,
    first: bool,
    doc_count: usize,
}

impl Postings<'_> {
    fn varint(&mut self) -> Option<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let (byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            value |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn decode(&mut self) -> Option<(u32, [u16; FIELD_COUNT])> {
        let delta = self.varint()?;
        if delta == 0 && !self.first {
            return None;
        }
        self.first = false;
        self.doc = self.doc.checked_add(delta)?;
        if self.doc as usize >= self.doc_count {
            return None;
        }
        let (mask, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        let mut tf = [0u16; FIELD_COUNT];
        for (bit, f) in tf.iter_mut().enumerate() {
            if mask & (1 << bit) != 0 {
                *f = u16::try_from(self.varint()?).ok()?;
            }
        }
        Some((self.doc, tf))
    }
}

impl Iterator for Postings<'_> {
    type Item = (u32, [u16; FIELD_COUNT]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let posting = self.decode();
        if posting.is_none() {
            self.left = 0;
        }
        posting
    }
}

fn split_u64(value: u64) -> [u32; 2] {
    [
        u32::try_from(value & 0xffff_ffff).unwrap_or(0),
        u32::try_from(value >> 32).unwrap_or(0),
    ]
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(u8::try_from(value & 0x7f).unwrap_or(0) | 0x80);
        value >>= 7;
    }
    out.push(u8::try_from(value).unwrap_or(0));
}

/// A 64-bit checksum against accidental damage (a torn write, a flipped bit), not tampering:
/// four independent multiply-rotate lanes over 8-byte words, fast enough (a few milliseconds for
/// 40 MB) to run on every open. Every step is a bijection of the lane state, so any change to
/// one word changes the result.
struct Checksum {
    lanes: [u64; 4],
    pending: Vec<u8>,
    len: u64,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Default for Checksum {
    fn default() -> Checksum {
        Checksum {
            lanes: [1, 2, 3, 4],
            pending: Vec::with_capacity(32),
            len: 0,
        }
    }
}

impl Checksum {
    fn mix(lane: u64, word: u64) -> u64 {
        (lane ^ word).wrapping_mul(K).rotate_left(29)
    }

    fn block(lanes: &mut [u64; 4], block: &[u8; 32]) {
        for (lane, word) in lanes.iter_mut().zip(block.as_chunks::<8>().0) {
            *lane = Checksum::mix(*lane, u64::from_le_bytes(*word));
        }
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.pending.is_empty() {
            let take = (32 - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if let Some(block) = self.pending.first_chunk::<32>() {
                Checksum::block(&mut self.lanes, block);
                self.pending.clear();
            }
        }
        let (blocks, rest) = bytes.as_chunks::<32>();
        for block in blocks {
            Checksum::block(&mut self.lanes, block);
        }
        self.pending.extend_from_slice(rest);
    }

    fn finish(mut self) -> u64 {
        if !self.pending.is_empty() {
            let mut block = [0u8; 32];
            block[..self.pending.len()].copy_from_slice(&self.pending);
            Checksum::block(&mut self.lanes, &block);
        }
        let mut h = self.len;
        for lane in self.lanes {
            h = Checksum::mix(h, lane);
        }
        h ^ (h >> 31)
    }
}
