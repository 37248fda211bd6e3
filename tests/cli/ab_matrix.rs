//! The CI-matrix path of `docs/ci.md` end to end: each shard runs in its own checkout (as on
//! its own runner), its results folder is copied into the final job's checkout (as
//! `actions/download-artifact` with `merge-multiple` does), and the merged run analyses exactly
//! like an unsharded one; a lost artifact makes `ab analyze` fail naming the missing shard.

use serde_json::Value;

use crate::ab::{TWO_ARM, mocks, project};
use crate::support::copy_tree;

#[test]
fn matrix_shards_copied_together_analyse_as_one_run_and_a_missing_shard_is_named() {
    let m = mocks("no", "a refund");
    let final_job = project(&m, 30);
    final_job.write("experiments/refunds.yaml", TWO_ARM);
    let full = final_job.run(&["ab", "run", "refunds", "--run-id", "full"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    for k in 1..=3 {
        // A fresh checkout per runner.
        let runner = project(&m, 30);
        runner.write("experiments/refunds.yaml", TWO_ARM);
        let out = runner.run(&[
            "ab",
            "run",
            "refunds",
            "--shard",
            &format!("{k}/3"),
            "--run-id",
            "gh-42",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        copy_tree(
            &runner.path().join("results"),
            &final_job.path().join("results"),
        );
    }
    let analyze = |run: &str| {
        let out = final_job.run(&["ab", "analyze", "refunds", "--run", run, "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let mut v: Value = serde_json::from_str(&out.stdout).expect("JSON");
        v["runs"] = Value::Null;
        v
    };
    assert_eq!(analyze("gh-42"), analyze("full"));

    std::fs::remove_file(
        final_job
            .path()
            .join("results/refunds/gh-42.shard-2-of-3.jsonl"),
    )
    .expect("the shard file");
    let out = final_job.run(&["ab", "analyze", "refunds", "--run", "gh-42"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("gh-42.shard-2-of-3.jsonl"),
        "{}",
        out.stderr
    );
}
