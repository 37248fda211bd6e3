//! Output of `suggest`: advice per prompt as text or JSON; rule lists and explanations.
//!
//! JSON shape (`schema_version` 1):
//! `{"schema_version": 1, "prompts": [{"name", "path", "model",
//!   "tokens": {"method": "exact"|"estimated", "count", "encoding"?}}],
//!   "suggestions": [{"rule", "prompt", "path", "line", "column", "message", "hint",
//!   "fix": null | "what the fix does"}],
//!   "fixed": [{"path", "applied", "refused"}]}`

use std::fmt::Write as _;

use promptctl::suggest::{FixOutcome, PromptAdvice, SuggestRule};
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// Prints the advice, and what `--fix` did.
pub(crate) fn print(
    printer: &Printer,
    advice: &[PromptAdvice],
    fixes: &[FixOutcome],
) -> anyhow::Result<()> {
    let path = |p: &std::path::Path| p.to_string_lossy().replace('\\', "/");
    if printer.format == OutputFormat::Json {
        let prompts: Vec<Value> = advice
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "path": path(&p.path),
                    "model": p.model,
                    "tokens": p.tokens,
                })
            })
            .collect();
        let suggestions: Vec<Value> = advice
            .iter()
            .flat_map(|p| p.suggestions.iter().map(move |s| (p, s)))
            .map(|(p, s)| {
                json!({
                    "rule": s.finding.rule,
                    "prompt": p.name,
                    "path": path(&s.finding.location.path),
                    "line": s.finding.location.line,
                    "column": s.finding.location.column,
                    "message": s.finding.message,
                    "hint": s.finding.hint,
                    "fix": s.fix.as_ref().map(|f| f.description.clone()),
                })
            })
            .collect();
        let fix_outcomes: Vec<Value> = fixes
            .iter()
            .map(|f| json!({"path": path(&f.path), "applied": f.applied, "refused": f.refused}))
            .collect();
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "prompts": prompts,
            "suggestions": suggestions,
            "fixed": fix_outcomes,
        }))?;
        return Ok(());
    }
    let mut text = String::new();
    for outcome in fixes {
        match &outcome.refused {
            None => {
                let _ = writeln!(
                    text,
                    "fixed {}: {} fix(es) applied",
                    path(&outcome.path),
                    outcome.applied
                );
            }
            Some(reason) => {
                let _ = writeln!(text, "not fixed {}: {reason}", path(&outcome.path));
            }
        }
    }
    for prompt in advice {
        if prompt.suggestions.is_empty() && advice.len() > 1 {
            continue;
        }
        let _ = writeln!(
            text,
            "{} ({}): {}",
            prompt.name,
            prompt.model.as_deref().unwrap_or("no model"),
            prompt.tokens.describe()
        );
        for s in &prompt.suggestions {
            let label = printer.paint(&format!("[{}]", s.finding.rule), anstyle::AnsiColor::Cyan);
            let _ = writeln!(
                text,
                "  {}: {label} {}",
                s.finding.location, s.finding.message
            );
            if let Some(hint) = &s.finding.hint {
                let _ = writeln!(text, "    hint: {hint}");
            }
            if let Some(fix) = &s.fix {
                let _ = writeln!(text, "    fix (--fix): {}", fix.description);
            }
        }
    }
    printer.data(&text)?;
    let total: usize = advice.iter().map(|p| p.suggestions.len()).sum();
    let fixable: usize = advice
        .iter()
        .flat_map(|p| &p.suggestions)
        .filter(|s| s.fix.is_some())
        .count();
    printer.status(&format!(
        "{total} suggestion(s) for {} prompt(s), {fixable} fixable with --fix; `promptctl suggest --explain RULE` says why",
        advice.len()
    ));
    Ok(())
}

/// Prints every rule with its summary.
pub(crate) fn print_rules(printer: &Printer, rules: &[&dyn SuggestRule]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let list: Vec<Value> = rules
            .iter()
            .map(|r| json!({"id": r.id(), "summary": r.summary(), "explanation": r.explanation()}))
            .collect();
        printer.json(&json!({"schema_version": SCHEMA_VERSION, "rules": list}))?;
        return Ok(());
    }
    let mut text = String::new();
    for r in rules {
        let _ = writeln!(text, "{:<28} {}", r.id(), r.summary());
    }
    printer.data(&text)?;
    Ok(())
}

/// Prints one rule's explanation, as the section `docs/improve.md` holds for it.
pub(crate) fn print_explanation(printer: &Printer, rule: &dyn SuggestRule) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&json!({"schema_version": SCHEMA_VERSION, "id": rule.id(), "summary": rule.summary(), "explanation": rule.explanation()}))?;
        return Ok(());
    }
    printer.data(&format!(
        "### `{}`\n\n{}.\n\n{}\n",
        rule.id(),
        capitalize(rule.summary()),
        rule.explanation()
    ))?;
    Ok(())
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
