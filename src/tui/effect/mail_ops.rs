//! The mail pane's work orders beyond plain loads: a change over many messages, search,
//! quick-filter and conversation lists, attachments and `.eml` files to save or open, folder
//! changes and the master category list. The worker (worker/mail_ops.rs) maps each to Graph
//! calls; answers come back as `msg::mail_ops::MailOpsMsg`.
use crate::domain::QuickFilters;
use crate::tui::loadable::Generation;
use crate::tui::store::mail::ops::MessageChange;

/// The prompt's default folder for saving; like any folder typed, it is created (after a yes)
/// when missing.
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
    /// Save one attachment (id, name), or all of them, into the folder typed (`~` allowed);
    /// `create`: make the folder when it is missing (the user said yes), else ask.
    SaveAttachments {
        message_id: String,
        attachment: Option<(String, String)>,
        dir: String,
        create: bool,
    },
    OpenAttachment {
        message_id: String,
        attachment_id: String,
        name: String,
    },
    /// The message's MIME into `path` (a folder: saved there as `<subject>.eml`; a name
    /// ending in `.eml`: that file); `create` as for attachments.
    SaveEml {
        message_id: String,
        subject: String,
        path: String,
        create: bool,
    },
    /// Hand a link to the opener (http, https and mailto only; checked again there).
    OpenLink {
        url: String,
    },
    /// A text attachment's contents, to show in the reader.
    AttachmentText {
        message_id: String,
        attachment_id: String,
        name: String,
    },
    /// The message's MIME source, then the command it is piped to (run by the loop).
    PipeSource {
        message_id: String,
        command: String,
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

/// A command the message is piped to, with the terminal handed over as for `$EDITOR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeJob {
    /// As typed; run with `sh -c`.
    pub command: String,
    /// What the command reads on its standard input.
    pub input: Vec<u8>,
}
