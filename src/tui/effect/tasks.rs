//! The tasks pane's work orders: load the To Do lists or one list's tasks, and the To Do
//! writes (lists, tasks, checklist items), each tagged with the op id its answer carries back;
//! and a note to edit in `$EDITOR` (run by the loop, like compose's editor).
use crate::domain::TaskEdit;
use crate::tui::loadable::Generation;

/// A task's note to edit in `$VISUAL`/`$EDITOR`: the loop hands the terminal over and answers
/// with `TaskMsg::NoteEdited` for this task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteJob {
    pub job: super::compose::EditorJob,
    pub list_id: String,
    pub task_id: String,
}

pub use crate::tui::store::write_queue::OpId;
use crate::tui::store::write_queue::QueuedWrite;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskEffect {
    LoadLists {
        generation: Generation,
    },
    /// The list's tasks with their checklist items.
    LoadTasks {
        generation: Generation,
        list_id: String,
    },
    Write {
        op: OpId,
        write: TaskWrite,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskWrite {
    CreateList { name: String },
    RenameList { list_id: String, name: String },
    DeleteList { list_id: String },
    CreateTask { list_id: String, title: String },
    UpdateTask { list_id: String, task_id: String, edit: TaskEdit },
    DeleteTask { list_id: String, task_id: String },
    AddStep { list_id: String, task_id: String, name: String },
    TickStep { list_id: String, task_id: String, item_id: String, checked: bool },
    DeleteStep { list_id: String, task_id: String, item_id: String },
}

impl TaskWrite {
    fn ids_mut(&mut self) -> Vec<&mut String> {
        match self {
            TaskWrite::CreateList { .. } => Vec::new(),
            TaskWrite::RenameList { list_id, .. }
            | TaskWrite::DeleteList { list_id }
            | TaskWrite::CreateTask { list_id, .. } => vec![list_id],
            TaskWrite::UpdateTask { list_id, task_id, .. }
            | TaskWrite::DeleteTask { list_id, task_id }
            | TaskWrite::AddStep { list_id, task_id, .. } => vec![list_id, task_id],
            TaskWrite::TickStep { list_id, task_id, item_id, .. }
            | TaskWrite::DeleteStep { list_id, task_id, item_id } => {
                vec![list_id, task_id, item_id]
            }
        }
    }
}

impl QueuedWrite for TaskWrite {
    /// True when the write names `id` (a list, task or checklist item).
    fn mentions(&self, id: &str) -> bool {
        self.clone().ids_mut().iter().any(|own| own.as_str() == id)
    }

    fn rename_id(&mut self, from: &str, to: &str) {
        for id in self.ids_mut() {
            if id == from {
                *id = to.to_owned();
            }
        }
    }
}
