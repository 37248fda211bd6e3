//! Gemini batch mode with inline requests (`models/{model}:batchGenerateContent`): the batch's
//! display name carries the tag; results come inline in the finished operation. States arrive
//! as `BATCH_STATE_*` (the SDK and some docs say `JOB_STATE_*`; both are accepted).

use serde_json::{Value, json};

use super::{
    BatchClient, BatchError, BatchLimits, BatchLine, BatchState, BatchStatus, ItemError,
    ItemResult, count, parse_reply,
};
use crate::provider::Kind;

/// Inline batches must stay under 20 MB.
pub(super) const LIMITS: BatchLimits = BatchLimits {
    max_requests: 100_000,
    max_bytes: 19_000_000,
};

pub(super) async fn create(
    client: &BatchClient,
    model: &str,
    tag: &str,
    lines: &[BatchLine],
) -> Result<String, BatchError> {
    let model = model.strip_prefix("models/").unwrap_or(model);
    let requests: Vec<Value> = lines
        .iter()
        .map(|l| json!({"request": l.body, "metadata": {"key": l.custom_id}}))
        .collect();
    let address = format!(
        "{}/models/{model}:batchGenerateContent",
        client.endpoint.base_url
    );
    let body = json!({"batch": {
        "displayName": tag,
        "inputConfig": {"requests": {"requests": requests}},
    }});
    let operation = client
        .send_json(client.post(address.clone(), &body))
        .await?;
    operation["name"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BatchError::Shape {
            url: address,
            message: "the created batch has no `name`".into(),
        })
}

pub(super) async fn find(client: &BatchClient, tag: &str) -> Result<Option<String>, BatchError> {
    let mut token: Option<String> = None;
    for _ in 0..10 {
        let page = match &token {
            Some(t) => format!(
                "{}/batches?pageSize=100&pageToken={t}",
                client.endpoint.base_url
            ),
            None => format!("{}/batches?pageSize=100", client.endpoint.base_url),
        };
        let list = client.send_json(client.get(page)).await?;
        let operations = list["operations"].as_array().cloned().unwrap_or_default();
        if let Some(found) = operations
            .iter()
            .find(|op| op.pointer("/metadata/displayName").and_then(Value::as_str) == Some(tag))
        {
            return Ok(found["name"].as_str().map(str::to_owned));
        }
        token = list["nextPageToken"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    Ok(None)
}

pub(super) fn parse_status(operation: &Value) -> BatchStatus {
    let meta = &operation["metadata"];
    let raw = meta["state"].as_str().unwrap_or("").to_owned();
    let suffix = raw
        .strip_prefix("BATCH_STATE_")
        .or_else(|| raw.strip_prefix("JOB_STATE_"))
        .unwrap_or(&raw);
    let state = match suffix {
        "SUCCEEDED" | "CANCELLED" | "EXPIRED" => BatchState::Ended,
        "FAILED" => BatchState::Failed,
        _ => BatchState::Open,
    };
    let counts = &meta["batchStats"];
    let errors = operation
        .pointer("/error/message")
        .and_then(Value::as_str)
        .map(|m| vec![m.to_owned()])
        .unwrap_or_default();
    BatchStatus {
        id: operation["name"].as_str().unwrap_or("").to_owned(),
        state,
        status: raw,
        total: count(counts.get("requestCount")),
        succeeded: count(counts.get("successfulRequestCount")),
        failed: count(counts.get("failedRequestCount")),
        errors,
        locator: Vec::new(),
    }
}

pub(super) async fn status(client: &BatchClient, id: &str) -> Result<BatchStatus, BatchError> {
    let operation = client
        .send_json(client.get(format!("{}/{id}", client.endpoint.base_url)))
        .await?;
    Ok(parse_status(&operation))
}

/// The inline responses of a finished operation (under `response` or `metadata.output`).
pub(super) fn parse_results(operation: &Value) -> Vec<ItemResult> {
    let items = operation
        .pointer("/response/inlinedResponses/inlinedResponses")
        .or_else(|| operation.pointer("/metadata/output/inlinedResponses/inlinedResponses"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .map(|item| {
            let custom_id = item
                .pointer("/metadata/key")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let outcome = if let Some(response) = item.get("response") {
                parse_reply(Kind::Gemini, response)
            } else {
                let code = item
                    .pointer("/error/code")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                Err(ItemError {
                    kind: format!("http_{code}"),
                    message: item
                        .pointer("/error/message")
                        .and_then(Value::as_str)
                        .unwrap_or("the request failed")
                        .to_owned(),
                    retryable: code == 429 || code >= 500,
                })
            };
            ItemResult { custom_id, outcome }
        })
        .collect()
}

pub(super) async fn results(
    client: &BatchClient,
    status: &BatchStatus,
) -> Result<Vec<ItemResult>, BatchError> {
    let operation = client
        .send_json(client.get(format!("{}/{}", client.endpoint.base_url, status.id)))
        .await?;
    Ok(parse_results(&operation))
}

pub(super) async fn cancel(client: &BatchClient, id: &str) -> Result<(), BatchError> {
    client
        .send_json(client.post(
            format!("{}/{id}:cancel", client.endpoint.base_url),
            &json!({}),
        ))
        .await
        .map(|_| ())
}
