//! `promptctl search`: ranked full-text and facet search over the library.

use promptctl::search::{self, Query, index};

use crate::cli::commands::list::FilterArgs;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Search prompts by text, ranked, with facet filters and typo tolerance
///
/// Matches the words of the query against each prompt's name, tags, description and body, and
/// ranks the hits with BM25 (name matches count most, then tags, description, body). Every word
/// must match; a word also matches longer words it starts (`summar` → `summarize`) and words one
/// typo away (two for long words), ranked lower than exact matches. With no query, lists every
/// prompt that passes the filters. Facet counts (tags, categories, statuses, owners, folders) are
/// shown for all hits.
///
/// The index is cached in `.promptctl/cache/search-index.bin` (git-ignored); only files whose
/// size or modification time changed are read again.
///
/// Examples:
///   promptctl search refund
///   promptctl search "sumarize meeting" --status active
///   promptctl search --tag rag --format json
///   promptctl search citations --folder rag --limit 5
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct SearchArgs {
    /// Words to search for (all must match)
    #[arg(value_name = "QUERY")]
    pub(crate) query: Vec<String>,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Only prompts in this folder (at any depth below it)
    #[arg(long)]
    pub(crate) folder: Option<String>,
    /// Show at most this many hits
    #[arg(long, short = 'n', default_value_t = 20)]
    pub(crate) limit: usize,
    /// Neither read nor write the on-disk index cache
    #[arg(long, conflicts_with = "no_refresh")]
    pub(crate) no_cache: bool,
    /// Use the index cache as it is, without checking files for changes (faster on huge
    /// libraries; misses edits made since the last search)
    #[arg(long)]
    pub(crate) no_refresh: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &SearchArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let cache = project.root.join(index::CACHE_DIR).join(index::CACHE_FILE);
    let (index, stats) = index::open_with(
        &project.root,
        &project.prompts_dir(),
        (!args.no_cache).then_some(cache.as_path()),
        args.no_refresh,
    )?;
    if let Some(warning) = &stats.warning {
        ctx.printer().warn(warning);
    }
    // As `list` does: a prompt that does not parse is searched by its name only, and said so.
    for (path, error) in index.unparsed() {
        ctx.printer()
            .warn(&format!("searched {path} by name only: {error}"));
    }
    let query = Query {
        text: args.query.join(" "),
        filter: args.filter.to_filter(args.folder.as_deref()),
        limit: args.limit,
    };
    let results = index.search(&query);
    let snippets: Vec<Option<String>> = results
        .hits
        .iter()
        .map(|hit| search::hit_snippet(&project.root, hit, &results.terms))
        .collect();
    output::search::print(ctx.printer(), &query, &results, &snippets, &stats)?;
    Ok(ExitStatus::Success)
}
