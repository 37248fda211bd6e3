//! `promptctl scan`: find PII, secrets, prompt injection and policy violations.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use promptctl::config::Config;
use promptctl::finding::Severity;
use promptctl::library::FsLoader;
use promptctl::project::Project;
use promptctl::scan::renders::RenderCache;
use promptctl::scan::suppress::Baseline;
use promptctl::scan::{self, ScanInput, ScanOptions, files};
use promptctl::store::scan_source::{
    self, GitEntry, GitSnapshot, StagedFile, StagedIndex, StagedLoader, StagedScope,
};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Where the baseline goes when neither `--baseline` nor `scan.baseline` names a file.
const DEFAULT_BASELINE: &str = ".promptctl/scan-baseline.json";

/// Scan prompts and other files for PII, secrets, prompt injection and policy violations
///
/// With no paths, scans the whole project (hidden folders, `target` and `node_modules` skipped).
/// Prompt files are also rendered with their sample inputs (`input.default`) and the result is
/// scanned. Every match is masked in every output. Exits 1 when a finding is at or above
/// `--fail-on` (default `scan.fail_on`, else `warning`).
///
/// Examples:
///   promptctl scan                               # the whole project
///   promptctl scan prompts/support data/cases.jsonl
///   promptctl scan --staged                      # what the commit changes
///   promptctl scan --staged --all                # every staged file
///   promptctl scan --history main..HEAD          # every version on this branch
///   promptctl scan --format sarif > scan.sarif   # for GitHub code scanning
///   promptctl scan --update-baseline             # accept today's findings; fail on new ones
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[allow(clippy::struct_excessive_bools)] // independent flags
pub(crate) struct ScanArgs {
    /// Files or folders to scan (default: the project root)
    pub(crate) paths: Vec<PathBuf>,
    /// Scan the staged files the commit adds or changes (the git index, not the working tree)
    #[arg(long, conflicts_with_all = ["paths", "history"])]
    pub(crate) staged: bool,
    /// With `--staged`: scan every staged file, not only the ones that differ from `HEAD`
    #[arg(long, requires = "staged")]
    pub(crate) all: bool,
    /// Scan every file version committed in a revision range (`HEAD`, `main..HEAD`)
    #[arg(long, value_name = "REV-RANGE", conflicts_with = "paths")]
    pub(crate) history: Option<String>,
    /// Lowest severity that makes the scan exit 1
    #[arg(long, value_name = "SEVERITY", value_parser = ["info", "warning", "error"])]
    pub(crate) fail_on: Option<String>,
    /// Accept the findings recorded in this baseline file; only new findings are reported
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the current findings in the baseline file and exit 0
    #[arg(long)]
    pub(crate) update_baseline: bool,
    /// Do not render prompt files with their sample inputs
    #[arg(long)]
    pub(crate) no_render: bool,
    /// List info findings in human output too (by default only their count is shown)
    #[arg(long)]
    pub(crate) show_info: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &ScanArgs) -> anyhow::Result<ExitStatus> {
    let project = open_project(ctx)?;
    let mut options = ScanOptions::from_project(&project)?;
    options.render &= !args.no_render && args.history.is_none();
    if options.render {
        options.render_cache =
            RenderCache::for_project(&project, &scanner_build()).map(std::sync::Arc::new);
    }
    let threshold = match &args.fail_on {
        Some(text) => Severity::parse(text).unwrap_or(Severity::Warning),
        None => ScanOptions::fail_on(&project)?,
    };
    let baseline_path = args
        .baseline
        .as_ref()
        .map(|p| ctx.cwd().join(p))
        .or_else(|| {
            project
                .config
                .scan
                .baseline
                .as_ref()
                .map(|p| project.root.join(p))
        });
    if !args.update_baseline {
        options.baseline = match &baseline_path {
            // What is about to be committed is judged by the baseline about to be committed.
            Some(path) if args.staged => staged_baseline(&project, path, args.baseline.is_some())?,
            // A configured baseline that was never written accepts nothing; a named one must exist.
            Some(path) if args.baseline.is_some() || path.exists() => Some(Baseline::load(path)?),
            _ => None,
        };
    }

    let loader = FsLoader::new(&project);
    let fs_loader = options
        .render
        .then_some(&loader as &(dyn promptctl::prompt::render::SourceLoader + Sync));
    let report = match gather(ctx, &project, args, &options.prompts_dir)? {
        // Working-tree files are read as they are scanned, so memory does not grow with the
        // number of files.
        Gathered::Files(list) => scan::scan_files(&project.root, &list, &options, fs_loader),
        // Blobs too: each is read from the object database when a worker is ready for it.
        Gathered::Git {
            snapshot,
            loader: staged_loader,
        } => {
            let loader = match (&staged_loader, options.render) {
                (Some(staged), true) => {
                    Some(staged.as_ref() as &(dyn promptctl::prompt::render::SourceLoader + Sync))
                }
                _ => fs_loader,
            };
            let read = |entry: &GitEntry| {
                let path = shown_path(&snapshot.root, &project.root, &entry.path);
                let data = snapshot.read(entry)?;
                Ok::<_, scan_source::Error>(match files::decode(Path::new(&entry.path), data) {
                    Ok(text) => Ok(ScanInput {
                        path,
                        text,
                        commit: entry.commit.clone(),
                    }),
                    Err(reason) => Err(files::Skipped { path, reason }),
                })
            };
            scan::scan_each(&snapshot.entries, read, &options, loader)?
        }
    };
    if let Some(cache) = &options.render_cache {
        // A cache that cannot be written only costs the next scan time.
        if let Err(e) = cache.save()
            && ctx.printer().verbose(1)
        {
            ctx.printer().warn(&format!("{e}: {}", e.source));
        }
    }
    // A skipped file is one the scan vouches nothing for: say so even with `--quiet`.
    for s in &report.skipped {
        ctx.printer()
            .warn(&format!("skipped `{}`: {}", s.path.display(), s.reason));
    }

    if args.update_baseline {
        let path = baseline_path.unwrap_or_else(|| project.root.join(DEFAULT_BASELINE));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        let text = Baseline::render(
            &report.unbaselined,
            &format!("promptctl {}", promptctl::VERSION),
        );
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write the baseline `{}`", path.display()))?;
        ctx.printer().status(&format!(
            "recorded {} finding(s) in `{}`",
            report.unbaselined.len(),
            path.strip_prefix(&project.root).unwrap_or(&path).display()
        ));
        return Ok(ExitStatus::Success);
    }

    output::scan::print(
        ctx.printer(),
        &report,
        &options.policies,
        threshold,
        args.show_info,
    )?;
    Ok(if report.fails(threshold) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Names this scanner build for the render cache: the version, and the size and time of the
/// binary, so a rebuilt scanner with other rules does not trust renders an older one judged.
fn scanner_build() -> String {
    let binary = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default();
    format!("promptctl {} {binary}", promptctl::VERSION)
}

/// The baseline as staged in the git index. A baseline file outside the repository is read from
/// disk; one inside it that is not staged accepts nothing, or is an error when named with
/// `--baseline`.
fn staged_baseline(
    project: &Project,
    path: &Path,
    named: bool,
) -> anyhow::Result<Option<Baseline>> {
    match scan_source::staged_file(&project.root, path)? {
        StagedFile::Staged(bytes) => Ok(Some(Baseline::from_bytes(path, &bytes)?)),
        StagedFile::OutsideRepository if named || path.exists() => Ok(Some(Baseline::load(path)?)),
        StagedFile::NotStaged if named => Err(CliError::usage(
            format!("the baseline `{}` is not staged", path.display()),
            Some(
                "`scan --staged` reads the baseline from the git index: `git add` it first".into(),
            ),
        )
        .into()),
        StagedFile::NotStaged | StagedFile::OutsideRepository => Ok(None),
    }
}

/// The project around the working directory, or a default one rooted there: `scan` works on
/// any folder, project or not.
fn open_project(ctx: &CommandContext) -> anyhow::Result<Project> {
    match ctx.project() {
        Ok(project) => Ok(project.clone()),
        Err(e)
            if e.chain().any(|c| {
                matches!(
                    c.downcast_ref::<promptctl::project::Error>(),
                    Some(promptctl::project::Error::NotFound { .. })
                )
            }) && ctx.cwd().is_dir() =>
        {
            Ok(Project {
                root: ctx.cwd().clone(),
                config: Config::default(),
            })
        }
        Err(e) => Err(e),
    }
}

/// What `scan` reads.
enum Gathered {
    /// Working-tree files, read one by one while they are scanned.
    Files(Vec<PathBuf>),
    /// File versions in the index or history, read one by one while they are scanned, and for
    /// `--staged` the loader that renders prompts with the partials and bases as staged.
    Git {
        snapshot: Box<GitSnapshot>,
        loader: Option<Box<StagedLoader>>,
    },
}

/// Reads the texts to scan from the working tree, the index or history.
fn gather(
    ctx: &CommandContext,
    project: &Project,
    args: &ScanArgs,
    prompts_dir: &str,
) -> anyhow::Result<Gathered> {
    let mut loader = None;
    let snapshot = if args.staged {
        let index = StagedIndex::open(&project.root)?;
        let scope = if args.all {
            StagedScope::All
        } else {
            StagedScope::Changed
        };
        let snapshot = index.read(scope)?;
        // Unchanged partials and bases are read from the index only if a prompt renders them.
        loader = Some(Box::new(index.loader(&project.root, prompts_dir)));
        Some(snapshot)
    } else if let Some(range) = &args.history {
        Some(scan_source::history(&project.root, range)?)
    } else {
        None
    };
    if let Some(snapshot) = snapshot {
        return Ok(Gathered::Git {
            snapshot: Box::new(snapshot),
            loader,
        });
    }
    let roots: Vec<PathBuf> = if args.paths.is_empty() {
        vec![project.root.clone()]
    } else {
        args.paths.iter().map(|p| ctx.cwd().join(p)).collect()
    };
    let list = files::list(&roots).map_err(|e| match e {
        files::Error::NotFound { path } => CliError::usage(
            format!("`{}` does not exist", path.display()),
            Some("pass files or folders that exist, or no path to scan the project".into()),
        )
        .into(),
        other @ files::Error::Walk { .. } => anyhow::Error::from(other),
    })?;
    Ok(Gathered::Files(list))
}

/// A git path (relative to the work tree) shown relative to the project root when inside it.
fn shown_path(repo_root: &Path, project_root: &Path, path: &str) -> PathBuf {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let absolute = canonical(repo_root).join(path);
    absolute
        .strip_prefix(canonical(project_root))
        .map_or_else(|_| PathBuf::from(path), Path::to_path_buf)
}
