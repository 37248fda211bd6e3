//! `promptctl report`: analytics across every run of the project.

use anyhow::Context as _;
use promptctl::experiment::lock::{LockError, RunLock};
use promptctl::notify::{Event, EventKind};
use promptctl::report::spend::{Announced, BudgetLine};
use promptctl::report::{Dimension, Filter, Options};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::output::report::print;

/// Report across every run: pass rates, errors, latency, tokens and cost, trends and advice
///
/// Reads every results file under `results/` (experiments and `results/runs/`), filters and
/// groups the records, and prints per group: calls, errors by kind, pass rate with its 95%
/// interval, mean assertion scores, latency p50/p90/p99 (end to end with retries, and of the
/// answering attempt), tokens, cost total and per 1,000 calls. Then the trend of each prompt
/// across its contents (paired McNemar where the same cases ran on both), provider and model
/// comparisons (Holm-corrected), and cost advice, claimed only when a non-inferiority test
/// with the declared margin supports it.
///
/// Examples:
///   promptctl report
///   promptctl report --by prompt,version --prompt classification/sentiment
///   promptctl report --since 2026-11-01 --format json
///   promptctl report --by provider,model --format csv > models.csv
///   promptctl report --by prompt,model --html report.html
///   promptctl report --history                  # also every results file ever committed
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct ReportArgs {
    /// Only these prompts (a name includes its variants), comma-separated or repeated
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub(crate) prompt: Vec<String>,
    /// Only these experiments (`run` for calls recorded outside experiments)
    #[arg(long, value_delimiter = ',', value_name = "NAME")]
    pub(crate) experiment: Vec<String>,
    /// Only these providers
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub(crate) provider: Vec<String>,
    /// Only these models
    #[arg(long, value_delimiter = ',', value_name = "MODEL")]
    pub(crate) model: Vec<String>,
    /// Only calls that started at or after this time (YYYY-MM-DD or RFC 3339, UTC)
    #[arg(long, value_name = "TIME")]
    pub(crate) since: Option<String>,
    /// Only calls that started before this time (YYYY-MM-DD or RFC 3339, UTC)
    #[arg(long, value_name = "TIME")]
    pub(crate) until: Option<String>,
    /// Group by these dimensions: prompt, version, provider, model, arm, experiment
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "DIMS",
        default_value = "prompt,provider,model"
    )]
    pub(crate) by: Vec<String>,
    /// Non-inferiority margin of cost advice, in percentage points of pass rate
    #[arg(long, value_name = "PP", default_value_t = 2.0)]
    pub(crate) margin: f64,
    /// Also read every results file committed anywhere in HEAD's history (deleted or rewritten
    /// since), counting each record once
    #[arg(long)]
    pub(crate) history: bool,
    /// Also write the report as one self-contained HTML page (charts inline, no script, no
    /// network)
    #[arg(long, value_name = "PATH")]
    pub(crate) html: Option<std::path::PathBuf>,
}

fn time(flag: &str, text: &str) -> Result<i64, CliError> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    promptctl::provider::retry::parse_rfc3339(&full).ok_or_else(|| {
        CliError::usage(
            format!("`--{flag} {text}` is not a date or time"),
            Some("write a date as 2026-11-01 or a time as 2026-11-01T09:30:00Z".to_owned()),
        )
    })
}

fn options(args: &ReportArgs) -> Result<Options, CliError> {
    let mut by = Vec::new();
    for name in args.by.iter().filter(|n| !n.is_empty()) {
        let Some(d) = Dimension::parse(name) else {
            return Err(CliError::usage(
                format!("`--by {name}` is not a dimension"),
                Some("group by prompt, version, provider, model, arm or experiment".to_owned()),
            ));
        };
        if !by.contains(&d) {
            by.push(d);
        }
    }
    if !(args.margin >= 0.0 && args.margin < 100.0) {
        return Err(CliError::usage(
            format!("`--margin {}` is not a margin", args.margin),
            Some("give percentage points from 0 to below 100, such as 2".to_owned()),
        ));
    }
    Ok(Options {
        by,
        filter: Filter {
            prompts: args.prompt.clone(),
            experiments: args.experiment.clone(),
            providers: args.provider.clone(),
            models: args.model.clone(),
            since: args
                .since
                .as_deref()
                .map(|t| time("since", t))
                .transpose()?,
            until: args
                .until
                .as_deref()
                .map(|t| time("until", t))
                .transpose()?,
        },
        alpha: 0.05,
        margin: args.margin / 100.0,
        budget: promptctl::config::BudgetConfig::default(),
        today: today(),
    })
}

/// Today in UTC (`PROMPTCTL_TIMESTAMP` fixes it), for the daily and monthly budgets.
pub(crate) fn today() -> String {
    let now = crate::cli::env_vars::timestamp().unwrap_or_else(|| {
        promptctl::store::history::format_rfc3339(crate::cli::env_vars::unix_seconds())
    });
    now.get(..10).unwrap_or_default().to_owned()
}

pub(crate) fn run(ctx: &CommandContext, args: &ReportArgs) -> anyhow::Result<ExitStatus> {
    let mut options = options(args)?;
    let margin = options.margin;
    let project = ctx.project()?;
    options.budget = project.config.budget.clone();
    let report = if args.history {
        promptctl::report::build_with_history(project, options)?
    } else {
        promptctl::report::build(&project.root.join("results"), &project.root, options)?
    };
    if let Some(path) = &args.html {
        let path = ctx.cwd().join(path);
        std::fs::write(&path, promptctl::report::html::render(&report))
            .with_context(|| format!("cannot write the HTML report `{}`", path.display()))?;
    }
    print(ctx.printer(), &report, margin)?;
    announce_exceeded(ctx, &report.budgets)?;
    Ok(ExitStatus::Success)
}

/// Sends a `budget-exceeded` notification for each limit found exceeded, once per window: the
/// windows announced are kept in `.promptctl/cache/` (see [`Announced`]).
fn announce_exceeded(ctx: &CommandContext, lines: &[BudgetLine]) -> anyhow::Result<()> {
    let project = ctx.project()?;
    let wanted = project
        .config
        .notify
        .destinations
        .values()
        .any(|d| d.events.contains(&EventKind::BudgetExceeded));
    if !wanted || !lines.iter().any(BudgetLine::exceeded) {
        return Ok(());
    }
    let path = Announced::path(&project.root);
    // Read the file only once it is ours: two reports at the same moment would otherwise both
    // read it before either wrote it, and both announce.
    let Some(_lock) = lock_announcements(ctx, &path)? else {
        return Ok(());
    };
    let mut announced = Announced::load(&path)?;
    let fresh: Vec<BudgetLine> = announced.fresh(lines).into_iter().cloned().collect();
    for line in &fresh {
        let event = Event::budget_limit_exceeded(&line.key(), &line.window, line.spent, line.cap);
        crate::cli::notify::emit(ctx, &event)?;
        announced.insert(line);
    }
    announced.save(&path, lines)?;
    Ok(())
}

/// How long a report waits for another one that is announcing exceeded budgets.
const ANNOUNCE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Takes the lock of the announced-budgets file (`<file>.lock`, as a run's results file is
/// locked), waiting up to [`ANNOUNCE_WAIT`] for a report that holds it; a lock left by a process
/// that no longer runs is taken over. `None` when the other report still holds it after the
/// wait: it announces what this one would have, so this one announces nothing.
fn lock_announcements(
    ctx: &CommandContext,
    path: &std::path::Path,
) -> anyhow::Result<Option<RunLock>> {
    let me = crate::cli::commands::ab::run::this_process();
    let deadline = std::time::Instant::now() + ANNOUNCE_WAIT;
    loop {
        match RunLock::acquire(path, &me) {
            Ok(lock) => return Ok(Some(lock)),
            Err(LockError::Held { .. } | LockError::Unreadable { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(held @ (LockError::Held { .. } | LockError::Unreadable { .. })) => {
                ctx.printer().warn(&format!(
                    "exceeded budgets not announced by this report: another one is announcing \
                     them ({held})"
                ));
                return Ok(None);
            }
            Err(e) => {
                return Err(anyhow::Error::new(e).context(
                    "cannot lock the announced-budgets file to announce exceeded budgets",
                ));
            }
        }
    }
}
