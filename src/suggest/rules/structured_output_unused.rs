//! `structured-output-unused`: the model offers JSON mode but the prompt does not turn it on.

use crate::suggest::{Fix, SuggestContext, SuggestRule, Suggestion};

/// An output schema without `output.format: json` on a model with JSON mode.
pub(crate) struct StructuredOutputUnused;

/// Model id prefixes with JSON mode or structured output, by provider.
const JSON_MODE: &[(&str, &[&str])] = &[
    (
        "openai",
        &[
            "gpt-4o",
            "gpt-4.1",
            "gpt-4-turbo",
            "gpt-5",
            "o1",
            "o3",
            "o4",
            "gpt-3.5-turbo",
        ],
    ),
    ("azure", &["gpt-4o", "gpt-4.1", "gpt-5", "o1", "o3", "o4"]),
    ("gemini", &["gemini"]),
    ("vertex", &["gemini"]),
];

impl SuggestRule for StructuredOutputUnused {
    fn id(&self) -> &'static str {
        "structured-output-unused"
    }

    fn summary(&self) -> &'static str {
        "the model supports JSON mode but the prompt does not use it"
    }

    fn explanation(&self) -> &'static str {
        "A prompt with an output schema, or one that asks for JSON in words, relies on the model \
to produce valid JSON by itself. On a model with JSON mode or structured output, \
`output.format: json` makes promptctl ask the provider for it, so the answer always parses. The \
fix adds the key.\n\nBefore:\n\n```handlebars\n---\nmodel: openai/gpt-4o-mini\noutput:\n  schema:\
\n    label: string\n---\nClassify {{text}} and reply in JSON.\n```\n\nAfter:\n\n```handlebars\n\
---\nmodel: openai/gpt-4o-mini\noutput:\n  format: json\n  schema:\n    label: string\n---\n\
Classify {{text}} and reply in JSON.\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        let output = &ctx.document.front_matter.output;
        if output.format.is_some() {
            return Vec::new();
        }
        let (Some(provider), Some(id)) = (ctx.provider(), ctx.model_id()) else {
            return Vec::new();
        };
        let supported = JSON_MODE
            .iter()
            .any(|(p, prefixes)| *p == provider && prefixes.iter().any(|x| id.starts_with(x)));
        let wants_json = output.schema.is_some() || ctx.body().to_lowercase().contains("json");
        if !supported || !wants_json {
            return Vec::new();
        }
        let location = if output.schema.is_some() {
            ctx.at_key(&["output"])
        } else {
            ctx.at_offset(ctx.body_start())
        };
        vec![
            ctx.suggest(
                self,
                location,
                format!(
                    "`{}` has JSON mode but `output.format` is not `json`",
                    ctx.model.unwrap_or_default()
                ),
                Some("set `output.format: json` so the provider guarantees parseable JSON".into()),
                ctx.insert_under_key("output", "format: json")
                    .map(|edit| Fix {
                        description: "set `output.format: json`".into(),
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
    fn a_schema_on_a_json_mode_model_without_the_format_is_reported_and_fixed() {
        let text = "---\noutput:\n  schema:\n    label: string\n---\nClassify {{text}}.";
        let found = run(&StructuredOutputUnused, text, Some("openai/gpt-4o-mini"));
        assert_eq!(
            lines(&found),
            ["2:1 `openai/gpt-4o-mini` has JSON mode but `output.format` is not `json`"]
        );
        assert_eq!(
            fixed(text, &found),
            "---\noutput:\n  format: json\n  schema:\n    label: string\n---\nClassify {{text}}."
        );
        let words = "---\ndescription: d\n---\nReply in JSON.";
        let found = run(
            &StructuredOutputUnused,
            words,
            Some("gemini/gemini-2.0-flash"),
        );
        assert_eq!(
            fixed(words, &found),
            "---\ndescription: d\noutput:\n  format: json\n---\nReply in JSON."
        );
    }

    #[test]
    fn a_set_format_or_a_model_without_json_mode_is_not_reported() {
        let set = "---\noutput:\n  format: json\n  schema:\n    label: string\n---\nx";
        assert!(run(&StructuredOutputUnused, set, Some("openai/gpt-4o")).is_empty());
        let schema = "---\noutput:\n  schema:\n    label: string\n---\nx";
        assert!(
            run(
                &StructuredOutputUnused,
                schema,
                Some("anthropic/claude-sonnet-4")
            )
            .is_empty()
        );
        assert!(run(&StructuredOutputUnused, "Say hi", Some("openai/gpt-4o")).is_empty());
    }
}
