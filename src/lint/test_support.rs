//! Helpers for rule tests: an in-memory library and a compact rendering of findings.

use std::path::PathBuf;

use crate::config::Config;
use crate::finding::Finding;
use crate::library::{Entry, EntryError, Library};
use crate::lint::{LibraryIndex, LintContext, Prepared, Rule};
use crate::project::Project;
use crate::prompt::{PromptDocument, PromptName};

/// A library of `(path under prompts/, text)` files.
pub(crate) fn library(files: &[(&str, &str)]) -> Library {
    let mut entries: Vec<Entry> = files
        .iter()
        .map(|(relative, text)| Entry {
            name: PromptName::from_relative_path(relative).expect("a .prompt path"),
            path: PathBuf::from(format!("prompts/{relative}")),
            text: (*text).to_owned(),
            document: PromptDocument::parse(text).map_err(EntryError::Parse),
        })
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Library { entries }
}

/// A project with the default configuration.
pub(crate) fn project() -> Project {
    Project {
        root: PathBuf::from("/project"),
        config: Config::default(),
    }
}

/// Runs one rule over every file, returning `path:line:col message` lines.
pub(crate) fn check(rule: &dyn Rule, files: &[(&str, &str)]) -> Vec<String> {
    findings(rule, files).iter().map(line).collect()
}

/// Runs one rule over every file.
pub(crate) fn findings(rule: &dyn Rule, files: &[(&str, &str)]) -> Vec<Finding> {
    let library = library(files);
    let project = project();
    let index = LibraryIndex::build(&library);
    let mut out = Vec::new();
    for (position, entry) in library.entries.iter().enumerate() {
        let prepared = Prepared::of(entry);
        let ctx = LintContext::new(&project, &index, position, entry, &prepared);
        out.extend(rule.check(&ctx));
    }
    for f in &out {
        assert_eq!(f.rule, rule.id());
    }
    crate::finding::sort_findings(&mut out);
    out
}

/// `path:line:col message`, without the `prompts/` prefix.
pub(crate) fn line(f: &Finding) -> String {
    format!(
        "{}:{}:{} {}",
        f.location
            .path
            .to_string_lossy()
            .trim_start_matches("prompts/"),
        f.location.line,
        f.location.column,
        f.message
    )
}
