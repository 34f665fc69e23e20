//! The To Do writes shown before the service answered them: each has an undo record (what to
//! put back if the service refuses it) and waits in the one write queue every pane uses, sent
//! one at a time, so writes reach the service in the order they were made and a write to
//! something just created can still learn its real id before it is sent.
use super::LOCAL_ID_PREFIX;
use crate::domain::{ChecklistItem, Task, TaskField, TaskList};
use crate::tui::effect::tasks::TaskWrite;
use crate::tui::store::write_queue::WriteQueue;

/// What a write changed in the store, so a refusal puts exactly that back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A list shown under a local id: removed on a refusal.
    ListCreated {
        list_id: String,
    },
    ListRenamed {
        list_id: String,
        name: String,
    },
    ListDeleted {
        index: usize,
        list: TaskList,
    },
    TaskCreated {
        list_id: String,
        task_id: String,
    },
    TaskChanged {
        list_id: String,
        task_id: String,
        before: TaskField,
    },
    TaskDeleted {
        list_id: String,
        index: usize,
        task: Task,
    },
    StepAdded {
        list_id: String,
        task_id: String,
        item_id: String,
    },
    StepTicked {
        list_id: String,
        task_id: String,
        before: ChecklistItem,
    },
    StepDeleted {
        list_id: String,
        task_id: String,
        index: usize,
        item: ChecklistItem,
    },
}

impl Undo {
    /// The local id `from` became the service's `to`.
    fn rename_id(&mut self, from: &str, to: &str) {
        let swap = |id: &mut String| {
            if id == from {
                *id = to.to_owned();
            }
        };
        match self {
            Undo::ListCreated { list_id } | Undo::ListRenamed { list_id, .. } => swap(list_id),
            Undo::ListDeleted { list, .. } => swap(&mut list.id),
            Undo::TaskCreated { list_id, task_id } | Undo::TaskChanged { list_id, task_id, .. } => {
                swap(list_id);
                swap(task_id);
            }
            Undo::TaskDeleted { list_id, task, .. } => {
                swap(list_id);
                swap(&mut task.id);
            }
            Undo::StepAdded { list_id, task_id, item_id } => {
                swap(list_id);
                swap(task_id);
                swap(item_id);
            }
            Undo::StepTicked { list_id, task_id, before: item } | Undo::StepDeleted { list_id, task_id, item, .. } => {
                swap(list_id);
                swap(task_id);
                swap(&mut item.id);
            }
        }
    }
}

/// A write not yet answered: its undo record and what it is called in an error notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub undo: Undo,
    /// E.g. "Completing `Buy milk`".
    pub what: String,
}

/// The To Do writes in flight and waiting (src/tui/store/write_queue.rs).
pub type PendingWrites = WriteQueue<TaskWrite, Pending>;

impl PendingWrites {
    /// An id for something created here until the service names it.
    pub fn local_id(&mut self) -> String {
        format!("{LOCAL_ID_PREFIX}{}", self.next_number())
    }

    /// Something created under `from` now has the service's id `to`: writes still waiting
    /// and their undo records use it from here on.
    pub fn rename_id(&mut self, from: &str, to: &str) {
        self.rename_in_queue(from, to);
        for pending in self.pending.values_mut() {
            pending.undo.rename_id(from, to);
        }
    }
}
