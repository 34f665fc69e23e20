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
}

/// Compose's keymap action names.
pub fn action_named(name: &str) -> Option<ComposeAction> {
    Some(match name {
        "compose" => ComposeAction::Open(Kind::New),
        "reply" => ComposeAction::Open(Kind::Reply),
        "reply-all" => ComposeAction::Open(Kind::ReplyAll),
        "forward" => ComposeAction::Open(Kind::Forward),
        "edit-draft" => ComposeAction::Open(Kind::Draft),
        "recover-draft" => ComposeAction::Recover,
        "compose-next-field" => ComposeAction::NextField,
        "compose-prev-field" => ComposeAction::PrevField,
        "compose-done" => ComposeAction::Done,
        "compose-send" => ComposeAction::Send,
        "compose-retry" => ComposeAction::Retry,
        "compose-edit" => ComposeAction::EditAgain,
        "compose-attach" => ComposeAction::Attach,
        "compose-attach-inline" => ComposeAction::AttachInline,
        "compose-save-draft" => ComposeAction::SaveDraft,
        "compose-discard" => ComposeAction::Discard,
        _ => return None,
    })
}
