//! AWS Bedrock Runtime Converse (`POST /model/{modelId}/converse`), signed with SigV4.
//!
//! [`build_request`] is pure and unsigned; [`sign`] adds `X-Amz-Date`, the session token and
//! `Authorization` for a time the gateway passes in. The signing name is `bedrock` although the
//! host is `bedrock-runtime.{region}.amazonaws.com`. A Bedrock API key (bearer token) is also
//! accepted instead of access keys. JSON output uses a forced tool, as for Anthropic. Error
//! codes come from the `x-amzn-errortype` header (the part before `:`).

use serde_json::{Map, Value, json};

use crate::prompt::Role;
use crate::prompt::message::{Media, Message};
use crate::provider::sigv4::{self, Signer};
use crate::provider::{
    ChatRequest, ChatResponse, Credential, DEFAULT_MAX_OUTPUT_TOKENS, Endpoint, Failure,
    FinishReason, HeaderValue, HttpRequest, HttpResponse, OutputMode, ToolCall, Usage,
    anthropic::JSON_TOOL, body_excerpt, parse_json, status_failure, tokens,
};
use crate::provider::{WirePart, has_content, media_type, wire_parts};

/// The SigV4 signing name of Bedrock Runtime.
pub const SIGNING_NAME: &str = "bedrock";

/// The default endpoint for a region.
pub fn default_base_url(region: &str) -> String {
    format!("https://bedrock-runtime.{region}.amazonaws.com")
}

/// A message's `content` blocks: one `text` block, or for a message with media `text` and
/// `image` blocks in order (an image's bytes from a `data:` URL, or an `s3Location`).
fn content(m: &Message) -> Value {
    match wire_parts(m) {
        None => json!([{"text": m.content}]),
        Some(parts) => parts
            .iter()
            .map(|p| match p {
                WirePart::Text(text) => json!({"text": text}),
                WirePart::Media(media) => {
                    let format = image_format(media).unwrap_or("png");
                    let source = match media.base64_data() {
                        Some(data) => json!({"bytes": data}),
                        None => json!({"s3Location": {"uri": media.url}}),
                    };
                    json!({"image": {"format": format, "source": source}})
                }
            })
            .collect(),
    }
}

/// Converse's `ImageFormat` for the media's content type.
fn image_format(media: &Media) -> Option<&'static str> {
    match media_type(media)?.as_str() {
        "image/png" => Some("png"),
        "image/jpeg" => Some("jpeg"),
        "image/gif" => Some("gif"),
        "image/webp" => Some("webp"),
        _ => None,
    }
}

/// Converse takes PNG, JPEG, GIF and WebP images as bytes or from S3. An `https:` URL is
/// refused rather than fetched: promptctl sends what the prompt says and downloads nothing on
/// its behalf.
pub(crate) fn check_media(media: &Media) -> Result<(), String> {
    if image_format(media).is_none() {
        return Err(format!(
            "Converse takes PNG, JPEG, GIF and WebP images, not `{}`",
            media.describe()
        ));
    }
    if media.base64_data().is_none() && !media.url.starts_with("s3://") {
        return Err(format!(
            "Converse takes image bytes or an `s3://` location, not the URL `{}`: give the image as a base64 `data:` URL or an S3 URI (promptctl does not download media)",
            media.url
        ));
    }
    Ok(())
}

/// Builds the unsigned `POST {base}/model/{modelId}/converse`.
pub fn build_request(request: &ChatRequest, model: &str, endpoint: &Endpoint) -> HttpRequest {
    let params = &request.params;
    let mut body = Map::new();
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
    let system: Vec<Value> = request
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| json!({"text": m.content}))
        .collect();
    if !system.is_empty() {
        body.insert("system".into(), Value::Array(system));
    }
    let mut inference = Map::new();
    inference.insert(
        "maxTokens".into(),
        json!(
            params
                .max_output_tokens
                .unwrap_or(DEFAULT_MAX_OUTPUT_TOKENS)
        ),
    );
    if let Some(t) = params.temperature {
        inference.insert("temperature".into(), json!(t));
    }
    if let Some(p) = params.top_p {
        inference.insert("topP".into(), json!(p));
    }
    if !params.stop.is_empty() {
        inference.insert("stopSequences".into(), json!(params.stop));
    }
    body.insert("inferenceConfig".into(), Value::Object(inference));
    let mut tools: Vec<Value> = params
        .tools
        .iter()
        .map(|t| {
            let mut spec = json!({"name": t.name, "inputSchema": {"json": t.parameters}});
            if let Some(d) = &t.description {
                spec["description"] = json!(d);
            }
            json!({"toolSpec": spec})
        })
        .collect();
    let schema = match &params.output {
        OutputMode::Text => None,
        OutputMode::Json => Some(json!({"type": "object"})),
        OutputMode::JsonSchema { schema } => Some(schema.clone()),
    };
    let mut tool_config = Map::new();
    if let Some(schema) = schema {
        tools.push(json!({"toolSpec": {
            "name": JSON_TOOL,
            "description": "Return the answer as JSON matching this schema.",
            "inputSchema": {"json": schema},
        }}));
        tool_config.insert("toolChoice".into(), json!({"tool": {"name": JSON_TOOL}}));
    }
    if !tools.is_empty() {
        tool_config.insert("tools".into(), Value::Array(tools));
        body.insert("toolConfig".into(), Value::Object(tool_config));
    }
    let mut http = HttpRequest::post_json(
        format!(
            "{}/model/{}/converse",
            endpoint.base_url,
            sigv4::uri_encode(model, false)
        ),
        &Value::Object(body),
    );
    if let Credential::ApiKey(key) = &endpoint.credential {
        http.secret_header("authorization", "Bearer ", key);
    }
    for (name, value) in &endpoint.headers {
        http.header(name, value.clone());
    }
    http
}

/// Signs a request built by [`build_request`] with access keys, at `unix_secs`.
///
/// Does nothing for bearer-token or missing credentials.
pub fn sign(http: &mut HttpRequest, endpoint: &Endpoint, unix_secs: i64) {
    let Credential::Aws {
        access_key_id,
        secret_access_key,
        session_token,
    } = &endpoint.credential
    else {
        return;
    };
    let region = endpoint.region.as_deref().unwrap_or("us-east-1");
    let amz_date = sigv4::amz_date(unix_secs);
    let (host, path, query) = split_url(&http.url);
    let mut signed: Vec<(String, String)> = vec![
        ("host".into(), host),
        ("x-amz-date".into(), amz_date.clone()),
    ];
    for (name, value) in &http.headers {
        if let HeaderValue::Plain(v) = value {
            signed.push((name.clone(), v.clone()));
        }
    }
    if let Some(token) = session_token {
        signed.push(("x-amz-security-token".into(), token.expose().to_owned()));
    }
    let signature = Signer {
        access_key_id,
        secret_access_key,
        region,
        service: SIGNING_NAME,
    }
    .sign(&sigv4::Request {
        method: http.method,
        path: &path,
        query: &query,
        headers: &signed,
        payload: &http.body,
        amz_date: &amz_date,
    });
    http.header("x-amz-date", amz_date);
    if let Some(token) = session_token {
        http.secret_header("x-amz-security-token", "", token);
    }
    http.header("authorization", signature.authorization);
}

/// Splits `scheme://host[:port]/path?query` into host (with port), path and query.
fn split_url(url: &str) -> (String, String, String) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (authority, path_query) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    (authority.to_owned(), path.to_owned(), query.to_owned())
}

/// Parses a `ConverseResponse` or an error.
pub fn parse_response(response: &HttpResponse) -> Result<ChatResponse, Failure> {
    if response.status != 200 {
        let parsed: Option<Value> = serde_json::from_slice(&response.body).ok();
        let code = response
            .header("x-amzn-errortype")
            .map(|t| t.split(':').next().unwrap_or(t).to_owned())
            .or_else(|| {
                parsed
                    .as_ref()
                    .and_then(|v| v.get("__type").or_else(|| v.get("code")))
                    .and_then(Value::as_str)
                    .map(|t| t.rsplit('#').next().unwrap_or(t).to_owned())
            });
        let message = parsed
            .as_ref()
            .and_then(|v| v.get("message").or_else(|| v.get("Message")))
            .and_then(Value::as_str)
            .map_or_else(|| body_excerpt(&response.body), str::to_owned);
        return Err(status_failure(response, code, message));
    }
    let value = parse_json(&response.body)?;
    let blocks = value
        .pointer("/output/message/content")
        .and_then(Value::as_array)
        .ok_or_else(|| Failure::malformed("no `output.message.content` in the response"))?;
    let mut content = String::new();
    let mut tool_calls = Vec::new();
    let mut json_output = false;
    for block in blocks {
        if let Some(text) = block.get("text").and_then(Value::as_str) {
            content.push_str(text);
        }
        if let Some(tool) = block.get("toolUse") {
            let name = tool.get("name").and_then(Value::as_str).unwrap_or_default();
            let input = tool.get("input").cloned().unwrap_or(json!({}));
            if name == JSON_TOOL {
                content = input.to_string();
                json_output = true;
            } else {
                tool_calls.push(ToolCall {
                    id: tool
                        .get("toolUseId")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    name: name.to_owned(),
                    arguments: input.to_string(),
                });
            }
        }
    }
    let raw = value.get("stopReason").and_then(Value::as_str);
    let finish = match raw {
        _ if json_output && tool_calls.is_empty() => FinishReason::Stop,
        Some("end_turn" | "stop_sequence") | None => FinishReason::Stop,
        Some("max_tokens" | "model_context_window_exceeded") => FinishReason::Length,
        Some("tool_use") => FinishReason::ToolCalls,
        Some("guardrail_intervened" | "content_filtered") => FinishReason::ContentFilter,
        Some(_) => FinishReason::Other,
    };
    let usage = value.get("usage").cloned().unwrap_or(Value::Null);
    let cache_read = tokens(&usage, "cacheReadInputTokens");
    let mut out = ChatResponse::parsed(
        content,
        (finish, raw.map(str::to_owned)),
        Usage {
            input_tokens: tokens(&usage, "inputTokens")
                + cache_read
                + tokens(&usage, "cacheWriteInputTokens"),
            output_tokens: tokens(&usage, "outputTokens"),
            cached_input_tokens: cache_read,
        },
    );
    out.tool_calls = tool_calls;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Message;
    use crate::prompt::message::Part;
    use crate::provider::{Kind, Params, Secret, Target};

    fn endpoint(credential: Credential) -> Endpoint {
        Endpoint {
            provider: "bedrock".into(),
            kind: Kind::Bedrock,
            base_url: default_base_url("us-east-1"),
            credential,
            region: Some("us-east-1".into()),
            api_version: None,
            headers: Vec::new(),
        }
    }

    fn request() -> ChatRequest {
        ChatRequest {
            targets: vec![Target::parse("bedrock/anthropic.claude-v2:1").unwrap()],
            messages: vec![
                Message::text(Role::System, "You are terse."),
                Message::text(Role::User, "Hello"),
            ],
            params: Params {
                max_output_tokens: Some(256),
                temperature: Some(0.5),
                top_p: Some(0.9),
                ..Params::default()
            },
        }
    }

    #[test]
    fn request_has_the_converse_shape() {
        let http = build_request(
            &request(),
            "anthropic.claude-v2:1",
            &endpoint(Credential::None),
        );
        assert_eq!(
            http.url,
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2%3A1/converse"
        );
        assert_eq!(
            http.json().unwrap(),
            json!({"messages": [{"role": "user", "content": [{"text": "Hello"}]}],
                   "system": [{"text": "You are terse."}],
                   "inferenceConfig": {"maxTokens": 256, "temperature": 0.5, "topP": 0.9}})
        );
    }

    #[test]
    fn signing_adds_date_token_and_authorization() {
        let ep = endpoint(Credential::Aws {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            session_token: Some(Secret::new("session-token-value")),
        });
        let mut http = build_request(&request(), "anthropic.claude-v2:1", &ep);
        sign(&mut http, &ep, 1_440_938_160);
        let header = |name: &str| {
            http.headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.redacted())
                .unwrap()
        };
        assert_eq!(header("x-amz-date"), "20150830T123600Z");
        assert_eq!(header("x-amz-security-token"), "***");
        let auth = header("authorization");
        assert!(
            auth.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="
            ),
            "{auth}"
        );
        assert!(!auth.contains("EXAMPLEKEY"));
    }

    #[test]
    fn parses_response_and_errors() {
        let out = parse_response(&HttpResponse::ok_json(&json!({
            "output": {"message": {"role": "assistant", "content": [{"text": "Hi"}]}},
            "stopReason": "max_tokens",
            "usage": {"inputTokens": 22, "outputTokens": 16, "totalTokens": 38},
            "metrics": {"latencyMs": 740}
        })))
        .unwrap();
        assert_eq!(out.content, "Hi");
        assert_eq!(out.finish_reason, FinishReason::Length);
        assert_eq!(out.usage.input_tokens, 22);

        let failure = parse_response(&HttpResponse {
            status: 429,
            headers: vec![(
                "x-amzn-errortype".into(),
                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/".into(),
            )],
            body: br#"{"message": "Too many requests, please wait before trying again."}"#.to_vec(),
        })
        .unwrap_err();
        assert_eq!(
            failure.to_string(),
            "HTTP 429 ThrottlingException: Too many requests, please wait before trying again."
        );
        assert!(failure.is_retryable());
    }

    #[test]
    fn media_becomes_image_blocks_with_bytes_or_an_s3_location() {
        let mut req = request();
        req.messages = vec![Message::from_parts(
            Role::User,
            vec![
                Part::text("Look:"),
                Part::media("data:image/png;base64,iVBORw0KGgo=", None),
                Part::media("s3://bucket/a.jpeg", None),
            ],
        )];
        let body = build_request(&req, "m", &endpoint(Credential::None))
            .json()
            .unwrap();
        assert_eq!(
            body["messages"][0]["content"],
            json!([
                {"text": "Look:"},
                {"image": {"format": "png", "source": {"bytes": "iVBORw0KGgo="}}},
                {"image": {"format": "jpeg", "source": {"s3Location": {"uri": "s3://bucket/a.jpeg"}}}},
            ])
        );
    }

    #[test]
    fn a_media_url_is_refused_for_bedrock_not_fetched() {
        let url = Media {
            url: "https://x/a.png".into(),
            content_type: None,
        };
        let error = check_media(&url).unwrap_err();
        assert!(error.contains("`https://x/a.png`"), "{error}");
        assert!(error.contains("data:"), "{error}");
    }
}
