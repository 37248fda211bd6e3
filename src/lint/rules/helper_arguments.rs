//! `helper-arguments`: a built-in helper called with fewer arguments than it needs.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::analysis::short_call_message;

/// `{{#if}}`, `{{eq a}}` and other calls that cannot render.
pub struct HelperArguments;

impl Rule for HelperArguments {
    fn id(&self) -> &'static str {
        "helper-arguments"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "A built-in helper is called with fewer arguments than it needs"
    }

    fn explanation(&self) -> &'static str {
        "`if`, `unless`, `each`, `with` and `len` need one argument; `lookup`, `eq`, `ne`, `gt`, \
`gte`, `lt` and `lte` need two. Called with fewer (often after a variable was deleted from the \
call), the template still compiles but cannot render.\n\nBad:\n\n```handlebars\n{{#if}}VIP{{/if}} \
{{#if (eq tier)}}gold{{/if}}\n```\n\nGood:\n\n```handlebars\n{{#if vip}}VIP{{/if}} \
{{#if (eq tier \"gold\")}}gold{{/if}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        ctx.prepared
            .analysis
            .short_calls
            .iter()
            .map(|call| {
                finding(
                    self,
                    ctx.at_reference(&call.helper),
                    short_call_message(call),
                    Some(format!(
                        "pass {} to `{}`",
                        if call.needed == 1 {
                            "the value to test or walk".to_owned()
                        } else {
                            format!("{} values", call.needed)
                        },
                        call.helper.name
                    )),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn calls_short_of_arguments_are_errors_where_they_are() {
        let found = check(
            &HelperArguments,
            &[(
                "a.prompt",
                "---\ndescription: x\n---\n{{#if}}VIP{{/if}}\n{{eq tier}} {{#each items}}{{/each}}",
            )],
        );
        assert_eq!(
            found,
            [
                "a.prompt:4:1 `if` needs 1 argument, and is given 0: it cannot render",
                "a.prompt:5:1 `eq` needs 2 arguments, and is given 1: it cannot render",
            ]
        );
    }
}
