//! The tasks pane's part of the store: the To Do lists, the open list's tasks (with their
//! checklists), the cursors and focus, the pinned "today" and the writes not yet answered.
pub mod pending;

use super::super::loadable::Loadable;
use super::mail::Cursor;
use crate::domain::{ChecklistItem, Task, TaskList};
pub use crate::tui::layout::tasks::TasksFocus;
use chrono::NaiveDate;
pub use pending::{Pending, PendingWrites, Undo};

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
    Note { list_id: String, task_id: String },
    DeleteTask { list_id: String, task_id: String },
    NewStep { list_id: String, task_id: String },
    DeleteStep { list_id: String, task_id: String, item_id: String },
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

    pub fn task_count(&self) -> usize {
        self.tasks.ready().map_or(0, Vec::len)
    }

    pub fn selected_task(&self) -> Option<&Task> {
        self.tasks.ready()?.get(self.task_cursor.selected)
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
