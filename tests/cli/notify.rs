//! Notifications, against loopback receivers that speak plain HTTP on 127.0.0.1: a signed
//! webhook that answers 429 before 200 gets each notification once, signed (checked here with
//! an HMAC computed independently of promptctl); Slack and Teams get Block Kit and an Adaptive
//! Card; 5xx is retried; a receiver that hangs is a warning and exit 0, or exit 5 with
//! `--notify-strict`; errors name the host and never the URL's path; release, rollback,
//! `ab run` and a failing `check` each send their event, and only to destinations that asked.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::support::TestEnv;
use crate::versioning::{git_ok, repo};

const SECRET: &str = "whsec-test-secret-never-printed";
/// The part of a Slack-like URL that is the credential.
const SECRET_PATH: &str = "/services/T0SECRET/B0SECRET/xoxSecretPath";

/// One request a receiver got.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// What the receiver does with the next request.
#[derive(Debug, Clone)]
enum Answer {
    /// Answer with this status and extra headers.
    Status(u16, Vec<(&'static str, &'static str)>),
    /// Never answer (the connection stays open until the test ends).
    Hang,
}

/// A loopback HTTP receiver that answers from a script, then 200 for ever.
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    fn start(script: Vec<Answer>) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script.into_iter()));
        let shared = Arc::clone(&received);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let received = Arc::clone(&shared);
                let script = Arc::clone(&script);
                std::thread::spawn(move || serve(stream, &received, &script));
            }
        });
        Receiver { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

fn serve(
    stream: std::net::TcpStream,
    received: &Mutex<Vec<Received>>,
    script: &Mutex<std::vec::IntoIter<Answer>>,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.trim_end().split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    received.lock().expect("lock").push(Received {
        path,
        headers,
        body,
    });
    let answer = script
        .lock()
        .expect("lock")
        .next()
        .unwrap_or(Answer::Status(200, Vec::new()));
    let mut stream = stream;
    match answer {
        Answer::Hang => std::thread::sleep(Duration::from_secs(60)),
        Answer::Status(status, extra) => {
            let mut head =
                format!("HTTP/1.1 {status} Answer\r\nContent-Length: 2\r\nConnection: close\r\n");
            for (name, value) in extra {
                let _ = write!(head, "{name}: {value}\r\n");
            }
            head.push_str("\r\nok");
            let _ = stream.write_all(head.as_bytes());
        }
    }
}

/// Checks a delivery's signature the way a receiver would, with its own HMAC.
fn signed_correctly(request: &Received) -> bool {
    let timestamp = request
        .header("X-Promptctl-Timestamp")
        .expect("a timestamp");
    let signature = request
        .header("X-Promptctl-Signature")
        .expect("a signature");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(&request.body);
    let mut expected = String::new();
    for byte in mac.finalize().into_bytes() {
        let _ = write!(expected, "{byte:02x}");
    }
    signature == format!("sha256={expected}")
}

/// Appends a `notify:` section to the project's configuration.
fn configure(env: &TestEnv, notify: &str) {
    let mut config = env.read("promptctl.yaml");
    config.push_str(notify);
    env.write("promptctl.yaml", &config);
}

/// A webhook destination for `events`, with the URL and secret in the environment.
fn webhook(env: &mut TestEnv, receiver: &Receiver, events: &str, extra: &str) {
    configure(
        env,
        &format!(
            "notify:\n  destinations:\n    audit:\n      kind: webhook\n      url_env: AUDIT_HOOK_URL\n      secret_env: AUDIT_HOOK_SECRET\n      events: [{events}]\n{extra}"
        ),
    );
    env.env("AUDIT_HOOK_URL", &format!("{}/hooks/audit", receiver.url))
        .env("AUDIT_HOOK_SECRET", SECRET)
        .env("PROMPTCTL_RETRY_BASE_MS", "1")
        .env("PROMPTCTL_KEYRING", "off");
}

#[test]
fn release_notification_arrives_once_signed_after_a_429() {
    let receiver = Receiver::start(vec![Answer::Status(429, vec![("Retry-After", "0")])]);
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "");
    let out = env.run(&["-v", "release", "greet@v2", "--env", "staging"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("Notified `audit` (127.0.0.1:")
            && out.stderr.contains("of release: HTTP 200 after 2 attempts"),
        "{}",
        out.stderr
    );
    let requests = receiver.received();
    assert_eq!(requests.len(), 2, "the 429, then the one that arrived");
    for request in &requests {
        assert_eq!(request.path, "/hooks/audit");
        assert!(signed_correctly(request), "{request:?}");
        assert_eq!(request.header("X-Promptctl-Event"), Some("release"));
    }
    // A retry is the same delivery: same timestamp, same signature, same body.
    assert_eq!(requests[0].headers, requests[1].headers);
    assert_eq!(requests[0].body, requests[1].body);
    let payload = requests[1].json();
    assert_eq!(payload["schema_version"], 1);
    assert_eq!(payload["event"], "release");
    assert_eq!(payload["occurred_at"], "2026-01-01T00:00:00Z");
    assert_eq!(payload["title"], "Released 1 prompt to staging");
    assert_eq!(payload["data"]["environment"], "staging");
    assert_eq!(payload["data"]["changes"][0]["name"], "greet");
    assert_eq!(payload["data"]["changes"][0]["to"]["version"], 2);
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    assert_eq!(payload["data"]["commit"], head.trim());
    assert!(!out.stderr.contains(SECRET) && !out.stdout.contains(SECRET));
}

#[test]
fn a_tampered_body_fails_the_receivers_signature_check() {
    let receiver = Receiver::start(Vec::new());
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "");
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
    let mut request = receiver.received().remove(0);
    assert!(signed_correctly(&request));
    request.body.push(b' ');
    assert!(
        !signed_correctly(&request),
        "a changed body must not verify"
    );
}

#[test]
fn server_errors_are_retried_until_the_receiver_accepts() {
    let receiver = Receiver::start(vec![
        Answer::Status(500, Vec::new()),
        Answer::Status(503, Vec::new()),
    ]);
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "");
    let out = env.run(&["notify", "test", "audit", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(report["delivered"], true);
    assert_eq!(report["attempts"], 3);
    assert_eq!(report["status"], 200);
    assert_eq!(report["event"], "test");
    let requests = receiver.received();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[2].json()["event"], "test");
}

#[test]
fn a_hanging_receiver_is_a_warning_and_the_command_succeeds() {
    let receiver = Receiver::start(vec![Answer::Hang]);
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "      timeout_secs: 0.5\n");
    let out = env.run(&["release", "greet", "--env", "staging"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: release notification not sent: cannot notify `audit` (127.0.0.1:")
            && out.stderr.contains("no answer within 0.5s"),
        "{}",
        out.stderr
    );
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Release greet v3 to staging\n"
    );
    assert_eq!(receiver.received().len(), 1, "a timeout is not retried");
}

#[test]
fn notify_strict_makes_an_undelivered_notification_exit_5() {
    let receiver = Receiver::start(vec![Answer::Hang]);
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "      timeout_secs: 0.5\n");
    let out = env.run(&["release", "greet", "--env", "staging", "--notify-strict"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("error: release notification not sent"),
        "{}",
        out.stderr
    );
    // The release itself is recorded: only the notification failed.
    assert_eq!(
        git_ok(&env, &["log", "-1", "--format=%s"]),
        "Release greet v3 to staging\n"
    );
}

#[test]
fn strict_in_the_configuration_also_exits_5() {
    let receiver = Receiver::start(vec![Answer::Status(400, Vec::new())]);
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "  strict: true\n");
    let out = env.run(&["release", "greet", "--env", "staging"]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("HTTP 400"), "{}", out.stderr);
    assert_eq!(receiver.received().len(), 1, "a 400 is not retried");
}

#[test]
fn errors_name_the_host_and_never_the_webhook_urls_path() {
    let receiver = Receiver::start(vec![Answer::Status(404, Vec::new()); 3]);
    let mut env = repo();
    configure(
        &env,
        "notify:\n  destinations:\n    chat:\n      kind: slack\n      url_env: CHAT_URL\n      events: [release]\n",
    );
    env.env(
        "CHAT_URL",
        &format!("{}{SECRET_PATH}?token=abc", receiver.url),
    )
    .env("PROMPTCTL_KEYRING", "off");
    for args in [
        &["notify", "test", "chat"][..],
        &["release", "greet", "--env", "prod"][..],
    ] {
        let out = env.run(args);
        let host = receiver.url.trim_start_matches("http://");
        assert!(out.stderr.contains(host), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("HTTP 404"), "{args:?}: {}", out.stderr);
        for secret in ["T0SECRET", "xoxSecretPath", "token=abc"] {
            assert!(
                !out.stderr.contains(secret) && !out.stdout.contains(secret),
                "{args:?} leaked the URL: {}",
                out.stderr
            );
        }
    }
    assert_eq!(env.run(&["notify", "test", "chat"]).code, 5);
}

#[test]
fn a_missing_url_variable_is_named_and_nothing_is_sent() {
    let mut env = repo();
    configure(
        &env,
        "notify:\n  destinations:\n    chat:\n      kind: teams\n      url_env: TEAMS_FLOW_URL\n      events: [release]\n",
    );
    env.env("PROMPTCTL_KEYRING", "off");
    let out = env.run(&["notify", "test", "chat"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`TEAMS_FLOW_URL` is not set"),
        "{}",
        out.stderr
    );
    let release = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(release.code, 0, "{}", release.stderr);
    assert!(
        release
            .stderr
            .contains("warning: release notification not sent"),
        "{}",
        release.stderr
    );
}

#[test]
fn a_webhook_without_a_signing_secret_is_refused() {
    let receiver = Receiver::start(Vec::new());
    let mut env = repo();
    configure(
        &env,
        "notify:\n  destinations:\n    audit:\n      kind: webhook\n      url_env: AUDIT_HOOK_URL\n      events: [release]\n",
    );
    env.env("AUDIT_HOOK_URL", &receiver.url)
        .env("PROMPTCTL_KEYRING", "off");
    let out = env.run(&["notify", "test", "audit"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("secret_env"), "{}", out.stderr);
    assert!(receiver.received().is_empty());
}

#[test]
fn a_timeout_that_is_not_a_positive_number_of_seconds_is_named() {
    let receiver = Receiver::start(Vec::new());
    let mut env = repo();
    webhook(&mut env, &receiver, "release", "      timeout_secs: -1\n");
    let out = env.run(&["notify", "test", "audit"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`notify.destinations.audit.timeout_secs` is -1"),
        "{}",
        out.stderr
    );
    assert!(receiver.received().is_empty());
}

#[test]
fn unknown_destinations_and_events_are_usage_errors() {
    let mut env = repo();
    let out = env.run(&["notify", "test", "nowhere"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("no notification destination `nowhere`"),
        "{}",
        out.stderr
    );
    configure(
        &env,
        "notify:\n  destinations:\n    chat:\n      kind: slack\n      url_env: CHAT_URL\n      events: [deploy]\n",
    );
    env.env("PROMPTCTL_KEYRING", "off");
    let out = env.run(&["notify", "test", "chat"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("deploy"), "{}", out.stderr);
}

#[test]
fn slack_gets_block_kit_and_teams_an_adaptive_card_for_a_rollback() {
    let slack = Receiver::start(Vec::new());
    let teams = Receiver::start(Vec::new());
    let releases_only = Receiver::start(Vec::new());
    let mut env = repo();
    configure(
        &env,
        "notify:\n  destinations:\n    slack:\n      kind: slack\n      url_env: SLACK_URL\n      events: [rollback]\n    teams:\n      kind: teams\n      url_env: TEAMS_URL\n      events: [rollback, release]\n    releases:\n      kind: slack\n      url_env: RELEASES_URL\n      events: [release]\n",
    );
    env.env("SLACK_URL", &format!("{}/slack", slack.url))
        .env("TEAMS_URL", &format!("{}/teams", teams.url))
        .env("RELEASES_URL", &releases_only.url)
        .env("PROMPTCTL_KEYRING", "off");
    git_ok(&env, &["add", "-A"]);
    git_ok(&env, &["commit", "-q", "-m", "Configure notifications"]);
    let out = env.run(&["rollback", "greet", "--to", "v1", "--commit"]);
    assert_eq!(out.code, 0, "{}", out.stderr);

    let message = slack.received().remove(0).json();
    assert_eq!(
        message["text"],
        "Rolled back greet to v1: `greet` was restored to v1 and committed."
    );
    assert_eq!(message["blocks"][0]["type"], "header");
    assert_eq!(
        message["blocks"][0]["text"]["text"],
        "Rolled back greet to v1"
    );
    assert_eq!(message["blocks"][2]["fields"][0]["text"], "*Prompt*\ngreet");

    let request = teams.received().remove(0);
    assert!(
        request.header("X-Promptctl-Signature").is_none(),
        "chat webhooks are not signed"
    );
    let card = &request.json()["attachments"][0];
    assert_eq!(
        card["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
    assert_eq!(card["content"]["type"], "AdaptiveCard");
    assert_eq!(
        card["content"]["body"][0]["text"],
        "Rolled back greet to v1"
    );
    assert_eq!(card["content"]["body"][2]["facts"][1]["value"], "v1");

    assert!(
        releases_only.received().is_empty(),
        "it asked for releases only"
    );
}

#[test]
fn a_failing_check_is_notified_and_a_passing_one_is_not() {
    let receiver = Receiver::start(Vec::new());
    let mut env = repo();
    webhook(&mut env, &receiver, "check-failed", "");
    let clean = env.run(&["check", "--all"]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    assert!(receiver.received().is_empty());
    env.write(
        "prompts/leak.prompt",
        "---\nstatus: active\n---\nUse the token 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 to call GitHub.\n",
    );
    let out = env.run(&["check", "--all"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let requests = receiver.received();
    assert_eq!(requests.len(), 1);
    let payload = requests[0].json();
    assert_eq!(payload["event"], "check-failed");
    assert!(
        payload["data"]["scan"].as_u64().unwrap_or(0) >= 1,
        "{payload}"
    );
    assert!(
        !String::from_utf8_lossy(&requests[0].body).contains("ghp_R8sT2vW4"),
        "findings' text stays out of notifications"
    );
}

#[test]
fn a_finished_experiment_run_is_notified_with_its_counts() {
    let receiver = Receiver::start(vec![Answer::Status(429, vec![("Retry-After", "0")])]);
    let m = crate::ab::mocks("Your refund is on its way.", "Refund sent.");
    let mut env = crate::ab::project(&m, 4);
    env.write("experiments/refunds.yaml", crate::ab::TWO_ARM);
    webhook(&mut env, &receiver, "experiment-finished", "");
    let out = env.run(&["ab", "run", "refunds", "--run-id", "r1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let requests = receiver.received();
    assert_eq!(requests.len(), 2);
    assert!(signed_correctly(&requests[1]));
    let payload = requests[1].json();
    assert_eq!(payload["event"], "experiment-finished");
    assert_eq!(payload["data"]["experiment"], "refunds");
    assert_eq!(payload["data"]["run_id"], "r1");
    assert_eq!(payload["data"]["samples"], 8);
    assert_eq!(payload["data"]["arms"][0]["done"], 4);
}

#[test]
fn a_recorded_approval_is_notified_with_the_approver_and_the_content() {
    let receiver = Receiver::start(Vec::new());
    let mut env = repo();
    webhook(&mut env, &receiver, "approval-recorded", "");
    git_ok(&env, &["add", "-A"]);
    git_ok(&env, &["commit", "-q", "-m", "Notify approvals"]);
    let out = env.run(&["review", "approve", "greet", "-m", "read it"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let requests = receiver.received();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(signed_correctly(&requests[0]));
    let payload = requests[0].json();
    assert_eq!(payload["event"], "approval-recorded");
    assert_eq!(payload["data"]["prompt"], "greet");
    assert_eq!(payload["data"]["approver"]["email"], "test@example.com");
    let head = git_ok(&env, &["rev-parse", "HEAD"]);
    assert_eq!(payload["data"]["commit"], head.trim());
    assert_eq!(
        payload["data"]["content"].as_str().map(str::len),
        Some(64),
        "the SHA-256 of the approved content: {payload}"
    );
}
