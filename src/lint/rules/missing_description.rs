//! `missing-description`: a prompt without a `description`.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::FileKind;

/// Prompts that do not say what they do.
pub struct MissingDescription;

impl Rule for MissingDescription {
    fn id(&self) -> &'static str {
        "missing-description"
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn summary(&self) -> &'static str {
        "A prompt has no `description`"
    }

    fn explanation(&self) -> &'static str {
        "A one- or two-sentence `description` is what `list`, `search` and reviewers see first. \
Partials are exempt, and a prompt that `extends` a described base inherits its description.\n\n\
Good:\n\n```yaml\ndescription: Replies to a customer about a late order, apologizing once.\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        if ctx.entry.name.kind != FileKind::Prompt || ctx.document().is_none() {
            return Vec::new();
        }
        let described = std::iter::once(ctx.position)
            .chain(ctx.index.bases(ctx.position))
            .any(|i| ctx.index.described(i));
        if described {
            return Vec::new();
        }
        vec![finding(
            self,
            ctx.at_file(),
            "the prompt has no `description`",
            Some("add `description:` with one or two sentences on what the prompt does".to_owned()),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_prompts_but_not_partials_or_inheritors() {
        let found = check(
            &MissingDescription,
            &[
                ("a.prompt", "Hi"),
                ("_p.prompt", "part"),
                ("base.prompt", "---\ndescription: base\n---\nx"),
                ("child.prompt", "---\nextends: base\n---\ny"),
                ("blank.prompt", "---\ndescription: ' '\n---\ny"),
            ],
        );
        assert_eq!(
            found,
            [
                "a.prompt:0:0 the prompt has no `description`",
                "blank.prompt:0:0 the prompt has no `description`"
            ]
        );
    }
}
