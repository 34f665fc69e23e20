//! Calendars and events as the app sees them; zoned times resolved to instants (graph-facts §3.4).
pub mod draft;
pub mod fields;
pub mod repeat;
pub mod schedule;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::time_zones::to_instant_lenient;
use super::{AttendeeType, Body, EventType, Mailbox, ResponseType, ShowAs};
use o365_graph::dto;
use o365_graph::dto::Sensitivity;
use o365_graph::dto::lenient::parse_naive_date_time;

/// A calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calendar {
    pub id: String,
    pub name: String,
    /// `#RRGGBB` when Graph gives one.
    pub color: Option<String>,
    pub is_default: bool,
    pub can_edit: bool,
    pub owner: Option<Mailbox>,
    /// The Microsoft 365 group whose calendar this is: read and written through `/groups/{id}`.
    pub group_id: Option<String>,
    /// Why the calendar's own details (its colour, whether it may be written) are not known: a
    /// group's calendar read without Group.Read.All, its events still shown.
    pub limited: Option<String>,
}

/// Outlook's colours for the named `calendarColor` values (GD: resources/calendar.md), for a
/// calendar that has no `hexColor`; `auto` and unknown names have none.
fn named_colour(name: &str) -> Option<&'static str> {
    Some(match name {
        "lightBlue" => "#a6d1f5",
        "lightGreen" => "#87d28e",
        "lightOrange" => "#fcab73",
        "lightGray" => "#c0c0c0",
        "lightYellow" => "#f4d07a",
        "lightTeal" => "#8ad2d2",
        "lightPink" => "#f0a0c8",
        "lightBrown" => "#cba287",
        "lightRed" => "#f49b9b",
        _ => return None,
    })
}

impl From<&dto::Calendar> for Calendar {
    fn from(value: &dto::Calendar) -> Self {
        let named = value.color.as_deref().and_then(named_colour).map(str::to_owned);
        Calendar {
            id: value.id.clone(),
            name: value.name.clone().unwrap_or_default(),
            color: value.hex_color.clone().filter(|color| !color.is_empty()).or(named),
            is_default: value.is_default_calendar.unwrap_or(false),
            can_edit: value.can_edit.unwrap_or(false),
            owner: value.owner.as_ref().map(Mailbox::from),
            group_id: None,
            limited: None,
        }
    }
}

/// When an event happens. All-day events are dates (in whatever zone the calendar uses; they do
/// not move when shown elsewhere); timed events are instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EventTime {
    AllDay { start: NaiveDate, end_exclusive: NaiveDate },
    Timed { start: DateTime<FixedOffset>, end: DateTime<FixedOffset> },
}

impl EventTime {
    /// Reads `start`/`end` of an event. All-day events take the dates as written (Graph puts
    /// them at midnight, the end on the day after the last day).
    pub fn from_graph(start: &dto::DateTimeTimeZone, end: &dto::DateTimeTimeZone, is_all_day: bool) -> Option<Self> {
        if is_all_day {
            let start = parse_naive_date_time(&start.date_time)?.date();
            let end = parse_naive_date_time(&end.date_time)?.date();
            // A malformed all-day range still covers at least its first day.
            let end_exclusive = if end > start { end } else { start.succ_opt().unwrap_or(start) };
            Some(EventTime::AllDay { start, end_exclusive })
        } else {
            Some(EventTime::Timed { start: to_instant_lenient(start)?, end: to_instant_lenient(end)? })
        }
    }

    /// The start as an instant (all-day events: midnight UTC of the first day).
    pub fn start_utc(&self) -> DateTime<Utc> {
        match self {
            EventTime::AllDay { start, .. } => start.and_time(chrono::NaiveTime::MIN).and_utc(),
            EventTime::Timed { start, .. } => start.with_timezone(&Utc),
        }
    }

    /// Whether the event takes some of `[start, end)` (what a calendar view of it lists; all-day
    /// events by their days in UTC, as the cache keeps them).
    pub fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let ends = match self {
            EventTime::AllDay { end_exclusive, .. } => end_exclusive.and_time(chrono::NaiveTime::MIN).and_utc(),
            EventTime::Timed { end, .. } => end.with_timezone(&Utc),
        };
        self.start_utc() < end && (ends > start || (ends == self.start_utc() && ends >= start))
    }
}

/// An attendee and their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventAttendee {
    pub mailbox: Mailbox,
    pub kind: Option<AttendeeType>,
    pub response: Option<ResponseType>,
    pub responded: Option<DateTime<Utc>>,
}

impl From<&dto::Attendee> for EventAttendee {
    fn from(value: &dto::Attendee) -> Self {
        let status = value.status.as_ref();
        EventAttendee {
            mailbox: value.email_address.as_ref().map(Mailbox::from).unwrap_or_default(),
            kind: value.kind.clone(),
            response: status.and_then(|status| status.response.clone()),
            // Graph writes 0001-01-01 for "never answered".
            responded: status.and_then(|status| status.time).filter(|time| time.timestamp() > 0),
        }
    }
}

/// An event or an occurrence of a series.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: String,
    pub subject: String,
    /// `None` when the answer carried no usable start/end (e.g. trimmed by `$select`).
    pub time: Option<EventTime>,
    pub location: Option<String>,
    pub organizer: Option<Mailbox>,
    pub attendees: Vec<EventAttendee>,
    /// My own answer.
    pub my_response: Option<ResponseType>,
    pub is_organizer: bool,
    pub online_meeting_url: Option<String>,
    pub body: Option<Body>,
    pub preview: String,
    pub is_cancelled: bool,
    pub show_as: Option<ShowAs>,
    pub kind: Option<EventType>,
    pub series_master_id: Option<String>,
    /// A series master carries the recurrence; occurrences point to it with `series_master_id`.
    pub is_recurring: bool,
    pub categories: Vec<String>,
    pub web_link: Option<String>,
    /// The calendar it was read from (set by whoever read it; Graph does not say).
    pub calendar_id: Option<String>,
    /// The zone it was made in (`originalStartTimeZone`), to show its own times beside the
    /// user's when the clocks differ.
    pub original_zone: Option<String>,
    /// `None`: no reminder.
    pub reminder_minutes: Option<i64>,
    pub sensitivity: Option<Sensitivity>,
    pub is_online_meeting: bool,
    /// The organizer asked for an answer.
    pub response_requested: bool,
}

impl From<&dto::Event> for Event {
    fn from(value: &dto::Event) -> Self {
        let time = match (&value.start, &value.end) {
            (Some(start), Some(end)) => EventTime::from_graph(start, end, value.is_all_day.unwrap_or(false)),
            _ => None,
        };
        let location = value
            .location
            .as_ref()
            .and_then(|location| location.display_name.clone())
            .or_else(|| value.locations.iter().find_map(|location| location.display_name.clone()))
            .filter(|name| !name.trim().is_empty());
        let online_meeting_url = value
            .online_meeting
            .as_ref()
            .and_then(|meeting| meeting.join_url.clone())
            .or_else(|| value.online_meeting_url.clone())
            .filter(|url| !url.is_empty());
        let kind = value.kind.clone();
        Event {
            id: value.id.clone(),
            subject: value.subject.clone().unwrap_or_default(),
            time,
            location,
            organizer: value.organizer.as_ref().and_then(Mailbox::from_recipient),
            attendees: value.attendees.iter().map(EventAttendee::from).collect(),
            my_response: value.response_status.as_ref().and_then(|status| status.response.clone()),
            is_organizer: value.is_organizer.unwrap_or(false),
            online_meeting_url,
            body: value.body.as_ref().map(Body::from),
            preview: value.body_preview.clone().unwrap_or_default(),
            is_cancelled: value.is_cancelled.unwrap_or(false),
            show_as: value.show_as.clone(),
            series_master_id: value.series_master_id.clone(),
            is_recurring: value.recurrence.is_some()
                || value.series_master_id.is_some()
                || matches!(kind, Some(EventType::SeriesMaster | EventType::Occurrence | EventType::Exception)),
            kind,
            categories: value.categories.clone(),
            web_link: value.web_link.clone(),
            calendar_id: None,
            original_zone: value.original_start_time_zone.clone().filter(|zone| !zone.is_empty()),
            reminder_minutes: match value.is_reminder_on {
                Some(false) => None,
                _ => value.reminder_minutes_before_start.map(i64::from),
            },
            sensitivity: value.sensitivity.clone(),
            is_online_meeting: value.is_online_meeting.unwrap_or(false) || value.online_meeting.is_some(),
            response_requested: value.response_requested.unwrap_or(false),
        }
    }
}

/// How an attendee answers an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Accept,
    Tentative,
    Decline,
}

impl Answer {
    /// The answer as the event then records it.
    pub fn response(self) -> ResponseType {
        match self {
            Answer::Accept => ResponseType::Accepted,
            Answer::Tentative => ResponseType::TentativelyAccepted,
            Answer::Decline => ResponseType::Declined,
        }
    }

    /// "accepted", "tentatively accepted", "declined".
    pub fn done_word(self) -> &'static str {
        match self {
            Answer::Accept => "accepted",
            Answer::Tentative => "tentatively accepted",
            Answer::Decline => "declined",
        }
    }

    /// "Accept", "Tentative", "Decline".
    pub fn verb(self) -> &'static str {
        match self {
            Answer::Accept => "Accept",
            Answer::Tentative => "Tentative",
            Answer::Decline => "Decline",
        }
    }
}
