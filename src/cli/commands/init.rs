//! `promptctl init`: start a project.

use std::path::PathBuf;

use promptctl::scaffold::{self, InitOptions};

use crate::cli::commands::doctor;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;
use crate::cli::output::doctor::CheckStatus;

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
///   promptctl init --check        # in CI or a hook: is this clone set up? changes nothing
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
    /// Change nothing; exit 1 when this clone is not set up (no project, or the merge or diff
    /// driver not routed or not registered), with the command that fixes each gap
    #[arg(long, conflicts_with_all = ["dir", "force"])]
    pub(crate) check: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &InitArgs) -> anyhow::Result<ExitStatus> {
    if args.check {
        return check(ctx);
    }
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

/// The setup checks of `doctor`, where a driver that is not routed or not registered also fails:
/// `init` would add it, so the clone is not set up.
fn check(ctx: &CommandContext) -> anyhow::Result<ExitStatus> {
    let checks = doctor::setup_checks(ctx)?;
    output::doctor::print(ctx.printer(), &checks)?;
    let unset = checks.iter().any(|c| {
        c.status == CheckStatus::Problem
            || (c.status == CheckStatus::Warning
                && matches!(
                    c.name,
                    "git repository"
                        | "merge attributes"
                        | "merge driver"
                        | "diff attributes"
                        | "diff driver"
                ))
    });
    Ok(if unset {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
