//! Input too large for naive algorithms: YAML and JSON nested 100,000 levels deep is refused
//! with the limit, the file and the line, before any parser recurses or rescans; so are template
//! blocks nested past 100 levels, which overflowed the stack; and a prompt of
//! 20,000 template lines renders and lints (the work is measured in the core's own tests).

use std::fmt::Write as _;

use crate::support::TestEnv;

const DEPTH: usize = 100_000;

fn deep_flow() -> String {
    format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

/// A project whose one prompt has a front matter value nested [`DEPTH`] levels deep.
fn deep_front_matter() -> TestEnv {
    let env = TestEnv::project();
    env.write(
        "prompts/deep.prompt",
        &format!("---\nname: deep\nx: {}\n---\nHi\n", deep_flow()),
    );
    env
}

fn assert_refused(out: &crate::support::Output, file: &str) {
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("nesting deeper than 100 levels"),
        "{}",
        &all[..all.len().min(2000)]
    );
    assert!(all.contains(file), "{}", &all[..all.len().min(2000)]);
}

#[test]
fn deeply_nested_front_matter_is_refused_by_render() {
    let env = deep_front_matter();
    let out = env.run(&["render", "deep"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_refused(&out, "prompts/deep.prompt:3:");
}

#[test]
fn deeply_nested_front_matter_is_a_finding_in_lint() {
    let env = deep_front_matter();
    let out = env.run(&["lint"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_refused(&out, "prompts/deep.prompt:3:");
}

#[test]
fn deeply_nested_front_matter_does_not_stall_list_search_or_scan() {
    let env = deep_front_matter();
    env.write("prompts/ok.prompt", "---\ndescription: fine\n---\nHello\n");
    for args in [&["list"][..], &["search", "fine"], &["scan"]] {
        let out = env.run(args);
        assert!(out.code <= 3, "{args:?}: {}", out.stderr);
    }
    let list = env.run(&["list"]);
    assert!(list.stdout.contains("ok"), "{}", list.stdout);
    let search = env.run(&["search", "fine"]);
    assert!(
        search.stderr.contains("nesting deeper than 100 levels"),
        "{}",
        search.stderr
    );
}

#[test]
fn deeply_nested_vars_files_are_refused() {
    let env = TestEnv::project();
    env.write("prompts/hi.prompt", "Hello {{x}}\n");
    env.write("vars.json", &format!("{{\"x\": {}}}\n", deep_flow()));
    env.write(
        "vars.yaml",
        &format!("x: {}1{}\n", "{a: ".repeat(DEPTH), "}".repeat(DEPTH)),
    );
    for file in ["vars.json", "vars.yaml"] {
        let out = env.run(&["render", "hi", "--vars", file]);
        assert_eq!(out.code, 3, "{file}: {}", out.stderr);
        assert_refused(&out, &format!("{file}:1:"));
    }
}

#[test]
fn deeply_nested_template_blocks_are_refused_not_a_stack_overflow() {
    let env = TestEnv::project();
    // 20,000 nested `if` blocks overflowed the stack and aborted the process (exit 134).
    let levels = 20_000;
    env.write(
        "prompts/deep.prompt",
        &format!(
            "---\nname: deep\n---\n{}x{}\n",
            "{{#if a}}".repeat(levels),
            "{{/if}}".repeat(levels)
        ),
    );
    let at = format!("prompts/deep.prompt:4:{}", 1 + 100 * "{{#if a}}".len());
    let render = env.run(&["render", "deep", "--var", "a=1"]);
    assert_eq!(render.code, 3, "{}", render.stderr);
    assert!(render.stderr.contains(&at), "{}", render.stderr);
    assert!(
        render.stderr.contains("nested deeper than 100 levels"),
        "{}",
        render.stderr
    );
    let lint = env.run(&["lint"]);
    assert_eq!(lint.code, 1, "{}", lint.stderr);
    assert!(lint.stdout.contains(&at), "{}", lint.stdout);
}

#[test]
fn a_prompt_of_twenty_thousand_lines_renders_and_lints() {
    let env = TestEnv::project();
    let body = (0..20_000).fold(String::new(), |mut out, i| {
        let _ = writeln!(out, "Hello {{{{name}}}} line {i}");
        out
    });
    env.write(
        "prompts/big.prompt",
        &format!("---\ndescription: big\ninput:\n  schema:\n    name: string\n---\n{body}"),
    );
    let out = env.run(&["render", "big", "--var", "name=Ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Hello Ada line 19999"));
    assert_eq!(out.stdout.lines().count(), 20_000);
    let lint = env.run(&["lint"]);
    assert_eq!(lint.code, 0, "{}", lint.stderr);
}
