//! `promptctl providers check`: one cheap live call per provider.

use std::sync::Arc;

use promptctl::prompt::{Message, Role};
use promptctl::provider::{ChatRequest, Params, Target, registry};

use crate::cli::context::CommandContext;
use crate::cli::credentials::{Keyring, Source};
use crate::cli::error::ExitStatus;
use crate::cli::gateway::{self, ResponseSources};
use crate::cli::output::providers::{self, CheckRow, CheckStatus};

/// Models used to check first-party providers that list no `models:`.
const CHECK_MODELS: &[(&str, &str)] = &[
    ("openai", "gpt-4o-mini"),
    ("anthropic", "claude-haiku-4-5"),
    ("gemini", "gemini-2.5-flash"),
];

/// Make one cheap call to each provider and show what works
///
/// Without names, checks every provider configured in promptctl.yaml and every built-in one
/// that has a credential. Each check sends "Reply with OK." with a 16-token cap to the
/// provider's first model. Exits 1 when any check fails.
///
/// Examples:
///   promptctl providers check
///   promptctl providers check openai ollama --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CheckArgs {
    /// Providers to check (default: configured ones and those with a credential)
    pub(crate) names: Vec<String>,
}

pub(crate) fn run(ctx: &CommandContext, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let keyring = Keyring::new();
    let names: Vec<String> = if args.names.is_empty() {
        registry::all(&project.config)
            .into_iter()
            .map(|s| s.name)
            .collect()
    } else {
        for name in &args.names {
            registry::spec(name, &project.config)?;
        }
        args.names.clone()
    };
    let resolved = gateway::resolve(&project.config, &names, &keyring)?;
    let mut rows = Vec::new();
    let mut checks = Vec::new();
    for (spec, r) in &resolved {
        let has_credential = r
            .sources
            .iter()
            .any(|s| !matches!(s, Source::Missing(_) | Source::NotNeeded));
        if args.names.is_empty() && !spec.configured && !has_credential {
            continue;
        }
        let model = spec.models.first().cloned().or_else(|| {
            CHECK_MODELS
                .iter()
                .find(|(p, _)| *p == spec.name)
                .map(|(_, m)| (*m).to_owned())
        });
        match model {
            Some(model) => checks.push(Target {
                provider: spec.name.clone(),
                model,
            }),
            None => rows.push(CheckRow {
                provider: spec.name.clone(),
                model: String::new(),
                status: CheckStatus::Skipped,
                latency_ms: None,
                detail: "no model to check: add `models:` to its entry in promptctl.yaml".into(),
            }),
        }
    }
    let runtime = ctx.runtime()?;
    let _guard = runtime.enter();
    let provider_names: Vec<String> = checks.iter().map(|t| t.provider.clone()).collect();
    let gateway = Arc::new(gateway::build(
        &project.root,
        &project.config,
        &provider_names,
        &ResponseSources::default(),
        None,
    )?);
    let results = runtime.block_on(async {
        let handles: Vec<_> = checks
            .iter()
            .map(|target| {
                let gateway = Arc::clone(&gateway);
                let request = ChatRequest {
                    targets: vec![target.clone()],
                    messages: vec![Message::text(Role::User, "Reply with OK.")],
                    params: Params {
                        max_output_tokens: Some(16),
                        ..Params::default()
                    },
                };
                tokio::spawn(async move { gateway.complete(&request).await })
            })
            .collect();
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await);
        }
        results
    });
    for (target, result) in checks.iter().zip(results) {
        rows.push(match result {
            Ok(Ok(response)) => CheckRow {
                provider: target.provider.clone(),
                model: target.model.clone(),
                status: CheckStatus::Ok,
                latency_ms: Some(response.latency_ms),
                detail: format!("served by {}", response.model),
            },
            Ok(Err(error)) => CheckRow {
                provider: target.provider.clone(),
                model: target.model.clone(),
                status: CheckStatus::Failed,
                latency_ms: None,
                detail: error.to_string(),
            },
            Err(join) => CheckRow {
                provider: target.provider.clone(),
                model: target.model.clone(),
                status: CheckStatus::Failed,
                latency_ms: None,
                detail: format!("the check crashed: {join}"),
            },
        });
    }
    rows.sort_by(|a, b| a.provider.cmp(&b.provider));
    providers::print_check(ctx.printer(), &rows)?;
    Ok(if rows.iter().any(|r| r.status == CheckStatus::Failed) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
