//! The drive pane's reactions: switching places (My files, Shared with me, Sites), moving
//! through a listing, opening a folder, a shared item, a site or a library, going up (back onto
//! what was just left), the `/` filter over the listing, the site search prompt (`f`), the
//! details toggle, and the worker's results.
use super::super::action::Action;
use super::super::effect::{Effect, LoadKey};
use super::super::layout;
use super::super::loadable::Loadable;
use super::super::msg::{Msg, PlaceKind};
use super::super::store::drive::{CrumbKind, DrivePrompt, Place};
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{Crumb, Store};
use super::prompt::Answered;
use super::{notify, report_error};

/// The pane came into view: the first time, list the root.
pub(super) fn on_show(store: &mut Store) -> Vec<Effect> {
    if matches!(store.drive.children, Loadable::Idle) && matches!(store.drive.places, Loadable::Idle) {
        return load(store);
    }
    Vec::new()
}

/// Lists what the pane shows now under a fresh generation; any older listing still coming is
/// then stale and dropped on arrival (and cancelled by the worker, same slot).
fn load(store: &mut Store) -> Vec<Effect> {
    let generation = store.next_generation();
    let key = store.drive.listing_key();
    // The other list no longer shows: a load of it still coming is stale.
    let drive = &mut store.drive;
    if drive.shows_places() {
        drive.places = Loadable::Loading { generation };
        if drive.children.is_loading() {
            drive.children = Loadable::Idle;
        }
    } else {
        drive.children = Loadable::Loading { generation };
        if drive.places.is_loading() {
            drive.places = Loadable::Idle;
        }
    }
    store.drive.cursor = Default::default();
    // Another listing (or the same one again): the filter was for what showed before.
    store.drive.filter = Default::default();
    vec![Effect::Load { generation, key }]
}

fn list_height(store: &Store) -> usize {
    layout::inner_height(store.drive_layout().list)
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    if super::filter::on_key(&mut store.drive.filter, &action).is_some() {
        store.drive.cursor = Default::default();
        relayout(store);
        return Vec::new();
    }
    if let Some(step) = super::list_step(&action, list_height(store)) {
        return move_by(store, step);
    }
    match action {
        Action::Open => open(store),
        Action::Back => back(store),
        Action::Refresh => {
            notify(store, "Refreshing…".to_owned());
            let keep = selected_id(store);
            store.drive.reselect = keep.or(store.drive.reselect.take());
            load(store)
        }
        Action::ToggleDetails => {
            store.drive.details_open = !store.drive.details_open;
            relayout(store);
            Vec::new()
        }
        Action::DrivePlace(place) => go_to_place(store, place),
        Action::Delete => ask_delete(store),
        Action::Rename => ask_rename(store),
        Action::Add => ask_upload(store),
        Action::StartFilter => {
            super::filter::start(&mut store.drive.filter);
            store.drive.cursor = Default::default();
            relayout(store);
            Vec::new()
        }
        Action::SearchSites => {
            let initial = store.drive.site_search.clone().unwrap_or_default();
            let purpose = Purpose::Drive(DrivePrompt::SearchSites);
            store.prompt = Some(Prompt::text("Search sites (empty: the sites you follow)", initial, purpose));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn selected_id(store: &Store) -> Option<String> {
    match store.drive.selected_place() {
        Some(place) => Some(place.id.clone()),
        None => store.drive.selected().map(|entry| entry.item.id.clone()),
    }
}

/// Starts a place afresh from its top.
fn go_to_place(store: &mut Store, place: Place) -> Vec<Effect> {
    store.drive.place = place;
    store.drive.path.clear();
    store.drive.reselect = None;
    store.drive.details_open = false;
    load(store)
}

/// The drive of the listing an entry is in (its own drive for a shared item at the top).
fn entry_drive(store: &Store, entry_drive: Option<String>) -> Option<String> {
    match (store.drive.path.is_empty(), store.drive.place) {
        (true, Place::Shared) => entry_drive,
        _ => store.drive.listed_drive_id(),
    }
}

/// `d` on an item of a listing: asks before deleting it.
fn ask_delete(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.drive.selected() else { return Vec::new() };
    let (item_id, name, drive) = (entry.item.id.clone(), entry.item.name.clone(), entry.item.drive_id.clone());
    let drive_id = entry_drive(store, drive);
    let title = format!("Delete {} to the recycle bin?", crate::sanitize::line(&name));
    store.prompt = Some(Prompt::yes_no(title, Purpose::Drive(DrivePrompt::Delete { drive_id, item_id, name })));
    Vec::new()
}

/// `u` in a folder listing: asks for a local file, completing paths as it is typed.
fn ask_upload(store: &mut Store) -> Vec<Effect> {
    if store.drive.shows_places() || store.drive.place == Place::Shared && store.drive.path.is_empty() {
        notify(store, "Open a folder to upload into".to_owned());
        return Vec::new();
    }
    let drive_id = store.drive.listed_drive_id();
    let folder_id = match store.drive.path.last() {
        Some(Crumb { kind: CrumbKind::Folder { .. }, id, .. }) => Some(id.clone()),
        _ => None,
    };
    let purpose = Purpose::Drive(DrivePrompt::Upload { drive_id, folder_id });
    store.prompt = Some(Prompt::path("Upload which file?", "", purpose));
    Vec::new()
}

/// `e` on an item of a listing: asks for its new name.
fn ask_rename(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.drive.selected() else { return Vec::new() };
    let (item_id, name, drive) = (entry.item.id.clone(), entry.item.name.clone(), entry.item.drive_id.clone());
    let drive_id = entry_drive(store, drive);
    let purpose = Purpose::Drive(DrivePrompt::Rename { drive_id, item_id, name: name.clone() });
    store.prompt = Some(Prompt::text("Rename to", name, purpose));
    Vec::new()
}

/// The prompts' answers: the site search (empty goes back to the followed sites), or yes to a
/// delete, which takes the row off at once; a refusal lists the folder again.
pub(super) fn answer(store: &mut Store, purpose: &DrivePrompt, answer: &str) -> Answered {
    match purpose {
        DrivePrompt::SearchSites => {
            store.drive.site_search = (!answer.is_empty()).then(|| answer.to_owned());
            Ok(go_to_place(store, Place::Sites))
        }
        DrivePrompt::Upload { drive_id, folder_id } => {
            let local = answer.trim();
            if local.is_empty() {
                return Err("the path of a file".to_owned());
            }
            notify(store, format!("Uploading {local}…"));
            let (drive_id, folder_id, local) = (drive_id.clone(), folder_id.clone(), local.into());
            Ok(vec![Effect::UploadDriveFile { drive_id, folder_id, local }])
        }
        DrivePrompt::Rename { drive_id, item_id, name } => {
            let new_name = answer.trim();
            if new_name.is_empty() || new_name.contains(['/', '\\']) {
                return Err("a name, without / or \\".to_owned());
            }
            if new_name == name {
                return Ok(Vec::new());
            }
            if let Loadable::Ready(entries) = &mut store.drive.children
                && let Some(entry) = entries.iter_mut().find(|e| &e.item.id == item_id)
            {
                entry.item.name = new_name.to_owned();
            }
            let (drive_id, item_id, new_name) = (drive_id.clone(), item_id.clone(), new_name.to_owned());
            Ok(vec![Effect::RenameDriveItem { drive_id, item_id, new_name }])
        }
        DrivePrompt::Delete { drive_id, item_id, name } => {
            if let Loadable::Ready(entries) = &mut store.drive.children {
                entries.retain(|e| &e.item.id != item_id);
            }
            relayout(store);
            notify(store, format!("Deleting {name}…"));
            Ok(vec![Effect::DeleteDriveItem {
                drive_id: drive_id.clone(),
                item_id: item_id.clone(),
                name: name.clone(),
            }])
        }
    }
}

/// A click on a row of the list selects it; on the selected row it opens it, as Enter would.
pub(super) fn click(store: &mut Store, column: u16, row: u16) -> Vec<Effect> {
    let at = ratatui::layout::Position { x: column, y: row };
    let Some(area) = store.drive_layout().list.filter(|area| area.contains(at)) else { return Vec::new() };
    let cursor = store.drive.cursor;
    match layout::row_at(area, cursor.offset, store.drive.len(), row) {
        Some(index) if index == cursor.selected => open(store),
        Some(index) => move_by(store, index as isize - cursor.selected as isize),
        None => Vec::new(),
    }
}

fn move_by(store: &mut Store, delta: isize) -> Vec<Effect> {
    let (len, height) = (store.drive.len(), list_height(store));
    store.drive.cursor.move_by(delta, len, height);
    Vec::new()
}

/// Enter on a folder goes into it (in whatever drive it lives); on a site it lists the site's
/// libraries, on a library its root; on a file it shows the details (narrow screens).
fn open(store: &mut Store) -> Vec<Effect> {
    let crumb = if let Some(place) = store.drive.selected_place() {
        let kind = match place.kind {
            PlaceKind::Site => CrumbKind::Site,
            PlaceKind::Library => CrumbKind::Library,
        };
        Crumb { id: place.id.clone(), name: place.name.clone(), kind }
    } else {
        let Some(entry) = store.drive.selected() else { return Vec::new() };
        if !entry.item.is_folder() {
            // A file: downloaded to a private folder and opened (as aerc and yazi do).
            let (item_id, name, drive) = (entry.item.id.clone(), entry.item.name.clone(), entry.item.drive_id.clone());
            let drive_id = entry_drive(store, drive);
            notify(store, format!("Downloading {name}…"));
            return vec![Effect::OpenDriveFile { drive_id, item_id, name }];
        }
        // A shared item opens in its own drive; a folder of a listing in the listing's drive.
        let drive_id = match (store.drive.path.is_empty(), store.drive.place) {
            (true, Place::Shared) => entry.item.drive_id.clone(),
            _ => store.drive.listed_drive_id(),
        };
        Crumb { id: entry.item.id.clone(), name: entry.item.name.clone(), kind: CrumbKind::Folder { drive_id } }
    };
    store.drive.path.push(crumb);
    store.drive.reselect = None;
    store.drive.details_open = false;
    load(store)
}

/// Closes the details when they hide the list; otherwise goes up one step and, once the
/// listing arrives, selects what was just left.
fn back(store: &mut Store) -> Vec<Effect> {
    if store.drive.details_open {
        store.drive.details_open = false;
        relayout(store);
        return Vec::new();
    }
    let Some(left) = store.drive.path.pop() else { return Vec::new() };
    store.drive.reselect = Some(left.id);
    load(store)
}

/// After a resize or the details toggle: the cursor stays visible.
pub(super) fn relayout(store: &mut Store) {
    let (len, height) = (store.drive.len(), list_height(store));
    let selected = store.drive.cursor.selected;
    store.drive.cursor.select(selected, len, height);
}

pub(super) fn on_msg(store: &mut Store, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::DriveChildren { generation, result } if store.drive.children.awaits(generation) => match result {
            Ok(entries) => {
                let at = reselect_at(store, entries.iter().map(|e| e.item.id.as_str()));
                store.drive.children = Loadable::Ready(entries);
                select(store, at);
            }
            Err(reason) => {
                let what =
                    if store.drive.listing_key() == LoadKey::SharedWithMe { "shared items" } else { "the folder" };
                report_error(store, format!("Listing {what} failed: {reason}"));
                store.drive.children = Loadable::Failed { reason: reason.text, retry: store.drive.listing_key() };
            }
        },
        Msg::DriveUploaded { name, result } => match result {
            Ok(id) => {
                // The listing again, on the new file.
                notify(store, format!("Uploaded {name}"));
                store.drive.reselect = Some(id);
                return load(store);
            }
            Err(reason) => report_error(store, format!("Uploading {name} failed: {reason}")),
        },
        Msg::DriveItemRenamed { name, result } => match result {
            Ok(()) => notify(store, format!("Renamed to {name}")),
            Err(reason) => {
                // The old name comes back with the listing as the service has it.
                report_error(store, format!("Renaming to {name} failed: {reason}"));
                return load(store);
            }
        },
        Msg::DriveItemDeleted { name, result } => match result {
            Ok(()) => notify(store, format!("Deleted {name} (it is in the recycle bin)")),
            Err(reason) => {
                // Put the listing back as the service has it.
                report_error(store, format!("Deleting {name} failed: {reason}"));
                return load(store);
            }
        },
        Msg::DriveFileOpened { name, result } => match result {
            Ok(path) => notify(store, format!("Opened {}", path.display())),
            Err(reason) => report_error(store, format!("Opening {name} failed: {reason}")),
        },
        Msg::DrivePlaces { generation, result } if store.drive.places.awaits(generation) => match result {
            Ok(rows) => {
                let at = reselect_at(store, rows.iter().map(|r| r.id.as_str()));
                store.drive.places = Loadable::Ready(rows);
                select(store, at);
            }
            Err(reason) => {
                let what = if store.drive.path.is_empty() { "sites" } else { "the site's libraries" };
                report_error(store, format!("Listing {what} failed: {reason}"));
                store.drive.places = Loadable::Failed { reason: reason.text, retry: store.drive.listing_key() };
            }
        },
        _ => {}
    }
    Vec::new()
}

/// Where the cursor goes in a listing that just arrived: on the row to reselect, else the top.
fn reselect_at<'a>(store: &mut Store, mut ids: impl Iterator<Item = &'a str>) -> usize {
    let wanted = store.drive.reselect.take();
    wanted.and_then(|id| ids.position(|candidate| candidate == id)).unwrap_or(0)
}

fn select(store: &mut Store, at: usize) {
    let (len, height) = (store.drive.len(), list_height(store));
    store.drive.cursor.select(at, len, height);
}

#[cfg(test)]
mod tests;
