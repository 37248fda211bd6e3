//! Output of `ab plan`, `ab run`, `ab analyze`, `ab list` and `ab status`: tables for people,
//! Markdown for pull requests, versioned JSON for scripts.

use std::fmt::Write as _;

use promptctl::experiment::analyze::{
    Comparison, Decision, Estimate, MetricReport, Report, signed,
};
use promptctl::experiment::plan::{Estimate as PlanEstimate, Plan};
use promptctl::experiment::runner::{Outcome, RunSummary};
use promptctl::experiment::spec::{Design, MetricKind, Spec};
use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::table::new_table;
use crate::cli::printer::Printer;

// ---------------------------------------------------------------- plan

#[derive(Serialize)]
struct PlanJson<'a> {
    schema_version: u32,
    experiment: &'a str,
    design: &'static str,
    dataset: String,
    cases: usize,
    repeats: u32,
    variants: Vec<PlanVariantJson<'a>>,
    calls: u64,
    judge_calls: u64,
    required_per_variant: Option<u64>,
    estimated_cost_usd: Option<f64>,
    estimated_duration_s: f64,
    concurrency: usize,
    rate_limit_rpm: Option<u32>,
}

#[derive(Serialize)]
struct PlanVariantJson<'a> {
    id: &'a str,
    control: bool,
    prompt: &'a str,
    version: &'a str,
    provider: &'a str,
    model: &'a str,
    samples: u64,
}

/// Prints a validated plan and its estimates.
pub(crate) fn print_plan(
    printer: &Printer,
    plan: &Plan,
    estimate: &PlanEstimate,
) -> anyhow::Result<()> {
    let spec = &plan.spec;
    let design = design_name(spec);
    if printer.format == OutputFormat::Json {
        let doc = PlanJson {
            schema_version: SCHEMA_VERSION,
            experiment: &spec.name,
            design,
            dataset: plan.dataset.path.display().to_string(),
            cases: plan.dataset.cases.len(),
            repeats: spec.repeats,
            variants: plan
                .arms
                .iter()
                .enumerate()
                .map(|(i, a)| PlanVariantJson {
                    id: &a.id,
                    control: i == spec.control,
                    prompt: &a.info.name,
                    version: &a.info.version,
                    provider: &a.provider,
                    model: &a.model,
                    samples: estimate.samples_per_arm[i],
                })
                .collect(),
            calls: estimate.calls,
            judge_calls: estimate.judge_calls,
            required_per_variant: estimate.required_per_arm,
            estimated_cost_usd: estimate.cost_usd,
            estimated_duration_s: estimate.duration_s,
            concurrency: spec.concurrency,
            rate_limit_rpm: spec.rate_limit,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut out = format!(
        "Experiment `{}` is valid: {design} design, {} cases from {}, {} repeat{}\n\n",
        spec.name,
        plan.dataset.cases.len(),
        plan.dataset.path.display(),
        spec.repeats,
        if spec.repeats == 1 { "" } else { "s" }
    );
    let mut table = new_table(
        printer,
        &["variant", "prompt", "version", "model", "samples"],
    );
    for (i, a) in plan.arms.iter().enumerate() {
        let id = if i == spec.control {
            format!("{} (control)", a.id)
        } else {
            a.id.clone()
        };
        table.add_row(vec![
            id,
            a.info.name.clone(),
            a.info.version.clone(),
            format!("{}/{}", a.provider, a.model),
            estimate.samples_per_arm[i].to_string(),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(
        out,
        "calls:      {} (+{} grader calls)",
        estimate.calls, estimate.judge_calls
    );
    if let Some(n) = estimate.required_per_arm {
        let have = estimate.samples_per_arm.iter().min().copied().unwrap_or(0);
        let verdict = if have >= n {
            "enough"
        } else {
            "NOT enough: add cases or repeats"
        };
        let _ = writeln!(
            out,
            "needed:     {n} samples per variant to detect {} at power {} ({verdict})",
            spec.stopping
                .min_detectable_effect
                .map_or_else(String::new, |d| d.to_string()),
            spec.stopping.power
        );
    }
    let _ = writeln!(
        out,
        "cost:       {}",
        estimate.cost_usd.map_or_else(
            || "unknown (a model has no price; add it under `prices:`)".to_owned(),
            |c| format!("~${c:.4}")
        )
    );
    let _ = writeln!(
        out,
        "duration:   ~{} at concurrency {}{}",
        duration(estimate.duration_s),
        spec.concurrency,
        spec.rate_limit
            .map(|r| format!(", {r} requests/min"))
            .unwrap_or_default()
    );
    printer.data(&out)?;
    Ok(())
}

fn design_name(spec: &Spec) -> &'static str {
    match spec.design {
        Design::Paired => "paired",
        Design::Split { .. } => "split",
    }
}

fn duration(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{seconds:.0} s")
    } else if seconds < 5400.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

// ---------------------------------------------------------------- run

#[derive(Serialize)]
struct RunJson<'a> {
    schema_version: u32,
    experiment: &'a str,
    run_id: &'a str,
    file: &'a str,
    outcome: &'static str,
    stop_reason: Option<&'a str>,
    written: u64,
    calls: u64,
    failed_calls: u64,
    variants: Vec<RunArmJson<'a>>,
}

#[derive(Serialize)]
struct RunArmJson<'a> {
    id: &'a str,
    done: u64,
    total: u64,
    passed: u64,
    errors: u64,
    cost_usd: f64,
}

/// Prints what a run did.
pub(crate) fn print_run(
    printer: &Printer,
    experiment: &str,
    run_id: &str,
    file: &str,
    summary: &RunSummary,
) -> anyhow::Result<()> {
    let (failed, calls) = (summary.failed_calls(), summary.calls());
    let (outcome, reason) = match &summary.outcome {
        // Failed samples still need a call: the run is not complete until they are retried.
        Outcome::Completed if failed > 0 => ("incomplete", None),
        Outcome::Completed => ("completed", None),
        Outcome::Interrupted => ("interrupted", None),
        Outcome::StoppedEarly(r) => ("stopped_early", Some(r.as_str())),
    };
    if printer.format == OutputFormat::Json {
        let doc = RunJson {
            schema_version: SCHEMA_VERSION,
            experiment,
            run_id,
            file,
            outcome,
            stop_reason: reason,
            written: summary.written,
            calls,
            failed_calls: failed,
            variants: summary
                .arms
                .iter()
                .map(|a| RunArmJson {
                    id: &a.id,
                    done: a.done,
                    total: a.total,
                    passed: a.passed,
                    errors: a.errors,
                    cost_usd: a.cost_usd,
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    let mut table = new_table(printer, &["variant", "done", "pass rate", "errors", "cost"]);
    for a in &summary.arms {
        #[allow(clippy::cast_precision_loss)]
        let rate = if a.session == 0 {
            "-".to_owned()
        } else {
            format!("{:.1}%", a.passed as f64 / a.session as f64 * 100.0)
        };
        table.add_row(vec![
            a.id.clone(),
            format!("{}/{}", a.done, a.total),
            rate,
            a.errors.to_string(),
            format!("${:.4}", a.cost_usd),
        ]);
    }
    let mut out = format!("{table}\n");
    match &summary.outcome {
        Outcome::Completed if failed > 0 => {
            let _ = writeln!(
                out,
                "Run {run_id} incomplete: {failed} of {calls} calls failed; {} samples in {file} (`--resume {run_id}` retries the failed ones)",
                summary.written
            );
        }
        Outcome::Completed => {
            let _ = writeln!(
                out,
                "Run {run_id} complete: {} samples written to {file}",
                summary.written
            );
        }
        Outcome::StoppedEarly(r) => {
            let _ = writeln!(
                out,
                "Run {run_id} stopped early: {r}; {} samples in {file}",
                summary.written
            );
        }
        Outcome::Interrupted => {
            let _ = writeln!(
                out,
                "Run {run_id} interrupted: {} samples in {file}",
                summary.written
            );
        }
    }
    if failed > 0 && summary.outcome != Outcome::Completed {
        let _ = writeln!(
            out,
            "{failed} of {calls} calls failed (left out of quality metrics)"
        );
    }
    printer.data(&out)?;
    if summary.outcome != Outcome::Interrupted && failed < calls {
        printer.status(&format!(
            "Next: promptctl ab analyze {experiment} --run {run_id}"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------- analyze

#[derive(Serialize)]
pub(crate) struct AnalysisJson<'a> {
    schema_version: u32,
    experiment: &'a str,
    runs: &'a [String],
    design: &'static str,
    control: &'a str,
    alpha: f64,
    /// Comparisons in the family (judged metrics × variants).
    family_size: usize,
    correction: &'static str,
    /// `alpha / family_size`: the level of each test; intervals are at `1 -` this.
    comparison_alpha: f64,
    /// Every lift and interval is this difference.
    difference: &'static str,
    sequential: bool,
    records: u64,
    duplicates: u64,
    retried: u64,
    unknown_arms: u64,
    errors: Vec<ErrorsJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
    guardrails: Vec<GuardrailJson<'a>>,
    srm: Option<SrmJson<'a>>,
    recommendation: &'a str,
}

#[derive(Serialize)]
struct ErrorsJson<'a> {
    variant: &'a str,
    samples: u64,
    failed_calls: u64,
    error_rate: Option<f64>,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    name: &'a str,
    kind: MetricKind,
    direction: promptctl::experiment::spec::Direction,
    variants: Vec<VariantJson<'a>>,
}

#[derive(Serialize)]
struct VariantJson<'a> {
    id: &'a str,
    control: bool,
    n: u64,
    value: Option<f64>,
    interval: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<ComparisonJson<'a>>,
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    n: u64,
    lift: Option<f64>,
    lift_interval: Option<[f64; 2]>,
    relative_lift: Option<f64>,
    p_value: Option<f64>,
    p_adjusted: Option<f64>,
    test: &'a str,
    decision: Decision,
    note: Option<&'a str>,
    needed_per_variant: Option<u64>,
}

#[derive(Serialize)]
struct GuardrailJson<'a> {
    metric: &'a str,
    variant: &'a str,
    regression: Option<f64>,
    max_regression: f64,
    ok: bool,
}

#[derive(Serialize)]
struct SrmJson<'a> {
    observed: &'a [u64],
    expected: &'a [f64],
    p_value: f64,
    mismatch: bool,
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn interval(e: &Estimate) -> Option<[f64; 2]> {
    (e.low.is_finite() && e.high.is_finite()).then_some([e.low, e.high])
}

/// Prints an analysis as a table, Markdown or JSON.
pub(crate) fn print_analysis(printer: &Printer, report: &Report) -> anyhow::Result<()> {
    match printer.format {
        OutputFormat::Json => printer.json(&serde_json::to_value(analysis_json(report))?)?,
        OutputFormat::Markdown => printer.data(&analysis_markdown(report))?,
        _ => printer.data(&analysis_table(printer, report))?,
    }
    Ok(())
}

/// An analysis as its JSON document (also embedded in `pr-report`).
pub(crate) fn analysis_json(report: &Report) -> AnalysisJson<'_> {
    AnalysisJson {
        schema_version: SCHEMA_VERSION,
        experiment: &report.experiment,
        runs: &report.runs,
        design: report.design,
        control: &report.control,
        alpha: report.alpha,
        family_size: report.family_size,
        correction: "bonferroni",
        comparison_alpha: report.comparison_alpha,
        difference: "variant - control",
        sequential: report.sequential,
        records: report.records,
        duplicates: report.duplicates,
        retried: report.retried,
        unknown_arms: report.unknown_arms,
        errors: report
            .errors
            .iter()
            .map(|e| ErrorsJson {
                variant: &e.arm,
                samples: e.samples,
                failed_calls: e.failed,
                error_rate: e.rate(),
            })
            .collect(),
        metrics: report
            .metrics
            .iter()
            .map(|m| MetricJson {
                name: &m.name,
                kind: m.kind,
                direction: m.direction,
                variants: m
                    .arms
                    .iter()
                    .map(|a| VariantJson {
                        id: &a.arm,
                        control: a.arm == report.control,
                        n: a.n,
                        value: finite(a.estimate.value),
                        interval: interval(&a.estimate),
                        comparison: m.comparisons.iter().find(|c| c.arm == a.arm).map(|c| {
                            ComparisonJson {
                                n: c.n,
                                lift: finite(c.lift.value),
                                lift_interval: interval(&c.lift),
                                relative_lift: c.relative_lift.and_then(finite),
                                p_value: c.p_value,
                                p_adjusted: c.p_adjusted,
                                test: c.test,
                                decision: c.decision,
                                note: c.note,
                                needed_per_variant: c.needed,
                            }
                        }),
                    })
                    .collect(),
            })
            .collect(),
        guardrails: report
            .guardrails
            .iter()
            .map(|g| GuardrailJson {
                metric: &g.metric,
                variant: &g.arm,
                regression: g.regression,
                max_regression: g.max_regression,
                ok: g.ok,
            })
            .collect(),
        srm: report.srm.as_ref().map(|s| SrmJson {
            observed: &s.observed,
            expected: &s.expected,
            p_value: s.p_value,
            mismatch: s.mismatch,
        }),
        recommendation: &report.recommendation,
    }
}

fn value(v: f64, kind: MetricKind) -> String {
    if !v.is_finite() {
        return "-".to_owned();
    }
    match kind {
        MetricKind::Binary => format!("{:.1}%", v * 100.0),
        MetricKind::Continuous if v.abs() >= 100.0 => format!("{v:.0}"),
        MetricKind::Continuous if v.abs() >= 0.01 || v == 0.0 => format!("{v:.3}"),
        MetricKind::Continuous => format!("{v:.2e}"),
    }
}

fn with_interval(e: &Estimate, kind: MetricKind) -> String {
    match interval(e) {
        Some([lo, hi]) => format!(
            "{} [{}, {}]",
            value(e.value, kind),
            value(lo, kind),
            value(hi, kind)
        ),
        None => value(e.value, kind),
    }
}

fn lift_text(c: &Comparison, kind: MetricKind) -> String {
    if !c.lift.value.is_finite() {
        return "-".to_owned();
    }
    let main = signed(c.lift.value, kind);
    let ci = interval(&c.lift).map_or_else(String::new, |[lo, hi]| {
        format!(" [{}, {}]", signed(lo, kind), signed(hi, kind))
    });
    let rel = c
        .relative_lift
        .filter(|r| r.is_finite())
        .map_or_else(String::new, |r| format!(" ({:+.1}%)", r * 100.0));
    format!("{main}{ci}{rel}")
}

fn p_text(p: Option<f64>) -> String {
    match p {
        None => "-".to_owned(),
        Some(p) if p < 0.0001 => "<0.0001".to_owned(),
        Some(p) => format!("{p:.4}"),
    }
}

fn rows(m: &MetricReport) -> Vec<[String; 8]> {
    m.arms
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let c = m.comparisons.iter().find(|c| c.arm == a.arm);
            let control = i == 0;
            [
                if control {
                    format!("{} (control)", a.arm)
                } else {
                    a.arm.clone()
                },
                a.n.to_string(),
                with_interval(&a.estimate, m.kind),
                c.map_or_else(|| "-".to_owned(), |c| lift_text(c, m.kind)),
                c.map_or_else(|| "-".to_owned(), |c| p_text(c.p_value)),
                c.map_or_else(|| "-".to_owned(), |c| p_text(c.p_adjusted)),
                c.map_or_else(|| "-".to_owned(), |c| c.test.to_owned()),
                // The reason a test could not run is in the JSON (`note`); the table stays narrow.
                c.map_or_else(String::new, decision_text),
            ]
        })
        .collect()
}

/// The verdict, with what an inconclusive one is missing.
fn decision_text(c: &Comparison) -> String {
    match (c.decision, c.needed) {
        (Decision::Inconclusive, Some(needed)) => {
            format!("inconclusive: n={}, about {needed} needed", c.n)
        }
        (Decision::Inconclusive, None) => format!("inconclusive: n={}", c.n),
        (d, _) => d.as_str().to_owned(),
    }
}

/// The family line under the title: how many comparisons, and the level of their intervals.
fn family_text(report: &Report) -> String {
    format!(
        "lift = variant − control; {} comparison{} (Bonferroni): each tested at {}, intervals at {}%",
        report.family_size,
        if report.family_size == 1 { "" } else { "s" },
        trim_float(report.comparison_alpha, 4),
        trim_float((1.0 - report.comparison_alpha) * 100.0, 2)
    )
}

/// `0.0125` stays `0.0125`, `97.5000000001` becomes `97.5` (at most `digits` decimals).
fn trim_float(v: f64, digits: usize) -> String {
    let text = format!("{v:.digits$}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

const HEADER: [&str; 8] = [
    "variant",
    "n",
    "value [CI]",
    "variant − control [CI]",
    "p",
    "p adj",
    "test",
    "decision",
];

fn analysis_table(printer: &Printer, report: &Report) -> String {
    let mut out = format!(
        "Experiment `{}` ({} design, runs {}): {} records, alpha {}{}\n{}\n",
        report.experiment,
        report.design,
        report.runs.join(", "),
        report.records,
        report.alpha,
        if report.sequential {
            ", always-valid (sequential) p-values"
        } else {
            ""
        },
        family_text(report)
    );
    for m in &report.metrics {
        let arrow = match m.direction {
            promptctl::experiment::spec::Direction::Higher => "higher is better",
            promptctl::experiment::spec::Direction::Lower => "lower is better",
        };
        let _ = writeln!(out, "\n{} ({arrow})", m.name);
        let mut table = new_table(printer, &HEADER);
        for row in rows(m) {
            table.add_row(row.to_vec());
        }
        let _ = writeln!(out, "{table}");
    }
    out.push_str(&notes(report, false));
    out
}

fn notes(report: &Report, markdown: bool) -> String {
    let mut out = String::new();
    let bullet = if markdown { "- " } else { "  " };
    if !report.guardrails.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if markdown {
                "**Guardrails**\n"
            } else {
                "Guardrails"
            }
        );
        for g in &report.guardrails {
            let change = g
                .regression
                .map_or_else(|| "unknown".to_owned(), |r| format!("{:+.1}%", r * 100.0));
            let _ = writeln!(
                out,
                "{bullet}{} {}: regression {change} (max {:.1}%) {}",
                g.arm,
                g.metric,
                g.max_regression * 100.0,
                if g.ok { "ok" } else { "BROKEN" }
            );
        }
    }
    if let Some(srm) = &report.srm {
        let _ = writeln!(
            out,
            "\nsample ratio: observed {:?}, expected {:?}, p = {} {}",
            srm.observed,
            srm.expected.iter().map(|e| e.round()).collect::<Vec<_>>(),
            p_text(Some(srm.p_value)),
            if srm.mismatch {
                "-- MISMATCH: the split is broken"
            } else {
                "(ok)"
            }
        );
    }
    if report.errors.iter().any(|e| e.failed > 0) {
        let rates: Vec<String> = report
            .errors
            .iter()
            .map(|e| {
                format!(
                    "{} {} of {} ({})",
                    e.arm,
                    e.failed,
                    e.samples,
                    e.rate()
                        .map_or_else(|| "-".to_owned(), |r| format!("{:.1}%", r * 100.0))
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "\nfailed calls (left out of every metric but `error`): {}",
            rates.join(", ")
        );
    }
    if report.retried > 0 {
        let _ = writeln!(
            out,
            "\n{} failed calls were retried (the retry's record is used)",
            report.retried
        );
    }
    if report.duplicates > 0 {
        let _ = writeln!(
            out,
            "\n{} duplicate samples (the later record of each was used)",
            report.duplicates
        );
    }
    if report.unknown_arms > 0 {
        let _ = writeln!(
            out,
            "\n{} records name a variant the spec does not have (ignored)",
            report.unknown_arms
        );
    }
    let _ = writeln!(
        out,
        "\n{}{}",
        if markdown {
            "**Recommendation:** "
        } else {
            "Recommendation: "
        },
        report.recommendation
    );
    out
}

/// An analysis as Markdown (also embedded in `pr-report`).
pub(crate) fn analysis_markdown(report: &Report) -> String {
    let mut out = format!(
        "### Experiment `{}`\n\n{} design, runs {}, {} records, alpha {}{}; {}\n",
        report.experiment,
        report.design,
        report.runs.join(", "),
        report.records,
        report.alpha,
        if report.sequential {
            ", always-valid p-values"
        } else {
            ""
        },
        family_text(report)
    );
    for m in &report.metrics {
        let _ = writeln!(out, "\n#### {}\n", m.name);
        let _ = writeln!(out, "| {} |", HEADER.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(HEADER.len()));
        for row in rows(m) {
            let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out.push_str(&notes(report, true));
    out
}

// ---------------------------------------------------------------- list and status

/// One experiment found by `ab list`.
pub(crate) struct ListedExperiment {
    /// File stem.
    pub(crate) name: String,
    /// The parsed spec, or why it does not parse.
    pub(crate) spec: Result<Spec, String>,
    /// Runs with results, oldest first: the last is the one `ab analyze` reads.
    pub(crate) runs: Vec<ListedRun>,
}

/// One run of an experiment, for `ab list`.
pub(crate) struct ListedRun {
    /// Run id.
    pub(crate) id: String,
    /// When it started (RFC 3339), if that can be told.
    pub(crate) started_at: Option<String>,
    /// `record`, or `file_time` when no record gave the start.
    pub(crate) started_from: Option<&'static str>,
    /// Results files (shards).
    pub(crate) files: usize,
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema_version: u32,
    experiments: Vec<ListItemJson<'a>>,
}

#[derive(Serialize)]
struct ListItemJson<'a> {
    name: &'a str,
    valid: bool,
    description: Option<&'a str>,
    design: Option<&'static str>,
    variants: Vec<&'a str>,
    runs: usize,
    /// The run `ab analyze` reads by default: the one that started last.
    last_run: Option<&'a str>,
    /// Every run, oldest first.
    run_list: Vec<ListRunJson<'a>>,
    problem: Option<&'a str>,
}

#[derive(Serialize)]
struct ListRunJson<'a> {
    id: &'a str,
    started_at: Option<&'a str>,
    started_from: Option<&'static str>,
    files: usize,
    latest: bool,
}

/// Prints the experiments of a project.
pub(crate) fn print_list(printer: &Printer, listed: &[ListedExperiment]) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = ListJson {
            schema_version: SCHEMA_VERSION,
            experiments: listed
                .iter()
                .map(|e| ListItemJson {
                    name: &e.name,
                    valid: e.spec.is_ok(),
                    description: e.spec.as_ref().ok().and_then(|s| s.description.as_deref()),
                    design: e.spec.as_ref().ok().map(design_name),
                    variants: e
                        .spec
                        .as_ref()
                        .map(|s| s.variants.iter().map(|v| v.id.as_str()).collect())
                        .unwrap_or_default(),
                    runs: e.runs.len(),
                    last_run: e.runs.last().map(|r| r.id.as_str()),
                    run_list: e
                        .runs
                        .iter()
                        .enumerate()
                        .map(|(i, r)| ListRunJson {
                            id: &r.id,
                            started_at: r.started_at.as_deref(),
                            started_from: r.started_from,
                            files: r.files,
                            latest: i + 1 == e.runs.len(),
                        })
                        .collect(),
                    problem: e.spec.as_ref().err().map(String::as_str),
                })
                .collect(),
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if listed.is_empty() {
        printer.status(
            "No experiments: add one under experiments/<name>.yaml (see `promptctl ab --help`)",
        );
        return Ok(());
    }
    let mut table = new_table(
        printer,
        &[
            "experiment",
            "design",
            "variants",
            "runs",
            "latest run",
            "description",
        ],
    );
    for e in listed {
        match &e.spec {
            Ok(s) => table.add_row(vec![
                e.name.clone(),
                design_name(s).to_owned(),
                s.variants
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                e.runs.len().to_string(),
                latest(e),
                s.description.clone().unwrap_or_default(),
            ]),
            Err(problem) => table.add_row(vec![
                e.name.clone(),
                "invalid".to_owned(),
                "-".to_owned(),
                e.runs.len().to_string(),
                latest(e),
                problem.lines().next().unwrap_or_default().to_owned(),
            ]),
        };
    }
    let mut out = format!("{table}\n");
    if listed.iter().any(|e| !e.runs.is_empty()) {
        let mut runs = new_table(printer, &["experiment", "run", "started", "files", ""]);
        for e in listed {
            for (i, r) in e.runs.iter().enumerate() {
                runs.add_row(vec![
                    e.name.clone(),
                    r.id.clone(),
                    started_cell(r.started_at.as_deref(), r.started_from),
                    r.files.to_string(),
                    if i + 1 == e.runs.len() {
                        "latest: `ab analyze` reads it".to_owned()
                    } else {
                        String::new()
                    },
                ]);
            }
        }
        out.push_str("\nRuns, in the order they started:\n");
        out.push_str(&runs.to_string());
        out.push('\n');
    }
    printer.data(&out)?;
    Ok(())
}

fn latest(e: &ListedExperiment) -> String {
    e.runs
        .last()
        .map_or_else(|| "-".to_owned(), |r| r.id.clone())
}

/// One run of an experiment, for `ab status`.
#[derive(Debug, Default, Serialize)]
pub(crate) struct RunStatus {
    /// Run id.
    pub(crate) run: String,
    /// When the run started (RFC 3339), if that can be told.
    pub(crate) started_at: Option<String>,
    /// Where the start comes from: `record`, or `file_time` when no record says.
    pub(crate) started_from: Option<&'static str>,
    /// Result files (shards).
    pub(crate) files: usize,
    /// Samples recorded.
    pub(crate) samples: u64,
    /// Samples planned for the whole run (`None` when the plan cannot be built).
    pub(crate) planned: Option<u64>,
    /// Samples that passed.
    pub(crate) passed: u64,
    /// Failed calls.
    pub(crate) errors: u64,
    /// The latest `finished_at`.
    pub(crate) last_finished: String,
    /// Results files of the run with lines that are not records (counted without them).
    pub(crate) damaged: Vec<DamagedFile>,
}

/// A results file that could not be read whole, for `ab status`.
#[derive(Debug, Serialize)]
pub(crate) struct DamagedFile {
    /// The file, relative to the project.
    pub(crate) file: String,
    /// The first damaged line (`None` when the file could not be read at all).
    pub(crate) line: Option<usize>,
    /// How many lines are damaged.
    pub(crate) damaged_lines: usize,
    /// What is wrong.
    pub(crate) message: String,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    schema_version: u32,
    experiment: &'a str,
    runs: &'a [RunStatus],
    /// Each batch part of each batch run, with its live state.
    batches: &'a [crate::cli::output::batch::PartStatus],
}

/// Prints the runs of an experiment (and, in JSON, their batch parts).
pub(crate) fn print_status(
    printer: &Printer,
    experiment: &str,
    runs: &[RunStatus],
    batches: &[crate::cli::output::batch::PartStatus],
) -> anyhow::Result<()> {
    if printer.format == OutputFormat::Json {
        let doc = StatusJson {
            schema_version: SCHEMA_VERSION,
            experiment,
            runs,
            batches,
        };
        printer.json(&serde_json::to_value(doc)?)?;
        return Ok(());
    }
    if runs.is_empty() {
        printer.data(&format!("Experiment `{experiment}` has no runs yet.\n"))?;
        return Ok(());
    }
    let mut table = new_table(
        printer,
        &[
            "run",
            "files",
            "samples",
            "complete",
            "pass rate",
            "errors",
            "last result",
        ],
    );
    for r in runs {
        #[allow(clippy::cast_precision_loss)]
        let complete = r.planned.filter(|p| *p > 0).map_or_else(
            || "?".to_owned(),
            |p| format!("{:.0}%", r.samples as f64 / p as f64 * 100.0),
        );
        #[allow(clippy::cast_precision_loss)]
        let rate = if r.samples == 0 {
            "-".to_owned()
        } else {
            format!("{:.1}%", r.passed as f64 / r.samples as f64 * 100.0)
        };
        table.add_row(vec![
            if r.damaged.is_empty() {
                r.run.clone()
            } else {
                format!("{} (damaged)", r.run)
            },
            r.files.to_string(),
            r.planned
                .map_or_else(|| r.samples.to_string(), |p| format!("{}/{p}", r.samples)),
            complete,
            rate,
            r.errors.to_string(),
            if r.last_finished.is_empty() {
                "-".to_owned()
            } else {
                r.last_finished.clone()
            },
        ]);
    }
    printer.data(&format!("Experiment `{experiment}`\n{table}\n"))?;
    Ok(())
}

/// A run's start for a table: the time, marked `(file time)` when no record gave it.
fn started_cell(at: Option<&str>, from: Option<&str>) -> String {
    match (at, from) {
        (Some(at), Some("file_time")) => format!("{at} (file time)"),
        (Some(at), _) => at.to_owned(),
        (None, _) => "-".to_owned(),
    }
}
