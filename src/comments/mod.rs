//! Review comments on prompts, kept in the repository next to the prompts they discuss.
//!
//! Each comment is one small YAML file, `.promptctl/comments/<prompt id>/<comment id>.yaml`,
//! committed with the change it discusses. One file per comment is what makes comments merge:
//! two branches that comment on the same prompt add different files and never conflict, and
//! resolving a thread edits only that thread's first file. A reply is a comment whose
//! `reply_to` names the comment it answers; threads are rebuilt on reading.
//!
//! A comment on a line carries an [`anchor::Anchor`] (the line's text and its neighbours), so it
//! follows the line through edits elsewhere in the file and is marked outdated when the line
//! itself changes.

pub mod anchor;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::comments::anchor::{Anchor, Placement};

/// Where comments live, relative to the project root.
pub const COMMENTS_DIR: &str = ".promptctl/comments";

/// One comment or reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Short content hash, unique in the project.
    pub id: String,
    /// The prompt id (`support/reply`).
    pub prompt: String,
    /// Who wrote it (the git identity's name).
    pub author: String,
    /// When (RFC 3339).
    pub created: String,
    /// The comment this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The line it is about; `None` for the prompt as a whole (and for replies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// The text.
    pub body: String,
    /// Whether the thread is resolved (set on a thread's first comment).
    #[serde(default)]
    pub resolved: bool,
}

/// A comment to add.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// The prompt id.
    pub prompt: &'a str,
    /// The prompt file's current text (for the anchor).
    pub prompt_text: &'a str,
    /// The line (1-based), if the comment is about one.
    pub line: Option<usize>,
    /// Who writes it.
    pub author: &'a str,
    /// When (RFC 3339).
    pub created: &'a str,
    /// The text.
    pub body: &'a str,
}

/// A thread: a first comment and its replies, placed in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// The first comment.
    pub root: Comment,
    /// Replies (and replies to replies), oldest first.
    pub replies: Vec<Comment>,
    /// Where the anchored line is now; `None` for a comment on the whole prompt.
    pub placement: Option<Placement>,
}

/// Why comments could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A comment file could not be read or written.
    #[error("cannot access `{}`", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The comments folder leads out of the project (a symbolic link).
    #[error("{0}")]
    PathEscape(#[source] crate::confine::PathEscape),
    /// A comment file is not valid.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file (relative to the project root).
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The prompt has no such line.
    #[error("`{prompt}` has {lines} lines; there is no line {line}")]
    NoSuchLine {
        /// The prompt id.
        prompt: String,
        /// The line asked for.
        line: usize,
        /// How many lines it has.
        lines: usize,
    },
    /// No comment has this id.
    #[error("no comment with id `{id}`")]
    UnknownComment {
        /// The id asked for.
        id: String,
    },
    /// The comment text is empty.
    #[error("a comment needs some text")]
    EmptyBody,
}

/// The comments of one project.
#[derive(Debug, Clone)]
pub struct CommentStore {
    root: PathBuf,
}

impl CommentStore {
    /// The comments under `project_root`.
    pub fn new(project_root: &Path) -> CommentStore {
        CommentStore {
            root: project_root.to_path_buf(),
        }
    }

    /// Every comment in the project, sorted by creation time then id.
    pub fn all(&self) -> Result<Vec<Comment>, Error> {
        let mut files = Vec::new();
        collect_files(&self.root.join(COMMENTS_DIR), &mut files)?;
        let mut comments = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let relative = file.strip_prefix(&self.root).unwrap_or(&file).to_path_buf();
            let comment: Comment = crate::yaml::from_str(&text).map_err(|e| Error::Invalid {
                path: relative,
                line: e.line.unwrap_or(1),
                column: e.column.unwrap_or(1),
                message: e.message,
            })?;
            comments.push(comment);
        }
        comments.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
        Ok(comments)
    }

    /// The comments on one prompt.
    pub fn for_prompt(&self, prompt: &str) -> Result<Vec<Comment>, Error> {
        Ok(self
            .all()?
            .into_iter()
            .filter(|c| c.prompt == prompt)
            .collect())
    }

    /// Writes a new comment on a prompt.
    pub fn add(&self, new: &NewComment<'_>) -> Result<Comment, Error> {
        let anchor = match new.line {
            Some(line) => {
                Some(
                    Anchor::at(new.prompt_text, line).ok_or_else(|| Error::NoSuchLine {
                        prompt: new.prompt.to_owned(),
                        line,
                        lines: new.prompt_text.lines().count(),
                    })?,
                )
            }
            None => None,
        };
        self.write_new(Comment {
            id: String::new(),
            prompt: new.prompt.to_owned(),
            author: new.author.to_owned(),
            created: new.created.to_owned(),
            reply_to: None,
            anchor,
            body: new.body.trim().to_owned(),
            resolved: false,
        })
    }

    /// Writes a reply to comment `to` (on the same prompt).
    pub fn reply(
        &self,
        to: &str,
        author: &str,
        created: &str,
        body: &str,
    ) -> Result<Comment, Error> {
        let parent = self.find(to)?;
        self.write_new(Comment {
            id: String::new(),
            prompt: parent.prompt,
            author: author.to_owned(),
            created: created.to_owned(),
            reply_to: Some(parent.id),
            anchor: None,
            body: body.trim().to_owned(),
            resolved: false,
        })
    }

    /// Marks the thread that comment `id` belongs to as resolved; returns its first comment.
    pub fn resolve(&self, id: &str) -> Result<Comment, Error> {
        let all = self.all()?;
        let mut current = all
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::UnknownComment { id: id.to_owned() })?;
        while let Some(parent) = current
            .reply_to
            .as_ref()
            .and_then(|p| all.iter().find(|c| &c.id == p))
        {
            current = parent;
        }
        let mut root = current.clone();
        root.resolved = true;
        self.write(&root)?;
        Ok(root)
    }

    fn find(&self, id: &str) -> Result<Comment, Error> {
        self.all()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::UnknownComment { id: id.to_owned() })
    }

    fn write_new(&self, mut comment: Comment) -> Result<Comment, Error> {
        if comment.body.is_empty() {
            return Err(Error::EmptyBody);
        }
        let taken: Vec<String> = self.all()?.into_iter().map(|c| c.id).collect();
        let mut salt = 0u32;
        loop {
            comment.id = content_id(&comment, salt);
            if !taken.contains(&comment.id) {
                break;
            }
            salt += 1;
        }
        self.write(&comment)?;
        Ok(comment)
    }

    fn write(&self, comment: &Comment) -> Result<(), Error> {
        let path = self.path_of(comment);
        // A `.promptctl` or `comments` folder that is a link out of the project is refused, as
        // every other file promptctl writes.
        crate::confine::Boundary::new(&self.root)
            .check(&path)
            .map_err(Error::PathEscape)?;
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let text = crate::yaml::to_string(comment).map_err(|e| Error::Invalid {
            path: path.clone(),
            line: e.line.unwrap_or(1),
            column: e.column.unwrap_or(1),
            message: e.message,
        })?;
        std::fs::write(&path, text).map_err(io)
    }

    /// `.promptctl/comments/<prompt id>/<id>.yaml` under the project root.
    fn path_of(&self, comment: &Comment) -> PathBuf {
        let mut path = self.root.join(COMMENTS_DIR);
        path.extend(comment.prompt.split('/'));
        path.join(format!("{}.yaml", comment.id))
    }
}

/// Eight hex digits of a hash of what the comment says, where and when, and by whom.
fn content_id(comment: &Comment, salt: u32) -> String {
    let mut hasher = Sha256::new();
    for part in [
        comment.prompt.as_str(),
        comment.author.as_str(),
        comment.created.as_str(),
        comment.reply_to.as_deref().unwrap_or(""),
        comment.anchor.as_ref().map_or("", |a| a.text.as_str()),
        comment.body.as_str(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(salt.to_le_bytes());
    let digest = hasher.finalize();
    format!(
        "{:08x}",
        u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
    )
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if kind.is_dir() {
            collect_files(&path, out)?;
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Groups comments into threads (by `reply_to`, following replies to replies) and places each
/// thread's anchor in `text`, the prompt file as it is now. Threads are in creation order;
/// replies follow the comment they answer (depth first), so a conversation reads in order even
/// when two comments carry the same time.
pub fn threads(comments: &[Comment], text: &str) -> Vec<Thread> {
    comments
        .iter()
        .filter(|c| c.reply_to.is_none())
        .map(|root| {
            let mut replies = Vec::new();
            let mut stack: Vec<&Comment> = children(comments, &root.id);
            while let Some(reply) = stack.pop() {
                replies.push(reply.clone());
                // A file edited into a loop must not make this endless.
                if replies.len() <= comments.len() {
                    stack.extend(children(comments, &reply.id));
                }
            }
            Thread {
                root: root.clone(),
                replies,
                placement: root.anchor.as_ref().map(|a| a.locate(text)),
            }
        })
        .collect()
}

/// The direct replies to `id`, newest first (so popping from the end yields the oldest).
fn children<'a>(comments: &'a [Comment], id: &str) -> Vec<&'a Comment> {
    let mut out: Vec<&Comment> = comments
        .iter()
        .filter(|c| c.reply_to.as_deref() == Some(id))
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new<'a>(text: &'a str, line: Option<usize>, body: &'a str) -> NewComment<'a> {
        NewComment {
            prompt: "support/reply",
            prompt_text: text,
            line,
            author: "Ada",
            created: "2026-01-01T00:00:00Z",
            body,
        }
    }

    #[test]
    fn replies_thread_under_their_first_comment_and_resolve_marks_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let store = CommentStore::new(dir.path());
        let text = "a\nb\n";
        let first = store.add(&new(text, Some(2), "why b?")).unwrap();
        let answer = store
            .reply(&first.id, "Grace", "2026-01-02T00:00:00Z", "because")
            .unwrap();
        let again = store
            .reply(&answer.id, "Ada", "2026-01-03T00:00:00Z", "ok")
            .unwrap();
        let other = store.add(&new(text, None, "whole prompt")).unwrap();
        let all = store.for_prompt("support/reply").unwrap();
        let threads = threads(&all, text);
        assert_eq!(threads.len(), 2);
        assert_eq!(threads[0].root.id, first.id);
        assert_eq!(threads[0].replies, [answer, again.clone()]);
        assert_eq!(threads[0].placement, Some(Placement::At(2)));
        assert_eq!(threads[1].root.id, other.id);
        assert_eq!(threads[1].placement, None);

        let resolved = store.resolve(&again.id).unwrap();
        assert_eq!(resolved.id, first.id);
        assert!(store.for_prompt("support/reply").unwrap()[0].resolved);
        assert!(
            dir.path()
                .join(COMMENTS_DIR)
                .join("support/reply")
                .join(format!("{}.yaml", first.id))
                .is_file()
        );
    }

    #[test]
    fn refuses_a_line_the_prompt_does_not_have_and_an_empty_body() {
        let dir = tempfile::tempdir().unwrap();
        let store = CommentStore::new(dir.path());
        assert!(matches!(
            store.add(&new("a\n", Some(3), "x")),
            Err(Error::NoSuchLine { lines: 1, .. })
        ));
        assert!(matches!(
            store.add(&new("a\n", None, "  ")),
            Err(Error::EmptyBody)
        ));
        assert!(matches!(
            store.resolve("nope"),
            Err(Error::UnknownComment { .. })
        ));
    }

    #[test]
    fn an_invalid_comment_file_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(COMMENTS_DIR).join("a/x.yaml");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "id: x\nprompt: a\nbogus: 1\n").unwrap();
        let err = CommentStore::new(dir.path()).all().unwrap_err();
        assert!(
            err.to_string().starts_with(".promptctl/comments/a/x.yaml:"),
            "{err}"
        );
    }
}
