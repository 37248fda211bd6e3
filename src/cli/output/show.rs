//! Output of `show`: sections for people, one document for programs.

use std::fmt::Write as _;

use promptctl::comments::Thread;
use promptctl::library::inspect::PromptInfo;
use promptctl::prompt::ModelRef;
use serde::Serialize;
use serde_json::Value;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::comments::{thread_json, thread_text};
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct ShowJson<'a> {
    schema_version: u32,
    id: &'a str,
    path: String,
    description: Option<&'a str>,
    model: Option<Vec<&'a str>>,
    config: &'a serde_json::Map<String, Value>,
    tags: &'a [String],
    category: Option<&'a str>,
    status: Option<&'a str>,
    owners: &'a [String],
    classification: Option<&'a str>,
    regions: &'a [String],
    extends: Vec<BaseJson<'a>>,
    extended_by: &'a [String],
    blocks: &'a [String],
    overrides: &'a [String],
    variables: Vec<VariableJson<'a>>,
    output: OutputJson<'a>,
    partials: &'a [String],
    missing_partials: &'a [String],
    links: Vec<LinkJson<'a>>,
    linked_from: &'a [String],
    variants: &'a [String],
    media: Vec<MediaJson<'a>>,
    sections: &'a [String],
    comments: Vec<Value>,
    body: Option<&'a str>,
}

#[derive(Serialize)]
struct BaseJson<'a> {
    id: &'a str,
    path: String,
}

#[derive(Serialize)]
struct VariableJson<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    type_name: &'a str,
    required: bool,
    declared: bool,
    used: bool,
    description: Option<&'a str>,
    default: Option<&'a Value>,
}

#[derive(Serialize)]
struct OutputJson<'a> {
    format: Option<&'a str>,
    schema: Option<&'a Value>,
}

/// A `{{media}}` tag: `url` is the variable that gives the URL, or the URL when `literal`.
#[derive(Serialize)]
struct MediaJson<'a> {
    url: &'a str,
    literal: bool,
    content_type: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    target: &'a str,
    exists: bool,
}

/// Prints a prompt's details with its open comment threads.
pub(crate) fn print(
    printer: &Printer,
    info: &PromptInfo,
    comments: &[Thread],
    with_body: bool,
) -> anyhow::Result<()> {
    let fm = &info.front_matter;
    if printer.format == OutputFormat::Json {
        let doc = ShowJson {
            schema_version: SCHEMA_VERSION,
            id: &info.id,
            path: info.path.to_string_lossy().replace('\\', "/"),
            description: fm.description.as_deref(),
            model: fm.model.as_ref().map(ModelRef::models),
            config: &fm.config,
            tags: &fm.tags,
            category: fm.category.as_deref(),
            status: fm.status.as_deref(),
            owners: &fm.owners,
            classification: fm.classification.as_deref(),
            regions: &fm.regions,
            extends: info
                .bases
                .iter()
                .map(|(id, path)| BaseJson {
                    id,
                    path: path.to_string_lossy().replace('\\', "/"),
                })
                .collect(),
            extended_by: &info.extended_by,
            blocks: &info.blocks,
            overrides: &info.overrides,
            variables: info
                .variables
                .iter()
                .map(|v| VariableJson {
                    name: &v.name,
                    type_name: &v.type_name,
                    required: v.required,
                    declared: v.declared,
                    used: v.used,
                    description: v.description.as_deref(),
                    default: v.default.as_ref(),
                })
                .collect(),
            output: OutputJson {
                format: fm.output.format.as_deref(),
                schema: info.output_schema.as_ref(),
            },
            partials: &info.partials,
            missing_partials: &info.missing_partials,
            links: info
                .links_out
                .iter()
                .map(|l| LinkJson {
                    target: &l.target,
                    exists: l.exists,
                })
                .collect(),
            linked_from: &info.links_in,
            variants: &info.variants,
            media: info
                .media
                .iter()
                .map(|m| MediaJson {
                    url: &m.url,
                    literal: m.url_is_literal,
                    content_type: m.content_type.as_deref(),
                })
                .collect(),
            sections: &info.sections,
            comments: comments.iter().map(thread_json).collect(),
            body: with_body.then_some(info.body.as_str()),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }

    let mut out = String::new();
    let heading = |text: &str| printer.paint(text, anstyle::AnsiColor::Cyan);
    let _ = writeln!(
        out,
        "{}  ({})",
        printer.paint(&info.id, anstyle::AnsiColor::Green),
        info.path.display()
    );
    if let Some(d) = &fm.description {
        let _ = writeln!(out, "{}", d.trim());
    }
    out.push('\n');
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "{:<16}{value}", format!("{label}:"));
        }
    };
    field(
        "model",
        fm.model
            .as_ref()
            .map(|m| m.models().join(" -> "))
            .unwrap_or_default(),
    );
    if !fm.config.is_empty() {
        field(
            "config",
            fm.config
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    field("status", fm.status.clone().unwrap_or_default());
    field("category", fm.category.clone().unwrap_or_default());
    field("tags", fm.tags.join(", "));
    field("owners", fm.owners.join(", "));
    field(
        "classification",
        fm.classification.clone().unwrap_or_default(),
    );
    field("regions", fm.regions.join(", "));
    field("output", fm.output.format.clone().unwrap_or_default());
    field(
        "extends",
        info.bases
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join(" -> "),
    );
    field("overrides", info.overrides.join(", "));
    field("blocks", info.blocks.join(", "));
    field("extended by", info.extended_by.join(", "));
    field("variants", info.variants.join(", "));
    let mut partials = info.partials.clone();
    partials.extend(
        info.missing_partials
            .iter()
            .map(|p| format!("{p} (missing)")),
    );
    field("partials", partials.join(", "));
    field(
        "links",
        info.links_out
            .iter()
            .map(|l| {
                if l.exists {
                    l.target.clone()
                } else {
                    format!("{} (missing)", l.target)
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    field("linked from", info.links_in.join(", "));
    field(
        "media",
        info.media
            .iter()
            .map(|m| {
                let url = if m.url_is_literal {
                    format!("{:?}", m.url)
                } else {
                    m.url.clone()
                };
                match &m.content_type {
                    Some(t) => format!("{url} ({t})"),
                    None => url,
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    field("sections", info.sections.join(", "));

    if !info.variables.is_empty() {
        let _ = writeln!(out, "\n{}", heading("Variables"));
        let mut t = new_table(
            printer,
            &["NAME", "TYPE", "REQUIRED", "DEFAULT", "DESCRIPTION"],
        );
        for v in &info.variables {
            let declared = v.description.clone().unwrap_or_default();
            let description = if !v.declared {
                "used by the template but not declared in input.schema".to_owned()
            } else if v.used {
                declared
            } else {
                format!("{declared} (not used by the template)")
                    .trim()
                    .to_owned()
            };
            t.add_row(vec![
                v.name.clone(),
                v.type_name.clone(),
                if v.required { "yes" } else { "no" }.to_owned(),
                v.default.as_ref().map(compact).unwrap_or_default(),
                description,
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if !comments.is_empty() {
        let _ = writeln!(out, "\n{}", heading("Open comments"));
        for thread in comments {
            thread_text(&mut out, thread, "  ");
        }
    }
    if with_body {
        let _ = writeln!(out, "\n{}\n{}", heading("Template"), info.body.trim_end());
    }
    printer.data(&out)?;
    Ok(())
}

/// A default value in one short line.
fn compact(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    crate::cli::output::list::first_line(&text, 40)
}
