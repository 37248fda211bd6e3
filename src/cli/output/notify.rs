//! The report of `promptctl notify test`.

use promptctl::notify::{Delivered, Event};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::notify::delivered_line;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

#[derive(Serialize)]
struct TestJson<'a> {
    schema_version: u32,
    destination: &'a str,
    host: &'a str,
    event: &'a str,
    delivered: bool,
    status: u16,
    attempts: u32,
}

/// A delivered test message: where (host only), the answer and how many attempts it took.
pub(crate) fn print_test(
    printer: &Printer,
    event: &Event,
    delivered: &Delivered,
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        printer.json(&serde_json::to_value(TestJson {
            schema_version: SCHEMA_VERSION,
            destination: &delivered.destination,
            host: &delivered.host,
            event: event.kind.name(),
            delivered: true,
            status: delivered.status,
            attempts: delivered.attempts,
        })?)?;
    } else {
        printer.data(&(delivered_line(event, delivered) + "\n"))?;
    }
    Ok(())
}
