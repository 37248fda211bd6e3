//! Reading the files `scan` is given from the working tree: prompt files, and any other text
//! file or folder (YAML, JSON, Markdown, datasets).
//!
//! Folders are walked in parallel-friendly sorted order, skipping hidden entries (`.git`),
//! build output (`target`, `node_modules`), binary files (see [`decode`]: a stray NUL does not
//! make a file binary) and files larger than [`MAX_FILE_BYTES`]. Skipped files are reported, not
//! silently lost.

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
/// Every text is held at once: for scanning many files, [`crate::scan::scan_files`] reads each
/// one as it is scanned instead.
pub fn read(root: &Path, files: &[PathBuf]) -> (Vec<ScanInput>, Vec<Skipped>) {
    let reader = Reader::new(root);
    let results: Vec<Result<ScanInput, Skipped>> =
        files.par_iter().map(|file| reader.read(file)).collect();
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

/// Reads one file at a time from the working tree, as [`read`] does for many.
#[derive(Debug)]
pub struct Reader {
    root: PathBuf,
    boundary: Boundary,
}

impl Reader {
    /// A reader for files under `root` (paths in inputs are shown relative to it).
    pub fn new(root: &Path) -> Reader {
        Reader {
            root: root.to_path_buf(),
            boundary: Boundary::new(root),
        }
    }

    /// Reads and decodes `file`, or says why it is not scanned.
    ///
    /// A symbolic link is scanned as the file it points to when that file is inside the root; a
    /// link that leads outside, or to a folder, is skipped.
    pub fn read(&self, file: &Path) -> Result<ScanInput, Skipped> {
        let shown = file.strip_prefix(&self.root).unwrap_or(file).to_path_buf();
        let skip = |reason: String| Skipped {
            path: shown.clone(),
            reason,
        };
        if std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink()) {
            if !self.boundary.contains_resolved(file) {
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
        let text = decode(file, bytes).map_err(skip)?;
        Ok(ScanInput {
            path: shown.clone(),
            text,
            commit: None,
        })
    }
}

/// Decodes file bytes as text, or says why they are not text.
///
/// Whatever a tool could read as text is scanned: a skipped file is a file a secret can hide in.
///
/// - A byte-order mark picks the encoding: UTF-8, UTF-16 or UTF-32 (either byte order). UTF-16
///   without a mark is recognised by its zero bytes in every other position (ASCII text saved
///   by Windows tools). Positions in findings are then counted in the decoded text, which is
///   what an editor shows.
/// - Stray NUL and other control bytes do not make a file binary: a NUL in a prompt hides
///   nothing from the model, so it must hide nothing from the scanner either.
/// - Only a file that starts with the signature of a binary format (PNG, JPEG, PDF, ZIP, an
///   executable, …) or is mostly control bytes is binary; `.prompt` files never are.
///
/// Invalid UTF-8 is replaced rather than rejected, so a Latin-1 dataset is still scanned.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, String> {
    if let Some(text) = decode_unicode(&bytes) {
        return Ok(text);
    }
    let prompt = path.extension().is_some_and(|e| e == "prompt");
    if !prompt {
        if let Some(format) = binary_signature(&bytes) {
            return Err(format!("binary file ({format}), not scanned"));
        }
        if mostly_control_bytes(&bytes) {
            return Err("binary file (mostly control bytes), not scanned".to_owned());
        }
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The encodings a byte-order mark (or, for UTF-16, the zero-byte pattern) announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WideEncoding {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

/// Decodes UTF-16 or UTF-32 text (mark removed); `None` for anything else.
fn decode_unicode(bytes: &[u8]) -> Option<String> {
    let (encoding, body) = if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        (WideEncoding::Utf32Le, body)
    } else if let Some(body) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        (WideEncoding::Utf32Be, body)
    } else if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (WideEncoding::Utf16Le, body)
    } else if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (WideEncoding::Utf16Be, body)
    } else {
        (unmarked_utf16(bytes)?, bytes)
    };
    Some(match encoding {
        WideEncoding::Utf16Le | WideEncoding::Utf16Be => {
            let units = body.chunks(2).map(|pair| {
                let pair = [pair[0], pair.get(1).copied().unwrap_or(0)];
                if encoding == WideEncoding::Utf16Le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        WideEncoding::Utf32Le | WideEncoding::Utf32Be => body
            .chunks(4)
            .map(|quad| {
                let mut four = [0u8; 4];
                four[..quad.len()].copy_from_slice(quad);
                let value = if encoding == WideEncoding::Utf32Le {
                    u32::from_le_bytes(four)
                } else {
                    u32::from_be_bytes(four)
                };
                char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect(),
    })
}

/// UTF-16 without a byte-order mark: in the first KiB, nearly every byte on one side of each
/// pair is zero and the other side almost never is (ASCII saved as UTF-16).
fn unmarked_utf16(bytes: &[u8]) -> Option<WideEncoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zero_at = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(WideEncoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(WideEncoding::Utf16Be)
    } else {
        None
    }
}

/// File signatures of binary formats that carry no readable text worth scanning.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1F\x8B", "gzip archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"\x7FELF", "ELF executable"),
    (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
    (b"MZ", "Windows executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x01\x00", "icon"),
];

/// The binary format `bytes` start with, if any. `MZ` needs the PE layout behind it, since
/// two letters alone also start text.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    BINARY_SIGNATURES
        .iter()
        .find(|(magic, _)| {
            bytes.starts_with(magic)
                && (*magic != b"MZ" || (bytes.len() >= 64 && bytes[2..4].contains(&0)))
        })
        .map(|(_, format)| *format)
}

/// Whether more than a third of the file is control bytes other than whitespace: data, not
/// text with a few stray bytes in it.
fn mostly_control_bytes(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|b| (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0C)) || **b == 0x7F)
        .count();
    control * 3 > bytes.len()
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
        assert_eq!(
            skipped[0].reason,
            "binary file (mostly control bytes), not scanned"
        );
        assert!(list(&[root.join("missing")]).is_err());
    }

    /// A GitHub-shaped token, built from pieces so this file does not look like a leak.
    fn planted_key() -> String {
        ["gh", "p_", "R8sT2vW4xY6zA1bC3dE5", "fG7hJ9kL0m0vL2Ci"].concat()
    }

    fn findings_of(path: &str, bytes: Vec<u8>) -> Vec<(String, usize, usize)> {
        let text = decode(Path::new(path), bytes).expect("text");
        let input = ScanInput {
            path: PathBuf::from(path),
            text,
            commit: None,
        };
        crate::scan::scan(&[input], &crate::scan::ScanOptions::default(), None)
            .findings
            .iter()
            .map(|f| {
                let at = &f.finding.location;
                (f.finding.rule.clone(), at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn stray_nul_bytes_do_not_hide_a_file_from_the_scan() {
        let text = format!("---\ndescription: x\n---\n\0\nkey {}\n", planted_key());
        for path in ["prompts/a.prompt", "notes.txt"] {
            assert_eq!(
                findings_of(path, text.clone().into_bytes()),
                [("secret/github-token".to_owned(), 5, 5)],
                "{path}"
            );
        }
    }

    #[test]
    fn utf16_and_utf32_files_are_decoded_with_positions_in_characters() {
        let text = format!("ligne é\n  clé {}\n", planted_key());
        let utf16_little: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16_big: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let unmarked: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf32_little: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(text.chars().flat_map(|c| u32::from(c).to_le_bytes()))
            .collect();
        let utf32_big: Vec<u8> = [0, 0, 0xFE, 0xFF]
            .into_iter()
            .chain(text.chars().flat_map(|c| u32::from(c).to_be_bytes()))
            .collect();
        let utf8_bom: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .copied()
            .chain(text.bytes())
            .collect();
        for (name, bytes) in [
            ("utf-16le", utf16_little),
            ("utf-16be", utf16_big),
            ("unmarked utf-16le", unmarked),
            ("utf-32le", utf32_little),
            ("utf-32be", utf32_big),
            ("utf-8 with bom", utf8_bom),
        ] {
            assert_eq!(
                findings_of("data/cases.yaml", bytes),
                [("secret/github-token".to_owned(), 2, 7)],
                "{name}"
            );
        }
    }

    #[test]
    fn binary_formats_are_skipped_with_a_reason_but_prompt_files_never_are() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        assert_eq!(
            decode(Path::new("logo.png"), png.clone()),
            Err("binary file (PNG image), not scanned".to_owned())
        );
        assert!(decode(Path::new("prompts/logo.prompt"), png).is_ok());
        let padded = [vec![0u8; 4096], planted_key().into_bytes()].concat();
        assert!(decode(Path::new("data.bin"), padded.clone()).is_err());
        assert!(decode(Path::new("prompts/padded.prompt"), padded).is_ok());
        assert!(decode(Path::new("MZ.txt"), b"MZ is a postcode".to_vec()).is_ok());
    }
}
