//! Compose's reactions: opening (new, reply, reply all, forward, a draft), the editors coming
//! back, the review screen's keys, and the worker's answers. Pure like the rest of `update`:
//! files and Graph calls leave as effects.
use super::drafts::LocalDraft;
use super::header::{self, Fields};
use super::messages::{ComposeAction, ComposeEffect, ComposeMsg, Failure, Prepared};
use super::state::{BuiltIn, Compose, ComposeEnv, Kind, Mode, Status};
use super::{ComposePrompt, completion, quote_lines};
use crate::tui::editor::EditorJob;
use crate::tui::effect::Effect;
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
    if store.compose.is_open() {
        notify(store, "A message is being written already".into());
        return Vec::new();
    }
    let mut effects = vec![fx(ComposeEffect::LoadCandidates)];
    store.compose.candidates_loaded = false;
    if kind == Kind::New {
        store.compose.open = Some(Compose::new(Kind::New, None));
        effects.extend(begin_editing(store));
        return effects;
    }
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
    compose.server_draft_id = draft.server_draft_id;
    compose.created_here = draft.created_here;
    compose.attachments = draft.attachments.iter().map(|p| super::attachment_ref(p, 0)).collect();
    compose.local_path = path;
    compose.mode = Mode::Review;
    compose
}

/// Opens the editor: `$EDITOR` on a file when one is set, else the built-in one.
fn begin_editing(store: &mut Store) -> Vec<Effect> {
    let env = store.compose.env.clone();
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
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
            compose.editor = Some(BuiltIn::new(&compose.fields));
            Vec::new()
        }
    }
}

/// New text from an editor: keep it, check it, show the review screen.
fn edited(store: &mut Store, fields: Fields) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    compose.fields = fields;
    review(store)
}

/// The review screen, with what stops a send named; the text goes to the local draft file.
fn review(store: &mut Store) -> Vec<Effect> {
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
    busy(store, "Sending");
    vec![fx(ComposeEffect::Send { path, draft, html })]
}

fn save_to_drafts(store: &mut Store) -> Vec<Effect> {
    let html = store.compose.env.html;
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

/// Answers to compose's prompts: an attachment's path, discarding.
pub fn answer(store: &mut Store, purpose: &ComposePrompt, answer: &str) -> Result<Vec<Effect>, String> {
    match purpose {
        ComposePrompt::AttachPath => {
            if answer.is_empty() {
                return Err("type the path of a file".into());
            }
            Ok(vec![fx(ComposeEffect::CheckAttachment { path: answer.into() })])
        }
        ComposePrompt::Discard => {
            let Some(compose) = store.compose.open.take() else { return Ok(Vec::new()) };
            let server_draft = compose.server_draft_id.filter(|_| compose.created_here);
            notify(store, "Discarded".into());
            Ok(vec![fx(ComposeEffect::Discard { path: compose.local_path, server_draft })])
        }
    }
}

pub fn on_msg(store: &mut Store, msg: ComposeMsg) -> Vec<Effect> {
    match msg {
        ComposeMsg::Ready { env, leftovers } => {
            // The worker looked at the disk and the environment; the body format is the
            // config's, set before start-up.
            let env = ComposeEnv { html: store.compose.env.html, ..*env };
            if let Some(reason) = &env.dir_error {
                report_error(store, format!("Drafts cannot be kept on disk: {reason}"));
            }
            store.compose.env = env;
            store.compose.leftovers = leftovers;
            let count = store.compose.leftovers.len();
            if count > 0 {
                let text = format!("{count} unsent draft(s) from an earlier session: press C to reopen");
                store.notice = Some(Notice { text, is_error: false, until_ms: None });
            }
            Vec::new()
        }
        ComposeMsg::Candidates(result) => {
            store.compose.candidates = result.unwrap_or_default();
            store.compose.candidates_loaded = true;
            Vec::new()
        }
        ComposeMsg::Prepared(result) => prepared(store, result),
        ComposeMsg::Edited(result) => match result {
            Ok(text) => match header::read_block(&text) {
                Ok(fields) => edited(store, fields),
                Err(e) => {
                    // Nothing typed is lost: the whole file becomes the body, the reason shows,
                    // and `e` opens it again.
                    if let Some(compose) = store.compose.open.as_mut() {
                        compose.fields.body = text;
                        compose.problem = Some(format!("{e}; press e to fix it"));
                    }
                    review(store)
                }
            },
            Err(reason) => {
                report_error(store, format!("{reason}; using the built-in editor"));
                if let Some(compose) = store.compose.open.as_mut() {
                    compose.mode = Mode::Editor;
                    compose.editor = Some(BuiltIn::new(&compose.fields));
                }
                Vec::new()
            }
        },
        ComposeMsg::Attachment(result) => {
            match result {
                Ok(attachment) => {
                    let name = attachment.name.clone();
                    if let Some(compose) = store.compose.open.as_mut() {
                        compose.attachments.push(attachment);
                    }
                    notify(store, format!("Attached {name}"));
                    return review(store);
                }
                Err(reason) => report_error(store, reason),
            }
            Vec::new()
        }
        ComposeMsg::LocalSaved(Err(reason)) => {
            report_error(store, format!("The local draft could not be written: {reason}"));
            Vec::new()
        }
        ComposeMsg::LocalSaved(Ok(_)) => Vec::new(),
        ComposeMsg::Progress { done, total } => {
            if let Some(compose) = store.compose.open.as_mut() {
                compose.progress = Some((done, total));
            }
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            store.notice = Some(Notice { text: format!("Sending… {percent}%"), is_error: false, until_ms: None });
            Vec::new()
        }
        ComposeMsg::Sent(Ok(())) => {
            store.compose.open = None;
            notify(store, "Sent".into());
            Vec::new()
        }
        ComposeMsg::DraftSaved(Ok(_)) => {
            store.compose.open = None;
            notify(store, "Saved to Drafts".into());
            Vec::new()
        }
        ComposeMsg::Sent(Err(failure)) | ComposeMsg::DraftSaved(Err(failure)) => {
            failed(store, *failure);
            Vec::new()
        }
        ComposeMsg::Discarded(Err(reason)) => {
            report_error(store, format!("Discarding: {reason}"));
            Vec::new()
        }
        ComposeMsg::Discarded(Ok(())) => Vec::new(),
    }
}

fn prepared(store: &mut Store, result: Result<Box<Prepared>, String>) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_mut().filter(|c| c.mode == Mode::Preparing) else {
        return Vec::new();
    };
    match result {
        Ok(p) => {
            compose.created_here = compose.kind != Kind::Draft;
            compose.server_draft_id = Some(p.server_draft_id);
            compose.fields = p.fields;
            compose.quoted = p.quoted;
            compose.quote_lines = p.quote_lines;
            compose.attachments = p.attachments;
            begin_editing(store)
        }
        Err(reason) => {
            let what = compose.kind.title();
            store.compose.open = None;
            report_error(store, format!("{what}: {reason}"));
            Vec::new()
        }
    }
}

/// A failed send or save: the review screen stays with the text and the reason.
fn failed(store: &mut Store, failure: Failure) {
    let Some(compose) = store.compose.open.as_mut() else { return };
    if failure.server_draft_id.is_some() && compose.server_draft_id.is_none() {
        compose.server_draft_id = failure.server_draft_id.clone();
        compose.created_here = true;
    }
    if failure.attachments_uploaded {
        for attachment in &mut compose.attachments {
            attachment.path = None;
        }
    }
    compose.status = Status::Failed { reason: failure.reason.clone(), maybe_sent: failure.maybe_sent };
    compose.progress = None;
    report_error(store, format!("{} (r retries)", failure.reason));
}
