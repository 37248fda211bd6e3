//! The YAML examples in `docs/` and `README.md` are checked with the parser of their kind, so a
//! guide cannot show a key promptctl rejects or ignores.
//!
//! A fenced `yaml` block is classified by its content: a first line `# promptctl.yaml` is a
//! project config, a block starting with `---` is a prompt file's front matter, a top-level
//! `rules:` is a policy file and a top-level `variants:` an experiment spec. Other blocks are
//! fragments (a single key, a CI workflow) and are not checked. A block shown on purpose as
//! wrong is preceded by `<!-- docs-test: invalid -->` or by the lint guide's `Bad:` line and
//! must fail to parse, so it cannot silently become valid either.
//!
//! Cases: `yaml_examples_in_docs_parse_with_the_real_parser_of_their_kind`,
//! `docs_yaml_checker_rejects_a_config_key_promptctl_does_not_know`.

use std::path::{Path, PathBuf};

use promptctl::config::Config;
use promptctl::experiment::spec::Spec;
use promptctl::prompt::document::PromptDocument;
use promptctl::scan::policy::PolicySet;

/// One fenced block: where it starts, its text, and whether it is marked as a wrong example.
struct Block {
    file: PathBuf,
    line: usize,
    text: String,
    marked_invalid: bool,
}

fn yaml_blocks(file: &Path, markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut previous_nonblank = "";
    let mut lines = markdown.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let fence = line.trim_start();
        if fence == "```yaml" || fence == "```yml" {
            let indent = line.len() - fence.len();
            let mut text = String::new();
            for (_, body) in lines.by_ref() {
                if body.trim_start() == "```" {
                    break;
                }
                text.push_str(body.get(indent..).unwrap_or(body.trim_start()));
                text.push('\n');
            }
            blocks.push(Block {
                file: file.to_path_buf(),
                line: index + 1,
                text,
                marked_invalid: previous_nonblank.contains("docs-test: invalid")
                    || previous_nonblank == "Bad:",
            });
        }
        if !line.trim().is_empty() {
            previous_nonblank = line;
        }
    }
    blocks
}

/// Parses a block with the parser of its kind; `None` when the block is a fragment.
fn check(block: &Block) -> Option<Result<(), String>> {
    let text = &block.text;
    let top_level = |key: &str| text.lines().any(|line| line.starts_with(key));
    if text.starts_with("# promptctl.yaml") {
        Some(Config::parse(text).map(drop).map_err(|e| e.to_string()))
    } else if text.starts_with("---") {
        Some(
            PromptDocument::parse(text)
                .map(drop)
                .map_err(|e| e.to_string()),
        )
    } else if top_level("rules:") {
        Some(
            PolicySet::parse(Path::new("policies/example.yaml"), text)
                .map(drop)
                .map_err(|e| e.to_string()),
        )
    } else if top_level("variants:") {
        Some(
            Spec::parse(Path::new("experiments/example.yaml"), text)
                .map(drop)
                .map_err(|e| format!("{e:?}")),
        )
    } else {
        None
    }
}

fn markdown_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("read docs/")
        .map(|entry| entry.expect("read docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.push(root.join("README.md"));
    files.sort();
    files
}

#[test]
fn yaml_examples_in_docs_parse_with_the_real_parser_of_their_kind() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let markdown = std::fs::read_to_string(&file).unwrap();
        for block in yaml_blocks(&file, &markdown) {
            let Some(outcome) = check(&block) else {
                continue;
            };
            checked += 1;
            let place = format!("{}:{}", block.file.display(), block.line);
            match (outcome, block.marked_invalid) {
                (Err(error), false) => problems.push(format!("{place}: {error}")),
                (Ok(()), true) => {
                    problems.push(format!("{place}: marked invalid but parses"));
                }
                _ => {}
            }
        }
    }
    assert!(checked >= 6, "only {checked} YAML examples recognised");
    assert!(
        problems.is_empty(),
        "YAML examples that drifted:\n{}",
        problems.join("\n")
    );
}

#[test]
fn docs_yaml_checker_rejects_a_config_key_promptctl_does_not_know() {
    let markdown = "```yaml\n# promptctl.yaml\nprompts: prompts\nenvironments:\n  prod: {}\n```\n";
    let blocks = yaml_blocks(Path::new("x.md"), markdown);
    assert_eq!(blocks.len(), 1);
    let error = check(&blocks[0]).unwrap().unwrap_err();
    assert!(error.contains("environments"), "{error}");
}

/// In the command reference (every `--help`, kept current by the `reference` tests), each
/// example of an `Examples:` section is a line of its own holding one `promptctl` call (at the
/// start, or after a pipe or in `"$(...)"`).
#[test]
fn help_examples_stand_one_per_line() {
    let reference =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md"))
            .unwrap();
    let mut problems = Vec::new();
    let mut lines = reference.lines().enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        if !line.starts_with("Examples:") {
            continue;
        }
        if line.trim_end() != "Examples:" {
            problems.push(format!("docs/commands.md:{}: {line}", index + 1));
        }
        while let Some((index, example)) = lines.next_if(|(_, l)| !l.trim().is_empty()) {
            let example = example.trim_start();
            let starts = example.starts_with("promptctl ")
                || example.contains("| promptctl ")
                || example.contains("\"$(promptctl ");
            if !starts || example.matches("promptctl ").count() != 1 {
                problems.push(format!("docs/commands.md:{}: {example}", index + 1));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "examples run together:\n{}",
        problems.join("\n")
    );
}

/// Splits a documented command line into arguments: whitespace-separated, double quotes group,
/// a `#` starts a comment. `None` when the line uses the shell (pipes, `&&`, `$`, redirects).
fn shell_words(line: &str) -> Option<Vec<String>> {
    let line = line.split(" #").next().unwrap_or(line).trim();
    if line.contains(['|', '&', '$', '>', '<', '\'', '`']) {
        return None;
    }
    let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    Some(words)
}

/// The documented commands that run offline against the example library as they are written:
/// every `promptctl -C prompts-example ...` line and every `promptctl stats ...` line that reads
/// no file. Others name prompts of the guide's own story (`support/reply`) or need a provider.
fn runnable_examples() -> Vec<(String, Vec<String>)> {
    let mut commands = Vec::new();
    for file in markdown_files() {
        if file.ends_with("commands.md") {
            continue; // generated from --help, checked by the reference tests
        }
        let markdown = std::fs::read_to_string(&file).expect("read a Markdown file");
        let mut in_shell = false;
        for (index, line) in markdown.lines().enumerate() {
            let fence = line.trim();
            if let Some(language) = fence.strip_prefix("```") {
                // A closing fence has no language, so it always ends a shell block.
                in_shell = !in_shell && matches!(language, "sh" | "bash" | "console" | "shell");
                continue;
            }
            let command = fence.strip_prefix("$ ").unwrap_or(fence);
            if !in_shell || !command.starts_with("promptctl ") {
                continue;
            }
            let Some(words) = shell_words(command) else {
                continue;
            };
            let runnable = words.get(1..3)
                == Some(&["-C".to_owned(), "prompts-example".to_owned()])
                || (words[1] == "stats" && !command.contains(".csv"));
            if runnable {
                let place = format!("{}:{}", file.display(), index + 1);
                commands.push((place, words[1..].to_vec()));
            }
        }
    }
    commands
}

#[test]
fn shell_examples_in_docs_run_against_the_example_library() {
    let env = crate::support::TestEnv::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts-example");
    let copy = env.path().join("prompts-example");
    let status = std::process::Command::new("cp")
        .args(["-R".as_ref(), example.as_os_str(), copy.as_os_str()])
        .status()
        .unwrap();
    assert!(status.success());
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "-A"],
        &["commit", "-q", "-m", "example"],
    ] {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&copy)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let examples = runnable_examples();
    assert!(
        examples.len() >= 20,
        "only {} runnable examples",
        examples.len()
    );
    let mut problems = Vec::new();
    for (place, args) in &examples {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        // 0: done; 1: findings (lint, scan), which the guides show on purpose.
        if !matches!(out.code, 0 | 1) {
            problems.push(format!(
                "{place}: promptctl {} exited {}: {}",
                args.join(" "),
                out.code,
                out.stderr.trim()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "documented commands that fail:\n{}",
        problems.join("\n")
    );
}
