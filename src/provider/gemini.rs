//! Google Gemini `generateContent` (`POST /v1beta/models/{model}:generateContent`).
//!
//! The key goes in the `x-goog-api-key` header, never in the URL's `?key=`, so URLs can be shown
//! in errors. System messages become `systemInstruction`; the `model` role keeps its name.
//! A blocked prompt is a 200 response with no candidates and `promptFeedback.blockReason`; it is
//! reported as [`Failure::Blocked`]. Retry hints come from `RetryInfo.retryDelay` in the error
//! details, since Gemini documents no rate-limit headers.

use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::prompt::Role;
use crate::prompt::message::Message;
use crate::provider::{
    ChatRequest, ChatResponse, Credential, Endpoint, Failure, FinishReason, HttpRequest,
    HttpResponse, OutputMode, ToolCall, Usage, body_excerpt, parse_json, retry, status_failure,
    tokens,
};
use crate::provider::{WirePart, has_content, media_type, wire_parts};

/// A message's `parts`: one `text` part, or for a message with media `text`, `inlineData` (a
/// `data:` URL's bytes) and `fileData` (any other URL) parts in order.
fn parts(m: &Message) -> Value {
    match wire_parts(m) {
        None => json!([{"text": m.content}]),
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                WirePart::Text(text) => json!({"text": text}),
                WirePart::Media(media) => {
                    let kind = media_type(media);
                    if let Some(data) = media.base64_data() {
                        json!({"inlineData": {
                            "mimeType": kind.unwrap_or_default(),
                            "data": data,
                        }})
                    } else {
                        let mut file = Map::new();
                        if let Some(kind) = kind {
                            file.insert("mimeType".into(), json!(kind));
                        }
                        file.insert("fileUri".into(), json!(media.url));
                        json!({"fileData": file})
                    }
                }
            })
            .collect(),
    }
}

/// Builds `POST {base}/models/{model}:generateContent`.
pub fn build_request(request: &ChatRequest, model: &str, endpoint: &Endpoint) -> HttpRequest {
    let params = &request.params;
    let mut body = Map::new();
    body.insert(
        "contents".into(),
        request
            .messages
            .iter()
            .filter(|m| m.role != Role::System && has_content(m))
            .map(|m| {
                let role = if m.role == Role::Model {
                    "model"
                } else {
                    "user"
                };
                json!({"role": role, "parts": parts(m)})
            })
            .collect(),
    );
    let system: Vec<Value> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| json!({"text": m.content}))
        .collect();
    if !system.is_empty() {
        body.insert("systemInstruction".into(), json!({"parts": system}));
    }
    let mut config = Map::new();
    if let Some(t) = params.temperature {
        config.insert("temperature".into(), json!(t));
    }
    if let Some(p) = params.top_p {
        config.insert("topP".into(), json!(p));
    }
    if let Some(k) = params.top_k {
        config.insert("topK".into(), json!(k));
    }
    if let Some(n) = params.max_output_tokens {
        config.insert("maxOutputTokens".into(), json!(n));
    }
    if !params.stop.is_empty() {
        config.insert("stopSequences".into(), json!(params.stop));
    }
    if let Some(seed) = params.seed {
        config.insert("seed".into(), json!(seed));
    }
    match &params.output {
        OutputMode::Text => {}
        OutputMode::Json => {
            config.insert("responseMimeType".into(), json!("application/json"));
        }
        OutputMode::JsonSchema { schema } => {
            config.insert("responseMimeType".into(), json!("application/json"));
            config.insert("responseJsonSchema".into(), schema.clone());
        }
    }
    if !config.is_empty() {
        body.insert("generationConfig".into(), Value::Object(config));
    }
    if !params.tools.is_empty() {
        let declarations: Vec<Value> = params
            .tools
            .iter()
            .map(|t| {
                let mut d = json!({"name": t.name, "parameters": t.parameters});
                if let Some(desc) = &t.description {
                    d["description"] = json!(desc);
                }
                d
            })
            .collect();
        body.insert(
            "tools".into(),
            json!([{"functionDeclarations": declarations}]),
        );
    }
    let model = model.strip_prefix("models/").unwrap_or(model);
    let mut http = HttpRequest::post_json(
        format!("{}/models/{model}:generateContent", endpoint.base_url),
        &Value::Object(body),
    );
    if let Credential::ApiKey(key) = &endpoint.credential {
        http.secret_header("x-goog-api-key", "", key);
    }
    for (name, value) in &endpoint.headers {
        http.header(name, value.clone());
    }
    http
}

/// Parses a `GenerateContentResponse` or a Google API error.
pub fn parse_response(response: &HttpResponse) -> Result<ChatResponse, Failure> {
    if response.status != 200 {
        return Err(parse_error(response));
    }
    let value = parse_json(&response.body)?;
    let candidate = value.get("candidates").and_then(|c| c.get(0));
    let Some(candidate) = candidate else {
        if let Some(reason) = value
            .pointer("/promptFeedback/blockReason")
            .and_then(Value::as_str)
        {
            return Err(Failure::Blocked {
                reason: reason.to_owned(),
            });
        }
        return Err(Failure::malformed("no `candidates[0]` in the response"));
    };
    let mut content = String::new();
    let mut tool_calls = Vec::new();
    for part in candidate
        .pointer("/content/parts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if part.get("thought").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if let Some(text) = part.get("text").and_then(Value::as_str) {
            content.push_str(text);
        }
        if let Some(call) = part.get("functionCall") {
            tool_calls.push(ToolCall {
                id: call.get("id").and_then(Value::as_str).map(str::to_owned),
                name: call
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                arguments: call.get("args").cloned().unwrap_or(json!({})).to_string(),
            });
        }
    }
    let raw = candidate.get("finishReason").and_then(Value::as_str);
    let finish = match raw {
        _ if !tool_calls.is_empty() => FinishReason::ToolCalls,
        Some("STOP") | None => FinishReason::Stop,
        Some("MAX_TOKENS") => FinishReason::Length,
        Some("SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII") => {
            FinishReason::ContentFilter
        }
        Some(_) => FinishReason::Other,
    };
    let usage = value.get("usageMetadata").cloned().unwrap_or(Value::Null);
    let mut out = ChatResponse::parsed(
        content,
        (finish, raw.map(str::to_owned)),
        Usage {
            input_tokens: tokens(&usage, "promptTokenCount"),
            output_tokens: tokens(&usage, "candidatesTokenCount")
                + tokens(&usage, "thoughtsTokenCount"),
            cached_input_tokens: tokens(&usage, "cachedContentTokenCount"),
        },
    );
    out.tool_calls = tool_calls;
    value
        .get("modelVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .clone_into(&mut out.model);
    out.id = value
        .get("responseId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(out)
}

/// Parses `{"error": {"code", "message", "status", "details": [...]}}`.
fn parse_error(response: &HttpResponse) -> Failure {
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    let code = error
        .and_then(|e| e.get("status"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let message = error
        .and_then(|e| e.get("message"))
        .and_then(Value::as_str)
        .map_or_else(|| body_excerpt(&response.body), str::to_owned);
    let mut failure = status_failure(response, code, message);
    if let Failure::Status { retry_after, .. } = &mut failure
        && retry_after.is_none()
    {
        *retry_after = error.and_then(retry_info_delay);
    }
    failure
}

/// `RetryInfo.retryDelay` (`"37s"`, `"1.5s"`) from an error's details.
fn retry_info_delay(error: &Value) -> Option<Duration> {
    error
        .get("details")?
        .as_array()?
        .iter()
        .filter(|d| {
            d.get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.ends_with("google.rpc.RetryInfo"))
        })
        .find_map(|d| d.get("retryDelay").and_then(Value::as_str))
        .and_then(retry::parse_go_duration)
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
            "gemini",
            Kind::Gemini,
            "https://generativelanguage.googleapis.com/v1beta",
            "AIza-test",
        )
    }

    fn request(messages: Vec<Message>, params: Params) -> ChatRequest {
        chat_request("gemini/gemini-2.5-flash", messages, params)
    }

    #[test]
    fn request_matches_the_cookbook_examples() {
        let example: Value =
            serde_json::from_slice(&fixture("gemini/generate-content.text.request.json")).unwrap();
        let req = request(
            vec![Message::text(
                Role::User,
                "Give me python code to sort a list.",
            )],
            Params::default(),
        );
        let http = build_request(&req, "gemini-2.5-flash", &endpoint());
        assert_eq!(
            http.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
        );
        let body = http.json().unwrap();
        assert_eq!(
            body["contents"][0]["parts"],
            example["contents"][0]["parts"]
        );
        assert!(!http.url.contains("key="));

        let req = request(
            vec![
                Message::text(Role::System, "You are Neko the cat respond like one"),
                Message::text(Role::User, "Hello there"),
            ],
            Params {
                temperature: Some(0.9),
                max_output_tokens: Some(2000),
                stop: vec!["Title".into()],
                output: OutputMode::JsonSchema {
                    schema: json!({"type": "object"}),
                },
                ..Params::default()
            },
        );
        let body = build_request(&req, "models/gemini-2.5-flash", &endpoint())
            .json()
            .unwrap();
        assert_eq!(
            body["systemInstruction"]["parts"][0]["text"],
            "You are Neko the cat respond like one"
        );
        assert_eq!(body["generationConfig"]["stopSequences"], json!(["Title"]));
        assert_eq!(body["generationConfig"]["temperature"], 0.9);
        assert_eq!(body["generationConfig"]["maxOutputTokens"], 2000);
        assert_eq!(
            body["generationConfig"]["responseMimeType"],
            "application/json"
        );
    }

    #[test]
    fn parses_the_cookbook_response() {
        let out = parse_response(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("gemini/generate-content.text.response.json"),
        })
        .unwrap();
        assert!(out.content.starts_with("```python"));
        assert_eq!(out.finish_reason, FinishReason::Stop);
        assert_eq!(out.usage.input_tokens, 9);
        assert_eq!(out.usage.output_tokens, 87);
    }

    #[test]
    fn blocked_prompt_is_a_blocked_failure() {
        let failure = parse_response(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("gemini/generate-content.prompt-blocked.response.json"),
        })
        .unwrap_err();
        assert_eq!(
            failure,
            Failure::Blocked {
                reason: "SAFETY".into()
            }
        );
        assert!(!failure.is_retryable());
    }

    #[test]
    fn error_with_retry_info() {
        let failure = parse_response(&HttpResponse {
            status: 429,
            headers: Vec::new(),
            body: br#"{"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED",
              "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}]}}"#
                .to_vec(),
        })
        .unwrap_err();
        assert_eq!(failure.retry_after(), Some(Duration::from_secs(37)));
        assert!(
            failure
                .to_string()
                .starts_with("HTTP 429 RESOURCE_EXHAUSTED: Quota exceeded")
        );
    }

    #[test]
    fn media_becomes_inline_data_or_file_data_parts() {
        let req = request(
            vec![Message::from_parts(
                Role::User,
                vec![
                    Part::text("Describe:"),
                    Part::media("data:image/png;base64,iVBORw0KGgo=", None),
                    Part::media("gs://bucket/clip.mp4", Some("video/mp4")),
                ],
            )],
            Params::default(),
        );
        let body = build_request(&req, "gemini-2.5-flash", &endpoint())
            .json()
            .unwrap();
        assert_eq!(
            body["contents"][0]["parts"],
            json!([
                {"text": "Describe:"},
                {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                {"fileData": {"mimeType": "video/mp4", "fileUri": "gs://bucket/clip.mp4"}},
            ])
        );
    }
}
