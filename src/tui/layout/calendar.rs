//! The calendar pane's columns: the agenda (or the week grid) and the event's detail.
use ratatui::layout::{Constraint, Layout, Rect};

use super::TWO_COLUMNS;

/// The column that has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalendarFocus {
    #[default]
    Agenda,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarLayout {
    pub agenda: Option<Rect>,
    pub detail: Option<Rect>,
}

/// Wide: agenda | detail (the week grid takes more room than the list). Narrow: only the
/// focused column.
pub fn split(body: Rect, focus: CalendarFocus, week_grid: bool) -> CalendarLayout {
    if body.width >= TWO_COLUMNS {
        let share = if week_grid { 70 } else { 45 };
        let [agenda, detail] = Layout::horizontal([Constraint::Percentage(share), Constraint::Min(0)]).areas(body);
        return CalendarLayout { agenda: Some(agenda), detail: Some(detail) };
    }
    match focus {
        CalendarFocus::Agenda => CalendarLayout { agenda: Some(body), detail: None },
        CalendarFocus::Detail => CalendarLayout { agenda: None, detail: Some(body) },
    }
}
