//! GitHub's REST API, for the two things a pull-request check posts: one sticky comment and a
//! SARIF upload to code scanning.
//!
//! Why in promptctl rather than in the Action's shell: the Action must work the same on every
//! runner and be testable on a laptop; a shell full of `curl | jq` is neither. Here the wire
//! format is written once, next to its tests, and the Action calls `promptctl github …`.
//!
//! - **Sticky comment.** A PR gets one promptctl comment, found again by a hidden marker line
//!   (`<!-- promptctl-pr-report -->`) among the PR's comments (all pages) and updated in place;
//!   it is created only when no comment carries the marker. Re-running a workflow never adds a
//!   second comment.
//! - **SARIF upload.** `POST /repos/{owner}/{repo}/code-scanning/sarifs` takes the log gzipped
//!   and base64-encoded, with the commit and ref it describes.
//!
//! The token is sent only in the `Authorization` header and never appears in an error: errors
//! name the request (method and path) and GitHub's message.

use std::io::Write as _;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

/// The hidden line that marks promptctl's pull-request comment.
pub const COMMENT_MARKER: &str = "<!-- promptctl-pr-report -->";

/// GitHub's limit on a comment body, in characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// Where and as whom to call the API (read from the Actions environment by the CLI).
#[derive(Clone)]
pub struct Context {
    /// `GITHUB_API_URL`, e.g. `https://api.github.com`.
    pub api_url: String,
    /// `GITHUB_REPOSITORY`: `owner/name`.
    pub repository: String,
    /// The token (`GITHUB_TOKEN`).
    pub token: String,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("api_url", &self.api_url)
            .field("repository", &self.repository)
            .finish_non_exhaustive()
    }
}

/// What the workflow event says about the pull request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequest {
    /// The PR number.
    pub number: u64,
    /// The base branch's commit when the event fired.
    pub base_sha: String,
    /// The PR head's commit.
    pub head_sha: String,
    /// The base branch name.
    pub base_ref: String,
}

/// The pull request of a workflow event payload (`GITHUB_EVENT_PATH`), if it is about one.
pub fn pull_request(event: &Value) -> Option<PullRequest> {
    let pr = event.get("pull_request")?;
    Some(PullRequest {
        number: pr.get("number")?.as_u64()?,
        base_sha: pr.pointer("/base/sha")?.as_str()?.to_owned(),
        head_sha: pr.pointer("/head/sha")?.as_str()?.to_owned(),
        base_ref: pr
            .pointer("/base/ref")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    })
}

/// Why a GitHub request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// GitHub answered with an error status.
    #[error("GitHub answered {status} to {request}: {message}")]
    Status {
        /// `METHOD /path`.
        request: String,
        /// The HTTP status.
        status: u16,
        /// GitHub's `message`, or the start of the body.
        message: String,
    },
    /// The request did not get an answer.
    #[error("cannot reach GitHub for {request}: {message}")]
    Network {
        /// `METHOD /path`.
        request: String,
        /// What went wrong.
        message: String,
    },
    /// GitHub answered something that is not what its API documents.
    #[error("unexpected answer from GitHub to {request}: {message}")]
    Answer {
        /// `METHOD /path`.
        request: String,
        /// What was wrong with it.
        message: String,
    },
    /// The HTTP client could not be built.
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
}

impl Error {
    /// Advice for the common failures.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Status { status: 401, .. } => Some(
                "the token was refused: pass `GITHUB_TOKEN` (`env: GITHUB_TOKEN: ${{ github.token }}`)"
                    .to_owned(),
            ),
            Error::Status { status: 403 | 404, request, .. } if request.contains("code-scanning") => {
                Some("code scanning needs `permissions: security-events: write` (and GitHub Advanced Security on private repositories)".to_owned())
            }
            Error::Status { status: 403 | 404, .. } => Some(
                "the workflow needs `permissions: pull-requests: write` to comment".to_owned(),
            ),
            _ => None,
        }
    }
}

/// What happened to the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentOutcome {
    /// A new comment, with its id.
    Created(u64),
    /// The existing comment with this id was updated.
    Updated(u64),
}

/// A GitHub API client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    context: Context,
}

impl Client {
    /// A client for `context`.
    pub fn new(context: Context) -> Result<Client, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("promptctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Client(e.to_string()))?;
        Ok(Client { http, context })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.context.api_url.trim_end_matches('/'))
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, Error> {
        let request = format!("{method} {}", path.split('?').next().unwrap_or(path));
        let mut builder = self
            .http
            .request(method, self.url(path))
            .bearer_auth(&self.context.token)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(body) = body {
            builder = builder.json(body);
        }
        let response = builder.send().await.map_err(|e| Error::Network {
            request: request.clone(),
            message: without_url(&e),
        })?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|e| Error::Network {
            request: request.clone(),
            message: without_url(&e),
        })?;
        if !(200..300).contains(&status) {
            let message = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_else(|| text.chars().take(200).collect());
            return Err(Error::Status {
                request,
                status,
                message,
            });
        }
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text).map_err(|e| Error::Answer {
            request,
            message: format!("not JSON: {e}"),
        })
    }

    /// Creates the PR's promptctl comment, or updates the one that carries [`COMMENT_MARKER`].
    /// `body` must contain the marker (the caller's report starts with it).
    pub async fn upsert_comment(&self, pr: u64, body: &str) -> Result<CommentOutcome, Error> {
        let repo = &self.context.repository;
        let mut page = 1;
        loop {
            let path = format!("/repos/{repo}/issues/{pr}/comments?per_page=100&page={page}");
            let listed = self.call(reqwest::Method::GET, &path, None).await?;
            let comments = listed.as_array().ok_or_else(|| Error::Answer {
                request: format!("GET /repos/{repo}/issues/{pr}/comments"),
                message: "expected a list of comments".to_owned(),
            })?;
            let found = comments.iter().find(|c| {
                c.get("body")
                    .and_then(Value::as_str)
                    .is_some_and(|b| b.contains(COMMENT_MARKER))
            });
            if let Some(id) = found.and_then(|c| c.get("id")).and_then(Value::as_u64) {
                let path = format!("/repos/{repo}/issues/comments/{id}");
                self.call(reqwest::Method::PATCH, &path, Some(&json!({"body": body})))
                    .await?;
                return Ok(CommentOutcome::Updated(id));
            }
            if comments.len() < 100 {
                break;
            }
            page += 1;
        }
        let path = format!("/repos/{repo}/issues/{pr}/comments");
        let created = self
            .call(reqwest::Method::POST, &path, Some(&json!({"body": body})))
            .await?;
        let id = created
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| Error::Answer {
                request: format!("POST {path}"),
                message: "the created comment has no id".to_owned(),
            })?;
        Ok(CommentOutcome::Created(id))
    }

    /// Uploads a SARIF log to code scanning for `commit_sha` on `git_ref`; returns GitHub's
    /// upload id.
    pub async fn upload_sarif(
        &self,
        sarif: &[u8],
        commit_sha: &str,
        git_ref: &str,
    ) -> Result<String, Error> {
        let path = format!("/repos/{}/code-scanning/sarifs", self.context.repository);
        let body = json!({
            "commit_sha": commit_sha,
            "ref": git_ref,
            "sarif": encode_sarif(sarif),
            "tool_name": "promptctl",
        });
        let answer = self.call(reqwest::Method::POST, &path, Some(&body)).await?;
        Ok(answer
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned())
    }
}

/// A SARIF log as the upload endpoint takes it: gzip, then base64.
pub fn encode_sarif(sarif: &[u8]) -> String {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(sarif);
    let compressed = gz.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(compressed)
}

/// A reqwest error's text without the URL (which is ours, and long).
fn without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), "").replace(" ()", "");
    }
    if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        format!("connection failed ({})", text.trim())
    } else {
        text.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn sarif_is_gzipped_then_base64_encoded() {
        let encoded = encode_sarif(br#"{"version":"2.1.0"}"#);
        let compressed = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("base64");
        let mut text = String::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .read_to_string(&mut text)
            .expect("gzip");
        assert_eq!(text, r#"{"version":"2.1.0"}"#);
    }

    #[test]
    fn pull_request_is_read_from_the_event_payload() {
        let event = json!({"pull_request": {"number": 7, "base": {"sha": "aaa", "ref": "main"}, "head": {"sha": "bbb"}}});
        assert_eq!(
            pull_request(&event),
            Some(PullRequest {
                number: 7,
                base_sha: "aaa".into(),
                head_sha: "bbb".into(),
                base_ref: "main".into(),
            })
        );
        assert_eq!(pull_request(&json!({"push": {}})), None);
    }
}
