//! Approvals bound to content: who approved exactly what a prompt renders to, and whether that
//! satisfies a protected environment's policy.
//!
//! An approval names the blob of the prompt and of every base and partial it renders with (read
//! at HEAD through the renderer itself, so "what it renders with" has one definition). Editing
//! any of those files changes the content hash, which voids every approval of every prompt that
//! renders it: nobody has to remember which prompts include a partial.
//!
//! Approvals are committed files ([`record`]), so they travel with the repository, show in pull
//! requests, and merge cleanly when made on two branches. Whether one counts is decided when it
//! is read, from the policy in `approvals.environments.<env>` and from git's own view of the
//! commit that added it: its author must be the approver (a file naming someone else counts for
//! nobody), and with `signed: true` git must verify its signature.

pub mod record;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::config::{ApprovalPolicy, Approvers};
use crate::finding::{Finding, Location, Severity};
use crate::prompt::PromptName;
use crate::store::approval::{CommitSignature, RenderInputs};
use crate::store::commit::{CommitOptions, Committed, OwnedFile, check_writable, commit_owned};
use crate::store::{self, Repo};

pub use record::{ApprovalRecord, Person, RequestRecord};

/// Errors recording or reading approvals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or committing failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// A committed approval or request file is not valid.
    #[error("invalid approval file {0}")]
    InvalidRecord(String),
    /// The environment named is not protected.
    #[error("`{environment}` is not a protected environment (protected: {})", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    NotProtected {
        /// The environment asked for.
        environment: String,
        /// The protected ones.
        known: Vec<String>,
    },
}

impl Error {
    /// Advice for fixing the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Store(e) => e.hint(),
            Error::InvalidRecord(_) => Some(
                "approval files are written by `promptctl review approve`; restore it from history or remove it"
                    .to_owned(),
            ),
            Error::NotProtected { .. } => Some(
                "protect it under `approvals.environments` in promptctl.yaml".to_owned(),
            ),
        }
    }
}

/// Shorthand for results in this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What `review approve` recorded.
#[derive(Debug, Clone)]
pub struct Approved {
    /// The record committed.
    pub record: ApprovalRecord,
    /// Its file, relative to the repository root.
    pub path: String,
    /// The commit (none when the same approval was already committed); `None` when the file
    /// was only written, for the user to commit (and sign) with git.
    pub committed: Option<Committed>,
}

/// Records that the current git identity approves `name`'s content at HEAD, and commits it.
pub fn approve(
    repo: &Repo,
    name: &str,
    environment: Option<&str>,
    message: Option<&str>,
    options: &CommitOptions,
    no_commit: bool,
) -> Result<Approved> {
    if let Some(env) = environment {
        protected(repo, env)?;
    }
    let (id, inputs) = inputs(repo, name)?;
    let (approver_name, email) = repo.identity()?;
    let content = record::content_hash(&inputs.files);
    let record = ApprovalRecord {
        prompt: id.clone(),
        content: content.clone(),
        environment: environment.map(str::to_owned),
        approver: Person {
            name: approver_name,
            email: email.clone(),
        },
        message: message.map(str::to_owned),
        files: inputs.files.clone(),
    };
    let path = repo.project_path(&record::approval_path(&id, &content, &email));
    let text = record::to_text(&record);
    let commit_message = format!(
        "Approve {id} ({}){}\n\nContent {content}\n",
        &content[..12],
        environment.map_or(String::new(), |e| format!(" for {e}"))
    );
    if no_commit {
        check_writable(repo, std::slice::from_ref(&path), options)?;
        let absolute = repo.workdir().join(&path);
        crate::confine::Boundary::new(repo.workdir())
            .check(&absolute)
            .map_err(store::Error::from)?;
        let io = |source| store::Error::Io {
            path: absolute.clone(),
            source,
        };
        if let Some(parent) = absolute.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&absolute, &text).map_err(io)?;
        return Ok(Approved {
            record,
            path,
            committed: None,
        });
    }
    let committed = Some(commit_owned(
        repo,
        &commit_message,
        options,
        &mut |_, _| {
            Ok(vec![OwnedFile {
                path: path.clone(),
                content: text.clone().into_bytes(),
            }])
        },
    )?);
    Ok(Approved {
        record,
        path,
        committed,
    })
}

/// Records a request that `reviewers` review `name`'s content at HEAD, and commits it.
pub fn request(
    repo: &Repo,
    name: &str,
    reviewers: &[String],
    options: &CommitOptions,
) -> Result<(Vec<RequestRecord>, Committed)> {
    let (id, inputs) = inputs(repo, name)?;
    let (requester, email) = repo.identity()?;
    let content = record::content_hash(&inputs.files);
    let records: Vec<RequestRecord> = reviewers
        .iter()
        .map(|reviewer| RequestRecord {
            prompt: id.clone(),
            content: content.clone(),
            reviewer: reviewer.trim().to_owned(),
            requested_by: Person {
                name: requester.clone(),
                email: email.clone(),
            },
        })
        .collect();
    let files: Vec<OwnedFile> = records
        .iter()
        .map(|r| OwnedFile {
            path: repo.project_path(&record::request_path(&id, &content, &r.reviewer)),
            content: record::to_text(r).into_bytes(),
        })
        .collect();
    let message = format!(
        "Request review of {id} ({}) from {}\n",
        &content[..12],
        reviewers.join(", ")
    );
    let committed = commit_owned(repo, &message, options, &mut |_, _| Ok(files.clone()))?;
    Ok((records, committed))
}

/// Where an environment's approvals of one prompt stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Enough counted approvals of the current content.
    Approved,
    /// Not enough yet, and no approval was voided by a change.
    Pending,
    /// Not enough, and approvals of earlier content were voided by a change.
    Void,
}

impl State {
    /// `approved`, `pending`, `void`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Approved => "approved",
            State::Pending => "pending",
            State::Void => "void",
        }
    }
}

/// One approval as the policy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// Who approved.
    pub approver: Person,
    /// The signer git verified on the approval's commit, when it is signed with a good key.
    pub verified_signer: Option<String>,
    /// Why it does not count; `None` when it counts.
    pub not_counted: Option<String>,
}

/// One prompt's approvals for one protected environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The prompt id.
    pub prompt: String,
    /// The environment.
    pub environment: String,
    /// The content hash approvals must name.
    pub content: String,
    /// Approvals required.
    pub required: u32,
    /// Approvals of the current content, counted or not (with why not).
    pub approvals: Vec<Counted>,
    /// Approvers of earlier content, voided by a change.
    pub void: Vec<Person>,
    /// Reviewers asked for this content who have not approved it.
    pub requested: Vec<String>,
    /// Who may approve, as the policy says (`owners` resolved to the prompt's owners).
    pub eligible: Vec<String>,
    /// The state.
    pub state: State,
}

impl Verdict {
    /// Counted approvals.
    pub fn count(&self) -> usize {
        self.approvals
            .iter()
            .filter(|a| a.not_counted.is_none())
            .count()
    }

    /// What is missing, in one line; `None` when approved.
    pub fn missing(&self) -> Option<String> {
        if self.state == State::Approved {
            return None;
        }
        let from = if self.eligible.is_empty() {
            "nobody (the policy names no approvers; set the prompt's `owners:`)".to_owned()
        } else {
            self.eligible.join(", ")
        };
        let mut line = format!(
            "{} needs {} approval{} of its content {} for `{}` from {from}; has {}",
            self.prompt,
            self.required,
            if self.required == 1 { "" } else { "s" },
            &self.content[..12],
            self.environment,
            self.count()
        );
        for approval in &self.approvals {
            if let Some(why) = &approval.not_counted {
                let _ = write!(line, "; {} does not count: {why}", approval.approver.email);
            }
        }
        if !self.void.is_empty() {
            let who: Vec<&str> = self.void.iter().map(|p| p.email.as_str()).collect();
            let _ = write!(line, "; voided by a change: {}", who.join(", "));
        }
        Some(line)
    }
}

/// Every approval and request committed at HEAD, with the commits that added them.
#[derive(Debug, Default)]
pub struct Ledger {
    approvals: Vec<(ApprovalRecord, Option<CommitSignature>)>,
    requests: Vec<RequestRecord>,
}

impl Ledger {
    /// Reads every approval and request file committed at HEAD.
    pub fn read(repo: &Repo) -> Result<Ledger> {
        let dir = repo.project_path(record::APPROVALS_DIR);
        let files = repo.files_under_head(&dir)?;
        let adders = if files.is_empty() {
            BTreeMap::new()
        } else {
            repo.adding_commits(&dir)?
        };
        let mut ledger = Ledger::default();
        for (path, text) in files {
            let relative = repo.project_relative(&path).to_owned();
            match record::parse(&relative, &text).map_err(Error::InvalidRecord)? {
                record::Stored::Approval(approval) => {
                    check_location(&relative, &approval.prompt)?;
                    ledger
                        .approvals
                        .push((approval, adders.get(&path).cloned()));
                }
                record::Stored::Request(request) => {
                    check_location(&relative, &request.prompt)?;
                    ledger.requests.push(request);
                }
            }
        }
        Ok(ledger)
    }
}

/// A record must sit in its prompt's folder: a file that claims another prompt is refused.
fn check_location(path: &str, prompt: &str) -> Result<()> {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    if dir == record::prompt_dir(prompt) {
        Ok(())
    } else {
        Err(Error::InvalidRecord(format!(
            "{path}:1:1: it records prompt `{prompt}` but is not in `{}/`",
            record::prompt_dir(prompt)
        )))
    }
}

/// The policy of a protected environment.
fn protected<'a>(repo: &'a Repo, environment: &str) -> Result<&'a ApprovalPolicy> {
    let approvals = &repo.config().approvals;
    approvals
        .policy(environment)
        .ok_or_else(|| Error::NotProtected {
            environment: environment.to_owned(),
            known: approvals.environments.keys().cloned().collect(),
        })
}

fn inputs(repo: &Repo, name: &str) -> Result<(String, RenderInputs)> {
    let prompt = PromptName::parse_id(name);
    let id = crate::library::display_id(&prompt);
    Ok((id, repo.render_inputs(&prompt, None)?))
}

/// Judges one prompt's approvals for `environment` against its content at `commit` (HEAD when
/// `None`). `Ok(None)` when the environment is not protected.
pub fn verdict(
    repo: &Repo,
    ledger: &Ledger,
    name: &str,
    environment: &str,
    commit: Option<&str>,
) -> Result<Option<Verdict>> {
    let Some(policy) = repo.config().approvals.policy(environment) else {
        return Ok(None);
    };
    let prompt = PromptName::parse_id(name);
    let id = crate::library::display_id(&prompt);
    let inputs = repo.render_inputs(&prompt, commit)?;
    let owners = crate::owners::effective_owners(repo.config(), &prompt, &inputs.front_matter).0;
    Ok(Some(judge(
        &id,
        environment,
        policy,
        &inputs,
        &owners,
        ledger,
    )))
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// `owners` are the prompt's owners as `owners` resolves them (front matter, else the folder's
/// and the project's defaults): the approvers of `from: owners`.
fn judge(
    id: &str,
    environment: &str,
    policy: &ApprovalPolicy,
    inputs: &RenderInputs,
    owners: &[String],
    ledger: &Ledger,
) -> Verdict {
    let content = record::content_hash(&inputs.files);
    let eligible: Vec<String> = match &policy.from {
        Approvers::Owners => owners.to_vec(),
        Approvers::Listed(names) => names.clone(),
    };
    let from_label = match &policy.from {
        Approvers::Owners => "not an owner of the prompt".to_owned(),
        Approvers::Listed(_) => {
            format!("not listed in `approvals.environments.{environment}.from`")
        }
    };
    let mut approvals: Vec<Counted> = Vec::new();
    let mut void: Vec<Person> = Vec::new();
    let mut seen = BTreeSet::new();
    let for_env = |r: &ApprovalRecord| {
        r.prompt == id && r.environment.as_deref().is_none_or(|e| e == environment)
    };
    for (approval, adder) in ledger.approvals.iter().filter(|(r, _)| for_env(r)) {
        let person = &approval.approver;
        if approval.content != content {
            if !void.iter().any(|p| same(&p.email, &person.email)) {
                void.push(person.clone());
            }
            continue;
        }
        if !seen.insert(person.email.to_lowercase()) {
            continue;
        }
        let verified_signer = adder
            .as_ref()
            .and_then(|a| a.verified_signer().map(str::to_owned));
        let not_counted = match adder {
            None => Some("its file was not added by any commit in HEAD's history".to_owned()),
            Some(adder) if !same(&adder.author_email, &person.email) => Some(format!(
                "it was committed by {}, not by the approver",
                adder.author_email
            )),
            Some(_)
                if !eligible
                    .iter()
                    .any(|e| same(e, &person.email) || same(e, &person.name)) =>
            {
                Some(from_label.clone())
            }
            Some(_)
                if !policy.author_counts
                    && inputs
                        .author
                        .as_ref()
                        .is_some_and(|(_, email)| same(email, &person.email)) =>
            {
                Some("they authored the content (`author_counts: false`)".to_owned())
            }
            Some(_) if policy.signed && verified_signer.is_none() => {
                Some("its commit has no verified signature (`signed: true`)".to_owned())
            }
            // A good signature by someone else's key proves nothing about the approver: the
            // signer git names (an SSH principal, or a GnuPG user id) must carry their email.
            Some(_)
                if policy.signed
                    && !verified_signer.as_deref().is_some_and(|signer| {
                        signer.to_lowercase().contains(&person.email.to_lowercase())
                    }) =>
            {
                Some(format!(
                    "its commit is signed by {}, not by the approver (`signed: true`)",
                    verified_signer.as_deref().unwrap_or("someone else")
                ))
            }
            Some(_) => None,
        };
        approvals.push(Counted {
            approver: person.clone(),
            verified_signer,
            not_counted,
        });
    }
    void.retain(|p| !approvals.iter().any(|a| same(&a.approver.email, &p.email)));
    void.sort_by_key(|p| p.email.to_lowercase());
    approvals.sort_by_key(|a| a.approver.email.to_lowercase());
    let requested: Vec<String> = ledger
        .requests
        .iter()
        .filter(|r| r.prompt == id && r.content == content)
        .map(|r| r.reviewer.clone())
        .filter(|reviewer| {
            !approvals
                .iter()
                .any(|a| same(&a.approver.email, reviewer) || same(&a.approver.name, reviewer))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let counted = approvals.iter().filter(|a| a.not_counted.is_none()).count();
    let state = if counted >= policy.required as usize {
        State::Approved
    } else if !void.is_empty() {
        State::Void
    } else {
        State::Pending
    };
    Verdict {
        prompt: id.to_owned(),
        environment: environment.to_owned(),
        content,
        required: policy.required,
        approvals,
        void,
        requested,
        eligible,
        state,
    }
}

/// `review status`: verdicts for the named prompts (every prompt at HEAD when empty) in
/// `environment` (every protected environment when `None`).
pub fn status(repo: &Repo, names: &[String], environment: Option<&str>) -> Result<Vec<Verdict>> {
    let environments: Vec<String> = match environment {
        Some(env) => {
            protected(repo, env)?;
            vec![env.to_owned()]
        }
        None => repo
            .config()
            .approvals
            .environments
            .keys()
            .cloned()
            .collect(),
    };
    let names = if names.is_empty() {
        repo.prompt_names_at_head()
    } else {
        names.to_vec()
    };
    let ledger = Ledger::read(repo)?;
    let mut out = Vec::new();
    for name in &names {
        for env in &environments {
            out.extend(verdict(repo, &ledger, name, env, None)?);
        }
    }
    Ok(out)
}

/// `check`'s `approval/missing` findings: every prompt pinned in a protected environment whose
/// content at HEAD differs from the pinned content and lacks the approvals the environment asks
/// for, with the environments whose next release it would block. Warnings: the release itself is
/// where approvals are enforced.
pub fn check_findings(
    repo: &Repo,
    pins: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<(Finding, Vec<String>)>> {
    let protected = &repo.config().approvals;
    if protected.environments.is_empty() || repo.head_hex().is_none() {
        return Ok(Vec::new());
    }
    let ledger = Ledger::read(repo)?;
    let mut out = Vec::new();
    for (id, environments) in pins {
        let prompt = PromptName::parse_id(id);
        // A prompt deleted or broken at HEAD is other rules' business.
        let Ok(current) = repo.render_inputs(&prompt, None) else {
            continue;
        };
        for environment in environments {
            let Some(policy) = protected.policy(environment) else {
                continue;
            };
            let pin = crate::store::release::load_environment(repo, environment)?
                .prompts
                .get(id)
                .cloned();
            let pinned = pin.and_then(|p| repo.render_inputs(&prompt, Some(&p.commit)).ok());
            if pinned.is_some_and(|p| p.files == current.files) {
                continue;
            }
            let owners =
                crate::owners::effective_owners(repo.config(), &prompt, &current.front_matter).0;
            let verdict = judge(id, environment, policy, &current, &owners, &ledger);
            let Some(missing) = verdict.missing() else {
                continue;
            };
            let path = repo.project_relative(&repo.prompt_path(&prompt)).to_owned();
            out.push((
                Finding {
                    rule: "approval/missing".to_owned(),
                    severity: Severity::Warning,
                    location: Location::file(path),
                    message: format!("changed since its pin in `{environment}`: {missing}"),
                    hint: Some(format!(
                        "approvers run `promptctl review approve {id} --env {environment}`"
                    )),
                },
                vec![environment.clone()],
            ));
        }
    }
    Ok(out)
}
