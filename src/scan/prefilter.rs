//! Shared prefilters: one cheap pass over a text tells every detector where its pattern can match.
//!
//! Most detectors look for numbers: cards, phones, SSNs, IBANs, IP addresses, national ids,
//! street numbers. Running each one's regex over the whole text is a full pass per detector, and
//! ten of them made the scanner slow. Instead [`ScanText::new`] finds the runs of ASCII digits
//! once; each detector describes how its numbers are written (a [`NumberShape`]: which bytes may
//! separate the digit groups, how many digits at least, what must come before) and
//! [`ScanText::number_windows`] turns the runs into the few small windows where such a number
//! can be. The detector's regex then runs on those windows only, through [`Pattern`], which
//! searches a window while still seeing the whole text, so word boundaries and the detectors'
//! context checks behave exactly as they would on the full text.
//!
//! Keyword-driven detectors (generic assignments, cloud keys by context, dates of birth, the
//! injection phrase families) share one keyword search too: [`ScanText::new`] lower-cases the
//! text's ASCII letters and runs one Aho-Corasick automaton over it for every detector's keywords
//! ([`Topic`]). A detector then looks only at the lines its keywords are on, or tries its pattern
//! anchored at each keyword.
//!
//! A shape must be *sound*: every match its pattern can have in the full text lies inside one
//! window. [`ScanText::exhaustive`] makes one window of the whole text; the property tests run
//! every detector both ways and require the same matches, which is what keeps a shape honest.

// Windows are lists of byte ranges; a list of one range is the common case, not a mistake.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Span};

use crate::scan::{injection, pii, secrets};
use crate::work;

/// A text to scan, with the results of the shared passes over it.
#[derive(Debug)]
pub struct ScanText<'t> {
    text: &'t str,
    /// Maximal runs of ASCII digits, in order.
    digit_runs: Vec<DigitRun>,
    /// Keyword hits: start offset and the [`Topic`] bits of the keyword, in order.
    keyword_hits: Vec<(usize, u16)>,
    /// Whether the text has a character that Unicode case folding equates with an ASCII letter
    /// (the Kelvin sign, the long s): keyword hits then miss spellings the patterns accept, so
    /// anchors become the whole text and keyword lines every line.
    folds: bool,
    /// Whether windows are the whole text (tests: the reference to compare the windows with).
    exhaustive: bool,
}

impl<'t> ScanText<'t> {
    /// Prepares `text` for the detectors.
    pub fn new(text: &'t str) -> ScanText<'t> {
        let bytes = text.as_bytes();
        ScanText {
            text,
            digit_runs: digit_runs(bytes),
            keyword_hits: keyword_hits(bytes),
            folds: has_folding_letters(bytes),
            exhaustive: false,
        }
    }

    /// A text whose every number window and keyword anchor is the whole text: those detectors
    /// behave as if they had no prefilter. Keyword *lines* stay as in [`ScanText::new`] (they
    /// decide which lines a phrase pattern reads, not just where to look). Slow; for checking
    /// that the prefilters lose nothing.
    pub fn exhaustive(text: &'t str) -> ScanText<'t> {
        let bytes = text.as_bytes();
        ScanText {
            text,
            digit_runs: Vec::new(),
            keyword_hits: keyword_hits(bytes),
            folds: has_folding_letters(bytes),
            exhaustive: true,
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The whole text as the only window, when it is not empty.
    fn whole(&self) -> Vec<Range<usize>> {
        if self.text.is_empty() {
            Vec::new()
        } else {
            vec![0..self.text.len()]
        }
    }

    /// The windows where a number of `shape` can be: sorted, disjoint, on char boundaries.
    pub fn number_windows(&self, shape: &NumberShape) -> Vec<Range<usize>> {
        if self.exhaustive {
            return self.whole();
        }
        let bytes = self.text.as_bytes();
        let mut windows: Vec<Range<usize>> = Vec::new();
        debug_assert!(shape.max_gap <= MAX_GAP);
        debug_assert!(shape.separators.iter().all(|b| separator_kind(*b) != OTHER));
        let allowed = shape
            .separators
            .iter()
            .fold(0, |kinds, b| kinds | separator_kind(*b));
        let mut runs = self.digit_runs.iter();
        // The first newline at or after the last group that asked for it: groups come in order,
        // so a line's end is looked up once per line, not once per group (a long line with a
        // house number every few bytes made that quadratic).
        let mut line_end: Option<usize> = None;
        while let Some(first) = runs.next() {
            let mut group = first.start..first.end;
            let mut digits = first.end - first.start;
            let mut count = 1;
            let mut last = first;
            while usize::from(last.gap_len) <= shape.max_gap && last.gap_kinds & !allowed == 0 {
                let Some(next) = runs.next() else { break };
                group.end = next.end;
                digits += next.end - next.start;
                count += 1;
                last = next;
            }
            if digits < shape.min_digits
                || digits > shape.max_digits
                || count < shape.min_runs
                || !(shape.around)(bytes, group.clone())
            {
                continue;
            }
            let start = match shape.lead {
                Lead::Bytes(n) => floor_boundary(self.text, group.start.saturating_sub(n)),
                Lead::Custom(start_of) => {
                    floor_boundary(self.text, start_of(self.text, group.start))
                }
            };
            let end = match shape.trail {
                Trail::Bytes(n) => ceil_boundary(self.text, group.end.saturating_add(n)),
                Trail::Line => match line_end {
                    Some(end) if end >= group.end => end,
                    _ => {
                        let end = memchr::memchr(b'\n', &bytes[group.end..])
                            .map_or(bytes.len(), |i| group.end + i);
                        work::add(end - group.end);
                        line_end = Some(end);
                        end
                    }
                },
            };
            match windows.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => windows.push(start..end),
            }
        }
        windows
    }
}

impl ScanText<'_> {
    /// The offsets where a keyword of `topic` starts, in order.
    pub fn keyword_starts(&self, topic: Topic) -> impl Iterator<Item = usize> + '_ {
        let bit = topic.bit();
        self.keyword_hits
            .iter()
            .filter(move |(_, bits)| bits & bit != 0)
            .map(|(start, _)| *start)
    }

    /// Whether a keyword of `topic` occurs (always, when the text has letters that case folding
    /// equates with ASCII ones: the keyword may be spelt with them).
    pub fn mentions(&self, topic: Topic) -> bool {
        self.folds || self.keyword_starts(topic).next().is_some()
    }

    /// The lines (without their newline) that hold a keyword of `topic`, each once, in order;
    /// every line when the text has letters that case folding equates with ASCII ones (`diſregard`
    /// is `disregard` to a case-insensitive pattern, not to the keyword search).
    pub fn keyword_lines(&self, topic: Topic) -> Vec<Range<usize>> {
        if self.folds {
            return all_lines(self.text);
        }
        let mut lines: Vec<Range<usize>> = Vec::new();
        for start in self.keyword_starts(topic) {
            if lines.last().is_some_and(|line| start <= line.end) {
                continue;
            }
            lines.push(line_around(self.text, start));
        }
        lines
    }

    /// Where a pattern that begins with a keyword of `topic` can start: at the keywords, or
    /// anywhere when the text is [exhaustive](ScanText::exhaustive) or has characters that case
    /// folding equates with ASCII letters.
    pub fn anchors(&self, topic: Topic) -> Anchors {
        if self.folds || self.exhaustive {
            Anchors::Anywhere(self.whole())
        } else {
            Anchors::At(self.keyword_starts(topic).collect())
        }
    }
}

/// Where a keyword-led pattern can start (see [`ScanText::anchors`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchors {
    /// Anywhere in these windows.
    Anywhere(Vec<Range<usize>>),
    /// Only at these offsets, in order.
    At(Vec<usize>),
}

/// Whether `bytes` hold the Kelvin sign or the long s, which Unicode case folding equates with
/// `k` and `s`.
fn has_folding_letters(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{17F}".as_bytes()).is_some()
}

/// Every line of `text` (without its newline).
fn all_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(start..end);
        start = end + 1;
    }
    lines.push(start..text.len());
    lines
}

/// The line (`start..end`, without its newline) around byte `at`.
pub fn line_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    start..end
}

/// What a keyword is evidence of: which detectors look where it occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Names of credentials (`key`, `token`, `password`): the generic assignment rule.
    Credential,
    /// Cloud vendor names (`aws`, `azure`, `accountkey`): keys found by context.
    CloudKey,
    /// Birth words (`born`, `dob`): dates of birth.
    Birth,
    /// One injection phrase family (its index in the family table).
    Injection(usize),
}

impl Topic {
    fn bit(self) -> u16 {
        match self {
            Topic::Credential => 1,
            Topic::CloudKey => 2,
            Topic::Birth => 4,
            Topic::Injection(family) => 8 << family,
        }
    }
}

/// Every detector's keywords in one automaton over lower-cased text, with each keyword's topics.
struct Keywords {
    automaton: AhoCorasick,
    topics: Vec<u16>,
    /// The lower-cased keywords, in pattern order.
    #[cfg_attr(not(test), allow(dead_code))]
    words: Vec<String>,
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    let mut topics: Vec<u16> = Vec::new();
    let mut add = |list: &[&str], topic: Topic| {
        for word in list {
            let word = word.to_ascii_lowercase();
            if let Some(i) = words.iter().position(|w| *w == word) {
                topics[i] |= topic.bit();
            } else {
                words.push(word);
                topics.push(topic.bit());
            }
        }
    };
    add(secrets::CREDENTIAL_WORDS, Topic::Credential);
    add(secrets::CLOUD_WORDS, Topic::CloudKey);
    add(pii::BIRTH_WORDS, Topic::Birth);
    for (family, words) in injection::family_keywords().enumerate() {
        add(words, Topic::Injection(family));
    }
    // A full DFA, ASCII case-insensitive, searched overlapping: one pass over the text as it is,
    // one table lookup per byte. Keyword hits are frequent in prose, so a prefilter that
    // restarts after every hit (what a leftmost search does) cost more than it saved, and the
    // DFA needs no lower-cased copy of the text.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(&words)
        .expect("built-in keywords compile");
    Keywords {
        automaton,
        topics,
        words,
    }
});

/// Builds the keyword automaton now rather than when the first text is prepared (see
/// [`crate::scan::start_warming`]).
pub(crate) fn build_keywords() {
    LazyLock::force(&KEYWORDS);
}

/// Every keyword occurrence in `bytes`, ASCII case-insensitively: `(start, topic bits)`, in
/// order of start.
///
/// No keyword is a prefix of another (a test checks), so at most one keyword starts at any
/// offset, and the overlapping search reports each occurrence exactly once.
fn keyword_hits(bytes: &[u8]) -> Vec<(usize, u16)> {
    let keywords = &*KEYWORDS;
    let mut hits: Vec<(usize, u16)> = keywords
        .automaton
        .find_overlapping_iter(bytes)
        .map(|m| (m.start(), keywords.topics[m.pattern().as_usize()]))
        .collect();
    // Overlapping matches come in order of their ends; a long keyword can end after a short
    // one that starts later.
    if !hits.is_sorted_by_key(|hit| hit.0) {
        hits.sort_unstable_by_key(|hit| hit.0);
    }
    hits
}

/// One match of `automaton` at every offset where one starts, in order: the search restarts one
/// byte after each match's start, so matches inside or overlapping others are found, and a
/// leftmost-first automaton keeps its fast literal prefilter (an overlapping search cannot).
pub fn every_start<'h>(
    automaton: &'h AhoCorasick,
    haystack: &'h [u8],
) -> impl Iterator<Item = aho_corasick::Match> + 'h {
    let mut at = 0;
    std::iter::from_fn(move || {
        let found = automaton.find(aho_corasick::Input::new(haystack).span(at..haystack.len()))?;
        at = found.start() + 1;
        Some(found)
    })
}

/// How a detector's numbers are written, for [`ScanText::number_windows`].
///
/// Digit runs separated by at most `max_gap` bytes, all from `separators`, form one group; a
/// group is a candidate when its digit and run counts are in range and `around` accepts it.
/// The window is the group plus `lead` bytes before it and `trail` after it.
#[derive(Debug, Clone, Copy)]
pub struct NumberShape {
    /// Bytes that may separate the digit runs of one number: any of space, `-`, `.`, `(`, `)`.
    pub separators: &'static [u8],
    /// The most separator bytes between two runs of one number (at most 3).
    pub max_gap: usize,
    /// The fewest digits a group must have.
    pub min_digits: usize,
    /// The most digits a group may have.
    pub max_digits: usize,
    /// The fewest digit runs a group must have.
    pub min_runs: usize,
    /// How far before the group the window reaches (a `(`, a `+`, a country code, a label).
    pub lead: Lead,
    /// How far after the group the window reaches.
    pub trail: Trail,
    /// A cheap check of the bytes around the group (`text bytes`, `group`).
    pub around: fn(&[u8], Range<usize>) -> bool,
}

impl NumberShape {
    /// Runs of digits joined by `separators`, at least `min_digits` of them, nothing else.
    pub const fn digits(separators: &'static [u8], max_gap: usize, min_digits: usize) -> Self {
        NumberShape {
            separators,
            max_gap,
            min_digits,
            max_digits: usize::MAX,
            min_runs: 1,
            lead: Lead::Bytes(0),
            trail: Trail::Bytes(0),
            around: |_, _| true,
        }
    }
}

/// How far before its digits a number's window reaches.
#[derive(Debug, Clone, Copy)]
pub enum Lead {
    /// This many bytes.
    Bytes(usize),
    /// To the offset this function gives for (`text`, start of the digits).
    Custom(fn(&str, usize) -> usize),
}

/// How far after its digits a number's window reaches.
#[derive(Debug, Clone, Copy)]
pub enum Trail {
    /// This many bytes.
    Bytes(usize),
    /// To the end of the line.
    Line,
}

/// A maximal run of ASCII digits, and what separates it from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DigitRun {
    start: usize,
    end: usize,
    /// Bytes up to the next run (`u8::MAX` when more than [`MAX_GAP`], or none follows).
    gap_len: u8,
    /// The [`separator_kind`]s of those bytes (only when at most [`MAX_GAP`]).
    gap_kinds: u8,
}

/// The longest gap between the digit runs of one number that any shape allows.
const MAX_GAP: usize = 3;

/// The [`separator_kind`] of every byte that separates no number's digit groups.
const OTHER: u8 = 128;

/// A bit per byte that separates the digit groups of numbers; every other byte is [`OTHER`].
fn separator_kind(b: u8) -> u8 {
    match b {
        b' ' => 1,
        b'-' => 2,
        b'.' => 4,
        b'(' => 8,
        b')' => 16,
        _ => OTHER,
    }
}

/// The maximal runs of ASCII digits in `bytes`, with the gaps between them.
fn digit_runs(bytes: &[u8]) -> Vec<DigitRun> {
    let mut runs: Vec<DigitRun> = Vec::new();
    for_each_digit_run(bytes, |start, end| {
        if let Some(previous) = runs.last_mut() {
            let gap = &bytes[previous.end..start];
            if gap.len() <= MAX_GAP {
                previous.gap_len = u8::try_from(gap.len()).unwrap_or(u8::MAX);
                previous.gap_kinds = gap.iter().fold(0, |kinds, b| kinds | separator_kind(*b));
            }
        }
        runs.push(DigitRun {
            start,
            end,
            gap_len: u8::MAX,
            gap_kinds: u8::MAX,
        });
    });
    runs
}

/// Calls `run(start, end)` for each maximal run of ASCII digits in `bytes`, in order.
///
/// Works 64 bytes at a time: a bit mask of the digits in the block (a loop the compiler turns
/// into vector compares), then the runs read off the mask with bit counts, so digit-dense text
/// costs about as little as text without digits.
fn for_each_digit_run(bytes: &[u8], mut run: impl FnMut(usize, usize)) {
    let mut open: Option<usize> = None;
    for (index, block) in bytes.chunks(64).enumerate() {
        let base = index * 64;
        let mask = digit_mask(block);
        let mut at = 0;
        loop {
            let rest = mask >> at;
            if let Some(start) = open {
                let end = at + (!rest).trailing_zeros() as usize;
                if end >= block.len() {
                    break;
                }
                run(start, base + end);
                open = None;
                at = end;
            } else {
                if rest == 0 {
                    break;
                }
                at += rest.trailing_zeros() as usize;
                open = Some(base + at);
            }
        }
    }
    if let Some(start) = open {
        run(start, bytes.len());
    }
}

/// Bit `i` set when `block[i]` is an ASCII digit (`block` is at most 64 bytes).
fn digit_mask(block: &[u8]) -> u64 {
    if let Ok(full) = <&[u8; 64]>::try_from(block) {
        full.chunks_exact(8).enumerate().fold(0, |mask, (i, word)| {
            let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            mask | (digit_byte_mask(word) << (8 * i))
        })
    } else {
        block.iter().enumerate().fold(0, |mask, (i, b)| {
            mask | (u64::from(b.wrapping_sub(b'0') < 10) << i)
        })
    }
}

/// Bit `i` set when byte `i` of `word` (little-endian) is an ASCII digit, eight bytes at once.
fn digit_byte_mask(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const EACH: u64 = 0x0101_0101_0101_0101;
    // Per byte, with no carry or borrow crossing bytes: the high bit says `low 7 bits <= 0x39`,
    // `low 7 bits >= 0x30` and `byte < 0x80`.
    let at_most_9 = !((word & LOW7) + 0x46 * EACH) & HIGH;
    let at_least_0 = ((word | HIGH) - 0x30 * EACH) & HIGH;
    let digits = at_most_9 & at_least_0 & !word & HIGH;
    // Gather the eight high bits into the low byte, byte i to bit i.
    (digits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The nearest char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary at or after `at` (at most the text's length).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A compiled pattern that searches windows of a text, seeing the whole text for assertions.
#[derive(Debug)]
pub struct Pattern(Regex);

impl Pattern {
    /// Compiles a built-in pattern.
    ///
    /// # Panics
    /// When the pattern does not compile: built-in patterns are fixed and covered by tests.
    pub fn new(pattern: &str) -> Pattern {
        Pattern(Regex::new(pattern).expect("built-in pattern compiles"))
    }

    /// The non-overlapping matches inside `windows` (sorted and disjoint), in order.
    pub fn find_in<'a>(
        &'a self,
        text: &'a str,
        windows: &'a [Range<usize>],
    ) -> impl Iterator<Item = Piece<'a>> + 'a {
        windows.iter().flat_map(move |window| {
            work::add(window.len());
            self.0
                .find_iter(Input::new(text).range(window.clone()))
                .map(move |m| Piece {
                    text,
                    span: m.span(),
                })
        })
    }

    /// The non-overlapping matches that start at `anchors`, with their groups: an anchored
    /// attempt at each offset, skipping offsets inside the previous match.
    pub fn captures_at<'a>(&'a self, text: &'a str, anchors: &'a Anchors) -> Vec<Groups<'a>> {
        match anchors {
            Anchors::Anywhere(windows) => self.captures_in(text, windows).collect(),
            Anchors::At(starts) => {
                let mut found = Vec::new();
                let mut last_end = 0;
                for &start in starts {
                    if start < last_end {
                        continue;
                    }
                    let input = Input::new(text)
                        .range(start..text.len())
                        .anchored(Anchored::Yes);
                    let mut caps = self.0.create_captures();
                    self.0.search_captures(&input, &mut caps);
                    work::add(1 + caps.get_match().map_or(0, |m| m.len()));
                    if let Some(m) = caps.get_match() {
                        last_end = m.end().max(start + 1);
                        found.push(Groups { text, caps });
                    }
                }
                found
            }
        }
    }

    /// The non-overlapping matches inside `windows`, with their groups.
    pub fn captures_in<'a>(
        &'a self,
        text: &'a str,
        windows: &'a [Range<usize>],
    ) -> impl Iterator<Item = Groups<'a>> + 'a {
        windows.iter().flat_map(move |window| {
            work::add(window.len());
            self.0
                .captures_iter(Input::new(text).range(window.clone()))
                .map(move |caps| Groups { text, caps })
        })
    }
}

/// A matched piece of a text: its byte range and its text.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'t> {
    text: &'t str,
    span: Span,
}

impl<'t> Piece<'t> {
    /// Byte offset of the first byte.
    pub fn start(&self) -> usize {
        self.span.start
    }

    /// Byte offset one past the last byte.
    pub fn end(&self) -> usize {
        self.span.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.span.range()]
    }
}

/// A match with its capture groups.
#[derive(Debug)]
pub struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// Group `index` (0 is the whole match), when it took part in the match.
    pub fn get(&self, index: usize) -> Option<Piece<'t>> {
        self.caps.get_group(index).map(|span| Piece {
            text: self.text,
            span,
        })
    }

    /// The group called `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Piece<'t>> {
        self.caps.get_group_by_name(name).map(|span| Piece {
            text: self.text,
            span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digit_spans(bytes: &[u8]) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        for_each_digit_run(bytes, |start, end| spans.push(start..end));
        spans
    }

    #[test]
    fn digit_masks_match_a_byte_by_byte_check() {
        let bytes: Vec<u8> = (0..=255u8).chain(b"0123456789/:".iter().copied()).collect();
        for start in 0..bytes.len() - 8 {
            let word: [u8; 8] = bytes[start..start + 8].try_into().unwrap();
            let expected = word
                .iter()
                .enumerate()
                .fold(0, |m, (i, b)| m | (u64::from(b.is_ascii_digit()) << i));
            assert_eq!(
                digit_byte_mask(u64::from_le_bytes(word)),
                expected,
                "{word:?}"
            );
        }
    }

    #[test]
    fn digit_runs_are_maximal_and_cross_chunks() {
        let text = format!("{}12{}345 6x7", "a".repeat(31), "b".repeat(40));
        let runs = digit_runs(text.as_bytes());
        let found: Vec<&str> = runs.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(found, ["12", "345", "6", "7"]);
        assert_eq!((runs[1].gap_len, runs[1].gap_kinds), (1, 1));
        assert_eq!((runs[2].gap_len, runs[2].gap_kinds), (1, OTHER));
        assert_eq!((runs[0].gap_len, runs[3].gap_len), (u8::MAX, u8::MAX));
        assert!(digit_runs(b"").is_empty());
        assert_eq!(digit_spans("é9".as_bytes()), [2..3]);
        // Runs across and up to block edges.
        for len in [63, 64, 65, 127, 128, 129] {
            for at in [0, 1, 62, 63, 64, 65] {
                let mut text = vec![b'x'; len];
                for b in text.iter_mut().skip(at).take(3) {
                    *b = b'7';
                }
                let expected: Vec<Range<usize>> = if at < len {
                    vec![at..(at + 3).min(len)]
                } else {
                    vec![]
                };
                assert_eq!(digit_spans(&text), expected, "len {len} at {at}");
            }
            assert_eq!(digit_spans(&vec![b'1'; len]), [0..len]);
        }
    }

    #[test]
    fn windows_join_runs_by_separators_and_filter_by_count() {
        let text = "call 555-123-4567 or 12 then 4111 1111 1111 1111.";
        let scan = ScanText::new(text);
        let shape = NumberShape::digits(b"-", 1, 10);
        let windows = scan.number_windows(&shape);
        assert_eq!(
            windows.iter().map(|w| &text[w.clone()]).collect::<Vec<_>>(),
            ["555-123-4567"]
        );
        let spaced = NumberShape {
            lead: Lead::Bytes(1),
            trail: Trail::Bytes(1),
            ..NumberShape::digits(b" ", 1, 16)
        };
        let windows = scan.number_windows(&spaced);
        assert_eq!(
            windows.iter().map(|w| &text[w.clone()]).collect::<Vec<_>>(),
            [" 4111 1111 1111 1111."]
        );
        assert_eq!(
            ScanText::exhaustive(text).number_windows(&shape),
            [0..text.len()]
        );
    }

    #[test]
    fn windows_stay_on_char_boundaries_and_merge() {
        let text = "é12é34é";
        let shape = NumberShape {
            lead: Lead::Bytes(1),
            trail: Trail::Bytes(1),
            ..NumberShape::digits(b"", 0, 1)
        };
        let windows = ScanText::new(text).number_windows(&shape);
        assert_eq!(windows, [0..text.len()]);
    }

    #[test]
    fn no_keyword_is_a_prefix_of_another() {
        let words = &KEYWORDS.words;
        for a in words {
            for b in words {
                assert!(
                    a == b || !b.starts_with(a.as_str()),
                    "`{a}` is a prefix of `{b}`"
                );
            }
        }
    }

    #[test]
    fn keyword_hits_are_every_occurrence_of_every_keyword_in_any_ascii_case() {
        let words = &KEYWORDS.words;
        let mut text = String::from("Ünïcödé → ");
        for (i, word) in words.iter().enumerate() {
            // Each keyword in three casings, glued to its neighbours and to the next keyword, so
            // occurrences overlap and run into each other.
            text.push_str(word);
            text.push_str(&word.to_ascii_uppercase());
            if i % 3 == 0 {
                text.push(' ');
            }
            let mixed: String = word
                .chars()
                .enumerate()
                .map(|(j, c)| {
                    if j % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            text.push_str(&mixed);
            text.push_str(if i % 2 == 0 { "\n" } else { "é" });
        }
        let lower = text.to_ascii_lowercase();
        let mut expected: Vec<(usize, u16)> = Vec::new();
        for at in 0..lower.len() {
            for (i, word) in words.iter().enumerate() {
                if lower.as_bytes()[at..].starts_with(word.as_bytes()) {
                    expected.push((at, KEYWORDS.topics[i]));
                }
            }
        }
        assert!(expected.len() >= words.len() * 3);
        assert_eq!(keyword_hits(text.as_bytes()), expected);
    }

    #[test]
    fn keywords_are_found_in_any_case_and_inside_each_other() {
        let text = "My API-KEY and the Secret_Token; born 1990, ignore it";
        let scan = ScanText::new(text);
        let starts: Vec<&str> = scan
            .keyword_starts(Topic::Credential)
            .map(|at| &text[at..at + 3])
            .collect();
        assert_eq!(starts, ["KEY", "Sec", "Tok"]);
        assert!(scan.mentions(Topic::Birth));
        assert_eq!(scan.keyword_lines(Topic::Injection(0)), [0..text.len()]);
        assert!(!ScanText::new("nothing here").mentions(Topic::Credential));
        // A long s hides `disregard` from the keyword search: every line is read instead.
        let text = "one\ndi\u{17F}regard\n";
        assert_eq!(
            ScanText::new(text).keyword_lines(Topic::Injection(0)),
            [0..3, 4..14, 15..15]
        );
    }

    #[test]
    fn patterns_see_context_outside_the_window() {
        let pattern = Pattern::new(r"(?-u:\b)[0-9]{3}(?-u:\b)");
        let text = "a123 456";
        // `123` is glued to `a`: no word boundary, even though the window starts at the digit.
        let windows = [1..text.len()];
        let found: Vec<&str> = pattern
            .find_in(text, &windows)
            .map(|p| p.as_str())
            .collect();
        assert_eq!(found, ["456"]);
    }
}
