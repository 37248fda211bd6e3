//! `promptctl render`: fill a prompt's template with variables and print the messages.

use std::path::PathBuf;

use anyhow::Context as _;
use promptctl::library::FsLoader;
use promptctl::prompt::compat;
use promptctl::prompt::message::PartsMessage;
use promptctl::prompt::render::{self, RenderErrorKind, RenderOptions};
use promptctl::prompt::variables::{VariablesSyntax, parse as parse_variables};
use promptctl::prompt::{Message, PromptName, RenderedPrompt, SourceLoader, schema};
use serde_json::{Map, Value};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus, Hinted};
use crate::cli::output;

/// Render a prompt with variables and print the result
///
/// Variables come from the prompt's `input.default`, then `--vars` files, then `--var` flags
/// (later wins). Values are checked against the prompt's input schema; an undefined variable, a
/// missing partial or a wrong type is an error naming the file, line and column.
///
/// `NAME@REF` renders an earlier version from git, with its partials as they were: `@v3` (the 3rd
/// version, see `promptctl log`), `@prod` (what is released there), or any git revision.
///
/// Examples:
///   promptctl render support/reply@v3 --vars case.yaml
///   promptctl render support/reply --var customer=Ada --var issue="late order"
///   promptctl render summarize/article --vars article.yaml --format json
///   echo '{"topic": "tides"}' | promptctl render explain --vars -
///   promptctl render support/reply --compat dotprompt --context ctx.yaml --history chat.yaml
///
/// `--compat dotprompt` renders as the Dotprompt library (npm `dotprompt`, Genkit) does in an
/// application: missing variables are empty, no schema check, roles as written, media and
/// section parts typed. `render.compat` in promptctl.yaml makes it the default.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub(crate) prompt: PromptArgs,
    /// Render as another runtime does: `dotprompt` (the reference library), or `strict` (ours)
    #[arg(long, value_name = "RUNTIME", value_enum)]
    pub(crate) compat: Option<CompatArg>,
    /// `@`-data for the template, e.g. `{state: {...}, auth: {...}}` (JSON or YAML file)
    #[arg(long, value_name = "FILE")]
    pub(crate) context: Option<PathBuf>,
    /// Prior messages for `{{history}}`: a JSON or YAML list of `{role, content}` messages
    #[arg(long, value_name = "FILE")]
    pub(crate) history: Option<PathBuf>,
}

/// The renderings `--compat` chooses between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompatArg {
    /// promptctl's strict renderer (the default)
    Strict,
    /// The reference Dotprompt library's rendering
    Dotprompt,
}

/// The prompt named on the command line and its variables, shared by `render` and `run`.
#[derive(Debug, clap::Args)]
pub(crate) struct PromptArgs {
    /// The prompt: `folder/name`, `folder/name.variant`, optionally `@v3`, `@prod` or `@<rev>`
    pub(crate) name: String,
    /// Set a variable: `--var key=value` (repeatable); typed by the input schema
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub(crate) vars: Vec<String>,
    /// Read variables from a JSON (`.json`) or YAML file, or `-` for stdin (repeatable)
    #[arg(long = "vars", value_name = "FILE")]
    pub(crate) var_files: Vec<PathBuf>,
    /// Use a variant of the prompt (same as `name.variant`)
    #[arg(long)]
    pub(crate) variant: Option<String>,
}

pub(crate) fn run(ctx: &CommandContext, args: &RenderArgs) -> anyhow::Result<ExitStatus> {
    let configured = ctx
        .project()
        .ok()
        .and_then(|p| p.config.render.compat)
        .map(|promptctl::config::CompatMode::Dotprompt| CompatArg::Dotprompt);
    let history = args.history.as_deref().map(read_history).transpose()?;
    if args.compat.or(configured) == Some(CompatArg::Dotprompt) {
        let data = compat::DataArgument {
            input: read_variables(&args.prompt.var_files, &args.prompt.vars)?,
            context: match &args.context {
                Some(file) => read_structured(file, "context")?,
                None => Map::new(),
            },
            messages: history.unwrap_or_default(),
            docs: None,
        };
        let (loader, name) = prompt_loader(ctx, &args.prompt.name, args.prompt.variant.as_deref())?;
        // Named schemas as they are where the prompt comes from: a version's commit for `@REF`.
        let schemas = loader
            .load_schemas()
            .map_err(|e| CliError::invalid(e.to_string(), None))?;
        let rendered = compat::render_prompt(&*loader, &name, &data, &schemas).map_err(|e| {
            CliError::invalid(
                e.message,
                Some("this is how the Dotprompt library would fail on it too".into()),
            )
        })?;
        output::render::print_compat(ctx.printer(), &name, &rendered)?;
        return Ok(ExitStatus::Success);
    }
    let history = history
        .unwrap_or_default()
        .iter()
        .map(strict_message)
        .collect::<Result<Vec<_>, _>>()?;
    let context = match &args.context {
        Some(file) => read_structured(file, "context")?,
        None => Map::new(),
    };
    let rendered = args
        .prompt
        .render_with(ctx, &RenderOptions { history, context })?;
    output::render::print(ctx.printer(), &rendered)?;
    Ok(ExitStatus::Success)
}

/// Reads a JSON or YAML mapping for `--context`.
fn read_structured(file: &std::path::Path, what: &str) -> anyhow::Result<Map<String, Value>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {what} file `{}`", file.display()))?;
    match promptctl::yaml::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(CliError::invalid(
            format!("{}: the {what} must be a mapping", file.display()),
            None,
        )
        .into()),
        Err(e) => Err(CliError::invalid(
            format!(
                "{}:{}:{}: {}",
                file.display(),
                e.line.unwrap_or(0),
                e.column.unwrap_or(0),
                e.message
            ),
            None,
        )
        .into()),
    }
}

/// Reads `--history`: a list of messages `{role, content: [parts]}` (content may be a string).
fn read_history(file: &std::path::Path) -> anyhow::Result<Vec<PartsMessage>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read history file `{}`", file.display()))?;
    let invalid = |message: String| {
        CliError::invalid(
            format!("{}: {message}", file.display()),
            Some("write a list of `{role: user, content: [{text: ...}]}` messages".into()),
        )
    };
    let value: Value = promptctl::yaml::from_str(&text).map_err(|e| {
        invalid(format!(
            "line {}, column {}: {}",
            e.line.unwrap_or(0),
            e.column.unwrap_or(0),
            e.message
        ))
    })?;
    Ok(promptctl::prompt::message::history_from_value(&value).map_err(invalid)?)
}

/// A history message for the strict renderer: a known role (media parts are kept).
fn strict_message(m: &PartsMessage) -> anyhow::Result<Message> {
    m.to_strict().map_err(|message| {
        CliError::invalid(
            message,
            Some("add `--compat dotprompt` to pass roles through as written".into()),
        )
        .into()
    })
}

impl PromptArgs {
    /// Renders the prompt — `name`, `name.variant` or `name@ref` (a version from git, rendered
    /// with the partials it had then) — with variables from `--vars` files and `--var` flags,
    /// typed by the prompt's input schema.
    pub(crate) fn render(&self, ctx: &CommandContext) -> anyhow::Result<RenderedPrompt> {
        self.render_with(ctx, &RenderOptions::default())
    }

    /// [`Self::render`] with render options (the conversation history).
    pub(crate) fn render_with(
        &self,
        ctx: &CommandContext,
        options: &RenderOptions,
    ) -> anyhow::Result<RenderedPrompt> {
        let (loader, name) = prompt_loader(ctx, &self.name, self.variant.as_deref())?;
        let loader = &*loader;
        let resolved = render::resolve(loader, &name).map_err(|e| not_found_hint(ctx, e))?;
        let mut variables = read_variables(&self.var_files, &self.vars)?;
        let json_schema = resolved
            .front_matter
            .input
            .schema
            .as_ref()
            .and_then(|raw| schema::to_json_schema(raw).ok());
        if let Some(json_schema) = &json_schema {
            schema::coerce_strings(json_schema, &mut variables);
        }
        render::render_resolved(loader, &resolved, &variables, options).map_err(|error| {
            match variable_hint(&self.show_argument(&name), json_schema.as_ref(), &error) {
                Some(hint) => Hinted::new(error, hint).into(),
                None => error.into(),
            }
        })
    }

    /// The prompt as `promptctl show` takes it: the name with its variant, and `@ref` if given.
    fn show_argument(&self, name: &PromptName) -> String {
        let id = promptctl::library::display_id(name);
        match promptctl::store::revision::split_ref(&self.name) {
            (_, Some(reference)) => format!("{id}@{reference}"),
            (_, None) => id,
        }
    }
}

/// Advice for a variable the render could not use, naming only fixes that work for this prompt:
/// `--var` is suggested only for a top-level variable the input schema lets through, with a
/// value of the declared type, since any other `--var` would fail validation in turn.
fn variable_hint(
    prompt: &str,
    json_schema: Option<&Value>,
    error: &render::RenderError,
) -> Option<String> {
    match &error.kind {
        RenderErrorKind::UndefinedVariable { variable } => {
            if variable.contains(['.', '[', '/']) {
                return Some(format!(
                    "give `{variable}` a value in a `--vars` file; `--var` sets top-level variables only"
                ));
            }
            let declared = json_schema.and_then(|s| s.get("properties")?.get(variable));
            let accepted = json_schema.is_none_or(schema::allows_other_variables);
            if declared.is_none() && !accepted {
                return Some(format!(
                    "`{variable}` is not declared in the input schema: declare it under `input.schema` in `{}`",
                    error.location.path.display()
                ));
            }
            Some(match declared.map_or(Some("..."), example_value) {
                Some(value) => format!("add `--var {variable}={value}` to the command"),
                None => format!("give `{variable}` a value in a `--vars` file"),
            })
        }
        RenderErrorKind::UndefinedData { path } => {
            let example = path
                .rsplit('.')
                .fold("...".to_owned(), |inner, key| format!("{{{key}: {inner}}}"));
            Some(format!(
                "give the render its `@`-data with `--context FILE`, a JSON or YAML mapping such as `{example}`"
            ))
        }
        RenderErrorKind::InvalidVariable { .. } => Some(format!(
            "`promptctl show {prompt}` lists the variables and their types"
        )),
        _ => None,
    }
}

/// A `--var` value of a declared type, or `None` for types `--var` cannot express.
fn example_value(declared: &Value) -> Option<&'static str> {
    let types: Vec<&str> = match declared.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return Some("..."),
    };
    if types.contains(&"string") {
        Some("...")
    } else if types.contains(&"integer") || types.contains(&"number") {
        Some("0")
    } else if types.contains(&"boolean") {
        Some("true")
    } else {
        None
    }
}

/// Adds "did you mean" suggestions to a prompt-not-found error.
pub(crate) fn not_found_hint(ctx: &CommandContext, error: render::RenderError) -> anyhow::Error {
    if let render::RenderErrorKind::PromptNotFound { name } = error.kind.clone()
        && let Ok(project) = ctx.project()
        && let Ok(library) = promptctl::library::Library::load(project)
    {
        let suggestions = library.suggest(&name);
        if !suggestions.is_empty() {
            let list = suggestions
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return CliError::invalid(
                format!("no prompt named `{name}`"),
                Some(format!("did you mean {list}?")),
            )
            .into();
        }
    }
    error.into()
}

/// The loader and name for a prompt named on the command line: the working tree for `name` or
/// `name.variant`, git for `name@ref` (that version, with the partials and bases it had then).
pub(crate) fn prompt_loader(
    ctx: &CommandContext,
    argument: &str,
    variant: Option<&str>,
) -> anyhow::Result<(Box<dyn SourceLoader>, PromptName)> {
    let project = ctx.project()?;
    let (id, reference) = promptctl::store::revision::split_ref(argument);
    let mut name = PromptName::parse_id(id);
    if let Some(variant) = variant {
        name.variant = Some(variant.to_owned());
    }
    match reference {
        Some(reference) => {
            let repo = ctx.repo()?;
            let (loader, resolved) = promptctl::store::revision::resolve(&repo, &name, reference)?;
            Ok((Box::new(loader), resolved.name))
        }
        None => Ok((Box::new(FsLoader::new(project)), name)),
    }
}

/// Merges `--vars` files and `--var` flags, in that order.
pub(crate) fn read_variables(
    files: &[PathBuf],
    pairs: &[String],
) -> anyhow::Result<Map<String, Value>> {
    let mut variables = Map::new();
    for file in files {
        let (label, text) = if file.as_os_str() == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("cannot read variables from stdin")?;
            ("<stdin>".to_owned(), text)
        } else {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read variables file `{}`", file.display()))?;
            (file.display().to_string(), text)
        };
        let syntax = if file.as_os_str() == "-" {
            VariablesSyntax::Sniff
        } else {
            VariablesSyntax::from_extension(file.extension().and_then(|e| e.to_str()))
        };
        let parsed = parse_variables(&label, &text, syntax)
            .map_err(|e| CliError::invalid(e.to_string(), None))?;
        variables.extend(parsed);
    }
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(CliError::usage(
                format!("`--var {pair}` is not of the form KEY=VALUE"),
                Some(
                    "write `--var name=value`; use `--vars file.yaml` for structured values".into(),
                ),
            )
            .into());
        };
        variables.insert(key.trim().to_owned(), Value::String(value.to_owned()));
    }
    Ok(variables)
}
