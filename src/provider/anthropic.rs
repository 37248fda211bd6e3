//! Anthropic Messages (`POST /v1/messages`).
//!
//! System messages go to the top-level `system` field; `max_tokens` is required, so
//! [`crate::provider::DEFAULT_MAX_OUTPUT_TOKENS`] fills in when the prompt sets none. JSON output is
//! requested the way Anthropic documents for tools: a single forced tool named
//! [`JSON_TOOL`] whose input schema is the output schema; its input comes back as the content.
//! Auth is `x-api-key` plus `anthropic-version: 2023-06-01`. HTTP 529 (`overloaded_error`) is
//! retried like a 5xx.

use serde_json::{Map, Value, json};

use crate::prompt::Role;
use crate::prompt::message::{Media, Message};
use crate::provider::{
    ChatRequest, ChatResponse, Credential, DEFAULT_MAX_OUTPUT_TOKENS, Endpoint, Failure,
    FinishReason, HttpRequest, HttpResponse, OutputMode, ToolCall, Usage, body_excerpt, parse_json,
    status_failure, tokens,
};
use crate::provider::{WirePart, has_content, media_type, wire_parts};

/// The API version header every request carries.
pub const API_VERSION: &str = "2023-06-01";

/// Name of the forced tool used to get schema-shaped JSON output.
pub const JSON_TOOL: &str = "json_output";

/// A message's `content`: its text, or for a message with media a list of `text`, `image` and
/// `document` (PDF) blocks, each with a `url` source or, for a `data:` URL, a `base64` one.
fn content(m: &Message) -> Value {
    match wire_parts(m) {
        None => json!(m.content),
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                WirePart::Text(text) => json!({"type": "text", "text": text}),
                WirePart::Media(media) => {
                    let kind = media_type(media);
                    let block = if kind.as_deref() == Some("application/pdf") {
                        "document"
                    } else {
                        "image"
                    };
                    let source = match media.base64_data() {
                        Some(data) => json!({
                            "type": "base64",
                            "media_type": kind.unwrap_or_default(),
                            "data": data,
                        }),
                        None => json!({"type": "url", "url": media.url}),
                    };
                    json!({"type": block, "source": source})
                }
            })
            .collect(),
    }
}

/// The Messages API takes images (JPEG, PNG, GIF, WebP) and PDF documents, by URL or as
/// base64 bytes.
pub(crate) fn check_media(media: &Media) -> Result<(), String> {
    const TAKEN: &[&str] = &[
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/pdf",
    ];
    match media_type(media) {
        Some(t) if TAKEN.contains(&t.as_str()) => Ok(()),
        None if media.base64_data().is_none() => Ok(()),
        other => Err(format!(
            "the Messages API takes JPEG, PNG, GIF and WebP images and PDF documents, not `{}`",
            other.unwrap_or_else(|| media.describe())
        )),
    }
}

/// Builds `POST {base}/messages`.
pub fn build_request(request: &ChatRequest, model: &str, endpoint: &Endpoint) -> HttpRequest {
    let params = &request.params;
    let mut body = Map::new();
    body.insert("model".into(), json!(model));
    body.insert(
        "max_tokens".into(),
        json!(
            params
                .max_output_tokens
                .unwrap_or(DEFAULT_MAX_OUTPUT_TOKENS)
        ),
    );
    let system: Vec<&str> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| m.content.as_str())
        .collect();
    if !system.is_empty() {
        body.insert("system".into(), json!(system.join("\n\n")));
    }
    body.insert(
        "messages".into(),
        request
            .messages
            .iter()
            .filter(|m| m.role != Role::System && has_content(m))
            .map(|m| {
                let role = if m.role == Role::Model {
                    "assistant"
                } else {
                    "user"
                };
                json!({"role": role, "content": content(m)})
            })
            .collect(),
    );
    if let Some(t) = params.temperature {
        body.insert("temperature".into(), json!(t));
    }
    if let Some(p) = params.top_p {
        body.insert("top_p".into(), json!(p));
    }
    if let Some(k) = params.top_k {
        body.insert("top_k".into(), json!(k));
    }
    if !params.stop.is_empty() {
        body.insert("stop_sequences".into(), json!(params.stop));
    }
    let mut tools: Vec<Value> = params
        .tools
        .iter()
        .map(|t| {
            let mut tool = json!({"name": t.name, "input_schema": t.parameters});
            if let Some(d) = &t.description {
                tool["description"] = json!(d);
            }
            tool
        })
        .collect();
    let schema = match &params.output {
        OutputMode::Text => None,
        OutputMode::Json => Some(json!({"type": "object"})),
        OutputMode::JsonSchema { schema } => Some(schema.clone()),
    };
    if let Some(schema) = schema {
        tools.push(json!({
            "name": JSON_TOOL,
            "description": "Return the answer as JSON matching this schema.",
            "input_schema": schema,
        }));
        body.insert(
            "tool_choice".into(),
            json!({"type": "tool", "name": JSON_TOOL}),
        );
    }
    if !tools.is_empty() {
        body.insert("tools".into(), Value::Array(tools));
    }
    let mut http = HttpRequest::post_json(
        format!("{}/messages", endpoint.base_url),
        &Value::Object(body),
    );
    if let Credential::ApiKey(key) = &endpoint.credential {
        http.secret_header("x-api-key", "", key);
    }
    http.header("anthropic-version", API_VERSION);
    for (name, value) in &endpoint.headers {
        http.header(name, value.clone());
    }
    http
}

/// Parses a Messages response or error.
pub fn parse_response(response: &HttpResponse) -> Result<ChatResponse, Failure> {
    if response.status != 200 {
        let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
        let error = parsed.as_ref().and_then(|v| v.get("error"));
        let code = error
            .and_then(|e| e.get("type"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let message = error
            .and_then(|e| e.get("message"))
            .and_then(Value::as_str)
            .map_or_else(|| body_excerpt(&response.body), str::to_owned);
        return Err(status_failure(response, code, message));
    }
    let value = parse_json(&response.body)?;
    if value.get("type").and_then(Value::as_str) == Some("error") {
        let message = value
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or("error");
        return Err(Failure::malformed(format!(
            "the body is an error: {message}"
        )));
    }
    let blocks = value
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| Failure::malformed("no `content` array in the response"))?;
    let mut content = String::new();
    let mut tool_calls = Vec::new();
    let mut json_output = false;
    for block in blocks {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => {
                content.push_str(block.get("text").and_then(Value::as_str).unwrap_or(""));
            }
            Some("tool_use") => {
                let name = block
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let input = block.get("input").cloned().unwrap_or(json!({}));
                if name == JSON_TOOL {
                    content = input.to_string();
                    json_output = true;
                } else {
                    tool_calls.push(ToolCall {
                        id: block.get("id").and_then(Value::as_str).map(str::to_owned),
                        name: name.to_owned(),
                        arguments: input.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
    let raw = value.get("stop_reason").and_then(Value::as_str);
    let finish = match raw {
        _ if json_output && tool_calls.is_empty() => FinishReason::Stop,
        Some("end_turn" | "stop_sequence") | None => FinishReason::Stop,
        Some("max_tokens" | "model_context_window_exceeded") => FinishReason::Length,
        Some("tool_use") => FinishReason::ToolCalls,
        Some("refusal") => FinishReason::ContentFilter,
        Some(_) => FinishReason::Other,
    };
    let usage = value.get("usage").cloned().unwrap_or(Value::Null);
    let cache_read = tokens(&usage, "cache_read_input_tokens");
    let mut out = ChatResponse::parsed(
        content,
        (finish, raw.map(str::to_owned)),
        Usage {
            // Anthropic counts cached and cache-writing prompt tokens apart from `input_tokens`.
            input_tokens: tokens(&usage, "input_tokens")
                + cache_read
                + tokens(&usage, "cache_creation_input_tokens"),
            output_tokens: tokens(&usage, "output_tokens"),
            cached_input_tokens: cache_read,
        },
    );
    out.tool_calls = tool_calls;
    value
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .clone_into(&mut out.model);
    out.id = value.get("id").and_then(Value::as_str).map(str::to_owned);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Message;
    use crate::prompt::message::Part;
    use crate::provider::openai::tests::{chat_request, fixture, key_endpoint};
    use crate::provider::{Kind, Params};

    fn endpoint() -> Endpoint {
        key_endpoint(
            "anthropic",
            Kind::Anthropic,
            "https://api.anthropic.com/v1",
            "sk-ant-test",
        )
    }

    fn request(messages: Vec<Message>, params: Params) -> ChatRequest {
        chat_request("anthropic/claude-sonnet-4-20250514", messages, params)
    }

    #[test]
    fn request_matches_the_docs_example() {
        let example: Value =
            serde_json::from_slice(&fixture("anthropic/messages.request.json")).unwrap();
        let req = request(
            vec![Message::text(Role::User, "Hello, world")],
            Params {
                max_output_tokens: Some(1024),
                ..Params::default()
            },
        );
        let http = build_request(&req, "claude-sonnet-4-20250514", &endpoint());
        assert_eq!(http.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(http.json().unwrap(), example);
        let names: Vec<&str> = http.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["content-type", "x-api-key", "anthropic-version"]);
        assert_eq!(http.headers[1].1.redacted(), "***");
    }

    #[test]
    fn system_settings_and_json_output() {
        let req = request(
            vec![
                Message::text(Role::System, "Be brief."),
                Message::text(Role::User, "Hi"),
            ],
            Params {
                temperature: Some(0.1),
                top_k: Some(3),
                stop: vec!["X".into()],
                output: OutputMode::JsonSchema {
                    schema: json!({"type": "object", "properties": {"a": {"type": "string"}}}),
                },
                ..Params::default()
            },
        );
        let body = build_request(&req, "claude", &endpoint()).json().unwrap();
        assert_eq!(body["system"], "Be brief.");
        assert_eq!(body["messages"].as_array().unwrap().len(), 1);
        assert_eq!(body["max_tokens"], DEFAULT_MAX_OUTPUT_TOKENS);
        assert_eq!(body["top_k"], 3);
        assert_eq!(body["stop_sequences"], json!(["X"]));
        assert_eq!(body["tool_choice"]["name"], JSON_TOOL);
        assert_eq!(
            body["tools"][0]["input_schema"]["properties"]["a"]["type"],
            "string"
        );

        let out = parse_response(&HttpResponse::ok_json(&json!({
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude",
            "content": [{"type": "tool_use", "id": "t", "name": JSON_TOOL, "input": {"a": "b"}}],
            "stop_reason": "tool_use", "stop_sequence": null,
            "usage": {"input_tokens": 5, "output_tokens": 2, "cache_read_input_tokens": 10}
        })))
        .unwrap();
        assert_eq!(out.content, r#"{"a":"b"}"#);
        assert_eq!(out.finish_reason, FinishReason::Stop);
        assert_eq!(out.usage.input_tokens, 15);
        assert_eq!(out.usage.cached_input_tokens, 10);
    }

    #[test]
    fn parses_the_docs_response() {
        let out = parse_response(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("anthropic/messages.response.json"),
        })
        .unwrap();
        assert_eq!(out.content, "Hi! My name is Claude.");
        assert_eq!(out.finish_reason, FinishReason::Stop);
        assert_eq!(out.usage.input_tokens, 2095);
        assert_eq!(out.usage.output_tokens, 503);
        assert_eq!(out.model, "claude-sonnet-4-20250514");
    }

    #[test]
    fn parses_errors_including_overloaded() {
        let failure = parse_response(&HttpResponse {
            status: 400,
            headers: Vec::new(),
            body: fixture("anthropic/messages.error-4xx.json"),
        })
        .unwrap_err();
        assert_eq!(
            failure.to_string(),
            "HTTP 400 invalid_request_error: Invalid request"
        );
        assert!(!failure.is_retryable());
        let overloaded = parse_response(&HttpResponse {
            status: 529,
            headers: Vec::new(),
            body: br#"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#.to_vec(),
        })
        .unwrap_err();
        assert!(overloaded.is_retryable());
        assert!(overloaded.to_string().contains("overloaded_error"));
    }

    #[test]
    fn media_becomes_image_blocks_with_url_or_base64_sources() {
        let req = request(
            vec![Message::from_parts(
                Role::User,
                vec![
                    Part::text("Compare:"),
                    Part::media("https://x/a.jpg", None),
                    Part::media("data:image/png;base64,iVBORw0KGgo=", None),
                    Part::media("https://x/doc.pdf", Some("application/pdf")),
                ],
            )],
            Params::default(),
        );
        let body = build_request(&req, "claude", &endpoint()).json().unwrap();
        assert_eq!(
            body["messages"][0]["content"],
            json!([
                {"type": "text", "text": "Compare:"},
                {"type": "image", "source": {"type": "url", "url": "https://x/a.jpg"}},
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "document", "source": {"type": "url", "url": "https://x/doc.pdf"}},
            ])
        );
        let tiff = Media {
            url: "https://x/a.tiff".into(),
            content_type: Some("image/tiff".into()),
        };
        assert!(check_media(&tiff).unwrap_err().contains("image/tiff"));
    }
}
