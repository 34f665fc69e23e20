//! Writing mail's actions: open a new message, reply, forward or a draft; the built-in
//! editor's keys; the review screen's commands.
use ratatui::crossterm::event::KeyEvent;

use crate::tui::store::compose::Kind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposeAction {
    /// Mail pane: write a new message, reply, reply to all, forward, resume a draft.
    Open(Kind),
    /// Reopen the oldest leftover draft from an earlier run.
    Recover,
    /// A key for the built-in editor.
    Key(KeyEvent),
    NextField,
    PrevField,
    /// Leave the editor for the review screen.
    Done,
    Send,
    Retry,
    EditAgain,
    Attach,
    /// Review: ask for an image to show inside the body.
    AttachInline,
    SaveDraft,
    Discard,
    /// Review: take an attachment off the message (asks which when there are several).
    RemoveAttachment,
    /// Review: pick a file of the own OneDrive and put a sharing link to it in the body.
    LinkDriveFile,
}
