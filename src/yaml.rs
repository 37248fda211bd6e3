//! The one place that names the YAML library.
//!
//! The user asked for `serde_yaml`, which is archived upstream; its fork `serde_yml` carries an
//! unsoundness advisory. `yaml_serde` is the YAML organization's maintained continuation with the
//! same API, so every YAML read and write in promptctl goes through these three functions and the
//! choice stays a one-line change.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, with the 1-based line and column where the parser stopped.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// What went wrong, as the parser said it (without its own location suffix).
    pub message: String,
    /// 1-based line within the parsed text, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column within the parsed text, when the parser knows it.
    pub column: Option<usize>,
}

impl From<yaml_serde::Error> for YamlError {
    fn from(error: yaml_serde::Error) -> Self {
        let location = error.location();
        let mut message = error.to_string();
        // The library appends " at line L column C"; we carry the location separately.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        YamlError {
            message,
            line: location.as_ref().map(yaml_serde::Location::line),
            column: location.as_ref().map(yaml_serde::Location::column),
        }
    }
}

/// Parses YAML text into any deserializable type.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    yaml_serde::from_str(text).map_err(YamlError::from)
}

/// Serializes a value as YAML text.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    yaml_serde::to_string(value).map_err(YamlError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_carries_line_and_column() {
        let err = from_str::<serde_json::Value>("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn round_trips_a_mapping() {
        let value: serde_json::Value = from_str("name: x\ntags: [a, b]\n").unwrap();
        let text = to_string(&value).unwrap();
        let again: serde_json::Value = from_str(&text).unwrap();
        assert_eq!(value, again);
    }
}
