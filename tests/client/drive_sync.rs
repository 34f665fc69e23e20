//! Issue 10 for files: the account's own drive kept in the local cache by delta sync against
//! the simulated tenant: a first sync fetches every item; a renamed and a deleted file and a new
//! folder come by delta pages only (deleted items by their `deleted` facet) and the cache equals
//! the tenant; a drive whose token expired starts over.
use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::{Harness, start};
use o365::cache::Cache;
use o365::cache::open::open_account;
use o365::sync::drive::{OWN_DRIVE, sync_drive};
use o365_graph::request::Request;

/// The owner's drive items by id, with their names.
fn tenant_drive(h: &Harness) -> BTreeMap<String, String> {
    let tenant = h.state.read_tenant();
    let mine = tenant.drive["id"].as_str().unwrap().to_owned();
    tenant
        .drive_items
        .iter()
        .filter(|i| i["parentReference"]["driveId"].as_str().is_none_or(|d| d == mine))
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i["name"].as_str().unwrap_or_default().to_owned()))
        .collect()
}

fn cached_drive(cache: &Cache) -> BTreeMap<String, String> {
    cache.drive_items(OWN_DRIVE).unwrap().into_iter().map(|i| (i.id, i.name)).collect()
}

#[tokio::test]
async fn the_drive_syncs_by_delta_and_an_expired_token_starts_it_over() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = open_account(dir.path(), "work").unwrap().cache;
    let first = sync_drive(&client, &mut cache).await.unwrap();
    assert!(first.tree.full && first.tree.added > 10, "{:?}", first.tree);
    assert_eq!(cached_drive(&cache), tenant_drive(&h), "the first sync fetches every item");

    let files: Vec<String> = cache
        .drive_items(OWN_DRIVE)
        .unwrap()
        .into_iter()
        .filter(|i| matches!(i.kind, o365::domain::DriveItemKind::File { .. }))
        .map(|i| i.id)
        .take(2)
        .collect();
    let item = |id: &str| client.resource_path(&format!("drive/items/{id}"));
    client.send(Request::patch(item(&files[0])).with_json(json!({"name": "renamed since.txt"}))).await.unwrap();
    client.send(Request::delete(item(&files[1]))).await.unwrap();
    let folder = json!({"name": "Made since", "folder": {}, "@microsoft.graph.conflictBehavior": "fail"});
    client.send(Request::post(client.resource_path("drive/root/children")).with_json(folder)).await.unwrap();

    h.clear_seen();
    let second = sync_drive(&client, &mut cache).await.unwrap();
    assert_eq!(cached_drive(&cache), tenant_drive(&h), "after the changes the cache equals the tenant");
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    assert!(asked.iter().all(|t| t.contains("/root/delta?") && t.contains("token=")), "only delta pages: {asked:#?}");
    assert_eq!(second.tree.removed, 1, "{:?}", second.tree);
    assert!(second.tree.added >= 1 && second.tree.updated >= 1 && !second.tree.full, "{:?}", second.tree);
    assert_eq!(cache.drive_items(OWN_DRIVE).unwrap().iter().filter(|i| i.name == "renamed since.txt").count(), 1);

    let mine = h.state.read_tenant().drive["id"].as_str().unwrap().to_owned();
    h.state.write_tenant().drive_items.changes.expire(&mine);
    let third = sync_drive(&client, &mut cache).await.unwrap();
    assert!(third.tree.resynced && third.tree.full, "{:?}", third.tree);
    assert_eq!(cached_drive(&cache), tenant_drive(&h));
}
