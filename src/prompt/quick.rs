//! Reading the fields search needs from a prompt file without the YAML parser.
//!
//! The first search after a clone reads every prompt file, and for 100,000 files the full parse
//! ([`PromptDocument::parse`](super::PromptDocument::parse): YAML into a value tree, then every
//! typed field) is most of the time. [`search_fields`] reads the front matter line by line instead, for the shapes people
//! and generators write: a block mapping with plain keys; values that are plain, single- or
//! double-quoted scalars on one line, flow sequences of such scalars on one line, block
//! sequences of them, nested block mappings of the same, and literal or folded block scalars
//! with any chomping (`description: >` is read; a folded scalar with more-indented lines, or a
//! line of spaces longer than the indentation, is left to the parser).
//!
//! It answers only when it can tell that the full parse would accept the file and what it would
//! read: every value of a key that [`FrontMatter::from_raw`](super::FrontMatter::from_raw)
//! checks must have a shape that check accepts (a definite string where a string is required,
//! a mapping where a mapping is), no key repeats, and nothing in the text is outside the subset
//! (tabs, control characters, anchors, tags, explicit keys, multi-line flow or quoted scalars,
//! escapes other than the simple ones, numbers it would have to type, ...). Anything else is
//! `None`, and the caller parses the file fully, so results and error messages never change.

use std::borrow::Cow;

use crate::prompt::document::split_front_matter;

/// The fields of a prompt file that search reads, as [`PromptDocument::parse`] gives them.
///
/// [`PromptDocument::parse`]: super::PromptDocument::parse
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFields<'a> {
    /// `description`.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `category`.
    pub category: Option<String>,
    /// `status`, as written.
    pub status: Option<String>,
    /// `owners`.
    pub owners: Vec<String>,
    /// The body, untrimmed, as `PromptDocument::body`.
    pub body: &'a str,
    /// Whether the file has front matter.
    pub has_front_matter: bool,
}

/// The fields search reads, when the file is in the subset this reader is sure of; `None` means
/// "parse it fully" (the file may well be valid).
pub fn search_fields(text: &str) -> Option<SearchFields<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('<') && text.contains("<<<<<<<") {
        return None;
    }
    let Some(split) = split_front_matter(text).ok()? else {
        return Some(SearchFields {
            body: text,
            ..SearchFields::default()
        });
    };
    let mut fields = SearchFields {
        body: split.body,
        has_front_matter: true,
        ..SearchFields::default()
    };
    for (key, node) in read_yaml(split.yaml)? {
        match key {
            "description" => fields.description = string(node)?,
            "category" => fields.category = string(node)?,
            "status" => fields.status = string(node)?,
            "tags" => fields.tags = string_list(node)?,
            "owners" => fields.owners = string_list(node)?,
            "name" | "variant" | "version" | "classification" | "extends" | "dataset" => {
                string(node)?;
            }
            "regions" | "links" => {
                string_list(node)?;
            }
            "model" => match node {
                Node::Null | Node::Str(_) => {}
                Node::Seq(items) => {
                    strings(items)?;
                }
                _ => return None,
            },
            "tools" => match node {
                Node::Null => {}
                Node::Seq(items) => {
                    strings(items)?;
                }
                _ => return None,
            },
            "config" | "metadata" => match node {
                Node::Null | Node::Map(_) => {}
                _ => return None,
            },
            "input" => match node {
                Node::Null => {}
                Node::Map(entries) => {
                    for (key, value) in entries {
                        if key == "default" && !matches!(value, Node::Null | Node::Map(_)) {
                            return None;
                        }
                    }
                }
                _ => return None,
            },
            "output" => match node {
                Node::Null => {}
                Node::Map(entries) => {
                    for (key, value) in entries {
                        if key == "format" {
                            string(value)?;
                        }
                    }
                }
                _ => return None,
            },
            // Kept as written (`raw`, `ext`, `toolDefs` and keys promptctl does not know).
            _ => {}
        }
    }
    Some(fields)
}

/// A string field: null or a definite string (`Some(None)` is null, `None` "not sure").
#[allow(clippy::option_option)]
fn string(node: Node<'_>) -> Option<Option<String>> {
    match node {
        Node::Null => Some(None),
        Node::Str(s) => Some(Some(s.into_owned())),
        _ => None,
    }
}

/// A list-of-strings field (`tags: a` is `[a]`).
fn string_list(node: Node<'_>) -> Option<Vec<String>> {
    match node {
        Node::Null => Some(Vec::new()),
        Node::Str(s) => Some(vec![s.into_owned()]),
        Node::Seq(items) => strings(items),
        _ => None,
    }
}

fn strings(items: Vec<Node<'_>>) -> Option<Vec<String>> {
    items
        .into_iter()
        .map(|item| match item {
            Node::Str(s) => Some(s.into_owned()),
            _ => None,
        })
        .collect()
}

/// A YAML value, as far as the checks on it need.
#[derive(Debug)]
enum Node<'a> {
    Null,
    /// A scalar the YAML library reads as this string.
    Str(Cow<'a, str>),
    /// A valid scalar that is not (or may not be) a string: a number, a boolean, a block scalar.
    Other,
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// Nesting deeper than this is left to the full parser (and its depth limit).
const MAX_DEPTH: usize = 16;

/// Plain keys longer than this are left to the full parser (YAML limits simple keys).
const MAX_KEY: usize = 512;

/// The top-level mapping of front-matter YAML, when it is in the subset.
fn read_yaml(yaml: &str) -> Option<Vec<(&str, Node<'_>)>> {
    if !plain_text(yaml) {
        return None;
    }
    let lines: Vec<&str> = yaml
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let mut parser = Parser { lines, pos: 0 };
    parser.skip();
    if parser.pos == parser.lines.len() {
        // Nothing but blank and comment lines: an empty front matter.
        return Some(Vec::new());
    }
    if indent(parser.lines[parser.pos]) != 0 {
        return None;
    }
    let Node::Map(entries) = parser.map(0, 0)? else {
        return None;
    };
    (parser.pos == parser.lines.len()).then_some(entries)
}

/// Whether the text holds only characters this reader handles: no tabs, no control characters,
/// no carriage return except before a line feed, none of the characters YAML treats as line
/// breaks or refuses (NEL, LS, PS, BOM, noncharacters).
fn plain_text(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    let mut ascii = true;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' | 0x20..=0x7e => {}
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            0x80.. => ascii = false,
            _ => return false,
        }
    }
    ascii
        || !yaml.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        })
}

fn indent(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// A line with nothing but spaces, or a comment line.
fn skippable(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// `- item` or a bare `-`: a block sequence entry.
fn is_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// What may follow a value on its line: spaces, then nothing or a comment.
fn is_line_end(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// The plain scalars the YAML library reads as null, and as booleans.
fn is_null_word(s: &str) -> bool {
    matches!(s, "~" | "null" | "Null" | "NULL")
}

fn is_bool_word(s: &str) -> bool {
    matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

/// Whether a plain scalar starting with `c` is read as a string whatever follows (a letter,
/// `_`, `/` or a non-ASCII character cannot start a number; null and boolean words are checked
/// apart).
fn string_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '/' || !c.is_ascii()
}

/// A number the YAML library reads as an integer or a float that converts to JSON as is:
/// `-?digits(.digits)?`, short.
fn simple_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "1"));
    s.len() <= 15
        && !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// The typed value of a plain scalar, or `None` when it is not one this reader can type.
fn plain_node(s: &str) -> Option<Node<'_>> {
    if is_null_word(s) {
        Some(Node::Null)
    } else if is_bool_word(s) || simple_number(s) {
        Some(Node::Other)
    } else if s.chars().next().is_some_and(string_start) {
        Some(Node::Str(Cow::Borrowed(s)))
    } else {
        None
    }
}

struct Parser<'a> {
    lines: Vec<&'a str>,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// Moves past blank and comment lines.
    fn skip(&mut self) {
        while self.pos < self.lines.len() && skippable(self.lines[self.pos]) {
            self.pos += 1;
        }
    }

    /// The next line that is neither blank nor a comment, with its indentation.
    fn peek(&mut self) -> Option<(usize, &'a str)> {
        self.skip();
        let line = *self.lines.get(self.pos)?;
        let n = indent(line);
        Some((n, &line[n..]))
    }

    /// A block mapping whose keys sit at column `n`.
    fn map(&mut self, n: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        while let Some((at, content)) = self.peek() {
            if at < n {
                break;
            }
            if at > n {
                return None;
            }
            let (key, rest) = split_key(content)?;
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.pos += 1;
            let value = self.value(rest, n, depth)?;
            entries.push((key, value));
        }
        Some(Node::Map(entries))
    }

    /// The value after `key:` (`rest` is what follows the colon) of a mapping at column `n`.
    fn value(&mut self, rest: &'a str, n: usize, depth: usize) -> Option<Node<'a>> {
        let v = rest.trim_start_matches(' ');
        if v.is_empty() || v.starts_with('#') {
            // A nested block, or null.
            return match self.peek() {
                Some((at, content)) if at > n => {
                    if is_entry(content) {
                        self.seq(at, depth + 1)
                    } else {
                        self.map(at, depth + 1)
                    }
                }
                Some((at, content)) if at == n && is_entry(content) => self.seq(at, depth + 1),
                _ => Some(Node::Null),
            };
        }
        if v.starts_with(['|', '>']) {
            return self.block_scalar(v, n);
        }
        inline(v)
    }

    /// A block sequence whose dashes sit at column `n`.
    fn seq(&mut self, n: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some((at, content)) = self.peek() {
            if at != n || !is_entry(content) {
                // Another key of the mapping this is the value of, or less indented: the
                // caller checks it.
                break;
            }
            self.pos += 1;
            let v = content[1..].trim_start_matches(' ');
            if v.is_empty() || v.starts_with('#') {
                if self.peek().is_some_and(|(at, _)| at > n) {
                    return None;
                }
                items.push(Node::Null);
                continue;
            }
            if is_entry(v) || v.starts_with(['|', '>']) {
                return None;
            }
            items.push(inline(v)?);
            if self.peek().is_some_and(|(at, _)| at > n) {
                return None;
            }
        }
        Some(Node::Seq(items))
    }

    /// A literal or folded block scalar (header `v`) under a key at column `n`: its text when
    /// [`block_text`] can tell it, else "some valid scalar".
    fn block_scalar(&mut self, v: &str, n: usize) -> Option<Node<'a>> {
        let style = v.as_bytes()[0];
        let header = &v[1..];
        let chomping = match header.as_bytes().first() {
            Some(b'-') => Chomping::Strip,
            Some(b'+') => Chomping::Keep,
            _ => Chomping::Clip,
        };
        let header = header.strip_prefix(['-', '+']).unwrap_or(header);
        if !is_line_end(header) {
            return None;
        }
        let start = self.pos;
        // Leading lines of spaces, then the first content line sets the indentation.
        let mut leading = 0;
        let mut first = self.pos;
        while first < self.lines.len() && self.lines[first].bytes().all(|b| b == b' ') {
            leading = leading.max(self.lines[first].len());
            first += 1;
        }
        let Some(line) = self.lines.get(first) else {
            self.pos = first;
            return Some(Node::Other);
        };
        let m = indent(line);
        if m <= n {
            // An empty scalar; the line belongs to the mapping.
            if leading > n {
                return None;
            }
            self.pos = first;
            return Some(Node::Other);
        }
        if leading > m {
            return None;
        }
        let mut pos = first;
        while pos < self.lines.len() {
            let line = self.lines[pos];
            if !line.bytes().all(|b| b == b' ') && indent(line) < m {
                break;
            }
            pos += 1;
        }
        self.pos = pos;
        if let Some(line) = self.lines.get(pos)
            && indent(line) > n
        {
            return None;
        }
        let ends_with_break = |line: usize| line + 1 < self.lines.len();
        Some(
            block_text(&self.lines[start..pos], m, style == b'>', chomping, |i| {
                ends_with_break(start + i)
            })
            .map_or(Node::Other, |text| Node::Str(Cow::Owned(text))),
        )
    }
}

/// What a block scalar's header says to do with its final line break and trailing empty lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chomping {
    /// `|`, `>`: the final line break is kept, trailing empty lines are not.
    Clip,
    /// `|-`, `>-`: neither is kept.
    Strip,
    /// `|+`, `>+`: both are kept.
    Keep,
}

/// The text of a block scalar whose lines (after its header) are `lines`, indented by `m`:
/// literal lines joined by line breaks, or folded ones joined by spaces where no empty line
/// separates them. `has_break(i)` says whether a line break follows line `i` (the last line of
/// the front matter has none).
///
/// `None` for what it leaves to the YAML parser: a scalar with no text line, a line of spaces
/// longer than the indentation (it is text, not an empty line), and in a folded scalar a line
/// more indented than the rest or ending in spaces (folding treats those apart).
fn block_text(
    lines: &[&str],
    m: usize,
    folded: bool,
    chomping: Chomping,
    has_break: impl Fn(usize) -> bool,
) -> Option<String> {
    let blank = |line: &str| line.bytes().all(|b| b == b' ');
    if lines.iter().any(|line| blank(line) && line.len() > m) {
        return None;
    }
    let last = lines.iter().rposition(|line| !blank(line))?;
    let mut text = String::new();
    let mut empty_run = 0;
    let mut seen_text = false;
    for line in &lines[..=last] {
        if blank(line) {
            empty_run += 1;
            continue;
        }
        let content = &line[m..];
        if folded && (content.starts_with(' ') || content.ends_with(' ')) {
            return None;
        }
        if folded && seen_text {
            if empty_run == 0 {
                text.push(' ');
            }
            text.extend(std::iter::repeat_n('\n', empty_run));
        } else {
            // Literal: every break kept; folded: the empty lines before the first text line.
            let breaks = empty_run + usize::from(seen_text);
            text.extend(std::iter::repeat_n('\n', breaks));
        }
        text.push_str(content);
        empty_run = 0;
        seen_text = true;
    }
    match chomping {
        Chomping::Strip => {}
        Chomping::Clip => {
            if has_break(last) {
                text.push('\n');
            }
        }
        Chomping::Keep => {
            let breaks = (last..lines.len()).filter(|&i| has_break(i)).count();
            text.extend(std::iter::repeat_n('\n', breaks));
        }
    }
    Some(text)
}

/// Splits a block mapping line into its plain key and what follows the `:`.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let colon = (0..bytes.len())
        .find(|&i| bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ')))?;
    let key = &content[..colon];
    let ok = key.len() <= MAX_KEY
        && key
            .chars()
            .next()
            .is_some_and(|c| string_start(c) && c != '/')
        && !key.ends_with(' ')
        && !key.contains('#')
        && !is_null_word(key)
        && !is_bool_word(key);
    ok.then(|| (key, &content[colon + 1..]))
}

/// A value written on one line: a quoted scalar, a flow sequence of scalars, or a plain scalar.
fn inline(v: &str) -> Option<Node<'_>> {
    match v.as_bytes()[0] {
        b'"' | b'\'' => {
            let (s, rest) = quoted(v)?;
            is_line_end(rest).then_some(Node::Str(s))
        }
        b'[' => {
            let (items, rest) = flow_seq(v)?;
            is_line_end(rest).then_some(Node::Seq(items))
        }
        _ => {
            // A plain scalar ends at ` #`; `: ` or a final `:` would make it a key.
            let b = v.as_bytes();
            let end = (1..b.len())
                .find(|&i| b[i] == b'#' && b[i - 1] == b' ')
                .map_or(v.len(), |i| i - 1);
            let s = v[..end].trim_end_matches(' ');
            let b = s.as_bytes();
            if (0..b.len()).any(|i| b[i] == b':' && matches!(b.get(i + 1), None | Some(b' '))) {
                return None;
            }
            plain_node(s)
        }
    }
}

/// A single- or double-quoted scalar at the start of `v`, closed on the same line, and what
/// follows it. Double-quoted escapes other than `\\`, `\"`, `\/`, `\n` and `\t` are left to the
/// full parser.
fn quoted(v: &str) -> Option<(Cow<'_, str>, &str)> {
    let quote = v.as_bytes()[0];
    let inner = &v[1..];
    let bytes = inner.as_bytes();
    let mut owned: Option<String> = None;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&inner[start..=i]);
                i += 2;
                start = i;
                continue;
            }
            let text = match owned {
                Some(mut s) => {
                    s.push_str(&inner[start..i]);
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(&inner[..i]),
            };
            return Some((text, &inner[i + 1..]));
        }
        if quote == b'"' && b == b'\\' {
            let escaped = match bytes.get(i + 1)? {
                b'\\' => '\\',
                b'"' => '"',
                b'/' => '/',
                b'n' => '\n',
                b't' => '\t',
                _ => return None,
            };
            let s = owned.get_or_insert_with(String::new);
            s.push_str(&inner[start..i]);
            s.push(escaped);
            i += 2;
            start = i;
            continue;
        }
        i += 1;
    }
    None
}

/// A flow sequence of scalars at the start of `v`, closed on the same line, and what follows.
fn flow_seq(v: &str) -> Option<(Vec<Node<'_>>, &str)> {
    let mut rest = v[1..].trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return Some((items, after));
    }
    loop {
        let first = *rest.as_bytes().first()?;
        let after_item = if first == b'"' || first == b'\'' {
            let (s, after) = quoted(rest)?;
            items.push(Node::Str(s));
            after.trim_start_matches(' ')
        } else {
            let end = rest.find([',', ']'])?;
            let s = rest[..end].trim_end_matches(' ');
            if s.is_empty() || s.contains([':', '#', '[', ']', '{', '}', '"', '\'']) {
                return None;
            }
            items.push(plain_node(s)?);
            &rest[end..]
        };
        if let Some(after) = after_item.strip_prefix(']') {
            return Some((items, after));
        }
        rest = after_item.strip_prefix(',')?.trim_start_matches(' ');
        if rest.starts_with(']') {
            // A trailing comma.
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::PromptDocument;
    use proptest::prelude::*;

    /// What the full parser gives for the fields search reads, or its error.
    fn full(text: &str) -> Result<SearchFields<'_>, String> {
        match PromptDocument::parse(text) {
            Ok(doc) => {
                let fm = doc.front_matter;
                // The body is a slice of the text in both readers; find it by length.
                let body = &text[text.len() - doc.body.len()..];
                assert_eq!(body, doc.body);
                Ok(SearchFields {
                    description: fm.description,
                    tags: fm.tags,
                    category: fm.category,
                    status: fm.status,
                    owners: fm.owners,
                    body,
                    has_front_matter: doc.has_front_matter,
                })
            }
            Err(e) => Err(format!("{}:{}: {}", e.line, e.column, e.message)),
        }
    }

    /// The quick reader agrees with the full parser whenever it answers; returns whether it did.
    fn agrees(text: &str) -> bool {
        let quick = search_fields(text);
        if let Some(quick) = &quick {
            assert_eq!(Ok(quick.clone()), full(text), "{text:?}");
        }
        quick.is_some()
    }

    #[test]
    fn reads_the_generated_library_shape() {
        let text = "---\ndescription: refund policy summary for the customer\nmodel: openai/gpt-4o-mini\nconfig:\n  temperature: 0.2\n  maxOutputTokens: 512\ntags: [billing, refund, summary]\ncategory: chat\nstatus: active\nowners: [support-team]\nlinks: [support/chat/b000/p000001]\ninput:\n  schema:\n    customer: string, who is asking\n    details?: string\n    items(array): string\n  default:\n    customer: Ada\n    items: [one, two]\n---\n{{role \"system\"}}\nHello {{customer}}\n";
        assert!(agrees(text));
        let fields = search_fields(text).unwrap();
        assert_eq!(fields.tags, ["billing", "refund", "summary"]);
        assert_eq!(fields.owners, ["support-team"]);
        assert_eq!(fields.status.as_deref(), Some("active"));
        assert!(fields.body.starts_with("{{role"));
    }

    #[test]
    fn answers_for_the_common_shapes() {
        for text in [
            "no front matter at all\n",
            "---\n---\nbody",
            "---\n# only a comment\n---\nbody",
            "---\ndescription: \"quoted: with a colon\"\ntags:\n  - a\n  - 'b''s'\n---\nx",
            "---\ntags:\n- a\n- b\nstatus: draft # a comment\n---\nx",
            "---\ndescription: see http://example.com/a#b\nowners: one\n---\nx",
            "---\ndescription:\ncategory: ~\ntags: []\n---\nx",
            "---\r\ndescription: crlf\r\ntags: [a, b]\r\n---\r\nbody\r\n",
            "\u{feff}---\ndescription: bom\n---\nx",
            "# header\n\n---\ndescription: after a comment\nnotes: |\n  line one\n\n  line two\nstatus: active\n---\nx",
            "---\nnotes: >-\n  folded\n---\nx",
        ] {
            assert!(search_fields(text).is_some(), "{text:?}");
            assert!(agrees(text), "{text:?}");
        }
    }

    /// A description written as a block scalar is read without the YAML parser, with the text
    /// the parser gives: literal or folded, every chomping, empty lines inside and after.
    #[test]
    fn block_scalar_descriptions_are_read_as_the_parser_reads_them() {
        for (text, description) in [
            (
                "---\ndescription: |\n  one\n  two\nstatus: draft\n---\nx",
                "one\ntwo\n",
            ),
            (
                "---\ndescription: |-\n  one\n\n  two\n\nstatus: draft\n---\nx",
                "one\n\ntwo",
            ),
            (
                "---\ndescription: |+\n  one\n\n\nstatus: draft\n---\nx",
                "one\n\n\n",
            ),
            (
                "---\ndescription: >\n  one\n  two\n\n  three\n---\nx",
                "one two\nthree",
            ),
            (
                "---\ndescription: >\n\n  one\n  two\ntags: [a]\n---\nx",
                "\none two\n",
            ),
            (
                "---\ndescription: >-\n    deeper\n    still\n---\nx",
                "deeper still",
            ),
        ] {
            let quick = search_fields(text).unwrap_or_else(|| panic!("refused: {text:?}"));
            assert!(agrees(text), "{text:?}");
            assert_eq!(quick.description.as_deref(), Some(description), "{text:?}");
        }
        // Left to the parser: a more-indented line or trailing spaces in a folded scalar, and a
        // line of spaces longer than the indentation.
        for text in [
            "---\ndescription: >\n  one\n    more\n---\nx",
            "---\ndescription: >\n  one \n  two\n---\nx",
            "---\ndescription: |\n  one\n     \n  two\n---\nx",
        ] {
            assert!(search_fields(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn leaves_what_it_cannot_prove_to_the_full_parser() {
        for text in [
            "---\ndescription: [never closed\n---\nbody\n",
            "---\ndescription: a\ndescription: b\n---\nx",
            "---\ndescription: 42\n---\nx",
            "---\ntags: [a, 1]\n---\nx",
            "---\ntags: [a, true]\n---\nx",
            "---\nstatus:\tactive\n---\nx",
            "---\ndescription: \"unterminated\n---\nx",
            "---\ndescription: x\n",
            "---\ndescription: &a x\nname: *a\n---\nx",
            "---\ndescription: one\n  two\n---\nx",
            "---\nconfig: 3\n---\nx",
            "---\ninput:\n  default: 3\n---\nx",
            "---\nversion: 2\n---\nx",
            "---\ndescription: a: b\n---\nx",
            "---\n<<<<<<< HEAD\ndescription: a\n=======\ndescription: b\n>>>>>>> other\n---\nx",
            "---\ndescription: \"\\u00e9\"\n---\nx",
            "---\n  description: indented\n---\nx",
        ] {
            assert!(search_fields(text).is_none(), "{text:?}");
            agrees(text);
        }
    }

    const KEYS: [&str; 17] = [
        "description",
        "tags",
        "category",
        "status",
        "owners",
        "name",
        "version",
        "model",
        "config",
        "input",
        "output",
        "tools",
        "links",
        "notes",
        "extends",
        "default",
        "true",
    ];

    /// Values that are hard to read right: each follows `key:`.
    const TRICKY: [&str; 52] = [
        "",
        " ",
        " ~",
        " null",
        " Null",
        " true",
        " FALSE",
        " 42",
        " -7",
        " 0.5",
        " 0x1F",
        " 1e3",
        " .inf",
        " 007",
        " http://example.com/a#b",
        " a # comment",
        " a#b",
        " a: b",
        " a:",
        "\n  temperature: 0.2\n  maxOutputTokens: 512",
        "\n  schema:\n    a: string, who\n    b?: string\n  default:\n    a: x\n    b: [one, two]",
        "\n  default: 3",
        "\n  format: json",
        "\n  format: 3",
        " |\n  text\n\n  # not a comment\n  more",
        " >-\n  folded\n   more",
        " |\n",
        " |2\n   x",
        "\n- a\n- b",
        "\n  - a\n  -\n  - 'b'",
        "\n    - a\n  - b",
        "\n  - a\n    b",
        "\n  - a: 1",
        "\n  - - a",
        " [a, 1]",
        " [a,]",
        " [a, b",
        " [a, [b]]",
        " [\"a, b\", 'c''d']",
        " \"a\\nb\\\"c\"",
        " \"a\\x41\"",
        " \"unterminated",
        " \"two\n  lines\"",
        " a\n  continued",
        "\tx",
        " x\t",
        " &x a",
        " *x",
        " !tag a",
        " {a: 1}",
        " \"a\"b",
        " - a",
    ];

    /// A scalar-ish fragment with the characters YAML treats specially.
    const ATOM: &str = "[a-zA-Z0-9 :#'\"\\\\\\[\\]{},~&*!|>%@`/._\\-]{0,10}";

    /// Mostly plain words, with some of the characters that end or start things.
    const WORDS: &str = "[a-z][a-z0-9 ./:#'-]{0,12}";

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => WORDS.prop_map(|s| format!(" {s}")),
            3 => WORDS.prop_map(|s| format!(" \"{s}\"")),
            3 => proptest::collection::vec(WORDS, 0..4)
                .prop_map(|v| format!(" [{}]", v.join(", "))),
            3 => proptest::collection::vec(WORDS, 1..4)
                .prop_map(|v| v.iter().map(|s| format!("\n- {s}")).collect::<Vec<_>>().concat()),
            1 => ATOM.prop_map(|s| format!(" {s}")),
            1 => ATOM.prop_map(|s| format!(" \"{s}\"")),
            1 => ATOM.prop_map(|s| format!(" '{s}'")),
            1 => proptest::collection::vec(ATOM, 0..4).prop_map(|v| format!(" [{}]", v.join(", "))),
            1 => proptest::collection::vec(ATOM, 1..4)
                .prop_map(|v| v.iter().map(|s| format!("\n  - {s}")).collect::<Vec<_>>().concat()),
            1 => proptest::sample::select(&TRICKY[..]).prop_map(str::to_owned),
            3 => block_scalar(),
        ]
    }

    /// A literal or folded block scalar with any chomping: text lines, empty lines, lines of
    /// spaces, more-indented lines and trailing spaces.
    fn block_scalar() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            4 => WORDS.prop_map(|s| format!("  {s}")),
            1 => Just(String::new()),
            1 => "[ ]{1,4}".prop_map(|s| s),
            1 => WORDS.prop_map(|s| format!("    {s}")),
            1 => WORDS.prop_map(|s| format!("  {s} ")),
            1 => ATOM.prop_map(|s| format!("  {s}")),
        ];
        (
            proptest::sample::select(&["|", ">", "|-", ">-", "|+", ">+", "| # note", ">2"][..]),
            proptest::collection::vec(line, 0..6),
        )
            .prop_map(|(header, lines)| {
                let mut out = format!(" {header}");
                for line in lines {
                    out.push('\n');
                    out.push_str(&line);
                }
                out
            })
    }

    /// A whole file: front matter from `entries`, with file-level twists.
    fn file(entries: &[(usize, String)], twist: usize, body: &str) -> String {
        let yaml: String = entries
            .iter()
            .map(|(k, v)| format!("{}:{v}\n", KEYS[*k % KEYS.len()]))
            .collect::<Vec<_>>()
            .concat();
        let mut text = match twist % 8 {
            // No closing fence.
            1 => format!("---\n{yaml}{body}"),
            // A comment and a blank line before the opening fence.
            2 => format!("# header\n\n---\n{yaml}---\n{body}"),
            // A `---` line inside the YAML closes it early.
            3 => format!("---\n{yaml}---\nstatus: active\n---\n{body}"),
            // Indented front matter.
            4 => format!("---\n  {yaml}---\n{body}"),
            _ => format!("---\n{yaml}---\n{body}"),
        };
        if twist & 8 != 0 {
            text = text.replace('\n', "\r\n");
        }
        if twist & 16 != 0 {
            text.insert(0, '\u{feff}');
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn the_quick_reader_agrees_with_the_full_parse_whenever_it_answers(
            entries in proptest::collection::vec((0usize..KEYS.len(), value()), 0..7),
            twist in 0usize..32,
            body in proptest::sample::select(&["Hello {{x}}\n", "", "\n\n  body  \n", "a\n---\nb", "<<<<<<< ours\n=======\n>>>>>>> theirs\n"][..]),
        ) {
            agrees(&file(&entries, twist, body));
        }

        #[test]
        fn the_quick_reader_answers_for_plain_shapes(
            description in "[a-z]{1,8}( [a-z]{1,8}){0,6}",
            tags in proptest::collection::vec("[a-z][a-z0-9-]{0,8}", 0..5),
            block in any::<bool>(),
            status in proptest::sample::select(&["draft", "active", "deprecated"][..]),
            twist in proptest::sample::select(&[0usize, 2, 8, 16][..]),
        ) {
            let tags = if block {
                tags.iter()
                    .map(|t| format!("\n  - {t}"))
                    .collect::<Vec<_>>()
                    .concat()
            } else {
                format!(" [{}]", tags.join(", "))
            };
            let entries = [
                (0, format!(" {description}")),
                (1, tags),
                (3, format!(" {status}")),
                (4, " [team-a, 'team b']".to_owned()),
                (8, TRICKY[19].to_owned()),
                (9, TRICKY[20].to_owned()),
            ];
            let text = file(&entries, twist, "Hi {{x}}\n");
            prop_assert!(agrees(&text), "{text:?}");
        }
    }

    /// The generated files exercise both readers: the quick reader answers for many of them, the
    /// full parse rejects many, and some it accepts are left to it.
    #[test]
    fn the_generated_files_cover_answers_refusals_and_errors() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let strategy = (
            proptest::collection::vec((0usize..KEYS.len(), value()), 0..7),
            0usize..32,
        );
        let mut runner = TestRunner::deterministic();
        let (mut answered, mut errors, mut left) = (0, 0, 0);
        for _ in 0..2000 {
            let (entries, twist) = strategy.new_tree(&mut runner).unwrap().current();
            let text = file(&entries, twist, "body\n");
            if agrees(&text) {
                answered += 1;
            } else if full(&text).is_err() {
                errors += 1;
            } else {
                left += 1;
            }
        }
        assert!(
            answered >= 300 && errors >= 300 && left >= 50,
            "answered {answered}, errors {errors}, valid but left {left}"
        );
    }

    #[test]
    fn every_example_prompt_reads_the_same_both_ways() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example");
        let mut files = 0;
        let mut answered = 0;
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "prompt") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files += 1;
                    if agrees(&text) {
                        answered += 1;
                    }
                }
            }
        }
        assert!(files >= 30, "{files}");
        assert!(answered * 2 >= files, "answered {answered} of {files}");
    }
}
