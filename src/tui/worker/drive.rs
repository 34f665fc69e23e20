//! The Drive pane's loads: a folder of any drive, the items shared with the user and the recent
//! files (each turned into the item it points at, in its own drive), what a search of a drive
//! finds, followed or searched sites, and a site's libraries (graph-facts §3.5b).
use super::Fetched;
use crate::domain;
use crate::tui::effect::LoadKey;
use crate::tui::msg::{DriveEntry, PlaceKind, PlaceRow};
use o365_graph::client::GraphClient;
use o365_graph::drive::{self, history, shared};
use o365_graph::dto;
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::sites;

/// Sites listed at most: a search in a large tenant finds many.
const SITES_SHOWN: usize = 200;
/// Search results and recent files listed at most.
const FOUND_SHOWN: usize = 500;

pub(super) async fn fetch(client: &GraphClient, key: &LoadKey) -> Fetched {
    match key {
        LoadKey::DriveChildren { drive_id, folder_id } => {
            Fetched::DriveChildren(children(client, drive_id.as_deref(), folder_id.as_deref()).await)
        }
        LoadKey::SharedWithMe => Fetched::DriveChildren(shared_items(client).await),
        LoadKey::Sites { search } => Fetched::DrivePlaces(site_rows(client, search.as_deref()).await),
        LoadKey::SiteDrives { site_id } => Fetched::DrivePlaces(library_rows(client, site_id).await),
        LoadKey::DriveSearch { drive_id, query } => {
            Fetched::DriveChildren(search(client, drive_id.as_deref(), query).await)
        }
        LoadKey::DriveRecent => Fetched::DriveChildren(recent(client).await),
        other => Fetched::DriveChildren(Err(GraphError::Refused(format!("not a drive load: {other:?}")))),
    }
}

/// A folder's children (a drive's root for `None`; the user's own drive for no drive id),
/// folders first, every page.
pub(super) async fn children(
    client: &GraphClient,
    drive_id: Option<&str>,
    folder_id: Option<&str>,
) -> GraphResult<Vec<DriveEntry>> {
    let items = match (drive_id, folder_id) {
        (Some(drive_id), folder) => shared::list_drive_children(client, drive_id, folder, None).await?,
        (None, Some(id)) => drive::list_children(client, id, None).await?,
        (None, None) => drive::list_children_by_path(client, "/", None).await?,
    };
    Ok(items.iter().map(drive_entry).collect())
}

/// What a search of the drive finds (at most `FOUND_SHOWN`), folders first.
async fn search(client: &GraphClient, drive_id: Option<&str>, query: &str) -> GraphResult<Vec<DriveEntry>> {
    let drive = super::drive_files::drive_root(client, drive_id);
    let mut found: Vec<DriveEntry> =
        history::search(client, &drive, query, Some(FOUND_SHOWN)).await?.iter().map(drive_entry).collect();
    found.sort_by_key(|e| !e.item.is_folder());
    Ok(found)
}

/// The files used lately, each as the item it points at (in its own drive, as shared items).
async fn recent(client: &GraphClient) -> GraphResult<Vec<DriveEntry>> {
    Ok(history::recent(client, Some(FOUND_SHOWN)).await?.iter().map(shared_entry).collect())
}

pub(super) fn drive_entry(item: &dto::DriveItem) -> DriveEntry {
    let created_by = item
        .created_by
        .as_ref()
        .and_then(|by| by.user.as_ref().or(by.application.as_ref()))
        .and_then(|identity| identity.display_name.clone());
    DriveEntry { item: domain::DriveItem::from(item), created: item.created_date_time, created_by }
}

/// The shared items as the items they point at: id and drive from `remoteItem`, so opening one
/// lists it in its own drive; "created by" names who shared it. A tenant that refuses the
/// retired endpoint has nothing to show rather than an error.
async fn shared_items(client: &GraphClient) -> GraphResult<Vec<DriveEntry>> {
    let items = match shared::shared_with_me(client, None).await {
        Ok(items) => items,
        Err(error) if shared::is_retired_refusal(&error) => Vec::new(),
        Err(error) => return Err(error),
    };
    Ok(items.iter().map(shared_entry).collect())
}

fn shared_entry(item: &dto::DriveItem) -> DriveEntry {
    let Some(remote) = &item.remote_item else { return drive_entry(item) };
    let mut pointed = item.clone();
    if let Some(id) = remote.id.clone() {
        pointed.id = id;
    }
    pointed.name = item.name.clone().or_else(|| remote.name.clone());
    pointed.size = item.size.or(remote.size);
    pointed.folder = item.folder.clone().or_else(|| remote.folder.clone());
    pointed.file = item.file.clone().or_else(|| remote.file.clone());
    pointed.web_url = item.web_url.clone().or_else(|| remote.web_url.clone());
    pointed.parent_reference = remote.parent_reference.clone();
    pointed.last_modified_date_time = item.last_modified_date_time.or(remote.last_modified_date_time);
    pointed.last_modified_by = item.last_modified_by.clone().or_else(|| remote.last_modified_by.clone());
    pointed.created_date_time = remote.shared.as_ref().and_then(|s| s.shared_date_time).or(item.created_date_time);
    pointed.created_by = remote.shared.as_ref().and_then(|s| s.owner.clone()).or_else(|| remote.created_by.clone());
    drive_entry(&pointed)
}

async fn site_rows(client: &GraphClient, search: Option<&str>) -> GraphResult<Vec<PlaceRow>> {
    let found = match search {
        Some(query) => sites::search_sites(client, query, Some(SITES_SHOWN)).await?,
        None => sites::followed_sites(client, Some(SITES_SHOWN)).await?,
    };
    Ok(found
        .iter()
        .map(|site| PlaceRow {
            id: site.id.clone(),
            name: site.title().to_owned(),
            kind: PlaceKind::Site,
            web_url: site.web_url.clone(),
            description: site.description.clone().filter(|d| !d.is_empty()),
        })
        .collect())
}

async fn library_rows(client: &GraphClient, site_id: &str) -> GraphResult<Vec<PlaceRow>> {
    let drives = sites::site_drives(client, site_id).await?;
    Ok(drives
        .iter()
        .map(|library| PlaceRow {
            id: library.id.clone(),
            name: library.name.clone().unwrap_or_else(|| library.id.clone()),
            kind: PlaceKind::Library,
            web_url: library.web_url.clone(),
            description: library.description.clone().filter(|d| !d.is_empty()),
        })
        .collect())
}
