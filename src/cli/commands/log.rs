//! `promptctl log`: the versions of one prompt.

use promptctl::prompt::PromptName;
use promptctl::store::history;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Show the versions of a prompt
///
/// One line per version, newest first: the version number (`v3` is what `name@v3` means), the
/// short commit id, date, author, commit message, and what changed (body lines added/removed,
/// front-matter fields changed, breaking input changes). Versions count the commits on the
/// first-parent history that changed the file. `--format json` prints every field.
///
/// Examples:
///   promptctl log support/reply
///   promptctl log support/reply --follow        # include versions from before a rename
///   promptctl log support/reply --format json --limit 5
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct LogArgs {
    /// The prompt: `folder/name` or `folder/name.variant`
    pub(crate) name: String,
    /// Continue past renames to the file's earlier paths
    #[arg(long)]
    pub(crate) follow: bool,
    /// Show at most this many versions
    #[arg(long, short = 'n', value_name = "N")]
    pub(crate) limit: Option<usize>,
}

pub(crate) fn run(ctx: &CommandContext, args: &LogArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let mut log = history::log(&repo, &PromptName::parse_id(&args.name), args.follow)?;
    if let Some(limit) = args.limit {
        log.entries.truncate(limit);
    }
    output::log::print(ctx.printer(), &log)?;
    Ok(ExitStatus::Success)
}
