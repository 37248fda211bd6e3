//! `promptctl policy`: list the scanner's rules and explain one.

use promptctl::scan::ScanOptions;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// List and explain scan rules: built-in detectors and the project's policies
///
/// Policies are YAML files in `policies/` (or the folder `policies:` names in promptctl.yaml).
///
/// Examples:
///   promptctl policy list
///   promptctl policy explain secret/openai-api-key
///   promptctl policy explain policy/eu-only
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct PolicyArgs {
    #[command(subcommand)]
    pub(crate) command: PolicyCommand,
}

/// The `policy` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum PolicyCommand {
    /// List every rule: built-in detectors, then the project's policy rules
    List,
    /// Print what a rule checks, why, where it applies and how to fix a finding
    Explain {
        /// The rule id, e.g. `pii/payment-card` or `policy/eu-only`
        rule: String,
    },
}

pub(crate) fn run(ctx: &CommandContext, args: &PolicyArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let options = ScanOptions::from_project(project)?;
    match &args.command {
        PolicyCommand::List => output::policy::list(ctx.printer(), &options.policies)?,
        PolicyCommand::Explain { rule } => {
            if promptctl::scan::builtin_rule(rule).is_none() && options.policies.get(rule).is_none()
            {
                return Err(CliError::usage(
                    format!("no rule named `{rule}`"),
                    Some("`promptctl policy list` shows every rule".to_owned()),
                )
                .into());
            }
            output::policy::explain(ctx.printer(), &options.policies, rule)?;
        }
    }
    Ok(ExitStatus::Success)
}
