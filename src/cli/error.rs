//! Exit codes and hints, decided in one place.
//!
//! | code | meaning |
//! | ---: | --- |
//! | 0 | success |
//! | 1 | the command worked and found problems at or above `--fail-on` (lint, scan, check, gates) |
//! | 2 | usage or configuration error: bad arguments, missing or invalid `promptctl.yaml` |
//! | 3 | invalid input: a prompt, template, variable, schema or data file is wrong |
//! | 4 | git error: bad revision, repository state, history |
//! | 5 | provider or network error: unreachable, refused, rate limited past retries |
//! | 6 | I/O error: a file could not be read or written (disk full, permissions) |
//! | 130 | interrupted (Ctrl-C); everything already recorded is kept |
//!
//! Commands return `Ok(ExitStatus)` when they did their job (findings are data) and `Err` when
//! they could not. [`classify`] walks an error's chain and picks the code and the hints, so advice
//! and flag names stay out of the core.

use std::process::ExitCode;

use promptctl::prompt::render::RenderError;
use promptctl::provider::{Error as ProviderError, Failure};
use promptctl::scan::mask::mask_secrets;
use promptctl::scan::{policy, suppress};
use promptctl::store::scan_source;

use crate::cli::context::CommandContext;

/// How a command that did its job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Nothing to report at or above the threshold.
    Success,
    /// Findings at or above the threshold.
    Failure,
}

/// Exit code: findings at or above the threshold (also a release gate that refuses).
pub(crate) const FINDINGS: u8 = 1;
/// Exit code: usage or configuration error.
pub(crate) const USAGE: u8 = 2;
/// Exit code: invalid prompt, template, variables or data.
pub(crate) const INVALID_INPUT: u8 = 3;
/// Exit code: git error.
pub(crate) const GIT: u8 = 4;
/// Exit code: provider or network error.
pub(crate) const PROVIDER: u8 = 5;
/// Exit code: I/O error.
pub(crate) const IO: u8 = 6;
/// Exit code: interrupted.
pub(crate) const INTERRUPTED: u8 = 130;

/// An error that carries its exit code explicitly (for CLI-level problems).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct CliError {
    pub(crate) message: String,
    pub(crate) code: u8,
    pub(crate) hint: Option<String>,
}

impl CliError {
    /// A usage error (exit 2) with an optional hint.
    pub(crate) fn usage(message: impl Into<String>, hint: Option<String>) -> CliError {
        CliError {
            message: message.into(),
            code: USAGE,
            hint,
        }
    }

    /// An invalid-input error (exit 3) with an optional hint.
    pub(crate) fn invalid(message: impl Into<String>, hint: Option<String>) -> CliError {
        CliError {
            message: message.into(),
            code: INVALID_INPUT,
            hint,
        }
    }
}

/// An error with advice only the command that hit it can give, because the advice depends on
/// what the command knows (the prompt it rendered, the flags it was given). [`classify`] adds
/// the hint and goes on to classify the error itself.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub(crate) struct Hinted {
    source: Box<dyn std::error::Error + Send + Sync + 'static>,
    hint: String,
}

impl Hinted {
    pub(crate) fn new(
        source: impl std::error::Error + Send + Sync + 'static,
        hint: String,
    ) -> Hinted {
        Hinted {
            source: Box::new(source),
            hint,
        }
    }
}

/// Turns a command's outcome into the process exit code, printing any error.
pub(crate) fn finish(ctx: &CommandContext, result: anyhow::Result<ExitStatus>) -> ExitCode {
    match result {
        Ok(ExitStatus::Success) => ExitCode::SUCCESS,
        Ok(ExitStatus::Failure) => ExitCode::from(1),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let (code, hints) = classify(&error);
            // An error may quote a prompt, a provider's reply or a URL: no secret leaves in it.
            let masked = |text: String| mask_secrets(&text).into_owned();
            let message = masked(error.to_string());
            let causes: Vec<String> = error
                .chain()
                .skip(1)
                .map(|c| masked(c.to_string()))
                .collect();
            ctx.printer()
                .error(&message, &dedupe_causes(&message, causes), &hints);
            ExitCode::from(code)
        }
    }
}

/// Drops causes whose text is already part of the message above them.
fn dedupe_causes(message: &str, causes: Vec<String>) -> Vec<String> {
    let mut seen = message.to_owned();
    causes
        .into_iter()
        .filter(|cause| {
            let keep = !seen.contains(cause.as_str());
            seen.push_str(cause);
            keep
        })
        .collect()
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Exit codes and hints for the experiment module's errors.
fn experiment_code(cause: &(dyn std::error::Error + 'static)) -> Option<(u8, Option<String>)> {
    use promptctl::experiment::analyze::AnalyzeError;
    use promptctl::experiment::journal::JournalError;
    use promptctl::experiment::runner::RunError;
    use promptctl::experiment::spec::SpecLoadError;
    if cause
        .downcast_ref::<promptctl::experiment::Problems>()
        .is_some()
    {
        return Some((USAGE, None));
    }
    if let Some(e) = cause.downcast_ref::<SpecLoadError>() {
        return Some(match e {
            SpecLoadError::Read { .. } => (IO, None),
            SpecLoadError::Invalid(_) => (USAGE, None),
            SpecLoadError::PathEscape(_) => (INVALID_INPUT, None),
        });
    }
    if let Some(e) = cause.downcast_ref::<JournalError>() {
        return Some(match e {
            JournalError::Io { .. } => (IO, None),
            JournalError::Exists { path } => (
                USAGE,
                Some(format!(
                    "finish that run with `--resume {}`, or pick another `--run-id`",
                    path.file_stem()
                        .and_then(|s| s.to_str())
                        .map_or("<run-id>", |s| s.split(".shard-").next().unwrap_or(s))
                )),
            ),
            JournalError::Corrupt { .. } => (
                INVALID_INPUT,
                Some("results files are append-only: restore the file from git".to_owned()),
            ),
        });
    }
    if let Some(e) = cause.downcast_ref::<AnalyzeError>() {
        return Some(match e {
            AnalyzeError::Read { .. } => (IO, None),
            AnalyzeError::Corrupt { .. } => (INVALID_INPUT, None),
            AnalyzeError::LineTooLong { .. } => (
                INVALID_INPUT,
                Some(
                    "the file is damaged or is not a results file: check what wrote that line"
                        .to_owned(),
                ),
            ),
            AnalyzeError::NoResults { .. } => (USAGE, None),
            AnalyzeError::Spill(_) => (
                IO,
                Some(
                    "more samples than fit in memory go to temporary files: point TMPDIR at a \
                     writable directory with free space"
                        .to_owned(),
                ),
            ),
        });
    }
    if cause
        .downcast_ref::<promptctl::experiment::runs::DiscoverError>()
        .is_some()
    {
        return Some((IO, None));
    }
    if let Some(e) = cause.downcast_ref::<promptctl::experiment::batch::BatchRunError>() {
        use promptctl::experiment::batch::BatchRunError as B;
        return match e {
            B::Provider { .. } => Some((PROVIDER, None)),
            B::Ledger { .. } => Some((IO, None)),
            B::Unsupported(_) => Some((USAGE, None)),
            B::ReplayMiss { recorded_sync, .. } => Some((
                INVALID_INPUT,
                Some(if *recorded_sync {
                    "a batch run replays only answers recorded in batch mode: record the cassette with `ab run NAME --batch --record FILE`, or replay without `--batch`".to_owned()
                } else {
                    "the prompt, variables or settings changed since the cassette was recorded: record it again with `--batch --record`".to_owned()
                }),
            )),
            // The journal and the cassette are classified by their own types further down.
            B::Journal(_) | B::Cassette(_) => None,
        };
    }
    if let Some(RunError::Provider { .. }) = cause.downcast_ref::<RunError>() {
        return Some((PROVIDER, None));
    }
    if let Some(e) = cause.downcast_ref::<promptctl::experiment::lock::LockError>() {
        return Some(lock_outcome(e));
    }
    if cause
        .downcast_ref::<promptctl::experiment::resume::PromptsChanged>()
        .is_some()
    {
        return Some((
            USAGE,
            Some("undo the edit (`git stash`) and resume, or start a new run; a variant at a git version (`name@v3`) resumes at the commit it started from".to_owned()),
        ));
    }
    None
}

/// A locked run is refused like a run id that already exists (exit 2); the hint says what
/// to do about the holder.
fn lock_outcome(error: &promptctl::experiment::lock::LockError) -> (u8, Option<String>) {
    use promptctl::experiment::lock::{HolderState, LockError};
    match error {
        LockError::Held {
            path,
            holder,
            state,
        } => (
            USAGE,
            Some(match state {
                HolderState::Running => format!(
                    "wait for it to finish, or stop process {} with Ctrl-C (what it recorded is kept) and resume",
                    holder.pid
                ),
                HolderState::OtherHost | HolderState::Unknown => format!(
                    "if process {} on `{}` no longer runs, delete `{}` and resume",
                    holder.pid,
                    holder.host,
                    path.display()
                ),
            }),
        ),
        LockError::Unreadable { path, .. } => (
            USAGE,
            Some(format!(
                "if no other `promptctl ab run` is writing this run, delete `{}` and resume",
                path.display()
            )),
        ),
        LockError::Io { .. } => (IO, None),
    }
}

/// Picks the exit code and hints for an error by looking at every link of its chain.
pub(crate) fn classify(error: &anyhow::Error) -> (u8, Vec<String>) {
    let mut hints = Vec::new();
    let mut code = None;
    // A name refused for leaving the project is invalid input wherever it is wrapped.
    if error.chain().any(|cause| {
        cause
            .downcast_ref::<promptctl::confine::PathEscape>()
            .is_some()
    }) {
        code = Some(INVALID_INPUT);
        hints.push(
            "names are relative to the project: no `..`, no absolute paths, no links that lead out"
                .to_owned(),
        );
    }
    for cause in error.chain() {
        if let Some(cli) = cause.downcast_ref::<CliError>() {
            code.get_or_insert(cli.code);
            hints.extend(cli.hint.clone());
        } else if let Some(hinted) = cause.downcast_ref::<Hinted>() {
            hints.push(hinted.hint.clone());
        } else if let Some(project) = cause.downcast_ref::<promptctl::project::Error>() {
            code.get_or_insert(USAGE);
            if matches!(project, promptctl::project::Error::NotFound { .. }) {
                hints.push(
                    "run `promptctl init` to start a project here, or point `-C` at the project's folder"
                        .to_owned(),
                );
            }
        } else if let Some(lint) = cause.downcast_ref::<promptctl::lint::Error>() {
            code.get_or_insert(USAGE);
            hints.extend(lint_hint(lint));
        } else if let Some(library) = cause.downcast_ref::<promptctl::library::Error>() {
            match library {
                promptctl::library::Error::MissingRoot { .. } => {
                    code.get_or_insert(USAGE);
                    hints.push(
                        "create the folder, or point `prompts:` in promptctl.yaml at it".to_owned(),
                    );
                }
                promptctl::library::Error::Walk { .. } => {
                    code.get_or_insert(IO);
                }
                promptctl::library::Error::PathEscape(_) => {
                    code.get_or_insert(INVALID_INPUT);
                }
            }
        } else if let Some(comments) = cause.downcast_ref::<promptctl::comments::Error>() {
            use promptctl::comments::Error as E;
            let (c, hint) = match comments {
                E::Io { .. } => (IO, None),
                E::PathEscape(_) => (INVALID_INPUT, None),
                E::Invalid { .. } => (
                    INVALID_INPUT,
                    Some("comment files are written by `promptctl comment`; restore it from git"),
                ),
                E::NoSuchLine { .. } => (
                    USAGE,
                    Some("`--line` counts lines of the prompt file from 1"),
                ),
                E::UnknownComment { .. } => (
                    USAGE,
                    Some("`promptctl comments NAME` lists the comments on a prompt with their ids"),
                ),
                E::EmptyBody => (USAGE, None),
            };
            code.get_or_insert(c);
            hints.extend(hint.map(str::to_owned));
        } else if let Some(scaffold) = cause.downcast_ref::<promptctl::scaffold::Error>() {
            let (scaffold_code, hint) = scaffold_outcome(scaffold);
            code.get_or_insert(scaffold_code);
            hints.extend(hint);
        } else if let Some(provider) = cause.downcast_ref::<ProviderError>() {
            let (c, hint) = provider_code(provider);
            code.get_or_insert(c);
            hints.extend(hint);
        } else if let Some((c, hint)) = experiment_code(cause) {
            code.get_or_insert(c);
            hints.extend(hint);
        } else if let Some(render) = cause.downcast_ref::<RenderError>() {
            code.get_or_insert(if render.is_io() { IO } else { INVALID_INPUT });
            hints.extend(render.hint());
        } else if let Some(interop) = cause.downcast_ref::<promptctl::interop::Error>() {
            use promptctl::interop::Error as E;
            match interop {
                E::Io { .. } => {
                    code.get_or_insert(IO);
                }
                E::Invalid { .. } => {
                    code.get_or_insert(INVALID_INPUT);
                }
                E::Conflict { .. } => {
                    code.get_or_insert(INVALID_INPUT);
                    hints.push("nothing was written; pass `--force` to overwrite them, or import into an empty folder".to_owned());
                }
                E::Library(_) | E::PathEscape(_) => {}
            }
        } else if let Some(stats) = cause.downcast_ref::<promptctl::stats::Error>() {
            code.get_or_insert(INVALID_INPUT);
            // Fisher's test has no approximate method; `stats test fisher` names the
            // chi-square command with the same counts.
            if let promptctl::stats::Error::ExactTooLarge { test, .. } = stats
                && *test != "Fisher"
            {
                hints.push("pass `--method asymptotic` for samples this large".to_owned());
            }
        } else if let Some(scan) = cause.downcast_ref::<promptctl::scan::Error>() {
            code.get_or_insert(USAGE);
            if let promptctl::scan::Error::Policy(policy::Error::Read { .. }) = scan {
                code = Some(IO);
            }
            hints.push(
                "fix the setting; docs/scanning.md and docs/policies.md describe the format"
                    .to_owned(),
            );
        } else if let Some(baseline) = cause.downcast_ref::<suppress::Error>() {
            code.get_or_insert(match baseline {
                suppress::Error::ReadBaseline { .. } => IO,
                suppress::Error::InvalidBaseline { .. } => INVALID_INPUT,
                suppress::Error::Pattern { .. } => USAGE,
            });
            if let suppress::Error::ReadBaseline { path, .. } = baseline {
                hints.push(format!(
                    "create it with `promptctl scan --update-baseline --baseline {}`",
                    path.display()
                ));
            }
        } else if let Some(files) = cause.downcast_ref::<promptctl::scan::files::Error>() {
            code.get_or_insert(match files {
                promptctl::scan::files::Error::NotFound { .. } => USAGE,
                promptctl::scan::files::Error::Walk { .. } => IO,
            });
        } else if let Some(git) = cause.downcast_ref::<scan_source::Error>() {
            code.get_or_insert(GIT);
            hints.extend(git.hint());
        } else if let Some(approval) = cause.downcast_ref::<promptctl::approval::Error>() {
            use promptctl::approval::Error as A;
            code.get_or_insert(match approval {
                A::Store(store) => store_code(store),
                A::InvalidRecord(_) => INVALID_INPUT,
                A::NotProtected { .. } => USAGE,
            });
            hints.extend(approval.hint());
        } else if let Some(store) = cause.downcast_ref::<promptctl::store::Error>() {
            code.get_or_insert(store_code(store));
            hints.extend(store.hint());
        } else if let Some(github) = cause.downcast_ref::<promptctl::github::Error>() {
            // GitHub is a remote service like a provider: unreachable or refusing is exit 5.
            code.get_or_insert(PROVIDER);
            hints.extend(github.hint());
        } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            code.get_or_insert(IO);
            if io.kind() == std::io::ErrorKind::StorageFull {
                hints
                    .push("the disk is full: free some space and run the command again".to_owned());
            }
        }
    }
    (code.unwrap_or(USAGE), hints)
}

fn lint_hint(error: &promptctl::lint::Error) -> Option<String> {
    use promptctl::lint::Error as E;
    match error {
        E::UnknownRule { suggestions, .. } if !suggestions.is_empty() => Some(format!(
            "did you mean {}?",
            promptctl::lint::quoted_list(suggestions)
        )),
        E::UnknownRule { .. } => Some("`promptctl lint --list-rules` lists the rules".to_owned()),
        E::InvalidRuleSeverity { .. } | E::InvalidFailOn { .. } => None,
    }
}

fn scaffold_outcome(error: &promptctl::scaffold::Error) -> (u8, Option<String>) {
    use promptctl::scaffold::Error as E;
    match error {
        E::InvalidName { .. } => (
            USAGE,
            Some("names look like `support/reply` or `support/reply.formal`".to_owned()),
        ),
        E::Exists { .. } => (
            USAGE,
            Some("choose another name, or edit the existing file".to_owned()),
        ),
        E::SourceNotFound { .. } => (
            INVALID_INPUT,
            Some("`promptctl list` shows the prompts there are".to_owned()),
        ),
        E::SourceInvalid { .. } => (
            INVALID_INPUT,
            Some("`promptctl lint` lists what is wrong with it".to_owned()),
        ),
        E::PathEscape(_) => (INVALID_INPUT, None),
        E::Read { .. } | E::Io { .. } => (IO, None),
    }
}
/// Exit code and hint for a provider error.
fn provider_code(error: &ProviderError) -> (u8, Option<String>) {
    match error {
        ProviderError::InvalidModel { .. } | ProviderError::Config { .. } => (USAGE, None),
        ProviderError::NoModel => (
            USAGE,
            Some("add `model: provider/model` to the prompt, pass `--model`, or set `defaults.model` in promptctl.yaml".to_owned()),
        ),
        ProviderError::UnknownProvider { .. } => (
            USAGE,
            Some("`promptctl providers list` shows the providers; add others under `providers:` in promptctl.yaml".to_owned()),
        ),
        ProviderError::MissingCredential { .. } => (
            USAGE,
            Some("`promptctl providers list` shows where each provider's key is looked for".to_owned()),
        ),
        ProviderError::InvalidParam { .. } => (INVALID_INPUT, None),
        ProviderError::Media { .. } => (
            INVALID_INPUT,
            Some("docs/file-format.md lists which media each provider takes".to_owned()),
        ),
        ProviderError::ReplayMiss { .. } => (
            INVALID_INPUT,
            Some("the prompt, variables or settings changed since the cassette was recorded: record it again with `--record`".to_owned()),
        ),
        ProviderError::Cache { .. } => (IO, None),
        ProviderError::Client { .. } => (PROVIDER, None),
        ProviderError::Call { failure, .. } => (PROVIDER, failure_hint(failure)),
        // A chain that failed only for setup reasons (no keys, unknown names) is a usage error.
        ProviderError::AllFailed { failures } if !failures.iter().any(ProviderError::is_network) => {
            failures.first().map_or((USAGE, None), provider_code)
        }
        ProviderError::AllFailed { failures } => (
            PROVIDER,
            failures.iter().find_map(|f| match f {
                ProviderError::Call { failure, .. } => failure_hint(failure),
                _ => None,
            }),
        ),
    }
}

fn failure_hint(failure: &Failure) -> Option<String> {
    match failure {
        Failure::Status { status: 401 | 403, .. } => Some(
            "the provider rejected the key: `promptctl providers list` shows where it comes from"
                .to_owned(),
        ),
        Failure::Status { status: 429, .. } => Some(
            "the provider is rate limiting: set `limits:` for it in promptctl.yaml, or add a fallback model".to_owned(),
        ),
        Failure::Connection { .. } => Some(
            "is the server running and the base URL right? `promptctl providers check` tests each provider".to_owned(),
        ),
        Failure::Timeout { .. } => Some(
            "raise `timeouts.read_secs` for the provider in promptctl.yaml".to_owned(),
        ),
        Failure::TooLarge { .. } => Some(
            "cap the output with `max_tokens`, or raise `limits.max_response_bytes` for the provider in promptctl.yaml".to_owned(),
        ),
        _ => None,
    }
}

/// The exit code of a store error.
fn store_code(store: &promptctl::store::Error) -> u8 {
    if store.is_gate_failure() {
        FINDINGS
    } else if store.is_usage() {
        USAGE
    } else if store.is_invalid_input() {
        INVALID_INPUT
    } else if store.is_io() {
        IO
    } else {
        GIT
    }
}
