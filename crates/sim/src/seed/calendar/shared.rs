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
