//! Output of `audit`: a table for people, JSON or CSV for compliance tooling.

use promptctl::store::audit::{AuditAction, AuditEntry};
use promptctl::store::history::format_rfc3339;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct AuditJson<'a> {
    schema_version: u32,
    entries: Vec<EntryJson<'a>>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    date: String,
    commit: &'a str,
    author: &'a str,
    email: &'a str,
    committer: &'a str,
    signed: bool,
    verified: Option<&'a str>,
    prompt: &'a str,
    action: &'static str,
    environment: Option<&'a str>,
    version: Option<usize>,
    previous_version: Option<usize>,
    message: &'a str,
}

fn entry_json(e: &AuditEntry) -> EntryJson<'_> {
    let (action, environment, version, previous_version) = match &e.action {
        AuditAction::Added => ("added", None, None, None),
        AuditAction::Changed => ("changed", None, None, None),
        AuditAction::Deleted => ("deleted", None, None, None),
        AuditAction::Released {
            environment,
            version,
            previous,
        } => ("released", Some(environment.as_str()), *version, *previous),
        AuditAction::Unreleased { environment } => {
            ("unreleased", Some(environment.as_str()), None, None)
        }
    };
    EntryJson {
        date: format_rfc3339(e.time),
        commit: &e.commit,
        author: &e.author,
        email: &e.email,
        committer: &e.committer,
        signed: e.signed,
        verified: e.verified.as_deref(),
        prompt: &e.prompt,
        action,
        environment,
        version,
        previous_version,
        message: &e.summary,
    }
}

fn describe(j: &EntryJson<'_>) -> String {
    match (j.action, j.environment) {
        ("released", Some(env)) => format!(
            "released {} to {env}",
            j.version
                .map_or_else(|| "?".to_owned(), |v| format!("v{v}"))
        ),
        ("unreleased", Some(env)) => format!("removed from {env}"),
        (action, _) => action.to_owned(),
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Prints the audit trail.
pub(crate) fn print(printer: &Printer, entries: &[AuditEntry]) -> anyhow::Result<()> {
    let rows: Vec<EntryJson<'_>> = entries.iter().map(entry_json).collect();
    match printer.format {
        OutputFormat::Json => {
            printer.json(&serde_json::to_value(AuditJson {
                schema_version: SCHEMA_VERSION,
                entries: rows,
            })?)?;
        }
        OutputFormat::Csv => {
            let mut text = "date,commit,author,email,committer,signed,verified,prompt,action,environment,version,previous_version,message\n".to_owned();
            for r in &rows {
                let fields = [
                    r.date.clone(),
                    r.commit.to_owned(),
                    r.author.to_owned(),
                    r.email.to_owned(),
                    r.committer.to_owned(),
                    r.signed.to_string(),
                    r.verified.unwrap_or_default().to_owned(),
                    r.prompt.to_owned(),
                    r.action.to_owned(),
                    r.environment.unwrap_or_default().to_owned(),
                    r.version.map(|v| v.to_string()).unwrap_or_default(),
                    r.previous_version
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    r.message.to_owned(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                text.push_str(&line.join(","));
                text.push('\n');
            }
            printer.data(&text)?;
        }
        _ => {
            if rows.is_empty() {
                printer.status("No prompt changes or releases match");
                return Ok(());
            }
            let mut table = new_table(
                printer,
                &[
                    "date", "commit", "author", "prompt", "what", "signed", "verified",
                ],
            );
            for (entry, r) in entries.iter().zip(&rows) {
                table.add_row(vec![
                    r.date.replace('T', " ").trim_end_matches('Z').to_owned(),
                    entry.short.clone(),
                    r.author.to_owned(),
                    r.prompt.to_owned(),
                    describe(r),
                    if r.signed { "yes" } else { "no" }.to_owned(),
                    r.verified.unwrap_or("-").to_owned(),
                ]);
            }
            printer.data(&format!("{table}\n"))?;
        }
    }
    Ok(())
}
