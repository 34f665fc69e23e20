//! OneDrive and SharePoint files: the drive, folders by id or path, special folders, downloads
//! through the pre-authenticated URL (graph-facts §3.5). Any drive is addressed through
//! `location` (a OneDrive path, a site's library, a drive id); `download` and `upload` move
//! bytes, `organise` and `sharing` change items.
pub mod delta;
pub mod download;
pub mod folders;
pub mod history;
pub mod location;
pub mod organise;
pub mod shared;
pub mod sharing;
pub mod upload;

use super::client::GraphClient;
use super::dto::{Drive, DriveItem};
use super::encode::encode_segment;
use super::error::GraphResult;
use super::paging::{collect, page_size};
use super::query::{Order, Query};
use super::request::Request;

/// Children pages hold at most 1000 (graph-facts §2.4).
pub(crate) const CHILDREN_MAX_PAGE: usize = 1000;

/// The resource's drive (`/me/drive`, `/groups/{id}/drive`, `/sites/{id}/drive`).
pub async fn get_drive(client: &GraphClient) -> GraphResult<Drive> {
    client.json(Request::get(client.resource_path("drive"))).await
}

/// `drive/root` or `drive/root:/a/b:` for a path (segments percent-encoded).
pub fn item_path(client: &GraphClient, path: &str) -> String {
    let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty() && *s != ".").map(encode_segment).collect();
    if segments.is_empty() {
        client.resource_path("drive/root")
    } else {
        client.resource_path(&format!("drive/root:/{}:", segments.join("/")))
    }
}

/// The item at `path` (the root for an empty path).
pub async fn get_item_by_path(client: &GraphClient, path: &str) -> GraphResult<DriveItem> {
    client.json(Request::get(item_path(client, path))).await
}

/// The children of the folder at `path`, folders first, then by name (as a file manager shows).
pub async fn list_children_by_path(
    client: &GraphClient,
    path: &str,
    limit: Option<usize>,
) -> GraphResult<Vec<DriveItem>> {
    let query = Query::new().order_by("name", Order::Asc).top(page_size(limit, CHILDREN_MAX_PAGE) as u32);
    let request = Request::get(format!("{}/children", item_path(client, path))).with_query(query.to_pairs());
    let mut items: Vec<DriveItem> = collect(client, request, limit).await?;
    items.sort_by_key(|item| item.folder.is_none());
    Ok(items)
}

/// The children of a folder by id.
pub async fn list_children(client: &GraphClient, item_id: &str, limit: Option<usize>) -> GraphResult<Vec<DriveItem>> {
    let query = Query::new().order_by("name", Order::Asc).top(page_size(limit, CHILDREN_MAX_PAGE) as u32);
    let path = client.resource_path(&format!("drive/items/{}/children", encode_segment(item_id)));
    let mut items: Vec<DriveItem> = collect(client, Request::get(path).with_query(query.to_pairs()), limit).await?;
    items.sort_by_key(|item| item.folder.is_none());
    Ok(items)
}

/// A special folder (`documents`, `photos`, `cameraroll`, `approot`, `music`).
pub async fn special_folder(client: &GraphClient, name: &str) -> GraphResult<DriveItem> {
    client.json(Request::get(client.resource_path(&format!("drive/special/{}", encode_segment(name))))).await
}

/// Starts downloading a file's bytes: Graph answers 302 to a pre-authenticated URL, which is
/// fetched without the token.
pub async fn download(client: &GraphClient, item_id: &str) -> GraphResult<reqwest::Response> {
    client.download(&client.resource_path(&format!("drive/items/{}/content", encode_segment(item_id)))).await
}
