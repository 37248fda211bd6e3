//! `contradictory-instruction`: instructions that contradict each other or the output schema.

use regex::Regex;

use crate::suggest::{SuggestContext, SuggestRule, Suggestion};

/// Instructions at odds with each other or with the output schema.
pub(crate) struct ContradictoryInstruction;

impl SuggestRule for ContradictoryInstruction {
    fn id(&self) -> &'static str {
        "contradictory-instruction"
    }

    fn summary(&self) -> &'static str {
        "instructions contradict each other or the output schema"
    }

    fn explanation(&self) -> &'static str {
        "A model given two incompatible orders obeys one at random, so results flip between runs \
and between model versions. Reported: a one-word or yes/no answer asked for while the output \
schema has several fields; plain text asked for while the output is JSON; \"brief\" or \"concise\" \
next to \"in detail\" or \"comprehensive\". Decide which one you mean and delete the other.\n\n\
Before:\n\n```handlebars\n---\noutput:\n  schema:\n    label: string\n    reason: string\n---\n\
Answer in one word: is {{text}} spam?\n```\n\nAfter:\n\n```handlebars\n---\noutput:\n  schema:\n\
    label: string\n    reason: string\n---\nIs the text spam? Give the label and a one-sentence \
reason.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RES: std::sync::OnceLock<[Regex; 4]> = std::sync::OnceLock::new();
        let [one_word, plain, brief, detail] = RES.get_or_init(|| {
            [
                Regex::new(r"(?i)\b(?:in )?(?:one|a single) word\b|\byes or no\b").expect("regex"),
                Regex::new(r"(?i)\bplain text\b|\b(?:do not|don't|never) (?:use|return|answer in) json\b").expect("regex"),
                Regex::new(r"(?i)\bbe (?:brief|concise)\b|\bconcisely\b|\bbriefly\b").expect("regex"),
                Regex::new(r"(?i)\bin (?:great |full )?detail\b|\bcomprehensive(?:ly)?\b|\bexhaustive(?:ly)?\b").expect("regex"),
            ]
        });
        let body = ctx.body();
        let at = |m: regex::Match<'_>| ctx.at_offset(ctx.body_start() + m.start());
        let mut out = Vec::new();
        let fields = ctx.output_fields();
        if fields.len() > 1
            && let Some(m) = one_word.find(body)
        {
            out.push(ctx.suggest(
                self,
                at(m),
                format!(
                    "\"{}\" contradicts the output schema, which has {} fields",
                    m.as_str(),
                    fields.len()
                ),
                Some("ask for the fields the schema names, or shrink the schema".into()),
                None,
            ));
        }
        if ctx.expects_structure()
            && let Some(m) = plain.find(body)
        {
            out.push(ctx.suggest(
                self,
                at(m),
                format!(
                    "\"{}\" contradicts `output`, which expects JSON",
                    m.as_str()
                ),
                Some("remove the instruction or the JSON output format".into()),
                None,
            ));
        }
        if let (Some(a), Some(b)) = (brief.find(body), detail.find(body)) {
            let later = if a.start() > b.start() { a } else { b };
            let earlier = if a.start() > b.start() { b } else { a };
            out.push(ctx.suggest(
                self,
                at(later),
                format!(
                    "\"{}\" contradicts \"{}\" earlier in the prompt",
                    later.as_str(),
                    earlier.as_str()
                ),
                Some("say how long the answer should be, once, with a number".into()),
                None,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{lines, run};

    #[test]
    fn one_word_against_a_multi_field_schema_is_reported() {
        let text = "---\noutput:\n  schema:\n    label: string\n    reason: string\n---\nAnswer in one word: is {{text}} spam?";
        assert_eq!(
            lines(&run(&ContradictoryInstruction, text, None)),
            ["7:8 \"in one word\" contradicts the output schema, which has 2 fields"]
        );
    }

    #[test]
    fn plain_text_against_json_and_brief_against_detailed_are_reported() {
        let text =
            "---\noutput:\n  format: json\n---\nBe concise.\nExplain in detail.\nUse plain text.";
        assert_eq!(
            lines(&run(&ContradictoryInstruction, text, None)),
            [
                "7:5 \"plain text\" contradicts `output`, which expects JSON",
                "6:9 \"in detail\" contradicts \"Be concise\" earlier in the prompt",
            ]
        );
    }

    #[test]
    fn consistent_instructions_are_not_reported() {
        let text =
            "---\noutput:\n  schema:\n    label: string\n---\nAnswer in one word. Be concise.";
        assert!(run(&ContradictoryInstruction, text, None).is_empty());
        assert!(
            run(
                &ContradictoryInstruction,
                "Use plain text. Explain in detail.",
                None
            )
            .is_empty()
        );
    }
}
