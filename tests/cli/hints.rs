//! Hints that name a command name one that works there. Each case provokes an error, takes the
//! command (or the flag to add) from the `hint:` line, runs it, and checks that it does not fail
//! for the same reason; hints never carry a placeholder such as `<name>` or `<dir>`.

use crate::support::{Output, TestEnv};
use crate::versioning::repo;

/// The hint lines of an error, without the `hint: ` label.
fn hints(out: &Output) -> Vec<String> {
    out.stderr
        .lines()
        .filter_map(|line| line.strip_prefix("hint: "))
        .map(str::to_owned)
        .collect()
}

/// Every backticked span of the hints.
fn quoted(out: &Output) -> Vec<String> {
    hints(out)
        .iter()
        .flat_map(|hint| {
            hint.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The arguments of the first `promptctl …` command a hint names.
fn suggested_command(out: &Output) -> Vec<String> {
    let command = quoted(out)
        .into_iter()
        .find(|q| q.starts_with("promptctl "))
        .unwrap_or_else(|| panic!("no command in the hints: {}", out.stderr));
    command
        .split_whitespace()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// Runs the command a hint names, with the project's temp dir as written in the hint.
fn follow(env: &TestEnv, out: &Output) -> Output {
    let args = suggested_command(out);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&args)
}

fn assert_no_placeholder(out: &Output) {
    for hint in hints(out) {
        assert!(
            !hint.contains('<') && !hint.contains('>'),
            "placeholder in hint: {hint}"
        );
    }
}

#[test]
fn undefined_variable_hint_adds_a_var_that_renders() {
    let env = TestEnv::project();
    env.write("prompts/greet.prompt", "Hi {{who}}\n");
    let out = env.run(&["render", "greet"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let flag = quoted(&out)
        .into_iter()
        .find(|q| q.starts_with("--var "))
        .unwrap_or_else(|| panic!("no --var in the hints: {}", out.stderr));
    let mut args = vec!["render", "greet"];
    args.extend(flag.split_whitespace());
    let followed = env.run(&args);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}

#[test]
fn undefined_variable_hint_gives_a_value_of_the_declared_type() {
    let env = TestEnv::project();
    env.write(
        "prompts/count.prompt",
        "---\ninput:\n  schema:\n    count?: integer\n---\n{{count}} items\n",
    );
    let out = env.run(&["render", "count"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let flag = quoted(&out)
        .into_iter()
        .find(|q| q.starts_with("--var "))
        .unwrap_or_else(|| panic!("no --var in the hints: {}", out.stderr));
    let mut args = vec!["render", "count"];
    args.extend(flag.split_whitespace());
    let followed = env.run(&args);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}

#[test]
fn undeclared_variable_hint_does_not_suggest_a_var_that_fails_validation() {
    let env = TestEnv::project();
    env.write(
        "prompts/mail.prompt",
        "---\ninput:\n  schema:\n    customer: string\n---\nDear {{customer}}, from {{sender}}\n",
    );
    let out = env.run(&["render", "mail", "--var", "customer=Ada"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("variable `sender` is not defined"),
        "{}",
        out.stderr
    );
    // `--var sender=…` cannot work: the schema does not let `sender` through.
    let refused = env.run(&[
        "render",
        "mail",
        "--var",
        "customer=Ada",
        "--var",
        "sender=Bo",
    ]);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        !quoted(&out).iter().any(|q| q.starts_with("--var")),
        "{}",
        out.stderr
    );
    assert!(
        hints(&out)
            .iter()
            .any(|h| h.contains("input.schema") && h.contains("prompts/mail.prompt")),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_variable_hint_names_the_prompt_to_show() {
    let env = TestEnv::project();
    env.write(
        "prompts/support/reply.prompt",
        "---\ninput:\n  schema:\n    count: integer\n---\n{{count}} items\n",
    );
    let out = env.run(&["render", "support/reply", "--var", "count=many"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_no_placeholder(&out);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
    assert!(followed.stdout.contains("count"), "{}", followed.stdout);
}

#[test]
fn no_project_hint_starts_one_that_then_opens() {
    let env = TestEnv::new();
    let out = env.run(&["list"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_no_placeholder(&out);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
    let again = env.run(&["list"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn fisher_too_large_hint_runs_chi_square_on_the_same_counts() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "test",
        "fisher",
        "--pass-a",
        "500000000",
        "--n-a",
        "1000000000",
        "--pass-b",
        "500000000",
        "--n-b",
        "1000000000",
    ]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
    assert!(
        followed.stdout.contains("Chi-square"),
        "{}",
        followed.stdout
    );
}

#[test]
fn missing_baseline_hint_creates_the_file_that_was_named() {
    let env = TestEnv::project();
    env.write("prompts/a.prompt", "Hello\n");
    let out = env.run(&["scan", "--baseline", "accepted.json"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
    let again = env.run(&["scan", "--baseline", "accepted.json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn unknown_version_hint_lists_the_versions() {
    let env = repo();
    let out = env.run(&["render", "greet@v9", "--var", "name=Ada"]);
    assert_ne!(out.code, 0);
    assert_no_placeholder(&out);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}

#[test]
fn too_many_diff_references_hint_compares_two() {
    let env = repo();
    let out = env.run(&["diff", "greet@HEAD~2", "HEAD~1", "HEAD"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_no_placeholder(&out);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}

#[test]
fn release_to_with_two_names_hint_releases_one() {
    let env = repo();
    let out = env.run(&["release", "greet", "tone", "--env", "staging", "--to", "v1"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_no_placeholder(&out);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}

#[test]
fn unknown_lint_rule_hint_lists_the_rules() {
    let env = TestEnv::project();
    let out = env.run(&["lint", "--explain", "zzzzzzzzzzzz"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let followed = follow(&env, &out);
    assert_eq!(followed.code, 0, "{}", followed.stderr);
}
