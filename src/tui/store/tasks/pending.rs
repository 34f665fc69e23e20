//! The To Do writes shown before the service answered them: each has an undo record (what to
//! put back if the service refuses it) and waits in one queue, sent one at a time, so writes
//! reach the service in the order they were made and a write to something just created can
//! still learn its real id before it is sent.
use std::collections::{BTreeMap, VecDeque};

use super::LOCAL_ID_PREFIX;
use crate::domain::{ChecklistItem, Task, TaskField, TaskList};
use crate::tui::effect::tasks::{OpId, TaskWrite};

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

#[derive(Debug, Clone, Default)]
pub struct PendingWrites {
    pub pending: BTreeMap<OpId, Pending>,
    /// Writes not sent yet, oldest first.
    pub queue: VecDeque<(OpId, TaskWrite)>,
    /// The write the worker is doing now.
    pub in_flight: Option<OpId>,
    last_id: u64,
}

impl PendingWrites {
    /// Records a write made in the store: it is sent once the ones before it are answered.
    pub fn push(&mut self, write: TaskWrite, undo: Undo, what: String) -> OpId {
        self.last_id += 1;
        let op = self.last_id;
        self.pending.insert(op, Pending { undo, what });
        self.queue.push_back((op, write));
        op
    }

    /// An id for something created here until the service names it.
    pub fn local_id(&mut self) -> String {
        self.last_id += 1;
        format!("{LOCAL_ID_PREFIX}{}", self.last_id)
    }

    /// The next write to send, when none is being done.
    pub fn next_to_send(&mut self) -> Option<(OpId, TaskWrite)> {
        if self.in_flight.is_some() {
            return None;
        }
        let (op, write) = self.queue.pop_front()?;
        self.in_flight = Some(op);
        Some((op, write))
    }

    /// Takes the answered write `op` (when it is the one being done) with its record.
    pub fn answered(&mut self, op: OpId) -> Option<Pending> {
        if self.in_flight != Some(op) {
            return None;
        }
        self.in_flight = None;
        self.pending.remove(&op)
    }

    /// Something created under `from` now has the service's id `to`: writes still waiting
    /// and their undo records use it from here on.
    pub fn rename_id(&mut self, from: &str, to: &str) {
        for (_, write) in &mut self.queue {
            write.rename_id(from, to);
        }
        for pending in self.pending.values_mut() {
            pending.undo.rename_id(from, to);
        }
    }

    /// What was created under the local id `id` was refused: writes waiting to change it are
    /// dropped with their records (what they changed went with it).
    pub fn drop_writes_to(&mut self, id: &str) {
        let pending = &mut self.pending;
        self.queue.retain(|(op, write)| {
            let keep = !write.mentions(id);
            if !keep {
                pending.remove(op);
            }
            keep
        });
    }

    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some() || !self.queue.is_empty()
    }
}
