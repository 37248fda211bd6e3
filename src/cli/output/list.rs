//! Output of `list`: a folder tree or a table for people, a sorted array for programs.

use std::fmt::Write as _;

use std::io::Write as _;

use promptctl::library::Source;
use promptctl::library::listing::{Folder, ListItem, ListPlan, Listing, Unreadable};
use promptctl::prompt::ModelRef;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ListJson<'a> {
    schema_version: u32,
    count: usize,
    prompts: Vec<PromptJson<'a>>,
    unreadable: Vec<UnreadableJson<'a>>,
}

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

/// Prints a listing as a tree (default), a table, or JSON.
pub(crate) fn print(printer: &Printer, listing: &Listing, table: bool) -> anyhow::Result<()> {
    for bad in &listing.unreadable {
        printer.warn(&format!("skipped {}: {}", bad.path.display(), bad.message));
    }
    if printer.format == OutputFormat::Json {
        let doc = ListJson {
            schema_version: SCHEMA_VERSION,
            count: listing.items.len(),
            prompts: listing.items.iter().map(prompt_json).collect(),
            unreadable: unreadable_json(&listing.unreadable),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if listing.items.is_empty() {
        printer.status("No prompts match.");
        return Ok(());
    }
    if table {
        let mut t = new_table(
            printer,
            &[
                "PROMPT",
                "STATUS",
                "CATEGORY",
                "TAGS",
                "OWNERS",
                "DESCRIPTION",
            ],
        );
        for item in &listing.items {
            let fm = &item.front_matter;
            t.add_row(vec![
                item.id.clone(),
                fm.status.clone().unwrap_or_default(),
                fm.category.clone().unwrap_or_default(),
                fm.tags.join(", "),
                fm.owners.join(", "),
                fm.description.clone().unwrap_or_default(),
            ]);
        }
        printer.data(&format!("{t}\n"))?;
    } else {
        let mut out = String::new();
        tree(printer, listing, &listing.tree(), "", &mut out);
        printer.data(&out)?;
    }
    printer.status(&format!(
        "{} prompt{}",
        listing.items.len(),
        if listing.items.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// Prints a streamed listing as JSON, a chunk of prompts at a time: the same document as
/// [`print`] writes, byte for byte, without holding every prompt.
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
fn tree(printer: &Printer, listing: &Listing, folder: &Folder, indent: &str, out: &mut String) {
    let total = folder.prompts.len() + folder.folders.len();
    let mut index = 0;
    for &p in &folder.prompts {
        index += 1;
        let last = index == total;
        let item = &listing.items[p];
        let leaf = item.id.rsplit('/').next().unwrap_or(&item.id);
        let fm = &item.front_matter;
        let mut line = format!("{indent}{}{leaf}", if last { "└── " } else { "├── " });
        if let Some(status) = &fm.status {
            let _ = write!(line, "  {}", printer.paint(status, status_color(status)));
        }
        if !fm.tags.is_empty() {
            let _ = write!(line, "  [{}]", fm.tags.join(", "));
        }
        // The description gets what is left of the line, if that is enough to be useful.
        let used = anstream::adapter::strip_str(&line)
            .to_string()
            .chars()
            .count()
            + 2;
        let room = usize::from(printer.width()).saturating_sub(used);
        if let Some(d) = fm.description.as_ref().filter(|_| room >= 20) {
            let _ = write!(line, "  {}", first_line(d, room));
        }
        out.push_str(line.trim_end());
        out.push('\n');
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
        tree(printer, listing, sub, &child_indent, out);
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
