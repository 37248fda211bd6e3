//! `promptctl export`: the whole library as one JSON bundle, as a plain Dotprompt directory, or
//! an environment's released prompts as a deployable bundle.

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
/// failover model lists become their first model, each reported as a note. `--env ENV` writes
/// the deployable bundle of what is released to ENV, read from the pinned git objects (never the
/// working tree): each prompt's pin, effective front matter, flattened template and partials.
///
/// Examples:
///   promptctl export -o library.json
///   promptctl export > library.json
///   promptctl export --to dotprompt -o build/dotprompt
///   promptctl export --env prod -o deploy/prod.json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
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
    /// Export what is released to this environment, from git objects (a deployable bundle)
    #[arg(long, value_name = "ENV", conflicts_with_all = ["to", "force"])]
    pub(crate) env: Option<String>,
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
    if let Some(environment) = &args.env {
        return export_environment(ctx, environment, args.output.as_deref());
    }
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
                    Some("name the folder to write with `-o`".to_owned()),
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

/// Writes the deployable bundle of an environment to stdout or a file.
fn export_environment(
    ctx: &CommandContext,
    environment: &str,
    output_path: Option<&std::path::Path>,
) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let mut prompts = Vec::new();
    for (exported, loader) in promptctl::store::release::export_environment(&repo, environment)? {
        let name = promptctl::prompt::PromptName::parse_id(&exported.name);
        let deployable = promptctl::interop::deploy::deployable(&loader, &name)?;
        prompts.push((exported, deployable));
    }
    let text = output::interop::environment_bundle(environment, &prompts)?;
    match output_path {
        None => ctx.printer().data(&text)?,
        Some(path) if path.as_os_str() == "-" => ctx.printer().data(&text)?,
        Some(path) => {
            let path = ctx.cwd().join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            ctx.printer().status(&format!(
                "Exported {} prompts released to `{environment}` to {}",
                prompts.len(),
                path.display()
            ));
        }
    }
    Ok(ExitStatus::Success)
}
