//! `promptctl lint`: file-based cases under `tests/fixtures/lint/<case>/in` (one per folder,
//! output snapshotted in `snapshots/`), then the flags (`--fail-on`, `--explain`, `--list-rules`,
//! paths, formats including SARIF and Markdown), case-only name collisions, configuration overrides and every error path (bad config, bad paths, missing
//! prompts folder, unsupported format, no project, unreadable files).

use std::path::Path;

use crate::support::TestEnv;

/// Copies a fixture project into a fresh test environment.
fn fixture(case: &str) -> TestEnv {
    let env = TestEnv::new();
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(case)
        .join("in");
    copy_dir(&source, env.path());
    env
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create fixture folder");
    for entry in std::fs::read_dir(from).expect("list fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("fixture file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy fixture file");
        }
    }
}

#[test]
fn file_based_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 2, "{cases:?}");
    for case in cases {
        let env = fixture(&case);
        let out = env.run(&["lint"]);
        insta::assert_snapshot!(format!("lint_{case}"), out.normalized(env.path()));
    }
}

#[test]
fn every_rule_fires_in_the_every_rule_fixture() {
    let env = fixture("every-rule");
    let out = env.run(&["lint", "--format", "json"]);
    assert_eq!(out.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let fired: std::collections::BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    let listed = env.run(&["lint", "--list-rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    for rule in rules["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        // An unreadable file cannot live in git as a fixture; `unreadable_files_are_findings`
        // covers it.
        if id != "unreadable-file" {
            assert!(fired.contains(id), "{id} did not fire");
        }
    }
}

fn warnings_only() -> TestEnv {
    let env = TestEnv::project();
    env.write(
        "prompts/a.prompt",
        "---\ndescription: x\ninput:\n  schema:\n    used: string\n    spare?: string\n---\n{{used}}\n",
    );
    env
}

#[test]
fn fail_on_decides_the_exit_status() {
    let env = warnings_only();
    let out = env.run(&["lint"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    prompts/a.prompt:6:5: warning[unused-variable]: `spare` is declared in `input.schema` but never used
      hint: use it in the template (`{{spare}}`) or remove the declaration
    --- stderr
    checked 1 file: 0 errors, 1 warning, 0 info
    ");
    assert_eq!(env.run(&["lint", "--fail-on", "warning"]).code, 1);
    assert_eq!(env.run(&["lint", "--fail-on", "info"]).code, 1);
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  fail_on: warning\n",
    );
    assert_eq!(env.run(&["lint"]).code, 1);
    // The flag wins over the configuration.
    assert_eq!(env.run(&["lint", "--fail-on", "error"]).code, 0);
}

#[test]
fn config_overrides_rule_severities() {
    let env = warnings_only();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  rules:\n    unused-variable: error\n",
    );
    let out = env.run(&["lint", "--format", "json"]);
    assert_eq!(out.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["severity"], "error");
    assert_eq!(doc["failed"], true);

    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  rules:\n    unused-variable: off\n",
    );
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "checked 1 file: no problems found\n");
}

#[test]
fn bad_lint_configuration_is_a_usage_error() {
    let env = warnings_only();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  rules:\n    unused-variabel: off\n",
    );
    let out = env.run(&["lint"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: `lint.rules` in promptctl.yaml names `unused-variabel`, which is not a lint rule

    hint: did you mean `unused-variable`?
    ");
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  rules:\n    unused-variable: loud\n",
    );
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("use off, info, warning or error"),
        "{}",
        out.stderr
    );
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nlint:\n  fail_on: sometimes\n",
    );
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("`lint.fail_on`"), "{}", out.stderr);
}

#[test]
fn explain_and_list_rules() {
    let env = TestEnv::new();
    let out = env.run(&["lint", "--explain", "conditional-on-undeclared"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("conditional-on-undeclared (default severity: error)\n")
    );
    assert!(
        out.stdout.contains("silently removes a branch"),
        "{}",
        out.stdout
    );

    let out = env.run(&["lint", "--explain", "undefined-varable"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: no lint rule named `undefined-varable`

    hint: did you mean `undefined-variable`?
    ");
    let out = env.run(&["lint", "--explain", "zzz"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--list-rules"), "{}", out.stderr);

    let out = env.run(&["lint", "--list-rules"]);
    assert_eq!(out.code, 0);
    for id in [
        "yaml-syntax",
        "missing-link",
        "duplicate-name",
        "role-marker-misuse",
    ] {
        assert!(out.stdout.contains(id), "{id}: {}", out.stdout);
    }
    let out = env.run(&["lint", "--explain", "missing-link", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["severity"], "error");
}

#[test]
fn paths_limit_reports_but_references_resolve_everywhere() {
    let env = TestEnv::project();
    env.write(
        "prompts/a/one.prompt",
        "---\ndescription: x\nlinks: [b/two]\n---\n{{> shared/p}}",
    );
    env.write(
        "prompts/b/two.prompt",
        "---\ndescription: x\nstatus: nope\n---\nHi",
    );
    env.write("prompts/shared/_p.prompt", "partial");
    let out = env.run(&["lint", "prompts/a"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    --- stderr
    checked 1 file: no problems found
    ");
    let out = env.run(&["lint", "prompts/b/two.prompt", "prompts/a"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("checked 2 files"), "{}", out.stderr);

    // Paths are relative to the working directory, output to the project root.
    let mut cmd = env.command();
    let output = cmd
        .current_dir(env.path().join("prompts/b"))
        .args(["lint", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.starts_with("prompts/b/two.prompt:3:1: error[invalid-status]"),
        "{stdout}"
    );
}

#[test]
fn bad_paths_are_usage_errors() {
    let env = TestEnv::project();
    let out = env.run(&["lint", "prompts/nowhere"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: `prompts/nowhere` does not exist
    ");
    let outside = tempfile::tempdir().unwrap();
    let out = env.run(&["lint", outside.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is outside the project"),
        "{}",
        out.stderr
    );
}

#[test]
fn github_format_prints_workflow_annotations() {
    let env = TestEnv::project();
    env.write(
        "prompts/a.prompt",
        "---\ndescription: x\nstatus: shiped\n---\nHi {{raw}}",
    );
    let out = env.run(&["lint", "--format", "github"]);
    insta::assert_snapshot!(out.normalized(env.path()), @"
    exit: 1
    --- stdout
    ::error file=prompts/a.prompt,line=3,col=1,title=invalid-status::`shiped` is not a status%0Ahint: use one of `draft`, `review`, `active`, `deprecated` or `archived`
    ::warning file=prompts/a.prompt,line=5,col=4,title=shadowed-helper::`{{raw}}` calls the built-in helper `raw`, not the variable `raw`%0Ahint: write `{{this.raw}}` (or `{{@root.raw}}`), or rename the variable
    --- stderr
    checked 1 file: 1 error, 1 warning, 0 info
    ");
}

#[test]
fn json_format_is_versioned_and_sorted() {
    let env = TestEnv::project();
    env.write("prompts/b.prompt", "---\nstatus: x\n---\nHi");
    env.write(
        "prompts/a.prompt",
        "---\ndescription: y\n---\n{{#if q}}x{{/if}}",
    );
    let out = env.run(&["lint", "--format", "json"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "");
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["files_checked"], 2);
    assert_eq!(doc["fail_on"], "error");
    assert_eq!(
        doc["summary"],
        serde_json::json!({"error": 2, "warning": 0, "info": 1})
    );
    let order: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("prompts/a.prompt", "conditional-on-undeclared"),
            ("prompts/b.prompt", "missing-description"),
            ("prompts/b.prompt", "invalid-status"),
        ]
    );
}

#[test]
fn unsupported_format_is_a_usage_error() {
    let env = TestEnv::project();
    let out = env.run(&["lint", "--format", "csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`promptctl lint` cannot write `--format csv`"),
        "{}",
        out.stderr
    );
}

#[test]
fn sarif_format_reports_findings_under_lint_rule_ids() {
    let env = TestEnv::project();
    env.write(
        "prompts/a.prompt",
        "---\ndescription: x\nstatus: shiped\n---\nHi {{raw}}",
    );
    let out = env.run(&["lint", "--format", "sarif"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "promptctl lint");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{doc}");
    assert_eq!(results[0]["ruleId"], "lint/invalid-status");
    assert_eq!(results[0]["level"], "error");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "prompts/a.prompt");
    assert_eq!(location["region"]["startLine"], 3);
    let index = usize::try_from(results[0]["ruleIndex"].as_u64().unwrap()).unwrap();
    assert_eq!(
        run["tool"]["driver"]["rules"][index]["id"],
        "lint/invalid-status"
    );
    let scan = env.run(&["scan", "--format", "sarif"]);
    let scan: serde_json::Value = serde_json::from_str(&scan.stdout).unwrap();
    for rule in scan["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let id = rule["id"].as_str().unwrap();
        assert!(!id.starts_with("lint/"), "{id}");
    }
}

#[test]
fn markdown_format_is_a_table_of_findings() {
    let env = TestEnv::project();
    env.write(
        "prompts/a.prompt",
        "---\ndescription: x\nstatus: shiped\n---\nHi",
    );
    let out = env.run(&["lint", "--format", "markdown"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("| Location | Severity | Rule | Finding |\n| --- | --- | --- | --- |\n| `prompts/a.prompt:3:1` | error | `invalid-status` |"),
        "{}",
        out.stdout
    );
}

#[test]
fn no_project_and_missing_prompts_folder_are_usage_errors() {
    let env = TestEnv::new();
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("promptctl init"), "{}", out.stderr);

    env.write("promptctl.yaml", "prompts: library\n");
    let out = env.run(&["lint"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 2
    --- stdout
    --- stderr
    error: the prompts folder `[ROOT]/library` does not exist

    hint: create the folder, or point `prompts:` in promptctl.yaml at it
    ");
}

#[test]
fn unreadable_files_are_findings_not_crashes() {
    let env = TestEnv::project();
    std::fs::write(env.path().join("prompts/latin1.prompt"), b"caf\xe9 {{x}}").unwrap();
    env.write("prompts/ok.prompt", "---\ndescription: fine\n---\nHi");
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("prompts/latin1.prompt: error[unreadable-file]: cannot read the file:"),
        "{}",
        out.stdout
    );
}

#[test]
fn empty_and_odd_files_do_not_crash() {
    let env = TestEnv::project();
    for (i, text) in [
        "",
        "---",
        "---\n---\n",
        "{{",
        "}}{{/if}}",
        "---\n- a\n---\n",
        "\u{feff}",
    ]
    .iter()
    .enumerate()
    {
        env.write(&format!("prompts/odd{i}.prompt"), text);
    }
    let out = env.run(&["lint", "--format", "json"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["files_checked"], 7);
}

/// Needs a case-sensitive file system (Linux CI): elsewhere the second write replaces the first.
#[test]
fn names_that_differ_only_by_case_collide() {
    let env = TestEnv::project();
    env.write(
        "prompts/Support/Reply.prompt",
        "---\ndescription: a\n---\nA",
    );
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: b\n---\nB",
    );
    let out = env.run(&["lint"]);
    insta::assert_snapshot!(out.normalized(env.path()), @"
    exit: 1
    --- stdout
    prompts/Support/Reply.prompt: error[duplicate-name]: the name `support/reply` is also used by `prompts/support/reply.prompt`
      hint: rename one of the files, or change its `name:`
    prompts/support/reply.prompt: error[duplicate-name]: the name `support/reply` is also used by `prompts/Support/Reply.prompt`
      hint: rename one of the files, or change its `name:`
    --- stderr
    checked 2 files: 2 errors, 0 warnings, 0 info
    ");
}

/// Lints and renders one prompt; returns both outputs.
fn lint_and_render(text: &str) -> (crate::support::Output, crate::support::Output, TestEnv) {
    let env = TestEnv::project();
    env.write("prompts/reply.prompt", text);
    let lint = env.run(&["lint"]);
    let render = env.run(&["render", "reply", "--var", "name=Ada"]);
    (lint, render, env)
}

#[test]
fn unknown_helpers_fail_lint_and_render_at_the_same_place_with_the_known_helpers() {
    let (lint, render, _env) = lint_and_render(
        "---\ndescription: Greets.\ninput:\n  schema:\n    name: string\n---\nHello {{name}}.\n{{shout name}}\n",
    );
    assert_eq!(lint.code, 1, "{}{}", lint.stdout, lint.stderr);
    let place = "prompts/reply.prompt:8:1";
    let message = "unknown helper `shout`: the helpers are if, unless, each, with, lookup, log, \
                   raw, eq, ne, gt, gte, lt, lte, and, or, not, len, role, history, json, \
                   section, media, ifEquals, unlessEquals";
    assert!(lint.stdout.contains(place), "{}", lint.stdout);
    assert!(lint.stdout.contains("unknown-helper"), "{}", lint.stdout);
    assert!(lint.stdout.contains(message), "{}", lint.stdout);
    assert_eq!(render.code, 3, "{}", render.stderr);
    assert!(
        render.stderr.contains(&format!("{place}: {message}")),
        "{}",
        render.stderr
    );
    assert!(
        !render.stderr.contains("Helper not found"),
        "{}",
        render.stderr
    );
}

#[test]
fn a_missing_closing_front_matter_line_is_an_error_in_lint_and_render() {
    let (lint, render, _env) =
        lint_and_render("---\ndescription: Greets.\nmodel: openai/gpt-4o\nHello {{name}}.\n");
    assert_eq!(lint.code, 1, "{}{}", lint.stdout, lint.stderr);
    assert!(
        lint.stdout.contains("prompts/reply.prompt:1:1")
            && lint.stdout.contains("yaml-syntax")
            && lint.stdout.contains("is never closed"),
        "{}",
        lint.stdout
    );
    assert_eq!(render.code, 3, "{}", render.stdout);
    assert!(
        render.stderr.contains(
            "prompts/reply.prompt:1:1: the front matter opened by the `---` on line 1 is never closed"
        ),
        "{}",
        render.stderr
    );
    assert!(!render.stdout.contains("model:"), "{}", render.stdout);
}

#[test]
fn duplicate_front_matter_keys_are_rejected_at_the_repeat() {
    let (lint, render, _env) = lint_and_render(
        "---\ndescription: Greets.\nconfig:\n  temperature: 0.2\ndescription: Greets twice.\n---\nHello {{name}}.\n",
    );
    assert_eq!(lint.code, 1, "{}{}", lint.stdout, lint.stderr);
    let message = "prompts/reply.prompt:5:1";
    assert!(
        lint.stdout.contains(message) && lint.stdout.contains("duplicate key `description`"),
        "{}",
        lint.stdout
    );
    assert_eq!(render.code, 3, "{}", render.stdout);
    assert!(
        render.stderr.contains(&format!(
            "{message}: invalid YAML front matter: duplicate key `description`"
        )),
        "{}",
        render.stderr
    );
}

#[test]
fn unresolved_conflict_markers_are_named_with_both_sides_in_lint_and_render() {
    let (lint, render, _env) = lint_and_render(
        "---\ndescription: Greets.\n---\nHello {{name}}.\n<<<<<<< HEAD\nBe brief.\n=======\nBe thorough.\n>>>>>>> feature\n",
    );
    assert_eq!(lint.code, 1, "{}{}", lint.stdout, lint.stderr);
    let message = "prompts/reply.prompt:5:1";
    let text = "unresolved merge conflict (lines 5–9): HEAD (line 6): `Be brief.`; feature \
                (line 8): `Be thorough.`";
    assert!(
        lint.stdout.contains(message)
            && lint.stdout.contains("merge-conflict")
            && lint.stdout.contains(text),
        "{}",
        lint.stdout
    );
    assert!(!lint.stdout.contains("yaml-syntax"), "{}", lint.stdout);
    assert_eq!(render.code, 3, "{}", render.stdout);
    assert!(
        render.stderr.contains(&format!("{message}: {text}")),
        "{}",
        render.stderr
    );
}

#[test]
fn helpers_short_of_arguments_fail_lint_where_render_fails() {
    let (lint, render, _env) = lint_and_render(
        "---\ndescription: Greets.\ninput:\n  schema:\n    name: string\n---\nHello {{name}}.\n{{#if}}VIP{{/if}}\n",
    );
    assert_eq!(lint.code, 1, "{}{}", lint.stdout, lint.stderr);
    assert!(
        lint.stdout.contains(
            "prompts/reply.prompt:8:1: error[helper-arguments]: `if` needs 1 argument, and is \
             given 0: it cannot render"
        ),
        "{}",
        lint.stdout
    );
    assert_eq!(render.code, 3, "{}", render.stdout);
    assert!(
        render.stderr.contains("prompts/reply.prompt:8:1: "),
        "{}",
        render.stderr
    );
}

/// The cross-file fixture plus the files that differ from others only by case, which are written
/// at test time so that the fixture checks out on case-insensitive file systems.
fn cross_file_library() -> TestEnv {
    let env = TestEnv::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint-golden/cross-file");
    copy_dir(&root.join("in"), env.path());
    env.write("prompts/Dup/Same.prompt", "---\ndescription: one\n---\nx\n");
    env.write("prompts/dup/Target.prompt", "---\ndescription: T\n---\nx\n");
    env.write("prompts/dup/_Part.prompt", "p\n");
    env
}

fn golden(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint-golden")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("read the captured output");
    serde_json::from_str(&text).expect("captured output is JSON")
}

/// `lint` streams the library (each file read, checked and dropped; other files known only
/// through a compact index). The expected outputs were captured from the whole-library
/// implementation before streaming: duplicate names (by path, by `name:`, by case), missing and
/// cyclic partials, `extends` chains, loops and missing or unparsable bases, inherited input and
/// descriptions, and a path selection. Findings, their order and the summary must not change.
#[test]
fn streamed_lint_reports_exactly_what_the_whole_library_lint_reported() {
    let env = cross_file_library();
    let out = env.run(&["lint", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let got: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got, golden("cross-file/lint.json"));

    let out = env.run(&[
        "lint",
        "--format",
        "json",
        "prompts/family",
        "prompts/cycle",
    ]);
    let got: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got, golden("cross-file/lint-family-cycle.json"));

    let example = TestEnv::new();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example"),
        example.path(),
    );
    let out = example.run(&["lint", "--format", "json"]);
    let got: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got, golden("example-lint.json"));
}
