//! Dotprompt compatibility mode: render a `.prompt` file exactly as the reference Dotprompt
//! library (`dotprompt` on npm, which Genkit uses) does, typed parts and all.
//!
//! promptctl's own renderer ([`crate::prompt::render`]) is strict on purpose: an undefined
//! variable is an error, roles are checked, role markers carry a per-render nonce. An application
//! that loads the same file with the Dotprompt library gets the lenient behaviour instead, and a
//! prompt that renders differently there than in review is a bug nobody sees. This module is the
//! reference behaviour, case for case, so authors can see what the app will see
//! (`render --compat dotprompt`) and the differences can be measured and linted. Its contract is
//! Dotprompt's conformance suite (`spec/*.yaml` upstream), which the tests run in full.
//!
//! What it copies from the reference, deliberately:
//! - front matter found by the reference's pattern (comment lines may precede `---`); reserved
//!   keys kept, `a.b` keys collected under `ext`, the whole block under `raw`;
//! - missing variables render as empty text, no HTML escaping, no input validation;
//! - markers are the fixed `<<<dotprompt:…>>>` strings, so a variable's value *can* forge a
//!   role (google/dotprompt#557) — the strict renderer is the one that guards against that;
//! - roles are kept as written (`assistant` stays `assistant`, unknown names pass through);
//! - `@name` data comes from the render's context (`@state`, `@auth`, …) plus `@metadata`;
//! - Picoschema with named schemas, resolved from the environment.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, Renderable,
    ScopedJson,
};
use regex::Regex;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::prompt::message::{Media, MediaPart, Part, PartsMessage, SectionMarker, SectionPart};

/// Front-matter keys the reference keeps at the top level (`js/src/parse.ts`).
const RESERVED_KEYS: &[&str] = &[
    "config",
    "description",
    "ext",
    "input",
    "model",
    "name",
    "output",
    "raw",
    "toolDefs",
    "tools",
    "variant",
    "version",
];

/// `@`-names Handlebars itself defines; they are not looked up in the context.
const BUILTIN_DATA: &[&str] = &["index", "key", "first", "last", "root", "level"];

/// The helper compat templates call for `@name.path` data (see [`rewrite_data_refs`]).
const DATA_HELPER: &str = "__dotprompt_data";

/// What went wrong in compat rendering.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CompatError {
    /// What is wrong, in the reference's terms.
    pub message: String,
    /// 1-based line in the source, when known.
    pub line: Option<usize>,
    /// 1-based column in the source, when known.
    pub column: Option<usize>,
}

impl CompatError {
    fn new(message: impl Into<String>) -> CompatError {
        CompatError {
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

/// What a render can see besides the file: partials, named schemas and tool definitions
/// (the reference's `DotpromptOptions`).
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// Partials by name (`{{> name}}`).
    pub partials: BTreeMap<String, String>,
    /// Named schemas by name (`schema: Foo`), as JSON Schema.
    pub schemas: BTreeMap<String, Value>,
    /// Tool definitions by name; a prompt's `tools:` entries found here move to `toolDefs`.
    pub tools: BTreeMap<String, Value>,
}

/// The data one render gets (the reference's `DataArgument`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataArgument {
    /// The template variables.
    #[serde(default)]
    pub input: Map<String, Value>,
    /// `@`-data: `{"state": …}` is `{{@state}}`, `{"auth": …}` is `{{@auth}}`.
    #[serde(default)]
    pub context: Map<String, Value>,
    /// Conversation history for `{{history}}`.
    #[serde(default)]
    pub messages: Vec<PartsMessage>,
    /// Documents for retrieval-augmented prompts, visible as `@metadata.docs`.
    #[serde(default)]
    pub docs: Option<Value>,
}

/// A parsed file: its metadata (front matter split as the reference splits it) and template.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// `ext`, `metadata`, `config`, the reserved keys present, and `raw` when there is front matter.
    pub metadata: Map<String, Value>,
    /// The template: trimmed when there was front matter, as written otherwise.
    pub template: String,
}

/// A rendered prompt: the resolved metadata (without the input schema) and the messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The metadata, as [`render_metadata`] returns it, minus `input`.
    pub metadata: Map<String, Value>,
    /// The messages with typed parts.
    pub messages: Vec<PartsMessage>,
}

impl Rendered {
    /// The reference's `RenderedPrompt` as JSON: the metadata keys plus `messages`.
    pub fn to_json(&self) -> Value {
        let mut out = self.metadata.clone();
        out.insert(
            "messages".into(),
            serde_json::to_value(&self.messages).unwrap_or(Value::Null),
        );
        Value::Object(out)
    }
}

static FRONT_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:#[^\n]*|[ \t]*)\n)*---\s*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)([\s\S]*)$",
    )
    .expect("static pattern")
});

/// Splits a file into metadata and template as the reference does.
pub fn parse(source: &str) -> Result<Parsed, CompatError> {
    let mut metadata = Map::new();
    metadata.insert("ext".into(), json!({}));
    metadata.insert("metadata".into(), json!({}));
    metadata.insert("config".into(), json!({}));
    let (front, body) = match FRONT_MATTER.captures(source) {
        Some(c) => (
            c.get(1).map_or("", |m| m.as_str()),
            c.get(2).map_or("", |m| m.as_str()),
        ),
        None => ("", ""),
    };
    if front.is_empty() {
        return Ok(Parsed {
            metadata,
            template: source.to_owned(),
        });
    }
    let raw: Value = crate::yaml::from_str(front).map_err(|e| CompatError {
        message: format!("front matter is not valid YAML: {}", e.message),
        line: e.line.map(|l| l + 1),
        column: e.column,
    })?;
    let raw = match raw {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => {
            return Err(CompatError::new(format!(
                "front matter must be a mapping, found {}",
                crate::prompt::document::json_kind(&other)
            )));
        }
    };
    let mut ext: Map<String, Value> = Map::new();
    for (key, value) in &raw {
        if RESERVED_KEYS.contains(&key.as_str()) {
            metadata.insert(key.clone(), value.clone());
        } else if let Some(dot) = key.rfind('.') {
            let entry = ext
                .entry(key[..dot].to_owned())
                .or_insert_with(|| json!({}));
            if let Value::Object(ns) = entry {
                ns.insert(key[dot + 1..].to_owned(), value.clone());
            }
        }
    }
    metadata.insert("raw".into(), Value::Object(raw));
    metadata.insert("ext".into(), Value::Object(ext));
    Ok(Parsed {
        metadata,
        template: body.trim().to_owned(),
    })
}

/// The resolved metadata: the file's, with `additional` merged over it (configs merged key by
/// key), tools resolved into `toolDefs`, and Picoschema turned into JSON Schema.
pub fn render_metadata(
    env: &Environment,
    parsed: &Parsed,
    additional: Option<&Map<String, Value>>,
) -> Result<Map<String, Value>, CompatError> {
    let mut out = Map::new();
    for merge in std::iter::once(&parsed.metadata).chain(additional) {
        let original_config = match out.get("config") {
            Some(Value::Object(c)) => c.clone(),
            _ => Map::new(),
        };
        for (k, v) in merge {
            out.insert(k.clone(), v.clone());
        }
        let mut config = original_config;
        if let Some(Value::Object(c)) = merge.get("config") {
            for (k, v) in c {
                config.insert(k.clone(), v.clone());
            }
        }
        out.insert("config".into(), Value::Object(config));
    }
    out.retain(|_, v| !v.is_null());
    resolve_tools(env, &mut out);
    for key in ["input", "output"] {
        let Some(Value::Object(section)) = out.get(key) else {
            continue;
        };
        let Some(schema) = section.get("schema").filter(|s| truthy(s)) else {
            continue;
        };
        let resolved =
            picoschema(env, schema).map_err(|e| CompatError::new(format!("{key}.schema: {e}")))?;
        let mut section = section.clone();
        section.insert("schema".into(), resolved.unwrap_or(Value::Null));
        out.insert(key.into(), Value::Object(section));
    }
    Ok(out)
}

fn resolve_tools(env: &Environment, out: &mut Map<String, Value>) {
    let Some(Value::Array(tools)) = out.get("tools").cloned() else {
        return;
    };
    let mut defs = match out.get("toolDefs") {
        Some(Value::Array(d)) => d.clone(),
        _ => Vec::new(),
    };
    let mut unregistered = Vec::new();
    for tool in tools {
        match tool.as_str().and_then(|name| env.tools.get(name)) {
            Some(def) => defs.push(def.clone()),
            None => unregistered.push(tool),
        }
    }
    out.insert("toolDefs".into(), Value::Array(defs));
    out.insert("tools".into(), Value::Array(unregistered));
}

/// Renders a file with `data`; `options` supplies `input.default` as in the reference.
pub fn render(
    env: &Environment,
    source: &str,
    data: &DataArgument,
    options: Option<&Map<String, Value>>,
) -> Result<Rendered, CompatError> {
    let parsed = parse(source)?;
    let mut metadata = render_metadata(env, &parsed, None)?;
    metadata.remove("input");

    let mut registry = Handlebars::new();
    registry.set_strict_mode(false);
    registry.register_escape_fn(handlebars::no_escape);
    register_helpers(&mut registry);
    let raw_contents = std::cell::RefCell::new(Vec::new());
    let rewrite = |t: &str| {
        outside_raw_blocks(t, &raw_contents, |t| {
            let t = rewrite_helper_values(&rewrite_section_paths(&rewrite_inverse_sections(
                &rewrite_data_refs(&rewrite_dot_params(t)),
            )));
            rewrite_js_values(&t, |n| HELPER_NAMES.contains(&n))
        })
    };
    let mut partials = Vec::new();
    for (name, partial) in &env.partials {
        partials.push((name, rewrite(partial)));
    }
    let main = rewrite(&parsed.template);
    registry.register_helper(
        RAW_HELPER,
        Box::new(RawContent {
            contents: raw_contents.into_inner(),
        }),
    );
    for (name, partial) in partials {
        let mut template = handlebars::Template::compile_with_name(partial, name.clone())
            .map_err(|e| CompatError::new(format!("partial `{name}`: {e}")))?;
        join_leading_values(&mut template);
        registry.register_template(name, template);
    }
    let mut template =
        handlebars::Template::compile_with_name(main, "main".to_owned()).map_err(|e| {
            CompatError {
                message: e.to_string(),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
            }
        })?;
    join_leading_values(&mut template);
    registry.register_template("main", template);

    let mut variables = match options
        .and_then(|o| o.get("input"))
        .and_then(|i| i.get("default"))
    {
        Some(Value::Object(d)) => d.clone(),
        _ => Map::new(),
    };
    for (k, v) in &data.input {
        variables.insert(k.clone(), v.clone());
    }
    let mut at_data = Map::new();
    at_data.insert(
        "metadata".into(),
        json!({
            "prompt": Value::Object(metadata.clone()),
            "docs": data.docs.clone().unwrap_or(Value::Null),
            "messages": serde_json::to_value(&data.messages).unwrap_or(Value::Null),
        }),
    );
    for (k, v) in &data.context {
        at_data.insert(k.clone(), v.clone());
    }
    registry.register_helper(
        DATA_HELPER,
        Box::new(DataHelper {
            data: js_key_order(Value::Object(at_data)),
        }),
    );
    let rendered = registry
        .render(
            "main",
            &js_key_order(crate::prompt::render::js_numbers(Value::Object(variables))),
        )
        .map_err(|e| CompatError {
            message: e.to_string(),
            line: e.line_no,
            column: e.column_no,
        })?;
    Ok(Rendered {
        metadata,
        messages: to_messages(&rendered, &data.messages),
    })
}

static PARTIAL_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\{\{~?#?>\s*"?([A-Za-z0-9_./-]+)"?"#).expect("static pattern"));

/// Renders the prompt `name` from `loader` as the reference library would load it from the
/// prompt folder: the file, and every `_partial.prompt` it includes, transitively (a partial that
/// does not exist is left for Handlebars to report, as in the reference).
pub fn render_prompt(
    loader: &dyn crate::prompt::SourceLoader,
    name: &crate::prompt::PromptName,
    data: &DataArgument,
    schemas: &BTreeMap<String, Value>,
) -> Result<Rendered, CompatError> {
    let io = |e: std::io::Error| CompatError::new(format!("could not read `{name}`: {e}"));
    let file = loader
        .load(name)
        .map_err(io)?
        .ok_or_else(|| CompatError::new(format!("no prompt named `{name}`")))?;
    // `extends` and model lists are promptctl's: the app gets the exported, flattened file.
    let file = match crate::prompt::render::resolve(loader, name) {
        Ok(resolved)
            if !resolved.bases.is_empty()
                || resolved
                    .raw_front_matter
                    .get("model")
                    .is_some_and(Value::is_array) =>
        {
            crate::prompt::SourceFile {
                text: resolved
                    .dotprompt_source()
                    .map_err(|e| CompatError::new(e.to_string()))?,
                path: file.path,
            }
        }
        _ => file,
    };
    let mut env = Environment {
        schemas: schemas.clone(),
        ..Environment::default()
    };
    let mut pending: Vec<String> = PARTIAL_REF
        .captures_iter(&file.text)
        .map(|c| c[1].to_owned())
        .collect();
    while let Some(partial) = pending.pop() {
        if env.partials.contains_key(&partial) {
            continue;
        }
        let Some(source) = loader
            .load(&crate::prompt::PromptName::partial(&partial))
            .map_err(io)?
        else {
            continue;
        };
        pending.extend(
            PARTIAL_REF
                .captures_iter(&source.text)
                .map(|c| c[1].to_owned()),
        );
        env.partials.insert(partial, source.text);
    }
    load_dynamic_partials(loader, &file.text, data, &mut env);
    render(&env, &file.text, data, None).map_err(|mut e| {
        e.message = format!("{}: {}", file.path.display(), e.message);
        e
    })
}

static DYNAMIC_PARTIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{~?#?>\s*\(").expect("static pattern"));

static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""([A-Za-z0-9_./-]{1,200})"|'([A-Za-z0-9_./-]{1,200})'"#).expect("static pattern")
});

/// At most this many names are tried as partials for a dynamic partial.
const DYNAMIC_PARTIAL_CANDIDATES: usize = 1000;

/// A dynamic partial `{{> (lookup . "which")}}` names its partial at render time. The reference
/// has every partial of the folder registered; promptctl loads the ones such a name can be: the
/// name comes from `lookup` over the data (or a literal), so every string literal of the
/// templates and every string in the input and context that is a partial's name is loaded.
fn load_dynamic_partials(
    loader: &dyn crate::prompt::SourceLoader,
    template: &str,
    data: &DataArgument,
    env: &mut Environment,
) {
    let templates = std::iter::once(template).chain(env.partials.values().map(String::as_str));
    if !templates.clone().any(|t| DYNAMIC_PARTIAL.is_match(t)) {
        return;
    }
    let mut candidates: std::collections::BTreeSet<String> = templates
        .flat_map(|t| QUOTED.captures_iter(t))
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).map(|m| m.as_str().to_owned()))
        .collect();
    let mut stack: Vec<&Value> = data.input.values().chain(data.context.values()).collect();
    while let Some(value) = stack.pop() {
        if candidates.len() >= DYNAMIC_PARTIAL_CANDIDATES {
            break;
        }
        match value {
            Value::String(s) if s.len() <= 200 => {
                candidates.insert(s.clone());
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    for name in candidates {
        if env.partials.contains_key(&name)
            || name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        {
            continue;
        }
        // A name that is no partial (or may not be read) is simply not one: the render then
        // fails on it as the reference does, "partial … could not be found".
        if let Ok(Some(source)) = loader.load(&crate::prompt::PromptName::partial(&name)) {
            env.partials.insert(name, source.text);
        }
    }
}

/// JavaScript truthiness of a JSON value.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A JavaScript object's own-key order: integer-like keys (array indices) first, ascending, then
/// the others in insertion order. `{{json}}` and `#each` walk objects in this order in the
/// reference, so `{"b":1,"10":2,"2":3}` comes out as `2`, `10`, `b`.
fn js_key_order(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(js_key_order).collect()),
        Value::Object(map) => {
            let index = |k: &str| {
                (k == "0" || !k.starts_with('0'))
                    .then(|| k.parse::<u32>().ok())
                    .flatten()
                    .filter(|&i| i != u32::MAX)
            };
            let (mut indices, names): (Vec<_>, Vec<_>) =
                map.into_iter().partition(|(k, _)| index(k).is_some());
            indices.sort_by_key(|(k, _)| index(k));
            Value::Object(
                indices
                    .into_iter()
                    .chain(names)
                    .map(|(k, v)| (k, js_key_order(v)))
                    .collect(),
            )
        }
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// Templates

static MUSTACHE_DATA_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^[~&{]?\s*|[\s(=])@([A-Za-z_$][\w$-]*(?:[./][\w$-]+)*)").expect("static pattern")
});

static RAW_BLOCK_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\{\{~?\s*([^\s{}~/][^\s{}~]*)[^{}]*?~?\}\}\}\}").expect("static pattern")
});

/// The helper that prints a raw block's content (see [`outside_raw_blocks`]).
const RAW_HELPER: &str = "__dotprompt_raw";

/// Prints the content of raw block number N, as written.
struct RawContent {
    contents: Vec<String>,
}

impl HelperDef for RawContent {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let index = h
            .param(0)
            .and_then(|p| p.value().as_u64())
            .and_then(|i| usize::try_from(i).ok());
        if let Some(content) = index.and_then(|i| self.contents.get(i)) {
            out.write(content)?;
        }
        Ok(())
    }
}

/// Applies `rewrite` to the template outside its raw blocks (`{{{{name}}}}…{{{{/name}}}}`), and
/// turns each raw block into what Handlebars.js makes of it: a section over the value `name`
/// whose content is printed as written. The content goes to `contents` and the section prints it
/// with the raw helper, so neither a rewrite nor handlebars-rust's parser (which trims a raw
/// block's leading whitespace) touches it. An unclosed raw block is left for Handlebars to report.
fn outside_raw_blocks(
    template: &str,
    contents: &std::cell::RefCell<Vec<String>>,
    rewrite: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = RAW_BLOCK_OPEN.captures(rest) {
        let (Some(whole), Some(name)) = (open.get(0), open.get(1)) else {
            break;
        };
        let close = Regex::new(&format!(
            r"\{{\{{\{{\{{~?\s*/\s*{}\s*~?\}}\}}\}}\}}",
            regex::escape(name.as_str())
        ))
        .ok()
        .and_then(|close| close.find(&rest[whole.end()..]));
        let Some(close) = close else {
            break;
        };
        out.push_str(&rewrite(&rest[..whole.start()]));
        let end = whole.end() + close.end();
        let mut contents = contents.borrow_mut();
        let _ = write!(
            out,
            "{{{{#{SECTION_HELPER} {}}}}}{{{{{RAW_HELPER} {}}}}}{{{{/{SECTION_HELPER}}}}}",
            name.as_str(),
            contents.len()
        );
        contents.push(rest[whole.end()..whole.end() + close.start()].to_owned());
        rest = &rest[end..];
    }
    out.push_str(&rewrite(rest));
    out
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{[^{}]*\}\}").expect("static pattern"));

static DOT_PARAM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\s(])((?:\.\./)*)\.([\s)~}])").expect("static pattern"));

/// Handlebars.js takes `.` (and `../.`) as a parameter, `{{lookup . "name"}}`,
/// `{{> (lookup ../. "p")}}`; handlebars-rust parses only `this` there.
fn rewrite_dot_params(template: &str) -> String {
    TAG.replace_all(template, |c: &regex::Captures<'_>| {
        DOT_PARAM
            .replace_all(&c[0], "${1}${2}this${3}")
            .into_owned()
    })
    .into_owned()
}

static HELPER_VALUE_MUSTACHE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{(~?)(?:\{|&)?\s*((?:lookup|__dotprompt_data)\s[^{}]*?)\s*\}?(~?)\}\}")
        .expect("static pattern")
});

/// Handlebars.js prints what a helper returns as JavaScript's `String()` does, so
/// `{{lookup people 0}}` and `{{@state}}` print `[object Object]`; handlebars-rust prints an
/// object as `[object]` and a list as `[a, b]`. A mustache whose value comes from `lookup` or from
/// `@`-data is wrapped in the value helper, which prints as JavaScript does.
fn rewrite_helper_values(template: &str) -> String {
    HELPER_VALUE_MUSTACHE
        .replace_all(template, |c: &regex::Captures<'_>| {
            let escaped = c
                .get(0)
                .is_some_and(|m| template[..m.start()].ends_with('\\'));
            if escaped {
                return c[0].to_owned();
            }
            format!("{{{{{}{VALUE_HELPER} ({}){}}}}}", &c[1], &c[2], &c[3])
        })
        .into_owned()
}

/// Handlebars.js resolves `{{@state.count}}` in the render's data; handlebars-rust only knows
/// single-name `@` variables. Each `@name.path` inside a mustache (other than Handlebars' own
/// `@index`, `@root`, …) becomes a call of the data helper, `(__dotprompt_data "name.path")`.
fn rewrite_data_refs(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        // Comments and raw blocks are left alone.
        let close_token = if tail.starts_with("{{!--") {
            "--}}"
        } else {
            "}}"
        };
        let Some(close) = tail[2..].find(close_token).map(|c| c + 2) else {
            out.push_str(tail);
            return out;
        };
        let inner = &tail[2..close];
        if inner.starts_with('!') || inner.starts_with("{{") {
            out.push_str(&tail[..close + close_token.len()]);
        } else {
            out.push_str("{{");
            out.push_str(
                &MUSTACHE_DATA_REF.replace_all(inner, |c: &regex::Captures<'_>| {
                    let pre = &c[1];
                    let path = &c[2];
                    let head = path.split(['.', '/']).next().unwrap_or("");
                    if BUILTIN_DATA.contains(&head) {
                        return c[0].to_owned();
                    }
                    let at_start =
                        c.get(0).is_some_and(|m| m.start() == 0) && !pre.ends_with(['(', '=']);
                    if at_start {
                        format!("{pre}{DATA_HELPER} \"{path}\"")
                    } else {
                        format!("{pre}({DATA_HELPER} \"{path}\")")
                    }
                }),
            );
            out.push_str(close_token);
        }
        rest = &tail[close + close_token.len()..];
    }
    out.push_str(rest);
    out
}

/// Helpers a compat render knows: Handlebars' own and Dotprompt's. A mustache naming one of them
/// calls it rather than printing a value.
const HELPER_NAMES: &[&str] = &[
    "if",
    "unless",
    "each",
    "with",
    "lookup",
    "log",
    "blockHelperMissing",
    "helperMissing",
    "role",
    "history",
    "section",
    "media",
    "json",
    "ifEquals",
    "unlessEquals",
];

/// The helper compat templates call to print a value (see [`rewrite_js_values`]).
const VALUE_HELPER: &str = "__dotprompt_value";

static VALUE_MUSTACHE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\{\{(~?)(?:\{|&)?\s*(\.|(?:\.\./)*@?[A-Za-z_$][\w$-]*(?:[./][\w$-]+)*)\s*\}?(~?)\}\}",
    )
    .expect("static pattern")
});

/// Handlebars.js prints a value as JavaScript's `String(value)` does (`1,b,,true`,
/// `[object Object]`), resolves `arr.length` and `{{.}}`; handlebars-rust prints `[1, b, , true]`
/// and `[object]`, fails on `.length` and does not parse `{{.}}`. Each mustache that only prints
/// a path (not a helper's name) becomes a call of the value helper, which prints as JavaScript
/// does. Raw blocks are never passed here (see [`outside_raw_blocks`]).
fn rewrite_js_values(template: &str, is_helper: impl Fn(&str) -> bool) -> String {
    VALUE_MUSTACHE
        .replace_all(template, |c: &regex::Captures<'_>| {
            let path = &c[2];
            let escaped = c
                .get(0)
                .is_some_and(|m| template[..m.start()].ends_with('\\'));
            if escaped || path == "else" || is_helper(path) {
                return c[0].to_owned();
            }
            let (path, length) = match path.strip_suffix(".length") {
                Some(head) if !head.ends_with('.') => (head, " length=true"),
                _ => (path, ""),
            };
            let path = if path == "." { "this" } else { path };
            format!("{{{{{}{VALUE_HELPER} {path}{length}{}}}}}", &c[1], &c[3])
        })
        .into_owned()
}

/// The helper the leading values of a block are joined by (see [`join_leading_values`]).
const SUM_HELPER: &str = "__dotprompt_sum";

/// Handlebars.js with `noEscape` (as Dotprompt compiles) joins what a block outputs with
/// JavaScript's `+` and starts with its first value, not with `""`: so two numbers (or booleans)
/// printed one after the other at the very start of a template or block add up (`{{n}}{{n}}`
/// with `n: 3` prints `6`, `x{{n}}{{n}}` prints `x33`). Each program's leading run of two or
/// more printed values (comments and text emptied by whitespace control do not break a run)
/// becomes one call of the sum helper, which joins them as JavaScript does.
fn join_leading_values(template: &mut handlebars::Template) {
    use handlebars::template::{Parameter, TemplateElement};
    let value_params = |element: &TemplateElement| match element {
        TemplateElement::Expression(h)
            if h.name.as_name() == Some(VALUE_HELPER) && h.params.len() == 1 =>
        {
            Some((h.params[0].clone(), h.hash.contains_key("length")))
        }
        _ => None,
    };
    let skippable = |element: &TemplateElement| match element {
        TemplateElement::Comment(_) => true,
        TemplateElement::RawString(text) => text.is_empty(),
        _ => false,
    };
    let mut run = Vec::new();
    let (mut start, mut end) = (None, 0);
    for (index, element) in template.elements.iter().enumerate() {
        if let Some(value) = value_params(element) {
            run.push(value);
            start.get_or_insert(index);
            end = index + 1;
        } else if !skippable(element) {
            break;
        }
    }
    let start = start.unwrap_or(0);
    if run.len() >= 2
        && let Some(TemplateElement::Expression(first)) = template.elements.get_mut(start)
    {
        first.name = Parameter::Name(SUM_HELPER.to_owned());
        first.hash.clear();
        first.params = run
            .into_iter()
            .flat_map(|(value, length)| [value, Parameter::Literal(Value::Bool(length))])
            .collect();
        template.elements.drain(start + 1..end);
        if template.mapping.len() >= end {
            template.mapping.drain(start + 1..end);
        }
    }
    for element in &mut template.elements {
        match element {
            TemplateElement::HelperBlock(h) => {
                for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    join_leading_values(t);
                }
            }
            TemplateElement::PartialBlock(d) | TemplateElement::DecoratorBlock(d) => {
                if let Some(t) = &mut d.template {
                    join_leading_values(t);
                }
            }
            _ => {}
        }
    }
}

/// A value as the JavaScript primitive Handlebars.js adds: `None` stands for a string.
fn js_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// A JavaScript number as `String(n)` prints it (integers without a fraction).
fn js_number_text(n: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return format!("{}", n as i64);
    }
    n.to_string()
}

#[allow(clippy::unnecessary_wraps)] // the signature is Handlebars' helper contract
fn sum_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    // Each value is printed as `{{x}}` would print it: null and missing as "", a string as it is.
    let mut sum: Option<f64> = None;
    let mut text = String::new();
    let mut all_numbers = true;
    for pair in h.params().chunks(2) {
        let length = pair.get(1).is_some_and(|p| p.value() == &Value::Bool(true));
        let value = pair
            .first()
            .filter(|p| !p.is_value_missing())
            .map_or(Value::Null, |p| p.value().clone());
        let value = if length { length_of(&value) } else { value };
        if let (true, Some(n)) = (all_numbers, js_number(&value)) {
            sum = Some(sum.map_or(n, |s| s + n));
        } else {
            if all_numbers {
                all_numbers = false;
                if let Some(s) = sum.take() {
                    text.push_str(&js_number_text(s));
                }
            }
            if !value.is_null() {
                text.push_str(&js_string(&value));
            }
        }
    }
    if let Some(s) = sum {
        text.push_str(&js_number_text(s));
    }
    out.write(&text)?;
    Ok(())
}

/// `x.length` as Handlebars.js resolves it: a list's length, a string's in UTF-16 units.
fn length_of(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::from(items.len()),
        Value::String(s) => Value::from(s.encode_utf16().count()),
        Value::Object(map) => map.get("length").cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

#[allow(clippy::unnecessary_wraps)] // the signature is Handlebars' helper contract
fn value_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let Some(value) = h
        .param(0)
        .filter(|p| !p.is_value_missing())
        .map(handlebars::PathAndJson::value)
    else {
        return Ok(());
    };
    let text = if h.hash_get("length").is_some() {
        match value {
            Value::Array(items) => items.len().to_string(),
            Value::String(s) => s.encode_utf16().count().to_string(),
            Value::Object(map) => map.get("length").map(js_string).unwrap_or_default(),
            _ => String::new(),
        }
    } else {
        match value {
            Value::Null => String::new(),
            other => js_string(other),
        }
    };
    out.write(&text)?;
    Ok(())
}

struct DataHelper {
    data: Value,
}

impl HelperDef for DataHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, handlebars::RenderError> {
        let path = h.param(0).and_then(|p| p.value().as_str()).unwrap_or("");
        let mut value = &self.data;
        for seg in path.split(['.', '/']) {
            match value.get(seg) {
                Some(v) => value = v,
                None => return Ok(ScopedJson::Missing),
            }
        }
        Ok(ScopedJson::Derived(value.clone()))
    }
}

fn register_helpers(registry: &mut Handlebars<'_>) {
    // Handlebars.js has no `raw` helper: `{{{{raw}}}}…{{{{/raw}}}}` is a section over the value
    // `raw` (nothing when it is missing), its content printed as written. handlebars-rust's
    // built-in `raw` prints the content always; without it the block reaches `MustacheSection`.
    registry.unregister_helper("raw");
    registry.register_helper("role", Box::new(role_helper));
    registry.register_helper("history", Box::new(history_helper));
    registry.register_helper("section", Box::new(section_helper));
    registry.register_helper("media", Box::new(media_helper));
    registry.register_helper("json", Box::new(json_helper));
    registry.register_helper(VALUE_HELPER, Box::new(value_helper));
    registry.register_helper(SUM_HELPER, Box::new(sum_helper));
    registry.register_helper("blockHelperMissing", Box::new(MustacheSection));
    registry.register_helper(SECTION_HELPER, Box::new(MustacheSection));
    registry.register_helper("if", Box::new(IfHelper { negate: false }));
    registry.register_helper("unless", Box::new(IfHelper { negate: true }));
    registry.register_helper("ifEquals", Box::new(EqualsHelper { negate: false }));
    registry.register_helper("unlessEquals", Box::new(EqualsHelper { negate: true }));
}

/// A value as JavaScript's `String(value)` prints it inside a template literal.
fn js_string(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => js_string(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
        other => other.to_string(),
    }
}

fn param_string(h: &Helper<'_>, index: usize) -> String {
    h.param(index).map_or_else(
        || "undefined".to_owned(),
        |p| {
            if p.is_value_missing() {
                "undefined".to_owned()
            } else {
                js_string(p.value())
            }
        },
    )
}

#[allow(clippy::unnecessary_wraps)] // the signature is Handlebars' helper contract
fn role_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&format!("<<<dotprompt:role:{}>>>", param_string(h, 0)))?;
    Ok(())
}

#[allow(clippy::unnecessary_wraps)]
fn history_helper(
    _: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write("<<<dotprompt:history>>>")?;
    Ok(())
}

#[allow(clippy::unnecessary_wraps)]
fn section_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&format!("<<<dotprompt:section {}>>>", param_string(h, 0)))?;
    Ok(())
}

#[allow(clippy::unnecessary_wraps)]
fn media_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let hash = |key: &str| {
        h.hash_get(key)
            .filter(|v| !v.is_value_missing())
            .map(|v| js_string(v.value()))
    };
    let url = hash("url").unwrap_or_else(|| "undefined".into());
    let content_type = hash("contentType")
        .filter(|c| !c.is_empty())
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    out.write(&format!("<<<dotprompt:media:url {url}{content_type}>>>"))?;
    Ok(())
}

fn json_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    // `JSON.stringify(undefined)` is `undefined`, which the template prints as the word.
    let Some(value) = h
        .param(0)
        .filter(|p| !p.is_value_missing())
        .map(|p| p.value().clone())
    else {
        out.write("undefined")?;
        return Ok(());
    };
    let indent = h
        .hash_get("indent")
        .and_then(|v| v.value().as_u64())
        .unwrap_or(0)
        .min(10);
    let text = crate::prompt::render::json_text(&value, indent)?;
    out.write(&text)?;
    Ok(())
}

/// `ifEquals` / `unlessEquals` with JavaScript's `===`: scalars by value and type; two objects or
/// arrays are never equal (JavaScript compares them by identity, and template values are copies).
struct EqualsHelper {
    negate: bool,
}

impl HelperDef for EqualsHelper {
    #[allow(clippy::many_single_char_names)] // Handlebars' helper signature, named as its docs do
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = |i: usize| {
            h.param(i)
                .filter(|p| !p.is_value_missing())
                .map(|p| p.value().clone())
        };
        let (a, b) = (value(0), value(1));
        let equal = match (&a, &b) {
            (Some(Value::Array(_) | Value::Object(_)), _) => false,
            (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64() == y.as_f64(),
            _ => a == b,
        };
        let chosen = if equal == self.negate {
            h.inverse()
        } else {
            h.template()
        };
        if let Some(t) = chosen {
            t.render(r, ctx, rc, out)?;
        }
        Ok(())
    }
}

/// Handlebars.js' Mustache section `{{#name}}…{{/name}}` when `name` is no helper: each item of
/// a non-empty list, the object as context, the block once for another true value, and the
/// `{{else}}` part for a false value or an empty list. handlebars-rust calls this for any block
/// whose name is not a helper; `{{^name}}` reaches it rewritten as `{{#name}}{{else}}`.
struct MustacheSection;

impl HelperDef for MustacheSection {
    #[allow(clippy::many_single_char_names)] // Handlebars' helper signature, named as its docs do
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = if h.name() == SECTION_HELPER {
            h.param(0)
                .filter(|p| !p.is_value_missing())
                .map_or(Value::Null, |p| p.value().clone())
        } else {
            rc.evaluate(ctx, h.name())
                .map_or(Value::Null, |v| v.as_json().clone())
        };
        let items = match value {
            Value::Array(items) if !items.is_empty() => items,
            Value::Array(_) => Vec::new(),
            Value::Bool(true) => {
                if let Some(t) = h.template() {
                    t.render(r, ctx, rc, out)?;
                }
                return Ok(());
            }
            other if truthy(&other) => vec![other],
            _ => Vec::new(),
        };
        if items.is_empty() {
            if let Some(t) = h.inverse() {
                t.render(r, ctx, rc, out)?;
            }
            return Ok(());
        }
        for item in items {
            let mut block = handlebars::BlockContext::new();
            block.set_base_value(item);
            rc.push_block(block);
            let rendered = h.template().map(|t| t.render(r, ctx, rc, out));
            rc.pop_block();
            if let Some(result) = rendered {
                result?;
            }
        }
        Ok(())
    }
}

static INVERSE_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{(~?)\^\s*([A-Za-z_$][^{}~]*?)\s*(~?)\}\}").expect("static pattern")
});

/// `{{^x}}` and `{{^if x}}` open an inverse section in Handlebars.js; handlebars-rust only knows
/// `{{^}}` as `else`. `{{#x}}{{else}}` is the same block with an empty true part.
fn rewrite_inverse_sections(template: &str) -> String {
    INVERSE_OPEN
        .replace_all(template, "{{${1}#${2}}}{{else${3}}}")
        .into_owned()
}

/// The block helper a Mustache section over a path (`{{#../items}}`, `{{#obj.list}}`) becomes.
const SECTION_HELPER: &str = "__dotprompt_section";

static SECTION_PATH_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\{\{(~?)([#/])\s*((?:\.\./)+[\w$-]+(?:[./][\w$-]+)*|[\w$-]+(?:[./][\w$-]+)+)\s*(~?)\}\}",
    )
    .expect("static pattern")
});

/// handlebars-rust takes only a plain name as a block's name, so a Mustache section over a path
/// (`{{#../items}}…{{/../items}}`, `{{#obj.list}}…{{/obj.list}}`), which Handlebars.js accepts,
/// does not parse. Each becomes a call of the section helper with the path as its parameter.
/// A closing tag is rewritten only when it closes such a section, so `{{/folder/name}}` closing a
/// partial block `{{#> folder/name}}` stays as it is.
fn rewrite_section_paths(template: &str) -> String {
    let mut open_paths: Vec<String> = Vec::new();
    SECTION_PATH_TAG
        .replace_all(template, |c: &regex::Captures<'_>| {
            let (open, sigil, path, close) = (&c[1], &c[2], &c[3], &c[4]);
            if sigil == "#" {
                open_paths.push(path.to_owned());
                format!("{{{{{open}#{SECTION_HELPER} {path}{close}}}}}")
            } else if open_paths.last().map(String::as_str) == Some(path) {
                open_paths.pop();
                format!("{{{{{open}/{SECTION_HELPER}{close}}}}}")
            } else {
                c[0].to_owned()
            }
        })
        .into_owned()
}

/// Handlebars.js' `#if` / `#unless`: a value is false when it is JavaScript-falsy (`0` only
/// without `includeZero=true`) or an empty array; `{}` is true, unlike in handlebars-rust.
struct IfHelper {
    negate: bool,
}

impl HelperDef for IfHelper {
    #[allow(clippy::many_single_char_names)] // Handlebars' helper signature, named as its docs do
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .filter(|p| !p.is_value_missing())
            .map_or(Value::Null, |p| p.value().clone());
        let include_zero = h.hash_get("includeZero").is_some_and(|v| truthy(v.value()));
        let holds = match &value {
            Value::Array(items) => !items.is_empty(),
            Value::Number(n) if include_zero => !n.as_f64().is_some_and(f64::is_nan),
            other => truthy(other),
        };
        let chosen = if holds == self.negate {
            h.inverse()
        } else {
            h.template()
        };
        if let Some(t) = chosen {
            t.render(r, ctx, rc, out)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Messages

static ROLE_OR_HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(<<<dotprompt:(?:role:[a-z]+|history))>>>").expect("static pattern")
});

static MEDIA_OR_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(<<<dotprompt:(?:media:url|section).*?)>>>").expect("static pattern")
});

/// JavaScript's `source.split(regex)` with one capture group, minus whitespace-only pieces.
fn split_keeping_markers<'a>(source: &'a str, regex: &Regex) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut last = 0;
    for c in regex.captures_iter(source) {
        let (Some(whole), Some(marker)) = (c.get(0), c.get(1)) else {
            continue;
        };
        pieces.push(&source[last..whole.start()]);
        pieces.push(marker.as_str());
        last = whole.end();
    }
    pieces.push(&source[last..]);
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

struct Source {
    role: String,
    text: String,
    content: Option<Vec<Part>>,
    metadata: Option<Map<String, Value>>,
}

/// Splits rendered text into messages with typed parts, as the reference's `toMessages`.
pub fn to_messages(rendered: &str, history: &[PartsMessage]) -> Vec<PartsMessage> {
    let mut sources = vec![Source {
        role: "user".into(),
        text: String::new(),
        content: None,
        metadata: None,
    }];
    for piece in split_keeping_markers(rendered, &ROLE_OR_HISTORY) {
        if let Some(role) = piece.strip_prefix("<<<dotprompt:role:") {
            let current = sources.last_mut().expect("never empty");
            if current.content.is_none() && current.text.trim().is_empty() {
                role.clone_into(&mut current.role);
            } else {
                sources.push(Source {
                    role: role.to_owned(),
                    text: String::new(),
                    content: None,
                    metadata: None,
                });
            }
        } else if piece.starts_with("<<<dotprompt:history") {
            for m in history {
                let mut metadata = m.metadata.clone().unwrap_or_default();
                metadata.insert("purpose".into(), "history".into());
                sources.push(Source {
                    role: m.role.clone(),
                    text: String::new(),
                    content: Some(m.content.clone()),
                    metadata: Some(metadata),
                });
            }
            sources.push(Source {
                role: "model".into(),
                text: String::new(),
                content: None,
                metadata: None,
            });
        } else {
            sources
                .last_mut()
                .expect("never empty")
                .text
                .push_str(piece);
        }
    }
    let messages: Vec<PartsMessage> = sources
        .into_iter()
        .filter(|s| s.content.is_some() || !s.text.is_empty())
        .map(|s| PartsMessage {
            role: s.role,
            content: s.content.unwrap_or_else(|| to_parts(&s.text)),
            metadata: s.metadata,
        })
        .collect();
    insert_history(messages, history)
}

fn insert_history(mut messages: Vec<PartsMessage>, history: &[PartsMessage]) -> Vec<PartsMessage> {
    let has_history = messages.iter().any(|m| {
        m.metadata
            .as_ref()
            .and_then(|md| md.get("purpose"))
            .and_then(Value::as_str)
            == Some("history")
    });
    if has_history {
        return messages;
    }
    if messages.is_empty() {
        return history.to_vec();
    }
    let at = if messages.last().is_some_and(|m| m.role == "user") {
        messages.len() - 1
    } else {
        messages.len()
    };
    messages.splice(at..at, history.iter().cloned());
    messages
}

/// Splits one message's text into text, media and section parts.
pub fn to_parts(source: &str) -> Vec<Part> {
    split_keeping_markers(source, &MEDIA_OR_SECTION)
        .into_iter()
        .map(|piece| {
            if let Some(rest) = piece.strip_prefix("<<<dotprompt:media:url") {
                let mut words = rest.split(' ').skip(1);
                let url = words.next().unwrap_or("").to_owned();
                let content_type = words.next().filter(|c| !c.is_empty()).map(str::to_owned);
                Part::Media(MediaPart {
                    media: Media { url, content_type },
                })
            } else if let Some(rest) = piece.strip_prefix("<<<dotprompt:section") {
                let purpose = rest.split(' ').nth(1).unwrap_or("").to_owned();
                Part::Section(SectionPart {
                    metadata: SectionMarker {
                        purpose,
                        pending: true,
                    },
                })
            } else {
                Part::text(piece)
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Picoschema, as the reference parses it (named schemas included)

const PICO_SCALARS: &[&str] = &["any", "boolean", "integer", "null", "number", "string"];

fn extract_description(text: &str) -> (String, Option<String>) {
    match text.split_once(',') {
        Some((t, d)) => (t.trim().to_owned(), Some(d.trim().to_owned())),
        None => (text.trim().to_owned(), None),
    }
}

fn resolve_named(env: &Environment, name: &str) -> Result<Value, String> {
    env.schemas
        .get(name)
        .cloned()
        .ok_or_else(|| format!("Picoschema: could not find schema with name '{name}'"))
}

fn with_description(mut schema: Value, description: Option<String>) -> Value {
    if let (Some(d), Value::Object(map)) = (description.filter(|d| !d.is_empty()), &mut schema) {
        map.insert("description".into(), Value::String(d));
    }
    schema
}

/// Converts a schema as the reference's `picoschema()` does; `None` for an empty schema.
pub fn picoschema(env: &Environment, schema: &Value) -> Result<Option<Value>, String> {
    if !truthy(schema) {
        return Ok(None);
    }
    if let Value::String(text) = schema {
        let (t, description) = extract_description(text);
        if PICO_SCALARS.contains(&t.as_str()) {
            return Ok(Some(with_description(json!({ "type": t }), description)));
        }
        return Ok(Some(with_description(resolve_named(env, &t)?, description)));
    }
    if let Value::Object(map) = schema {
        if let Some(Value::String(t)) = map.get("type")
            && (PICO_SCALARS.contains(&t.as_str()) || t == "object" || t == "array")
        {
            return Ok(Some(schema.clone()));
        }
        if let Some(Value::Object(_)) = map.get("properties") {
            let mut out = map.clone();
            out.insert("type".into(), "object".into());
            return Ok(Some(Value::Object(out)));
        }
    }
    parse_pico(env, schema).map(Some)
}

fn parse_pico(env: &Environment, value: &Value) -> Result<Value, String> {
    let map = match value {
        Value::String(text) => {
            let (t, description) = extract_description(text);
            if !PICO_SCALARS.contains(&t.as_str()) {
                return Ok(with_description(resolve_named(env, &t)?, description));
            }
            if t == "any" {
                return Ok(with_description(json!({}), description));
            }
            return Ok(with_description(json!({ "type": t }), description));
        }
        Value::Object(map) => map,
        other => {
            return Err(format!(
                "Picoschema: only consists of objects and strings. Got: {other}"
            ));
        }
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut additional = Value::Bool(false);
    for (key, field) in map {
        if key == "(*)" {
            additional = parse_pico(env, field)?;
            continue;
        }
        let (name, type_info) = match key.split_once('(') {
            Some((n, t)) => (n, Some(t)),
            None => (key.as_str(), None),
        };
        let (property, optional) = match name.strip_suffix('?') {
            Some(p) => (p, true),
            None => (name, false),
        };
        if !optional {
            required.push(Value::String(property.to_owned()));
        }
        let Some(type_info) = type_info else {
            let mut prop = parse_pico(env, field)?;
            if optional {
                crate::prompt::schema::make_nullable(&mut prop);
            }
            properties.insert(property.to_owned(), prop);
            continue;
        };
        let (t, description) = extract_description(&type_info[..type_info.len().saturating_sub(1)]);
        let mut prop = match t.as_str() {
            "array" => json!({
                "type": if optional { json!(["array", "null"]) } else { json!("array") },
                "items": parse_pico(env, field)?,
            }),
            "object" => {
                let mut prop = parse_pico(env, field)?;
                if optional && let Value::Object(p) = &mut prop {
                    let t = p.get("type").cloned().unwrap_or(Value::Null);
                    p.insert("type".into(), json!([t, "null"]));
                }
                prop
            }
            "enum" => {
                let mut options = match field {
                    Value::Array(items) => items.clone(),
                    _ => return Err(format!("Picoschema: `{key}` needs a list of values")),
                };
                if optional && !options.contains(&Value::Null) {
                    options.push(Value::Null);
                }
                json!({ "enum": options })
            }
            other => {
                return Err(format!(
                    "Picoschema: parenthetical types must be 'object' or 'array', got: {other}"
                ));
            }
        };
        if let (Some(d), Value::Object(p)) = (description.filter(|d| !d.is_empty()), &mut prop) {
            p.insert("description".into(), Value::String(d));
        }
        properties.insert(property.to_owned(), prop);
    }
    Ok(crate::prompt::schema::object_schema(
        properties, required, additional,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_text(template: &str, input: &Value) -> Vec<PartsMessage> {
        let data = DataArgument {
            input: input.as_object().cloned().unwrap_or_default(),
            ..DataArgument::default()
        };
        render(&Environment::default(), template, &data, None)
            .unwrap()
            .messages
    }

    fn text_of(template: &str, input: &Value) -> Value {
        serde_json::to_value(render_text(template, input)).unwrap()[0]["content"][0]["text"].clone()
    }

    #[test]
    fn arrays_and_objects_print_as_javascript_strings() {
        let input = json!({"mixed": [1, "b", null, true], "obj": {"a": 1}});
        assert_eq!(
            text_of("{{mixed}}|{{obj}}", &input),
            json!("1,b,,true|[object Object]")
        );
    }

    #[test]
    fn length_and_dot_resolve_as_in_handlebars_js() {
        let input = json!({"items": ["x", "y"], "name": "héllo"});
        assert_eq!(
            text_of(
                "{{items.length}} {{name.length}} {{#each items}}{{.}}{{/each}}",
                &input
            ),
            json!("2 5 xy")
        );
    }

    #[test]
    fn if_is_true_for_an_empty_object_and_false_for_an_empty_array() {
        let input = json!({"o": {}, "a": []});
        assert_eq!(
            text_of("{{#if o}}o{{/if}}{{#if a}}a{{else}}-{{/if}}", &input),
            json!("o-")
        );
    }

    #[test]
    fn integer_like_keys_come_first_in_ascending_order_as_in_javascript() {
        let input = json!({"k": {"b": 1, "10": 2, "2": 3, "01": 4}});
        assert_eq!(
            text_of("{{json k}} {{#each k}}{{@key}}{{/each}}", &input),
            json!(r#"{"2":3,"10":2,"b":1,"01":4} 210b01"#)
        );
    }

    #[test]
    fn mustache_sections_iterate_lists_enter_objects_and_invert_on_empty() {
        let input = json!({"items": ["x", "y"], "obj": {"a": 1}, "none": []});
        assert_eq!(
            text_of(
                "{{#items}}<{{this}}>{{/items}}{{#obj}}{{a}}{{/obj}}{{^none}}!{{/none}}{{^if none}}?{{/if}}",
                &input
            ),
            json!("<x><y>1!?")
        );
    }

    #[test]
    fn raw_blocks_are_sections_over_a_value_printed_as_written() {
        let input = json!({"flag": true, "items": [1, 2], "name": "Ada"});
        assert_eq!(
            text_of(
                "a{{{{raw}}}}{{name}}{{{{/raw}}}}|{{{{flag}}}}{{name}} {{@state.x}}{{{{/flag}}}}|{{{{items}}}}<{{this}}>{{{{/items}}}} {{name}}",
                &input
            ),
            json!("a|{{name}} {{@state.x}}|<{{this}}><{{this}}> Ada")
        );
    }

    #[test]
    fn helper_results_and_at_data_objects_print_as_javascript_strings() {
        let data = DataArgument {
            input: json!({"people": [{"name": "A"}], "items": ["a", "b"]})
                .as_object()
                .cloned()
                .unwrap(),
            context: json!({"state": {"step": 2}}).as_object().cloned().unwrap(),
            ..DataArgument::default()
        };
        let out = render(
            &Environment::default(),
            "{{lookup people 0}}|{{lookup . \"items\"}}|{{@state}}|{{{lookup people 0}}}|{{lookup people 5}}.",
            &data,
            None,
        )
        .unwrap();
        assert_eq!(
            out.messages[0].content,
            [Part::text(
                "[object Object]|a,b|[object Object]|[object Object]|."
            )]
        );
    }

    #[test]
    fn parent_paths_inside_mustache_sections_reach_the_enclosing_context() {
        let input = json!({"name": "Ada", "items": ["a", "b"], "people": [{"name": "A"}, {"name": "B"}], "obj": {"a": 1}});
        assert_eq!(
            text_of(
                "{{#items}}{{../name}}{{/items}}|{{#people}}{{../name}}-{{name}};{{/people}}|{{#obj}}{{../name}}{{a}}{{/obj}}|{{#people}}{{#../items}}{{this}}{{/../items}}{{/people}}",
                &input
            ),
            json!("AdaAda|Ada-A;Ada-B;|Ada1|abab")
        );
    }

    #[test]
    fn dynamic_partials_render_the_partial_their_name_evaluates_to() {
        let mut env = Environment::default();
        env.partials.insert("x".into(), "PX {{name}}".into());
        let data = DataArgument {
            input: json!({"p": "x", "name": "Ada", "items": [1, 2]})
                .as_object()
                .cloned()
                .unwrap(),
            ..DataArgument::default()
        };
        let out = render(
            &env,
            "{{> (lookup . \"p\")}}|{{> (lookup . \"p\") name=\"Bo\"}}|{{#each items}}{{> (lookup ../. \"p\")}}{{/each}}",
            &data,
            None,
        )
        .unwrap();
        assert_eq!(out.messages[0].content, [Part::text("PX Ada|PX Bo|PX PX ")]);
    }

    #[test]
    fn a_blocks_leading_numbers_add_up_as_in_handlebars_js_without_escaping() {
        let input = json!({"n": 3, "f": 2.5, "flag": true, "items": ["a", "b"]});
        assert_eq!(
            text_of(
                "{{n}}{{f}}x{{n}}{{n}}|{{#if flag}}{{n}}{{flag}}{{/if}}|{{#each items}}{{@index}}{{@index}}{{/each}}|{{#if flag}}{{n}}{{missing}}{{n}}{{/if}}",
                &input
            ),
            json!("5.5x33|4|02|33")
        );
    }

    #[test]
    fn media_between_text_is_text_media_text() {
        let out = render_text(
            "Describe:\n{{media url=photo contentType=\"image/png\"}}\nBe brief.",
            &json!({"photo": "https://x/y.png"}),
        );
        assert_eq!(
            serde_json::to_value(&out).unwrap(),
            json!([{"role": "user", "content": [
                {"text": "Describe:\n"},
                {"media": {"url": "https://x/y.png", "contentType": "image/png"}},
                {"text": "\nBe brief."}
            ]}])
        );
    }

    #[test]
    fn a_message_that_is_only_media_is_kept() {
        let out = render_text(
            "{{role \"system\"}}Look.{{role \"user\"}}{{media url=u}}",
            &json!({"u": "https://x/a.png"}),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(
            serde_json::to_value(&out[1]).unwrap(),
            json!({"role": "user", "content": [{"media": {"url": "https://x/a.png"}}]})
        );
    }

    #[test]
    fn context_data_is_reachable_with_at_names_and_missing_is_empty() {
        let data = DataArgument {
            context: json!({"state": {"n": 3}}).as_object().cloned().unwrap(),
            ..DataArgument::default()
        };
        let out = render(
            &Environment::default(),
            "{{@state.n}}/{{@auth.email}}/{{#if @state.n}}yes{{/if}}",
            &data,
            None,
        )
        .unwrap();
        assert_eq!(out.messages[0].content, [Part::text("3//yes")]);
    }

    #[test]
    fn roles_are_kept_as_written() {
        let out = render_text("{{role \"assistant\"}}hi{{role \"critic\"}}no", &json!({}));
        let roles: Vec<&str> = out.iter().map(|m| m.role.as_str()).collect();
        assert_eq!(roles, ["assistant", "critic"]);
    }

    #[test]
    fn comment_lines_before_the_front_matter_are_allowed() {
        let parsed = parse("# licence\n\n---\nmodel: m\n---\nHi").unwrap();
        assert_eq!(parsed.metadata["model"], "m");
        assert_eq!(parsed.template, "Hi");
    }

    #[test]
    fn rewrite_leaves_builtin_data_and_comments_alone() {
        assert_eq!(
            rewrite_data_refs("{{@index}} {{!-- @state --}} {{@state.a}} {{#if @x}}"),
            "{{@index}} {{!-- @state --}} {{__dotprompt_data \"state.a\"}} {{#if (__dotprompt_data \"x\")}}"
        );
    }
}
