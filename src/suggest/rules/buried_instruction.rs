//! `buried-instruction`: the emphasised instruction of a long prompt sits in its middle.

use regex::Regex;

use crate::suggest::{SuggestContext, SuggestRule, Suggestion};

/// Lines of a long prompt below which a prompt is not "long".
const LONG_PROMPT_LINES: usize = 20;

/// Emphasised instructions in the middle of a long prompt.
pub(crate) struct BuriedInstruction;

impl SuggestRule for BuriedInstruction {
    fn id(&self) -> &'static str {
        "buried-instruction"
    }

    fn summary(&self) -> &'static str {
        "the most important instruction is buried in the middle of a long prompt"
    }

    fn explanation(&self) -> &'static str {
        "Models attend most to the start and the end of a long prompt (\"lost in the middle\"). \
An instruction marked IMPORTANT, MUST, NEVER or ALWAYS in the middle third of a prompt of 20 or \
more lines is the one most likely to be ignored. Move it to the start of the system part or \
repeat it at the end.\n\nBefore:\n\n```handlebars\nYou answer billing questions.\n… 10 lines of \
policy …\nIMPORTANT: never promise a refund.\n… 10 lines of policy …\n{{question}}\n```\n\nAfter:\
\n\n```handlebars\nYou answer billing questions. Never promise a refund.\n… 20 lines of policy …\
\n{{question}}\nRemember: never promise a refund.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let re = RE.get_or_init(|| {
            Regex::new(r"\b(?:IMPORTANT|CRITICAL|MUST|NEVER|ALWAYS|DO NOT)\b|(?i:\bimportant:)")
                .expect("valid regex")
        });
        let body = ctx.body();
        let lines: Vec<(usize, &str)> = body
            .split_inclusive('\n')
            .scan(0, |offset, line| {
                let start = *offset;
                *offset += line.len();
                Some((start, line))
            })
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        if lines.len() < LONG_PROMPT_LINES {
            return Vec::new();
        }
        let (first, last) = (lines.len() / 3, lines.len() - lines.len() / 3);
        lines[first..last]
            .iter()
            .filter_map(|(offset, line)| {
                let m = re.find(line)?;
                Some(ctx.suggest(
                    self,
                    ctx.at_offset(ctx.body_start() + offset + m.start()),
                    format!("\"{}\" marks a key instruction in the middle of a {}-line prompt", m.as_str(), lines.len()),
                    Some("move it to the start, or repeat it at the end, where models attend most".into()),
                    None,
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{lines, run};

    fn prompt(at: usize) -> String {
        let mut text: Vec<String> = (0..30).map(|i| format!("Policy line {i}.")).collect();
        text[at] = "IMPORTANT: never promise a refund.".into();
        text.join("\n")
    }

    #[test]
    fn an_emphasised_instruction_in_the_middle_of_a_long_prompt_is_reported() {
        assert_eq!(
            lines(&run(&BuriedInstruction, &prompt(15), None)),
            ["16:1 \"IMPORTANT\" marks a key instruction in the middle of a 30-line prompt"]
        );
    }

    #[test]
    fn at_the_edges_or_in_short_prompts_it_is_not_reported() {
        assert!(run(&BuriedInstruction, &prompt(0), None).is_empty());
        assert!(run(&BuriedInstruction, &prompt(29), None).is_empty());
        assert!(run(&BuriedInstruction, "a\nIMPORTANT: b\nc", None).is_empty());
    }
}
