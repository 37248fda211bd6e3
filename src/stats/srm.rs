//! Sample-ratio mismatch: a chi-square goodness-of-fit test of the observed arm sizes against
//! the configured traffic weights. A tiny p-value means the split itself is broken (a bug in
//! assignment, logging or filtering), and no other result of the experiment can be trusted.

use crate::stats::distributions::chi2_sf;
use crate::stats::{Error, count_f64, len_f64};

/// Result of the sample-ratio check.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleRatio {
    /// The chi-square statistic.
    pub statistic: f64,
    /// Its p-value, from the survival function (strong mismatches keep their digits).
    pub pvalue: f64,
    /// Degrees of freedom, `arms - 1`.
    pub dof: usize,
    /// Expected count per arm, `w_i / Σw · Σobserved`.
    pub expected: Vec<f64>,
}

/// Conventional threshold below which a sample-ratio mismatch is reported.
pub const SRM_ALPHA: f64 = 0.001;

/// Tests observed arm counts against configured weights.
pub fn sample_ratio_mismatch(observed: &[u64], weights: &[f64]) -> Result<SampleRatio, Error> {
    if observed.len() < 2 {
        return Err(Error::TooFew {
            what: "arms",
            needed: 2,
            got: observed.len(),
        });
    }
    if observed.len() != weights.len() {
        return Err(Error::LengthMismatch {
            left: observed.len(),
            right: weights.len(),
        });
    }
    if let Some(&w) = weights.iter().find(|w| !(w.is_finite() && **w > 0.0)) {
        return Err(Error::InvalidParameter {
            name: "weight",
            value: w,
            expected: "a positive number",
        });
    }
    let total: u64 = observed.iter().sum();
    if total == 0 {
        return Err(Error::Empty {
            what: "observed counts",
        });
    }
    let weight_sum: f64 = weights.iter().sum();
    let total_f = count_f64(total);
    let expected: Vec<f64> = weights.iter().map(|w| w / weight_sum * total_f).collect();
    let statistic: f64 = observed
        .iter()
        .zip(&expected)
        .map(|(o, e)| {
            let d = count_f64(*o) - e;
            d * d / e
        })
        .sum();
    let dof = observed.len() - 1;
    Ok(SampleRatio {
        statistic,
        pvalue: chi2_sf(statistic, len_f64(dof)),
        dof,
        expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_mismatch_keeps_a_tiny_pvalue() {
        let r = sample_ratio_mismatch(&[505_000, 495_000], &[1.0, 1.0]).unwrap();
        assert!(r.pvalue > 0.0 && r.pvalue < 1e-20);
    }

    #[test]
    fn rejects_bad_weights() {
        assert!(sample_ratio_mismatch(&[1, 2], &[1.0, 0.0]).is_err());
        assert!(sample_ratio_mismatch(&[1, 2], &[1.0]).is_err());
        assert!(sample_ratio_mismatch(&[0, 0], &[1.0, 1.0]).is_err());
    }
}
