//! The mail pane's reactions: moving through folders and messages, opening, paging in more
//! messages near the end of the list (all of them after `G`), filtering, threading, and taking
//! in the worker's results. The reader (`reading`) and what runs by the clock (`live`) have
//! their own files.
mod answers;
pub(super) mod live;
pub(super) mod reading;
#[cfg(test)]
mod tests;

use super::super::action::Action;
use super::super::effect::{Effect, LoadKey, Slot};
use super::super::layout;
use super::super::loadable::{Loadable, MoreState, Paged};
use super::super::store::{MailFocus, Store};
use super::notify;
use super::reader::rewrap;

/// Load the next page when the cursor comes within this many rows (or one screen) of the end.
const PREFETCH_ROWS: usize = 50;

pub(super) fn start(store: &mut Store) -> Vec<Effect> {
    live::start(store);
    load(store, LoadKey::Folders)
}

/// Marks the resource behind `key` as loading under a fresh generation and orders the load.
pub(super) fn load(store: &mut Store, key: LoadKey) -> Vec<Effect> {
    let generation = store.next_generation();
    let mail = &mut store.mail;
    match &key {
        LoadKey::Folders => mail.folders = Loadable::Loading { generation },
        LoadKey::Messages { folder_id } => {
            mail.open_folder = Some(folder_id.clone());
            mail.messages = Loadable::Loading { generation };
            mail.message_cursor = Default::default();
        }
        LoadKey::MoreMessages { .. } => match mail.messages.ready_mut() {
            Some(page) => page.more = MoreState::Loading { generation },
            None => return Vec::new(),
        },
        LoadKey::Message { id } => {
            mail.open_message = Some(id.clone());
            mail.reader = Loadable::Loading { generation };
            mail.read_mark = None;
        }
        // Not the mail pane's, or the background refresh's own (`live`).
        LoadKey::Agenda { .. } | LoadKey::RefreshFolders | LoadKey::NewestMessages { .. } => return Vec::new(),
        // Other panes' loads go through their own update modules.
        LoadKey::DriveChildren { .. }
        | LoadKey::SharedWithMe
        | LoadKey::Sites { .. }
        | LoadKey::SiteDrives { .. }
        | LoadKey::DriveSearch { .. }
        | LoadKey::DriveRecent => {
            return Vec::new();
        }
    }
    let mut effects = Vec::new();
    if let LoadKey::Messages { .. } = key {
        // A new list makes any page still coming for the old one useless.
        effects.push(Effect::Cancel(Slot::MessagePage));
    }
    effects.push(Effect::Load { generation, key });
    effects
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let action = match super::mail_ops::on_action(store, action) {
        std::ops::ControlFlow::Continue(action) => action,
        std::ops::ControlFlow::Break(effects) => return effects,
    };
    if store.mail.filter.editing {
        match action {
            Action::TextInput(c) => {
                store.mail.filter.text.push(c);
                refilter(store);
                return Vec::new();
            }
            Action::TextBackspace => {
                store.mail.filter.text.pop();
                refilter(store);
                return Vec::new();
            }
            Action::TextSubmit => {
                store.mail.filter.editing = false;
                return Vec::new();
            }
            Action::Back => {
                clear_filter(store);
                return Vec::new();
            }
            _ => {}
        }
    }
    if let Some(step) = super::list_step(&action, page_rows(store)) {
        // `G` in the list goes to the end of the folder, loading every page on the way.
        store.mail.walking_to_end = action == Action::Bottom && store.mail.focus == MailFocus::Messages;
        return move_by(store, step);
    }
    match action {
        Action::Open => open(store),
        Action::Back => back(store),
        Action::FocusNext => focus(store, next_focus(store, true)),
        Action::FocusPrev => focus(store, next_focus(store, false)),
        Action::Refresh => refresh(store),
        Action::StartFilter => {
            store.mail.focus = MailFocus::Messages;
            store.mail.filter.editing = true;
            store.mail.filter.text.clear();
            refilter(store);
            relayout(store);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn page_rows(store: &Store) -> usize {
    let layout = store.mail_layout();
    match store.mail.focus {
        MailFocus::Folders => layout::inner_height(layout.folders),
        MailFocus::Messages => layout::inner_height(layout.list),
        MailFocus::Reader => layout::inner_height(layout.reader),
    }
}

pub(super) fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let height = page_rows(store);
    match store.mail.focus {
        MailFocus::Folders => {
            let len = store.mail.folders.ready().map_or(0, Vec::len);
            store.mail.folder_cursor.move_by(delta, len, height);
            // The list follows the highlighted folder; stale loads are cancelled as it moves.
            match store.mail.selected_folder().map(|row| row.folder.id.clone()) {
                Some(id) if store.mail.open_folder.as_deref() != Some(&id) => open_folder(store, id),
                _ => Vec::new(),
            }
        }
        MailFocus::Messages => {
            let len = store.mail.visible_len();
            store.mail.message_cursor.move_by(delta, len, height);
            more_if_near_end(store)
        }
        MailFocus::Reader => {
            // An invitation's lines count too: the reader scrolls to the end of them.
            let count = store.reader_line_count();
            if let Some(doc) = store.mail.reader.ready_mut() {
                let last = count.saturating_sub(height);
                let scroll = doc.scroll_mut();
                *scroll = scroll.saturating_add_signed(delta).min(last);
            }
            Vec::new()
        }
    }
}

pub(super) use answers::on_msg;

pub(super) fn open_folder(store: &mut Store, folder_id: String) -> Vec<Effect> {
    store.mail.filter = Default::default();
    store.mail.walking_to_end = false;
    load(store, LoadKey::Messages { folder_id })
}

/// Infinite scroll: near the end of what is loaded, ask for the next page (once at a time);
/// after `G`, every page until the last.
pub(super) fn more_if_near_end(store: &mut Store) -> Vec<Effect> {
    let near = PREFETCH_ROWS.max(page_rows(store));
    let Some(folder_id) = store.mail.open_folder.clone() else { return Vec::new() };
    let Some(page) = store.mail.messages.ready() else { return Vec::new() };
    let Some(next_link) = page.next_link.clone() else { return Vec::new() };
    let near_end = store.mail.filter.matches.is_none() && store.mail.message_cursor.selected + near >= page.items.len();
    if page.more != MoreState::Idle || !(near_end || store.mail.walking_to_end) {
        return Vec::new();
    }
    let to_end = store.mail.walking_to_end;
    load(store, LoadKey::MoreMessages { folder_id, next_link, to_end })
}

/// `G`'s progress: the cursor follows the end as pages arrive, the status bar counts them.
pub(super) fn follow_to_end(store: &mut Store) {
    if !store.mail.walking_to_end {
        return;
    }
    let height = page_rows(store);
    let len = store.mail.visible_len();
    store.mail.message_cursor.select(len.saturating_sub(1), len, height);
    let Some(page) = store.mail.messages.ready() else { return };
    let loaded = page.items.len();
    if page.next_link.is_none() {
        store.mail.walking_to_end = false;
        notify(store, format!("At the end: all {loaded} messages loaded"));
        return;
    }
    let of = page.total.map(|total| format!(" of {total}")).unwrap_or_default();
    let text = format!("Going to the end… {loaded}{of} loaded");
    store.notice = Some(super::super::store::Notice { text, is_error: false, until_ms: None });
}

pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    match store.mail.focus {
        MailFocus::Folders => {
            let effects = match store.mail.selected_folder().map(|row| row.folder.id.clone()) {
                Some(id) if store.mail.open_folder.as_deref() != Some(&id) => open_folder(store, id),
                _ => Vec::new(),
            };
            focus(store, MailFocus::Messages);
            effects
        }
        MailFocus::Messages => reading::open_selected(store),
        MailFocus::Reader => Vec::new(),
    }
}

fn back(store: &mut Store) -> Vec<Effect> {
    let focused = store.mail.focus;
    match focused {
        MailFocus::Reader if reading::close_attachment(store) => Vec::new(),
        MailFocus::Reader => focus(store, MailFocus::Messages),
        MailFocus::Messages if store.mail.filter.matches.is_some() => {
            clear_filter(store);
            Vec::new()
        }
        MailFocus::Messages => focus(store, MailFocus::Folders),
        MailFocus::Folders => Vec::new(),
    }
}

pub(super) fn focus(store: &mut Store, focus: MailFocus) -> Vec<Effect> {
    store.mail.focus = focus;
    relayout(store);
    Vec::new()
}

/// Tab order; the reader joins it once a message is open.
fn next_focus(store: &Store, forward: bool) -> MailFocus {
    let has_reader = !matches!(store.mail.reader, Loadable::Idle);
    let order: &[MailFocus] = if has_reader {
        &[MailFocus::Folders, MailFocus::Messages, MailFocus::Reader]
    } else {
        &[MailFocus::Folders, MailFocus::Messages]
    };
    let at = order.iter().position(|f| *f == store.mail.focus).unwrap_or(0);
    let step = if forward { 1 } else { order.len() - 1 };
    order[(at + step) % order.len()]
}

/// `r`: load again what the focused column shows (the retry of a failed load too).
fn refresh(store: &mut Store) -> Vec<Effect> {
    let mail = &store.mail;
    let key = match mail.focus {
        MailFocus::Folders => Some(LoadKey::Folders),
        MailFocus::Messages => match &mail.messages {
            Loadable::Ready(Paged { more: MoreState::Failed { .. }, next_link: Some(link), .. }) => {
                mail.open_folder.clone().map(|folder_id| LoadKey::MoreMessages {
                    folder_id,
                    next_link: link.clone(),
                    to_end: mail.walking_to_end,
                })
            }
            _ => mail.open_folder.clone().map(|folder_id| LoadKey::Messages { folder_id }),
        },
        MailFocus::Reader => mail.open_message.clone().map(|id| LoadKey::Message { id }),
    };
    let mut effects = match key {
        Some(key) => {
            notify(store, "Refreshing…".to_owned());
            load(store, key)
        }
        None => Vec::new(),
    };
    // With a local cache, `r` also brings it up to date (and tries the network again offline).
    effects.extend(super::sync::sync_now(store, Vec::new()));
    effects
}

fn clear_filter(store: &mut Store) {
    let selected = store.mail.filter.matches.as_ref().and_then(|m| m.get(store.mail.message_cursor.selected).copied());
    store.mail.filter = Default::default();
    // Stay on the message that was selected in the filtered view.
    let height = page_rows(store);
    let len = store.mail.visible_len();
    store.mail.message_cursor.select(selected.unwrap_or(0), len, height);
}

/// Recomputes the threaded order and which rows match the filter text, keeping the selection
/// on its message (the loaded messages are the same ones, or more of them).
pub(super) fn refilter(store: &mut Store) {
    let selected = store.mail.selected_message().map(|m| m.id.clone());
    refilter_keeping(store, selected);
}

/// Like `refilter`, after the loaded messages changed: the selection goes to `keep` when it is
/// still shown, else stays on its row.
pub(super) fn refilter_keeping(store: &mut Store, keep: Option<String>) {
    let needle = store.mail.filter.text.to_lowercase();
    let mail = &mut store.mail;
    mail.threads = match (&mail.threads, mail.messages.ready()) {
        (Some(_), Some(page)) => Some(super::super::store::mail::threads::thread_order(&page.items)),
        (threads, _) => threads.clone(),
    };
    let matches = match mail.messages.ready() {
        Some(page) if !needle.is_empty() => {
            let shown = |position: usize| match &mail.threads {
                Some(order) => order.get(position).map(|r| r.index),
                None => Some(position),
            };
            let matching = |m: &crate::domain::MessageSummary| {
                let named = |b: &crate::domain::Mailbox| {
                    b.name.to_lowercase().contains(&needle) || b.address.to_lowercase().contains(&needle)
                };
                m.subject.to_lowercase().contains(&needle) || m.from.as_ref().is_some_and(named)
            };
            Some(
                (0..page.items.len())
                    .filter(|&position| shown(position).and_then(|i| page.items.get(i)).is_some_and(matching))
                    .collect(),
            )
        }
        _ if !needle.is_empty() => Some(Vec::new()),
        _ => None,
    };
    store.mail.filter.matches = matches;
    let height = page_rows(store);
    let len = store.mail.visible_len();
    let row = keep.and_then(|id| store.mail.row_of(&id)).unwrap_or(store.mail.message_cursor.selected);
    store.mail.message_cursor.select(row, len, height);
}

/// After a resize or a focus change: cursors stay visible, the reader rewraps to its width.
pub(super) fn relayout(store: &mut Store) {
    let layout = store.mail_layout();
    let mail = &mut store.mail;
    let folders_len = mail.folders.ready().map_or(0, Vec::len);
    let selected = mail.folder_cursor.selected;
    mail.folder_cursor.select(selected, folders_len, layout::inner_height(layout.folders));
    let (selected, len) = (mail.message_cursor.selected, mail.visible_len());
    mail.message_cursor.select(selected, len, layout::inner_height(layout.list));
    if let (Some(area), Some(doc)) = (layout.reader, mail.reader.ready_mut()) {
        rewrap(doc, layout::inner_width(Some(area)), &store.zone);
    }
    // The scroll stays within every line, the invitation's counted (rewrap counts the message's).
    let count = store.reader_line_count();
    if let Some(doc) = store.mail.reader.ready_mut() {
        doc.scroll = doc.scroll.min(count.saturating_sub(1));
    }
}

/// `Z`: the list threaded by conversation, or newest first again; the selection stays.
pub(super) fn toggle_threads(store: &mut Store) -> Vec<Effect> {
    let selected = store.mail.selected_message().map(|m| m.id.clone());
    store.mail.threads = match store.mail.threads {
        Some(_) => None,
        None => Some(Vec::new()),
    };
    refilter_keeping(store, selected);
    let text = if store.mail.threads.is_some() { "Threaded by conversation" } else { "Newest first" };
    notify(store, text.to_owned());
    Vec::new()
}
