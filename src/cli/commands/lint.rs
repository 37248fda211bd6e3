//! `promptctl lint`: run the lint rules over the library and report findings.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::ValueEnum;
use promptctl::finding::Severity;
use promptctl::library::LibraryFiles;
use promptctl::lint::{self, LintOptions, RULES};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Check prompt files for problems
///
/// Runs every rule (`--list-rules`) over the prompt library: front matter against the schema,
/// undeclared and unused variables, conditions on undeclared variables, missing partials, links
/// and `extends` bases, include and `extends` cycles, duplicate names, invalid status and
/// classification, misused role markers and more. Each finding has a rule id, a severity, a
/// `file:line:col` and usually a hint. Severities can be changed per rule in `promptctl.yaml`
/// under `lint.rules`.
///
/// Exit status: 0 when nothing is at or above `--fail-on`, 1 when something is, 2 for a bad
/// configuration or argument.
///
/// Examples:
///   promptctl lint
///   promptctl lint prompts/support --fail-on warning
///   promptctl lint --format github        # annotations in GitHub Actions
///   promptctl lint --format sarif > lint.sarif   # for GitHub code scanning
///   promptctl lint --format json | jq '.findings[] | .rule'
///   promptctl lint --explain conditional-on-undeclared
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct LintArgs {
    /// Only report on these files or folders (references still resolve against the whole library)
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Exit 1 when a finding is at or above this severity [default: `lint.fail_on`, else error]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) fail_on: Option<FailOn>,
    /// Explain a rule: what it checks, why, and how to fix what it reports
    #[arg(long, value_name = "RULE", conflicts_with_all = ["paths", "list_rules"])]
    pub(crate) explain: Option<String>,
    /// List every rule with its default severity and summary
    #[arg(long, conflicts_with = "paths")]
    pub(crate) list_rules: bool,
}

/// A severity threshold on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on any finding
    Info,
    /// Fail on warnings and errors
    Warning,
    /// Fail on errors only
    Error,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Severity {
        match value {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &LintArgs) -> anyhow::Result<ExitStatus> {
    let printer = ctx.printer();
    if args.list_rules {
        output::lint::print_rules(printer, RULES)?;
        return Ok(ExitStatus::Success);
    }
    if let Some(id) = &args.explain {
        let Some(rule) = lint::rule(id) else {
            let suggestions = lint::closest(id, RULES.iter().map(|r| r.id()), 2);
            let hint = if suggestions.is_empty() {
                "`promptctl lint --list-rules` lists the rules".to_owned()
            } else {
                format!("did you mean {}?", lint::quoted_list(&suggestions))
            };
            return Err(CliError::usage(format!("no lint rule named `{id}`"), Some(hint)).into());
        };
        output::lint::print_explanation(printer, rule)?;
        return Ok(ExitStatus::Success);
    }
    let project = ctx.project()?;
    let threshold = lint::fail_threshold(&project.config.lint, args.fail_on.map(Severity::from))?;
    let options = LintOptions {
        paths: relative_paths(ctx.cwd(), &project.root, &args.paths)?,
    };
    // Streamed: the files are listed here and read one at a time while they are checked.
    let files = LibraryFiles::list(project)?;
    let report = lint::lint_source(project, &files, &options)?;
    output::lint::print(printer, &report, threshold)?;
    crate::cli::commands::doctor::notice_merge_driver_setup(ctx, &project.root);
    Ok(if report.fails(threshold) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Turns the paths given on the command line into paths relative to the project root.
fn relative_paths(cwd: &Path, root: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve the project root `{}`", root.display()))?;
    paths
        .iter()
        .map(|path| {
            let absolute = cwd.join(path).canonicalize().map_err(|_| {
                CliError::usage(format!("`{}` does not exist", path.display()), None)
            })?;
            absolute
                .strip_prefix(&root)
                .map(Path::to_path_buf)
                .map_err(|_| {
                    CliError::usage(
                        format!(
                            "`{}` is outside the project at `{}`",
                            path.display(),
                            root.display()
                        ),
                        Some(
                            "pass paths inside the project, or point `-C` at the other project"
                                .to_owned(),
                        ),
                    )
                    .into()
                })
        })
        .collect()
}
