//! `promptctl review`: approve a prompt's exact content, ask for reviews, see what is missing.

use promptctl::approval;
use promptctl::store::commit::CommitOptions;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Approve prompts' exact content for protected environments
///
/// An approval records that you (git's `user.name` and `user.email`) approve exactly what a
/// prompt renders to as committed at HEAD: the blobs of the prompt, its bases and every partial
/// it includes. It is a small committed file under `.promptctl/approvals/`, so it travels with
/// the repository and shows in pull requests. Editing any of those files voids it.
///
/// `release` to an environment listed under `approvals.environments` in promptctl.yaml is
/// refused (exit 1) until the policy's approvals are complete.
///
/// promptctl's own commits are not signed; where the policy asks for `signed: true`, approve
/// with `--no-commit` and commit the file with `git commit -S`. `review status` shows the
/// signer git verified.
///
/// Examples:
///   promptctl review approve support/reply --env prod -m "checked tone and refusals"
///   promptctl review approve support/reply --no-commit && git commit -S -m "Approve"
///   promptctl review request support/reply --reviewer alice@example.com
///   promptctl review status --all
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ReviewArgs {
    #[command(subcommand)]
    pub(crate) command: ReviewCommand,
}

/// Every `review` subcommand.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ReviewCommand {
    Approve(ApproveArgs),
    Request(RequestArgs),
    Status(StatusArgs),
}

/// Approve a prompt's content at HEAD, and commit the approval
#[derive(Debug, clap::Args)]
pub(crate) struct ApproveArgs {
    /// The prompt
    pub(crate) name: String,
    /// Approve for this protected environment only (default: every one)
    #[arg(long, value_name = "ENV")]
    pub(crate) env: Option<String>,
    /// What you checked, recorded with the approval
    #[arg(short, long, value_name = "MSG")]
    pub(crate) message: Option<String>,
    /// Write the approval file but do not commit it (commit it yourself, e.g. `git commit -S`)
    #[arg(long)]
    pub(crate) no_commit: bool,
    /// Allow committing on a detached HEAD
    #[arg(long)]
    pub(crate) allow_detached: bool,
}

/// Ask reviewers to approve a prompt's content at HEAD, and commit the request
#[derive(Debug, clap::Args)]
pub(crate) struct RequestArgs {
    /// The prompt
    pub(crate) name: String,
    /// Who is asked (email or name); repeat for several
    #[arg(long, value_name = "WHO", required = true)]
    pub(crate) reviewer: Vec<String>,
    /// Allow committing on a detached HEAD
    #[arg(long)]
    pub(crate) allow_detached: bool,
}

/// Show approved / pending / void per prompt and protected environment
#[derive(Debug, clap::Args)]
pub(crate) struct StatusArgs {
    /// The prompt
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub(crate) name: Option<String>,
    /// Every prompt at HEAD
    #[arg(long)]
    pub(crate) all: bool,
    /// Only this protected environment
    #[arg(long, value_name = "ENV")]
    pub(crate) env: Option<String>,
}

pub(crate) fn run(ctx: &CommandContext, args: &ReviewArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    match &args.command {
        ReviewCommand::Approve(a) => {
            let approved = approval::approve(
                &repo,
                &a.name,
                a.env.as_deref(),
                a.message.as_deref(),
                &CommitOptions {
                    allow_detached: a.allow_detached,
                },
                a.no_commit,
            )?;
            output::review::print_approved(ctx.printer(), &approved)?;
            // An approval covers what HEAD holds; say so when the files on disk differ.
            let edited = repo.edited_in_worktree(&approved.record.files);
            if !edited.is_empty() {
                ctx.printer().warn(&format!(
                    "approved the content committed at HEAD; uncommitted edits to {} are not part of this approval",
                    edited
                        .iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            crate::cli::notify::emit(ctx, &promptctl::notify::Event::approval_recorded(&approved))?;
        }
        ReviewCommand::Request(a) => {
            if a.reviewer.iter().any(|r| r.trim().is_empty()) {
                return Err(CliError::usage(
                    "`--reviewer` needs an email or a name",
                    None::<String>,
                )
                .into());
            }
            let (records, committed) = approval::request(
                &repo,
                &a.name,
                &a.reviewer,
                &CommitOptions {
                    allow_detached: a.allow_detached,
                },
            )?;
            output::review::print_requested(ctx.printer(), &records, &committed)?;
        }
        ReviewCommand::Status(a) => {
            let names: Vec<String> = a.name.iter().cloned().collect();
            let verdicts = approval::status(&repo, &names, a.env.as_deref())?;
            output::review::print_status(ctx.printer(), &verdicts)?;
        }
    }
    Ok(ExitStatus::Success)
}
