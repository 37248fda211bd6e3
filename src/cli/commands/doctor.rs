//! `promptctl doctor`: checks the setup a repository needs beyond its committed files.
//!
//! Some of promptctl's setup does not travel with a clone: git config (the merge and diff
//! drivers' registration) is neither cloned nor restored from a bundle, and the drivers git runs
//! are looked up on PATH. A clone can therefore look complete and still merge and diff prompt
//! files as plain text.
//! `doctor` reads each piece and says what is missing and the one command that fixes it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use promptctl::store::{self, DiffRegistration, DriverRegistration, MergeDriverSetup};

use crate::cli::context::CommandContext;
use crate::cli::env_vars;
use crate::cli::error::ExitStatus;
use crate::cli::output;
use crate::cli::output::doctor::{Check, CheckStatus};

/// The command that registers the merge driver, for hints.
const INSTALL: &str = "promptctl merge-driver --install";

/// Check the project's setup: config, git, and the prompt merge and diff drivers
///
/// Reports whether `promptctl.yaml` is found, whether the folder is in a git repository, whether
/// `.gitattributes` sends prompt files to promptctl's merge and diff drivers and git's config
/// registers them (git config is not cloned, so every fresh or restored clone needs
/// `promptctl merge-driver --install` once), whether the registered merge command falls back to a
/// plain text merge when promptctl fails, and whether git can find a working `promptctl` on PATH.
///
/// Exits 1 when a check found a problem, 0 otherwise (warnings do not fail).
///
/// Examples:
///   promptctl doctor
///   promptctl doctor --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct DoctorArgs {}

pub(crate) fn run(ctx: &CommandContext, _args: &DoctorArgs) -> anyhow::Result<ExitStatus> {
    let checks = setup_checks(ctx)?;
    output::doctor::print(ctx.printer(), &checks)?;
    Ok(if checks.iter().any(|c| c.status == CheckStatus::Problem) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Every check `doctor` runs, in order (`init --check` runs them too).
pub(crate) fn setup_checks(ctx: &CommandContext) -> anyhow::Result<Vec<Check>> {
    let mut checks = vec![project_check(ctx)];
    match store::merge_driver_setup(ctx.cwd()) {
        Ok(setup) => {
            checks.push(Check::ok(
                "git repository",
                setup.workdir.display().to_string(),
            ));
            checks.extend(merge_driver_checks(&setup));
            checks.extend(diff_driver_checks(&setup));
        }
        Err(store::Error::NotARepository { .. }) => checks.push(Check::new(
            CheckStatus::Warning,
            "git repository",
            "not inside a git repository: history, releases and the merge driver need one",
            Some(format!("run `git init`, then `{INSTALL}`")),
        )),
        Err(error) => return Err(error.into()),
    }
    checks.push(promptctl_on_path());
    Ok(checks)
}

fn project_check(ctx: &CommandContext) -> Check {
    match ctx.project() {
        Ok(project) => Check::ok(
            "project",
            project.root.join("promptctl.yaml").display().to_string(),
        ),
        Err(error) => Check::new(
            CheckStatus::Problem,
            "project",
            format!("{error:#}"),
            Some("run `promptctl init`".to_owned()),
        ),
    }
}

fn merge_driver_checks(setup: &MergeDriverSetup) -> Vec<Check> {
    let attributes = if setup.attributes {
        Check::ok(
            "merge attributes",
            "`.gitattributes` sends prompt files to the `promptctl` merge driver",
        )
    } else {
        Check::new(
            CheckStatus::Warning,
            "merge attributes",
            "`.gitattributes` does not send prompt files to the merge driver: git merges them \
             line by line, and edits to neighbouring front-matter keys conflict",
            Some(format!("run `{INSTALL}`")),
        )
    };
    let driver = match setup.registration() {
        DriverRegistration::Current => Check::ok(
            "merge driver",
            "registered in git config, with the plain-text fallback",
        ),
        DriverRegistration::Missing if setup.attributes => Check::new(
            CheckStatus::Problem,
            "merge driver",
            "`.gitattributes` names the `promptctl` merge driver, but git config does not \
             register it (git config is not cloned or restored), so git merges prompt files as \
             plain text",
            Some(format!("run `{INSTALL}` once in this clone")),
        ),
        DriverRegistration::Missing => Check::new(
            CheckStatus::Warning,
            "merge driver",
            "not registered in git config",
            Some(format!("run `{INSTALL}`")),
        ),
        DriverRegistration::WithoutFallback => Check::new(
            CheckStatus::Problem,
            "merge driver",
            "registered without a fallback: when git cannot run promptctl, a merge keeps only our \
             side of a prompt file, with no conflict markers",
            Some(format!("run `{INSTALL}` to register the fail-safe command")),
        ),
        DriverRegistration::Custom => Check::new(
            CheckStatus::Warning,
            "merge driver",
            format!(
                "`merge.promptctl.driver` is set by hand to `{}`; make sure it falls back to \
                 `git merge-file` when promptctl fails",
                setup.driver.as_deref().unwrap_or_default()
            ),
            Some(format!("`{INSTALL}` registers the fail-safe command")),
        ),
    };
    vec![attributes, driver]
}

fn diff_driver_checks(setup: &MergeDriverSetup) -> Vec<Check> {
    let attributes = if setup.diff_attributes {
        Check::ok(
            "diff attributes",
            "`.gitattributes` sends prompt files to the `promptctl` diff driver",
        )
    } else {
        Check::new(
            CheckStatus::Warning,
            "diff attributes",
            "`.gitattributes` does not send prompt files to the diff driver: `git diff` shows \
             them line by line",
            Some(format!("run `{INSTALL}`")),
        )
    };
    let driver = match setup.diff_registration() {
        DiffRegistration::Current => Check::ok(
            "diff driver",
            "registered in git config, with the plain-text fallback",
        ),
        DiffRegistration::Missing if setup.diff_attributes => Check::new(
            CheckStatus::Problem,
            "diff driver",
            "`.gitattributes` names the `promptctl` diff driver, but git config does not \
             register it (git config is not cloned or restored), so `git diff` shows prompt \
             files as plain text",
            Some(format!("run `{INSTALL}` once in this clone")),
        ),
        DiffRegistration::Missing => Check::new(
            CheckStatus::Warning,
            "diff driver",
            "not registered in git config",
            Some(format!("run `{INSTALL}`")),
        ),
        DiffRegistration::Custom => Check::new(
            CheckStatus::Warning,
            "diff driver",
            "`diff.promptctl.command` or `diff.promptctl.textconv` is set by hand; make sure \
             they fall back to a text diff when promptctl fails",
            Some(format!("`{INSTALL}` registers the fail-safe commands")),
        ),
    };
    vec![attributes, driver]
}

/// One status line when the repository around `root` routes prompt files to the merge driver but
/// git config cannot run it safely: the state of a fresh or restored clone, which commands that
/// read the library mention so nobody has to know to run `doctor`.
pub(crate) fn notice_merge_driver_setup(ctx: &CommandContext, root: &Path) {
    let Ok(setup) = store::merge_driver_setup(root) else {
        return;
    };
    let problem = match setup.registration() {
        DriverRegistration::Missing if setup.attributes => {
            "`.gitattributes` names promptctl's merge driver, but this clone's git config does not \
             register it"
        }
        DriverRegistration::WithoutFallback => {
            "the registered prompt merge driver has no fallback for when promptctl is missing"
        }
        _ if setup.needs_diff_registration() => {
            "`.gitattributes` names promptctl's diff driver, but this clone's git config does not \
             register it"
        }
        _ => return,
    };
    ctx.printer().status(&format!(
        "notice: {problem}: run `{INSTALL}` (see `promptctl doctor`)"
    ));
}

/// Looks for `promptctl` where git's shell will, and checks that it runs both drivers.
fn promptctl_on_path() -> Check {
    let Some(found) = find_on_path("promptctl", &env_vars::path_dirs()) else {
        return Check::new(
            CheckStatus::Warning,
            "promptctl on PATH",
            "git runs `promptctl` from PATH and finds none: prompt files merge as plain text \
             (key-by-key merging needs promptctl on PATH)",
            Some("put the promptctl binary in a folder on PATH".to_owned()),
        );
    };
    for (driver, falls_back_to) in [("merge-driver", "merges"), ("diff-driver", "diffs")] {
        let runs_driver = Command::new(&found)
            .args([driver, "--help"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        match runs_driver {
            Ok(status) if status.success() => {}
            Ok(status) => {
                return Check::new(
                    CheckStatus::Problem,
                    "promptctl on PATH",
                    format!(
                        "`{}` fails to run `{driver} --help` ({status}); git falls back to plain \
                         text {falls_back_to}",
                        found.display()
                    ),
                    Some("replace it with a current promptctl".to_owned()),
                );
            }
            Err(error) => {
                return Check::new(
                    CheckStatus::Problem,
                    "promptctl on PATH",
                    format!("cannot run `{}`: {error}", found.display()),
                    Some("replace it with a current promptctl".to_owned()),
                );
            }
        }
    }
    Check::ok("promptctl on PATH", found.display().to_string())
}

/// The first executable file called `name` in `dirs`.
fn find_on_path(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    dirs.iter()
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}
