//! Loopback mock LLM servers, one per wire format, for end-to-end tests and the benchmark.
//!
//! Each server listens on 127.0.0.1 only, speaks HTTP/1.1 with keep-alive (a thread per
//! connection), records every request, and checks it against the provider's published request
//! shape (path, auth headers, required body fields and role names). A request that breaks the
//! shape gets a 400 and is listed in [`MockServer::violations`], which tests assert is empty.
//! Replies are scripted: a queue consumed in order, then a default. A reply can be a JSON body
//! with any status and headers, a delay, a dropped connection, or a truncated body. A server can
//! also hold every answer until the test releases it, which makes races between processes
//! deterministic.
#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

/// The wire format a mock speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// OpenAI Chat Completions (also compatible servers).
    OpenAi,
    /// Azure OpenAI (`api-key`, deployment or v1 paths).
    Azure,
    /// Anthropic Messages.
    Anthropic,
    /// Gemini generateContent.
    Gemini,
    /// Bedrock Converse.
    Bedrock,
}

/// What the mock answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A full response.
    Status {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Wait, then answer.
    Delay(Duration, Box<Reply>),
    /// Close the connection without answering.
    Drop,
    /// Send headers announcing more body than is sent, then close.
    Truncated { body: String },
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply::Status {
            status,
            headers: Vec::new(),
            body: body.to_string(),
        }
    }

    /// Adds a header.
    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Status {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Status {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    /// A raw body with a status (for malformed JSON).
    pub fn raw(status: u16, body: &str) -> Reply {
        Reply::Status {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// A streamed (SSE) answer in the wire format, one event per piece.
    pub fn stream(wire: Wire, pieces: &[&str]) -> Reply {
        let mut body = String::new();
        let mut data = |event: Option<&str>, value: &Value| {
            if let Some(name) = event {
                body.push_str("event: ");
                body.push_str(name);
                body.push('\n');
            }
            body.push_str("data: ");
            body.push_str(&value.to_string());
            body.push_str("\n\n");
        };
        match wire {
            Wire::OpenAi | Wire::Azure | Wire::Bedrock => {
                for piece in pieces {
                    data(
                        None,
                        &json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "model": "mock-stream-served",
                        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": null}], "usage": null}),
                    );
                }
                data(
                    None,
                    &json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "model": "mock-stream-served",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": null}),
                );
                data(
                    None,
                    &json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "model": "mock-stream-served",
                    "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}}),
                );
                body.push_str("data: [DONE]\n\n");
            }
            Wire::Anthropic => {
                data(
                    Some("message_start"),
                    &json!({"type": "message_start", "message": {"id": "msg_s", "type": "message", "role": "assistant",
                    "content": [], "model": "claude-stream-served", "stop_reason": null, "stop_sequence": null,
                    "usage": {"input_tokens": 7, "output_tokens": 1}}}),
                );
                for piece in pieces {
                    data(
                        Some("content_block_delta"),
                        &json!({"type": "content_block_delta", "index": 0,
                        "delta": {"type": "text_delta", "text": piece}}),
                    );
                }
                data(
                    Some("message_delta"),
                    &json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
                    "usage": {"output_tokens": 3}}),
                );
                data(Some("message_stop"), &json!({"type": "message_stop"}));
            }
            Wire::Gemini => {
                for (i, piece) in pieces.iter().enumerate() {
                    let mut chunk = json!({"candidates": [{"content": {"parts": [{"text": piece}], "role": "model"}, "index": 0}]});
                    if i + 1 == pieces.len() {
                        chunk["candidates"][0]["finishReason"] = json!("STOP");
                        chunk["usageMetadata"] =
                            json!({"promptTokenCount": 4, "candidatesTokenCount": 2});
                    }
                    data(None, &chunk);
                }
            }
        }
        Reply::Status {
            status: 200,
            headers: Vec::new(),
            body,
        }
    }

    /// A successful answer in the wire format, with the given text.
    pub fn ok(wire: Wire, text: &str) -> Reply {
        let body = match wire {
            Wire::OpenAi | Wire::Azure => json!({
                "id": "chatcmpl-mock", "object": "chat.completion", "created": 1_741_569_952,
                "model": "mock-model-served",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text, "refusal": null},
                             "logprobs": null, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
                          "prompt_tokens_details": {"cached_tokens": 0}}
            }),
            Wire::Anthropic => json!({
                "id": "msg_mock", "type": "message", "role": "assistant",
                "content": [{"type": "text", "text": text}],
                "model": "claude-mock-served", "stop_reason": "end_turn", "stop_sequence": null,
                "usage": {"input_tokens": 12, "output_tokens": 6}
            }),
            Wire::Gemini => json!({
                "candidates": [{"content": {"parts": [{"text": text}], "role": "model"},
                                "finishReason": "STOP", "index": 0}],
                "usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": 4, "totalTokenCount": 13},
                "modelVersion": "gemini-mock-served"
            }),
            Wire::Bedrock => json!({
                "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
                "stopReason": "end_turn",
                "usage": {"inputTokens": 22, "outputTokens": 16, "totalTokens": 38},
                "metrics": {"latencyMs": 740}
            }),
        };
        Reply::json(200, &body)
    }
}

/// One request the mock received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// A header by lowercase name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

#[derive(Default)]
struct State {
    script: VecDeque<Reply>,
    when: Vec<(String, Reply)>,
    default: Option<Reply>,
    received: Vec<Received>,
    violations: Vec<String>,
    count: u64,
    in_flight: u64,
    max_in_flight: u64,
}

/// A running mock server.
#[derive(Clone)]
pub struct MockServer {
    port: u16,
    wire: Wire,
    state: Arc<Mutex<State>>,
    record: bool,
    held: Arc<(Mutex<bool>, Condvar)>,
}

impl MockServer {
    /// Starts a mock that answers `Reply::ok(wire, "mock answer")` unless scripted otherwise.
    pub fn start(wire: Wire) -> MockServer {
        MockServer::start_with(wire, true)
    }

    /// Starts a mock; `record: false` keeps only a count (for long benchmark runs).
    pub fn start_with(wire: Wire, record: bool) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        let server = MockServer {
            port,
            wire,
            state: Arc::new(Mutex::new(State::default())),
            record,
            held: Arc::new((Mutex::new(false), Condvar::new())),
        };
        server.set_default(Reply::ok(wire, "mock answer"));
        let accept = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let server = accept.clone();
                std::thread::spawn(move || server.serve(stream));
            }
        });
        server
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Queues replies, used in order before the default.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.state
            .lock()
            .expect("mock state")
            .script
            .extend(replies);
    }

    /// When the script is empty, answers a request whose body contains `needle` with `reply`
    /// (the first matching rule wins; the default answers the rest).
    pub fn when(&self, needle: &str, reply: Reply) {
        self.state
            .lock()
            .expect("mock state")
            .when
            .push((needle.to_owned(), reply));
    }

    /// Sets the reply used when the script is empty.
    pub fn set_default(&self, reply: Reply) {
        self.state.lock().expect("mock state").default = Some(reply);
    }

    /// Holds every answer (requests are still received and counted) until [`Self::release`].
    pub fn hold(&self) {
        *self.held.0.lock().expect("mock gate") = true;
    }

    /// Sends the held answers and stops holding.
    pub fn release(&self) {
        *self.held.0.lock().expect("mock gate") = false;
        self.held.1.notify_all();
    }

    /// Every request received.
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().expect("mock state").received.clone()
    }

    /// How many requests arrived.
    pub fn count(&self) -> u64 {
        self.state.lock().expect("mock state").count
    }

    /// The most requests that were being answered at once.
    pub fn max_in_flight(&self) -> u64 {
        self.state.lock().expect("mock state").max_in_flight
    }

    /// Requests that broke the wire format's shape.
    pub fn violations(&self) -> Vec<String> {
        self.state.lock().expect("mock state").violations.clone()
    }

    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_nodelay(true);
        let Ok(read_half) = stream.try_clone() else {
            return;
        };
        let mut reader = BufReader::new(read_half);
        let mut writer = stream;
        loop {
            let Some(request) = read_request(&mut reader) else {
                return;
            };
            let violation =
                validate(self.wire, &request).or_else(|| content_shape(self.wire, &request.json()));
            let reply = {
                let mut state = self.state.lock().expect("mock state");
                state.count += 1;
                state.in_flight += 1;
                state.max_in_flight = state.max_in_flight.max(state.in_flight);
                let body = String::from_utf8_lossy(&request.body).into_owned();
                let matched = state
                    .when
                    .iter()
                    .find(|(needle, _)| body.contains(needle.as_str()))
                    .map(|(_, reply)| reply.clone());
                if self.record {
                    state.received.push(request);
                }
                match violation {
                    Some(v) => {
                        state.violations.push(v.clone());
                        Reply::json(
                            400,
                            &json!({"error": {"message": v, "type": "mock_validation"}}),
                        )
                    }
                    None => state
                        .script
                        .pop_front()
                        .or(matched)
                        .or_else(|| state.default.clone())
                        .unwrap_or(Reply::Drop),
                }
            };
            let mut reply = reply;
            while let Reply::Delay(wait, inner) = reply {
                std::thread::sleep(wait);
                reply = *inner;
            }
            {
                let (held, released) = &*self.held;
                let mut held = held.lock().expect("mock gate");
                while *held {
                    held = released.wait(held).expect("mock gate");
                }
            }
            // Count the request as answered before the client can see the answer.
            self.state.lock().expect("mock state").in_flight -= 1;
            let open = send(&mut writer, reply);
            if !open {
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
        }
    }
}

/// Writes a reply; returns false when the connection must close.
fn send(writer: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Delay(wait, inner) => {
            std::thread::sleep(wait);
            send(writer, *inner)
        }
        Reply::Drop => false,
        Reply::Truncated { body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len() + 100
            );
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(body.as_bytes());
            let _ = writer.flush();
            false
        }
        Reply::Status {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
                body.len()
            );
            for (n, v) in headers {
                head.push_str(&n);
                head.push_str(": ");
                head.push_str(&v);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            writer.write_all(head.as_bytes()).is_ok()
                && writer.write_all(body.as_bytes()).is_ok()
                && writer.flush().is_ok()
        }
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        path,
        headers,
        body,
    })
}

/// Checks a request against the wire format's published shape.
fn validate(wire: Wire, request: &Received) -> Option<String> {
    if request.method != "POST" {
        return Some(format!("method {} is not POST", request.method));
    }
    let body = request.json();
    if !body.is_object() {
        return Some("the body is not a JSON object".into());
    }
    let roles = |key: &str, allowed: &[&str]| -> Option<String> {
        let messages = body.get(key).and_then(Value::as_array)?;
        if messages.is_empty() {
            return Some(format!("`{key}` is empty"));
        }
        messages.iter().find_map(|m| {
            let role = m.get("role").and_then(Value::as_str).unwrap_or("");
            (!allowed.contains(&role)).then(|| format!("role `{role}` is not one of {allowed:?}"))
        })
    };
    match wire {
        Wire::OpenAi | Wire::Azure => {
            if wire == Wire::OpenAi {
                if !request.path.ends_with("/chat/completions") {
                    return Some(format!("path {} is not .../chat/completions", request.path));
                }
                if body.get("model").and_then(Value::as_str).is_none() {
                    return Some("`model` is required".into());
                }
            } else {
                let dated = request.path.contains("/openai/deployments/")
                    && request.path.contains("/chat/completions?api-version=");
                let v1 = request.path.ends_with("/openai/v1/chat/completions");
                if !dated && !v1 {
                    return Some(format!("path {} is not an Azure chat path", request.path));
                }
                if request.header("api-key").is_none() {
                    return Some("`api-key` header is required".into());
                }
            }
            if body.get("messages").and_then(Value::as_array).is_none() {
                return Some("`messages` is required".into());
            }
            roles(
                "messages",
                &["developer", "system", "user", "assistant", "tool"],
            )
        }
        Wire::Anthropic => {
            if !request.path.ends_with("/messages") {
                return Some(format!("path {} is not .../messages", request.path));
            }
            if request.header("anthropic-version") != Some("2023-06-01") {
                return Some("`anthropic-version: 2023-06-01` is required".into());
            }
            if request.header("x-api-key").is_none() {
                return Some("`x-api-key` is required".into());
            }
            if body.get("model").and_then(Value::as_str).is_none() {
                return Some("`model` is required".into());
            }
            if body.get("max_tokens").and_then(Value::as_u64).is_none() {
                return Some("`max_tokens` is required".into());
            }
            roles("messages", &["user", "assistant"])
        }
        Wire::Gemini => {
            if !(request.path.contains("/models/") && request.path.ends_with(":generateContent")) {
                return Some(format!(
                    "path {} is not .../models/M:generateContent",
                    request.path
                ));
            }
            if request.header("x-goog-api-key").is_none() || request.path.contains("key=") {
                return Some("the key must be in `x-goog-api-key`".into());
            }
            let contents = body.get("contents").and_then(Value::as_array)?;
            contents.iter().find_map(|c| {
                let role = c.get("role").and_then(Value::as_str).unwrap_or("user");
                if !["user", "model"].contains(&role) {
                    Some(format!("role `{role}` is not user/model"))
                } else if c.get("parts").and_then(Value::as_array).is_none() {
                    Some("every content needs `parts`".into())
                } else {
                    None
                }
            })
        }
        Wire::Bedrock => {
            if !(request.path.starts_with("/model/") && request.path.ends_with("/converse")) {
                return Some(format!("path {} is not /model/M/converse", request.path));
            }
            let auth = request.header("authorization").unwrap_or("");
            let sigv4 = auth.starts_with("AWS4-HMAC-SHA256 Credential=")
                && auth.contains("/bedrock/aws4_request")
                && request.header("x-amz-date").is_some();
            if !sigv4 && !auth.starts_with("Bearer ") {
                return Some("SigV4 (service `bedrock`) or bearer auth is required".into());
            }
            roles("messages", &["user", "assistant"])
        }
    }
}

/// Checks every message's content against the wire format's published part shapes: text, and
/// images (OpenAI `image_url`; Anthropic `image`/`document` with a `url` or `base64` source;
/// Gemini `text`/`inlineData`/`fileData`; Bedrock `text`/`image` with `bytes` or `s3Location`).
fn content_shape(wire: Wire, body: &Value) -> Option<String> {
    let is_str = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).is_some();
    let only_keys = |v: &Value, keys: &[&str]| {
        v.as_object()
            .is_some_and(|o| o.keys().all(|k| keys.contains(&k.as_str())))
    };
    let list = |key: &str| {
        body.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    match wire {
        Wire::OpenAi | Wire::Azure => list("messages").iter().find_map(|m| {
            let content = m.get("content")?;
            if content.is_string() {
                return None;
            }
            let Some(parts) = content.as_array() else {
                return Some("`content` is neither text nor a list of parts".into());
            };
            parts
                .iter()
                .find_map(|p| match p.get("type").and_then(Value::as_str) {
                    Some("text") if is_str(p, "text") && only_keys(p, &["type", "text"]) => None,
                    Some("image_url")
                        if m["role"] == "user"
                            && p["image_url"].get("url").and_then(Value::as_str).is_some()
                            && only_keys(&p["image_url"], &["url", "detail"]) =>
                    {
                        None
                    }
                    _ => Some(format!("content part {p} is not a published part shape")),
                })
        }),
        Wire::Anthropic => {
            const MEDIA_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];
            list("messages").iter().find_map(|m| {
                let content = m.get("content")?;
                if content.is_string() {
                    return None;
                }
                let Some(blocks) = content.as_array() else {
                    return Some("`content` is neither text nor a list of blocks".into());
                };
                blocks.iter().find_map(|b| {
                    let source = &b["source"];
                    let source_ok = match source.get("type").and_then(Value::as_str) {
                        Some("url") => is_str(source, "url") && only_keys(source, &["type", "url"]),
                        Some("base64") => {
                            let media_type = source["media_type"].as_str().unwrap_or("");
                            let allowed = if b["type"] == "document" {
                                media_type == "application/pdf"
                            } else {
                                MEDIA_TYPES.contains(&media_type)
                            };
                            allowed
                                && is_str(source, "data")
                                && only_keys(source, &["type", "media_type", "data"])
                        }
                        _ => false,
                    };
                    match b.get("type").and_then(Value::as_str) {
                        Some("text") if is_str(b, "text") => None,
                        Some("image" | "document") if source_ok => None,
                        _ => Some(format!("content block {b} is not a published block shape")),
                    }
                })
            })
        }
        Wire::Gemini => list("contents").iter().find_map(|c| {
            c["parts"].as_array()?.iter().find_map(|p| {
                let ok = (is_str(p, "text") && only_keys(p, &["text"]))
                    || (is_str(&p["inlineData"], "mimeType")
                        && is_str(&p["inlineData"], "data")
                        && only_keys(p, &["inlineData"]))
                    || (is_str(&p["fileData"], "fileUri")
                        && only_keys(&p["fileData"], &["fileUri", "mimeType"])
                        && only_keys(p, &["fileData"]));
                (!ok).then(|| format!("part {p} is not one of text, inlineData, fileData"))
            })
        }),
        Wire::Bedrock => list("messages").iter().find_map(|m| {
            m["content"].as_array()?.iter().find_map(|b| {
                let image = &b["image"];
                let source = &image["source"];
                let image_ok = ["png", "jpeg", "gif", "webp"]
                    .contains(&image["format"].as_str().unwrap_or(""))
                    && ((is_str(source, "bytes") && only_keys(source, &["bytes"]))
                        || (source["s3Location"]["uri"]
                            .as_str()
                            .is_some_and(|u| u.starts_with("s3://"))
                            && only_keys(source, &["s3Location"])));
                let ok = (is_str(b, "text") && only_keys(b, &["text"]))
                    || (image_ok && only_keys(b, &["image"]));
                (!ok).then(|| format!("content block {b} is not a published block shape"))
            })
        }),
    }
}
