//! `promptctl improve`: ask a model for rewrites of a prompt, keep those that still work, and
//! write them as variants with the experiment that will compare them.

use std::fmt::Write as _;

use anyhow::Context as _;
use promptctl::improve::{self, META_PROMPT};
use promptctl::library::{Library, display_id};
use promptctl::prompt::render::{self, RenderOptions};
use promptctl::prompt::{FileKind, PromptName};
use promptctl::provider::{ChatRequest, Usage};
use promptctl::store::commit::OwnedFile;
use promptctl::suggest;

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::gateway::{self, ResponseSourceArgs};

/// Failed cases of the latest run given to the model at most.
const FAILED_CASES: usize = 5;

/// Write candidate rewrites of a prompt, checked, as variants with an experiment to compare them
///
/// Collects `suggest`'s advice for the prompt and the cases it failed in the latest run of an
/// experiment that runs it (inputs, output, failed assertions; up to 5), renders the library's meta-prompt
/// (`prompts/promptctl/improve.prompt`, shipped by `init`) with it and asks `--model` for `--n`
/// rewrites. Each rewrite keeps the prompt's front matter; it must read the same variables,
/// include the same partials, render with the prompt's sample inputs and pass lint, or it is
/// discarded with the reason. Survivors become variants (`name.improve-1.prompt`, ...) with
/// `experiments/<name>-improve.yaml` comparing them with the current version; run it with
/// `promptctl ab run`. In a git repository they are committed on a new branch,
/// `improve/<name>` (your checkout is left as it was); elsewhere they are written to the
/// working tree. The prompt itself is never changed. The cost of the call is estimated
/// before it is made and refused above `--max-cost`.
///
/// Examples:
///   promptctl improve support/triage/classify-ticket --model openai/gpt-4o-mini
///   promptctl improve summarization/meeting-notes -m openai/gpt-4o --n 2 --max-cost 0.05
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ImproveArgs {
    /// The prompt: `folder/name`
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// The model that writes the rewrites, as `provider/model`
    #[arg(
        long,
        short = 'm',
        value_name = "PROVIDER/MODEL",
        required_unless_present = "adopt"
    )]
    pub(crate) model: Option<String>,
    /// Instead of asking for rewrites: commit the candidate that won run RUN of
    /// `experiments/<name>-improve.yaml` over the prompt, naming the run in the message
    #[arg(
        long,
        value_name = "RUN",
        conflicts_with_all = ["n", "max_cost", "record", "replay"]
    )]
    pub(crate) adopt: Option<String>,
    /// How many rewrites to ask for
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=10))]
    pub(crate) n: u16,
    /// Refuse to call the model when the estimated cost is above this many US dollars
    #[arg(long, value_name = "USD")]
    pub(crate) max_cost: Option<f64>,
    #[command(flatten)]
    pub(crate) responses: ResponseSourceArgs,
}

pub(crate) fn run(ctx: &CommandContext, args: &ImproveArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let library = Library::load(project)?;
    let Some(position) = library
        .entries
        .iter()
        .position(|e| e.name.kind == FileKind::Prompt && display_id(&e.name) == args.name)
    else {
        let close = library.suggest(&args.name);
        let hint = (!close.is_empty())
            .then(|| format!("did you mean {}?", promptctl::lint::quoted_list(&close)));
        return Err(CliError::invalid(format!("no prompt named `{}`", args.name), hint).into());
    };
    if let Some(run) = &args.adopt {
        return adopt(ctx, project, &library, position, &args.name, run);
    }
    let model = args.model.clone().unwrap_or_default();
    let meta = PromptName::parse_id(META_PROMPT);
    if library.get(&meta).is_none() {
        return Err(CliError::invalid(
            format!("the library has no meta-prompt `{META_PROMPT}`"),
            Some(format!(
                "`promptctl init` writes `{}/promptctl/improve.prompt`; edit it to change how rewrites are asked for",
                project.config.prompts
            )),
        )
        .into());
    }
    let advice = suggest::suggest(project, &library, &[position])
        .map_err(|e| CliError::usage(e.to_string(), None))?
        .remove(0);
    let n = usize::from(args.n);
    let failures = improve::failures::latest(&project.root, &args.name, FAILED_CASES);
    let failed = failures
        .as_ref()
        .map(improve::failures::evidence)
        .unwrap_or_default();
    let variables = improve::meta_variables(&library, position, &advice, &failed, n);
    let rendered = render::render(&library, &meta, &variables, &RenderOptions::default())
        .with_context(|| format!("cannot render the meta-prompt `{META_PROMPT}`"))?;
    let request = ChatRequest::for_prompt(&rendered, std::slice::from_ref(&model), None)?;
    let estimate = estimate_cost(project, &request, &rendered);
    if let Some(cap) = args.max_cost {
        match estimate {
            Some(cost) if cost > cap => {
                return Err(CliError::usage(
                    format!("the call would cost about ${cost:.4}, over --max-cost ${cap}"),
                    Some("raise --max-cost, lower --n, or pick a cheaper --model".into()),
                )
                .into());
            }
            None => {
                return Err(CliError::usage(
                    format!("no price is known for `{model}`, so --max-cost cannot be checked"),
                    Some("add it under `prices.models` in promptctl.yaml".into()),
                )
                .into());
            }
            Some(_) => {}
        }
    }
    let replay = args.responses.sources(ctx.cwd());
    let runtime = ctx.runtime()?;
    let _guard = runtime.enter();
    let gateway = gateway::build(
        &project.root,
        &project.config,
        &request.providers(),
        &replay,
        None,
    )?;
    let response = runtime.block_on(gateway.complete(&request))?;
    let rewrites = improve::parse_rewrites(&response.content);
    let candidates = improve::check_candidates(project, &library, position, &rewrites);
    let printer = ctx.printer();
    if let Some(f) = &failures {
        printer.status(&format!(
            "evidence: {} failed case(s) of run {} of experiment `{}` ({} shown to the model)",
            f.total,
            f.run,
            f.experiment,
            f.cases.len()
        ));
    }
    let mut text = String::new();
    let mut files: Vec<(std::path::PathBuf, String)> = Vec::new();
    for c in &candidates {
        match &c.discarded {
            None => {
                files.push((c.path.clone(), c.text.clone()));
                let _ = writeln!(text, "wrote {} ({})", c.path.display(), c.id);
            }
            Some(reason) => {
                let _ = writeln!(text, "discarded rewrite {}: {reason}", c.index);
            }
        }
    }
    let kept = candidates.iter().filter(|c| c.discarded.is_none()).count();
    let slug = args.name.replace('/', "-");
    if kept > 0 {
        let dataset = advice_dataset(&library, position);
        let spec_path = std::path::Path::new("experiments").join(format!("{slug}-improve.yaml"));
        files.push((
            spec_path.clone(),
            improve::experiment_spec(&args.name, &candidates, &dataset),
        ));
        let _ = writeln!(
            text,
            "wrote {}: run it with `promptctl ab run {slug}-improve`",
            spec_path.display()
        );
    }
    if !files.is_empty() {
        match promptctl::store::Repo::open(project)
            .ok()
            .filter(|r| r.head_hex().is_some())
        {
            Some(repo) => {
                let owned: Vec<OwnedFile> = files
                    .iter()
                    .map(|(path, content)| OwnedFile {
                        path: repo.project_path(&path.to_string_lossy().replace('\\', "/")),
                        content: content.clone().into_bytes(),
                    })
                    .collect();
                let message = format!(
                    "improve {}: {kept} candidate rewrite(s) and the experiment comparing them\n\n\
                     Written by `promptctl improve {} --model {}`; run `promptctl ab run {slug}-improve` \
                     on this branch to compare them with the current version.\n",
                    args.name, args.name, model
                );
                let (branch, commit) = promptctl::store::commit::commit_to_new_branch(
                    &repo,
                    &format!("improve/{slug}"),
                    &message,
                    &owned,
                )?;
                text = text.replace("wrote ", &format!("committed on {branch}: "));
                let _ = writeln!(
                    text,
                    "branch {branch} at {}: `git switch {branch}` to try it; your checkout is unchanged",
                    &commit[..commit.len().min(12)]
                );
            }
            None => {
                for (path, content) in &files {
                    let absolute = project.root.join(path);
                    if let Some(parent) = absolute.parent() {
                        std::fs::create_dir_all(parent)
                            .with_context(|| format!("cannot create `{}`", parent.display()))?;
                    }
                    std::fs::write(&absolute, content)
                        .with_context(|| format!("cannot write `{}`", path.display()))?;
                }
            }
        }
    }
    printer.data(&text)?;
    printer.status(&format!(
        "{} rewrite(s) asked for, {} returned, {kept} kept{}",
        n,
        rewrites.len(),
        estimate.map_or_else(String::new, |c| format!("; estimated cost ${c:.4}"))
    ));
    Ok(if kept > 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// `--adopt RUN`: the winner of the run, written over the prompt as a commit naming the run.
fn adopt(
    ctx: &CommandContext,
    project: &promptctl::project::Project,
    library: &Library,
    position: usize,
    name: &str,
    run: &str,
) -> anyhow::Result<ExitStatus> {
    let experiment = format!("{}-improve", name.replace('/', "-"));
    let spec = crate::cli::commands::ab::load_spec(project, &experiment)?;
    let runs = crate::cli::commands::ab::runs(project, &spec.name)?;
    let Some(found) = runs.get(run) else {
        let known: Vec<&str> = runs.all().iter().map(|r| r.id.as_str()).collect();
        return Err(CliError::usage(
            format!("experiment `{}` has no run `{run}`", spec.name),
            Some(if known.is_empty() {
                format!("run it first: `promptctl ab run {}`", spec.name)
            } else {
                format!("its runs: {}", known.join(", "))
            }),
        )
        .into());
    };
    let report =
        promptctl::experiment::analyze::analyze_files(&spec, &found.files, vec![found.id.clone()])?;
    let winner = match improve::adopt::winner(&spec, &report) {
        Ok(w) => w,
        Err(why) => {
            ctx.printer().data(&format!(
                "nothing adopted: no candidate beats the current version in run {run} ({why})\n"
            ))?;
            return Ok(ExitStatus::Failure);
        }
    };
    let candidate = library
        .entries
        .iter()
        .find(|e| e.name.kind == FileKind::Prompt && display_id(&e.name) == winner.prompt)
        .ok_or_else(|| {
            CliError::invalid(
                format!(
                    "the winning candidate `{}` is not in the library",
                    winner.prompt
                ),
                Some("adopt on the branch `improve` committed the candidates to".to_owned()),
            )
        })?;
    let repo = promptctl::store::Repo::open(project)?;
    let path = repo.project_path(
        &library.entries[position]
            .path
            .to_string_lossy()
            .replace('\\', "/"),
    );
    let content = candidate.text.clone().into_bytes();
    let message = improve::adopt::commit_message(name, &winner, &spec.name, run);
    let committed = promptctl::store::commit::commit_owned(
        &repo,
        &message,
        &promptctl::store::commit::CommitOptions::default(),
        &mut |_, _| {
            Ok(vec![OwnedFile {
                path: path.clone(),
                content: content.clone(),
            }])
        },
    )?;
    let mut text = format!(
        "adopted {} for {name} ({}, run {run} of experiment {})\n",
        winner.arm, winner.lift, spec.name
    );
    if let Some(short) = &committed.short {
        let _ = writeln!(text, "committed {short}");
    }
    ctx.printer().data(&text)?;
    if let Some(warning) = &committed.warning {
        ctx.printer().status(warning);
    }
    Ok(ExitStatus::Success)
}

/// The prompt's `dataset:`, else a placeholder the spec's reader must fill in.
fn advice_dataset(library: &Library, position: usize) -> String {
    library.entries[position]
        .document
        .as_ref()
        .ok()
        .and_then(|d| d.front_matter.dataset.clone())
        .unwrap_or_else(|| "datasets/CHANGE-ME.jsonl".to_owned())
}

/// Dollars for the call: the rendered meta-prompt in, the output cap (or 4000 tokens) out.
fn estimate_cost(
    project: &promptctl::project::Project,
    request: &ChatRequest,
    rendered: &promptctl::prompt::RenderedPrompt,
) -> Option<f64> {
    let target = request.targets.first()?;
    let model = format!("{}/{}", target.provider, target.model);
    let input = suggest::tokens::count(Some(&model), &rendered.text()).count();
    let output = rendered
        .front_matter
        .config
        .get("maxOutputTokens")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(4000);
    let usage = Usage {
        input_tokens: input as u64,
        output_tokens: output,
        cached_input_tokens: 0,
    };
    gateway::prices(&project.config).cost(target, &usage)
}
