//! The committed approval and request files: one small YAML file each, under
//! `.promptctl/approvals/<prompt-id>/`.
//!
//! One file per approval (named by the content it approves and a hash of the approver's email)
//! means two people approving on two branches add two distinct files, which git merges without
//! a conflict, and every approval shows in the pull request's diff. The file records the blob of
//! every file the prompt renders with, so a reader can see what was approved; the content hash
//! over those blobs is what an approval is bound to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The folder, relative to the project root, that holds approvals and requests.
pub const APPROVALS_DIR: &str = ".promptctl/approvals";

/// Someone who approves or is asked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// `user.name`.
    pub name: String,
    /// `user.email`.
    pub email: String,
}

/// One approval of one prompt's exact content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRecord {
    /// The prompt id.
    pub prompt: String,
    /// The content hash: SHA-256 over the sorted `path blob` lines of `files`.
    pub content: String,
    /// Only this environment; every protected environment when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Who approves.
    pub approver: Person,
    /// Why, or what was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Every file the prompt renders with: repository path to blob id.
    pub files: BTreeMap<String, String>,
}

/// A request that someone review one prompt's exact content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRecord {
    /// The prompt id.
    pub prompt: String,
    /// The content hash the review is asked for.
    pub content: String,
    /// Who is asked (email or name, as written).
    pub reviewer: String,
    /// Who asks.
    pub requested_by: Person,
}

/// The content hash of a set of rendered-with files.
pub fn content_hash(files: &BTreeMap<String, String>) -> String {
    let mut hasher = Sha256::new();
    for (path, blob) in files {
        hasher.update(path.as_bytes());
        hasher.update(b" ");
        hasher.update(blob.as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

fn short_hash(text: &str) -> String {
    hex(&Sha256::digest(text.trim().to_lowercase().as_bytes()))[..12].to_owned()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The folder of one prompt's approvals, relative to the project root.
pub fn prompt_dir(prompt: &str) -> String {
    format!("{APPROVALS_DIR}/{prompt}")
}

/// The file of an approval, relative to the project root.
pub fn approval_path(prompt: &str, content: &str, email: &str) -> String {
    format!(
        "{}/{}-{}.yaml",
        prompt_dir(prompt),
        &content[..16],
        short_hash(email)
    )
}

/// The file of a review request, relative to the project root.
pub fn request_path(prompt: &str, content: &str, reviewer: &str) -> String {
    format!(
        "{}/request-{}-{}.yaml",
        prompt_dir(prompt),
        &content[..16],
        short_hash(reviewer)
    )
}

/// What a file under the approvals folder holds.
#[derive(Debug, Clone)]
pub enum Stored {
    /// An approval.
    Approval(ApprovalRecord),
    /// A request.
    Request(RequestRecord),
}

/// Reads a file under the approvals folder by its name; `Err` names what is wrong.
pub fn parse(path: &str, text: &str) -> Result<Stored, String> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let located = |e: crate::yaml::YamlError| {
        format!(
            "{path}:{}:{}: {}",
            e.line.unwrap_or(1),
            e.column.unwrap_or(1),
            e.message
        )
    };
    if file.starts_with("request-") {
        crate::yaml::from_str(text)
            .map(Stored::Request)
            .map_err(located)
    } else {
        crate::yaml::from_str(text)
            .map(Stored::Approval)
            .map_err(located)
    }
}

/// The YAML text of a record.
pub fn to_text<T: Serialize>(record: &T) -> String {
    crate::yaml::to_string(record).unwrap_or_default()
}
