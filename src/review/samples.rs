//! A changed prompt rendered before and after on its sample inputs, so a reviewer reads the
//! text a model would get rather than the template.
//!
//! The inputs are the prompt's `input.default` and the first cases of each dataset that feeds it
//! (as committed at HEAD). Each end gets only the variables its own input schema declares, as
//! `diff --vars` does, so a renamed variable shows as a changed text rather than an error; whether
//! the cases are valid at HEAD is [`super::impact`]'s check, not this one's. A changed partial
//! has no inputs of its own: the prompts that render it are shown instead, with theirs.

use serde_json::{Map, Value};

use crate::library::{Library, display_id};
use crate::prompt::render::{self, RenderOptions};
use crate::prompt::{FileKind, PromptName};
use crate::review::impact::Impact;
use crate::review::{Sides, mask};
use crate::store::compare::variables_declared_by;

/// How many dependents of a changed partial are shown rendered.
const DEPENDENTS_SHOWN: usize = 3;

/// One end of a sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// The rendered text.
    Text(String),
    /// Why it did not render.
    Failed(String),
    /// The prompt does not exist at that end.
    Absent,
}

/// One prompt rendered on one input at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The prompt rendered (the changed one, or for a partial one that renders it).
    pub prompt: String,
    /// Where the input comes from: `input.default`, or `datasets/x.yaml#case-id`.
    pub input: String,
    /// At the base.
    pub before: Rendered,
    /// At HEAD.
    pub after: Rendered,
}

fn render_at(library: &Library, name: &PromptName, variables: &Map<String, Value>) -> Rendered {
    if library.get(name).is_none() {
        return Rendered::Absent;
    }
    let rendered = render::resolve(library, name).and_then(|resolved| {
        let own = variables_declared_by(&resolved, variables);
        render::render_resolved(library, &resolved, &own, &RenderOptions::default())
    });
    match rendered {
        Ok(out) => Rendered::Text(mask(&out.text())),
        Err(e) => Rendered::Failed(mask(&e.to_string())),
    }
}

fn sample(sides: &Sides, name: &PromptName, input: String, vars: &Map<String, Value>) -> Sample {
    Sample {
        prompt: display_id(name),
        input,
        before: render_at(&sides.base, name, vars),
        after: render_at(&sides.head, name, vars),
    }
}

/// The samples for a change to `name`, given its impact.
pub(crate) fn samples_of(
    name: &PromptName,
    sides: &Sides,
    impact: &Impact,
    cases_per_dataset: usize,
) -> Vec<Sample> {
    let none = Map::new();
    if name.kind == FileKind::Partial {
        return impact
            .dependents
            .iter()
            .take(DEPENDENTS_SHOWN)
            .map(|d| {
                sample(
                    sides,
                    &PromptName::parse_id(&d.prompt),
                    "input.default".to_owned(),
                    &none,
                )
            })
            .collect();
    }
    let mut out = vec![sample(sides, name, "input.default".to_owned(), &none)];
    let id = display_id(name);
    for check in impact.datasets.iter().filter(|c| c.prompt == id) {
        let Some(Ok(dataset)) = sides.datasets.get(&check.dataset) else {
            continue;
        };
        for case in dataset.cases.iter().take(cases_per_dataset) {
            out.push(sample(
                sides,
                name,
                format!("{}#{}", check.dataset, case.id),
                &case.vars,
            ));
        }
    }
    out
}
