//! Multiple-comparison corrections across variants × metrics: Holm (the default: it controls
//! the family-wise error rate like Bonferroni but rejects more), Bonferroni, and
//! Benjamini-Hochberg (controls the false discovery rate instead).
//!
//! Adjusted p-values are returned in input order, capped at 1 and monotone in the raw p-values,
//! matching `statsmodels.stats.multitest.multipletests`.

use crate::stats::{Error, check_alpha, len_f64};

/// A correction method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Correction {
    /// Holm's step-down procedure (the default).
    #[default]
    Holm,
    /// Bonferroni: multiply by the number of tests.
    Bonferroni,
    /// Benjamini-Hochberg false discovery rate.
    BenjaminiHochberg,
}

/// Corrected p-values and decisions, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    /// Adjusted p-values.
    pub pvalues: Vec<f64>,
    /// Whether each hypothesis is rejected at `alpha`.
    pub reject: Vec<bool>,
}

/// Adjusts `pvalues` for multiple comparisons at family level `alpha`.
pub fn adjust(pvalues: &[f64], alpha: f64, method: Correction) -> Result<Corrected, Error> {
    check_alpha(alpha)?;
    if let Some((index, &value)) = pvalues
        .iter()
        .enumerate()
        .find(|(_, p)| !(0.0..=1.0).contains(*p))
    {
        return Err(Error::NonFinite {
            what: "p-values (each must be in [0, 1])",
            index: index + 1,
            value,
        });
    }
    let m = pvalues.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| pvalues[i].total_cmp(&pvalues[j]));
    let sorted: Vec<f64> = order.iter().map(|&i| pvalues[i]).collect();
    let mf = len_f64(m);
    let (adjusted, reject_sorted): (Vec<f64>, Vec<bool>) = match method {
        Correction::Bonferroni => {
            let adjusted: Vec<f64> = sorted.iter().map(|p| p * mf).collect();
            let reject = sorted.iter().map(|p| *p <= alpha / mf).collect();
            (adjusted, reject)
        }
        Correction::Holm => {
            let mut adjusted = Vec::with_capacity(m);
            let mut running = f64::NEG_INFINITY;
            for (i, p) in sorted.iter().enumerate() {
                running = running.max(p * len_f64(m - i));
                adjusted.push(running);
            }
            let first_kept = sorted
                .iter()
                .enumerate()
                .position(|(i, p)| *p > alpha / len_f64(m - i))
                .unwrap_or(m);
            let reject = (0..m).map(|i| i < first_kept).collect();
            (adjusted, reject)
        }
        Correction::BenjaminiHochberg => {
            let factor = |i: usize| len_f64(i + 1) / mf;
            let last_rejected = sorted
                .iter()
                .enumerate()
                .rposition(|(i, p)| *p <= factor(i) * alpha);
            let reject = (0..m)
                .map(|i| last_rejected.is_some_and(|r| i <= r))
                .collect();
            let mut adjusted = vec![0.0; m];
            let mut running = f64::INFINITY;
            for i in (0..m).rev() {
                running = running.min(sorted[i] / factor(i));
                adjusted[i] = running;
            }
            (adjusted, reject)
        }
    };
    let mut pvalues_out = vec![0.0; m];
    let mut reject_out = vec![false; m];
    for (rank, &index) in order.iter().enumerate() {
        pvalues_out[index] = adjusted[rank].min(1.0);
        reject_out[index] = reject_sorted[rank];
    }
    Ok(Corrected {
        pvalues: pvalues_out,
        reject: reject_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_is_monotone_and_in_input_order() {
        let r = adjust(&[0.01, 0.04, 0.03, 0.2], 0.05, Correction::Holm).unwrap();
        assert_eq!(r.reject, vec![true, false, false, false]);
        assert!((r.pvalues[1] - 0.09).abs() < 1e-15 && (r.pvalues[2] - 0.09).abs() < 1e-15);
    }

    #[test]
    fn rejects_out_of_range_pvalues() {
        assert!(adjust(&[0.5, 1.5], 0.05, Correction::Holm).is_err());
        assert!(adjust(&[f64::NAN], 0.05, Correction::Holm).is_err());
    }

    #[test]
    fn empty_input_is_empty_output() {
        let r = adjust(&[], 0.05, Correction::BenjaminiHochberg).unwrap();
        assert!(r.pvalues.is_empty());
    }
}
