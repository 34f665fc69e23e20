//! The Drive pane's file actions. Opening a file: the item is fetched (for its size, hash and
//! pre-authenticated URL), downloaded through o365-graph's `download_to_file` (streamed, resumed,
//! checked) into a new private folder inside the session's temporary one (removed when the
//! interface ends) under a safe name, and handed to the opener. Deleting an item to the recycle
//! bin.
use std::path::PathBuf;
use std::sync::Arc;

use o365_graph::client::GraphClient;
use o365_graph::drive::download::{Existing, download_to_file};
use o365_graph::drive::location::DriveRoot;
use o365_graph::drive::organise::{delete_item, get_item, move_item};
use o365_graph::drive::upload::{UploadOptions, upload_file};
use o365_graph::dto::DriveItem;
use o365_graph::mail::filenames::safe_file_name;
use o365_graph::request::Request;
use tokio::sync::mpsc::UnboundedSender;

use super::Failures;
use super::opener::Opener;
use super::paths::typed_path;
use super::scratch::Scratch;
use crate::tui::msg::{Failure, Msg, Outcome};

/// Starts the download; `Msg::DriveFileOpened` says how it ended.
pub fn open(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    opener: &Opener,
    scratch: &Arc<Scratch>,
    drive_id: Option<String>,
    item_id: String,
    name: String,
) {
    let (client, messages, opener, scratch) = (client.clone(), messages.clone(), opener.clone(), scratch.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let result = download_and_open(&client, &opener, &scratch, drive_id.as_deref(), &item_id, &failures).await;
        // The loop may have ended; then nobody needs the answer.
        let _ = messages.send(Msg::DriveFileOpened { name, result });
        failures.announce(&messages);
    });
}

async fn download_and_open(
    client: &GraphClient,
    opener: &Opener,
    scratch: &Scratch,
    drive_id: Option<&str>,
    item_id: &str,
    failures: &Failures,
) -> Outcome<PathBuf> {
    let drive = drive_root(client, drive_id);
    let item: DriveItem = client.json(Request::get(drive.item(item_id))).await.map_err(|e| failures.failure(e))?;
    let dir = scratch.new_dir().map_err(|e| Failure::local(format!("cannot make a private folder: {e}")))?;
    // The service's name never picks the path: one safe name inside the new folder.
    let path = dir.join(safe_file_name(item.name.as_deref().unwrap_or("download")));
    download_to_file(client, &drive, &item, &path, Existing::Keep, &mut |_, _| {})
        .await
        .map_err(|e| failures.failure(e))?;
    opener.open_file(&path).map_err(Failure::local)?;
    Ok(path)
}

/// Deletes an item to the recycle bin; `Msg::DriveItemDeleted` says how it went.
pub fn delete(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    drive_id: Option<String>,
    item_id: String,
    name: String,
) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let result = delete_item(&client, &drive_root(&client, drive_id.as_deref()), &item_id, false)
            .await
            .map_err(|e| failures.failure(e));
        let _ = messages.send(Msg::DriveItemDeleted { name, result });
        failures.announce(&messages);
    });
}

/// The drive an effect names: by id, else the user's own.
fn drive_root(client: &GraphClient, drive_id: Option<&str>) -> DriveRoot {
    match drive_id {
        Some(id) => DriveRoot::by_id(id),
        None => DriveRoot::new(client.resource_path("drive")),
    }
}

/// Renames an item in place; `Msg::DriveItemRenamed` says how it went.
pub fn rename(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    drive_id: Option<String>,
    item_id: String,
    new_name: String,
) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let drive = drive_root(&client, drive_id.as_deref());
        let result = move_item(&client, &drive, &item_id, None, Some(&new_name))
            .await
            .map(|_| ())
            .map_err(|e| failures.failure(e));
        let _ = messages.send(Msg::DriveItemRenamed { name: new_name, result });
        failures.announce(&messages);
    });
}

/// Uploads a local file into a folder (a session above 4 MiB; an existing name is refused, never
/// replaced); `Msg::DriveUploaded` carries the new item's id.
pub fn upload(
    client: &GraphClient,
    messages: &UnboundedSender<Msg>,
    drive_id: Option<String>,
    folder_id: Option<String>,
    typed: PathBuf,
) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let typed = typed.to_string_lossy().into_owned();
        let name = typed.rsplit('/').next().unwrap_or(&typed).to_owned();
        let result = upload_into(&client, drive_id.as_deref(), folder_id.as_deref(), &typed, &failures).await;
        let _ = messages.send(Msg::DriveUploaded { name, result });
        failures.announce(&messages);
    });
}

async fn upload_into(
    client: &GraphClient,
    drive_id: Option<&str>,
    folder_id: Option<&str>,
    typed: &str,
    failures: &Failures,
) -> Outcome<String> {
    let local = typed_path(typed).map_err(Failure::local)?;
    if local.is_dir() {
        return Err(Failure::local(format!("{typed} is a folder: `o365 drive put -r` uploads folders")));
    }
    let name = local
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| Failure::local(format!("{typed}: no usable file name")))?;
    let drive = drive_root(client, drive_id);
    let folder = match folder_id {
        Some(id) => id.to_owned(),
        None => get_item(client, &drive, "/").await.map_err(|e| failures.failure(e))?.id,
    };
    let options = UploadOptions::default();
    let item = upload_file(client, &drive, &folder, &name, &local, &options, &mut |_, _| {})
        .await
        .map_err(|e| failures.failure(e))?;
    Ok(item.id)
}
