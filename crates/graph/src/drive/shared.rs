//! Items in drives other than the user's own (graph-facts §3.5b): any drive's folders by drive
//! id and item id, and `/me/drive/sharedWithMe` — deprecated by Microsoft and retired in
//! November 2026, so callers must read an empty answer or a refusal as "nothing to show".
use crate::client::GraphClient;
use crate::dto::{Drive, DriveItem};
use crate::encode::encode_segment;
use crate::error::{GraphError, GraphResult};
use crate::paging::{collect, page_size};
use crate::query::{Order, Query};
use crate::request::Request;

use super::CHILDREN_MAX_PAGE;

/// `drives/{id}/root` or `drives/{id}/items/{item}`.
pub fn drive_item_path(drive_id: &str, item_id: Option<&str>) -> String {
    match item_id {
        Some(item) => format!("drives/{}/items/{}", encode_segment(drive_id), encode_segment(item)),
        None => format!("drives/{}/root", encode_segment(drive_id)),
    }
}

/// A drive by id (any drive the user may read: a site library, a colleague's OneDrive).
pub async fn get_drive_by_id(client: &GraphClient, drive_id: &str) -> GraphResult<Drive> {
    client.json(Request::get(format!("drives/{}", encode_segment(drive_id)))).await
}

/// One item of any drive (its root for `None`).
pub async fn get_drive_item(client: &GraphClient, drive_id: &str, item_id: Option<&str>) -> GraphResult<DriveItem> {
    client.json(Request::get(drive_item_path(drive_id, item_id))).await
}

/// The children of a folder of any drive (its root for `None`), folders first, then by name.
pub async fn list_drive_children(
    client: &GraphClient,
    drive_id: &str,
    item_id: Option<&str>,
    limit: Option<usize>,
) -> GraphResult<Vec<DriveItem>> {
    let query = Query::new().order_by("name", Order::Asc).top(page_size(limit, CHILDREN_MAX_PAGE) as u32);
    let path = format!("{}/children", drive_item_path(drive_id, item_id));
    let mut items: Vec<DriveItem> = collect(client, Request::get(path).with_query(query.to_pairs()), limit).await?;
    items.sort_by_key(|item| item.folder.is_none());
    Ok(items)
}

/// The children of the folder at `path` in any drive (`/` is its root).
pub async fn list_drive_children_by_path(
    client: &GraphClient,
    drive_id: &str,
    path: &str,
    limit: Option<usize>,
) -> GraphResult<Vec<DriveItem>> {
    let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty() && *s != ".").map(encode_segment).collect();
    if segments.is_empty() {
        return list_drive_children(client, drive_id, None, limit).await;
    }
    let item: DriveItem =
        client.json(Request::get(format!("drives/{}/root:/{}:", encode_segment(drive_id), segments.join("/")))).await?;
    if item.folder.is_none() {
        return Ok(vec![item]);
    }
    list_drive_children(client, drive_id, Some(&item.id), limit).await
}

/// Items other people shared with the user. Each carries `remoteItem`; open it with
/// [`remote_target`]. Empty once the tenant stopped serving the retired endpoint.
pub async fn shared_with_me(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<DriveItem>> {
    let request = Request::get(client.resource_path("drive/sharedWithMe"));
    collect(client, request, limit).await
}

/// Whether an error from `shared_with_me` is the service refusing the retired endpoint (rather
/// than the network or sign-in failing): such an answer means "nothing shared to show". A 403
/// for a permission the sign-in lacks is not that: it must reach the user, who can add it.
pub fn is_retired_refusal(error: &GraphError) -> bool {
    error.api().is_some_and(|api| matches!(api.status, 400 | 403 | 404 | 410 | 501) && api.missing_permission.is_none())
}

/// The drive id and item id a shared item lives at (its `remoteItem`), falling back to the item
/// itself when the service left the facet out.
pub fn remote_target(item: &DriveItem) -> Option<(String, String)> {
    let remote = item.remote_item.as_ref();
    let drive_id = remote
        .and_then(|r| r.parent_reference.as_ref())
        .and_then(|p| p.drive_id.clone())
        .or_else(|| item.parent_reference.as_ref().and_then(|p| p.drive_id.clone()))?;
    let item_id = remote.and_then(|r| r.id.clone()).unwrap_or_else(|| item.id.clone());
    (!item_id.is_empty()).then_some((drive_id, item_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_ids() {
        assert_eq!(drive_item_path("b!x y", None), "drives/b%21x%20y/root");
        assert_eq!(drive_item_path("b!1", Some("01A")), "drives/b%211/items/01A");
    }

    #[test]
    fn remote_target_prefers_the_remote_item() {
        let item: DriveItem = serde_json::from_str(
            r#"{"id":"local","remoteItem":{"id":"R1","parentReference":{"driveId":"D2","id":"P"}}}"#,
        )
        .unwrap();
        assert_eq!(remote_target(&item), Some(("D2".into(), "R1".into())));
        let bare: DriveItem = serde_json::from_str(r#"{"id":"X","parentReference":{"driveId":"D3"}}"#).unwrap();
        assert_eq!(remote_target(&bare), Some(("D3".into(), "X".into())));
        let nowhere: DriveItem = serde_json::from_str(r#"{"id":"X"}"#).unwrap();
        assert_eq!(remote_target(&nowhere), None);
    }
}
