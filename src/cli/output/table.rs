//! The one table preset, so every table looks alike and fits the width the printer allows.
//!
//! `list --table` draws the same preset a row at a time with
//! [`crate::cli::output::streamed_table`], which must stay in step with [`preset_table`].

use comfy_table::{ContentArrangement, Table, presets};

use crate::cli::printer::Printer;

/// A table with promptctl's look, sized to the terminal width; piped without `COLUMNS`, rows are
/// not wrapped, so no word is split across lines.
pub(crate) fn new_table(printer: &Printer, header: &[&str]) -> Table {
    preset_table(printer.wrap_tables().then(|| printer.width()), header)
}

/// The preset itself: wrapped to `width`, or never wrapped without one.
pub(crate) fn preset_table(width: Option<u16>, header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(header.iter().copied());
    table
}
