//! Sequential tests that stay valid when results are checked after every batch ("peeking").
//!
//! A fixed-horizon p-value checked repeatedly inflates the false-positive rate far beyond alpha.
//! The two methods here give always-valid p-values and confidence sequences: the probability
//! that the null is ever rejected, at any look, is at most alpha.
//!
//! - [`msprt`]: the normal-mixture sequential probability ratio test (Robbins 1970; Johari,
//!   Koomen, Pekelis and Walsh, "Always valid inference", arXiv:1512.04922). Used for paired
//!   designs, on the per-case differences, where the mixing variance `tau` is set from the
//!   effect size the experiment cares about.
//! - [`asymptotic_confidence_sequence`]: the asymptotic confidence sequence of Waudby-Smith et
//!   al. (arXiv:2103.06476) as GrowthBook's gbstats implements it. Used for split-traffic
//!   designs with two independent arms, tuned by the planned sample size `N*`.
//!
//! Both work in log space: the likelihood ratio of a decisive experiment overflows `f64`.

use crate::stats::descriptive::{mean, variance_about};
use crate::stats::distributions::norm_isf;
use crate::stats::{Error, check_alpha, len_f64};

/// The mixture SPRT at one look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Msprt {
    /// The likelihood ratio Λ (infinite when it overflows; see `log_lambda`).
    pub lambda: f64,
    /// `ln Λ`.
    pub log_lambda: f64,
    /// `min(1, 1/Λ)`: valid at this look; take the running minimum across looks.
    pub pvalue: f64,
    /// Whether `Λ >= 1/alpha`.
    pub reject: bool,
    /// Half-width of the always-valid confidence interval.
    pub halfwidth: f64,
    /// Lower end of the interval.
    pub ci_low: f64,
    /// Upper end of the interval.
    pub ci_high: f64,
}

fn check_tau(tau: f64) -> Result<(), Error> {
    if tau.is_finite() && tau > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "tau",
            value: tau,
            expected: "a positive mixing variance",
        })
    }
}

/// The normal-mixture SPRT for an estimate `diff ~ N(θ, variance)` against θ = 0, with mixing
/// prior θ ~ N(0, tau).
pub fn msprt(diff: f64, variance: f64, tau: f64, alpha: f64) -> Result<Msprt, Error> {
    check_alpha(alpha)?;
    check_tau(tau)?;
    if !diff.is_finite() || !variance.is_finite() || variance < 0.0 {
        return Err(Error::InvalidParameter {
            name: "variance",
            value: variance,
            expected: "a finite non-negative variance with a finite difference",
        });
    }
    let v = variance;
    let log_lambda = 0.5 * (v / (v + tau)).ln() + tau * diff * diff / (2.0 * v * (v + tau));
    let lambda = log_lambda.exp();
    let pvalue = (-log_lambda).exp().min(1.0);
    let halfwidth = (v * (v + tau) / tau * (((v + tau) / v).ln() - 2.0 * alpha.ln())).sqrt();
    Ok(Msprt {
        lambda,
        log_lambda,
        pvalue,
        reject: log_lambda >= -alpha.ln(),
        halfwidth,
        ci_low: diff - halfwidth,
        ci_high: diff + halfwidth,
    })
}

/// One look of an mSPRT trajectory over paired differences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Number of differences used.
    pub n: usize,
    /// Their mean.
    pub mean_diff: f64,
    /// Variance of the mean, `var(d) / n`.
    pub variance: f64,
    /// The test at this look.
    pub test: Msprt,
    /// The always-valid p-value: the minimum over this and all earlier looks.
    pub pvalue_running_min: f64,
}

/// The mSPRT applied at successive looks (`looks` are sample sizes) to the first `n` paired
/// differences, with the first look at which it rejects.
pub fn msprt_trajectory(
    differences: &[f64],
    looks: &[usize],
    tau: f64,
    alpha: f64,
) -> Result<(Vec<Look>, Option<usize>), Error> {
    crate::stats::check_sample("differences", differences)?;
    let mut out = Vec::with_capacity(looks.len());
    let mut running = 1.0_f64;
    let mut first_reject = None;
    for &n in looks {
        if n < 2 || n > differences.len() {
            return Err(Error::InvalidParameter {
                name: "look",
                value: len_f64(n),
                expected: "between 2 and the number of differences",
            });
        }
        let d = &differences[..n];
        let m = mean(d);
        let variance = variance_about(d, m) / len_f64(n);
        let test = msprt(m, variance, tau, alpha)?;
        running = running.min(test.pvalue);
        if test.reject && first_reject.is_none() {
            first_reject = Some(n);
        }
        out.push(Look {
            n,
            mean_diff: m,
            variance,
            test,
            pvalue_running_min: running,
        });
    }
    Ok((out, first_reject))
}

/// Summary of one arm for the confidence sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArmSummary {
    /// Mean.
    pub mean: f64,
    /// Sample variance (`n - 1`).
    pub variance: f64,
    /// Number of observations.
    pub n: f64,
}

/// The asymptotic confidence sequence for `mean_b - mean_a`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceSequence {
    /// `mean_b - mean_a`.
    pub diff: f64,
    /// `sqrt(var_a/n_a + var_b/n_b)`.
    pub std_error: f64,
    /// The tuning constant ρ derived from `N*`.
    pub rho: f64,
    /// Half-width of the always-valid interval.
    pub halfwidth: f64,
    /// Lower end.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// The e-value.
    pub evalue: f64,
    /// `ln` of the e-value.
    pub log_evalue: f64,
    /// `min(1, 1/e)`.
    pub pvalue: f64,
    /// The fixed-horizon half-width `z · se`, for comparison.
    pub fixed_horizon_halfwidth: f64,
}

/// GrowthBook's two-sided asymptotic confidence sequence (absolute difference), tuned so the
/// interval is tightest around `n_star` total observations.
pub fn asymptotic_confidence_sequence(
    a: &ArmSummary,
    b: &ArmSummary,
    n_star: f64,
    alpha: f64,
) -> Result<ConfidenceSequence, Error> {
    check_alpha(alpha)?;
    if !(n_star.is_finite() && n_star > 0.0) {
        return Err(Error::InvalidParameter {
            name: "n_star",
            value: n_star,
            expected: "a positive planned sample size",
        });
    }
    for arm in [a, b] {
        if !(arm.n >= 1.0 && arm.mean.is_finite() && arm.variance >= 0.0) {
            return Err(Error::InvalidParameter {
                name: "arm",
                value: arm.n,
                expected: "at least one observation with a finite mean and variance",
            });
        }
    }
    let diff = b.mean - a.mean;
    let se = (a.variance / a.n + b.variance / b.n).sqrt();
    let n = a.n + b.n;
    let ln_a = alpha.ln();
    let rho = ((-2.0 * ln_a + (1.0 - 2.0 * ln_a).ln()) / n_star).sqrt();
    let s2 = se * se * n;
    let k = n * rho * rho + 1.0;
    let halfwidth =
        s2.sqrt() * (2.0 * k * (k.sqrt() / alpha).ln() / ((n * rho) * (n * rho))).sqrt();
    let log_evalue = rho * rho * n * diff * diff / (se * se) / (2.0 * k) - 0.5 * k.ln();
    Ok(ConfidenceSequence {
        diff,
        std_error: se,
        rho,
        halfwidth,
        ci_low: diff - halfwidth,
        ci_high: diff + halfwidth,
        evalue: log_evalue.exp(),
        log_evalue,
        pvalue: (-log_evalue).exp().min(1.0),
        fixed_horizon_halfwidth: norm_isf(alpha / 2.0) * se,
    })
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn overwhelming_evidence_stays_finite_in_logs() {
        let r = msprt(0.2, 1e-5, 0.01, 0.05).unwrap();
        assert!(r.lambda.is_infinite() && r.log_lambda.is_finite());
        assert_eq!(r.pvalue, 0.0);
        assert!(r.reject);
    }

    #[test]
    fn trajectory_rejects_out_of_range_looks() {
        assert!(msprt_trajectory(&[0.1, 0.2, 0.3], &[5], 0.01, 0.05).is_err());
        assert!(msprt(0.1, 0.01, 0.0, 0.05).is_err());
    }
}
