//! `promptctl search`: ranked full-text and facet search over the library.

use promptctl::search::{self, Query, index};

use crate::cli::commands::list::FilterArgs;
use crate::cli::context::CommandContext;
use crate::cli::env_vars;
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
/// size or modification time changed are read again. With no index (a fresh clone), the query
/// is answered by one pass over the files, and the index is then built by a detached
/// background process for the next search.
///
/// Examples:
///   promptctl search refund
///   promptctl search "sumarize meeting" --status active
///   promptctl search --tag rag --format json
///   promptctl search citations --folder rag --limit 5
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
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
    /// When there was no index, build it in this process after printing the results instead of
    /// in a detached background process
    #[arg(long)]
    pub(crate) no_background: bool,
    /// Build or refresh the index and exit (what a search with no index starts in the
    /// background)
    #[arg(long, hide = true, conflicts_with_all = ["no_cache", "no_refresh"])]
    pub(crate) build_index: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &SearchArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let cache = project.root.join(index::CACHE_DIR).join(index::CACHE_FILE);
    let prompts_dir = project.prompts_dir();
    if args.build_index {
        index::build(&project.root, &prompts_dir, &cache, env_vars::now())?;
        return Ok(ExitStatus::Success);
    }
    let query = Query {
        text: args.query.join(" "),
        filter: args.filter.to_filter(args.folder.as_deref()),
        limit: args.limit,
    };
    let answer = index::search(
        &project.root,
        &prompts_dir,
        (!args.no_cache).then_some(cache.as_path()),
        args.no_refresh,
        &query,
    )?;
    if let Some(warning) = &answer.stats.warning {
        ctx.printer().warn(warning);
    }
    // As `list` does: a prompt that does not parse is searched by its name only, and said so.
    for (path, error) in &answer.unparsed {
        ctx.printer()
            .warn(&format!("searched {path} by name only: {error}"));
    }
    let results = &answer.results;
    let snippets: Vec<Option<String>> = results
        .hits
        .iter()
        .map(|hit| search::hit_snippet(&project.root, hit, &results.terms))
        .collect();
    output::search::print(ctx.printer(), &query, results, &snippets, &answer.stats)?;
    if answer.stats.build_needed {
        // The results are printed (and flushed); building the index is for the next search.
        if args.no_background {
            if let Some(stats) = index::build(&project.root, &prompts_dir, &cache, env_vars::now())?
                && let Some(warning) = &stats.warning
            {
                ctx.printer().warn(warning);
            }
        } else if !index::build_under_way(&cache, env_vars::now()) {
            start_background_build(&project.root);
        }
    }
    Ok(ExitStatus::Success)
}

/// Starts `promptctl search --build-index` detached (its own process group, no terminal
/// streams), as `git gc --auto` does, so this search returns as soon as its results are out and
/// an interrupt at the terminal does not stop the build. If it cannot start, the next search
/// scans again and retries: nothing is lost.
fn start_background_build(root: &std::path::Path) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut command = std::process::Command::new(exe);
    command
        .arg("-C")
        .arg(root)
        .args(["--quiet", "search", "--build-index"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    // Not waited for: the child outlives this process and is reaped by init.
    let _ = command.spawn();
}
