//! `promptctl env`: environments and what is released to them.

pub(crate) mod status;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Inspect release environments
///
/// Environments are the committed files under `environments/` written by `promptctl release`.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct EnvArgs {
    #[command(subcommand)]
    pub(crate) command: EnvCommand,
}

/// Every `env` subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum EnvCommand {
    Status(status::StatusArgs),
}

pub(crate) fn run(ctx: &CommandContext, args: &EnvArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        EnvCommand::Status(args) => status::run(ctx, args),
    }
}
