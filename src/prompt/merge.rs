//! Three-way merge of prompt files, for the git merge driver.
//!
//! A line merge of a prompt file conflicts whenever both sides touch nearby lines, even when one
//! changed `temperature` and the other added a tag. Here the front matter merges key by key
//! (recursively into mappings): edits to different keys merge cleanly, the same key changed the
//! same way on both sides merges, and the same key changed differently is a conflict, shown with
//! git's markers around that key only. A list of plain values (`tags`, `stop`) that both sides
//! changed only by adding and removing items merges as a set: our order, without the items they
//! removed, then the items they added. The body merges three-way by lines, with conflict markers
//! only around overlapping hunks. When any side cannot be parsed, the whole file falls back to a
//! plain three-way line merge. Pure: texts in, text and conflicts out.
//!
//! The merged front matter keeps the author's layout: a key whose value one side wrote is copied
//! as that side wrote it, comments included, conflict blocks hold each side's own lines, and a
//! value neither side wrote (a set-merged list, a mapping merged from both) is written in the
//! style the sides used, so a flow list `[a, b]` stays a flow list and a block list stays a block
//! list with its indentation.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{Map, Value};
use similar::TextMerge;

use crate::prompt::PromptDocument;
use crate::prompt::key_lines::{KeyLine, KeyLines};
use crate::yaml;

/// Labels written after the conflict markers.
#[derive(Debug, Clone)]
pub struct MergeLabels {
    /// After `<<<<<<<`.
    pub ours: String,
    /// After `>>>>>>>`.
    pub theirs: String,
    /// The marker length (git's `%L`, default 7).
    pub marker_size: usize,
}

impl Default for MergeLabels {
    fn default() -> Self {
        MergeLabels {
            ours: "ours".to_owned(),
            theirs: "theirs".to_owned(),
            marker_size: 7,
        }
    }
}

/// A part of the file that could not be merged automatically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Both sides changed this front-matter key differently (dotted path).
    Field(String),
    /// Overlapping body edits (the number of conflicting hunks).
    Body(usize),
    /// A side could not be parsed, and the line merge of the whole file conflicted.
    Text(usize),
}

/// The merged file and what could not be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The merged text, with conflict markers where there are conflicts.
    pub text: String,
    /// Empty when the merge is clean.
    pub conflicts: Vec<Conflict>,
}

impl MergeOutcome {
    /// Whether the merge needs a person.
    pub fn is_conflicted(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge_prompt(base: &str, ours: &str, theirs: &str, labels: &MergeLabels) -> MergeOutcome {
    let parsed = (
        PromptDocument::parse(base),
        PromptDocument::parse(ours),
        PromptDocument::parse(theirs),
    );
    let (Ok(b), Ok(o), Ok(t)) = parsed else {
        return text_merge(base, ours, theirs, labels);
    };
    if !o.has_front_matter && !t.has_front_matter {
        return text_merge(base, ours, theirs, labels);
    }
    let mut conflicts = Vec::new();
    let front = merge_front_matter(&b, &o, &t, labels, &mut conflicts);
    let body =
        TextMerge::configure().merge_lines(b.body.as_str(), o.body.as_str(), t.body.as_str());
    let mut body = body;
    body.labels("base", &labels.ours, &labels.theirs)
        .conflict_marker_size(labels.marker_size);
    if body.is_conflicted() {
        conflicts.push(Conflict::Body(body.conflict_count()));
    }
    let mut text = leading_lines(ours, &o);
    text.push_str("---\n");
    text.push_str(&front);
    if !front.is_empty() && !front.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("---\n");
    text.push_str(&body.to_string());
    MergeOutcome { text, conflicts }
}

/// The comment lines before the opening `---` of a file with front matter.
fn leading_lines(text: &str, doc: &PromptDocument) -> String {
    if !doc.has_front_matter {
        return String::new();
    }
    let before = doc.front_matter_line.saturating_sub(2);
    text.split_inclusive('\n').take(before).collect()
}

fn text_merge(base: &str, ours: &str, theirs: &str, labels: &MergeLabels) -> MergeOutcome {
    let mut merge = TextMerge::from_lines(base, ours, theirs);
    merge
        .labels("base", &labels.ours, &labels.theirs)
        .conflict_marker_size(labels.marker_size);
    let conflicts = if merge.is_conflicted() {
        vec![Conflict::Text(merge.conflict_count())]
    } else {
        Vec::new()
    };
    MergeOutcome {
        text: merge.to_string(),
        conflicts,
    }
}

fn merge_front_matter(
    b: &PromptDocument,
    o: &PromptDocument,
    t: &PromptDocument,
    labels: &MergeLabels,
    conflicts: &mut Vec<Conflict>,
) -> String {
    let (bt, ot, tt) = (
        &b.front_matter_text,
        &o.front_matter_text,
        &t.front_matter_text,
    );
    if ot == tt || tt == bt {
        return ot.clone();
    }
    if ot == bt {
        return tt.clone();
    }
    let mut paths = Vec::new();
    let merged = merge_maps(
        &b.raw_front_matter,
        &o.raw_front_matter,
        &t.raw_front_matter,
        "",
        &mut paths,
    );
    if paths.is_empty() {
        // Prefer the line merge when it agrees with the key merge: it keeps comments and layout.
        let lines = TextMerge::from_lines(bt.as_str(), ot.as_str(), tt.as_str());
        if !lines.is_conflicted() {
            let text = lines.to_string();
            let reparsed: Option<Map<String, Value>> = yaml::from_str(&text).ok();
            if reparsed.as_ref() == Some(&merged) {
                return text;
            }
        }
    }
    let conflicted_keys: Vec<&str> = paths
        .iter()
        .map(|p| p.split('.').next().unwrap_or(p))
        .collect();
    let marker = |c: char| c.to_string().repeat(labels.marker_size);
    let mut text = String::new();
    let keys: Vec<&String> = ordered_keys(&o.raw_front_matter, &t.raw_front_matter);
    let (ours_blocks, theirs_blocks) = (top_level_blocks(ot), top_level_blocks(tt));
    for key in keys {
        let (ours_block, theirs_block) =
            (block_of(&ours_blocks, key), block_of(&theirs_blocks, key));
        if conflicted_keys.contains(&key.as_str()) {
            // Each side as its author wrote it. Our comments above the key stay above the
            // markers; theirs go inside their side when they differ.
            let ours_comments = ours_block.map_or("", |(comments, _)| comments);
            let side = |doc: &PromptDocument, block: Option<(&str, &str)>| match block {
                Some((comments, lines)) if comments != ours_comments => {
                    format!("{comments}{lines}")
                }
                Some((_, lines)) => lines.to_owned(),
                None => doc
                    .raw_front_matter
                    .get(key)
                    .map(|v| single(key, v))
                    .unwrap_or_default(),
            };
            text.push_str(ours_comments);
            let _ = writeln!(text, "{} {}", marker('<'), labels.ours);
            text.push_str(&side(o, ours_block));
            let _ = writeln!(text, "{}", marker('='));
            text.push_str(&side(t, theirs_block));
            let _ = writeln!(text, "{} {}", marker('>'), labels.theirs);
        } else if let Some(value) = merged.get(key) {
            // Keep a side's own lines (comments, flow style) when its value won.
            let won = [(ours_block, o), (theirs_block, t)]
                .into_iter()
                .find(|(_, doc)| doc.raw_front_matter.get(key) == Some(value))
                .and_then(|(block, _)| block)
                .map(|(comments, lines)| format!("{comments}{lines}"));
            let written = won.unwrap_or_else(|| {
                let templates: Vec<&str> = [ours_block, theirs_block]
                    .into_iter()
                    .flatten()
                    .map(|(_, lines)| lines)
                    .collect();
                let comments = ours_block.or(theirs_block).map_or("", |(c, _)| c);
                let lines = in_style(key, value, &templates).unwrap_or_else(|| single(key, value));
                format!("{comments}{lines}")
            });
            text.push_str(&written);
        }
    }
    conflicts.extend(paths.into_iter().map(Conflict::Field));
    text
}

/// The text of each top-level key of block-style YAML, with the comment lines above it.
fn top_level_blocks(yaml_text: &str) -> Vec<(String, String)> {
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut pending = String::new();
    for line in yaml_text.split_inclusive('\n') {
        let starts_key = !line.starts_with([' ', '\t', '#', '-', '\n', '\r']) && line.contains(':');
        if starts_key {
            let key = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            blocks.push((key.to_owned(), std::mem::take(&mut pending)));
        }
        if starts_key || blocks.is_empty() || line.starts_with('#') {
            if starts_key {
                if let Some(last) = blocks.last_mut() {
                    last.1.push_str(line);
                }
            } else {
                pending.push_str(line);
            }
        } else if let Some(last) = blocks.last_mut() {
            last.1.push_str(line);
        }
    }
    for block in &mut blocks {
        if !block.1.ends_with('\n') {
            block.1.push('\n');
        }
    }
    blocks
}

/// The block of `key` among `blocks`, split as [`split_comments`] does.
fn block_of<'a>(blocks: &'a [(String, String)], key: &str) -> Option<(&'a str, &'a str)> {
    blocks
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, b)| split_comments(b))
}

/// A top-level block split into its leading comment (and blank) lines and the key's own lines.
fn split_comments(block: &str) -> (&str, &str) {
    let mut at = 0;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim();
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            break;
        }
        at += line.len();
    }
    block.split_at(at)
}

/// How an author wrote a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    /// `key: [a, b]`.
    Flow,
    /// `key:` then one `- item` per line, the dash this many spaces past the key.
    Block { dash_offset: usize },
}

/// The layout of the sides' lines for one top-level key: each list's style by dotted path, and
/// the indentation step of nested mappings.
struct Layout {
    lists: HashMap<String, ListStyle>,
    step: usize,
}

impl Layout {
    /// Reads the layout of `templates`, the first one winning where they disagree.
    fn read(templates: &[&str]) -> Layout {
        let mut layout = Layout {
            lists: HashMap::new(),
            step: 0,
        };
        for template in templates {
            let lines: Vec<&str> = template.lines().collect();
            let mut keys = KeyLines::default();
            for (index, line) in lines.iter().enumerate() {
                let KeyLine::Key {
                    parents,
                    key,
                    indent,
                    value,
                } = keys.read(line)
                else {
                    continue;
                };
                let path = parents
                    .iter()
                    .chain(std::iter::once(&key))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(".");
                let next = lines[index + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
                let style = if value.starts_with('[') {
                    Some(ListStyle::Flow)
                } else if value.is_empty() {
                    next.and_then(|next| {
                        let content = next.trim_start_matches(' ');
                        let next_indent = next.len() - content.len();
                        if content.starts_with("- ") || content.trim_end() == "-" {
                            return Some(ListStyle::Block {
                                dash_offset: next_indent.saturating_sub(indent),
                            });
                        }
                        if layout.step == 0 && next_indent > indent {
                            layout.step = next_indent - indent;
                        }
                        None
                    })
                } else {
                    None
                };
                if let Some(style) = style {
                    layout.lists.entry(path).or_insert(style);
                }
            }
        }
        if layout.step == 0 {
            layout.step = 2;
        }
        layout
    }
}

/// `key: value` written in the layout the sides used for that key (`templates`: their lines), or
/// `None` when some part of the value has no layout to follow or does not read back as the value.
fn in_style(key: &str, value: &Value, templates: &[&str]) -> Option<String> {
    let layout = Layout::read(templates);
    let mut text = String::new();
    write_in_style(&mut text, key, key, value, 0, &layout)?;
    let expected = Map::from_iter([(key.to_owned(), value.clone())]);
    let reread: Map<String, Value> = yaml::from_str(&text).ok()?;
    (reread == expected).then_some(text)
}

fn write_in_style(
    out: &mut String,
    path: &str,
    key: &str,
    value: &Value,
    indent: usize,
    layout: &Layout,
) -> Option<()> {
    let pad = " ".repeat(indent);
    let key_text = scalar_text(&Value::String(key.to_owned()))?;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let _ = writeln!(out, "{pad}{key_text}:");
            for (child, child_value) in map {
                write_in_style(
                    out,
                    &format!("{path}.{child}"),
                    child,
                    child_value,
                    indent + layout.step,
                    layout,
                )?;
            }
        }
        Value::Array(items) if !items.is_empty() => {
            if !items.iter().all(is_plain) {
                return None;
            }
            match layout.lists.get(path)? {
                ListStyle::Flow => {
                    let items: Option<Vec<String>> = items.iter().map(flow_scalar_text).collect();
                    let _ = writeln!(out, "{pad}{key_text}: [{}]", items?.join(", "));
                }
                ListStyle::Block { dash_offset } => {
                    let _ = writeln!(out, "{pad}{key_text}:");
                    let dash = " ".repeat(indent + dash_offset);
                    for item in items {
                        let _ = writeln!(out, "{dash}- {}", scalar_text(item)?);
                    }
                }
            }
        }
        Value::Array(_) => {
            let _ = writeln!(out, "{pad}{key_text}: []");
        }
        Value::Object(_) => {
            let _ = writeln!(out, "{pad}{key_text}: {{}}");
        }
        scalar => {
            let _ = writeln!(out, "{pad}{key_text}: {}", scalar_text(scalar)?);
        }
    }
    Some(())
}

/// A plain value: not a list or a mapping.
fn is_plain(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A plain value as YAML writes it on one line, or `None` when it needs more than one.
fn scalar_text(value: &Value) -> Option<String> {
    let text = yaml::to_string(value).ok()?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    (!text.contains('\n')).then(|| text.to_owned())
}

/// A plain value inside `[...]`, where `,`, brackets and braces end a plain scalar: those that
/// contain one are written double-quoted (JSON strings are valid YAML).
fn flow_scalar_text(value: &Value) -> Option<String> {
    let text = scalar_text(value)?;
    let quoted = text.starts_with(['\'', '"']);
    if !quoted && text.contains([',', '[', ']', '{', '}', '#']) {
        return serde_json::to_string(value).ok();
    }
    Some(text)
}

/// Keys of `ours` in order, then keys only `theirs` has.
fn ordered_keys<'a>(
    ours: &'a Map<String, Value>,
    theirs: &'a Map<String, Value>,
) -> Vec<&'a String> {
    let mut keys: Vec<&String> = ours.keys().collect();
    keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
    keys
}

fn single(key: &str, value: &Value) -> String {
    let mut map = Map::new();
    map.insert(key.to_owned(), value.clone());
    to_yaml(&map)
}

fn to_yaml(map: &Map<String, Value>) -> String {
    if map.is_empty() {
        return String::new();
    }
    yaml::to_string(map).unwrap_or_default()
}

fn merge_maps(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    prefix: &str,
    conflicts: &mut Vec<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for key in ordered_keys(ours, theirs) {
        let path = format!("{prefix}{key}");
        if let Some(value) = merge_value(
            base.get(key),
            ours.get(key),
            theirs.get(key),
            &path,
            conflicts,
        ) {
            out.insert(key.clone(), value);
        }
    }
    out
}

fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if let Some(merged) = merge_as_sets(base, ours, theirs) {
        return Some(merged);
    }
    if let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs) {
        let empty = Map::new();
        let b = match base {
            Some(Value::Object(b)) => b,
            _ => &empty,
        };
        return Some(Value::Object(merge_maps(
            b,
            o,
            t,
            &format!("{path}."),
            conflicts,
        )));
    }
    conflicts.push(path.to_owned());
    ours.cloned()
}

/// Two lists of plain values that each side changed only by adding and removing items (no
/// reordering, no duplicates), merged as sets: ours in its order without the items theirs
/// removed, then the items only theirs added. `None` when that does not apply, and the key is a
/// conflict as before. A key both sides added counts as added to an empty list.
fn merge_as_sets(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Value> {
    let (Some(Value::Array(ours)), Some(Value::Array(theirs))) = (ours, theirs) else {
        return None;
    };
    let base: &[Value] = match base {
        Some(Value::Array(base)) => base,
        None => &[],
        Some(_) => return None,
    };
    let (b, o, t) = (as_set(base)?, as_set(ours)?, as_set(theirs)?);
    if !kept_in_order(base, &b, ours, &o) || !kept_in_order(base, &b, theirs, &t) {
        return None;
    }
    let mut merged: Vec<Value> = ours
        .iter()
        .filter(|item| {
            // Drop what they removed: in the base, gone from theirs.
            let key = item.to_string();
            !b.contains(&key) || t.contains(&key)
        })
        .cloned()
        .collect();
    merged.extend(
        theirs
            .iter()
            .filter(|item| {
                let key = item.to_string();
                !b.contains(&key) && !o.contains(&key)
            })
            .cloned(),
    );
    Some(Value::Array(merged))
}

/// The items of a list of plain values, or `None` when it holds a list, a mapping or a duplicate.
fn as_set(list: &[Value]) -> Option<HashSet<String>> {
    let mut set = HashSet::with_capacity(list.len());
    for item in list {
        if !is_plain(item) || !set.insert(item.to_string()) {
            return None;
        }
    }
    Some(set)
}

/// Whether the base items a side kept are still in the base's order.
fn kept_in_order(
    base: &[Value],
    base_set: &HashSet<String>,
    side: &[Value],
    side_set: &HashSet<String>,
) -> bool {
    let kept_base = base.iter().filter(|v| side_set.contains(&v.to_string()));
    let kept_side = side.iter().filter(|v| base_set.contains(&v.to_string()));
    kept_base.eq(kept_side)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "---\nconfig:\n  temperature: 0.2\nmodel: openai/gpt-4o\ntags: [a]\n---\nLine one.\nLine two.\nLine three.\n";

    fn merge(ours: &str, theirs: &str) -> MergeOutcome {
        merge_prompt(BASE, ours, theirs, &MergeLabels::default())
    }

    #[test]
    fn different_keys_merge_cleanly() {
        let ours = BASE.replace("temperature: 0.2", "temperature: 0.5");
        let theirs = BASE.replace("tags: [a]", "tags: [a, b]");
        let out = merge(&ours, &theirs);
        assert!(!out.is_conflicted(), "{}", out.text);
        let doc = PromptDocument::parse(&out.text).unwrap();
        assert_eq!(doc.raw_front_matter["config"]["temperature"], 0.5);
        assert_eq!(doc.raw_front_matter["tags"], serde_json::json!(["a", "b"]));
        assert!(
            out.text.contains("tags: [a, b]"),
            "layout kept: {}",
            out.text
        );
    }

    #[test]
    fn adjacent_key_edits_that_conflict_as_lines_merge_by_key() {
        let base = "---\na: 1\nb: 2\n---\nx\n";
        let ours = "---\na: 10\nb: 2\n---\nx\n";
        let theirs = "---\na: 1\nb: 20\n---\nx\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        let doc = PromptDocument::parse(&out.text).unwrap();
        assert_eq!(
            (
                doc.raw_front_matter["a"].clone(),
                doc.raw_front_matter["b"].clone()
            ),
            (10.into(), 20.into())
        );
    }

    #[test]
    fn same_key_changed_differently_is_a_conflict_around_that_key() {
        let ours = BASE.replace("temperature: 0.2", "temperature: 0.5");
        let theirs = BASE
            .replace("temperature: 0.2", "temperature: 0.9")
            .replace("tags: [a]", "tags: [a, c]");
        let out = merge(&ours, &theirs);
        assert_eq!(
            out.conflicts,
            [Conflict::Field("config.temperature".into())]
        );
        assert!(out.text.contains("<<<<<<< ours\nconfig:\n  temperature: 0.5\n=======\nconfig:\n  temperature: 0.9\n>>>>>>> theirs\n"), "{}", out.text);
        assert!(
            out.text.contains("tags: [a, c]\n"),
            "the clean key keeps its lines: {}",
            out.text
        );
    }

    #[test]
    fn top_level_blocks_keep_nested_lines_and_comments() {
        let blocks = top_level_blocks("a: 1\n# about b\nb:\n  c: 2\n  d: [x]\ne: [1, 2]");
        let keys: Vec<&str> = blocks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "e"]);
        assert_eq!(blocks[1].1, "# about b\nb:\n  c: 2\n  d: [x]\n");
        assert_eq!(blocks[2].1, "e: [1, 2]\n");
    }

    #[test]
    fn same_change_on_both_sides_is_clean() {
        let both = BASE.replace("temperature: 0.2", "temperature: 0.5");
        let out = merge(&both, &both);
        assert!(!out.is_conflicted());
        assert_eq!(out.text, both);
    }

    #[test]
    fn body_edits_to_different_lines_merge() {
        let ours = BASE.replace("Line one.", "Line ONE.");
        let theirs = BASE.replace("Line three.", "Line THREE.");
        let out = merge(&ours, &theirs);
        assert!(!out.is_conflicted(), "{}", out.text);
        assert!(
            out.text.ends_with("Line ONE.\nLine two.\nLine THREE.\n"),
            "{}",
            out.text
        );
        assert!(out.text.starts_with("---\nconfig:\n"));
    }

    #[test]
    fn overlapping_body_edits_conflict_only_there() {
        let ours = BASE.replace("Line two.", "Line 2 (ours).");
        let theirs = BASE.replace("Line two.", "Line 2 (theirs).");
        let out = merge(&ours, &theirs);
        assert_eq!(out.conflicts, [Conflict::Body(1)]);
        assert!(out.text.contains("Line one.\n<<<<<<< ours\nLine 2 (ours).\n=======\nLine 2 (theirs).\n>>>>>>> theirs\nLine three.\n"), "{}", out.text);
    }

    #[test]
    fn key_removed_on_one_side_and_untouched_on_the_other_is_removed() {
        let ours = BASE.replace("tags: [a]\n", "");
        let theirs = BASE.replace("model: openai/gpt-4o", "model: openai/gpt-4.1");
        let out = merge(&ours, &theirs);
        assert!(!out.is_conflicted(), "{}", out.text);
        let doc = PromptDocument::parse(&out.text).unwrap();
        assert!(!doc.raw_front_matter.contains_key("tags"));
        assert_eq!(doc.raw_front_matter["model"], "openai/gpt-4.1");
    }

    #[test]
    fn unparsable_side_falls_back_to_a_line_merge() {
        let ours = "---\na: [\n---\nx\n";
        let out = merge_prompt(
            "---\na: 1\n---\nx\n",
            ours,
            "---\na: 2\n---\nx\n",
            &MergeLabels::default(),
        );
        assert!(matches!(out.conflicts.as_slice(), [Conflict::Text(1)]));
        assert!(out.text.contains("<<<<<<< ours"));
    }

    #[test]
    fn files_without_front_matter_merge_as_text() {
        let out = merge_prompt(
            "a\nb\nc\n",
            "A\nb\nc\n",
            "a\nb\nC\n",
            &MergeLabels::default(),
        );
        assert_eq!(out.text, "A\nb\nC\n");
        assert!(!out.is_conflicted());
    }

    fn front(text: &str) -> String {
        let doc = PromptDocument::parse(text).unwrap();
        doc.front_matter_text
    }

    #[test]
    fn list_fields_changed_only_by_adding_and_removing_merge_as_sets() {
        let base = "---\ntags: [a, b]\nmodel: x\n---\nbody\n";
        let ours = "---\ntags: [a, b, c]\nmodel: x\n---\nbody\n";
        let theirs = "---\ntags: [b, d]\nmodel: x\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        assert_eq!(front(&out.text), "tags: [b, c, d]\nmodel: x");
        // The other way round: their order is kept for what only they added, after ours.
        let out = merge_prompt(base, theirs, ours, &MergeLabels::default());
        assert_eq!(front(&out.text), "tags: [b, d, c]\nmodel: x");
    }

    #[test]
    fn block_lists_merge_as_block_lists_with_their_indentation() {
        let base = "---\ntags:\n    - a\n    - b\n---\nbody\n";
        let ours = "---\ntags:\n    - a\n    - b\n    - c\n---\nbody\n";
        let theirs = "---\ntags:\n    - b\n    - d\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        assert_eq!(front(&out.text), "tags:\n    - b\n    - c\n    - d");
    }

    #[test]
    fn a_list_merged_inside_a_mapping_keeps_its_flow_style() {
        let base = "---\nconfig:\n    temperature: 0.2\n    stop: [x]\n---\nbody\n";
        let ours = "---\nconfig:\n    temperature: 0.5\n    stop: [x]\n---\nbody\n";
        let theirs = "---\nconfig:\n    temperature: 0.2\n    stop: [x, \"y, z\"]\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        assert_eq!(
            front(&out.text),
            "config:\n    temperature: 0.5\n    stop: [x, \"y, z\"]"
        );
    }

    #[test]
    fn both_sides_adding_a_list_merge_as_a_union() {
        let base = "---\nmodel: x\n---\nbody\n";
        let ours = "---\nmodel: x\ntags: [a, b]\n---\nbody\n";
        let theirs = "---\nmodel: x\ntags: [b, c]\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        assert_eq!(front(&out.text), "model: x\ntags: [a, b, c]");
    }

    #[test]
    fn reordered_duplicated_or_structured_lists_still_conflict() {
        let merged = |b: &str, o: &str, t: &str| {
            let doc = |list: &str| format!("---\nexamples: {list}\n---\nbody\n");
            merge_prompt(&doc(b), &doc(o), &doc(t), &MergeLabels::default())
        };
        for (base, ours, theirs) in [
            ("[a, b]", "[b, a]", "[a, b, c]"),
            ("[a, b]", "[a, b, a]", "[a]"),
            ("[{n: 1}]", "[{n: 2}]", "[{n: 3}]"),
            ("x", "[a]", "[b]"),
        ] {
            let out = merged(base, ours, theirs);
            assert_eq!(
                out.conflicts,
                [Conflict::Field("examples".into())],
                "{base} {ours} {theirs}:\n{}",
                out.text
            );
        }
    }

    #[test]
    fn conflict_blocks_hold_each_side_as_written() {
        let base = "---\n# who may use it\ntags: [a, b]\nconfig:\n  stop: [x, y]\n---\nbody\n";
        let ours = "---\n# who may use it\ntags: [b, a]\nconfig:\n  stop: [x, y, w]\n---\nbody\n";
        let theirs = "---\n# who may use it\ntags:\n  - a\n  - b\n  - c\nconfig:\n  stop: [y, x]\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert_eq!(
            out.conflicts,
            [
                Conflict::Field("tags".into()),
                Conflict::Field("config.stop".into())
            ],
            "{}",
            out.text
        );
        assert_eq!(
            out.text,
            "---\n# who may use it\n<<<<<<< ours\ntags: [b, a]\n=======\ntags:\n  - a\n  - b\n  - c\n>>>>>>> theirs\n<<<<<<< ours\nconfig:\n  stop: [x, y, w]\n=======\nconfig:\n  stop: [y, x]\n>>>>>>> theirs\n---\nbody\n"
        );
    }

    #[test]
    fn their_comment_on_a_conflicted_key_is_kept_inside_their_side() {
        let base = "---\n# owner: ada\nmodel: x\n---\nbody\n";
        let ours = "---\n# owner: ada\nmodel: y\n---\nbody\n";
        let theirs = "---\n# owner: bob\nmodel: z\n---\nbody\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert_eq!(
            out.text,
            "---\n# owner: ada\n<<<<<<< ours\nmodel: y\n=======\n# owner: bob\nmodel: z\n>>>>>>> theirs\n---\nbody\n"
        );
    }

    #[test]
    fn leading_comment_lines_are_kept() {
        let base = "# Copyright\n---\na: 1\n---\nx\n";
        let ours = "# Copyright\n---\na: 1\nb: 2\n---\nx\n";
        let theirs = "# Copyright\n---\na: 3\n---\nx\n";
        let out = merge_prompt(base, ours, theirs, &MergeLabels::default());
        assert!(!out.is_conflicted(), "{}", out.text);
        assert!(out.text.starts_with("# Copyright\n---\n"), "{}", out.text);
    }
}
