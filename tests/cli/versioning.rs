//! Versioning: `log` (numbers, summaries, renames, JSON), `render name@ref`, `diff` (semantic,
//! word-level, rendered, `--all`, markdown), `rollback` (working tree and `--commit`), and the
//! safe-commit rules: staged work untouched, refusal during a merge, on a detached HEAD, with
//! unstaged edits or without an identity, and two processes committing at once.

use crate::support::TestEnv;

/// A project in a git repository with three versions of `greet` and a partial.
pub(crate) fn repo() -> TestEnv {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\nconfig:\n  temperature: 0.2\ninput:\n  schema:\n    name: string\n---\nHello {{name}}, be kind.\n{{> tone}}\n",
    );
    env.write("prompts/_tone.prompt", "Stay calm.\n");
    commit_all(&env, "Add greet");
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\nconfig:\n  temperature: 0.7\ninput:\n  schema:\n    name: string\n---\nHello {{name}}, be very kind.\n{{> tone}}\n",
    );
    env.write("prompts/_tone.prompt", "Stay very calm.\n");
    commit_all(&env, "Tune greet");
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\nconfig:\n  temperature: 0.7\ninput:\n  schema:\n    name: string\n    mood: string\n---\nHello {{name}}, be very kind.\n{{> tone}}\n",
    );
    commit_all(&env, "Ask for a mood");
    env
}

pub(crate) fn git_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.git(args);
    assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
    out.stdout
}

pub(crate) fn commit_all(env: &TestEnv, message: &str) {
    git_ok(env, &["add", "-A"]);
    git_ok(env, &["commit", "-q", "-m", message]);
}

#[test]
fn log_lists_versions_newest_first_with_what_changed() {
    let env = repo();
    let out = env.run(&["log", "greet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("v3 "), "{}", out.stdout);
    assert!(lines[0].ends_with("Ask for a mood"), "{}", out.stdout);
    assert!(
        lines[1].contains("fields: input.schema.mood; breaking input change [breaking]"),
        "{}",
        out.stdout
    );
    assert!(
        lines[3].contains("body +1 -1; fields: config.temperature"),
        "{}",
        out.stdout
    );
    assert!(lines[4].starts_with("v1 "), "{}", out.stdout);
    assert!(
        lines[4].contains("2026-01-01 00:00  Test User  Add greet"),
        "{}",
        out.stdout
    );
}

#[test]
fn log_json_has_every_field() {
    let env = repo();
    let out = env.run(&["log", "greet", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["total_versions"], 3);
    let v3 = &doc["versions"][0];
    assert_eq!(v3["version"], 3);
    assert_eq!(v3["email"], "test@example.com");
    assert_eq!(v3["date"], "2026-01-01T00:00:00Z");
    assert_eq!(v3["breaking"][0], "new required variable `mood`");
    assert_eq!(doc["versions"][2]["kind"], "added");
}

#[test]
fn log_follows_renames_with_consistent_numbers() {
    let env = repo();
    git_ok(
        &env,
        &["mv", "prompts/greet.prompt", "prompts/welcome.prompt"],
    );
    commit_all(&env, "Rename greet to welcome");
    let out = env.run(&["log", "welcome"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("v4 "), "{}", out.stdout);
    assert!(
        out.stdout.contains("renamed from prompts/greet.prompt"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("3 earlier versions not shown"),
        "{}",
        out.stdout
    );
    let followed = env.run(&["log", "welcome", "--follow"]);
    assert_eq!(
        followed
            .stdout
            .lines()
            .filter(|l| l.starts_with('v'))
            .count(),
        4
    );
    // v1 of the renamed prompt renders from its old path, with the partial as it was then.
    let rendered = env.run(&["render", "welcome@v1", "--var", "name=Ada"]);
    assert_eq!(
        rendered.stdout, "Hello Ada, be kind.\nStay calm.\n",
        "{}",
        rendered.stderr
    );
}

#[test]
fn log_of_unknown_prompt_suggests_names() {
    let env = repo();
    let out = env.run(&["log", "gret"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("no prompt named `gret` (did you mean `greet`?)"),
        "{}",
        out.stderr
    );
}

#[test]
fn versioning_outside_a_repository_is_a_git_error() {
    let env = TestEnv::project();
    env.write("prompts/a.prompt", "hi");
    let out = env.run(&["log", "a"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("is not inside a git repository"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("git init"), "{}", out.stderr);
}

#[test]
fn render_at_a_version_uses_partials_from_that_commit() {
    let env = repo();
    let v1 = env.run(&["render", "greet@v1", "--var", "name=Ada"]);
    assert_eq!(v1.code, 0, "{}", v1.stderr);
    assert_eq!(v1.stdout, "Hello Ada, be kind.\nStay calm.\n");
    let by_rev = env.run(&["render", "greet@HEAD~1", "--var", "name=Ada"]);
    assert_eq!(
        by_rev.stdout, "Hello Ada, be very kind.\nStay very calm.\n",
        "{}",
        by_rev.stderr
    );
}

#[test]
fn bad_references_say_what_exists() {
    let env = repo();
    let out = env.run(&["render", "greet@v7"]);
    assert_eq!(out.code, 3);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 3
    --- stdout
    --- stderr
    error: `greet` has no version v7: it has v1–v3

    hint: `promptctl log greet` lists its versions
    ");
    let out = env.run(&["render", "greet@nowhere"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("`nowhere` is not a version of `greet` (v1–v3), an environment (none released yet) or a git revision"),
        "{}",
        out.stderr
    );
}

#[test]
fn render_errors_at_a_version_name_the_commit_and_path() {
    let env = repo();
    let out = env.run(&["render", "greet@v3", "--var", "name=Ada"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains(":prompts/greet.prompt:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("\"mood\" is a required property"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_defaults_to_head_against_the_working_tree() {
    let env = repo();
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: review\nconfig:\n  temperature: 0.7\ninput:\n  schema:\n    name: string\n    mood: string\n---\nHello {{name}}, be very kind and brief.\n{{> tone}}\n",
    );
    let out = env.run(&["diff", "greet"]);
    insta::assert_snapshot!(out.normalized(env.path()).replace(&short(&env, "HEAD"), "[SHORT]"), @r"
    exit: 0
    --- stdout
    greet (HEAD ([SHORT]) → working tree)
    fields:
      ~ status: active → review
    body (+1 -1):
      Hello {{name}}, be very [-kind.-]{+kind and brief.+}
    --- stderr
    ");
}

fn short(env: &TestEnv, rev: &str) -> String {
    git_ok(env, &["rev-parse", "--short", rev])
        .trim()
        .to_owned()
}

#[test]
fn diff_between_versions_flags_breaking_input_changes_and_renders() {
    let env = repo();
    let out = env.run(&["diff", "greet", "v1", "v3", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["breaking"][0], "new required variable `mood`");
    assert_eq!(doc["fields"][0]["path"], "config.temperature");
    assert_eq!(doc["fields"][0]["old"], 0.2);
    assert!(doc.get("rendered").is_none());
    env.write("case.yaml", "name: Ada\n");
    let out = env.run(&[
        "diff",
        "greet@v1",
        "v2",
        "--vars",
        "case.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rendered: Vec<(String, String)> = doc["rendered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["tag"].as_str().unwrap().to_owned(),
                s["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        rendered.contains(&("delete".into(), "Stay calm.\n".into())),
        "{rendered:?}"
    );
    assert!(
        rendered.contains(&("insert".into(), "Stay very calm.\n".into())),
        "{rendered:?}"
    );
}

#[test]
fn diff_all_covers_every_prompt_in_a_range_as_markdown() {
    let env = repo();
    let out = env.run(&["diff", "--all", "HEAD~2..HEAD", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("## Prompt changes `HEAD~2..HEAD`\n\n2 prompt file(s) changed, **1 with breaking input changes**."), "{}", out.stdout);
    assert!(
        out.stdout.contains("### `_tone` (modified)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("> **Breaking:** new required variable `mood`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("| `config.temperature` | `0.2` | `0.7` |"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("-Hello {{name}}, be kind.\n+Hello {{name}}, be very kind.\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn diff_with_a_bad_range_is_a_git_error() {
    let env = repo();
    let out = env.run(&["diff", "--all", "nope..HEAD"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("resolving `nope`"), "{}", out.stderr);
}

#[test]
fn rollback_writes_the_working_tree_only_by_default() {
    let env = repo();
    let out = env.run(&["rollback", "greet", "--to", "v1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Wrote v1 of `greet` to prompts/greet.prompt (not committed)"),
        "{}",
        out.stderr
    );
    assert!(
        env.read("prompts/greet.prompt")
            .contains("temperature: 0.2")
    );
    assert_eq!(git_ok(&env, &["log", "--oneline"]).lines().count(), 3);
    // Now the file has uncommitted edits: a second rollback refuses without --force.
    let again = env.run(&["rollback", "greet", "--to", "v2"]);
    assert_eq!(again.code, 4, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("`prompts/greet.prompt` has unstaged changes"),
        "{}",
        again.stderr
    );
    let forced = env.run(&["rollback", "greet", "--to", "v2", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn rollback_commit_records_only_its_file_and_leaves_staged_work_alone() {
    let env = repo();
    env.write("prompts/other.prompt", "staged work\n");
    git_ok(&env, &["add", "prompts/other.prompt"]);
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Roll back greet to v1\n"
    );
    assert_eq!(
        git_ok(&env, &["show", "--name-only", "--format=", "HEAD"]),
        "prompts/greet.prompt\n"
    );
    assert_eq!(
        git_ok(&env, &["diff", "--cached", "--name-only"]),
        "prompts/other.prompt\n"
    );
    assert_eq!(
        git_ok(&env, &["status", "--porcelain"]),
        "A  prompts/other.prompt\n"
    );
    assert!(git_ok(&env, &["reflog", "-1"]).contains("commit: Roll back greet to v1"));
    let log = env.run(&["log", "greet", "-n", "1"]);
    assert!(log.stdout.starts_with("v4 "), "{}", log.stdout);
}

#[test]
fn commit_refuses_during_a_merge() {
    let env = repo();
    git_ok(&env, &["switch", "-q", "-c", "side"]);
    env.write("prompts/_tone.prompt", "Side tone.\n");
    commit_all(&env, "side");
    git_ok(&env, &["switch", "-q", "main"]);
    env.write("prompts/_tone.prompt", "Main tone.\n");
    commit_all(&env, "main");
    assert_eq!(env.git(&["merge", "side"]).code, 1);
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a merge is in progress; promptctl will not commit now"),
        "{}",
        out.stderr
    );
}

#[test]
fn commit_refuses_on_a_detached_head_unless_allowed() {
    let env = repo();
    git_ok(&env, &["checkout", "-q", "--detach"]);
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("HEAD is detached"), "{}", out.stderr);
    assert!(out.stderr.contains("--allow-detached"), "{}", out.stderr);
    let allowed = env.run(&[
        "rollback",
        "greet",
        "--to",
        "v1",
        "--commit",
        "--allow-detached",
    ]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Roll back greet to v1\n"
    );
}

#[test]
fn commit_without_an_identity_is_a_clear_error() {
    let mut env = repo();
    env.env("GIT_CONFIG_COUNT", "0");
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("no git identity is configured"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("git config user.name"),
        "{}",
        out.stderr
    );
    assert_eq!(git_ok(&env, &["log", "--oneline"]).lines().count(), 3);
}

#[test]
fn history_cache_follows_new_commits_and_rewritten_history() {
    let env = repo();
    // Without commit-graphs `log` keeps its own change index.
    git_ok(&env, &["config", "core.commitGraph", "false"]);
    assert!(env.run(&["log", "greet"]).stdout.starts_with("v3 "));
    assert!(env.path().join(".git/promptctl/history-v1").is_file());
    env.write("prompts/greet.prompt", "---\nstatus: active\n---\nShort.\n");
    commit_all(&env, "Shorten");
    assert!(env.run(&["log", "greet"]).stdout.starts_with("v4 "));
    git_ok(&env, &["reset", "-q", "--hard", "HEAD~2"]);
    let out = env.run(&["log", "greet"]);
    assert!(out.stdout.starts_with("v2 "), "{}", out.stdout);
}

/// Versions as `log --follow --format json` lists them, newest first: (number, kind, path,
/// commit).
fn logged(env: &TestEnv, name: &str) -> Vec<(u64, String, String, String)> {
    let out = env.run(&["--format", "json", "log", name, "--follow"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("log json");
    doc["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                v["version"].as_u64().expect("number"),
                v["kind"].as_str().expect("string").to_owned(),
                v["path"].as_str().expect("string").to_owned(),
                v["commit"].as_str().expect("string").to_owned(),
            )
        })
        .collect()
}

#[test]
fn log_writes_a_commit_graph_with_bloom_filters_and_finds_the_same_versions() {
    let env = repo();
    // Many commits that touch other prompts, a rename, and more edits after it.
    for i in 0..30 {
        env.write(
            &format!("prompts/other{}.prompt", i % 3),
            &format!("Other {i}.\n"),
        );
        commit_all(&env, &format!("Other {i}"));
    }
    git_ok(
        &env,
        &["mv", "prompts/greet.prompt", "prompts/welcome.prompt"],
    );
    commit_all(&env, "Rename greet to welcome");
    env.write(
        "prompts/welcome.prompt",
        "---\nstatus: active\n---\nWelcome.\n",
    );
    commit_all(&env, "Shorten welcome");
    let graph = env.path().join(".git/objects/info/commit-graph");
    assert!(
        !graph.exists()
            || !std::fs::read(&graph)
                .unwrap()
                .windows(4)
                .any(|w| w == b"BDAT")
    );

    let with_graph = logged(&env, "welcome");
    let bytes = std::fs::read(&graph).expect("log wrote a commit-graph");
    assert!(bytes.windows(4).any(|w| w == b"BDAT"), "with Bloom filters");
    assert!(!env.path().join(".git/promptctl/history-v1").exists());
    let kinds: Vec<&str> = with_graph.iter().map(|v| v.1.as_str()).collect();
    assert_eq!(
        kinds,
        ["modified", "renamed", "modified", "modified", "added"]
    );

    // Commits newer than the graph are read one by one.
    env.write(
        "prompts/welcome.prompt",
        "---\nstatus: active\n---\nWelcome back.\n",
    );
    commit_all(&env, "Welcome back");
    let newer = logged(&env, "welcome");
    assert_eq!(newer.len(), 6);
    assert_eq!(newer[1..], with_graph[..]);

    // The change index, without commit-graphs, finds the very same versions (once the answer
    // cached at this tip is gone).
    std::fs::remove_file(env.path().join(".git/promptctl/versions-v1")).expect("answer cache");
    git_ok(&env, &["config", "core.commitGraph", "false"]);
    assert_eq!(logged(&env, "welcome"), newer);
    assert!(env.path().join(".git/promptctl/history-v1").is_file());
}

#[test]
fn diff_of_a_new_uncommitted_prompt_shows_it_added() {
    let env = repo();
    env.write(
        "prompts/fresh.prompt",
        "---\nstatus: draft\n---\nBrand new.\n",
    );
    let out = env.run(&["diff", "fresh", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["new"], "working tree");
    assert_eq!(doc["fields"][0]["change"], "added");
    assert_eq!(doc["lines_added"], 1);
    assert_eq!(doc["breaking"], serde_json::json!([]));
    let missing = env.run(&["diff", "nothing"]);
    assert_eq!(missing.code, 3, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("`nothing` exists in neither"),
        "{}",
        missing.stderr
    );
}

#[test]
fn show_at_a_version_reads_that_commit() {
    let env = repo();
    let out = env.run(&["show", "greet@v1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Hello {{name}}, be kind."),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("very"), "{}", out.stdout);
    let current = env.run(&["show", "greet"]);
    assert!(current.stdout.contains("mood"), "{}", current.stdout);
    let bad = env.run(&["show", "greet@v7"]);
    assert_eq!(bad.code, 3, "{}", bad.stderr);
}

#[test]
fn diff_colors_only_when_asked_or_on_a_terminal() {
    let env = repo();
    env.write("prompts/_tone.prompt", "Stay very calm and warm.\n");
    let plain = env.run(&["diff", "_tone"]);
    assert!(!plain.stdout.contains('\u{1b}'), "{}", plain.stdout);
    assert!(
        plain
            .stdout
            .contains("Stay very [-calm.-]{+calm and warm.+}"),
        "{}",
        plain.stdout
    );
    let colored = env.run(&["diff", "_tone", "--color", "always"]);
    assert!(colored.stdout.contains("\u{1b}["), "{}", colored.stdout);
    let json = env.run(&["diff", "_tone", "--color", "always", "--format", "json"]);
    assert!(!json.stdout.contains('\u{1b}'), "JSON is never colored");
}

#[test]
fn rendered_diff_gives_each_side_only_the_variables_it_declares() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "prompts/hello.prompt",
        "---\ninput:\n  schema:\n    name: string\n---\nHello {{name}}.\n",
    );
    commit_all(&env, "Hello by name");
    env.write(
        "prompts/hello.prompt",
        "---\ninput:\n  schema:\n    customer: string\n---\nHello {{customer}}, welcome back.\n",
    );
    commit_all(&env, "Rename name to customer");
    // One variables file for both sides: each side refuses the other's variable as unknown.
    env.write("case.yaml", "name: Ada\ncustomer: Ada\n");
    let out = env.run(&[
        "diff",
        "hello",
        "v1",
        "v2",
        "--vars",
        "case.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rendered = doc["rendered"].as_array().unwrap();
    assert!(
        rendered
            .iter()
            .any(|s| s["tag"] == "delete" && s["text"] == "Hello Ada.\n"),
        "{rendered:?}"
    );
    assert!(
        rendered
            .iter()
            .any(|s| s["tag"] == "insert" && s["text"] == "Hello Ada, welcome back.\n"),
        "{rendered:?}"
    );
    // A variable neither side declares is still a mistake, named.
    env.write("typo.yaml", "nmae: Ada\ncustomer: Ada\n");
    let out = env.run(&["diff", "hello", "v1", "v2", "--vars", "typo.yaml"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("declares `nmae`"), "{}", out.stderr);
}

#[test]
fn rendered_diff_shows_a_changed_media_part() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "prompts/look.prompt",
        "Describe:\n{{media url=\"https://x.test/a.png\" contentType=\"image/png\"}}\n",
    );
    commit_all(&env, "Look at a");
    env.write(
        "prompts/look.prompt",
        "Describe:\n{{media url=\"https://x.test/b.jpg\" contentType=\"image/jpeg\"}}\n",
    );
    commit_all(&env, "Look at b");
    env.write("case.yaml", "{}\n");
    let out = env.run(&[
        "diff",
        "look",
        "v1",
        "v2",
        "--vars",
        "case.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rendered = doc["rendered"].as_array().unwrap();
    assert!(
        rendered.iter().any(|s| s["tag"] == "delete"
            && s["text"]
                .as_str()
                .unwrap()
                .contains("[media https://x.test/a.png image/png]")),
        "{rendered:?}"
    );
    assert!(
        rendered.iter().any(|s| s["tag"] == "insert"
            && s["text"]
                .as_str()
                .unwrap()
                .contains("[media https://x.test/b.jpg image/jpeg]")),
        "{rendered:?}"
    );
}
