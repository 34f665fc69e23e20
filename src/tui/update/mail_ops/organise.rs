//! Optimistic changes to messages: the list changes at once (read marks, flags, categories,
//! rows leaving, folder counts), the change goes to the worker, and the per-message outcomes
//! reconcile it: rows whose sub-request failed are put back, with one notice saying how many
//! and why.
use super::super::super::effect::Effect;
use super::super::super::effect::mail_ops::MailOpsEffect;
use super::super::super::loadable::{Generation, Loadable};
use super::super::super::msg::Outcome;
use super::super::super::msg::mail_ops::ItemOutcome;
use super::super::super::store::mail::ops::{MailPrompt, MessageChange, PendingChange};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::super::store::{MailFocus, Store};
use super::super::{mail, notify, report_error};
use crate::domain::MessageSummary;

/// What an action works on: in the reader, the message it shows; in the list, the marked
/// rows, else the selected row; each with its index in the loaded list.
pub(super) fn targets(store: &Store) -> Vec<(usize, MessageSummary)> {
    let mail = &store.mail;
    let Some(page) = mail.messages.ready() else { return Vec::new() };
    let wanted: Vec<&str> = match mail.focus {
        // Keys in the reader act on what it shows, never on marks made in the list.
        MailFocus::Reader => mail.open_message.as_deref().into_iter().collect(),
        MailFocus::Messages if !mail.ops.marked.is_empty() => mail.ops.marked.iter().map(String::as_str).collect(),
        MailFocus::Messages => mail.selected_message().map(|m| m.id.as_str()).into_iter().collect(),
        MailFocus::Folders => Vec::new(),
    };
    page.items
        .iter()
        .enumerate()
        .filter(|(_, m)| wanted.contains(&m.id.as_str()))
        .map(|(i, m)| (i, m.clone()))
        .collect()
}

/// `D`: asks before deleting the targets for good.
pub(super) fn ask_permanent_delete(store: &mut Store) -> Vec<Effect> {
    let ids: Vec<String> = targets(store).into_iter().map(|(_, m)| m.id).collect();
    if ids.is_empty() {
        return Vec::new();
    }
    let title = match ids.len() {
        1 => "Delete this message for good? It cannot be recovered".to_owned(),
        n => format!("Delete {n} messages for good? They cannot be recovered"),
    };
    store.prompt = Some(Prompt::yes_no(title, Purpose::Mail(MailPrompt::DeletePermanently { ids })));
    Vec::new()
}

/// Applies `change` to the targets.
pub(super) fn start(store: &mut Store, change: MessageChange) -> Vec<Effect> {
    let rows = targets(store);
    let ids: Vec<String> = rows.iter().map(|(_, m)| m.id.clone()).collect();
    start_rows(store, ids, rows, change, false)
}

/// Applies `change` to messages named earlier (a picker or a prompt asked in between).
pub(super) fn start_for(store: &mut Store, ids: &[String], change: MessageChange) -> Vec<Effect> {
    let rows = loaded_rows(store, ids);
    start_rows(store, ids.to_vec(), rows, change, false)
}

/// Like `start_for`, for a change the pane makes on its own: a notice only when it fails.
pub(super) fn start_quietly(store: &mut Store, ids: &[String], change: MessageChange) -> Vec<Effect> {
    let rows = loaded_rows(store, ids);
    start_rows(store, ids.to_vec(), rows, change, true)
}

fn loaded_rows(store: &Store, ids: &[String]) -> Vec<(usize, MessageSummary)> {
    store
        .mail
        .messages
        .ready()
        .map(|page| {
            page.items.iter().enumerate().filter(|(_, m)| ids.contains(&m.id)).map(|(i, m)| (i, m.clone())).collect()
        })
        .unwrap_or_default()
}

fn start_rows(
    store: &mut Store,
    ids: Vec<String>,
    rows: Vec<(usize, MessageSummary)>,
    change: MessageChange,
    quiet: bool,
) -> Vec<Effect> {
    if ids.is_empty() {
        return Vec::new();
    }
    let op = store.next_generation();
    let folder_id = store.mail.open_folder.clone();
    let destination = destination_of(store, &change);
    let pending = PendingChange { change: change.clone(), folder_id, before: rows, destination, quiet };
    apply_rows(store, &pending, &ids, true);
    if change.removes() {
        store.mail.ops.marked.clear();
        if store.mail.open_message.as_ref().is_some_and(|id| ids.contains(id)) {
            // The message in the reader has left the list.
            store.mail.open_message = None;
            store.mail.reader = Loadable::Idle;
            if store.mail.focus == MailFocus::Reader {
                mail::focus(store, MailFocus::Messages);
            }
        }
    }
    if ids.len() > 1 {
        notify(store, format!("{} {} messages…", progressive(&change), ids.len()));
    }
    store.mail.ops.pending.insert(op, pending);
    vec![Effect::MailOps(MailOpsEffect::Change { op, ids, change })]
}

/// The folder row counting the moved or copied messages, when the tree holds it. Well-known
/// names are matched to the tree by their English display names (the tree has no other clue).
fn destination_of(store: &Store, change: &MessageChange) -> Option<String> {
    let target = match change {
        MessageChange::Move(id) | MessageChange::Copy(id) => id.as_str(),
        MessageChange::Delete => "deleteditems",
        _ => return None,
    };
    let rows = store.mail.folders.ready()?;
    let by_name = match target {
        "archive" => Some("archive"),
        "deleteditems" => Some("deleted items"),
        _ => None,
    };
    rows.iter()
        .find(|r| r.folder.id == target || by_name.is_some_and(|n| r.folder.name.eq_ignore_ascii_case(n)))
        .map(|r| r.folder.id.clone())
}

/// Makes (`forward`) or undoes the change on the rows of `ids` and on the folder counts.
fn apply_rows(store: &mut Store, pending: &PendingChange, ids: &[String], forward: bool) {
    let selected = store.mail.selected_message().map(|m| m.id.clone());
    let rows: Vec<&(usize, MessageSummary)> = pending.before.iter().filter(|(_, m)| ids.contains(&m.id)).collect();
    let same_list = store.mail.open_folder == pending.folder_id;
    let mut counts: Vec<(Option<String>, i64, i64)> = Vec::new();
    let sign = if forward { 1 } else { -1 };
    // A row counts in its own folder (a conversation spans folders), else in the open one.
    let source = |m: &MessageSummary| m.folder_id.clone().or_else(|| pending.folder_id.clone());
    for (_, m) in &rows {
        let unread = i64::from(!m.is_read);
        match &pending.change {
            MessageChange::Read(read) if m.is_read != *read => {
                counts.push((source(m), sign * if *read { -1 } else { 1 }, 0));
            }
            MessageChange::Read(_) | MessageChange::Flag(_) | MessageChange::Categories { .. } => {}
            MessageChange::Copy(_) => counts.push((pending.destination.clone(), sign * unread, sign)),
            MessageChange::Move(_) | MessageChange::Delete | MessageChange::PermanentDelete => {
                counts.push((source(m), -sign * unread, -sign));
                if pending.change != MessageChange::PermanentDelete {
                    counts.push((pending.destination.clone(), sign * unread, sign));
                }
            }
        }
    }
    if same_list {
        match &pending.change {
            MessageChange::Read(read) => {
                set_rows(store, &rows, |m, before| m.is_read = if forward { *read } else { before.is_read });
            }
            MessageChange::Flag(flag) => {
                set_rows(store, &rows, |m, before| m.is_flagged = if forward { *flag } else { before.is_flagged });
            }
            MessageChange::Categories { lists, .. } => {
                let new_list = |id: &str| lists.iter().find(|(l, _)| l == id).map(|(_, list)| list.clone());
                set_rows(store, &rows, |m, before| {
                    m.categories = match forward {
                        true => new_list(&before.id).unwrap_or_else(|| before.categories.clone()),
                        false => before.categories.clone(),
                    };
                });
                super::categories::refresh_reader(store);
            }
            MessageChange::Copy(_) => {}
            MessageChange::Move(_) | MessageChange::Delete | MessageChange::PermanentDelete => {
                if forward {
                    remove_rows(store, ids)
                } else {
                    restore_rows(store, &rows, &pending.before)
                }
            }
        }
    }
    for (folder, unread, total) in counts {
        let Some(folder) = folder else { continue };
        if let Some(row) =
            store.mail.folders.ready_mut().and_then(|rows| rows.iter_mut().find(|r| r.folder.id == folder))
        {
            row.folder.unread_count = row.folder.unread_count.saturating_add_signed(unread);
            row.folder.total_count = row.folder.total_count.saturating_add_signed(total);
        }
    }
    mail::refilter_keeping(store, selected);
}

fn set_rows(store: &mut Store, rows: &[&(usize, MessageSummary)], set: impl Fn(&mut MessageSummary, &MessageSummary)) {
    let Some(page) = store.mail.messages.ready_mut() else { return };
    for (_, before) in rows {
        if let Some(m) = page.items.iter_mut().find(|m| m.id == before.id) {
            set(m, before);
        }
    }
}

fn remove_rows(store: &mut Store, ids: &[String]) {
    if let Some(page) = store.mail.messages.ready_mut() {
        page.items.retain(|m| !ids.contains(&m.id));
        page.total = page.total.map(|t| t.saturating_sub(ids.len() as u64));
    }
}

/// Puts rows back where they were: a row's old index, less the rows before it that left for
/// good (in `removed` but not restored), is where it goes.
fn restore_rows(store: &mut Store, rows: &[&(usize, MessageSummary)], removed: &[(usize, MessageSummary)]) {
    let Some(page) = store.mail.messages.ready_mut() else { return };
    let mut rows = rows.to_vec();
    rows.sort_by_key(|(index, _)| *index);
    let restored = |id: &str| rows.iter().any(|(_, m)| m.id == id);
    let gone_before = |index: usize| removed.iter().filter(|(i, m)| *i < index && !restored(&m.id)).count();
    for (index, row) in &rows {
        if page.items.iter().any(|m| m.id == row.id) {
            continue;
        }
        let at = index - gone_before(*index);
        page.items.insert(at.min(page.items.len()), row.clone());
        page.total = page.total.map(|t| t + 1);
    }
}

fn progressive(change: &MessageChange) -> &'static str {
    match change {
        MessageChange::Read(true) => "Marking read",
        MessageChange::Read(false) => "Marking unread",
        MessageChange::Flag(true) => "Flagging",
        MessageChange::Flag(false) => "Unflagging",
        MessageChange::Move(_) => "Moving",
        MessageChange::Copy(_) => "Copying",
        MessageChange::Delete | MessageChange::PermanentDelete => "Deleting",
        MessageChange::Categories { add: true, .. } => "Categorising",
        MessageChange::Categories { add: false, .. } => "Uncategorising",
    }
}

/// One progress notice per answered batch of a bulk change.
pub(super) fn progress(store: &mut Store, op: Generation, done: usize, total: usize) {
    let Some(pending) = store.mail.ops.pending.get(&op) else { return };
    if total > 1 && done < total {
        let text = format!("{} {total} messages… {done}/{total}", progressive(&pending.change));
        notify(store, text);
    }
}

/// The service answered: keep what it did, put back what it refused.
pub(super) fn reconcile(store: &mut Store, op: Generation, result: Outcome<Vec<ItemOutcome>>) {
    let Some(pending) = store.mail.ops.pending.remove(&op) else { return };
    let verb = pending.change.past();
    match result {
        Err(reason) => {
            let ids: Vec<String> = pending.before.iter().map(|(_, m)| m.id.clone()).collect();
            apply_rows(store, &pending, &ids, false);
            let what = if ids.len() == 1 { "The message".to_owned() } else { format!("{} messages", ids.len()) };
            report_error(store, format!("{what} could not be {verb}: {reason}"));
        }
        Ok(outcomes) => {
            let failed: Vec<&ItemOutcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
            if failed.is_empty() {
                if pending.quiet {
                    return;
                }
                let text = match outcomes.len() {
                    1 => format!("Message {verb}"),
                    n => format!("{n} messages {verb}"),
                };
                notify(store, text);
                return;
            }
            let ids: Vec<String> = failed.iter().map(|o| o.id.clone()).collect();
            apply_rows(store, &pending, &ids, false);
            let reason = failed[0].error.as_ref().map(|e| e.text.as_str()).unwrap_or_default();
            report_error(store, format!("{} of {} could not be {verb}: {reason}", failed.len(), outcomes.len()));
        }
    }
}
