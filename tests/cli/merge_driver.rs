//! `promptctl merge-driver` under real `git merge` of real branches: installation, a clean
//! key-by-key merge that a line merge would conflict on, a conflict on the same key with markers
//! only around it, an overlapping body conflict, and a file that does not parse. The driver is
//! run the way git runs it, through `sh -c` and PATH: with promptctl on PATH, missing from it, or
//! replaced by a script that fails or crashes, a conflict keeps both sides.

use crate::support::TestEnv;
use crate::versioning::{commit_all, git_ok};

const BASE: &str = "---\nmodel: openai/gpt-4o\nconfig:\n  temperature: 0.2\ntags: [support]\n---\nGreet the customer.\nAnswer the question.\nSign off.\n";

/// The test process's PATH, which the hermetic environment passes on too.
#[allow(clippy::disallowed_methods)] // the test builds promptctl's environment, not promptctl
pub(crate) fn inherited_path() -> String {
    std::env::var("PATH").unwrap_or_default()
}

/// A repository with the driver installed as `init` registers it, and a `bin` folder first on
/// PATH where the test puts (or does not put) a `promptctl` for git to run.
struct DriverRepo {
    env: TestEnv,
    bin: tempfile::TempDir,
}

impl DriverRepo {
    fn new() -> DriverRepo {
        let mut env = TestEnv::project();
        let bin = tempfile::tempdir().expect("bin dir");
        let inherited = inherited_path();
        env.env("PATH", &format!("{}:{inherited}", bin.path().display()));
        git_ok(&env, &["init", "-q", "-b", "main"]);
        let out = env.run(&["merge-driver", "--install"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        env.write("prompts/reply.prompt", BASE);
        commit_all(&env, "base");
        DriverRepo { env, bin }
    }

    /// Puts the promptctl under test on PATH.
    fn with_promptctl(self) -> DriverRepo {
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_promptctl"),
            self.bin.path().join("promptctl"),
        )
        .expect("link promptctl");
        self
    }

    /// Puts a shell script named `promptctl` on PATH.
    fn with_fake_promptctl(self, script: &str) -> DriverRepo {
        use std::os::unix::fs::PermissionsExt as _;
        let path = self.bin.path().join("promptctl");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("write script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        self
    }

    /// Whether the shell git runs the driver with finds a `promptctl`.
    fn shell_finds_promptctl(&self) -> bool {
        let mut sh = std::process::Command::new("sh");
        sh.env_clear().envs(
            self.env
                .command()
                .get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        );
        sh.args(["-c", "command -v promptctl"])
            .output()
            .expect("run sh")
            .status
            .success()
    }
}

/// A repository with the driver installed and the promptctl under test on PATH.
fn repo_with_driver() -> DriverRepo {
    DriverRepo::new().with_promptctl()
}

fn branches(env: &TestEnv, ours: &str, theirs: &str) {
    git_ok(env, &["switch", "-q", "-c", "feature"]);
    env.write("prompts/reply.prompt", theirs);
    commit_all(env, "theirs");
    git_ok(env, &["switch", "-q", "main"]);
    env.write("prompts/reply.prompt", ours);
    commit_all(env, "ours");
}

#[test]
fn install_registers_the_fail_safe_driver_once() {
    let repo = DriverRepo::new();
    let env = &repo.env;
    assert_eq!(
        env.read(".gitattributes"),
        "*.prompt merge=promptctl diff=promptctl\n"
    );
    assert_eq!(
        git_ok(env, &["config", "merge.promptctl.driver"]).trim_end(),
        promptctl::store::MERGE_DRIVER_COMMAND
    );
    // Installing twice changes nothing; installing over the old command replaces it.
    git_ok(
        env,
        &[
            "config",
            "merge.promptctl.driver",
            "promptctl merge-driver %O %A %B %P",
        ],
    );
    assert_eq!(env.run(&["merge-driver", "--install"]).code, 0);
    assert_eq!(env.run(&["merge-driver", "--install"]).code, 0);
    assert_eq!(
        env.read(".gitattributes"),
        "*.prompt merge=promptctl diff=promptctl\n"
    );
    assert_eq!(
        git_ok(env, &["config", "--get-all", "merge.promptctl.driver"]).trim_end(),
        promptctl::store::MERGE_DRIVER_COMMAND
    );
}

#[test]
fn install_waits_for_a_held_config_lock_and_writes_nothing_past_it() {
    let repo = DriverRepo::new();
    let env = &repo.env;
    git_ok(env, &["config", "--unset", "merge.promptctl.driver"]);
    let config = env.path().join(".git/config");
    let before = std::fs::read_to_string(&config).expect("read config");
    // A `git config` in progress: the lock exists with the content it is about to write.
    std::fs::write(config.with_extension("lock"), &before).expect("write lock");
    let out = env.run(&["merge-driver", "--install"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("config.lock"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&config).expect("read config"),
        before
    );
    std::fs::remove_file(config.with_extension("lock")).expect("remove lock");
    assert_eq!(env.run(&["merge-driver", "--install"]).code, 0);
}

#[test]
fn install_racing_git_config_loses_neither_write() {
    let repo = DriverRepo::new();
    let env = &repo.env;
    for round in 0..8 {
        git_ok(env, &["config", "--unset", "merge.promptctl.driver"]);
        let mut install = env.command();
        install
            .args(["merge-driver", "--install"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = install.spawn().expect("spawn promptctl");
        // `git config` fails at once on a held lock; retry as a user would, a bounded number of times.
        let key = format!("race.key{round}");
        let mut written = false;
        for _ in 0..200 {
            if env.git(&["config", &key, "set"]).code == 0 {
                written = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let status = child.wait_with_output().expect("wait promptctl");
        assert!(status.status.success(), "round {round}: {status:?}");
        assert!(written, "round {round}: git config never got the lock");
        assert_eq!(
            git_ok(env, &["config", "merge.promptctl.driver"]).trim_end(),
            promptctl::store::MERGE_DRIVER_COMMAND,
            "round {round}: the driver registration was lost"
        );
        for earlier in 0..=round {
            assert_eq!(
                git_ok(env, &["config", &format!("race.key{earlier}")]).trim_end(),
                "set",
                "round {round}: git config's race.key{earlier} was lost"
            );
        }
    }
}

/// Both branches edit the same body line; returns git's exit code and the merged file.
fn merge_overlapping_body_edits(env: &TestEnv) -> (i32, String) {
    branches(
        env,
        &BASE.replace("Answer the question.", "Answer briefly."),
        &BASE.replace("Answer the question.", "Answer in detail."),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    (out.code, env.read("prompts/reply.prompt"))
}

fn assert_both_sides_kept(code: i32, merged: &str) {
    assert_eq!(code, 1, "git must report a conflict:\n{merged}");
    assert!(
        merged.contains(
            "<<<<<<< ours\nAnswer briefly.\n=======\nAnswer in detail.\n>>>>>>> theirs\n"
        ),
        "both sides must be in the file, between markers:\n{merged}"
    );
}

#[test]
fn a_conflict_through_promptctl_on_path_keeps_both_sides() {
    let repo = repo_with_driver();
    assert!(repo.shell_finds_promptctl());
    let (code, merged) = merge_overlapping_body_edits(&repo.env);
    assert_both_sides_kept(code, &merged);
    assert!(
        merged.starts_with("---\nmodel: openai/gpt-4o\n"),
        "{merged}"
    );
}

#[test]
fn promptctl_missing_from_path_still_leaves_a_normal_conflict_with_both_sides() {
    let repo = DriverRepo::new();
    assert!(
        !repo.shell_finds_promptctl(),
        "this test needs a PATH without promptctl"
    );
    let env = &repo.env;
    let (code, merged) = merge_overlapping_body_edits(env);
    assert_both_sides_kept(code, &merged);
    assert!(
        git_ok(env, &["status", "--porcelain"]).contains("UU prompts/reply.prompt"),
        "the file must be left unmerged"
    );
}

#[test]
fn promptctl_missing_from_path_still_merges_separate_edits_as_text() {
    let repo = DriverRepo::new();
    let env = &repo.env;
    branches(
        env,
        &BASE.replace("Greet the customer.", "Greet the customer by name."),
        &BASE.replace("Sign off.", "Sign off warmly."),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        env.read("prompts/reply.prompt"),
        BASE.replace("Greet the customer.", "Greet the customer by name.")
            .replace("Sign off.", "Sign off warmly.")
    );
}

#[test]
fn a_driver_that_exits_2_leaves_both_sides_and_says_so() {
    let repo = DriverRepo::new().with_fake_promptctl("echo broken >&2; exit 2");
    let env = &repo.env;
    branches(
        env,
        &BASE.replace("Answer the question.", "Answer briefly."),
        &BASE.replace("Answer the question.", "Answer in detail."),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_both_sides_kept(out.code, &env.read("prompts/reply.prompt"));
    assert!(
        out.stderr.contains(
            "promptctl merge-driver failed (exit 2); merging as text: prompts/reply.prompt"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_driver_that_crashes_leaves_both_sides() {
    let repo = DriverRepo::new().with_fake_promptctl("kill -SEGV $$");
    let (code, merged) = merge_overlapping_body_edits(&repo.env);
    assert_both_sides_kept(code, &merged);
}

#[test]
fn edits_to_adjacent_keys_merge_cleanly() {
    let repo = repo_with_driver();
    let env = &repo.env;
    branches(
        env,
        &BASE.replace("tags: [support]", "tags: [support, billing]"),
        &BASE.replace("temperature: 0.2", "temperature: 0.5"),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        env.read("prompts/reply.prompt"),
        BASE.replace("tags: [support]", "tags: [support, billing]")
            .replace("temperature: 0.2", "temperature: 0.5")
    );
    // Plain git would have conflicted on these adjacent lines.
    git_ok(env, &["config", "--remove-section", "merge.promptctl"]);
    git_ok(env, &["reset", "-q", "--hard", "HEAD~1"]);
    assert_eq!(env.git(&["merge", "--no-edit", "feature"]).code, 1);
}

#[test]
fn same_key_on_both_sides_conflicts_around_that_key_only() {
    let repo = repo_with_driver();
    let env = &repo.env;
    branches(
        env,
        &BASE
            .replace("temperature: 0.2", "temperature: 0.9")
            .replace("Sign off.", "Sign off warmly."),
        &BASE
            .replace("temperature: 0.2", "temperature: 0.5")
            .replace("Greet the customer.", "Greet the customer by name."),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("CONFLICT (content): Merge conflict in prompts/reply.prompt"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!(env.read("prompts/reply.prompt"), @r"
    ---
    model: openai/gpt-4o
    <<<<<<< ours
    config:
      temperature: 0.9
    =======
    config:
      temperature: 0.5
    >>>>>>> theirs
    tags: [support]
    ---
    Greet the customer by name.
    Answer the question.
    Sign off warmly.
    ");
    assert!(git_ok(env, &["status", "--porcelain"]).contains("UU prompts/reply.prompt"));
}

#[test]
fn overlapping_body_edits_conflict_only_in_that_hunk() {
    let repo = repo_with_driver();
    let env = &repo.env;
    branches(
        env,
        &BASE
            .replace("Answer the question.", "Answer briefly.")
            .replace("tags: [support]", "tags: [support, faq]"),
        &BASE.replace("Answer the question.", "Answer in detail."),
    );
    assert_eq!(env.git(&["merge", "--no-edit", "feature"]).code, 1);
    let merged = env.read("prompts/reply.prompt");
    assert!(merged.contains("tags: [support, faq]\n---\nGreet the customer.\n<<<<<<< ours\nAnswer briefly.\n=======\nAnswer in detail.\n>>>>>>> theirs\nSign off.\n"), "{merged}");
}

#[test]
fn driver_called_directly_reports_conflicts_and_exit_status() {
    let env = TestEnv::new();
    env.write("o", "---\na: 1\n---\nx\n");
    env.write("a", "---\na: 2\n---\nx\n");
    env.write("b", "---\na: 3\n---\nx\n");
    let out = env.run(&["merge-driver", "o", "a", "b", "prompts/x.prompt"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("prompts/x.prompt: front-matter key `a` changed on both sides"),
        "{}",
        out.stderr
    );
    assert!(
        env.read("a")
            .contains("<<<<<<< ours\na: 2\n=======\na: 3\n>>>>>>> theirs\n")
    );
    env.write("a", "---\na: 1\nb: 1\n---\nx\n");
    let clean = env.run(&["merge-driver", "o", "a", "b"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(env.read("a"), "---\na: 3\nb: 1\n---\nx\n");
    let missing = env.run(&["merge-driver", "nope", "a", "b"]);
    assert_eq!(missing.code, 6, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("cannot read `nope`"),
        "{}",
        missing.stderr
    );
}

/// A clone of `origin` (which has `.gitattributes` committed), with `bin` first on PATH.
fn clone_of(origin: &DriverRepo) -> TestEnv {
    let mut clone = TestEnv::new();
    let inherited = inherited_path();
    clone.env(
        "PATH",
        &format!("{}:{inherited}", origin.bin.path().display()),
    );
    let source = origin.env.path().to_string_lossy().into_owned();
    git_ok(&clone, &["clone", "-q", &source, "."]);
    clone
}

#[test]
fn doctor_and_lint_tell_a_fresh_clone_to_register_the_driver() {
    let origin = DriverRepo::new().with_promptctl();
    let clone = clone_of(&origin);
    assert_eq!(
        clone.read(".gitattributes"),
        "*.prompt merge=promptctl diff=promptctl\n"
    );
    let doctor = clone.run(&["doctor"]);
    assert_eq!(doctor.code, 1, "{}{}", doctor.stdout, doctor.stderr);
    assert!(
        doctor.stdout.contains(
            "problem  merge driver: `.gitattributes` names the `promptctl` merge driver, but git \
             config does not register it"
        ),
        "{}",
        doctor.stdout
    );
    assert!(
        doctor
            .stdout
            .contains("fix: run `promptctl merge-driver --install` once in this clone"),
        "{}",
        doctor.stdout
    );
    let lint = clone.run(&["lint"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    assert!(
        lint.stderr.contains(
            "notice: `.gitattributes` names promptctl's merge driver, but this clone's git config \
             does not register it: run `promptctl merge-driver --install`"
        ),
        "{}",
        lint.stderr
    );

    assert_eq!(clone.run(&["merge-driver", "--install"]).code, 0);
    let healthy = clone.run(&["doctor", "--format", "json"]);
    assert_eq!(healthy.code, 0, "{}{}", healthy.stdout, healthy.stderr);
    let doc: serde_json::Value = serde_json::from_str(&healthy.stdout).unwrap();
    assert_eq!(doc["healthy"], true);
    let statuses: Vec<(&str, &str)> = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("project", "ok"),
            ("git repository", "ok"),
            ("merge attributes", "ok"),
            ("merge driver", "ok"),
            ("diff attributes", "ok"),
            ("diff driver", "ok"),
            ("promptctl on PATH", "ok"),
        ]
    );
    assert!(!clone.run(&["lint"]).stderr.contains("notice:"));
}

#[test]
fn doctor_flags_a_driver_registered_without_the_fallback() {
    let repo = DriverRepo::new().with_promptctl();
    let env = &repo.env;
    git_ok(
        env,
        &[
            "config",
            "merge.promptctl.driver",
            "promptctl merge-driver %O %A %B %P",
        ],
    );
    let doctor = env.run(&["doctor"]);
    assert_eq!(doctor.code, 1, "{}", doctor.stdout);
    assert!(
        doctor.stdout.contains(
            "problem  merge driver: registered without a fallback: when git cannot run promptctl, \
             a merge keeps only our side"
        ),
        "{}",
        doctor.stdout
    );
    assert!(
        env.run(&["lint"])
            .stderr
            .contains("notice: the registered prompt merge driver has no fallback"),
    );
}

#[test]
fn doctor_warns_when_git_cannot_find_promptctl_or_it_is_broken() {
    let repo = DriverRepo::new();
    let env = &repo.env;
    let missing = env.run(&["doctor"]);
    assert_eq!(missing.code, 0, "{}{}", missing.stdout, missing.stderr);
    assert!(
        missing
            .stdout
            .contains("warning  promptctl on PATH: git runs `promptctl` from PATH and finds none"),
        "{}",
        missing.stdout
    );
    let broken = repo.with_fake_promptctl("exit 2");
    let out = broken.env.run(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("problem  promptctl on PATH: `")
            && out.stdout.contains("fails to run `merge-driver --help`"),
        "{}",
        out.stdout
    );
}

#[test]
fn doctor_outside_a_project_and_repository_says_what_to_run() {
    let env = TestEnv::new();
    let out = env.run(&["doctor"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("problem  project: ")
            && out.stdout.contains("fix: run `promptctl init`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("warning  git repository: not inside a git repository"),
        "{}",
        out.stdout
    );
}

/// Merges `feature` into `main` cleanly, then checks the merge commit with `git fsck --strict`.
fn merge_cleanly_and_fsck(env: &TestEnv) -> String {
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let parents = git_ok(env, &["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "a merge commit");
    git_ok(env, &["fsck", "--strict", "--no-progress"]);
    assert_eq!(git_ok(env, &["status", "--porcelain"]), "");
    env.read("prompts/reply.prompt")
}

#[test]
fn tags_both_sides_added_and_removed_merge_as_a_set_in_flow_style() {
    let repo = repo_with_driver();
    let env = &repo.env;
    let base = BASE.replace("tags: [support]", "tags: [support, billing]");
    env.write("prompts/reply.prompt", &base);
    commit_all(env, "two tags");
    branches(
        env,
        &base.replace("tags: [support, billing]", "tags: [support, billing, faq]"),
        &base.replace("tags: [support, billing]", "tags: [billing, refunds]"),
    );
    assert_eq!(
        merge_cleanly_and_fsck(env),
        base.replace("tags: [support, billing]", "tags: [billing, faq, refunds]")
    );
}

#[test]
fn block_style_tags_merge_as_a_set_and_stay_a_block_list() {
    let repo = repo_with_driver();
    let env = &repo.env;
    let base = BASE.replace("tags: [support]", "tags:\n  - support\n  - billing");
    env.write("prompts/reply.prompt", &base);
    commit_all(env, "block tags");
    branches(
        env,
        &base
            .replace("  - billing", "  - billing\n  - faq")
            .replace("temperature: 0.2", "temperature: 0.4"),
        &base.replace("  - support\n  - billing", "  - billing\n  - refunds"),
    );
    let merged = merge_cleanly_and_fsck(env);
    insta::assert_snapshot!(merged, @r"
    ---
    model: openai/gpt-4o
    config:
      temperature: 0.4
    tags:
      - billing
      - faq
      - refunds
    ---
    Greet the customer.
    Answer the question.
    Sign off.
    ");
}

#[test]
fn a_list_conflict_shows_each_side_in_its_own_style() {
    let repo = repo_with_driver();
    let env = &repo.env;
    let base = BASE.replace("tags: [support]", "tags: [support, billing]");
    env.write("prompts/reply.prompt", &base);
    commit_all(env, "two tags");
    // Reordering is not adding or removing: this is a conflict, not a set merge.
    branches(
        env,
        &base.replace("tags: [support, billing]", "tags: [billing, support]"),
        &base.replace(
            "tags: [support, billing]",
            "tags:\n  - support\n  - billing\n  - faq",
        ),
    );
    let out = env.git(&["merge", "--no-edit", "feature"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    insta::assert_snapshot!(env.read("prompts/reply.prompt"), @r"
    ---
    model: openai/gpt-4o
    config:
      temperature: 0.2
    <<<<<<< ours
    tags: [billing, support]
    =======
    tags:
      - support
      - billing
      - faq
    >>>>>>> theirs
    ---
    Greet the customer.
    Answer the question.
    Sign off.
    ");
}
