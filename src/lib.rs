//! promptctl: a git-native toolchain for prompt engineering.
//!
//! This crate is the core. It never prints, never reads environment variables or the clock, never
//! exits and never asks the user anything; the binary in `src/cli/` does those things and calls
//! in here. See `ARCHITECTURE.md` for the map of modules to concepts.
//!
//! - [`project`] finds the project root and loads [`config`] (`promptctl.yaml`).
//! - [`prompt`] parses prompt files, converts schemas, renders templates into messages, and diffs
//!   and merges prompts (pure: no IO).
//! - [`library`] reads the prompt files of a project from disk in parallel; lists and inspects them.
//! - [`lint`] checks a whole library with a registry of rules and returns findings.
//! - [`search`] ranks prompts by full text and facets, with an on-disk index cache.
//! - [`interop`] moves whole libraries in and out: JSON bundles, Prompty, plain Dotprompt, and the
//!   deployable bundle of an environment.
//! - [`scaffold`] writes new projects (`init`) and new prompts (`new`).
//! - [`schemas`] embeds the JSON Schemas of front matter and `promptctl.yaml`.
//! - [`scan`] finds PII, secrets, prompt injection and policy violations in text and prompts.
//! - [`store`] is everything git: history, version references, safe commits, releases, audit,
//!   backups, staged and historical blobs for `scan` (the only module that imports gix).
//! - [`provider`] is the gateway to LLM providers: wire formats, retries, limits, cache, cost.
//! - [`experiment`] runs A/B experiments: specs, datasets, assertions, the runner, results,
//!   analysis.
//! - [`report`] is analytics across every run: per-group metrics, trends across prompt versions,
//!   provider comparisons and cost advice backed by a non-inferiority test.
//! - [`stats`] is the pure statistics engine behind experiment analysis and `promptctl stats`.
//! - [`approval`] binds approvals to the exact content a prompt renders with and judges them
//!   against a protected environment's policy.
//! - [`comments`] stores review comments on prompt lines as committed files, anchored to content.
//! - [`check`] is the one CI verdict: lint, scan and release rules over what changed, judged
//!   against a base.
//! - [`suggest`] gives static advice on weak prompts (rule id, evidence, mechanical fix-its),
//!   with token counts from the model's own tokenizer where one is bundled.
//! - [`improve`] checks candidate rewrites of a prompt (variables, partials, render, lint) and
//!   writes the experiment that compares them; its `verdict` says what a run of it shows.
//! - [`finding`] is the shared shape of lint and scan results.
//! - [`github`] speaks GitHub's REST API for the pull-request comment and the SARIF upload.
//! - [`review`] is what a pull-request reviewer reads: per changed prompt its diff, rendered
//!   samples and change impact (pins, dependents, experiments, datasets, checked at HEAD), the
//!   findings new in the range and the experiment evidence.
//! - [`gate`] is the release gate: lint, scan and policies over exactly the content being pinned.
//! - [`notify`] sends notifications of releases, rollbacks, experiments and failed checks to
//!   webhooks, Slack and Teams: payloads, signatures, delivery with retries.
//! - [`yaml`] is the one place that names the YAML library.
//! - [`owners`] reads, matches and writes `CODEOWNERS` and resolves each prompt's owners.
//! - [`nesting`] is the one depth limit on user YAML and JSON, checked before parsing.
//! - [`confine`] keeps every name a user or a file supplies inside the project.
//! - [`work`] counts work done in loops that must stay linear, for tests that check growth.

pub mod approval;
pub mod check;
pub mod comments;
pub mod config;
pub mod confine;
pub mod experiment;
pub mod finding;
pub mod gate;
pub mod github;
pub mod improve;
pub mod interop;
pub mod library;
pub mod lint;
pub(crate) mod memo;
pub mod nesting;
pub mod notify;
pub mod owners;
pub mod project;
pub mod prompt;
pub mod provider;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod scan;
pub mod schemas;
pub mod search;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod work;
pub mod yaml;

/// The version of promptctl, recorded in results and JSON output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
