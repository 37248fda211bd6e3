//! Output of `diff`: colored text for the terminal, Markdown for pull requests, JSON for tools.
//!
//! The text form marks removed words `[-like this-]` and added words `{+like this+}` (as
//! `git diff --word-diff=plain`), so it reads without color; on a terminal they are also red and
//! green. Only body lines that changed are shown.

use std::fmt::Write as _;

use promptctl::prompt::diff::{FieldChange, FieldChangeKind, PromptDiff, Span, SpanTag};
use promptctl::store::compare::RangeDiff;
use serde::Serialize;
use serde_json::Value;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// The rendered prompt on both sides, as a line diff.
pub(crate) struct Rendered {
    pub(crate) lines: Vec<Span>,
}

/// One prompt's diff between two labelled sides.
pub(crate) struct OneDiff {
    pub(crate) name: String,
    pub(crate) old_label: String,
    pub(crate) new_label: String,
    pub(crate) diff: PromptDiff,
    pub(crate) rendered: Option<Rendered>,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    schema_version: u32,
    name: &'a str,
    old: &'a str,
    new: &'a str,
    #[serde(flatten)]
    body: DiffBodyJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rendered: Option<Vec<SpanJson<'a>>>,
}

#[derive(Serialize)]
struct RangeJson<'a> {
    schema_version: u32,
    from: &'a str,
    to: &'a str,
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    name: &'a str,
    path: &'a str,
    status: &'static str,
    #[serde(flatten)]
    body: DiffBodyJson<'a>,
}

#[derive(Serialize)]
pub(crate) struct DiffBodyJson<'a> {
    summary: String,
    breaking: &'a [String],
    fields: Vec<FieldJson<'a>>,
    lines_added: usize,
    lines_removed: usize,
    body: Vec<SpanJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    path: &'a str,
    change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    old: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<&'a Value>,
}

#[derive(Serialize)]
struct SpanJson<'a> {
    tag: &'static str,
    text: &'a str,
}

fn tag_name(tag: SpanTag) -> &'static str {
    match tag {
        SpanTag::Equal => "equal",
        SpanTag::Insert => "insert",
        SpanTag::Delete => "delete",
    }
}

fn spans_json(spans: &[Span]) -> Vec<SpanJson<'_>> {
    spans
        .iter()
        .map(|s| SpanJson {
            tag: tag_name(s.tag),
            text: &s.text,
        })
        .collect()
}

pub(crate) fn body_json(diff: &PromptDiff) -> DiffBodyJson<'_> {
    DiffBodyJson {
        summary: diff.summary(),
        breaking: &diff.breaking,
        fields: diff.fields.iter().map(field_json).collect(),
        lines_added: diff.lines_added,
        lines_removed: diff.lines_removed,
        body: spans_json(&diff.body),
    }
}

fn field_json(f: &FieldChange) -> FieldJson<'_> {
    let (change, old, new) = match &f.kind {
        FieldChangeKind::Added(v) => ("added", None, Some(v)),
        FieldChangeKind::Removed(v) => ("removed", Some(v), None),
        FieldChangeKind::Changed { old, new } => ("changed", Some(old), Some(new)),
    };
    FieldJson {
        path: &f.path,
        change,
        old,
        new,
    }
}

/// Prints one prompt's diff.
pub(crate) fn print_one(printer: &Printer, one: &OneDiff) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => {
            let doc = DiffJson {
                schema_version: SCHEMA_VERSION,
                name: &one.name,
                old: &one.old_label,
                new: &one.new_label,
                body: body_json(&one.diff),
                rendered: one.rendered.as_ref().map(|r| spans_json(&r.lines)),
            };
            printer.json(&serde_json::to_value(doc)?)?;
        }
        OutputFormat::Markdown => {
            let mut text = markdown(
                &one.name,
                &format!("{} → {}", one.old_label, one.new_label),
                &one.diff,
            );
            if let Some(rendered) = &one.rendered {
                text.push_str("\nRendered:\n\n```diff\n");
                text.push_str(&line_block(&rendered.lines));
                text.push_str("```\n");
            }
            printer.data(&text)?;
        }
        _ => {
            let mut text = human(
                printer,
                &one.name,
                &format!("{} → {}", one.old_label, one.new_label),
                &one.diff,
            );
            if let Some(rendered) = &one.rendered {
                text.push_str("rendered:\n");
                for line in &rendered.lines {
                    let (sign, color) = match line.tag {
                        SpanTag::Equal => (' ', None),
                        SpanTag::Insert => ('+', Some(anstyle::AnsiColor::Green)),
                        SpanTag::Delete => ('-', Some(anstyle::AnsiColor::Red)),
                    };
                    let content = format!("  {sign} {}", line.text.trim_end_matches('\n'));
                    text.push_str(&color.map_or(content.clone(), |c| printer.paint(&content, c)));
                    text.push('\n');
                }
            }
            printer.data(&text)?;
        }
    }
    Ok(())
}

/// Prints the diff of every prompt changed in a range.
pub(crate) fn print_range(printer: &Printer, range: &RangeDiff) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => {
            let doc = RangeJson {
                schema_version: SCHEMA_VERSION,
                from: &range.from,
                to: &range.to,
                files: range
                    .files
                    .iter()
                    .map(|f| FileJson {
                        name: &f.name,
                        path: &f.path,
                        status: f.status.as_str(),
                        body: body_json(&f.diff),
                    })
                    .collect(),
            };
            printer.json(&serde_json::to_value(doc)?)?;
        }
        OutputFormat::Markdown => {
            let breaking = range
                .files
                .iter()
                .filter(|f| !f.diff.breaking.is_empty())
                .count();
            let mut text = format!(
                "## Prompt changes `{}..{}`\n\n{} prompt file(s) changed{}.\n\n",
                range.from,
                range.to,
                range.files.len(),
                if breaking > 0 {
                    format!(", **{breaking} with breaking input changes**")
                } else {
                    String::new()
                }
            );
            for f in &range.files {
                text.push_str(&markdown(&f.name, f.status.as_str(), &f.diff));
                text.push('\n');
            }
            printer.data(&text)?;
        }
        _ => {
            let mut text = String::new();
            if range.files.is_empty() {
                printer.status(&format!(
                    "no prompt changed in {}..{}",
                    range.from, range.to
                ));
            }
            for f in &range.files {
                text.push_str(&human(printer, &f.name, f.status.as_str(), &f.diff));
                text.push('\n');
            }
            printer.data(&text)?;
        }
    }
    Ok(())
}

/// Prints one file's diff for `git diff` (through `diff-driver`), with a blank line after it so
/// files stay apart when git runs the driver once per file.
pub(crate) fn print_file(
    printer: &Printer,
    name: &str,
    subtitle: &str,
    diff: &PromptDiff,
) -> anyhow::Result<()> {
    let mut text = human(printer, name, subtitle, diff);
    text.push('\n');
    printer.data(&text)?;
    Ok(())
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn human(printer: &Printer, name: &str, subtitle: &str, diff: &PromptDiff) -> String {
    use anstyle::AnsiColor::{Green, Red, Yellow};
    let mut text = format!("{} ({subtitle})\n", printer.paint(name, Yellow));
    if diff.is_empty() {
        text.push_str("  no changes\n");
        return text;
    }
    for reason in &diff.breaking {
        let _ = writeln!(text, "  {} {reason}", printer.paint("breaking:", Red));
    }
    if !diff.fields.is_empty() {
        text.push_str("fields:\n");
        for f in &diff.fields {
            let line = match &f.kind {
                FieldChangeKind::Added(v) => {
                    printer.paint(&format!("  + {}: {}", f.path, value_text(v)), Green)
                }
                FieldChangeKind::Removed(v) => {
                    printer.paint(&format!("  - {}: {}", f.path, value_text(v)), Red)
                }
                FieldChangeKind::Changed { old, new } => {
                    format!("  ~ {}: {} → {}", f.path, value_text(old), value_text(new))
                }
            };
            text.push_str(&line);
            text.push('\n');
        }
    }
    if diff.body_changed() {
        let _ = writeln!(
            text,
            "body (+{} -{}):",
            diff.lines_added, diff.lines_removed
        );
        for line in changed_lines(printer, &diff.body) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// The body lines that contain a change, with word markers, `⋮` between separate groups.
fn changed_lines(printer: &Printer, spans: &[Span]) -> Vec<String> {
    let mut lines: Vec<(String, bool)> = vec![(String::new(), false)];
    for span in spans {
        let changed = span.tag != SpanTag::Equal;
        for (i, piece) in span.text.split('\n').enumerate() {
            let last = lines.last_mut().expect("lines starts non-empty");
            if i > 0 {
                // A removed or added line break changes the line it ends.
                last.1 |= changed;
                lines.push((String::new(), false));
            }
            if piece.is_empty() {
                continue;
            }
            let marked = match span.tag {
                SpanTag::Equal => piece.to_owned(),
                SpanTag::Insert => {
                    printer.paint(&format!("{{+{piece}+}}"), anstyle::AnsiColor::Green)
                }
                SpanTag::Delete => printer.paint(&format!("[-{piece}-]"), anstyle::AnsiColor::Red),
            };
            let last = lines.last_mut().expect("lines starts non-empty");
            last.0.push_str(&marked);
            last.1 |= changed;
        }
    }
    let mut out = Vec::new();
    let mut previous_shown = true;
    for (i, (line, changed)) in lines.iter().enumerate() {
        if *changed {
            if !previous_shown && !out.is_empty() {
                out.push("  ⋮".to_owned());
            }
            out.push(format!("  {line}"));
            previous_shown = true;
        } else if i > 0 {
            previous_shown = false;
        }
    }
    out
}

/// One prompt's diff as a Markdown section (`### name (subtitle)`), for PR comments.
pub(crate) fn markdown(name: &str, subtitle: &str, diff: &PromptDiff) -> String {
    let mut text = format!("### `{name}` ({subtitle})\n\n");
    if diff.is_empty() {
        text.push_str("No changes.\n");
        return text;
    }
    for reason in &diff.breaking {
        let _ = writeln!(text, "> **Breaking:** {reason}");
    }
    if !diff.breaking.is_empty() {
        text.push('\n');
    }
    if !diff.fields.is_empty() {
        text.push_str("| field | before | after |\n| --- | --- | --- |\n");
        for f in &diff.fields {
            let cell = |v: Option<&Value>| {
                v.map_or_else(
                    || "—".to_owned(),
                    |v| format!("`{}`", value_text(v).replace('|', "\\|")),
                )
            };
            let (old, new) = match &f.kind {
                FieldChangeKind::Added(v) => (None, Some(v)),
                FieldChangeKind::Removed(v) => (Some(v), None),
                FieldChangeKind::Changed { old, new } => (Some(old), Some(new)),
            };
            let _ = writeln!(text, "| `{}` | {} | {} |", f.path, cell(old), cell(new));
        }
        text.push('\n');
    }
    if diff.body_changed() {
        let _ = writeln!(
            text,
            "Body: +{} −{} lines\n\n```diff",
            diff.lines_added, diff.lines_removed
        );
        let old: String = diff
            .body
            .iter()
            .filter(|s| s.tag != SpanTag::Insert)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = diff
            .body
            .iter()
            .filter(|s| s.tag != SpanTag::Delete)
            .map(|s| s.text.as_str())
            .collect();
        text.push_str(&line_block(&promptctl::prompt::diff::line_diff(&old, &new)));
        text.push_str("```\n");
    }
    text
}

/// Changed lines as a unified-style block (`-`/`+`), unchanged lines left out.
fn line_block(lines: &[Span]) -> String {
    let mut out = String::new();
    for line in lines {
        let sign = match line.tag {
            SpanTag::Equal => continue,
            SpanTag::Insert => '+',
            SpanTag::Delete => '-',
        };
        out.push(sign);
        out.push_str(line.text.trim_end_matches('\n'));
        out.push('\n');
    }
    out
}
