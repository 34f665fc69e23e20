//! Issue 10 for mail: the local cache kept current by delta sync against the whole simulated
//! tenant. A first sync fetches everything; after the tenant changes (new, read, moved, deleted
//! messages; a folder made) the next sync asks only for delta pages and the cache equals the
//! tenant; a folder whose delta token expired is synced again from scratch, alone.
use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use crate::harness::{Harness, start};
use o365::cache::Cache;
use o365::cache::open::open_account;
use o365::sync::mail::MailScope;
use o365_graph::request::Request;

/// Every shown folder of the tenant (root and hidden ones left out, as delta does) with its
/// messages' ids and read state.
fn tenant_mail(h: &Harness) -> BTreeMap<String, (String, BTreeMap<String, bool>)> {
    let tenant = h.state.read_tenant();
    let root = tenant.resolve_folder("msgfolderroot");
    let mut out = BTreeMap::new();
    for folder in tenant.mail_folders.iter() {
        let id = folder["id"].as_str().unwrap().to_owned();
        if Some(&id) == root.as_ref() || folder["isHidden"] == true {
            continue;
        }
        let messages = tenant
            .messages
            .ids_in(&id)
            .iter()
            .map(|m| (m.to_string(), tenant.messages.get(m).unwrap()["isRead"] == true))
            .collect();
        out.insert(id, (folder["displayName"].as_str().unwrap().to_owned(), messages));
    }
    out
}

fn cached_mail(cache: &Cache) -> BTreeMap<String, (String, BTreeMap<String, bool>)> {
    let mut out = BTreeMap::new();
    for node in cache.folders().unwrap() {
        let messages = cache
            .messages(&node.folder.id, 0, usize::MAX >> 1, false)
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.is_read))
            .collect();
        out.insert(node.folder.id.clone(), (node.folder.name.clone(), messages));
    }
    out
}

fn cache_in(dir: &std::path::Path) -> Cache {
    open_account(dir, "work").unwrap().cache
}

/// The requests that reached the tenant since the log was cleared.
fn requests(h: &Harness) -> Vec<String> {
    h.graph_requests().iter().map(|s| format!("{} {}", s.method, s.target)).collect()
}

#[tokio::test]
async fn a_first_sync_then_only_delta_pages_and_the_cache_equals_the_tenant() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());

    let first = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    assert_eq!(cached_mail(&cache), tenant_mail(&h), "the first sync fetches everything");
    assert!(first.tree.full && first.resources.iter().all(|c| c.full));
    let inbox = cache.find_folder("inbox").unwrap().expect("the Inbox is named");
    assert!(cache.message_count(&inbox.id).unwrap() > 50);

    // The tenant changes: one message read, one moved out, one deleted, one arrives, a folder made.
    let ids: Vec<String> = cache.messages(&inbox.id, 0, 3, false).unwrap().into_iter().map(|m| m.id).collect();
    let change = |request: Request| {
        let client = client.clone();
        async move { client.send(request).await.unwrap() }
    };
    let me = |rest: &str| client.resource_path(rest);
    change(Request::patch(me(&format!("messages/{}", ids[0]))).with_json(json!({"isRead": true}))).await;
    change(Request::post(me(&format!("messages/{}/move", ids[1]))).with_json(json!({"destinationId": "archive"})))
        .await;
    change(Request::delete(me(&format!("messages/{}", ids[2])))).await;
    change(Request::post(me("mailFolders/inbox/messages")).with_json(json!({"subject": "Arrived since"}))).await;
    change(Request::post(me("mailFolders")).with_json(json!({"displayName": "Receipts"}))).await;

    h.clear_seen();
    let second = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    assert_eq!(cached_mail(&cache), tenant_mail(&h), "after the changes the cache equals the tenant");
    let asked = requests(&h);
    assert!(
        asked.iter().all(|r| r.starts_with("GET ")
            && r.contains("/delta?")
            && (r.contains("$deltatoken=") || r.contains("$skiptoken="))
            || r.contains("/mailFolders/") && r.contains("/messages/delta?") && !r.contains("token=")),
        "only delta pages (a new folder's first round aside): {asked:#?}"
    );
    assert_eq!(second.requests, asked.len());
    let folders_now = cache.folders().unwrap().len();
    assert!(asked.len() <= folders_now + 2, "about one request per folder: {asked:#?}");
    let inbox_changes = second.resources.iter().find(|c| c.id == inbox.id).unwrap();
    assert_eq!((inbox_changes.added, inbox_changes.updated, inbox_changes.removed), (1, 1, 2), "{inbox_changes:?}");
    assert!(!inbox_changes.full);
    assert_eq!(second.tree.added, 1, "the new folder");
    assert!(
        second.lines().iter().any(|l| l.contains("Receipts") || l.contains("folders: 1 new")),
        "{:?}",
        second.lines()
    );

    // Nothing changed: nothing to say, one delta page per resource.
    let third = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    assert!(third.is_empty(), "{:?}", third.lines());
    assert_eq!(third.lines(), ["mail: no change"]);
}

#[tokio::test]
async fn an_expired_token_resyncs_that_folder_alone() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());
    o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    // A stale row the service never had: a full round must remove it.
    cache
        .in_transaction(|tx| {
            let mut ghost = cache_row(&inbox.id);
            ghost.id = "ghost".into();
            o365::cache::mail::upsert_messages(tx, &inbox.id, &[ghost])
        })
        .unwrap();
    h.state.write_tenant().messages.changes.expire(&inbox.id);

    h.clear_seen();
    let report = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    let inbox_changes = report.resources.iter().find(|c| c.id == inbox.id).unwrap();
    assert!(inbox_changes.resynced && inbox_changes.full, "{inbox_changes:?}");
    assert_eq!(inbox_changes.removed, 1, "the row the service does not have went");
    let others: Vec<_> = report.resources.iter().filter(|c| c.id != inbox.id && (c.full || c.resynced)).collect();
    assert!(others.is_empty(), "only the Inbox starts over: {others:?}");
    assert_eq!(cached_mail(&cache), tenant_mail(&h));
    let asked = requests(&h);
    let gone = asked
        .iter()
        .filter(|r| {
            r.contains(&format!("/mailFolders/{}/messages/delta?$select", inbox.id)) || r.contains("$deltatoken")
        })
        .count();
    assert!(gone >= 2, "the refused delta request, then the fresh round: {asked:#?}");
    assert!(report.lines().iter().any(|l| l.contains("lost the sync state")), "{:?}", report.lines());
}

fn cache_row(folder: &str) -> o365::domain::MessageSummary {
    o365::domain::MessageSummary {
        id: "x".into(),
        subject: "ghost".into(),
        folder_id: Some(folder.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_sync_keeps_going_from_a_rebuilt_cache() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let path = o365::cache::location::database_path(dir.path(), "work");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"garbage that is no database at all, not even close").unwrap();
    let opened = open_account(dir.path(), "work").unwrap();
    assert!(opened.notice.is_some());
    let mut cache = opened.cache;
    o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    assert_eq!(cached_mail(&cache), tenant_mail(&h));
    let names: BTreeSet<String> = cache.folders().unwrap().into_iter().map(|c| c.folder.name).collect();
    assert!(names.contains("Inbox"));
}

#[tokio::test]
async fn a_sync_of_changed_folders_asks_about_those_alone() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());
    o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    let folders: Vec<_> = cache.folders().unwrap().into_iter().map(|c| c.folder).collect();
    let archive = folders.into_iter().find(|f| f.id != inbox.id && cache.message_count(&f.id).unwrap() > 0).unwrap();
    let id = cache.messages(&inbox.id, 0, 1, false).unwrap().remove(0).id;
    client
        .send(Request::patch(client.resource_path(&format!("messages/{id}"))).with_json(json!({"isRead": false})))
        .await
        .unwrap();
    client
        .send(Request::patch(client.resource_path(&format!("messages/{id}"))).with_json(json!({"isRead": true})))
        .await
        .unwrap();
    // A flag set in another folder moves no folder count: only asking that folder finds it.
    let flagged = cache.messages(&archive.id, 0, 1, false).unwrap().remove(0).id;
    let flag = json!({"flag": {"flagStatus": "flagged"}});
    client.send(Request::patch(client.resource_path(&format!("messages/{flagged}"))).with_json(flag)).await.unwrap();

    h.clear_seen();
    let changed_only = MailScope::Changed { also: Vec::new() };
    let report = o365::sync::mail::sync_mail(&client, &mut cache, &changed_only).await.unwrap();
    let asked = requests(&h);
    assert_eq!(asked.len(), 2, "the folder tree and the Inbox: {asked:#?}");
    assert!(asked[1].contains(&format!("/mailFolders/{}/messages/delta", inbox.id)), "{asked:#?}");
    assert_eq!(report.resources.len(), 1);
    assert!(!cache.message(&flagged).unwrap().unwrap().is_flagged, "that folder was not asked");

    let open_archive = MailScope::Changed { also: vec![archive.id.clone()] };
    o365::sync::mail::sync_mail(&client, &mut cache, &open_archive).await.unwrap();
    assert!(cache.message(&flagged).unwrap().unwrap().is_flagged, "the open folder is always asked");
    assert_eq!(cached_mail(&cache), tenant_mail(&h));
}

/// New mail for the notices: none on the first sync (what the Inbox held was there before),
/// then each unread message that arrives, named by sender and subject.
#[tokio::test]
async fn only_mail_arriving_after_the_first_sync_is_new() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());
    let first =
        o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Changed { also: Vec::new() }).await.unwrap();
    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    assert!(cache.messages(&inbox.id, 0, 200, false).unwrap().iter().any(|m| !m.is_read), "the Inbox has unread mail");
    assert_eq!((first.new_in_inbox, first.new_in_inbox_named.len()), (0, 0), "the first sync brings no new mail");

    let me = crate::mail_harness::my_address(&h.state);
    let mail =
        json!({"message": {"subject": "Lunch <b>today</b>?", "toRecipients": [{"emailAddress": {"address": me}}]}});
    client.send(Request::post(client.resource_path("sendMail")).with_json(mail)).await.unwrap();
    let second =
        o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Changed { also: Vec::new() }).await.unwrap();
    assert_eq!(second.new_in_inbox, 1, "{:?}", second.lines());
    assert_eq!(second.new_in_inbox_named[0].subject, "Lunch <b>today</b>?");
    assert!(!second.new_in_inbox_named[0].from.is_empty());

    let third =
        o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Changed { also: Vec::new() }).await.unwrap();
    assert_eq!(third.new_in_inbox, 0, "known mail is not new twice");
}

/// `prefetch_bodies`: after a sync the newest N messages of each folder synced open from the
/// cache (offline too), each asked for once; a later run asks for none of them again.
#[tokio::test]
async fn the_newest_bodies_are_fetched_ahead_once() {
    let h = start().await;
    let client = h.client();
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());
    let mut report = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    let delta_requests = report.requests;
    h.clear_seen();
    o365::sync::prefetch::prefetch_bodies(&client, &mut cache, &mut report, 3).await.unwrap();

    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    let newest: Vec<String> = cache.messages(&inbox.id, 0, 4, false).unwrap().into_iter().map(|m| m.id).collect();
    for id in &newest[..3] {
        assert!(cache.cached_message(id).unwrap().is_some(), "{id} opens from the cache");
    }
    assert!(cache.cached_message(&newest[3]).unwrap().is_none(), "the fourth is not kept");
    let asked = requests(&h);
    let bodies = asked.iter().filter(|r| r.starts_with("GET ") && !r.contains("/attachments")).count();
    assert_eq!(bodies, report.bodies_fetched, "one GET per body: {asked:#?}");
    assert!(bodies >= 3, "{asked:#?}");
    assert_eq!(report.requests - delta_requests, asked.len(), "the report counts them");
    assert!(report.lines().iter().any(|l| l == &format!("mail: {bodies} bodies kept for reading offline")));

    h.clear_seen();
    let mut again = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.unwrap();
    o365::sync::prefetch::prefetch_bodies(&client, &mut cache, &mut again, 3).await.unwrap();
    assert_eq!(again.bodies_fetched, 0);
    assert!(requests(&h).iter().all(|r| r.contains("/delta?")), "no body asked again: {:#?}", requests(&h));
}
