//! `promptctl merge-driver` under real `git merge` of real branches: installation, a clean
//! key-by-key merge that a line merge would conflict on, a conflict on the same key with markers
//! only around it, an overlapping body conflict, and a file that does not parse.

use crate::support::TestEnv;
use crate::versioning::{commit_all, git_ok};

const BASE: &str = "---\nmodel: openai/gpt-4o\nconfig:\n  temperature: 0.2\ntags: [support]\n---\nGreet the customer.\nAnswer the question.\nSign off.\n";

/// A repository with the driver installed and pointed at the test binary.
fn repo_with_driver() -> TestEnv {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    let out = env.run(&["merge-driver", "--install"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.read(".gitattributes"), "*.prompt merge=promptctl\n");
    assert_eq!(
        git_ok(&env, &["config", "merge.promptctl.driver"]),
        "promptctl merge-driver %O %A %B %P\n"
    );
    // Installing twice changes nothing.
    assert_eq!(env.run(&["merge-driver", "--install"]).code, 0);
    assert_eq!(env.read(".gitattributes"), "*.prompt merge=promptctl\n");
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        env!("CARGO_BIN_EXE_promptctl")
    );
    git_ok(&env, &["config", "merge.promptctl.driver", &driver]);
    env.write("prompts/reply.prompt", BASE);
    commit_all(&env, "base");
    env
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
fn edits_to_adjacent_keys_merge_cleanly() {
    let env = repo_with_driver();
    branches(
        &env,
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
    git_ok(&env, &["config", "--remove-section", "merge.promptctl"]);
    git_ok(&env, &["reset", "-q", "--hard", "HEAD~1"]);
    assert_eq!(env.git(&["merge", "--no-edit", "feature"]).code, 1);
}

#[test]
fn same_key_on_both_sides_conflicts_around_that_key_only() {
    let env = repo_with_driver();
    branches(
        &env,
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
    assert!(git_ok(&env, &["status", "--porcelain"]).contains("UU prompts/reply.prompt"));
}

#[test]
fn overlapping_body_edits_conflict_only_in_that_hunk() {
    let env = repo_with_driver();
    branches(
        &env,
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
