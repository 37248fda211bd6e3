//! `new`: a prompt file from the starter template, or copied from another prompt.

use std::io::Write as _;
use std::path::PathBuf;

use crate::config::Defaults;
use crate::confine::{self, Boundary, PathEscape};
use crate::project::Project;
use crate::prompt::{PromptDocument, PromptName};
use crate::scaffold::{Error, io_error, read_error, yaml_list, yaml_scalar};

/// What `new` should create.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// The prompt name: `folder/name` or `folder/name.variant`.
    pub name: String,
    /// Copy this prompt's front matter and body instead of the starter template.
    pub from: Option<String>,
    /// The `description` to set.
    pub description: Option<String>,
    /// The `tags` to set (replacing copied ones when given).
    pub tags: Vec<String>,
}

/// Checks a prompt name and returns its parsed form.
///
/// Names are `/`-separated folders and a file name of ASCII letters, digits, `-`, `_` and `.`;
/// no empty, `.` or `..` segments, no leading `/`, no hidden folders, no leading `_` on the file
/// (that marks partials), and at most one `.` in the file name (the variant).
pub fn validate_name(name: &str) -> Result<PromptName, Error> {
    let invalid = |reason: &str| Error::InvalidName {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    let trimmed = name.strip_suffix(".prompt").unwrap_or(name);
    if trimmed.is_empty() {
        return Err(invalid("it is empty"));
    }
    if trimmed.starts_with('/') {
        return Err(invalid(
            "it must be relative to the prompts folder (no leading `/`)",
        ));
    }
    if let Some(bad) = trimmed
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')))
    {
        return Err(invalid(&format!(
            "`{bad}` is not allowed; use letters, digits, `-`, `_`, `.` and `/`"
        )));
    }
    let segments: Vec<&str> = trimmed.split('/').collect();
    for segment in &segments {
        if segment.is_empty() {
            return Err(invalid(
                "it has an empty folder name (`//` or a trailing `/`)",
            ));
        }
        if *segment == "." || *segment == ".." {
            return Err(invalid("`.` and `..` are not allowed"));
        }
        if segment.starts_with('.') {
            return Err(invalid(
                "names starting with `.` are hidden and never loaded",
            ));
        }
    }
    let file = segments.last().copied().unwrap_or_default();
    if file.starts_with('_') {
        return Err(invalid(
            "a leading `_` marks a partial; create partials by hand",
        ));
    }
    if file.matches('.').count() > 1 || file.ends_with('.') {
        return Err(invalid(
            "the file name may contain one `.`, before the variant",
        ));
    }
    Ok(PromptName::parse_id(trimmed))
}

/// Creates the prompt and returns its path relative to the project root.
pub fn new_prompt(project: &Project, options: &NewOptions) -> Result<PathBuf, Error> {
    let name = validate_name(&options.name)?;
    let relative = PathBuf::from(&project.config.prompts).join(name.relative_path());
    let path = project.root.join(&relative);
    // A valid name can still lead through a linked folder; the new file must land inside.
    Boundary::new(&project.root).check(&path)?;
    if path.exists() {
        return Err(Error::Exists { path: relative });
    }
    let text = match &options.from {
        Some(source) => copy_of(project, source, options)?,
        None => starter(&project.config.defaults, options),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    // `create_new` so a file created between the check above and now is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists {
                path: relative.clone(),
            },
            _ => io_error(&path)(source),
        })?;
    file.write_all(text.as_bytes()).map_err(io_error(&path))?;
    Ok(relative)
}

fn starter(defaults: &Defaults, options: &NewOptions) -> String {
    let mut front: Vec<String> = Vec::new();
    match &options.description {
        Some(d) => front.push(format!("description: {}", yaml_scalar(d))),
        None => front.push("# description: one or two sentences on what the prompt does".into()),
    }
    let status = defaults.status.as_deref().unwrap_or("draft");
    front.push(format!("status: {}", yaml_scalar(status)));
    if !options.tags.is_empty() {
        front.push(format!("tags: {}", yaml_list(&options.tags)));
    }
    if !defaults.owners.is_empty() {
        front.push(format!("owners: {}", yaml_list(&defaults.owners)));
    }
    front.push("input:\n  schema:\n    topic: string, what the user asks about".into());
    format!(
        "---\n{}\n---\n{{{{role \"system\"}}}}\nYou are a helpful assistant. Answer clearly and briefly.\n\n{{{{role \"user\"}}}}\n{{{{topic}}}}\n",
        front.join("\n")
    )
}

/// The source prompt's text with `name`/`variant` dropped (the copy has its own), `status` reset
/// and `description`/`tags` replaced when given. Everything else, comments included, is kept.
fn copy_of(project: &Project, source: &str, options: &NewOptions) -> Result<String, Error> {
    let source_name = PromptName::parse_id(source);
    let source_relative = source_name.relative_path();
    confine::check_name(&source_relative).map_err(|e| PathEscape {
        name: source.to_owned(),
        ..e.from_origin("--from")
    })?;
    let source_path = project.prompts_dir().join(&source_relative);
    Boundary::new(&project.root)
        .check(&source_path)
        .map_err(|e| e.from_origin("--from"))?;
    let text = match std::fs::read_to_string(&source_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::SourceNotFound {
                name: source.to_owned(),
            });
        }
        Err(e) => return Err(read_error(&source_path)(e)),
    };
    let shown = PathBuf::from(&project.config.prompts).join(source_name.relative_path());
    let document = PromptDocument::parse(&text).map_err(|e| Error::SourceInvalid {
        path: shown,
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let status = project.config.defaults.status.as_deref().unwrap_or("draft");
    let mut yaml = document.front_matter_text.clone();
    yaml = set_top_level_key(&yaml, "name", None);
    yaml = set_top_level_key(&yaml, "variant", None);
    yaml = set_top_level_key(&yaml, "status", Some(&yaml_scalar(status)));
    if let Some(description) = &options.description {
        yaml = set_top_level_key(&yaml, "description", Some(&yaml_scalar(description)));
    }
    if !options.tags.is_empty() {
        yaml = set_top_level_key(&yaml, "tags", Some(&yaml_list(&options.tags)));
    }
    let prefix: String = if document.has_front_matter {
        text.lines()
            .take(document.front_matter_line - 1)
            .flat_map(|l| [l, "\n"])
            .collect()
    } else {
        "---\n".to_owned()
    };
    Ok(format!("{prefix}{yaml}---\n{}", document.body))
}

/// Replaces (or removes, or appends) a top-level key's line and its indented continuation.
fn set_top_level_key(yaml: &str, key: &str, value: Option<&str>) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let is_key_line = |line: &str| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let mut out: Vec<String> = Vec::new();
    let mut replaced = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if !replaced && is_key_line(line) {
            replaced = true;
            index += 1;
            // Skip the value's continuation: indented lines, list items, blank lines inside.
            while index < lines.len()
                && (lines[index].starts_with([' ', '\t', '-']) || lines[index].trim().is_empty())
            {
                index += 1;
            }
            if let Some(value) = value {
                out.push(format!("{key}: {value}"));
            }
            continue;
        }
        out.push(line.to_owned());
        index += 1;
    }
    if !replaced && let Some(value) = value {
        out.push(format!("{key}: {value}"));
    }
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn project() -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("prompts")).unwrap();
        let project = Project {
            root: dir.path().to_path_buf(),
            config: Config::default(),
        };
        (dir, project)
    }

    #[test]
    fn names_are_validated() {
        for bad in [
            "",
            "/abs",
            "a/../b",
            "a//b",
            "a/",
            ".hidden/x",
            "a/_partial",
            "a b",
            "x.y.z",
            "ä",
        ] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
        let ok = validate_name("support/reply.formal").unwrap();
        assert_eq!(ok.relative_path(), "support/reply.formal.prompt");
        assert_eq!(validate_name("x.prompt").unwrap().name, "x");
    }

    #[test]
    fn starter_prompts_parse_and_lint_clean_of_errors() {
        let (_dir, project) = project();
        let options = NewOptions {
            name: "team/hello".into(),
            description: Some("Says hello: politely".into()),
            tags: vec!["a".into(), "b c".into()],
            ..NewOptions::default()
        };
        let path = new_prompt(&project, &options).unwrap();
        assert_eq!(path, PathBuf::from("prompts/team/hello.prompt"));
        let text = std::fs::read_to_string(project.root.join(&path)).unwrap();
        let doc = PromptDocument::parse(&text).unwrap();
        assert_eq!(
            doc.front_matter.description.as_deref(),
            Some("Says hello: politely")
        );
        assert_eq!(doc.front_matter.tags, ["a", "b c"]);
        assert!(matches!(
            new_prompt(&project, &options),
            Err(Error::Exists { .. })
        ));
    }

    #[test]
    fn copies_reset_status_and_drop_the_name() {
        let (_dir, project) = project();
        std::fs::write(
            project.root.join("prompts/src.prompt"),
            "# header\n---\nname: src\nstatus: active\ndescription: >\n  folded\n  text\ntags:\n  - old\nmodel: a/b # keep\n---\nBody {{x}}\n",
        )
        .unwrap();
        let options = NewOptions {
            name: "copy".into(),
            from: Some("src".into()),
            tags: vec!["new".into()],
            description: Some("Copied".into()),
        };
        new_prompt(&project, &options).unwrap();
        let text = std::fs::read_to_string(project.root.join("prompts/copy.prompt")).unwrap();
        assert_eq!(
            text,
            "# header\n---\nstatus: draft\ndescription: Copied\ntags: [new]\nmodel: a/b # keep\n---\nBody {{x}}\n"
        );
        let missing = NewOptions {
            name: "other".into(),
            from: Some("nope".into()),
            ..NewOptions::default()
        };
        assert!(matches!(
            new_prompt(&project, &missing),
            Err(Error::SourceNotFound { .. })
        ));
    }

    #[test]
    fn a_copy_of_a_broken_prompt_is_refused() {
        let (_dir, project) = project();
        std::fs::write(project.root.join("prompts/bad.prompt"), "---\na: [\n---\nx").unwrap();
        let options = NewOptions {
            name: "c".into(),
            from: Some("bad".into()),
            ..NewOptions::default()
        };
        assert!(matches!(
            new_prompt(&project, &options),
            Err(Error::SourceInvalid { .. })
        ));
    }
}
