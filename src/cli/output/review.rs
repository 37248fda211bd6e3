//! Output of `review approve`, `review request` and `review status`.

use std::fmt::Write;

use promptctl::approval::{Approved, RequestRecord, Verdict};
use promptctl::store::commit::Committed;
use serde_json::json;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

fn committed_line(committed: &Committed) -> String {
    match (&committed.short, &committed.branch) {
        (Some(short), Some(branch)) => format!("committed {short} on {branch}"),
        (Some(short), None) => format!("committed {short}"),
        (None, _) => "already committed".to_owned(),
    }
}

/// Prints an approval that was recorded.
pub(crate) fn print_approved(printer: &Printer, approved: &Approved) -> anyhow::Result<()> {
    if let Some(warning) = approved.committed.as_ref().and_then(|c| c.warning.as_ref()) {
        printer.warn(warning);
    }
    let r = &approved.record;
    if printer.format == OutputFormat::Json {
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "prompt": r.prompt,
            "content": r.content,
            "environment": r.environment,
            "approver": {"name": r.approver.name, "email": r.approver.email},
            "files": r.files,
            "path": approved.path,
            "commit": approved.committed.as_ref().and_then(|c| c.commit.clone()),
        }))?;
        return Ok(());
    }
    printer.data(&format!(
        "Approved {} (content {}) as {} <{}>{}: {}\n",
        r.prompt,
        &r.content[..12],
        r.approver.name,
        r.approver.email,
        r.environment
            .as_deref()
            .map_or(String::new(), |e| format!(" for {e}")),
        approved.committed.as_ref().map_or_else(
            || format!("wrote {} (not committed)", approved.path),
            committed_line
        )
    ))?;
    for (path, blob) in &r.files {
        printer.data(&format!("  {path} {}\n", &blob[..blob.len().min(12)]))?;
    }
    Ok(())
}

/// Prints review requests that were recorded.
pub(crate) fn print_requested(
    printer: &Printer,
    records: &[RequestRecord],
    committed: &Committed,
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let requests: Vec<_> = records
            .iter()
            .map(|r| json!({"prompt": r.prompt, "content": r.content, "reviewer": r.reviewer}))
            .collect();
        printer.json(&json!({
            "schema_version": SCHEMA_VERSION,
            "requests": requests,
            "commit": committed.commit,
        }))?;
        return Ok(());
    }
    for r in records {
        printer.data(&format!(
            "Requested review of {} (content {}) from {}\n",
            r.prompt,
            &r.content[..12],
            r.reviewer
        ))?;
    }
    printer.data(&format!("{}\n", committed_line(committed)))?;
    Ok(())
}

/// Prints where approvals stand.
pub(crate) fn print_status(printer: &Printer, verdicts: &[Verdict]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let rows: Vec<_> = verdicts
            .iter()
            .map(|v| {
                let approvals: Vec<_> = v
                    .approvals
                    .iter()
                    .map(|a| {
                        json!({
                            "name": a.approver.name,
                            "email": a.approver.email,
                            "counts": a.not_counted.is_none(),
                            "not_counted": a.not_counted,
                            "verified_signer": a.verified_signer,
                        })
                    })
                    .collect();
                let void: Vec<&str> = v.void.iter().map(|p| p.email.as_str()).collect();
                json!({
                    "prompt": v.prompt,
                    "environment": v.environment,
                    "state": v.state.as_str(),
                    "content": v.content,
                    "required": v.required,
                    "counted": v.count(),
                    "approvals": approvals,
                    "void": void,
                    "requested": v.requested,
                    "eligible": v.eligible,
                    "missing": v.missing(),
                })
            })
            .collect();
        printer.json(&json!({"schema_version": SCHEMA_VERSION, "prompts": rows}))?;
        return Ok(());
    }
    if verdicts.is_empty() {
        printer
            .status("No protected environments (set `approvals.environments` in promptctl.yaml)");
        return Ok(());
    }
    let mut table = new_table(
        printer,
        &["prompt", "env", "state", "approvals", "by", "pending"],
    );
    for v in verdicts {
        let by: Vec<String> = v
            .approvals
            .iter()
            .map(|a| {
                let mut who = a.approver.email.clone();
                if let Some(signer) = &a.verified_signer {
                    let _ = write!(who, " (signed: {signer})");
                }
                if a.not_counted.is_some() {
                    who.push_str(" (does not count)");
                }
                who
            })
            .chain(v.void.iter().map(|p| format!("{} (void)", p.email)))
            .collect();
        table.add_row(vec![
            v.prompt.clone(),
            v.environment.clone(),
            v.state.as_str().to_owned(),
            format!("{}/{}", v.count(), v.required),
            by.join(", "),
            v.requested.join(", "),
        ]);
    }
    printer.data(&format!("{table}\n"))?;
    for line in verdicts.iter().filter_map(Verdict::missing) {
        printer.data(&format!("missing: {line}\n"))?;
    }
    Ok(())
}
