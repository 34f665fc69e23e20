//! What to do after each PUT of an attachment upload session, as a pure decision: go on from
//! the offset the service names, send the same range again (transient failures, with the
//! client's retry policy), start a new session (the session is gone or out of step), or stop.
//! Outlook sessions answer each range with a single `"{start}"` in `nextExpectedRanges`, and
//! the Content-Range of every PUT lets a dropped transfer resume (graph-facts §3.3).
use std::time::Duration;

use crate::retry::{Decision, Outcome, RetryPolicy};

/// What one PUT of a range came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutResult {
    /// 200: the range was taken; `next` is the offset the service expects next, when it said.
    Accepted { next: Option<u64> },
    /// 201: the last range landed and the attachment exists.
    Created,
    /// No answer, or one worth waiting out (429, 503, 500, 502, 504).
    Transient(Outcome),
    /// 404: the session expired or was removed.
    SessionGone,
    /// 416: the service expects another range (the first attempt of a retried range may have
    /// landed after all).
    OutOfStep,
    /// Any other refusal: sending it again will not help.
    Refused,
}

/// Where the upload of one session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// First byte of the range just sent.
    pub offset: u64,
    /// One past its last byte.
    pub end: u64,
    pub size: u64,
    /// Attempts of this range that failed so far (0 on the first try).
    pub attempt: u32,
}

impl Cursor {
    /// The range sent again after a failure whose request may have reached the service.
    pub fn was_repeated(&self) -> bool {
        self.attempt > 0
    }
}

/// The next step of the upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Send the range starting at this offset.
    Send { offset: u64 },
    /// Send the same range again after this wait.
    Retry { wait: Duration },
    /// The attachment exists.
    Done,
    /// The last range was sent again and the session is gone or out of step: its first
    /// attempt may have created the attachment. Look before starting over.
    MaybeLanded,
    /// Cancel this session and upload the file again through a new one.
    Restart,
    /// Stop with the answer's error.
    Fail,
}

/// The step after `result` for the range `cursor` describes.
pub fn decide(policy: &RetryPolicy, cursor: &Cursor, result: PutResult) -> Next {
    match result {
        PutResult::Created => Next::Done,
        // The service names where to go on; a place that is no progress, or the end without
        // the 201 that creates the attachment, means client and service disagree.
        PutResult::Accepted { next: Some(next) } if next > cursor.offset && next < cursor.size => {
            Next::Send { offset: next }
        }
        PutResult::Accepted { next: Some(_) } => Next::Restart,
        PutResult::Accepted { next: None } if cursor.end < cursor.size => Next::Send { offset: cursor.end },
        // 200 to the last range: the attachment was not created.
        PutResult::Accepted { next: None } => Next::Fail,
        // A PUT of a byte range is idempotent: the same bytes at the same place.
        PutResult::Transient(outcome) => match policy.decide(cursor.attempt, outcome, true) {
            Decision::RetryAfter(wait) => Next::Retry { wait },
            Decision::GiveUp => Next::Fail,
        },
        PutResult::SessionGone | PutResult::OutOfStep if cursor.was_repeated() && cursor.end == cursor.size => {
            Next::MaybeLanded
        }
        PutResult::SessionGone | PutResult::OutOfStep => Next::Restart,
        PutResult::Refused => Next::Fail,
    }
}

/// The offset in an Outlook session's `nextExpectedRanges`: `["2097152"]`, or the drive form
/// `["2097152-"]` / `["2097152-3483321"]`, whose start is the same thing.
pub fn next_expected(ranges: &[String]) -> Option<u64> {
    let first = ranges.first()?.trim();
    first.split('-').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(60),
            max_total_wait: Duration::from_secs(120),
        }
    }

    fn at(offset: u64, end: u64, attempt: u32) -> Cursor {
        Cursor { offset, end, size: 300, attempt }
    }

    #[test]
    fn goes_on_from_the_offset_the_service_names() {
        let p = policy();
        assert_eq!(decide(&p, &at(0, 100, 0), PutResult::Accepted { next: Some(100) }), Next::Send { offset: 100 });
        // The service kept fewer bytes than were sent: resume from its offset.
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::Accepted { next: Some(150) }), Next::Send { offset: 150 });
        // No offset in the answer: the next range follows this one.
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::Accepted { next: None }), Next::Send { offset: 200 });
        assert_eq!(decide(&p, &at(200, 300, 0), PutResult::Created), Next::Done);
    }

    #[test]
    fn an_offset_that_makes_no_progress_or_ends_without_201_starts_over() {
        let p = policy();
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::Accepted { next: Some(100) }), Next::Restart);
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::Accepted { next: Some(40) }), Next::Restart);
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::Accepted { next: Some(300) }), Next::Restart);
        assert_eq!(decide(&p, &at(200, 300, 0), PutResult::Accepted { next: None }), Next::Fail);
    }

    #[test]
    fn transient_failures_retry_the_same_range_within_the_policy() {
        let p = policy();
        let throttled = PutResult::Transient(Outcome::Throttled { retry_after: Some(Duration::from_secs(3)) });
        assert_eq!(decide(&p, &at(100, 200, 0), throttled), Next::Retry { wait: Duration::from_secs(3) });
        let dropped = PutResult::Transient(Outcome::TransportBroken);
        assert!(matches!(decide(&p, &at(100, 200, 1), dropped), Next::Retry { .. }), "a PUT is safe to repeat");
        assert_eq!(decide(&p, &at(100, 200, 2), dropped), Next::Fail, "bounded attempts");
        let too_long = PutResult::Transient(Outcome::Throttled { retry_after: Some(Duration::from_secs(600)) });
        assert_eq!(decide(&p, &at(100, 200, 0), too_long), Next::Fail);
    }

    #[test]
    fn a_lost_or_confused_session_starts_over_unless_the_last_range_may_have_landed() {
        let p = policy();
        assert_eq!(decide(&p, &at(100, 200, 0), PutResult::SessionGone), Next::Restart);
        assert_eq!(decide(&p, &at(100, 200, 1), PutResult::OutOfStep), Next::Restart);
        assert_eq!(decide(&p, &at(200, 300, 0), PutResult::SessionGone), Next::Restart);
        assert_eq!(decide(&p, &at(200, 300, 1), PutResult::SessionGone), Next::MaybeLanded);
        assert_eq!(decide(&p, &at(200, 300, 1), PutResult::OutOfStep), Next::MaybeLanded);
        assert_eq!(decide(&p, &at(0, 100, 0), PutResult::Refused), Next::Fail);
    }

    #[test]
    fn next_expected_ranges_in_outlook_and_drive_form() {
        let ranges = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(next_expected(&ranges(&["2097152"])), Some(2_097_152));
        assert_eq!(next_expected(&ranges(&["0-"])), Some(0));
        assert_eq!(next_expected(&ranges(&["26-99", "200-"])), Some(26));
        assert_eq!(next_expected(&ranges(&[])), None);
        assert_eq!(next_expected(&ranges(&["soon"])), None);
    }
}
