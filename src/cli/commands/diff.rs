//! `promptctl diff`: the semantic diff of a prompt between two versions, or of every prompt
//! changed in a revision range.

use std::path::PathBuf;

use promptctl::prompt::PromptName;
use promptctl::prompt::diff::{diff_documents, line_diff};
use promptctl::store::compare::{self, Snapshot};
use promptctl::store::revision as store_ref;

use crate::cli::commands::render::read_variables;
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;
use crate::cli::output::diff::{OneDiff, Rendered};

/// Show what changed in a prompt, field by field and word by word
///
/// Compares two versions of a prompt: with no reference, HEAD against the working tree; with one,
/// that version against the working tree; with two, the first against the second. A reference is
/// `v3` (the 3rd version, see `promptctl log`), an environment (`prod`), or any git revision
/// (`main`, `HEAD~2`, a commit id); `name@ref` works too. Front-matter changes are listed by key
/// (input-schema changes that break callers are flagged), the body is diffed word by word, and
/// `--vars` also diffs the rendered prompt. `--all <range>` diffs every prompt changed in a
/// range, as a pull-request reviewer needs (`--format markdown` for a PR comment).
///
/// Examples:
///   promptctl diff support/reply                  # HEAD vs working tree
///   promptctl diff support/reply v2 v3
///   promptctl diff support/reply@prod HEAD --vars case.yaml
///   promptctl diff --all main..HEAD --format markdown
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct DiffArgs {
    /// The prompt (`folder/name`, optionally `@ref`)
    #[arg(required_unless_present = "all")]
    pub(crate) name: Option<String>,
    /// Up to two references: old, then new (default: HEAD, then the working tree)
    #[arg(value_name = "REF", num_args = 0..=2)]
    pub(crate) refs: Vec<String>,
    /// Diff every prompt changed in a revision range (`A..B`, or `A` for `A..HEAD`)
    #[arg(long, value_name = "RANGE", conflicts_with = "name")]
    pub(crate) all: Option<String>,
    /// Also diff the rendered prompt, with variables from this YAML/JSON file (repeatable)
    #[arg(long = "vars", value_name = "FILE")]
    pub(crate) var_files: Vec<PathBuf>,
    /// Set a variable for the rendered diff: `--var key=value` (repeatable)
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub(crate) vars: Vec<String>,
}

pub(crate) fn run(ctx: &CommandContext, args: &DiffArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    if let Some(range) = &args.all {
        let diff = compare::diff_range(&repo, range)?;
        output::diff::print_range(ctx.printer(), &diff)?;
        return Ok(ExitStatus::Success);
    }
    let spec = args.name.as_deref().unwrap_or_default();
    let (name, inline_ref) = store_ref::split_ref(spec);
    let mut refs: Vec<&str> = inline_ref.into_iter().collect();
    refs.extend(
        args.refs
            .iter()
            .map(|r| store_ref::split_ref(r).1.unwrap_or(r)),
    );
    let (old_ref, new_ref) = match refs.as_slice() {
        [] => (Some("HEAD"), None),
        [one] => (Some(*one), None),
        [a, b] => (Some(*a), Some(*b)),
        _ => {
            return Err(CliError::usage(
                "`diff` compares two versions; give at most two references",
                Some(format!(
                    "`promptctl diff {name} {} {}` compares the first and the last",
                    refs[0],
                    refs[refs.len() - 1]
                )),
            )
            .into());
        }
    };
    let prompt = PromptName::parse_id(name);
    let old = compare::snapshot(&repo, &prompt, old_ref)?;
    let new = compare::snapshot(&repo, &prompt, new_ref)?;
    if old.text.is_none() && new.text.is_none() {
        return Err(CliError::invalid(
            format!("`{name}` exists in neither {} nor {}", old.label, new.label),
            None,
        )
        .into());
    }
    let diff = diff_documents(
        &compare::document_for_diff(old.text.as_deref()),
        &compare::document_for_diff(new.text.as_deref()),
    );
    let rendered = if args.var_files.is_empty() && args.vars.is_empty() {
        None
    } else {
        let variables = read_variables(&args.var_files, &args.vars)?;
        let unknown = compare::variables_no_side_declares(&[&old, &new], &variables);
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|n| format!("`{n}`")).collect();
            return Err(CliError::invalid(
                format!(
                    "neither {} nor {} declares {}",
                    old.label,
                    new.label,
                    names.join(", ")
                ),
                Some(format!(
                    "`promptctl show {name}` lists the variables and their types"
                )),
            )
            .into());
        }
        let render_side = |side: &Snapshot| side.render(&variables);
        Some(Rendered {
            lines: line_diff(&render_side(&old)?, &render_side(&new)?),
        })
    };
    output::diff::print_one(
        ctx.printer(),
        &OneDiff {
            name: promptctl::library::display_id(&prompt),
            old_label: old.label,
            new_label: new.label,
            diff,
            rendered,
        },
    )?;
    Ok(ExitStatus::Success)
}
