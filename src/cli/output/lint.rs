//! Output of `lint`: findings as text, JSON or GitHub workflow annotations; rule lists and
//! explanations.
//!
//! JSON shape (`schema_version` 1):
//! `{"schema_version": 1, "files_checked": 3, "fail_on": "error", "failed": true,
//!   "summary": {"error": 1, "warning": 0, "info": 2},
//!   "findings": [{"rule", "severity", "path", "line", "column", "message", "hint"}]}`
//! with findings sorted by path, line, column, then rule. `line`/`column` are 0 when the finding
//! is about the whole file.

use std::fmt::Write as _;

use promptctl::finding::{Finding, Severity};
use promptctl::lint::{LintReport, Rule};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    files_checked: usize,
    fail_on: &'static str,
    failed: bool,
    summary: SummaryJson,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct RulesJson {
    schema_version: u32,
    rules: Vec<RuleJson>,
}

#[derive(Serialize)]
struct RuleJson {
    id: &'static str,
    severity: &'static str,
    summary: &'static str,
    explanation: &'static str,
}

/// Prints a lint report in the printer's format, and a summary line on stderr.
pub(crate) fn print(
    printer: &Printer,
    report: &LintReport,
    threshold: Severity,
) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => {
            let doc = ReportJson {
                schema_version: SCHEMA_VERSION,
                files_checked: report.files_checked,
                fail_on: threshold.as_str(),
                failed: report.fails(threshold),
                summary: SummaryJson {
                    error: report.count(Severity::Error),
                    warning: report.count(Severity::Warning),
                    info: report.count(Severity::Info),
                },
                findings: report.findings.iter().map(finding_json).collect(),
            };
            printer.json(&serde_json::to_value(doc)?)?;
            return Ok(());
        }
        OutputFormat::Github => {
            let text: String = report.findings.iter().map(github_line).collect();
            printer.data(&text)?;
        }
        _ => {
            let text: String = report
                .findings
                .iter()
                .map(|f| human_finding(printer, f))
                .collect();
            printer.data(&text)?;
        }
    }
    printer.status(&summary_line(report));
    Ok(())
}

fn finding_json(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        rule: &f.rule,
        severity: f.severity.as_str(),
        path: slash_path(f),
        line: f.location.line,
        column: f.location.column,
        message: &f.message,
        hint: f.hint.as_deref(),
    }
}

/// The path with `/` separators on every platform, as CI tools expect.
fn slash_path(f: &Finding) -> String {
    f.location.path.to_string_lossy().replace('\\', "/")
}

fn human_finding(printer: &Printer, f: &Finding) -> String {
    let color = match f.severity {
        Severity::Error => anstyle::AnsiColor::Red,
        Severity::Warning => anstyle::AnsiColor::Yellow,
        Severity::Info => anstyle::AnsiColor::Cyan,
    };
    let label = printer.paint(&format!("{}[{}]", f.severity, f.rule), color);
    let mut text = format!("{}: {label}: {}\n", f.location, f.message);
    if let Some(hint) = &f.hint {
        let _ = writeln!(text, "  hint: {hint}");
    }
    text
}

fn summary_line(report: &LintReport) -> String {
    let files = plural(report.files_checked, "file", "files");
    if report.findings.is_empty() {
        return format!("checked {files}: no problems found");
    }
    format!(
        "checked {files}: {}, {}, {}",
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        plural(report.count(Severity::Info), "info", "info"),
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`).
fn github_line(f: &Finding) -> String {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = format!("file={}", escape_property(&slash_path(f)));
    if f.location.line > 0 {
        let _ = write!(properties, ",line={}", f.location.line);
        if f.location.column > 0 {
            let _ = write!(properties, ",col={}", f.location.column);
        }
    }
    let _ = write!(properties, ",title={}", escape_property(&f.rule));
    let mut message = f.message.clone();
    if let Some(hint) = &f.hint {
        let _ = write!(message, "\nhint: {hint}");
    }
    format!("::{level} {properties}::{}\n", escape_data(&message))
}

/// Escapes a workflow command's message, as the GitHub Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Prints every rule: a table for people, a list for programs.
pub(crate) fn print_rules(printer: &Printer, rules: &[&dyn Rule]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = RulesJson {
            schema_version: SCHEMA_VERSION,
            rules: rules.iter().map(|r| rule_json(*r)).collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut table = new_table(printer, &["rule", "severity", "checks"]);
    for rule in rules {
        table.add_row([rule.id(), rule.default_severity().as_str(), rule.summary()]);
    }
    printer.data(&format!("{table}\n"))?;
    Ok(())
}

fn rule_json(rule: &dyn Rule) -> RuleJson {
    RuleJson {
        id: rule.id(),
        severity: rule.default_severity().as_str(),
        summary: rule.summary(),
        explanation: rule.explanation(),
    }
}

/// Prints one rule's explanation.
pub(crate) fn print_explanation(printer: &Printer, rule: &dyn Rule) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let mut doc = serde_json::to_value(rule_json(rule))?;
        if let Some(map) = doc.as_object_mut() {
            map.insert("schema_version".into(), SCHEMA_VERSION.into());
        }
        printer.json(&doc)?;
        return Ok(());
    }
    printer.data(&format!(
        "{} (default severity: {})\n\n{}.\n\n{}\n",
        rule.id(),
        rule.default_severity(),
        rule.summary(),
        rule.explanation()
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use promptctl::finding::Location;

    #[test]
    fn github_lines_escape_messages_and_properties() {
        let f = Finding {
            rule: "missing-link".into(),
            severity: Severity::Warning,
            location: Location::at("prompts/a,b.prompt", 3, 5),
            message: "100% wrong: x".into(),
            hint: Some("fix it".into()),
        };
        assert_eq!(
            github_line(&f),
            "::warning file=prompts/a%2Cb.prompt,line=3,col=5,title=missing-link::100%25 wrong: x%0Ahint: fix it\n"
        );
        let whole_file = Finding {
            location: Location::file("p.prompt"),
            severity: Severity::Info,
            hint: None,
            ..f
        };
        assert_eq!(
            github_line(&whole_file),
            "::notice file=p.prompt,title=missing-link::100%25 wrong: x\n"
        );
    }
}
