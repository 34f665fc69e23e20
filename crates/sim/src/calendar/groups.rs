//! Microsoft 365 groups the owner belongs to and their calendars: `/me/memberOf` (directory
//! objects; `/microsoft.graph.group` casts to groups, GD: user-list-memberof.md), a group's
//! calendar (`/groups/{id}/calendar`, GD: calendar-get.md), its calendar view and events
//! (GD: group-list-calendarview.md, group-list-events.md) and new events in it (201, GD:
//! group-post-events.md). Permissions are the route table's (Group.Read.All and friends).
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::expand::{self, Span};
use super::time::OutputZone;
use super::writes::{new_event, parse_json_object};
use super::{View, calendar_of, entity_response, list_response, requested_uri, window_from_query, with_zone_applied};
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::odata::{self, QueryOptions};
use crate::paging::{PageRules, collection_response, context_url};
use crate::store::Tenant;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/me/memberOf", get(member_of))
        .route("/me/memberOf/microsoft.graph.group", get(member_of_groups))
        .route("/groups/{group}/calendar", get(group_calendar))
        .route("/groups/{group}/calendarView", get(group_view))
        .route("/groups/{group}/calendar/calendarView", get(group_view))
        .route("/groups/{group}/events", get(list_group_events).post(create_group_event))
        .route("/groups/{group}/calendar/events", get(list_group_events).post(create_group_event))
        .route("/groups/{group}/events/{id}", get(get_group_event))
}

/// Entra's answer for a group id it does not know.
fn group_not_found(id: &str) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
    )
}

/// The id of the calendar of the group `group_id`.
fn calendar_id_of(tenant: &Tenant, group_id: &str) -> GraphResult<String> {
    if !tenant.groups.contains(group_id) {
        return Err(group_not_found(group_id));
    }
    tenant
        .group_calendars
        .iter()
        .find(|c| c.get("_groupId").and_then(Value::as_str) == Some(group_id))
        .and_then(|c| c.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .ok_or_else(GraphError::outlook_not_found)
}

async fn member_of(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    memberships(&state, &parts, "directoryObjects")
}

async fn member_of_groups(State(state): State<SharedState>, parts: Parts) -> GraphResult<Response> {
    memberships(&state, &parts, "groups")
}

/// The owner's groups (the only directory objects the owner is a member of here).
fn memberships(state: &SharedState, parts: &Parts, context: &str) -> GraphResult<Response> {
    let uri = requested_uri(parts);
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let items = odata::filter_items(tenant.groups.iter(), &options, &["displayName"])?;
    let context = context_url(state, &uri, context);
    Ok(collection_response(state, &uri, &options, PageRules::USERS, &items, &context)?.into_response())
}

async fn group_calendar(
    State(state): State<SharedState>,
    Path(group): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let id = calendar_id_of(&tenant, &group)?;
    let calendar = tenant.group_calendars.get(&id).ok_or_else(GraphError::outlook_not_found)?;
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/calendar/$entity", state.urls.origin);
    Ok(entity_response(StatusCode::OK, calendar, context, &options))
}

async fn group_view(
    State(state): State<SharedState>,
    Path(group): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let window = window_from_query(&uri)?;
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let calendar_id = calendar_id_of(&tenant, &group)?;
    let events: Vec<&Value> = tenant.group_events.iter().filter(|e| calendar_of(e) == Some(&calendar_id)).collect();
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/calendarView", state.urls.origin);
    let view = View { events: &events, window, zone: &zone, counts: &tenant.calendar_counts };
    view.respond(&state, &uri, &options, &context)
}

async fn list_group_events(
    State(state): State<SharedState>,
    Path(group): Path<String>,
    parts: Parts,
) -> GraphResult<Response> {
    let uri = requested_uri(&parts);
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&uri)?;
    let tenant = state.read_tenant();
    let calendar_id = calendar_id_of(&tenant, &group)?;
    let mut rendered: Vec<(Span, Value)> = tenant
        .group_events
        .iter()
        .filter(|e| calendar_of(e) == Some(&calendar_id))
        .filter_map(|e| expand::event_span(e, zone.tz).map(|span| (span, expand::render_event(e, span, &zone))))
        .collect();
    rendered.sort_by_key(|(span, _)| span.start);
    let values: Vec<Value> = rendered.into_iter().map(|(_, v)| v).collect();
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/events", state.urls.origin);
    drop(tenant);
    list_response(&state, &uri, &options, &values, &context, &zone)
}

/// A stored group event of `group`, rendered in `zone`.
fn find_group_event(tenant: &Tenant, group: &str, id: &str, zone: &OutputZone) -> GraphResult<Value> {
    let calendar_id = calendar_id_of(tenant, group)?;
    let event = tenant
        .group_events
        .get(id)
        .filter(|e| calendar_of(e) == Some(&calendar_id))
        .ok_or_else(GraphError::outlook_not_found)?;
    let span = expand::event_span(event, zone.tz).ok_or_else(GraphError::outlook_not_found)?;
    Ok(expand::render_event(event, span, zone))
}

async fn get_group_event(
    State(state): State<SharedState>,
    Path((group, id)): Path<(String, String)>,
    parts: Parts,
) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let tenant = state.read_tenant();
    let event = find_group_event(&tenant, &group, &id, &zone)?;
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/events/$entity", state.urls.origin);
    Ok(with_zone_applied(entity_response(StatusCode::OK, &event, context, &options), &zone))
}

/// A new event in the group's calendar: the group organizes it (Outlook accepts meetings on a
/// group's behalf, GD: resources/calendar.md). A retried POST with the same `transactionId`
/// returns the first event.
async fn create_group_event(
    State(state): State<SharedState>,
    Path(group): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let mut tenant = state.write_tenant();
    let calendar_id = calendar_id_of(&tenant, &group)?;
    let transaction = input.get("transactionId").and_then(Value::as_str).map(str::to_owned);
    let existing = transaction
        .as_deref()
        .and_then(|t| tenant.group_events.iter().find(|e| e.get("transactionId").and_then(Value::as_str) == Some(t)));
    let id = match existing.and_then(|e| e.get("id").and_then(Value::as_str)) {
        Some(id) => id.to_owned(),
        None => {
            let mut event = new_event(&mut tenant, &calendar_id, input)?;
            let owner = tenant.groups.get(&group).cloned().unwrap_or(Value::Null);
            event["organizer"] = json!({"emailAddress": {"name": owner["displayName"], "address": owner["mail"]}});
            let id = event["id"].as_str().unwrap_or_default().to_owned();
            tenant.group_events.insert(event);
            id
        }
    };
    let rendered = find_group_event(&tenant, &group, &id, &zone)?;
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/events/$entity", state.urls.origin);
    Ok(with_zone_applied(entity_response(StatusCode::CREATED, &rendered, context, &options), &zone))
}

#[cfg(test)]
mod tests;
