//! `missing-system-role`: instructions and input share one user message.

use regex::Regex;

use crate::suggest::{Edit, Fix, SuggestContext, SuggestRule, Suggestion};

/// Prompts with no system part although the provider has one.
pub(crate) struct MissingSystemRole;

impl SuggestRule for MissingSystemRole {
    fn id(&self) -> &'static str {
        "missing-system-role"
    }

    fn summary(&self) -> &'static str {
        "no system role although the model's provider supports one"
    }

    fn explanation(&self) -> &'static str {
        "Every major provider gives the system message more weight than the user turn, and keeps \
user-supplied text from overriding it as easily. A prompt that puts its instructions and its input \
in one user message gives that up. The fix puts the lines before the first variable in a system \
part and the rest in the user part.\n\nBefore:\n\n```handlebars\nYou are a support agent. Be \
polite.\n{{question}}\n```\n\nAfter:\n\n```handlebars\n{{role \"system\"}}\nYou are a support \
agent. Be polite.\n{{role \"user\"}}\n{{question}}\n```"
    }

    fn check(&self, ctx: &SuggestContext<'_>) -> Vec<Suggestion> {
        static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        if !matches!(
            ctx.provider(),
            Some(
                "openai"
                    | "azure"
                    | "anthropic"
                    | "gemini"
                    | "vertex"
                    | "bedrock"
                    | "compatible"
                    | "ollama"
            )
        ) || ctx.document.front_matter.extends.is_some()
        {
            return Vec::new();
        }
        let re = RE.get_or_init(|| Regex::new(r#"\{\{~?\s*role\s+"system""#).expect("valid regex"));
        if re.is_match(ctx.body()) || re.is_match(&ctx.partial_text) {
            return Vec::new();
        }
        let body = ctx.body();
        let lead = body.len() - body.trim_start().len();
        let start = ctx.body_start() + lead;
        let fix = ctx.variable_uses().first().and_then(|(_, first_use, _)| {
            let line_start = ctx.text()[..*first_use].rfind('\n').map_or(0, |i| i + 1);
            (line_start > start).then(|| Fix {
                description: "put the instructions in a system part and the input in a user part"
                    .into(),
                edits: vec![
                    Edit {
                        start,
                        end: start,
                        replacement: "{{role \"system\"}}\n".into(),
                    },
                    Edit {
                        start: line_start,
                        end: line_start,
                        replacement: "{{role \"user\"}}\n".into(),
                    },
                ],
            })
        });
        vec![ctx.suggest(
            self,
            ctx.at_offset(start),
            format!("the prompt has no system part, though `{}` supports one", ctx.model.unwrap_or_default()),
            Some("put standing instructions under {{role \"system\"}} and the input under {{role \"user\"}}".into()),
            fix,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::test_support::{fixed, lines, run};

    #[test]
    fn a_prompt_without_a_system_part_is_reported_and_split() {
        let text = "---\nmodel: openai/gpt-4o\n---\nYou are a support agent.\n{{question}}\n";
        let found = run(&MissingSystemRole, text, Some("openai/gpt-4o"));
        assert_eq!(
            lines(&found),
            ["4:1 the prompt has no system part, though `openai/gpt-4o` supports one"]
        );
        assert_eq!(
            fixed(text, &found),
            "---\nmodel: openai/gpt-4o\n---\n{{role \"system\"}}\nYou are a support agent.\n{{role \"user\"}}\n{{question}}\n"
        );
    }

    #[test]
    fn a_system_part_an_unknown_provider_or_a_base_is_not_reported() {
        let with = "{{role \"system\"}}\nBe polite.\n{{role \"user\"}}\n{{q}}";
        assert!(run(&MissingSystemRole, with, Some("openai/gpt-4o")).is_empty());
        assert!(run(&MissingSystemRole, "Be polite. {{q}}", None).is_empty());
        assert!(
            run(
                &MissingSystemRole,
                "---\nextends: base\n---\n{{q}}",
                Some("openai/gpt-4o")
            )
            .is_empty()
        );
    }
}
