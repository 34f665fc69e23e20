//! Contact writes shown before the service answered: each with what to put back if it is
//! refused, in the one write queue every pane uses (sent one at a time, in order).
use crate::domain::Contact;
use crate::tui::effect::people::ContactWrite;
use crate::tui::store::write_queue::WriteQueue;

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

/// The contact writes in flight and waiting (src/tui/store/write_queue.rs).
pub type ContactWrites = WriteQueue<ContactWrite, PendingContact>;

impl ContactWrites {
    /// An id for a contact made here until the service names it.
    pub fn local_id(&mut self) -> String {
        format!("local-contact-{}", self.next_number())
    }
}
