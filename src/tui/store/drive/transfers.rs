//! The transfers view's state: every transfer of the session (downloads to open or save,
//! uploads, copies) with its progress, the attempts a failure used, and why it failed. At most
//! `MAX_RUNNING` run at once; the rest wait their turn in order.
use crate::tui::effect::drive::{TransferId, TransferJob};

/// Transfers running at once; the others wait.
pub const MAX_RUNNING: usize = 3;
/// Tries a transfer gets when it fails in a way that may pass (a cut connection, throttling, a
/// service error); the reason of each failure shows while it waits to run again.
pub const MAX_ATTEMPTS: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferState {
    /// Waiting for a free slot (again, after a failure that is tried again).
    Queued,
    Running,
    /// What it came to, for the view ("saved to ~/Downloads/a.pdf").
    Done(String),
    Failed(String),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub id: TransferId,
    pub job: TransferJob,
    /// What the view calls it: the item's or the local file's name (remote or typed text).
    pub name: String,
    pub state: TransferState,
    /// Bytes done and the total (a copy: percent of 100); the total is 0 until known.
    pub done: u64,
    pub total: u64,
    /// The attempt running or waiting (1 for the first).
    pub attempt: u32,
    /// Why the last attempt failed, while another one waits or runs.
    pub retry_reason: Option<String>,
}

impl Transfer {
    pub fn is_active(&self) -> bool {
        matches!(self.state, TransferState::Queued | TransferState::Running)
    }

    /// "↓" downloads, "↑" uploads, "⧉" copies.
    pub fn arrow(&self) -> &'static str {
        match self.job {
            TransferJob::Open { .. } | TransferJob::Save { .. } => "↓",
            TransferJob::Upload { .. } => "↑",
            TransferJob::Copy { .. } => "⧉",
        }
    }

    /// Whether `done`/`total` count percent rather than bytes.
    pub fn in_percent(&self) -> bool {
        matches!(self.job, TransferJob::Copy { .. })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Transfers {
    /// Oldest first.
    pub rows: Vec<Transfer>,
    pub last_id: TransferId,
    /// The view is shown (over the listing).
    pub open: bool,
    /// The selected row of the view.
    pub selected: usize,
}

impl Transfers {
    pub fn get_mut(&mut self, id: TransferId) -> Option<&mut Transfer> {
        self.rows.iter_mut().find(|t| t.id == id)
    }

    pub fn running(&self) -> usize {
        self.rows.iter().filter(|t| t.state == TransferState::Running).count()
    }

    pub fn active(&self) -> usize {
        self.rows.iter().filter(|t| t.is_active()).count()
    }

    pub fn selected(&self) -> Option<&Transfer> {
        self.rows.get(self.selected)
    }
}
