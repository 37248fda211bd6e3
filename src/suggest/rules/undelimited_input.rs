//! `undelimited-input`: user input on a line of its own with nothing marking where it ends.

use serde_json::Value;

use crate::suggest::{Edit, Fix, SuggestContext, SuggestRule, Suggestion};

/// Free-text variables inserted without delimiters.
pub(crate) struct UndelimitedInput;

impl SuggestRule for UndelimitedInput {
    fn id(&self) -> &'static str {
        "undelimited-input"
    }

    fn summary(&self) -> &'static str {
        "free-text input is inserted without delimiters"
    }

    fn explanation(&self) -> &'static str {
        "When a ticket, an e-mail or a document is pasted into the prompt as a bare line, the model \
cannot tell where the instructions stop and the data starts; text in the input that reads like an \
instruction gets followed (prompt injection), and long inputs blur into the question. Wrapping the \
input in tags, quotes or a fence fixes both. Reported for string variables that stand alone on \
their line; the fix wraps them in XML-style tags named after the variable.\n\nBefore:\n\n\
```handlebars\nSummarize the ticket.\n\n{{body}}\n```\n\nAfter:\n\n```handlebars\nSummarize the \
ticket.\n\n<body>\n{{body}}\n</body>\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        let text = ctx.text();
        let mut out = Vec::new();
        for (name, start, end) in ctx.variable_uses() {
            if !is_free_text(ctx.input_properties.get(&name)) {
                continue;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            if !text[line_start..start].trim().is_empty() || !text[end..line_end].trim().is_empty()
            {
                continue;
            }
            let previous = text[..line_start]
                .trim_end()
                .rsplit('\n')
                .next()
                .unwrap_or("")
                .trim();
            let next = text[line_end..]
                .trim_start()
                .split('\n')
                .next()
                .unwrap_or("")
                .trim();
            if is_delimiter(previous) || is_delimiter(next) {
                continue;
            }
            let indent = &text[line_start..start];
            out.push(ctx.suggest(
                self,
                ctx.at_offset(start),
                format!("`{name}` is inserted without delimiters"),
                Some(format!(
                    "wrap it in <{name}>…</{name}> tags, quotes or a fence"
                )),
                Some(Fix {
                    description: format!("wrap `{name}` in <{name}> tags"),
                    edits: vec![
                        Edit {
                            start: line_start,
                            end: line_start,
                            replacement: format!("{indent}<{name}>\n"),
                        },
                        Edit {
                            start: line_end,
                            end: line_end,
                            replacement: format!("\n{indent}</{name}>"),
                        },
                    ],
                }),
            ));
        }
        out
    }
}

/// Strings without an enum or format are free text; undeclared variables are assumed to be.
fn is_free_text(schema: Option<&Value>) -> bool {
    let Some(schema) = schema else {
        return true;
    };
    schema
        .get("type")
        .and_then(Value::as_str)
        .is_none_or(|t| t == "string")
        && schema.get("enum").is_none()
        && schema.get("format").is_none()
}

/// A line that opens or closes a delimited block: a fence, quotes, a tag, a rule.
fn is_delimiter(line: &str) -> bool {
    line.starts_with("```")
        || line.starts_with("\"\"\"")
        || line.starts_with("---")
        || line.starts_with("###")
        || line.starts_with("====")
        || (line.starts_with('<') && line.ends_with('>'))
        || line.ends_with(":\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{fixed, lines, run};

    #[test]
    fn a_bare_input_line_is_reported_and_wrapped_in_tags() {
        let text = "Summarize the ticket.\n\n{{body}}\n";
        let found = run(&UndelimitedInput, text, None);
        assert_eq!(lines(&found), ["3:1 `body` is inserted without delimiters"]);
        assert_eq!(
            fixed(text, &found),
            "Summarize the ticket.\n\n<body>\n{{body}}\n</body>\n"
        );
    }

    #[test]
    fn delimited_labelled_or_non_text_inputs_are_not_reported() {
        assert!(run(&UndelimitedInput, "Read:\n<doc>\n{{doc}}\n</doc>", None).is_empty());
        assert!(run(&UndelimitedInput, "```\n{{doc}}\n```", None).is_empty());
        assert!(run(&UndelimitedInput, "Subject: {{subject}}", None).is_empty());
        let typed = "---\ninput:\n  schema:\n    n: integer\n    plan(enum): [a, b]\n---\nGo\n\n{{n}}\n{{plan}}\n";
        assert!(run(&UndelimitedInput, typed, None).is_empty());
    }
}
