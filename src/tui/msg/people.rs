//! What the worker answers the people pane: the sources, one source's people, a manager, and
//! each contact write's outcome with the service's version of the contact.
use super::Outcome;
use crate::domain::Contact;
use crate::tui::effect::people::OpId;
use crate::tui::loadable::Generation;
use crate::tui::store::people::{Entry, Source};

#[derive(Debug, Clone, PartialEq)]
pub enum PeopleMsg {
    Sources {
        generation: Generation,
        result: Outcome<Vec<Source>>,
    },
    Entries {
        generation: Generation,
        result: Outcome<Vec<Entry>>,
    },
    /// "Name <address>" or none; a failure says why it is not shown.
    Manager {
        user_id: String,
        result: Outcome<Option<String>>,
    },
    /// The contact as the service now has it (nothing after a delete).
    Written {
        op: OpId,
        result: Outcome<Option<Box<Contact>>>,
    },
    /// What `$EDITOR` left in the contact's file.
    Edited(Result<String, String>),
}
