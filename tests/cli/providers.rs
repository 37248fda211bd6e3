//! `promptctl providers list|check` and `promptctl auth`: where credentials come from (never
//! the key), live checks against loopback mocks with a failing one, and the clear message when
//! no keyring is available.

use serde_json::{Value, json};

use crate::mock::{MockServer, Reply, Wire};
use crate::support::TestEnv;

const KEY: &str = "sk-planted-providers-987654";

fn project(config: &str) -> TestEnv {
    let mut env = TestEnv::project();
    env.write("promptctl.yaml", &format!("prompts: prompts\n{config}"));
    env.env("PROMPTCTL_RETRY_BASE_MS", "1")
        .env("PROMPTCTL_KEYRING", "off");
    env
}

#[test]
fn list_shows_credential_sources_not_keys() {
    let mut env = project("providers:\n  local:\n    preset: ollama\n    models: [llama3.2]\n");
    env.env("OPENAI_API_KEY", KEY);
    let out = env.run(&["providers", "list", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains(KEY));
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let find = |name: &str| {
        doc["providers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("openai")["credential"], "env OPENAI_API_KEY");
    assert_eq!(
        find("anthropic")["credential"],
        "missing (ANTHROPIC_API_KEY)"
    );
    assert_eq!(find("local")["credential"], "none needed");
    assert_eq!(find("local")["models"], json!(["llama3.2"]));
    assert_eq!(find("local")["configured"], true);
    assert_eq!(
        find("azure")["credential"],
        "missing (AZURE_OPENAI_API_KEY), no endpoint (AZURE_OPENAI_ENDPOINT)"
    );
    assert!(doc["providers"].as_array().unwrap().len() >= 17);
}

#[test]
fn list_configured_only_in_a_table() {
    let mut env = project("providers:\n  local:\n    preset: ollama\n    models: [llama3.2]\n");
    env.env("OPENAI_API_KEY", KEY);
    let out = env.run(&["providers", "list", "--configured"]);
    insta::assert_snapshot!(out.normalized(env.path()), @"
    exit: 0
    --- stdout
    ┌──────────┬────────────┬───────────────────────────┬──────────┬────────────────────┐
    │ provider ┆ kind       ┆ endpoint                  ┆ models   ┆ credential         │
    ╞══════════╪════════════╪═══════════════════════════╪══════════╪════════════════════╡
    │ local *  ┆ compatible ┆ http://localhost:11434/v1 ┆ llama3.2 ┆ none needed        │
    │ openai   ┆ openai     ┆ https://api.openai.com/v1 ┆ -        ┆ env OPENAI_API_KEY │
    └──────────┴────────────┴───────────────────────────┴──────────┴────────────────────┘
    --- stderr
    * configured in promptctl.yaml
    ");
}

#[test]
fn check_reports_what_works_and_what_fails() {
    let good = MockServer::start(Wire::OpenAi);
    let bad = MockServer::start(Wire::Anthropic);
    bad.set_default(Reply::json(
        401,
        &json!({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}),
    ));
    let mut env = project(
        "providers:\n  nomodel:\n    kind: compatible\n    base_url: http://127.0.0.1:9/v1\n",
    );
    env.env("OPENAI_BASE_URL", &good.url("/v1"))
        .env("OPENAI_API_KEY", KEY)
        .env("ANTHROPIC_BASE_URL", &bad.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY);
    let out = env.run(&["providers", "check", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let checks = doc["checks"].as_array().unwrap();
    let status: Vec<(&str, &str)> = checks
        .iter()
        .map(|c| {
            (
                c["provider"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        [
            ("anthropic", "failed"),
            ("nomodel", "skipped"),
            ("openai", "ok")
        ]
    );
    assert!(
        checks[0]["detail"]
            .as_str()
            .unwrap()
            .contains("HTTP 401 authentication_error")
    );
    assert_eq!(good.received()[0].json()["max_completion_tokens"], 16);
    assert!(!out.stdout.contains(KEY));
}

#[test]
fn check_of_an_unknown_provider_is_a_usage_error() {
    let env = project("");
    let out = env.run(&["providers", "check", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown provider `nope`"),
        "{}",
        out.stderr
    );
}

#[test]
fn auth_without_a_keyring_says_so_and_points_to_the_environment() {
    let env = project("");
    let out = env.run_with_stdin(&["auth", "set", "openai"], &format!("{KEY}\n"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no OS keyring is available here: disabled by PROMPTCTL_KEYRING=off"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("set the provider's environment variable instead")
    );
    assert!(!out.stderr.contains(KEY));
    let list = env.run(&["auth", "list"]);
    assert_eq!(list.code, 2);
    let unknown = env.run(&["auth", "get", "nope"]);
    assert_eq!(unknown.code, 2);
}

#[test]
fn config_errors_name_the_provider() {
    let env = project("providers:\n  x:\n    kind: telepathy\n");
    env.write("prompts/p.prompt", "---\nmodel: x/y\n---\nHi\n");
    let out = env.run(&["run", "p"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("provider `x` is misconfigured: unknown kind `telepathy`"),
        "{}",
        out.stderr
    );
    let bad_yaml = project("providers:\n  x:\n    colour: blue\n");
    let out = bad_yaml.run(&["providers", "list"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown field `colour`"),
        "{}",
        out.stderr
    );
}
