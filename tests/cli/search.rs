//! `promptctl search`: ranking across fields, typo tolerance, facets and filters, JSON, the
//! on-disk cache (reuse, refresh after edits, `--no-cache`, a corrupt cache), the first search
//! without an index (a scan, then a background build), and errors.

use crate::support::TestEnv;

fn library() -> TestEnv {
    let env = TestEnv::project();
    env.write("prompts/support/refund.prompt", "---\ndescription: Answer refund requests politely\ntags: [billing, refunds]\nstatus: active\nowners: [support]\ncategory: support\n---\nExplain the refund policy and the timeline.");
    env.write("prompts/support/old-refund.prompt", "---\ndescription: Old refund flow\ntags: [billing]\nstatus: deprecated\n---\nKept for history.");
    env.write("prompts/code/review.prompt", "---\ndescription: Review a diff for bugs\ntags: [code]\nstatus: active\ncategory: engineering\n---\nLook at each hunk. Never approve a refund.");
    env.write("prompts/summaries/meeting.prompt", "---\ndescription: Summarize meeting notes\ntags: [notes]\nstatus: draft\n---\nWrite the decisions first.");
    env.write(
        "prompts/support/_partial.prompt",
        "refund partial never indexed",
    );
    env
}

fn search_json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut full = vec!["search", "--format", "json"];
    full.extend_from_slice(args);
    let out = env.run(&full);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("search prints JSON")
}

fn ids(doc: &serde_json::Value) -> Vec<&str> {
    doc["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn ranks_hits_and_reports_facets() {
    let env = library();
    let doc = search_json(&env, &["refund"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(
        ids(&doc),
        ["support/refund", "support/old-refund", "code/review"]
    );
    assert_eq!(doc["total"], 3);
    assert_eq!(
        doc["hits"][0]["fields"],
        serde_json::json!(["name", "tags", "description", "body"])
    );
    assert_eq!(doc["hits"][2]["fields"], serde_json::json!(["body"]));
    assert_eq!(
        doc["facets"]["status"],
        serde_json::json!({"active": 2, "deprecated": 1})
    );
    assert_eq!(
        doc["facets"]["folder"],
        serde_json::json!({"code": 1, "support": 2})
    );
    assert_eq!(
        doc["hits"][2]["snippet"],
        "Look at each hunk. Never approve a refund."
    );
}

#[test]
fn tolerates_typos_and_prefixes_and_filters() {
    let env = library();
    assert_eq!(
        ids(&search_json(&env, &["sumarize"])),
        ["summaries/meeting"]
    );
    assert_eq!(ids(&search_json(&env, &["meet"])), ["summaries/meeting"]);
    assert_eq!(
        ids(&search_json(&env, &["refund", "--status", "active"])),
        ["support/refund", "code/review"]
    );
    assert_eq!(
        ids(&search_json(
            &env,
            &["refund", "--folder", "support", "--tag", "refunds"]
        )),
        ["support/refund"]
    );
    assert_eq!(
        ids(&search_json(&env, &["--category", "engineering"])),
        ["code/review"]
    );
    assert!(ids(&search_json(&env, &["refund", "zebra"])).is_empty());
    let limited = search_json(&env, &["refund", "--limit", "1"]);
    assert_eq!(
        (limited["total"].as_u64(), ids(&limited).len()),
        (Some(3), 1)
    );
}

#[test]
fn human_output_lists_hits_and_facets() {
    let env = library();
    let out = env.run(&["search", "review", "bugs"]);
    insta::assert_snapshot!(out.normalized(env.path()), @r"
    exit: 0
    --- stdout
     1. code/review  active  [code]  (matched name, description)
        Review a diff for bugs

    1 of 1 matching prompt
    category  engineering 1
    folder    code 1
    status    active 1
    tag       code 1
    --- stderr
    ");
    let none = env.run(&["search", "nothing-like-this"]);
    assert_eq!((none.code, none.stdout.as_str()), (0, ""));
    assert!(none.stderr.contains("No prompts match"));
}

#[test]
fn cache_is_written_reused_and_refreshed() {
    let env = library();
    let first = search_json(&env, &["refund", "--no-background"]);
    assert_eq!(first["index"]["parsed"], 4);
    assert_eq!(first["index"]["scanned"], true);
    assert!(
        env.path()
            .join(".promptctl/cache/search-index.bin")
            .is_file()
    );
    let second = search_json(&env, &["refund"]);
    assert_eq!(
        (
            second["index"]["reused"].as_u64(),
            second["index"]["parsed"].as_u64()
        ),
        (Some(4), Some(0))
    );
    env.write(
        "prompts/summaries/meeting.prompt",
        "---\ndescription: Summarize meeting notes\n---\nNow mentions refund windows too.",
    );
    let stale = search_json(&env, &["windows", "--no-refresh"]);
    assert!(ids(&stale).is_empty(), "--no-refresh trusts the cache");
    let third = search_json(&env, &["refund"]);
    assert_eq!(third["index"]["parsed"], 1);
    assert!(ids(&third).contains(&"summaries/meeting"));
    std::fs::write(
        env.path().join(".promptctl/cache/search-index.bin"),
        b"junk",
    )
    .unwrap();
    let out = env.run(&["search", "refund", "--format", "json", "--no-background"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("warning: the search index cache was unreadable and will be rebuilt"),
        "{}",
        out.stderr
    );
    let rebuilt = search_json(&env, &["refund"]);
    assert_eq!(rebuilt["index"]["reused"], 4, "rebuilt after the scan");
    let no_cache = search_json(&env, &["refund", "--no-cache"]);
    assert_eq!(no_cache["index"]["cache_written"], false);
}

/// Waits (up to a minute) until the index cache is written and no build holds the lock.
fn wait_for_index(env: &TestEnv) {
    let cache = env.path().join(".promptctl/cache/search-index.bin");
    let lock = env.path().join(".promptctl/cache/search-index.lock");
    for _ in 0..600 {
        if cache.is_file() && !lock.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the background build never finished");
}

#[test]
fn a_first_search_without_an_index_scans_then_builds_it_in_the_background() {
    let env = library();
    let first = search_json(&env, &["refund"]);
    assert_eq!(
        ids(&first),
        ["support/refund", "support/old-refund", "code/review"]
    );
    assert_eq!(first["index"]["scanned"], true);
    assert_eq!(first["index"]["cache_written"], false);
    wait_for_index(&env);
    let second = search_json(&env, &["refund"]);
    assert_eq!(second["index"]["scanned"], false);
    assert_eq!(
        (
            second["index"]["reused"].as_u64(),
            second["index"]["parsed"].as_u64()
        ),
        (Some(4), Some(0))
    );
    assert_eq!(ids(&second), ids(&first));
}

#[test]
fn no_cache_scans_and_writes_nothing() {
    let env = library();
    let doc = search_json(&env, &["refund", "--no-cache"]);
    assert_eq!(doc["index"]["scanned"], true);
    assert_eq!(ids(&doc).len(), 3);
    // Nothing is started in the background either: give a stray builder time to show up.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!env.path().join(".promptctl/cache").exists());
}

#[test]
fn searches_racing_the_background_build_see_a_whole_index_or_none() {
    let env = TestEnv::project();
    for n in 0..400 {
        env.write(
            &format!("prompts/f{}/p{n}.prompt", n % 20),
            &format!(
                "---\ndescription: Prompt {n} about refund number {}\ntags: [t{}]\n---\nRefund policy {n}.",
                n % 7,
                n % 5
            ),
        );
    }
    let expected: Vec<String> = ids(&search_json(&env, &["refund", "--no-cache"]))
        .into_iter()
        .map(str::to_owned)
        .collect();
    // The first search starts the build; the ones that follow race it.
    let mut scanned = 0;
    let mut indexed = 0;
    for _ in 0..200 {
        let out = env.run(&["search", "refund", "--format", "json"]);
        assert!(
            out.code == 0 && !out.stderr.contains("warning"),
            "{}",
            out.stderr
        );
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(ids(&doc), expected);
        if doc["index"]["scanned"] == true {
            scanned += 1;
        } else {
            indexed += 1;
            if indexed == 3 {
                break;
            }
        }
    }
    assert!(
        scanned >= 1 && indexed == 3,
        "{scanned} scanned, {indexed} indexed"
    );
    wait_for_index(&env);
}

#[test]
fn concurrent_searches_keep_the_cache_whole() {
    let env = library();
    search_json(&env, &["refund", "--no-background"]);
    let cache = env.path().join(".promptctl/cache/search-index.bin");
    for round in 0..3 {
        env.write(
            "prompts/summaries/meeting.prompt",
            &format!("---\ndescription: Summarize meeting notes\n---\nRefund round {round}."),
        );
        if round == 1 {
            // Every process rebuilds the main file at once.
            std::fs::remove_file(&cache).unwrap();
        }
        let expected = ids(&search_json(&env, &["refund", "--no-cache"]))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        let children: Vec<_> = (0..6)
            .map(|_| {
                env.command()
                    .args(["search", "refund", "--format", "json", "--no-background"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && !stderr.contains("warning"),
                "{stderr}"
            );
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(ids(&doc), expected, "round {round}");
        }
        let out = env.run(&["search", "refund", "--format", "json"]);
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
        let after: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(after["index"]["parsed"], 0, "round {round}");
        assert_eq!(ids(&after), expected);
    }
}

#[test]
fn missing_prompts_folder_is_a_config_error() {
    let env = TestEnv::new();
    env.write("promptctl.yaml", "prompts: nowhere\n");
    let out = env.run(&["search", "x"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

#[test]
fn a_prompt_that_does_not_parse_is_searched_by_name_and_said_so() {
    let env = library();
    env.write(
        "prompts/support/broken-refund.prompt",
        "---\ndescription: [never closed\n---\nbody\n",
    );
    // Twice: once building the index, once from the cache, which keeps the error.
    for _ in 0..2 {
        let out = env.run(&["search", "refund"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains(
                "warning: searched prompts/support/broken-refund.prompt by name only: 3:1:"
            ),
            "{}",
            out.stderr
        );
        assert!(out.stdout.contains("broken-refund"), "{}", out.stdout);
        assert_eq!(
            out.stderr.matches("by name only").count(),
            1,
            "only the broken file is named: {}",
            out.stderr
        );
    }
}

/// A committed library in a git repository, indexed (the state a warm search starts from).
fn committed_library() -> TestEnv {
    let env = library();
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &["commit", "-qm", "library"],
    ] {
        let out = env.git(args);
        assert_eq!(out.code, 0, "git {args:?}: {}", out.stderr);
    }
    search_json(&env, &["refund", "--no-background"]);
    env
}

#[test]
fn an_uncommitted_edit_between_two_searches_is_seen() {
    let env = committed_library();
    env.write(
        "prompts/summaries/meeting.prompt",
        "---\ndescription: Summarize meeting notes\n---\nNow covers refund escalations.",
    );
    let doc = search_json(&env, &["escalations"]);
    assert_eq!(ids(&doc), ["summaries/meeting"]);
    assert_eq!(doc["index"]["parsed"], 1);
}

#[test]
fn an_untracked_file_added_between_two_searches_is_seen() {
    let env = committed_library();
    env.write(
        "prompts/support/new-refund.prompt",
        "---\ndescription: Untracked refund flow\n---\nBrand new.",
    );
    let doc = search_json(&env, &["untracked"]);
    assert_eq!(ids(&doc), ["support/new-refund"]);
}

#[test]
fn a_file_deleted_between_two_searches_is_gone() {
    let env = committed_library();
    std::fs::remove_file(env.path().join("prompts/support/old-refund.prompt")).unwrap();
    let doc = search_json(&env, &["refund"]);
    assert_eq!(ids(&doc), ["support/refund", "code/review"]);
    assert_eq!(doc["index"]["removed"], 1);
}
