//! The settings screen's work orders: load the mailbox settings, save automatic replies.
use crate::domain::mailbox_settings::AutoReplies;
use crate::tui::loadable::Generation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsEffect {
    Load {
        generation: Generation,
    },
    /// Save the state, messages and audience of the automatic replies.
    SaveReplies(Box<AutoReplies>),
}
