//! `promptctl list`: the folder tree, the table, JSON, every filter, inherited metadata, skipped
//! unreadable files, and the errors (no project, no prompts folder).

use crate::support::TestEnv;

fn library() -> TestEnv {
    let env = TestEnv::project();
    env.write("prompts/support/reply.prompt", "---\ndescription: Reply to a ticket\ntags: [support, email]\ncategory: support\nstatus: active\nowners: [team-support]\n---\nHi");
    env.write(
        "prompts/support/reply.formal.prompt",
        "---\ntags: [support]\nstatus: review\n---\nDear",
    );
    env.write("prompts/support/billing/deep/refund.prompt", "---\ntags: [billing]\nstatus: draft\nowners: [team-billing]\ncategory: support\n---\nRefund");
    env.write("prompts/support/_tone.prompt", "calm");
    env.write("prompts/top.prompt", "no front matter");
    env
}

#[test]
fn prints_a_tree_by_folder() {
    let env = library();
    let out = env.run(&["list"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    ├── top
    └── support/
        ├── reply  active  [support, email]  Reply to a ticket
        ├── reply.formal  review  [support]
        └── billing/
            └── deep/
                └── refund  draft  [billing]
    --- stderr
    4 prompts
    ");
}

#[test]
fn filters_combine() {
    let env = library();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["list", "--format", "json"];
        full.extend_from_slice(args);
        let out = env.run(&full);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        doc["prompts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids(&[]),
        [
            "support/billing/deep/refund",
            "support/reply",
            "support/reply.formal",
            "top"
        ]
    );
    assert_eq!(
        ids(&["--tag", "support"]),
        ["support/reply", "support/reply.formal"]
    );
    assert_eq!(
        ids(&["--tag", "support", "--tag", "email"]),
        ["support/reply"]
    );
    assert_eq!(
        ids(&["--category", "support", "--owner", "team-billing"]),
        ["support/billing/deep/refund"]
    );
    assert_eq!(ids(&["--status", "review"]), ["support/reply.formal"]);
    assert_eq!(ids(&["support/billing"]), ["support/billing/deep/refund"]);
    assert!(ids(&["--status", "archived"]).is_empty());
}

#[test]
fn json_has_metadata_and_table_has_columns() {
    let env = library();
    let out = env.run(&["list", "--format", "json", "--tag", "email"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["count"], 1);
    let p = &doc["prompts"][0];
    assert_eq!(p["path"], "prompts/support/reply.prompt");
    assert_eq!(p["owners"][0], "team-support");
    assert_eq!(p["description"], "Reply to a ticket");
    let table = env.run(&["list", "--table", "--status", "draft"]);
    assert_eq!(table.code, 0);
    assert!(
        table.stdout.contains("PROMPT") && table.stdout.contains("support/billing/deep/refund"),
        "{}",
        table.stdout
    );
    let none = env.run(&["list", "--tag", "nothing"]);
    assert_eq!((none.code, none.stdout.as_str()), (0, ""));
    assert!(none.stderr.contains("No prompts match"));
}

#[test]
fn unreadable_files_are_skipped_with_a_warning() {
    let env = library();
    env.write("prompts/broken.prompt", "---\ntags: 5\n---\nx");
    let out = env.run(&["list", "--format", "json"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("warning: skipped prompts/broken.prompt: 2:1:"),
        "{}",
        out.stderr
    );
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["unreadable"][0]["path"], "prompts/broken.prompt");
}

#[test]
fn errors_without_project_or_prompts_folder() {
    let env = TestEnv::new();
    let out = env.run(&["list"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("promptctl init"), "{}", out.stderr);
    env.write("promptctl.yaml", "prompts: missing\n");
    let out = env.run(&["list"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("the prompts folder") && out.stderr.contains("does not exist"),
        "{}",
        out.stderr
    );
}

#[test]
fn unsupported_formats_are_refused_naming_the_supported_ones() {
    let env = library();
    for (args, supported) in [
        (
            &["list", "--format", "csv"][..],
            "it writes `human`, `json`",
        ),
        (
            &["show", "top", "--format", "markdown"][..],
            "it writes `human`, `json`",
        ),
        (
            &["lint", "--format", "csv"][..],
            "it writes `human`, `json`, `github`, `sarif`, `markdown`",
        ),
        (
            &["lint", "--list-rules", "--format", "github"][..],
            "it writes `human`, `json`",
        ),
        (
            &["completions", "bash", "--format", "json"][..],
            "it writes `human`",
        ),
    ] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.contains(supported), "{args:?}: {}", out.stderr);
    }
    for args in [
        &["list", "--format", "json"][..],
        &["lint", "--format", "github"][..],
        &["scan", "--format", "csv"][..],
    ] {
        let out = env.run(args);
        assert_ne!(out.code, 2, "{args:?}: {}", out.stderr);
    }
}

#[test]
fn piped_tables_without_columns_keep_each_row_on_one_line() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example");
    let env = TestEnv::new();
    let out = env
        .command()
        .env_remove("COLUMNS")
        .args([
            "-C".as_ref(),
            example.as_os_str(),
            "list".as_ref(),
            "--table".as_ref(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let row = stdout
        .lines()
        .find(|line| line.contains("agents/planner"))
        .unwrap_or_else(|| panic!("no planner row: {stdout}"));
    assert!(
        row.contains(
            "Break a goal into an ordered plan of small, checkable steps with the tool for each."
        ),
        "row wrapped: {stdout}"
    );
}

/// `list --format json` streams: prompts are read a chunk at a time and written as they come.
/// The expected documents were captured from the whole-library implementation before streaming
/// (inherited metadata, a tag only a base sets, unreadable files, the example library); the
/// output must be the same byte for byte.
#[test]
fn streamed_list_json_is_byte_for_byte_what_the_whole_library_list_printed() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let golden = |name: &str| {
        std::fs::read_to_string(fixtures.join("lint-golden").join(name))
            .expect("read the captured output")
    };
    let env = TestEnv::new();
    crate::support::copy_tree(&fixtures.join("lint-golden/cross-file/in"), env.path());
    env.write("prompts/Dup/Same.prompt", "---\ndescription: one\n---\nx\n");
    env.write("prompts/dup/Target.prompt", "---\ndescription: T\n---\nx\n");
    env.write("prompts/dup/_Part.prompt", "p\n");
    let out = env.run(&["list", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, golden("cross-file/list.json"));
    assert!(
        out.stderr.contains("skipped prompts/bad/yaml.prompt"),
        "{}",
        out.stderr
    );
    let out = env.run(&["list", "--format", "json", "--tag", "mid"]);
    assert_eq!(out.stdout, golden("cross-file/list-tag-mid.json"));
    let out = env.run(&["list", "--format", "json", "--tag", "no-such-tag"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["count"], 0);
    assert_eq!(doc["prompts"], serde_json::json!([]));

    let example = TestEnv::new();
    crate::support::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example"),
        example.path(),
    );
    let out = example.run(&["list", "--format", "json"]);
    assert_eq!(out.stdout, golden("example-list.json"));
}
