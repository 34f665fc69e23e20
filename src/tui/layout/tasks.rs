//! The tasks pane's columns: the To Do lists, the open list's tasks, the task's detail.
use ratatui::layout::{Constraint, Layout, Rect};

use super::{THREE_COLUMNS, TWO_COLUMNS};

const LISTS_WIDTH: u16 = 24;

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
    if body.width >= THREE_COLUMNS {
        let [lists, tasks, detail] =
            Layout::horizontal([Constraint::Length(LISTS_WIDTH), Constraint::Percentage(45), Constraint::Min(0)])
                .areas(body);
        return TasksLayout { lists: Some(lists), tasks: Some(tasks), detail: Some(detail) };
    }
    if body.width >= TWO_COLUMNS {
        if focus == TasksFocus::Detail {
            let [tasks, detail] = Layout::horizontal([Constraint::Percentage(50), Constraint::Min(0)]).areas(body);
            return TasksLayout { lists: None, tasks: Some(tasks), detail: Some(detail) };
        }
        let [lists, tasks] = Layout::horizontal([Constraint::Length(LISTS_WIDTH), Constraint::Min(0)]).areas(body);
        return TasksLayout { lists: Some(lists), tasks: Some(tasks), detail: None };
    }
    match focus {
        TasksFocus::Lists => TasksLayout { lists: Some(body), tasks: None, detail: None },
        TasksFocus::Tasks => TasksLayout { lists: None, tasks: Some(body), detail: None },
        TasksFocus::Detail => TasksLayout { lists: None, tasks: None, detail: Some(body) },
    }
}
