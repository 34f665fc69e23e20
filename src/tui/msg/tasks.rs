//! What the worker answers the tasks pane: the lists, one list's tasks, and each write's
//! outcome with the service's version of what it wrote; and what `$EDITOR` left of a note.
use super::Outcome;
use crate::domain::{ChecklistItem, Task, TaskList};
use crate::tui::effect::tasks::OpId;
use crate::tui::loadable::Generation;

#[derive(Debug, Clone, PartialEq)]
pub enum TaskMsg {
    Lists {
        generation: Generation,
        result: Outcome<Vec<TaskList>>,
    },
    Tasks {
        generation: Generation,
        result: Outcome<Vec<Task>>,
    },
    Written {
        op: OpId,
        result: Outcome<Written>,
    },
    /// The note's text as the editor left it, or why there is none (the editor failed or gave up).
    NoteEdited {
        list_id: String,
        task_id: String,
        result: Result<String, String>,
    },
}

/// The service's answer to a write: what it now holds (nothing after a delete).
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    List(TaskList),
    Task(Box<Task>),
    Step(ChecklistItem),
    Deleted,
}
