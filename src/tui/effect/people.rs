//! The people pane's work orders: load the contact folders, the people of one source, a
//! colleague's manager; the contact writes, each tagged with the op id its answer carries back.
use crate::domain::Contact;
use crate::tui::loadable::Generation;
use crate::tui::store::people::Source;

pub use crate::tui::store::write_queue::OpId;
use crate::tui::store::write_queue::QueuedWrite;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleEffect {
    LoadSources {
        generation: Generation,
    },
    /// The people of `source`, those matching `search` when given (the directory needs one).
    LoadEntries {
        generation: Generation,
        source: Source,
        search: Option<String>,
    },
    LoadManager {
        user_id: String,
    },
    Write {
        op: OpId,
        write: ContactWrite,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactWrite {
    Create { folder_id: Option<String>, contact: Box<Contact> },
    Update { id: String, contact: Box<Contact> },
    Delete { id: String },
}

impl QueuedWrite for ContactWrite {
    fn rename_id(&mut self, from: &str, to: &str) {
        if let ContactWrite::Update { id, .. } | ContactWrite::Delete { id } = self
            && id == from
        {
            *id = to.to_owned();
        }
    }

    fn mentions(&self, id: &str) -> bool {
        matches!(self, ContactWrite::Update { id: own, .. } | ContactWrite::Delete { id: own } if own == id)
    }
}
