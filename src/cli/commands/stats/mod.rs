//! `promptctl stats`: the statistics engine as a command-line calculator.

pub(crate) mod correct;
pub(crate) mod input;
pub(crate) mod interval;
pub(crate) mod power;
pub(crate) mod sample_size;
pub(crate) mod sequential;
pub(crate) mod srm;
pub(crate) mod test;

use clap::Subcommand;

use crate::cli::context::CommandContext;
use crate::cli::error::ExitStatus;

/// Statistics for ad-hoc questions: tests, intervals, sample sizes, power
///
/// The same engine `ab analyze` uses, for numbers you have at hand. Every subcommand prints
/// labelled results, or one JSON document with `--format json`. See docs/statistics.md for
/// which test fits which design. Signs are B - A everywhere: a positive difference or statistic
/// means B is higher than A.
///
/// Examples:
///   promptctl stats test mcnemar --b 12 --c 3
///   promptctl stats sample-size --baseline 0.62 --mde 0.05
///   promptctl stats test welch --a a.csv --b b.csv --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct StatsArgs {
    #[command(subcommand)]
    pub(crate) command: StatsCommand,
}

/// The `stats` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum StatsCommand {
    Test(test::TestArgs),
    SampleSize(sample_size::SampleSizeArgs),
    Power(power::PowerArgs),
    Interval(interval::IntervalArgs),
    Correct(correct::CorrectArgs),
    Srm(srm::SrmArgs),
    Sequential(sequential::SequentialArgs),
}

pub(crate) fn run(ctx: &CommandContext, args: &StatsArgs) -> anyhow::Result<ExitStatus> {
    match &args.command {
        StatsCommand::Test(args) => test::run(ctx, args),
        StatsCommand::SampleSize(args) => sample_size::run(ctx, args),
        StatsCommand::Power(args) => power::run(ctx, args),
        StatsCommand::Interval(args) => interval::run(ctx, args),
        StatsCommand::Correct(args) => correct::run(ctx, args),
        StatsCommand::Srm(args) => srm::run(ctx, args),
        StatsCommand::Sequential(args) => sequential::run(ctx, args),
    }
}

/// The baseline rate and the absolute difference to detect, for `power` and `sample-size` on
/// pass rates: `--mde` as given, or as a fraction of the baseline with `--relative`.
fn rate_effect(
    baseline: Option<f64>,
    mde: f64,
    relative: bool,
) -> Result<(f64, f64), crate::cli::error::CliError> {
    let Some(baseline) = baseline else {
        return Err(crate::cli::error::CliError::usage(
            "give --baseline for pass rates or --sd for means",
            None,
        ));
    };
    Ok((baseline, if relative { baseline * mde } else { mde }))
}
