//! `POST /me/findMeetingTimes` (GD: user-findmeetingtimes.md, findmeetingtimes-example.md):
//! times of `meetingDuration` within `timeConstraint.timeSlots` when the organizer and every
//! attendee are free, by start, at most `maxCandidates`. Candidates start on the hour and half
//! hour; with `activityDomain` `work` (the default) only within 08:00–17:00 Monday to Friday in
//! the zone of the time slot (the simulator keeps no working hours per mailbox). With none,
//! `emptySuggestionsReason` says whose time is taken.
use axum::body::Bytes;
use axum::extract::State;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, NaiveTime, Timelike, Weekday};
use serde_json::{Value, json};

use super::expand::Span;
use super::schedule::{busy_blocks, field, instant};
use super::time::{OutputZone, parse_date_time_time_zone};
use super::with_zone_applied;
use super::writes::parse_json_object;
use crate::SharedState;
use crate::errors::{GraphError, GraphResult};

/// When `maxCandidates` is not given.
const DEFAULT_CANDIDATES: usize = 10;
const STEP_MINUTES: i64 = 30;

/// `PT1H`, `PT30M`, `PT1H30M`, `P1D`: the ISO 8601 durations Graph's examples use.
fn parse_iso_duration(text: &str) -> Option<Duration> {
    let rest = text.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut total = Duration::zero();
    if !days.is_empty() {
        total += Duration::days(days.strip_suffix('D')?.parse().ok()?);
    }
    let mut number = String::new();
    for c in time.chars() {
        match c {
            '0'..='9' => number.push(c),
            'H' | 'M' | 'S' => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                total += match c {
                    'H' => Duration::hours(n),
                    'M' => Duration::minutes(n),
                    _ => Duration::seconds(n),
                };
            }
            _ => return None,
        }
    }
    (number.is_empty() && total > Duration::zero()).then_some(total)
}

fn address_of(value: &Value) -> Option<&str> {
    value.pointer("/emailAddress/address").and_then(Value::as_str)
}

pub async fn find_meeting_times(State(state): State<SharedState>, parts: Parts, body: Bytes) -> GraphResult<Response> {
    let zone = OutputZone::from_headers(&parts.headers)?;
    let input = parse_json_object(&body)?;
    let length = match field(&input, "meetingDuration") {
        None | Some(Value::Null) => Duration::minutes(30),
        Some(value) => value
            .as_str()
            .and_then(parse_iso_duration)
            .ok_or_else(|| GraphError::bad_request("meetingDuration must be an ISO 8601 duration such as PT1H."))?,
    };
    let constraint = field(&input, "timeConstraint").cloned().unwrap_or(Value::Null);
    let work = constraint.get("activityDomain").and_then(Value::as_str).is_none_or(|d| d.eq_ignore_ascii_case("work"));
    let slots = constraint.get("timeSlots").and_then(Value::as_array).cloned().unwrap_or_default();
    if slots.is_empty() {
        return Err(GraphError::bad_request("timeConstraint.timeSlots must hold at least one time slot."));
    }
    let max = field(&input, "maxCandidates").and_then(Value::as_u64).map_or(DEFAULT_CANDIDATES, |n| n as usize);
    let attendees: Vec<Value> = field(&input, "attendees").and_then(Value::as_array).cloned().unwrap_or_default();
    let tenant = state.read_tenant();
    let me = tenant.me().get("mail").and_then(Value::as_str).unwrap_or_default().to_owned();

    let mut suggestions = Vec::new();
    let mut organizer_ever_free = false;
    for slot in &slots {
        let window = Span { start: instant(slot.get("start"), "start")?, end: instant(slot.get("end"), "end")? };
        let slot_zone = slot.get("start").and_then(parse_date_time_time_zone).map_or(zone.tz, |(_, tz)| tz);
        let busy_of = |address: &str| busy_blocks(&tenant, address, &window, &zone);
        let mine = busy_of(&me).unwrap_or_default();
        let theirs: Vec<(Value, Option<Vec<_>>)> =
            attendees.iter().map(|a| (a.clone(), address_of(a).and_then(busy_of))).collect();
        // The first candidate: the slot's start rounded up to the step, in the slot's zone.
        let local = window.start.with_timezone(&slot_zone);
        let past = i64::from(local.minute()) % STEP_MINUTES;
        let mut start = window.start + Duration::minutes(if past == 0 { 0 } else { STEP_MINUTES - past })
            - Duration::seconds(i64::from(local.second()));
        while start + length <= window.end && suggestions.len() < max {
            let candidate = Span { start, end: start + length };
            start += Duration::minutes(STEP_MINUTES);
            let (from, to) = (candidate.start.with_timezone(&slot_zone), candidate.end.with_timezone(&slot_zone));
            let weekday = !matches!(from.weekday(), Weekday::Sat | Weekday::Sun);
            let day_start = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
            let day_end = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN);
            if work
                && !(weekday
                    && from.date_naive() == to.date_naive()
                    && from.time() >= day_start
                    && to.time() <= day_end)
            {
                continue;
            }
            let free = |blocks: &[super::schedule::Busy]| !blocks.iter().any(|b| b.span.overlaps(&candidate));
            if !free(&mine) {
                continue;
            }
            organizer_ever_free = true;
            if !theirs.iter().all(|(_, blocks)| blocks.as_deref().is_some_and(free)) {
                continue;
            }
            let availability: Vec<Value> =
                theirs.iter().map(|(attendee, _)| json!({"attendee": attendee, "availability": "free"})).collect();
            suggestions.push(json!({
                "confidence": 100.0,
                "organizerAvailability": "free",
                "attendeeAvailability": availability,
                "locations": [],
                "suggestionReason": "Suggested because it is one of the nearest times when all attendees are available.",
                "meetingTimeSlot": {"start": zone.date_time_time_zone(candidate.start), "end": zone.date_time_time_zone(candidate.end)},
            }));
        }
    }
    let reason = match (suggestions.is_empty(), organizer_ever_free) {
        (false, _) => "",
        (true, false) => "organizerUnavailable",
        (true, true) => "attendeesUnavailable",
    };
    let context = format!("{}/graph/v1.0/$metadata#microsoft.graph.meetingTimeSuggestionsResult", state.urls.origin);
    let body =
        json!({"@odata.context": context, "emptySuggestionsReason": reason, "meetingTimeSuggestions": suggestions});
    Ok(with_zone_applied(axum::Json(body).into_response(), &zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_iso_durations_graph_uses() {
        assert_eq!(parse_iso_duration("PT1H"), Some(Duration::hours(1)));
        assert_eq!(parse_iso_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_iso_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_iso_duration("PT0M"), None);
        assert_eq!(parse_iso_duration("1H"), None);
        assert_eq!(parse_iso_duration("PT1X"), None);
    }
}
