//! Output of `new`: the created file's path on stdout (so `$EDITOR "$(promptctl new x)"` works),
//! or `{"schema_version": 1, "name": "...", "path": "..."}`.

use std::path::Path;

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct NewJson<'a> {
    schema_version: u32,
    name: &'a str,
    path: String,
}

/// Prints the created prompt's path.
pub(crate) fn print(printer: &Printer, name: &str, path: &Path) -> anyhow::Result<()> {
    let shown = path.to_string_lossy().replace('\\', "/");
    if printer.format == OutputFormat::Json {
        let doc = NewJson {
            schema_version: SCHEMA_VERSION,
            name: name.strip_suffix(".prompt").unwrap_or(name),
            path: shown,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    printer.data(&format!("{shown}\n"))?;
    Ok(())
}
