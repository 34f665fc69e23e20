//! Effects: the typed work orders `update` hands to the worker. They name what to load; the
//! worker decides how (which Graph calls).
use super::loadable::Generation;

/// What to load. Also the retry key of a failed load and the identity used to coalesce
/// identical loads in flight.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LoadKey {
    Folders,
    /// The first page of a folder's messages, newest first.
    Messages {
        folder_id: String,
    },
    /// The page behind a nextLink of that folder's listing.
    MoreMessages {
        folder_id: String,
        next_link: String,
    },
    Message {
        id: String,
    },
    /// The events (recurrences expanded) from `start` to `end`.
    Agenda {
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    },
    /// A drive folder's children; `None` is the root of the user's drive.
    DriveChildren {
        folder_id: Option<String>,
    },
}

/// Loads that replace one another: a new load in a slot makes the previous one stale, and the
/// worker cancels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Folders,
    MessageList,
    MessagePage,
    Reader,
    Agenda,
    DriveList,
}

impl LoadKey {
    pub fn slot(&self) -> Slot {
        match self {
            LoadKey::Folders => Slot::Folders,
            LoadKey::Messages { .. } => Slot::MessageList,
            LoadKey::MoreMessages { .. } => Slot::MessagePage,
            LoadKey::Message { .. } => Slot::Reader,
            LoadKey::Agenda { .. } => Slot::Agenda,
            LoadKey::DriveChildren { .. } => Slot::DriveList,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load {
        generation: Generation,
        key: LoadKey,
    },
    /// Nothing waits for this slot any more (e.g. the list was reset): stop its work.
    Cancel(Slot),
    /// Writing mail: drafts, sends, completion (src/tui/worker/compose.rs).
    Compose(super::compose::ComposeEffect),
    /// Hand the terminal to `$EDITOR`; run by the loop, not the worker (src/tui/editor.rs).
    RunEditor(super::editor::EditorJob),
}
