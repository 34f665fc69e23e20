//! Calendars and the calendar view: events in a time window with recurring series expanded by
//! the service, times in the zone the client asked for (graph-facts §3.4, §2.6).
use chrono::{DateTime, SecondsFormat, Utc};

use super::client::GraphClient;
use super::dto::{Calendar, Event};
use super::encode::encode_segment;
use super::error::GraphResult;
use super::paging::{collect, page_size};
use super::query::{Order, Query};
use super::request::Request;

/// Calendar view pages: the maximum is undocumented; large values are accepted (graph-facts §2.4).
const EVENTS_MAX_PAGE: usize = 250;

pub async fn list_calendars(client: &GraphClient) -> GraphResult<Vec<Calendar>> {
    collect(client, Request::get(client.resource_path("calendars")).with_param("$top", 100), None).await
}

/// Events overlapping `[start, end)` of one calendar (the default one when `None`), ordered
/// by start. Occurrences of recurring series come expanded.
pub async fn calendar_view(
    client: &GraphClient,
    calendar_id: Option<&str>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: Option<usize>,
) -> GraphResult<Vec<Event>> {
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
    let query = Query::new().order_by("start/dateTime", Order::Asc).top(page_size(limit, EVENTS_MAX_PAGE) as u32);
    Request::get(path)
        .with_param("startDateTime", start.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_param("endDateTime", end.to_rfc3339_opts(SecondsFormat::Secs, true))
        .with_query(query.to_pairs())
}

pub async fn get_event(client: &GraphClient, id: &str) -> GraphResult<Event> {
    client.json(Request::get(client.resource_path(&format!("events/{}", encode_segment(id))))).await
}
