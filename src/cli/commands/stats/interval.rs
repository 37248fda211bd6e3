//! `promptctl stats interval`: confidence intervals for rates, differences, means and
//! percentiles.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use promptctl::stats::bootstrap::{self, BootstrapOptions, Statistic};
use promptctl::stats::intervals::{self, DifferenceMethod, ProportionMethod};

use crate::cli::commands::stats::input::{probability, quantile, read_numbers};
use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;
use crate::cli::output::stats::{Report, print};

/// Compute a confidence interval
///
/// `proportion` (Wilson by default) and `difference` (Newcombe by default) work from counts;
/// `mean` takes a number file; `bootstrap` gives a seeded percentile interval for the median
/// or a percentile (p95 latency) of one sample, or for the difference B - A of two.
///
/// Examples:
///   promptctl stats interval proportion --count 45 --n 50
///   promptctl stats interval difference --count-a 410 --n-a 500 --count-b 445 --n-b 500
///   promptctl stats interval mean --a scores.csv
///   promptctl stats interval bootstrap --a a-latency.csv --b b-latency.csv --quantile 0.95
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct IntervalArgs {
    #[command(subcommand)]
    pub(crate) kind: IntervalKind,
}

/// Which interval.
#[derive(Debug, Subcommand)]
pub(crate) enum IntervalKind {
    /// A pass rate `count / n`
    Proportion {
        /// Passes
        #[arg(long)]
        count: u64,
        /// Observations
        #[arg(long)]
        n: u64,
        /// Interval method
        #[arg(long, value_enum, default_value_t = ProportionChoice::Wilson)]
        method: ProportionChoice,
        /// Confidence level, between 0 and 1
        #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
        confidence: f64,
    },
    /// The difference of pass rates B - A
    Difference {
        /// Passes in arm A
        #[arg(long)]
        count_a: u64,
        /// Observations in arm A
        #[arg(long)]
        n_a: u64,
        /// Passes in arm B
        #[arg(long)]
        count_b: u64,
        /// Observations in arm B
        #[arg(long)]
        n_b: u64,
        /// Interval method
        #[arg(long, value_enum, default_value_t = DifferenceChoice::Newcombe)]
        method: DifferenceChoice,
        /// Confidence level, between 0 and 1
        #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
        confidence: f64,
    },
    /// The mean of a sample (t interval)
    Mean {
        /// File with one value per line (`-` for stdin)
        #[arg(long, value_name = "FILE")]
        a: PathBuf,
        /// Confidence level, between 0 and 1
        #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
        confidence: f64,
    },
    /// A seeded percentile bootstrap for a median or percentile, or its difference B - A
    Bootstrap {
        /// File with arm A's values
        #[arg(long, value_name = "FILE")]
        a: PathBuf,
        /// File with arm B's values (then the interval is for B - A)
        #[arg(long, value_name = "FILE")]
        b: Option<PathBuf>,
        /// Resample whole cases: line i of A and B is the same case
        #[arg(long, requires = "b")]
        paired: bool,
        /// The quantile to bootstrap, in [0, 1] (0.5 = median, 0.95 = p95)
        #[arg(long, default_value_t = 0.5, value_parser = quantile)]
        quantile: f64,
        /// Number of resamples
        #[arg(long, default_value_t = 2000)]
        resamples: usize,
        /// Seed (default: `PROMPTCTL_SEED`, else 0)
        #[arg(long)]
        seed: Option<u64>,
        /// Confidence level, between 0 and 1
        #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
        confidence: f64,
    },
}

/// `--method` for a proportion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ProportionChoice {
    /// Wilson score interval
    Wilson,
    /// Clopper-Pearson exact interval
    ClopperPearson,
    /// Wald (normal) interval
    Wald,
    /// Agresti-Coull interval
    AgrestiCoull,
    /// Jeffreys interval
    Jeffreys,
}

/// `--method` for a difference of proportions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DifferenceChoice {
    /// Newcombe's hybrid score interval
    Newcombe,
    /// Wald interval
    Wald,
    /// Agresti-Caffo interval
    AgrestiCaffo,
}

pub(crate) fn run(ctx: &CommandContext, args: &IntervalArgs) -> anyhow::Result<ExitStatus> {
    let report = match &args.kind {
        IntervalKind::Proportion {
            count,
            n,
            method,
            confidence,
        } => {
            let m = match method {
                ProportionChoice::Wilson => ProportionMethod::Wilson,
                ProportionChoice::ClopperPearson => ProportionMethod::ClopperPearson,
                ProportionChoice::Wald => ProportionMethod::Wald,
                ProportionChoice::AgrestiCoull => ProportionMethod::AgrestiCoull,
                ProportionChoice::Jeffreys => ProportionMethod::Jeffreys,
            };
            let i = intervals::proportion(*count, *n, 1.0 - confidence, m)?;
            Report::new(
                "interval_proportion",
                format!("{} interval for a pass rate", name(m)),
            )
            .count("count", "passes", *count)
            .count("n", "observations", *n)
            .number("estimate", "rate", i.estimate)
            .number("low", "low", i.low)
            .number("high", "high", i.high)
            .number("confidence", "confidence", *confidence)
        }
        IntervalKind::Difference {
            count_a,
            n_a,
            count_b,
            n_b,
            method,
            confidence,
        } => {
            let m = match method {
                DifferenceChoice::Newcombe => DifferenceMethod::Newcombe,
                DifferenceChoice::Wald => DifferenceMethod::Wald,
                DifferenceChoice::AgrestiCaffo => DifferenceMethod::AgrestiCaffo,
            };
            let i = intervals::proportion_difference(
                *count_b,
                *n_b,
                *count_a,
                *n_a,
                1.0 - confidence,
                m,
            )?;
            Report::new(
                "interval_difference",
                "Interval for the difference of pass rates B - A",
            )
            .number("estimate", "difference B - A", i.estimate)
            .number("low", "low", i.low)
            .number("high", "high", i.high)
            .number("confidence", "confidence", *confidence)
            .b_minus_a()
        }
        IntervalKind::Mean { a, confidence } => {
            let values = read_numbers(a)?;
            let r = intervals::mean(&values, *confidence)?;
            Report::new("interval_mean", "t interval for a mean")
                .not_testable(r.not_testable)
                .count("n", "observations", values.len() as u64)
                .number("estimate", "mean", r.estimate)
                .number("low", "low", r.ci_low)
                .number("high", "high", r.ci_high)
                .number("confidence", "confidence", *confidence)
        }
        IntervalKind::Bootstrap {
            a,
            b,
            paired,
            quantile,
            resamples,
            seed,
            confidence,
        } => {
            let seed = seed.or_else(crate::cli::env_vars::seed).unwrap_or(0);
            let options = BootstrapOptions {
                resamples: *resamples,
                alpha: 1.0 - confidence,
                seed,
            };
            let statistic = Statistic::Quantile(*quantile);
            let values_a = read_numbers(a)?;
            let (title, i) = match b {
                None => (
                    "Percentile bootstrap interval",
                    bootstrap::one_sample(&values_a, statistic, &options)?,
                ),
                Some(b) => {
                    let values_b = read_numbers(b)?;
                    let i = if *paired {
                        bootstrap::paired_difference(&values_a, &values_b, statistic, &options)?
                    } else {
                        bootstrap::difference(&values_a, &values_b, statistic, &options)?
                    };
                    ("Percentile bootstrap interval for the difference B - A", i)
                }
            };
            let report = Report::new("interval_bootstrap", title)
                .number("quantile", "quantile", *quantile)
                .number("estimate", "estimate", i.estimate)
                .number("low", "low", i.low)
                .number("high", "high", i.high)
                .number("confidence", "confidence", *confidence)
                .count("resamples", "resamples", *resamples as u64)
                .count("seed", "seed", seed);
            if b.is_some() {
                report.b_minus_a()
            } else {
                report
            }
        }
    };
    print(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}

fn name(method: ProportionMethod) -> &'static str {
    match method {
        ProportionMethod::Wilson => "Wilson",
        ProportionMethod::ClopperPearson => "Clopper-Pearson",
        ProportionMethod::Wald => "Wald",
        ProportionMethod::AgrestiCoull => "Agresti-Coull",
        ProportionMethod::Jeffreys => "Jeffreys",
    }
}
