//! `missing-format-instruction`: structured output is expected but the prompt never asks for it.

use crate::suggest::{Fix, SuggestContext, SuggestRule, Suggestion};

/// An output schema or JSON format with no words asking the model for that shape.
pub(crate) struct MissingFormatInstruction;

impl SuggestRule for MissingFormatInstruction {
    fn id(&self) -> &'static str {
        "missing-format-instruction"
    }

    fn summary(&self) -> &'static str {
        "the output schema expects JSON but the prompt never asks for it"
    }

    fn explanation(&self) -> &'static str {
        "`output.schema` or `output.format: json` tells promptctl what to expect; the model only \
sees the prompt. Without an instruction naming the format and the fields, models answer in prose \
and the JSON assertions fail. The fix appends one sentence naming the fields.\n\nBefore:\n\n\
```handlebars\n---\noutput:\n  schema:\n    queue: string\n    priority: string\n---\nRoute this \
ticket: {{body}}\n```\n\nAfter:\n\n```handlebars\nRoute this ticket: {{body}}\n\nReply with only a \
JSON object with the fields `queue` and `priority`.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        if !ctx.expects_structure() {
            return Vec::new();
        }
        let text = ctx.all_text_lower();
        if text.contains("json") || text.contains("schema") {
            return Vec::new();
        }
        let fields = ctx.output_fields();
        let sentence = if fields.is_empty() {
            "Reply with only a JSON object.".to_owned()
        } else {
            let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            format!(
                "Reply with only a JSON object with the fields {}.",
                join_and(&quoted)
            )
        };
        let end = ctx.text().trim_end().len();
        let location = ctx.at_key(&["output"]);
        vec![ctx.suggest(
            self,
            location,
            "the output is expected to be JSON but the prompt never says so",
            Some(format!("say it in the prompt: \"{sentence}\"")),
            Some(Fix {
                description: "append the format instruction".into(),
                edits: vec![crate::suggest::Edit {
                    start: end,
                    end,
                    replacement: format!("\n\n{sentence}"),
                }],
            }),
        )]
    }
}

/// "`a`, `b` and `c`".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{fixed, lines, run, run_with};

    const PROMPT: &str = "---\noutput:\n  schema:\n    queue: string\n    priority: string\n---\nRoute this ticket: {{body}}\n";

    #[test]
    fn a_schema_without_a_format_instruction_is_reported_and_fixed() {
        let found = run(&MissingFormatInstruction, PROMPT, None);
        assert_eq!(
            lines(&found),
            ["2:1 the output is expected to be JSON but the prompt never says so"]
        );
        assert!(fixed(PROMPT, &found).ends_with(
            "{{body}}\n\nReply with only a JSON object with the fields `queue` and `priority`.\n"
        ));
    }

    #[test]
    fn an_instruction_in_the_prompt_or_a_partial_is_enough() {
        let said = PROMPT.replace("{{body}}", "{{body}}\nAnswer in JSON.");
        assert!(run(&MissingFormatInstruction, &said, None).is_empty());
        let via_partial = PROMPT.replace("{{body}}", "{{body}}\n{{> out}}");
        let files = [
            ("a.prompt", via_partial.as_str()),
            ("_out.prompt", "Return a Json object."),
        ];
        assert!(run_with(&MissingFormatInstruction, &files, None, 4000).is_empty());
        assert!(run(&MissingFormatInstruction, "Hello {{name}}", None).is_empty());
    }
}
