//! The worker's answers to the settings screen.
use super::Outcome;
use crate::domain::mailbox_settings::{AutoReplies, MailboxSettings};
use crate::tui::loadable::Generation;

#[derive(Debug, Clone, PartialEq)]
pub enum SettingsMsg {
    Loaded {
        generation: Generation,
        result: Outcome<Box<MailboxSettings>>,
    },
    /// The replies as the service now has them.
    Saved(Outcome<Box<AutoReplies>>),
}
