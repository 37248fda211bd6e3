//! `pr-report`: a scripted pull request on a copy of the example library lists the environment
//! pin, the prompt that `extends` the changed base, the dataset that no longer validates and the
//! breaking change; the Markdown carries the sticky-comment marker and collapsed samples; a long
//! report is shortened to `--max-chars` with a pointer to the full one (`--output`); only
//! findings new in the range are listed (a second copy of a known one counts); the range starts
//! where the branch forked; committed results are analysed, and a changed prompt
//! without an experiment gets the `ab plan` command; a bad range is a git error (exit 4).

use std::path::Path;

use serde_json::Value;

use crate::support::TestEnv;
use crate::support::copy_tree;
use crate::versioning::{commit_all, git_ok};

const MARKER: &str = "<!-- promptctl-pr-report -->";

/// The example library committed on `main`, with `classification/sentiment` released to prod,
/// and a `pr` branch checked out.
fn example_repo() -> TestEnv {
    let mut env = TestEnv::new();
    env.env("PROMPTCTL_KEYRING", "off");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example");
    copy_tree(&example, env.path());
    git_ok(&env, &["init", "-q", "-b", "main"]);
    commit_all(&env, "Example library");
    let out = env.run(&["release", "classification/sentiment", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    git_ok(&env, &["checkout", "-q", "-b", "pr"]);
    env
}

/// Edits a file in place.
fn edit(env: &TestEnv, path: &str, from: &str, to: &str) {
    let text = env.read(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    env.write(path, &text.replacen(from, to, 1));
}

/// The scripted pull request: a line added to the base every support reply `extends`, and a
/// required variable (`language`) that the sentiment dataset's cases do not have.
fn scripted_pr(env: &TestEnv) {
    edit(
        env,
        "prompts/support/base-reply.prompt",
        "{{> support/signature}}",
        "Always thank the customer for their patience.\n{{> support/signature}}",
    );
    edit(
        env,
        "prompts/classification/sentiment.prompt",
        "    message: string\n",
        "    message: string\n    language: string, the language the message is written in\n",
    );
    commit_all(env, "Thank customers; classify by language");
}

fn json(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON output")
}

fn prompt<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["prompts"]
        .as_array()
        .expect("a list of prompts")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the report: {report:#}"))
}

#[test]
fn pr_report_lists_pins_dependents_invalid_datasets_and_breaking_changes() {
    let env = example_repo();
    scripted_pr(&env);
    let report = json(&env, &["pr-report", "main..HEAD", "--format", "json"]);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["summary"]["prompts_changed"], 2);

    let sentiment = prompt(&report, "classification/sentiment");
    // The pin: prod holds an exact version, so merging leaves it; the next release serves this.
    let pins = sentiment["impact"]["pins"].as_array().unwrap();
    assert_eq!(pins.len(), 1, "{pins:?}");
    assert_eq!(pins[0]["environment"], "prod");
    assert_eq!(pins[0]["pinned"], "v1");
    assert_eq!(pins[0]["change"], "next_release");
    // The breaking change.
    assert!(
        sentiment["breaking"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "new required variable `language`"),
        "{sentiment:#}"
    );
    // The dataset whose cases no longer validate, checked case by case.
    let datasets = sentiment["impact"]["datasets"].as_array().unwrap();
    let dataset = datasets
        .iter()
        .find(|d| d["dataset"] == "datasets/sentiment.yaml")
        .expect("the sentiment dataset");
    assert_eq!(dataset["regressed"], true);
    assert_eq!(dataset["invalid_at_base"], 0);
    let invalid = dataset["invalid"].as_array().unwrap();
    assert_eq!(
        dataset["cases"],
        invalid.len(),
        "every case lacks `language`"
    );
    assert_eq!(invalid[0]["id"], "msg-01");
    assert!(
        invalid[0]["message"].as_str().unwrap().contains("language"),
        "{dataset:#}"
    );
    assert_eq!(
        sentiment["impact"]["experiments"][0]["experiment"],
        "sentiment-models"
    );

    let base = prompt(&report, "support/base-reply");
    // The prompt that extends the changed base, and that it still renders at HEAD.
    let dependents = base["impact"]["dependents"].as_array().unwrap();
    let refund = dependents
        .iter()
        .find(|d| d["prompt"] == "support/refund-request")
        .expect("refund-request extends base-reply");
    assert_eq!(refund["via"], "extends");
    let renders = base["impact"]["renders"].as_array().unwrap();
    assert!(
        renders
            .iter()
            .any(|r| r["prompt"] == "support/refund-request"
                && r["after"]["status"] == "ok"
                && r["regressed"] == false)
    );
    assert!(base["breaking"].as_array().unwrap().is_empty());

    // The Markdown: the marker first, the samples collapsed.
    let out = env.run(&["pr-report", "main..HEAD"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!("{MARKER}\n")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "<details><summary><code>support/base-reply</code> on <code>input.default</code>"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("+Always thank the customer"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("**Environment `prod`** pins `classification/sentiment` at v1")
    );
}

#[test]
fn a_repin_in_the_pull_request_is_reported_as_changing_what_the_environment_serves() {
    let env = example_repo();
    scripted_pr(&env);
    let out = env.run(&["release", "support/refund-request", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&env, &["pr-report", "main..HEAD", "--format", "json"]);
    let pins = prompt(&report, "support/base-reply")["impact"]["pins"].clone();
    assert_eq!(pins[0]["prompt"], "support/refund-request", "{pins:#}");
    assert_eq!(pins[0]["change"], "released", "{pins:#}");
    assert_eq!(pins[0]["before"], Value::Null, "{pins:#}");
}

#[test]
fn a_long_report_is_shortened_to_max_chars_dropping_samples_first() {
    let env = example_repo();
    scripted_pr(&env);
    let full = env.run(&["pr-report", "main..HEAD", "--output", "full.md"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let whole = env.read("full.md");
    assert_eq!(
        full.stdout, whole,
        "under the default limit nothing is left out"
    );
    let whole_chars = whole.chars().count();

    let out = env.run(&[
        "pr-report",
        "main..HEAD",
        "--max-chars",
        &(whole_chars - 200).to_string(),
        "--output",
        "full.md",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.chars().count() <= whole_chars - 200);
    assert!(out.stdout.starts_with(MARKER));
    assert!(out.stdout.contains("### Impact"), "{}", out.stdout);
    assert!(
        out.stdout.contains("## Changes"),
        "diffs stay while samples go"
    );
    assert!(
        out.stdout.contains("rendered sample(s)")
            && out
                .stdout
                .contains("full report: uploaded as the `promptctl-pr-report` artifact"),
        "{}",
        out.stdout
    );
    assert_eq!(env.read("full.md"), whole, "--output keeps the full report");

    // Tighter: the samples all go, and what is left of the diffs; the summary and impact stay.
    let small = whole.find("\n## Changes").expect("a changes section") + 300;
    let out = env.run(&[
        "pr-report",
        "main..HEAD",
        "--max-chars",
        &small.to_string(),
        "--full-report-url",
        "https://ci.example.com/run/7",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.chars().count() <= small, "{}", out.stdout.len());
    assert!(out.stdout.starts_with(MARKER));
    assert!(out.stdout.contains("### Impact"), "{}", out.stdout);
    assert!(out.stdout.contains("### Evidence"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("## Rendered samples"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("full report: https://ci.example.com/run/7"),
        "{}",
        out.stdout
    );

    // Smaller than the summary itself: cut, still marked and within the limit.
    let out = env.run(&["pr-report", "main..HEAD", "--max-chars", "600"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.chars().count() <= 600, "{}", out.stdout);
    assert!(out.stdout.starts_with(MARKER), "{}", out.stdout);
    assert!(
        out.stdout.contains("full report: uploaded as"),
        "{}",
        out.stdout
    );
}

/// A live-format OpenAI key, built from pieces so this file itself holds none.
fn key(tail: &str) -> String {
    format!("sk-proj-{}{tail}", "Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4Fg6Ls0Qe2Ru8")
}

#[test]
fn only_findings_new_in_the_range_are_listed() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    let old = format!("Key: {}\n", key("Ti5Oy3Pa1Sd7"));
    env.write("prompts/old.prompt", &old);
    commit_all(&env, "A prompt that already leaks a key");
    git_ok(&env, &["checkout", "-q", "-b", "pr"]);
    // The old key moves down three lines: still the same finding.
    env.write("prompts/old.prompt", &format!("One.\nTwo.\nThree.\n{old}"));
    env.write(
        "prompts/new.prompt",
        &format!("Key: {}\n", key("Ab9Cd8Ef7Gh6")),
    );
    commit_all(&env, "Plant a new key");
    let report = json(&env, &["pr-report", "main..HEAD", "--format", "json"]);
    let scan = report["findings"]["scan"].as_array().unwrap();
    assert!(!scan.is_empty(), "{report:#}");
    assert!(
        scan.iter().all(|f| f["path"] == "prompts/new.prompt"),
        "{scan:#?}"
    );
    assert!(
        scan.iter()
            .any(|f| f["rule"].as_str().unwrap().starts_with("secret/"))
    );
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains(&key("Ab9Cd8Ef7Gh6")), "the key is masked");
    assert!(!text.contains(&key("Ti5Oy3Pa1Sd7")), "the key is masked");
    let markdown = env.run(&["pr-report", "main..HEAD"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(
        markdown.stdout.contains("prompts/new.prompt"),
        "{}",
        markdown.stdout
    );
    for planted in [key("Ab9Cd8Ef7Gh6"), key("Ti5Oy3Pa1Sd7")] {
        assert!(!markdown.stdout.contains(&planted), "{}", markdown.stdout);
    }
}

#[test]
fn a_changed_prompt_without_an_experiment_gets_the_ab_plan_command() {
    let env = TestEnv::project();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\ndefaults:\n  model: openai/gpt-4o-mini\n",
    );
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write("prompts/support/greet.prompt", "Hello.\n");
    commit_all(&env, "Greet");
    env.write("prompts/support/greet.prompt", "Hello there.\n");
    commit_all(&env, "Warmer");
    let out = env.run(&["pr-report", "HEAD~1..HEAD"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "**No evidence: these changed prompts have no experiment:** `support/greet`."
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("`promptctl ab plan support-greet`"),
        "{}",
        out.stdout
    );
    let report = json(&env, &["pr-report", "HEAD~1..HEAD", "--format", "json"]);
    let suggestion = &report["evidence"]["no_experiment"][0];
    assert_eq!(suggestion["command"], "promptctl ab plan support-greet");
    assert_eq!(suggestion["spec_path"], "experiments/support-greet.yaml");
    // The suggested spec is one `ab plan` accepts once its dataset exists.
    env.write(
        "experiments/support-greet.yaml",
        suggestion["spec"].as_str().unwrap(),
    );
    env.write(
        "datasets/support-greet.jsonl",
        "{\"id\": \"one\", \"vars\": {}}\n{\"id\": \"two\", \"vars\": {}}\n",
    );
    let plan = env.run(&["ab", "plan", "support-greet", "--offline"]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
}

#[test]
fn results_committed_in_the_range_are_analysed() {
    let env = example_repo();
    scripted_pr(&env);
    std::fs::copy(
        env.path().join("results/sentiment-models/example.jsonl"),
        env.path().join("results/sentiment-models/pr-1.jsonl"),
    )
    .unwrap();
    commit_all(&env, "Results of the sentiment experiment");
    let report = json(&env, &["pr-report", "main..HEAD", "--format", "json"]);
    let results = report["evidence"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0]["experiment"], "sentiment-models");
    assert_eq!(results[0]["runs"][0], "pr-1");
    assert_eq!(results[0]["analysis"]["records"], 144);
    assert!(
        results[0]["analysis"]["recommendation"].is_string(),
        "{results:#?}"
    );
    assert!(
        report["evidence"]["not_rerun"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_range_that_names_no_commit_is_a_git_error() {
    let env = example_repo();
    let out = env.run(&["pr-report", "no-such-branch..HEAD"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("resolving `no-such-branch`: no such revision"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_second_copy_of_a_known_secret_in_the_same_file_is_new() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    let line = format!("Key: {}\n", key("Ti5Oy3Pa1Sd7"));
    env.write("prompts/old.prompt", &line);
    commit_all(&env, "A prompt that already leaks a key");
    env.write("prompts/old.prompt", &format!("{line}Again.\n{line}"));
    commit_all(&env, "Paste it again");
    let report = json(&env, &["pr-report", "HEAD~1..HEAD", "--format", "json"]);
    let scan = report["findings"]["scan"].as_array().unwrap();
    let secrets: Vec<&Value> = scan
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("secret/"))
        .collect();
    assert_eq!(secrets.len(), 1, "one of the two copies is new: {scan:#?}");
    assert_eq!(secrets[0]["path"], "prompts/old.prompt");
}

#[test]
fn changes_that_landed_on_the_base_after_branching_are_not_the_pull_requests() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write("prompts/greet.prompt", "Hello.\n");
    env.write("prompts/other.prompt", "Other.\n");
    commit_all(&env, "Two prompts");
    git_ok(&env, &["checkout", "-q", "-b", "pr"]);
    env.write("prompts/greet.prompt", "Hello there.\n");
    commit_all(&env, "Warmer greeting");
    git_ok(&env, &["checkout", "-q", "main"]);
    env.write("prompts/other.prompt", "Other, changed on main.\n");
    commit_all(&env, "Meanwhile on main");
    git_ok(&env, &["checkout", "-q", "pr"]);
    let report = json(&env, &["pr-report", "main..HEAD", "--format", "json"]);
    let names: Vec<&str> = report["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["greet"], "{report:#}");
    assert_eq!(report["from"], "main");
    let fork = git_ok(&env, &["merge-base", "main", "HEAD"]);
    assert_eq!(report["from_commit"], fork.trim());
}

#[test]
fn finding_paths_are_relative_to_the_repository_root_when_the_project_is_a_subfolder() {
    let env = TestEnv::new();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write("README.md", "The repository.\n");
    env.write("ai/promptctl.yaml", "prompts: prompts\n");
    env.write("ai/prompts/greet.prompt", "Hello.\n");
    commit_all(&env, "Base");
    git_ok(&env, &["checkout", "-q", "-b", "pr"]);
    env.write(
        "ai/prompts/greet.prompt",
        &format!("Hello.\nKey: {}\n", key("Ab9Cd8Ef7Gh6")),
    );
    commit_all(&env, "Plant a key");
    let out = env
        .command()
        .current_dir(env.path().join("ai"))
        .args(["pr-report", "main..HEAD", "--format", "json"])
        .output()
        .expect("run promptctl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let scan = report["findings"]["scan"]
        .as_array()
        .expect("scan findings");
    assert!(!scan.is_empty(), "{report:#}");
    assert!(
        scan.iter().all(|f| f["path"] == "ai/prompts/greet.prompt"),
        "{scan:#?}"
    );
}
