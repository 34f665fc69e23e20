//! The mail pane's commands beyond reading: marking rows, organising the marked (or selected)
//! messages, categories, saving attachments, server search, quick filters, conversations and
//! folders; going through messages from the reader, threads, links, text attachments, pipes.
//! Their keymap names are in keymap/names.rs (bound in assets/keymap.toml, `[[mail]]`).

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
    /// Open the next (previous) message of the list, from the reader too (aerc's `J`/`K`).
    NextMessage,
    PrevMessage,
    /// The list threaded by conversation, or flat again.
    ToggleThreads,
    /// List the open message's links (numbered as its footnotes) to open one.
    ListLinks,
    /// Show a text attachment (text/*, JSON, CSV) inside the reader.
    ViewAttachment,
    /// Ask for a command and pipe the message, as the reader shows it, to it.
    Pipe,
    /// The same with the message's MIME source.
    PipeSource,
}
