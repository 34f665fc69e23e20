//! An event as text for a terminal (`o365 calendar show`): when in the user's zone (and in the
//! event's own zone when that differs), where, the Teams link, organizer, attendees with their
//! answers, the description. Everything that leaves here is sanitised.
use chrono::{DateTime, FixedOffset, Offset, TimeZone};
use chrono_tz::Tz;

use super::{body_text, mailbox};
use crate::domain::time_zones::{format_in_zone, resolve_zone};
use crate::domain::{AttendeeType, Event, EventTime, ResponseType};
use crate::sanitize;

/// How an answer reads.
pub fn response_word(response: Option<&ResponseType>) -> &'static str {
    match response {
        Some(ResponseType::Accepted) => "accepted",
        Some(ResponseType::TentativelyAccepted) => "tentative",
        Some(ResponseType::Declined) => "declined",
        Some(ResponseType::Organizer) => "organizer",
        _ => "no answer yet",
    }
}

fn offset(zone: &Tz, at: &DateTime<FixedOffset>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

/// The time line: `Mon 2026-03-23 09:00–09:30 CET`, all-day events by their dates. When the
/// event was made in another zone whose clock differs, its own times follow in brackets.
pub fn when_text(event: &Event, zone: &Tz, own_zone: Option<&str>) -> String {
    match &event.time {
        Some(EventTime::AllDay { start, end_exclusive }) => {
            let last = end_exclusive.pred_opt().unwrap_or(*start);
            if last == *start {
                format!("{} (all day)", start.format("%a %Y-%m-%d"))
            } else {
                format!("{} – {} (all day)", start.format("%a %Y-%m-%d"), last.format("%a %Y-%m-%d"))
            }
        }
        Some(EventTime::Timed { start, end }) => {
            let span = |z: &Tz| {
                let same_day = start.with_timezone(z).date_naive() == end.with_timezone(z).date_naive();
                let end_format = if same_day { "%H:%M %Z" } else { "%a %Y-%m-%d %H:%M %Z" };
                format!("{}–{}", format_in_zone(start, z, "%a %Y-%m-%d %H:%M"), format_in_zone(end, z, end_format))
            };
            let mine = span(zone);
            match own_zone.and_then(resolve_zone) {
                Some(own) if offset(&own, start) != offset(zone, start) => {
                    format!("{mine} ({} in {})", span(&own), own.name())
                }
                _ => mine,
            }
        }
        None => String::new(),
    }
}

/// The whole event as `o365 calendar show` prints it.
pub fn event_text(event: &Event, zone: &Tz, own_zone: Option<&str>, width: usize) -> String {
    let mut lines: Vec<(&str, String)> = vec![
        ("Subject:", event.subject.clone()),
        ("When:", when_text(event, zone, own_zone)),
        ("Location:", event.location.clone().unwrap_or_default()),
        ("Teams:", event.online_meeting_url.clone().unwrap_or_default()),
        ("Organizer:", event.organizer.as_ref().map(mailbox).unwrap_or_default()),
        ("Series:", if event.is_recurring { "part of a recurring series".to_owned() } else { String::new() }),
        ("Cancelled:", if event.is_cancelled { "yes".to_owned() } else { String::new() }),
        ("Categories:", event.categories.join(", ")),
    ];
    if !event.is_organizer && event.organizer.is_some() {
        lines.push(("Your answer:", response_word(event.my_response.as_ref()).to_owned()));
    }
    let mut text = String::new();
    for (name, value) in lines.into_iter().filter(|(_, v)| !v.is_empty()) {
        text.push_str(&format!("{name:<12} {}\n", sanitize::line(&value)));
    }
    if !event.attendees.is_empty() {
        text.push_str("Attendees:\n");
        for attendee in &event.attendees {
            let kind = match attendee.kind {
                Some(AttendeeType::Optional) => " (optional)",
                Some(AttendeeType::Resource) => " (resource)",
                _ => "",
            };
            let who = sanitize::line(&mailbox(&attendee.mailbox)).into_owned();
            text.push_str(&format!("  {who}{kind}: {}\n", response_word(attendee.response.as_ref())));
        }
    }
    if let Some(body) = &event.body {
        let body = body_text(body, width);
        if !body.trim().is_empty() {
            text.push('\n');
            text.push_str(&body);
        }
    }
    text
}

/// An event's subject for a line: sanitised, "(no subject)" when empty, ✕ when cancelled.
pub fn subject_line(event: &Event) -> String {
    let text = if event.subject.is_empty() { "(no subject)".into() } else { sanitize::line(&event.subject) };
    if event.is_cancelled { format!("✕ {text}") } else { text.into_owned() }
}
