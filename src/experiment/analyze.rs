//! Analysis: results -> per metric × arm against the control.
//!
//! For each metric and each non-control arm: n, the rate or mean with its interval, the lift
//! (variant − control, with interval, and relative to the control), the raw and adjusted
//! p-value, the test used, and a decision: better, worse, no difference, or inconclusive. Split
//! designs get a sample-ratio-mismatch check; guardrails are checked; a recommendation sums it
//! up without ever recommending an arm that breaks a guardrail.
//!
//! Which test, and which interval for the lift:
//!
//! | design | rate (pass/fail) | mean |
//! | --- | --- | --- |
//! | paired | `McNemar` (exact below 25 discordant pairs); Newcombe paired interval | paired t |
//! | split | two-proportion z (Fisher when a cell is expected below 5); Newcombe interval | Welch t |
//!
//! With `stopping.rule: sequential` the p-value and interval are the always-valid mSPRT ones
//! instead (at the last look), so looking after every batch does not inflate false positives.
//!
//! **One family, one correction.** The family is every judged metric × every variant against
//! the control ([`Spec::family_size`], `m`), corrected with Bonferroni: each comparison is tested
//! at `alpha / m`, its interval has level `1 - alpha / m`, and the adjusted p-value is
//! `min(1, m·p)`. The sequential stopping rule ([`SequentialStop`]) tests the primary metric's
//! comparisons with the same mSPRT at the same `alpha / m`, and `ab plan`'s sample size uses
//! the same level, so a run the rule stopped as settled is analysed as settled.
//!
//! **Verdicts never say more than the interval.** Better or worse needs the adjusted p-value
//! below alpha *and* the interval on that side of 0. No difference needs the whole interval
//! inside ± the spec's `min_detectable_effect` (an equivalence margin, primary metric only).
//! Everything else is inconclusive, with the sample size `ab plan` computes for that effect.
//! No interval is ever a point: zero discordant pairs get the Newcombe interval (wide at small
//! n), and a mean difference with zero variance gets no interval at all, hence no verdict.
//!
//! **Failed calls are not quality.** A record with an `error` counts in the `error` metric and
//! in the failed calls of its arm, and in no other metric's n. When a sample was recorded more
//! than once (a resumed run retried a failed call), the last record stands.
//!
//! Reading is built for size: each file streams through one block (16 MiB), split at line
//! boundaries into chunks parsed in parallel, and each line is parsed into a borrowed
//! [`RecordView`] that skips the output text and is dropped once its values are in the table.
//! Memory therefore does not grow with a file's bytes, only with its samples: the table keeps
//! each metric's value per (case, repeat) × arm, because paired tests need both sides of a case
//! however far apart they were recorded, and a retried sample replaces its failed record
//! wherever it comes. A million records analyse in about a second on two cores.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::experiment::plan::required_per_arm;
use crate::experiment::record::{RecordView, RunRecord};
use crate::experiment::samples::{
    ArmTotals, Moments, PairTotals, Samples, Shape, SpillError, SpillLimits, Totals,
};
use crate::experiment::spec::{Design, Direction, MetricKind, MetricSpec, Spec};
use crate::stats;
use crate::stats::Alternative;
use crate::stats::corrections::{Correction, adjust};
use crate::stats::intervals::{self, ProportionMethod};
use crate::stats::proportions::{McNemarMethod, fisher_exact, mcnemar, two_proportion_ztest};
use crate::stats::sequential::Msprt;
use crate::stats::ttest;

/// Errors reading results.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// A results file could not be read.
    #[error("cannot read the results file `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A complete line is not a run record.
    #[error("{}:{line}: not a run record: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What the parser said.
        message: String,
    },
    /// A line is longer than any record promptctl writes; reading it whole would take memory
    /// without bound.
    #[error(
        "{}:{line}: line is longer than {} MiB; a run record is never this long",
        path.display(),
        limit >> 20
    )]
    LineTooLong {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The longest line read, in bytes.
        limit: usize,
    },
    /// There is nothing to analyse.
    #[error("no results for experiment `{experiment}`")]
    NoResults {
        /// The experiment.
        experiment: String,
    },
    /// More samples than fit in memory, and the temporary files that hold them failed.
    #[error(transparent)]
    Spill(#[from] SpillError),
}

/// The decision for one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Significantly better than the control.
    Better,
    /// Significantly worse than the control.
    Worse,
    /// The whole interval lies within ± the minimum detectable effect: whatever the difference
    /// is, it is smaller than the smallest one that matters.
    NoDifference,
    /// Not significant, and the interval still allows an effect that matters (or no margin was
    /// declared, or there are too few samples, or the interval cannot be computed).
    Inconclusive,
}

impl Decision {
    /// Words for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Better => "better",
            Decision::Worse => "worse",
            Decision::NoDifference => "no difference",
            Decision::Inconclusive => "inconclusive",
        }
    }
}

/// A value with a two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Estimate {
    /// Point estimate.
    pub value: f64,
    /// Lower end (NaN when undefined).
    pub low: f64,
    /// Upper end (NaN when undefined).
    pub high: f64,
}

/// One metric of one arm.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmMetric {
    /// Arm id.
    pub arm: String,
    /// Observations.
    pub n: u64,
    /// Rate or mean, with interval.
    pub estimate: Estimate,
}

/// One arm against the control on one metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Arm id.
    pub arm: String,
    /// Observations used by the test (pairs for paired designs).
    pub n: u64,
    /// Arm minus control (variant − control), with its interval at level `1 - alpha / m`.
    pub lift: Estimate,
    /// Lift relative to the control's value (`None` when the control is 0).
    pub relative_lift: Option<f64>,
    /// Raw p-value (`None` when not testable).
    pub p_value: Option<f64>,
    /// Bonferroni-adjusted p-value, `min(1, m·p)` over the family of `m` comparisons.
    pub p_adjusted: Option<f64>,
    /// The test used.
    pub test: &'static str,
    /// The verdict.
    pub decision: Decision,
    /// Why there is no p-value, when there is none.
    pub note: Option<&'static str>,
    /// When inconclusive on the primary metric: samples per variant needed to detect the
    /// minimum detectable effect (the number `ab plan` prints).
    pub needed: Option<u64>,
}

/// All arms on one metric.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricReport {
    /// The metric.
    pub name: String,
    /// Rate or mean.
    pub kind: MetricKind,
    /// Which way is better.
    pub direction: Direction,
    /// Every arm, control first.
    pub arms: Vec<ArmMetric>,
    /// Each non-control arm against the control.
    pub comparisons: Vec<Comparison>,
}

/// A guardrail on one arm.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardrailCheck {
    /// The metric.
    pub metric: String,
    /// Arm id.
    pub arm: String,
    /// Relative change in the bad direction (positive = worse).
    pub regression: Option<f64>,
    /// The allowed regression.
    pub max_regression: f64,
    /// Whether the arm stays within it.
    pub ok: bool,
}

/// The sample-ratio check of a split design.
#[derive(Debug, Clone, PartialEq)]
pub struct SrmCheck {
    /// Cases per arm.
    pub observed: Vec<u64>,
    /// Expected per arm from the traffic split.
    pub expected: Vec<f64>,
    /// Chi-square p-value.
    pub p_value: f64,
    /// Whether it is below 0.001: the split is broken and results cannot be trusted.
    pub mismatch: bool,
}

/// Failed calls of one arm.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmErrors {
    /// Arm id.
    pub arm: String,
    /// Samples recorded (the last record of each).
    pub samples: u64,
    /// Of those, calls that failed: left out of every metric but `error`.
    pub failed: u64,
}

impl ArmErrors {
    /// The share of samples that failed (`None` without samples).
    #[allow(clippy::cast_precision_loss)]
    pub fn rate(&self) -> Option<f64> {
        (self.samples > 0).then(|| self.failed as f64 / self.samples as f64)
    }
}

/// Everything `ab analyze` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Experiment name.
    pub experiment: String,
    /// Runs included.
    pub runs: Vec<String>,
    /// `paired` or `split`.
    pub design: &'static str,
    /// The control arm.
    pub control: String,
    /// Significance level of the whole family.
    pub alpha: f64,
    /// Comparisons in the family (judged metrics × variants).
    pub family_size: usize,
    /// The level of each comparison and `1 -` the level of each lift interval: `alpha / m`.
    pub comparison_alpha: f64,
    /// Whether p-values are always-valid (sequential).
    pub sequential: bool,
    /// Records read.
    pub records: u64,
    /// Records that repeated an (arm, case, repeat) already seen (the later one is kept).
    pub duplicates: u64,
    /// Failed calls that a later record of the same sample replaced (a resume retried them).
    pub retried: u64,
    /// Records naming an arm the spec does not have (ignored).
    pub unknown_arms: u64,
    /// Failed calls per arm, in spec order.
    pub errors: Vec<ArmErrors>,
    /// Metrics, in spec order.
    pub metrics: Vec<MetricReport>,
    /// Guardrails.
    pub guardrails: Vec<GuardrailCheck>,
    /// Split designs only.
    pub srm: Option<SrmCheck>,
    /// The bottom line.
    pub recommendation: String,
}

/// What to analyse besides the spec's own metrics.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Use these metrics instead of the spec's.
    pub metrics: Vec<MetricSpec>,
}

/// Reads result files and analyses them against the spec.
pub fn analyze_files(
    spec: &Spec,
    files: &[PathBuf],
    runs: Vec<String>,
) -> Result<Report, AnalyzeError> {
    let metrics: Vec<MetricSpec> = all_metrics(spec);
    let mut table = Table::new(spec, &metrics, SpillLimits::standard());
    let mut block = Vec::with_capacity(BLOCK + (1 << 16));
    for path in files {
        let file = std::fs::File::open(path).map_err(|source| AnalyzeError::Read {
            path: path.clone(),
            source,
        })?;
        table.add_file(path, file, &mut block, ReadLimits::DEFAULT)?;
    }
    table.report(spec, &metrics, runs)
}

/// Analyses results held in memory (files as committed in git, named by their paths), exactly
/// as [`analyze_files`] analyses them on disk.
pub fn analyze_texts(
    spec: &Spec,
    files: &[(PathBuf, &[u8])],
    runs: Vec<String>,
) -> Result<Report, AnalyzeError> {
    let metrics: Vec<MetricSpec> = all_metrics(spec);
    let mut table = Table::new(spec, &metrics, SpillLimits::standard());
    let mut block = Vec::with_capacity(BLOCK + (1 << 16));
    for (path, data) in files {
        table.add_file(path, *data, &mut block, ReadLimits::DEFAULT)?;
    }
    table.report(spec, &metrics, runs)
}

/// Bytes read per block: files stream through a buffer this size, so memory stays flat however
/// large the results are.
const BLOCK: usize = 16 << 20;

/// The longest line `ab analyze` reads. A record is one line and holds the model's output, which
/// a provider's `limits.max_response_bytes` caps at 64 MiB by default; a line longer than this
/// is refused (exit 3) rather than buffered whole.
pub const MAX_LINE_BYTES: usize = 256 << 20;

/// How results files are read: the block size and the longest line.
#[derive(Debug, Clone, Copy)]
struct ReadLimits {
    /// Bytes read per block (a line longer than a block grows it, up to `max_line`).
    block: usize,
    /// The longest line accepted.
    max_line: usize,
}

impl ReadLimits {
    const DEFAULT: ReadLimits = ReadLimits {
        block: BLOCK,
        max_line: MAX_LINE_BYTES,
    };
}

/// The spec's metrics, plus the guardrails' metrics and `error` when not already there.
fn all_metrics(spec: &Spec) -> Vec<MetricSpec> {
    let mut out = spec.metrics.clone();
    for g in &spec.guardrails {
        if !out.iter().any(|m| m.name == g.metric)
            && let Some(m) =
                crate::experiment::spec::metric_spec(&g.metric, Some(g.direction), &spec.assertions)
        {
            out.push(m);
        }
    }
    out
}

/// Parsed rows of one chunk: (case, repeat, arm) and `metrics` values each (NaN = missing).
struct Chunk<'a> {
    /// Newlines in the chunk, to number the lines of later chunks.
    lines: usize,
    keys: Vec<(Cow<'a, str>, u32, u16)>,
    values: Vec<f64>,
    /// Whether each record's call failed.
    failed: Vec<bool>,
    unknown: u64,
}

/// Results files being read: each record's values go to the [`Samples`], which keep the
/// record that stands for each (case, repeat) × arm.
struct Table {
    arms: Vec<String>,
    metric_names: Vec<String>,
    samples: Samples,
    records: u64,
    unknown: u64,
}

impl Table {
    fn new(spec: &Spec, metrics: &[MetricSpec], limits: SpillLimits) -> Table {
        let shape = Shape {
            arms: spec.variants.len(),
            metrics: metrics.len(),
            control: spec.control,
            paired: spec.design == Design::Paired,
        };
        Table {
            arms: spec.variants.iter().map(|v| v.id.clone()).collect(),
            metric_names: metrics.iter().map(|m| m.name.clone()).collect(),
            samples: Samples::new(shape, limits),
            records: 0,
            unknown: 0,
        }
    }

    /// Streams one results file through `block`, parsing each block's lines in parallel.
    ///
    /// A line longer than a block grows the block until its end arrives, and only the bytes read
    /// since the last look are searched for it, so a long line costs its length once (searching
    /// the whole block after every read was quadratic). A line longer than
    /// `limits.max_line` is an error naming it.
    fn add_file(
        &mut self,
        path: &Path,
        file: impl Read,
        block: &mut Vec<u8>,
        limits: ReadLimits,
    ) -> Result<(), AnalyzeError> {
        let read_error = |source| AnalyzeError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut reader = file;
        let mut first_line = 1;
        // Bytes at the start of `block` already known to hold no newline.
        let mut searched = 0;
        block.clear();
        loop {
            let least = (limits.block / 256).max(1);
            let wanted = limits.block.saturating_sub(block.len()).max(least) as u64;
            let got = (&mut reader)
                .take(wanted)
                .read_to_end(block)
                .map_err(read_error)?;
            let eof = got == 0;
            // Parse up to the last complete line; at the end of the file, everything.
            let cut = if eof {
                block.len()
            } else {
                crate::work::add(block.len() - searched);
                let Some(i) = memchr::memrchr(b'\n', &block[searched..]) else {
                    searched = block.len();
                    if block.len() > limits.max_line {
                        return Err(AnalyzeError::LineTooLong {
                            path: path.to_path_buf(),
                            line: first_line,
                            limit: limits.max_line,
                        });
                    }
                    continue;
                };
                searched + i + 1
            };
            first_line += self.add_block(path, &block[..cut], first_line)?;
            block.drain(..cut);
            // What is left is the start of a line: no newline in it.
            searched = block.len();
            if eof {
                return Ok(());
            }
        }
    }

    /// Adds the records of a block whose first line is `first_line`; returns its line count.
    fn add_block(
        &mut self,
        path: &Path,
        bytes: &[u8],
        first_line: usize,
    ) -> Result<usize, AnalyzeError> {
        let chunks = split_chunks(bytes, rayon::current_num_threads() * 4);
        let arms = &self.arms;
        let names = &self.metric_names;
        let parsed: Vec<Result<Chunk<'_>, (usize, String)>> = chunks
            .par_iter()
            .map(|&(start, end)| parse_chunk(&bytes[start..end], arms, names))
            .collect();
        let mut line = first_line;
        let m = self.metric_names.len();
        for chunk in parsed {
            let chunk = chunk.map_err(|(index, message)| AnalyzeError::Corrupt {
                path: path.to_path_buf(),
                line: line + index,
                message,
            })?;
            line += chunk.lines;
            self.unknown += chunk.unknown;
            for (i, (case, repeat, arm)) in chunk.keys.iter().enumerate() {
                self.records += 1;
                self.samples.add(
                    case,
                    *repeat,
                    *arm,
                    chunk.failed[i],
                    &chunk.values[i * m..(i + 1) * m],
                )?;
            }
        }
        Ok(line - first_line)
    }

    /// Folds the samples into totals and judges them; an error when nothing was recorded.
    fn report(
        self,
        spec: &Spec,
        metrics: &[MetricSpec],
        runs: Vec<String>,
    ) -> Result<Report, AnalyzeError> {
        if self.records == 0 {
            return Err(AnalyzeError::NoResults {
                experiment: spec.name.clone(),
            });
        }
        let totals = self.samples.finish()?;
        Ok(judge(
            spec,
            metrics,
            runs,
            &self.arms,
            &totals,
            (self.records, self.unknown),
        ))
    }
}

/// The report from the totals of the standing records: `counts` are the records read and those
/// of unknown arms.
fn judge(
    spec: &Spec,
    metrics: &[MetricSpec],
    runs: Vec<String>,
    arm_ids: &[String],
    totals: &Totals,
    counts: (u64, u64),
) -> Report {
    let alpha = spec.stopping.alpha;
    let level = spec.comparison_alpha();
    let control = spec.control;
    let paired = spec.design == Design::Paired;
    let mut reports = Vec::new();
    for (mi, metric) in metrics.iter().enumerate() {
        let mut arms = Vec::new();
        let order = std::iter::once(control).chain((0..arm_ids.len()).filter(|&a| a != control));
        for a in order {
            let values = totals.arm(a, mi);
            arms.push(ArmMetric {
                arm: arm_ids[a].clone(),
                n: values.n,
                estimate: describe(values, metric.kind, alpha),
            });
        }
        let control_value = arms[0].estimate.value;
        let binary = metric.kind == MetricKind::Binary;
        let mut comparisons = Vec::new();
        for a in (0..arm_ids.len()).filter(|&a| a != control) {
            let (mut cmp, sums) = if paired {
                let pair = totals.pair(a, mi);
                (
                    compare_paired(pair, metric.kind, level),
                    (pair.moments, Moments::default()),
                )
            } else {
                let (x, c) = (totals.arm(a, mi), totals.arm(control, mi));
                (
                    compare_split(x, c, metric.kind, level),
                    (x.moments, c.moments),
                )
            };
            if spec.stopping.sequential
                && let Some(m) = sequential_test(spec, binary, paired, sums.0, sums.1)
            {
                let (low, high) = if binary {
                    (m.ci_low.max(-1.0), m.ci_high.min(1.0))
                } else {
                    (m.ci_low, m.ci_high)
                };
                cmp.p_value = Some(m.pvalue);
                cmp.lift.low = low;
                cmp.lift.high = high;
                cmp.test = "mSPRT";
            }
            cmp.arm.clone_from(&arm_ids[a]);
            cmp.relative_lift =
                (control_value.abs() > f64::EPSILON).then(|| cmp.lift.value / control_value);
            comparisons.push(cmp);
        }
        reports.push(MetricReport {
            name: metric.name.clone(),
            kind: metric.kind,
            direction: metric.direction,
            arms,
            comparisons,
        });
    }
    // Bonferroni over the family: every comparison of the judged metrics (not the
    // guardrail-only extras), the same family the stopping rule and `ab plan` use.
    let judged = spec.metrics.len().min(reports.len());
    let raw: Vec<f64> = reports[..judged]
        .iter()
        .flat_map(|r| r.comparisons.iter().map(|c| c.p_value.unwrap_or(1.0)))
        .collect();
    let adjusted = adjust(&raw, alpha, Correction::Bonferroni)
        .map(|c| c.pvalues)
        .unwrap_or(raw);
    // The sample size for the primary metric's minimum effect, with the observed spread of
    // the control when the metric is a mean.
    let needed = reports.first().and_then(|primary| {
        let variance = totals.arm(control, 0).summary.variance;
        let sd = (primary.kind == MetricKind::Continuous && variance.is_finite())
            .then(|| variance.sqrt());
        required_per_arm(spec, sd)
    });
    let mut k = 0;
    for (mi, r) in reports[..judged].iter_mut().enumerate() {
        // The equivalence margin is declared for the primary metric only.
        let margin = if mi == 0 {
            spec.stopping.min_detectable_effect
        } else {
            None
        };
        for c in &mut r.comparisons {
            c.p_adjusted = c.p_value.map(|_| adjusted[k]);
            k += 1;
            c.decision = decide(c, r.direction, alpha, margin);
            if mi == 0 && c.decision == Decision::Inconclusive {
                c.needed = needed;
            }
        }
    }
    for r in &mut reports[judged..] {
        for c in &mut r.comparisons {
            c.p_adjusted = c.p_value;
            c.decision = decide(c, r.direction, alpha, None);
        }
    }
    let guardrails = guardrails(spec, &reports);
    let srm = match &spec.design {
        Design::Split { weights } => srm(&totals.first_repeat, weights),
        Design::Paired => None,
    };
    let recommendation = recommend(spec, &reports[..judged], &guardrails, srm.as_ref());
    reports.truncate(judged.max(spec.metrics.len()));
    Report {
        experiment: spec.name.clone(),
        runs,
        design: if paired { "paired" } else { "split" },
        control: arm_ids[control].clone(),
        alpha,
        family_size: spec.family_size(),
        comparison_alpha: level,
        sequential: spec.stopping.sequential,
        records: counts.0,
        duplicates: totals.duplicates,
        retried: totals.retried,
        unknown_arms: counts.1,
        errors: errors(arm_ids, totals),
        metrics: reports,
        guardrails,
        srm,
        recommendation,
    }
}

/// Samples and failed calls per arm, counting the record that stands for each sample.
fn errors(arm_ids: &[String], totals: &Totals) -> Vec<ArmErrors> {
    arm_ids
        .iter()
        .enumerate()
        .map(|(a, id)| ArmErrors {
            arm: id.clone(),
            samples: totals.samples[a],
            failed: totals.failed[a],
        })
        .collect()
}

fn guardrails(spec: &Spec, reports: &[MetricReport]) -> Vec<GuardrailCheck> {
    let mut out = Vec::new();
    for g in &spec.guardrails {
        let Some(r) = reports.iter().find(|r| r.name == g.metric) else {
            continue;
        };
        let control = r.arms[0].estimate.value;
        for arm in &r.arms[1..] {
            let change = (control.abs() > f64::EPSILON && !arm.estimate.value.is_nan())
                .then(|| (arm.estimate.value - control) / control.abs());
            let regression = change.map(|c| match g.direction {
                Direction::Higher => -c,
                Direction::Lower => c,
            });
            out.push(GuardrailCheck {
                metric: g.metric.clone(),
                arm: arm.arm.clone(),
                regression,
                max_regression: g.max_regression,
                ok: regression.is_none_or(|r| r <= g.max_regression),
            });
        }
    }
    out
}

/// The sample-ratio check of a split design over each arm's samples of the first repeat.
fn srm(observed: &[u64], weights: &[f64]) -> Option<SrmCheck> {
    let r = stats::srm::sample_ratio_mismatch(observed, weights).ok()?;
    Some(SrmCheck {
        observed: observed.to_vec(),
        expected: r.expected,
        p_value: r.pvalue,
        mismatch: r.pvalue < stats::srm::SRM_ALPHA,
    })
}

/// Splits a buffer into about `parts` ranges that end at line ends.
fn split_chunks(bytes: &[u8], parts: usize) -> Vec<(usize, usize)> {
    let target = (bytes.len() / parts.max(1)).max(1 << 16);
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + target).min(bytes.len());
        let end = bytes[end..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| end + i + 1);
        out.push((start, end));
        start = end;
    }
    out
}

/// Parses the lines of one chunk; a damaged line is reported as (its 0-based index, why).
fn parse_chunk<'a>(
    bytes: &'a [u8],
    arms: &[String],
    metrics: &[String],
) -> Result<Chunk<'a>, (usize, String)> {
    let mut chunk = Chunk {
        lines: 0,
        keys: Vec::with_capacity(bytes.len() / 256),
        values: Vec::with_capacity(bytes.len() / 256 * metrics.len()),
        failed: Vec::with_capacity(bytes.len() / 256),
        unknown: 0,
    };
    let last = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let complete_tail = bytes.len() == last;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        chunk.lines = i;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let view: RecordView<'a> = match serde_json::from_slice(line) {
            Ok(v) => v,
            // A truncated last line is what a crash leaves; `--resume` repairs it.
            Err(_)
                if !complete_tail
                    && std::ptr::eq(line.as_ptr_range().end, bytes.as_ptr_range().end) =>
            {
                continue;
            }
            Err(e) => return Err((i, e.to_string())),
        };
        let Some(arm) = arms.iter().position(|a| *a == view.arm) else {
            chunk.unknown += 1;
            continue;
        };
        chunk.failed.push(view.error.is_some());
        for m in metrics {
            chunk.values.push(view.metric(m).unwrap_or(f64::NAN));
        }
        chunk.keys.push((
            view.case_id,
            view.repeat,
            u16::try_from(arm).unwrap_or(u16::MAX),
        ));
    }
    Ok(chunk)
}

const NAN_ESTIMATE: Estimate = Estimate {
    value: f64::NAN,
    low: f64::NAN,
    high: f64::NAN,
};

/// The rate (Wilson interval) or mean (t interval) of one arm.
fn describe(values: &ArmTotals, kind: MetricKind, alpha: f64) -> Estimate {
    if values.n == 0 {
        return NAN_ESTIMATE;
    }
    match kind {
        MetricKind::Binary => {
            match intervals::proportion(values.passes, values.n, alpha, ProportionMethod::Wilson) {
                Ok(i) => Estimate {
                    value: i.estimate,
                    low: i.low,
                    high: i.high,
                },
                Err(_) => NAN_ESTIMATE,
            }
        }
        MetricKind::Continuous => {
            match ttest::one_sample_from_summary(
                &values.summary,
                1.0 - alpha,
                Alternative::TwoSided,
            ) {
                Ok(t) => Estimate {
                    value: t.estimate,
                    low: t.ci_low,
                    high: t.ci_high,
                },
                Err(_) => NAN_ESTIMATE,
            }
        }
    }
}

fn empty_comparison(test: &'static str, n: u64) -> Comparison {
    Comparison {
        arm: String::new(),
        n,
        lift: NAN_ESTIMATE,
        relative_lift: None,
        p_value: None,
        p_adjusted: None,
        test,
        decision: Decision::Inconclusive,
        note: Some("too few observations"),
        needed: None,
    }
}

/// A lift interval that is a point (zero variance) claims a certainty no sample gives: it is
/// dropped, and the comparison stays inconclusive.
fn honest(estimate: f64, low: f64, high: f64) -> Estimate {
    if high > low {
        Estimate {
            value: estimate,
            low,
            high,
        }
    } else {
        Estimate {
            value: estimate,
            low: f64::NAN,
            high: f64::NAN,
        }
    }
}

/// Arm against control on paired samples (the same case and repeat on both sides), with a
/// lift interval at level `1 - alpha`.
fn compare_paired(pairs: &PairTotals, kind: MetricKind, alpha: f64) -> Comparison {
    let test_name = match kind {
        MetricKind::Binary => "McNemar",
        MetricKind::Continuous => "paired t",
    };
    if pairs.n < 2 {
        return empty_comparison(test_name, pairs.n);
    }
    let (lift, test, p, note) = match kind {
        MetricKind::Binary => {
            let (arm_only, control_only) = (pairs.arm_only, pairs.control_only);
            // Newcombe's paired interval: never a point, even with no discordant pair.
            let lift = intervals::paired_proportion_difference(
                pairs.both,
                arm_only,
                control_only,
                pairs.neither,
                alpha,
            )
            .map_or(NAN_ESTIMATE, |i| honest(i.estimate, i.low, i.high));
            let method = McNemarMethod::auto(control_only, arm_only);
            let result = mcnemar(control_only, arm_only, method);
            let name = match method {
                McNemarMethod::Exact => "McNemar exact",
                McNemarMethod::ChiSquare { .. } => "McNemar χ²",
            };
            (
                lift,
                name,
                result.outcome.pvalue,
                result.outcome.not_testable,
            )
        }
        MetricKind::Continuous => {
            let Ok(paired) = ttest::one_sample_from_summary(
                &pairs.differences,
                1.0 - alpha,
                Alternative::TwoSided,
            ) else {
                return empty_comparison(test_name, pairs.n);
            };
            (
                honest(paired.estimate, paired.ci_low, paired.ci_high),
                "paired t",
                paired.pvalue,
                paired.not_testable,
            )
        }
    };
    Comparison {
        arm: String::new(),
        n: pairs.n,
        lift,
        relative_lift: None,
        p_value: if note.is_some() && !p.is_finite() {
            None
        } else {
            Some(p)
        },
        p_adjusted: None,
        test,
        decision: Decision::Inconclusive,
        note: note.map(stats::NotTestable::reason),
        needed: None,
    }
}

/// Arm against control on independent samples.
fn compare_split(x: &ArmTotals, c: &ArmTotals, kind: MetricKind, alpha: f64) -> Comparison {
    let name = match kind {
        MetricKind::Binary => "z-test",
        MetricKind::Continuous => "Welch t",
    };
    let n = x.n + c.n;
    if x.n < 2 || c.n < 2 {
        return empty_comparison(name, n);
    }
    match kind {
        MetricKind::Binary => {
            let (px, nx) = (x.passes, x.n);
            let (pc, nc) = (c.passes, c.n);
            let lift = intervals::proportion_difference(
                px,
                nx,
                pc,
                nc,
                alpha,
                intervals::DifferenceMethod::Newcombe,
            )
            .map_or(NAN_ESTIMATE, |i| honest(i.estimate, i.low, i.high));
            #[allow(clippy::cast_precision_loss)]
            let min_expected = {
                let total = (nx + nc) as f64;
                let passes = (px + pc) as f64;
                let fails = total - passes;
                [nx as f64, nc as f64]
                    .iter()
                    .flat_map(|row| [row * passes / total, row * fails / total])
                    .fold(f64::INFINITY, f64::min)
            };
            // Fisher is only chosen for small tables, which it can always enumerate; should it
            // refuse, the z-test answers instead.
            let fisher = (min_expected < 5.0)
                .then(|| fisher_exact(&[[px, nx - px], [pc, nc - pc]], Alternative::TwoSided).ok())
                .flatten();
            let (test, outcome) = if let Some(outcome) = fisher {
                ("Fisher exact", outcome)
            } else {
                (
                    "z-test",
                    two_proportion_ztest(px, nx, pc, nc, Alternative::TwoSided),
                )
            };
            Comparison {
                arm: String::new(),
                n,
                lift,
                relative_lift: None,
                p_value: outcome.pvalue.is_finite().then_some(outcome.pvalue),
                p_adjusted: None,
                test,
                decision: Decision::Inconclusive,
                note: outcome.not_testable.map(stats::NotTestable::reason),
                needed: None,
            }
        }
        MetricKind::Continuous => {
            match ttest::from_summaries(
                &x.summary,
                &c.summary,
                false,
                1.0 - alpha,
                Alternative::TwoSided,
            ) {
                Ok(t) => Comparison {
                    arm: String::new(),
                    n,
                    lift: honest(t.estimate, t.ci_low, t.ci_high),
                    relative_lift: None,
                    p_value: t.pvalue.is_finite().then_some(t.pvalue),
                    p_adjusted: None,
                    test: "Welch t",
                    decision: Decision::Inconclusive,
                    note: t.not_testable.map(stats::NotTestable::reason),
                    needed: None,
                },
                Err(_) => empty_comparison(name, n),
            }
        }
    }
}

/// The always-valid mSPRT of one variant against the control, as the stopping rule runs it
/// during `ab run` and analysis reports it afterwards: on the paired differences (`arm` holds
/// their moments) or on the two arms' values (split), at the family's `alpha / m`, with the
/// mixing variance `min_detectable_effect²` (else the per-sample variance).
///
/// A rate whose every difference is the same (a variant that wins every case so far) has a
/// sample variance of 0, which would make any difference "certain". Its variance is taken as
/// if one more pair had disagreed each way (paired) or each arm had one more pass and one more
/// fail (split, as Agresti-Caffo does), so the test can settle a clear winner without ever
/// claiming a point interval. A mean with no variance has no test (`None`).
fn sequential_test(
    spec: &Spec,
    binary: bool,
    paired: bool,
    arm: Moments,
    control: Moments,
) -> Option<Msprt> {
    let smoothed = |m: Moments, pseudo: [f64; 2]| -> Option<Moments> {
        if m.variance()? > 0.0 {
            return Some(m);
        }
        if !binary {
            return None;
        }
        let mut m = m;
        for v in pseudo {
            m.add(v);
        }
        Some(m)
    };
    let (diff, variance, n) = if paired {
        let d = smoothed(arm, [1.0, -1.0])?;
        (arm.mean(), d.variance()? / d.n, arm.n)
    } else {
        let (a, c) = (smoothed(arm, [1.0, 0.0])?, smoothed(control, [1.0, 0.0])?);
        (
            arm.mean() - control.mean(),
            a.variance()? / a.n + c.variance()? / c.n,
            arm.n,
        )
    };
    if !(variance > 0.0 && diff.is_finite()) {
        return None;
    }
    let tau = spec
        .stopping
        .min_detectable_effect
        .map_or(variance * n, |d| d * d);
    stats::sequential::msprt(diff, variance, tau, spec.comparison_alpha()).ok()
}

/// The verdict, which never says more than the interval shown:
///
/// - better / worse: the adjusted p-value is below `alpha` *and* the interval (level
///   `1 - alpha / m`) lies on that side of 0;
/// - no difference: the interval contains 0 and lies within ± `margin`, the smallest effect
///   that matters;
/// - inconclusive: anything else (no interval, no margin, or an interval that still allows an
///   effect that matters, or excludes 0 without a significant test).
fn decide(c: &Comparison, direction: Direction, alpha: f64, margin: Option<f64>) -> Decision {
    let (low, high) = (c.lift.low, c.lift.high);
    if !(low.is_finite() && high.is_finite()) || c.n < 2 {
        return Decision::Inconclusive;
    }
    let significant = c.p_adjusted.or(c.p_value).is_some_and(|p| p < alpha);
    if significant && (low > 0.0 || high < 0.0) {
        let up = low > 0.0;
        return match (up, direction) {
            (true, Direction::Higher) | (false, Direction::Lower) => Decision::Better,
            _ => Decision::Worse,
        };
    }
    match margin {
        Some(d) if low <= 0.0 && high >= 0.0 && low > -d && high < d => Decision::NoDifference,
        _ => Decision::Inconclusive,
    }
}

fn recommend(
    spec: &Spec,
    metrics: &[MetricReport],
    guardrails: &[GuardrailCheck],
    srm: Option<&SrmCheck>,
) -> String {
    if srm.is_some_and(|s| s.mismatch) {
        return "do not act: the traffic split does not match the design (sample ratio mismatch); find the cause first".to_owned();
    }
    let Some(primary) = metrics.first() else {
        return "no metrics to judge".to_owned();
    };
    if primary.arms.first().is_none_or(|c| c.n == 0) || primary.arms[1..].iter().all(|a| a.n == 0) {
        return format!(
            "no recommendation: `{}` has no valid samples to compare (the calls failed)",
            primary.name
        );
    }
    let breaks = |arm: &str| guardrails.iter().any(|g| g.arm == arm && !g.ok);
    let worse_elsewhere = |arm: &str| {
        metrics[1..].iter().any(|m| {
            m.comparisons
                .iter()
                .any(|c| c.arm == arm && c.decision == Decision::Worse)
        })
    };
    let mut winners: Vec<&Comparison> = primary
        .comparisons
        .iter()
        .filter(|c| c.decision == Decision::Better && !breaks(&c.arm) && !worse_elsewhere(&c.arm))
        .collect();
    winners.sort_by(|a, b| {
        let (x, y) = match primary.direction {
            Direction::Higher => (b.lift.value, a.lift.value),
            Direction::Lower => (a.lift.value, b.lift.value),
        };
        x.total_cmp(&y)
    });
    if let Some(best) = winners.first() {
        return format!(
            "adopt `{}`: {} is better than `{}` ({}), within every guardrail",
            best.arm,
            primary.name,
            spec.control().id,
            signed(best.lift.value, primary.kind)
        );
    }
    let blocked: Vec<&str> = primary
        .comparisons
        .iter()
        .filter(|c| c.decision == Decision::Better && breaks(&c.arm))
        .map(|c| c.arm.as_str())
        .collect();
    if !blocked.is_empty() {
        return format!(
            "keep `{}`: {} improves {} but breaks a guardrail",
            spec.control().id,
            blocked
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", "),
            primary.name
        );
    }
    let worse: Vec<String> = primary
        .comparisons
        .iter()
        .filter(|c| c.decision == Decision::Worse)
        .map(|c| format!("`{}`", c.arm))
        .collect();
    if !worse.is_empty()
        && primary
            .comparisons
            .iter()
            .all(|c| c.decision != Decision::Inconclusive)
    {
        return format!(
            "keep `{}`: {} {} worse on {}",
            spec.control().id,
            worse.join(", "),
            if worse.len() == 1 { "is" } else { "are" },
            primary.name
        );
    }
    if let Some(open) = primary
        .comparisons
        .iter()
        .find(|c| c.decision == Decision::Inconclusive)
    {
        return match open.needed {
            Some(needed) => format!(
                "inconclusive: {} is not settled yet (n={}, about {needed} per variant needed)",
                primary.name, open.n
            ),
            None => format!(
                "inconclusive: {} is not settled yet (n={}; declare `stopping.min_detectable_effect` for the sample size needed)",
                primary.name, open.n
            ),
        };
    }
    format!(
        "keep `{}`: no variant is better on {}",
        spec.control().id,
        primary.name
    )
}

/// `+3.2 pp` for rates, `+0.120` for means.
pub fn signed(value: f64, kind: MetricKind) -> String {
    match kind {
        MetricKind::Binary => format!("{:+.1} pp", value * 100.0),
        MetricKind::Continuous => format!("{value:+.3}"),
    }
}

/// The sequential stopping rule for the runner: after every record, test each arm's primary
/// metric against the control with the always-valid mSPRT, and stop once every arm is decided.
///
/// It runs the very test analysis reports (`sequential_test`) at the very level (the family's
/// `alpha / m`, see [`Spec::comparison_alpha`]), so a run stopped as settled is analysed as
/// settled.
pub struct SequentialStop {
    spec: Spec,
    control: String,
    metric: MetricSpec,
    min_samples: u64,
    paired: bool,
    arms: Vec<String>,
    /// Paired: values per (case, repeat) waiting for their partner.
    pending: HashMap<(String, u32), Vec<(usize, f64)>>,
    /// Per arm: moments of the differences (paired) or of the values (split; the control is
    /// arm 0 in `arms`).
    sums: Vec<Moments>,
}

impl SequentialStop {
    /// A rule for the spec's primary metric, or `None` when the spec's rule is `fixed`.
    pub fn new(spec: &Spec) -> Option<SequentialStop> {
        if !spec.stopping.sequential {
            return None;
        }
        let metric = spec.metrics.first()?.clone();
        let control = spec.control().id.clone();
        let mut arms = vec![control.clone()];
        arms.extend(
            spec.variants
                .iter()
                .filter(|v| v.id != control)
                .map(|v| v.id.clone()),
        );
        Some(SequentialStop {
            spec: spec.clone(),
            control,
            metric,
            min_samples: spec.stopping.min_samples,
            paired: spec.design == Design::Paired,
            sums: vec![Moments::default(); arms.len()],
            arms,
            pending: HashMap::new(),
        })
    }

    fn value(&self, record: &RunRecord) -> Option<f64> {
        let line = serde_json::to_string(record).ok()?;
        let view: RecordView<'_> = serde_json::from_str(&line).ok()?;
        view.metric(&self.metric.name)
    }

    fn decided(&self) -> bool {
        let control = self.sums[0];
        #[allow(clippy::cast_precision_loss)]
        let min = (self.min_samples as f64).max(2.0);
        let binary = self.metric.kind == MetricKind::Binary;
        (1..self.arms.len()).all(|a| {
            let arm = self.sums[a];
            if arm.n < min || (!self.paired && control.n < min) {
                return false;
            }
            sequential_test(&self.spec, binary, self.paired, arm, control).is_some_and(|m| m.reject)
        })
    }
}

impl crate::experiment::runner::EarlyStop for SequentialStop {
    fn observe(&mut self, record: &RunRecord) -> Option<String> {
        let arm = self.arms.iter().position(|a| *a == record.arm)?;
        let value = self.value(record)?;
        if self.paired {
            let key = (record.case_id.clone(), record.repeat);
            let entry = self.pending.entry(key.clone()).or_default();
            entry.push((arm, value));
            let control = entry.iter().find(|(a, _)| *a == 0).map(|(_, v)| *v)?;
            let ready: Vec<(usize, f64)> = if arm == 0 {
                entry.iter().filter(|(a, _)| *a != 0).copied().collect()
            } else {
                vec![(arm, value)]
            };
            for (a, v) in ready {
                self.sums[a].add(v - control);
            }
            if entry.len() == self.arms.len() {
                self.pending.remove(&key);
            }
        } else {
            self.sums[arm].add(value);
        }
        self.decided().then(|| {
            format!(
                "the sequential test on {} settled every variant against `{}`",
                self.metric.name, self.control
            )
        })
    }
}

#[cfg(test)]
#[allow(clippy::cast_precision_loss)] // small test counts
mod tests {
    use super::*;
    use crate::experiment::runner::EarlyStop as _;
    use std::fmt::Write as _;

    fn spec(text: &str) -> Spec {
        Spec::parse(Path::new("experiments/e.yaml"), text).unwrap()
    }

    const PAIRED: &str = "\
variants:
  - id: control
    prompt: p
    control: true
  - id: better
    prompt: p.b
  - id: same
    prompt: p.s
assertions:
  - type: contains
    value: x
metrics:
  - pass
  - latency_ms
guardrails:
  - metric: cost_usd
    max_regression: 10%
";

    fn line(arm: &str, case: usize, pass: bool, latency: f64, cost: f64) -> String {
        format!(
            r#"{{"record_version":1,"run_id":"r","experiment":"e","arm":"{arm}","case_id":"c{case}","repeat":0,"pass":{pass},"assertions":[{{"metric":"contains","pass":{pass}}}],"latency_ms":{latency},"tokens_in":10,"tokens_out":5,"cost_usd":{cost},"error":null,"output":"ignored \"text\""}}"#
        )
    }

    fn write(dir: &Path, name: &str, lines: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, lines).unwrap();
        p
    }

    #[test]
    fn paired_three_arms() {
        let s = spec(PAIRED);
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..200 {
            let _ = writeln!(
                text,
                "{}",
                line("control", i, i % 2 == 0, 100.0 + (i % 7) as f64, 0.001)
            );
            let _ = writeln!(
                text,
                "{}",
                line("better", i, i % 10 != 0, 100.0 + (i % 5) as f64, 0.00105)
            );
            let _ = writeln!(
                text,
                "{}",
                line("same", i, i % 2 == 0, 100.0 + (i % 7) as f64, 0.002)
            );
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec!["r".into()]).unwrap();
        assert_eq!(r.records, 600);
        assert_eq!(r.metrics.len(), 2);
        let pass = &r.metrics[0];
        assert_eq!(pass.arms[0].arm, "control");
        assert!((pass.arms[0].estimate.value - 0.5).abs() < 1e-12);
        let better = &pass.comparisons[0];
        assert_eq!(better.arm, "better");
        assert!(better.test.starts_with("McNemar"));
        assert_eq!(better.decision, Decision::Better);
        assert!((better.lift.value - 0.4).abs() < 1e-12);
        let same = &pass.comparisons[1];
        // No margin is declared, so agreeing on every case is not enough to call it equal.
        assert_eq!(same.decision, Decision::Inconclusive);
        assert!(
            same.lift.low < 0.0 && same.lift.high > 0.0,
            "{:?}",
            same.lift
        );
        assert_eq!(
            same.note,
            Some("no discordant pairs: the variants never disagree")
        );
        assert_eq!(r.metrics[1].comparisons[0].test, "paired t");
        let g: Vec<_> = r
            .guardrails
            .iter()
            .map(|g| (g.arm.as_str(), g.ok))
            .collect();
        assert_eq!(g, [("better", true), ("same", false)]);
        assert!(
            r.recommendation.starts_with("adopt `better`"),
            "{}",
            r.recommendation
        );
    }

    fn failed_line(arm: &str, case: usize) -> String {
        format!(
            r#"{{"record_version":1,"run_id":"r","experiment":"e","arm":"{arm}","case_id":"c{case}","repeat":0,"pass":false,"assertions":[],"latency_ms":0.0,"tokens_in":0,"tokens_out":0,"cost_usd":null,"error":{{"kind":"http_500","message":"boom"}}}}"#
        )
    }

    const TWO_ARMS: &str = "\
variants:
  - id: control
    prompt: p
    control: true
  - id: new
    prompt: p.n
assertions:
  - type: contains
    value: x
metrics:
  - pass
";

    #[test]
    fn an_early_stopped_run_gets_a_verdict_that_agrees_with_its_interval() {
        // Two judged metrics, so the family has two comparisons: the stopping rule and the
        // analysis must both test at alpha / 2.
        let s = spec(&format!(
            "{TWO_ARMS}  - latency_ms\nstopping:\n  rule: sequential\n  min_samples: 10\n"
        ));
        let mut rule = SequentialStop::new(&s).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        let mut stopped = false;
        // The control passes 80% of cases, the new variant 45%: a 35-point drop.
        for i in 0..2000 {
            for (arm, pass) in [("control", i % 5 != 0), ("new", i % 20 < 9)] {
                let l = line(arm, i, pass, 100.0 + (i % 7) as f64, 0.001);
                let _ = writeln!(text, "{l}");
                let view: RecordView<'_> = serde_json::from_str(&l).unwrap();
                let rec = RunRecord {
                    arm: arm.into(),
                    case_id: view.case_id.to_string(),
                    pass,
                    ..record_template()
                };
                stopped |= rule.observe(&rec).is_some();
            }
            if stopped {
                break;
            }
        }
        assert!(stopped, "a 35-point drop settles the sequential test");
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        assert_eq!(r.family_size, 2);
        let c = &r.metrics[0].comparisons[0];
        assert_eq!(c.test, "mSPRT");
        assert!(c.lift.high < 0.0, "the interval excludes 0: {:?}", c.lift);
        assert!(c.p_adjusted.unwrap() < 0.05, "{c:?}");
        assert_eq!(c.decision, Decision::Worse, "{c:?}");
        assert!(
            r.recommendation.starts_with("keep `control`"),
            "{}",
            r.recommendation
        );
    }

    /// A record with everything the runner writes; tests override the fields they need.
    fn record_template() -> RunRecord {
        serde_json::from_str(
            r#"{"record_version":1,"run_id":"r","experiment":"e","arm":"control","prompt":{"name":"p","version":"w","blob":"b"},"provider":"m","model":"m","params":{},"case_id":"c0","repeat":0,"seed":0,"request_hash":"h","output_hash":"o","pass":true,"assertions":[],"latency_ms":1.0,"tokens_in":1,"tokens_out":1,"started_at":"t","finished_at":"t","promptctl_version":"0"}"#,
        )
        .unwrap()
    }

    #[test]
    fn four_pairs_that_all_pass_are_inconclusive_with_the_needed_n_and_a_real_interval() {
        let s = spec(&format!(
            "{TWO_ARMS}stopping:\n  min_detectable_effect: 0.1\n"
        ));
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..4 {
            let _ = writeln!(text, "{}", line("control", i, true, 1.0, 0.0));
            let _ = writeln!(text, "{}", line("new", i, true, 1.0, 0.0));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        let c = &r.metrics[0].comparisons[0];
        assert_eq!(c.decision, Decision::Inconclusive);
        // `ab plan` for 50% -> 60% at alpha 0.05 and power 0.8: 388 per variant.
        assert_eq!(c.needed, Some(388));
        assert_eq!(c.needed, required_per_arm(&s, None));
        // Newcombe's paired interval for 4/4 against 4/4: ±0.4899, not [0, 0].
        assert!(c.lift.low < -0.48 && c.lift.high > 0.48, "{:?}", c.lift);
        assert!(
            r.recommendation.contains("inconclusive") && r.recommendation.contains("388"),
            "{}",
            r.recommendation
        );
    }

    #[test]
    fn a_tight_interval_inside_the_margin_is_no_difference() {
        let s = spec(&format!(
            "{TWO_ARMS}stopping:\n  min_detectable_effect: 0.1\n"
        ));
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..2000 {
            // Same rate, with disagreements both ways (1 in 20 cases each).
            let control = i % 2 == 0;
            let new = match i % 20 {
                0 => false,
                1 => true,
                _ => control,
            };
            let _ = writeln!(text, "{}", line("control", i, control, 1.0, 0.0));
            let _ = writeln!(text, "{}", line("new", i, new, 1.0, 0.0));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        let c = &r.metrics[0].comparisons[0];
        assert!(c.lift.low > -0.1 && c.lift.high < 0.1, "{:?}", c.lift);
        assert_eq!(c.decision, Decision::NoDifference);
        assert_eq!(c.needed, None);
        assert!(
            r.recommendation
                .starts_with("keep `control`: no variant is better"),
            "{}",
            r.recommendation
        );
    }

    #[test]
    fn a_verdict_never_contradicts_its_interval() {
        let cmp = |p: f64, low: f64, high: f64| Comparison {
            arm: "new".into(),
            n: 100,
            lift: Estimate {
                value: f64::midpoint(low, high),
                low,
                high,
            },
            relative_lift: None,
            p_value: Some(p),
            p_adjusted: Some(p),
            test: "t",
            decision: Decision::Inconclusive,
            note: None,
            needed: None,
        };
        let d = |c: &Comparison, margin| decide(c, Direction::Higher, 0.05, margin);
        // The drop of the reported bug: the interval excludes 0, the test is significant.
        assert_eq!(d(&cmp(0.01, -0.673, -0.019), None), Decision::Worse);
        // Excludes 0 but the test disagrees: not "no difference", even inside the margin.
        assert_eq!(d(&cmp(0.2, 0.01, 0.03), Some(0.05)), Decision::Inconclusive);
        // Significant, but the interval reaches 0: no verdict either way.
        assert_eq!(d(&cmp(0.01, -0.01, 0.2), None), Decision::Inconclusive);
        // Without a margin, not significant is never "no difference".
        assert_eq!(d(&cmp(0.9, -0.01, 0.01), None), Decision::Inconclusive);
        assert_eq!(
            d(&cmp(0.9, -0.01, 0.01), Some(0.05)),
            Decision::NoDifference
        );
        assert_eq!(
            d(&cmp(0.9, -0.06, 0.01), Some(0.05)),
            Decision::Inconclusive
        );
        assert_eq!(
            d(&cmp(0.01, f64::NAN, f64::NAN), Some(0.05)),
            Decision::Inconclusive
        );
    }

    #[test]
    fn lifts_are_variant_minus_control_in_both_designs() {
        for design in ["", "design: split\ntraffic_split: {control: 50, new: 50}\n"] {
            let s = spec(&format!("{TWO_ARMS}{design}"));
            let dir = tempfile::tempdir().unwrap();
            let mut text = String::new();
            for i in 0..400 {
                // Split designs see each case in one arm; both files hold both, analysis reads
                // what it is given.
                let _ = writeln!(text, "{}", line("control", i, i % 10 != 0, 1.0, 0.0));
                let _ = writeln!(text, "{}", line("new", i, i % 2 == 0, 1.0, 0.0));
            }
            let f = write(dir.path(), "r.jsonl", &text);
            let r = analyze_files(&s, &[f], vec![]).unwrap();
            let c = &r.metrics[0].comparisons[0];
            assert!((c.lift.value + 0.4).abs() < 1e-12, "{design}: {:?}", c.lift);
            assert!(c.lift.high < 0.0, "{design}: {:?}", c.lift);
            assert!(c.relative_lift.unwrap() < 0.0);
            assert_eq!(c.decision, Decision::Worse, "{design}");
        }
    }

    #[test]
    fn failed_calls_are_left_out_of_quality_n_and_counted_apart() {
        let s = spec(&format!(
            "{TWO_ARMS}guardrails:\n  - metric: error\n    max_regression: 10%\n"
        ));
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..40 {
            if i == 0 {
                let _ = writeln!(text, "{}", failed_line("control", i));
            } else {
                let _ = writeln!(text, "{}", line("control", i, true, 1.0, 0.0));
            }
            if i < 10 {
                let _ = writeln!(text, "{}", failed_line("new", i));
            } else {
                let _ = writeln!(text, "{}", line("new", i, true, 1.0, 0.0));
            }
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        let pass = &r.metrics[0];
        assert_eq!((pass.arms[0].n, pass.arms[1].n), (39, 30));
        // Every valid sample of `new` passed: its failed calls are not quality failures.
        assert!((pass.arms[1].estimate.value - 1.0).abs() < 1e-12);
        assert_eq!(pass.comparisons[0].n, 30);
        assert_eq!(r.errors[1].arm, "new");
        assert_eq!((r.errors[1].samples, r.errors[1].failed), (40, 10));
        assert_eq!(r.errors[1].rate(), Some(0.25));
        assert_eq!(r.errors[0].failed, 1);
        // The `error` guardrail still sees them: 25% against 2.5%.
        let g = &r.guardrails[0];
        assert_eq!(g.metric, "error");
        assert!(!g.ok);
    }

    #[test]
    fn a_retried_sample_supersedes_its_failed_record() {
        let s = spec(TWO_ARMS);
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..10 {
            let _ = writeln!(text, "{}", line("control", i, true, 1.0, 0.0));
            let _ = writeln!(text, "{}", failed_line("new", i));
        }
        // A resume appends the retries after the failures.
        for i in 0..10 {
            let _ = writeln!(text, "{}", line("new", i, i % 2 == 0, 1.0, 0.0));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        assert_eq!(r.records, 30);
        assert_eq!((r.retried, r.duplicates), (10, 0));
        assert_eq!((r.errors[1].samples, r.errors[1].failed), (10, 0));
        let pass = &r.metrics[0];
        assert_eq!(pass.arms[1].n, 10);
        assert!((pass.arms[1].estimate.value - 0.5).abs() < 1e-12);
    }

    #[test]
    fn no_recommendation_when_every_call_failed() {
        let s = spec(TWO_ARMS);
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..5 {
            let _ = writeln!(text, "{}", failed_line("control", i));
            let _ = writeln!(text, "{}", failed_line("new", i));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        assert_eq!(r.metrics[0].arms[0].n, 0);
        assert_eq!(r.metrics[0].comparisons[0].decision, Decision::Inconclusive);
        assert!(
            r.recommendation.starts_with("no recommendation"),
            "{}",
            r.recommendation
        );
    }

    #[test]
    fn a_guardrail_blocks_the_winner() {
        let s = spec(PAIRED);
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..100 {
            let _ = writeln!(text, "{}", line("control", i, i % 2 == 0, 1.0, 0.001));
            let _ = writeln!(text, "{}", line("better", i, true, 1.0, 0.005));
            let _ = writeln!(text, "{}", line("same", i, i % 2 == 0, 1.0, 0.001));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        assert!(
            r.recommendation.contains("breaks a guardrail"),
            "{}",
            r.recommendation
        );
    }

    #[test]
    fn split_design_checks_the_sample_ratio() {
        let s = spec(
            "variants:\n  - id: a\n    prompt: p\n    control: true\n  - id: b\n    prompt: q\ndesign: split\ntraffic_split: {a: 50, b: 50}\n",
        );
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..300 {
            let arm = if i % 4 == 0 { "b" } else { "a" };
            let _ = writeln!(text, "{}", line(arm, i, i % 3 == 0, 1.0, 0.0));
        }
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        let srm = r.srm.as_ref().unwrap();
        assert_eq!(srm.observed, [225, 75]);
        assert!(srm.mismatch);
        assert!(r.recommendation.starts_with("do not act"));
        assert_eq!(r.metrics[0].comparisons[0].test, "z-test");
    }

    #[test]
    fn duplicates_unknown_arms_and_truncated_tails() {
        let s = spec(PAIRED);
        let dir = tempfile::tempdir().unwrap();
        let one = line("control", 1, true, 1.0, 0.0);
        let text = format!(
            "{one}\n{one}\n{}\n{}",
            line("ghost", 1, true, 1.0, 0.0),
            &one[..30]
        );
        let f = write(dir.path(), "r.jsonl", &text);
        let r = analyze_files(&s, &[f], vec![]).unwrap();
        assert_eq!(r.records, 2);
        assert_eq!(r.duplicates, 1);
        assert_eq!(r.unknown_arms, 1);
        let bad = write(dir.path(), "bad.jsonl", &format!("{{}}\n{one}\n"));
        let err = analyze_files(&s, &[bad], vec![]).unwrap_err();
        assert!(err.to_string().contains("bad.jsonl:1:"), "{err}");
        let empty = write(dir.path(), "empty.jsonl", "");
        assert!(matches!(
            analyze_files(&s, &[empty], vec![]),
            Err(AnalyzeError::NoResults { .. })
        ));
    }

    #[test]
    fn chunks_end_at_line_ends() {
        let text = "aaaa\nbb\ncccccc\n".repeat(50_000);
        let chunks = split_chunks(text.as_bytes(), 8);
        assert!(chunks.len() > 1);
        for (i, (s, e)) in chunks.iter().enumerate() {
            assert_eq!(text.as_bytes()[e - 1], b'\n');
            if i > 0 {
                assert_eq!(chunks[i - 1].1, *s);
            }
        }
        assert_eq!(chunks.last().unwrap().1, text.len());
    }

    #[test]
    fn a_damaged_line_deep_in_a_large_file_is_located() {
        let s = spec(PAIRED);
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..6000 {
            if i == 4321 {
                text.push_str("{\"arm\": \"control\", oops}\n");
            } else {
                let _ = writeln!(text, "{}", line("control", i, true, 1.0, 0.0));
            }
        }
        let f = write(dir.path(), "big.jsonl", &text);
        let err = analyze_files(&s, &[f], vec![]).unwrap_err();
        assert!(err.to_string().contains("big.jsonl:4322:"), "{err}");
    }

    #[test]
    fn sequential_rule_stops_when_settled() {
        let s = spec(&format!(
            "{PAIRED}stopping:\n  rule: sequential\n  min_samples: 10\n"
        ));
        let mut rule = SequentialStop::new(&s).unwrap();
        let mut stopped_at = None;
        for i in 0..500 {
            for (arm, pass) in [
                ("control", i % 3 == 0),
                ("better", true),
                ("same", i % 3 != 0),
            ] {
                let rec: RunRecord = serde_json::from_str(&format!(
                    r#"{{"record_version":1,"run_id":"r","experiment":"e","arm":"{arm}","prompt":{{"name":"p","version":"w","blob":"b"}},"provider":"m","model":"m","params":{{}},"case_id":"c{i}","repeat":0,"seed":0,"request_hash":"h","output_hash":"o","pass":{pass},"assertions":[],"latency_ms":1.0,"tokens_in":1,"tokens_out":1,"started_at":"t","finished_at":"t","promptctl_version":"0"}}"#
                ))
                .unwrap();
                if rule.observe(&rec).is_some() && stopped_at.is_none() {
                    stopped_at = Some(i);
                }
            }
        }
        let at = stopped_at.expect("a clear difference stops the run");
        assert!((10..200).contains(&at), "{at}");
        let fixed = spec(PAIRED);
        assert!(SequentialStop::new(&fixed).is_none());
    }

    /// A record whose output is `len` bytes of text, on one line.
    fn long_line(arm: &str, case: usize, len: usize) -> String {
        line(arm, case, true, 1.0, 0.0).replace("ignored \\\"text\\\"", &"x".repeat(len))
    }

    /// Reads `text` as one results file through blocks of 4 KiB; returns the table, the outcome
    /// and the work done.
    fn read_small_blocks(text: &str, max_line: usize) -> (Table, Result<(), AnalyzeError>, u64) {
        let s = spec(PAIRED);
        let metrics = all_metrics(&s);
        let mut table = Table::new(&s, &metrics, SpillLimits::standard());
        let limits = ReadLimits {
            block: 4096,
            max_line,
        };
        let mut block = Vec::new();
        let (outcome, work) = crate::work::measure(|| {
            table.add_file(Path::new("long.jsonl"), text.as_bytes(), &mut block, limits)
        });
        (table, outcome, work)
    }

    #[test]
    fn a_line_longer_than_a_block_is_read_in_linear_work() {
        let work = |len: usize| {
            let text = format!(
                "{}\n{}\n{}\n",
                line("control", 0, true, 1.0, 0.0),
                long_line("control", 1, len),
                line("better", 0, false, 2.0, 0.0)
            );
            let (table, outcome, work) = read_small_blocks(&text, 1 << 20);
            outcome.unwrap();
            assert_eq!(table.records, 3);
            work
        };
        let (small, large) = (work(100_000), work(200_000));
        assert!(
            large * 10 <= small * 25,
            "reading a line twice as long took {large} units of work against {small}"
        );
    }

    #[test]
    fn a_line_longer_than_the_limit_is_refused_with_its_number() {
        let text = format!(
            "{}\n{}\n{}\n",
            line("control", 0, true, 1.0, 0.0),
            long_line("control", 1, (1 << 20) + 10),
            line("better", 0, false, 2.0, 0.0)
        );
        let (_, outcome, _) = read_small_blocks(&text, 1 << 20);
        let err = outcome.unwrap_err();
        assert!(
            matches!(err, AnalyzeError::LineTooLong { line: 2, .. }),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "long.jsonl:2: line is longer than 1 MiB; a run record is never this long"
        );
    }

    /// Analyses `text` as one results file with at most `slots` (case, repeat) slots in memory,
    /// spilling to temporary files in `dir`.
    fn analyze_with_slots(
        s: &Spec,
        text: &str,
        slots: usize,
        dir: &Path,
    ) -> Result<(Report, bool), AnalyzeError> {
        let metrics = all_metrics(s);
        let limits = SpillLimits {
            slots,
            dir: dir.to_path_buf(),
        };
        let mut table = Table::new(s, &metrics, limits);
        let mut block = Vec::new();
        let read = ReadLimits {
            block: 8192,
            max_line: 1 << 20,
        };
        table.add_file(Path::new("r.jsonl"), text.as_bytes(), &mut block, read)?;
        let spilled = table.samples.spilled();
        Ok((table.report(s, &metrics, vec![])?, spilled))
    }

    /// A results file with every kind of record the standing-record rule has to get right,
    /// far apart: three arms over 1,500 cases and two repeats, failed calls retried at the end
    /// of the file, duplicates, and latencies that differ per case.
    fn eventful_results(arms: &[&str]) -> String {
        let mut text = String::new();
        for repeat in 0..2 {
            for i in 0..1500usize {
                for (a, arm) in arms.iter().enumerate() {
                    let pass = (i * 7 + a * 3 + repeat) % 5 < 2 + a;
                    let latency = 100.0 + (i % 37) as f64 * 1.5 + a as f64 * 4.0 + repeat as f64;
                    let cost = 0.001 * (1 + (i + a) % 4) as f64;
                    let good = line(arm, i, pass, latency, cost);
                    let records = if (i + a) % 41 == 0 {
                        // Retried at the end of the file.
                        vec![failed_line(arm, i)]
                    } else if i % 89 == 5 {
                        // Retried at once.
                        vec![failed_line(arm, i), good]
                    } else if i % 97 == 3 {
                        // Recorded twice.
                        vec![good.clone(), good]
                    } else {
                        vec![good]
                    };
                    for record in records {
                        let _ = writeln!(
                            text,
                            "{}",
                            record.replace("\"repeat\":0", &format!("\"repeat\":{repeat}"))
                        );
                    }
                }
            }
        }
        // A resume retries the failed calls of the first repeat, and repeats a few good ones.
        for i in 0..1500usize {
            for (a, arm) in arms.iter().enumerate() {
                if (i + a) % 41 == 0 || i % 211 == 0 {
                    let _ = writeln!(
                        text,
                        "{}",
                        line(arm, i, i % 2 == 0, 90.0 + i as f64 / 10.0, 0.002)
                    );
                }
            }
        }
        text
    }

    fn close(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan())
            || a.to_bits() == b.to_bits()
            || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    fn assert_same_estimate(a: &Estimate, b: &Estimate, what: &str) {
        assert!(
            close(a.value, b.value) && close(a.low, b.low) && close(a.high, b.high),
            "{what}: {a:?} against {b:?}"
        );
    }

    /// Two reports agree: every count exactly, every float to 1e-9 relative (partitions sum in
    /// another order), every verdict exactly.
    fn assert_same_report(spilled: &Report, in_memory: &Report) {
        assert_eq!(
            (
                spilled.records,
                spilled.duplicates,
                spilled.retried,
                spilled.unknown_arms
            ),
            (
                in_memory.records,
                in_memory.duplicates,
                in_memory.retried,
                in_memory.unknown_arms
            )
        );
        assert_eq!(spilled.errors, in_memory.errors);
        assert_eq!(spilled.guardrails.len(), in_memory.guardrails.len());
        assert_eq!(spilled.recommendation, in_memory.recommendation);
        assert_eq!(
            spilled.srm.as_ref().map(|s| &s.observed),
            in_memory.srm.as_ref().map(|s| &s.observed)
        );
        for (x, y) in spilled.metrics.iter().zip(&in_memory.metrics) {
            for (a, b) in x.arms.iter().zip(&y.arms) {
                assert_eq!((&a.arm, a.n), (&b.arm, b.n), "{}", x.name);
                assert_same_estimate(&a.estimate, &b.estimate, &x.name);
            }
            for (a, b) in x.comparisons.iter().zip(&y.comparisons) {
                let what = format!("{} {}", x.name, a.arm);
                assert_eq!(
                    (a.n, a.test, a.decision, a.note, a.needed),
                    (b.n, b.test, b.decision, b.note, b.needed),
                    "{what}"
                );
                assert_same_estimate(&a.lift, &b.lift, &what);
                assert!(
                    a.p_value.zip(b.p_value).is_none_or(|(p, q)| close(p, q))
                        && a.p_value.is_some() == b.p_value.is_some(),
                    "{what}: {:?} against {:?}",
                    a.p_value,
                    b.p_value
                );
            }
        }
    }

    #[test]
    fn samples_past_the_memory_limit_spill_and_give_the_same_report() {
        let dir = tempfile::tempdir().unwrap();
        let paired = spec(PAIRED);
        let text = eventful_results(&["control", "better", "same"]);
        let (whole, spilled) = analyze_with_slots(&paired, &text, usize::MAX, dir.path()).unwrap();
        assert!(!spilled);
        assert!(
            whole.retried > 0 && whole.duplicates > 0,
            "{} {}",
            whole.retried,
            whole.duplicates
        );
        // 3,000 slots over 64 partitions of at most 10 slots: every partition is split again,
        // so the second level runs too. Duplicates and retries come before and after each
        // spill starts.
        for slots in [10, 500, 2999] {
            let (parts, spilled) = analyze_with_slots(&paired, &text, slots, dir.path()).unwrap();
            assert!(spilled, "{slots}");
            assert_same_report(&parts, &whole);
        }
        // A limit the results fit under: no temporary file, the very same figures.
        let (same, spilled) = analyze_with_slots(&paired, &text, 3000, dir.path()).unwrap();
        assert!(!spilled);
        assert_eq!(format!("{same:?}"), format!("{whole:?}"));
        // Temporary files are gone once the analysis is done.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_split_design_spills_and_keeps_its_sample_ratio_check() {
        let dir = tempfile::tempdir().unwrap();
        let split = spec(
            "variants:\n  - id: a\n    prompt: p\n    control: true\n  - id: b\n    prompt: q\ndesign: split\ntraffic_split: {a: 50, b: 50}\nmetrics:\n  - pass\n  - latency_ms\n",
        );
        let text = eventful_results(&["a", "b"]);
        let (whole, _) = analyze_with_slots(&split, &text, usize::MAX, dir.path()).unwrap();
        let (parts, spilled) = analyze_with_slots(&split, &text, 100, dir.path()).unwrap();
        assert!(spilled);
        assert!(whole.srm.is_some());
        assert_same_report(&parts, &whole);
    }

    #[test]
    fn a_spill_that_cannot_write_its_temporary_files_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir");
        let text = eventful_results(&["control", "better", "same"]);
        let err = analyze_with_slots(&spec(PAIRED), &text, 10, &missing).unwrap_err();
        assert!(matches!(err, AnalyzeError::Spill(_)), "{err:?}");
        assert!(err.to_string().contains("no-such-dir"), "{err}");
    }
}
