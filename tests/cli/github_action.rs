//! The GitHub Action, run as the runner runs it: `action.yml` is read, its `run:` steps are
//! executed in order with bash and the variables GitHub sets (`GITHUB_EVENT_PATH`,
//! `GITHUB_REPOSITORY`, `GITHUB_API_URL`, `GITHUB_OUTPUT`, `GITHUB_PATH`, …), with `${{ … }}`
//! expressions for inputs, step outputs and `github.*` filled in, against a loopback fake of the
//! GitHub REST API that keeps comments and records every request.
//!
//! `uses:` steps (the package cache, the artifact upload) are GitHub's own actions and are not
//! run here; any other expression, or an `if:` on a `run:` step, makes the harness fail, so the
//! harness cannot quietly run something other than what GitHub would.
//!
//! Cases: the first run on a PR creates the comment, a second run updates it (one comment in
//! all); the SARIF upload is gzip+base64 of a SARIF 2.1.0 log for the PR's commit and ref;
//! annotations are printed; the job fails on `check`'s exit status and passes on a clean PR; a
//! refused token is a warning, not a failed job; the verdict step runs after the comment.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::TestEnv;
use crate::versioning::{commit_all, git_ok};

const TOKEN: &str = "ghs_testTokenThatMustNeverBePrinted0123456789";
const NEW_KEY: &str = "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";

/// One request the fake API received.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    authorization: String,
    body: Value,
}

#[derive(Debug, Default)]
struct State {
    comments: Vec<(u64, String)>,
    requests: Vec<Request>,
    /// Answer every request with this status (a refused token).
    refuse: Option<u16>,
}

/// A loopback fake of the parts of GitHub's REST API the Action uses.
struct FakeGithub {
    url: String,
    state: Arc<Mutex<State>>,
}

impl FakeGithub {
    fn start() -> FakeGithub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        FakeGithub { url, state }
    }

    fn requests(&self) -> Vec<Request> {
        self.state.lock().expect("state").requests.clone()
    }

    fn comments(&self) -> Vec<(u64, String)> {
        self.state.lock().expect("state").comments.clone()
    }
}

/// Answers one request (HTTP/1.1, `Connection: close`).
fn serve(stream: std::net::TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut length = 0usize;
    let mut authorization = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or((&header, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => value.trim().clone_into(&mut authorization),
            _ => {}
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = target.split('?').next().unwrap_or_default().to_owned();
    let (status, answer) = {
        let mut state = state.lock().expect("state");
        state.requests.push(Request {
            method: method.clone(),
            path: path.clone(),
            authorization: authorization.clone(),
            body: body.clone(),
        });
        route(&mut state, &method, &path, &target, &authorization, &body)
    };
    let text = answer.to_string();
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

fn route(
    state: &mut State,
    method: &str,
    path: &str,
    target: &str,
    authorization: &str,
    body: &Value,
) -> (u16, Value) {
    if let Some(status) = state.refuse {
        return (
            status,
            json!({"message": "Resource not accessible by integration"}),
        );
    }
    if authorization != format!("Bearer {TOKEN}") {
        return (401, json!({"message": "Bad credentials"}));
    }
    let comments_of_pr = "/repos/acme/prompts/issues/7/comments";
    match (method, path) {
        ("GET", p) if p == comments_of_pr => {
            let page: usize = target
                .split_once('?')
                .map(|(_, query)| query)
                .unwrap_or_default()
                .split('&')
                .find_map(|pair| pair.strip_prefix("page="))
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let listed: Vec<Value> = state
                .comments
                .iter()
                .skip((page - 1) * 100)
                .take(100)
                .map(|(id, body)| json!({"id": id, "body": body, "user": {"login": "github-actions[bot]"}}))
                .collect();
            (200, Value::Array(listed))
        }
        ("POST", p) if p == comments_of_pr => {
            let id = 1000 + state.comments.len() as u64;
            let text = body["body"].as_str().unwrap_or_default().to_owned();
            state.comments.push((id, text.clone()));
            (201, json!({"id": id, "body": text}))
        }
        ("PATCH", p) if p.starts_with("/repos/acme/prompts/issues/comments/") => {
            let id: u64 = p
                .rsplit('/')
                .next()
                .and_then(|i| i.parse().ok())
                .unwrap_or(0);
            let text = body["body"].as_str().unwrap_or_default().to_owned();
            match state.comments.iter_mut().find(|(c, _)| *c == id) {
                Some(comment) => {
                    comment.1.clone_from(&text);
                    (200, json!({"id": id, "body": text}))
                }
                None => (404, json!({"message": "Not Found"})),
            }
        }
        ("POST", "/repos/acme/prompts/code-scanning/sarifs") => (
            202,
            json!({"id": "47177e22-5596-11eb-80a1-c1e54ef945c6", "url": "https://api.github.com/repos/acme/prompts/code-scanning/sarifs/47177e22"}),
        ),
        _ => (404, json!({"message": "Not Found"})),
    }
}

/// What one job run did.
struct Job {
    code: i32,
    log: String,
    steps_run: Vec<String>,
}

/// Runs the Action's steps in `workspace` for a pull request from `base` to HEAD.
fn run_action(workspace: &Path, github: &FakeGithub, base: &str, inputs: &[(&str, &str)]) -> Job {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let action: Value = yaml_serde::from_str(
        &std::fs::read_to_string(root.join("action.yml")).expect("read action.yml"),
    )
    .expect("action.yml is YAML");
    let temp = tempfile::tempdir().expect("runner temp");
    let head = git_in(workspace, &["rev-parse", "HEAD"]);
    let event = json!({
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"sha": base, "ref": "main"},
            "head": {"sha": head, "ref": "feature"},
        },
        "repository": {"full_name": "acme/prompts"},
    });
    let event_path = temp.path().join("event.json");
    std::fs::write(&event_path, event.to_string()).expect("write event");

    let mut input_values: BTreeMap<String, String> = BTreeMap::new();
    for (name, spec) in action["inputs"].as_object().expect("inputs") {
        let default = spec["default"].as_str().unwrap_or_default();
        let default = if default == "${{ github.token }}" {
            TOKEN
        } else {
            default
        };
        input_values.insert(name.clone(), default.to_owned());
    }
    for (name, value) in inputs {
        assert!(
            input_values.contains_key(*name),
            "the action has no input `{name}`"
        );
        input_values.insert((*name).to_owned(), (*value).to_owned());
    }

    // promptctl is on PATH, as after the install step on a cached runner.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_promptctl"))
        .parent()
        .expect("binary folder")
        .to_path_buf();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display());
    let home = temp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let path_file = temp.path().join("github_path");
    std::fs::write(&path_file, "").expect("GITHUB_PATH");
    let summary = temp.path().join("summary.md");
    let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut log = String::new();
    let mut steps_run = Vec::new();
    let mut code = 0;
    for (index, step) in action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .enumerate()
    {
        let name = step["name"].as_str().unwrap_or("step").to_owned();
        if step.get("uses").is_some() {
            continue;
        }
        assert!(
            step.get("if").is_none(),
            "the harness does not evaluate `if:` on `{name}`"
        );
        assert_eq!(
            step["shell"], "bash",
            "step `{name}` must say `shell: bash`"
        );
        let expand = |text: &str| expand(text, &input_values, &outputs, &root);
        let script = expand(step["run"].as_str().expect("run"));
        let script_path = temp.path().join(format!("step-{index}.sh"));
        std::fs::write(&script_path, script).expect("write step");
        let output_file = temp.path().join(format!("output-{index}"));
        std::fs::write(&output_file, "").expect("GITHUB_OUTPUT");
        let dir = match step.get("working-directory").and_then(Value::as_str) {
            Some(d) => workspace.join(expand(d)),
            None => workspace.to_path_buf(),
        };
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_path)
            .current_dir(dir)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", &home)
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_EVENT_NAME", "pull_request")
            .env("GITHUB_EVENT_PATH", &event_path)
            .env("GITHUB_REPOSITORY", "acme/prompts")
            .env("GITHUB_API_URL", &github.url)
            .env("GITHUB_SHA", &head)
            .env("GITHUB_REF", "refs/pull/7/merge")
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_ACTION_PATH", &root)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_RUN_ID", "4242")
            .env("RUNNER_TEMP", temp.path())
            .env("RUNNER_OS", "Linux")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("NO_COLOR", "1")
            .env("PROMPTCTL_KEYRING", "off");
        if let Some(env) = step.get("env").and_then(Value::as_object) {
            for (key, value) in env {
                let value = match value {
                    Value::String(s) => expand(s),
                    other => other.to_string(),
                };
                command.env(key, value);
            }
        }
        let out = command.output().expect("run step");
        let _ = writeln!(log, "## {name}");
        log.push_str(&String::from_utf8_lossy(&out.stdout));
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        steps_run.push(name.clone());
        let mut step_outputs = BTreeMap::new();
        for line in std::fs::read_to_string(&output_file)
            .expect("outputs")
            .lines()
        {
            if let Some((k, v)) = line.split_once('=') {
                step_outputs.insert(k.to_owned(), v.to_owned());
            }
        }
        if let Some(id) = step.get("id").and_then(Value::as_str) {
            outputs.insert(id.to_owned(), step_outputs);
        }
        code = out.status.code().unwrap_or(-1);
        if code != 0 {
            break;
        }
    }
    assert!(
        !log.contains(TOKEN),
        "the token leaked into the log:\n{log}"
    );
    Job {
        code,
        log,
        steps_run,
    }
}

/// Fills in the `${{ … }}` expressions GitHub would; any other expression fails the test.
fn expand(
    text: &str,
    inputs: &BTreeMap<String, String>,
    outputs: &BTreeMap<String, BTreeMap<String, String>>,
    action_path: &Path,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expression = rest[start + 3..end].trim();
        let value = if let Some(name) = expression.strip_prefix("inputs.") {
            inputs
                .get(name)
                .cloned()
                .unwrap_or_else(|| panic!("no input `{name}`"))
        } else if expression == "github.action_path" {
            action_path.display().to_string()
        } else if let Some(reference) = expression.strip_prefix("steps.") {
            let (id, name) = reference
                .split_once(".outputs.")
                .expect("steps.ID.outputs.NAME");
            outputs
                .get(id)
                .and_then(|o| o.get(name))
                .cloned()
                .unwrap_or_default()
        } else {
            panic!("the harness cannot evaluate `${{{{ {expression} }}}}`")
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A repository with a prompt library on `main` and a feature branch checked out; returns the
/// base commit.
fn pull_request_repo() -> (TestEnv, String) {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: Replies to a customer.\ninput:\n  schema:\n    name: string\n  default:\n    name: Ada\n---\nHello <name>{{name}}</name>, thanks for writing.\n",
    );
    commit_all(&env, "Base");
    let base = git_ok(&env, &["rev-parse", "HEAD"]).trim().to_owned();
    git_ok(&env, &["checkout", "-q", "-b", "feature"]);
    (env, base)
}

fn decode_sarif(encoded: &str) -> Value {
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("SARIF is base64");
    let mut text = String::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_string(&mut text)
        .expect("SARIF is gzipped");
    serde_json::from_str(&text).expect("SARIF is JSON")
}

#[test]
fn first_run_creates_the_comment_second_run_updates_it_and_sarif_is_uploaded() {
    let (env, base) = pull_request_repo();
    env.write(
        "prompts/support/reply.prompt",
        &format!("---\ndescription: Replies to a customer.\ninput:\n  schema:\n    name: string\n  default:\n    name: Ada\n---\nHello <name>{{{{name}}}}</name>, thanks for writing.\nDebug token: {NEW_KEY}\n"),
    );
    commit_all(&env, "Add a debug token");
    let github = FakeGithub::start();

    let job = run_action(env.path(), &github, &base, &[]);
    assert_eq!(job.code, 1, "the new secret fails the job:\n{}", job.log);
    assert!(
        job.log.contains(
            "::error file=prompts/support/reply.prompt,line=10,col=14,title=secret/github-token::"
        ),
        "{}",
        job.log
    );
    assert!(
        job.steps_run.contains(&"Verdict".to_owned()),
        "{:?}",
        job.steps_run
    );
    let comments = github.comments();
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert!(
        comments[0].1.starts_with("<!-- promptctl-pr-report -->"),
        "{}",
        comments[0].1
    );
    assert!(!comments[0].1.contains(NEW_KEY));
    let requests = github.requests();
    let upload = requests
        .iter()
        .find(|r| r.path == "/repos/acme/prompts/code-scanning/sarifs")
        .expect("SARIF uploaded");
    assert_eq!(upload.method, "POST");
    assert_eq!(
        upload.body["commit_sha"],
        git_in(env.path(), &["rev-parse", "HEAD"])
    );
    assert_eq!(upload.body["ref"], "refs/pull/7/merge");
    let sarif = decode_sarif(upload.body["sarif"].as_str().expect("sarif field"));
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2, "lint and scan are separate runs");
    let secret = runs[1]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "secret/github-token")
        .expect("the secret is in the SARIF");
    assert_eq!(secret["baselineState"], "new");
    assert!(!sarif.to_string().contains(NEW_KEY));
    assert!(
        requests
            .iter()
            .all(|r| r.authorization == format!("Bearer {TOKEN}"))
    );

    // The author removes the token and pushes again: the same comment is updated.
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: Replies to a customer.\ninput:\n  schema:\n    name: string\n  default:\n    name: Ada\n---\nHello <name>{{name}}</name>, thanks for writing to us.\n",
    );
    commit_all(&env, "Drop the token");
    let job = run_action(env.path(), &github, &base, &[]);
    assert_eq!(job.code, 0, "{}", job.log);
    let comments = github.comments();
    assert_eq!(comments.len(), 1, "updated, not duplicated: {comments:?}");
    assert_eq!(comments[0].0, 1000);
    assert!(
        comments[0].1.contains("thanks for writing to us"),
        "{}",
        comments[0].1
    );
    let methods: Vec<(String, String)> = github
        .requests()
        .iter()
        .filter(|r| r.path.contains("/comments"))
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    assert_eq!(
        methods,
        [
            (
                "GET".to_owned(),
                "/repos/acme/prompts/issues/7/comments".to_owned()
            ),
            (
                "POST".to_owned(),
                "/repos/acme/prompts/issues/7/comments".to_owned()
            ),
            (
                "GET".to_owned(),
                "/repos/acme/prompts/issues/7/comments".to_owned()
            ),
            (
                "PATCH".to_owned(),
                "/repos/acme/prompts/issues/comments/1000".to_owned()
            ),
        ]
    );
}

#[test]
fn inputs_turn_the_comment_and_upload_off_and_raise_the_bar() {
    let (env, base) = pull_request_repo();
    env.write(
        "prompts/support/reply.prompt",
        "---\ndescription: Replies to a customer.\ninput:\n  schema:\n    name: string\n  default:\n    name: Ada\n---\nHello <name>{{name}}</name>, thanks for writing. {{mood}}\n",
    );
    commit_all(&env, "Use a mood");
    let github = FakeGithub::start();
    let job = run_action(
        env.path(),
        &github,
        &base,
        &[
            ("comment", "false"),
            ("upload-sarif", "false"),
            ("fail-on", "info"),
        ],
    );
    assert_eq!(job.code, 1, "{}", job.log);
    assert!(job.log.contains("title=undefined-variable"), "{}", job.log);
    assert!(github.requests().is_empty(), "{:?}", github.requests());
}

#[test]
fn a_refused_token_is_a_warning_and_the_check_decides_the_job() {
    let (env, base) = pull_request_repo();
    env.write("notes.md", "Nothing to see.\n");
    commit_all(&env, "Notes");
    let github = FakeGithub::start();
    github.state.lock().expect("state").refuse = Some(403);
    let job = run_action(env.path(), &github, &base, &[]);
    assert_eq!(job.code, 0, "{}", job.log);
    assert!(
        job.log
            .contains("::warning title=promptctl::the pull-request comment could not be written"),
        "{}",
        job.log
    );
    assert!(
        job.log.contains("pull-requests: write"),
        "the hint names the permission: {}",
        job.log
    );
}

#[test]
fn the_action_runs_from_a_project_in_a_subfolder() {
    let env = TestEnv::new();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write("README.md", "Repository.\n");
    env.write("ai/promptctl.yaml", "prompts: prompts\n");
    env.write(
        "ai/prompts/greet.prompt",
        "---\ndescription: Greets.\n---\nHello.\n",
    );
    commit_all(&env, "Base");
    let base = git_ok(&env, &["rev-parse", "HEAD"]).trim().to_owned();
    git_ok(&env, &["checkout", "-q", "-b", "feature"]);
    env.write(
        "ai/prompts/greet.prompt",
        &format!("---\ndescription: Greets.\n---\nHello. Key {NEW_KEY}\n"),
    );
    commit_all(&env, "Key");
    let github = FakeGithub::start();
    let job = run_action(env.path(), &github, &base, &[("working-directory", "ai")]);
    assert_eq!(job.code, 1, "{}", job.log);
    assert!(
        job.log.contains(
            "::error file=ai/prompts/greet.prompt,line=4,col=12,title=secret/github-token::"
        ),
        "{}",
        job.log
    );
    let upload = github
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/sarifs"))
        .expect("uploaded");
    let sarif = decode_sarif(upload.body["sarif"].as_str().expect("sarif"));
    let uri = &sarif["runs"][1]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "ai/prompts/greet.prompt");
}

#[test]
fn the_comment_is_found_among_many_and_updated_in_place() {
    let (env, base) = pull_request_repo();
    env.write("notes.md", "Nothing to see.\n");
    commit_all(&env, "Notes");
    let github = FakeGithub::start();
    {
        let mut state = github.state.lock().expect("state");
        for id in 0..150 {
            state
                .comments
                .push((id, format!("Looks good to me ({id})")));
        }
        state.comments.push((
            150,
            "<!-- promptctl-pr-report -->\nAn old report.".to_owned(),
        ));
        for id in 151..180 {
            state.comments.push((id, "More review.".to_owned()));
        }
    }
    let job = run_action(env.path(), &github, &base, &[]);
    assert_eq!(job.code, 0, "{}", job.log);
    let comments = github.comments();
    assert_eq!(comments.len(), 180, "no comment added");
    assert!(
        !comments[150].1.contains("An old report."),
        "{}",
        comments[150].1
    );
    let pages: Vec<String> = github
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(pages.len(), 2, "the second page holds it: {pages:?}");
}

#[test]
fn replayed_experiments_add_their_analysis_to_the_comment() {
    let env = crate::integrity::example_repo();
    let base = git_ok(&env, &["rev-parse", "HEAD"]).trim().to_owned();
    git_ok(&env, &["checkout", "-q", "-b", "feature"]);
    let path = env.path().join("prompts/support/base-reply.prompt");
    let text = std::fs::read_to_string(&path).expect("read a prompt");
    std::fs::write(
        &path,
        format!("{text}\nThank the customer for their patience.\n"),
    )
    .expect("edit a prompt");
    commit_all(&env, "Thank the customer");
    let github = FakeGithub::start();
    let job = run_action(
        env.path(),
        &github,
        &base,
        &[("replay-experiments", "true"), ("upload-sarif", "false")],
    );
    assert_eq!(job.code, 0, "{}", job.log);
    let comments = github.comments();
    assert_eq!(comments.len(), 1, "{}", job.log);
    let body = &comments[0].1;
    assert!(
        body.contains("## Experiments replayed from cassettes"),
        "{body}"
    );
    for experiment in ["### meeting-notes-brief", "### sentiment-models"] {
        assert!(body.contains(experiment), "{experiment} missing: {body}");
    }
    let analysis = &body[body.find("### sentiment-models").unwrap_or(0)..];
    assert!(
        analysis.contains("| "),
        "an analysis table follows: {analysis}"
    );
}
