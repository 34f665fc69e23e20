//! The owner's calendars and events (graph-facts §3.4, §4.4): single meetings around the anchor,
//! all-day and multi-zone ones, holidays, and recurring series (see `series`).
//!
//! `start`/`end` are stored in the event's own zone with `originalStartTimeZone` naming it; the
//! calendar endpoints convert to the caller's zone.
pub mod group;
mod series;
pub mod shared;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde_json::{Value, json};

use super::cast::{Cast, Person};
use super::rng::Rng;
use super::shape::{date_time_zone, escape_html, iso, preview, recipient, weak_etag};
use super::text::{EVENT_SUBJECTS, SENTENCES, WEEKDAYS, fill};
use super::words::{PROJECTS, ROOMS};
use crate::store::Tenant;

/// The only zones the seed uses (Windows names, as Graph reports them).
pub const ZONES: &[&str] = &[
    "UTC",
    "Pacific Standard Time",
    "Eastern Standard Time",
    "GMT Standard Time",
    "W. Europe Standard Time",
    "India Standard Time",
    "Tokyo Standard Time",
    "AUS Eastern Standard Time",
];
/// The owner works in Redmond.
pub const HOME_ZONE: &str = "Pacific Standard Time";

/// What differs between events; `event` turns it into the Graph object.
pub struct Spec<'a> {
    pub calendar: &'a str,
    pub subject: String,
    /// Wall-clock start and end in `zone`.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub zone: &'static str,
    pub all_day: bool,
    pub recurrence: Option<Value>,
    pub organizer: &'a Person,
    pub attendees: Vec<&'a Person>,
    pub online: bool,
    pub room: Option<&'static str>,
    pub show_as: &'static str,
    pub sensitivity: &'static str,
    pub importance: &'static str,
    pub categories: Vec<&'static str>,
    pub cancelled: bool,
}

pub struct Ctx<'a> {
    pub tenant: &'a mut Tenant,
    pub rng: Rng,
    pub cast: &'a Cast,
    pub anchor: DateTime<Utc>,
}

fn attendee_status(rng: &mut Rng, created: DateTime<Utc>) -> Value {
    let response = rng.pick(&["accepted", "accepted", "accepted", "tentativelyAccepted", "declined", "none"]);
    let time = if response == "none" {
        "0001-01-01T00:00:00Z".to_owned()
    } else {
        iso(created + Duration::hours(rng.range(1, 48)))
    };
    json!({ "response": response, "time": time })
}

/// Builds, stores and returns the id of one event.
pub fn event(ctx: &mut Ctx, spec: Spec) -> String {
    let rng = &mut ctx.rng;
    let id = ctx.tenant.mint_id("evt");
    let me = ctx.cast.me();
    let is_organizer = spec.organizer.address == me.address;
    let created = ctx.anchor - Duration::days(rng.range(35, 120)) - Duration::minutes(rng.range(0, 1440));
    let modified = created + Duration::minutes(rng.range(1, 60 * 24 * 20));
    let change_key = rng.change_key();
    let project = rng.pick(PROJECTS);
    let agenda = fill(rng.pick(SENTENCES), project, rng.range(2, 40) as u64, rng.pick(WEEKDAYS));
    let mut text = format!("Agenda: {agenda}");
    let mut html = format!("<html><body><p>Agenda:</p><p>{}</p>", escape_html(&agenda));
    let join_url = spec.online.then(|| {
        format!(
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_{}%40thread.v2/0?context=%7b%22Tid%22%3a%22{}%22%2c%22Oid%22%3a%22{}%22%7d",
            rng.hex(18),
            ctx.tenant.tenant_id,
            ctx.tenant.me_id
        )
    });
    if let Some(url) = &join_url {
        html.push_str(&format!("<p><a href=\"{url}\">Join the meeting now</a></p>"));
        text.push_str(" Microsoft Teams meeting Join the meeting now");
    }
    html.push_str("</body></html>");
    let mut attendees: Vec<Value> = Vec::new();
    let mut my_response = json!({ "response": "organizer", "time": "0001-01-01T00:00:00Z" });
    for p in &spec.attendees {
        let status = if p.address == me.address {
            let s = attendee_status(rng, created);
            my_response = s.clone();
            s
        } else {
            attendee_status(rng, created)
        };
        let kind = if rng.chance(0.8) { "required" } else { "optional" };
        attendees.push(json!({ "type": kind, "status": status, "emailAddress": recipient(p)["emailAddress"] }));
    }
    let (location, locations) = match spec.room {
        Some(room) => {
            let l = json!({ "displayName": room, "locationType": "conferenceRoom", "uniqueId": room, "uniqueIdType": "private" });
            (l.clone(), json!([l]))
        }
        None if spec.online => {
            let l = json!({ "displayName": "Microsoft Teams Meeting", "locationType": "default", "uniqueId": "Microsoft Teams Meeting", "uniqueIdType": "private" });
            (l.clone(), json!([l]))
        }
        None => (json!({ "displayName": "", "locationType": "default", "uniqueIdType": "unknown" }), json!([])),
    };
    let type_name = if spec.recurrence.is_some() { "seriesMaster" } else { "singleInstance" };
    let reminder_on = !spec.all_day && rng.chance(0.9);
    let subject = if spec.cancelled { format!("Canceled: {}", spec.subject) } else { spec.subject };
    let ical = format!("040000008200E00074C5B7101A82E00800000000{}00000000000000001000000{}", rng.hex(8), rng.hex(16));
    let mut value = json!({
        "@odata.etag": weak_etag(&change_key),
        "id": id,
        "createdDateTime": iso(created),
        "lastModifiedDateTime": iso(modified),
        "changeKey": change_key,
        "categories": spec.categories,
        "transactionId": null,
        "originalStartTimeZone": spec.zone,
        "originalEndTimeZone": spec.zone,
        "iCalUId": ical,
        "reminderMinutesBeforeStart": if spec.all_day { 1080 } else { 15 },
        "isReminderOn": reminder_on,
        "hasAttachments": false,
        "subject": subject,
        "bodyPreview": preview(&text),
        "importance": spec.importance,
        "sensitivity": spec.sensitivity,
        "isAllDay": spec.all_day,
    });
    // Two halves: one json! literal this size exceeds the macro recursion limit.
    let rest = json!({
        "isCancelled": spec.cancelled,
        "isOrganizer": is_organizer,
        "responseRequested": true,
        "seriesMasterId": null,
        "showAs": spec.show_as,
        "type": type_name,
        "webLink": format!("https://outlook.office365.com/owa/?itemid={id}&exvsurl=1&path=/calendar/item"),
        "onlineMeetingUrl": null,
        "isOnlineMeeting": spec.online,
        "onlineMeetingProvider": if spec.online { "teamsForBusiness" } else { "unknown" },
        "allowNewTimeProposals": true,
        "isDraft": false,
        "hideAttendees": false,
        "responseStatus": my_response,
        "body": { "contentType": "html", "content": html },
        "start": date_time_zone(spec.start, spec.zone),
        "end": date_time_zone(spec.end, spec.zone),
        "location": location,
        "locations": locations,
        "recurrence": spec.recurrence,
        "attendees": attendees,
        "organizer": recipient(spec.organizer),
        "onlineMeeting": join_url.map(|u| json!({ "joinUrl": u })),
        "_calendarId": spec.calendar,
    });
    if let (Some(all), Value::Object(rest)) = (value.as_object_mut(), rest) {
        all.extend(rest);
    }
    ctx.tenant.events.insert_packed(value);
    id
}

#[allow(clippy::too_many_arguments)] // one line per calendar reads better than a builder
fn calendar(
    tenant: &mut Tenant,
    rng: &mut Rng,
    me: &Person,
    name: &str,
    color: &str,
    hex: &str,
    default: bool,
    editable: bool,
) -> String {
    let id = tenant.mint_id("cal");
    tenant.calendars.insert(json!({
        "id": id,
        "name": name,
        "color": color,
        "hexColor": hex,
        "isDefaultCalendar": default,
        "changeKey": rng.change_key(),
        "canShare": editable,
        "canViewPrivateItems": true,
        "canEdit": editable,
        "allowedOnlineMeetingProviders": ["teamsForBusiness"],
        "defaultOnlineMeetingProvider": if editable { "teamsForBusiness" } else { "unknown" },
        "isTallyingResponses": editable,
        "isRemovable": !default,
        "owner": { "name": me.name, "address": me.address },
    }));
    id
}

/// Calendar ids the generator files events into.
pub struct Calendars {
    pub main: String,
    pub birthdays: String,
    pub holidays: String,
    pub team: String,
}

pub fn generate(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>) {
    let mut rng = Rng::stream(seed, "calendar");
    let me = cast.me();
    let calendars = Calendars {
        main: calendar(tenant, &mut rng, me, "Calendar", "auto", "", true, true),
        birthdays: calendar(tenant, &mut rng, me, "Birthdays", "lightGreen", "#87d28e", false, true),
        holidays: calendar(tenant, &mut rng, me, "United States holidays", "lightYellow", "#fcde61", false, false),
        team: calendar(tenant, &mut rng, me, "Team", "lightBlue", "#4b9ce5", false, true),
    };
    let mut ctx = Ctx { tenant, rng, cast, anchor };
    singles(&mut ctx, &calendars, 150);
    holidays(&mut ctx, &calendars.holidays);
    series::generate(&mut ctx, &calendars);
}

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

/// Meetings from anchor−30 days to anchor+60 days, in several zones; some all day.
fn singles(ctx: &mut Ctx, calendars: &Calendars, count: usize) {
    let cast = ctx.cast;
    let today = ctx.anchor.date_naive();
    for i in 0..count {
        let date = today + Duration::days(ctx.rng.range(-30, 61));
        let rng = &mut ctx.rng;
        let zone = if rng.chance(0.65) { HOME_ZONE } else { rng.pick(ZONES) };
        let all_day = i % 12 == 5;
        let (start, end) = if all_day {
            (midnight(date), midnight(date + Duration::days(rng.range(1, 4))))
        } else {
            let start = midnight(date) + Duration::minutes(rng.range(16, 36) * 30);
            (start, start + Duration::minutes(rng.pick(&[30, 30, 45, 60, 60, 90])))
        };
        let project = rng.pick(PROJECTS);
        let subject = fill(rng.pick(EVENT_SUBJECTS), project, 1, "Monday");
        let me = cast.me();
        let organizer = if rng.chance(0.4) { me } else { &cast.directory[1 + rng.below(cast.directory.len() - 1)] };
        let mut attendees = vec![me];
        for _ in 0..rng.range(1, 6) {
            let p = if rng.chance(0.7) {
                &cast.directory[1 + rng.below(cast.directory.len() - 1)]
            } else {
                &cast.externals[rng.below(cast.externals.len())]
            };
            if p.address != organizer.address && !attendees.iter().any(|a| a.address == p.address) {
                attendees.push(p);
            }
        }
        attendees.retain(|a| a.address != organizer.address);
        let online = !all_day && rng.chance(0.6);
        let room = (!all_day && (!online || rng.chance(0.3))).then(|| rng.pick(ROOMS));
        let spec = Spec {
            calendar: if i % 8 == 3 { &calendars.team } else { &calendars.main },
            subject: if all_day { format!("{project} offsite") } else { subject },
            start,
            end,
            zone,
            all_day,
            recurrence: None,
            organizer,
            attendees: if all_day { vec![] } else { attendees },
            online,
            room,
            show_as: if all_day {
                "oof"
            } else {
                rng.pick(&["busy", "busy", "busy", "tentative", "free", "workingElsewhere"])
            },
            sensitivity: if rng.chance(0.05) { "private" } else { "normal" },
            importance: if rng.chance(0.08) { "high" } else { "normal" },
            categories: if rng.chance(0.15) {
                vec![rng.pick(&["Blue category", "Red category", "Green category"])]
            } else {
                vec![]
            },
            cancelled: i % 37 == 11,
        };
        event(ctx, spec);
    }
}

/// Fixed-date US holidays in the anchor's year and the next, all day.
fn holidays(ctx: &mut Ctx, calendar: &str) {
    use chrono::Datelike;
    let year = ctx.anchor.year();
    let me = ctx.cast.me();
    for y in [year, year + 1] {
        for (m, d, name) in [
            (1, 1, "New Year's Day"),
            (6, 19, "Juneteenth"),
            (7, 4, "Independence Day"),
            (11, 11, "Veterans Day"),
            (12, 25, "Christmas Day"),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
            let spec = Spec {
                calendar,
                subject: name.to_owned(),
                start: midnight(date),
                end: midnight(date + Duration::days(1)),
                zone: HOME_ZONE,
                all_day: true,
                recurrence: None,
                organizer: me,
                attendees: vec![],
                online: false,
                room: None,
                show_as: "free",
                sensitivity: "normal",
                importance: "normal",
                categories: vec!["Holiday"],
                cancelled: false,
            };
            event(ctx, spec);
        }
    }
}
