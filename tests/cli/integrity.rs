//! What happens *after* promptctl commits: plain git must agree with every commit promptctl
//! makes. Each committing command is followed by an ordinary `git commit` and `git fsck
//! --strict`, and promptctl races a plain `git commit` in the same clone; nothing either side
//! committed may be lost, and promptctl never reports failure for a commit it made.

use std::path::PathBuf;

use crate::support::TestEnv;
use crate::support::copy_tree;
use crate::versioning::{commit_all, git_ok, repo};

/// The bundled example library, committed in a fresh repository.
pub(crate) fn example_repo() -> TestEnv {
    let env = TestEnv::new();
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("prompts-example");
    copy_tree(&example, env.path());
    git_ok(&env, &["init", "-q", "-b", "main"]);
    commit_all(&env, "Example library");
    env
}

/// Adds and commits an unrelated file with plain git, as a user would next.
fn plain_git_commit(env: &TestEnv, file: &str) {
    env.write(file, "x\n");
    git_ok(env, &["add", file]);
    git_ok(env, &["commit", "-q", "-m", &format!("Add {file}")]);
}

/// `git fsck --strict` finds nothing wrong.
fn assert_fsck_clean(env: &TestEnv) {
    let fsck = env.git(&["fsck", "--strict", "--no-dangling"]);
    assert_eq!(fsck.code, 0, "fsck: {}{}", fsck.stdout, fsck.stderr);
    assert!(
        !fsck.stdout.contains("error") && !fsck.stderr.contains("error"),
        "fsck: {}{}",
        fsck.stdout,
        fsck.stderr
    );
}

/// The content of `path` in HEAD's tree, or `None` when HEAD has no such file.
fn at_head(env: &TestEnv, path: &str) -> Option<String> {
    let out = env.git(&["show", &format!("HEAD:{path}")]);
    (out.code == 0).then_some(out.stdout)
}

#[test]
fn ab_run_commit_survives_the_next_plain_git_commit() {
    let env = example_repo();
    let out = env.run(&[
        "ab",
        "run",
        "sentiment-models",
        "--replay",
        "cassettes/sentiment-models.jsonl",
        "--run-id",
        "r1",
        "--commit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let results = "results/sentiment-models/r1.jsonl";
    let committed = at_head(&env, results).expect("the run's results are committed");
    plain_git_commit(&env, "notes.txt");
    assert_fsck_clean(&env);
    assert_eq!(
        at_head(&env, results).as_deref(),
        Some(committed.as_str()),
        "the next plain commit keeps the results"
    );
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
    assert_eq!(
        git_ok(&env, &["diff", "HEAD~1", "HEAD", "--name-only"]),
        "notes.txt\n",
        "the plain commit changes only what the user added"
    );
}

#[test]
fn release_survives_the_next_plain_git_commit() {
    let env = repo();
    let out = env.run(&["release", "greet@v2", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pinned = at_head(&env, "environments/prod.yaml").expect("the pin is committed");
    plain_git_commit(&env, "notes.txt");
    assert_fsck_clean(&env);
    assert_eq!(
        at_head(&env, "environments/prod.yaml"),
        Some(pinned.clone())
    );
    // A second release changes an existing file in a folder git has cached.
    let out = env.run(&["release", "greet@v1", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let repinned = at_head(&env, "environments/prod.yaml").expect("pinned again");
    assert_ne!(repinned, pinned);
    plain_git_commit(&env, "more-notes.txt");
    assert_fsck_clean(&env);
    assert_eq!(
        at_head(&env, "environments/prod.yaml"),
        Some(repinned),
        "the environment pin does not revert"
    );
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
}

#[test]
fn rollback_commit_survives_the_next_plain_git_commit() {
    let env = repo();
    let v1 = git_ok(&env, &["show", "HEAD~2:prompts/greet.prompt"]);
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(at_head(&env, "prompts/greet.prompt"), Some(v1.clone()));
    plain_git_commit(&env, "notes.txt");
    assert_fsck_clean(&env);
    assert_eq!(
        at_head(&env, "prompts/greet.prompt"),
        Some(v1),
        "the rollback is not undone"
    );
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
}

#[test]
fn promptctl_commits_keep_what_the_user_has_staged() {
    let env = repo();
    env.write("prompts/draft.prompt", "Draft\n");
    git_ok(&env, &["add", "prompts/draft.prompt"]);
    let out = env.run(&["release", "greet@v2", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        at_head(&env, "prompts/draft.prompt"),
        None,
        "the user's staged file is not committed by promptctl"
    );
    assert_eq!(
        git_ok(&env, &["status", "--porcelain"]),
        "A  prompts/draft.prompt\n",
        "it is still staged"
    );
    git_ok(&env, &["commit", "-q", "-m", "Draft"]);
    assert_fsck_clean(&env);
    assert!(at_head(&env, "prompts/draft.prompt").is_some());
    assert!(at_head(&env, "environments/prod.yaml").is_some());
}

#[test]
fn a_release_that_changes_nothing_makes_no_commit() {
    let env = repo();
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    for again in [
        vec!["release", "greet", "--env", "prod"],
        vec!["release", "greet@v3", "--env", "prod"],
        vec!["release", "greet", "--env", "prod", "--to", "v3"],
    ] {
        let out = env.run(&again);
        assert_eq!(out.code, 0, "{again:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("Nothing to release"),
            "{again:?}: {}",
            out.stderr
        );
        assert_eq!(git_ok(&env, &["rev-parse", "HEAD"]), head, "{again:?}");
    }
    // Promoting an environment onto one that already has the same versions is a no-op too.
    assert_eq!(env.run(&["release", "greet", "--env", "staging"]).code, 0);
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&["release", "--env", "prod", "--from", "staging"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(git_ok(&env, &["rev-parse", "HEAD"]), head);
    // A partial that changed since the pin makes the same prompt version render differently:
    // that is a real release.
    env.write("prompts/_tone.prompt", "Stay calm, always.\n");
    commit_all(&env, "Tone down");
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_ne!(
        git_ok(&env, &["rev-parse", "HEAD"]),
        head,
        "a changed partial is released"
    );
}

#[test]
fn a_stale_index_lock_is_reported_with_how_to_clear_it() {
    let env = repo();
    env.write(".git/index.lock", "");
    let out = env.run(&["release", "greet@v2", "--env", "prod"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("index.lock"), "{}", out.stderr);
    assert!(out.stderr.contains("remove"), "{}", out.stderr);
    assert!(
        at_head(&env, "environments/prod.yaml").is_none(),
        "nothing was committed"
    );
    assert!(
        env.path().join(".git/index.lock").exists(),
        "someone else's lock is left alone"
    );
}

/// promptctl releases and rollbacks race a user committing files with plain git in the same
/// clone. Bounded: a fixed number of rounds on each side, each git commit retried a bounded
/// number of times when it meets promptctl's lock.
#[test]
fn promptctl_racing_plain_git_commit_loses_no_update() {
    const ROUNDS: usize = 6;
    let env = repo();
    let root = env.path().to_path_buf();
    let promptctl_side = {
        let mut commands = Vec::new();
        for round in 0..ROUNDS {
            let version = if round % 2 == 0 { "v1" } else { "v2" };
            let mut cmd = env.command();
            cmd.args(["release", &format!("greet@{version}"), "--env", "prod"]);
            commands.push((version, cmd));
        }
        std::thread::spawn(move || {
            let mut outcomes = Vec::new();
            for (version, mut cmd) in commands {
                let out = cmd.output().expect("run promptctl");
                outcomes.push((
                    version,
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                ));
            }
            outcomes
        })
    };
    let mut git_files = Vec::new();
    for round in 0..ROUNDS {
        let file = format!("notes/{round}.txt");
        std::fs::create_dir_all(root.join("notes")).unwrap();
        std::fs::write(root.join(&file), format!("{round}\n")).unwrap();
        let mut landed = false;
        for _ in 0..50 {
            if env.git(&["add", &file]).code != 0 {
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            if env
                .git(&["commit", "-q", "-m", &format!("Note {round}")])
                .code
                == 0
            {
                landed = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(landed, "git commit {round} never got through");
        git_files.push(file);
    }
    let outcomes = promptctl_side.join().expect("promptctl thread");
    assert_fsck_clean(&env);
    for file in &git_files {
        assert!(
            at_head(&env, file).is_some(),
            "the user's {file} is in HEAD"
        );
    }
    let mut last_landed = None;
    for (version, code, stderr) in &outcomes {
        match code {
            Some(0) => last_landed = Some(*version),
            // A clean refusal: the lock was held too long, or the branch kept moving.
            Some(4) => assert!(
                stderr.contains("index") || stderr.contains("kept moving"),
                "{stderr}"
            ),
            other => panic!("promptctl exited {other:?}: {stderr}"),
        }
    }
    let releases = git_ok(
        &env,
        &[
            "log",
            "-E",
            "--format=%s",
            "--grep=^(Release|Roll back) greet",
        ],
    );
    let landed = outcomes
        .iter()
        .filter(|(_, code, _)| *code == Some(0))
        .count();
    // Releasing the version already pinned makes no commit, so count changes of pin.
    let mut pinned = None;
    let mut expected_commits = 0;
    for (version, code, _) in &outcomes {
        if *code == Some(0) && pinned != Some(*version) {
            expected_commits += 1;
            pinned = Some(*version);
        }
    }
    assert!(landed > 0, "some release got through: {outcomes:?}");
    assert_eq!(
        releases.lines().count(),
        expected_commits,
        "every release reported as made is in history, and no other: {releases}\n{outcomes:?}\n{}",
        git_ok(&env, &["log", "--graph", "--format=%h %s"])
    );
    let prod = at_head(&env, "environments/prod.yaml").expect("prod is pinned");
    let wanted = if last_landed == Some("v1") {
        "version: 1"
    } else {
        "version: 2"
    };
    assert!(prod.contains(wanted), "the last release wins: {prod}");
    assert_eq!(
        git_ok(&env, &["status", "--porcelain"]),
        "",
        "index and work tree agree with HEAD"
    );
}
