//! The provider gateway: one interface over many LLM providers.
//!
//! This module owns the normalized request and response ([`ChatRequest`], [`ChatResponse`]),
//! the typed [`Error`], and the shape every wire format follows. Each wire format lives in its
//! own file and is split in two pure functions, `build_request` (a [`ChatRequest`] and an
//! [`Endpoint`] to an [`HttpRequest`]) and `parse_response` (an [`HttpResponse`] to a
//! [`ChatResponse`] or a [`Failure`]), so request and response shapes are unit-tested against
//! the providers' published examples. Sending is the only network code and lives in
//! [`gateway`], together with retries, limits, failover, load balancing and the cache.
//!
//! **Architecture Invariant:** no API key appears in an [`Error`], a [`ChatResponse`] or a
//! log line. Credentials arrive as [`Secret`]s from the caller (the CLI resolves them from the
//! environment or the OS keyring); this module never reads the environment.

pub mod anthropic;
pub mod azure;
pub mod batch;
pub mod bedrock;
pub mod cache;
pub mod compatible;
pub mod gateway;
pub mod gemini;
pub mod limits;
pub mod openai;
pub mod pricing;
pub mod registry;
pub mod retry;
pub mod routing;
pub mod secret;
pub mod sigv4;
pub mod stream;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::prompt::Message;
use crate::prompt::front_matter::OutputSpec;
use crate::prompt::message::{Media, Part};

pub use gateway::{Clock, Gateway, GatewayOptions, ProviderSetup};
pub use secret::Secret;

/// Which wire format a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// OpenAI Chat Completions (`/chat/completions`).
    Openai,
    /// OpenAI Responses (`/responses`).
    OpenaiResponses,
    /// Anthropic Messages (`/v1/messages`).
    Anthropic,
    /// Google Gemini `generateContent`.
    Gemini,
    /// Azure OpenAI: chat completions on deployment URLs or the v1 path.
    Azure,
    /// AWS Bedrock Converse, signed with SigV4.
    Bedrock,
    /// Any OpenAI-compatible server (Ollama, vLLM, Groq, ...): chat completions at a base URL.
    Compatible,
}

impl Kind {
    /// Every kind, for listings and help.
    pub const ALL: [Kind; 7] = [
        Kind::Openai,
        Kind::OpenaiResponses,
        Kind::Anthropic,
        Kind::Gemini,
        Kind::Azure,
        Kind::Bedrock,
        Kind::Compatible,
    ];

    /// The name used in `promptctl.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Openai => "openai",
            Kind::OpenaiResponses => "openai-responses",
            Kind::Anthropic => "anthropic",
            Kind::Gemini => "gemini",
            Kind::Azure => "azure",
            Kind::Bedrock => "bedrock",
            Kind::Compatible => "compatible",
        }
    }

    /// Parses the name used in `promptctl.yaml`.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One model at one provider: `provider/model`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Target {
    /// The provider's name (a configured name or a built-in one such as `openai`).
    pub provider: String,
    /// The model id as the provider knows it (for Azure, the deployment name).
    pub model: String,
}

impl Target {
    /// Parses `provider/model`; the model may itself contain `/` (`openrouter/meta/llama`).
    pub fn parse(text: &str) -> Result<Target, Error> {
        match text.split_once('/') {
            Some((provider, model)) if !provider.is_empty() && !model.is_empty() => Ok(Target {
                provider: provider.to_owned(),
                model: model.to_owned(),
            }),
            _ => Err(Error::InvalidModel {
                model: text.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.provider, self.model)
    }
}

/// What the model is asked to return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum OutputMode {
    /// Free text.
    #[default]
    Text,
    /// Any JSON object.
    Json,
    /// JSON matching a schema.
    JsonSchema {
        /// The JSON Schema.
        schema: Value,
    },
}

/// A function the model may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// The function name.
    pub name: String,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// JSON Schema of its arguments.
    #[serde(default = "empty_object_schema")]
    pub parameters: Value,
}

fn empty_object_schema() -> Value {
    serde_json::json!({"type": "object", "properties": {}})
}

/// Model settings, normalized from a prompt's `config` and `output`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Sampling temperature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Upper bound on generated tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u32>,
    /// Nucleus sampling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Top-k sampling (Anthropic, Gemini; dropped where unsupported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_k: Option<u32>,
    /// Stop sequences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop: Vec<String>,
    /// Sampling seed (OpenAI, Gemini and compatible servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    /// Text, JSON or schema-constrained JSON.
    #[serde(default)]
    pub output: OutputMode,
    /// Functions the model may call.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<Tool>,
}

/// Default output-token cap for providers that require one (Anthropic, Bedrock).
pub const DEFAULT_MAX_OUTPUT_TOKENS: u32 = 1024;

impl Params {
    /// Reads the Dotprompt `config` keys (`temperature`, `maxOutputTokens`, `topP`, `topK`,
    /// `stopSequences`, `seed`, `tools`; `snake_case` spellings too) and `output`.
    pub fn from_config(config: &Map<String, Value>, output: &OutputSpec) -> Result<Params, Error> {
        let get = |names: &[&'static str]| -> Option<(&'static str, &Value)> {
            names.iter().find_map(|n| config.get(*n).map(|v| (*n, v)))
        };
        let mut params = Params::default();
        if let Some((name, v)) = get(&["temperature"]) {
            params.temperature = Some(number(name, v)?);
        }
        if let Some((name, v)) = get(&[
            "maxOutputTokens",
            "max_output_tokens",
            "maxTokens",
            "max_tokens",
        ]) {
            params.max_output_tokens = Some(count(name, v)?);
        }
        if let Some((name, v)) = get(&["topP", "top_p"]) {
            params.top_p = Some(number(name, v)?);
        }
        if let Some((name, v)) = get(&["topK", "top_k"]) {
            params.top_k = Some(count(name, v)?);
        }
        if let Some((name, v)) = get(&["stopSequences", "stop_sequences", "stop"]) {
            params.stop = match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| invalid(name, "must be a list of strings"))?,
                _ => return Err(invalid(name, "must be a list of strings")),
            };
        }
        if let Some((name, v)) = get(&["seed"]) {
            params.seed = Some(
                v.as_i64()
                    .ok_or_else(|| invalid(name, "must be an integer"))?,
            );
        }
        if let Some((name, v)) = get(&["tools"]) {
            params.tools = serde_json::from_value(v.clone()).map_err(|e| {
                invalid(
                    name,
                    &format!("must be a list of {{name, description, parameters}}: {e}"),
                )
            })?;
        }
        params.output = match (output.format.as_deref(), &output.schema) {
            (Some("json") | None, Some(schema)) => OutputMode::JsonSchema {
                schema: crate::prompt::schema::to_json_schema(schema)
                    .map_err(|e| invalid("output.schema", &e.to_string()))?,
            },
            (Some("json"), None) => OutputMode::Json,
            _ => OutputMode::Text,
        };
        Ok(params)
    }
}

fn invalid(name: &str, message: &str) -> Error {
    Error::InvalidParam {
        name: name.to_owned(),
        message: message.to_owned(),
    }
}

fn number(name: &str, value: &Value) -> Result<f64, Error> {
    value
        .as_f64()
        .ok_or_else(|| invalid(name, "must be a number"))
}

fn count(name: &str, value: &Value) -> Result<u32, Error> {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| invalid(name, "must be a positive integer"))
}

/// A provider-independent chat request: the failover chain, the messages and the settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    /// Models to try, in order; the first is primary.
    pub targets: Vec<Target>,
    /// The conversation.
    pub messages: Vec<Message>,
    /// Model settings.
    pub params: Params,
}

impl ChatRequest {
    /// The request for a rendered prompt. Models come from `overrides` when given, else the
    /// prompt's `model:` (one model or a failover chain), else the project's default; settings
    /// come from the prompt's `config` and `output`.
    pub fn for_prompt(
        rendered: &crate::prompt::RenderedPrompt,
        overrides: &[String],
        default_model: Option<&str>,
    ) -> Result<ChatRequest, Error> {
        let names: Vec<&str> = if !overrides.is_empty() {
            overrides.iter().map(String::as_str).collect()
        } else if let Some(model) = &rendered.front_matter.model {
            model.models()
        } else {
            default_model.into_iter().collect()
        };
        if names.is_empty() {
            return Err(Error::NoModel);
        }
        Ok(ChatRequest {
            targets: names
                .into_iter()
                .map(Target::parse)
                .collect::<Result<_, _>>()?,
            messages: rendered.messages.clone(),
            params: Params::from_config(
                &rendered.front_matter.config,
                &rendered.front_matter.output,
            )?,
        })
    }

    /// The providers the chain names, sorted, each once.
    pub fn providers(&self) -> Vec<String> {
        let mut names: Vec<String> = self.targets.iter().map(|t| t.provider.clone()).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Why generation stopped, normalized across providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinishReason {
    /// The model finished (or hit a stop sequence).
    Stop,
    /// The output-token limit was reached.
    Length,
    /// The model asked to call tools.
    ToolCalls,
    /// A safety or content filter stopped or blocked it.
    ContentFilter,
    /// Anything else (the raw value is kept in `raw_finish_reason`).
    Other,
}

impl FinishReason {
    /// The `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            FinishReason::Stop => "stop",
            FinishReason::Length => "length",
            FinishReason::ToolCalls => "tool_calls",
            FinishReason::ContentFilter => "content_filter",
            FinishReason::Other => "other",
        }
    }
}

/// Token counts as the provider reported them; missing counts are 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Prompt tokens, including cached ones.
    pub input_tokens: u64,
    /// Generated tokens (including reasoning tokens where reported that way).
    pub output_tokens: u64,
    /// Prompt tokens served from the provider's prompt cache.
    #[serde(default)]
    pub cached_input_tokens: u64,
}

/// A tool call the model asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The provider's call id, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The function name.
    pub name: String,
    /// The arguments as JSON text.
    pub arguments: String,
}

/// A provider-independent response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    /// The generated text (text parts joined).
    pub content: String,
    /// Tool calls, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// Why generation stopped.
    pub finish_reason: FinishReason,
    /// The provider's own finish reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_finish_reason: Option<String>,
    /// Token counts.
    pub usage: Usage,
    /// The model that served the call, as the provider reported it.
    pub model: String,
    /// The provider's response id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The provider name that served the call (set by the gateway).
    #[serde(default)]
    pub provider: String,
    /// End-to-end wall time of the call in milliseconds (set by the gateway): from the first
    /// attempt to the answer, including failed attempts, the waits between retries and the
    /// models of the failover chain tried before this one. Time spent waiting for the
    /// client-side limits (`max_concurrency`, per-minute budgets) is left out: it measures
    /// promptctl's own queue, not the provider.
    #[serde(default)]
    pub latency_ms: u64,
    /// Wall time of the attempt that answered, in milliseconds (set by the gateway).
    #[serde(default)]
    pub attempt_latency_ms: u64,
    /// Every attempt the call made, on every model of the failover chain, including the one
    /// that answered (set by the gateway).
    #[serde(default)]
    pub attempts: u32,
    /// Cost in US dollars from the price table, when the model has a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_usd: Option<f64>,
    /// Whether this came from the response cache or a cassette rather than the network.
    #[serde(default)]
    pub cached: bool,
}

impl ChatResponse {
    /// A response with only the parsed fields set.
    pub fn parsed(content: String, finish: (FinishReason, Option<String>), usage: Usage) -> Self {
        ChatResponse {
            content,
            tool_calls: Vec::new(),
            finish_reason: finish.0,
            raw_finish_reason: finish.1,
            usage,
            model: String::new(),
            id: None,
            provider: String::new(),
            latency_ms: 0,
            attempt_latency_ms: 0,
            attempts: 0,
            cost_usd: None,
            cached: false,
        }
    }
}

/// How a provider is reached: where, with which wire format and which credential.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The provider's name.
    pub provider: String,
    /// The wire format.
    pub kind: Kind,
    /// Base URL, without a trailing slash (e.g. `https://api.openai.com/v1`).
    pub base_url: String,
    /// The credential, if the provider needs one.
    pub credential: Credential,
    /// Region (Bedrock; informational elsewhere, used by routing constraints).
    pub region: Option<String>,
    /// Azure `api-version` (`v1` or a date such as `2024-10-21`).
    pub api_version: Option<String>,
    /// Extra headers sent with every request (not secret).
    pub headers: Vec<(String, String)>,
}

/// A provider credential.
#[derive(Debug, Clone, Default)]
pub enum Credential {
    /// No credential (local servers).
    #[default]
    None,
    /// An API key (bearer token, `x-api-key`, `api-key` or `x-goog-api-key`).
    ApiKey(Secret),
    /// AWS access key, secret and optional session token, for SigV4.
    Aws {
        /// The access key id (not secret; it appears in the `Authorization` header).
        access_key_id: String,
        /// The secret access key.
        secret_access_key: Secret,
        /// A session token for temporary credentials.
        session_token: Option<Secret>,
    },
}

impl Credential {
    /// The secrets this credential holds, for redaction.
    pub fn secrets(&self) -> Vec<&Secret> {
        match self {
            Credential::None => Vec::new(),
            Credential::ApiKey(key) => vec![key],
            Credential::Aws {
                secret_access_key,
                session_token,
                ..
            } => std::iter::once(secret_access_key)
                .chain(session_token.as_ref())
                .collect(),
        }
    }
}

/// A header value that may hold a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    /// Ordinary text.
    Plain(String),
    /// `prefix` followed by a secret (e.g. `Bearer ` + key); shown as `prefix***`.
    Secret {
        /// Text before the secret.
        prefix: String,
        /// The secret.
        secret: Secret,
    },
}

impl HeaderValue {
    /// The value to send.
    pub fn expose(&self) -> String {
        match self {
            HeaderValue::Plain(text) => text.clone(),
            HeaderValue::Secret { prefix, secret } => format!("{prefix}{}", secret.expose()),
        }
    }

    /// The value to show: secrets replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            HeaderValue::Plain(text) => text.clone(),
            HeaderValue::Secret { prefix, .. } => format!("{prefix}***"),
        }
    }
}

/// An HTTP request ready to send (or to show with `--dry-run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `POST` or `GET`.
    pub method: &'static str,
    /// The full URL. It never carries a key, but a `base_url` may hold a userinfo password:
    /// show it through [`crate::scan::mask::mask_url_password`].
    pub url: String,
    /// Headers in order.
    pub headers: Vec<(String, HeaderValue)>,
    /// The body bytes (JSON).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A JSON POST.
    pub fn post_json(url: String, body: &Value) -> HttpRequest {
        HttpRequest {
            method: "POST",
            url,
            headers: vec![(
                "content-type".to_owned(),
                HeaderValue::Plain("application/json".to_owned()),
            )],
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }

    /// Adds a plain header.
    pub fn header(&mut self, name: &str, value: impl Into<String>) {
        self.headers
            .push((name.to_owned(), HeaderValue::Plain(value.into())));
    }

    /// Adds a header holding a secret.
    pub fn secret_header(&mut self, name: &str, prefix: &str, secret: &Secret) {
        self.headers.push((
            name.to_owned(),
            HeaderValue::Secret {
                prefix: prefix.to_owned(),
                secret: secret.clone(),
            },
        ));
    }

    /// The body parsed as JSON (for dry runs and tests).
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// An HTTP response as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header with this (lowercase) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A 200 response with a JSON body (tests and replays).
    pub fn ok_json(body: &Value) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }
}

/// What went wrong on one attempt, before the gateway adds which provider and URL it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The provider answered with an error status.
    Status {
        /// HTTP status.
        status: u16,
        /// The provider's error type or code (`rate_limit_error`, `RESOURCE_EXHAUSTED`, ...).
        code: Option<String>,
        /// The provider's message (with any echoed key removed).
        message: String,
        /// How long the provider asked us to wait.
        retry_after: Option<Duration>,
        /// The provider's explicit `x-should-retry` answer.
        should_retry: Option<bool>,
    },
    /// The provider refused the prompt (safety block) in a successful response.
    Blocked {
        /// The provider's reason.
        reason: String,
    },
    /// The body was not what the wire format promises: truncated or invalid JSON, missing fields.
    Malformed {
        /// What was wrong.
        message: String,
    },
    /// The connection failed or was reset before a full response arrived.
    Connection {
        /// What the HTTP client said.
        message: String,
    },
    /// No response within the read timeout.
    Timeout {
        /// The timeout that elapsed.
        after: Duration,
    },
    /// The response body grew past the provider's `limits.max_response_bytes`; reading stopped
    /// there, so a runaway completion cannot exhaust memory or bloat a results file.
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
}

impl Failure {
    /// Whether another attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Failure::Status {
                status,
                should_retry,
                ..
            } => should_retry.unwrap_or(matches!(status, 408 | 409 | 429 | 500..=599)),
            Failure::Blocked { .. } | Failure::TooLarge { .. } => false,
            Failure::Malformed { .. } | Failure::Connection { .. } | Failure::Timeout { .. } => {
                true
            }
        }
    }

    /// The provider's requested delay, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Failure::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A malformed-body failure.
    pub fn malformed(message: impl Into<String>) -> Failure {
        Failure::Malformed {
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Status {
                status,
                code,
                message,
                retry_after,
                ..
            } => {
                write!(f, "HTTP {status}")?;
                if let Some(code) = code {
                    write!(f, " {code}")?;
                }
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                if let Some(wait) = retry_after {
                    write!(f, " (asked to retry after {:.1}s)", wait.as_secs_f64())?;
                }
                Ok(())
            }
            Failure::Blocked { reason } => write!(f, "the provider blocked the prompt: {reason}"),
            Failure::Malformed { message } => write!(f, "invalid response body: {message}"),
            Failure::Connection { message } => write!(f, "connection failed: {message}"),
            Failure::Timeout { after } => {
                write!(f, "no response within {:.1}s", after.as_secs_f64())
            }
            Failure::TooLarge { limit } => {
                write!(
                    f,
                    "the response is larger than the {limit}-byte cap; reading stopped"
                )
            }
        }
    }
}

/// Errors from the gateway. None of them ever holds a credential.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A model reference is not `provider/model`.
    #[error(
        "`{model}` is not a model reference: write `provider/model`, e.g. `openai/gpt-4o-mini`"
    )]
    InvalidModel {
        /// What was given.
        model: String,
    },
    /// No model was given and no default is configured.
    #[error("no model to run: the prompt has no `model:` and none was given")]
    NoModel,
    /// The provider is neither configured nor built in.
    #[error("unknown provider `{provider}` (known: {})", known.join(", "))]
    UnknownProvider {
        /// The name asked for.
        provider: String,
        /// Names that would work.
        known: Vec<String>,
    },
    /// The provider needs a credential and none was found.
    #[error(
        "no credential for provider `{provider}`: set {variable} or run `promptctl auth set {provider}`"
    )]
    MissingCredential {
        /// The provider.
        provider: String,
        /// The environment variable(s) that would supply it.
        variable: String,
    },
    /// A provider is configured wrongly.
    #[error("provider `{provider}` is misconfigured: {message}")]
    Config {
        /// The provider.
        provider: String,
        /// What is wrong.
        message: String,
    },
    /// A model setting has the wrong shape.
    #[error("model setting `{name}` {message}")]
    InvalidParam {
        /// The setting.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A call failed (after any retries).
    #[error("{target} at {} failed after {attempts} attempt{s}: {failure}", crate::scan::mask::mask_url_password(url), s = if *attempts == 1 { "" } else { "s" })]
    Call {
        /// The provider and model.
        target: Target,
        /// The URL (never carries a key; a userinfo password is masked when shown).
        url: String,
        /// Attempts made.
        attempts: u32,
        /// The last failure.
        failure: Box<Failure>,
    },
    /// Every model in a failover chain failed.
    #[error("every model in the failover chain failed:\n{}", failures.iter().map(|e| format!("  - {e}")).collect::<Vec<_>>().join("\n"))]
    AllFailed {
        /// One error per model, in order.
        failures: Vec<Error>,
    },
    /// `--replay` found no recorded response for a request.
    #[error("no recorded response for {target} in cassette `{}` (request {key}): {summary}", cassette.display())]
    ReplayMiss {
        /// The model the request was for.
        target: Target,
        /// The request hash.
        key: String,
        /// The first words of the last message, to recognise the request.
        summary: String,
        /// The cassette file.
        cassette: PathBuf,
    },
    /// The response cache or a cassette could not be read or written.
    #[error("cannot use `{}`: {message}", path.display())]
    Cache {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A message carries media the provider's wire format cannot take.
    #[error("{target} cannot take this prompt's media: {message}")]
    Media {
        /// The model the request was for.
        target: Target,
        /// What is not supported, and what would be.
        message: String,
    },
    /// The HTTP client could not be built.
    #[error("cannot start the HTTP client: {message}")]
    Client {
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// Whether the failure is the provider's or the network's (exit 5) rather than the setup's.
    pub fn is_network(&self) -> bool {
        matches!(self, Error::Call { .. } | Error::AllFailed { .. })
    }

    /// Attempts the failed call made, summed over every model of the chain (0 when no request
    /// was sent: a missing key, a replay miss).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Call { attempts, .. } => *attempts,
            Error::AllFailed { failures } => failures.iter().map(Error::attempts).sum(),
            _ => 0,
        }
    }

    /// The (last) failure of a call, if the error is one.
    pub fn last_failure(&self) -> Option<&Failure> {
        match self {
            Error::Call { failure, .. } => Some(failure),
            Error::AllFailed { failures } => failures.last().and_then(Error::last_failure),
            _ => None,
        }
    }

    /// The HTTP status of the (last) failure, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Call { failure, .. } => match **failure {
                Failure::Status { status, .. } => Some(status),
                _ => None,
            },
            Error::AllFailed { failures } => failures.last().and_then(Error::status),
            _ => None,
        }
    }
}

/// Parses a JSON body, turning an empty, truncated or invalid one into a clear failure.
pub(crate) fn parse_json(body: &[u8]) -> Result<Value, Failure> {
    if body.is_empty() {
        return Err(Failure::malformed("the body is empty"));
    }
    serde_json::from_slice(body).map_err(|e| {
        if e.is_eof() {
            Failure::malformed(format!(
                "the JSON ends early after {} bytes (truncated response)",
                body.len()
            ))
        } else {
            Failure::malformed(format!("not valid JSON: {e}"))
        }
    })
}

/// Token counts as `u64`, treating a missing or non-numeric field as 0.
pub(crate) fn tokens(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// The common part of an error-status failure: retry hints from the headers.
pub(crate) fn status_failure(
    response: &HttpResponse,
    code: Option<String>,
    message: String,
) -> Failure {
    Failure::Status {
        status: response.status,
        code,
        message,
        retry_after: retry::retry_after_from_headers(response),
        should_retry: response.header("x-should-retry").and_then(|v| match v {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }),
    }
}

/// Text of a body for an error message: at most 300 characters.
pub(crate) fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.chars().count() > 300 {
        format!("{}…", trimmed.chars().take(300).collect::<String>())
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn target_parses_provider_and_model() {
        let t = Target::parse("openrouter/meta-llama/llama-3.1-8b").unwrap();
        assert_eq!(t.provider, "openrouter");
        assert_eq!(t.model, "meta-llama/llama-3.1-8b");
        assert!(matches!(
            Target::parse("gpt-4o"),
            Err(Error::InvalidModel { .. })
        ));
        assert!(Target::parse("/x").is_err());
    }

    #[test]
    fn params_read_dotprompt_config() {
        let config = json!({
            "temperature": 0.2, "maxOutputTokens": 50, "topP": 0.9, "topK": 40,
            "stopSequences": ["END"], "seed": 7
        });
        let params =
            Params::from_config(config.as_object().unwrap(), &OutputSpec::default()).unwrap();
        assert_eq!(params.temperature, Some(0.2));
        assert_eq!(params.max_output_tokens, Some(50));
        assert_eq!(params.top_p, Some(0.9));
        assert_eq!(params.top_k, Some(40));
        assert_eq!(params.stop, ["END"]);
        assert_eq!(params.seed, Some(7));
        assert_eq!(params.output, OutputMode::Text);
    }

    #[test]
    fn params_reject_wrong_types() {
        let config = json!({"temperature": "hot"});
        let err =
            Params::from_config(config.as_object().unwrap(), &OutputSpec::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "model setting `temperature` must be a number"
        );
        let config = json!({"maxOutputTokens": -1});
        assert!(Params::from_config(config.as_object().unwrap(), &OutputSpec::default()).is_err());
    }

    #[test]
    fn json_output_with_picoschema_becomes_json_schema() {
        let output = OutputSpec {
            format: Some("json".into()),
            schema: Some(json!({"answer": "string"})),
        };
        let params = Params::from_config(&Map::new(), &output).unwrap();
        let OutputMode::JsonSchema { schema } = params.output else {
            panic!("expected a schema");
        };
        assert_eq!(schema["properties"]["answer"]["type"], "string");
    }

    #[test]
    fn retryable_statuses() {
        let status = |s| Failure::Status {
            status: s,
            code: None,
            message: String::new(),
            retry_after: None,
            should_retry: None,
        };
        for s in [408, 409, 429, 500, 503, 529] {
            assert!(status(s).is_retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(!status(s).is_retryable(), "{s}");
        }
        let overridden = Failure::Status {
            status: 503,
            code: None,
            message: String::new(),
            retry_after: None,
            should_retry: Some(false),
        };
        assert!(!overridden.is_retryable());
        assert!(Failure::malformed("x").is_retryable());
    }

    #[test]
    fn truncated_json_is_named() {
        let err = parse_json(br#"{"id": "x", "choi"#).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        let err = parse_json(b"<html>").unwrap_err();
        assert!(err.to_string().contains("not valid JSON"), "{err}");
        assert!(parse_json(b"").is_err());
    }
}

/// A piece of a message as it goes on the wire: text or media.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WirePart<'a> {
    /// Text.
    Text(&'a str),
    /// An image or other file.
    Media(&'a Media),
}

/// A message's typed content for a provider, or `None` for a text-only message (whose
/// `content` string goes on the wire as it always has, so its request bytes do not change).
///
/// Section markers are left out: they mark where an application inserts content of its own
/// and carry none. So are parts of other kinds (kept from a history file), which no adapter
/// knows how to send.
pub(crate) fn wire_parts(message: &Message) -> Option<Vec<WirePart<'_>>> {
    if message.parts.is_empty() {
        return None;
    }
    Some(
        message
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) if !t.text.is_empty() => Some(WirePart::Text(&t.text)),
                Part::Media(m) => Some(WirePart::Media(&m.media)),
                _ => None,
            })
            .collect(),
    )
}

/// Whether a message has anything to send: text, or media. A message that held only section
/// markers is left out of requests.
pub(crate) fn has_content(message: &Message) -> bool {
    wire_parts(message).is_none_or(|parts| !parts.is_empty())
}

/// Refuses media in a request the provider's format cannot carry, before anything is sent:
/// media in a system message (every format takes only text there), or media of a kind or
/// location the format does not take (each adapter's `check_media`).
pub fn check_media(kind: Kind, request: &ChatRequest) -> Result<(), String> {
    for (i, message) in request.messages.iter().enumerate() {
        let Some(parts) = wire_parts(message) else {
            continue;
        };
        for part in parts {
            let WirePart::Media(media) = part else {
                continue;
            };
            let at = || format!("message {} ({})", i + 1, message.role);
            if message.role == crate::prompt::Role::System {
                return Err(format!(
                    "{}: system messages take text only; move `{{{{media}}}}` after a `{{{{role \"user\"}}}}`",
                    at()
                ));
            }
            let checked = match kind {
                Kind::Openai | Kind::Compatible | Kind::Azure => {
                    openai::check_chat_media(message.role, media)
                }
                Kind::OpenaiResponses => openai::check_responses_media(message.role, media),
                Kind::Anthropic => anthropic::check_media(media),
                Kind::Gemini => Ok(()),
                Kind::Bedrock => bedrock::check_media(media),
            };
            checked.map_err(|e| format!("{}: {e}", at()))?;
        }
    }
    Ok(())
}

/// The media's content type, or a guess from the URL's file extension.
pub(crate) fn media_type(media: &Media) -> Option<String> {
    if let Some(t) = media.mime_type() {
        return Some(t.to_ascii_lowercase());
    }
    let path = media.url.split(['?', '#']).next().unwrap_or("");
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    let guessed = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        _ => return None,
    };
    Some(guessed.to_owned())
}
