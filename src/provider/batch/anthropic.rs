//! Anthropic Message Batches: the requests go inline in the create body; results stream from
//! the batch's `results_url` as JSONL. Batches carry no metadata, so a lost create cannot be
//! found again by tag: [`find`] says so by returning nothing (see the module docs of `batch`).

use serde_json::{Value, json};

use super::{
    BatchClient, BatchError, BatchLimits, BatchLine, BatchState, BatchStatus, ItemError,
    ItemResult, count, jsonl, parse_reply,
};
use crate::provider::Kind;

/// 100,000 requests or 256 MB per batch.
pub(super) const LIMITS: BatchLimits = BatchLimits {
    max_requests: 100_000,
    max_bytes: 256_000_000,
};

fn url(client: &BatchClient, path: &str) -> String {
    format!("{}/messages/batches{path}", client.endpoint.base_url)
}

pub(super) async fn create(
    client: &BatchClient,
    lines: &[BatchLine],
) -> Result<String, BatchError> {
    let requests: Vec<Value> = lines
        .iter()
        .map(|l| json!({"custom_id": l.custom_id, "params": l.body}))
        .collect();
    let batch = client
        .send_json(client.post(url(client, ""), &json!({"requests": requests})))
        .await?;
    batch["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BatchError::Shape {
            url: url(client, ""),
            message: "the created batch has no `id`".into(),
        })
}

#[allow(clippy::unused_async)] // same shape as the other providers
pub(super) async fn find(_client: &BatchClient, _tag: &str) -> Result<Option<String>, BatchError> {
    Ok(None)
}

pub(super) fn parse_status(batch: &Value) -> BatchStatus {
    let status = batch["processing_status"].as_str().unwrap_or("").to_owned();
    let counts = &batch["request_counts"];
    let succeeded = count(counts.get("succeeded"));
    let failed = ["errored", "canceled", "expired"]
        .iter()
        .map(|k| count(counts.get(*k)))
        .sum();
    BatchStatus {
        id: batch["id"].as_str().unwrap_or("").to_owned(),
        state: if status == "ended" {
            BatchState::Ended
        } else {
            BatchState::Open
        },
        total: succeeded + failed + count(counts.get("processing")),
        status,
        succeeded,
        failed,
        errors: Vec::new(),
        locator: batch["results_url"]
            .as_str()
            .map(str::to_owned)
            .into_iter()
            .collect(),
    }
}

pub(super) async fn status(client: &BatchClient, id: &str) -> Result<BatchStatus, BatchError> {
    let batch = client
        .send_json(client.get(url(client, &format!("/{id}"))))
        .await?;
    Ok(parse_status(&batch))
}

pub(super) fn parse_line(line: &Value) -> ItemResult {
    let custom_id = line["custom_id"].as_str().unwrap_or("").to_owned();
    let result = &line["result"];
    let outcome = match result["type"].as_str().unwrap_or("") {
        "succeeded" => parse_reply(Kind::Anthropic, &result["message"]),
        "errored" => {
            let kind = result
                .pointer("/error/error/type")
                .or_else(|| result.pointer("/error/type"))
                .and_then(Value::as_str)
                .unwrap_or("errored")
                .to_owned();
            Err(ItemError {
                retryable: kind != "invalid_request_error",
                message: result
                    .pointer("/error/error/message")
                    .and_then(Value::as_str)
                    .unwrap_or("the request failed")
                    .to_owned(),
                kind,
            })
        }
        other => Err(ItemError {
            kind: if other.is_empty() {
                "no_result".into()
            } else {
                other.to_owned()
            },
            message: format!("the request was {other} before it ran"),
            retryable: true,
        }),
    };
    ItemResult { custom_id, outcome }
}

pub(super) async fn results(
    client: &BatchClient,
    status: &BatchStatus,
) -> Result<Vec<ItemResult>, BatchError> {
    let address = results_address(
        &client.endpoint.base_url,
        &status.id,
        status.locator.first().map(String::as_str),
    );
    let response = client.send(client.get(address.clone())).await?;
    Ok(jsonl(&address, &response.body)?
        .iter()
        .map(parse_line)
        .collect())
}

/// Where a batch's results are read: the `results_url` the provider gave, but only when it is
/// on the configured endpoint's origin (scheme, host and port). The request carries the API
/// key, so an address elsewhere is never followed; the documented path on the endpoint is used
/// instead.
pub(super) fn results_address(base_url: &str, id: &str, results_url: Option<&str>) -> String {
    let fallback = format!("{base_url}/messages/batches/{id}/results");
    let origin = |address: &str| {
        reqwest::Url::parse(address).ok().map(|u| {
            (
                u.scheme().to_owned(),
                u.host_str().map(str::to_owned),
                u.port_or_known_default(),
            )
        })
    };
    match results_url {
        Some(given) if origin(given).is_some() && origin(given) == origin(base_url) => {
            given.to_owned()
        }
        _ => fallback,
    }
}

pub(super) async fn cancel(client: &BatchClient, id: &str) -> Result<(), BatchError> {
    client
        .send_json(client.post(url(client, &format!("/{id}/cancel")), &json!({})))
        .await
        .map(|_| ())
}
