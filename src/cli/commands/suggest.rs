//! `promptctl suggest`: static advice on how to make a prompt work better, with fix-its.

use anyhow::Context as _;
use promptctl::library::{Library, display_id};
use promptctl::suggest::{self, RULES};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Advise how to make a prompt work better
///
/// Static, deterministic advice: a structured output never asked for in words, user input
/// pasted without delimiters, contradicting instructions, "a few" where a number fits, an
/// instruction buried in the middle, no system part, JSON mode unused, no length bound, a
/// classification prompt without examples, a prompt over its token budget (counted with the
/// model's tokenizer for OpenAI models, estimated otherwise). Each piece of advice has a rule
/// id, a `file:line:col`, an explanation (`--explain RULE`) and, where the change is
/// mechanical, a fix that `--fix` applies. Rules can be switched off under `suggest.rules` in
/// `promptctl.yaml`.
///
/// Exit status: 0 when there is no advice (left), 1 when there is, 2 for a bad configuration
/// or argument, 3 for an unknown prompt.
///
/// Examples:
///   promptctl suggest support/triage/classify-ticket
///   promptctl suggest --all --format json | jq '.prompts[].tokens'
///   promptctl suggest summarization/meeting-notes --fix
///   promptctl suggest --explain undelimited-input
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct SuggestArgs {
    /// The prompt: `folder/name` or `folder/name.variant`
    #[arg(value_name = "NAME", required_unless_present_any = ["all", "explain", "list_rules"])]
    pub(crate) name: Option<String>,
    /// Advise on every prompt in the library
    #[arg(long, conflicts_with = "name")]
    pub(crate) all: bool,
    /// Apply the mechanical fixes (kept only when the file still parses and lints no worse)
    #[arg(long)]
    pub(crate) fix: bool,
    /// Explain a rule, with a before/after example
    #[arg(long, value_name = "RULE", conflicts_with_all = ["name", "all", "list_rules"])]
    pub(crate) explain: Option<String>,
    /// List every rule with its summary
    #[arg(long, conflicts_with_all = ["name", "all"])]
    pub(crate) list_rules: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &SuggestArgs) -> anyhow::Result<ExitStatus> {
    let printer = ctx.printer();
    if args.list_rules {
        output::suggest::print_rules(printer, RULES)?;
        return Ok(ExitStatus::Success);
    }
    if let Some(id) = &args.explain {
        let Some(rule) = suggest::rule(id) else {
            let close = promptctl::lint::closest(id, RULES.iter().map(|r| r.id()), 2);
            let hint = if close.is_empty() {
                "`promptctl suggest --list-rules` lists the rules".to_owned()
            } else {
                format!("did you mean {}?", promptctl::lint::quoted_list(&close))
            };
            return Err(
                CliError::usage(format!("no suggest rule named `{id}`"), Some(hint)).into(),
            );
        };
        output::suggest::print_explanation(printer, rule)?;
        return Ok(ExitStatus::Success);
    }
    let project = ctx.project()?;
    let library = Library::load(project)?;
    let selected: Vec<usize> = match &args.name {
        None => (0..library.entries.len()).collect(),
        Some(name) => {
            let Some(position) = library.entries.iter().position(|e| {
                display_id(&e.name) == *name && e.name.kind == promptctl::prompt::FileKind::Prompt
            }) else {
                let close = library.suggest(name);
                let hint = (!close.is_empty())
                    .then(|| format!("did you mean {}?", promptctl::lint::quoted_list(&close)));
                return Err(CliError::invalid(format!("no prompt named `{name}`"), hint).into());
            };
            vec![position]
        }
    };
    let config_error = |e: suggest::Error| -> anyhow::Error {
        match &e {
            suggest::Error::UnknownRule { suggestions, .. } if !suggestions.is_empty() => {
                CliError::usage(
                    e.to_string(),
                    Some(format!(
                        "did you mean {}?",
                        promptctl::lint::quoted_list(suggestions)
                    )),
                )
                .into()
            }
            suggest::Error::Lint(_) => e.into(),
            _ => CliError::usage(e.to_string(), None).into(),
        }
    };
    let mut advice = suggest::suggest(project, &library, &selected).map_err(config_error)?;
    let mut fixes = Vec::new();
    if args.fix {
        fixes = suggest::apply_fixes(project, &library, &advice).map_err(config_error)?;
        for outcome in &fixes {
            if let Some(text) = &outcome.fixed_text {
                let path = project.root.join(&outcome.path);
                std::fs::write(&path, text)
                    .with_context(|| format!("cannot write `{}`", outcome.path.display()))?;
            }
        }
        if fixes.iter().any(|f| f.fixed_text.is_some()) {
            let library = Library::load(project)?;
            advice = suggest::suggest(project, &library, &selected).map_err(config_error)?;
        }
    }
    output::suggest::print(printer, &advice, &fixes)?;
    Ok(if advice.iter().any(|p| !p.suggestions.is_empty()) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
