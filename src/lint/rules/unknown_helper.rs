//! `unknown-helper`: a call of a helper or decorator the renderer does not have.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::analysis::{KNOWN_HELPERS, unknown_helper_message};

/// Helpers and decorators that do not exist.
pub struct UnknownHelper;

impl Rule for UnknownHelper {
    fn id(&self) -> &'static str {
        "unknown-helper"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "The template calls a helper or decorator that does not exist"
    }

    fn explanation(&self) -> &'static str {
        "A name followed by arguments (`{{shout name}}`), a block (`{{#shout}}…{{/shout}}`) and a \
sub-expression (`(shout name)`) all call a helper, and a `{{*name}}` calls a decorator. promptctl \
renders with the Handlebars built-ins (`if`, `unless`, `each`, `with`, `lookup`, `log`, `raw`, \
`eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `and`, `or`, `not`, `len`) and Dotprompt's helpers (`role`, \
`history`, `json`, `section`, `media`, `ifEquals`, `unlessEquals`); the only decorator is \
`*inline`. Any other name cannot render.\n\nBad:\n\n```handlebars\n{{shout name}}\n```\n\nGood:\n\n\
```handlebars\n{{name}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let analysis = &ctx.prepared.analysis;
        let helpers = analysis.unknown_helpers.iter().map(|r| {
            let suggestions = closest(&r.name, KNOWN_HELPERS.iter().copied(), 2);
            let hint = if suggestions.is_empty() {
                "call one of the helpers listed, or read a variable with `{{name}}`".to_owned()
            } else {
                format!("did you mean {}?", quoted_list(&suggestions))
            };
            finding(
                self,
                ctx.at_reference(r),
                unknown_helper_message(&r.name, false),
                Some(hint),
            )
        });
        let decorators = analysis.unknown_decorators.iter().map(|r| {
            finding(
                self,
                ctx.at_reference(r),
                unknown_helper_message(&r.name, true),
                None,
            )
        });
        helpers.chain(decorators).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{check, findings};

    #[test]
    fn unknown_helpers_are_reported_where_they_are_called() {
        let found = check(
            &UnknownHelper,
            &[(
                "a.prompt",
                "---\ndescription: x\n---\nHi {{name}}\n{{shout name}} and {{#iff vip}}!{{/iff}}\n",
            )],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("a.prompt:5:1 unknown helper `shout`: the helpers are if, unless"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("a.prompt:5:20 unknown helper `iff`"),
            "{found:?}"
        );
        let hints = findings(&UnknownHelper, &[("a.prompt", "{{#iff vip}}!{{/iff}}")]);
        assert_eq!(hints[0].hint.as_deref(), Some("did you mean `if`?"));
    }

    #[test]
    fn known_helpers_and_plain_variables_pass() {
        assert!(
            check(
                &UnknownHelper,
                &[(
                    "a.prompt",
                    "{{role \"user\"}}{{shout}} {{#each xs}}{{json this}}{{/each}}{{#if (eq a b)}}y{{/if}}"
                )]
            )
            .is_empty()
        );
    }
}
