//! `promptctl run`: render a prompt, send it to its model, print the answer.

use std::io::IsTerminal as _;

use promptctl::provider::routing::RoutingPolicy;
use promptctl::provider::{ChatRequest, ChatResponse, Failure};
use promptctl::report::calls;

use crate::cli::OutputFormat;
use crate::cli::commands::render::PromptArgs;
use crate::cli::context::CommandContext;
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::gateway::{self, ResponseSourceArgs};
use crate::cli::output;

/// Run a prompt against its model and print the answer
///
/// Renders the prompt (variables as for `render`), sends it to the model in its front matter
/// (or `--model`), and prints the answer on stdout; tokens, cost and latency go to stderr.
/// A `model:` list is a failover chain: when the first model fails after its retries, the next
/// is tried. Keys come from the environment (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, ...) or
/// `promptctl auth set`. Models the project's policies forbid for the prompt (provider rules,
/// data residency by classification) are skipped, and the run is refused when none is left.
/// Exit code 5 means the provider or network failed.
///
/// Examples:
///   promptctl run support/reply --var customer=Ada
///   promptctl run support/reply@v3 --var customer=Ada      # a version from git
///   promptctl run summarize --model anthropic/claude-haiku-4-5 --vars article.yaml
///   promptctl run summarize --model ollama/llama3.2 --model openai/gpt-4o-mini
///   promptctl run summarize --dry-run              # the exact request body; nothing is sent
///   promptctl run summarize --format json          # the whole record
///   promptctl run summarize --record tapes/summarize.jsonl   # later: --replay, in CI
///   promptctl run summarize --save-record          # append the call to results/runs/
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[allow(clippy::struct_excessive_bools)] // flag pairs, as clap declares them
pub(crate) struct RunArgs {
    #[command(flatten)]
    pub(crate) prompt: PromptArgs,
    /// Model to use as `provider/model`; repeat for a failover chain (overrides `model:`)
    #[arg(long = "model", short = 'm', value_name = "PROVIDER/MODEL")]
    pub(crate) models: Vec<String>,
    /// Print the exact request (URL, headers with keys hidden, body) and send nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    #[command(flatten)]
    pub(crate) responses: ResponseSourceArgs,
    /// Print the answer as it is generated (default when stdout is a terminal)
    #[arg(long, overrides_with = "no_stream")]
    pub(crate) stream: bool,
    /// Print the answer only when it is complete
    #[arg(long)]
    pub(crate) no_stream: bool,
    /// Append the call's record (no answer text) to `results/runs/`, for `report` (default
    /// with `run: {record: true}` in promptctl.yaml)
    #[arg(long, overrides_with = "no_save_record")]
    pub(crate) save_record: bool,
    /// Do not record this call even when promptctl.yaml says to
    #[arg(long)]
    pub(crate) no_save_record: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &RunArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let rendered = args.prompt.render(ctx)?;
    let mut request = ChatRequest::for_prompt(
        &rendered,
        &args.models,
        project.config.defaults.model.as_deref(),
    )?;
    apply_model_policies(ctx, &rendered, &mut request)?;
    let replay = args.responses.sources(ctx.cwd());
    let runtime = ctx.runtime()?;
    // reqwest's client needs a runtime to exist when it is built.
    let _guard = runtime.enter();
    let routing = RoutingPolicy::effective(project.config.routing.as_ref(), &rendered.front_matter);
    let providers = request.providers();
    let gateway = gateway::build(&project.root, &project.config, &providers, &replay, routing)?;
    if args.dry_run {
        let target = gateway.route(&request)?.remove(0);
        let http = gateway.preview(&request, &target)?;
        output::run::print_dry_run(ctx.printer(), &target, &http)?;
        return Ok(ExitStatus::Success);
    }
    let streamed = ctx.printer().format == OutputFormat::Human
        && !args.no_stream
        && (args.stream || std::io::stdout().is_terminal());
    let printer = ctx.printer();
    let sink = |delta: &str| {
        // A closed stdout shows up again, and is handled, when the summary is printed.
        let _ = printer.data(delta);
    };
    let call = async {
        if streamed {
            gateway.complete_streaming(&request, &sink).await
        } else {
            gateway.complete(&request).await
        }
    };
    let started_at = now();
    let response = runtime.block_on(async {
        tokio::select! {
            result = call => result.map_err(anyhow::Error::from),
            _ = tokio::signal::ctrl_c() => Err(CliError {
                message: "interrupted".to_owned(),
                code: crate::cli::error::INTERRUPTED,
                hint: None,
            }.into()),
        }
    });
    let record = !args.no_save_record && (args.save_record || project.config.run.record);
    if record {
        save_record(ctx, args, &request, response.as_ref(), started_at)?;
    }
    output::run::print(ctx.printer(), &rendered, &request, &response?, streamed)?;
    Ok(ExitStatus::Success)
}

fn now() -> String {
    env_vars::timestamp()
        .unwrap_or_else(|| promptctl::store::history::format_rfc3339(env_vars::unix_seconds()))
}

/// Appends the call's record to `results/runs/`: answered or failed, since a report's error
/// rate needs the failures too. An interrupted call is not a call and is not recorded.
fn save_record(
    ctx: &CommandContext,
    args: &RunArgs,
    request: &ChatRequest,
    response: Result<&ChatResponse, &anyhow::Error>,
    started_at: String,
) -> anyhow::Result<()> {
    let outcome = match response {
        Ok(response) => Ok(response),
        Err(error) => match error.downcast_ref::<promptctl::provider::Error>() {
            Some(e) => Err(calls::Failure {
                kind: failure_kind(e),
                message: e.to_string(),
                attempts: e.attempts(),
            }),
            None => return Ok(()),
        },
    };
    let project = ctx.project()?;
    let (id, reference) = promptctl::store::revision::split_ref(&args.prompt.name);
    let mut name = promptctl::prompt::PromptName::parse_id(id);
    if let Some(variant) = &args.prompt.variant {
        name.variant = Some(variant.clone());
    }
    let prompt = promptctl::experiment::plan::prompt_info(
        &crate::cli::commands::ab::Sources { project },
        &name,
        reference,
    )
    .map_err(|e| CliError::invalid(format!("cannot record the call: {e}"), None))?;
    let record = calls::record(&calls::Call {
        prompt,
        request,
        outcome,
        started_at,
        finished_at: now(),
        promptctl_version: env!("CARGO_PKG_VERSION").to_owned(),
    });
    let dir = project.root.join("results").join(calls::RUNS_DIR);
    promptctl::confine::Boundary::new(&project.root).check(&dir)?;
    let path = calls::append(&dir, &record)?;
    let shown = path.strip_prefix(&project.root).unwrap_or(&path);
    ctx.printer()
        .status(&format!("recorded the call in `{}`", shown.display()));
    Ok(())
}

/// The kind a failed call is recorded under, as `ab run` records it.
fn failure_kind(e: &promptctl::provider::Error) -> String {
    match (e.last_failure(), e.status()) {
        (Some(Failure::TooLarge { .. }), _) => "response_too_large".to_owned(),
        (_, Some(status)) => format!("http_{status}"),
        _ if e.is_network() => "network".to_owned(),
        _ => "config".to_owned(),
    }
}

/// Drops the models the project's policies forbid for this prompt (provider allow/deny lists and
/// data residency), warning about each; refuses the run when none is left.
fn apply_model_policies(
    ctx: &CommandContext,
    rendered: &promptctl::prompt::RenderedPrompt,
    request: &mut ChatRequest,
) -> anyhow::Result<()> {
    let project = ctx.project()?;
    let options = promptctl::scan::ScanOptions::from_project(project)?;
    let mut refusals = Vec::new();
    request.targets.retain(|target| {
        let model = format!("{}/{}", target.provider, target.model);
        let reasons = options.policies.model_refusals(
            &rendered.name,
            &rendered.front_matter,
            &model,
            &options.policy_context,
        );
        refusals.extend(reasons.iter().map(|r| format!("`{model}`: {r}")));
        reasons.is_empty()
    });
    if request.targets.is_empty() {
        return Err(CliError::invalid(
            format!(
                "no model may serve `{}` under the project's policies:\n  {}",
                promptctl::library::display_id(&rendered.name),
                refusals.join("\n  ")
            ),
            Some(
                "`promptctl policy list` shows the rules; pick an allowed model with `--model`"
                    .to_owned(),
            ),
        )
        .into());
    }
    for refusal in &refusals {
        ctx.printer().warn(&format!("skipping {refusal}"));
    }
    Ok(())
}
