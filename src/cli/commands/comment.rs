//! `promptctl comment` and `promptctl comments`: review comments on prompt lines, kept in git.

use promptctl::comments::{self, CommentStore, NewComment};
use promptctl::library::{Library, display_id};
use promptctl::prompt::PromptName;

use crate::cli::context::CommandContext;
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Comment on a prompt or one of its lines, reply to a comment, or resolve a thread
///
/// Comments are files under `.promptctl/comments/`: commit them with the change they discuss.
/// A comment on a line follows that line when lines above it change, and is shown as outdated
/// when the line itself changes.
///
/// Examples:
///   promptctl comment support/reply --line 7 "Should this say 'refund' or 'credit'?"
///   promptctl comment --reply 3f2a9c1d "Credit: refunds go through billing."
///   promptctl comment --resolve 3f2a9c1d
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CommentArgs {
    /// `NAME TEXT` for a new comment; only `TEXT` with --reply; nothing with --resolve
    #[arg(value_name = "NAME TEXT", num_args = 0..=2)]
    pub(crate) words: Vec<String>,
    /// The line of the prompt file the comment is about (1-based)
    #[arg(long, value_name = "N", conflicts_with_all = ["reply", "resolve"])]
    pub(crate) line: Option<usize>,
    /// Reply to the comment with this id
    #[arg(long, value_name = "ID", conflicts_with = "resolve")]
    pub(crate) reply: Option<String>,
    /// Resolve the thread of the comment with this id (hidden from `show`)
    #[arg(long, value_name = "ID")]
    pub(crate) resolve: Option<String>,
}

/// List the comment threads on a prompt, with where each line is now
///
/// Examples:
///   promptctl comments support/reply
///   promptctl comments support/reply --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CommentsArgs {
    /// The prompt: `folder/name` or `folder/name.variant`
    pub(crate) name: String,
}

pub(crate) fn run(ctx: &CommandContext, args: &CommentArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let store = CommentStore::new(&project.root);
    let created = env_vars::timestamp()
        .unwrap_or_else(|| promptctl::store::history::format_rfc3339(env_vars::unix_seconds()));
    let comment = match (&args.resolve, &args.reply, args.words.as_slice()) {
        (Some(id), None, []) => {
            let comment = store.resolve(id)?;
            return written(ctx, "resolved", &comment);
        }
        (None, Some(id), [text]) => {
            let author = ctx.repo()?.identity_name()?;
            let comment = store.reply(id, &author, &created, text)?;
            return written(ctx, "replied", &comment);
        }
        (None, None, [name, text]) => {
            let (id, prompt_text) = find_prompt(ctx, name)?;
            let author = ctx.repo()?.identity_name()?;
            store.add(&NewComment {
                prompt: &id,
                prompt_text: &prompt_text,
                line: args.line,
                author: &author,
                created: &created,
                body: text,
            })?
        }
        _ => {
            return Err(CliError::usage(
                "expected `comment NAME TEXT`, `comment --reply ID TEXT` or `comment --resolve ID`",
                Some("quote the comment text so it is one argument".to_owned()),
            )
            .into());
        }
    };
    written(ctx, "added", &comment)
}

pub(crate) fn list(ctx: &CommandContext, args: &CommentsArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let (id, text) = find_prompt(ctx, &args.name)?;
    let all = CommentStore::new(&project.root).for_prompt(&id)?;
    output::comments::list(ctx.printer(), &id, &comments::threads(&all, &text))?;
    Ok(ExitStatus::Success)
}

fn written(
    ctx: &CommandContext,
    action: &str,
    comment: &comments::Comment,
) -> anyhow::Result<ExitStatus> {
    output::comments::written(ctx.printer(), action, comment)?;
    Ok(ExitStatus::Success)
}

/// The prompt's id and current text; a name that is not in the library is a usage error naming
/// the nearest ones.
fn find_prompt(ctx: &CommandContext, name: &str) -> anyhow::Result<(String, String)> {
    let project = ctx.project()?;
    let library = Library::load(project)?;
    if let Some(entry) = library.get(&PromptName::parse_id(name)) {
        return Ok((display_id(&entry.name), entry.text.clone()));
    }
    let near = library.suggest(name);
    let hint = (!near.is_empty()).then(|| format!("did you mean {}?", near.join(", ")));
    Err(CliError::usage(format!("no prompt named `{name}`"), hint).into())
}
