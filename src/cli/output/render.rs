//! Output of `render`: the prompt text for people, the messages as JSON for programs.

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
