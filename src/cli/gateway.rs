//! Building the provider gateway from the project config, the environment and the keyring.
//!
//! Shared by `run` and `providers check` (and later `ab run`): the commands say which
//! providers they need and which cache/cassette options apply; this module resolves each
//! provider's spec and credentials and hands them to [`Gateway::new`].

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use promptctl::config::Config;
use promptctl::provider::cache::{CacheMode, Cassette, ResponseCache};
use promptctl::provider::pricing::PriceTable;
use promptctl::provider::registry::{self, ProviderSpec};
use promptctl::provider::routing::RoutingPolicy;
use promptctl::provider::{Clock, Error, Gateway, GatewayOptions};

use crate::cli::credentials::{self, Keyring, Resolved};
use crate::cli::env_vars;

/// The wall clock, for SigV4.
struct SystemClock;

impl Clock for SystemClock {
    fn unix_seconds(&self) -> i64 {
        env_vars::unix_seconds()
    }
}

/// `--cache`, `--record` and `--replay`, shared by `run` and `ab run`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ResponseSourceArgs {
    /// Response cache under `.promptctl/cache/`: repeated identical requests are free
    #[arg(long, value_enum, default_value_t = CacheArg::Off)]
    pub(crate) cache: CacheArg,
    /// Append every live response to this cassette file (JSONL, meant to be committed)
    #[arg(long, value_name = "FILE", conflicts_with = "replay")]
    pub(crate) record: Option<std::path::PathBuf>,
    /// Answer only from this cassette: offline and deterministic; a request it does not hold is
    /// an error
    #[arg(long, value_name = "FILE")]
    pub(crate) replay: Option<std::path::PathBuf>,
}

/// `--cache` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CacheArg {
    /// Answer from the cache and store new responses
    ReadWrite,
    /// Answer from the cache, never store
    Read,
    /// Ignore the cache
    Off,
}

impl ResponseSourceArgs {
    /// The sources these flags select; relative cassette paths are taken from `cwd` (the
    /// directory `-C` names), like every other path argument.
    pub(crate) fn sources(&self, cwd: &Path) -> ResponseSources {
        ResponseSources {
            cache: Some(match self.cache {
                CacheArg::ReadWrite => CacheMode::ReadWrite,
                CacheArg::Read => CacheMode::Read,
                CacheArg::Off => CacheMode::Off,
            }),
            record: self.record.as_deref().map(|path| from_cwd(cwd, path)),
            replay: self.replay.as_deref().map(|path| from_cwd(cwd, path)),
        }
    }
}

/// `path` as seen from `cwd`; unchanged (as the user typed it, for messages) when `cwd` is
/// where promptctl was started.
fn from_cwd(cwd: &Path, path: &Path) -> PathBuf {
    let started_here = std::env::current_dir().is_ok_and(|dir| dir == cwd);
    if started_here || path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// Where responses may come from besides the network.
#[derive(Debug, Default)]
pub(crate) struct ResponseSources {
    pub(crate) cache: Option<CacheMode>,
    pub(crate) record: Option<PathBuf>,
    pub(crate) replay: Option<PathBuf>,
}

/// The price table: the shipped defaults with the project's `prices:` laid over them.
pub(crate) fn prices(config: &Config) -> PriceTable {
    match &config.prices {
        Some(p) => PriceTable::with_overrides(&p.models, p.as_of.as_deref()),
        None => PriceTable::default(),
    }
}

/// Resolves the named providers. Unknown names are left out (the gateway reports them when a
/// chain reaches them); a misconfigured provider is an error.
pub(crate) fn resolve(
    config: &Config,
    names: &[String],
    keyring: &Keyring,
) -> anyhow::Result<Vec<(ProviderSpec, Resolved)>> {
    let mut out = Vec::new();
    for name in names {
        match registry::spec(name, config) {
            Ok(spec) => {
                let resolved = credentials::resolve(&spec, keyring);
                out.push((spec, resolved));
            }
            Err(Error::UnknownProvider { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// Builds a gateway over the named providers.
pub(crate) fn build(
    root: &Path,
    config: &Config,
    names: &[String],
    replay: &ResponseSources,
    routing: Option<RoutingPolicy>,
) -> anyhow::Result<Gateway> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let keyring = Keyring::new();
    let providers = resolve(config, names, &keyring)?
        .into_iter()
        .map(|(_, r)| r.setup)
        .collect();
    let cassette = match (replay.record.as_deref(), replay.replay.as_deref()) {
        (_, Some(path)) => Some(Cassette::replay(path)?),
        (Some(path), None) => Some(Cassette::record(path)?),
        (None, None) => None,
    };
    let options = GatewayOptions {
        cache: replay
            .cache
            .filter(|m| *m != CacheMode::Off)
            .map(|mode| ResponseCache::new(root.join(".promptctl/cache"), mode)),
        cassette,
        routing,
        seed: env_vars::seed().unwrap_or(0x5eed),
    };
    Gateway::new(providers, prices(config), options, Box::new(SystemClock))
        .context("cannot set up the provider gateway")
}
