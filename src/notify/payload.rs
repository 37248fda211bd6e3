//! The body each kind of destination expects (pure).
//!
//! - Webhook: a stable JSON document (`schema_version` 1; fields are only ever added):
//!   `{schema_version, event, occurred_at, project, title, summary, facts: [{name, value}], data,
//!   promptctl_version}`. `data` depends on `event` and is described in `docs/notifications.md`.
//! - Slack: a Block Kit message (header, summary section, fields, context line) with `text` as
//!   the notification fallback.
//! - Teams: a workflow-webhook message carrying one Adaptive Card 1.4 (title, summary, `FactSet`).

use serde_json::{Value, json};

use crate::notify::DestinationKind;
use crate::notify::event::Event;

/// The version of the webhook payload's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// Where and when the event happened, added to every payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The project's name (its folder name).
    pub project: String,
    /// When the event happened, RFC 3339 UTC.
    pub occurred_at: String,
}

/// The JSON body for a destination of `kind`.
pub fn body(kind: DestinationKind, event: &Event, origin: &Origin) -> Value {
    match kind {
        DestinationKind::Webhook => webhook(event, origin),
        DestinationKind::Slack => slack(event, origin),
        DestinationKind::Teams => teams(event, origin),
    }
}

/// The generic webhook document.
pub fn webhook(event: &Event, origin: &Origin) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "event": event.kind.name(),
        "occurred_at": origin.occurred_at,
        "project": origin.project,
        "title": event.title,
        "summary": event.summary,
        "facts": event.facts,
        "data": event.data,
        "promptctl_version": crate::VERSION,
    })
}

/// Slack allows at most 10 fields per section and 2000 characters per field.
const SLACK_MAX_FIELDS: usize = 10;
const SLACK_MAX_FIELD_CHARS: usize = 1900;

/// A Slack Block Kit message.
pub fn slack(event: &Event, origin: &Origin) -> Value {
    let mut blocks = vec![
        json!({"type": "header", "text": {"type": "plain_text", "text": clip(&event.title, 150), "emoji": false}}),
        json!({"type": "section", "text": {"type": "mrkdwn", "text": escape_mrkdwn(&event.summary)}}),
    ];
    if !event.facts.is_empty() {
        let fields: Vec<Value> = event
            .facts
            .iter()
            .take(SLACK_MAX_FIELDS)
            .map(|fact| {
                json!({"type": "mrkdwn", "text": clip(&format!("*{}*\n{}", escape_mrkdwn(&fact.name), escape_mrkdwn(&fact.value)), SLACK_MAX_FIELD_CHARS)})
            })
            .collect();
        blocks.push(json!({"type": "section", "fields": fields}));
    }
    blocks.push(
        json!({"type": "context", "elements": [{"type": "mrkdwn", "text": escape_mrkdwn(&format!(
            "promptctl · {} · {} · {}", origin.project, event.kind.name(), origin.occurred_at
        ))}]}),
    );
    json!({
        "text": format!("{}: {}", event.title, event.summary),
        "blocks": blocks,
    })
}

/// A Teams workflow-webhook message with one Adaptive Card.
pub fn teams(event: &Event, origin: &Origin) -> Value {
    let mut body = vec![
        json!({"type": "TextBlock", "text": event.title, "weight": "Bolder", "size": "Medium", "wrap": true}),
        json!({"type": "TextBlock", "text": event.summary, "wrap": true}),
    ];
    if !event.facts.is_empty() {
        body.push(
            json!({"type": "FactSet", "facts": event.facts.iter().map(|fact| json!({
            "title": fact.name, "value": fact.value,
        })).collect::<Vec<_>>()}),
        );
    }
    body.push(json!({"type": "TextBlock", "text": format!(
        "promptctl · {} · {} · {}", origin.project, event.kind.name(), origin.occurred_at
    ), "isSubtle": true, "size": "Small", "wrap": true}));
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": body,
            },
        }],
    })
}

/// Slack's three control characters, escaped as its docs ask.
fn escape_mrkdwn(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::{Origin, slack, teams, webhook};
    use crate::notify::event::Event;

    fn origin() -> Origin {
        Origin {
            project: "demo".to_owned(),
            occurred_at: "2026-01-02T03:04:05Z".to_owned(),
        }
    }

    #[test]
    fn webhook_payload_has_the_stable_fields() {
        let value = webhook(&Event::test("ops"), &origin());
        assert_eq!(value["schema_version"], 1);
        assert_eq!(value["event"], "test");
        assert_eq!(value["occurred_at"], "2026-01-02T03:04:05Z");
        assert_eq!(value["project"], "demo");
        assert_eq!(value["facts"][0]["name"], "Destination");
        assert_eq!(value["data"]["destination"], "ops");
    }

    #[test]
    fn slack_payload_is_block_kit_with_escaped_text() {
        let mut event = Event::test("ops");
        event.summary = "a <b> & c".to_owned();
        let value = slack(&event, &origin());
        assert_eq!(value["blocks"][0]["type"], "header");
        assert_eq!(value["blocks"][1]["text"]["text"], "a &lt;b&gt; &amp; c");
        assert_eq!(
            value["blocks"][2]["fields"][0]["text"],
            "*Destination*\nops"
        );
        assert_eq!(value["blocks"][3]["type"], "context");
    }

    #[test]
    fn teams_payload_is_one_adaptive_card_with_a_factset() {
        let value = teams(&Event::test("ops"), &origin());
        let card = &value["attachments"][0];
        assert_eq!(
            card["contentType"],
            "application/vnd.microsoft.card.adaptive"
        );
        assert_eq!(card["content"]["type"], "AdaptiveCard");
        assert_eq!(card["content"]["body"][2]["type"], "FactSet");
        assert_eq!(card["content"]["body"][2]["facts"][0]["value"], "ops");
    }
}
