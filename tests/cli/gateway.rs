//! The gateway as a library, in process, against loopback mocks: load balancing over
//! deployments, the concurrency limit, routing by price, and sharing one gateway between
//! concurrent tasks (the API the experiment runner builds on).

use std::sync::Arc;
use std::time::Duration;

use promptctl::prompt::{Message, Role};
use promptctl::provider::gateway::{Deployment, ProviderSetup};
use promptctl::provider::limits::Limits;
use promptctl::provider::pricing::PriceTable;
use promptctl::provider::retry::RetryPolicy;
use promptctl::provider::routing::RoutingPolicy;
use promptctl::provider::{
    ChatRequest, Clock, Credential, Endpoint, Gateway, GatewayOptions, Kind, Params, Secret,
    Target, openai,
};

use crate::mock::{MockServer, Reply, Wire};

struct FixedClock;

impl Clock for FixedClock {
    fn unix_seconds(&self) -> i64 {
        1_767_225_600
    }
}

fn setup(name: &str, urls: &[String], limits: Limits) -> ProviderSetup {
    ProviderSetup {
        name: name.to_owned(),
        kind: Kind::Openai,
        dialect: openai::OPENAI,
        deployments: urls
            .iter()
            .map(|url| Deployment {
                endpoint: Endpoint {
                    provider: name.to_owned(),
                    kind: Kind::Openai,
                    base_url: url.clone(),
                    credential: Credential::ApiKey(Secret::new("k")),
                    region: None,
                    api_version: None,
                    headers: Vec::new(),
                },
                weight: 1,
            })
            .collect(),
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(10),
        retry: RetryPolicy::default().with_base(Duration::from_millis(1)),
        limits,
        unavailable: None,
    }
}

fn request(targets: &[&str]) -> ChatRequest {
    ChatRequest {
        targets: targets
            .iter()
            .map(|t| Target::parse(t).expect("target"))
            .collect(),
        messages: vec![Message::text(Role::User, "Hi")],
        params: Params::default(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    let _ = rustls::crypto::ring::default_provider().install_default();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn load_balances_over_deployments_and_skips_a_failing_one() {
    let rt = runtime();
    let _guard = rt.enter();
    let a = MockServer::start(Wire::OpenAi);
    let b = MockServer::start(Wire::OpenAi);
    let gateway = Gateway::new(
        vec![setup(
            "pool",
            &[a.url("/v1"), b.url("/v1")],
            Limits::default(),
        )],
        PriceTable::default(),
        GatewayOptions::default(),
        Box::new(FixedClock),
    )
    .unwrap();
    rt.block_on(async {
        for _ in 0..6 {
            gateway.complete(&request(&["pool/m"])).await.unwrap();
        }
    });
    assert_eq!((a.count(), b.count()), (3, 3));
    // `a` starts failing: the retry goes to `b`, and `a` is skipped while it cools down.
    a.set_default(Reply::json(
        500,
        &serde_json::json!({"error": {"message": "x", "type": "server_error"}}),
    ));
    rt.block_on(async {
        for _ in 0..4 {
            let response = gateway.complete(&request(&["pool/m"])).await.unwrap();
            assert_eq!(response.content, "mock answer");
        }
    });
    assert_eq!(a.count(), 4, "one failed call on a, then a is skipped");
    assert_eq!(b.count(), 7);
}

#[test]
fn concurrency_limit_holds_under_parallel_calls() {
    let rt = runtime();
    let _guard = rt.enter();
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::Delay(
        Duration::from_millis(30),
        Box::new(Reply::ok(Wire::OpenAi, "ok")),
    ));
    let gateway = Arc::new(
        Gateway::new(
            vec![setup(
                "p",
                &[mock.url("/v1")],
                Limits {
                    max_concurrency: Some(2),
                    ..Limits::default()
                },
            )],
            PriceTable::default(),
            GatewayOptions::default(),
            Box::new(FixedClock),
        )
        .unwrap(),
    );
    rt.block_on(async {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let g = Arc::clone(&gateway);
                tokio::spawn(async move { g.complete(&request(&["p/m"])).await })
            })
            .collect();
        for h in handles {
            h.await.unwrap().unwrap();
        }
    });
    assert_eq!(mock.count(), 8);
    assert!(mock.max_in_flight() <= 2, "{}", mock.max_in_flight());
}

#[test]
fn routing_tries_the_cheapest_model_first_and_learns_latency() {
    let rt = runtime();
    let _guard = rt.enter();
    let mock = MockServer::start(Wire::OpenAi);
    let gateway = Gateway::new(
        vec![setup("openai", &[mock.url("/v1")], Limits::default())],
        PriceTable::default(),
        GatewayOptions {
            routing: Some(RoutingPolicy::default()),
            ..GatewayOptions::default()
        },
        Box::new(FixedClock),
    )
    .unwrap();
    let req = request(&["openai/gpt-4o", "openai/gpt-4o-mini"]);
    let order = gateway.route(&req).unwrap();
    assert_eq!(order[0].model, "gpt-4o-mini");
    rt.block_on(gateway.complete(&req)).unwrap();
    assert_eq!(mock.received()[0].json()["model"], "gpt-4o-mini");
    assert!(
        gateway
            .observed_latency_ms(&Target::parse("openai/gpt-4o-mini").unwrap())
            .is_some()
    );
    let excluded = Gateway::new(
        vec![setup("openai", &[mock.url("/v1")], Limits::default())],
        PriceTable::default(),
        GatewayOptions {
            routing: Some(RoutingPolicy {
                allowed_providers: vec!["bedrock".into()],
                ..RoutingPolicy::default()
            }),
            ..GatewayOptions::default()
        },
        Box::new(FixedClock),
    )
    .unwrap();
    let err = excluded.route(&req).unwrap_err();
    assert!(err.to_string().contains("exclude every model"), "{err}");
}

/// A completion far larger than the cap fails the call with a clear, non-retryable error, and
/// neither a plain nor a streamed body is read past the cap.
#[test]
fn a_response_over_the_size_cap_fails_without_retry() {
    let rt = runtime();
    let _guard = rt.enter();
    let mock = MockServer::start(Wire::OpenAi);
    let huge = "x".repeat(300_000);
    mock.set_default(Reply::ok(Wire::OpenAi, &huge));
    let gateway = Gateway::new(
        vec![setup(
            "p",
            &[mock.url("/v1")],
            Limits {
                max_response_bytes: Some(100_000),
                ..Limits::default()
            },
        )],
        PriceTable::default(),
        GatewayOptions::default(),
        Box::new(FixedClock),
    )
    .unwrap();
    let error = rt
        .block_on(gateway.complete(&request(&["p/m"])))
        .expect_err("the body is over the cap");
    assert!(
        matches!(
            error.last_failure(),
            Some(promptctl::provider::Failure::TooLarge { limit: 100_000 })
        ),
        "{error}"
    );
    assert!(error.to_string().contains("100000-byte cap"), "{error}");
    assert_eq!(
        mock.count(),
        1,
        "a body over the cap is not asked for again"
    );
    // Streamed: the pieces add up past the cap.
    let piece = "y".repeat(20_000);
    let pieces: Vec<&str> = std::iter::repeat_n(piece.as_str(), 10).collect();
    mock.set_default(Reply::stream(Wire::OpenAi, &pieces));
    let error = rt
        .block_on(gateway.complete_streaming(&request(&["p/m"]), &|_text: &str| {}))
        .expect_err("the stream is over the cap");
    assert!(
        matches!(
            error.last_failure(),
            Some(promptctl::provider::Failure::TooLarge { .. })
        ),
        "{error}"
    );
    // Under the cap, the same gateway answers.
    mock.set_default(Reply::ok(Wire::OpenAi, "short"));
    let ok = rt.block_on(gateway.complete(&request(&["p/m"]))).unwrap();
    assert_eq!(ok.content, "short");
}

fn rate_limited(wait_ms: &str) -> Reply {
    Reply::json(
        429,
        &serde_json::json!({"error": {"message": "Rate limit reached", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}),
    )
    .with_header("retry-after-ms", wait_ms)
}

/// Three refusals, each asking for a 50 ms wait, then an answer: the response counts four
/// attempts, and its end-to-end latency holds the three waits the provider asked for, while
/// the answering attempt's latency is its own.
#[test]
fn retries_count_every_attempt_and_latency_includes_the_waits() {
    let rt = runtime();
    let _guard = rt.enter();
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([rate_limited("50"), rate_limited("50"), rate_limited("50")]);
    let gateway = Gateway::new(
        vec![setup("p", &[mock.url("/v1")], Limits::default())],
        PriceTable::default(),
        GatewayOptions::default(),
        Box::new(FixedClock),
    )
    .unwrap();
    let response = rt.block_on(gateway.complete(&request(&["p/m"]))).unwrap();
    assert_eq!(mock.count(), 4);
    assert_eq!(response.attempts, 4);
    assert!(
        response.latency_ms >= 150,
        "end to end includes the waits: {}",
        response.latency_ms
    );
    assert!(
        response.attempt_latency_ms <= response.latency_ms,
        "{} > {}",
        response.attempt_latency_ms,
        response.latency_ms
    );
}

/// The first model fails all four of its attempts, the second answers: five attempts in all,
/// and the response names the provider that answered.
#[test]
fn failover_counts_the_attempts_on_every_model() {
    let rt = runtime();
    let _guard = rt.enter();
    let down = MockServer::start(Wire::OpenAi);
    down.set_default(rate_limited("20"));
    let up = MockServer::start(Wire::OpenAi);
    let gateway = Gateway::new(
        vec![
            setup("down", &[down.url("/v1")], Limits::default()),
            setup("up", &[up.url("/v1")], Limits::default()),
        ],
        PriceTable::default(),
        GatewayOptions::default(),
        Box::new(FixedClock),
    )
    .unwrap();
    let response = rt
        .block_on(gateway.complete(&request(&["down/m", "up/m"])))
        .unwrap();
    assert_eq!((down.count(), up.count()), (4, 1));
    assert_eq!(response.attempts, 5);
    assert_eq!(response.provider, "up");
    assert!(
        response.latency_ms >= 3 * 20,
        "end to end includes the first model's waits: {}",
        response.latency_ms
    );
    // A chain that fails everywhere says how many attempts it made in all.
    up.set_default(rate_limited("20"));
    let error = rt
        .block_on(gateway.complete(&request(&["down/m", "up/m"])))
        .unwrap_err();
    assert_eq!(error.attempts(), 8);
}
