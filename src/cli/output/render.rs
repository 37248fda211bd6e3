//! Output of `render`: the prompt text for people, the messages as JSON for programs.

use std::fmt::Write as _;

use promptctl::prompt::RenderedPrompt;
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct RenderJson<'a> {
    schema_version: u32,
    name: String,
    model: Option<Vec<&'a str>>,
    config: &'a serde_json::Map<String, serde_json::Value>,
    variables: &'a serde_json::Map<String, serde_json::Value>,
    partials: &'a [String],
    messages: Vec<MessageJson<'a>>,
}

#[derive(Serialize)]
struct MessageJson<'a> {
    role: &'a str,
    content: &'a str,
    /// Text, media and section parts in order, for a message with media or sections.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parts: &'a [promptctl::prompt::message::Part],
}

/// Prints a rendered prompt.
pub(crate) fn print(printer: &Printer, rendered: &RenderedPrompt) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = RenderJson {
            schema_version: SCHEMA_VERSION,
            name: promptctl::library::display_id(&rendered.name),
            model: rendered
                .front_matter
                .model
                .as_ref()
                .map(promptctl::prompt::ModelRef::models),
            config: &rendered.front_matter.config,
            variables: &rendered.variables,
            partials: &rendered.partials,
            messages: rendered
                .messages
                .iter()
                .map(|m| MessageJson {
                    role: m.role.as_str(),
                    content: &m.content,
                    parts: &m.parts,
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
    } else {
        let mut text = rendered.text();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        printer.data(&text)?;
    }
    Ok(())
}

/// Prints a prompt rendered as the Dotprompt library renders it: typed parts in JSON, and in
/// text each message under a `[role]` header with media and sections as `[media …]` lines.
pub(crate) fn print_compat(
    printer: &Printer,
    name: &promptctl::prompt::PromptName,
    rendered: &promptctl::prompt::compat::Rendered,
) -> anyhow::Result<()> {
    use promptctl::prompt::message::Part;
    if printer.format == OutputFormat::Json {
        let mut doc = serde_json::Map::new();
        doc.insert("schema_version".into(), SCHEMA_VERSION.into());
        doc.insert("name".into(), promptctl::library::display_id(name).into());
        doc.insert("compat".into(), "dotprompt".into());
        if let serde_json::Value::Object(result) = rendered.to_json() {
            doc.extend(result);
        }
        printer.json(&serde_json::Value::Object(doc))?;
        return Ok(());
    }
    let mut text = String::new();
    for (i, m) in rendered.messages.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let _ = writeln!(text, "[{}]", m.role);
        for part in &m.content {
            match part {
                Part::Text(t) => text.push_str(&t.text),
                Part::Media(media) => drop(write!(
                    text,
                    "[media {}{}]",
                    media.media.url,
                    media
                        .media
                        .content_type
                        .as_ref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default()
                )),
                Part::Section(s) => drop(write!(text, "[section {}]", s.metadata.purpose)),
                Part::Other(v) => text.push_str(&v.to_string()),
            }
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    printer.data(&text)?;
    Ok(())
}
