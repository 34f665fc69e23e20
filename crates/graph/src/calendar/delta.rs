//! Delta rounds on the default calendar's view of a window (graph-facts §2.8, event-delta):
//! single events and the occurrences of series in `[start, end)`; deleted, cancelled and
//! out-of-window events come as `@removed`. The window is given on the first request and
//! stays in the links.
use chrono::{DateTime, SecondsFormat, Utc};

use super::super::client::GraphClient;
use super::super::request::Request;

/// Events per delta page asked for (the service may give fewer).
const EVENTS_DELTA_PAGE: u32 = 200;

/// The first request of a round over the default calendar between `start` and `end`.
pub fn calendar_view_delta_request(client: &GraphClient, start: DateTime<Utc>, end: DateTime<Utc>) -> Request {
    Request::get(client.resource_path("calendarView/delta"))
        .with_param("startDateTime", start.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_param("endDateTime", end.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_max_page_size(EVENTS_DELTA_PAGE)
}
