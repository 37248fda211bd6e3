//! Assertions: checks that score one output, each reporting a named metric.
//!
//! An assertion is written in a spec (for every sample) or in a dataset case (for that case):
//!
//! ```yaml
//! - type: icontains          # equals, contains, icontains, not-contains, regex, starts-with,
//!   value: refund            # is-one-of, json-valid, json-schema, similarity, latency, cost,
//!   metric: mentions_refund  # tokens, llm-judge, score
//! ```
//!
//! Every assertion yields an [`AssertionResult`]: pass/fail, and for scoring kinds
//! (`similarity`, `llm-judge`, `score`) a number. The `metric` name (default: the type, with `_`
//! for `-`) is what `metrics:` and `ab analyze` refer to, so custom metrics are analysed exactly
//! like built-ins.
//!
//! `llm-judge` is the one assertion that needs a model: the runner renders the grader prompt
//! (which lives in the library like any prompt) with [`judge_variables`], sends it through the
//! same executor as the arms, and scores the reply with [`judge_result`].

use std::sync::Arc;

use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::library::edit_distance;
use crate::prompt::PromptName;

/// Fields an assertion mapping may have.
const FIELDS: &[&str] = &[
    "type",
    "value",
    "metric",
    "threshold",
    "min",
    "max",
    "schema",
    "grader",
    "rubric",
    "model",
    "from",
];

/// Every assertion type, for messages and docs.
pub const KINDS: &[&str] = &[
    "equals",
    "contains",
    "icontains",
    "not-contains",
    "regex",
    "starts-with",
    "is-one-of",
    "json-valid",
    "json-schema",
    "similarity",
    "latency",
    "cost",
    "tokens",
    "llm-judge",
    "score",
];

/// A compiled assertion and the metric it reports.
#[derive(Debug, Clone)]
pub struct Assertion {
    /// The metric name results are recorded under.
    pub metric: String,
    /// Whether the name was written in the spec (rather than derived from the type).
    pub named: bool,
    /// What to check.
    pub check: Check,
}

/// What an assertion checks.
#[derive(Debug, Clone)]
pub enum Check {
    /// The trimmed output equals the value (or the case's `expected`).
    Equals(Option<String>),
    /// The output contains the text.
    Contains(String),
    /// The output contains the text, ignoring case (stored lowercased).
    IContains(String),
    /// The output contains none of the texts.
    NotContains(Vec<String>),
    /// The output matches the regular expression.
    Regex(Regex),
    /// The trimmed output starts with the text.
    StartsWith(String),
    /// The trimmed output is one of the texts.
    IsOneOf(Vec<String>),
    /// The output parses as JSON (a surrounding Markdown code fence is allowed).
    JsonValid,
    /// The output parses as JSON and matches a schema (inline, else the prompt's
    /// `output.schema`).
    JsonSchema(Option<Arc<jsonschema::Validator>>),
    /// Normalized Levenshtein similarity to the value (or `expected`) of at least `threshold`.
    Similarity {
        /// The text to compare with; `None` uses the case's `expected`.
        expected: Option<String>,
        /// The lowest passing similarity, 0..=1.
        threshold: f64,
    },
    /// Latency at most `max` milliseconds.
    Latency(f64),
    /// Cost at most `max` US dollars.
    Cost(f64),
    /// Output tokens at most `max`.
    Tokens(f64),
    /// A model grades the output against a rubric.
    Judge(Judge),
    /// A custom numeric score computed from the output.
    Score {
        /// Where the number comes from.
        from: ScoreSource,
        /// Passing requires at least this.
        min: Option<f64>,
        /// Passing requires at most this.
        max: Option<f64>,
    },
}

/// An LLM-judge rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Judge {
    /// The grader prompt in the library.
    pub grader: PromptName,
    /// The rubric, passed to the grader as `rubric`.
    pub rubric: String,
    /// `provider/model` for the grader (else the grader prompt's own model).
    pub model: Option<String>,
    /// The lowest passing score, 0..=1.
    pub threshold: f64,
}

/// Where a custom score comes from.
#[derive(Debug, Clone)]
pub enum ScoreSource {
    /// Number of whitespace-separated words.
    Words,
    /// Number of characters.
    Chars,
    /// Number of lines.
    Lines,
    /// A number at a JSON pointer in the output (`json:/score`).
    JsonPointer(String),
    /// The first capture group of a regex, parsed as a number (`regex:score=(\d+)`).
    Regex(Regex),
}

/// Why an assertion does not compile, and which field is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The field to point at, if one is at fault.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl CompileError {
    fn at(field: &str, message: impl Into<String>) -> CompileError {
        CompileError {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }
}

/// The outcome of one assertion on one sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssertionResult {
    /// The metric name.
    pub metric: String,
    /// Whether it passed.
    pub pass: bool,
    /// The score, for scoring kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Why it failed, when there is something to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What an assertion looks at.
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    /// The model's output.
    pub output: &'a str,
    /// The case's `expected` value.
    pub expected: Option<&'a Value>,
    /// Wall time of the call, in milliseconds.
    pub latency_ms: f64,
    /// Cost in US dollars, when known.
    pub cost_usd: Option<f64>,
    /// Output tokens.
    pub tokens_out: u64,
    /// The arm's prompt `output.schema`, compiled.
    pub output_schema: Option<&'a jsonschema::Validator>,
}

impl Assertion {
    /// The assertion type as written in specs.
    pub fn kind(&self) -> &'static str {
        match &self.check {
            Check::Equals(_) => "equals",
            Check::Contains(_) => "contains",
            Check::IContains(_) => "icontains",
            Check::NotContains(_) => "not-contains",
            Check::Regex(_) => "regex",
            Check::StartsWith(_) => "starts-with",
            Check::IsOneOf(_) => "is-one-of",
            Check::JsonValid => "json-valid",
            Check::JsonSchema(_) => "json-schema",
            Check::Similarity { .. } => "similarity",
            Check::Latency(_) => "latency",
            Check::Cost(_) => "cost",
            Check::Tokens(_) => "tokens",
            Check::Judge(_) => "llm-judge",
            Check::Score { .. } => "score",
        }
    }

    /// Whether the assertion produces a number (analysed as a mean) rather than pass/fail.
    pub fn has_score(&self) -> bool {
        matches!(
            self.check,
            Check::Similarity { .. } | Check::Judge(_) | Check::Score { .. }
        )
    }

    /// The judge, for `llm-judge` assertions.
    pub fn judge(&self) -> Option<&Judge> {
        match &self.check {
            Check::Judge(j) => Some(j),
            _ => None,
        }
    }

    /// Checks one output. `llm-judge` cannot be checked here (see [`judge_result`]).
    pub fn evaluate(&self, obs: &Observation<'_>) -> AssertionResult {
        let (pass, score, reason) = self.check(obs);
        AssertionResult {
            metric: self.metric.clone(),
            pass,
            score,
            reason,
        }
    }

    fn check(&self, obs: &Observation<'_>) -> (bool, Option<f64>, Option<String>) {
        let out = obs.output;
        let expected_text = |own: &Option<String>| -> Option<String> {
            own.clone().or_else(|| match obs.expected? {
                Value::String(s) => Some(s.clone()),
                Value::Null => None,
                other => Some(other.to_string()),
            })
        };
        let verdict = |pass: bool, why: &dyn Fn() -> String| (pass, None, (!pass).then(why));
        match &self.check {
            Check::Equals(value) => match expected_text(value) {
                Some(want) => verdict(out.trim() == want.trim(), &|| {
                    format!("expected `{}`", excerpt(&want, 80))
                }),
                None => (
                    false,
                    None,
                    Some("no `value` and the case has no `expected`".into()),
                ),
            },
            Check::Contains(text) => verdict(out.contains(text.as_str()), &|| {
                format!("does not contain `{text}`")
            }),
            Check::IContains(lower) => {
                verdict(out.to_lowercase().contains(lower.as_str()), &|| {
                    format!("does not contain `{lower}` (any case)")
                })
            }
            Check::NotContains(texts) => {
                let found = texts.iter().find(|t| out.contains(t.as_str()));
                verdict(found.is_none(), &|| {
                    format!("contains `{}`", found.map_or("", String::as_str))
                })
            }
            Check::Regex(re) => verdict(re.is_match(out), &|| {
                format!("does not match `{}`", re.as_str())
            }),
            Check::StartsWith(text) => {
                verdict(out.trim_start().starts_with(text.as_str()), &|| {
                    format!("does not start with `{text}`")
                })
            }
            Check::IsOneOf(options) => verdict(options.iter().any(|o| o == out.trim()), &|| {
                format!("is not one of {}", options.join(", "))
            }),
            Check::JsonValid => match parse_json_output(out) {
                Ok(_) => (true, None, None),
                Err(e) => (false, None, Some(format!("not JSON: {e}"))),
            },
            Check::JsonSchema(inline) => {
                let validator = inline.as_deref().or(obs.output_schema);
                let Some(validator) = validator else {
                    return (
                        false,
                        None,
                        Some("no `schema` and the prompt has no `output.schema`".into()),
                    );
                };
                match parse_json_output(out) {
                    Ok(value) => match validator.iter_errors(&value).next() {
                        None => (true, None, None),
                        Some(e) => (false, None, Some(format!("schema: {e}"))),
                    },
                    Err(e) => (false, None, Some(format!("not JSON: {e}"))),
                }
            }
            Check::Similarity {
                expected,
                threshold,
            } => match expected_text(expected) {
                Some(want) => {
                    let s = similarity(out.trim(), want.trim());
                    let pass = s >= *threshold;
                    (
                        pass,
                        Some(s),
                        (!pass).then(|| format!("similarity {s:.3} < {threshold}")),
                    )
                }
                None => (
                    false,
                    Some(0.0),
                    Some("no `value` and the case has no `expected`".into()),
                ),
            },
            Check::Latency(max) => verdict(obs.latency_ms <= *max, &|| {
                format!("latency {:.0} ms > {max} ms", obs.latency_ms)
            }),
            Check::Cost(max) => match obs.cost_usd {
                Some(cost) => verdict(cost <= *max, &|| format!("cost ${cost:.6} > ${max}")),
                None => (
                    false,
                    None,
                    Some("the cost is unknown (no price for this model)".into()),
                ),
            },
            #[allow(clippy::cast_precision_loss)] // token counts are far below 2^52
            Check::Tokens(max) => verdict(obs.tokens_out as f64 <= *max, &|| {
                format!("{} output tokens > {max}", obs.tokens_out)
            }),
            Check::Judge(_) => (false, None, Some("the judge was not run".into())),
            Check::Score { from, min, max } => match score_of(from, out) {
                Some(s) => {
                    let pass = min.is_none_or(|m| s >= m) && max.is_none_or(|m| s <= m);
                    (
                        pass,
                        Some(s),
                        (!pass).then(|| format!("score {s} is out of range")),
                    )
                }
                None => (false, None, Some("no score found in the output".into())),
            },
        }
    }
}

/// Normalized Levenshtein similarity: 1 for equal texts, 0 for nothing in common.
#[allow(clippy::cast_precision_loss)] // lengths of texts
pub fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - edit_distance(a, b) as f64 / longest as f64
}

/// Parses an output as JSON, allowing one surrounding Markdown code fence.
pub fn parse_json_output(output: &str) -> Result<Value, serde_json::Error> {
    let mut text = output.trim();
    if let Some(rest) = text.strip_prefix("```") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        text = rest.strip_suffix("```").unwrap_or(rest).trim();
    }
    serde_json::from_str(text)
}

#[allow(clippy::cast_precision_loss)] // counts of words and lines
fn score_of(from: &ScoreSource, output: &str) -> Option<f64> {
    match from {
        ScoreSource::Words => Some(output.split_whitespace().count() as f64),
        ScoreSource::Chars => Some(output.chars().count() as f64),
        ScoreSource::Lines => Some(output.lines().count() as f64),
        ScoreSource::JsonPointer(p) => {
            let v = parse_json_output(output).ok()?;
            let found = v.pointer(p)?;
            found
                .as_f64()
                .or_else(|| found.as_str().and_then(|s| s.trim().parse().ok()))
        }
        ScoreSource::Regex(re) => re.captures(output)?.get(1)?.as_str().trim().parse().ok(),
    }
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Compiles an assertion from its spec value; `index` is its place in the list (for messages).
pub fn compile_value(value: &Value, index: usize) -> Result<Assertion, CompileError> {
    let _ = index;
    let Value::Object(m) = value else {
        return Err(CompileError {
            field: None,
            message: "an assertion is a mapping with a `type`".into(),
        });
    };
    for key in m.keys() {
        if !FIELDS.contains(&key.as_str()) {
            return Err(CompileError::at(
                key,
                format!(
                    "unknown assertion key `{key}` (expected {})",
                    FIELDS.join(", ")
                ),
            ));
        }
    }
    let Some(kind) = m.get("type").and_then(Value::as_str) else {
        return Err(CompileError {
            field: None,
            message: format!("an assertion needs a `type` (one of {})", KINDS.join(", ")),
        });
    };
    let check = compile_check(kind, m)?;
    let (metric, named) = match m.get("metric") {
        None => (kind.replace('-', "_"), false),
        Some(Value::String(name)) if valid_metric_name(name) => (name.clone(), true),
        Some(_) => {
            return Err(CompileError::at(
                "metric",
                "`metric` must be a name of letters, digits and `_`",
            ));
        }
    };
    Ok(Assertion {
        metric,
        named,
        check,
    })
}

/// Whether a metric name is letters, digits, `_`, `-` and `.`.
pub fn valid_metric_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

fn compile_check(kind: &str, m: &Map<String, Value>) -> Result<Check, CompileError> {
    let text = |field: &str| -> Result<String, CompileError> {
        match m.get(field) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(_) => Err(CompileError::at(field, format!("`{field}` must be text"))),
            None => Err(CompileError {
                field: None,
                message: format!("`{kind}` needs a `{field}`"),
            }),
        }
    };
    let optional_text = |field: &str| m.get(field).map(|_| text(field)).transpose();
    let texts = |field: &str| -> Result<Vec<String>, CompileError> {
        match m.get(field) {
            Some(Value::Array(items)) if !items.is_empty() => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(CompileError::at(
                        field,
                        format!("`{field}` must be a list of texts"),
                    )),
                })
                .collect(),
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            _ => Err(CompileError {
                field: m.contains_key(field).then(|| field.to_owned()),
                message: format!("`{kind}` needs `{field}`: a text or a list of texts"),
            }),
        }
    };
    let number = |field: &str| -> Result<Option<f64>, CompileError> {
        match m.get(field) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(Some)
                .ok_or_else(|| CompileError::at(field, format!("`{field}` must be a number ≥ 0"))),
        }
    };
    let required_max = || -> Result<f64, CompileError> {
        number("max")?.ok_or_else(|| CompileError {
            field: None,
            message: format!("`{kind}` needs `max`"),
        })
    };
    let unit_threshold = |default: f64| -> Result<f64, CompileError> {
        match number("threshold")? {
            None => Ok(default),
            Some(t) if t <= 1.0 => Ok(t),
            Some(_) => Err(CompileError::at(
                "threshold",
                "`threshold` must be between 0 and 1",
            )),
        }
    };
    let regex = |field: &str, pattern: &str| {
        Regex::new(pattern).map_err(|e| {
            CompileError::at(
                field,
                format!(
                    "invalid regex: {}",
                    e.to_string().lines().last().unwrap_or("")
                ),
            )
        })
    };
    Ok(match kind {
        "equals" => Check::Equals(optional_text("value")?),
        "contains" => Check::Contains(text("value")?),
        "icontains" => Check::IContains(text("value")?.to_lowercase()),
        "not-contains" => Check::NotContains(texts("value")?),
        "regex" => Check::Regex(regex("value", &text("value")?)?),
        "starts-with" => Check::StartsWith(text("value")?),
        "is-one-of" => Check::IsOneOf(texts("value")?),
        "json-valid" => Check::JsonValid,
        "json-schema" => match m.get("schema") {
            None => Check::JsonSchema(None),
            Some(schema) => {
                let json_schema = crate::prompt::schema::to_json_schema(schema)
                    .map_err(|e| CompileError::at("schema", e.message))?;
                let validator = jsonschema::validator_for(&json_schema)
                    .map_err(|e| CompileError::at("schema", format!("invalid JSON Schema: {e}")))?;
                Check::JsonSchema(Some(Arc::new(validator)))
            }
        },
        "similarity" => Check::Similarity {
            expected: optional_text("value")?,
            threshold: unit_threshold(0.8)?,
        },
        "latency" => Check::Latency(required_max()?),
        "cost" => Check::Cost(required_max()?),
        "tokens" => Check::Tokens(required_max()?),
        "llm-judge" => {
            let grader = text("grader")?;
            let model = optional_text("model")?;
            if let Some(model) = &model
                && !model.contains('/')
            {
                return Err(CompileError::at(
                    "model",
                    "`model` must be `provider/model-id`",
                ));
            }
            Check::Judge(Judge {
                grader: PromptName::parse_id(&grader),
                rubric: text("rubric")?,
                model,
                threshold: unit_threshold(0.5)?,
            })
        }
        "score" => {
            let from = text("from")?;
            let source = match from.as_str() {
                "words" => ScoreSource::Words,
                "chars" => ScoreSource::Chars,
                "lines" => ScoreSource::Lines,
                other => {
                    if let Some(pointer) = other.strip_prefix("json:") {
                        ScoreSource::JsonPointer(pointer.to_owned())
                    } else if let Some(pattern) = other.strip_prefix("regex:") {
                        let re = regex("from", pattern)?;
                        if re.captures_len() < 2 {
                            return Err(CompileError::at(
                                "from",
                                "the regex needs a capture group for the number",
                            ));
                        }
                        ScoreSource::Regex(re)
                    } else {
                        return Err(CompileError::at(
                            "from",
                            "`from` must be words, chars, lines, `json:/pointer` or `regex:pattern(\\d+)`",
                        ));
                    }
                }
            };
            Check::Score {
                from: source,
                min: number("min")?,
                max: number("max")?,
            }
        }
        other => {
            return Err(CompileError::at(
                "type",
                format!(
                    "unknown assertion type `{other}` (expected one of {})",
                    KINDS.join(", ")
                ),
            ));
        }
    })
}

/// The variables a grader prompt is rendered with.
pub fn judge_variables(
    judge: &Judge,
    input: &str,
    output: &str,
    expected: Option<&Value>,
) -> Map<String, Value> {
    let mut vars = Map::new();
    vars.insert("rubric".into(), Value::String(judge.rubric.clone()));
    vars.insert("input".into(), Value::String(input.to_owned()));
    vars.insert("output".into(), Value::String(output.to_owned()));
    vars.insert(
        "expected".into(),
        match expected {
            Some(Value::String(s)) => Value::String(s.clone()),
            Some(Value::Null) | None => Value::String(String::new()),
            Some(other) => Value::String(other.to_string()),
        },
    );
    vars
}

/// Scores a grader's reply: `{"score": 0.8, "reason": "..."}`, a bare number, or PASS/FAIL.
///
/// Scores above 1 are read as out of 10 (up to 10) or out of 100, since graders write both.
pub fn judge_result(metric: &str, judge: &Judge, reply: &str) -> AssertionResult {
    let (score, reason) = parse_grade(reply);
    match score {
        Some(s) => AssertionResult {
            metric: metric.to_owned(),
            pass: s >= judge.threshold,
            score: Some(s),
            reason,
        },
        None => AssertionResult {
            metric: metric.to_owned(),
            pass: false,
            score: None,
            reason: Some(format!(
                "the grader's reply has no score: `{}`",
                excerpt(reply.trim(), 80)
            )),
        },
    }
}

fn parse_grade(reply: &str) -> (Option<f64>, Option<String>) {
    let scale = |s: f64| {
        if s <= 1.0 {
            s
        } else if s <= 10.0 {
            s / 10.0
        } else {
            (s / 100.0).min(1.0)
        }
    };
    if let Ok(Value::Object(m)) = parse_json_output(reply) {
        let score = m.get("score").and_then(|v| {
            v.as_f64()
                .or_else(|| v.as_bool().map(|b| if b { 1.0 } else { 0.0 }))
        });
        let reason = m.get("reason").and_then(Value::as_str).map(str::to_owned);
        return (score.map(scale), reason);
    }
    let upper = reply.trim().to_uppercase();
    if upper.starts_with("PASS") {
        return (Some(1.0), None);
    }
    if upper.starts_with("FAIL") {
        return (Some(0.0), None);
    }
    let number = reply
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find_map(|t| t.parse::<f64>().ok());
    (number.map(scale), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)] // reads better with `json!` literals
    fn compile(v: Value) -> Assertion {
        compile_value(&v, 0).unwrap()
    }

    fn obs(output: &str) -> Observation<'_> {
        Observation {
            output,
            expected: None,
            latency_ms: 100.0,
            cost_usd: Some(0.001),
            tokens_out: 50,
            output_schema: None,
        }
    }

    fn passes(a: &Assertion, o: &Observation<'_>) -> bool {
        a.evaluate(o).pass
    }

    #[test]
    fn equals_uses_value_or_expected() {
        let a = compile(json!({"type": "equals", "value": "yes"}));
        assert!(passes(&a, &obs(" yes\n")));
        assert!(!passes(&a, &obs("no")));
        let b = compile(json!({"type": "equals"}));
        let expected = json!("positive");
        let mut o = obs("positive");
        assert!(!passes(&b, &o));
        o.expected = Some(&expected);
        assert!(passes(&b, &o));
        assert_eq!(b.metric, "equals");
    }

    #[test]
    fn contains_family() {
        let c = compile(json!({"type": "contains", "value": "Refund"}));
        assert!(passes(&c, &obs("A Refund is due")));
        assert!(!passes(&c, &obs("a refund is due")));
        let i = compile(json!({"type": "icontains", "value": "Refund"}));
        assert!(passes(&i, &obs("a REFUND is due")));
        assert!(!passes(&i, &obs("nothing")));
        let n = compile(json!({"type": "not-contains", "value": ["sorry", "apolog"]}));
        assert!(passes(&n, &obs("Here you go")));
        let r = n.evaluate(&obs("We apologise"));
        assert!(!r.pass);
        assert_eq!(r.reason.as_deref(), Some("contains `apolog`"));
        assert_eq!(n.metric, "not_contains");
    }

    #[test]
    fn regex_starts_with_and_one_of() {
        let r = compile(json!({"type": "regex", "value": "order #\\d+"}));
        assert!(passes(&r, &obs("your order #123")));
        assert!(!passes(&r, &obs("your order")));
        let s = compile(json!({"type": "starts-with", "value": "Dear"}));
        assert!(passes(&s, &obs("  Dear Ada")));
        assert!(!passes(&s, &obs("Hi Ada")));
        let o = compile(json!({"type": "is-one-of", "value": ["positive", "negative"]}));
        assert!(passes(&o, &obs("negative\n")));
        assert!(!passes(&o, &obs("neutral")));
    }

    #[test]
    fn json_valid_allows_a_code_fence() {
        let a = compile(json!({"type": "json-valid"}));
        assert!(passes(&a, &obs("{\"a\": 1}")));
        assert!(passes(&a, &obs("```json\n{\"a\": 1}\n```")));
        assert!(!passes(&a, &obs("{a: 1")));
    }

    #[test]
    fn json_schema_inline_or_from_the_prompt() {
        let inline = compile(json!({"type": "json-schema", "schema": {"label": "string"}}));
        assert!(passes(&inline, &obs("{\"label\": \"x\"}")));
        assert!(!passes(&inline, &obs("{\"label\": 3}")));
        assert!(!passes(&inline, &obs("not json")));
        let from_prompt = compile(json!({"type": "json-schema"}));
        assert!(
            !passes(&from_prompt, &obs("{}")),
            "no schema anywhere fails"
        );
        let validator =
            jsonschema::validator_for(&json!({"type": "object", "required": ["x"]})).unwrap();
        let mut o = obs("{\"x\": 1}");
        o.output_schema = Some(&validator);
        assert!(passes(&from_prompt, &o));
        o.output = "{}";
        assert!(!passes(&from_prompt, &o));
    }

    #[test]
    fn similarity_scores_and_thresholds() {
        let a = compile(json!({"type": "similarity", "value": "kitten", "threshold": 0.5}));
        let r = a.evaluate(&obs("sitting"));
        assert!((r.score.unwrap() - (1.0 - 3.0 / 7.0)).abs() < 1e-12);
        assert!(r.pass);
        assert!(!passes(&a, &obs("xyzxyzxyz")));
        assert!((similarity("", "") - 1.0).abs() < f64::EPSILON);
        assert!(a.has_score());
    }

    #[test]
    fn thresholds_on_latency_cost_tokens() {
        let l = compile(json!({"type": "latency", "max": 50}));
        assert!(!passes(&l, &obs("x")));
        let c = compile(json!({"type": "cost", "max": 0.01}));
        assert!(passes(&c, &obs("x")));
        let mut unknown = obs("x");
        unknown.cost_usd = None;
        assert!(!passes(&c, &unknown));
        let t = compile(json!({"type": "tokens", "max": 10}));
        assert!(!passes(&t, &obs("x")));
        assert!(compile_value(&json!({"type": "latency"}), 0).is_err());
    }

    #[test]
    fn custom_scores() {
        let w = compile(json!({"type": "score", "from": "words", "max": 3, "metric": "brevity"}));
        let r = w.evaluate(&obs("one two three four"));
        assert_eq!(r.score, Some(4.0));
        assert!(!r.pass);
        assert_eq!(r.metric, "brevity");
        let j = compile(json!({"type": "score", "from": "json:/confidence"}));
        assert_eq!(j.evaluate(&obs("{\"confidence\": 0.75}")).score, Some(0.75));
        let re = compile(json!({"type": "score", "from": "regex:rating: (\\d+)"}));
        assert_eq!(re.evaluate(&obs("rating: 7")).score, Some(7.0));
        assert!(!re.evaluate(&obs("none")).pass);
        let c = compile(json!({"type": "score", "from": "chars"}));
        assert_eq!(c.evaluate(&obs("héllo")).score, Some(5.0));
        let lines = compile(json!({"type": "score", "from": "lines"}));
        assert_eq!(lines.evaluate(&obs("a\nb")).score, Some(2.0));
    }

    #[test]
    fn judge_replies_are_scored() {
        let a = compile(
            json!({"type": "llm-judge", "grader": "graders/rubric", "rubric": "polite", "threshold": 0.7}),
        );
        let judge = a.judge().unwrap().clone();
        assert_eq!(judge.grader.name, "graders/rubric");
        let r = judge_result(&a.metric, &judge, "{\"score\": 8, \"reason\": \"good\"}");
        assert_eq!(r.score, Some(0.8));
        assert!(r.pass);
        assert_eq!(r.reason.as_deref(), Some("good"));
        assert!(!judge_result("j", &judge, "FAIL: rude").pass);
        assert!(judge_result("j", &judge, "PASS").pass);
        assert_eq!(judge_result("j", &judge, "Score: 0.65").score, Some(0.65));
        let none = judge_result("j", &judge, "I cannot say");
        assert!(!none.pass && none.score.is_none());
        let vars = judge_variables(&judge, "in", "out", None);
        assert_eq!(vars["rubric"], "polite");
        assert_eq!(vars["expected"], "");
        assert!(!passes(&a, &obs("x")), "a judge not run does not pass");
    }

    #[test]
    fn compile_errors_name_the_field() {
        let e = compile_value(&json!({"type": "regex", "value": "(["}), 0).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("value"));
        assert!(e.message.starts_with("invalid regex"), "{}", e.message);
        let e = compile_value(&json!({"type": "contains"}), 0).unwrap_err();
        assert_eq!(e.message, "`contains` needs a `value`");
        let e = compile_value(&json!({"type": "similarity", "threshold": 3}), 0).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("threshold"));
        let e =
            compile_value(&json!({"type": "contains", "value": "x", "colour": 1}), 0).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("colour"));
        let e = compile_value(&json!({"value": "x"}), 0).unwrap_err();
        assert!(e.message.contains("needs a `type`"));
        let e = compile_value(&json!({"type": "score", "from": "regex:\\d+"}), 0).unwrap_err();
        assert!(e.message.contains("capture group"));
        let e =
            compile_value(&json!({"type": "json-schema", "schema": {"type": 5}}), 0).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("schema"));
        let e = compile_value(
            &json!({"type": "llm-judge", "grader": "g", "rubric": "r", "model": "x"}),
            0,
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("model"));
        assert!(compile_value(&json!("contains"), 0).is_err());
    }
}
