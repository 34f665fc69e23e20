//! The mail pane's commands beyond reading: marking rows, organising the marked (or selected)
//! messages, categories, saving attachments, server search, quick filters, conversations and
//! folders.
//! Keymap names are listed in `MailOp::named` (bound in assets/keymap.toml, `[[mail]]`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailOp {
    /// Mark or unmark the selected row, then move down.
    ToggleMark,
    /// Mark every row shown, or clear the marks when all are marked.
    MarkAll,
    /// Read ↔ unread (unread when every target is read already).
    ToggleRead,
    ToggleFlag,
    /// To Deleted Items.
    Delete,
    /// Gone for good, after a yes/no.
    DeletePermanently,
    /// To the well-known `archive` folder.
    Archive,
    /// Pick a folder, then move there.
    Move,
    /// Pick a folder, then copy there.
    Copy,
    /// Save one attachment of the open message (picked when there are several).
    SaveAttachment,
    SaveAllAttachments,
    /// Save an attachment to a private temporary folder and open it with the system opener.
    OpenAttachment,
    /// Save the open message as an `.eml` file.
    SaveEml,
    /// Ask for text and search the folder on the server (`$search`).
    Search,
    UnreadOnly,
    FlaggedOnly,
    WithAttachments,
    /// Quick filter: from the selected message's sender (toggle).
    FromSender,
    /// Quick filter: ask for a day (or a range) the messages were received since.
    ReceivedSince,
    /// Quick filter: pick a category (again: off).
    CategoryOnly,
    /// Pick categories to toggle on the marked (or selected) messages.
    Categorize,
    /// Every message of the selected message's conversation.
    Conversation,
    /// A new folder under the selected folder.
    NewFolder,
    /// A new folder at the top level.
    NewTopFolder,
    RenameFolder,
    DeleteFolder,
}

impl MailOp {
    /// The action a keymap binding names.
    pub fn named(name: &str) -> Option<MailOp> {
        Some(match name {
            "mark" => MailOp::ToggleMark,
            "mark-all" => MailOp::MarkAll,
            "toggle-read" => MailOp::ToggleRead,
            "toggle-flag" => MailOp::ToggleFlag,
            "delete" => MailOp::Delete,
            "delete-permanently" => MailOp::DeletePermanently,
            "archive" => MailOp::Archive,
            "move" => MailOp::Move,
            "copy" => MailOp::Copy,
            "save-attachment" => MailOp::SaveAttachment,
            "save-attachments" => MailOp::SaveAllAttachments,
            "open-attachment" => MailOp::OpenAttachment,
            "save-eml" => MailOp::SaveEml,
            "search" => MailOp::Search,
            "unread-only" => MailOp::UnreadOnly,
            "flagged-only" => MailOp::FlaggedOnly,
            "with-attachments" => MailOp::WithAttachments,
            "from-sender" => MailOp::FromSender,
            "received-since" => MailOp::ReceivedSince,
            "category-only" => MailOp::CategoryOnly,
            "categorize" => MailOp::Categorize,
            "conversation" => MailOp::Conversation,
            "new-folder" => MailOp::NewFolder,
            "new-top-folder" => MailOp::NewTopFolder,
            "rename-folder" => MailOp::RenameFolder,
            "delete-folder" => MailOp::DeleteFolder,
            _ => return None,
        })
    }
}
