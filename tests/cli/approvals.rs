//! Approvals: `review approve` binds an approval to the blobs a prompt renders with, `release`
//! to a protected environment waits for the policy's approvals, changes to a partial void them,
//! approvals made on two branches merge, and signatures are verified by git itself.

use std::process::Command;

use crate::support::{Output, TestEnv};
use crate::versioning::{commit_all, git_ok};

const ALICE: (&str, &str) = ("Alice", "alice@example.com");
const BOB: (&str, &str) = ("Bob", "bob@example.com");
const DAVE: (&str, &str) = ("Dave", "dave@example.com");
const MALLORY: (&str, &str) = ("Mallory", "mallory@example.com");

/// The hermetic command with another git identity (later config entries win, as in git).
fn as_user(mut cmd: Command, (name, email): (&str, &str)) -> Command {
    cmd.env("GIT_CONFIG_COUNT", "4")
        .env("GIT_CONFIG_KEY_2", "user.name")
        .env("GIT_CONFIG_VALUE_2", name)
        .env("GIT_CONFIG_KEY_3", "user.email")
        .env("GIT_CONFIG_VALUE_3", email);
    cmd
}

fn output(mut cmd: Command, args: &[&str]) -> Output {
    let out = cmd.args(args).output().expect("run");
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// promptctl as `who`.
fn run_as(env: &TestEnv, who: (&str, &str), args: &[&str]) -> Output {
    output(as_user(env.command(), who), args)
}

/// git as `who`, in the same hermetic environment.
fn git_as(env: &TestEnv, who: (&str, &str), args: &[&str]) {
    let mut cmd = Command::new("git");
    cmd.current_dir(env.path()).env_clear().envs(
        env.command()
            .get_envs()
            .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
    );
    let out = output(as_user(cmd, who), args);
    assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
}

fn approve(env: &TestEnv, who: (&str, &str), name: &str) {
    let out = run_as(env, who, &["review", "approve", name, "--env", "prod"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// `greet` and `farewell` both include the partial `tone`; prod needs two owners' approvals,
/// and Dave, who wrote the prompts, is an owner whose approval does not count.
fn governed(policy: &str) -> TestEnv {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "promptctl.yaml",
        &format!("prompts: prompts\napprovals:\n  environments:\n    prod: {policy}\n"),
    );
    let owners = "owners: [alice@example.com, Bob, dave@example.com]";
    env.write(
        "prompts/greet.prompt",
        &format!("---\nstatus: active\n{owners}\n---\nHello.\n{{{{> tone}}}}\n"),
    );
    env.write(
        "prompts/farewell.prompt",
        &format!("---\nstatus: active\n{owners}\n---\nBye.\n{{{{> tone}}}}\n"),
    );
    env.write("prompts/_tone.prompt", "Stay calm.\n");
    git_as(&env, DAVE, &["add", "-A"]);
    git_as(
        &env,
        DAVE,
        &["commit", "-q", "-m", "Add greet and farewell"],
    );
    env
}

fn two_owners() -> TestEnv {
    governed("{required: 2, from: owners, author_counts: false}")
}

fn status_json(env: &TestEnv, name: &str) -> serde_json::Value {
    let out = env.run(&[
        "--format", "json", "review", "status", name, "--env", "prod",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    doc["prompts"][0].clone()
}

#[test]
fn approve_records_the_blobs_the_prompt_renders_with_in_a_committed_file() {
    let env = two_owners();
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod", "-m", "ok"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("as Alice <alice@example.com> for prod"),
        "{}",
        out.stdout
    );
    let files = git_ok(&env, &["show", "--name-only", "--format=%an %s", "HEAD"]);
    assert!(files.starts_with("Alice Approve greet ("), "{files}");
    assert!(files.contains(".promptctl/approvals/greet/"), "{files}");
    let path = files
        .lines()
        .find(|l| l.starts_with(".promptctl/approvals/"))
        .expect("file");
    let record = env.read(path);
    let tone = git_ok(&env, &["rev-parse", "HEAD:prompts/_tone.prompt"]);
    let greet = git_ok(&env, &["rev-parse", "HEAD:prompts/greet.prompt"]);
    assert!(
        record.contains(&format!("prompts/_tone.prompt: {}", tone.trim())),
        "{record}"
    );
    assert!(
        record.contains(&format!("prompts/greet.prompt: {}", greet.trim())),
        "{record}"
    );
    assert!(!record.contains("farewell"), "{record}");
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
}

#[test]
fn an_approval_by_a_non_owner_does_not_count() {
    let env = two_owners();
    approve(&env, MALLORY, "greet");
    approve(&env, ALICE, "greet");
    let status = status_json(&env, "greet");
    assert_eq!(status["state"], "pending", "{status}");
    assert_eq!(status["counted"], 1, "{status}");
    let mallory = &status["approvals"]
        .as_array()
        .expect("test step")
        .iter()
        .find(|a| a["email"] == MALLORY.1)
        .expect("listed")["not_counted"];
    assert_eq!(mallory, "not an owner of the prompt");
    let release = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(release.code, 1, "{}", release.stderr);
    assert!(
        release
            .stderr
            .contains("mallory@example.com does not count: not an owner"),
        "{}",
        release.stderr
    );
}

#[test]
fn the_author_of_the_content_does_not_count_unless_the_policy_says_so() {
    let env = two_owners();
    approve(&env, DAVE, "greet");
    let status = status_json(&env, "greet");
    assert_eq!(status["counted"], 0, "{status}");
    assert_eq!(
        status["approvals"][0]["not_counted"],
        "they authored the content (`author_counts: false`)"
    );
    let lenient = governed("{required: 1, from: owners, author_counts: true}");
    approve(&lenient, DAVE, "greet");
    assert_eq!(status_json(&lenient, "greet")["state"], "approved");
}

#[test]
fn editing_a_partial_voids_approvals_of_every_prompt_that_renders_it() {
    let env = two_owners();
    for name in ["greet", "farewell"] {
        approve(&env, ALICE, name);
        approve(&env, BOB, name);
        assert_eq!(status_json(&env, name)["state"], "approved");
    }
    env.write("prompts/_tone.prompt", "Stay calm, always.\n");
    commit_all(&env, "Reword the tone");
    for name in ["greet", "farewell"] {
        let status = status_json(&env, name);
        assert_eq!(status["state"], "void", "{status}");
        assert_eq!(status["counted"], 0, "{status}");
        assert_eq!(
            status["void"],
            serde_json::json!([ALICE.1, BOB.1]),
            "{status}"
        );
    }
    let all = env.run(&["review", "status", "--all"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert!(
        all.stdout
            .contains("voided by a change: alice@example.com, bob@example.com"),
        "{}",
        all.stdout
    );
}

#[test]
fn release_to_a_protected_environment_is_refused_until_approvals_are_complete_then_succeeds() {
    let env = two_owners();
    let refused = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("`prod` is protected and approvals are missing"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("greet needs 2 approvals"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("has 0"), "{}", refused.stderr);
    approve(&env, ALICE, "greet");
    let forced = env.run(&["release", "greet", "--env", "prod", "--force", "urgent"]);
    assert_eq!(
        forced.code, 1,
        "approvals cannot be forced: {}",
        forced.stderr
    );
    assert!(forced.stderr.contains("has 1"), "{}", forced.stderr);
    // An unprotected environment is not held up.
    assert_eq!(env.run(&["release", "greet", "--env", "staging"]).code, 0);
    approve(&env, BOB, "greet");
    let released = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(released.code, 0, "{}", released.stderr);
    assert!(env.read("environments/prod.yaml").contains("greet:"));
}

#[test]
fn review_request_is_listed_as_pending_until_the_reviewer_approves() {
    let env = two_owners();
    let out = env.run(&[
        "review",
        "request",
        "greet",
        "--reviewer",
        "alice@example.com",
        "--reviewer",
        "Bob",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        status_json(&env, "greet")["requested"],
        serde_json::json!(["Bob", ALICE.1])
    );
    approve(&env, ALICE, "greet");
    let status = status_json(&env, "greet");
    assert_eq!(status["requested"], serde_json::json!(["Bob"]), "{status}");
    let table = env.run(&["review", "status", "greet"]);
    assert!(table.stdout.contains("pending"), "{}", table.stdout);
}

#[test]
fn concurrent_approvals_on_two_branches_merge_cleanly() {
    let env = two_owners();
    git_ok(&env, &["branch", "other"]);
    approve(&env, ALICE, "greet");
    git_ok(&env, &["switch", "-q", "other"]);
    approve(&env, BOB, "greet");
    git_ok(&env, &["switch", "-q", "main"]);
    git_ok(&env, &["merge", "-q", "--no-edit", "other"]);
    git_ok(&env, &["fsck", "--strict"]);
    assert_eq!(git_ok(&env, &["status", "--porcelain"]), "");
    assert_eq!(status_json(&env, "greet")["state"], "approved");
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
}

#[test]
fn an_approval_file_committed_by_someone_else_counts_for_nobody() {
    let env = two_owners();
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod", "--no-commit"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    git_as(&env, MALLORY, &["add", "-A"]);
    git_as(&env, MALLORY, &["commit", "-q", "-m", "Approve as Alice"]);
    let status = status_json(&env, "greet");
    assert_eq!(
        status["approvals"][0]["not_counted"],
        "it was committed by mallory@example.com, not by the approver",
        "{status}"
    );
}

/// An SSH key for `email`, trusted through `gpg.ssh.allowedSignersFile`.
fn ssh_signing(env: &TestEnv, email: &str) -> String {
    let key = env.path().join(".home/signing_key");
    std::fs::create_dir_all(key.parent().expect("test step")).expect("test step");
    let keygen = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", email, "-f"])
        .arg(&key)
        .output()
        .expect("ssh-keygen");
    assert!(
        keygen.status.success(),
        "{}",
        String::from_utf8_lossy(&keygen.stderr)
    );
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("test step");
    let allowed = env.path().join(".home/allowed_signers");
    std::fs::write(&allowed, format!("{email} {public}")).expect("test step");
    git_ok(env, &["config", "gpg.format", "ssh"]);
    git_ok(
        env,
        &[
            "config",
            "gpg.ssh.allowedSignersFile",
            allowed.to_str().expect("test step"),
        ],
    );
    key.to_str().expect("test step").to_owned()
}

#[test]
fn a_signed_approval_commit_is_shown_verified_and_an_unsigned_one_is_not() {
    let env = governed("{required: 1, from: owners, signed: true}");
    let key = ssh_signing(&env, ALICE.1);
    approve(&env, BOB, "greet");
    let status = status_json(&env, "greet");
    assert_eq!(status["state"], "pending", "{status}");
    assert_eq!(
        status["approvals"][0]["verified_signer"],
        serde_json::Value::Null
    );
    assert_eq!(
        status["approvals"][0]["not_counted"],
        "its commit has no verified signature (`signed: true`)"
    );
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod", "--no-commit"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    git_as(&env, ALICE, &["add", "-A"]);
    git_as(
        &env,
        ALICE,
        &[
            "-c",
            &format!("user.signingkey={key}"),
            "commit",
            "-q",
            "-S",
            "-m",
            "Approve greet",
        ],
    );
    let status = status_json(&env, "greet");
    assert_eq!(status["state"], "approved", "{status}");
    let alice = status["approvals"]
        .as_array()
        .expect("test step")
        .iter()
        .find(|a| a["email"] == ALICE.1)
        .expect("listed")
        .clone();
    assert_eq!(alice["verified_signer"], ALICE.1, "{status}");
    let table = env.run(&["review", "status", "greet"]);
    assert!(
        table
            .stdout
            .contains("alice@example.com (signed: alice@example.com)"),
        "{}",
        table.stdout
    );
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);

    let audit = env.run(&["--format", "json", "audit"]);
    assert_eq!(audit.code, 0, "{}", audit.stderr);
    let doc: serde_json::Value = serde_json::from_str(&audit.stdout).expect("test step");
    let released = &doc["entries"][0];
    assert_eq!(released["action"], "released");
    assert_eq!(released["signed"], false);
    assert_eq!(released["verified"], serde_json::Value::Null);
    // A release commit signed with the trusted key is verified; one with an unknown key is not.
    git_as(
        &env,
        ALICE,
        &[
            "-c",
            &format!("user.signingkey={key}"),
            "commit",
            "-q",
            "--allow-empty",
            "-S",
            "-m",
            "signed",
        ],
    );
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\nowners: [alice@example.com]\n---\nHi.\n",
    );
    git_as(&env, ALICE, &["add", "-A"]);
    git_as(
        &env,
        ALICE,
        &[
            "-c",
            &format!("user.signingkey={key}"),
            "commit",
            "-q",
            "-S",
            "-m",
            "Reword greet",
        ],
    );
    let audit = env.run(&["--format", "json", "audit", "--prompt", "greet"]);
    let doc: serde_json::Value = serde_json::from_str(&audit.stdout).expect("test step");
    let changed = doc["entries"]
        .as_array()
        .expect("test step")
        .iter()
        .find(|e| e["action"] == "changed")
        .expect("changed")
        .clone();
    assert_eq!(changed["signed"], true, "{doc}");
    assert_eq!(changed["verified"], ALICE.1, "{doc}");
    let table = env.run(&["audit", "--prompt", "greet"]);
    assert!(table.stdout.contains("verified"), "{}", table.stdout);
    // `--require-verified` fails on the unsigned entries and names them; Alice's signed change
    // alone passes.
    let required = env.run(&["audit", "--prompt", "greet", "--require-verified"]);
    assert_eq!(required.code, 1, "{}", required.stderr);
    assert!(
        required.stderr.contains("not verified: "),
        "{}",
        required.stderr
    );
    let alice = env.run(&[
        "audit",
        "--prompt",
        "greet",
        "--author",
        ALICE.1,
        "--require-verified",
    ]);
    assert_eq!(alice.code, 0, "{}{}", alice.stdout, alice.stderr);
}

#[test]
fn an_unprotected_environment_named_in_review_is_a_usage_error() {
    let env = two_owners();
    let out = run_as(&env, ALICE, &["review", "approve", "greet", "--env", "qa"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`qa` is not a protected environment (protected: prod)"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_warns_when_a_pinned_prompt_changed_without_the_approvals_its_environment_needs() {
    let env = two_owners();
    approve(&env, ALICE, "greet");
    approve(&env, BOB, "greet");
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 0);
    let clean = env.run(&["check", "--all"]);
    assert!(
        !clean.stdout.contains("approval/missing"),
        "{}",
        clean.stdout
    );
    // Only the partial changes: the pinned prompt's content changed all the same.
    env.write("prompts/_tone.prompt", "Stay calm, always.\n");
    commit_all(&env, "Reword the tone");
    let warned = env.run(&["check"]);
    assert_eq!(
        warned.code, 0,
        "a warning by default: {}{}",
        warned.stdout, warned.stderr
    );
    assert!(
        warned.stdout.contains("approval/missing"),
        "{}",
        warned.stdout
    );
    assert!(
        warned.stdout.contains("changed since its pin in `prod`"),
        "{}",
        warned.stdout
    );
    let strict = env.run(&["check", "--fail-on", "warning"]);
    assert_eq!(strict.code, 1, "{}{}", strict.stdout, strict.stderr);
    approve(&env, ALICE, "greet");
    approve(&env, BOB, "greet");
    let approved = env.run(&["check", "--all"]);
    assert!(
        !approved.stdout.contains("approval/missing"),
        "{}",
        approved.stdout
    );
}

#[test]
fn a_broken_approval_file_is_invalid_input_named_with_its_line() {
    let env = two_owners();
    approve(&env, ALICE, "greet");
    let path = git_ok(&env, &["show", "--name-only", "--format=", "HEAD"]);
    let path = path.trim();
    env.write(path, "prompt: greet\ncontent: [\n");
    commit_all(&env, "Break an approval");
    let out = env.run(&["review", "status", "greet"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("invalid approval file {path}:")),
        "{}",
        out.stderr
    );
    let release = env.run(&["release", "greet", "--env", "prod"]);
    assert_eq!(release.code, 3, "{}", release.stderr);
}

#[test]
fn an_approvals_policy_with_an_unknown_approver_source_is_refused() {
    let env = governed("{required: 1, from: everyone}");
    let out = env.run(&["review", "status", "--all"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`from: everyone`: write `from: owners`"),
        "{}",
        out.stderr
    );
}

#[test]
fn pr_report_names_owners_and_pending_approvals_of_a_changed_prompt() {
    let env = two_owners();
    let base = git_ok(&env, &["rev-parse", "HEAD"]).trim().to_owned();
    env.write(
        "prompts/greet.prompt",
        "---\nstatus: active\nowners: [alice@example.com, Bob, dave@example.com]\n---\nHello there.\n{{> tone}}\n",
    );
    git_as(&env, DAVE, &["add", "-A"]);
    git_as(&env, DAVE, &["commit", "-q", "-m", "Reword greet"]);
    let out = env.run(&["review", "request", "greet", "--reviewer", "Bob"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    approve(&env, ALICE, "greet");
    let range = format!("{base}..HEAD");
    let out = env.run(&["pr-report", &range, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let greet = report["prompts"]
        .as_array()
        .expect("prompts")
        .iter()
        .find(|p| p["name"] == "greet")
        .expect("greet changed")
        .clone();
    assert_eq!(
        greet["owners"],
        serde_json::json!(["alice@example.com", "Bob", "dave@example.com"])
    );
    let prod = &greet["approvals"][0];
    assert_eq!(prod["environment"], "prod");
    assert_eq!(prod["state"], "pending", "{greet}");
    assert_eq!(prod["approvals"], 1);
    assert_eq!(prod["required"], 2);
    assert_eq!(prod["requested"], serde_json::json!(["Bob"]));
    let markdown = env.run(&["pr-report", &range]);
    assert!(
        markdown
            .stdout
            .contains("**Owners:** alice@example.com, Bob, dave@example.com"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("**Approvals for `prod`:** pending (1 of 2); requested from Bob"),
        "{}",
        markdown.stdout
    );
}

#[test]
fn a_good_signature_by_someone_elses_key_does_not_count_as_the_approvers() {
    let env = governed("{required: 1, from: owners, signed: true}");
    // Mallory's key is trusted as Mallory's; Alice's approval commit is signed with it.
    let key = ssh_signing(&env, MALLORY.1);
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod", "--no-commit"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    git_as(&env, ALICE, &["add", "-A"]);
    git_as(
        &env,
        ALICE,
        &[
            "-c",
            &format!("user.signingkey={key}"),
            "commit",
            "-q",
            "-S",
            "-m",
            "Approve greet",
        ],
    );
    let status = status_json(&env, "greet");
    assert_eq!(status["state"], "pending", "{status}");
    assert_eq!(status["approvals"][0]["verified_signer"], MALLORY.1);
    assert_eq!(
        status["approvals"][0]["not_counted"],
        "its commit is signed by mallory@example.com, not by the approver (`signed: true`)"
    );
    assert_eq!(env.run(&["release", "greet", "--env", "prod"]).code, 1);
}

#[test]
fn owners_from_folder_defaults_may_approve() {
    let env = TestEnv::project();
    git_ok(&env, &["init", "-q", "-b", "main"]);
    env.write(
        "promptctl.yaml",
        "prompts: prompts\ndefaults:\n  folders:\n    team: {owners: [alice@example.com]}\napprovals:\n  environments:\n    prod: {required: 1, from: owners}\n",
    );
    env.write(
        "prompts/team/hello.prompt",
        "---\nstatus: active\n---\nHello.\n",
    );
    git_as(&env, DAVE, &["add", "-A"]);
    git_as(&env, DAVE, &["commit", "-q", "-m", "Add hello"]);
    approve(&env, BOB, "team/hello");
    assert_eq!(status_json(&env, "team/hello")["state"], "pending");
    approve(&env, ALICE, "team/hello");
    let status = status_json(&env, "team/hello");
    assert_eq!(status["state"], "approved", "{status}");
    assert_eq!(status["eligible"], serde_json::json!([ALICE.1]));
}

#[test]
fn approving_with_uncommitted_edits_says_they_are_not_approved() {
    let env = two_owners();
    env.write("prompts/_tone.prompt", "Stay very calm.\n");
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("uncommitted edits to `prompts/_tone.prompt` are not part of this approval"),
        "{}",
        out.stderr
    );
    // Once the file is back to what HEAD holds, there is nothing to warn about.
    env.write("prompts/_tone.prompt", "Stay calm.\n");
    let clean = run_as(
        &env,
        BOB,
        &["review", "approve", "farewell", "--env", "prod"],
    );
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(!clean.stderr.contains("uncommitted"), "{}", clean.stderr);
}

#[test]
fn approvals_refuse_names_that_leave_the_project_and_a_folder_that_links_out() {
    let env = two_owners();
    for name in ["../greet", "/etc/passwd", "a/../../greet"] {
        let out = run_as(&env, ALICE, &["review", "approve", name]);
        assert_eq!(out.code, 3, "{name}: {}", out.stderr);
    }
    let outside = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(outside.path(), env.path().join(".promptctl")).expect("symlink");
    let out = run_as(
        &env,
        ALICE,
        &["review", "approve", "greet", "--env", "prod", "--no-commit"],
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(outside.path())
            .expect("read outside")
            .count(),
        0
    );
}
