//! Finding where a value sits in a block-style YAML file, for error messages.
//!
//! Specs and YAML datasets are parsed into values first; a problem found afterwards (a missing
//! field, an unknown arm, a bad regex) is reported at the line and column of the key or list item
//! it concerns. This is a locator, not a parser: it follows indentation and `- ` list markers,
//! which is how these files are written in practice, and falls back to the deepest place it
//! could find.

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A list index (0-based).
    Index(usize),
}

/// A line of the file as the locator sees it; `- key: v` becomes an item marker and a key line.
#[derive(Debug)]
struct VLine<'t> {
    line: usize,
    column: usize,
    indent: usize,
    text: &'t str,
    is_item: bool,
}

fn vlines(text: &str) -> Vec<VLine<'_>> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
            continue;
        }
        let mut indent = raw.len() - trimmed.len();
        let mut rest = trimmed;
        while rest == "-" || rest.starts_with("- ") {
            out.push(VLine {
                line: index + 1,
                column: indent + 1,
                indent,
                text: "-",
                is_item: true,
            });
            let after = rest[1..].trim_start();
            indent += rest.len() - after.len();
            rest = after;
        }
        if !rest.is_empty() {
            out.push(VLine {
                line: index + 1,
                column: indent + 1,
                indent,
                text: rest,
                is_item: false,
            });
        }
    }
    out
}

fn key_of(text: &str) -> Option<&str> {
    let end = text
        .find(": ")
        .or_else(|| text.strip_suffix(':').map(str::len))?;
    let key = text[..end].trim();
    Some(key.trim_matches(|c| c == '"' || c == '\''))
}

/// The 1-based line and column of `path` in `text`, or of the deepest part of it that exists.
///
/// Returns `(1, 1)` when not even the first step can be found.
pub fn locate(text: &str, path: &[Seg<'_>]) -> (usize, usize) {
    let lines = vlines(text);
    let mut best = (1, 1);
    let mut lo = 0;
    let mut hi = lines.len();
    for seg in path {
        let Some(child_indent) = lines.get(lo..hi).and_then(|s| s.first()).map(|l| l.indent) else {
            break;
        };
        let candidates = (lo..hi).filter(|&i| lines[i].indent == child_indent);
        let found = match seg {
            Seg::Key(key) => candidates
                .into_iter()
                .find(|&i| !lines[i].is_item && key_of(lines[i].text) == Some(key)),
            Seg::Index(n) => candidates.into_iter().filter(|&i| lines[i].is_item).nth(*n),
        };
        let Some(i) = found else { break };
        best = (lines[i].line, lines[i].column);
        lo = i + 1;
        hi = (lo..hi)
            .find(|&j| lines[j].indent <= lines[i].indent)
            .unwrap_or(hi);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "\
# comment
variants:
  - id: a
    prompt: x
  - id: b
    prompt: y
    params:
      temperature: 2
design: paired
";

    #[test]
    fn locates_keys_inside_list_items() {
        use Seg::{Index, Key};
        assert_eq!(locate(SPEC, &[Key("variants")]), (2, 1));
        assert_eq!(locate(SPEC, &[Key("variants"), Index(1)]), (5, 3));
        assert_eq!(
            locate(SPEC, &[Key("variants"), Index(1), Key("id")]),
            (5, 5)
        );
        assert_eq!(
            locate(SPEC, &[Key("variants"), Index(1), Key("prompt")]),
            (6, 5)
        );
        assert_eq!(
            locate(
                SPEC,
                &[Key("variants"), Index(1), Key("params"), Key("temperature")]
            ),
            (8, 7)
        );
        assert_eq!(locate(SPEC, &[Key("design")]), (9, 1));
    }

    #[test]
    fn missing_parts_fall_back_to_the_deepest_found() {
        use Seg::{Index, Key};
        assert_eq!(
            locate(SPEC, &[Key("variants"), Index(0), Key("model")]),
            (3, 3)
        );
        assert_eq!(locate(SPEC, &[Key("nope")]), (1, 1));
        assert_eq!(locate(SPEC, &[Key("variants"), Index(7)]), (2, 1));
    }

    #[test]
    fn top_level_list() {
        let text = "- id: one\n  vars: {a: 1}\n- id: two\n  vars:\n    a: 2\n";
        assert_eq!(locate(text, &[Seg::Index(1), Seg::Key("vars")]), (4, 3));
        assert_eq!(locate(text, &[Seg::Index(0)]), (1, 1));
    }
}
