//! `promptctl stats test`: run one significance test from counts or number files.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use promptctl::stats::intervals::{self, DifferenceMethod};
use promptctl::stats::proportions::{self, McNemarMethod};
use promptctl::stats::rank::{self, MethodUsed, RankMethod, ZeroMethod};
use promptctl::stats::ttest::{self, Summary, TTest};

use crate::cli::commands::stats::input::{
    AlternativeArg, parse_summary, probability, read_numbers,
};
use crate::cli::context::CommandContext;
use crate::cli::error::{CliError, ExitStatus, Hinted};
use crate::cli::output::stats::{Field, Report, print};

/// Run a significance test, like an online calculator
///
/// Paired designs (every case through both variants, promptctl's default) use `mcnemar` for
/// pass/fail and `paired` or `wilcoxon` for scores, latency, tokens and cost. Split-traffic
/// designs use `chi2`, `fisher` or `ztest` for pass/fail and `welch`, `student` or
/// `mann-whitney` for numbers. Number files hold one value per line (a header line is fine);
/// `-` reads stdin.
///
/// Signs are B - A: a positive difference, t or z means B is higher than A, and
/// `--alternative greater` means B is greater than A.
///
/// Examples:
///   promptctl stats test mcnemar --b 12 --c 3
///   promptctl stats test chi2 --pass-a 410 --n-a 500 --pass-b 445 --n-b 500
///   promptctl stats test welch --a a.csv --b b.csv --format json
///   promptctl stats test welch --summary-a 812,140,400 --summary-b 790,150,410
///   promptctl stats test wilcoxon --a before.csv --b after.csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct TestArgs {
    #[command(subcommand)]
    pub(crate) test: TestKind,
    /// Significance level for the verdict, between 0 and 1
    #[arg(long, global = true, default_value_t = 0.05, value_name = "ALPHA", value_parser = probability, allow_negative_numbers = true)]
    pub(crate) alpha: f64,
}

/// Which test.
#[derive(Debug, Subcommand)]
pub(crate) enum TestKind {
    /// McNemar's test for paired pass/fail results (exact when discordant pairs are few)
    Mcnemar {
        /// Cases where A passed and B failed
        #[arg(long)]
        b: u64,
        /// Cases where A failed and B passed
        #[arg(long)]
        c: u64,
        /// `auto` (exact below 25 discordant pairs), `exact` or `chi2`
        #[arg(long, value_enum, default_value_t = McNemarChoice::Auto)]
        method: McNemarChoice,
        /// Without the continuity correction (when the chi-square form is used)
        #[arg(long)]
        no_correction: bool,
    },
    /// Chi-square test on two arms' pass counts (split traffic)
    Chi2 {
        #[command(flatten)]
        counts: Counts,
        /// Without Yates' continuity correction
        #[arg(long)]
        no_correction: bool,
    },
    /// Fisher's exact test on two arms' pass counts (any size)
    Fisher {
        #[command(flatten)]
        counts: Counts,
        /// Direction of the alternative (B's pass rate against A's)
        #[arg(long, value_enum, default_value_t)]
        alternative: AlternativeArg,
    },
    /// Two-proportion z-test with pooled variance
    Ztest {
        #[command(flatten)]
        counts: Counts,
        /// Direction of the alternative (B's pass rate against A's)
        #[arg(long, value_enum, default_value_t)]
        alternative: AlternativeArg,
    },
    /// Welch's t-test for independent samples (unequal variances)
    Welch(Samples),
    /// Student's t-test for independent samples (pooled variance)
    Student(Samples),
    /// Paired t-test on per-case differences B - A
    Paired(PairedSamples),
    /// Wilcoxon signed-rank test on per-case differences B - A
    Wilcoxon {
        #[command(flatten)]
        samples: PairedSamples,
        /// How zero differences are treated
        #[arg(long, value_enum, default_value_t = ZeroChoice::Wilcox)]
        zero_method: ZeroChoice,
        /// `auto` (exact for up to 50 untied differences), `exact` or `asymptotic`
        #[arg(long, value_enum, default_value_t = RankChoice::Auto)]
        method: RankChoice,
        /// Without the continuity correction (when the normal approximation is used)
        #[arg(long)]
        no_correction: bool,
    },
    /// Mann-Whitney U test for independent samples
    MannWhitney {
        #[command(flatten)]
        samples: FileSamples,
        /// `auto` (exact for up to 8 untied values per arm), `exact` or `asymptotic`
        #[arg(long, value_enum, default_value_t = RankChoice::Auto)]
        method: RankChoice,
        /// Without the continuity correction (when the normal approximation is used)
        #[arg(long)]
        no_correction: bool,
        /// Direction of the alternative (B against A)
        #[arg(long, value_enum, default_value_t)]
        alternative: AlternativeArg,
    },
}

/// Pass counts of two arms.
#[derive(Debug, clap::Args)]
pub(crate) struct Counts {
    /// Passes in arm A
    #[arg(long)]
    pass_a: u64,
    /// Observations in arm A
    #[arg(long)]
    n_a: u64,
    /// Passes in arm B
    #[arg(long)]
    pass_b: u64,
    /// Observations in arm B
    #[arg(long)]
    n_b: u64,
}

/// Two independent samples, from files.
#[derive(Debug, clap::Args)]
pub(crate) struct FileSamples {
    /// File with arm A's values, one per line (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    a: PathBuf,
    /// File with arm B's values, one per line
    #[arg(long, value_name = "FILE")]
    b: PathBuf,
}

/// Two independent samples, from files or summary statistics.
#[derive(Debug, clap::Args)]
pub(crate) struct Samples {
    /// File with arm A's values, one per line (`-` for stdin)
    #[arg(long, value_name = "FILE", required_unless_present = "summary_a")]
    a: Option<PathBuf>,
    /// File with arm B's values, one per line
    #[arg(long, value_name = "FILE", required_unless_present = "summary_b")]
    b: Option<PathBuf>,
    /// Arm A as summary statistics `MEAN,SD,N` instead of a file (the mean may be negative)
    #[arg(long, value_name = "MEAN,SD,N", conflicts_with = "a", value_parser = parse_summary, allow_hyphen_values = true)]
    summary_a: Option<(f64, f64, f64)>,
    /// Arm B as summary statistics `MEAN,SD,N` instead of a file (the mean may be negative)
    #[arg(long, value_name = "MEAN,SD,N", conflicts_with = "b", value_parser = parse_summary, allow_hyphen_values = true)]
    summary_b: Option<(f64, f64, f64)>,
    /// Direction of the alternative (B's mean against A's)
    #[arg(long, value_enum, default_value_t)]
    alternative: AlternativeArg,
    /// Confidence level of the interval, between 0 and 1
    #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
    confidence: f64,
}

/// Two paired samples: line i of A and line i of B are the same case.
#[derive(Debug, clap::Args)]
pub(crate) struct PairedSamples {
    /// File with variant A's values, one per case (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    a: PathBuf,
    /// File with variant B's values, in the same case order
    #[arg(long, value_name = "FILE")]
    b: PathBuf,
    /// Direction of the alternative (B against A)
    #[arg(long, value_enum, default_value_t)]
    alternative: AlternativeArg,
    /// Confidence level of the interval, between 0 and 1
    #[arg(long, default_value_t = 0.95, value_parser = probability, allow_negative_numbers = true)]
    confidence: f64,
}

/// `--method` of McNemar's test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum McNemarChoice {
    /// Exact below 25 discordant pairs, corrected chi-square above
    Auto,
    /// Exact binomial test
    Exact,
    /// Chi-square approximation
    Chi2,
}

/// `--method` of the rank tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RankChoice {
    /// Exact for small untied samples, asymptotic otherwise
    Auto,
    /// Exact null distribution (falls back when there are ties)
    Exact,
    /// Normal approximation with tie correction
    Asymptotic,
}

/// `--zero-method` of the Wilcoxon test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ZeroChoice {
    /// Drop zero differences
    Wilcox,
    /// Rank zeros, then drop their ranks
    Pratt,
    /// Split zero ranks between both signs
    Zsplit,
}

fn rank_method(choice: RankChoice, no_correction: bool) -> RankMethod {
    match choice {
        RankChoice::Auto => RankMethod::Auto,
        RankChoice::Exact => RankMethod::Exact,
        RankChoice::Asymptotic => RankMethod::Asymptotic {
            correction: !no_correction,
        },
    }
}

/// The note for `--no-correction` on a result the exact distribution gave.
const EXACT_HAS_NO_CORRECTION: &str =
    "the exact test has no continuity correction: --no-correction changes nothing here";

/// Runs a rank test with `--method` and `--no-correction` as asked. `auto` and `exact` fall
/// back to the normal approximation on ties; with `--no-correction` that fallback is run again
/// without the continuity correction, so the flag holds whichever method ends up used.
fn rank_test<T>(
    choice: RankChoice,
    no_correction: bool,
    used: impl Fn(&T) -> MethodUsed,
    test: impl Fn(RankMethod) -> Result<T, promptctl::stats::Error>,
) -> anyhow::Result<(T, Option<&'static str>)> {
    let requested = rank_method(choice, no_correction);
    let mut result = test(requested)?;
    if no_correction {
        match used(&result) {
            MethodUsed::Asymptotic { correction: true } => {
                result = test(RankMethod::Asymptotic { correction: false })?;
            }
            MethodUsed::Exact => return Ok((result, Some(EXACT_HAS_NO_CORRECTION))),
            MethodUsed::Asymptotic { correction: false } => {}
        }
    }
    Ok((result, None))
}

fn method_text(method: MethodUsed) -> &'static str {
    match method {
        MethodUsed::Exact => "exact",
        MethodUsed::Asymptotic { correction: true } => "asymptotic, continuity-corrected",
        MethodUsed::Asymptotic { correction: false } => "asymptotic",
    }
}

pub(crate) fn run(ctx: &CommandContext, args: &TestArgs) -> anyhow::Result<ExitStatus> {
    let alpha = args.alpha;
    let report = match &args.test {
        TestKind::Mcnemar {
            b,
            c,
            method,
            no_correction,
        } => {
            let method = match method {
                McNemarChoice::Auto => McNemarMethod::auto(*b, *c),
                McNemarChoice::Exact => McNemarMethod::Exact,
                McNemarChoice::Chi2 => McNemarMethod::ChiSquare { correction: true },
            };
            let method = match method {
                McNemarMethod::ChiSquare { .. } => McNemarMethod::ChiSquare {
                    correction: !no_correction,
                },
                McNemarMethod::Exact => McNemarMethod::Exact,
            };
            let r = proportions::mcnemar(*b, *c, method);
            let title = match r.method {
                McNemarMethod::Exact => "McNemar exact test (paired pass/fail)",
                McNemarMethod::ChiSquare { correction: true } => {
                    "McNemar chi-square test, continuity-corrected (paired pass/fail)"
                }
                McNemarMethod::ChiSquare { correction: false } => {
                    "McNemar chi-square test (paired pass/fail)"
                }
            };
            let report = Report::new("mcnemar", title)
                .not_testable(r.outcome.not_testable)
                .count("b", "A pass, B fail", *b)
                .count("c", "A fail, B pass", *c)
                .count("n_discordant", "discordant pairs", r.n_discordant)
                .number("statistic", "statistic", r.outcome.statistic)
                .pvalue(r.outcome.pvalue, alpha);
            if *no_correction && r.method == McNemarMethod::Exact {
                report.note(EXACT_HAS_NO_CORRECTION)
            } else {
                report
            }
        }
        TestKind::Chi2 {
            counts,
            no_correction,
        } => {
            let table = table(counts)?;
            let r = proportions::chi_square_2x2(&table, !no_correction);
            let title = if *no_correction {
                "Chi-square test, 2x2 (split traffic)"
            } else {
                "Chi-square test with Yates' correction, 2x2 (split traffic)"
            };
            rates(Report::new("chi2", title), counts, alpha)?
                .not_testable(r.outcome.not_testable)
                .number("statistic", "chi-square", r.outcome.statistic)
                .count("dof", "degrees of freedom", u64::from(r.dof))
                .pvalue(r.outcome.pvalue, alpha)
        }
        TestKind::Fisher {
            counts,
            alternative,
        } => {
            let [row_a, row_b] = table(counts)?;
            let r = proportions::fisher_exact(&[row_b, row_a], (*alternative).into())
                .map_err(|error| match error {
                    promptctl::stats::Error::ExactTooLarge { .. } => Hinted::new(
                        error,
                        format!(
                            "the chi-square test takes tables this large: `promptctl stats test chi2 --pass-a {} --n-a {} --pass-b {} --n-b {}`",
                            counts.pass_a, counts.n_a, counts.pass_b, counts.n_b
                        ),
                    )
                    .into(),
                    other => anyhow::Error::from(other),
                })?;
            rates(
                Report::new("fisher", "Fisher's exact test, 2x2 (split traffic)"),
                counts,
                alpha,
            )?
            .not_testable(r.not_testable)
            .number("odds_ratio", "odds ratio B / A", r.statistic)
            .pvalue(r.pvalue, alpha)
        }
        TestKind::Ztest {
            counts,
            alternative,
        } => {
            table(counts)?;
            let r = proportions::two_proportion_ztest(
                counts.pass_b,
                counts.n_b,
                counts.pass_a,
                counts.n_a,
                (*alternative).into(),
            );
            rates(
                Report::new("ztest", "Two-proportion z-test (split traffic)"),
                counts,
                alpha,
            )?
            .not_testable(r.not_testable)
            .number("statistic", "z", r.statistic)
            .pvalue(r.pvalue, alpha)
        }
        TestKind::Welch(samples) => independent(samples, false, alpha)?,
        TestKind::Student(samples) => independent(samples, true, alpha)?,
        TestKind::Paired(samples) => {
            let (a, b) = (read_numbers(&samples.a)?, read_numbers(&samples.b)?);
            let r = ttest::paired(&b, &a, samples.confidence, samples.alternative.into())?;
            let d = ttest::cohens_d_paired(&b, &a)?;
            t_report(Report::new("paired", "Paired t-test on B - A"), &r, alpha)
                .count("n", "pairs", a.len() as u64)
                .number("cohens_d", "Cohen's d (paired)", d)
        }
        TestKind::Wilcoxon {
            samples,
            zero_method,
            method,
            no_correction,
        } => {
            let (a, b) = (read_numbers(&samples.a)?, read_numbers(&samples.b)?);
            let zero = match zero_method {
                ZeroChoice::Wilcox => ZeroMethod::Wilcox,
                ZeroChoice::Pratt => ZeroMethod::Pratt,
                ZeroChoice::Zsplit => ZeroMethod::Zsplit,
            };
            let (r, exact_note) = rank_test(
                *method,
                *no_correction,
                |r: &rank::Wilcoxon| r.method,
                |m| rank::wilcoxon(&b, &a, zero, m, samples.alternative.into()),
            )?;
            let mut report = Report::new("wilcoxon", "Wilcoxon signed-rank test on B - A")
                .not_testable(r.not_testable)
                .field(
                    "method",
                    "method",
                    Field::Text(method_text(r.method).to_owned()),
                )
                .count("n_ranked", "differences ranked", r.n_ranked as u64)
                .count(
                    "n_zero_diffs",
                    "zero differences",
                    (r.n_zero_diffs + r.n_dropped) as u64,
                )
                .number("r_plus", "rank sum B > A", r.r_plus)
                .number("r_minus", "rank sum B < A", r.r_minus)
                .number("statistic", "statistic", r.statistic);
            if let Some(z) = r.zstatistic {
                report = report.number("zstatistic", "z", z);
            }
            if *method == RankChoice::Exact && r.method != MethodUsed::Exact {
                report = report.note("ties or zero differences: the exact distribution does not apply, used the normal approximation");
            }
            report = report.pvalue(r.pvalue, alpha);
            match exact_note {
                Some(note) => report.note(note),
                None => report,
            }
        }
        TestKind::MannWhitney {
            samples,
            method,
            no_correction,
            alternative,
        } => {
            let (a, b) = (read_numbers(&samples.a)?, read_numbers(&samples.b)?);
            let (r, exact_note) = rank_test(
                *method,
                *no_correction,
                |r: &rank::MannWhitney| r.method,
                |m| rank::mann_whitney(&b, &a, m, (*alternative).into()),
            )?;
            let mut report = Report::new("mann_whitney", "Mann-Whitney U test (split traffic)")
                .not_testable(r.not_testable)
                .field(
                    "method",
                    "method",
                    Field::Text(method_text(r.method).to_owned()),
                )
                .count("n_a", "n A", a.len() as u64)
                .count("n_b", "n B", b.len() as u64)
                .number("statistic", "U (A)", r.u_y)
                .number("u_b", "U (B)", r.statistic);
            if *method == RankChoice::Exact && r.method != MethodUsed::Exact {
                report = report.note(
                    "ties: the exact distribution does not apply, used the normal approximation",
                );
            }
            report = report.pvalue(r.pvalue, alpha);
            match exact_note {
                Some(note) => report.note(note),
                None => report,
            }
        }
    };
    let report = if matches!(args.test, TestKind::Mcnemar { .. }) {
        report
    } else {
        report.b_minus_a()
    };
    print(ctx.printer(), &report)?;
    Ok(ExitStatus::Success)
}

fn table(counts: &Counts) -> anyhow::Result<[[u64; 2]; 2]> {
    for (arm, pass, n) in [
        ("A", counts.pass_a, counts.n_a),
        ("B", counts.pass_b, counts.n_b),
    ] {
        if pass > n {
            return Err(CliError::usage(
                format!("arm {arm} has {pass} passes out of {n} observations"),
                Some(
                    "--pass-a/--pass-b count passes; --n-a/--n-b count all observations".to_owned(),
                ),
            )
            .into());
        }
    }
    Ok([
        [counts.pass_a, counts.n_a - counts.pass_a],
        [counts.pass_b, counts.n_b - counts.pass_b],
    ])
}

/// Pass rates, effect sizes and the Newcombe interval of B - A.
fn rates(report: Report, counts: &Counts, alpha: f64) -> anyhow::Result<Report> {
    #[allow(clippy::cast_precision_loss)]
    let rate = |pass: u64, n: u64| {
        if n == 0 {
            f64::NAN
        } else {
            pass as f64 / n as f64
        }
    };
    let (ra, rb) = (
        rate(counts.pass_a, counts.n_a),
        rate(counts.pass_b, counts.n_b),
    );
    let effects = proportions::proportion_effects(ra, rb);
    let mut report = report
        .number("rate_a", "pass rate A", ra)
        .number("rate_b", "pass rate B", rb)
        .number(
            "risk_difference",
            "difference B - A",
            effects.risk_difference,
        )
        .number("relative_lift", "relative lift", effects.relative_lift)
        .number("cohens_h", "Cohen's h", effects.cohens_h);
    if counts.n_a > 0 && counts.n_b > 0 {
        let ci = intervals::proportion_difference(
            counts.pass_b,
            counts.n_b,
            counts.pass_a,
            counts.n_a,
            alpha,
            DifferenceMethod::Newcombe,
        )?;
        report = report
            .number("diff_ci_low", "difference CI low", ci.low)
            .number("diff_ci_high", "difference CI high", ci.high);
    }
    Ok(report)
}

fn independent(samples: &Samples, equal_var: bool, alpha: f64) -> anyhow::Result<Report> {
    let summary = |file: &Option<PathBuf>,
                   given: Option<(f64, f64, f64)>|
     -> anyhow::Result<Summary> {
        match (file, given) {
            (_, Some((mean, sd, n))) => Ok(Summary::from_std(mean, sd, n)),
            (Some(path), None) => Ok(Summary::of(&read_numbers(path)?)),
            (None, None) => {
                Err(CliError::usage("give --a/--b files or --summary-a/--summary-b", None).into())
            }
        }
    };
    let a = summary(&samples.a, samples.summary_a)?;
    let b = summary(&samples.b, samples.summary_b)?;
    let r = ttest::from_summaries(
        &b,
        &a,
        equal_var,
        samples.confidence,
        samples.alternative.into(),
    )?;
    let (kind, title) = if equal_var {
        (
            "student",
            "Student's t-test, pooled variance (split traffic)",
        )
    } else {
        ("welch", "Welch's t-test (split traffic)")
    };
    Ok(t_report(Report::new(kind, title), &r, alpha)
        .number("mean_a", "mean A", a.mean)
        .number("mean_b", "mean B", b.mean)
        .number("n_a", "n A", a.n)
        .number("n_b", "n B", b.n)
        .number("cohens_d", "Cohen's d", ttest::cohens_d(&b, &a)))
}

fn t_report(report: Report, r: &TTest, alpha: f64) -> Report {
    report
        .not_testable(r.not_testable)
        .number("estimate", "mean difference B - A", r.estimate)
        .number("ci_low", "CI low", r.ci_low)
        .number("ci_high", "CI high", r.ci_high)
        .number("statistic", "t", r.statistic)
        .number("df", "degrees of freedom", r.df)
        .pvalue(r.pvalue, alpha)
}
