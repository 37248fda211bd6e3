//! `missing-examples`: a classification or extraction prompt with no worked example.

use regex::Regex;

use crate::suggest::{SuggestContext, SuggestRule, Suggestion};

/// Classification and extraction prompts without examples.
pub(crate) struct MissingExamples;

impl SuggestRule for MissingExamples {
    fn id(&self) -> &'static str {
        "missing-examples"
    }

    fn summary(&self) -> &'static str {
        "a classification or extraction prompt shows no example"
    }

    fn explanation(&self) -> &'static str {
        "Classification and extraction are where one or two worked examples (\"few-shot\") help \
most: they fix the label spelling, the edge cases and the output shape better than any \
description. The rule looks at `category` and `tags`, and is satisfied by the word \"example\", \
\"e.g.\", an `Input:`/`Output:` pair or a variable named like `examples`.\n\nBefore:\n\n\
```handlebars\n---\ncategory: classification\n---\nLabel the sentiment of: {{text}}\n```\n\n\
After:\n\n```handlebars\n---\ncategory: classification\n---\nLabel the sentiment of the text.\n\
Example: \"Arrived broken, again.\" -> negative\n\nText: {{text}}\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let fm = &ctx.document.front_matter;
        let kind = |s: &str| {
            let s = s.to_lowercase();
            s.contains("classif") || s.contains("extract")
        };
        let by_category = fm.category.as_deref().is_some_and(kind);
        let by_tag = fm.tags.iter().any(|t| kind(t));
        if !by_category && !by_tag {
            return Vec::new();
        }
        let re = RE.get_or_init(|| {
            Regex::new(r"(?is)\bexamples?\b|\be\.g\.|\bfor instance\b|\binput:.*\boutput:")
                .expect("valid regex")
        });
        if re.is_match(&ctx.all_text_lower())
            || ctx
                .variable_uses()
                .iter()
                .any(|(n, _, _)| n.to_lowercase().contains("example"))
        {
            return Vec::new();
        }
        let location = if by_category {
            ctx.at_key(&["category"])
        } else {
            ctx.at_key(&["tags"])
        };
        vec![ctx.suggest(
            self,
            location,
            "a classification or extraction prompt with no example of input and expected output",
            Some("add one or two short worked examples, including an edge case".into()),
            None,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{lines, run};

    #[test]
    fn a_classification_prompt_without_examples_is_reported_at_its_category() {
        let found = run(
            &MissingExamples,
            "---\ncategory: classification\n---\nLabel: {{text}}",
            None,
        );
        assert_eq!(
            lines(&found),
            [
                "2:1 a classification or extraction prompt with no example of input and expected output"
            ]
        );
        let tagged = run(
            &MissingExamples,
            "---\ntags: [extraction]\n---\nPull fields from {{text}}",
            None,
        );
        assert_eq!(tagged.len(), 1);
    }

    #[test]
    fn examples_or_other_tasks_are_not_reported() {
        let with = "---\ncategory: classification\n---\nExample: \"great\" -> positive\n{{text}}";
        assert!(run(&MissingExamples, with, None).is_empty());
        let via_variable =
            "---\ncategory: classification\n---\n{{shots}}{{few_examples}}\n{{text}}";
        assert!(run(&MissingExamples, via_variable, None).is_empty());
        assert!(
            run(
                &MissingExamples,
                "---\ncategory: summarization\n---\n{{text}}",
                None
            )
            .is_empty()
        );
    }
}
