//! Provider batch APIs: submit many requests as one asynchronous job at about half the price.
//!
//! OpenAI and Azure OpenAI (Files + Batches), Anthropic Message Batches and Gemini batch mode
//! differ in how a job is created, named, polled and read back, but all follow the same life:
//! create → poll until terminal → read per-request results keyed by a custom id, in any order.
//! [`BatchClient`] hides the differences behind that life. Request bodies are the provider's
//! synchronous bodies (built by the same pure builders as the gateway uses) and each result
//! body is parsed by the same pure parser, so a batch reply is read exactly as a synchronous one.
//!
//! Why the tag: no provider except Bedrock has an idempotency key on create, and their SDKs
//! retry a create whose response was lost. Each batch carries a tag (OpenAI metadata, Gemini
//! display name) naming the run and part, so a caller that died between create and journaling
//! finds the batch again with [`BatchClient::find`] instead of paying for it twice.
//! Anthropic batches carry no metadata: there the caller lists recent batches and compares the
//! first request's custom id, which carries the tag too.
//!
//! Bedrock batch inference needs S3 and an IAM role and is not supported here.

mod anthropic;
mod gemini;
mod openai;

use std::time::Duration;

use serde_json::Value;

use crate::provider::gateway::ProviderSetup;
use crate::provider::openai::ChatDialect;
use crate::provider::{ChatRequest, ChatResponse, Endpoint, HttpRequest, HttpResponse, Kind};

/// Errors talking to a batch API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    /// The provider has no batch API promptctl can drive.
    #[error("provider `{provider}` ({kind}) has no batch API promptctl supports")]
    Unsupported {
        /// The provider.
        provider: String,
        /// Its wire format.
        kind: String,
    },
    /// A call failed (transport or HTTP status).
    #[error("{method} {url}: {message}")]
    Http {
        /// The method.
        method: String,
        /// The URL (without credentials).
        url: String,
        /// HTTP status, when one came back.
        status: Option<u16>,
        /// What the provider said.
        message: String,
    },
    /// A reply was not in the documented shape.
    #[error("unexpected reply from {url}: {message}")]
    Shape {
        /// The URL.
        url: String,
        /// What was wrong.
        message: String,
    },
}

impl BatchError {
    /// Whether trying the same call again later may succeed (429, 5xx, transport).
    pub fn is_retryable(&self) -> bool {
        match self {
            BatchError::Http { status, .. } => {
                matches!(status, None | Some(408 | 409 | 429 | 500..=599))
            }
            _ => false,
        }
    }
}

/// Where a batch is in its life, across providers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchState {
    /// Accepted, not finished (validating, queued, running, finalizing, cancelling).
    Open,
    /// Finished; results can be read (some requests may have failed or expired).
    Ended,
    /// The whole batch failed; the reasons are in [`BatchStatus::errors`].
    Failed,
}

/// A batch as the provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStatus {
    /// The provider's id.
    pub id: String,
    /// Where it is.
    pub state: BatchState,
    /// The provider's own status word (`in_progress`, `ended`, `BATCH_STATE_RUNNING`, ...).
    pub status: String,
    /// Requests in the batch.
    pub total: u64,
    /// Requests answered.
    pub succeeded: u64,
    /// Requests failed (errored, expired, cancelled).
    pub failed: u64,
    /// Whole-batch failure reasons.
    pub errors: Vec<String>,
    /// Where the results are (file ids, a URL), as the provider returned it.
    pub locator: Vec<String>,
}

/// One request of a batch: the key and the provider-native body.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchLine {
    /// The custom id (`^[a-zA-Z0-9_-]{1,64}$`, the strictest provider's rule).
    pub custom_id: String,
    /// The synchronous request body.
    pub body: Value,
}

/// Why one request of a batch has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    /// `http_400`, `expired`, `canceled`, `errored`, ...
    pub kind: String,
    /// The provider's message.
    pub message: String,
    /// Whether sending the same request again may succeed (expiry, cancellation, 429, 5xx).
    pub retryable: bool,
}

/// One request's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    /// The custom id it was sent with.
    pub custom_id: String,
    /// The reply, parsed as a synchronous reply, or why there is none.
    pub outcome: Result<ChatResponse, ItemError>,
}

/// Per-batch limits (requests and bytes of the input), from each provider's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// Requests per batch.
    pub max_requests: usize,
    /// Bytes of the input (file, or create body for inline APIs).
    pub max_bytes: usize,
}

/// A batch client for one provider endpoint.
#[derive(Debug, Clone)]
pub struct BatchClient {
    kind: Kind,
    dialect: ChatDialect,
    endpoint: Endpoint,
    http: reqwest::Client,
    limits: BatchLimits,
}

impl BatchClient {
    /// A client for the provider's first deployment.
    pub fn new(setup: &ProviderSetup) -> Result<BatchClient, BatchError> {
        let unsupported = || BatchError::Unsupported {
            provider: setup.name.clone(),
            kind: setup.kind.as_str().to_owned(),
        };
        let limits = match setup.kind {
            Kind::Openai => openai::OPENAI_LIMITS,
            Kind::Azure => openai::AZURE_LIMITS,
            Kind::Anthropic => anthropic::LIMITS,
            Kind::Gemini => gemini::LIMITS,
            _ => return Err(unsupported()),
        };
        let endpoint = setup
            .deployments
            .first()
            .map(|d| d.endpoint.clone())
            .ok_or_else(unsupported)?;
        let http = reqwest::Client::builder()
            .connect_timeout(setup.connect_timeout)
            .timeout(setup.read_timeout.max(Duration::from_secs(60)))
            .build()
            .map_err(|e| BatchError::Http {
                method: "SETUP".into(),
                url: String::new(),
                status: None,
                message: e.to_string(),
            })?;
        Ok(BatchClient {
            kind: setup.kind,
            dialect: setup.dialect,
            endpoint,
            http,
            limits,
        })
    }

    /// The provider's per-batch limits (tighter ones can be set with [`Self::with_limits`]).
    pub fn limits(&self) -> BatchLimits {
        self.limits
    }

    /// Tightens the limits (tests, or a quota lower than the documented maximum).
    #[must_use]
    pub fn with_limits(mut self, max_requests: Option<usize>, max_bytes: Option<usize>) -> Self {
        if let Some(n) = max_requests {
            self.limits.max_requests = n.clamp(1, self.limits.max_requests);
        }
        if let Some(n) = max_bytes {
            self.limits.max_bytes = n.clamp(1, self.limits.max_bytes);
        }
        self
    }

    /// The batch line for one request: the synchronous body under `custom_id`.
    pub fn line(&self, request: &ChatRequest, model: &str, custom_id: &str) -> BatchLine {
        let http = match self.kind {
            Kind::Azure => {
                // Batch lines always name the deployment in the body, whatever the API shape.
                let mut endpoint = self.endpoint.clone();
                endpoint.api_version = None;
                crate::provider::azure::build_request(request, model, &endpoint)
            }
            Kind::Anthropic => {
                crate::provider::anthropic::build_request(request, model, &self.endpoint)
            }
            Kind::Gemini => crate::provider::gemini::build_request(request, model, &self.endpoint),
            _ => crate::provider::openai::build_chat(request, model, &self.endpoint, self.dialect),
        };
        BatchLine {
            custom_id: custom_id.to_owned(),
            body: http.json().unwrap_or(Value::Null),
        }
    }

    /// Splits lines into groups that each fit one batch (requests and bytes).
    pub fn split(&self, lines: Vec<BatchLine>) -> Vec<Vec<BatchLine>> {
        let mut out: Vec<Vec<BatchLine>> = Vec::new();
        let mut bytes = 0usize;
        for line in lines {
            let size = line.body.to_string().len() + line.custom_id.len() + 96;
            let full = out.last().is_none_or(|last| {
                last.len() >= self.limits.max_requests || bytes + size > self.limits.max_bytes
            });
            if full {
                out.push(Vec::new());
                bytes = 0;
            }
            bytes += size;
            if let Some(last) = out.last_mut() {
                last.push(line);
            }
        }
        out
    }

    /// Creates a batch of `lines` for `model`, tagged with `tag` (see the module docs).
    pub async fn create(
        &self,
        model: &str,
        tag: &str,
        lines: &[BatchLine],
    ) -> Result<String, BatchError> {
        match self.kind {
            Kind::Anthropic => anthropic::create(self, lines).await,
            Kind::Gemini => gemini::create(self, model, tag, lines).await,
            _ => openai::create(self, tag, lines).await,
        }
    }

    /// Finds a batch created earlier with `tag` (whose id was never recorded).
    pub async fn find(&self, tag: &str) -> Result<Option<String>, BatchError> {
        match self.kind {
            Kind::Anthropic => anthropic::find(self, tag).await,
            Kind::Gemini => gemini::find(self, tag).await,
            _ => openai::find(self, tag).await,
        }
    }

    /// The batch's state and counts.
    pub async fn status(&self, id: &str) -> Result<BatchStatus, BatchError> {
        match self.kind {
            Kind::Anthropic => anthropic::status(self, id).await,
            Kind::Gemini => gemini::status(self, id).await,
            _ => openai::status(self, id).await,
        }
    }

    /// Every result of an ended batch, in the provider's order (match by custom id).
    pub async fn results(&self, status: &BatchStatus) -> Result<Vec<ItemResult>, BatchError> {
        match self.kind {
            Kind::Anthropic => anthropic::results(self, status).await,
            Kind::Gemini => gemini::results(self, status).await,
            _ => openai::results(self, status).await,
        }
    }

    /// Asks the provider to cancel an open batch.
    pub async fn cancel(&self, id: &str) -> Result<(), BatchError> {
        match self.kind {
            Kind::Anthropic => anthropic::cancel(self, id).await,
            Kind::Gemini => gemini::cancel(self, id).await,
            _ => openai::cancel(self, id).await,
        }
    }

    /// Sends a request, failing on transport errors and non-2xx statuses.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, BatchError> {
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        let url = crate::scan::mask::mask_url_password(&request.url).into_owned();
        let fail = |status: Option<u16>, message: String| BatchError::Http {
            method: request.method.to_owned(),
            url: url.clone(),
            status,
            message,
        };
        let mut builder = self.http.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.expose());
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body.clone());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| fail(None, e.to_string()))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = response
            .bytes()
            .await
            .map_err(|e| fail(Some(status), e.to_string()))?
            .to_vec();
        if !(200..300).contains(&status) {
            let text = String::from_utf8_lossy(&body);
            let message: String = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| error_message(&v))
                .unwrap_or_else(|| text.chars().take(300).collect());
            let secrets = self.endpoint.credential.secrets();
            let message = crate::provider::secret::redact(&message, &secrets);
            return Err(fail(Some(status), format!("HTTP {status}: {message}")));
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }

    /// Sends and parses a JSON reply.
    async fn send_json(&self, request: HttpRequest) -> Result<Value, BatchError> {
        let url = request.url.clone();
        let response = self.send(request).await?;
        serde_json::from_slice(&response.body).map_err(|e| BatchError::Shape {
            url: crate::scan::mask::mask_url_password(&url).into_owned(),
            message: e.to_string(),
        })
    }

    fn get(&self, url: String) -> HttpRequest {
        let mut request = HttpRequest {
            method: "GET",
            url,
            headers: Vec::new(),
            body: Vec::new(),
        };
        self.authorize(&mut request);
        request
    }

    fn post(&self, url: String, body: &Value) -> HttpRequest {
        let mut request = HttpRequest::post_json(url, body);
        self.authorize(&mut request);
        request
    }

    fn authorize(&self, request: &mut HttpRequest) {
        use crate::provider::Credential;
        if let Credential::ApiKey(key) = &self.endpoint.credential {
            match self.kind {
                Kind::Azure => request.secret_header("api-key", "", key),
                Kind::Anthropic => {
                    request.secret_header("x-api-key", "", key);
                }
                Kind::Gemini => request.secret_header("x-goog-api-key", "", key),
                _ => request.secret_header("authorization", "Bearer ", key),
            }
        }
        if self.kind == Kind::Anthropic {
            request.header("anthropic-version", crate::provider::anthropic::API_VERSION);
        }
        for (name, value) in &self.endpoint.headers {
            request.header(name, value.clone());
        }
    }
}

/// `error.message`, `error.error.message` or `message` of an error body.
fn error_message(body: &Value) -> Option<String> {
    body.pointer("/error/message")
        .or_else(|| body.pointer("/error/error/message"))
        .or_else(|| body.get("message"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Parses a synchronous reply body with the provider's own parser.
fn parse_reply(kind: Kind, body: &Value) -> Result<ChatResponse, ItemError> {
    let response = HttpResponse::ok_json(body);
    let parsed = match kind {
        Kind::Anthropic => crate::provider::anthropic::parse_response(&response),
        Kind::Gemini => crate::provider::gemini::parse_response(&response),
        _ => crate::provider::openai::parse_chat(&response),
    };
    parsed.map_err(|failure| ItemError {
        kind: "parse".into(),
        message: failure.to_string(),
        retryable: false,
    })
}

/// A count that may be a JSON number or (proto3 int64) a string.
fn count(value: Option<&Value>) -> u64 {
    match value {
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
        Some(Value::String(s)) => s.parse().unwrap_or(0),
        _ => 0,
    }
}

/// Splits a JSONL body into parsed lines, skipping blank ones.
fn jsonl(url: &str, body: &[u8]) -> Result<Vec<Value>, BatchError> {
    String::from_utf8_lossy(body)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| BatchError::Shape {
                url: url.to_owned(),
                message: format!("line {}: {e}", i + 1),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
