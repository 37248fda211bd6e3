//! Latency percentiles in bounded memory: exact while a group is small, a sketch after.
//!
//! A report over millions of calls cannot keep every latency (eight bytes a call, per group), so
//! each group keeps its first [`EXACT_LIMIT`] values exactly and, past that, folds them into a
//! `DDSketch` (Masson, Rim and Lee, VLDB 2019; the `sketches-ddsketch` crate). Groups the size of
//! a repository's own experiments therefore get exact percentiles (linear interpolation, as
//! NumPy computes them), and the example library's numbers can be recomputed to the last digit.
//!
//! Why `DDSketch` and not a t-digest or an HDR histogram: `DDSketch`'s error is *relative* and
//! *guaranteed* — every estimate is within [`RELATIVE_ERROR`] of the true order statistic, at
//! the tail as at the median, whatever the distribution — and two sketches merge without losing
//! that guarantee, which is what a report that adds files one by one (and could add them in
//! parallel) needs. A t-digest's error is empirical and grows in the middle of the distribution;
//! an HDR histogram needs integer values and a declared range up front. The crate is a small,
//! dependency-free port of Datadog's reference implementation, with a stable API.
//!
//! What the guarantee covers, exactly: for `q` in (0, 1) the sketch returns a value within
//! [`RELATIVE_ERROR`] of the order statistic at rank `⌊q·(n−1)⌋` (counting from 0), which is the
//! lower of the two values the exact, interpolated percentile lies between. p0 and p100 are the
//! exact minimum and maximum. A sketch of latencies holds one counter per 2% step of the range
//! (from 1 ms to 10 minutes about 670 counters, 5 KiB), whatever the number of calls.

use sketches_ddsketch::{Config, DDSketch};

use crate::stats::descriptive::quantile_sorted;

/// Values a group keeps exactly before it switches to a sketch (16 KiB of latencies).
pub const EXACT_LIMIT: usize = 2048;

/// The relative error of an estimated percentile (1%).
pub const RELATIVE_ERROR: f64 = 0.01;

/// The sketch's bin limit: at 1% error, 2,048 bins span a factor of about 10^17 between the
/// smallest and the largest value before the smallest bins are merged.
const MAX_BINS: u32 = 2048;

/// The smallest value told apart from zero.
const MIN_VALUE: f64 = 1e-9;

/// Values of one metric (latencies), exact up to [`EXACT_LIMIT`], sketched after.
#[derive(Clone, Default)]
pub struct Quantiles {
    exact: Vec<f64>,
    /// Boxed: a sketch is a few hundred bytes, made once a group is large, and accumulators
    /// (two of these each) are moved whole when the lists holding them grow and merge.
    sketch: Option<Box<DDSketch>>,
}

impl std::fmt::Debug for Quantiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quantiles")
            .field("exact", &self.exact.len())
            .field("sketched", &self.sketch.as_ref().map_or(0, |s| s.count()))
            .finish()
    }
}

fn new_sketch() -> DDSketch {
    DDSketch::new(Config::new(RELATIVE_ERROR, MAX_BINS, MIN_VALUE))
}

/// Percentiles in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// Calls measured.
    pub n: u64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// `None`: exact (linear interpolation, NumPy's default). `Some(e)`: estimated by the sketch,
    /// each value within `e` (relative) of the order statistic at rank `⌊q·(n−1)⌋`.
    pub relative_error: Option<f64>,
}

impl Quantiles {
    /// Adds a value (non-finite values are the caller's to skip).
    pub fn add(&mut self, value: f64) {
        if let Some(sketch) = &mut self.sketch {
            sketch.add(value);
        } else {
            self.exact.push(value);
            if self.exact.len() > EXACT_LIMIT {
                self.spill();
            }
        }
    }

    /// Moves the exact values into a sketch and frees them.
    fn spill(&mut self) {
        let sketch = self.sketch.get_or_insert_with(|| Box::new(new_sketch()));
        for v in self.exact.drain(..) {
            sketch.add(v);
        }
        self.exact = Vec::new();
    }

    /// Values added.
    pub fn len(&self) -> u64 {
        self.exact.len() as u64 + self.sketch.as_ref().map_or(0, |s| s.count() as u64)
    }

    /// Whether no value was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the percentiles will be estimates.
    pub fn is_sketched(&self) -> bool {
        self.sketch.is_some()
    }

    /// Adds every value of `other`.
    pub fn merge(&mut self, other: Quantiles) {
        if let Some(theirs) = &other.sketch {
            self.spill();
            if let Some(mine) = &mut self.sketch {
                // Both sketches come from `new_sketch`: the configs match, so this cannot fail.
                let _ = mine.merge(theirs);
            }
        }
        if self.sketch.is_none() && self.exact.len() + other.exact.len() <= EXACT_LIMIT {
            // Every value stays exact: the same values in the same order as adding them one by
            // one, without a check per value (or, into an empty one, without a copy).
            if self.exact.is_empty() {
                self.exact = other.exact;
            } else {
                self.exact.extend_from_slice(&other.exact);
            }
            return;
        }
        for v in other.exact {
            self.add(v);
        }
    }

    /// The p50, p90 and p99 of the values, or `None` when there are none.
    pub fn percentiles(mut self) -> Option<Percentiles> {
        if let Some(sketch) = &self.sketch {
            let at = |q: f64| sketch.quantile(q).ok().flatten().unwrap_or(f64::NAN);
            return Some(Percentiles {
                n: sketch.count() as u64,
                p50: at(0.5),
                p90: at(0.9),
                p99: at(0.99),
                relative_error: Some(RELATIVE_ERROR),
            });
        }
        if self.exact.is_empty() {
            return None;
        }
        self.exact.sort_unstable_by(f64::total_cmp);
        let values = &self.exact;
        Some(Percentiles {
            n: values.len() as u64,
            p50: quantile_sorted(values, 0.5),
            p90: quantile_sorted(values, 0.9),
            p99: quantile_sorted(values, 0.99),
            relative_error: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic latency-like sample: log-normal through a fixed xorshift generator and
    /// the Box–Muller transform (no wall clock, no thread RNG).
    fn log_normal_sample(n: usize, mu: f64, sigma: f64, seed: u64) -> Vec<f64> {
        let mut state = seed;
        let mut uniform = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            #[allow(clippy::cast_precision_loss)]
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            u.max(f64::MIN_POSITIVE)
        };
        (0..n)
            .map(|_| {
                let (u1, u2) = (uniform(), uniform());
                let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
                (mu + sigma * z).exp()
            })
            .collect()
    }

    /// The order statistic the sketch's guarantee is stated against.
    fn order_statistic(sorted: &[f64], q: f64) -> f64 {
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let rank = (q * (sorted.len() - 1) as f64).floor() as usize;
        sorted[rank]
    }

    fn assert_within_declared_error(values: &[f64], estimated: Percentiles) {
        let mut sorted = values.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        assert_eq!(estimated.n, values.len() as u64);
        assert_eq!(estimated.relative_error, Some(RELATIVE_ERROR));
        for (q, got) in [
            (0.5, estimated.p50),
            (0.9, estimated.p90),
            (0.99, estimated.p99),
        ] {
            let want = order_statistic(&sorted, q);
            let error = (got - want).abs() / want;
            // The guarantee, plus the rounding of `exp`/`ln` in the bin boundaries.
            assert!(
                error <= RELATIVE_ERROR + 1e-12,
                "p{q}: estimated {got}, exact {want}, relative error {error}"
            );
        }
    }

    #[test]
    fn small_groups_get_exact_interpolated_percentiles() {
        let mut q = Quantiles::default();
        for v in [4.0, 1.0, 3.0, 2.0] {
            q.add(v);
        }
        let p = q.percentiles().expect("values");
        assert_eq!(p.relative_error, None);
        assert!((p.p50 - 2.5).abs() < 1e-12);
        assert!((p.p90 - 3.7).abs() < 1e-12);
    }

    #[test]
    fn sketched_percentiles_stay_within_the_declared_relative_error_of_the_exact_ones() {
        for (mu, sigma, seed) in [(6.5, 0.5, 7), (3.0, 1.5, 11), (9.0, 0.05, 13)] {
            let values = log_normal_sample(200_000, mu, sigma, seed);
            let mut q = Quantiles::default();
            for v in &values {
                q.add(*v);
            }
            assert!(q.is_sketched());
            assert_within_declared_error(&values, q.percentiles().expect("values"));
        }
    }

    #[test]
    fn merged_sketches_keep_the_guarantee_over_the_union() {
        let values = log_normal_sample(60_000, 5.0, 1.0, 3);
        let mut parts: Vec<Quantiles> = Vec::new();
        // Uneven parts: one past the exact limit, one below it, one far past it.
        for chunk in [&values[..5_000], &values[5_000..5_100], &values[5_100..]] {
            let mut q = Quantiles::default();
            for v in chunk {
                q.add(*v);
            }
            parts.push(q);
        }
        let mut merged = Quantiles::default();
        for part in parts {
            merged.merge(part);
        }
        assert_within_declared_error(&values, merged.percentiles().expect("values"));
    }

    #[test]
    fn a_group_switches_to_the_sketch_past_the_exact_limit_and_frees_its_values() {
        let mut q = Quantiles::default();
        for i in 0..EXACT_LIMIT {
            q.add(1.0 + f64::from(u32::try_from(i).expect("small")));
        }
        assert!(!q.is_sketched());
        q.add(1.0);
        assert!(q.is_sketched());
        assert_eq!(q.exact.capacity(), 0);
        assert_eq!(q.len(), EXACT_LIMIT as u64 + 1);
    }
}
