//! Contact writes shown before the service answered: each with what to put back if it is
//! refused, sent one at a time in the order they were made.
use std::collections::{BTreeMap, VecDeque};

use crate::domain::Contact;
use crate::tui::effect::people::{ContactWrite, OpId};

/// What a write changed in the shown list, so a refusal puts exactly that back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactUndo {
    /// A contact shown under a local id: removed on a refusal.
    Created {
        local_id: String,
    },
    Changed {
        before: Box<Contact>,
    },
    Deleted {
        index: usize,
        contact: Box<Contact>,
    },
}

/// A write not yet answered: its undo record and what it is called in an error notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingContact {
    pub undo: ContactUndo,
    pub what: String,
}

#[derive(Debug, Clone, Default)]
pub struct ContactWrites {
    pub pending: BTreeMap<OpId, PendingContact>,
    pub queue: VecDeque<(OpId, ContactWrite)>,
    pub in_flight: Option<OpId>,
    last_id: u64,
}

impl ContactWrites {
    pub fn push(&mut self, write: ContactWrite, undo: ContactUndo, what: String) -> OpId {
        self.last_id += 1;
        let op = self.last_id;
        self.pending.insert(op, PendingContact { undo, what });
        self.queue.push_back((op, write));
        op
    }

    /// An id for a contact made here until the service names it.
    pub fn local_id(&mut self) -> String {
        self.last_id += 1;
        format!("local-contact-{}", self.last_id)
    }

    pub fn next_to_send(&mut self) -> Option<(OpId, ContactWrite)> {
        if self.in_flight.is_some() {
            return None;
        }
        let (op, write) = self.queue.pop_front()?;
        self.in_flight = Some(op);
        Some((op, write))
    }

    pub fn answered(&mut self, op: OpId) -> Option<PendingContact> {
        if self.in_flight != Some(op) {
            return None;
        }
        self.in_flight = None;
        self.pending.remove(&op)
    }

    /// A contact made under `from` is the service's `to`: waiting writes use the real id.
    pub fn rename_id(&mut self, from: &str, to: &str) {
        for (_, write) in &mut self.queue {
            write.rename_id(from, to);
        }
    }

    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some() || !self.queue.is_empty()
    }
}
