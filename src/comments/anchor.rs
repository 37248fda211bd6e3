//! Anchoring a comment to content rather than to a line number.
//!
//! A line number goes stale with the first edit above it. A comment therefore remembers the text
//! of its line and of the lines around it, and is re-located by finding that text again: the line
//! with the same text (ignoring surrounding whitespace), and among several such lines the one
//! whose neighbours match best, then the one nearest the original line. When no line has the
//! text any more, the line itself changed and the comment is outdated.

use serde::{Deserialize, Serialize};

/// How many lines of context are kept on each side.
const CONTEXT: usize = 2;

/// The content a comment is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The line when the comment was written (1-based).
    pub line: usize,
    /// That line's text.
    pub text: String,
    /// Up to two lines before it, nearest last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<String>,
    /// Up to two lines after it, nearest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
}

/// Where an anchor is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Found at this line (1-based).
    At(usize),
    /// The anchored line is gone or changed.
    Outdated,
}

impl Anchor {
    /// The anchor for line `line` (1-based) of `text`; `None` when the file has no such line.
    pub fn at(text: &str, line: usize) -> Option<Anchor> {
        let lines: Vec<&str> = text.lines().collect();
        let index = line.checked_sub(1).filter(|i| *i < lines.len())?;
        Some(Anchor {
            line,
            text: lines[index].to_owned(),
            before: lines[index.saturating_sub(CONTEXT)..index]
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
            after: lines[index + 1..(index + 1 + CONTEXT).min(lines.len())]
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
        })
    }

    /// Finds the anchored line in `text`.
    pub fn locate(&self, text: &str) -> Placement {
        let lines: Vec<&str> = text.lines().collect();
        let same = |a: &str, b: &str| a.trim() == b.trim();
        let context_score = |index: usize| -> usize {
            let before = self
                .before
                .iter()
                .rev()
                .enumerate()
                .filter(|(k, want)| {
                    index
                        .checked_sub(k + 1)
                        .is_some_and(|i| same(lines[i], want))
                })
                .count();
            let after = self
                .after
                .iter()
                .enumerate()
                .filter(|(k, want)| lines.get(index + k + 1).is_some_and(|l| same(l, want)))
                .count();
            before + after
        };
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| same(l, &self.text))
            .map(|(index, _)| index)
            .max_by_key(|&index| {
                (
                    context_score(index),
                    std::cmp::Reverse((index + 1).abs_diff(self.line)),
                )
            })
            .map_or(Placement::Outdated, |index| Placement::At(index + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a\nb\ntarget\nc\nd\n";

    #[test]
    fn follows_its_line_when_lines_are_added_above() {
        let anchor = Anchor::at(TEXT, 3).unwrap();
        assert_eq!(anchor.before, ["a", "b"]);
        assert_eq!(anchor.after, ["c", "d"]);
        assert_eq!(
            anchor.locate(&format!("new\nnew\n{TEXT}")),
            Placement::At(5)
        );
    }

    #[test]
    fn is_outdated_when_its_line_changes() {
        let anchor = Anchor::at(TEXT, 3).unwrap();
        assert_eq!(
            anchor.locate("a\nb\ntarget changed\nc\nd\n"),
            Placement::Outdated
        );
    }

    #[test]
    fn picks_the_copy_whose_context_matches() {
        let anchor = Anchor::at(TEXT, 3).unwrap();
        let text = "x\ny\ntarget\nz\n\nmore\na\nb\ntarget\nc\nd\n";
        assert_eq!(anchor.locate(text), Placement::At(9));
    }

    #[test]
    fn no_anchor_past_the_end() {
        assert!(Anchor::at(TEXT, 6).is_none());
        assert!(Anchor::at(TEXT, 0).is_none());
    }
}
