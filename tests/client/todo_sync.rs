//! Issue 10 for To Do: the lists and their tasks kept in the local cache by delta sync against
//! the simulated tenant. A first sync fetches everything; after a task is completed, one
//! deleted and one added, the next sync asks only for delta pages and the cache equals the
//! tenant; a list whose token expired starts over alone.
use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::{Harness, start};
use o365::cache::Cache;
use o365::cache::open::open_account;
use o365_graph::request::Request;

/// Every list of the tenant with its tasks' titles and statuses.
fn tenant_todo(h: &Harness) -> BTreeMap<String, BTreeMap<String, (String, String)>> {
    let tenant = h.state.read_tenant();
    let mut out = BTreeMap::new();
    for list in tenant.todo_lists.iter() {
        let id = list["id"].as_str().unwrap().to_owned();
        let tasks = tenant
            .todo_tasks
            .iter()
            .filter(|t| t["_listId"] == id.as_str())
            .map(|t| {
                let text = |key: &str| t[key].as_str().unwrap_or_default().to_owned();
                (text("id"), (text("title"), text("status")))
            })
            .collect();
        out.insert(id, tasks);
    }
    out
}

fn cached_todo(cache: &Cache) -> BTreeMap<String, BTreeMap<String, (String, String)>> {
    let mut out = BTreeMap::new();
    for list in cache.todo_lists().unwrap() {
        let tasks = cache
            .todo_tasks(&list.id)
            .unwrap()
            .into_iter()
            .map(|t| (t.id, (t.title, t.status.as_str().to_owned())))
            .collect();
        out.insert(list.id, tasks);
    }
    out
}

#[tokio::test]
async fn tasks_sync_by_delta_and_an_expired_list_starts_over_alone() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = open_account(dir.path(), "work").unwrap().cache;
    let first = o365::sync::todo::sync_todo(&client, &mut cache).await.unwrap();
    assert!(first.tree.full && first.resources.iter().all(|r| r.full));
    assert_eq!(cached_todo(&cache), tenant_todo(&h), "the first sync fetches everything");

    let (list, tasks) = tenant_todo(&h).into_iter().find(|(_, tasks)| tasks.len() >= 2).expect("a list with tasks");
    let ids: Vec<&String> = tasks.keys().collect();
    let path = |rest: &str| client.resource_path(&format!("todo/lists/{list}/tasks{rest}"));
    let done = json!({"status": "completed"});
    client.send(Request::patch(path(&format!("/{}", ids[0]))).with_json(done)).await.unwrap();
    client.send(Request::delete(path(&format!("/{}", ids[1])))).await.unwrap();
    client.send(Request::post(path("")).with_json(json!({"title": "Added since"}))).await.unwrap();

    h.clear_seen();
    let second = o365::sync::todo::sync_todo(&client, &mut cache).await.unwrap();
    assert_eq!(cached_todo(&cache), tenant_todo(&h), "after the changes the cache equals the tenant");
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    assert!(asked.iter().all(|t| t.contains("/delta?") && t.contains("$deltatoken=")), "only delta pages: {asked:#?}");
    assert_eq!(second.requests, asked.len());
    let changed = second.resources.iter().find(|r| r.id == list).unwrap();
    assert_eq!((changed.added, changed.updated, changed.removed, changed.full), (1, 1, 1, false), "{changed:?}");
    assert_eq!(second.resources.iter().filter(|r| !r.is_empty()).count(), 1);

    h.state.write_tenant().todo_changes.expire(&list);
    let third = o365::sync::todo::sync_todo(&client, &mut cache).await.unwrap();
    let again = third.resources.iter().find(|r| r.id == list).unwrap();
    assert!(again.resynced && again.full, "{again:?}");
    assert!(third.resources.iter().filter(|r| r.id != list).all(|r| !r.full), "the other lists by delta");
    assert_eq!(cached_todo(&cache), tenant_todo(&h));
    assert!(
        third.lines().iter().any(|l| l.starts_with("tasks ") && l.contains("lost the sync state")),
        "{:?}",
        third.lines()
    );
}
