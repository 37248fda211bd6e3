//! Planning: sample size per arm and power, for two proportions and two means.
//!
//! Sample sizes solve the power equation exactly (both tails, like statsmodels'
//! `NormalIndPower` / `TTestIndPower`) by bisection to machine precision. The textbook closed
//! form, which drops the far tail, and the formula of Evan Miller's online calculator are
//! offered too, because engineers compare against them.

use crate::stats::distributions::{nct_cdf, norm_cdf, norm_isf, norm_ppf, norm_sf, t_isf, t_ppf};
use crate::stats::proportions::cohens_h;
use crate::stats::{Error, check_alpha, check_open_unit};

/// Planned sample size for comparing two arms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleSize {
    /// The standardized effect size (Cohen's h or d).
    pub effect_size: f64,
    /// The exact (fractional) size of arm 1.
    pub nobs1: f64,
    /// Arm 1 rounded up.
    pub nobs1_ceil: u64,
    /// Arm 2 (`ratio · nobs1`) rounded up.
    pub nobs2_ceil: u64,
}

fn check_power_inputs(alpha: f64, power: f64, ratio: f64) -> Result<(), Error> {
    check_alpha(alpha)?;
    check_open_unit("power", power)?;
    if !(ratio.is_finite() && ratio > 0.0) {
        return Err(Error::InvalidParameter {
            name: "ratio",
            value: ratio,
            expected: "a positive number (arm 2 size / arm 1 size)",
        });
    }
    if power <= alpha / 2.0 {
        return Err(Error::InvalidParameter {
            name: "power",
            value: power,
            expected: "larger than alpha / 2",
        });
    }
    Ok(())
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn ceil_count(n: f64) -> u64 {
    n.ceil().max(0.0) as u64
}

/// Two-sided power of the normal test of standardized effect `effect` with `nobs1` in arm 1
/// and `ratio · nobs1` in arm 2.
pub fn normal_power(effect: f64, nobs1: f64, alpha: f64, ratio: f64) -> f64 {
    let n = nobs1 / (1.0 + 1.0 / ratio);
    let crit = norm_isf(alpha / 2.0);
    let shift = effect.abs() * n.sqrt();
    norm_sf(crit - shift) + norm_cdf(-crit - shift)
}

/// Two-sided power of the independent two-sample t-test with Cohen's d `effect`.
pub fn t_power(effect: f64, nobs1: f64, alpha: f64, ratio: f64) -> f64 {
    let nobs2 = nobs1 * ratio;
    let n = 1.0 / (1.0 / nobs1 + 1.0 / nobs2);
    let df = nobs1 + nobs2 - 2.0;
    if df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let nc = effect.abs() * n.sqrt();
    let crit_upp = t_isf(alpha / 2.0, df);
    let crit_low = t_ppf(alpha / 2.0, df);
    (1.0 - nct_cdf(crit_upp, df, nc)) + nct_cdf(crit_low, df, nc)
}

/// Smallest `n` in `[lo, ∞)` with `power(n) >= target`, by bracketing and bisection.
fn solve_increasing(power: impl Fn(f64) -> f64, target: f64, lo: f64) -> f64 {
    let mut lo = lo;
    let mut hi = lo.max(1.0) * 2.0;
    let mut guard = 0;
    while power(hi) < target {
        lo = hi;
        hi *= 2.0;
        guard += 1;
        if guard > 200 {
            return f64::INFINITY;
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if power(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

fn check_effect(effect: f64) -> Result<(), Error> {
    if effect.is_finite() && effect != 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "effect size",
            value: effect,
            expected: "finite and non-zero",
        })
    }
}

/// Sample size per arm to detect `p1` against `p2` (Cohen's h, normal test, both tails).
pub fn two_proportions(
    p1: f64,
    p2: f64,
    alpha: f64,
    power: f64,
    ratio: f64,
) -> Result<SampleSize, Error> {
    check_power_inputs(alpha, power, ratio)?;
    for (name, p) in [("p1", p1), ("p2", p2)] {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidParameter {
                name,
                value: p,
                expected: "a proportion in [0, 1]",
            });
        }
    }
    let h = cohens_h(p1, p2);
    check_effect(h)?;
    let nobs1 = solve_increasing(|n| normal_power(h, n, alpha, ratio), power, 0.0);
    Ok(SampleSize {
        effect_size: h,
        nobs1,
        nobs1_ceil: ceil_count(nobs1),
        nobs2_ceil: ceil_count(nobs1 * ratio),
    })
}

/// The textbook closed form `((z_{1-α/2} + z_power) / h)² (1 + 1/ratio)`, which ignores the far
/// tail and so is slightly larger than the exact root.
pub fn two_proportions_closed_form(h: f64, alpha: f64, power: f64, ratio: f64) -> f64 {
    let z = (norm_isf(alpha / 2.0) + norm_ppf(power)) / h;
    z * z * (1.0 + 1.0 / ratio)
}

/// Sample size per group from Evan Miller's calculator: baseline rate `baseline` (folded to
/// at most 0.5, as the web page does) and absolute minimum detectable effect `delta`.
pub fn evan_miller(baseline: f64, delta: f64, alpha: f64, power: f64) -> Result<f64, Error> {
    check_alpha(alpha)?;
    check_open_unit("power", power)?;
    check_open_unit("baseline", baseline)?;
    let p = if baseline > 0.5 {
        1.0 - baseline
    } else {
        baseline
    };
    if !(delta != 0.0 && p + delta > 0.0 && p + delta < 1.0) {
        return Err(Error::InvalidParameter {
            name: "mde",
            value: delta,
            expected: "non-zero, with baseline + mde strictly between 0 and 1",
        });
    }
    let z_alpha = norm_isf(alpha / 2.0);
    let z_beta = norm_ppf(power);
    let sd1 = (2.0 * p * (1.0 - p)).sqrt();
    let sd2 = (p * (1.0 - p) + (p + delta) * (1.0 - p - delta)).sqrt();
    let root = z_alpha * sd1 + z_beta * sd2;
    Ok(root * root / (delta * delta))
}

/// Sample size per arm for a difference of means (`mean_diff`, common SD `sd`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeansSampleSize {
    /// Cohen's d, `mean_diff / sd`.
    pub effect_size: f64,
    /// Exact root of the t-test power equation (noncentral t).
    pub nobs1_t: f64,
    /// Exact root of the normal approximation.
    pub nobs1_normal: f64,
}

/// Sample size per arm to detect `mean_diff` with standard deviation `sd`.
pub fn two_means(
    mean_diff: f64,
    sd: f64,
    alpha: f64,
    power: f64,
    ratio: f64,
) -> Result<MeansSampleSize, Error> {
    check_power_inputs(alpha, power, ratio)?;
    if !(sd.is_finite() && sd > 0.0) {
        return Err(Error::InvalidParameter {
            name: "sd",
            value: sd,
            expected: "a positive standard deviation",
        });
    }
    let d = mean_diff / sd;
    check_effect(d)?;
    // The t-test needs at least one degree of freedom: n1 (1 + ratio) > 2.
    let lo_t = 2.0 / (1.0 + ratio) * (1.0 + 1e-9);
    let nobs1_t = solve_increasing(|n| t_power(d, n, alpha, ratio), power, lo_t);
    let nobs1_normal = solve_increasing(|n| normal_power(d, n, alpha, ratio), power, 0.0);
    Ok(MeansSampleSize {
        effect_size: d,
        nobs1_t,
        nobs1_normal,
    })
}

/// Power to detect `p1` against `p2` with `nobs1` in arm 1 and `ratio · nobs1` in arm 2.
pub fn power_two_proportions(
    p1: f64,
    p2: f64,
    nobs1: f64,
    alpha: f64,
    ratio: f64,
) -> Result<f64, Error> {
    check_alpha(alpha)?;
    if !(nobs1.is_finite() && nobs1 > 0.0) {
        return Err(Error::InvalidParameter {
            name: "n",
            value: nobs1,
            expected: "a positive sample size",
        });
    }
    for (name, p) in [("p1", p1), ("p2", p2)] {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidParameter {
                name,
                value: p,
                expected: "a proportion in [0, 1]",
            });
        }
    }
    Ok(normal_power(cohens_h(p1, p2), nobs1, alpha, ratio))
}

/// Power of the two-sample t-test to detect `mean_diff` with standard deviation `sd`.
pub fn power_two_means(
    mean_diff: f64,
    sd: f64,
    nobs1: f64,
    alpha: f64,
    ratio: f64,
) -> Result<f64, Error> {
    check_alpha(alpha)?;
    if !(nobs1.is_finite() && nobs1 * (1.0 + ratio) > 2.0) {
        return Err(Error::InvalidParameter {
            name: "n",
            value: nobs1,
            expected: "large enough for one degree of freedom",
        });
    }
    if !(sd.is_finite() && sd > 0.0) {
        return Err(Error::InvalidParameter {
            name: "sd",
            value: sd,
            expected: "a positive standard deviation",
        });
    }
    Ok(t_power(mean_diff / sd, nobs1, alpha, ratio))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_at_the_solved_size_is_the_target() {
        let s = two_proportions(0.5, 0.6, 0.05, 0.8, 1.0).unwrap();
        let p = power_two_proportions(0.5, 0.6, s.nobs1, 0.05, 1.0).unwrap();
        assert!((p - 0.8).abs() < 1e-12);
    }

    #[test]
    fn zero_effect_is_an_error() {
        assert!(two_proportions(0.5, 0.5, 0.05, 0.8, 1.0).is_err());
        assert!(two_means(0.0, 1.0, 0.05, 0.8, 1.0).is_err());
        assert!(evan_miller(0.2, 0.0, 0.05, 0.8).is_err());
    }
}
