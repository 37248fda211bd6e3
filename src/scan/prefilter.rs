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

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Span};

use crate::scan::{injection, pii, secrets};

/// A text to scan, with the results of the shared passes over it.
#[derive(Debug)]
pub struct ScanText<'t> {
    text: &'t str,
    /// Maximal runs of ASCII digits, in order.
    digit_runs: Vec<Range<usize>>,
    /// Keyword hits: start offset and the [`Topic`] bits of the keyword, in order.
    keyword_hits: Vec<(usize, u16)>,
    /// Whether the text has a character that Unicode case folding equates with an ASCII letter
    /// (the Kelvin sign, the long s): keyword anchors are then not trusted.
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
            folds: memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
                || memchr::memmem::find(bytes, "\u{17F}".as_bytes()).is_some(),
            exhaustive: false,
        }
    }

    /// A text whose every window is the whole text: detectors behave as if they had no
    /// prefilter. Slow; for checking that the prefilters lose nothing.
    pub fn exhaustive(text: &'t str) -> ScanText<'t> {
        ScanText {
            text,
            digit_runs: Vec::new(),
            keyword_hits: keyword_hits(text.as_bytes()),
            folds: true,
            exhaustive: true,
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Whether this text has no prefilter (see [`ScanText::exhaustive`]).
    pub fn is_exhaustive(&self) -> bool {
        self.exhaustive
    }

    /// The whole text as the only window, when it is not empty.
    pub fn whole(&self) -> Vec<Range<usize>> {
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
        let mut runs = self.digit_runs.iter().peekable();
        while let Some(first) = runs.next() {
            let mut group = first.clone();
            let mut digits = first.len();
            let mut count = 1;
            while let Some(next) = runs.peek() {
                let gap = &bytes[group.end..next.start];
                if gap.len() > shape.max_gap || !gap.iter().all(|b| shape.separators.contains(b)) {
                    break;
                }
                group.end = next.end;
                digits += next.len();
                count += 1;
                runs.next();
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
                Trail::Line => memchr::memchr(b'\n', &bytes[group.end..])
                    .map_or(bytes.len(), |i| group.end + i),
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

    /// Whether a keyword of `topic` occurs.
    pub fn mentions(&self, topic: Topic) -> bool {
        self.keyword_starts(topic).next().is_some()
    }

    /// The lines (without their newline) that hold a keyword of `topic`, each once, in order.
    pub fn keyword_lines(&self, topic: Topic) -> Vec<Range<usize>> {
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
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&words)
        .expect("built-in keywords compile");
    Keywords {
        automaton,
        topics,
        words,
    }
});

/// Every keyword occurrence in `bytes`, ASCII case-insensitively: `(start, topic bits)`.
///
/// The search restarts one byte after each hit's start, so a keyword inside or overlapping
/// another is found too; no keyword is a prefix of another (a test checks), so one hit per
/// start loses nothing.
fn keyword_hits(bytes: &[u8]) -> Vec<(usize, u16)> {
    let keywords = &*KEYWORDS;
    let lower = bytes.to_ascii_lowercase();
    let mut hits = Vec::new();
    let mut at = 0;
    while let Some(m) = keywords
        .automaton
        .find(aho_corasick::Input::new(&lower).span(at..lower.len()))
    {
        hits.push((m.start(), keywords.topics[m.pattern().as_usize()]));
        at = m.start() + 1;
    }
    hits
}

/// How a detector's numbers are written, for [`ScanText::number_windows`].
///
/// Digit runs separated by at most `max_gap` bytes, all from `separators`, form one group; a
/// group is a candidate when its digit and run counts are in range and `around` accepts it.
/// The window is the group plus `lead` bytes before it and `trail` after it.
#[derive(Debug, Clone, Copy)]
pub struct NumberShape {
    /// Bytes that may separate the digit runs of one number.
    pub separators: &'static [u8],
    /// The most separator bytes between two runs of one number.
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

/// The maximal runs of ASCII digits in `bytes`.
fn digit_runs(bytes: &[u8]) -> Vec<Range<usize>> {
    const CHUNK: usize = 32;
    let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Skip digit-free chunks without branching per byte (the compiler vectorises this).
        while let Some(chunk) = bytes.get(i..i + CHUNK) {
            if chunk.iter().fold(false, |any, b| any | is_digit(*b)) {
                break;
            }
            i += CHUNK;
        }
        let Some(&b) = bytes.get(i) else { break };
        if is_digit(b) {
            let start = i;
            while bytes.get(i).is_some_and(|b| is_digit(*b)) {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
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
                    if let Some(m) = caps.get_match() {
                        last_end = m.end().max(start + 1);
                        found.push(Groups { text, caps });
                    }
                }
                found
            }
        }
    }

    /// The first match inside `window`, if any.
    pub fn find_at<'a>(&self, text: &'a str, window: Range<usize>) -> Option<Piece<'a>> {
        self.0
            .search(&Input::new(text).range(window))
            .map(|m| Piece {
                text,
                span: m.span(),
            })
    }

    /// The non-overlapping matches inside `windows`, with their groups.
    pub fn captures_in<'a>(
        &'a self,
        text: &'a str,
        windows: &'a [Range<usize>],
    ) -> impl Iterator<Item = Groups<'a>> + 'a {
        windows.iter().flat_map(move |window| {
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

    #[test]
    fn digit_runs_are_maximal_and_cross_chunks() {
        let text = format!("{}12{}345 6x7", "a".repeat(31), "b".repeat(40));
        let runs = digit_runs(text.as_bytes());
        let found: Vec<&str> = runs.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["12", "345", "6", "7"]);
        assert!(digit_runs(b"").is_empty());
        assert_eq!(digit_runs("é9".as_bytes()), [2..3]);
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
