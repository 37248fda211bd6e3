//! `invalid-classification`: a `classification` outside the fixed scale.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, closest, finding, quoted_list};
use crate::prompt::Classification;

/// A classification that is not one of the known levels.
pub struct InvalidClassification;

impl Rule for InvalidClassification {
    fn id(&self) -> &'static str {
        "invalid-classification"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "`classification` is not public, internal, confidential or restricted"
    }

    fn explanation(&self) -> &'static str {
        "`classification` decides which providers and regions may see a prompt's data, so an \
unknown value would silently fall outside every policy. Use `public`, `internal`, \
`confidential` or `restricted`.\n\nBad:\n\n```yaml\nclassification: secret\n```\n\nGood:\n\n\
```yaml\nclassification: restricted\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let Some(value) = ctx
            .document()
            .and_then(|d| d.front_matter.classification.as_deref())
        else {
            return Vec::new();
        };
        if Classification::parse(value).is_some() {
            return Vec::new();
        }
        let all: Vec<String> = Classification::ALL
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        let suggestions = closest(value, Classification::ALL.iter().map(|c| c.as_str()), 1);
        let hint = if suggestions.is_empty() {
            format!("use one of {}", quoted_list(&all))
        } else {
            format!("did you mean {}?", quoted_list(&suggestions))
        };
        vec![finding(
            self,
            ctx.at_key(&["classification"]),
            format!("`{value}` is not a classification"),
            Some(hint),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn reports_unknown_levels() {
        let found = check(
            &InvalidClassification,
            &[(
                "a.prompt",
                "---\ndescription: x\nclassification: secret\n---\nHi",
            )],
        );
        assert_eq!(found, ["a.prompt:3:1 `secret` is not a classification"]);
    }

    #[test]
    fn known_levels_pass() {
        let ok = "---\nclassification: internal\n---\nHi";
        assert!(check(&InvalidClassification, &[("a.prompt", ok)]).is_empty());
    }
}
