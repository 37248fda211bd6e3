//! `promptctl env status`: what differs between environments and HEAD.

use promptctl::store::release;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Show what each environment runs compared with HEAD
///
/// One row per released prompt: HEAD's version, then each environment's pinned version and
/// whether it is `current` (same content as HEAD), `behind` (an older version), `differs` (other
/// content, e.g. from a branch) or `deleted` (the prompt is gone at HEAD).
///
/// Examples:
///   promptctl env status
///   promptctl env status --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct StatusArgs {}

pub(crate) fn run(ctx: &CommandContext, _args: &StatusArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let status = release::status(&repo)?;
    output::release::print_status(ctx.printer(), &status)?;
    Ok(ExitStatus::Success)
}
