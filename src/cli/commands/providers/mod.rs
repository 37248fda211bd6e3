//! `promptctl providers`: what is configured, and whether it works.

pub(crate) mod check;
pub(crate) mod list;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// `providers` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ProvidersCommand {
    List(list::ListArgs),
    Check(check::CheckArgs),
}

/// Runs a `providers` subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &ProvidersCommand) -> anyhow::Result<ExitStatus> {
    match command {
        ProvidersCommand::List(args) => list::run(ctx, args),
        ProvidersCommand::Check(args) => check::run(ctx, args),
    }
}
