//! Rollback: write an earlier version of a prompt back to its file, optionally committing it.

use crate::confine::{Boundary, PathEscape};
use crate::prompt::PromptName;
use crate::store::commit::{self, CommitOptions, Committed, OwnedFile};
use crate::store::{Error, Repo, Result, revision};

/// What a rollback did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollbackReport {
    /// The prompt id.
    pub name: String,
    /// The file written (repository path).
    pub path: String,
    /// The version written back, when it is a numbered version.
    pub version: Option<usize>,
    /// The reference as written.
    pub reference: String,
    /// The commit, with `--commit`.
    pub committed: Option<Committed>,
    /// Whether the file already had that content.
    pub unchanged: bool,
}

/// Writes the content of `name@reference` to the prompt's current file.
///
/// Without `commit`, only the working tree changes, and a file with uncommitted edits is refused
/// unless `force`. With `commit`, the safe-commit rules of [`commit::commit_owned`] apply.
pub fn rollback(
    repo: &Repo,
    name: &str,
    reference: &str,
    commit: Option<&CommitOptions>,
    force: bool,
) -> Result<RollbackReport> {
    let prompt = PromptName::parse_id(name);
    crate::confine::check_name(&prompt.relative_path()).map_err(|e| PathEscape {
        name: name.to_owned(),
        ..e
    })?;
    let id = crate::library::display_id(&prompt);
    let (_, resolved) = revision::resolve(repo, &prompt, reference)?;
    let content = repo.blob_text(resolved.blob_id()?)?.into_bytes();
    let path = repo.prompt_path(&prompt);
    // A linked folder or file on the way must not carry the read or the write outside.
    Boundary::new(repo.workdir()).check(&repo.workdir().join(&path))?;
    let label = resolved
        .version
        .map_or_else(|| reference.to_owned(), |v| format!("v{v}"));
    let current = repo.read_worktree(&path)?;
    let unchanged = current.as_deref() == Some(content.as_slice());
    let mut report = RollbackReport {
        name: id.clone(),
        path: path.clone(),
        version: resolved.version,
        reference: reference.to_owned(),
        committed: None,
        unchanged,
    };
    if let Some(options) = commit {
        let message = format!("Roll back {id} to {label}");
        let committed = commit::commit_owned(repo, &message, options, &mut |_, _| {
            Ok(vec![OwnedFile {
                path: path.clone(),
                content: content.clone(),
            }])
        })?;
        report.committed = Some(committed);
        return Ok(report);
    }
    if !force && !unchanged {
        let head_tree = match repo.head_commit() {
            Ok(head) => Some(repo.commit_tree(head)?),
            Err(_) => None,
        };
        commit::check_clean(repo, head_tree, &path)?;
    }
    let absolute = repo.workdir().join(&path);
    if let Some(parent) = absolute.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&absolute, &content).map_err(|source| Error::Io {
        path: absolute,
        source,
    })?;
    Ok(report)
}
