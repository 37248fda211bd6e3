//! Confidence intervals: for one proportion (Wilson, Clopper-Pearson, Wald, Agresti-Coull,
//! Jeffreys), for a difference of two proportions (Newcombe's hybrid score, Wald,
//! Agresti-Caffo), for a difference of two *paired* proportions (Newcombe's paired hybrid
//! score) and for means (t intervals).
//!
//! Wilson is the default for a pass rate: it behaves at 0 % and 100 % where Wald collapses to
//! a point. Newcombe's interval is built from two Wilson intervals and is the default for a
//! difference of pass rates, independent or paired.
//!
//! Why not a t interval on the paired 0/1 differences: when no pair disagrees (four cases that
//! both variants pass) every difference is 0, the sample variance is 0, and the t interval is
//! the single point `[0, 0]` — a claim of certainty from four samples. The paired Newcombe
//! interval is built from the Wilson intervals of the two pass rates, which stay wide at 100 %
//! with few samples (`[-49.0, +49.0]` pp for 4 of 4 against 4 of 4 at 95 %), and narrow only
//! as the samples grow.

use crate::stats::distributions::{beta_isf, beta_ppf, norm_isf};
use crate::stats::ttest::{self, TTest};
use crate::stats::{Alternative, Error, check_alpha, count_f64};

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The point estimate.
    pub estimate: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Method for an interval on one proportion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProportionMethod {
    /// Wilson score interval (the default).
    #[default]
    Wilson,
    /// Clopper-Pearson exact interval from Beta quantiles.
    ClopperPearson,
    /// Wald (normal) interval, clipped to [0, 1].
    Wald,
    /// Agresti-Coull interval, clipped to [0, 1].
    AgrestiCoull,
    /// Jeffreys interval: equal-tailed Beta(x + ½, n - x + ½) quantiles.
    Jeffreys,
}

fn check_counts(count: u64, nobs: u64) -> Result<(), Error> {
    if nobs == 0 {
        return Err(Error::Empty { what: "nobs" });
    }
    if count > nobs {
        return Err(Error::InvalidParameter {
            name: "count",
            value: count_f64(count),
            expected: "at most the number of observations",
        });
    }
    Ok(())
}

/// Confidence interval with level `1 - alpha` for a proportion `count / nobs`.
pub fn proportion(
    count: u64,
    nobs: u64,
    alpha: f64,
    method: ProportionMethod,
) -> Result<Interval, Error> {
    check_counts(count, nobs)?;
    check_alpha(alpha)?;
    let (x, n) = (count_f64(count), count_f64(nobs));
    let q = x / n;
    let (low, high) = match method {
        ProportionMethod::Wilson => {
            let crit = norm_isf(alpha / 2.0);
            let crit2 = crit * crit;
            let denom = 1.0 + crit2 / n;
            let center = (q + crit2 / (2.0 * n)) / denom;
            let dist = crit * (q * (1.0 - q) / n + crit2 / (4.0 * n * n)).sqrt() / denom;
            (center - dist, center + dist)
        }
        ProportionMethod::ClopperPearson => {
            let low = if count == 0 {
                0.0
            } else {
                beta_ppf(alpha / 2.0, x, n - x + 1.0)
            };
            let high = if count == nobs {
                1.0
            } else {
                beta_isf(alpha / 2.0, x + 1.0, n - x)
            };
            (low, high)
        }
        ProportionMethod::Wald => {
            let dist = norm_isf(alpha / 2.0) * (q * (1.0 - q) / n).sqrt();
            ((q - dist).clamp(0.0, 1.0), (q + dist).clamp(0.0, 1.0))
        }
        ProportionMethod::AgrestiCoull => {
            let crit = norm_isf(alpha / 2.0);
            let nobs_c = n + crit * crit;
            let q_c = (x + crit * crit / 2.0) / nobs_c;
            let dist = crit * (q_c * (1.0 - q_c) / nobs_c).sqrt();
            ((q_c - dist).clamp(0.0, 1.0), (q_c + dist).clamp(0.0, 1.0))
        }
        ProportionMethod::Jeffreys => (
            beta_ppf(alpha / 2.0, x + 0.5, n - x + 0.5),
            beta_isf(alpha / 2.0, x + 0.5, n - x + 0.5),
        ),
    };
    Ok(Interval {
        estimate: q,
        low,
        high,
    })
}

/// Method for an interval on a difference of two proportions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DifferenceMethod {
    /// Newcombe's hybrid score interval (method 10), from two Wilson intervals (the default).
    #[default]
    Newcombe,
    /// Wald interval (not clipped).
    Wald,
    /// Agresti-Caffo: Wald after adding one success and one failure to each arm.
    AgrestiCaffo,
}

/// Confidence interval with level `1 - alpha` for `count1/nobs1 - count2/nobs2`.
pub fn proportion_difference(
    count1: u64,
    nobs1: u64,
    count2: u64,
    nobs2: u64,
    alpha: f64,
    method: DifferenceMethod,
) -> Result<Interval, Error> {
    check_counts(count1, nobs1)?;
    check_counts(count2, nobs2)?;
    check_alpha(alpha)?;
    let p1 = count_f64(count1) / count_f64(nobs1);
    let p2 = count_f64(count2) / count_f64(nobs2);
    let diff = p1 - p2;
    let (low, high) = match method {
        DifferenceMethod::Newcombe => {
            let w1 = proportion(count1, nobs1, alpha, ProportionMethod::Wilson)?;
            let w2 = proportion(count2, nobs2, alpha, ProportionMethod::Wilson)?;
            let d_low = ((p1 - w1.low).powi(2) + (w2.high - p2).powi(2)).sqrt();
            let d_high = ((p2 - w2.low).powi(2) + (w1.high - p1).powi(2)).sqrt();
            (diff - d_low, diff + d_high)
        }
        DifferenceMethod::Wald | DifferenceMethod::AgrestiCaffo => {
            let add = if method == DifferenceMethod::AgrestiCaffo {
                1.0
            } else {
                0.0
            };
            let (c1, n1) = (count_f64(count1) + add, count_f64(nobs1) + 2.0 * add);
            let (c2, n2) = (count_f64(count2) + add, count_f64(nobs2) + 2.0 * add);
            let (q1, q2) = (c1 / n1, c2 / n2);
            let var = q1 * (1.0 - q1) / n1 + q2 * (1.0 - q2) / n2;
            let half = norm_isf(alpha / 2.0) * var.sqrt();
            (q1 - q2 - half, q1 - q2 + half)
        }
    };
    Ok(Interval {
        estimate: diff,
        low,
        high,
    })
}

/// Newcombe's hybrid score interval with level `1 - alpha` for the difference of two paired
/// proportions, `(both + first_only) / n - (both + second_only) / n`.
///
/// The cells of the paired table: `both` pairs where both passed, `first_only` where only the
/// first passed, `second_only` where only the second passed, `neither` where both failed.
/// This is method 10 of Newcombe (1998), "Improved confidence intervals for the difference
/// between binomial proportions based on paired data", *Statistics in Medicine* 17: the Wilson
/// intervals `[l1, u1]` and `[l2, u2]` of the two rates, combined with the correlation
/// `φ = C / sqrt(efgh)` of the table (`e`, `f`, `g`, `h` its margins; `C = ad - bc - n/2` when
/// `ad - bc > n/2`, `0` when `0 <= ad - bc <= n/2`, `ad - bc` when negative; `φ = 0` when a
/// margin is empty):
///
/// ```text
/// low  = d - sqrt((p1 - l1)² - 2φ (p1 - l1)(u2 - p2) + (u2 - p2)²)
/// high = d + sqrt((p2 - l2)² - 2φ (p2 - l2)(u1 - p1) + (u1 - p1)²)
/// ```
///
/// It never collapses to a point: with no discordant pair the width comes from the Wilson
/// intervals, which are wide for small `n`.
pub fn paired_proportion_difference(
    both: u64,
    first_only: u64,
    second_only: u64,
    neither: u64,
    alpha: f64,
) -> Result<Interval, Error> {
    check_alpha(alpha)?;
    let total = both
        .checked_add(first_only)
        .and_then(|s| s.checked_add(second_only))
        .and_then(|s| s.checked_add(neither))
        .ok_or(Error::InvalidParameter {
            name: "pairs",
            value: f64::INFINITY,
            expected: "a total that fits in 64 bits",
        })?;
    if total == 0 {
        return Err(Error::Empty { what: "pairs" });
    }
    let first = proportion(both + first_only, total, alpha, ProportionMethod::Wilson)?;
    let second = proportion(both + second_only, total, alpha, ProportionMethod::Wilson)?;
    let (a, b, c, d) = (
        count_f64(both),
        count_f64(first_only),
        count_f64(second_only),
        count_f64(neither),
    );
    let nf = count_f64(total);
    let margins = (a + b) * (c + d) * (a + c) * (b + d);
    let phi = if margins > 0.0 {
        let cross = a * d - b * c;
        let corrected = if cross > nf / 2.0 {
            cross - nf / 2.0
        } else if cross >= 0.0 {
            0.0
        } else {
            cross
        };
        corrected / margins.sqrt()
    } else {
        0.0
    };
    let (p1, p2) = (first.estimate, second.estimate);
    let diff = p1 - p2;
    let root = |x: f64, y: f64| (x * x - 2.0 * phi * x * y + y * y).max(0.0).sqrt();
    let low = diff - root(p1 - first.low, second.high - p2);
    let high = diff + root(p2 - second.low, first.high - p1);
    Ok(Interval {
        estimate: diff,
        low: low.max(-1.0),
        high: high.min(1.0),
    })
}

/// t interval with level `confidence` for the mean of `values`.
pub fn mean(values: &[f64], confidence: f64) -> Result<TTest, Error> {
    ttest::one_sample(values, confidence, Alternative::TwoSided)
}

/// t interval for the mean of paired differences `a[i] - b[i]`.
pub fn paired_mean_difference(a: &[f64], b: &[f64], confidence: f64) -> Result<TTest, Error> {
    ttest::paired(a, b, confidence, Alternative::TwoSided)
}

/// Welch t interval for `mean(a) - mean(b)` of independent samples.
pub fn mean_difference(a: &[f64], b: &[f64], confidence: f64) -> Result<TTest, Error> {
    ttest::independent(a, b, false, confidence, Alternative::TwoSided)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_stays_inside_unit_interval_at_the_extremes() {
        let zero = proportion(0, 10, 0.05, ProportionMethod::Wilson).unwrap();
        assert!(zero.low.abs() < 1e-15 && zero.high < 0.3);
        let all = proportion(10, 10, 0.05, ProportionMethod::Wilson).unwrap();
        assert!((all.high - 1.0).abs() < 1e-15 && all.low > 0.7);
    }

    #[test]
    fn paired_difference_without_discordant_pairs_is_not_a_point() {
        // 4 of 4 pass in both arms. By hand: the Wilson interval of 4/4 at 95 % has the lower
        // end n / (n + z²) = 4 / (4 + 1.959964²) = 4 / 7.841459 = 0.510109 and the upper end 1;
        // a margin is empty, so φ = 0 and the interval is ±(1 - 0.510109) = ±0.489891.
        let i = paired_proportion_difference(4, 0, 0, 0, 0.05).unwrap();
        assert!(i.estimate.abs() < 1e-15);
        assert!((i.low + 0.489_891).abs() < 1e-6, "{i:?}");
        assert!((i.high - 0.489_891).abs() < 1e-6, "{i:?}");
    }

    #[test]
    fn paired_difference_matches_newcombe_method_10_by_hand() {
        // a = 10 both pass, b = 15 first only, c = 5 second only, d = 20 neither (n = 50).
        // p1 = 25/50 = 0.5, p2 = 15/50 = 0.3, difference 0.2. With z = 1.959964 (z² = 3.841459),
        // Wilson(x, n): centre (x + z²/2) / (n + z²), half-width z·sqrt(x(n-x)/n + z²/4) / (n + z²):
        //   25/50: centre 26.920729/53.841459 = 0.5, half 1.959964·sqrt(13.460365)/53.841459
        //          = 0.133555 -> [0.366445, 0.633555]
        //   15/50: centre 16.920729/53.841459 = 0.314270, half 1.959964·sqrt(11.460365)
        //          /53.841459 = 0.123234 -> [0.191036, 0.437504]
        // ad - bc = 200 - 75 = 125 > n/2, so C = 100; margins e=25 f=25 g=15 h=35,
        // sqrt(efgh) = sqrt(328125) = 572.821962, φ = 0.174574.
        //   δ = sqrt(0.133555² - 2φ·0.133555·0.137504 + 0.137504²) = sqrt(0.030332) = 0.174162
        //   ε = sqrt(0.108964² - 2φ·0.108964·0.133555 + 0.133555²) = sqrt(0.024629) = 0.156937
        // -> [0.025838, 0.356937]. (Worked from the formula of Newcombe 1998, method 10, with a
        // calculator, independently of this code.)
        let i = paired_proportion_difference(10, 15, 5, 20, 0.05).unwrap();
        assert!((i.estimate - 0.2).abs() < 1e-12);
        assert!((i.low - 0.025_838).abs() < 2e-6, "{i:?}");
        assert!((i.high - 0.356_937).abs() < 2e-6, "{i:?}");
        assert!(paired_proportion_difference(0, 0, 0, 0, 0.05).is_err());
    }

    #[test]
    fn rejects_impossible_counts() {
        assert!(proportion(11, 10, 0.05, ProportionMethod::Wilson).is_err());
        assert!(proportion(0, 0, 0.05, ProportionMethod::Wilson).is_err());
        assert!(proportion(1, 10, 1.5, ProportionMethod::Wilson).is_err());
    }
}
