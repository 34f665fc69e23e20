//! Writing mail in the TUI: new messages, replies, replies to all, forwards and resumed
//! drafts; `$EDITOR` or the built-in editor, a review screen, and drafts that are never lost
//! (a local file before anything is sent, removed once the service has the message).
pub mod answers;
pub mod completion;
pub mod drafts;
pub mod header;
pub mod messages;
pub mod quit;
pub mod quote;
pub mod state;
pub mod update;
pub mod view;

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use messages::{ComposeAction, ComposeEffect, ComposeMsg};
pub use state::{ComposeState, Kind, Mode};

use super::action::Action;
use super::input::Input;
use super::keymap::{Context, Keymap};
use super::store::Store;
use crate::domain::Body;
use o365_graph::dto::ItemBody;

/// What a compose prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposePrompt {
    AttachPath,
    /// The path of an image to show inside the body.
    InlineImagePath,
    Discard,
    /// Quitting with unsent text: save it to Drafts first?
    SaveAndQuit,
    /// Quitting while a send runs or after one failed: quit anyway?
    QuitAnyway,
}

/// Where a key goes while a message is being written; `None` when compose is closed (or the
/// help overlay is up) and the usual keymap applies.
pub fn route_key(store: &Store, keymap: &Keymap, key: &KeyEvent) -> Option<Input> {
    let compose = store.compose.open.as_ref()?;
    if store.help_open {
        return None;
    }
    let bound = keymap.action_in(Context::Compose, key);
    let action = match compose.mode {
        Mode::Editor => {
            let printable = matches!(key.code, KeyCode::Char(_))
                && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match bound {
                Some(Action::Compose(
                    a @ (ComposeAction::NextField | ComposeAction::PrevField | ComposeAction::Done),
                )) if !printable => Action::Compose(a),
                _ => Action::Compose(ComposeAction::Key(*key)),
            }
        }
        Mode::Review => match bound.or_else(|| keymap.action_in(Context::Global, key)) {
            Some(action) => action,
            None => return Some(Input::Ignore),
        },
        Mode::Preparing | Mode::External => match keymap.action_in(Context::Global, key) {
            Some(action @ Action::Quit) => action,
            _ => return Some(Input::Ignore),
        },
    };
    Some(Input::Action(action))
}

/// The quoted original as text lines, `> ` in front, for the editor file and the screen.
pub fn quote_lines(body: &ItemBody) -> Vec<String> {
    let text = crate::render::body_text(&Body::from(body), 76);
    text.lines().map(|line| format!("> {}", crate::sanitize::line(line))).collect()
}

/// An attachment from a local file.
pub fn attachment_ref(path: &Path, size: u64) -> state::AttachmentRef {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
    state::AttachmentRef { path: Some(path.to_path_buf()), name, size }
}

/// `1.2 MB`, `340 KB`, `12 B`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} B"),
    }
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

#[cfg(test)]
mod tests;
