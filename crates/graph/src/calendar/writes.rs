//! Event writes (graph-facts §3.4): create in a calendar, change (an occurrence id changes that
//! occurrence only, the series master id the whole series), delete, cancel (the organizer, with
//! a message to the attendees) and answers to invitations. Creates are POSTs with a
//! `transactionId`, so a retry after a lost answer returns the first event, not a second one.
use super::super::client::{GraphClient, to_body};
use super::super::dto::{CancelRequest, Event, EventDraft, EventResponseRequest};
use super::super::encode::encode_segment;
use super::super::error::GraphResult;
use super::super::request::Request;

/// How an attendee answers an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventAnswer {
    Accept,
    Tentative,
    Decline,
}

impl EventAnswer {
    /// The action's path segment.
    pub fn action(self) -> &'static str {
        match self {
            EventAnswer::Accept => "accept",
            EventAnswer::Tentative => "tentativelyAccept",
            EventAnswer::Decline => "decline",
        }
    }
}

fn event_path(client: &GraphClient, id: &str) -> String {
    client.resource_path(&format!("events/{}", encode_segment(id)))
}

/// `POST /me/events` (the default calendar) or `/me/calendars/{id}/events` → 201 with the event.
pub async fn create_event(client: &GraphClient, calendar_id: Option<&str>, draft: &EventDraft) -> GraphResult<Event> {
    let path = match calendar_id {
        Some(id) => client.resource_path(&format!("calendars/{}/events", encode_segment(id))),
        None => client.resource_path("events"),
    };
    let mut draft = draft.clone();
    if draft.transaction_id.is_none() {
        draft.transaction_id = Some(uuid::Uuid::new_v4().to_string());
    }
    client.json(Request::post(path).with_json(to_body(&draft)?)).await
}

/// `PATCH /me/events/{id}` → 200 with the event as it now is. Only the fields set in `changes`
/// are sent.
pub async fn update_event(client: &GraphClient, id: &str, changes: &EventDraft) -> GraphResult<Event> {
    client.json(Request::patch(event_path(client, id)).with_json(to_body(changes)?)).await
}

/// `DELETE /me/events/{id}` → 204. An occurrence id removes that occurrence only.
pub async fn delete_event(client: &GraphClient, id: &str) -> GraphResult<()> {
    client.send(Request::delete(event_path(client, id))).await.map(drop)
}

/// `POST /me/events/{id}/cancel` → 202: the organizer calls the meeting (or one occurrence) off
/// and the attendees get `comment`. An attendee gets a 400.
pub async fn cancel_event(client: &GraphClient, id: &str, comment: Option<&str>) -> GraphResult<()> {
    let body = to_body(&CancelRequest { comment: comment.map(str::to_owned) })?;
    client.send(Request::post(format!("{}/cancel", event_path(client, id))).with_json(body)).await.map(drop)
}

/// `POST /me/events/{id}/accept|tentativelyAccept|decline` → 202. `send` false answers without
/// telling the organizer.
pub async fn respond_to_event(
    client: &GraphClient,
    id: &str,
    answer: EventAnswer,
    comment: Option<&str>,
    send: bool,
) -> GraphResult<()> {
    let body = to_body(&EventResponseRequest { comment: comment.map(str::to_owned), send_response: Some(send) })?;
    let path = format!("{}/{}", event_path(client, id), answer.action());
    client.send(Request::post(path).with_json(body)).await.map(drop)
}
