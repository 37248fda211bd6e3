//! OpenTelemetry `GenAI` spans in OTLP/JSON: one `{"resourceSpans": [...]}` document, or one per
//! line as the collector's file exporter writes them.
//!
//! A span is a model call when it carries `gen_ai.*` attributes. What a record needs comes from
//! the `GenAI` semantic conventions: the provider (`gen_ai.provider.name`, or the older
//! `gen_ai.system`), the model asked for and the one that answered (`gen_ai.request.model`,
//! `gen_ai.response.model`), tokens (`gen_ai.usage.input_tokens` / `output_tokens`, or the older
//! `prompt_tokens` / `completion_tokens`; `gen_ai.usage.cache_read.input_tokens`), request
//! settings, finish reasons, and an error from the span status and `error.type`. Latency is the
//! span's own duration. OTLP/JSON writes 64-bit integers as strings; both forms are read.

use serde_json::{Map, Value};

use crate::report::ingest::{ATTR_BLOB, ATTR_PROMPT, ATTR_VERSION, Call, Keys};

/// The calls in an OTLP/JSON export, and how many spans were not model calls. `Err` holds the
/// byte offset of the problem and what it is.
pub(crate) fn read(bytes: &[u8]) -> Result<(Vec<Call>, u64), (usize, String)> {
    let mut calls = Vec::new();
    let mut skipped = 0;
    let mut stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
    loop {
        let start = stream.byte_offset();
        let document = match stream.next() {
            None => break,
            Some(Ok(value)) => value,
            Some(Err(e)) => return Err((offset_of(bytes, e.line(), e.column()), e.to_string())),
        };
        let start = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        let line = crate::report::ingest::position(bytes, start).0;
        let fail = |path: &str, what: &str| (start, format!("{path}: {what}"));
        let resources = document
            .get("resourceSpans")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                fail(
                    "document",
                    "not an OTLP/JSON trace export (no `resourceSpans` list)",
                )
            })?;
        for (r, resource) in resources.iter().enumerate() {
            let scopes = list(resource, "scopeSpans").ok_or_else(|| {
                fail(&format!("resourceSpans[{r}]"), "`scopeSpans` is not a list")
            })?;
            for (s, scope) in scopes.iter().enumerate() {
                let spans = list(scope, "spans").ok_or_else(|| {
                    fail(
                        &format!("resourceSpans[{r}].scopeSpans[{s}]"),
                        "`spans` is not a list",
                    )
                })?;
                for (k, span) in spans.iter().enumerate() {
                    let path = format!("resourceSpans[{r}].scopeSpans[{s}].spans[{k}]");
                    match call(span, line).map_err(|what| fail(&path, &what))? {
                        Some(call) => calls.push(call),
                        None => skipped += 1,
                    }
                }
            }
        }
    }
    Ok((calls, skipped))
}

/// A missing list is an empty one (OTLP/JSON omits empty fields); anything else is not a list.
fn list<'v>(value: &'v Value, key: &str) -> Option<&'v [Value]> {
    match value.get(key) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(items)) => Some(items),
        Some(_) => None,
    }
}

fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|b| *b == b'\n') {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    (offset + column.saturating_sub(1)).min(bytes.len())
}

/// An attribute's value as JSON: OTLP's `AnyValue` unwrapped.
fn any_value(value: &Value) -> Result<Value, String> {
    let Some(object) = value.as_object() else {
        return Err("an attribute value is not an object".to_owned());
    };
    if let Some(v) = object.get("stringValue") {
        return Ok(v.clone());
    }
    if let Some(v) = object.get("boolValue") {
        return Ok(v.clone());
    }
    if let Some(v) = object.get("doubleValue") {
        return Ok(v.clone());
    }
    if let Some(v) = object.get("intValue") {
        return match v {
            Value::Number(_) => Ok(v.clone()),
            Value::String(text) => text
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| format!("`intValue` `{text}` is not an integer")),
            _ => Err("`intValue` is neither a number nor a string".to_owned()),
        };
    }
    if let Some(array) = object.get("arrayValue") {
        let values = list(array, "values").ok_or("`arrayValue.values` is not a list")?;
        return values
            .iter()
            .map(any_value)
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    Ok(Value::Null)
}

fn attributes(span: &Value) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for attribute in list(span, "attributes").ok_or("`attributes` is not a list")? {
        let key = attribute
            .get("key")
            .and_then(Value::as_str)
            .ok_or("an attribute has no `key`")?;
        let value = any_value(attribute.get("value").unwrap_or(&Value::Null))
            .map_err(|e| format!("attribute `{key}`: {e}"))?;
        out.insert(key.to_owned(), value);
    }
    Ok(out)
}

fn nanos(span: &Value, key: &str) -> Result<Option<i64>, String> {
    match span.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("`{key}` `{text}` is not a time in nanoseconds")),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("`{key}` is not a time in nanoseconds")),
        Some(_) => Err(format!("`{key}` is not a time in nanoseconds")),
    }
}

/// Provider names of the conventions, as promptctl's provider ids (for prices and grouping).
fn provider_id(name: &str) -> String {
    match name {
        "gcp.gemini" | "gcp.gen_ai" | "gcp.vertex_ai" => "gemini",
        "aws.bedrock" => "bedrock",
        "azure.ai.openai" | "az.ai.openai" => "azure",
        other => other,
    }
    .to_owned()
}

fn call(span: &Value, line: usize) -> Result<Option<Call>, String> {
    if !span.is_object() {
        return Err("a span is not an object".to_owned());
    }
    let attrs = attributes(span)?;
    if !attrs.keys().any(|k| k.starts_with("gen_ai.")) {
        return Ok(None);
    }
    let text = |key: &str| attrs.get(key).and_then(Value::as_str).map(str::to_owned);
    let count = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| attrs.get(*k).and_then(Value::as_u64))
            .unwrap_or(0)
    };
    let trace = span
        .get("traceId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let span_id = span
        .get("spanId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let start = nanos(span, "startTimeUnixNano")?;
    let end = nanos(span, "endTimeUnixNano")?;
    #[allow(clippy::cast_precision_loss)] // nanoseconds of one call
    let latency_ms = match (start, end) {
        (Some(s), Some(e)) if e >= s => (e - s) as f64 / 1e6,
        _ => 0.0,
    };
    let status = span.get("status");
    let failed = match status.and_then(|s| s.get("code")) {
        Some(Value::Number(n)) => n.as_u64() == Some(2),
        Some(Value::String(s)) => s == "STATUS_CODE_ERROR",
        _ => false,
    } || attrs.contains_key("error.type");
    let error = failed.then(|| {
        (
            text("error.type").unwrap_or_else(|| "error".to_owned()),
            status
                .and_then(|s| s.get("message"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        )
    });
    let mut params = Map::new();
    for (key, name) in [
        ("gen_ai.request.temperature", "temperature"),
        ("gen_ai.request.max_tokens", "max_tokens"),
        ("gen_ai.request.top_p", "top_p"),
        ("gen_ai.request.seed", "seed"),
    ] {
        if let Some(v) = attrs.get(key) {
            params.insert(name.to_owned(), v.clone());
        }
    }
    let model = text("gen_ai.request.model")
        .or_else(|| text("gen_ai.response.model"))
        .unwrap_or_default();
    Ok(Some(Call {
        position: format!("line {line}, span {span_id}"),
        run_id: format!("otel-{trace}"),
        case_id: span_id.to_owned(),
        keys: Keys {
            prompt: text(ATTR_PROMPT),
            version: text(ATTR_VERSION),
            blob: text(ATTR_BLOB),
        },
        provider: provider_id(
            &text("gen_ai.provider.name")
                .or_else(|| text("gen_ai.system"))
                .unwrap_or_default(),
        ),
        model,
        served_model: text("gen_ai.response.model"),
        params,
        usage: crate::provider::Usage {
            input_tokens: count(&["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"]),
            output_tokens: count(&[
                "gen_ai.usage.output_tokens",
                "gen_ai.usage.completion_tokens",
            ]),
            cached_input_tokens: count(&["gen_ai.usage.cache_read.input_tokens"]),
        },
        latency_ms,
        started_unix_ms: start.map(|ns| ns.div_euclid(1_000_000)),
        finish_reason: attrs
            .get("gen_ai.response.finish_reasons")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_owned),
        error,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_values_written_as_strings_are_read_as_numbers() {
        let doc = br#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"t","spanId":"s","startTimeUnixNano":"1000000000","endTimeUnixNano":"1250000000","attributes":[{"key":"gen_ai.system","value":{"stringValue":"openai"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"12"}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":3}}]},{"spanId":"x","attributes":[{"key":"http.route","value":{"stringValue":"/"}}]}]}]}]}"#;
        let (calls, skipped) = read(doc).unwrap();
        assert_eq!(skipped, 1);
        assert_eq!(calls[0].usage.input_tokens, 12);
        assert_eq!(calls[0].usage.output_tokens, 3);
        assert!((calls[0].latency_ms - 250.0).abs() < 1e-9);
        assert_eq!(calls[0].started_unix_ms, Some(1000));
        assert_eq!(calls[0].provider, "openai");
    }

    #[test]
    fn a_bad_attribute_names_its_span() {
        let doc = b"\n{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"gen_ai.system\",\"value\":{\"intValue\":\"x\"}}]}]}]}]}";
        let (offset, message) = read(doc).unwrap_err();
        assert_eq!(offset, 1);
        assert!(
            message
                .starts_with("resourceSpans[0].scopeSpans[0].spans[0]: attribute `gen_ai.system`"),
            "{message}"
        );
    }
}
