//! `token-budget`: the template and its partials are over the token budget.

use crate::suggest::{SuggestContext, SuggestRule, Suggestion, TokenCount};

/// Prompts longer than `suggest.token_budget`.
pub(crate) struct TokenBudget;

impl SuggestRule for TokenBudget {
    fn id(&self) -> &'static str {
        "token-budget"
    }

    fn summary(&self) -> &'static str {
        "the prompt is over its token budget"
    }

    fn explanation(&self) -> &'static str {
        "Every call pays for the whole prompt, and long prompts are slower and easier to \
misread. The template plus the partials it includes is counted with the model's own tokenizer \
for OpenAI models (`o200k_base`, `cl100k_base`, bundled, offline) and estimated at four \
characters a token otherwise, and the message says which. The budget is `suggest.token_budget` \
in `promptctl.yaml` (4000 by default); variables are not filled in.\n\nBefore:\n\n```yaml\n\
suggest:\n  token_budget: 500\n```\n\nwith a 900-token policy pasted into the prompt.\n\nAfter:\
\n\n```handlebars\n{{> policies/refunds-summary}}\n```\n\nwith the policy cut to what the task \
needs."
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        let count = ctx.tokens.count();
        if count <= ctx.token_budget {
            return Vec::new();
        }
        let how = match ctx.tokens {
            TokenCount::Exact { encoding, .. } => format!("counted with {encoding}"),
            TokenCount::Estimated { .. } => "estimated: no bundled tokenizer for the model".into(),
        };
        vec![ctx.suggest(
            self,
            ctx.at_offset(ctx.body_start()),
            format!(
                "the prompt is {count} tokens ({how}), over the budget of {}",
                ctx.token_budget
            ),
            Some("cut what the task does not need, or raise `suggest.token_budget`".into()),
            None,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{lines, run_with};

    #[test]
    fn a_prompt_over_budget_is_reported_with_the_real_token_count() {
        let text = "---\nmodel: openai/gpt-4o\n---\nhello world hello world";
        let found = run_with(
            &TokenBudget,
            &[("a.prompt", text)],
            Some("openai/gpt-4o"),
            3,
        );
        assert_eq!(
            lines(&found),
            ["4:1 the prompt is 4 tokens (counted with o200k_base), over the budget of 3"]
        );
        let estimated = run_with(
            &TokenBudget,
            &[("a.prompt", "0123456789abcdef")],
            Some("anthropic/claude-sonnet-4"),
            3,
        );
        assert_eq!(
            lines(&estimated),
            [
                "1:1 the prompt is 4 tokens (estimated: no bundled tokenizer for the model), over the budget of 3"
            ]
        );
    }

    #[test]
    fn a_prompt_within_budget_is_not_reported() {
        let found = run_with(
            &TokenBudget,
            &[("a.prompt", "hello world")],
            Some("openai/gpt-4o"),
            2,
        );
        assert!(found.is_empty());
    }
}
