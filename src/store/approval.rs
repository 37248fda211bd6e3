//! What approvals need from git: the exact blobs a prompt renders with, the files committed under
//! the approvals folder, the current identity, and who committed (and signed) each approval.
//!
//! gix does not verify signatures, so signature status comes from git itself (`git log
//! --format=%G?`), which honours the repository's `gpg.format`, `gpg.ssh.allowedSignersFile` and
//! `GnuPG` keyring exactly as `git verify-commit` does.

use std::cell::RefCell;
use std::collections::BTreeMap;

use gix::ObjectId;

use crate::prompt::{FrontMatter, PromptName, SourceFile, SourceLoader};
use crate::store::loader::GitLoader;
use crate::store::tree::{self, TreeFile};
use crate::store::{Error, Repo, Result, git};

/// The files a prompt renders with at one commit.
#[derive(Debug, Clone)]
pub struct RenderInputs {
    /// The commit they were read at (hex).
    pub commit: String,
    /// Repository path to blob id (hex) of the prompt, its bases and every partial it includes.
    pub files: BTreeMap<String, String>,
    /// The prompt's effective front matter (after `extends`).
    pub front_matter: FrontMatter,
    /// Name and email of the author of the last commit that changed any of these files.
    pub author: Option<(String, String)>,
}

/// How git judged a commit's signature (`%G?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureStatus {
    /// A good, trusted signature (`G`).
    Good,
    /// A signature that is not good: bad, untrusted, expired, unknown key (`B`, `U`, `X`, `Y`,
    /// `R`, `E`).
    NotVerified,
    /// No signature (`N`).
    Unsigned,
}

impl SignatureStatus {
    fn parse(code: &str) -> SignatureStatus {
        match code {
            "G" => SignatureStatus::Good,
            "N" | "" => SignatureStatus::Unsigned,
            _ => SignatureStatus::NotVerified,
        }
    }
}

/// A commit's author and signature, as git verifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitSignature {
    /// The commit (hex).
    pub commit: String,
    /// Author name.
    pub author_name: String,
    /// Author email.
    pub author_email: String,
    /// Git's verdict.
    pub status: SignatureStatus,
    /// The signer git names (`%GS`: the key's user id, or the SSH principal), when signed.
    pub signer: Option<String>,
}

impl CommitSignature {
    /// The signer, when git verified the signature as good.
    pub fn verified_signer(&self) -> Option<&str> {
        match self.status {
            SignatureStatus::Good => Some(self.signer.as_deref().unwrap_or("")),
            _ => None,
        }
    }
}

/// A loader that notes the repository path and blob of every file it serves.
struct Recording<'a> {
    inner: GitLoader,
    repo: &'a Repo,
    tree: ObjectId,
    seen: RefCell<BTreeMap<String, String>>,
}

impl SourceLoader for Recording<'_> {
    fn load(&self, name: &PromptName) -> std::io::Result<Option<SourceFile>> {
        let file = self.inner.load(name)?;
        if file.is_some() {
            let path = self.repo.prompt_path(name);
            if let Ok(Some(TreeFile::Blob(blob))) = tree::file_at(&self.repo.git, self.tree, &path)
            {
                self.seen
                    .borrow_mut()
                    .insert(path, blob.to_hex().to_string());
            }
        }
        Ok(file)
    }
}

impl Repo {
    /// The prompt, its bases and its partials as committed at `commit` (hex; HEAD when `None`):
    /// what approving it approves.
    pub fn render_inputs(&self, name: &PromptName, commit: Option<&str>) -> Result<RenderInputs> {
        let head = match commit {
            Some(hex) => ObjectId::from_hex(hex.as_bytes())
                .map_err(git(format!("reading commit id `{hex}`")))?,
            None => self.head_commit()?,
        };
        let tree = self.commit_tree(head)?;
        let short = self.short(head);
        let recording = Recording {
            inner: GitLoader::new(self, tree, &short),
            repo: self,
            tree,
            seen: RefCell::new(BTreeMap::new()),
        };
        let invalid = |e: crate::prompt::RenderError| {
            let id = crate::library::display_id(name);
            match e.kind {
                crate::prompt::render::RenderErrorKind::PromptNotFound { .. } => {
                    Error::UnknownPrompt {
                        suggestions: self.suggest(&id),
                        name: id,
                    }
                }
                _ => Error::Unrenderable {
                    name: id,
                    message: e.to_string(),
                },
            }
        };
        let resolved = crate::prompt::render::resolve(&recording, name).map_err(invalid)?;
        crate::prompt::render::load_inputs(&recording, name).map_err(invalid)?;
        let files = recording.seen.into_inner();
        let commit = head.to_hex().to_string();
        let mut args = vec![
            "log".to_owned(),
            "-1".to_owned(),
            "--format=%an%x1f%ae".to_owned(),
            commit.clone(),
            "--".to_owned(),
        ];
        args.extend(files.keys().cloned());
        let author = crate::store::run_git(self.workdir(), &args)?
            .trim()
            .split_once('\u{1f}')
            .map(|(n, e)| (n.to_owned(), e.to_owned()));
        Ok(RenderInputs {
            commit,
            files,
            front_matter: resolved.front_matter,
            author,
        })
    }

    /// Every file under `dir` (a repository path) at HEAD, as `(path, text)`; empty when the
    /// folder does not exist or there are no commits.
    pub fn files_under_head(&self, dir: &str) -> Result<Vec<(String, String)>> {
        let Ok(head) = self.head_commit() else {
            return Ok(Vec::new());
        };
        let root = self.commit_tree(head)?;
        let Some(sub) = tree::subtree(&self.git, root, dir)? else {
            return Ok(Vec::new());
        };
        let mut blobs = Vec::new();
        tree::walk_blobs(
            &self.git,
            sub,
            &format!("{}/", dir.trim_end_matches('/')),
            &mut |p, b| {
                blobs.push((p.to_owned(), b));
            },
        )?;
        blobs
            .into_iter()
            .map(|(path, blob)| Ok((path, self.blob_text(blob)?)))
            .collect()
    }

    /// The current git identity (`user.name`, `user.email`), as a commit would record it.
    pub fn identity(&self) -> Result<(String, String)> {
        match self.git.author() {
            None => Err(Error::NoIdentity),
            Some(Err(e)) => Err(git("reading the git identity")(e)),
            Some(Ok(sig)) => Ok((sig.name.to_string(), sig.email.to_string())),
        }
    }

    /// For every file added under `dir` in HEAD's history, the commit that added it, with its
    /// author and git's verdict on its signature.
    pub fn adding_commits(&self, dir: &str) -> Result<BTreeMap<String, CommitSignature>> {
        if self.head_commit().is_err() {
            return Ok(BTreeMap::new());
        }
        let args = [
            "log",
            "--diff-filter=A",
            "--name-only",
            "--no-renames",
            "--format=%x1e%H%x1f%an%x1f%ae%x1f%G?%x1f%GS",
            "HEAD",
            "--",
            dir,
        ]
        .map(str::to_owned);
        let text = crate::store::run_git(self.workdir(), &args)?;
        let mut out = BTreeMap::new();
        for record in text.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
            let mut lines = record.lines();
            let header = lines.next().unwrap_or_default();
            let fields: Vec<&str> = header.split('\u{1f}').collect();
            let [commit, name, email, code, signer] = fields[..] else {
                continue;
            };
            let signature = CommitSignature {
                commit: commit.to_owned(),
                author_name: name.to_owned(),
                author_email: email.to_owned(),
                status: SignatureStatus::parse(code),
                signer: Some(signer.to_owned()).filter(|s| !s.is_empty()),
            };
            for path in lines.map(str::trim).filter(|l| !l.is_empty()) {
                // `git log` lists newest first: the oldest commit that added a path wins.
                out.insert(path.to_owned(), signature.clone());
            }
        }
        Ok(out)
    }

    /// Git's verdict on the signature of each commit reachable from HEAD, by commit (hex).
    pub fn commit_signatures(&self) -> Result<BTreeMap<String, CommitSignature>> {
        if self.head_commit().is_err() {
            return Ok(BTreeMap::new());
        }
        let args = ["log", "--format=%H%x1f%an%x1f%ae%x1f%G?%x1f%GS", "HEAD"].map(str::to_owned);
        let text = crate::store::run_git(self.workdir(), &args)?;
        let mut out = BTreeMap::new();
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\u{1f}').collect();
            let [commit, name, email, code, signer] = fields[..] else {
                continue;
            };
            out.insert(
                commit.to_owned(),
                CommitSignature {
                    commit: commit.to_owned(),
                    author_name: name.to_owned(),
                    author_email: email.to_owned(),
                    status: SignatureStatus::parse(code),
                    signer: Some(signer.to_owned()).filter(|s| !s.is_empty()),
                },
            );
        }
        Ok(out)
    }
}

impl Repo {
    /// Of these repository paths (with the blob each should hold), the ones whose working-tree
    /// file holds something else or is gone: edits an approval of HEAD's content does not cover.
    pub fn edited_in_worktree(&self, files: &BTreeMap<String, String>) -> Vec<String> {
        files
            .iter()
            .filter(|(path, blob)| {
                let expected = gix::ObjectId::from_hex(blob.as_bytes()).ok();
                let current = self
                    .read_worktree(path)
                    .ok()
                    .flatten()
                    .and_then(|bytes| self.blob_id_of(&bytes).ok());
                current.is_none() || current != expected
            })
            .map(|(path, _)| path.clone())
            .collect()
    }
}
