//! Client-side limits per provider: concurrent calls, requests per minute, tokens per minute.
//!
//! Concurrency is a semaphore held for the whole call (retries included). Requests and tokens
//! per minute are token buckets that refill continuously and start full, so a burst up to the
//! per-minute budget goes out at once and the rest is spread evenly. Token use is estimated
//! before the call (prompt characters / 4 plus the output cap), since the real count is only
//! known afterwards.

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
}

/// A continuously refilling token bucket.
#[derive(Debug)]
struct Bucket {
    capacity: f64,
    level: f64,
    per_second: f64,
    last: Instant,
}

impl Bucket {
    fn per_minute(n: u32, now: Instant) -> Bucket {
        let capacity = f64::from(n.max(1));
        Bucket {
            capacity,
            level: capacity,
            per_second: capacity / 60.0,
            last: now,
        }
    }

    /// Takes `amount` now, or says how long to wait before trying again.
    fn take(&mut self, amount: f64, now: Instant) -> Option<Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.level = (self.level + elapsed * self.per_second).min(self.capacity);
        self.last = now;
        let amount = amount.min(self.capacity);
        if self.level >= amount {
            self.level -= amount;
            None
        } else {
            Some(Duration::from_secs_f64(
                (amount - self.level) / self.per_second,
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
        for _ in 0..60 {
            assert_eq!(bucket.take(1.0, start), None);
        }
        let wait = bucket.take(1.0, start).unwrap();
        assert!((wait.as_secs_f64() - 1.0).abs() < 1e-9);
        assert_eq!(bucket.take(1.0, start + Duration::from_secs(1)), None);
    }

    #[test]
    fn oversized_requests_are_clamped_to_capacity() {
        let start = Instant::now();
        let mut bucket = Bucket::per_minute(10, start);
        assert_eq!(bucket.take(1000.0, start), None);
    }

    #[tokio::test(start_paused = true)]
    async fn requests_per_minute_spreads_calls() {
        let limiter = Limiter::new(Limits {
            requests_per_minute: Some(2),
            ..Limits::default()
        });
        let start = Instant::now();
        limiter.admit(0).await;
        limiter.admit(0).await;
        assert_eq!(Instant::now(), start);
        limiter.admit(0).await;
        // The third call waits for the bucket to refill one request: 30 s at 2/min.
        assert_eq!(Instant::now().duration_since(start).as_secs(), 30);
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
