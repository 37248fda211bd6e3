//! `promptctl completions`: shell completion scripts generated from the CLI definition.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Print a shell completion script
///
/// Load it in your shell, e.g. `promptctl completions bash > ~/.local/share/bash-completion/completions/promptctl`.
/// Pre-generated scripts for every shell live in the repository's `completions/` folder.
#[derive(Debug, clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    shell: Shell,
}

pub(crate) fn run(ctx: &CommandContext, args: &CompletionsArgs) -> anyhow::Result<ExitStatus> {
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "promptctl", &mut buffer);
    ctx.printer().data(&String::from_utf8_lossy(&buffer))?;
    Ok(ExitStatus::Success)
}
