//! The audit trail, read back from git history: who changed which prompt, who released what
//! where, whether each commit was signed, and who signed it as git verifies it.
//!
//! Every commit reachable from HEAD is read (not only the first-parent chain: work done on a
//! branch is attributed to its author). Merge commits are skipped because the commits they bring
//! in are listed themselves. Releases are found by comparing the old and new content of each
//! environment file a commit touched.

use std::collections::BTreeMap;

use gix::ObjectId;

use crate::store::release::{Environment, Pin};
use crate::store::tree::{ChangeKind, diff_trees};
use crate::store::{Error, Repo, Result, git};

/// Which entries to keep.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only commits at or after this time (seconds since the epoch).
    pub since: Option<i64>,
    /// Only commits at or before this time.
    pub until: Option<i64>,
    /// Only entries about this prompt id.
    pub prompt: Option<String>,
    /// Only commits whose author name or email contains this text (case-insensitive).
    pub author: Option<String>,
}

/// What an entry records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditAction {
    /// The prompt file was created.
    Added,
    /// The prompt file changed.
    Changed,
    /// The prompt file was deleted.
    Deleted,
    /// The prompt was released to an environment.
    Released {
        /// The environment.
        environment: String,
        /// The version released, when known.
        version: Option<usize>,
        /// The version it replaced, when there was one.
        previous: Option<usize>,
    },
    /// The prompt was removed from an environment.
    Unreleased {
        /// The environment.
        environment: String,
    },
}

/// One audited event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The commit (hex).
    pub commit: String,
    /// Abbreviated commit id.
    pub short: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
    /// Author name.
    pub author: String,
    /// Author email.
    pub email: String,
    /// Committer name.
    pub committer: String,
    /// Whether the commit carries a signature (`gpgsig`).
    pub signed: bool,
    /// The signer, when git verifies the signature as good (`git log --format=%G?`, with the
    /// repository's keyring or `gpg.ssh.allowedSignersFile`).
    pub verified: Option<String>,
    /// First line of the message.
    pub summary: String,
    /// The prompt id.
    pub prompt: String,
    /// What happened.
    pub action: AuditAction,
}

/// Reads a date for `--since`/`--until`: `YYYY-MM-DD`, RFC 3339, RFC 2822, or `@<seconds>`.
pub fn parse_date(text: &str) -> Result<i64> {
    gix::date::parse(text, None)
        .map(|t| t.seconds)
        .map_err(|e| Error::InvalidDate {
            text: text.to_owned(),
            message: e.to_string(),
        })
}

/// The audit trail, newest first.
pub fn audit(repo: &Repo, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let head = repo.head_commit()?;
    let walk = repo
        .git
        .rev_walk([head])
        .all()
        .map_err(git("walking history"))?;
    let env_dir = repo.project_path(&format!("{}/", repo.config().release.dir));
    let author_filter = filter.author.as_ref().map(|a| a.to_lowercase());
    let mut entries = Vec::new();
    for info in walk {
        let info = info.map_err(git("walking history"))?;
        let commit = info.object().map_err(git("reading a commit"))?;
        let parents: Vec<ObjectId> = commit.parent_ids().map(gix::Id::detach).collect();
        if parents.len() > 1 {
            continue;
        }
        let author = commit.author().map_err(git("reading an author"))?;
        let time = author.time().map_err(git("reading a date"))?.seconds;
        if filter.since.is_some_and(|s| time < s) || filter.until.is_some_and(|u| time > u) {
            continue;
        }
        let (name, email) = (author.name.to_string(), author.email.to_string());
        if let Some(wanted) = &author_filter
            && !name.to_lowercase().contains(wanted)
            && !email.to_lowercase().contains(wanted)
        {
            continue;
        }
        let committer = commit
            .committer()
            .map_err(git("reading a committer"))?
            .name
            .to_string();
        let decoded = commit.decode().map_err(git("decoding a commit"))?;
        let signed = decoded
            .extra_headers
            .iter()
            .any(|(k, _)| *k == "gpgsig" || *k == "gpgsig-sha256");
        let summary = decoded
            .message
            .to_string()
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let tree = commit.tree_id().map_err(git("reading a tree"))?.detach();
        let parent_tree = match parents.first() {
            Some(p) => Some(repo.commit_tree(*p)?),
            None => None,
        };
        let mut changes = Vec::new();
        diff_trees(&repo.git, parent_tree, Some(tree), "", &mut changes)?;
        let id = commit.id;
        let make = |prompt: String, action: AuditAction| AuditEntry {
            commit: id.to_string(),
            short: repo.short(id),
            time,
            author: name.clone(),
            email: email.clone(),
            committer: committer.clone(),
            signed,
            verified: None,
            summary: summary.clone(),
            prompt,
            action,
        };
        for change in changes {
            if let Some(prompt_name) = repo.name_of_path(&change.path) {
                let action = match change.kind {
                    ChangeKind::Added => AuditAction::Added,
                    ChangeKind::Modified => AuditAction::Changed,
                    ChangeKind::Deleted => AuditAction::Deleted,
                };
                entries.push(make(crate::store::compare::file_id(&prompt_name), action));
            } else if let Some(file) = change.path.strip_prefix(&env_dir) {
                let Some(environment) = file.strip_suffix(".yaml") else {
                    continue;
                };
                if environment.contains('/') {
                    continue;
                }
                let read = |blob: Option<ObjectId>| -> BTreeMap<String, Pin> {
                    blob.and_then(|b| repo.blob_text(b).ok())
                        .and_then(|t| crate::yaml::from_str::<Environment>(&t).ok())
                        .map(|e| e.prompts)
                        .unwrap_or_default()
                };
                let (old, new) = (read(change.old), read(change.new));
                for (prompt, pin) in &new {
                    if old.get(prompt) != Some(pin) {
                        entries.push(make(
                            prompt.clone(),
                            AuditAction::Released {
                                environment: environment.to_owned(),
                                version: pin.version,
                                previous: old.get(prompt).and_then(|p| p.version),
                            },
                        ));
                    }
                }
                for prompt in old.keys().filter(|p| !new.contains_key(*p)) {
                    entries.push(make(
                        prompt.clone(),
                        AuditAction::Unreleased {
                            environment: environment.to_owned(),
                        },
                    ));
                }
            }
        }
    }
    if let Some(prompt) = &filter.prompt {
        entries.retain(|e| &e.prompt == prompt);
    }
    // Verifying signatures runs git (gix does not verify them): only when some entry is signed.
    if entries.iter().any(|e| e.signed) {
        let signatures = repo.commit_signatures()?;
        for entry in entries.iter_mut().filter(|e| e.signed) {
            entry.verified = signatures
                .get(&entry.commit)
                .and_then(|s| s.verified_signer().map(str::to_owned));
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.time));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_explain() {
        assert_eq!(parse_date("2026-01-01").unwrap(), 1_767_225_600);
        assert_eq!(parse_date("@10").unwrap(), 10);
        assert!(matches!(
            parse_date("next tuesday-ish"),
            Err(Error::InvalidDate { .. })
        ));
    }
}
