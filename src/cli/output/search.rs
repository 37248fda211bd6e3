//! Output of `search`: ranked hits with snippets and facet counts.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use promptctl::search::index::CacheStats;
use promptctl::search::{Query, SearchResults};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct SearchJson<'a> {
    schema_version: u32,
    query: &'a str,
    terms: &'a [String],
    total: usize,
    hits: Vec<HitJson<'a>>,
    facets: BTreeMap<&'static str, &'a BTreeMap<String, usize>>,
    index: IndexJson,
}

#[derive(Serialize)]
struct HitJson<'a> {
    rank: usize,
    id: &'a str,
    path: &'a str,
    score: f64,
    fields: &'a [&'static str],
    description: &'a str,
    tags: &'a [String],
    category: Option<&'a str>,
    status: Option<&'a str>,
    owners: &'a [String],
    snippet: Option<&'a str>,
}

#[derive(Serialize)]
struct IndexJson {
    files: usize,
    reused: usize,
    parsed: usize,
    removed: usize,
    restamped: usize,
    cache_written: bool,
    rebuilt: bool,
    /// Answered by reading the files, with no index.
    scanned: bool,
}

/// Prints search results.
pub(crate) fn print(
    printer: &Printer,
    query: &Query,
    results: &SearchResults,
    snippets: &[Option<String>],
    stats: &CacheStats,
) -> anyhow::Result<()> {
    let f = &results.facets;
    let facets: BTreeMap<&'static str, &BTreeMap<String, usize>> = [
        ("category", &f.category),
        ("folder", &f.folder),
        ("owner", &f.owner),
        ("status", &f.status),
        ("tag", &f.tag),
    ]
    .into_iter()
    .collect();
    if printer.format == OutputFormat::Json {
        let doc = SearchJson {
            schema_version: SCHEMA_VERSION,
            query: &query.text,
            terms: &results.terms,
            total: results.total,
            hits: results
                .hits
                .iter()
                .zip(snippets)
                .enumerate()
                .map(|(i, (h, snippet))| HitJson {
                    rank: i + 1,
                    id: &h.meta.id,
                    path: &h.meta.path,
                    score: (f64::from(h.score) * 1000.0).round() / 1000.0,
                    fields: &h.fields,
                    description: &h.meta.description,
                    tags: &h.meta.tags,
                    category: h.meta.category.as_deref(),
                    status: h.meta.status.as_deref(),
                    owners: &h.meta.owners,
                    snippet: snippet.as_deref(),
                })
                .collect(),
            facets,
            index: IndexJson {
                files: stats.files,
                reused: stats.reused,
                parsed: stats.parsed,
                removed: stats.removed,
                restamped: stats.restamped,
                cache_written: stats.written,
                rebuilt: stats.rebuilt,
                scanned: stats.scanned,
            },
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if results.total == 0 {
        printer.status("No prompts match.");
        return Ok(());
    }
    let mut out = String::new();
    for (i, (hit, snippet)) in results.hits.iter().zip(snippets).enumerate() {
        let mut line = format!(
            "{:>2}. {}",
            i + 1,
            printer.paint(&hit.meta.id, anstyle::AnsiColor::Green)
        );
        if let Some(status) = &hit.meta.status {
            let _ = write!(line, "  {status}");
        }
        if !hit.meta.tags.is_empty() {
            let _ = write!(line, "  [{}]", hit.meta.tags.join(", "));
        }
        if !hit.fields.is_empty() {
            let _ = write!(line, "  (matched {})", hit.fields.join(", "));
        }
        out.push_str(&line);
        out.push('\n');
        if !hit.meta.description.is_empty() {
            let _ = writeln!(
                out,
                "    {}",
                crate::cli::output::list::first_line(&hit.meta.description, 90)
            );
        }
        if let Some(s) = snippet.as_deref().filter(|s| *s != hit.meta.description) {
            let _ = writeln!(
                out,
                "    {}",
                printer.paint(s, anstyle::AnsiColor::BrightBlack)
            );
        }
    }
    let shown = results.hits.len();
    let _ = writeln!(
        out,
        "\n{} of {} matching prompt{}",
        shown,
        results.total,
        if results.total == 1 { "" } else { "s" }
    );
    for (name, counts) in &facets {
        if counts.is_empty() {
            continue;
        }
        let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let items: Vec<String> = sorted
            .iter()
            .take(8)
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let more = if sorted.len() > 8 {
            format!(", +{} more", sorted.len() - 8)
        } else {
            String::new()
        };
        let _ = writeln!(out, "{name:<9} {}{more}", items.join(", "));
    }
    printer.data(&out)?;
    Ok(())
}
