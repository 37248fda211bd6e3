//! Sending the notifications a command's outcome calls for, from the CLI's side.
//!
//! Commands call [`emit`] once, at their end, with the event they caused. It resolves the
//! destinations that asked for that event (URLs and secrets from environment variables or the
//! keyring), delivers to each, and turns failures into warnings: a Slack outage must not fail a
//! release that is already committed. `--notify-strict` (or `notify.strict: true`) makes an
//! undelivered notification an error (exit 5) instead, for pipelines that must not release
//! silently.

use std::time::Duration;

use promptctl::config::{NotifyConfig, NotifyDestination};
use promptctl::notify::payload::Origin;
use promptctl::notify::{self, Delivered, DeliveryError, DestinationKind, Event, Target};
use promptctl::provider::Secret;
use promptctl::provider::retry::{Jitter, RetryPolicy};

use crate::cli::context::CommandContext;
use crate::cli::credentials::Keyring;
use crate::cli::env_vars;
use crate::cli::error::{CliError, PROVIDER, USAGE};

/// The timeout of one attempt when `timeout_secs` is unset.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Notifies every destination that asked for `event`'s kind. Failures are warnings, unless
/// notifications are strict: then the first is an error with exit code 5.
pub(crate) fn emit(ctx: &CommandContext, event: &Event) -> anyhow::Result<()> {
    let project = ctx.project()?;
    let config = &project.config.notify;
    let names: Vec<&String> = config
        .destinations
        .iter()
        .filter(|(_, destination)| destination.events.contains(&event.kind))
        .map(|(name, _)| name)
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let strict = ctx.notify_strict() || config.strict;
    let results = send(ctx, config, &names, event)?;
    let mut first_failure = None;
    for result in results {
        match result {
            Ok(delivered) => {
                if ctx.printer().verbose(1) {
                    ctx.printer().status(&delivered_line(event, &delivered));
                }
            }
            Err(error) => {
                if strict {
                    first_failure.get_or_insert(error);
                } else {
                    ctx.printer().warn(&format!(
                        "{} notification not sent: {error}",
                        event.kind.name()
                    ));
                }
            }
        }
    }
    match first_failure {
        Some(error) => Err(CliError {
            message: format!("{} notification not sent: {error}", event.kind.name()),
            code: exit_code(&error),
            hint: Some(
                "the command itself completed; without `--notify-strict` (and `notify.strict`) an undelivered notification is a warning"
                    .to_owned(),
            ),
        }
        .into()),
        None => Ok(()),
    }
}

/// Exit 2 for a destination set up wrong (nothing was sent), 5 for one that did not accept.
pub(crate) fn exit_code(error: &DeliveryError) -> u8 {
    if error.before_sending() {
        USAGE
    } else {
        PROVIDER
    }
}

/// `Notified `slack` (hooks.slack.com) of release: HTTP 200 after 2 attempts`.
pub(crate) fn delivered_line(event: &Event, delivered: &Delivered) -> String {
    let tries = if delivered.attempts == 1 {
        String::new()
    } else {
        format!(" after {} attempts", delivered.attempts)
    };
    format!(
        "Notified `{}` ({}) of {}: HTTP {}{tries}",
        delivered.destination,
        delivered.host,
        event.kind.name(),
        delivered.status
    )
}

/// Delivers `event` to the named destinations at once; one result per destination, in order.
/// A destination whose credentials are missing fails without a request.
pub(crate) fn send(
    ctx: &CommandContext,
    config: &NotifyConfig,
    names: &[&String],
    event: &Event,
) -> anyhow::Result<Vec<Result<Delivered, DeliveryError>>> {
    let project = ctx.project()?;
    let keyring = Keyring::new();
    let targets: Vec<Result<Target, DeliveryError>> = names
        .iter()
        .map(|name| target(name, &config.destinations[name.as_str()], &keyring))
        .collect();
    let origin = Origin {
        project: project.root.file_name().map_or_else(
            || "project".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        ),
        occurred_at: env_vars::timestamp()
            .unwrap_or_else(|| promptctl::store::history::format_rfc3339(env_vars::unix_seconds())),
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .connect_timeout(DEFAULT_TIMEOUT)
        .user_agent(concat!("promptctl/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            anyhow::anyhow!("cannot set up HTTP for notifications: {}", e.without_url())
        })?;
    let timestamp = env_vars::unix_seconds();
    let seed = env_vars::seed().unwrap_or_else(|| timestamp.unsigned_abs());
    let runtime = ctx.runtime()?;
    Ok(runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for (index, target) in targets.into_iter().enumerate() {
            let client = client.clone();
            let event = event.clone();
            let origin = origin.clone();
            tasks.spawn(async move {
                let result = match target {
                    Ok(target) => {
                        let mut jitter = Jitter::new(seed.wrapping_add(index as u64));
                        notify::deliver(&client, &target, &event, &origin, timestamp, &mut jitter)
                            .await
                    }
                    Err(error) => Err(error),
                };
                (index, result)
            });
        }
        let mut results: Vec<(usize, Result<Delivered, DeliveryError>)> = tasks.join_all().await;
        results.sort_by_key(|(index, _)| *index);
        results.into_iter().map(|(_, result)| result).collect()
    }))
}

/// A destination with its URL and secret read from the environment or the keyring.
fn target(
    name: &str,
    destination: &NotifyDestination,
    keyring: &Keyring,
) -> Result<Target, DeliveryError> {
    let fail = |reason: String| DeliveryError {
        destination: name.to_owned(),
        host: "no URL".to_owned(),
        reason,
        attempts: 0,
    };
    let url = credential(&destination.url_env, keyring).ok_or_else(|| {
        fail(format!(
            "`{}` is not set (it holds the webhook URL; `notify.destinations.{name}.url_env`)",
            destination.url_env
        ))
    })?;
    let secret = match (&destination.secret_env, destination.kind) {
        (Some(var), _) => Some(credential(var, keyring).ok_or_else(|| {
            fail(format!(
                "`{var}` is not set (it holds the signing secret; `notify.destinations.{name}.secret_env`)"
            ))
        })?),
        (None, DestinationKind::Webhook) => {
            return Err(fail(format!(
                "a webhook is always signed: set `notify.destinations.{name}.secret_env` to the variable holding the secret"
            )));
        }
        (None, _) => None,
    };
    let timeout = match destination.timeout_secs {
        None => DEFAULT_TIMEOUT,
        Some(secs) if secs.is_finite() && secs > 0.0 && secs <= 3600.0 => {
            Duration::from_secs_f64(secs)
        }
        Some(secs) => {
            return Err(fail(format!(
                "`notify.destinations.{name}.timeout_secs` is {secs}: give a number of seconds above 0 and at most 3600"
            )));
        }
    };
    let mut retry = RetryPolicy::default();
    if let Some(n) = destination.max_retries {
        retry.max_retries = n;
    }
    // Never wait longer than a minute because a receiver asked to.
    retry.max_retry_after = Duration::from_secs(60);
    if let Some(ms) = env_vars::retry_base_ms() {
        retry = retry.with_base(Duration::from_millis(ms.max(1)));
    }
    Ok(Target {
        name: name.to_owned(),
        kind: destination.kind,
        url,
        secret,
        timeout,
        retry,
    })
}

/// A credential from its environment variable, else from the keyring entry of that name.
fn credential(var: &str, keyring: &Keyring) -> Option<Secret> {
    if let Some(value) = env_vars::get(var) {
        return Some(Secret::new(value.trim()));
    }
    if env_vars::keyring_disabled() {
        return None;
    }
    keyring.get(var).ok().flatten()
}

/// A usage error for a destination name that is not configured.
pub(crate) fn unknown_destination(name: &str, config: &NotifyConfig) -> CliError {
    let known: Vec<String> = config
        .destinations
        .keys()
        .map(|k| format!("`{k}`"))
        .collect();
    CliError {
        message: format!("no notification destination `{name}` in promptctl.yaml"),
        code: USAGE,
        hint: Some(if known.is_empty() {
            "add one under `notify.destinations` (see docs/notifications.md)".to_owned()
        } else {
            format!("configured: {}", known.join(", "))
        }),
    }
}
