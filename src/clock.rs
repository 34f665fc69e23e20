//! The application's "now": the system clock, or a pinned start read once from `O365_NOW` so
//! tests and demos see the same day whatever day they run on.
//!
//! A pinned clock still moves: it reads `O365_NOW` plus the time elapsed since the process first
//! asked, so timeouts, token lifetimes and "a minute ago" behave as on the real clock. Everything
//! that decides what "today" is (the calendar, relative dates, quick filters, the demo tenant's
//! data) asks here; nothing else in the application reads the system clock for that.
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, Utc};

/// The environment variable that pins the clock: an RFC 3339 time such as
/// `2026-12-06T09:30:00Z`. Meant for tests, demos and screenshots; users never need it.
pub const PINNED_NOW_VAR: &str = "O365_NOW";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{PINNED_NOW_VAR}=`{0}` is not an RFC 3339 time such as 2026-12-06T09:30:00Z")]
pub struct PinnedNowError(pub String);

/// Where the clock starts when pinned, and when the process started counting from it.
#[derive(Debug, Clone, Copy)]
struct Pinned {
    start: DateTime<Utc>,
    at: Instant,
}

static PINNED: OnceLock<Option<Pinned>> = OnceLock::new();

/// Reads `O365_NOW` (once per process) and reports a value that is not a time. `now()` works
/// without this call, treating a bad value as unset; `main` calls it first so the mistake is
/// named instead.
pub fn init_from_env() -> Result<(), PinnedNowError> {
    let value = std::env::var(PINNED_NOW_VAR).ok();
    let parsed = parse(value.as_deref())?;
    PINNED.get_or_init(|| parsed);
    Ok(())
}

/// Now: the pinned time plus the time elapsed since, or the system clock.
pub fn now() -> DateTime<Utc> {
    let pinned = PINNED.get_or_init(|| parse(std::env::var(PINNED_NOW_VAR).ok().as_deref()).ok().flatten());
    match pinned {
        Some(p) => p.start + p.at.elapsed(),
        None => Utc::now(),
    }
}

fn parse(value: Option<&str>) -> Result<Option<Pinned>, PinnedNowError> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    let start = DateTime::parse_from_rfc3339(text).map_err(|_| PinnedNowError(text.to_owned()))?;
    Ok(Some(Pinned { start: start.with_timezone(&Utc), at: Instant::now() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rfc3339_time_pins_the_clock_and_it_moves_on_from_there() {
        let pinned = parse(Some(" 2026-12-06T23:30:00+01:00 ")).unwrap().unwrap();
        assert_eq!(pinned.start.to_rfc3339(), "2026-12-06T22:30:00+00:00");
        let later = pinned.start + pinned.at.elapsed();
        assert!(later >= pinned.start);
    }

    #[test]
    fn unset_or_empty_means_the_system_clock() {
        assert!(parse(None).unwrap().is_none());
        assert!(parse(Some("")).unwrap().is_none());
    }

    #[test]
    fn anything_else_is_refused_by_name() {
        let error = parse(Some("sunday")).unwrap_err();
        assert!(error.to_string().contains("O365_NOW=`sunday`"), "{error}");
    }
}
