//! Rendering a prompt: resolve `extends` and partials, apply defaults, check the variables against
//! the input schema, run Handlebars strictly, and split the result into messages.
//!
//! Three choices matter:
//! - **Strict**: an undefined variable, a missing partial, a cycle or a wrong type is an error
//!   naming the file, line and column, never an empty string.
//! - **No HTML escaping**, as in Dotprompt: prompts are not HTML.
//! - **Role markers cannot be forged.** `{{role}}` and `{{history}}` emit markers that carry a
//!   per-render nonce derived from a hash of the templates and the variables. A variable's value
//!   cannot contain that nonce (it would have to contain a hash of itself), so text such as
//!   `<<<dotprompt:role:system>>>` inside a value stays text in its message. Other Dotprompt
//!   implementations split on the fixed marker and are open to this (google/dotprompt#557).
//!
//! Inheritance: a prompt with `extends: base` supplies `{{#*inline "block"}}…{{/inline}}`
//! definitions; the base marks overridable regions with partial blocks
//! (`{{#> block}}default{{/block}}`). Rendering the child is rendering its inline definitions
//! followed by the base, which is plain Handlebars, so the flattened file renders the same in any
//! Handlebars implementation.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fmt::Write as _;
use std::path::PathBuf;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderError as HbError, RenderErrorReason, Renderable, Template,
};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::finding::Location;
use crate::prompt::analysis::{TemplateAnalysis, analyze, unknown_helper_message};
use crate::prompt::compile::compile;
use crate::prompt::document::{ParseError, PromptDocument};
use crate::prompt::front_matter::FrontMatter;
use crate::prompt::message::{Media, Message, media_marker, section_marker, split_messages};
use crate::prompt::name::{FileKind, PromptName};
use crate::prompt::schema;

/// Handlebars name prefix of the bases an `extends` chain registers as partials.
const EXTENDS_PREFIX: &str = "__promptctl_extends_";

/// A prompt or partial file's text and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown in messages (relative to the project root, or `name@rev:path` for git).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Where the renderer gets prompt and partial files: the working tree, or a git revision.
pub trait SourceLoader {
    /// Reads the file for `name`, or `Ok(None)` when there is no such prompt or partial.
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>>;

    /// Reads the named schema `name` (`schema: Name` in front matter), or `Ok(None)` when there
    /// is none, or when this source keeps no named schemas.
    fn load_schema(&self, name: &str) -> std::io::Result<Option<Value>> {
        let _ = name;
        Ok(None)
    }

    /// Every named schema this source keeps, by name (what a Dotprompt application registers
    /// with `defineSchema`); empty when it keeps none.
    fn load_schemas(&self) -> std::io::Result<BTreeMap<String, Value>> {
        Ok(BTreeMap::new())
    }
}

/// What went wrong while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderErrorKind {
    /// There is no prompt by that name.
    PromptNotFound {
        /// The name asked for.
        name: String,
    },
    /// A file could not be read.
    Io {
        /// The IO error, as text.
        message: String,
    },
    /// The front matter is not valid.
    Parse {
        /// What the parser said.
        message: String,
    },
    /// The input schema is not valid Picoschema or JSON Schema.
    Schema {
        /// What is wrong.
        message: String,
    },
    /// A variable's value does not match the input schema.
    InvalidVariable {
        /// The variable path.
        variable: String,
        /// What is wrong.
        message: String,
    },
    /// The template uses a variable that has no value.
    UndefinedVariable {
        /// The variable path.
        variable: String,
    },
    /// The template prints an `@`-value (`{{@state.step}}`) the render's context does not have.
    UndefinedData {
        /// The path after `@` (`state.step`).
        path: String,
    },
    /// `{{> name}}` names a partial that does not exist.
    MissingPartial {
        /// The partial name.
        partial: String,
    },
    /// Partials include each other in a loop.
    PartialCycle {
        /// The loop, starting and ending with the same partial.
        chain: Vec<String>,
    },
    /// `extends:` names a prompt that does not exist.
    MissingBase {
        /// The base name.
        base: String,
    },
    /// `extends:` chains loop.
    ExtendsCycle {
        /// The loop of prompt names.
        chain: Vec<String>,
    },
    /// The template calls a helper (or decorator) the renderer does not have.
    UnknownHelper {
        /// The name called.
        helper: String,
        /// Whether it was called as a decorator (`{{*name}}`).
        decorator: bool,
    },
    /// Handlebars syntax error or another render failure.
    Template {
        /// What Handlebars said.
        message: String,
    },
    /// A prompt, partial or base name that would lead outside the project.
    PathEscape(crate::confine::PathEscape),
}

/// A render failure at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RenderError {
    /// Where (file, line, column).
    pub location: Location,
    /// What.
    pub kind: RenderErrorKind,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RenderErrorKind as K;
        // A prompt that does not exist has no file to point at.
        if let K::PromptNotFound { name } = &self.kind {
            return write!(f, "no prompt named `{name}`");
        }
        write!(f, "{}: ", self.location)?;
        match &self.kind {
            K::PromptNotFound { .. } => Ok(()),
            K::Io { message } => write!(f, "cannot read file: {message}"),
            K::Parse { message } | K::Schema { message } | K::Template { message } => {
                f.write_str(message)
            }
            K::InvalidVariable { variable, message } if variable.is_empty() => {
                write!(f, "the variables do not match the input schema: {message}")
            }
            K::InvalidVariable { variable, message } => {
                write!(
                    f,
                    "variable `{variable}` does not match the input schema: {message}"
                )
            }
            K::UndefinedVariable { variable } => write!(f, "variable `{variable}` is not defined"),
            K::UndefinedData { path } => {
                write!(f, "`@{path}` is not in the render's context (`@`-data)")
            }
            K::MissingPartial { partial } => write!(f, "partial `{partial}` does not exist"),
            K::PartialCycle { chain } => {
                write!(f, "partials include each other: {}", chain.join(" -> "))
            }
            K::MissingBase { base } => write!(f, "`extends` names `{base}`, which does not exist"),
            K::UnknownHelper { helper, decorator } => {
                f.write_str(&unknown_helper_message(helper, *decorator))
            }
            K::ExtendsCycle { chain } => write!(f, "`extends` loops: {}", chain.join(" -> ")),
            K::PathEscape(escape) => write!(f, "{escape}"),
        }
    }
}

impl RenderError {
    fn at(location: Location, kind: RenderErrorKind) -> RenderError {
        RenderError { location, kind }
    }

    /// Whether this is a failure to read a file rather than a problem in one.
    pub fn is_io(&self) -> bool {
        matches!(self.kind, RenderErrorKind::Io { .. })
    }

    /// Advice for fixing the error, when there is something specific to say.
    pub fn hint(&self) -> Option<String> {
        use RenderErrorKind as K;
        // How to give a variable a value, or where its types are listed, depends on the
        // caller (flags, files, datasets): the command that rendered says it.
        match &self.kind {
            K::MissingPartial { partial } => {
                let name = PromptName::partial(partial);
                Some(format!(
                    "create `{}` under the prompts folder",
                    name.relative_path()
                ))
            }
            K::PromptNotFound { .. } => {
                Some("`promptctl list` shows the prompts there are".to_owned())
            }
            K::PathEscape(_) => Some(
                "prompt, partial and base names are relative to the prompts folder and stay inside the project"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// Options for one render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Conversation history inserted at `{{history}}` (or before the last user message).
    pub history: Vec<Message>,
    /// `@`-data: `{"state": …}` is `{{@state}}`, `{"auth": …}` is `{{@auth}}` (Dotprompt's
    /// render context).
    pub context: Map<String, Value>,
}

/// A rendered prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedPrompt {
    /// The prompt's name.
    pub name: PromptName,
    /// The effective front matter (after `extends`).
    pub front_matter: FrontMatter,
    /// The variables used: defaults merged under the caller's values.
    pub variables: Map<String, Value>,
    /// The messages, in order.
    pub messages: Vec<Message>,
    /// Every partial used, sorted.
    pub partials: Vec<String>,
}

impl RenderedPrompt {
    /// The messages as plain text for reading: each trimmed, with a `[role]` header when there
    /// are several.
    pub fn text(&self) -> String {
        if let [only] = self.messages.as_slice() {
            return format!("{}\n", only.display_text().trim());
        }
        let mut out = String::new();
        for (i, m) in self.messages.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "[{}]\n{}", m.role, m.display_text().trim());
        }
        out
    }
}

/// A loaded prompt with its `extends` chain resolved, ready to render or inspect.
#[derive(Debug, Clone)]
pub struct ResolvedPrompt {
    /// The prompt's name.
    pub name: PromptName,
    /// The prompt file.
    pub file: SourceFile,
    /// The parsed prompt file.
    pub document: PromptDocument,
    /// Bases from nearest to farthest, each with its file and document.
    pub bases: Vec<(PromptName, SourceFile, PromptDocument)>,
    /// The front matter after merging bases under the prompt's own keys.
    pub front_matter: FrontMatter,
    /// The merged raw front matter.
    pub raw_front_matter: Map<String, Value>,
}

impl ResolvedPrompt {
    /// The template with `extends` flattened: the prompt's inline blocks followed by each base.
    pub fn flattened_template(&self) -> String {
        let mut out = self.document.template().to_owned();
        for (_, _, doc) in &self.bases {
            out.push_str(doc.template());
        }
        out
    }

    /// The file as a plain Dotprompt runtime needs it: `extends` flattened into the template and
    /// a failover `model` list reduced to its first model (Dotprompt takes one). This is what
    /// `export --to dotprompt` writes and what `render --compat dotprompt` renders.
    pub fn dotprompt_source(&self) -> Result<String, crate::yaml::YamlError> {
        let mut raw = self.raw_front_matter.clone();
        if !self.bases.is_empty() {
            raw.remove("extends");
        }
        if let Some(Value::Array(models)) = raw.get("model").cloned() {
            raw.insert(
                "model".into(),
                models.first().cloned().unwrap_or(Value::Null),
            );
        }
        let yaml = crate::yaml::to_string(&Value::Object(raw))?;
        Ok(format!("---\n{yaml}---\n{}\n", self.flattened_template()))
    }
}

fn parse_error(path: &std::path::Path, e: ParseError) -> RenderError {
    RenderError::at(
        Location::at(path, e.line, e.column),
        RenderErrorKind::Parse { message: e.message },
    )
}

fn load_required(
    loader: &dyn SourceLoader,
    name: &PromptName,
    referenced_at: &Location,
    missing: impl FnOnce() -> RenderError,
) -> Result<SourceFile, RenderError> {
    let escape = |escape: crate::confine::PathEscape| {
        RenderError::at(referenced_at.clone(), RenderErrorKind::PathEscape(escape))
    };
    crate::confine::check_name(&name.relative_path()).map_err(|e| {
        escape(crate::confine::PathEscape {
            name: written_name(name),
            ..e
        })
    })?;
    match loader.load(name) {
        Ok(Some(file)) => Ok(file),
        Ok(None) => Err(missing()),
        Err(e) => match crate::confine::PathEscape::in_io(&e) {
            Some(refused) => Err(escape(refused.clone())),
            None => Err(RenderError::at(
                Location::file(name.relative_path()),
                RenderErrorKind::Io {
                    message: e.to_string(),
                },
            )),
        },
    }
}

/// A name as the user or the template wrote it: `name`, `name.variant`, or the partial's name.
fn written_name(name: &PromptName) -> String {
    match &name.variant {
        Some(variant) => format!("{}.{variant}", name.name),
        None => name.name.clone(),
    }
}

/// Loads a prompt and its `extends` chain.
pub fn resolve(
    loader: &dyn SourceLoader,
    name: &PromptName,
) -> Result<ResolvedPrompt, RenderError> {
    let file = load_required(loader, name, &Location::file(name.relative_path()), || {
        RenderError::at(
            Location::file(name.relative_path()),
            RenderErrorKind::PromptNotFound {
                name: name.to_string(),
            },
        )
    })?;
    let document = PromptDocument::parse(&file.text).map_err(|e| parse_error(&file.path, e))?;
    resolve_parsed(loader, name, file, document)
}

/// Resolves a prompt whose file the caller has already read and parsed (the scanner has both
/// in hand): loads its `extends` chain as [`resolve`] does, without reading or parsing the
/// prompt itself again.
pub fn resolve_parsed(
    loader: &dyn SourceLoader,
    name: &PromptName,
    file: SourceFile,
    document: PromptDocument,
) -> Result<ResolvedPrompt, RenderError> {
    let mut bases = Vec::new();
    let mut chain = vec![name.name.clone()];
    let mut raw = document.raw_front_matter.clone();
    loop {
        // The file whose `extends` is followed: the prompt, then each base in turn.
        let (current_file, current_doc) = bases
            .last()
            .map_or((&file, &document), |(_, file, doc)| (file, doc));
        let Some(base_name) = current_doc.front_matter.extends.clone() else {
            break;
        };
        let location = current_doc.locate(&["extends"]).map_or_else(
            || Location::file(&current_file.path),
            |(l, c)| Location::at(&current_file.path, l, c),
        );
        if chain.contains(&base_name) {
            chain.push(base_name);
            return Err(RenderError::at(
                location,
                RenderErrorKind::ExtendsCycle { chain },
            ));
        }
        chain.push(base_name.clone());
        let base_id = PromptName::parse_id(&base_name);
        let base_file = load_required(loader, &base_id, &location, || {
            RenderError::at(
                location.clone(),
                RenderErrorKind::MissingBase {
                    base: base_name.clone(),
                },
            )
        })?;
        let base_doc =
            PromptDocument::parse(&base_file.text).map_err(|e| parse_error(&base_file.path, e))?;
        for (key, value) in &base_doc.raw_front_matter {
            if key != "extends" && key != "name" && key != "variant" {
                raw.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
        bases.push((base_id, base_file, base_doc));
    }
    let mut front_matter = if bases.is_empty() {
        document.front_matter.clone()
    } else {
        FrontMatter::from_raw(&raw).map_err(|e| {
            RenderError::at(
                Location::file(&file.path),
                RenderErrorKind::Parse { message: e.message },
            )
        })?
    };
    for (section, slot) in [
        ("input", &mut front_matter.input.schema),
        ("output", &mut front_matter.output.schema),
    ] {
        let Some(Value::String(schema_name)) = slot.as_ref() else {
            continue;
        };
        if !schema::is_schema_name(schema_name) {
            continue;
        }
        let at = || {
            document.locate(&[section, "schema"]).map_or_else(
                || Location::file(&file.path),
                |(l, c)| Location::at(&file.path, l, c),
            )
        };
        match loader.load_schema(schema_name) {
            Ok(Some(named)) => *slot = Some(named),
            // Left as written: checking it reports the unknown type at its place.
            Ok(None) => {}
            Err(e) => {
                return Err(RenderError::at(
                    at(),
                    RenderErrorKind::Schema {
                        message: format!("named schema `{schema_name}`: {e}"),
                    },
                ));
            }
        }
    }
    Ok(ResolvedPrompt {
        name: name.clone(),
        file,
        document,
        bases,
        front_matter,
        raw_front_matter: raw,
    })
}

/// One template to register: its Handlebars name, source, file and the file line of its line 1.
/// The prompt's and its bases' documents are borrowed from the resolved prompt; partials' are
/// owned.
struct Unit<'a> {
    hb_name: String,
    template: Cow<'a, str>,
    path: PathBuf,
    /// Maps template positions to file positions (see [`PromptDocument::file_position`]).
    document: Cow<'a, PromptDocument>,
}

/// Renders a prompt by name.
pub fn render(
    loader: &dyn SourceLoader,
    name: &PromptName,
    variables: &Map<String, Value>,
    options: &RenderOptions,
) -> Result<RenderedPrompt, RenderError> {
    let resolved = resolve(loader, name)?;
    render_resolved(loader, &resolved, variables, options)
}

/// Renders an already resolved prompt.
pub fn render_resolved(
    loader: &dyn SourceLoader,
    resolved: &ResolvedPrompt,
    variables: &Map<String, Value>,
    options: &RenderOptions,
) -> Result<RenderedPrompt, RenderError> {
    let data = effective_variables(resolved, variables)?;
    let (main_name, mut units) = units_of(resolved);
    let (partials, compiled) = collect_partials(loader, &mut units)?;

    let nonce = nonce_for(&units, &data, &options.context);
    let prefix = format!("<<<promptctl:{nonce}:");
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    registry.register_escape_fn(handlebars::no_escape);
    register_helpers(&mut registry, &prefix);
    registry.register_helper(
        crate::prompt::data::DATA_HELPER,
        Box::new(crate::prompt::data::DataHelper {
            context: options.context.clone(),
        }),
    );
    // Partials and templates are the same thing to Handlebars; each unit was compiled once,
    // in linear time, while collecting partials.
    for (u, mut template) in units.iter().zip(compiled) {
        crate::prompt::data::rewrite(&mut template);
        template.name = Some(u.hb_name.clone());
        registry.register_template(&u.hb_name, template);
    }
    let rendered = registry
        .render(&main_name, &js_numbers(Value::Object(data.clone())))
        .map_err(|e| map_render_error(&units, &main_name, &e))?;
    let messages = split_messages(&rendered, &prefix, &options.history);
    Ok(RenderedPrompt {
        name: resolved.name.clone(),
        front_matter: resolved.front_matter.clone(),
        variables: data,
        messages,
        partials,
    })
}

/// Loads a prompt, its `extends` chain and every partial they include, transitively, without
/// rendering it: exactly the files a rendering of it reads from `loader`. An approval is bound to
/// these files' content.
pub fn load_inputs(loader: &dyn SourceLoader, name: &PromptName) -> Result<(), RenderError> {
    let resolved = resolve(loader, name)?;
    let (_, mut units) = units_of(&resolved);
    collect_partials(loader, &mut units)?;
    Ok(())
}

/// The prompt's template and each base's as units to register, with the main unit's name.
fn units_of(resolved: &ResolvedPrompt) -> (String, Vec<Unit<'_>>) {
    let main_name = format!("prompt:{}", resolved.name);
    let bases = resolved.bases.len();
    // Each template of the `extends` chain but the last ends by including the next base.
    let unit = |hb_name: String, file: &SourceFile, doc, next_base: usize| Unit {
        hb_name,
        template: chained(doc, (next_base < bases).then_some(next_base)),
        path: file.path.clone(),
        document: Cow::Borrowed(doc),
    };
    let mut units = vec![unit(
        main_name.clone(),
        &resolved.file,
        &resolved.document,
        0,
    )];
    for (i, (_, file, doc)) in resolved.bases.iter().enumerate() {
        units.push(unit(base_hb_name(i), file, doc, i + 1));
    }
    (main_name, units)
}

/// The Handlebars name of the `index`th base of a prompt's `extends` chain.
fn base_hb_name(index: usize) -> String {
    format!("{EXTENDS_PREFIX}{index}")
}

/// A template of an `extends` chain, followed by the inclusion of the base `next_base` when
/// there is one.
fn chained(doc: &PromptDocument, next_base: Option<usize>) -> Cow<'_, str> {
    match next_base {
        None => Cow::Borrowed(doc.template()),
        Some(index) => Cow::Owned(format!(
            "{}{{{{> {}}}}}",
            doc.template(),
            base_hb_name(index)
        )),
    }
}

fn map_location(unit: &Unit, line: usize, column: usize) -> Location {
    let (line, column) = unit.document.file_position(line, column);
    Location::at(&unit.path, line, column)
}

/// Defaults under the caller's values, then checked against the input schema.
pub fn effective_variables(
    resolved: &ResolvedPrompt,
    variables: &Map<String, Value>,
) -> Result<Map<String, Value>, RenderError> {
    let fm = &resolved.front_matter;
    let mut data = fm.input.default.clone().unwrap_or_default();
    for (k, v) in variables {
        data.insert(k.clone(), v.clone());
    }
    if let Some(raw_schema) = &fm.input.schema {
        let schema_location = |path: &[&str]| {
            let mut full = vec!["input", "schema"];
            full.extend_from_slice(path);
            resolved
                .document
                .locate(&full)
                .or_else(|| resolved.document.locate(&["input", "schema"]))
                .map_or_else(
                    || Location::file(&resolved.file.path),
                    |(l, c)| Location::at(&resolved.file.path, l, c),
                )
        };
        let json_schema = schema::to_json_schema(raw_schema).map_err(|e| {
            let path: Vec<&str> = e.path.iter().map(String::as_str).collect();
            RenderError::at(
                schema_location(&path),
                RenderErrorKind::Schema { message: e.message },
            )
        })?;
        let violations =
            schema::validate(&json_schema, &Value::Object(data.clone())).map_err(|e| {
                RenderError::at(
                    schema_location(&[]),
                    RenderErrorKind::Schema { message: e.message },
                )
            })?;
        if let Some(first) = violations.into_iter().next() {
            let top = first.variable.split('/').next().unwrap_or("").to_owned();
            let key = schema_key_for(raw_schema, &top);
            let location = match key.as_deref() {
                Some(key) => schema_location(&[key]),
                None => schema_location(&[]),
            };
            return Err(RenderError::at(
                location,
                RenderErrorKind::InvalidVariable {
                    variable: first.variable,
                    message: first.message,
                },
            ));
        }
    }
    Ok(data)
}

/// The Picoschema key (`name?`, `name(array)`) that declares a variable, for locating it.
fn schema_key_for(raw_schema: &Value, variable: &str) -> Option<String> {
    let map = raw_schema.as_object()?;
    if let Some(props) = map.get("properties").and_then(Value::as_object) {
        return props.contains_key(variable).then(|| variable.to_owned());
    }
    map.keys()
        .find(|k| {
            let base = k.split(['?', '(']).next().unwrap_or("");
            base == variable
        })
        .cloned()
}

/// Loads every partial the units use, transitively; rejects missing partials and cycles.
/// Returns the partials' names and every unit's compiled template, aligned with `units`.
fn collect_partials(
    loader: &dyn SourceLoader,
    units: &mut Vec<Unit>,
) -> Result<(Vec<String>, Vec<Template>), RenderError> {
    // Inline partial names defined anywhere in the prompt and its bases satisfy `{{> name}}`.
    let mut analyses: Vec<TemplateAnalysis> = Vec::new();
    let mut trees: Vec<Template> = Vec::new();
    for u in units.iter() {
        let (template, facts) = analyze_unit(u)?;
        trees.push(template);
        analyses.push(facts);
    }
    let inline: BTreeSet<String> = analyses
        .iter()
        .flat_map(|a| a.inline_partials.iter().map(|p| p.name.clone()))
        .collect();
    let mut loaded_partials: BTreeMap<String, usize> = BTreeMap::new();
    // Depth-first over partial references, tracking the include path to report cycles.
    let mut stack: Vec<(usize, Vec<String>)> = (0..units.len()).map(|i| (i, Vec::new())).collect();
    while let Some((index, path)) = stack.pop() {
        let refs = analyses[index].partials.clone();
        for reference in refs {
            let name = reference.name.clone();
            if name.starts_with(EXTENDS_PREFIX) || inline.contains(&name) {
                continue;
            }
            let location = map_location(&units[index], reference.line, reference.column);
            if path.contains(&name) {
                let mut chain = path.clone();
                chain.push(name);
                return Err(RenderError::at(
                    location,
                    RenderErrorKind::PartialCycle { chain },
                ));
            }
            let mut child_path = path.clone();
            child_path.push(name.clone());
            if let Some(&existing) = loaded_partials.get(&name) {
                // Already loaded: still walk it under this path so cycles through it are seen.
                if child_path.len() <= 64 {
                    stack.push((existing, child_path));
                }
                continue;
            }
            let partial_name = PromptName {
                name: name.clone(),
                variant: None,
                kind: FileKind::Partial,
            };
            let file = load_required(loader, &partial_name, &location, || {
                RenderError::at(
                    location.clone(),
                    RenderErrorKind::MissingPartial {
                        partial: name.clone(),
                    },
                )
            })?;
            let doc = PromptDocument::parse(&file.text).map_err(|e| parse_error(&file.path, e))?;
            let new_unit = Unit {
                hb_name: name.clone(),
                template: Cow::Owned(doc.template().to_owned()),
                path: file.path.clone(),
                document: Cow::Owned(doc),
            };
            let (template, facts) = analyze_unit(&new_unit)?;
            trees.push(template);
            analyses.push(facts);
            units.push(new_unit);
            let new_index = units.len() - 1;
            loaded_partials.insert(name, new_index);
            stack.push((new_index, child_path));
        }
    }
    Ok((loaded_partials.into_keys().collect(), trees))
}

/// Compiles and analyzes one template, rejecting calls of helpers the registry does not have
/// with their place in the file (Handlebars itself would say only `Helper not found`).
fn analyze_unit(u: &Unit) -> Result<(Template, TemplateAnalysis), RenderError> {
    let template = compile(&u.template).map_err(|e| {
        let (line, column) = e.position.unwrap_or((1, 0));
        RenderError::at(
            map_location(u, line, column),
            RenderErrorKind::Template {
                message: template_error_message(&e.reason),
            },
        )
    })?;
    let analysis = analyze(&template);
    let unknown = analysis
        .unknown_helpers
        .iter()
        .map(|r| (r, false))
        .chain(analysis.unknown_decorators.iter().map(|r| (r, true)))
        .min_by_key(|(r, _)| (r.line, r.column));
    if let Some((reference, decorator)) = unknown {
        return Err(RenderError::at(
            map_location(u, reference.line, reference.column),
            RenderErrorKind::UnknownHelper {
                helper: reference.name.clone(),
                decorator,
            },
        ));
    }
    Ok((template, analysis))
}

fn template_error_message(reason: &dyn std::fmt::Display) -> String {
    format!("invalid template: {reason}")
}

fn map_render_error(units: &[Unit], main_name: &str, e: &HbError) -> RenderError {
    let unit = units
        .iter()
        .find(|u| Some(&u.hb_name) == e.template_name.as_ref())
        .or_else(|| units.iter().find(|u| u.hb_name == main_name))
        .expect("the main template is always registered");
    let location = map_location(unit, e.line_no.unwrap_or(1), e.column_no.unwrap_or(0));
    let kind = match e.reason() {
        RenderErrorReason::MissingVariable(Some(variable)) => match variable.strip_prefix('@') {
            Some(path) => RenderErrorKind::UndefinedData {
                path: path.to_owned(),
            },
            None => RenderErrorKind::UndefinedVariable {
                variable: variable.clone(),
            },
        },
        RenderErrorReason::PartialNotFound(partial) => RenderErrorKind::MissingPartial {
            partial: partial.clone(),
        },
        RenderErrorReason::TemplateError(t) => RenderErrorKind::Template {
            message: template_error_message(t.reason()),
        },
        other => RenderErrorKind::Template {
            message: other.to_string(),
        },
    };
    RenderError::at(location, kind)
}

/// Whole floats as integers, so `245.0` renders as `245` the way JavaScript (and so the reference
/// Dotprompt implementation) prints it; JSON has one number type and the text must not depend
/// on whether a value was written `245` or `245.0`.
pub(crate) fn js_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
            Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(js_numbers).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, js_numbers(v))).collect())
        }
        other => other,
    }
}

/// A nonce no variable value can contain: a hash over the templates and the values themselves.
fn nonce_for(units: &[Unit], data: &Map<String, Value>, context: &Map<String, Value>) -> String {
    let mut hasher = Sha256::new();
    for u in units {
        hasher.update(u.hb_name.as_bytes());
        hasher.update([0]);
        hasher.update(u.template.as_bytes());
        hasher.update([0]);
    }
    hasher.update(serde_json::to_string(data).unwrap_or_default().as_bytes());
    // Context values are printed too; hashed only when given, so a render without context
    // keeps the nonce it always had.
    if !context.is_empty() {
        hasher.update([0]);
        hasher.update(
            serde_json::to_string(context)
                .unwrap_or_default()
                .as_bytes(),
        );
    }
    let digest = hasher.finalize();
    digest[..8].iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The Dotprompt helpers: `role`, `history`, `json`, `section`, `media`, `ifEquals`, `unlessEquals`.
fn register_helpers(registry: &mut Handlebars<'_>, prefix: &str) {
    registry.register_helper(
        "role",
        Box::new(MarkerHelper {
            prefix: prefix.to_owned(),
            kind: MarkerKind::Role,
        }),
    );
    registry.register_helper(
        "history",
        Box::new(MarkerHelper {
            prefix: prefix.to_owned(),
            kind: MarkerKind::History,
        }),
    );
    registry.register_helper("json", Box::new(json_helper));
    registry.register_helper(
        "section",
        Box::new(MarkerHelper {
            prefix: prefix.to_owned(),
            kind: MarkerKind::Section,
        }),
    );
    registry.register_helper(
        "media",
        Box::new(MarkerHelper {
            prefix: prefix.to_owned(),
            kind: MarkerKind::Media,
        }),
    );
    registry.register_helper("ifEquals", Box::new(EqualsHelper { negate: false }));
    registry.register_helper("unlessEquals", Box::new(EqualsHelper { negate: true }));
}

enum MarkerKind {
    Role,
    History,
    Media,
    Section,
}

struct MarkerHelper {
    prefix: String,
    kind: MarkerKind,
}

impl HelperDef for MarkerHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        match self.kind {
            MarkerKind::Role => {
                let role = h
                    .param(0)
                    .and_then(|p| p.value().as_str())
                    .ok_or(RenderErrorReason::ParamNotFoundForIndex("role", 0))?;
                if crate::prompt::message::Role::parse(role).is_none() {
                    return Err(RenderErrorReason::Other(format!(
                        "unknown role `{role}`: use system, user, model or tool"
                    ))
                    .into());
                }
                out.write(&format!("{}role:{role}>>>", self.prefix))?;
            }
            MarkerKind::History => out.write(&format!("{}history>>>", self.prefix))?,
            MarkerKind::Media => {
                let text = |key: &str| -> Result<Option<String>, RenderErrorReason> {
                    match h.hash_get(key).map(handlebars::PathAndJson::value) {
                        None | Some(Value::Null) => Ok(None),
                        Some(Value::String(s)) => Ok(Some(s.clone())),
                        Some(other) => Err(RenderErrorReason::Other(format!(
                            "`media {key}=` must be text, not {other}"
                        ))),
                    }
                };
                let url = text("url")?.filter(|u| !u.is_empty()).ok_or_else(|| {
                    RenderErrorReason::Other(
                        "`media` needs a `url=`: `{{media url=photo contentType=\"image/png\"}}`"
                            .to_owned(),
                    )
                })?;
                let media = Media {
                    url,
                    content_type: text("contentType")?.filter(|c| !c.is_empty()),
                };
                out.write(&media_marker(&self.prefix, &media))?;
            }
            MarkerKind::Section => {
                let name = h
                    .param(0)
                    .and_then(|p| p.value().as_str())
                    .ok_or(RenderErrorReason::ParamNotFoundForIndex("section", 0))?;
                out.write(&section_marker(&self.prefix, name))?;
            }
        }
        Ok(())
    }
}

/// The `json` helper's text: compact, or pretty-printed with `indent` spaces when it is above 0.
/// Shared by the strict and the compat renderer, which differ only in what they pass.
pub(crate) fn json_text(value: &Value, indent: u64) -> Result<String, RenderErrorReason> {
    if indent == 0 {
        return serde_json::to_string(value).map_err(|e| RenderErrorReason::Other(e.to_string()));
    }
    let indent = " ".repeat(usize::try_from(indent).unwrap_or(2));
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    serde::Serialize::serialize(value, &mut ser)
        .map_err(|e| RenderErrorReason::Other(e.to_string()))?;
    String::from_utf8(buf).map_err(|e| RenderErrorReason::Other(e.to_string()))
}

fn json_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let value = h.param(0).map_or(Value::Null, |p| p.value().clone());
    let indent = h.hash_get("indent").and_then(|v| v.value().as_u64());
    let text = json_text(&value, indent.unwrap_or(0))?;
    out.write(&text)?;
    Ok(())
}

struct EqualsHelper {
    negate: bool,
}

impl HelperDef for EqualsHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let a = h.param(0).map(|p| p.value().clone());
        let b = h.param(1).map(|p| p.value().clone());
        let equal = a == b;
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

#[cfg(test)]
mod number_tests {
    use super::js_numbers;
    use serde_json::json;

    #[test]
    fn whole_floats_render_like_javascript() {
        assert_eq!(
            js_numbers(json!({"a": 245.0, "b": [32.5, 1.0], "c": "2.0", "d": 7})),
            json!({"a": 245, "b": [32.5, 1], "c": "2.0", "d": 7})
        );
    }
}
