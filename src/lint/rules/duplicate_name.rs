//! `duplicate-name`: two files that resolve to the same prompt name.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// Name collisions, including ones that differ only by case.
pub struct DuplicateName;

impl Rule for DuplicateName {
    fn id(&self) -> &'static str {
        "duplicate-name"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "Two files resolve to the same prompt name (also case-insensitively)"
    }

    fn explanation(&self) -> &'static str {
        "A prompt's name is its path under the prompts folder, or its front-matter `name:` \
(with `variant:`) when set. Two files with the same name make every reference ambiguous, and two \
paths that differ only by case (`Support/Reply.prompt`, `support/reply.prompt`) collide on macOS \
and Windows checkouts. Every file of the group is reported; rename all but one."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let duplicates = ctx.index.duplicates_of(ctx.position, ctx.entry);
        if duplicates.is_empty() {
            return Vec::new();
        }
        let own_identity = |identity: &str| {
            let path_name = crate::library::display_id(&ctx.entry.name).to_lowercase();
            identity
                .split_once(':')
                .is_some_and(|(_, name)| name == path_name)
        };
        let by_declared_name = duplicates
            .iter()
            .any(|(identity, _)| !own_identity(identity));
        let location = if by_declared_name {
            ctx.at_key(&["name"])
        } else {
            ctx.at_file()
        };
        let mut others: Vec<String> = duplicates
            .iter()
            .filter_map(|(_, other)| ctx.index.claimant_path(*other))
            .map(|path| format!("`{}`", path.to_string_lossy()))
            .collect();
        others.sort();
        let name = duplicates[0]
            .0
            .split_once(':')
            .map_or(duplicates[0].0.as_str(), |(_, n)| n);
        vec![finding(
            self,
            location,
            format!("the name `{name}` is also used by {}", others.join(", ")),
            Some("rename one of the files, or change its `name:`".to_owned()),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn case_only_differences_collide() {
        let found = check(
            &DuplicateName,
            &[
                ("Support/Reply.prompt", "a"),
                ("support/reply.prompt", "b"),
                ("support/other.prompt", "c"),
            ],
        );
        assert_eq!(
            found,
            [
                "Support/Reply.prompt:0:0 the name `support/reply` is also used by `prompts/support/reply.prompt`",
                "support/reply.prompt:0:0 the name `support/reply` is also used by `prompts/Support/Reply.prompt`",
            ]
        );
    }

    #[test]
    fn declared_names_collide_with_paths() {
        let found = check(
            &DuplicateName,
            &[
                ("a.prompt", "---\ndescription: x\nname: b\n---\nx"),
                ("b.prompt", "b"),
                ("c.prompt", "---\nname: c\n---\nc"),
            ],
        );
        assert_eq!(
            found,
            [
                "a.prompt:3:1 the name `b` is also used by `prompts/b.prompt`",
                "b.prompt:0:0 the name `b` is also used by `prompts/a.prompt`",
            ]
        );
    }

    #[test]
    fn a_partial_and_a_prompt_may_share_a_name() {
        assert!(check(&DuplicateName, &[("x.prompt", "a"), ("_x.prompt", "b")]).is_empty());
    }
}
