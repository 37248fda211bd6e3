//! Output of `log`: one line per version for people, every field as JSON for scripts.

use std::fmt::Write as _;

use promptctl::store::history::{LogEntry, PromptLog, VersionKind, format_date, format_rfc3339};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct LogJson<'a> {
    schema_version: u32,
    name: &'a str,
    path: &'a str,
    total_versions: usize,
    versions: Vec<VersionJson<'a>>,
}

#[derive(Serialize)]
struct VersionJson<'a> {
    version: usize,
    commit: &'a str,
    short: &'a str,
    author: &'a str,
    email: &'a str,
    date: String,
    message: &'a str,
    path: &'a str,
    kind: &'static str,
    renamed_from: Option<&'a str>,
    blob: Option<&'a str>,
    lines_added: usize,
    lines_removed: usize,
    fields_changed: Vec<&'a str>,
    breaking: &'a [String],
    summary: String,
}

fn kind(entry: &LogEntry) -> (&'static str, Option<&str>) {
    match &entry.version.kind {
        VersionKind::Added => ("added", None),
        VersionKind::Modified => ("modified", None),
        VersionKind::Renamed { from } => ("renamed", Some(from.as_str())),
        VersionKind::Deleted => ("deleted", None),
    }
}

/// What a version did, in a few words.
pub(crate) fn change_summary(entry: &LogEntry) -> String {
    match &entry.version.kind {
        VersionKind::Added => format!("created; {}", entry.diff.summary()),
        VersionKind::Deleted => "deleted".to_owned(),
        VersionKind::Renamed { from } if entry.diff.is_empty() => format!("renamed from {from}"),
        VersionKind::Renamed { from } => format!("renamed from {from}; {}", entry.diff.summary()),
        VersionKind::Modified => entry.diff.summary(),
    }
}

/// Prints a prompt's log.
pub(crate) fn print(printer: &Printer, log: &PromptLog) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = LogJson {
            schema_version: SCHEMA_VERSION,
            name: &log.name,
            path: &log.path,
            total_versions: log.total,
            versions: log
                .entries
                .iter()
                .map(|e| {
                    let (kind, renamed_from) = kind(e);
                    VersionJson {
                        version: e.version.number,
                        commit: &e.version.commit,
                        short: &e.version.short,
                        author: &e.version.author,
                        email: &e.version.email,
                        date: format_rfc3339(e.version.time),
                        message: &e.version.summary,
                        path: &e.version.path,
                        kind,
                        renamed_from,
                        blob: e.version.blob.as_deref(),
                        lines_added: e.diff.lines_added,
                        lines_removed: e.diff.lines_removed,
                        fields_changed: e.diff.fields.iter().map(|f| f.path.as_str()).collect(),
                        breaking: &e.diff.breaking,
                        summary: change_summary(e),
                    }
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if log.entries.is_empty() {
        printer.status(&format!("`{}` has no committed versions yet", log.name));
        return Ok(());
    }
    let mut text = String::new();
    for e in &log.entries {
        let v = &e.version;
        let number = printer.paint(&format!("v{:<3}", v.number), anstyle::AnsiColor::Yellow);
        let breaking = if e.diff.breaking.is_empty() {
            String::new()
        } else {
            format!(" {}", printer.paint("[breaking]", anstyle::AnsiColor::Red))
        };
        let _ = writeln!(
            text,
            "{number} {}  {}  {}  {}\n      {}{breaking}",
            v.short,
            format_date(v.time, v.offset),
            v.author,
            v.summary,
            change_summary(e),
        );
    }
    if log.entries.len() < log.total && log.entries.last().is_some_and(|e| e.version.number > 1) {
        let _ = writeln!(
            text,
            "({} earlier versions not shown; use --follow or --limit)",
            log.entries.last().map_or(0, |e| e.version.number - 1)
        );
    }
    printer.data(&text)?;
    Ok(())
}
