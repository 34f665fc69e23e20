//! A Microsoft 365 group the owner belongs to, with its calendar (`/groups/{id}/calendar`):
//! a weekly team sync, a review and an offsite around the anchor. A security group beside it is
//! not a Microsoft 365 group (no `Unified` in `groupTypes`) and has no calendar. Seeded after
//! everything else, so no other id changes.
use chrono::{DateTime, Duration, Utc, Weekday};
use serde_json::json;

use super::super::cast::Cast;
use super::super::rng::Rng;
use super::super::shape::iso;
use super::series::{at, next_weekday, pattern, range};
use super::{Ctx, HOME_ZONE, Spec, event, midnight};
use crate::store::Tenant;

pub const GROUP_NAME: &str = "Falcon Launch";

pub fn generate(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>) {
    let mut rng = Rng::stream(seed, "groups");
    let domain = tenant.domain.clone();
    let group_id = rng.guid();
    let mail = format!("falconlaunch@{domain}");
    tenant.groups.insert(json!({
        "@odata.type": "#microsoft.graph.group",
        "id": group_id,
        "displayName": GROUP_NAME,
        "description": "Everyone working on the Falcon launch",
        "mail": mail,
        "mailNickname": "falconlaunch",
        "mailEnabled": true,
        "securityEnabled": false,
        "groupTypes": ["Unified"],
        "visibility": "Private",
        "createdDateTime": iso(anchor - Duration::days(200)),
    }));
    tenant.groups.insert(json!({
        "@odata.type": "#microsoft.graph.group",
        "id": rng.guid(),
        "displayName": "Redmond office staff",
        "description": "Building access",
        "mail": null,
        "mailNickname": "redmondstaff",
        "mailEnabled": false,
        "securityEnabled": true,
        "groupTypes": [],
        "visibility": null,
        "createdDateTime": iso(anchor - Duration::days(900)),
    }));
    let calendar_id = tenant.mint_id("cal");
    tenant.group_calendars.insert(json!({
        "id": calendar_id,
        "name": "Calendar",
        "color": "lightTeal",
        "hexColor": "#3ab0a8",
        "isDefaultCalendar": true,
        "changeKey": rng.change_key(),
        "canShare": false,
        "canViewPrivateItems": true,
        "canEdit": true,
        "allowedOnlineMeetingProviders": ["teamsForBusiness"],
        "defaultOnlineMeetingProvider": "teamsForBusiness",
        "isTallyingResponses": false,
        "isRemovable": false,
        "owner": { "name": GROUP_NAME, "address": mail },
        "_groupId": group_id,
    }));
    let mut group = cast.me().clone();
    (group.name, group.address, group.user_id) = (GROUP_NAME.to_owned(), mail, None);
    let today = anchor.date_naive();
    let mut ctx = Ctx { tenant, rng, cast, anchor };
    let first_sync = next_weekday(today - Duration::days(28), Weekday::Tue);
    let sync = pattern("weekly", 1, &[Weekday::Tue], 0, 0, "first");
    let meetings = [
        (
            "Falcon sync",
            at(first_sync, 10, 0),
            45,
            Some(json!({"pattern": sync, "range": range("noEnd", first_sync, None, 0, HOME_ZONE)})),
        ),
        ("Falcon launch review", at(today + Duration::days(2), 14, 0), 60, None),
        ("Falcon design walkthrough", at(today - Duration::days(1), 13, 30), 90, None),
    ];
    for (subject, start, minutes, recurrence) in meetings {
        let spec = group_spec(&calendar_id, subject, &group, start, start + Duration::minutes(minutes), false);
        keep_in_group(&mut ctx, Spec { recurrence, online: true, ..spec });
    }
    let offsite = today + Duration::days(9);
    let spec = group_spec(
        &calendar_id,
        "Falcon offsite",
        &group,
        midnight(offsite),
        midnight(offsite + Duration::days(2)),
        true,
    );
    keep_in_group(&mut ctx, spec);
}

fn group_spec<'a>(
    calendar: &'a str,
    subject: &str,
    organizer: &'a super::super::cast::Person,
    start: chrono::NaiveDateTime,
    end: chrono::NaiveDateTime,
    all_day: bool,
) -> Spec<'a> {
    Spec {
        calendar,
        subject: subject.to_owned(),
        start,
        end,
        zone: HOME_ZONE,
        all_day,
        recurrence: None,
        organizer,
        attendees: vec![],
        online: false,
        room: None,
        show_as: if all_day { "free" } else { "busy" },
        sensitivity: "normal",
        importance: "normal",
        categories: vec![],
        cancelled: false,
    }
}

/// `event` files into the owner's events; a group's go into the group's own collection.
fn keep_in_group(ctx: &mut Ctx, spec: Spec) {
    let id = event(ctx, spec);
    if let Some(stored) = ctx.tenant.events.remove(&id) {
        ctx.tenant.group_events.insert(stored);
    }
}
