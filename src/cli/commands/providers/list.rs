//! `promptctl providers list`: providers, endpoints, models and where each key comes from.

use promptctl::provider::registry;
use promptctl::scan::mask::mask_url_password;

use crate::cli::context::CommandContext;
use crate::cli::credentials::{self, Keyring};
use crate::cli::error::ExitStatus;
use crate::cli::output::providers::{self, ProviderRow};

/// List providers, their endpoints and models, and where each credential comes from
///
/// Shows the providers configured in `promptctl.yaml` and the built-in ones (first-party APIs
/// and OpenAI-compatible presets). The credential column says where a key was found (an
/// environment variable, the keyring, an AWS profile) or which variable to set; keys are
/// never shown, nor is the password of an endpoint URL (`https://user:****@host`).
///
/// Examples:
///   promptctl providers list
///   promptctl providers list --configured --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ListArgs {
    /// Only providers that are configured in promptctl.yaml or have a credential
    #[arg(long)]
    pub(crate) configured: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &ListArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let keyring = Keyring::new();
    let mut rows = Vec::new();
    for spec in registry::all(&project.config) {
        let resolved = credentials::resolve(&spec, &keyring);
        let found = resolved.sources.iter().any(|s| {
            !matches!(
                s,
                credentials::Source::Missing(_) | credentials::Source::NotNeeded
            )
        });
        if args.configured && !spec.configured && !found {
            continue;
        }
        rows.push(ProviderRow {
            name: spec.name.clone(),
            kind: spec.kind.as_str(),
            description: spec.description.clone(),
            endpoints: resolved
                .setup
                .deployments
                .iter()
                .map(|d| mask_url_password(&d.endpoint.base_url).into_owned())
                .collect(),
            models: spec.models.clone(),
            credential: resolved
                .sources
                .iter()
                .map(ToString::to_string)
                .chain(resolved.setup.unavailable.iter().filter_map(|u| match u {
                    promptctl::provider::gateway::Unavailable::MissingBaseUrl { variable } => {
                        Some(format!("no endpoint ({variable})"))
                    }
                    promptctl::provider::gateway::Unavailable::MissingCredential { .. } => None,
                }))
                .collect::<Vec<_>>()
                .join(", "),
            configured: spec.configured,
        });
    }
    providers::print_list(ctx.printer(), &rows)?;
    Ok(ExitStatus::Success)
}
