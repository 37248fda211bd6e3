//! Writing new things: a project (`init`) and a prompt (`new`).
//!
//! Neither overwrites what a person wrote (`init` in an existing project adds only what is
//! missing and keeps `promptctl.yaml`; `new` never replaces a file) and both are idempotent where
//! they append (`.gitignore`, `.gitattributes`).
//! The caller decides where; nothing here reads the working directory or the environment.

mod init;
mod new;

use std::path::{Path, PathBuf};

pub use init::{
    GITATTRIBUTES_LINE, GITIGNORE_LINE, InitOptions, InitReport, SCHEMA_DIR, init_project,
};
pub use new::{NewOptions, new_prompt, validate_name};

/// Errors creating a project or a prompt.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The prompt name cannot be a file name under the prompts folder.
    #[error("`{name}` is not a valid prompt name: {reason}")]
    InvalidName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The prompt file to create exists already.
    #[error("`{}` already exists", path.display())]
    Exists {
        /// The file, relative to the project root.
        path: PathBuf,
    },
    /// `--from` names a prompt that does not exist.
    #[error("no prompt named `{name}` to copy from")]
    SourceNotFound {
        /// The name as given.
        name: String,
    },
    /// The prompt to copy does not parse.
    #[error("{}:{line}:{column}: cannot copy this prompt: {message}", path.display())]
    SourceInvalid {
        /// The source file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("cannot read `{}`", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A name (`--from`, or the new prompt's folder) would lead outside the project.
    #[error(transparent)]
    PathEscape(#[from] crate::confine::PathEscape),
    /// Creating or writing a file or folder failed.
    #[error("cannot write `{}`", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes YAML scalar text: plain when that reads back as the same string, else JSON-quoted
/// (JSON strings are valid YAML).
fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | ','))
        && value.chars().next().is_some_and(char::is_alphabetic)
        && !value.ends_with(' ')
        && !value.contains(", ")
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        value.to_owned()
    } else {
        serde_json::Value::String(value.to_owned()).to_string()
    }
}

/// Writes a YAML flow list of scalars: `[a, "b c"]`.
fn yaml_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| yaml_scalar(v)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip_through_yaml() {
        for value in [
            "draft",
            "Replies to a customer.",
            "yes",
            "a: b",
            "",
            "#tag",
            "x, y",
            "3",
        ] {
            let text = format!("k: {}\n", yaml_scalar(value));
            let parsed: serde_json::Value = crate::yaml::from_str(&text).unwrap();
            assert_eq!(parsed["k"], value, "{text}");
        }
        let list: serde_json::Value = crate::yaml::from_str(&format!(
            "k: {}",
            yaml_list(&["a".into(), "b c".into(), "no".into()])
        ))
        .unwrap();
        assert_eq!(list["k"], serde_json::json!(["a", "b c", "no"]));
    }
}
