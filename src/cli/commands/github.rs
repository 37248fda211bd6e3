//! `promptctl github`: what the GitHub Action posts — the sticky PR comment, the SARIF upload,
//! and the pull request the workflow runs for.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Subcommand;
use promptctl::github::{self, COMMENT_LIMIT, COMMENT_MARKER, CommentOutcome, PullRequest};
use serde_json::json;

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::env_vars::{self, GithubVars};
use crate::cli::error::{CliError, ExitStatus};

/// Talk to GitHub from a workflow: the PR comment and code-scanning upload
///
/// Reads the GitHub Actions environment: `GITHUB_TOKEN`, `GITHUB_REPOSITORY`, `GITHUB_API_URL`,
/// `GITHUB_EVENT_PATH`, `GITHUB_SHA`, `GITHUB_REF`. The token is only ever sent to GitHub.
/// The Action (`action.yml`) runs these; see docs/ci.md.
///
/// Examples:
///   promptctl github pr >> "$GITHUB_OUTPUT"       # the PR's number and commits
///   promptctl github comment report.md            # create, or update in place, the PR comment
///   promptctl github upload-sarif check.sarif     # to code scanning
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
#[allow(clippy::doc_markdown)] // shell examples, not Markdown
pub(crate) struct GithubArgs {
    #[command(subcommand)]
    pub(crate) command: GithubCommand,
}

/// Every `github` subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum GithubCommand {
    /// Print the pull request of the workflow event as `key=value` lines for `$GITHUB_OUTPUT`
    /// (`pull_request=false` for other events)
    Pr,
    /// Create the pull request's promptctl comment, or update it in place (found by a hidden
    /// marker line): one comment per PR however often the workflow runs
    Comment {
        /// The Markdown body (`-` for stdin); the marker line is added when missing
        #[arg(value_name = "FILE")]
        body: PathBuf,
        /// The PR number [default: from the workflow event]
        #[arg(long, value_name = "N")]
        pr: Option<u64>,
    },
    /// Upload a SARIF log to GitHub code scanning
    UploadSarif {
        /// The SARIF file (`promptctl check --sarif FILE` writes one)
        #[arg(value_name = "FILE")]
        sarif: PathBuf,
        /// The commit the log describes [default: `GITHUB_SHA`]
        #[arg(long, value_name = "SHA")]
        sha: Option<String>,
        /// The ref the log describes [default: `GITHUB_REF`]
        #[arg(long = "ref", value_name = "REF")]
        git_ref: Option<String>,
    },
}

pub(crate) fn run(ctx: &CommandContext, args: &GithubArgs) -> anyhow::Result<ExitStatus> {
    let vars = env_vars::github();
    match &args.command {
        GithubCommand::Pr => print_pull_request(ctx, &vars),
        GithubCommand::Comment { body, pr } => comment(ctx, &vars, body, *pr),
        GithubCommand::UploadSarif {
            sarif,
            sha,
            git_ref,
        } => upload_sarif(ctx, &vars, sarif, sha.as_deref(), git_ref.as_deref()),
    }
}

/// The pull request of the event payload, if the workflow runs for one.
fn event_pull_request(vars: &GithubVars) -> anyhow::Result<Option<PullRequest>> {
    let Some(path) = &vars.event_path else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the event payload `{}`", path.display()))?;
    let event: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        CliError::invalid(
            format!("the event payload `{}` is not JSON: {e}", path.display()),
            None,
        )
    })?;
    Ok(github::pull_request(&event))
}

fn print_pull_request(ctx: &CommandContext, vars: &GithubVars) -> anyhow::Result<ExitStatus> {
    let pr = event_pull_request(vars)?;
    let printer = ctx.printer();
    if printer.format == OutputFormat::Json {
        printer.json(&json!({
            "pull_request": pr.as_ref().map(|p| json!({
                "number": p.number,
                "base_sha": p.base_sha,
                "head_sha": p.head_sha,
                "base_ref": p.base_ref,
            })),
        }))?;
        return Ok(ExitStatus::Success);
    }
    let text = match pr {
        Some(p) => format!(
            "pull_request=true\nnumber={}\nbase_sha={}\nhead_sha={}\nbase_ref={}\n",
            p.number, p.base_sha, p.head_sha, p.base_ref
        ),
        None => "pull_request=false\n".to_owned(),
    };
    printer.data(&text)?;
    Ok(ExitStatus::Success)
}

/// The client, or a usage error naming the variable that is missing.
fn client(vars: &GithubVars) -> anyhow::Result<github::Client> {
    let missing = |name: &str, hint: &str| {
        CliError::usage(format!("`{name}` is not set"), Some(hint.to_owned()))
    };
    let token = vars.token.clone().ok_or_else(|| {
        missing(
            "GITHUB_TOKEN",
            "pass it to the step: `env: GITHUB_TOKEN: ${{ github.token }}`",
        )
    })?;
    let repository = vars.repository.clone().ok_or_else(|| {
        missing(
            "GITHUB_REPOSITORY",
            "GitHub Actions sets it; elsewhere set it to `owner/name`",
        )
    })?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(github::Client::new(github::Context {
        api_url: vars.api_url.clone(),
        repository,
        token,
    })?)
}

fn read_input(ctx: &CommandContext, path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .context("cannot read the comment from stdin")?;
        return Ok(text);
    }
    let path = ctx.cwd().join(path);
    std::fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))
}

fn comment(
    ctx: &CommandContext,
    vars: &GithubVars,
    body: &Path,
    pr: Option<u64>,
) -> anyhow::Result<ExitStatus> {
    let from_event = match pr {
        Some(_) => None,
        None => event_pull_request(vars)?,
    };
    let Some(number) = pr.or(from_event.map(|p| p.number)) else {
        ctx.printer()
            .status("not a pull-request event: no comment to write");
        return Ok(ExitStatus::Success);
    };
    let mut text = read_input(ctx, body)?;
    if !text.contains(COMMENT_MARKER) {
        text = format!("{COMMENT_MARKER}\n{text}");
    }
    let length = text.chars().count();
    if length > COMMENT_LIMIT {
        return Err(CliError::invalid(
            format!("the comment is {length} characters; GitHub takes at most {COMMENT_LIMIT}"),
            Some("`promptctl pr-report` shortens its report to fit (`--max-chars`)".to_owned()),
        )
        .into());
    }
    let client = client(vars)?;
    let outcome = ctx
        .runtime()?
        .block_on(client.upsert_comment(number, &text))?;
    let (action, id) = match outcome {
        CommentOutcome::Created(id) => ("created", id),
        CommentOutcome::Updated(id) => ("updated", id),
    };
    if ctx.printer().format == OutputFormat::Json {
        ctx.printer()
            .json(&json!({"action": action, "comment_id": id, "pull_request": number}))?;
    } else {
        ctx.printer()
            .status(&format!("{action} comment {id} on pull request #{number}"));
    }
    Ok(ExitStatus::Success)
}

fn upload_sarif(
    ctx: &CommandContext,
    vars: &GithubVars,
    sarif: &Path,
    sha: Option<&str>,
    git_ref: Option<&str>,
) -> anyhow::Result<ExitStatus> {
    let path = ctx.cwd().join(sarif);
    let bytes = std::fs::read(&path)
        .with_context(|| format!("cannot read the SARIF file `{}`", path.display()))?;
    let log: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        CliError::invalid(
            format!("`{}` is not a SARIF log: {e}", path.display()),
            None,
        )
    })?;
    if log.get("version").and_then(serde_json::Value::as_str) != Some("2.1.0") {
        return Err(CliError::invalid(
            format!("`{}` is not a SARIF 2.1.0 log", path.display()),
            Some("write it with `promptctl check --sarif FILE`".to_owned()),
        )
        .into());
    }
    let sha = sha
        .map(str::to_owned)
        .or_else(|| vars.sha.clone())
        .ok_or_else(|| {
            CliError::usage(
                "no commit to upload for",
                Some("pass `--sha`, or run inside GitHub Actions (`GITHUB_SHA`)".to_owned()),
            )
        })?;
    let git_ref = git_ref
        .map(str::to_owned)
        .or_else(|| vars.git_ref.clone())
        .ok_or_else(|| {
            CliError::usage(
                "no ref to upload for",
                Some("pass `--ref`, or run inside GitHub Actions (`GITHUB_REF`)".to_owned()),
            )
        })?;
    let client = client(vars)?;
    let id = ctx
        .runtime()?
        .block_on(client.upload_sarif(&bytes, &sha, &git_ref))?;
    if ctx.printer().format == OutputFormat::Json {
        ctx.printer().json(&json!({"sarif_id": id}))?;
    } else {
        ctx.printer().status(&format!(
            "uploaded `{}` to code scanning ({id})",
            sarif.display()
        ));
    }
    Ok(ExitStatus::Success)
}
