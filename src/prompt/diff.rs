//! Semantic diff of two versions of a prompt: front-matter field changes, input-schema changes
//! that break callers, and a word-level diff of the body.
//!
//! A line diff of a prompt file tells a reviewer that line 7 changed; this says that
//! `config.temperature` went from 0.2 to 0.7, that `customer` became a required variable (so every
//! caller must now pass it), and which words of the instructions changed. Pure: documents in,
//! values out.

use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiff};

use crate::prompt::PromptDocument;
use crate::prompt::key_lines::{KeyLine, KeyLines};
use crate::prompt::schema;

/// What happened to one front-matter field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldChangeKind {
    /// The key was added with this value.
    Added(Value),
    /// The key was removed; it had this value.
    Removed(Value),
    /// The value changed.
    Changed {
        /// Before.
        old: Value,
        /// After.
        new: Value,
    },
}

/// One front-matter change, at a dotted key path such as `config.temperature`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The dotted key path.
    pub path: String,
    /// What happened.
    pub kind: FieldChangeKind,
}

/// Whether a span of text is kept, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanTag {
    /// In both versions.
    Equal,
    /// Only in the new version.
    Insert,
    /// Only in the old version.
    Delete,
}

/// A run of words with the same tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Kept, added or removed.
    pub tag: SpanTag,
    /// The text, including whitespace.
    pub text: String,
}

/// The semantic difference between two versions of a prompt.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PromptDiff {
    /// Front-matter changes, sorted by path.
    pub fields: Vec<FieldChange>,
    /// Input-schema changes that break existing callers, one sentence each.
    pub breaking: Vec<String>,
    /// The body, word by word.
    pub body: Vec<Span>,
    /// Body lines added.
    pub lines_added: usize,
    /// Body lines removed.
    pub lines_removed: usize,
}

impl PromptDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.lines_added == 0 && self.lines_removed == 0
    }

    /// Whether the body changed.
    pub fn body_changed(&self) -> bool {
        self.body.iter().any(|s| s.tag != SpanTag::Equal)
    }

    /// A one-line summary: `body +3 -1; fields: config.temperature, tags; breaking`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.lines_added > 0 || self.lines_removed > 0 {
            parts.push(format!(
                "body +{} -{}",
                self.lines_added, self.lines_removed
            ));
        }
        if !self.fields.is_empty() {
            let names: Vec<&str> = self.fields.iter().map(|f| f.path.as_str()).collect();
            parts.push(format!("fields: {}", names.join(", ")));
        }
        if !self.breaking.is_empty() {
            parts.push("breaking input change".to_owned());
        }
        if parts.is_empty() {
            "no content change".to_owned()
        } else {
            parts.join("; ")
        }
    }
}

/// Compares two parsed prompt files.
pub fn diff_documents(old: &PromptDocument, new: &PromptDocument) -> PromptDiff {
    let mut fields = Vec::new();
    diff_maps(
        &old.raw_front_matter,
        &new.raw_front_matter,
        "",
        &mut fields,
    );
    fields.sort_by(|a, b| a.path.cmp(&b.path));
    let breaking = breaking_input_changes(old, new);
    let body = word_diff(&old.body, &new.body);
    let (lines_added, lines_removed) = line_counts(&old.body, &new.body);
    PromptDiff {
        fields,
        breaking,
        body,
        lines_added,
        lines_removed,
    }
}

/// A missing file compared as an empty prompt (for added and deleted files).
pub fn empty_document() -> PromptDocument {
    PromptDocument::parse("").unwrap_or_else(|_| unreachable!("the empty file always parses"))
}

fn diff_maps(
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    prefix: &str,
    out: &mut Vec<FieldChange>,
) {
    for (key, old_value) in old {
        let path = format!("{prefix}{key}");
        match new.get(key) {
            None => out.push(FieldChange {
                path,
                kind: FieldChangeKind::Removed(old_value.clone()),
            }),
            Some(new_value) if new_value == old_value => {}
            Some(new_value) => match (old_value, new_value) {
                (Value::Object(a), Value::Object(b)) => {
                    diff_maps(a, b, &format!("{path}."), out);
                }
                _ => out.push(FieldChange {
                    path,
                    kind: FieldChangeKind::Changed {
                        old: old_value.clone(),
                        new: new_value.clone(),
                    },
                }),
            },
        }
    }
    for (key, new_value) in new {
        if !old.contains_key(key) {
            out.push(FieldChange {
                path: format!("{prefix}{key}"),
                kind: FieldChangeKind::Added(new_value.clone()),
            });
        }
    }
}

/// Input-schema changes that make an existing caller's variables invalid.
fn breaking_input_changes(old: &PromptDocument, new: &PromptDocument) -> Vec<String> {
    if old.raw_front_matter.is_empty() && old.body.is_empty() {
        // A new prompt has no callers to break.
        return Vec::new();
    }
    let as_schema = |doc: &PromptDocument| {
        doc.front_matter
            .input
            .schema
            .as_ref()
            .and_then(|s| schema::to_json_schema(s).ok())
    };
    let (Some(old_schema), Some(new_schema)) = (as_schema(old), as_schema(new)) else {
        if old.front_matter.input.schema.is_none() && new.front_matter.input.schema.is_some() {
            return vec![
                "an input schema was added: callers' variables are now checked".to_owned(),
            ];
        }
        return Vec::new();
    };
    let properties = |s: &Value| {
        s.get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let required = |s: &Value| -> Vec<String> {
        s.get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let defaults = new.front_matter.input.default.clone().unwrap_or_default();
    let (old_props, new_props) = (properties(&old_schema), properties(&new_schema));
    let (old_required, new_required) = (required(&old_schema), required(&new_schema));
    let mut out = Vec::new();
    for name in &new_required {
        if old_required.contains(name) || defaults.contains_key(name) {
            continue;
        }
        if old_props.contains_key(name) {
            out.push(format!("variable `{name}` became required"));
        } else {
            out.push(format!("new required variable `{name}`"));
        }
    }
    for (name, old_prop) in &old_props {
        match new_props.get(name) {
            None if !schema::allows_other_variables(&new_schema) => {
                out.push(format!(
                    "variable `{name}` was removed; callers that pass it are rejected"
                ));
            }
            Some(new_prop) if old_prop.get("type") != new_prop.get("type") => {
                let show = |v: Option<&Value>| {
                    v.map_or_else(|| "any".to_owned(), |t| t.to_string().replace('"', ""))
                };
                out.push(format!(
                    "variable `{name}` changed type from {} to {}",
                    show(old_prop.get("type")),
                    show(new_prop.get("type"))
                ));
            }
            _ => {}
        }
    }
    out.sort();
    out
}

/// Word-level diff of two texts, adjacent words with the same tag merged into one span.
pub fn word_diff(old: &str, new: &str) -> Vec<Span> {
    let diff = TextDiff::from_words(old, new);
    let mut spans: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => SpanTag::Equal,
            ChangeTag::Insert => SpanTag::Insert,
            ChangeTag::Delete => SpanTag::Delete,
        };
        match spans.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(change.value()),
            _ => spans.push(Span {
                tag,
                text: change.value().to_owned(),
            }),
        }
    }
    spans
}

/// Line-level diff of two texts (for rendered output), one span per line.
pub fn line_diff(old: &str, new: &str) -> Vec<Span> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| Span {
            tag: match change.tag() {
                ChangeTag::Equal => SpanTag::Equal,
                ChangeTag::Insert => SpanTag::Insert,
                ChangeTag::Delete => SpanTag::Delete,
            },
            text: change.value().to_owned(),
        })
        .collect()
}

/// The file as git's `textconv` shows it: each nested front-matter key written with its full
/// dotted path (`  config.temperature: 0.7` under `config:`), every other line as it is.
///
/// One line out for every line in, so `git log -p` and `git show` name the field a changed line
/// belongs to, while `git blame` (which also reads through the textconv) keeps the file's line
/// numbers. Lines whose place in the tree is not a plain key (sequence items, block and flow
/// scalars, continuation lines) pass through unchanged, as does a file without front matter.
/// The YAML is read by indentation, not parsed, so a file with conflict markers reads the same
/// as its sides: `git diff` during a conflict compares it with them line by line.
pub fn textconv(text: &str) -> String {
    let Some(yaml_lines) = crate::prompt::document::front_matter_line_range(text) else {
        return text.to_owned();
    };
    let mut keys = KeyLines::default();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.split_inclusive('\n').enumerate() {
        match yaml_lines.contains(&index).then(|| keys.read(line)) {
            Some(KeyLine::Key {
                parents, indent, ..
            }) if !parents.is_empty() => {
                out.push_str(&line[..indent]);
                for parent in parents {
                    out.push_str(parent);
                    out.push('.');
                }
                out.push_str(&line[indent..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn line_counts(old: &str, new: &str) -> (usize, usize) {
    let diff = TextDiff::from_lines(old, new);
    let mut added = 0;
    let mut removed = 0;
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => added += 1,
            ChangeTag::Delete => removed += 1,
            ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> PromptDocument {
        PromptDocument::parse(text).unwrap()
    }

    #[test]
    fn nested_field_changes_have_dotted_paths() {
        let d = diff_documents(
            &doc("---\nconfig:\n  temperature: 0.2\n  top_p: 1\ntags: [a]\n---\nHi\n"),
            &doc("---\nconfig:\n  temperature: 0.7\n  top_p: 1\nstatus: active\n---\nHi\n"),
        );
        let paths: Vec<&str> = d.fields.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["config.temperature", "status", "tags"]);
        assert!(matches!(d.fields[0].kind, FieldChangeKind::Changed { .. }));
        assert!(matches!(d.fields[1].kind, FieldChangeKind::Added(_)));
        assert!(matches!(d.fields[2].kind, FieldChangeKind::Removed(_)));
        assert!(!d.body_changed());
        assert_eq!(d.summary(), "fields: config.temperature, status, tags");
    }

    #[test]
    fn body_diff_is_word_level() {
        let d = diff_documents(
            &doc("Be kind and brief.\n"),
            &doc("Be kind and very brief.\nBye\n"),
        );
        let inserted: String = d
            .body
            .iter()
            .filter(|s| s.tag == SpanTag::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert!(inserted.contains("very"), "{:?}", d.body);
        assert!(!inserted.contains("kind"));
        assert_eq!((d.lines_added, d.lines_removed), (2, 1));
        assert_eq!(d.summary(), "body +2 -1");
    }

    #[test]
    fn new_required_variable_is_breaking_unless_defaulted() {
        let old = doc("---\ninput:\n  schema:\n    a: string\n---\n{{a}}");
        let new = doc("---\ninput:\n  schema:\n    a: string\n    b: string\n---\n{{a}}{{b}}");
        assert_eq!(
            diff_documents(&old, &new).breaking,
            ["new required variable `b`"]
        );
        let defaulted = doc(
            "---\ninput:\n  schema:\n    a: string\n    b: string\n  default:\n    b: x\n---\n{{a}}{{b}}",
        );
        assert!(diff_documents(&old, &defaulted).breaking.is_empty());
        let optional = doc("---\ninput:\n  schema:\n    a: string\n    b?: string\n---\n{{a}}");
        assert!(diff_documents(&old, &optional).breaking.is_empty());
    }

    #[test]
    fn type_change_and_removal_are_breaking() {
        let old = doc("---\ninput:\n  schema:\n    a: string\n    n?: integer\n---\nx");
        let new = doc("---\ninput:\n  schema:\n    a: integer\n---\nx");
        let breaking = diff_documents(&old, &new).breaking;
        assert_eq!(breaking.len(), 2, "{breaking:?}");
        assert!(breaking[0].contains("`a` changed type from string to integer"));
        assert!(breaking[1].contains("`n` was removed"));
    }

    #[test]
    fn identical_documents_have_an_empty_diff() {
        let d = diff_documents(&doc("---\na: 1\n---\nx\n"), &doc("---\na: 1\n---\nx\n"));
        assert!(d.is_empty());
        assert_eq!(d.summary(), "no content change");
    }

    #[test]
    fn textconv_writes_nested_keys_as_dotted_paths_line_for_line() {
        let text = "# owner: team\n---\ndescription: Greets\n  over two lines\nconfig:\n  temperature: 0.7\n  # a comment\n  stop:\n    - \"a: b\"\n    - c\n\"quoted key\":\n  inner: |\n    keep: me\ninput:\n  schema:\n    name: string, who\ntags: [a, b]\n---\nBody: stays.\n  nested: too\n";
        let converted = textconv(text);
        assert_eq!(
            converted,
            "# owner: team\n---\ndescription: Greets\n  over two lines\nconfig:\n  config.temperature: 0.7\n  # a comment\n  config.stop:\n    - \"a: b\"\n    - c\n\"quoted key\":\n  quoted key.inner: |\n    keep: me\ninput:\n  input.schema:\n    input.schema.name: string, who\ntags: [a, b]\n---\nBody: stays.\n  nested: too\n"
        );
        assert_eq!(converted.lines().count(), text.lines().count());
    }

    #[test]
    fn textconv_passes_files_without_front_matter_through() {
        for text in [
            "no front matter:\n  at: all\n",
            "---\nnever: closed\n  nested: x\n",
            "",
        ] {
            assert_eq!(textconv(text), text);
        }
    }

    #[test]
    fn textconv_reads_a_conflicted_file_like_its_sides() {
        let ours = "---\nconfig:\n  temperature: 0.9\n---\nx\n";
        let theirs = "---\nconfig:\n  temperature: 0.5\n---\nx\n";
        let conflicted = "---\n<<<<<<< ours\nconfig:\n  temperature: 0.9\n=======\nconfig:\n  temperature: 0.5\n>>>>>>> theirs\n---\nx\n";
        assert_eq!(
            textconv(conflicted),
            "---\n<<<<<<< ours\nconfig:\n  config.temperature: 0.9\n=======\nconfig:\n  config.temperature: 0.5\n>>>>>>> theirs\n---\nx\n"
        );
        assert!(textconv(ours).contains("  config.temperature: 0.9\n"));
        assert!(textconv(theirs).contains("  config.temperature: 0.5\n"));
    }

    #[test]
    fn line_diff_tags_each_line() {
        let spans = line_diff("a\nb\n", "a\nc\n");
        let tags: Vec<SpanTag> = spans.iter().map(|s| s.tag).collect();
        assert_eq!(tags, [SpanTag::Equal, SpanTag::Delete, SpanTag::Insert]);
    }
}
