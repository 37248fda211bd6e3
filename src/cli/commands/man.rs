//! `promptctl man`: man pages generated from the CLI definition.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Print or write man pages
///
/// Without `--out`, prints the `promptctl(1)` page. With `--out DIR`, writes one page per
/// subcommand (`promptctl-render.1`, ...) into DIR.
#[derive(Debug, clap::Args)]
pub(crate) struct ManArgs {
    /// Write every page into this folder instead of printing the main page
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub(crate) fn run(ctx: &CommandContext, args: &ManArgs) -> anyhow::Result<ExitStatus> {
    let command = Cli::command();
    match &args.out {
        None => {
            let mut buffer = Vec::new();
            clap_mangen::Man::new(command).render(&mut buffer)?;
            ctx.printer().data(&String::from_utf8_lossy(&buffer))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            clap_mangen::generate_to(command, dir)
                .with_context(|| format!("cannot write man pages to `{}`", dir.display()))?;
            ctx.printer()
                .status(&format!("wrote man pages to `{}`", dir.display()));
        }
    }
    Ok(ExitStatus::Success)
}
