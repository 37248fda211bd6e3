//! Dotprompt conformance: every prompt in `prompts-example/`, exported with
//! `promptctl export --to dotprompt`, loads in Google's reference implementation (the `dotprompt`
//! npm package, pinned in `tests/conformance/package.json`) and renders the same messages there —
//! same roles, same text, byte for byte — as `promptctl render` with the same variables.
//!
//! Needs `node` and `npm` (`.ci/run` installs them; README lists them) but no network: the
//! reference package and its dependencies are vendored as the registry's own tarballs in
//! `tests/conformance/vendor/` (same integrity hashes as the registry), and the first run installs
//! them with `npm ci --offline` into `tests/conformance/node_modules`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::support::TestEnv;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ensure_node_modules(dir: &Path) {
    if dir.join("node_modules/dotprompt/package.json").is_file() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--offline", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .status()
        .expect(
            "npm must be installed to run the Dotprompt conformance test (.ci/run installs it)",
        );
    assert!(
        status.success(),
        "`npm ci --offline` failed in {}",
        dir.display()
    );
}

#[test]
fn example_library_renders_the_same_in_reference_dotprompt() {
    let conformance = repo().join("tests/conformance");
    ensure_node_modules(&conformance);
    let example = repo().join("prompts-example");
    let env = TestEnv::new();
    let out_dir = env.path().join("dotprompt");
    let example_arg = example.to_str().unwrap();

    let export = env.run(&[
        "-C",
        example_arg,
        "export",
        "--to",
        "dotprompt",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(export.code, 0, "{}", export.stderr);

    let list = env.run(&["-C", example_arg, "list", "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let list: Value = serde_json::from_str(&list.stdout).unwrap();
    let mut requests = Vec::new();
    let mut ours = Vec::new();
    for prompt in list["prompts"].as_array().unwrap() {
        let id = prompt["id"].as_str().unwrap();
        let rendered = env.run(&["-C", example_arg, "render", id, "--format", "json"]);
        assert_eq!(rendered.code, 0, "{id}: {}", rendered.stderr);
        let rendered: Value = serde_json::from_str(&rendered.stdout).unwrap();
        let file = prompt["path"]
            .as_str()
            .unwrap()
            .strip_prefix("prompts/")
            .unwrap()
            .to_owned();
        requests.push(json!({"file": file, "input": rendered["variables"]}));
        let messages: Vec<(String, String)> = rendered["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["role"].as_str().unwrap().to_owned(),
                    m["content"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        ours.push((file, messages));
    }
    assert!(ours.len() >= 25, "only {} prompts", ours.len());

    let mut node = Command::new("node")
        .arg(conformance.join("render.mjs"))
        .arg(&out_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed to run the Dotprompt conformance test");
    {
        use std::io::Write;
        let mut stdin = node.stdin.take().unwrap();
        stdin
            .write_all(serde_json::to_string(&requests).unwrap().as_bytes())
            .unwrap();
    }
    let output = node.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(theirs.len(), ours.len());

    let mut failures = Vec::new();
    for ((file, messages), js) in ours.iter().zip(&theirs) {
        assert_eq!(js["file"].as_str(), Some(file.as_str()));
        if let Some(error) = js.get("error") {
            failures.push(format!("{file}: dotprompt failed: {error}"));
            continue;
        }
        let js_messages: Vec<(String, String)> = js["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["role"].as_str().unwrap().to_owned(),
                    m["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        if &js_messages != messages {
            failures.push(format!(
                "{file}:\n  promptctl: {messages:?}\n  dotprompt: {js_messages:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} prompt(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every package the lock file installs comes from a vendored tarball in the repository, with
/// the tarball's own integrity hash, so `npm ci --offline` needs no registry and no cache.
#[test]
fn conformance_packages_install_from_vendored_tarballs() {
    let conformance = repo().join("tests/conformance");
    let lock: Value = serde_json::from_str(
        &std::fs::read_to_string(conformance.join("package-lock.json")).unwrap(),
    )
    .unwrap();
    let packages = lock["packages"].as_object().unwrap();
    assert!(packages.len() > 1, "no packages in the lock file");
    for (key, package) in packages.iter().filter(|(key, _)| !key.is_empty()) {
        let resolved = package["resolved"].as_str().unwrap_or_default();
        let file = resolved
            .strip_prefix("file:")
            .unwrap_or_else(|| panic!("{key} is not vendored: resolved = {resolved:?}"));
        assert!(conformance.join(file).is_file(), "{key}: {file} is missing");
    }
}
