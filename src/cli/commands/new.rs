//! `promptctl new`: create a prompt file.

use promptctl::library::Library;
use promptctl::scaffold::{self, NewOptions};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Create a prompt file from a starter template or as a copy of another prompt
///
/// The name is the file's path under the prompts folder without `.prompt`: `support/reply`
/// creates `prompts/support/reply.prompt`, `support/reply.formal` its variant `formal`. With
/// `--from`, the other prompt's front matter and body are copied (comments included), its
/// `name`/`variant` dropped and `status` reset to draft. Never overwrites a file. Prints the new
/// file's path.
///
/// Examples:
///   promptctl new support/refund --description "Explains a refund decision" --tag billing
///   promptctl new support/reply.formal --from support/reply
///   $EDITOR "$(promptctl new research/summarize)"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct NewArgs {
    /// The new prompt: `folder/name` or `folder/name.variant`
    pub(crate) name: String,
    /// Copy front matter and body from this prompt
    #[arg(long, value_name = "PROMPT")]
    pub(crate) from: Option<String>,
    /// One or two sentences on what the prompt does
    #[arg(long, short = 'd')]
    pub(crate) description: Option<String>,
    /// A tag for search and filtering (repeatable; replaces copied tags)
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
}

pub(crate) fn run(ctx: &CommandContext, args: &NewArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let options = NewOptions {
        name: args.name.clone(),
        from: args.from.clone(),
        description: args.description.clone(),
        tags: args.tags.clone(),
    };
    let path = scaffold::new_prompt(project, &options).map_err(|error| match &error {
        scaffold::Error::SourceNotFound { name } => {
            let suggestions = Library::load(project)
                .map(|library| library.suggest(name))
                .unwrap_or_default();
            if suggestions.is_empty() {
                anyhow::Error::from(error)
            } else {
                let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
                CliError::invalid(
                    error.to_string(),
                    Some(format!("did you mean {}?", list.join(", "))),
                )
                .into()
            }
        }
        _ => error.into(),
    })?;
    output::new::print(ctx.printer(), &args.name, &path)?;
    Ok(ExitStatus::Success)
}
