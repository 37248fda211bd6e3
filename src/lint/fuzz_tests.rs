//! Property test: linting a library of arbitrary files never panics and always reports sorted,
//! located findings.

use proptest::prelude::*;

use crate::lint::test_support::{library, project};
use crate::lint::{LintOptions, lint_library};

const PIECES: &[&str] = &[
    "---\n",
    "\n",
    "description: d\n",
    "name: a\n",
    "name: B\n",
    "status: nope\n",
    "classification: x\n",
    "links: [a, zz]\n",
    "extends: a\n",
    "extends: b\n",
    "tgas: 1\n",
    "input:\n  schema:\n    v: string\n    w?: int\n",
    "tags: [x\n",
    "config: {temperature: 9}\n",
    "{{v}}",
    "{{#if z}}",
    "{{/if}}",
    "{{> p}}",
    "{{> q}}",
    "{{#each v}}",
    "{{role \"user\"}}",
    "{{/each}}",
    "{{raw}}",
    "{{",
    "<<<dotprompt:",
    "{{#> body}}",
    "{{/body}}",
    "text ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn lint_never_panics(files in prop::collection::vec(
        prop::collection::vec(prop::sample::select(PIECES), 0..16).prop_map(|p| p.concat()),
        5,
    )) {
        let names = ["a.prompt", "b.prompt", "A.prompt", "_p.prompt", "_q.prompt"];
        let pairs: Vec<(&str, &str)> = names
            .iter()
            .zip(&files)
            .map(|(n, t)| (*n, t.as_str()))
            .collect();
        let library = library(&pairs);
        let report = lint_library(&project(), &library, &LintOptions::default()).unwrap();
        let mut sorted = report.findings.clone();
        crate::finding::sort_findings(&mut sorted);
        prop_assert_eq!(sorted, report.findings);
    }
}
