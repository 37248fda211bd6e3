//! Secrets end to end: nothing hides a file from `scan --staged`, and nothing promptctl prints or
//! writes carries a key planted in a prompt, a dataset or an endpoint URL.
//!
//! - a NUL byte, UTF-16/UTF-32 text, a binary file, a baseline edited but not staged;
//! - `lint` reporting control characters;
//! - keys of every type the scanner knows, planted in a prompt, a dataset and a `base_url`
//!   password, then every output (`run`, `--dry-run`, `-v`, `ab run --redact --record`,
//!   `providers list`/`check`, errors) and every file written is searched for them.
//!
//! The keys are fake but shaped like real ones, and built from pieces so this file does not
//! look like a leak to a scanner.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::mock::{MockServer, Reply, Wire};
use crate::support::{Output, TestEnv};

/// 48 characters with no typed runs or placeholder words.
const BODY: &str = "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4rS6tU8vW0xY2z";

/// One fake credential of every kind the secret detectors report.
fn planted_keys() -> Vec<String> {
    let pem_body = format!("{BODY}\n{BODY}");
    vec![
        ["sk-ant-", "api03-", &BODY[..40]].concat(),
        ["sk-", "proj-", BODY].concat(),
        ["AK", "IA", "R5ST2VW4XY6ZA7BC"].concat(),
        ["gh", "p_", &BODY[..30], "0vL2Ci"].concat(),
        ["gl", "pat-", &BODY[..20]].concat(),
        ["xo", "xb-", "7302614958-5819203746-", &BODY[..24]].concat(),
        ["sk_", "live_", &BODY[..24]].concat(),
        ["AI", "za", &BODY[..35]].concat(),
        ["aws_secret_", "access_key = ", &BODY[8..48]].concat(),
        [
            "azure_openai_",
            "key: ",
            "9f3b2c7d1e8a4f6b",
            "0c5d2e9a7b3f1c8d",
        ]
        .concat(),
        [
            "-----BEGIN ",
            "PRIVATE KEY-----\n",
            &pem_body,
            "\n-----END ",
            "PRIVATE KEY-----",
        ]
        .concat(),
        [
            "eyJhbGciOiJIUzI1NiJ9",
            ".eyJzdWIiOiJwbGFudGVkIn0.",
            &BODY[18..48],
        ]
        .concat(),
        ["db_pass", "word = ", "Zq9!vL2#pW7@xK4$"].concat(),
    ]
}

/// Fragments of the planted secrets that no output or file may contain: every 10-character
/// window of the shared key body, the parts of the keys that do not use it, and any extra
/// secrets (a URL password). Masks keep at most a vendor prefix or an assignment's name.
fn fragments(extra: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = (0..=BODY.len() - 10)
        .map(|i| BODY[i..i + 10].to_owned())
        .collect();
    out.extend(
        [
            "R5ST2VW4XY6ZA7BC",
            "7302614958",
            "1e8a4f6b0c5d",
            "Zq9!vL2#pW7",
        ]
        .map(str::to_owned),
    );
    out.extend(extra.iter().map(|s| (*s).to_owned()));
    out
}

fn assert_clean(what: &str, text: &str, fragments: &[String]) {
    for fragment in fragments {
        assert!(
            !text.contains(fragment.as_str()),
            "`{fragment}` leaked in {what}:\n{text}"
        );
    }
}

fn assert_output_clean(what: &str, out: &Output, fragments: &[String]) {
    assert_clean(&format!("{what} stdout"), &out.stdout, fragments);
    assert_clean(&format!("{what} stderr"), &out.stderr, fragments);
}

/// Every file under `dir` except the inputs the test wrote, with its text.
fn written_files(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list a folder") {
            let path = entry.expect("a folder entry").path();
            let relative = path
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .into_owned();
            if [
                "promptctl.yaml",
                "prompts",
                "datasets",
                "experiments",
                ".git",
            ]
            .contains(&relative.as_str())
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let text =
                    String::from_utf8_lossy(&std::fs::read(&path).expect("read a written file"))
                        .into_owned();
                out.push((relative, text));
            }
        }
    }
    out
}

/// A project whose prompt and dataset hold every planted key, and whose provider `vault`
/// reaches `base_url` (with `password` in its userinfo).
fn planted_project(base_url: &str, keys: &[String]) -> TestEnv {
    let mut env = TestEnv::project();
    env.write(
        "promptctl.yaml",
        &format!(
            "prompts: prompts\nproviders:\n  vault:\n    kind: openai\n    base_url: {base_url}\n    api_key_env: VAULT_KEY\n    models: [small]\n"
        ),
    );
    let listed = keys.join("\n");
    env.write(
        "prompts/leaky.prompt",
        &format!(
            "---\nmodel: vault/small\ninput:\n  schema:\n    message: string\n---\n{{{{role \"system\"}}}}Internal notes:\n{listed}\n{{{{role \"user\"}}}}{{{{message}}}}\n"
        ),
    );
    let mut cases = String::new();
    for (i, k) in keys.iter().enumerate() {
        let value = Value::String(k.clone());
        let _ = writeln!(
            cases,
            "{{\"id\": \"c{i}\", \"vars\": {{\"message\": {value}}}, \"expected\": {value}}}"
        );
    }
    env.write("datasets/leaky.jsonl", &cases);
    env.write(
        "experiments/leaky.yaml",
        "description: Leaks nothing\ndataset: datasets/leaky.jsonl\nvariants:\n  - id: control\n    prompt: leaky\n    control: true\n  - id: other\n    prompt: leaky\nassertions:\n  - type: equals\n",
    );
    env.env("VAULT_KEY", "sk-vault-test")
        .env("PROMPTCTL_RETRY_BASE_MS", "1")
        .env("PROMPTCTL_KEYRING", "off");
    env
}

/// `http://svc:<password>@127.0.0.1:<port>/v1`.
fn url_with_password(url: &str, password: &str) -> String {
    url.replacen("http://", &format!("http://svc:{password}@"), 1)
}

fn url_password() -> String {
    ["Zq9vL2", "pW7xK4", "tR6"].concat()
}

#[test]
fn planted_keys_never_leave_in_any_output_or_file() {
    let keys = planted_keys();
    let password = url_password();
    let secrets = fragments(&[&password]);
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "A refund is on its way."));
    let env = planted_project(&url_with_password(&mock.url("/v1"), &password), &keys);
    let message = format!("message={}", keys[3]);

    // Every key is one the scanner recognises, so masking has something to find.
    let scan = env.run(&["scan", "prompts", "--format", "json"]);
    let doc: Value = serde_json::from_str(&scan.stdout).unwrap();
    let rules: std::collections::BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str().filter(|r| r.starts_with("secret/")))
        .collect();
    assert_eq!(rules.len(), 13, "{rules:?}");
    assert_output_clean("scan", &scan, &secrets);

    let runs: Vec<(&str, Vec<&str>)> = vec![
        (
            "run --dry-run",
            vec!["run", "leaky", "--var", &message, "--dry-run"],
        ),
        (
            "run --dry-run json",
            vec![
                "run",
                "leaky",
                "--var",
                &message,
                "--dry-run",
                "--format",
                "json",
            ],
        ),
        (
            "run --record -v",
            vec![
                "-v",
                "run",
                "leaky",
                "--var",
                &message,
                "--record",
                "tapes/run.jsonl",
                "--cache",
                "read-write",
            ],
        ),
        (
            "run json",
            vec!["run", "leaky", "--var", &message, "--format", "json"],
        ),
        (
            "ab run --redact --record",
            vec![
                "-v",
                "ab",
                "run",
                "leaky",
                "--redact",
                "--run-id",
                "r1",
                "--record",
                "tapes/ab.jsonl",
            ],
        ),
        ("providers list", vec!["providers", "list"]),
        (
            "providers list json",
            vec!["providers", "list", "--format", "json"],
        ),
        ("providers check", vec!["providers", "check"]),
    ];
    for (what, args) in runs {
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{what}: {}", out.stderr);
        assert_output_clean(what, &out, &secrets);
    }
    assert!(mock.violations().is_empty(), "{:?}", mock.violations());

    let files = written_files(env.path());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "tapes/run.jsonl",
        "tapes/ab.jsonl",
        "results/leaky/r1.jsonl",
    ] {
        assert!(names.contains(&expected), "{expected} not in {names:?}");
    }
    for (name, text) in &files {
        assert_clean(name, text, &secrets);
    }
}

#[test]
fn redacted_results_keep_no_part_of_a_key_near_the_excerpt_cut() {
    let keys = planted_keys();
    let mock = MockServer::start(Wire::OpenAi);
    // The key starts 52 characters in: an 80-character excerpt used to keep 28 of it.
    let answer = format!("{} {}", "x".repeat(51), keys[1]);
    mock.set_default(Reply::ok(Wire::OpenAi, &answer));
    let env = planted_project(&mock.url("/v1"), &keys);
    let out = env.run(&["ab", "run", "leaky", "--redact", "--run-id", "r1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let results = env.read("results/leaky/r1.jsonl");
    assert_clean("results", &results, &fragments(&[]));
    let first: Value = serde_json::from_str(results.lines().next().unwrap()).unwrap();
    assert_eq!(
        first["output_excerpt"],
        format!("{} sk-proj-****", "x".repeat(51))
    );
}

#[test]
fn url_passwords_are_masked_in_errors_providers_list_and_dry_run() {
    let password = url_password();
    let secrets = fragments(&[&password]);
    // Port 9 on loopback (discard) has no listener: the call fails with a connection error.
    let env = planted_project(&url_with_password("http://127.0.0.1:9/v1", &password), &[]);
    let out = env.run(&["run", "leaky", "--var", "message=hi"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("http://svc:****@127.0.0.1:9/v1"),
        "{}",
        out.stderr
    );
    assert_output_clean("failed run", &out, &secrets);

    let list = env.run(&["providers", "list", "--format", "json"]);
    assert!(
        list.stdout.contains("\"http://svc:****@127.0.0.1:9/v1\""),
        "{}",
        list.stdout
    );
    assert_output_clean("providers list", &list, &secrets);

    let dry = env.run(&["run", "leaky", "--var", "message=hi", "--dry-run"]);
    assert!(
        dry.stdout
            .starts_with("POST http://svc:****@127.0.0.1:9/v1/chat/completions\n"),
        "{}",
        dry.stdout
    );
    assert_output_clean("dry run", &dry, &secrets);
}

// --- scan --staged cannot be bypassed ----------------------------------------------------------

fn staged_repo() -> TestEnv {
    let env = TestEnv::project();
    assert_eq!(env.git(&["init", "-q"]).code, 0);
    env
}

fn github_token() -> String {
    ["gh", "p_", &BODY[..30], "0vL2Ci"].concat()
}

#[test]
fn staged_scan_finds_a_key_behind_a_nul_byte() {
    let env = staged_repo();
    let key = github_token();
    env.write(
        "prompts/a.prompt",
        &format!("---\ndescription: x\n---\n\0\nkey {key}\n"),
    );
    env.write("data/cases.yaml", &format!("a: \0\nb: {key}\n"));
    assert_eq!(env.git(&["add", "-A"]).code, 0);
    let out = env.run(&["scan", "--staged"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("data/cases.yaml:2:4: error[secret/github-token]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("prompts/a.prompt:5:5: error[secret/github-token]"),
        "{}",
        out.stdout
    );
    assert!(!out.stderr.contains("skipped"), "{}", out.stderr);
    assert_output_clean("scan", &out, &fragments(&[]));
}

#[test]
fn staged_scan_finds_a_key_in_utf16_text_at_its_line_and_column() {
    let env = staged_repo();
    let key = github_token();
    let text = format!("name: café\nnote: {key}\n");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::create_dir_all(env.path().join("data")).unwrap();
    std::fs::write(env.path().join("data/notes.yaml"), utf16).unwrap();
    assert_eq!(env.git(&["add", "-A"]).code, 0);
    let out = env.run(&["scan", "--staged"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("data/notes.yaml:2:7: error[secret/github-token]"),
        "{}",
        out.stdout
    );
}

#[test]
fn binary_files_are_skipped_out_loud_even_when_quiet() {
    let env = staged_repo();
    std::fs::write(
        env.path().join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    assert_eq!(env.git(&["add", "-A"]).code, 0);
    let out = env.run(&["-q", "scan", "--staged"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "warning: skipped `logo.png`: binary file (PNG image), not scanned\n"
    );
    let json = env.run(&["scan", "--staged", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        doc["summary"]["skipped"],
        serde_json::json!([{"path": "logo.png", "reason": "binary file (PNG image), not scanned"}])
    );
}

#[test]
fn staged_scan_reads_the_baseline_from_the_index() {
    let env = staged_repo();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nscan:\n  baseline: .promptctl/scan-baseline.json\n",
    );
    let key = github_token();
    env.write("prompts/a.prompt", &format!("key {key}\n"));
    assert_eq!(env.git(&["add", "-A"]).code, 0);
    // Accepting the key in the working tree alone accepts nothing for the commit.
    assert_eq!(env.run(&["scan", "--update-baseline"]).code, 0);
    let out = env.run(&["scan", "--staged"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // Staged, the baseline counts; an unstaged edit emptying it does not.
    assert_eq!(env.git(&["add", ".promptctl/scan-baseline.json"]).code, 0);
    env.write(
        ".promptctl/scan-baseline.json",
        "{\"schema_version\": 1, \"findings\": []}",
    );
    let out = env.run(&["scan", "--staged"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("1 accepted by the baseline"),
        "{}",
        out.stderr
    );
    // Named with `--baseline` but never staged: an error, not a silent pass.
    env.write(
        "other-baseline.json",
        "{\"schema_version\": 1, \"findings\": []}",
    );
    let out = env.run(&["scan", "--staged", "--baseline", "other-baseline.json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("is not staged"), "{}", out.stderr);
}

#[test]
fn lint_reports_control_characters_as_errors() {
    let env = TestEnv::project();
    env.write(
        "prompts/a.prompt",
        "---\ndescription: x\n---\nHello\0 there\n",
    );
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "prompts/a.prompt:4:6: error[control-character]: control character U+0000 (NUL)"
        ),
        "{}",
        out.stdout
    );
}
