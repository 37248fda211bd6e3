//! Token counts: exact with the model's own encoding where one is bundled, estimated otherwise.
//!
//! OpenAI's encodings (`o200k_base`, `cl100k_base`, …) ship inside `tiktoken-rs`, so counting
//! works offline and matches what the API bills. Other providers publish no offline tokenizer
//! that a well-kept crate covers, so their counts are estimates (about four characters per token
//! for English) and every count says which it is.

use serde::Serialize;
use tiktoken_rs::tokenizer::Tokenizer;

/// How many tokens a text has, and how that was found out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum TokenCount {
    /// Counted with the model's encoding.
    Exact {
        /// Tokens.
        count: usize,
        /// The encoding, e.g. `o200k_base`.
        encoding: &'static str,
    },
    /// Estimated from the character count: no bundled tokenizer for the model.
    Estimated {
        /// Tokens, estimated.
        count: usize,
    },
}

impl TokenCount {
    /// The number of tokens.
    pub fn count(&self) -> usize {
        match self {
            TokenCount::Exact { count, .. } | TokenCount::Estimated { count } => *count,
        }
    }

    /// "1234 tokens (`o200k_base`)" or "about 1234 tokens (estimated: no tokenizer for the model)".
    pub fn describe(&self) -> String {
        match self {
            TokenCount::Exact { count, encoding } => format!("{count} tokens ({encoding})"),
            TokenCount::Estimated { count } => {
                format!("about {count} tokens (estimated: no bundled tokenizer for the model)")
            }
        }
    }
}

/// Counts the tokens of `text` for `model` (`provider/model` or a bare model id).
pub fn count(model: Option<&str>, text: &str) -> TokenCount {
    if let Some((encoding, bpe)) = model.and_then(openai_encoding) {
        return TokenCount::Exact {
            count: bpe.encode_with_special_tokens(text).len(),
            encoding,
        };
    }
    TokenCount::Estimated {
        count: text.chars().count().div_ceil(4),
    }
}

/// The bundled encoding of an OpenAI model, when the model is OpenAI's.
fn openai_encoding(model: &str) -> Option<(&'static str, &'static tiktoken_rs::CoreBPE)> {
    let (provider, id) = model.split_once('/').unwrap_or(("openai", model));
    if !matches!(provider, "openai" | "azure") {
        return None;
    }
    let tokenizer = tiktoken_rs::tokenizer::get_tokenizer(id)?;
    let name = match tokenizer {
        Tokenizer::O200kBase => "o200k_base",
        Tokenizer::O200kHarmony => "o200k_harmony",
        Tokenizer::Cl100kBase => "cl100k_base",
        Tokenizer::P50kBase => "p50k_base",
        Tokenizer::R50kBase => "r50k_base",
        Tokenizer::P50kEdit => "p50k_edit",
        Tokenizer::Gpt2 => "gpt2",
    };
    tiktoken_rs::bpe_for_tokenizer(tokenizer)
        .ok()
        .map(|bpe| (name, bpe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_models_are_counted_with_their_encoding() {
        // "hello world" is two tokens in both cl100k_base and o200k_base.
        assert_eq!(
            count(Some("openai/gpt-4o-mini"), "hello world"),
            TokenCount::Exact {
                count: 2,
                encoding: "o200k_base"
            }
        );
        assert_eq!(
            count(Some("openai/gpt-4"), "hello world"),
            TokenCount::Exact {
                count: 2,
                encoding: "cl100k_base"
            }
        );
    }

    #[test]
    fn other_models_are_estimated_and_say_so() {
        let counted = count(Some("anthropic/claude-sonnet-4"), "twelve chars");
        assert_eq!(counted, TokenCount::Estimated { count: 3 });
        assert!(counted.describe().contains("estimated"));
        assert_eq!(count(None, ""), TokenCount::Estimated { count: 0 });
    }
}
