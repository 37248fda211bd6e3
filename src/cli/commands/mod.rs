//! One file per subcommand, one enum, one dispatch `match`.

pub(crate) mod ab;
pub(crate) mod audit;
pub(crate) mod auth;
pub(crate) mod backup;
pub(crate) mod check;
pub(crate) mod comment;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod diff_driver;
pub(crate) mod doctor;
pub(crate) mod env;
pub(crate) mod export;
pub(crate) mod github;
pub(crate) mod import;
pub(crate) mod improve;
pub(crate) mod ingest;
pub(crate) mod init;
pub(crate) mod lint;
pub(crate) mod list;
pub(crate) mod log;
pub(crate) mod man;
pub(crate) mod merge_driver;
pub(crate) mod new;
pub(crate) mod notify;
pub(crate) mod owners;
pub(crate) mod policy;
pub(crate) mod pr_report;
pub(crate) mod providers;
pub(crate) mod release;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod restore;
pub(crate) mod review;
pub(crate) mod rollback;
pub(crate) mod run;
pub(crate) mod scan;
pub(crate) mod search;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod suggest;

use clap::Subcommand;

use crate::cli::OutputFormat;
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(init::InitArgs),
    New(new::NewArgs),
    Lint(lint::LintArgs),
    Suggest(suggest::SuggestArgs),
    Improve(improve::ImproveArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Search(search::SearchArgs),
    Render(render::RenderArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Scan(scan::ScanArgs),
    Check(check::CheckArgs),
    Github(github::GithubArgs),
    Policy(policy::PolicyArgs),
    Owners(owners::OwnersArgs),
    Comment(comment::CommentArgs),
    Comments(comment::CommentsArgs),
    Log(log::LogArgs),
    Diff(diff::DiffArgs),
    PrReport(pr_report::PrReportArgs),
    Rollback(rollback::RollbackArgs),
    MergeDriver(merge_driver::MergeDriverArgs),
    #[command(hide = true)]
    DiffDriver(diff_driver::DiffDriverArgs),
    Doctor(doctor::DoctorArgs),
    Release(release::ReleaseArgs),
    Env(env::EnvArgs),
    Audit(audit::AuditArgs),
    Review(review::ReviewArgs),
    Backup(backup::BackupArgs),
    Restore(restore::RestoreArgs),
    Run(run::RunArgs),
    Report(report::ReportArgs),
    Ingest(ingest::IngestArgs),
    #[command(subcommand)]
    Ab(ab::AbCommand),
    /// List the configured LLM providers and check that they answer
    ///
    /// Examples:
    ///   promptctl providers list
    ///   promptctl providers check openai anthropic
    #[command(subcommand, verbatim_doc_comment)]
    Providers(providers::ProvidersCommand),
    /// Store provider API keys in the OS keyring
    ///
    /// Keys in the keyring are used when the provider's environment variable is unset.
    ///
    /// Examples:
    ///   promptctl auth set openai        # asks for the key; input is hidden
    ///   promptctl auth list
    #[command(subcommand, verbatim_doc_comment)]
    Auth(auth::AuthCommand),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Stats(stats::StatsArgs),
    /// Check notification destinations by sending them a test message
    ///
    /// Destinations are configured under `notify:` in promptctl.yaml; see docs/notifications.md.
    ///
    /// Examples:
    ///   promptctl notify test releases
    #[command(subcommand, verbatim_doc_comment)]
    Notify(notify::NotifyCommand),
}

/// Runs one subcommand, after refusing a `--format` it cannot write.
pub(crate) fn run(ctx: &CommandContext, command: &Command) -> anyhow::Result<ExitStatus> {
    check_format(ctx.printer().format, command)?;
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::New(args) => new::run(ctx, args),
        Command::Lint(args) => lint::run(ctx, args),
        Command::Suggest(args) => suggest::run(ctx, args),
        Command::Improve(args) => improve::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Search(args) => search::run(ctx, args),
        Command::Render(args) => render::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Scan(args) => scan::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
        Command::Github(args) => github::run(ctx, args),
        Command::Policy(args) => policy::run(ctx, args),
        Command::Owners(args) => owners::run(ctx, args),
        Command::Comment(args) => comment::run(ctx, args),
        Command::Comments(args) => comment::list(ctx, args),
        Command::Log(args) => log::run(ctx, args),
        Command::Diff(args) => diff::run(ctx, args),
        Command::PrReport(args) => pr_report::run(ctx, args),
        Command::Rollback(args) => rollback::run(ctx, args),
        Command::MergeDriver(args) => merge_driver::run(ctx, args),
        Command::DiffDriver(args) => diff_driver::run(ctx, args),
        Command::Doctor(args) => doctor::run(ctx, args),
        Command::Release(args) => release::run(ctx, args),
        Command::Env(args) => env::run(ctx, args),
        Command::Audit(args) => audit::run(ctx, args),
        Command::Review(args) => review::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
        Command::Restore(args) => restore::run(ctx, args),
        Command::Run(args) => run::run(ctx, args),
        Command::Report(args) => report::run(ctx, args),
        Command::Ingest(args) => ingest::run(ctx, args),
        Command::Ab(command) => ab::run(ctx, command),
        Command::Providers(command) => providers::run(ctx, command),
        Command::Auth(command) => auth::run(ctx, command),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
        Command::Stats(args) => stats::run(ctx, args),
        Command::Notify(command) => notify::run(ctx, command),
    }
}

/// Text for people and one JSON document: what most commands write.
const HUMAN_JSON: &[OutputFormat] = &[OutputFormat::Human, OutputFormat::Json];
/// Commands whose output is fixed (a shell script, a man page, a git merge result).
const HUMAN_ONLY: &[OutputFormat] = &[OutputFormat::Human];

impl Command {
    /// The command as it is typed (`ab analyze`) and the `--format` values it writes.
    ///
    /// Every command is listed here, so a format a command does not write is refused in one
    /// place rather than silently printed as text.
    fn formats(&self) -> (&'static str, &'static [OutputFormat]) {
        use OutputFormat::{Csv, Github, Human, Json, Markdown, Sarif};
        match self {
            Command::Init(_) => ("init", HUMAN_JSON),
            Command::New(_) => ("new", HUMAN_JSON),
            Command::Lint(args) if args.list_rules || args.explain.is_some() => {
                ("lint", HUMAN_JSON)
            }
            Command::Lint(_) => ("lint", &[Human, Json, Github, Sarif, Markdown]),
            Command::Suggest(_) => ("suggest", HUMAN_JSON),
            Command::Improve(_) => ("improve", HUMAN_JSON),
            Command::List(_) => ("list", HUMAN_JSON),
            Command::Show(_) => ("show", HUMAN_JSON),
            Command::Search(_) => ("search", HUMAN_JSON),
            Command::Render(_) => ("render", HUMAN_JSON),
            Command::Export(_) => ("export", HUMAN_JSON),
            Command::Import(_) => ("import", HUMAN_JSON),
            Command::Scan(_) => ("scan", &[Human, Json, Github, Markdown, Sarif, Csv]),
            Command::Check(_) => ("check", &[Human, Json, Github, Markdown, Sarif]),
            Command::Github(_) => ("github", HUMAN_JSON),
            Command::Policy(_) => ("policy", HUMAN_JSON),
            Command::Owners(_) => ("owners", HUMAN_JSON),
            Command::Comment(_) => ("comment", HUMAN_JSON),
            Command::Comments(_) => ("comments", HUMAN_JSON),
            Command::Log(_) => ("log", HUMAN_JSON),
            Command::Diff(_) => ("diff", &[Human, Json, Markdown]),
            // Markdown is what this command is for: `human` writes it too.
            Command::PrReport(_) => ("pr-report", &[Human, Json, Markdown]),
            Command::Rollback(_) => ("rollback", HUMAN_JSON),
            Command::MergeDriver(_) => ("merge-driver", HUMAN_ONLY),
            Command::DiffDriver(_) => ("diff-driver", HUMAN_ONLY),
            Command::Doctor(_) => ("doctor", HUMAN_JSON),
            Command::Release(_) => ("release", HUMAN_JSON),
            Command::Env(_) => ("env", HUMAN_JSON),
            Command::Audit(_) => ("audit", &[Human, Json, Csv]),
            Command::Review(_) => ("review", HUMAN_JSON),
            Command::Backup(_) => ("backup", HUMAN_JSON),
            Command::Restore(_) => ("restore", HUMAN_JSON),
            Command::Run(_) => ("run", HUMAN_JSON),
            Command::Report(_) => ("report", &[Human, Json, Csv, Markdown]),
            Command::Ingest(_) => ("ingest", HUMAN_JSON),
            Command::Ab(ab::AbCommand::Analyze(_)) => ("ab analyze", &[Human, Json, Markdown]),
            Command::Ab(_) => ("ab", HUMAN_JSON),
            Command::Providers(_) => ("providers", HUMAN_JSON),
            Command::Auth(_) => ("auth", HUMAN_JSON),
            Command::Completions(_) => ("completions", HUMAN_ONLY),
            Command::Man(_) => ("man", HUMAN_ONLY),
            Command::Stats(_) => ("stats", HUMAN_JSON),
            Command::Notify(_) => ("notify", HUMAN_JSON),
        }
    }
}

/// Refuses (exit 2) a `--format` the command does not write, naming the ones it does.
fn check_format(format: OutputFormat, command: &Command) -> Result<(), CliError> {
    let (name, supported) = command.formats();
    if supported.contains(&format) {
        return Ok(());
    }
    let names: Vec<String> = supported
        .iter()
        .map(|f| format!("`{}`", f.name()))
        .collect();
    Err(CliError::usage(
        format!(
            "`promptctl {name}` cannot write `--format {}`",
            format.name()
        ),
        Some(format!("it writes {}", names.join(", "))),
    ))
}
