//! The calendar pane's columns: the calendars, the period (agenda list or a grid) and the
//! event's detail.
use ratatui::layout::{Constraint, Layout, Rect};

use super::{THREE_COLUMNS, TWO_COLUMNS};

/// The column that has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalendarFocus {
    /// The list of calendars, each shown or hidden.
    Calendars,
    #[default]
    Agenda,
    Detail,
}

/// How the period is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalendarView {
    /// A week's events as a list under day headings.
    #[default]
    Agenda,
    /// One day by hours.
    Day,
    /// Seven days by hours.
    Week,
    /// Six weeks of day cells.
    Month,
}

/// Width of the calendars column.
const CALENDARS_WIDTH: u16 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarLayout {
    pub calendars: Option<Rect>,
    pub agenda: Option<Rect>,
    pub detail: Option<Rect>,
}

/// Wide: calendars | period | detail (a grid takes more room than the list). Middle: the
/// period (or the calendars, when focused) | detail. Narrow: only the focused column.
pub fn split(body: Rect, focus: CalendarFocus, view: CalendarView) -> CalendarLayout {
    let share = if view == CalendarView::Agenda { 45 } else { 70 };
    if body.width >= THREE_COLUMNS {
        let [calendars, rest] =
            Layout::horizontal([Constraint::Length(CALENDARS_WIDTH), Constraint::Min(0)]).areas(body);
        let [agenda, detail] = Layout::horizontal([Constraint::Percentage(share), Constraint::Min(0)]).areas(rest);
        return CalendarLayout { calendars: Some(calendars), agenda: Some(agenda), detail: Some(detail) };
    }
    if body.width >= TWO_COLUMNS {
        if focus == CalendarFocus::Calendars {
            let [calendars, agenda] =
                Layout::horizontal([Constraint::Length(CALENDARS_WIDTH), Constraint::Min(0)]).areas(body);
            return CalendarLayout { calendars: Some(calendars), agenda: Some(agenda), detail: None };
        }
        let [agenda, detail] = Layout::horizontal([Constraint::Percentage(share), Constraint::Min(0)]).areas(body);
        return CalendarLayout { calendars: None, agenda: Some(agenda), detail: Some(detail) };
    }
    match focus {
        CalendarFocus::Calendars => CalendarLayout { calendars: Some(body), agenda: None, detail: None },
        CalendarFocus::Agenda => CalendarLayout { calendars: None, agenda: Some(body), detail: None },
        CalendarFocus::Detail => CalendarLayout { calendars: None, agenda: None, detail: Some(body) },
    }
}
