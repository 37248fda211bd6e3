//! One file per subcommand, one enum, one dispatch `match`.

pub(crate) mod completions;
pub(crate) mod man;
pub(crate) mod policy;
pub(crate) mod render;
pub(crate) mod scan;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Render(render::RenderArgs),
    Scan(scan::ScanArgs),
    Policy(policy::PolicyArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Runs one subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &Command) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Render(args) => render::run(ctx, args),
        Command::Scan(args) => scan::run(ctx, args),
        Command::Policy(args) => policy::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}
