//! The prompt library on disk: finding every prompt file under the prompts root, reading and
//! parsing them in parallel, and serving them to the renderer.
//!
//! This is the filesystem side of [`crate::prompt::SourceLoader`]; the git store is the other.
//! Reading is parallel (rayon) because lint, search and scan over 100,000 files are bound by
//! parse time, not disk.

pub mod files;
pub mod inspect;
pub mod listing;
pub mod schemas;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::confine::{self, Boundary, PathEscape};

use crate::project::Project;
use crate::prompt::render::{SourceFile, SourceLoader};
use crate::prompt::{FileKind, ParseError, PromptDocument, PromptName};
pub use files::{LibraryFiles, Source};

/// Errors walking the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The prompts folder does not exist.
    #[error("the prompts folder `{}` does not exist", path.display())]
    MissingRoot {
        /// The folder.
        path: PathBuf,
    },
    /// A folder could not be listed.
    #[error("cannot list `{}`", path.display())]
    Walk {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The prompts folder is reached through a link that leads out of the project.
    #[error(transparent)]
    PathEscape(#[from] PathEscape),
}

/// One prompt or partial file in the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its name.
    pub name: PromptName,
    /// Its path relative to the project root.
    pub path: PathBuf,
    /// Its text (empty when it could not be read).
    pub text: String,
    /// The parsed document, or why it could not be parsed or read.
    pub document: Result<PromptDocument, EntryError>,
}

/// Why a library file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    /// Reading failed.
    Read(String),
    /// Parsing failed.
    Parse(ParseError),
}

/// Every prompt and partial under the prompts root, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The files.
    pub entries: Vec<Entry>,
}

impl Library {
    /// Loads every `.prompt` file under the project's prompts folder.
    pub fn load(project: &Project) -> Result<Library, Error> {
        Library::load_dir(&project.root, &project.prompts_dir())
    }

    /// Loads every `.prompt` file under `prompts_dir`, naming paths relative to `root`.
    pub fn load_dir(root: &Path, prompts_dir: &Path) -> Result<Library, Error> {
        let files = LibraryFiles::list_dir(root, prompts_dir)?;
        let entries: Vec<Entry> = (0..files.len())
            .into_par_iter()
            .map(|position| files.load(position))
            .collect();
        Ok(Library { entries })
    }

    /// The prompts (not partials).
    pub fn prompts(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| e.name.kind == FileKind::Prompt)
    }

    /// Finds an entry by name: a binary search, since entries are sorted by path and every path
    /// is the prompts folder plus the name's relative path (rendering looks partials up once per
    /// include, so a linear search made scanning a library quadratic). A library built unsorted
    /// is still searched correctly, by a linear pass when the binary search misses.
    pub fn get(&self, name: &PromptName) -> Option<&Entry> {
        let wanted = name.relative_path();
        let wanted = Path::new(&wanted);
        let found = self
            .entries
            .binary_search_by(|entry| Path::new(&entry.name.relative_path()).cmp(wanted))
            .ok()
            .map(|index| &self.entries[index]);
        found.or_else(|| self.entries.iter().find(|e| &e.name == name))
    }

    /// Prompt names closest to `wanted`, for "did you mean" hints.
    pub fn suggest(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(usize, String)> = self
            .prompts()
            .map(|e| {
                let id = display_id(&e.name);
                let distance = edit_distance(&id, wanted)
                    .min(edit_distance(id.rsplit('/').next().unwrap_or(&id), wanted));
                (distance, id)
            })
            .filter(|(d, id)| *d <= (wanted.len() / 3).max(2) || id.contains(wanted))
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }
}

/// A loaded library serves its own files to the renderer: a library read from a commit
/// (`Repo::library_at`) renders every prompt with that commit's bases and partials.
impl SourceLoader for Library {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        Ok(self.get(name).map(|entry| SourceFile {
            path: entry.path.clone(),
            text: entry.text.clone(),
        }))
    }
}

/// The id a user types for a prompt: `name` or `name.variant`.
pub fn display_id(name: &PromptName) -> String {
    match &name.variant {
        Some(v) => format!("{}.{v}", name.name),
        None => name.name.clone(),
    }
}

/// Levenshtein distance over characters, for suggestions and typo-tolerant search.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Reads prompt and partial files from the working tree for the renderer.
///
/// Every name goes through [`confine`]: a name with `..` or an absolute path, or a file reached
/// through a symbolic link that leaves the project, is refused rather than read.
#[derive(Debug, Clone)]
pub struct FsLoader {
    root: PathBuf,
    prompts_dir: PathBuf,
    boundary: Boundary,
}

impl FsLoader {
    /// A loader for a project's prompts folder.
    pub fn new(project: &Project) -> FsLoader {
        FsLoader {
            root: project.root.clone(),
            prompts_dir: project.prompts_dir(),
            boundary: Boundary::new(&project.root),
        }
    }

    /// A loader for any folder, with paths shown relative to `root`.
    pub fn for_dir(root: &Path, prompts_dir: &Path) -> FsLoader {
        FsLoader {
            root: root.to_path_buf(),
            prompts_dir: prompts_dir.to_path_buf(),
            boundary: Boundary::new(root),
        }
    }
}

impl SourceLoader for FsLoader {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let relative = name.relative_path();
        confine::check_name(&relative).map_err(PathEscape::into_io)?;
        let absolute = self.prompts_dir.join(&relative);
        self.boundary
            .check(&absolute)
            .map_err(PathEscape::into_io)?;
        match std::fs::read_to_string(&absolute) {
            Ok(text) => {
                let path = absolute
                    .strip_prefix(&self.root)
                    .unwrap_or(&absolute)
                    .to_path_buf();
                Ok(Some(SourceFile { path, text }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", absolute.display()),
            )),
        }
    }

    fn load_schema(&self, name: &str) -> std::io::Result<Option<serde_json::Value>> {
        schemas::load_one(&self.prompts_dir, name)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))
    }

    fn load_schemas(
        &self,
    ) -> std::io::Result<std::collections::BTreeMap<String, serde_json::Value>> {
        schemas::load(&self.prompts_dir)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn loads_nested_prompts_and_partials() {
        let dir = tempfile::tempdir().unwrap();
        let prompts = dir.path().join("prompts");
        std::fs::create_dir_all(prompts.join("a/b")).unwrap();
        std::fs::create_dir_all(prompts.join(".hidden")).unwrap();
        std::fs::write(prompts.join("a/b/deep.prompt"), "---\ntags: [x]\n---\nHi").unwrap();
        std::fs::write(prompts.join("a/_part.prompt"), "part").unwrap();
        std::fs::write(prompts.join("bad.prompt"), "---\n: [\n---\n").unwrap();
        std::fs::write(prompts.join(".hidden/x.prompt"), "x").unwrap();
        std::fs::write(prompts.join("notes.md"), "x").unwrap();
        let lib = Library::load_dir(dir.path(), &prompts).unwrap();
        let paths: Vec<_> = lib
            .entries
            .iter()
            .map(|e| e.path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            paths,
            [
                "prompts/a/_part.prompt",
                "prompts/a/b/deep.prompt",
                "prompts/bad.prompt"
            ]
        );
        assert!(lib.entries[2].document.is_err());
        assert_eq!(lib.suggest("deap"), ["a/b/deep"]);
    }

    #[test]
    fn get_finds_every_entry_whatever_the_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let prompts = dir.path().join("prompts");
        let names = [
            "a-b/x",
            "a/b",
            "a/b/c",
            "a.b",
            "ab",
            "a/_p",
            "z",
            "a/b.formal",
            "a/b/c.v2",
        ];
        for name in names {
            let path = prompts.join(format!("{name}.prompt"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let lib = Library::load_dir(dir.path(), &prompts).unwrap();
        assert_eq!(lib.entries.len(), names.len());
        for entry in &lib.entries {
            assert_eq!(lib.get(&entry.name).map(|e| &e.path), Some(&entry.path));
        }
        let missing = PromptName::from_relative_path("a/missing.prompt").unwrap();
        assert!(lib.get(&missing).is_none());
        // Built by hand in another order, it is still searched correctly.
        let mut reversed = lib.clone();
        reversed.entries.reverse();
        for entry in &lib.entries {
            assert_eq!(
                reversed.get(&entry.name).map(|e| &e.path),
                Some(&entry.path)
            );
        }
    }
}
