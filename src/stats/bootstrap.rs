//! Seeded percentile bootstrap for statistics without a closed-form interval: the median and
//! the 95th-percentile latency, and their differences between variants.
//!
//! The random numbers come from [`Rng`], a xoshiro256** generator seeded through splitmix64.
//! The caller supplies the seed (it is stored with the results), so every interval can be
//! reproduced bit for bit.

use crate::stats::descriptive::quantile_sorted;
use crate::stats::intervals::Interval;
use crate::stats::{Error, check_alpha, check_paired, check_sample};

/// A small, fast, seedable generator (xoshiro256**, Blackman and Vigna 2018).
#[derive(Debug, Clone)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    /// A generator whose whole state is derived from `seed` by splitmix64.
    pub fn seeded(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            state: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform index in `0..n` (Lemire's multiply-shift; the bias is below 2^-32 for the
    /// sample sizes we resample).
    pub fn index(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * (n as u128);
        #[allow(clippy::cast_possible_truncation)]
        let index = (wide >> 64) as usize;
        index
    }
}

/// The statistic to bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// The median.
    Median,
    /// A quantile in [0, 1], e.g. 0.95 for p95 latency.
    Quantile(f64),
    /// The mean.
    Mean,
}

impl Statistic {
    fn of(self, values: &[f64], scratch: &mut Vec<f64>) -> f64 {
        let q = match self {
            Statistic::Mean => return crate::stats::descriptive::mean(values),
            Statistic::Median => 0.5,
            Statistic::Quantile(q) => q,
        };
        scratch.clear();
        scratch.extend_from_slice(values);
        selected_quantile(scratch, q)
    }
}

/// The `q`-quantile of `values` (linear interpolation, as [`quantile_sorted`]) by selection
/// in linear time; reorders `values`.
fn selected_quantile(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    let position = q.clamp(0.0, 1.0) * crate::stats::len_f64(n - 1);
    let lower = position.floor();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = (lower as usize).min(n - 1);
    let (_, &mut lo, rest) = values.select_nth_unstable_by(index, f64::total_cmp);
    let fraction = position - lower;
    if fraction == 0.0 || rest.is_empty() {
        return lo;
    }
    let hi = rest.iter().copied().fold(f64::INFINITY, f64::min);
    lo + (hi - lo) * fraction
}

/// Options of a bootstrap run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapOptions {
    /// Number of resamples (e.g. 2000).
    pub resamples: usize,
    /// `1 - confidence`.
    pub alpha: f64,
    /// The seed.
    pub seed: u64,
}

fn check_options(options: &BootstrapOptions) -> Result<(), Error> {
    check_alpha(options.alpha)?;
    if options.resamples < 100 {
        return Err(Error::TooFew {
            what: "bootstrap resamples",
            needed: 100,
            got: options.resamples,
        });
    }
    Ok(())
}

fn check_statistic(statistic: Statistic) -> Result<(), Error> {
    if let Statistic::Quantile(q) = statistic
        && !(0.0..=1.0).contains(&q)
    {
        return Err(Error::InvalidParameter {
            name: "quantile",
            value: q,
            expected: "in [0, 1]",
        });
    }
    Ok(())
}

fn percentile_interval(estimate: f64, mut draws: Vec<f64>, alpha: f64) -> Interval {
    draws.sort_by(f64::total_cmp);
    Interval {
        estimate,
        low: quantile_sorted(&draws, alpha / 2.0),
        high: quantile_sorted(&draws, 1.0 - alpha / 2.0),
    }
}

/// Percentile bootstrap interval for a statistic of one sample.
pub fn one_sample(
    values: &[f64],
    statistic: Statistic,
    options: &BootstrapOptions,
) -> Result<Interval, Error> {
    check_sample("sample", values)?;
    check_options(options)?;
    check_statistic(statistic)?;
    let mut rng = Rng::seeded(options.seed);
    let mut scratch = Vec::with_capacity(values.len());
    let mut resample = vec![0.0; values.len()];
    let estimate = statistic.of(values, &mut scratch);
    let draws = (0..options.resamples)
        .map(|_| {
            for slot in &mut resample {
                *slot = values[rng.index(values.len())];
            }
            statistic.of(&resample, &mut scratch)
        })
        .collect();
    Ok(percentile_interval(estimate, draws, options.alpha))
}

/// Percentile bootstrap interval for `stat(b) - stat(a)` of independent samples (each arm is
/// resampled on its own).
pub fn difference(
    a: &[f64],
    b: &[f64],
    statistic: Statistic,
    options: &BootstrapOptions,
) -> Result<Interval, Error> {
    check_sample("first sample", a)?;
    check_sample("second sample", b)?;
    check_options(options)?;
    check_statistic(statistic)?;
    let mut rng = Rng::seeded(options.seed);
    let mut scratch = Vec::new();
    let estimate = statistic.of(b, &mut scratch) - statistic.of(a, &mut scratch);
    let mut ra = vec![0.0; a.len()];
    let mut rb = vec![0.0; b.len()];
    let draws = (0..options.resamples)
        .map(|_| {
            for slot in &mut ra {
                *slot = a[rng.index(a.len())];
            }
            for slot in &mut rb {
                *slot = b[rng.index(b.len())];
            }
            statistic.of(&rb, &mut scratch) - statistic.of(&ra, &mut scratch)
        })
        .collect();
    Ok(percentile_interval(estimate, draws, options.alpha))
}

/// Percentile bootstrap interval for `stat(b) - stat(a)` of paired samples: whole cases are
/// resampled, so the pairing is kept.
pub fn paired_difference(
    a: &[f64],
    b: &[f64],
    statistic: Statistic,
    options: &BootstrapOptions,
) -> Result<Interval, Error> {
    check_paired(a, b)?;
    check_options(options)?;
    check_statistic(statistic)?;
    let mut rng = Rng::seeded(options.seed);
    let mut scratch = Vec::new();
    let estimate = statistic.of(b, &mut scratch) - statistic.of(a, &mut scratch);
    let n = a.len();
    let mut ra = vec![0.0; n];
    let mut rb = vec![0.0; n];
    let draws = (0..options.resamples)
        .map(|_| {
            for (slot_a, slot_b) in ra.iter_mut().zip(rb.iter_mut()) {
                let i = rng.index(n);
                *slot_a = a[i];
                *slot_b = b[i];
            }
            statistic.of(&rb, &mut scratch) - statistic.of(&ra, &mut scratch)
        })
        .collect();
    Ok(percentile_interval(estimate, draws, options.alpha))
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn options(seed: u64) -> BootstrapOptions {
        BootstrapOptions {
            resamples: 500,
            alpha: 0.05,
            seed,
        }
    }

    #[test]
    fn same_seed_same_interval() {
        let a: Vec<f64> = (0..50).map(|i| f64::from(i % 7) * 10.0).collect();
        let b: Vec<f64> = (0..50).map(|i| f64::from(i % 5) * 12.0).collect();
        let x = difference(&a, &b, Statistic::Quantile(0.95), &options(7)).unwrap();
        let y = difference(&a, &b, Statistic::Quantile(0.95), &options(7)).unwrap();
        assert_eq!(x, y);
        assert!(x.low <= x.high);
    }

    #[test]
    fn selection_matches_sorting() {
        let values: Vec<f64> = (0..101).map(|i| f64::from((i * 37) % 101) * 1.5).collect();
        for q in [0.0, 0.05, 0.5, 0.95, 0.999, 1.0] {
            let mut scratch = values.clone();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            assert_eq!(
                selected_quantile(&mut scratch, q),
                quantile_sorted(&sorted, q),
                "{q}"
            );
        }
    }

    #[test]
    fn index_stays_in_range() {
        let mut rng = Rng::seeded(1);
        assert!((0..10_000).all(|_| rng.index(3) < 3));
    }

    #[test]
    fn rejects_too_few_resamples_and_bad_quantiles() {
        let bad = BootstrapOptions {
            resamples: 10,
            ..options(1)
        };
        assert!(one_sample(&[1.0, 2.0], Statistic::Median, &bad).is_err());
        assert!(one_sample(&[1.0, 2.0], Statistic::Quantile(1.5), &options(1)).is_err());
    }
}
