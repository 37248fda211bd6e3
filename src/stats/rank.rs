//! Rank tests: the Wilcoxon signed-rank test for paired scores, latency, tokens and cost, and
//! the Mann-Whitney U test for independent samples.
//!
//! Both use average ranks for ties. Exact p-values come from the exact null distribution (only
//! valid without ties, and for Wilcoxon without zero differences); otherwise the normal
//! approximation with the tie-corrected variance and, optionally, a continuity correction.
//! Asking for the exact method on tied data falls back to the approximation; the result says
//! which method was used.

use std::cmp::Ordering;

use crate::stats::distributions::{norm_cdf, norm_sf};
use crate::stats::{Alternative, Error, NotTestable, check_paired, check_sample, len_f64};

/// How to compute the p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankMethod {
    /// The exact null distribution (no ties, no zeros); falls back to `Asymptotic` with a
    /// continuity correction when the data has them.
    Exact,
    /// The normal approximation.
    Asymptotic {
        /// Apply the continuity correction of 0.5.
        correction: bool,
    },
    /// Exact for small samples without ties, asymptotic with correction otherwise.
    Auto,
}

/// How the Wilcoxon test treats zero differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZeroMethod {
    /// Drop them (Wilcoxon's original method, the default).
    #[default]
    Wilcox,
    /// Rank them, then drop their ranks (Pratt).
    Pratt,
    /// Rank them and split their ranks between the positive and negative sums.
    Zsplit,
}

/// The method a rank test actually used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodUsed {
    /// Exact null distribution.
    Exact,
    /// Normal approximation.
    Asymptotic {
        /// Whether the continuity correction was applied.
        correction: bool,
    },
}

/// Average ranks (1-based) of `values` and the sizes of their tie groups.
pub fn rank_average(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let n = values.len();
    // Sorting (value, index) pairs keeps the comparisons in cache; tied values share one
    // average rank, so their order does not matter and an unstable sort is fine.
    let mut order: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; n];
    let mut ties = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        // `==` semantics, so -0.0 and 0.0 (adjacent after sorting) form one tie.
        while end < n && order[end].0.partial_cmp(&order[start].0) == Some(Ordering::Equal) {
            end += 1;
        }
        // Positions start..end share the average of ranks start+1..=end.
        let average = 0.5 * (len_f64(start + 1) + len_f64(end));
        for &(_, index) in &order[start..end] {
            ranks[index] = average;
        }
        ties.push(end - start);
        start = end;
    }
    (ranks, ties)
}

fn tie_term(ties: impl Iterator<Item = usize>) -> f64 {
    ties.map(|t| {
        let t = len_f64(t);
        t * t * t - t
    })
    .sum()
}

/// Wilcoxon signed-rank test result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wilcoxon {
    /// `min(r_plus, r_minus)` for two-sided tests, `r_plus` for one-sided ones.
    pub statistic: f64,
    /// The p-value.
    pub pvalue: f64,
    /// Sum of the ranks of positive differences.
    pub r_plus: f64,
    /// Sum of the ranks of negative differences.
    pub r_minus: f64,
    /// Number of differences ranked (zeros included for Pratt and zsplit).
    pub n_ranked: usize,
    /// Zero differences kept in the ranking (Pratt and zsplit).
    pub n_zero_diffs: usize,
    /// Zero differences dropped before ranking (Wilcox).
    pub n_dropped: usize,
    /// The z statistic of the normal approximation (two-sided: `-|z|`); `None` when exact.
    pub zstatistic: Option<f64>,
    /// The method actually used.
    pub method: MethodUsed,
    /// Set when every difference is zero.
    pub not_testable: Option<NotTestable>,
}

/// Largest number of differences for the exact Wilcoxon distribution.
pub const WILCOXON_EXACT_MAX: usize = 1000;
/// Largest sample for which `Auto` picks the exact Wilcoxon test.
pub const WILCOXON_AUTO_EXACT_MAX: usize = 50;

/// Wilcoxon signed-rank test on the paired differences `x[i] - y[i]`.
// Single letters follow the published formulas (a, b, x, y, p, q, ...).
#[allow(clippy::many_single_char_names)]
pub fn wilcoxon(
    x: &[f64],
    y: &[f64],
    zero_method: ZeroMethod,
    method: RankMethod,
    alternative: Alternative,
) -> Result<Wilcoxon, Error> {
    check_paired(x, y)?;
    let all: Vec<f64> = x.iter().zip(y).map(|(a, b)| a - b).collect();
    let zeros = all.iter().filter(|d| **d == 0.0).count();
    let d: Vec<f64> = if zero_method == ZeroMethod::Wilcox {
        all.iter().copied().filter(|v| *v != 0.0).collect()
    } else {
        all
    };
    let count = d.len();
    let abs: Vec<f64> = d.iter().map(|v| v.abs()).collect();
    let (ranks, ties) = rank_average(&abs);
    let mut r_plus: f64 = d
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v > 0.0)
        .map(|(_, r)| r)
        .sum();
    let mut r_minus: f64 = d
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v < 0.0)
        .map(|(_, r)| r)
        .sum();
    let kept_zeros = if zero_method == ZeroMethod::Wilcox {
        0
    } else {
        zeros
    };
    if zero_method == ZeroMethod::Zsplit {
        let zero_ranks: f64 = d
            .iter()
            .zip(&ranks)
            .filter(|(v, _)| **v == 0.0)
            .map(|(_, r)| r)
            .sum();
        r_plus += zero_ranks / 2.0;
        r_minus += zero_ranks / 2.0;
    }
    let has_ties = ties.iter().any(|&t| t > 1);
    let use_exact = match method {
        RankMethod::Exact => !has_ties && kept_zeros == 0 && count > 0,
        RankMethod::Auto => {
            !has_ties && kept_zeros == 0 && count > 0 && count <= WILCOXON_AUTO_EXACT_MAX
        }
        RankMethod::Asymptotic { .. } => false,
    };
    let not_testable = if zeros == x.len() {
        Some(NotTestable::AllDifferencesZero)
    } else {
        None
    };
    let statistic = if alternative == Alternative::TwoSided {
        r_plus.min(r_minus)
    } else {
        r_plus
    };
    if use_exact {
        if count > WILCOXON_EXACT_MAX {
            return Err(Error::ExactTooLarge {
                test: "Wilcoxon signed-rank",
                size: count,
            });
        }
        let dist = signed_rank_distribution(count);
        let cdf = |k: f64| -> f64 {
            if k < 0.0 {
                return 0.0;
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let k = (k.floor() as usize).min(dist.len() - 1);
            dist[..=k].iter().sum::<f64>().min(1.0)
        };
        let max = len_f64(count * (count + 1) / 2);
        // P(T >= k) = P(T <= max - k) by symmetry.
        let sf = |k: f64| cdf(max - k);
        let pvalue = match alternative {
            Alternative::Less => cdf(r_plus),
            Alternative::Greater => sf(r_plus),
            Alternative::TwoSided => (2.0 * cdf(r_plus).min(sf(r_plus))).min(1.0),
        };
        return Ok(Wilcoxon {
            statistic,
            pvalue,
            r_plus,
            r_minus,
            n_ranked: count,
            n_zero_diffs: kept_zeros,
            n_dropped: zeros - kept_zeros,
            zstatistic: None,
            method: MethodUsed::Exact,
            not_testable,
        });
    }
    let correction = match method {
        RankMethod::Asymptotic { correction } => correction,
        RankMethod::Exact | RankMethod::Auto => true,
    };
    let n = len_f64(count);
    let mut mn = n * (n + 1.0) * 0.25;
    let mut se = n * (n + 1.0) * (2.0 * n + 1.0);
    let tie_correct = if zero_method == ZeroMethod::Pratt && kept_zeros > 0 {
        let z = len_f64(kept_zeros);
        mn -= z * (z + 1.0) * 0.25;
        se -= z * (z + 1.0) * (2.0 * z + 1.0);
        // The zero group is the first tie group (smallest absolute value); leave it out.
        tie_term(ties.iter().skip(1).copied())
    } else {
        tie_term(ties.iter().copied())
    };
    se -= tie_correct / 2.0;
    let se = (se / 24.0).sqrt();
    let mut z = (r_plus - mn) / se;
    if correction {
        let sign = match alternative {
            Alternative::Greater => 1.0,
            Alternative::Less => -1.0,
            Alternative::TwoSided => sign_of(z),
        };
        z -= sign * 0.5 / se;
    }
    let pvalue = match alternative {
        Alternative::TwoSided => 2.0 * norm_sf(z.abs()),
        Alternative::Greater => norm_sf(z),
        Alternative::Less => norm_cdf(z),
    }
    .clamp(0.0, 1.0);
    let pvalue = if z.is_nan() { f64::NAN } else { pvalue };
    Ok(Wilcoxon {
        statistic,
        pvalue,
        r_plus,
        r_minus,
        n_ranked: count,
        n_zero_diffs: kept_zeros,
        n_dropped: zeros - kept_zeros,
        zstatistic: Some(if alternative == Alternative::TwoSided {
            -z.abs()
        } else {
            z
        }),
        method: MethodUsed::Asymptotic { correction },
        not_testable,
    })
}

/// NumPy's `sign`: -1, 0 or 1 (NaN stays NaN).
fn sign_of(z: f64) -> f64 {
    if z > 0.0 {
        1.0
    } else if z < 0.0 {
        -1.0
    } else {
        z * 0.0
    }
}

/// Null distribution of the signed-rank sum for `n` untied, non-zero differences:
/// `P(T = k)` for `k = 0..=n(n+1)/2`. Every step halves, so the values are exact.
fn signed_rank_distribution(n: usize) -> Vec<f64> {
    let max = n * (n + 1) / 2;
    let mut probs = vec![0.0; max + 1];
    probs[0] = 1.0;
    let mut top = 0;
    for i in 1..=n {
        top += i;
        for k in (0..=top).rev() {
            let shifted = if k >= i { probs[k - i] } else { 0.0 };
            probs[k] = 0.5 * (probs[k] + shifted);
        }
    }
    probs
}

/// Mann-Whitney U test result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample (its rank sum minus `n_x (n_x + 1) / 2`).
    pub statistic: f64,
    /// U of the second sample, `n_x n_y - U`.
    pub u_y: f64,
    /// The p-value.
    pub pvalue: f64,
    /// The method actually used.
    pub method: MethodUsed,
    /// Set when every value is tied.
    pub not_testable: Option<NotTestable>,
}

/// Largest `n_x · n_y` for the exact Mann-Whitney distribution.
pub const MANN_WHITNEY_EXACT_MAX: usize = 10_000;
/// Largest sample size (each) for which `Auto` picks the exact Mann-Whitney test.
pub const MANN_WHITNEY_AUTO_EXACT_MAX: usize = 8;

/// Mann-Whitney U test of `x` against `y` (`Greater`: `x` tends to be larger).
// Single letters follow the published formulas (a, b, x, y, p, q, ...).
#[allow(clippy::many_single_char_names)]
pub fn mann_whitney(
    x: &[f64],
    y: &[f64],
    method: RankMethod,
    alternative: Alternative,
) -> Result<MannWhitney, Error> {
    check_sample("first sample", x)?;
    check_sample("second sample", y)?;
    let (n1, n2) = (x.len(), y.len());
    let combined: Vec<f64> = x.iter().chain(y).copied().collect();
    let (ranks, ties) = rank_average(&combined);
    let r1: f64 = ranks[..n1].iter().sum();
    let (n1f, n2f) = (len_f64(n1), len_f64(n2));
    let u1 = r1 - n1f * (n1f + 1.0) / 2.0;
    let u2 = n1f * n2f - u1;
    let (u, factor) = match alternative {
        Alternative::Greater => (u1, 1.0),
        Alternative::Less => (u2, 1.0),
        Alternative::TwoSided => (u1.max(u2), 2.0),
    };
    let has_ties = ties.iter().any(|&t| t > 1);
    let not_testable = if ties.len() == 1 {
        Some(NotTestable::AllValuesTied)
    } else {
        None
    };
    let use_exact = match method {
        RankMethod::Exact => !has_ties,
        RankMethod::Auto => {
            !has_ties && n1 <= MANN_WHITNEY_AUTO_EXACT_MAX && n2 <= MANN_WHITNEY_AUTO_EXACT_MAX
        }
        RankMethod::Asymptotic { .. } => false,
    };
    if use_exact {
        if n1 * n2 > MANN_WHITNEY_EXACT_MAX {
            return Err(Error::ExactTooLarge {
                test: "Mann-Whitney U",
                size: n1 * n2,
            });
        }
        let pvalue = (mann_whitney_sf(u, n1, n2) * factor).clamp(0.0, 1.0);
        return Ok(MannWhitney {
            statistic: u1,
            u_y: u2,
            pvalue,
            method: MethodUsed::Exact,
            not_testable,
        });
    }
    let correction = match method {
        RankMethod::Asymptotic { correction } => correction,
        RankMethod::Exact | RankMethod::Auto => true,
    };
    let n = n1f + n2f;
    let mu = n1f * n2f / 2.0;
    let s = (n1f * n2f / 12.0 * ((n + 1.0) - tie_term(ties.into_iter()) / (n * (n - 1.0)))).sqrt();
    let mut numerator = u - mu;
    if correction {
        numerator -= 0.5;
    }
    let z = numerator / s;
    let pvalue = if z.is_nan() {
        f64::NAN
    } else {
        (norm_sf(z) * factor).clamp(0.0, 1.0)
    };
    Ok(MannWhitney {
        statistic: u1,
        u_y: u2,
        pvalue,
        method: MethodUsed::Asymptotic { correction },
        not_testable,
    })
}

/// `P(U >= u)` under the null for samples of sizes `m` and `n` without ties.
fn mann_whitney_sf(u: f64, m: usize, n: usize) -> f64 {
    let total = m * n;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let u_int = u.round().max(0.0) as usize;
    if u_int == 0 {
        return 1.0;
    }
    if u_int > total {
        return 0.0;
    }
    let half = total / 2;
    // P(U >= u) = P(U <= total - u); use whichever side needs only the lower half.
    if total - u_int <= half {
        let dist = mann_whitney_lower(m, n, half);
        dist[..=(total - u_int)].iter().sum::<f64>().min(1.0)
    } else {
        let dist = mann_whitney_lower(m, n, half);
        (1.0 - dist[..u_int].iter().sum::<f64>()).max(0.0)
    }
}

/// `P(U = k)` for `k = 0..=max_k` with sample sizes `m`, `n`, by the stable recurrence
/// `p(m, n; k) = m/(m+n) p(m-1, n; k-n) + n/(m+n) p(m, n-1; k)` (all terms positive).
fn mann_whitney_lower(m: usize, n: usize, max_k: usize) -> Vec<f64> {
    // prev[j] = distribution for (i - 1, j); cur[j] for (i, j).
    let unit = {
        let mut v = vec![0.0; max_k + 1];
        v[0] = 1.0;
        v
    };
    let mut prev: Vec<Vec<f64>> = vec![unit.clone(); n + 1];
    for i in 1..=m {
        let mut cur: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
        cur.push(unit.clone());
        for j in 1..=n {
            let w_x = len_f64(i) / len_f64(i + j);
            let w_y = len_f64(j) / len_f64(i + j);
            let mut v = vec![0.0; max_k + 1];
            for (k, slot) in v.iter_mut().enumerate() {
                let from_x = if k >= j { prev[j][k - j] } else { 0.0 };
                *slot = w_x * from_x + w_y * cur[j - 1][k];
            }
            cur.push(v);
        }
        prev = cur;
    }
    prev.swap_remove(n)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        let (ranks, ties) = rank_average(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(ranks, vec![3.5, 1.0, 3.5, 2.0]);
        assert_eq!(ties, vec![1, 1, 2]);
    }

    #[test]
    fn exact_mann_whitney_is_symmetric_in_sample_order() {
        let x: Vec<f64> = (1..=10).map(f64::from).collect();
        let y: Vec<f64> = (11..=20).map(f64::from).collect();
        let a = mann_whitney(&x, &y, RankMethod::Exact, Alternative::TwoSided).unwrap();
        let b = mann_whitney(&y, &x, RankMethod::Exact, Alternative::TwoSided).unwrap();
        assert!((a.pvalue - 1.082_508_822_446_903e-5).abs() < 1e-15);
        assert_eq!(a.pvalue, b.pvalue);
    }

    #[test]
    fn all_zero_differences_are_not_testable() {
        let r = wilcoxon(
            &[1.0, 2.0],
            &[1.0, 2.0],
            ZeroMethod::Wilcox,
            RankMethod::Auto,
            Alternative::TwoSided,
        )
        .unwrap();
        assert_eq!(r.not_testable, Some(NotTestable::AllDifferencesZero));
        assert!(r.pvalue.is_nan());
    }
}
