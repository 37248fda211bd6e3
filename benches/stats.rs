//! Timing of the statistics engine's core routines (run by hand: `cargo bench --bench stats`).
//!
//! The headline figure is the paired analysis of an experiment with 1,000,000 cases, three
//! variants and three metrics: for each of the 9 variant × metric series, a paired t-test and a
//! Wilcoxon signed-rank test against the control, then a Holm correction over the p-values.
//! Other lines time the routines whose cost grows with their input (Fisher on a large table,
//! exact rank distributions, bootstrap). Not a test: nothing here asserts on time.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use promptctl::stats::bootstrap::{self, BootstrapOptions, Rng, Statistic};
use promptctl::stats::corrections::{Correction, adjust};
use promptctl::stats::proportions::{McNemarMethod, fisher_exact, mcnemar};
use promptctl::stats::rank::{RankMethod, ZeroMethod, mann_whitney, wilcoxon};
use promptctl::stats::ttest::paired;
use promptctl::stats::{Alternative, sequential};

const CASES: usize = 1_000_000;

fn uniform(rng: &mut Rng) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let u = (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64;
    u
}

/// A series of one metric for one variant: scores in steps of 0.05 (heavy ties), latencies
/// (continuous, skewed) or token counts (integers).
fn series(rng: &mut Rng, metric: usize, shift: f64) -> Vec<f64> {
    (0..CASES)
        .map(|_| {
            let u = uniform(rng);
            match metric {
                0 => ((u * 0.8 + 0.1 + shift) * 20.0).round() / 20.0,
                1 => 400.0 * (-(1.0 - u).ln()) + 200.0 + 1000.0 * shift,
                _ => (300.0 + 200.0 * u + 100.0 * shift).round(),
            }
        })
        .collect()
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = black_box(f());
    let elapsed = start.elapsed();
    println!("{label:<58} {:>10.1} ms", elapsed.as_secs_f64() * 1e3);
    (value, elapsed)
}

fn main() {
    let mut rng = Rng::seeded(2026);
    println!("generating 1,000,000 cases x 3 variants x 3 metrics ...");
    let data: Vec<Vec<Vec<f64>>> = (0..3)
        .map(|variant| {
            (0..3)
                .map(|metric| series(&mut rng, metric, 0.01 * f64::from(variant)))
                .collect()
        })
        .collect();

    println!(
        "\npaired analysis, {CASES} cases (variants B and C against A, plus A against itself):"
    );
    let start = Instant::now();
    let mut pvalues = Vec::new();
    for (variant, series) in data.iter().enumerate() {
        for (metric, (treatment, control)) in series.iter().zip(&data[0]).enumerate() {
            let (t, _) = time(
                &format!("  paired t-test      variant {variant} metric {metric}"),
                || paired(treatment, control, 0.95, Alternative::TwoSided).expect("valid data"),
            );
            let (w, _) = time(
                &format!("  Wilcoxon (asympt.) variant {variant} metric {metric}"),
                || {
                    wilcoxon(
                        treatment,
                        control,
                        ZeroMethod::Wilcox,
                        RankMethod::Asymptotic { correction: true },
                        Alternative::TwoSided,
                    )
                    .expect("valid data")
                },
            );
            pvalues.push(t.pvalue);
            pvalues.push(w.pvalue);
        }
    }
    let _ = time("  Holm over 18 p-values", || {
        adjust(&pvalues, 0.05, Correction::Holm)
    });
    let total = start.elapsed();
    println!(
        "{:<58} {:>10.1} ms",
        "  TOTAL paired analysis (9 series x 2 tests + Holm)",
        total.as_secs_f64() * 1e3
    );

    println!("\nother routines:");
    let pass_a: Vec<bool> = data[0][0].iter().map(|s| *s >= 0.5).collect();
    let pass_b: Vec<bool> = data[1][0].iter().map(|s| *s >= 0.5).collect();
    let _ = time(
        "  McNemar from 1M paired pass/fail (count + exact test)",
        || {
            let (mut b, mut c) = (0, 0);
            for (x, y) in pass_a.iter().zip(&pass_b) {
                match (x, y) {
                    (true, false) => b += 1,
                    (false, true) => c += 1,
                    _ => {}
                }
            }
            mcnemar(b, c, McNemarMethod::Exact)
        },
    );
    let _ = time("  Fisher exact, two-sided, table of 1,000,000", || {
        fisher_exact(
            &[[250_300, 249_700], [249_100, 250_900]],
            Alternative::TwoSided,
        )
    });
    let _ = time("  mSPRT trajectory, 1M differences, 100 looks", || {
        let d: Vec<f64> = data[1][0]
            .iter()
            .zip(&data[0][0])
            .map(|(a, b)| a - b)
            .collect();
        let looks: Vec<usize> = (1..=100).map(|k| k * 10_000).collect();
        sequential::msprt_trajectory(&d, &looks, 0.0025, 0.05)
    });
    let small_a = &data[0][1][..100];
    let small_b = &data[1][1][..100];
    let _ = time("  Mann-Whitney exact, 100 x 100", || {
        mann_whitney(small_a, small_b, RankMethod::Exact, Alternative::TwoSided)
    });
    let _ = time("  Wilcoxon exact, 1000 pairs", || {
        wilcoxon(
            &data[0][1][..1000],
            &data[1][1][..1000],
            ZeroMethod::Wilcox,
            RankMethod::Exact,
            Alternative::TwoSided,
        )
    });
    let options = BootstrapOptions {
        resamples: 2000,
        alpha: 0.05,
        seed: 1,
    };
    let _ = time(
        "  bootstrap p95 difference, 10,000 per arm, 2000 resamples",
        || {
            bootstrap::difference(
                &data[0][1][..10_000],
                &data[1][1][..10_000],
                Statistic::Quantile(0.95),
                &options,
            )
        },
    );
}
