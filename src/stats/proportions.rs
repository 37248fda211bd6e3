//! Tests and effect sizes for pass/fail outcomes.
//!
//! Paired designs (every case through both variants) use McNemar's test on the discordant
//! pairs; split-traffic designs use a 2×2 table `[[pass_A, fail_A], [pass_B, fail_B]]` with
//! chi-square (with or without Yates' correction), Fisher's exact test or the pooled
//! two-proportion z-test.

use crate::stats::distributions::ln_sum_exp;
use crate::stats::distributions::{Hypergeometric, binom_cdf, chi2_sf, norm_cdf, norm_sf};
use crate::stats::{Alternative, Error, NotTestable, count_f64};

/// The outcome of a test: its statistic and p-value, or why it cannot be tested.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestOutcome {
    /// The test statistic.
    pub statistic: f64,
    /// The p-value.
    pub pvalue: f64,
    /// Set when the data carries no information for this test.
    pub not_testable: Option<NotTestable>,
}

/// Which form of McNemar's test to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McNemarMethod {
    /// Exact binomial test on the discordant pairs: `p = min(1, 2 P(X <= min(b, c)))`.
    Exact,
    /// Chi-square with one degree of freedom, optionally with the continuity correction.
    ChiSquare {
        /// Subtract 1 from `|b - c|` (statsmodels does so even when `b == c`).
        correction: bool,
    },
}

/// Below this many discordant pairs, [`McNemarMethod::auto`] picks the exact test.
pub const MCNEMAR_EXACT_BELOW: u64 = 25;

impl McNemarMethod {
    /// Exact when discordant pairs are few, corrected chi-square otherwise.
    pub fn auto(b: u64, c: u64) -> McNemarMethod {
        if b + c < MCNEMAR_EXACT_BELOW {
            McNemarMethod::Exact
        } else {
            McNemarMethod::ChiSquare { correction: true }
        }
    }
}

/// McNemar's test result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct McNemar {
    /// Statistic (`min(b, c)` for the exact test, chi-square otherwise) and p-value.
    pub outcome: TestOutcome,
    /// Number of discordant pairs `b + c`.
    pub n_discordant: u64,
    /// The method used.
    pub method: McNemarMethod,
}

/// McNemar's test for paired pass/fail data: `b` pairs where A passed and B failed, `c` where
/// A failed and B passed. With no discordant pairs the result is "not testable" with p = 1.
pub fn mcnemar(b: u64, c: u64, method: McNemarMethod) -> McNemar {
    // Counts near u64::MAX saturate instead of overflowing.
    let n = b.saturating_add(c);
    let (bf, cf, nf) = (count_f64(b), count_f64(c), count_f64(n));
    let outcome = if n == 0 {
        let statistic = match method {
            McNemarMethod::Exact => 0.0,
            McNemarMethod::ChiSquare { .. } => f64::NAN,
        };
        TestOutcome {
            statistic,
            pvalue: 1.0,
            not_testable: Some(NotTestable::NoDiscordantPairs),
        }
    } else {
        match method {
            McNemarMethod::Exact => {
                let k = bf.min(cf);
                TestOutcome {
                    statistic: k,
                    pvalue: (2.0 * binom_cdf(k, n, 0.5)).min(1.0),
                    not_testable: None,
                }
            }
            McNemarMethod::ChiSquare { correction } => {
                let shift = if correction { 1.0 } else { 0.0 };
                let statistic = ((bf - cf).abs() - shift).powi(2) / nf;
                TestOutcome {
                    statistic,
                    pvalue: chi2_sf(statistic, 1.0),
                    not_testable: None,
                }
            }
        }
    };
    McNemar {
        outcome,
        n_discordant: n,
        method,
    }
}

/// A 2×2 table of counts: `[[pass_A, fail_A], [pass_B, fail_B]]`.
pub type Table2x2 = [[u64; 2]; 2];

/// Chi-square test of independence on a 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare2x2 {
    /// Statistic and p-value (one degree of freedom).
    pub outcome: TestOutcome,
    /// Expected counts under independence.
    pub expected: [[f64; 2]; 2],
    /// Degrees of freedom (always 1).
    pub dof: u32,
}

/// Chi-square test on a 2×2 table, with Yates' continuity correction when `correction` is set
/// (the adjustment is capped at `|O - E|`, so the statistic can be 0). A row or column summing
/// to zero is "not testable".
pub fn chi_square_2x2(table: &Table2x2, correction: bool) -> ChiSquare2x2 {
    // Sums in u128 cannot overflow, whatever the counts.
    let cell = |i: usize, j: usize| u128::from(table[i][j]);
    let rows = [cell(0, 0) + cell(0, 1), cell(1, 0) + cell(1, 1)];
    let cols = [cell(0, 0) + cell(1, 0), cell(0, 1) + cell(1, 1)];
    #[allow(clippy::cast_precision_loss)]
    let wide = |n: u128| n as f64;
    let total = wide(rows[0] + rows[1]);
    let mut expected = [[0.0; 2]; 2];
    for (i, row) in expected.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = wide(rows[i]) * wide(cols[j]) / total;
        }
    }
    if rows.contains(&0) || cols.contains(&0) {
        return ChiSquare2x2 {
            outcome: TestOutcome {
                statistic: f64::NAN,
                pvalue: f64::NAN,
                not_testable: Some(NotTestable::EmptyRowOrColumn),
            },
            expected,
            dof: 1,
        };
    }
    let mut statistic = 0.0;
    for i in 0..2 {
        for j in 0..2 {
            let e = expected[i][j];
            let mut o = count_f64(table[i][j]);
            if correction {
                let diff = e - o;
                o += diff.abs().min(0.5) * diff.signum();
            }
            statistic += (o - e) * (o - e) / e;
        }
    }
    ChiSquare2x2 {
        outcome: TestOutcome {
            statistic,
            pvalue: chi2_sf(statistic, 1.0),
            not_testable: None,
        },
        expected,
        dof: 1,
    }
}

/// Largest number of tables Fisher's exact test enumerates (the support of the
/// hypergeometric distribution); beyond it, use the chi-square test.
pub const FISHER_MAX_SUPPORT: u64 = 50_000_000;

/// Fisher's exact test on a 2×2 table.
///
/// The statistic is the sample odds ratio `a·d / (b·c)` (NaN for an empty row or column,
/// infinite when `b·c = 0`). The two-sided p-value adds every table whose probability is at
/// most the observed one's (relative tolerance 1e-14), all in log space, so tables of any size
/// work (statrs's version overflows beyond a few thousand observations).
pub fn fisher_exact(table: &Table2x2, alternative: Alternative) -> Result<TestOutcome, Error> {
    let [[a, b], [c, d]] = *table;
    let too_large = || Error::ExactTooLarge {
        test: "Fisher",
        size: usize::MAX,
    };
    let n1 = a.checked_add(b).ok_or_else(too_large)?;
    let n2 = c.checked_add(d).ok_or_else(too_large)?;
    let col = a.checked_add(c).ok_or_else(too_large)?;
    let total = n1.checked_add(n2).ok_or_else(too_large)?;
    if n1 == 0 || n2 == 0 || col == 0 || b + d == 0 {
        return Ok(TestOutcome {
            statistic: f64::NAN,
            pvalue: 1.0,
            not_testable: Some(NotTestable::EmptyRowOrColumn),
        });
    }
    let support = n1.min(col).min(n2).min(b + d);
    if support > FISHER_MAX_SUPPORT {
        return Err(Error::ExactTooLarge {
            test: "Fisher",
            size: usize::try_from(support).unwrap_or(usize::MAX),
        });
    }
    let odds_ratio = if b > 0 && c > 0 {
        count_f64(a) * count_f64(d) / (count_f64(c) * count_f64(b))
    } else {
        f64::INFINITY
    };
    let Some(dist) = Hypergeometric::new(total, n1, col) else {
        // Row and column sums never exceed the total, so this cannot happen.
        return Ok(TestOutcome {
            statistic: odds_ratio,
            pvalue: f64::NAN,
            not_testable: None,
        });
    };
    let pvalue = match alternative {
        Alternative::Less => dist.cdf(a),
        Alternative::Greater => dist.sf_inclusive(a),
        Alternative::TwoSided => {
            let (low, high) = dist.support();
            let ln_observed = dist.ln_pmf(a);
            let threshold = ln_observed + 1e-14_f64.ln_1p();
            let all_included = (low..=high).all(|x| dist.ln_pmf(x) <= threshold);
            if all_included {
                1.0
            } else {
                let included: Vec<f64> = (low..=high)
                    .map(|x| dist.ln_pmf(x))
                    .filter(|&v| v <= threshold)
                    .collect();
                ln_sum_exp(included.iter().copied()).exp().min(1.0)
            }
        }
    };
    Ok(TestOutcome {
        statistic: odds_ratio,
        pvalue,
        not_testable: None,
    })
}

/// Two-proportion z-test with pooled variance: `z = (p1 - p2) / sqrt(p̄(1-p̄)(1/n1 + 1/n2))`.
/// `Greater` means arm 1's rate is larger. A pooled rate of 0 or 1 is "not testable" (z is
/// 0/0).
pub fn two_proportion_ztest(
    count1: u64,
    nobs1: u64,
    count2: u64,
    nobs2: u64,
    alternative: Alternative,
) -> TestOutcome {
    let (c1, n1, c2, n2) = (
        count_f64(count1),
        count_f64(nobs1),
        count_f64(count2),
        count_f64(nobs2),
    );
    let diff = c1 / n1 - c2 / n2;
    let pooled = (c1 + c2) / (n1 + n2);
    let std = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let z = diff / std;
    let pvalue = match alternative {
        Alternative::TwoSided => 2.0 * norm_sf(z.abs()),
        Alternative::Greater => norm_sf(z),
        Alternative::Less => norm_cdf(z),
    };
    let passes = u128::from(count1) + u128::from(count2);
    let not_testable = if nobs1 == 0 || nobs2 == 0 {
        Some(NotTestable::EmptyRowOrColumn)
    } else if passes == 0 || passes == u128::from(nobs1) + u128::from(nobs2) {
        Some(NotTestable::PooledRateDegenerate)
    } else {
        None
    };
    TestOutcome {
        statistic: z,
        pvalue,
        not_testable,
    }
}

/// Effect sizes for two proportions, B against A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionEffects {
    /// Rate of A.
    pub rate_a: f64,
    /// Rate of B.
    pub rate_b: f64,
    /// Risk difference `p_B - p_A`.
    pub risk_difference: f64,
    /// Relative lift `(p_B - p_A) / p_A` (infinite or NaN when `p_A = 0`).
    pub relative_lift: f64,
    /// Cohen's h, `2 asin √p_B - 2 asin √p_A`.
    pub cohens_h: f64,
}

/// Effect sizes of B's rate against A's.
pub fn proportion_effects(rate_a: f64, rate_b: f64) -> ProportionEffects {
    ProportionEffects {
        rate_a,
        rate_b,
        risk_difference: rate_b - rate_a,
        relative_lift: (rate_b - rate_a) / rate_a,
        cohens_h: cohens_h(rate_b, rate_a),
    }
}

/// Cohen's h for two proportions: `2 asin √p1 - 2 asin √p2`.
pub fn cohens_h(p1: f64, p2: f64) -> f64 {
    2.0 * p1.sqrt().asin() - 2.0 * p2.sqrt().asin()
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn mcnemar_without_discordant_pairs_is_not_testable() {
        let r = mcnemar(0, 0, McNemarMethod::ChiSquare { correction: true });
        assert_eq!(r.outcome.pvalue, 1.0);
        assert_eq!(r.outcome.not_testable, Some(NotTestable::NoDiscordantPairs));
    }

    #[test]
    fn auto_method_switches_on_discordant_count() {
        assert_eq!(McNemarMethod::auto(3, 12), McNemarMethod::Exact);
        assert_eq!(
            McNemarMethod::auto(30, 12),
            McNemarMethod::ChiSquare { correction: true }
        );
    }

    #[test]
    fn huge_counts_do_not_panic() {
        let max = u64::MAX;
        let m = mcnemar(max, 1, McNemarMethod::ChiSquare { correction: true });
        assert!(m.outcome.pvalue.is_finite());
        let c = chi_square_2x2(&[[max, max], [max, 1]], true);
        assert!(c.outcome.statistic.is_finite());
        assert!(fisher_exact(&[[max, 1], [1, 1]], Alternative::TwoSided).is_err());
        assert!(
            fisher_exact(&[[1 << 40, 1 << 40], [1 << 40, 1 << 40]], Alternative::Less).is_err()
        );
        let z = two_proportion_ztest(max, max, max, max, Alternative::TwoSided);
        assert_eq!(z.not_testable, Some(NotTestable::PooledRateDegenerate));
    }

    #[test]
    fn fisher_handles_tables_statrs_cannot() {
        let r = fisher_exact(&[[9000, 1000], [8800, 1200]], Alternative::TwoSided).unwrap();
        assert!((r.pvalue - 6.800_024_223_808_414e-6).abs() < 1e-12);
    }
}
