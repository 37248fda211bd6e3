//! `yaml-syntax`: front matter that is not valid YAML, or not a mapping.

use crate::finding::{Finding, Severity};
use crate::library::EntryError;
use crate::lint::{LintContext, Rule, finding};

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
        "The front matter is not valid YAML, or is not a mapping of keys to values"
    }

    fn explanation(&self) -> &'static str {
        "The block between the two `---` lines must be a YAML mapping. A file whose front matter \
does not parse cannot be rendered, searched or checked any further, so every other rule skips it.\n\n\
Bad:\n\n```yaml\n---\ntags: [support, billing\n---\n```\n\nGood:\n\n```yaml\n---\ntags: [support, billing]\n---\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        match &ctx.entry.document {
            Err(EntryError::Parse(e)) if super::is_yaml_error(e) => vec![finding(
                self,
                ctx.at(e.line, e.column),
                e.message.clone(),
                Some("fix the YAML between the `---` lines".to_owned()),
            )],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

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
    fn field_shape_errors_are_not_yaml_errors() {
        assert!(check(&YamlSyntax, &[("a.prompt", "---\ntags: 5\n---\nHi")]).is_empty());
        assert!(check(&YamlSyntax, &[("a.prompt", "---\ntags: [a]\n---\nHi")]).is_empty());
    }
}
