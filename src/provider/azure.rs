//! Azure OpenAI: Chat Completions on a resource endpoint, authenticated with `api-key`.
//!
//! Two URL shapes: the v1 API (`{endpoint}/openai/v1/chat/completions`, deployment name in the
//! body's `model`), used when `api_version` is unset or `v1`; and the dated API
//! (`{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21`),
//! where the deployment is in the path. In both the model part of `azure/<name>` is the
//! deployment name. Bodies and responses are OpenAI's, plus content-filter results, so parsing
//! is [`openai::parse_chat`].

use crate::provider::openai::{self, ChatDialect};
use crate::provider::{ChatRequest, Credential, Endpoint, HttpRequest, sigv4};

/// The dated API version the published example uses.
pub const DATED_API_VERSION: &str = "2024-10-21";

/// The dated API takes `max_tokens`; v1 takes OpenAI's current names.
const DATED: ChatDialect = ChatDialect {
    max_tokens_field: "max_tokens",
    top_k: false,
    seed_field: "seed",
};

/// Builds the request for `deployment` on the endpoint's resource.
pub fn build_request(request: &ChatRequest, deployment: &str, endpoint: &Endpoint) -> HttpRequest {
    let base = endpoint
        .base_url
        .trim_end_matches("/openai")
        .trim_end_matches("/openai/v1");
    let mut http = match endpoint.api_version.as_deref() {
        None | Some("v1") => HttpRequest::post_json(
            format!("{base}/openai/v1/chat/completions"),
            &openai::chat_body(request, deployment, openai::OPENAI),
        ),
        Some(version) => {
            let mut body = openai::chat_body(request, deployment, DATED);
            if let Some(map) = body.as_object_mut() {
                map.remove("model");
            }
            HttpRequest::post_json(
                format!(
                    "{base}/openai/deployments/{}/chat/completions?api-version={}",
                    sigv4::uri_encode(deployment, false),
                    sigv4::uri_encode(version, false)
                ),
                &body,
            )
        }
    };
    if let Credential::ApiKey(key) = &endpoint.credential {
        http.secret_header("api-key", "", key);
    }
    for (name, value) in &endpoint.headers {
        http.header(name, value.clone());
    }
    http
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::prompt::{Message, Role};
    use crate::provider::openai::tests::{fixture, key_endpoint};
    use crate::provider::{FinishReason, HttpResponse, Kind, Params, Target};

    fn endpoint(api_version: Option<&str>) -> Endpoint {
        Endpoint {
            api_version: api_version.map(str::to_owned),
            ..key_endpoint(
                "azure",
                Kind::Azure,
                "https://contoso.openai.azure.com",
                "azure-key",
            )
        }
    }

    fn example() -> Value {
        serde_json::from_slice(&fixture("azure/chat_completions.2024-10-21.json")).unwrap()
    }

    fn request() -> ChatRequest {
        let body = &example()["parameters"]["body"];
        let messages = body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                Message::text(
                    Role::parse(m["role"].as_str().unwrap()).unwrap(),
                    m["content"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        ChatRequest {
            targets: vec![Target::parse("azure/gpt-4o").unwrap()],
            messages,
            params: Params::default(),
        }
    }

    #[test]
    fn dated_api_matches_the_official_example() {
        let http = build_request(&request(), "gpt-4o", &endpoint(Some(DATED_API_VERSION)));
        assert_eq!(
            http.url,
            "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"
        );
        assert_eq!(http.json().unwrap(), example()["parameters"]["body"]);
        assert_eq!(http.headers[1].0, "api-key");
        assert_eq!(http.headers[1].1.redacted(), "***");
    }

    #[test]
    fn v1_api_puts_the_deployment_in_the_body() {
        let http = build_request(&request(), "my-deployment", &endpoint(None));
        assert_eq!(
            http.url,
            "https://contoso.openai.azure.com/openai/v1/chat/completions"
        );
        assert_eq!(http.json().unwrap()["model"], "my-deployment");
    }

    #[test]
    fn parses_the_official_response() {
        let body = serde_json::to_vec(&example()["responses"]["200"]["body"]).unwrap();
        let out = openai::parse_chat(&HttpResponse {
            status: 200,
            headers: Vec::new(),
            body,
        })
        .unwrap();
        assert!(out.content.starts_with("Ahoy matey!"));
        assert_eq!(out.finish_reason, FinishReason::Stop);
        assert!(out.usage.input_tokens > 0);
    }
}
