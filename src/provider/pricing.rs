//! Prices per model and the cost of a call.
//!
//! Prices are US dollars per million tokens: input, output, and cached input where the
//! provider discounts prompt-cache hits. The shipped table covers common models and carries the
//! date it was compiled ([`DEFAULT_AS_OF`]); prices change, so `promptctl.yaml` can override or
//! add entries under `prices:` and set its own date. Lookups try `provider/model`, then the
//! model alone, then the longest model prefix ending at a `-` (so a dated snapshot such as
//! `gpt-4o-2024-08-06` finds `gpt-4o`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::provider::{Target, Usage};

/// When the shipped default prices were compiled from the providers' public price lists.
pub const DEFAULT_AS_OF: &str = "2025-10-01";

/// Dollars per million tokens for one model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Prompt tokens.
    pub input: f64,
    /// Generated tokens.
    pub output: f64,
    /// Prompt tokens served from the provider's cache (defaults to `input`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<f64>,
    /// Prompt tokens sent through the provider's batch API (defaults to half of `input`, the
    /// discount OpenAI, Azure, Anthropic and Gemini all publish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<f64>,
    /// Generated tokens through the batch API (defaults to half of `output`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<f64>,
}

/// The share of the synchronous price a batch call costs when no batch price is given.
pub const BATCH_DISCOUNT: f64 = 0.5;

/// A price list with the date it is valid for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceTable {
    /// The date the prices were taken (YYYY-MM-DD).
    pub as_of: String,
    /// `provider/model` or `model` to its price.
    pub models: BTreeMap<String, Price>,
}

/// (model, input, output, cached input) for the shipped table.
const DEFAULTS: &[(&str, f64, f64, Option<f64>)] = &[
    // OpenAI
    ("gpt-5", 1.25, 10.0, Some(0.125)),
    ("gpt-5-mini", 0.25, 2.0, Some(0.025)),
    ("gpt-5-nano", 0.05, 0.40, Some(0.005)),
    ("gpt-4.1", 2.0, 8.0, Some(0.50)),
    ("gpt-4.1-mini", 0.40, 1.60, Some(0.10)),
    ("gpt-4.1-nano", 0.10, 0.40, Some(0.025)),
    ("gpt-4o", 2.50, 10.0, Some(1.25)),
    ("gpt-4o-mini", 0.15, 0.60, Some(0.075)),
    ("o3", 2.0, 8.0, Some(0.50)),
    ("o4-mini", 1.10, 4.40, Some(0.275)),
    // Anthropic
    ("claude-opus-4-1", 15.0, 75.0, Some(1.50)),
    ("claude-opus-4", 15.0, 75.0, Some(1.50)),
    ("claude-sonnet-4-5", 3.0, 15.0, Some(0.30)),
    ("claude-sonnet-4", 3.0, 15.0, Some(0.30)),
    ("claude-3-7-sonnet", 3.0, 15.0, Some(0.30)),
    ("claude-haiku-4-5", 1.0, 5.0, Some(0.10)),
    ("claude-3-5-haiku", 0.80, 4.0, Some(0.08)),
    // Google
    ("gemini-2.5-pro", 1.25, 10.0, Some(0.31)),
    ("gemini-2.5-flash", 0.30, 2.50, Some(0.075)),
    ("gemini-2.5-flash-lite", 0.10, 0.40, Some(0.025)),
    ("gemini-2.0-flash", 0.10, 0.40, Some(0.025)),
    // Hosted open models
    ("mistral/mistral-large-latest", 2.0, 6.0, None),
    ("mistral/mistral-small-latest", 0.10, 0.30, None),
    ("deepseek/deepseek-chat", 0.27, 1.10, Some(0.07)),
    ("deepseek/deepseek-reasoner", 0.55, 2.19, Some(0.14)),
    ("groq/llama-3.3-70b-versatile", 0.59, 0.79, None),
    ("groq/llama-3.1-8b-instant", 0.05, 0.08, None),
];

impl Default for PriceTable {
    fn default() -> Self {
        PriceTable {
            as_of: DEFAULT_AS_OF.to_owned(),
            models: DEFAULTS
                .iter()
                .map(|(name, input, output, cached)| {
                    (
                        (*name).to_owned(),
                        Price {
                            input: *input,
                            output: *output,
                            cached_input: *cached,
                            batch_input: None,
                            batch_output: None,
                        },
                    )
                })
                .collect(),
        }
    }
}

impl PriceTable {
    /// The shipped table with `overrides` laid over it; `as_of` replaces the date when given.
    pub fn with_overrides(overrides: &BTreeMap<String, Price>, as_of: Option<&str>) -> Self {
        let mut table = PriceTable::default();
        table
            .models
            .extend(overrides.iter().map(|(k, v)| (k.clone(), *v)));
        if let Some(date) = as_of {
            date.clone_into(&mut table.as_of);
        }
        table
    }

    /// The price of a model, if known.
    pub fn price(&self, target: &Target) -> Option<&Price> {
        if let Some(price) = self.models.get(&target.to_string()) {
            return Some(price);
        }
        let model = target.model.rsplit('/').next().unwrap_or(&target.model);
        if let Some(price) = self.models.get(model) {
            return Some(price);
        }
        // Longest prefix at a `-` boundary, among keys without a provider.
        self.models
            .iter()
            .filter(|(key, _)| !key.contains('/'))
            .filter(|(key, _)| {
                model.len() > key.len()
                    && model.starts_with(key.as_str())
                    && model.as_bytes()[key.len()] == b'-'
            })
            .max_by_key(|(key, _)| key.len())
            .map(|(_, price)| price)
    }

    /// The cost of a call in dollars, if the model has a price.
    pub fn cost(&self, target: &Target, usage: &Usage) -> Option<f64> {
        self.price(target).map(|p| p.cost(usage))
    }
}

impl Price {
    /// Dollars for this usage.
    pub fn cost(&self, usage: &Usage) -> f64 {
        let cached = usage.cached_input_tokens.min(usage.input_tokens);
        #[allow(clippy::cast_precision_loss)]
        let (fresh, cached, output) = (
            (usage.input_tokens - cached) as f64,
            cached as f64,
            usage.output_tokens as f64,
        );
        (fresh * self.input
            + cached * self.cached_input.unwrap_or(self.input)
            + output * self.output)
            / 1_000_000.0
    }

    /// The price of the same model through the provider's batch API.
    #[must_use]
    pub fn batch(&self) -> Price {
        let input = self.batch_input.unwrap_or(self.input * BATCH_DISCOUNT);
        Price {
            input,
            output: self.batch_output.unwrap_or(self.output * BATCH_DISCOUNT),
            // Cache hits are discounted like other input where no batch price says otherwise.
            cached_input: self
                .cached_input
                .map(|c| c * input / self.input.max(f64::MIN_POSITIVE)),
            batch_input: None,
            batch_output: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_prices_default_to_half_and_can_be_overridden() {
        let usage = Usage {
            input_tokens: 1_000_000,
            output_tokens: 1_000_000,
            cached_input_tokens: 0,
        };
        let table = PriceTable::default();
        let sync = table.price(&t("openai/gpt-4o")).unwrap();
        assert!((sync.batch().cost(&usage) - sync.cost(&usage) / 2.0).abs() < 1e-9);
        let own: BTreeMap<String, Price> = yaml_serde::from_str(
            "x/m: {input: 4.0, output: 8.0, batch_input: 1.0, batch_output: 3.0}",
        )
        .unwrap();
        let table = PriceTable::with_overrides(&own, None);
        let price = table.price(&t("x/m")).unwrap();
        assert!((price.batch().cost(&usage) - 4.0).abs() < 1e-9);
    }

    fn t(s: &str) -> Target {
        Target::parse(s).unwrap()
    }

    #[test]
    fn cost_uses_cached_input_price() {
        let table = PriceTable::default();
        let usage = Usage {
            input_tokens: 1_000_000,
            output_tokens: 1_000_000,
            cached_input_tokens: 500_000,
        };
        let cost = table.cost(&t("openai/gpt-4o"), &usage).unwrap();
        assert!((cost - (1.25 + 0.625 + 10.0)).abs() < 1e-9, "{cost}");
    }

    #[test]
    fn lookup_order() {
        let table = PriceTable::default();
        assert!((table.price(&t("azure/gpt-4o-mini")).unwrap().input - 0.15).abs() < 1e-12);
        assert!((table.price(&t("openai/gpt-4o-2024-08-06")).unwrap().input - 2.5).abs() < 1e-12);
        assert!(
            (table
                .price(&t("anthropic/claude-sonnet-4-20250514"))
                .unwrap()
                .input
                - 3.0)
                .abs()
                < 1e-12
        );
        assert!(table.price(&t("ollama/llama3.2")).is_none());
        assert!(table.price(&t("openai/gpt-4")).is_none());
    }

    #[test]
    fn overrides_replace_and_date() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            "ollama/llama3.2".to_owned(),
            Price {
                input: 0.0,
                output: 0.0,
                cached_input: None,
                batch_input: None,
                batch_output: None,
            },
        );
        let table = PriceTable::with_overrides(&overrides, Some("2026-11-01"));
        assert_eq!(table.as_of, "2026-11-01");
        assert_eq!(
            table.cost(&t("ollama/llama3.2"), &Usage::default()),
            Some(0.0)
        );
    }
}
