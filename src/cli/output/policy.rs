//! Output of `policy list` and `policy explain`: a table or text, and JSON.

use std::fmt::Write as _;

use promptctl::scan::policy::{PolicyRule, PolicySet};
use promptctl::scan::{self, RuleInfo};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::{SCHEMA_VERSION, table};
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct RuleJson {
    id: String,
    kind: &'static str,
    severity: &'static str,
    confidence: &'static str,
    summary: String,
    why: Option<String>,
    hint: Option<String>,
    scope: Option<String>,
    source: Option<String>,
}

fn builtin_json(rule: &RuleInfo) -> RuleJson {
    RuleJson {
        id: rule.id.to_owned(),
        kind: "builtin",
        severity: rule.severity.as_str(),
        confidence: rule.confidence.as_str(),
        summary: rule.summary.to_owned(),
        why: Some(rule.why.to_owned()),
        hint: Some(rule.hint.to_owned()),
        scope: None,
        source: None,
    }
}

fn policy_json(rule: &PolicyRule) -> RuleJson {
    RuleJson {
        id: rule.finding_id(),
        kind: "policy",
        severity: rule.severity.as_str(),
        confidence: "high",
        summary: rule.description.clone().unwrap_or_else(|| rule.summary()),
        why: rule.why.clone(),
        hint: rule.hint.clone(),
        scope: Some(rule.scope_text()),
        source: Some(rule.source.to_string()),
    }
}

fn all(policies: &PolicySet) -> Vec<RuleJson> {
    scan::builtin_rules()
        .into_iter()
        .map(builtin_json)
        .chain(policies.rules.iter().map(policy_json))
        .collect()
}

/// Prints every rule.
pub(crate) fn list(printer: &Printer, policies: &PolicySet) -> anyhow::Result<()> {
    let rules = all(policies);
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "rules": rules}))?;
        return Ok(());
    }
    let mut t = table::new_table(printer, &["rule", "severity", "confidence", "checks"]);
    for r in &rules {
        t.add_row(vec![
            r.id.clone(),
            r.severity.to_owned(),
            r.confidence.to_owned(),
            r.summary.clone(),
        ]);
    }
    printer.data(&format!("{t}\n"))?;
    Ok(())
}

/// Prints one rule in full.
pub(crate) fn explain(printer: &Printer, policies: &PolicySet, id: &str) -> anyhow::Result<()> {
    let rule = match scan::builtin_rule(id) {
        Some(r) => builtin_json(r),
        None => match policies.get(id) {
            Some(r) => {
                let mut json = policy_json(r);
                // For a policy, "what it checks" is generated from its definition.
                json.summary = match &r.description {
                    Some(d) => format!("{d}\n{}", r.summary()),
                    None => r.summary(),
                };
                json
            }
            None => return Ok(()),
        },
    };
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "rule": rule}))?;
        return Ok(());
    }
    let mut out = format!(
        "{} ({} rule, severity {}, {} confidence)\n\nWhat it checks:\n  {}\n",
        rule.id,
        rule.kind,
        rule.severity,
        rule.confidence,
        rule.summary.replace('\n', "\n  ")
    );
    if let Some(scope) = &rule.scope {
        let _ = write!(out, "\nApplies to:\n  {scope}\n");
    }
    if let Some(why) = &rule.why {
        let _ = write!(out, "\nWhy:\n  {why}\n");
    }
    if let Some(hint) = &rule.hint {
        let _ = write!(out, "\nHow to fix:\n  {hint}\n");
    }
    if let Some(source) = &rule.source {
        let _ = write!(out, "\nDefined in:\n  {source}\n");
    }
    let _ = write!(
        out,
        "\nSilence one finding with `{{{{!-- promptctl:allow {} <reason> --}}}}` on or above its line,\nor the rule with `scan.rules: {{{}: off}}` in promptctl.yaml.\n",
        rule.id, rule.id
    );
    printer.data(&out)?;
    Ok(())
}
