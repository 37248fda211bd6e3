//! Messages: the role-tagged pieces a rendered prompt is split into.
//!
//! Rendering produces one string with role markers in it; [`split_messages`] turns that into the
//! message list a provider receives, with Dotprompt's rules: text before any marker belongs to a
//! `user` message, a marker after an empty message only changes that message's role, and
//! whitespace-only pieces and empty messages are dropped.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Who a message is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions to the model.
    System,
    /// The user's turn.
    User,
    /// The model's turn (Dotprompt's name for `assistant`).
    Model,
    /// A tool result.
    Tool,
}

impl Role {
    /// The lowercase name used in markers and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Model => "model",
            Role::Tool => "tool",
        }
    }

    /// Parses a role name; `assistant` is accepted as `model`.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "system" => Some(Role::System),
            "user" => Some(Role::User),
            "model" | "assistant" => Some(Role::Model),
            "tool" => Some(Role::Tool),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One message of a rendered prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Who it is from.
    pub role: Role,
    /// Its text.
    pub content: String,
}

/// One typed piece of a message, in Dotprompt's JSON shape: `{"text": …}`, `{"media": {"url",
/// "contentType"}}`, or a section marker `{"metadata": {"purpose", "pending": true}}`. Parts of
/// other kinds (tool requests in a history, say) are kept as they came, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Part {
    /// Text.
    Text(TextPart),
    /// An image, audio or video file by URL (a `data:` URL carries the bytes).
    Media(MediaPart),
    /// The start of a named section (`{{section "name"}}`).
    Section(SectionPart),
    /// Any other part, kept verbatim.
    Other(serde_json::Value),
}

/// `{"text": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextPart {
    /// The text.
    pub text: String,
}

/// `{"media": {"url": "…", "contentType": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaPart {
    /// Where the media is.
    pub media: Media,
}

/// A media reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    /// The URL (`https:`, `gs:`, or `data:`).
    pub url: String,
    /// The MIME type, when the template gave one.
    #[serde(
        rename = "contentType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_type: Option<String>,
}

/// `{"metadata": {"purpose": "…", "pending": true}}`: where a section starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionPart {
    /// The section marker.
    pub metadata: SectionMarker,
}

/// A section's name, as Dotprompt records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMarker {
    /// The section name.
    pub purpose: String,
    /// Always `true`: the section is filled in later by the application.
    pub pending: bool,
}

impl Part {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Part {
        Part::Text(TextPart { text: text.into() })
    }
}

/// A message with typed parts and a free-form role, as the reference Dotprompt library returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartsMessage {
    /// The role, as written in the template (`user`, `model`, `assistant`, …).
    pub role: String,
    /// The parts, in order.
    pub content: Vec<Part>,
    /// Message metadata (`{"purpose": "history"}` on inserted history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A marker found in rendered text by [`split_messages`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// Start a message with this role.
    Role(Role),
    /// Insert the conversation history here.
    History,
}

/// Splits rendered text on markers `prefix + "role:NAME>>>"` and `prefix + "history>>>"`.
///
/// `history` is the conversation inserted at a history marker (or, if there is none, before the
/// last user message), as Dotprompt does.
pub fn split_messages(rendered: &str, prefix: &str, history: &[Message]) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    let mut current = Message {
        role: Role::User,
        content: String::new(),
    };
    let mut history_inserted = false;
    let mut rest = rendered;
    loop {
        let (text, marker, after) = match next_marker(rest, prefix) {
            Some((start, marker, end)) => (&rest[..start], Some(marker), &rest[end..]),
            None => (rest, None, ""),
        };
        if !text.trim().is_empty() {
            current.content.push_str(text);
        }
        match marker {
            None => break,
            Some(Marker::Role(role)) => {
                if current.content.trim().is_empty() {
                    current.role = role;
                } else {
                    messages.push(std::mem::replace(
                        &mut current,
                        Message {
                            role,
                            content: String::new(),
                        },
                    ));
                }
            }
            Some(Marker::History) => {
                if current.content.is_empty() {
                    current.role = Role::Model;
                } else {
                    messages.push(std::mem::replace(
                        &mut current,
                        Message {
                            role: Role::Model,
                            content: String::new(),
                        },
                    ));
                }
                messages.extend(history.iter().cloned());
                history_inserted = true;
            }
        }
        rest = after;
    }
    if !current.content.is_empty() {
        messages.push(current);
    }
    if !history_inserted && !history.is_empty() {
        let at = match messages.last() {
            Some(last) if last.role == Role::User => messages.len() - 1,
            _ => messages.len(),
        };
        messages.splice(at..at, history.iter().cloned());
    }
    messages
}

/// Finds the next well-formed marker: returns its start, what it is, and the index after it.
fn next_marker(text: &str, prefix: &str) -> Option<(usize, Marker, usize)> {
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find(prefix) {
        let start = search_from + found;
        let after_prefix = &text[start + prefix.len()..];
        if let Some(close) = after_prefix.find(">>>") {
            let inner = &after_prefix[..close];
            let end = start + prefix.len() + close + 3;
            if inner == "history" {
                return Some((start, Marker::History, end));
            }
            if let Some(role_name) = inner.strip_prefix("role:") {
                let role_name = role_name.split(' ').next().unwrap_or("");
                if let Some(role) = Role::parse(role_name) {
                    return Some((start, Marker::Role(role), end));
                }
            }
        }
        search_from = start + prefix.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "<<<dotprompt:";

    fn m(role: Role, content: &str) -> Message {
        Message {
            role,
            content: content.into(),
        }
    }

    #[test]
    fn plain_text_is_one_user_message() {
        assert_eq!(split_messages("Hello", P, &[]), [m(Role::User, "Hello")]);
    }

    #[test]
    fn roles_split_messages() {
        let text = "<<<dotprompt:role:system>>>Be brief.\n<<<dotprompt:role:user>>>Hi";
        assert_eq!(
            split_messages(text, P, &[]),
            [m(Role::System, "Be brief.\n"), m(Role::User, "Hi")]
        );
    }

    #[test]
    fn whitespace_only_pieces_are_dropped() {
        let text = "\n<<<dotprompt:role:system>>>\n\n<<<dotprompt:role:user>>>Hi\n";
        assert_eq!(split_messages(text, P, &[]), [m(Role::User, "Hi\n")]);
    }

    #[test]
    fn history_goes_before_the_last_user_message() {
        let history = [m(Role::User, "earlier"), m(Role::Model, "reply")];
        let out = split_messages(
            "<<<dotprompt:role:system>>>S<<<dotprompt:role:user>>>Q",
            P,
            &history,
        );
        assert_eq!(
            out,
            [
                m(Role::System, "S"),
                history[0].clone(),
                history[1].clone(),
                m(Role::User, "Q")
            ]
        );
    }

    #[test]
    fn unknown_marker_is_text() {
        let out = split_messages("a <<<dotprompt:role:wizard>>> b", P, &[]);
        assert_eq!(out, [m(Role::User, "a <<<dotprompt:role:wizard>>> b")]);
    }
}
