//! `promptctl improve`: ask a model for rewrites of a prompt, keep those that still work, and
//! write them as variants with the experiment that will compare them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use promptctl::experiment::exec::Clock as _;
use promptctl::experiment::journal::{DEFAULT_BATCH, JournalWriter};
use promptctl::experiment::runner::{self, NoProgress, Outcome, RunObserver, RunOptions};
use promptctl::experiment::spec::Spec;
use promptctl::improve::verdict::{self, SampleSize, Verdict};
use promptctl::improve::{self, META_PROMPT};
use promptctl::library::{Library, display_id};
use promptctl::project::Project;
use promptctl::prompt::render::{self, RenderOptions};
use promptctl::prompt::{FileKind, PromptName};
use promptctl::provider::{ChatRequest, Usage};
use promptctl::store::commit::OwnedFile;
use promptctl::suggest;
use serde_json::json;

use crate::cli::OutputFormat;
use crate::cli::commands::ab::run::{WallClock, compact};
use crate::cli::commands::ab::{Catalog, GatewayCompleter, build_plan};
use crate::cli::context::CommandContext;
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus, INTERRUPTED, PROVIDER};
use crate::cli::gateway::{self, ResponseSourceArgs};
use crate::cli::interrupt;
use crate::cli::printer::Printer;
use crate::cli::progress::AbProgress;

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
/// working tree. The prompt itself is never changed.
///
/// With `--run` the experiment runs too, on the sample size `ab plan` computes (capped by the
/// prompt's dataset), with the candidates read from the branch; the records are committed
/// there. A winner is named only when it beats the current version with significance after
/// correction, with the `--adopt` command that adopts it; otherwise the output says no
/// candidate is better and what sample size would settle it (exit 1). Every call, the
/// experiment's included, is estimated before the first and refused above `--max-cost`;
/// `--record`/`--replay` cover them all, so a run replays offline.
///
/// Examples:
///   promptctl improve support/triage/classify-ticket --model openai/gpt-4o-mini
///   promptctl improve summarization/meeting-notes -m openai/gpt-4o --n 2 --max-cost 0.05
///   promptctl improve classification/sentiment -m openai/gpt-4o-mini --run --max-cost 1
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
        conflicts_with_all = ["n", "max_cost", "record", "replay", "run"]
    )]
    pub(crate) adopt: Option<String>,
    /// How many rewrites to ask for
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=10))]
    pub(crate) n: u16,
    /// Refuse to call the model when the estimated cost is above this many US dollars
    #[arg(long, value_name = "USD")]
    pub(crate) max_cost: Option<f64>,
    /// Then run the experiment on the sample size `ab plan` computes (the candidates read from
    /// the branch, results committed there) and name a winner only if it is significantly
    /// better than the current version after correction
    #[arg(long)]
    pub(crate) run: bool,
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
    let slug = args.name.replace('/', "-");
    let experiment = format!("{slug}-improve");
    let spec_path = Path::new("experiments").join(format!("{experiment}.yaml"));
    let dataset = prompt_dataset(&library, position);
    let offline = args.responses.replay.is_some();
    // Before any call: the experiment `--run` will run, with the current version standing in
    // for each candidate, so a dataset or render problem and its cost are known up front.
    let preflight = if args.run {
        let Some(dataset) = &dataset else {
            return Err(CliError::usage(
                format!("`--run` needs a dataset, and `{}` names none", args.name),
                Some("add `dataset: datasets/<file>.jsonl` to the prompt's front matter".into()),
            )
            .into());
        };
        let text = improve::stand_in_spec(&args.name, n, dataset);
        let spec = Spec::parse(&spec_path, &text)?;
        let plan = build_plan(project, spec, offline)?;
        let size = verdict::sample_size(&plan);
        let items = verdict::work_items(&plan, &size);
        let estimate = plan.estimate(&items, &Catalog::new(&project.config, true));
        Some((size, estimate.cost_usd))
    } else {
        None
    };
    // Before any call: a branch in the way of `improve/<name>` would waste it.
    if let Some(repo) = promptctl::store::Repo::open(project)
        .ok()
        .filter(|r| r.head_hex().is_some())
    {
        promptctl::store::commit::check_new_branch(&repo, &format!("improve/{slug}"))?;
    }
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
    let experiment_estimate = preflight.as_ref().map(|(_, cost)| *cost);
    let total = match experiment_estimate {
        None => estimate,
        Some(cost) => estimate.zip(cost).map(|(a, b)| a + b),
    };
    if let Some(cap) = args.max_cost {
        let what = match experiment_estimate {
            Some(Some(e)) => format!(
                "the rewrites (about ${:.4}) and the experiment (about ${e:.4})",
                estimate.unwrap_or_default()
            ),
            _ => "the call".to_owned(),
        };
        match total {
            Some(cost) if cost > cap => {
                return Err(CliError::usage(
                    format!("{what} would cost about ${cost:.4}, over --max-cost ${cap}"),
                    Some("raise --max-cost, lower --n, or pick a cheaper --model".into()),
                )
                .into());
            }
            None => {
                return Err(CliError::usage(
                    format!("no price is known for a model {what} calls, so --max-cost cannot be checked"),
                    Some("add it under `prices.models` in promptctl.yaml".into()),
                )
                .into());
            }
            Some(_) => {}
        }
    }
    let replay = args.responses.sources(ctx.cwd());
    let response = {
        let runtime = ctx.runtime()?;
        let _guard = runtime.enter();
        let gateway = gateway::build(
            &project.root,
            &project.config,
            &request.providers(),
            &replay,
            None,
        )?;
        runtime.block_on(gateway.complete(&request))?
    };
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
    let kept = candidates.iter().filter(|c| c.discarded.is_none()).count();
    let dataset = dataset.unwrap_or_else(|| "datasets/CHANGE-ME.jsonl".to_owned());
    let files_for = |branch: Option<&str>| -> Vec<(PathBuf, String)> {
        if kept == 0 {
            return Vec::new();
        }
        let mut files: Vec<(PathBuf, String)> = candidates
            .iter()
            .filter(|c| c.discarded.is_none())
            .map(|c| (c.path.clone(), c.text.clone()))
            .collect();
        files.push((
            spec_path.clone(),
            improve::experiment_spec(&args.name, &candidates, &dataset, branch),
        ));
        files
    };
    let mut written = Written {
        branch: None,
        commit: None,
    };
    if kept > 0 {
        match promptctl::store::Repo::open(project)
            .ok()
            .filter(|r| r.head_hex().is_some())
        {
            Some(repo) => {
                let message = format!(
                    "improve {}: {kept} candidate rewrite(s) and the experiment comparing them\n\n\
                     Written by `promptctl improve {} --model {}`; `promptctl ab run {experiment}` \
                     compares them with the current version.\n",
                    args.name, args.name, model
                );
                let owned = |branch: &str| -> Vec<OwnedFile> {
                    files_for(Some(branch))
                        .into_iter()
                        .map(|(path, content)| OwnedFile {
                            path: repo.project_path(&path.to_string_lossy().replace('\\', "/")),
                            content: content.into_bytes(),
                        })
                        .collect()
                };
                let (branch, commit) = promptctl::store::commit::commit_to_new_branch(
                    &repo,
                    &format!("improve/{slug}"),
                    &message,
                    &owned,
                )?;
                written = Written {
                    branch: Some(branch),
                    commit: Some(commit),
                };
            }
            None => {
                for (path, content) in files_for(None) {
                    let absolute = project.root.join(&path);
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
    let mut outcome = None;
    // A run that cannot start (over the cap, a plan problem) is reported after what was written.
    let mut failure = None;
    if args.run && kept > 0 {
        let spec_text = files_for(written.branch.as_deref())
            .pop()
            .map(|(_, text)| text)
            .unwrap_or_default();
        match run_experiment(
            ctx,
            project,
            args,
            &Spec::parse(&spec_path, &spec_text)?,
            written.branch.as_deref(),
            estimate.map(|e| response.cost_usd.unwrap_or(e)),
        ) {
            Ok(o) => outcome = Some(o),
            Err(e) => failure = Some(e),
        }
    }
    let report = ImproveReport {
        name: &args.name,
        experiment: &experiment,
        spec_path: &spec_path,
        candidates: &candidates,
        written: &written,
        outcome: outcome.as_ref(),
        prompt_path: &library.entries[position].path,
    };
    print(printer, &report)?;
    printer.status(&format!(
        "{} rewrite(s) asked for, {} returned, {kept} kept{}",
        n,
        rewrites.len(),
        total.map_or_else(String::new, |c| format!("; estimated cost ${c:.4}"))
    ));
    if let Some(error) = failure {
        return Err(error);
    }
    if let Some(error) = outcome.as_mut().and_then(|o| o.error.take()) {
        return Err(error.into());
    }
    let won = outcome.as_ref().is_none_or(|o| o.verdict.winner.is_some());
    Ok(if kept > 0 && won {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

/// Where the candidates went: a branch and its commit, or (outside git) the working tree.
struct Written {
    branch: Option<String>,
    commit: Option<String>,
}

/// What `--run` did.
struct RunOutcome {
    run_id: String,
    /// The results file, relative to the project root.
    results: String,
    /// The commit on the branch that holds the results (abbreviated).
    results_commit: Option<String>,
    size: SampleSize,
    samples: u64,
    failed: u64,
    verdict: Verdict,
    /// A run that did not complete: recorded and committed, then reported as this error.
    error: Option<CliError>,
}

/// `--run`: runs the spec (its candidates read from `branch`, the checkout untouched) on the
/// sample size `ab plan` computes, analyses it as `ab analyze` does, and commits the results
/// file on the branch.
fn run_experiment(
    ctx: &CommandContext,
    project: &Project,
    args: &ImproveArgs,
    spec: &Spec,
    branch: Option<&str>,
    spent: Option<f64>,
) -> anyhow::Result<RunOutcome> {
    let (handle, cancel) = runner::cancellation();
    let printer = ctx.printer().clone();
    interrupt::listen(move || {
        printer.status("interrupted: finishing the calls in flight (Ctrl-C again to drop them)");
        handle.cancel();
    });
    let offline = args.responses.replay.is_some();
    let plan = build_plan(project, spec.clone(), offline)?;
    let size = verdict::sample_size(&plan);
    let items = verdict::work_items(&plan, &size);
    if let Some(cap) = args.max_cost {
        // The candidates are known now: the exact estimate, with what the rewrites cost.
        let estimate = plan.estimate(&items, &Catalog::new(&project.config, true));
        let total = estimate.cost_usd.map(|c| c + spent.unwrap_or_default());
        if let Some(total) = total.filter(|t| *t > cap) {
            return Err(CliError::usage(
                format!(
                    "the experiment would bring the cost to about ${total:.4}, over --max-cost ${cap}; the candidates are written, nothing was run"
                ),
                Some(format!(
                    "run it with a larger budget: `promptctl ab run {} --max-cost USD` on the branch",
                    plan.spec.name
                )),
            )
            .into());
        }
    }
    let clock = WallClock(env_vars::timestamp());
    let run_id = compact(&clock.now());
    let relative = format!("results/{}/{run_id}.jsonl", plan.spec.name);
    // In git the records are written outside the work tree and committed on the branch, so the
    // checkout is left as it was; elsewhere they go where `ab run` writes them.
    let path = match branch {
        Some(_) => std::env::temp_dir()
            .join(format!("promptctl-improve-{}", std::process::id()))
            .join(&plan.spec.name)
            .join(format!("{run_id}.jsonl")),
        None => project.root.join(&relative),
    };
    let mut writer = JournalWriter::create(&path, DEFAULT_BATCH)?;
    ctx.printer().status(&format!(
        "Running `{}`: {} cases over {} variants{}",
        plan.spec.name,
        size.cases,
        plan.arms.len(),
        if size.short() {
            format!(
                " (the dataset has {}; `ab plan` says {} are needed)",
                size.available,
                size.required.unwrap_or_default()
            )
        } else {
            String::new()
        }
    ));
    let mut providers: Vec<String> = plan.arms.iter().map(|a| a.provider.clone()).collect();
    providers.extend(plan.judges.values().map(|j| j.provider.clone()));
    providers.sort();
    providers.dedup();
    let runtime = ctx.runtime()?;
    let _guard = runtime.enter();
    let completer = Arc::new(GatewayCompleter(gateway::build(
        &project.root,
        &project.config,
        &providers,
        &args.responses.sources(ctx.cwd()),
        project.config.routing.clone(),
    )?));
    let progress = AbProgress::new(ctx.printer());
    let observer: &dyn RunObserver = match &progress {
        Some(p) => p,
        None => &NoProgress,
    };
    let options = RunOptions {
        run_id: run_id.clone(),
        redact: false,
        version: promptctl::VERSION.to_owned(),
    };
    let summary = runtime.block_on(runner::run(
        &plan,
        items,
        &vec![0; plan.arms.len()],
        completer,
        &mut writer,
        &options,
        observer,
        cancel,
        &clock,
        None,
    ))?;
    drop(writer);
    let samples: u64 = summary.arms.iter().map(|a| a.done).sum();
    let report = promptctl::experiment::analyze::analyze_files(
        &plan.spec,
        std::slice::from_ref(&path),
        vec![run_id.clone()],
    )?;
    let verdict = verdict::verdict(&plan.spec, &report);
    let mut results_commit = None;
    if let Some(branch) = branch {
        let repo = promptctl::store::Repo::open(project)?;
        let content =
            std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let message = format!(
            "ab: {} run {run_id}: {samples} samples over {}\n\nRecorded by promptctl {} (`promptctl improve {} --run`).",
            plan.spec.name,
            plan.arms
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            promptctl::VERSION,
            args.name
        );
        let commit = promptctl::store::commit::commit_to_branch(
            &repo,
            branch,
            &message,
            &[OwnedFile {
                path: repo.project_path(&relative),
                content,
            }],
        )?;
        results_commit = Some(commit[..commit.len().min(12)].to_owned());
        if let Some(dir) = path.parent().and_then(Path::parent) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    let error = if summary.outcome == Outcome::Interrupted {
        Some(CliError {
            message: format!("interrupted: {samples} samples recorded in `{relative}`"),
            code: INTERRUPTED,
            hint: None,
        })
    } else if let Some(message) = summary.too_many_failed_message(plan.spec.max_error_rate) {
        Some(CliError {
            message,
            code: PROVIDER,
            hint: Some(format!(
                "the records name each error; once the provider answers, `promptctl ab run {} --resume {run_id}` on the branch retries them",
                plan.spec.name
            )),
        })
    } else {
        None
    };
    Ok(RunOutcome {
        run_id,
        results: relative,
        results_commit,
        size,
        samples,
        failed: summary.failed_calls(),
        verdict,
        error,
    })
}

/// Everything `improve` reports.
struct ImproveReport<'a> {
    name: &'a str,
    experiment: &'a str,
    spec_path: &'a Path,
    candidates: &'a [improve::Candidate],
    written: &'a Written,
    outcome: Option<&'a RunOutcome>,
    /// The prompt's file, relative to the project root.
    prompt_path: &'a Path,
}

fn print(printer: &Printer, r: &ImproveReport<'_>) -> anyhow::Result<()> {
    let kept = r.candidates.iter().any(|c| c.discarded.is_none());
    let adopt = r.outcome.map(|o| {
        let command = format!("promptctl improve {} --adopt {}", r.name, o.run_id);
        if let Some(branch) = &r.written.branch {
            return format!("git switch {branch} && {command}");
        }
        // `--adopt` commits; without git the winner is adopted by copying it.
        let winner = o.verdict.winner.as_ref().and_then(|w| {
            r.candidates
                .iter()
                .find(|c| c.id == w.prompt)
                .map(|c| c.path.display().to_string())
        });
        format!(
            "copy {} over {} (`{command}` does it as a commit in a git repository)",
            winner.unwrap_or_default(),
            r.prompt_path.display()
        )
    });
    if printer.format == OutputFormat::Json {
        let candidates: Vec<serde_json::Value> = r
            .candidates
            .iter()
            .map(|c| {
                json!({
                    "index": c.index,
                    "id": c.id,
                    "path": c.path.to_string_lossy().replace('\\', "/"),
                    "discarded": c.discarded,
                })
            })
            .collect();
        let run = r.outcome.map(|o| {
            json!({
                "id": o.run_id,
                "results": o.results,
                "results_commit": o.results_commit,
                "cases": o.size.cases,
                "required_cases": o.size.required,
                "dataset_cases": o.size.available,
                "samples": o.samples,
                "failed_calls": o.failed,
                "metric": o.verdict.metric,
                "arms": o.verdict.arms,
                "winner": o.verdict.winner.as_ref().map(|w| json!({
                    "arm": w.arm,
                    "prompt": w.prompt,
                    "lift": w.lift,
                })),
                "reason": (o.verdict.winner.is_none()).then_some(&o.verdict.reason),
                "needed_cases": o.verdict.needed,
                "adopt": o.verdict.winner.as_ref().and(adopt.as_ref()),
            })
        });
        printer.json(&json!({
            "prompt": r.name,
            "branch": r.written.branch,
            "commit": r.written.commit,
            "candidates": candidates,
            "experiment": kept.then_some(r.experiment),
            "spec": kept.then(|| r.spec_path.to_string_lossy().replace('\\', "/")),
            "run": run,
        }))?;
        return Ok(());
    }
    let verb = match &r.written.branch {
        Some(branch) => format!("committed on {branch}:"),
        None => "wrote".to_owned(),
    };
    let mut text = String::new();
    for c in r.candidates {
        match &c.discarded {
            None => {
                let _ = writeln!(text, "{verb} {} ({})", c.path.display(), c.id);
            }
            Some(reason) => {
                let _ = writeln!(text, "discarded rewrite {}: {reason}", c.index);
            }
        }
    }
    if kept {
        let _ = writeln!(
            text,
            "{verb} {}: run it with `promptctl ab run {}`",
            r.spec_path.display(),
            r.experiment
        );
    }
    if let (Some(branch), Some(commit)) = (&r.written.branch, &r.written.commit) {
        let _ = writeln!(
            text,
            "branch {branch} at {}: `git switch {branch}` to try it; your checkout is unchanged",
            &commit[..commit.len().min(12)]
        );
    }
    if let Some(o) = r.outcome {
        let _ = writeln!(
            text,
            "ran {} (run {}): {} cases per variant{}",
            r.experiment,
            o.run_id,
            o.size.cases,
            match o.size.required {
                Some(n) if o.size.short() =>
                    format!(", the whole dataset (`ab plan` says {n} are needed)"),
                Some(n) => format!(" (`ab plan` says {n} are needed)"),
                None => String::new(),
            }
        );
        for arm in &o.verdict.arms {
            let _ = writeln!(
                text,
                "  {} ({}): {}, {} {}{}",
                arm.arm,
                arm.prompt,
                arm.decision.as_str(),
                o.verdict.metric,
                arm.lift,
                arm.p_adjusted.map_or_else(String::new, |p| if p < 0.0001 {
                    ", corrected p < 0.0001".to_owned()
                } else {
                    format!(", corrected p = {p:.4}")
                })
            );
        }
        if let (Some(w), Some(adopt)) = (&o.verdict.winner, &adopt) {
            let _ = writeln!(
                text,
                "winner: {} ({} over the current version, significant after correction)\n\
                 adopt it: {adopt}",
                w.arm, w.lift
            );
        } else {
            let _ = writeln!(
                text,
                "no candidate is better than the current version: {}",
                o.verdict.reason
            );
            if let Some(n) = o.verdict.needed {
                let _ = writeln!(
                    text,
                    "about {n} cases per variant would settle it (this run had {})",
                    o.size.cases
                );
            }
        }
        let _ = match (&o.results_commit, &r.written.branch) {
            (Some(commit), Some(branch)) => writeln!(
                text,
                "results: {} committed on {branch} at {commit}",
                o.results
            ),
            _ => writeln!(text, "results: {}", o.results),
        };
    }
    printer.data(&text)?;
    Ok(())
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

/// The prompt's `dataset:`.
fn prompt_dataset(library: &Library, position: usize) -> Option<String> {
    library.entries[position]
        .document
        .as_ref()
        .ok()
        .and_then(|d| d.front_matter.dataset.clone())
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
