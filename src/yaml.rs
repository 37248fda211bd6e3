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

/// Parses YAML text into any deserializable type. A mapping that repeats a key is an error at
/// the repeated key: YAML forbids it, and reading it into a map would silently keep one value.
///
/// Text nesting deeper than [`crate::nesting::MAX_DEPTH`] levels is refused before the parser
/// sees it: the parser is quadratic in the depth of flow collections, and deserializing recurses.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    crate::nesting::check(text).map_err(|e| YamlError {
        message: e.to_string(),
        line: Some(e.line),
        column: Some(e.column),
    })?;
    // The library's own `Value` rejects repeated keys; `T` (often a JSON map) might not.
    let value: yaml_serde::Value = yaml_serde::from_str(text).map_err(|e| {
        let mut error = YamlError::from(e);
        if let Some((parent, key)) = duplicate_key(&error.message) {
            error.message = match parent {
                Some(parent) => format!("duplicate key `{key}` under `{parent}`"),
                None => format!("duplicate key `{key}`"),
            };
            // The library points at the mapping; point at the repeat.
            if let (Some(line), Some(column)) = (error.line, error.column)
                && let Some((l, c)) = second_occurrence(text, line, column, &key)
            {
                error.line = Some(l);
                error.column = Some(c);
            }
        }
        error
    })?;
    // Deserializing from the value saves a second parse; on failure the text is parsed again
    // for `T`, so errors carry their line and column and scalars are typed as `T` expects.
    T::deserialize(value).or_else(|_| yaml_serde::from_str(text).map_err(YamlError::from))
}

/// The parent path and key named by the library's `[path: ]duplicate entry with key "k"`.
fn duplicate_key(message: &str) -> Option<(Option<String>, String)> {
    const PHRASE: &str = "duplicate entry with key ";
    let at = message.find(PHRASE)?;
    let parent = message[..at].strip_suffix(": ").map(str::to_owned);
    let rest = &message[at + PHRASE.len()..];
    let key =
        serde_json::from_str::<String>(rest).unwrap_or_else(|_| rest.trim_matches('`').to_owned());
    Some((parent, key))
}

/// The 1-based line and column of the second `key:` in the block mapping whose first key is at
/// `line`:`column`; `None` for flow mappings and keys written in ways this does not follow.
fn second_occurrence(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (index, raw) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // The first line of a mapping inside a list starts with `- `.
        let (offset, entry) = if index + 1 == line && raw.len() > indent {
            (indent, &raw[indent..])
        } else {
            (raw.len() - trimmed.len(), trimmed)
        };
        if offset < indent {
            return None;
        }
        if offset > indent {
            continue;
        }
        let name = entry.split(':').next().unwrap_or("").trim();
        if entry.contains(':') && name.trim_matches(['"', '\'']) == key {
            seen += 1;
            if seen == 2 {
                return Some((index + 1, offset + 1));
            }
        }
    }
    None
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
    fn repeated_keys_are_an_error_at_the_repeat() {
        let err =
            from_str::<serde_json::Value>("a: 1\nb:\n  c: 1\n  # note\n  d:\n    c: 0\n  c: 2\n")
                .unwrap_err();
        assert_eq!(err.message, "duplicate key `c` under `b`");
        assert_eq!((err.line, err.column), (Some(7), Some(3)), "{err:?}");
        let err = from_str::<serde_json::Value>("a: 1\nb: 2\n\"a\": 1\n").unwrap_err();
        assert_eq!(err.message, "duplicate key `a`");
        assert_eq!((err.line, err.column), (Some(3), Some(1)), "{err:?}");
        let err = from_str::<serde_json::Value>("- x: 1\n  x: 2\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)), "{err:?}");
        let flow = from_str::<serde_json::Value>("k: {a: 1, a: 2}\n").unwrap_err();
        assert!(flow.message.starts_with("duplicate key `a`"), "{flow:?}");
    }

    #[test]
    fn typed_reads_keep_their_scalar_rules_and_locations() {
        #[derive(Debug, serde::Deserialize)]
        struct Named {
            name: String,
        }
        assert_eq!(from_str::<Named>("name: 123\n").unwrap().name, "123");
        let err = from_str::<Named>("other: 1\n").unwrap_err();
        assert!(err.message.contains("name"), "{err:?}");
        assert!(err.line.is_some(), "{err:?}");
    }

    #[test]
    fn nesting_past_the_limit_is_refused_before_parsing() {
        let deep = format!("x: {}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000));
        let err = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(err.message, "nesting deeper than 100 levels");
        assert_eq!(err.line, Some(1));
        assert!(err.column.is_some_and(|c| c > 100), "{err:?}");
    }

    #[test]
    fn round_trips_a_mapping() {
        let value: serde_json::Value = from_str("name: x\ntags: [a, b]\n").unwrap();
        let text = to_string(&value).unwrap();
        let again: serde_json::Value = from_str(&text).unwrap();
        assert_eq!(value, again);
    }
}
