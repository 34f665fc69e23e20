//! Invitations as Exchange delivers them (GD: resources/eventmessage.md,
//! resources/eventmessagerequest.md): when someone else organizes a meeting with the mailbox
//! owner among its attendees, the owner's calendar gets its own copy of the meeting (same
//! `iCalUId`, `isOrganizer` false, no answer yet) and the Inbox an `eventMessageRequest`
//! (`@odata.type` `#microsoft.graph.eventMessageRequest`, `meetingMessageType`
//! `meetingRequest`, the meeting's times and place) whose `event` navigation property is that
//! copy (`$expand=microsoft.graph.eventMessage/event`).
use serde_json::{Map, Value, json};

use super::default_calendar_id;
use super::find_event;
use super::time::OutputZone;
use crate::errors::GraphResult;
use crate::mail::compose::build_message;
use crate::mail::owner_recipient;
use crate::store::Tenant;

/// The `$expand` name of an eventMessage's event (a cast, then the property).
pub const EXPAND_EVENT: &str = "microsoft.graph.eventMessage/event";

fn address_of(value: &Value) -> String {
    value.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase()
}

fn owner_address(tenant: &Tenant) -> String {
    address_of(&owner_recipient(tenant))
}

/// What the owner's copy and the invitation were made as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// The meeting in the owner's default calendar.
    pub event_id: String,
    /// The eventMessageRequest in the Inbox.
    pub message_id: String,
}

/// A colleague organizes `meeting` (a stored event shape, `organizer` set to them, the owner
/// among `attendees`): the organizer's copy goes into the colleague's calendar when the tenant
/// holds one (shared with the owner), and the owner gets the meeting and the invitation.
pub fn invite_owner(tenant: &mut Tenant, mut meeting: Value) -> GraphResult<Delivered> {
    let organizer = address_of(meeting.get("organizer").unwrap_or(&Value::Null));
    let theirs = tenant
        .calendars
        .iter()
        .find(|c| address_of(&json!({"emailAddress": c.get("owner").cloned().unwrap_or(Value::Null)})) == organizer)
        .and_then(|c| c.get("id").and_then(Value::as_str).map(str::to_owned));
    if meeting.get("iCalUId").is_none_or(Value::is_null) {
        meeting["iCalUId"] = json!(format!("040000008200E00074C5B7101A82E008{:032X}", tenant.next_id + 7));
    }
    if let Some(calendar) = theirs {
        let id = tenant.mint_id("evt");
        let mut copy = meeting.clone();
        copy["id"] = json!(id);
        copy["isOrganizer"] = json!(true);
        copy["responseStatus"] = json!({"response": "organizer", "time": "0001-01-01T00:00:00Z"});
        copy["_calendarId"] = json!(calendar);
        tenant.events.insert(copy);
        super::delta::note_event(tenant, &id);
    }
    deliver_to_owner(tenant, &meeting)
}

/// The owner's copy of `meeting` and its invitation in the Inbox. Nothing when the owner is
/// not among the attendees.
pub fn deliver_to_owner(tenant: &mut Tenant, meeting: &Value) -> GraphResult<Delivered> {
    let attendees = meeting.get("attendees").and_then(Value::as_array).cloned().unwrap_or_default();
    let calendar = default_calendar_id(tenant)?;
    let event_id = tenant.mint_id("evt");
    let mut copy = meeting.clone();
    copy["id"] = json!(event_id);
    copy["isOrganizer"] = json!(false);
    copy["responseRequested"] = json!(true);
    copy["responseStatus"] = json!({"response": "notResponded", "time": "0001-01-01T00:00:00Z"});
    copy["_calendarId"] = json!(calendar);
    copy["webLink"] =
        json!(format!("https://outlook.office365.com/owa/?itemid={event_id}&exvsurl=1&path=/calendar/item"));
    tenant.events.insert(copy);
    super::delta::note_event(tenant, &event_id);

    let of_kind = |kind: &str| -> Vec<Value> {
        attendees
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str).unwrap_or("required") == kind)
            .filter_map(|a| a.get("emailAddress").map(|address| json!({"emailAddress": address})))
            .collect()
    };
    let mut input = Map::new();
    input.insert("subject".to_owned(), meeting.get("subject").cloned().unwrap_or(json!("")));
    input.insert(
        "body".to_owned(),
        meeting.get("body").cloned().unwrap_or(json!({"contentType": "text", "content": ""})),
    );
    input.insert("toRecipients".to_owned(), Value::Array(of_kind("required")));
    input.insert("ccRecipients".to_owned(), Value::Array(of_kind("optional")));
    let inbox = tenant.resolve_folder("inbox").unwrap_or_default();
    let (mut message, _) = build_message(tenant, &input, &inbox)?;
    let organizer = meeting.get("organizer").cloned().unwrap_or(Value::Null);
    let fields = json!({
        "@odata.type": "#microsoft.graph.eventMessageRequest",
        "isDraft": false,
        "isRead": false,
        "from": organizer,
        "sender": organizer,
        "meetingMessageType": "meetingRequest",
        "startDateTime": meeting.get("start").cloned().unwrap_or(Value::Null),
        "endDateTime": meeting.get("end").cloned().unwrap_or(Value::Null),
        "location": meeting.get("location").cloned().unwrap_or(Value::Null),
        "isAllDay": meeting.get("isAllDay").cloned().unwrap_or(json!(false)),
        "isOutOfDate": false,
        "isDelegated": false,
        "responseRequested": true,
        "type": meeting.get("type").cloned().unwrap_or(json!("singleInstance")),
        "recurrence": meeting.get("recurrence").cloned().unwrap_or(Value::Null),
        "sentDateTime": message.get("receivedDateTime").cloned().unwrap_or(Value::Null),
        "_eventId": event_id,
    });
    if let (Some(map), Value::Object(fields)) = (message.as_object_mut(), fields) {
        map.extend(fields);
    }
    let message_id = message.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    tenant.messages.insert(message);
    Ok(Delivered { event_id, message_id })
}

/// A meeting written into someone else's calendar (a delegate's write: that calendar's owner
/// organizes it) that lists the mailbox owner: the owner's copy and invitation follow.
pub fn after_create(tenant: &mut Tenant, event_id: &str) -> GraphResult<()> {
    let Some(event) = tenant.events.get(event_id).cloned() else { return Ok(()) };
    let me = owner_address(tenant);
    let organizer = address_of(event.get("organizer").unwrap_or(&Value::Null));
    let invited =
        event.get("attendees").and_then(Value::as_array).is_some_and(|list| list.iter().any(|a| address_of(a) == me));
    if organizer.is_empty() || organizer == me || !invited {
        return Ok(());
    }
    deliver_to_owner(tenant, &event).map(drop)
}

/// `$expand=microsoft.graph.eventMessage/event` on a message: its event, in the zone asked
/// for, when it is an eventMessage whose event is still there (other messages are left as
/// they are, as the cast does).
pub fn expand_event(view: &mut Value, stored: &Value, tenant: &Tenant, zone: &OutputZone) {
    let Some(event_id) = stored.get("_eventId").and_then(Value::as_str) else { return };
    if let (Ok(event), Some(map)) = (find_event(tenant, event_id, zone), view.as_object_mut()) {
        map.insert("event".to_owned(), crate::store::public_view(&event));
    }
}
