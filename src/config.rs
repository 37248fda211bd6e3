//! Typed project settings: the contents of `promptctl.yaml`.
//!
//! Every section is optional and defaults to something sensible, so an empty file is a valid
//! project. Sections that later features own (providers, policies, environments) hang off
//! [`Config`] as their own types; keys this version does not know are kept in `extra`, so a newer
//! config read by an older promptctl is reported by `lint` rather than rejected.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Severity;

/// The file name of the project configuration at the repository root.
pub const CONFIG_FILE_NAME: &str = "promptctl.yaml";

/// All project settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
    /// Release settings: where environment files live, which statuses may be released.
    #[serde(default)]
    pub release: ReleaseConfig,
    /// Sections owned by features this build may not know about.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
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
            release: ReleaseConfig::default(),
            extra: BTreeMap::new(),
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
    /// Per-environment overrides, e.g. `dev: {statuses: [draft, review, active]}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environments: BTreeMap<String, EnvironmentRule>,
}

/// Release rules for one environment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentRule {
    /// Statuses that may be released to this environment.
    #[serde(default)]
    pub statuses: Vec<String>,
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
            environments: BTreeMap::new(),
        }
    }
}

impl ReleaseConfig {
    /// The statuses that may be released to `environment`.
    pub fn releasable(&self, environment: &str) -> &[String] {
        self.environments
            .get(environment)
            .map_or(self.statuses.as_slice(), |rule| rule.statuses.as_slice())
    }
}
