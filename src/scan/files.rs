//! Reading the files `scan` is given from the working tree: prompt files, and any other text
//! file or folder (YAML, JSON, Markdown, datasets).
//!
//! Folders are walked in parallel-friendly sorted order, skipping hidden entries (`.git`),
//! build output (`target`, `node_modules`) and anything that is not text (a NUL byte in the first
//! 8 KiB) or is larger than [`MAX_FILE_BYTES`]. Skipped files are reported, not silently lost.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::confine::Boundary;
use crate::scan::ScanInput;

/// Files larger than this are skipped (datasets this large belong in a data store).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Folder names never descended into.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "__pycache__"];

/// Errors reading scan inputs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("`{}` does not exist", path.display())]
    NotFound {
        /// The path.
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
}

/// A file that was not scanned, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, relative to the root where possible.
    pub path: PathBuf,
    /// Why (binary, too large, unreadable).
    pub reason: String,
}

/// Lists the files under `paths` (files or folders), sorted, deduplicated.
pub fn list(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(path.clone());
        } else if path.is_dir() {
            walk(path, &mut out)?;
        } else {
            return Err(Error::NotFound { path: path.clone() });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let read = std::fs::read_dir(&path).map_err(|source| Error::Walk {
            path: path.clone(),
            source,
        })?;
        for entry in read {
            let entry = entry.map_err(|source| Error::Walk {
                path: path.clone(),
                source,
            })?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !SKIPPED_DIRS.contains(&name.as_ref()) {
                    stack.push(entry.path());
                }
            } else if kind.is_file() || kind.is_symlink() {
                // Links are listed so that `read` scans what they point to inside the project
                // and reports the ones that lead out, instead of dropping them unseen.
                out.push(entry.path());
            }
        }
    }
    Ok(())
}

/// Reads files in parallel; paths in inputs are shown relative to `root` where possible.
///
/// A symbolic link is scanned as the file it points to when that file is inside `root`; a link
/// that leads outside, or to a folder, is reported as skipped.
pub fn read(root: &Path, files: &[PathBuf]) -> (Vec<ScanInput>, Vec<Skipped>) {
    let boundary = Boundary::new(root);
    let results: Vec<Result<ScanInput, Skipped>> = files
        .par_iter()
        .map(|file| {
            let shown = file.strip_prefix(root).unwrap_or(file).to_path_buf();
            let skip = |reason: String| Skipped {
                path: shown.clone(),
                reason,
            };
            if std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink()) {
                if !boundary.contains_resolved(file) {
                    return Err(skip(
                        "a symbolic link that leads outside the project (or to nothing); not followed"
                            .to_owned(),
                    ));
                }
                if file.is_dir() {
                    return Err(skip(
                        "a symbolic link to a folder; scan the folder itself".to_owned(),
                    ));
                }
            }
            let size = std::fs::metadata(file)
                .map_err(|e| skip(e.to_string()))?
                .len();
            if size > MAX_FILE_BYTES {
                return Err(skip(format!("larger than {} MiB", MAX_FILE_BYTES >> 20)));
            }
            let bytes = std::fs::read(file).map_err(|e| skip(e.to_string()))?;
            let text = decode(bytes).ok_or_else(|| skip("not a text file".to_owned()))?;
            Ok(ScanInput {
                path: shown.clone(),
                text,
                commit: None,
            })
        })
        .collect();
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(i) => inputs.push(i),
            Err(s) => skipped.push(s),
        }
    }
    (inputs, skipped)
}

/// Decodes file bytes as text: `None` for binary content (a NUL in the first 8 KiB). Invalid
/// UTF-8 is replaced rather than rejected, so a Latin-1 dataset is still scanned.
pub fn decode(bytes: Vec<u8>) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return None;
    }
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_reads_text_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/.git")).unwrap();
        std::fs::create_dir_all(root.join("node_modules")).unwrap();
        std::fs::write(root.join("a/x.yaml"), "k: v").unwrap();
        std::fs::write(root.join("a/.git/config"), "x").unwrap();
        std::fs::write(root.join("node_modules/m.js"), "x").unwrap();
        std::fs::write(root.join("bin.dat"), [0u8, 1, 2]).unwrap();
        std::fs::write(root.join("latin1.txt"), [b'c', b'a', b'f', 0xe9]).unwrap();
        let files = list(&[root.to_path_buf()]).unwrap();
        assert_eq!(files.len(), 3, "{files:?}");
        let (inputs, skipped) = read(root, &files);
        let paths: Vec<_> = inputs.iter().map(|i| i.path.clone()).collect();
        assert_eq!(
            paths,
            [PathBuf::from("a/x.yaml"), PathBuf::from("latin1.txt")]
        );
        assert_eq!(skipped[0].reason, "not a text file");
        assert!(list(&[root.join("missing")]).is_err());
    }
}
