//! `control-character`: a control character (NUL, ESC, DEL, …) in a prompt file.
//!
//! A NUL byte makes git, grep and many secret scanners treat the whole file as binary and skip
//! it, while the prompt still parses and renders: one invisible byte would hide everything else
//! in the file from a pre-commit check. Other control characters hide text in a terminal or a
//! review diff. Tab, line feed and carriage return are ordinary text.

use crate::finding::{Finding, Severity};
use crate::lint::{LintContext, Rule, finding};

/// Prompt files containing control characters.
pub struct ControlCharacter;

impl Rule for ControlCharacter {
    fn id(&self) -> &'static str {
        "control-character"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "A prompt file contains a control character (NUL, ESC, DEL, …)"
    }

    fn explanation(&self) -> &'static str {
        "Prompt files are text: the only control characters they may hold are tab, line feed and \
carriage return. A NUL byte makes git, `grep` and most secret scanners treat the whole file as \
binary and skip it, while the prompt still renders, so one invisible byte can hide a key from a \
pre-commit check. Escape sequences and other control characters hide or rewrite text in a \
terminal and in review diffs. Each line with one is reported at its first control character; \
delete it (most editors show it as `^@`, `\\0` or `<0x00>`)."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for (index, line) in ctx.entry.text.split('\n').enumerate() {
            let found = line
                .chars()
                .enumerate()
                .find(|(_, c)| is_disallowed_control(*c));
            if let Some((column, c)) = found {
                let count = line.chars().filter(|c| is_disallowed_control(*c)).count();
                let more = if count > 1 {
                    format!(" (and {} more on this line)", count - 1)
                } else {
                    String::new()
                };
                out.push(finding(
                    self,
                    ctx.at(index + 1, column + 1),
                    format!("control character {}{more}", describe(c)),
                    Some(hint(line).to_owned()),
                ));
            }
        }
        out
    }
}

/// Why to delete it: a NUL anywhere on the line is the more serious problem.
fn hint(line: &str) -> &'static str {
    if line.contains('\0') {
        "delete it: a NUL makes git and secret scanners skip the file as binary"
    } else {
        "delete it: control characters hide or rewrite text in terminals and review diffs"
    }
}

/// A control character other than tab, line feed and carriage return.
fn is_disallowed_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `U+0000 (NUL)`: the code point, with the usual name of the common ones.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        '\u{8}' => " (backspace)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::check;

    #[test]
    fn nul_and_escape_are_reported_at_their_line_and_column() {
        let found = check(
            &ControlCharacter,
            &[(
                "a.prompt",
                "---\ndescription: x\n---\nHello\tthere\r\nkey\0 sk\0\nred \u{1b}[31m\n",
            )],
        );
        assert_eq!(
            found,
            [
                "a.prompt:5:4 control character U+0000 (NUL) (and 1 more on this line)",
                "a.prompt:6:5 control character U+001B (ESC)",
            ]
        );
    }

    #[test]
    fn tabs_and_line_endings_are_text() {
        assert!(check(&ControlCharacter, &[("a.prompt", "a\tb\r\nc\n")]).is_empty());
    }
}
