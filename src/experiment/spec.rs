//! The experiment spec: `experiments/<name>.yaml`.
//!
//! A spec names two or more variants (prompt versions, prompt variants, models, parameters), one
//! of them the control; the dataset; the assertions that score each output; the metrics to judge
//! and the guardrails that may not regress; the design (paired or split traffic); the stopping
//! rule; and how fast to go. `schemas/experiment.schema.json` documents the same shape for
//! editors.
//!
//! Parsing is two-staged so that every problem is reported at once: the YAML is read into a
//! value (a syntax error stops there, with its line and column), then each section is checked
//! on its own and every problem is located in the file with [`locate`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::experiment::assert::{self, Assertion};
use crate::experiment::locate::{Seg, locate};
use crate::experiment::{Problem, Problems};
use crate::finding::Location;
use crate::prompt::PromptName;

/// Top-level keys a spec may have.
const KEYS: &[&str] = &[
    "$schema",
    "description",
    "variants",
    "dataset",
    "design",
    "repeats",
    "traffic_split",
    "seed",
    "assertions",
    "metrics",
    "guardrails",
    "stopping",
    "concurrency",
    "rate_limit",
    "max_error_rate",
    "batch",
];

/// The share of failed calls above which `ab run` fails when nothing else is declared.
pub const DEFAULT_MAX_ERROR_RATE: f64 = 0.1;

/// Metrics every run records, whatever the assertions.
pub const BUILTIN_METRICS: &[(&str, Direction, MetricKind)] = &[
    ("pass", Direction::Higher, MetricKind::Binary),
    ("error", Direction::Lower, MetricKind::Binary),
    ("latency_ms", Direction::Lower, MetricKind::Continuous),
    ("cost_usd", Direction::Lower, MetricKind::Continuous),
    ("tokens_in", Direction::Lower, MetricKind::Continuous),
    ("tokens_out", Direction::Lower, MetricKind::Continuous),
];

/// A parsed, validated experiment.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The experiment's name: the file stem.
    pub name: String,
    /// The spec file, relative to the project root.
    pub path: PathBuf,
    /// The file's text, kept to locate problems found later (plan, dataset).
    pub text: String,
    /// What the experiment is for.
    pub description: Option<String>,
    /// The arms, in declaration order.
    pub variants: Vec<Variant>,
    /// Index of the control arm in `variants`.
    pub control: usize,
    /// The dataset file, relative to the project root (else the control prompt's `dataset`).
    pub dataset: Option<String>,
    /// Paired or split traffic.
    pub design: Design,
    /// How many times each case runs through each arm it is assigned to.
    pub repeats: u32,
    /// Seed for split assignment and bootstrap resampling.
    pub seed: u64,
    /// Assertions applied to every sample, compiled.
    pub assertions: Vec<Assertion>,
    /// Metrics to judge, in order; the first is the primary one.
    pub metrics: Vec<MetricSpec>,
    /// Metrics (index into `metrics`, and where they are named) that no spec assertion reports:
    /// they must come from the dataset's per-case assertions.
    pub case_metrics: Vec<(usize, Location)>,
    /// Metrics that may not get worse by more than a margin.
    pub guardrails: Vec<Guardrail>,
    /// When to stop.
    pub stopping: Stopping,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Requests per minute across the whole run (`None`: only the provider's limits).
    pub rate_limit: Option<u32>,
    /// The share of a session's calls that may fail before `ab run` reports the run as failed.
    pub max_error_rate: f64,
    /// Send samples through the providers' batch APIs (`batch: true`; same as `ab run --batch`).
    pub batch: bool,
    /// Providers whose variants go through batch APIs (`batch: [openai, anthropic]`).
    pub batch_providers: Vec<String>,
}

/// One arm of the experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Short id used in results and tables (`control`, `concise`).
    pub id: String,
    /// The prompt and version the arm renders.
    pub prompt: PromptRef,
    /// `provider/model` to run on (else the prompt's model, else the project default).
    pub model: Option<String>,
    /// Model parameters laid over the prompt's `config`.
    pub params: Map<String, Value>,
    /// `batch: true|false` on the variant: its samples go (or never go) through a batch API,
    /// whatever the experiment-wide `batch`.
    pub batch: Option<bool>,
}

/// A prompt at a version: `name`, `name.variant`, `name@v3`, `name@branch`, `name@<rev>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptRef {
    /// The prompt file's name.
    pub name: PromptName,
    /// The git revision or `vN`; `None` for the working tree.
    pub revision: Option<String>,
    /// As written in the spec.
    pub raw: String,
}

impl PromptRef {
    /// Parses `name[.variant][@revision]`.
    pub fn parse(text: &str) -> Result<PromptRef, String> {
        let text = text.trim();
        let (name, revision) = match text.rsplit_once('@') {
            Some((name, rev)) if !rev.is_empty() => (name, Some(rev.to_owned())),
            Some(_) => return Err(format!("`{text}` has an empty version after `@`")),
            None => (text, None),
        };
        if name.is_empty() {
            return Err("the prompt name is empty".to_owned());
        }
        Ok(PromptRef {
            name: PromptName::parse_id(name),
            revision,
            raw: text.to_owned(),
        })
    }
}

/// How cases reach arms.
#[derive(Debug, Clone, PartialEq)]
pub enum Design {
    /// Every case through every arm; comparisons are within case.
    Paired,
    /// Each case through one arm, chosen by a seeded hash of its id; weights are percentages in
    /// variant order and sum to 100.
    Split {
        /// Percentage per variant, in variant order.
        weights: Vec<f64>,
    },
}

/// Which way is better for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better (pass rate, quality score).
    Higher,
    /// Less is better (latency, cost, errors).
    Lower,
}

/// Whether a metric is a yes/no outcome or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// Pass/fail: analysed as a rate.
    Binary,
    /// A number: analysed as a mean.
    Continuous,
}

/// A metric to judge.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSpec {
    /// Built-in (`pass`, `latency_ms`, ...) or an assertion's metric name.
    pub name: String,
    /// Which way is better.
    pub direction: Direction,
    /// Rate or mean.
    pub kind: MetricKind,
}

/// A metric that may not regress by more than a relative margin against the control.
#[derive(Debug, Clone, PartialEq)]
pub struct Guardrail {
    /// The metric.
    pub metric: String,
    /// The largest allowed relative change in the bad direction (0.1 = 10%).
    pub max_regression: f64,
    /// Which way is bad is the opposite of this.
    pub direction: Direction,
}

/// The stopping rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Stopping {
    /// Fixed sample or sequential (always-valid) testing.
    pub sequential: bool,
    /// Significance level.
    pub alpha: f64,
    /// Power for the sample-size calculation.
    pub power: f64,
    /// The smallest effect worth detecting on the primary metric (absolute).
    pub min_detectable_effect: Option<f64>,
    /// Samples per arm to run before the sequential rule may stop.
    pub min_samples: u64,
}

impl Default for Stopping {
    fn default() -> Self {
        Stopping {
            sequential: false,
            alpha: 0.05,
            power: 0.8,
            min_detectable_effect: None,
            min_samples: 20,
        }
    }
}

impl Spec {
    /// How many hypotheses one analysis tests: every judged metric × every variant against the
    /// control. Analysis, the sequential stopping rule and the sample-size calculation all
    /// divide `alpha` by this number (Bonferroni), so they agree on what "significant" means.
    pub fn family_size(&self) -> usize {
        (self.metrics.len() * self.variants.len().saturating_sub(1)).max(1)
    }

    /// The level each single comparison is tested at, and `1 -` the level of each interval:
    /// `alpha / family_size()`.
    #[allow(clippy::cast_precision_loss)] // a handful of hypotheses
    pub fn comparison_alpha(&self) -> f64 {
        self.stopping.alpha / self.family_size() as f64
    }

    /// The control arm.
    pub fn control(&self) -> &Variant {
        &self.variants[self.control]
    }

    /// Index of an arm by id.
    pub fn variant_index(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.id == id)
    }

    /// A location in the spec file for a key path.
    pub fn location(&self, path: &[Seg<'_>]) -> Location {
        let (line, column) = locate(&self.text, path);
        Location::at(&self.path, line, column)
    }

    /// Loads `experiments/<name>.yaml` (or a path) from a project root.
    pub fn load(root: &Path, name_or_path: &str) -> Result<Spec, SpecLoadError> {
        crate::confine::check_name(name_or_path).map_err(|e| e.from_origin("experiment"))?;
        let relative = spec_path(name_or_path);
        let absolute = root.join(&relative);
        crate::confine::Boundary::new(root)
            .check(&absolute)
            .map_err(|e| e.from_origin("experiment"))?;
        let text = std::fs::read_to_string(&absolute).map_err(|source| SpecLoadError::Read {
            path: relative.clone(),
            source,
        })?;
        Spec::parse(&relative, &text).map_err(SpecLoadError::Invalid)
    }

    /// Parses and validates a spec's text; `path` names the file in problems.
    pub fn parse(path: &Path, text: &str) -> Result<Spec, Problems> {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("experiment")
            .to_owned();
        let value: Value = crate::yaml::from_str(text).map_err(|e| {
            Problems::new(vec![Problem::new(
                Location::at(path, e.line.unwrap_or(1), e.column.unwrap_or(1)),
                format!("invalid YAML: {}", e.message),
            )])
        })?;
        let mut cx = Cx {
            path,
            text,
            problems: Vec::new(),
            case_metrics: Vec::new(),
        };
        let Value::Object(map) = value else {
            cx.at(
                &[],
                "an experiment spec must be a mapping of keys to values",
            );
            return Err(Problems::new(cx.problems));
        };
        let spec = cx.spec(name, &map);
        if cx.problems.is_empty() {
            spec.ok_or_else(|| Problems::new(Vec::new()))
        } else {
            Err(Problems::new(cx.problems))
        }
    }
}

/// `name` -> `experiments/name.yaml`; a path with a slash or extension is taken as is.
pub fn spec_path(name_or_path: &str) -> PathBuf {
    let has_yaml_extension = Path::new(name_or_path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if has_yaml_extension || name_or_path.contains('/') {
        PathBuf::from(name_or_path)
    } else {
        PathBuf::from("experiments").join(format!("{name_or_path}.yaml"))
    }
}

/// Why a spec could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SpecLoadError {
    /// The file could not be read.
    #[error("cannot read the experiment spec `{}`", path.display())]
    Read {
        /// The spec file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The spec has problems.
    #[error(transparent)]
    Invalid(Problems),
    /// The experiment's name or path would lead outside the project.
    #[error(transparent)]
    PathEscape(#[from] crate::confine::PathEscape),
}

/// The validation context: where problems go and how to locate them.
struct Cx<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Problem>,
    case_metrics: Vec<(usize, Location)>,
}

impl Cx<'_> {
    fn at(&mut self, segs: &[Seg<'_>], message: impl Into<String>) {
        let (line, column) = locate(self.text, segs);
        self.problems
            .push(Problem::new(Location::at(self.path, line, column), message));
    }

    fn spec(&mut self, name: String, map: &Map<String, Value>) -> Option<Spec> {
        use Seg::Key;
        for key in map.keys() {
            if !KEYS.contains(&key.as_str()) {
                self.at(
                    &[Key(key)],
                    format!(
                        "unknown key `{key}` (expected one of: {})",
                        KEYS[1..].join(", ")
                    ),
                );
            }
        }
        let description = self.string(map, "description");
        let dataset = self.string(map, "dataset");
        let variants = self.variants(map.get("variants"));
        let control = self.control(map.get("variants"), variants.as_deref());
        let design = self.design(map, variants.as_deref());
        let repeats = self.integer(map, "repeats", 1, 1, 1000);
        let seed = self.integer(map, "seed", 0, 0, u64::MAX);
        let concurrency = self.integer(map, "concurrency", 8, 1, 4096);
        let rate_limit = map
            .contains_key("rate_limit")
            .then(|| self.integer(map, "rate_limit", 0, 1, 10_000_000));
        let assertions = self.assertions(map.get("assertions"));
        let metrics = self.metrics(map.get("metrics"), &assertions);
        let guardrails = self.guardrails(map.get("guardrails"), &assertions);
        let stopping = self.stopping(map.get("stopping"));
        let max_error_rate = match map.get("max_error_rate") {
            None => DEFAULT_MAX_ERROR_RATE,
            Some(v) => match parse_fraction(v) {
                Some(r) if (0.0..=1.0).contains(&r) => r,
                _ => {
                    self.at(
                        &[Seg::Key("max_error_rate")],
                        "`max_error_rate` must be a share from 0 to 1 (e.g. 0.1 or `10%`)",
                    );
                    DEFAULT_MAX_ERROR_RATE
                }
            },
        };
        let (batch, batch_providers) = match map.get("batch") {
            None => (false, Vec::new()),
            Some(Value::Bool(b)) => (*b, Vec::new()),
            Some(Value::Array(names)) if names.iter().all(Value::is_string) => (
                false,
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            Some(_) => {
                self.at(
                    &[Seg::Key("batch")],
                    "`batch` must be `true`, `false` or a list of provider names",
                );
                (false, Vec::new())
            }
        };
        Some(Spec {
            batch,
            batch_providers,
            name,
            path: self.path.to_path_buf(),
            text: self.text.to_owned(),
            description,
            variants: variants?,
            control: control?,
            dataset,
            design: design?,
            repeats: u32::try_from(repeats).unwrap_or(1),
            seed,
            assertions,
            metrics,
            guardrails,
            stopping,
            case_metrics: std::mem::take(&mut self.case_metrics),
            concurrency: usize::try_from(concurrency).unwrap_or(8),
            rate_limit: rate_limit.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
            max_error_rate,
        })
    }

    fn string(&mut self, map: &Map<String, Value>, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.at(
                    &[Seg::Key(key)],
                    format!(
                        "`{key}` must be a string, not {}",
                        crate::prompt::document::json_kind(other)
                    ),
                );
                None
            }
        }
    }

    fn integer(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        default: u64,
        min: u64,
        max: u64,
    ) -> u64 {
        match map.get(key) {
            None => default,
            Some(v) => match v.as_u64() {
                Some(n) if (min..=max).contains(&n) => n,
                _ => {
                    self.at(
                        &[Seg::Key(key)],
                        format!("`{key}` must be a whole number from {min} to {max}"),
                    );
                    default
                }
            },
        }
    }

    fn variants(&mut self, value: Option<&Value>) -> Option<Vec<Variant>> {
        use Seg::{Index, Key};
        let Some(value) = value else {
            self.at(
                &[],
                "missing `variants`: list two or more arms, one with `control: true`",
            );
            return None;
        };
        let Value::Array(items) = value else {
            self.at(&[Key("variants")], "`variants` must be a list of arms");
            return None;
        };
        if items.len() < 2 {
            self.at(
                &[Key("variants")],
                "an experiment needs at least two variants",
            );
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let here = [Key("variants"), Index(i)];
            let Value::Object(m) = item else {
                self.at(&here, "a variant must be a mapping with `id` and `prompt`");
                ok = false;
                continue;
            };
            for key in m.keys() {
                if !["id", "prompt", "model", "params", "control", "batch"].contains(&key.as_str())
                {
                    self.at(
                        &[Key("variants"), Index(i), Key(key)],
                        format!("unknown variant key `{key}` (expected id, prompt, model, params, control, batch)"),
                    );
                    ok = false;
                }
            }
            let id = match m.get("id") {
                Some(Value::String(id)) if valid_id(id) => id.clone(),
                Some(_) => {
                    self.at(
                        &[Key("variants"), Index(i), Key("id")],
                        "a variant `id` must be letters, digits, `-` or `_`",
                    );
                    ok = false;
                    continue;
                }
                None => {
                    self.at(&here, "a variant needs an `id`");
                    ok = false;
                    continue;
                }
            };
            if out.iter().any(|v: &Variant| v.id == id) {
                self.at(
                    &[Key("variants"), Index(i), Key("id")],
                    format!("variant id `{id}` is used twice"),
                );
                ok = false;
            }
            let prompt = if let Some(Value::String(p)) = m.get("prompt") {
                match PromptRef::parse(p) {
                    Ok(p) => p,
                    Err(message) => {
                        self.at(&[Key("variants"), Index(i), Key("prompt")], message);
                        ok = false;
                        continue;
                    }
                }
            } else {
                self.at(
                    &here,
                    format!(
                        "variant `{id}` needs a `prompt` (`name`, `name.variant` or `name@version`)"
                    ),
                );
                ok = false;
                continue;
            };
            let model = match m.get("model") {
                None => None,
                Some(Value::String(s)) if s.contains('/') => Some(s.clone()),
                Some(_) => {
                    self.at(
                        &[Key("variants"), Index(i), Key("model")],
                        "`model` must be `provider/model-id`",
                    );
                    ok = false;
                    None
                }
            };
            let params = match m.get("params") {
                None => Map::new(),
                Some(Value::Object(p)) => p.clone(),
                Some(_) => {
                    self.at(
                        &[Key("variants"), Index(i), Key("params")],
                        "`params` must be a mapping (temperature, max_tokens, ...)",
                    );
                    ok = false;
                    Map::new()
                }
            };
            if let Some(c) = m.get("control")
                && !c.is_boolean()
            {
                self.at(
                    &[Key("variants"), Index(i), Key("control")],
                    "`control` must be true or false",
                );
                ok = false;
            }
            let batch = match m.get("batch") {
                None => None,
                Some(Value::Bool(b)) => Some(*b),
                Some(_) => {
                    self.at(
                        &[Key("variants"), Index(i), Key("batch")],
                        "`batch` must be true or false",
                    );
                    ok = false;
                    None
                }
            };
            out.push(Variant {
                id,
                prompt,
                model,
                params,
                batch,
            });
        }
        (ok && out.len() >= 2).then_some(out)
    }

    fn control(&mut self, value: Option<&Value>, variants: Option<&[Variant]>) -> Option<usize> {
        let items = value?.as_array()?;
        let marked: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, v)| v.get("control") == Some(&Value::Bool(true)))
            .map(|(i, _)| i)
            .collect();
        match marked.as_slice() {
            [] => {
                self.at(
                    &[Seg::Key("variants")],
                    "no variant is marked `control: true`",
                );
                None
            }
            [one] => variants.map(|_| *one),
            [_, second, ..] => {
                self.at(
                    &[
                        Seg::Key("variants"),
                        Seg::Index(*second),
                        Seg::Key("control"),
                    ],
                    "only one variant may be the control",
                );
                None
            }
        }
    }

    fn design(&mut self, map: &Map<String, Value>, variants: Option<&[Variant]>) -> Option<Design> {
        use Seg::Key;
        let kind = match map.get("design") {
            None => "paired",
            Some(Value::String(s)) if s == "paired" || s == "split" => s.as_str(),
            Some(_) => {
                self.at(&[Key("design")], "`design` must be `paired` or `split`");
                return None;
            }
        };
        let split = map.get("traffic_split");
        if kind == "paired" {
            if split.is_some() {
                self.at(
                    &[Key("traffic_split")],
                    "`traffic_split` needs `design: split`",
                );
                return None;
            }
            return Some(Design::Paired);
        }
        let Some(Value::Object(split)) = split else {
            self.at(
                &[Key("design")],
                "`design: split` needs `traffic_split`: a percentage per variant id, summing to 100",
            );
            return None;
        };
        let variants = variants?;
        let mut weights = vec![0.0; variants.len()];
        let mut ok = true;
        for (id, pct) in split {
            let Some(index) = variants.iter().position(|v| &v.id == id) else {
                self.at(
                    &[Key("traffic_split"), Key(id)],
                    format!("`{id}` is not a variant id"),
                );
                ok = false;
                continue;
            };
            match pct.as_f64() {
                Some(p) if p > 0.0 && p <= 100.0 => weights[index] = p,
                _ => {
                    self.at(
                        &[Key("traffic_split"), Key(id)],
                        "a traffic share must be a percentage above 0 and at most 100",
                    );
                    ok = false;
                }
            }
        }
        for (v, w) in variants.iter().zip(&weights) {
            if *w == 0.0 && ok && !split.contains_key(&v.id) {
                self.at(
                    &[Key("traffic_split")],
                    format!("variant `{}` has no traffic share", v.id),
                );
                ok = false;
            }
        }
        let total: f64 = weights.iter().sum();
        if ok && (total - 100.0).abs() > 1e-6 {
            self.at(
                &[Key("traffic_split")],
                format!("traffic shares sum to {total}, not 100"),
            );
            ok = false;
        }
        ok.then_some(Design::Split { weights })
    }

    fn assertions(&mut self, value: Option<&Value>) -> Vec<Assertion> {
        let Some(value) = value else {
            return Vec::new();
        };
        let Value::Array(items) = value else {
            self.at(&[Seg::Key("assertions")], "`assertions` must be a list");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match assert::compile_value(item, i) {
                Ok(mut a) => {
                    if !a.named && out.iter().any(|b: &Assertion| b.metric == a.metric) {
                        a.metric = format!("{}_{}", a.metric, i + 1);
                    }
                    if out.iter().any(|b: &Assertion| b.metric == a.metric) {
                        self.at(
                            &[Seg::Key("assertions"), Seg::Index(i)],
                            format!("two assertions report the metric `{}`: give one a distinct `metric:` name", a.metric),
                        );
                    }
                    out.push(a);
                }
                Err(e) => {
                    let mut segs = vec![Seg::Key("assertions"), Seg::Index(i)];
                    if let Some(field) = &e.field {
                        segs.push(Seg::Key(field));
                    }
                    self.at(&segs, e.message);
                }
            }
        }
        out
    }

    fn metrics(&mut self, value: Option<&Value>, assertions: &[Assertion]) -> Vec<MetricSpec> {
        use Seg::{Index, Key};
        let Some(value) = value else {
            let mut out = vec![metric_spec("pass", None, assertions).unwrap_or(MetricSpec {
                name: "pass".to_owned(),
                direction: Direction::Higher,
                kind: MetricKind::Binary,
            })];
            for a in assertions {
                if a.has_score() {
                    out.extend(metric_spec(&a.metric, None, assertions));
                }
            }
            return out;
        };
        let Value::Array(items) = value else {
            self.at(
                &[Key("metrics")],
                "`metrics` must be a list of `{name, direction}`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let (name, direction) = match item {
                Value::String(name) => (name.clone(), None),
                Value::Object(m) => {
                    for key in m.keys() {
                        if key != "name" && key != "direction" {
                            self.at(
                                &[Key("metrics"), Index(i), Key(key)],
                                format!("unknown metric key `{key}` (expected name, direction)"),
                            );
                        }
                    }
                    let Some(Value::String(name)) = m.get("name") else {
                        self.at(&[Key("metrics"), Index(i)], "a metric needs a `name`");
                        continue;
                    };
                    let direction = match m.get("direction").and_then(Value::as_str) {
                        None if !m.contains_key("direction") => None,
                        Some("higher") => Some(Direction::Higher),
                        Some("lower") => Some(Direction::Lower),
                        _ => {
                            self.at(
                                &[Key("metrics"), Index(i), Key("direction")],
                                "`direction` must be `higher` or `lower`",
                            );
                            None
                        }
                    };
                    (name.clone(), direction)
                }
                _ => {
                    self.at(
                        &[Key("metrics"), Index(i)],
                        "a metric is a name or `{name, direction}`",
                    );
                    continue;
                }
            };
            if let Some(m) = metric_spec(&name, direction, assertions) {
                out.push(m);
            } else if assert::valid_metric_name(&name) {
                // Possibly a metric of the dataset's per-case assertions: the plan checks it
                // once the dataset is loaded.
                let (line, column) = locate(self.text, &[Key("metrics"), Index(i)]);
                self.case_metrics
                    .push((out.len(), Location::at(self.path, line, column)));
                out.push(MetricSpec {
                    name,
                    direction: direction.unwrap_or(Direction::Higher),
                    kind: MetricKind::Binary,
                });
            } else {
                self.at(
                    &[Key("metrics"), Index(i)],
                    unknown_metric(&name, assertions),
                );
            }
        }
        out
    }

    fn guardrails(&mut self, value: Option<&Value>, assertions: &[Assertion]) -> Vec<Guardrail> {
        use Seg::{Index, Key};
        let Some(value) = value else {
            return Vec::new();
        };
        let Value::Array(items) = value else {
            self.at(
                &[Key("guardrails")],
                "`guardrails` must be a list of `{metric, max_regression}`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Value::Object(m) = item else {
                self.at(
                    &[Key("guardrails"), Index(i)],
                    "a guardrail is `{metric, max_regression}`",
                );
                continue;
            };
            for key in m.keys() {
                if key != "metric" && key != "max_regression" {
                    self.at(
                        &[Key("guardrails"), Index(i), Key(key)],
                        format!("unknown guardrail key `{key}` (expected metric, max_regression)"),
                    );
                }
            }
            let Some(Value::String(metric)) = m.get("metric") else {
                self.at(
                    &[Key("guardrails"), Index(i)],
                    "a guardrail needs a `metric`",
                );
                continue;
            };
            let Some(spec) = metric_spec(metric, None, assertions) else {
                self.at(
                    &[Key("guardrails"), Index(i), Key("metric")],
                    unknown_metric(metric, assertions),
                );
                continue;
            };
            let margin = match m.get("max_regression").map(parse_fraction) {
                Some(Some(f)) if f >= 0.0 => f,
                _ => {
                    self.at(
                        &[Key("guardrails"), Index(i), Key("max_regression")],
                        "`max_regression` must be a share such as `10%` or `0.1`",
                    );
                    continue;
                }
            };
            out.push(Guardrail {
                metric: metric.clone(),
                max_regression: margin,
                direction: spec.direction,
            });
        }
        out
    }

    fn stopping(&mut self, value: Option<&Value>) -> Stopping {
        use Seg::Key;
        let mut out = Stopping::default();
        let Some(value) = value else { return out };
        let Value::Object(m) = value else {
            self.at(&[Key("stopping")], "`stopping` must be a mapping");
            return out;
        };
        for (key, v) in m {
            let here = [Key("stopping"), Key(key)];
            match key.as_str() {
                "rule" => match v.as_str() {
                    Some("fixed") => out.sequential = false,
                    Some("sequential") => out.sequential = true,
                    _ => self.at(&here, "`rule` must be `fixed` or `sequential`"),
                },
                "alpha" => match v.as_f64() {
                    Some(a) if a > 0.0 && a < 0.5 => out.alpha = a,
                    _ => self.at(&here, "`alpha` must be between 0 and 0.5 (e.g. 0.05)"),
                },
                "power" => match v.as_f64() {
                    Some(p) if p > 0.0 && p < 1.0 => out.power = p,
                    _ => self.at(&here, "`power` must be between 0 and 1 (e.g. 0.8)"),
                },
                "min_detectable_effect" => match parse_fraction(v) {
                    Some(d) if d > 0.0 => out.min_detectable_effect = Some(d),
                    _ => self.at(&here, "`min_detectable_effect` must be positive (e.g. 0.05 or `5%`)"),
                },
                "min_samples" => match v.as_u64() {
                    Some(n) => out.min_samples = n,
                    None => self.at(&here, "`min_samples` must be a whole number"),
                },
                _ => self.at(
                    &here,
                    format!("unknown stopping key `{key}` (expected rule, alpha, power, min_detectable_effect, min_samples)"),
                ),
            }
        }
        out
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// Parses `10%`, `0.1` or `10 %` into a fraction.
fn parse_fraction(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.trim();
            if let Some(pct) = s.strip_suffix('%') {
                pct.trim().parse::<f64>().ok().map(|p| p / 100.0)
            } else {
                s.parse().ok()
            }
        }
        _ => None,
    }
}

/// The spec of a metric by name: a built-in or an assertion's metric.
pub fn metric_spec(
    name: &str,
    direction: Option<Direction>,
    assertions: &[Assertion],
) -> Option<MetricSpec> {
    if let Some((n, d, k)) = BUILTIN_METRICS.iter().find(|(n, _, _)| *n == name) {
        return Some(MetricSpec {
            name: (*n).to_owned(),
            direction: direction.unwrap_or(*d),
            kind: *k,
        });
    }
    let a = assertions.iter().find(|a| a.metric == name)?;
    Some(MetricSpec {
        name: name.to_owned(),
        direction: direction.unwrap_or(Direction::Higher),
        kind: if a.has_score() {
            MetricKind::Continuous
        } else {
            MetricKind::Binary
        },
    })
}

/// The message for a metric nothing reports.
pub fn unknown_metric(name: &str, assertions: &[Assertion]) -> String {
    let mut known: Vec<&str> = BUILTIN_METRICS.iter().map(|(n, _, _)| *n).collect();
    known.extend(assertions.iter().map(|a| a.metric.as_str()));
    format!("unknown metric `{name}` (known: {})", known.join(", "))
}

/// Variant ids by index, for messages and tables.
pub fn variant_ids(spec: &Spec) -> BTreeMap<usize, &str> {
    spec.variants
        .iter()
        .enumerate()
        .map(|(i, v)| (i, v.id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
description: concise vs control
dataset: datasets/support.jsonl
variants:
  - id: control
    prompt: support/reply@v1
    control: true
  - id: concise
    prompt: support/reply.concise
    model: mock/small
    params:
      temperature: 0
assertions:
  - type: icontains
    value: refund
  - type: similarity
    threshold: 0.6
metrics:
  - pass
  - name: similarity
guardrails:
  - metric: cost_usd
    max_regression: 10%
stopping:
  rule: sequential
  alpha: 0.05
concurrency: 4
max_error_rate: 5%
";

    fn parse(text: &str) -> Result<Spec, Problems> {
        Spec::parse(Path::new("experiments/x.yaml"), text)
    }

    #[test]
    fn parses_a_paired_spec() {
        let spec = parse(GOOD).unwrap();
        assert_eq!(spec.name, "x");
        assert_eq!(spec.variants.len(), 2);
        assert_eq!(spec.control().id, "control");
        assert_eq!(spec.variants[0].prompt.revision.as_deref(), Some("v1"));
        assert_eq!(
            spec.variants[1].prompt.name.variant.as_deref(),
            Some("concise")
        );
        assert_eq!(spec.design, Design::Paired);
        assert_eq!(spec.metrics[1].kind, MetricKind::Continuous);
        assert!((spec.guardrails[0].max_regression - 0.1).abs() < 1e-12);
        assert!(spec.stopping.sequential);
        assert_eq!(spec.concurrency, 4);
        assert!((spec.max_error_rate - 0.05).abs() < 1e-12);
        assert_eq!(spec.family_size(), 2);
        assert!((spec.comparison_alpha() - 0.025).abs() < 1e-15);
    }

    #[test]
    fn batch_takes_a_flag_or_provider_names_and_variants_their_own_flag() {
        let spec = parse(&format!("{GOOD}batch: [mock, openai]\n")).unwrap();
        assert!(!spec.batch);
        assert_eq!(spec.batch_providers, ["mock", "openai"]);
        let spec = parse(&GOOD.replace(
            "    model: mock/small\n",
            "    model: mock/small\n    batch: false\n",
        ))
        .unwrap();
        assert_eq!(spec.variants[1].batch, Some(false));
        assert_eq!(spec.variants[0].batch, None);
        let err = parse(&format!("{GOOD}batch: yes please\n")).unwrap_err();
        assert!(
            err.problems[0]
                .to_string()
                .contains("a list of provider names"),
            "{err}"
        );
        let err = parse(&GOOD.replace("    control: true\n", "    control: true\n    batch: 1\n"))
            .unwrap_err();
        assert!(
            err.problems[0]
                .to_string()
                .contains("`batch` must be true or false"),
            "{err}"
        );
        // The published schema accepts both shapes.
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/experiment.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let mixed = GOOD.replace(
            "    model: mock/small\n",
            "    model: mock/small\n    batch: false\n",
        );
        for text in [
            format!("{mixed}batch: [mock]\n"),
            format!("{mixed}batch: true\n"),
        ] {
            let value: Value = crate::yaml::from_str(&text).unwrap();
            assert!(validator.is_valid(&value), "{text}");
        }
    }

    #[test]
    fn max_error_rate_defaults_and_must_be_a_share() {
        let spec = parse(&GOOD.replace("max_error_rate: 5%\n", "")).unwrap();
        assert!((spec.max_error_rate - DEFAULT_MAX_ERROR_RATE).abs() < 1e-15);
        let err = parse(&GOOD.replace("max_error_rate: 5%", "max_error_rate: 150%")).unwrap_err();
        assert!(
            err.problems[0]
                .to_string()
                .contains("`max_error_rate` must be a share from 0 to 1"),
            "{err}"
        );
    }

    #[test]
    fn the_published_schema_names_exactly_the_keys_the_parser_knows() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/experiment.schema.json")).unwrap();
        let published: std::collections::BTreeSet<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let known: std::collections::BTreeSet<&str> = KEYS.iter().copied().collect();
        assert_eq!(published, known);
    }

    #[test]
    fn the_published_schema_accepts_the_example() {
        let schema: Value =
            serde_json::from_str(include_str!("../../schemas/experiment.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let example: Value = crate::yaml::from_str(GOOD).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&example)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let bad: Value = crate::yaml::from_str(
            "variants: []
surprise: 1
",
        )
        .unwrap();
        assert!(!validator.is_valid(&bad));
    }

    #[test]
    fn default_metrics_are_pass_and_scores() {
        let text = GOOD.replace("metrics:\n  - pass\n  - name: similarity\n", "");
        let spec = parse(&text).unwrap();
        let names: Vec<_> = spec.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["pass", "similarity"]);
    }

    #[test]
    fn split_design_needs_shares_summing_to_100() {
        let text = "variants:\n  - id: a\n    prompt: p\n    control: true\n  - id: b\n    prompt: p\ndesign: split\ntraffic_split:\n  a: 70\n  b: 20\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.problems.len(), 1);
        assert_eq!(
            err.problems[0].to_string(),
            "experiments/x.yaml:8:1: traffic shares sum to 90, not 100"
        );
        let ok = parse(&text.replace("b: 20", "b: 30")).unwrap();
        assert_eq!(
            ok.design,
            Design::Split {
                weights: vec![70.0, 30.0]
            }
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_place() {
        let text = "\
variants:
  - id: a
    prompt: p
    control: true
  - id: a
    prompt: q
    colour: red
assertions:
  - type: regex
    value: '(['
  - type: nope
metrics:
  - name: missing
stopping:
  alpha: 2
surprise: 1
";
        let err = parse(text).unwrap_err();
        let lines: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 6, "{lines:#?}");
        assert!(
            lines[0].starts_with("experiments/x.yaml:5:5: variant id `a` is used twice"),
            "{lines:#?}"
        );
        assert!(
            lines[1].starts_with("experiments/x.yaml:7:5: unknown variant key `colour`"),
            "{lines:#?}"
        );
        assert!(
            lines[2].starts_with("experiments/x.yaml:10:5: invalid regex"),
            "{lines:#?}"
        );
        assert!(
            lines[3].starts_with("experiments/x.yaml:11:5: unknown assertion type `nope`"),
            "{lines:#?}"
        );
        assert!(
            lines[4].starts_with("experiments/x.yaml:15:3: `alpha` must be"),
            "{lines:#?}"
        );
        assert!(
            lines[5].starts_with("experiments/x.yaml:16:1: unknown key `surprise`"),
            "{lines:#?}"
        );
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let err = parse("variants: [a, b\n").unwrap_err();
        assert_eq!(err.problems.len(), 1);
        assert!(err.problems[0].location.line >= 1);
        assert!(err.problems[0].message.starts_with("invalid YAML"));
    }

    #[test]
    fn needs_two_variants_and_one_control() {
        let err = parse("variants:\n  - id: a\n    prompt: p\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("at least two variants"), "{text}");
        assert!(text.contains("no variant is marked"), "{text}");
    }

    #[test]
    fn prompt_refs_parse() {
        let r = PromptRef::parse("support/reply.formal@main").unwrap();
        assert_eq!(r.name.name, "support/reply");
        assert_eq!(r.name.variant.as_deref(), Some("formal"));
        assert_eq!(r.revision.as_deref(), Some("main"));
        assert!(PromptRef::parse("x@").is_err());
        assert_eq!(spec_path("exp"), PathBuf::from("experiments/exp.yaml"));
        assert_eq!(spec_path("a/b.yaml"), PathBuf::from("a/b.yaml"));
    }
}
