//! The calendar pane's part of the store: the week shown, its events grouped into agenda rows,
//! the cursor, and the selected event's detail as ready-made lines.
use super::super::loadable::Loadable;
use super::filter::ListFilter;
use super::mail::Cursor;
use crate::domain::Event;
pub use crate::tui::layout::calendar::CalendarFocus;
use chrono::NaiveDate;

/// Days the agenda covers.
pub const AGENDA_DAYS: i64 = 7;

/// One row of the agenda: a day heading, or an event (an index into `Agenda::events`) shown
/// under the day it belongs to. An event spanning days appears under each of them. Today keeps
/// its heading when it has no events, with a `NoEvents` row under it (as khal shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaRow {
    Day(NaiveDate),
    Event { index: usize, day: NaiveDate },
    NoEvents,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub events: Vec<Event>,
    pub rows: Vec<AgendaRow>,
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
    /// The first day of the window shown, in the user's zone.
    pub week_start: Option<NaiveDate>,
    pub agenda: Loadable<Agenda>,
    /// Over `Agenda::rows`; always on an event row when there is one.
    pub cursor: Cursor,
    pub detail: Option<DetailDoc>,
    /// The week drawn as a grid of days and hours instead of the agenda list (`w`).
    pub week_grid: bool,
    /// `/`: only the events whose subject, place or organiser contains this text are listed.
    pub filter: ListFilter,
}

impl CalendarState {
    pub fn selected_event(&self) -> Option<&Event> {
        self.agenda.ready()?.event_at(self.cursor.selected)
    }
}
