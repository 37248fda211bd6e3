//! The questions a report answers across groups: did a prompt's new content change its pass
//! rate, do providers and models differ on the same prompt, and is a cheaper model good enough.
//!
//! Every comparison is paired when the two sides ran the same cases (case id and repeat): then
//! McNemar's test and the paired Newcombe interval; otherwise the two-proportion z-test and
//! Newcombe's interval. Provider and model comparisons are Holm-corrected together. Cost advice
//! is a non-inferiority test with a declared margin ([`crate::stats::noninferiority`]): "no
//! significant difference" is never read as "equal".

use std::collections::BTreeMap;

use crate::report::aggregate::{Accumulator, Rate};
use crate::stats::corrections::{Correction, adjust};
use crate::stats::intervals::{self, DifferenceMethod, ProportionMethod};
use crate::stats::noninferiority::{self, NonInferiority};
use crate::stats::proportions::{McNemarMethod, mcnemar, two_proportion_ztest};
use crate::stats::{Alternative, NotTestable};

/// How two sides were compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// The same cases on both sides: McNemar and the paired interval, over this many cases.
    Paired {
        /// Cases both sides ran.
        pairs: u64,
    },
    /// Different cases: the two-proportion z-test and Newcombe's interval.
    Independent,
}

/// The change of pass rate from side A to side B (`B - A`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// The design.
    pub design: Design,
    /// `p_B - p_A` (on the paired cases when paired).
    pub difference: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
    /// Two-sided p-value.
    pub pvalue: f64,
    /// Why the data cannot be tested, when it cannot (`pvalue` is then 1 or NaN).
    pub not_testable: Option<&'static str>,
    /// Whether `pvalue < alpha` (after correction, for comparisons).
    pub significant: bool,
}

/// One content of a prompt, as the trend shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionPoint {
    /// The version as records name it (`v3`, a commit, `worktree`).
    pub version: String,
    /// The content id of the prompt file (what tells two `worktree` versions apart).
    pub content: String,
    /// Records.
    pub calls: u64,
    /// Pass rate with its Wilson interval.
    pub pass: Option<Rate>,
    /// First start, Unix seconds.
    pub first_started: Option<i64>,
}

/// A prompt's contents in the order they first ran, and each change from the one before.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptTrend {
    /// The prompt.
    pub prompt: String,
    /// Its contents, oldest first.
    pub versions: Vec<VersionPoint>,
    /// `changes[i]` compares `versions[i + 1]` with `versions[i]` (None: a side has no judged call).
    pub changes: Vec<Option<Change>>,
}

/// Two provider/model pairs on the same prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The prompt.
    pub prompt: String,
    /// Side A: provider and model.
    pub a: (String, String),
    /// Side B: provider and model.
    pub b: (String, String),
    /// A's pass rate.
    pub rate_a: f64,
    /// B's pass rate.
    pub rate_b: f64,
    /// The change from A to B; `significant` is judged on the Holm-adjusted p-value.
    pub change: Change,
    /// Holm-adjusted p-value across every comparison of the report.
    pub adjusted_pvalue: f64,
}

/// Whether a cheaper model is non-inferior to a dearer one on the same prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct CostAdvice {
    /// The prompt.
    pub prompt: String,
    /// The cheaper provider and model.
    pub cheaper: (String, String),
    /// The dearer provider and model.
    pub dearer: (String, String),
    /// Mean cost of a call, cheaper side.
    pub cost_cheaper: f64,
    /// Mean cost of a call, dearer side.
    pub cost_dearer: f64,
    /// `1 - cost_cheaper / cost_dearer`.
    pub saving: f64,
    /// The declared margin, as a fraction (0.02 = 2 percentage points).
    pub margin: f64,
    /// The test of cheaper against dearer.
    pub test: NonInferiority,
    /// The confidence of the one-sided bound (0.95 for alpha 0.05).
    pub confidence: f64,
    /// How the sides were compared, and over how many calls or cases.
    pub design: Design,
    /// Judged calls (or paired cases) on each side: cheaper, dearer.
    pub n: (u64, u64),
}

/// Paired cell counts `(both, b_only, a_only, neither)` over the cases both sides ran, or
/// `None` when the sides share no case or a shared case ran more than once on a side (two arms
/// of the same model, repeated runs): then the samples are not pairs, and the comparison is
/// independent.
fn paired_cells(a: &Accumulator, b: &Accumulator) -> Option<(u64, u64, u64, u64)> {
    let mut cells = (0, 0, 0, 0);
    for (key, outcome_a) in &a.cases {
        let Some(outcome_b) = b.cases.get(key) else {
            continue;
        };
        if outcome_a.samples != 1 || outcome_b.samples != 1 {
            return None;
        }
        match (outcome_a.passes == 1, outcome_b.passes == 1) {
            (true, true) => cells.0 += 1,
            (false, true) => cells.1 += 1,
            (true, false) => cells.2 += 1,
            (false, false) => cells.3 += 1,
        }
    }
    (cells.0 + cells.1 + cells.2 + cells.3 > 0).then_some(cells)
}

/// The change from A to B, or None when a side has no judged call.
fn change(a: &Accumulator, b: &Accumulator, alpha: f64) -> Option<Change> {
    if let Some((both, b_only, a_only, neither)) = paired_cells(a, b) {
        let pairs = both + b_only + a_only + neither;
        let test = mcnemar(a_only, b_only, McNemarMethod::auto(a_only, b_only));
        let interval =
            intervals::paired_proportion_difference(both, b_only, a_only, neither, alpha).ok()?;
        return Some(Change {
            design: Design::Paired { pairs },
            difference: interval.estimate,
            low: interval.low,
            high: interval.high,
            pvalue: test.outcome.pvalue,
            not_testable: test.outcome.not_testable.map(NotTestable::reason),
            significant: test.outcome.not_testable.is_none() && test.outcome.pvalue < alpha,
        });
    }
    let (pass_a, n_a) = a.pass_counts();
    let (pass_b, n_b) = b.pass_counts();
    if n_a == 0 || n_b == 0 {
        return None;
    }
    let test = two_proportion_ztest(pass_b, n_b, pass_a, n_a, Alternative::TwoSided);
    let interval = intervals::proportion_difference(
        pass_b,
        n_b,
        pass_a,
        n_a,
        alpha,
        DifferenceMethod::Newcombe,
    )
    .ok()?;
    Some(Change {
        design: Design::Independent,
        difference: interval.estimate,
        low: interval.low,
        high: interval.high,
        pvalue: if test.not_testable.is_some() {
            1.0
        } else {
            test.pvalue
        },
        not_testable: test.not_testable.map(NotTestable::reason),
        significant: test.not_testable.is_none() && test.pvalue < alpha,
    })
}

fn rate(acc: &Accumulator, alpha: f64) -> Option<Rate> {
    let (passes, n) = acc.pass_counts();
    let wilson = intervals::proportion(passes, n, alpha, ProportionMethod::Wilson).ok()?;
    Some(Rate {
        passes,
        n,
        rate: wilson.estimate,
        low: wilson.low,
        high: wilson.high,
    })
}

/// The trend of every prompt across its contents, keyed by (prompt, content) with the version
/// label first seen for that content.
pub fn trend(
    versions: &BTreeMap<(String, String), (String, Accumulator)>,
    alpha: f64,
) -> Vec<PromptTrend> {
    let mut by_prompt: BTreeMap<&str, Vec<(&str, &str, &Accumulator)>> = BTreeMap::new();
    for ((prompt, content), (version, acc)) in versions {
        by_prompt
            .entry(prompt)
            .or_default()
            .push((content, version, acc));
    }
    by_prompt
        .into_iter()
        .map(|(prompt, mut contents)| {
            contents.sort_by_key(|(content, _, acc)| (acc.first_started(), content.to_owned()));
            let points = contents
                .iter()
                .map(|(content, version, acc)| VersionPoint {
                    version: (*version).to_owned(),
                    content: (*content).to_owned(),
                    calls: acc.calls(),
                    pass: rate(acc, alpha),
                    first_started: acc.first_started(),
                })
                .collect();
            let changes = contents
                .windows(2)
                .map(|w| change(w[0].2, w[1].2, alpha))
                .collect();
            PromptTrend {
                prompt: prompt.to_owned(),
                versions: points,
                changes,
            }
        })
        .collect()
}

/// Every pair of provider/model on the same prompt, Holm-corrected together.
pub fn comparisons(
    models: &BTreeMap<(String, String, String), Accumulator>,
    alpha: f64,
) -> Vec<Comparison> {
    let mut out = Vec::new();
    let entries: Vec<_> = models.iter().collect();
    for (i, ((prompt, pa, ma), a)) in entries.iter().enumerate() {
        for ((prompt_b, pb, mb), b) in &entries[i + 1..] {
            if prompt_b != prompt {
                continue;
            }
            let (Some(c), Some(ra), Some(rb)) =
                (change(a, b, alpha), rate(a, alpha), rate(b, alpha))
            else {
                continue;
            };
            out.push(Comparison {
                prompt: prompt.clone(),
                a: (pa.clone(), ma.clone()),
                b: (pb.clone(), mb.clone()),
                rate_a: ra.rate,
                rate_b: rb.rate,
                change: c,
                adjusted_pvalue: c.pvalue,
            });
        }
    }
    let pvalues: Vec<f64> = out
        .iter()
        .map(|c| {
            if c.change.pvalue.is_finite() {
                c.change.pvalue.clamp(0.0, 1.0)
            } else {
                1.0
            }
        })
        .collect();
    if let Ok(adjusted) = adjust(&pvalues, alpha, Correction::Holm) {
        for (c, (p, reject)) in out
            .iter_mut()
            .zip(adjusted.pvalues.into_iter().zip(adjusted.reject))
        {
            c.adjusted_pvalue = p;
            c.change.significant = reject && c.change.not_testable.is_none();
        }
    }
    out
}

/// For every pair of provider/model on the same prompt whose mean costs differ: is the cheaper
/// one non-inferior on pass rate by `margin`, one-sided at `1 - alpha`?
pub fn cost_advice(
    models: &BTreeMap<(String, String, String), Accumulator>,
    margin: f64,
    alpha: f64,
) -> Vec<CostAdvice> {
    let mut out = Vec::new();
    let entries: Vec<_> = models.iter().collect();
    for (i, ((prompt, p1, m1), x)) in entries.iter().enumerate() {
        for ((prompt_b, p2, m2), y) in &entries[i + 1..] {
            if prompt_b != prompt {
                continue;
            }
            let (Some(cx), Some(cy)) = (x.cost_per_call(), y.cost_per_call()) else {
                continue;
            };
            if cx.total_cmp(&cy).is_eq() || cx.min(cy) < 0.0 {
                continue;
            }
            let ((cheap, cheap_id, cheap_cost), (dear, dear_id, dear_cost)) = if cx < cy {
                ((x, (p1, m1), cx), (y, (p2, m2), cy))
            } else {
                ((y, (p2, m2), cy), (x, (p1, m1), cx))
            };
            let (test, design, n) = if let Some((both, cheap_only, dear_only, neither)) =
                paired_cells(dear, cheap)
            {
                let pairs = both + cheap_only + dear_only + neither;
                let Ok(t) = noninferiority::paired_proportions(
                    both, cheap_only, dear_only, neither, margin, alpha,
                ) else {
                    continue;
                };
                (t, Design::Paired { pairs }, (pairs, pairs))
            } else {
                let (pc, nc) = cheap.pass_counts();
                let (pd, nd) = dear.pass_counts();
                if nc == 0 || nd == 0 {
                    continue;
                }
                let Ok(t) = noninferiority::two_proportions(pc, nc, pd, nd, margin, alpha) else {
                    continue;
                };
                (t, Design::Independent, (nc, nd))
            };
            out.push(CostAdvice {
                prompt: prompt.clone(),
                cheaper: (cheap_id.0.clone(), cheap_id.1.clone()),
                dearer: (dear_id.0.clone(), dear_id.1.clone()),
                cost_cheaper: cheap_cost,
                cost_dearer: dear_cost,
                saving: if dear_cost > 0.0 {
                    1.0 - cheap_cost / dear_cost
                } else {
                    0.0
                },
                margin,
                test,
                confidence: 1.0 - alpha,
                design,
                n,
            });
        }
    }
    out
}
