//! Named schemas: `schema: Foo` in a prompt's front matter refers to `schemas/Foo.yaml` (or
//! `.json`) in the prompts folder.
//!
//! Dotprompt leaves named schemas to the application (Genkit registers them in code with
//! `defineSchema`). In a git-native project they must be files, reviewed and versioned with the
//! prompts that use them; one folder beside the prompts keeps them findable and lets an exported
//! bundle carry them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The folder, inside the prompts folder, that holds named schemas.
pub const SCHEMAS_FOLDER: &str = "schemas";

/// A named schema file that cannot be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct SchemaFileError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong (with line and column when the parser knows them).
    pub message: String,
}

/// Reads the named schema `name` from `prompts_dir/schemas/` (`NAME.yaml`, `.yml` or `.json`),
/// or `None` when there is no such file. Two files for one name are an error naming both.
pub fn load_one(prompts_dir: &Path, name: &str) -> Result<Option<Value>, SchemaFileError> {
    if !crate::prompt::schema::is_schema_name(name) {
        return Ok(None);
    }
    let found: Vec<PathBuf> = ["yaml", "yml", "json"]
        .iter()
        .map(|ext| {
            prompts_dir
                .join(SCHEMAS_FOLDER)
                .join(format!("{name}.{ext}"))
        })
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [path] => read_schema(prompts_dir, path).map(Some),
        [first, second, ..] => Err(twice(name, first, second)),
    }
}

/// The error for one schema name defined in two files.
pub fn twice(name: &str, first: &Path, second: &Path) -> SchemaFileError {
    SchemaFileError {
        path: first.to_path_buf(),
        message: format!(
            "the schema `{name}` is defined twice, here and in `{}`: keep one file",
            second.display()
        ),
    }
}

/// Reads every `*.yaml`, `*.yml` and `*.json` file of `prompts_dir/schemas/`, by file stem.
/// A missing folder means no named schemas; two files for one name are an error naming both.
pub fn load(prompts_dir: &Path) -> Result<BTreeMap<String, Value>, SchemaFileError> {
    let dir = prompts_dir.join(SCHEMAS_FOLDER);
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => {
            return Err(SchemaFileError {
                path: dir,
                message: e.to_string(),
            });
        }
    };
    for entry in entries {
        let path = entry
            .map_err(|e| SchemaFileError {
                path: dir.clone(),
                message: e.to_string(),
            })?
            .path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "yaml" | "yml" | "json") {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
            continue;
        };
        let value = read_schema(prompts_dir, &path)?;
        if let Some(first) = seen.insert(stem.clone(), path.clone()) {
            let (a, b) = if first < path {
                (first, path)
            } else {
                (path, first)
            };
            return Err(twice(&stem, &a, &b));
        }
        out.insert(stem, value);
    }
    Ok(out)
}

/// Reads one schema file, refusing a link out of the prompts folder.
fn read_schema(prompts_dir: &Path, path: &Path) -> Result<Value, SchemaFileError> {
    // A schema is printed by `render`, `show` and `export`: a link out of the prompts folder
    // would publish whatever file it points at.
    crate::confine::Boundary::new(prompts_dir)
        .check(path)
        .map_err(|e| SchemaFileError {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    let text = std::fs::read_to_string(path).map_err(|e| SchemaFileError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    parse(path, &text)
}

/// The file extensions a named schema file may have, in the order they are looked for.
pub const EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// Parses a schema file's text (YAML, of which JSON is a subset); `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Value, SchemaFileError> {
    crate::yaml::from_str(text).map_err(|e| SchemaFileError {
        path: path.to_path_buf(),
        message: match (e.line, e.column) {
            (Some(l), Some(c)) => format!("line {l}, column {c}: {}", e.message),
            _ => e.message.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_schemas_are_read_by_file_stem() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
        std::fs::write(dir.path().join("schemas/Ticket.yaml"), "type: object\n").unwrap();
        std::fs::write(dir.path().join("schemas/notes.txt"), "ignored").unwrap();
        let schemas = load(dir.path()).unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Ticket"]);
        assert!(load(&dir.path().join("missing")).unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_schema_linked_from_outside_the_prompts_folder_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "token: hunter2\n").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.yaml"),
            dir.path().join("schemas/Leak.yaml"),
        )
        .unwrap();
        let error = load(dir.path()).unwrap_err();
        assert!(error.path.ends_with("schemas/Leak.yaml"), "{error:?}");
        assert!(!error.message.contains("hunter2"));
    }

    #[test]
    fn a_schema_in_both_yaml_and_json_is_an_error_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("schemas")).unwrap();
        std::fs::write(dir.path().join("schemas/Ticket.yaml"), "type: object\n").unwrap();
        std::fs::write(dir.path().join("schemas/Ticket.json"), "{}").unwrap();
        for error in [
            load(dir.path()).unwrap_err(),
            load_one(dir.path(), "Ticket").unwrap_err(),
        ] {
            let text = error.to_string();
            assert!(
                text.contains("Ticket.yaml") && text.contains("Ticket.json"),
                "{text}"
            );
        }
    }
}
