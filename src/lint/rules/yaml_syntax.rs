//! `yaml-syntax`: front matter that is not valid YAML, not a mapping, repeats a key, or is never
//! closed.

use crate::finding::{Finding, Severity};
use crate::library::EntryError;
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::ParseErrorKind;

/// Front matter that does not parse as a YAML mapping.
pub struct YamlSyntax;

impl Rule for YamlSyntax {
    fn id(&self) -> &'static str {
        "yaml-syntax"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "The front matter is not valid YAML, not a mapping of keys to values, repeats a key or is not closed"
    }

    fn explanation(&self) -> &'static str {
        "The block between the two `---` lines must be a YAML mapping with each key once (a \
repeated key would silently replace the first), and the closing `---` line must be there (without \
it the YAML would be rendered as prompt text). A file whose front matter does not parse cannot be \
rendered, searched or checked any further, so every other rule skips it.\n\n\
Bad:\n\n```yaml\n---\ntags: [support, billing\n---\n```\n\nGood:\n\n```yaml\n---\ntags: [support, billing]\n---\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        match &ctx.entry.document {
            Err(EntryError::Parse(e)) if super::is_yaml_error(e) => vec![finding(
                self,
                ctx.at(e.line, e.column),
                e.message.clone(),
                Some(if e.kind == ParseErrorKind::Unclosed {
                    "add a `---` line after the last line of YAML".to_owned()
                } else {
                    "fix the YAML between the `---` lines".to_owned()
                }),
            )],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{check, findings, line};

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let found = check(
            &YamlSyntax,
            &[("a.prompt", "---\nname: x\ntags: [a, b\n---\nHi")],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("a.prompt:"), "{found:?}");
        assert!(found[0].contains("invalid YAML front matter"), "{found:?}");
    }

    #[test]
    fn reports_scalar_front_matter() {
        let found = check(&YamlSyntax, &[("a.prompt", "---\njust text\n---\nHi")]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("a.prompt:2:1 front matter must be"),
            "{found:?}"
        );
    }

    #[test]
    fn front_matter_without_its_closing_line_is_an_error() {
        let found = findings(
            &YamlSyntax,
            &[(
                "a.prompt",
                "# header\n---\nname: x\ndescription: y\nHello {{who}}\n",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            line(&found[0]),
            "a.prompt:2:1 the front matter opened by the `---` on line 2 is never closed: the \
             YAML would be rendered as prompt text"
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("add a `---` line after the last line of YAML")
        );
    }

    #[test]
    fn duplicate_keys_are_rejected_where_they_repeat() {
        let found = check(
            &YamlSyntax,
            &[(
                "a.prompt",
                "---\nname: x\nconfig:\n  temperature: 0.2\n  temperature: 0.9\n---\nHi",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "a.prompt:5:3 invalid YAML front matter: duplicate key `temperature` under `config`"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn field_shape_errors_are_not_yaml_errors() {
        assert!(check(&YamlSyntax, &[("a.prompt", "---\ntags: 5\n---\nHi")]).is_empty());
        assert!(check(&YamlSyntax, &[("a.prompt", "---\ntags: [a]\n---\nHi")]).is_empty());
    }
}
