//! A [`SourceLoader`] over a git tree: renders a past version with the partials and bases it
//! had at that commit, never mixing in the working tree.
//!
//! A tree can hold symbolic links (mode 120000) whose blob is a target path; such an entry is
//! refused, never read as a prompt nor followed, and names pass [`confine::check_name`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use gix::ObjectId;

use crate::confine::{self, EscapeReason, PathEscape};
use crate::library::schemas;
use crate::prompt::{PromptName, SourceFile, SourceLoader};
use crate::store::Repo;
use crate::store::tree::{self, TreeFile};

/// Reads prompt and partial files from one git tree, optionally with one file pinned to a blob.
pub struct GitLoader {
    repo: gix::Repository,
    tree: ObjectId,
    prompts_prefix: String,
    label: String,
    pinned: Option<(String, ObjectId)>,
}

impl std::fmt::Debug for GitLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitLoader")
            .field("tree", &self.tree)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl GitLoader {
    /// A loader for `tree`, labelling file paths `label:path` in messages.
    pub(crate) fn new(repo: &Repo, tree: ObjectId, label: &str) -> GitLoader {
        GitLoader {
            repo: repo.git.clone(),
            tree,
            prompts_prefix: repo.prompts_prefix.clone(),
            label: label.to_owned(),
            pinned: None,
        }
    }

    /// Serves `path` from `blob` instead of the tree (an environment's pinned content).
    pub(crate) fn with_pinned(mut self, path: &str, blob: ObjectId) -> GitLoader {
        self.pinned = Some((path.to_owned(), blob));
        self
    }

    /// The label used in file paths (`<short commit>`).
    pub fn label(&self) -> &str {
        &self.label
    }
}

impl SourceLoader for GitLoader {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let relative = name.relative_path();
        confine::check_name(&relative).map_err(PathEscape::into_io)?;
        let path = format!("{}{relative}", self.prompts_prefix);
        let in_tree = tree::file_at(&self.repo, self.tree, &path)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        if let Some(TreeFile::Link(_)) = in_tree {
            let escape = PathEscape::new(
                relative,
                EscapeReason::GitLink {
                    path: format!("{}:{path}", self.label),
                },
            );
            return Err(escape.into_io());
        }
        let blob = match &self.pinned {
            Some((pinned, blob)) if *pinned == path => Some(*blob),
            _ => in_tree.map(|file| match file {
                TreeFile::Blob(blob) | TreeFile::Link(blob) => blob,
            }),
        };
        let Some(blob) = blob else {
            return Ok(None);
        };
        let data = self
            .repo
            .find_blob(blob)
            .map_err(|e| std::io::Error::other(format!("{}:{path}: {e}", self.label)))?;
        Ok(Some(SourceFile {
            path: PathBuf::from(format!("{}:{path}", self.label)),
            text: String::from_utf8_lossy(&data.data).into_owned(),
        }))
    }

    /// `schema: Name` resolves from `schemas/` in the prompts folder as it is in this tree, so a
    /// past version validates and shows with the schema it was written against.
    fn load_schema(&self, name: &str) -> std::io::Result<Option<serde_json::Value>> {
        if !crate::prompt::schema::is_schema_name(name) {
            return Ok(None);
        }
        let mut found = Vec::new();
        for ext in schemas::EXTENSIONS {
            let path = format!(
                "{}{}/{name}.{ext}",
                self.prompts_prefix,
                schemas::SCHEMAS_FOLDER
            );
            if let Some(file) = tree::file_at(&self.repo, self.tree, &path)
                .map_err(|e| std::io::Error::other(e.to_string()))?
            {
                found.push((path, file));
            }
        }
        match found.as_slice() {
            [] => Ok(None),
            [(path, file)] => self.schema_file(path, *file).map(Some),
            [(first, _), (second, _), ..] => Err(invalid(&schemas::twice(
                name,
                &self.labelled(first),
                &self.labelled(second),
            ))),
        }
    }

    fn load_schemas(&self) -> std::io::Result<BTreeMap<String, serde_json::Value>> {
        let folder = format!("{}{}", self.prompts_prefix, schemas::SCHEMAS_FOLDER);
        let mut out = BTreeMap::new();
        let Some(subtree) = tree::subtree(&self.repo, self.tree, &folder)
            .map_err(|e| std::io::Error::other(e.to_string()))?
        else {
            return Ok(out);
        };
        let mut files = Vec::new();
        tree::walk_blobs(&self.repo, subtree, "", &mut |file, blob| {
            files.push((file.to_owned(), blob));
        })
        .map_err(|e| std::io::Error::other(e.to_string()))?;
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (file, blob) in files {
            let path = std::path::Path::new(&file);
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if file.contains('/') || !schemas::EXTENSIONS.contains(&ext) {
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
                continue;
            };
            let full = format!("{folder}/{file}");
            if let Some(first) = seen.insert(stem.clone(), full.clone()) {
                return Err(invalid(&schemas::twice(
                    &stem,
                    &self.labelled(&first),
                    &self.labelled(&full),
                )));
            }
            out.insert(stem, self.schema_file(&full, TreeFile::Blob(blob))?);
        }
        Ok(out)
    }
}

fn invalid(error: &schemas::SchemaFileError) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string())
}

impl GitLoader {
    fn labelled(&self, path: &str) -> PathBuf {
        PathBuf::from(format!("{}:{path}", self.label))
    }

    /// Reads and parses one schema file of the tree; a symbolic link is refused, never followed.
    fn schema_file(&self, path: &str, file: TreeFile) -> std::io::Result<serde_json::Value> {
        let TreeFile::Blob(blob) = file else {
            return Err(invalid(&schemas::SchemaFileError {
                path: self.labelled(path),
                message: "a named schema may not be a symbolic link".to_owned(),
            }));
        };
        let data = self
            .repo
            .find_blob(blob)
            .map_err(|e| std::io::Error::other(format!("{}:{path}: {e}", self.label)))?;
        schemas::parse(&self.labelled(path), &String::from_utf8_lossy(&data.data))
            .map_err(|e| invalid(&e))
    }
}

impl Repo {
    /// Every prompt and partial of the prompts folder as committed in `commit` (hex), with paths
    /// relative to the project root: the library `lint` sees for a released version.
    pub fn library_at(&self, commit: &str) -> crate::store::Result<crate::library::Library> {
        use crate::library::{Entry, EntryError, Library};
        use crate::prompt::PromptDocument;
        let id = ObjectId::from_hex(commit.as_bytes())
            .map_err(crate::store::git(format!("reading commit id `{commit}`")))?;
        let tree = self.commit_tree(id)?;
        let mut blobs = Vec::new();
        tree::walk_blobs(&self.git, tree, "", &mut |path, blob| {
            if let Some(name) = self.name_of_path(path) {
                blobs.push((name, path.to_owned(), blob));
            }
        })?;
        let mut entries = Vec::with_capacity(blobs.len());
        for (name, path, blob) in blobs {
            let text = self.blob_text(blob)?;
            let relative = path
                .strip_prefix(&self.project_prefix)
                .unwrap_or(&path)
                .to_owned();
            entries.push(Entry {
                name,
                path: PathBuf::from(relative),
                document: PromptDocument::parse(&text).map_err(EntryError::Parse),
                text,
            });
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Library { entries })
    }

    /// A repository path relative to the project root (paths outside the project unchanged).
    pub fn project_relative<'a>(&self, path: &'a str) -> &'a str {
        path.strip_prefix(&self.project_prefix).unwrap_or(path)
    }
}
