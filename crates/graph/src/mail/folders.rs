//! Managing mail folders: create (at the top level or under a folder), rename, delete
//! (graph-facts §3.1: POST `mailFolders` or `.../childFolders` → 201, PATCH `displayName` → 200,
//! DELETE → 204), and which folders are the well-known ones. Listing and finding folders live
//! in `mail`.
use reqwest::Method;
use serde_json::json;

use crate::batch::BatchRequest;
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

/// The ids of the well-known folders among `names` (`inbox`, `sentitems`, ...), as
/// (name, id) pairs, asked in one `$batch`: Graph v1.0 does not mark a folder as distinguished,
/// it only answers for its well-known name (graph-facts §3.1). A name the mailbox lacks (no
/// Archive folder yet: 404) is left out; any other failure fails the call.
pub async fn well_known_ids(client: &GraphClient, names: &[&str]) -> GraphResult<Vec<(String, String)>> {
    let requests: Vec<BatchRequest> = names
        .iter()
        .map(|name| BatchRequest::new(Method::GET, format!("/{}?$select=id", folder_path(client, name))))
        .collect();
    let answers = client.batch(&requests, |_, _| {}).await?;
    let mut found = Vec::new();
    for (name, answer) in names.iter().zip(answers) {
        if answer.status == 404 {
            continue;
        }
        if let Some(error) = answer.error() {
            return Err(error.into());
        }
        if let Some(id) = answer.body.as_ref().and_then(|b| b.get("id")).and_then(|id| id.as_str()) {
            found.push(((*name).to_owned(), id.to_owned()));
        }
    }
    Ok(found)
}
