//! Output of `promptctl stats`: one result as labelled lines for people, or one JSON document.
//!
//! JSON shape (`schema_version` 1):
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "kind": "mcnemar",
//!   "title": "McNemar exact test (paired pass/fail)",
//!   "testable": true,
//!   "not_testable": null,
//!   "results": {"b": 12, "c": 3, "statistic": 3.0, "pvalue": 0.0352},
//!   "notes": []
//! }
//! ```
//!
//! `results` keeps the order the command lists its fields in. Non-finite numbers, which JSON
//! cannot hold, are written as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (one-sided
//! intervals are unbounded on one side). When the data carries no information for the test,
//! `testable` is false and `not_testable` holds `{"code", "reason"}`.

use std::fmt::Write as _;

use promptctl::stats::NotTestable;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::printer::Printer;

/// The one sign convention of `promptctl stats`, printed with every signed result.
pub(crate) const SIGN_CONVENTION: &str =
    "signs are B - A: a positive difference or statistic means B is higher than A";

/// One value of a report.
#[derive(Debug, Clone)]
pub(crate) enum Field {
    /// A real number.
    Number(f64),
    /// A p-value (printed with more care for tiny values).
    PValue(f64),
    /// A count.
    Count(u64),
    /// Free text.
    Text(String),
    /// A yes/no flag.
    Flag(bool),
    /// A list of numbers.
    Numbers(Vec<f64>),
    /// A list of flags.
    Flags(Vec<bool>),
}

/// A result to print: a title, labelled fields, an optional "not testable" reason and notes.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    kind: &'static str,
    title: String,
    rows: Vec<(&'static str, &'static str, Field)>,
    not_testable: Option<NotTestable>,
    notes: Vec<String>,
}

impl Report {
    /// An empty report of `kind` (the JSON discriminator) with a human title.
    pub(crate) fn new(kind: &'static str, title: impl Into<String>) -> Report {
        Report {
            kind,
            title: title.into(),
            rows: Vec::new(),
            not_testable: None,
            notes: Vec::new(),
        }
    }

    /// Adds a field: JSON key, human label, value.
    pub(crate) fn field(mut self, key: &'static str, label: &'static str, value: Field) -> Report {
        self.rows.push((key, label, value));
        self
    }

    /// Adds a number.
    pub(crate) fn number(self, key: &'static str, label: &'static str, value: f64) -> Report {
        self.field(key, label, Field::Number(value))
    }

    /// Adds a count.
    pub(crate) fn count(self, key: &'static str, label: &'static str, value: u64) -> Report {
        self.field(key, label, Field::Count(value))
    }

    /// Adds a p-value and, unless the result is not testable, a verdict at `alpha`.
    pub(crate) fn pvalue(self, pvalue: f64, alpha: f64) -> Report {
        let testable = self.not_testable.is_none() && pvalue.is_finite();
        let report = self.field("pvalue", "p-value", Field::PValue(pvalue));
        if testable {
            report
                .field("significant", "significant", Field::Flag(pvalue <= alpha))
                .field("alpha", "alpha", Field::Number(alpha))
        } else {
            report
        }
    }

    /// Marks the result as not testable.
    pub(crate) fn not_testable(mut self, reason: Option<NotTestable>) -> Report {
        if reason.is_some() {
            self.not_testable = reason;
        }
        self
    }

    /// States the sign convention: every difference, statistic and direction is B − A.
    pub(crate) fn b_minus_a(self) -> Report {
        self.note(SIGN_CONVENTION)
    }

    /// Adds a note (method choices, fallbacks).
    pub(crate) fn note(mut self, note: impl Into<String>) -> Report {
        self.notes.push(note.into());
        self
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    kind: &'a str,
    title: &'a str,
    testable: bool,
    not_testable: Option<NotTestableJson>,
    results: Map<String, Value>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct NotTestableJson {
    code: &'static str,
    reason: &'static str,
}

fn json_number(x: f64) -> Value {
    if x.is_nan() {
        Value::from("NaN")
    } else if x == f64::INFINITY {
        Value::from("Infinity")
    } else if x == f64::NEG_INFINITY {
        Value::from("-Infinity")
    } else {
        Value::from(x)
    }
}

fn field_json(field: &Field) -> Value {
    match field {
        Field::Number(x) | Field::PValue(x) => json_number(*x),
        Field::Count(n) => Value::from(*n),
        Field::Text(s) => Value::from(s.as_str()),
        Field::Flag(b) => Value::from(*b),
        Field::Numbers(xs) => Value::Array(xs.iter().map(|x| json_number(*x)).collect()),
        Field::Flags(bs) => Value::Array(bs.iter().map(|b| Value::from(*b)).collect()),
    }
}

/// Formats a number for people: up to 6 significant digits, scientific when tiny or huge.
pub(crate) fn human_number(x: f64) -> String {
    if x.is_nan() {
        return "n/a".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "+inf" } else { "-inf" }.to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let magnitude = x.abs();
    if !(1e-4..1e9).contains(&magnitude) {
        return format!("{x:.4e}");
    }
    if x.fract() == 0.0 {
        return format!("{x:.0}");
    }
    // 1e-4 <= magnitude < 1e9, so the exponent fits comfortably.
    #[allow(clippy::cast_possible_truncation)]
    let exponent = magnitude.log10().floor() as i32;
    let decimals = usize::try_from((5 - exponent).max(0)).unwrap_or(0);
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

fn human_pvalue(p: f64) -> String {
    if p.is_finite() && p > 0.0 && p < 1e-4 {
        format!("{p:.3e}")
    } else {
        human_number(p)
    }
}

fn field_human(field: &Field) -> String {
    match field {
        Field::Number(x) => human_number(*x),
        Field::PValue(p) => human_pvalue(*p),
        Field::Count(n) => n.to_string(),
        Field::Text(s) => s.clone(),
        Field::Flag(b) => if *b { "yes" } else { "no" }.to_owned(),
        Field::Numbers(xs) => xs
            .iter()
            .map(|x| human_number(*x))
            .collect::<Vec<_>>()
            .join(", "),
        Field::Flags(bs) => bs
            .iter()
            .map(|b| if *b { "yes" } else { "no" })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Prints a report.
pub(crate) fn print(printer: &Printer, report: &Report) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let results = report
            .rows
            .iter()
            .map(|(key, _, value)| ((*key).to_owned(), field_json(value)))
            .collect();
        let doc = ReportJson {
            schema_version: SCHEMA_VERSION,
            kind: report.kind,
            title: &report.title,
            testable: report.not_testable.is_none(),
            not_testable: report.not_testable.map(|n| NotTestableJson {
                code: n.code(),
                reason: n.reason(),
            }),
            results,
            notes: &report.notes,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let width = report
        .rows
        .iter()
        .map(|(_, label, _)| label.len())
        .max()
        .unwrap_or(0);
    let mut text = format!("{}\n", report.title);
    if let Some(reason) = report.not_testable {
        let label = printer.paint("not testable", anstyle::AnsiColor::Yellow);
        let _ = writeln!(text, "  {label}: {}", reason.reason());
    }
    for (_, label, value) in &report.rows {
        // A p-value of a not-testable result is an artefact; print the reason instead.
        if report.not_testable.is_some() && matches!(value, Field::PValue(_)) {
            continue;
        }
        let _ = writeln!(text, "  {label:<width$}  {}", field_human(value));
    }
    for note in &report.notes {
        let _ = writeln!(text, "  note: {note}");
    }
    printer.data(&text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(human_number(0.123_456_78), "0.123457");
        assert_eq!(human_number(388.0), "388");
        assert_eq!(human_number(1.5e-7), "1.5000e-7");
        assert_eq!(human_number(f64::NAN), "n/a");
        assert_eq!(human_pvalue(2.2e-59), "2.200e-59");
    }
}
