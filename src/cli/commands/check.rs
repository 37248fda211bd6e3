//! `promptctl check`: lint, scan and release rules in one run with one exit status, for CI.

use std::path::PathBuf;

use anyhow::Context as _;
use promptctl::check::{self, CheckOptions};
use promptctl::finding::Severity;
use promptctl::scan::ScanOptions;
use promptctl::scan::suppress::Baseline;

use crate::cli::commands::lint::FailOn;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Lint, scan and release rules over what changed: the one command CI runs
///
/// Checks the files that differ from the base (with `--base REV`, where HEAD branched off REV;
/// otherwise HEAD, i.e. uncommitted and untracked changes), or every file with `--all`. Runs the
/// lint rules over the whole library, the scanner (secrets, PII, injection, policy content rules)
/// over the files in scope, and the release rules (residency policies) for prompts pinned in an
/// environment. With `--base`, each finding is also looked for at the base: one already there is
/// reported as existing and never fails the run, so a pull request answers only for what it
/// adds; a lint finding the change causes in a file it did not touch is reported too.
///
/// Paths in every format are relative to the git repository root, so GitHub places annotations
/// and code-scanning alerts when the project is a sub-folder. `--sarif FILE` also writes SARIF
/// (lint and scan as separate runs) while printing another format.
///
/// Exit status: 0 when no new finding is at or above its threshold (`--fail-on`, else
/// `lint.fail_on` (error) for lint, `scan.fail_on` (warning) for scan, error for release rules),
/// 1 when one is, 2 for a bad flag or configuration, 4 for an unknown base revision.
///
/// Examples:
///   promptctl check                                 # uncommitted changes
///   promptctl check --base origin/main              # what this branch adds
///   promptctl check --base origin/main --format github --sarif check.sarif
///   promptctl check --all --format markdown         # everything, as a table
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CheckArgs {
    /// Judge findings against this revision: only findings not present where HEAD branched off
    /// it fail the run (`origin/main`, a commit id)
    #[arg(long, value_name = "REV")]
    pub(crate) base: Option<String>,
    /// Check every file, not only the changed ones
    #[arg(long)]
    pub(crate) all: bool,
    /// Exit 1 when a new finding is at or above this severity, for every tool
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) fail_on: Option<FailOn>,
    /// Also write the findings as SARIF 2.1.0 to this file (for GitHub code scanning)
    #[arg(long, value_name = "FILE")]
    pub(crate) sarif: Option<PathBuf>,
}

pub(crate) fn run(ctx: &CommandContext, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let repo = match promptctl::store::Repo::open(project) {
        Ok(repo) => Some(repo),
        Err(promptctl::store::Error::NotARepository { .. }) if args.all && args.base.is_none() => {
            None
        }
        Err(e) => {
            return Err(anyhow::Error::from(e)
                .context("`check` compares with git to know what changed; pass `--all` to check every file of a folder outside git"));
        }
    };
    let mut scan_options = ScanOptions::from_project(project)?;
    // The configured scan baseline accepts findings here exactly as in `scan`.
    if let Some(path) = &project.config.scan.baseline {
        let path = project.root.join(path);
        if path.exists() {
            scan_options.baseline = Some(Baseline::load(&path)?);
        }
    }
    let options = CheckOptions {
        all: args.all,
        base: args.base.clone(),
        fail_on: args.fail_on.map(Severity::from),
    };
    let report = check::check(project, repo.as_ref(), &scan_options, &options)?;
    for skipped in &report.skipped {
        ctx.printer().warn(&format!(
            "skipped `{}`: {}",
            skipped.path.display(),
            skipped.reason
        ));
    }
    if let Some(path) = &args.sarif {
        let path = ctx.cwd().join(path);
        let text =
            serde_json::to_string_pretty(&output::check::sarif(&report, &scan_options.policies))?;
        std::fs::write(&path, text + "\n")
            .with_context(|| format!("cannot write the SARIF file `{}`", path.display()))?;
    }
    output::check::print(ctx.printer(), &report, &scan_options.policies)?;
    Ok(if report.fails() {
        crate::cli::notify::emit(ctx, &promptctl::notify::Event::check_failed(&report))?;
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
