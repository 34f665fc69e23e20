//! The Drive pane's writes, each shown at once and put back exactly if the service refuses it:
//! a new folder (under a local id until the service names it), rename, move (off the listing),
//! delete to the recycle bin or for good (asks first). One command on marked items is one
//! batch: its notice, once every write is answered, says how many failed and why. Saving files
//! into a local folder (checked first; a missing one is created after a yes) queues downloads.
use super::super::super::effect::Effect;
use super::super::super::effect::drive::{DriveEffect, TransferJob};
use super::super::super::effect::mail_ops::DEFAULT_SAVE_DIR;
use super::super::super::loadable::Loadable;
use super::super::super::msg::{DriveEntry, Outcome};
use super::super::super::store::Store;
use super::super::super::store::drive::DrivePrompt;
use super::super::super::store::drive::picker::Target;
use super::super::super::store::drive::writes::Undo;
use super::super::super::store::prompt::{Prompt, Purpose};
use super::super::prompt::Answered;
use super::super::{notify, report_error};
use super::transfers;
use crate::domain::{DriveItem, DriveItemKind};
use crate::sanitize;

/// "report.pdf" for one target, "3 items" for several.
pub(super) fn what(targets: &[Target]) -> String {
    match targets {
        [one] => sanitize::line(&one.name).into_owned(),
        many => format!("{} items", many.len()),
    }
}

fn ask(store: &mut Store, prompt: Prompt) -> Vec<Effect> {
    store.prompt = Some(prompt);
    Vec::new()
}

/// `s`: asks for the local folder to save the marked (or selected) items into (a folder with
/// everything in it).
pub(super) fn ask_save(store: &mut Store) -> Vec<Effect> {
    let targets: Vec<Target> = store.drive.targets();
    if targets.is_empty() {
        notify(store, "Select a file or folder to save".to_owned());
        return Vec::new();
    }
    let title = format!("Save {} into folder", what(&targets));
    ask(store, Prompt::folder(title, DEFAULT_SAVE_DIR, Purpose::Drive(DrivePrompt::Save { targets })))
}

/// The folder typed: the worker checks it before anything is downloaded.
pub(super) fn save_into(store: &mut Store, targets: &[Target], answer: &str) -> Answered {
    if answer.is_empty() {
        return Err("a folder to save into".to_owned());
    }
    store.drive.saving = Some((answer.to_owned(), targets.to_vec()));
    Ok(vec![Effect::Drive(DriveEffect::CheckSaveFolder { folder: answer.to_owned() })])
}

/// The worker's check: an existing folder gets the files; a missing one is offered for creation.
pub(super) fn save_folder_checked(
    store: &mut Store,
    typed: String,
    result: Result<(std::path::PathBuf, bool), String>,
) -> Vec<Effect> {
    let Some((folder, targets)) = store.drive.saving.take_if(|(folder, _)| *folder == typed) else {
        return Vec::new();
    };
    match result {
        Ok((_, true)) => save(store, &targets, &folder, false),
        Ok((path, false)) => {
            let title = format!("{} does not exist: create it and save there?", path.display());
            ask(store, Prompt::yes_no(title, Purpose::Drive(DrivePrompt::CreateAndSave { folder, targets })))
        }
        Err(reason) => {
            report_error(store, format!("Cannot save into {typed}: {reason}"));
            Vec::new()
        }
    }
}

/// One download into `folder` per file.
pub(super) fn save(store: &mut Store, targets: &[Target], folder: &str, create: bool) -> Vec<Effect> {
    let mut effects = Vec::new();
    for target in targets {
        let job = TransferJob::Save {
            drive_id: target.drive_id.clone(),
            item_id: target.item_id.clone(),
            name: target.name.clone(),
            folder: folder.to_owned(),
            create,
        };
        effects.extend(transfers::enqueue(store, job, target.name.clone()));
    }
    store.drive.marked.clear();
    effects
}

/// `N`: asks for a new folder's name in the listed folder.
pub(super) fn ask_new_folder(store: &mut Store) -> Vec<Effect> {
    let Some((drive_id, parent_id)) = store.drive.listed_folder() else {
        notify(store, "Open a folder to make a folder in".to_owned());
        return Vec::new();
    };
    let here = store.drive.path.last().map_or("My files".to_owned(), |c| sanitize::line(&c.name).into_owned());
    let purpose = Purpose::Drive(DrivePrompt::NewFolder { drive_id, parent_id });
    ask(store, Prompt::text(format!("New folder in {here}"), "", purpose))
}

/// A name the service takes for an item: not empty, no `/` or `\`.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.contains(['/', '\\']) {
        return Err("a name, without / or \\".to_owned());
    }
    Ok(())
}

/// The new folder shows at once, among the folders in name order, selected.
pub(super) fn new_folder(
    store: &mut Store,
    drive_id: &Option<String>,
    parent_id: &Option<String>,
    answer: &str,
) -> Answered {
    check_name(answer)?;
    let listing = store.drive.listing_key();
    let local_id = store.drive.writes.local_id();
    if let Loadable::Ready(entries) = &mut store.drive.children {
        if entries.iter().any(|e| e.item.name.to_lowercase() == answer.to_lowercase()) {
            return Err(format!("`{answer}` already exists here"));
        }
        let at = entries
            .iter()
            .position(|e| !e.item.is_folder() || e.item.name.to_lowercase() > answer.to_lowercase())
            .unwrap_or(entries.len());
        entries.insert(at, placeholder(&local_id, answer, drive_id.clone()));
        super::select_listed(store, at);
    }
    let shown = sanitize::line(answer).into_owned();
    let batch = store.drive.writes.batch(format!("Making the folder {shown}"), format!("Made the folder {shown}"), 1);
    let op = store.drive.writes.push(batch, answer.to_owned(), Undo::Created { listing, local_id });
    notify(store, format!("Making the folder {shown}…"));
    Ok(vec![Effect::Drive(DriveEffect::CreateFolder {
        op,
        drive_id: drive_id.clone(),
        parent_id: parent_id.clone(),
        name: answer.to_owned(),
    })])
}

/// A folder shown before the service has made it.
fn placeholder(id: &str, name: &str, drive_id: Option<String>) -> DriveEntry {
    let item = DriveItem {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: DriveItemKind::Folder { child_count: 0 },
        drive_id,
        ..DriveItem::default()
    };
    DriveEntry { item, created: None, created_by: None }
}

/// The new name shows at once; a refusal puts the old one back.
pub(super) fn rename(
    store: &mut Store,
    drive_id: &Option<String>,
    item_id: &str,
    name: &str,
    answer: &str,
) -> Answered {
    check_name(answer)?;
    if answer == name {
        return Ok(Vec::new());
    }
    let listing = store.drive.listing_key();
    if let Loadable::Ready(entries) = &mut store.drive.children
        && let Some(entry) = entries.iter_mut().find(|e| e.item.id == item_id)
    {
        entry.item.name = answer.to_owned();
    }
    let (old, new) = (sanitize::line(name).into_owned(), sanitize::line(answer).into_owned());
    let batch = store.drive.writes.batch(format!("Renaming {old} to {new}"), format!("Renamed to {new}"), 1);
    let undo = Undo::Renamed { listing, item_id: item_id.to_owned(), name: name.to_owned() };
    let op = store.drive.writes.push(batch, name.to_owned(), undo);
    Ok(vec![Effect::Drive(DriveEffect::Rename {
        op,
        drive_id: drive_id.clone(),
        item_id: item_id.to_owned(),
        new_name: answer.to_owned(),
    })])
}

/// `d` / `D`: asks before deleting the marked (or selected) items.
pub(super) fn ask_delete(store: &mut Store, permanent: bool) -> Vec<Effect> {
    let targets = store.drive.targets();
    if targets.is_empty() {
        return Vec::new();
    }
    let title = if permanent {
        format!("Delete {} for good? It cannot be restored", what(&targets))
    } else {
        format!("Delete {} to the recycle bin?", what(&targets))
    };
    ask(store, Prompt::yes_no(title, Purpose::Drive(DrivePrompt::Delete { targets, permanent })))
}

/// Takes a target off the listing (when it shows there); what puts it back.
fn take_off(store: &mut Store, item_id: &str) -> Option<Undo> {
    let listing = store.drive.listing_key();
    let entries = store.drive.children.ready_mut()?;
    let index = entries.iter().position(|e| e.item.id == item_id)?;
    let entry = entries.remove(index);
    Some(Undo::Removed { listing, index, entry })
}

/// Yes to a delete: the rows go at once, one request each.
pub(super) fn delete(store: &mut Store, targets: &[Target], permanent: bool) -> Vec<Effect> {
    let what = what(targets);
    let done = match (permanent, targets.len()) {
        (true, _) => format!("Deleted {what} for good"),
        (false, 1) => format!("Deleted {what} (it is in the recycle bin)"),
        (false, _) => format!("Deleted {what} (they are in the recycle bin)"),
    };
    let batch = store.drive.writes.batch(format!("Deleting {what}"), done, targets.len());
    let mut effects = Vec::new();
    for target in targets {
        let undo = take_off(store, &target.item_id).unwrap_or(Undo::Nothing);
        let op = store.drive.writes.push(batch, target.name.clone(), undo);
        effects.push(Effect::Drive(DriveEffect::Delete {
            op,
            drive_id: target.drive_id.clone(),
            item_id: target.item_id.clone(),
            permanent,
        }));
    }
    finish_batch_start(store, format!("Deleting {what}…"));
    effects
}

/// Moves the targets into a folder (`None`: the root) of `drive_id`; in a folder listing they
/// leave it at once.
pub(super) fn move_to(
    store: &mut Store,
    targets: &[Target],
    drive_id: &Option<String>,
    to_folder_id: Option<String>,
    to_name: &str,
) -> Vec<Effect> {
    if store.drive.listed_folder() == Some((drive_id.clone(), to_folder_id.clone())) {
        notify(store, format!("{} is already there", what(targets)));
        return Vec::new();
    }
    let (what, to) = (what(targets), sanitize::line(to_name).into_owned());
    let batch =
        store.drive.writes.batch(format!("Moving {what} to {to}"), format!("Moved {what} to {to}"), targets.len());
    let in_folder = store.drive.listed_folder().is_some();
    let mut effects = Vec::new();
    for target in targets {
        let undo = if in_folder { take_off(store, &target.item_id) } else { None }.unwrap_or(Undo::Nothing);
        let op = store.drive.writes.push(batch, target.name.clone(), undo);
        effects.push(Effect::Drive(DriveEffect::Move {
            op,
            drive_id: drive_id.clone(),
            item_id: target.item_id.clone(),
            to_folder_id: to_folder_id.clone(),
        }));
    }
    finish_batch_start(store, format!("Moving {what} to {to}…"));
    effects
}

/// Copies run as transfers (the service copies; its monitor says how far it got).
pub(super) fn copy_to(
    store: &mut Store,
    targets: &[Target],
    drive_id: &Option<String>,
    to_folder_id: Option<String>,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    for target in targets {
        let job = TransferJob::Copy {
            drive_id: drive_id.clone(),
            item_id: target.item_id.clone(),
            name: target.name.clone(),
            to_folder_id: to_folder_id.clone(),
        };
        effects.extend(transfers::enqueue(store, job, target.name.clone()));
    }
    store.drive.marked.clear();
    effects
}

/// After a batch's rows changed: the marks are spent, the cursor stays on the list.
fn finish_batch_start(store: &mut Store, doing: String) {
    store.drive.marked.clear();
    super::relayout(store);
    notify(store, doing);
}

/// A write answered: a made folder takes the service's id; a refusal puts back what changed.
/// When the batch is complete, its notice.
pub(super) fn written(store: &mut Store, op: u64, result: Outcome<Option<Box<DriveEntry>>>) -> Vec<Effect> {
    let Some(pending) = store.drive.writes.answered(op) else { return Vec::new() };
    let failure = match result {
        Ok(made) => {
            if let (Undo::Created { listing, local_id }, Some(made)) = (&pending.undo, made) {
                replace_local(store, listing, local_id, *made);
            }
            None
        }
        Err(reason) => {
            roll_back(store, pending.undo);
            Some((sanitize::line(&pending.name).into_owned(), reason.text))
        }
    };
    if let Some(batch) = store.drive.writes.settle(pending.batch, failure) {
        match batch.failed.as_slice() {
            [] => notify(store, batch.done),
            [(_, reason)] if batch.count == 1 => {
                report_error(store, format!("{} failed: {reason} (put back)", batch.doing))
            }
            failed => {
                let reasons: Vec<String> = failed.iter().map(|(name, reason)| format!("{name}: {reason}")).collect();
                let text = format!(
                    "{}: {} of {} failed (put back): {}",
                    batch.doing,
                    failed.len(),
                    batch.count,
                    reasons.join("; ")
                );
                report_error(store, text);
            }
        }
    }
    Vec::new()
}

fn replace_local(store: &mut Store, listing: &super::LoadKey, local_id: &str, made: DriveEntry) {
    if store.drive.listing_key() != *listing {
        return;
    }
    let Some(entries) = store.drive.children.ready_mut() else { return };
    if let Some(entry) = entries.iter_mut().find(|e| e.item.id == local_id) {
        *entry = made;
    }
}

/// Puts back what a refused write changed, when the listing it changed still shows.
fn roll_back(store: &mut Store, undo: Undo) {
    let listing = match &undo {
        Undo::Nothing => return,
        Undo::Permission { item_id, index, row } => {
            return super::permissions::put_back(store, item_id, *index, row.clone());
        }
        Undo::Created { listing, .. }
        | Undo::Renamed { listing, .. }
        | Undo::Removed { listing, .. }
        | Undo::Changed { listing, .. } => listing.clone(),
    };
    if store.drive.listing_key() != listing {
        return;
    }
    let Some(entries) = store.drive.children.ready_mut() else { return };
    match undo {
        Undo::Created { local_id, .. } => entries.retain(|e| e.item.id != local_id),
        Undo::Renamed { item_id, name, .. } => {
            if let Some(entry) = entries.iter_mut().find(|e| e.item.id == item_id) {
                entry.item.name = name;
            }
        }
        Undo::Removed { index, entry, .. } => {
            if !entries.iter().any(|e| e.item.id == entry.item.id) {
                entries.insert(index.min(entries.len()), entry);
            }
        }
        Undo::Changed { before, .. } => {
            if let Some(entry) = entries.iter_mut().find(|e| e.item.id == before.item.id) {
                *entry = before;
            }
        }
        Undo::Nothing | Undo::Permission { .. } => {}
    }
    super::relayout(store);
}
