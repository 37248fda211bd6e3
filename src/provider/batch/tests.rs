//! Parsing the providers' documented batch shapes (fixtures copied from the wire reference).

use serde_json::Value;

use super::*;

fn lines(text: &str) -> Vec<Value> {
    jsonl("fixture", text.as_bytes()).unwrap()
}

#[test]
fn openai_output_lines_parse_as_chat_replies_keyed_by_custom_id() {
    let results: Vec<ItemResult> = lines(include_str!(
        "../../../tests/fixtures/batch/openai-output.jsonl"
    ))
    .iter()
    .map(|l| openai::parse_line(Kind::Openai, l))
    .collect();
    assert!(results.len() >= 2);
    for r in &results {
        assert!(r.custom_id.starts_with("req-"));
        let reply = r.outcome.as_ref().expect("a successful line");
        assert!(!reply.content.is_empty());
        assert!(reply.usage.input_tokens > 0);
    }
}

#[test]
fn openai_error_lines_keep_http_errors_apart_from_expiries() {
    let results: Vec<ItemResult> = lines(include_str!(
        "../../../tests/fixtures/batch/openai-error.jsonl"
    ))
    .iter()
    .map(|l| openai::parse_line(Kind::Openai, l))
    .collect();
    let bad = results[0].outcome.as_ref().unwrap_err();
    assert_eq!(bad.kind, "http_400");
    assert!(!bad.retryable);
    assert!(bad.message.contains("temperature"));
    let late = results[1].outcome.as_ref().unwrap_err();
    assert_eq!(late.kind, "expired");
    assert!(late.retryable);
}

#[test]
fn a_failed_openai_batch_reports_its_validation_errors() {
    let batch: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/batch/openai-batch-failed.json"
    ))
    .unwrap();
    let status = openai::parse_status(&batch);
    assert_eq!(status.state, BatchState::Failed);
    assert!(!status.errors.is_empty(), "{status:?}");
}

#[test]
fn anthropic_results_cover_success_error_cancel_and_expiry() {
    let mut all = lines(include_str!(
        "../../../tests/fixtures/batch/anthropic-results.jsonl"
    ));
    all.extend(lines(include_str!(
        "../../../tests/fixtures/batch/anthropic-results-canceled-expired.jsonl"
    )));
    let results: Vec<ItemResult> = all.iter().map(anthropic::parse_line).collect();
    assert!(results.iter().any(|r| r.outcome.is_ok()));
    let kinds: Vec<&str> = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| e.kind.as_str()))
        .collect();
    assert!(kinds.contains(&"invalid_request_error"), "{kinds:?}");
    assert!(
        kinds.contains(&"canceled") && kinds.contains(&"expired"),
        "{kinds:?}"
    );
    let ended: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/batch/anthropic-batch-ended.json"
    ))
    .unwrap();
    let status = anthropic::parse_status(&ended);
    assert_eq!(status.state, BatchState::Ended);
    assert_eq!((status.succeeded, status.failed), (2, 1));
    assert!(status.locator[0].ends_with("/results"));
}

#[test]
fn gemini_inline_results_and_either_state_prefix_parse() {
    let op: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/batch/gemini-batch.json"
    ))
    .unwrap();
    let status = gemini::parse_status(&op);
    assert_eq!(status.state, BatchState::Ended);
    assert_eq!(status.total, 2);
    let results = gemini::parse_results(&op);
    assert_eq!(results.len(), 2);
    assert_eq!(results[1].custom_id, "req-2");
    assert_eq!(results[1].outcome.as_ref().unwrap().content, "Paris");
    let mut job = op.clone();
    job["metadata"]["state"] = "JOB_STATE_RUNNING".into();
    assert_eq!(gemini::parse_status(&job).state, BatchState::Open);
}

#[test]
fn anthropic_results_are_read_only_from_the_endpoints_own_origin() {
    let base = "https://api.anthropic.com/v1";
    let own = "https://api.anthropic.com/v1/messages/batches/b1/results";
    assert_eq!(anthropic::results_address(base, "b1", Some(own)), own);
    // Another host, another port or plain HTTP would receive the API key: never followed.
    for elsewhere in [
        "https://evil.example/v1/messages/batches/b1/results",
        "https://api.anthropic.com:8443/v1/messages/batches/b1/results",
        "http://api.anthropic.com/v1/messages/batches/b1/results",
        "not a url",
    ] {
        assert_eq!(anthropic::results_address(base, "b1", Some(elsewhere)), own);
    }
    assert_eq!(anthropic::results_address(base, "b1", None), own);
}
