//! Output of `providers list`, `providers check` and `auth`: tables for people, JSON for
//! scripts. Credentials appear only as their source, never as text.

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

/// One row of `providers list`.
#[derive(Debug, Serialize)]
pub(crate) struct ProviderRow {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) description: String,
    pub(crate) endpoints: Vec<String>,
    pub(crate) models: Vec<String>,
    pub(crate) credential: String,
    pub(crate) configured: bool,
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema_version: u32,
    providers: &'a [ProviderRow],
}

/// Prints the provider list.
pub(crate) fn print_list(printer: &Printer, rows: &[ProviderRow]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::to_value(ListJson {
            schema_version: SCHEMA_VERSION,
            providers: rows,
        })?)?;
        return Ok(());
    }
    let mut table = new_table(
        printer,
        &["provider", "kind", "endpoint", "models", "credential"],
    );
    for row in rows {
        table.add_row(vec![
            if row.configured {
                format!("{} *", row.name)
            } else {
                row.name.clone()
            },
            row.kind.to_owned(),
            if row.endpoints.is_empty() {
                "-".to_owned()
            } else {
                row.endpoints.join("\n")
            },
            if row.models.is_empty() {
                "-".to_owned()
            } else {
                row.models.join(", ")
            },
            row.credential.clone(),
        ]);
    }
    printer.data(&format!("{table}\n"))?;
    if rows.iter().any(|r| r.configured) {
        printer.status("* configured in promptctl.yaml");
    }
    Ok(())
}

/// How one check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CheckStatus {
    Ok,
    Failed,
    Skipped,
}

/// One row of `providers check`.
#[derive(Debug, Serialize)]
pub(crate) struct CheckRow {
    pub(crate) provider: String,
    pub(crate) model: String,
    pub(crate) status: CheckStatus,
    pub(crate) latency_ms: Option<u64>,
    pub(crate) detail: String,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    schema_version: u32,
    checks: &'a [CheckRow],
}

/// Prints the check table.
pub(crate) fn print_check(printer: &Printer, rows: &[CheckRow]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::to_value(CheckJson {
            schema_version: SCHEMA_VERSION,
            checks: rows,
        })?)?;
        return Ok(());
    }
    if rows.is_empty() {
        printer.status("no providers to check: configure one in promptctl.yaml or set its key");
        return Ok(());
    }
    let mut table = new_table(
        printer,
        &["provider", "model", "status", "latency", "detail"],
    );
    for row in rows {
        let status = match row.status {
            CheckStatus::Ok => printer.paint("ok", anstyle::AnsiColor::Green),
            CheckStatus::Failed => printer.paint("FAILED", anstyle::AnsiColor::Red),
            CheckStatus::Skipped => "skipped".to_owned(),
        };
        table.add_row(vec![
            row.provider.clone(),
            row.model.clone(),
            status,
            row.latency_ms
                .map_or_else(|| "-".to_owned(), |ms| format!("{ms} ms")),
            row.detail.clone(),
        ]);
    }
    printer.data(&format!("{table}\n"))?;
    Ok(())
}

/// One row of `auth list` / `auth get`.
#[derive(Debug, Serialize)]
pub(crate) struct AuthRow {
    pub(crate) provider: String,
    pub(crate) keyring: bool,
    pub(crate) characters: Option<usize>,
    pub(crate) fingerprint: Option<String>,
    pub(crate) env_override: Option<String>,
}

#[derive(Serialize)]
struct AuthJson<'a> {
    schema_version: u32,
    keys: &'a [AuthRow],
}

/// Prints which providers have a key in the keyring.
pub(crate) fn print_auth(printer: &Printer, rows: &[AuthRow]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::to_value(AuthJson {
            schema_version: SCHEMA_VERSION,
            keys: rows,
        })?)?;
        return Ok(());
    }
    let mut table = new_table(printer, &["provider", "keyring", "fingerprint", "note"]);
    for row in rows {
        table.add_row(vec![
            row.provider.clone(),
            match row.characters {
                Some(n) if row.keyring => format!("set ({n} characters)"),
                _ => "not set".to_owned(),
            },
            row.fingerprint.clone().unwrap_or_else(|| "-".to_owned()),
            row.env_override
                .as_ref()
                .map_or_else(String::new, |v| format!("{v} is set and wins")),
        ]);
    }
    printer.data(&format!("{table}\n"))?;
    Ok(())
}
