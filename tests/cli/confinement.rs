//! Nothing escapes the project: every name a user or a file supplies that becomes a path — prompt
//! names, partials, `extends` bases, `new --from`, environments, experiments, datasets, run ids —
//! is refused when it climbs with `..`, is absolute, or leads through a symbolic link out of the
//! project, and the refused file's content never reaches the output. Links that stay inside
//! work. `scan` scans links that stay inside and reports the ones that lead out. `restore`
//! refuses a non-empty folder without `--force` and removes what a failed restore created.

use crate::mock::{MockServer, Reply, Wire};
use crate::support::{Output, TestEnv};
use crate::versioning::{commit_all, git_ok, repo};

/// The text of every file outside the project; no output may contain it.
const MARKER: &str = "TOP-SECRET-MARKER";

/// A folder beside the project, holding files that must never be read through it.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Outside {
        let dir = tempfile::tempdir().expect("temp dir");
        let prompt = format!("---\ndescription: {MARKER}\n---\n{MARKER} body\n");
        for name in ["secret.prompt", "_secret.prompt"] {
            std::fs::write(dir.path().join(name), &prompt).expect("write");
        }
        std::fs::write(
            dir.path().join("data.jsonl"),
            format!("{{\"id\": \"a\", \"vars\": {{\"message\": \"{MARKER}\"}}}}\n"),
        )
        .expect("write");
        Outside { dir }
    }

    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// `name` (no extension) as seen from the project's prompts folder, climbing with `..`.
    fn climbing_from_prompts(&self, name: &str) -> String {
        format!("../../{}/{name}", self.folder_name())
    }

    /// `name` as an absolute path.
    fn absolute(&self, name: &str) -> String {
        self.path().join(name).to_string_lossy().into_owned()
    }

    fn folder_name(&self) -> String {
        self.path()
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned()
    }
}

/// Asserts that the command was refused with exit `code`, a message naming why, and no byte of
/// the outside file in its output.
#[track_caller]
fn assert_refused(out: &Output, code: i32) {
    assert_eq!(
        out.code, code,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert_no_leak(out);
    assert!(
        out.stderr.contains("leaves the project")
            || out.stderr.contains("is an absolute path")
            || out.stderr.contains("points outside the project")
            || out.stderr.contains("a single file name")
            || out.stderr.contains("is a symbolic link in git"),
        "{}",
        out.stderr
    );
}

#[track_caller]
fn assert_no_leak(out: &Output) {
    assert!(
        !out.stdout.contains(MARKER),
        "leaked in stdout: {}",
        out.stdout
    );
    assert!(
        !out.stderr.contains(MARKER),
        "leaked in stderr: {}",
        out.stderr
    );
}

#[cfg(unix)]
fn symlink(target: &std::path::Path, link: &std::path::Path) {
    if let Some(parent) = link.parent() {
        std::fs::create_dir_all(parent).expect("create parent");
    }
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

fn hello_project() -> TestEnv {
    let mut env = TestEnv::project();
    env.write("prompts/hello.prompt", "Hello.\n");
    env.env("PROMPTCTL_KEYRING", "off");
    env
}

#[test]
fn render_show_and_run_refuse_names_that_climb_or_are_absolute() {
    let outside = Outside::new();
    let env = hello_project();
    for name in [
        outside.climbing_from_prompts("secret"),
        outside.absolute("secret"),
    ] {
        for args in [
            vec!["render", name.as_str()],
            vec!["show", name.as_str()],
            vec![
                "run",
                name.as_str(),
                "--dry-run",
                "--model",
                "openai/gpt-4o-mini",
            ],
        ] {
            let out = env.run(&args);
            assert_refused(&out, 3);
            assert!(out.stderr.contains(&name), "{args:?}: {}", out.stderr);
        }
    }
}

#[test]
fn partials_and_bases_that_climb_are_refused_at_their_line() {
    let outside = Outside::new();
    let env = hello_project();
    let cases = [
        format!(
            "Intro.\n{{{{> {}}}}}\n",
            outside.climbing_from_prompts("secret")
        ),
        format!("Intro.\n{{{{> {}}}}}\n", outside.absolute("secret")),
        format!(
            "---\nextends: {}\n---\nChild.\n",
            outside.climbing_from_prompts("secret")
        ),
        format!(
            "---\nextends: {}\n---\nChild.\n",
            outside.absolute("secret")
        ),
    ];
    for text in cases {
        env.write("prompts/p.prompt", &text);
        let out = env.run(&["render", "p"]);
        assert_refused(&out, 3);
        assert!(
            out.stderr.contains("prompts/p.prompt:2:"),
            "{text}\n{}",
            out.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn linked_prompts_folders_and_partials_that_lead_out_are_not_read() {
    let outside = Outside::new();
    let env = hello_project();
    symlink(
        &outside.path().join("secret.prompt"),
        &env.path().join("prompts/passwd.prompt"),
    );
    symlink(outside.path(), &env.path().join("prompts/ext"));
    let out = env.run(&["render", "passwd"]);
    assert_refused(&out, 3);
    assert!(
        out.stderr.contains("prompts/passwd.prompt"),
        "{}",
        out.stderr
    );
    assert_refused(&env.run(&["show", "passwd"]), 3);
    assert_refused(&env.run(&["render", "ext/secret"]), 3);
    env.write("prompts/p.prompt", "Intro.\n{{> ext/secret}}\n");
    let out = env.run(&["render", "p"]);
    assert_refused(&out, 3);
    assert!(out.stderr.contains("prompts/p.prompt:2:"), "{}", out.stderr);
    symlink(
        &outside.path().join("_secret.prompt"),
        &env.path().join("prompts/_tone.prompt"),
    );
    env.write("prompts/q.prompt", "Intro.\n{{> tone}}\n");
    assert_refused(&env.run(&["render", "q"]), 3);

    // The commands that read the whole library name the link and never show what it points to.
    let listed = env.run(&["list"]);
    assert_no_leak(&listed);
    assert!(listed.stdout.contains("hello"), "{}", listed.stdout);
    let search = env.run(&["search", "top-secret-marker"]);
    assert_no_leak(&search);
    let lint = env.run(&["lint"]);
    assert_no_leak(&lint);
    assert!(
        lint.stdout.contains("points outside the project"),
        "{}",
        lint.stdout
    );
}

#[cfg(unix)]
#[test]
fn links_that_stay_inside_the_project_work() {
    let env = hello_project();
    env.write("shared/base.prompt", "Shared {{> tone}}\n");
    env.write("prompts/_real-tone.prompt", "calm.\n");
    symlink(
        &env.path().join("prompts/hello.prompt"),
        &env.path().join("prompts/alias.prompt"),
    );
    symlink(
        &env.path().join("shared"),
        &env.path().join("prompts/shared"),
    );
    symlink(
        std::path::Path::new("_real-tone.prompt"),
        &env.path().join("prompts/_tone.prompt"),
    );
    let out = env.run(&["render", "alias"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Hello.\n"),
        "{}",
        out.stderr
    );
    let out = env.run(&["render", "shared/base"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Shared calm.\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn new_from_a_prompt_outside_the_project_is_refused() {
    let outside = Outside::new();
    let env = hello_project();
    for source in [
        outside.climbing_from_prompts("secret"),
        outside.absolute("secret"),
    ] {
        let out = env.run(&["new", "copy", "--from", &source]);
        assert_refused(&out, 3);
        assert!(out.stderr.contains("--from"), "{}", out.stderr);
        assert!(!env.path().join("prompts/copy.prompt").exists());
    }
}

#[cfg(unix)]
#[test]
fn new_from_or_into_a_linked_folder_that_leads_out_is_refused() {
    let outside = Outside::new();
    let env = hello_project();
    symlink(outside.path(), &env.path().join("prompts/ext"));
    assert_refused(&env.run(&["new", "copy", "--from", "ext/secret"]), 3);
    assert!(!env.path().join("prompts/copy.prompt").exists());
    assert_refused(&env.run(&["new", "ext/planted"]), 3);
    assert!(!outside.path().join("planted.prompt").exists());
}

#[test]
fn release_env_names_that_climb_write_nothing_outside() {
    let outside = Outside::new();
    let env = repo();
    let evil = format!("../../{}/evil", outside.folder_name());
    let out = env.run(&["release", "greet", "--env", &evil, "--no-commit"]);
    assert_refused(&out, 3);
    assert!(out.stderr.contains("--env"), "{}", out.stderr);
    assert!(!outside.path().join("evil.yaml").exists());
    let out = env.run(&["release", "greet", "--env", &outside.absolute("evil")]);
    assert_refused(&out, 3);
    assert!(!outside.path().join("evil.yaml").exists());
    let out = env.run(&["release", "--env", "prod", "--from", &evil]);
    assert_refused(&out, 3);
}

#[cfg(unix)]
#[test]
fn release_into_a_linked_environments_folder_that_leads_out_is_refused() {
    let outside = Outside::new();
    let env = repo();
    symlink(outside.path(), &env.path().join("environments"));
    for extra in [&["--no-commit"][..], &[][..]] {
        let mut args = vec!["release", "greet", "--env", "prod"];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert_refused(&out, 3);
        assert!(!outside.path().join("prod.yaml").exists(), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn rollback_through_a_linked_prompt_file_writes_nothing_outside() {
    let outside = Outside::new();
    let env = repo();
    std::fs::remove_file(env.path().join("prompts/greet.prompt")).unwrap();
    symlink(
        &outside.path().join("secret.prompt"),
        &env.path().join("prompts/greet.prompt"),
    );
    let out = env.run(&["rollback", "greet", "--to", "v1", "--force"]);
    assert_refused(&out, 3);
    assert!(
        std::fs::read_to_string(outside.path().join("secret.prompt"))
            .unwrap()
            .contains(MARKER)
    );
    let out = env.run(&[
        "rollback",
        &outside.climbing_from_prompts("secret"),
        "--to",
        "v1",
    ]);
    assert_refused(&out, 3);
}

#[cfg(unix)]
#[test]
fn history_does_not_follow_a_committed_symlink() {
    let outside = Outside::new();
    let env = repo();
    symlink(
        &outside.path().join("secret.prompt"),
        &env.path().join("prompts/passwd.prompt"),
    );
    commit_all(&env, "Add a link");
    let head = git_ok(&env, &["rev-parse", "--short", "HEAD"]);
    let out = env.run(&["render", &format!("passwd@{}", head.trim())]);
    assert_refused(&out, 3);
    assert!(
        out.stderr.contains("symbolic link in git"),
        "{}",
        out.stderr
    );
}

/// A project with one mock provider, a prompt, a dataset inside, and `experiments/<name>.yaml`.
fn experiment_project(mock: &MockServer, dataset: &str) -> TestEnv {
    let mut env = TestEnv::project();
    env.write(
        "promptctl.yaml",
        &format!(
            "prompts: prompts\nproviders:\n  alpha:\n    kind: openai\n    base_url: {}\n    api_key_env: ALPHA_KEY\n",
            mock.url("/v1")
        ),
    );
    env.write(
        "prompts/reply.prompt",
        "---\nmodel: alpha/small\ninput:\n  schema:\n    message: string\n---\n{{role \"user\"}}{{message}}\n",
    );
    env.write(
        "datasets/inside.jsonl",
        "{\"id\": \"a\", \"vars\": {\"message\": \"hi\"}}\n",
    );
    env.write(
        "experiments/e.yaml",
        &format!(
            "description: confinement\ndataset: {dataset}\nvariants:\n  - id: control\n    prompt: reply\n    control: true\n  - id: other\n    prompt: reply\nassertions:\n  - type: icontains\n    value: x\nmetrics:\n  - pass\n"
        ),
    );
    env.env("ALPHA_KEY", "sk-alpha-test")
        .env("PROMPTCTL_KEYRING", "off")
        .env("PROMPTCTL_RETRY_BASE_MS", "1");
    env
}

#[test]
fn experiment_datasets_outside_the_project_are_refused_at_their_line() {
    let outside = Outside::new();
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "x"));
    for dataset in [
        format!("../{}/data.jsonl", outside.folder_name()),
        outside.absolute("data.jsonl"),
    ] {
        let env = experiment_project(&mock, &dataset);
        for command in ["plan", "run"] {
            let out = env.run(&["ab", command, "e"]);
            assert_refused(&out, 2);
            assert!(
                out.stderr.contains("experiments/e.yaml:2:"),
                "{}",
                out.stderr
            );
        }
    }
    assert_eq!(mock.count(), 0);
}

#[cfg(unix)]
#[test]
fn a_linked_dataset_that_leads_out_is_refused() {
    let outside = Outside::new();
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "x"));
    let env = experiment_project(&mock, "datasets/link.jsonl");
    symlink(
        &outside.path().join("data.jsonl"),
        &env.path().join("datasets/link.jsonl"),
    );
    assert_refused(&env.run(&["ab", "run", "e"]), 2);
    assert_eq!(mock.count(), 0);
}

#[test]
fn experiment_variant_prompts_outside_the_project_are_refused() {
    let outside = Outside::new();
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "x"));
    let env = experiment_project(&mock, "datasets/inside.jsonl");
    let spec = env.read("experiments/e.yaml").replace(
        "id: other\n    prompt: reply",
        &format!(
            "id: other\n    prompt: {}\n    model: alpha/small",
            outside.climbing_from_prompts("secret")
        ),
    );
    env.write("experiments/e.yaml", &spec);
    assert_refused(&env.run(&["ab", "run", "e"]), 2);
    assert_eq!(mock.count(), 0);
}

#[test]
fn experiment_names_and_run_ids_stay_inside() {
    let outside = Outside::new();
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "x"));
    let env = experiment_project(&mock, "datasets/inside.jsonl");
    std::fs::write(
        outside.path().join("e.yaml"),
        env.read("experiments/e.yaml"),
    )
    .unwrap();
    let climbing = format!("../{}/e.yaml", outside.folder_name());
    assert_refused(&env.run(&["ab", "plan", &climbing]), 3);
    assert_refused(&env.run(&["ab", "plan", &outside.absolute("e.yaml")]), 3);
    let evil = format!("../../../{}/evil", outside.folder_name());
    for flag in ["--run-id", "--resume"] {
        let out = env.run(&["ab", "run", "e", flag, &evil]);
        assert_refused(&out, 3);
        assert!(out.stderr.contains(flag), "{}", out.stderr);
    }
    assert_refused(&env.run(&["ab", "run", "e", "--run-id", "a/b"]), 3);
    assert_eq!(mock.count(), 0);
    assert!(!outside.path().join("evil.jsonl").exists());
    // A plain run id still works.
    let out = env.run(&["ab", "run", "e", "--run-id", "fine"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(env.path().join("results/e/fine.jsonl").is_file());
}

#[test]
fn configured_folders_that_climb_are_refused() {
    let outside = Outside::new();
    let env = hello_project();
    env.write(
        "promptctl.yaml",
        &format!("prompts: ../{}\n", outside.folder_name()),
    );
    let out = env.run(&["list"]);
    assert_refused(&out, 3);
    assert!(out.stderr.contains("`prompts`"), "{}", out.stderr);
    env.write(
        "promptctl.yaml",
        &format!(
            "prompts: prompts\nscan:\n  baseline: {}\n",
            outside.absolute("baseline.json")
        ),
    );
    let out = env.run(&["scan", "--update-baseline"]);
    assert_refused(&out, 3);
    assert!(out.stderr.contains("`scan.baseline`"), "{}", out.stderr);
    assert!(!outside.path().join("baseline.json").exists());
}

#[cfg(unix)]
#[test]
fn scan_scans_links_inside_and_reports_links_that_lead_out() {
    const TOKEN: &str = "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";
    let outside = Outside::new();
    std::fs::write(outside.path().join("notes.md"), format!("token: {TOKEN}\n")).unwrap();
    let env = TestEnv::project();
    env.write("real/setup.md", &format!("token: {TOKEN}\n"));
    symlink(
        &outside.path().join("notes.md"),
        &env.path().join("docs/leak.md"),
    );
    symlink(
        &env.path().join("real/setup.md"),
        &env.path().join("docs/inside.md"),
    );
    let out = env.run(&["scan", "docs"]);
    assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("docs/inside.md:1:8: error[secret/github-token]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("docs/leak.md"), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("skipped `docs/leak.md`: a symbolic link that leads outside the project"),
        "{}",
        out.stderr
    );
}

#[test]
fn restore_refuses_a_folder_with_files_unless_forced() {
    let env = repo();
    assert_eq!(env.run(&["backup", "lib.bundle"]).code, 0);
    env.write("target/keep.txt", "mine\n");
    env.write("target/prompts/greet.prompt", "my own greet\n");
    let out = env.run(&["restore", "lib.bundle", "target"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("is not an empty folder"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(env.read("target/prompts/greet.prompt"), "my own greet\n");
    assert!(!env.path().join("target/.git").exists());
    let forced = env.run(&["restore", "lib.bundle", "target", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(env.read("target/keep.txt"), "mine\n");
    assert_eq!(
        env.read("target/prompts/greet.prompt"),
        env.read("prompts/greet.prompt")
    );
    // An empty folder is fine without `--force`.
    std::fs::create_dir(env.path().join("empty")).unwrap();
    assert_eq!(env.run(&["restore", "lib.bundle", "empty"]).code, 0);
}

/// Runs git in `dir` with `stdin`, returning its trimmed stdout.
fn git_with_stdin(dir: &std::path::Path, args: &[&str], stdin: &str) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn git");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait for git");
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

#[test]
fn a_failed_restore_removes_what_it_created() {
    let env = repo();
    // A commit whose tree holds a `.git` folder: the bundle verifies and clones, but git refuses
    // to check it out, so the restore fails after it has created the repository.
    let blob = git_with_stdin(env.path(), &["hash-object", "-w", "--stdin"], "x\n");
    let sub = git_with_stdin(env.path(), &["mktree"], &format!("100644 blob {blob}\tx\n"));
    let tree = git_with_stdin(
        env.path(),
        &["mktree"],
        &format!("040000 tree {sub}\t.git\n100644 blob {blob}\tok\n"),
    );
    let commit = git_with_stdin(env.path(), &["commit-tree", &tree, "-m", "bad"], "");
    git_ok(&env, &["update-ref", "refs/heads/main", &commit]);
    git_ok(&env, &["bundle", "create", "bad.bundle", "--all"]);
    let out = env.run(&["restore", "bad.bundle", "fresh"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(!env.path().join("fresh").exists());
    std::fs::create_dir(env.path().join("empty")).unwrap();
    let out = env.run(&["restore", "bad.bundle", "empty"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(env.path().join("empty")).unwrap().count(),
        0
    );
}

/// A dynamic partial takes its name from the data (`{{> (lookup . "which")}}`): a name that
/// climbs, an absolute one, or a partial linked to a file outside is never read.
#[test]
fn dynamic_partials_named_by_data_never_read_outside_the_prompts_folder() {
    let outside = Outside::new();
    let env = hello_project();
    env.write("prompts/pick.prompt", "Pick: {{> (lookup . \"which\")}}\n");
    #[cfg(unix)]
    symlink(
        &outside.path().join("_secret.prompt"),
        &env.path().join("prompts/_linked.prompt"),
    );
    for which in [
        outside.climbing_from_prompts("secret"),
        outside.absolute("secret"),
        "linked".to_owned(),
    ] {
        let out = env.run(&[
            "render",
            "pick",
            "--compat",
            "dotprompt",
            "--var",
            &format!("which={which}"),
        ]);
        assert_ne!(out.code, 0, "{which}: {}", out.stdout);
        assert_no_leak(&out);
    }
}
