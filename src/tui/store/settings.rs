//! The settings screen's part of the store: whether it is open, the mailbox settings, and the
//! automatic-replies change being saved (with what to put back if the service refuses it).
use crate::domain::mailbox_settings::{AutoReplies, MailboxSettings};
use crate::tui::loadable::Loadable;

/// What a settings prompt asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsPrompt {
    /// The message people get (inside and, unless it differs, outside).
    Message,
    /// The last day of scheduled replies.
    Until,
}

#[derive(Debug, Clone, Default)]
pub struct SettingsState {
    pub open: bool,
    pub settings: Loadable<MailboxSettings, ()>,
    /// The replies before the change being saved; `Some` while a save runs.
    pub saving: Option<AutoReplies>,
}
