//! Streaming aggregation: one accumulator per group, fed one record at a time.
//!
//! What a group keeps, and what it grows with:
//!
//! - counts, sums and per-metric moments: constant;
//! - latencies: exact up to [`EXACT_LIMIT`](crate::report::quantiles::EXACT_LIMIT) values,
//!   then a sketch of bounded size ([`crate::report::quantiles`]), so a group's percentiles cost
//!   at most a few tens of KiB however many calls it has;
//! - error kinds and assertion metrics: one entry per distinct name;
//! - the runs a group's records came from: one id per run (runs are few next to calls);
//! - per-case outcomes, for paired comparisons, only in the accumulators that comparisons read
//!   ([`Accumulator::light`]): eight-byte key and eight-byte count per distinct (case, repeat) of
//!   an experiment, which its dataset bounds, and at most [`MAX_PAIRED_CASES`] of them. Calls
//!   recorded outside experiments (`run`, ingested production calls) have no dataset and each
//!   its own case id, so they are never paired and keep nothing per call. Past the cap a side
//!   is compared as independent samples (a comparison says which design it used).

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use foldhash::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use crate::report::calls::RUN_EXPERIMENT;
use crate::report::ingest::INGEST_EXPERIMENT;
use crate::report::quantiles::Quantiles;
use crate::report::record::ReportRecord;
use crate::stats::intervals::{self, ProportionMethod};
use crate::stats::{count_f64, distributions::t_isf};

/// Running sums for a mean and its t interval.
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: u64,
    sum: f64,
    sum_squares: f64,
}

/// Distinct (case, repeat) outcomes an accumulator keeps for pairing (1.6 MB of them, before
/// the hash map's slack); past this many its comparisons are independent.
pub const MAX_PAIRED_CASES: usize = 100_000;

pub use crate::report::quantiles::Percentiles;

/// A case's key for pairing: a 64-bit hash of its id and repeat (foldhash's quality variant
/// with a fixed seed, so the same in every run: a collision, however unlikely, would not come
/// and go between runs). Two cases colliding among 100,000 has odds of about 1 in 4 billion.
/// Keys are compared only within one report, never stored. (It was `SipHash`, which cost
/// ten times as much, and a record is hashed for every report.)
pub(crate) fn case_key(case_id: &str, repeat: u32) -> u64 {
    const CASE_KEYS: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x7072_6f6d_7074_6374);
    let mut h = CASE_KEYS.build_hasher();
    case_id.hash(&mut h);
    repeat.hash(&mut h);
    h.finish()
}

/// Passes and samples of one case (case id and repeat); a case is a pair only when each side
/// ran it once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CaseOutcome {
    pub(crate) passes: u32,
    pub(crate) samples: u32,
}

/// The accumulator of one group.
#[derive(Debug, Default)]
pub struct Accumulator {
    calls: u64,
    errors: BTreeMap<String, u64>,
    cached: u64,
    judged: u64,
    passes: u64,
    scores: BTreeMap<String, Moments>,
    latency: Quantiles,
    attempt_latency: Quantiles,
    tokens_in: u64,
    tokens_out: u64,
    cost: f64,
    cost_known: u64,
    first: Option<i64>,
    last: Option<i64>,
    /// Per-case outcomes by [`case_key`] (light accumulators only, experiments only).
    pub(crate) cases: HashMap<u64, CaseOutcome>,
    /// More than [`MAX_PAIRED_CASES`] cases were seen: `cases` was dropped and stays empty.
    pub(crate) cases_overflowed: bool,
    /// The runs the group's records came from: a record is named by its run, case and repeat,
    /// and runs are few, so the group can say where its numbers come from.
    runs: BTreeSet<String>,
    /// Keeps counts, cost and case outcomes only: what trends and comparisons read. The others
    /// keep latencies, scores and runs, and no case outcomes (nothing reads them there).
    light: bool,
}

impl Accumulator {
    /// An accumulator for trends and comparisons: no latencies, no scores, so the groups a
    /// report compares cost no memory per call.
    pub fn light() -> Accumulator {
        Accumulator {
            light: true,
            ..Accumulator::default()
        }
    }

    /// Adds one record (`started` is its start in Unix seconds, when it has one).
    pub fn add(&mut self, record: &ReportRecord<'_>, started: Option<i64>) {
        self.add_with_case_key(record, started, &OnceCell::new());
    }

    /// [`Accumulator::add`], with the record's [`case_key`] hashed into `case` at most once
    /// however many accumulators the record goes to (`SipHash` is dear next to a record's
    /// other work).
    pub(crate) fn add_with_case_key(
        &mut self,
        record: &ReportRecord<'_>,
        started: Option<i64>,
        case: &OnceCell<u64>,
    ) {
        self.calls += 1;
        if record.cached {
            self.cached += 1;
        }
        self.tokens_in += record.tokens_in;
        self.tokens_out += record.tokens_out;
        if let Some(cost) = record.cost_usd.filter(|c| c.is_finite()) {
            self.cost += cost;
            self.cost_known += 1;
        }
        if let Some(at) = started {
            self.first = Some(self.first.map_or(at, |f| f.min(at)));
            self.last = Some(self.last.map_or(at, |l| l.max(at)));
        }
        if !self.light && !self.runs.contains(record.run_id.as_ref()) {
            self.runs.insert(record.run_id.clone().into_owned());
        }
        if !self.light && record.latency_ms.is_finite() {
            self.latency.add(record.latency_ms);
        }
        if let Some(attempt) = record
            .attempt_latency_ms
            .filter(|a| a.is_finite() && !self.light)
        {
            self.attempt_latency.add(attempt);
        }
        if let Some(error) = &record.error {
            *self
                .errors
                .entry(error.kind.clone().into_owned())
                .or_default() += 1;
            // A failed call says nothing about quality: it counts in the error rate alone.
            return;
        }
        self.judged += 1;
        if record.pass {
            self.passes += 1;
        }
        for assertion in record.assertions.iter().filter(|_| !self.light) {
            if let Some(score) = assertion.score.filter(|s| s.is_finite()) {
                let m = self
                    .scores
                    .entry(assertion.metric.clone().into_owned())
                    .or_default();
                m.n += 1;
                m.sum += score;
                m.sum_squares += score * score;
            }
        }
        if !self.light
            || self.cases_overflowed
            || record.experiment == RUN_EXPERIMENT
            || record.experiment == INGEST_EXPERIMENT
        {
            return;
        }
        let case = self
            .cases
            .entry(*case.get_or_init(|| case_key(&record.case_id, record.repeat)))
            .or_default();
        case.samples += 1;
        case.passes += u32::from(record.pass);
        self.check_case_cap();
    }

    /// Drops the per-case outcomes once there are more than [`MAX_PAIRED_CASES`].
    fn check_case_cap(&mut self) {
        if self.cases.len() > MAX_PAIRED_CASES {
            self.cases = HashMap::default();
            self.cases_overflowed = true;
        }
    }

    /// Merges another accumulator into this one (accumulators of different files are merged).
    pub fn merge(&mut self, other: Accumulator) {
        self.calls += other.calls;
        for (kind, n) in other.errors {
            *self.errors.entry(kind).or_default() += n;
        }
        self.cached += other.cached;
        self.judged += other.judged;
        self.passes += other.passes;
        for (metric, m) in other.scores {
            let mine = self.scores.entry(metric).or_default();
            mine.n += m.n;
            mine.sum += m.sum;
            mine.sum_squares += m.sum_squares;
        }
        self.latency.merge(other.latency);
        self.attempt_latency.merge(other.attempt_latency);
        self.tokens_in += other.tokens_in;
        self.tokens_out += other.tokens_out;
        self.cost += other.cost;
        self.cost_known += other.cost_known;
        self.first = match (self.first, other.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.runs.extend(other.runs);
        self.cases_overflowed |= other.cases_overflowed;
        if self.cases_overflowed {
            self.cases = HashMap::default();
            return;
        }
        for (key, case) in other.cases {
            let mine = self.cases.entry(key).or_default();
            mine.passes += case.passes;
            mine.samples += case.samples;
        }
        self.check_case_cap();
    }

    /// Records added.
    pub(crate) fn calls(&self) -> u64 {
        self.calls
    }

    /// Passes and judged calls (calls without an error).
    pub(crate) fn pass_counts(&self) -> (u64, u64) {
        (self.passes, self.judged)
    }

    /// Mean cost of a call, when at least one call has a known cost.
    pub(crate) fn cost_per_call(&self) -> Option<f64> {
        (self.cost_known > 0).then(|| self.cost / count_f64(self.cost_known))
    }

    /// When the group's first call started.
    pub(crate) fn first_started(&self) -> Option<i64> {
        self.first
    }

    /// The summary of the group, with intervals at `1 - alpha`.
    pub fn finish(self, key: Vec<String>, alpha: f64) -> GroupSummary {
        let pass = (self.judged > 0).then(|| {
            let wilson =
                intervals::proportion(self.passes, self.judged, alpha, ProportionMethod::Wilson)
                    .ok();
            Rate {
                passes: self.passes,
                n: self.judged,
                rate: count_f64(self.passes) / count_f64(self.judged),
                low: wilson.map_or(f64::NAN, |w| w.low),
                high: wilson.map_or(f64::NAN, |w| w.high),
            }
        });
        let scores = self
            .scores
            .iter()
            .map(|(metric, m)| score_summary(metric, *m, alpha))
            .collect();
        let latency = self.latency.percentiles();
        let attempt_latency = self.attempt_latency.percentiles();
        let errors: u64 = self.errors.values().sum();
        let throughput_per_minute = match (self.first, self.last) {
            (Some(first), Some(last)) if last > first => {
                #[allow(clippy::cast_precision_loss)]
                let minutes = (last - first) as f64 / 60.0;
                Some(count_f64(self.calls) / minutes)
            }
            _ => None,
        };
        let cost_usd = (self.cost_known > 0).then_some(self.cost);
        GroupSummary {
            key,
            calls: self.calls,
            errors,
            error_rate: if self.calls == 0 {
                0.0
            } else {
                count_f64(errors) / count_f64(self.calls)
            },
            error_kinds: self.errors.into_iter().collect(),
            cached: self.cached,
            pass,
            scores,
            latency,
            attempt_latency,
            throughput_per_minute,
            tokens_in: self.tokens_in,
            tokens_out: self.tokens_out,
            cost_usd,
            cost_known: self.cost_known,
            cost_per_1k_calls: cost_usd.map(|c| c * 1000.0 / count_f64(self.cost_known)),
            first_started: self.first,
            last_started: self.last,
            runs: self.runs.into_iter().collect(),
        }
    }
}

fn score_summary(metric: &str, m: Moments, alpha: f64) -> ScoreSummary {
    let n = count_f64(m.n);
    let mean = m.sum / n;
    let (low, high) = if m.n > 1 {
        let variance = ((m.sum_squares - n * mean * mean) / (n - 1.0)).max(0.0);
        let half = t_isf(alpha / 2.0, n - 1.0) * (variance / n).sqrt();
        (mean - half, mean + half)
    } else {
        (f64::NAN, f64::NAN)
    };
    ScoreSummary {
        metric: metric.to_owned(),
        n: m.n,
        mean,
        low,
        high,
    }
}

/// A pass rate with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Calls that passed.
    pub passes: u64,
    /// Calls judged (calls without an error).
    pub n: u64,
    /// `passes / n`.
    pub rate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// The mean of an assertion's score with its t interval (NaN ends with one value).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummary {
    /// The assertion's metric.
    pub metric: String,
    /// Scored calls.
    pub n: u64,
    /// Mean score.
    pub mean: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The metrics of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The group's value of each `--by` dimension, in order.
    pub key: Vec<String>,
    /// Records.
    pub calls: u64,
    /// Records with an error.
    pub errors: u64,
    /// `errors / calls`.
    pub error_rate: f64,
    /// Errors by kind, sorted by kind.
    pub error_kinds: Vec<(String, u64)>,
    /// Replies from a cache or cassette.
    pub cached: u64,
    /// Pass rate over calls without an error.
    pub pass: Option<Rate>,
    /// Mean of each scored assertion.
    pub scores: Vec<ScoreSummary>,
    /// End-to-end latency, retries included.
    pub latency: Option<Percentiles>,
    /// Latency of the answering attempt.
    pub attempt_latency: Option<Percentiles>,
    /// Calls per minute between the first and the last start.
    pub throughput_per_minute: Option<f64>,
    /// Prompt tokens.
    pub tokens_in: u64,
    /// Completion tokens.
    pub tokens_out: u64,
    /// Total cost of the calls with a known cost.
    pub cost_usd: Option<f64>,
    /// Calls with a known cost.
    pub cost_known: u64,
    /// Cost per 1,000 calls (of those with a known cost).
    pub cost_per_1k_calls: Option<f64>,
    /// First start, Unix seconds.
    pub first_started: Option<i64>,
    /// Last start, Unix seconds.
    pub last_started: Option<i64>,
    /// The run ids of the group's records, sorted.
    pub runs: Vec<String>,
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // exact values, exactly representable
mod tests {
    use super::*;

    fn record(line: &str) -> ReportRecord<'_> {
        serde_json::from_str(line).expect("a record")
    }

    #[test]
    fn a_light_accumulator_keeps_counts_but_no_latencies() {
        let line = r#"{"case_id":"c","pass":true,"latency_ms":5.0,"attempt_latency_ms":4.0,"cost_usd":0.5,"assertions":[{"metric":"s","pass":true,"score":0.5}]}"#;
        let mut full = Accumulator::default();
        let mut light = Accumulator::light();
        full.add(&record(line), Some(0));
        light.add(&record(line), Some(0));
        assert_eq!(light.pass_counts(), (1, 1));
        assert_eq!(light.cost_per_call(), Some(0.5));
        assert!(light.latency.is_empty() && light.scores.is_empty());
        let summary = full.finish(Vec::new(), 0.05);
        assert_eq!(summary.latency.map(|l| l.p50), Some(5.0));
        assert_eq!(summary.attempt_latency.map(|l| l.p50), Some(4.0));
        assert_eq!(summary.scores[0].mean, 0.5);
    }

    #[test]
    fn merged_accumulators_equal_one_fed_every_record() {
        let lines = [
            r#"{"case_id":"a","pass":true,"latency_ms":1.0,"cost_usd":0.1}"#,
            r#"{"case_id":"b","pass":false,"latency_ms":3.0,"cost_usd":0.2}"#,
            r#"{"case_id":"c","pass":true,"latency_ms":2.0,"error":{"kind":"timeout"}}"#,
        ];
        let mut one = Accumulator::default();
        let (mut left, mut right) = (Accumulator::default(), Accumulator::default());
        for (i, line) in lines.iter().enumerate() {
            one.add(&record(line), Some(i64::try_from(i).unwrap()));
            let half = if i == 0 { &mut left } else { &mut right };
            half.add(&record(line), Some(i64::try_from(i).unwrap()));
        }
        left.merge(right);
        assert_eq!(
            left.finish(vec!["k".into()], 0.05),
            one.finish(vec!["k".into()], 0.05)
        );
    }

    #[test]
    fn production_calls_and_report_groups_keep_no_per_case_outcomes() {
        let mut light = Accumulator::light();
        let mut full = Accumulator::default();
        for i in 0..50 {
            for experiment in ["run", "ingest"] {
                let line =
                    format!(r#"{{"experiment":"{experiment}","case_id":"span-{i}","pass":true}}"#);
                light.add(&record(&line), None);
            }
            let line = format!(r#"{{"experiment":"e","case_id":"c{i}","pass":true}}"#);
            full.add(&record(&line), None);
        }
        assert!(light.cases.is_empty());
        assert!(full.cases.is_empty());
        assert_eq!(light.pass_counts(), (100, 100));
    }

    #[test]
    fn per_case_outcomes_are_dropped_past_the_cap_and_stay_dropped_after_a_merge() {
        let mut a = Accumulator::light();
        for i in 0..=MAX_PAIRED_CASES {
            let line = format!(r#"{{"experiment":"e","case_id":"c{i}","pass":true}}"#);
            a.add(&record(&line), None);
        }
        assert!(a.cases_overflowed && a.cases.is_empty());
        let mut b = Accumulator::light();
        b.add(
            &record(r#"{"experiment":"e","case_id":"x","pass":true}"#),
            None,
        );
        assert_eq!(b.cases.len(), 1);
        b.merge(a);
        assert!(b.cases_overflowed && b.cases.is_empty());
        assert_eq!(b.calls(), MAX_PAIRED_CASES as u64 + 2);
    }
}
