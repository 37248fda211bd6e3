//! Stripping escape codes from output written in pieces, with exactly the result of stripping it
//! whole.
//!
//! [`crate::cli::printer::Printer::data`] strips a whole document with
//! `anstream::adapter::strip_str` when stdout gets no colour. Output streamed a row at a time
//! cannot be stripped row by row with it: an escape code left open in one piece (a description
//! may hold one) goes on swallowing bytes in the next, and `strip_str` stops at a byte that only
//! looks printable inside a code. [`StripWriter`] walks the same state machine byte by byte and
//! keeps its state between writes, so any split of a document strips to the same bytes.

use std::io::{self, Write};

use anstyle_parse::state::{Action, State, state_change};

/// Where the stripper is in the stream, as `strip_str` walks it.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Skipping an escape code or other unprintable bytes, in this parser state.
    Search(State),
    /// Inside a run of printable bytes, which ends at the first byte not printable from ground.
    Run,
    /// `strip_str` would have stopped here: nothing more is printed.
    Done,
}

/// A writer that passes bytes on, without escape codes when `strip` is on.
pub(crate) struct StripWriter<W: Write> {
    inner: W,
    /// `None` passes everything through.
    phase: Option<Phase>,
    kept: Vec<u8>,
}

impl<W: Write> StripWriter<W> {
    /// Wraps `inner`; with `strip` off the bytes pass through unchanged.
    pub(crate) fn new(inner: W, strip: bool) -> StripWriter<W> {
        StripWriter {
            inner,
            phase: strip.then_some(Phase::Search(State::Ground)),
            kept: Vec::new(),
        }
    }
}

impl<W: Write> Write for StripWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match &mut self.phase {
            None => self.inner.write_all(data)?,
            Some(phase) => {
                self.kept.clear();
                strip_into(phase, data, &mut self.kept);
                self.inner.write_all(&self.kept)?;
            }
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Appends the printable bytes of `data` to `out`, continuing from `phase`.
///
/// This is `anstream`'s `next_str` loop unrolled a byte at a time: search from the current state
/// for a byte whose action is printable, then (back in ground) take the run of bytes printable
/// from ground; a found byte that is not printable from ground ends the whole output.
fn strip_into(phase: &mut Phase, data: &[u8], out: &mut Vec<u8>) {
    for &byte in data {
        if let Phase::Run = phase {
            if printable_from_ground(byte) {
                out.push(byte);
                continue;
            }
            *phase = Phase::Search(State::Ground);
        }
        match phase {
            Phase::Done => return,
            Phase::Run => {}
            Phase::Search(state) => {
                let (next, action) = state_change(*state, byte);
                if next != State::Anywhere {
                    *state = next;
                }
                if is_printable(action, byte) {
                    if printable_from_ground(byte) {
                        out.push(byte);
                        *phase = Phase::Run;
                    } else {
                        *phase = Phase::Done;
                        return;
                    }
                }
            }
        }
    }
}

fn printable_from_ground(byte: u8) -> bool {
    let (_, action) = state_change(State::Ground, byte);
    is_printable(action, byte) || matches!(byte, 0x80..=0xbf)
}

/// `anstream`'s rule: printable characters but DEL, the start of a UTF-8 sequence, whitespace.
fn is_printable(action: Action, byte: u8) -> bool {
    const DEL: u8 = 0x7f;
    (action == Action::Print && byte != DEL)
        || action == Action::BeginUtf8
        || (action == Action::Execute && byte.is_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn streamed<P: AsRef<[u8]>>(pieces: &[P]) -> String {
        let mut out = StripWriter::new(Vec::new(), true);
        for piece in pieces {
            out.write_all(piece.as_ref()).unwrap();
        }
        String::from_utf8(out.inner).unwrap()
    }

    fn whole(pieces: &[&str]) -> String {
        anstream::adapter::strip_str(&pieces.concat()).to_string()
    }

    #[test]
    fn open_codes_carry_over_between_writes() {
        for pieces in [
            &["\x1b[32mgreen", "\x1b[0m plain\n"][..],
            &["a \x1b[", "31m b\n", "c"],
            &["osc \x1b]0;title", " still title\x07 after\n"],
            &["\x1b]8;;http://x\x1b", "\\link\x1b]8;;\x1b\\ │ done\n"],
            &["before \u{9b}", "after"],
        ] {
            assert_eq!(streamed(pieces), whole(pieces), "{pieces:?}");
        }
    }

    #[test]
    fn without_strip_bytes_pass_through() {
        let mut out = StripWriter::new(Vec::new(), false);
        out.write_all(b"\x1b[1mbold\x1b[0m").unwrap();
        assert_eq!(out.inner, b"\x1b[1mbold\x1b[0m");
    }

    fn text() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "a", "Z", " ", "\n", "\t", "\r", "\x1b", "[", "]", "\\", ";", "0", "31", "m", "P",
            "\x07", "\x18", "\x7f", "\u{9b}", "\u{9c}", "é", "漢", "│", "┆", "🙂", "\u{200d}",
        ]);
        prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any split of any text (escape codes and characters cut anywhere, codes open or
        /// closed) strips to what `strip_str` makes of the whole.
        #[test]
        fn streamed_stripping_matches_strip_str(
            text in text(),
            cuts in prop::collection::vec(0usize..200, 0..6),
        ) {
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c % (text.len() + 1))
                .collect();
            bounds.push(0);
            bounds.push(text.len());
            bounds.sort_unstable();
            bounds.dedup();
            let bytes = text.as_bytes();
            let pieces: Vec<&[u8]> = bounds.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
            prop_assert_eq!(streamed(&pieces), whole(&[text.as_str()]));
        }
    }
}
