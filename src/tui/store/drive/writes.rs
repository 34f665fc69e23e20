//! The Drive pane's writes shown before the service answered them: each has an undo record
//! (what to put back in the listing it changed if the service refuses it) and belongs to a
//! batch (one command on several marked items), whose notice counts what failed and why once
//! every write of it is answered.
use crate::tui::effect::LoadKey;
use crate::tui::effect::drive::OpId;
use crate::tui::msg::DriveEntry;
use crate::tui::msg::drive::PermissionRow;

/// What a write changed in a listing, so a refusal puts exactly that back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// Nothing showed the change (it was made from a search or to an item not listed).
    Nothing,
    /// A new folder shown under a local id: removed on a refusal, replaced on success.
    Created { listing: LoadKey, local_id: String },
    /// An item renamed: its old name.
    Renamed { listing: LoadKey, item_id: String, name: String },
    /// An item taken off the listing (deleted, moved away) at `index`.
    Removed { listing: LoadKey, index: usize, entry: DriveEntry },
    /// An item changed in place (a version restored): how it was.
    Changed { listing: LoadKey, before: DriveEntry },
    /// A permission taken off the permissions view of `item_id`, at `index`.
    Permission { item_id: String, index: usize, row: PermissionRow },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub op: OpId,
    pub batch: u64,
    /// The item's name (remote text), for a failure's notice.
    pub name: String,
    pub undo: Undo,
}

/// One command's writes: how to say what happened once all are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: u64,
    /// "Moving 3 items to Archive": the notice while it runs, and the start of a failure's.
    pub doing: String,
    /// "Moved 3 items to Archive": the notice when all went through.
    pub done: String,
    pub count: usize,
    pub waiting: usize,
    /// Each refused write: the item's name and why.
    pub failed: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Writes {
    pub pending: Vec<Pending>,
    pub batches: Vec<Batch>,
    last_op: OpId,
}

impl Writes {
    /// A new batch of `count` writes; its id.
    pub fn batch(&mut self, doing: String, done: String, count: usize) -> u64 {
        self.last_op += 1;
        let id = self.last_op;
        self.batches.push(Batch { id, doing, done, count, waiting: count, failed: Vec::new() });
        id
    }

    /// A write of `batch` on the item `name`, with what undoes it; its op id.
    pub fn push(&mut self, batch: u64, name: String, undo: Undo) -> OpId {
        self.last_op += 1;
        self.pending.push(Pending { op: self.last_op, batch, name, undo });
        self.last_op
    }

    /// The answered write, taken out of the pending ones.
    pub fn answered(&mut self, op: OpId) -> Option<Pending> {
        let at = self.pending.iter().position(|p| p.op == op)?;
        Some(self.pending.remove(at))
    }

    /// Counts an answer in its batch; the batch once every write of it is answered.
    pub fn settle(&mut self, batch: u64, failure: Option<(String, String)>) -> Option<Batch> {
        let at = self.batches.iter().position(|b| b.id == batch)?;
        let entry = &mut self.batches[at];
        entry.waiting = entry.waiting.saturating_sub(1);
        entry.failed.extend(failure);
        (entry.waiting == 0).then(|| self.batches.remove(at))
    }

    /// The local id of a folder made here, before the service names it.
    pub fn local_id(&mut self) -> String {
        self.last_op += 1;
        format!("{LOCAL_PREFIX}{}", self.last_op)
    }
}

/// Ids the service never uses: a folder shown before the service has made it.
pub const LOCAL_PREFIX: &str = "local:";
