//! The calendar pane's own commands: views, the calendar list, answers to invitations (also
//! from the mail reader), free/busy, and the keys of the event form.
use ratatui::crossterm::event::KeyEvent;

use crate::domain::calendar::Answer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarAction {
    /// Agenda, day, week, month, agenda…
    CycleView,
    /// The day grid (again: the agenda).
    DayView,
    /// The month grid (again: the agenda).
    MonthView,
    /// Focus the list of calendars (again: back to the period).
    FocusCalendars,
    /// Show or hide the selected calendar's events.
    ToggleCalendar,
    /// Answer the selected invitation (the calendar's event, or the one open in the mail reader).
    Answer(Answer),
    /// People's free/busy as rows of busy blocks (asks whom).
    FreeBusy,
    /// Times that suit everyone in the free/busy view (asks for the length).
    FindTime,
    /// A key for the event form (typed into the focused field, or moving between fields).
    FormKey(KeyEvent),
    /// Save the event form.
    FormSave,
    /// Close the event form without saving.
    FormCancel,
}
