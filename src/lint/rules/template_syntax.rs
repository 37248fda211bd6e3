//! `template-syntax`: a Handlebars body that does not compile.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// A template Handlebars cannot compile.
pub struct TemplateSyntax;

impl Rule for TemplateSyntax {
    fn id(&self) -> &'static str {
        "template-syntax"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "The template body is not valid Handlebars"
    }

    fn explanation(&self) -> &'static str {
        "The body after the front matter is a Handlebars template. Unclosed blocks, mismatched \
closing tags and stray braces stop it from compiling, so the prompt cannot render. The finding \
points at the line and column Handlebars stopped at.\n\nBad:\n\n```handlebars\n{{#if vip}}Thanks \
for being a member!\n```\n\nGood:\n\n```handlebars\n{{#if vip}}Thanks for being a member!{{/if}}\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(fault) = &ctx.prepared.fault else {
            return Vec::new();
        };
        vec![finding(
            self,
            ctx.at_template(fault.line, fault.column),
            format!("invalid template: {}", fault.message),
            Some("check that every `{{#block}}` has a matching `{{/block}}`".to_owned()),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_unclosed_blocks_in_the_file() {
        let found = check(
            &TemplateSyntax,
            &[(
                "a.prompt",
                "---\ndescription: x\n---\nHello\n{{#if vip}}VIP\n",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("invalid template"), "{found:?}");
        assert!(found[0].starts_with("a.prompt:"), "{found:?}");
    }

    #[test]
    fn valid_templates_pass() {
        assert!(check(&TemplateSyntax, &[("a.prompt", "{{#if a}}x{{/if}}")]).is_empty());
    }
}
