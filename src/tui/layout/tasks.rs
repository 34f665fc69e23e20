//! The tasks pane's columns: the To Do lists, the open list's tasks, the task's detail.
use ratatui::layout::Rect;

use super::{Column, Widths, three_columns};

const WIDTHS: Widths = Widths { first: 24, middle_percent: 45, middle_percent_of_two: 50 };

/// The column that has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TasksFocus {
    #[default]
    Lists,
    Tasks,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TasksLayout {
    pub lists: Option<Rect>,
    pub tasks: Option<Rect>,
    pub detail: Option<Rect>,
}

/// Wide: lists | tasks | detail. Medium: lists | tasks, or tasks | detail while the detail has
/// the focus. Narrow: only the focused column.
pub fn split(body: Rect, focus: TasksFocus) -> TasksLayout {
    let focus = match focus {
        TasksFocus::Lists => Column::First,
        TasksFocus::Tasks => Column::Middle,
        TasksFocus::Detail => Column::Last,
    };
    let columns = three_columns(body, focus, WIDTHS);
    TasksLayout { lists: columns.first, tasks: columns.middle, detail: columns.last }
}
