//! The one table preset, so every table looks alike and fits the width the printer allows.

use comfy_table::{ContentArrangement, Table, presets};

use crate::cli::printer::Printer;

/// A table with promptctl's look, sized to the terminal width.
pub(crate) fn new_table(printer: &Printer, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(printer.width())
        .set_header(header.iter().copied());
    table
}
