//! A loopback mock of the providers' batch APIs (OpenAI/Azure Files + Batches, Anthropic
//! Message Batches, Gemini batch mode), following the published wire shapes:
//! - batches move through their states over several polls (one step per GET of the batch);
//! - results come back shuffled, with result URLs pointing at the mock itself;
//! - a request whose text holds `[error]` fails with a 400; one holding `[expire]` expires the
//!   first time it is sent (the batch ends `expired`/with an expired line) and succeeds later;
//! - a batch holding `[invalid]` fails validation as a whole;
//! - the first create can be answered 429;
//! - a request can be held (after its effect is applied) until released, so a test can
//!   kill the client at an exact point.
#![allow(dead_code, unreachable_pub)]
#![allow(
    clippy::format_push_string,
    clippy::unused_self,
    clippy::assigning_clones
)] // a test mock, written for reading

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};

use serde_json::{Value, json};

/// The batch API a mock speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// OpenAI (`/v1/files`, `/v1/batches`).
    OpenAi,
    /// Azure OpenAI (`/openai/v1/files`, `/openai/v1/batches`, `api-key`).
    Azure,
    /// Anthropic (`/v1/messages/batches`).
    Anthropic,
    /// Gemini (`/v1beta/models/{m}:batchGenerateContent`, `/v1beta/batches/{id}`).
    Gemini,
}

#[derive(Debug, Clone)]
struct Batch {
    id: String,
    tag: String,
    model: String,
    lines: Vec<(String, String)>,
    polls: u32,
    cancelled: bool,
    invalid: bool,
}

type Outcome = (String, Result<(), (&'static str, String)>);

#[derive(Default)]
struct State {
    batches: Vec<Batch>,
    files: HashMap<String, Vec<u8>>,
    expired_once: HashSet<String>,
    results: HashMap<String, Vec<Outcome>>,
    creates: u32,
    reject_first_create: bool,
    requests: Vec<(String, String)>,
    violations: Vec<String>,
    hold: Option<(String, String, u32)>,
    holding: bool,
    seen_for_hold: u32,
}

/// A running mock.
#[derive(Clone)]
pub struct BatchMock {
    api: Api,
    port: u16,
    state: Arc<(Mutex<State>, Condvar)>,
}

const TEXT: &str = "Your refund is on its way.";

impl BatchMock {
    /// Starts a mock on 127.0.0.1.
    pub fn start(api: Api) -> BatchMock {
        let listener = TcpListener::bind("127.0.0.1:0").expect("mock setup");
        let port = listener.local_addr().expect("mock setup").port();
        let mock = BatchMock {
            api,
            port,
            state: Arc::new((Mutex::new(State::default()), Condvar::new())),
        };
        let server = mock.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let server = server.clone();
                std::thread::spawn(move || server.serve(stream));
            }
        });
        mock
    }

    /// The base URL a provider config should use.
    pub fn base_url(&self) -> String {
        let root = format!("http://127.0.0.1:{}", self.port);
        match self.api {
            Api::OpenAi | Api::Anthropic => format!("{root}/v1"),
            Api::Azure => root,
            Api::Gemini => format!("{root}/v1beta"),
        }
    }

    /// Answers the first create with 429.
    pub fn reject_first_create(&self) {
        self.state.0.lock().expect("mock state").reject_first_create = true;
    }

    /// Holds the `nth` (1-based) request whose method is `method` and whose path contains
    /// `path`, after applying it, until [`Self::release`].
    pub fn hold(&self, method: &str, path: &str, nth: u32) {
        let mut s = self.state.0.lock().expect("mock state");
        s.hold = Some((method.to_owned(), path.to_owned(), nth));
        s.seen_for_hold = 0;
        s.holding = false;
    }

    /// Whether a request is being held.
    pub fn holding(&self) -> bool {
        self.state.0.lock().expect("mock state").holding
    }

    /// Lets held requests go.
    pub fn release(&self) {
        let mut s = self.state.0.lock().expect("mock state");
        s.hold = None;
        s.holding = false;
        self.state.1.notify_all();
    }

    /// Batches created.
    pub fn batches(&self) -> usize {
        self.state.0.lock().expect("mock state").batches.len()
    }

    /// Requests received, as (method, path).
    pub fn requests(&self) -> Vec<(String, String)> {
        self.state.0.lock().expect("mock state").requests.clone()
    }

    /// Requests that broke the published shape.
    pub fn violations(&self) -> Vec<String> {
        self.state.0.lock().expect("mock state").violations.clone()
    }

    fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().expect("mock setup"));
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_owned();
        let path = parts.next().unwrap_or("").to_owned();
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap_or_default();
        let (status, reply) = self.answer(&method, &path, &headers, &body);
        {
            let (lock, cvar) = &*self.state;
            let mut s = lock.lock().expect("mock state");
            let target = match &s.hold {
                Some((m, p, nth)) if *m == method && path.contains(p.as_str()) => Some(*nth),
                _ => None,
            };
            let held = target.is_some_and(|nth| {
                s.seen_for_hold += 1;
                s.seen_for_hold == nth
            });
            if held {
                s.holding = true;
                while s.hold.is_some() {
                    s = cvar.wait(s).expect("mock setup");
                }
            }
        }
        let mut out = stream;
        let _ = write!(
            out,
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            reply.len()
        );
        let _ = out.write_all(&reply);
    }

    fn answer(
        &self,
        method: &str,
        path: &str,
        headers: &HashMap<String, String>,
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let mut s = self.state.0.lock().expect("mock state");
        s.requests.push((method.to_owned(), path.to_owned()));
        let auth = match self.api {
            Api::OpenAi => headers
                .get("authorization")
                .is_some_and(|v| v.starts_with("Bearer ")),
            Api::Azure => headers.contains_key("api-key"),
            Api::Anthropic => {
                headers.contains_key("x-api-key") && headers.contains_key("anthropic-version")
            }
            Api::Gemini => headers.contains_key("x-goog-api-key"),
        };
        if !auth {
            s.violations
                .push(format!("{method} {path}: missing auth headers"));
            return (401, br#"{"error":{"message":"no key"}}"#.to_vec());
        }
        let path_only = path.split('?').next().unwrap_or(path).to_owned();
        let create = match self.api {
            Api::OpenAi | Api::Azure => method == "POST" && path_only.ends_with("/batches"),
            Api::Anthropic => method == "POST" && path_only == "/v1/messages/batches",
            Api::Gemini => method == "POST" && path_only.ends_with(":batchGenerateContent"),
        };
        if create {
            s.creates += 1;
            if s.reject_first_create && s.creates == 1 {
                return (
                    429,
                    br#"{"error":{"message":"slow down","type":"rate_limit_error"}}"#.to_vec(),
                );
            }
        }
        match self.api {
            Api::OpenAi | Api::Azure => self.openai(&mut s, method, &path_only, headers, body),
            Api::Anthropic => self.anthropic(&mut s, method, &path_only, body),
            Api::Gemini => self.gemini(&mut s, method, &path_only, body),
        }
    }

    /// Results of a batch, shuffled: (custom id, Ok(text) or Err((kind, message))).
    fn outcomes(s: &mut State, batch: &Batch) -> Vec<Outcome> {
        if let Some(known) = s.results.get(&batch.id) {
            return known.clone();
        }
        let mut out = Vec::new();
        for (id, body) in &batch.lines {
            let outcome = if batch.cancelled {
                Err(("canceled", "cancelled".to_owned()))
            } else if body.contains("[error]") {
                Err((
                    "invalid",
                    "Invalid 'temperature': decimal above maximum value.".to_owned(),
                ))
            } else if body.contains("[expire]") && s.expired_once.insert(id.clone()) {
                Err((
                    "expired",
                    "This request could not be executed before the completion window expired."
                        .to_owned(),
                ))
            } else {
                Ok(())
            };
            out.push((id.clone(), outcome));
        }
        // Shuffle deterministically: odd positions first, reversed.
        let n = out.len();
        let mut order: Vec<usize> = (0..n).filter(|i| i % 2 == 1).rev().collect();
        order.extend((0..n).filter(|i| i % 2 == 0));
        let shuffled: Vec<Outcome> = order.into_iter().map(|i| out[i].clone()).collect();
        s.results.insert(batch.id.clone(), shuffled.clone());
        shuffled
    }

    fn openai(
        &self,
        s: &mut State,
        method: &str,
        path: &str,
        headers: &HashMap<String, String>,
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let prefix = if self.api == Api::Azure {
            "/openai/v1"
        } else {
            "/v1"
        };
        let Some(rest) = path.strip_prefix(prefix) else {
            return (404, b"{}".to_vec());
        };
        let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
        match (method, segments.as_slice()) {
            ("POST", ["files"]) => {
                let content_type = headers.get("content-type").cloned().unwrap_or_default();
                let Some(boundary) = content_type.split("boundary=").nth(1) else {
                    s.violations
                        .push("upload without multipart boundary".into());
                    return (400, b"{}".to_vec());
                };
                let text = String::from_utf8_lossy(body).into_owned();
                if !text.contains("name=\"purpose\"\r\n\r\nbatch") {
                    s.violations.push("upload without purpose=batch".into());
                }
                let file = text
                    .split(&format!("--{boundary}"))
                    .find(|p| p.contains("name=\"file\""))
                    .and_then(|p| p.split_once("\r\n\r\n"))
                    .map(|(_, c)| c.trim_end_matches("\r\n").to_owned())
                    .unwrap_or_default();
                let id = format!("file-in{}", s.files.len() + 1);
                s.files.insert(id.clone(), file.into_bytes());
                (200, json!({"id": id, "object": "file", "bytes": body.len(), "created_at": 1, "filename": "in.jsonl", "purpose": "batch", "status": "processed"}).to_string().into_bytes())
            }
            ("POST", ["batches"]) => {
                let request: Value = serde_json::from_slice(body).unwrap_or_default();
                let file_id = request["input_file_id"].as_str().unwrap_or("");
                if request["completion_window"] != "24h"
                    || request["endpoint"] != "/v1/chat/completions"
                {
                    s.violations.push(format!("bad create body {request}"));
                }
                let Some(file) = s.files.get(file_id).cloned() else {
                    return (404, br#"{"error":{"message":"no such file"}}"#.to_vec());
                };
                let mut lines = Vec::new();
                let mut model = String::new();
                for l in String::from_utf8_lossy(&file).lines() {
                    let v: Value = serde_json::from_str(l).unwrap_or_default();
                    if v["method"] != "POST"
                        || !v["url"]
                            .as_str()
                            .unwrap_or("")
                            .ends_with("/chat/completions")
                    {
                        s.violations.push(format!("bad input line {l}"));
                    }
                    model = v["body"]["model"].as_str().unwrap_or("").to_owned();
                    lines.push((
                        v["custom_id"].as_str().unwrap_or("").to_owned(),
                        v["body"].to_string(),
                    ));
                }
                let id = format!("batch_{}", s.batches.len() + 1);
                let invalid = lines.iter().any(|(_, b)| b.contains("[invalid]"));
                s.batches.push(Batch {
                    id: id.clone(),
                    tag: request["metadata"]["promptctl_tag"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned(),
                    model,
                    lines,
                    polls: 0,
                    cancelled: false,
                    invalid,
                });
                let b = s.batches.last().expect("mock setup").clone();
                (200, self.openai_batch(s, &b).to_string().into_bytes())
            }
            ("GET", ["batches"]) => {
                let data: Vec<Value> = s.batches.clone().iter().rev().map(|b| {
                    json!({"id": b.id, "object": "batch", "status": "in_progress", "metadata": {"promptctl_tag": b.tag}})
                }).collect();
                (
                    200,
                    json!({"object": "list", "data": data, "has_more": false})
                        .to_string()
                        .into_bytes(),
                )
            }
            ("GET", ["batches", id]) => {
                let Some(i) = s.batches.iter().position(|b| b.id == *id) else {
                    return (404, b"{}".to_vec());
                };
                s.batches[i].polls += 1;
                let b = s.batches[i].clone();
                (200, self.openai_batch(s, &b).to_string().into_bytes())
            }
            ("POST", ["batches", id, "cancel"]) => {
                let Some(b) = s.batches.iter_mut().find(|b| b.id == *id) else {
                    return (404, b"{}".to_vec());
                };
                b.cancelled = true;
                (
                    200,
                    json!({"id": id, "object": "batch", "status": "cancelling"})
                        .to_string()
                        .into_bytes(),
                )
            }
            ("GET", ["files", id, "content"]) => match s.files.get(*id) {
                Some(bytes) => (200, bytes.clone()),
                None => (404, b"{}".to_vec()),
            },
            _ => (404, b"{}".to_vec()),
        }
    }

    fn openai_batch(&self, s: &mut State, b: &Batch) -> Value {
        let status = match (b.invalid, b.cancelled, b.polls) {
            (true, _, 0) => "validating",
            (true, _, _) => "failed",
            (_, true, _) => "cancelled",
            (_, _, 0) => "validating",
            (_, _, 1) => "in_progress",
            (_, _, 2) => "finalizing",
            _ => "completed",
        };
        let mut value = json!({
            "id": b.id, "object": "batch", "endpoint": "/v1/chat/completions",
            "input_file_id": "file-in", "completion_window": "24h", "status": status,
            "output_file_id": null, "error_file_id": null, "created_at": 1, "errors": null,
            "metadata": {"promptctl_tag": b.tag},
            "request_counts": {"total": b.lines.len(), "completed": 0, "failed": 0},
        });
        if status == "failed" {
            value["errors"] = json!({"object": "list", "data": [{"code": "model_not_found", "message": "The model `nope` does not exist.", "param": "body.model", "line": 1}]});
        }
        if status == "completed" || status == "cancelled" {
            let output_id = format!("file-out-{}", b.id);
            let error_id = format!("file-err-{}", b.id);
            if !s.files.contains_key(&output_id) {
                let mut out = String::new();
                let mut err = String::new();
                let mut expired = false;
                for (id, outcome) in Self::outcomes(s, b) {
                    match outcome {
                        Ok(()) => out.push_str(&format!("{}\n", json!({"id": format!("batch_req_{id}"), "custom_id": id, "response": {"status_code": 200, "request_id": "req_1", "body": {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": b.model, "choices": [{"index": 0, "message": {"role": "assistant", "content": TEXT}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500}}}, "error": null}))),
                        Err(("expired", message)) => {
                            expired = true;
                            err.push_str(&format!("{}\n", json!({"id": format!("batch_req_{id}"), "custom_id": id, "response": null, "error": {"code": "batch_expired", "message": message}})));
                        }
                        Err(("canceled", _)) => {}
                        Err((_, message)) => err.push_str(&format!("{}\n", json!({"id": format!("batch_req_{id}"), "custom_id": id, "response": {"status_code": 400, "request_id": "req_2", "body": {"error": {"message": message, "type": "invalid_request_error"}}}, "error": null}))),
                    }
                }
                let _ = expired;
                s.files.insert(output_id.clone(), out.into_bytes());
                s.files.insert(error_id.clone(), err.into_bytes());
            }
            value["output_file_id"] = json!(output_id);
            value["error_file_id"] = json!(error_id);
        }
        value
    }

    fn anthropic(&self, s: &mut State, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let rest = path.strip_prefix("/v1/messages/batches").unwrap_or("");
        let segments: Vec<&str> = rest
            .trim_start_matches('/')
            .split('/')
            .filter(|x| !x.is_empty())
            .collect();
        match (method, segments.as_slice()) {
            ("POST", []) => {
                let request: Value = serde_json::from_slice(body).unwrap_or_default();
                let mut lines = Vec::new();
                let mut model = String::new();
                for r in request["requests"].as_array().cloned().unwrap_or_default() {
                    let id = r["custom_id"].as_str().unwrap_or("").to_owned();
                    let ok = !id.is_empty()
                        && id.len() <= 64
                        && id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if !ok || r["params"]["max_tokens"].is_null() {
                        s.violations.push(format!("bad request {r}"));
                    }
                    model = r["params"]["model"].as_str().unwrap_or("").to_owned();
                    lines.push((id, r["params"].to_string()));
                }
                let id = format!("msgbatch_{:02}", s.batches.len() + 1);
                s.batches.push(Batch {
                    id: id.clone(),
                    tag: id.clone(),
                    model,
                    lines,
                    polls: 0,
                    cancelled: false,
                    invalid: false,
                });
                let b = s.batches.last().expect("mock setup").clone();
                (200, self.anthropic_batch(&b).to_string().into_bytes())
            }
            ("GET", [id]) => {
                let Some(i) = s.batches.iter().position(|b| b.id == *id) else {
                    return (404, b"{}".to_vec());
                };
                s.batches[i].polls += 1;
                let b = s.batches[i].clone();
                (200, self.anthropic_batch(&b).to_string().into_bytes())
            }
            ("POST", [id, "cancel"]) => {
                let Some(b) = s.batches.iter_mut().find(|b| b.id == *id) else {
                    return (404, b"{}".to_vec());
                };
                b.cancelled = true;
                let b = b.clone();
                (200, self.anthropic_batch(&b).to_string().into_bytes())
            }
            ("GET", [id, "results"]) => {
                let Some(b) = s.batches.iter().find(|b| b.id == *id).cloned() else {
                    return (404, b"{}".to_vec());
                };
                let mut out = String::new();
                for (cid, outcome) in Self::outcomes(s, &b) {
                    let result = match outcome {
                        Ok(()) => {
                            json!({"type": "succeeded", "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": b.model, "content": [{"type": "text", "text": TEXT}], "stop_reason": "end_turn", "stop_sequence": null, "usage": {"input_tokens": 1000, "output_tokens": 500}}})
                        }
                        Err(("expired", _)) => json!({"type": "expired"}),
                        Err(("canceled", _)) => json!({"type": "canceled"}),
                        Err((_, message)) => {
                            json!({"type": "errored", "error": {"type": "error", "error": {"type": "invalid_request_error", "message": message}}})
                        }
                    };
                    out.push_str(&format!(
                        "{}\n",
                        json!({"custom_id": cid, "result": result})
                    ));
                }
                (200, out.into_bytes())
            }
            _ => (404, b"{}".to_vec()),
        }
    }

    fn anthropic_batch(&self, b: &Batch) -> Value {
        let ended = b.polls >= 3 || (b.cancelled && b.polls >= 1);
        json!({
            "id": b.id, "type": "message_batch",
            "processing_status": if ended { "ended" } else if b.cancelled { "canceling" } else { "in_progress" },
            "request_counts": {"processing": if ended { 0 } else { b.lines.len() }, "succeeded": if ended { b.lines.len() } else { 0 }, "errored": 0, "canceled": 0, "expired": 0},
            "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-02T00:00:00Z",
            "results_url": if ended { Value::String(format!("http://127.0.0.1:{}/v1/messages/batches/{}/results", self.port, b.id)) } else { Value::Null },
        })
    }

    fn gemini(&self, s: &mut State, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let rest = path.strip_prefix("/v1beta/").unwrap_or("");
        if method == "POST" && rest.ends_with(":batchGenerateContent") {
            let model = rest
                .trim_start_matches("models/")
                .trim_end_matches(":batchGenerateContent")
                .to_owned();
            let request: Value = serde_json::from_slice(body).unwrap_or_default();
            let batch = &request["batch"];
            let mut lines = Vec::new();
            for r in batch
                .pointer("/inputConfig/requests/requests")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                if r["request"]["contents"].is_null() {
                    s.violations.push(format!("bad inline request {r}"));
                }
                lines.push((
                    r["metadata"]["key"].as_str().unwrap_or("").to_owned(),
                    r["request"].to_string(),
                ));
            }
            let id = format!("batches/b{}", s.batches.len() + 1);
            s.batches.push(Batch {
                id: id.clone(),
                tag: batch["displayName"].as_str().unwrap_or("").to_owned(),
                model,
                lines,
                polls: 0,
                cancelled: false,
                invalid: false,
            });
            let b = s.batches.last().expect("mock setup").clone();
            return (200, self.gemini_op(s, &b).to_string().into_bytes());
        }
        if method == "GET" && rest == "batches" {
            let ops: Vec<Value> = s.batches.iter().map(|b| json!({"name": b.id, "metadata": {"displayName": b.tag, "state": "BATCH_STATE_RUNNING"}})).collect();
            return (200, json!({"operations": ops}).to_string().into_bytes());
        }
        if method == "POST" && rest.ends_with(":cancel") {
            let id = rest.trim_end_matches(":cancel");
            if let Some(b) = s.batches.iter_mut().find(|b| b.id == id) {
                b.cancelled = true;
            }
            return (200, b"{}".to_vec());
        }
        if method == "GET" {
            let Some(i) = s.batches.iter().position(|b| b.id == rest) else {
                return (404, b"{}".to_vec());
            };
            s.batches[i].polls += 1;
            let b = s.batches[i].clone();
            return (200, self.gemini_op(s, &b).to_string().into_bytes());
        }
        (404, b"{}".to_vec())
    }

    fn gemini_op(&self, s: &mut State, b: &Batch) -> Value {
        let state = match (b.cancelled, b.polls) {
            (true, _) => "BATCH_STATE_CANCELLED",
            (_, 0) => "BATCH_STATE_PENDING",
            (_, 1 | 2) => "BATCH_STATE_RUNNING",
            _ => "BATCH_STATE_SUCCEEDED",
        };
        let mut op = json!({"name": b.id, "metadata": {"name": b.id, "model": format!("models/{}", b.model), "displayName": b.tag, "state": state, "batchStats": {"requestCount": b.lines.len().to_string()}}, "done": state != "BATCH_STATE_PENDING" && state != "BATCH_STATE_RUNNING"});
        if state == "BATCH_STATE_SUCCEEDED" || state == "BATCH_STATE_CANCELLED" {
            // Gemini keeps input order; the keys still say which is which.
            let all = Self::outcomes(s, b);
            let mut items = Vec::new();
            for (id, _) in &b.lines {
                let Some((_, outcome)) = all.iter().find(|(i, _)| i == id) else {
                    continue;
                };
                let item = match outcome {
                    Ok(()) => {
                        json!({"response": {"candidates": [{"content": {"role": "model", "parts": [{"text": TEXT}]}, "finishReason": "STOP", "index": 0}], "usageMetadata": {"promptTokenCount": 1000, "candidatesTokenCount": 500, "totalTokenCount": 1500}, "modelVersion": b.model}, "metadata": {"key": id}})
                    }
                    Err(("expired", m)) => {
                        json!({"error": {"code": 504, "message": m, "status": "DEADLINE_EXCEEDED"}, "metadata": {"key": id}})
                    }
                    Err((_, m)) => {
                        json!({"error": {"code": 400, "message": m, "status": "INVALID_ARGUMENT"}, "metadata": {"key": id}})
                    }
                };
                items.push(item);
            }
            let output = json!({"inlinedResponses": {"inlinedResponses": items}});
            op["metadata"]["output"] = output.clone();
            op["response"] = output;
        }
        op
    }
}
