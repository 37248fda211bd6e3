//! One writer per results file: the lock that keeps a run exactly-once.
//!
//! `ab run --resume` reads the samples a run has recorded and runs the rest. Two resumes of the
//! same run (or a resume while the run is still going) would each run the rest: every remaining
//! sample called, paid for and recorded twice. So before a writer touches a results file it
//! creates `<results file>.lock` with `create_new` (`O_EXCL`: of two processes, exactly one
//! succeeds) and writes who it is — process id, host and start time, given by the caller, since
//! the core reads no clock. The lock is removed when the [`RunLock`] is dropped: when the run
//! completes, fails, or stops after Ctrl-C.
//!
//! A writer killed by `kill -9`, a crash or a power cut leaves its lock behind. A lock is
//! *stale* when it names this host and a process that no longer exists; a stale lock is taken
//! over. Whether a process exists is read from `/proc/<pid>`, so only on Linux (and other
//! systems with a Linux-style `/proc`). Where there is no `/proc` (macOS, Windows), or when the
//! lock names another host (a shared folder, a restored CI cache), nobody can tell whether the
//! holder still runs: the lock is respected, and the error names the file to delete once the
//! holder is known to be gone.

use std::ffi::OsString;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// When the holder took the lock (RFC 3339).
    pub started_at: String,
}

/// What can be said about a holder that is not this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderState {
    /// The holder is a live process on this host.
    Running,
    /// The holder is on another host: whether it runs cannot be checked from here.
    OtherHost,
    /// This system has no `/proc`: whether the holder runs cannot be checked.
    Unknown,
}

/// Errors taking a run's lock.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another writer holds the lock.
    #[error(
        "the run is locked: process {} on `{}` has been writing it since {} (lock file `{}`)",
        holder.pid, holder.host, holder.started_at, path.display()
    )]
    Held {
        /// The lock file.
        path: PathBuf,
        /// Who holds it.
        holder: LockHolder,
        /// Whether the holder is known to run.
        state: HolderState,
    },
    /// The lock file exists but does not say who holds it (being written, or damaged).
    #[error("the run is locked by a writer that cannot be identified (lock file `{}`: {message})", path.display())]
    Unreadable {
        /// The lock file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// IO on the lock file failed.
    #[error("cannot lock the run with `{}`", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// The lock on one results file, held until dropped.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
    content: Vec<u8>,
    took_over: Option<LockHolder>,
}

/// How many times a stale lock is taken over before giving up (each try loses only to another
/// writer that took the lock first, which the next try reports as the holder).
const ATTEMPTS: usize = 3;

impl RunLock {
    /// The lock file of a results file: its name with `.lock` appended.
    pub fn path_for(journal: &Path) -> PathBuf {
        let mut name = journal
            .file_name()
            .map_or_else(OsString::new, ToOwned::to_owned);
        name.push(".lock");
        journal.with_file_name(name)
    }

    /// Takes the lock of `journal` for `me` (creating the folder if needed), taking over a
    /// stale lock; fails when another writer holds it or may hold it.
    pub fn acquire(journal: &Path, me: &LockHolder) -> Result<RunLock, LockError> {
        let path = RunLock::path_for(journal);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut content = serde_json::to_vec(me).map_err(|e| io(e.into()))?;
        content.push(b'\n');
        let mut took_over = None;
        for _ in 0..ATTEMPTS {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    if let Err(e) = file.write_all(&content) {
                        let _ = std::fs::remove_file(&path);
                        return Err(io(e));
                    }
                    return Ok(RunLock {
                        path,
                        content,
                        took_over,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
            let found = match std::fs::read(&path) {
                Ok(found) => found,
                // Released between our attempt and the read: try again.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(e)),
            };
            let holder = parse(&path, &found)?;
            if let Some(state) = state(&holder, me) {
                return Err(LockError::Held {
                    path,
                    holder,
                    state,
                });
            }
            take_over(&path, &found, me)?;
            took_over = Some(holder);
        }
        let found = std::fs::read(&path).map_err(io)?;
        let holder = parse(&path, &found)?;
        Err(LockError::Held {
            state: state(&holder, me).unwrap_or(HolderState::Running),
            path,
            holder,
        })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The holder of the stale lock this lock replaced, if any.
    pub fn took_over(&self) -> Option<&LockHolder> {
        self.took_over.as_ref()
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Remove the file only while it is still ours: if it was deleted by hand and another
        // writer locked the run since, that writer's lock must stay.
        if std::fs::read(&self.path).is_ok_and(|found| found == self.content) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn parse(path: &Path, found: &[u8]) -> Result<LockHolder, LockError> {
    serde_json::from_slice(found).map_err(|e| LockError::Unreadable {
        path: path.to_path_buf(),
        message: if found.is_empty() {
            "it is empty".to_owned()
        } else {
            e.to_string()
        },
    })
}

/// `None` when the holder is gone (a stale lock); otherwise what is known about it.
fn state(holder: &LockHolder, me: &LockHolder) -> Option<HolderState> {
    if holder.host != me.host {
        return Some(HolderState::OtherHost);
    }
    // A lock naming this very process was left by an earlier process that had the same id.
    if holder.pid == me.pid {
        return None;
    }
    match process_exists(holder.pid) {
        Some(true) => Some(HolderState::Running),
        Some(false) => None,
        None => Some(HolderState::Unknown),
    }
}

/// Whether a process exists on this host; `None` where the system has no `/proc`.
fn process_exists(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

/// Removes the stale lock whose content is `stale`, unless another writer replaced it first.
///
/// Deleting by name would race: two writers that both found the stale lock could each delete
/// it, and the slower one would delete the lock the faster one had just taken. So the file is
/// renamed to a name of our own (atomic: only one rename of it succeeds), and what was moved is
/// checked: if it is not the stale lock, it is put back.
fn take_over(path: &Path, stale: &[u8], me: &LockHolder) -> Result<(), LockError> {
    let io = |source| LockError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut name = path
        .file_name()
        .map_or_else(OsString::new, ToOwned::to_owned);
    name.push(format!(".stale-{}", me.pid));
    let aside = path.with_file_name(name);
    match std::fs::rename(path, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    }
    let moved = std::fs::read(&aside).map_err(io)?;
    if moved == stale {
        std::fs::remove_file(&aside).map_err(io)?;
        return Ok(());
    }
    // Another writer took the lock between our read and our rename: give it back.
    match std::fs::hard_link(&aside, path) {
        Ok(()) => std::fs::remove_file(&aside).map_err(io)?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(&aside).map_err(io)?;
        }
        Err(_) => std::fs::rename(&aside, path).map_err(io)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> LockHolder {
        LockHolder {
            pid: std::process::id(),
            host: "here".into(),
            started_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn the_lock_sits_next_to_the_results_file() {
        assert_eq!(
            RunLock::path_for(Path::new("results/e/r1.shard-1-of-2.jsonl")),
            Path::new("results/e/r1.shard-1-of-2.jsonl.lock")
        );
    }

    #[test]
    fn a_second_writer_is_refused_until_the_first_drops_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("results/e/r.jsonl");
        let first = RunLock::acquire(&journal, &me()).unwrap();
        assert!(first.took_over().is_none());
        let text = std::fs::read_to_string(first.path()).unwrap();
        assert!(
            text.contains(&format!("\"pid\":{}", std::process::id())),
            "{text}"
        );
        // Another live process on this host (this test's own process, seen as someone else).
        let other = LockHolder {
            pid: dead_pid(),
            ..me()
        };
        let err = RunLock::acquire(&journal, &other).unwrap_err();
        assert!(
            matches!(err, LockError::Held { state: HolderState::Running, ref holder, .. } if holder.pid == std::process::id()),
            "{err}"
        );
        drop(first);
        assert!(!RunLock::path_for(&journal).exists());
        let second = RunLock::acquire(&journal, &other).unwrap();
        assert!(second.took_over().is_none());
    }

    #[test]
    fn a_stale_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("r.jsonl");
        let dead = LockHolder {
            pid: dead_pid(),
            ..me()
        };
        std::mem::forget(RunLock::acquire(&journal, &dead).unwrap());
        let lock = RunLock::acquire(&journal, &me()).unwrap();
        assert_eq!(lock.took_over(), Some(&dead));
        assert_eq!(
            std::fs::read(lock.path()).unwrap(),
            [serde_json::to_vec(&me()).unwrap(), b"\n".to_vec()].concat()
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "nothing left aside: {leftovers:?}");
    }

    #[test]
    fn a_lock_from_another_host_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("r.jsonl");
        let elsewhere = LockHolder {
            pid: dead_pid(),
            host: "ci-runner-7".into(),
            ..me()
        };
        let _held = RunLock::acquire(&journal, &elsewhere).unwrap();
        let err = RunLock::acquire(&journal, &me()).unwrap_err();
        assert!(
            matches!(
                err,
                LockError::Held {
                    state: HolderState::OtherHost,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("on `ci-runner-7`"), "{err}");
    }

    #[test]
    fn an_unreadable_lock_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("r.jsonl");
        std::fs::write(RunLock::path_for(&journal), "").unwrap();
        let err = RunLock::acquire(&journal, &me()).unwrap_err();
        assert!(matches!(err, LockError::Unreadable { .. }), "{err}");
        assert!(err.to_string().contains("it is empty"), "{err}");
    }

    #[test]
    fn dropping_leaves_a_lock_that_is_no_longer_ours() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("r.jsonl");
        let lock = RunLock::acquire(&journal, &me()).unwrap();
        std::fs::write(lock.path(), "someone else\n").unwrap();
        let path = lock.path().to_path_buf();
        drop(lock);
        assert_eq!(std::fs::read_to_string(path).unwrap(), "someone else\n");
    }

    #[test]
    fn taking_over_gives_back_a_lock_another_writer_took_first() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("r.jsonl");
        let path = RunLock::path_for(&journal);
        std::fs::write(&path, "the live lock of the faster writer\n").unwrap();
        take_over(&path, b"the stale lock both writers read\n", &me()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "the live lock of the faster writer\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
