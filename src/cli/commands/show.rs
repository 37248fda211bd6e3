//! `promptctl show`: everything about one prompt.

use promptctl::library::inspect::inspect;
use promptctl::library::{FsLoader, Library};
use promptctl::prompt::PromptName;

use crate::cli::commands::render::not_found_hint;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Show a prompt: metadata, variables with types, partials, links and body
///
/// Lists the input variables with their types, defaults and descriptions (from the Picoschema or
/// JSON Schema in `input.schema`, plus any the template reads without declaring), the partials it
/// uses (transitively), its `extends` chain and overridable blocks, its links to other prompts and
/// the prompts that link to it, its variants, and the template.
///
/// Examples:
///   promptctl show support/refund-request
///   promptctl show support/refund-request.formal
///   promptctl show rag/answer --format json
#[derive(Debug, clap::Args)]
pub(crate) struct ShowArgs {
    /// The prompt: `folder/name`, or `folder/name.variant`
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
    let loader = FsLoader::new(project);
    let mut name = PromptName::parse_id(&args.name);
    if args.variant.is_some() {
        name.variant.clone_from(&args.variant);
    }
    // Incoming links need the whole library; a library that cannot be listed only loses them.
    let library = Library::load(project).ok();
    let info = inspect(&loader, &name, library.as_ref()).map_err(|e| not_found_hint(ctx, e))?;
    output::show::print(ctx.printer(), &info, !args.no_body)?;
    Ok(ExitStatus::Success)
}
