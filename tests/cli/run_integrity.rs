//! `ab run` is exactly-once, end to end, with real processes against a loopback mock provider:
//! - two resumes of one run at once, and a resume while the run is still going: one writer,
//!   the other refused (exit 2) — every remaining sample is called and recorded once;
//! - a stale lock (its process is dead) is taken over; a lock from another host is respected;
//! - a resume after an edit of a prompt, or of a partial it includes, is refused (exit 2)
//!   naming the variant, the prompt and the file; a variant at a git branch that moved since
//!   resumes at the commit it started from;
//! - `ab status` with a damaged results file next to a good one lists both and names the
//!   damaged file and line (exit 3);
//! - Ctrl-C right after `Running`: exit 130, the results file stays valid JSONL, and a resume
//!   finishes the run.
//!
//! Races are made deterministic by holding the mock's answers until the test releases them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::mock::{MockServer, Reply, Wire};
use crate::support::TestEnv;

/// Calls in flight at once, as the spec below sets it.
const CONCURRENCY: u64 = 4;

const SPEC: &str = "\
dataset: datasets/cases.jsonl
variants:
  - id: control
    prompt: support/reply
    control: true
  - id: concise
    prompt: support/reply.concise
assertions:
  - type: icontains
    value: refund
concurrency: 4
";

const REPLY: &str = "---\nmodel: alpha/small\ninput:\n  schema:\n    message: string\n---\n{{role \"system\"}}You are a support agent.\n{{> signature}}\n{{role \"user\"}}{{message}}\n";

/// A project whose provider `alpha` is a mock, with a two-variant experiment `calls` over
/// `cases` cases (so `2 * cases` samples); the control prompt includes the partial `signature`.
fn fixture(cases: usize) -> (TestEnv, MockServer) {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "a refund is on its way"));
    let mut env = TestEnv::project();
    env.write(
        "promptctl.yaml",
        &format!(
            "prompts: prompts\nproviders:\n  alpha:\n    kind: openai\n    base_url: {}\n    api_key_env: ALPHA_KEY\n",
            mock.url("/v1")
        ),
    );
    env.write("prompts/support/reply.prompt", REPLY);
    env.write("prompts/_signature.prompt", "Sign as Sam.\n");
    env.write(
        "prompts/support/reply.concise.prompt",
        "---\nmodel: alpha/small\ninput:\n  schema:\n    message: string\n---\n{{role \"system\"}}Answer in one sentence.\n{{role \"user\"}}{{message}}\n",
    );
    let mut data = String::new();
    for i in 0..cases {
        let _ = writeln!(
            data,
            "{{\"id\": \"case-{i:03}\", \"vars\": {{\"message\": \"Where is order {i}?\"}}}}"
        );
    }
    env.write("datasets/cases.jsonl", &data);
    env.write("experiments/calls.yaml", SPEC);
    env.env("ALPHA_KEY", "sk-alpha-test")
        .env("PROMPTCTL_RETRY_BASE_MS", "1")
        .env("PROMPTCTL_KEYRING", "off");
    (env, mock)
}

fn journal(run: &str) -> String {
    format!("results/calls/{run}.jsonl")
}

/// Every line of a results file, each of which must be a JSON record.
fn records(env: &TestEnv, run: &str) -> Vec<Value> {
    env.read(&journal(run))
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record per line"))
        .collect()
}

fn distinct_samples(records: &[Value]) -> usize {
    records
        .iter()
        .map(|r| {
            (
                r["arm"].to_string(),
                r["case_id"].to_string(),
                r["repeat"].to_string(),
            )
        })
        .collect::<BTreeSet<_>>()
        .len()
}

/// Runs the experiment to completion as `run`, one call at a time (so records alternate
/// `control`, `concise`, case by case), then keeps only its first `keep` records, as if it had
/// been stopped there.
fn partial_run(env: &TestEnv, run: &str, keep: usize) {
    let out = env.run(&["ab", "run", "calls", "--run-id", run, "--concurrency", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = env.read(&journal(run));
    let mut kept = String::new();
    for line in text.lines().take(keep) {
        kept.push_str(line);
        kept.push('\n');
    }
    env.write(&journal(run), &kept);
}

fn spawn(env: &TestEnv, args: &[&str]) -> Child {
    env.command()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn promptctl")
}

/// Waits until one of `children` exits (its index) or `calling()` says more than one of them
/// is calling the provider (`None`).
fn first_to_exit(children: &mut [&mut Child], calling: impl Fn() -> bool) -> Option<usize> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        for (i, child) in children.iter_mut().enumerate() {
            if child.try_wait().expect("poll child").is_some() {
                return Some(i);
            }
        }
        if calling() {
            return None;
        }
        assert!(Instant::now() < deadline, "no process ended, none called");
        std::thread::sleep(Duration::from_millis(5));
    }
}

struct Ended {
    code: Option<i32>,
    stderr: String,
}

fn ended(child: Child) -> Ended {
    let out = child.wait_with_output().expect("wait for promptctl");
    Ended {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .expect("this test reads the host name as promptctl does on Linux")
        .trim()
        .to_owned()
}

fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("spawn");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn concurrent_resumes_run_each_remaining_sample_once() {
    let (env, mock) = fixture(20);
    partial_run(&env, "r", 10);
    let before = mock.count();
    mock.hold();
    let mut a = spawn(&env, &["ab", "run", "calls", "--resume", "r"]);
    let mut b = spawn(&env, &["ab", "run", "calls", "--resume", "r"]);
    let first = first_to_exit(&mut [&mut a, &mut b], || {
        mock.count() - before > CONCURRENCY
    });
    mock.release();
    let (a, b) = (ended(a), ended(b));
    assert!(
        first.is_some(),
        "both resumes called the provider at once:\n{}\n{}",
        a.stderr,
        b.stderr
    );
    let (winner, loser) = if a.code == Some(0) { (a, b) } else { (b, a) };
    assert_eq!(winner.code, Some(0), "{}", winner.stderr);
    assert_eq!(loser.code, Some(2), "{}", loser.stderr);
    assert!(
        loser.stderr.contains("the run is locked"),
        "{}",
        loser.stderr
    );
    let all = records(&env, "r");
    assert_eq!(all.len(), 40, "every sample recorded once");
    assert_eq!(distinct_samples(&all), 40);
    assert_eq!(
        mock.count() - before,
        30,
        "every remaining sample called once"
    );
    assert!(!env.path().join("results/calls/r.jsonl.lock").exists());
}

#[test]
fn a_resume_while_the_run_is_still_going_is_refused() {
    let (env, mock) = fixture(20);
    mock.hold();
    let mut running = spawn(&env, &["ab", "run", "calls", "--run-id", "live"]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while mock.count() == 0 {
        assert!(
            Instant::now() < deadline,
            "the run never called the provider"
        );
        assert!(
            running.try_wait().expect("poll").is_none(),
            "the run ended early"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut resume = spawn(&env, &["ab", "run", "calls", "--resume", "live"]);
    let first = first_to_exit(&mut [&mut resume], || mock.count() > CONCURRENCY);
    mock.release();
    let holder = running.id();
    let (running, resume) = (ended(running), ended(resume));
    assert_eq!(first, Some(0), "the resume called the provider too");
    assert_eq!(resume.code, Some(2), "{}", resume.stderr);
    assert!(
        resume
            .stderr
            .contains(&format!("the run is locked: process {holder} on `")),
        "{}",
        resume.stderr
    );
    assert!(
        resume.stderr.contains("wait for it to finish"),
        "{}",
        resume.stderr
    );
    assert_eq!(running.code, Some(0), "{}", running.stderr);
    let all = records(&env, "live");
    assert_eq!(all.len(), 40);
    assert_eq!(distinct_samples(&all), 40);
    assert_eq!(mock.count(), 40, "no sample was called twice");
}

#[test]
fn a_stale_lock_is_taken_over_and_a_foreign_one_respected() {
    let (env, mock) = fixture(10);
    partial_run(&env, "r", 5);
    let lock = "results/calls/r.jsonl.lock";
    env.write(
        lock,
        "{\"pid\":4194000,\"host\":\"build-box-9\",\"started_at\":\"2026-01-01T00:00:00Z\"}\n",
    );
    let before = mock.count();
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the run is locked: process 4194000 on `build-box-9`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "delete `{}` and resume",
            env.path().join(lock).display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), before, "nothing was called");
    assert_eq!(records(&env, "r").len(), 5);

    let dead = dead_pid();
    env.write(
        lock,
        &format!(
            "{{\"pid\":{dead},\"host\":\"{}\",\"started_at\":\"2026-01-01T00:00:00Z\"}}\n",
            host_name()
        ),
    );
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "took over the lock of process {dead} (started 2026-01-01T00:00:00Z), which no longer runs"
        )),
        "{}",
        out.stderr
    );
    let all = records(&env, "r");
    assert_eq!(all.len(), 20);
    assert_eq!(distinct_samples(&all), 20);
    assert!(!env.path().join(lock).exists(), "the lock is released");
}

#[test]
fn resume_refuses_a_prompt_edited_since_the_run_started() {
    let (env, mock) = fixture(10);
    partial_run(&env, "r", 7);
    env.write(
        "prompts/support/reply.prompt",
        &REPLY.replace("You are a support agent.", "You are a terse support agent."),
    );
    let before = mock.count();
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "run `r` cannot be resumed: variant `control`: prompt `support/reply` changed in `prompts/support/reply.prompt` since its 4 records were rendered"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("hint: undo the edit"), "{}", out.stderr);
    assert_eq!(mock.count(), before, "nothing was called");
    assert_eq!(records(&env, "r").len(), 7, "nothing was recorded");
    assert!(!env.path().join("results/calls/r.jsonl.lock").exists());

    env.write("prompts/support/reply.prompt", REPLY);
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(distinct_samples(&records(&env, "r")), 20);
}

#[test]
fn resume_refuses_an_edited_partial_of_a_prompt() {
    let (env, mock) = fixture(10);
    partial_run(&env, "r", 7);
    env.write("prompts/_signature.prompt", "Sign as Alex.\n");
    let before = mock.count();
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "variant `control`: a partial that prompt `support/reply` includes changed since its 4 records were rendered (`prompts/_signature.prompt`)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), before, "nothing was called");
    assert_eq!(records(&env, "r").len(), 7);
}

#[test]
fn resume_renders_a_moved_branch_at_the_commit_the_run_started_from() {
    let (env, mock) = fixture(10);
    env.write(
        "experiments/calls.yaml",
        &SPEC.replace("prompt: support/reply\n", "prompt: support/reply@main\n"),
    );
    assert_eq!(env.git(&["init", "-q", "-b", "main"]).code, 0);
    assert_eq!(env.git(&["add", "-A"]).code, 0);
    assert_eq!(env.git(&["commit", "-q", "-m", "first"]).code, 0);
    partial_run(&env, "r", 7);
    env.write(
        "prompts/support/reply.prompt",
        &REPLY.replace("You are a support agent.", "You are a new agent."),
    );
    env.write("prompts/_signature.prompt", "Sign as Alex.\n");
    assert_eq!(env.git(&["commit", "-q", "-am", "second"]).code, 0);
    let before = mock.received().len();
    let out = env.run(&["ab", "run", "calls", "--resume", "r"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let systems: BTreeSet<String> = mock.received()[before..]
        .iter()
        .map(|r| r.json()["messages"][0]["content"].to_string())
        .collect();
    assert_eq!(systems.len(), 2, "{systems:?}");
    assert!(
        systems
            .iter()
            .any(|s| s.contains("You are a support agent.") && s.contains("Sign as Sam.")),
        "{systems:?}"
    );
    assert!(
        !systems
            .iter()
            .any(|s| s.contains("new agent") || s.contains("Alex")),
        "{systems:?}"
    );
    let all = records(&env, "r");
    assert_eq!(distinct_samples(&all), 20);
    let control: BTreeSet<String> = all
        .iter()
        .filter(|r| r["arm"] == "control")
        .map(|r| r["prompt"].to_string())
        .collect();
    assert_eq!(control.len(), 1, "one version in the variant: {control:?}");
}

#[test]
fn status_reports_a_damaged_results_file_and_lists_the_others() {
    let (env, _mock) = fixture(5);
    let out = env.run(&["ab", "run", "calls", "--run-id", "good"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = env.read(&journal("good"));
    let mut lines = text.lines();
    let first = lines.next().expect("a record");
    // Another sample: status counts each sample once, however often it was recorded.
    let second = lines.next().expect("a second record");
    env.write(
        &journal("torn"),
        &format!("{first}\n{{\"arm\": \n{second}\n"),
    );

    let out = env.run(&["ab", "status", "calls"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let good = out
        .stdout
        .lines()
        .find(|l| l.contains("good"))
        .unwrap_or_else(|| panic!("the good run is listed: {}", out.stdout));
    assert!(good.contains("10/10"), "{good}");
    let torn = out
        .stdout
        .lines()
        .find(|l| l.contains("torn (damaged)"))
        .unwrap_or_else(|| panic!("the damaged run is listed: {}", out.stdout));
    assert!(torn.contains("2/10"), "{torn}");
    assert!(
        out.stderr
            .contains("results/calls/torn.jsonl:2: not a run record"),
        "{}",
        out.stderr
    );

    let out = env.run(&["ab", "status", "calls", "--format", "json"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2);
    let good = runs.iter().find(|r| r["run"] == "good").expect("good");
    assert_eq!(good["samples"], 10);
    assert_eq!(good["damaged"], serde_json::json!([]));
    let torn = runs.iter().find(|r| r["run"] == "torn").expect("torn");
    assert_eq!(torn["samples"], 2);
    assert_eq!(torn["damaged"][0]["file"], "results/calls/torn.jsonl");
    assert_eq!(torn["damaged"][0]["line"], 2);
    assert_eq!(torn["damaged"][0]["damaged_lines"], 1);
}

#[test]
fn ctrl_c_right_after_running_stops_cleanly() {
    let (env, mock) = fixture(100);
    mock.set_default(Reply::Delay(
        Duration::from_millis(40),
        Box::new(Reply::ok(Wire::OpenAi, "a refund")),
    ));
    let mut child = spawn(
        &env,
        &[
            "ab",
            "run",
            "calls",
            "--run-id",
            "int",
            "--concurrency",
            "2",
        ],
    );
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let read = stderr.read_line(&mut line).expect("read stderr");
        assert!(read > 0, "the run ended before `Running`: {seen}");
        seen.push_str(&line);
        if line.contains("Running `calls`") {
            break;
        }
    }
    let signal = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(signal.success());
    stderr.read_to_string(&mut seen).expect("read stderr");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130), "{seen}");
    assert!(
        seen.contains("promptctl ab run calls --resume int"),
        "{seen}"
    );
    let partial = records(&env, "int");
    assert!(partial.len() < 200, "stopped before the end");
    assert_eq!(distinct_samples(&partial), partial.len());
    assert!(!env.path().join("results/calls/int.jsonl.lock").exists());

    let resumed = env.run(&["ab", "run", "calls", "--resume", "int"]);
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    let all = records(&env, "int");
    assert_eq!(all.len(), 200);
    assert_eq!(distinct_samples(&all), 200);
}
