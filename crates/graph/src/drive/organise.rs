//! Organising drive items (graph-facts §3.5): folders (one, or a whole path with `-p`), rename
//! and move (`PATCH` with `name` and `parentReference`), copy (202 and a monitor URL polled,
//! without the token, until the service says completed or failed), and delete (to the recycle
//! bin, or `permanentDelete`).
use std::time::Duration;

use serde_json::{Value, json};
use url::Url;

use super::location::DriveRoot;
use super::upload::{Conflict, child_named};
use crate::client::GraphClient;
use crate::dto::{AsyncOperationStatus, DriveItem};
use crate::error::{GraphError, GraphResult};
use crate::paging::collect;
use crate::request::Request;
use crate::transport::{build_http, transport_error};

/// The item at `path` in `drive` (its root for `/`).
pub async fn get_item(client: &GraphClient, drive: &DriveRoot, path: &str) -> GraphResult<DriveItem> {
    client.json(Request::get(drive.path(path))).await.map_err(|e| match e.api() {
        Some(api) if api.status == 404 => GraphError::NotFound(format!("`{path}` does not exist")),
        _ => e,
    })
}

/// The children of a folder, every page, in the service's order.
pub async fn list_children(client: &GraphClient, drive: &DriveRoot, folder_id: &str) -> GraphResult<Vec<DriveItem>> {
    let request =
        Request::get(format!("{}/children", drive.item(folder_id))).with_param("$top", super::CHILDREN_MAX_PAGE);
    collect(client, request, None).await
}

/// A new folder `name` in folder `parent_id`.
pub async fn create_folder(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
    conflict: Conflict,
) -> GraphResult<DriveItem> {
    let body = json!({"name": name, "folder": {}, "@microsoft.graph.conflictBehavior": conflict.as_str()});
    let request = Request::post(format!("{}/children", drive.item(parent_id))).with_json(body);
    client.json(request).await.map_err(|e| match e.api() {
        Some(api) if api.status == 409 => GraphError::Refused(format!("`{name}` already exists there")),
        _ => e,
    })
}

/// The folder `name` in `parent_id`: the one there, or a new one. A file of that name is refused.
pub async fn ensure_folder(
    client: &GraphClient,
    drive: &DriveRoot,
    parent_id: &str,
    name: &str,
) -> GraphResult<DriveItem> {
    match child_named(client, drive, parent_id, name).await? {
        Some(item) if item.folder.is_some() => Ok(item),
        Some(_) => Err(GraphError::Refused(format!("`{name}` exists and is a file, not a folder"))),
        None => create_folder(client, drive, parent_id, name, Conflict::Fail).await,
    }
}

/// Creates the folder at `path`; with `parents`, the missing folders above it too (and an
/// existing folder is no error), as `mkdir -p`.
pub async fn create_folder_path(
    client: &GraphClient,
    drive: &DriveRoot,
    path: &str,
    parents: bool,
) -> GraphResult<DriveItem> {
    let names: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    let Some((last, above)) = names.split_last() else {
        return Err(GraphError::Refused("a folder needs a name".to_owned()));
    };
    let mut parent = get_item(client, drive, "/").await?;
    for (depth, name) in above.iter().enumerate() {
        parent = if parents {
            ensure_folder(client, drive, &parent.id, name).await?
        } else {
            let at = names[..=depth].join("/");
            let found = get_item(client, drive, &at)
                .await
                .map_err(|_| GraphError::NotFound(format!("`{at}` does not exist (-p creates missing folders)")))?;
            if found.folder.is_none() {
                return Err(GraphError::Refused(format!("`{at}` is a file, not a folder")));
            }
            found
        };
    }
    if parents {
        return ensure_folder(client, drive, &parent.id, last).await;
    }
    create_folder(client, drive, &parent.id, last, Conflict::Fail).await
}

/// Renames and/or moves an item (within its drive): `PATCH` with the new name and parent.
pub async fn move_item(
    client: &GraphClient,
    drive: &DriveRoot,
    item_id: &str,
    new_parent_id: Option<&str>,
    new_name: Option<&str>,
) -> GraphResult<DriveItem> {
    let mut body = serde_json::Map::new();
    if let Some(name) = new_name {
        body.insert("name".to_owned(), json!(name));
    }
    if let Some(parent) = new_parent_id {
        body.insert("parentReference".to_owned(), json!({"id": parent}));
    }
    let request = Request::patch(drive.item(item_id)).with_json(Value::Object(body));
    client.json(request).await.map_err(|e| match e.api() {
        Some(api) if api.status == 409 => {
            GraphError::Refused(format!("`{}` already exists there", new_name.unwrap_or("an item of that name")))
        }
        _ => e,
    })
}

/// Copies an item into folder `parent_id` of drive `parent_drive_id` (any drive), as `name`
/// when given; waits for the copy, telling `progress` the percentage the service reports.
pub async fn copy_item(
    client: &GraphClient,
    drive: &DriveRoot,
    item_id: &str,
    parent_drive_id: &str,
    parent_id: &str,
    name: Option<&str>,
    progress: &mut (dyn FnMut(f64) + Send),
) -> GraphResult<String> {
    let mut body = json!({"parentReference": {"driveId": parent_drive_id, "id": parent_id}});
    if let Some(name) = name {
        body["name"] = json!(name);
    }
    let request = Request::post(format!("{}/copy", drive.item(item_id))).with_json(body);
    let answer = client.execute(request).await.map_err(|e| match e.api() {
        Some(api) if api.status == 409 => {
            GraphError::Refused(format!("`{}` already exists there", name.unwrap_or("an item of that name")))
        }
        _ => e,
    })?;
    let location = answer
        .header("location")
        .and_then(|l| answer.url.join(l).ok())
        .ok_or_else(|| GraphError::Decode { url: "copy".into(), reason: "202 without a monitor Location".into() })?;
    watch_copy(client, &location, progress).await
}

/// Polls a copy's monitor URL (pre-authenticated: no token) until it completes; the new
/// item's id.
async fn watch_copy(
    client: &GraphClient,
    monitor: &Url,
    progress: &mut (dyn FnMut(f64) + Send),
) -> GraphResult<String> {
    let http = build_http(client.options(), monitor)?;
    let mut wait = Duration::from_millis(50);
    let mut failures = 0;
    loop {
        let answer = http.get(monitor.clone()).send().await;
        let status: AsyncOperationStatus = match answer {
            Ok(answer) if answer.status().is_success() => answer.json().await.map_err(transport_error)?,
            Ok(answer) => {
                return Err(GraphError::Refused(format!("the copy's monitor answered {}", answer.status())));
            }
            Err(e) => {
                failures += 1;
                if failures > client.options().retry.retries {
                    return Err(transport_error(e));
                }
                tokio::time::sleep(wait).await;
                continue;
            }
        };
        progress(status.percentage_complete.unwrap_or(0.0));
        match status.status.as_deref() {
            Some("completed") => {
                return status.resource_id.ok_or_else(|| GraphError::Decode {
                    url: "copy monitor".into(),
                    reason: "completed without a resourceId".into(),
                });
            }
            Some("failed") => return Err(GraphError::Refused("the service could not make the copy".to_owned())),
            _ => {
                // A poll interval, not synchronisation: the service finishes in its own time.
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// Deletes an item: to the recycle bin, or for good with `permanent`.
pub async fn delete_item(client: &GraphClient, drive: &DriveRoot, item_id: &str, permanent: bool) -> GraphResult<()> {
    let request = if permanent {
        Request::post(format!("{}/permanentDelete", drive.item(item_id)))
    } else {
        Request::delete(drive.item(item_id))
    };
    client.execute(request).await.map(|_| ())
}
