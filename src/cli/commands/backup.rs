//! `promptctl backup`: the whole library with all history in one file.

use std::path::PathBuf;

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::SCHEMA_VERSION;

/// Write a single-file backup of the library with all history
///
/// The backup is a `git bundle` of every branch and tag, verified after writing. Restore it with
/// `promptctl restore FILE DIR` (which verifies it again and checks every ref), or with plain
/// `git clone FILE DIR`.
///
/// Examples:
///   promptctl backup prompts-2026-01-01.bundle
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct BackupArgs {
    /// The bundle file to write
    pub(crate) file: PathBuf,
}

#[derive(Serialize)]
pub(crate) struct RefsJson<'a> {
    pub(crate) schema_version: u32,
    pub(crate) path: String,
    pub(crate) bytes: Option<u64>,
    pub(crate) refs: Vec<RefJson<'a>>,
}

#[derive(Serialize)]
pub(crate) struct RefJson<'a> {
    pub(crate) name: &'a str,
    pub(crate) commit: &'a str,
}

impl<'a> RefsJson<'a> {
    /// The JSON of `backup` and `restore`: the bundle or folder, its size when known, the refs.
    pub(crate) fn new(
        path: &std::path::Path,
        bytes: Option<u64>,
        refs: &'a [(String, String)],
    ) -> RefsJson<'a> {
        RefsJson {
            schema_version: SCHEMA_VERSION,
            path: path.display().to_string(),
            bytes,
            refs: refs
                .iter()
                .map(|(name, commit)| RefJson { name, commit })
                .collect(),
        }
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &BackupArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let file = ctx.cwd().join(&args.file);
    let report = promptctl::store::bundle::backup(&repo, &file)?;
    if ctx.printer().format == OutputFormat::Json {
        ctx.printer().json(&serde_json::to_value(RefsJson::new(
            &report.path,
            Some(report.bytes),
            &report.refs,
        ))?)?;
    } else {
        ctx.printer().status(&format!(
            "Wrote {} ({} refs, {} bytes), verified",
            args.file.display(),
            report.refs.len(),
            report.bytes
        ));
    }
    Ok(ExitStatus::Success)
}
