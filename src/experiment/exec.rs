//! What the runner needs from the outside: a way to complete a chat request, and the time.
//!
//! [`Completer`] is the seam to the provider gateway: the CLI wraps the gateway in a thin
//! adapter, so the runner knows nothing of HTTP, retries, caches or cassettes. [`Clock`] gives
//! the timestamps stored in run records; the CLI supplies the wall clock (or a fixed time for
//! reproducible tests).

use std::future::Future;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::prompt::Message;
use crate::prompt::front_matter::OutputSpec;

/// One call to a model.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionRequest {
    /// Provider id from the project config (`openai`, `mock`, ...).
    pub provider: String,
    /// Model id at that provider.
    pub model: String,
    /// The rendered messages.
    pub messages: Vec<Message>,
    /// Model parameters (temperature, `max_tokens`, ...).
    pub params: Map<String, Value>,
    /// What the prompt asks the model to return (JSON mode and schema).
    pub output: OutputSpec,
}

impl CompletionRequest {
    /// A stable hash of everything that determines the reply: provider, model, messages and
    /// parameters. Two samples with the same hash asked the same question.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.provider.as_bytes());
        h.update([0]);
        h.update(self.model.as_bytes());
        h.update([0]);
        for m in &self.messages {
            h.update(m.role.as_str().as_bytes());
            h.update([0]);
            h.update(m.content.as_bytes());
            h.update([0]);
            // Only messages with media or sections have parts: text-only hashes are unchanged.
            if !m.parts.is_empty() {
                h.update(
                    serde_json::to_string(&m.parts)
                        .unwrap_or_default()
                        .as_bytes(),
                );
                h.update([0]);
            }
        }
        // serde_json keeps insertion order; sort keys so `{a, b}` and `{b, a}` hash alike.
        let mut keys: Vec<&String> = self.params.keys().collect();
        keys.sort();
        for k in keys {
            h.update(k.as_bytes());
            h.update([0]);
            h.update(self.params[k].to_string().as_bytes());
            h.update([0]);
        }
        format!("sha256:{}", hex(&h.finalize()))
    }
}

/// A model's reply and what it cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completion {
    /// The text.
    pub content: String,
    /// Why generation stopped (`stop`, `length`, ...).
    pub finish_reason: Option<String>,
    /// The provider that answered (empty when the completer does not say).
    pub provider: String,
    /// The model that answered, as the provider names it.
    pub model: String,
    /// Prompt tokens.
    pub tokens_in: u64,
    /// Completion tokens.
    pub tokens_out: u64,
    /// Cost in US dollars, when the price is known.
    pub cost_usd: Option<f64>,
    /// End-to-end wall time of the call in milliseconds: every attempt and the waits between
    /// retries (as recorded when replayed from a cache or cassette).
    pub latency_ms: f64,
    /// Wall time of the attempt that answered, in milliseconds.
    pub attempt_latency_ms: f64,
    /// Attempts made, across retries and failover, including the one that answered.
    pub attempts: u32,
    /// Whether it came from the response cache or a cassette.
    pub cached: bool,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CompletionError {
    /// A short machine-readable kind (`timeout`, `rate_limited`, `http_500`, `auth`, ...).
    pub kind: String,
    /// What happened, without secrets.
    pub message: String,
    /// Whether no later call can succeed either (bad credentials, unknown provider): the run
    /// stops instead of recording the same failure for every sample.
    pub fatal: bool,
    /// Attempts made before giving up, across retries and failover (0: nothing was sent).
    pub attempts: u32,
}

/// Completes chat requests; implemented by the CLI over the provider gateway.
pub trait Completer: Send + Sync + 'static {
    /// Sends one request and waits for the reply (retries and rate limits are the
    /// implementation's business).
    fn complete(
        &self,
        request: CompletionRequest,
    ) -> impl Future<Output = Result<Completion, CompletionError>> + Send;
}

/// The time, as the caller wants it stored.
pub trait Clock: Send + Sync {
    /// Now, as an RFC 3339 UTC timestamp.
    fn now(&self) -> String;
}

/// A clock that always says the same time (tests, reproducible runs).
#[derive(Debug, Clone)]
pub struct FixedClock(pub String);

impl Clock for FixedClock {
    fn now(&self) -> String {
        self.0.clone()
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Role;

    fn request(params: &str) -> CompletionRequest {
        CompletionRequest {
            provider: "mock".into(),
            model: "m".into(),
            messages: vec![Message::text(Role::User, "hi")],
            params: serde_json::from_str(params).unwrap(),
            output: OutputSpec::default(),
        }
    }

    #[test]
    fn hash_ignores_parameter_order_but_not_values() {
        let a = request(r#"{"temperature": 0, "max_tokens": 5}"#);
        let b = request(r#"{"max_tokens": 5, "temperature": 0}"#);
        let c = request(r#"{"max_tokens": 6, "temperature": 0}"#);
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
        assert!(a.hash().starts_with("sha256:"));
        assert_eq!(a.hash().len(), 7 + 64);
    }
}
