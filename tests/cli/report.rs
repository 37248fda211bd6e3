//! `promptctl report`: numbers across every results file, checked against values the tests
//! compute themselves from the JSONL.

#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)] // small counts in test arithmetic

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::TestEnv;

fn example() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("prompts-example")
        .to_string_lossy()
        .into_owned()
}

fn report_json(env: &TestEnv, dir: &str, extra: &[&str]) -> Value {
    let mut args = vec!["-C", dir, "report", "--format", "json"];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON output")
}

/// NumPy's default quantile (linear interpolation), written out here.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Wilson score interval at 95 %.
fn wilson(passes: f64, n: f64) -> (f64, f64) {
    let z = 1.959_963_984_540_054_f64;
    let p = passes / n;
    let denom = 1.0 + z * z / n;
    let center = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    (center - half, center + half)
}

fn close(a: &Value, b: f64, what: &str) {
    let a = a.as_f64().unwrap_or_else(|| panic!("{what}: {a}"));
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} != {b}"
    );
}

#[derive(Default)]
struct Expected {
    calls: u64,
    errors: u64,
    passes: u64,
    judged: u64,
    latency: Vec<f64>,
    tokens_in: u64,
    tokens_out: u64,
    cost: f64,
    cost_known: u64,
}

#[test]
fn the_example_librarys_report_matches_numbers_recomputed_from_its_jsonl() {
    let dir = example();
    let mut expected: BTreeMap<(String, String), Expected> = BTreeMap::new();
    let mut total = 0;
    let files = [
        "sentiment-models/example.jsonl",
        "sentiment-models/example-batch.jsonl",
        "meeting-notes-brief/example.jsonl",
    ];
    for file in files {
        let path = PathBuf::from(&dir).join(format!("results/{file}"));
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let r: Value = serde_json::from_str(line).unwrap();
            total += 1;
            let key = (
                r["experiment"].as_str().unwrap().to_owned(),
                r["arm"].as_str().unwrap().to_owned(),
            );
            let e = expected.entry(key).or_default();
            e.calls += 1;
            e.latency.push(r["latency_ms"].as_f64().unwrap());
            e.tokens_in += r["tokens_in"].as_u64().unwrap();
            e.tokens_out += r["tokens_out"].as_u64().unwrap();
            if let Some(c) = r["cost_usd"].as_f64() {
                e.cost += c;
                e.cost_known += 1;
            }
            if r["error"].is_null() {
                e.judged += 1;
                e.passes += u64::from(r["pass"].as_bool().unwrap());
            } else {
                e.errors += 1;
            }
        }
    }
    let report = report_json(&TestEnv::new(), &dir, &["--by", "experiment,arm"]);
    assert_eq!(report["records"], total);
    assert_eq!(report["files"], files.len());
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), expected.len());
    for g in groups {
        let key = (
            g["key"]["experiment"].as_str().unwrap().to_owned(),
            g["key"]["arm"].as_str().unwrap().to_owned(),
        );
        let mut e = expected.remove(&key).expect("an expected group");
        let what = format!("{key:?}");
        assert_eq!(g["calls"], e.calls, "{what}");
        assert_eq!(g["errors"], e.errors, "{what}");
        assert_eq!(g["pass"]["passes"], e.passes, "{what}");
        assert_eq!(g["pass"]["n"], e.judged, "{what}");
        let (low, high) = wilson(e.passes as f64, e.judged as f64);
        close(&g["pass"]["rate"], e.passes as f64 / e.judged as f64, &what);
        close(&g["pass"]["low"], low, &what);
        close(&g["pass"]["high"], high, &what);
        e.latency.sort_by(f64::total_cmp);
        // Groups this small keep every latency: the percentiles are exact, and say so.
        assert_eq!(g["latency_ms"]["exact"], true, "{what}");
        assert!(g["latency_ms"]["relative_error"].is_null(), "{what}");
        for (name, q) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)] {
            close(&g["latency_ms"][name], quantile(&e.latency, q), &what);
        }
        assert_eq!(g["tokens_in"], e.tokens_in, "{what}");
        assert_eq!(g["tokens_out"], e.tokens_out, "{what}");
        close(&g["cost_usd"], e.cost, &what);
        close(
            &g["cost_per_1k_calls"],
            e.cost * 1000.0 / e.cost_known as f64,
            &what,
        );
    }
}

/// One record line of the result format.
#[allow(clippy::too_many_arguments)]
fn record(
    prompt: &str,
    blob: &str,
    model: &str,
    case: &str,
    pass: bool,
    cost: f64,
    started: &str,
    error: Option<&str>,
) -> String {
    json!({
        "record_version": 1, "run_id": "r", "experiment": "e", "arm": model,
        "prompt": {"name": prompt, "version": "worktree", "blob": blob},
        "provider": "mock", "model": model, "params": {}, "case_id": case, "repeat": 0,
        "seed": 0, "request_hash": "sha256:00", "output_hash": "sha256:00",
        "pass": pass && error.is_none(), "assertions": [], "latency_ms": 10.0,
        "tokens_in": 5, "tokens_out": 2, "cost_usd": cost, "cached": false,
        "error": error.map(|k| json!({"kind": k, "message": "boom"})),
        "started_at": started, "finished_at": started, "promptctl_version": "0",
    })
    .to_string()
}

fn write_records(env: &TestEnv, file: &str, lines: &[String]) {
    env.write(file, &(lines.join("\n") + "\n"));
}

/// `n` cases of which the first `passes` pass.
fn cases(
    prompt: &str,
    blob: &str,
    model: &str,
    n: usize,
    passes: usize,
    cost: f64,
    started: &str,
) -> Vec<String> {
    (0..n)
        .map(|i| {
            record(
                prompt,
                blob,
                model,
                &format!("c{i}"),
                i < passes,
                cost,
                started,
                None,
            )
        })
        .collect()
}

#[test]
fn filters_select_records_and_damaged_lines_are_reported_with_file_and_line() {
    let env = TestEnv::project();
    let mut lines = cases("p", "b1", "m1", 4, 3, 0.01, "2026-11-01T10:00:00Z");
    lines.push(record(
        "p",
        "b1",
        "m2",
        "c0",
        true,
        0.02,
        "2026-11-05T10:00:00Z",
        Some("timeout"),
    ));
    lines.push("{not a record".to_owned());
    lines.extend(cases(
        "q.short",
        "b9",
        "m1",
        2,
        2,
        0.01,
        "2026-11-06T10:00:00Z",
    ));
    write_records(&env, "results/e/r.jsonl", &lines);
    let dir = env.path().to_string_lossy().into_owned();

    let all = report_json(&env, &dir, &["--by", "model"]);
    assert_eq!(all["records"], 7);
    assert_eq!(all["damaged_lines"], 1);
    let m2 = &all["groups"][1];
    assert_eq!(m2["key"]["model"], "m2");
    assert_eq!(m2["errors"], 1);
    assert_eq!(m2["error_kinds"]["timeout"], 1);
    // A failed call counts in the error rate, never in the pass rate.
    assert!(m2["pass"].is_null());

    let since = report_json(&env, &dir, &["--by", "model", "--since", "2026-11-02"]);
    assert_eq!(since["records"], 3);
    let until = report_json(
        &env,
        &dir,
        &["--by", "prompt", "--until", "2026-11-05T10:00:00Z"],
    );
    assert_eq!(until["records"], 4);
    // A prompt name takes in its variants.
    let q = report_json(&env, &dir, &["--by", "prompt", "--prompt", "q"]);
    assert_eq!(q["groups"][0]["key"]["prompt"], "q.short");
    assert_eq!(q["records"], 2);
    let m1 = report_json(&env, &dir, &["--by", "", "--model", "m1"]);
    assert_eq!(m1["records"], 6);

    let out = env.run(&["-C", &dir, "report"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("results/e/r.jsonl:6: skipped a line"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_new_prompt_content_is_compared_with_the_previous_one_paired_on_the_same_cases() {
    let env = TestEnv::project();
    write_records(
        &env,
        "results/e/old.jsonl",
        &cases(
            "p",
            "sha256:aaaaaaaa",
            "m",
            100,
            60,
            0.01,
            "2026-11-01T00:00:00Z",
        ),
    );
    write_records(
        &env,
        "results/e/new.jsonl",
        &cases(
            "p",
            "sha256:bbbbbbbb",
            "m",
            100,
            90,
            0.01,
            "2026-11-02T00:00:00Z",
        ),
    );
    let dir = env.path().to_string_lossy().into_owned();
    let report = report_json(&env, &dir, &["--by", "prompt,version"]);
    let trend = &report["trend"][0];
    assert_eq!(trend["versions"][0]["content"], "sha256:aaaaaaaa");
    assert_eq!(trend["versions"][1]["content"], "sha256:bbbbbbbb");
    let change = &trend["changes"][0];
    assert_eq!(change["design"]["kind"], "paired");
    assert_eq!(change["design"]["pairs"], 100);
    close(&change["difference"], 0.30, "difference");
    // 30 cases pass only on the new content, none only on the old: McNemar's exact test is
    // not used above 25 discordant pairs; the corrected chi-square is (30 - 1)^2 / 30.
    assert_eq!(change["significant"], true);
    assert!(change["pvalue"].as_f64().unwrap() < 1e-6);
    let out = env.run(&["-C", &dir, "report", "--by", "prompt"]);
    assert!(out.stdout.contains("▅▇"), "{}", out.stdout);
}

#[test]
fn cost_advice_is_claimed_only_when_non_inferiority_holds() {
    let env = TestEnv::project();
    // 1,000 shared cases, each once per model: the cheap model fails 5 the dear one passes and
    // passes 5 the dear one fails.
    let mut lines = Vec::new();
    for i in 0..1000 {
        let case = format!("c{i}");
        let at = "2026-11-01T00:00:00Z";
        lines.push(record(
            "p",
            "b",
            "dear",
            &case,
            i % 10 != 0,
            0.010,
            at,
            None,
        ));
        let cheap = if i < 5 {
            false
        } else if i % 10 == 0 && i < 60 {
            true
        } else {
            i % 10 != 0
        };
        lines.push(record("p", "b", "cheap", &case, cheap, 0.004, at, None));
    }
    write_records(&env, "results/e/big.jsonl", &lines);
    let dir = env.path().to_string_lossy().into_owned();
    let report = report_json(&env, &dir, &[]);
    let advice = &report["cost_advice"][0];
    assert_eq!(advice["cheaper"]["model"], "cheap");
    assert_eq!(advice["design"]["kind"], "paired");
    close(&advice["saving"], 0.6, "saving");
    assert_eq!(advice["non_inferior"], true, "{advice}");
    let out = env.run(&["-C", &dir, "report"]);
    assert!(
        out.stdout.contains(
            "mock/cheap is non-inferior to mock/dear on pass rate (margin 2 pp, one-sided 95%, n=1000 paired cases) at 60% lower cost"
        ),
        "{}",
        out.stdout
    );

    // The same rates on 20 cases: no difference at all, and still nothing to claim.
    let small = TestEnv::project();
    let mut lines = cases("p", "b", "dear", 20, 19, 0.010, "2026-11-01T00:00:00Z");
    lines.extend(cases(
        "p",
        "b",
        "cheap",
        20,
        19,
        0.004,
        "2026-11-01T00:00:00Z",
    ));
    write_records(&small, "results/e/small.jsonl", &lines);
    let dir = small.path().to_string_lossy().into_owned();
    let report = report_json(&small, &dir, &[]);
    assert_eq!(report["cost_advice"][0]["non_inferior"], false);
    assert!(report["cost_advice"][0]["claim"].is_null());
    let out = small.run(&["-C", &dir, "report", "--format", "markdown"]);
    assert!(
        out.stdout.contains("no claim: mock/cheap costs 60% less"),
        "{}",
        out.stdout
    );
}

#[test]
fn csv_has_one_row_per_group_and_bad_flags_exit_2() {
    let env = TestEnv::project();
    let mut lines = cases("p,1", "b", "m1", 3, 2, 0.01, "2026-11-01T00:00:00Z");
    lines.extend(cases("p,1", "b", "m2", 3, 3, 0.01, "2026-11-01T00:00:00Z"));
    write_records(&env, "results/e/r.jsonl", &lines);
    let dir = env.path().to_string_lossy().into_owned();
    let out = env.run(&[
        "-C",
        &dir,
        "report",
        "--by",
        "prompt,model",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("prompt,model,calls,errors,error_rate,passes"));
    assert!(rows[1].starts_with("\"p,1\",m1,3,0,0,2,3,"), "{}", rows[1]);
    for args in [
        &["report", "--by", "colour"][..],
        &["report", "--since", "yesterday"][..],
        &["report", "--format", "sarif"][..],
    ] {
        let mut full = vec!["-C", &dir];
        full.extend_from_slice(args);
        let out = env.run(&full);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    }
}

#[test]
fn history_counts_results_deleted_or_rewritten_since_exactly_once() {
    let env = TestEnv::project();
    let git = |args: &[&str]| assert_eq!(env.git(args).code, 0, "git {args:?}");
    git(&["init", "-q", "-b", "main"]);
    let at = "2026-11-01T00:00:00Z";
    let a = cases("p", "b", "m", 3, 3, 0.01, at); // c0, c1, c2
    write_records(&env, "results/e/a.jsonl", &a);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Run a"]);
    // Rewritten: c2 dropped, c3 added.
    let mut rewritten = a[..2].to_vec();
    rewritten.push(record("p", "b", "m", "c3", true, 0.01, at, None));
    write_records(&env, "results/e/a.jsonl", &rewritten);
    // Another run: a record is known by its experiment, run, arm, case and repeat.
    let b: Vec<String> = cases("q", "b", "m", 2, 1, 0.01, at)
        .iter()
        .map(|l| l.replace("\"run_id\":\"r\"", "\"run_id\":\"r2\""))
        .collect();
    write_records(&env, "results/f/b.jsonl", &b);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Rewrite a, run b"]);
    git(&["rm", "-q", "results/f/b.jsonl"]);
    git(&["commit", "-q", "-m", "Drop b"]);
    // The working tree adds c4, uncommitted.
    rewritten.push(record("p", "b", "m", "c4", false, 0.01, at, None));
    write_records(&env, "results/e/a.jsonl", &rewritten);
    let dir = env.path().to_string_lossy().into_owned();

    let now = report_json(&env, &dir, &["--by", "prompt"]);
    assert_eq!(now["records"], 4);
    let all = report_json(&env, &dir, &["--by", "prompt", "--history"]);
    // p: c0..c4 once each; q: the deleted file's two records.
    assert_eq!(all["records"], 7, "{all}");
    assert_eq!(all["groups"][0]["key"]["prompt"], "p");
    assert_eq!(all["groups"][0]["calls"], 5);
    assert_eq!(all["groups"][0]["pass"]["passes"], 4);
    assert_eq!(all["groups"][1]["key"]["prompt"], "q");
    assert_eq!(all["groups"][1]["calls"], 2);
    // c0 and c1 were read three times (two commits and the working tree), c3 twice.
    assert_eq!(all["duplicate_records"], 5);
}

#[test]
fn history_outside_a_git_repository_reads_the_working_tree() {
    let env = TestEnv::project();
    write_records(
        &env,
        "results/e/a.jsonl",
        &cases("p", "b", "m", 3, 2, 0.01, "2026-11-01T00:00:00Z"),
    );
    let dir = env.path().to_string_lossy().into_owned();
    let all = report_json(&env, &dir, &["--history"]);
    assert_eq!(all["records"], 3);
}

#[test]
fn a_group_past_the_exact_limit_reports_estimated_percentiles_within_their_declared_error() {
    let env = TestEnv::project();
    // 3,000 calls with latencies 1..=3000 ms, in a scrambled order.
    let n = 3000_u64;
    let lines: Vec<String> = one_group_calls(n)
        .into_iter()
        .zip(0..n)
        .map(|(line, i)| {
            let latency = (i * 1_777 % n + 1) as f64;
            line.replace("\"latency_ms\":10.0", &format!("\"latency_ms\":{latency}"))
        })
        .collect();
    write_records(&env, "results/e/r.jsonl", &lines);
    let out = env.run(&["report", "--by", "", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let latency = &doc["groups"][0]["latency_ms"];
    assert_eq!(latency["n"], n, "{latency}");
    assert_eq!(latency["exact"], false, "{latency}");
    assert_eq!(latency["relative_error"], 0.01, "{latency}");
    // The order statistic at rank floor(q (n - 1)) of 1..=3000 is floor(q (n - 1)) + 1.
    for (name, q) in [("p50", 0.5), ("p90", 0.9), ("p99", 0.99)] {
        let exact = (q * (n - 1) as f64).floor() + 1.0;
        let got = latency[name].as_f64().unwrap();
        assert!(
            (got - exact).abs() / exact <= 0.01 + 1e-12,
            "{name}: {got} against {exact}"
        );
    }
    let text = env.run(&["report", "--by", ""]);
    assert!(text.stdout.contains('~'), "{}", text.stdout);
    // CSV says which percentiles are estimates, and by how much they may be off; HTML marks
    // the estimated cells and says what the mark means.
    let (relative_error, page) = estimate_marks(&env);
    assert_eq!(relative_error, "0.01");
    assert!(page.contains("\">~"), "no estimated cell is marked");
    assert!(
        page.contains("~ marks a latency percentile estimated"),
        "no note"
    );
}

/// `count` passing calls of prompt `p` on model `m`, one per case, each 10 ms.
fn one_group_calls(count: u64) -> Vec<String> {
    (0..count)
        .map(|i| {
            record(
                "p",
                "b",
                "m",
                &format!("c{i}"),
                true,
                0.001,
                "2026-11-01T00:00:00Z",
                None,
            )
        })
        .collect()
}

/// The CSV's `latency_relative_error` of the one group `report --by ''` gives, and the HTML
/// page of the same report.
fn estimate_marks(env: &TestEnv) -> (String, String) {
    let csv = env.run(&["report", "--by", "", "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut rows = csv.stdout.lines();
    let header: Vec<&str> = rows.next().expect("a CSV row").split(',').collect();
    let row: Vec<&str> = rows.next().expect("a CSV row").split(',').collect();
    let at = header
        .iter()
        .position(|h| *h == "latency_relative_error")
        .expect("the column");
    let page = env.path().join("report.html");
    let html = env.run(&[
        "report",
        "--by",
        "",
        "--html",
        page.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = std::fs::read_to_string(&page).expect("the page");
    assert!(
        page.contains("data-field=\"latency_ms.p50\""),
        "no latency cell"
    );
    (row[at].to_owned(), page)
}

#[test]
fn exact_percentiles_carry_no_estimate_mark_in_csv_or_html() {
    let env = TestEnv::project();
    write_records(&env, "results/e/r.jsonl", &one_group_calls(20));
    let (relative_error, page) = estimate_marks(&env);
    assert_eq!(relative_error, "");
    assert!(!page.contains("\">~"), "an exact cell is marked");
    assert!(!page.contains("~ marks"), "a note without an estimate");
}
