//! `promptctl notify test`: send a test message to one destination, to check its setup.

use promptctl::notify::Event;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::notify::{exit_code, send, unknown_destination};
use crate::cli::output;

/// `notify` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum NotifyCommand {
    /// Send a test message to a destination, whatever events it asks for (exit 5 when it does
    /// not arrive)
    ///
    /// Examples:
    ///   promptctl notify test releases
    ///   promptctl notify test audit --format json
    #[command(verbatim_doc_comment)]
    Test {
        /// The destination's name under `notify.destinations` in promptctl.yaml
        destination: String,
    },
}

pub(crate) fn run(ctx: &CommandContext, command: &NotifyCommand) -> anyhow::Result<ExitStatus> {
    match command {
        NotifyCommand::Test { destination } => test(ctx, destination),
    }
}

fn test(ctx: &CommandContext, name: &str) -> anyhow::Result<ExitStatus> {
    let config = &ctx.project()?.config.notify;
    let Some((name, _)) = config.destinations.get_key_value(name) else {
        return Err(unknown_destination(name, config).into());
    };
    let event = Event::test(name);
    let result = send(ctx, config, &[name], &event)?
        .into_iter()
        .next()
        .unwrap_or_else(|| unreachable!("one destination, one result"));
    match result {
        Ok(delivered) => {
            output::notify::print_test(ctx.printer(), &event, &delivered)?;
            Ok(ExitStatus::Success)
        }
        Err(error) => Err(CliError {
            message: error.to_string(),
            code: exit_code(&error),
            hint: Some(format!(
                "check the URL in the variable `notify.destinations.{name}.url_env` names, and that the receiver accepts POST requests"
            )),
        }
        .into()),
    }
}
