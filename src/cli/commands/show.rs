//! `promptctl show`: everything about one prompt.

use promptctl::comments::{self, CommentStore};
use promptctl::library::Library;
use promptctl::library::inspect::inspect;
use promptctl::owners::effective_owners;

use crate::cli::commands::render::{not_found_hint, prompt_loader};
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Show a prompt: metadata, variables with types, partials, links and body
///
/// Lists the input variables with their types, defaults and descriptions (from the Picoschema or
/// JSON Schema in `input.schema`, plus any the template reads without declaring), the partials it
/// uses (transitively), its `extends` chain and overridable blocks, its links to other prompts and
/// the prompts that link to it, its variants, its open comment threads, and the template.
///
/// Examples:
///   promptctl show support/refund-request
///   promptctl show support/refund-request.formal
///   promptctl show rag/answer --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ShowArgs {
    /// The prompt: `folder/name`, `folder/name.variant`, or a version (`name@v3`, `name@prod`)
    pub(crate) name: String,
    /// Show a variant of the prompt (same as `name.variant`)
    #[arg(long)]
    pub(crate) variant: Option<String>,
    /// Leave out the template body
    #[arg(long)]
    pub(crate) no_body: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &ShowArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let (loader, name) = prompt_loader(ctx, &args.name, args.variant.as_deref())?;
    // Incoming links need the whole library; a library that cannot be listed only loses them.
    let library = Library::load(project).ok();
    let mut info =
        inspect(&*loader, &name, library.as_ref()).map_err(|e| not_found_hint(ctx, e))?;
    info.front_matter.owners = effective_owners(&project.config, &name, &info.front_matter).0;
    // Open threads, placed in the file as it is in the working tree.
    let text = std::fs::read_to_string(project.root.join(&info.path)).unwrap_or_default();
    let all = CommentStore::new(&project.root).for_prompt(&info.id)?;
    let open: Vec<_> = comments::threads(&all, &text)
        .into_iter()
        .filter(|t| !t.root.resolved)
        .collect();
    output::show::print(ctx.printer(), &info, &open, !args.no_body)?;
    Ok(ExitStatus::Success)
}
