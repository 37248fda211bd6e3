//! `missing-partial`: `{{> name}}` where no partial file `_name.prompt` exists.

use std::collections::HashSet;

use crate::finding::{Finding, Severity};
use crate::lint::{LibraryIndex, LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::PromptName;

/// References to partials that do not exist.
pub struct MissingPartial;

impl Rule for MissingPartial {
    fn id(&self) -> &'static str {
        "missing-partial"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`{{> name}}` includes a partial that does not exist"
    }

    fn explanation(&self) -> &'static str {
        "A partial `{{> support/tone}}` is the file `support/_tone.prompt` under the prompts \
folder (the leading underscore marks partials). Inline partials defined with \
`{{#*inline \"name\"}}` in the same prompt or in its `extends` bases also count. Rendering a prompt \
whose partial is missing fails.\n\nBad:\n\n```handlebars\n{{> support/tone}}\n```\n\nwith no \
`prompts/support/_tone.prompt`. Fix: create the file, or correct the name."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let analysis = &ctx.prepared.analysis;
        if analysis.partials.is_empty() {
            return Vec::new();
        }
        let index = ctx.index;
        let inline: HashSet<&str> = index
            .bases(ctx.position)
            .into_iter()
            .filter_map(|b| index.facts(b))
            .flat_map(|f| f.inline_partials.iter())
            .map(AsRef::as_ref)
            .collect();
        let prompts_dir = ctx.project.config.prompts.trim_end_matches('/');
        LibraryIndex::included_partials(analysis)
            .filter(|name| !inline.contains(name) && index.partial(name).is_none())
            .map(|name| {
                let reference = analysis
                    .partials
                    .iter()
                    .find(|r| r.name == name)
                    .expect("included partials come from the analysis");
                let names: Vec<String> = index.partial_names().collect();
                let suggestions = closest(name, names.iter().map(String::as_str), 2);
                let file = PromptName::partial(name).relative_path();
                let hint = if suggestions.is_empty() {
                    format!("create `{prompts_dir}/{file}`")
                } else {
                    format!(
                        "did you mean {}? Otherwise create `{prompts_dir}/{file}`",
                        quoted_list(&suggestions)
                    )
                };
                finding(
                    self,
                    ctx.at_reference(reference),
                    format!("partial `{name}` does not exist"),
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
    fn reports_missing_partials_with_suggestions() {
        let found = findings(
            &MissingPartial,
            &[
                ("shared/_tone.prompt", "calm"),
                (
                    "a.prompt",
                    "---\ndescription: x\n---\nHi {{> shared/tnoe}} {{> shared/tone}}",
                ),
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "partial `shared/tnoe` does not exist");
        assert_eq!((found[0].location.line, found[0].location.column), (4, 4));
        assert!(found[0].hint.as_deref().unwrap().contains("`shared/tone`"));
    }

    #[test]
    fn inline_partials_here_or_in_a_base_count() {
        let found = check(
            &MissingPartial,
            &[
                ("a.prompt", "{{#*inline \"x\"}}y{{/inline}}{{> x}}"),
                (
                    "base.prompt",
                    "{{#*inline \"sig\"}}--{{/inline}}{{#> body}}{{/body}}",
                ),
                (
                    "child.prompt",
                    "---\nextends: base\n---\n{{#*inline \"body\"}}{{> sig}}{{/inline}}",
                ),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
