//! The tenant's clock for the data it writes (created, modified, sent and completed times): it
//! starts at the tenant's anchor and moves on in real time, so a message sent to a tenant
//! anchored in March 2028 is the newest in its folder, whatever day the machine thinks it is.
//!
//! Times that are about validity rather than data (token lifetimes, pre-authenticated URLs,
//! upload sessions, error timestamps) stay on the system clock: clients compare those with
//! their own.
use std::time::Instant;

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, Default)]
pub struct DataClock {
    /// The anchor and the moment it was taken; none means the system clock.
    anchored: Option<(DateTime<Utc>, Instant)>,
}

impl DataClock {
    /// A clock reading `anchor` now and moving on from it.
    pub fn starting_at(anchor: DateTime<Utc>) -> DataClock {
        DataClock { anchored: Some((anchor, Instant::now())) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.anchored {
            Some((anchor, at)) => anchor + at.elapsed(),
            None => Utc::now(),
        }
    }

    /// Now in Graph's `2024-05-02T08:14:04Z` form.
    pub fn now_text(&self) -> String {
        self.now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchored_clock_reads_its_anchor_and_moves_on() {
        let anchor = DateTime::parse_from_rfc3339("2028-02-29T23:30:00Z").unwrap().with_timezone(&Utc);
        let clock = DataClock::starting_at(anchor);
        let now = clock.now();
        assert!(now >= anchor && now < anchor + chrono::Duration::minutes(1), "{now}");
        assert!(clock.now_text().starts_with("2028-02-29T23:3"), "{}", clock.now_text());
    }
}
