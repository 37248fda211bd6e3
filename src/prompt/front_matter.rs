//! The fields of a prompt's front matter.
//!
//! Dotprompt's own keys (`name`, `variant`, `version`, `description`, `model`, `config`, `input`,
//! `output`, `tools`, `toolDefs`, `metadata`) keep their Dotprompt meaning. promptctl's keys
//! (`tags`, `category`, `status`, `owners`, `classification`, `regions`, `links`, `extends`,
//! `dataset`) sit beside them at the top level: a Dotprompt parser keeps unknown keys in `raw` and
//! accepts the file, so one file serves both tools. Values that must come from a fixed set
//! (status, classification) are kept as written and checked by `lint`, so a typo is a finding with
//! a location rather than a file that will not load.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Every front-matter key promptctl or Dotprompt gives a meaning to.
pub const KNOWN_KEYS: &[&str] = &[
    "name",
    "variant",
    "version",
    "description",
    "model",
    "config",
    "input",
    "output",
    "tools",
    "toolDefs",
    "metadata",
    "raw",
    "ext",
    "tags",
    "category",
    "status",
    "owners",
    "classification",
    "regions",
    "links",
    "extends",
    "dataset",
];

/// A front-matter value of the wrong shape, with the key path it was found at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Keys from the top of the front matter down to the bad value.
    pub path: Vec<String>,
    /// What is wrong.
    pub message: String,
}

/// The model a prompt runs on: one `provider/model`, or a failover chain tried in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ModelRef {
    /// A single model.
    One(String),
    /// A failover chain: the first is primary.
    Chain(Vec<String>),
}

impl ModelRef {
    /// The models in the order they should be tried.
    pub fn models(&self) -> Vec<&str> {
        match self {
            ModelRef::One(m) => vec![m.as_str()],
            ModelRef::Chain(ms) => ms.iter().map(String::as_str).collect(),
        }
    }
}

/// `input:` — the schema of the variables and their defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InputSpec {
    /// Picoschema or JSON Schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    /// Values shallow-merged under the caller's variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Map<String, Value>>,
}

/// `output:` — what the model is asked to return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutputSpec {
    /// `text` or `json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Picoschema or JSON Schema of the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
}

/// The lifecycle state of a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Being written.
    Draft,
    /// Waiting for review.
    Review,
    /// In use.
    Active,
    /// Still works, should not be used for new work.
    Deprecated,
    /// Kept for history only.
    Archived,
}

impl Status {
    /// All statuses, in lifecycle order.
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Review,
        Status::Active,
        Status::Deprecated,
        Status::Archived,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Active => "active",
            Status::Deprecated => "deprecated",
            Status::Archived => "archived",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sensitive a prompt's content and data are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// May be shown to anyone.
    Public,
    /// Inside the organization.
    Internal,
    /// Limited audience; provider and region rules apply.
    Confidential,
    /// The strictest handling.
    Restricted,
}

impl Classification {
    /// All classifications, least to most sensitive.
    pub const ALL: [Classification; 4] = [
        Classification::Public,
        Classification::Internal,
        Classification::Confidential,
        Classification::Restricted,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
            Classification::Restricted => "restricted",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(text: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The typed view of a prompt's front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Dotprompt `name` (normally inferred from the path).
    pub name: Option<String>,
    /// Dotprompt `variant` (normally inferred from `name.variant.prompt`).
    pub variant: Option<String>,
    /// Dotprompt `version`.
    pub version: Option<String>,
    /// One or two sentences on what the prompt does.
    pub description: Option<String>,
    /// The model, or a failover chain.
    pub model: Option<ModelRef>,
    /// Model settings passed to the provider (`temperature`, `maxOutputTokens`, ...).
    pub config: Map<String, Value>,
    /// Input schema and defaults.
    pub input: InputSpec,
    /// Output format and schema.
    pub output: OutputSpec,
    /// Names of tools the prompt may call.
    pub tools: Vec<String>,
    /// Free-form metadata (Dotprompt `metadata`).
    pub metadata: Map<String, Value>,
    /// Labels for search and filtering.
    pub tags: Vec<String>,
    /// One category, e.g. `support`.
    pub category: Option<String>,
    /// Lifecycle status as written (see [`Status`]).
    pub status: Option<String>,
    /// People or teams responsible.
    pub owners: Vec<String>,
    /// Data classification as written (see [`Classification`]).
    pub classification: Option<String>,
    /// Regions the prompt may be served from.
    pub regions: Vec<String>,
    /// Names of related prompts.
    pub links: Vec<String>,
    /// Name of the base prompt whose blocks this one overrides.
    pub extends: Option<String>,
    /// Default dataset for experiments.
    pub dataset: Option<String>,
}

impl FrontMatter {
    /// Reads the typed fields out of the raw front-matter mapping.
    pub fn from_raw(raw: &Map<String, Value>) -> Result<FrontMatter, FieldError> {
        Ok(FrontMatter {
            name: field(raw, "name", "a string")?,
            variant: field(raw, "variant", "a string")?,
            version: scalar_string(raw, "version")?,
            description: field(raw, "description", "a string")?,
            model: field(raw, "model", "a `provider/model` string or a list of them")?,
            config: field(raw, "config", "a mapping")?.unwrap_or_default(),
            input: field(raw, "input", "a mapping with `schema` and `default`")?
                .unwrap_or_default(),
            output: field(raw, "output", "a mapping with `format` and `schema`")?
                .unwrap_or_default(),
            tools: field(raw, "tools", "a list of tool names")?.unwrap_or_default(),
            metadata: field(raw, "metadata", "a mapping")?.unwrap_or_default(),
            tags: string_list(raw, "tags")?,
            category: field(raw, "category", "a string")?,
            status: field(raw, "status", "a string")?,
            owners: string_list(raw, "owners")?,
            classification: field(raw, "classification", "a string")?,
            regions: string_list(raw, "regions")?,
            links: string_list(raw, "links")?,
            extends: field(raw, "extends", "a prompt name")?,
            dataset: field(raw, "dataset", "a path")?,
        })
    }

    /// The status, when it is one of the known values.
    pub fn status(&self) -> Option<Status> {
        self.status.as_deref().and_then(Status::parse)
    }

    /// The classification, when it is one of the known values.
    pub fn classification(&self) -> Option<Classification> {
        self.classification
            .as_deref()
            .and_then(Classification::parse)
    }
}

fn field<T: DeserializeOwned>(
    raw: &Map<String, Value>,
    key: &str,
    expected: &str,
) -> Result<Option<T>, FieldError> {
    match raw.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value.clone())
            .map(Some)
            .map_err(|e| FieldError {
                path: vec![key.to_owned()],
                message: format!("`{key}` must be {expected}: {e}"),
            }),
    }
}

/// `tags: a` is accepted as `tags: [a]`, as people write it by hand.
fn string_list(raw: &Map<String, Value>, key: &str) -> Result<Vec<String>, FieldError> {
    match raw.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(one)) => Ok(vec![one.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(FieldError {
                    path: vec![key.to_owned()],
                    message: format!(
                        "`{key}` must be a list of strings, but an item is {}",
                        crate::prompt::document::json_kind(other)
                    ),
                }),
            })
            .collect(),
        Some(other) => Err(FieldError {
            path: vec![key.to_owned()],
            message: format!(
                "`{key}` must be a list of strings, found {}",
                crate::prompt::document::json_kind(other)
            ),
        }),
    }
}

/// `version: 2` and `version: "2"` both mean the string `2`.
fn scalar_string(raw: &Map<String, Value>, key: &str) -> Result<Option<String>, FieldError> {
    match raw.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(FieldError {
            path: vec![key.to_owned()],
            message: format!(
                "`{key}` must be a string, found {}",
                crate::prompt::document::json_kind(other)
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(yaml: &str) -> Map<String, Value> {
        crate::yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn reads_dotprompt_and_promptctl_fields() {
        let fm = FrontMatter::from_raw(&raw(
            "model: openai/gpt-4o\nconfig: {temperature: 0.2}\ninput:\n  schema: {topic: string}\n  default: {topic: cats}\ntags: [a, b]\nstatus: active\nextends: base\n",
        ))
        .unwrap();
        assert_eq!(fm.model, Some(ModelRef::One("openai/gpt-4o".into())));
        assert_eq!(fm.config["temperature"], 0.2);
        assert_eq!(fm.input.default.unwrap()["topic"], "cats");
        assert_eq!(fm.tags, ["a", "b"]);
        assert_eq!(fm.extends.as_deref(), Some("base"));
    }

    #[test]
    fn model_chain_is_a_list() {
        let fm = FrontMatter::from_raw(&raw("model: [openai/a, anthropic/b]\n")).unwrap();
        assert_eq!(fm.model.unwrap().models(), ["openai/a", "anthropic/b"]);
    }

    #[test]
    fn unknown_status_is_kept_for_lint() {
        let fm = FrontMatter::from_raw(&raw("status: shipped\n")).unwrap();
        assert_eq!(fm.status.as_deref(), Some("shipped"));
        assert_eq!(fm.status(), None);
    }

    #[test]
    fn single_tag_string_is_a_list() {
        let fm = FrontMatter::from_raw(&raw("tags: one\n")).unwrap();
        assert_eq!(fm.tags, ["one"]);
    }

    #[test]
    fn wrong_shape_names_the_key() {
        let err = FrontMatter::from_raw(&raw("config: 3\n")).unwrap_err();
        assert_eq!(err.path, ["config"]);
    }
}
