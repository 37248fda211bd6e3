//! Feeds arbitrary bytes to the front-matter parser, the template analysis, the renderer and the
//! linter. Any panic is a bug: every bad input must come back as an error or a finding.
//!
//! The input is split on NUL bytes into up to four files: a prompt `main`, its base `base`, and
//! the partials `p` and `q`, so `extends`, partial includes and cycles between them are reachable.
#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use promptctl::config::Config;
use promptctl::library::{Entry, EntryError, Library};
use promptctl::lint::{LintOptions, lint_library};
use promptctl::project::Project;
use promptctl::prompt::render::{self, RenderOptions, SourceFile, SourceLoader};
use promptctl::prompt::{PromptDocument, PromptName};

const FILES: [&str; 4] = ["main.prompt", "base.prompt", "_p.prompt", "_q.prompt"];

struct Memory(HashMap<String, String>);

impl SourceLoader for Memory {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let path = name.relative_path();
        Ok(self.0.get(&path).map(|text| SourceFile {
            path: PathBuf::from(&path),
            text: text.clone(),
        }))
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parts: Vec<&str> = text.splitn(FILES.len(), '\0').collect();
    let files: HashMap<String, String> = FILES
        .iter()
        .zip(parts.iter().chain(std::iter::repeat(&"")))
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect();

    let memory = Memory(files.clone());
    let mut variables = serde_json::Map::new();
    variables.insert("who".into(), serde_json::Value::String(parts[0].to_owned()));
    let _ = render::render(
        &memory,
        &PromptName::parse_id("main"),
        &variables,
        &RenderOptions::default(),
    );

    let entries = files
        .iter()
        .filter_map(|(relative, text)| {
            Some(Entry {
                name: PromptName::from_relative_path(relative)?,
                path: PathBuf::from("prompts").join(relative),
                text: text.clone(),
                document: PromptDocument::parse(text).map_err(EntryError::Parse),
            })
        })
        .collect();
    let project = Project {
        root: PathBuf::from("/fuzz"),
        config: Config::default(),
    };
    let library = Library { entries };
    let _ = lint_library(&project, &library, &LintOptions::default());
});
