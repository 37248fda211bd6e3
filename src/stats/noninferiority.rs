//! Non-inferiority of one pass rate to another, with a declared margin.
//!
//! "No significant difference" is not evidence that two variants are equal: a small sample
//! fails to find almost any difference. A cheaper model may only be recommended when the data
//! shows its pass rate is *not worse by more than a margin* declared in advance. The test is
//! one-sided, H0: `p_new - p_ref <= -margin` against H1: `p_new - p_ref > -margin`, with the
//! unpooled Wald statistic
//!
//! `z = (p_new - p_ref + margin) / sqrt(p_new(1-p_new)/n_new + p_ref(1-p_ref)/n_ref)`,
//!
//! which is statsmodels' `test_proportions_2indep(count_new, n_new, count_ref, n_ref,
//! value=-margin, method="wald", compare="diff", alternative="larger")`. Equivalently, the
//! variant is non-inferior when the one-sided lower confidence bound of the difference lies
//! above `-margin`; both are returned so presenters can show the bound.
//!
//! On paired data (the same cases through both), [`paired_proportions`] uses the Wald
//! statistic of the paired difference, `d = (b - c) / n` with `var = ((b + c)/n - d^2) / n`,
//! where `b` counts pairs only the new variant passed and `c` pairs only the reference passed.

use crate::stats::distributions::{norm_isf, norm_sf};
use crate::stats::{Error, NotTestable, check_alpha, count_f64};

/// The outcome of a non-inferiority test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NonInferiority {
    /// `p_new - p_ref`.
    pub difference: f64,
    /// One-sided lower confidence bound of the difference at level `1 - alpha`.
    pub lower_bound: f64,
    /// The z statistic.
    pub statistic: f64,
    /// One-sided p-value.
    pub pvalue: f64,
    /// Whether non-inferiority is shown at `alpha` (false when not testable).
    pub non_inferior: bool,
    /// Set when the standard error is zero (both rates 0 % or 100 %).
    pub not_testable: Option<NotTestable>,
}

/// Tests whether `count_new / n_new` is non-inferior to `count_ref / n_ref` within `margin`
/// (a proportion, `0.02` for 2 percentage points) at one-sided level `alpha`.
pub fn two_proportions(
    count_new: u64,
    n_new: u64,
    count_ref: u64,
    n_ref: u64,
    margin: f64,
    alpha: f64,
) -> Result<NonInferiority, Error> {
    check_alpha(alpha)?;
    if n_new == 0 {
        return Err(Error::Empty { what: "new sample" });
    }
    if n_ref == 0 {
        return Err(Error::Empty {
            what: "reference sample",
        });
    }
    if count_new > n_new || count_ref > n_ref {
        return Err(Error::InvalidParameter {
            name: "count",
            value: count_f64(count_new.max(count_ref)),
            expected: "at most the number of observations",
        });
    }
    check_margin(margin)?;
    let (p_new, p_ref) = (
        count_f64(count_new) / count_f64(n_new),
        count_f64(count_ref) / count_f64(n_ref),
    );
    let difference = p_new - p_ref;
    let se = (p_new * (1.0 - p_new) / count_f64(n_new) + p_ref * (1.0 - p_ref) / count_f64(n_ref))
        .sqrt();
    Ok(decide(difference, se, margin, alpha))
}

/// Tests non-inferiority on paired pass/fail data: `both` pairs passed by both, `new_only`
/// passed only by the new variant, `ref_only` only by the reference, `neither` by neither.
pub fn paired_proportions(
    both: u64,
    new_only: u64,
    ref_only: u64,
    neither: u64,
    margin: f64,
    alpha: f64,
) -> Result<NonInferiority, Error> {
    check_alpha(alpha)?;
    check_margin(margin)?;
    let n = both
        .checked_add(new_only)
        .and_then(|s| s.checked_add(ref_only))
        .and_then(|s| s.checked_add(neither))
        .ok_or(Error::InvalidParameter {
            name: "pairs",
            value: f64::INFINITY,
            expected: "a count that fits in 64 bits",
        })?;
    if n == 0 {
        return Err(Error::Empty { what: "pairs" });
    }
    let nf = count_f64(n);
    let difference = (count_f64(new_only) - count_f64(ref_only)) / nf;
    let discordant = (count_f64(new_only) + count_f64(ref_only)) / nf;
    let se = ((discordant - difference * difference).max(0.0) / nf).sqrt();
    Ok(decide(difference, se, margin, alpha))
}

fn check_margin(margin: f64) -> Result<(), Error> {
    if margin.is_finite() && (0.0..1.0).contains(&margin) {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            name: "margin",
            value: margin,
            expected: "in [0, 1)",
        })
    }
}

fn decide(difference: f64, se: f64, margin: f64, alpha: f64) -> NonInferiority {
    if se == 0.0 {
        return NonInferiority {
            difference,
            lower_bound: difference,
            statistic: f64::NAN,
            pvalue: f64::NAN,
            non_inferior: false,
            not_testable: Some(NotTestable::ZeroVariance),
        };
    }
    let statistic = (difference + margin) / se;
    let pvalue = norm_sf(statistic);
    NonInferiority {
        difference,
        lower_bound: difference - norm_isf(alpha) * se,
        statistic,
        pvalue,
        non_inferior: pvalue < alpha,
        not_testable: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    // Reference values computed by hand from the formula in the module doc (the same numbers
    // statsmodels' test_proportions_2indep(method="wald", value=-margin, alternative="larger")
    // prints).
    #[test]
    fn small_margin_and_sample_do_not_show_non_inferiority() {
        let r = two_proportions(90, 100, 92, 100, 0.05, 0.05).unwrap();
        close(r.statistic, 0.741_702_264_651_222_9);
        close(r.pvalue, 0.229_133_873_703_209_15);
        close(r.lower_bound, -0.086_530_211_865_738_81);
        assert!(!r.non_inferior);
    }

    #[test]
    fn a_better_new_rate_is_non_inferior_within_the_margin() {
        let r = two_proportions(45, 50, 40, 50, 0.02, 0.05).unwrap();
        close(r.statistic, 1.697_056_274_847_713_8);
        close(r.pvalue, 0.044_843_010_885_182_28);
        close(r.lower_bound, -0.016_308_715_367_667_342);
        assert!(r.non_inferior);
        assert!(r.lower_bound > -0.02);
    }

    #[test]
    fn a_rate_exactly_margin_below_is_on_the_boundary() {
        let r = two_proportions(470, 500, 480, 500, 0.02, 0.05).unwrap();
        assert!(r.statistic.abs() < 1e-9);
        close(r.pvalue, 0.5);
        assert!(!r.non_inferior);
    }

    #[test]
    fn equal_perfect_rates_are_not_testable_not_equal() {
        let r = two_proportions(10, 10, 10, 10, 0.02, 0.05).unwrap();
        assert_eq!(r.not_testable, Some(NotTestable::ZeroVariance));
        assert!(!r.non_inferior);
    }

    #[test]
    fn paired_data_uses_the_paired_difference() {
        let r = paired_proportions(80, 10, 5, 5, 0.02, 0.05).unwrap();
        close(r.difference, 0.05);
        close(r.statistic, 1.822_644_753_731_534_5);
        close(r.pvalue, 0.034_178_606_362_825_104);
        close(r.lower_bound, -0.013_171_802_212_622_763);
        assert!(r.non_inferior);
        let agree = paired_proportions(50, 0, 0, 0, 0.02, 0.05).unwrap();
        assert_eq!(agree.not_testable, Some(NotTestable::ZeroVariance));
        assert!(paired_proportions(0, 0, 0, 0, 0.02, 0.05).is_err());
    }

    #[test]
    fn bad_margin_and_counts_are_errors() {
        assert!(two_proportions(1, 10, 1, 10, -0.1, 0.05).is_err());
        assert!(two_proportions(11, 10, 1, 10, 0.02, 0.05).is_err());
        assert!(two_proportions(1, 0, 1, 10, 0.02, 0.05).is_err());
    }
}
