//! `merge-conflict`: a prompt file that still holds the markers of an unresolved merge.

use crate::finding::{Finding, Severity};
use crate::library::EntryError;
use crate::lint::{LintContext, Rule, finding};
use crate::prompt::ParseErrorKind;

/// Unresolved `<<<<<<<` / `=======` / `>>>>>>>` blocks.
pub struct MergeConflict;

impl Rule for MergeConflict {
    fn id(&self) -> &'static str {
        "merge-conflict"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "The file holds the markers of an unresolved merge conflict"
    }

    fn explanation(&self) -> &'static str {
        "A merge that conflicted leaves both sides in the file between `<<<<<<<`, `=======` and \
`>>>>>>>` lines. In the front matter they break the YAML; in the body they would be sent to the \
model as prompt text. The finding names the lines of both sides: keep the one you want (or \
combine them) and delete the three marker lines.\n\nBad:\n\n```yaml\n---\n<<<<<<< ours\nconfig:\n  \
temperature: 0.9\n=======\nconfig:\n  temperature: 0.5\n>>>>>>> theirs\n---\n```\n\nGood:\n\n\
```yaml\n---\nconfig:\n  temperature: 0.5\n---\n```"
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        match &ctx.entry.document {
            Err(EntryError::Parse(e)) if e.kind == ParseErrorKind::MergeConflict => vec![finding(
                self,
                ctx.at(e.line, e.column),
                e.message.clone(),
                Some("keep one side (or combine them) and delete the marker lines".to_owned()),
            )],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::YamlSyntax;
    use crate::lint::test_support::check;

    const CONFLICTED: &str = "---\nmodel: openai/gpt-4o\n<<<<<<< ours\nconfig:\n  temperature: 0.9\n=======\nconfig:\n  temperature: 0.5\n>>>>>>> theirs\n---\nHi\n";

    #[test]
    fn conflict_markers_name_both_sides_and_are_not_a_yaml_error() {
        let found = check(&MergeConflict, &[("a.prompt", CONFLICTED)]);
        assert_eq!(
            found,
            [
                "a.prompt:3:1 unresolved merge conflict (lines 3–9): ours (lines 4–5): `config:` / \
              `temperature: 0.9`; theirs (lines 7–8): `config:` / `temperature: 0.5`"
            ]
        );
        assert!(check(&YamlSyntax, &[("a.prompt", CONFLICTED)]).is_empty());
    }

    #[test]
    fn conflicts_in_the_body_are_found_with_git_labels() {
        let text = "---\ndescription: x\n---\nGreet.\n<<<<<<< HEAD\nAnswer briefly.\n=======\nAnswer in detail.\n>>>>>>> feature\n";
        let found = check(&MergeConflict, &[("a.prompt", text)]);
        assert_eq!(
            found,
            [
                "a.prompt:5:1 unresolved merge conflict (lines 5–9): HEAD (line 6): `Answer briefly.`; \
              feature (line 8): `Answer in detail.`"
            ]
        );
    }

    #[test]
    fn lone_marker_like_lines_are_not_conflicts() {
        let text = "Title\n=======\n<<<<<<<< not a marker\n>>>>>>> quoted\n";
        assert!(check(&MergeConflict, &[("a.prompt", text)]).is_empty());
    }
}
