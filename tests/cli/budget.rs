//! `ab run --max-cost`: a run estimated over its cap is refused before anything is recorded, and
//! a run whose calls cost more than estimated stops dispatching before the cap, with every call
//! that was sent recorded.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::ab::Mocks;
use crate::ab::{TWO_ARM, mocks, project};
use crate::mock::{MockServer, Reply, Wire};

fn requests(m: &Mocks) -> usize {
    m.servers().iter().map(|s| s.received().len()).sum()
}

fn estimate(env: &crate::support::TestEnv) -> f64 {
    let out = env.run(&["ab", "plan", "refunds", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON plan");
    doc["estimated_cost_usd"]
        .as_f64()
        .unwrap_or_else(|| panic!("{doc}"))
}

#[test]
fn max_cost_refuses_a_run_estimated_over_it_and_records_nothing() {
    let m = mocks("a refund", "a refund");
    let env = project(&m, 10);
    env.write("experiments/refunds.yaml", TWO_ARM);
    let cap = estimate(&env) / 2.0;
    let out = env.run(&[
        "ab",
        "run",
        "refunds",
        "--run-id",
        "r",
        "--max-cost",
        &cap.to_string(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("the run is estimated at $"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("cap (--max-cost)"), "{}", out.stderr);
    assert!(!env.path().join("results/refunds/r.jsonl").exists());
    assert_eq!(requests(&m), 0);
    let bad = env.run(&["ab", "run", "refunds", "--max-cost", "-1"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn max_cost_stops_dispatching_before_the_cap_and_loses_no_record() {
    // Every answer uses 2,000 tokens: far more than the plan estimates, so the run, accepted at
    // its estimate, reaches the cap part way through.
    let m = mocks("a refund", "a refund");
    dear_answers(&m);
    let mut env = project(&m, 200);
    let hook = MockServer::start(Wire::OpenAi);
    let mut config = env.read("promptctl.yaml");
    config.push_str(
        "notify:\n  destinations:\n    spend:\n      kind: webhook\n      url_env: SPEND_HOOK_URL\n      secret_env: SPEND_HOOK_SECRET\n      events: [budget-exceeded]\n",
    );
    env.write("promptctl.yaml", &config);
    env.env("SPEND_HOOK_URL", &hook.url("/hooks/spend"))
        .env("SPEND_HOOK_SECRET", "whsec-test-secret");
    env.write(
        "experiments/refunds.yaml",
        &TWO_ARM.replace("concurrency: 8", "concurrency: 2"),
    );
    let cap = estimate(&env);
    let out = env.run(&[
        "ab",
        "run",
        "refunds",
        "--run-id",
        "b",
        "--max-cost",
        &cap.to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["outcome"], "stopped_early", "{doc}");
    assert!(
        doc["stop_reason"]
            .as_str()
            .unwrap()
            .starts_with("budget: $"),
        "{doc}"
    );
    let text = env.read("results/refunds/b.jsonl");
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a whole record per line"))
        .collect();
    // Every request the providers answered is a record: none lost, none twice.
    assert_eq!(records.len(), requests(&m));
    let keys: BTreeSet<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r["arm"].as_str().unwrap().to_owned(),
                r["case_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(keys.len(), records.len());
    assert!(records.len() < 400, "the cap stopped nothing");
    let spent: f64 = records
        .iter()
        .map(|r| r["cost_usd"].as_f64().unwrap())
        .sum();
    assert!(spent <= cap, "spent {spent} over the cap {cap}");
    // The cap stopping the run is a `budget-exceeded` event with the spend and the cap.
    let events: Vec<Value> = hook
        .received()
        .iter()
        .map(crate::mock::Received::json)
        .collect();
    assert_eq!(events.len(), 1, "{events:?} {}", out.stderr);
    assert_eq!(events[0]["event"], "budget-exceeded");
    assert_eq!(events[0]["data"]["run_id"], "b");
    assert!((events[0]["data"]["spent_usd"].as_f64().unwrap() - spent).abs() < 1e-9);
}

/// A record of a call that cost `cost` dollars at `provider`, started on `day`.
fn spent_record(run: &str, provider: &str, day: &str, cost: f64) -> String {
    json!({
        "record_version": 1, "run_id": run, "experiment": "earlier", "arm": "a",
        "prompt": {"name": "support/reply", "version": "worktree", "blob": "b"},
        "provider": provider, "model": "small", "params": {}, "case_id": "c", "repeat": 0,
        "seed": 0, "request_hash": "h", "output_hash": "o", "pass": true, "assertions": [],
        "latency_ms": 1.0, "tokens_in": 1, "tokens_out": 1, "cost_usd": cost,
        "started_at": format!("{day}T08:00:00Z"), "finished_at": format!("{day}T08:00:00Z"),
        "promptctl_version": "0",
    })
    .to_string()
}

#[test]
fn a_daily_budget_refuses_a_run_over_what_is_left_today_and_report_shows_the_spend() {
    let m = mocks("a refund", "a refund");
    let mut env = project(&m, 10);
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-05T12:00:00Z");
    env.write("experiments/refunds.yaml", TWO_ARM);
    let estimate = estimate(&env);
    // Earlier today the project spent all but half the estimate of a daily limit; yesterday's
    // spend does not count against today.
    let daily = 10.0;
    env.write(
        "results/earlier/r0.jsonl",
        &format!(
            "{}\n{}\n",
            spent_record("r0", "alpha", "2026-11-05", daily - estimate / 2.0),
            spent_record("r0", "alpha", "2026-11-04", 100.0),
        ),
    );
    let config =
        env.read("promptctl.yaml") + &format!("budget:\n  daily: {daily}\n  monthly: 1000\n");
    env.write("promptctl.yaml", &config);
    let out = env.run(&["ab", "run", "refunds", "--run-id", "r"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "the run is estimated at ${estimate:.4}, over the ${:.4} left today of the ${daily:.4} daily budget (`budget.daily`)",
            estimate / 2.0
        )),
        "{}",
        out.stderr
    );
    assert!(!env.path().join("results/refunds/r.jsonl").exists());
    assert_eq!(requests(&m), 0);

    let report = env.run(&["report", "--format", "json"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let doc: Value = serde_json::from_str(&report.stdout).unwrap();
    let budgets = doc["budgets"].as_array().unwrap();
    assert_eq!(budgets[0]["period"], "daily");
    assert_eq!(budgets[0]["window"], "2026-11-05");
    assert!((budgets[0]["spent_usd"].as_f64().unwrap() - (daily - estimate / 2.0)).abs() < 1e-9);
    assert_eq!(budgets[1]["period"], "monthly");
    assert_eq!(budgets[1]["window"], "2026-11");
    assert!(
        (budgets[1]["spent_usd"].as_f64().unwrap() - (100.0 + daily - estimate / 2.0)).abs() < 1e-9
    );
    let text = env.run(&["report"]);
    assert!(
        text.stdout.contains("Spend against budgets"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_provider_budget_stops_dispatching_at_what_is_left_like_max_cost() {
    // Answers cost far more than estimated, so a run accepted at its estimate reaches the
    // provider's remaining monthly budget part way through.
    let m = mocks("a refund", "a refund");
    dear_answers(&m);
    let mut env = project(&m, 200);
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-05T12:00:00Z");
    env.write(
        "experiments/refunds.yaml",
        &TWO_ARM.replace("concurrency: 8", "concurrency: 2"),
    );
    let estimate = estimate(&env);
    env.write(
        "results/earlier/r0.jsonl",
        &format!("{}\n", spent_record("r0", "beta", "2026-11-01", 1.0)),
    );
    let config = env.read("promptctl.yaml")
        + &format!(
            "budget:\n  providers:\n    beta:\n      monthly: {}\n",
            1.0 + estimate * 1.01
        );
    env.write("promptctl.yaml", &config);
    let out = env.run(&["ab", "run", "refunds", "--run-id", "b", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["outcome"], "stopped_early", "{doc}");
    let text = env.read("results/refunds/b.jsonl");
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a whole record per line"))
        .collect();
    assert_eq!(records.len(), requests(&m));
    assert!(records.len() < 400, "the budget stopped nothing");
    let spent: f64 = records
        .iter()
        .map(|r| r["cost_usd"].as_f64().unwrap())
        .sum();
    assert!(
        spent <= estimate * 1.01,
        "spent {spent}, over what was left"
    );

    let report = env.run(&["report", "--format", "json"]);
    let doc: Value = serde_json::from_str(&report.stdout).unwrap();
    let line = &doc["budgets"][0];
    assert_eq!(line["provider"], "beta");
    assert_eq!(line["period"], "monthly");
    let beta: f64 = records
        .iter()
        .filter(|r| r["provider"] == "beta")
        .map(|r| r["cost_usd"].as_f64().unwrap())
        .sum();
    assert!((line["spent_usd"].as_f64().unwrap() - (1.0 + beta)).abs() < 1e-9);
}

/// Answers that use 2,000 tokens each: far dearer than the plan's estimate.
fn dear_answers(m: &Mocks) {
    let long = Reply::json(
        200,
        &json!({
            "id": "chatcmpl-mock", "object": "chat.completion", "created": 1_741_569_952,
            "model": "mock-model-served",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "a refund"},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 1000, "total_tokens": 2000}
        }),
    );
    for server in m.servers() {
        server.set_default(long.clone());
    }
}

#[test]
fn a_resumed_run_counts_what_it_already_spent_against_the_per_run_budget() {
    let m = mocks("a refund", "a refund");
    dear_answers(&m);
    let mut env = project(&m, 200);
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-05T12:00:00Z");
    env.write(
        "experiments/refunds.yaml",
        &TWO_ARM.replace("concurrency: 8", "concurrency: 2"),
    );
    let cap = estimate(&env);
    let first = env.run(&[
        "ab",
        "run",
        "refunds",
        "--run-id",
        "r",
        "--max-cost",
        &cap.to_string(),
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = env.read("results/refunds/r.jsonl");
    let spent: f64 = before
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["cost_usd"]
                .as_f64()
                .unwrap()
        })
        .sum();
    let requests_before = requests(&m);
    // The run may spend a hundredth of a cent more: less than any remaining sample costs.
    let per_run = spent + 0.0001;
    let config = env.read("promptctl.yaml") + &format!("budget:\n  per_run: {per_run}\n");
    env.write("promptctl.yaml", &config);
    let out = env.run(&["ab", "run", "refunds", "--resume", "r"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "over the $0.0001 the run has left of the ${per_run:.4} per-run budget (`budget.per_run`)"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        requests(&m),
        requests_before,
        "a refused resume sends nothing"
    );
    assert_eq!(env.read("results/refunds/r.jsonl"), before);
}

#[test]
fn report_announces_an_exceeded_budget_once_per_window() {
    let m = mocks("a refund", "a refund");
    let mut env = project(&m, 10);
    let hook = MockServer::start(Wire::OpenAi);
    env.env("SPEND_HOOK_URL", &hook.url("/hooks/spend"))
        .env("SPEND_HOOK_SECRET", "whsec-test-secret")
        .env("PROMPTCTL_TIMESTAMP", "2026-11-05T12:00:00Z");
    let config = env.read("promptctl.yaml")
        + "budget:\n  daily: 1.0\n  monthly: 100.0\n\
           notify:\n  destinations:\n    spend:\n      kind: webhook\n      url_env: SPEND_HOOK_URL\n      secret_env: SPEND_HOOK_SECRET\n      events: [budget-exceeded]\n";
    env.write("promptctl.yaml", &config);
    env.write(
        "results/earlier/r0.jsonl",
        &format!("{}\n", spent_record("r0", "alpha", "2026-11-05", 1.5)),
    );
    let events = |hook: &MockServer| -> Vec<Value> {
        hook.received()
            .iter()
            .map(crate::mock::Received::json)
            .collect()
    };
    for _ in 0..2 {
        let out = env.run(&["report", "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let sent = events(&hook);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["event"], "budget-exceeded");
    assert_eq!(sent[0]["data"]["budget"], "budget.daily");
    assert_eq!(sent[0]["data"]["window"], "2026-11-05");
    assert!((sent[0]["data"]["spent_usd"].as_f64().unwrap() - 1.5).abs() < 1e-9);
    // The next day over the limit is a new window: announced once more.
    env.env("PROMPTCTL_TIMESTAMP", "2026-11-06T12:00:00Z");
    env.write(
        "results/earlier/r1.jsonl",
        &format!("{}\n", spent_record("r1", "alpha", "2026-11-06", 2.0)),
    );
    for _ in 0..2 {
        let out = env.run(&["report"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let sent = events(&hook);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[1]["data"]["window"], "2026-11-06");
}

#[test]
fn reports_at_the_same_moment_announce_an_exceeded_budget_once() {
    let m = mocks("a refund", "a refund");
    let mut env = project(&m, 10);
    let hook = MockServer::start(Wire::OpenAi);
    env.env("SPEND_HOOK_URL", &hook.url("/hooks/spend"))
        .env("SPEND_HOOK_SECRET", "whsec-test-secret");
    let config = env.read("promptctl.yaml")
        + "budget:\n  daily: 1.0\n\
           notify:\n  destinations:\n    spend:\n      kind: webhook\n      url_env: SPEND_HOOK_URL\n      secret_env: SPEND_HOOK_SECRET\n      events: [budget-exceeded]\n";
    env.write("promptctl.yaml", &config);
    // Each round is a new day over the limit, so a new window: three reports started together
    // must announce it once between them.
    let rounds = 4;
    for day in 1..=rounds {
        let date = format!("2026-11-{day:02}");
        env.write(
            &format!("results/earlier/r{day}.jsonl"),
            &format!(
                "{}\n",
                spent_record(&format!("r{day}"), "alpha", &date, 1.5)
            ),
        );
        let children: Vec<_> = (0..3)
            .map(|_| {
                env.command()
                    .args(["report", "--format", "json"])
                    .env("PROMPTCTL_TIMESTAMP", format!("{date}T12:00:00Z"))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let windows: Vec<String> = hook
        .received()
        .iter()
        .map(|r| r.json()["data"]["window"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> = (1..=rounds).map(|d| format!("2026-11-{d:02}")).collect();
    assert_eq!(windows, expected);
    assert!(
        !env.path()
            .join(".promptctl/cache/budgets-announced.json.lock")
            .exists()
    );
}
