//! `init`: a new project's `promptctl.yaml`, prompts folder, example prompt, schema copies and
//! git attributes.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE_NAME;
use crate::scaffold::{Error, io_error, read_error};
use crate::schemas;

/// Where editors find the schemas `init` writes, relative to the project root.
pub const SCHEMA_DIR: &str = ".promptctl/schemas";

/// The `.gitignore` line for promptctl's caches.
pub const GITIGNORE_LINE: &str = ".promptctl/cache/";

/// The `.gitattributes` line that routes prompt files through promptctl's merge driver.
/// `promptctl merge-driver --install` adds the matching `merge.promptctl` git config.
pub const GITATTRIBUTES_LINE: &str = "*.prompt merge=promptctl";

/// The example prompt a new project starts with.
const EXAMPLE_PROMPT: &str = r#"---
description: Greets someone by name and answers their question in two sentences or fewer.
status: draft
tags: [example]
input:
  schema:
    name: string, who is asking
    question?: string, what they want to know
  default:
    name: friend
---
{{role "system"}}
You are a friendly assistant. Answer in two sentences or fewer.

{{role "user"}}
Hello, I am {{name}}.
{{#if question}}My question: {{question}}{{/if}}
"#;

/// What `init` should do.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The project root (created when missing).
    pub root: PathBuf,
    /// Replace an existing `promptctl.yaml`.
    pub force: bool,
}

/// What `init` did, as paths relative to the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files written from scratch (or replaced with `force`).
    pub created: Vec<PathBuf>,
    /// Files a line was appended to.
    pub updated: Vec<PathBuf>,
    /// Files that already had what `init` would add.
    pub unchanged: Vec<PathBuf>,
}

/// Creates a project at `options.root`.
pub fn init_project(options: &InitOptions) -> Result<InitReport, Error> {
    let root = &options.root;
    std::fs::create_dir_all(root).map_err(io_error(root))?;
    let config_path = root.join(CONFIG_FILE_NAME);
    if config_path.exists() && !options.force {
        return Err(Error::AlreadyInitialized { path: config_path });
    }
    let mut report = InitReport::default();
    write(root, CONFIG_FILE_NAME, &config_text(), &mut report)?;
    let schema_dir = Path::new(SCHEMA_DIR);
    write(
        root,
        &schema_dir.join(schemas::CONFIG_FILE_NAME).to_string_lossy(),
        schemas::CONFIG,
        &mut report,
    )?;
    write(
        root,
        &schema_dir.join(schemas::PROMPT_FILE_NAME).to_string_lossy(),
        schemas::PROMPT,
        &mut report,
    )?;
    let prompts = root.join("prompts");
    std::fs::create_dir_all(&prompts).map_err(io_error(&prompts))?;
    if !has_prompt_files(&prompts)? {
        write(root, "prompts/hello.prompt", EXAMPLE_PROMPT, &mut report)?;
    }
    ensure_line(root, ".gitignore", GITIGNORE_LINE, &mut report)?;
    ensure_line(root, ".gitattributes", GITATTRIBUTES_LINE, &mut report)?;
    Ok(report)
}

fn config_text() -> String {
    format!(
        "# yaml-language-server: $schema={SCHEMA_DIR}/{}\n\
# promptctl project configuration. Every section is optional.\n\
\n\
# Folder holding the .prompt files; a file's path under it is the prompt's name.\n\
prompts: prompts\n\
\n\
# Values used when a prompt does not set its own.\n\
defaults:\n  status: draft\n\
\n\
# `promptctl lint`: the severity that fails the run, and per-rule overrides\n\
# (`promptctl lint --list-rules` shows the ids).\n\
lint:\n  fail_on: error\n  rules:\n    missing-description: info\n",
        schemas::CONFIG_FILE_NAME
    )
}

fn write(root: &Path, relative: &str, text: &str, report: &mut InitReport) -> Result<(), Error> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    std::fs::write(&path, text).map_err(io_error(&path))?;
    report.created.push(PathBuf::from(relative));
    Ok(())
}

fn has_prompt_files(dir: &Path) -> Result<bool, Error> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).map_err(read_error(&folder))? {
            let entry = entry.map_err(read_error(&folder))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "prompt") {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Appends `line` to a text file unless a line equal to it (ignoring surrounding spaces) exists.
fn ensure_line(
    root: &Path,
    relative: &str,
    line: &str,
    report: &mut InitReport,
) -> Result<(), Error> {
    let path = root.join(relative);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(read_error(&path)(e)),
    };
    let text = existing.clone().unwrap_or_default();
    if text.lines().any(|l| l.trim() == line) {
        report.unchanged.push(PathBuf::from(relative));
        return Ok(());
    }
    let mut updated = text;
    if !updated.is_empty() && !updated.ends_with('\n') {
        updated.push('\n');
    }
    updated.push_str(line);
    updated.push('\n');
    std::fs::write(&path, updated).map_err(io_error(&path))?;
    if existing.is_some() {
        report.updated.push(PathBuf::from(relative));
    } else {
        report.created.push(PathBuf::from(relative));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    #[test]
    fn init_writes_a_project_that_loads_and_is_idempotent_with_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "/target").unwrap();
        let options = InitOptions {
            root: dir.path().join("new"),
            force: false,
        };
        std::fs::create_dir_all(&options.root).unwrap();
        std::fs::write(options.root.join(".gitignore"), "/target").unwrap();
        let report = init_project(&options).unwrap();
        assert!(report.created.contains(&PathBuf::from("promptctl.yaml")));
        assert_eq!(report.updated, [PathBuf::from(".gitignore")]);
        let project = Project::load(&options.root).unwrap();
        assert_eq!(project.config.prompts, "prompts");
        assert_eq!(project.config.lint.fail_on.as_deref(), Some("error"));
        assert_eq!(
            std::fs::read_to_string(options.root.join(".gitignore")).unwrap(),
            "/target\n.promptctl/cache/\n"
        );

        assert!(matches!(
            init_project(&options),
            Err(Error::AlreadyInitialized { .. })
        ));
        let again = init_project(&InitOptions {
            force: true,
            ..options.clone()
        })
        .unwrap();
        assert_eq!(
            again.unchanged,
            [PathBuf::from(".gitignore"), PathBuf::from(".gitattributes")]
        );
        assert!(
            !again
                .created
                .contains(&PathBuf::from("prompts/hello.prompt"))
        );
        let attributes = std::fs::read_to_string(options.root.join(".gitattributes")).unwrap();
        assert_eq!(attributes.matches(GITATTRIBUTES_LINE).count(), 1);
    }

    #[test]
    fn the_config_validates_against_its_schema() {
        let schema: serde_json::Value = serde_json::from_str(schemas::CONFIG).unwrap();
        let value: serde_json::Value = crate::yaml::from_str(&config_text()).unwrap();
        assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&value));
    }
}
