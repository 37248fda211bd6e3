//! `front-matter-schema`: front matter checked against `schemas/prompt.schema.json`.
//!
//! The schema is embedded in the binary and compiled once per process. Unknown top-level keys,
//! `status` and `classification` have rules of their own with better messages, so their schema
//! errors are left to those rules.

use std::sync::OnceLock;

use serde_json::Value;

use crate::finding::{Finding, Severity};
use crate::library::EntryError;
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::ParseErrorKind;

use crate::schemas::PROMPT as PROMPT_SCHEMA;

/// Keys whose schema errors other rules report.
const OWNED_ELSEWHERE: &[&str] = &["status", "classification"];

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(PROMPT_SCHEMA).expect("the embedded prompt schema is JSON");
        jsonschema::validator_for(&schema).expect("the embedded prompt schema is valid")
    })
}

/// Front matter values of the wrong type or out of range.
pub struct FrontMatterSchema;

impl Rule for FrontMatterSchema {
    fn id(&self) -> &'static str {
        "front-matter-schema"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "A front-matter value has the wrong type or is out of range"
    }

    fn explanation(&self) -> &'static str {
        "Front matter is checked against `schemas/prompt.schema.json` (the same schema editors \
use through yaml-language-server): `tags` is a list of strings, `config.temperature` a number \
between 0 and 2, `model` a `provider/model` string or a list of them, `input` has only `schema` \
and `default`, and so on.\n\nBad:\n\n```yaml\nconfig:\n  temperature: hot\n```\n\nGood:\n\n\
```yaml\nconfig:\n  temperature: 0.3\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let document = match &ctx.entry.document {
            Err(EntryError::Parse(e)) if e.kind == ParseErrorKind::Field => {
                return vec![finding(
                    self,
                    ctx.at(e.line, e.column),
                    e.message.clone(),
                    None,
                )];
            }
            Err(_) => return Vec::new(),
            Ok(document) => document,
        };
        if !document.has_front_matter || document.raw_front_matter.is_empty() {
            return Vec::new();
        }
        let instance = Value::Object(document.raw_front_matter.clone());
        let validator = validator();
        if validator.is_valid(&instance) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for error in validator.iter_errors(&instance) {
            let pointer = error.instance_path().as_str().to_owned();
            let segments: Vec<String> = pointer
                .split('/')
                .skip(1)
                .map(|s| s.replace("~1", "/").replace("~0", "~"))
                .collect();
            let Some(first) = segments.first() else {
                // Root-level errors are unknown keys, which `unknown-key` reports.
                continue;
            };
            if OWNED_ELSEWHERE.contains(&first.as_str()) {
                continue;
            }
            let path: Vec<&str> = segments.iter().map(String::as_str).collect();
            out.push(finding(
                self,
                ctx.at_key(&path),
                format!("`{}`: {error}", segments.join(".")),
                None,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn the_embedded_schema_compiles_and_knows_every_key() {
        let schema: Value = serde_json::from_str(PROMPT_SCHEMA).unwrap();
        for key in crate::prompt::front_matter::KNOWN_KEYS {
            assert!(schema["properties"].get(*key).is_some(), "{key} missing");
        }
        let _ = validator();
    }

    #[test]
    fn reports_values_with_their_key_location() {
        let found = check(
            &FrontMatterSchema,
            &[(
                "a.prompt",
                "---\ndescription: x\nconfig:\n  temperature: 7\n---\nHi",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("a.prompt:4:3 `config.temperature`"),
            "{found:?}"
        );
    }

    #[test]
    fn reports_field_shape_errors_from_parsing() {
        let found = check(&FrontMatterSchema, &[("a.prompt", "---\ntags: 5\n---\nHi")]);
        assert_eq!(
            found,
            ["a.prompt:2:1 `tags` must be a list of strings, found a number"]
        );
    }

    #[test]
    fn leaves_unknown_keys_status_and_classification_to_their_rules() {
        let found = check(
            &FrontMatterSchema,
            &[(
                "a.prompt",
                "---\ntgas: [a]\nstatus: shipped\nclassification: secret\next.team: x\n---\nHi",
            )],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn nested_unknown_keys_under_input_are_reported() {
        let found = check(
            &FrontMatterSchema,
            &[(
                "a.prompt",
                "---\ninput:\n  schema: {a: string}\n  defaults: {a: x}\n---\n{{a}}",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`input`"), "{found:?}");
    }
}
