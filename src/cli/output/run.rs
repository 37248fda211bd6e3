//! Output of `run`: the answer on stdout and a summary line on stderr, or the whole record as
//! JSON; and the request for `--dry-run`.

use std::fmt::Write as _;

use promptctl::prompt::RenderedPrompt;
use promptctl::provider::{ChatRequest, ChatResponse, HttpRequest, Target};
use promptctl::scan::mask::{mask_json_strings, mask_url_password};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct RunJson<'a> {
    schema_version: u32,
    prompt: String,
    requested: Vec<String>,
    provider: &'a str,
    model: &'a str,
    content: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_calls: Vec<ToolCallJson<'a>>,
    finish_reason: &'a str,
    usage: UsageJson,
    cost_usd: Option<f64>,
    latency_ms: u64,
    attempt_latency_ms: u64,
    attempts: u32,
    cached: bool,
    /// The variables, secrets masked: the record is often saved or pasted.
    variables: serde_json::Value,
    params: &'a promptctl::provider::Params,
    promptctl_version: &'static str,
}

#[derive(Serialize)]
struct ToolCallJson<'a> {
    id: Option<&'a str>,
    name: &'a str,
    arguments: &'a str,
}

#[derive(Serialize)]
#[allow(clippy::struct_field_names)] // the JSON names match the providers' and the core's
struct UsageJson {
    input_tokens: u64,
    output_tokens: u64,
    cached_input_tokens: u64,
}

#[derive(Serialize)]
struct DryRunJson<'a> {
    schema_version: u32,
    target: String,
    method: &'a str,
    url: &'a str,
    headers: Vec<(String, String)>,
    body: serde_json::Value,
}

/// Prints the answer (unless it was streamed already) and its numbers.
pub(crate) fn print(
    printer: &Printer,
    rendered: &RenderedPrompt,
    request: &ChatRequest,
    response: &ChatResponse,
    streamed: bool,
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let mut variables = serde_json::Value::Object(rendered.variables.clone());
        mask_json_strings(&mut variables);
        let doc = RunJson {
            schema_version: SCHEMA_VERSION,
            prompt: promptctl::library::display_id(&rendered.name),
            requested: request.targets.iter().map(ToString::to_string).collect(),
            provider: &response.provider,
            model: &response.model,
            content: &response.content,
            tool_calls: response
                .tool_calls
                .iter()
                .map(|c| ToolCallJson {
                    id: c.id.as_deref(),
                    name: &c.name,
                    arguments: &c.arguments,
                })
                .collect(),
            finish_reason: response.finish_reason.as_str(),
            usage: UsageJson {
                input_tokens: response.usage.input_tokens,
                output_tokens: response.usage.output_tokens,
                cached_input_tokens: response.usage.cached_input_tokens,
            },
            cost_usd: response.cost_usd,
            latency_ms: response.latency_ms,
            attempt_latency_ms: response.attempt_latency_ms,
            attempts: response.attempts,
            cached: response.cached,
            variables,
            params: &request.params,
            promptctl_version: promptctl::VERSION,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut text = if streamed {
        String::new()
    } else {
        response.content.clone()
    };
    for call in &response.tool_calls {
        let _ = write!(text, "\n[tool call] {}({})", call.name, call.arguments);
    }
    let ends_line = if streamed && text.is_empty() {
        response.content.is_empty() || response.content.ends_with('\n')
    } else {
        text.ends_with('\n')
    };
    if !ends_line {
        text.push('\n');
    }
    printer.data(&text)?;
    printer.status(&summary(response));
    Ok(())
}

/// `openai/gpt-4o-mini · 19 in, 10 out tokens · $0.000009 · 812 ms`
fn summary(response: &ChatResponse) -> String {
    let mut parts = vec![format!("{}/{}", response.provider, response.model)];
    let cached = if response.usage.cached_input_tokens > 0 {
        format!(" ({} cached)", response.usage.cached_input_tokens)
    } else {
        String::new()
    };
    parts.push(format!(
        "{} in{cached}, {} out tokens",
        response.usage.input_tokens, response.usage.output_tokens
    ));
    parts.push(match response.cost_usd {
        Some(cost) => format!("${cost:.6}"),
        None => "no price".to_owned(),
    });
    if response.cached {
        parts.push("from cache".to_owned());
    } else {
        parts.push(format!("{} ms", response.latency_ms));
    }
    if response.attempts > 1 {
        parts.push(format!("{} attempts", response.attempts));
    }
    if response.finish_reason != promptctl::provider::FinishReason::Stop {
        parts.push(format!("finish: {}", response.finish_reason.as_str()));
    }
    parts.join(" · ")
}

/// Prints the request `--dry-run` would send.
pub(crate) fn print_dry_run(
    printer: &Printer,
    target: &Target,
    http: &HttpRequest,
) -> anyhow::Result<()> {
    // What would be sent, minus what must never be shown: keys in headers, in the rendered
    // messages (a key planted in a prompt or a variable) and a URL's userinfo password.
    let mut body: serde_json::Value = http.json().unwrap_or(serde_json::Value::Null);
    mask_json_strings(&mut body);
    let url = mask_url_password(&http.url);
    let headers: Vec<(String, String)> = http
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), v.redacted()))
        .collect();
    if printer.format == OutputFormat::Json {
        let doc = DryRunJson {
            schema_version: SCHEMA_VERSION,
            target: target.to_string(),
            method: http.method,
            url: &url,
            headers,
            body,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut text = format!("{} {url}\n", http.method);
    for (name, value) in &headers {
        let _ = writeln!(text, "{name}: {value}");
    }
    text.push('\n');
    text.push_str(&serde_json::to_string_pretty(&body)?);
    text.push('\n');
    printer.data(&text)?;
    printer.status(&format!("dry run: nothing was sent to {target}"));
    Ok(())
}
