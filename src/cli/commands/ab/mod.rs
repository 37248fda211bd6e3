//! `promptctl ab`: A/B experiments between prompt versions, variants, models and providers.
//!
//! The subcommands are thin: `plan` and `run` build an [`experiment::plan::Plan`] through the
//! adapters here (prompts from the working tree or git, providers from the gateway), `analyze`
//! reads the results files, `list` and `status` look at the folders.

pub(crate) mod analyze;
pub(crate) mod batch;
pub(crate) mod list;
pub(crate) mod plan;
pub(crate) mod run;
pub(crate) mod status;

use std::path::PathBuf;

use promptctl::config::Config;
use promptctl::experiment::exec::{Completer, Completion, CompletionError, CompletionRequest};
use promptctl::experiment::plan::{Located, Plan, PromptSource, ProviderCatalog};
use promptctl::experiment::resume::{Pinned, RecordedPrompts};
use promptctl::experiment::runs::Runs;
use promptctl::experiment::spec::{Spec, SpecLoadError};
use promptctl::library::FsLoader;
use promptctl::project::Project;
use promptctl::prompt::PromptName;
use promptctl::provider::registry;
use promptctl::provider::{ChatRequest, Error as ProviderError, Failure, Gateway, Params, Target};

use crate::cli::context::CommandContext;
use crate::cli::credentials::{self, Keyring};
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::gateway;

/// Compare prompt versions, variants and models on a dataset, with statistics
///
/// An experiment is a spec in `experiments/<name>.yaml`: two or more variants (one the
/// control), a dataset, assertions that score each output, metrics and guardrails. `plan`
/// checks it and estimates cost; `run` executes it and appends one JSON line per sample to
/// `results/<name>/<run-id>.jsonl`; `analyze` compares every variant with the control.
///
/// Examples:
///   promptctl ab plan reply-tone
///   promptctl ab run reply-tone --replay cassettes/reply-tone.jsonl
///   promptctl ab run reply-tone --shard 2/4 --run-id "gh-${GITHUB_RUN_ID}"
///   promptctl ab analyze reply-tone --format markdown
#[derive(Debug, clap::Subcommand)]
#[command(verbatim_doc_comment)]
pub(crate) enum AbCommand {
    Plan(plan::PlanArgs),
    Run(run::RunArgs),
    Analyze(analyze::AnalyzeArgs),
    List(list::ListArgs),
    Status(status::StatusArgs),
    Collect(batch::CollectArgs),
    Cancel(batch::CancelArgs),
}

/// Runs an `ab` subcommand.
pub(crate) fn run(ctx: &CommandContext, command: &AbCommand) -> anyhow::Result<ExitStatus> {
    match command {
        AbCommand::Plan(args) => plan::run(ctx, args),
        AbCommand::Run(args) => run::run(ctx, args),
        AbCommand::Analyze(args) => analyze::run(ctx, args),
        AbCommand::List(args) => list::run(ctx, args),
        AbCommand::Status(args) => status::run(ctx, args),
        AbCommand::Collect(args) => batch::collect(ctx, args),
        AbCommand::Cancel(args) => batch::cancel(ctx, args),
    }
}

/// Loads a spec, turning its problems into one error (exit 2) that lists them all.
pub(crate) fn load_spec(project: &Project, name: &str) -> anyhow::Result<Spec> {
    Spec::load(&project.root, name).map_err(|e| match e {
        SpecLoadError::Read { ref path, .. } if !project.root.join(path).exists() => {
            CliError::usage(
                format!(
                    "no experiment `{name}`: `{}` does not exist",
                    path.display()
                ),
                Some("`promptctl ab list` shows the experiments there are".to_owned()),
            )
            .into()
        }
        other => anyhow::Error::from(other),
    })
}

/// Builds the plan: arms resolved, dataset loaded, every case rendered once.
pub(crate) fn build_plan(project: &Project, spec: Spec, offline: bool) -> anyhow::Result<Plan> {
    plan_from(project, spec, offline, &Sources { project })
}

/// Builds the plan of a resumed run: git versions are read at the commits its records name.
pub(crate) fn build_resumed_plan(
    project: &Project,
    spec: Spec,
    offline: bool,
    recorded: &RecordedPrompts,
) -> anyhow::Result<Plan> {
    plan_from(
        project,
        spec,
        offline,
        &Pinned::new(&Sources { project }, recorded),
    )
}

fn plan_from(
    project: &Project,
    spec: Spec,
    offline: bool,
    sources: &dyn PromptSource,
) -> anyhow::Result<Plan> {
    let catalog = Catalog::new(&project.config, offline);
    let plan = Plan::build(spec, &project.root, &project.config, sources, &catalog)?;
    // The project's policies decide which models may serve which prompts, as for `run`.
    let options = promptctl::scan::ScanOptions::from_project(project)?;
    let refusals: Vec<String> = plan
        .arms
        .iter()
        .flat_map(|arm| {
            let model = format!("{}/{}", arm.provider, arm.model);
            options
                .policies
                .model_refusals(
                    &arm.prompt.name,
                    &arm.prompt.front_matter,
                    &model,
                    &options.policy_context,
                )
                .into_iter()
                .map(move |reason| format!("variant `{}` (`{model}`): {reason}", arm.id))
        })
        .collect();
    if !refusals.is_empty() {
        return Err(CliError::usage(
            format!(
                "the project's policies forbid {} of the experiment's models:\n  {}",
                refusals.len(),
                refusals.join("\n  ")
            ),
            Some("`promptctl policy list` shows the rules; change the variants' models".to_owned()),
        )
        .into());
    }
    Ok(plan)
}

/// Where results of an experiment live.
pub(crate) fn results_dir(project: &Project, experiment: &str) -> PathBuf {
    project.root.join("results").join(experiment)
}

/// The runs of an experiment, oldest first (see [`promptctl::experiment::runs`]).
pub(crate) fn runs(project: &Project, experiment: &str) -> anyhow::Result<Runs> {
    Ok(promptctl::experiment::runs::discover(&results_dir(
        project, experiment,
    ))?)
}

/// Prompts from the working tree, or from git for `name@version`.
pub(crate) struct Sources<'a> {
    pub(crate) project: &'a Project,
}

impl PromptSource for Sources<'_> {
    fn loader(&self, name: &PromptName, revision: Option<&str>) -> Result<Located, String> {
        let Some(revision) = revision else {
            return Ok(Located::worktree(Box::new(FsLoader::new(self.project))));
        };
        let repo = promptctl::store::Repo::open(self.project).map_err(|e| e.to_string())?;
        let (loader, resolved) = promptctl::store::revision::resolve(&repo, name, revision)
            .map_err(|e| e.to_string())?;
        Ok(Located {
            loader: Box::new(loader),
            blob: Some(resolved.blob),
            commit: Some(resolved.commit),
        })
    }
}

/// Providers from the project config, credentials from the environment and keyring.
pub(crate) struct Catalog<'a> {
    config: &'a Config,
    keyring: Keyring,
    offline: bool,
}

impl<'a> Catalog<'a> {
    /// A catalog; `offline` (replaying a cassette) skips the credential check.
    pub(crate) fn new(config: &'a Config, offline: bool) -> Catalog<'a> {
        Catalog {
            config,
            keyring: Keyring::new(),
            offline,
        }
    }
}

impl ProviderCatalog for Catalog<'_> {
    fn check(&self, provider: &str, _model: &str) -> Result<(), String> {
        let spec = registry::spec(provider, self.config).map_err(|e| e.to_string())?;
        if self.offline {
            return Ok(());
        }
        let resolved = credentials::resolve(&spec, &self.keyring);
        match resolved.setup.unavailable {
            None => Ok(()),
            Some(promptctl::provider::gateway::Unavailable::MissingCredential { variable }) => {
                Err(format!(
                    "no credentials for `{provider}`: set {variable} or run `promptctl auth set {provider}`"
                ))
            }
            Some(promptctl::provider::gateway::Unavailable::MissingBaseUrl { variable }) => {
                Err(format!(
                    "no endpoint for `{provider}`: set {variable} or `base_url` in promptctl.yaml"
                ))
            }
        }
    }

    fn price(&self, provider: &str, model: &str) -> Option<(f64, f64)> {
        let target = Target {
            provider: provider.to_owned(),
            model: model.to_owned(),
        };
        gateway::prices(self.config)
            .price(&target)
            .map(|p| (p.input, p.output))
    }
}

/// The provider gateway as the runner's [`Completer`].
pub(crate) struct GatewayCompleter(pub(crate) Gateway);

impl Completer for GatewayCompleter {
    async fn complete(&self, request: CompletionRequest) -> Result<Completion, CompletionError> {
        let params =
            Params::from_config(&request.params, &request.output).map_err(|e| fatal(&e))?;
        let chat = ChatRequest {
            targets: vec![Target {
                provider: request.provider,
                model: request.model,
            }],
            messages: request.messages,
            params,
        };
        match self.0.complete(&chat).await {
            Ok(r) => Ok(Completion {
                content: r.content,
                finish_reason: Some(r.finish_reason.as_str().to_owned()),
                provider: r.provider,
                model: r.model,
                tokens_in: r.usage.input_tokens,
                tokens_out: r.usage.output_tokens,
                cost_usd: r.cost_usd,
                #[allow(clippy::cast_precision_loss)] // milliseconds
                latency_ms: r.latency_ms as f64,
                #[allow(clippy::cast_precision_loss)] // milliseconds
                attempt_latency_ms: r.attempt_latency_ms as f64,
                attempts: r.attempts,
                cached: r.cached,
            }),
            Err(e) if e.is_network() => Err(CompletionError {
                kind: match (e.last_failure(), e.status()) {
                    (Some(Failure::TooLarge { .. }), _) => "response_too_large".to_owned(),
                    (_, Some(status)) => format!("http_{status}"),
                    _ => "network".to_owned(),
                },
                message: e.to_string(),
                fatal: matches!(e.status(), Some(401 | 403)),
                attempts: e.attempts(),
            }),
            Err(e) => Err(fatal(&e)),
        }
    }
}

fn fatal(e: &ProviderError) -> CompletionError {
    CompletionError {
        kind: match e {
            ProviderError::ReplayMiss { .. } => "replay_miss",
            ProviderError::MissingCredential { .. } => "auth",
            _ => "config",
        }
        .to_owned(),
        message: e.to_string(),
        fatal: true,
        attempts: e.attempts(),
    }
}
