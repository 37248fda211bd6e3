//! promptctl: a git-native toolchain for prompt engineering.
//!
//! This crate is the core. It never prints, never reads environment variables or the clock, never
//! exits and never asks the user anything; the binary in `src/cli/` does those things and calls
//! in here. See `ARCHITECTURE.md` for the map of modules to concepts.
//!
//! - [`project`] finds the project root and loads [`config`] (`promptctl.yaml`).
//! - [`prompt`] parses prompt files, converts schemas, renders templates into messages (pure).
//! - [`library`] reads the prompt files of a project from disk, in parallel; lists and inspects them.
//! - [`search`] ranks prompts by full text and facets, with an on-disk index cache.
//! - [`interop`] moves whole libraries in and out: JSON bundles, Prompty, plain Dotprompt.
//! - [`experiment`] runs A/B experiments: specs, datasets, assertions, the runner, results.
//! - [`store`] reads and writes git: history, version references, releases, audit, backups.
//! - [`finding`] is the shared shape of lint and scan results.
//! - [`provider`] is the gateway to LLM providers: wire formats, retries, limits, cache, cost.
//! - [`yaml`] is the one place that names the YAML library.
//! - [`stats`] is the pure statistics engine behind experiment analysis and `promptctl stats`.

pub mod config;
pub mod experiment;
pub mod finding;
pub mod interop;
pub mod library;
pub mod project;
pub mod prompt;
pub mod provider;
pub mod search;
pub mod stats;
pub mod store;
pub mod yaml;

/// The version of promptctl, recorded in results and JSON output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
