//! The library's file list, without the files: what lint and list stream over.
//!
//! A [`Library`] holds every parsed document, about 16 KB per prompt:
//! 1.6 GB at 100,000 prompts. [`LibraryFiles`] holds only the paths (one string for all of
//! them, plus offsets: tens of bytes per file) and reads a file when asked, with the same
//! confinement and parsing as the whole-library load, so a command can check or list a million
//! prompts a few at a time.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::confine::{Boundary, PathEscape};
use crate::library::{Entry, EntryError, Error, Library, display_id};
use crate::project::Project;
use crate::prompt::{PromptDocument, PromptName};

/// Every `.prompt` file under a prompts folder, sorted by path, read on demand.
#[derive(Debug)]
pub struct LibraryFiles {
    root: PathBuf,
    prompts_dir: PathBuf,
    boundary: Boundary,
    /// Every file's path under the prompts folder, concatenated in the order found.
    names: String,
    /// Where each found file's name ends in `names`.
    ends: Vec<usize>,
    /// Whether each found file is a symbolic link (checked against the boundary when read).
    links: Vec<bool>,
    /// Found positions in path order: `order[i]` is the `i`-th file by path.
    order: Vec<u32>,
}

impl LibraryFiles {
    /// Lists the `.prompt` files under the project's prompts folder.
    pub fn list(project: &Project) -> Result<LibraryFiles, Error> {
        LibraryFiles::list_dir(&project.root, &project.prompts_dir())
    }

    /// Lists the `.prompt` files under `prompts_dir`, naming paths relative to `root`.
    pub fn list_dir(root: &Path, prompts_dir: &Path) -> Result<LibraryFiles, Error> {
        if !prompts_dir.is_dir() {
            return Err(Error::MissingRoot {
                path: prompts_dir.to_path_buf(),
            });
        }
        // The walk does not descend into linked folders, so below the prompts folder only a file
        // that is itself a link can lead out; the folder is checked once here.
        let boundary = Boundary::new(root);
        boundary.check(prompts_dir)?;
        let mut files = LibraryFiles {
            root: root.to_path_buf(),
            prompts_dir: prompts_dir.to_path_buf(),
            boundary,
            names: String::new(),
            ends: Vec::new(),
            links: Vec::new(),
            order: Vec::new(),
        };
        files.walk()?;
        let mut order: Vec<u32> = (0..files.ends.len())
            .map(|i| u32::try_from(i).expect("fewer than four billion files"))
            .collect();
        // Path order (by component), as the whole-library load sorts its entries.
        order.sort_by(|&a, &b| {
            Path::new(files.found(a as usize)).cmp(Path::new(files.found(b as usize)))
        });
        files.order = order;
        Ok(files)
    }

    /// Walks the prompts folder, skipping hidden folders and files and not descending into
    /// linked folders.
    fn walk(&mut self) -> Result<(), Error> {
        let mut stack = vec![(self.prompts_dir.clone(), String::new())];
        while let Some((path, prefix)) = stack.pop() {
            let read = std::fs::read_dir(&path).map_err(|source| Error::Walk {
                path: path.clone(),
                source,
            })?;
            for entry in read {
                let entry = entry.map_err(|source| Error::Walk {
                    path: path.clone(),
                    source,
                })?;
                let file_name = entry.file_name();
                let Some(file_name) = file_name.to_str() else {
                    continue;
                };
                if file_name.starts_with('.') {
                    continue;
                }
                let file_type = entry.file_type().map_err(|source| Error::Walk {
                    path: path.clone(),
                    source,
                })?;
                if file_type.is_dir() {
                    stack.push((entry.path(), format!("{prefix}{file_name}/")));
                } else if Path::new(file_name)
                    .extension()
                    .is_some_and(|e| e == crate::prompt::name::PROMPT_EXTENSION)
                    && PromptName::from_relative_path(&format!("{prefix}{file_name}")).is_some()
                {
                    self.names.push_str(&prefix);
                    self.names.push_str(file_name);
                    self.ends.push(self.names.len());
                    self.links.push(file_type.is_symlink());
                }
            }
        }
        Ok(())
    }

    /// The name of the `found`-th file found, under the prompts folder.
    fn found(&self, found: usize) -> &str {
        let start = if found == 0 { 0 } else { self.ends[found - 1] };
        &self.names[start..self.ends[found]]
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `position`-th file's path under the prompts folder (`support/reply.prompt`).
    pub fn relative(&self, position: usize) -> &str {
        self.found(self.order[position] as usize)
    }

    /// The `position`-th file's path relative to the project root, as entries name it.
    pub fn path(&self, position: usize) -> PathBuf {
        let absolute = self.prompts_dir.join(self.relative(position));
        absolute
            .strip_prefix(&self.root)
            .map_or_else(|_| absolute.clone(), Path::to_path_buf)
    }

    /// The `position`-th file's name.
    pub fn name(&self, position: usize) -> PromptName {
        PromptName::from_relative_path(self.relative(position))
            .expect("only files with a prompt name are listed")
    }

    /// Reads and parses the `position`-th file. A file that cannot be read (gone since the
    /// listing, or a link out of the project) is an entry with a read error, as in a whole
    /// load.
    pub fn load(&self, position: usize) -> Entry {
        let found = self.order[position] as usize;
        let relative = self.found(found);
        let absolute = self.prompts_dir.join(relative);
        let confined = if self.links[found] {
            self.boundary
                .check(&absolute)
                .map_err(|e: PathEscape| e.to_string())
        } else {
            Ok(())
        };
        let read =
            confined.and_then(|()| std::fs::read_to_string(&absolute).map_err(|e| e.to_string()));
        let (text, document) = match read {
            Ok(text) => {
                let document = PromptDocument::parse(&text).map_err(EntryError::Parse);
                (text, document)
            }
            Err(e) => (String::new(), Err(EntryError::Read(e))),
        };
        Entry {
            name: self.name(position),
            path: self.path(position),
            text,
            document,
        }
    }
}

/// A library read one entry at a time: the files on disk ([`LibraryFiles`], each read when asked)
/// or a [`Library`] already in memory. Lint and list take either, so whole-library callers and
/// streaming commands share one code path.
pub trait Source: Sync {
    /// How many entries there are.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The `position`-th entry's path relative to the project root, without reading it.
    fn path(&self, position: usize) -> PathBuf;
    /// The `position`-th entry's name, without reading it.
    fn name(&self, position: usize) -> PromptName;
    /// The id a user types for the `position`-th entry (`support/reply.formal`), without
    /// reading it; borrowed where the source can, since listings sort by it.
    fn id(&self, position: usize) -> Cow<'_, str> {
        Cow::Owned(display_id(&self.name(position)))
    }
    /// Calls `f` with the `position`-th entry (read and parsed now, for files on disk).
    fn with_entry<R>(&self, position: usize, f: impl FnOnce(&Entry) -> R) -> R;
}

impl Source for Library {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn path(&self, position: usize) -> PathBuf {
        self.entries[position].path.clone()
    }

    fn name(&self, position: usize) -> PromptName {
        self.entries[position].name.clone()
    }

    fn with_entry<R>(&self, position: usize, f: impl FnOnce(&Entry) -> R) -> R {
        f(&self.entries[position])
    }
}

impl Source for LibraryFiles {
    fn len(&self) -> usize {
        self.order.len()
    }

    fn path(&self, position: usize) -> PathBuf {
        LibraryFiles::path(self, position)
    }

    fn name(&self, position: usize) -> PromptName {
        LibraryFiles::name(self, position)
    }

    fn id(&self, position: usize) -> Cow<'_, str> {
        // A prompt's id is its path under the prompts folder without the extension, unless it
        // is a partial or its name had to be normalized (backslashes).
        let relative = self.relative(position);
        let partial = relative
            .rsplit('/')
            .next()
            .is_some_and(|f| f.starts_with('_'));
        match relative.strip_suffix(".prompt") {
            Some(stem) if !partial && !relative.contains('\\') => Cow::Borrowed(stem),
            _ => Cow::Owned(display_id(&self.name(position))),
        }
    }

    fn with_entry<R>(&self, position: usize, f: impl FnOnce(&Entry) -> R) -> R {
        f(&self.load(position))
    }
}
