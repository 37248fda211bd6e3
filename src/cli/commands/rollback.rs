//! `promptctl rollback`: write an earlier version of a prompt back, optionally committing it.

use promptctl::store::commit::CommitOptions;
use promptctl::store::rollback;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::SCHEMA_VERSION;

/// Restore an earlier version of a prompt
///
/// Writes the content of `NAME@REF` to the prompt's file in the working tree. With `--commit`,
/// also records a commit "Roll back NAME to vN" containing only that file: anything else you have
/// staged stays staged. promptctl refuses when the file has uncommitted edits (use `--force` to
/// overwrite them without `--commit`), during a merge or rebase, and on a detached HEAD.
///
/// Examples:
///   promptctl rollback support/reply --to v2
///   promptctl rollback support/reply --to prod --commit
///   promptctl rollback support/reply --to HEAD~3
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct RollbackArgs {
    /// The prompt: `folder/name` or `folder/name.variant`
    pub(crate) name: String,
    /// The version to restore: `v2`, an environment, or a git revision
    #[arg(long, value_name = "REF")]
    pub(crate) to: String,
    /// Commit the restored file ("Roll back NAME to vN")
    #[arg(long)]
    pub(crate) commit: bool,
    /// Allow committing on a detached HEAD
    #[arg(long, requires = "commit")]
    pub(crate) allow_detached: bool,
    /// Overwrite uncommitted edits to the file (without `--commit` only)
    #[arg(long, conflicts_with = "commit")]
    pub(crate) force: bool,
}

#[derive(Serialize)]
struct RollbackJson<'a> {
    schema_version: u32,
    name: &'a str,
    path: &'a str,
    version: Option<usize>,
    reference: &'a str,
    commit: Option<&'a str>,
    unchanged: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &RollbackArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let options = CommitOptions {
        allow_detached: args.allow_detached,
    };
    let report = rollback::rollback(
        &repo,
        &args.name,
        &args.to,
        args.commit.then_some(&options),
        args.force,
    )?;
    let label = report
        .version
        .map_or_else(|| report.reference.clone(), |v| format!("v{v}"));
    let commit = report.committed.as_ref().and_then(|c| c.commit.as_deref());
    if let Some(warning) = report.committed.as_ref().and_then(|c| c.warning.as_deref()) {
        ctx.printer().warn(warning);
    }
    if ctx.printer().format == OutputFormat::Json {
        ctx.printer().json(&serde_json::to_value(RollbackJson {
            schema_version: SCHEMA_VERSION,
            name: &report.name,
            path: &report.path,
            version: report.version,
            reference: &report.reference,
            commit,
            unchanged: report.unchanged,
        })?)?;
    } else if let Some(short) = report.committed.as_ref().and_then(|c| c.short.as_deref()) {
        ctx.printer().status(&format!(
            "Rolled back `{}` to {label} in {short}",
            report.name
        ));
    } else if report.unchanged {
        ctx.printer().status(&format!(
            "`{}` already has the content of {label}",
            report.name
        ));
    } else {
        ctx.printer().status(&format!(
            "Wrote {label} of `{}` to {} (not committed)",
            report.name, report.path
        ));
    }
    if !report.unchanged {
        crate::cli::notify::emit(ctx, &promptctl::notify::Event::rollback(&report))?;
    }
    Ok(ExitStatus::Success)
}
