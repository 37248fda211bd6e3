//! `promptctl improve` against a loopback OpenAI mock that answers with three deterministic
//! rewrites (a better one, a terser one, one that breaks a variable): the broken one is
//! discarded with the reason, the others become variants with an experiment spec, the prompt is
//! untouched; `--max-cost` refuses before any call; a library without the meta-prompt is refused.
//! The failed cases of the latest run reach the meta-prompt; in a git repository candidates are
//! committed on a new branch; `--adopt RUN` commits a winner (the mock answers by content, so
//! only the rewrite with `<ticket>` tags passes) and changes nothing when none wins; `--adopt`
//! refuses the cassette flags it would ignore.

use std::fmt::Write as _;

use crate::mock::{MockServer, Reply, Wire};
use crate::support::TestEnv;

const PROMPT: &str = "---\nmodel: openai/gpt-4o-mini\ndataset: datasets/tickets.jsonl\ninput:\n  schema:\n    ticket: string\n  default:\n    ticket: My parcel is a week late.\n---\nAnswer the ticket in a few sentences.\n{{ticket}}\n";

const ANSWER: &str = "<rewrite>\n{{role \"system\"}}\nAnswer the support ticket in at most 3 sentences.\n{{role \"user\"}}\n<ticket>\n{{ticket}}\n</ticket>\n</rewrite>\n<rewrite>\nReply: {{ticket}}\n</rewrite>\n<rewrite>\nAnswer {{tiket}} briefly.\n</rewrite>";

fn project(mock: &MockServer) -> TestEnv {
    let mut env = TestEnv::project();
    env.write("prompts/support/reply.prompt", PROMPT);
    env.write(
        "prompts/promptctl/improve.prompt",
        promptctl::improve::META_PROMPT_TEXT,
    );
    env.env("OPENAI_BASE_URL", &mock.url("/v1"))
        .env("OPENAI_API_KEY", "sk-test-0123456789abcdef")
        .env("PROMPTCTL_KEYRING", "off")
        .env("PROMPTCTL_RETRY_BASE_MS", "1");
    env
}

#[test]
fn improve_keeps_working_rewrites_as_variants_and_discards_the_broken_one() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    let env = project(&mock);
    let out = env.run(&["improve", "support/reply", "--model", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(mock.violations().is_empty(), "{:?}", mock.violations());
    // The meta-prompt carried the prompt's template, its variables and suggest's evidence.
    let sent = String::from_utf8_lossy(&mock.received()[0].body).into_owned();
    assert!(
        sent.contains("Answer the ticket in a few sentences."),
        "{sent}"
    );
    assert!(sent.contains("[vague-quantifier]"), "{sent}");
    assert!(
        out.stdout
            .contains("wrote prompts/support/reply.improve-1.prompt (support/reply.improve-1)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("wrote prompts/support/reply.improve-2.prompt"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("discarded rewrite 3: drops the input variable(s) `ticket`"),
        "{}",
        out.stdout
    );
    let first = env.read("prompts/support/reply.improve-1.prompt");
    assert!(
        first.starts_with("---\nmodel: openai/gpt-4o-mini\ndataset: datasets/tickets.jsonl\n"),
        "{first}"
    );
    assert!(first.contains("<ticket>\n{{ticket}}\n</ticket>"), "{first}");
    assert!(
        !env.path()
            .join("prompts/support/reply.improve-3.prompt")
            .exists()
    );
    assert_eq!(env.read("prompts/support/reply.prompt"), PROMPT);
    let spec = env.read("experiments/support-reply-improve.yaml");
    assert!(spec.contains("dataset: datasets/tickets.jsonl"), "{spec}");
    assert!(
        spec.contains("  - id: current\n    prompt: support/reply\n    control: true\n"),
        "{spec}"
    );
    assert!(
        spec.contains("  - id: improve-2\n    prompt: support/reply.improve-2\n"),
        "{spec}"
    );
    assert!(!spec.contains("improve-3"), "{spec}");
    assert!(spec.contains("# `promptctl ab plan`: "), "{spec}");
    let lint = env.run(&["lint"]);
    assert_eq!(lint.code, 0, "{}", lint.stdout);
}

#[test]
fn improve_refuses_a_call_over_max_cost_before_sending_it() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--max-cost",
        "0.0000001",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("over --max-cost"), "{}", out.stderr);
    assert_eq!(mock.count(), 0);
}

#[test]
fn improve_without_a_meta_prompt_in_the_library_is_refused() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    std::fs::remove_file(env.path().join("prompts/promptctl/improve.prompt")).unwrap();
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("no meta-prompt `promptctl/improve`"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 0);
}

#[test]
fn improve_shows_the_model_the_cases_the_prompt_failed_in_its_latest_run() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "Sorry for the delay."));
    let env = project(&mock);
    env.write(
        "datasets/tickets.jsonl",
        "{\"id\": \"lost\", \"vars\": {\"ticket\": \"My parcel never came.\"}}\n{\"id\": \"late\", \"vars\": {\"ticket\": \"Order 7 is late.\"}}\n",
    );
    env.write(
        "experiments/support-reply.yaml",
        "dataset: datasets/tickets.jsonl\nvariants:\n  - id: current\n    prompt: support/reply\n    control: true\n  - id: other\n    prompt: support/reply\n    model: openai/gpt-4o\nassertions:\n  - type: icontains\n    value: tracking\nmetrics:\n  - pass\n",
    );
    let run = env.run(&["ab", "run", "support-reply", "--run-id", "r1"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let before = mock.count();
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let received = mock.received();
    let sent =
        String::from_utf8_lossy(&received[usize::try_from(before).unwrap()].body).into_owned();
    // Inputs, output and the failed assertion of each failed case reach the meta-prompt.
    assert!(sent.contains("failed case `lost`"), "{sent}");
    assert!(sent.contains("My parcel never came."), "{sent}");
    assert!(
        sent.contains("output \\\"Sorry for the delay.\\\""),
        "{sent}"
    );
    assert!(sent.contains("failed icontains"), "{sent}");
    assert!(
        sent.contains("run r1 of experiment support-reply"),
        "{sent}"
    );
    assert!(
        out.stderr
            .contains("evidence: 4 failed case(s) of run r1 of experiment `support-reply`"),
        "{}",
        out.stderr
    );
}

#[test]
fn improve_without_an_experiment_run_gives_only_the_advice() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    let env = project(&mock);
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let sent = String::from_utf8_lossy(&mock.received()[0].body).into_owned();
    assert!(!sent.contains("failed case"), "{sent}");
    assert!(!out.stderr.contains("evidence:"), "{}", out.stderr);
}

#[test]
fn improve_in_a_git_repository_commits_the_candidates_on_a_new_branch_and_leaves_the_checkout() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.script([
        Reply::ok(Wire::OpenAi, ANSWER),
        Reply::ok(Wire::OpenAi, ANSWER),
    ]);
    let env = project(&mock);
    crate::versioning::git_ok(&env, &["init", "-q", "-b", "main"]);
    crate::versioning::commit_all(&env, "Add reply");
    let head = crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("committed on improve/support-reply: prompts/support/reply.improve-1.prompt"),
        "{}",
        out.stdout
    );
    // The user's checkout is as it was: same HEAD, same branch, nothing new in the work tree.
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]),
        head
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["symbolic-ref", "--short", "HEAD"]),
        "main\n"
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["status", "--porcelain"]),
        ""
    );
    assert!(
        !env.path()
            .join("prompts/support/reply.improve-1.prompt")
            .exists()
    );
    // The branch holds the candidates and the spec on top of HEAD, and git finds it sound.
    let first = crate::versioning::git_ok(
        &env,
        &[
            "show",
            "improve/support-reply:prompts/support/reply.improve-1.prompt",
        ],
    );
    assert!(first.contains("<ticket>\n{{ticket}}\n</ticket>"), "{first}");
    let spec = crate::versioning::git_ok(
        &env,
        &[
            "show",
            "improve/support-reply:experiments/support-reply-improve.yaml",
        ],
    );
    assert!(spec.contains("prompt: support/reply.improve-2"), "{spec}");
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "improve/support-reply^"]),
        head
    );
    crate::versioning::git_ok(&env, &["fsck", "--strict"]);
    // A second run does not overwrite the first branch.
    let again = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("branch improve/support-reply-2 at "),
        "{}",
        again.stdout
    );
}

/// A git project whose dataset checks for a tracking link, with `improve` run once: the
/// candidates are on `improve/support-reply`, which is checked out.
fn improved_repo(mock: &MockServer) -> TestEnv {
    let env = project(mock);
    let mut data = String::new();
    for i in 0..30 {
        let _ = writeln!(
            data,
            "{{\"id\": \"c{i}\", \"vars\": {{\"ticket\": \"Order {i} is late.\"}}, \"assertions\": [{{\"type\": \"icontains\", \"value\": \"tracking\"}}]}}"
        );
    }
    env.write("datasets/tickets.jsonl", &data);
    crate::versioning::git_ok(&env, &["init", "-q", "-b", "main"]);
    crate::versioning::commit_all(&env, "Add reply");
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    crate::versioning::git_ok(&env, &["switch", "-q", "improve/support-reply"]);
    env
}

#[test]
fn improve_adopt_commits_the_winning_candidate_over_the_prompt_naming_the_run() {
    let mock = MockServer::start(Wire::OpenAi);
    // Only the first rewrite wraps the ticket in <ticket> tags; only it gets a tracking link.
    mock.set_default(Reply::ok(Wire::OpenAi, "Sorry for the delay."));
    mock.when(
        "<ticket>",
        Reply::ok(Wire::OpenAi, "Here is your tracking link."),
    );
    let env = improved_repo(&mock);
    let run = env.run(&["ab", "run", "support-reply-improve", "--run-id", "r1"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = env.run(&["improve", "support/reply", "--adopt", "r1"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("adopted improve-1 for support/reply (pass +100.0 pp, run r1"),
        "{}",
        out.stdout
    );
    assert_eq!(
        env.read("prompts/support/reply.prompt"),
        env.read("prompts/support/reply.improve-1.prompt")
    );
    let message = crate::versioning::git_ok(&env, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains("adopt the rewrite `improve-1`"),
        "{message}"
    );
    assert!(message.contains("Promptctl-Run: r1"), "{message}");
    assert!(
        message.contains("Promptctl-Experiment: support-reply-improve"),
        "{message}"
    );
    let changed = crate::versioning::git_ok(&env, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(changed, "prompts/support/reply.prompt\n");
    crate::versioning::git_ok(&env, &["fsck", "--strict"]);
}

#[test]
fn improve_adopt_changes_nothing_when_no_candidate_beats_the_current_version() {
    let mock = MockServer::start(Wire::OpenAi);
    mock.set_default(Reply::ok(Wire::OpenAi, "Sorry for the delay."));
    let env = improved_repo(&mock);
    let head = crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]);
    let run = env.run(&["ab", "run", "support-reply-improve", "--run-id", "r1"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let out = env.run(&["improve", "support/reply", "--adopt", "r1"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("nothing adopted: no candidate beats the current version in run r1"),
        "{}",
        out.stdout
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]),
        head
    );
    assert_eq!(env.read("prompts/support/reply.prompt"), PROMPT);
    let unknown = env.run(&["improve", "support/reply", "--adopt", "r9"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("has no run `r9`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn improve_adopt_refuses_cassette_flags_it_would_not_use() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    for flag in ["--record", "--replay"] {
        let out = env.run(&[
            "improve",
            "support/reply",
            "--adopt",
            "r1",
            flag,
            "cassette.jsonl",
        ]);
        assert_eq!(out.code, 2, "{flag}: {}", out.stderr);
        assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
    }
    assert_eq!(mock.count(), 0);
}

/// A git project whose 40 tickets each ask for a tracking link; the current version gives one
/// for the lost parcels only (half the cases). The mock answers the meta-prompt with
/// [`ANSWER`], then by content: the rewrite with `<ticket>` tags always gives the link, the
/// terse `Reply:` rewrite never does.
fn run_repo(mock: &MockServer, cases: usize) -> TestEnv {
    let env = project(mock);
    let mut data = String::new();
    for i in 0..cases {
        let ticket = if i % 2 == 0 {
            format!("Order {i} is late.")
        } else {
            format!("Parcel {i} was lost.")
        };
        let _ = writeln!(
            data,
            "{{\"id\": \"c{i}\", \"vars\": {{\"ticket\": \"{ticket}\"}}, \"assertions\": [{{\"type\": \"icontains\", \"value\": \"tracking\"}}]}}"
        );
    }
    env.write("datasets/tickets.jsonl", &data);
    crate::versioning::git_ok(&env, &["init", "-q", "-b", "main"]);
    crate::versioning::commit_all(&env, "Add reply");
    env
}

fn answer_by_content(mock: &MockServer) {
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    mock.when(
        "<ticket>",
        Reply::ok(Wire::OpenAi, "Here is your tracking link."),
    );
    mock.when("Reply: ", Reply::ok(Wire::OpenAi, "Sorry for the delay."));
    mock.when(
        "was lost",
        Reply::ok(Wire::OpenAi, "Here is your tracking link."),
    );
    mock.set_default(Reply::ok(Wire::OpenAi, "Sorry for the delay."));
}

fn json_of(out: &crate::support::Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", out.stdout, out.stderr))
}

#[test]
fn improve_run_names_the_better_rewrite_the_winner_and_commits_the_results_on_the_branch() {
    let mock = MockServer::start(Wire::OpenAi);
    answer_by_content(&mock);
    let env = run_repo(&mock, 40);
    let head = crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(mock.violations().is_empty(), "{:?}", mock.violations());
    let text = &out.stdout;
    assert!(
        text.contains("discarded rewrite 3: drops the input variable(s) `ticket`"),
        "{text}"
    );
    assert!(
        text.contains("  improve-1 (support/reply.improve-1): better, pass +50.0 pp"),
        "{text}"
    );
    assert!(
        text.contains("  improve-2 (support/reply.improve-2): worse, pass -50.0 pp"),
        "{text}"
    );
    assert!(
        text.contains("winner: improve-1 (pass +50.0 pp over the current version"),
        "{text}"
    );
    // 40 cases, the whole dataset, each through the current version and both candidates.
    assert!(
        text.contains("40 cases per variant, the whole dataset"),
        "{text}"
    );
    assert_eq!(mock.count(), 1 + 3 * 40);
    let run = "20260101T000000Z";
    assert!(
        text.contains(&format!(
            "adopt it: git switch improve/support-reply && promptctl improve support/reply --adopt {run}"
        )),
        "{text}"
    );
    let results = format!("results/support-reply-improve/{run}.jsonl");
    assert!(
        text.contains(&format!(
            "results: {results} committed on improve/support-reply at "
        )),
        "{text}"
    );
    // The checkout is as it was: same branch, same HEAD, nothing new in the work tree.
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]),
        head
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["symbolic-ref", "--short", "HEAD"]),
        "main\n"
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["status", "--porcelain", "--ignored"]),
        ""
    );
    // The branch: candidates and spec on HEAD, then the results on top.
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "improve/support-reply~2"]),
        head
    );
    let spec = crate::versioning::git_ok(
        &env,
        &[
            "show",
            "improve/support-reply:experiments/support-reply-improve.yaml",
        ],
    );
    assert!(
        spec.contains(
            "  - id: improve-1\n    prompt: support/reply.improve-1@improve/support-reply\n"
        ),
        "{spec}"
    );
    assert!(!spec.contains("improve-3"), "{spec}");
    let records =
        crate::versioning::git_ok(&env, &["show", &format!("improve/support-reply:{results}")]);
    assert_eq!(
        records
            .lines()
            .filter(|l| l.contains("\"case_id\""))
            .count(),
        120,
        "{records}"
    );
    let changed = crate::versioning::git_ok(
        &env,
        &["show", "--name-only", "--format=", "improve/support-reply"],
    );
    assert_eq!(changed, format!("{results}\n"));
    crate::versioning::git_ok(&env, &["fsck", "--strict"]);
    // The adopt command the output gives works on the branch.
    crate::versioning::git_ok(&env, &["switch", "-q", "improve/support-reply"]);
    let adopt = env.run(&["improve", "support/reply", "--adopt", run]);
    assert_eq!(adopt.code, 0, "{}{}", adopt.stdout, adopt.stderr);
    assert_eq!(
        env.read("prompts/support/reply.prompt"),
        env.read("prompts/support/reply.improve-1.prompt")
    );
}

#[test]
fn improve_run_names_no_winner_when_no_rewrite_is_better_and_says_what_sample_would_settle_it() {
    let mock = MockServer::start(Wire::OpenAi);
    // Ten cases: the better rewrite wins 5 pairs, the worse loses 5; too few to settle either.
    answer_by_content(&mock);
    let env = run_repo(&mock, 10);
    let out = env.run(&[
        "--format",
        "json",
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let report = json_of(&out);
    let run = &report["run"];
    assert_eq!(run["winner"], serde_json::Value::Null, "{report}");
    assert_eq!(run["adopt"], serde_json::Value::Null, "{report}");
    assert_eq!(run["cases"], 10);
    assert!(run["required_cases"].as_u64().unwrap() > 10, "{report}");
    assert!(run["needed_cases"].as_u64().unwrap_or(0) > 10, "{report}");
    assert!(
        run["reason"].as_str().unwrap().contains("inconclusive"),
        "{report}"
    );
    for arm in run["arms"].as_array().unwrap() {
        assert_eq!(arm["decision"], "inconclusive", "{report}");
    }
    assert_eq!(report["branch"], "improve/support-reply");
    mock.script([Reply::ok(Wire::OpenAi, ANSWER)]);
    let human = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(human.code, 1, "{}{}", human.stdout, human.stderr);
    assert!(
        human
            .stdout
            .contains("no candidate is better than the current version: inconclusive"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("cases per variant would settle it (this run had 10)"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("--adopt"), "{}", human.stdout);
}

#[test]
fn improve_run_takes_only_the_cases_ab_plan_says_are_needed() {
    let mock = MockServer::start(Wire::OpenAi);
    answer_by_content(&mock);
    let env = run_repo(&mock, 300);
    let out = env.run(&[
        "--format",
        "json",
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let report = json_of(&out);
    let run = &report["run"];
    let required = run["required_cases"].as_u64().unwrap();
    assert!(required < 300, "{report}");
    assert_eq!(run["cases"].as_u64().unwrap(), required);
    assert_eq!(run["dataset_cases"], 300);
    assert_eq!(mock.count(), 1 + 3 * required);
    assert_eq!(run["winner"]["arm"], "improve-1", "{report}");
}

#[test]
fn improve_run_refuses_before_any_call_when_the_experiment_would_pass_max_cost() {
    let mock = MockServer::start(Wire::OpenAi);
    answer_by_content(&mock);
    let env = run_repo(&mock, 40);
    // The rewrites alone fit in the cap; with 3 arms x 40 cases they do not.
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
        "--max-cost",
        "0.003",
    ]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("the rewrites (about $")
            && out.stderr.contains("and the experiment (about $")
            && out.stderr.contains("over --max-cost $0.003"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 0);
    let alone = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--max-cost",
        "0.003",
    ]);
    assert_eq!(alone.code, 0, "{}{}", alone.stdout, alone.stderr);
}

#[test]
fn improve_run_without_a_dataset_is_refused_before_any_call() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    env.write(
        "prompts/support/reply.prompt",
        &PROMPT.replace("dataset: datasets/tickets.jsonl\n", ""),
    );
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`--run` needs a dataset"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 0);
}

#[test]
fn improve_run_recorded_against_the_mock_replays_offline_with_the_same_candidates_and_winner() {
    let mock = MockServer::start(Wire::OpenAi);
    answer_by_content(&mock);
    let mut env = run_repo(&mock, 40);
    let args = [
        "--format",
        "json",
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ];
    let recorded = env.run(&[&args[..], &["--record", "cassettes/improve.jsonl"]].concat());
    assert_eq!(recorded.code, 0, "{}{}", recorded.stdout, recorded.stderr);
    let calls = mock.count();
    assert_eq!(calls, 1 + 3 * 40);
    // No provider from here on: a port nothing listens on, and no key.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/v1", closed.local_addr().unwrap());
    drop(closed);
    env.env("OPENAI_BASE_URL", &dead).env("OPENAI_API_KEY", "");
    let replayed = env.run(&[&args[..], &["--replay", "cassettes/improve.jsonl"]].concat());
    assert_eq!(replayed.code, 0, "{}{}", replayed.stdout, replayed.stderr);
    assert_eq!(mock.count(), calls);
    let (first, second) = (json_of(&recorded), json_of(&replayed));
    assert_eq!(first["candidates"], second["candidates"]);
    assert_eq!(first["run"]["arms"], second["run"]["arms"]);
    assert_eq!(second["run"]["winner"]["arm"], "improve-1", "{second}");
    assert_eq!(first["run"]["winner"], second["run"]["winner"]);
    assert_eq!(second["branch"], "improve/support-reply-2");
    // The replayed run's candidates are read from its own branch.
    let spec = crate::versioning::git_ok(
        &env,
        &[
            "show",
            "improve/support-reply-2:experiments/support-reply-improve.yaml",
        ],
    );
    assert!(
        spec.contains("support/reply.improve-1@improve/support-reply-2\n"),
        "{spec}"
    );
}

/// The example library's committed `improve` run, replayed as the demo does: offline, from a
/// git copy of the library with no key.
#[test]
fn the_example_improve_run_replays_offline_and_the_rewrite_with_examples_wins() {
    let env = crate::integrity::example_repo();
    let head = crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]);
    let out = env.run(&[
        "improve",
        "classification/sentiment",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
        "--replay",
        "cassettes/improve-sentiment.jsonl",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let text = &out.stdout;
    assert!(
        text.contains("discarded rewrite 3: drops the input variable(s) `message`"),
        "{text}"
    );
    assert!(
        text.contains("  improve-1 (classification/sentiment.improve-1): better, pass +"),
        "{text}"
    );
    assert!(
        text.contains("  improve-2 (classification/sentiment.improve-2): worse, pass -"),
        "{text}"
    );
    assert!(text.contains("winner: improve-1 (pass +"), "{text}");
    assert!(
        text.contains("64 cases per variant, the whole dataset (`ab plan` says 113 are needed)"),
        "{text}"
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["rev-parse", "HEAD"]),
        head
    );
    assert_eq!(
        crate::versioning::git_ok(&env, &["status", "--porcelain"]),
        ""
    );
    let better = crate::versioning::git_ok(
        &env,
        &[
            "show",
            "improve/classification-sentiment:prompts/classification/sentiment.improve-1.prompt",
        ],
    );
    assert!(better.contains("Examples:"), "{better}");
}

#[test]
fn improve_with_a_branch_named_improve_says_it_is_in_the_way_before_any_call() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    crate::versioning::git_ok(&env, &["init", "-q", "-b", "main"]);
    crate::versioning::commit_all(&env, "Add reply");
    crate::versioning::git_ok(&env, &["branch", "improve"]);
    let out = env.run(&["improve", "support/reply", "-m", "openai/gpt-4o-mini"]);
    assert_eq!(out.code, 4, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains(
            "cannot create the branch `improve/support-reply`: the branch `improve` exists"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("git branch -m improve improve-old"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 0);
}

#[test]
fn a_prompt_only_on_another_branch_is_read_at_that_branch_and_a_name_nowhere_is_still_unknown() {
    let mock = MockServer::start(Wire::OpenAi);
    let env = project(&mock);
    crate::versioning::git_ok(&env, &["init", "-q", "-b", "main"]);
    crate::versioning::commit_all(&env, "Add reply");
    crate::versioning::git_ok(&env, &["switch", "-q", "-c", "other"]);
    env.write(
        "prompts/support/reply.terse.prompt",
        "Reply tersely: {{ticket}}\n",
    );
    crate::versioning::commit_all(&env, "Add a terse variant");
    crate::versioning::git_ok(&env, &["switch", "-q", "main"]);
    let out = env.run(&[
        "render",
        "support/reply.terse@other",
        "--var",
        "ticket=Late again",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Reply tersely: Late again"),
        "{}",
        out.stdout
    );
    let nowhere = env.run(&["render", "support/nowhere@other"]);
    assert_eq!(nowhere.code, 3, "{}", nowhere.stderr);
    assert!(
        nowhere.stderr.contains("support/nowhere"),
        "{}",
        nowhere.stderr
    );
}

#[test]
fn improve_run_outside_git_reads_the_working_tree_and_writes_the_records_under_results() {
    let mock = MockServer::start(Wire::OpenAi);
    answer_by_content(&mock);
    let env = project(&mock);
    let mut data = String::new();
    for i in 0..40 {
        let ticket = if i % 2 == 0 {
            "Order is late."
        } else {
            "Parcel was lost."
        };
        let _ = writeln!(
            data,
            "{{\"id\": \"c{i}\", \"vars\": {{\"ticket\": \"{ticket} ({i})\"}}, \"assertions\": [{{\"type\": \"icontains\", \"value\": \"tracking\"}}]}}"
        );
    }
    env.write("datasets/tickets.jsonl", &data);
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--run",
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("winner: improve-1"), "{}", out.stdout);
    let results = "results/support-reply-improve/20260101T000000Z.jsonl";
    assert!(
        out.stdout.contains(&format!("results: {results}\n")),
        "{}",
        out.stdout
    );
    assert_eq!(
        env.read(results)
            .lines()
            .filter(|l| l.contains("\"case_id\""))
            .count(),
        120
    );
    let spec = env.read("experiments/support-reply-improve.yaml");
    assert!(
        spec.contains("    prompt: support/reply.improve-1\n"),
        "{spec}"
    );
    assert!(
        out.stdout
            .contains("adopt it: copy prompts/support/reply.improve-1.prompt over prompts/support/reply.prompt (`promptctl improve support/reply --adopt 20260101T000000Z` does it as a commit in a git repository)"),
        "{}",
        out.stdout
    );
}

#[test]
fn improve_run_does_not_run_the_experiment_when_the_real_candidates_would_pass_max_cost() {
    let mock = MockServer::start(Wire::OpenAi);
    // One rewrite far longer than the current version: the estimate made before the call (the
    // current version standing in for each candidate) fits the cap, the real one does not.
    let long = "Be thorough and polite. ".repeat(2000);
    mock.script([Reply::ok(
        Wire::OpenAi,
        &format!("<rewrite>\n{long}\n{{{{ticket}}}}\n</rewrite>"),
    )]);
    let env = run_repo(&mock, 40);
    let out = env.run(&[
        "improve",
        "support/reply",
        "-m",
        "openai/gpt-4o-mini",
        "--n",
        "1",
        "--run",
        "--max-cost",
        "0.03",
    ]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("the candidates are written, nothing was run"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.count(), 1);
    assert!(
        out.stdout
            .contains("committed on improve/support-reply: prompts/support/reply.improve-1.prompt"),
        "{}",
        out.stdout
    );
    // The candidate is on the branch; no results were committed there.
    let changed = crate::versioning::git_ok(
        &env,
        &["show", "--name-only", "--format=", "improve/support-reply"],
    );
    assert!(!changed.contains("results/"), "{changed}");
    assert!(changed.contains("reply.improve-1.prompt"), "{changed}");
}
