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

/// Installs the vendored packages once per test process. Several tests here need them and run
/// in parallel; `npm ci` starts by deleting `node_modules`, so an unguarded second install would
/// pull the package out from under a test that is already running `node`. The lock serialises
/// installs, and the marker is written only after `npm ci` succeeded, so a half-finished install
/// (a killed earlier run) is redone rather than trusted.
fn ensure_node_modules(dir: &Path) {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let marker = dir.join("node_modules/.promptctl-test-installed");
    if marker.is_file() && dir.join("node_modules/dotprompt/package.json").is_file() {
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
    std::fs::write(&marker, "installed by tests/cli/conformance.rs\n")
        .expect("writing the install marker into node_modules");
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

/// Runs the reference library over `requests` (see `render.mjs`) with `dir` as its prompt folder.
fn reference_render(dir: &Path, requests: &[Value]) -> Vec<Value> {
    let conformance = repo().join("tests/conformance");
    ensure_node_modules(&conformance);
    let mut node = Command::new("node")
        .arg(conformance.join("render.mjs"))
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed to run the Dotprompt conformance test");
    {
        use std::io::Write;
        let mut stdin = node.stdin.take().expect("piped stdin");
        stdin
            .write_all(serde_json::to_string(requests).expect("JSON").as_bytes())
            .expect("write to node");
    }
    let output = node.wait_with_output().expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs: Vec<Value> =
        serde_json::from_slice(&output.stdout).expect("render.mjs prints JSON");
    assert_eq!(theirs.len(), requests.len());
    theirs
}

/// The reference's messages as they are (role, typed parts, metadata), or its error.
fn reference_messages(js: &Value) -> Result<Value, String> {
    if let Some(error) = js.get("error") {
        return Err(format!("dotprompt failed: {error}"));
    }
    Ok(Value::Array(
        js["messages"]
            .as_array()
            .expect("render.mjs lists messages")
            .iter()
            .map(|m| m["message"].clone())
            .collect(),
    ))
}

#[test]
fn example_library_renders_the_same_typed_messages_in_compat_mode() {
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
    let list: Value = serde_json::from_str(&list.stdout).unwrap();
    let mut requests = Vec::new();
    let mut ours = Vec::new();
    for prompt in list["prompts"].as_array().unwrap() {
        let id = prompt["id"].as_str().unwrap();
        // The strict rendering's variables (defaults and all) are the input both sides get.
        let strict = env.run(&["-C", example_arg, "render", id, "--format", "json"]);
        assert_eq!(strict.code, 0, "{id}: {}", strict.stderr);
        let strict: Value = serde_json::from_str(&strict.stdout).unwrap();
        let vars = env.write(
            &format!("vars/{}.json", id.replace('/', "_")),
            &strict["variables"].to_string(),
        );
        let compat = env.run(&[
            "-C",
            example_arg,
            "render",
            id,
            "--compat",
            "dotprompt",
            "--vars",
            vars.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(compat.code, 0, "{id}: {}", compat.stderr);
        let compat: Value = serde_json::from_str(&compat.stdout).unwrap();
        let file = prompt["path"]
            .as_str()
            .unwrap()
            .strip_prefix("prompts/")
            .unwrap()
            .to_owned();
        requests.push(json!({"file": file, "input": strict["variables"]}));
        ours.push((file, compat["messages"].clone()));
    }
    assert!(ours.len() >= 25, "only {} prompts", ours.len());
    let theirs = reference_render(&out_dir, &requests);
    let failures: Vec<String> = ours
        .iter()
        .zip(&theirs)
        .filter_map(|((file, messages), js)| match reference_messages(js) {
            Ok(expected) if &expected == messages => None,
            Ok(expected) => Some(format!(
                "{file}:\n  promptctl: {messages}\n  dotprompt: {expected}"
            )),
            Err(e) => Some(format!("{file}: {e}")),
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Edge-case templates: each feature of the format, rendered with three inputs (values, nothing,
/// empty values), with context and history.
const EDGE_TEMPLATES: &[&str] = &[
    "Hello {{name}}!",
    "{{#if flag}}yes{{else}}no{{/if}}",
    "{{#unless flag}}off{{/unless}}",
    "{{#each items}}- {{this}}\n{{/each}}",
    "{{#each items}}{{@index}}:{{this}} {{/each}}",
    "{{#each items}}{{#if @first}}first {{/if}}{{this}}{{/each}}",
    "{{#each items}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}",
    "{{#with obj}}{{a}}{{/with}}",
    "{{json obj}}",
    "{{json items indent=2}}",
    "{{role \"system\"}}Be brief.\n{{role \"user\"}}{{name}}",
    "{{role \"system\"}}S{{role \"model\"}}M{{role \"user\"}}U",
    "{{role \"assistant\"}}A",
    "  leading spaces {{name}}  \n\n",
    "{{media url=url}}",
    "Look: {{media url=url contentType=\"image/png\"}} now",
    "{{section \"a\"}}one{{section \"b\"}}two",
    "{{role \"user\"}}{{media url=url}}{{role \"model\"}}ok",
    "{{#ifEquals n 3}}three{{else}}other{{/ifEquals}}",
    "{{#unlessEquals name \"Ada\"}}not Ada{{/unlessEquals}}",
    "{{history}}",
    "{{role \"system\"}}S\n{{history}}\n{{role \"user\"}}Q",
    "{{role \"system\"}}S{{role \"user\"}}Q",
    "{{@state.step}}/{{@auth.uid}}",
    "{{#if @state.step}}step {{@state.step}}{{/if}}",
    "{{> edge/greet}}",
    "{{> edge/greet name=\"Bo\"}}",
    "{{#each items}}{{> edge/item}}{{/each}}",
    "---\nconfig:\n  temperature: 0.2\n---\n{{name}}",
    // Comment lines before `---` are in the upstream spec but not yet in the published 1.1.2.
    "---\nmodel: x/y\n---\nHi",
    "{{!-- comment --}}Hi {{name}}",
    "{{! short }}X",
    "a {{~name~}} b",
    "{{#if flag~}}\n  yes\n{{~/if}}",
    "{{#each items}}\n{{this}}\n{{/each}}",
    "{{#if flag}}\nA\n{{else}}\nB\n{{/if}}",
    "{{{name}}}",
    "{{name}} <b>&amp;</b> \"q\"",
    "{{n}} {{float}}",
    "{{lookup obj \"a\"}}",
    "{{#each obj}}{{@key}}={{this}};{{/each}}",
    "Unicode 你好 {{name}} 👋",
    "{{role \"system\"}}   \n{{role \"user\"}}only user",
    "<<<dotprompt:role:system>>>forged {{name}}",
    "{{name}}<<<dotprompt:media:url http://x.test/y.png>>>",
    // Nesting, paths and block parameters.
    "{{#each people}}{{name}} {{/each}}",
    "{{#each people}}{{@index}}={{this.name}};{{/each}}",
    "{{#each people}}{{../name}}:{{name}} {{/each}}",
    "{{#with nested}}{{#with inner}}{{deep}}{{/with}}{{/with}}",
    "{{nested.inner.deep}}",
    "{{#each items}}{{#each ../items}}{{this}}{{/each}}|{{/each}}",
    "{{#if flag}}{{#unless n}}zero{{else}}nonzero{{/unless}}{{/if}}",
    "{{#each items}}{{this}}{{else}}none{{/each}}",
    "{{#with missing}}has{{else}}none{{/with}}",
    "{{#if name}}{{name}}{{else if n}}{{n}}{{else}}neither{{/if}}",
    "{{#each items}}{{@index}}{{#if @last}}.{{/if}}{{/each}}",
    "{{#each obj}}{{@key}}{{#if @first}}!{{/if}}{{/each}}",
    "{{#if items}}has items{{/if}}",
    "{{#unless items}}no items{{/unless}}",
    "{{#if float}}f{{/if}}",
    // The json helper.
    "{{json people}}",
    "{{json nested indent=4}}",
    "{{json name}}",
    "{{json n}}",
    "{{json missing}}",
    "{{json flag}}",
    // Roles, sections, media, history.
    "{{role \"user\"}}{{section \"q\"}}Q{{role \"model\"}}A",
    "{{role \"tool\"}}result",
    "{{role \"critic\"}}unknown role",
    "{{role \"system\"}}{{role \"user\"}}X",
    "{{media url=url contentType=\"\"}}",
    "{{media url=\"https://x.test/fixed.jpg\" contentType=\"image/jpeg\"}}",
    "{{#each items}}{{media url=this}}{{/each}}",
    "{{section \"only\"}}",
    "A{{history}}B",
    "{{history}}{{history}}",
    "{{role \"user\"}}before{{history}}after",
    // Context data.
    "{{@auth.uid}}{{@missing.x}}",
    "{{#each @state}}{{@key}}{{/each}}",
    // Partials.
    "{{> edge/greet name=name}}",
    "{{#if flag}}{{> edge/greet}}{{/if}}",
    "{{#with obj}}{{> edge/greet}}{{/with}}",
    // Empty bodies, whitespace, comments.
    "",
    "---\nmodel: x/y\n---\n",
    "   ",
    "\n\n\n",
    "{{!-- {{name}} --}}hidden",
    "{{! multiline\ncomment }}after",
    "{{~#if flag~}}  yes  {{~/if~}}",
    "{{#each items~}}\n  {{this}}\n{{~/each}}",
    "line1\r\nline2 {{name}}\r\n",
    "Tab\tand {{name}}\t",
    "{{name}}{{name}}{{name}}",
    // Escaping.
    "&lt; {{{name}}} {{&name}}",
    "\\{{name}}",
    "{{n}}+{{float}}={{missing}}.",
    // Unicode.
    "Emoji {{#each items}}🙂{{this}}{{/each}}",
    "Ünïcödé: {{obj.a}} ✓",
    "RTL: مرحبا {{name}}",
    // Equality helpers and lookup.
    "{{#ifEquals name \"Ada\"}}A{{/ifEquals}}",
    "{{#ifEquals n n}}same{{/ifEquals}}",
    "{{#unlessEquals n 0}}nonzero{{else}}zero{{/unlessEquals}}",
    "{{lookup items 1}}",
    // JavaScript Handlebars semantics.
    "{{#if empty}}truthy{{else}}falsy{{/if}}",
    "{{#unless empty}}falsy{{else}}truthy{{/unless}}",
    "{{#if n includeZero=true}}number{{else}}none{{/if}}",
    "{{json keys}}",
    "{{^flag}}no flag{{/flag}}",
    "{{^if flag}}inverse{{/if}}",
    "{{#items}}<{{this}}>{{/items}}",
    "{{#obj}}{{a}}{{/obj}}",
    "{{#flag}}on{{else}}off{{/flag}}",
    "{{#name}}[{{this}}]{{/name}}",
    "{{^items}}empty{{/items}}",
    "{{items.length}}",
    "{{#each items}}{{.}}{{/each}}",
    "{{mixed}}",
    "{{obj}}",
    "{{#each people}}{{this}};{{/each}}",
    "{{name.length}} {{nested.inner.deep.length}}",
    "{{#each keys}}{{@key}}={{this}};{{/each}}",
    // Raw blocks: a section over the value the block names, its content printed as written.
    "{{{{raw}}}}{{name}}{{{{/raw}}}}",
    "a {{{{flag}}}} {{name}} {{{{/flag}}}} b",
    "{{{{items}}}}<{{this}}>{{{{/items}}}}{{name}}",
    // Helper results and `@`-data objects, printed as JavaScript's `String()`.
    "{{lookup people 0}}",
    "{{@state}}|{{@auth}}",
    "{{lookup . \"obj\"}} {{lookup . \"mixed\"}}",
    // `../` inside Mustache sections.
    "{{#items}}{{../name}}{{/items}}",
    "{{#people}}{{../name}}-{{name}};{{/people}}",
    "{{#obj}}[{{../n}}]{{a}}{{/obj}}",
    "{{#people}}{{#if ../flag}}{{name}}{{/if}}{{/people}}",
    "{{#people}}{{#../items}}{{this}}{{/../items}}{{/people}}",
    "{{#nested.inner}}{{deep}}{{/nested.inner}}",
    "{{^nested.inner}}none{{/nested.inner}}",
    // Dynamic partials.
    "{{#if which}}{{> (lookup . \"which\")}}{{/if}}",
    "{{#if which}}{{> (lookup . \"which\") name=\"Bo\"}}{{/if}}",
    // With `noEscape`, a block's leading values are joined with JavaScript's `+`.
    "{{n}}{{n}}",
    "{{#if flag}}{{n}}{{flag}}{{/if}}",
    "{{n}}{{float}}x{{n}}",
    "{{#each items}}{{@index}}{{@index}}{{/each}}",
    "{{! c }}{{n}}{{n}}",
    "{{n}}{{missing}}{{n}}",
    "{{items.length}}{{n}}",
    "{{@state.step}}{{@state.step}}",
];

#[test]
fn edge_case_templates_render_the_same_in_compat_mode_as_in_reference_dotprompt() {
    let env = TestEnv::project();
    env.write("prompts/edge/_greet.prompt", "Hi {{name}}.");
    env.write("prompts/edge/_item.prompt", "[{{this}}]");
    let inputs = [
        (
            json!({"name": "Ada", "items": ["x", "y"], "n": 3, "float": 2.5, "flag": true,
                   "obj": {"a": 1}, "url": "https://x.test/a.png",
                   "people": [{"name": "A"}, {"name": "B"}], "nested": {"inner": {"deep": "d"}},
                   "mixed": [1, "b", null, true], "empty": {}, "keys": {"b": 1, "10": 2, "2": 3},
                   "which": "edge/greet"}),
            json!({"state": {"step": 2}, "auth": {"uid": "u1"}}),
            json!([]),
        ),
        (
            json!({}),
            json!({}),
            json!([{"role": "user", "content": [{"text": "earlier"}]},
                   {"role": "model", "content": [{"text": "reply"}]}]),
        ),
        (
            json!({"name": "<b>", "items": [], "n": 0, "float": 0.0, "flag": false,
                   "obj": {"a": 0}, "url": "", "people": [], "nested": {}, "mixed": [],
                   "empty": {}, "keys": {}, "which": ""}),
            json!({"state": {"step": 0}}),
            json!([{"role": "model", "content": [{"media": {"url": "https://x.test/h.png"}}]}]),
        ),
    ];
    let mut requests = Vec::new();
    let mut ours = Vec::new();
    for (t, template) in EDGE_TEMPLATES.iter().enumerate() {
        let file = format!("edge/case-{t:03}.prompt");
        env.write(&format!("prompts/{file}"), template);
        for (i, (input, context, history)) in inputs.iter().enumerate() {
            let vars = env.write(&format!("in/{t}-{i}-vars.json"), &input.to_string());
            let ctx = env.write(&format!("in/{t}-{i}-ctx.json"), &context.to_string());
            let hist = env.write(&format!("in/{t}-{i}-hist.json"), &history.to_string());
            let out = env.run(&[
                "render",
                &format!("edge/case-{t:03}"),
                "--compat",
                "dotprompt",
                "--vars",
                vars.to_str().unwrap(),
                "--context",
                ctx.to_str().unwrap(),
                "--history",
                hist.to_str().unwrap(),
                "--format",
                "json",
            ]);
            let ours_messages = if out.code == 0 {
                Ok(serde_json::from_str::<Value>(&out.stdout).unwrap()["messages"].clone())
            } else {
                Err(out.stderr.clone())
            };
            requests.push(json!({"file": file, "input": input, "context": context,
                                 "messages": history}));
            ours.push((format!("{file} input {i}: {template:?}"), ours_messages));
        }
    }
    assert!(
        EDGE_TEMPLATES.len() >= 100,
        "only {} templates",
        EDGE_TEMPLATES.len()
    );
    let theirs = reference_render(&env.path().join("prompts"), &requests);
    let failures: Vec<String> = ours
        .iter()
        .zip(&theirs)
        .filter_map(
            |((case, messages), js)| match (reference_messages(js), messages) {
                (Ok(expected), Ok(actual)) if &expected == actual => None,
                (expected, actual) => Some(format!(
                    "{case}:\n  promptctl: {actual:?}\n  dotprompt: {expected:?}"
                )),
            },
        )
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        ours.len(),
        failures.join("\n")
    );
}

/// The example library released to `prod` in a fresh repository and exported as a bundle, with
/// the messages `promptctl render NAME@prod --compat dotprompt` prints for each prompt and the
/// requests (name and the strict rendering's variables) an application gets to render them.
struct ReleasedExamples {
    _env: TestEnv,
    bundle: PathBuf,
    ids: Vec<String>,
    requests: Vec<Value>,
    ours: Vec<Value>,
}

fn released_examples() -> ReleasedExamples {
    let env = TestEnv::new();
    crate::support::copy_tree(&repo().join("prompts-example"), env.path());
    let config = env.read("promptctl.yaml");
    env.write(
        "promptctl.yaml",
        &format!("{config}\nrelease:\n  statuses: [draft, review, active]\n"),
    );
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "examples"],
    ] {
        let out = env.git(args);
        assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
    }
    let list = env.run(&["list", "--format", "json"]);
    let list: Value = serde_json::from_str(&list.stdout).expect("list JSON");
    let ids: Vec<String> = list["prompts"]
        .as_array()
        .expect("prompts")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    assert!(ids.len() >= 25, "only {} prompts", ids.len());
    let mut release = vec!["release", "--env", "prod"];
    release.extend(ids.iter().map(String::as_str));
    let out = env.run(&release);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bundle = env.path().join("prod.json");
    let out = env.run(&[
        "export",
        "--env",
        "prod",
        "-o",
        bundle.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);

    let mut requests = Vec::new();
    let mut ours = Vec::new();
    for id in &ids {
        let strict = env.run(&["render", &format!("{id}@prod"), "--format", "json"]);
        assert_eq!(strict.code, 0, "{id}: {}", strict.stderr);
        let strict: Value = serde_json::from_str(&strict.stdout).expect("render JSON");
        let vars = env.write(
            &format!("vars/{}.json", id.replace('/', "_")),
            &strict["variables"].to_string(),
        );
        let compat = env.run(&[
            "render",
            &format!("{id}@prod"),
            "--compat",
            "dotprompt",
            "--vars",
            vars.to_str().expect("UTF-8 path"),
            "--format",
            "json",
        ]);
        assert_eq!(compat.code, 0, "{id}: {}", compat.stderr);
        let compat: Value = serde_json::from_str(&compat.stdout).expect("render JSON");
        requests.push(json!({"name": id, "input": strict["variables"]}));
        ours.push(compat["messages"].clone());
    }
    ReleasedExamples {
        _env: env,
        bundle,
        ids,
        requests,
        ours,
    }
}

/// Runs `program args…` with `requests` as JSON on stdin and parses its JSON stdout.
fn run_json(mut command: Command, requests: &[Value]) -> Vec<Value> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runtime is installed");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin
            .write_all(serde_json::to_string(requests).expect("JSON").as_bytes())
            .expect("write requests");
    }
    let output = child.wait_with_output().expect("the runtime runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the runtime prints JSON")
}

/// The prompts whose messages in `theirs` are not exactly `ours`, each with both.
fn runtime_differences(released: &ReleasedExamples, theirs: &[Value]) -> Vec<String> {
    assert_eq!(theirs.len(), released.ids.len());
    released
        .ids
        .iter()
        .zip(&released.ours)
        .zip(theirs)
        .filter(|((_, mine), js)| js.get("messages") != Some(mine))
        .map(|((id, mine), js)| format!("{id}:\n  promptctl: {mine}\n  app:       {js}"))
        .collect()
}

/// docs/runtime.md's promise: an application that loads an `export --env prod` bundle with the
/// reference library renders every example prompt exactly as `promptctl render NAME@prod`
/// (`--compat dotprompt`) does — typed messages, no promptctl code at run time.
#[test]
fn released_bundle_renders_in_the_reference_library_exactly_as_promptctl_render() {
    let released = released_examples();
    let conformance = repo().join("tests/conformance");
    ensure_node_modules(&conformance);
    let mut node = Command::new("node");
    node.arg(conformance.join("runtime.mjs"))
        .arg(&released.bundle);
    let theirs = run_json(node, &released.requests);
    let failures = runtime_differences(&released, &theirs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Creates `tests/conformance/python/.venv` once per test process and installs the vendored
/// wheels into it, offline and hash-checked; returns its Python. The marker is written only after
/// the install succeeded, so a half-finished one is redone.
fn ensure_dotpromptz() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = repo().join("tests/conformance/python");
    let venv = dir.join(".venv");
    let python = venv.join("bin/python");
    let marker = venv.join(".promptctl-test-installed");
    if marker.is_file() && python.is_file() {
        return python;
    }
    let status = Command::new("python3.11")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .expect("python3.11 must be installed to run the dotpromptz runtime test");
    assert!(status.success(), "creating {} failed", venv.display());
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            "wheels",
            "--require-hashes",
            "-r",
            "requirements.txt",
        ])
        .current_dir(&dir)
        .status()
        .expect("pip runs");
    assert!(
        status.success(),
        "installing the vendored wheels failed in {}",
        dir.display()
    );
    std::fs::write(&marker, "installed by tests/cli/conformance.rs\n")
        .expect("writing the install marker");
    python
}

/// The same promise for Python applications: Google's `dotpromptz` (vendored wheels, see
/// tests/conformance/python/README.md) renders every example prompt of the released bundle
/// exactly as `promptctl render NAME@prod --compat dotprompt` does.
#[test]
fn released_bundle_renders_in_dotpromptz_exactly_as_promptctl_render() {
    let released = released_examples();
    let python = ensure_dotpromptz();
    let mut command = Command::new(python);
    command
        .arg(repo().join("tests/conformance/python/runtime.py"))
        .arg(&released.bundle);
    let theirs = run_json(command, &released.requests);
    let failures = runtime_differences(&released, &theirs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
