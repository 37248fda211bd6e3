//! Confidence intervals: for one proportion (Wilson, Clopper-Pearson, Wald, Agresti-Coull,
//! Jeffreys), for a difference of two proportions (Newcombe's hybrid score, Wald,
//! Agresti-Caffo) and for means (t intervals).
//!
//! Wilson is the default for a pass rate: it behaves at 0 % and 100 % where Wald collapses to
//! a point. Newcombe's interval is built from two Wilson intervals and is the default for a
//! difference of pass rates.

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
    fn rejects_impossible_counts() {
        assert!(proportion(11, 10, 0.05, ProportionMethod::Wilson).is_err());
        assert!(proportion(0, 0, 0.05, ProportionMethod::Wilson).is_err());
        assert!(proportion(1, 10, 1.5, ProportionMethod::Wilson).is_err());
    }
}
