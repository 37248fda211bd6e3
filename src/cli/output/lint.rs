//! Output of `lint`: findings as text, JSON, GitHub workflow annotations, SARIF 2.1.0 or a
//! Markdown table; rule lists and explanations.
//!
//! In SARIF a lint rule's id is `lint/<rule>` (for example `lint/undeclared-variable`), so code
//! scanning keeps lint results apart from scan results, whose ids are `secret/…`, `pii/…`,
//! `injection/…` and `policy/…`.
//!
//! JSON shape (`schema_version` 1):
//! `{"schema_version": 1, "files_checked": 3, "fail_on": "error", "failed": true,
//!   "summary": {"error": 1, "warning": 0, "info": 2},
//!   "findings": [{"rule", "severity", "path", "line", "column", "message", "hint"}]}`
//! with findings sorted by path, line, column, then rule. `line`/`column` are 0 when the finding
//! is about the whole file.

use std::fmt::Write as _;

use promptctl::finding::{Finding, Severity};
use promptctl::lint::{LintReport, RULES, Rule};
use serde::Serialize;
use serde_json::{Value, json};

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
        OutputFormat::Sarif => printer.json(&sarif(report))?,
        OutputFormat::Markdown => printer.data(&markdown(report))?,
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

/// One GitHub Actions workflow command for a lint finding.
pub(crate) fn github_line(f: &Finding) -> String {
    crate::cli::output::annotation::workflow_command(f, &f.message)
}

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF rule id of a lint rule.
fn sarif_rule_id(rule: &str) -> String {
    format!("lint/{rule}")
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The report as one SARIF 2.1.0 log: every rule in the driver, one result per finding.
fn sarif(report: &LintReport) -> Value {
    let findings: Vec<&Finding> = report.findings.iter().collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [sarif_run(&findings, "The project root.")],
    })
}

/// One SARIF run of lint findings (`check` puts it beside the scan run): every lint rule in the
/// driver, one result per finding, paths relative to `%SRCROOT%` as `root` describes it.
pub(crate) fn sarif_run(findings: &[&Finding], root: &str) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": sarif_rule_id(rule.id()),
                "name": rule.id().replace('-', "_"),
                "shortDescription": {"text": rule.summary()},
                "fullDescription": {"text": rule.explanation()},
                "help": {"text": rule.explanation()},
                "defaultConfiguration": {"level": sarif_level(rule.default_severity())},
                "properties": {"tags": ["lint"]},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut physical = json!({
                "artifactLocation": {"uri": slash_path(f), "uriBaseId": "%SRCROOT%"},
            });
            if f.location.line > 0 {
                physical["region"] =
                    json!({"startLine": f.location.line, "startColumn": f.location.column.max(1)});
            }
            let mut message = f.message.clone();
            if let Some(hint) = &f.hint {
                let _ = write!(message, ". Fix: {hint}");
            }
            let mut result = json!({
                "ruleId": sarif_rule_id(&f.rule),
                "level": sarif_level(f.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": physical}],
            });
            if let Some(index) = RULES.iter().position(|r| r.id() == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    json!({
        "tool": {"driver": {
            "name": "promptctl lint",
            "version": promptctl::VERSION,
            "semanticVersion": promptctl::VERSION,
            "rules": rules,
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": root}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    })
}

/// The findings as a Markdown table, for a pull-request comment.
fn markdown(report: &LintReport) -> String {
    if report.findings.is_empty() {
        return "No problems found.\n".to_owned();
    }
    let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
    let mut out =
        String::from("| Location | Severity | Rule | Finding |\n| --- | --- | --- | --- |\n");
    for f in &report.findings {
        let hint = f
            .hint
            .as_deref()
            .map(|h| format!(" Hint: {}", cell(h)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {}{hint} |",
            f.location,
            f.severity,
            f.rule,
            cell(&f.message)
        );
    }
    out
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
    fn lint_sarif_rule_ids_never_collide_with_scan_rule_ids() {
        let scan: Vec<&str> = promptctl::scan::builtin_rules()
            .iter()
            .map(|r| r.id)
            .collect();
        for rule in RULES {
            let id = sarif_rule_id(rule.id());
            assert!(!scan.contains(&id.as_str()), "{id}");
            assert!(!id.starts_with("policy/"), "{id}");
        }
        assert!(scan.iter().all(|id| !id.starts_with("lint/")));
    }

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
