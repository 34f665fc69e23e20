//! The mail pane's organising reactions: marks, the commands of `MailOp`, categories, the
//! picker overlay, the prompt answers of `MailPrompt` and the worker's `MailOpsMsg` answers.
//! `mail.rs` hands every action here first; what is not ours goes back to it untouched.
mod categories;
mod files;
mod folders;
mod lists;
mod local_search;
mod organise;
mod picker;
#[cfg(test)]
mod tests;

use std::ops::ControlFlow;

use super::super::action::Action;
use super::super::action::mail_ops::MailOp;
use super::super::effect::Effect;
use super::super::msg::mail_ops::MailOpsMsg;
use super::super::store::mail::ops::{ListView, MailPrompt, MessageChange};
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{MailFocus, Store};
use super::mail;
use super::mail::reading;
use super::prompt::Answered;

pub use local_search::TYPED_FROM as LOCAL_SEARCH_TYPED_FROM;
pub(super) use local_search::{toggle as search_toggled, typed as search_typed};

/// Takes the actions that are ours (`Break` with their effects); passes the rest on.
pub(super) fn on_action(store: &mut Store, action: Action) -> ControlFlow<Vec<Effect>, Action> {
    if store.mail.ops.picker.is_some() {
        return ControlFlow::Break(picker::on_action(store, action));
    }
    if store.mail.filter.editing {
        return ControlFlow::Continue(action);
    }
    let focus = store.mail.focus;
    match action {
        Action::Mail(op) => ControlFlow::Break(command(store, op)),
        Action::Back if focus == MailFocus::Messages && !store.mail.ops.marked.is_empty() => {
            store.mail.ops.marked.clear();
            ControlFlow::Break(Vec::new())
        }
        Action::Back
            if focus == MailFocus::Messages && store.mail.filter.matches.is_none() && lists::view_is_shown(store) =>
        {
            ControlFlow::Break(lists::back_to_folder(store))
        }
        Action::Refresh if focus == MailFocus::Messages && lists::view_is_shown(store) => {
            ControlFlow::Break(lists::reload(store))
        }
        // Moving through the folder tree leaves results and marks behind: forgetting the open
        // folder makes `mail` load whichever folder the cursor lands on, the same one too.
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom | Action::Open
            if focus == MailFocus::Folders =>
        {
            store.mail.ops.marked.clear();
            if store.mail.ops.view != ListView::Folder {
                store.mail.ops.view = ListView::Folder;
                store.mail.open_folder = None;
            }
            ControlFlow::Continue(action)
        }
        other => ControlFlow::Continue(other),
    }
}

/// The commands that change something on the service: refused while offline.
fn is_change(op: MailOp) -> bool {
    matches!(
        op,
        MailOp::ToggleRead
            | MailOp::ToggleFlag
            | MailOp::Delete
            | MailOp::DeletePermanently
            | MailOp::Archive
            | MailOp::Move
            | MailOp::Copy
            | MailOp::Categorize
            | MailOp::NewFolder
            | MailOp::NewTopFolder
            | MailOp::RenameFolder
            | MailOp::DeleteFolder
    )
}

fn command(store: &mut Store, op: MailOp) -> Vec<Effect> {
    if is_change(op) && super::sync::refuse_offline(store) {
        return Vec::new();
    }
    let folders_focused = store.mail.focus == MailFocus::Folders;
    match op {
        MailOp::ToggleMark => toggle_mark(store),
        MailOp::MarkAll => {
            mark_all(store);
            Vec::new()
        }
        MailOp::ToggleRead => {
            let all_read = organise::targets(store).iter().all(|(_, m)| m.is_read);
            organise::start(store, MessageChange::Read(!all_read))
        }
        MailOp::ToggleFlag => {
            let all_flagged = organise::targets(store).iter().all(|(_, m)| m.is_flagged);
            organise::start(store, MessageChange::Flag(!all_flagged))
        }
        MailOp::DeleteFolder => folders::ask_delete(store),
        // `d` deletes messages only: a folder goes with the folder keys, after a question.
        MailOp::Delete if folders_focused => {
            super::notify(store, "d deletes messages: X deletes the highlighted folder (it asks first)".to_owned());
            Vec::new()
        }
        MailOp::Delete => organise::start(store, MessageChange::Delete),
        MailOp::DeletePermanently => organise::ask_permanent_delete(store),
        MailOp::Archive => organise::start(store, MessageChange::Move("archive".to_owned())),
        MailOp::Move => picker::open_folders(store, false),
        MailOp::Copy => picker::open_folders(store, true),
        MailOp::SaveAttachment => files::save_one(store),
        MailOp::SaveAllAttachments => files::save_all(store),
        MailOp::OpenAttachment => files::open_one(store),
        MailOp::SaveEml => files::save_eml(store),
        MailOp::Search => lists::ask_search(store),
        MailOp::UnreadOnly | MailOp::FlaggedOnly | MailOp::WithAttachments => lists::toggle_filter(store, op),
        MailOp::FromSender => lists::from_sender(store),
        MailOp::ReceivedSince => lists::ask_received(store),
        MailOp::CategoryOnly => lists::category_only(store),
        MailOp::Categorize => categories::open_picker(store),
        MailOp::Conversation => lists::conversation(store),
        MailOp::NewFolder => folders::ask_create(store, true),
        MailOp::NewTopFolder => folders::ask_create(store, false),
        MailOp::RenameFolder => folders::ask_rename(store),
        MailOp::NextMessage => reading::step(store, true),
        MailOp::PrevMessage => reading::step(store, false),
        MailOp::ToggleThreads => mail::toggle_threads(store),
        MailOp::ListLinks => reading::list_links(store),
        MailOp::ViewAttachment => reading::view_attachment(store),
        MailOp::Pipe => reading::ask_pipe(store, false),
        MailOp::PipeSource => reading::ask_pipe(store, true),
    }
}

/// The reader's mark-on-open: the message read, its folder's unread count down, quietly.
pub(super) fn mark_read_quietly(store: &mut Store, id: String) -> Vec<Effect> {
    // Offline nothing is changed, not even quietly: it stays unread until it can be.
    if store.sync.offline {
        return Vec::new();
    }
    organise::start_quietly(store, &[id], MessageChange::Read(true))
}

/// Marks or unmarks the selected row and moves on to the next.
fn toggle_mark(store: &mut Store) -> Vec<Effect> {
    if store.mail.focus != MailFocus::Messages {
        return Vec::new();
    }
    let row = store.mail.message_cursor.selected;
    let Some(id) = store.mail.visible_message(row).map(|m| m.id.clone()) else { return Vec::new() };
    let marked = &mut store.mail.ops.marked;
    if !marked.remove(&id) {
        marked.insert(id);
    }
    mail::move_by(store, 1)
}

/// Marks every row shown; when all are marked already, clears the marks.
fn mark_all(store: &mut Store) {
    let shown: Vec<String> =
        (0..store.mail.visible_len()).filter_map(|row| store.mail.visible_message(row).map(|m| m.id.clone())).collect();
    let marked = &mut store.mail.ops.marked;
    if shown.iter().all(|id| marked.contains(id)) {
        marked.clear();
    } else {
        marked.extend(shown);
    }
}

/// Opens the shared prompt for a mail question.
fn ask(store: &mut Store, prompt: Prompt) -> Vec<Effect> {
    store.prompt = Some(prompt);
    Vec::new()
}

fn text_prompt(title: String, initial: &str, asked: MailPrompt) -> Prompt {
    Prompt::text(title, initial, Purpose::Mail(asked))
}

/// A prompt for a local folder (Tab completes folder names).
fn folder_prompt(title: String, initial: &str, asked: MailPrompt) -> Prompt {
    Prompt::folder(title, initial, Purpose::Mail(asked))
}

/// A prompt for a local file or folder (Tab completes both).
fn path_prompt(title: String, initial: &str, asked: MailPrompt) -> Prompt {
    Prompt::path(title, initial, Purpose::Mail(asked))
}

/// An answered mail prompt.
pub(super) fn answer(store: &mut Store, asked: &MailPrompt, answer: &str) -> Answered {
    match asked {
        MailPrompt::DeletePermanently { ids } => Ok(organise::start_for(store, ids, MessageChange::PermanentDelete)),
        MailPrompt::SaveAttachments { .. } | MailPrompt::SaveEml { .. } => files::answer(store, asked, answer),
        MailPrompt::Search { folder_id, local } => lists::search(store, folder_id, answer, *local),
        MailPrompt::ReceivedRange { folder_id } if store.mail.open_folder.as_ref() == Some(folder_id) => {
            lists::received(store, answer)
        }
        MailPrompt::ReceivedRange { .. } => Ok(Vec::new()),
        MailPrompt::Pipe { message_id, source } => reading::pipe(store, message_id, *source, answer),
        MailPrompt::CreateAndSave { .. } => files::answer(store, asked, answer),
        MailPrompt::CreateFolder { .. } | MailPrompt::RenameFolder { .. } | MailPrompt::DeleteFolder { .. } => {
            folders::answer(store, asked, answer)
        }
    }
}

/// At start: the master category list, for the colours in the list.
pub(super) fn start(store: &mut Store) -> Vec<Effect> {
    // `--offline` asks the service nothing; the category list waits for a start online.
    if store.sync.forced_offline {
        return Vec::new();
    }
    categories::load(store)
}

pub(super) fn on_msg(store: &mut Store, msg: MailOpsMsg) -> Vec<Effect> {
    match msg {
        MailOpsMsg::Categories { generation, result } => return categories::loaded(store, generation, result),
        MailOpsMsg::PipeReady { result } => return reading::pipe_ready(store, result),
        MailOpsMsg::FolderMissing { folder, retry } => files::ask_create(store, folder, retry),
        MailOpsMsg::LinkOpened { result } => reading::link_opened(store, result),
        MailOpsMsg::AttachmentText { message_id, name, result } => {
            reading::attachment_text(store, message_id, name, result)
        }
        MailOpsMsg::Progress { op, done, total } => organise::progress(store, op, done, total),
        MailOpsMsg::Changed { op, result } => {
            let confirmed = result.as_ref().is_ok_and(|items| items.iter().any(|i| i.error.is_none()));
            organise::reconcile(store, op, result);
            // The cache learns the change from the service itself, by delta.
            if confirmed {
                return super::sync::sync_now(store, Vec::new());
            }
        }
        MailOpsMsg::Listed { generation, result } => lists::listed(store, generation, result),
        MailOpsMsg::Saved { result } => files::saved(store, result),
        MailOpsMsg::Opened { result } => files::opened(store, result),
        MailOpsMsg::FolderDone { op, result } => {
            let confirmed = result.is_ok();
            folders::done(store, op, result);
            if confirmed {
                return super::sync::sync_now(store, Vec::new());
            }
        }
    }
    Vec::new()
}
