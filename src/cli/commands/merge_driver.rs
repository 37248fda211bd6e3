//! `promptctl merge-driver`: git's merge driver for prompt files.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use promptctl::prompt::merge::{Conflict, MergeLabels, merge_prompt};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};

/// Merge prompt files for git, key by key and hunk by hunk
///
/// git runs this during `git merge`, `rebase` and `cherry-pick` for files marked
/// `merge=promptctl` in `.gitattributes`. Front matter merges key by key: edits to different keys
/// never conflict, and the same key changed differently on both sides is a conflict marked around
/// that key only. The body merges three-way with markers only around overlapping hunks. The
/// result is written to OURS; the exit status is 0 when clean and 1 when conflicts remain, as
/// git's merge-driver contract requires.
///
/// Install it in a repository with `promptctl merge-driver --install` (`promptctl init` does this
/// too): it adds `*.prompt merge=promptctl diff=promptctl` to `.gitattributes` and sets
/// `merge.promptctl.driver` in `.git/config` to a command that fails safe: when promptctl is not on PATH, crashes or fails,
/// git's own `git merge-file` merges the file, so a merge ends in a normal conflict with both sides
/// and markers, never with one side silently dropped. It registers the diff driver too
/// (`diff.promptctl`), so `git diff`, `git log -p` and `git show` name the front-matter fields that
/// changed, again falling back to a plain text diff. `.git/config` is not cloned: run `--install`
/// once in every clone (`promptctl doctor` tells whether it is needed).
///
/// Examples:
///   promptctl merge-driver --install
///   promptctl merge-driver base.prompt ours.prompt theirs.prompt prompts/x.prompt
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct MergeDriverArgs {
    /// Configure this repository to use the merge and diff drivers for `*.prompt` files, then exit
    #[arg(long, exclusive = true)]
    pub(crate) install: bool,
    /// The common ancestor's version (git's %O)
    #[arg(required_unless_present = "install")]
    pub(crate) base: Option<PathBuf>,
    /// Our version, overwritten with the result (git's %A)
    #[arg(required_unless_present = "install")]
    pub(crate) ours: Option<PathBuf>,
    /// Their version (git's %B)
    #[arg(required_unless_present = "install")]
    pub(crate) theirs: Option<PathBuf>,
    /// The path being merged, for messages (git's %P)
    pub(crate) path: Option<String>,
    /// Length of conflict markers (git's %L)
    #[arg(long, default_value_t = 7, value_name = "N")]
    pub(crate) marker_size: usize,
}

pub(crate) fn run(ctx: &CommandContext, args: &MergeDriverArgs) -> anyhow::Result<ExitStatus> {
    if args.install {
        promptctl::store::install_merge_driver(ctx.cwd())?;
        ctx.printer().status(
            "Installed the prompt merge and diff drivers (`.gitattributes`, and `merge.promptctl` and `diff.promptctl` in .git/config)",
        );
        return Ok(ExitStatus::Success);
    }
    let (Some(base), Some(ours), Some(theirs)) = (&args.base, &args.ours, &args.theirs) else {
        return Err(CliError::usage("merge-driver needs BASE OURS THEIRS", None).into());
    };
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read `{}`", p.display()))
    };
    let labels = MergeLabels {
        marker_size: args.marker_size,
        ..MergeLabels::default()
    };
    let outcome = merge_prompt(&read(base)?, &read(ours)?, &read(theirs)?, &labels);
    replace_file(ours, &outcome.text)?;
    if !outcome.is_conflicted() {
        return Ok(ExitStatus::Success);
    }
    let path = args.path.as_deref().unwrap_or("prompt file");
    for conflict in &outcome.conflicts {
        let what = match conflict {
            Conflict::Field(key) => format!("front-matter key `{key}` changed on both sides"),
            Conflict::Body(n) => format!("{n} overlapping body hunk(s)"),
            Conflict::Text(n) => format!("{n} conflicting hunk(s) (a side does not parse)"),
        };
        ctx.printer().warn(&format!("{path}: {what}"));
    }
    Ok(ExitStatus::Failure)
}

/// Writes `path` by renaming a finished sibling over it, so OURS holds either our side or the
/// whole result: the fallback git runs when the driver fails must still find our side intact.
fn replace_file(path: &Path, text: &str) -> anyhow::Result<()> {
    let file_name = path
        .file_name()
        .map_or_else(|| "merge".to_owned(), |n| n.to_string_lossy().into_owned());
    let partial = path.with_file_name(format!(".{file_name}.promptctl-merge"));
    let written = std::fs::write(&partial, text).and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.with_context(|| format!("cannot write `{}`", path.display()))
}
