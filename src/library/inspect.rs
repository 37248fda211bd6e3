//! What `show` tells about one prompt: its effective metadata, its variables with their types,
//! the partials it pulls in, its base chain, its links in both directions and its variants.
//!
//! Everything is read through a [`SourceLoader`], so the same inspection works on the working
//! tree and on a git revision; only incoming links need the whole [`Library`], which the caller
//! passes when it has one.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::library::{Library, display_id};
use crate::prompt::analysis::{MediaTag, TemplateAnalysis, analyze};
use crate::prompt::render::{self, RenderError, ResolvedPrompt, SourceLoader};
use crate::prompt::{FileKind, FrontMatter, PromptDocument, PromptName, schema};

/// One input variable: declared in the schema, used by the template, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableInfo {
    /// Its name.
    pub name: String,
    /// A short type, e.g. `string`, `integer?`, `array<string>`, `enum(a|b)`; `any` if undeclared.
    pub type_name: String,
    /// Whether the schema requires it.
    pub required: bool,
    /// Its description from the schema.
    pub description: Option<String>,
    /// Its value from `input.default`.
    pub default: Option<Value>,
    /// Whether the input schema declares it.
    pub declared: bool,
    /// Whether the template (or a partial it uses) reads it.
    pub used: bool,
}

/// A link from this prompt to another, and whether the target exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkInfo {
    /// The name as written under `links:`.
    pub target: String,
    /// Whether a prompt by that name exists.
    pub exists: bool,
}

/// Everything `show` prints about a prompt.
#[derive(Debug, Clone)]
pub struct PromptInfo {
    /// The prompt's id (`name` or `name.variant`).
    pub id: String,
    /// Its file, relative to the project root.
    pub path: PathBuf,
    /// Front matter after merging its bases.
    pub front_matter: FrontMatter,
    /// The output schema as JSON Schema, when there is one.
    pub output_schema: Option<Value>,
    /// The base chain, nearest first: (id, file).
    pub bases: Vec<(String, PathBuf)>,
    /// Input variables, sorted by name.
    pub variables: Vec<VariableInfo>,
    /// Partials used directly or through other partials, sorted; missing ones are listed in
    /// `missing_partials`.
    pub partials: Vec<String>,
    /// Partials referenced but not found.
    pub missing_partials: Vec<String>,
    /// Blocks the prompt or its bases leave open for children (`{{#> block}}`).
    pub blocks: Vec<String>,
    /// Blocks this prompt overrides (`{{#*inline "block"}}`).
    pub overrides: Vec<String>,
    /// Links out, as written.
    pub links_out: Vec<LinkInfo>,
    /// Prompts whose `links:` name this one, sorted.
    pub links_in: Vec<String>,
    /// Prompts that `extends:` this one, sorted.
    pub extended_by: Vec<String>,
    /// Other variants of the same prompt (ids), sorted.
    pub variants: Vec<String>,
    /// `{{media}}` tags of the template, its bases and its partials, in order of appearance
    /// (bases and partials after the prompt's own).
    pub media: Vec<MediaTag>,
    /// `{{section}}` names of the template, its bases and its partials, in the same order.
    pub sections: Vec<String>,
    /// The prompt's own template (untrimmed body).
    pub body: String,
}

/// Inspects a prompt. `library` (the whole working tree) supplies incoming links, variants and
/// link targets; without it those lists are empty and every link is assumed to exist.
pub fn inspect(
    loader: &dyn SourceLoader,
    name: &PromptName,
    library: Option<&Library>,
) -> Result<PromptInfo, RenderError> {
    let resolved = render::resolve(loader, name)?;
    let id = display_id(name);
    let flattened = resolved.flattened_template();
    let analysis = compile_and_analyze(&flattened);
    let (partials, missing_partials, partial_analyses) = walk_partials(loader, &analysis);
    let mut used: BTreeSet<String> = analysis.variables.iter().map(|r| r.name.clone()).collect();
    for a in &partial_analyses {
        used.extend(a.variables.iter().map(|r| r.name.clone()));
    }
    let variables = variables(&resolved, &used);
    let every = std::iter::once(&analysis).chain(&partial_analyses);
    let media: Vec<MediaTag> = every.clone().flat_map(|a| a.media.clone()).collect();
    let sections: Vec<String> = every
        .flat_map(|a| a.sections.iter().map(|r| r.name.clone()))
        .collect();
    let output_schema = resolved
        .front_matter
        .output
        .schema
        .as_ref()
        .and_then(|s| schema::to_json_schema(s).ok());
    let own = compile_and_analyze(resolved.document.template());
    let overrides = sorted_unique(own.inline_partials.iter().map(|r| r.name.clone()));
    let blocks = sorted_unique(analysis.partial_blocks.iter().map(|r| r.name.clone()));

    let exists =
        |target: &str| library.is_none_or(|lib| lib.get(&PromptName::parse_id(target)).is_some());
    let links_out = resolved
        .front_matter
        .links
        .iter()
        .map(|target| LinkInfo {
            target: target.clone(),
            exists: exists(target),
        })
        .collect();
    let (mut links_in, mut extended_by, mut variants) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(lib) = library {
        for entry in lib.prompts() {
            let other = display_id(&entry.name);
            if other == id {
                continue;
            }
            if entry.name.name == name.name {
                variants.push(other.clone());
            }
            let Ok(doc) = &entry.document else { continue };
            if doc.front_matter.links.iter().any(|l| l == &id) {
                links_in.push(other.clone());
            }
            if doc.front_matter.extends.as_deref() == Some(id.as_str()) {
                extended_by.push(other);
            }
        }
    }
    links_in.sort();
    extended_by.sort();
    variants.sort();
    Ok(PromptInfo {
        id,
        path: resolved.file.path.clone(),
        front_matter: resolved.front_matter.clone(),
        output_schema,
        bases: resolved
            .bases
            .iter()
            .map(|(n, f, _)| (display_id(n), f.path.clone()))
            .collect(),
        variables,
        partials,
        missing_partials,
        blocks,
        overrides,
        links_out,
        links_in,
        extended_by,
        variants,
        media,
        sections,
        body: resolved.document.body.clone(),
    })
}

fn sorted_unique(items: impl Iterator<Item = String>) -> Vec<String> {
    items.collect::<BTreeSet<_>>().into_iter().collect()
}

/// Analyzes a template; a template that does not compile has nothing to report (render says why).
fn compile_and_analyze(template: &str) -> TemplateAnalysis {
    crate::prompt::compile::compile(template)
        .map(|t| analyze(&t))
        .unwrap_or_default()
}

/// Follows `{{> partial}}` references transitively: (found, missing, analyses of found).
fn walk_partials(
    loader: &dyn SourceLoader,
    top: &TemplateAnalysis,
) -> (Vec<String>, Vec<String>, Vec<TemplateAnalysis>) {
    let inline: BTreeSet<&str> = top
        .inline_partials
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    let mut found = BTreeSet::new();
    let mut not_found = BTreeSet::new();
    let mut analyses = Vec::new();
    let mut queue: Vec<String> = top
        .partials
        .iter()
        .map(|r| r.name.clone())
        .filter(|n| !inline.contains(n.as_str()))
        .collect();
    while let Some(partial) = queue.pop() {
        if found.contains(&partial) || not_found.contains(&partial) {
            continue;
        }
        let name = PromptName {
            name: partial.clone(),
            variant: None,
            kind: FileKind::Partial,
        };
        match loader.load(&name) {
            Ok(Some(file)) => {
                let template = PromptDocument::parse(&file.text)
                    .map(|d| d.template().to_owned())
                    .unwrap_or_default();
                let a = compile_and_analyze(&template);
                queue.extend(a.partials.iter().map(|r| r.name.clone()));
                analyses.push(a);
                found.insert(partial);
            }
            _ => {
                not_found.insert(partial);
            }
        }
    }
    (
        found.into_iter().collect(),
        not_found.into_iter().collect(),
        analyses,
    )
}

/// Declared variables from the input schema, plus template variables it does not declare.
fn variables(resolved: &ResolvedPrompt, used: &BTreeSet<String>) -> Vec<VariableInfo> {
    let input = &resolved.front_matter.input;
    let defaults = input.default.clone().unwrap_or_default();
    let json_schema = input
        .schema
        .as_ref()
        .and_then(|s| schema::to_json_schema(s).ok());
    let empty = Map::new();
    let properties = json_schema
        .as_ref()
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let required: BTreeSet<&str> = json_schema
        .as_ref()
        .and_then(|s| s.get("required"))
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out: Vec<VariableInfo> = properties
        .iter()
        .map(|(name, prop)| VariableInfo {
            name: name.clone(),
            type_name: type_name(prop),
            required: required.contains(name.as_str()),
            description: prop
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            default: defaults.get(name).cloned(),
            declared: true,
            used: used.contains(name),
        })
        .collect();
    for name in used {
        if !properties.contains_key(name) {
            out.push(VariableInfo {
                name: name.clone(),
                type_name: "any".to_owned(),
                required: false,
                description: None,
                default: defaults.get(name).cloned(),
                declared: false,
                used: true,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// A short type for a JSON Schema: `string`, `integer?` (nullable), `array<string>`, `enum(a|b)`.
pub fn type_name(schema: &Value) -> String {
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let names: Vec<String> = options
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect();
        return format!("enum({})", names.join("|"));
    }
    let (base, nullable) = match schema.get("type") {
        Some(Value::String(t)) => (t.clone(), false),
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            (names.join("|"), types.len() > names.len())
        }
        _ => ("any".to_owned(), false),
    };
    let base = if base == "array" {
        let items = schema
            .get("items")
            .map_or_else(|| "any".to_owned(), type_name);
        format!("array<{items}>")
    } else {
        base
    };
    if nullable { format!("{base}?") } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::FsLoader;
    use serde_json::json;

    #[test]
    fn type_names_are_short() {
        assert_eq!(type_name(&json!({"type": "string"})), "string");
        assert_eq!(type_name(&json!({"type": ["integer", "null"]})), "integer?");
        assert_eq!(
            type_name(&json!({"type": "array", "items": {"type": "string"}})),
            "array<string>"
        );
        assert_eq!(
            type_name(&json!({"enum": ["a", "b", null]})),
            "enum(a|b|null)"
        );
        assert_eq!(type_name(&json!({})), "any");
    }

    #[test]
    fn inspects_variables_partials_bases_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("prompts");
        let write = |path: &str, text: &str| {
            let full = p.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        };
        write(
            "base.prompt",
            "---\ninput:\n  schema:\n    topic: string, what to write about\n    n?: integer\n  default: {topic: tides}\n---\n{{> intro}}{{#> body}}default {{topic}}{{/body}}",
        );
        write("_intro.prompt", "Intro {{> outro}} {{audience}}");
        write("_outro.prompt", "bye");
        write(
            "child.prompt",
            "---\nextends: base\nlinks: [other, ghost]\n---\n{{#*inline \"body\"}}child {{topic}} {{> nope}}{{/inline}}",
        );
        write("child.short.prompt", "---\nlinks: [child]\n---\nshort");
        write("other.prompt", "---\nlinks: [child]\n---\nother");
        let loader = FsLoader::for_dir(dir.path(), &p);
        let lib = Library::load_dir(dir.path(), &p).unwrap();
        let info = inspect(&loader, &PromptName::parse_id("child"), Some(&lib)).unwrap();
        assert_eq!(info.bases[0].0, "base");
        assert_eq!(info.partials, ["intro", "outro"]);
        assert_eq!(info.missing_partials, ["nope"]);
        assert_eq!(info.overrides, ["body"]);
        assert_eq!(info.blocks, ["body"]);
        let vars: Vec<(&str, &str, bool, bool)> = info
            .variables
            .iter()
            .map(|v| (v.name.as_str(), v.type_name.as_str(), v.declared, v.used))
            .collect();
        assert_eq!(
            vars,
            [
                ("audience", "any", false, true),
                ("n", "integer?", true, false),
                ("topic", "string", true, true)
            ]
        );
        assert_eq!(info.variables[2].default, Some(json!("tides")));
        assert_eq!(
            info.links_out,
            [
                LinkInfo {
                    target: "other".into(),
                    exists: true
                },
                LinkInfo {
                    target: "ghost".into(),
                    exists: false
                }
            ]
        );
        assert_eq!(info.links_in, ["child.short", "other"]);
        assert_eq!(info.variants, ["child.short"]);
        let base = inspect(&loader, &PromptName::parse_id("base"), Some(&lib)).unwrap();
        assert_eq!(base.extended_by, ["child"]);
    }
}
