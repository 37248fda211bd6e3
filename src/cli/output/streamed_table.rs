//! A table drawn exactly as comfy-table draws [`new_table`]'s preset, written a row at a time.
//!
//! comfy-table lays a table out in memory: every cell becomes a `Cell` holding a `String` per
//! line, every formatted line another `String`, and the output one more `String` on top. For
//! `list --table` on a 100k-prompt library that peaked at 573 MB. [`StreamedTable`] keeps the
//! cells as one string with offsets, computes the column widths as comfy-table's arrangement
//! does (`Dynamic` to a width, or `Disabled`), then formats and writes one row at a time.
//!
//! Only what [`new_table`] sets up is reproduced: `UTF8_FULL_CONDENSED` borders, one space of
//! padding, left alignment, words split at spaces, no column constraints, every row as wide as
//! the header. The arithmetic follows comfy-table 7.2 line by line (including that it compares
//! display widths to average space but shrinks a column to the *byte* length of its longest
//! split line); `tests::same_bytes_as_comfy_table` checks the output against comfy-table itself.
//!
//! [`new_table`]: crate::cli::output::table::new_table

use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Spaces left and right of every cell's content.
const PADDING: usize = 2;
/// comfy-table closes a line once no more than this many columns are left on it.
const MIN_FREE_CHARS: usize = 2;

/// The cells of a table with `N` columns, kept compactly until the table is written.
pub(crate) struct StreamedTable<const N: usize> {
    header: [&'static str; N],
    /// Every cell's text, row after row.
    text: String,
    /// Where each cell ends in `text`, `N` per row.
    ends: Vec<usize>,
    /// Per column, the widest line of any cell, header included: at least 1, at most `u16::MAX`.
    max_widths: [u16; N],
}

impl<const N: usize> StreamedTable<N> {
    pub(crate) fn new(header: [&'static str; N]) -> StreamedTable<N> {
        let mut table = StreamedTable {
            header,
            text: String::new(),
            ends: Vec::new(),
            max_widths: [0; N],
        };
        table.measure(header);
        table
    }

    /// Adds a row; a `\n` in a cell starts a new line within it.
    pub(crate) fn push_row(&mut self, cells: [&str; N]) {
        self.measure(cells);
        for cell in cells {
            self.text.push_str(cell);
            self.ends.push(self.text.len());
        }
    }

    /// The number of rows pushed.
    pub(crate) fn len(&self) -> usize {
        self.ends.len() / N.max(1)
    }

    fn measure(&mut self, cells: [&str; N]) {
        for (max, cell) in self.max_widths.iter_mut().zip(cells) {
            let widest = cell.split('\n').map(str::width).max().unwrap_or(0);
            let widest = u16::try_from(widest).unwrap_or(u16::MAX).max(1);
            *max = (*max).max(widest);
        }
    }

    fn cell(&self, row: usize, column: usize) -> &str {
        let index = row * N + column;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.text[start..self.ends[index]]
    }

    /// The header's cell and then every row's, down one column.
    fn column(&self, column: usize) -> impl Iterator<Item = &str> {
        std::iter::once(self.header[column])
            .chain((0..self.len()).map(move |row| self.cell(row, column)))
    }

    /// Writes the table, laid out to `width` (comfy-table's `Dynamic` arrangement) or, without
    /// one, with every column as wide as its widest line (`Disabled`). Every line ends in `\n`.
    pub(crate) fn write_to(&self, width: Option<u16>, out: &mut impl Write) -> io::Result<()> {
        let widths = match width {
            Some(width) => self.arrange(usize::from(width)),
            None => self.max_widths,
        };
        let mut line = String::new();
        border(&mut line, &widths, ['┌', '─', '┬', '┐']);
        out.write_all(line.as_bytes())?;
        let mut cells: [Vec<String>; N] = std::array::from_fn(|_| Vec::new());
        write_row(out, &mut line, &mut cells, &widths, self.header)?;
        border(&mut line, &widths, ['╞', '═', '╪', '╡']);
        out.write_all(line.as_bytes())?;
        for row in 0..self.len() {
            let row: [&str; N] = std::array::from_fn(|column| self.cell(row, column));
            write_row(out, &mut line, &mut cells, &widths, row)?;
        }
        border(&mut line, &widths, ['└', '─', '┴', '┘']);
        out.write_all(line.as_bytes())
    }

    /// comfy-table's `dynamic::arrange` for columns without constraints: the content width of
    /// every column for a table `table_width` wide.
    fn arrange(&self, table_width: usize) -> [u16; N] {
        let mut fixed: [Option<u16>; N] = [None; N];
        // Left and right border, a line between columns, and each column's padding.
        let mut remaining_width = table_width
            .saturating_sub(N + 1)
            .saturating_sub(N * PADDING);
        let mut remaining_columns = N;

        // Columns whose widest line fits in the average space keep that width, which leaves
        // more for the others.
        let mut found = true;
        while found && remaining_columns > 0 {
            found = false;
            let mut average = remaining_width / remaining_columns;
            if average == 0 {
                break;
            }
            for (column, slot) in fixed.iter_mut().enumerate() {
                let max = self.max_widths[column];
                if slot.is_some() || usize::from(max) > average {
                    continue;
                }
                *slot = Some(content_width(max));
                remaining_width = remaining_width.saturating_sub(max.into());
                remaining_columns -= 1;
                if remaining_columns == 0 {
                    break;
                }
                average = remaining_width / remaining_columns;
                found = true;
            }
        }

        // Columns that need notably less than the average once their lines are split keep
        // the width of their longest split line.
        if let Some(mut average) = remaining_width.checked_div(remaining_columns) {
            let mut found = true;
            while found {
                found = false;
                for (column, slot) in fixed.iter_mut().enumerate() {
                    if slot.is_some() {
                        continue;
                    }
                    let longest = self.longest_line_after_split(average, column);
                    if average.saturating_sub(longest) < 3 {
                        continue;
                    }
                    *slot = Some(content_width(clamp_u16(longest)));
                    remaining_width = remaining_width.saturating_sub(longest);
                    remaining_columns -= 1;
                    if remaining_columns == 0 {
                        break;
                    }
                    average = remaining_width / remaining_columns;
                    found = true;
                }
            }
        }

        // The rest is shared evenly, the first columns getting one more when it does not
        // divide, and at least one each.
        if remaining_columns > 0 {
            let remaining_width = remaining_width.max(remaining_columns);
            let average = remaining_width / remaining_columns;
            let mut excess = remaining_width - average * remaining_columns;
            for slot in fixed.iter_mut().filter(|slot| slot.is_none()) {
                let width = if excess > 0 {
                    excess -= 1;
                    average + 1
                } else {
                    average
                };
                *slot = Some(content_width(clamp_u16(width)));
            }
        }
        fixed.map(|width| width.unwrap_or(1))
    }

    /// comfy-table's `longest_line_after_split`: the longest line of a column, in bytes, once
    /// lines wider than `average` are split to that width.
    fn longest_line_after_split(&self, average: usize, column: usize) -> usize {
        let width = usize::from(content_width(clamp_u16(average)));
        let mut longest = 0;
        for cell in self.column(column) {
            for line in cell.split('\n') {
                if line.width() > average {
                    for part in split_line(line, width) {
                        longest = longest.max(part.len());
                    }
                } else {
                    longest = longest.max(line.len());
                }
            }
        }
        longest
    }
}

/// A column's content width is at least 1.
fn content_width(width: u16) -> u16 {
    width.max(1)
}

fn clamp_u16(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// A column's width with its padding, as the borders draw it.
fn full_width(content_width: u16) -> usize {
    usize::from(content_width.saturating_add(2))
}

/// A horizontal border: left corner, fill, crossing between columns, right corner.
fn border(line: &mut String, widths: &[u16], [left, fill, cross, right]: [char; 4]) {
    line.clear();
    line.push(left);
    for (i, &width) in widths.iter().enumerate() {
        if i > 0 {
            line.push(cross);
        }
        line.extend(std::iter::repeat_n(fill, full_width(width)));
    }
    line.push(right);
    line.push('\n');
}

/// Formats one row, as many lines as its tallest cell, and writes it.
fn write_row<const N: usize>(
    out: &mut impl Write,
    line: &mut String,
    cells: &mut [Vec<String>; N],
    widths: &[u16; N],
    row: [&str; N],
) -> io::Result<()> {
    for ((lines, content), &width) in cells.iter_mut().zip(row).zip(widths) {
        lines.clear();
        let width = usize::from(width);
        for part in content.split('\n') {
            if part.width() > width {
                lines.extend(split_line(part, width));
            } else {
                lines.push(part.to_owned());
            }
        }
    }
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for index in 0..height {
        line.clear();
        line.push('│');
        for (column, (lines, &width)) in cells.iter().zip(widths).enumerate() {
            if column > 0 {
                line.push('┆');
            }
            match lines.get(index) {
                Some(text) => {
                    let fill = usize::from(width).saturating_sub(text.width());
                    line.push(' ');
                    line.push_str(text);
                    line.extend(std::iter::repeat_n(' ', fill + 1));
                }
                None => line.extend(std::iter::repeat_n(' ', full_width(width))),
            }
        }
        line.push_str("│\n");
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// comfy-table's `split_line` with a space as delimiter: words are added to a line while they
/// fit; a word longer than a whole line is cut at a grapheme; a line with at most
/// [`MIN_FREE_CHARS`] columns left is closed.
fn split_line(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut words: Vec<String> = line.split(' ').rev().map(str::to_owned).collect();
    let mut current = String::new();
    while let Some(next) = words.pop() {
        let current_length = current.width();
        let next_length = next.width();
        let mut added_length = next_length + current_length;
        let mut remaining_width = width.saturating_sub(current_length);
        if !current.is_empty() {
            added_length += 1;
            remaining_width = remaining_width.saturating_sub(1);
        }

        if added_length <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&next);
            close_if_full(&mut lines, width, &mut current);
            continue;
        }
        if !current.is_empty() && remaining_width <= MIN_FREE_CHARS {
            words.push(next);
            lines.push(std::mem::take(&mut current));
            continue;
        }
        if next_length > width {
            let new_line = current.is_empty();
            if !new_line {
                current.push(' ');
            }
            let (head, mut rest) = split_long_word(remaining_width, &next);
            current.push_str(head);
            if new_line && head.is_empty() {
                // Not even one grapheme fits an empty line: it takes one character anyway.
                let mut chars = rest.chars();
                if let Some(c) = chars.next() {
                    current.push(c);
                }
                rest = chars.as_str();
            }
            words.push(rest.to_owned());
            lines.push(std::mem::take(&mut current));
            continue;
        }
        lines.push(std::mem::take(&mut current));
        current = next;
        close_if_full(&mut lines, width, &mut current);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Closes the current line once no more than [`MIN_FREE_CHARS`] columns are left on it.
fn close_if_full(lines: &mut Vec<String>, width: usize, current: &mut String) {
    if current.width() > width.saturating_sub(MIN_FREE_CHARS) {
        lines.push(std::mem::take(current));
    }
}

/// The longest run of whole graphemes of `word` at most `allowed` columns wide, and the rest.
fn split_long_word(allowed: usize, word: &str) -> (&str, &str) {
    let mut used = 0;
    let mut end = 0;
    for (index, grapheme) in word.grapheme_indices(true) {
        let width = grapheme.width();
        if used + width > allowed {
            break;
        }
        used += width;
        end = index + grapheme.len();
    }
    word.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output::table::preset_table;
    use proptest::prelude::*;

    fn ours<const N: usize>(
        header: [&'static str; N],
        rows: &[[String; N]],
        width: Option<u16>,
    ) -> String {
        let mut table = StreamedTable::new(header);
        for row in rows {
            table.push_row(std::array::from_fn(|i| row[i].as_str()));
        }
        let mut out = Vec::new();
        table.write_to(width, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn comfy<const N: usize>(
        header: [&'static str; N],
        rows: &[[String; N]],
        width: Option<u16>,
    ) -> String {
        let mut table = preset_table(width, &header);
        for row in rows {
            table.add_row(row.to_vec());
        }
        format!("{table}\n")
    }

    #[test]
    fn a_small_table_wraps_like_comfy_table() {
        let rows = [
            ["support/reply".to_owned(), "Reply to a ticket".to_owned()],
            [
                String::new(),
                "a much longer description that has to wrap".to_owned(),
            ],
        ];
        for width in [None, Some(20), Some(30), Some(80)] {
            assert_eq!(
                ours(["PROMPT", "DESCRIPTION"], &rows, width),
                comfy(["PROMPT", "DESCRIPTION"], &rows, width),
                "width {width:?}"
            );
        }
    }

    /// Cell text: words short and long (longer than any column), runs of spaces, empty cells,
    /// accents, combining marks, CJK and emoji (two columns wide), tabs and newlines.
    fn cell() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "a",
            "word",
            "prompt",
            "support/billing/deep/refund",
            "supercalifragilisticexpialidocious-and-then-some-more-text-without-any-space",
            " ",
            "  ",
            ", ",
            "\n",
            "é",
            "e\u{301}",
            "漢字",
            "日本語のテキスト",
            "🙂",
            "👩\u{200d}💻",
            "\t",
            "-",
        ]);
        prop::collection::vec(atoms, 0..12).prop_map(|v| v.concat())
    }

    fn rows<const N: usize>() -> impl Strategy<Value = Vec<[String; N]>> {
        prop::collection::vec(
            prop::collection::vec(cell(), N).prop_map(|v| {
                <[String; N]>::try_from(v).unwrap_or_else(|_| unreachable!("N cells"))
            }),
            0..8,
        )
    }

    fn width() -> impl Strategy<Value = Option<u16>> {
        prop_oneof![
            Just(None),
            (20u16..=200).prop_map(Some),
            (0u16..20).prop_map(Some)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// `list --table`'s six columns, wrapped to 20-200 columns or not at all, byte for
        /// byte what comfy-table prints.
        #[test]
        fn same_bytes_as_comfy_table(rows in rows::<6>(), width in width()) {
            let header = ["PROMPT", "STATUS", "CATEGORY", "TAGS", "OWNERS", "DESCRIPTION"];
            prop_assert_eq!(ours(header, &rows, width), comfy(header, &rows, width));
        }

        /// Fewer, wider columns reach the even split of the remaining width more often.
        #[test]
        fn same_bytes_as_comfy_table_two_columns(rows in rows::<2>(), width in width()) {
            let header = ["ID", "TEXT"];
            prop_assert_eq!(ours(header, &rows, width), comfy(header, &rows, width));
        }
    }
}
