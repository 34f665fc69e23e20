//! Pure building of the calendar pane's content: events grouped into day rows in the user's
//! zone (all-day ones first), and an event's detail lines for a width.
use chrono::{NaiveDate, TimeDelta};
use chrono_tz::Tz;

use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime, ResponseType};
use crate::human::text::wrap;
use crate::render;
use crate::sanitize;
use crate::tui::store::calendar::AGENDA_DAYS;
use crate::tui::store::filter::ListFilter;
use crate::tui::store::{Agenda, AgendaRow, DetailDoc};

/// Groups `events` into the days of the window starting at `week_start`. An all-day event is
/// listed under every day it covers; a timed one under every day it touches, so a meeting
/// running past midnight shows on both days. Days without events get no heading, except
/// `today`, which says it has none. Only the events `filter` keeps are listed (all are kept
/// in `events`, so the rows can be built again as the filter changes).
pub(in crate::tui::update) fn build(
    events: Vec<Event>,
    week_start: NaiveDate,
    zone: &Tz,
    today: Option<NaiveDate>,
    filter: &ListFilter,
) -> Agenda {
    let kept: Vec<bool> = events.iter().map(|event| keeps(filter, event)).collect();
    let mut rows = Vec::new();
    for offset in 0..AGENDA_DAYS {
        let day = week_start + TimeDelta::days(offset);
        let mut all_day: Vec<usize> = Vec::new();
        let mut timed: Vec<usize> = Vec::new();
        for (index, event) in events.iter().enumerate().filter(|(index, _)| kept[*index]) {
            match &event.time {
                Some(EventTime::AllDay { start, end_exclusive }) if *start <= day && day < *end_exclusive => {
                    all_day.push(index)
                }
                Some(EventTime::Timed { start, end }) => {
                    let first = in_zone(start, zone).date_naive();
                    // An end at midnight does not reach into that day.
                    let last = in_zone(&(*end - TimeDelta::seconds(1)), zone).date_naive().max(first);
                    if first <= day && day <= last {
                        timed.push(index);
                    }
                }
                // Without a usable time the event still shows, at the top of the first day.
                None if offset == 0 => all_day.push(index),
                _ => {}
            }
        }
        if all_day.is_empty() && timed.is_empty() {
            if today == Some(day) {
                rows.extend([AgendaRow::Day(day), AgendaRow::NoEvents]);
            }
            continue;
        }
        all_day.sort_by(|a, b| events[*a].subject.cmp(&events[*b].subject));
        timed.sort_by_key(|i| events[*i].time.as_ref().map(|t| t.start_utc()));
        rows.push(AgendaRow::Day(day));
        rows.extend(all_day.into_iter().chain(timed).map(|index| AgendaRow::Event { index, day }));
    }
    Agenda { events, rows }
}

/// Whether the filter keeps `event`: its subject, place or organiser contains the text.
fn keeps(filter: &ListFilter, event: &Event) -> bool {
    let organizer = event.organizer.as_ref();
    let fields = [
        Some(event.subject.as_str()),
        event.location.as_deref(),
        organizer.map(|o| o.name.as_str()),
        organizer.map(|o| o.address.as_str()),
    ];
    filter.keeps(fields.into_iter().flatten())
}

/// When the event happens, in words, in the user's zone.
fn when(event: &Event, zone: &Tz) -> String {
    match &event.time {
        None => "unknown".to_owned(),
        Some(EventTime::AllDay { start, end_exclusive }) => {
            let last = (*end_exclusive - TimeDelta::days(1)).max(*start);
            if last == *start {
                format!("{} (all day)", start.format("%a %-d %b %Y"))
            } else {
                format!("{} – {} (all day)", start.format("%a %-d %b"), last.format("%a %-d %b %Y"))
            }
        }
        Some(EventTime::Timed { start, end }) => {
            let (from, to) = (in_zone(start, zone), in_zone(end, zone));
            let end_format = if from.date_naive() == to.date_naive() { "%H:%M %Z" } else { "%a %-d %b %H:%M %Z" };
            format!("{}–{}", from.format("%a %-d %b %Y %H:%M"), to.format(end_format))
        }
    }
}

fn response(response: Option<&ResponseType>) -> &str {
    match response {
        None | Some(ResponseType::None) | Some(ResponseType::NotResponded) => "no answer",
        Some(ResponseType::Accepted) => "accepted",
        Some(ResponseType::TentativelyAccepted) => "tentative",
        Some(ResponseType::Declined) => "declined",
        Some(ResponseType::Organizer) => "organizer",
        Some(other) => other.as_str(),
    }
}

/// The detail column's lines: labelled fields, attendees with their answers, then the body
/// wrapped to `width`. Remote text is sanitised here, once, not while drawing.
pub(in crate::tui::update) fn detail(event: &Event, width: usize, zone: &Tz) -> DetailDoc {
    let clean = |text: &str| sanitize::line(text).into_owned();
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    let subject = if event.subject.is_empty() { "(no subject)".to_owned() } else { clean(&event.subject) };
    lines.push(("Subject:", subject));
    if event.is_cancelled {
        lines.push(("", "Cancelled".to_owned()));
    }
    lines.push(("When:", when(event, zone)));
    if let Some(organizer) = &event.organizer {
        lines.push(("Organizer:", clean(&render::mailbox(organizer))));
    }
    if let Some(location) = &event.location {
        lines.push(("Location:", clean(location)));
    }
    if let Some(url) = &event.online_meeting_url {
        lines.push(("Online:", clean(url)));
    }
    if !event.attendees.is_empty() {
        lines.push(("Attendees:", String::new()));
        for attendee in &event.attendees {
            let who = clean(&render::mailbox(&attendee.mailbox));
            lines.push(("", format!("  {who} — {}", response(attendee.response.as_ref()))));
        }
    }
    if let Some(body) = &event.body {
        let text = render::body_text(body, width);
        let body_lines = match body {
            crate::domain::Body::Html(_) => text.lines().map(str::to_owned).collect(),
            crate::domain::Body::Text(_) => wrap(&text, width),
        };
        if body_lines.iter().any(|l| !l.trim().is_empty()) {
            lines.push(("", String::new()));
            lines.extend(body_lines.into_iter().map(|l| ("", l)));
        }
    }
    DetailDoc { event_id: event.id.clone(), lines, width, scroll: 0 }
}
