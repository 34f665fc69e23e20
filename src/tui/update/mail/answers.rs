//! The mail pane's answers from the worker: the folder tree (the inbox opened the first
//! time), a folder's first page, more pages (`G` following them to the end), the message for
//! the reader (marked read after its delay), the background refresh's loads, a pipe's end.
use super::super::super::effect::{Effect, LoadKey};
use super::super::super::layout;
use super::super::super::loadable::{Loadable, MoreState, Paged};
use super::super::super::msg::Msg;
use super::super::super::store::{MailFocus, Store};
use super::super::reader::build_doc;
use super::super::{notify, report_error};
use super::{follow_to_end, live, more_if_near_end, open_folder, refilter, refilter_keeping};

pub(in crate::tui::update) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Folders { generation, result } => {
            if !store.mail.folders.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(rows) => {
                    let first_time = store.mail.open_folder.is_none();
                    let inbox = rows.iter().position(|r| r.folder.name.eq_ignore_ascii_case("inbox")).unwrap_or(0);
                    let keep =
                        store.mail.open_folder.as_deref().and_then(|id| rows.iter().position(|r| r.folder.id == id));
                    let at = keep.unwrap_or(inbox);
                    let open = rows.get(at).map(|r| r.folder.id.clone());
                    store.mail.folders = Loadable::Ready(rows);
                    let height = layout::inner_height(store.mail_layout().folders);
                    let len = store.mail.folders.ready().map_or(0, Vec::len);
                    store.mail.folder_cursor.select(at, len, height);
                    match open {
                        Some(id) if first_time => open_folder(store, id),
                        _ => Vec::new(),
                    }
                }
                Err(reason) => {
                    report_error(store, format!("Loading folders failed: {reason}"));
                    store.mail.folders = Loadable::Failed { reason: reason.text, retry: LoadKey::Folders };
                    Vec::new()
                }
            }
        }
        Msg::Messages { generation, result } => {
            if !store.mail.messages.awaits(generation) {
                return Vec::new();
            }
            let folder_id = store.mail.open_folder.clone().unwrap_or_default();
            match result {
                Ok(page) => {
                    let total = store.mail.open_folder_row().map(|row| row.folder.total_count);
                    store.mail.messages = Loadable::Ready(Paged::first(page.items, page.next_link, total));
                    store.mail.message_cursor = Default::default();
                    refilter_keeping(store, None);
                }
                Err(reason) => {
                    report_error(store, format!("Loading messages failed: {reason}"));
                    store.mail.messages =
                        Loadable::Failed { reason: reason.text, retry: LoadKey::Messages { folder_id } };
                }
            }
            Vec::new()
        }
        Msg::MoreMessages { generation, result } => {
            let Some(page) = store.mail.messages.ready_mut() else { return Vec::new() };
            if page.more != (MoreState::Loading { generation }) {
                return Vec::new();
            }
            match result {
                Ok(more) => {
                    // New mail merged in at the top shifts the `$skip` of the next link: a
                    // message may come again.
                    let fresh: Vec<_> = {
                        let loaded = tail_ids(&page.items, more.items.first());
                        more.items.into_iter().filter(|m| !loaded.contains(m.id.as_str())).collect()
                    };
                    page.items.extend(fresh);
                    page.next_link = more.next_link;
                    page.more = MoreState::Idle;
                    refilter(store);
                    follow_to_end(store);
                    // The cursor may already sit past the new end's prefetch line.
                    more_if_near_end(store)
                }
                Err(reason) => {
                    page.more = MoreState::Failed { reason: reason.text.clone() };
                    store.mail.walking_to_end = false;
                    report_error(store, format!("Loading more messages failed: {reason} (r retries)"));
                    Vec::new()
                }
            }
        }
        Msg::Message { generation, result } => {
            if !store.mail.reader.awaits(generation) {
                return Vec::new();
            }
            match result {
                Ok(full) => {
                    let width = layout::inner_width(
                        layout::mail::split(layout::screen(store.size).body, MailFocus::Reader).reader,
                    );
                    store.mail.reader = Loadable::Ready(build_doc(full, width, &store.zone));
                    live::opened(store);
                }
                Err(reason) => {
                    let id = store.mail.open_message.clone().unwrap_or_default();
                    report_error(store, format!("Opening the message failed: {reason}"));
                    store.mail.reader = Loadable::Failed { reason: reason.text, retry: LoadKey::Message { id } };
                }
            }
            Vec::new()
        }
        Msg::FoldersRefreshed { generation, result } => {
            live::folders_refreshed(store, generation, result);
            Vec::new()
        }
        Msg::NewestMessages { generation, result } => {
            live::newest_merged(store, generation, result);
            Vec::new()
        }
        Msg::Piped(result) => {
            match result {
                Ok(text) => notify(store, text),
                Err(reason) => report_error(store, reason),
            }
            Vec::new()
        }
        Msg::Agenda { .. } | Msg::Calendar(_) => Vec::new(),
        Msg::DriveChildren { .. }
        | Msg::DrivePlaces { .. }
        | Msg::Drive(_)
        | Msg::Tasks(_)
        | Msg::MailOps(_)
        | Msg::Compose(_)
        | Msg::SignedOut
        | Msg::Throttled(_)
        | Msg::AccountUnavailable { .. }
        | Msg::Requests(_)
        | Msg::Cache(_)
        | Msg::People(_)
        | Msg::Settings(_)
        | Msg::MailToTask(_)
        | Msg::PathCompleted(_) => Vec::new(),
    }
}

/// The ids of the loaded messages a next page can repeat. The list is newest first, so a message
/// that comes again is no newer than the page's first, and those are the end of the list: only
/// they are looked at (all of them when a date is missing), not every id loaded, which made a
/// walk to the end of a 100,000-message folder quadratic (issue 16: `G` in under 10 s).
fn tail_ids<'a>(
    loaded: &'a [crate::domain::MessageSummary],
    first_new: Option<&crate::domain::MessageSummary>,
) -> std::collections::HashSet<&'a str> {
    let newest = first_new.and_then(|m| m.received);
    let could_repeat = |m: &&crate::domain::MessageSummary| match (newest, m.received) {
        (Some(newest), Some(received)) => received <= newest,
        _ => true,
    };
    loaded.iter().rev().take_while(could_repeat).map(|m| m.id.as_str()).collect()
}
