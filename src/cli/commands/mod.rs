//! One file per subcommand, one enum, one dispatch `match`.

pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod lint;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod render;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(init::InitArgs),
    New(new::NewArgs),
    Lint(lint::LintArgs),
    Render(render::RenderArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Runs one subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &Command) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::New(args) => new::run(ctx, args),
        Command::Lint(args) => lint::run(ctx, args),
        Command::Render(args) => render::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}
