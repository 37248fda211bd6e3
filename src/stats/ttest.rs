//! t-tests: paired (the default for prompt evaluation), Student's and Welch's for independent
//! samples, from raw data or from summary statistics, with their confidence intervals and
//! Cohen's d.

use crate::stats::descriptive::{mean, paired_differences, variance_about};
use crate::stats::distributions::{t_cdf, t_ppf, t_sf};
use crate::stats::{
    Alternative, Error, NotTestable, check_open_unit, check_paired, check_sample, len_f64,
};

/// A t-test result with its confidence interval for the mean difference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TTest {
    /// The t statistic.
    pub statistic: f64,
    /// The p-value.
    pub pvalue: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// The estimated mean difference (first minus second).
    pub estimate: f64,
    /// Its standard error.
    pub std_error: f64,
    /// Lower end of the confidence interval (`-inf` for `Less`).
    pub ci_low: f64,
    /// Upper end of the confidence interval (`+inf` for `Greater`).
    pub ci_high: f64,
    /// Set when the variance is zero or there are too few values.
    pub not_testable: Option<NotTestable>,
}

/// Summary statistics of one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Number of observations.
    pub n: f64,
    /// Mean.
    pub mean: f64,
    /// Sample variance (`n - 1`).
    pub variance: f64,
}

impl Summary {
    /// Summarises a sample.
    pub fn of(values: &[f64]) -> Summary {
        let m = mean(values);
        Summary {
            n: len_f64(values.len()),
            mean: m,
            variance: variance_about(values, m),
        }
    }

    /// The summary of two samples taken together, from their summaries alone (the pairwise
    /// update of Chan, Golub and `LeVeque`), so parts summarised apart combine without their
    /// values. An empty side (`n = 0`) leaves the other unchanged, bit for bit.
    #[must_use]
    pub fn combine(&self, other: &Summary) -> Summary {
        if other.n == 0.0 {
            return *self;
        }
        if self.n == 0.0 {
            return *other;
        }
        // The sum of squared deviations; a single value has none (its variance is NaN).
        let squares = |s: &Summary| {
            if s.n >= 2.0 {
                s.variance * (s.n - 1.0)
            } else {
                0.0
            }
        };
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        let squares = squares(self) + squares(other) + delta * delta * self.n * other.n / n;
        Summary {
            n,
            mean: self.mean + delta * other.n / n,
            variance: if n >= 2.0 {
                squares / (n - 1.0)
            } else {
                f64::NAN
            },
        }
    }

    /// From a mean, a sample standard deviation and a count.
    pub fn from_std(mean: f64, std: f64, n: f64) -> Summary {
        Summary {
            n,
            mean,
            variance: std * std,
        }
    }
}

/// p-value of a t statistic.
fn t_pvalue(t: f64, df: f64, alternative: Alternative) -> f64 {
    match alternative {
        // `f64::min` would turn a NaN into 1; keep NaN so 0/0 is never reported as p = 1.
        Alternative::TwoSided => {
            let p = 2.0 * t_sf(t.abs(), df);
            if p > 1.0 { 1.0 } else { p }
        }
        Alternative::Greater => t_sf(t, df),
        Alternative::Less => t_cdf(t, df),
    }
}

/// Confidence interval `estimate ± t_crit · se` for the given alternative.
fn t_interval(
    estimate: f64,
    se: f64,
    df: f64,
    confidence: f64,
    alternative: Alternative,
) -> (f64, f64) {
    match alternative {
        Alternative::TwoSided => {
            let crit = t_ppf(0.5 + confidence / 2.0, df);
            (estimate - crit * se, estimate + crit * se)
        }
        Alternative::Less => (f64::NEG_INFINITY, estimate + t_ppf(confidence, df) * se),
        Alternative::Greater => (estimate - t_ppf(confidence, df) * se, f64::INFINITY),
    }
}

fn build(
    estimate: f64,
    se: f64,
    df: f64,
    confidence: f64,
    alternative: Alternative,
    not_testable: Option<NotTestable>,
) -> TTest {
    let statistic = estimate / se;
    let (ci_low, ci_high) = t_interval(estimate, se, df, confidence, alternative);
    TTest {
        statistic,
        pvalue: t_pvalue(statistic, df, alternative),
        df,
        estimate,
        std_error: se,
        ci_low,
        ci_high,
        not_testable,
    }
}

/// One-sample t-test of `values` against 0, with a confidence interval for the mean.
pub fn one_sample(
    values: &[f64],
    confidence: f64,
    alternative: Alternative,
) -> Result<TTest, Error> {
    check_sample("sample", values)?;
    one_sample_from_summary(&Summary::of(values), confidence, alternative)
}

/// One-sample t-test against 0 from a sample's summary.
pub fn one_sample_from_summary(
    s: &Summary,
    confidence: f64,
    alternative: Alternative,
) -> Result<TTest, Error> {
    check_open_unit("confidence", confidence)?;
    if !is_at_least(s.n, 1.0) {
        return Err(Error::Empty { what: "sample" });
    }
    let se = (s.variance / s.n).sqrt();
    let not_testable = if s.n < 2.0 {
        Some(NotTestable::TooFewObservations)
    } else if s.variance == 0.0 {
        Some(NotTestable::ZeroVariance)
    } else {
        None
    };
    Ok(build(
        s.mean,
        se,
        s.n - 1.0,
        confidence,
        alternative,
        not_testable,
    ))
}

/// Paired t-test on `a[i] - b[i]`.
pub fn paired(
    a: &[f64],
    b: &[f64],
    confidence: f64,
    alternative: Alternative,
) -> Result<TTest, Error> {
    check_paired(a, b)?;
    one_sample(&paired_differences(a, b), confidence, alternative)
}

/// Independent-samples t-test of `a` against `b`: Welch's (`equal_var = false`, the default
/// for split traffic) or Student's pooled-variance test.
pub fn independent(
    a: &[f64],
    b: &[f64],
    equal_var: bool,
    confidence: f64,
    alternative: Alternative,
) -> Result<TTest, Error> {
    check_sample("first sample", a)?;
    check_sample("second sample", b)?;
    from_summaries(
        &Summary::of(a),
        &Summary::of(b),
        equal_var,
        confidence,
        alternative,
    )
}

/// Independent-samples t-test from summary statistics.
pub fn from_summaries(
    a: &Summary,
    b: &Summary,
    equal_var: bool,
    confidence: f64,
    alternative: Alternative,
) -> Result<TTest, Error> {
    check_open_unit("confidence", confidence)?;
    for (name, s) in [("first sample", a), ("second sample", b)] {
        // A single observation has no sample variance (NaN); that is "too few", not invalid.
        if !is_at_least(s.n, 1.0)
            || !s.mean.is_finite()
            || s.variance < 0.0
            || s.variance.is_infinite()
            || (s.variance.is_nan() && s.n >= 2.0)
        {
            return Err(Error::InvalidParameter {
                name,
                value: s.n,
                expected: "a count of at least 1 with a finite mean and variance",
            });
        }
    }
    let estimate = a.mean - b.mean;
    let (se, df) = if equal_var {
        let df = a.n + b.n - 2.0;
        let pooled = ((a.n - 1.0) * a.variance + (b.n - 1.0) * b.variance) / df;
        ((pooled * (1.0 / a.n + 1.0 / b.n)).sqrt(), df)
    } else {
        let va = a.variance / a.n;
        let vb = b.variance / b.n;
        let df = (va + vb) * (va + vb) / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
        ((va + vb).sqrt(), df)
    };
    let not_testable = if a.n < 2.0 || b.n < 2.0 {
        Some(NotTestable::TooFewObservations)
    } else if se == 0.0 {
        Some(NotTestable::ZeroVariance)
    } else if !is_at_least(df, f64::MIN_POSITIVE) {
        Some(NotTestable::TooFewObservations)
    } else {
        None
    };
    Ok(build(
        estimate,
        se,
        df,
        confidence,
        alternative,
        not_testable,
    ))
}

/// `x >= bound`, false for NaN.
fn is_at_least(x: f64, bound: f64) -> bool {
    x >= bound
}

/// Cohen's d with the pooled standard deviation: `(mean_a - mean_b) / s_pooled`.
pub fn cohens_d(a: &Summary, b: &Summary) -> f64 {
    let pooled = ((a.n - 1.0) * a.variance + (b.n - 1.0) * b.variance) / (a.n + b.n - 2.0);
    (a.mean - b.mean) / pooled.sqrt()
}

/// Cohen's d for paired data: mean difference over the standard deviation of the differences.
pub fn cohens_d_paired(a: &[f64], b: &[f64]) -> Result<f64, Error> {
    check_paired(a, b)?;
    let d = paired_differences(a, b);
    let s = Summary::of(&d);
    Ok(s.mean / s.variance.sqrt())
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn summaries_combine_as_if_taken_together() {
        let values: Vec<f64> = (0..1000)
            .map(|i| f64::from(i % 17) * 1.25 + f64::from(i) / 7.0)
            .collect();
        let whole = Summary::of(&values);
        for cut in [0, 1, 2, 500, 999, 1000] {
            let parts = Summary::of(&values[..cut]).combine(&Summary::of(&values[cut..]));
            assert_eq!(parts.n, whole.n);
            assert!(
                (parts.mean - whole.mean).abs() < 1e-12 * whole.mean.abs(),
                "{cut}"
            );
            assert!(
                (parts.variance - whole.variance).abs() < 1e-12 * whole.variance,
                "{cut}"
            );
        }
        // An empty side changes nothing, bit for bit; one value and one value make a variance.
        let one = Summary::of(&values[..1]);
        assert_eq!(one.combine(&Summary::of(&[])).mean, one.mean);
        let two = one.combine(&Summary::of(&values[1..2]));
        assert!((two.variance - Summary::of(&values[..2]).variance).abs() < 1e-12);
        assert!(Summary::of(&[]).combine(&one).variance.is_nan());
    }

    #[test]
    fn constant_differences_are_not_testable_but_do_not_panic() {
        let r = paired(
            &[1.0, 2.0, 3.0],
            &[2.0, 3.0, 4.0],
            0.95,
            Alternative::TwoSided,
        )
        .unwrap();
        assert_eq!(r.not_testable, Some(NotTestable::ZeroVariance));
        assert_eq!(r.statistic, f64::NEG_INFINITY);
    }

    #[test]
    fn single_observations_are_too_few_not_errors() {
        let r = independent(&[0.5], &[0.25, 0.75], false, 0.95, Alternative::TwoSided).unwrap();
        assert_eq!(r.not_testable, Some(NotTestable::TooFewObservations));
        assert!(r.pvalue.is_nan());
        let r = paired(&[0.5], &[0.25], 0.95, Alternative::TwoSided).unwrap();
        assert_eq!(r.not_testable, Some(NotTestable::TooFewObservations));
    }

    #[test]
    fn rejects_nan_and_mismatched_lengths() {
        assert!(matches!(
            paired(&[1.0, f64::NAN], &[1.0, 2.0], 0.95, Alternative::TwoSided),
            Err(Error::NonFinite { index: 2, .. })
        ));
        assert!(matches!(
            paired(&[1.0], &[1.0, 2.0], 0.95, Alternative::TwoSided),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            independent(&[], &[1.0], false, 0.95, Alternative::TwoSided),
            Err(Error::Empty { .. })
        ));
    }
}
