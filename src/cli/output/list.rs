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
/// Items arrive a chunk at a time and only what is printed of each is kept: nothing for the
/// tree, whose lines are written as they come (see [`print_tree`]), or its table cells, not its
/// front matter. The table's cells are kept in one string until the column widths are known,
/// then written a row at a time.
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
    let shown = if table {
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
        let mut out = printer.data_writer();
        rows.write_to(printer.wrap_tables().then(|| printer.width()), &mut out)?;
        out.flush()?;
        rows.len()
    } else {
        print_tree(printer, plan)?
    };
    printer.status(&format!(
        "{shown} prompt{}",
        if shown == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// Prints the matching prompts as a folder tree, a chunk at a time, and returns how many.
///
/// The prompts are read in the order the tree shows them (a folder's prompts, then its
/// subfolders, each by name), and every branch is known before the first line is written:
/// whether an entry is the last of its folder, and each enclosing folder the last of its
/// parent, follows from the ids alone, which the plan knows without reading a file. So only
/// those flags are kept (a word per prompt), not the lines. A tree deeper than a word has
/// bits is drawn from lines kept in memory instead.
fn print_tree<S: Source>(printer: &Printer, plan: &ListPlan<'_, S>) -> anyhow::Result<usize> {
    let mut positions = plan.matching();
    // Stable: prompts of one id keep their order.
    positions.sort_by(|&a, &b| tree_order(&plan.id(a), &plan.id(b)));
    let ids: Vec<std::borrow::Cow<'_, str>> = positions.iter().map(|&p| plan.id(p)).collect();
    let Some(layout) = TreeLayout::of(&ids) else {
        return print_tree_in_memory(printer, plan);
    };
    let mut out = printer.data_writer();
    let mut writer = TreeWriter::new(&ids, layout);
    let mut shown = 0usize;
    plan.for_each_chunk_of(&positions, |items| -> anyhow::Result<()> {
        let mut text = String::new();
        for item in &items {
            let depth = segments(item.name.folder()).count();
            let line = prompt_line(printer, item, depth);
            shown += usize::from(writer.entry(printer, &item.id, &line, &mut text));
        }
        out.write_all(text.as_bytes())?;
        Ok(())
    })?;
    out.flush()?;
    Ok(shown)
}

/// Writes a tree's lines entry by entry, in [`tree_order`], with the branches of a
/// [`TreeLayout`].
struct TreeWriter<'a, 'i> {
    ids: &'a [std::borrow::Cow<'i, str>],
    layout: TreeLayout,
    /// The planned entry the next item should be.
    next: usize,
    /// The folder of the entry written last.
    previous_folder: Option<&'a str>,
}

impl<'a, 'i> TreeWriter<'a, 'i> {
    fn new(ids: &'a [std::borrow::Cow<'i, str>], layout: TreeLayout) -> Self {
        TreeWriter {
            ids,
            layout,
            next: 0,
            previous_folder: None,
        }
    }

    /// Writes the entry `id` (its `line`), after the headers of the folders it is the first to
    /// enter. The entry is found among the planned ones by id: one changed since the plan was
    /// made may be missing, and is then skipped; `false` when `id` is not planned from here on.
    fn entry(&mut self, printer: &Printer, id: &str, line: &str, text: &mut String) -> bool {
        while self.next < self.ids.len() && self.ids[self.next] != id {
            self.next += 1;
        }
        let Some(planned) = self.ids.get(self.next) else {
            return false;
        };
        let i = self.next;
        let folder = folder_of(planned);
        let depth = segments(folder).count();
        let shared = self
            .previous_folder
            .map_or(0, |before| shared_levels(before, folder));
        for (level, name) in segments(folder).enumerate().skip(shared) {
            let _ = writeln!(
                text,
                "{}{}{}",
                self.layout.indent(i, level),
                branch(self.layout.folder_is_last(i, level)),
                printer.paint(&format!("{name}/"), anstyle::AnsiColor::Blue)
            );
        }
        let _ = writeln!(
            text,
            "{}{}{line}",
            self.layout.indent(i, depth),
            branch(
                !self
                    .ids
                    .get(i + 1)
                    .is_some_and(|next| in_folder(next, folder))
            ),
        );
        self.previous_folder = Some(folder);
        self.next += 1;
        true
    }
}

/// The tree drawn from every line kept in memory: for trees too deep for [`TreeLayout`].
fn print_tree_in_memory<S: Source>(
    printer: &Printer,
    plan: &ListPlan<'_, S>,
) -> anyhow::Result<usize> {
    let mut root = LineTree::default();
    let mut shown = 0usize;
    plan.for_each_chunk(|items| -> anyhow::Result<()> {
        for item in &items {
            let folder = item.name.folder();
            let line = prompt_line(printer, item, segments(folder).count());
            root.add(folder, line.into_boxed_str());
            shown += 1;
        }
        Ok(())
    })?;
    let mut out = String::new();
    draw(printer, &root, "", &mut out);
    printer.data(&out)?;
    Ok(shown)
}

fn branch(last: bool) -> &'static str {
    if last { "└── " } else { "├── " }
}

/// The folder part of an id: `support/billing` of `support/billing/refund.formal`.
fn folder_of(id: &str) -> &str {
    id.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// A folder's names from the top: none for the root.
fn segments(folder: &str) -> impl Iterator<Item = &str> {
    folder.split('/').filter(|_| !folder.is_empty())
}

/// Whether `id` lies in `folder` or one of its subfolders (every id lies in the root, `""`).
fn in_folder(id: &str, folder: &str) -> bool {
    let theirs = folder_of(id);
    folder.is_empty()
        || theirs == folder
        || theirs
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// How many leading folder names two folders share.
fn shared_levels(a: &str, b: &str) -> usize {
    segments(a)
        .zip(segments(b))
        .take_while(|(x, y)| x == y)
        .count()
}

/// The order the tree shows ids in: a folder's own prompts (by id) before its subfolders, and
/// subfolders by name.
fn tree_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a_folders, mut b_folders) = (segments(folder_of(a)), segments(folder_of(b)));
    loop {
        match (a_folders.next(), b_folders.next()) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => return x.cmp(y),
            // A prompt of this folder comes before anything in its subfolders.
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (None, None) => return a.cmp(b),
        }
    }
}

/// Which folders of a tree are the last of their parent, worked out from the ids in tree
/// order: bit `level` of an entry's word says whether its enclosing folder at that depth is
/// the last child of its parent. (An entry is the last of its folder when the next id is
/// outside that folder; [`TreeWriter`] reads that off the ids.)
struct TreeLayout {
    folder_last: Vec<u64>,
}

impl TreeLayout {
    /// The layout of `ids` (in [`tree_order`]), or `None` when a folder is nested deeper than
    /// a word has bits.
    fn of(ids: &[std::borrow::Cow<'_, str>]) -> Option<TreeLayout> {
        let within = |id: Option<&std::borrow::Cow<'_, str>>, folder: &str| {
            id.is_some_and(|id| in_folder(id, folder))
        };
        let mut folder_last = vec![0u64; ids.len()];
        for i in (0..ids.len()).rev() {
            let folder = folder_of(&ids[i]);
            let next = ids.get(i + 1);
            let mut bits = 0u64;
            // `ancestor` is the folder at `level`; `parent` the one that holds it.
            let mut parent_end = 0usize;
            for (level, name) in segments(folder).enumerate() {
                if level >= 64 {
                    return None;
                }
                let end = parent_end + usize::from(level != 0) + name.len();
                let ancestor = &folder[..end];
                let parent = &folder[..parent_end];
                let last = if within(next, ancestor) {
                    folder_last[i + 1] & (1 << level) != 0
                } else {
                    !within(next, parent)
                };
                bits |= u64::from(last) << level;
                parent_end = end;
            }
            folder_last[i] = bits;
        }
        Some(TreeLayout { folder_last })
    }

    /// Whether entry `i`'s enclosing folder at `level` is the last of its parent.
    fn folder_is_last(&self, i: usize, level: usize) -> bool {
        self.folder_last[i] & (1 << level) != 0
    }

    /// The indent of a line at depth `depth` in entry `i`'s branch: for each enclosing folder
    /// above it, a bar when more of its parent follows.
    fn indent(&self, i: usize, depth: usize) -> String {
        (0..depth)
            .map(|level| {
                if self.folder_is_last(i, level) {
                    "    "
                } else {
                    "│   "
                }
            })
            .collect()
    }
}

/// The tree as it is drawn: per folder, its prompts' lines and its subfolders by name.
#[derive(Default)]
struct LineTree {
    folders: BTreeMap<String, LineTree>,
    lines: Vec<Box<str>>,
}

impl LineTree {
    /// Adds a prompt's line under `folder` (`support/billing`; empty for the root).
    fn add(&mut self, folder: &str, line: Box<str>) {
        let mut node = self;
        for segment in segments(folder) {
            node = node.folders.entry(segment.to_owned()).or_default();
        }
        node.lines.push(line);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed tree against the tree drawn from every line in memory.
    fn both_ways(ids: &[String]) -> (String, String) {
        let printer = Printer::for_tests(true);
        let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        let mut root = LineTree::default();
        for id in &ids {
            root.add(folder_of(id), format!("line of {id}").into_boxed_str());
        }
        let mut in_memory = String::new();
        draw(&printer, &root, "", &mut in_memory);

        ids.sort_by(|a, b| tree_order(a, b));
        let planned: Vec<std::borrow::Cow<'_, str>> = ids
            .iter()
            .map(|id| std::borrow::Cow::Borrowed(*id))
            .collect();
        let layout = TreeLayout::of(&planned).expect("shallow");
        let mut writer = TreeWriter::new(&planned, layout);
        let mut streamed = String::new();
        for id in &ids {
            assert!(writer.entry(&printer, id, &format!("line of {id}"), &mut streamed));
        }
        (streamed, in_memory)
    }

    #[test]
    fn a_streamed_tree_is_the_tree_drawn_in_memory() {
        let ids: Vec<String> = [
            "top",
            "support/reply",
            "support/reply.formal",
            "support/billing/refund",
            "support/billing/z/deep",
            "support/zeta",
            "agents/plan",
            "agents/tools/search",
            "zz/last/leaf",
            "aa",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let (streamed, in_memory) = both_ways(&ids);
        assert_eq!(streamed, in_memory);
        assert!(streamed.contains("│   ├── "), "{streamed}");
    }

    #[test]
    fn a_tree_deeper_than_a_word_has_bits_has_no_streamed_layout() {
        let id = |depth: usize| std::borrow::Cow::Owned("f/".repeat(depth) + "leaf");
        assert!(TreeLayout::of(&[id(64)]).is_some());
        assert!(TreeLayout::of(&[id(65)]).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn any_library_streams_as_the_tree_in_memory_draws_it(
            ids in proptest::collection::vec(
                (
                    proptest::collection::vec(proptest::sample::select(vec!["a", "b", "ab", "b-"]), 0..4),
                    proptest::sample::select(vec!["x", "y", "x.v", "a", "b"]),
                ),
                1..40,
            )
        ) {
            let ids: Vec<String> = ids
                .into_iter()
                .map(|(folders, leaf)| {
                    let mut id = folders.join("/");
                    if !id.is_empty() {
                        id.push('/');
                    }
                    id + leaf
                })
                .collect();
            let (streamed, in_memory) = both_ways(&ids);
            proptest::prop_assert_eq!(streamed, in_memory);
        }
    }
}
