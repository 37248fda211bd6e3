//! `vague-quantifier`: "a few", "several", "short" where a number fits.

use regex::Regex;

use crate::suggest::{Edit, Fix, SuggestContext, SuggestRule, Suggestion};

/// Vague amounts of countable things.
pub(crate) struct VagueQuantifier;

impl SuggestRule for VagueQuantifier {
    fn id(&self) -> &'static str {
        "vague-quantifier"
    }

    fn summary(&self) -> &'static str {
        "a vague quantity (\"a few\", \"several\", \"short\") where a number fits"
    }

    fn explanation(&self) -> &'static str {
        "\"A few bullet points\" is two for one model and seven for the next, and an assertion \
cannot check it. A number can be followed and tested. Reported for vague words before countable \
units (sentences, words, bullets, items, examples…); the fix replaces \"a few\" and \"a couple \
of\" with 3 and \"several\" with \"3 to 5\" — edit the number to what you mean.\n\nBefore:\n\n\
```handlebars\nSummarize the meeting in a few bullet points.\n```\n\nAfter:\n\n```handlebars\n\
Summarize the meeting in 3 bullet points.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let re = RE.get_or_init(|| {
            Regex::new(
                r"(?i)\b(a few|a couple of|several|some|many|short|brief|long)\s+(?:[a-z-]+\s+)?(?:sentences?|words?|paragraphs?|bullets?|bullet points?|items?|lines?|points?|examples?|steps?|questions?|keywords?)\b",
            )
            .expect("valid regex")
        });
        re.captures_iter(ctx.body())
            .filter_map(|c| {
                let whole = c.get(0)?;
                let word = c.get(1)?;
                let start = ctx.body_start() + word.start();
                let number = match word.as_str().to_lowercase().as_str() {
                    "a few" | "a couple of" => Some("3"),
                    "several" => Some("3 to 5"),
                    _ => None,
                };
                let fix = number.map(|n| Fix {
                    description: format!("replace \"{}\" with {n}", word.as_str()),
                    edits: vec![Edit {
                        start,
                        end: start + word.len(),
                        replacement: n.to_owned(),
                    }],
                });
                Some(
                    ctx.suggest(
                        self,
                        ctx.at_offset(start),
                        format!("\"{}\" is vague: say how many", whole.as_str()),
                        Some(
                            "use a number or a range (\"3 bullet points\", \"at most 50 words\")"
                                .into(),
                        ),
                        fix,
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{fixed, lines, run};

    #[test]
    fn vague_amounts_of_countable_things_are_reported_and_numbers_offered() {
        let text = "Summarize {{notes}} in a few bullet points.\nUse several short sentences.";
        let found = run(&VagueQuantifier, text, None);
        assert_eq!(
            lines(&found),
            [
                "1:24 \"a few bullet points\" is vague: say how many",
                "2:5 \"several short sentences\" is vague: say how many",
            ]
        );
        assert_eq!(
            fixed(text, &found),
            "Summarize {{notes}} in 3 bullet points.\nUse 3 to 5 short sentences."
        );
    }

    #[test]
    fn numbers_and_uncountable_uses_are_not_reported() {
        assert!(
            run(
                &VagueQuantifier,
                "Write 3 bullet points, at most 40 words.",
                None
            )
            .is_empty()
        );
        assert!(
            run(
                &VagueQuantifier,
                "Some customers are angry. Keep a short memory.",
                None
            )
            .is_empty()
        );
    }
}
