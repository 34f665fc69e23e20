//! Managing mail folders: create (at the top level or under a folder), rename, delete
//! (graph-facts §3.1: POST `mailFolders` or `.../childFolders` → 201, PATCH `displayName` → 200,
//! DELETE → 204). Listing and finding folders live in `mail`.
use serde_json::json;

use crate::client::GraphClient;
use crate::dto::MailFolder;
use crate::encode::encode_segment;
use crate::error::GraphResult;
use crate::request::Request;

fn folder_path(client: &GraphClient, id: &str) -> String {
    client.resource_path(&format!("mailFolders/{}", encode_segment(id)))
}

/// Creates a folder called `name` under `parent_id` (an id or well-known name), or at the top
/// level of the mailbox when `parent_id` is `None`.
pub async fn create_folder(client: &GraphClient, parent_id: Option<&str>, name: &str) -> GraphResult<MailFolder> {
    let path = match parent_id {
        Some(parent) => format!("{}/childFolders", folder_path(client, parent)),
        None => client.resource_path("mailFolders"),
    };
    client.json(Request::post(path).with_json(json!({ "displayName": name, "isHidden": false }))).await
}

/// Gives a folder a new display name; `isHidden` can only be set at creation (§3.1).
pub async fn rename_folder(client: &GraphClient, id: &str, name: &str) -> GraphResult<MailFolder> {
    client.json(Request::patch(folder_path(client, id)).with_json(json!({ "displayName": name }))).await
}

/// Deletes a folder with everything in it. Well-known folders cannot be deleted (the service
/// answers 400 `ErrorDeleteDistinguishedFolder`).
pub async fn delete_folder(client: &GraphClient, id: &str) -> GraphResult<()> {
    client.send(Request::delete(folder_path(client, id))).await?;
    Ok(())
}
