//! The diff driver `init` registers, under real `git diff`, `git log -p`, `git show` and
//! `git blame`: the semantic diff through promptctl on PATH, dotted field paths through the
//! textconv, and a plain text diff (exit 0, no error) when git cannot run promptctl.

use crate::merge_driver::inherited_path;
use crate::support::TestEnv;
use crate::versioning::{commit_all, git_ok};

/// A project set up by `promptctl init` in a git repository with one commit, and a `bin` folder
/// first on git's PATH where the test puts (or does not put) a `promptctl`.
struct InitRepo {
    env: TestEnv,
    bin: tempfile::TempDir,
}

impl InitRepo {
    fn new() -> InitRepo {
        let mut env = TestEnv::new();
        let bin = tempfile::tempdir().expect("bin dir");
        env.env(
            "PATH",
            &format!("{}:{}", bin.path().display(), inherited_path()),
        );
        git_ok(&env, &["init", "-q", "-b", "main"]);
        let out = env.run(&["init"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        commit_all(&env, "init");
        InitRepo { env, bin }
    }

    fn with_promptctl(self) -> InitRepo {
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_promptctl"),
            self.bin.path().join("promptctl"),
        )
        .expect("link promptctl");
        self
    }

    fn with_fake_promptctl(self, script: &str) -> InitRepo {
        use std::os::unix::fs::PermissionsExt as _;
        let path = self.bin.path().join("promptctl");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("write script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        self
    }

    /// Changes a front-matter field, a nested schema field and one word of the body.
    fn edit_example(&self) {
        let text = self.env.read("prompts/hello.prompt");
        let edited = text
            .replace("status: draft", "status: active")
            .replace("name: string, who is asking", "name: string, who asks")
            .replace("a friendly assistant", "a helpful assistant");
        assert_ne!(text, edited, "the example prompt changed: update the test");
        self.env.write("prompts/hello.prompt", &edited);
    }

    fn git(&self, args: &[&str]) -> crate::support::Output {
        let out = self.env.git(args);
        assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
        out
    }
}

#[test]
fn init_routes_prompt_files_to_the_diff_driver() {
    let repo = InitRepo::new();
    assert_eq!(
        repo.env.read(".gitattributes"),
        "*.prompt merge=promptctl diff=promptctl\n"
    );
    let config = |key: &str| git_ok(&repo.env, &["config", key]).trim_end().to_owned();
    assert_eq!(
        config("diff.promptctl.command"),
        promptctl::store::DIFF_COMMAND
    );
    assert_eq!(
        config("diff.promptctl.textconv"),
        promptctl::store::DIFF_TEXTCONV
    );
}

#[test]
fn plain_git_diff_shows_the_changed_field_and_the_changed_word() {
    let repo = InitRepo::new().with_promptctl();
    repo.edit_example();
    let out = repo.git(&["diff"]);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("prompts/hello.prompt ("),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("→ working tree)\nfields:\n")
            && out
                .stdout
                .contains("  ~ input.schema.name: string, who is asking → string, who asks\n")
            && out.stdout.contains("  ~ status: draft → active\n"),
        "fields by name:\n{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("body (+1 -1):\n  You are a [-friendly-]{+helpful+} assistant."),
        "the body word by word:\n{}",
        out.stdout
    );
}

#[test]
fn git_log_and_show_name_the_field_of_each_changed_line() {
    let repo = InitRepo::new().with_promptctl();
    repo.edit_example();
    commit_all(&repo.env, "edit");
    for args in [&["log", "-p", "-1"][..], &["show"]] {
        let out = repo.git(args);
        assert!(
            out.stdout.contains("-status: draft\n+status: active\n"),
            "{args:?}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains(
                "-    input.schema.name: string, who is asking\n+    input.schema.name: string, who asks\n"
            ),
            "{args:?} names the nested field:\n{}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains("+You are a helpful assistant. Answer in two sentences or fewer.\n"),
            "{args:?}:\n{}",
            out.stdout
        );
    }
    // With `--ext-diff` they run the same semantic diff as `git diff`.
    for args in [
        &["log", "-p", "-1", "--ext-diff"][..],
        &["show", "--ext-diff"],
    ] {
        let out = repo.git(args);
        assert!(
            out.stdout.contains("  ~ status: draft → active\n")
                && out.stdout.contains("[-friendly-]{+helpful+}"),
            "{args:?}:\n{}",
            out.stdout
        );
    }
}

#[test]
fn git_blame_through_the_textconv_keeps_the_file_s_line_numbers() {
    let repo = InitRepo::new().with_promptctl();
    repo.edit_example();
    commit_all(&repo.env, "edit");
    let file = repo.env.read("prompts/hello.prompt");
    let blame = repo.git(&["blame", "-s", "prompts/hello.prompt"]).stdout;
    assert_eq!(blame.lines().count(), file.lines().count(), "{blame}");
    let line = file
        .lines()
        .position(|l| l.contains("string, who asks"))
        .expect("edited line")
        + 1;
    let blamed = blame.lines().nth(line - 1).expect("blamed line");
    assert!(
        blamed.contains(&format!("{line:>2}) "))
            && blamed.ends_with("input.schema.name: string, who asks"),
        "{blame}"
    );
}

#[test]
fn git_diff_shows_added_and_deleted_prompts() {
    let repo = InitRepo::new().with_promptctl();
    repo.env.write(
        "prompts/new.prompt",
        "---\nmodel: openai/gpt-4o\n---\nHi.\n",
    );
    git_ok(&repo.env, &["rm", "-q", "prompts/hello.prompt"]);
    git_ok(&repo.env, &["add", "prompts/new.prompt"]);
    let out = repo.git(&["diff", "--cached"]);
    assert!(
        out.stdout
            .contains("prompts/hello.prompt (deleted)\nfields:\n  - description: Greets"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("prompts/new.prompt (added)\nfields:\n  + model: openai/gpt-4o\nbody (+1 -0):\n  {+Hi.+}\n"),
        "{}",
        out.stdout
    );
}

fn assert_plain_text_diff(out: &crate::support::Output) {
    assert!(
        out.stdout.contains("-status: draft\n+status: active\n")
            && out.stdout.contains("-You are a friendly assistant.")
            && out.stdout.contains("+You are a helpful assistant."),
        "a line diff of the file as written:\n{}",
        out.stdout
    );
}

#[test]
fn without_promptctl_on_path_git_still_prints_a_plain_text_diff() {
    let repo = InitRepo::new();
    repo.edit_example();
    let out = repo.git(&["diff"]);
    assert_plain_text_diff(&out);
    assert!(out.stdout.contains("@@ "), "{}", out.stdout);
    assert!(out.stderr.is_empty(), "no error, no noise: {}", out.stderr);
    commit_all(&repo.env, "edit");
    for args in [&["log", "-p", "-1"][..], &["show"], &["show", "--ext-diff"]] {
        let out = repo.git(args);
        assert_plain_text_diff(&out);
        assert!(
            out.stdout.contains("    name: string, who asks\n"),
            "{args:?}: the file as written:\n{}",
            out.stdout
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn a_broken_promptctl_falls_back_to_a_text_diff_and_says_so() {
    let repo = InitRepo::new().with_fake_promptctl("echo broken >&2; exit 2");
    repo.edit_example();
    let out = repo.git(&["diff"]);
    assert_plain_text_diff(&out);
    assert!(
        out.stderr.contains(
            "promptctl diff-driver failed (exit 2); showing a text diff: prompts/hello.prompt"
        ),
        "{}",
        out.stderr
    );
    let log = repo.git(&["log", "-p", "-1", "--format="]);
    assert!(log.stdout.contains("+status: draft\n"), "{}", log.stdout);
}

#[test]
fn doctor_reports_a_missing_diff_driver_like_a_missing_merge_driver() {
    let repo = InitRepo::new().with_promptctl();
    let env = &repo.env;
    let healthy = env.run(&["doctor"]);
    assert_eq!(healthy.code, 0, "{}", healthy.stdout);
    assert!(
        healthy.stdout.contains("ok       diff driver: ")
            && healthy.stdout.contains("ok       diff attributes: "),
        "{}",
        healthy.stdout
    );
    git_ok(env, &["config", "--remove-section", "diff.promptctl"]);
    let doctor = env.run(&["doctor"]);
    assert_eq!(doctor.code, 1, "{}", doctor.stdout);
    assert!(
        doctor.stdout.contains(
            "problem  diff driver: `.gitattributes` names the `promptctl` diff driver, but git \
             config does not register it"
        ) && doctor
            .stdout
            .contains("fix: run `promptctl merge-driver --install` once in this clone"),
        "{}",
        doctor.stdout
    );
    assert!(env.run(&["lint"]).stderr.contains(
        "notice: `.gitattributes` names promptctl's diff driver, but this clone's git config \
             does not register it: run `promptctl merge-driver --install`"
    ));
    assert_eq!(env.run(&["init"]).code, 0);
    assert_eq!(env.run(&["doctor"]).code, 0);
}

#[test]
fn init_adds_the_diff_driver_to_a_repository_set_up_before_it_existed() {
    let repo = InitRepo::new().with_promptctl();
    let env = &repo.env;
    env.write(".gitattributes", "*.prompt merge=promptctl\n");
    git_ok(env, &["config", "--remove-section", "diff.promptctl"]);
    let doctor = env.run(&["doctor"]);
    assert!(
        doctor
            .stdout
            .contains("warning  diff attributes: `.gitattributes` does not send prompt files"),
        "{}",
        doctor.stdout
    );
    assert_eq!(env.run(&["merge-driver", "--install"]).code, 0);
    assert_eq!(
        env.read(".gitattributes"),
        "*.prompt merge=promptctl\n*.prompt diff=promptctl\n"
    );
    repo.edit_example();
    assert!(
        repo.git(&["diff"])
            .stdout
            .contains("  ~ status: draft → active\n")
    );
}

#[test]
fn git_diff_during_a_conflict_shows_only_the_conflict() {
    let repo = InitRepo::new().with_promptctl();
    let env = &repo.env;
    let text = env.read("prompts/hello.prompt");
    git_ok(env, &["switch", "-q", "-c", "feature"]);
    env.write(
        "prompts/hello.prompt",
        &text.replace("Answer in two", "Answer in three"),
    );
    commit_all(env, "theirs");
    git_ok(env, &["switch", "-q", "main"]);
    env.write(
        "prompts/hello.prompt",
        &text.replace("Answer in two", "Answer in four"),
    );
    commit_all(env, "ours");
    assert_eq!(env.git(&["merge", "--no-edit", "feature"]).code, 1);
    let out = repo.git(&["diff"]);
    // The combined diff compares the conflicted file with both sides through the textconv:
    // the nested keys read the same on all three, so only the conflict shows.
    let changed: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with([' ', '+', '-']) && l.get(..2).is_some_and(|p| p != "  "))
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
        .collect();
    assert_eq!(
        changed,
        [
            "++<<<<<<< ours",
            " +You are a friendly assistant. Answer in four sentences or fewer.",
            "++=======",
            "+ You are a friendly assistant. Answer in three sentences or fewer.",
            "++>>>>>>> theirs",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn a_prompt_that_is_not_utf8_is_left_to_git() {
    let repo = InitRepo::new().with_promptctl();
    let env = &repo.env;
    std::fs::write(
        env.path().join("prompts/latin1.prompt"),
        b"---\nmodel: openai/gpt-4o\n---\ncaf\xe9\n",
    )
    .expect("write file");
    commit_all(env, "latin1");
    std::fs::write(
        env.path().join("prompts/latin1.prompt"),
        b"---\nmodel: openai/gpt-4.1\n---\ncaf\xe9\n",
    )
    .expect("write file");
    let out = repo.git(&["diff"]);
    assert!(
        out.stdout
            .contains("-model: openai/gpt-4o\n+model: openai/gpt-4.1\n"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn diff_driver_called_with_the_wrong_arguments_is_a_usage_error() {
    let env = TestEnv::new();
    env.write("a.prompt", "x\n");
    let out = env.run(&["diff-driver", "a.prompt", "a.prompt"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "diff-driver takes the 1, 7 or 9 arguments git passes an external diff, not 2"
        ),
        "{}",
        out.stderr
    );
    let missing = env.run(&["diff-driver", "--textconv", "nope.prompt"]);
    assert_eq!(missing.code, 6, "{}", missing.stderr);
}
