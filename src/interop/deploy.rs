//! The deployable form of a released prompt: what an application loads at run time.
//!
//! `export --env prod` reads every prompt pinned in an environment from git objects (never the
//! working tree) and turns each into a self-contained unit: the effective front matter (after
//! `extends`), the template with `extends` flattened, and every partial it includes, as they were
//! at the pinned commit. Any Handlebars implementation can render it with the Dotprompt helpers,
//! so an app needs no promptctl at run time.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::prompt::analysis::analyze;
use crate::prompt::render::{self, RenderError, SourceLoader};
use crate::prompt::{PromptDocument, PromptName};

/// One prompt ready to deploy.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployable {
    /// The effective front matter, bases merged under the prompt's own keys.
    pub front_matter: Map<String, Value>,
    /// The template, with `extends` flattened (inline blocks followed by the bases).
    pub template: String,
    /// Every partial the template includes, transitively, by name.
    pub partials: BTreeMap<String, String>,
}

/// Resolves a prompt and collects its partials through `loader` (a git tree for releases).
pub fn deployable(loader: &dyn SourceLoader, name: &PromptName) -> Result<Deployable, RenderError> {
    let resolved = render::resolve(loader, name)?;
    let template = resolved.flattened_template();
    let mut partials = BTreeMap::new();
    let mut pending = partial_names(&template);
    while let Some(partial) = pending.pop() {
        if partials.contains_key(&partial) {
            continue;
        }
        // Inline blocks and missing partials are the renderer's business: a deployable is only
        // produced for prompts that were releasable, and the app's renderer reports the rest.
        let Ok(Some(file)) = loader.load(&PromptName::partial(&partial)) else {
            continue;
        };
        let Ok(document) = PromptDocument::parse(&file.text) else {
            continue;
        };
        let text = document.template().to_owned();
        pending.extend(partial_names(&text));
        partials.insert(partial, text);
    }
    Ok(Deployable {
        front_matter: resolved.raw_front_matter,
        template,
        partials,
    })
}

fn partial_names(template: &str) -> Vec<String> {
    let Ok(compiled) = crate::prompt::compile::compile(template) else {
        return Vec::new();
    };
    let analysis = analyze(&compiled);
    let inline: Vec<&str> = analysis
        .inline_partials
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    analysis
        .partials
        .iter()
        .map(|r| r.name.clone())
        .filter(|name| !inline.contains(&name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::prompt::render::SourceFile;

    struct Files(HashMap<String, String>);

    impl SourceLoader for Files {
        fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
            let path = name.relative_path();
            Ok(self.0.get(&path).map(|text| SourceFile {
                path: path.into(),
                text: text.clone(),
            }))
        }
    }

    #[test]
    fn flattens_extends_and_collects_partials_transitively() {
        let files = Files(HashMap::from([
            (
                "base.prompt".into(),
                "---\nmodel: openai/x\n---\n{{> a}} {{#> body}}d{{/body}}".into(),
            ),
            (
                "child.prompt".into(),
                "---\nextends: base\n---\n{{#*inline \"body\"}}B{{/inline}}".into(),
            ),
            ("_a.prompt".into(), "A {{> b}}".into()),
            ("_b.prompt".into(), "B".into()),
        ]));
        let d = deployable(&files, &PromptName::parse_id("child")).unwrap();
        assert_eq!(d.front_matter["model"], "openai/x");
        assert_eq!(
            d.template,
            "{{#*inline \"body\"}}B{{/inline}}{{> a}} {{#> body}}d{{/body}}"
        );
        assert_eq!(d.partials.keys().collect::<Vec<_>>(), ["a", "b"]);
    }
}
