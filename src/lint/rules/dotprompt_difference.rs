//! `dotprompt-difference`: a spot where `promptctl render` (strict) and the Dotprompt library
//! an application loads the file with (npm `dotprompt`, Genkit) render differently.
//!
//! A prompt that renders one way in review and another in the app is a bug nobody sees, so
//! every place where the two renderings part is reported at its tag, with what each side does.
//! The list matches docs/file-format.md ("Where strict rendering differs").

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// Places where strict and Dotprompt rendering differ.
pub struct DotpromptDifference;

static DATA_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(=])@([A-Za-z_$][\w$-]*)").expect("static pattern"));

static ROLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^role\s+"([^"]*)""#).expect("static pattern"));

/// What differs in one mustache's inner text, if anything.
fn difference(inner: &str) -> Option<String> {
    let body = inner.trim_start_matches(['~', '&', '{']).trim();
    if let Some(c) = ROLE.captures(body) {
        let role = &c[1];
        if role == "assistant" {
            return Some(
                "renders differently in Dotprompt/Genkit: the library keeps the role `assistant`; \
promptctl renders it as `model`"
                    .into(),
            );
        }
        if !["system", "user", "model", "tool"].contains(&role) {
            return Some(format!(
                "renders differently in Dotprompt/Genkit: the library emits the role `{role}`; \
promptctl refuses it"
            ));
        }
    }
    if let Some(c) = DATA_REF
        .captures_iter(body)
        .find(|c| !["index", "key", "first", "last", "root", "level"].contains(&&c[1]))
    {
        return Some(format!(
            "renders differently in Dotprompt/Genkit when the render's context lacks `@{}`: the \
library prints nothing, `promptctl render` (strict) stops here; give the data with \
`render --context FILE`",
            &c[1]
        ));
    }
    if inner.starts_with('^') {
        return Some(
            "renders differently in Dotprompt/Genkit: JavaScript Handlebars' inverse section \
`{{^…}}` is not handlebars-rust's"
                .into(),
        );
    }
    if body == "." || body.split_whitespace().any(|t| t.ends_with(".length")) {
        return Some(
            "renders differently in Dotprompt/Genkit: `.length` and `{{.}}` are JavaScript \
Handlebars paths that handlebars-rust resolves differently"
                .into(),
        );
    }
    if inner.starts_with("{{") && !inner[2..].starts_with('/') {
        return Some(
            "renders differently in Dotprompt/Genkit: a raw block `{{{{name}}}}…{{{{/name}}}}` is \
a section over the value `name` in JavaScript Handlebars (nothing when it is missing or false, \
the content once per item of a list); `promptctl render` (strict) prints its content once, always"
                .into(),
        );
    }
    if let Some(name) = body.strip_prefix('#') {
        let name = name.split_whitespace().next().unwrap_or("");
        let helper = ["if", "unless", "each", "with", "ifEquals", "unlessEquals"].contains(&name)
            || name.starts_with(['>', '*']);
        if !helper {
            return Some(format!(
                "renders differently in Dotprompt/Genkit: `{{{{#{name}}}}}` is a Mustache section \
in JavaScript Handlebars (each for a list, with for an object, if otherwise); promptctl has no \
helper `{name}`"
            ));
        }
    }
    if inner.starts_with('>') && inner[1..].trim_start().starts_with('(') {
        return Some(
            "renders differently in Dotprompt/Genkit: dynamic partials `{{> (…)}}` are \
resolved only by JavaScript Handlebars"
                .into(),
        );
    }
    None
}

impl Rule for DotpromptDifference {
    fn id(&self) -> &'static str {
        "dotprompt-difference"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "the tag renders differently in Dotprompt/Genkit than in `promptctl render`"
    }

    fn explanation(&self) -> &'static str {
        "Applications load `.prompt` files with the Dotprompt library (npm `dotprompt`, \
Genkit), which renders leniently and keeps typed parts; `promptctl render` is strict. Where the \
two differ — `@state`/`@auth` data the render's context lacks, the role `assistant` or an unknown role, and JavaScript-only Handlebars (`.length`, `{{.}}`, `{{^x}}`, Mustache sections `{{#list}}`, raw blocks `{{{{raw}}}}`, dynamic \
partials) — the app sees something review did not. Check what the app sees with `promptctl \
render NAME --compat dotprompt`, or rewrite the tag so both agree.\n\nBad:\n\n```handlebars\n\
{{role \"assistant\"}}Hi\n```\n\nGood:\n\n```handlebars\n{{role \"model\"}}Hi\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(document) = ctx.document() else {
            return Vec::new();
        };
        let template = document.template();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(open) = template[from..].find("{{").map(|o| o + from) {
            let tail = &template[open + 2..];
            if tail.starts_with('!') {
                let close = if tail.starts_with("!--") {
                    "--}}"
                } else {
                    "}}"
                };
                from = tail
                    .find(close)
                    .map_or(template.len(), |c| open + 2 + c + close.len());
                continue;
            }
            let Some(close) = tail.find("}}") else { break };
            if let Some(message) = difference(&tail[..close]) {
                let before = &template[..open];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                found.push(finding(
                    self,
                    ctx.at_template(line, column),
                    message,
                    Some(
                        "see what the app gets with `promptctl render NAME --compat dotprompt`"
                            .into(),
                    ),
                ));
            }
            from = open + 2 + close + 2;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_each_tag_that_renders_differently_at_its_position() {
        let found = check(
            &DotpromptDifference,
            &[(
                "a.prompt",
                "---\ndescription: d\n---\n{{role \"assistant\"}}Hi {{name}}\n{{media url=u}} {{@state.n}}\n{{!-- {{@auth}} --}}{{#each items}}{{@index}}{{/each}}{{items.length}}",
            )],
        );
        let at: Vec<&str> = found
            .iter()
            .map(|f| f.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(at, ["a.prompt:4:1", "a.prompt:5:17", "a.prompt:6:55"]);
        assert!(found[0].contains("keeps the role `assistant`"));
        assert!(found[1].contains("`@state`") && found[1].contains("--context"));
    }

    #[test]
    fn flags_each_javascript_handlebars_construct_where_strict_differs() {
        let template = "{{items.length}}\n{{#each items}}{{.}}{{/each}}\n{{^x}}n{{/x}}\n\
{{^if x}}n{{/if}}\n{{#list}}i{{/list}}\n{{{{raw}}}}r{{{{/raw}}}}\n{{> (lookup . \"p\")}}";
        let found = check(&DotpromptDifference, &[("a.prompt", template)]);
        let at: Vec<&str> = found
            .iter()
            .map(|f| f.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            at,
            [
                "a.prompt:1:1",
                "a.prompt:2:16",
                "a.prompt:3:1",
                "a.prompt:4:1",
                "a.prompt:5:1",
                "a.prompt:6:1",
                "a.prompt:7:1"
            ],
            "{found:?}"
        );
        assert!(found[4].contains("Mustache section"));
        assert!(found[5].contains("raw block"));
    }

    #[test]
    fn plain_strict_safe_templates_have_no_findings() {
        // Media and sections are typed parts in both renderings.
        let found = check(
            &DotpromptDifference,
            &[(
                "a.prompt",
                "{{role \"system\"}}Be kind.\n{{#if x}}{{x}}{{/if}}{{media url=u}}{{section \"s\"}}",
            )],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
