//! Issue 10 for contacts: the contact folders and their contacts kept in the local cache by
//! delta sync against the simulated tenant: a first sync fetches everything (the default
//! folder's id learnt on the way), a contact added, one renamed and one deleted come by delta
//! pages only and the cache equals the tenant; a folder whose token expired starts over alone.
use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::{Harness, start};
use o365::cache::Cache;
use o365::cache::open::open_account;
use o365_graph::request::Request;

type Folders = BTreeMap<String, BTreeMap<String, String>>;

/// Every contact of the tenant by folder (the listed folders too, empty or not), with its name.
fn tenant_contacts(h: &Harness) -> Folders {
    let tenant = h.state.read_tenant();
    let mut out: Folders = BTreeMap::new();
    for folder in tenant.contact_folders.iter() {
        out.entry(folder["id"].as_str().unwrap().to_owned()).or_default();
        out.entry(folder["parentFolderId"].as_str().unwrap().to_owned()).or_default();
    }
    for contact in tenant.contacts.iter() {
        let folder = contact["parentFolderId"].as_str().unwrap().to_owned();
        let name = contact["displayName"].as_str().unwrap_or_default().to_owned();
        out.entry(folder).or_default().insert(contact["id"].as_str().unwrap().to_owned(), name);
    }
    out
}

fn cached_contacts(cache: &Cache) -> Folders {
    let mut out = BTreeMap::new();
    for folder in cache.contact_folders().unwrap() {
        let contacts = cache.contacts(&folder.id).unwrap().into_iter().map(|c| (c.id, c.name)).collect();
        out.insert(folder.id, contacts);
    }
    out
}

#[tokio::test]
async fn contacts_sync_by_delta_and_an_expired_folder_starts_over_alone() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = open_account(dir.path(), "work").unwrap().cache;
    o365::sync::contacts::sync_contacts(&client, &mut cache).await.unwrap();
    assert_eq!(cached_contacts(&cache), tenant_contacts(&h), "the first sync fetches everything");
    let default = cache.contact_folders().unwrap().into_iter().find(|f| f.is_default).expect("the default folder");
    let ids: Vec<String> = cache.contacts(&default.id).unwrap().into_iter().map(|c| c.id).take(2).collect();
    assert_eq!(ids.len(), 2);

    let me = |rest: &str| client.resource_path(rest);
    let renamed = json!({"displayName": "Renamed Since"});
    client.send(Request::patch(me(&format!("contacts/{}", ids[0]))).with_json(renamed)).await.unwrap();
    client.send(Request::delete(me(&format!("contacts/{}", ids[1])))).await.unwrap();
    let added = json!({"givenName": "Added", "surname": "Since"});
    client.send(Request::post(me("contacts")).with_json(added)).await.unwrap();

    h.clear_seen();
    let second = o365::sync::contacts::sync_contacts(&client, &mut cache).await.unwrap();
    assert_eq!(cached_contacts(&cache), tenant_contacts(&h), "after the changes the cache equals the tenant");
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    assert!(asked.iter().all(|t| t.contains("/delta?") && t.contains("$deltatoken=")), "only delta pages: {asked:#?}");
    let changed = second.resources.iter().find(|r| r.id == default.id).unwrap();
    assert_eq!((changed.added, changed.updated, changed.removed), (1, 1, 1), "{changed:?}");

    h.state.write_tenant().contact_changes.expire(&default.id);
    let third = o365::sync::contacts::sync_contacts(&client, &mut cache).await.unwrap();
    let again = third.resources.iter().find(|r| r.id == default.id).unwrap();
    assert!(again.resynced && again.full, "{again:?}");
    assert!(third.resources.iter().filter(|r| r.id != default.id).all(|r| !r.full), "the other folders by delta");
    assert_eq!(cached_contacts(&cache), tenant_contacts(&h));
}
