//! Output of `check`: human text, JSON, SARIF 2.1.0, GitHub annotations, Markdown.
//!
//! New findings come first in every format; existing ones (already at the base) are listed
//! after them (human, JSON, Markdown inside `<details>`, SARIF with `baselineState:
//! "unchanged"`), and get no GitHub annotation: a pull request's checks page shows only what
//! the pull request added.
//!
//! JSON (`schema_version` 1):
//! `{"schema_version": 1, "scope": "changed"|"all", "base": {"revision", "commit"}|null,
//!   "judged": bool, "files": [...], "thresholds": {"lint", "scan", "release"}, "failed": bool,
//!   "summary": {"new", "existing", "unjudged", "error", "warning", "info"},
//!   "findings": [{"tool", "novelty", "counts", "rule", "severity", "path", "line", "column",
//!   "message", "hint", "blocks_release", (scan:) "excerpt", "confidence", "fingerprint",
//!   "origin"}], "skipped": [{"path", "reason"}]}`.
//! Paths are relative to the git repository root.

use std::fmt::Write as _;

use promptctl::check::{CheckReport, Novelty, Tool};
use promptctl::finding::{Finding, Severity};
use promptctl::scan::policy::PolicySet;
use promptctl::scan::{Origin, ScanFinding, slash_path};
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::{lint, scan};
use crate::cli::printer::Printer;

/// Where SARIF paths start.
const ROOT: &str = "The git repository root.";

/// Prints the report in the printer's format, and a summary line on stderr.
pub(crate) fn print(
    printer: &Printer,
    report: &CheckReport,
    policies: &PolicySet,
) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => {
            printer.json(&json_report(report))?;
            return Ok(());
        }
        OutputFormat::Sarif => printer.json(&sarif(report, policies))?,
        OutputFormat::Github => printer.data(&github(report))?,
        OutputFormat::Markdown => printer.data(&markdown(report))?,
        _ => printer.data(&human(printer, report))?,
    }
    printer.status(&summary_line(report));
    Ok(())
}

/// A row of the report, whatever the tool.
struct Row<'a> {
    tool: Tool,
    finding: &'a Finding,
    novelty: Novelty,
    scan: Option<&'a ScanFinding>,
    blocks_release: &'a [String],
}

/// Every finding, new and unjudged ones first, each group in location order.
fn rows(report: &CheckReport) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = report
        .lint
        .iter()
        .map(|j| Row {
            tool: Tool::Lint,
            finding: &j.item,
            novelty: j.novelty,
            scan: None,
            blocks_release: &j.blocks_release,
        })
        .chain(report.scan.iter().map(|j| Row {
            tool: Tool::Scan,
            finding: &j.item.finding,
            novelty: j.novelty,
            scan: Some(&j.item),
            blocks_release: &j.blocks_release,
        }))
        .chain(report.release.iter().map(|j| Row {
            tool: Tool::Release,
            finding: &j.item,
            novelty: j.novelty,
            scan: None,
            blocks_release: &j.blocks_release,
        }))
        .collect();
    rows.sort_by(|a, b| {
        (a.novelty == Novelty::Existing)
            .cmp(&(b.novelty == Novelty::Existing))
            .then_with(|| a.finding.location.cmp(&b.finding.location))
            .then_with(|| a.tool.cmp(&b.tool))
            .then_with(|| a.finding.rule.cmp(&b.finding.rule))
    });
    rows
}

fn message_of(row: &Row<'_>) -> String {
    match row.scan {
        Some(f) => format!("{}{}", f.finding.message, scan::excerpt_suffix(f)),
        None => row.finding.message.clone(),
    }
}

fn human(printer: &Printer, report: &CheckReport) -> String {
    let mut out = String::new();
    for row in rows(report) {
        let f = row.finding;
        let color = match f.severity {
            Severity::Error => anstyle::AnsiColor::Red,
            Severity::Warning => anstyle::AnsiColor::Yellow,
            Severity::Info => anstyle::AnsiColor::Cyan,
        };
        let tag = match row.novelty {
            Novelty::New => "new ".to_owned(),
            Novelty::Existing => printer.paint("existing ", anstyle::AnsiColor::BrightBlack),
            Novelty::Unjudged => String::new(),
        };
        let _ = writeln!(
            out,
            "{tag}{}: {} {} [{}]: {}",
            f.location,
            printer.paint(f.severity.as_str(), color),
            f.rule,
            row.tool.as_str(),
            message_of(&row)
        );
        if !row.blocks_release.is_empty() {
            let _ = writeln!(
                out,
                "  blocks the next release to {}",
                row.blocks_release.join(", ")
            );
        }
        if let Some(hint) = &f.hint {
            let _ = writeln!(out, "  hint: {hint}");
        }
    }
    out
}

fn scope_text(report: &CheckReport) -> String {
    let files = plural(report.files.len(), "file", "files");
    match (&report.base, report.all) {
        (_, true) => format!("{files} (all)"),
        (Some(base), false) if report.judged => format!(
            "{files} changed since `{}` ({})",
            base.revision,
            short(&base.commit)
        ),
        (Some(_), false) => format!("{files} changed since HEAD"),
        (None, false) => files,
    }
}

fn short(commit: &str) -> &str {
    if commit.is_empty() {
        "no commits"
    } else {
        &commit[..commit.len().min(7)]
    }
}

fn counting(report: &CheckReport) -> usize {
    report
        .all_findings()
        .filter(|(tool, f, n)| report.counts(*tool, f, *n))
        .count()
}

fn summary_line(report: &CheckReport) -> String {
    let total = report.all_findings().count();
    let mut line = format!("checked {}: ", scope_text(report));
    if total == 0 {
        line.push_str("no findings");
        return line;
    }
    if report.judged {
        let _ = write!(
            line,
            "{} new, {} existing",
            report.count(Novelty::New),
            report.count(Novelty::Existing)
        );
    } else {
        line.push_str(&plural(total, "finding", "findings"));
    }
    let failing = counting(report);
    if failing > 0 {
        let _ = write!(line, "; {failing} at or above the threshold fail the check");
    } else {
        line.push_str("; none fails the check");
    }
    line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn json_report(report: &CheckReport) -> Value {
    let findings: Vec<Value> = rows(report)
        .iter()
        .map(|row| {
            let f = row.finding;
            let mut value = json!({
                "tool": row.tool.as_str(),
                "novelty": row.novelty.as_str(),
                "counts": report.counts(row.tool, f, row.novelty),
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "path": slash_path(&f.location.path),
                "line": f.location.line,
                "column": f.location.column,
                "message": f.message,
                "hint": f.hint,
                "blocks_release": row.blocks_release,
            });
            if let Some(s) = row.scan {
                value["excerpt"] = json!(s.excerpt);
                value["confidence"] = json!(s.confidence.as_str());
                value["fingerprint"] = json!(s.fingerprint);
                value["origin"] = json!(match s.origin {
                    Origin::Source => "source",
                    Origin::Rendered => "rendered",
                });
            }
            value
        })
        .collect();
    let count = |severity: Severity| {
        report
            .all_findings()
            .filter(|(_, f, _)| f.severity == severity)
            .count()
    };
    json!({
        "schema_version": SCHEMA_VERSION,
        "scope": if report.all { "all" } else { "changed" },
        "base": report.base.as_ref().filter(|_| report.judged).map(|b| json!({
            "revision": b.revision,
            "commit": b.commit,
        })),
        "judged": report.judged,
        "files": report.files,
        "thresholds": {
            "lint": report.thresholds.lint.as_str(),
            "scan": report.thresholds.scan.as_str(),
            "release": report.thresholds.release.as_str(),
        },
        "failed": report.fails(),
        "summary": {
            "new": report.count(Novelty::New),
            "existing": report.count(Novelty::Existing),
            "unjudged": report.count(Novelty::Unjudged),
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "info": count(Severity::Info),
        },
        "findings": findings,
        "skipped": report.skipped.iter().map(|s| json!({
            "path": slash_path(&s.path),
            "reason": s.reason,
        })).collect::<Vec<_>>(),
    })
}

/// The report as one SARIF 2.1.0 log with two runs: `promptctl lint`, and `promptctl` (scan
/// and release rules, which are policy rules). With a base, every result has a
/// `baselineState` of `new` or `unchanged`.
pub(crate) fn sarif(report: &CheckReport, policies: &PolicySet) -> Value {
    let lint_findings: Vec<&Finding> = report.lint.iter().map(|j| &j.item).collect();
    let scan_findings: Vec<&ScanFinding> = report.scan.iter().map(|j| &j.item).collect();
    let release_findings: Vec<&Finding> = report.release.iter().map(|j| &j.item).collect();
    let mut lint_run = lint::sarif_run(&lint_findings, ROOT);
    let mut scan_run = scan::sarif_run(&scan_findings, &release_findings, policies, ROOT);
    if report.judged {
        let state = |n: Novelty| {
            if n == Novelty::Existing {
                "unchanged"
            } else {
                "new"
            }
        };
        let lint_states = report.lint.iter().map(|j| state(j.novelty));
        mark(&mut lint_run, lint_states);
        let scan_states = report
            .scan
            .iter()
            .map(|j| state(j.novelty))
            .chain(report.release.iter().map(|j| state(j.novelty)));
        mark(&mut scan_run, scan_states);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [lint_run, scan_run],
    })
}

/// Sets `baselineState` on a run's results, in order.
fn mark<'a>(run: &mut Value, states: impl Iterator<Item = &'a str>) {
    if let Some(results) = run["results"].as_array_mut() {
        for (result, state) in results.iter_mut().zip(states) {
            result["baselineState"] = json!(state);
        }
    }
}

/// Annotations for the findings the change is answerable for (new, or all without a base).
fn github(report: &CheckReport) -> String {
    let mut out = String::new();
    for row in rows(report) {
        if row.novelty == Novelty::Existing {
            continue;
        }
        match row.scan {
            Some(f) => out.push_str(&scan::github_line(f)),
            None => out.push_str(&lint::github_line(row.finding)),
        }
    }
    out
}

fn markdown(report: &CheckReport) -> String {
    let rows = rows(report);
    let failing = counting(report);
    let mut out = String::from("### promptctl check\n\n");
    let verdict = if failing > 0 {
        format!(
            "**Failed:** {} at or above the threshold",
            plural(failing, "finding", "findings")
        )
    } else {
        "**Passed**".to_owned()
    };
    let _ = writeln!(out, "{verdict} · checked {}.\n", scope_text(report));
    let (existing, current): (Vec<&Row<'_>>, Vec<&Row<'_>>) =
        rows.iter().partition(|r| r.novelty == Novelty::Existing);
    if current.is_empty() {
        out.push_str(if report.judged {
            "No new findings.\n"
        } else {
            "No findings.\n"
        });
    } else {
        table(&mut out, &current);
    }
    if !existing.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary>{} already on the base</summary>\n",
            plural(existing.len(), "finding", "findings")
        );
        table(&mut out, &existing);
        out.push_str("\n</details>\n");
    }
    out
}

fn table(out: &mut String, rows: &[&Row<'_>]) {
    let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
    out.push_str(
        "| Location | Severity | Tool | Rule | Finding |\n| --- | --- | --- | --- | --- |\n",
    );
    for row in rows {
        let mut message = cell(&message_of(row));
        if !row.blocks_release.is_empty() {
            let _ = write!(
                message,
                " (blocks the next release to {})",
                row.blocks_release.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | `{}` | {message} |",
            row.finding.location,
            row.finding.severity,
            row.tool.as_str(),
            row.finding.rule,
        );
    }
}
