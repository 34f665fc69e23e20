//! The mail pane's organising state: marked rows, what the list shows (a folder, search
//! results, a quick filter, a conversation), the picker overlay, and the optimistic changes
//! waiting for the service's answer (with what to restore when it refuses).
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::MessageSummary;
use crate::tui::loadable::Generation;
use crate::tui::msg::FolderRow;

/// What the message list holds besides a plain folder listing. Esc returns to the folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ListView {
    #[default]
    Folder,
    /// `$search` results over the folder.
    Search { folder_id: String, text: String },
    /// The folder through the quick filters.
    Filtered { folder_id: String, filters: QuickFilters },
    /// Every message (all folders) of one conversation.
    Conversation { folder_id: String, conversation_id: String, subject: String },
}

impl ListView {
    /// The folder the view was made from (the open folder when it began).
    pub fn folder_id(&self) -> Option<&str> {
        match self {
            ListView::Folder => None,
            ListView::Search { folder_id, .. }
            | ListView::Filtered { folder_id, .. }
            | ListView::Conversation { folder_id, .. } => Some(folder_id),
        }
    }
}

/// Quick filters, each a toggle; the list is reloaded with an OData `$filter` of those on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct QuickFilters {
    pub unread: bool,
    pub flagged: bool,
    pub attachments: bool,
}

impl QuickFilters {
    pub fn any(&self) -> bool {
        self.unread || self.flagged || self.attachments
    }

    /// "unread, flagged", for titles.
    pub fn describe(&self) -> String {
        let on = [(self.unread, "unread"), (self.flagged, "flagged"), (self.attachments, "with attachments")];
        on.iter().filter(|(set, _)| *set).map(|(_, name)| *name).collect::<Vec<_>>().join(", ")
    }
}

/// What a pick in the picker overlay is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    MoveTo { ids: Vec<String> },
    CopyTo { ids: Vec<String> },
    SaveAttachment { message_id: String },
    OpenAttachment { message_id: String },
}

/// One choice in the picker: what is shown, its depth (folders nest), what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub label: String,
    pub depth: usize,
    /// A folder id or an attachment id.
    pub value: String,
}

/// A list to choose from over the pane (a folder for move/copy, an attachment); typing
/// filters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    pub typed: String,
    /// Indices into `items` that match `typed`.
    pub matches: Vec<usize>,
    /// Row within `matches`.
    pub selected: usize,
    pub purpose: PickFor,
}

impl Picker {
    pub fn new(title: impl Into<String>, items: Vec<PickItem>, purpose: PickFor) -> Self {
        let matches = (0..items.len()).collect();
        Picker { title: title.into(), items, typed: String::new(), matches, selected: 0, purpose }
    }

    pub fn refilter(&mut self) {
        let needle = self.typed.to_lowercase();
        self.matches =
            (0..self.items.len()).filter(|&i| self.items[i].label.to_lowercase().contains(&needle)).collect();
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.items.get(*self.matches.get(self.selected)?)
    }
}

/// What an answered prompt of the mail pane does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailPrompt {
    DeletePermanently {
        ids: Vec<String>,
    },
    /// Save one attachment (`None`: all) of a message into the typed folder.
    SaveAttachments {
        message_id: String,
        attachment: Option<(String, String)>,
    },
    SaveEml {
        message_id: String,
        subject: String,
    },
    Search {
        folder_id: String,
    },
    CreateFolder {
        parent: Option<String>,
    },
    RenameFolder {
        id: String,
    },
    DeleteFolder {
        id: String,
    },
}

/// A change to messages, as the service is asked to make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageChange {
    Read(bool),
    Flag(bool),
    /// To a folder id or well-known name.
    Move(String),
    Copy(String),
    Delete,
    PermanentDelete,
}

impl MessageChange {
    /// Rows leave the list when the change is made.
    pub fn removes(&self) -> bool {
        matches!(self, MessageChange::Move(_) | MessageChange::Delete | MessageChange::PermanentDelete)
    }

    /// "moved", for "2 of 40 could not be moved".
    pub fn past(&self) -> &'static str {
        match self {
            MessageChange::Read(true) => "marked read",
            MessageChange::Read(false) => "marked unread",
            MessageChange::Flag(true) => "flagged",
            MessageChange::Flag(false) => "unflagged",
            MessageChange::Move(_) => "moved",
            MessageChange::Copy(_) => "copied",
            MessageChange::Delete => "deleted",
            MessageChange::PermanentDelete => "deleted for good",
        }
    }
}

/// An optimistic change sent to the service: what to put back for the ids it refuses.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingChange {
    pub change: MessageChange,
    /// The list (open folder) the rows were changed in.
    pub folder_id: Option<String>,
    /// The rows as they were, with their index in the loaded list.
    pub before: Vec<(usize, MessageSummary)>,
    /// Where moved or copied rows were counted (a folder id in the tree), to undo the counts.
    pub destination: Option<String>,
}

/// A folder change sent to the service, and how to undo it locally.
#[derive(Debug, Clone, PartialEq)]
pub enum PendingFolder {
    /// A placeholder row with a temporary id, replaced by the real one.
    Created {
        temp_id: String,
    },
    Renamed {
        id: String,
        old_name: String,
    },
    /// The rows taken out, with where they were.
    Deleted {
        at: usize,
        rows: Vec<FolderRow>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct MailOps {
    /// Marked message ids.
    pub marked: BTreeSet<String>,
    pub view: ListView,
    pub picker: Option<Picker>,
    pub pending: BTreeMap<Generation, PendingChange>,
    pub pending_folders: BTreeMap<Generation, PendingFolder>,
}
