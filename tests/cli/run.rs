//! `promptctl run` against loopback mock providers: answers and summaries for each wire format,
//! `--dry-run`, JSON records, retries (429 with Retry-After, 5xx, Anthropic 529, dropped
//! connections, truncated and invalid bodies, timeouts), failover and graceful degradation,
//! the response cache, record/replay cassettes, and keys never appearing in any output.

use serde_json::{Value, json};

use crate::mock::{MockServer, Reply, Wire};
use crate::support::TestEnv;

const KEY: &str = "sk-planted-0123456789abcdef";

/// A project with one prompt on `openai/gpt-4o-mini` and quick retries.
fn project(config: &str) -> TestEnv {
    let mut env = TestEnv::project();
    env.write("promptctl.yaml", &format!("prompts: prompts\n{config}"));
    env.write(
        "prompts/hello.prompt",
        "---\nmodel: openai/gpt-4o-mini\nconfig: {temperature: 0.2, maxOutputTokens: 50, stopSequences: [END]}\n---\n{{role \"system\"}}Be brief.\n{{role \"user\"}}Hello {{who}}!\n",
    );
    env.env("PROMPTCTL_RETRY_BASE_MS", "1")
        .env("PROMPTCTL_KEYRING", "off");
    env
}

fn with_openai(env: &mut TestEnv, mock: &MockServer) {
    env.env("OPENAI_BASE_URL", &mock.url("/v1"))
        .env("OPENAI_API_KEY", KEY);
}

#[test]
fn prints_the_answer_and_a_summary() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "mock answer\n");
    assert!(
        out.stderr
            .starts_with("openai/mock-model-served · 19 in, 10 out tokens · $0.000009 · "),
        "{}",
        out.stderr
    );
    assert!(mock.violations().is_empty(), "{:?}", mock.violations());
    let sent = &mock.received()[0];
    assert_eq!(sent.path, "/v1/chat/completions");
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let body = sent.json();
    assert_eq!(body["model"], "gpt-4o-mini");
    assert_eq!(
        body["messages"][1],
        json!({"role": "user", "content": "Hello Ada!"})
    );
    assert_eq!(body["temperature"], 0.2);
    assert_eq!(body["max_completion_tokens"], 50);
    assert_eq!(body["stop"], json!(["END"]));
}

#[test]
fn json_record_has_usage_cost_and_attempts() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["prompt"], "hello");
    assert_eq!(doc["requested"], json!(["openai/gpt-4o-mini"]));
    assert_eq!(doc["provider"], "openai");
    assert_eq!(doc["model"], "mock-model-served");
    assert_eq!(doc["content"], "mock answer");
    assert_eq!(doc["finish_reason"], "stop");
    assert_eq!(doc["usage"]["input_tokens"], 19);
    assert_eq!(doc["attempts"], 1);
    assert_eq!(doc["cached"], false);
    assert!(doc["cost_usd"].as_f64().unwrap() > 0.0);
    assert_eq!(doc["params"]["temperature"], 0.2);
}

#[test]
fn dry_run_shows_the_request_and_sends_nothing() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mock.count(), 0);
    let url = mock.url("/v1/chat/completions");
    assert!(
        out.stdout.starts_with(&format!("POST {url}\n")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("authorization: Bearer ***\n"));
    assert!(out.stdout.contains("\"max_completion_tokens\": 50"));
    assert!(!out.stdout.contains(KEY));
    assert!(
        out.stderr
            .contains("dry run: nothing was sent to openai/gpt-4o-mini")
    );
}

#[test]
fn dry_run_works_without_a_key() {
    let env = project("");
    let out = env.run(&[
        "run",
        "hello",
        "--var",
        "who=Ada",
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["url"], "https://api.openai.com/v1/chat/completions");
    assert_eq!(doc["body"]["messages"][0]["role"], "system");
}

#[test]
fn retries_a_429_honouring_retry_after() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([Reply::json(
        429,
        &json!({"error": {"message": "Rate limit reached", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}),
    )
    .with_header("retry-after", "1")]);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["attempts"], 2);
    assert_eq!(mock.count(), 2);
}

#[test]
fn retries_server_errors_drops_and_truncated_bodies() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([
        Reply::json(503, &json!({"error": {"message": "busy", "type": "server_error", "param": null, "code": null}})),
        Reply::Drop,
        Reply::Truncated {
            body: r#"{"id": "chatcmpl-x", "choi"#.into(),
        },
    ]);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["attempts"], 4);
    assert_eq!(doc["content"], "mock answer");
}

#[test]
fn invalid_json_every_time_is_a_clear_final_error() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::raw(200, r#"{"id": "x", "choices": [ oops"#));
    let mut env = project("providers:\n  openai:\n    max_retries: 2\n");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(mock.count(), 3);
    let url = mock.url("/v1/chat/completions");
    assert!(
        out.stderr.contains(&format!(
            "error: openai/gpt-4o-mini at {url} failed after 3 attempts: invalid response body: not valid JSON"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn truncated_json_with_a_matching_length_is_named_truncated() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::raw(200, r#"{"id": "x", "choices": [{"index": 0"#));
    let mut env = project("providers:\n  openai:\n    max_retries: 0\n");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 5);
    assert!(out.stderr.contains("truncated response"), "{}", out.stderr);
}

#[test]
fn unauthorized_is_not_retried_and_the_echoed_key_is_hidden() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::json(
        401,
        &json!({"error": {"message": format!("Incorrect API key provided: {KEY}."), "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}),
    ));
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 5);
    assert_eq!(mock.count(), 1);
    assert!(
        out.stderr
            .contains("HTTP 401 invalid_api_key: Incorrect API key provided: ***."),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: the provider rejected the key"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(KEY));
}

#[test]
fn anthropic_529_overloaded_is_retried() {
    let mock = MockServer::start(Wire::Anthropic);
    mock.script([Reply::json(
        529,
        &json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
    )]);
    let mut env = project("");
    env.env("ANTHROPIC_BASE_URL", &mock.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY);
    let out = env.run(&[
        "run",
        "hello",
        "--var",
        "who=Ada",
        "--model",
        "anthropic/claude-haiku-4-5",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "mock answer\n");
    assert!(out.stderr.contains("2 attempts"), "{}", out.stderr);
    assert!(mock.violations().is_empty(), "{:?}", mock.violations());
    let body = mock.received()[1].json();
    assert_eq!(body["system"], "Be brief.\n");
    assert_eq!(body["max_tokens"], 50);
    assert_eq!(body["stop_sequences"], json!(["END"]));
}

#[test]
fn gemini_azure_and_bedrock_wire_formats() {
    let gemini = MockServer::start(Wire::Gemini);
    let azure = MockServer::start(Wire::Azure);
    let bedrock = MockServer::start(Wire::Bedrock);
    let mut env = project(&format!(
        "providers:\n  azure:\n    base_url: {}\n    api_version: 2024-10-21\n  bedrock:\n    base_url: {}\n    region: eu-west-1\n",
        azure.url(""),
        bedrock.url("")
    ));
    env.env("GEMINI_BASE_URL", &gemini.url("/v1beta"))
        .env("GEMINI_API_KEY", KEY)
        .env("AZURE_OPENAI_API_KEY", KEY)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", KEY);
    for (model, mock) in [
        ("gemini/gemini-2.5-flash", &gemini),
        ("azure/my-gpt4o", &azure),
        ("bedrock/anthropic.claude-3-haiku-20240307-v1:0", &bedrock),
    ] {
        let out = env.run(&["run", "hello", "--var", "who=Ada", "--model", model]);
        assert_eq!(out.code, 0, "{model}: {}", out.stderr);
        assert_eq!(out.stdout, "mock answer\n", "{model}");
        assert!(
            mock.violations().is_empty(),
            "{model}: {:?}",
            mock.violations()
        );
        assert!(!out.stderr.contains(KEY));
    }
    assert_eq!(
        gemini.received()[0].path,
        "/v1beta/models/gemini-2.5-flash:generateContent"
    );
    assert_eq!(
        azure.received()[0].path,
        "/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21"
    );
    let signed = &bedrock.received()[0];
    assert_eq!(
        signed.path,
        "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"
    );
    assert!(
        signed
            .header("authorization")
            .unwrap()
            .contains("/eu-west-1/bedrock/aws4_request")
    );
}

/// A prompt whose first model (OpenAI, failing with 500 after `retries` retries) fails over to
/// Anthropic; returns both servers, the project and `run --format json`'s document.
fn failover_chain(retries: u32) -> (MockServer, MockServer, TestEnv, Value) {
    let primary = MockServer::start(Wire::OpenAi);
    primary.set_default(Reply::json(
        500,
        &json!({"error": {"message": "down", "type": "server_error", "param": null, "code": null}}),
    ));
    let fallback = MockServer::start(Wire::Anthropic);
    let mut env = project(&format!(
        "providers:\n  openai:\n    max_retries: {retries}\n"
    ));
    with_openai(&mut env, &primary);
    env.env("ANTHROPIC_BASE_URL", &fallback.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY);
    env.write(
        "prompts/chain.prompt",
        "---\nmodel: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]\n---\nHi\n",
    );
    let out = env.run(&["run", "chain", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("run --format json prints JSON");
    (primary, fallback, env, doc)
}

#[test]
fn failover_moves_to_the_next_model() {
    let (primary, fallback, _env, doc) = failover_chain(1);
    assert_eq!(doc["provider"], "anthropic");
    assert_eq!(primary.count(), 2);
    assert_eq!(fallback.count(), 1);
}

#[test]
fn failover_counts_every_attempt_and_names_who_answered() {
    let (primary, fallback, env, doc) = failover_chain(3);
    // Four attempts on the primary, one on the fallback that answered.
    assert_eq!((primary.count(), fallback.count()), (4, 1));
    assert_eq!(doc["attempts"], 5);
    assert_eq!(doc["provider"], "anthropic");
    assert_eq!(doc["model"], "claude-mock-served");
    let latency = doc["latency_ms"].as_u64().unwrap();
    let attempt = doc["attempt_latency_ms"].as_u64().unwrap();
    assert!(attempt <= latency, "{attempt} > {latency}");
    let human = env.run(&["run", "chain"]);
    assert!(human.stderr.contains("5 attempts"), "{}", human.stderr);
}

#[test]
fn an_unreachable_provider_does_not_stop_the_chain() {
    let fallback = MockServer::start(Wire::OpenAi);
    let dead_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let env = project(&format!(
        "providers:\n  local:\n    preset: ollama\n    base_url: http://127.0.0.1:{dead_port}/v1\n    max_retries: 1\n  backup:\n    preset: vllm\n    base_url: {}\n",
        fallback.url("/v1")
    ));
    env.write(
        "prompts/chain.prompt",
        "---\nmodel: [local/llama3.2, backup/qwen]\n---\nHi\n",
    );
    let out = env.run(&["run", "chain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "mock answer\n");
    assert!(
        out.stderr.starts_with("backup/mock-model-served"),
        "{}",
        out.stderr
    );
}

#[test]
fn every_model_failing_lists_each_failure() {
    let mut env = project("providers:\n  openai:\n    max_retries: 0\n");
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::Drop);
    with_openai(&mut env, &mock);
    env.write(
        "prompts/chain.prompt",
        "---\nmodel: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]\n---\nHi\n",
    );
    let out = env.run(&["run", "chain"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("every model in the failover chain failed")
    );
    assert!(out.stderr.contains("connection failed"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no credential for provider `anthropic`")
    );
}

#[test]
fn a_slow_provider_times_out() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::Delay(
        std::time::Duration::from_secs(3),
        Box::new(Reply::ok(Wire::OpenAi, "late")),
    ));
    let mut env =
        project("providers:\n  openai:\n    max_retries: 0\n    timeouts: {read_secs: 0.3}\n");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("no response within 0.3s"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_cache_answers_repeated_requests() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let args = ["run", "hello", "--var", "who=Ada", "--cache", "read-write"];
    let first = env.run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = env.run(&args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(second.stdout, "mock answer\n");
    assert!(second.stderr.contains("from cache"), "{}", second.stderr);
    assert_eq!(mock.count(), 1);
    assert!(env.read(".promptctl/cache/.gitignore").contains('*'));
    let other = env.run(&["run", "hello", "--var", "who=Bo", "--cache", "read-write"]);
    assert_eq!(other.code, 0);
    assert_eq!(mock.count(), 2);
    let off = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(off.code, 0);
    assert_eq!(mock.count(), 3);
}

#[test]
fn record_then_replay_without_the_network() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&[
        "run",
        "hello",
        "--var",
        "who=Ada",
        "--record",
        "tapes/hello.jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tape = env.read("tapes/hello.jsonl");
    assert_eq!(tape.lines().count(), 1);
    assert!(!tape.contains(KEY));
    let mut offline = project("");
    offline.env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    offline.write("tapes/hello.jsonl", &tape);
    let replayed = offline.run(&[
        "run",
        "hello",
        "--var",
        "who=Ada",
        "--replay",
        "tapes/hello.jsonl",
    ]);
    assert_eq!(replayed.code, 0, "{}", replayed.stderr);
    assert_eq!(replayed.stdout, "mock answer\n");
    let miss = offline.run(&[
        "run",
        "hello",
        "--var",
        "who=Eve",
        "--replay",
        "tapes/hello.jsonl",
    ]);
    assert_eq!(miss.code, 3, "{}", miss.stderr);
    assert!(
        miss.stderr.contains(
            "no recorded response for openai/gpt-4o-mini in cassette `tapes/hello.jsonl`"
        ),
        "{}",
        miss.stderr
    );
    assert!(miss.stderr.contains("\"Hello Eve!\""), "{}", miss.stderr);
    assert!(miss.stderr.contains("record it again with `--record`"));
}

#[test]
fn runs_a_version_from_git_history() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    let git = |args: &[&str]| assert_eq!(env.git(args).code, 0, "git {args:?}");
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Add hello"]);
    env.write(
        "prompts/hello.prompt",
        "---\nmodel: openai/gpt-4o-mini\n---\n{{role \"user\"}}Goodbye {{who}}!\n",
    );
    git(&["commit", "-q", "-am", "Say goodbye"]);
    let out = env.run(&["run", "hello@v1", "--var", "who=Ada", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Hello Ada!"), "{}", out.stdout);
    assert!(!out.stdout.contains("Goodbye"), "{}", out.stdout);
    let bad = env.run(&["run", "hello@v9", "--var", "who=Ada", "--dry-run"]);
    assert_eq!(bad.code, 3, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("v1") && bad.stderr.contains("v2"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_missing_key_says_which_variable_to_set() {
    let env = project("");
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("no credential for provider `openai`: set OPENAI_API_KEY or run `promptctl auth set openai`"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_model_references_and_settings_are_input_errors() {
    let env = project("");
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--model", "gpt-4o"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`gpt-4o` is not a model reference"),
        "{}",
        out.stderr
    );
    let unknown = env.run(&["run", "hello", "--var", "who=Ada", "--model", "nope/x"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown provider `nope`"),
        "{}",
        unknown.stderr
    );
    env.write(
        "prompts/bad.prompt",
        "---\nmodel: openai/x\nconfig: {temperature: hot}\n---\nHi\n",
    );
    let bad = env.run(&["run", "bad"]);
    assert_eq!(bad.code, 3);
    assert!(
        bad.stderr
            .contains("model setting `temperature` must be a number"),
        "{}",
        bad.stderr
    );
    env.write("prompts/none.prompt", "Hi\n");
    let none = env.run(&["run", "none"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("no model to run"), "{}", none.stderr);
}

#[test]
fn the_planted_key_never_appears_in_any_output() {
    let ok = MockServer::start(Wire::OpenAi);
    let rejecting = MockServer::start(Wire::Anthropic);
    rejecting.set_default(Reply::json(
        401,
        &json!({"type": "error", "error": {"type": "authentication_error", "message": format!("invalid x-api-key {KEY}")}}),
    ));
    let mut env = project(
        "providers:\n  anthropic:\n    models: [claude-haiku-4-5]\n  openai:\n    models: [gpt-4o-mini]\n",
    );
    with_openai(&mut env, &ok);
    env.env("ANTHROPIC_BASE_URL", &rejecting.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", KEY)
        .env("GEMINI_API_KEY", KEY);
    let runs: Vec<Vec<&str>> = vec![
        vec!["run", "hello", "--var", "who=Ada"],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--format",
            "json",
            "--cache",
            "read-write",
            "--record",
            "tape.jsonl",
        ],
        vec!["run", "hello", "--var", "who=Ada", "--dry-run"],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--dry-run",
            "--format",
            "json",
        ],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--model",
            "anthropic/claude-haiku-4-5",
        ],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--model",
            "anthropic/claude-haiku-4-5",
            "--format",
            "json",
        ],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--model",
            "bedrock/x",
            "--dry-run",
        ],
        vec![
            "run",
            "hello",
            "--var",
            "who=Ada",
            "--model",
            "gemini/gemini-2.5-flash",
            "--dry-run",
        ],
        vec!["providers", "list"],
        vec!["providers", "list", "--format", "json"],
        vec!["providers", "check"],
        vec!["providers", "check", "--format", "json"],
        vec!["auth", "get", "openai"],
        vec!["-v", "run", "hello", "--var", "who=Ada"],
    ];
    for args in runs {
        let out = env.run(&args);
        assert!(!out.stdout.contains(KEY), "{args:?} stdout: {}", out.stdout);
        assert!(!out.stderr.contains(KEY), "{args:?} stderr: {}", out.stderr);
    }
    assert!(!env.read("tape.jsonl").contains(KEY));
    for entry in walk(&env.path().join(".promptctl")) {
        assert!(
            !std::fs::read_to_string(&entry).unwrap().contains(KEY),
            "{}",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn streams_openai_and_anthropic_answers() {
    let openai = MockServer::start(Wire::OpenAi);
    openai.set_default(Reply::stream(Wire::OpenAi, &["Hel", "lo"]));
    let anthropic = MockServer::start(Wire::Anthropic);
    anthropic.set_default(Reply::stream(Wire::Anthropic, &["Wor", "ld"]));
    let mut env = project("");
    with_openai(&mut env, &openai);
    env.env("ANTHROPIC_BASE_URL", &anthropic.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--stream"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Hello\n");
    assert!(
        out.stderr
            .starts_with("openai/mock-stream-served · 5 in, 2 out tokens"),
        "{}",
        out.stderr
    );
    let body = openai.received()[0].json();
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    let out = env.run(&[
        "run",
        "hello",
        "--var",
        "who=Ada",
        "--stream",
        "--model",
        "anthropic/claude-haiku-4-5",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "World\n");
    assert!(out.stderr.contains("7 in, 3 out tokens"), "{}", out.stderr);
    assert!(anthropic.violations().is_empty());
    // Without --stream (stdout is not a terminal here) the request does not stream.
    let out = env.run(&[
        "run",
        "hello",
        "--var",
        "who=Bo",
        "--model",
        "anthropic/claude-haiku-4-5",
    ]);
    assert_eq!(
        out.code, 5,
        "a streamed body to a plain request is not JSON: {}",
        out.stderr
    );
    assert!(
        anthropic
            .received()
            .last()
            .unwrap()
            .json()
            .get("stream")
            .is_none()
    );
}

#[test]
fn a_stream_cut_before_any_text_is_retried() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([Reply::raw(
        200,
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n",
    )]);
    mock.set_default(Reply::stream(Wire::OpenAi, &["ok"]));
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--stream"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ok\n");
    assert!(out.stderr.contains("2 attempts"), "{}", out.stderr);
}

#[test]
fn a_stream_cut_after_text_is_final_and_not_failed_over() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::raw(
        200,
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
    ));
    let fallback = MockServer::start(Wire::Anthropic);
    let mut env = project("");
    with_openai(&mut env, &mock);
    env.env("ANTHROPIC_BASE_URL", &fallback.url("/v1"))
        .env("ANTHROPIC_API_KEY", KEY);
    env.write(
        "prompts/chain.prompt",
        "---\nmodel: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]\n---\nHi\n",
    );
    let out = env.run(&["run", "chain", "--stream"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stdout, "Hel");
    assert!(
        out.stderr
            .contains("the stream ended before it was complete (3 characters received)"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 1);
    assert_eq!(fallback.count(), 0);
}

#[test]
fn a_retry_after_longer_than_the_cap_fails_at_once() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(
        Reply::json(
            429,
            &json!({"error": {"message": "Quota exceeded", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}),
        )
        .with_header("retry-after", "600"),
    );
    let mut env = project("");
    with_openai(&mut env, &mock);
    let out = env.run(&["run", "hello", "--var", "who=Ada"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(mock.count(), 1);
    assert!(
        out.stderr.contains("(asked to retry after 600.0s)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: the provider is rate limiting"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_or_corrupt_cassette_is_an_io_error() {
    let env = project("");
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--replay", "nope.jsonl"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot use `nope.jsonl`"),
        "{}",
        out.stderr
    );
    env.write("bad.jsonl", "{\"key\": 1}\n");
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--replay", "bad.jsonl"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("line 1: not a cassette entry"),
        "{}",
        out.stderr
    );
}

#[test]
fn regions_and_classification_constrain_where_a_prompt_runs() {
    let us = MockServer::start(Wire::OpenAi);
    let eu = MockServer::start(Wire::OpenAi);
    let env = project(&format!(
        "providers:\n  us:\n    preset: vllm\n    base_url: {}\n    region: us-east-1\n  eu:\n    preset: vllm\n    base_url: {}\n    region: eu-west-1\nrouting:\n  weights: {{cost: 0}}\n  classifications:\n    restricted: {{allowed_providers: [nowhere]}}\n",
        us.url("/v1"),
        eu.url("/v1")
    ));
    env.write(
        "prompts/resident.prompt",
        "---\nmodel: [us/m, eu/m]\nregions: [eu-west-1]\n---\nHi\n",
    );
    let out = env.run(&["run", "resident", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["provider"], "eu");
    assert_eq!((us.count(), eu.count()), (0, 1));
    env.write(
        "prompts/secret.prompt",
        "---\nmodel: [us/m, eu/m]\nclassification: restricted\n---\nHi\n",
    );
    let out = env.run(&["run", "secret"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the routing constraints exclude every model: us/m (provider `us` is not allowed)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn policies_keep_forbidden_models_from_serving() {
    let env = project("");
    env.write(
        "prompts/secret.prompt",
        "---\nmodel: [openai/gpt-4o-mini, anthropic/claude-haiku-4-5]\nclassification: confidential\n---\nInternal numbers.\n",
    );
    env.write(
        "policies/models.yaml",
        "rules:\n  - id: confidential-models\n    severity: error\n    scope: {classifications: [confidential]}\n    providers: {allow: ['anthropic/*']}\n",
    );
    // The chain loses the forbidden model, with a warning, and goes on with the allowed one.
    let out = env.run(&["run", "secret", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("skipping `openai/gpt-4o-mini`: policy/confidential-models"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("anthropic"), "{}", out.stdout);
    // Forcing a forbidden model refuses the run.
    let out = env.run(&["run", "secret", "--model", "openai/gpt-4o", "--dry-run"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("no model may serve `secret`"),
        "{}",
        out.stderr
    );
    // Prompts outside the rule's scope are not affected.
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn save_record_appends_the_call_to_results_runs_and_report_counts_it() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("");
    with_openai(&mut env, &mock);
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-05T10:00:00Z");
    let out = env.run(&["run", "hello", "--var", "who=Ada", "--save-record"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("recorded the call in `results/runs/2026-11-05.jsonl`"),
        "{}",
        out.stderr
    );
    let text = env.read("results/runs/2026-11-05.jsonl");
    let record: Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(record["record_version"], 1);
    assert_eq!(record["experiment"], "run");
    assert_eq!(record["prompt"]["name"], "hello");
    assert_eq!(record["provider"], "openai");
    assert_eq!(record["model"], "gpt-4o-mini");
    assert_eq!(record["tokens_in"], 19);
    assert_eq!(record["pass"], true);
    // The answer's text is not kept; its hash is.
    assert!(record.get("output").is_none());
    assert!(!text.contains("mock answer") && !text.contains(KEY));

    // A failed call is recorded too, with its kind; without the flag nothing is written.
    mock.set_default(Reply::json(500, &json!({"error": {"message": "down"}})));
    let failed = env.run(&["run", "hello", "--var", "who=Bo", "--save-record"]);
    assert_eq!(failed.code, 5, "{}", failed.stderr);
    let plain = env.run(&["run", "hello", "--var", "who=Cy"]);
    assert_eq!(plain.code, 5, "{}", plain.stderr);
    let text = env.read("results/runs/2026-11-05.jsonl");
    assert_eq!(text.lines().count(), 2);

    let dir = env.path().to_string_lossy().into_owned();
    let report = env.run(&[
        "-C",
        &dir,
        "report",
        "--by",
        "experiment,prompt",
        "--format",
        "json",
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let doc: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(doc["records"], 2);
    let group = &doc["groups"][0];
    assert_eq!(group["key"]["experiment"], "run");
    assert_eq!(group["calls"], 2);
    assert_eq!(group["errors"], 1);
    assert_eq!(group["error_kinds"]["http_500"], 1);
}

#[test]
fn run_record_true_in_the_config_records_every_call_unless_told_not_to() {
    let mock = MockServer::start(Wire::OpenAi);
    let mut env = project("run: {record: true}\n");
    with_openai(&mut env, &mock);
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-06T09:00:00Z");
    assert_eq!(env.run(&["run", "hello", "--var", "who=Ada"]).code, 0);
    let skipped = env.run(&["run", "hello", "--var", "who=Bo", "--no-save-record"]);
    assert_eq!(skipped.code, 0, "{}", skipped.stderr);
    let text = env.read("results/runs/2026-11-06.jsonl");
    assert_eq!(text.lines().count(), 1);
}
