//! Notifications: telling a chat channel or a webhook receiver that something happened.
//!
//! A release, a rollback, a finished experiment or a failed check matters to people who did not
//! run the command. `notify:` in `promptctl.yaml` names destinations (a generic webhook, a Slack
//! incoming webhook, a Microsoft Teams workflow webhook) and the events each wants; the command
//! that caused the event hands an [`Event`] to [`deliver()`] for each destination.
//!
//! - [`event`] is what happened, built from the reports the commands already have.
//! - [`payload`] turns an event into the body each kind of destination expects: a stable JSON
//!   document for webhooks, Block Kit for Slack, an Adaptive Card for Teams (pure).
//! - [`sign`] is the HMAC-SHA256 signature over `"<timestamp>.<body>"` that lets a webhook
//!   receiver check the sender and reject replays (pure).
//! - [`mod@deliver`] sends one payload with a timeout and retries on 429 and 5xx.
//!
//! Webhook URLs and signing secrets are credentials: the configuration names the environment
//! variables that hold them, they travel as [`Secret`](crate::provider::Secret)s, and every
//! error names the destination and the URL's host only, never its path or query.

pub mod deliver;
pub mod event;
pub mod payload;
pub mod sign;

pub use deliver::{Delivered, DeliveryError, Target, deliver};
pub use event::{Event, EventKind};

use serde::{Deserialize, Serialize};

/// The kinds of destination, each with its own payload format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DestinationKind {
    /// Any HTTPS endpoint: the stable JSON document, signed with HMAC-SHA256.
    Webhook,
    /// A Slack incoming webhook: a Block Kit message.
    Slack,
    /// A Microsoft Teams workflow ("When a Teams webhook request is received"): an Adaptive Card.
    Teams,
}

impl DestinationKind {
    /// The name as written in `promptctl.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            DestinationKind::Webhook => "webhook",
            DestinationKind::Slack => "slack",
            DestinationKind::Teams => "teams",
        }
    }
}

/// The host of a URL, the only part of a webhook URL that may be shown (the path and query of
/// Slack and Teams URLs are the credential).
pub fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|url| {
            url.host_str().map(|host| match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            })
        })
        .unwrap_or_else(|| "an invalid URL".to_owned())
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn only_the_host_of_a_webhook_url_is_shown() {
        assert_eq!(
            host_of("https://hooks.slack.com/services/T0/B0/secretpart?x=1"),
            "hooks.slack.com"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/hook"), "127.0.0.1:8080");
        assert_eq!(host_of("not a url /with/secret"), "an invalid URL");
    }
}
