//! `promptctl export`: the whole library as one JSON bundle, or as a plain Dotprompt directory.

use std::path::PathBuf;

use anyhow::Context as _;
use promptctl::interop::{bundle, dotprompt};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Export the library to a JSON bundle or a plain Dotprompt directory
///
/// `--to bundle` (the default) writes `promptctl.yaml` and every file under the prompts folder
/// into one JSON document; `promptctl import` restores it byte for byte. `--to dotprompt` writes
/// `.prompt` files that Google's Dotprompt loads and renders the same: `extends` is flattened and
/// failover model lists become their first model, each reported as a note.
///
/// Examples:
///   promptctl export -o library.json
///   promptctl export > library.json
///   promptctl export --to dotprompt -o build/dotprompt
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// What to export to
    #[arg(long, value_enum, default_value_t = ExportFormat::Bundle)]
    pub(crate) to: ExportFormat,
    /// Output file (bundle; `-` or absent for stdout) or folder (dotprompt)
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// Overwrite files in the output folder whose content differs
    #[arg(long)]
    pub(crate) force: bool,
}

/// Export targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// One JSON document with every file (lossless)
    Bundle,
    /// A folder of plain Dotprompt `.prompt` files
    Dotprompt,
}

pub(crate) fn run(ctx: &CommandContext, args: &ExportArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    match args.to {
        ExportFormat::Bundle => {
            let bundle = bundle::export(project)?;
            let text = bundle::to_json(&bundle);
            match args.output.as_deref() {
                None => ctx.printer().data(&text)?,
                Some(path) if path.as_os_str() == "-" => ctx.printer().data(&text)?,
                Some(path) => {
                    let path = ctx.cwd().join(path);
                    std::fs::write(&path, text)
                        .with_context(|| format!("cannot write `{}`", path.display()))?;
                    ctx.printer().status(&format!(
                        "Exported {} files to {}",
                        bundle.files.len(),
                        path.display()
                    ));
                }
            }
        }
        ExportFormat::Dotprompt => {
            let Some(dir) = &args.output else {
                return Err(CliError::usage(
                    "`--to dotprompt` needs an output folder",
                    Some("add `-o <folder>`".to_owned()),
                )
                .into());
            };
            let dest = ctx.cwd().join(dir);
            let report = dotprompt::export(project, &dest, args.force)?;
            output::interop::print(ctx.printer(), "export", &dest, &report)?;
        }
    }
    Ok(ExitStatus::Success)
}
