//! Client-side limits per provider: concurrent calls, requests per minute, tokens per minute.
//!
//! Concurrency is a semaphore held for the whole call (retries included). Requests and tokens
//! per minute are paced, not granted in bursts: a bucket that started full with a minute's
//! quota let 123 of 200 requests out in the first two seconds at 120 per minute, which is
//! exactly what a provider's own limiter punishes with 429s. Each budget is a continuously
//! refilling bucket whose burst is one second's share of the quota (at least one unit), so calls
//! go out evenly at the configured rate; any 60-second window sees at most the quota plus one
//! second's share. A single request larger than the burst (a long prompt against a tokens-per-
//! minute budget) is let through when the bucket is full and leaves it in debt, which later
//! calls wait out, so the long-run rate still holds. Token use is estimated before the call
//! (prompt characters / 4 plus the output cap), since the real count is only known afterwards.

use std::time::Duration;

use tokio::sync::{Mutex, Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// The limits configured for one provider; `None` means unlimited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Calls in flight at once.
    pub max_concurrency: Option<usize>,
    /// Requests started per minute.
    pub requests_per_minute: Option<u32>,
    /// Estimated tokens per minute.
    pub tokens_per_minute: Option<u32>,
    /// The largest response body read ([`DEFAULT_MAX_RESPONSE_BYTES`] when unset).
    pub max_response_bytes: Option<u64>,
}

/// The response-size cap when none is configured: generous for any real completion (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

impl Limits {
    /// The response-size cap in force.
    pub fn response_cap(&self) -> u64 {
        self.max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES)
    }
}

/// A continuously refilling bucket with a one-second burst that may go into debt.
#[derive(Debug)]
struct Bucket {
    burst: f64,
    level: f64,
    per_second: f64,
    last: Instant,
}

impl Bucket {
    fn per_minute(n: u32, now: Instant) -> Bucket {
        let per_second = f64::from(n.max(1)) / 60.0;
        let burst = per_second.max(1.0);
        Bucket {
            burst,
            level: burst,
            per_second,
            last: now,
        }
    }

    /// Takes `amount` now, or says how long to wait before trying again.
    fn take(&mut self, amount: f64, now: Instant) -> Option<Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.level = (self.level + elapsed * self.per_second).min(self.burst);
        self.last = now;
        // An amount over the burst needs a full bucket, and then leaves a debt.
        let needed = amount.min(self.burst);
        if self.level >= needed {
            self.level -= amount;
            None
        } else {
            Some(Duration::from_secs_f64(
                (needed - self.level) / self.per_second,
            ))
        }
    }
}

/// Enforces one provider's [`Limits`]; shared by every call to that provider.
#[derive(Debug)]
pub struct Limiter {
    concurrency: Option<Semaphore>,
    requests: Option<Mutex<Bucket>>,
    tokens: Option<Mutex<Bucket>>,
}

impl Limiter {
    /// A limiter for `limits`.
    pub fn new(limits: Limits) -> Limiter {
        let now = Instant::now();
        Limiter {
            concurrency: limits.max_concurrency.map(|n| Semaphore::new(n.max(1))),
            requests: limits
                .requests_per_minute
                .map(|n| Mutex::new(Bucket::per_minute(n, now))),
            tokens: limits
                .tokens_per_minute
                .map(|n| Mutex::new(Bucket::per_minute(n, now))),
        }
    }

    /// Waits for a concurrency slot; the slot is released when the permit drops.
    pub async fn slot(&self) -> Option<SemaphorePermit<'_>> {
        match &self.concurrency {
            Some(semaphore) => semaphore.acquire().await.ok(),
            None => None,
        }
    }

    /// Waits until one more request and `estimated_tokens` fit in the per-minute budgets.
    pub async fn admit(&self, estimated_tokens: u64) {
        #[allow(clippy::cast_precision_loss)]
        let tokens = estimated_tokens as f64;
        for (bucket, amount) in [(&self.requests, 1.0), (&self.tokens, tokens)] {
            let Some(bucket) = bucket else { continue };
            loop {
                let wait = bucket.lock().await.take(amount, Instant::now());
                match wait {
                    None => break,
                    Some(wait) => tokio::time::sleep(wait).await,
                }
            }
        }
    }
}

/// A rough token estimate for a prompt of `chars` characters and an output cap.
pub fn estimate_tokens(chars: usize, max_output_tokens: Option<u32>) -> u64 {
    (chars as u64).div_ceil(4) + u64::from(max_output_tokens.unwrap_or(256))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refills_over_time() {
        let start = Instant::now();
        let mut bucket = Bucket::per_minute(60, start);
        assert_eq!(bucket.take(1.0, start), None);
        let wait = bucket.take(1.0, start).unwrap();
        assert!((wait.as_secs_f64() - 1.0).abs() < 1e-9);
        assert_eq!(bucket.take(1.0, start + Duration::from_secs(1)), None);
    }

    #[test]
    fn an_oversized_request_waits_for_a_full_bucket_and_leaves_a_debt() {
        let start = Instant::now();
        // 600 per minute: 10 per second, burst 10.
        let mut bucket = Bucket::per_minute(600, start);
        assert_eq!(bucket.take(1000.0, start), None);
        // 990 units of debt plus 10 to refill the burst: 100 s at 10 per second.
        let wait = bucket.take(1000.0, start).unwrap();
        assert!((wait.as_secs_f64() - 100.0).abs() < 1e-9, "{wait:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn requests_per_minute_spreads_calls() {
        let limiter = Limiter::new(Limits {
            requests_per_minute: Some(2),
            ..Limits::default()
        });
        let start = Instant::now();
        limiter.admit(0).await;
        assert_eq!(Instant::now(), start);
        limiter.admit(0).await;
        // The second call waits for the bucket to refill one request: 30 s at 2/min.
        assert_eq!(Instant::now().duration_since(start).as_secs(), 30);
    }

    /// 200 requests at 120 per minute: two per second from the start, never a minute's quota in a
    /// burst (the old bucket let 123 out in the first two seconds). Counted on tokio's paused
    /// clock, so this measures the limiter's schedule, not the machine's speed.
    #[tokio::test(start_paused = true)]
    async fn a_minutes_quota_is_paced_not_burst() {
        let limiter = Limiter::new(Limits {
            requests_per_minute: Some(120),
            ..Limits::default()
        });
        let start = Instant::now();
        let mut admitted_at = Vec::new();
        for _ in 0..200 {
            limiter.admit(0).await;
            admitted_at.push(Instant::now().duration_since(start).as_secs_f64());
        }
        let first_two_seconds = admitted_at.iter().filter(|t| **t <= 2.0).count();
        assert!(
            first_two_seconds <= 6,
            "{first_two_seconds} in the first 2 s"
        );
        for window_start in 0..40 {
            let from = f64::from(window_start);
            let in_window = admitted_at
                .iter()
                .filter(|t| **t >= from && **t < from + 60.0)
                .count();
            assert!(in_window <= 122, "{in_window} in the minute from {from} s");
        }
        let last = admitted_at.last().copied().unwrap_or_default();
        assert!(
            (99.0..=100.0).contains(&last),
            "the 200th goes out at {last} s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn concurrency_slots_are_limited() {
        let limiter = Limiter::new(Limits {
            max_concurrency: Some(1),
            ..Limits::default()
        });
        let first = limiter.slot().await;
        assert!(first.is_some());
        let second = tokio::time::timeout(Duration::from_millis(20), limiter.slot()).await;
        assert!(second.is_err(), "a second slot must wait");
        drop(first);
        assert!(limiter.slot().await.is_some());
    }

    #[test]
    fn estimates() {
        assert_eq!(estimate_tokens(8, Some(10)), 12);
        assert_eq!(estimate_tokens(0, None), 256);
    }
}
