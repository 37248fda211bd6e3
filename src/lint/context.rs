//! What a rule sees while checking one file: the entry, its prepared facts, the compact library
//! index, and helpers that turn template and front-matter positions into file locations.
//!
//! Only the file being checked is parsed; everything about other files comes from the index.

use crate::finding::Location;
use crate::library::Entry;
use crate::lint::index::{Declared, LibraryIndex, Prepared};
use crate::project::Project;
use crate::prompt::PromptDocument;
use crate::prompt::analysis::Reference;

/// The file being checked and everything around it.
pub struct LintContext<'a> {
    /// The project (configuration, root).
    pub project: &'a Project,
    /// Name lookups and the facts of partials and bases, for the whole library.
    pub index: &'a LibraryIndex,
    /// Position of the entry in the library (path order).
    pub position: usize,
    /// The entry being checked.
    pub entry: &'a Entry,
    /// Its prepared facts.
    pub prepared: &'a Prepared,
}

impl<'a> LintContext<'a> {
    /// The context for `entry`, the library's entry at `position`.
    pub fn new(
        project: &'a Project,
        index: &'a LibraryIndex,
        position: usize,
        entry: &'a Entry,
        prepared: &'a Prepared,
    ) -> Self {
        LintContext {
            project,
            index,
            position,
            entry,
            prepared,
        }
    }

    /// The existing partials this file includes directly.
    pub fn partial_edges(&self) -> Vec<usize> {
        self.index
            .resolve_partials(LibraryIndex::included_partials(&self.prepared.analysis))
    }

    /// The variables this prompt declares, following `extends` to the file that sets `input`.
    pub fn declared(&self) -> Declared {
        let index = self.index;
        let source = std::iter::once(self.position)
            .chain(index.bases(self.position))
            .find(|&i| index.has_input(i))
            .unwrap_or(self.position);
        if source == self.position {
            return Declared::of(source, self.document(), self.prepared);
        }
        index.facts(source).map_or_else(
            || Declared {
                source,
                ..Declared::default()
            },
            |f| f.declared.clone(),
        )
    }

    /// The parsed document, when the file parsed.
    pub fn document(&self) -> Option<&'a PromptDocument> {
        self.entry.document.as_ref().ok()
    }

    /// The whole file.
    pub fn at_file(&self) -> Location {
        Location::file(&self.entry.path)
    }

    /// A 1-based line and column in the file.
    pub fn at(&self, line: usize, column: usize) -> Location {
        Location::at(&self.entry.path, line, column)
    }

    /// A template-relative position, mapped to the file.
    pub fn at_template(&self, line: usize, column: usize) -> Location {
        match self.document() {
            Some(doc) => {
                let (line, column) = doc.file_position(line, column);
                self.at(line, column)
            }
            None => self.at(line, column),
        }
    }

    /// Where a template reference is in the file.
    pub fn at_reference(&self, reference: &Reference) -> Location {
        self.at_template(reference.line, reference.column)
    }

    /// Where a front-matter key path is (the deepest key found), or the file.
    pub fn at_key(&self, path: &[&str]) -> Location {
        self.document()
            .and_then(|d| d.locate(path))
            .map_or_else(|| self.at_file(), |(l, c)| self.at(l, c))
    }

    /// Where a scalar `value` of the top-level list or string `key` is written, e.g. one item of
    /// `links:`; falls back to the key.
    pub fn at_value(&self, key: &str, value: &str) -> Location {
        let Some(doc) = self.document() else {
            return self.at_file();
        };
        let Some((key_line, _)) = doc.locate(&[key]) else {
            return self.at_file();
        };
        let first = key_line - doc.front_matter_line;
        for (offset, line) in doc.front_matter_text.lines().enumerate().skip(first) {
            if offset > first && !line.starts_with([' ', '\t', '-']) {
                break;
            }
            let searchable = if offset == first {
                line.split_once(':').map_or("", |(_, rest)| rest)
            } else {
                line
            };
            if let Some(found) = find_token(searchable, value) {
                let column = line.len() - searchable.len() + found + 1;
                return self.at(doc.front_matter_line + offset, column);
            }
        }
        self.at_key(&[key])
    }
}

/// Finds `value` in `line` as a whole token (not part of a longer name).
fn find_token(line: &str, value: &str) -> Option<usize> {
    if value.is_empty() {
        return None;
    }
    let is_name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '.');
    let mut from = 0;
    while let Some(found) = line[from..].find(value) {
        let start = from + found;
        let end = start + value.len();
        let before_ok = !line[..start].chars().next_back().is_some_and(is_name_char);
        let after_ok = !line[end..].chars().next().is_some_and(is_name_char);
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + 1;
        while !line.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_token;

    #[test]
    fn tokens_match_whole_names_only() {
        assert_eq!(find_token(" [a/bc, a/b]", "a/b"), Some(8));
        assert_eq!(find_token("- a/b", "a/b"), Some(2));
        assert_eq!(find_token("a/bc", "a/b"), None);
    }
}
