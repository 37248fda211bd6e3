//! Streaming responses: server-sent events, turned into text deltas and one final
//! [`ChatResponse`].
//!
//! OpenAI-style chat (`"stream": true`, `data: {chunk}` lines ending with `data: [DONE]`, usage
//! in a last chunk when `stream_options.include_usage` is set), Anthropic Messages (named events
//! from `message_start` to `message_stop`) and Gemini (`:streamGenerateContent?alt=sse`, each
//! event a complete response chunk) stream. Bedrock's binary event stream and the Responses API
//! do not: the gateway calls them without streaming. Everything here is pure: bytes in, deltas
//! and a response out. A stream that ends before its completion marker is a
//! [`Failure::Malformed`] naming what was missing, so the gateway can retry it when nothing was
//! shown yet.

use serde_json::{Value, json};

use crate::provider::{
    ChatResponse, Failure, FinishReason, HttpRequest, Kind, ToolCall, Usage, anthropic, openai,
};

/// Whether a wire format is called with streaming.
pub fn supports(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Openai | Kind::Compatible | Kind::Azure | Kind::Anthropic | Kind::Gemini
    )
}

/// Turns a built request into its streaming form.
pub fn make_streaming(kind: Kind, http: &mut HttpRequest) {
    let Some(mut body) = http.json() else {
        return;
    };
    match kind {
        Kind::Openai | Kind::Compatible | Kind::Azure => {
            body["stream"] = json!(true);
            body["stream_options"] = json!({"include_usage": true});
        }
        Kind::Anthropic => body["stream"] = json!(true),
        Kind::Gemini => {
            http.url = http
                .url
                .replacen(":generateContent", ":streamGenerateContent?alt=sse", 1);
            return;
        }
        Kind::OpenaiResponses | Kind::Bedrock => return,
    }
    http.body = serde_json::to_vec(&body).unwrap_or_default();
}

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` name, if any.
    pub event: Option<String>,
    /// The `data:` lines joined with newlines.
    pub data: String,
}

/// An incremental SSE parser: feed it chunks as they arrive.
#[derive(Debug, Default)]
pub struct SseParser {
    buffer: String,
    event: Option<String>,
    data: Vec<String>,
}

impl SseParser {
    /// Parses the complete lines in `chunk` (plus what was buffered) into events.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.buffer.push_str(&String::from_utf8_lossy(chunk));
        let mut events = Vec::new();
        while let Some(end) = self.buffer.find('\n') {
            let line: String = self.buffer.drain(..=end).collect();
            let line = line.trim_end_matches(['\n', '\r']);
            self.line(line, &mut events);
        }
        events
    }

    /// Flushes a final event that had no blank line after it.
    pub fn finish(&mut self) -> Vec<SseEvent> {
        let mut events = Vec::new();
        let rest = std::mem::take(&mut self.buffer);
        if !rest.is_empty() {
            self.line(rest.trim_end_matches('\r'), &mut events);
        }
        self.line("", &mut events);
        events
    }

    fn line(&mut self, line: &str, events: &mut Vec<SseEvent>) {
        if line.is_empty() {
            if !self.data.is_empty() {
                events.push(SseEvent {
                    event: self.event.take(),
                    data: self.data.join("\n"),
                });
                self.data.clear();
            }
            self.event = None;
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => self.event = Some(value.to_owned()),
            "data" => self.data.push(value.to_owned()),
            _ => {}
        }
    }
}

/// Collects a stream's events into deltas and a final response.
#[derive(Debug)]
pub struct Accumulator {
    kind: Kind,
    content: String,
    usage: Usage,
    finish: Option<String>,
    model: String,
    id: Option<String>,
    tool_calls: Vec<ToolCall>,
    done: bool,
}

impl Accumulator {
    /// An empty accumulator for a wire format.
    pub fn new(kind: Kind) -> Accumulator {
        Accumulator {
            kind,
            content: String::new(),
            usage: Usage::default(),
            finish: None,
            model: String::new(),
            id: None,
            tool_calls: Vec::new(),
            done: false,
        }
    }

    /// Takes one event; returns the text it adds, if any.
    pub fn event(&mut self, event: &SseEvent) -> Result<Option<String>, Failure> {
        if event.data.trim() == "[DONE]" {
            self.done = true;
            return Ok(None);
        }
        let value: Value = serde_json::from_str(&event.data)
            .map_err(|e| Failure::malformed(format!("a stream event is not valid JSON: {e}")))?;
        match self.kind {
            Kind::Anthropic => self.anthropic(&value),
            Kind::Gemini => Ok(self.gemini(&value)),
            _ => self.openai(&value),
        }
    }

    fn openai(&mut self, value: &Value) -> Result<Option<String>, Failure> {
        if let Some(error) = value.get("error").filter(|e| !e.is_null()) {
            return Err(Failure::malformed(format!(
                "the stream carried an error: {error}"
            )));
        }
        if let Some(model) = value.get("model").and_then(Value::as_str) {
            model.clone_into(&mut self.model);
        }
        if self.id.is_none() {
            self.id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        }
        if let Some(usage) = value.get("usage").filter(|u| !u.is_null()) {
            self.usage = Usage {
                input_tokens: crate::provider::tokens(usage, "prompt_tokens"),
                output_tokens: crate::provider::tokens(usage, "completion_tokens"),
                cached_input_tokens: usage
                    .get("prompt_tokens_details")
                    .map_or(0, |d| crate::provider::tokens(d, "cached_tokens")),
            };
        }
        let Some(choice) = value.get("choices").and_then(|c| c.get(0)) else {
            return Ok(None);
        };
        if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
            self.finish = Some(reason.to_owned());
        }
        for call in choice
            .pointer("/delta/tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let index = call
                .get("index")
                .and_then(Value::as_u64)
                .and_then(|i| usize::try_from(i).ok())
                .unwrap_or(self.tool_calls.len());
            while self.tool_calls.len() <= index {
                self.tool_calls.push(ToolCall {
                    id: None,
                    name: String::new(),
                    arguments: String::new(),
                });
            }
            let slot = &mut self.tool_calls[index];
            if let Some(id) = call.get("id").and_then(Value::as_str) {
                slot.id = Some(id.to_owned());
            }
            if let Some(name) = call.pointer("/function/name").and_then(Value::as_str) {
                slot.name.push_str(name);
            }
            if let Some(args) = call.pointer("/function/arguments").and_then(Value::as_str) {
                slot.arguments.push_str(args);
            }
        }
        Ok(self.text(
            choice
                .pointer("/delta/content")
                .and_then(Value::as_str)
                .unwrap_or(""),
        ))
    }

    fn anthropic(&mut self, value: &Value) -> Result<Option<String>, Failure> {
        match value.get("type").and_then(Value::as_str) {
            Some("message_start") => {
                let message = value.get("message").unwrap_or(&Value::Null);
                message
                    .get("model")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .clone_into(&mut self.model);
                self.id = message.get("id").and_then(Value::as_str).map(str::to_owned);
                let usage = message.get("usage").unwrap_or(&Value::Null);
                let cache_read = crate::provider::tokens(usage, "cache_read_input_tokens");
                self.usage.input_tokens = crate::provider::tokens(usage, "input_tokens")
                    + cache_read
                    + crate::provider::tokens(usage, "cache_creation_input_tokens");
                self.usage.cached_input_tokens = cache_read;
                self.usage.output_tokens = crate::provider::tokens(usage, "output_tokens");
                Ok(None)
            }
            Some("content_block_delta") => Ok(self.text(
                value
                    .pointer("/delta/text")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            )),
            Some("message_delta") => {
                if let Some(reason) = value.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    self.finish = Some(reason.to_owned());
                }
                if let Some(n) = value
                    .pointer("/usage/output_tokens")
                    .and_then(Value::as_u64)
                {
                    self.usage.output_tokens = n;
                }
                Ok(None)
            }
            Some("message_stop") => {
                self.done = true;
                Ok(None)
            }
            Some("error") => {
                let kind = value
                    .pointer("/error/type")
                    .and_then(Value::as_str)
                    .unwrap_or("error");
                Err(Failure::Status {
                    status: if kind == "overloaded_error" { 529 } else { 500 },
                    code: Some(kind.to_owned()),
                    message: value
                        .pointer("/error/message")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    retry_after: None,
                    should_retry: None,
                })
            }
            _ => Ok(None),
        }
    }

    fn gemini(&mut self, value: &Value) -> Option<String> {
        if let Some(model) = value.get("modelVersion").and_then(Value::as_str) {
            model.clone_into(&mut self.model);
        }
        if let Some(usage) = value.get("usageMetadata") {
            self.usage = Usage {
                input_tokens: crate::provider::tokens(usage, "promptTokenCount"),
                output_tokens: crate::provider::tokens(usage, "candidatesTokenCount")
                    + crate::provider::tokens(usage, "thoughtsTokenCount"),
                cached_input_tokens: crate::provider::tokens(usage, "cachedContentTokenCount"),
            };
        }
        let candidate = value.get("candidates").and_then(|c| c.get(0))?;
        if let Some(reason) = candidate.get("finishReason").and_then(Value::as_str) {
            self.finish = Some(reason.to_owned());
            self.done = true;
        }
        let mut text = String::new();
        for part in candidate
            .pointer("/content/parts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if part.get("thought").and_then(Value::as_bool) != Some(true) {
                text.push_str(part.get("text").and_then(Value::as_str).unwrap_or(""));
            }
        }
        self.text(&text)
    }

    fn text(&mut self, text: &str) -> Option<String> {
        if text.is_empty() {
            None
        } else {
            self.content.push_str(text);
            Some(text.to_owned())
        }
    }

    /// The final response, or a failure if the stream stopped before it was complete.
    pub fn finish(self) -> Result<ChatResponse, Failure> {
        if !self.done && self.finish.is_none() {
            return Err(Failure::malformed(format!(
                "the stream ended before it was complete ({} characters received)",
                self.content.chars().count()
            )));
        }
        let raw = self.finish.as_deref();
        let finish = match self.kind {
            Kind::Anthropic => match raw {
                Some("end_turn" | "stop_sequence") | None => FinishReason::Stop,
                Some("max_tokens") => FinishReason::Length,
                Some("tool_use") => FinishReason::ToolCalls,
                Some("refusal") => FinishReason::ContentFilter,
                Some(_) => FinishReason::Other,
            },
            Kind::Gemini => match raw {
                Some("STOP") | None => FinishReason::Stop,
                Some("MAX_TOKENS") => FinishReason::Length,
                Some("SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII") => {
                    FinishReason::ContentFilter
                }
                Some(_) => FinishReason::Other,
            },
            _ => openai::chat_finish(raw),
        };
        let mut out = ChatResponse::parsed(self.content, (finish, self.finish), self.usage);
        out.tool_calls = self.tool_calls;
        out.model = self.model;
        out.id = self.id;
        Ok(out)
    }
}

/// Anthropic's JSON-output tool arrives as `input_json_delta`s; streaming is not used with it.
pub fn usable(kind: Kind, http: &HttpRequest) -> bool {
    if !supports(kind) {
        return false;
    }
    let Some(body) = http.json() else {
        return false;
    };
    let forced_json =
        body.pointer("/tool_choice/name").and_then(Value::as_str) == Some(anthropic::JSON_TOOL);
    let has_tools = body.get("tools").is_some();
    !forced_json && !has_tools
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::openai::tests::fixture;

    fn run(kind: Kind, bytes: &[u8], chunk: usize) -> (Vec<String>, Result<ChatResponse, Failure>) {
        let mut parser = SseParser::default();
        let mut acc = Accumulator::new(kind);
        let mut deltas = Vec::new();
        let mut events = Vec::new();
        for piece in bytes.chunks(chunk) {
            events.extend(parser.push(piece));
        }
        events.extend(parser.finish());
        for event in events {
            match acc.event(&event) {
                Ok(Some(d)) => deltas.push(d),
                Ok(None) => {}
                Err(e) => return (deltas, Err(e)),
            }
        }
        (deltas, acc.finish())
    }

    #[test]
    fn anthropic_basic_stream_from_the_docs() {
        let bytes = fixture("anthropic/stream.basic.sse");
        for chunk in [1, 7, 4096] {
            let (deltas, out) = run(Kind::Anthropic, &bytes, chunk);
            let out = out.unwrap();
            assert_eq!(deltas, ["Hello", "!"]);
            assert_eq!(out.content, "Hello!");
            assert_eq!(out.usage.input_tokens, 25);
            assert_eq!(out.usage.output_tokens, 15);
            assert_eq!(out.model, "claude-opus-4-1-20250805");
            assert_eq!(out.finish_reason, FinishReason::Stop);
        }
    }

    #[test]
    fn anthropic_error_event_is_an_overloaded_failure() {
        let bytes = fixture("anthropic/stream.error-event.sse");
        let (_, out) = run(Kind::Anthropic, &bytes, 16);
        let failure = out.unwrap_err();
        assert!(failure.is_retryable());
        assert!(
            failure.to_string().contains("HTTP 529 overloaded_error"),
            "{failure}"
        );
    }

    #[test]
    fn openai_chunks_with_usage_and_done() {
        let text = concat!(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n",
            "data: [DONE]\n\n"
        );
        let (deltas, out) = run(Kind::Openai, text.as_bytes(), 5);
        let out = out.unwrap();
        assert_eq!(deltas, ["Hi", " there"]);
        assert_eq!(out.content, "Hi there");
        assert_eq!(out.usage.input_tokens, 5);
        assert_eq!(out.usage.output_tokens, 2);
        assert_eq!(out.id.as_deref(), Some("c1"));
    }

    #[test]
    fn a_cut_stream_is_malformed() {
        let text = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";
        let (deltas, out) = run(Kind::Openai, text.as_bytes(), 64);
        assert_eq!(deltas, ["Hi"]);
        let failure = out.unwrap_err();
        assert!(
            failure
                .to_string()
                .contains("ended before it was complete (2 characters")
        );
    }

    #[test]
    fn gemini_chunks_are_whole_responses() {
        let text = concat!(
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Mi\"}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"aow\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2},\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n"
        );
        let (deltas, out) = run(Kind::Gemini, text.as_bytes(), 3);
        let out = out.unwrap();
        assert_eq!(deltas, ["Mi", "aow"]);
        assert_eq!(out.usage.input_tokens, 3);
        assert_eq!(out.model, "gemini-2.5-flash");
    }

    #[test]
    fn requests_become_streaming() {
        let mut http = HttpRequest::post_json(
            "https://g/v1beta/models/m:generateContent".into(),
            &json!({"contents": []}),
        );
        make_streaming(Kind::Gemini, &mut http);
        assert_eq!(
            http.url,
            "https://g/v1beta/models/m:streamGenerateContent?alt=sse"
        );
        let mut http = HttpRequest::post_json("https://o/v1/chat/completions".into(), &json!({}));
        make_streaming(Kind::Openai, &mut http);
        assert_eq!(
            http.json().unwrap()["stream_options"]["include_usage"],
            true
        );
        assert!(!usable(Kind::Bedrock, &http));
        let forced = HttpRequest::post_json(
            "x".into(),
            &json!({"tools": [], "tool_choice": {"name": anthropic::JSON_TOOL}}),
        );
        assert!(!usable(Kind::Anthropic, &forced));
    }

    #[test]
    fn sse_comments_and_multiline_data() {
        let mut parser = SseParser::default();
        let events = parser.push(b": keep-alive\nevent: a\ndata: one\ndata: two\n\n");
        assert_eq!(
            events,
            [SseEvent {
                event: Some("a".into()),
                data: "one\ntwo".into()
            }]
        );
    }
}
