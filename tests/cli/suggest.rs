//! `promptctl suggest`: advice with evidence on a real project, `--fix` writing the file and
//! refusing nothing that lints, rules switched off in `promptctl.yaml`, `--explain`, JSON with
//! exact and estimated token counts, and the error paths (unknown prompt, unknown rule in config).

use crate::support::TestEnv;

const TICKET: &str = "---\nmodel: openai/gpt-4o-mini\ncategory: classification\nconfig:\n  maxOutputTokens: 50\ninput:\n  schema:\n    body: string\noutput:\n  format: json\n  schema:\n    queue: string\n    reason: string\n---\n{{role \"system\"}}\nRoute the ticket in a few words. Reply in JSON. Example: printer on fire -> hardware.\n{{role \"user\"}}\n{{body}}\n";

fn project() -> TestEnv {
    let env = TestEnv::project();
    env.write("prompts/triage.prompt", TICKET);
    env
}

#[test]
fn suggest_reports_rule_evidence_hint_and_fix() {
    let env = project();
    let out = env.run(&["suggest", "triage"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("triage (openai/gpt-4o-mini): "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("tokens (o200k_base)"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "prompts/triage.prompt:16:21: [vague-quantifier] \"a few words\" is vague: say how many"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "prompts/triage.prompt:18:1: [undelimited-input] `body` is inserted without delimiters"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("fix (--fix): wrap `body` in <body> tags"),
        "{}",
        out.stdout
    );
}

#[test]
fn suggest_fix_rewrites_the_file_and_leaves_only_unfixable_advice() {
    let env = project();
    let out = env.run(&["suggest", "triage", "--fix"]);
    assert!(
        out.stdout
            .contains("fixed prompts/triage.prompt: 2 fix(es) applied"),
        "{}",
        out.stdout
    );
    let text = env.read("prompts/triage.prompt");
    assert!(text.contains("in 3 words"), "{text}");
    assert!(text.contains("<body>\n{{body}}\n</body>"), "{text}");
    assert_eq!(out.code, 0, "{}", out.stdout);
    let lint = env.run(&["lint"]);
    assert_eq!(lint.code, 0, "{}", lint.stdout);
}

#[test]
fn suggest_rules_switched_off_in_config_are_silent() {
    let env = project();
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nsuggest:\n  rules:\n    vague-quantifier: \"off\"\n    undelimited-input: \"off\"\n",
    );
    let out = env.run(&["suggest", "triage"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn suggest_json_gives_token_counts_exact_or_estimated() {
    let env = project();
    env.write(
        "prompts/other.prompt",
        "---\nmodel: anthropic/claude-sonnet-4\n---\nHi {{name}}, in 2 words.",
    );
    let out = env.run(&["suggest", "--all", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let tokens: Vec<(&str, &str)> = doc["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["tokens"]["method"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(tokens, [("other", "estimated"), ("triage", "exact")]);
    assert!(
        doc["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "undelimited-input"
                && s["line"] == 18
                && s["fix"] == "wrap `body` in <body> tags")
    );
}

#[test]
fn suggest_explain_shows_before_and_after() {
    let out = TestEnv::new().run(&["suggest", "--explain", "vague-quantifier"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("### `vague-quantifier`"));
    assert!(out.stdout.contains("Before:") && out.stdout.contains("After:"));
    let unknown = TestEnv::new().run(&["suggest", "--explain", "vague-quantifer"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `vague-quantifier`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn suggest_unknown_prompt_or_rule_in_config_is_refused_with_a_hint() {
    let env = project();
    let out = env.run(&["suggest", "triag"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("no prompt named `triag`") && out.stderr.contains("`triage`"),
        "{}",
        out.stderr
    );
    env.write(
        "promptctl.yaml",
        "prompts: prompts\nsuggest:\n  rules:\n    vague-quantifer: \"off\"\n",
    );
    let out = env.run(&["suggest", "triage"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("did you mean `vague-quantifier`?"),
        "{}",
        out.stderr
    );
}
