//! Retry policy: which failures are retried, how long to wait, and the providers' hints.
//!
//! Delays grow exponentially from `base` (doubling, capped at `max_delay`) and are multiplied by
//! a jitter factor in (0.75, 1], as the official SDKs do. A provider's own hint wins when it
//! gives one and it is not longer than `max_retry_after`: `retry-after-ms`, `retry-after`
//! (seconds or an HTTP date, measured against the response's `Date` header), OpenAI's
//! `x-ratelimit-reset-*` and Anthropic's `anthropic-ratelimit-*-reset` headers when the
//! remaining count is 0, and Gemini's `RetryInfo.retryDelay`. A hint longer than the cap means
//! "do not retry": the call fails at once with a message saying how long the provider asked for.
//!
//! Everything here is pure; the gateway sleeps with tokio's timer.

use std::time::Duration;

use crate::provider::HttpResponse;

/// How many times and how patiently to retry one provider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff delay.
    pub base: Duration,
    /// Largest backoff delay.
    pub max_delay: Duration,
    /// Largest provider-requested delay that is honoured; longer means give up.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Stop: not retryable, out of attempts, or the provider asked for too long a wait.
    GiveUp,
}

impl RetryPolicy {
    /// The same policy with backoff delays scaled so the first is `base` (tests and
    /// `PROMPTCTL_RETRY_BASE_MS` shrink delays to milliseconds; provider hints are kept).
    #[must_use]
    pub fn with_base(mut self, base: Duration) -> RetryPolicy {
        let scale = base.as_secs_f64() / self.base.as_secs_f64().max(1e-9);
        self.max_delay = self.max_delay.mul_f64(scale);
        self.max_retry_after = self.max_retry_after.mul_f64(scale.max(1.0));
        self.base = base;
        self
    }

    /// Decides after failed attempt number `attempt` (1 = the first).
    ///
    /// `jitter` is a random number in [0, 1) from the caller's seeded generator.
    pub fn decide(
        &self,
        attempt: u32,
        retryable: bool,
        hint: Option<Duration>,
        jitter: f64,
    ) -> Decision {
        if !retryable || attempt > self.max_retries {
            return Decision::GiveUp;
        }
        if let Some(hint) = hint {
            if hint > self.max_retry_after {
                return Decision::GiveUp;
            }
            if !hint.is_zero() {
                return Decision::RetryAfter(hint);
            }
        }
        Decision::RetryAfter(self.backoff(attempt, jitter))
    }

    /// The exponential delay before retry number `attempt`, with jitter.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = 2f64.powi(i32::try_from(attempt.saturating_sub(1).min(30)).unwrap_or(30));
        let raw = self.base.mul_f64(exp).min(self.max_delay);
        raw.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
    }
}

/// A small seeded generator (SplitMix64) for jitter and load balancing: no global RNG in core.
#[derive(Debug, Clone)]
pub struct Jitter(u64);

impl Jitter {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Jitter {
        Jitter(seed)
    }

    /// The next number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        #[allow(clippy::cast_precision_loss)]
        let unit = (z >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }
}

/// The provider's requested delay from the response headers, if any.
pub fn retry_after_from_headers(response: &HttpResponse) -> Option<Duration> {
    if let Some(ms) = response
        .header("retry-after-ms")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
    {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    if let Some(value) = response.header("retry-after") {
        let value = value.trim();
        if let Some(secs) = value
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
        {
            return Some(Duration::from_secs_f64(secs));
        }
        if let (Some(at), Some(now)) = (
            parse_http_date(value),
            response.header("date").and_then(parse_http_date),
        ) {
            return Some(Duration::from_secs(u64::try_from(at - now).unwrap_or(0)));
        }
    }
    rate_limit_reset(response)
}

/// The wait until an exhausted rate-limit window resets, from OpenAI's or Anthropic's headers.
fn rate_limit_reset(response: &HttpResponse) -> Option<Duration> {
    let mut wait: Option<Duration> = None;
    let mut consider = |d: Duration| wait = Some(wait.map_or(d, |w| w.max(d)));
    for kind in ["requests", "tokens"] {
        let exhausted = |name: String| response.header(&name).is_some_and(|v| v.trim() == "0");
        if exhausted(format!("x-ratelimit-remaining-{kind}"))
            && let Some(d) = response
                .header(&format!("x-ratelimit-reset-{kind}"))
                .and_then(parse_go_duration)
        {
            consider(d);
        }
        if exhausted(format!("anthropic-ratelimit-{kind}-remaining")) {
            let reset = response
                .header(&format!("anthropic-ratelimit-{kind}-reset"))
                .and_then(parse_rfc3339);
            let now = response.header("date").and_then(parse_http_date);
            if let (Some(reset), Some(now)) = (reset, now) {
                consider(Duration::from_secs(u64::try_from(reset - now).unwrap_or(0)));
            }
        }
    }
    wait
}

/// Parses Go-style durations as OpenAI and Google send them: `1s`, `6m0s`, `12ms`, `1.5s`.
pub fn parse_go_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut total = 0f64;
    let mut rest = text;
    while !rest.is_empty() {
        let split = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..split].parse().ok()?;
        rest = &rest[split..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += number * factor;
        rest = &rest[unit_len..];
    }
    Some(Duration::from_secs_f64(total))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to Unix seconds.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)?;
    let (h, m, s) = hms(time)?;
    let days = days_from_civil(
        year.parse().ok()?,
        i64::try_from(month).ok()? + 1,
        day.parse().ok()?,
    );
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// Parses an RFC 3339 UTC time (`2026-01-01T00:00:05Z`, fractions ignored) to Unix seconds.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some(seconds) = parse_canonical_utc(text.as_bytes()) {
        return Some(seconds);
    }
    let (date, time) = text.split_once('T')?;
    let mut fields = date.split('-');
    let (year, month, day) = (
        fields.next()?.parse().ok()?,
        fields.next()?.parse().ok()?,
        fields.next()?.parse().ok()?,
    );
    let (clock, offset_secs) = if let Some(c) = time.strip_suffix('Z') {
        (c, 0)
    } else if let Some(pos) = time.rfind(['+', '-']) {
        let (c, off) = time.split_at(pos);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':')?;
        (
            c,
            sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60),
        )
    } else {
        return None;
    };
    let clock = clock.split('.').next()?;
    let (hours, minutes, seconds) = hms(clock)?;
    Some(
        days_from_civil(year, month, day) * 86_400 + hours * 3600 + minutes * 60 + seconds
            - offset_secs,
    )
}

/// The form promptctl writes, `YYYY-MM-DDTHH:MM:SS[.digits]Z`, read by byte arithmetic (a
/// report reads one per record); `None` for any other form, which the general reader takes.
fn parse_canonical_utc(text: &[u8]) -> Option<i64> {
    parse_canonical_utc_after(text, &mut None)
}

/// [`parse_canonical_utc`], given the last date read (`YYYY-MM-DD`) and its day number: a date
/// the same as the last one is not worked out again, and a new one is kept in its place.
fn parse_canonical_utc_after(text: &[u8], last_date: &mut Option<([u8; 10], i64)>) -> Option<i64> {
    let (head, tail) = text.split_at_checked(19)?;
    let fraction = tail.strip_suffix(b"Z")?;
    if !(fraction.is_empty()
        || fraction.len() > 1
            && fraction[0] == b'.'
            && fraction[1..].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        head[range].iter().try_fold(0i64, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, byte)| head[at] != byte) {
        return None;
    }
    let date = head.first_chunk::<10>()?;
    let days = match *last_date {
        Some((last, days)) if last == *date => days,
        _ => {
            let days = days_from_civil(number(0..4)?, number(5..7)?, number(8..10)?);
            *last_date = Some((*date, days));
            days
        }
    };
    Some(days * 86_400 + number(11..13)? * 3600 + number(14..16)? * 60 + number(17..19)?)
}

/// Reads RFC 3339 times as [`parse_rfc3339`] does, keeping the day number of the last date it
/// read: a report reads a time per record, and the records of a file mostly share their date,
/// so the calendar arithmetic is done once per date rather than once per record.
#[derive(Debug, Default)]
pub struct Rfc3339Reader {
    last_date: Option<([u8; 10], i64)>,
}

impl Rfc3339Reader {
    /// [`parse_rfc3339`] of `text`.
    pub fn parse(&mut self, text: &str) -> Option<i64> {
        // A canonical time starts with a digit and ends with `Z`: there is nothing to trim.
        parse_canonical_utc_after(text.as_bytes(), &mut self.last_date)
            .or_else(|| parse_rfc3339(text))
    }
}

fn hms(text: &str) -> Option<(i64, i64, i64)> {
    let mut t = text.split(':');
    Some((
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
        t.next()?.parse().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)]) -> HttpResponse {
        HttpResponse {
            status: 429,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(2, 0.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(10, 0.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(1, 1.0), Duration::from_millis(375));
    }

    #[test]
    fn decisions() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.decide(1, false, None, 0.0), Decision::GiveUp);
        assert_eq!(policy.decide(4, true, None, 0.0), Decision::GiveUp);
        assert_eq!(
            policy.decide(1, true, Some(Duration::from_secs(2)), 0.0),
            Decision::RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(
            policy.decide(1, true, Some(Duration::from_secs(600)), 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn with_base_scales_delays() {
        let policy = RetryPolicy::default().with_base(Duration::from_millis(1));
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(1));
        assert_eq!(policy.max_delay, Duration::from_millis(16));
    }

    #[test]
    fn jitter_is_deterministic_and_in_range() {
        let mut a = Jitter::new(7);
        let mut b = Jitter::new(7);
        for _ in 0..100 {
            let x = a.next_f64();
            assert!((x - b.next_f64()).abs() < f64::EPSILON);
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(
            retry_after_from_headers(&response(&[("retry-after", "2")])),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after_from_headers(&response(&[
                ("retry-after-ms", "250"),
                ("retry-after", "9")
            ])),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after_from_headers(&response(&[
                ("retry-after", "Wed, 21 Oct 2015 07:28:10 GMT"),
                ("date", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ])),
            Some(Duration::from_secs(10))
        );
        assert_eq!(retry_after_from_headers(&response(&[])), None);
    }

    #[test]
    fn rate_limit_headers_when_exhausted() {
        assert_eq!(
            retry_after_from_headers(&response(&[
                ("x-ratelimit-remaining-requests", "0"),
                ("x-ratelimit-reset-requests", "1.5s"),
                ("x-ratelimit-remaining-tokens", "100"),
                ("x-ratelimit-reset-tokens", "6m0s"),
            ])),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            retry_after_from_headers(&response(&[
                ("anthropic-ratelimit-requests-remaining", "0"),
                ("anthropic-ratelimit-requests-reset", "2015-10-21T07:28:05Z"),
                ("date", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ])),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(parse_go_duration("12ms"), Some(Duration::from_millis(12)));
        assert_eq!(parse_go_duration("37s"), Some(Duration::from_secs(37)));
        assert_eq!(parse_go_duration("soon"), None);
        assert_eq!(parse_go_duration(""), None);
    }

    #[test]
    fn a_reader_that_keeps_the_last_date_reads_every_time_as_parse_rfc3339() {
        let mut reader = Rfc3339Reader::default();
        // Shared dates, changed dates, a date back again, non-canonical forms between them,
        // and damaged times after a date was kept.
        for text in [
            "2026-11-01T10:00:00Z",
            "2026-11-01T23:59:59.5Z",
            "2026-11-02T00:00:01Z",
            "2026-11-01T10:00:00Z",
            " 2026-11-01T10:00:00Z ",
            "2026-11-01T12:00:00+02:00",
            "2026-11-01T1x:00:00Z",
            "2026-11-01T10:00:00",
            "2026-11-0xT10:00:00Z",
            "2026-11-01 10:00:00Z",
            "2026-11-01T10:00:00Z",
            "",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(reader.parse(text), parse_rfc3339(text), "{text:?}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:10 GMT"), Some(10));
        assert_eq!(parse_rfc3339("1970-01-02T00:00:00Z"), Some(86_400));
        // The canonical form's fast reader agrees with the general one, and leaves it the rest.
        for text in [
            "2026-11-01T10:00:00Z",
            "2026-11-01T10:00:00.123456Z",
            "1969-12-31T23:59:59Z",
            "2000-02-29T12:34:56.7Z",
        ] {
            let fast = parse_canonical_utc(text.as_bytes());
            assert!(fast.is_some(), "{text}");
            let general = text.split_once('T').and_then(|(date, time)| {
                let mut d = date.split('-').map(|f| f.parse::<i64>().ok());
                let (y, m, dd) = (d.next()??, d.next()??, d.next()??);
                let clock = time.strip_suffix('Z')?.split('.').next()?;
                let (h, mi, se) = hms(clock)?;
                Some(days_from_civil(y, m, dd) * 86_400 + h * 3600 + mi * 60 + se)
            });
            assert_eq!(fast, general, "{text}");
        }
        for text in [
            "2026-11-01T10:00:00+01:00",
            "2026-11-01T10:00:00.Z",
            "2026-11-01T10:00:00.1aZ",
            "2026-11-01 10:00:00Z",
            "2026-1-01T10:00:00Z",
            "+026-11-01T10:00:00Z",
        ] {
            assert_eq!(parse_canonical_utc(text.as_bytes()), None, "{text}");
        }
        assert_eq!(
            parse_rfc3339("2026-11-01T11:00:00+01:00"),
            parse_rfc3339("2026-11-01T10:00:00Z")
        );
        assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_http_date("yesterday"), None);
    }
}
