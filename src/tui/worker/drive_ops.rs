//! The Drive pane's writes and extra loads through o365-graph: a new folder, rename, move,
//! delete (to the recycle bin or for good), restoring a version, a sharing link, a file's
//! versions, its permissions (one removed), the folders the move/copy picker shows, and whether
//! a local folder to save into exists. Transfers are in `drive_files.rs`. A write the service
//! confirmed is kept in the local cache (`cached_panes`).
use o365_graph::client::GraphClient;
use o365_graph::drive::history::{list_versions, restore_version};
use o365_graph::drive::organise::{create_folder, delete_item, get_item, move_item};
use o365_graph::drive::sharing::{LinkKind, LinkRequest, LinkScope, create_link, list_permissions, remove_permission};
use o365_graph::drive::upload::Conflict;
use o365_graph::error::{GraphError, GraphResult};
use tokio::sync::mpsc::UnboundedSender;

use super::Failures;
use super::cached::CacheAccess;
use super::cached_panes::keep_written;
use super::drive::{children, drive_entry};
use super::drive_files::drive_root;
use super::paths::typed_path;
use crate::cache::Cache;
use crate::tui::effect::drive::{DriveEffect, LinkSpec};
use crate::tui::msg::drive::{DriveMsg, FolderRow, PermissionRow, VersionRow};
use crate::tui::msg::{DriveEntry, Msg};

pub fn run(client: &GraphClient, cache: Option<&CacheAccess>, messages: &UnboundedSender<Msg>, effect: DriveEffect) {
    let (client, cache, messages) = (client.clone(), cache.cloned(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let kept = kept_change(&effect);
        let msg = answer(&client, effect, &failures).await;
        // A change the service confirmed is kept in the local cache (issue 10).
        if let (Some(DriveMsg::Written { result: Ok(entry), .. }), Some((drive_id, removed))) = (&msg, kept) {
            let item = entry.as_ref().map(|e| e.item.clone());
            let keep = move |c: &mut Cache| c.keep_drive_item(drive_id.as_deref(), item.as_ref(), removed.as_deref());
            keep_written(cache.as_ref(), keep).await;
        }
        // The loop may have ended; then nobody needs the answer.
        if let Some(msg) = msg {
            let _ = messages.send(Msg::Drive(msg));
        }
        failures.announce(&messages);
    });
}

/// For a write: its drive, and the item it removes from the cache (a delete; a rename or move
/// comes back as the item, a made folder too).
fn kept_change(effect: &DriveEffect) -> Option<(Option<String>, Option<String>)> {
    match effect {
        DriveEffect::Delete { drive_id, item_id, .. } => Some((drive_id.clone(), Some(item_id.clone()))),
        DriveEffect::CreateFolder { drive_id, .. }
        | DriveEffect::Rename { drive_id, .. }
        | DriveEffect::Move { drive_id, .. } => Some((drive_id.clone(), None)),
        _ => None,
    }
}

async fn answer(client: &GraphClient, effect: DriveEffect, failures: &Failures) -> Option<DriveMsg> {
    let failed = |e: GraphError| failures.failure(e);
    Some(match effect {
        DriveEffect::CreateFolder { op, drive_id, parent_id, name } => {
            let result = made_folder(client, drive_id.as_deref(), parent_id, &name).await;
            DriveMsg::Written { op, result: result.map(|entry| Some(Box::new(entry))).map_err(failed) }
        }
        DriveEffect::Rename { op, drive_id, item_id, new_name } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = move_item(client, &drive, &item_id, None, Some(&new_name)).await;
            DriveMsg::Written { op, result: result.map(|item| Some(Box::new(drive_entry(&item)))).map_err(failed) }
        }
        DriveEffect::Move { op, drive_id, item_id, to_folder_id } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = async {
                let to = match to_folder_id {
                    Some(id) => id,
                    None => get_item(client, &drive, "/").await?.id,
                };
                move_item(client, &drive, &item_id, Some(&to), None).await
            };
            let result = result.await.map(|item| Some(Box::new(drive_entry(&item))));
            DriveMsg::Written { op, result: result.map_err(failed) }
        }
        DriveEffect::Delete { op, drive_id, item_id, permanent } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = delete_item(client, &drive, &item_id, permanent).await;
            DriveMsg::Written { op, result: result.map(|_| None).map_err(failed) }
        }
        DriveEffect::RestoreVersion { op, drive_id, item_id, version_id } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = restore_version(client, &drive, &item_id, &version_id).await;
            DriveMsg::Written { op, result: result.map(|_| None).map_err(failed) }
        }
        DriveEffect::Share { drive_id, item_id, name, link } => {
            let result = share(client, drive_id.as_deref(), &item_id, link).await;
            DriveMsg::Shared { name, result: result.map_err(failed) }
        }
        DriveEffect::LoadVersions { generation, drive_id, item_id } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = list_versions(client, &drive, &item_id).await.map(|versions| {
                versions
                    .iter()
                    .map(|v| VersionRow {
                        id: v.id.clone(),
                        modified: v.last_modified_date_time,
                        size: v.size.unwrap_or(0).max(0) as u64,
                        by: v
                            .last_modified_by
                            .as_ref()
                            .and_then(|by| by.user.as_ref().or(by.application.as_ref()))
                            .and_then(|who| who.display_name.clone()),
                    })
                    .collect()
            });
            DriveMsg::Versions { generation, result: result.map_err(failed) }
        }
        DriveEffect::LoadPermissions { generation, drive_id, item_id } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = list_permissions(client, &drive, &item_id).await.map(|found| {
                found
                    .iter()
                    .map(|p| PermissionRow {
                        id: p.id.clone().unwrap_or_default(),
                        roles: p.roles.clone(),
                        who: p.audience(),
                        expires: p.expiration_date_time.clone(),
                        has_password: p.has_password == Some(true),
                    })
                    .collect()
            });
            DriveMsg::Permissions { generation, result: result.map_err(failed) }
        }
        DriveEffect::RemovePermission { op, drive_id, item_id, permission_id } => {
            let drive = drive_root(client, drive_id.as_deref());
            let result = remove_permission(client, &drive, &item_id, &permission_id).await;
            DriveMsg::Written { op, result: result.map(|_| None).map_err(failed) }
        }
        DriveEffect::LoadPickerFolders { generation, drive_id, folder_id, files } => {
            let result = children(client, drive_id.as_deref(), folder_id.as_deref()).await.map(|entries| {
                entries
                    .into_iter()
                    .filter(|e| files || e.item.is_folder())
                    .map(|e| FolderRow {
                        is_folder: e.item.is_folder(),
                        size: if e.item.is_folder() { 0 } else { e.item.size },
                        id: e.item.id,
                        name: e.item.name,
                    })
                    .collect()
            });
            DriveMsg::PickerFolders { generation, result: result.map_err(failed) }
        }
        DriveEffect::CheckSaveFolder { folder } => {
            let result = typed_path(&folder).and_then(|path| {
                let missing = crate::saving::missing_folder(&path)?;
                Ok((path, missing.is_none()))
            });
            DriveMsg::SaveFolder { typed: folder, result }
        }
        // Transfers are the worker's own tasks (drive_files.rs).
        DriveEffect::StartTransfer { .. } | DriveEffect::CancelTransfer(_) => return None,
    })
}

async fn made_folder(
    client: &GraphClient,
    drive_id: Option<&str>,
    parent_id: Option<String>,
    name: &str,
) -> GraphResult<DriveEntry> {
    let drive = drive_root(client, drive_id);
    let parent = match parent_id {
        Some(id) => id,
        None => get_item(client, &drive, "/").await?.id,
    };
    let item = create_folder(client, &drive, &parent, name, Conflict::Fail).await?;
    Ok(drive_entry(&item))
}

/// The link's URL (`createLink` answers with the permission that carries it).
pub(super) async fn share(
    client: &GraphClient,
    drive_id: Option<&str>,
    item_id: &str,
    link: LinkSpec,
) -> GraphResult<String> {
    let drive = drive_root(client, drive_id);
    let request = LinkRequest {
        kind: if link.edit { LinkKind::Edit } else { LinkKind::View },
        scope: if link.anyone { LinkScope::Anyone } else { LinkScope::Organization },
        expires: link.expires,
        password: link.password,
    };
    let permission = create_link(client, &drive, item_id, &request).await?;
    permission
        .link
        .and_then(|l| l.web_url)
        .ok_or_else(|| GraphError::Decode { url: "createLink".into(), reason: "the answer carries no link".into() })
}
