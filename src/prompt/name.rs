//! Prompt names: how a file's path under the prompts root becomes its name.
//!
//! `support/reply.prompt` is the prompt `support/reply`; `support/reply.formal.prompt` is its
//! variant `formal` (written `support/reply.formal` on the command line); `support/_tone.prompt`
//! is the partial `support/tone`, used as `{{> support/tone}}`. This is Dotprompt's directory
//! store convention.

use std::fmt;

/// The file extension of prompt files.
pub const PROMPT_EXTENSION: &str = "prompt";

/// What a file under the prompts root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// A prompt (possibly a variant).
    Prompt,
    /// A partial, included by other prompts.
    Partial,
}

/// The identity of a prompt file: name, optional variant, and whether it is a partial.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PromptName {
    /// Slash-separated name without extension or variant, e.g. `support/reply`.
    pub name: String,
    /// The variant, e.g. `formal` for `support/reply.formal.prompt`.
    pub variant: Option<String>,
    /// Prompt or partial.
    pub kind: FileKind,
}

impl PromptName {
    /// Derives the name from a path relative to the prompts root (`/`-separated).
    ///
    /// Returns `None` for files that are not `.prompt` files.
    pub fn from_relative_path(path: &str) -> Option<PromptName> {
        let path = path.replace('\\', "/");
        let stem = path.strip_suffix(&format!(".{PROMPT_EXTENSION}"))?;
        let (dir, file) = match stem.rsplit_once('/') {
            Some((dir, file)) => (Some(dir), file),
            None => (None, stem),
        };
        if file.is_empty() {
            return None;
        }
        let join = |base: &str| match dir {
            Some(dir) => format!("{dir}/{base}"),
            None => base.to_owned(),
        };
        if let Some(partial) = file.strip_prefix('_') {
            return Some(PromptName {
                name: join(partial),
                variant: None,
                kind: FileKind::Partial,
            });
        }
        let (base, variant) = match file.split_once('.') {
            Some((base, variant)) if !base.is_empty() && !variant.is_empty() => {
                (base, Some(variant.to_owned()))
            }
            _ => (file, None),
        };
        Some(PromptName {
            name: join(base),
            variant,
            kind: FileKind::Prompt,
        })
    }

    /// Parses a name as typed by a user: `support/reply` or `support/reply.formal`.
    pub fn parse_id(id: &str) -> PromptName {
        let id = id
            .strip_suffix(&format!(".{PROMPT_EXTENSION}"))
            .unwrap_or(id);
        let (dir, file) = match id.rsplit_once('/') {
            Some((dir, file)) => (Some(dir), file),
            None => (None, id),
        };
        let (base, variant) = match file.split_once('.') {
            Some((base, variant)) if !base.is_empty() && !variant.is_empty() => {
                (base, Some(variant.to_owned()))
            }
            _ => (file, None),
        };
        let name = match dir {
            Some(dir) => format!("{dir}/{base}"),
            None => base.to_owned(),
        };
        PromptName {
            name,
            variant,
            kind: FileKind::Prompt,
        }
    }

    /// The partial named in `{{> name}}`.
    pub fn partial(name: &str) -> PromptName {
        PromptName {
            name: name.to_owned(),
            variant: None,
            kind: FileKind::Partial,
        }
    }

    /// The path of this file relative to the prompts root.
    pub fn relative_path(&self) -> String {
        let (dir, base) = match self.name.rsplit_once('/') {
            Some((dir, base)) => (format!("{dir}/"), base),
            None => (String::new(), self.name.as_str()),
        };
        match (self.kind, &self.variant) {
            (FileKind::Partial, _) => format!("{dir}_{base}.{PROMPT_EXTENSION}"),
            (FileKind::Prompt, Some(variant)) => {
                format!("{dir}{base}.{variant}.{PROMPT_EXTENSION}")
            }
            (FileKind::Prompt, None) => format!("{dir}{base}.{PROMPT_EXTENSION}"),
        }
    }

    /// The folder part of the name (empty at the top level).
    pub fn folder(&self) -> &str {
        self.name.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

impl fmt::Display for PromptName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == FileKind::Partial {
            write!(f, "partial ")?;
        }
        f.write_str(&self.name)?;
        if let Some(variant) = &self.variant {
            write!(f, ".{variant}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_paths() {
        let p = PromptName::from_relative_path("support/reply.prompt").unwrap();
        assert_eq!(
            (p.name.as_str(), p.variant, p.kind),
            ("support/reply", None, FileKind::Prompt)
        );
        let v = PromptName::from_relative_path("support/reply.formal.prompt").unwrap();
        assert_eq!(v.variant.as_deref(), Some("formal"));
        let partial = PromptName::from_relative_path("a/b/_tone.prompt").unwrap();
        assert_eq!(
            (partial.name.as_str(), partial.kind),
            ("a/b/tone", FileKind::Partial)
        );
        assert!(PromptName::from_relative_path("notes.md").is_none());
    }

    #[test]
    fn relative_path_round_trips() {
        for path in ["x.prompt", "a/b/c.v2.prompt", "a/_p.prompt"] {
            assert_eq!(
                PromptName::from_relative_path(path)
                    .unwrap()
                    .relative_path(),
                path
            );
        }
    }

    #[test]
    fn parse_id_reads_variants() {
        let id = PromptName::parse_id("support/reply.formal");
        assert_eq!(id.name, "support/reply");
        assert_eq!(id.variant.as_deref(), Some("formal"));
        assert_eq!(PromptName::parse_id("x.prompt").name, "x");
    }
}
