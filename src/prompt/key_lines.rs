//! Reading front-matter YAML line by line: which mapping key each line sets, under which parents.
//!
//! A YAML parser gives values, not lines. Git's textconv needs to say, for one line, which field
//! it belongs to (and must still work on a file with conflict markers, which no parser accepts),
//! and the merge driver needs to see how the author wrote a list (`[a, b]` or one `- a` per line)
//! to write a merged list the same way. Both read the block-style layout by indentation here.
//! Lines whose place is not a plain key (sequence items, block and flow scalars, continuation
//! lines, comments, conflict markers) are [`KeyLine::Other`], never guessed at.

/// What one front-matter line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyLine<'a> {
    /// `key: value` or `key:`.
    Key {
        /// The keys of the enclosing mappings, outermost first (unquoted).
        parents: Vec<&'a str>,
        /// The key (unquoted).
        key: &'a str,
        /// Spaces before the key.
        indent: usize,
        /// What follows the colon, trimmed (empty when the value is on the next lines).
        value: &'a str,
    },
    /// Anything else.
    Other,
}

/// Reads the lines of one front-matter block in order, keeping track of the enclosing keys.
#[derive(Debug, Default)]
pub(crate) struct KeyLines<'a> {
    /// (indent, key) of each enclosing mapping key.
    parents: Vec<(usize, &'a str)>,
    /// Lines indented past this belong to a value (a scalar or a sequence item), not to a key.
    inside_value_past: Option<usize>,
}

impl<'a> KeyLines<'a> {
    /// Reads the next line (with or without its line ending).
    pub(crate) fn read(&mut self, line: &'a str) -> KeyLine<'a> {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let trimmed = content.trim_end();
        if trimmed.is_empty() || trimmed.starts_with('#') || is_conflict_marker(trimmed) {
            return KeyLine::Other;
        }
        if let Some(limit) = self.inside_value_past {
            if indent > limit {
                return KeyLine::Other;
            }
            self.inside_value_past = None;
        }
        while self.parents.last().is_some_and(|(i, _)| *i >= indent) {
            self.parents.pop();
        }
        let Some((key, value)) = split_key(trimmed) else {
            // A sequence item, or anything else that is not `key: value`.
            self.inside_value_past = Some(indent);
            return KeyLine::Other;
        };
        let value = value.trim();
        let parents = self.parents.iter().map(|(_, k)| *k).collect();
        if value.is_empty() || value.starts_with('#') {
            self.parents.push((indent, key));
        } else {
            self.inside_value_past = Some(indent);
        }
        KeyLine::Key {
            parents,
            key,
            indent,
            value,
        }
    }
}

/// A line git writes around a conflict: seven or more of `<`, `|`, `=` or `>`, then nothing or
/// a space and a label.
fn is_conflict_marker(line: &str) -> bool {
    ['<', '|', '=', '>'].into_iter().any(|marker| {
        let run = line.chars().take_while(|&c| c == marker).count();
        run >= 7 && (line.len() == run || line[run..].starts_with(' '))
    })
}

/// `key: value` (or `key:`) split into the key, unquoted, and what follows the colon.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quote) = line.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let end = line[1..].find(quote)? + 1;
        (&line[1..end], line[end + 1..].strip_prefix(':')?)
    } else {
        let colon = line
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| line[i + 1..].is_empty() || line[i + 1..].starts_with([' ', '\t']))?;
        let key = &line[..colon];
        if key.is_empty()
            || key.starts_with(['-', '?', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`'])
            || key.contains(" #")
        {
            return None;
        }
        (key, &line[colon + 1..])
    };
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((key, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut lines = KeyLines::default();
        text.lines()
            .map(|line| match lines.read(line) {
                KeyLine::Key {
                    parents,
                    key,
                    value,
                    ..
                } => {
                    let mut path = parents.join(".");
                    if !path.is_empty() {
                        path.push('.');
                    }
                    format!("{path}{key}={value}")
                }
                KeyLine::Other => "-".to_owned(),
            })
            .collect()
    }

    #[test]
    fn keys_are_read_with_their_parents_and_values_are_not_read_as_keys() {
        let text = "a: 1\nb:\n  c: [x, y]\n  # note\n  d:\n    - e: 1\n      f: 2\n  g: |\n    h: no\n'q k': 3\n<<<<<<< ours\ni:\n- j\n";
        assert_eq!(
            keys(text),
            [
                "a=1",
                "b=",
                "b.c=[x, y]",
                "-",
                "b.d=",
                "-",
                "-",
                "b.g=|",
                "-",
                "q k=3",
                "-",
                "i=",
                "-"
            ]
        );
    }
}
