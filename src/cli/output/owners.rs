//! Output of `owners check` and `owners sync`.

use std::fmt::Write as _;

use promptctl::owners::{Mismatch, Owned};
use serde_json::json;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// Prints the prompts whose CODEOWNERS owners differ from their declared owners.
pub(crate) fn check(
    printer: &Printer,
    codeowners: Option<&str>,
    checked: usize,
    mismatches: &[Mismatch],
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let items: Vec<_> = mismatches
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "path": m.path,
                    "owners": m.declared,
                    "codeowners": m.codeowners.as_ref().map(|a| &a.owners),
                    "codeowners_line": m.codeowners.as_ref().map(|a| a.line),
                })
            })
            .collect();
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "codeowners": codeowners,
            "checked": checked,
            "mismatches": items,
        }))?;
        return Ok(());
    }
    let file = codeowners.unwrap_or("CODEOWNERS");
    let mut out = String::new();
    for m in mismatches {
        let declared = if m.declared.is_empty() {
            "no owners".to_owned()
        } else {
            m.declared.join(", ")
        };
        let assigned = match &m.codeowners {
            Some(a) if a.owners.is_empty() => format!("{file}:{} assigns nobody", a.line),
            Some(a) => format!("{file}:{} assigns {}", a.line, a.owners.join(" ")),
            None => format!("{file} has no line for it"),
        };
        let _ = writeln!(
            out,
            "{}: {}: owners {declared}, but {assigned}",
            m.path, m.id
        );
    }
    printer.data(&out)?;
    if mismatches.is_empty() {
        printer.status(&format!("{checked} prompts: owners match {file}"));
    } else {
        printer.status(&format!(
            "{} of {checked} prompts differ from {file}; `promptctl owners sync` writes their lines",
            mismatches.len()
        ));
    }
    Ok(())
}

/// Reports what `owners sync` wrote.
pub(crate) fn synced(
    printer: &Printer,
    location: &str,
    prompts: &[Owned],
    changed: bool,
) -> anyhow::Result<()> {
    let lines = prompts.iter().filter(|p| !p.owners.is_empty()).count();
    if printer.format == OutputFormat::Json {
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "codeowners": location,
            "lines": lines,
            "changed": changed,
        }))?;
    } else if changed {
        printer.status(&format!("wrote {lines} prompt lines to {location}"));
    } else {
        printer.status(&format!("{location} is up to date ({lines} prompt lines)"));
    }
    Ok(())
}
