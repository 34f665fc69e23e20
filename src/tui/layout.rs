//! Where each part of the screen goes, as pure functions of the terminal size and each pane's
//! focus: the tab and status bars here, each pane's columns in its own file. Both `update`
//! (page sizes, wrap widths, clicks) and the views ask it, so they always agree; it knows
//! nothing of the store.
pub mod calendar;
pub mod drive;
pub mod mail;
pub mod overlay;
pub mod people;
pub mod tasks;

use ratatui::layout::{Constraint, Layout, Rect};

/// Three columns from this width on; two from `TWO_COLUMNS`; one below.
pub const THREE_COLUMNS: u16 = 120;
pub const TWO_COLUMNS: u16 = 80;

/// The whole screen: a one-line tab bar, the pane, a one-line status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
}

pub fn screen(area: Rect) -> Screen {
    let [tabs, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    Screen { tabs, body, status }
}

/// The index of the list row drawn at screen row `row` inside the bordered `area`, whose list
/// of `len` rows is scrolled to `offset`; `None` on a border or below the last row.
pub fn row_at(area: Rect, offset: usize, len: usize, row: u16) -> Option<usize> {
    let inner_top = area.y + 1;
    if row < inner_top || row + 1 >= area.bottom() {
        return None;
    }
    let index = offset + usize::from(row - inner_top);
    (index < len).then_some(index)
}

/// Which of a three-column pane's columns has the focus (mail: folders, messages, reader;
/// tasks: lists, tasks, detail; people: sources, people, card).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    First,
    Middle,
    Last,
}

/// The columns of a three-column pane that show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub first: Option<Rect>,
    pub middle: Option<Rect>,
    pub last: Option<Rect>,
}

/// How a three-column pane divides its width: the first column's, and the middle's share of
/// the width with all three, and with the middle and last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    pub first: u16,
    pub middle_percent: u16,
    pub middle_percent_of_two: u16,
}

/// Wide: first | middle | last. Medium: first | middle, or middle | last while the last has
/// the focus. Narrow: only the focused column. Every three-column pane is laid out so.
pub fn three_columns(body: Rect, focus: Column, widths: Widths) -> Columns {
    if body.width >= THREE_COLUMNS {
        let [first, middle, last] = Layout::horizontal([
            Constraint::Length(widths.first),
            Constraint::Percentage(widths.middle_percent),
            Constraint::Min(0),
        ])
        .areas(body);
        return Columns { first: Some(first), middle: Some(middle), last: Some(last) };
    }
    if body.width >= TWO_COLUMNS {
        if focus == Column::Last {
            let [middle, last] =
                Layout::horizontal([Constraint::Percentage(widths.middle_percent_of_two), Constraint::Min(0)])
                    .areas(body);
            return Columns { first: None, middle: Some(middle), last: Some(last) };
        }
        let [first, middle] = Layout::horizontal([Constraint::Length(widths.first), Constraint::Min(0)]).areas(body);
        return Columns { first: Some(first), middle: Some(middle), last: None };
    }
    match focus {
        Column::First => Columns { first: Some(body), middle: None, last: None },
        Column::Middle => Columns { first: None, middle: Some(body), last: None },
        Column::Last => Columns { first: None, middle: None, last: Some(body) },
    }
}

/// Rows inside a bordered block.
pub fn inner_height(area: Option<Rect>) -> usize {
    area.map_or(1, |a| usize::from(a.height.saturating_sub(2)).max(1))
}

/// Columns inside a bordered block.
pub fn inner_width(area: Option<Rect>) -> usize {
    area.map_or(40, |a| usize::from(a.width.saturating_sub(2)).max(1))
}
