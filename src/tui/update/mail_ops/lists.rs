//! Lists beside the folder listing: server or local search (`s`; the local one as you type is
//! in `local_search`), quick filters (unread, flagged, with
//! attachments, from the sender, received since, with a category; all combined into one
//! `$filter`), a conversation (`t`). Each replaces the list and its title says so; Esc or
//! moving in the folder tree returns to the folder.
use chrono::NaiveDate;

use super::super::super::action::mail_ops::MailOp;
use super::super::super::effect::mail_ops::{ListQuery, MailOpsEffect};
use super::super::super::effect::{Effect, LoadKey, Slot};
use super::super::super::loadable::{Generation, Loadable, Paged};
use super::super::super::msg::{MessagePage, Outcome};
use super::super::super::store::mail::ops::{ListView, MailPrompt};
use super::super::super::store::{MailFocus, Store};
use super::super::prompt::Answered;
use super::super::{mail, notify, report_error};
use super::{ask, text_prompt};
use crate::domain::QuickFilters;
use crate::human::dates::{local_midnight, parse_day};

/// True when the list shows a view of the open folder rather than the folder itself (a click
/// in the folder tree may have opened another folder behind the view's back).
pub(super) fn view_is_shown(store: &Store) -> bool {
    *store.mail.shown_view() != ListView::Folder
}

pub(super) fn ask_search(store: &mut Store) -> Vec<Effect> {
    let Some(folder) = store.mail.open_folder_row() else { return Vec::new() };
    let folder_id = folder.folder.id.clone();
    let local = store.mail.ops.local_search.preferred && store.sync.cached;
    let title = super::local_search::title(store, local);
    let initial = match &store.mail.ops.view {
        ListView::Search { text, .. } => text.clone(),
        _ => String::new(),
    };
    ask(store, text_prompt(title, &initial, MailPrompt::Search { folder_id, local }))
}

/// Enter in the search prompt: the server's search, or the local one kept.
pub(super) fn search(store: &mut Store, folder_id: &str, text: &str, local: bool) -> Answered {
    if local {
        return Ok(super::local_search::keep(store, folder_id, text));
    }
    if text.is_empty() {
        return Err("Type what to search for".to_owned());
    }
    let view = ListView::Search { folder_id: folder_id.to_owned(), text: text.to_owned(), local: false };
    Ok(show(store, view))
}

/// The quick filters on now (none when the list shows the folder itself).
fn current_filters(store: &Store) -> QuickFilters {
    match &store.mail.ops.view {
        ListView::Filtered { filters, .. } if view_is_shown(store) => filters.clone(),
        _ => QuickFilters::default(),
    }
}

/// Shows the open folder through `change`d filters; with none left, the folder itself.
fn refilter_with(store: &mut Store, change: impl FnOnce(&mut QuickFilters)) -> Vec<Effect> {
    let Some(folder_id) = store.mail.open_folder.clone() else { return Vec::new() };
    let mut filters = current_filters(store);
    change(&mut filters);
    if !filters.any() {
        return back_to_folder(store);
    }
    show(store, ListView::Filtered { folder_id, filters })
}

pub(super) fn toggle_filter(store: &mut Store, op: MailOp) -> Vec<Effect> {
    refilter_with(store, |filters| match op {
        MailOp::UnreadOnly => filters.unread = !filters.unread,
        MailOp::FlaggedOnly => filters.flagged = !filters.flagged,
        _ => filters.attachments = !filters.attachments,
    })
}

/// `~`: only the selected message's sender; again: off.
pub(super) fn from_sender(store: &mut Store) -> Vec<Effect> {
    if current_filters(store).from.is_some() {
        return refilter_with(store, |filters| filters.from = None);
    }
    let mail = &store.mail;
    let selected = match mail.focus {
        MailFocus::Reader => mail.reader.ready().map(|doc| doc.message.message.summary.clone()),
        _ => mail.visible_message(mail.message_cursor.selected).cloned(),
    };
    let Some(address) = selected.and_then(|m| m.from).map(|f| f.address).filter(|a| !a.is_empty()) else {
        notify(store, "The message names no sender".to_owned());
        return Vec::new();
    };
    refilter_with(store, |filters| filters.from = Some(address))
}

/// `T`: asks for the day (or `A..B`) the messages were received since.
pub(super) fn ask_received(store: &mut Store) -> Vec<Effect> {
    let Some(folder_id) = store.mail.open_folder.clone() else { return Vec::new() };
    let title = "Received since (YYYY-MM-DD, today, -7d; A..B a range)".to_owned();
    ask(store, text_prompt(title, "", MailPrompt::ReceivedRange { folder_id }))
}

/// The answer to `T`: days in the user's zone, the last day of a range included.
pub(super) fn received(store: &mut Store, answer: &str) -> Answered {
    let today = store.calendar.today.unwrap_or_default();
    let zone = store.zone;
    let day = |text: &str| parse_day(text, today).map_err(|e| e.to_string());
    let start = |day: NaiveDate| local_midnight(day, zone).ok_or_else(|| format!("{day} is out of range"));
    let (since, until) = match answer.split_once("..") {
        _ if answer.is_empty() => (None, None),
        Some((from, to)) => {
            let since = if from.trim().is_empty() { None } else { Some(start(day(from)?)?) };
            let last = day(to)?;
            let next = last.succ_opt().ok_or_else(|| format!("{last} is out of range"))?;
            (since, Some(start(next)?))
        }
        None => (Some(start(day(answer)?)?), None),
    };
    if let (Some(since), Some(until)) = (since, until)
        && until <= since
    {
        return Err("The range ends before it starts".to_owned());
    }
    Ok(refilter_with(store, |filters| {
        filters.since = since;
        filters.until = until;
    }))
}

/// `%`: pick a category to filter by; with one set, off.
pub(super) fn category_only(store: &mut Store) -> Vec<Effect> {
    if current_filters(store).category.is_some() {
        return refilter_with(store, |filters| filters.category = None);
    }
    let Some(folder_id) = store.mail.open_folder.clone() else { return Vec::new() };
    super::categories::open_filter_picker(store, folder_id)
}

/// A category picked for the filter.
pub(super) fn set_category(store: &mut Store, folder_id: String, name: String) -> Vec<Effect> {
    if store.mail.open_folder.as_deref() != Some(folder_id.as_str()) {
        return Vec::new();
    }
    refilter_with(store, |filters| filters.category = Some(name))
}

pub(super) fn conversation(store: &mut Store) -> Vec<Effect> {
    let mail = &store.mail;
    let selected = match mail.focus {
        MailFocus::Reader => mail.reader.ready().map(|doc| doc.message.message.summary.clone()),
        _ => mail.visible_message(mail.message_cursor.selected).cloned(),
    };
    let (Some(message), Some(folder_id)) = (selected, mail.open_folder.clone()) else { return Vec::new() };
    let Some(conversation_id) = message.conversation_id.filter(|c| !c.is_empty()) else {
        notify(store, "The message names no conversation".to_owned());
        return Vec::new();
    };
    let view = ListView::Conversation { folder_id, conversation_id, subject: message.subject };
    show(store, view)
}

/// The work that loads `view`'s list.
fn list_effect(view: &ListView, generation: Generation) -> Option<Effect> {
    let query = match view {
        ListView::Folder => return None,
        ListView::Search { folder_id, text, local: true } => {
            return Some(Effect::SearchCache { generation, folder_id: folder_id.clone(), text: text.clone() });
        }
        ListView::Search { text, .. } => ListQuery::Search(text.clone()),
        ListView::Filtered { filters, .. } => ListQuery::Filter(filters.clone()),
        ListView::Conversation { conversation_id, .. } => ListQuery::Conversation(conversation_id.clone()),
    };
    let folder_id = view.folder_id()?.to_owned();
    Some(Effect::MailOps(MailOpsEffect::List { generation, folder_id, query }))
}

/// Replaces the list with `view`'s messages (loading), marks and the local filter cleared.
pub(super) fn show(store: &mut Store, view: ListView) -> Vec<Effect> {
    let generation = store.next_generation();
    let Some(load) = list_effect(&view, generation) else { return Vec::new() };
    let mail = &mut store.mail;
    mail.ops.view = view;
    mail.ops.marked.clear();
    mail.ops.local_search.awaiting = None;
    mail.filter = Default::default();
    mail.messages = Loadable::Loading { generation };
    mail.message_cursor = Default::default();
    mail::focus(store, MailFocus::Messages);
    vec![
        // A folder page still coming would overwrite the results.
        Effect::Cancel(Slot::MessageList),
        Effect::Cancel(Slot::MessagePage),
        load,
    ]
}

/// `r` on a view: the same search or filter again.
pub(super) fn reload(store: &mut Store) -> Vec<Effect> {
    let view = store.mail.ops.view.clone();
    notify(store, "Refreshing…".to_owned());
    show(store, view)
}

/// Esc: the folder the view was made from.
pub(super) fn back_to_folder(store: &mut Store) -> Vec<Effect> {
    store.mail.ops.view = ListView::Folder;
    store.mail.ops.marked.clear();
    store.mail.ops.local_search.awaiting = None;
    match store.mail.open_folder.clone() {
        Some(folder_id) => mail::load(store, LoadKey::Messages { folder_id }),
        None => Vec::new(),
    }
}

pub(super) fn listed(store: &mut Store, generation: Generation, result: Outcome<MessagePage>) {
    // A local search typed on keeps the list it shows until its newest answer comes.
    let typed_on = store.mail.ops.local_search.awaiting == Some(generation);
    if !store.mail.messages.awaits(generation) && !typed_on {
        return;
    }
    store.mail.ops.local_search.awaiting = None;
    match result {
        Ok(page) => {
            store.mail.messages = Loadable::Ready(Paged::first(page.items, page.next_link, None));
            store.mail.message_cursor = Default::default();
            mail::refilter_keeping(store, None);
        }
        Err(reason) => {
            report_error(store, format!("Loading the list failed: {reason} (r retries)"));
            let folder_id = store.mail.open_folder.clone().unwrap_or_default();
            store.mail.messages = Loadable::Failed { reason: reason.text, retry: LoadKey::Messages { folder_id } };
        }
    }
}
