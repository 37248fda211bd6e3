//! Credentials for providers: environment variables first, then the OS keyring.
//!
//! The core names the variables a provider's key may live in ([`ProviderSpec`]); this module
//! reads them, falls back to the keyring entry `promptctl/<provider>`, and for Bedrock follows
//! the usual AWS chain (bearer token, access-key variables, the shared credentials file). It
//! returns [`Secret`]s and a [`Source`] that says where each came from, so `providers list`
//! can show the source and never the key.
//!
//! On Linux the keyring is the kernel keyutils store (it works on headless machines inside a
//! session keyring). Where no keyring can be used, lookups say so once and the environment is
//! the only source.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use promptctl::provider::gateway::{Deployment, Unavailable};
use promptctl::provider::registry::{self, ProviderSpec};
use promptctl::provider::retry::RetryPolicy;
use promptctl::provider::{Credential, Endpoint, Kind, ProviderSetup, Secret};

use crate::cli::env_vars;

/// The keyring service name entries are stored under.
const SERVICE: &str = "promptctl";

/// Where a credential came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// An environment variable.
    Env(String),
    /// The OS keyring.
    Keyring,
    /// The AWS access-key variables.
    AwsEnv,
    /// A profile of the AWS shared credentials file.
    AwsProfile(String),
    /// The provider needs no key.
    NotNeeded,
    /// Nothing found.
    Missing(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env(var) => write!(f, "env {var}"),
            Source::Keyring => f.write_str("keyring"),
            Source::AwsEnv => f.write_str("env AWS_ACCESS_KEY_ID"),
            Source::AwsProfile(p) => write!(f, "aws profile {p}"),
            Source::NotNeeded => f.write_str("none needed"),
            Source::Missing(vars) => write!(f, "missing ({vars})"),
        }
    }
}

/// Why the keyring cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("no OS keyring is available here: {reason}")]
pub(crate) struct NoKeyring {
    pub(crate) reason: String,
}

/// The OS keyring, opened on first use.
pub(crate) struct Keyring {
    store: OnceLock<Result<Arc<keyring_core::CredentialStore>, String>>,
}

impl Keyring {
    pub(crate) fn new() -> Keyring {
        Keyring {
            store: OnceLock::new(),
        }
    }

    fn store(&self) -> Result<&Arc<keyring_core::CredentialStore>, NoKeyring> {
        self.store
            .get_or_init(open_store)
            .as_ref()
            .map_err(|reason| NoKeyring {
                reason: reason.clone(),
            })
    }

    fn entry(&self, provider: &str) -> Result<keyring_core::Entry, NoKeyring> {
        let store = self.store()?;
        keyring_core::Entry::new_in_store(store, SERVICE, provider).map_err(|e| NoKeyring {
            reason: describe(&e),
        })
    }

    /// The stored key for a provider; `Ok(None)` when there is none.
    pub(crate) fn get(&self, provider: &str) -> Result<Option<Secret>, NoKeyring> {
        match self.entry(provider)?.get_password() {
            Ok(key) => Ok(Some(Secret::new(key))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(NoKeyring {
                reason: describe(&e),
            }),
        }
    }

    /// Stores a key.
    pub(crate) fn set(&self, provider: &str, key: &Secret) -> Result<(), NoKeyring> {
        self.entry(provider)?
            .set_password(key.expose())
            .map_err(|e| NoKeyring {
                reason: describe(&e),
            })
    }

    /// Deletes a key; `Ok(false)` when there was none.
    pub(crate) fn delete(&self, provider: &str) -> Result<bool, NoKeyring> {
        match self.entry(provider)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(NoKeyring {
                reason: describe(&e),
            }),
        }
    }
}

/// Describes a keyring error without any secret bytes it may carry.
fn describe(error: &keyring_core::Error) -> String {
    match error {
        keyring_core::Error::BadEncoding(_) | keyring_core::Error::BadDataFormat(..) => {
            "the stored entry is not valid text".to_owned()
        }
        keyring_core::Error::Ambiguous(_) => "several entries match".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(target_os = "linux")]
fn open_store() -> Result<Arc<keyring_core::CredentialStore>, String> {
    if env_vars::keyring_disabled() {
        return Err("disabled by PROMPTCTL_KEYRING=off".to_owned());
    }
    linux_keyutils_keyring_store::Store::new()
        .map(|s| s as Arc<keyring_core::CredentialStore>)
        .map_err(|e| {
            format!(
                "the kernel keyutils store cannot be opened ({})",
                describe(&e)
            )
        })
}

#[cfg(not(target_os = "linux"))]
fn open_store() -> Result<Arc<keyring_core::CredentialStore>, String> {
    Err("this build has a keyring store for Linux only".to_owned())
}

/// The retry policy from the spec and `PROMPTCTL_RETRY_BASE_MS`.
pub(crate) fn retry_policy(spec: &ProviderSpec) -> RetryPolicy {
    let mut policy = RetryPolicy::default();
    if let Some(n) = spec.max_retries {
        policy.max_retries = n;
    }
    if let Some(ms) = env_vars::retry_base_ms() {
        policy = policy.with_base(Duration::from_millis(ms.max(1)));
    }
    policy
}

/// A provider set up for the gateway, with where each deployment's credential came from.
pub(crate) struct Resolved {
    pub(crate) setup: ProviderSetup,
    pub(crate) sources: Vec<Source>,
}

/// Resolves a spec's base URLs and credentials from the environment and the keyring.
pub(crate) fn resolve(spec: &ProviderSpec, keyring: &Keyring) -> Resolved {
    let mut deployments = Vec::new();
    let mut sources = Vec::new();
    let mut unavailable = None;
    for dep in &spec.deployments {
        let region = dep.region.clone().or_else(|| {
            (spec.kind == Kind::Bedrock)
                .then(|| {
                    env_vars::get("AWS_REGION").or_else(|| env_vars::get("AWS_DEFAULT_REGION"))
                })
                .flatten()
        });
        let base_url = env_vars::get(&dep.base_url_env)
            .map(|u| u.trim_end_matches('/').to_owned())
            .or_else(|| dep.base_url.clone())
            .or_else(|| registry::fallback_base_url(spec.kind, region.as_deref()));
        let (credential, source) = if spec.kind == Kind::Bedrock {
            aws_credential(spec, &dep.key_env, keyring)
        } else {
            api_key(spec, &dep.key_env, keyring)
        };
        let missing_key = match &source {
            Source::Missing(vars) => Some(Unavailable::MissingCredential {
                variable: vars.clone(),
            }),
            _ => None,
        };
        sources.push(source);
        let Some(base_url) = base_url else {
            unavailable.get_or_insert(Unavailable::MissingBaseUrl {
                variable: dep.base_url_env.clone(),
            });
            continue;
        };
        if let Some(missing) = missing_key {
            unavailable.get_or_insert(missing);
        }
        deployments.push(Deployment {
            endpoint: Endpoint {
                provider: spec.name.clone(),
                kind: spec.kind,
                base_url,
                credential,
                region,
                api_version: dep.api_version.clone(),
                headers: spec.headers.clone(),
            },
            weight: dep.weight,
        });
    }
    Resolved {
        setup: ProviderSetup {
            name: spec.name.clone(),
            kind: spec.kind,
            dialect: spec.dialect,
            deployments,
            connect_timeout: spec.connect_timeout,
            read_timeout: spec.read_timeout,
            retry: retry_policy(spec),
            limits: spec.limits,
            unavailable,
        },
        sources,
    }
}

fn api_key(spec: &ProviderSpec, vars: &[String], keyring: &Keyring) -> (Credential, Source) {
    for var in vars {
        if let Some(key) = env_vars::get(var) {
            return (
                Credential::ApiKey(Secret::new(key)),
                Source::Env(var.clone()),
            );
        }
    }
    if let Ok(Some(key)) = keyring.get(&spec.name) {
        return (Credential::ApiKey(key), Source::Keyring);
    }
    if spec.key_required {
        (Credential::None, Source::Missing(vars.join(" or ")))
    } else {
        (Credential::None, Source::NotNeeded)
    }
}

/// The AWS chain: bearer token, access-key variables, shared credentials file, keyring.
fn aws_credential(spec: &ProviderSpec, vars: &[String], keyring: &Keyring) -> (Credential, Source) {
    for var in vars {
        if let Some(token) = env_vars::get(var) {
            return (
                Credential::ApiKey(Secret::new(token)),
                Source::Env(var.clone()),
            );
        }
    }
    if let (Some(id), Some(secret)) = (
        env_vars::get("AWS_ACCESS_KEY_ID"),
        env_vars::get("AWS_SECRET_ACCESS_KEY"),
    ) {
        return (
            Credential::Aws {
                access_key_id: id,
                secret_access_key: Secret::new(secret),
                session_token: env_vars::get("AWS_SESSION_TOKEN").map(Secret::new),
            },
            Source::AwsEnv,
        );
    }
    let profile = env_vars::get("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let file = env_vars::get("AWS_SHARED_CREDENTIALS_FILE")
        .or_else(|| env_vars::home().map(|h| format!("{h}/.aws/credentials")));
    if let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok())
        && let Some(credential) = profile_credential(&text, &profile)
    {
        return (credential, Source::AwsProfile(profile));
    }
    if let Ok(Some(key)) = keyring.get(&spec.name) {
        return (Credential::ApiKey(key), Source::Keyring);
    }
    (
        Credential::None,
        Source::Missing(format!(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or {}",
            vars.join(" or ")
        )),
    )
}

/// Reads one profile of an AWS shared credentials (INI) file.
fn profile_credential(text: &str, profile: &str) -> Option<Credential> {
    let mut in_profile = false;
    let (mut id, mut secret, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_profile = name.trim() == profile;
            continue;
        }
        if !in_profile {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim().to_owned();
            match k.trim() {
                "aws_access_key_id" => id = Some(v),
                "aws_secret_access_key" => secret = Some(Secret::new(v)),
                "aws_session_token" => token = Some(Secret::new(v)),
                _ => {}
            }
        }
    }
    Some(Credential::Aws {
        access_key_id: id?,
        secret_access_key: secret?,
        session_token: token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_profile_from_the_shared_file() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = S\n[work]\naws_access_key_id=W\naws_secret_access_key=WS\naws_session_token=T\n";
        let Some(Credential::Aws {
            access_key_id,
            session_token,
            ..
        }) = profile_credential(text, "work")
        else {
            panic!("expected AWS credentials");
        };
        assert_eq!(access_key_id, "W");
        assert!(session_token.is_some());
        assert!(profile_credential(text, "missing").is_none());
    }

    #[test]
    fn sources_never_show_keys() {
        assert_eq!(
            Source::Env("OPENAI_API_KEY".into()).to_string(),
            "env OPENAI_API_KEY"
        );
        assert_eq!(
            Source::Missing("X_API_KEY".into()).to_string(),
            "missing (X_API_KEY)"
        );
    }
}
