//! Three-way merge of prompt files, for the git merge driver.
//!
//! A line merge of a prompt file conflicts whenever both sides touch nearby lines, even when one
//! changed `temperature` and the other added a tag. Here the front matter merges key by key
//! (recursively into mappings): edits to different keys merge cleanly, the same key changed the
//! same way on both sides merges, and the same key changed differently is a conflict, shown with
//! git's markers around that key only. The body merges three-way by lines, with conflict markers
//! only around overlapping hunks. When any side cannot be parsed, the whole file falls back to a
//! plain three-way line merge. Pure: texts in, text and conflicts out.

use std::fmt::Write as _;

use serde_json::{Map, Value};
use similar::TextMerge;

use crate::prompt::PromptDocument;
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
        if conflicted_keys.contains(&key.as_str()) {
            let side = |doc: &PromptDocument| {
                doc.raw_front_matter
                    .get(key)
                    .map(|v| single(key, v))
                    .unwrap_or_default()
            };
            let _ = writeln!(text, "{} {}", marker('<'), labels.ours);
            text.push_str(&side(o));
            let _ = writeln!(text, "{}", marker('='));
            text.push_str(&side(t));
            let _ = writeln!(text, "{} {}", marker('>'), labels.theirs);
        } else if let Some(value) = merged.get(key) {
            // Keep a side's own lines (comments, flow style) when its value won.
            let block = [(&ours_blocks, o), (&theirs_blocks, t)]
                .into_iter()
                .find(|(_, doc)| doc.raw_front_matter.get(key) == Some(value))
                .and_then(|(blocks, _)| blocks.iter().find(|(k, _)| k == key))
                .map(|(_, b)| b.clone());
            text.push_str(&block.unwrap_or_else(|| single(key, value)));
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
