//! `promptctl ingest`: import production call logs as records `report` reads.

use promptctl::report::ingest::{self, Format, IngestError, PromptIndex};

use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus};
use crate::cli::gateway;
use crate::cli::output;

/// Import production call logs (OpenTelemetry `gen_ai` spans, OpenAI-style logs) for `report`
///
/// Reads OpenTelemetry spans that follow the `gen_ai.*` semantic conventions, exported as OTLP/JSON
/// (one document, or one per line), or OpenAI-style logs (one JSON object per line: `request`,
/// `response` or `error`, `started_at`, `latency_ms`). Each call is tied to a prompt version by
/// the attributes `promptctl.prompt` and `promptctl.version`, or by `promptctl.blob`, the
/// content id of the prompt file the application rendered (`git hash-object` of the file),
/// looked up in every version of every prompt in git history. Matched calls are written to
/// `results/ingest/<file>-<hash>.jsonl` in the record format (importing the same file again
/// replaces it); calls that match nothing are counted and listed, not written. Cost comes from
/// the price table. Malformed input exits 3, naming the file, line and column.
///
/// Examples:
///   promptctl ingest traces.json
///   promptctl ingest gateway-2026-11-05.jsonl --log-format openai
///   promptctl ingest traces.json --format json     # what matched, by prompt version
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct IngestArgs {
    /// The log files to import
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<std::path::PathBuf>,
    /// The logs' format (default: detected from the first document)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) log_format: Option<LogFormat>,
}

/// A log format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum LogFormat {
    /// OTLP/JSON trace export with `gen_ai.*` semantic-convention attributes
    Otel,
    /// OpenAI-style request/response log lines
    Openai,
}

pub(crate) fn run(ctx: &CommandContext, args: &IngestArgs) -> anyhow::Result<ExitStatus> {
    let project = ctx.project()?;
    let index = PromptIndex::of_project(project)?;
    let prices = gateway::prices(&project.config);
    let dir = project.root.join("results").join(ingest::INGEST_DIR);
    promptctl::confine::Boundary::new(&project.root).check(&dir)?;
    let format = args.log_format.map(|f| match f {
        LogFormat::Otel => Format::Otel,
        LogFormat::Openai => Format::OpenAi,
    });
    let mut reports = Vec::new();
    for file in &args.files {
        let path = ctx.cwd().join(file);
        let report = ingest::ingest(
            &path,
            format,
            &index,
            &prices,
            &dir,
            env!("CARGO_PKG_VERSION"),
        )
        .map_err(|e| match e {
            IngestError::Malformed {
                line,
                column,
                message,
                ..
            } => anyhow::Error::from(CliError::invalid(
                format!("{}:{line}:{column}: {message}", file.display()),
                Some(
                    "`promptctl ingest --help` describes the OTLP/JSON and OpenAI log formats"
                        .to_owned(),
                ),
            )),
            IngestError::Io { .. } | IngestError::Index { .. } => e.into(),
        })?;
        reports.push((file.display().to_string(), report));
    }
    output::ingest::print(ctx.printer(), &project.root, &reports)?;
    Ok(ExitStatus::Success)
}
