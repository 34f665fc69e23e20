//! The tasks pane's part of the store: the To Do lists, the open list's tasks (with their
//! checklists; which show and in what order is `shown.rs`), the cursors and focus, the pinned
//! "today", the note being edited and the writes not yet answered.
pub mod pending;
pub mod shown;

use super::super::loadable::Loadable;
use super::mail::Cursor;
use crate::domain::{ChecklistItem, Task, TaskList};
pub use crate::tui::layout::tasks::TasksFocus;
use chrono::NaiveDate;
pub use pending::{Pending, PendingWrites, Undo};
pub use shown::TaskSort;

use super::filter::ListFilter;

/// Ids given to what is created here until the service answers with its own.
pub const LOCAL_ID_PREFIX: &str = "local-";

pub fn is_local_id(id: &str) -> bool {
    id.starts_with(LOCAL_ID_PREFIX)
}

/// A collection this pane loads. A failure carries no load key: `r` loads again what the
/// pane shows (the lists, or the open list's tasks).
pub type Remote<T> = Loadable<T, ()>;

/// What an open prompt of the tasks pane is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskPrompt {
    NewList,
    RenameList { list_id: String },
    DeleteList { list_id: String },
    NewTask { list_id: String },
    Title { list_id: String, task_id: String },
    Due { list_id: String, task_id: String },
    DeleteTask { list_id: String, task_id: String },
    NewStep { list_id: String, task_id: String },
    DeleteStep { list_id: String, task_id: String, item_id: String },
}

/// A task's note open in the built-in editor (when neither `$VISUAL` nor `$EDITOR` is set).
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub list_id: String,
    pub task_id: String,
    /// The task's title, for the editor's frame (remote text: sanitise before drawing).
    pub title: String,
    pub area: ratatui_textarea::TextArea<'static>,
    /// The note as it was, so closing without a change writes nothing.
    pub original: String,
}

impl NoteEditor {
    pub fn new(list_id: String, task_id: String, title: String, note: &str) -> NoteEditor {
        let mut area = ratatui_textarea::TextArea::new(note.split('\n').map(str::to_owned).collect());
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor { list_id, task_id, title, area, original: note.to_owned() }
    }

    /// The text as typed, without trailing blank lines.
    pub fn text(&self) -> String {
        self.area.lines().join("\n").trim_end().to_owned()
    }
}

#[derive(Debug, Clone, Default)]
pub struct TasksState {
    pub focus: TasksFocus,
    /// The user's date when the UI started (set by the loop; tests pin it): overdue is before it.
    pub today: Option<NaiveDate>,
    pub lists: Remote<Vec<TaskList>>,
    pub list_cursor: Cursor,
    /// The list whose tasks are shown (or being loaded).
    pub open_list: Option<String>,
    pub tasks: Remote<Vec<Task>>,
    pub task_cursor: Cursor,
    /// The selected checklist item of the selected task (the detail column).
    pub step_cursor: usize,
    /// The task to select once the tasks arrive (the one selected when `r` reloaded them).
    pub reselect: Option<String>,
    pub writes: PendingWrites,
    /// Completed tasks show too (`c`); hidden at first.
    pub show_completed: bool,
    /// The order of the tasks column (`s`).
    pub sort: TaskSort,
    /// `/`: only the tasks whose title contains this text show.
    pub filter: ListFilter,
    /// The note being written in the built-in editor; it takes the keys while open.
    pub note_editor: Option<NoteEditor>,
}

impl TasksState {
    pub fn selected_list(&self) -> Option<&TaskList> {
        self.lists.ready()?.get(self.list_cursor.selected)
    }

    pub fn list(&self, list_id: &str) -> Option<&TaskList> {
        self.lists.ready()?.iter().find(|list| list.id == list_id)
    }

    pub fn open_list_row(&self) -> Option<&TaskList> {
        self.list(self.open_list.as_deref()?)
    }

    pub fn list_count(&self) -> usize {
        self.lists.ready().map_or(0, Vec::len)
    }

    /// How many tasks show (see `shown`).
    pub fn task_count(&self) -> usize {
        self.shown().len()
    }

    pub fn selected_task(&self) -> Option<&Task> {
        let index = *self.shown().get(self.task_cursor.selected)?;
        self.tasks.ready()?.get(index)
    }

    pub fn selected_step(&self) -> Option<&ChecklistItem> {
        self.selected_task()?.checklist.get(self.step_cursor)
    }

    /// The task `task_id` when it is in the open list `list_id`.
    pub fn task_mut(&mut self, list_id: &str, task_id: &str) -> Option<&mut Task> {
        if self.open_list.as_deref() != Some(list_id) {
            return None;
        }
        self.tasks.ready_mut()?.iter_mut().find(|task| task.id == task_id)
    }

    /// What is loading or saving, for the status bar.
    pub fn loading_what(&self) -> Vec<&'static str> {
        let mut what = Vec::new();
        if self.lists.is_loading() {
            what.push("lists");
        }
        if self.tasks.is_loading() {
            what.push("tasks");
        }
        if self.writes.is_busy() {
            what.push("saving");
        }
        what
    }
}
