//! The fields of a run record a report reads, borrowed from the line.
//!
//! The record format itself is [`crate::experiment::record`]; this view reads what analytics
//! across runs needs (who ran what, the outcome, latency, tokens, cost, when) and skips the
//! output text, so a line parses without copying its strings.
//!
//! A report reads millions of lines, and serde's derived reader spends most of its time
//! matching field names and re-validating UTF-8 string by string. [`ReportRecord::parse`] first
//! tries a reader made for this one shape (`fast`): one pass over the line, fields found by a
//! byte comparison, UTF-8 checked once for the whole line. It answers only when it is sure the
//! derived reader would give the same record; anything unusual (an escape in a field it keeps,
//! a `null` where a number belongs, a duplicate field, a negative number, a number out of
//! range, a malformed line) is left to serde, which also words the error. A property test holds
//! the two to the same answers.

use std::borrow::Cow;

use serde::Deserialize;

/// One record as a report sees it.
#[derive(Debug, PartialEq, Deserialize)]
pub struct ReportRecord<'a> {
    /// The run.
    #[serde(borrow, default)]
    pub run_id: Cow<'a, str>,
    /// The experiment (`run` for calls recorded outside experiments).
    #[serde(borrow, default)]
    pub experiment: Cow<'a, str>,
    /// The arm.
    #[serde(borrow, default)]
    pub arm: Cow<'a, str>,
    /// The prompt.
    #[serde(borrow, default)]
    pub prompt: PromptView<'a>,
    /// Provider id.
    #[serde(borrow, default)]
    pub provider: Cow<'a, str>,
    /// Model as requested.
    #[serde(borrow, default)]
    pub model: Cow<'a, str>,
    /// The case.
    #[serde(borrow, default)]
    pub case_id: Cow<'a, str>,
    /// The repeat.
    #[serde(default)]
    pub repeat: u32,
    /// Whether everything passed.
    #[serde(default)]
    pub pass: bool,
    /// Assertion outcomes.
    #[serde(borrow, default)]
    pub assertions: Vec<AssertionScore<'a>>,
    /// End-to-end latency, retries included.
    #[serde(default)]
    pub latency_ms: f64,
    /// Latency of the answering attempt.
    #[serde(default)]
    pub attempt_latency_ms: Option<f64>,
    /// Prompt tokens.
    #[serde(default)]
    pub tokens_in: u64,
    /// Completion tokens.
    #[serde(default)]
    pub tokens_out: u64,
    /// Cost in US dollars, when known.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// Whether the reply came from a cache or cassette.
    #[serde(default)]
    pub cached: bool,
    /// Present when the call failed.
    #[serde(borrow, default)]
    pub error: Option<ErrorView<'a>>,
    /// When the call started (RFC 3339).
    #[serde(borrow, default)]
    pub started_at: Cow<'a, str>,
}

/// The prompt of a record.
#[derive(Debug, Default, PartialEq, Deserialize)]
pub struct PromptView<'a> {
    /// `name` or `name.variant`.
    #[serde(borrow, default)]
    pub name: Cow<'a, str>,
    /// The version asked for.
    #[serde(borrow, default)]
    pub version: Cow<'a, str>,
    /// Content id of the prompt file as rendered.
    #[serde(borrow, default)]
    pub blob: Cow<'a, str>,
}

/// An assertion's outcome.
#[derive(Debug, PartialEq, Deserialize)]
pub struct AssertionScore<'a> {
    /// Metric name.
    #[serde(borrow)]
    pub metric: Cow<'a, str>,
    /// Pass.
    #[serde(default)]
    pub pass: bool,
    /// Score, when the assertion gives one.
    #[serde(default)]
    pub score: Option<f64>,
}

/// A failed call's kind.
#[derive(Debug, PartialEq, Deserialize)]
pub struct ErrorView<'a> {
    /// Machine-readable kind.
    #[serde(borrow, default)]
    pub kind: Cow<'a, str>,
}

pub use fast::KeyOrder;

impl<'a> ReportRecord<'a> {
    /// A record with every field at its default, as serde gives a line of `{}`.
    pub fn empty() -> ReportRecord<'a> {
        ReportRecord {
            run_id: Cow::Borrowed(""),
            experiment: Cow::Borrowed(""),
            arm: Cow::Borrowed(""),
            prompt: PromptView::default(),
            provider: Cow::Borrowed(""),
            model: Cow::Borrowed(""),
            case_id: Cow::Borrowed(""),
            repeat: 0,
            pass: false,
            assertions: Vec::new(),
            latency_ms: 0.0,
            attempt_latency_ms: None,
            tokens_in: 0,
            tokens_out: 0,
            cost_usd: None,
            cached: false,
            error: None,
            started_at: Cow::Borrowed(""),
        }
    }

    /// Reads one line of a results file; `keys` holds the keys of the line read before it
    /// (see [`KeyOrder`]), and the keys of this one after.
    pub fn parse(
        line: &'a [u8],
        keys: &mut KeyOrder,
    ) -> Result<ReportRecord<'a>, serde_json::Error> {
        let mut record = ReportRecord::empty();
        ReportRecord::parse_into(line, keys, &mut record)?;
        Ok(record)
    }

    /// [`ReportRecord::parse`] into `record`, which must be [`ReportRecord::empty`]: the
    /// reader fills it where it lies (a record is a few hundred bytes, and returning it by
    /// value copied it several times a line). After an error `record` holds nothing of use.
    pub fn parse_into(
        line: &'a [u8],
        keys: &mut KeyOrder,
        record: &mut ReportRecord<'a>,
    ) -> Result<(), serde_json::Error> {
        if fast::record_into(line, keys, record).is_none() {
            *record = serde_json::from_slice(line)?;
        }
        Ok(())
    }
}

/// The reader for the common shape; `None` means "ask serde".
mod fast {
    use std::borrow::Cow;

    use super::{AssertionScore, ErrorView, PromptView, ReportRecord};

    /// Bytes that end a string's plain run: the closing quote, an escape, a control character.
    static STRING_STOPS: [bool; 256] = {
        let mut stops = [false; 256];
        let mut byte = 0;
        while byte < 0x20 {
            stops[byte] = true;
            byte += 1;
        }
        stops[b'"' as usize] = true;
        stops[b'\\' as usize] = true;
        stops
    };

    /// The first byte at or after `at` that ends a string's plain run (see [`STRING_STOPS`]).
    ///
    /// Eight bytes are tested at a time, as one `u64` (`x - 0x01…01 & !x & 0x80…80` marks the
    /// bytes of `x` that are zero; with `0x20…20` in place of `0x01…01`, those below `0x20`).
    /// A borrow can mark a byte above a true match falsely, never one below it, so the lowest
    /// mark is the first stop. Names, ids and times take one or two words where a byte-by-byte
    /// scan took a table lookup a byte, and long skipped text (outputs) is crossed eight bytes
    /// a step.
    pub(super) fn string_stop(bytes: &[u8], mut at: usize) -> Option<usize> {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);
        const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
        const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
        const SPACES: u64 = u64::from_le_bytes([0x20; 8]);
        let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x;
        while let Some(&chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
            let word = u64::from_le_bytes(chunk);
            let marks = (zero_bytes(word ^ QUOTES)
                | zero_bytes(word ^ BACKSLASHES)
                | (word.wrapping_sub(SPACES) & !word))
                & HIGH_BITS;
            if marks != 0 {
                return Some(at + (marks.trailing_zeros() / 8) as usize);
            }
            at += 8;
        }
        let tail = bytes.get(at..)?;
        tail.iter()
            .position(|&b| STRING_STOPS[usize::from(b)])
            .map(|found| at + found)
    }

    /// `10^k` for the `k` whose powers are exact in an `f64`.
    const EXACT_POWERS_OF_TEN: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// Deeper nesting in a skipped value is left to serde (whose own limit is 128).
    const MAX_DEPTH: usize = 100;

    /// A number as read (see [`Cursor::number`]).
    struct Number<'a> {
        /// Its text, sign included.
        text: &'a str,
        /// Its digits, before and after the point, as one integer: `None` when there is an
        /// exponent or there are more than 19 of them.
        digits: Option<u64>,
        /// How many digits follow the point.
        fraction: usize,
        /// Neither a point nor an exponent.
        integer: bool,
    }

    /// A cursor over one line known to be UTF-8.
    struct Cursor<'a> {
        text: &'a str,
        bytes: &'a [u8],
        at: usize,
    }

    /// A key as the last record had it at one place in an object: its bytes and closing
    /// quote, and which field it is.
    #[derive(Debug, Default)]
    pub(super) struct LearnedKey {
        quoted: Vec<u8>,
        /// The first [`WORDS_BYTES`] bytes of `quoted` as little-endian words (zero past its
        /// end), and the bits of each word that `quoted` covers: a key that short is checked
        /// with a few word comparisons instead of a call to `memcmp`.
        words: [u64; 3],
        masks: [u64; 3],
        field: Option<usize>,
    }

    /// The bytes a [`LearnedKey`] keeps as words (every key of a record written today fits).
    const WORDS_BYTES: usize = 24;

    /// The bytes of `chunk` as three little-endian words.
    fn words_of(chunk: &[u8; WORDS_BYTES]) -> [u64; 3] {
        std::array::from_fn(|word| {
            u64::from_le_bytes(std::array::from_fn(|byte| chunk[word * 8 + byte]))
        })
    }

    impl LearnedKey {
        /// Learns `key`, a plain string (no quote, escape or control character), as `field`.
        pub(super) fn learn(&mut self, key: &str, field: Option<usize>) {
            self.quoted.clear();
            self.quoted.extend_from_slice(key.as_bytes());
            self.quoted.push(b'"');
            let mut padded = [0u8; WORDS_BYTES];
            let covered = self.quoted.len().min(WORDS_BYTES);
            padded[..covered].copy_from_slice(&self.quoted[..covered]);
            self.words = words_of(&padded);
            self.masks =
                std::array::from_fn(|word| match covered.saturating_sub(word * 8).min(8) {
                    8 => u64::MAX,
                    bytes => (1u64 << (bytes * 8)) - 1,
                });
            self.field = field;
        }

        /// Whether `rest` starts with the key and its closing quote.
        #[inline]
        pub(super) fn starts(&self, rest: &[u8]) -> bool {
            if self.quoted.len() <= WORDS_BYTES
                && let Some(chunk) = rest.first_chunk::<WORDS_BYTES>()
            {
                let words = words_of(chunk);
                let differ = (0..3).fold(0, |differ, word| {
                    differ | ((words[word] ^ self.words[word]) & self.masks[word])
                });
                return differ == 0;
            }
            rest.starts_with(&self.quoted)
        }
    }

    /// The keys of the last record read, place by place: its own, and its prompt's.
    ///
    /// The lines of a results file are written by one program, their keys in one order. A key
    /// that is the one learned at its place is taken with one comparison, without scanning for
    /// its end or looking up its field (keys were a third of the reader's work); any other key
    /// is read and looked up as before, and learned at its place for the next line. A learned
    /// key was read as a plain string, so it holds no quote, escape or control character: a
    /// quote, its bytes and a quote at the cursor are that key, exactly as serde reads it.
    #[derive(Debug, Default)]
    pub struct KeyOrder {
        record: Vec<LearnedKey>,
        prompt: Vec<LearnedKey>,
    }

    /// Reads `line` into `record` (empty), or gives up (`None`, leaving `record` part filled).
    pub(super) fn record_into<'a>(
        line: &'a [u8],
        keys: &mut KeyOrder,
        record: &mut ReportRecord<'a>,
    ) -> Option<()> {
        let text = std::str::from_utf8(line).ok()?;
        let mut cursor = Cursor {
            text,
            bytes: line,
            at: 0,
        };
        cursor.record(keys, record)?;
        cursor.skip_whitespace();
        (cursor.at == line.len()).then_some(())
    }

    /// [`record_into`] a new record.
    #[cfg(test)]
    pub(super) fn record<'a>(line: &'a [u8], keys: &mut KeyOrder) -> Option<ReportRecord<'a>> {
        let mut record = ReportRecord::empty();
        record_into(line, keys, &mut record)?;
        Some(record)
    }

    impl<'a> Cursor<'a> {
        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.at).copied()
        }

        fn skip_whitespace(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }

        /// Skips whitespace, then takes `byte`.
        fn expect(&mut self, byte: u8) -> Option<()> {
            self.skip_whitespace();
            (self.peek()? == byte).then(|| self.at += 1)
        }

        /// Skips whitespace, then takes `word` (`true`, `false`, `null`).
        fn word(&mut self, word: &str) -> bool {
            self.skip_whitespace();
            let found = self.bytes[self.at..].starts_with(word.as_bytes());
            if found {
                self.at += word.len();
            }
            found
        }

        /// A string without escapes, borrowed; `None` for an escape or a control character.
        fn plain_string(&mut self) -> Option<&'a str> {
            self.expect(b'"')?;
            let start = self.at;
            let end = string_stop(self.bytes, start)?;
            if self.bytes[end] != b'"' {
                return None;
            }
            self.at = end + 1;
            self.text.get(start..end)
        }

        /// Skips a string as serde's reader skips one: escapes must be well formed, control
        /// characters are errors.
        fn skip_string(&mut self) -> Option<()> {
            self.expect(b'"')?;
            loop {
                let stop = string_stop(self.bytes, self.at)?;
                self.at = stop + 1;
                match self.bytes[stop] {
                    b'"' => return Some(()),
                    b'\\' => {}
                    _ => return None,
                }
                match self.peek()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 1,
                    b'u' => {
                        let hex = self.bytes.get(self.at + 1..self.at + 5)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        self.at += 5;
                    }
                    _ => return None,
                }
            }
        }

        /// A JSON number, checked against JSON's grammar; negative numbers are left to serde
        /// (it reads `-0` as an integer, and no field here is negative).
        fn number(&mut self, negative_allowed: bool) -> Option<Number<'a>> {
            self.skip_whitespace();
            let start = self.at;
            if negative_allowed && self.peek() == Some(b'-') {
                self.at += 1;
            }
            let first_digit = self.at;
            // Every digit, before and after the point, as one integer (kept only when there are
            // at most 19 of them, which always fit a `u64`: no overflow check per digit).
            let mut value = 0u64;
            let mut take_digits = |cursor: &mut Cursor<'_>| {
                let from = cursor.at;
                while let Some(digit) = cursor.peek().filter(u8::is_ascii_digit) {
                    value = value.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
                    cursor.at += 1;
                }
                cursor.at - from
            };
            let whole = take_digits(self);
            if whole == 0 || (whole > 1 && self.bytes[first_digit] == b'0') {
                return None;
            }
            let mut fraction = 0;
            if self.peek() == Some(b'.') {
                self.at += 1;
                fraction = take_digits(self);
                if fraction == 0 {
                    return None;
                }
            }
            let mut exponent = false;
            if matches!(self.peek(), Some(b'e' | b'E')) {
                self.at += 1;
                exponent = true;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.at += 1;
                }
                if take_digits(self) == 0 {
                    return None;
                }
            }
            Some(Number {
                text: &self.text[start..self.at],
                digits: (!exponent && whole + fraction <= 19).then_some(value),
                fraction,
                integer: fraction == 0 && !exponent,
            })
        }

        /// A number as `f64`, rounded as serde (and `str::parse`) round it: correctly.
        ///
        /// Most values (`812.5`, `0.0002`) have at most 2^53 as their digits and at most 22
        /// digits after the point: then the digits and the power of ten are exact in an `f64`,
        /// and one division, which IEEE 754 rounds correctly, gives the correctly rounded value
        /// (Clinger's fast path). Any other number goes through `str::parse`.
        fn float(&mut self) -> Option<f64> {
            let number = self.number(false)?;
            if let Some(digits) = number.digits.filter(|&d| d <= 1 << 53)
                && let Some(power) = EXACT_POWERS_OF_TEN.get(number.fraction)
            {
                #[allow(clippy::cast_precision_loss)] // At most 2^53: exact.
                return Some(digits as f64 / power);
            }
            number.text.parse::<f64>().ok().filter(|v| v.is_finite())
        }

        // The outer `None` gives up (as everywhere in this reader); the inner one is `null`.
        #[allow(clippy::option_option)]
        fn optional_float(&mut self) -> Option<Option<f64>> {
            if self.word("null") {
                return Some(None);
            }
            self.float().map(Some)
        }

        /// An integer; `None` for a fraction or an exponent (serde's `u64` refuses them) and
        /// for one of more than 19 digits (left to serde, which reads them up to `u64::MAX`).
        fn unsigned(&mut self) -> Option<u64> {
            let number = self.number(false)?;
            number.digits.filter(|_| number.integer)
        }

        fn boolean(&mut self) -> Option<bool> {
            if self.word("true") {
                Some(true)
            } else if self.word("false") {
                Some(false)
            } else {
                None
            }
        }

        fn skip_value(&mut self, depth: usize) -> Option<()> {
            if depth > MAX_DEPTH {
                return None;
            }
            self.skip_whitespace();
            match self.peek()? {
                b'"' => self.skip_string(),
                b'{' => {
                    self.at += 1;
                    self.items(b'}', |cursor| {
                        cursor.skip_string()?;
                        cursor.expect(b':')?;
                        cursor.skip_value(depth + 1)
                    })
                }
                b'[' => {
                    self.at += 1;
                    self.items(b']', |cursor| cursor.skip_value(depth + 1))
                }
                b't' => self.word("true").then_some(()),
                b'f' => self.word("false").then_some(()),
                b'n' => self.word("null").then_some(()),
                _ => self.number(true).map(|_| ()),
            }
        }

        /// The items of an object or array whose opening bracket was just read, up to and
        /// including `close`: `item` reads one (for an object, a member), and `None` from it
        /// gives up, as does anything but `,` or `close` after an item.
        fn items(
            &mut self,
            close: u8,
            mut item: impl FnMut(&mut Cursor<'a>) -> Option<()>,
        ) -> Option<()> {
            self.skip_whitespace();
            if self.peek()? == close {
                self.at += 1;
                return Some(());
            }
            loop {
                item(self)?;
                self.skip_whitespace();
                match self.peek()? {
                    b',' => self.at += 1,
                    found if found == close => {
                        self.at += 1;
                        return Some(());
                    }
                    _ => return None,
                }
            }
        }

        /// An object's members: `member` is called with each key (borrowed) and reads its
        /// value; it returns `None` to give up. Keys with escapes give up too.
        fn object(
            &mut self,
            mut member: impl FnMut(&mut Cursor<'a>, &'a str) -> Option<()>,
        ) -> Option<()> {
            self.expect(b'{')?;
            self.items(b'}', |cursor| {
                let key = cursor.plain_string()?;
                cursor.expect(b':')?;
                member(cursor, key)
            })
        }

        /// The key at the cursor, the object's `place`-th, as a field number (by `field_of`),
        /// through the key learned at that place (see [`KeyOrder`]).
        #[allow(clippy::option_option)] // The outer `None` gives up, the inner one is no field.
        #[allow(clippy::inline_always)]
        // Measured: LLVM keeps it out of line otherwise, and
        // a call per key cost more than the word comparisons it saves.
        #[inline(always)]
        fn learned_key(
            &mut self,
            keys: &mut Vec<LearnedKey>,
            place: usize,
            field_of: fn(&str) -> Option<usize>,
        ) -> Option<Option<usize>> {
            self.skip_whitespace();
            if let Some(learned) = keys.get(place)
                && self.peek() == Some(b'"')
                && learned.starts(&self.bytes[self.at + 1..])
            {
                self.at += 1 + learned.quoted.len();
                return Some(learned.field);
            }
            self.learn_key(keys, place, field_of)
        }

        /// [`Cursor::learned_key`] for a key other than the one learned at its place: read,
        /// looked up and learned there. Kept apart so that the common case stays small
        /// enough to inline.
        #[allow(clippy::option_option)]
        #[inline(never)]
        fn learn_key(
            &mut self,
            keys: &mut Vec<LearnedKey>,
            place: usize,
            field_of: fn(&str) -> Option<usize>,
        ) -> Option<Option<usize>> {
            let key = self.plain_string()?;
            let field = field_of(key);
            if keys.len() <= place {
                keys.resize_with(place + 1, LearnedKey::default);
            }
            keys[place].learn(key, field);
            Some(field)
        }

        /// An object whose keys are read through those learned in `keys`: `member` is called
        /// with each key's field number and reads its value; it returns `None` to give up.
        fn learned_object(
            &mut self,
            keys: &mut Vec<LearnedKey>,
            field_of: fn(&str) -> Option<usize>,
            mut member: impl FnMut(&mut Cursor<'a>, Option<usize>) -> Option<()>,
        ) -> Option<()> {
            self.expect(b'{')?;
            let mut place = 0;
            self.items(b'}', |cursor| {
                let field = cursor.learned_key(keys, place, field_of)?;
                place += 1;
                cursor.expect(b':')?;
                member(cursor, field)
            })
        }

        fn record(&mut self, keys: &mut KeyOrder, record: &mut ReportRecord<'a>) -> Option<()> {
            // A field read twice is an error to serde: give up on it.
            let mut seen = 0u32;
            self.learned_object(&mut keys.record, field_number, |cursor, field| {
                if let Some(field) = field {
                    let bit = 1u32 << field;
                    if seen & bit != 0 {
                        return None;
                    }
                    seen |= bit;
                }
                let text = |cursor: &mut Cursor<'a>| cursor.plain_string().map(Cow::Borrowed);
                match field {
                    Some(0) => record.run_id = text(cursor)?,
                    Some(1) => record.experiment = text(cursor)?,
                    Some(2) => record.arm = text(cursor)?,
                    Some(3) => record.prompt = cursor.prompt(&mut keys.prompt)?,
                    Some(4) => record.provider = text(cursor)?,
                    Some(5) => record.model = text(cursor)?,
                    Some(6) => record.case_id = text(cursor)?,
                    Some(7) => record.repeat = u32::try_from(cursor.unsigned()?).ok()?,
                    Some(8) => record.pass = cursor.boolean()?,
                    Some(9) => record.assertions = cursor.assertions()?,
                    Some(10) => record.latency_ms = cursor.float()?,
                    Some(11) => record.attempt_latency_ms = cursor.optional_float()?,
                    Some(12) => record.tokens_in = cursor.unsigned()?,
                    Some(13) => record.tokens_out = cursor.unsigned()?,
                    Some(14) => record.cost_usd = cursor.optional_float()?,
                    Some(15) => record.cached = cursor.boolean()?,
                    Some(16) => record.error = cursor.error()?,
                    Some(17) => record.started_at = text(cursor)?,
                    _ => cursor.skip_value(0)?,
                }
                Some(())
            })
        }

        fn prompt(&mut self, keys: &mut Vec<LearnedKey>) -> Option<PromptView<'a>> {
            let mut prompt = PromptView::default();
            let mut seen = [false; 3];
            self.learned_object(keys, prompt_field_number, |cursor, field| {
                let Some(slot) = field else {
                    return cursor.skip_value(1);
                };
                if std::mem::replace(&mut seen[slot], true) {
                    return None;
                }
                let value = Cow::Borrowed(cursor.plain_string()?);
                match slot {
                    0 => prompt.name = value,
                    1 => prompt.version = value,
                    _ => prompt.blob = value,
                }
                Some(())
            })?;
            Some(prompt)
        }

        #[allow(clippy::option_option)]
        fn error(&mut self) -> Option<Option<ErrorView<'a>>> {
            if self.word("null") {
                return Some(None);
            }
            let mut kind = None;
            self.object(|cursor, key| {
                if key != "kind" {
                    return cursor.skip_value(1);
                }
                if kind.is_some() {
                    return None;
                }
                kind = Some(Cow::Borrowed(cursor.plain_string()?));
                Some(())
            })?;
            Some(Some(ErrorView {
                kind: kind.unwrap_or_default(),
            }))
        }

        fn assertions(&mut self) -> Option<Vec<AssertionScore<'a>>> {
            self.expect(b'[')?;
            let mut assertions = Vec::new();
            self.items(b']', |cursor| {
                let (mut metric, mut pass, mut score) = (None, None, None);
                cursor.object(|cursor, key| match key {
                    "metric" if metric.is_none() => {
                        metric = Some(Cow::Borrowed(cursor.plain_string()?));
                        Some(())
                    }
                    "pass" if pass.is_none() => {
                        pass = Some(cursor.boolean()?);
                        Some(())
                    }
                    "score" if score.is_none() => {
                        score = Some(cursor.optional_float()?);
                        Some(())
                    }
                    "metric" | "pass" | "score" => None,
                    _ => cursor.skip_value(2),
                })?;
                assertions.push(AssertionScore {
                    // Required by serde too.
                    metric: metric?,
                    pass: pass.unwrap_or(false),
                    score: score.flatten(),
                });
                Some(())
            })?;
            Some(assertions)
        }
    }

    /// The number of a field of a prompt the report reads (the `match` in `prompt` gives them).
    fn prompt_field_number(key: &str) -> Option<usize> {
        match key {
            "name" => Some(0),
            "version" => Some(1),
            "blob" => Some(2),
            _ => None,
        }
    }

    /// The number of a field the report reads (the `match` in `record` gives the numbers).
    fn field_number(key: &str) -> Option<usize> {
        Some(match key {
            "run_id" => 0,
            "experiment" => 1,
            "arm" => 2,
            "prompt" => 3,
            "provider" => 4,
            "model" => 5,
            "case_id" => 6,
            "repeat" => 7,
            "pass" => 8,
            "assertions" => 9,
            "latency_ms" => 10,
            "attempt_latency_ms" => 11,
            "tokens_in" => 12,
            "tokens_out" => 13,
            "cost_usd" => 14,
            "cached" => 15,
            "error" => 16,
            "started_at" => 17,
            _ => return None,
        })
    }

    #[cfg(test)]
    #[test]
    fn field_numbers_follow_the_list() {
        for (number, field) in FIELDS.iter().enumerate() {
            assert_eq!(field_number(field), Some(number));
        }
        assert_eq!(field_number("output"), None);
    }

    /// The fields read, in the order of their numbers.
    #[cfg(test)]
    pub(super) const FIELDS: [&str; 18] = [
        "run_id",
        "experiment",
        "arm",
        "prompt",
        "provider",
        "model",
        "case_id",
        "repeat",
        "pass",
        "assertions",
        "latency_ms",
        "attempt_latency_ms",
        "tokens_in",
        "tokens_out",
        "cost_usd",
        "cached",
        "error",
        "started_at",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// JSON texts of every kind, well formed or not, for any field.
    const ANY: &[&str] = &[
        r#""plain""#,
        r#""with \"escape\"""#,
        "\"caf\u{e9}\"",
        "\"raw\ttab\"",
        r#""\u00e9""#,
        r#""\x""#,
        r#""""#,
        "0",
        "7",
        "12.5",
        "1e3",
        "1E-2",
        "-3",
        "-0",
        "- 3",
        "01",
        "1.",
        "1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "4294967296",
        "0.1",
        "3.0000000000000004",
        "123456789012345678901234567890",
        "true",
        "false",
        "null",
        "tru",
        "{}",
        r#"{"kind":"timeout"}"#,
        r#"{"kind":"a","kind":"b"}"#,
        r#"{"name":"p","version":"v1","blob":"b"}"#,
        r#"{"name":"p","extra":[1,{"x":null}],"version":"v\u0032"}"#,
        r#"{"name":null}"#,
        r#"{"name":"a","name":"b"}"#,
        "[]",
        r#"[{"metric":"m","pass":true,"score":0.5}]"#,
        r#"[{"pass":true}]"#,
        r#"[{"metric":"m","score":null},{"metric":"n","other":[]}]"#,
        "[1,2]",
        r#"[{"metric":"m","metric":"n"}]"#,
        r#"["a", ["b"]]"#,
        r#"{"a":{"b":{"c":[1,-2.5e-3,"\ud83d\ude00"]}}}"#,
    ];

    /// A value that suits `key` most of the time, any value otherwise.
    fn value_for(key: &'static str) -> BoxedStrategy<String> {
        let fitting: &[&str] = match key {
            "run_id" | "experiment" | "arm" | "provider" | "model" | "case_id" | "started_at" => &[
                r#""r1""#,
                r#""gpt-4o""#,
                r#""2026-11-01T10:00:00Z""#,
                "\"d\u{e9}j\u{e0}\"",
                r#""""#,
            ],
            "prompt" => &[
                r#"{"name":"team/p","version":"v2","blob":"abc"}"#,
                r#"{"version":"worktree","name":"p.v"}"#,
                r#"{ "name" : "p" , "params" : { "x" : [ true ] } }"#,
                r#"{"n\u0061me":"p","version":"v2"}"#,
            ],
            "repeat" => &["0", "3", "4294967295"],
            "pass" | "cached" => &["true", "false"],
            "assertions" => &[
                "[]",
                r#"[{"metric":"contains","pass":true}]"#,
                r#"[{"metric":"m","pass":false,"score":0.25,"detail":"x"},{"score":1,"metric":"n"}]"#,
            ],
            "latency_ms" | "attempt_latency_ms" | "cost_usd" => &[
                "812.5",
                "0",
                "1200",
                "0.0002",
                "1.7976931348623157e308",
                "5e-324",
                "null",
            ],
            "tokens_in" | "tokens_out" => &["0", "250", "18446744073709551615"],
            "error" => &["null", r#"{"kind":"timeout","message":"slow"}"#, "{}"],
            _ => &[r#""ignored""#, "{}", "[1,{\"a\":\"\\n\"}]", "-1.5", "null"],
        };
        prop_oneof![
            4 => proptest::sample::select(fitting).prop_map(str::to_owned),
            1 => proptest::sample::select(ANY).prop_map(str::to_owned),
        ]
        .boxed()
    }

    /// The fields the report reads, fields it skips, an escaped field name, an empty one.
    fn key() -> impl Strategy<Value = &'static str> {
        let mut keys = fast::FIELDS.to_vec();
        keys.extend(["params", "output", r"run\u005fid", ""]);
        proptest::sample::select(keys)
    }

    /// The spacing around a line's tokens, and what follows its object.
    fn space_and_tail() -> impl Strategy<Value = (&'static str, &'static str)> {
        (
            proptest::sample::select(["", " ", "\n", "\t ", "\r\n"].as_slice()),
            proptest::sample::select(["", "\n", " x", ",", "}"].as_slice()),
        )
    }

    fn format_line(members: &[(&str, String)], (space, tail): (&str, &str)) -> String {
        let members: Vec<String> = members
            .iter()
            .map(|(key, value)| format!("{space}\"{key}\"{space}:{space}{value}"))
            .collect();
        format!("{space}{{{}{space}}}{tail}", members.join(","))
    }

    fn line() -> impl Strategy<Value = String> {
        let member = key().prop_flat_map(|key| (Just(key), value_for(key)));
        (proptest::collection::vec(member, 0..12), space_and_tail())
            .prop_map(|(members, spacing)| format_line(&members, spacing))
    }

    /// Lines with the same keys place by place, as a file's lines have, each with values drawn
    /// afresh and now and then one key swapped for another.
    fn lines_sharing_keys() -> impl Strategy<Value = Vec<String>> {
        (proptest::collection::vec(key(), 1..12), 2usize..5).prop_flat_map(|(keys, count)| {
            let values: Vec<_> = keys.iter().map(|&key| value_for(key)).collect();
            let swap = proptest::option::weighted(0.3, (0..keys.len(), key()));
            proptest::collection::vec((values, swap, space_and_tail()), count).prop_map(
                move |lines| {
                    lines
                        .into_iter()
                        .map(|(values, swap, spacing)| {
                            let mut members: Vec<(&str, String)> =
                                keys.iter().copied().zip(values).collect();
                            if let Some((place, key)) = swap {
                                members[place].0 = key;
                            }
                            format_line(&members, spacing)
                        })
                        .collect()
                },
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whenever the fast reader answers, serde's reader gives the same record.
        #[test]
        fn the_fast_reader_answers_only_as_serde_does(line in line()) {
            if let Some(fast) = fast::record(line.as_bytes(), &mut KeyOrder::default()) {
                let serde: Result<ReportRecord<'_>, _> = serde_json::from_slice(line.as_bytes());
                prop_assert_eq!(serde.ok(), Some(fast), "{}", line);
            }
        }

        /// Read one after another, as a file's lines are, through the keys learned from the
        /// lines before: whenever the fast reader answers, serde gives the same record, and it
        /// answers for a line exactly when it answers without learned keys.
        #[test]
        fn the_fast_reader_answers_only_as_serde_does_through_learned_keys(
            lines in lines_sharing_keys(),
        ) {
            let mut keys = KeyOrder::default();
            for line in &lines {
                let learned = fast::record(line.as_bytes(), &mut keys);
                let fresh = fast::record(line.as_bytes(), &mut KeyOrder::default());
                prop_assert_eq!(&learned, &fresh, "{}", line);
                if let Some(fast) = learned {
                    let serde: Result<ReportRecord<'_>, _> =
                        serde_json::from_slice(line.as_bytes());
                    prop_assert_eq!(serde.ok(), Some(fast), "{}", line);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// The word-at-a-time scan stops where a byte-by-byte one does, from any start, over
        /// any bytes (quotes, escapes, control characters and UTF-8 among plain ones).
        #[test]
        fn the_string_scan_stops_at_the_first_quote_escape_or_control_character(
            bytes in proptest::collection::vec(
                prop_oneof![
                    4 => b'a'..=b'z',
                    1 => Just(b'"'),
                    1 => Just(b'\\'),
                    1 => 0u8..0x20,
                    1 => 0x20u8..=0xff,
                ],
                0..40,
            ),
            start in 0usize..45,
        ) {
            let bytewise = bytes
                .get(start..)
                .and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20))
                .map(|found| start + found);
            prop_assert_eq!(fast::string_stop(&bytes, start), bytewise);
        }

        /// Numbers the fast reader converts itself (digits and a power of ten) come out as
        /// serde's correctly rounded reading, and so do those it hands to `str::parse`.
        #[test]
        fn the_fast_reader_reads_numbers_as_serde_does(
            whole in "(0|[1-9][0-9]{0,19})",
            fraction in proptest::option::of("[0-9]{1,25}"),
            exponent in proptest::option::of("[eE][+-]?[0-9]{1,3}"),
        ) {
            let number = format!(
                "{whole}{}{}",
                fraction.map(|f| format!(".{f}")).unwrap_or_default(),
                exponent.unwrap_or_default(),
            );
            for field in ["latency_ms", "cost_usd", "tokens_in", "repeat"] {
                let line = format!(r#"{{"{field}":{number}}}"#);
                if let Some(fast) = fast::record(line.as_bytes(), &mut KeyOrder::default()) {
                    let serde: Result<ReportRecord<'_>, _> = serde_json::from_slice(line.as_bytes());
                    prop_assert_eq!(serde.ok(), Some(fast), "{}", line);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// A learned key is found at the start of exactly the texts that start with it and its
        /// closing quote, whether it is checked as words or (longer, or near the end of a
        /// line) byte by byte.
        #[test]
        fn a_learned_key_starts_exactly_the_texts_that_start_with_it(
            key in "[a-c_]{0,30}",
            rest in "[a-c_\"]{0,40}",
            key_prefix_of_rest in any::<bool>(),
        ) {
            let rest = if key_prefix_of_rest { format!("{key}{rest}") } else { rest };
            let mut learned = fast::LearnedKey::default();
            learned.learn(&key, Some(1));
            let quoted = format!("{key}\"");
            prop_assert_eq!(
                learned.starts(rest.as_bytes()),
                rest.as_bytes().starts_with(quoted.as_bytes()),
                "{:?} in {:?}", key, rest
            );
        }
    }

    /// Members of a well-formed record, each a field at most once, with junk the report skips.
    const WELL_FORMED: &[&str] = &[
        r#""run_id":"r-20261101""#,
        r#""experiment":"tone""#,
        r#""arm":"b""#,
        r#""prompt":{"name":"support/reply","version":"v3","blob":"9f2c","extra":{"x":[]}}"#,
        r#""provider":"openai""#,
        r#""model":"gpt-4o-mini""#,
        r#""case_id":"c17""#,
        r#""repeat":2"#,
        r#""pass":true"#,
        r#""assertions":[{"metric":"contains","pass":true,"score":null},{"metric":"judge","score":0.75}]"#,
        r#""latency_ms":1234.5"#,
        r#""attempt_latency_ms":null"#,
        r#""tokens_in":250"#,
        r#""tokens_out":42"#,
        r#""cost_usd":0.00031"#,
        r#""cached":false"#,
        r#""error":{"kind":"rate_limited","message":"429 \"slow down\"\n"}"#,
        r#""started_at":"2026-11-01T10:00:00.250Z""#,
        r#""output":"Line one\nline \"two\" \u00e9 \\ end""#,
        r#""params":{"temperature":0.2,"stop":["\n"],"n":-1}"#,
        r#""record_version":1"#,
    ];

    proptest! {
        /// Well-formed records, fields in any order and any subset, with any JSON whitespace,
        /// are read by the fast reader, and as serde reads them, one after another through
        /// the keys learned from those before.
        #[test]
        fn the_fast_reader_reads_well_formed_records(
            records in proptest::collection::vec(
                proptest::sample::subsequence(WELL_FORMED, 0..=WELL_FORMED.len()).prop_shuffle(),
                1..4,
            ),
            space in proptest::sample::select(["", " ", "\n", "\t", " \r\n "].as_slice()),
        ) {
            let mut keys = KeyOrder::default();
            for members in records {
                let body: Vec<String> = members
                    .iter()
                    .map(|m| m.replacen(':', &format!("{space}:{space}"), 1))
                    .collect();
                let line = format!("{space}{{{space}{}{space}}}{space}\n", body.join(&format!("{space},{space}")));
                let fast = fast::record(line.as_bytes(), &mut keys);
                prop_assert!(fast.is_some(), "{}", line);
                let serde: ReportRecord<'_> = serde_json::from_slice(line.as_bytes()).expect("a record");
                prop_assert_eq!(fast, Some(serde));
            }
        }
    }

    #[test]
    fn the_fast_reader_reads_every_record_the_example_library_committed() {
        let results =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example/results");
        let mut lines = 0;
        for file in crate::report::result_files(&results).expect("example results") {
            let text = std::fs::read_to_string(&file).expect("read");
            let mut keys = KeyOrder::default();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let fast = fast::record(line.as_bytes(), &mut keys);
                assert!(fast.is_some(), "{}: {line}", file.display());
                let serde: ReportRecord<'_> = serde_json::from_str(line).expect("a record");
                assert_eq!(fast, Some(serde));
                lines += 1;
            }
        }
        assert!(lines > 50, "{lines} lines");
    }

    #[test]
    fn serde_words_the_error_when_the_fast_reader_gives_up() {
        for line in [
            r#"{"latency_ms":null}"#,
            r#"{"run_id":"a","run_id":"b"}"#,
            r#"{"tokens_in":1.5}"#,
            r#"{"run_id":"a"} trailing"#,
            r#"{"run_id":"a""#,
        ] {
            let keys = &mut KeyOrder::default();
            assert!(fast::record(line.as_bytes(), keys).is_none(), "{line}");
            assert!(
                ReportRecord::parse(line.as_bytes(), keys).is_err(),
                "{line}"
            );
        }
        // Given up on, and read by serde: an escaped string in a field the report keeps.
        let record = ReportRecord::parse(
            br#"{"model":"gpt\u002d4o","latency_ms":-0}"#,
            &mut KeyOrder::default(),
        )
        .expect("serde reads it");
        assert_eq!(record.model, "gpt-4o");
    }
}
