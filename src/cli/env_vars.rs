//! The only place promptctl reads environment variables.
//!
//! Keeping every name here makes the full list of variables that change behaviour easy to audit
//! and document (the table in `docs/cli.md`).
#![allow(clippy::disallowed_methods)]

/// `NO_COLOR`: any non-empty value turns color off (<https://no-color.org>).
pub(crate) fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `CLICOLOR_FORCE`: any non-empty value other than `0` forces color.
pub(crate) fn clicolor_force() -> bool {
    std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `TERM=dumb` turns color off.
pub(crate) fn term_is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|v| v == "dumb")
}

/// `COLUMNS`: the terminal width to lay tables out for.
pub(crate) fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}

/// Reads any variable by name, for features whose variable names are data (provider keys).
pub(crate) fn get(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `PROMPTCTL_SEED`: the seed for anything random (split assignment, bootstrap).
pub(crate) fn seed() -> Option<u64> {
    get("PROMPTCTL_SEED")?.parse().ok()
}

/// `PROMPTCTL_TIMESTAMP`: a fixed RFC 3339 time for run records, for reproducible tests.
pub(crate) fn timestamp() -> Option<String> {
    get("PROMPTCTL_TIMESTAMP")
}

/// `PROMPTCTL_RETRY_BASE_MS`: the first retry delay in milliseconds (tests shrink it).
pub(crate) fn retry_base_ms() -> Option<u64> {
    get("PROMPTCTL_RETRY_BASE_MS")?.parse().ok()
}

/// `PROMPTCTL_KEYRING=off`: never touch the OS keyring (CI, tests, shared machines).
pub(crate) fn keyring_disabled() -> bool {
    get("PROMPTCTL_KEYRING").is_some_and(|v| v == "off" || v == "0")
}

/// `PATH`: the folders a command name is looked up in, in order (`doctor` looks for the
/// `promptctl` git runs as the merge driver).
pub(crate) fn path_dirs() -> Vec<std::path::PathBuf> {
    std::env::var_os("PATH")
        .map(|value| std::env::split_paths(&value).collect())
        .unwrap_or_default()
}

/// `HOME`: where `~/.aws/credentials` lives.
pub(crate) fn home() -> Option<String> {
    get("HOME")
}

/// The current time as Unix seconds, for request signing (the only clock read in promptctl).
#[allow(clippy::disallowed_methods)]
pub(crate) fn unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The current time, for telling a live search index build lock from one left by a builder
/// that died.
#[allow(clippy::disallowed_methods)]
pub(crate) fn now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

/// The GitHub Actions variables `promptctl github` reads: `GITHUB_API_URL` (default
/// `https://api.github.com`), `GITHUB_REPOSITORY`, `GITHUB_TOKEN`, `GITHUB_EVENT_PATH`,
/// `GITHUB_SHA` and `GITHUB_REF`.
pub(crate) struct GithubVars {
    pub(crate) api_url: String,
    pub(crate) repository: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) event_path: Option<std::path::PathBuf>,
    pub(crate) sha: Option<String>,
    pub(crate) git_ref: Option<String>,
}

/// Reads the GitHub Actions variables.
pub(crate) fn github() -> GithubVars {
    GithubVars {
        api_url: get("GITHUB_API_URL").unwrap_or_else(|| "https://api.github.com".to_owned()),
        repository: get("GITHUB_REPOSITORY"),
        token: get("GITHUB_TOKEN"),
        event_path: get("GITHUB_EVENT_PATH").map(std::path::PathBuf::from),
        sha: get("GITHUB_SHA"),
        git_ref: get("GITHUB_REF"),
    }
}
