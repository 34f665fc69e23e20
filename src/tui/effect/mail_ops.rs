//! The mail pane's work orders beyond plain loads: a change over many messages, search,
//! quick-filter and conversation lists, attachments and `.eml` files to save or open, folder
//! changes and the master category list. The worker (worker/mail_ops.rs) maps each to Graph
//! calls; answers come back as `msg::mail_ops::MailOpsMsg`.
use crate::domain::QuickFilters;
use crate::tui::loadable::Generation;
use crate::tui::store::mail::ops::MessageChange;

/// The prompt's default folder for saving; when it does not exist, the worker saves into the
/// current folder instead.
pub const DEFAULT_SAVE_DIR: &str = "~/Downloads";

/// What a list load asks for, beside a plain folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListQuery {
    /// `$search` over the folder (the text as typed; the query builder quotes it).
    Search(String),
    /// The folder through an OData `$filter` of the filters on.
    Filter(QuickFilters),
    /// Every message, in all folders, with this `conversationId`.
    Conversation(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderChange {
    Create { parent: Option<String>, name: String },
    Rename { id: String, name: String },
    Delete { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOpsEffect {
    /// Apply `change` to `ids`; `op` names the pending change in the store.
    Change {
        op: Generation,
        ids: Vec<String>,
        change: MessageChange,
    },
    List {
        generation: Generation,
        folder_id: String,
        query: ListQuery,
    },
    /// Save one attachment (id, name), or all of them, into the folder typed (`~` allowed).
    SaveAttachments {
        message_id: String,
        attachment: Option<(String, String)>,
        dir: String,
    },
    OpenAttachment {
        message_id: String,
        attachment_id: String,
        name: String,
    },
    /// The message's MIME into `path` (a folder: saved there as `<subject>.eml`).
    SaveEml {
        message_id: String,
        subject: String,
        path: String,
    },
    Folder {
        op: Generation,
        change: FolderChange,
    },
    /// The master category list.
    LoadCategories {
        generation: Generation,
    },
}
