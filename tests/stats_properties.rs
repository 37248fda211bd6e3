//! Property tests of `promptctl::stats`: p-values are probabilities, swapping the arms mirrors
//! a two-sided result, intervals contain their estimate, and more data at the same rate never
//! widens a Wilson interval.

use promptctl::stats::Alternative;
use promptctl::stats::intervals::{self, DifferenceMethod, ProportionMethod};
use promptctl::stats::proportions::{self, McNemarMethod};
use promptctl::stats::rank::{self, RankMethod, ZeroMethod};
use promptctl::stats::ttest;
use proptest::prelude::*;

fn is_probability(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

/// Scores like a grader produces: a few distinct values, so ties are common.
fn scores(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec((0_u32..=20).prop_map(|v| f64::from(v) / 20.0), len)
}

/// Latencies: continuous, positive, wide.
fn latencies(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(1.0_f64..5000.0, len)
}

fn table() -> impl Strategy<Value = [[u64; 2]; 2]> {
    (0_u64..300, 0_u64..300, 0_u64..300, 0_u64..300).prop_map(|(a, b, c, d)| [[a, b], [c, d]])
}

fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 + 1e-9 * b.abs()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pvalues_of_count_tests_are_probabilities(t in table(), correction in any::<bool>()) {
        let m = proportions::mcnemar(t[0][1], t[1][0], McNemarMethod::Exact);
        prop_assert!(is_probability(m.outcome.pvalue));
        let m = proportions::mcnemar(t[0][1], t[1][0], McNemarMethod::ChiSquare { correction });
        prop_assert!(is_probability(m.outcome.pvalue));
        let f = proportions::fisher_exact(&t, Alternative::TwoSided).unwrap();
        prop_assert!(is_probability(f.pvalue));
        let c = proportions::chi_square_2x2(&t, correction);
        prop_assert!(c.outcome.not_testable.is_some() || is_probability(c.outcome.pvalue));
        let n1 = t[0][0] + t[0][1];
        let n2 = t[1][0] + t[1][1];
        let z = proportions::two_proportion_ztest(t[0][0], n1, t[1][0], n2, Alternative::TwoSided);
        prop_assert!(z.not_testable.is_some() || is_probability(z.pvalue));
    }

    #[test]
    fn pvalues_of_sample_tests_are_probabilities(a in scores(2..40), b in scores(2..40)) {
        for alt in [Alternative::TwoSided, Alternative::Less, Alternative::Greater] {
            let w = ttest::independent(&a, &b, false, 0.95, alt).unwrap();
            prop_assert!(w.not_testable.is_some() || is_probability(w.pvalue));
            let u = rank::mann_whitney(&a, &b, RankMethod::Auto, alt).unwrap();
            prop_assert!(u.not_testable.is_some() || is_probability(u.pvalue));
        }
        let n = a.len().min(b.len());
        for zero in [ZeroMethod::Wilcox, ZeroMethod::Pratt, ZeroMethod::Zsplit] {
            let r = rank::wilcoxon(&a[..n], &b[..n], zero, RankMethod::Auto, Alternative::TwoSided).unwrap();
            prop_assert!(r.pvalue.is_nan() && r.not_testable.is_some() || is_probability(r.pvalue) || r.n_ranked == 0);
        }
    }

    #[test]
    fn swapping_arms_mirrors_two_sided_results(a in latencies(2..30), b in latencies(2..30)) {
        let ab = ttest::independent(&a, &b, false, 0.95, Alternative::TwoSided).unwrap();
        let ba = ttest::independent(&b, &a, false, 0.95, Alternative::TwoSided).unwrap();
        prop_assert!(close(ab.pvalue, ba.pvalue));
        prop_assert!(close(ab.statistic, -ba.statistic));
        prop_assert!(close(ab.ci_low, -ba.ci_high));
        let ab = rank::mann_whitney(&a, &b, RankMethod::Auto, Alternative::TwoSided).unwrap();
        let ba = rank::mann_whitney(&b, &a, RankMethod::Auto, Alternative::TwoSided).unwrap();
        prop_assert!(close(ab.pvalue, ba.pvalue));
        let n = a.len().min(b.len());
        let ab = rank::wilcoxon(&a[..n], &b[..n], ZeroMethod::Wilcox, RankMethod::Auto, Alternative::TwoSided).unwrap();
        let ba = rank::wilcoxon(&b[..n], &a[..n], ZeroMethod::Wilcox, RankMethod::Auto, Alternative::TwoSided).unwrap();
        prop_assert!(close(ab.pvalue, ba.pvalue));
        let ab = ttest::paired(&a[..n], &b[..n], 0.95, Alternative::TwoSided).unwrap();
        let ba = ttest::paired(&b[..n], &a[..n], 0.95, Alternative::TwoSided).unwrap();
        prop_assert!(close(ab.pvalue, ba.pvalue));
    }

    #[test]
    fn swapping_arms_mirrors_count_tests(t in table()) {
        let swapped = [t[1], t[0]];
        let f = proportions::fisher_exact(&t, Alternative::TwoSided).unwrap();
        let g = proportions::fisher_exact(&swapped, Alternative::TwoSided).unwrap();
        prop_assert!(close(f.pvalue, g.pvalue), "{} vs {}", f.pvalue, g.pvalue);
        let m = proportions::mcnemar(t[0][1], t[1][0], McNemarMethod::Exact);
        let n = proportions::mcnemar(t[1][0], t[0][1], McNemarMethod::Exact);
        prop_assert!(close(m.outcome.pvalue, n.outcome.pvalue));
        let c = proportions::chi_square_2x2(&t, true);
        let d = proportions::chi_square_2x2(&swapped, true);
        prop_assert!(close(c.outcome.pvalue, d.outcome.pvalue));
    }

    #[test]
    fn intervals_contain_their_estimate(count in 0_u64..500, extra in 1_u64..500, count2 in 0_u64..500, extra2 in 1_u64..500) {
        let nobs = count + extra;
        // Jeffreys is left out on purpose: its equal-tailed interval (as statsmodels computes it)
        // excludes 0 when there are no successes.
        for method in [ProportionMethod::Wilson, ProportionMethod::ClopperPearson, ProportionMethod::AgrestiCoull] {
            let i = intervals::proportion(count, nobs, 0.05, method).unwrap();
            prop_assert!(i.low <= i.estimate + 1e-12 && i.estimate <= i.high + 1e-12, "{method:?}: {i:?}");
        }
        let nobs2 = count2 + extra2;
        for method in [DifferenceMethod::Newcombe, DifferenceMethod::Wald, DifferenceMethod::AgrestiCaffo] {
            let i = intervals::proportion_difference(count, nobs, count2, nobs2, 0.05, method).unwrap();
            if method != DifferenceMethod::AgrestiCaffo {
                prop_assert!(i.low <= i.estimate + 1e-12 && i.estimate <= i.high + 1e-12, "{method:?}: {i:?}");
            }
            prop_assert!(i.low <= i.high);
        }
    }

    #[test]
    fn mean_intervals_contain_the_mean(a in latencies(2..50), b in latencies(2..50)) {
        let m = intervals::mean(&a, 0.95).unwrap();
        prop_assert!(m.ci_low <= m.estimate && m.estimate <= m.ci_high);
        let d = intervals::mean_difference(&a, &b, 0.95).unwrap();
        prop_assert!(d.ci_low <= d.estimate && d.estimate <= d.ci_high);
    }

    #[test]
    fn more_data_never_widens_wilson(count in 0_u64..200, extra in 1_u64..200, factor in 2_u64..50) {
        let nobs = count + extra;
        let small = intervals::proportion(count, nobs, 0.05, ProportionMethod::Wilson).unwrap();
        let large = intervals::proportion(count * factor, nobs * factor, 0.05, ProportionMethod::Wilson).unwrap();
        prop_assert!(large.high - large.low <= small.high - small.low + 1e-15);
    }
}
