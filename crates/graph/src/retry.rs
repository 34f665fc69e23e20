//! When to try a request again and how long to wait: Retry-After, capped exponential backoff
//! with jitter, and which failures are safe to repeat (graph-facts §2.3, §5.4).
use std::time::{Duration, SystemTime};

/// Retry settings of a client.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Further attempts after the first (python-o365's `request_retries`).
    pub retries: u32,
    /// First backoff step; doubles each attempt.
    pub base_delay: Duration,
    /// No single backoff waits longer than this.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out: the error goes to the caller.
    pub max_retry_after: Duration,
    /// The most one request waits in all between its attempts; a wait that would pass it
    /// fails the request instead (`GraphError::GaveUpWaiting`).
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(300),
            max_total_wait: Duration::from_secs(120),
        }
    }
}

/// A wait before a retry, as the client's observer hears of it (`GraphClient::observe_waits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryWait {
    pub wait: Duration,
    /// 429 or 503: the service asked for the pause (else a failure is being backed off).
    pub throttled: bool,
    /// 1 for the first retry.
    pub retry: u32,
}

impl RetryWait {
    /// A pause the service asked for that people notice (a second or more): worth a line.
    pub fn is_notable_throttling(&self) -> bool {
        self.throttled && self.wait >= Duration::from_secs(1)
    }
}

/// `throttled by the service, retrying in 100 s` (or `the service failed, retrying in 2 s`).
impl std::fmt::Display for RetryWait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = if self.throttled { "throttled by the service" } else { "the service failed" };
        write!(f, "{why}, retrying in {}", seconds(self.wait))
    }
}

/// A wait as people read it: `100 s`, `2.5 s`, `0.3 s`.
pub fn seconds(wait: Duration) -> String {
    let secs = wait.as_secs_f64();
    if secs < 10.0 && wait.subsec_millis() != 0 {
        format!("{:.1} s", (secs * 10.0).ceil() / 10.0)
    } else {
        format!("{} s", secs.ceil() as u64)
    }
}

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 429, or 503 (may carry Retry-After): the service did not process the request.
    Throttled { retry_after: Option<Duration> },
    /// 500, 502, 504: the service may or may not have acted.
    ServerError,
    /// The connection could not be made: nothing was sent.
    ConnectFailed,
    /// The connection broke or timed out after the request may have been sent.
    TransportBroken,
}

/// The decision for one failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(Duration),
    GiveUp,
}

impl RetryPolicy {
    /// Whether attempt number `attempt` (0 for the first) that ended with `outcome` is tried
    /// again, and after what wait. A request that is not idempotent (a POST that sends mail)
    /// is repeated only when the service cannot have acted on it.
    pub fn decide(&self, attempt: u32, outcome: Outcome, idempotent: bool) -> Decision {
        if attempt >= self.retries {
            return Decision::GiveUp;
        }
        let safe = match outcome {
            Outcome::Throttled { .. } | Outcome::ConnectFailed => true,
            Outcome::ServerError | Outcome::TransportBroken => idempotent,
        };
        if !safe {
            return Decision::GiveUp;
        }
        match outcome {
            Outcome::Throttled { retry_after: Some(wait) } if wait > self.max_retry_after => Decision::GiveUp,
            Outcome::Throttled { retry_after: Some(wait) } => Decision::RetryAfter(wait),
            _ => Decision::RetryAfter(self.backoff(attempt)),
        }
    }

    /// Capped exponential backoff with "full jitter": a random wait between half the step and
    /// the step, so clients that failed together do not come back together.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let step = self.base_delay.saturating_mul(1u32 << attempt.min(16)).min(self.max_delay);
        let half = step / 2;
        half + step.saturating_sub(half).mul_f64(fastrand::f64())
    }
}

/// Parses `Retry-After`: seconds (Graph sends fractional ones, e.g. `2.128`) or an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        // `from_secs_f64` panics past u64::MAX seconds; a wait that long is "never", and
        // `decide` gives up on it (issue 14).
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(date.timestamp()).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_fractions_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 2.128 ", now), Some(Duration::from_millis(2128)));
        // 2023-11-14T22:13:30Z is now + 10 s.
        assert_eq!(parse_retry_after("Tue, 14 Nov 2023 22:13:30 GMT", now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("1e30", now), Some(Duration::MAX));
        assert_eq!(parse_retry_after("18446744073709551616", now), Some(Duration::MAX));
        let throttled = Outcome::Throttled { retry_after: Some(Duration::MAX) };
        assert_eq!(RetryPolicy::default().decide(0, throttled, true), Decision::GiveUp);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn waits_read_as_seconds() {
        let wait = |ms| RetryWait { wait: Duration::from_millis(ms), throttled: true, retry: 1 };
        assert_eq!(wait(100_000).to_string(), "throttled by the service, retrying in 100 s");
        assert_eq!(wait(2_128).to_string(), "throttled by the service, retrying in 2.2 s");
        assert_eq!(wait(300).to_string(), "throttled by the service, retrying in 0.3 s");
        assert_eq!(wait(12_500).to_string(), "throttled by the service, retrying in 13 s");
        let failed = RetryWait { wait: Duration::from_secs(1), throttled: false, retry: 2 };
        assert_eq!(failed.to_string(), "the service failed, retrying in 1 s");
    }

    #[test]
    fn gives_up_after_the_configured_retries() {
        let p = RetryPolicy { retries: 2, ..Default::default() };
        let o = Outcome::ServerError;
        assert!(matches!(p.decide(0, o, true), Decision::RetryAfter(_)));
        assert!(matches!(p.decide(1, o, true), Decision::RetryAfter(_)));
        assert_eq!(p.decide(2, o, true), Decision::GiveUp);
    }

    #[test]
    fn non_idempotent_requests_repeat_only_when_nothing_was_done() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(0, Outcome::ServerError, false), Decision::GiveUp);
        assert_eq!(p.decide(0, Outcome::TransportBroken, false), Decision::GiveUp);
        assert!(matches!(p.decide(0, Outcome::ConnectFailed, false), Decision::RetryAfter(_)));
        let throttled = Outcome::Throttled { retry_after: Some(Duration::from_secs(3)) };
        assert_eq!(p.decide(0, throttled, false), Decision::RetryAfter(Duration::from_secs(3)));
    }

    #[test]
    fn an_unreasonable_retry_after_is_not_waited_out() {
        let p = RetryPolicy { max_retry_after: Duration::from_secs(60), ..Default::default() };
        let o = Outcome::Throttled { retry_after: Some(Duration::from_secs(3600)) };
        assert_eq!(p.decide(0, o, true), Decision::GiveUp);
    }

    #[test]
    fn backoff_grows_and_stays_capped() {
        let p = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            ..Default::default()
        };
        for _ in 0..50 {
            let first = p.backoff(0);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let late = p.backoff(10);
            assert!(late >= Duration::from_millis(500) && late <= Duration::from_secs(1));
        }
    }
}
