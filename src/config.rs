//! Typed project settings: the contents of `promptctl.yaml`.
//!
//! Every section is optional and defaults to something sensible, so an empty file is a valid
//! project. Every key is known: a misspelt or invented key (`providers.openai.regions`, a
//! top-level `environments:`) is an error that names the key and the nearest valid one, because
//! a key that is silently ignored is a setting the user believes in and does not have.
//! `schemas/config.schema.json` describes the same keys; a test keeps the two in step.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::notify::{DestinationKind, EventKind};
use crate::provider::pricing::Price;
use crate::provider::routing::RoutingPolicy;

/// The file name of the project configuration at the repository root.
pub const CONFIG_FILE_NAME: &str = "promptctl.yaml";

/// All project settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Schema hint for editors; ignored by promptctl.
    #[serde(default, rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Folder (relative to the project root) that holds the prompt files.
    #[serde(default = "default_prompts_dir")]
    pub prompts: String,
    /// Values used when a prompt does not set its own.
    #[serde(default)]
    pub defaults: Defaults,
    /// Lint settings.
    #[serde(default)]
    pub lint: LintConfig,
    /// Scanner settings: threshold, rule overrides, allowlists, baseline.
    #[serde(default)]
    pub scan: ScanConfig,
    /// Folder (relative to the project root) holding policy YAML files; `policies/` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<String>,
    /// Release settings: where environment files live, which statuses may be released.
    #[serde(default)]
    pub release: ReleaseConfig,
    /// LLM providers by name (built-in names such as `openai` need no entry).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub providers: BTreeMap<String, ProviderConfig>,
    /// Prices per model, laid over the shipped table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<PricesConfig>,
    /// Cost/latency/quality routing over a prompt's model chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<RoutingPolicy>,
    /// Where to send notifications of releases, rollbacks, experiments and failed checks.
    #[serde(default, skip_serializing_if = "NotifyConfig::is_empty")]
    pub notify: NotifyConfig,
    /// Who must approve a prompt's content before it is released to a protected environment.
    #[serde(default, skip_serializing_if = "ApprovalsConfig::is_empty")]
    pub approvals: ApprovalsConfig,
    /// Which status may follow which, checked by `check` against the base.
    #[serde(default)]
    pub lifecycle: LifecycleConfig,
    /// `suggest` settings: rules switched off, token budget.
    #[serde(default, skip_serializing_if = "SuggestConfig::is_empty")]
    pub suggest: SuggestConfig,
    /// How `render` renders by default.
    #[serde(default, skip_serializing_if = "RenderConfig::is_default")]
    pub render: RenderConfig,
    /// How `run` behaves by default: whether it records its calls.
    #[serde(default, skip_serializing_if = "RunConfig::is_default")]
    pub run: RunConfig,
    /// Spending limits in US dollars: per experiment run, per day and month, per provider.
    #[serde(default, skip_serializing_if = "BudgetConfig::is_empty")]
    pub budget: BudgetConfig,
}

/// Spending limits (`budget:` in `promptctl.yaml`), in US dollars. Days and months are UTC.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    /// The most one experiment run may spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_run: Option<f64>,
    /// The most all recorded calls may spend in one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily: Option<f64>,
    /// The most all recorded calls may spend in one month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<f64>,
    /// The same limits for one provider's calls, by provider id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub providers: BTreeMap<String, ProviderBudget>,
}

/// One provider's limits.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProviderBudget {
    /// The most one experiment run may spend at this provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_run: Option<f64>,
    /// The most this provider's calls may cost in one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily: Option<f64>,
    /// The most this provider's calls may cost in one month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<f64>,
}

impl BudgetConfig {
    /// Whether no limit is set.
    pub fn is_empty(&self) -> bool {
        self == &BudgetConfig::default()
    }
}

/// `run` settings (`run:` in `promptctl.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    /// Append every call's record to `results/runs/` (`run --no-save-record` skips one).
    #[serde(default)]
    pub record: bool,
}

impl RunConfig {
    fn is_default(&self) -> bool {
        self == &RunConfig::default()
    }
}

/// Render settings (`render:` in `promptctl.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RenderConfig {
    /// Render as another runtime does by default (`dotprompt`); `--compat` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compat: Option<CompatMode>,
}

impl RenderConfig {
    fn is_default(&self) -> bool {
        self == &RenderConfig::default()
    }
}

/// A runtime whose rendering `render --compat` reproduces.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CompatMode {
    /// The reference Dotprompt library (npm `dotprompt`, used by Genkit).
    Dotprompt,
}

fn default_prompts_dir() -> String {
    "prompts".to_owned()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schema: None,
            prompts: default_prompts_dir(),
            defaults: Defaults::default(),
            lint: LintConfig::default(),
            scan: ScanConfig::default(),
            policies: None,
            release: ReleaseConfig::default(),
            providers: BTreeMap::new(),
            prices: None,
            routing: None,
            notify: NotifyConfig::default(),
            approvals: ApprovalsConfig::default(),
            lifecycle: LifecycleConfig::default(),
            suggest: SuggestConfig::default(),
            render: RenderConfig::default(),
            run: RunConfig::default(),
            budget: BudgetConfig::default(),
        }
    }
}

/// Project-wide defaults for prompts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Model used when a prompt names none, as `provider/model-id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Owners assigned to new prompts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    /// Status given to new prompts (default `draft`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Per-folder defaults, by folder under the prompts folder (`support`, `support/billing`):
    /// the nearest folder that sets a value wins over the project-wide one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub folders: BTreeMap<String, FolderDefaults>,
}

/// Defaults for the prompts in one folder and the folders below it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FolderDefaults {
    /// Owners of the folder's prompts that name none themselves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
}

/// Status lifecycle (`lifecycle:` in `promptctl.yaml`): which status may follow which.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LifecycleConfig {
    /// Status to the statuses a prompt may move to from it. A status not listed may not change;
    /// staying the same is always allowed.
    #[serde(default = "default_transitions")]
    pub transitions: BTreeMap<String, Vec<String>>,
}

fn default_transitions() -> BTreeMap<String, Vec<String>> {
    [
        ("draft", &["review"][..]),
        ("review", &["draft", "active"]),
        ("active", &["deprecated"]),
        ("deprecated", &["active", "archived"]),
        ("archived", &[]),
    ]
    .into_iter()
    .map(|(from, to)| {
        (
            from.to_owned(),
            to.iter().map(|s| (*s).to_owned()).collect(),
        )
    })
    .collect()
}

impl Default for LifecycleConfig {
    fn default() -> Self {
        LifecycleConfig {
            transitions: default_transitions(),
        }
    }
}

impl LifecycleConfig {
    /// Whether a prompt may move from status `from` to status `to`.
    pub fn allows(&self, from: &str, to: &str) -> bool {
        from == to
            || self
                .transitions
                .get(from)
                .is_some_and(|next| next.iter().any(|s| s == to))
    }
}

/// Lint settings: the failure threshold and per-rule severity overrides.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Lowest severity that makes `lint` exit 1 (`info`, `warning`, `error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    /// Rule id to `off`, `info`, `warning` or `error`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
}

impl LintConfig {
    /// The configured severity for a rule: `Some(None)` when switched off, `None` when unset.
    pub fn severity_override(&self, rule: &str) -> Option<Option<Severity>> {
        let value = self.rules.get(rule)?;
        if value == "off" {
            Some(None)
        } else {
            Severity::parse(value).map(Some)
        }
    }
}

/// `suggest` settings (`suggest:` in `promptctl.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SuggestConfig {
    /// Rule id to `off` (or `on`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
    /// Tokens a prompt may have before `token-budget` reports it (default 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_budget: Option<usize>,
}

impl SuggestConfig {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.token_budget.is_none()
    }
}

/// Scanner settings (`scan:` in `promptctl.yaml`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Lowest severity that makes `scan` exit 1 (`info`, `warning`, `error`; default `warning`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    /// Baseline file used when `--baseline` is not given (relative to the project root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Rule id to `off`, `info`, `warning` or `error`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
    /// Paths and matches that are never reported.
    #[serde(default)]
    pub allow: ScanAllow,
    /// Whether prompt files are also rendered with their sample inputs and scanned (default on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub render: Option<bool>,
    /// Regions (ISO 3166 codes such as `IN`, `DE`) whose national phone numbers, written
    /// without `+` and country code, are found and validated too; US and UK are always read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phone_regions: Vec<String>,
}

/// Allowlists of `scan`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScanAllow {
    /// Gitignore-style globs of paths that are not scanned (`tests/fixtures/**`, `*.lock`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Regular expressions; a finding whose matched text matches one is not reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
}

impl ScanConfig {
    /// The configured severity for a rule: `Some(None)` when switched off, `None` when unset.
    pub fn severity_override(&self, rule: &str) -> Option<Option<Severity>> {
        let value = self.rules.get(rule)?;
        if value == "off" {
            Some(None)
        } else {
            Severity::parse(value).map(Some)
        }
    }
}
/// Release settings (`release:` in promptctl.yaml).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReleaseConfig {
    /// Folder (relative to the project root) holding one `<env>.yaml` per environment.
    #[serde(default = "default_environments_dir")]
    pub dir: String,
    /// Statuses that may be released to any environment (default: `active`).
    #[serde(default = "default_releasable")]
    pub statuses: Vec<String>,
    /// Lowest severity of a lint, scan or policy finding in the released content that refuses
    /// a release (`info`, `warning`, `error`; default `error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    /// Per-environment overrides, e.g. `dev: {statuses: [draft, review, active]}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environments: BTreeMap<String, EnvironmentRule>,
}

/// Release rules for one environment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentRule {
    /// Statuses that may be released to this environment (empty: the project-wide list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<String>,
    /// Regions the environment is served from, checked against policy `regions` rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// The release gate's threshold for this environment (overrides `release.fail_on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
}

fn default_environments_dir() -> String {
    "environments".to_owned()
}

fn default_releasable() -> Vec<String> {
    vec!["active".to_owned()]
}

impl Default for ReleaseConfig {
    fn default() -> Self {
        ReleaseConfig {
            dir: default_environments_dir(),
            statuses: default_releasable(),
            fail_on: None,
            environments: BTreeMap::new(),
        }
    }
}

impl ReleaseConfig {
    /// The release gate's threshold for `environment` as written: the environment's own
    /// `fail_on`, else `release.fail_on`, else `error`.
    pub fn fail_on(&self, environment: &str) -> &str {
        self.environments
            .get(environment)
            .and_then(|rule| rule.fail_on.as_deref())
            .or(self.fail_on.as_deref())
            .unwrap_or("error")
    }

    /// The statuses that may be released to `environment`.
    pub fn releasable(&self, environment: &str) -> &[String] {
        self.environments
            .get(environment)
            .filter(|rule| !rule.statuses.is_empty())
            .map_or(self.statuses.as_slice(), |rule| rule.statuses.as_slice())
    }
}

/// Approval policy (`approvals:` in promptctl.yaml).
///
/// ```yaml
/// approvals:
///   environments:
///     prod: {required: 2, from: owners, author_counts: false, signed: false}
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApprovalsConfig {
    /// Protected environments by name; a release to one needs the approvals its policy asks for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environments: BTreeMap<String, ApprovalPolicy>,
}

impl ApprovalsConfig {
    fn is_empty(&self) -> bool {
        self.environments.is_empty()
    }

    /// The policy of `environment`, when it is protected.
    pub fn policy(&self, environment: &str) -> Option<&ApprovalPolicy> {
        self.environments.get(environment)
    }
}

/// What one protected environment asks for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApprovalPolicy {
    /// How many distinct approvers must approve the exact content (default 1).
    #[serde(default = "default_required")]
    pub required: u32,
    /// Whose approvals count: `owners` (the prompt's `owners:`) or a list of emails or names.
    #[serde(default)]
    pub from: Approvers,
    /// Whether the author of the prompt's content may approve it (default false).
    #[serde(default)]
    pub author_counts: bool,
    /// Whether an approval counts only when its commit carries a good signature (default false).
    #[serde(default)]
    pub signed: bool,
}

fn default_required() -> u32 {
    1
}

/// Whose approvals count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ApproversText", into = "ApproversText")]
pub enum Approvers {
    /// The prompt's `owners:` front matter.
    #[default]
    Owners,
    /// These emails or names.
    Listed(Vec<String>),
}

/// `owners` or a list, as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum ApproversText {
    Keyword(String),
    List(Vec<String>),
}

impl TryFrom<ApproversText> for Approvers {
    type Error = String;

    fn try_from(text: ApproversText) -> Result<Self, String> {
        match text {
            ApproversText::Keyword(word) if word == "owners" => Ok(Approvers::Owners),
            ApproversText::Keyword(word) => Err(format!(
                "`from: {word}`: write `from: owners` or a list such as `from: [{word}]`"
            )),
            ApproversText::List(names) => Ok(Approvers::Listed(names)),
        }
    }
}

impl From<Approvers> for ApproversText {
    fn from(approvers: Approvers) -> Self {
        match approvers {
            Approvers::Owners => ApproversText::Keyword("owners".to_owned()),
            Approvers::Listed(names) => ApproversText::List(names),
        }
    }
}

/// One provider in `promptctl.yaml`.
///
/// ```yaml
/// providers:
///   local:
///     preset: ollama                 # or kind: openai | openai-responses | anthropic | gemini | azure | bedrock | compatible
///     base_url: http://gpu-box:11434/v1
///     models: [llama3.2]
///     limits: {max_concurrency: 4, requests_per_minute: 600}
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// Wire format; defaults from the provider's name or preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// An OpenAI-compatible preset (`ollama`, `vllm`, `groq`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Base URL (for Azure, the resource endpoint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Environment variable holding the API key (default `<NAME>_API_KEY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// Models offered (used by `providers check` and listings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
    /// Region (Bedrock; also matched by routing constraints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Azure `api-version`: `v1` (default) or a date such as `2024-10-21`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Extra headers sent with every request (not secrets).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Connect and read timeouts.
    #[serde(default)]
    pub timeouts: TimeoutsConfig,
    /// Retries after the first attempt (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
    /// Client-side limits.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Equivalent deployments to balance over (each overrides the fields above).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployments: Vec<DeploymentConfig>,
}

/// Timeouts in seconds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TimeoutsConfig {
    /// Time to establish a connection (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_secs: Option<f64>,
    /// Time for the whole response (default 120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_secs: Option<f64>,
}

/// Client-side limits; unset means unlimited.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Calls in flight at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrency: Option<usize>,
    /// Requests per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_minute: Option<u32>,
    /// Estimated tokens per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_per_minute: Option<u32>,
    /// The largest response body read before the call fails (default 64 MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_response_bytes: Option<u64>,
}

/// One of several equivalent deployments of a provider.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeploymentConfig {
    /// Base URL of this deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Environment variable with this deployment's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// Region of this deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Azure `api-version` of this deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Relative share of traffic (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

/// `prices:` — overrides of the shipped price table.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PricesConfig {
    /// The date these prices were taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// `provider/model` or `model` to `{input, output, cached_input}` dollars per 1M tokens.
    #[serde(default)]
    pub models: BTreeMap<String, Price>,
}

/// `notify:` — notification destinations.
///
/// ```yaml
/// notify:
///   destinations:
///     releases:
///       kind: slack                       # or webhook | teams
///       url_env: SLACK_WEBHOOK_URL        # the variable holding the URL, never the URL
///       events: [release, rollback]
///     audit:
///       kind: webhook
///       url_env: AUDIT_WEBHOOK_URL
///       secret_env: PROMPTCTL_WEBHOOK_SECRET
///       events: [release, rollback, experiment-finished, check-failed]
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// Make a notification that cannot be delivered fail the command (exit 5) instead of
    /// printing a warning; `--notify-strict` does the same for one run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    /// Destinations by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub destinations: BTreeMap<String, NotifyDestination>,
}

impl NotifyConfig {
    fn is_empty(&self) -> bool {
        !self.strict && self.destinations.is_empty()
    }
}

/// One notification destination.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NotifyDestination {
    /// The payload format: `webhook`, `slack` or `teams`.
    pub kind: DestinationKind,
    /// The environment variable holding the webhook URL (a credential: never in this file).
    pub url_env: String,
    /// The environment variable holding the HMAC secret that signs `webhook` deliveries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
    /// The events sent here.
    pub events: Vec<EventKind>,
    /// Seconds to wait for the receiver's answer to one attempt (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<f64>,
    /// Retries after the first attempt on 429 and 5xx (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
}

/// Adds "did you mean `x`?" to a serde "unknown field" message, naming the expected key closest
/// to the unknown one (by edit distance), when one is close enough to be a plausible typo.
pub(crate) fn with_suggestion(message: String) -> String {
    // The message may start with the key's path (`providers.openai: unknown field ...`).
    let Some(rest) = message
        .find("unknown field `")
        .map(|start| &message[start + "unknown field `".len()..])
    else {
        return message;
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message;
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let nearest = candidates
        .iter()
        .map(|candidate| (edit_distance(unknown, candidate), *candidate))
        .min();
    match nearest {
        Some((distance, candidate)) if distance <= unknown.len().max(candidate.len()) / 2 => {
            format!("{message}; did you mean `{candidate}`?")
        }
        _ => message,
    }
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
