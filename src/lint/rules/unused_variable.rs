//! `unused-variable`: the input schema declares a variable nothing reads.

use std::collections::HashSet;

use serde_json::Value;

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::FileKind;
use crate::prompt::schema;

/// Declared variables that no template uses.
pub struct UnusedVariable;

impl Rule for UnusedVariable {
    fn id(&self) -> &'static str {
        "unused-variable"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "`input.schema` declares a variable that the template never uses"
    }

    fn explanation(&self) -> &'static str {
        "A declared variable that nothing reads makes callers gather data for nothing, and often \
means the template uses a different spelling. Uses in included partials and in `extends` bases \
count. Reported at the declaration.\n\nBad:\n\n```handlebars\n---\ninput:\n  schema:\n    \
customer: string\n    order_id: string\n---\nHello {{customer}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        if ctx.entry.name.kind != FileKind::Prompt || !ctx.prepared.compiled {
            return Vec::new();
        }
        let Some(Ok(json_schema)) = &ctx.prepared.input_schema else {
            return Vec::new();
        };
        let declared = schema::declared_variables(json_schema);
        if declared.is_empty() {
            return Vec::new();
        }
        let index = ctx.index;
        let mut used: HashSet<&str> = ctx
            .prepared
            .analysis
            .variables
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        used.extend(index.variables_via_partials(ctx.partial_edges()));
        for base in index.bases(ctx.position) {
            if let Some(facts) = index.facts(base) {
                used.extend(facts.variables.iter().map(AsRef::as_ref));
            }
            used.extend(index.variables_via_partials(index.partial_edges(base)));
        }
        let raw_schema = ctx
            .document()
            .and_then(|d| d.front_matter.input.schema.as_ref());
        declared
            .iter()
            .filter(|name| !used.contains(name.as_str()))
            .map(|name| {
                let key = raw_schema.and_then(|s| schema_key(s, name));
                let location = match &key {
                    Some(SchemaKey::Pico(k)) => ctx.at_key(&["input", "schema", k]),
                    Some(SchemaKey::Json) => ctx.at_key(&["input", "schema", "properties", name]),
                    None => ctx.at_key(&["input", "schema"]),
                };
                finding(
                    self,
                    location,
                    format!("`{name}` is declared in `input.schema` but never used"),
                    Some(format!(
                        "use it in the template (`{{{{{name}}}}}`) or remove the declaration"
                    )),
                )
            })
            .collect()
    }
}

enum SchemaKey {
    Pico(String),
    Json,
}

/// The key that declares `name`: `name`, `name?` or `name(type, ...)` in Picoschema, or
/// `properties.name` in JSON Schema.
fn schema_key(raw: &Value, name: &str) -> Option<SchemaKey> {
    let map = raw.as_object()?;
    if map.get("properties").is_some_and(Value::is_object) {
        return Some(SchemaKey::Json);
    }
    map.keys()
        .find(|k| k.split(['?', '(']).next().unwrap_or("").trim() == name)
        .map(|k| SchemaKey::Pico(k.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_unused_declarations_at_their_key() {
        let found = check(
            &UnusedVariable,
            &[(
                "a.prompt",
                "---\ninput:\n  schema:\n    customer: string\n    order_id?: string\n---\nHello {{customer}}",
            )],
        );
        assert_eq!(
            found,
            ["a.prompt:5:5 `order_id` is declared in `input.schema` but never used"]
        );
    }

    #[test]
    fn uses_in_partials_bases_and_conditions_count() {
        let found = check(
            &UnusedVariable,
            &[
                ("_greet.prompt", "Hello {{name}} {{> sign}}"),
                ("_sign.prompt", "-- {{sender}}"),
                (
                    "a.prompt",
                    "---\ninput:\n  schema:\n    name: string\n    sender: string\n    vip?: boolean\n---\n{{> greet}}{{#if vip}}!{{/if}}",
                ),
                ("base.prompt", "{{topic}}"),
                (
                    "child.prompt",
                    "---\nextends: base\ninput:\n  schema:\n    topic: string\n---\n",
                ),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn json_schema_declarations_are_located() {
        let found = check(
            &UnusedVariable,
            &[(
                "a.prompt",
                "---\ninput:\n  schema:\n    type: object\n    properties:\n      a:\n        type: string\n---\nHi",
            )],
        );
        assert_eq!(
            found,
            ["a.prompt:6:7 `a` is declared in `input.schema` but never used"]
        );
    }
}
