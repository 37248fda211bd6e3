//! Variables files (`--vars`): a mapping of names to values, written as JSON or YAML.
//!
//! JSON is parsed as JSON, not as "YAML, which is a superset": it is not quite one. YAML
//! rejects the surrogate-pair escapes (`"\ud83d\udc4b"`) that JSON encoders such as Python's
//! write for every character outside the Basic Multilingual Plane, and treats U+2028 and
//! U+2029 as line breaks, folding the spaces around them. A `.json` file is JSON, a `.yaml` or
//! `.yml` file is YAML, and anything else (stdin, other extensions) is read as JSON when its
//! first non-blank character is `{` and it parses as JSON, else as YAML.

use serde_json::{Map, Value};

/// How a variables file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariablesSyntax {
    /// JSON (RFC 8259).
    Json,
    /// YAML.
    Yaml,
    /// Decide from the content: JSON when it looks like and parses as a JSON object.
    Sniff,
}

impl VariablesSyntax {
    /// The syntax a file's extension promises: `.json` or `.yaml`/`.yml`, else [`Sniff`].
    ///
    /// [`Sniff`]: VariablesSyntax::Sniff
    pub fn from_extension(extension: Option<&str>) -> VariablesSyntax {
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("json") => VariablesSyntax::Json,
            Some("yaml" | "yml") => VariablesSyntax::Yaml,
            _ => VariablesSyntax::Sniff,
        }
    }
}

/// A variables file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VariablesError {
    /// The text is not valid JSON or YAML.
    #[error("{source_name}:{line}:{column}: invalid {syntax} in variables file: {message}")]
    Syntax {
        /// The file name (or `<stdin>`) shown in the message.
        source_name: String,
        /// `JSON` or `YAML`.
        syntax: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document is valid but not a mapping of names to values.
    #[error("{source_name}: a variables file must be a mapping of names to values, found {found}")]
    NotAMapping {
        /// The file name (or `<stdin>`) shown in the message.
        source_name: String,
        /// What the document is instead (`a list`, `a string`, ...).
        found: &'static str,
    },
}

/// Parses a variables file. `source_name` names it in errors. An empty document (or `null`)
/// is an empty mapping.
pub fn parse(
    source_name: &str,
    text: &str,
    syntax: VariablesSyntax,
) -> Result<Map<String, Value>, VariablesError> {
    let json = match syntax {
        VariablesSyntax::Json => true,
        VariablesSyntax::Yaml => false,
        VariablesSyntax::Sniff => looks_like_json(text),
    };
    let value = if json {
        match parse_json(source_name, text) {
            Ok(value) => value,
            // A sniffed `{a: 1}` is a YAML flow mapping; if YAML cannot read it either, the
            // JSON error is the one that explains the text.
            Err(json_error) if syntax == VariablesSyntax::Sniff => {
                parse_yaml(source_name, text).map_err(|_| json_error)?
            }
            Err(json_error) => return Err(json_error),
        }
    } else {
        parse_yaml(source_name, text)?
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(VariablesError::NotAMapping {
            source_name: source_name.to_owned(),
            found: kind(&other),
        }),
    }
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

fn parse_json(source_name: &str, text: &str) -> Result<Value, VariablesError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    crate::nesting::check(text).map_err(|e| VariablesError::Syntax {
        source_name: source_name.to_owned(),
        syntax: "JSON",
        line: e.line,
        column: e.column,
        message: e.to_string(),
    })?;
    serde_json::from_str(text).map_err(|e| VariablesError::Syntax {
        source_name: source_name.to_owned(),
        syntax: "JSON",
        line: e.line().max(1),
        column: e.column(),
        message: json_message(&e),
    })
}

/// `serde_json`'s message without its own " at line L column C" suffix (we print `file:L:C`).
fn json_message(error: &serde_json::Error) -> String {
    let mut message = error.to_string();
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    message
}

fn parse_yaml(source_name: &str, text: &str) -> Result<Value, VariablesError> {
    crate::yaml::from_str(text).map_err(|e| VariablesError::Syntax {
        source_name: source_name.to_owned(),
        syntax: "YAML",
        line: e.line.unwrap_or(1),
        column: e.column.unwrap_or(0),
        message: e.message,
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAVE_ESCAPED: &str = r#"{"greeting": "hi \ud83d\udc4b"}"#;

    #[test]
    fn json_surrogate_pair_escapes_decode_to_one_character() {
        for syntax in [VariablesSyntax::Json, VariablesSyntax::Sniff] {
            let vars = parse("case.json", WAVE_ESCAPED, syntax).unwrap();
            assert_eq!(vars["greeting"], "hi \u{1f44b}");
        }
    }

    #[test]
    fn json_keeps_the_spaces_around_a_line_separator() {
        let text = "{\"text\": \"one \u{2028} two\"}";
        let vars = parse("case.json", text, VariablesSyntax::Json).unwrap();
        assert_eq!(vars["text"], "one \u{2028} two");
        let vars = parse("<stdin>", text, VariablesSyntax::Sniff).unwrap();
        assert_eq!(vars["text"], "one \u{2028} two");
    }

    #[test]
    fn yaml_and_yaml_flow_mappings_still_parse() {
        let vars = parse("case.yaml", "name: Ada\n", VariablesSyntax::Yaml).unwrap();
        assert_eq!(vars["name"], "Ada");
        let vars = parse("<stdin>", "{name: Ada}", VariablesSyntax::Sniff).unwrap();
        assert_eq!(vars["name"], "Ada");
        let vars = parse("<stdin>", "name: Ada\n", VariablesSyntax::Sniff).unwrap();
        assert_eq!(vars["name"], "Ada");
    }

    #[test]
    fn extension_picks_the_syntax() {
        assert_eq!(
            VariablesSyntax::from_extension(Some("JSON")),
            VariablesSyntax::Json
        );
        assert_eq!(
            VariablesSyntax::from_extension(Some("yml")),
            VariablesSyntax::Yaml
        );
        assert_eq!(
            VariablesSyntax::from_extension(None),
            VariablesSyntax::Sniff
        );
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let err = parse("case.json", "{\n  \"a\": 1,\n}", VariablesSyntax::Json).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("case.json:3:1: invalid JSON"), "{text}");
        assert!(!text.contains(" at line "), "{text}");
        let err = parse("case.json", "[1, 2]", VariablesSyntax::Json).unwrap_err();
        assert!(err.to_string().contains("found a list"), "{err}");
    }

    #[test]
    fn empty_documents_are_empty_mappings() {
        assert!(
            parse("a.json", " \n", VariablesSyntax::Json)
                .unwrap()
                .is_empty()
        );
        assert!(
            parse("a.yaml", "", VariablesSyntax::Yaml)
                .unwrap()
                .is_empty()
        );
    }
}
