//! `promptctl release`: pin prompts to an environment in a committed environment file.

use promptctl::store::commit::CommitOptions;
use promptctl::store::release::{self, ReleaseAction, ReleaseRequest};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output;

/// Release prompt versions to an environment
///
/// A release pins each prompt's exact committed content (blob id, version number and commit) in
/// `environments/<env>.yaml` and commits that file ("Release NAME vN to ENV"), so every release
/// is a reviewable change in history. Apps load `promptctl export --env ENV`, or call
/// `promptctl render NAME@ENV`. A prompt whose `status` is not releasable to the environment is
/// refused (default: only `active`; configure `release.statuses` and
/// `release.environments.<env>.statuses` in promptctl.yaml). Policy `regions` rules apply too:
/// a prompt whose classification may not be served from the environment's regions
/// (`release.environments.<env>.regions` in promptctl.yaml) is refused.
///
/// The release gate lints and scans exactly the committed content being pinned (secrets, PII,
/// injection, policy rules, with the partials of the pinned commit). Findings at or above
/// `release.environments.<env>.fail_on` (else `release.fail_on`, else `error`) refuse the
/// release with exit 1, each named; `--force REASON` releases anyway and records the reason and
/// the findings in the release commit.
///
/// Examples:
///   promptctl release support/reply --env staging          # HEAD's version
///   promptctl release support/reply@v3 --env prod
///   promptctl release --env prod --from staging            # promote everything
///   promptctl release support/reply --env prod --to v2     # roll prod back
///   promptctl release support/reply --env prod --force "fixture key, revoked"
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ReleaseArgs {
    /// Prompts to release, `name` (HEAD) or `name@ref`
    #[arg(required_unless_present = "from")]
    pub(crate) names: Vec<String>,
    /// The environment to release to
    #[arg(long, value_name = "ENV")]
    pub(crate) env: String,
    /// Copy every pin from this environment (promotion)
    #[arg(long, value_name = "ENV", conflicts_with_all = ["names", "to"])]
    pub(crate) from: Option<String>,
    /// Release this version of the named prompt (`v2`, a revision, another environment)
    #[arg(long, value_name = "REF")]
    pub(crate) to: Option<String>,
    /// Write the environment file but do not commit it
    #[arg(long)]
    pub(crate) no_commit: bool,
    /// Allow committing on a detached HEAD
    #[arg(long)]
    pub(crate) allow_detached: bool,
    /// Release past the gate's findings; the reason and the findings go in the release commit
    #[arg(long, value_name = "REASON", value_parser = non_blank)]
    pub(crate) force: Option<String>,
}

fn non_blank(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("give the reason the release is safe despite its findings".to_owned())
    } else {
        Ok(text.trim().to_owned())
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &ReleaseArgs) -> anyhow::Result<ExitStatus> {
    let repo = ctx.repo()?;
    let action = match (&args.from, &args.to) {
        (Some(from), _) => ReleaseAction::Promote { from: from.clone() },
        (None, Some(to)) => {
            let [name] = args.names.as_slice() else {
                return Err(CliError::usage(
                    "`--to` needs exactly one prompt name",
                    args.names.first().map(|first| {
                        format!(
                            "release one prompt at a time: `promptctl release {} --env {} --to {to}`",
                            promptctl::store::revision::split_ref(first).0,
                            args.env
                        )
                    }),
                )
                .into());
            };
            let bare = promptctl::store::revision::split_ref(name).0;
            ReleaseAction::Pin(vec![format!("{bare}@{to}")])
        }
        (None, None) => ReleaseAction::Pin(args.names.clone()),
    };
    let project = ctx.project()?;
    let scan_options = promptctl::scan::ScanOptions::from_project(project)?;
    let guard = promptctl::gate::ReleaseGate::new(project, &scan_options);
    let report = release::release_guarded(
        &repo,
        &ReleaseRequest {
            environment: args.env.clone(),
            action,
            no_commit: args.no_commit,
            commit: CommitOptions {
                allow_detached: args.allow_detached,
            },
            force: args.force.clone(),
        },
        &guard,
    )?;
    output::release::print_release(ctx.printer(), &report)?;
    if !report.changes.is_empty() {
        crate::cli::notify::emit(ctx, &promptctl::notify::Event::release(&report))?;
    }
    Ok(ExitStatus::Success)
}
