//! The JSON Schemas in `schemas/`, embedded in the binary.
//!
//! Editors read the files (yaml-language-server); `lint` validates front matter against
//! [`PROMPT`]; `init` writes copies into a new project so the schema an editor sees always matches
//! the promptctl that wrote it.

/// JSON Schema of a prompt file's front matter (`schemas/prompt.schema.json`).
pub const PROMPT: &str = include_str!("../schemas/prompt.schema.json");

/// JSON Schema of `promptctl.yaml` (`schemas/config.schema.json`).
pub const CONFIG: &str = include_str!("../schemas/config.schema.json");

/// File name of [`PROMPT`].
pub const PROMPT_FILE_NAME: &str = "prompt.schema.json";

/// File name of [`CONFIG`].
pub const CONFIG_FILE_NAME: &str = "config.schema.json";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemas_compile() {
        for text in [PROMPT, CONFIG] {
            let schema: serde_json::Value = serde_json::from_str(text).unwrap();
            jsonschema::validator_for(&schema).unwrap();
        }
    }

    #[test]
    fn config_schema_accepts_what_config_accepts() {
        let schema: serde_json::Value = serde_json::from_str(CONFIG).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let good: serde_json::Value = crate::yaml::from_str(
            "prompts: prompts\ndefaults:\n  model: openai/gpt-4o-mini\n  status: draft\nlint:\n  fail_on: warning\n  rules:\n    missing-description: off\nproviders: {}\n",
        )
        .unwrap();
        assert!(validator.is_valid(&good));
        let bad: serde_json::Value =
            crate::yaml::from_str("lint:\n  rules:\n    no-such-rule: off\n").unwrap();
        assert!(!validator.is_valid(&bad));
    }
}

#[cfg(test)]
mod config_schema_drift {
    //! The config schema and the `Config` structs describe the same keys: a maximal config (every
    //! optional field set, every collection non-empty) is serialized, read back, validated, and
    //! its key paths compared with the schema's.

    use std::collections::{BTreeMap, BTreeSet};

    use serde_json::Value;

    use crate::config::*;
    use crate::provider::pricing::Price;
    use crate::provider::routing::{Constraints, RoutingPolicy, Weights};

    fn maximal_config() -> Config {
        let strings = || vec!["x".to_owned()];
        let deployment = DeploymentConfig {
            base_url: Some("http://127.0.0.1:1".into()),
            api_key_env: Some("K".into()),
            region: Some("eu".into()),
            api_version: Some("v1".into()),
            weight: Some(1),
        };
        let provider = ProviderConfig {
            kind: Some("openai".into()),
            preset: Some("ollama".into()),
            base_url: Some("http://127.0.0.1:1".into()),
            api_key_env: Some("K".into()),
            models: strings(),
            region: Some("eu".into()),
            api_version: Some("v1".into()),
            headers: BTreeMap::from([("h".into(), "v".into())]),
            timeouts: TimeoutsConfig {
                connect_secs: Some(1.0),
                read_secs: Some(2.0),
            },
            max_retries: Some(1),
            limits: LimitsConfig {
                max_concurrency: Some(1),
                requests_per_minute: Some(1),
                tokens_per_minute: Some(1),
                max_response_bytes: Some(1),
            },
            deployments: vec![deployment],
        };
        let constraints = Constraints {
            allowed_providers: strings(),
            allowed_regions: strings(),
        };
        Config {
            schema: Some("s".into()),
            prompts: "prompts".into(),
            defaults: Defaults {
                model: Some("openai/gpt-4o-mini".into()),
                owners: strings(),
                status: Some("draft".into()),
                folders: BTreeMap::from([("support".into(), FolderDefaults { owners: strings() })]),
            },
            lint: LintConfig {
                fail_on: Some("error".into()),
                rules: BTreeMap::from([("missing-description".into(), "off".into())]),
            },
            scan: ScanConfig {
                fail_on: Some("warning".into()),
                baseline: Some("b.json".into()),
                rules: BTreeMap::from([("pii-email".into(), "off".into())]),
                allow: ScanAllow {
                    paths: strings(),
                    patterns: strings(),
                },
                render: Some(true),
                phone_regions: strings(),
            },
            policies: Some("policies".into()),
            release: ReleaseConfig {
                dir: "environments".into(),
                statuses: strings(),
                fail_on: Some("warning".into()),
                environments: BTreeMap::from([(
                    "prod".into(),
                    EnvironmentRule {
                        statuses: strings(),
                        regions: strings(),
                        fail_on: Some("warning".into()),
                    },
                )]),
            },
            providers: BTreeMap::from([("p".into(), provider)]),
            prices: Some(PricesConfig {
                as_of: Some("2026-01-01".into()),
                models: BTreeMap::from([(
                    "m".into(),
                    Price {
                        input: 1.0,
                        output: 2.0,
                        cached_input: Some(0.5),
                        batch_input: Some(0.4),
                        batch_output: Some(0.9),
                    },
                )]),
            }),
            routing: Some(RoutingPolicy {
                weights: Weights::default(),
                quality: BTreeMap::from([("p/m".into(), 1.0)]),
                allowed_providers: strings(),
                allowed_regions: strings(),
                classifications: BTreeMap::from([("confidential".into(), constraints)]),
            }),
            notify: NotifyConfig {
                strict: true,
                destinations: BTreeMap::from([(
                    "ops".into(),
                    NotifyDestination {
                        kind: crate::notify::DestinationKind::Webhook,
                        url_env: "HOOK_URL".into(),
                        secret_env: Some("HOOK_SECRET".into()),
                        events: vec![crate::notify::EventKind::Release],
                        timeout_secs: Some(1.0),
                        max_retries: Some(1),
                    },
                )]),
            },
            approvals: ApprovalsConfig {
                environments: BTreeMap::from([(
                    "prod".into(),
                    ApprovalPolicy {
                        required: 2,
                        from: Approvers::Listed(strings()),
                        author_counts: true,
                        signed: true,
                    },
                )]),
            },
            lifecycle: LifecycleConfig {
                transitions: BTreeMap::from([("draft".into(), strings())]),
            },
            suggest: crate::config::SuggestConfig {
                rules: BTreeMap::from([("vague-quantifier".into(), "off".into())]),
                token_budget: Some(4000),
            },
            render: RenderConfig {
                compat: Some(CompatMode::Dotprompt),
            },
            run: crate::config::RunConfig { record: true },
            budget: crate::config::BudgetConfig {
                per_run: Some(1.0),
                daily: Some(2.0),
                monthly: Some(3.0),
                providers: BTreeMap::from([(
                    "p".into(),
                    crate::config::ProviderBudget {
                        per_run: Some(1.0),
                        daily: Some(2.0),
                        monthly: Some(3.0),
                    },
                )]),
            },
        }
    }

    /// Key paths of a value; map keys the user chooses (`providers.<name>`) are `*`.
    fn value_paths(value: &Value, path: &str, free_keys: &[&str], out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let segment = if free_keys.contains(&path) { "*" } else { key };
                    let child_path = format!("{path}/{segment}");
                    out.insert(child_path.clone());
                    value_paths(child, &child_path, free_keys, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    value_paths(item, &format!("{path}/[]"), free_keys, out);
                }
            }
            _ => {}
        }
    }

    /// Key paths the schema declares, and the paths whose keys are free (`additionalProperties`).
    fn schema_paths(
        schema: &Value,
        path: &str,
        out: &mut BTreeSet<String>,
        free: &mut Vec<String>,
    ) {
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (key, child) in properties {
                let child_path = format!("{path}/{key}");
                out.insert(child_path.clone());
                schema_paths(child, &child_path, out, free);
            }
        }
        if let Some(child) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            free.push(path.to_owned());
            let child_path = format!("{path}/*");
            out.insert(child_path.clone());
            schema_paths(child, &child_path, out, free);
        }
        if let Some(items) = schema.get("items") {
            schema_paths(items, &format!("{path}/[]"), out, free);
        }
    }

    #[test]
    fn config_schema_and_structs_accept_the_same_keys() {
        let config = maximal_config();
        let text = crate::yaml::to_string(&config).unwrap();
        assert_eq!(Config::parse(&text).unwrap(), config, "round trip");

        let schema: Value = serde_json::from_str(super::CONFIG).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let value = serde_json::to_value(&config).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "schema rejects what the structs accept: {errors:?}"
        );

        let (mut declared, mut free) = (BTreeSet::new(), Vec::new());
        schema_paths(&schema, "", &mut declared, &mut free);
        let free: Vec<&str> = free.iter().map(String::as_str).collect();
        let mut accepted = BTreeSet::new();
        value_paths(&value, "", &free, &mut accepted);
        let only_schema: Vec<_> = declared.difference(&accepted).collect();
        let only_structs: Vec<_> = accepted.difference(&declared).collect();
        assert!(
            only_schema.is_empty(),
            "in the schema but not the structs: {only_schema:?}"
        );
        assert!(
            only_structs.is_empty(),
            "in the structs but not the schema: {only_structs:?}"
        );
    }

    #[test]
    fn config_schema_rejects_unknown_keys_like_the_parser() {
        let schema: Value = serde_json::from_str(super::CONFIG).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for text in [
            "environments: {}\n",
            "providers:\n  openai: {regions: [a]}\n",
            "scan: {allow: {globs: [a]}}\n",
        ] {
            let value: Value = crate::yaml::from_str(text).unwrap();
            assert!(!validator.is_valid(&value), "schema accepts {text}");
            assert!(Config::parse(text).is_err(), "parser accepts {text}");
        }
    }
}
