//! `promptctl ingest`: production call logs (an OTLP/JSON export of `gen_ai` spans, OpenAI-style
//! log lines) matched to prompt versions in a real git history, then read by `report`.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::TestEnv;

const V1: &str = "---\nmodel: openai/gpt-4o-mini\n---\nReply to {{customer}} politely.\n";
const V2: &str =
    "---\nmodel: openai/gpt-4o-mini\n---\nReply to {{customer}} politely and briefly.\n";

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name);
    std::fs::read_to_string(path).expect("the fixture")
}

/// A project whose `support/reply` has two committed versions, v1 and v2.
fn project() -> TestEnv {
    let env = TestEnv::project();
    let git = |args: &[&str]| assert_eq!(env.git(args).code, 0, "git {args:?}");
    git(&["init", "-q", "-b", "main"]);
    env.write("prompts/support/reply.prompt", V1);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Add the reply prompt"]);
    env.write("prompts/support/reply.prompt", V2);
    git(&["commit", "-q", "-am", "Ask for brevity"]);
    // The fixture names both versions by the blob ids git gives these texts.
    let blobs = env.git(&["log", "--format=", "--raw", "--no-abbrev", "--", "prompts"]);
    assert!(
        blobs
            .stdout
            .contains("6663924eae7723af86f767049a2313cded0f8315")
    );
    assert!(
        blobs
            .stdout
            .contains("3719f59fd3b169e6e96cc67d8f0d5ae1339a146e")
    );
    env
}

#[test]
fn ingest_attributes_otel_spans_to_prompt_versions_and_report_shows_them() {
    let env = project();
    env.write("exports/traces.json", &fixture("otel-genai.json"));
    let out = env.run(&["ingest", "exports/traces.json", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let file = &doc["files"][0];
    assert_eq!(file["format"], "otel");
    // Seven model calls; the eighth span is an HTTP span, not a call.
    assert_eq!(file["calls"], 7);
    assert_eq!(file["skipped_spans"], 1);
    // By explicit attributes (span 1), by the v1 blob (span 2), by the v2 blob (spans 3-5).
    assert_eq!(
        file["matched"],
        serde_json::json!([
            {"prompt": "support/reply", "version": "v1", "calls": 2},
            {"prompt": "support/reply", "version": "v2", "calls": 3},
        ])
    );
    // Two calls match nothing: they are counted and named, not dropped silently.
    assert_eq!(file["unmatched"], 2);
    assert_eq!(
        file["unmatched_by_reason"]["no promptctl.prompt or promptctl.blob attribute"],
        1
    );
    assert_eq!(
        file["unmatched_by_reason"]["content id matches no prompt version"],
        1
    );
    assert!(
        out.stderr
            .contains("line 1, span eee19b7ec3c1b107: content id matches no prompt version"),
        "{}",
        out.stderr
    );
    let written = file["written"].as_str().unwrap();
    assert!(written.starts_with("results/ingest/traces-"), "{written}");

    // Importing the same export again replaces its file: nothing is counted twice.
    assert_eq!(env.run(&["ingest", "exports/traces.json"]).code, 0);
    let dir = env.path().to_string_lossy().into_owned();
    let report = env.run(&[
        "-C",
        &dir,
        "report",
        "--by",
        "prompt,version",
        "--format",
        "json",
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(report["records"], 5);
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    let v1 = &groups[0];
    assert_eq!(v1["key"]["version"], "v1");
    assert_eq!(v1["calls"], 2);
    assert_eq!(v1["tokens_in"], 250);
    // Latency is the span's duration: 800 and 900 ms.
    assert_eq!(v1["latency_ms"]["p50"], 850.0);
    let v2 = &groups[1];
    assert_eq!(v2["key"]["version"], "v2");
    assert_eq!(v2["calls"], 3);
    assert_eq!(v2["errors"], 1);
    assert_eq!(v2["error_kinds"]["timeout"], 1);
    // gpt-4o-mini has a price: the answered calls cost something.
    assert!(v2["cost_usd"].as_f64().unwrap() > 0.0, "{v2}");
}

#[test]
fn ingest_reads_openai_style_logs() {
    let env = project();
    env.write(
        "logs/gateway.jsonl",
        concat!(
            r#"{"started_at":"2026-11-05T10:00:00Z","latency_ms":840,"request":{"model":"gpt-4o-mini","messages":[],"metadata":{"promptctl.prompt":"support/reply","promptctl.version":"v2"}},"response":{"id":"chatcmpl-1","model":"gpt-4o-mini-2024-07-18","usage":{"prompt_tokens":120,"completion_tokens":40},"choices":[{"finish_reason":"stop"}]}}"#,
            "\n",
            r#"{"started_at":"2026-11-05T10:01:00Z","latency_ms":90,"request":{"model":"gpt-4o-mini"},"status":429,"error":{"message":"slow down"},"promptctl":{"blob":"3719f59fd3b169e6e96cc67d8f0d5ae1339a146e"}}"#,
            "\n"
        ),
    );
    let out = env.run(&["ingest", "logs/gateway.jsonl", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["files"][0]["format"], "openai-log");
    assert_eq!(doc["files"][0]["calls"], 2);
    assert_eq!(doc["files"][0]["unmatched"], 0);
    let dir = env.path().to_string_lossy().into_owned();
    let report = env.run(&["-C", &dir, "report", "--by", "version", "--format", "json"]);
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(report["groups"][0]["key"]["version"], "v1");
    assert_eq!(report["groups"][0]["error_kinds"]["http_429"], 1);
    assert_eq!(report["groups"][1]["key"]["version"], "v2");
    assert_eq!(report["groups"][1]["tokens_out"], 40);
}

#[test]
fn malformed_logs_exit_3_naming_file_and_line_and_write_nothing() {
    let env = project();
    let mut broken = fixture("otel-genai.json");
    broken.truncate(broken.len() / 2);
    env.write("exports/cut.json", &broken);
    let out = env.run(&["ingest", "exports/cut.json"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("exports/cut.json:"), "{}", out.stderr);
    env.write(
        "logs/bad.jsonl",
        "{\"request\":{},\"response\":{}}\n{\"request\": nope}\n",
    );
    let out = env.run(&["ingest", "logs/bad.jsonl", "--log-format", "openai"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("logs/bad.jsonl:2:"), "{}", out.stderr);
    assert!(!env.path().join("results/ingest").exists());
}
