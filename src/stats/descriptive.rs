//! Sums, means, variances and quantiles, computed the way NumPy computes them.
//!
//! The sum is NumPy's pairwise summation (blocks of 128 with eight accumulators), so its error
//! grows with `log n` rather than `n`, and results agree with the reference to the last bits
//! even for a million values.

use crate::stats::len_f64;

const BLOCK: usize = 128;

/// Sum of `values` by pairwise summation.
pub fn sum(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 8 {
        let mut total = 0.0;
        for v in values {
            total += v;
        }
        total
    } else if n <= BLOCK {
        let mut r = [0.0; 8];
        r.copy_from_slice(&values[..8]);
        let whole = n - n % 8;
        let mut i = 8;
        while i < whole {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += values[i + j];
            }
            i += 8;
        }
        let mut total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for v in &values[whole..] {
            total += v;
        }
        total
    } else {
        let mut half = n / 2;
        half -= half % 8;
        sum(&values[..half]) + sum(&values[half..])
    }
}

/// Arithmetic mean (NaN for an empty slice).
pub fn mean(values: &[f64]) -> f64 {
    sum(values) / len_f64(values.len())
}

/// Sample variance with `n - 1` in the denominator (NaN for fewer than two values).
pub fn variance(values: &[f64]) -> f64 {
    variance_about(values, mean(values))
}

/// Sample variance about a known mean.
pub fn variance_about(values: &[f64], mean: f64) -> f64 {
    let n = values.len();
    if n < 2 {
        return f64::NAN;
    }
    let squares: Vec<f64> = values.iter().map(|v| (v - mean) * (v - mean)).collect();
    sum(&squares) / len_f64(n - 1)
}

/// Mean and sample variance of `a[i] - b[i]`.
pub fn paired_differences(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x - y).collect()
}

/// The `q`-quantile (0 ≤ q ≤ 1) of sorted data by linear interpolation (NumPy's default,
/// Hyndman-Fan type 7). NaN for empty input.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let position = q.clamp(0.0, 1.0) * len_f64(n - 1);
    let lower = position.floor();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = lower as usize;
    if index + 1 >= n {
        return sorted[n - 1];
    }
    let fraction = position - lower;
    let (lo, hi) = (sorted[index], sorted[index + 1]);
    lo + (hi - lo) * fraction
}

/// The `q`-quantile of unsorted data (copies and sorts).
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_sorted(&sorted, q)
}

/// The median of unsorted data.
pub fn median(values: &[f64]) -> f64 {
    quantile(values, 0.5)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_sum_is_exact_on_integers() {
        let values: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(sum(&values), 500_500.0);
        assert_eq!(sum(&[]), 0.0);
    }

    #[test]
    fn variance_needs_two_values() {
        assert!(variance(&[1.0]).is_nan());
        assert_eq!(variance(&[1.0, 3.0]), 2.0);
    }

    #[test]
    fn quantiles_interpolate_linearly() {
        assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.5), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95), 4.8);
        assert_eq!(median(&[7.0]), 7.0);
        assert!(median(&[]).is_nan());
    }
}
