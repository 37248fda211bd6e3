//! Sending one payload: a timeout per attempt, retries with backoff on 429 and 5xx.
//!
//! A 429 or 503 with `Retry-After` waits as long as the receiver asks (up to the policy's cap);
//! other 5xx answers and refused connections back off exponentially. A receiver that does not
//! answer within the timeout is not retried: a notification must never hold up the command that
//! caused it for longer than about one timeout. Every attempt of one delivery carries the same
//! timestamp and signature, so a receiver can recognise a retry of a request it already took.
//!
//! Errors name the destination and the URL's host only: the rest of a Slack or Teams URL is
//! the credential.

use std::time::Duration;

use crate::notify::payload::{self, Origin};
use crate::notify::sign;
use crate::notify::{DestinationKind, Event, host_of};
use crate::provider::retry::{Decision, Jitter, RetryPolicy, retry_after_from_headers};
use crate::provider::{HttpResponse, Secret};

/// One destination, with its credentials resolved.
#[derive(Debug, Clone)]
pub struct Target {
    /// The destination's name in `promptctl.yaml`.
    pub name: String,
    /// Which payload it takes.
    pub kind: DestinationKind,
    /// The webhook URL (a credential).
    pub url: Secret,
    /// The HMAC secret that signs webhook deliveries.
    pub secret: Option<Secret>,
    /// The longest wait for one attempt's answer.
    pub timeout: Duration,
    /// Retries and backoff.
    pub retry: RetryPolicy,
}

/// A delivery the receiver accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The destination's name.
    pub destination: String,
    /// The URL's host.
    pub host: String,
    /// The receiver's final status code.
    pub status: u16,
    /// Attempts made (1 when the first was accepted).
    pub attempts: u32,
}

/// Why a notification did not arrive.
#[derive(Debug, thiserror::Error)]
#[error("cannot notify `{destination}` ({host}): {reason}")]
pub struct DeliveryError {
    /// The destination's name.
    pub destination: String,
    /// The URL's host.
    pub host: String,
    /// What went wrong, without the URL.
    pub reason: String,
    /// Attempts made.
    pub attempts: u32,
}

impl DeliveryError {
    /// Whether it failed before any request was made: the destination's setup (a missing
    /// variable, an invalid URL or setting) rather than the receiver or the network.
    pub fn before_sending(&self) -> bool {
        self.attempts == 0
    }
}

/// Sends `event` to `target`, signed at `timestamp` (Unix seconds) for webhooks.
///
/// `jitter` spreads backoff delays; the caller seeds it.
pub async fn deliver(
    client: &reqwest::Client,
    target: &Target,
    event: &Event,
    origin: &Origin,
    timestamp: i64,
    jitter: &mut Jitter,
) -> Result<Delivered, DeliveryError> {
    let host = host_of(target.url.expose());
    let fail = |reason: String, attempts: u32| DeliveryError {
        destination: target.name.clone(),
        host: host.clone(),
        reason,
        attempts,
    };
    let body = serde_json::to_vec(&payload::body(target.kind, event, origin))
        .map_err(|e| fail(format!("cannot encode the payload: {e}"), 0))?;
    let signature = match (target.kind, &target.secret) {
        (DestinationKind::Webhook, Some(secret)) => Some(sign::signature(
            secret.expose().as_bytes(),
            timestamp,
            &body,
        )),
        _ => None,
    };
    let url = reqwest::Url::parse(target.url.expose())
        .map_err(|_| fail("the webhook URL is not a valid URL".to_owned(), 0))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(fail(
            format!("the webhook URL must be https, not `{}`", url.scheme()),
            0,
        ));
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut request = client
            .post(url.clone())
            .timeout(target.timeout)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("X-Promptctl-Event", event.kind.name())
            .body(body.clone());
        if let Some(signature) = &signature {
            request = request
                .header(sign::TIMESTAMP_HEADER, timestamp.to_string())
                .header(sign::SIGNATURE_HEADER, signature);
        }
        let (reason, retryable, hint) = match request.send().await {
            Ok(response) if response.status().is_success() => {
                return Ok(Delivered {
                    destination: target.name.clone(),
                    host,
                    status: response.status().as_u16(),
                    attempts: attempt,
                });
            }
            Ok(response) => {
                let status = response.status().as_u16();
                let headers = response
                    .headers()
                    .iter()
                    .map(|(name, value)| {
                        (
                            name.as_str().to_ascii_lowercase(),
                            value.to_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect();
                let hint = retry_after_from_headers(&HttpResponse {
                    status,
                    headers,
                    body: Vec::new(),
                });
                (
                    format!("the receiver answered HTTP {status}"),
                    status == 429 || status >= 500,
                    hint,
                )
            }
            Err(error) if error.is_timeout() => {
                return Err(fail(
                    format!(
                        "no answer within {}s",
                        trim_float(target.timeout.as_secs_f64())
                    ),
                    attempt,
                ));
            }
            Err(error) => (describe(&error), error.is_connect(), None),
        };
        match target
            .retry
            .decide(attempt, retryable, hint, jitter.next_f64())
        {
            Decision::RetryAfter(delay) => tokio::time::sleep(delay).await,
            Decision::GiveUp => {
                let tries = if attempt == 1 {
                    String::new()
                } else {
                    format!(" after {attempt} attempts")
                };
                return Err(fail(format!("{reason}{tries}"), attempt));
            }
        }
    }
}

/// A reqwest error without its URL.
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_connect() {
        "cannot connect"
    } else if error.is_request() {
        "the request failed"
    } else {
        "the exchange failed"
    };
    // `without_url` drops the URL from the message; the source chain names the cause.
    let mut cause = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}

fn trim_float(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}
