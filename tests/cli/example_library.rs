//! The bundled `prompts-example/` library is a fixture: it has at least 25 prompts in nested
//! folders, uses partials, `extends`, variants, schemas, tags and links, every prompt renders with
//! its defaults alone, and every link points at a prompt that exists.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::TestEnv;

fn example() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("prompts-example")
        .to_string_lossy()
        .into_owned()
}

fn json(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("JSON output")
}

#[test]
fn every_example_prompt_renders_with_defaults_and_links_resolve() {
    let env = TestEnv::new();
    let dir = example();
    let list = json(&env, &["-C", &dir, "list", "--format", "json"]);
    let prompts = list["prompts"].as_array().unwrap();
    assert!(prompts.len() >= 25, "{} prompts", prompts.len());
    assert!(list["unreadable"].as_array().unwrap().is_empty());
    let (mut variants, mut children, mut with_output_schema, mut with_partials) = (0, 0, 0, 0);
    let mut folders = std::collections::BTreeSet::new();
    for prompt in prompts {
        let id = prompt["id"].as_str().unwrap();
        folders.insert(id.rsplit_once('/').map_or("", |(f, _)| f).to_owned());
        let rendered = json(&env, &["-C", &dir, "render", id, "--format", "json"]);
        assert!(!rendered["messages"].as_array().unwrap().is_empty(), "{id}");
        let shown = json(&env, &["-C", &dir, "show", id, "--format", "json"]);
        for link in shown["links"].as_array().unwrap() {
            assert_eq!(
                link["exists"], true,
                "{id} links to missing {}",
                link["target"]
            );
        }
        assert!(
            shown["missing_partials"].as_array().unwrap().is_empty(),
            "{id}"
        );
        assert!(shown["description"].is_string(), "{id} has no description");
        assert!(
            !shown["tags"].as_array().unwrap().is_empty(),
            "{id} has no tags"
        );
        assert!(
            shown["status"].is_string()
                && shown["owners"].as_array().is_some_and(|o| !o.is_empty()),
            "{id}"
        );
        variants += usize::from(!prompt["variant"].is_null());
        children += usize::from(!shown["extends"].as_array().unwrap().is_empty());
        with_output_schema += usize::from(!shown["output"]["schema"].is_null());
        with_partials += usize::from(!shown["partials"].as_array().unwrap().is_empty());
    }
    assert!(
        variants >= 2 && children >= 5 && with_output_schema >= 10 && with_partials >= 15,
        "variants {variants}, children {children}, output schemas {with_output_schema}, partials {with_partials}"
    );
    for folder in [
        "support/triage",
        "support/billing",
        "code-review/tests",
        "summarization/incidents",
        "extraction/contracts",
        "classification",
        "rag",
        "agents/research",
    ] {
        assert!(folders.contains(folder), "missing folder {folder}");
    }
}
