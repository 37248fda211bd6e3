//! `promptctl stats correct`: adjust p-values for multiple comparisons.

use clap::ValueEnum;
use promptctl::stats::corrections::{self, Correction};

use crate::cli::commands::stats::input::probability;
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::stats::{Field, Report, print};

/// Adjust p-values for comparing many variants × metrics
///
/// Testing 3 variants on 3 metrics is 9 chances to find a "significant" result by luck.
/// Holm (the default) keeps the chance of any false positive at `--alpha`; Benjamini-Hochberg
/// (`bh`) keeps the expected share of false positives at `--alpha` and rejects more.
///
/// Examples:
///   promptctl stats correct 0.01 0.04 0.03 0.2
///   promptctl stats correct --method bh --alpha 0.1 0.01 0.04 0.03 0.2
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct CorrectArgs {
    /// The raw p-values
    #[arg(required = true, value_name = "P")]
    pub(crate) pvalues: Vec<f64>,
    /// Correction method
    #[arg(long, value_enum, default_value_t = CorrectionChoice::Holm)]
    pub(crate) method: CorrectionChoice,
    /// Family-wise error rate (or false discovery rate for `bh`), between 0 and 1
    #[arg(long, default_value_t = 0.05, value_parser = probability, allow_negative_numbers = true)]
    pub(crate) alpha: f64,
}

/// `--method` of `correct`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CorrectionChoice {
    /// Holm's step-down procedure
    Holm,
    /// Bonferroni
    Bonferroni,
    /// Benjamini-Hochberg false discovery rate
    Bh,
}

pub(crate) fn run(ctx: &CommandContext, args: &CorrectArgs) -> anyhow::Result<ExitStatus> {
    let (method, title) = match args.method {
        CorrectionChoice::Holm => (Correction::Holm, "Holm correction"),
        CorrectionChoice::Bonferroni => (Correction::Bonferroni, "Bonferroni correction"),
        CorrectionChoice::Bh => (
            Correction::BenjaminiHochberg,
            "Benjamini-Hochberg correction",
        ),
    };
    let r = corrections::adjust(&args.pvalues, args.alpha, method)?;
    let report = Report::new("correction", title)
        .field(
            "pvalues",
            "raw p-values",
            Field::Numbers(args.pvalues.clone()),
        )
        .field("adjusted", "adjusted", Field::Numbers(r.pvalues))
        .field("reject", "significant", Field::Flags(r.reject))
        .number("alpha", "alpha", args.alpha);
    print(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}
