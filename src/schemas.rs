//! The JSON Schemas in `schemas/`, embedded in the binary.
//!
//! Editors read the files (yaml-language-server); `lint` validates front matter against
//! [`PROMPT`]; `init` writes copies into a new project so the schema an editor sees always matches
//! the promptctl that wrote it.

/// JSON Schema of a prompt file's front matter (`schemas/prompt.schema.json`).
pub const PROMPT: &str = include_str!("../schemas/prompt.schema.json");

/// JSON Schema of `promptctl.yaml` (`schemas/config.schema.json`).
pub const CONFIG: &str = include_str!("../schemas/config.schema.json");

/// File name of [`PROMPT`].
pub const PROMPT_FILE_NAME: &str = "prompt.schema.json";

/// File name of [`CONFIG`].
pub const CONFIG_FILE_NAME: &str = "config.schema.json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemas_compile() {
        for text in [PROMPT, CONFIG] {
            let schema: serde_json::Value = serde_json::from_str(text).unwrap();
            jsonschema::validator_for(&schema).unwrap();
        }
    }

    #[test]
    fn config_schema_accepts_what_config_accepts() {
        let schema: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let good: serde_json::Value = crate::yaml::from_str(
            "prompts: prompts\ndefaults:\n  model: openai/gpt-4o-mini\n  status: draft\nlint:\n  fail_on: warning\n  rules:\n    missing-description: off\nproviders: {}\n",
        )
        .unwrap();
        assert!(validator.is_valid(&good));
        let bad: serde_json::Value =
            crate::yaml::from_str("lint:\n  rules:\n    no-such-rule: off\n").unwrap();
        assert!(!validator.is_valid(&bad));
    }
}
