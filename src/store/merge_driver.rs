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
//!
//! The diff driver travels the same way (`diff=promptctl` in `.gitattributes`, `diff.promptctl`
//! in `.git/config`) and fails safe the same way: git stops a whole `git diff` ("external diff
//! died") when its external diff command fails, and a whole `git log -p` ("unable to read files
//! to diff") when a textconv fails, so both registered commands fall back to git's own text diff
//! (and to the file as it is) when promptctl cannot run.

use std::path::{Path, PathBuf};

use crate::store::{Error, Result, git};

/// The `.gitattributes` line that routes prompt files through both drivers.
pub const ATTRIBUTES_LINE: &str = "*.prompt merge=promptctl diff=promptctl";

/// The diff command registered as `diff.promptctl.command`, which `git diff` runs.
///
/// git runs it with `sh -c`, appending seven arguments (path, old file, old hex, old mode, new
/// file, new hex, new mode; nine for a rename; one, the path, for an unmerged file), and stops the
/// whole diff with "external diff died" when it exits non-zero. promptctl prints the semantic
/// diff and exits 0. When promptctl is not on `PATH`, or exits 1 for a file it will not read as a
/// prompt (not UTF-8), the command shows git's own text diff of the same two files instead,
/// silently (`doctor` reports a missing promptctl); any other failure (2 for a promptctl too old
/// to know `diff-driver`, a crash) gets a one-line note on stderr and the same text diff.
/// `git diff --no-index` exits 1 when the files differ, which is success here.
pub const DIFF_COMMAND: &str = "promptctl_diff() { command -v promptctl >/dev/null 2>&1 && { \
promptctl diff-driver \"$@\" && return 0; status=$?; [ $status -eq 1 ] || \
echo \"promptctl diff-driver failed (exit $status); showing a text diff:\" \"$1\" >&2; }; \
[ $# -ge 7 ] || return 0; \
git diff --no-index --no-ext-diff --no-textconv -- \"$2\" \"$5\"; [ $? -le 1 ]; }; promptctl_diff";

/// The textconv registered as `diff.promptctl.textconv`, which `git log -p`, `git show` and
/// `git blame` read files through (they do not run the diff command without `--ext-diff`).
/// When promptctl cannot run, the file is shown as it is.
pub const DIFF_TEXTCONV: &str = "promptctl_textconv() { promptctl diff-driver --textconv \"$1\" \
2>/dev/null || cat \"$1\"; }; promptctl_textconv";

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

/// How a repository is set up for the merge and diff drivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeDriverSetup {
    /// The repository's working tree.
    pub workdir: PathBuf,
    /// Whether `.gitattributes` (or `.git/info/attributes`) sends some files to `merge=promptctl`.
    pub attributes: bool,
    /// `merge.promptctl.driver` as git sees it (local, global or system config), when set.
    pub driver: Option<String>,
    /// Whether the attributes send some files to `diff=promptctl`.
    pub diff_attributes: bool,
    /// `diff.promptctl.command` as git sees it, when set.
    pub diff_command: Option<String>,
    /// `diff.promptctl.textconv` as git sees it, when set.
    pub diff_textconv: Option<String>,
}

/// What state the registered diff driver is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffRegistration {
    /// Neither `diff.promptctl.command` nor `diff.promptctl.textconv`: git shows a plain diff.
    Missing,
    /// The commands `install_merge_driver` writes today.
    Current,
    /// Something else, set by hand (or only one of the two).
    Custom,
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

    /// Classifies the registered diff driver.
    pub fn diff_registration(&self) -> DiffRegistration {
        let set = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match (set(&self.diff_command), set(&self.diff_textconv)) {
            (None, None) => DiffRegistration::Missing,
            (Some(command), Some(textconv))
                if command == DIFF_COMMAND && textconv == DIFF_TEXTCONV =>
            {
                DiffRegistration::Current
            }
            _ => DiffRegistration::Custom,
        }
    }

    /// Whether files are routed to the driver but git cannot find how to run it: the state of a
    /// fresh or restored clone, since `.git/config` does not travel.
    pub fn needs_registration(&self) -> bool {
        self.attributes && self.registration() == DriverRegistration::Missing
    }

    /// Whether files are routed to the diff driver but git config does not register it.
    pub fn needs_diff_registration(&self) -> bool {
        self.diff_attributes && self.diff_registration() == DiffRegistration::Missing
    }
}

/// The attributes text with what is missing for both drivers appended, or `None` when `existing`
/// already routes some files to both. A file that names only one driver (written before the diff
/// driver existed) gets a line for the other, so no line is ever duplicated or rewritten.
pub fn attributes_with_drivers(existing: &str) -> Option<String> {
    let (merge, diff) = (
        names_attribute(existing, "merge=promptctl"),
        names_attribute(existing, "diff=promptctl"),
    );
    let line = match (merge, diff) {
        (true, true) => return None,
        (false, false) => ATTRIBUTES_LINE,
        (true, false) => "*.prompt diff=promptctl",
        (false, true) => "*.prompt merge=promptctl",
    };
    let mut text = existing.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    Some(text)
}

/// Installs the prompt merge and diff drivers in a repository: a `.gitattributes` line and the
/// `merge.promptctl.*` and `diff.promptctl.*` settings in `.git/config`. Safe to run twice;
/// replaces an earlier driver command with [`MERGE_DRIVER_COMMAND`].
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
    if let Some(text) = attributes_with_drivers(&existing) {
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
    for (key, value) in [("command", DIFF_COMMAND), ("textconv", DIFF_TEXTCONV)] {
        config
            .set_raw_value_by("diff", Some("promptctl".into()), key, value)
            .map_err(git("setting diff.promptctl"))?;
    }
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
    let texts: Vec<String> = [
        workdir.join(".gitattributes"),
        repo.common_dir().join("info").join("attributes"),
    ]
    .iter()
    .filter_map(|file| std::fs::read_to_string(file).ok())
    .collect();
    let names = |attribute: &str| texts.iter().any(|t| names_attribute(t, attribute));
    let config = repo.config_snapshot();
    let value = |key: &str| config.string(key).map(|value| value.to_string());
    Ok(MergeDriverSetup {
        attributes: names("merge=promptctl"),
        driver: value("merge.promptctl.driver"),
        diff_attributes: names("diff=promptctl"),
        diff_command: value("diff.promptctl.command"),
        diff_textconv: value("diff.promptctl.textconv"),
        workdir,
    })
}

/// Whether attributes text gives some pattern `attribute` (such as `merge=promptctl`).
fn names_attribute(text: &str, attribute: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .any(|line| line.split_whitespace().skip(1).any(|a| a == attribute))
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
            diff_attributes: attributes,
            diff_command: None,
            diff_textconv: None,
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
    fn diff_registration_is_current_only_with_both_commands() {
        let with = |command: Option<&str>, textconv: Option<&str>| MergeDriverSetup {
            diff_command: command.map(str::to_owned),
            diff_textconv: textconv.map(str::to_owned),
            ..setup(true, None)
        };
        assert_eq!(
            with(None, None).diff_registration(),
            DiffRegistration::Missing
        );
        assert!(with(None, None).needs_diff_registration());
        assert_eq!(
            with(Some(DIFF_COMMAND), Some(DIFF_TEXTCONV)).diff_registration(),
            DiffRegistration::Current
        );
        assert_eq!(
            with(Some(DIFF_COMMAND), None).diff_registration(),
            DiffRegistration::Custom
        );
        assert_eq!(
            with(None, Some("cat")).diff_registration(),
            DiffRegistration::Custom
        );
    }

    #[test]
    fn attributes_are_read_for_the_named_attribute_only() {
        let comment = "# *.prompt merge=promptctl\n*.md text\n";
        assert!(!names_attribute(comment, "merge=promptctl"));
        let routed = "*.md text\nprompts/** -text merge=promptctl\n";
        assert!(names_attribute(routed, "merge=promptctl"));
        assert!(!names_attribute(routed, "diff=promptctl"));
    }

    #[test]
    fn attributes_get_the_missing_driver_line_once() {
        assert_eq!(
            attributes_with_drivers("*.md text").as_deref(),
            Some("*.md text\n*.prompt merge=promptctl diff=promptctl\n")
        );
        let old = "*.prompt merge=promptctl\n";
        let upgraded = attributes_with_drivers(old).unwrap();
        assert_eq!(
            upgraded,
            "*.prompt merge=promptctl\n*.prompt diff=promptctl\n"
        );
        assert_eq!(attributes_with_drivers(&upgraded), None);
        assert_eq!(attributes_with_drivers(ATTRIBUTES_LINE), None);
    }
}
