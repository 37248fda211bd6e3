//! `promptctl stats`: each subcommand's human and JSON output, number files (headers, stdin,
//! bad lines), "not testable" results, the one sign convention (B - A), `--no-correction` under
//! every method, negative values and probabilities on the command line, and the error paths
//! with their exit codes (2 usage, 3 invalid input, 6 unreadable file).

use crate::support::TestEnv;

/// One value per line, as a number file holds them.
fn lines(values: impl Iterator<Item = String>) -> String {
    values.map(|v| v + "\n").collect()
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).expect("stdout is one JSON document")
}

#[test]
fn mcnemar_prints_a_verdict() {
    let env = TestEnv::new();
    let out = env.run(&["stats", "test", "mcnemar", "--b", "12", "--c", "3"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
    McNemar exact test (paired pass/fail)
      A pass, B fail    12
      A fail, B pass    3
      discordant pairs  15
      statistic         3
      p-value           0.0351563
      significant       yes
      alpha             0.05
    --- stderr
    ");
}

#[test]
fn mcnemar_without_discordant_pairs_is_not_testable() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats", "test", "mcnemar", "--b", "0", "--c", "0", "--method", "chi2",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("not testable: no discordant pairs"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("p-value"), "{}", out.stdout);
    let out = env.run(&[
        "stats", "test", "mcnemar", "--b", "0", "--c", "0", "--format", "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["testable"], false);
    assert_eq!(doc["not_testable"]["code"], "no_discordant_pairs");
}

#[test]
fn large_discordance_switches_to_chi_square() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats", "test", "mcnemar", "--b", "93", "--c", "48", "--format", "json",
    ]);
    let doc = json(&out.stdout);
    assert!(doc["title"].as_str().unwrap().contains("chi-square"));
    let p = doc["results"]["pvalue"].as_f64().unwrap();
    assert!((p - 0.000_211_000_392_431_734_66).abs() < 1e-12, "{p}");
}

#[test]
fn sample_size_for_a_pass_rate() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "sample-size",
        "--baseline",
        "0.5",
        "--mde",
        "0.1",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = json(&out.stdout);
    assert_eq!(doc["kind"], "sample_size_proportions");
    assert_eq!(doc["results"]["n_per_arm"], 388);
    let out = env.run(&[
        "stats",
        "sample-size",
        "--baseline",
        "0.2",
        "--mde",
        "0.02",
        "--method",
        "evan-miller",
    ]);
    assert!(
        out.stdout.contains("n per group") && out.stdout.contains("6347"),
        "{}",
        out.stdout
    );
}

#[test]
fn sample_size_and_power_for_means() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "sample-size",
        "--sd",
        "1",
        "--mde",
        "0.5",
        "--format",
        "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(doc["results"]["n_per_arm"], 64);
    let out = env.run(&[
        "stats", "power", "--sd", "1", "--mde", "0.5", "--n", "64", "--format", "json",
    ]);
    let power = json(&out.stdout)["results"]["power"].as_f64().unwrap();
    assert!(power > 0.8 && power < 0.81, "{power}");
}

#[test]
fn welch_reads_files_with_headers_and_stdin() {
    let env = TestEnv::new();
    env.write("a.csv", "latency_ms\n1\n2\n3\n4\n5\n");
    let out = env.run_with_stdin(
        &[
            "stats", "test", "welch", "--a", "a.csv", "--b", "-", "--format", "json",
        ],
        "2\n3\n\n4\n5\n7\n9\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = json(&out.stdout);
    assert_eq!(doc["kind"], "welch");
    // B's mean (5) minus A's (3).
    assert_eq!(doc["results"]["estimate"], 2.0);
    let p = doc["results"]["pvalue"].as_f64().unwrap();
    assert!((0.15..0.16).contains(&p), "{p}");
}

#[test]
fn welch_from_summary_statistics() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "test",
        "welch",
        "--summary-a",
        "0.5,0.2,2",
        "--summary-b",
        "0.9,0.1,2",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let p = json(&out.stdout)["results"]["pvalue"].as_f64().unwrap();
    assert!((p - 0.170_334_039_641_023_14).abs() < 1e-9, "{p}");
}

#[test]
fn constant_samples_are_not_testable() {
    let env = TestEnv::new();
    env.write("a.csv", "1\n1\n1\n");
    env.write("b.csv", "0\n0\n0\n");
    let out = env.run(&["stats", "test", "welch", "--a", "a.csv", "--b", "b.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("not testable: zero variance"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("p-value"), "{}", out.stdout);
}

#[test]
fn paired_tests_on_scores() {
    let env = TestEnv::new();
    env.write("a.csv", "1\n2\n3\n4\n5\n6\n");
    env.write("b.csv", "0.5\n2.6\n1.9\n3.1\n1.05\n9.0\n");
    let out = env.run(&[
        "stats", "test", "wilcoxon", "--a", "a.csv", "--b", "b.csv", "--format", "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(doc["results"]["method"], "exact");
    assert_eq!(doc["results"]["pvalue"], 0.5625);
    let out = env.run(&["stats", "test", "paired", "--a", "a.csv", "--b", "b.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Paired t-test"), "{}", out.stdout);
}

#[test]
fn exact_wilcoxon_with_zero_differences_says_it_fell_back() {
    let env = TestEnv::new();
    env.write("a.csv", "1\n2\n3\n4\n");
    env.write("b.csv", "1\n1\n2\n2\n");
    let out = env.run(&[
        "stats", "test", "wilcoxon", "--a", "a.csv", "--b", "b.csv", "--method", "exact",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("used the normal approximation"),
        "{}",
        out.stdout
    );
}

#[test]
fn count_tests_report_rates_and_effects() {
    let env = TestEnv::new();
    for test in ["chi2", "fisher", "ztest"] {
        let out = env.run(&[
            "stats", "test", test, "--pass-a", "410", "--n-a", "500", "--pass-b", "445", "--n-b",
            "500", "--format", "json",
        ]);
        assert_eq!(out.code, 0, "{test}: {}", out.stderr);
        let doc = json(&out.stdout);
        assert_eq!(doc["results"]["rate_b"], 0.89, "{test}");
        assert_eq!(doc["results"]["significant"], true, "{test}");
    }
    let out = env.run(&["stats", "test", "mann-whitney", "--a", "-", "--b", "-"]);
    assert_ne!(out.code, 0);
}

#[test]
fn more_passes_than_observations_is_a_usage_error() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats", "test", "chi2", "--pass-a", "12", "--n-a", "10", "--pass-b", "1", "--n-b", "10",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("arm A has 12 passes out of 10"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_numbers_name_file_and_line() {
    let env = TestEnv::new();
    env.write("a.csv", "score\n0.5\nhigh\n");
    env.write("b.csv", "0.5\n");
    let out = env.run(&["stats", "test", "welch", "--a", "a.csv", "--b", "b.csv"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("a.csv:3: `high` is not a number"),
        "{}",
        out.stderr
    );
    env.write("c.csv", "1,2\n");
    let out = env.run(&["stats", "interval", "mean", "--a", "c.csv"]);
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("one number per line"), "{}", out.stderr);
}

#[test]
fn missing_file_is_an_io_error() {
    let env = TestEnv::new();
    let out = env.run(&["stats", "interval", "mean", "--a", "nope.csv"]);
    assert_eq!(out.code, 6);
    assert!(
        out.stderr.contains("cannot read `nope.csv`"),
        "{}",
        out.stderr
    );
}

#[test]
fn engine_errors_are_invalid_input() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "interval",
        "proportion",
        "--count",
        "11",
        "--n",
        "10",
    ]);
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("count must be at most"),
        "{}",
        out.stderr
    );
    let out = env.run(&["stats", "sample-size", "--baseline", "0.5", "--mde", "0"]);
    assert_eq!(out.code, 3);
    let out = env.run(&[
        "stats", "test", "mcnemar", "--b", "1", "--c", "2", "--alpha", "2",
    ]);
    assert_eq!(out.code, 2);
    let out = env.run(&["stats", "correct", "0.5", "1.5"]);
    assert_eq!(out.code, 3);
}

#[test]
fn exact_mann_whitney_too_large_hints_at_asymptotic() {
    let env = TestEnv::new();
    let a = lines((0..150).map(|i| i.to_string()));
    let b = lines((150..300).map(|i| format!("{i}.5")));
    env.write("a.csv", &a);
    env.write("b.csv", &b);
    let out = env.run(&[
        "stats",
        "test",
        "mann-whitney",
        "--a",
        "a.csv",
        "--b",
        "b.csv",
        "--method",
        "exact",
    ]);
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("--method asymptotic"), "{}", out.stderr);
}

#[test]
fn fisher_on_an_enormous_table_points_to_chi_square() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "test",
        "fisher",
        "--pass-a",
        "100000000",
        "--n-a",
        "200000000",
        "--pass-b",
        "100000000",
        "--n-b",
        "200000000",
    ]);
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("stats test chi2"), "{}", out.stderr);
}

#[test]
fn intervals_for_rates_differences_and_means() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "interval",
        "proportion",
        "--count",
        "0",
        "--n",
        "10",
        "--format",
        "json",
    ]);
    let doc = json(&out.stdout);
    let high = doc["results"]["high"].as_f64().unwrap();
    assert!((high - 0.277_532_799_862_889_26).abs() < 1e-9, "{high}");
    let out = env.run(&[
        "stats",
        "interval",
        "difference",
        "--count-a",
        "0",
        "--n-a",
        "20",
        "--count-b",
        "20",
        "--n-b",
        "20",
        "--format",
        "json",
    ]);
    let low = json(&out.stdout)["results"]["low"].as_f64().unwrap();
    assert!((low - 0.772_134_616_242_194_1).abs() < 1e-9, "{low}");
    env.write("s.csv", "1\n2\n3\n");
    let out = env.run(&["stats", "interval", "mean", "--a", "s.csv"]);
    assert!(
        out.stdout.contains("t interval for a mean"),
        "{}",
        out.stdout
    );
}

#[test]
fn bootstrap_is_reproducible_from_the_seed() {
    let env = TestEnv::new();
    env.write("a.csv", "120\n130\n110\n180\n95\n300\n140\n160\n150\n170\n");
    env.write("b.csv", "100\n90\n115\n150\n85\n210\n120\n130\n125\n140\n");
    let args = [
        "stats",
        "interval",
        "bootstrap",
        "--a",
        "a.csv",
        "--b",
        "b.csv",
        "--quantile",
        "0.95",
        "--resamples",
        "400",
        "--format",
        "json",
    ];
    let first = env.run(&args);
    let second = env.run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.stdout, second.stdout);
    let doc = json(&first.stdout);
    assert_eq!(
        doc["results"]["seed"], 42,
        "PROMPTCTL_SEED is the default seed"
    );
    let mut seeded = args.to_vec();
    seeded.extend(["--seed", "7"]);
    assert_ne!(env.run(&seeded).stdout, first.stdout);
}

#[test]
fn corrections_and_srm() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats", "correct", "0.01", "0.04", "0.03", "0.2", "--format", "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(
        doc["results"]["reject"],
        serde_json::json!([true, false, false, false])
    );
    let out = env.run(&[
        "stats",
        "srm",
        "--observed",
        "501000,499000",
        "--format",
        "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(doc["results"]["mismatch"], false);
    let out = env.run(&[
        "stats",
        "srm",
        "--observed",
        "61456,8972,62894",
        "--weights",
        "7,1,7",
    ]);
    assert!(
        out.stdout.contains("mismatch            yes"),
        "{}",
        out.stdout
    );
    let out = env.run(&["stats", "srm", "--observed", "1,2", "--weights", "1"]);
    assert_eq!(out.code, 2);
}

#[test]
fn sequential_paired_and_split() {
    let env = TestEnv::new();
    let a = lines((0..200).map(|i| u8::from(i % 10 < 8).to_string()));
    let b = lines((0..200).map(|i| u8::from(i % 10 < 5).to_string()));
    env.write("a.csv", &a);
    env.write("b.csv", &b);
    let out = env.run(&[
        "stats",
        "sequential",
        "paired",
        "--a",
        "a.csv",
        "--b",
        "b.csv",
        "--tau",
        "0.01",
        "--every",
        "50",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = json(&out.stdout);
    assert_eq!(doc["results"]["looks"], 4);
    assert_eq!(doc["results"]["significant"], true);
    let out = env.run(&[
        "stats",
        "sequential",
        "split",
        "--a",
        "a.csv",
        "--b",
        "b.csv",
        "--n-star",
        "400",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("always-valid CI low"), "{}", out.stdout);
    env.write("short.csv", "1\n");
    let out = env.run(&[
        "stats",
        "sequential",
        "paired",
        "--a",
        "a.csv",
        "--b",
        "short.csv",
        "--tau",
        "0.01",
    ]);
    assert_eq!(out.code, 3);
}

fn result(doc: &serde_json::Value, key: &str) -> f64 {
    doc["results"][key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number `{key}` in {doc}"))
}

fn states_b_minus_a(doc: &serde_json::Value) -> bool {
    doc["notes"].as_array().is_some_and(|notes| {
        notes
            .iter()
            .any(|n| n.as_str().unwrap_or("").contains("B - A"))
    })
}

#[test]
fn every_signed_result_is_b_minus_a_and_says_so() {
    let env = TestEnv::new();
    // B is clearly higher than A in every case below: each signed number must be positive.
    env.write("a.csv", "1\n2\n3\n4\n5\n6\n7\n8\n");
    env.write("b.csv", "6\n8\n7.5\n10\n9.5\n12\n13\n13.5\n");
    let files = ["--a", "a.csv", "--b", "b.csv", "--format", "json"];
    for (test, keys) in [
        (
            "welch",
            &["estimate", "ci_low", "statistic", "cohens_d"][..],
        ),
        ("student", &["estimate", "statistic", "cohens_d"][..]),
        (
            "paired",
            &["estimate", "ci_low", "statistic", "cohens_d"][..],
        ),
        ("wilcoxon", &["r_plus"][..]),
    ] {
        let mut args = vec!["stats", "test", test];
        args.extend(files);
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{test}: {}", out.stderr);
        let doc = json(&out.stdout);
        for key in keys {
            assert!(result(&doc, key) > 0.0, "{test} {key}: {doc}");
        }
        assert!(states_b_minus_a(&doc), "{test}: {doc}");
    }
    let out = env.run(&[
        "stats", "test", "wilcoxon", "--a", "a.csv", "--b", "b.csv", "--format", "json",
    ]);
    let doc = json(&out.stdout);
    assert_eq!(doc["results"]["r_minus"], 0.0, "{doc}");

    for test in ["ztest", "fisher", "chi2"] {
        let out = env.run(&[
            "stats", "test", test, "--pass-a", "410", "--n-a", "500", "--pass-b", "445", "--n-b",
            "500", "--format", "json",
        ]);
        assert_eq!(out.code, 0, "{test}: {}", out.stderr);
        let doc = json(&out.stdout);
        for key in [
            "risk_difference",
            "relative_lift",
            "cohens_h",
            "diff_ci_low",
        ] {
            assert!(result(&doc, key) > 0.0, "{test} {key}: {doc}");
        }
        if test == "ztest" {
            assert!(result(&doc, "statistic") > 0.0, "{doc}");
        }
        if test == "fisher" {
            assert!(result(&doc, "odds_ratio") > 1.0, "{doc}");
        }
        assert!(states_b_minus_a(&doc), "{test}: {doc}");
    }

    let out = env.run(&[
        "stats",
        "sample-size",
        "--baseline",
        "0.5",
        "--mde",
        "0.1",
        "--format",
        "json",
    ]);
    let doc = json(&out.stdout);
    assert!(result(&doc, "effect_size_h") > 0.0, "{doc}");
    assert!(states_b_minus_a(&doc), "{doc}");

    let out = env.run(&[
        "stats",
        "sequential",
        "paired",
        "--a",
        "a.csv",
        "--b",
        "b.csv",
        "--tau",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(result(&json(&out.stdout), "mean_diff") > 0.0);

    let out = env.run(&["stats", "test", "welch", "--a", "a.csv", "--b", "b.csv"]);
    assert!(
        out.stdout.contains("mean difference B - A")
            && out.stdout.contains("note: signs are B - A"),
        "{}",
        out.stdout
    );
}

#[test]
fn alternative_greater_means_b_is_greater_than_a() {
    let env = TestEnv::new();
    env.write("a.csv", "1\n2\n3\n4\n5\n6\n7\n8\n");
    env.write("b.csv", "2\n4\n3.5\n6\n5.5\n8\n9\n9.5\n");
    for test in ["welch", "paired", "wilcoxon", "mann-whitney"] {
        let pvalue = |alternative: &str| {
            let out = env.run(&[
                "stats",
                "test",
                test,
                "--a",
                "a.csv",
                "--b",
                "b.csv",
                "--alternative",
                alternative,
                "--format",
                "json",
            ]);
            assert_eq!(out.code, 0, "{test}: {}", out.stderr);
            result(&json(&out.stdout), "pvalue")
        };
        assert!(pvalue("greater") < 0.5, "{test}");
        assert!(pvalue("less") > 0.5, "{test}");
    }
    let out = env.run(&[
        "stats",
        "test",
        "ztest",
        "--pass-a",
        "40",
        "--n-a",
        "100",
        "--pass-b",
        "60",
        "--n-b",
        "100",
        "--alternative",
        "greater",
        "--format",
        "json",
    ]);
    assert!(
        result(&json(&out.stdout), "pvalue") < 0.01,
        "{}",
        out.stdout
    );
}

#[test]
fn no_correction_applies_when_auto_chooses_the_approximation() {
    let env = TestEnv::new();
    // 30 + 12 discordant pairs: `auto` uses the chi-square form.
    let out = env.run(&[
        "stats",
        "test",
        "mcnemar",
        "--b",
        "30",
        "--c",
        "12",
        "--no-correction",
        "--format",
        "json",
    ]);
    let doc = json(&out.stdout);
    let chi2 = result(&doc, "statistic");
    assert!((chi2 - 18.0 * 18.0 / 42.0).abs() < 1e-12, "{doc}");
    assert!(
        !doc["title"].as_str().unwrap().contains("corrected"),
        "{doc}"
    );

    // Ties make `auto` use the normal approximation for both rank tests.
    env.write("a.csv", "1\n2\n2\n3\n5\n5\n6\n8\n");
    env.write("b.csv", "2\n3\n3\n5\n6\n9\n9\n9\n");
    for test in ["mann-whitney", "wilcoxon"] {
        let run = |extra: &[&str]| {
            let mut args = vec![
                "stats", "test", test, "--a", "a.csv", "--b", "b.csv", "--format", "json",
            ];
            args.extend(extra);
            let out = env.run(&args);
            assert_eq!(out.code, 0, "{test}: {}", out.stderr);
            json(&out.stdout)
        };
        let corrected = run(&[]);
        let auto = run(&["--no-correction"]);
        let asymptotic = run(&["--method", "asymptotic", "--no-correction"]);
        assert_eq!(auto["results"]["method"], "asymptotic", "{test}: {auto}");
        assert_eq!(
            auto["results"]["pvalue"], asymptotic["results"]["pvalue"],
            "{test}"
        );
        assert_ne!(
            auto["results"]["pvalue"], corrected["results"]["pvalue"],
            "{test}"
        );
        let exact_fallback = run(&["--method", "exact", "--no-correction"]);
        assert_eq!(
            exact_fallback["results"]["pvalue"], asymptotic["results"]["pvalue"],
            "{test}"
        );
    }
}

#[test]
fn no_correction_on_an_exact_result_says_it_changes_nothing() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "test",
        "mcnemar",
        "--b",
        "12",
        "--c",
        "3",
        "--no-correction",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("--no-correction changes nothing"),
        "{}",
        out.stdout
    );
}

#[test]
fn negative_values_need_no_equals_sign() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "power",
        "--baseline",
        "0.62",
        "--mde",
        "-0.05",
        "--n",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!((result(&json(&out.stdout), "target") - 0.57).abs() < 1e-12);
    let out = env.run(&[
        "stats",
        "sample-size",
        "--baseline",
        "0.62",
        "--mde",
        "-0.05",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(result(&json(&out.stdout), "effect_size_h") < 0.0);
    let out = env.run(&[
        "stats",
        "test",
        "welch",
        "--summary-a",
        "-5,2,30",
        "--summary-b",
        "-4,2,30",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json(&out.stdout)["results"]["estimate"], 1.0);
}

#[test]
fn probabilities_outside_0_1_are_usage_errors_naming_the_flag() {
    let env = TestEnv::new();
    env.write("s.csv", "1\n2\n3\n");
    for args in [
        &[
            "stats",
            "interval",
            "mean",
            "--a",
            "s.csv",
            "--confidence",
            "1.5",
        ][..],
        &[
            "stats",
            "interval",
            "proportion",
            "--count",
            "3",
            "--n",
            "9",
            "--confidence",
            "0",
        ][..],
        &[
            "stats",
            "test",
            "welch",
            "--a",
            "s.csv",
            "--b",
            "s.csv",
            "--confidence",
            "1.5",
        ][..],
        &[
            "stats",
            "sample-size",
            "--baseline",
            "0.5",
            "--mde",
            "0.1",
            "--power",
            "1.2",
        ][..],
        &["stats", "correct", "0.01", "0.2", "--alpha", "-0.1"][..],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("between 0 and 1"), "{}", out.stderr);
        assert!(!out.stderr.contains("-0.5"), "{}", out.stderr);
    }
}

#[test]
fn a_negative_sd_in_a_summary_is_refused() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats",
        "test",
        "welch",
        "--summary-a",
        "0.5,-0.2,20",
        "--summary-b",
        "0.9,0.1,20",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("negative"), "{}", out.stderr);
}

#[test]
fn an_unsupported_format_is_refused() {
    let env = TestEnv::new();
    let out = env.run(&[
        "stats", "test", "mcnemar", "--b", "12", "--c", "3", "--format", "csv",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("`promptctl stats` cannot write `--format csv`")
            && out.stderr.contains("`human`, `json`"),
        "{}",
        out.stderr
    );
}
