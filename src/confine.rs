//! Confinement: a name that a user or a file supplies never reaches outside the project.
//!
//! Prompt names, partials, `extends` bases, environments, experiments, datasets and run ids all
//! become paths. A pull request that writes `{{> ../../../etc/passwd}}`, `dataset: /home/ci/.netrc`
//! or commits `passwd.prompt -> /etc/passwd` must not make `render` or `ab run` in CI print a
//! machine's files or send them to a model, and `release --env ../../x` must not write outside the
//! repository. So every such name passes one rule, kept here:
//!
//! - it is relative: no leading `/` or `\`, no drive letter;
//! - it has no `..` component, and no NUL byte;
//! - on disk, every symbolic link along the path resolves inside the (canonical) root, and no
//!   link dangles. Links that stay inside are fine.
//!
//! [`check_name`] is the lexical half (pure, so `prompt` can use it); [`Boundary`] adds the
//! file-system half. Paths the user types as paths on the command line for files promptctl only
//! writes or reads as a whole (a backup bundle, a restore folder, an export folder) are not
//! names: they may be anywhere the user chooses.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// A name refused because it would lead outside the project.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PathEscape {
    /// The name as written.
    pub name: String,
    /// Why it is refused.
    pub reason: EscapeReason,
    /// Where the name came from (`--env`, `experiments/x.yaml:3:10`), when known.
    pub origin: Option<String>,
}

/// Why a name leaves the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscapeReason {
    /// The name is empty.
    Empty,
    /// The name holds a NUL byte.
    Nul,
    /// The name is an absolute path.
    Absolute,
    /// The name climbs with `..`.
    ParentDir,
    /// The name must be one file name, and holds a folder separator.
    NotAFileName,
    /// A symbolic link on the way resolves outside the root.
    LinkOutside {
        /// The link, relative to the root.
        link: PathBuf,
    },
    /// A symbolic link on the way points to nothing, so where it leads cannot be checked.
    DanglingLink {
        /// The link, relative to the root.
        link: PathBuf,
    },
    /// The file is a symbolic link stored in git, which promptctl does not follow.
    GitLink {
        /// The repository path of the link.
        path: String,
    },
}

impl fmt::Display for EscapeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EscapeReason::Empty => f.write_str("is empty"),
            EscapeReason::Nul => f.write_str("holds a NUL byte"),
            EscapeReason::Absolute => {
                f.write_str("is an absolute path; names are relative to the project")
            }
            EscapeReason::ParentDir => f.write_str("leaves the project with `..`"),
            EscapeReason::NotAFileName => {
                f.write_str("must be a single file name, without `/` or `\\`")
            }
            EscapeReason::LinkOutside { link } => write!(
                f,
                "leads through the symbolic link `{}`, which points outside the project",
                link.display()
            ),
            EscapeReason::DanglingLink { link } => write!(
                f,
                "leads through the symbolic link `{}`, which points to nothing",
                link.display()
            ),
            EscapeReason::GitLink { path } => write!(
                f,
                "is a symbolic link in git (`{path}`); promptctl does not follow links in history"
            ),
        }
    }
}

impl fmt::Display for PathEscape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}: ")?;
        }
        match &self.reason {
            // The file itself is the link: say so once rather than name it twice.
            EscapeReason::LinkOutside { link } if link.as_os_str() == self.name.as_str() => {
                write!(
                    f,
                    "`{}` is a symbolic link that points outside the project",
                    self.name
                )
            }
            reason => write!(f, "`{}` {reason}", self.name),
        }
    }
}

impl PathEscape {
    /// A refusal of `name` for `reason`, origin unknown.
    pub fn new(name: impl Into<String>, reason: EscapeReason) -> PathEscape {
        PathEscape {
            name: name.into(),
            reason,
            origin: None,
        }
    }

    /// The same refusal, saying where the name came from.
    #[must_use]
    pub fn from_origin(mut self, origin: impl fmt::Display) -> PathEscape {
        self.origin = Some(origin.to_string());
        self
    }

    /// Finds a refusal carried inside an IO error (loaders report through `std::io::Result`).
    pub fn in_io(error: &std::io::Error) -> Option<&PathEscape> {
        error.get_ref()?.downcast_ref::<PathEscape>()
    }

    /// This refusal as an IO error, for interfaces that speak `std::io::Result`.
    pub fn into_io(self) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, self)
    }
}

/// The lexical rule: `name` is relative, has no `..` component and no NUL.
///
/// Both `/` and `\` separate components, so a name means the same on every platform.
pub fn check_name(name: &str) -> Result<(), PathEscape> {
    let refuse = |reason| Err(PathEscape::new(name, reason));
    if name.is_empty() {
        return refuse(EscapeReason::Empty);
    }
    if name.contains('\0') {
        return refuse(EscapeReason::Nul);
    }
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if name.starts_with(['/', '\\']) || drive {
        return refuse(EscapeReason::Absolute);
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return refuse(EscapeReason::ParentDir);
    }
    Ok(())
}

/// The rule for a name that becomes one file name (a run id): [`check_name`], and no separator.
pub fn check_file_name(name: &str) -> Result<(), PathEscape> {
    check_name(name)?;
    if name.contains(['/', '\\']) || name == "." {
        return Err(PathEscape::new(name, EscapeReason::NotAFileName));
    }
    Ok(())
}

/// A folder that names are confined to, with its canonical form for comparing resolved links.
#[derive(Debug, Clone)]
pub struct Boundary {
    root: PathBuf,
    canonical: PathBuf,
}

impl Boundary {
    /// The boundary of `root` (the project root, or a repository's work tree).
    pub fn new(root: &Path) -> Boundary {
        Boundary {
            root: root.to_path_buf(),
            canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The folder as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `root/name` when `name` passes [`check_name`] and every link on the way stays inside.
    pub fn join(&self, name: &str) -> Result<PathBuf, PathEscape> {
        check_name(name)?;
        let path = self.root.join(name);
        self.check_links(&path)
            .map_err(|reason| PathEscape::new(name, reason))?;
        Ok(path)
    }

    /// Checks a path under the root that promptctl built itself (a walked file, a folder from
    /// configuration joined with a checked name): every link on the way must stay inside.
    pub fn check(&self, path: &Path) -> Result<(), PathEscape> {
        let shown = path.strip_prefix(&self.root).unwrap_or(path);
        if shown.components().any(|c| c == Component::ParentDir) || !path.starts_with(&self.root) {
            return Err(PathEscape::new(
                shown.display().to_string(),
                EscapeReason::ParentDir,
            ));
        }
        self.check_links(path)
            .map_err(|reason| PathEscape::new(shown.display().to_string(), reason))
    }

    /// Whether `path` (absolute) resolves inside the root, following every link.
    pub fn contains_resolved(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|resolved| resolved.starts_with(&self.canonical))
    }

    /// Walks the components of `path` below the root; each one that is a link must resolve
    /// inside. Stops at the first component that does not exist (nothing below it can be a link).
    fn check_links(&self, path: &Path) -> Result<(), EscapeReason> {
        let Ok(below) = path.strip_prefix(&self.root) else {
            return Ok(());
        };
        let mut current = self.root.clone();
        for component in below.components() {
            current.push(component);
            let Ok(metadata) = std::fs::symlink_metadata(&current) else {
                return Ok(());
            };
            if !metadata.file_type().is_symlink() {
                continue;
            }
            let link = current.strip_prefix(&self.root).unwrap_or(&current);
            match current.canonicalize() {
                Ok(target) if target.starts_with(&self.canonical) => {}
                Ok(_) => {
                    return Err(EscapeReason::LinkOutside {
                        link: link.to_path_buf(),
                    });
                }
                Err(_) => {
                    return Err(EscapeReason::DanglingLink {
                        link: link.to_path_buf(),
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_climb_or_start_at_the_root_are_refused() {
        for (name, reason) in [
            ("../x", EscapeReason::ParentDir),
            ("a/../../x", EscapeReason::ParentDir),
            ("a\\..\\x", EscapeReason::ParentDir),
            ("/etc/passwd", EscapeReason::Absolute),
            ("\\x", EscapeReason::Absolute),
            ("C:x", EscapeReason::Absolute),
            ("a\0b", EscapeReason::Nul),
            ("", EscapeReason::Empty),
        ] {
            assert_eq!(check_name(name).unwrap_err().reason, reason, "{name:?}");
        }
        for name in ["a", "a/b.c", "a..b", "./a", "..a/b"] {
            assert!(check_name(name).is_ok(), "{name:?}");
        }
    }

    #[test]
    fn file_names_have_no_separator() {
        assert!(check_file_name("20260101T000000Z").is_ok());
        for name in ["a/b", "a\\b", ".", "..", "/x"] {
            assert!(check_file_name(name).is_err(), "{name:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_pass_and_links_outside_or_dangling_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("real")).unwrap();
        std::fs::write(root.join("real/a"), "a").unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("inside")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("away")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("file")).unwrap();
        std::os::unix::fs::symlink(root.join("nothing"), root.join("dangling")).unwrap();
        let boundary = Boundary::new(root);
        assert_eq!(boundary.join("inside/a").unwrap(), root.join("inside/a"));
        assert!(boundary.join("real/new/file").is_ok());
        for name in ["away/secret", "file", "away/not-yet"] {
            let err = boundary.join(name).unwrap_err();
            assert!(
                matches!(err.reason, EscapeReason::LinkOutside { .. }),
                "{name}: {err}"
            );
        }
        assert!(matches!(
            boundary.join("dangling").unwrap_err().reason,
            EscapeReason::DanglingLink { .. }
        ));
        assert!(boundary.check(&root.join("file")).is_err());
        assert!(boundary.check(&root.join("real/a")).is_ok());
        assert!(boundary.contains_resolved(&root.join("inside/a")));
        assert!(!boundary.contains_resolved(&root.join("file")));
    }

    #[test]
    fn the_message_names_the_name_and_its_origin() {
        let err = check_name("../../x")
            .unwrap_err()
            .from_origin("experiments/e.yaml:2:10");
        assert_eq!(
            err.to_string(),
            "experiments/e.yaml:2:10: `../../x` leaves the project with `..`"
        );
        let io = err.clone().into_io();
        assert_eq!(PathEscape::in_io(&io), Some(&err));
    }
}
