//! Checks `promptctl::stats` against reference vectors computed with SciPy and statsmodels.
//!
//! Every case of `tests/fixtures/stats/vectors_public.json` is run and compared field by field
//! with the file's tolerance rule (`|got - expected| <= atol + rtol·|expected|`; NaN and the
//! infinities only match themselves; exact fields must be equal). Set
//! `PROMPTCTL_STATS_VECTORS=/path/to/cases.json` to run another file of the same schema.
//!
//! Cases tagged `reference_quirk` record a library artefact (for example statsmodels' McNemar
//! chi-square of `1/0` when no pair is discordant, or SciPy's Welch `df = 1` for two constant
//! samples). For those, a result flagged "not testable" passes without comparing its
//! statistic, p-value, degrees of freedom or interval; every other field is still compared. A
//! quirk case whose numbers we do reproduce (McNemar's `1/(b+c)` when `b == c`) is compared in
//! full.

// The harness maps JSON numbers onto counts and compares special values exactly.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::similar_names
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use promptctl::stats::corrections::{Correction, adjust};
use promptctl::stats::distributions as dist;
use promptctl::stats::intervals::{self, DifferenceMethod, ProportionMethod};
use promptctl::stats::power;
use promptctl::stats::proportions::{self, McNemarMethod};
use promptctl::stats::rank::{self, RankMethod, ZeroMethod};
use promptctl::stats::sequential::{self, ArmSummary};
use promptctl::stats::srm;
use promptctl::stats::ttest::{self, Summary};
use promptctl::stats::{Alternative, NotTestable};
use serde_json::{Map, Value, json};

/// Fields not compared when a `reference_quirk` case is flagged not testable.
const QUIRK_FIELDS: &[&str] = &[
    "statistic",
    "pvalue",
    "df",
    "ci_low",
    "ci_high",
    "zstatistic",
];

fn vectors_path() -> PathBuf {
    // The override is read here, in the test only; the library never reads the environment.
    #[allow(clippy::disallowed_methods)]
    let custom = std::env::var_os("PROMPTCTL_STATS_VECTORS");
    custom.map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/stats/vectors_public.json")
        },
        PathBuf::from,
    )
}

/// A number for the comparison: finite values as JSON numbers, the rest as the file's strings.
fn num(x: f64) -> Value {
    if x.is_nan() {
        json!("NaN")
    } else if x == f64::INFINITY {
        json!("Infinity")
    } else if x == f64::NEG_INFINITY {
        json!("-Infinity")
    } else {
        json!(x)
    }
}

fn f(v: &Value, key: &str) -> f64 {
    match &v[key] {
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("`{key}`: not a number: {other}"),
        },
        other => panic!("`{key}`: not a number: {other}"),
    }
}

fn u(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .or_else(|| v[key].as_f64().map(|x| x as u64))
        .unwrap_or_else(|| panic!("`{key}`: not a count"))
}

fn floats(v: &Value, key: &str) -> Vec<f64> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}`: not an array"))
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn table(v: &Value) -> [[u64; 2]; 2] {
    let t = &v["table"];
    let cell = |i: usize, j: usize| t[i][j].as_u64().expect("count");
    [[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]]
}

fn alternative(params: &Value) -> Alternative {
    match params["alternative"].as_str().unwrap_or("two-sided") {
        "two-sided" => Alternative::TwoSided,
        "less" | "smaller" => Alternative::Less,
        "greater" | "larger" => Alternative::Greater,
        other => panic!("unknown alternative {other}"),
    }
}

fn param_f(params: &Value, key: &str, default: f64) -> f64 {
    params[key].as_f64().unwrap_or(default)
}

fn param_b(params: &Value, key: &str, default: bool) -> bool {
    params[key].as_bool().unwrap_or(default)
}

/// Runs one case; returns the computed fields and whether the result was flagged not testable.
fn run(case: &Value) -> Result<(Map<String, Value>, bool), String> {
    let p = &case["params"];
    let i = &case["input"];
    let mut out = Map::new();
    let mut flagged = false;
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    let test = case["test"].as_str().ok_or("no test name")?;
    match test {
        "chi2_contingency_2x2" => {
            let r = proportions::chi_square_2x2(&table(i), param_b(p, "correction", true));
            if r.outcome.not_testable == Some(NotTestable::EmptyRowOrColumn) {
                put("error", json!("zero_expected_frequency"));
                flagged = true;
            } else {
                put("statistic", num(r.outcome.statistic));
                put("pvalue", num(r.outcome.pvalue));
                put("dof", json!(r.dof));
                put(
                    "expected_freq",
                    json!(
                        r.expected
                            .iter()
                            .map(|row| row.iter().map(|x| num(*x)).collect::<Vec<_>>())
                            .collect::<Vec<_>>()
                    ),
                );
            }
        }
        "fisher_exact_2x2" => {
            let r =
                proportions::fisher_exact(&table(i), alternative(p)).map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            flagged = r.not_testable.is_some();
        }
        "mcnemar" => {
            let t = table(i);
            let method = if param_b(p, "exact", true) {
                McNemarMethod::Exact
            } else {
                McNemarMethod::ChiSquare {
                    correction: param_b(p, "correction", true),
                }
            };
            let r = proportions::mcnemar(t[0][1], t[1][0], method);
            put("statistic", num(r.outcome.statistic));
            put("pvalue", num(r.outcome.pvalue));
            put("n_discordant", json!(r.n_discordant));
            flagged = r.outcome.not_testable.is_some();
        }
        "ttest_ind" => {
            let (a, b) = (floats(i, "a"), floats(i, "b"));
            let conf = param_f(p, "confidence_level", 0.95);
            let r = ttest::independent(&a, &b, param_b(p, "equal_var", true), conf, alternative(p))
                .map_err(|e| e.to_string())?;
            let (sa, sb) = (Summary::of(&a), Summary::of(&b));
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("df", num(r.df));
            put("ci_low", num(r.ci_low));
            put("ci_high", num(r.ci_high));
            put("mean_a", num(sa.mean));
            put("mean_b", num(sb.mean));
            put("var_a", num(sa.variance));
            put("var_b", num(sb.variance));
            flagged = r.not_testable.is_some();
        }
        "ttest_ind_from_stats" => {
            let a = Summary::from_std(f(i, "mean1"), f(i, "std1"), f(i, "nobs1"));
            let b = Summary::from_std(f(i, "mean2"), f(i, "std2"), f(i, "nobs2"));
            let r =
                ttest::from_summaries(&a, &b, param_b(p, "equal_var", true), 0.95, alternative(p))
                    .map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("df", num(r.df));
            flagged = r.not_testable.is_some();
        }
        "ttest_rel" => {
            let conf = param_f(p, "confidence_level", 0.95);
            let r = ttest::paired(&floats(i, "a"), &floats(i, "b"), conf, alternative(p))
                .map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("df", num(r.df));
            put("mean_diff", num(r.estimate));
            put("ci_low", num(r.ci_low));
            put("ci_high", num(r.ci_high));
            flagged = r.not_testable.is_some();
        }
        "mannwhitneyu" => {
            let method = match p["method"].as_str().unwrap_or("auto") {
                "exact" => RankMethod::Exact,
                "asymptotic" => RankMethod::Asymptotic {
                    correction: param_b(p, "use_continuity", true),
                },
                _ => RankMethod::Auto,
            };
            let r = rank::mann_whitney(&floats(i, "x"), &floats(i, "y"), method, alternative(p))
                .map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("u_y", num(r.u_y));
            flagged = r.not_testable.is_some();
        }
        "wilcoxon" => {
            let method = match p["method"].as_str().unwrap_or("auto") {
                "exact" => RankMethod::Exact,
                "asymptotic" | "approx" => RankMethod::Asymptotic {
                    correction: param_b(p, "correction", false),
                },
                _ => RankMethod::Auto,
            };
            let zero = match p["zero_method"].as_str().unwrap_or("wilcox") {
                "pratt" => ZeroMethod::Pratt,
                "zsplit" => ZeroMethod::Zsplit,
                _ => ZeroMethod::Wilcox,
            };
            let r = rank::wilcoxon(
                &floats(i, "x"),
                &floats(i, "y"),
                zero,
                method,
                alternative(p),
            )
            .map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("r_plus", num(r.r_plus));
            put("r_minus", num(r.r_minus));
            put("n_ranked", json!(r.n_ranked));
            put("n_zero_diffs", json!(r.n_zero_diffs));
            if let Some(z) = r.zstatistic {
                put("zstatistic", num(z));
            }
            flagged = r.not_testable.is_some();
        }
        "multipletests" => {
            let method = match p["method"].as_str().unwrap_or("holm") {
                "bonferroni" => Correction::Bonferroni,
                "fdr_bh" => Correction::BenjaminiHochberg,
                _ => Correction::Holm,
            };
            let r = adjust(&floats(i, "pvals"), param_f(p, "alpha", 0.05), method)
                .map_err(|e| e.to_string())?;
            put("reject", json!(r.reject));
            put(
                "pvals_corrected",
                Value::Array(r.pvalues.iter().map(|x| num(*x)).collect()),
            );
        }
        "proportion_confint" => {
            let method = match p["method"].as_str().unwrap_or("wilson") {
                "beta" | "clopper-pearson" => ProportionMethod::ClopperPearson,
                "normal" => ProportionMethod::Wald,
                "agresti_coull" => ProportionMethod::AgrestiCoull,
                "jeffreys" => ProportionMethod::Jeffreys,
                _ => ProportionMethod::Wilson,
            };
            let r = intervals::proportion(
                u(i, "count"),
                u(i, "nobs"),
                param_f(p, "alpha", 0.05),
                method,
            )
            .map_err(|e| e.to_string())?;
            put("low", num(r.low));
            put("high", num(r.high));
        }
        "confint_proportions_2indep" => {
            let method = match p["method"].as_str().unwrap_or("newcomb") {
                "wald" => DifferenceMethod::Wald,
                "agresti-caffo" => DifferenceMethod::AgrestiCaffo,
                _ => DifferenceMethod::Newcombe,
            };
            let r = intervals::proportion_difference(
                u(i, "count1"),
                u(i, "nobs1"),
                u(i, "count2"),
                u(i, "nobs2"),
                param_f(p, "alpha", 0.05),
                method,
            )
            .map_err(|e| e.to_string())?;
            put("low", num(r.low));
            put("high", num(r.high));
            put("estimate", num(r.estimate));
        }
        "proportions_ztest_2sample" => {
            let r = proportions::two_proportion_ztest(
                u(i, "count1"),
                u(i, "nobs1"),
                u(i, "count2"),
                u(i, "nobs2"),
                alternative(p),
            );
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            flagged = r.not_testable.is_some();
        }
        "sample_size_two_proportions" => {
            let (alpha, pw, ratio) = (
                param_f(p, "alpha", 0.05),
                param_f(p, "power", 0.8),
                param_f(p, "ratio", 1.0),
            );
            let r = power::two_proportions(f(i, "p1"), f(i, "p2"), alpha, pw, ratio)
                .map_err(|e| e.to_string())?;
            put("effect_size_h", num(r.effect_size));
            put("nobs1", num(r.nobs1));
            put("nobs1_ceil", json!(r.nobs1_ceil));
            put("nobs2_ceil", json!(r.nobs2_ceil));
            put(
                "nobs1_closed_form",
                num(power::two_proportions_closed_form(
                    r.effect_size,
                    alpha,
                    pw,
                    ratio,
                )),
            );
        }
        "sample_size_two_proportions_evanmiller" => {
            let n = power::evan_miller(
                f(i, "baseline"),
                f(i, "delta_abs"),
                param_f(p, "alpha", 0.05),
                param_f(p, "power", 0.8),
            )
            .map_err(|e| e.to_string())?;
            put("n_per_group", num(n));
            put("n_per_group_rounded", json!(n.round() as u64));
        }
        "sample_size_two_means" => {
            let r = power::two_means(
                f(i, "mean_diff"),
                f(i, "sd"),
                param_f(p, "alpha", 0.05),
                param_f(p, "power", 0.8),
                param_f(p, "ratio", 1.0),
            )
            .map_err(|e| e.to_string())?;
            put("effect_size_d", num(r.effect_size));
            put("nobs1_t", num(r.nobs1_t));
            put("nobs1_t_ceil", json!(r.nobs1_t.ceil() as u64));
            put("nobs1_normal", num(r.nobs1_normal));
            put("nobs1_normal_ceil", json!(r.nobs1_normal.ceil() as u64));
        }
        "chisquare_gof_srm" => {
            let observed: Vec<u64> = i["observed"]
                .as_array()
                .ok_or("observed")?
                .iter()
                .map(|x| x.as_u64().expect("count"))
                .collect();
            let r = srm::sample_ratio_mismatch(&observed, &floats(i, "weights"))
                .map_err(|e| e.to_string())?;
            put("statistic", num(r.statistic));
            put("pvalue", num(r.pvalue));
            put("dof", json!(r.dof));
            put(
                "expected_counts",
                Value::Array(r.expected.iter().map(|x| num(*x)).collect()),
            );
        }
        "sequential_gbstats_two_sided" => {
            let a = ArmSummary {
                mean: f(i, "mean_a"),
                variance: f(i, "var_a"),
                n: f(i, "n_a"),
            };
            let b = ArmSummary {
                mean: f(i, "mean_b"),
                variance: f(i, "var_b"),
                n: f(i, "n_b"),
            };
            let r = sequential::asymptotic_confidence_sequence(
                &a,
                &b,
                param_f(p, "tuning_n_star", 5000.0),
                param_f(p, "alpha", 0.05),
            )
            .map_err(|e| e.to_string())?;
            put("diff", num(r.diff));
            put("std_error", num(r.std_error));
            put("rho", num(r.rho));
            put("halfwidth", num(r.halfwidth));
            put("ci_low", num(r.ci_low));
            put("ci_high", num(r.ci_high));
            put("evalue", num(r.evalue));
            put("log_evalue", num(r.log_evalue));
            put("pvalue", num(r.pvalue));
            put("fixed_horizon_halfwidth_z", num(r.fixed_horizon_halfwidth));
        }
        "msprt_normal" => {
            let r = sequential::msprt(
                f(i, "diff"),
                f(i, "variance"),
                f(p, "tau"),
                param_f(p, "alpha", 0.05),
            )
            .map_err(|e| e.to_string())?;
            put("lambda", num(r.lambda));
            put("log_lambda", num(r.log_lambda));
            put("pvalue", num(r.pvalue));
            put("reject", json!(r.reject));
            put("halfwidth", num(r.halfwidth));
            put("ci_low", num(r.ci_low));
            put("ci_high", num(r.ci_high));
        }
        "msprt_paired_trajectory" => {
            let looks: Vec<usize> = i["looks"]
                .as_array()
                .ok_or("looks")?
                .iter()
                .map(|x| x.as_u64().expect("look") as usize)
                .collect();
            let (traj, first) = sequential::msprt_trajectory(
                &floats(i, "differences"),
                &looks,
                f(p, "tau"),
                param_f(p, "alpha", 0.05),
            )
            .map_err(|e| e.to_string())?;
            let looks: Vec<Value> = traj
                .iter()
                .map(|l| {
                    json!({
                        "n": l.n,
                        "mean_diff": num(l.mean_diff),
                        "variance": num(l.variance),
                        "lambda": num(l.test.lambda),
                        "log_lambda": num(l.test.log_lambda),
                        "pvalue": num(l.test.pvalue),
                        "pvalue_running_min": num(l.pvalue_running_min),
                        "halfwidth": num(l.test.halfwidth),
                    })
                })
                .collect();
            put("looks", Value::Array(looks));
            put("first_reject_n", first.map_or(Value::Null, |n| json!(n)));
        }
        "distribution" => {
            let x = || f(i, "x");
            let pr = || f(i, "p");
            let k = || f(i, "k");
            let df = || f(p, "df");
            let value = match p["function"].as_str().ok_or("function")? {
                "norm_ppf" => dist::norm_ppf(pr()),
                "norm_sf" => dist::norm_sf(x()),
                "t_ppf" => dist::t_ppf(pr(), df()),
                "t_sf" => dist::t_sf(x(), df()),
                "chi2_sf" => dist::chi2_sf(x(), df()),
                "chi2_ppf" => dist::chi2_ppf(pr(), df()),
                "beta_ppf" => dist::beta_ppf(pr(), f(p, "a"), f(p, "b")),
                "binom_cdf" => dist::binom_cdf(k(), u(p, "n"), f(p, "p")),
                "hypergeom_pmf" | "hypergeom_cdf" => {
                    let h = dist::Hypergeometric::new(
                        u(p, "population"),
                        u(p, "successes"),
                        u(p, "draws"),
                    )
                    .ok_or("bad hypergeometric parameters")?;
                    let kk = k();
                    if kk < 0.0 {
                        0.0
                    } else if p["function"] == "hypergeom_pmf" {
                        h.pmf(kk as u64)
                    } else {
                        h.cdf(kk as u64)
                    }
                }
                other => return Err(format!("unknown distribution function {other}")),
            };
            put("value", num(value));
        }
        other => return Err(format!("unknown test `{other}`")),
    }
    Ok((out, flagged))
}

struct Tolerances {
    default: (f64, f64),
    tests: BTreeMap<String, (f64, f64)>,
    fields: BTreeMap<String, (f64, f64)>,
    exact: Vec<String>,
}

impl Tolerances {
    fn from(doc: &Value) -> Tolerances {
        let t = &doc["suggested_tolerances"];
        let pair = |v: &Value| {
            (
                v["rtol"].as_f64().unwrap_or(0.0),
                v["atol"].as_f64().unwrap_or(0.0),
            )
        };
        let map = |v: &Value| {
            v.as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), pair(v))).collect())
                .unwrap_or_default()
        };
        Tolerances {
            default: pair(&t["default"]),
            tests: map(&t["tests"]),
            fields: map(&t["fields"]),
            exact: t["exact_fields"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn for_field(&self, test: &str, field: &str) -> (f64, f64) {
        self.fields
            .get(field)
            .or_else(|| self.tests.get(test))
            .copied()
            .unwrap_or(self.default)
    }
}

fn special(v: &Value) -> Option<f64> {
    match v.as_str()? {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

fn as_number(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| special(v))
}

/// Compares `got` with `expected` at `path`; pushes a message per mismatch.
fn compare(
    tol: &Tolerances,
    test: &str,
    field: &str,
    path: &str,
    expected: &Value,
    got: &Value,
    errors: &mut Vec<String>,
) {
    match expected {
        Value::Array(items) => {
            let Some(got_items) = got.as_array().filter(|g| g.len() == items.len()) else {
                errors.push(format!("{path}: expected {expected}, got {got}"));
                return;
            };
            for (k, (e, g)) in items.iter().zip(got_items).enumerate() {
                compare(tol, test, field, &format!("{path}[{k}]"), e, g, errors);
            }
        }
        Value::Object(map) => {
            for (key, e) in map {
                compare(
                    tol,
                    test,
                    key,
                    &format!("{path}.{key}"),
                    e,
                    &got[key],
                    errors,
                );
            }
        }
        _ if tol.exact.iter().any(|x| x == field)
            || expected.is_boolean()
            || expected.is_null() =>
        {
            let equal = match (expected.as_f64(), got.as_f64()) {
                (Some(a), Some(b)) => a == b,
                _ => expected == got,
            };
            if !equal {
                errors.push(format!("{path}: expected {expected}, got {got}"));
            }
        }
        _ => {
            let (Some(want), Some(have)) = (as_number(expected), as_number(got)) else {
                if expected != got {
                    errors.push(format!("{path}: expected {expected}, got {got}"));
                }
                return;
            };
            let ok = if want.is_nan() {
                have.is_nan()
            } else if want.is_infinite() {
                have == want
            } else {
                let (rtol, atol) = tol.for_field(test, field);
                (have - want).abs() <= atol + rtol * want.abs()
            };
            if !ok {
                errors.push(format!("{path}: expected {want:e}, got {have:e}"));
            }
        }
    }
}

#[test]
#[allow(clippy::print_stderr)]
fn every_reference_vector_matches() {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).expect("vectors file is JSON");
    let tol = Tolerances::from(&doc);
    let cases = doc["cases"].as_array().expect("cases");
    let mut by_test: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut quirks_flagged = 0;
    for case in cases {
        let test = case["test"].as_str().unwrap_or("?").to_owned();
        let id = case["id"].as_str().unwrap_or("?");
        let quirk = case["tags"]
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "reference_quirk"));
        let mut errors = Vec::new();
        match run(case) {
            Err(e) => errors.push(format!("error: {e}")),
            Ok((got, flagged)) => {
                let got = Value::Object(got);
                let expected = case["expected"].as_object().expect("expected");
                for (key, want) in expected {
                    if key == "reference_message" {
                        continue;
                    }
                    if quirk && flagged && QUIRK_FIELDS.contains(&key.as_str()) {
                        continue;
                    }
                    compare(&tol, &test, key, key, want, &got[key], &mut errors);
                }
                if quirk && flagged {
                    quirks_flagged += 1;
                }
            }
        }
        let entry = by_test.entry(test).or_default();
        entry.1 += 1;
        if errors.is_empty() {
            entry.0 += 1;
        } else {
            failures.push(format!("{id}: {}", errors.join("; ")));
        }
    }
    eprintln!("reference vectors: {}", path.display());
    for (test, (pass, total)) in &by_test {
        eprintln!("  {test:<40} {pass:>4} / {total}");
    }
    let passed: usize = by_test.values().map(|v| v.0).sum();
    eprintln!("  {:<40} {passed:>4} / {}", "total", cases.len());
    eprintln!("  reference quirks reported as not testable: {quirks_flagged}");
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
