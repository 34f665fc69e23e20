//! Changing and deleting a Microsoft 365 group's events: `PATCH /groups/{id}/events/{id}` → 200
//! with the event (GD: group-update-event.md) and `DELETE` → 204 (GD: group-delete-event.md),
//! both Group.ReadWrite.All only (the route table). An occurrence id changes or removes that
//! occurrence only, as for the owner's events.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use super::super::exceptions;
use super::super::expand::parse_occurrence_id;
use super::super::time::OutputZone;
use super::super::writes::{next_stamp, occurrence_input, parse_json_object, patch_stored};
use super::super::{entity_response, requested_uri, with_zone_applied};
use super::{find_group_event, stored_group_event_id};
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::odata::QueryOptions;

pub(super) async fn update(
    State(state): State<SharedState>,
    Path((group, id)): Path<(String, String)>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let mut tenant = state.write_tenant();
    let stored = stored_group_event_id(&tenant, &group, &id)?;
    if stored == id {
        let stamp = next_stamp(&mut tenant);
        let event = tenant.group_events.get_mut(&id).ok_or_else(GraphError::outlook_not_found)?;
        patch_stored(event, input, stamp)?;
    } else {
        // The occurrence must be one the series produces (not a deleted or invented date).
        find_group_event(&tenant, &group, &id, &OutputZone::utc())?;
        let (_, date) = parse_occurrence_id(&id).ok_or_else(GraphError::outlook_not_found)?;
        let input = occurrence_input(input)?;
        let master = tenant.group_events.get_mut(&stored).ok_or_else(GraphError::outlook_not_found)?;
        exceptions::change_occurrence(master, date, input)?;
    }
    let rendered = find_group_event(&tenant, &group, &id, &zone)?;
    let context = format!("{}/graph/v1.0/$metadata#groups('{group}')/events/$entity", state.urls.origin);
    Ok(with_zone_applied(entity_response(StatusCode::OK, &rendered, context, &options), &zone))
}

pub(super) async fn delete(
    State(state): State<SharedState>,
    Path((group, id)): Path<(String, String)>,
) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    let stored = stored_group_event_id(&tenant, &group, &id)?;
    if stored == id {
        tenant.group_events.remove(&id);
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    find_group_event(&tenant, &group, &id, &OutputZone::utc())?;
    let (_, date) = parse_occurrence_id(&id).ok_or_else(GraphError::outlook_not_found)?;
    let master = tenant.group_events.get_mut(&stored).ok_or_else(GraphError::outlook_not_found)?;
    exceptions::remove_occurrence(master, date);
    Ok(StatusCode::NO_CONTENT.into_response())
}
