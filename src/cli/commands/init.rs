//! `promptctl init`: start a project.

use std::path::PathBuf;

use promptctl::scaffold::{self, InitOptions};

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Start a promptctl project: config, prompts folder, example prompt and git attributes
///
/// Writes `promptctl.yaml` (with a yaml-language-server `$schema` comment, so editors complete
/// and check it), copies the JSON Schemas to `.promptctl/schemas/`, creates `prompts/` with an
/// example prompt when it has none, adds `.promptctl/cache/` to `.gitignore` and
/// `*.prompt merge=promptctl diff=promptctl` to `.gitattributes` (each only once), and in a git
/// repository registers the merge and diff drivers those attributes name (as
/// `promptctl merge-driver --install` does): `git merge` then merges prompt files key by key, and
/// `git diff`, `git log -p` and `git show` show front-matter fields by name.
///
/// In an existing project `init` adds only what is missing: an existing `promptctl.yaml` is never
/// replaced, and prompts are never touched. Run it in a fresh clone to register the drivers, which
/// git does not clone.
///
/// Examples:
///   promptctl init
///   promptctl init my-prompts
///   promptctl init --force        # also refresh the schema copies in .promptctl/schemas/
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct InitArgs {
    /// The project folder, created when missing [default: the current directory]
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// Also rewrite schema copies in .promptctl/schemas/ that differ from this version's schemas
    /// (promptctl.yaml is never replaced)
    #[arg(long)]
    pub(crate) force: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let root = match &args.dir {
        Some(dir) => ctx.cwd().join(dir),
        None => ctx.cwd().clone(),
    };
    let report = scaffold::init_project(&InitOptions {
        root: root.clone(),
        force: args.force,
    })?;
    output::init::print(ctx.printer(), &root, &report)?;
    // The drivers' git config lives in `.git/config`, so it needs a repository.
    match promptctl::store::install_merge_driver(&root) {
        Ok(()) => ctx.printer().status(
            "Installed the prompt merge and diff drivers (`merge.promptctl` and `diff.promptctl` in .git/config)",
        ),
        Err(promptctl::store::Error::NotARepository { .. }) => ctx.printer().status(
            "Not a git repository yet: after `git init`, run `promptctl merge-driver --install`",
        ),
        Err(error) => return Err(error.into()),
    }
    Ok(ExitStatus::Success)
}
