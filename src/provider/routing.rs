//! Cost- and latency-aware routing: the order in which the models of a chain are tried.
//!
//! A [`RoutingPolicy`] weighs estimated cost, observed latency (an exponentially weighted
//! average kept by the gateway) and a quality score per model, after dropping candidates that
//! break its constraints (allowed providers, allowed regions). Each measure is scaled to [0, 1]
//! across the candidates; a missing measure counts as the middle (0.5). Lower scores go first;
//! ties keep the chain's order, so with no policy the chain is tried as written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::provider::Target;

/// How much each measure counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Weight of estimated cost per call.
    #[serde(default)]
    pub cost: f64,
    /// Weight of observed latency.
    #[serde(default)]
    pub latency: f64,
    /// Weight of the quality score (higher quality is better).
    #[serde(default)]
    pub quality: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            cost: 1.0,
            latency: 0.0,
            quality: 0.0,
        }
    }
}

/// Weights, scores and constraints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingPolicy {
    /// Measure weights.
    #[serde(default)]
    pub weights: Weights,
    /// Quality score per `provider/model` (any scale; higher is better).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quality: BTreeMap<String, f64>,
    /// When non-empty, only these providers may serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_providers: Vec<String>,
    /// When non-empty, only providers in these regions may serve (providers with no region are
    /// excluded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_regions: Vec<String>,
    /// Stricter constraints for prompts of a data classification (`confidential: {...}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classifications: BTreeMap<String, Constraints>,
}

/// Where prompts of one data classification may be served.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// When non-empty, only these providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_providers: Vec<String>,
    /// When non-empty, only these regions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_regions: Vec<String>,
}

/// What the router knows about one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The model.
    pub target: Target,
    /// Estimated dollars per call, if priced.
    pub cost: Option<f64>,
    /// Observed latency in milliseconds, if any calls were made.
    pub latency_ms: Option<f64>,
    /// The provider's region, if known.
    pub region: Option<String>,
}

/// Why a candidate was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    /// The model.
    pub target: Target,
    /// The rule it broke.
    pub reason: String,
}

impl RoutingPolicy {
    /// A policy that only enforces constraints: all weights 0, so the chain keeps its order.
    pub fn constraints_only() -> RoutingPolicy {
        RoutingPolicy {
            weights: Weights {
                cost: 0.0,
                latency: 0.0,
                quality: 0.0,
            },
            ..RoutingPolicy::default()
        }
    }

    /// The policy a prompt runs under: the project's, narrowed by the prompt's classification
    /// and `regions:` (data residency); with no project policy, only the prompt's `regions:`
    /// apply, and the chain keeps its order. `None` when nothing constrains or orders the chain.
    pub fn effective(
        project: Option<&RoutingPolicy>,
        front: &crate::prompt::FrontMatter,
    ) -> Option<RoutingPolicy> {
        match project {
            Some(policy) => {
                Some(policy.for_prompt(front.classification.as_deref(), &front.regions))
            }
            None if !front.regions.is_empty() => {
                Some(RoutingPolicy::constraints_only().for_prompt(None, &front.regions))
            }
            None => None,
        }
    }

    /// The policy for one prompt: its classification's constraints and the prompt's own
    /// `regions:` replace the general ones where they are set.
    #[must_use]
    pub fn for_prompt(&self, classification: Option<&str>, regions: &[String]) -> RoutingPolicy {
        let mut policy = self.clone();
        if let Some(c) = classification.and_then(|c| self.classifications.get(c)) {
            if !c.allowed_providers.is_empty() {
                policy.allowed_providers.clone_from(&c.allowed_providers);
            }
            if !c.allowed_regions.is_empty() {
                policy.allowed_regions.clone_from(&c.allowed_regions);
            }
        }
        if !regions.is_empty() {
            policy.allowed_regions = regions.to_vec();
        }
        policy
    }

    /// Orders the candidates best first and lists the ones the constraints exclude.
    pub fn rank(&self, candidates: &[Candidate]) -> (Vec<Target>, Vec<Excluded>) {
        let mut excluded = Vec::new();
        let allowed: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                if !self.allowed_providers.is_empty()
                    && !self.allowed_providers.contains(&c.target.provider)
                {
                    excluded.push(Excluded {
                        target: c.target.clone(),
                        reason: format!("provider `{}` is not allowed", c.target.provider),
                    });
                    return false;
                }
                if !self.allowed_regions.is_empty()
                    && !c
                        .region
                        .as_ref()
                        .is_some_and(|r| self.allowed_regions.contains(r))
                {
                    excluded.push(Excluded {
                        target: c.target.clone(),
                        reason: format!(
                            "region `{}` is not allowed",
                            c.region.as_deref().unwrap_or("unknown")
                        ),
                    });
                    return false;
                }
                true
            })
            .collect();
        let costs = scale(allowed.iter().map(|c| c.cost).collect());
        let latencies = scale(allowed.iter().map(|c| c.latency_ms).collect());
        let qualities = scale(
            allowed
                .iter()
                .map(|c| self.quality.get(&c.target.to_string()).copied())
                .collect(),
        );
        let mut scored: Vec<(f64, usize)> = (0..allowed.len())
            .map(|i| {
                let score = self.weights.cost * costs[i] + self.weights.latency * latencies[i]
                    - self.weights.quality * qualities[i];
                (score, i)
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        (
            scored
                .into_iter()
                .map(|(_, i)| allowed[i].target.clone())
                .collect(),
            excluded,
        )
    }
}

/// Min-max scales to [0, 1]; missing values become 0.5, and all-equal values 0.
fn scale(values: Vec<Option<f64>>) -> Vec<f64> {
    let present = values.iter().flatten();
    let min = present.clone().copied().fold(f64::INFINITY, f64::min);
    let max = present.copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .into_iter()
        .map(|v| match v {
            None => 0.5,
            Some(_) if max <= min => 0.0,
            Some(v) => (v - min) / (max - min),
        })
        .collect()
}

/// An exponentially weighted moving average (the gateway's latency memory).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ewma {
    /// The current average.
    pub value: f64,
}

/// Weight of the newest observation.
pub const EWMA_ALPHA: f64 = 0.2;

impl Ewma {
    /// Folds in an observation (the first one sets the value).
    pub fn observe(current: Option<Ewma>, sample: f64) -> Ewma {
        Ewma {
            value: match current {
                None => sample,
                Some(e) => e.value + EWMA_ALPHA * (sample - e.value),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(target: &str, cost: Option<f64>, latency: Option<f64>, region: Option<&str>) -> Candidate {
        Candidate {
            target: Target::parse(target).unwrap(),
            cost,
            latency_ms: latency,
            region: region.map(str::to_owned),
        }
    }

    fn names(targets: &[Target]) -> Vec<String> {
        targets.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn cheapest_first_by_default() {
        let policy = RoutingPolicy::default();
        let (order, excluded) = policy.rank(&[
            c("openai/gpt-4o", Some(0.01), None, None),
            c("openai/gpt-4o-mini", Some(0.001), None, None),
        ]);
        assert_eq!(names(&order), ["openai/gpt-4o-mini", "openai/gpt-4o"]);
        assert!(excluded.is_empty());
    }

    #[test]
    fn latency_and_quality_weights() {
        let mut policy = RoutingPolicy {
            weights: Weights {
                cost: 0.0,
                latency: 1.0,
                quality: 0.0,
            },
            ..RoutingPolicy::default()
        };
        let candidates = [
            c("a/slow", Some(0.001), Some(900.0), None),
            c("b/fast", Some(0.01), Some(100.0), None),
        ];
        assert_eq!(names(&policy.rank(&candidates).0), ["b/fast", "a/slow"]);
        policy.weights = Weights {
            cost: 0.0,
            latency: 0.0,
            quality: 1.0,
        };
        policy.quality.insert("a/slow".into(), 0.9);
        policy.quality.insert("b/fast".into(), 0.5);
        assert_eq!(names(&policy.rank(&candidates).0), ["a/slow", "b/fast"]);
    }

    #[test]
    fn constraints_exclude_with_reasons() {
        let policy = RoutingPolicy {
            allowed_regions: vec!["eu-west-1".into()],
            ..RoutingPolicy::default()
        };
        let (order, excluded) = policy.rank(&[
            c("bedrock/x", None, None, Some("eu-west-1")),
            c("openai/y", None, None, None),
        ]);
        assert_eq!(names(&order), ["bedrock/x"]);
        assert_eq!(excluded[0].reason, "region `unknown` is not allowed");
    }

    #[test]
    fn ties_keep_chain_order() {
        let (order, _) = RoutingPolicy::default()
            .rank(&[c("a/1", None, None, None), c("b/2", None, None, None)]);
        assert_eq!(names(&order), ["a/1", "b/2"]);
    }

    #[test]
    fn prompt_classification_and_regions_tighten_constraints() {
        let mut policy = RoutingPolicy::constraints_only();
        policy.classifications.insert(
            "confidential".into(),
            Constraints {
                allowed_providers: vec!["eu".into()],
                allowed_regions: Vec::new(),
            },
        );
        let p = policy.for_prompt(Some("confidential"), &["eu-west-1".into()]);
        assert_eq!(p.allowed_providers, ["eu"]);
        assert_eq!(p.allowed_regions, ["eu-west-1"]);
        let open = policy.for_prompt(Some("public"), &[]);
        assert!(open.allowed_providers.is_empty());
        let (order, _) = open.rank(&[
            c("b/2", Some(9.0), None, None),
            c("a/1", Some(1.0), None, None),
        ]);
        assert_eq!(
            names(&order),
            ["b/2", "a/1"],
            "zero weights keep the chain order"
        );
    }

    #[test]
    fn effective_policy_only_when_something_constrains() {
        let mut front = crate::prompt::FrontMatter::default();
        assert_eq!(RoutingPolicy::effective(None, &front), None);
        front.regions = vec!["eu-west-1".into()];
        let policy = RoutingPolicy::effective(None, &front).unwrap();
        assert_eq!(policy.allowed_regions, ["eu-west-1"]);
        assert!(policy.weights.cost.abs() < f64::EPSILON);
    }

    #[test]
    fn ewma_moves_toward_samples() {
        let e = Ewma::observe(None, 100.0);
        let e = Ewma::observe(Some(e), 200.0);
        assert!((e.value - 120.0).abs() < 1e-9);
    }
}
