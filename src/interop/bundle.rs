//! The library bundle: a whole project as one JSON document, restored byte for byte (F1.5, F2.5).
//!
//! A bundle holds `promptctl.yaml` and every file under the prompts folder (prompts, partials,
//! datasets, notes — anything but hidden files), each with its SHA-256. Text files are stored as
//! strings, anything that is not UTF-8 as base64, so importing a bundle writes exactly the bytes
//! that were exported and exporting again gives the same bundle. Git history is not in a bundle;
//! use a git remote or `git bundle` for that.
//!
//! ```json
//! {"format": "promptctl-bundle", "schema_version": 1, "prompts": "prompts",
//!  "files": [{"path": "promptctl.yaml", "sha256": "…", "text": "prompts: prompts\n"},
//!            {"path": "prompts/logo.png", "sha256": "…", "base64": "iVBORw0…"}]}
//! ```

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::CONFIG_FILE_NAME;
use crate::interop::{Error, Planned, Report, list_files, safe_relative, write_planned};
use crate::project::Project;

/// The `format` value of a bundle.
pub const FORMAT: &str = "promptctl-bundle";
/// The bundle schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole library in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The prompts folder, relative to the project root.
    pub prompts: String,
    /// Every file, sorted by path.
    pub files: Vec<BundleFile>,
}

/// One file of a bundle: exactly one of `text` or `base64` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFile {
    /// Path relative to the project root, `/`-separated.
    pub path: String,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// The content, when it is UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The content in standard base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
}

impl BundleFile {
    /// Packs bytes.
    pub fn new(path: String, bytes: Vec<u8>) -> BundleFile {
        let sha256 = hex_sha256(&bytes);
        match String::from_utf8(bytes) {
            Ok(text) => BundleFile {
                path,
                sha256,
                text: Some(text),
                base64: None,
            },
            Err(e) => BundleFile {
                path,
                sha256,
                text: None,
                base64: Some(base64::engine::general_purpose::STANDARD.encode(e.as_bytes())),
            },
        }
    }

    /// The bytes, checked against the recorded SHA-256.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        let bytes = match (&self.text, &self.base64) {
            (Some(text), None) => text.clone().into_bytes(),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|e| format!("`{}` has invalid base64: {e}", self.path))?,
            _ => {
                return Err(format!(
                    "`{}` must have exactly one of `text` or `base64`",
                    self.path
                ));
            }
        };
        if hex_sha256(&bytes) != self.sha256 {
            return Err(format!(
                "`{}` does not match its sha256; the bundle was changed or damaged",
                self.path
            ));
        }
        Ok(bytes)
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Packs a project's configuration and every file under its prompts folder.
pub fn export(project: &Project) -> Result<Bundle, Error> {
    let prompts_dir = project.prompts_dir();
    if !prompts_dir.is_dir() {
        return Err(crate::library::Error::MissingRoot { path: prompts_dir }.into());
    }
    let prompts = project
        .config
        .prompts
        .trim_end_matches('/')
        .replace('\\', "/");
    let mut files = Vec::new();
    let config = project.root.join(CONFIG_FILE_NAME);
    let bytes = std::fs::read(&config).map_err(Error::io("read", &config))?;
    files.push(BundleFile::new(CONFIG_FILE_NAME.to_owned(), bytes));
    for relative in list_files(&prompts_dir)? {
        let path = prompts_dir.join(&relative);
        let bytes = std::fs::read(&path).map_err(Error::io("read", &path))?;
        files.push(BundleFile::new(format!("{prompts}/{relative}"), bytes));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(Bundle {
        format: FORMAT.to_owned(),
        schema_version: SCHEMA_VERSION,
        prompts,
        files,
    })
}

/// Reads a bundle document, checking its format and version.
pub fn parse(text: &str, label: &Path) -> Result<Bundle, Error> {
    let invalid = |line: Option<usize>, message: String| Error::Invalid {
        path: label.to_path_buf(),
        line,
        message,
    };
    crate::nesting::check(text).map_err(|e| invalid(Some(e.line), format!("not a bundle: {e}")))?;
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| invalid(Some(e.line()), format!("not JSON: {e}")))?;
    match value.get("format").and_then(serde_json::Value::as_str) {
        Some(FORMAT) => {}
        _ => {
            return Err(invalid(
                None,
                format!("not a promptctl bundle (`format` is not `{FORMAT}`)"),
            ));
        }
    }
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(SCHEMA_VERSION)) {
        return Err(invalid(
            None,
            format!(
                "bundle schema_version {} is not supported (this promptctl reads {SCHEMA_VERSION})",
                version.map_or_else(|| "missing".to_owned(), |v| v.to_string())
            ),
        ));
    }
    serde_json::from_value(value).map_err(|e| invalid(None, format!("malformed bundle: {e}")))
}

/// Writes a bundle's files under `dest` (a project root). Refuses unsafe paths and damaged
/// files before writing anything; see [`crate::interop`] for conflicts and `force`.
pub fn import(bundle: &Bundle, dest: &Path, label: &Path, force: bool) -> Result<Report, Error> {
    let mut planned = Vec::new();
    for file in &bundle.files {
        let Some(relative) = safe_relative(&file.path) else {
            return Err(Error::Invalid {
                path: label.to_path_buf(),
                line: None,
                message: format!(
                    "unsafe path `{}` in bundle (absolute or with `..`)",
                    file.path
                ),
            });
        };
        let bytes = file.bytes().map_err(|message| Error::Invalid {
            path: label.to_path_buf(),
            line: None,
            message,
        })?;
        planned.push(Planned { relative, bytes });
    }
    let mut report = Report::default();
    write_planned(dest, planned, force, &mut report)?;
    Ok(report.finish())
}

/// The bundle as pretty JSON with a trailing newline (stable: same library, same bytes).
pub fn to_json(bundle: &Bundle) -> String {
    let mut text = serde_json::to_string_pretty(bundle).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn project(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "prompts: lib\n").unwrap();
        std::fs::create_dir_all(dir.path().join("lib")).unwrap();
        for (path, bytes) in files {
            let full = dir.path().join("lib").join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        let project = Project::load(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn round_trip_is_byte_identical() {
        let (_src, project) = project(&[
            ("a/x.prompt", b"---\ntags: [a]\n---\nHi\r\n"),
            ("a/_p.prompt", b"no newline"),
            ("data/bin.dat", &[0, 159, 146, 150, 255]),
        ]);
        let bundle = export(&project).unwrap();
        assert_eq!(bundle.files.len(), 4);
        assert!(bundle.files.iter().any(|f| f.base64.is_some()));
        let json = to_json(&bundle);
        let dest = tempfile::tempdir().unwrap();
        let parsed = parse(&json, Path::new("b.json")).unwrap();
        let report = import(&parsed, dest.path(), Path::new("b.json"), false).unwrap();
        assert_eq!(report.written.len(), 4);
        let again = export(&Project::load(dest.path()).unwrap()).unwrap();
        assert_eq!(to_json(&again), json);
        assert_eq!(
            std::fs::read(dest.path().join("lib/data/bin.dat")).unwrap(),
            [0, 159, 146, 150, 255]
        );
    }

    #[test]
    fn rejects_damage_unsafe_paths_and_other_documents() {
        let label = Path::new("b.json");
        let mut bundle = Bundle {
            format: FORMAT.into(),
            schema_version: 1,
            prompts: "prompts".into(),
            files: vec![BundleFile::new("prompts/a.prompt".into(), b"hi".to_vec())],
        };
        bundle.files[0].text = Some("changed".into());
        let dest = tempfile::tempdir().unwrap();
        let err = import(&bundle, dest.path(), label, false).unwrap_err();
        assert!(err.to_string().contains("sha256"), "{err}");
        bundle.files[0] = BundleFile::new("../evil".into(), b"x".to_vec());
        let err = import(&bundle, dest.path(), label, false).unwrap_err();
        assert!(err.to_string().contains("unsafe path"), "{err}");
        assert!(
            parse("{\"format\": \"x\"}", label)
                .unwrap_err()
                .to_string()
                .contains("not a promptctl bundle")
        );
        assert!(
            parse(
                "{\"format\": \"promptctl-bundle\", \"schema_version\": 9}",
                label
            )
            .unwrap_err()
            .to_string()
            .contains("schema_version 9")
        );
        assert!(
            parse("nope", label)
                .unwrap_err()
                .to_string()
                .contains("b.json:1")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_files_survive_export_and_import(
            files in proptest::collection::btree_map("[a-z]{1,6}(/[a-z]{1,6}){0,2}\\.(prompt|md|bin)", proptest::collection::vec(any::<u8>(), 0..64), 1..6)
        ) {
            // A name cannot be both a file and a folder.
            let names: Vec<&String> = files.keys().collect();
            prop_assume!(!names.iter().any(|a| names.iter().any(|b| b.starts_with(&format!("{a}/")))));
            let entries: Vec<(&str, &[u8])> = files.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
            let (_src, project) = project(&entries);
            let bundle = export(&project).unwrap();
            let json = to_json(&bundle);
            let dest = tempfile::tempdir().unwrap();
            import(&parse(&json, Path::new("b")).unwrap(), dest.path(), Path::new("b"), false).unwrap();
            for (path, bytes) in &files {
                prop_assert_eq!(&std::fs::read(dest.path().join("lib").join(path)).unwrap(), bytes);
            }
            let again = export(&Project::load(dest.path()).unwrap()).unwrap();
            prop_assert_eq!(to_json(&again), json);
        }
    }
}
