//! The report as one self-contained HTML page: inline CSS (light and dark), inline SVG charts
//! drawn here, no script, no network.
//!
//! A page people pass around must open anywhere, years later, offline: so nothing is fetched and
//! nothing runs. Every chart is an `<svg role="img">` with a `<title>` and an `aria-label`, and a
//! table with the same numbers follows it, for screen readers and for copying. Every number a
//! chart or table shows also sits, unrounded, in a `data-value` attribute next to a `data-field`
//! naming its place in `--format json`, so a test can read the page and compare.
//! Every string from a record is escaped: prompt names, models and run ids are user data.

// Row and point indexes become pixel positions; a chart has far fewer than 2^52 rows.
#![allow(clippy::cast_precision_loss)]

use std::fmt::Write as _;

use crate::report::Report;
use crate::report::aggregate::GroupSummary;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1a1a1a;--muted:#555555;--grid:#d0d0d0;
--bar:#1f5fa8;--whisker:#000000;--front:#b3261e;--p50:#1f5fa8;--p90:#6b8e23;--p99:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#b0b0b0;
--grid:#3a3a3a;--bar:#6ea8ff;--whisker:#ffffff;--front:#ff8a80;--p50:#6ea8ff;--p90:#b5d96b;
--p99:#ff8a80}}
body{background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem}
h1,h2{line-height:1.2}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid var(--grid);padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
figure{margin:1rem 0 2rem}
figcaption,.muted{color:var(--muted)}
svg{max-width:100%;height:auto}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}
.grid{stroke:var(--grid)}
.bar{fill:var(--bar)}
.whisker{stroke:var(--whisker);stroke-width:1.5}
.p50{fill:var(--p50)}.p90{fill:var(--p90)}.p99{fill:var(--p99)}
.point{fill:var(--bar)}
.front{fill:var(--front)}
.front-line{stroke:var(--front);stroke-width:1.5;fill:none;stroke-dasharray:4 3}
.trend{stroke:var(--bar);stroke-width:2;fill:none}
pre.diff{white-space:pre-wrap;border:1px solid var(--grid);padding:.5rem}
ins{background:color-mix(in srgb,var(--p90) 25%,transparent);text-decoration:underline}
del{background:color-mix(in srgb,var(--front) 25%,transparent)}
code{font-size:.9em}
.wide{overflow-x:auto;max-width:100%}
";

const WIDTH: f64 = 720.0;
const LABEL: f64 = 290.0;
/// Room right of a plot for the last tick's label.
const RIGHT: f64 = 50.0;
const ROW: f64 = 26.0;

/// The group's key as one label (`prompt · provider · model`; `all` for a report with no
/// grouping).
fn label(g: &GroupSummary) -> String {
    if g.key.is_empty() {
        "all".to_owned()
    } else {
        g.key.join(" · ")
    }
}

/// A group's label beside a chart row: long labels keep their end (the model, usually the
/// telling part) and show the whole label on hover and to screen readers.
fn axis_label(x: f64, y: f64, text: &str) -> String {
    const MAX: usize = 40;
    let count = text.chars().count();
    let shown = if count > MAX {
        let tail: String = text.chars().skip(count - (MAX - 1)).collect();
        format!("…{tail}")
    } else {
        text.to_owned()
    };
    format!(
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"end\"><title>{}</title>{}</text>",
        escape(text),
        escape(&shown)
    )
}

/// A number with its JSON place, shown as `shown`.
fn cell(field: &str, value: f64, shown: &str) -> String {
    format!(
        "<td data-field=\"{field}\" data-value=\"{value}\">{}</td>",
        escape(shown)
    )
}

fn count_cell(field: &str, value: u64) -> String {
    format!("<td data-field=\"{field}\" data-value=\"{value}\">{value}</td>")
}

fn empty_cell(field: &str) -> String {
    format!("<td data-field=\"{field}\">–</td>")
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

fn ms(v: f64) -> String {
    format!("{v:.0} ms")
}

fn usd(v: f64) -> String {
    format!("${v:.4}")
}

/// The groups on the cost–quality Pareto front: no other group is at most as dear and at least
/// as good, and strictly better in one. Groups without both numbers are never on it.
pub fn pareto_front(points: &[Option<(f64, f64)>]) -> Vec<bool> {
    points
        .iter()
        .map(|p| {
            let Some((cost, rate)) = *p else {
                return false;
            };
            !points
                .iter()
                .flatten()
                .any(|&(c, r)| c <= cost && r >= rate && (c < cost || r > rate))
        })
        .collect()
}

/// The pass rate of each group with its interval as an error bar.
fn pass_chart(out: &mut String, report: &Report) {
    let rows: Vec<_> = report
        .groups
        .iter()
        .filter_map(|g| g.pass.map(|p| (label(g), p)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let plot = WIDTH - LABEL - RIGHT;
    let height = ROW * rows.len() as f64 + 30.0;
    let summary = rows
        .iter()
        .map(|(l, p)| format!("{l}: {}", pct(p.rate)))
        .collect::<Vec<_>>()
        .join("; ");
    let _ = write!(
        out,
        "<figure><svg role=\"img\" aria-label=\"Pass rate by group with 95% intervals: {}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\">\
         <title>Pass rate by group with 95% intervals</title>",
        escape(&summary)
    );
    for tick in 0..=4 {
        let x = LABEL + plot * f64::from(tick) / 4.0;
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}%</text>",
            height - 20.0,
            height - 6.0,
            tick * 25
        );
    }
    for (i, (l, p)) in rows.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let w = plot * p.rate;
        out.push_str(&axis_label(LABEL - 6.0, y + 14.0, l));
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{}\"/>",
            ROW - 8.0
        );
        if p.low.is_finite() && p.high.is_finite() {
            let (x1, x2, cy) = (
                LABEL + plot * p.low,
                LABEL + plot * p.high,
                y + (ROW - 8.0) / 2.0,
            );
            let _ = write!(
                out,
                "<line class=\"whisker\" x1=\"{x1}\" y1=\"{cy}\" x2=\"{x2}\" y2=\"{cy}\"/>\
                 <line class=\"whisker\" x1=\"{x1}\" y1=\"{}\" x2=\"{x1}\" y2=\"{}\"/>\
                 <line class=\"whisker\" x1=\"{x2}\" y1=\"{}\" x2=\"{x2}\" y2=\"{}\"/>",
                cy - 5.0,
                cy + 5.0,
                cy - 5.0,
                cy + 5.0
            );
        }
    }
    out.push_str(
        "</svg><figcaption>Pass rate of calls without an error; whiskers are 95% Wilson \
         intervals. The table under “Groups” has every number.</figcaption></figure>",
    );
}

/// Latency p50, p90 and p99 of each group as three bars.
fn latency_chart(out: &mut String, report: &Report) {
    let rows: Vec<_> = report
        .groups
        .iter()
        .filter_map(|g| g.latency.map(|p| (label(g), p)))
        .collect();
    if rows.is_empty() {
        return;
    }
    let max = rows.iter().map(|(_, p)| p.p99).fold(0.0_f64, f64::max);
    let scale = if max > 0.0 { max } else { 1.0 };
    let plot = WIDTH - LABEL - RIGHT;
    let band = 3.0 * 10.0 + 8.0;
    let height = band * rows.len() as f64 + 30.0;
    let summary = rows
        .iter()
        .map(|(l, p)| {
            format!(
                "{l}: p50 {}, p90 {}, p99 {}",
                ms(p.p50),
                ms(p.p90),
                ms(p.p99)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let _ = write!(
        out,
        "<figure><svg role=\"img\" aria-label=\"Latency percentiles by group: {}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\">\
         <title>Latency p50, p90 and p99 by group (end to end, retries included)</title>",
        escape(&summary)
    );
    for tick in 0..=4 {
        let x = LABEL + plot * f64::from(tick) / 4.0;
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            height - 20.0,
            height - 6.0,
            ms(scale * f64::from(tick) / 4.0)
        );
    }
    for (i, (l, p)) in rows.iter().enumerate() {
        let y = band * i as f64 + 4.0;
        out.push_str(&axis_label(LABEL - 6.0, y + 19.0, l));
        for (j, (class, v)) in [("p50", p.p50), ("p90", p.p90), ("p99", p.p99)]
            .into_iter()
            .enumerate()
        {
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"9\"/>",
                y + 10.0 * j as f64,
                plot * v / scale
            );
        }
    }
    out.push_str(
        "</svg><figcaption>Bars per group, top to bottom: p50, p90, p99 of end-to-end latency. \
         Numbers in the table under “Groups”.</figcaption></figure>",
    );
}

/// Cost per 1,000 calls against pass rate, the Pareto front marked and joined.
fn scatter(out: &mut String, report: &Report) {
    let points: Vec<Option<(f64, f64)>> = report
        .groups
        .iter()
        .map(|g| g.cost_per_1k_calls.zip(g.pass.map(|p| p.rate)))
        .collect();
    if points.iter().flatten().next().is_none() {
        return;
    }
    let front = pareto_front(&points);
    let max_cost = points.iter().flatten().map(|p| p.0).fold(0.0_f64, f64::max);
    let scale = if max_cost > 0.0 { max_cost * 1.1 } else { 1.0 };
    let (left, top, width, height) = (60.0, 10.0, WIDTH - 60.0 - RIGHT, 260.0);
    let x_of = |c: f64| left + width * c / scale;
    let y_of = |r: f64| top + height * (1.0 - r);
    let _ = write!(
        out,
        "<figure><svg role=\"img\" aria-label=\"Cost per 1,000 calls against pass rate; the \
         groups on the Pareto front are marked in the table below\" viewBox=\"0 0 {WIDTH} {}\" \
         width=\"{WIDTH}\" height=\"{}\"><title>Cost against quality, Pareto front marked</title>",
        height + 50.0,
        height + 50.0
    );
    for tick in 0..=4 {
        let frac = f64::from(tick) / 4.0;
        let (x, y) = (left + width * frac, top + height * (1.0 - frac));
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}%</text>\
             <line class=\"grid\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            left + width,
            left - 4.0,
            y + 4.0,
            tick * 25,
            top + height,
            top + height + 16.0,
            usd(scale * frac)
        );
    }
    let mut on_front: Vec<(f64, f64)> = points
        .iter()
        .zip(&front)
        .filter_map(|(p, f)| p.filter(|_| *f))
        .collect();
    on_front.sort_by(|a, b| a.0.total_cmp(&b.0));
    if on_front.len() > 1 {
        let path = on_front
            .iter()
            .map(|&(c, r)| format!("{},{}", x_of(c), y_of(r)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(out, "<polyline class=\"front-line\" points=\"{path}\"/>");
    }
    for ((g, p), f) in report.groups.iter().zip(&points).zip(&front) {
        if let Some((c, r)) = p {
            let _ = write!(
                out,
                "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>{}: {} per 1,000 \
                 calls, {}</title></circle>",
                if *f { "front" } else { "point" },
                x_of(*c),
                y_of(*r),
                if *f { 6 } else { 4 },
                escape(&label(g)),
                usd(*c),
                pct(*r)
            );
        }
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">cost per 1,000 calls (USD)</text></svg>\
         <figcaption>Larger red points are on the Pareto front: no other group is cheaper and at \
         least as good.</figcaption><table><thead><tr><th>Group</th><th>Cost per 1,000 calls\
         </th><th>Pass rate</th><th>Pareto front</th></tr></thead><tbody>",
        left + width / 2.0,
        height + 46.0
    );
    for ((g, p), f) in report.groups.iter().zip(&points).zip(&front) {
        if let Some((c, r)) = p {
            let _ = write!(
                out,
                "<tr data-scatter=\"{}\" data-pareto=\"{f}\"><td>{}</td>{}{}<td>{}</td></tr>",
                escape(&label(g)),
                escape(&label(g)),
                cell("cost_per_1k_calls", *c, &usd(*c)),
                cell("pass.rate", *r, &pct(*r)),
                if *f { "yes" } else { "no" }
            );
        }
    }
    out.push_str("</tbody></table></figure>");
}

/// Each prompt's pass rate across its contents in the order they ran.
fn trend_charts(out: &mut String, report: &Report) {
    for t in report.trend.iter().filter(|t| !t.versions.is_empty()) {
        let (left, top, width, height) = (60.0, 10.0, WIDTH - 60.0 - RIGHT, 160.0);
        let n = t.versions.len();
        let x_of = |i: usize| {
            if n == 1 {
                left + width / 2.0
            } else {
                left + width * i as f64 / (n - 1) as f64
            }
        };
        let y_of = |r: f64| top + height * (1.0 - r);
        let summary = t
            .versions
            .iter()
            .map(|v| {
                format!(
                    "{}: {}",
                    v.version,
                    v.pass
                        .map_or_else(|| "no judged calls".to_owned(), |p| pct(p.rate))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = write!(
            out,
            "<h3>{}</h3><figure><svg role=\"img\" aria-label=\"Pass rate of {} across versions: \
             {}\" viewBox=\"0 0 {WIDTH} {}\" width=\"{WIDTH}\" height=\"{}\">\
             <title>Pass rate of {} across versions</title>",
            escape(&t.prompt),
            escape(&t.prompt),
            escape(&summary),
            height + 40.0,
            height + 40.0,
            escape(&t.prompt)
        );
        for tick in 0..=4 {
            let y = top + height * (1.0 - f64::from(tick) / 4.0);
            let _ = write!(
                out,
                "<line class=\"grid\" x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}%</text>",
                left + width,
                left - 4.0,
                y + 4.0,
                tick * 25
            );
        }
        let path = t
            .versions
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.pass.map(|p| format!("{},{}", x_of(i), y_of(p.rate))))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(out, "<polyline class=\"trend\" points=\"{path}\"/>");
        for (i, v) in t.versions.iter().enumerate() {
            if let Some(p) = v.pass {
                let _ = write!(
                    out,
                    "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"4\"/>",
                    x_of(i),
                    y_of(p.rate)
                );
            }
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x_of(i),
                height + 30.0,
                escape(&v.version)
            );
        }
        out.push_str(
            "</svg><table><thead><tr><th>Version</th><th>Content</th><th>Calls</th>\
             <th>Pass rate</th><th>Change from previous</th></tr></thead><tbody>",
        );
        for (i, v) in t.versions.iter().enumerate() {
            // `changes[i - 1]` compares this content with the one before it.
            let change = i
                .checked_sub(1)
                .and_then(|j| t.changes.get(j))
                .and_then(Option::as_ref);
            let _ = write!(
                out,
                "<tr data-trend=\"{}\" data-version=\"{}\"><td>{}</td><td><code>{}</code></td>{}{}",
                escape(&t.prompt),
                i,
                escape(&v.version),
                escape(v.content.get(..12).unwrap_or(&v.content)),
                count_cell("calls", v.calls),
                v.pass.map_or_else(
                    || empty_cell("pass_rate"),
                    |p| cell("pass_rate", p.rate, &pct(p.rate))
                )
            );
            match change {
                Some(c) => {
                    let _ = write!(
                        out,
                        "<td data-field=\"change.difference\" data-value=\"{}\">{:+.1} pp, p = {:.3}{}</td>",
                        c.difference,
                        c.difference * 100.0,
                        c.pvalue,
                        if c.significant { " (significant)" } else { "" }
                    );
                }
                None if i > 0 => out.push_str(&empty_cell("change.difference")),
                None => out.push_str("<td>–</td>"),
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></figure>");
    }
}

/// The groups table: every number of every group, with the runs its records came from.
fn groups_table(out: &mut String, report: &Report) {
    out.push_str(
        "<div class=\"wide\"><table><thead><tr><th>Group</th><th>Calls</th><th>Errors</th><th>Pass rate</th>\
        <th>Low</th><th>High</th><th>p50</th><th>p90</th><th>p99</th><th>Tokens in</th>\
        <th>Tokens out</th><th>Cost</th><th>Per 1,000 calls</th><th>Runs</th></tr></thead><tbody>",
    );
    for (i, g) in report.groups.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-group=\"{i}\" data-key=\"{}\"><td>{}</td>{}{}",
            escape(&label(g)),
            escape(&label(g)),
            count_cell("calls", g.calls),
            count_cell("errors", g.errors)
        );
        match g.pass {
            Some(p) => {
                out.push_str(&cell("pass.rate", p.rate, &pct(p.rate)));
                for (field, v) in [("pass.low", p.low), ("pass.high", p.high)] {
                    out.push_str(&if v.is_finite() {
                        cell(field, v, &pct(v))
                    } else {
                        empty_cell(field)
                    });
                }
            }
            None => {
                for field in ["pass.rate", "pass.low", "pass.high"] {
                    out.push_str(&empty_cell(field));
                }
            }
        }
        // `~`: estimated by the sketch, within its relative error (the note under the table).
        let mark = match g.latency {
            Some(l) if l.relative_error.is_some() => "~",
            _ => "",
        };
        for (field, v) in [
            ("latency_ms.p50", g.latency.map(|l| l.p50)),
            ("latency_ms.p90", g.latency.map(|l| l.p90)),
            ("latency_ms.p99", g.latency.map(|l| l.p99)),
        ] {
            out.push_str(&v.map_or_else(
                || empty_cell(field),
                |v| cell(field, v, &format!("{mark}{}", ms(v))),
            ));
        }
        out.push_str(&count_cell("tokens_in", g.tokens_in));
        out.push_str(&count_cell("tokens_out", g.tokens_out));
        for (field, v) in [
            ("cost_usd", g.cost_usd),
            ("cost_per_1k_calls", g.cost_per_1k_calls),
        ] {
            out.push_str(&v.map_or_else(|| empty_cell(field), |v| cell(field, v, &usd(v))));
        }
        out.push_str("<td class=\"runs\">");
        for (j, run) in g.runs.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "<code data-run=\"{0}\">{0}</code>", escape(run));
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    if let Some(error) = report
        .groups
        .iter()
        .find_map(|g| g.latency.and_then(|l| l.relative_error))
    {
        let _ = write!(
            out,
            "<p>~ marks a latency percentile estimated by a quantile sketch, within \
             {:.0}% of the true value; a group's percentiles are exact up to {} calls.</p>",
            error * 100.0,
            crate::report::quantiles::EXACT_LIMIT
        );
    }
}

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    page(report, "promptctl report", "")
}

/// What one arm of an experiment changes against the control: the prompt's semantic diff (front
/// matter by key, the body word by word), and the model and parameters when they differ.
#[derive(Debug, Clone)]
pub struct ArmDiff {
    /// The arm.
    pub arm: String,
    /// The control arm.
    pub control: String,
    /// The arm's prompt as the spec names it.
    pub prompt: String,
    /// The control's prompt as the spec names it.
    pub control_prompt: String,
    /// The arm's model and the control's, when they differ.
    pub model: Option<(String, String)>,
    /// The arm's parameters laid over the prompt's, and the control's, when they differ.
    pub params: Option<(String, String)>,
    /// The prompt diff (empty when both arms render the same file).
    pub diff: crate::prompt::diff::PromptDiff,
}

/// What each arm of `spec` changes against its control, the prompts read through `prompts` at
/// the versions the spec names. An arm whose prompt cannot be read is compared as an empty file.
pub fn diffs_against_control(
    spec: &crate::experiment::spec::Spec,
    prompts: &dyn crate::experiment::plan::PromptSource,
) -> Vec<ArmDiff> {
    let document = |variant: &crate::experiment::spec::Variant| {
        prompts
            .loader(&variant.prompt.name, variant.prompt.revision.as_deref())
            .ok()
            .and_then(|located| located.loader.load(&variant.prompt.name).ok().flatten())
            .and_then(|file| crate::prompt::PromptDocument::parse(&file.text).ok())
            .unwrap_or_else(crate::prompt::diff::empty_document)
    };
    let control = spec.control();
    let base = document(control);
    let model_of = |variant: &crate::experiment::spec::Variant,
                    doc: &crate::prompt::PromptDocument| {
        variant.model.clone().or_else(|| {
            doc.raw_front_matter
                .get("model")
                .map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_owned))
        })
    };
    let base_model = model_of(control, &base);
    spec.variants
        .iter()
        .filter(|v| v.id != control.id)
        .map(|variant| {
            let doc = document(variant);
            let model = model_of(variant, &doc);
            let show = |m: &Option<String>| m.clone().unwrap_or_else(|| "the default".to_owned());
            ArmDiff {
                arm: variant.id.clone(),
                control: control.id.clone(),
                prompt: variant.prompt.raw.clone(),
                control_prompt: control.prompt.raw.clone(),
                model: (model != base_model).then(|| (show(&model), show(&base_model))),
                params: (variant.params != control.params).then(|| {
                    (
                        serde_json::Value::Object(variant.params.clone()).to_string(),
                        serde_json::Value::Object(control.params.clone()).to_string(),
                    )
                }),
                diff: crate::prompt::diff::diff_documents(&base, &doc),
            }
        })
        .collect()
}

fn arm_diffs(out: &mut String, diffs: &[ArmDiff]) {
    use crate::prompt::diff::{FieldChangeKind, SpanTag};
    for d in diffs {
        let _ = write!(
            out,
            "<section data-arm=\"{0}\"><h3><code>{0}</code> against <code>{1}</code></h3>\
             <p class=\"muted\">Prompt <code>{2}</code> against <code>{3}</code>: {4}.</p><ul>",
            escape(&d.arm),
            escape(&d.control),
            escape(&d.prompt),
            escape(&d.control_prompt),
            escape(&d.diff.summary())
        );
        for (what, change) in [("model", &d.model), ("parameters", &d.params)] {
            if let Some((arm, control)) = change {
                let _ = write!(
                    out,
                    "<li>{what}: <del>{}</del> → <ins>{}</ins></li>",
                    escape(control),
                    escape(arm)
                );
            }
        }
        for field in &d.diff.fields {
            let text = |v: &serde_json::Value| escape(&v.to_string());
            let change = match &field.kind {
                FieldChangeKind::Added(v) => format!("added <ins>{}</ins>", text(v)),
                FieldChangeKind::Removed(v) => format!("removed <del>{}</del>", text(v)),
                FieldChangeKind::Changed { old, new } => {
                    format!("<del>{}</del> → <ins>{}</ins>", text(old), text(new))
                }
            };
            let _ = write!(
                out,
                "<li><code>{}</code>: {change}</li>",
                escape(&field.path)
            );
        }
        for sentence in &d.diff.breaking {
            let _ = write!(out, "<li>breaking: {}</li>", escape(sentence));
        }
        out.push_str("</ul>");
        if d.diff.body_changed() {
            out.push_str("<pre class=\"diff\">");
            for span in &d.diff.body {
                let text = escape(&span.text);
                match span.tag {
                    SpanTag::Equal => out.push_str(&text),
                    SpanTag::Insert => {
                        let _ = write!(out, "<ins>{text}</ins>");
                    }
                    SpanTag::Delete => {
                        let _ = write!(out, "<del>{text}</del>");
                    }
                }
            }
            out.push_str("</pre>");
        }
        out.push_str("</section>");
    }
}

/// An experiment's page (`ab analyze --html`): the report of its run by arm, and what each arm
/// changes against the control.
pub fn render_experiment(experiment: &str, report: &Report, diffs: &[ArmDiff]) -> String {
    let mut extra = String::from("<h2>What each arm changes</h2>");
    arm_diffs(&mut extra, diffs);
    page(
        report,
        &format!("promptctl ab analyze {experiment}"),
        &extra,
    )
}

fn page(report: &Report, title: &str, extra: &str) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let by = if report.by.is_empty() {
        "nothing".to_owned()
    } else {
        report
            .by
            .iter()
            .map(|d| d.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{3}</title><style>{STYLE}</style></head><body>\
         <h1>{3}</h1><p class=\"muted\"><span data-field=\"records\" \
         data-value=\"{0}\">{0}</span> records from <span data-field=\"files\" \
         data-value=\"{1}\">{1}</span> results files, grouped by {2}. A record is named by its \
         run id, case and repeat; the runs behind each group are listed in its row.</p>",
        report.records,
        report.files,
        escape(&by),
        escape(title)
    );
    out.push_str("<h2>Pass rates</h2>");
    pass_chart(&mut out, report);
    out.push_str("<h2>Latency</h2>");
    latency_chart(&mut out, report);
    out.push_str("<h2>Cost against quality</h2>");
    scatter(&mut out, report);
    out.push_str("<h2>Groups</h2>");
    groups_table(&mut out, report);
    if !report.trend.is_empty() {
        out.push_str("<h2>Trend across versions</h2>");
        trend_charts(&mut out, report);
    }
    out.push_str(extra);
    if report.damaged_total > 0 {
        let _ = write!(
            out,
            "<p><span data-field=\"damaged_total\" data-value=\"{0}\">{0}</span> damaged \
             line(s) were skipped.</p>",
            report.damaged_total
        );
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup_from_record_strings() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn the_pareto_front_holds_the_groups_no_other_is_cheaper_and_at_least_as_good_than() {
        let points = [
            Some((1.0, 0.6)),
            Some((2.0, 0.9)),
            Some((3.0, 0.8)),
            None,
            Some((1.0, 0.5)),
        ];
        assert_eq!(pareto_front(&points), vec![true, true, false, false, false]);
    }
}
