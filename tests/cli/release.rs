//! Releases: `release` pins a version in a committed environment file, `--from` promotes,
//! `--to` rolls back, non-releasable statuses are refused, `render name@env` and `env status`
//! read the pins, two processes releasing at once both land, and `audit` reports it all.

use crate::support::TestEnv;
use crate::versioning::{commit_all, git_ok, repo};

#[test]
fn release_pins_a_version_in_a_committed_environment_file() {
    let env = repo();
    let out = env.run(&["release", "greet@v2", "--env", "staging"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("greet: (none) -> v2"), "{}", out.stderr);
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Release greet v2 to staging\n"
    );
    let file = env.read("environments/staging.yaml");
    assert!(file.starts_with("# Released prompt versions"), "{file}");
    let blob = git_ok(&env, &["rev-parse", "HEAD~2:prompts/greet.prompt"]);
    assert!(
        file.contains(&format!(
            "    version: 2\n    commit: {}",
            git_ok(&env, &["rev-parse", "HEAD~2"]).trim()
        )),
        "{file}"
    );
    assert!(
        file.contains(&format!("    blob: {}", blob.trim())),
        "{file}"
    );
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
    let rendered = env.run(&["render", "greet@staging", "--var", "name=Ada"]);
    assert_eq!(
        rendered.stdout, "Hello Ada, be very kind.\nStay very calm.\n",
        "{}",
        rendered.stderr
    );
}

#[test]
fn promote_and_roll_back_between_environments() {
    let env = repo();
    assert_eq!(env.run(&["release", "greet", "--env", "staging"]).code, 0);
    assert_eq!(env.run(&["release", "greet@v1", "--env", "prod"]).code, 0);
    let promote = env.run(&["release", "--env", "prod", "--from", "staging"]);
    assert_eq!(promote.code, 0, "{}", promote.stderr);
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Promote staging to prod\n"
    );
    let back = env.run(&["release", "greet", "--env", "prod", "--to", "v2"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Roll back greet in prod to v2\n"
    );
    let status = env.run(&["env", "status"]);
    insta::assert_snapshot!(status.normalized(env.path()), @r"
    exit: 0
    --- stdout
    ┌────────┬──────┬─────────────┬──────────────┐
    │ prompt ┆ HEAD ┆ prod        ┆ staging      │
    ╞════════╪══════╪═════════════╪══════════════╡
    │ greet  ┆ v3   ┆ v2 (behind) ┆ v3 (current) │
    └────────┴──────┴─────────────┴──────────────┘
    --- stderr
    ");
    let again = env.run(&["release", "greet", "--env", "prod", "--to", "v2"]);
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.contains("Nothing to release"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_prompt_whose_status_is_not_releasable_is_refused() {
    let env = repo();
    env.write("prompts/draft.prompt", "---\nstatus: draft\n---\nWIP\n");
    commit_all(&env, "draft");
    let out = env.run(&["release", "draft", "--env", "prod"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "`draft` has status `draft`, which may not be released to `prod` (allowed: active)"
        ),
        "{}",
        out.stderr
    );
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nrelease:\n  environments:\n    dev:\n      statuses: [draft, active]\n",
    );
    commit_all(&env, "allow drafts in dev");
    let dev = env.run(&["release", "draft", "--env", "dev"]);
    assert_eq!(dev.code, 0, "{}", dev.stderr);
}

#[test]
fn release_refuses_unstaged_edits_to_the_environment_file() {
    let env = repo();
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
    env.write("environments/prod.yaml", "hand edited\n");
    let out = env.run(&["release", "greet@v1", "--env", "prod"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`environments/prod.yaml` has unstaged changes"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_environment_and_unreleased_prompt_are_explained() {
    let env = repo();
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
    let out = env.run(&["release", "--env", "prod", "--from", "qa"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("no environment `qa` (known: prod)"),
        "{}",
        out.stderr
    );
    env.write("prompts/other.prompt", "---\nstatus: active\n---\nx\n");
    commit_all(&env, "other");
    let out = env.run(&["render", "other@prod"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("`other` is not released to `prod`"),
        "{}",
        out.stderr
    );
}

#[test]
fn two_processes_releasing_at_once_both_land() {
    let env = repo();
    env.write("prompts/other.prompt", "---\nstatus: active\n---\nx\n");
    commit_all(&env, "other");
    let spawn = |name: &str| {
        env.command()
            .args(["release", name, "--env", "prod"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("greet"), spawn("other"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let file = git_ok(&env, &["show", "HEAD:environments/prod.yaml"]);
    assert!(
        file.contains("  greet:\n") && file.contains("  other:\n"),
        "{file}"
    );
    assert_eq!(env.read("environments/prod.yaml"), file);
    let subjects = git_ok(&env, &["log", "-2", "--format=%s"]);
    assert!(subjects.contains("Release greet v3 to prod"), "{subjects}");
    assert!(subjects.contains("Release other v1 to prod"), "{subjects}");
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
}

#[test]
fn audit_reports_changes_and_releases_as_table_json_and_csv() {
    let env = repo();
    assert_eq!(env.run(&["release", "greet@v2", "--env", "prod"]).code, 0);
    let json = env.run(&["audit", "--prompt", "greet", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let actions: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["released", "changed", "changed", "added"]);
    assert_eq!(doc["entries"][0]["environment"], "prod");
    assert_eq!(doc["entries"][0]["version"], 2);
    assert_eq!(doc["entries"][0]["signed"], false);
    let csv = env.run(&[
        "audit",
        "--format",
        "csv",
        "--author",
        "TEST USER",
        "--since",
        "2026-01-01",
    ]);
    assert!(csv.stdout.starts_with("date,commit,author,email,committer,signed,verified,prompt,action,environment,version,previous_version,message\n"), "{}", csv.stdout);
    assert!(csv.stdout.contains(",Test User,test@example.com,Test User,false,,greet,released,prod,2,,Release greet v2 to prod\n"), "{}", csv.stdout);
    let none = env.run(&["audit", "--until", "2025-12-31"]);
    assert_eq!(none.code, 0);
    assert!(
        none.stderr.contains("No prompt changes or releases match"),
        "{}",
        none.stderr
    );
    let bad = env.run(&["audit", "--since", "someday"]);
    assert_eq!(bad.code, 3);
    assert!(
        bad.stderr.contains("cannot read the date `someday`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn backup_and_restore_round_trip_every_ref() {
    let env = repo();
    git_ok(&env, &["tag", "v1.0"]);
    git_ok(&env, &["branch", "experiment", "HEAD~1"]);
    let out = env.run(&["backup", "lib.bundle"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("refs"), "{}", out.stderr);
    let restored = env.run(&["restore", "lib.bundle", "restored", "--format", "json"]);
    assert_eq!(restored.code, 0, "{}", restored.stderr);
    let doc: serde_json::Value = serde_json::from_str(&restored.stdout).unwrap();
    let names: Vec<&str> = doc["refs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"refs/heads/experiment") && names.contains(&"refs/tags/v1.0"),
        "{names:?}"
    );
    assert_eq!(
        std::fs::read_to_string(env.path().join("restored/prompts/greet.prompt")).unwrap(),
        env.read("prompts/greet.prompt")
    );
    let same = |dir: &str| {
        let out = std::process::Command::new("git")
            .args(["-C", dir, "rev-parse", "HEAD", "experiment", "v1.0"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        same(env.path().to_str().unwrap()),
        same(env.path().join("restored").to_str().unwrap())
    );
}

#[test]
fn restore_refuses_a_damaged_bundle() {
    let env = TestEnv::new();
    env.write("broken.bundle", "# v2 git bundle\nnot really\n");
    let out = env.run(&["restore", "broken.bundle", "out"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("`git bundle verify"), "{}", out.stderr);
    assert!(!env.path().join("out").exists());
}

#[test]
fn no_commit_writes_the_file_only_and_status_json_reads_head() {
    let env = repo();
    let out = env.run(&["release", "greet@v1", "--env", "qa", "--no-commit"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Wrote environments/qa.yaml (not committed)"),
        "{}",
        out.stderr
    );
    assert!(env.read("environments/qa.yaml").contains("version: 1"));
    assert_eq!(
        git_ok(&env, &["status", "--porcelain"]),
        "?? environments/\n"
    );
    // Not committed, so not released: env status reads environments from HEAD.
    let status = env.run(&["env", "status", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(doc["environments"], serde_json::json!([]));
    commit_all(&env, "release qa by hand");
    let status = env.run(&["env", "status", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(doc["prompts"][0]["name"], "greet");
    assert_eq!(doc["prompts"][0]["head_version"], 3);
    assert_eq!(doc["prompts"][0]["environments"]["qa"]["state"], "behind");
    assert_eq!(doc["prompts"][0]["environments"]["qa"]["version"], 1);
}

#[test]
fn release_refuses_a_confidential_prompt_outside_its_allowed_regions() {
    let env = repo();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nrelease:\n  environments:\n    prod-us: {regions: [us-east-1]}\n    prod-eu: {regions: [westeurope]}\n",
    );
    env.write(
        "policies/residency.yaml",
        "rules:\n  - id: eu-only\n    description: Confidential prompts stay in the EU.\n    severity: error\n    scope: {classifications: [confidential]}\n    regions: {allow: [westeurope]}\n",
    );
    env.write(
        "prompts/secret.prompt",
        "---\nstatus: active\nclassification: confidential\n---\nInternal numbers.\n",
    );
    commit_all(&env, "Add a confidential prompt and a residency policy");

    let refused = env.run(&["release", "secret", "--env", "prod-us"]);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("`secret` may not be released to `prod-us`")
            && refused.stderr.contains("policy/eu-only")
            && refused.stderr.contains("us-east-1"),
        "{}",
        refused.stderr
    );
    assert!(!env.path().join("environments/prod-us.yaml").exists());

    let allowed = env.run(&["release", "secret", "--env", "prod-eu"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    // Prompts the rule does not cover are released anywhere.
    let other = env.run(&["release", "greet", "--env", "prod-us"]);
    assert_eq!(other.code, 0, "{}", other.stderr);
}

#[test]
fn export_env_builds_the_bundle_from_pinned_git_objects() {
    let env = repo();
    let out = env.run(&["release", "greet@v1", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Working-tree edits must not leak into what is deployed.
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\n---\nUNRELEASED\n",
    );
    env.write("prompts/_tone.prompt", "UNRELEASED TONE\n");
    let out = env.run(&["export", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["environment"], "prod");
    let prompt = &doc["prompts"][0];
    assert_eq!(prompt["name"], "greet");
    assert_eq!(prompt["version"], 1);
    assert_eq!(prompt["template"], "Hello {{name}}, be kind.\n{{> tone}}");
    assert_eq!(prompt["partials"]["tone"], "Stay calm.\n");
    assert_eq!(prompt["front_matter"]["config"]["temperature"], 0.2);
    let blob = git_ok(&env, &["rev-parse", "HEAD~3:prompts/greet.prompt"]);
    assert_eq!(prompt["blob"], blob.trim());

    let missing = env.run(&["export", "--env", "nowhere"]);
    assert_ne!(missing.code, 0);
    assert!(missing.stderr.contains("nowhere"), "{}", missing.stderr);
}

/// A live-format OpenAI key, built from pieces so this file itself holds none.
fn planted_key() -> String {
    format!(
        "sk-proj-{}{}",
        "Xq8vLr2mZt5Kp9Wn3Yb7Hc1Jd4", "Fg6Ls0Qe2Ru8Ti5Oy3Pa1Sd7"
    )
}

/// `repo()` plus a committed prompt holding a key, an email address and a banned term, and the
/// policy that bans the term.
fn repo_with_a_leaky_prompt() -> crate::support::TestEnv {
    let env = repo();
    env.write(
        "policies/legal.yaml",
        "rules:\n  - id: no-guarantees\n    banned:\n      terms: [guarantee]\n",
    );
    env.write(
        "prompts/leaky.prompt",
        &format!(
            "---\nstatus: active\n---\nWe guarantee a reply. Write to ada.lovelace@analytical-engines.co.uk.\nKey: {}\n",
            planted_key()
        ),
    );
    commit_all(&env, "Add leaky");
    env
}

#[test]
fn release_gate_refuses_a_secret_pii_and_a_banned_term_naming_each() {
    let env = repo_with_a_leaky_prompt();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nrelease:\n  environments:\n    prod:\n      fail_on: warning\n",
    );
    commit_all(&env, "Protect prod");
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&["release", "leaky", "--env", "prod"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for rule in ["secret/openai-api-key", "policy/no-guarantees", "pii/email"] {
        assert!(out.stderr.contains(rule), "{rule}: {}", out.stderr);
    }
    assert!(
        out.stderr.contains("prompts/leaky.prompt:5:"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains(&planted_key()),
        "the key is never printed: {}",
        out.stderr
    );
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(git_ok(&env, &["rev-parse", "HEAD"]), head, "nothing pinned");
    // The default threshold (error) still refuses the key.
    let out = env.run(&["release", "leaky", "--env", "staging"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("secret/openai-api-key"),
        "{}",
        out.stderr
    );
}

#[test]
fn release_gate_checks_the_pinned_version_not_the_working_tree() {
    let env = repo_with_a_leaky_prompt();
    // Cleaning the working tree does not make the committed version releasable.
    env.write(
        "prompts/leaky.prompt",
        "---\nstatus: active\n---\nClean now.\n",
    );
    let out = env.run(&["release", "leaky", "--env", "prod"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("secret/openai-api-key"),
        "{}",
        out.stderr
    );
    // Once the clean version is committed, it is the one released.
    commit_all(&env, "Clean leaky");
    let out = env.run(&["release", "leaky", "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn forced_release_records_the_reason_and_findings_in_the_commit() {
    let env = repo_with_a_leaky_prompt();
    let blank = env.run(&["release", "leaky", "--env", "prod", "--force", " "]);
    assert_eq!(blank.code, 2, "a reason is required: {}", blank.stderr);
    let out = env.run(&[
        "release",
        "leaky",
        "--env",
        "prod",
        "--force",
        "fixture key, revoked on 2026-01-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let message = git_ok(&env, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains("Forced past the release gate: fixture key, revoked on 2026-01-01"),
        "{message}"
    );
    assert!(message.contains("secret/openai-api-key"), "{message}");
    assert!(!message.contains(&planted_key()), "{message}");
}
