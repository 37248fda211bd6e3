//! OpenAI wire formats: Chat Completions (`POST /chat/completions`) and Responses
//! (`POST /responses`).
//!
//! Chat Completions is also the shape Azure OpenAI and every OpenAI-compatible server speak, so
//! [`build_chat`] takes a [`ChatDialect`] for the few places they differ (the name of the token
//! limit, whether `top_k` is accepted). Auth is `Authorization: Bearer <key>`; errors are
//! `{"error": {"message", "type", "param", "code"}}`.

use serde_json::{Map, Value, json};

use crate::prompt::Role;
use crate::prompt::message::{Media, Message};
use crate::provider::{
    ChatRequest, ChatResponse, Credential, Endpoint, Failure, FinishReason, HttpRequest,
    HttpResponse, OutputMode, ToolCall, Usage, body_excerpt, parse_json, status_failure, tokens,
};
use crate::provider::{WirePart, has_content, media_type, wire_parts};

/// Where Chat Completions servers differ from OpenAI's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatDialect {
    /// `max_completion_tokens` (OpenAI) or `max_tokens` (older servers).
    pub max_tokens_field: &'static str,
    /// Whether `top_k` is sent (vLLM, llama.cpp and others accept it; OpenAI rejects it).
    pub top_k: bool,
    /// The name of the sampling seed (`seed`; Mistral calls it `random_seed`).
    pub seed_field: &'static str,
}

/// OpenAI's own Chat Completions.
pub const OPENAI: ChatDialect = ChatDialect {
    max_tokens_field: "max_completion_tokens",
    top_k: false,
    seed_field: "seed",
};

/// The role names Chat Completions uses.
fn chat_role(role: Role) -> &'static str {
    match role {
        Role::System => "system",
        Role::User | Role::Tool => "user",
        Role::Model => "assistant",
    }
}

/// A message's Chat Completions `content`: its text, or for a message with media a list of
/// `text` and `image_url` parts.
fn chat_content(m: &Message) -> Value {
    match wire_parts(m) {
        None => json!(m.content),
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                WirePart::Text(text) => json!({"type": "text", "text": text}),
                WirePart::Media(media) => {
                    json!({"type": "image_url", "image_url": {"url": media.url}})
                }
            })
            .collect(),
    }
}

/// A message's Responses `content`: its text, or for a message with media a list of
/// `input_text` and `input_image` parts (`output_text` for the model's turns).
fn responses_content(m: &Message) -> Value {
    match wire_parts(m) {
        None => json!(m.content),
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                WirePart::Text(text) if m.role == Role::Model => {
                    json!({"type": "output_text", "text": text})
                }
                WirePart::Text(text) => json!({"type": "input_text", "text": text}),
                WirePart::Media(media) => json!({"type": "input_image", "image_url": media.url}),
            })
            .collect(),
    }
}

/// Chat Completions takes images (by URL or `data:` URL) in the user's turns only.
pub(crate) fn check_chat_media(role: Role, media: &Media) -> Result<(), String> {
    check_image_only("Chat Completions", role, media)
}

/// Responses takes images (`input_image`) in the user's turns only.
pub(crate) fn check_responses_media(role: Role, media: &Media) -> Result<(), String> {
    check_image_only("the Responses API", role, media)
}

fn check_image_only(api: &str, role: Role, media: &Media) -> Result<(), String> {
    if role == Role::Model {
        return Err(format!("{api} takes media in user messages only"));
    }
    match media_type(media) {
        Some(t) if !t.starts_with("image/") => Err(format!(
            "{api} takes images here, not `{t}` (`{}`)",
            media.describe()
        )),
        _ => Ok(()),
    }
}

/// Builds a Chat Completions request body (without URL or auth).
pub fn chat_body(request: &ChatRequest, model: &str, dialect: ChatDialect) -> Value {
    let params = &request.params;
    let mut body = Map::new();
    body.insert("model".into(), json!(model));
    body.insert(
        "messages".into(),
        request
            .messages
            .iter()
            .filter(|m| has_content(m))
            .map(|m| json!({"role": chat_role(m.role), "content": chat_content(m)}))
            .collect(),
    );
    if let Some(t) = params.temperature {
        body.insert("temperature".into(), json!(t));
    }
    if let Some(n) = params.max_output_tokens {
        body.insert(dialect.max_tokens_field.into(), json!(n));
    }
    if let Some(p) = params.top_p {
        body.insert("top_p".into(), json!(p));
    }
    if dialect.top_k
        && let Some(k) = params.top_k
    {
        body.insert("top_k".into(), json!(k));
    }
    if !params.stop.is_empty() {
        body.insert("stop".into(), json!(params.stop));
    }
    if let Some(seed) = params.seed {
        body.insert(dialect.seed_field.into(), json!(seed));
    }
    match &params.output {
        OutputMode::Text => {}
        OutputMode::Json => {
            body.insert("response_format".into(), json!({"type": "json_object"}));
        }
        OutputMode::JsonSchema { schema } => {
            body.insert(
                "response_format".into(),
                json!({"type": "json_schema", "json_schema": {"name": "output", "schema": schema}}),
            );
        }
    }
    if !params.tools.is_empty() {
        body.insert(
            "tools".into(),
            params
                .tools
                .iter()
                .map(|t| {
                    let mut function = json!({"name": t.name, "parameters": t.parameters});
                    if let Some(d) = &t.description {
                        function["description"] = json!(d);
                    }
                    json!({"type": "function", "function": function})
                })
                .collect(),
        );
    }
    Value::Object(body)
}

/// Builds `POST {base}/chat/completions` with bearer auth.
pub fn build_chat(
    request: &ChatRequest,
    model: &str,
    endpoint: &Endpoint,
    dialect: ChatDialect,
) -> HttpRequest {
    let body = chat_body(request, model, dialect);
    let mut http = HttpRequest::post_json(format!("{}/chat/completions", endpoint.base_url), &body);
    bearer(&mut http, endpoint);
    http
}

/// Adds `Authorization: Bearer <key>` and the endpoint's extra headers.
pub(crate) fn bearer(http: &mut HttpRequest, endpoint: &Endpoint) {
    if let Credential::ApiKey(key) = &endpoint.credential {
        http.secret_header("authorization", "Bearer ", key);
    }
    for (name, value) in &endpoint.headers {
        http.header(name, value.clone());
    }
}

/// Parses the `{"error": {...}}` body of a failed OpenAI-style call.
pub fn parse_error(response: &HttpResponse) -> Failure {
    let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    let (code, message) = match error {
        Some(Value::Object(e)) => (
            e.get("code")
                .and_then(Value::as_str)
                .or_else(|| e.get("type").and_then(Value::as_str))
                .map(str::to_owned),
            e.get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        ),
        // Ollama and some other servers send `{"error": "text"}`.
        Some(Value::String(text)) => (None, text.clone()),
        _ => (None, body_excerpt(&response.body)),
    };
    status_failure(response, code, message)
}

/// Maps a Chat Completions `finish_reason`.
pub fn chat_finish(raw: Option<&str>) -> FinishReason {
    match raw {
        Some("stop") | None => FinishReason::Stop,
        Some("length") => FinishReason::Length,
        Some("tool_calls" | "function_call") => FinishReason::ToolCalls,
        Some("content_filter") => FinishReason::ContentFilter,
        Some(_) => FinishReason::Other,
    }
}

/// Parses a Chat Completions response (OpenAI, Azure and compatible servers).
pub fn parse_chat(response: &HttpResponse) -> Result<ChatResponse, Failure> {
    if response.status != 200 {
        return Err(parse_error(response));
    }
    let value = parse_json(&response.body)?;
    if let Some(error) = value.get("error").filter(|e| !e.is_null()) {
        return Err(Failure::malformed(format!(
            "the body carries an error: {error}"
        )));
    }
    let choice = value
        .get("choices")
        .and_then(|c| c.get(0))
        .ok_or_else(|| Failure::malformed("no `choices[0]` in the response"))?;
    let message = choice
        .get("message")
        .ok_or_else(|| Failure::malformed("no `choices[0].message` in the response"))?;
    let content = message
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let raw_finish = choice.get("finish_reason").and_then(Value::as_str);
    let usage = value.get("usage").cloned().unwrap_or(Value::Null);
    let cached = usage
        .get("prompt_tokens_details")
        .map_or(0, |d| tokens(d, "cached_tokens"));
    let mut out = ChatResponse::parsed(
        content,
        (chat_finish(raw_finish), raw_finish.map(str::to_owned)),
        Usage {
            input_tokens: tokens(&usage, "prompt_tokens"),
            output_tokens: tokens(&usage, "completion_tokens"),
            cached_input_tokens: cached,
        },
    );
    if let Some(Value::Array(calls)) = message.get("tool_calls") {
        out.tool_calls = calls
            .iter()
            .map(|c| ToolCall {
                id: c.get("id").and_then(Value::as_str).map(str::to_owned),
                name: c
                    .pointer("/function/name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                arguments: c
                    .pointer("/function/arguments")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            })
            .collect();
    }
    value
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .clone_into(&mut out.model);
    out.id = value.get("id").and_then(Value::as_str).map(str::to_owned);
    Ok(out)
}

/// Builds `POST {base}/responses`: system messages become `instructions`.
pub fn build_responses(request: &ChatRequest, model: &str, endpoint: &Endpoint) -> HttpRequest {
    let params = &request.params;
    let mut body = Map::new();
    body.insert("model".into(), json!(model));
    let instructions: Vec<&str> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| m.content.as_str())
        .collect();
    if !instructions.is_empty() {
        body.insert("instructions".into(), json!(instructions.join("\n\n")));
    }
    body.insert(
        "input".into(),
        request
            .messages
            .iter()
            .filter(|m| m.role != Role::System && has_content(m))
            .map(|m| json!({"role": chat_role(m.role), "content": responses_content(m)}))
            .collect(),
    );
    if let Some(t) = params.temperature {
        body.insert("temperature".into(), json!(t));
    }
    if let Some(n) = params.max_output_tokens {
        body.insert("max_output_tokens".into(), json!(n));
    }
    if let Some(p) = params.top_p {
        body.insert("top_p".into(), json!(p));
    }
    match &params.output {
        OutputMode::Text => {}
        OutputMode::Json => {
            body.insert("text".into(), json!({"format": {"type": "json_object"}}));
        }
        OutputMode::JsonSchema { schema } => {
            body.insert(
                "text".into(),
                json!({"format": {"type": "json_schema", "name": "output", "schema": schema}}),
            );
        }
    }
    if !params.tools.is_empty() {
        body.insert(
            "tools".into(),
            params
                .tools
                .iter()
                .map(|t| {
                    let mut tool =
                        json!({"type": "function", "name": t.name, "parameters": t.parameters});
                    if let Some(d) = &t.description {
                        tool["description"] = json!(d);
                    }
                    tool
                })
                .collect(),
        );
    }
    let mut http = HttpRequest::post_json(
        format!("{}/responses", endpoint.base_url),
        &Value::Object(body),
    );
    bearer(&mut http, endpoint);
    http
}

/// Parses a Responses API response.
pub fn parse_responses(response: &HttpResponse) -> Result<ChatResponse, Failure> {
    if response.status != 200 {
        return Err(parse_error(response));
    }
    let value = parse_json(&response.body)?;
    let status = value.get("status").and_then(Value::as_str).unwrap_or("");
    if status == "failed" {
        let message = value
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or("no message");
        return Err(Failure::malformed(format!(
            "the response has status `failed`: {message}"
        )));
    }
    let output = value
        .get("output")
        .and_then(Value::as_array)
        .ok_or_else(|| Failure::malformed("no `output` array in the response"))?;
    let mut content = String::new();
    let mut tool_calls = Vec::new();
    for item in output {
        match item.get("type").and_then(Value::as_str) {
            Some("message") => {
                for part in item
                    .get("content")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if part.get("type").and_then(Value::as_str) == Some("output_text") {
                        content.push_str(part.get("text").and_then(Value::as_str).unwrap_or(""));
                    }
                }
            }
            Some("function_call") => tool_calls.push(ToolCall {
                id: item
                    .get("call_id")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                name: item
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                arguments: item
                    .get("arguments")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            }),
            _ => {}
        }
    }
    let incomplete = value
        .pointer("/incomplete_details/reason")
        .and_then(Value::as_str);
    let finish = match (status, incomplete) {
        (_, Some("max_output_tokens")) => FinishReason::Length,
        (_, Some("content_filter")) => FinishReason::ContentFilter,
        _ if !tool_calls.is_empty() => FinishReason::ToolCalls,
        ("completed", _) => FinishReason::Stop,
        _ => FinishReason::Other,
    };
    let usage = value.get("usage").cloned().unwrap_or(Value::Null);
    let mut out = ChatResponse::parsed(
        content,
        (finish, Some(incomplete.unwrap_or(status).to_owned())),
        Usage {
            input_tokens: tokens(&usage, "input_tokens"),
            output_tokens: tokens(&usage, "output_tokens"),
            cached_input_tokens: usage
                .get("input_tokens_details")
                .map_or(0, |d| tokens(d, "cached_tokens")),
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
pub(crate) mod tests {
    use super::*;
    use crate::prompt::Message;
    use crate::prompt::message::{Media, Part};
    use crate::provider::{Kind, OutputMode, Params, Secret, Target, Tool};

    pub(crate) fn fixture(path: &str) -> Vec<u8> {
        let full = format!(
            "{}/tests/fixtures/providers/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
    }

    /// An endpoint of `kind` at `base_url` with API key `key`, for the adapters' tests.
    pub(crate) fn key_endpoint(provider: &str, kind: Kind, base_url: &str, key: &str) -> Endpoint {
        Endpoint {
            provider: provider.into(),
            kind,
            base_url: base_url.into(),
            credential: Credential::ApiKey(Secret::new(key)),
            region: None,
            api_version: None,
            headers: Vec::new(),
        }
    }

    /// A request for `target` (`provider/model`), for the adapters' tests.
    pub(crate) fn chat_request(
        target: &str,
        messages: Vec<Message>,
        params: Params,
    ) -> ChatRequest {
        ChatRequest {
            targets: vec![Target::parse(target).unwrap()],
            messages,
            params,
        }
    }

    fn endpoint() -> Endpoint {
        key_endpoint(
            "openai",
            Kind::Openai,
            "https://api.openai.com/v1",
            "sk-test-key",
        )
    }

    fn request(messages: Vec<Message>, params: Params) -> ChatRequest {
        chat_request("openai/gpt-4o", messages, params)
    }

    #[test]
    fn chat_request_matches_the_spec_example() {
        let example: Value =
            serde_json::from_slice(&fixture("openai/chat-completions.default.request.json"))
                .unwrap();
        let req = request(
            vec![
                Message::text(Role::System, "You are a helpful assistant."),
                Message::text(Role::User, "Hello!"),
            ],
            Params::default(),
        );
        let http = build_chat(&req, "VAR_chat_model_id", &endpoint(), OPENAI);
        assert_eq!(http.url, "https://api.openai.com/v1/chat/completions");
        let body = http.json().unwrap();
        // The example uses `developer`; `system` is the equivalent role the spec also lists.
        assert_eq!(body["model"], example["model"]);
        assert_eq!(body["messages"][1], example["messages"][1]);
        assert_eq!(
            body["messages"][0]["content"],
            example["messages"][0]["content"]
        );
        let auth = &http
            .headers
            .iter()
            .find(|(n, _)| n == "authorization")
            .unwrap()
            .1;
        assert_eq!(auth.redacted(), "Bearer ***");
        assert_eq!(auth.expose(), "Bearer sk-test-key");
    }

    #[test]
    fn chat_request_with_media_matches_the_image_input_example() {
        let example: Value =
            serde_json::from_slice(&fixture("openai/chat-completions.image-input.request.json"))
                .unwrap();
        let url = example["messages"][0]["content"][1]["image_url"]["url"]
            .as_str()
            .unwrap();
        let req = request(
            vec![Message::from_parts(
                Role::User,
                vec![
                    Part::text("What is in this image?"),
                    Part::media(url, Some("image/jpeg")),
                ],
            )],
            Params::default(),
        );
        let body = build_chat(&req, "gpt-5.4", &endpoint(), OPENAI)
            .json()
            .unwrap();
        assert_eq!(body["messages"], example["messages"]);
    }

    #[test]
    fn responses_request_with_media_matches_the_image_input_example() {
        let example: Value =
            serde_json::from_slice(&fixture("openai/responses.image-input.request.json")).unwrap();
        let url = example["input"][0]["content"][1]["image_url"]
            .as_str()
            .unwrap();
        let req = request(
            vec![Message::from_parts(
                Role::User,
                vec![Part::text("what is in this image?"), Part::media(url, None)],
            )],
            Params::default(),
        );
        let body = build_responses(&req, "gpt-5.4", &endpoint())
            .json()
            .unwrap();
        assert_eq!(body["input"], example["input"]);
    }

    #[test]
    fn media_openai_cannot_take_is_refused_before_sending() {
        let audio = Media {
            url: "https://x/a.mp3".into(),
            content_type: None,
        };
        assert!(
            check_chat_media(Role::User, &audio)
                .unwrap_err()
                .contains("audio/mpeg")
        );
        let image = Media {
            url: "https://x/a.png".into(),
            content_type: None,
        };
        assert!(check_chat_media(Role::User, &image).is_ok());
        assert!(check_chat_media(Role::Model, &image).is_err());
    }

    #[test]
    fn chat_request_maps_every_setting() {
        let params = Params {
            temperature: Some(0.5),
            max_output_tokens: Some(100),
            top_p: Some(0.9),
            top_k: Some(5),
            stop: vec!["END".into()],
            seed: Some(3),
            output: OutputMode::JsonSchema {
                schema: json!({"type": "object"}),
            },
            tools: vec![Tool {
                name: "lookup".into(),
                description: Some("Look up".into()),
                parameters: json!({"type": "object"}),
            }],
        };
        let body = chat_body(&request(Vec::new(), params), "gpt-4o", OPENAI);
        assert_eq!(body["temperature"], 0.5);
        assert_eq!(body["max_completion_tokens"], 100);
        assert_eq!(body["top_p"], 0.9);
        assert!(body.get("top_k").is_none(), "OpenAI has no top_k");
        assert_eq!(body["stop"], json!(["END"]));
        assert_eq!(body["seed"], 3);
        assert_eq!(body["response_format"]["type"], "json_schema");
        assert_eq!(body["response_format"]["json_schema"]["name"], "output");
        assert_eq!(body["tools"][0]["function"]["name"], "lookup");
    }

    #[test]
    fn parses_the_spec_chat_response() {
        let response = HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("openai/chat-completions.default.response.json"),
        };
        let out = parse_chat(&response).unwrap();
        assert_eq!(out.content, "Hello! How can I assist you today?");
        assert_eq!(out.finish_reason, FinishReason::Stop);
        assert_eq!(out.usage.input_tokens, 19);
        assert_eq!(out.usage.output_tokens, 10);
        assert_eq!(out.model, "gpt-5.4");
        assert_eq!(
            out.id.as_deref(),
            Some("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT")
        );
    }

    #[test]
    fn parses_tool_calls() {
        let response = HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("openai/chat-completions.functions.response.json"),
        };
        let out = parse_chat(&response).unwrap();
        assert_eq!(out.finish_reason, FinishReason::ToolCalls);
        assert_eq!(out.tool_calls[0].name, "get_current_weather");
        assert_eq!(out.content, "");
    }

    #[test]
    fn error_body_gives_code_message_and_retry_after() {
        let response = HttpResponse {
            status: 429,
            headers: vec![("retry-after".into(), "3".into())],
            body: br#"{"error": {"message": "Rate limit reached", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}"#.to_vec(),
        };
        let failure = parse_chat(&response).unwrap_err();
        assert_eq!(
            failure.to_string(),
            "HTTP 429 rate_limit_exceeded: Rate limit reached (asked to retry after 3.0s)"
        );
        assert!(failure.is_retryable());
    }

    #[test]
    fn missing_choices_is_malformed() {
        let failure = parse_chat(&HttpResponse::ok_json(&json!({"id": "x"}))).unwrap_err();
        assert!(matches!(failure, Failure::Malformed { .. }));
    }

    #[test]
    fn responses_request_and_response() {
        let req = request(
            vec![
                Message::text(Role::System, "Be brief."),
                Message::text(
                    Role::User,
                    "Tell me a three sentence bedtime story about a unicorn.",
                ),
            ],
            Params {
                max_output_tokens: Some(50),
                output: OutputMode::Json,
                ..Params::default()
            },
        );
        let http = build_responses(&req, "gpt-5.4", &endpoint());
        assert_eq!(http.url, "https://api.openai.com/v1/responses");
        let body = http.json().unwrap();
        assert_eq!(body["instructions"], "Be brief.");
        assert_eq!(body["input"][0]["role"], "user");
        assert_eq!(body["max_output_tokens"], 50);
        assert_eq!(body["text"]["format"]["type"], "json_object");

        let out = parse_responses(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("openai/responses.text-input.response.json"),
        })
        .unwrap();
        assert!(out.content.starts_with("In a peaceful grove"));
        assert_eq!(out.usage.input_tokens, 36);
        assert_eq!(out.usage.output_tokens, 87);
        assert_eq!(out.finish_reason, FinishReason::Stop);

        let out = parse_responses(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: fixture("openai/responses.functions.response.json"),
        })
        .unwrap();
        assert_eq!(out.finish_reason, FinishReason::ToolCalls);
        assert_eq!(
            out.tool_calls[0].id.as_deref(),
            Some("call_unLAR8MvFNptuiZK6K6HCy5k")
        );
    }
}
