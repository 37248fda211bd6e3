//! OpenAI-compatible servers: named presets, each a base URL and a key variable away.
//!
//! A preset is data: the default base URL, whether a key is required, and the dialect of Chat
//! Completions the server accepts. Any server not listed works as `kind: compatible` with a
//! `base_url` in `promptctl.yaml`.

use crate::provider::openai::ChatDialect;

/// A known OpenAI-compatible server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// The provider name (`ollama`, `groq`, ...).
    pub name: &'static str,
    /// The default base URL (ending in `/v1` or the server's equivalent).
    pub base_url: &'static str,
    /// Whether the server refuses calls without a key (hosted services do; local servers don't).
    pub key_required: bool,
    /// The request dialect.
    pub dialect: ChatDialect,
    /// What it is, for `providers list`.
    pub description: &'static str,
}

const PLAIN: ChatDialect = ChatDialect {
    max_tokens_field: "max_tokens",
    top_k: false,
    seed_field: "seed",
};

const WITH_TOP_K: ChatDialect = ChatDialect {
    max_tokens_field: "max_tokens",
    top_k: true,
    seed_field: "seed",
};

/// Every preset, by name.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "ollama",
        base_url: "http://localhost:11434/v1",
        key_required: false,
        dialect: PLAIN,
        description: "Ollama on this machine",
    },
    Preset {
        name: "vllm",
        base_url: "http://localhost:8000/v1",
        key_required: false,
        dialect: WITH_TOP_K,
        description: "vLLM OpenAI-compatible server",
    },
    Preset {
        name: "llamacpp",
        base_url: "http://localhost:8080/v1",
        key_required: false,
        dialect: WITH_TOP_K,
        description: "llama.cpp server (llama-server)",
    },
    Preset {
        name: "lmstudio",
        base_url: "http://localhost:1234/v1",
        key_required: false,
        dialect: PLAIN,
        description: "LM Studio local server",
    },
    Preset {
        name: "openrouter",
        base_url: "https://openrouter.ai/api/v1",
        key_required: true,
        dialect: WITH_TOP_K,
        description: "OpenRouter",
    },
    Preset {
        name: "groq",
        base_url: "https://api.groq.com/openai/v1",
        key_required: true,
        dialect: PLAIN,
        description: "Groq",
    },
    Preset {
        name: "together",
        base_url: "https://api.together.xyz/v1",
        key_required: true,
        dialect: WITH_TOP_K,
        description: "Together AI",
    },
    Preset {
        name: "mistral",
        base_url: "https://api.mistral.ai/v1",
        key_required: true,
        dialect: ChatDialect {
            max_tokens_field: "max_tokens",
            top_k: false,
            seed_field: "random_seed",
        },
        description: "Mistral AI",
    },
    Preset {
        name: "deepseek",
        base_url: "https://api.deepseek.com/v1",
        key_required: true,
        dialect: PLAIN,
        description: "DeepSeek",
    },
    Preset {
        name: "fireworks",
        base_url: "https://api.fireworks.ai/inference/v1",
        key_required: true,
        dialect: WITH_TOP_K,
        description: "Fireworks AI",
    },
    Preset {
        name: "xai",
        base_url: "https://api.x.ai/v1",
        key_required: true,
        dialect: PLAIN,
        description: "xAI",
    },
    Preset {
        name: "cerebras",
        base_url: "https://api.cerebras.ai/v1",
        key_required: true,
        dialect: PLAIN,
        description: "Cerebras",
    },
];

/// The dialect for servers without a preset.
pub const GENERIC: ChatDialect = PLAIN;

/// Looks a preset up by name.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::{Message, Role};
    use crate::provider::openai::chat_body;
    use crate::provider::{ChatRequest, Params, Target};

    #[test]
    fn at_least_ten_presets_with_unique_names() {
        assert!(PRESETS.len() >= 10);
        let mut names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PRESETS.len());
        for required in [
            "ollama",
            "vllm",
            "llamacpp",
            "lmstudio",
            "openrouter",
            "groq",
            "together",
            "mistral",
            "deepseek",
            "fireworks",
        ] {
            assert!(preset(required).is_some(), "{required}");
        }
    }

    #[test]
    fn dialects_change_field_names() {
        let request = ChatRequest {
            targets: vec![Target::parse("mistral/mistral-small-latest").unwrap()],
            messages: vec![Message::text(Role::User, "hi")],
            params: Params {
                seed: Some(1),
                max_output_tokens: Some(5),
                top_k: Some(2),
                ..Params::default()
            },
        };
        let body = chat_body(&request, "m", preset("mistral").unwrap().dialect);
        assert_eq!(body["random_seed"], 1);
        assert_eq!(body["max_tokens"], 5);
        assert!(body.get("top_k").is_none());
        let body = chat_body(&request, "m", preset("vllm").unwrap().dialect);
        assert_eq!(body["top_k"], 2);
        assert_eq!(body["seed"], 1);
    }
}
