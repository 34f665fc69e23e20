//! The invitation `--demo` adds: an `eventMessageRequest` at the top of the Inbox whose event is
//! the owner's copy (not answered yet) of a meeting the colleague sharing a calendar organizes,
//! at the time of another meeting of the owner's; the same every time.
use serde_json::Value;

use super::small;
use crate::seed::invite_owner;

fn invited(seed: u64) -> crate::store::Tenant {
    let mut tenant = small(seed);
    invite_owner(&mut tenant, super::anchor());
    tenant
}

#[test]
fn the_demo_invitation_waits_in_the_inbox_with_its_event_and_a_clash() {
    let tenant = invited(1);
    let inbox = tenant.resolve_folder("inbox").unwrap();
    let requests: Vec<Value> = tenant
        .messages
        .iter()
        .filter(|m| m["@odata.type"] == "#microsoft.graph.eventMessageRequest" && m["parentFolderId"] == inbox.as_str())
        .map(|m| m.into_owned())
        .collect();
    assert_eq!(requests.len(), 1, "one invitation");
    let request = &requests[0];
    assert_eq!(request["meetingMessageType"], "meetingRequest");
    assert_eq!(request["isRead"], false);
    let event = tenant.events.get(request["_eventId"].as_str().unwrap()).expect("its event behind it");
    assert_eq!(
        (event["isOrganizer"].as_bool(), event["responseStatus"]["response"].as_str()),
        (Some(false), Some("notResponded"))
    );
    let organizer = event["organizer"]["emailAddress"]["address"].clone();
    let copy = tenant.events.iter().find(|e| e["iCalUId"] == event["iCalUId"] && e["isOrganizer"] == true);
    let copy = copy.expect("the organizer's copy");
    let theirs = tenant.calendars.get(copy["_calendarId"].as_str().unwrap()).unwrap();
    assert_eq!((theirs["owner"]["address"].clone(), theirs["canEdit"].as_bool()), (organizer, Some(false)));
    let clash = tenant
        .events
        .iter()
        .filter(|e| e["start"] == event["start"] && e["id"] != event["id"] && e["id"] != copy["id"]);
    assert_eq!(clash.count(), 1, "another meeting of the owner's at the same time");
    let again = invited(1);
    assert_eq!(again.messages.len(), tenant.messages.len());
    assert!(
        again
            .messages
            .iter()
            .any(|m| m["subject"] == request["subject"] && m["receivedDateTime"] == request["receivedDateTime"])
    );
}
