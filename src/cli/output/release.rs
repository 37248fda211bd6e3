//! Output of `release` and `env status`.

use promptctl::store::release::{EnvironmentStatus, Pin, ReleaseReport};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ReleaseJson<'a> {
    schema_version: u32,
    environment: &'a str,
    file: &'a str,
    commit: Option<&'a str>,
    message: &'a str,
    changes: Vec<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    name: &'a str,
    from: Option<PinJson<'a>>,
    to: PinJson<'a>,
}

#[derive(Serialize)]
struct PinJson<'a> {
    version: Option<usize>,
    commit: &'a str,
    blob: &'a str,
    path: &'a str,
}

fn pin_json(pin: &Pin) -> PinJson<'_> {
    PinJson {
        version: pin.version,
        commit: &pin.commit,
        blob: &pin.blob,
        path: &pin.path,
    }
}

fn label(pin: &Pin) -> String {
    pin.version
        .map_or_else(|| pin.blob.chars().take(7).collect(), |v| format!("v{v}"))
}

/// Prints what a release changed.
pub(crate) fn print_release(printer: &Printer, report: &ReleaseReport) -> anyhow::Result<()> {
    let commit = report.committed.as_ref().and_then(|c| c.commit.as_deref());
    if let Some(warning) = report.committed.as_ref().and_then(|c| c.warning.as_deref()) {
        printer.warn(warning);
    }
    if printer.format == OutputFormat::Json {
        let doc = ReleaseJson {
            schema_version: SCHEMA_VERSION,
            environment: &report.environment,
            file: &report.path,
            commit,
            message: &report.message,
            changes: report
                .changes
                .iter()
                .map(|c| ChangeJson {
                    name: &c.name,
                    from: c.from.as_ref().map(pin_json),
                    to: pin_json(&c.to),
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if report.changes.is_empty() {
        printer.status(&format!(
            "Nothing to release: `{}` already has these versions",
            report.environment
        ));
        return Ok(());
    }
    for change in &report.changes {
        let from = change
            .from
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), label);
        printer.status(&format!(
            "  {}: {from} -> {}",
            change.name,
            label(&change.to)
        ));
    }
    match report.committed.as_ref().and_then(|c| c.short.as_deref()) {
        Some(short) => printer.status(&format!(
            "{} ({short})",
            report.message.lines().next().unwrap_or_default()
        )),
        None => printer.status(&format!("Wrote {} (not committed)", report.path)),
    }
    Ok(())
}

#[derive(Serialize)]
struct StatusJson<'a> {
    schema_version: u32,
    environments: &'a [String],
    prompts: Vec<StatusRowJson<'a>>,
}

#[derive(Serialize)]
struct StatusRowJson<'a> {
    name: &'a str,
    head_version: Option<usize>,
    environments: serde_json::Map<String, serde_json::Value>,
}

/// Prints the comparison of environments with HEAD.
pub(crate) fn print_status(printer: &Printer, status: &EnvironmentStatus) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let prompts = status
            .rows
            .iter()
            .map(|row| {
                let mut envs = serde_json::Map::new();
                for (env, pin) in status.environments.iter().zip(&row.pins) {
                    let value = pin
                        .as_ref()
                        .map_or(serde_json::Value::Null, |(pin, state)| {
                            serde_json::json!({
                                "version": pin.version,
                                "blob": pin.blob,
                                "commit": pin.commit,
                                "state": state.as_str(),
                            })
                        });
                    envs.insert(env.clone(), value);
                }
                StatusRowJson {
                    name: &row.name,
                    head_version: row.head_version,
                    environments: envs,
                }
            })
            .collect();
        printer.json(&serde_json::to_value(StatusJson {
            schema_version: SCHEMA_VERSION,
            environments: &status.environments,
            prompts,
        })?)?;
        return Ok(());
    }
    if status.environments.is_empty() {
        printer.status("No environments yet: `promptctl release NAME --env ENV` creates one");
        return Ok(());
    }
    let mut header = vec!["prompt", "HEAD"];
    header.extend(status.environments.iter().map(String::as_str));
    let mut table = new_table(printer, &header);
    for row in &status.rows {
        let mut cells = vec![
            row.name.clone(),
            row.head_version
                .map_or_else(|| "—".to_owned(), |v| format!("v{v}")),
        ];
        for pin in &row.pins {
            cells.push(pin.as_ref().map_or_else(
                || "—".to_owned(),
                |(pin, state)| format!("{} ({})", label(pin), state.as_str()),
            ));
        }
        table.add_row(cells);
    }
    printer.data(&format!("{table}\n"))?;
    Ok(())
}
