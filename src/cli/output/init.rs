//! Output of `init`: what was written, as status lines or JSON.
//!
//! JSON shape: `{"schema_version": 1, "root": "...", "created": [...], "updated": [...],
//! "unchanged": [...]}` with paths relative to the root, sorted.

use std::path::{Path, PathBuf};

use promptctl::scaffold::InitReport;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct InitJson {
    schema_version: u32,
    root: String,
    created: Vec<String>,
    updated: Vec<String>,
    unchanged: Vec<String>,
}

fn sorted(paths: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// Prints what `init` did.
pub(crate) fn print(printer: &Printer, root: &Path, report: &InitReport) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = InitJson {
            schema_version: SCHEMA_VERSION,
            root: root.to_string_lossy().into_owned(),
            created: sorted(&report.created),
            updated: sorted(&report.updated),
            unchanged: sorted(&report.unchanged),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    for path in sorted(&report.created) {
        printer.status(&format!("created {path}"));
    }
    for path in sorted(&report.updated) {
        printer.status(&format!("updated {path}"));
    }
    if report.kept_config() {
        let added = if report.created.is_empty() && report.updated.is_empty() {
            "nothing was missing"
        } else {
            "added what was missing"
        };
        printer.status(&format!(
            "`{}` is already a promptctl project: {added}; promptctl.yaml was kept as it is.",
            root.display()
        ));
    } else {
        printer.status(&format!(
            "Initialized a promptctl project in `{}`.\nNext: `promptctl new <folder/name>` to add a prompt, `promptctl lint` to check them.",
            root.display()
        ));
    }
    Ok(())
}
