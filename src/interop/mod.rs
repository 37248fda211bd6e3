//! Moving whole libraries in and out of promptctl (F1.5).
//!
//! - [`bundle`]: a whole project (config and every file under the prompts folder) as one JSON
//!   document and back, byte for byte.
//! - [`dotprompt`]: export to a plain Dotprompt directory that Google's implementations load
//!   (with `extends` flattened), and import of one.
//! - [`deploy`]: the self-contained form of a released prompt that `export --env` writes.
//! - [`prompty`]: import of Microsoft Prompty (`.prompty`, v1 and v2) files, converted to
//!   `.prompt` files.
//!
//! Anything that does not carry over exactly is reported as a [`Note`] with the file and line, not
//! guessed at: an import or export succeeds with notes, and the caller decides how to show them.

pub mod bundle;
pub mod deploy;
pub mod dotprompt;
pub mod prompty;

use std::path::{Path, PathBuf};

/// Errors moving a library in or out.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("cannot {action} `{}`", path.display())]
    Io {
        /// What was being done (`read`, `write`, `list`).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The input is not in the format expected.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// Importing would overwrite files whose content differs.
    #[error("{} existing file(s) would be overwritten: {}", paths.len(), paths.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", "))]
    Conflict {
        /// The files that differ.
        paths: Vec<PathBuf>,
    },
    /// Loading the library failed.
    #[error(transparent)]
    Library(#[from] crate::library::Error),
    /// A file to write would land outside the destination through a linked folder.
    #[error(transparent)]
    PathEscape(#[from] crate::confine::PathEscape),
}

impl Error {
    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// Something that did not carry over exactly.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// The source file (as given, or relative to the project).
    pub path: String,
    /// 1-based line in that file, when the note is about one place.
    pub line: Option<usize>,
    /// What was changed, dropped or left as text.
    pub message: String,
}

/// What an import or export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written (relative to the destination).
    pub written: Vec<String>,
    /// Files left alone because they already had the same content.
    pub unchanged: Vec<String>,
    /// Portability notes, sorted.
    pub notes: Vec<Note>,
}

impl Report {
    pub(crate) fn note(&mut self, path: &str, line: Option<usize>, message: impl Into<String>) {
        self.notes.push(Note {
            path: path.to_owned(),
            line,
            message: message.into(),
        });
    }

    pub(crate) fn finish(mut self) -> Report {
        self.written.sort();
        self.unchanged.sort();
        self.notes.sort();
        self
    }
}

/// A file to write into a destination folder.
pub(crate) struct Planned {
    pub(crate) relative: String,
    pub(crate) bytes: Vec<u8>,
}

/// Writes planned files under `dest`: all or nothing with respect to conflicts. A file that
/// exists with other content is a conflict unless `force`; one with the same content is skipped.
pub(crate) fn write_planned(
    dest: &Path,
    planned: Vec<Planned>,
    force: bool,
    report: &mut Report,
) -> Result<(), Error> {
    let mut conflicts = Vec::new();
    let mut to_write = Vec::new();
    let boundary = crate::confine::Boundary::new(dest);
    for p in planned {
        let path = dest.join(&p.relative);
        // Names are checked by the readers; a linked folder in `dest` must not lead out either.
        boundary.check(&path)?;
        match std::fs::read(&path) {
            Ok(existing) if existing == p.bytes => report.unchanged.push(p.relative),
            Ok(_) if !force => conflicts.push(PathBuf::from(&p.relative)),
            _ => to_write.push((path, p)),
        }
    }
    if !conflicts.is_empty() {
        conflicts.sort();
        return Err(Error::Conflict { paths: conflicts });
    }
    for (path, p) in to_write {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        }
        std::fs::write(&path, &p.bytes).map_err(Error::io("write", &path))?;
        report.written.push(p.relative);
    }
    Ok(())
}

/// Checks that a relative path stays inside its destination: no absolute paths, no `..`, no
/// empty or hidden-folder tricks. Returns the path with `/` separators.
pub fn safe_relative(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.is_empty() || path.starts_with('/') || path.contains(':') {
        return None;
    }
    path.split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        .then_some(path)
}

/// Lists files under `dir` (skipping hidden entries) as sorted `/`-separated relative paths.
pub(crate) fn list_files(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, prefix)) = stack.pop() {
        for entry in std::fs::read_dir(&path).map_err(Error::io("list", &path))? {
            let entry = entry.map_err(Error::io("list", &path))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let file_type = entry
                .file_type()
                .map_err(Error::io("list", &entry.path()))?;
            if file_type.is_dir() {
                stack.push((entry.path(), format!("{prefix}{name}/")));
            } else if file_type.is_file() {
                out.push(format!("{prefix}{name}"));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_rejects_escapes() {
        assert_eq!(safe_relative("a/b.prompt").as_deref(), Some("a/b.prompt"));
        assert_eq!(safe_relative("a\\b").as_deref(), Some("a/b"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "C:/x",
            "./a",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }

    #[test]
    fn write_planned_refuses_conflicts_before_writing_anything() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), "old").unwrap();
        let plan = || {
            vec![
                Planned {
                    relative: "a".into(),
                    bytes: b"new".to_vec(),
                },
                Planned {
                    relative: "b/c".into(),
                    bytes: b"c".to_vec(),
                },
            ]
        };
        let mut report = Report::default();
        let err = write_planned(dir.path(), plan(), false, &mut report).unwrap_err();
        assert!(matches!(err, Error::Conflict { ref paths } if paths == &[PathBuf::from("a")]));
        assert!(!dir.path().join("b/c").exists());
        write_planned(dir.path(), plan(), true, &mut report).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a")).unwrap(),
            "new"
        );
        let mut again = Report::default();
        write_planned(dir.path(), plan(), false, &mut again).unwrap();
        assert_eq!(again.unchanged, ["a", "b/c"]);
    }
}
