//! `promptctl pr-report`: what a reviewer reads about the prompt changes in a pull request.

use std::path::PathBuf;

use anyhow::Context as _;
use promptctl::review::{self, Options};
use promptctl::scan::ScanOptions;
use promptctl::store::range::Range;

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::pr_report::{self, FullReport};

/// Report the prompt changes in a pull request: diffs, rendered samples, impact and evidence
///
/// Writes one Markdown document for a pull-request comment (the default; `--format json` for
/// tools). BASE..HEAD is read as a pull request: from where HEAD branched off BASE (their merge
/// base), so commits that landed on BASE since are not counted. For every prompt file changed:
/// its semantic diff, and the prompt rendered before and after on its sample inputs
/// (`input.default` and the first cases of each dataset that feeds it). Its impact: environments that pin it or a prompt built on it (pins
/// hold exact versions, so the report says whether merging or only the next release changes
/// what they serve), prompts that reach it through `extends`, partials or `links`, experiments
/// and datasets that use it, and which of those no longer render or validate at HEAD (checked
/// by rendering and validating); breaking changes to inputs and outputs; lint and scan findings
/// new in the range; and the experiment results committed in it, or the lack of any. Everything
/// is read from the two commits, not the working tree.
///
/// The Markdown starts with `<!-- promptctl-pr-report -->`, so a workflow can update its own
/// comment. Longer than `--max-chars`, it is shortened (rendered samples go first, then diffs;
/// the summary, impact, findings and evidence stay) and says where the full report is.
///
/// Examples:
///   promptctl pr-report main..HEAD > comment.md
///   promptctl pr-report origin/main..HEAD --output full-report.md
///   promptctl pr-report main..HEAD --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct PrReportArgs {
    /// The revision range: `BASE..HEAD` (or `BASE`, meaning `BASE..HEAD`)
    #[arg(value_name = "RANGE")]
    pub(crate) range: String,
    /// Also write the full, unshortened report to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Shorten the Markdown to at most this many characters (GitHub's comment limit)
    #[arg(long, value_name = "N", default_value_t = promptctl::github::COMMENT_LIMIT)]
    pub(crate) max_chars: usize,
    /// Where a shortened report points for the full one (default: the `promptctl-pr-report`
    /// artifact)
    #[arg(long, value_name = "URL")]
    pub(crate) full_report_url: Option<String>,
}

/// Dataset cases shown rendered per dataset that feeds a changed prompt.
const CASES_PER_DATASET: usize = 3;

pub(crate) fn run(ctx: &CommandContext, args: &PrReportArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let repo = ctx.repo()?;
    let range = Range::resolve_from_merge_base(&repo, &args.range)?;
    let options = Options {
        cases_per_dataset: CASES_PER_DATASET,
        scan: ScanOptions::from_project(project)?,
    };
    let report = review::pr_report(project, &repo, &range, &options)?;
    let printer = ctx.printer();
    if printer.format == OutputFormat::Json {
        let doc = pr_report::json(&report)?;
        if let Some(path) = args.output.as_ref().map(|p| ctx.cwd().join(p)) {
            let text = serde_json::to_string_pretty(&doc)? + "\n";
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        printer.json(&doc)?;
        return Ok(ExitStatus::Success);
    }
    if let Some(path) = args.output.as_ref().map(|p| ctx.cwd().join(p)) {
        std::fs::write(&path, pr_report::markdown(&report))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    let full = args
        .full_report_url
        .as_deref()
        .map_or(FullReport::Artifact, FullReport::Url);
    printer.data(&pr_report::comment(&report, args.max_chars, &full))?;
    Ok(ExitStatus::Success)
}
