//! OpenAI and Azure OpenAI: upload a JSONL file (`purpose=batch`), create a batch on it, poll,
//! download the output and error files. Azure differs in paths (`/openai/files`, `api-version`)
//! and auth (`api-key`), and its lines name the deployment in `model`.

use serde_json::{Value, json};

use super::{
    BatchClient, BatchError, BatchLimits, BatchLine, BatchState, BatchStatus, ItemError,
    ItemResult, count, jsonl, parse_reply,
};
use crate::provider::{HttpRequest, Kind};

/// 50,000 requests, 200 MB per input file.
pub(super) const OPENAI_LIMITS: BatchLimits = BatchLimits {
    max_requests: 50_000,
    max_bytes: 200_000_000,
};

/// 100,000 requests, 200 MB per input file.
pub(super) const AZURE_LIMITS: BatchLimits = BatchLimits {
    max_requests: 100_000,
    max_bytes: 200_000_000,
};

/// The metadata key carrying the tag.
const TAG_KEY: &str = "promptctl_tag";

/// `{base}/{path}` with Azure's prefix and `api-version` where needed.
fn url(client: &BatchClient, path: &str) -> String {
    let endpoint = &client.endpoint;
    if client.kind != Kind::Azure {
        return format!("{}/{path}", endpoint.base_url);
    }
    let base = endpoint
        .base_url
        .trim_end_matches("/openai/v1")
        .trim_end_matches("/openai");
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    match endpoint.api_version.as_deref() {
        None | Some("v1") => {
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{query}")
            };
            format!("{base}/openai/v1/{path}{query}")
        }
        Some(version) => {
            let extra = if query.is_empty() {
                String::new()
            } else {
                format!("&{query}")
            };
            format!("{base}/openai/{path}?api-version={version}{extra}")
        }
    }
}

/// The URL a line names: Azure's dated API takes paths without `/v1`.
fn line_url(client: &BatchClient) -> &'static str {
    match (client.kind, client.endpoint.api_version.as_deref()) {
        (Kind::Azure, Some(v)) if v != "v1" => "/chat/completions",
        _ => "/v1/chat/completions",
    }
}

pub(super) fn input_file(client: &BatchClient, lines: &[BatchLine]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in lines {
        let value = json!({
            "custom_id": line.custom_id,
            "method": "POST",
            "url": line_url(client),
            "body": line.body,
        });
        out.extend_from_slice(value.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

pub(super) async fn create(
    client: &BatchClient,
    tag: &str,
    lines: &[BatchLine],
) -> Result<String, BatchError> {
    let boundary = "promptctl-batch-boundary-7f3a9c";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{tag}.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&input_file(client, lines));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut upload = HttpRequest {
        method: "POST",
        url: url(client, "files"),
        headers: vec![(
            "content-type".to_owned(),
            crate::provider::HeaderValue::Plain(format!(
                "multipart/form-data; boundary={boundary}"
            )),
        )],
        body,
    };
    client.authorize(&mut upload);
    let file = client.send_json(upload).await?;
    let file_id = file["id"].as_str().ok_or_else(|| BatchError::Shape {
        url: url(client, "files"),
        message: "the uploaded file has no `id`".into(),
    })?;
    let create = client.post(
        url(client, "batches"),
        &json!({
            "input_file_id": file_id,
            "endpoint": "/v1/chat/completions",
            "completion_window": "24h",
            "metadata": {TAG_KEY: tag},
        }),
    );
    let batch = client.send_json(create).await?;
    batch["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BatchError::Shape {
            url: url(client, "batches"),
            message: "the created batch has no `id`".into(),
        })
}

pub(super) async fn find(client: &BatchClient, tag: &str) -> Result<Option<String>, BatchError> {
    let mut after: Option<String> = None;
    // Recent batches come first; a lost create is at most minutes old, so a few pages suffice.
    for _ in 0..10 {
        let page = match &after {
            Some(a) => format!("batches?limit=100&after={a}"),
            None => "batches?limit=100".to_owned(),
        };
        let list = client.send_json(client.get(url(client, &page))).await?;
        let data = list["data"].as_array().cloned().unwrap_or_default();
        if let Some(found) = data.iter().find(|b| {
            b.pointer(&format!("/metadata/{TAG_KEY}"))
                .and_then(Value::as_str)
                == Some(tag)
        }) {
            return Ok(found["id"].as_str().map(str::to_owned));
        }
        if !list["has_more"].as_bool().unwrap_or(false) {
            break;
        }
        after = list["last_id"].as_str().map(str::to_owned);
        if after.is_none() {
            break;
        }
    }
    Ok(None)
}

pub(super) fn parse_status(batch: &Value) -> BatchStatus {
    let status = batch["status"].as_str().unwrap_or("").to_owned();
    let state = match status.as_str() {
        "completed" | "expired" | "cancelled" => BatchState::Ended,
        "failed" => BatchState::Failed,
        _ => BatchState::Open,
    };
    let errors = batch
        .pointer("/errors/data")
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .map(|e| {
                    let place = e["line"]
                        .as_u64()
                        .map(|line| format!(" (input line {line})"))
                        .unwrap_or_default();
                    format!(
                        "{}: {}{place}",
                        e["code"].as_str().unwrap_or("error"),
                        e["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let counts = &batch["request_counts"];
    BatchStatus {
        id: batch["id"].as_str().unwrap_or("").to_owned(),
        state,
        status,
        total: count(counts.get("total")),
        succeeded: count(counts.get("completed")),
        failed: count(counts.get("failed")),
        errors,
        locator: ["output_file_id", "error_file_id"]
            .iter()
            .filter_map(|k| batch[*k].as_str().map(str::to_owned))
            .collect(),
    }
}

pub(super) async fn status(client: &BatchClient, id: &str) -> Result<BatchStatus, BatchError> {
    let batch = client
        .send_json(client.get(url(client, &format!("batches/{id}"))))
        .await?;
    Ok(parse_status(&batch))
}

pub(super) fn parse_line(kind: Kind, line: &Value) -> ItemResult {
    let custom_id = line["custom_id"].as_str().unwrap_or("").to_owned();
    let outcome = match (&line["response"], &line["error"]) {
        (response, _) if response["status_code"].as_u64().is_some_and(|s| s < 300) => {
            parse_reply(kind, &response["body"])
        }
        (response, _) if response.is_object() => {
            let status = response["status_code"].as_u64().unwrap_or(0);
            Err(ItemError {
                kind: format!("http_{status}"),
                message: response
                    .pointer("/body/error/message")
                    .and_then(Value::as_str)
                    .unwrap_or("the request failed")
                    .to_owned(),
                retryable: status == 429 || status >= 500,
            })
        }
        (_, error) => {
            let code = error["code"].as_str().unwrap_or("error").to_owned();
            Err(ItemError {
                retryable: code == "batch_expired" || code.contains("timeout"),
                kind: if code == "batch_expired" {
                    "expired".into()
                } else {
                    code
                },
                message: error["message"].as_str().unwrap_or("no result").to_owned(),
            })
        }
    };
    ItemResult { custom_id, outcome }
}

pub(super) async fn results(
    client: &BatchClient,
    status: &BatchStatus,
) -> Result<Vec<ItemResult>, BatchError> {
    let mut out = Vec::new();
    for file in &status.locator {
        let address = url(client, &format!("files/{file}/content"));
        let mut request = client.get(address.clone());
        request.header("accept", "application/binary");
        let response = client.send(request).await?;
        for line in jsonl(&address, &response.body)? {
            out.push(parse_line(client.kind, &line));
        }
    }
    Ok(out)
}

pub(super) async fn cancel(client: &BatchClient, id: &str) -> Result<(), BatchError> {
    client
        .send_json(client.post(url(client, &format!("batches/{id}/cancel")), &json!({})))
        .await
        .map(|_| ())
}
