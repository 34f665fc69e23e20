//! Meetings between people: an attendee's answer (accept, tentativelyAccept, decline: 202 with
//! `comment` and `sendResponse`, GD: event-accept.md) and the organizer's cancel (202 with
//! `Comment`, GD: event-cancel.md). An answer sent is recorded on the organizer's copy of the
//! meeting when it is in this tenant (same `iCalUId`, `isOrganizer`), and leaves the answer mail
//! in Sent Items; a cancel removes the meeting (or the one occurrence) and leaves the
//! cancellation in Sent Items.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::exceptions;
use super::expand::parse_occurrence_id;
use super::find_event;
use super::time::OutputZone;
use super::writes::parse_json_object;
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::mail::compose::{build_message, deliver};
use crate::mail::owner_recipient;
use crate::store::Tenant;

/// The request body of an answer: `comment` (optional) and `sendResponse` (default true).
struct Answer {
    comment: String,
    send: bool,
}

fn read_answer(body: &Bytes) -> GraphResult<Answer> {
    if body.is_empty() {
        return Ok(Answer { comment: String::new(), send: true });
    }
    let input = parse_json_object(body)?;
    let field = |name: &str| input.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let comment = match field("comment") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err(GraphError::bad_request("The 'comment' parameter must be a string.")),
    };
    let send = match field("sendResponse") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(send)) => *send,
        Some(_) => return Err(GraphError::bad_request("The 'sendResponse' parameter must be a boolean.")),
    };
    Ok(Answer { comment, send })
}

/// The stored event behind `id` (itself, or the master of an occurrence id).
fn stored_id(tenant: &Tenant, id: &str) -> GraphResult<String> {
    if tenant.events.contains(id) {
        return Ok(id.to_owned());
    }
    find_event(tenant, id, &OutputZone::utc())?;
    parse_occurrence_id(id).map(|(master, _)| master).ok_or_else(GraphError::outlook_not_found)
}

fn text(event: &Value, pointer: &str) -> String {
    event.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Leaves a meeting mail (an answer or a cancellation) in Sent Items, addressed to `to`.
fn send_meeting_mail(tenant: &mut Tenant, subject: String, comment: &str, to: Vec<Value>) -> GraphResult<()> {
    if to.is_empty() {
        return Ok(());
    }
    let mut input = Map::new();
    input.insert("subject".to_owned(), json!(subject));
    input.insert("body".to_owned(), json!({"contentType": "text", "content": comment}));
    input.insert("toRecipients".to_owned(), Value::Array(to));
    let sent = tenant.resolve_folder("sentitems").unwrap_or_default();
    let (message, attachments) = build_message(tenant, &input, &sent)?;
    deliver(tenant, message, attachments, true)
}

/// Sets the owner's answer on the organizer's copy of the meeting, if the tenant holds it.
fn record_on_organizer_copy(tenant: &mut Tenant, ical_uid: &str, response: &str, now: &str) {
    let me = text(&owner_recipient(tenant), "/emailAddress/address");
    let copy_id = tenant
        .events
        .iter()
        .find(|e| {
            e.get("iCalUId").and_then(Value::as_str) == Some(ical_uid)
                && e.get("isOrganizer").and_then(Value::as_bool) == Some(true)
        })
        .and_then(|e| e.get("id").and_then(Value::as_str).map(str::to_owned));
    if let Some(id) = &copy_id {
        super::delta::note_event(tenant, id);
    }
    let Some(copy) = copy_id.and_then(|id| tenant.events.get_mut(&id)) else { return };
    for attendee in copy.get_mut("attendees").and_then(Value::as_array_mut).into_iter().flatten() {
        let address = attendee.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or_default();
        if address.eq_ignore_ascii_case(&me) {
            attendee["status"] = json!({"response": response, "time": now});
        }
    }
}

fn respond(state: &SharedState, id: &str, body: &Bytes, response: &str, verb: &str) -> GraphResult<Response> {
    let answer = read_answer(body)?;
    let mut tenant = state.write_tenant();
    let target = stored_id(&tenant, id)?;
    super::access::require_editable_event(&tenant, &target)?;
    let now = tenant.clock.now_text();
    let event = tenant.events.get(&target).cloned().ok_or_else(GraphError::outlook_not_found)?;
    if event.get("isOrganizer").and_then(Value::as_bool) == Some(true) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidRequest",
            "Your request can't be completed. You can't respond to a meeting you organized.",
        ));
    }
    let status = json!({"response": response, "time": now});
    super::delta::note_event(&mut tenant, &target);
    if target == id {
        if let Some(stored) = tenant.events.get_mut(&target) {
            stored["responseStatus"] = status;
        }
    } else {
        // An answer to one occurrence makes it an exception with its own answer.
        let mut change = Map::new();
        change.insert("responseStatus".to_owned(), status);
        exceptions::edit_occurrence(&mut tenant, id, change)?;
    }
    if answer.send {
        record_on_organizer_copy(&mut tenant, &text(&event, "/iCalUId"), response, &now);
        let organizer = event.get("organizer").cloned().into_iter().collect();
        send_meeting_mail(&mut tenant, format!("{verb}: {}", text(&event, "/subject")), &answer.comment, organizer)?;
    }
    Ok(StatusCode::ACCEPTED.into_response())
}

pub async fn accept(State(state): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<Response> {
    respond(&state, &id, &body, "accepted", "Accepted")
}

pub async fn tentatively_accept(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    respond(&state, &id, &body, "tentativelyAccepted", "Tentative")
}

pub async fn decline(State(state): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<Response> {
    respond(&state, &id, &body, "declined", "Declined")
}

/// `POST /me/events/{id}/cancel` `{"Comment": "..."}`: the organizer only; the meeting (or the
/// occurrence) leaves the calendar and the attendees are sent the comment.
pub async fn cancel(State(state): State<SharedState>, Path(id): Path<String>, body: Bytes) -> GraphResult<Response> {
    let comment = if body.is_empty() {
        String::new()
    } else {
        let input = parse_json_object(&body)?;
        let value = input.iter().find(|(k, _)| k.eq_ignore_ascii_case("comment")).map(|(_, v)| v);
        value.and_then(Value::as_str).unwrap_or_default().to_owned()
    };
    let mut tenant = state.write_tenant();
    let target = stored_id(&tenant, &id)?;
    super::access::require_editable_event(&tenant, &target)?;
    let event = tenant.events.get(&target).cloned().ok_or_else(GraphError::outlook_not_found)?;
    if event.get("isOrganizer").and_then(Value::as_bool) != Some(true) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorAccessDenied",
            "Your request can't be completed. You need to be an organizer to cancel a meeting.",
        ));
    }
    super::delta::note_event(&mut tenant, &target);
    if target == id {
        tenant.events.remove(&target);
    } else if let (Some((_, date)), Some(master)) = (parse_occurrence_id(&id), tenant.events.get_mut(&target)) {
        exceptions::remove_occurrence(master, date);
    }
    let attendees: Vec<Value> = event
        .get("attendees")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("emailAddress").map(|address| json!({"emailAddress": address})))
        .collect();
    send_meeting_mail(&mut tenant, format!("Canceled: {}", text(&event, "/subject")), &comment, attendees)?;
    Ok(StatusCode::ACCEPTED.into_response())
}
