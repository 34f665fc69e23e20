//! Event writes shown before the service answered them: each with what to put back if it is
//! refused (events added, changed, removed), sent one at a time in the order they were made,
//! so an edit of an event just created can learn its real id before it is sent.
use std::collections::{BTreeMap, VecDeque};

use crate::domain::Event;
use crate::tui::effect::calendar::{EventWrite, OpId};

/// Prefix of the ids of events shown before the service named them.
pub const LOCAL_EVENT_PREFIX: &str = "local-event-";

/// What a write changed among the loaded events, so a refusal puts exactly that back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventUndo {
    /// Events shown that the service has not made (a new event under a local id).
    pub added: Vec<String>,
    /// Events as they were before the change.
    pub changed: Vec<Event>,
    /// Events taken off the screen.
    pub removed: Vec<Event>,
    /// The invitation open in the mail reader was answered: its answer before.
    pub invitation_answer: Option<Option<crate::domain::ResponseType>>,
}

/// A write not yet answered: its undo record, what it is called in a notice, and whether the
/// period is loaded again once it is done (a series changes occurrences not drawn yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingEvent {
    pub undo: EventUndo,
    pub what: String,
    pub reload: bool,
}

#[derive(Debug, Clone, Default)]
pub struct EventWrites {
    pub pending: BTreeMap<OpId, PendingEvent>,
    pub queue: VecDeque<(OpId, EventWrite)>,
    pub in_flight: Option<OpId>,
    last_id: u64,
}

impl EventWrites {
    pub fn push(&mut self, write: EventWrite, pending: PendingEvent) -> OpId {
        self.last_id += 1;
        let op = self.last_id;
        self.pending.insert(op, pending);
        self.queue.push_back((op, write));
        op
    }

    /// An id for an event made here until the service names it.
    pub fn local_id(&mut self) -> String {
        self.last_id += 1;
        format!("{LOCAL_EVENT_PREFIX}{}", self.last_id)
    }

    pub fn next_to_send(&mut self) -> Option<(OpId, EventWrite)> {
        if self.in_flight.is_some() {
            return None;
        }
        let (op, write) = self.queue.pop_front()?;
        self.in_flight = Some(op);
        Some((op, write))
    }

    pub fn answered(&mut self, op: OpId) -> Option<PendingEvent> {
        if self.in_flight != Some(op) {
            return None;
        }
        self.in_flight = None;
        self.pending.remove(&op)
    }

    /// An event made under `from` is the service's `to`: waiting writes use the real id.
    pub fn rename_id(&mut self, from: &str, to: &str) {
        for (_, write) in &mut self.queue {
            write.rename_id(from, to);
        }
    }

    /// The event made under the local id `id` was refused: writes waiting to change it go.
    pub fn drop_writes_to(&mut self, id: &str) {
        let pending = &mut self.pending;
        self.queue.retain(|(op, write)| {
            let keep = write.target() != Some(id);
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
