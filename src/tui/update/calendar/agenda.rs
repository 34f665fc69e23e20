//! Pure building of the calendar pane's content: events grouped into day rows in the user's
//! zone (all-day ones first; those of hidden calendars left out), and an event's detail lines
//! for a width.
use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeDelta};
use chrono_tz::Tz;

use crate::domain::time_zones::in_zone;
use crate::domain::{Event, EventTime};
use crate::human::text::wrap;
use crate::render;
use crate::render::event::{response_word, when_text};
use crate::sanitize;
use crate::tui::store::filter::ListFilter;
use crate::tui::store::{Agenda, AgendaRow, DetailDoc};

/// The days `[first, last]` an event is listed under, within `[start, start + days)` as
/// offsets: an all-day event under every day it covers, a timed one under every day it
/// touches (a meeting past midnight shows on both days; an end at midnight does not reach
/// into that day). Without a usable time it shows on the first day.
fn day_span(event: &Event, start: NaiveDate, days: i64, zone: &Tz) -> Option<(i64, i64)> {
    let (first, last) = match &event.time {
        Some(EventTime::AllDay { start, end_exclusive }) => (*start, (*end_exclusive - TimeDelta::days(1)).max(*start)),
        Some(EventTime::Timed { start, end }) => {
            let first = in_zone(start, zone).date_naive();
            (first, in_zone(&(*end - TimeDelta::seconds(1)), zone).date_naive().max(first))
        }
        None => return Some((0, 0)),
    };
    let from = (first - start).num_days().max(0);
    let to = (last - start).num_days().min(days - 1);
    (from <= to).then_some((from, to))
}

/// Groups `events` into the days of the window of `days` days from `start`, leaving out those
/// of the `hidden` calendars and those `filter` does not keep (all stay in `events`, so the
/// rows can be built again as either changes). Days without events get no heading, except `today`, which says
/// it has none. One pass over the events, then a sort per day: a month of 2,000 events is
/// grouped in well under a millisecond.
pub(in crate::tui::update) fn build(
    events: Vec<Event>,
    start: NaiveDate,
    days: i64,
    zone: &Tz,
    today: Option<NaiveDate>,
    hidden: &BTreeSet<String>,
    filter: &ListFilter,
) -> Agenda {
    let days = days.max(1);
    let mut per_day: Vec<(Vec<usize>, Vec<usize>)> = vec![(Vec::new(), Vec::new()); days as usize];
    let mut shown = Vec::new();
    for (index, event) in events.iter().enumerate() {
        if event.calendar_id.as_ref().is_some_and(|id| hidden.contains(id)) || !keeps(filter, event) {
            continue;
        }
        shown.push(index);
        let Some((from, to)) = day_span(event, start, days, zone) else { continue };
        for offset in from..=to {
            let (all_day, timed) = &mut per_day[offset as usize];
            match event.time {
                Some(EventTime::Timed { .. }) => timed.push(index),
                _ => all_day.push(index),
            }
        }
    }
    let mut rows = Vec::new();
    for (offset, (mut all_day, mut timed)) in per_day.into_iter().enumerate() {
        let day = start + TimeDelta::days(offset as i64);
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
    Agenda { events, rows, shown }
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

/// Values longer than the column go on under their label, the label column left blank.
fn wrap_values(lines: Vec<(&'static str, String)>, width: usize) -> Vec<(&'static str, String)> {
    const LABEL: usize = 11;
    let room = width.saturating_sub(LABEL).max(10);
    let mut out = Vec::with_capacity(lines.len());
    for (label, value) in lines {
        if label.is_empty() || unicode_width::UnicodeWidthStr::width(value.as_str()) <= room {
            out.push((label, value));
            continue;
        }
        for (at, part) in wrap(&value, room).into_iter().enumerate() {
            out.push(if at == 0 { (label, part) } else { ("", format!("{:LABEL$}{part}", "")) });
        }
    }
    out
}

/// The detail column's lines: labelled fields, attendees with their answers, then the body
/// wrapped to `width`. Remote text is sanitised here, once, not while drawing.
pub(in crate::tui::update) fn detail(event: &Event, calendar: Option<&str>, width: usize, zone: &Tz) -> DetailDoc {
    let clean = |text: &str| sanitize::line(text).into_owned();
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    let subject = if event.subject.is_empty() { "(no subject)".to_owned() } else { clean(&event.subject) };
    lines.push(("Subject:", subject));
    if event.is_cancelled {
        lines.push(("", "Cancelled".to_owned()));
    }
    let when = when_text(event, zone, None);
    // The event's own zone, when its clock differs, on a line of its own: "(… in Zone)".
    let both = when_text(event, zone, event.original_zone.as_deref());
    let own = both.strip_prefix(when.as_str()).map(str::trim).filter(|rest| !rest.is_empty()).map(str::to_owned);
    lines.push(("When:", if when.is_empty() { "unknown".to_owned() } else { when }));
    // A blank label (not an empty one) keeps the value under the others and wraps it.
    if let Some(own) = own {
        lines.push((" ", own));
    }
    if event.is_recurring {
        lines.push((" ", "part of a recurring series".to_owned()));
    }
    if let Some(calendar) = calendar {
        lines.push(("Calendar:", clean(calendar)));
    }
    if let Some(organizer) = &event.organizer {
        lines.push(("Organizer:", clean(&render::mailbox(organizer))));
    }
    if !event.is_organizer && event.organizer.is_some() && !event.attendees.is_empty() {
        lines.push(("Answer:", response_word(event.my_response.as_ref()).to_owned()));
    }
    if let Some(location) = &event.location {
        lines.push(("Location:", clean(location)));
    }
    if let Some(url) = &event.online_meeting_url {
        lines.push(("Teams:", clean(url)));
    }
    if !event.attendees.is_empty() {
        lines.push(("Attendees:", String::new()));
        for attendee in &event.attendees {
            let who = clean(&render::mailbox(&attendee.mailbox));
            lines.push(("", format!("  {who} — {}", response_word(attendee.response.as_ref()))));
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
    DetailDoc { event_id: event.id.clone(), lines: wrap_values(lines, width), width, scroll: 0 }
}
