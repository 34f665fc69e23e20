//! The mail pane's organising state: marked rows, what the list shows (a folder, search
//! results, quick filters, a conversation), the picker overlay, the master category list, and
//! the optimistic changes waiting for the service's answer (with what to restore when it
//! refuses).
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use crate::domain::time_zones::format_in_zone;
use crate::domain::{MessageSummary, QuickFilters};
use crate::sanitize;
use crate::tui::loadable::{Generation, Loadable};
use crate::tui::msg::FolderRow;

/// What the message list holds besides a plain folder listing. Esc returns to the folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ListView {
    #[default]
    Folder,
    /// Search results over the folder: the service's `$search`, or (`local`) the local cache's
    /// full-text index, updated as the text is typed.
    Search { folder_id: String, text: String, local: bool },
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

/// "unread, from a@b.c, received since 2026-11-01", for the list's title (remote text
/// sanitised).
pub fn describe_filters(filters: &QuickFilters, zone: &Tz) -> String {
    let day = |t: &DateTime<Utc>| format_in_zone(t, zone, "%Y-%m-%d");
    let flags = [(filters.unread, "unread"), (filters.flagged, "flagged"), (filters.attachments, "with attachments")];
    let mut parts: Vec<String> = flags.iter().filter(|(on, _)| *on).map(|(_, name)| (*name).to_owned()).collect();
    if let Some(address) = &filters.from {
        parts.push(format!("from {}", sanitize::line(address)));
    }
    // `until` is exclusive: the last day shown is the one before it.
    let last = filters.until.map(|t| day(&(t - TimeDelta::seconds(1))));
    match (filters.since.as_ref().map(day), last) {
        (Some(since), Some(last)) => parts.push(format!("received {since} – {last}")),
        (Some(since), None) => parts.push(format!("received since {since}")),
        (None, Some(last)) => parts.push(format!("received until {last}")),
        (None, None) => {}
    }
    if let Some(name) = &filters.category {
        parts.push(format!("in {}", sanitize::line(name)));
    }
    parts.join(", ")
}

/// A category of the master list, as the mail pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    /// As the server sent it: sanitise before drawing.
    pub name: String,
    /// N of the `presetN` colour; `None` for no colour.
    pub preset: Option<u8>,
}

/// The preset colour of a category name (any case), when the master list knows it.
pub fn preset_of(master: &[CategoryRow], name: &str) -> Option<u8> {
    master.iter().find(|c| c.name.to_lowercase() == name.to_lowercase())?.preset
}

/// What a pick in the picker overlay is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    MoveTo {
        ids: Vec<String>,
    },
    /// Toggle categories on these messages (the picker stays open).
    Categorize {
        ids: Vec<String>,
    },
    /// The quick filter "with this category".
    FilterCategory {
        folder_id: String,
    },
    CopyTo {
        ids: Vec<String>,
    },
    SaveAttachment {
        message_id: String,
    },
    OpenAttachment {
        message_id: String,
    },
    /// Open one of the open message's links.
    OpenLink,
    /// Show a text attachment in the reader.
    ViewAttachment {
        message_id: String,
    },
}

/// One choice in the picker: what is shown, its depth (folders nest), what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickItem {
    pub label: String,
    pub depth: usize,
    /// A folder id, an attachment id or a category name.
    pub value: String,
    /// Drawn before the label, not matched by typing: `[x]` every target has the category,
    /// `[-]` some, `[ ]` none.
    pub mark: &'static str,
    /// A colour swatch (a category's preset number).
    pub swatch: Option<u8>,
}

/// A list to choose from over the pane (a folder for move/copy, an attachment); typing
/// filters it. `P` says what a pick is for (the Drive pane keeps its purpose beside it: `()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker<P = PickFor> {
    pub title: String,
    pub items: Vec<PickItem>,
    pub typed: String,
    /// Indices into `items` that match `typed`.
    pub matches: Vec<usize>,
    /// Row within `matches`.
    pub selected: usize,
    pub purpose: P,
    /// The key line, when Enter does something else than pick and close.
    pub hint: Option<&'static str>,
}

impl<P> Picker<P> {
    pub fn new(title: impl Into<String>, items: Vec<PickItem>, purpose: P) -> Self {
        let matches = (0..items.len()).collect();
        Picker { title: title.into(), items, typed: String::new(), matches, selected: 0, purpose, hint: None }
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
    /// A search of the folder: on the server, or (`local`) in the local cache as it is typed;
    /// Tab switches.
    Search {
        folder_id: String,
        local: bool,
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
    /// The quick filter "received since DAY" (or `A..B`) over the folder.
    ReceivedRange {
        folder_id: String,
    },
    /// The command the open message (`source`: its MIME source) is piped to.
    Pipe {
        message_id: String,
        source: bool,
    },
    /// The folder to save into is missing: yes creates it, then saves.
    CreateAndSave {
        folder: std::path::PathBuf,
        retry: Box<crate::tui::effect::mail_ops::MailOpsEffect>,
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
    /// `name` added to (`add`) or taken from each message; `lists` holds each message's whole
    /// new list, as the service is sent it (a PATCH replaces the list).
    Categories {
        name: String,
        add: bool,
        lists: Vec<(String, Vec<String>)>,
    },
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
            MessageChange::Categories { add: true, .. } => "categorised",
            MessageChange::Categories { add: false, .. } => "uncategorised",
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
    /// Made on its own (the reader marking a message read): no notice when it works.
    pub quiet: bool,
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
    /// The master category list, loaded once at start (colours in the list, the picker).
    pub categories: Loadable<Vec<CategoryRow>, ()>,
    /// A categories picker asked for before the list arrived; opened when it does.
    pub waiting_picker: Option<PickFor>,
    /// Searching the local cache as the text is typed.
    pub local_search: LocalSearch,
}

/// The local search's state: which way `s` searches, and the one answer still of use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalSearch {
    /// `s` searches the local cache (Tab in its prompt switches; kept for the session).
    pub preferred: bool,
    /// The answer for the text typed last; answers for earlier text are dropped. The list
    /// keeps showing the previous results meanwhile, so typing never blanks it.
    pub awaiting: Option<Generation>,
}
