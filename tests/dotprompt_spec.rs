//! The official Dotprompt spec suite (vendored in `tests/fixtures/dotprompt-spec/`), case for
//! case, through promptctl's Dotprompt compatibility renderer.
//!
//! Each case is compared as the reference runner (`js/test/spec.test.ts`) compares it: the
//! rendered result without `raw` and `input` equals the expectation (with `ext`, `config` and
//! `metadata` defaulting to `{}`), `raw` equals when the case names it, and the metadata alone
//! (`renderMetadata`, with the case's options) equals the expectation without `messages`.
//!
//! Run `cargo test --locked --test dotprompt_spec -- --nocapture` to see the count.

// A malformed fixture should stop the harness; the count is printed for the report.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use promptctl::prompt::compat::{self, DataArgument, Environment};
use serde_json::{Map, Value};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dotprompt-spec")
}

fn spec_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [spec_dir(), spec_dir().join("helpers")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// One case: its name, the suite and the test.
struct Case {
    name: String,
    suite: Map<String, Value>,
    test: Map<String, Value>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for file in spec_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let suites: Vec<Map<String, Value>> = promptctl::yaml::from_str(&text).unwrap();
        let stem = file
            .strip_prefix(spec_dir())
            .unwrap()
            .with_extension("")
            .display()
            .to_string();
        for suite in suites {
            let tests = suite["tests"].as_array().unwrap().clone();
            for (i, test) in tests.into_iter().enumerate() {
                let desc = test.get("desc").and_then(Value::as_str).unwrap_or("");
                out.push(Case {
                    name: format!("{stem} > {} > {i} {desc}", suite["name"].as_str().unwrap()),
                    suite: suite.clone(),
                    test: test.as_object().unwrap().clone(),
                });
            }
        }
    }
    out
}

fn object(value: Option<&Value>) -> Map<String, Value> {
    value
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn string_map(value: Option<&Value>) -> BTreeMap<String, String> {
    object(value)
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
        .collect()
}

/// Runs one case; `Err` says what differs.
fn run_compat(case: &Case) -> Result<(), String> {
    let template = case.suite["template"].as_str().unwrap();
    // Resolver partials are registered up front: resolving them on demand, as the reference does,
    // gives the same result.
    let mut partials = string_map(case.suite.get("partials"));
    partials.extend(string_map(case.suite.get("resolverPartials")));
    let env = Environment {
        partials,
        schemas: object(case.suite.get("schemas")).into_iter().collect(),
        tools: object(case.suite.get("tools")).into_iter().collect(),
    };
    // `{ ...suite.data, ...test.data }`
    let mut data = object(case.suite.get("data"));
    data.extend(object(case.test.get("data")));
    let data: DataArgument =
        serde_json::from_value(Value::Object(data)).map_err(|e| format!("bad data: {e}"))?;
    let options = case.test.get("options").and_then(Value::as_object);
    let expect = object(case.test.get("expect"));

    let rendered = compat::render(&env, template, &data, options)
        .map_err(|e| format!("render failed: {e}"))?;
    let mut actual = rendered.to_json().as_object().unwrap().clone();
    let actual_raw = actual.remove("raw");
    let mut expected = expect.clone();
    let expected_raw = expected.remove("raw");
    expected.remove("input");
    for key in ["ext", "config", "metadata"] {
        expected
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if Value::Object(actual.clone()) != Value::Object(expected.clone()) {
        return Err(format!(
            "render:\n  expected {}\n  actual   {}",
            Value::Object(expected),
            Value::Object(actual)
        ));
    }
    if let Some(raw) = expected_raw
        && actual_raw.as_ref() != Some(&raw)
    {
        return Err(format!("raw: expected {raw}, actual {actual_raw:?}"));
    }

    let parsed = compat::parse(template).map_err(|e| format!("parse failed: {e}"))?;
    let mut metadata = compat::render_metadata(&env, &parsed, options)
        .map_err(|e| format!("renderMetadata failed: {e}"))?;
    metadata.remove("raw");
    let mut expected = expect;
    expected.remove("messages");
    expected.remove("raw");
    for key in ["ext", "config", "metadata"] {
        expected
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if metadata != expected {
        return Err(format!(
            "renderMetadata:\n  expected {}\n  actual   {}",
            Value::Object(expected),
            Value::Object(metadata)
        ));
    }
    Ok(())
}

#[test]
fn spec_suite_passes_case_for_case_in_dotprompt_compat_mode() {
    let cases = cases();
    assert_eq!(cases.len(), 117, "the vendored suite has 117 cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run_compat(c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    println!(
        "dotprompt spec suite, compat mode: {}/{} passed",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The same suite through the strict renderer (`promptctl render` without `--compat`), messages
/// only: each case it renders differently, by name. docs/file-format.md lists them with reasons.
const STRICT_DIFFERENCES: &[&str] = &[
    "metadata > metadata_state > 1 handles missing state values",
    "metadata > metadata_context_variables > 1 handles missing context variables gracefully",
    "picoschema > input_and_output > 0 returns as expected",
    "picoschema > line_endings_crlf > 0 returns as expected",
];

struct Files(BTreeMap<String, String>);

impl promptctl::prompt::SourceLoader for Files {
    fn load(
        &self,
        name: &promptctl::prompt::PromptName,
    ) -> std::io::Result<Option<promptctl::prompt::SourceFile>> {
        let path = name.relative_path();
        Ok(self.0.get(&path).map(|text| promptctl::prompt::SourceFile {
            path: path.into(),
            text: text.clone(),
        }))
    }
}

fn run_strict(case: &Case) -> Result<(), String> {
    use promptctl::prompt::{PromptName, RenderOptions, render};
    let mut files = BTreeMap::new();
    files.insert(
        "spec.prompt".to_owned(),
        case.suite["template"].as_str().unwrap().to_owned(),
    );
    for key in ["partials", "resolverPartials"] {
        for (name, text) in string_map(case.suite.get(key)) {
            files.insert(PromptName::partial(&name).relative_path(), text);
        }
    }
    let mut data = object(case.suite.get("data"));
    data.extend(object(case.test.get("data")));
    let data: DataArgument =
        serde_json::from_value(Value::Object(data)).map_err(|e| format!("bad data: {e}"))?;
    // A caller-supplied `input.default` is, to the strict renderer, variables passed in.
    let mut variables = object(
        case.test
            .get("options")
            .and_then(|o| o.get("input"))
            .and_then(|i| i.get("default")),
    );
    variables.extend(data.input.clone());
    let history = data
        .messages
        .iter()
        .map(promptctl::prompt::message::PartsMessage::to_strict)
        .collect::<Result<Vec<_>, String>>()?;
    let rendered = render::render(
        &Files(files),
        &PromptName::parse_id("spec"),
        &variables,
        &RenderOptions {
            history,
            context: data.context.clone(),
        },
    )
    .map_err(|e| format!("render failed: {e}"))?;
    let actual: Vec<Value> = rendered
        .messages
        .iter()
        .map(|m| serde_json::json!({"role": m.role.as_str(), "content": m.typed_parts()}))
        .collect();
    let expected: Vec<Value> = case
        .test
        .get("expect")
        .and_then(|e| e.get("messages"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut m| {
            if let Value::Object(map) = &mut m {
                map.remove("metadata");
            }
            m
        })
        .collect();
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "expected {}\n  actual   {}",
            Value::Array(expected),
            Value::Array(actual)
        ))
    }
}

#[test]
fn spec_suite_in_strict_mode_differs_only_where_documented() {
    let cases = cases();
    let mut differing = Vec::new();
    for case in &cases {
        if let Err(e) = run_strict(case) {
            println!("strict: {}: {e}", case.name);
            differing.push(case.name.clone());
        }
    }
    println!(
        "dotprompt spec suite, strict mode (messages): {}/{} passed",
        cases.len() - differing.len(),
        cases.len()
    );
    assert_eq!(differing, STRICT_DIFFERENCES);
}
