//! The drive pane's questions and their answers: a file to upload (paths completed as typed),
//! a new name, the site search, a search of the drive; the answers of writes and links go on to
//! `organise` and `share`.
use super::{go_to_place, organise, permissions, share, show_listing, transfers};
use crate::tui::effect::Effect;
use crate::tui::effect::drive::TransferJob;
use crate::tui::store::drive::{CrumbKind, DrivePrompt, Place};
use crate::tui::store::prompt::{Prompt, Purpose};
use crate::tui::store::{Crumb, Store};
use crate::tui::update::notify;
use crate::tui::update::prompt::Answered;

/// `u` in a folder listing: asks for a local file or folder (uploaded with everything in it),
/// completing paths as it is typed.
pub(super) fn ask_upload(store: &mut Store) -> Vec<Effect> {
    let Some((drive_id, folder_id)) = store.drive.listed_folder() else {
        notify(store, "Open a folder to upload into".to_owned());
        return Vec::new();
    };
    let purpose = Purpose::Drive(DrivePrompt::Upload { drive_id, folder_id });
    store.prompt = Some(Prompt::path("Upload which file or folder?", "", purpose));
    Vec::new()
}

/// `e` on an item of a listing: asks for its new name.
pub(super) fn ask_rename(store: &mut Store) -> Vec<Effect> {
    let Some(entry) = store.drive.selected() else { return Vec::new() };
    let (item_id, name) = (entry.item.id.clone(), entry.item.name.clone());
    let drive_id = store.drive.drive_of(entry);
    let purpose = Purpose::Drive(DrivePrompt::Rename { drive_id, item_id, name: name.clone() });
    store.prompt = Some(Prompt::text("Rename to", name, purpose));
    Vec::new()
}

/// The prompts' answers: the site search (empty goes back to the followed sites), a search of
/// the drive, a file to upload; writes and transfers are answered in `organise` and `share`.
pub(in crate::tui::update) fn answer(store: &mut Store, purpose: &DrivePrompt, answer: &str) -> Answered {
    match purpose {
        DrivePrompt::SearchSites => {
            store.drive.site_search = (!answer.is_empty()).then(|| answer.to_owned());
            Ok(go_to_place(store, Place::Sites))
        }
        DrivePrompt::Search { drive_id } => {
            if answer.is_empty() {
                return Err("words to search for".to_owned());
            }
            let name = format!("Search: “{answer}”");
            Ok(show_listing(
                store,
                Crumb { id: answer.to_owned(), name, kind: CrumbKind::Search { drive_id: drive_id.clone() } },
            ))
        }
        DrivePrompt::Upload { drive_id, folder_id } => {
            let local = answer.trim();
            if local.is_empty() {
                return Err("the path of a file or folder".to_owned());
            }
            // `docs/` (as completion leaves a folder) is called `docs`.
            let trimmed = local.trim_end_matches('/');
            let name = trimmed.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or(local).to_owned();
            let job = TransferJob::Upload {
                drive_id: drive_id.clone(),
                folder_id: folder_id.clone(),
                local: local.to_owned(),
            };
            Ok(transfers::enqueue(store, job, name))
        }
        DrivePrompt::Rename { drive_id, item_id, name } => organise::rename(store, drive_id, item_id, name, answer),
        DrivePrompt::Delete { targets, permanent } => Ok(organise::delete(store, targets, *permanent)),
        DrivePrompt::Save { targets } => organise::save_into(store, targets, answer),
        DrivePrompt::CreateAndSave { folder, targets } => Ok(organise::save(store, targets, folder, true)),
        DrivePrompt::NewFolder { drive_id, parent_id } => organise::new_folder(store, drive_id, parent_id, answer),
        DrivePrompt::LinkExpiry { target, edit, anyone } => share::link_expiry(store, target, *edit, *anyone, answer),
        DrivePrompt::LinkPassword { target, edit, expires } => {
            Ok(share::make_link(store, target, *edit, true, expires.clone(), answer))
        }
        DrivePrompt::RemovePermission { target, permission } => Ok(permissions::remove(store, target, permission)),
        DrivePrompt::CopyLink { url } => Ok(share::copy_link(store, url)),
        DrivePrompt::Restore { target, version } => Ok(share::restore(store, target, version)),
    }
}
