//! `promptctl owners`: compare the prompts' `owners:` with `CODEOWNERS`, and write them into it.

use std::path::Path;

use anyhow::Context as _;
use promptctl::library::Library;
use promptctl::owners::{self, CodeOwners};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Keep CODEOWNERS in step with the prompts' owners
///
/// A prompt's owners are its `owners:`, else the nearest `defaults.folders.<folder>.owners` in
/// promptctl.yaml, else `defaults.owners`. CODEOWNERS is looked for where GitHub and GitLab look
/// (`.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`); GitLab `[Section]` headers are read.
///
/// Examples:
///   promptctl owners check
///   promptctl owners sync
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct OwnersArgs {
    #[command(subcommand)]
    pub(crate) command: OwnersCommand,
}

/// The `owners` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum OwnersCommand {
    /// Report prompts whose CODEOWNERS owners differ from their owners (exit 1 if any)
    Check,
    /// Write one CODEOWNERS line per prompt into a managed block (replaced on every run)
    Sync,
}

pub(crate) fn run(ctx: &CommandContext, args: &OwnersArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let repo = ctx.repo()?;
    let library = Library::load(project)?;
    let prompts = owners::owned_prompts(&library, &project.config, |name| repo.prompt_path(name));
    let root = repo.workdir();
    let location = owners::locate(root);
    match args.command {
        OwnersCommand::Check => {
            let codeowners = match location {
                Some(location) => Some(read(root, location)?),
                None => None,
            };
            let mismatches = owners::mismatches(codeowners.as_ref(), &prompts);
            output::owners::check(ctx.printer(), location, prompts.len(), &mismatches)?;
            Ok(if mismatches.is_empty() {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            })
        }
        OwnersCommand::Sync => {
            // GitHub reads `.github/` first; a new file goes there when the folder exists.
            let location = location.unwrap_or(if root.join(".github").is_dir() {
                owners::LOCATIONS[0]
            } else {
                owners::LOCATIONS[1]
            });
            let path = root.join(location);
            // A `.github` folder or CODEOWNERS file that links out of the repository is refused.
            promptctl::confine::Boundary::new(root).check(&path)?;
            let existing = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot read `{location}`"));
                }
            };
            let updated = owners::sync(Path::new(location), &existing, &prompts)
                .map_err(|e| CliError::invalid(e.to_string(), Some(block_hint())))?;
            let changed = updated != existing;
            if changed {
                std::fs::write(&path, &updated)
                    .with_context(|| format!("cannot write `{location}`"))?;
            }
            output::owners::synced(ctx.printer(), location, &prompts, changed)?;
            Ok(ExitStatus::Success)
        }
    }
}

fn read(root: &Path, location: &str) -> anyhow::Result<CodeOwners> {
    let text = std::fs::read_to_string(root.join(location))
        .with_context(|| format!("cannot read `{location}`"))?;
    Ok(CodeOwners::parse(Path::new(location), &text).map_err(|e| {
        CliError::invalid(
            e.to_string(),
            Some("CODEOWNERS patterns are gitignore-style globs".to_owned()),
        )
    })?)
}

fn block_hint() -> String {
    format!(
        "the managed block starts with `{}` and ends with `{}`; restore or delete both lines",
        owners::BEGIN_MARKER,
        owners::END_MARKER
    )
}
