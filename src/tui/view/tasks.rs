//! The tasks pane: the To Do lists, the open list's tasks (status mark, importance mark,
//! title, due date; overdue dates stand out against the pinned "today") and the selected
//! task's detail (`tasks/detail.rs`). Names and titles are remote text, sanitised here.
mod detail;
mod note;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::columns::{NameRow, marked_names, not_ready};
use super::{cell, message_line, pane_block};
use crate::domain::{Importance, Task, TaskStatus};
use crate::sanitize;
use crate::tui::layout::tasks::split;
use crate::tui::store::Store;
use crate::tui::store::tasks::TasksFocus;
use crate::tui::theme::Theme;

pub struct TasksView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

impl Widget for TasksView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = split(area, self.store.tasks.focus);
        if let Some(area) = layout.lists {
            self.lists(area, buf);
        }
        if let Some(area) = layout.tasks {
            self.tasks(area, buf);
        }
        if let Some(area) = layout.detail {
            detail::DetailView { store: self.store, theme: self.theme }.render(area, buf);
        }
        if let Some(editor) = &self.store.tasks.note_editor {
            note::NoteEditorView { editor, theme: self.theme }.render(area, buf);
        }
    }
}

/// "[x]" completed, "[~]" in progress, "[ ]" otherwise.
pub(super) fn status_mark(status: &TaskStatus) -> &'static str {
    match status {
        TaskStatus::Completed => "[x]",
        TaskStatus::InProgress => "[~]",
        _ => "[ ]",
    }
}

/// "!" high, "↓" low, " " normal.
pub(super) fn importance_mark(importance: &Importance) -> &'static str {
    match importance {
        Importance::High => "!",
        Importance::Low => "↓",
        _ => " ",
    }
}

impl TasksView<'_> {
    fn lists(&self, area: Rect, buf: &mut Buffer) {
        let tasks = &self.store.tasks;
        let block = pane_block(Line::styled("Lists", self.theme.title), tasks.focus == TasksFocus::Lists, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some((text, style)) = not_ready(&tasks.lists, "the lists", self.theme) {
            return message_line(text, style, inner, buf);
        }
        let Some(lists) = tasks.lists.ready() else { return };
        if lists.is_empty() {
            return message_line("No lists (a adds one)".into(), self.theme.dim, inner, buf);
        }
        let names: Vec<NameRow> = lists
            .iter()
            .map(|list| {
                let note = if list.is_shared { " ⇄" } else { "" };
                let name = format!("{}{note}", sanitize::line(&list.name));
                NameRow { name, open: tasks.open_list.as_deref() == Some(list.id.as_str()) }
            })
            .collect();
        marked_names(&names, tasks.list_cursor, inner, self.theme, buf);
    }

    fn tasks_title(&self) -> String {
        let tasks = &self.store.tasks;
        let name =
            tasks.open_list_row().map_or_else(|| "Tasks".to_owned(), |list| sanitize::line(&list.name).into_owned());
        let Some(rows) = tasks.tasks.ready() else { return name };
        let open = rows.iter().filter(|t| !t.is_completed()).count();
        let mut title = format!("{name} · {open} open of {}", rows.len());
        let hidden = tasks.hidden_completed();
        if hidden > 0 {
            title.push_str(&format!(" · {hidden} done hidden"));
        }
        if let Some(order) = tasks.sort.label() {
            title.push_str(&format!(" · {order}"));
        }
        title
    }

    fn tasks(&self, area: Rect, buf: &mut Buffer) {
        let tasks = &self.store.tasks;
        let focused = tasks.focus == TasksFocus::Tasks;
        let block = pane_block(Line::styled(self.tasks_title(), self.theme.title), focused, self.theme);
        let mut inner = block.inner(area);
        block.render(area, buf);
        let shown = tasks.shown();
        if tasks.filter.is_active() {
            // The filter takes the last row of the list.
            inner.height = inner.height.saturating_sub(1);
            let row = Rect { y: inner.y + inner.height, height: 1, ..inner };
            Line::styled(tasks.filter.status_line(shown.len()), self.theme.marks).render(row, buf);
        }
        if let Some((text, style)) = not_ready(&tasks.tasks, "the tasks", self.theme) {
            return message_line(text, style, inner, buf);
        }
        let Some(rows) = tasks.tasks.ready() else { return };
        if shown.is_empty() {
            let text = if rows.is_empty() {
                "No tasks in this list (a adds one)"
            } else if !tasks.filter.text.is_empty() {
                "No task matches the filter (Esc clears it)"
            } else {
                "Every task is done (c shows them, a adds one)"
            };
            return message_line(text.into(), self.theme.dim, inner, buf);
        }
        let width = usize::from(inner.width);
        let cursor = tasks.task_cursor;
        let end = (cursor.offset + usize::from(inner.height)).min(shown.len());
        for (y, row) in (cursor.offset..end).enumerate() {
            let line = self.task_row(&rows[shown[row]], width, row == cursor.selected);
            line.render(Rect { y: inner.y + y as u16, height: 1, ..inner }, buf);
        }
    }

    fn task_row(&self, task: &Task, width: usize, selected: bool) -> Line<'static> {
        let base = if selected { self.theme.selected } else { Style::default() };
        let done = task.is_completed();
        let overdue = !done && task.due.zip(self.store.tasks.today).is_some_and(|(due, today)| due < today);
        let due = task.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let due_width = if width >= 40 { 10 } else { 0 };
        let title_width = width.saturating_sub(6 + if due_width > 0 { due_width + 1 } else { 0 });
        let title_style = if done { base.patch(self.theme.dim) } else { base };
        let due_style = if overdue { base.patch(self.theme.error) } else { base.patch(self.theme.dim) };
        let mut spans = vec![
            Span::styled(format!("{} ", status_mark(&task.status)), base.patch(self.theme.marks)),
            Span::styled(format!("{} ", importance_mark(&task.importance)), base.patch(self.theme.error)),
            Span::styled(cell(&sanitize::line(&task.title), title_width), title_style),
        ];
        if due_width > 0 {
            spans.push(Span::styled(format!(" {}", cell(&due, due_width)), due_style));
        }
        Line::from(spans)
    }
}
