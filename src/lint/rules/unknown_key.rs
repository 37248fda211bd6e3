//! `unknown-key`: a top-level front-matter key neither Dotprompt nor promptctl knows.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::front_matter::KNOWN_KEYS;

/// Unknown top-level keys, usually typos.
pub struct UnknownKey;

impl Rule for UnknownKey {
    fn id(&self) -> &'static str {
        "unknown-key"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "A top-level front-matter key is not one promptctl or Dotprompt knows"
    }

    fn explanation(&self) -> &'static str {
        "An unknown key is usually a typo (`tgas:` for `tags:`), and a typo'd key is silently \
ignored by every tool. Keys that contain a dot (`ext.team`, `acme.reviewer`) are reserved for \
your own extensions and never reported.\n\nBad:\n\n```yaml\ntgas: [support]\n```\n\nGood:\n\n\
```yaml\ntags: [support]\nacme.reviewer: ada\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(document) = ctx.document() else {
            return Vec::new();
        };
        document
            .raw_front_matter
            .keys()
            .filter(|key| !key.contains('.') && !KNOWN_KEYS.contains(&key.as_str()))
            .map(|key| {
                let suggestions = closest(key, KNOWN_KEYS.iter().copied(), 2);
                let hint = if suggestions.is_empty() {
                    "use a key with a dot (e.g. `ext.{key}`) for your own fields".to_owned()
                } else {
                    format!(
                        "did you mean {}? Keys with a dot are free for your own fields",
                        quoted_list(&suggestions)
                    )
                };
                finding(
                    self,
                    ctx.at_key(&[key.as_str()]),
                    format!("unknown front-matter key `{key}`"),
                    Some(hint),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::findings;

    #[test]
    fn reports_typos_with_suggestions() {
        let found = findings(
            &UnknownKey,
            &[(
                "a.prompt",
                "---\ndescription: x\ntgas: [a]\nacme.team: x\n---\nHi",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].location.line, found[0].location.column), (3, 1));
        assert!(found[0].hint.as_deref().unwrap().contains("`tags`"));
    }

    #[test]
    fn known_keys_pass() {
        assert!(
            findings(
                &UnknownKey,
                &[("a.prompt", "---\ntags: [a]\nmodel: a/b\n---\nHi")]
            )
            .is_empty()
        );
    }
}
