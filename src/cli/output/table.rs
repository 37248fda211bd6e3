//! The one table preset, so every table looks alike and fits the width the printer allows.

use comfy_table::{ContentArrangement, Table, presets};

use crate::cli::printer::Printer;

/// A table with promptctl's look, sized to the terminal width; piped without `COLUMNS`, rows are
/// not wrapped, so no word is split across lines.
pub(crate) fn new_table(printer: &Printer, header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    if printer.wrap_tables() {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(printer.width());
    } else {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(header.iter().copied());
    table
}
