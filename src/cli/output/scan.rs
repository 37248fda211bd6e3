//! Output of `scan`: human text, JSON, SARIF 2.1.0, GitHub workflow annotations, Markdown, CSV.
//!
//! Every format prints the masked excerpt only; the matched text never reaches this module.
//!
//! Human output hides info findings unless asked (`--show-info`, or `--fail-on info`): a clean
//! library can carry dozens of low-confidence notes, and listing them buries the one finding
//! that matters. A count line says how many were hidden. Machine formats always carry all.
//!
//! JSON (`schema_version` 1):
//! `{"schema_version": 1, "summary": {files, bytes, findings, suppressed, baselined, errors,
//! warnings, infos, skipped: [{path, reason}], fail_on, failed}, "findings": [{rule, severity, confidence, path, line,
//! column, end_line, end_column, message, excerpt, hint, fingerprint, origin, commit}]}`.
//!
//! SARIF: one run, tool `promptctl` with every built-in and policy rule as `reportingDescriptor`s
//! (GitHub reads `properties.security-severity` and `precision`), results with
//! `partialFingerprints` so code scanning tracks a finding across commits, and columns counted
//! in Unicode code points.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use promptctl::finding::Severity;
use promptctl::scan::policy::PolicySet;
use promptctl::scan::{self, Origin, ScanFinding, ScanReport, slash_path};
use serde::Serialize;
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// The SARIF schema URL GitHub code scanning accepts.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Prints a scan report in the printer's format.
pub(crate) fn print(
    printer: &Printer,
    report: &ScanReport,
    policies: &PolicySet,
    fail_on: Severity,
    show_info: bool,
) -> anyhow::Result<()> {
    let show_info = show_info || fail_on == Severity::Info;
    match printer.format {
        OutputFormat::Json => printer.json(&serde_json::to_value(json_report(report, fail_on))?)?,
        OutputFormat::Sarif => printer.json(&sarif(report, policies))?,
        OutputFormat::Github => printer.data(&github(report))?,
        OutputFormat::Markdown => printer.data(&markdown(report))?,
        OutputFormat::Csv => printer.data(&csv(report))?,
        OutputFormat::Human => {
            printer.data(&human(printer, report, show_info))?;
        }
    }
    let hidden = count(report, Severity::Info);
    if printer.format == OutputFormat::Human && !show_info && hidden > 0 {
        printer.status(&format!(
            "{hidden} info finding(s) not shown; `--show-info` lists them"
        ));
    }
    if printer.format != OutputFormat::Json {
        printer.status(&summary_line(report));
    }
    Ok(())
}

fn where_seen(f: &ScanFinding) -> String {
    let mut out = String::new();
    if f.origin == Origin::Rendered {
        out.push_str(" [rendered]");
    }
    if let Some(commit) = &f.commit {
        let _ = write!(out, " in commit {}", &commit[..commit.len().min(12)]);
    }
    out
}

pub(crate) fn excerpt_suffix(f: &ScanFinding) -> String {
    if f.excerpt.is_empty() {
        String::new()
    } else {
        format!(": `{}`", f.excerpt)
    }
}

fn human(printer: &Printer, report: &ScanReport, show_info: bool) -> String {
    let mut out = String::new();
    for f in report
        .findings
        .iter()
        .filter(|f| show_info || f.finding.severity != Severity::Info)
    {
        let severity = &f.finding.severity;
        let color = match severity {
            Severity::Error => anstyle::AnsiColor::Red,
            Severity::Warning => anstyle::AnsiColor::Yellow,
            Severity::Info => anstyle::AnsiColor::Cyan,
        };
        let _ = writeln!(
            out,
            "{}: {}[{}] {}{} ({} confidence){}",
            f.finding.location,
            printer.paint(severity.as_str(), color),
            f.finding.rule,
            f.finding.message,
            excerpt_suffix(f),
            f.confidence,
            where_seen(f),
        );
        if let Some(hint) = &f.finding.hint {
            let _ = writeln!(out, "  hint: {hint}");
        }
    }
    out
}

fn count(report: &ScanReport, severity: Severity) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.finding.severity == severity)
        .count()
}

fn summary_line(report: &ScanReport) -> String {
    let mut line = format!(
        "scanned {} file(s), {} KiB: {} finding(s) ({} error, {} warning, {} info)",
        report.files,
        report.bytes.div_ceil(1024),
        report.findings.len(),
        count(report, Severity::Error),
        count(report, Severity::Warning),
        count(report, Severity::Info),
    );
    if report.suppressed > 0 {
        let _ = write!(line, "; {} suppressed", report.suppressed);
    }
    if report.baselined > 0 {
        let _ = write!(line, "; {} accepted by the baseline", report.baselined);
    }
    if !report.skipped.is_empty() {
        let _ = write!(line, "; {} skipped (not scanned)", report.skipped.len());
    }
    line
}

// --- JSON ------------------------------------------------------------------------------------

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    bytes: u64,
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    baselined: usize,
    skipped: Vec<JsonSkipped>,
    fail_on: &'static str,
    failed: bool,
}

#[derive(Serialize)]
struct JsonSkipped {
    path: String,
    reason: String,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    confidence: &'static str,
    path: String,
    line: usize,
    column: usize,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    excerpt: &'a str,
    hint: Option<&'a str>,
    fingerprint: &'a str,
    origin: &'static str,
    commit: Option<&'a str>,
}

fn json_report(report: &ScanReport, fail_on: Severity) -> JsonReport<'_> {
    JsonReport {
        schema_version: SCHEMA_VERSION,
        summary: JsonSummary {
            files: report.files,
            bytes: report.bytes,
            findings: report.findings.len(),
            errors: count(report, Severity::Error),
            warnings: count(report, Severity::Warning),
            infos: count(report, Severity::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
            skipped: report
                .skipped
                .iter()
                .map(|s| JsonSkipped {
                    path: slash_path(&s.path),
                    reason: s.reason.clone(),
                })
                .collect(),
            fail_on: fail_on.as_str(),
            failed: report.fails(fail_on),
        },
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: &f.finding.rule,
                severity: f.finding.severity.as_str(),
                confidence: f.confidence.as_str(),
                path: slash_path(&f.finding.location.path),
                line: f.finding.location.line,
                column: f.finding.location.column,
                end_line: f.end.map(|e| e.0),
                end_column: f.end.map(|e| e.1),
                message: &f.finding.message,
                excerpt: &f.excerpt,
                hint: f.finding.hint.as_deref(),
                fingerprint: &f.fingerprint,
                origin: match f.origin {
                    Origin::Source => "source",
                    Origin::Rendered => "rendered",
                },
                commit: f.commit.as_deref(),
            })
            .collect(),
    }
}

// --- SARIF -----------------------------------------------------------------------------------

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's `security-severity` scale (0–10): critical above 9, high 7–8.9, medium 4–6.9.
fn security_severity(family: &str, severity: Severity) -> &'static str {
    match (family, severity) {
        ("secret", _) => "9.0",
        (_, Severity::Error) => "7.5",
        (_, Severity::Warning) => "5.0",
        (_, Severity::Info) => "2.0",
    }
}

fn precision(confidence: scan::Confidence) -> &'static str {
    match confidence {
        scan::Confidence::High => "high",
        scan::Confidence::Medium => "medium",
        scan::Confidence::Low => "low",
    }
}

fn sarif(report: &ScanReport, policies: &PolicySet) -> Value {
    let findings: Vec<&ScanFinding> = report.findings.iter().collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [sarif_run(&findings, &[], policies, "The project root.")],
    })
}

/// One SARIF run of scan findings and of `extra` findings under policy rules (`check`'s release
/// rules): every built-in and policy rule in the driver, paths relative to `%SRCROOT%` as `root`
/// describes it.
pub(crate) fn sarif_run(
    findings: &[&ScanFinding],
    extra: &[&promptctl::finding::Finding],
    policies: &PolicySet,
    root: &str,
) -> Value {
    let mut rules = Vec::new();
    let mut index = BTreeMap::new();
    for rule in scan::builtin_rules() {
        index.insert(rule.id.to_owned(), rules.len());
        rules.push(json!({
            "id": rule.id,
            "name": rule.id.replace(['/', '-'], "_"),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": format!("{}\n\nFix: {}", rule.why, rule.hint)},
            "defaultConfiguration": {"level": sarif_level(rule.severity)},
            "properties": {
                "tags": ["security", rule.family.as_str()],
                "precision": precision(rule.confidence),
                "security-severity": security_severity(rule.family.as_str(), rule.severity),
            },
        }));
    }
    for rule in &policies.rules {
        let id = rule.finding_id();
        index.insert(id.clone(), rules.len());
        let why = rule.why.clone().unwrap_or_else(|| rule.summary());
        rules.push(json!({
            "id": id,
            "name": id.replace(['/', '-', '.'], "_"),
            "shortDescription": {"text": rule.description.clone().unwrap_or_else(|| rule.summary())},
            "fullDescription": {"text": format!("{} Applies to {}.", rule.summary(), rule.scope_text())},
            "help": {"text": why},
            "defaultConfiguration": {"level": sarif_level(rule.severity)},
            "properties": {
                "tags": ["compliance", "policy"],
                "precision": "high",
                "security-severity": security_severity("policy", rule.severity),
            },
        }));
    }
    let mut results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let loc = &f.finding.location;
            let mut physical = json!({
                "artifactLocation": {"uri": slash_path(&loc.path), "uriBaseId": "%SRCROOT%"},
            });
            if loc.line > 0 {
                let mut region = json!({"startLine": loc.line, "startColumn": loc.column.max(1)});
                if let Some((end_line, end_column)) = f.end.filter(|(l, _)| *l >= loc.line) {
                    region["endLine"] = json!(end_line);
                    region["endColumn"] = json!(end_column.max(1));
                }
                physical["region"] = region;
            }
            let mut message = format!("{}{}", f.finding.message, excerpt_suffix(f));
            if let Some(hint) = &f.finding.hint {
                let _ = write!(message, ". Fix: {hint}");
            }
            let mut result = json!({
                "ruleId": f.finding.rule,
                "level": sarif_level(f.finding.severity),
                "message": {"text": message},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"promptctlFingerprint/v1": f.fingerprint},
                "properties": {
                    "confidence": f.confidence.as_str(),
                    "origin": match f.origin { Origin::Source => "source", Origin::Rendered => "rendered" },
                },
            });
            if let Some(i) = index.get(&f.finding.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(commit) = &f.commit {
                result["properties"]["commit"] = json!(commit);
            }
            result
        })
        .collect();
    for f in extra {
        let mut physical = json!({
            "artifactLocation": {"uri": slash_path(&f.location.path), "uriBaseId": "%SRCROOT%"},
        });
        if f.location.line > 0 {
            physical["region"] =
                json!({"startLine": f.location.line, "startColumn": f.location.column.max(1)});
        }
        let mut result = json!({
            "ruleId": f.rule,
            "level": sarif_level(f.severity),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": physical}],
        });
        if let Some(i) = index.get(&f.rule) {
            result["ruleIndex"] = json!(i);
        }
        results.push(result);
    }
    json!({
        "tool": {"driver": {
            "name": "promptctl",
            "version": promptctl::VERSION,
            "semanticVersion": promptctl::VERSION,
            "rules": rules,
        }},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": root}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    })
}

// --- GitHub annotations, Markdown, CSV -------------------------------------------------------

fn github(report: &ScanReport) -> String {
    report.findings.iter().map(github_line).collect()
}

/// One GitHub Actions workflow command for a scan finding (masked excerpt only).
pub(crate) fn github_line(f: &ScanFinding) -> String {
    let message = format!(
        "{}{}{}",
        f.finding.message,
        excerpt_suffix(f),
        where_seen(f)
    );
    crate::cli::output::annotation::workflow_command(&f.finding, &message)
}

fn markdown(report: &ScanReport) -> String {
    if report.findings.is_empty() {
        return "No findings.\n".to_owned();
    }
    let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
    let mut out =
        String::from("| Location | Severity | Rule | Finding |\n| --- | --- | --- | --- |\n");
    for f in &report.findings {
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {}{} |",
            f.finding.location,
            f.finding.severity,
            f.finding.rule,
            cell(&f.finding.message),
            cell(&excerpt_suffix(f))
        );
    }
    out
}

fn csv(report: &ScanReport) -> String {
    let field = |t: &str| {
        if t.contains([',', '"', '\n']) {
            format!("\"{}\"", t.replace('"', "\"\""))
        } else {
            t.to_owned()
        }
    };
    let mut out =
        String::from("path,line,column,severity,confidence,rule,message,excerpt,fingerprint\n");
    for f in &report.findings {
        let loc = &f.finding.location;
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            field(&slash_path(&loc.path)),
            loc.line,
            loc.column,
            f.finding.severity,
            f.confidence,
            field(&f.finding.rule),
            field(&f.finding.message),
            field(&f.excerpt),
            f.fingerprint
        );
    }
    out
}
