//! Folder management in the tree: create (under the selected folder or at the top level),
//! rename, delete after a yes/no that names how many messages go with it. The distinguished
//! folders (Inbox, Drafts, Sent Items…) are never offered for renaming or deletion.
//! Optimistic like message changes: the tree changes at once and is put back when the
//! service refuses.
use super::super::super::effect::mail_ops::{FolderChange, MailOpsEffect};
use super::super::super::effect::{Effect, LoadKey};
use super::super::super::layout;
use super::super::super::loadable::Generation;
use super::super::super::msg::{FolderRow, Outcome};
use super::super::super::store::Store;
use super::super::super::store::mail::ops::{MailPrompt, PendingFolder};
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::prompt::Answered;
use super::super::{mail, notify, report_error};
use super::{ask, text_prompt};
use crate::domain::Folder;

/// The highlighted folder in the tree.
fn selected(store: &Store) -> Option<(usize, FolderRow)> {
    let at = store.mail.folder_cursor.selected;
    store.mail.selected_folder().map(|row| (at, row.clone()))
}

pub(super) fn ask_create(store: &mut Store, under_selected: bool) -> Vec<Effect> {
    let (title, parent) = match selected(store) {
        Some((_, row)) if under_selected => (format!("New folder in {}", row.folder.name), Some(row.folder.id)),
        _ if under_selected => return Vec::new(),
        _ => ("New folder at the top level".to_owned(), None),
    };
    ask(store, text_prompt(title, "", MailPrompt::CreateFolder { parent }))
}

/// The highlighted folder, unless it is a distinguished one (then a notice says so).
fn changeable(store: &mut Store, what: &str) -> Option<(usize, FolderRow)> {
    let (at, row) = selected(store)?;
    if row.folder.well_known.is_some() {
        notify(store, format!("{} is one of the mailbox's own folders: it cannot be {what}", row.folder.name));
        return None;
    }
    Some((at, row))
}

pub(super) fn ask_rename(store: &mut Store) -> Vec<Effect> {
    let Some((_, row)) = changeable(store, "renamed") else { return Vec::new() };
    let title = format!("Rename {}", row.folder.name);
    ask(store, text_prompt(title, &row.folder.name, MailPrompt::RenameFolder { id: row.folder.id }))
}

/// "1 message", "12 messages".
fn messages(count: u64) -> String {
    if count == 1 { "1 message".to_owned() } else { format!("{count} messages") }
}

pub(super) fn ask_delete(store: &mut Store) -> Vec<Effect> {
    let Some((at, row)) = changeable(store, "deleted") else { return Vec::new() };
    let rows = store.mail.folders.ready().map(Vec::as_slice).unwrap_or(&[]);
    let end = subtree_end(rows, at);
    let total: u64 = rows[at..end].iter().map(|r| r.folder.total_count).sum();
    let within = match end - at - 1 {
        0 => String::new(),
        1 => " (in it and its 1 subfolder)".to_owned(),
        n => format!(" (in it and its {n} subfolders)"),
    };
    let title = format!("Delete the folder {} and its {}{within}?", row.folder.name, messages(total));
    store.prompt = Some(Prompt::yes_no(title, Purpose::Mail(MailPrompt::DeleteFolder { id: row.folder.id })));
    Vec::new()
}

/// Where the folder at `at` and the folders below it end in the depth-first rows.
fn subtree_end(rows: &[FolderRow], at: usize) -> usize {
    let depth = rows[at].depth;
    rows[at + 1..].iter().position(|r| r.depth <= depth).map_or(rows.len(), |n| at + 1 + n)
}

pub(super) fn answer(store: &mut Store, asked: &MailPrompt, answer: &str) -> Answered {
    let op = store.next_generation();
    let change = match asked.clone() {
        MailPrompt::CreateFolder { parent } => {
            let name = named(answer)?;
            create_row(store, op, parent.as_deref(), &name);
            FolderChange::Create { parent, name }
        }
        MailPrompt::RenameFolder { id } => {
            let name = named(answer)?;
            let Some(row) = rows_mut(store).and_then(|rows| rows.iter_mut().find(|r| r.folder.id == id)) else {
                return Ok(Vec::new());
            };
            let old_name = std::mem::replace(&mut row.folder.name, name.clone());
            store.mail.ops.pending_folders.insert(op, PendingFolder::Renamed { id: id.clone(), old_name });
            FolderChange::Rename { id, name }
        }
        MailPrompt::DeleteFolder { id } => return Ok(delete_rows(store, op, id)),
        _ => return Ok(Vec::new()),
    };
    Ok(vec![Effect::MailOps(MailOpsEffect::Folder { op, change })])
}

fn named(answer: &str) -> Result<String, String> {
    if answer.is_empty() { Err("A folder needs a name".to_owned()) } else { Ok(answer.to_owned()) }
}

fn rows_mut(store: &mut Store) -> Option<&mut Vec<FolderRow>> {
    store.mail.folders.ready_mut()
}

/// Where a new child of `parent` goes: after the parent's last descendant (the end for the
/// top level), with its depth.
fn slot_for(rows: &[FolderRow], parent: Option<&str>) -> (usize, usize) {
    let Some(at) = parent.and_then(|p| rows.iter().position(|r| r.folder.id == p)) else { return (rows.len(), 0) };
    let depth = rows[at].depth;
    let end = rows[at + 1..].iter().position(|r| r.depth <= depth).map_or(rows.len(), |n| at + 1 + n);
    (end, depth + 1)
}

fn create_row(store: &mut Store, op: Generation, parent: Option<&str>, name: &str) {
    let temp_id = format!("pending-folder-{op}");
    let Some(rows) = rows_mut(store) else { return };
    let (at, depth) = slot_for(rows, parent);
    let folder = Folder {
        id: temp_id.clone(),
        name: name.to_owned(),
        parent_id: parent.map(str::to_owned),
        ..Default::default()
    };
    rows.insert(at, FolderRow { folder, depth });
    if let Some(parent) = parent.and_then(|p| rows.iter_mut().find(|r| r.folder.id == p)) {
        parent.folder.child_folder_count += 1;
    }
    store.mail.ops.pending_folders.insert(op, PendingFolder::Created { temp_id });
    keep_cursor(store, at, 1);
}

/// Keeps the highlight on the same folder after `count` rows were inserted (or, negative,
/// removed) at `at`.
fn keep_cursor(store: &mut Store, at: usize, count: isize) {
    let height = layout::inner_height(store.mail_layout().folders);
    let len = store.mail.folders.ready().map_or(0, Vec::len);
    let selected = store.mail.folder_cursor.selected;
    let moved = if selected >= at { selected.saturating_add_signed(count).max(at.min(selected)) } else { selected };
    store.mail.folder_cursor.select(moved, len, height);
}

fn delete_rows(store: &mut Store, op: Generation, id: String) -> Vec<Effect> {
    let Some(rows) = rows_mut(store) else { return Vec::new() };
    let Some(at) = rows.iter().position(|r| r.folder.id == id) else { return Vec::new() };
    let end = subtree_end(rows, at);
    let taken: Vec<FolderRow> = rows.drain(at..end).collect();
    let open_gone = taken.iter().any(|r| Some(&r.folder.id) == store.mail.open_folder.as_ref());
    let removed = taken.len() as isize;
    store.mail.ops.pending_folders.insert(op, PendingFolder::Deleted { at, rows: taken });
    keep_cursor(store, at, -removed);
    let mut effects = vec![Effect::MailOps(MailOpsEffect::Folder { op, change: FolderChange::Delete { id } })];
    if open_gone {
        // The list showed a folder that is going: show the one now highlighted.
        store.mail.ops.view = Default::default();
        if let Some(folder_id) = store.mail.selected_folder().map(|r| r.folder.id.clone()) {
            effects.extend(mail::load(store, LoadKey::Messages { folder_id }));
        }
    }
    effects
}

pub(super) fn done(store: &mut Store, op: Generation, result: Outcome<Option<String>>) {
    let Some(pending) = store.mail.ops.pending_folders.remove(&op) else { return };
    match (pending, result) {
        (PendingFolder::Created { temp_id }, Ok(new_id)) => {
            let name = match rows_mut(store).and_then(|rows| rows.iter_mut().find(|r| r.folder.id == temp_id)) {
                Some(row) => {
                    row.folder.id = new_id.unwrap_or(temp_id);
                    row.folder.name.clone()
                }
                None => return,
            };
            notify(store, format!("Folder {name} created"));
        }
        (PendingFolder::Created { temp_id }, Err(reason)) => {
            if let Some(rows) = rows_mut(store)
                && let Some(at) = rows.iter().position(|r| r.folder.id == temp_id)
            {
                rows.remove(at);
                keep_cursor(store, at, -1);
            }
            report_error(store, format!("Creating the folder failed: {reason}"));
        }
        (PendingFolder::Renamed { .. }, Ok(_)) => notify(store, "Folder renamed".to_owned()),
        (PendingFolder::Renamed { id, old_name }, Err(reason)) => {
            if let Some(row) = rows_mut(store).and_then(|rows| rows.iter_mut().find(|r| r.folder.id == id)) {
                row.folder.name = old_name;
            }
            report_error(store, format!("Renaming the folder failed: {reason}"));
        }
        (PendingFolder::Deleted { rows, .. }, Ok(_)) => {
            let name = rows.first().map(|r| r.folder.name.clone()).unwrap_or_default();
            notify(store, format!("Folder {name} deleted"));
        }
        (PendingFolder::Deleted { at, rows: taken }, Err(reason)) => {
            let count = taken.len() as isize;
            if let Some(rows) = rows_mut(store) {
                let at = at.min(rows.len());
                rows.splice(at..at, taken);
                keep_cursor(store, at, count);
            }
            report_error(store, format!("Deleting the folder failed: {reason}"));
        }
    }
}
