//! One file per subcommand, one enum, one dispatch `match`.

pub(crate) mod completions;
pub(crate) mod man;
pub(crate) mod render;
pub(crate) mod stats;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Render(render::RenderArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Stats(stats::StatsArgs),
}

/// Runs one subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &Command) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Render(args) => render::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
        Command::Stats(args) => stats::run(ctx, args),
    }
}
