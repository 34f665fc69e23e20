//! Quitting (`q`, Ctrl-C) while a message is being written never drops it unasked. With text
//! the service does not have yet, the question is whether to save it to Drafts and quit (the
//! way mutt offers to postpone): `y` saves and quits once the service has it, `n` or Esc goes
//! back to the message. While a send runs or after one failed, `y` quits at once and the text
//! stays in the local draft, which the next start offers (`C`).
use super::save_to_drafts;
use crate::tui::effect::Effect;
use crate::tui::store::Store;
use crate::tui::store::compose::{ComposePrompt, Mode, Status};
use crate::tui::store::prompt::{Prompt, Purpose};

pub const SAVE_AND_QUIT: &str = "Unsent message: save it to Drafts and quit?";
pub const QUIT_ANYWAY: &str = "Quit anyway? C reopens the unsent message at the next start";

/// The quit action: quits, or asks first when a message with text is open.
pub fn quit(store: &mut Store) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_ref().filter(|c| c.has_text()) else {
        store.quit = true;
        return Vec::new();
    };
    let asking = store.prompt.as_ref().map(|p| &p.purpose);
    if matches!(asking, Some(Purpose::Compose(ComposePrompt::SaveAndQuit | ComposePrompt::QuitAnyway))) {
        // Asked already: the question stays until it is answered.
        return Vec::new();
    }
    let text_on_disk = compose.is_busy() || matches!(compose.status, Status::Failed { .. });
    let (title, purpose) = if text_on_disk {
        (QUIT_ANYWAY, ComposePrompt::QuitAnyway)
    } else {
        (SAVE_AND_QUIT, ComposePrompt::SaveAndQuit)
    };
    store.prompt = Some(Prompt::yes_no(title, Purpose::Compose(purpose)));
    Vec::new()
}

/// `y` to saving before quitting: the text (the built-in editor's as typed) goes to Drafts,
/// and the app quits when the service has it. A failure keeps the review open with the reason.
pub fn save_and_quit(store: &mut Store) -> Vec<Effect> {
    let dirs = store.compose.env.dirs.clone();
    let Some(compose) = store.compose.open.as_mut() else {
        store.quit = true;
        return Vec::new();
    };
    if let Some(editor) = compose.editor.take() {
        compose.fields = editor.fields();
    }
    compose.mode = Mode::Review;
    if compose.local_path.is_none() {
        compose.local_path = dirs.map(|d| d.new_path("draft", "json"));
    }
    let effects = save_to_drafts(store);
    if let Some(compose) = store.compose.open.as_mut() {
        if effects.is_empty() {
            // Nothing could be saved (no private directory): the next quit asks to leave anyway.
            let reason = "the message cannot be kept: no local copy".to_owned();
            compose.status = Status::Failed { reason, maybe_sent: false };
        } else {
            compose.quit_when_saved = true;
        }
    }
    effects
}

/// `y` to quitting anyway.
pub fn quit_anyway(store: &mut Store) -> Vec<Effect> {
    store.quit = true;
    Vec::new()
}
