//! The command-line face of promptctl: argument parsing, output, exit codes.
//!
//! Everything here is thin: each subcommand in [`commands`] turns its arguments into a call to the
//! core library and hands the result to a presenter in [`output`]. This is the only part of the
//! program that reads the environment, looks at the terminal or decides colors and exit codes.

pub(crate) mod commands;
pub(crate) mod context;
pub(crate) mod credentials;
pub(crate) mod env_vars;
pub(crate) mod error;
pub(crate) mod gateway;
pub(crate) mod interrupt;
pub(crate) mod notify;
pub(crate) mod output;
pub(crate) mod printer;
pub(crate) mod progress;
pub(crate) mod strip;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::cli::commands::Command;
use crate::cli::context::CommandContext;

/// A git-native toolchain for prompt engineering
///
/// promptctl treats a git repository of `.prompt` files (YAML front matter + Handlebars) as the
/// database: lint, render, search, diff, scan, run and A/B-test prompts from the terminal, in
/// pre-commit hooks and in CI.
#[derive(Debug, Parser)]
#[command(
    name = "promptctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Start with `promptctl init` in a repository, or try the bundled library:\n  promptctl -C prompts-example lint"
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, clap::Args)]
pub(crate) struct GlobalArgs {
    /// Run as if promptctl was started in this directory
    #[arg(short = 'C', long = "directory", global = true, value_name = "DIR")]
    pub(crate) directory: Option<PathBuf>,
    /// Output format: text, JSON, or a CI format where the command writes it (others exit 2)
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Human)]
    pub(crate) format: OutputFormat,
    /// When to use color on the terminal
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Print only data and errors: no status lines, no progress bars
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Say more about what is happening (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
    /// Never draw progress bars
    #[arg(long, global = true)]
    pub(crate) no_progress: bool,
    /// Fail the command when a notification cannot be delivered, instead of warning (exit 5 when
    /// the receiver refuses or cannot be reached, 2 when a destination is set up wrong)
    #[arg(long, global = true)]
    pub(crate) notify_strict: bool,
}

/// How results are written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Text and tables for people
    Human,
    /// One JSON document with `schema_version`, for scripts
    Json,
    /// GitHub Actions workflow annotations (lint and scan)
    Github,
    /// Markdown, for pull-request comments (lint, scan, diff, ab analyze)
    Markdown,
    /// SARIF 2.1.0 for code scanning (lint and scan)
    Sarif,
    /// Comma-separated values (scan, audit)
    Csv,
}

impl OutputFormat {
    /// The value as it is written after `--format`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Github => "github",
            OutputFormat::Markdown => "markdown",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Csv => "csv",
        }
    }
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is unset
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

/// Parses the command line, runs the command and maps the outcome to an exit code.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = CommandContext::new(&cli.global);
    // Before anything else runs, so that no Ctrl-C can find the default action (which kills).
    let result = if catches_interrupts(&cli.command) {
        interrupt::install()
            .map_err(|e| anyhow::Error::new(e).context("cannot catch Ctrl-C"))
            .and_then(|()| commands::run(&ctx, &cli.command))
    } else {
        commands::run(&ctx, &cli.command)
    };
    error::finish(&ctx, result)
}

/// The commands that stop cleanly on Ctrl-C (see [`interrupt`]).
fn catches_interrupts(command: &Command) -> bool {
    matches!(command, Command::Ab(commands::ab::AbCommand::Run(_)))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
