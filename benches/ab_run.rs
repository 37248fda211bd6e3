//! `promptctl ab run` throughput: an experiment of 10,000 samples (5,000 cases × 2 variants)
//! against a loopback mock provider that answers every call after 20 ms, at concurrency 64.
//! Runs the release binary under `/usr/bin/time -v` and reports wall time, calls per second
//! and peak memory, at two sizes so the memory trend is visible.
//!
//! Not a timed test: run it by hand and report the figures.
//!
//! ```text
//! cargo bench --bench ab_run                   # 2,000 and 10,000 samples
//! SAMPLES=40000 cargo bench --bench ab_run     # a bigger run
//! ```
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::disallowed_methods
)]

#[path = "../tests/cli/mock.rs"]
mod mock;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use mock::{MockServer, Reply, Wire};

fn project(dir: &Path, base_url: &str, cases: usize) {
    std::fs::create_dir_all(dir.join("prompts")).unwrap();
    std::fs::create_dir_all(dir.join("datasets")).unwrap();
    std::fs::create_dir_all(dir.join("experiments")).unwrap();
    std::fs::write(
        dir.join("promptctl.yaml"),
        format!("prompts: prompts\nproviders:\n  mock:\n    kind: openai\n    base_url: {base_url}\n    api_key_env: MOCK_KEY\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("prompts/reply.prompt"),
        "---\nmodel: mock/small\n---\n{{role \"system\"}}Be brief.\n{{role \"user\"}}{{message}}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("prompts/reply.terse.prompt"),
        "---\nmodel: mock/small\n---\n{{role \"system\"}}One line.\n{{role \"user\"}}{{message}}\n",
    )
    .unwrap();
    let mut data = String::new();
    for i in 0..cases {
        let _ = writeln!(
            data,
            "{{\"id\": \"c{i}\", \"vars\": {{\"message\": \"Question number {i}?\"}}}}"
        );
    }
    std::fs::write(dir.join("datasets/cases.jsonl"), data).unwrap();
    std::fs::write(
        dir.join("experiments/bench.yaml"),
        "dataset: datasets/cases.jsonl\nvariants:\n  - id: control\n    prompt: reply\n    control: true\n  - id: terse\n    prompt: reply.terse\nassertions:\n  - type: icontains\n    value: ok\nconcurrency: 64\n",
    )
    .unwrap();
}

fn measure(samples: usize) {
    let mock = MockServer::start_with(Wire::OpenAi, false);
    mock.set_default(Reply::Delay(
        Duration::from_millis(20),
        Box::new(Reply::ok(Wire::OpenAi, "ok, done")),
    ));
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), &mock.url("/v1"), samples / 2);
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_promptctl"))
        .args(["-C"])
        .arg(dir.path())
        .args([
            "--quiet", "ab", "run", "bench", "--run-id", "bench", "--format", "json",
        ])
        .env("MOCK_KEY", "bench-key")
        .env("PROMPTCTL_KEYRING", "off")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let seconds: f64 = wall.split(':').fold(0.0, |acc, part| {
        acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
    });
    let rss_kib: f64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap_or(0.0);
    let records = std::fs::read_to_string(dir.path().join("results/bench/bench.jsonl"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(records, samples);
    println!(
        "{samples:>7} samples: wall {seconds:.2} s, {:.0} calls/s, peak RSS {:.1} MiB, mock served {} calls",
        samples as f64 / seconds,
        rss_kib / 1024.0,
        mock.count()
    );
}

fn main() {
    let sizes: Vec<usize> = match std::env::var("SAMPLES").ok().and_then(|v| v.parse().ok()) {
        Some(n) => vec![n],
        None => vec![2_000, 10_000],
    };
    println!("ab run: 2 variants, concurrency 64, mock latency 20 ms");
    for n in sizes {
        measure(n);
    }
}
