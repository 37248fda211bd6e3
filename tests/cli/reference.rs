//! Generated files stay in step with the CLI definition: the shell completions committed under
//! `completions/` and the command reference in `docs/commands.md` (every command's `--help`).
//!
//! When a command changes, regenerate both with
//! `PROMPTCTL_UPDATE_GENERATED=1 cargo test --test cli reference`.
#![allow(clippy::disallowed_methods)] // the update switch is read by the test, not by promptctl

use std::fmt::Write as _;
use std::path::Path;

use crate::support::TestEnv;

const SHELLS: &[&str] = &["bash", "zsh", "fish", "powershell", "elvish"];

fn updating() -> bool {
    std::env::var_os("PROMPTCTL_UPDATE_GENERATED").is_some()
}

fn check_or_update(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if updating() {
        std::fs::write(&path, generated).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "`{relative}` is out of date: run `PROMPTCTL_UPDATE_GENERATED=1 cargo test --test cli reference`"
    );
}

#[test]
fn committed_completions_match_the_cli() {
    let env = TestEnv::new();
    for shell in SHELLS {
        let out = env.run(&["completions", shell]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("promptctl"), "{shell}");
        check_or_update(&format!("completions/promptctl.{shell}"), &out.stdout);
    }
}

/// Subcommand names listed under `Commands:` in a help text.
fn subcommands(help: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line == "Commands:" {
            inside = true;
            continue;
        }
        if inside {
            if line.is_empty() || !line.starts_with("  ") {
                break;
            }
            // Continuation lines of a long description are indented further.
            if line.starts_with("   ") {
                continue;
            }
            if let Some(name) = line.split_whitespace().next()
                && name != "help"
            {
                names.push(name.to_owned());
            }
        }
    }
    names
}

#[test]
fn command_reference_matches_every_help_text() {
    let env = TestEnv::new();
    let mut doc = String::from(
        "# Command reference\n\nGenerated from the CLI definition by `tests/cli/reference.rs`; every \
         command's `--help`, as printed. Do not edit by hand.\n",
    );
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let title = if path.is_empty() {
            "promptctl".to_owned()
        } else {
            format!("promptctl {}", path.join(" "))
        };
        let _ = write!(doc, "\n## `{title}`\n\n```text\n{}```\n", out.stdout);
        seen += 1;
        // Depth-first in the order the help lists them.
        for name in subcommands(&out.stdout).into_iter().rev() {
            let mut child = path.clone();
            child.push(name);
            queue.push(child);
        }
    }
    assert!(seen > 40, "only {seen} commands found");
    check_or_update("docs/commands.md", &doc);
}
