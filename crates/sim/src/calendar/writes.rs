//! Event writes (graph-facts §3.4): create (201), update (200, one occurrence or the whole
//! series), delete (204). Answers to invitations and cancelling are in `invites`.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::exceptions;
use super::expand::{self, parse_occurrence_id};
use super::recurrence::Recurrence;
use super::time::{OutputZone, format_local, graph_timestamp, parse_local, unsupported_zone};
use super::zones::resolve_zone;
use super::{context_url, default_calendar_id, entity_response, find_event, requested_uri, with_zone_applied};
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::odata::QueryOptions;
use crate::store::Tenant;

/// Properties the server owns: a client's values for them are ignored.
const READ_ONLY: &[&str] = &[
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "changeKey",
    "type",
    "seriesMasterId",
    "iCalUId",
    "webLink",
    "isOrganizer",
    "organizer",
    "responseStatus",
    "bodyPreview",
    "onlineMeeting",
    "originalStartTimeZone",
    "originalEndTimeZone",
];

pub(crate) fn parse_json_object(body: &Bytes) -> GraphResult<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(GraphError::bad_request(
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        )),
    }
}

fn now_text(tenant: &Tenant) -> String {
    graph_timestamp(tenant.clock.now())
}

/// Checks a `dateTimeTimeZone` and writes it back in Graph's stored form.
fn normalize_date_time(value: &Value, name: &str) -> GraphResult<Value> {
    let text = value.get("dateTime").and_then(Value::as_str);
    let local = text
        .and_then(parse_local)
        .ok_or_else(|| GraphError::bad_request(format!("The {name} property must have a valid dateTime.")))?;
    let zone = value.get("timeZone").and_then(Value::as_str).unwrap_or("UTC");
    if resolve_zone(zone).is_none() {
        return Err(unsupported_zone(zone));
    }
    Ok(json!({"dateTime": format_local(local), "timeZone": zone}))
}

/// Validates start, end and recurrence of a (new or patched) stored event and derives the
/// fields that follow from them.
fn settle_times(event: &mut Map<String, Value>) -> GraphResult<()> {
    let start = event.get("start").cloned().unwrap_or(Value::Null);
    let end = event.get("end").cloned().unwrap_or(Value::Null);
    if start.is_null() || end.is_null() {
        return Err(GraphError::bad_request("An event needs both a start and an end."));
    }
    let start = normalize_date_time(&start, "start")?;
    let end = normalize_date_time(&end, "end")?;
    event.insert("originalStartTimeZone".to_owned(), start["timeZone"].clone());
    event.insert("originalEndTimeZone".to_owned(), end["timeZone"].clone());
    event.insert("start".to_owned(), start);
    event.insert("end".to_owned(), end);
    let as_value = Value::Object(event.clone());
    let span = expand::event_span(&as_value, chrono_tz::Tz::UTC)
        .ok_or_else(|| GraphError::bad_request("The event has no valid start and end."))?;
    if span.end < span.start {
        return Err(GraphError::bad_request("The end of an event cannot be before its start."));
    }
    let recurrence = event.get("recurrence").cloned().unwrap_or(Value::Null);
    if recurrence.is_null() {
        event.insert("recurrence".to_owned(), Value::Null);
        event.insert("type".to_owned(), json!("singleInstance"));
    } else {
        Recurrence::parse(&recurrence).map_err(GraphError::bad_request)?;
        event.insert("type".to_owned(), json!("seriesMaster"));
    }
    Ok(())
}

fn body_preview(body: &Value) -> String {
    let content = body.get("content").and_then(Value::as_str).unwrap_or_default();
    let mut text = String::new();
    let mut in_tag = false;
    for c in content.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(255).collect()
}

pub(super) fn new_event(tenant: &mut Tenant, calendar_id: &str, input: Map<String, Value>) -> GraphResult<Value> {
    let id = tenant.mint_id("evt");
    let me = tenant.me();
    let mine = json!({"emailAddress": {
        "name": me.get("displayName").cloned().unwrap_or(Value::Null),
        "address": me.get("mail").or_else(|| me.get("userPrincipalName")).cloned().unwrap_or(Value::Null),
    }});
    // A meeting written into a colleague's calendar is theirs: they organize it.
    let owner = tenant.calendars.get(calendar_id).and_then(|c| c.get("owner").cloned()).filter(|owner| {
        let address = owner.get("address").and_then(Value::as_str).unwrap_or_default();
        !address.is_empty()
            && !mine
                .pointer("/emailAddress/address")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .eq_ignore_ascii_case(address)
    });
    let organizer = match owner {
        Some(owner) => json!({"emailAddress": owner}),
        None => mine,
    };
    let now = now_text(tenant);
    let change_key = format!("sim{}", tenant.next_id);
    let mut event = json!({
        "@odata.etag": format!("W/\"{change_key}\""),
        "id": id,
        "createdDateTime": now,
        "lastModifiedDateTime": now,
        "changeKey": change_key,
        "categories": [],
        "transactionId": null,
        "iCalUId": format!("040000008200E00074C5B7101A82E008{:032X}", tenant.next_id),
        "reminderMinutesBeforeStart": 15,
        "isReminderOn": true,
        "hasAttachments": false,
        "subject": "",
        "importance": "normal",
        "sensitivity": "normal",
        "isAllDay": false,
        "isCancelled": false,
        "isOrganizer": true,
        "responseRequested": true,
        "seriesMasterId": null,
        "showAs": "busy",
        "webLink": format!("https://outlook.office365.com/owa/?itemid={id}&exvsurl=1&path=/calendar/item"),
        "onlineMeetingUrl": null,
        "isOnlineMeeting": false,
        "onlineMeetingProvider": "unknown",
        "allowNewTimeProposals": true,
        "isDraft": false,
        "hideAttendees": false,
        "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
        "body": {"contentType": "html", "content": ""},
        "location": {"displayName": "", "locationType": "default", "uniqueIdType": "unknown"},
        "locations": [],
        "attendees": [],
        "organizer": organizer,
        "onlineMeeting": null,
        "_calendarId": calendar_id,
    });
    let map = event.as_object_mut().ok_or_else(GraphError::outlook_not_found)?;
    apply_changes(map, input);
    settle_times(map)?;
    Ok(event)
}

/// Copies the client's writable properties into a stored event.
fn apply_changes(event: &mut Map<String, Value>, input: Map<String, Value>) {
    for (key, value) in input {
        if READ_ONLY.contains(&key.as_str()) || key.starts_with('@') || key.starts_with('_') {
            continue;
        }
        let value = match key.as_str() {
            "attendees" => with_attendee_status(value),
            "body" => json!({
                "contentType": value.get("contentType").and_then(Value::as_str).unwrap_or("text").to_ascii_lowercase(),
                "content": value.get("content").cloned().unwrap_or(json!("")),
            }),
            _ => value,
        };
        event.insert(key, value);
    }
    let preview = body_preview(event.get("body").unwrap_or(&Value::Null));
    event.insert("bodyPreview".to_owned(), json!(preview));
    if let Some(location) = event.get("location").cloned()
        && location.get("displayName").and_then(Value::as_str).is_some_and(|n| !n.is_empty())
    {
        event.insert("locations".to_owned(), json!([location]));
    }
    let teams = event.get("isOnlineMeeting").and_then(Value::as_bool) == Some(true);
    if teams && event.get("onlineMeeting").is_none_or(Value::is_null) {
        let id = event.get("id").and_then(Value::as_str).unwrap_or_default();
        let join = format!("https://teams.microsoft.com/l/meetup-join/19%3ameeting_{id}%40thread.v2/0");
        event.insert("onlineMeeting".to_owned(), json!({"joinUrl": join}));
    }
}

fn with_attendee_status(attendees: Value) -> Value {
    let Value::Array(list) = attendees else { return json!([]) };
    Value::Array(
        list.into_iter()
            .map(|mut a| {
                if let Some(map) = a.as_object_mut() {
                    map.entry("type").or_insert(json!("required"));
                    map.entry("status").or_insert(json!({"response": "none", "time": "0001-01-01T00:00:00Z"}));
                }
                a
            })
            .collect(),
    )
}

pub async fn create_in_default(State(state): State<SharedState>, parts: Parts, body: Bytes) -> GraphResult<Response> {
    let calendar_id = default_calendar_id(&state.read_tenant())?;
    create(&state, &parts, &calendar_id, &body)
}

pub async fn create_in_calendar(
    State(state): State<SharedState>,
    Path(calendar_id): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    create(&state, &parts, &calendar_id, &body)
}

fn create(state: &SharedState, parts: &Parts, calendar_id: &str, body: &Bytes) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(parts))?;
    let input = parse_json_object(body)?;
    let mut tenant = state.write_tenant();
    if !tenant.calendars.contains(calendar_id) {
        return Err(GraphError::outlook_not_found());
    }
    super::access::require_editable(&tenant, calendar_id)?;
    // transactionId makes a retried POST idempotent: the first event is returned again.
    let transaction = input.get("transactionId").and_then(Value::as_str).map(str::to_owned);
    let existing = transaction
        .as_deref()
        .and_then(|t| tenant.events.iter().find(|e| e.get("transactionId").and_then(Value::as_str) == Some(t)));
    let id = match existing.and_then(|e| e.get("id").and_then(Value::as_str)) {
        Some(id) => id.to_owned(),
        None => {
            let event = new_event(&mut tenant, calendar_id, input)?;
            let id = event["id"].as_str().unwrap_or_default().to_owned();
            tenant.events.insert(event);
            super::delta::note_event(&mut tenant, &id);
            super::meeting_mail::after_create(&mut tenant, &id)?;
            id
        }
    };
    let rendered = find_event(&tenant, &id, &zone)?;
    let context = context_url(state, &tenant, "events/$entity");
    Ok(with_zone_applied(entity_response(StatusCode::CREATED, &rendered, context, &options), &zone))
}

pub async fn update_event(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let options = QueryOptions::from_uri(&requested_uri(&parts))?;
    let input = parse_json_object(&body)?;
    let mut tenant = state.write_tenant();
    super::access::require_editable_event(&tenant, &id)?;
    if !tenant.events.contains(&id) && parse_occurrence_id(&id).is_some() {
        find_event(&tenant, &id, &OutputZone::utc())?;
        let mut input = input;
        for name in ["start", "end"] {
            if let Some(value) = input.get(name) {
                let checked = normalize_date_time(value, name)?;
                input.insert(name.to_owned(), checked);
            }
        }
        exceptions::edit_occurrence(&mut tenant, &id, input)?;
        let rendered = find_event(&tenant, &id, &zone)?;
        let context = context_url(&state, &tenant, "events/$entity");
        return Ok(with_zone_applied(entity_response(StatusCode::OK, &rendered, context, &options), &zone));
    }
    tenant.next_id += 1;
    let change_key = format!("sim{}", tenant.next_id);
    let now = now_text(&tenant);
    super::delta::note_event(&mut tenant, &id);
    let event = tenant.events.get_mut(&id).ok_or_else(GraphError::outlook_not_found)?;
    let mut updated = event.as_object().cloned().unwrap_or_default();
    apply_changes(&mut updated, input);
    settle_times(&mut updated)?;
    updated.insert("lastModifiedDateTime".to_owned(), json!(now));
    updated.insert("@odata.etag".to_owned(), json!(format!("W/\"{change_key}\"")));
    updated.insert("changeKey".to_owned(), json!(change_key));
    *event = Value::Object(updated);
    let rendered = find_event(&tenant, &id, &zone)?;
    let context = context_url(&state, &tenant, "events/$entity");
    Ok(with_zone_applied(entity_response(StatusCode::OK, &rendered, context, &options), &zone))
}

/// Deleting a series master removes the series; deleting an occurrence removes that date
/// from its series (kept in the master's internal `_deletedOccurrences`).
pub async fn delete_event(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<Response> {
    let mut tenant = state.write_tenant();
    super::access::require_editable_event(&tenant, &id)?;
    if tenant.events.remove(&id).is_some() {
        super::delta::note_event(&mut tenant, &id);
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let (master_id, date) = parse_occurrence_id(&id).ok_or_else(GraphError::outlook_not_found)?;
    find_event(&tenant, &id, &OutputZone::utc())?;
    super::delta::note_event(&mut tenant, &master_id);
    let master = tenant.events.get_mut(&master_id).ok_or_else(GraphError::outlook_not_found)?;
    exceptions::remove_occurrence(master, date);
    Ok(StatusCode::NO_CONTENT.into_response())
}
