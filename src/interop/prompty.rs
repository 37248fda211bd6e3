//! Importing Microsoft Prompty (`.prompty`) files, v1 and v2, as `.prompt` files.
//!
//! The mapping (see `docs/import-export.md`):
//! - `description`, `version` stay; `authors` (v1) or `metadata.authors` (v2) become `owners`;
//!   `tags` or `metadata.tags` stay `tags`.
//! - `model`: v1 `configuration.type` + deployment/model name, v2 `provider` + `id`, become
//!   `model: provider/id`; v1 `parameters` / v2 `options` become `config` (`max_tokens` →
//!   `maxOutputTokens`, `top_p` → `topP`, `stop` → `stopSequences`, …). Connection settings
//!   (endpoints, keys, `${env:…}`) are dropped with a note: they belong in the project config and
//!   the environment, never in a prompt file.
//! - `inputs` become a Picoschema `input.schema`, and their `default`/`sample`/`example` values
//!   (and a v1 top-level `sample`) become `input.default`; a v2 `kind: thread` input becomes
//!   `{{history}}`. `outputs` become `output` with `format: json`.
//! - Body: role lines (`system:`, `user:`, `assistant:`, `# user:`) become `{{role "…"}}`
//!   (`assistant` → `model`); Jinja `{{ x }}`, `{% if x %}`/`{% else %}`/`{% endif %}` and
//!   `{% for x in xs %}`/`{% endfor %}` become Handlebars. Any other Jinja (filters, `elif`,
//!   comparisons, `set`, macros) is not guessed at: it is escaped so it renders as the original
//!   text, and reported with its line.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use crate::interop::{Error, Planned, Report, list_files, write_planned};

/// A converted file: the `.prompt` text and what did not carry over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The `.prompt` file text.
    pub text: String,
    /// Notes (without the path, which the caller knows): (line, message).
    pub notes: Vec<(Option<usize>, String)>,
}

/// Imports a `.prompty` file, or every `.prompty` file under a folder, into `dest` (a prompts
/// folder). `source.prompty` becomes `source.prompt` (at the same relative path for a folder).
pub fn import(source: &Path, dest: &Path, force: bool) -> Result<Report, Error> {
    let files: Vec<(String, std::path::PathBuf)> = if source.is_dir() {
        list_files(source)?
            .into_iter()
            .filter(|f| f.ends_with(".prompty"))
            .map(|f| (f.clone(), source.join(f)))
            .collect()
    } else {
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        vec![(name, source.to_path_buf())]
    };
    if files.is_empty() {
        return Err(Error::Invalid {
            path: source.to_path_buf(),
            line: None,
            message: "no `.prompty` files found".into(),
        });
    }
    let mut report = Report::default();
    let mut planned = Vec::new();
    for (relative, path) in files {
        let text = std::fs::read_to_string(&path).map_err(Error::io("read", &path))?;
        let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let read_sibling = |name: &str| std::fs::read_to_string(folder.join(name)).ok();
        let converted =
            convert(&text, &read_sibling).map_err(|(line, message)| Error::Invalid {
                path: path.clone(),
                line,
                message,
            })?;
        let label = path.to_string_lossy().into_owned();
        for (line, message) in converted.notes {
            report.note(&label, line, message);
        }
        let stem = relative.strip_suffix(".prompty").unwrap_or(&relative);
        let stem = stem.replace(' ', "-");
        planned.push(Planned {
            relative: format!("{stem}.prompt"),
            bytes: converted.text.into_bytes(),
        });
    }
    write_planned(dest, planned, force, &mut report)?;
    Ok(report.finish())
}

/// Converts one Prompty document. `read_file` resolves `${file:name}` references relative to the
/// prompty's folder. Errors carry an optional 1-based line.
pub fn convert(
    text: &str,
    read_file: &dyn Fn(&str) -> Option<String>,
) -> Result<Converted, (Option<usize>, String)> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let (yaml, body, body_line) = split(&text).ok_or((
        Some(1),
        "a Prompty file starts with `---`, YAML front matter and a closing `---`".to_owned(),
    ))?;
    let front: Value = crate::yaml::from_str(yaml).map_err(|e| {
        (
            e.line.map(|l| l + 1),
            format!("invalid YAML front matter: {}", e.message),
        )
    })?;
    let Value::Object(front) = front else {
        return Err((Some(2), "the front matter must be a mapping".to_owned()));
    };
    let mut notes = Vec::new();
    let mut out = Map::new();
    let locate =
        |key: &str| crate::prompt::document::locate_key_path(yaml, &[key]).map(|(l, _)| l + 1);

    for key in ["description", "version"] {
        match front.get(key) {
            Some(Value::String(s)) => {
                out.insert(key.into(), Value::String(s.clone()));
            }
            Some(Value::Number(n)) => {
                out.insert(key.into(), Value::String(n.to_string()));
            }
            _ => {}
        }
    }
    let metadata = front.get("metadata").and_then(Value::as_object);
    let authors = front
        .get("authors")
        .or_else(|| metadata.and_then(|m| m.get("authors")));
    let tags = front
        .get("tags")
        .or_else(|| metadata.and_then(|m| m.get("tags")));
    if let Some(Value::Array(tags)) = tags {
        out.insert("tags".into(), Value::Array(tags.clone()));
    }
    if let Some(Value::Array(authors)) = authors {
        out.insert("owners".into(), Value::Array(authors.clone()));
    }
    for key in front.keys() {
        if !matches!(
            key.as_str(),
            "name"
                | "displayName"
                | "description"
                | "version"
                | "authors"
                | "tags"
                | "metadata"
                | "model"
                | "inputs"
                | "outputs"
                | "sample"
                | "template"
                | "$schema"
                | "kind"
        ) {
            notes.push((
                locate(key),
                format!("`{key}` has no promptctl equivalent and was dropped"),
            ));
        }
    }

    let mut thread_inputs = Vec::new();
    if let Some(model) = front.get("model") {
        convert_model(model, &mut out, &mut notes, locate("model"));
    }
    let mut defaults = Map::new();
    match front.get("sample") {
        Some(Value::Object(sample)) => defaults.extend(sample.clone()),
        Some(Value::String(reference)) => match file_reference(reference) {
            Some(name) => match read_file(name).and_then(|t| crate::yaml::from_str::<Value>(&t).ok()) {
                Some(Value::Object(sample)) => defaults.extend(sample),
                _ => notes.push((locate("sample"), format!("sample file `{name}` could not be read as a mapping; no defaults taken from it"))),
            },
            None => notes.push((locate("sample"), "`sample` is not a mapping or `${file:…}`; dropped".to_owned())),
        },
        _ => {}
    }
    if let Some(inputs) = front.get("inputs") {
        let schema = convert_fields(
            inputs,
            &mut defaults,
            &mut thread_inputs,
            &mut notes,
            locate("inputs"),
        );
        let mut input = Map::new();
        if !schema.is_empty() {
            input.insert("schema".into(), Value::Object(schema));
        }
        if !defaults.is_empty() {
            input.insert("default".into(), Value::Object(defaults.clone()));
        }
        if !input.is_empty() {
            out.insert("input".into(), Value::Object(input));
        }
    } else if !defaults.is_empty() {
        out.insert("input".into(), serde_json::json!({ "default": defaults }));
    }
    if let Some(outputs) = front.get("outputs") {
        let schema = convert_fields(
            outputs,
            &mut Map::new(),
            &mut Vec::new(),
            &mut notes,
            locate("outputs"),
        );
        out.insert(
            "output".into(),
            serde_json::json!({ "format": "json", "schema": schema }),
        );
    }
    if let Some(template) = front.get("template") {
        let kind = template
            .get("format")
            .and_then(|f| f.get("kind").or(Some(f)))
            .and_then(Value::as_str)
            .or_else(|| template.as_str())
            .unwrap_or("jinja2");
        if kind != "jinja2" && kind != "jinja" {
            notes.push((
                locate("template"),
                format!(
                    "template format `{kind}` is converted as if it were Jinja2; check the result"
                ),
            ));
        }
    }

    let body = convert_body(body, body_line, &thread_inputs, &mut notes);
    let yaml_out = if out.is_empty() {
        String::new()
    } else {
        crate::yaml::to_string(&Value::Object(out)).map_err(|e| (None, e.message))?
    };
    Ok(Converted {
        text: format!("---\n{yaml_out}---\n{}\n", body.trim()),
        notes,
    })
}

/// Splits `---\nYAML\n---\nbody`; returns the YAML, the body and the body's 1-based line.
fn split(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Some((&rest[..offset], &rest[body_start..], i + 3));
        }
        offset += line.len();
    }
    None
}

fn file_reference(text: &str) -> Option<&str> {
    text.trim().strip_prefix("${file:")?.strip_suffix('}')
}

fn convert_model(
    model: &Value,
    out: &mut Map<String, Value>,
    notes: &mut Vec<(Option<usize>, String)>,
    line: Option<usize>,
) {
    let Value::Object(model) = model else {
        if let Some(id) = model.as_str() {
            out.insert("model".into(), Value::String(id.to_owned()));
        }
        return;
    };
    // v2: {id, provider, options, connection}; v1: {api, configuration, parameters, response}.
    let configuration = model.get("configuration").and_then(Value::as_object);
    let provider = model
        .get("provider")
        .and_then(Value::as_str)
        .or_else(|| {
            configuration
                .and_then(|c| c.get("type"))
                .and_then(Value::as_str)
        })
        .map(|p| match p {
            "azure_openai" | "azure" => "azure",
            "azure_serverless" => "azure-serverless",
            other => other,
        });
    let id = model.get("id").and_then(Value::as_str).or_else(|| {
        configuration.and_then(|c| {
            ["azure_deployment", "model", "name"]
                .iter()
                .find_map(|k| c.get(*k).and_then(Value::as_str))
        })
    });
    match (provider, id) {
        (Some(p), Some(id)) if !id.contains("${") => {
            out.insert("model".into(), Value::String(format!("{p}/{id}")));
        }
        (None, Some(id)) if !id.contains("${") => {
            out.insert("model".into(), Value::String(id.to_owned()));
            notes.push((
                line,
                format!("model `{id}` names no provider; write `provider/{id}`"),
            ));
        }
        _ => notes.push((
            line,
            "the model is not named in the file (or only through `${env:…}`); set `model:`"
                .to_owned(),
        )),
    }
    let connection_keys: Vec<&String> = configuration
        .map(|c| {
            c.keys()
                .filter(|k| !matches!(k.as_str(), "type" | "azure_deployment" | "model" | "name"))
                .collect()
        })
        .unwrap_or_default();
    if !connection_keys.is_empty() || model.contains_key("connection") {
        notes.push((line, "connection settings (endpoint, keys, API version) were dropped: configure the provider in promptctl.yaml and credentials in the environment".to_owned()));
    }
    let params = model
        .get("parameters")
        .or_else(|| model.get("options"))
        .and_then(Value::as_object);
    let mut config = Map::new();
    for (key, value) in params.into_iter().flatten() {
        let mapped = match key.as_str() {
            "max_tokens" | "maxTokens" | "maxOutputTokens" => "maxOutputTokens",
            "top_p" | "topP" => "topP",
            "top_k" | "topK" => "topK",
            "stop" | "stopSequences" => "stopSequences",
            "frequency_penalty" | "frequencyPenalty" => "frequencyPenalty",
            "presence_penalty" | "presencePenalty" => "presencePenalty",
            "temperature" | "seed" => key.as_str(),
            "response_format" => {
                if value.get("type").and_then(Value::as_str) == Some("json_object") {
                    out.insert("output".into(), serde_json::json!({"format": "json"}));
                }
                continue;
            }
            other => {
                notes.push((
                    line,
                    format!("model parameter `{other}` is not portable and was dropped"),
                ));
                continue;
            }
        };
        let value = if mapped == "stopSequences" && value.is_string() {
            Value::Array(vec![value.clone()])
        } else {
            value.clone()
        };
        config.insert(mapped.to_owned(), value);
    }
    if !config.is_empty() {
        out.insert("config".into(), Value::Object(config));
    }
    for key in ["api", "response"] {
        if let Some(v) = model
            .get(key)
            .and_then(Value::as_str)
            .filter(|v| !matches!(*v, "chat" | "first"))
        {
            {
                notes.push((
                    line,
                    format!("model `{key}: {v}` is not portable and was dropped"),
                ));
            }
        }
    }
}

/// Prompty inputs/outputs (v1 mapping or v2 list) to Picoschema; collects defaults and thread
/// (chat history) inputs.
fn convert_fields(
    fields: &Value,
    defaults: &mut Map<String, Value>,
    threads: &mut Vec<String>,
    notes: &mut Vec<(Option<usize>, String)>,
    line: Option<usize>,
) -> Map<String, Value> {
    let entries: Vec<(String, Value)> = match fields {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|item| {
                let name = item.get("name")?.as_str()?.to_owned();
                Some((name, item.clone()))
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut schema = Map::new();
    for (name, spec) in entries {
        let Value::Object(spec) = spec else {
            // `name: sample value`
            defaults.entry(name.clone()).or_insert(spec.clone());
            schema.insert(name, Value::String(json_type(&spec).to_owned()));
            continue;
        };
        let kind = spec
            .get("kind")
            .or_else(|| spec.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("string");
        if kind == "thread" {
            threads.push(name);
            continue;
        }
        for key in ["default", "sample", "example"] {
            if let Some(v) = spec.get(key) {
                defaults.entry(name.clone()).or_insert(v.clone());
                break;
            }
        }
        let required = spec
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let optional = if required { "" } else { "?" };
        let description = spec.get("description").and_then(Value::as_str);
        let with_desc = |t: &str| match description {
            Some(d) => format!("{t}, {d}"),
            None => t.to_owned(),
        };
        if let Some(Value::Array(options)) = spec.get("enumValues").or_else(|| spec.get("enum")) {
            let key = match description {
                Some(d) => format!("{name}{optional}(enum, {d})"),
                None => format!("{name}{optional}(enum)"),
            };
            schema.insert(key, Value::Array(options.clone()));
            continue;
        }
        let (key, value) = match kind {
            "string" | "str" => (
                format!("{name}{optional}"),
                Value::String(with_desc("string")),
            ),
            "number" | "float" => (
                format!("{name}{optional}"),
                Value::String(with_desc("number")),
            ),
            "integer" | "int" => (
                format!("{name}{optional}"),
                Value::String(with_desc("integer")),
            ),
            "boolean" | "bool" => (
                format!("{name}{optional}"),
                Value::String(with_desc("boolean")),
            ),
            "array" | "list" => (
                match description {
                    Some(d) => format!("{name}{optional}(array, {d})"),
                    None => format!("{name}{optional}(array)"),
                },
                Value::String("any".into()),
            ),
            "object" | "dict" => (format!("{name}{optional}"), Value::String(with_desc("any"))),
            other => {
                notes.push((
                    line,
                    format!(
                        "input `{name}` of kind `{other}` has no Picoschema type; typed as `any`"
                    ),
                ));
                (format!("{name}{optional}"), Value::String(with_desc("any")))
            }
        };
        schema.insert(key, value);
    }
    schema
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        _ => "any",
    }
}

/// What an open Jinja block became, so its end tag can match.
enum Open {
    If,
    Unless,
    Each(String),
    Literal,
}

/// Converts the Jinja2 body with role lines to Handlebars.
fn convert_body(
    body: &str,
    first_line: usize,
    threads: &[String],
    notes: &mut Vec<(Option<usize>, String)>,
) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut stack: Vec<Open> = Vec::new();
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let line_no = first_line + i;
        if let Some((role, attrs)) = role_line(line) {
            let mapped = match role.as_str() {
                "assistant" => "model",
                "developer" => {
                    notes.push((Some(line_no), "role `developer` became `system`".to_owned()));
                    "system"
                }
                "function" | "tool" | "tools" => {
                    notes.push((Some(line_no), format!("role `{role}` became `tool`")));
                    "tool"
                }
                other => other,
            };
            if attrs {
                notes.push((
                    Some(line_no),
                    "role attributes (`[name=…]`) are not portable and were dropped".to_owned(),
                ));
            }
            let _ = writeln!(out, "{{{{role \"{mapped}\"}}}}");
            continue;
        }
        convert_line(line, line_no, threads, &mut stack, notes, &mut out);
    }
    if !stack.is_empty() {
        notes.push((None, "a Jinja block is not closed".to_owned()));
    }
    out
}

/// `system:`, `# user:`, `user[name="Alice"]:` → (role, has attributes).
fn role_line(line: &str) -> Option<(String, bool)> {
    let t = line.trim();
    let t = t.strip_prefix('#').map_or(t, str::trim_start);
    let t = t.strip_suffix(':')?;
    let (role, attrs) = match t.split_once('[') {
        Some((r, rest)) if rest.ends_with(']') => (r, true),
        Some(_) => return None,
        None => (t, false),
    };
    let role = role.trim().to_lowercase();
    matches!(
        role.as_str(),
        "system" | "user" | "assistant" | "developer" | "function" | "tool" | "tools"
    )
    .then_some((role, attrs))
}

fn convert_line(
    line: &str,
    line_no: usize,
    threads: &[String],
    stack: &mut Vec<Open>,
    notes: &mut Vec<(Option<usize>, String)>,
    out: &mut String,
) {
    let mut rest = line;
    while let Some(start) = rest.find(['{']) {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let close = if tail.starts_with("{{") {
            Some("}}")
        } else if tail.starts_with("{%") {
            Some("%}")
        } else if tail.starts_with("{#") {
            Some("#}")
        } else {
            None
        };
        let Some(close) = close else {
            out.push('{');
            rest = &tail[1..];
            continue;
        };
        let Some(end) = tail[2..].find(close) else {
            notes.push((
                Some(line_no),
                "an unclosed Jinja tag was left as text".to_owned(),
            ));
            out.push_str(&escape(tail));
            return;
        };
        let inner = tail[2..2 + end].trim().trim_matches('-').trim();
        let whole = &tail[..2 + end + 2];
        rest = &tail[2 + end + 2..];
        match close {
            "#}" => {
                let _ = write!(out, "{{{{!-- {inner} --}}}}");
            }
            "}}" => match variable(inner, stack) {
                Some(_) if threads.iter().any(|t| t == inner) => out.push_str("{{history}}"),
                Some(path) => {
                    let _ = write!(out, "{{{{{path}}}}}");
                }
                None => {
                    notes.push((
                        Some(line_no),
                        format!(
                            "`{whole}` is not portable (only plain variables are); left as text"
                        ),
                    ));
                    out.push_str(&escape(whole));
                }
            },
            _ => out.push_str(&statement(inner, whole, line_no, stack, notes)),
        }
    }
    out.push_str(rest);
}

/// A Jinja statement (`{% … %}`) as Handlebars, or the original text escaped.
fn statement(
    inner: &str,
    whole: &str,
    line_no: usize,
    stack: &mut Vec<Open>,
    notes: &mut Vec<(Option<usize>, String)>,
) -> String {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let not_portable = |notes: &mut Vec<(Option<usize>, String)>| {
        notes.push((
            Some(line_no),
            format!("`{whole}` is not portable; left as text"),
        ));
        escape(whole)
    };
    let open_block = |stack: &mut Vec<Open>,
                      notes: &mut Vec<(Option<usize>, String)>,
                      path: Option<String>,
                      open: Open,
                      helper: &str| {
        if let Some(path) = path {
            stack.push(open);
            format!("{{{{#{helper} {path}}}}}")
        } else {
            stack.push(Open::Literal);
            not_portable(notes)
        }
    };
    match words.as_slice() {
        ["if", "not", cond] => {
            open_block(stack, notes, variable(cond, stack), Open::Unless, "unless")
        }
        ["if", cond] => open_block(stack, notes, variable(cond, stack), Open::If, "if"),
        ["else"] => match stack.last() {
            Some(Open::If | Open::Unless | Open::Each(_)) => "{{else}}".to_owned(),
            _ => not_portable(notes),
        },
        ["endif"] => match stack.pop() {
            Some(Open::If) => "{{/if}}".to_owned(),
            Some(Open::Unless) => "{{/unless}}".to_owned(),
            _ => not_portable(notes),
        },
        ["for", var, "in", list] if is_identifier(var) => {
            let path = variable(list, stack);
            open_block(stack, notes, path, Open::Each((*var).to_owned()), "each")
        }
        ["if" | "for", ..] => {
            stack.push(Open::Literal);
            not_portable(notes)
        }
        ["endfor"] => match stack.pop() {
            Some(Open::Each(_)) => "{{/each}}".to_owned(),
            _ => not_portable(notes),
        },
        _ => not_portable(notes),
    }
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A plain variable path (`a`, `a.b`) as Handlebars: a loop variable becomes `this`, and an outer
/// variable inside a loop is read through `@root`, because Handlebars changes context in `#each`.
fn variable(expr: &str, stack: &[Open]) -> Option<String> {
    let mut segments = expr.split('.');
    let first = segments.next()?;
    let rest: Vec<&str> = segments.collect();
    if !is_identifier(first) || !rest.iter().all(|s| is_identifier(s)) {
        return None;
    }
    let innermost_loop = stack.iter().rev().find_map(|o| match o {
        Open::Each(var) => Some(var.as_str()),
        _ => None,
    });
    let head = match innermost_loop {
        Some(var) if var == first => "this".to_owned(),
        Some(_)
            if stack
                .iter()
                .any(|o| matches!(o, Open::Each(v) if v == first)) =>
        {
            return None;
        }
        Some(_) => format!("@root.{first}"),
        None => first.to_owned(),
    };
    Ok::<_, ()>(
        std::iter::once(head.as_str())
            .chain(rest)
            .collect::<Vec<_>>()
            .join("."),
    )
    .ok()
}

/// Text Handlebars renders literally: every `{{` escaped as `\{{`.
fn escape(text: &str) -> String {
    text.replace("{{", "\\{{")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::render::{self, SourceFile, SourceLoader};
    use crate::prompt::{PromptDocument, PromptName};

    fn no_files(_: &str) -> Option<String> {
        None
    }

    struct One(String);
    impl SourceLoader for One {
        fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
            Ok((name.name == "x").then(|| SourceFile {
                path: "x.prompt".into(),
                text: self.0.clone(),
            }))
        }
    }

    fn render_text(text: &str) -> Vec<(String, String)> {
        let rendered = render::render(
            &One(text.to_owned()),
            &PromptName::parse_id("x"),
            &Map::new(),
            &render::RenderOptions::default(),
        )
        .unwrap();
        rendered
            .messages
            .into_iter()
            .map(|m| (m.role.as_str().to_owned(), m.content.trim().to_owned()))
            .collect()
    }

    const V1: &str = r#"---
name: Basic
description: A basic prompt
authors: [sethjuarez]
tags: [demo]
model:
  api: chat
  configuration:
    type: azure_openai
    azure_endpoint: ${env:AZURE_OPENAI_ENDPOINT}
    azure_deployment: gpt-35-turbo
  parameters:
    max_tokens: 128
    top_p: 0.9
    stop: "END"
sample:
  firstName: Jane
  question: What is the meaning of life?
  items: [a, b]
---
system:
You are an AI assistant who helps people find information.
{# a comment #}
# Customer
You are helping {{ firstName }} to find answers.
{% if question %}Question: {{question}}{% endif %}
{% for item in items %}- {{ item }} for {{firstName}}
{% endfor %}
{{ firstName | upper }}

user:
{{question}}
"#;

    #[test]
    fn converts_v1_front_matter_and_body() {
        let converted = convert(V1, &no_files).unwrap();
        let doc = PromptDocument::parse(&converted.text).unwrap();
        let fm = &doc.front_matter;
        assert_eq!(fm.description.as_deref(), Some("A basic prompt"));
        assert_eq!(fm.owners, ["sethjuarez"]);
        assert_eq!(fm.tags, ["demo"]);
        assert_eq!(doc.raw_front_matter["model"], "azure/gpt-35-turbo");
        assert_eq!(fm.config["maxOutputTokens"], 128);
        assert_eq!(fm.config["topP"], 0.9);
        assert_eq!(fm.config["stopSequences"], serde_json::json!(["END"]));
        assert_eq!(fm.input.default.as_ref().unwrap()["firstName"], "Jane");
        assert!(
            !converted.text.contains("AZURE"),
            "no connection settings carried over"
        );
        let notes: Vec<String> = converted
            .notes
            .iter()
            .map(|n| format!("{:?} {}", n.0, n.1))
            .collect();
        assert!(
            notes.iter().any(|n| n.contains("connection settings")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Some(29)") && n.contains("upper")),
            "{notes:?}"
        );
        let messages = render_text(&converted.text);
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].0, "system");
        assert!(
            messages[0].1.contains("helping Jane to find"),
            "{}",
            messages[0].1
        );
        assert!(messages[0].1.contains("Question: What is the meaning"));
        assert!(
            messages[0].1.contains("- a for Jane\n- b for Jane"),
            "{}",
            messages[0].1
        );
        assert!(
            messages[0].1.contains("{{ firstName | upper }}"),
            "{}",
            messages[0].1
        );
        assert!(messages[0].1.contains("# Customer"));
        assert_eq!(
            messages[1],
            ("user".into(), "What is the meaning of life?".into())
        );
    }

    #[test]
    fn converts_v2_inputs_outputs_and_threads() {
        let text = r#"---
name: chat
metadata:
  authors: [ada]
  tags: [v2]
model:
  id: gpt-4o
  provider: openai
  connection: {kind: key, endpoint: "${env:X}"}
  options: {temperature: 0.3, maxOutputTokens: 200}
inputs:
  - name: question
    kind: string
    description: what the user asks
    default: Why is the sky blue?
  - name: mood
    kind: string
    required: false
    enumValues: [calm, brisk]
  - name: conversation
    kind: thread
outputs:
  - name: answer
    kind: string
template:
  format: {kind: jinja2}
---
system:
Be {{mood}}.
{{conversation}}
user:
{{question}}
"#;
        let converted = convert(text, &no_files).unwrap();
        let doc = PromptDocument::parse(&converted.text).unwrap();
        assert_eq!(doc.raw_front_matter["model"], "openai/gpt-4o");
        assert_eq!(doc.front_matter.config["temperature"], 0.3);
        let schema = doc.front_matter.input.schema.clone().unwrap();
        assert_eq!(schema["question"], "string, what the user asks");
        assert_eq!(schema["mood?(enum)"], serde_json::json!(["calm", "brisk"]));
        assert!(schema.get("conversation").is_none());
        assert_eq!(doc.front_matter.output.format.as_deref(), Some("json"));
        assert!(converted.text.contains("{{history}}"));
        assert_eq!(doc.front_matter.owners, ["ada"]);
    }

    #[test]
    fn reads_sample_files_and_reports_bad_input() {
        let text = "---\nsample: ${file:sample.json}\n---\nuser:\nHi {{name}}\n";
        let read = |n: &str| (n == "sample.json").then(|| "{\"name\": \"Lin\"}".to_owned());
        let converted = convert(text, &read).unwrap();
        assert_eq!(
            render_text(&converted.text),
            [("user".into(), "Hi Lin".into())]
        );
        let missing = convert(text, &no_files).unwrap();
        assert!(missing.notes.iter().any(|n| n.1.contains("sample.json")));
        assert_eq!(
            convert("no front matter", &no_files).unwrap_err().0,
            Some(1)
        );
        let err = convert("---\na: [\n---\nx", &no_files).unwrap_err();
        assert!(err.1.contains("invalid YAML"), "{err:?}");
    }

    #[test]
    fn unportable_blocks_are_left_as_text_with_matching_ends() {
        let text = "---\ndescription: x\n---\n{% if a == 1 %}one{% endif %}{% set y = 2 %}{% if b %}B{% else %}C{% endif %}\n";
        let converted = convert(text, &no_files).unwrap();
        assert!(
            converted.text.contains("\\{{% if a == 1 %}")
                || converted.text.contains("{% if a == 1 %}")
        );
        assert!(
            converted.text.contains("{{#if b}}B{{else}}C{{/if}}"),
            "{}",
            converted.text
        );
        assert_eq!(converted.notes.len(), 3, "{:?}", converted.notes);
    }
}
