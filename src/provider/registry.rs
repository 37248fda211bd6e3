//! Which providers exist and how each is reached: built-in names, presets and `promptctl.yaml`.
//!
//! A [`ProviderSpec`] says everything about a provider except its secrets and environment:
//! the wire format, the deployments with the *names* of the variables that hold their base URL
//! and key, timeouts, retries and limits. The CLI reads those variables (and the keyring) and
//! turns a spec into a [`crate::provider::ProviderSetup`]; the core never reads the
//! environment.

use std::time::Duration;

use crate::config::{Config, DeploymentConfig, ProviderConfig};
use crate::provider::compatible::{self, PRESETS};
use crate::provider::limits::Limits;
use crate::provider::openai::{self, ChatDialect};
use crate::provider::{Error, Kind};

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default read timeout (whole response).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(120);

/// Built-in first-party providers: (name, kind, default base URL, key variables).
const FIRST_PARTY: &[(&str, Kind, Option<&str>, &[&str])] = &[
    (
        "openai",
        Kind::Openai,
        Some("https://api.openai.com/v1"),
        &["OPENAI_API_KEY"],
    ),
    (
        "anthropic",
        Kind::Anthropic,
        Some("https://api.anthropic.com/v1"),
        &["ANTHROPIC_API_KEY"],
    ),
    (
        "gemini",
        Kind::Gemini,
        Some("https://generativelanguage.googleapis.com/v1beta"),
        &["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    ),
    ("azure", Kind::Azure, None, &["AZURE_OPENAI_API_KEY"]),
    (
        "bedrock",
        Kind::Bedrock,
        None,
        &["AWS_BEARER_TOKEN_BEDROCK"],
    ),
];

/// How one deployment is reached, before the environment is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentSpec {
    /// The base URL from the config or the built-in default; `None` when it must come from
    /// `base_url_env` (Azure) or the region (Bedrock).
    pub base_url: Option<String>,
    /// The variable that overrides the base URL (`OPENAI_BASE_URL`, `AZURE_OPENAI_ENDPOINT`).
    pub base_url_env: String,
    /// Variables that may hold the key, in order.
    pub key_env: Vec<String>,
    /// Region.
    pub region: Option<String>,
    /// Azure `api-version`.
    pub api_version: Option<String>,
    /// Relative traffic share.
    pub weight: u32,
}

/// Everything about a provider except secrets and environment.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSpec {
    /// The provider's name.
    pub name: String,
    /// The wire format.
    pub kind: Kind,
    /// The Chat Completions dialect (OpenAI-style kinds).
    pub dialect: ChatDialect,
    /// Whether calls need a key.
    pub key_required: bool,
    /// One or more equivalent deployments.
    pub deployments: Vec<DeploymentSpec>,
    /// Models named in the config.
    pub models: Vec<String>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Read timeout.
    pub read_timeout: Duration,
    /// Retries after the first attempt, if configured.
    pub max_retries: Option<u32>,
    /// Client-side limits.
    pub limits: Limits,
    /// Whether `promptctl.yaml` has an entry for it.
    pub configured: bool,
    /// One line on what it is.
    pub description: String,
}

/// `NAME_BASE_URL`-style variable names: uppercase, `-` and `.` become `_`.
pub fn env_name(provider: &str, suffix: &str) -> String {
    let stem: String = provider
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}_{suffix}")
}

/// Every provider name that works without configuration.
pub fn builtin_names() -> Vec<&'static str> {
    FIRST_PARTY
        .iter()
        .map(|(n, ..)| *n)
        .chain(PRESETS.iter().map(|p| p.name))
        .collect()
}

/// Every provider: the configured ones and the built-in ones, sorted by name.
pub fn all(config: &Config) -> Vec<ProviderSpec> {
    let mut names: Vec<String> = config.providers.keys().cloned().collect();
    for name in builtin_names() {
        if !config.providers.contains_key(name) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    names.iter().filter_map(|n| spec(n, config).ok()).collect()
}

/// The spec of one provider by name.
pub fn spec(name: &str, config: &Config) -> Result<ProviderSpec, Error> {
    let configured = config.providers.get(name);
    let default = ProviderConfig::default();
    let cfg = configured.unwrap_or(&default);
    let misconfigured = |message: String| Error::Config {
        provider: name.to_owned(),
        message,
    };
    let preset_name = cfg
        .preset
        .as_deref()
        .or_else(|| compatible::preset(name).map(|p| p.name));
    let preset = match preset_name {
        Some(p) => Some(compatible::preset(p).ok_or_else(|| {
            misconfigured(format!(
                "unknown preset `{p}` (known: {})",
                PRESETS
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?),
        None => None,
    };
    let first_party = FIRST_PARTY.iter().find(|(n, ..)| *n == name);
    let kind = match &cfg.kind {
        Some(k) => Kind::parse(k).ok_or_else(|| {
            misconfigured(format!(
                "unknown kind `{k}` (known: {})",
                Kind::ALL.map(Kind::as_str).join(", ")
            ))
        })?,
        None if preset.is_some() => Kind::Compatible,
        None => match first_party {
            Some((_, kind, ..)) => *kind,
            None if configured.is_some() => Kind::Compatible,
            None => {
                return Err(Error::UnknownProvider {
                    provider: name.to_owned(),
                    known: builtin_names()
                        .into_iter()
                        .map(str::to_owned)
                        .chain(config.providers.keys().cloned())
                        .collect(),
                });
            }
        },
    };
    let default_base = match (preset, first_party) {
        (Some(p), _) => Some(p.base_url.to_owned()),
        (None, Some((_, k, base, _))) if *k == kind => base.map(str::to_owned),
        _ if kind == Kind::Openai || kind == Kind::OpenaiResponses => {
            Some("https://api.openai.com/v1".to_owned())
        }
        _ => None,
    };
    let default_keys: Vec<String> = match first_party {
        Some((_, _, _, vars)) => vars.iter().map(|v| (*v).to_owned()).collect(),
        None => vec![env_name(name, "API_KEY")],
    };
    let base_url_env = if kind == Kind::Azure && name == "azure" {
        "AZURE_OPENAI_ENDPOINT".to_owned()
    } else {
        env_name(name, "BASE_URL")
    };
    let deployment = |d: &DeploymentConfig| DeploymentSpec {
        base_url: d
            .base_url
            .clone()
            .or_else(|| cfg.base_url.clone())
            .or_else(|| default_base.clone())
            .map(|u| u.trim_end_matches('/').to_owned()),
        base_url_env: base_url_env.clone(),
        key_env: d
            .api_key_env
            .clone()
            .or_else(|| cfg.api_key_env.clone())
            .map_or_else(|| default_keys.clone(), |v| vec![v]),
        region: d.region.clone().or_else(|| cfg.region.clone()),
        api_version: d.api_version.clone().or_else(|| cfg.api_version.clone()),
        weight: d.weight.unwrap_or(1).max(1),
    };
    let deployments = if cfg.deployments.is_empty() {
        vec![deployment(&DeploymentConfig::default())]
    } else {
        cfg.deployments.iter().map(deployment).collect()
    };
    let secs = |s: Option<f64>, default: Duration| {
        s.filter(|s| s.is_finite() && *s > 0.0)
            .map_or(default, Duration::from_secs_f64)
    };
    Ok(ProviderSpec {
        name: name.to_owned(),
        kind,
        dialect: match (kind, preset) {
            (_, Some(p)) => p.dialect,
            (Kind::Compatible, None) => compatible::GENERIC,
            _ => openai::OPENAI,
        },
        key_required: preset.map_or(kind != Kind::Compatible, |p| p.key_required),
        deployments,
        models: cfg.models.clone(),
        headers: cfg
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        connect_timeout: secs(cfg.timeouts.connect_secs, DEFAULT_CONNECT_TIMEOUT),
        read_timeout: secs(cfg.timeouts.read_secs, DEFAULT_READ_TIMEOUT),
        max_retries: cfg.max_retries,
        limits: Limits {
            max_concurrency: cfg.limits.max_concurrency,
            requests_per_minute: cfg.limits.requests_per_minute,
            tokens_per_minute: cfg.limits.tokens_per_minute,
            max_response_bytes: cfg.limits.max_response_bytes,
        },
        configured: configured.is_some(),
        description: preset.map_or_else(
            || kind_description(kind).to_owned(),
            |p| p.description.to_owned(),
        ),
    })
}

fn kind_description(kind: Kind) -> &'static str {
    match kind {
        Kind::Openai => "OpenAI Chat Completions",
        Kind::OpenaiResponses => "OpenAI Responses",
        Kind::Anthropic => "Anthropic Messages",
        Kind::Gemini => "Google Gemini",
        Kind::Azure => "Azure OpenAI",
        Kind::Bedrock => "AWS Bedrock Converse",
        Kind::Compatible => "OpenAI-compatible server",
    }
}

/// The base URL a deployment uses when nothing else sets it (Bedrock: from the region).
pub fn fallback_base_url(kind: Kind, region: Option<&str>) -> Option<String> {
    match kind {
        Kind::Bedrock => Some(crate::provider::bedrock::default_base_url(
            region.unwrap_or("us-east-1"),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_need_no_config() {
        let config = Config::default();
        let openai = spec("openai", &config).unwrap();
        assert_eq!(openai.kind, Kind::Openai);
        assert_eq!(
            openai.deployments[0].base_url.as_deref(),
            Some("https://api.openai.com/v1")
        );
        assert_eq!(openai.deployments[0].base_url_env, "OPENAI_BASE_URL");
        assert_eq!(openai.deployments[0].key_env, ["OPENAI_API_KEY"]);
        let ollama = spec("ollama", &config).unwrap();
        assert_eq!(ollama.kind, Kind::Compatible);
        assert!(!ollama.key_required);
        let azure = spec("azure", &config).unwrap();
        assert_eq!(azure.deployments[0].base_url, None);
        assert_eq!(azure.deployments[0].base_url_env, "AZURE_OPENAI_ENDPOINT");
        assert!(builtin_names().len() >= 15);
        assert!(matches!(
            spec("nope", &config),
            Err(Error::UnknownProvider { .. })
        ));
    }

    #[test]
    fn config_overrides_and_deployments() {
        let config = Config::parse(
            "providers:\n  local:\n    preset: vllm\n    base_url: http://box:8000/v1/\n    limits: {max_concurrency: 2}\n  pool:\n    kind: azure\n    api_version: 2024-10-21\n    deployments:\n      - {base_url: 'https://a.openai.azure.com', weight: 3, region: eastus}\n      - {base_url: 'https://b.openai.azure.com', api_key_env: B_KEY}\n",
        )
        .unwrap();
        let local = spec("local", &config).unwrap();
        assert_eq!(local.kind, Kind::Compatible);
        assert_eq!(
            local.deployments[0].base_url.as_deref(),
            Some("http://box:8000/v1")
        );
        assert_eq!(local.deployments[0].key_env, ["LOCAL_API_KEY"]);
        assert_eq!(local.limits.max_concurrency, Some(2));
        assert!(local.dialect.top_k);
        let pool = spec("pool", &config).unwrap();
        assert_eq!(pool.kind, Kind::Azure);
        assert_eq!(pool.deployments.len(), 2);
        assert_eq!(pool.deployments[0].weight, 3);
        assert_eq!(
            pool.deployments[0].api_version.as_deref(),
            Some("2024-10-21")
        );
        assert_eq!(pool.deployments[1].key_env, ["B_KEY"]);
        assert_eq!(pool.deployments[1].region, None);
    }

    #[test]
    fn bad_kind_and_preset_are_config_errors() {
        let config =
            Config::parse("providers:\n  x: {kind: telepathy}\n  y: {preset: nope}\n").unwrap();
        assert!(
            spec("x", &config)
                .unwrap_err()
                .to_string()
                .contains("unknown kind `telepathy`")
        );
        assert!(
            spec("y", &config)
                .unwrap_err()
                .to_string()
                .contains("unknown preset `nope`")
        );
    }

    #[test]
    fn env_names() {
        assert_eq!(
            env_name("my-local.box", "BASE_URL"),
            "MY_LOCAL_BOX_BASE_URL"
        );
    }
}
