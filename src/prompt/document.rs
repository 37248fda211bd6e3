//! Splitting a prompt file into YAML front matter and a Handlebars body.
//!
//! The split follows Dotprompt's rule so that a file means the same thing to both tools: optional
//! blank or `#` comment lines, a `---` line, the YAML, a `---` line, then the template. A file with
//! no front matter is all body. Dotprompt trims the body of a file with front matter; we keep the
//! untrimmed body (and the line it starts on) so diagnostics point at the right line, and trim
//! when rendering.

use serde_json::{Map, Value};

use crate::prompt::front_matter::FrontMatter;
use crate::yaml;

/// A parse failure with the 1-based line and column in the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What kind of mistake it is.
    pub kind: ParseErrorKind,
    /// What is wrong.
    pub message: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file (0 when unknown).
    pub column: usize,
}

/// The kinds of [`ParseError`], so lint can file each under its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The front matter is not YAML, not a mapping, or repeats a key.
    Yaml,
    /// A `---` line opens front matter that no `---` line closes.
    Unclosed,
    /// The file still holds the markers of an unresolved merge conflict.
    MergeConflict,
    /// A front-matter value has the wrong shape for its key.
    Field,
}

/// A prompt file split into its parts, before any rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptDocument {
    /// The front matter as written (an empty map when there is none).
    pub raw_front_matter: Map<String, Value>,
    /// The front matter read into promptctl's fields.
    pub front_matter: FrontMatter,
    /// The YAML text between the `---` lines (empty when there is none).
    pub front_matter_text: String,
    /// 1-based line of the first YAML line (0 when there is no front matter).
    pub front_matter_line: usize,
    /// The Handlebars template, untrimmed.
    pub body: String,
    /// 1-based line of the body's first character.
    pub body_line: usize,
    /// Whether the file had front matter at all.
    pub has_front_matter: bool,
}

impl PromptDocument {
    /// Parses a prompt file's text.
    pub fn parse(text: &str) -> Result<PromptDocument, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(conflict) = find_merge_conflict(text) {
            return Err(conflict);
        }
        let Some(split) = split_front_matter(text)? else {
            return Ok(PromptDocument {
                raw_front_matter: Map::new(),
                front_matter: FrontMatter::default(),
                front_matter_text: String::new(),
                front_matter_line: 0,
                body: text.to_owned(),
                body_line: 1,
                has_front_matter: false,
            });
        };
        let raw = parse_front_matter_yaml(split.yaml, split.yaml_line)?;
        let front_matter = FrontMatter::from_raw(&raw).map_err(|e| {
            let path: Vec<&str> = e.path.iter().map(String::as_str).collect();
            let (line, column) = locate_key_path(split.yaml, &path)
                .map_or((split.yaml_line, 0), |(l, c)| (split.yaml_line + l - 1, c));
            ParseError {
                kind: ParseErrorKind::Field,
                message: e.message,
                line,
                column,
            }
        })?;
        Ok(PromptDocument {
            raw_front_matter: raw,
            front_matter,
            front_matter_text: split.yaml.to_owned(),
            front_matter_line: split.yaml_line,
            body: split.body.to_owned(),
            body_line: split.body_line,
            has_front_matter: true,
        })
    }

    /// The template as Dotprompt renders it: trimmed when the file has front matter.
    pub fn template(&self) -> &str {
        if self.has_front_matter {
            self.body.trim()
        } else {
            &self.body
        }
    }

    /// 1-based file line of line 1 of [`Self::template`], for mapping template errors back.
    pub fn template_line(&self) -> usize {
        if !self.has_front_matter {
            return self.body_line;
        }
        let leading = &self.body[..self.body.len() - self.body.trim_start().len()];
        self.body_line + leading.matches('\n').count()
    }

    /// How many columns the first line of [`Self::template`] was shifted left by trimming.
    fn template_column_shift(&self) -> usize {
        if !self.has_front_matter {
            return 0;
        }
        let body = &self.body;
        let leading = &body[..body.len() - body.trim_start().len()];
        leading.rsplit('\n').next().map_or(0, str::len)
    }

    /// Maps a 1-based line and column within [`Self::template`] to the line and column in the
    /// file, so template diagnostics (render errors, lint findings) point at the file.
    pub fn file_position(&self, line: usize, column: usize) -> (usize, usize) {
        let column = if line == 1 {
            column + self.template_column_shift()
        } else {
            column
        };
        (self.template_line() + line.saturating_sub(1), column)
    }

    /// The 1-based file line and column of a front-matter key path such as `["input", "schema"]`.
    pub fn locate(&self, path: &[&str]) -> Option<(usize, usize)> {
        if !self.has_front_matter {
            return None;
        }
        let (line, column) = locate_key_path(&self.front_matter_text, path)?;
        Some((self.front_matter_line + line - 1, column))
    }
}

/// The 0-based indexes of the file's front-matter lines (between the `---` lines), found by the
/// fences alone: the YAML is not parsed, so a file with conflict markers in it still has them.
pub(crate) fn front_matter_line_range(text: &str) -> Option<std::ops::Range<usize>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = split_front_matter(text).ok()??;
    let first = split.yaml_line - 1;
    // The closing `---` is on line `body_line - 1` (1-based), the index before the body's.
    Some(first..split.body_line.saturating_sub(2).max(first))
}

/// A file cut at its front-matter fences.
pub(crate) struct Split<'a> {
    /// The YAML between the fences.
    pub(crate) yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub(crate) yaml_line: usize,
    /// Everything after the closing fence.
    pub(crate) body: &'a str,
    /// 1-based line of the body's first character.
    pub(crate) body_line: usize,
}

/// Finds the front matter block, if the file has one, following Dotprompt's regex, with one
/// difference: an opening `---` that no `---` line closes is an error rather than a file that is
/// all body, because the YAML would otherwise be sent to the model as prompt text.
pub(crate) fn split_front_matter(text: &str) -> Result<Option<Split<'_>>, ParseError> {
    let mut offset = 0;
    let mut line_no = 1;
    // Skip blank lines and `#` comment lines before the opening `---`.
    loop {
        let rest = &text[offset..];
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..line_end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" && rest[..line_end].ends_with('\n') {
            offset += line_end;
            line_no += 1;
            break;
        }
        if line_end == rest.len() && !rest.ends_with('\n') {
            return Ok(None);
        }
        if line.starts_with('#') || line.trim().is_empty() {
            if line_end == 0 {
                return Ok(None);
            }
            offset += line_end;
            line_no += 1;
            continue;
        }
        return Ok(None);
    }
    let opening_line = line_no - 1;
    let yaml_start = offset;
    let yaml_line = line_no;
    // Find the closing `---` line.
    let mut cursor = yaml_start;
    let mut current_line = line_no;
    while cursor < text.len() {
        let rest = &text[cursor..];
        // The last line may lack its newline: a file that is only front matter.
        let end = rest.find('\n').unwrap_or(rest.len());
        let line = rest[..end].trim_end_matches('\r');
        if line.trim_end() == "---" {
            let yaml_end = cursor.saturating_sub(1).max(yaml_start);
            let yaml = text[yaml_start..yaml_end].trim_end_matches('\r');
            let body_start = (cursor + end + 1).min(text.len());
            return Ok(Some(Split {
                yaml,
                yaml_line,
                body: &text[body_start..],
                body_line: current_line + 1,
            }));
        }
        cursor += end + 1;
        current_line += 1;
    }
    Err(ParseError {
        kind: ParseErrorKind::Unclosed,
        message: format!(
            "the front matter opened by the `---` on line {opening_line} is never closed: the \
             YAML would be rendered as prompt text"
        ),
        line: opening_line,
        column: 1,
    })
}

/// How many times `marker` repeats at the start of `line`, when that is a conflict marker: at
/// least seven, then the end of the line or a space and a label.
fn marker_run(line: &str, marker: char) -> Option<usize> {
    let run = line.chars().take_while(|&c| c == marker).count();
    let rest = &line[run..];
    (run >= 7 && (rest.is_empty() || rest.starts_with(' '))).then_some(run)
}

/// Finds the first complete block of unresolved merge-conflict markers (`<<<<<<<`, an optional
/// `|||||||` base, `=======`, `>>>>>>>`), and describes both sides with their lines.
fn find_merge_conflict(text: &str) -> Option<ParseError> {
    if !text.contains("<<<<<<<") {
        return None;
    }
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let opener = lines.iter().position(|l| marker_run(l, '<').is_some())?;
    let width = marker_run(lines[opener], '<')?;
    let find = |from: usize, marker: char, bare: bool| {
        (from..lines.len()).find(|&i| {
            marker_run(lines[i], marker) == Some(width) && (!bare || lines[i].len() == width)
        })
    };
    let separator = find(opener + 1, '=', true)?;
    let closer = find(separator + 1, '>', false)?;
    let ours_end = find(opener + 1, '|', false)
        .filter(|&b| b < separator)
        .unwrap_or(separator);
    let side = |label: &str, from: usize, to: usize| {
        // `from..to` are 0-based indexes of the side's lines.
        if from >= to {
            return format!("{label} has no lines");
        }
        let quoted: Vec<String> = lines[from..to]
            .iter()
            .take(3)
            .map(|l| format!("`{}`", l.trim()))
            .collect();
        let more = if to - from > 3 { " …" } else { "" };
        let range = if to - from == 1 {
            format!("line {}", from + 1)
        } else {
            format!("lines {}–{}", from + 1, to)
        };
        format!("{label} ({range}): {}{more}", quoted.join(" / "))
    };
    // A side is named by its marker's label (`HEAD`, a branch), else by its role.
    let label = |index: usize, fallback: &str| {
        let text = lines[index][width..].trim();
        if text.is_empty() {
            fallback.to_owned()
        } else {
            text.to_owned()
        }
    };
    Some(ParseError {
        kind: ParseErrorKind::MergeConflict,
        message: format!(
            "unresolved merge conflict (lines {}–{}): {}; {}",
            opener + 1,
            closer + 1,
            side(&label(opener, "ours"), opener + 1, ours_end),
            side(&label(closer, "theirs"), separator + 1, closer),
        ),
        line: opener + 1,
        column: 1,
    })
}

fn parse_front_matter_yaml(
    yaml_text: &str,
    first_line: usize,
) -> Result<Map<String, Value>, ParseError> {
    if yaml_text.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: Value = yaml::from_str(yaml_text).map_err(|e| ParseError {
        kind: ParseErrorKind::Yaml,
        message: format!("invalid YAML front matter: {}", e.message),
        line: e.line.map_or(first_line, |l| first_line + l - 1),
        column: e.column.unwrap_or(0),
    })?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(ParseError {
            kind: ParseErrorKind::Yaml,
            message: format!(
                "front matter must be a mapping of keys to values, found {}",
                json_kind(&other)
            ),
            line: first_line,
            column: 1,
        }),
    }
}

/// A short English name for a JSON value's type, for messages.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Finds the 1-based line and column of a key path in block-style YAML.
///
/// This is a locator for diagnostics, not a parser: it follows indentation to find `key:` lines
/// nested under each other, which is how front matter is written in practice. It returns the
/// deepest key it could find, so a path into a flow-style value still points near the problem.
pub fn locate_key_path(yaml_text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let mut best = None;
    let mut parent_indent: Option<usize> = None;
    let mut lines = yaml_text.lines().enumerate();
    'segments: for segment in path {
        if segment.parse::<usize>().is_ok() {
            // List indexes are not located; keep the parent key's position.
            continue;
        }
        for (index, line) in lines.by_ref() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if let Some(parent) = parent_indent
                && indent <= parent
            {
                // Left the parent's block without finding the key.
                return best;
            }
            let key_text = trimmed.trim_start_matches("- ");
            let key_offset = trimmed.len() - key_text.len();
            let key = key_text.split(':').next().unwrap_or("").trim();
            let key = key.trim_matches(|c| c == '"' || c == '\'');
            if key == *segment && key_text.contains(':') {
                best = Some((index + 1, indent + key_offset + 1));
                parent_indent = Some(indent + key_offset);
                continue 'segments;
            }
        }
        return best;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_front_matter_block_is_accepted() {
        let doc = PromptDocument::parse("---\n---\nHello\n").unwrap();
        assert!(doc.raw_front_matter.is_empty());
        assert_eq!(doc.body, "Hello\n");
        let only = PromptDocument::parse("---\n---\n").unwrap();
        assert!(only.raw_front_matter.is_empty());
        assert_eq!(only.body, "");
    }

    #[test]
    fn splits_front_matter_and_body() {
        let doc = PromptDocument::parse("---\nname: x\n---\nHello {{who}}\n").unwrap();
        assert_eq!(doc.raw_front_matter["name"], "x");
        assert_eq!(doc.body, "Hello {{who}}\n");
        assert_eq!(doc.body_line, 4);
        assert_eq!(doc.front_matter_line, 2);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let doc = PromptDocument::parse("Just text\n---\n").unwrap();
        assert!(!doc.has_front_matter);
        assert_eq!(doc.body, "Just text\n---\n");
    }

    #[test]
    fn comment_lines_before_front_matter_are_allowed() {
        let doc = PromptDocument::parse("# Copyright\n\n---\nname: x\n---\nbody").unwrap();
        assert_eq!(doc.front_matter_line, 4);
        assert_eq!(doc.body, "body");
        assert_eq!(doc.body_line, 6);
    }

    #[test]
    fn crlf_files_parse() {
        let doc = PromptDocument::parse("---\r\nname: x\r\n---\r\nHi\r\n").unwrap();
        assert_eq!(doc.raw_front_matter["name"], "x");
        assert_eq!(doc.template(), "Hi");
    }

    #[test]
    fn yaml_error_points_into_the_file() {
        let err = PromptDocument::parse("---\nname: x\ntags: [a, b\n---\nbody").unwrap_err();
        assert!(err.line >= 3, "{err:?}");
        assert!(err.message.contains("invalid YAML"));
    }

    #[test]
    fn scalar_front_matter_is_rejected() {
        let err = PromptDocument::parse("---\njust a string\n---\nbody").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn wrong_field_type_names_the_line() {
        let err = PromptDocument::parse("---\nname: x\ntags: 5\n---\nbody").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1), "{err:?}");
        assert!(err.message.contains("tags"), "{}", err.message);
    }

    #[test]
    fn template_line_skips_trimmed_lines() {
        let doc = PromptDocument::parse("---\na: 1\n---\n\n\nHi {{x}}\n").unwrap();
        assert_eq!(doc.template_line(), 6);
        assert_eq!(doc.template(), "Hi {{x}}");
    }

    #[test]
    fn file_position_accounts_for_trimmed_lines_and_columns() {
        let doc = PromptDocument::parse("---\na: 1\n---\n\n   Hi {{x}}\n{{y}}").unwrap();
        assert_eq!(doc.file_position(1, 4), (5, 7));
        assert_eq!(doc.file_position(2, 1), (6, 1));
        let plain = PromptDocument::parse("  {{x}}").unwrap();
        assert_eq!(plain.file_position(1, 3), (1, 3));
    }

    #[test]
    fn locates_nested_keys() {
        let yaml = "name: x\ninput:\n  schema:\n    topic: string\n  default:\n    topic: cats\n";
        assert_eq!(
            locate_key_path(yaml, &["input", "default", "topic"]),
            Some((6, 5))
        );
        assert_eq!(
            locate_key_path(yaml, &["input", "schema", "topic"]),
            Some((4, 5))
        );
        assert_eq!(locate_key_path(yaml, &["missing"]), None);
    }
}
