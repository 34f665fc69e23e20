//! The Drive pane's picker overlay (its keys are every picker's: `picker_keys`). The folder picker for
//! move and copy browses the drive a level at a time (Enter on a folder goes into it, `..` up,
//! the first row picks the folder shown); the moved items themselves are never offered.
use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::drive::DriveEffect;
use super::super::super::loadable::Generation;
use super::super::super::msg::Outcome;
use super::super::super::msg::drive::FolderRow;
use super::super::super::store::Store;
use super::super::super::store::drive::picker::{DrivePick, DrivePicker, FolderChoice};
use super::super::notify;
use super::super::picker_keys::{PickerKey, picker_key};
use super::{organise, permissions, share};

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
    list_folders(store)
}

/// Lists the subfolders of the folder the picker shows.
fn list_folders(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    let Some(DrivePicker { pick: DrivePick::Folder { drive_id, path, loading, .. }, picker }) = &mut store.drive.picker
    else {
        return Vec::new();
    };
    *loading = Some(generation);
    picker.hint = Some("loading the folders…");
    let (drive_id, folder_id) = (drive_id.clone(), path.last().map(|f| f.id.clone()));
    vec![Effect::Drive(DriveEffect::LoadPickerFolders { generation, drive_id, folder_id })]
}

pub(super) fn folders_arrived(
    store: &mut Store,
    generation: Generation,
    result: Outcome<Vec<FolderRow>>,
) -> Vec<Effect> {
    let Some(drive) = &mut store.drive.picker else { return Vec::new() };
    let DrivePick::Folder { loading, targets, .. } = &mut drive.pick else { return Vec::new() };
    if *loading != Some(generation) {
        return Vec::new();
    }
    *loading = None;
    match result {
        Ok(folders) => {
            let moving: Vec<String> = targets.iter().map(|t| t.item_id.clone()).collect();
            drive.set_folders(folders.into_iter().filter(|f| !moving.contains(&f.id)).collect());
            drive.picker.hint = Some("Enter: into a folder, the first row picks · Esc cancels");
        }
        Err(reason) => {
            drive.picker.hint = None;
            drive.picker.title = format!("{} (the folders could not be listed: {reason})", drive.picker.title);
        }
    }
    Vec::new()
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(drive) = store.drive.picker.as_mut() else { return Vec::new() };
    match picker_key(&mut drive.picker, action) {
        PickerKey::Stay => {}
        PickerKey::Close => store.drive.picker = None,
        PickerKey::Pick => return pick(store),
    }
    Vec::new()
}

fn pick(store: &mut Store) -> Vec<Effect> {
    let Some(drive) = store.drive.picker.take() else { return Vec::new() };
    let Some(index) = drive.chosen_index() else {
        // Nothing matches: stay open so the text can be corrected.
        store.drive.picker = Some(drive);
        return Vec::new();
    };
    if matches!(drive.pick, DrivePick::Permissions { .. }) {
        return permissions::pick(store, drive, index);
    }
    match drive.pick {
        DrivePick::Folder { copy, targets, drive_id, mut path, choices, .. } => match choices.get(index) {
            Some(FolderChoice::Here) => {
                let to = path.last().map(|f| f.id.clone());
                let to_name = path.last().map_or("the top of the drive".to_owned(), |f| f.name.clone());
                if copy {
                    organise::copy_to(store, &targets, &drive_id, to)
                } else {
                    organise::move_to(store, &targets, &drive_id, to, &to_name)
                }
            }
            Some(choice) => {
                match choice {
                    FolderChoice::Into(folder) => path.push(folder.clone()),
                    _ => {
                        path.pop();
                    }
                }
                store.drive.picker = Some(DrivePicker::folders(copy, targets, drive_id, path));
                list_folders(store)
            }
            None => Vec::new(),
        },
        DrivePick::Version { target, versions, .. } => share::pick_version(store, target, versions, index),
        DrivePick::Link { target } => share::pick_link_kind(store, target, index),
        DrivePick::Permissions { .. } => Vec::new(),
    }
}
