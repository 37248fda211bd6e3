//! Backups: the whole library, with all history, as one `git bundle` file, verified on restore.
//!
//! gix reads repositories but cannot write bundles yet, so this module runs the `git` binary
//! (`git bundle create/verify/list-heads`, `git clone`). A bundle is an ordinary git artifact:
//! `git clone backup.bundle` restores it without promptctl.

use std::path::{Path, PathBuf};

use crate::store::{Error, Repo, Result, run_git};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The bundle file.
    pub path: PathBuf,
    /// The refs it holds, as `(name, commit)`.
    pub refs: Vec<(String, String)>,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a restore produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The new repository.
    pub path: PathBuf,
    /// The refs restored, as `(name, commit)`, each checked against the bundle.
    pub refs: Vec<(String, String)>,
}

fn parse_heads(text: &str) -> Vec<(String, String)> {
    let mut refs: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| {
            let (id, name) = line.split_once(' ')?;
            Some((name.trim().to_owned(), id.trim().to_owned()))
        })
        .collect();
    refs.sort();
    refs
}

/// Writes every ref and all history to `out`, then verifies the bundle.
pub fn backup(repo: &Repo, out: &Path) -> Result<BackupReport> {
    let out = absolute(repo.workdir(), out);
    let target = out.to_string_lossy().into_owned();
    run_git(
        repo.workdir(),
        &["bundle", "create", "--quiet", &target, "--all"],
    )?;
    run_git(repo.workdir(), &["bundle", "verify", "--quiet", &target])?;
    let refs = parse_heads(&run_git(
        repo.workdir(),
        &["bundle", "list-heads", &target],
    )?);
    let bytes = std::fs::metadata(&out)
        .map_err(|source| Error::Io {
            path: out.clone(),
            source,
        })?
        .len();
    Ok(BackupReport {
        path: out,
        refs,
        bytes,
    })
}

/// Verifies `bundle`, clones it into `into`, and checks that every branch and tag in the bundle
/// exists in the new repository with the same commit.
///
/// `into` must not exist or be an empty folder: a restore never overwrites files silently. With
/// `force` a non-empty folder is accepted (files the bundle also holds are replaced). When the
/// restore fails, what it created is removed again: the folder when it did not exist, its
/// contents when it was empty, the new `.git` otherwise.
///
/// The bundle and the folder are paths the user chose on the command line, not names from the
/// project, so they may lie outside it (a backup usually does).
pub fn restore(cwd: &Path, bundle: &Path, into: &Path, force: bool) -> Result<RestoreReport> {
    let bundle = absolute(cwd, bundle);
    let into = absolute(cwd, into);
    let before = TargetState::of(&into)?;
    if before == TargetState::Occupied && !force {
        return Err(Error::TargetNotEmpty { path: into });
    }
    let git_dir_existed = into.join(".git").exists();
    let restored = restore_into(cwd, &bundle, &into);
    if restored.is_err() {
        // Best effort: the error that stopped the restore is the one worth reporting.
        let _ = match before {
            TargetState::Missing => std::fs::remove_dir_all(&into),
            TargetState::Empty => empty_folder(&into),
            TargetState::Occupied if !git_dir_existed => std::fs::remove_dir_all(into.join(".git")),
            TargetState::Occupied => Ok(()),
        };
    }
    restored
}

/// What was at the restore target before the restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetState {
    Missing,
    Empty,
    Occupied,
}

impl TargetState {
    fn of(path: &Path) -> Result<TargetState> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(TargetState::Missing),
            Err(source) => Err(io(source)),
            Ok(metadata) if !metadata.is_dir() => Ok(TargetState::Occupied),
            Ok(_) => {
                let mut entries = std::fs::read_dir(path).map_err(io)?;
                Ok(if entries.next().is_none() {
                    TargetState::Empty
                } else {
                    TargetState::Occupied
                })
            }
        }
    }
}

/// Removes everything inside `dir`, keeping `dir`.
fn empty_folder(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn restore_into(cwd: &Path, bundle: &Path, into: &Path) -> Result<RestoreReport> {
    let bundle_text = bundle.to_string_lossy().into_owned();
    let into_text = into.to_string_lossy().into_owned();
    // `git bundle verify` needs a repository; any empty one will do.
    let scratch = tempdir_in(cwd)?;
    run_git(&scratch, &["init", "--quiet"])?;
    let verified = run_git(&scratch, &["bundle", "verify", "--quiet", &bundle_text]);
    let _ = std::fs::remove_dir_all(&scratch);
    verified?;
    let expected = parse_heads(&run_git(cwd, &["bundle", "list-heads", &bundle_text])?);
    run_git(
        cwd,
        &[
            "clone",
            "--quiet",
            "--mirror",
            &bundle_text,
            &format!("{into_text}/.git"),
        ],
    )?;
    run_git(into, &["config", "--bool", "core.bare", "false"])?;
    run_git(into, &["config", "--unset", "remote.origin.mirror"]).ok();
    run_git(into, &["reset", "--quiet", "--hard"])?;
    let actual = parse_heads(&run_git(into, &["show-ref", "--head"])?);
    for (name, id) in &expected {
        if !actual.iter().any(|(n, i)| n == name && i == id) {
            return Err(Error::GitCommand {
                command: "show-ref".to_owned(),
                message: format!("restored repository lacks `{name}` at {id}"),
            });
        }
    }
    Ok(RestoreReport {
        path: into.to_path_buf(),
        refs: expected,
    })
}

fn absolute(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

fn tempdir_in(base: &Path) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("promptctl-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: base.join(&dir),
        source,
    })?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_sorted_pairs() {
        let heads = parse_heads("bbb refs/heads/main\naaa HEAD\n");
        assert_eq!(
            heads,
            [
                ("HEAD".to_owned(), "aaa".to_owned()),
                ("refs/heads/main".to_owned(), "bbb".to_owned())
            ]
        );
    }
}
