//! The selected task's detail: title, status, importance, due (overdue against the pinned
//! "today"), created and completed in the user's zone, the checklist with ticks (the selected
//! item marked while the detail has the focus), then the note, wrapped.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::super::{message_line, pane_block};
use crate::domain::time_zones::format_in_zone;
use crate::domain::{Importance, Task, TaskStatus};
use crate::render;
use crate::sanitize;
use crate::tui::store::Store;
use crate::tui::store::tasks::TasksFocus;
use crate::tui::theme::Theme;

const DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

pub struct DetailView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

fn status_name(status: &TaskStatus) -> String {
    match status {
        TaskStatus::NotStarted => "not started".to_owned(),
        TaskStatus::InProgress => "in progress".to_owned(),
        TaskStatus::Completed => "completed".to_owned(),
        TaskStatus::WaitingOnOthers => "waiting on others".to_owned(),
        TaskStatus::Deferred => "deferred".to_owned(),
        TaskStatus::Other(other) => sanitize::line(other).into_owned(),
    }
}

fn importance_name(importance: &Importance) -> String {
    match importance {
        Importance::Other(other) => sanitize::line(other).into_owned(),
        known => known.as_str().to_owned(),
    }
}

impl DetailView<'_> {
    fn field(&self, label: &str, value: String) -> Line<'static> {
        Line::from(vec![Span::styled(format!("{label:<12}"), self.theme.header_label), Span::raw(value)])
    }

    fn fields(&self, task: &Task) -> Vec<Line<'static>> {
        let zone = &self.store.zone;
        let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| format_in_zone(&t, zone, DATE_FORMAT)).unwrap_or_else(|| "—".to_owned())
        };
        let overdue = !task.is_completed() && task.due.zip(self.store.tasks.today).is_some_and(|(d, t)| d < t);
        let due = match task.due {
            Some(day) if overdue => Line::from(vec![
                Span::styled(format!("{:<12}", "Due:"), self.theme.header_label),
                Span::styled(format!("{} (overdue)", day.format("%a %Y-%m-%d")), self.theme.error),
            ]),
            Some(day) => self.field("Due:", day.format("%a %Y-%m-%d").to_string()),
            None => self.field("Due:", "—".to_owned()),
        };
        let mut lines = vec![
            self.field("Title:", sanitize::line(&task.title).into_owned()),
            self.field("Status:", status_name(&task.status)),
            self.field("Importance:", importance_name(&task.importance)),
            due,
            self.field("Created:", when(task.created)),
        ];
        if task.is_completed() || task.completed.is_some() {
            lines.push(self.field("Completed:", when(task.completed)));
        }
        for link in &task.links {
            let opens = if link.message_id.is_some() { " (o opens it)" } else { "" };
            lines.push(self.field("From:", format!("{}{opens}", sanitize::line(&link.name))));
        }
        lines
    }

    /// The checklist lines shown in `rows` rows, scrolled so the selected item is among them.
    fn checklist(&self, task: &Task, rows: usize) -> Vec<Line<'static>> {
        if task.checklist.is_empty() {
            return Vec::new();
        }
        let focused = self.store.tasks.focus == TasksFocus::Detail;
        let done = task.checklist.iter().filter(|item| item.is_checked).count();
        let mut lines =
            vec![Line::styled(format!("Checklist {done}/{}", task.checklist.len()), self.theme.header_label)];
        let room = rows.saturating_sub(1).max(1);
        let selected = self.store.tasks.step_cursor;
        let first = if focused && selected >= room { selected + 1 - room } else { 0 };
        for (index, item) in task.checklist.iter().enumerate().skip(first).take(room) {
            let mark = if item.is_checked { "[x]" } else { "[ ]" };
            let style = if focused && index == selected { self.theme.selected } else { Default::default() };
            let title = if item.is_checked { self.theme.dim.patch(style) } else { style };
            lines.push(Line::from(vec![
                Span::styled(format!("  {mark} "), self.theme.marks.patch(style)),
                Span::styled(sanitize::line(&item.title).into_owned(), title),
            ]));
        }
        lines
    }
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let tasks = &self.store.tasks;
        let focused = tasks.focus == TasksFocus::Detail;
        let block = pane_block(Line::styled("Task", self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(task) = tasks.selected_task() else {
            let text = if tasks.tasks.ready().is_some() { "No task selected" } else { "" };
            return message_line(text.into(), self.theme.dim, inner, buf);
        };
        let mut lines = self.fields(task);
        let height = usize::from(inner.height);
        let checklist = self.checklist(task, height.saturating_sub(lines.len() + 1));
        if !checklist.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(checklist);
        }
        if let Some(note) = &task.note {
            lines.push(Line::raw(""));
            let text = render::body_text(note, usize::from(inner.width));
            lines.extend(sanitize::block(&text).lines().map(|line| Line::raw(line.to_owned())));
        }
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
