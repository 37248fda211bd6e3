//! `promptctl restore`: a library back from a backup bundle, verified.

use std::path::PathBuf;

use crate::cli::OutputFormat;
use crate::cli::commands::backup::RefsJson;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Restore a library from a backup bundle
///
/// Verifies the bundle, clones it into DIR (which must not exist or be empty, unless `--force`)
/// with every branch and tag, checks out the default branch, and checks that every ref in the
/// bundle arrived with the same commit. A failed restore removes what it created.
///
/// Examples:
///   promptctl restore prompts-2026-01-01.bundle restored-library
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct RestoreArgs {
    /// The bundle written by `promptctl backup`
    pub(crate) file: PathBuf,
    /// The directory to restore into
    pub(crate) dir: PathBuf,
    /// Restore into a folder that already holds files (files the bundle also has are replaced)
    #[arg(long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &RestoreArgs) -> anyhow::Result<ExitStatus> {
    let report = promptctl::store::bundle::restore(ctx.cwd(), &args.file, &args.dir, args.force)?;
    if ctx.printer().format == OutputFormat::Json {
        ctx.printer().json(&serde_json::to_value(RefsJson::new(
            &report.path,
            None,
            &report.refs,
        ))?)?;
    } else {
        ctx.printer().status(&format!(
            "Restored {} refs into {}, verified",
            report.refs.len(),
            args.dir.display()
        ));
    }
    Ok(ExitStatus::Success)
}
