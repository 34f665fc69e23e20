//! The calendar pane's part of the store: the calendars (each shown or hidden), the period on
//! screen (agenda, day, week or month) with its events grouped into day rows, the cursor, the
//! selected event's detail as ready-made lines, and the writing in progress (the event form,
//! writes waiting for the service, the free/busy view).
pub mod form;
pub mod free_busy;
pub mod invitation;
pub mod writes;

use std::collections::BTreeSet;

use super::super::loadable::{Generation, Loadable};
use super::filter::ListFilter;
use super::mail::Cursor;
use crate::domain::calendar::Answer;
use crate::domain::{Calendar, Event};
pub use crate::tui::layout::calendar::{CalendarFocus, CalendarView};
use chrono::{Datelike, Days, NaiveDate};

/// Days the agenda and the week grid cover.
pub const AGENDA_DAYS: i64 = 7;
/// Days the month grid covers: six weeks from the Monday on or before the first.
pub const MONTH_DAYS: i64 = 42;

impl CalendarView {
    /// The next view for `v`: agenda, day, week, month, agenda…
    pub fn next(self) -> CalendarView {
        match self {
            CalendarView::Agenda => CalendarView::Day,
            CalendarView::Day => CalendarView::Week,
            CalendarView::Week => CalendarView::Month,
            CalendarView::Month => CalendarView::Agenda,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            CalendarView::Agenda => "Agenda",
            CalendarView::Day => "Day",
            CalendarView::Week => "Week",
            CalendarView::Month => "Month",
        }
    }

    /// The first day and the number of days the view shows for `anchor` (the day it is about).
    pub fn window(self, anchor: NaiveDate) -> (NaiveDate, i64) {
        match self {
            CalendarView::Agenda | CalendarView::Week => (anchor, AGENDA_DAYS),
            CalendarView::Day => (anchor, 1),
            CalendarView::Month => {
                let first = anchor.with_day(1).unwrap_or(anchor);
                let back = u64::from(first.weekday().num_days_from_monday());
                (first.checked_sub_days(Days::new(back)).unwrap_or(first), MONTH_DAYS)
            }
        }
    }

    /// The anchor one period later (`steps` > 0) or earlier.
    pub fn shift(self, anchor: NaiveDate, steps: i32) -> NaiveDate {
        let days = |n: i64| anchor.checked_add_signed(chrono::TimeDelta::days(n)).unwrap_or(anchor);
        match self {
            CalendarView::Agenda | CalendarView::Week => days(AGENDA_DAYS * i64::from(steps)),
            CalendarView::Day => days(i64::from(steps)),
            CalendarView::Month => {
                let first = anchor.with_day(1).unwrap_or(anchor);
                let months = chrono::Months::new(steps.unsigned_abs());
                let moved =
                    if steps >= 0 { first.checked_add_months(months) } else { first.checked_sub_months(months) };
                moved.unwrap_or(first)
            }
        }
    }
}

/// One row of the agenda: a day heading, or an event (an index into `Agenda::events`) shown
/// under the day it belongs to. An event spanning days appears under each of them. Today keeps
/// its heading when it has no events, with a `NoEvents` row under it (as khal shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaRow {
    Day(NaiveDate),
    Event { index: usize, day: NaiveDate },
    NoEvents,
}

/// The events of the period: every one loaded (`events`, from every calendar), the rows of
/// those whose calendar is shown, by day. The grids draw what the rows list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agenda {
    pub events: Vec<Event>,
    pub rows: Vec<AgendaRow>,
    /// Indices into `events` of those whose calendar is shown.
    pub shown: Vec<usize>,
}

impl Agenda {
    pub fn event_at(&self, row: usize) -> Option<&Event> {
        match self.rows.get(row)? {
            AgendaRow::Event { index, .. } => self.events.get(*index),
            AgendaRow::Day(_) | AgendaRow::NoEvents => None,
        }
    }

    /// Whether any event is listed (today's empty heading alone is not).
    pub fn has_events(&self) -> bool {
        self.rows.iter().any(|row| matches!(row, AgendaRow::Event { .. }))
    }

    /// The events whose calendar is shown.
    pub fn shown_events(&self) -> impl Iterator<Item = &Event> {
        self.shown.iter().filter_map(|&i| self.events.get(i))
    }

    /// The first row showing the event `id`.
    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|row| matches!(row, AgendaRow::Event { index, .. } if self.events[*index].id == id))
    }
}

/// The calendars and what the worker answers an agenda load with: the events of every
/// calendar in the window, each knowing its calendar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CalendarPage {
    pub calendars: Vec<Calendar>,
    pub events: Vec<Event>,
}

impl From<Vec<Event>> for CalendarPage {
    fn from(events: Vec<Event>) -> Self {
        CalendarPage { calendars: Vec::new(), events }
    }
}

/// The selected event turned into (label, value) lines for the detail column's width:
/// everything sanitised, the body through `render::body_text`.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailDoc {
    pub event_id: String,
    pub lines: Vec<(&'static str, String)>,
    pub width: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, Default)]
pub struct CalendarState {
    pub focus: CalendarFocus,
    /// The user's date when the UI started (set by the loop; tests pin it).
    pub today: Option<NaiveDate>,
    /// The day the view is about (the first day of the agenda, the week, the day; any day of
    /// the month).
    pub anchor: Option<NaiveDate>,
    /// The first day of the window shown, in the user's zone.
    pub week_start: Option<NaiveDate>,
    /// How many days from `week_start` the window covers.
    pub days: i64,
    pub view: CalendarView,
    /// The account's calendars, as the last load found them.
    pub calendars: Vec<Calendar>,
    /// Ids of the calendars whose events are not drawn (`s` in the calendar list).
    pub hidden: BTreeSet<String>,
    pub calendar_cursor: Cursor,
    pub agenda: Loadable<Agenda>,
    /// A reload in the background (after a write): its answer replaces the events and keeps
    /// the selection; the agenda stays on screen meanwhile.
    pub refresh: Option<Generation>,
    /// The event to select when the load under way arrives (a reload, another view).
    pub reselect: Option<String>,
    /// Over `Agenda::rows`; always on an event row when there is one.
    pub cursor: Cursor,
    pub detail: Option<DetailDoc>,
    /// The event being written (`a`, `e`).
    pub form: Option<form::EventForm>,
    /// Writes shown before the service answered them.
    pub writes: writes::EventWrites,
    /// People's free/busy over a day, with suggested times (`b`).
    pub free_busy: Option<free_busy::FreeBusy>,
    /// The meeting's mail open in the mail reader: its event and the user's others that day.
    pub invitation: Option<InvitationDoc>,
    /// `/`: only the events whose subject, place or organiser contains this text are listed.
    pub filter: ListFilter,
}

/// A meeting's mail open in the mail reader, as the reader shows it under the headers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InvitationDoc {
    pub message_id: String,
    /// `meetingRequest`, `meetingCancelled`, … (Graph's `meetingMessageType`).
    pub kind: Option<String>,
    /// The event in the user's calendar; `None` when it is gone (or still loading).
    pub event: Option<Event>,
    /// The user's events around it (the reader keeps those of its day).
    pub nearby: Vec<Event>,
    /// Why the event could not be read.
    pub problem: Option<String>,
}

/// What a write of the calendar asks before it goes, and what it then does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Edit,
    Delete,
    Answer(Answer),
}

/// The calendar's questions (answered through the one prompt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarPrompt {
    /// "Only this occurrence or the whole series?", asked every time, before `then`.
    Scope { event_id: String, then: Then },
    /// A meeting the user organizes is cancelled: the message its attendees get.
    CancelMessage { target: String, series: bool },
    /// Yes or no before deleting an event.
    Delete { target: String, series: bool },
    /// Someone else's meeting: decline it (telling the organizer) or only remove it.
    DeclineOrRemove { target: String, series: bool },
    /// An answer's comment (empty for none).
    Comment { target: String, answer: Answer, series: bool },
    /// Whether the organizer is told of the answer.
    Send { target: String, answer: Answer, series: bool, comment: Option<String> },
    /// Whose free/busy to show (addresses, comma separated).
    People,
    /// The length of the meeting to find a time for.
    Length,
}

impl CalendarState {
    pub fn selected_event(&self) -> Option<&Event> {
        self.agenda.ready()?.event_at(self.cursor.selected)
    }

    /// The view the columns are laid out for: free/busy takes a grid's room.
    pub fn layout_view(&self) -> CalendarView {
        if self.free_busy.is_some() { CalendarView::Week } else { self.view }
    }

    /// The grids (day, week, month) rather than the agenda list.
    pub fn is_grid(&self) -> bool {
        self.view != CalendarView::Agenda
    }

    pub fn calendar(&self, id: Option<&str>) -> Option<&Calendar> {
        let id = id?;
        self.calendars.iter().find(|c| c.id == id)
    }

    /// The colour (`#RRGGBB`) of the calendar an event was read from.
    pub fn colour_of(&self, event: &Event) -> Option<&str> {
        self.calendar(event.calendar_id.as_deref())?.color.as_deref()
    }

    pub fn is_shown(&self, event: &Event) -> bool {
        event.calendar_id.as_ref().is_none_or(|id| !self.hidden.contains(id))
    }

    /// The calendar new events go to: the default one (else the first that can be edited).
    pub fn default_calendar(&self) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.is_default).or_else(|| self.calendars.iter().find(|c| c.can_edit))
    }
}
