//! Gateway throughput: calls per second at concurrency 64 against a loopback mock that answers
//! every call after 20 ms, and resident memory over the run.
//!
//! Not a timed test: run it by hand and report the figures.
//!
//! ```text
//! cargo bench --bench gateway                 # 100,000 calls
//! CALLS=20000 cargo bench --bench gateway     # shorter
//! LATENCY_MS=0 cargo bench --bench gateway     # the gateway's own overhead
//! ```
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::cast_precision_loss)]

#[path = "../tests/cli/mock.rs"]
mod mock;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use promptctl::prompt::{Message, Role};
use promptctl::provider::gateway::{Deployment, ProviderSetup};
use promptctl::provider::limits::Limits;
use promptctl::provider::pricing::PriceTable;
use promptctl::provider::retry::RetryPolicy;
use promptctl::provider::{
    ChatRequest, Clock, Credential, Endpoint, Gateway, GatewayOptions, Kind, Params, Secret,
    Target, openai,
};

use mock::{MockServer, Reply, Wire};

const CONCURRENCY: u64 = 64;

struct ZeroClock;

impl Clock for ZeroClock {
    fn unix_seconds(&self) -> i64 {
        0
    }
}

/// Resident set size in KiB, from /proc (Linux).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    #[allow(clippy::disallowed_methods)]
    let calls: u64 = std::env::var("CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    #[allow(clippy::disallowed_methods)]
    let latency = Duration::from_millis(
        std::env::var("LATENCY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mock = MockServer::start_with(Wire::OpenAi, false);
    mock.set_default(Reply::Delay(
        latency,
        Box::new(Reply::ok(Wire::OpenAi, "ok")),
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let setup = ProviderSetup {
        name: "openai".into(),
        kind: Kind::Openai,
        dialect: openai::OPENAI,
        deployments: vec![Deployment {
            endpoint: Endpoint {
                provider: "openai".into(),
                kind: Kind::Openai,
                base_url: mock.url("/v1"),
                credential: Credential::ApiKey(Secret::new("bench-key")),
                region: None,
                api_version: None,
                headers: Vec::new(),
            },
            weight: 1,
        }],
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(30),
        retry: RetryPolicy::default(),
        limits: Limits::default(),
        unavailable: None,
    };
    let gateway = Arc::new(
        Gateway::new(
            vec![setup],
            PriceTable::default(),
            GatewayOptions::default(),
            Box::new(ZeroClock),
        )
        .unwrap(),
    );
    let request = Arc::new(ChatRequest {
        targets: vec![Target::parse("openai/gpt-4o-mini").unwrap()],
        messages: vec![
            Message::text(Role::System, "You are a terse assistant."),
            Message::text(Role::User, "Summarize the plot of Hamlet in one sentence."),
        ],
        params: Params {
            temperature: Some(0.2),
            max_output_tokens: Some(64),
            ..Params::default()
        },
    });
    let done = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let rss_start = rss_kib();
    let started = Instant::now();
    let rss_samples = runtime.block_on(async {
        let sampler = {
            let done = Arc::clone(&done);
            tokio::spawn(async move {
                let mut samples = Vec::new();
                let mut next = calls / 10;
                while done.load(Ordering::Relaxed) < calls {
                    if done.load(Ordering::Relaxed) >= next {
                        samples.push((next, rss_kib()));
                        next += calls / 10;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                samples
            })
        };
        let next = Arc::new(AtomicU64::new(0));
        let workers: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let (gateway, request, next, done, errors) = (
                    Arc::clone(&gateway),
                    Arc::clone(&request),
                    Arc::clone(&next),
                    Arc::clone(&done),
                    Arc::clone(&errors),
                );
                tokio::spawn(async move {
                    while next.fetch_add(1, Ordering::Relaxed) < calls {
                        if gateway.complete(&request).await.is_err() {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for w in workers {
            w.await.unwrap();
        }
        sampler.await.unwrap()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let rss_end = rss_kib();
    println!(
        "gateway throughput: {calls} calls, concurrency {CONCURRENCY}, mock latency {} ms",
        latency.as_millis()
    );
    println!("  wall time        {elapsed:.2} s");
    println!("  calls per second {:.0}", calls as f64 / elapsed);
    if !latency.is_zero() {
        println!(
            "  ceiling          {:.0} calls/s (concurrency / latency)",
            CONCURRENCY as f64 / latency.as_secs_f64()
        );
    }
    println!("  errors           {}", errors.load(Ordering::Relaxed));
    println!("  mock saw         {} requests", mock.count());
    println!("  RSS start        {rss_start} KiB");
    for (at, kib) in rss_samples {
        println!("  RSS at {at:>7}   {kib} KiB");
    }
    println!("  RSS end          {rss_end} KiB");
}
