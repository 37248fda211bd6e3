//! `unbounded-output`: nothing caps the length of the answer.

use regex::Regex;

use crate::suggest::{Fix, SuggestContext, SuggestRule, Suggestion};

/// Prompts with no output token limit and no length instruction.
pub(crate) struct UnboundedOutput;

/// The limit the fix sets.
const FIX_LIMIT: u32 = 1024;

impl SuggestRule for UnboundedOutput {
    fn id(&self) -> &'static str {
        "unbounded-output"
    }

    fn summary(&self) -> &'static str {
        "neither a token limit nor a length instruction bounds the answer"
    }

    fn explanation(&self) -> &'static str {
        "Output tokens cost several times as much as input tokens, and a model that rambles on one \
input in a hundred makes the cost and the latency of an experiment unpredictable. Set \
`config.maxOutputTokens`, or say how long the answer should be in numbers. The fix sets \
`maxOutputTokens: 1024`.\n\nBefore:\n\n```handlebars\n---\nconfig:\n  temperature: 0\n---\n\
Explain {{topic}}.\n```\n\nAfter:\n\n```handlebars\n---\nconfig:\n  maxOutputTokens: 1024\n  \
temperature: 0\n---\nExplain {{topic}}.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let config = &ctx.document.front_matter.config;
        if [
            "maxOutputTokens",
            "max_tokens",
            "maxTokens",
            "max_output_tokens",
        ]
        .iter()
        .any(|k| config.contains_key(*k))
        {
            return Vec::new();
        }
        let re = RE.get_or_init(|| {
            Regex::new(r"(?i)\b(?:at most|no more than|up to|under|maximum of|max\.?)\s+\d+|\b\d+\s+(?:words?|sentences?|bullets?|bullet points|lines?|paragraphs?|characters?)\b|\bone (?:word|sentence|line)\b")
                .expect("valid regex")
        });
        if re.is_match(&ctx.all_text_lower()) {
            return Vec::new();
        }
        let location = if ctx.document.has_front_matter {
            ctx.at_key(&["config"])
        } else {
            ctx.at_offset(0)
        };
        vec![
            ctx.suggest(
                self,
                location,
                "nothing bounds the length of the answer",
                Some("set `config.maxOutputTokens`, or say how long the answer should be".into()),
                ctx.insert_under_key("config", &format!("maxOutputTokens: {FIX_LIMIT}"))
                    .map(|edit| Fix {
                        description: format!("set `config.maxOutputTokens: {FIX_LIMIT}`"),
                        edits: vec![edit],
                    }),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{fixed, lines, run};

    #[test]
    fn an_unbounded_prompt_is_reported_and_gets_a_limit() {
        let text = "---\nconfig:\n  temperature: 0\n---\nExplain {{topic}}.";
        let found = run(&UnboundedOutput, text, None);
        assert_eq!(
            lines(&found),
            ["2:1 nothing bounds the length of the answer"]
        );
        assert_eq!(
            fixed(text, &found),
            "---\nconfig:\n  maxOutputTokens: 1024\n  temperature: 0\n---\nExplain {{topic}}."
        );
    }

    #[test]
    fn a_token_limit_or_a_numeric_length_is_enough() {
        let limited = "---\nconfig:\n  maxOutputTokens: 200\n---\nExplain {{topic}}.";
        assert!(run(&UnboundedOutput, limited, None).is_empty());
        assert!(
            run(
                &UnboundedOutput,
                "Explain {{topic}} in at most 80 words.",
                None
            )
            .is_empty()
        );
        assert!(
            run(
                &UnboundedOutput,
                "Explain {{topic}} in 3 bullet points.",
                None
            )
            .is_empty()
        );
    }
}
