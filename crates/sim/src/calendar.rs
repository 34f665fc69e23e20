//! The mailbox owner's calendars and events (graph-facts §3.4): calendars, events, series
//! expansion in calendarView and instances, zones from `Prefer: outlook.timezone`, and writes.
pub mod access;
pub mod delta;
pub mod exceptions;
pub mod expand;
pub mod groups;
pub mod invites;
pub mod meeting_mail;
pub mod meeting_times;
pub mod recurrence;
pub mod schedule;
pub mod time;
pub mod writes;
pub mod zones;

#[cfg(test)]
mod tests;

use axum::Router;
use axum::extract::{OriginalUri, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use self::expand::{Span, ViewCounts};
use self::time::{OutputZone, parse_window_bound};
use super::SharedState;
use super::auth::RequestedUri;
use super::errors::{GraphError, GraphResult};
use super::odata::{self, QueryOptions};
use super::paging::{CutPage, NextPage, PageRules, collection_response, page_response, page_window};
use super::store::Tenant;

/// The longest window Graph expands: a longer calendar view is refused with
/// `ErrorInvalidRequest` ("... Maximum number of days: 1825"), observed since November 2019
/// (microsoft-graph-docs-contrib issue 6321). Within it, a view is expanded page by page.
pub const MAX_VIEW_DAYS: i64 = 1825;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/calendars", get(list_calendars))
        .route("/me/calendar", get(get_default_calendar))
        .route("/me/calendars/{id}", get(get_calendar))
        .route("/me/events", get(list_default_events).post(writes::create_in_default))
        .route("/me/calendar/events", get(list_default_events).post(writes::create_in_default))
        .route("/me/calendars/{id}/events", get(list_calendar_events).post(writes::create_in_calendar))
        .route("/me/events/{id}", get(get_event).patch(writes::update_event).delete(writes::delete_event))
        .route("/me/events/{id}/instances", get(list_instances))
        .route("/me/events/{id}/accept", post(invites::accept))
        .route("/me/events/{id}/tentativelyAccept", post(invites::tentatively_accept))
        .route("/me/events/{id}/decline", post(invites::decline))
        .route("/me/events/{id}/cancel", post(invites::cancel))
        .route("/me/calendar/getSchedule", post(schedule::get_schedule))
        .route("/me/findMeetingTimes", post(meeting_times::find_meeting_times))
        .route("/me/calendarView", get(default_calendar_view))
        .route("/me/calendarView/delta", get(delta::calendar_view))
        .route("/me/calendar/calendarView", get(default_calendar_view))
        .route("/me/calendars/{id}/calendarView", get(calendar_view))
        .merge(groups::routes())
}

/// The URI as the client sent it (before the mailbox rewrite), for nextLinks.
pub(crate) fn requested_uri(parts: &Parts) -> Uri {
    if let Some(RequestedUri(uri)) = parts.extensions.get::<RequestedUri>() {
        return uri.clone();
    }
    if let Some(OriginalUri(uri)) = parts.extensions.get::<OriginalUri>() {
        return uri.clone();
    }
    parts.uri.clone()
}

/// `@odata.context` for something under the mailbox owner, e.g. `events` or `events/$entity`.
pub(crate) fn context_url(state: &SharedState, tenant: &Tenant, path: &str) -> String {
    format!("{}/graph/v1.0/$metadata#users('{}')/{path}", state.urls.origin, tenant.me_id)
}

/// Adds `Preference-Applied` when the zone was asked for.
pub(crate) fn with_zone_applied(mut response: Response, zone: &OutputZone) -> Response {
    if let Some(applied) = zone.preference_applied()
        && let Ok(value) = HeaderValue::from_str(&applied)
    {
        response.headers_mut().insert("Preference-Applied", value);
    }
    response
}

/// A single entity with its context and `$select` applied.
pub(crate) fn entity_response(status: StatusCode, entity: &Value, context: String, options: &QueryOptions) -> Response {
    let mut body = odata::project(entity, options);
    if let Some(map) = body.as_object_mut() {
        map.insert("@odata.context".to_owned(), Value::String(context));
    }
    (status, axum::Json(body)).into_response()
}

pub(crate) fn default_calendar_id(tenant: &Tenant) -> GraphResult<String> {
    tenant
        .calendars
        .iter()
        .find(|c| c.get("isDefaultCalendar").and_then(Value::as_bool) == Some(true))
        .or_else(|| tenant.calendars.first())
        .and_then(|c| c.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .ok_or_else(GraphError::outlook_not_found)
}

pub(crate) fn calendar_of(event: &Value) -> Option<&str> {
    event.get("_calendarId").and_then(Value::as_str)
}

async fn list_calendars(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let mut items = odata::filter_items(tenant.calendars.iter(), &options, &["name"])?;
    odata::sort_items(&mut items, &options)?;
    let context = context_url(&state, &tenant, "calendars");
    Ok(collection_response(&state, &uri, &options, PageRules::OUTLOOK, &items, &context)?.into_response())
}

async fn get_default_calendar(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let id = default_calendar_id(&state.read_tenant())?;
    calendar_response(&state, &parts, &id)
}

async fn get_calendar(State(state): State<SharedState>, Path(id): Path<String>, parts: Parts) -> GraphResult<Response> {
    calendar_response(&state, &parts, &id)
}

fn calendar_response(state: &SharedState, parts: &Parts, id: &str) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(parts))?;
    let tenant = state.read_tenant();
    let calendar = tenant.calendars.get(id).ok_or_else(GraphError::outlook_not_found)?;
    Ok(entity_response(StatusCode::OK, calendar, context_url(state, &tenant, "calendars/$entity"), &options))
}

async fn list_default_events(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let id = default_calendar_id(&state.read_tenant())?;
    events_response(&state, &parts, &id)
}

async fn list_calendar_events(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    events_response(&state, &parts, &id)
}

/// `/events`: single instances and series masters as stored (not expanded), by start.
fn events_response(state: &SharedState, parts: &Parts, calendar_id: &str) -> GraphResult<Response> {
    let uri = requested_uri(parts);
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    if !tenant.calendars.contains(calendar_id) {
        return Err(GraphError::outlook_not_found());
    }
    let mut rendered: Vec<(Span, Value)> = tenant
        .events
        .iter()
        .filter(|e| calendar_of(e) == Some(calendar_id))
        .filter_map(|e| expand::event_span(e, zone.tz).map(|span| (span, expand::render_event(e, span, &zone))))
        .collect();
    rendered.sort_by_key(|(span, _)| span.start);
    let values: Vec<Value> = rendered.into_iter().map(|(_, v)| v).collect();
    let context = context_url(state, &tenant, "events");
    drop(tenant);
    list_response(state, &uri, &options, &values, &context, &zone)
}

/// Filter, order and page rendered events.
fn list_response(
    state: &SharedState,
    uri: &Uri,
    options: &QueryOptions,
    values: &[Value],
    context: &str,
    zone: &OutputZone,
) -> GraphResult<Response> {
    let mut items = odata::filter_items(values.iter(), options, &["subject", "bodyPreview"])?;
    odata::sort_items(&mut items, options)?;
    let page = collection_response(state, uri, options, PageRules::OUTLOOK, &items, context)?;
    Ok(with_zone_applied(page.into_response(), zone))
}

/// Looks up a stored event or an occurrence id, rendered in `zone`.
pub(crate) fn find_event(tenant: &Tenant, id: &str, zone: &OutputZone) -> GraphResult<Value> {
    if let Some(event) = tenant.events.get(id) {
        let span = expand::event_span(event, zone.tz).ok_or_else(GraphError::outlook_not_found)?;
        return Ok(expand::render_event(event, span, zone));
    }
    let (master_id, date) = expand::parse_occurrence_id(id).ok_or_else(GraphError::outlook_not_found)?;
    let master = tenant.events.get(&master_id).ok_or_else(GraphError::outlook_not_found)?;
    // The occurrence exists when the series produces that date: look in a window around it.
    let day_start = date.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).ok_or_else(GraphError::outlook_not_found)?;
    // An exception may have moved a few weeks from its date; the window reaches that far.
    let window = Span { start: day_start - chrono::Duration::days(35), end: day_start + chrono::Duration::days(36) };
    let found = expand::occurrences(master, zone.tz, &window).map_err(GraphError::bad_request)?;
    let (date, span) = found.into_iter().find(|(d, _)| *d == date).ok_or_else(GraphError::outlook_not_found)?;
    Ok(expand::render_occurrence(master, date, span, zone))
}

async fn get_event(State(state): State<SharedState>, Path(id): Path<String>, parts: Parts) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let event = find_event(&tenant, &id, &zone)?;
    let context = context_url(&state, &tenant, "events/$entity");
    Ok(with_zone_applied(entity_response(StatusCode::OK, &event, context, &options), &zone))
}

/// `startDateTime`/`endDateTime` from the query (names case-insensitive), both required.
pub(crate) fn window_from_query(uri: &Uri) -> GraphResult<Span> {
    let mut start = None;
    let mut end = None;
    for (key, value) in url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        if key.eq_ignore_ascii_case("startDateTime") {
            start = Some(value.into_owned());
        } else if key.eq_ignore_ascii_case("endDateTime") {
            end = Some(value.into_owned());
        }
    }
    let (Some(start), Some(end)) = (start, end) else {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
        ));
    };
    let parse = |name: &str, text: &str| {
        parse_window_bound(text).ok_or_else(|| {
            GraphError::new(
                StatusCode::BAD_REQUEST,
                "ErrorInvalidParameter",
                format!("The value '{text}' of parameter '{name}' is invalid."),
            )
        })
    };
    let window = Span { start: parse("StartDateTime", &start)?, end: parse("EndDateTime", &end)? };
    if window.end - window.start > chrono::Duration::days(MAX_VIEW_DAYS) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidRequest",
            format!(
                "Your request can't be completed. The range between the start and end dates is greater than the allowed range. Maximum number of days: {MAX_VIEW_DAYS}"
            ),
        ));
    }
    Ok(window)
}

async fn default_calendar_view(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    let id = default_calendar_id(&state.read_tenant())?;
    view_response(&state, &parts, &id)
}

async fn calendar_view(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    view_response(&state, &parts, &id)
}

fn view_response(state: &SharedState, parts: &Parts, calendar_id: &str) -> GraphResult<Response> {
    let uri = requested_uri(parts);
    let window = window_from_query(&uri)?;
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    if !tenant.calendars.contains(calendar_id) {
        return Err(GraphError::outlook_not_found());
    }
    let events: Vec<&Value> = tenant.events.iter().filter(|e| calendar_of(e) == Some(calendar_id)).collect();
    let context = context_url(state, &tenant, "calendarView");
    let view = View { events: &events, window, zone: &zone, counts: &tenant.calendar_counts };
    view.respond(state, &uri, &options, &context)
}

async fn list_instances(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let window = window_from_query(&uri)?;
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let event = tenant.events.get(&id).ok_or_else(GraphError::outlook_not_found)?;
    let context = context_url(&state, &tenant, &format!("events('{id}')/instances"));
    let events = [event];
    let view = View { events: &events, window, zone: &zone, counts: &tenant.calendar_counts };
    view.respond(&state, &uri, &options, &context)
}

/// A calendar view or a series' instances over a window.
struct View<'a> {
    events: &'a [&'a Value],
    window: Span,
    zone: &'a OutputZone,
    counts: &'a ViewCounts,
}

impl View<'_> {
    /// The page the request asks for. In start order (no `$filter`, `$orderby` by start or none)
    /// only the occurrences up to the page's end are found and only the page's are drawn;
    /// otherwise every occurrence in the window (at most 1,825 days of each series) is drawn to
    /// be tested and sorted.
    fn respond(&self, state: &SharedState, uri: &Uri, options: &QueryOptions, context: &str) -> GraphResult<Response> {
        let by_start = match options.orderby.as_slice() {
            [] => true,
            [(path, descending)] => !descending && path.eq_ignore_ascii_case("start/dateTime"),
            _ => false,
        };
        let found = || expand::in_window(self.events, &self.window, self.zone.tz, self.counts);
        let draw = |f: &expand::Found| expand::render_found(self.events, f, self.zone, self.counts);
        if options.filter.is_some() || options.search.is_some() || !by_start {
            let values: Vec<Value> = found().map(|f| draw(&f)).collect();
            return list_response(state, uri, options, &values, context, self.zone);
        }
        let (offset, size) = page_window(options, PageRules::OUTLOOK)?;
        let mut all = found();
        let page: Vec<expand::Found> = all.by_ref().skip(offset).take(size).collect();
        let more = !page.is_empty() && all.next().is_some();
        let count = options.count.then(|| found().count());
        let items = page.iter().map(|f| odata::project(&draw(f), options)).collect();
        let cut = CutPage { items, next: more.then_some(NextPage::Offset(offset + page.len())), count };
        let body = page_response(state, uri, options, PageRules::OUTLOOK, cut, context);
        Ok(with_zone_applied(body.into_response(), self.zone))
    }
}
