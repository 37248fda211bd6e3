//! `promptctl init` and `promptctl new`: the files they write (checked against
//! `tests/fixtures/init/expected`), idempotence, `--force`, copies with `--from`, and every error
//! path (existing config, existing prompt, bad names, unknown or broken sources, IO failures).

use std::path::Path;

use crate::support::TestEnv;

fn expected(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/init/expected")
        .join(name);
    std::fs::read_to_string(&path).expect("expected output file")
}

#[test]
fn init_writes_a_project_that_lints_and_renders() {
    let env = TestEnv::new();
    let out = env.run(&["init"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    --- stderr
    created .gitattributes
    created .gitignore
    created .promptctl/schemas/config.schema.json
    created .promptctl/schemas/prompt.schema.json
    created promptctl.yaml
    created prompts/hello.prompt
    created prompts/promptctl/improve.prompt
    Initialized a promptctl project in `[ROOT]`.
    Next: `promptctl new <folder/name>` to add a prompt, `promptctl lint` to check them.
    Not a git repository yet: after `git init`, run `promptctl merge-driver --install`
    ");
    for file in [
        "promptctl.yaml",
        ".gitignore",
        ".gitattributes",
        "prompts/hello.prompt",
    ] {
        // Dot files are stored as `dot-…` so git does not read them as this repo's settings.
        let flat =
            file.replace('/', "__")
                .replacen('.', "dot-", usize::from(file.starts_with('.')));
        assert_eq!(env.read(file), expected(&flat), "{file}");
    }
    assert_eq!(
        env.read(".promptctl/schemas/prompt.schema.json"),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/prompt.schema.json")
        )
        .unwrap()
    );
    let lint = env.run(&["lint", "--fail-on", "info"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    let render = env.run(&["render", "hello", "--var", "question=Why?"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(
        render.stdout.contains("My question: Why?"),
        "{}",
        render.stdout
    );
}

#[test]
fn init_in_a_git_repository_installs_the_merge_driver() {
    let env = TestEnv::new();
    assert_eq!(env.git(&["init", "-q"]).code, 0);
    let out = env.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Installed the prompt merge and diff drivers"),
        "{}",
        out.stderr
    );
    let driver = env.git(&["config", "merge.promptctl.driver"]);
    assert_eq!(driver.stdout.trim(), promptctl::store::MERGE_DRIVER_COMMAND);
    assert!(
        env.read(".gitattributes")
            .contains("*.prompt merge=promptctl")
    );
}

#[test]
fn init_in_an_existing_project_adds_only_what_is_missing_and_keeps_the_config() {
    let env = TestEnv::new();
    env.write(".gitignore", "/target");
    env.write("prompts/mine.prompt", "mine");
    let config = "prompts: prompts\n# edited by hand\nlint:\n  fail_on: warning\n";
    env.write("promptctl.yaml", config);
    let out = env.run(&["init"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    --- stderr
    created .gitattributes
    created .promptctl/schemas/config.schema.json
    created .promptctl/schemas/prompt.schema.json
    created prompts/promptctl/improve.prompt
    updated .gitignore
    `[ROOT]` is already a promptctl project: added what was missing; promptctl.yaml was kept as it is.
    Not a git repository yet: after `git init`, run `promptctl merge-driver --install`
    ");
    assert_eq!(env.read("promptctl.yaml"), config);
    assert_eq!(env.read(".gitignore"), "/target\n.promptctl/cache/\n");
    // An existing library gets no example prompt, and its prompts are not touched.
    assert!(!env.path().join("prompts/hello.prompt").exists());
    assert_eq!(env.read("prompts/mine.prompt"), "mine");

    // Again, and with --force: nothing is replaced but stale schema copies.
    env.write(".promptctl/schemas/prompt.schema.json", "{}");
    let again = env.run(&["init", "--format", "json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let doc: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(doc["created"], serde_json::json!([]));
    assert_eq!(doc["updated"], serde_json::json!([]));
    assert_eq!(env.read(".promptctl/schemas/prompt.schema.json"), "{}");
    let forced = env.run(&["init", "--force", "--format", "json"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let doc: serde_json::Value = serde_json::from_str(&forced.stdout).unwrap();
    assert_eq!(
        doc["updated"],
        serde_json::json!([".promptctl/schemas/prompt.schema.json"])
    );
    assert_eq!(
        doc["unchanged"],
        serde_json::json!([
            ".gitattributes",
            ".gitignore",
            ".promptctl/schemas/config.schema.json",
            "promptctl.yaml",
            "prompts/promptctl/improve.prompt"
        ])
    );
    assert_eq!(env.read("promptctl.yaml"), config);
    assert_eq!(
        env.read(".gitattributes"),
        "*.prompt merge=promptctl diff=promptctl\n"
    );
}

#[test]
fn init_creates_the_folder_it_is_given() {
    let env = TestEnv::new();
    let out = env.run(&["init", "nested/project", "-q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(env.path().join("nested/project/promptctl.yaml").is_file());
    assert!(
        env.path()
            .join("nested/project/prompts/hello.prompt")
            .is_file()
    );
}

#[test]
fn init_into_a_file_is_an_io_error() {
    let env = TestEnv::new();
    env.write("taken", "a file");
    let out = env.run(&["init", "taken"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    let stderr = out.normalized(env.path());
    assert!(
        stderr.contains("error: cannot write `[ROOT]/taken`\n  Caused by: "),
        "{stderr}"
    );
}

#[test]
fn new_writes_a_starter_prompt_and_prints_its_path() {
    let env = TestEnv::project();
    let out = env.run(&[
        "new",
        "support/refund",
        "--description",
        "Explains a refund decision.",
        "--tag",
        "billing",
        "--tag",
        "support",
    ]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    prompts/support/refund.prompt
    --- stderr
    ");
    assert_eq!(
        env.read("prompts/support/refund.prompt"),
        expected("new__support__refund.prompt")
    );
    let lint = env.run(&["lint", "--fail-on", "info"]);
    assert_eq!(lint.code, 0, "{}{}", lint.stdout, lint.stderr);
    let render = env.run(&["render", "support/refund", "--var", "topic=tides"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
}

#[test]
fn new_copies_another_prompt_with_from() {
    let env = TestEnv::project();
    env.write(
        "prompts/support/reply.prompt",
        "---\nname: support/reply\ndescription: Replies.\nstatus: active\ntags: [support]\n---\nHi {{who}}\n",
    );
    let out = env.run(&[
        "new",
        "support/reply.formal",
        "--from",
        "support/reply",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"schema_version": 1, "name": "support/reply.formal", "path": "prompts/support/reply.formal.prompt"})
    );
    assert_eq!(
        env.read("prompts/support/reply.formal.prompt"),
        "---\ndescription: Replies.\nstatus: draft\ntags: [support]\n---\nHi {{who}}\n"
    );
}

#[test]
fn new_error_paths() {
    let env = TestEnv::project();
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: x\n---\nHi",
    );
    env.write("prompts/broken.prompt", "---\ntags: [a\n---\nHi");

    let exists = env.run(&["new", "support/reply"]);
    insta::assert_snapshot!(exists.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: `prompts/support/reply.prompt` already exists

    hint: choose another name, or edit the existing file
    ");
    let bad = env.run(&["new", "../escape"]);
    insta::assert_snapshot!(bad.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: `../escape` is not a valid prompt name: `.` and `..` are not allowed

    hint: names look like `support/reply` or `support/reply.formal`
    ");
    assert_eq!(env.run(&["new", "/abs"]).code, 2);
    assert_eq!(env.run(&["new", "a b"]).code, 2);

    let unknown = env.run(&["new", "x", "--from", "support/rpely"]);
    insta::assert_snapshot!(unknown.normalized(env.path()), @r"
    exit: 3
    --- stdout
    --- stderr
    error: no prompt named `support/rpely` to copy from

    hint: did you mean `support/reply`?
    ");
    let nothing_close = env.run(&["new", "x", "--from", "zzzzzzzz"]);
    assert_eq!(nothing_close.code, 3);
    assert!(
        nothing_close.stderr.contains("promptctl list"),
        "{}",
        nothing_close.stderr
    );

    let broken = env.run(&["new", "y", "--from", "broken"]);
    assert_eq!(broken.code, 3, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("prompts/broken.prompt:"),
        "{}",
        broken.stderr
    );
    assert!(!env.path().join("prompts/y.prompt").exists());

    let no_project = TestEnv::new().run(&["new", "x"]);
    assert_eq!(no_project.code, 2);
}

#[test]
fn new_io_failures_are_exit_6() {
    let env = TestEnv::new();
    env.write("promptctl.yaml", "prompts: p\n");
    env.write("p", "a file where the prompts folder should be");
    let out = env.run(&["new", "x"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("error: cannot write"), "{}", out.stderr);

    let env = TestEnv::project();
    std::fs::create_dir_all(env.path().join("prompts/dir.prompt")).unwrap();
    let out = env.run(&["new", "y", "--from", "dir"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    let stderr = out.normalized(env.path());
    assert!(
        stderr.contains("error: cannot read `[ROOT]/prompts/dir.prompt`"),
        "{stderr}"
    );
}

#[test]
fn init_check_fails_in_a_clone_without_the_drivers_and_changes_nothing() {
    let env = TestEnv::new();
    let git = |args: &[&str]| {
        let out = env.git(args);
        assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
    };
    git(&["init", "-q", "-b", "main"]);
    let out = env.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "init"]);
    assert_eq!(
        env.run(&["init", "--check"]).code,
        0,
        "a set-up clone passes"
    );

    // A fresh clone has the attributes but not the git config that registers the drivers.
    for key in ["merge.promptctl", "diff.promptctl"] {
        git(&["config", "--remove-section", key]);
    }
    let config_before = std::fs::read_to_string(env.path().join(".git/config")).expect("config");
    let out = env.run(&["init", "--check"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("merge driver"), "{}", out.stdout);
    assert!(
        out.stdout.contains("promptctl merge-driver --install"),
        "{}",
        out.stdout
    );
    let config_after = std::fs::read_to_string(env.path().join(".git/config")).expect("config");
    assert_eq!(config_before, config_after, "--check writes nothing");
    assert!(env.git(&["status", "--porcelain"]).stdout.is_empty());

    assert_eq!(env.run(&["init"]).code, 0);
    assert_eq!(env.run(&["init", "--check"]).code, 0);
}
