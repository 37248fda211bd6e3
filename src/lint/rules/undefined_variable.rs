//! `undefined-variable`: the template reads a variable the input schema does not declare.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::FileKind;

/// Variables used but not declared.
pub struct UndefinedVariable;

impl Rule for UndefinedVariable {
    fn id(&self) -> &'static str {
        "undefined-variable"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "The template uses a variable that `input.schema` does not declare"
    }

    fn explanation(&self) -> &'static str {
        "When a prompt declares `input.schema`, the schema is the contract: callers pass what it \
lists and nothing else, so a variable the template reads but the schema omits is a typo or a \
forgotten declaration, and rendering fails. Values under `input.default` count as declared. \
Prompts without a schema are not checked (see `conditional-on-undeclared` for `{{#if}}`), nor are \
schemas that accept any key (`(*): any`). Inside `{{#each}}`/`{{#with}}` the context is the item, \
so only `@root.x` and `../x` are checked there.\n\nBad:\n\n```handlebars\n---\ninput:\n  schema:\n\
    customer: string\n---\nHello {{custmer}}\n```\n\nGood:\n\n```handlebars\nHello {{customer}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        if ctx.entry.name.kind != FileKind::Prompt || ctx.document().is_none() {
            return Vec::new();
        }
        let declared = ctx.declared();
        if !declared.has_schema || declared.broken || declared.open {
            return Vec::new();
        }
        let analysis = &ctx.prepared.analysis;
        analysis
            .variables
            .iter()
            // Conditionals are `conditional-on-undeclared`'s to report.
            .filter(|r| !analysis.conditionals.contains(r))
            .filter(|r| !declared.names.contains(&r.name))
            .map(|r| {
                let suggestions = closest(&r.name, declared.names.iter().map(String::as_str), 1);
                let hint = if suggestions.is_empty() {
                    format!("declare it under `input.schema` (e.g. `{}: string`)", r.name)
                } else {
                    format!(
                        "did you mean {}? Otherwise declare it under `input.schema`",
                        quoted_list(&suggestions)
                    )
                };
                finding(
                    self,
                    ctx.at_reference(r),
                    format!("variable `{}` is not declared in `input.schema`", r.name),
                    Some(hint),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{check, findings};

    const SCHEMA: &str = "---\ninput:\n  schema:\n    customer: string\n    items(array): string\n  default:\n    tone: calm\n---\n";

    #[test]
    fn reports_typos_with_a_suggestion_and_file_position() {
        let text = format!("{SCHEMA}Hello {{{{custmer}}}} in a {{{{tone}}}} voice");
        let found = findings(&UndefinedVariable, &[("a.prompt", &text)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].location.line, found[0].location.column), (9, 7));
        assert!(found[0].hint.as_deref().unwrap().contains("`customer`"));
    }

    #[test]
    fn each_items_and_root_paths_are_understood() {
        let text = format!(
            "{SCHEMA}{{{{#each items}}}}{{{{title}}}} {{{{@root.customer}}}} {{{{@root.nope}}}}{{{{/each}}}}"
        );
        let found = check(&UndefinedVariable, &[("a.prompt", &text)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("variable `nope` is not declared in `input.schema`"));
    }

    #[test]
    fn no_schema_open_schema_and_conditionals_are_not_reported() {
        assert!(check(&UndefinedVariable, &[("a.prompt", "Hi {{x}}")]).is_empty());
        let open = "---\ninput:\n  schema:\n    a: string\n    (*): any\n---\n{{b}}";
        assert!(check(&UndefinedVariable, &[("a.prompt", open)]).is_empty());
        let cond = format!("{SCHEMA}{{{{#if vip}}}}x{{{{/if}}}}");
        assert!(check(&UndefinedVariable, &[("a.prompt", &cond)]).is_empty());
    }

    #[test]
    fn a_child_uses_its_base_schema() {
        let found = check(
            &UndefinedVariable,
            &[
                (
                    "base.prompt",
                    "---\ninput:\n  schema:\n    topic: string\n---\n{{#> body}}{{topic}}{{/body}}",
                ),
                (
                    "child.prompt",
                    "---\nextends: base\n---\n{{#*inline \"body\"}}{{topic}} {{topc}}{{/inline}}",
                ),
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("child.prompt:4:"), "{found:?}");
    }
}
