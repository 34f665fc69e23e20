//! A colleague's calendar shared with the owner (it lists in `/me/calendars` with the colleague
//! as `owner` and `canEdit: false`, as Outlook shows a calendar someone shared): it holds the
//! organizer's copies of the meetings that colleague invited the owner to, so an answer the owner
//! sends shows on the organizer's side. Seeded last, so the ids of everything else stay as they
//! were before it existed.
use std::collections::HashMap;

use serde_json::{Value, json};

use super::super::cast::Cast;
use crate::store::Tenant;

fn organizer_address(event: &Value) -> Option<&str> {
    event.pointer("/organizer/emailAddress/address").and_then(Value::as_str)
}

pub fn generate(tenant: &mut Tenant, cast: &Cast) {
    let me = cast.me();
    // The colleague who invited the owner to the most single meetings (ties: the earlier name).
    // `scan`, not `iter`: the seed's events stay JSON text until a request reads them.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for event in tenant.events.scan() {
        if event.get("isOrganizer").and_then(Value::as_bool) == Some(false)
            && event.get("type").and_then(Value::as_str) == Some("singleInstance")
            && let Some(address) = organizer_address(&event)
        {
            *counts.entry(address.to_owned()).or_default() += 1;
        }
    }
    let Some(colleague) = cast
        .directory
        .iter()
        .filter(|p| p.address != me.address)
        .max_by_key(|p| (counts.get(p.address.as_str()).copied().unwrap_or(0), std::cmp::Reverse(p.name.clone())))
    else {
        return;
    };
    let invitations: Vec<Value> = tenant
        .events
        .scan()
        .filter(|e| {
            e.get("isOrganizer").and_then(Value::as_bool) == Some(false)
                && e.get("type").and_then(Value::as_str) == Some("singleInstance")
                && organizer_address(e) == Some(colleague.address.as_str())
        })
        .map(std::borrow::Cow::into_owned)
        .collect();
    let calendar_id = tenant.mint_id("cal");
    tenant.calendars.insert(json!({
        "id": calendar_id,
        "name": colleague.name,
        "color": "lightOrange",
        "hexColor": "#f7a35c",
        "isDefaultCalendar": false,
        "changeKey": format!("sim{}", tenant.next_id),
        "canShare": false,
        "canViewPrivateItems": false,
        "canEdit": false,
        "allowedOnlineMeetingProviders": ["teamsForBusiness"],
        "defaultOnlineMeetingProvider": "unknown",
        "isTallyingResponses": false,
        "isRemovable": true,
        "owner": { "name": colleague.name, "address": colleague.address },
    }));
    for mut copy in invitations {
        let id = tenant.mint_id("evt");
        copy["id"] = json!(id);
        copy["_calendarId"] = json!(calendar_id);
        copy["isOrganizer"] = json!(true);
        copy["responseStatus"] = json!({"response": "organizer", "time": "0001-01-01T00:00:00Z"});
        tenant.events.insert_packed(copy);
    }
}

/// The colleague whose calendar is shared invites the owner to a meeting at the time of the
/// owner's first meeting after the anchor (a clash the reader marks): the organizer's copy in
/// the colleague's calendar, the owner's copy and the `eventMessageRequest` in the Inbox
/// (`meeting_mail::invite_owner`). Nothing when the tenant shares no colleague's calendar.
pub fn invite_owner(tenant: &mut Tenant, anchor: chrono::DateTime<chrono::Utc>) {
    let me = tenant.me()["mail"].as_str().unwrap_or_default().to_owned();
    let Some(colleague) =
        tenant.calendars.iter().find_map(|c| c.get("owner").filter(|o| o["address"] != me.as_str()).cloned())
    else {
        return;
    };
    let Ok(default_calendar) = crate::calendar::default_calendar_id(tenant) else { return };
    let after = anchor.format("%Y-%m-%dT%H:%M:%S").to_string();
    // The owner's first timed meeting of their own after the anchor (stored times sort as text
    // only within one zone, so the seed's home-zone ones are compared).
    let clash = tenant
        .events
        .scan()
        .filter(|e| e.get("_calendarId").and_then(Value::as_str) == Some(default_calendar.as_str()))
        .filter(|e| e["type"] == "singleInstance" && e["isAllDay"] == false && e["isCancelled"] == false)
        .filter(|e| e["start"]["timeZone"] == super::HOME_ZONE)
        .filter(|e| e["start"]["dateTime"].as_str().is_some_and(|s| s > after.as_str()))
        .min_by(|a, b| a["start"]["dateTime"].as_str().cmp(&b["start"]["dateTime"].as_str()))
        .map(std::borrow::Cow::into_owned);
    let Some(clash) = clash else { return };
    let organizer = json!({"emailAddress": colleague});
    let meeting = json!({
        "subject": "Falcon budget check-in",
        "body": {"contentType": "html", "content": "<html><body><p>Can we go through the launch budget before Friday?</p></body></html>"},
        "bodyPreview": "Can we go through the launch budget before Friday?",
        "start": clash["start"], "end": clash["end"],
        "originalStartTimeZone": super::HOME_ZONE, "originalEndTimeZone": super::HOME_ZONE,
        "isAllDay": false, "isCancelled": false, "isOnlineMeeting": false, "onlineMeetingProvider": "unknown",
        "importance": "normal", "sensitivity": "normal", "showAs": "busy", "type": "singleInstance",
        "recurrence": null, "seriesMasterId": null, "categories": [],
        "location": {"displayName": "Room 2.14", "locationType": "conferenceRoom"},
        "organizer": organizer,
        "attendees": [{"type": "required", "emailAddress": {"name": tenant.me()["displayName"], "address": me},
                       "status": {"response": "none", "time": "0001-01-01T00:00:00Z"}}],
    });
    let _ = crate::calendar::meeting_mail::invite_owner(tenant, meeting);
}
