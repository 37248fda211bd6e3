//! Messages: the role-tagged pieces a rendered prompt is split into.
//!
//! Rendering produces one string with role markers in it; [`split_messages`] turns that into the
//! message list a provider receives, with Dotprompt's rules: text before any marker belongs to a
//! `user` message, a marker after an empty message only changes that message's role, and
//! whitespace-only pieces and empty messages are dropped.
//!
//! `{{media}}` and `{{section}}` markers become typed parts. A message with such a part carries
//! every part in order in [`Message::parts`]; a text-only message leaves `parts` empty, so its
//! JSON, its request bodies and the cache keys derived from it are what they were before parts
//! existed.

use std::fmt;
use std::fmt::Write as _;

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
    /// Its text (the text parts joined, when it has other parts too).
    pub content: String,
    /// Every part in order (text, media, section) when the message has a part that is not
    /// text; empty for a text-only message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

impl Message {
    /// A text-only message.
    pub fn text(role: Role, content: impl Into<String>) -> Message {
        Message {
            role,
            content: content.into(),
            parts: Vec::new(),
        }
    }

    /// A message of typed parts; `content` is their text joined, and `parts` stays empty when
    /// every part is text (so the message is the same as [`Message::text`] of that text).
    pub fn from_parts(role: Role, parts: Vec<Part>) -> Message {
        let content = parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        let typed = parts.iter().any(|p| !matches!(p, Part::Text(_)));
        Message {
            role,
            content,
            parts: if typed { parts } else { Vec::new() },
        }
    }

    /// The message's parts: [`Message::parts`], or one text part for a text-only message.
    pub fn typed_parts(&self) -> Vec<Part> {
        if self.parts.is_empty() {
            vec![Part::text(self.content.clone())]
        } else {
            self.parts.clone()
        }
    }

    /// The media the message refers to, in order.
    pub fn media(&self) -> impl Iterator<Item = &Media> {
        self.parts.iter().filter_map(|p| match p {
            Part::Media(m) => Some(&m.media),
            _ => None,
        })
    }

    /// The message for reading: its text, with `[media URL TYPE]` and `[section NAME]` where
    /// parts that are not text sit (as `render --compat dotprompt` prints them). A `data:` URL
    /// is shown by its type and size only.
    pub fn display_text(&self) -> String {
        if self.parts.is_empty() {
            return self.content.clone();
        }
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(&t.text),
                Part::Media(m) => {
                    let _ = write!(out, "[media {}]", m.media.describe());
                }
                Part::Section(s) => {
                    let _ = write!(out, "[section {}]", s.metadata.purpose);
                }
                Part::Other(v) => out.push_str(&v.to_string()),
            }
        }
        out
    }
}

/// One typed piece of a message, in Dotprompt's JSON shape: `{"text": …}`, `{"media": {"url",
/// "contentType"}}`, or a section marker `{"metadata": {"purpose", "pending": true}}`. Parts of
/// other kinds (tool requests in a history, say) are kept as they came, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

    /// A media part.
    pub fn media(url: impl Into<String>, content_type: Option<&str>) -> Part {
        Part::Media(MediaPart {
            media: Media {
                url: url.into(),
                content_type: content_type.map(str::to_owned),
            },
        })
    }
}

impl Media {
    /// The content type: as given, or for a `data:` URL the type it declares.
    pub fn mime_type(&self) -> Option<&str> {
        if let Some(t) = self.content_type.as_deref().filter(|t| !t.is_empty()) {
            return Some(t);
        }
        let rest = self.url.strip_prefix("data:")?;
        let end = rest.find([';', ','])?;
        Some(&rest[..end]).filter(|t| !t.is_empty())
    }

    /// The bytes of a base64 `data:` URL, still base64-encoded; `None` for any other URL.
    pub fn base64_data(&self) -> Option<&str> {
        let rest = self.url.strip_prefix("data:")?;
        let (header, data) = rest.split_once(',')?;
        header.ends_with(";base64").then_some(data)
    }

    /// A short description for reading: the URL and content type, or for a `data:` URL its
    /// type and size (the bytes themselves are not text).
    pub fn describe(&self) -> String {
        let kind = self
            .content_type
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        if self.url.starts_with("data:") {
            let bytes = self
                .base64_data()
                .map_or(self.url.len(), |d| d.len() / 4 * 3);
            format!(
                "data:{} ({bytes} bytes){kind}",
                self.mime_type().unwrap_or("")
            )
        } else {
            format!("{}{kind}", self.url)
        }
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

/// Reads a conversation history (for `{{history}}`): a list of messages `{role, content}`, where
/// `content` is text or a list of parts (`{text}`, `{media: {url, contentType}}`, …). Errors
/// name the message by its 1-based place in the list.
pub fn history_from_value(value: &serde_json::Value) -> Result<Vec<PartsMessage>, String> {
    let serde_json::Value::Array(items) = value else {
        return Err("the history must be a list of messages".into());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut item = item.clone();
            if let Some(serde_json::Value::String(text)) = item.get("content").cloned() {
                item["content"] = serde_json::json!([{ "text": text }]);
            }
            serde_json::from_value(item).map_err(|e| format!("message {}: {e}", i + 1))
        })
        .collect()
}

impl PartsMessage {
    /// The message for the strict renderer: its role must be one it knows (`assistant` is
    /// `model`); its parts are kept, media included.
    pub fn to_strict(&self) -> Result<Message, String> {
        let role = Role::parse(&self.role).ok_or_else(|| {
            format!(
                "history role `{}` is not system, user, model or tool",
                self.role
            )
        })?;
        Ok(Message::from_parts(role, self.content.clone()))
    }
}

/// A marker found in rendered text by [`split_messages`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// Start a message with this role.
    Role(Role),
    /// Insert the conversation history here.
    History,
    /// A media part (`{{media url=… contentType=…}}`).
    Media(Media),
    /// A section marker (`{{section "name"}}`).
    Section(String),
}

/// The text of a marker for `media` after `prefix`: the media as JSON, with `>` escaped so
/// no URL can end the marker early.
pub fn media_marker(prefix: &str, media: &Media) -> String {
    let json = serde_json::to_string(media).unwrap_or_default();
    format!("{prefix}media:{}>>>", json.replace('>', "\\u003e"))
}

/// The text of a marker for the section `name` after `prefix`.
pub fn section_marker(prefix: &str, name: &str) -> String {
    let json = serde_json::to_string(name).unwrap_or_default();
    format!("{prefix}section:{}>>>", json.replace('>', "\\u003e"))
}

/// A message being assembled by [`split_messages`].
struct Building {
    role: Role,
    content: String,
    parts: Vec<Part>,
    typed: bool,
}

impl Building {
    fn new(role: Role) -> Building {
        Building {
            role,
            content: String::new(),
            parts: Vec::new(),
            typed: false,
        }
    }

    /// Nothing but whitespace so far (a role marker then only changes the role).
    fn is_blank(&self) -> bool {
        !self.typed && self.content.trim().is_empty()
    }

    fn push_text(&mut self, text: &str) {
        self.content.push_str(text);
        match self.parts.last_mut() {
            Some(Part::Text(last)) => last.text.push_str(text),
            _ => self.parts.push(Part::text(text)),
        }
    }

    fn push_part(&mut self, part: Part) {
        self.parts.push(part);
        self.typed = true;
    }

    fn finish(self) -> Option<Message> {
        if self.content.is_empty() && !self.typed {
            return None;
        }
        Some(Message {
            role: self.role,
            content: self.content,
            parts: if self.typed { self.parts } else { Vec::new() },
        })
    }
}

/// Splits rendered text on markers `prefix + "role:NAME>>>"`, `prefix + "history>>>"`,
/// `prefix + "media:{json}>>>"` and `prefix + "section:\"name\">>>"`.
///
/// `history` is the conversation inserted at a history marker (or, if there is none, before the
/// last user message), as Dotprompt does. A message that holds only media is kept.
pub fn split_messages(rendered: &str, prefix: &str, history: &[Message]) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    let mut current = Building::new(Role::User);
    let mut history_inserted = false;
    let mut rest = rendered;
    loop {
        let (text, marker, after) = match next_marker(rest, prefix) {
            Some((start, marker, end)) => (&rest[..start], Some(marker), &rest[end..]),
            None => (rest, None, ""),
        };
        if !text.trim().is_empty() {
            current.push_text(text);
        }
        match marker {
            None => break,
            Some(Marker::Role(role)) => {
                if current.is_blank() {
                    current.role = role;
                } else {
                    messages.extend(std::mem::replace(&mut current, Building::new(role)).finish());
                }
            }
            Some(Marker::History) => {
                if current.content.is_empty() && !current.typed {
                    current.role = Role::Model;
                } else {
                    messages.extend(
                        std::mem::replace(&mut current, Building::new(Role::Model)).finish(),
                    );
                }
                messages.extend(history.iter().cloned());
                history_inserted = true;
            }
            Some(Marker::Media(media)) => current.push_part(Part::Media(MediaPart { media })),
            Some(Marker::Section(purpose)) => current.push_part(Part::Section(SectionPart {
                metadata: SectionMarker {
                    purpose,
                    pending: true,
                },
            })),
        }
        rest = after;
    }
    messages.extend(current.finish());
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
            if let Some(json) = inner.strip_prefix("media:")
                && let Ok(media) = serde_json::from_str::<Media>(json)
            {
                return Some((start, Marker::Media(media), end));
            }
            if let Some(json) = inner.strip_prefix("section:")
                && let Ok(name) = serde_json::from_str::<String>(json)
            {
                return Some((start, Marker::Section(name), end));
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
        Message::text(role, content)
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

    fn media(url: &str, content_type: Option<&str>) -> Media {
        Media {
            url: url.into(),
            content_type: content_type.map(str::to_owned),
        }
    }

    #[test]
    fn media_between_text_is_text_media_text() {
        let text = format!(
            "Describe:\n{}\nBe brief.",
            media_marker(P, &media("https://x/y.png", Some("image/png")))
        );
        let out = split_messages(&text, P, &[]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].content, "Describe:\n\nBe brief.");
        assert_eq!(
            serde_json::to_value(&out[0].parts).unwrap(),
            serde_json::json!([
                {"text": "Describe:\n"},
                {"media": {"url": "https://x/y.png", "contentType": "image/png"}},
                {"text": "\nBe brief."}
            ])
        );
    }

    #[test]
    fn a_message_that_is_only_media_is_kept() {
        let text = format!(
            "<<<dotprompt:role:system>>>Look.<<<dotprompt:role:user>>>{}",
            media_marker(P, &media("https://x/a.png", None))
        );
        let out = split_messages(&text, P, &[]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].role, Role::User);
        assert_eq!(out[1].content, "");
        assert_eq!(
            out[1].parts,
            [Part::Media(MediaPart {
                media: media("https://x/a.png", None)
            })]
        );
    }

    #[test]
    fn sections_are_typed_parts() {
        let text = format!("Intro{}", section_marker(P, "examples"));
        let out = split_messages(&text, P, &[]);
        assert_eq!(
            serde_json::to_value(&out[0]).unwrap(),
            serde_json::json!({"role": "user", "content": "Intro", "parts": [
                {"text": "Intro"},
                {"metadata": {"purpose": "examples", "pending": true}}
            ]})
        );
    }

    #[test]
    fn text_only_messages_serialize_without_parts() {
        let out = split_messages("Hello", P, &[]);
        assert_eq!(
            serde_json::to_string(&out[0]).unwrap(),
            r#"{"role":"user","content":"Hello"}"#
        );
    }

    #[test]
    fn a_url_with_closing_brackets_stays_one_media_part() {
        let text = media_marker(P, &media("https://x/a>>>b.png", None));
        let out = split_messages(&text, P, &[]);
        assert_eq!(out[0].media().next().unwrap().url, "https://x/a>>>b.png");
    }

    #[test]
    fn data_urls_give_their_type_and_base64_bytes() {
        let m = media("data:image/png;base64,iVBORw0K", None);
        assert_eq!(m.mime_type(), Some("image/png"));
        assert_eq!(m.base64_data(), Some("iVBORw0K"));
        assert_eq!(media("https://x/a.png", None).base64_data(), None);
    }

    #[test]
    fn history_takes_text_or_parts_and_keeps_media_for_the_strict_renderer() {
        let history = history_from_value(&serde_json::json!([
            {"role": "user", "content": "earlier"},
            {"role": "assistant", "content": [{"text": "see"}, {"media": {"url": "https://x/a.png"}}]}
        ]))
        .unwrap();
        let strict: Vec<Message> = history.iter().map(|m| m.to_strict().unwrap()).collect();
        assert_eq!(strict[0], m(Role::User, "earlier"));
        assert_eq!(strict[1].role, Role::Model);
        assert_eq!(strict[1].media().next().unwrap().url, "https://x/a.png");
        let wrong = history_from_value(&serde_json::json!([{"role": "user"}])).unwrap_err();
        assert!(wrong.starts_with("message 1:"), "{wrong}");
    }
}
