//! The batch parts of `ab status` and the report of `ab cancel`: human lines and versioned
//! JSON side by side.

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// One batch part of a run, with its live state, for `ab status`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartStatus {
    /// The run (with its shard suffix, when sharded).
    pub(crate) run: String,
    /// The part (`p1`, `p2`, ...).
    pub(crate) part: String,
    /// The provider's batch id, once created.
    pub(crate) batch_id: Option<String>,
    /// Provider.
    pub(crate) provider: String,
    /// Model.
    pub(crate) model: String,
    /// Samples in the part.
    pub(crate) samples: usize,
    /// `collected` (ended and recorded), `open` (the provider says it runs), or `unknown`.
    pub(crate) state: &'static str,
    /// The provider's status word (the final one once collected).
    pub(crate) status: Option<String>,
    /// Requests answered, while open.
    pub(crate) succeeded: Option<u64>,
    /// Requests in the batch, while open.
    pub(crate) total: Option<u64>,
    /// Requests failed, while open.
    pub(crate) failed: Option<u64>,
    /// Why the live state is unknown.
    pub(crate) error: Option<String>,
}

impl PartStatus {
    fn line(&self) -> String {
        let state = match (self.state, &self.status) {
            ("collected", Some(status)) => format!("{status}, collected"),
            ("open", Some(status)) => format!(
                "{status}: {} of {} answered, {} failed",
                self.succeeded.unwrap_or(0),
                self.total.unwrap_or(0),
                self.failed.unwrap_or(0)
            ),
            _ => format!("unknown ({})", self.error.as_deref().unwrap_or("")),
        };
        format!(
            "{} {} {} {}/{} {} samples: {state}",
            self.run,
            self.part,
            self.batch_id.as_deref().unwrap_or("-"),
            self.provider,
            self.model,
            self.samples
        )
    }
}

/// The human lines of `ab status` after the runs table (JSON carries them in the status
/// document, see [`crate::cli::output::ab::print_status`]).
pub(crate) fn print_parts(printer: &Printer, parts: &[PartStatus]) -> anyhow::Result<()> {
    if parts.is_empty() || printer.format == OutputFormat::Json {
        return Ok(());
    }
    let lines: Vec<String> = parts.iter().map(PartStatus::line).collect();
    printer.data(&format!("Batches:\n  {}\n", lines.join("\n  ")))?;
    Ok(())
}

/// One batch `ab cancel` asked to cancel.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Cancelled {
    /// The part.
    pub(crate) part: String,
    /// The provider's batch id.
    pub(crate) batch_id: String,
}

#[derive(Serialize)]
struct CancelJson<'a> {
    schema_version: u32,
    experiment: &'a str,
    run: &'a str,
    cancelled: &'a [Cancelled],
}

/// The batches `ab cancel` asked to cancel.
pub(crate) fn print_cancel(
    printer: &Printer,
    experiment: &str,
    run: &str,
    cancelled: &[Cancelled],
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = CancelJson {
            schema_version: SCHEMA_VERSION,
            experiment,
            run,
            cancelled,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    for c in cancelled {
        printer.data(&format!("cancelling {} {}\n", c.part, c.batch_id))?;
    }
    Ok(())
}
