//! `shadowed-helper`: `{{raw}}`, `{{log}}` and friends render a helper, not the variable.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// Variables named like built-in helpers.
pub struct ShadowedHelper;

impl Rule for ShadowedHelper {
    fn id(&self) -> &'static str {
        "shadowed-helper"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "`{{name}}` calls a built-in helper instead of reading the variable `name`"
    }

    fn explanation(&self) -> &'static str {
        "Handlebars looks up helpers before variables, so a variable named like a built-in \
helper (`raw`, `log`, `lookup`, `json`, `len`, ...) renders the helper: `{{raw}}` is empty even \
when `raw` has a value. Read the variable through the context instead, or rename it.\n\nBad:\n\n\
```handlebars\nHere is the input: {{raw}}\n```\n\nGood:\n\n```handlebars\nHere is the input: \
{{this.raw}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        ctx.prepared
            .analysis
            .shadowed
            .iter()
            // `{{role}}` without a name is `role-marker-misuse`'s.
            .filter(|r| r.name != "role")
            .map(|r| {
                finding(
                    self,
                    ctx.at_reference(r),
                    format!(
                        "`{{{{{0}}}}}` calls the built-in helper `{0}`, not the variable `{0}`",
                        r.name
                    ),
                    Some(format!(
                        "write `{{{{this.{0}}}}}` (or `{{{{@root.{0}}}}}`), or rename the variable",
                        r.name
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
    fn reports_bare_helper_names() {
        let found = check(
            &ShadowedHelper,
            &[("a.prompt", "A {{raw}}\n{{this.raw}} {{log}}")],
        );
        assert_eq!(
            found,
            [
                "a.prompt:1:3 `{{raw}}` calls the built-in helper `raw`, not the variable `raw`",
                "a.prompt:2:14 `{{log}}` calls the built-in helper `log`, not the variable `log`",
            ]
        );
    }
}
