//! Output of `ingest`: per file, the calls matched by prompt version and the ones that matched
//! nothing, with where they were.

use std::fmt::Write as _;
use std::path::Path;

use promptctl::report::ingest::IngestReport;
use serde_json::json;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Prints what each file's import did; unmatched calls are also warned about on stderr.
pub(crate) fn print(
    printer: &Printer,
    root: &Path,
    reports: &[(String, IngestReport)],
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let files: Vec<_> = reports
            .iter()
            .map(|(file, r)| {
                json!({
                    "file": file,
                    "format": r.format.name(),
                    "written": r.written.as_deref().map(|p| relative(root, p)),
                    "calls": r.calls,
                    "matched": r.matched.iter().map(|((prompt, version), n)| {
                        json!({"prompt": prompt, "version": version, "calls": n})
                    }).collect::<Vec<_>>(),
                    "unmatched": r.unmatched_total(),
                    "unmatched_by_reason": r.unmatched,
                    "unmatched_examples": r.unmatched_examples.iter().map(|u| {
                        json!({"position": u.position, "reason": u.reason})
                    }).collect::<Vec<_>>(),
                    "skipped_spans": r.skipped_spans,
                })
            })
            .collect();
        printer.json(&json!({"schema_version": SCHEMA_VERSION, "files": files}))?;
    } else {
        let mut text = String::new();
        for (file, r) in reports {
            let matched: u64 = r.matched.values().sum();
            let _ = write!(
                text,
                "{file} ({}): {} call(s), {matched} matched",
                r.format.name(),
                r.calls
            );
            match &r.written {
                Some(path) => {
                    let _ = writeln!(text, ", written to `{}`", relative(root, path));
                }
                None => text.push_str(", nothing written\n"),
            }
            for ((prompt, version), n) in &r.matched {
                let _ = writeln!(text, "  {prompt}@{version}: {n}");
            }
            if r.skipped_spans > 0 {
                let _ = writeln!(text, "  {} span(s) were not model calls", r.skipped_spans);
            }
        }
        printer.data(&text)?;
    }
    for (file, r) in reports {
        if r.unmatched_total() == 0 {
            continue;
        }
        for (reason, n) in &r.unmatched {
            printer.warn(&format!(
                "{file}: {n} call(s) matched no prompt version: {reason}"
            ));
        }
        for u in &r.unmatched_examples {
            printer.warn(&format!("{file}: {}: {}", u.position, u.reason));
        }
    }
    Ok(())
}
