//! OpenAI-style request/response logs: one JSON object per line, as a gateway or an application
//! logs its calls.
//!
//! ```json
//! {"started_at": "2026-11-05T10:00:00Z", "latency_ms": 840,
//!  "request": {"model": "gpt-4o-mini", "messages": [...],
//!              "metadata": {"promptctl.prompt": "support/reply", "promptctl.version": "v2"}},
//!  "response": {"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18",
//!               "usage": {"prompt_tokens": 120, "completion_tokens": 40},
//!               "choices": [{"finish_reason": "stop"}]}}
//! ```
//!
//! `provider` defaults to `openai`; `duration_ms` is read for `latency_ms`; a failed call has
//! `error` (`{"type" or "code", "message"}`) or an HTTP `status` of 400 and above instead of a
//! `response`. The `promptctl.*` keys are read from the request's `metadata` (which OpenAI's API
//! accepts and stores) or from a top-level `promptctl` object (`prompt`, `version`, `blob`).
//! Usage in the Responses API's spelling (`input_tokens`, `output_tokens`) is read too.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::experiment::exec::hex;
use crate::report::ingest::{ATTR_BLOB, ATTR_PROMPT, ATTR_VERSION, Call, Keys};

/// The calls of a log. `Err` holds the byte offset of the problem and what it is.
pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Call>, (usize, String)> {
    let mut calls = Vec::new();
    let mut offset = 0;
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = index + 1;
        let start = offset;
        offset += raw.len() + 1;
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value: Value = serde_json::from_slice(raw)
            .map_err(|e| (start + e.column().saturating_sub(1), e.to_string()))?;
        let call = call(&value, raw, line).map_err(|what| (start, what))?;
        calls.push(call);
    }
    Ok(calls)
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

fn call(value: &Value, raw: &[u8], line: usize) -> Result<Call, String> {
    let Some(object) = value.as_object() else {
        return Err("a log line is not a JSON object".to_owned());
    };
    let request = object
        .get("request")
        .and_then(Value::as_object)
        .ok_or("no `request` object")?;
    let response = object.get("response").and_then(Value::as_object);
    let started_at = object.get("started_at");
    let started_unix_ms = match started_at {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(
            crate::provider::retry::parse_rfc3339(t)
                .ok_or_else(|| format!("`started_at` `{t}` is not an RFC 3339 time"))?
                * 1000,
        ),
        Some(_) => return Err("`started_at` is not an RFC 3339 time".to_owned()),
    };
    let latency_ms = match object
        .get("latency_ms")
        .or_else(|| object.get("duration_ms"))
    {
        None | Some(Value::Null) => 0.0,
        Some(v) => v
            .as_f64()
            .filter(|ms| *ms >= 0.0)
            .ok_or("`latency_ms` is not a number of milliseconds")?,
    };
    let metadata = request.get("metadata").and_then(Value::as_object);
    let own = object.get("promptctl").and_then(Value::as_object);
    let key = |attr: &str, short: &str| {
        text(metadata.and_then(|m| m.get(attr))).or_else(|| text(own.and_then(|o| o.get(short))))
    };
    let status = object.get("status").and_then(Value::as_u64);
    let error = match object.get("error") {
        Some(e) if !e.is_null() => Some((
            text(e.get("type"))
                .or_else(|| text(e.get("code")))
                .or_else(|| status.map(|s| format!("http_{s}")))
                .unwrap_or_else(|| "error".to_owned()),
            text(e.get("message")).unwrap_or_default(),
        )),
        _ => status
            .filter(|s| *s >= 400)
            .map(|s| (format!("http_{s}"), String::new())),
    };
    if error.is_none() && response.is_none() {
        return Err("no `response` object and no `error`".to_owned());
    }
    let usage = response.and_then(|r| r.get("usage"));
    let count = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| usage.and_then(|u| u.get(*k)).and_then(Value::as_u64))
            .unwrap_or(0)
    };
    let cached = usage
        .and_then(|u| {
            u.get("prompt_tokens_details")
                .or_else(|| u.get("input_tokens_details"))
        })
        .and_then(|d| d.get("cached_tokens"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mut params = Map::new();
    for name in [
        "temperature",
        "max_tokens",
        "max_completion_tokens",
        "top_p",
        "seed",
    ] {
        if let Some(v) = request.get(name) {
            params.insert(name.to_owned(), v.clone());
        }
    }
    let case_id = text(response.and_then(|r| r.get("id")))
        .unwrap_or_else(|| hex(&Sha256::digest(raw))[..16].to_owned());
    Ok(Call {
        position: format!("line {line}"),
        run_id: "openai-log".to_owned(),
        case_id,
        keys: Keys {
            prompt: key(ATTR_PROMPT, "prompt"),
            version: key(ATTR_VERSION, "version"),
            blob: key(ATTR_BLOB, "blob"),
        },
        provider: text(object.get("provider")).unwrap_or_else(|| "openai".to_owned()),
        model: text(request.get("model"))
            .or_else(|| text(response.and_then(|r| r.get("model"))))
            .unwrap_or_default(),
        served_model: text(response.and_then(|r| r.get("model"))),
        params,
        usage: crate::provider::Usage {
            input_tokens: count(&["prompt_tokens", "input_tokens"]),
            output_tokens: count(&["completion_tokens", "output_tokens"]),
            cached_input_tokens: cached,
        },
        latency_ms,
        started_unix_ms,
        finish_reason: response
            .and_then(|r| r.get("choices"))
            .and_then(Value::as_array)
            .and_then(|c| c.first())
            .and_then(|c| text(c.get("finish_reason"))),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_line_gives_tokens_latency_and_the_prompt_keys() {
        let log = br#"{"started_at":"2026-11-05T10:00:00Z","latency_ms":840,"request":{"model":"gpt-4o-mini","metadata":{"promptctl.prompt":"p","promptctl.version":"v2"}},"response":{"id":"c1","model":"gpt-4o-mini-2024","usage":{"prompt_tokens":120,"completion_tokens":40,"prompt_tokens_details":{"cached_tokens":100}},"choices":[{"finish_reason":"stop"}]}}

{"request":{"model":"gpt-4o"},"status":429,"error":{"message":"slow down"},"promptctl":{"blob":"abc"}}
"#;
        let calls = read(log).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].keys.prompt.as_deref(), Some("p"));
        assert_eq!(calls[0].usage.cached_input_tokens, 100);
        assert_eq!(calls[0].case_id, "c1");
        assert_eq!(calls[1].error.as_ref().unwrap().0, "http_429");
        assert_eq!(calls[1].keys.blob.as_deref(), Some("abc"));
        assert_eq!(calls[1].position, "line 3");
    }

    #[test]
    fn a_broken_line_is_named_by_its_offset() {
        let log = b"{\"request\":{},\"response\":{}}\n{\"request\": oops}\n";
        let (offset, _) = read(log).unwrap_err();
        assert_eq!(crate::report::ingest::position(log, offset).0, 2);
    }
}
