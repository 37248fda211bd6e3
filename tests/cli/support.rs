//! The hermetic test environment and a runner whose output must be asserted on.
#![allow(dead_code, clippy::disallowed_methods)] // helpers are shared by every command module

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary project directory and the environment promptctl runs in.
pub(crate) struct TestEnv {
    dir: tempfile::TempDir,
    extra_env: Vec<(String, String)>,
}

/// What one run of promptctl produced.
#[must_use = "assert on the output"]
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) code: i32,
}

impl Output {
    /// stdout, stderr and the exit code in one string, with the temp dir replaced by `[ROOT]`.
    pub(crate) fn normalized(&self, root: &Path) -> String {
        let root = root.to_string_lossy();
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
        .replace(root.as_ref(), "[ROOT]")
    }
}

impl TestEnv {
    /// An empty directory.
    pub(crate) fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
            extra_env: Vec::new(),
        }
    }

    /// A project with `promptctl.yaml` (prompts under `prompts/`).
    pub(crate) fn project() -> TestEnv {
        let env = TestEnv::new();
        env.write("promptctl.yaml", "prompts: prompts\n");
        std::fs::create_dir_all(env.path().join("prompts")).expect("prompts dir");
        env
    }

    /// The project root.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), relative to the root.
    pub(crate) fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// Reads a file relative to the root.
    pub(crate) fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(relative)).expect("read file")
    }

    /// Adds an environment variable for every later run.
    pub(crate) fn env(&mut self, key: &str, value: &str) -> &mut TestEnv {
        self.extra_env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The promptctl command, hermetic, working in the project root.
    pub(crate) fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_promptctl"));
        cmd.current_dir(self.dir.path())
            .env_clear()
            .env("HOME", self.dir.path().join(".home"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_CONFIG_COUNT", "2")
            .env("GIT_CONFIG_KEY_0", "user.name")
            .env("GIT_CONFIG_VALUE_0", "Test User")
            .env("GIT_CONFIG_KEY_1", "user.email")
            .env("GIT_CONFIG_VALUE_1", "test@example.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env("PROMPTCTL_TIMESTAMP", "2026-01-01T00:00:00Z")
            .env("PROMPTCTL_SEED", "42");
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs promptctl with arguments.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, "")
    }

    /// Runs promptctl with arguments and text on stdin.
    pub(crate) fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn promptctl");
        {
            use std::io::Write;
            let mut input = child.stdin.take().expect("stdin");
            input.write_all(stdin.as_bytes()).expect("write stdin");
        }
        let out = child.wait_with_output().expect("wait for promptctl");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Runs `git` in the project root with the same hermetic environment.
    pub(crate) fn git(&self, args: &[&str]) -> Output {
        let out = Command::new("git")
            .current_dir(self.dir.path())
            .env_clear()
            .envs(
                self.command()
                    .get_envs()
                    .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
            )
            .args(args)
            .output()
            .expect("run git");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }
}

/// Copies a folder tree (files and folders only), e.g. the bundled example library.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
