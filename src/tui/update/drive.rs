//! The drive pane's reactions: switching places (My files, Shared with me, Sites), moving
//! through a listing, opening a folder, a shared item, a site or a library, a search or the
//! recent files, going up (back onto what was just left), the `/` filter over the listing, the
//! site search prompt (`f`), the details toggle, marks, and the worker's listings. Writes are in
//! `drive/organise.rs`, transfers in `drive/transfers.rs`, the picker in `drive/picker.rs`,
//! links and versions in `drive/share.rs`, who has access in `drive/permissions.rs`, the
//! questions it asks in `drive/prompts.rs`.
mod organise;
mod permissions;
pub(super) mod picker;
mod prompts;
mod share;
mod transfers;

use super::super::action::Action;
use super::super::action::drive::DriveAction;
use super::super::effect::drive::TransferJob;
use super::super::effect::{Effect, LoadKey};
use super::super::layout;
use super::super::loadable::Loadable;
use super::super::msg::drive::DriveMsg;
use super::super::msg::{Msg, PlaceKind};
use super::super::store::drive::{CrumbKind, DrivePrompt, Place};
use super::super::store::prompt::{Prompt, Purpose};
use super::super::store::{Crumb, Store};
use super::{notify, report_error};
pub(super) use prompts::answer;
use prompts::{ask_rename, ask_upload};

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
    if store.drive.picker.is_some() {
        return picker::on_action(store, action, picker::Slot::Drive);
    }
    if store.drive.transfers.open {
        return transfers::on_view_action(store, action);
    }
    if super::filter::on_key(&mut store.drive.filter, &action).is_some() {
        store.drive.cursor = Default::default();
        relayout(store);
        return Vec::new();
    }
    if let Some(step) = super::list_step(&action, list_height(store)) {
        return move_by(store, step);
    }
    if let Some(what) = change_of(&action)
        && super::sync::refuse_offline_change(store, what)
    {
        return Vec::new();
    }
    match action {
        Action::Open => open(store),
        Action::Back if !store.drive.marked.is_empty() => {
            store.drive.marked.clear();
            Vec::new()
        }
        Action::Back => back(store),
        Action::Refresh => {
            notify(store, "Refreshing…".to_owned());
            reload(store)
        }
        Action::ToggleDetails => {
            store.drive.details_open = !store.drive.details_open;
            relayout(store);
            Vec::new()
        }
        Action::DrivePlace(place) => go_to_place(store, place),
        Action::Delete => organise::ask_delete(store, false),
        Action::Rename => ask_rename(store),
        Action::Add => ask_upload(store),
        Action::Drive(command) => on_command(store, command),
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

/// What `action` would change on the service, if it is a change (refused while offline).
fn change_of(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::Delete => "Deleting",
        Action::Rename => "Renaming",
        Action::Add => "Uploading",
        Action::Drive(DriveAction::NewFolder) => "Making a folder",
        Action::Drive(DriveAction::Move) => "Moving",
        Action::Drive(DriveAction::Copy) => "Copying",
        Action::Drive(DriveAction::DeletePermanently) => "Deleting",
        Action::Drive(DriveAction::Share) => "Sharing",
        _ => return None,
    })
}

fn selected_id(store: &Store) -> Option<String> {
    match store.drive.selected_place() {
        Some(place) => Some(place.id.clone()),
        None => store.drive.selected().map(|entry| entry.item.id.clone()),
    }
}

fn on_command(store: &mut Store, command: DriveAction) -> Vec<Effect> {
    match command {
        DriveAction::Save => organise::ask_save(store),
        DriveAction::NewFolder => organise::ask_new_folder(store),
        DriveAction::Move => picker::open_folders(store, false),
        DriveAction::Copy => picker::open_folders(store, true),
        DriveAction::DeletePermanently => organise::ask_delete(store, true),
        DriveAction::Share => share::open_link_kinds(store),
        DriveAction::Versions => share::open_versions(store),
        DriveAction::Permissions => permissions::open(store),
        DriveAction::Search => ask_search(store),
        DriveAction::Recent => {
            show_listing(store, Crumb { id: String::new(), name: "Recent".to_owned(), kind: CrumbKind::Recent })
        }
        DriveAction::ToggleMark => toggle_mark(store),
        DriveAction::MarkAll => mark_all(store),
        DriveAction::Transfers => {
            store.drive.transfers.open = true;
            Vec::new()
        }
        DriveAction::CancelTransfer => Vec::new(),
    }
}

/// `v`: marks or unmarks the selected item, then moves down.
fn toggle_mark(store: &mut Store) -> Vec<Effect> {
    let Some(id) = store.drive.selected().map(|e| e.item.id.clone()) else { return Vec::new() };
    let marked = &mut store.drive.marked;
    match marked.iter().position(|m| *m == id) {
        Some(at) => {
            marked.remove(at);
        }
        None => marked.push(id),
    }
    move_by(store, 1)
}

/// `V`: marks every item shown (the filter's); when all are marked already, clears the marks.
fn mark_all(store: &mut Store) -> Vec<Effect> {
    let ids: Vec<String> = match store.drive.children.ready().filter(|_| !store.drive.shows_places()) {
        Some(entries) => store.drive.shown().into_iter().map(|i| entries[i].item.id.clone()).collect(),
        None => return Vec::new(),
    };
    store.drive.marked = if store.drive.marked.len() == ids.len() { Vec::new() } else { ids };
    Vec::new()
}

/// `f`: asks what to search the listed drive (or the user's own) for.
fn ask_search(store: &mut Store) -> Vec<Effect> {
    let drive_id = if store.drive.shows_places() { None } else { store.drive.listed_drive_id() };
    let title = if drive_id.is_some() { "Search this library" } else { "Search your files" };
    store.prompt = Some(Prompt::text(title, "", Purpose::Drive(DrivePrompt::Search { drive_id })));
    Vec::new()
}

/// A search's results or the recent files, as a step of the breadcrumb (Esc returns).
fn show_listing(store: &mut Store, crumb: Crumb) -> Vec<Effect> {
    if store.drive.path.last().is_some_and(|last| last.kind == crumb.kind && last.id == crumb.id) {
        return load(store);
    }
    store.drive.path.push(crumb);
    store.drive.reselect = None;
    store.drive.details_open = false;
    store.drive.marked.clear();
    load(store)
}

/// Starts a place afresh from its top.
fn go_to_place(store: &mut Store, place: Place) -> Vec<Effect> {
    store.drive.place = place;
    store.drive.marked.clear();
    store.drive.path.clear();
    store.drive.reselect = None;
    store.drive.details_open = false;
    load(store)
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
        // A shared or recent item opens in its own drive; a folder of a listing in its drive.
        let drive_id = store.drive.drive_of(entry);
        if !entry.item.is_folder() {
            // A file: downloaded to a private folder and opened (as aerc and yazi do).
            let (item_id, name) = (entry.item.id.clone(), entry.item.name.clone());
            return transfers::enqueue(store, TransferJob::Open { drive_id, item_id, name: name.clone() }, name);
        }
        Crumb { id: entry.item.id.clone(), name: entry.item.name.clone(), kind: CrumbKind::Folder { drive_id } }
    };
    store.drive.path.push(crumb);
    store.drive.reselect = None;
    store.drive.details_open = false;
    store.drive.marked.clear();
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
    store.drive.marked.clear();
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
                store.drive.marked.retain(|id| entries.iter().any(|e| e.item.id == *id));
                store.drive.children = Loadable::Ready(entries);
                select(store, at);
            }
            Err(reason) => {
                let what = match store.drive.listing_key() {
                    LoadKey::SharedWithMe => "shared items",
                    LoadKey::DriveSearch { .. } => "what the search found",
                    LoadKey::DriveRecent => "recent files",
                    _ => "the folder",
                };
                report_error(store, format!("Listing {what} failed: {reason}"));
                store.drive.children = Loadable::Failed { reason: reason.text, retry: store.drive.listing_key() };
            }
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
        Msg::Drive(msg) => return on_drive_msg(store, msg),
        _ => {}
    }
    Vec::new()
}

fn on_drive_msg(store: &mut Store, msg: DriveMsg) -> Vec<Effect> {
    match msg {
        DriveMsg::TransferProgress { id, done, total } => transfers::progress(store, id, done, total),
        DriveMsg::TransferEnded { id, result } => transfers::ended(store, id, result),
        DriveMsg::Written { op, result } => organise::written(store, op, result),
        DriveMsg::SaveFolder { typed, result } => organise::save_folder_checked(store, typed, result),
        DriveMsg::Shared { name, result } => share::shared(store, name, result),
        DriveMsg::Versions { generation, result } => share::versions_arrived(store, generation, result),
        DriveMsg::PickerFolders { generation, result } => picker::folders_arrived(store, generation, result),
        DriveMsg::Permissions { generation, result } => permissions::arrived(store, generation, result),
    }
}

/// Lists again what shows now, keeping the selected row (after a change the service made).
fn reload(store: &mut Store) -> Vec<Effect> {
    let keep = selected_id(store);
    store.drive.reselect = keep.or(store.drive.reselect.take());
    load(store)
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

/// Selects the listing's row `index` (the cursor counts the rows the filter shows).
fn select_listed(store: &mut Store, index: usize) {
    let at = store.drive.shown().iter().position(|&i| i == index).unwrap_or(0);
    select(store, at);
}

#[cfg(test)]
mod tests;
