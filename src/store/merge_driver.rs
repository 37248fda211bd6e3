//! Registering promptctl's merge driver with git, and reading back whether it is registered.
//!
//! Two halves make the driver work: a `.gitattributes` line, which is committed and travels with
//! every clone, and a `merge.promptctl` section in `.git/config`, which is not cloned, backed up
//! or restored. A clone with the first half but not the second merges prompt files as text; a
//! clone with both but no `promptctl` on `PATH` used to end a merge with only our side in the
//! file and no conflict markers, because git treats any failing driver as "conflicted, result in
//! %A" and %A still held our version.
//!
//! So the registered command is a shell snippet that fails safe: git runs it with `sh -c`, and
//! when promptctl is missing, crashes or fails with anything other than its "conflicts remain"
//! status 1, the snippet hands the same three files to `git merge-file`, which writes an ordinary
//! conflict with both sides and markers. [`merge_driver_setup`] reads both halves back for
//! `doctor` and for the notice other commands print in a clone that lacks the registration.

use std::path::{Path, PathBuf};

use crate::store::{Error, Result, git};

/// The `.gitattributes` line that routes prompt files through the driver.
pub const MERGE_ATTRIBUTES_LINE: &str = "*.prompt merge=promptctl";

/// The driver command registered as `merge.promptctl.driver`.
///
/// git substitutes `%O` (base), `%A` (ours, overwritten with the result), `%B` (theirs), `%L`
/// (conflict-marker size) and `%P` (the path) with shell-quoted values and runs the result with
/// `sh -c`. promptctl's driver exits 0 when clean and 1 when conflicts remain (written to `%A`);
/// any other status (127 when promptctl is not on `PATH`, 2 for a promptctl too old to know the
/// driver, 101 or a signal for a crash, 6 for an IO error) means `%A` was not written, so the
/// snippet says so on stderr and falls back to `git merge-file`, whose exit status is the number
/// of conflicts: git then reports a normal conflict with both sides in the file.
pub const MERGE_DRIVER_COMMAND: &str = "promptctl merge-driver --marker-size %L %O %A %B %P || { \
status=$?; [ $status -eq 1 ] && exit 1; \
echo \"promptctl merge-driver failed (exit $status); merging as text:\" %P >&2; \
git merge-file -L ours -L base -L theirs --marker-size=%L %A %O %B; }";

/// The command `promptctl init` registered before the fallback existed: a clone configured with
/// it loses their side of a merge when promptctl is not on `PATH`.
const UNSAFE_DRIVER_COMMAND: &str = "promptctl merge-driver %O %A %B %P";

/// How a repository is set up for the merge driver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeDriverSetup {
    /// The repository's working tree.
    pub workdir: PathBuf,
    /// Whether `.gitattributes` (or `.git/info/attributes`) sends some files to `merge=promptctl`.
    pub attributes: bool,
    /// `merge.promptctl.driver` as git sees it (local, global or system config), when set.
    pub driver: Option<String>,
}

/// What state the registered driver command is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriverRegistration {
    /// No `merge.promptctl.driver`: git merges the attributed files as text.
    Missing,
    /// The command `install_merge_driver` writes today.
    Current,
    /// The earlier command without the fallback: a missing promptctl loses their side.
    WithoutFallback,
    /// Something else, set by hand.
    Custom,
}

impl MergeDriverSetup {
    /// Classifies the registered command.
    pub fn registration(&self) -> DriverRegistration {
        match self.driver.as_deref().map(str::trim) {
            None | Some("") => DriverRegistration::Missing,
            Some(MERGE_DRIVER_COMMAND) => DriverRegistration::Current,
            Some(UNSAFE_DRIVER_COMMAND) => DriverRegistration::WithoutFallback,
            Some(_) => DriverRegistration::Custom,
        }
    }

    /// Whether files are routed to the driver but git cannot find how to run it: the state of a
    /// fresh or restored clone, since `.git/config` does not travel.
    pub fn needs_registration(&self) -> bool {
        self.attributes && self.registration() == DriverRegistration::Missing
    }
}

/// Installs the prompt merge driver in a repository: a `.gitattributes` line and the
/// `merge.promptctl.*` settings in `.git/config`. Safe to run twice; replaces an earlier driver
/// command with [`MERGE_DRIVER_COMMAND`].
pub fn install_merge_driver(repo_root: &Path) -> Result<()> {
    let repo = discover(repo_root)?;
    let workdir = workdir(&repo, repo_root)?;
    let attributes = workdir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(Error::Io {
                path: attributes,
                source,
            });
        }
    };
    if !existing.lines().any(|l| l.trim() == MERGE_ATTRIBUTES_LINE) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(MERGE_ATTRIBUTES_LINE);
        text.push('\n');
        std::fs::write(&attributes, text).map_err(|source| Error::Io {
            path: attributes.clone(),
            source,
        })?;
    }
    let config_path = repo.common_dir().join("config");
    // `config.lock`, as `git config` takes it: a concurrent `git config` (or a second install)
    // either waits for us or we for it, and neither writes over the other's change.
    let mut lock = gix::lock::File::acquire_to_update_resource(
        &config_path,
        gix::lock::acquire::Fail::AfterDurationWithBackoff(super::commit::INDEX_LOCK_WAIT),
        None,
        0,
    )
    .map_err(|_| Error::Locked {
        path: config_path.with_extension("lock"),
    })?;
    let mut config =
        gix::config::File::from_path_no_includes(config_path.clone(), gix::config::Source::Local)
            .map_err(git("reading .git/config"))?;
    config
        .set_raw_value_by(
            "merge",
            Some("promptctl".into()),
            "name",
            "promptctl prompt merge",
        )
        .map_err(git("setting merge.promptctl.name"))?;
    config
        .set_raw_value_by(
            "merge",
            Some("promptctl".into()),
            "driver",
            MERGE_DRIVER_COMMAND,
        )
        .map_err(git("setting merge.promptctl.driver"))?;
    config
        .write_to(&mut lock)
        .map_err(git("writing .git/config"))?;
    lock.commit().map_err(|e| Error::Io {
        path: config_path,
        source: e.error,
    })?;
    Ok(())
}

/// Reads how the repository containing `path` is set up for the merge driver.
pub fn merge_driver_setup(path: &Path) -> Result<MergeDriverSetup> {
    let repo = discover(path)?;
    let workdir = workdir(&repo, path)?;
    let attributes = [
        workdir.join(".gitattributes"),
        repo.common_dir().join("info").join("attributes"),
    ]
    .iter()
    .any(|file| names_the_driver(file));
    let driver = repo
        .config_snapshot()
        .string("merge.promptctl.driver")
        .map(|value| value.to_string());
    Ok(MergeDriverSetup {
        workdir,
        attributes,
        driver,
    })
}

/// Whether an attributes file routes some pattern to `merge=promptctl`.
fn names_the_driver(file: &Path) -> bool {
    std::fs::read_to_string(file).is_ok_and(|text| {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.starts_with('#'))
            .any(|line| {
                line.split_whitespace()
                    .skip(1)
                    .any(|a| a == "merge=promptctl")
            })
    })
}

fn discover(path: &Path) -> Result<gix::Repository> {
    gix::discover(path).map_err(|_| Error::NotARepository {
        path: path.to_path_buf(),
    })
}

fn workdir(repo: &gix::Repository, path: &Path) -> Result<PathBuf> {
    repo.workdir()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NotARepository {
            path: path.to_path_buf(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(attributes: bool, driver: Option<&str>) -> MergeDriverSetup {
        MergeDriverSetup {
            workdir: PathBuf::from("/repo"),
            attributes,
            driver: driver.map(str::to_owned),
        }
    }

    #[test]
    fn registration_tells_the_unsafe_command_from_the_current_one() {
        assert_eq!(
            setup(true, None).registration(),
            DriverRegistration::Missing
        );
        assert!(setup(true, None).needs_registration());
        assert!(!setup(false, None).needs_registration());
        assert_eq!(
            setup(true, Some(MERGE_DRIVER_COMMAND)).registration(),
            DriverRegistration::Current
        );
        assert_eq!(
            setup(true, Some(UNSAFE_DRIVER_COMMAND)).registration(),
            DriverRegistration::WithoutFallback
        );
        assert_eq!(
            setup(true, Some("my-merge %A")).registration(),
            DriverRegistration::Custom
        );
    }

    #[test]
    fn attributes_files_are_read_for_the_merge_attribute_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".gitattributes");
        std::fs::write(&file, "# *.prompt merge=promptctl\n*.md text\n").unwrap();
        assert!(!names_the_driver(&file));
        std::fs::write(&file, "*.md text\nprompts/** -text merge=promptctl\n").unwrap();
        assert!(names_the_driver(&file));
        assert!(!names_the_driver(&dir.path().join("missing")));
    }
}
