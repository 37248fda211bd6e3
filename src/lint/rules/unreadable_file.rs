//! `unreadable-file`: a prompt file that could not be read (permissions, not UTF-8).

use crate::finding::{Finding, Severity};
use crate::library::EntryError;
use crate::lint::{LintContext, Rule, finding};

/// A file that could not be read as text.
pub struct UnreadableFile;

impl Rule for UnreadableFile {
    fn id(&self) -> &'static str {
        "unreadable-file"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn summary(&self) -> &'static str {
        "A prompt file could not be read as UTF-8 text"
    }

    fn explanation(&self) -> &'static str {
        "Every `.prompt` file under the prompts folder must be readable UTF-8 text. The usual \
causes are a file saved in another encoding (Latin-1, UTF-16) or a file without read permission. \
Re-save the file as UTF-8, or fix its permissions."
    }

    fn check(&self, ctx: &LintContext<'_>) -> Vec<Finding> {
        match &ctx.entry.document {
            Err(EntryError::Read(message)) => vec![finding(
                self,
                ctx.at_file(),
                format!("cannot read the file: {message}"),
                Some("prompt files must be readable UTF-8 text".to_owned()),
            )],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::lint::test_support::{library, project};
    use crate::lint::{LibraryIndex, LintContext, Prepared};

    #[test]
    fn reports_read_errors_and_nothing_else() {
        let mut lib: Library = library(&[("a.prompt", "Hi"), ("b.prompt", "Hi")]);
        lib.entries[1].document = Err(EntryError::Read(
            "stream did not contain valid UTF-8".into(),
        ));
        let project = project();
        let index = LibraryIndex::build(&lib);
        let ctx = |i: usize| {
            let entry = &lib.entries[i];
            let prepared = Prepared::of(entry);
            UnreadableFile.check(&LintContext::new(&project, &index, i, entry, &prepared))
        };
        assert!(ctx(0).is_empty());
        let found = ctx(1);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("valid UTF-8"));
        assert_eq!(found[0].location.line, 0);
    }
}
