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

#![allow(dead_code)] // FIXME(lead): drop once every command is merged

use std::process::ExitCode;

use promptctl::prompt::render::RenderError;

use crate::cli::context::CommandContext;

/// How a command that did its job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Nothing to report at or above the threshold.
    Success,
    /// Findings at or above the threshold.
    Failure,
}

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
            let causes: Vec<String> = error.chain().skip(1).map(ToString::to_string).collect();
            ctx.printer().error(
                &error.to_string(),
                &dedupe_causes(&error.to_string(), causes),
                &hints,
            );
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

/// Picks the exit code and hints for an error by looking at every link of its chain.
pub(crate) fn classify(error: &anyhow::Error) -> (u8, Vec<String>) {
    let mut hints = Vec::new();
    let mut code = None;
    for cause in error.chain() {
        if let Some(cli) = cause.downcast_ref::<CliError>() {
            code.get_or_insert(cli.code);
            hints.extend(cli.hint.clone());
        } else if let Some(project) = cause.downcast_ref::<promptctl::project::Error>() {
            code.get_or_insert(USAGE);
            if matches!(project, promptctl::project::Error::NotFound { .. }) {
                hints.push(
                    "run `promptctl init` to start a project here, or pass `-C <dir>`".to_owned(),
                );
            }
        } else if let Some(render) = cause.downcast_ref::<RenderError>() {
            code.get_or_insert(if render.is_io() { IO } else { INVALID_INPUT });
            hints.extend(render.hint());
        } else if let Some(stats) = cause.downcast_ref::<promptctl::stats::Error>() {
            code.get_or_insert(INVALID_INPUT);
            if let promptctl::stats::Error::ExactTooLarge { test, .. } = stats {
                hints.push(if *test == "Fisher" {
                    "use `promptctl stats test chi2` for tables this large".to_owned()
                } else {
                    "pass `--method asymptotic` for samples this large".to_owned()
                });
            }
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
