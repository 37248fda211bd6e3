//! `promptctl report`: the groups table with sparklines, trend, comparisons and cost advice, in
//! text, JSON, CSV and Markdown.

use std::fmt::Write as _;

use promptctl::report::Report;
use promptctl::report::aggregate::{GroupSummary, Percentiles};
use promptctl::report::compare::{Change, CostAdvice, Design, PromptTrend};
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

/// Prints the report in the printer's format.
pub(crate) fn print(printer: &Printer, report: &Report, margin: f64) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => printer.json(&to_json(report))?,
        OutputFormat::Csv => printer.data(&to_csv(report))?,
        OutputFormat::Markdown => printer.data(&to_markdown(report, margin))?,
        _ => printer.data(&to_text(printer, report, margin))?,
    }
    if report.damaged_total > 0 {
        for d in &report.damaged {
            printer.warn(&format!(
                "{}:{}: skipped a line that is not a record: {}",
                d.file, d.line, d.message
            ));
        }
        printer.warn(&format!(
            "{} damaged line(s) skipped in all",
            report.damaged_total
        ));
    }
    Ok(())
}

fn finite(v: f64) -> Value {
    if v.is_finite() { json!(v) } else { Value::Null }
}

fn key_json(report: &Report, key: &[String]) -> Value {
    let map: serde_json::Map<String, Value> = report
        .by
        .iter()
        .zip(key)
        .map(|(d, v)| (d.name().to_owned(), json!(v)))
        .collect();
    Value::Object(map)
}

fn percentiles_json(p: Option<&Percentiles>) -> Value {
    p.map_or(Value::Null, |p| {
        json!({
            "n": p.n, "p50": p.p50, "p90": p.p90, "p99": p.p99,
            "exact": p.relative_error.is_none(),
            "relative_error": p.relative_error,
        })
    })
}

fn group_json(report: &Report, g: &GroupSummary) -> Value {
    json!({
        "key": key_json(report, &g.key),
        "calls": g.calls,
        "errors": g.errors,
        "error_rate": g.error_rate,
        "error_kinds": g.error_kinds.iter().map(|(k, n)| (k.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "cached": g.cached,
        "pass": g.pass.map_or(Value::Null, |r| json!({
            "passes": r.passes, "n": r.n, "rate": r.rate, "low": finite(r.low), "high": finite(r.high),
        })),
        "scores": g.scores.iter().map(|s| json!({
            "metric": s.metric, "n": s.n, "mean": finite(s.mean), "low": finite(s.low), "high": finite(s.high),
        })).collect::<Vec<_>>(),
        "latency_ms": percentiles_json(g.latency.as_ref()),
        "attempt_latency_ms": percentiles_json(g.attempt_latency.as_ref()),
        "throughput_per_minute": g.throughput_per_minute.map_or(Value::Null, finite),
        "tokens_in": g.tokens_in,
        "tokens_out": g.tokens_out,
        "cost_usd": g.cost_usd.map_or(Value::Null, finite),
        "cost_known": g.cost_known,
        "runs": g.runs,
        "cost_per_1k_calls": g.cost_per_1k_calls.map_or(Value::Null, finite),
    })
}

fn design_json(d: Design) -> Value {
    match d {
        Design::Paired { pairs } => json!({"kind": "paired", "pairs": pairs}),
        Design::Independent => json!({"kind": "independent"}),
    }
}

fn change_json(c: &Change) -> Value {
    json!({
        "design": design_json(c.design),
        "difference": finite(c.difference),
        "low": finite(c.low),
        "high": finite(c.high),
        "pvalue": finite(c.pvalue),
        "not_testable": c.not_testable,
        "significant": c.significant,
    })
}

fn trend_json(t: &PromptTrend) -> Value {
    json!({
        "prompt": t.prompt,
        "versions": t.versions.iter().map(|v| json!({
            "version": v.version,
            "content": v.content,
            "calls": v.calls,
            "pass_rate": v.pass.map_or(Value::Null, |r| finite(r.rate)),
            "pass_n": v.pass.map_or(0, |r| r.n),
        })).collect::<Vec<_>>(),
        "changes": t.changes.iter().map(|c| c.as_ref().map_or(Value::Null, change_json)).collect::<Vec<_>>(),
    })
}

fn advice_json(a: &CostAdvice) -> Value {
    json!({
        "prompt": a.prompt,
        "cheaper": {"provider": a.cheaper.0, "model": a.cheaper.1, "cost_per_call": a.cost_cheaper},
        "dearer": {"provider": a.dearer.0, "model": a.dearer.1, "cost_per_call": a.cost_dearer},
        "saving": finite(a.saving),
        "margin": a.margin,
        "confidence": a.confidence,
        "difference": finite(a.test.difference),
        "lower_bound": finite(a.test.lower_bound),
        "statistic": finite(a.test.statistic),
        "not_testable": a.test.not_testable.map(promptctl::stats::NotTestable::code),
        "pvalue": finite(a.test.pvalue),
        "design": design_json(a.design),
        "n": [a.n.0, a.n.1],
        "non_inferior": a.test.non_inferior,
        "claim": a.test.non_inferior.then(|| claim(a)),
    })
}

/// The JSON document.
pub(crate) fn to_json(report: &Report) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "files": report.files,
        "records": report.records,
        "by": report.by.iter().map(|d| d.name()).collect::<Vec<_>>(),
        "groups": report.groups.iter().map(|g| group_json(report, g)).collect::<Vec<_>>(),
        "trend": report.trend.iter().map(trend_json).collect::<Vec<_>>(),
        "comparisons": report.comparisons.iter().map(|c| json!({
            "prompt": c.prompt,
            "a": {"provider": c.a.0, "model": c.a.1, "pass_rate": c.rate_a},
            "b": {"provider": c.b.0, "model": c.b.1, "pass_rate": c.rate_b},
            "change": change_json(&c.change),
            "adjusted_pvalue": finite(c.adjusted_pvalue),
            "correction": "holm",
        })).collect::<Vec<_>>(),
        "cost_advice": report.advice.iter().map(advice_json).collect::<Vec<_>>(),
        "damaged_lines": report.damaged_total,
        "duplicate_records": report.duplicates,
        "budgets": report.budgets.iter().map(|b| json!({
            "period": b.period.name(),
            "provider": b.provider,
            "window": b.window,
            "cap_usd": b.cap,
            "spent_usd": b.spent,
            "remaining_usd": (b.cap - b.spent).max(0.0),
            "exceeded": b.exceeded(),
        })).collect::<Vec<_>>(),
    })
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or(String::new(), |v| v.to_string())
}

/// One row per group.
pub(crate) fn to_csv(report: &Report) -> String {
    let mut out = String::new();
    let mut header: Vec<&str> = report.by.iter().map(|d| d.name()).collect();
    header.extend([
        "calls",
        "errors",
        "error_rate",
        "passes",
        "pass_n",
        "pass_rate",
        "pass_low",
        "pass_high",
        "latency_p50_ms",
        "latency_p90_ms",
        "latency_p99_ms",
        "attempt_p50_ms",
        "attempt_p90_ms",
        "attempt_p99_ms",
        "tokens_in",
        "tokens_out",
        "cost_usd",
        "cost_per_1k_calls",
        // Empty for exact percentiles; the sketch's relative error (0.01) for estimated ones.
        "latency_relative_error",
        "attempt_relative_error",
    ]);
    out.push_str(&header.join(","));
    out.push('\n');
    for g in &report.groups {
        let mut row: Vec<String> = g.key.iter().map(|k| csv_field(k)).collect();
        let p = g.pass;
        let (l, a) = (g.latency, g.attempt_latency);
        row.extend([
            g.calls.to_string(),
            g.errors.to_string(),
            g.error_rate.to_string(),
            p.map_or(String::new(), |r| r.passes.to_string()),
            p.map_or(String::new(), |r| r.n.to_string()),
            num(p.map(|r| r.rate)),
            num(p.map(|r| r.low)),
            num(p.map(|r| r.high)),
            num(l.map(|l| l.p50)),
            num(l.map(|l| l.p90)),
            num(l.map(|l| l.p99)),
            num(a.map(|l| l.p50)),
            num(a.map(|l| l.p90)),
            num(a.map(|l| l.p99)),
            g.tokens_in.to_string(),
            g.tokens_out.to_string(),
            num(g.cost_usd),
            num(g.cost_per_1k_calls),
            num(l.and_then(|l| l.relative_error)),
            num(a.and_then(|l| l.relative_error)),
        ]);
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}%", v * 100.0)
    } else {
        "–".to_owned()
    }
}

fn pp(v: f64) -> String {
    if v.is_finite() {
        format!("{:+.1} pp", v * 100.0)
    } else {
        "–".to_owned()
    }
}

fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn usd(v: f64) -> String {
    if v >= 1.0 {
        format!("${v:.2}")
    } else {
        format!("${v:.4}")
    }
}

/// A p-value as it reads in a sentence: `p = 0.042`, or `p < 0.001` below what three decimals
/// show.
fn p_phrase(p: f64) -> String {
    if !p.is_finite() {
        "p = –".to_owned()
    } else if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {p:.3}")
    }
}

/// A sparkline of rates in [0, 1], one character a value (a gap for none).
pub(crate) fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let i = (v.clamp(0.0, 1.0) * 7.0).round() as usize;
                BARS[i]
            }
            _ => ' ',
        })
        .collect()
}

fn short_content(content: &str) -> &str {
    let id = content.strip_prefix("sha256:").unwrap_or(content);
    id.get(..7).unwrap_or(id)
}

fn design_text(d: Design) -> String {
    match d {
        Design::Paired { pairs } => format!("paired, {pairs} cases"),
        Design::Independent => "independent".to_owned(),
    }
}

fn change_text(c: &Change) -> String {
    let verdict = match c.not_testable {
        Some(reason) => format!("not testable: {reason}"),
        None if c.significant => format!("{}, significant", p_phrase(c.pvalue)),
        None => format!("{}, not significant", p_phrase(c.pvalue)),
    };
    format!(
        "{} [{}, {}] ({}; {verdict})",
        pp(c.difference),
        pp(c.low),
        pp(c.high),
        design_text(c.design)
    )
}

fn who(id: &(String, String)) -> String {
    format!("{}/{}", id.0, id.1)
}

fn claim(a: &CostAdvice) -> String {
    format!(
        "{} is non-inferior to {} on pass rate (margin {:.0} pp, one-sided {:.0}%, n={}) at {:.0}% lower cost",
        who(&a.cheaper),
        who(&a.dearer),
        a.margin * 100.0,
        a.confidence * 100.0,
        match a.design {
            Design::Paired { pairs } => format!("{pairs} paired cases"),
            Design::Independent => format!("{}+{}", a.n.0, a.n.1),
        },
        a.saving * 100.0
    )
}

fn no_claim(a: &CostAdvice) -> String {
    format!(
        "no claim: {} costs {:.0}% less than {}, but the one-sided {:.0}% lower bound of the pass-rate difference is {} (margin −{:.0} pp)",
        who(&a.cheaper),
        a.saving * 100.0,
        who(&a.dearer),
        a.confidence * 100.0,
        pp(a.test.lower_bound),
        a.margin * 100.0
    )
}

fn group_row(g: &GroupSummary) -> Vec<String> {
    let mut row = g.key.clone();
    row.push(g.calls.to_string());
    row.push(if g.errors == 0 {
        "0".to_owned()
    } else {
        format!("{} ({})", g.errors, pct(g.error_rate))
    });
    row.push(g.pass.map_or("–".to_owned(), |r| {
        format!("{} [{}, {}]", pct(r.rate), pct(r.low), pct(r.high))
    }));
    row.push(g.latency.map_or("–".to_owned(), |l| {
        // `~`: estimated by the sketch, within its relative error (see the JSON output).
        let mark = if l.relative_error.is_some() { "~" } else { "" };
        format!("{mark}{}/{}/{}", ms(l.p50), ms(l.p90), ms(l.p99))
    }));
    row.push(format!("{}/{}", g.tokens_in, g.tokens_out));
    row.push(g.cost_usd.map_or("–".to_owned(), usd));
    row.push(g.cost_per_1k_calls.map_or("–".to_owned(), usd));
    row
}

fn header(report: &Report) -> Vec<&'static str> {
    let mut h: Vec<&str> = report.by.iter().map(|d| d.name()).collect();
    h.extend([
        "calls",
        "errors",
        "pass [95% CI]",
        "latency p50/p90/p99 ms",
        "tokens in/out",
        "cost",
        "per 1k calls",
    ]);
    h
}

fn trend_lines(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for t in &report.trend {
        let rates: Vec<Option<f64>> = t.versions.iter().map(|v| v.pass.map(|r| r.rate)).collect();
        let points: Vec<String> = t
            .versions
            .iter()
            .map(|v| {
                format!(
                    "{} ({}) {}",
                    v.version,
                    short_content(&v.content),
                    v.pass.map_or("–".to_owned(), |r| pct(r.rate))
                )
            })
            .collect();
        lines.push(format!(
            "{}  {}  {}",
            t.prompt,
            sparkline(&rates),
            points.join(" → ")
        ));
        for (i, c) in t.changes.iter().enumerate() {
            if let Some(c) = c {
                lines.push(format!(
                    "  {} → {}: {}",
                    short_content(&t.versions[i].content),
                    short_content(&t.versions[i + 1].content),
                    change_text(c)
                ));
            }
        }
    }
    lines
}

fn comparison_lines(report: &Report) -> Vec<String> {
    report
        .comparisons
        .iter()
        .map(|c| {
            format!(
                "{}: {} {} vs {} {}: {}, Holm-adjusted {}",
                c.prompt,
                who(&c.b),
                pct(c.rate_b),
                who(&c.a),
                pct(c.rate_a),
                change_text(&c.change),
                p_phrase(c.adjusted_pvalue)
            )
        })
        .collect()
}

fn advice_lines(report: &Report) -> Vec<String> {
    report
        .advice
        .iter()
        .map(|a| {
            format!(
                "{}: {}",
                a.prompt,
                if a.test.non_inferior {
                    claim(a)
                } else {
                    no_claim(a)
                }
            )
        })
        .collect()
}

fn to_text(printer: &Printer, report: &Report, margin: f64) -> String {
    let mut out = String::new();
    let by: Vec<&str> = report.by.iter().map(|d| d.name()).collect();
    let _ = writeln!(
        out,
        "{} records in {} results files, by {}",
        report.records,
        report.files,
        if by.is_empty() {
            "nothing (one group)".to_owned()
        } else {
            by.join(", ")
        }
    );
    if !report.budgets.is_empty() {
        let mut table = new_table(
            printer,
            &["budget", "provider", "window", "spent", "limit", "left", ""],
        );
        for b in &report.budgets {
            table.add_row(vec![
                b.period.name().to_owned(),
                b.provider.clone().unwrap_or_else(|| "all".to_owned()),
                b.window.clone(),
                format!("${:.4}", b.spent),
                format!("${:.4}", b.cap),
                format!("${:.4}", (b.cap - b.spent).max(0.0)),
                if b.exceeded() { "EXCEEDED" } else { "" }.to_owned(),
            ]);
        }
        let _ = writeln!(
            out,
            "Spend against budgets (all records, filters aside)\n{table}"
        );
    }
    if report.records == 0 {
        return out;
    }
    let mut table = new_table(printer, &header(report));
    for g in &report.groups {
        table.add_row(group_row(g));
    }
    let _ = writeln!(out, "{table}");
    for (title, lines) in [
        ("Trend across prompt versions", trend_lines(report)),
        ("Provider and model comparisons", comparison_lines(report)),
        (
            &*format!(
                "Cost advice (non-inferiority, margin {:.0} pp)",
                margin * 100.0
            ),
            advice_lines(report),
        ),
    ] {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A Markdown document: the groups table and each section as a list.
pub(crate) fn to_markdown(report: &Report, margin: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## promptctl report\n\n{} records in {} results files.\n",
        report.records, report.files
    );
    let h = header(report);
    let _ = writeln!(out, "| {} |", h.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(h.len()));
    for g in &report.groups {
        let cells: Vec<String> = group_row(g).iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    for (title, lines) in [
        ("Trend across prompt versions", trend_lines(report)),
        ("Provider and model comparisons", comparison_lines(report)),
        (
            &*format!(
                "Cost advice (non-inferiority, margin {:.0} pp)",
                margin * 100.0
            ),
            advice_lines(report),
        ),
    ] {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for line in lines {
            if let Some(sub) = line.strip_prefix("  ") {
                let _ = writeln!(out, "  - {}", md_cell(sub));
            } else {
                let _ = writeln!(out, "- {}", md_cell(&line));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_maps_rates_to_eight_levels_and_gaps() {
        assert_eq!(sparkline(&[Some(0.0), Some(0.5), Some(1.0), None]), "▁▅█ ");
    }

    #[test]
    fn csv_fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
