//! `missing-extends`: `extends:` names a base prompt that does not exist.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};

/// Bases that do not exist.
pub struct MissingExtends;

impl Rule for MissingExtends {
    fn id(&self) -> &'static str {
        "missing-extends"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`extends:` names a base prompt that does not exist"
    }

    fn explanation(&self) -> &'static str {
        "`extends: base/name` makes this prompt a child of another: the base's template renders \
with this prompt's `{{#*inline \"block\"}}` definitions replacing the base's \
`{{#> block}}default{{/block}}` regions, and the base's front matter fills in keys this prompt \
does not set. The base must be a prompt (not a partial) in the library."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(base) = ctx.index.extends_of(ctx.position) else {
            return Vec::new();
        };
        if ctx.index.prompt(base).is_some() {
            return Vec::new();
        }
        let ids: Vec<String> = ctx.index.prompt_ids().collect();
        let suggestions = closest(base, ids.iter().map(String::as_str), 2);
        let hint = if suggestions.is_empty() {
            "`extends` names a prompt as `folder/name` (see `promptctl list`)".to_owned()
        } else {
            format!("did you mean {}?", quoted_list(&suggestions))
        };
        vec![finding(
            self,
            ctx.at_value("extends", base),
            format!("`extends` names `{base}`, which does not exist"),
            Some(hint),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_missing_bases() {
        let found = check(
            &MissingExtends,
            &[
                ("base.prompt", "b"),
                ("a.prompt", "---\nextends: bsae\n---\nx"),
                ("c.prompt", "---\nextends: base\n---\nx"),
            ],
        );
        assert_eq!(
            found,
            ["a.prompt:2:10 `extends` names `bsae`, which does not exist"]
        );
    }
}
