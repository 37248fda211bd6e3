//! `missing-link`: `links:` names a prompt that does not exist (F1.4 cross-references).

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};

/// Cross-references to prompts that do not exist.
pub struct MissingLink;

impl Rule for MissingLink {
    fn id(&self) -> &'static str {
        "missing-link"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`links:` names a prompt that does not exist"
    }

    fn explanation(&self) -> &'static str {
        "`links:` lists related prompts by name (`support/reply`, or `support/reply.formal` for a \
variant). Links are how reviewers and `show` find related work, so a link to a renamed or \
deleted prompt is reported where it is written.\n\nBad:\n\n```yaml\nlinks: [support/replies]\n```\n\n\
Good:\n\n```yaml\nlinks: [support/reply]\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(document) = ctx.document() else {
            return Vec::new();
        };
        document
            .front_matter
            .links
            .iter()
            .filter(|link| ctx.index.prompt(link).is_none())
            .map(|link| {
                let ids: Vec<String> = ctx.index.prompt_ids().collect();
                let suggestions = closest(link, ids.iter().map(String::as_str), 2);
                let hint = if suggestions.is_empty() {
                    "links name prompts as `folder/name` (see `promptctl list`)".to_owned()
                } else {
                    format!("did you mean {}?", quoted_list(&suggestions))
                };
                finding(
                    self,
                    ctx.at_value("links", link),
                    format!("`links` names `{link}`, which is not a prompt in this library"),
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

    #[test]
    fn reports_each_missing_link_where_it_is_written() {
        let found = findings(
            &MissingLink,
            &[
                ("support/reply.prompt", "Hi"),
                ("support/reply.formal.prompt", "Hi"),
                (
                    "a.prompt",
                    "---\ndescription: x\nlinks:\n  - support/reply\n  - support/replies\n  - support/reply.formal\n---\nHi",
                ),
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].location.line, found[0].location.column), (5, 5));
        assert!(
            found[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("`support/reply`")
        );
    }

    #[test]
    fn flow_lists_and_single_strings_are_located() {
        let found = check(
            &MissingLink,
            &[
                ("a.prompt", "---\nlinks: [b, nope]\n---\nHi"),
                ("b.prompt", "x"),
            ],
        );
        assert_eq!(
            found,
            ["a.prompt:2:12 `links` names `nope`, which is not a prompt in this library"]
        );
        let found = check(&MissingLink, &[("a.prompt", "---\nlinks: gone\n---\nHi")]);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("a.prompt:2:8"), "{found:?}");
    }
}
