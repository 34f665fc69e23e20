//! Free/busy: `POST /me/calendar/getSchedule` (GD: calendar-getschedule.md,
//! resources/scheduleinformation.md). For each address, the items that make the person busy in
//! `[startTime, endTime)` and the `availabilityView`: one digit per `availabilityViewInterval`
//! minutes (0 free or working elsewhere, 1 tentative, 2 busy, 3 out of office).
//!
//! Whose items: the mailbox owner's are the events of their default calendar; a colleague's are
//! the meetings of this tenant they organize or attend without having declined (the simulator
//! keeps no calendar of its own for each colleague).
use axum::body::Bytes;
use axum::extract::State;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::expand::{self, Span, ViewCounts};
use super::time::{OutputZone, local_to_utc, parse_date_time_time_zone};
use super::writes::parse_json_object;
use super::{default_calendar_id, with_zone_applied};
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::store::Tenant;

/// Graph's bounds for `availabilityViewInterval` (minutes); 30 when not given.
const INTERVAL_MIN: i64 = 5;
const INTERVAL_MAX: i64 = 1440;
/// At most this many schedules per request (GD: calendar-getschedule, "up to 20").
const MAX_SCHEDULES: usize = 20;

pub(crate) fn field<'a>(input: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    input.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

pub(crate) fn instant(value: Option<&Value>, name: &str) -> GraphResult<DateTime<Utc>> {
    let (local, tz) = value
        .and_then(parse_date_time_time_zone)
        .ok_or_else(|| GraphError::bad_request(format!("The {name} property must be a valid dateTimeTimeZone.")))?;
    Ok(local_to_utc(local, tz))
}

/// The availability digit for an event's `showAs`.
fn digit(show_as: &str) -> u8 {
    match show_as {
        "tentative" => 1,
        "busy" => 2,
        "oof" => 3,
        _ => 0,
    }
}

fn address_of(value: &Value) -> &str {
    value.pointer("/emailAddress/address").and_then(Value::as_str).unwrap_or_default()
}

/// Whether `event` makes `address` (not the owner) busy: organizer, or an attendee who has not
/// declined.
fn involves(event: &Value, address: &str) -> bool {
    let organizer = event.get("organizer").is_some_and(|o| address_of(o).eq_ignore_ascii_case(address));
    let attending = event.get("attendees").and_then(Value::as_array).into_iter().flatten().any(|a| {
        address_of(a).eq_ignore_ascii_case(address)
            && a.pointer("/status/response").and_then(Value::as_str) != Some("declined")
    });
    organizer || attending
}

fn is_known(tenant: &Tenant, address: &str) -> (bool, bool) {
    let matches = |u: &Value| {
        ["mail", "userPrincipalName"]
            .iter()
            .any(|k| u.get(*k).and_then(Value::as_str).is_some_and(|a| a.eq_ignore_ascii_case(address)))
    };
    let is_me = matches(tenant.me());
    (is_me, is_me || tenant.users.iter().any(matches))
}

/// One busy stretch of someone's schedule: when, its availability digit, the event drawn.
pub struct Busy {
    pub span: Span,
    pub code: u8,
    pub event: Value,
}

/// What makes `address` busy in `window` (free time left out), by start; `None` for an
/// address the tenant does not know.
pub fn busy_blocks(tenant: &Tenant, address: &str, window: &Span, zone: &OutputZone) -> Option<Vec<Busy>> {
    let (is_me, known) = is_known(tenant, address);
    if !known {
        return None;
    }
    let default = default_calendar_id(tenant).unwrap_or_default();
    let events: Vec<&Value> = tenant
        .events
        .iter()
        .filter(|e| e.get("isCancelled").and_then(Value::as_bool) != Some(true))
        .filter(|e| {
            if is_me {
                e.get("_calendarId").and_then(Value::as_str) == Some(default.as_str())
            } else {
                involves(e, address)
            }
        })
        .collect();
    let counts = ViewCounts::default();
    let mut blocks = Vec::new();
    for found in expand::in_window(&events, window, zone.tz, &counts) {
        let event = expand::render_found(&events, &found, zone, &counts);
        let code = digit(event.get("showAs").and_then(Value::as_str).unwrap_or("busy"));
        if code > 0 {
            blocks.push(Busy { span: found.span, code, event });
        }
    }
    Some(blocks)
}

fn schedule_of(tenant: &Tenant, address: &str, window: &Span, interval: Duration, zone: &OutputZone) -> Value {
    let Some(blocks) = busy_blocks(tenant, address, window, zone) else {
        return json!({
            "scheduleId": address,
            "availabilityView": "",
            "scheduleItems": [],
            "error": {"message": "The specified address could not be found.", "responseCode": "ErrorMailRecipientNotFound"},
        });
    };
    let slots = usize::try_from(
        ((window.end - window.start).num_minutes() + interval.num_minutes() - 1) / interval.num_minutes(),
    )
    .unwrap_or(0);
    let mut view = vec![0u8; slots];
    let mut items = Vec::new();
    for Busy { span, code, event } in blocks {
        for (slot, cell) in view.iter_mut().enumerate() {
            let start = window.start + interval * i32::try_from(slot).unwrap_or(i32::MAX);
            if span.overlaps(&Span { start, end: start + interval }) {
                *cell = (*cell).max(code);
            }
        }
        let private = event.get("sensitivity").and_then(Value::as_str) == Some("private");
        items.push(json!({
            "isPrivate": private,
            "status": event.get("showAs").cloned().unwrap_or(json!("busy")),
            "subject": if private { Value::Null } else { event.get("subject").cloned().unwrap_or(Value::Null) },
            "location": event.pointer("/location/displayName").cloned().unwrap_or(Value::Null),
            "start": zone.date_time_time_zone(span.start),
            "end": zone.date_time_time_zone(span.end),
        }));
    }
    json!({
        "scheduleId": address,
        "availabilityView": view.iter().map(|d| char::from(b'0' + d)).collect::<String>(),
        "scheduleItems": items,
    })
}

pub async fn get_schedule(State(state): State<SharedState>, parts: Parts, body: Bytes) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let input = parse_json_object(&body)?;
    let schedules: Vec<String> = field(&input, "schedules")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if schedules.is_empty() || schedules.len() > MAX_SCHEDULES {
        return Err(GraphError::bad_request(format!("Between 1 and {MAX_SCHEDULES} schedules are required.")));
    }
    let window = Span {
        start: instant(field(&input, "startTime"), "startTime")?,
        end: instant(field(&input, "endTime"), "endTime")?,
    };
    if window.end <= window.start || window.end - window.start > Duration::days(62) {
        return Err(GraphError::bad_request("The time window must end after it starts and span at most 62 days."));
    }
    let minutes = match field(&input, "availabilityViewInterval") {
        None | Some(Value::Null) => 30,
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        // The documentation's own example sends the number as a string.
        Some(Value::String(text)) => text.trim().parse().unwrap_or(0),
        Some(_) => 0,
    };
    if !(INTERVAL_MIN..=INTERVAL_MAX).contains(&minutes) {
        return Err(GraphError::bad_request(format!(
            "availabilityViewInterval must be between {INTERVAL_MIN} and {INTERVAL_MAX} minutes."
        )));
    }
    let tenant = state.read_tenant();
    let value: Vec<Value> =
        schedules.iter().map(|a| schedule_of(&tenant, a, &window, Duration::minutes(minutes), &zone)).collect();
    let context = format!("{}/graph/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)", state.urls.origin);
    let body = json!({"@odata.context": context, "value": value});
    Ok(with_zone_applied(axum::Json(body).into_response(), &zone))
}
