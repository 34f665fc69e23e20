//! Issue 10 for the calendar: the default calendar's window kept in the local cache by delta
//! sync against the simulated tenant. A first sync holds what the service's calendar view of
//! the window holds; a new event and a cancelled (deleted) one come by delta pages only and the
//! cache equals the view again; an expired token starts the calendar over.
use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::{Harness, anchor, start};
use o365::cache::Cache;
use o365::cache::open::open_account;
use o365::sync::calendar::{sync_calendar, window};
use o365_graph::request::Request;

/// What the service's calendar view of the sync's window holds: id → subject.
async fn service_view(h: &Harness) -> BTreeMap<String, String> {
    let (start, end) = window(anchor());
    let events = o365_graph::calendar::calendar_view(&h.client(), None, start, end, None).await.unwrap();
    events.into_iter().map(|e| (e.id.clone(), e.subject.clone().unwrap_or_default())).collect()
}

fn cached_view(cache: &Cache) -> BTreeMap<String, String> {
    cache.events().unwrap().into_iter().map(|e| (e.id, e.subject)).collect()
}

#[tokio::test]
async fn the_calendar_window_syncs_by_delta_and_an_expired_token_starts_it_over() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = open_account(dir.path(), "work").unwrap().cache;
    let first = sync_calendar(&client, &mut cache, anchor()).await.unwrap();
    assert!(first.tree.full && first.tree.added > 5, "{:?}", first.tree);
    assert_eq!(cached_view(&cache), service_view(&h).await, "the first sync holds the window's view");

    let single = cache.events().unwrap().into_iter().find(|e| e.series_master_id.is_none()).expect("a single event");
    client.send(Request::delete(client.resource_path(&format!("events/{}", single.id)))).await.unwrap();
    let at = anchor() + chrono::Duration::days(2);
    let new = json!({
        "subject": "Added since",
        "start": {"dateTime": at.format("%Y-%m-%dT10:00:00").to_string(), "timeZone": "UTC"},
        "end": {"dateTime": at.format("%Y-%m-%dT11:00:00").to_string(), "timeZone": "UTC"},
    });
    client.send(Request::post(client.resource_path("events")).with_json(new)).await.unwrap();

    h.clear_seen();
    let second = sync_calendar(&client, &mut cache, anchor()).await.unwrap();
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    assert!(
        asked.iter().all(|t| t.contains("/calendarView/delta?") && t.contains("$deltatoken=")),
        "only delta pages: {asked:#?}"
    );
    assert_eq!((second.tree.added, second.tree.removed, second.tree.full), (1, 1, false), "{:?}", second.tree);
    assert_eq!(cached_view(&cache), service_view(&h).await, "after the changes the cache equals the view");

    h.state.write_tenant().event_changes.expire("");
    let third = sync_calendar(&client, &mut cache, anchor()).await.unwrap();
    assert!(third.tree.resynced && third.tree.full, "{:?}", third.tree);
    assert_eq!(cached_view(&cache), service_view(&h).await);
}
