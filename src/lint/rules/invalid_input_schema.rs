//! `invalid-input-schema`: an `input.schema` or `output.schema` that is not valid Picoschema or
//! JSON Schema.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::schema::{self, SchemaError};

/// Schemas that do not convert.
pub struct InvalidInputSchema;

impl Rule for InvalidInputSchema {
    fn id(&self) -> &'static str {
        "invalid-input-schema"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`input.schema` or `output.schema` is not valid Picoschema or JSON Schema"
    }

    fn explanation(&self) -> &'static str {
        "Schemas are written in Picoschema (`name: string, description`, `name?: integer`, \
`tags(array): string`, `mood(enum): [happy, sad]`, `(*): any`) or as JSON Schema (a mapping with \
`type` or `properties`). A schema that does not convert cannot check variables, so rendering \
fails.\n\nBad:\n\n```yaml\ninput:\n  schema:\n    count: int\n```\n\nGood:\n\n```yaml\ninput:\n  \
schema:\n    count: integer, how many items\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(document) = ctx.document() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut report = |section: &str, error: &SchemaError| {
            let mut path = vec![section, "schema"];
            path.extend(error.path.iter().map(String::as_str));
            out.push(finding(
                self,
                ctx.at_key(&path),
                format!("`{section}.schema`: {}", error.message),
                Some(
                    "`promptctl lint --explain invalid-input-schema` shows Picoschema's syntax"
                        .to_owned(),
                ),
            ));
        };
        if let Some(Err(error)) = &ctx.prepared.input_schema {
            report("input", error);
        }
        if let Some(output) = &document.front_matter.output.schema
            && let Err(error) = schema::to_json_schema(output)
        {
            report("output", &error);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_bad_types_at_their_key() {
        let found = check(
            &InvalidInputSchema,
            &[(
                "a.prompt",
                "---\ninput:\n  schema:\n    name: string\n    count: int\noutput:\n  schema:\n    x(list): string\n---\n{{name}}",
            )],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("a.prompt:5:5 `input.schema`: unknown type `int`"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("a.prompt:8:5 `output.schema`"),
            "{found:?}"
        );
    }

    #[test]
    fn valid_schemas_pass() {
        let ok = "---\ninput:\n  schema:\n    a?: string\n    b(array): integer\n---\n{{a}}";
        assert!(check(&InvalidInputSchema, &[("a.prompt", ok)]).is_empty());
    }
}
