//! What the worker says about the local cache: a sync's end, and whether the service can be
//! reached (a load it could not reach the service for was answered from the cache).
use chrono::{DateTime, Utc};

use super::Outcome;

/// A finished mail sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    pub at: DateTime<Utc>,
    /// New unread messages that arrived in the Inbox.
    pub new_in_inbox: usize,
    /// The first few of them by sender and subject (remote text), for a desktop notification.
    pub new_in_inbox_named: Vec<crate::domain::NewMail>,
    /// Folders whose messages changed (their ids).
    pub changed_folders: Vec<String>,
    /// The folder tree changed (a folder made, renamed, deleted, or counts moved).
    pub folders_changed: bool,
    /// The other panes whose data this sync brought up to date too (those `o365 sync` filled).
    pub panes: Vec<crate::tui::action::Pane>,
    /// A notice the sync left (the cache was rebuilt, a folder synced again from scratch).
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CacheMsg {
    Synced(Outcome<Synced>),
    /// The service could (`false`) or could not (`true`) be reached.
    Offline(bool),
}
