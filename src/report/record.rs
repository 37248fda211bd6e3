//! The fields of a run record a report reads, borrowed from the line.
//!
//! The record format itself is [`crate::experiment::record`]; this view reads what analytics
//! across runs needs (who ran what, the outcome, latency, tokens, cost, when) and skips the
//! output text, so a line parses without copying its strings.

use std::borrow::Cow;

use serde::Deserialize;

/// One record as a report sees it.
#[derive(Debug, Deserialize)]
pub struct ReportRecord<'a> {
    /// The run.
    #[serde(borrow, default)]
    pub run_id: Cow<'a, str>,
    /// The experiment (`run` for calls recorded outside experiments).
    #[serde(borrow, default)]
    pub experiment: Cow<'a, str>,
    /// The arm.
    #[serde(borrow, default)]
    pub arm: Cow<'a, str>,
    /// The prompt.
    #[serde(borrow, default)]
    pub prompt: PromptView<'a>,
    /// Provider id.
    #[serde(borrow, default)]
    pub provider: Cow<'a, str>,
    /// Model as requested.
    #[serde(borrow, default)]
    pub model: Cow<'a, str>,
    /// The case.
    #[serde(borrow, default)]
    pub case_id: Cow<'a, str>,
    /// The repeat.
    #[serde(default)]
    pub repeat: u32,
    /// Whether everything passed.
    #[serde(default)]
    pub pass: bool,
    /// Assertion outcomes.
    #[serde(borrow, default)]
    pub assertions: Vec<AssertionScore<'a>>,
    /// End-to-end latency, retries included.
    #[serde(default)]
    pub latency_ms: f64,
    /// Latency of the answering attempt.
    #[serde(default)]
    pub attempt_latency_ms: Option<f64>,
    /// Prompt tokens.
    #[serde(default)]
    pub tokens_in: u64,
    /// Completion tokens.
    #[serde(default)]
    pub tokens_out: u64,
    /// Cost in US dollars, when known.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// Whether the reply came from a cache or cassette.
    #[serde(default)]
    pub cached: bool,
    /// Present when the call failed.
    #[serde(borrow, default)]
    pub error: Option<ErrorView<'a>>,
    /// When the call started (RFC 3339).
    #[serde(borrow, default)]
    pub started_at: Cow<'a, str>,
}

/// The prompt of a record.
#[derive(Debug, Default, Deserialize)]
pub struct PromptView<'a> {
    /// `name` or `name.variant`.
    #[serde(borrow, default)]
    pub name: Cow<'a, str>,
    /// The version asked for.
    #[serde(borrow, default)]
    pub version: Cow<'a, str>,
    /// Content id of the prompt file as rendered.
    #[serde(borrow, default)]
    pub blob: Cow<'a, str>,
}

/// An assertion's outcome.
#[derive(Debug, Deserialize)]
pub struct AssertionScore<'a> {
    /// Metric name.
    #[serde(borrow)]
    pub metric: Cow<'a, str>,
    /// Pass.
    #[serde(default)]
    pub pass: bool,
    /// Score, when the assertion gives one.
    #[serde(default)]
    pub score: Option<f64>,
}

/// A failed call's kind.
#[derive(Debug, Deserialize)]
pub struct ErrorView<'a> {
    /// Machine-readable kind.
    #[serde(borrow, default)]
    pub kind: Cow<'a, str>,
}
