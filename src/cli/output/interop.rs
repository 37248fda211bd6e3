//! Output of `export` and `import`: what was written and every portability note.

use std::fmt::Write as _;

use std::path::Path;

use promptctl::interop::Report;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    action: &'a str,
    destination: String,
    written: &'a [String],
    unchanged: &'a [String],
    notes: Vec<NoteJson<'a>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    path: &'a str,
    line: Option<usize>,
    message: &'a str,
}

/// Prints an import/export report on stdout: JSON, or a summary and the notes.
pub(crate) fn print(
    printer: &Printer,
    action: &str,
    dest: &Path,
    report: &Report,
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = ReportJson {
            schema_version: SCHEMA_VERSION,
            action,
            destination: dest.display().to_string(),
            written: &report.written,
            unchanged: &report.unchanged,
            notes: report
                .notes
                .iter()
                .map(|n| NoteJson {
                    path: &n.path,
                    line: n.line,
                    message: &n.message,
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut out = String::new();
    if printer.verbose(1) {
        for file in &report.written {
            let _ = writeln!(out, "  wrote {file}");
        }
    }
    let verb = if action == "export" {
        "Exported"
    } else {
        "Imported"
    };
    let _ = writeln!(
        out,
        "{verb} {} file{} to {} ({} unchanged)",
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" },
        dest.display(),
        report.unchanged.len()
    );
    if !report.notes.is_empty() {
        let _ = writeln!(
            out,
            "{} note{} on portability:",
            report.notes.len(),
            if report.notes.len() == 1 { "" } else { "s" }
        );
        for n in &report.notes {
            let at = n.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(out, "  {}{at}: {}", n.path, n.message);
        }
    }
    printer.data(&out)?;
    Ok(())
}

#[derive(Serialize)]
struct EnvironmentBundleJson<'a> {
    schema_version: u32,
    environment: &'a str,
    prompts: Vec<DeployedPromptJson<'a>>,
}

#[derive(Serialize)]
struct DeployedPromptJson<'a> {
    name: &'a str,
    version: Option<usize>,
    commit: &'a str,
    blob: &'a str,
    path: &'a str,
    front_matter: &'a serde_json::Map<String, serde_json::Value>,
    template: &'a str,
    partials: &'a std::collections::BTreeMap<String, String>,
}

/// The deployable bundle of an environment, as pretty JSON text with a trailing newline.
pub(crate) fn environment_bundle(
    environment: &str,
    prompts: &[(
        promptctl::store::release::ExportedPrompt,
        promptctl::interop::deploy::Deployable,
    )],
) -> anyhow::Result<String> {
    let doc = EnvironmentBundleJson {
        schema_version: SCHEMA_VERSION,
        environment,
        prompts: prompts
            .iter()
            .map(|(exported, deployable)| DeployedPromptJson {
                name: &exported.name,
                version: exported.pin.version,
                commit: &exported.pin.commit,
                blob: &exported.pin.blob,
                path: &exported.pin.path,
                front_matter: &deployable.front_matter,
                template: &deployable.template,
                partials: &deployable.partials,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
