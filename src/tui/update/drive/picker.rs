//! The drive pickers' keys and browsing (their keys are every picker's: `picker_keys`). The
//! folder picker for move and copy browses the drive a level at a time (Enter on a folder goes
//! into it, `..` up, the first row picks the folder shown; the moved items themselves are never
//! offered). The picker of a file to link in a message (compose's `L`, open over the message
//! being written) browses the own drive the same way, files among the folders.
use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::drive::DriveEffect;
use super::super::super::loadable::Generation;
use super::super::super::msg::Outcome;
use super::super::super::msg::drive::FolderRow;
use super::super::super::store::Store;
use super::super::super::store::drive::picker::{DrivePick, DrivePicker, FolderChoice, link_kinds};
use super::super::compose::drive_link;
use super::super::notify;
use super::super::picker_keys::{PickerKey, picker_key};
use super::{organise, permissions, share};

/// Where a drive picker is open: over the Drive pane, or over the message being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::tui::update) enum Slot {
    Drive,
    Compose,
}

fn slot(store: &mut Store, slot: Slot) -> &mut Option<DrivePicker> {
    match slot {
        Slot::Drive => &mut store.drive.picker,
        Slot::Compose => &mut store.compose.drive_picker,
    }
}

/// `M` / `y`: the folder picker for the marked (or selected) items, starting at the drive's root.
pub(super) fn open_folders(store: &mut Store, copy: bool) -> Vec<Effect> {
    let targets = store.drive.targets();
    if targets.is_empty() {
        return Vec::new();
    }
    // Every target lives in one drive: the listed one, or (recent files) the first's.
    let drive_id = targets[0].drive_id.clone();
    if targets.iter().any(|t| t.drive_id != drive_id) {
        notify(store, "Those items are in different drives: move or copy them one drive at a time".to_owned());
        return Vec::new();
    }
    store.drive.picker = Some(DrivePicker::folders(copy, targets, drive_id, Vec::new()));
    list_rows(store, Slot::Drive)
}

/// Lists the rows of the folder the picker in `at` shows.
pub(in crate::tui::update) fn list_rows(store: &mut Store, at: Slot) -> Vec<Effect> {
    let generation = store.next_generation();
    let Some(drive) = slot(store, at) else { return Vec::new() };
    drive.picker.hint = Some("loading the folder…");
    let Some(browse) = drive.browse() else { return Vec::new() };
    browse.loading = Some(generation);
    let (drive_id, folder_id, files) =
        (browse.drive_id.clone(), browse.path.last().map(|f| f.id.clone()), browse.files);
    vec![Effect::Drive(DriveEffect::LoadPickerFolders { generation, drive_id, folder_id, files })]
}

/// A folder's rows arrived, for whichever picker asked (a stale answer finds none).
pub(super) fn folders_arrived(
    store: &mut Store,
    generation: Generation,
    result: Outcome<Vec<FolderRow>>,
) -> Vec<Effect> {
    for at in [Slot::Drive, Slot::Compose] {
        let Some(drive) = slot(store, at) else { continue };
        let moving: Vec<String> = match &drive.pick {
            DrivePick::Folder { targets, .. } => targets.iter().map(|t| t.item_id.clone()).collect(),
            _ => Vec::new(),
        };
        let Some(browse) = drive.browse() else { continue };
        if browse.loading != Some(generation) {
            continue;
        }
        browse.loading = None;
        let files = browse.files;
        match result {
            Ok(rows) => {
                drive.set_rows(rows.into_iter().filter(|f| !moving.contains(&f.id)).collect());
                drive.picker.hint = Some(if files {
                    "Enter: into a folder, or picks a file · Esc cancels"
                } else {
                    "Enter: into a folder, the first row picks · Esc cancels"
                });
            }
            Err(reason) => {
                drive.picker.hint = None;
                drive.picker.title = format!("{} (the folder could not be listed: {reason})", drive.picker.title);
            }
        }
        break;
    }
    Vec::new()
}

/// A key for the drive picker open in `at`.
pub(in crate::tui::update) fn on_action(store: &mut Store, action: Action, at: Slot) -> Vec<Effect> {
    let Some(drive) = slot(store, at).as_mut() else { return Vec::new() };
    match picker_key(&mut drive.picker, action) {
        PickerKey::Stay => {}
        PickerKey::Close => *slot(store, at) = None,
        PickerKey::Pick => return pick(store, at),
    }
    Vec::new()
}

fn pick(store: &mut Store, at: Slot) -> Vec<Effect> {
    let Some(mut drive) = slot(store, at).take() else { return Vec::new() };
    let Some(index) = drive.chosen_index() else {
        // Nothing matches: stay open so the text can be corrected.
        *slot(store, at) = Some(drive);
        return Vec::new();
    };
    if matches!(drive.pick, DrivePick::Permissions { .. }) {
        // Only the Drive pane opens the permissions view.
        return permissions::pick(store, drive, index);
    }
    let choice = drive.browse().and_then(|b| b.choices.get(index).cloned());
    match (drive.pick, choice) {
        (DrivePick::Folder { copy, targets, browse }, Some(FolderChoice::Here)) => {
            let to = browse.path.last().map(|f| f.id.clone());
            if copy {
                organise::copy_to(store, &targets, &browse.drive_id, to)
            } else {
                organise::move_to(store, &targets, &browse.drive_id, to, &browse.here_name())
            }
        }
        (DrivePick::File { .. }, Some(FolderChoice::File(file))) => drive_link::file_picked(store, file),
        (pick @ (DrivePick::Folder { .. } | DrivePick::File { .. }), Some(choice)) => {
            drive.pick = pick;
            descend(store, at, drive, &choice)
        }
        (DrivePick::Version { target, versions, .. }, _) => share::pick_version(store, target, versions, index),
        (DrivePick::Link { target, for_message, personal }, _) => {
            let Some(&(edit, anyone, _)) = link_kinds(personal).get(index) else { return Vec::new() };
            if for_message {
                drive_link::link_kind_picked(store, target, edit, anyone)
            } else {
                share::pick_link_kind(store, target, edit, anyone)
            }
        }
        _ => Vec::new(),
    }
}

/// Into the folder picked, or up: the picker shows it once its rows arrive.
fn descend(store: &mut Store, at: Slot, mut drive: DrivePicker, choice: &FolderChoice) -> Vec<Effect> {
    if let Some(browse) = drive.browse() {
        browse.step(choice);
    }
    drive.set_rows(Vec::new());
    *slot(store, at) = Some(drive);
    list_rows(store, at)
}
