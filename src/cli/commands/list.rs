//! `promptctl list`: the prompts in the library as a folder tree or a table, filtered by facets.

use promptctl::library::LibraryFiles;
use promptctl::library::listing::{Filter, ListPlan};

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// List the prompts in the library, as a tree by folder or a table
///
/// Folders nest without limit; variants (`name.variant.prompt`) are listed as `name.variant`;
/// partials (`_name.prompt`) are not listed. Filters combine: a prompt is shown when it matches
/// all of them (`--tag` may be repeated, and then every tag must be present). A child prompt shows
/// the metadata it inherits from its `extends` base.
///
/// Examples:
///   promptctl list
///   promptctl list support --status active
///   promptctl list --tag rag --tag citations --table
///   promptctl list --owner team-search --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ListArgs {
    /// Only prompts in this folder (at any depth below it)
    #[arg(value_name = "FOLDER")]
    pub(crate) folder: Option<String>,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Show a flat table instead of the folder tree
    #[arg(long)]
    pub(crate) table: bool,
}

/// Facet filters shared by `list` and `search`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FilterArgs {
    /// Only prompts with this tag (repeat to require several)
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    /// Only prompts in this category
    #[arg(long)]
    pub(crate) category: Option<String>,
    /// Only prompts with this status (draft, review, active, deprecated, archived)
    #[arg(long)]
    pub(crate) status: Option<String>,
    /// Only prompts owned by this person or team (own `owners:` or the folder's default)
    #[arg(long)]
    pub(crate) owner: Option<String>,
}

impl FilterArgs {
    /// The core filter, with an optional folder.
    pub(crate) fn to_filter(&self, folder: Option<&str>) -> Filter {
        Filter {
            tags: self.tags.clone(),
            category: self.category.clone(),
            status: self.status.clone(),
            owner: self.owner.clone(),
            folder: folder.map(str::to_owned),
        }
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    // Streamed: the files are listed here and read a chunk at a time; the human views keep
    // only the printed text of each prompt.
    let files = LibraryFiles::list(project)?;
    let filter = args.filter.to_filter(args.folder.as_deref());
    let plan = ListPlan::new(&files, &project.config, &filter);
    let printer = ctx.printer();
    if printer.format == OutputFormat::Json {
        output::list::print_json(printer, &plan)?;
    } else {
        output::list::print(printer, &plan, args.table)?;
    }
    Ok(ExitStatus::Success)
}
