//! `promptctl audit`: the audit trail of prompt changes and releases, from git history.

use promptctl::store::audit::{self, AuditFilter};

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output;

/// Show who changed which prompt and who released what where
///
/// Reads every commit reachable from HEAD: prompt files added, changed and deleted, and pins
/// added or changed in environment files (releases), with author, date, whether the commit is
/// signed, and the signer git verified (`verified`: git's own check, with your keyring or
/// `gpg.ssh.allowedSignersFile`; `-` when unsigned or not good). Dates are `YYYY-MM-DD`, RFC 3339 or
/// `@<unix seconds>`. `--format json` or `csv` for compliance tooling.
///
/// Examples:
///   promptctl audit --since 2026-01-01
///   promptctl audit --prompt support/reply --format csv > audit.csv
///   promptctl audit --author alice@example.com --format json
///   promptctl audit --since 2026-01-01 --require-verified   # exit 1 on an unverified entry
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct AuditArgs {
    /// Only changes at or after this date
    #[arg(long, value_name = "DATE")]
    pub(crate) since: Option<String>,
    /// Only changes at or before this date
    #[arg(long, value_name = "DATE")]
    pub(crate) until: Option<String>,
    /// Only this prompt
    #[arg(long, value_name = "NAME")]
    pub(crate) prompt: Option<String>,
    /// Only commits whose author name or email contains this text
    #[arg(long, value_name = "TEXT")]
    pub(crate) author: Option<String>,
    /// Exit 1 when a listed change or release is not in a commit with a signature git verified
    /// (each such entry is named on stderr)
    #[arg(long)]
    pub(crate) require_verified: bool,
}

pub(crate) fn run(ctx: &CommandContext, args: &AuditArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let filter = AuditFilter {
        since: args.since.as_deref().map(audit::parse_date).transpose()?,
        until: args.until.as_deref().map(audit::parse_date).transpose()?,
        prompt: args.prompt.clone(),
        author: args.author.clone(),
    };
    let entries = audit::audit(&repo, &filter)?;
    output::audit::print(ctx.printer(), &entries)?;
    if args.require_verified {
        let unverified: Vec<_> = entries.iter().filter(|e| e.verified.is_none()).collect();
        for entry in &unverified {
            ctx.printer().warn(&format!(
                "not verified: {} {} by {} <{}>: {}",
                entry.short, entry.prompt, entry.author, entry.email, entry.summary
            ));
        }
        if !unverified.is_empty() {
            ctx.printer().warn(&format!(
                "{} of {} entries are not in a commit with a signature git verified",
                unverified.len(),
                entries.len()
            ));
            return Ok(ExitStatus::Failure);
        }
    }
    Ok(ExitStatus::Success)
}
