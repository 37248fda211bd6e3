//! Output of `pr-report`: one Markdown document for a pull-request comment, or JSON for tools.
//!
//! The Markdown opens with a hidden marker line, [`MARKER`], by which a sticky-comment updater
//! finds its own comment. It reads top-down as a reviewer works: the summary, breaking changes,
//! the impact of each change, new findings and the evidence; then each prompt's semantic diff;
//! then each sample rendered before and after, collapsed in `<details>`.
//!
//! A comment has a size limit (GitHub's is 65,536 characters). When the document is longer,
//! [`comment`] keeps the summary, impact, findings and evidence whole and fits what it can of the
//! rest: rendered samples go first, then per-prompt diffs, and a closing line says what was left
//! out and where the full report is. The full document is what `--output` writes.

use std::fmt::Write as _;

use promptctl::experiment::analyze::Report as Analysis;
use promptctl::review::impact::{Impact, Outcome, PinChange};
use promptctl::review::samples::{Rendered, Sample};
use promptctl::review::{PrReport, PromptReport};
use promptctl::scan::mask::{mask_json_strings, mask_secrets};
use serde::Serialize;

use crate::cli::output::SCHEMA_VERSION;
use crate::cli::output::ab::{AnalysisJson, analysis_json, analysis_markdown};
use crate::cli::output::diff::{DiffBodyJson, body_json, markdown as diff_markdown};

/// The first line of every Markdown report: the marker `promptctl github comment` looks for.
pub(crate) const MARKER: &str = promptctl::github::COMMENT_MARKER;

/// Where the full report is, for the line a shortened comment ends with.
pub(crate) enum FullReport<'a> {
    /// The CI artifact a workflow uploads.
    Artifact,
    /// A link given with `--full-report-url`.
    Url(&'a str),
}

/// The name of the artifact a workflow uploads the full report as.
pub(crate) const ARTIFACT: &str = "promptctl-pr-report";

// ---------------------------------------------------------------------------------------------
// Markdown

/// The parts of the Markdown document, in the order they are dropped to fit (last first).
struct Parts {
    /// Summary, breaking changes, impact, findings, evidence: always kept.
    head: String,
    /// One semantic diff per prompt.
    diffs: Vec<String>,
    /// One `<details>` block per rendered sample.
    samples: Vec<String>,
}

/// The whole Markdown document.
pub(crate) fn markdown(report: &PrReport) -> String {
    let parts = parts(report);
    let mut out = parts.head;
    out.push_str(&section_heading("Changes", !parts.diffs.is_empty()));
    for diff in &parts.diffs {
        out.push_str(diff);
    }
    out.push_str(&section_heading(
        "Rendered samples",
        !parts.samples.is_empty(),
    ));
    for sample in &parts.samples {
        out.push_str(sample);
    }
    out
}

fn section_heading(title: &str, any: bool) -> String {
    if any {
        format!("\n## {title}\n\n")
    } else {
        String::new()
    }
}

/// The document shortened to at most `max_chars` characters, for a comment.
pub(crate) fn comment(report: &PrReport, max_chars: usize, full: &FullReport<'_>) -> String {
    let whole = markdown(report);
    if whole.chars().count() <= max_chars {
        return whole;
    }
    let parts = parts(report);
    let pointer = match full {
        FullReport::Artifact => format!("uploaded as the `{ARTIFACT}` artifact"),
        FullReport::Url(url) => (*url).to_owned(),
    };
    let footer = |diffs_left: usize, samples_left: usize| {
        let mut left = Vec::new();
        if samples_left > 0 {
            left.push(format!("{samples_left} rendered sample(s)"));
        }
        if diffs_left > 0 {
            left.push(format!("{diffs_left} prompt diff(s)"));
        }
        let what = if left.is_empty() {
            "the end of the report".to_owned()
        } else {
            left.join(" and ")
        };
        format!(
            "\n---\n_This comment is shortened to {max_chars} characters: {what} left out; full report: {pointer}._\n"
        )
    };
    let len = |s: &str| s.chars().count();
    // The longest footer: nothing kept past the head.
    let reserve = len(&footer(parts.diffs.len(), parts.samples.len()));
    let mut out = parts.head.clone();
    if len(&out) + reserve > max_chars {
        // Even the head does not fit: cut it, keeping the marker and the summary at its top.
        let keep = max_chars.saturating_sub(reserve + 2);
        out = out.chars().take(keep).collect();
        out.push_str("…\n");
        out.push_str(&footer(parts.diffs.len(), parts.samples.len()));
        return out.chars().take(max_chars).collect();
    }
    let mut used = len(&out);
    let (mut diffs_kept, mut samples_kept) = (0, 0);
    let diffs_heading = section_heading("Changes", true);
    let samples_heading = section_heading("Rendered samples", true);
    for (kind, heading, items) in [
        (0, &diffs_heading, &parts.diffs),
        (1, &samples_heading, &parts.samples),
    ] {
        if kind == 1 && diffs_kept < parts.diffs.len() {
            break; // samples only after every diff
        }
        let mut added_heading = false;
        for item in items {
            let extra = len(item) + if added_heading { 0 } else { len(heading) };
            if used + extra + reserve > max_chars {
                break;
            }
            if !added_heading {
                out.push_str(heading);
                added_heading = true;
            }
            out.push_str(item);
            used += extra;
            if kind == 0 {
                diffs_kept += 1;
            } else {
                samples_kept += 1;
            }
        }
    }
    out.push_str(&footer(
        parts.diffs.len() - diffs_kept,
        parts.samples.len() - samples_kept,
    ));
    out
}

fn parts(report: &PrReport) -> Parts {
    let mut head = format!(
        "{MARKER}\n## Prompt review `{}..{}`\n\n",
        report.range.from, report.range.to
    );
    summary(&mut head, report);
    breaking(&mut head, report);
    impact(&mut head, report);
    findings(&mut head, report);
    evidence(&mut head, report);
    let diffs: Vec<String> = report
        .prompts
        .iter()
        .map(|p| {
            let mut text = diff_markdown(&p.file.name, p.file.status.as_str(), &p.file.diff);
            text.push('\n');
            text
        })
        .collect();
    let samples: Vec<String> = report
        .prompts
        .iter()
        .flat_map(|p| p.samples.iter().map(move |s| sample_details(report, p, s)))
        .collect();
    // The core masks what it quotes; this pass also covers lint messages and anything a
    // presenter adds, so no secret reaches a comment or a CI log.
    let clean = |text: String| mask_secrets(&text).into_owned();
    Parts {
        head: clean(head),
        diffs: diffs.into_iter().map(clean).collect(),
        samples: samples.into_iter().map(clean).collect(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(out: &mut String, report: &PrReport) {
    let (from, to) = &report.short;
    let breaking = report.breaking().len();
    let regressed: usize = report.prompts.iter().map(|p| regressions(&p.impact)).sum();
    let findings = report.findings.lint.len() + report.findings.scan.len();
    let _ = writeln!(
        out,
        "`{from}` → `{to}`: **{}** changed · {} · {} · {}\n",
        plural(report.prompts.len(), "prompt file", "prompt files"),
        if breaking > 0 {
            format!(
                "**{}**",
                plural(breaking, "breaking change", "breaking changes")
            )
        } else {
            "no breaking change".to_owned()
        },
        if regressed > 0 {
            format!(
                "**{} at HEAD**",
                plural(regressed, "regression", "regressions")
            )
        } else {
            "nothing it reaches stops working".to_owned()
        },
        if findings > 0 {
            format!("**{}**", plural(findings, "new finding", "new findings"))
        } else {
            "no new findings".to_owned()
        },
    );
    if report.prompts.is_empty() {
        out.push_str("No prompt file changed in this range.\n");
        return;
    }
    out.push_str("| prompt | status | change | pinned in | used by | checks at HEAD |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for p in &report.prompts {
        let mut environments: Vec<&str> = p
            .impact
            .pins
            .iter()
            .map(|pin| pin.environment.as_str())
            .collect();
        environments.dedup();
        let used_by = p.impact.dependents.len() + p.impact.experiments.len();
        let bad = regressions(&p.impact);
        let _ = writeln!(
            out,
            "| `{}` | {} | {}{} | {} | {} | {} |",
            p.file.name,
            p.file.status.as_str(),
            p.file.diff.summary().replace('|', "\\|"),
            if p.breaking.is_empty() {
                ""
            } else {
                " **(breaking)**"
            },
            if environments.is_empty() {
                "—".to_owned()
            } else {
                environments
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            if used_by == 0 {
                "—".to_owned()
            } else {
                format!(
                    "{} · {}",
                    plural(p.impact.dependents.len(), "prompt", "prompts"),
                    plural(p.impact.experiments.len(), "experiment", "experiments")
                )
            },
            if bad > 0 {
                format!("❌ {}", plural(bad, "regression", "regressions"))
            } else {
                "✅ renders and validates".to_owned()
            }
        );
    }
    out.push('\n');
}

/// Dependents that stopped rendering plus datasets that stopped validating.
fn regressions(impact: &Impact) -> usize {
    impact.renders.iter().filter(|r| r.regressed()).count()
        + impact.datasets.iter().filter(|d| d.regressed()).count()
}

fn breaking(out: &mut String, report: &PrReport) {
    let all = report.breaking();
    if all.is_empty() {
        return;
    }
    out.push_str("### Breaking changes\n\n");
    for (name, reason) in all {
        let _ = writeln!(out, "- `{name}`: {reason}");
    }
    out.push('\n');
}

fn impact(out: &mut String, report: &PrReport) {
    if report.prompts.is_empty() {
        return;
    }
    out.push_str("### Impact\n");
    for p in &report.prompts {
        let i = &p.impact;
        let _ = writeln!(out, "\n#### `{}`\n", p.file.name);
        let mut lines = Vec::new();
        if !p.owners.is_empty() {
            lines.push(format!("**Owners:** {}", p.owners.join(", ")));
        }
        for verdict in &p.approvals {
            let mut line = format!(
                "**Approvals for `{}`:** {} ({} of {})",
                verdict.environment,
                verdict.state.as_str(),
                verdict.count(),
                verdict.required
            );
            if !verdict.requested.is_empty() {
                let _ = write!(line, "; requested from {}", verdict.requested.join(", "));
            }
            lines.push(line);
        }
        for pin in &i.pins {
            let whose = if pin.prompt == p.file.name {
                String::new()
            } else {
                " (built on this change)".to_owned()
            };
            lines.push(match &pin.change {
                PinChange::NextRelease => format!(
                    "**Environment `{env}`** pins `{prompt}`{whose} at {pinned}: it keeps serving that after the merge; the next `promptctl release {prompt} --env {env}` serves this change.",
                    env = pin.environment,
                    prompt = pin.prompt,
                    pinned = pin.pinned,
                ),
                PinChange::Released { before } => format!(
                    "**Environment `{env}`**: this pull request re-pins `{prompt}`{whose} from {} to {}, so merging it changes what `{env}` serves.",
                    before.as_deref().unwrap_or("nothing"),
                    pin.pinned,
                    env = pin.environment,
                    prompt = pin.prompt,
                ),
            });
        }
        if !i.dependents.is_empty() {
            let names: Vec<String> = i
                .dependents
                .iter()
                .map(|d| {
                    if d.through.is_empty() {
                        format!("`{}` ({})", d.prompt, d.via.as_str())
                    } else {
                        format!(
                            "`{}` ({} via {})",
                            d.prompt,
                            d.via.as_str(),
                            d.through
                                .iter()
                                .map(|t| format!("`{t}`"))
                                .collect::<Vec<_>>()
                                .join(" → ")
                        )
                    }
                })
                .collect();
            lines.push(format!("**Rendered by:** {}", names.join(", ")));
        }
        if !i.linked_from.is_empty() {
            let names: Vec<String> = i.linked_from.iter().map(|n| format!("`{n}`")).collect();
            lines.push(format!("**Linked from:** {}", names.join(", ")));
        }
        for e in &i.experiments {
            let variants: Vec<String> = e
                .variants
                .iter()
                .map(|(id, prompt)| format!("`{id}` (`{prompt}`)"))
                .collect();
            lines.push(format!(
                "**Experiment `{}`**: {}{}{}",
                e.experiment,
                variants.join(", "),
                e.dataset
                    .as_ref()
                    .map_or_else(String::new, |d| format!(" on `{d}`")),
                if e.follows_branch {
                    ""
                } else {
                    " — every variant pins a version, so this change does not reach it"
                }
            ));
        }
        for d in &i.datasets {
            let status = if let Some(why) = &d.unreadable {
                format!("⚠️ not checked: {why}")
            } else if d.invalid.is_empty() {
                format!("✅ {} valid", plural(d.cases, "case", "cases"))
            } else {
                let first = &d.invalid[0];
                format!(
                    "{} {} of {} no longer validate{} (first: `{}` at line {}: {})",
                    if d.regressed() { "❌" } else { "⚠️" },
                    d.invalid.len(),
                    plural(d.cases, "case", "cases"),
                    match d.invalid_at_base {
                        Some(0) | None => String::new(),
                        Some(n) => format!("; {n} already did not at the base"),
                    },
                    first.id,
                    first.line,
                    first.message
                )
            };
            lines.push(format!(
                "**Dataset `{}`** → `{}` ({}): {status}",
                d.dataset,
                d.prompt,
                d.used_by.join(", ")
            ));
        }
        let failing: Vec<String> = i
            .renders
            .iter()
            .filter_map(|r| match (&r.before, &r.after) {
                (before, Outcome::Failed(why)) => Some(format!(
                    "{} `{}` {}: {why}",
                    if r.regressed() { "❌" } else { "⚠️" },
                    r.prompt,
                    if *before == Outcome::Ok {
                        "no longer renders"
                    } else {
                        "did not render at the base either"
                    }
                )),
                _ => None,
            })
            .collect();
        if i.renders.is_empty() {
            // A partial no prompt renders: nothing to check.
        } else if failing.is_empty() {
            lines.push(format!(
                "✅ {} with {} sample inputs at HEAD",
                plural(i.renders.len(), "prompt renders", "prompts render"),
                if i.renders.len() == 1 { "its" } else { "their" }
            ));
        } else {
            lines.extend(failing);
        }
        if lines.is_empty() {
            lines.push("Nothing else uses it.".to_owned());
        }
        for line in lines {
            let _ = writeln!(out, "- {line}");
        }
    }
    out.push('\n');
}

fn findings(out: &mut String, report: &PrReport) {
    let f = &report.findings;
    out.push_str("### New findings\n\n");
    if f.lint.is_empty() && f.scan.is_empty() {
        let _ = writeln!(
            out,
            "No new lint or scan findings{}.\n",
            if f.fixed > 0 {
                format!(" ({} fixed)", f.fixed)
            } else {
                String::new()
            }
        );
        return;
    }
    out.push_str("| severity | rule | where | message |\n| --- | --- | --- | --- |\n");
    let rows = f.lint.iter().map(|l| (l, None)).chain(
        f.scan
            .iter()
            .map(|s| (&s.finding, Some(s.excerpt.as_str()))),
    );
    for (finding, excerpt) in rows {
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {}{} |",
            finding.severity,
            finding.rule,
            finding.location,
            finding.message.replace('|', "\\|"),
            excerpt.map_or_else(String::new, |e| format!(" (`{}`)", e.replace('|', "\\|")))
        );
    }
    if f.fixed > 0 {
        let _ = writeln!(out, "\n{} fixed.", plural(f.fixed, "finding", "findings"));
    }
    out.push('\n');
}

fn evidence(out: &mut String, report: &PrReport) {
    let e = &report.evidence;
    out.push_str("### Evidence\n\n");
    if e.results.is_empty() && e.not_rerun.is_empty() && e.no_experiment.is_empty() {
        out.push_str("No changed prompt to test.\n\n");
        return;
    }
    for r in &e.results {
        match &r.analysis {
            Ok(analysis) => {
                let _ = writeln!(
                    out,
                    "Results committed in this pull request: {}.\n",
                    r.files
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                out.push_str(&verdicts(analysis));
                out.push('\n');
            }
            Err(why) => {
                let _ = writeln!(
                    out,
                    "Results for experiment `{}` are committed ({}) but cannot be analysed: {why}\n",
                    r.experiment,
                    r.files.join(", ")
                );
            }
        }
    }
    for (prompt, experiments) in &e.not_rerun {
        let names: Vec<String> = experiments.iter().map(|x| format!("`{x}`")).collect();
        let _ = writeln!(
            out,
            "- `{prompt}` is run by {} but no results for it are committed in this pull request: `promptctl ab run {}` and commit `results/`.",
            names.join(", "),
            experiments[0]
        );
    }
    if !e.no_experiment.is_empty() {
        if !e.not_rerun.is_empty() {
            out.push('\n');
        }
        let names: Vec<String> = e
            .no_experiment
            .iter()
            .map(|s| format!("`{}`", s.prompt))
            .collect();
        let _ = writeln!(
            out,
            "**No evidence: these changed prompts have no experiment:** {}.\n",
            names.join(", ")
        );
        for s in &e.no_experiment {
            let _ = writeln!(
                out,
                "<details><summary>Test <code>{}</code>: <code>promptctl ab plan {}</code></summary>\n\nSave as `experiments/{}.yaml`, then check it with `promptctl ab plan {}` and run it with `promptctl ab run {}`:\n\n```yaml\n{}```\n\n</details>\n",
                s.prompt, s.experiment, s.experiment, s.experiment, s.experiment, s.spec
            );
        }
    }
    out.push('\n');
}

/// The analysis of committed results, with its verdicts (the `ab analyze` Markdown, one level
/// deeper).
fn verdicts(analysis: &Analysis) -> String {
    analysis_markdown(analysis)
        .lines()
        .map(|line| {
            if line.starts_with('#') {
                format!("#{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// A fence longer than any backtick run in `text`, so rendered text cannot close it.
fn fence(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

fn rendered_block(label: &str, rendered: &Rendered) -> String {
    match rendered {
        Rendered::Text(text) => {
            let fence = fence(text);
            format!(
                "**{label}**\n\n{fence}text\n{}\n{fence}\n\n",
                text.trim_end()
            )
        }
        Rendered::Failed(why) => format!("**{label}**: does not render: {why}\n\n"),
        Rendered::Absent => format!("**{label}**: does not exist\n\n"),
    }
}

fn sample_details(report: &PrReport, prompt: &PromptReport, sample: &Sample) -> String {
    let (from, to) = &report.short;
    let changed = sample.before != sample.after;
    let mut out = format!(
        "<details><summary><code>{}</code> on <code>{}</code>{}{}</summary>\n\n",
        sample.prompt,
        sample.input,
        if sample.prompt == prompt.file.name {
            String::new()
        } else {
            format!(" (renders <code>{}</code>)", prompt.file.name)
        },
        if changed { "" } else { " — unchanged" }
    );
    out.push_str(&rendered_block(
        &format!("Before (`{from}`)"),
        &sample.before,
    ));
    if changed {
        out.push_str(&rendered_block(&format!("After (`{to}`)"), &sample.after));
    }
    out.push_str("</details>\n\n");
    out
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct ReportJson<'a> {
    schema_version: u32,
    from: &'a str,
    to: &'a str,
    from_commit: &'a str,
    to_commit: &'a str,
    summary: SummaryJson,
    prompts: Vec<PromptJson<'a>>,
    findings: FindingsJson<'a>,
    evidence: EvidenceJson<'a>,
}

#[derive(Serialize)]
struct SummaryJson {
    prompts_changed: usize,
    breaking_changes: usize,
    regressions: usize,
    new_findings: usize,
}

#[derive(Serialize)]
struct PromptJson<'a> {
    name: &'a str,
    path: &'a str,
    status: &'static str,
    breaking: &'a [String],
    diff: DiffBodyJson<'a>,
    impact: ImpactJson<'a>,
    samples: Vec<SampleJson<'a>>,
    owners: &'a [String],
    approvals: Vec<ApprovalJson<'a>>,
}

#[derive(Serialize)]
struct ApprovalJson<'a> {
    environment: &'a str,
    state: &'static str,
    approvals: usize,
    required: u32,
    requested: &'a [String],
}

#[derive(Serialize)]
struct ImpactJson<'a> {
    pins: Vec<PinJson<'a>>,
    dependents: Vec<DependentJson<'a>>,
    linked_from: &'a [String],
    experiments: Vec<ExperimentJson<'a>>,
    datasets: Vec<DatasetJson<'a>>,
    renders: Vec<RenderJson<'a>>,
}

#[derive(Serialize)]
struct PinJson<'a> {
    environment: &'a str,
    prompt: &'a str,
    pinned: &'a str,
    /// `next_release` (the merge leaves the pin; the next release serves the change) or
    /// `released` (the pull request re-pins it).
    change: &'static str,
    /// For `released`: what was pinned at the base (`null`: nothing).
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct DependentJson<'a> {
    prompt: &'a str,
    via: &'static str,
    through: &'a [String],
}

#[derive(Serialize)]
struct VariantJson<'a> {
    id: &'a str,
    prompt: &'a str,
}

#[derive(Serialize)]
struct ExperimentJson<'a> {
    experiment: &'a str,
    path: &'a str,
    variants: Vec<VariantJson<'a>>,
    follows_branch: bool,
    dataset: Option<&'a str>,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    id: &'a str,
    line: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct DatasetJson<'a> {
    dataset: &'a str,
    prompt: &'a str,
    used_by: &'a [String],
    cases: usize,
    valid: bool,
    regressed: bool,
    invalid: Vec<CaseJson<'a>>,
    invalid_at_base: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unreadable: Option<&'a str>,
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

fn outcome_json(outcome: &Outcome) -> OutcomeJson<'_> {
    match outcome {
        Outcome::Ok => OutcomeJson {
            status: "ok",
            message: None,
        },
        Outcome::Failed(why) => OutcomeJson {
            status: "failed",
            message: Some(why),
        },
        Outcome::Absent => OutcomeJson {
            status: "absent",
            message: None,
        },
    }
}

#[derive(Serialize)]
struct RenderJson<'a> {
    prompt: &'a str,
    before: OutcomeJson<'a>,
    after: OutcomeJson<'a>,
    regressed: bool,
}

#[derive(Serialize)]
struct RenderedJson<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

fn rendered_json(rendered: &Rendered) -> RenderedJson<'_> {
    match rendered {
        Rendered::Text(text) => RenderedJson {
            status: "ok",
            text: Some(text),
            message: None,
        },
        Rendered::Failed(why) => RenderedJson {
            status: "failed",
            text: None,
            message: Some(why),
        },
        Rendered::Absent => RenderedJson {
            status: "absent",
            text: None,
            message: None,
        },
    }
}

#[derive(Serialize)]
struct SampleJson<'a> {
    prompt: &'a str,
    input: &'a str,
    before: RenderedJson<'a>,
    after: RenderedJson<'a>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excerpt: Option<&'a str>,
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    lint: Vec<FindingJson<'a>>,
    scan: Vec<FindingJson<'a>>,
    fixed: usize,
}

#[derive(Serialize)]
struct ResultsJson<'a> {
    experiment: &'a str,
    files: &'a [String],
    runs: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<AnalysisJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct NotRerunJson<'a> {
    prompt: &'a str,
    experiments: &'a [String],
}

#[derive(Serialize)]
struct SuggestionJson<'a> {
    prompt: &'a str,
    experiment: &'a str,
    spec_path: String,
    spec: &'a str,
    command: String,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    results: Vec<ResultsJson<'a>>,
    not_rerun: Vec<NotRerunJson<'a>>,
    no_experiment: Vec<SuggestionJson<'a>>,
}

fn finding_json<'a>(
    finding: &'a promptctl::finding::Finding,
    fingerprint: Option<&'a str>,
    excerpt: Option<&'a str>,
) -> FindingJson<'a> {
    FindingJson {
        rule: &finding.rule,
        severity: finding.severity.as_str(),
        path: finding.location.path.to_string_lossy().replace('\\', "/"),
        line: finding.location.line,
        column: finding.location.column,
        message: &finding.message,
        fingerprint,
        excerpt,
    }
}

fn prompt_json(p: &PromptReport) -> PromptJson<'_> {
    let i = &p.impact;
    PromptJson {
        owners: &p.owners,
        approvals: p
            .approvals
            .iter()
            .map(|v| ApprovalJson {
                environment: &v.environment,
                state: v.state.as_str(),
                approvals: v.count(),
                required: v.required,
                requested: &v.requested,
            })
            .collect(),
        name: &p.file.name,
        path: &p.file.path,
        status: p.file.status.as_str(),
        breaking: &p.breaking,
        diff: body_json(&p.file.diff),
        impact: ImpactJson {
            pins: i
                .pins
                .iter()
                .map(|pin| PinJson {
                    environment: &pin.environment,
                    prompt: &pin.prompt,
                    pinned: &pin.pinned,
                    change: match pin.change {
                        PinChange::NextRelease => "next_release",
                        PinChange::Released { .. } => "released",
                    },
                    before: match &pin.change {
                        PinChange::NextRelease => None,
                        PinChange::Released { before } => Some(
                            before
                                .as_deref()
                                .map_or(serde_json::Value::Null, serde_json::Value::from),
                        ),
                    },
                })
                .collect(),
            dependents: i
                .dependents
                .iter()
                .map(|d| DependentJson {
                    prompt: &d.prompt,
                    via: d.via.as_str(),
                    through: &d.through,
                })
                .collect(),
            linked_from: &i.linked_from,
            experiments: i
                .experiments
                .iter()
                .map(|e| ExperimentJson {
                    experiment: &e.experiment,
                    path: &e.path,
                    variants: e
                        .variants
                        .iter()
                        .map(|(id, prompt)| VariantJson { id, prompt })
                        .collect(),
                    follows_branch: e.follows_branch,
                    dataset: e.dataset.as_deref(),
                })
                .collect(),
            datasets: i
                .datasets
                .iter()
                .map(|d| DatasetJson {
                    dataset: &d.dataset,
                    prompt: &d.prompt,
                    used_by: &d.used_by,
                    cases: d.cases,
                    valid: d.invalid.is_empty() && d.unreadable.is_none(),
                    regressed: d.regressed(),
                    invalid: d
                        .invalid
                        .iter()
                        .map(|c| CaseJson {
                            id: &c.id,
                            line: c.line,
                            message: &c.message,
                        })
                        .collect(),
                    invalid_at_base: d.invalid_at_base,
                    unreadable: d.unreadable.as_deref(),
                })
                .collect(),
            renders: i
                .renders
                .iter()
                .map(|r| RenderJson {
                    prompt: &r.prompt,
                    before: outcome_json(&r.before),
                    after: outcome_json(&r.after),
                    regressed: r.regressed(),
                })
                .collect(),
        },
        samples: p
            .samples
            .iter()
            .map(|s| SampleJson {
                prompt: &s.prompt,
                input: &s.input,
                before: rendered_json(&s.before),
                after: rendered_json(&s.after),
            })
            .collect(),
    }
}

/// The report as one JSON document.
pub(crate) fn json(report: &PrReport) -> anyhow::Result<serde_json::Value> {
    let e = &report.evidence;
    let doc = ReportJson {
        schema_version: SCHEMA_VERSION,
        from: &report.range.from,
        to: &report.range.to,
        from_commit: &report.range.from_commit,
        to_commit: &report.range.to_commit,
        summary: SummaryJson {
            prompts_changed: report.prompts.len(),
            breaking_changes: report.breaking().len(),
            regressions: report.prompts.iter().map(|p| regressions(&p.impact)).sum(),
            new_findings: report.findings.lint.len() + report.findings.scan.len(),
        },
        prompts: report.prompts.iter().map(prompt_json).collect(),
        findings: FindingsJson {
            lint: report
                .findings
                .lint
                .iter()
                .map(|f| finding_json(f, None, None))
                .collect(),
            scan: report
                .findings
                .scan
                .iter()
                .map(|s| finding_json(&s.finding, Some(&s.fingerprint), Some(&s.excerpt)))
                .collect(),
            fixed: report.findings.fixed,
        },
        evidence: EvidenceJson {
            results: e
                .results
                .iter()
                .map(|r| ResultsJson {
                    experiment: &r.experiment,
                    files: &r.files,
                    runs: &r.runs,
                    analysis: r.analysis.as_ref().ok().map(analysis_json),
                    error: r.analysis.as_ref().err().map(String::as_str),
                })
                .collect(),
            not_rerun: e
                .not_rerun
                .iter()
                .map(|(prompt, experiments)| NotRerunJson {
                    prompt,
                    experiments,
                })
                .collect(),
            no_experiment: e
                .no_experiment
                .iter()
                .map(|s| SuggestionJson {
                    prompt: &s.prompt,
                    experiment: &s.experiment,
                    spec_path: format!("experiments/{}.yaml", s.experiment),
                    spec: &s.spec,
                    command: format!("promptctl ab plan {}", s.experiment),
                })
                .collect(),
        },
    };
    let mut value = serde_json::to_value(doc)?;
    mask_json_strings(&mut value);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::fence;

    #[test]
    fn fences_outgrow_backticks_in_the_rendered_text() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("has ``` inside"), "````");
        assert_eq!(fence("````` five"), "``````");
    }
}
