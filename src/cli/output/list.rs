//! Output of `list`: a folder tree or a table for people, a sorted array for programs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use std::io::Write as _;

use promptctl::library::Source;
use promptctl::library::listing::{ListItem, ListPlan, Unreadable};
use promptctl::prompt::ModelRef;
use serde::Serialize;

use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::streamed_table::StreamedTable;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct PromptJson<'a> {
    id: &'a str,
    name: &'a str,
    variant: Option<&'a str>,
    path: String,
    description: Option<&'a str>,
    tags: &'a [String],
    category: Option<&'a str>,
    status: Option<&'a str>,
    owners: &'a [String],
    model: Option<Vec<&'a str>>,
    extends: Option<&'a str>,
    links: &'a [String],
}

#[derive(Serialize)]
struct UnreadableJson<'a> {
    path: String,
    message: &'a str,
}

/// Prints a streamed listing as a tree (default) or a table.
///
/// Items arrive a chunk at a time and only what is printed of each is kept: its tree line
/// (without the branches, whose width depends only on the depth) or its table cells, not its
/// front matter. The table's cells are kept in one string until the column widths are known,
/// then written a row at a time. A folder's prompts come before its subfolders, and a branch is drawn `└──`
/// only once the folder's last entry is known, so the lines wait in a folder tree until the
/// end.
pub(crate) fn print<S: Source>(
    printer: &Printer,
    plan: &ListPlan<'_, S>,
    table: bool,
) -> anyhow::Result<()> {
    for bad in plan.unreadable() {
        printer.warn(&format!("skipped {}: {}", bad.path.display(), bad.message));
    }
    if plan.count() == 0 {
        printer.status("No prompts match.");
        return Ok(());
    }
    let mut shown = 0usize;
    if table {
        let mut rows = StreamedTable::new([
            "PROMPT",
            "STATUS",
            "CATEGORY",
            "TAGS",
            "OWNERS",
            "DESCRIPTION",
        ]);
        plan.for_each_chunk(|items| -> anyhow::Result<()> {
            for item in &items {
                let fm = &item.front_matter;
                rows.push_row([
                    &item.id,
                    fm.status.as_deref().unwrap_or_default(),
                    fm.category.as_deref().unwrap_or_default(),
                    &fm.tags.join(", "),
                    &fm.owners.join(", "),
                    fm.description.as_deref().unwrap_or_default(),
                ]);
            }
            Ok(())
        })?;
        shown = rows.len();
        let mut out = printer.data_writer();
        rows.write_to(printer.wrap_tables().then(|| printer.width()), &mut out)?;
        out.flush()?;
    } else {
        let mut root = LineTree::default();
        plan.for_each_chunk(|items| -> anyhow::Result<()> {
            for item in &items {
                let folder = item.name.folder();
                let mut node = &mut root;
                let mut depth = 0;
                if !folder.is_empty() {
                    for segment in folder.split('/') {
                        node = node.folders.entry(segment.to_owned()).or_default();
                        depth += 1;
                    }
                }
                node.lines
                    .push(prompt_line(printer, item, depth).into_boxed_str());
                shown += 1;
            }
            Ok(())
        })?;
        let mut out = String::new();
        draw(printer, &root, "", &mut out);
        printer.data(&out)?;
    }
    printer.status(&format!(
        "{shown} prompt{}",
        if shown == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// The tree as it is drawn: per folder, its prompts' lines and its subfolders by name.
#[derive(Default)]
struct LineTree {
    folders: BTreeMap<String, LineTree>,
    lines: Vec<Box<str>>,
}

/// One prompt's tree line without its indent and branch: leaf name, status, tags, and the
/// description in what room the terminal leaves. Every level of indent and the branch are four
/// columns wide, so the room is known from the depth alone.
fn prompt_line(printer: &Printer, item: &ListItem, depth: usize) -> String {
    let leaf = item.id.rsplit('/').next().unwrap_or(&item.id);
    let fm = &item.front_matter;
    let mut line = leaf.to_owned();
    if let Some(status) = &fm.status {
        let _ = write!(line, "  {}", printer.paint(status, status_color(status)));
    }
    if !fm.tags.is_empty() {
        let _ = write!(line, "  [{}]", fm.tags.join(", "));
    }
    // The description gets what is left of the line, if that is enough to be useful.
    let used = 4 * (depth + 1)
        + anstream::adapter::strip_str(&line)
            .to_string()
            .chars()
            .count()
        + 2;
    let room = usize::from(printer.width()).saturating_sub(used);
    if let Some(d) = fm.description.as_ref().filter(|_| room >= 20) {
        let _ = write!(line, "  {}", first_line(d, room));
    }
    line.truncate(line.trim_end().len());
    line
}

/// Prints a streamed listing as JSON, a chunk of prompts at a time, without holding every
/// prompt: `schema_version`, `count`, `prompts` and `unreadable`, laid out as `serde_json`'s
/// pretty printer lays out the whole document.
pub(crate) fn print_json<S: Source>(
    printer: &Printer,
    plan: &ListPlan<'_, S>,
) -> anyhow::Result<()> {
    for bad in plan.unreadable() {
        printer.warn(&format!("skipped {}: {}", bad.path.display(), bad.message));
    }
    let mut out = printer.json_writer();
    write!(
        out,
        "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"count\": {},\n  \"prompts\": [",
        plan.count()
    )?;
    let mut first = true;
    plan.for_each_chunk(|items| -> anyhow::Result<()> {
        for item in &items {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            write_indented(
                &mut out,
                &serde_json::to_string_pretty(&prompt_json(item))?,
                4,
            )?;
        }
        Ok(())
    })?;
    if !first {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n  \"unreadable\": ")?;
    let unreadable = serde_json::to_string_pretty(&unreadable_json(plan.unreadable()))?;
    // The array's first line follows the key; the rest are indented like the prompts.
    let (head, rest) = unreadable.split_once('\n').unwrap_or((&unreadable, ""));
    out.write_all(head.as_bytes())?;
    if !rest.is_empty() {
        out.write_all(b"\n")?;
        write_indented(&mut out, rest, 2)?;
    }
    out.write_all(b"\n}\n")?;
    out.flush()?;
    Ok(())
}

/// Writes pretty JSON with every line indented by `by` spaces (JSON strings hold no newlines).
fn write_indented(out: &mut impl std::io::Write, json: &str, by: usize) -> std::io::Result<()> {
    let pad = " ".repeat(by);
    for (i, line) in json.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(pad.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn unreadable_json(unreadable: &[Unreadable]) -> Vec<UnreadableJson<'_>> {
    unreadable
        .iter()
        .map(|u| UnreadableJson {
            path: u.path.to_string_lossy().replace('\\', "/"),
            message: &u.message,
        })
        .collect()
}

fn prompt_json(item: &ListItem) -> PromptJson<'_> {
    let fm = &item.front_matter;
    PromptJson {
        id: &item.id,
        name: &item.name.name,
        variant: item.name.variant.as_deref(),
        path: item.path.to_string_lossy().replace('\\', "/"),
        description: fm.description.as_deref(),
        tags: &fm.tags,
        category: fm.category.as_deref(),
        status: fm.status.as_deref(),
        owners: &fm.owners,
        model: fm.model.as_ref().map(ModelRef::models),
        extends: fm.extends.as_deref(),
        links: &fm.links,
    }
}

/// Draws one folder: prompts first, then subfolders, with box-drawing branches.
fn draw(printer: &Printer, folder: &LineTree, indent: &str, out: &mut String) {
    let total = folder.lines.len() + folder.folders.len();
    let mut index = 0;
    for line in &folder.lines {
        index += 1;
        let branch = if index == total {
            "└── "
        } else {
            "├── "
        };
        let _ = writeln!(out, "{indent}{branch}{line}");
    }
    for (name, sub) in &folder.folders {
        index += 1;
        let last = index == total;
        let _ = writeln!(
            out,
            "{indent}{}{}",
            if last { "└── " } else { "├── " },
            printer.paint(&format!("{name}/"), anstyle::AnsiColor::Blue)
        );
        let child_indent = format!("{indent}{}", if last { "    " } else { "│   " });
        draw(printer, sub, &child_indent, out);
    }
}

fn status_color(status: &str) -> anstyle::AnsiColor {
    match status {
        "active" => anstyle::AnsiColor::Green,
        "deprecated" | "archived" => anstyle::AnsiColor::Red,
        _ => anstyle::AnsiColor::Yellow,
    }
}

/// The first line of `text`, cut to `max` characters with `…`.
pub(crate) fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
