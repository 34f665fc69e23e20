//! Calendars and the calendar view: events in a time window with recurring series expanded by
//! the service, times in the zone the client asked for (graph-facts §3.4, §2.6).
pub mod delta;
pub mod groups;
pub mod schedule;
pub mod writes;

use chrono::{DateTime, SecondsFormat, Utc};

use super::client::GraphClient;
use super::dto::{Calendar, Event};
use super::encode::encode_segment;
use super::error::{GraphError, GraphResult};
use super::paging::{collect, page_size};
use super::query::{Order, Query};
use super::request::Request;

/// Calendar view pages: the maximum is undocumented; large values are accepted (graph-facts §2.4).
const EVENTS_MAX_PAGE: usize = 250;

/// The longest window a calendar view covers: Graph refuses a longer one with `ErrorInvalidRequest`
/// ("The range between the start and end dates is greater than the allowed range. Maximum number
/// of days: 1825", microsoft-graph-docs-contrib issue 6321).
pub const MAX_VIEW_DAYS: i64 = 1825;

/// Whole days in `[start, end)`, rounded up, as the limit counts them.
pub fn view_days(start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    let length = end - start;
    length.num_days() + i64::from(length > chrono::Duration::days(length.num_days()))
}

/// Refuses, before any request, a window Graph would refuse.
pub fn check_view_window(start: DateTime<Utc>, end: DateTime<Utc>) -> GraphResult<()> {
    let days = view_days(start, end);
    if days > MAX_VIEW_DAYS {
        return Err(GraphError::Refused(format!(
            "a calendar view covers at most {MAX_VIEW_DAYS} days (Microsoft Graph's limit); this one covers {days}"
        )));
    }
    Ok(())
}

pub async fn list_calendars(client: &GraphClient) -> GraphResult<Vec<Calendar>> {
    collect(client, Request::get(client.resource_path("calendars")).with_param("$top", 100), None).await
}

/// Events overlapping `[start, end)` of one calendar (the default one when `None`), ordered
/// by start. Occurrences of recurring series come expanded. A window longer than Graph allows
/// (`MAX_VIEW_DAYS`) is refused without a request.
pub async fn calendar_view(
    client: &GraphClient,
    calendar_id: Option<&str>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: Option<usize>,
) -> GraphResult<Vec<Event>> {
    check_view_window(start, end)?;
    collect(client, calendar_view_request(client, calendar_id, start, end, limit), limit).await
}

pub fn calendar_view_request(
    client: &GraphClient,
    calendar_id: Option<&str>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: Option<usize>,
) -> Request {
    let path = match calendar_id {
        Some(id) => client.resource_path(&format!("calendars/{}/calendarView", encode_segment(id))),
        None => client.resource_path("calendarView"),
    };
    view_request(path, start, end, limit)
}

/// A calendar view at `path` (a user's or a group's): the window, by start, pages as large as allowed.
fn view_request(path: String, start: DateTime<Utc>, end: DateTime<Utc>, limit: Option<usize>) -> Request {
    let query = Query::new().order_by("start/dateTime", Order::Asc).top(page_size(limit, EVENTS_MAX_PAGE) as u32);
    Request::get(path)
        .with_param("startDateTime", start.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_param("endDateTime", end.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_query(query.to_pairs())
}

pub use groups::{create_group_event, get_group_calendar, group_calendar_view, list_my_groups};
pub use schedule::{find_meeting_times, get_schedule};
pub use writes::{EventAnswer, cancel_event, create_event, delete_event, respond_to_event, update_event};

/// A meeting's mail (an eventMessage: an invitation, a cancellation, an answer) with the event
/// it is about in the user's calendar (`$expand=microsoft.graph.eventMessage/event`, GD:
/// resources/eventmessage.md).
pub async fn get_meeting_message(client: &GraphClient, message_id: &str) -> GraphResult<super::dto::Message> {
    let path = client.resource_path(&format!("messages/{}", encode_segment(message_id)));
    client.json(Request::get(path).with_param("$expand", "microsoft.graph.eventMessage/event")).await
}

pub async fn get_event(client: &GraphClient, id: &str) -> GraphResult<Event> {
    client.json(Request::get(client.resource_path(&format!("events/{}", encode_segment(id))))).await
}

/// The occurrences and exceptions of a series (by its master's id) that meet `[start, end)`,
/// by start.
pub async fn list_instances(
    client: &GraphClient,
    series_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> GraphResult<Vec<Event>> {
    check_view_window(start, end)?;
    let path = client.resource_path(&format!("events/{}/instances", encode_segment(series_id)));
    let query = Query::new().order_by("start/dateTime", Order::Asc).top(EVENTS_MAX_PAGE as u32);
    let request = Request::get(path)
        .with_param("startDateTime", start.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_param("endDateTime", end.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_query(query.to_pairs());
    collect(client, request, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_past_the_limit_are_refused_before_a_request() {
        let start = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        assert!(check_view_window(start, start + chrono::Duration::days(1825)).is_ok());
        let error = check_view_window(start, start + chrono::Duration::days(1825) + chrono::Duration::seconds(1));
        assert!(matches!(&error, Err(GraphError::Refused(m)) if m.contains("at most 1825 days") && m.contains("1826")));
    }
}
