//! `promptctl auth set|get|rm|list`: provider keys in the OS keyring.

use std::io::{BufRead as _, IsTerminal as _};

use promptctl::provider::{Secret, registry};

use crate::cli::context::CommandContext;
use crate::cli::credentials::{Keyring, NoKeyring};
use crate::cli::env_vars;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output::providers::{AuthRow, print_auth};

/// `auth` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AuthCommand {
    /// Store a provider's API key in the keyring (asked for with hidden input, or read from
    /// stdin when it is not a terminal)
    ///
    /// Examples:
    ///   promptctl auth set anthropic
    ///   printf '%s' "$KEY" | promptctl auth set openai
    #[command(verbatim_doc_comment)]
    Set {
        /// The provider (`openai`, `anthropic`, a configured name, ...)
        provider: String,
    },
    /// Say whether a key is stored for a provider (its length and fingerprint, never the key)
    Get {
        /// The provider
        provider: String,
    },
    /// Remove a provider's key from the keyring
    Rm {
        /// The provider
        provider: String,
    },
    /// List which providers have a key in the keyring
    List,
}

pub(crate) fn run(ctx: &CommandContext, command: &AuthCommand) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let keyring = Keyring::new();
    let check = |name: &str| registry::spec(name, &project.config).map(|_| ());
    match command {
        AuthCommand::Set { provider } => {
            check(provider)?;
            let key = read_key(provider)?;
            keyring.set(provider, &key).map_err(no_keyring)?;
            ctx.printer().status(&format!(
                "stored the key for `{provider}` in the keyring (fingerprint {})",
                key.fingerprint()
            ));
        }
        AuthCommand::Get { provider } => {
            check(provider)?;
            let row = row(&keyring, provider, &project.config)?;
            let found = row.keyring;
            print_auth(ctx.printer(), &[row])?;
            if !found {
                return Ok(ExitStatus::Failure);
            }
        }
        AuthCommand::Rm { provider } => {
            check(provider)?;
            if keyring.delete(provider).map_err(no_keyring)? {
                ctx.printer().status(&format!(
                    "removed the key for `{provider}` from the keyring"
                ));
            } else {
                ctx.printer()
                    .status(&format!("no key for `{provider}` in the keyring"));
            }
        }
        AuthCommand::List => {
            let mut rows = Vec::new();
            for spec in registry::all(&project.config) {
                rows.push(row(&keyring, &spec.name, &project.config)?);
            }
            print_auth(ctx.printer(), &rows)?;
        }
    }
    Ok(ExitStatus::Success)
}

fn row(
    keyring: &Keyring,
    provider: &str,
    config: &promptctl::config::Config,
) -> anyhow::Result<AuthRow> {
    let key = keyring.get(provider).map_err(no_keyring)?;
    let env_override = registry::spec(provider, config).ok().and_then(|spec| {
        spec.deployments.first().and_then(|d| {
            d.key_env
                .iter()
                .find(|v| env_vars::get(v).is_some())
                .cloned()
        })
    });
    Ok(AuthRow {
        provider: provider.to_owned(),
        keyring: key.is_some(),
        characters: key.as_ref().map(Secret::len),
        fingerprint: key.as_ref().map(Secret::fingerprint),
        env_override,
    })
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(no_keyring)`
fn no_keyring(error: NoKeyring) -> anyhow::Error {
    CliError::usage(
        error.to_string(),
        Some(
            "set the provider's environment variable instead (e.g. OPENAI_API_KEY); on Linux the \
             keyring needs a session keyring (run inside `keyctl session -`)"
                .to_owned(),
        ),
    )
    .into()
}

/// Reads a key without echoing it: a hidden prompt on a terminal, else one line of stdin.
fn read_key(provider: &str) -> anyhow::Result<Secret> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("API key for {provider} (input is hidden): "))?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line
    };
    let key = text.trim();
    if key.is_empty() {
        return Err(CliError::usage("no key given; nothing was stored", None).into());
    }
    Ok(Secret::new(key))
}
