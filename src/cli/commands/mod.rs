//! One file per subcommand, one enum, one dispatch `match`.

pub(crate) mod auth;
pub(crate) mod completions;
pub(crate) mod man;
pub(crate) mod providers;
pub(crate) mod render;
pub(crate) mod run;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Render(render::RenderArgs),
    Run(run::RunArgs),
    /// List the configured LLM providers and check that they answer
    ///
    /// Examples:
    ///   promptctl providers list
    ///   promptctl providers check openai anthropic
    #[command(subcommand, verbatim_doc_comment)]
    Providers(providers::ProvidersCommand),
    /// Store provider API keys in the OS keyring
    ///
    /// Keys in the keyring are used when the provider's environment variable is unset.
    ///
    /// Examples:
    ///   promptctl auth set openai        # asks for the key; input is hidden
    ///   promptctl auth list
    #[command(subcommand, verbatim_doc_comment)]
    Auth(auth::AuthCommand),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Runs one subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &Command) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Render(args) => render::run(ctx, args),
        Command::Run(args) => run::run(ctx, args),
        Command::Providers(command) => providers::run(ctx, command),
        Command::Auth(command) => auth::run(ctx, command),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}
