//! `conditional-on-undeclared`: `{{#if x}}` where `x` is declared nowhere.
//!
//! Handlebars' strict mode fails on `{{x}}` when `x` is missing, but `{{#if x}}` is silently
//! false, so a misspelt condition hides a branch forever. This rule closes that gap statically.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::FileKind;

/// Conditionals on undeclared variables.
pub struct ConditionalOnUndeclared;

impl Rule for ConditionalOnUndeclared {
    fn id(&self) -> &'static str {
        "conditional-on-undeclared"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`{{#if x}}` or `{{#unless x}}` tests a variable that is declared nowhere"
    }

    fn explanation(&self) -> &'static str {
        "Rendering is strict: `{{x}}` without a value is an error. But `{{#if x}}` on a missing \
variable is simply false, so a typo in a condition silently removes a branch. Every variable a \
conditional tests must be declared, as an optional field in `input.schema` (`x?: boolean`) or \
with a value in `input.default`. This applies to prompts with or without a schema; only schemas \
that accept any key (`(*): any`) are exempt.\n\nBad:\n\n```handlebars\n{{#if is_vip}}Thank you for \
being a member.{{/if}}\n```\n\nGood:\n\n```yaml\ninput:\n  schema:\n    is_vip?: boolean\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        if ctx.entry.name.kind != FileKind::Prompt || ctx.document().is_none() {
            return Vec::new();
        }
        let analysis = &ctx.prepared.analysis;
        if analysis.conditionals.is_empty() {
            return Vec::new();
        }
        let declared = ctx.declared();
        if declared.broken || declared.open {
            return Vec::new();
        }
        analysis
            .conditionals
            .iter()
            .filter(|r| !declared.names.contains(&r.name))
            .map(|r| {
                finding(
                    self,
                    ctx.at_reference(r),
                    format!(
                        "the condition tests `{}`, which is not declared, so it is silently false",
                        r.name
                    ),
                    Some(format!(
                        "declare it as optional under `input.schema` (`{}?: boolean`) or give it a value under `input.default`",
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
    fn reports_undeclared_conditions_with_or_without_schema() {
        let found = check(
            &ConditionalOnUndeclared,
            &[
                ("a.prompt", "Hi{{#if vip}} VIP{{/if}}"),
                (
                    "b.prompt",
                    "---\ninput:\n  schema:\n    vip?: boolean\n---\n{{#if vip}}x{{/if}}{{#unless gold}}y{{/unless}}",
                ),
            ],
        );
        assert_eq!(
            found,
            [
                "a.prompt:1:3 the condition tests `vip`, which is not declared, so it is silently false",
                "b.prompt:6:20 the condition tests `gold`, which is not declared, so it is silently false",
            ]
        );
    }

    #[test]
    fn defaults_declare_and_partials_are_skipped() {
        let with_default = "---\ninput:\n  default:\n    vip: false\n---\n{{#if vip}}x{{/if}}";
        assert!(check(&ConditionalOnUndeclared, &[("a.prompt", with_default)]).is_empty());
        assert!(
            check(
                &ConditionalOnUndeclared,
                &[("_p.prompt", "{{#if x}}y{{/if}}")]
            )
            .is_empty()
        );
    }
}
