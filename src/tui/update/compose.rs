//! Compose's reactions: opening (new, reply, reply all, forward, a draft), the editors coming
//! back, the review screen's keys and prompts (the worker's answers are in `answers`). Pure
//! like the rest of `update`: files and Graph calls leave as effects.
mod answers;
mod attachments;
pub(in crate::tui::update) mod completion;
pub(in crate::tui::update) mod drive_link;
pub mod quit;
#[cfg(test)]
mod tests;

pub use answers::on_msg;

use crate::tui::action::compose::ComposeAction;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::{ComposeEffect, EditorJob};
use crate::tui::store::compose::draft::LocalDraft;
use crate::tui::store::compose::header::{self, Fields};
use crate::tui::store::compose::quote::quote_lines;
use crate::tui::store::compose::{
    AttachmentRef, BuiltIn, Compose, ComposePrompt, InlineImage, Kind, Mode, Status, signature_block,
};
use crate::tui::store::prompt::{Prompt, Purpose};
use crate::tui::store::{MailFocus, Notice, Store};
use crate::tui::update::{notify, report_error};

fn fx(effect: ComposeEffect) -> Effect {
    Effect::Compose(effect)
}

/// At start-up: find the editor, the draft directory and leftover drafts.
pub fn start() -> Vec<Effect> {
    vec![fx(ComposeEffect::Init)]
}

pub fn on_action(store: &mut Store, action: ComposeAction) -> Vec<Effect> {
    match action {
        ComposeAction::Open(kind) => open(store, kind),
        ComposeAction::Recover => recover(store),
        other => {
            let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
            match (compose.mode, other) {
                (Mode::Editor, ComposeAction::Key(key)) => {
                    if let Some(editor) = compose.editor.as_mut() {
                        completion::key(editor, key, &store.compose.candidates);
                    }
                    Vec::new()
                }
                (Mode::Editor, ComposeAction::NextField) => {
                    if let Some(editor) = compose.editor.as_mut() {
                        completion::next_field(editor);
                    }
                    Vec::new()
                }
                (Mode::Editor, ComposeAction::PrevField) => {
                    if let Some(editor) = compose.editor.as_mut() {
                        editor.suggestions.clear();
                        editor.focus = (editor.focus + 4) % 5;
                    }
                    Vec::new()
                }
                (Mode::Editor, ComposeAction::Done) => {
                    let fields = compose.editor.take().map(|e| e.fields()).unwrap_or_default();
                    edited(store, fields)
                }
                (Mode::Review, _) if compose.is_busy() => Vec::new(),
                (Mode::Review, ComposeAction::Send | ComposeAction::Retry) => send(store),
                (Mode::Review, ComposeAction::SaveDraft) => save_to_drafts(store),
                (Mode::Review, ComposeAction::EditAgain | ComposeAction::Done) => begin_editing(store),
                (Mode::Review, ComposeAction::Attach) => {
                    store.prompt =
                        Some(Prompt::path("Attach a file (path)", "", Purpose::Compose(ComposePrompt::AttachPath)));
                    Vec::new()
                }
                (Mode::Review, ComposeAction::AttachInline) => {
                    store.prompt = Some(Prompt::path(
                        "Inline image (PNG, JPEG or GIF path)",
                        "",
                        Purpose::Compose(ComposePrompt::InlineImagePath),
                    ));
                    Vec::new()
                }
                (Mode::Review, ComposeAction::RemoveAttachment) => attachments::ask_remove(store),
                (Mode::Review, ComposeAction::LinkDriveFile) => drive_link::open(store),
                (Mode::Review, ComposeAction::Discard) => {
                    store.prompt =
                        Some(Prompt::yes_no("Discard this message?", Purpose::Compose(ComposePrompt::Discard)));
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
    }
}

/// The id of the message the mail pane points at: the one in the reader, else the selected row.
fn pointed_message(store: &Store) -> Option<(String, bool)> {
    let mail = &store.mail;
    if mail.focus == MailFocus::Reader
        && let Some(doc) = mail.reader.ready()
    {
        let summary = &doc.message.message.summary;
        return Some((summary.id.clone(), summary.is_draft));
    }
    if mail.focus == MailFocus::Folders {
        return None;
    }
    mail.visible_message(mail.message_cursor.selected).map(|m| (m.id.clone(), m.is_draft))
}

fn open(store: &mut Store, kind: Kind) -> Vec<Effect> {
    if kind == Kind::New {
        return write_to(store, String::new());
    }
    if store.compose.is_open() {
        notify(store, "A message is being written already".into());
        return Vec::new();
    }
    let mut effects = vec![fx(ComposeEffect::LoadCandidates)];
    store.compose.candidates_loaded = false;
    let Some((id, is_draft)) = pointed_message(store) else {
        notify(store, "Select a message first".into());
        return Vec::new();
    };
    if kind == Kind::Draft && !is_draft {
        notify(store, "Only a draft can be edited: open one in the Drafts folder".into());
        return Vec::new();
    }
    store.compose.open = Some(Compose::new(kind, Some(id.clone())));
    effects.push(fx(ComposeEffect::Prepare { kind, message_id: id }));
    effects
}

/// A new message, to `to` when given (the people pane's "write to"), the writing begun.
pub fn write_to(store: &mut Store, to: String) -> Vec<Effect> {
    if store.compose.is_open() {
        notify(store, "A message is being written already".into());
        return Vec::new();
    }
    let mut effects = vec![fx(ComposeEffect::LoadCandidates)];
    store.compose.candidates_loaded = false;
    let mut compose = Compose::new(Kind::New, None);
    compose.fields.to = to;
    add_signature(&mut compose, store.compose.env.signature.as_deref());
    store.compose.open = Some(compose);
    effects.extend(begin_editing(store));
    effects
}

/// A new message, reply or forward starts with the signature (when the config has one) below
/// where the text goes.
pub(super) fn add_signature(compose: &mut Compose, signature: Option<&str>) {
    let Some(signature) = signature else { return };
    let block = signature_block(signature);
    compose.fields.body = format!("{}{block}", compose.fields.body.trim_end_matches('\n'));
    compose.signature_block = Some(block);
}

/// Reopens the oldest draft an earlier run left on disk, on the review screen.
fn recover(store: &mut Store) -> Vec<Effect> {
    if store.compose.is_open() {
        notify(store, "Finish the message being written first".into());
        return Vec::new();
    }
    if store.compose.leftovers.is_empty() {
        notify(store, "No unsent drafts to recover".into());
        return Vec::new();
    }
    let leftover = store.compose.leftovers.remove(0);
    let compose = from_local(leftover.draft, Some(leftover.path));
    store.compose.open = Some(compose);
    let left = store.compose.leftovers.len();
    notify(store, format!("Recovered an unsent draft ({left} more)"));
    let mut effects = vec![fx(ComposeEffect::LoadCandidates)];
    effects.extend(review(store));
    effects
}

/// A compose from a local draft file, on the review screen.
pub fn from_local(draft: LocalDraft, path: Option<std::path::PathBuf>) -> Compose {
    let mut compose = Compose::new(Kind::from_name(&draft.kind), None);
    compose.fields = draft.fields();
    compose.quote_lines = draft.quoted.as_ref().map(quote_lines).unwrap_or_default();
    compose.quoted = draft.quoted;
    compose.resumed_html = draft.resumed_html;
    compose.server_draft_id = draft.server_draft_id;
    compose.created_here = draft.created_here;
    compose.attachments = draft.attachments.iter().map(|p| AttachmentRef::local(p, 0)).collect();
    compose.inline_images = draft
        .inline_images
        .iter()
        .map(|i| {
            let file = AttachmentRef::local(&i.path, 0);
            InlineImage { path: i.path.clone(), name: file.name, size: 0, content_id: i.content_id.clone() }
        })
        .collect();
    compose.local_path = path;
    compose.mode = Mode::Review;
    compose
}

/// Opens the editor: `$EDITOR` on a file when one is set, else the built-in one.
pub(super) fn begin_editing(store: &mut Store) -> Vec<Effect> {
    let env = store.compose.env.clone();
    let ready = store.compose.ready;
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    if !ready {
        // `c` pressed before the worker said whether $EDITOR is set: the built-in editor now
        // would be the wrong one; wait for the answer (it comes within the first moments).
        compose.mode = Mode::Preparing;
        store.compose.edit_when_ready = true;
        return Vec::new();
    }
    compose.problem = None;
    match (&env.editor, &env.dirs) {
        (Some(command), Some(dirs)) => {
            compose.mode = Mode::External;
            let text = header::write_block(&compose.fields, &compose.quote_lines);
            let job = EditorJob { command: command.clone(), path: dirs.new_path("edit", "txt"), text };
            vec![Effect::RunEditor(job)]
        }
        _ => {
            compose.mode = Mode::Editor;
            let mut editor = BuiltIn::new(&compose.fields);
            // Untouched, the body is the signature alone: writing starts above it.
            if compose.signature_block.as_deref() == Some(compose.fields.body.as_str()) {
                editor.body_from_top();
            }
            compose.editor = Some(editor);
            Vec::new()
        }
    }
}

/// New text from an editor: keep it, check it, show the review screen.
pub(super) fn edited(store: &mut Store, fields: Fields) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    compose.fields = fields;
    review(store)
}

/// The review screen, with what stops a send named; the text goes to the local draft file.
pub(super) fn review(store: &mut Store) -> Vec<Effect> {
    let dirs = store.compose.env.dirs.clone();
    let dir_error = store.compose.env.dir_error.clone();
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    compose.mode = Mode::Review;
    compose.editor = None;
    if compose.problem.is_none() {
        compose.problem = header::parse_fields(&compose.fields).err().map(|e| e.to_string());
    }
    let path = match (&compose.local_path, &dirs) {
        (Some(path), _) => path.clone(),
        (None, Some(dirs)) => dirs.new_path("draft", "json"),
        (None, None) => {
            let reason = dir_error.unwrap_or_else(|| "no private directory".into());
            report_error(store, format!("Drafts cannot be kept on disk: {reason}"));
            return Vec::new();
        }
    };
    compose.local_path = Some(path.clone());
    vec![fx(ComposeEffect::SaveLocal { path, draft: Box::new(compose.local_draft()) })]
}

fn sendable(store: &mut Store) -> Option<(std::path::PathBuf, Box<LocalDraft>)> {
    let compose = store.compose.open.as_mut()?;
    if let Err(e) = header::parse_fields(&compose.fields) {
        compose.problem = Some(e.to_string());
        return None;
    }
    compose.problem = None;
    Some((compose.local_path.clone()?, Box::new(compose.local_draft())))
}

fn send(store: &mut Store) -> Vec<Effect> {
    let html = store.compose.env.html;
    let Some((path, draft)) = sendable(store) else {
        report_error(store, "The message cannot be sent as it is (see the review screen)".into());
        return Vec::new();
    };
    if store.sync.offline {
        // The message stays open in review and is written to its local draft, so nothing is
        // lost; it goes when sent again once the service can be reached.
        let what = format!("Sending (the message stays here and in its local draft {})", path.display());
        super::sync::refuse_offline_change(store, &what);
        return vec![fx(ComposeEffect::SaveLocal { path, draft })];
    }
    busy(store, "Sending");
    vec![fx(ComposeEffect::Send { path, draft, html })]
}

pub(super) fn save_to_drafts(store: &mut Store) -> Vec<Effect> {
    let html = store.compose.env.html;
    if super::sync::refuse_offline_change(store, "Saving to Drafts (the message stays here and in its local draft)") {
        return Vec::new();
    }
    let Some(compose) = store.compose.open.as_ref() else { return Vec::new() };
    let Some(path) = compose.local_path.clone() else {
        report_error(store, "The message has no local copy yet".into());
        return Vec::new();
    };
    let draft = Box::new(compose.local_draft());
    busy(store, "Saving to Drafts");
    vec![fx(ComposeEffect::SaveToDrafts { path, draft, html })]
}

fn busy(store: &mut Store, what: &'static str) {
    if let Some(compose) = store.compose.open.as_mut() {
        compose.status = Status::Busy(what);
        compose.progress = None;
    }
    store.notice = Some(Notice { text: format!("{what}…"), is_error: false, until_ms: None });
}

/// Answers to compose's prompts: an attachment's path, discarding, quitting.
pub fn answer(store: &mut Store, purpose: &ComposePrompt, answer: &str) -> Result<Vec<Effect>, String> {
    match purpose {
        ComposePrompt::AttachPath => {
            if answer.is_empty() {
                return Err("type the path of a file".into());
            }
            Ok(vec![fx(ComposeEffect::CheckAttachment { path: answer.into() })])
        }
        ComposePrompt::InlineImagePath => {
            if answer.is_empty() {
                return Err("type the path of a PNG, JPEG or GIF image".into());
            }
            Ok(vec![fx(ComposeEffect::CheckInlineImage { path: answer.into() })])
        }
        ComposePrompt::Discard => {
            let Some(compose) = store.compose.open.take() else { return Ok(Vec::new()) };
            let server_draft = compose.server_draft_id.filter(|_| compose.created_here);
            notify(store, "Discarded".into());
            Ok(vec![fx(ComposeEffect::Discard { path: compose.local_path, server_draft })])
        }
        ComposePrompt::RemoveAttachment => attachments::remove(store, answer),
        ComposePrompt::SaveAndQuit => Ok(quit::save_and_quit(store)),
        ComposePrompt::QuitAnyway => Ok(quit::quit_anyway(store)),
    }
}
