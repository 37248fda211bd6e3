//! Output of `export` and `import`: what was written and every portability note.

use std::fmt::Write as _;

use std::path::Path;

use promptctl::interop::Report;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    action: &'a str,
    destination: String,
    written: &'a [String],
    unchanged: &'a [String],
    notes: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    path: &'a str,
    line: Option<usize>,
    message: &'a str,
}

/// Prints an import/export report on stdout: JSON, or a summary and the notes.
pub(crate) fn print(
    printer: &Printer,
    action: &str,
    dest: &Path,
    report: &Report,
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = ReportJson {
            schema_version: SCHEMA_VERSION,
            action,
            destination: dest.display().to_string(),
            written: &report.written,
            unchanged: &report.unchanged,
            notes: report
                .notes
                .iter()
                .map(|n| NoteJson {
                    path: &n.path,
                    line: n.line,
                    message: &n.message,
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut out = String::new();
    if printer.verbose(1) {
        for file in &report.written {
            let _ = writeln!(out, "  wrote {file}");
        }
    }
    let verb = if action == "export" {
        "Exported"
    } else {
        "Imported"
    };
    let _ = writeln!(
        out,
        "{verb} {} file{} to {} ({} unchanged)",
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" },
        dest.display(),
        report.unchanged.len()
    );
    if !report.notes.is_empty() {
        let _ = writeln!(
            out,
            "{} note{} on portability:",
            report.notes.len(),
            if report.notes.len() == 1 { "" } else { "s" }
        );
        for n in &report.notes {
            let at = n.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(out, "  {}{at}: {}", n.path, n.message);
        }
    }
    printer.data(&out)?;
    Ok(())
}
