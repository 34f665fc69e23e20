//! The mail pane on its own, by the clock: the message in the reader is marked read once it
//! has been open for the configured time (its folder's unread count follows, as for `u`), and
//! every so often the folder counts and the open folder's newest page are fetched again and
//! merged in, so new mail shows without `r`. A merge never moves the selection off its message
//! nor touches the reader; it waits while a change of the user's is still on its way.
use std::collections::HashSet;

use super::super::super::effect::{Effect, LoadKey};
use super::super::super::layout;
use super::super::super::msg::{FolderRow, MessagePage, Outcome};
use super::super::super::store::Store;
use super::super::super::store::mail::live::{ReadMark, Timer};
use super::super::super::store::mail::ops::ListView;
use super::super::mail_ops;
use super::{page_rows, refilter_keeping};

/// The loop's clock moved on: whatever is due runs.
pub(in crate::tui::update) fn tick(store: &mut Store, now_ms: u64) -> Vec<Effect> {
    let mut effects = mark_read_when_due(store, now_ms);
    if store.mail.refresh.timer.run(now_ms) {
        store.mail.refresh.timer = match store.mail.settings.refresh_every_ms {
            Some(every) => Timer::At(now_ms.saturating_add(every)),
            None => Timer::Off,
        };
        effects.extend(refresh_now(store));
    }
    effects
}

/// At start: the background refresh's timer begins (when the config has it on).
pub(super) fn start(store: &mut Store) {
    if let Some(every) = store.mail.settings.refresh_every_ms {
        store.mail.refresh.timer = Timer::Starting { after_ms: every };
    }
}

/// A message arrived in the reader: unread, it is marked read when its time is up.
pub(super) fn opened(store: &mut Store) {
    let mail = &mut store.mail;
    mail.read_mark = None;
    let (Some(after_ms), Some(doc)) = (mail.settings.mark_read_after_ms, mail.reader.ready()) else { return };
    let summary = &doc.message.message.summary;
    let listed_read =
        mail.messages.ready().and_then(|p| p.items.iter().find(|m| m.id == summary.id)).map(|m| m.is_read);
    if !listed_read.unwrap_or(summary.is_read) {
        mail.read_mark = Some(ReadMark { id: summary.id.clone(), timer: Timer::Starting { after_ms } });
    }
}

/// Marks the message read if it is still the one in the reader (and still unread: `u` may
/// have been quicker), the way `u` does, without a notice when it works.
fn mark_read_when_due(store: &mut Store, now_ms: u64) -> Vec<Effect> {
    let Some(mark) = store.mail.read_mark.as_mut() else { return Vec::new() };
    if !mark.timer.run(now_ms) {
        return Vec::new();
    }
    let id = mark.id.clone();
    store.mail.read_mark = None;
    let mail = &mut store.mail;
    let shown = mail.open_message.as_deref() == Some(id.as_str());
    let Some(doc) = mail.reader.ready_mut().filter(|_| shown) else { return Vec::new() };
    doc.message.message.summary.is_read = true;
    let listed_unread = mail.messages.ready().is_some_and(|page| page.items.iter().any(|m| m.id == id && !m.is_read));
    if !listed_unread {
        return Vec::new();
    }
    mail_ops::mark_read_quietly(store, id)
}

/// Orders the refresh's loads now (a tick, or a draft just saved or a message just sent):
/// the folder tree, and the open folder's newest page when the list shows the folder itself.
/// Loads still on their way are not asked for twice.
pub(in crate::tui::update) fn refresh_now(store: &mut Store) -> Vec<Effect> {
    if store.mail.folders.ready().is_none() {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if store.mail.refresh.folders.is_none() {
        let generation = store.next_generation();
        store.mail.refresh.folders = Some(generation);
        effects.push(Effect::Load { generation, key: LoadKey::RefreshFolders });
    }
    let folder = store.mail.open_folder.clone().filter(|_| *store.mail.shown_view() == ListView::Folder);
    if let (Some(folder_id), None) = (folder, &store.mail.refresh.page) {
        let generation = store.next_generation();
        store.mail.refresh.page = Some((folder_id.clone(), generation));
        effects.push(Effect::Load { generation, key: LoadKey::NewestMessages { folder_id } });
    }
    effects
}

/// Whether a change of the user's is on its way: a merge now could undo what it shows.
fn changes_pending(store: &Store) -> bool {
    !store.mail.ops.pending.is_empty() || !store.mail.ops.pending_folders.is_empty()
}

/// Fresh folder counts (and folders made or gone elsewhere); the highlight stays on its folder.
pub(super) fn folders_refreshed(store: &mut Store, generation: u64, result: Outcome<Vec<FolderRow>>) {
    if store.mail.refresh.folders != Some(generation) {
        return;
    }
    store.mail.refresh.folders = None;
    // A failed refresh says nothing: the next one tries again, and `r` reports.
    let Ok(rows) = result else { return };
    if changes_pending(store) || store.mail.folders.ready().is_none() {
        return;
    }
    let mail = &mut store.mail;
    let highlighted = mail.selected_folder().map(|row| row.folder.id.clone());
    // The refresh does not ask which folders are the distinguished ones (their ids never
    // change): each keeps what the first load found.
    let mut rows = rows;
    for row in &mut rows {
        if row.folder.well_known.is_none() {
            row.folder.well_known = mail.folder_row(&row.folder.id).and_then(|known| known.folder.well_known);
        }
    }
    let at = highlighted.and_then(|id| rows.iter().position(|r| r.folder.id == id));
    mail.folders = super::super::super::loadable::Loadable::Ready(rows);
    let open_total = mail.open_folder_row().map(|row| row.folder.total_count);
    if let (Some(page), Some(total), ListView::Folder) = (mail.messages.ready_mut(), open_total, &mail.ops.view) {
        page.total = Some(total);
    }
    let height = layout::inner_height(store.mail_layout().folders);
    let len = store.mail.folders.ready().map_or(0, Vec::len);
    let selected = at.unwrap_or(store.mail.folder_cursor.selected);
    store.mail.folder_cursor.select(selected, len, height);
}

/// The open folder's newest page, merged into what is loaded: new messages go in by date, the
/// ones it shows take their fresh state (read, flags, categories), and loaded ones within its
/// dates that it no longer holds (moved or deleted elsewhere) leave, except the one being read.
/// The selection stays on its message; a list scrolled down keeps its rows where they were.
pub(super) fn newest_merged(store: &mut Store, generation: u64, result: Outcome<MessagePage>) {
    let Some((folder_id, waited)) = store.mail.refresh.page.clone() else { return };
    if waited != generation {
        return;
    }
    store.mail.refresh.page = None;
    let Ok(fresh) = result else { return };
    let mail = &store.mail;
    let same_list = mail.open_folder.as_deref() == Some(folder_id.as_str()) && *mail.shown_view() == ListView::Folder;
    if !same_list || changes_pending(store) {
        return;
    }
    let selected = store.mail.selected_message().map(|m| m.id.clone());
    let offset = store.mail.message_cursor.offset;
    let first_shown = store.mail.visible_message(offset).map(|m| m.id.clone());
    let open = store.mail.open_message.clone();
    let Some(page) = store.mail.messages.ready_mut() else { return };
    // The page covers everything from its oldest message on (all of the folder without a next
    // page): what is loaded in that span and not in the page has gone.
    let oldest = if fresh.next_link.is_some() { fresh.items.last().and_then(|m| m.received) } else { None };
    let fresh_ids: HashSet<&str> = fresh.items.iter().map(|m| m.id.as_str()).collect();
    page.items.retain(|m| {
        let covered = fresh.next_link.is_none() || m.received.zip(oldest).is_some_and(|(r, o)| r >= o);
        !covered || fresh_ids.contains(m.id.as_str()) || open.as_deref() == Some(m.id.as_str())
    });
    let mut new_ones = Vec::new();
    for message in fresh.items {
        match page.items.iter_mut().find(|m| m.id == message.id) {
            Some(loaded) => *loaded = message,
            None => new_ones.push(message),
        }
    }
    for message in new_ones {
        // Newest first: before the first loaded message that is older.
        let at = page.items.iter().position(|m| m.received < message.received).unwrap_or(page.items.len());
        if at == page.items.len() && page.next_link.is_some() {
            // Older than everything loaded: the next page brings it.
            continue;
        }
        page.items.insert(at, message);
    }
    let kept: HashSet<String> = page.items.iter().map(|m| m.id.clone()).collect();
    store.mail.ops.marked.retain(|id| kept.contains(id));
    refilter_keeping(store, selected);
    // Scrolled down, the rows in view stay put: the offset follows the first row shown.
    if offset > 0
        && let Some(row) = first_shown.and_then(|id| store.mail.row_of(&id))
    {
        let height = page_rows(store);
        let cursor = &mut store.mail.message_cursor;
        cursor.offset = row.min(cursor.selected);
        let (selected, len) = (cursor.selected, store.mail.visible_len());
        store.mail.message_cursor.select(selected, len, height);
    }
}
