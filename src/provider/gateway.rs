//! The gateway: sends normalized requests to providers, with retries, limits, failover, load
//! balancing, routing, caching and cost.
//!
//! [`Gateway::complete`] is the one entry point. It is `Send + Sync` and meant to be shared
//! (`Arc<Gateway>`) by many concurrent tasks: per-provider state (limiters, deployment health,
//! observed latency) lives behind locks or atomics, and one HTTP client per connect timeout is
//! reused so connections are pooled. `Gateway::send` is the only function in promptctl that
//! touches the network.
//!
//! One call: for each model of the (possibly routed) failover chain, answer from a replay
//! cassette or the response cache if possible; otherwise wait for a concurrency slot and the
//! per-minute budgets, pick a deployment (weighted round robin, skipping deployments that just
//! failed), build the request, sign it if needed, send, parse, and on a retryable failure wait
//! (the provider's hint, else exponential backoff with jitter) and try again, on the next
//! deployment. A model that still fails hands over to the next one in the chain; one provider
//! being down never stops the others.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use crate::provider::cache::{self, Cassette, CassetteEntry, ResponseCache};
use crate::provider::limits::{self, Limiter, Limits};
use crate::provider::openai::ChatDialect;
use crate::provider::pricing::PriceTable;
use crate::provider::retry::{Decision, Jitter, RetryPolicy};
use crate::provider::routing::{Candidate, Ewma, RoutingPolicy};
use crate::provider::secret::redact;
use crate::provider::stream::{self, Accumulator, SseParser};
use crate::provider::{
    ChatRequest, ChatResponse, Endpoint, Error, Failure, HttpRequest, HttpResponse, Kind, Target,
    anthropic, azure, bedrock, check_media, gemini, openai,
};
use crate::scan::mask::mask_secrets;

/// The time source for request signing (SigV4 needs the wall clock; the core never reads it).
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch.
    fn unix_seconds(&self) -> i64;
}

/// Why a provider cannot be used, found while setting it up (reported when it is used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// No key in any of these places.
    MissingCredential {
        /// Where a key would come from.
        variable: String,
    },
    /// The base URL must be given.
    MissingBaseUrl {
        /// The variable or config key that sets it.
        variable: String,
    },
}

/// One deployment of a provider: where and with which credential, and its traffic share.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// Where and how.
    pub endpoint: Endpoint,
    /// Relative share of traffic.
    pub weight: u32,
}

/// A provider ready for the gateway: credentials resolved, policies chosen.
#[derive(Debug, Clone)]
pub struct ProviderSetup {
    /// The provider's name.
    pub name: String,
    /// The wire format.
    pub kind: Kind,
    /// The Chat Completions dialect.
    pub dialect: ChatDialect,
    /// Equivalent deployments.
    pub deployments: Vec<Deployment>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Read timeout.
    pub read_timeout: Duration,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Client-side limits.
    pub limits: Limits,
    /// Set when the provider cannot be called.
    pub unavailable: Option<Unavailable>,
}

/// Gateway-wide options.
#[derive(Debug, Default)]
pub struct GatewayOptions {
    /// The response cache, if any.
    pub cache: Option<ResponseCache>,
    /// A cassette to record to or replay from.
    pub cassette: Option<Cassette>,
    /// Routing policy over failover chains.
    pub routing: Option<RoutingPolicy>,
    /// Seed for jitter and load balancing.
    pub seed: u64,
}

/// How long a deployment that failed is skipped by load balancing.
const DEPLOYMENT_COOLDOWN: Duration = Duration::from_secs(5);

struct ProviderState {
    setup: ProviderSetup,
    limiter: Limiter,
    next: AtomicUsize,
    /// Per deployment: milliseconds since `epoch` until which it is skipped.
    down_until_ms: Vec<AtomicU64>,
}

/// The provider gateway. Build once, share, call [`Gateway::complete`] concurrently.
pub struct Gateway {
    providers: HashMap<String, ProviderState>,
    clients: Vec<(Duration, reqwest::Client)>,
    prices: PriceTable,
    options: GatewayOptions,
    clock: Box<dyn Clock>,
    jitter: Mutex<Jitter>,
    latency: Mutex<BTreeMap<Target, Ewma>>,
    epoch: Instant,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("providers", &self.providers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Gateway {
    /// Builds a gateway over `providers`.
    pub fn new(
        providers: Vec<ProviderSetup>,
        prices: PriceTable,
        options: GatewayOptions,
        clock: Box<dyn Clock>,
    ) -> Result<Gateway, Error> {
        let mut clients: Vec<(Duration, reqwest::Client)> = Vec::new();
        for setup in &providers {
            if !clients.iter().any(|(t, _)| *t == setup.connect_timeout) {
                let client = reqwest::Client::builder()
                    .connect_timeout(setup.connect_timeout)
                    .pool_max_idle_per_host(256)
                    .user_agent(concat!("promptctl/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| Error::Client {
                        message: e.to_string(),
                    })?;
                clients.push((setup.connect_timeout, client));
            }
        }
        let seed = options.seed;
        Ok(Gateway {
            providers: providers
                .into_iter()
                .map(|setup| {
                    let state = ProviderState {
                        limiter: Limiter::new(setup.limits),
                        next: AtomicUsize::new(0),
                        down_until_ms: setup
                            .deployments
                            .iter()
                            .map(|_| AtomicU64::new(0))
                            .collect(),
                        setup,
                    };
                    (state.setup.name.clone(), state)
                })
                .collect(),
            clients,
            prices,
            options,
            clock,
            jitter: Mutex::new(Jitter::new(seed)),
            latency: Mutex::new(BTreeMap::new()),
            epoch: Instant::now(),
        })
    }

    /// The price table in use.
    pub fn prices(&self) -> &PriceTable {
        &self.prices
    }

    /// The observed latency of a model (exponentially weighted), if it has served calls.
    pub fn observed_latency_ms(&self, target: &Target) -> Option<f64> {
        lock(&self.latency).get(target).map(|e| e.value)
    }

    /// The order in which a chain's models are tried: the routing policy's, else as written.
    pub fn route(&self, request: &ChatRequest) -> Result<Vec<Target>, Error> {
        let Some(policy) = &self.options.routing else {
            return Ok(request.targets.clone());
        };
        let chars: usize = request.messages.iter().map(|m| m.content.len()).sum();
        let estimate = limits::estimate_tokens(chars, request.params.max_output_tokens);
        let candidates: Vec<Candidate> = request
            .targets
            .iter()
            .map(|t| Candidate {
                target: t.clone(),
                cost: self.prices.price(t).map(|p| {
                    p.cost(&crate::provider::Usage {
                        input_tokens: estimate,
                        output_tokens: u64::from(request.params.max_output_tokens.unwrap_or(256)),
                        cached_input_tokens: 0,
                    })
                }),
                latency_ms: self.observed_latency_ms(t),
                region: self
                    .providers
                    .get(&t.provider)
                    .and_then(|p| p.setup.deployments.first())
                    .and_then(|d| d.endpoint.region.clone()),
            })
            .collect();
        let (order, excluded) = policy.rank(&candidates);
        if order.is_empty() {
            return Err(Error::Config {
                provider: "routing".into(),
                message: format!(
                    "the routing constraints exclude every model: {}",
                    excluded
                        .iter()
                        .map(|e| format!("{} ({})", e.target, e.reason))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Ok(order)
    }

    /// Runs one request through the failover chain and returns the first success.
    pub async fn complete(&self, request: &ChatRequest) -> Result<ChatResponse, Error> {
        self.run_chain(request, None).await
    }

    /// Like [`Gateway::complete`], but streams text to `sink` as it arrives where the provider
    /// streams (and sends cached or non-streaming answers to it whole).
    ///
    /// Once text has reached the sink, a failure is final: it is neither retried nor handed to
    /// the next model, since what was shown cannot be taken back.
    pub async fn complete_streaming(
        &self,
        request: &ChatRequest,
        sink: &(dyn Fn(&str) + Send + Sync),
    ) -> Result<ChatResponse, Error> {
        self.run_chain(request, Some(sink)).await
    }

    async fn run_chain(
        &self,
        request: &ChatRequest,
        sink: Option<&(dyn Fn(&str) + Send + Sync)>,
    ) -> Result<ChatResponse, Error> {
        if request.targets.is_empty() {
            return Err(Error::NoModel);
        }
        let order = self.route(request)?;
        let mut failures = Vec::new();
        let shown = AtomicBool::new(false);
        let mut call = CallTimer::start();
        for target in &order {
            match self
                .complete_one(request, target, sink, &shown, &mut call)
                .await
            {
                Ok(response) => return Ok(response),
                Err(error) if shown.load(Ordering::Relaxed) => return Err(error),
                Err(error) => failures.push(error),
            }
        }
        if failures.len() == 1 {
            Err(failures.remove(0))
        } else {
            Err(Error::AllFailed { failures })
        }
    }

    /// The exact HTTP request the first attempt on `target` would send (for `--dry-run`).
    ///
    /// Not signed: a dry run shows what the caller controls, and a signature needs the time.
    pub fn preview(&self, request: &ChatRequest, target: &Target) -> Result<HttpRequest, Error> {
        // A missing key does not stop a preview: it shows what would be sent.
        let state = match self.state(target) {
            Err(Error::MissingCredential { .. }) => &self.providers[&target.provider],
            other => other?,
        };
        let deployment = state
            .setup
            .deployments
            .first()
            .ok_or_else(|| Error::Config {
                provider: target.provider.clone(),
                message: "no deployments".into(),
            })?;
        check_media(state.setup.kind, request).map_err(|message| Error::Media {
            target: target.clone(),
            message,
        })?;
        Ok(build(
            &state.setup,
            request,
            &target.model,
            &deployment.endpoint,
        ))
    }

    fn state(&self, target: &Target) -> Result<&ProviderState, Error> {
        let state = self
            .providers
            .get(&target.provider)
            .ok_or_else(|| Error::UnknownProvider {
                provider: target.provider.clone(),
                known: {
                    let mut known: Vec<String> = self.providers.keys().cloned().collect();
                    known.sort();
                    known
                },
            })?;
        match &state.setup.unavailable {
            None => Ok(state),
            Some(Unavailable::MissingCredential { variable }) => Err(Error::MissingCredential {
                provider: target.provider.clone(),
                variable: variable.clone(),
            }),
            Some(Unavailable::MissingBaseUrl { variable }) => Err(Error::Config {
                provider: target.provider.clone(),
                message: format!("no endpoint: set {variable} or `base_url` in promptctl.yaml"),
            }),
        }
    }

    async fn complete_one(
        &self,
        request: &ChatRequest,
        target: &Target,
        sink: Option<&(dyn Fn(&str) + Send + Sync)>,
        shown: &AtomicBool,
        call: &mut CallTimer,
    ) -> Result<ChatResponse, Error> {
        let key = cache::request_key(target, &request.messages, &request.params);
        let whole = |mut response: ChatResponse| {
            // Cassettes and cache entries written before `attempt_latency_ms` existed hold the
            // answering attempt's time in `latency_ms` alone.
            if response.attempt_latency_ms == 0 {
                response.attempt_latency_ms = response.latency_ms;
            }
            if let Some(sink) = sink {
                sink(&response.content);
                shown.store(true, Ordering::Relaxed);
            }
            response
        };
        if let Some(cassette) = self.options.cassette.as_ref().filter(|c| c.is_replay()) {
            return match cassette.get(&key) {
                Some(response) => Ok(whole(ChatResponse {
                    cached: true,
                    ..response.clone()
                })),
                None => Err(Error::ReplayMiss {
                    target: target.clone(),
                    key,
                    summary: cache::summarize(&request.messages),
                    cassette: cassette.path().to_path_buf(),
                }),
            };
        }
        if let Some(hit) = self.options.cache.as_ref().and_then(|c| c.get(&key)) {
            return Ok(whole(ChatResponse {
                cached: true,
                ..hit
            }));
        }
        let state = self.state(target)?;
        check_media(state.setup.kind, request).map_err(|message| Error::Media {
            target: target.clone(),
            message,
        })?;
        let chars: usize = request.messages.iter().map(|m| m.content.len()).sum();
        let estimate = limits::estimate_tokens(chars, request.params.max_output_tokens);
        let _slot = call.queued(state.limiter.slot()).await;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            call.attempts += 1;
            call.queued(state.limiter.admit(estimate)).await;
            let index = self.pick_deployment(state);
            let endpoint = &state.setup.deployments[index].endpoint;
            let mut http = build(&state.setup, request, &target.model, endpoint);
            let kind = state.setup.kind;
            let streaming = sink.filter(|_| stream::usable(kind, &http));
            if streaming.is_some() {
                stream::make_streaming(kind, &mut http);
            }
            if kind == Kind::Bedrock {
                bedrock::sign(&mut http, endpoint, self.clock.unix_seconds());
            }
            let started = Instant::now();
            let (connect, read) = (state.setup.connect_timeout, state.setup.read_timeout);
            let cap = state.setup.limits.response_cap();
            let result = match streaming {
                Some(sink) => {
                    self.send_streaming(&http, kind, (connect, read, cap), sink, shown)
                        .await
                }
                None => self
                    .send(&http, (connect, read), cap)
                    .await
                    .and_then(|response| parse(kind, &response))
                    .map(|response| match sink {
                        Some(_) => whole(response),
                        None => response,
                    }),
            };
            match result {
                Ok(mut response) => {
                    let elapsed = started.elapsed();
                    response.provider.clone_from(&target.provider);
                    if response.model.is_empty() {
                        response.model.clone_from(&target.model);
                    }
                    response.attempt_latency_ms = millis(elapsed);
                    response.latency_ms = millis(call.elapsed());
                    response.attempts = call.attempts;
                    response.cost_usd = self.prices.cost(target, &response.usage);
                    {
                        let mut latency = lock(&self.latency);
                        let current = latency.get(target).copied();
                        latency.insert(
                            target.clone(),
                            Ewma::observe(current, elapsed.as_secs_f64() * 1000.0),
                        );
                    }
                    if let Some(cache) = &self.options.cache {
                        cache.put(&key, &response)?;
                    }
                    if let Some(cassette) = &self.options.cassette {
                        cassette.append(&CassetteEntry {
                            key,
                            target: target.clone(),
                            messages: request.messages.clone(),
                            params: request.params.clone(),
                            response: response.clone(),
                        })?;
                    }
                    return Ok(response);
                }
                Err(failure) => {
                    let failure = redact_failure(failure, endpoint);
                    if failure.is_retryable() {
                        self.mark_down(state, index);
                    }
                    let jitter = lock(&self.jitter).next_f64();
                    // Text already shown cannot be taken back: no retry after partial output.
                    let retryable = failure.is_retryable() && !shown.load(Ordering::Relaxed);
                    match state.setup.retry.decide(
                        attempt,
                        retryable,
                        failure.retry_after(),
                        jitter,
                    ) {
                        Decision::RetryAfter(wait) => tokio::time::sleep(wait).await,
                        Decision::GiveUp => {
                            return Err(Error::Call {
                                target: target.clone(),
                                url: http.url,
                                attempts: attempt,
                                failure: Box::new(failure),
                            });
                        }
                    }
                }
            }
        }
    }

    /// Weighted round robin over the deployments that are not cooling down after a failure.
    fn pick_deployment(&self, state: &ProviderState) -> usize {
        let deployments = &state.setup.deployments;
        if deployments.len() == 1 {
            return 0;
        }
        let now = self.now_ms();
        let total: u64 = deployments.iter().map(|d| u64::from(d.weight)).sum();
        let tick = state.next.fetch_add(1, Ordering::Relaxed) as u64;
        for offset in 0..total {
            let mut slot = (tick + offset) % total;
            let index = deployments
                .iter()
                .position(|d| {
                    let w = u64::from(d.weight);
                    if slot < w {
                        true
                    } else {
                        slot -= w;
                        false
                    }
                })
                .unwrap_or(0);
            if state.down_until_ms[index].load(Ordering::Relaxed) <= now {
                return index;
            }
        }
        // Every deployment failed recently: use the one that comes back first.
        (0..deployments.len())
            .min_by_key(|i| state.down_until_ms[*i].load(Ordering::Relaxed))
            .unwrap_or(0)
    }

    fn mark_down(&self, state: &ProviderState, index: usize) {
        let until = self.now_ms() + u64::try_from(DEPLOYMENT_COOLDOWN.as_millis()).unwrap_or(0);
        state.down_until_ms[index].store(until, Ordering::Relaxed);
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Sends a streaming request, passing text to `sink` as events arrive.
    async fn send_streaming(
        &self,
        http: &HttpRequest,
        kind: Kind,
        (connect_timeout, read_timeout, cap): (Duration, Duration, u64),
        sink: &(dyn Fn(&str) + Send + Sync),
        shown: &AtomicBool,
    ) -> Result<ChatResponse, Failure> {
        let mut response = self
            .request(http, connect_timeout, read_timeout)?
            .send()
            .await
            .map_err(|e| transport_failure(&e, read_timeout))?;
        if response.status().as_u16() != 200 {
            let status = response.status().as_u16();
            let headers = header_list(&response);
            let body = read_capped(response, cap, read_timeout).await?;
            let error = HttpResponse {
                status,
                headers,
                body,
            };
            return Err(parse(kind, &error)
                .err()
                .unwrap_or_else(|| Failure::malformed(format!("unexpected HTTP {status}"))));
        }
        let mut parser = SseParser::default();
        let mut accumulator = Accumulator::new(kind);
        let mut emit = |events: Vec<stream::SseEvent>| -> Result<(), Failure> {
            for event in events {
                if let Some(delta) = accumulator.event(&event)? {
                    shown.store(true, Ordering::Relaxed);
                    sink(&delta);
                }
            }
            Ok(())
        };
        let mut received = 0u64;
        loop {
            match response.chunk().await {
                Ok(Some(bytes)) => {
                    received += bytes.len() as u64;
                    if received > cap {
                        return Err(Failure::TooLarge { limit: cap });
                    }
                    emit(parser.push(&bytes))?;
                }
                Ok(None) => break,
                Err(e) => return Err(transport_failure(&e, read_timeout)),
            }
        }
        emit(parser.finish())?;
        accumulator.finish()
    }

    /// The request builder for `http` on the client for its connect timeout.
    fn request(
        &self,
        http: &HttpRequest,
        connect_timeout: Duration,
        read_timeout: Duration,
    ) -> Result<reqwest::RequestBuilder, Failure> {
        let client = self
            .clients
            .iter()
            .find(|(t, _)| *t == connect_timeout)
            .or_else(|| self.clients.first())
            .map(|(_, c)| c)
            .ok_or_else(|| Failure::Connection {
                message: "no HTTP client".into(),
            })?;
        let method =
            reqwest::Method::from_bytes(http.method.as_bytes()).unwrap_or(reqwest::Method::POST);
        let mut builder = client
            .request(method, &http.url)
            .timeout(read_timeout)
            .body(http.body.clone());
        for (name, value) in &http.headers {
            builder = builder.header(name.as_str(), value.expose());
        }
        Ok(builder)
    }

    /// Sends one HTTP request: with `send_streaming`, the only network code in promptctl.
    async fn send(
        &self,
        http: &HttpRequest,
        (connect_timeout, read_timeout): (Duration, Duration),
        cap: u64,
    ) -> Result<HttpResponse, Failure> {
        let response = self
            .request(http, connect_timeout, read_timeout)?
            .send()
            .await
            .map_err(|e| transport_failure(&e, read_timeout))?;
        let status = response.status().as_u16();
        let headers = header_list(&response);
        let body = read_capped(response, cap, read_timeout).await?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Reads a response body, failing as soon as it grows past `cap` bytes (or announces that it
/// will): the body is never held beyond the cap.
async fn read_capped(
    mut response: reqwest::Response,
    cap: u64,
    read_timeout: Duration,
) -> Result<Vec<u8>, Failure> {
    if response.content_length().is_some_and(|length| length > cap) {
        return Err(Failure::TooLarge { limit: cap });
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(bytes)) => {
                if (body.len() + bytes.len()) as u64 > cap {
                    return Err(Failure::TooLarge { limit: cap });
                }
                body.extend_from_slice(&bytes);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(transport_failure(&e, read_timeout)),
        }
    }
}

/// Builds the request for one model on one endpoint (pure).
fn build(
    setup: &ProviderSetup,
    request: &ChatRequest,
    model: &str,
    endpoint: &Endpoint,
) -> HttpRequest {
    match setup.kind {
        Kind::Openai | Kind::Compatible => {
            openai::build_chat(request, model, endpoint, setup.dialect)
        }
        Kind::OpenaiResponses => openai::build_responses(request, model, endpoint),
        Kind::Anthropic => anthropic::build_request(request, model, endpoint),
        Kind::Gemini => gemini::build_request(request, model, endpoint),
        Kind::Azure => azure::build_request(request, model, endpoint),
        Kind::Bedrock => bedrock::build_request(request, model, endpoint),
    }
}

/// Parses a response in the provider's wire format (pure).
fn parse(kind: Kind, response: &HttpResponse) -> Result<ChatResponse, Failure> {
    match kind {
        Kind::Openai | Kind::Compatible | Kind::Azure => openai::parse_chat(response),
        Kind::OpenaiResponses => openai::parse_responses(response),
        Kind::Anthropic => anthropic::parse_response(response),
        Kind::Gemini => gemini::parse_response(response),
        Kind::Bedrock => bedrock::parse_response(response),
    }
}

/// Removes any credential a provider echoed back from a failure's text: the endpoint's own
/// keys, and whatever else the scanner recognises as a secret (a key quoted from the prompt, a
/// URL's userinfo password in a transport error).
fn redact_failure(failure: Failure, endpoint: &Endpoint) -> Failure {
    let secrets = endpoint.credential.secrets();
    let clean = |message: &str| mask_secrets(&redact(message, &secrets)).into_owned();
    match failure {
        Failure::Status {
            status,
            code,
            message,
            retry_after,
            should_retry,
        } => Failure::Status {
            status,
            code,
            message: clean(&message),
            retry_after,
            should_retry,
        },
        Failure::Malformed { message } => Failure::Malformed {
            message: clean(&message),
        },
        Failure::Connection { message } => Failure::Connection {
            message: clean(&message),
        },
        other => other,
    }
}

/// Describes a transport error with its causes (`connection refused`, `connection reset`).
fn transport_failure(error: &reqwest::Error, read_timeout: Duration) -> Failure {
    if error.is_timeout() {
        return Failure::Timeout {
            after: read_timeout,
        };
    }
    let mut parts: Vec<String> = Vec::new();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    let what = if error.is_connect() {
        "cannot connect"
    } else if error.is_body() || error.is_decode() {
        "the connection closed before the body was complete"
    } else {
        "the request failed"
    };
    Failure::Connection {
        message: if parts.is_empty() {
            what.to_owned()
        } else {
            format!("{what}: {}", parts.join(": "))
        },
    }
}

fn header_list(response: &reqwest::Response) -> Vec<(String, String)> {
    response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The clock of one call across its retries and failover chain: when it started, how long it
/// waited for promptctl's own limits (left out of its latency), and how many attempts it made.
struct CallTimer {
    started: Instant,
    queued: Duration,
    attempts: u32,
}

impl CallTimer {
    fn start() -> CallTimer {
        CallTimer {
            started: Instant::now(),
            queued: Duration::ZERO,
            attempts: 0,
        }
    }

    /// Waits for a client-side limit, counting the wait as queueing, not latency.
    async fn queued<T>(&mut self, wait: impl std::future::Future<Output = T>) -> T {
        let from = Instant::now();
        let out = wait.await;
        self.queued += from.elapsed();
        out
    }

    /// End-to-end time so far, without the time queued for client-side limits.
    fn elapsed(&self) -> Duration {
        self.started.elapsed().saturating_sub(self.queued)
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn gateway_is_shareable() {
        assert_send_sync::<Gateway>();
    }
}
