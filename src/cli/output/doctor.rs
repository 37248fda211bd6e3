//! Output of `doctor`: one line per check, with the fix under it, or JSON.
//!
//! JSON shape: `{"schema_version": 1, "healthy": bool, "checks": [{"name", "status": "ok" |
//! "warning" | "problem", "message", "hint"}]}`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CheckStatus {
    Ok,
    Warning,
    Problem,
}

/// One thing `doctor` looked at.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Check {
    pub(crate) name: &'static str,
    pub(crate) status: CheckStatus,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Check {
    pub(crate) fn new(
        status: CheckStatus,
        name: &'static str,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Check {
        Check {
            name,
            status,
            message: message.into(),
            hint,
        }
    }

    pub(crate) fn ok(name: &'static str, message: impl Into<String>) -> Check {
        Check::new(CheckStatus::Ok, name, message, None)
    }
}

#[derive(Serialize)]
struct DoctorJson<'a> {
    schema_version: u32,
    healthy: bool,
    checks: &'a [Check],
}

/// Prints the checks.
pub(crate) fn print(printer: &Printer, checks: &[Check]) -> anyhow::Result<()> {
    let problems = checks
        .iter()
        .filter(|c| c.status == CheckStatus::Problem)
        .count();
    if printer.format == OutputFormat::Json {
        let doc = DoctorJson {
            schema_version: SCHEMA_VERSION,
            healthy: problems == 0,
            checks,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut text = String::new();
    for check in checks {
        let label = match check.status {
            CheckStatus::Ok => printer.paint("ok     ", anstyle::AnsiColor::Green),
            CheckStatus::Warning => printer.paint("warning", anstyle::AnsiColor::Yellow),
            CheckStatus::Problem => printer.paint("problem", anstyle::AnsiColor::Red),
        };
        let _ = writeln!(text, "{label}  {}: {}", check.name, check.message);
        if let Some(hint) = &check.hint {
            let _ = writeln!(text, "         fix: {hint}");
        }
    }
    printer.data(&text)?;
    match problems {
        0 => printer.status("No problems found."),
        1 => printer.status("1 problem found."),
        n => printer.status(&format!("{n} problems found.")),
    }
    Ok(())
}
