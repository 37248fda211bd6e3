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

/// The `.gitattributes` line that routes prompt files through promptctl's merge and diff
/// drivers. `promptctl merge-driver --install` adds the matching `merge.promptctl` and
/// `diff.promptctl` git config.
pub const GITATTRIBUTES_LINE: &str = crate::store::ATTRIBUTES_LINE;

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
    /// Rewrite the schema copies under [`SCHEMA_DIR`] when they differ from this version's
    /// schemas. `promptctl.yaml` is never replaced.
    pub force: bool,
}

/// What `init` did, as paths relative to the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files written from scratch.
    pub created: Vec<PathBuf>,
    /// Files a line was appended to, or schema copies refreshed with `force`.
    pub updated: Vec<PathBuf>,
    /// Files that already had what `init` would add, or that `init` leaves alone because they
    /// exist (`promptctl.yaml` always).
    pub unchanged: Vec<PathBuf>,
}

impl InitReport {
    /// Whether the project's `promptctl.yaml` was there before (and so was kept as it was).
    pub fn kept_config(&self) -> bool {
        self.unchanged
            .iter()
            .any(|p| p == Path::new(CONFIG_FILE_NAME))
    }
}

/// Creates a project at `options.root`, or completes an existing one: only what is missing is
/// added, and an existing `promptctl.yaml` is never replaced.
pub fn init_project(options: &InitOptions) -> Result<InitReport, Error> {
    let root = &options.root;
    std::fs::create_dir_all(root).map_err(io_error(root))?;
    let mut report = InitReport::default();
    write_missing(root, CONFIG_FILE_NAME, &config_text(), false, &mut report)?;
    let schema_dir = Path::new(SCHEMA_DIR);
    for (name, text) in [
        (schemas::CONFIG_FILE_NAME, schemas::CONFIG),
        (schemas::PROMPT_FILE_NAME, schemas::PROMPT),
    ] {
        let relative = schema_dir.join(name);
        write_missing(
            root,
            &relative.to_string_lossy(),
            text,
            options.force,
            &mut report,
        )?;
    }
    // An existing config may name another prompts folder: the example prompt and the
    // meta-prompt go where the library is read from.
    let folder = prompts_folder(root);
    let prompts = root.join(&folder);
    std::fs::create_dir_all(&prompts).map_err(io_error(&prompts))?;
    if !has_prompt_files(&prompts)? {
        write_missing(
            root,
            &format!("{folder}/hello.prompt"),
            EXAMPLE_PROMPT,
            false,
            &mut report,
        )?;
    }
    // The meta-prompt `improve` asks for rewrites with: a library file, so it is versioned,
    // reviewed and linted like any prompt.
    write_missing(
        root,
        &format!("{folder}/promptctl/improve.prompt"),
        crate::improve::META_PROMPT_TEXT,
        false,
        &mut report,
    )?;
    ensure_line(root, ".gitignore", GITIGNORE_LINE, &mut report)?;
    ensure_attributes(root, &mut report)?;
    Ok(report)
}

/// The prompts folder `promptctl.yaml` at `root` names (`prompts` when it cannot be read, or
/// names a folder outside the project).
fn prompts_folder(root: &Path) -> String {
    std::fs::read_to_string(root.join(CONFIG_FILE_NAME))
        .ok()
        .and_then(|text| crate::config::Config::parse(&text).ok())
        .map(|config| config.prompts.trim_end_matches('/').to_owned())
        .filter(|folder| {
            let path = Path::new(folder);
            !folder.is_empty()
                && path
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
        })
        .unwrap_or_else(|| "prompts".to_owned())
}

/// Routes prompt files to both drivers in `.gitattributes`, adding only the attribute a file
/// written by an earlier version lacks.
fn ensure_attributes(root: &Path, report: &mut InitReport) -> Result<(), Error> {
    let relative = ".gitattributes";
    let path = root.join(relative);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(read_error(&path)(e)),
    };
    let Some(updated) = crate::store::attributes_with_drivers(existing.as_deref().unwrap_or(""))
    else {
        report.unchanged.push(PathBuf::from(relative));
        return Ok(());
    };
    std::fs::write(&path, updated).map_err(io_error(&path))?;
    let list = if existing.is_some() {
        &mut report.updated
    } else {
        &mut report.created
    };
    list.push(PathBuf::from(relative));
    Ok(())
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

/// Writes a file that is not there yet. An existing file is left as it is, unless `refresh` is
/// set and its text differs.
fn write_missing(
    root: &Path,
    relative: &str,
    text: &str,
    refresh: bool,
    report: &mut InitReport,
) -> Result<(), Error> {
    let path = root.join(relative);
    let existing = match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(read_error(&path)(e)),
    };
    let list = match existing {
        None => &mut report.created,
        Some(bytes) if refresh && bytes != text.as_bytes() => &mut report.updated,
        Some(_) => {
            report.unchanged.push(PathBuf::from(relative));
            return Ok(());
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    std::fs::write(&path, text).map_err(io_error(&path))?;
    list.push(PathBuf::from(relative));
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
    fn init_writes_a_project_that_loads_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let options = InitOptions {
            root: dir.path().join("new"),
            force: false,
        };
        std::fs::create_dir_all(&options.root).unwrap();
        std::fs::write(options.root.join(".gitignore"), "/target").unwrap();
        let report = init_project(&options).unwrap();
        assert!(report.created.contains(&PathBuf::from("promptctl.yaml")));
        assert!(!report.kept_config());
        assert_eq!(report.updated, [PathBuf::from(".gitignore")]);
        let project = Project::load(&options.root).unwrap();
        assert_eq!(project.config.prompts, "prompts");
        assert_eq!(project.config.lint.fail_on.as_deref(), Some("error"));
        assert_eq!(
            std::fs::read_to_string(options.root.join(".gitignore")).unwrap(),
            "/target\n.promptctl/cache/\n"
        );

        let again = init_project(&options).unwrap();
        assert!(
            again.created.is_empty() && again.updated.is_empty(),
            "{again:?}"
        );
        assert!(again.kept_config());
        let attributes = std::fs::read_to_string(options.root.join(".gitattributes")).unwrap();
        assert_eq!(attributes, format!("{GITATTRIBUTES_LINE}\n"));
    }

    #[test]
    fn init_writes_the_meta_prompt_into_the_prompts_folder_the_existing_config_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("promptctl.yaml"), "prompts: library\n").unwrap();
        let options = InitOptions {
            root: dir.path().to_path_buf(),
            force: false,
        };
        let report = init_project(&options).unwrap();
        assert!(report.kept_config());
        assert!(
            report
                .created
                .contains(&PathBuf::from("library/promptctl/improve.prompt")),
            "{report:?}"
        );
        assert!(dir.path().join("library/hello.prompt").is_file());
        assert!(!dir.path().join("prompts").exists());
    }

    #[test]
    fn init_adds_the_diff_attribute_to_a_project_routed_only_to_the_merge_driver() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".gitattributes"),
            "*.prompt merge=promptctl\n",
        )
        .unwrap();
        let options = InitOptions {
            root: dir.path().to_path_buf(),
            force: false,
        };
        let report = init_project(&options).unwrap();
        assert!(report.updated.contains(&PathBuf::from(".gitattributes")));
        let read = || std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap();
        assert_eq!(
            read(),
            "*.prompt merge=promptctl\n*.prompt diff=promptctl\n"
        );
        init_project(&options).unwrap();
        assert_eq!(
            read(),
            "*.prompt merge=promptctl\n*.prompt diff=promptctl\n"
        );
    }

    #[test]
    fn init_in_an_existing_project_adds_only_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let config = "prompts: prompts\nlint:\n  fail_on: warning\n";
        std::fs::write(dir.path().join("promptctl.yaml"), config).unwrap();
        let stale = dir.path().join(SCHEMA_DIR).join(schemas::PROMPT_FILE_NAME);
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "{}").unwrap();
        for force in [false, true] {
            let report = init_project(&InitOptions {
                root: dir.path().to_path_buf(),
                force,
            })
            .unwrap();
            assert!(report.kept_config(), "{report:?}");
            assert_eq!(
                std::fs::read_to_string(dir.path().join("promptctl.yaml")).unwrap(),
                config
            );
            let schema = std::fs::read_to_string(&stale).unwrap();
            assert_eq!(
                schema == schemas::PROMPT,
                force,
                "force refreshes schema copies"
            );
        }
        assert!(dir.path().join(".gitattributes").is_file());
        assert!(
            dir.path()
                .join(SCHEMA_DIR)
                .join(schemas::CONFIG_FILE_NAME)
                .is_file()
        );
    }

    #[test]
    fn the_config_validates_against_its_schema() {
        let schema: serde_json::Value = serde_json::from_str(schemas::CONFIG).unwrap();
        let value: serde_json::Value = crate::yaml::from_str(&config_text()).unwrap();
        assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&value));
    }
}
