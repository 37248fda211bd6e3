//! `promptctl comment` / `comments`: comments anchored to a line's content (they follow the line
//! through edits above it and go outdated when it changes), replies threaded by id, resolving
//! hides a thread from `show`, comments are plain files under `.promptctl/comments/`, and the
//! errors (no such line, unknown id, a broken comment file, wrong arguments).

use serde_json::Value;

use crate::support::TestEnv;

const PROMPT: &str = "---\ndescription: Reply\n---\nHello.\nOffer a refund.\nSign off.\n";

fn project() -> TestEnv {
    let env = TestEnv::project();
    env.write("prompts/support/reply.prompt", PROMPT);
    assert_eq!(env.git(&["init", "-q"]).code, 0);
    env
}

/// Adds a comment and returns its id.
fn comment(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["comment"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.trim().to_owned()
}

fn threads(env: &TestEnv) -> Vec<Value> {
    let out = env.run(&["comments", "support/reply", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("comments JSON");
    doc["threads"].as_array().expect("threads").clone()
}

#[test]
fn a_comment_is_a_file_under_promptctl_comments() {
    let env = project();
    let id = comment(&env, &["support/reply", "--line", "5", "Refund or credit?"]);
    let file = env.read(&format!(".promptctl/comments/support/reply/{id}.yaml"));
    assert!(file.contains("author: Test User"), "{file}");
    assert!(file.contains("text: Offer a refund."), "{file}");
    assert!(file.contains("body: Refund or credit?"), "{file}");
}

#[test]
fn comments_survive_an_edit_above_their_line() {
    let env = project();
    let id = comment(&env, &["support/reply", "--line", "5", "Refund or credit?"]);
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: Reply\ntags: [support]\n---\nHello there.\nBe kind.\nOffer a refund.\nSign off.\n",
    );
    let threads = threads(&env);
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0]["id"], id.as_str());
    assert_eq!(threads[0]["line"], 7);
    assert_eq!(threads[0]["outdated"], false);
}

#[test]
fn comments_go_outdated_when_their_line_changes() {
    let env = project();
    comment(&env, &["support/reply", "--line", "5", "Refund or credit?"]);
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: Reply\n---\nHello.\nOffer store credit.\nSign off.\n",
    );
    let threads = threads(&env);
    assert_eq!(threads[0]["outdated"], true);
    assert_eq!(threads[0]["line"], Value::Null);
    let out = env.run(&["comments", "support/reply"]);
    assert!(
        out.stdout
            .contains("outdated (was line 5: Offer a refund.)"),
        "{}",
        out.stdout
    );
}

#[test]
fn replies_thread_under_the_comment_they_answer() {
    let env = project();
    let first = comment(&env, &["support/reply", "--line", "5", "Refund or credit?"]);
    let other = comment(&env, &["support/reply", "Whole prompt: too terse."]);
    let answer = comment(&env, &["--reply", &first, "Credit."]);
    let again = comment(&env, &["--reply", &answer, "Agreed."]);
    let threads = threads(&env);
    assert_eq!(threads.len(), 2, "{threads:?}");
    let refund = threads.iter().find(|t| t["id"] == first.as_str()).unwrap();
    let replies: Vec<&str> = refund["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(replies, [answer.as_str(), again.as_str()]);
    let whole = threads.iter().find(|t| t["id"] == other.as_str()).unwrap();
    assert_eq!(whole["replies"].as_array().unwrap().len(), 0);
    assert_eq!(whole["line"], Value::Null);
}

#[test]
fn resolve_hides_a_thread_from_show() {
    let env = project();
    let first = comment(&env, &["support/reply", "--line", "5", "Refund or credit?"]);
    let reply = comment(&env, &["--reply", &first, "Credit."]);
    let kept = comment(&env, &["support/reply", "--line", "6", "Sign off how?"]);
    let shown = env.run(&["show", "support/reply"]);
    assert!(shown.stdout.contains("Open comments"), "{}", shown.stdout);
    assert!(shown.stdout.contains(&first), "{}", shown.stdout);

    // Resolving by a reply's id resolves its whole thread.
    let out = env.run(&["comment", "--resolve", &reply]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown = env.run(&["show", "support/reply", "--format", "json"]);
    let doc: Value = serde_json::from_str(&shown.stdout).unwrap();
    let ids: Vec<&str> = doc["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [kept.as_str()]);
    // `comments` still lists it, marked resolved.
    let all = threads(&env);
    let resolved = all.iter().find(|t| t["id"] == first.as_str()).unwrap();
    assert_eq!(resolved["resolved"], true);
}

#[test]
fn comment_errors_have_distinct_exit_codes() {
    let env = project();
    let out = env.run(&["comment", "support/reply", "--line", "40", "x"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("there is no line 40"), "{}", out.stderr);

    let out = env.run(&["comment", "--resolve", "deadbeef"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no comment with id `deadbeef`"));

    let out = env.run(&["comment", "support/nope", "x"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("did you mean support/reply?"),
        "{}",
        out.stderr
    );

    let out = env.run(&["comment", "support/reply"]);
    assert_eq!(out.code, 2, "{}", out.stderr);

    env.write(
        ".promptctl/comments/support/reply/bad.yaml",
        "id: bad\nbody: [\n",
    );
    let out = env.run(&["comments", "support/reply"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(".promptctl/comments/support/reply/bad.yaml:"),
        "{}",
        out.stderr
    );
}

#[test]
fn comments_refuse_a_folder_that_links_out_and_names_that_leave_the_project() {
    let env = project();
    let outside = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(outside.path(), env.path().join(".promptctl")).expect("symlink");
    let out = env.run(&["comment", "support/reply", "--line", "4", "Nice."]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("points outside the project"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path())
            .expect("read outside")
            .count(),
        0,
        "nothing written outside"
    );
    for name in ["../reply", "/etc/passwd"] {
        let out = env.run(&["comment", name, "--line", "1", "x"]);
        assert_ne!(out.code, 0, "{name}: {}", out.stdout);
    }
    assert_eq!(std::fs::read_dir(outside.path()).expect("read").count(), 0);
}
