//! Writes shown before the service answered them, for every pane that writes (To Do, contacts,
//! events): each with a record of what to put back if it is refused, sent one at a time in the
//! order they were made, so a write to something just created can learn its real id first.

use std::collections::{BTreeMap, VecDeque};

/// Names one write from the store to its answer.
pub type OpId = u64;

/// What the queue needs of a write: the ids it names, to follow a local id to the service's.
pub trait QueuedWrite {
    /// Uses `to` wherever the write named `from`.
    fn rename_id(&mut self, from: &str, to: &str);
    /// True when the write names `id`.
    fn mentions(&self, id: &str) -> bool;
}

#[derive(Debug, Clone)]
pub struct WriteQueue<W, P> {
    /// The record of every write not answered yet (waiting or in flight).
    pub pending: BTreeMap<OpId, P>,
    /// Writes not sent yet, oldest first.
    pub queue: VecDeque<(OpId, W)>,
    /// The write the worker is doing now.
    pub in_flight: Option<OpId>,
    last_id: u64,
}

impl<W, P> Default for WriteQueue<W, P> {
    fn default() -> Self {
        WriteQueue { pending: BTreeMap::new(), queue: VecDeque::new(), in_flight: None, last_id: 0 }
    }
}

impl<W: QueuedWrite, P> WriteQueue<W, P> {
    /// Records a write made in the store: it is sent once the ones before it are answered.
    pub fn push(&mut self, write: W, record: P) -> OpId {
        let op = self.next_number();
        self.pending.insert(op, record);
        self.queue.push_back((op, write));
        op
    }

    /// A number never handed out before (op ids, local ids).
    pub fn next_number(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    /// The next write to send, when none is being done.
    pub fn next_to_send(&mut self) -> Option<(OpId, W)> {
        if self.in_flight.is_some() {
            return None;
        }
        let (op, write) = self.queue.pop_front()?;
        self.in_flight = Some(op);
        Some((op, write))
    }

    /// Takes the answered write `op` (when it is the one being done) with its record.
    pub fn answered(&mut self, op: OpId) -> Option<P> {
        if self.in_flight != Some(op) {
            return None;
        }
        self.in_flight = None;
        self.pending.remove(&op)
    }

    /// Something created under `from` is the service's `to`: writes waiting use the real id.
    pub fn rename_in_queue(&mut self, from: &str, to: &str) {
        for (_, write) in &mut self.queue {
            write.rename_id(from, to);
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
