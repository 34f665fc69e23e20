//! Delta queries on mail: the first round pages through a folder and ends with a deltaLink; the
//! next round from it gives only what changed (new, changed, moved out, deleted); tokens that
//! are unknown, for another folder or expired get 410 `syncStateNotFound`.
use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::SharedState;
use crate::server::testing::{Answer, bare_state, call};

use super::ROOT;

/// Follows a delta round from `url` to its deltaLink: every item by id (the last one wins, as a
/// client merges), the number of pages, and the deltaLink (path and query, origin removed).
async fn round(state: &SharedState, url: &str, page_size: usize) -> (BTreeMap<String, Value>, usize, String) {
    let prefer = format!("odata.maxpagesize={page_size}");
    let mut url = url.to_owned();
    let mut items = BTreeMap::new();
    let mut pages = 0;
    loop {
        let answer = call(state, "GET", &url, None, &[("Prefer", &prefer)]).await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        let body = answer.json();
        pages += 1;
        assert!(body["value"].as_array().unwrap().len() <= page_size);
        for item in body["value"].as_array().unwrap() {
            items.insert(item["id"].as_str().unwrap().to_owned(), item.clone());
        }
        let relative = |link: &str| link.strip_prefix(&state.urls.origin).expect("absolute link").to_owned();
        if let Some(next) = body["@odata.nextLink"].as_str() {
            assert!(next.contains("$skiptoken=") && body.get("@odata.deltaLink").is_none(), "{next}");
            url = relative(next);
            continue;
        }
        let delta = body["@odata.deltaLink"].as_str().expect("the last page has a deltaLink");
        assert!(delta.contains("$deltatoken="), "{delta}");
        return (items, pages, relative(delta));
    }
}

fn is_removed(item: &Value) -> bool {
    item["@removed"]["reason"] == "deleted"
}

#[tokio::test]
async fn a_first_round_then_only_the_changes() {
    let state = bare_state();
    let start = format!("{ROOT}/me/mailFolders/inbox/messages/delta?$select=subject,isRead");
    let (items, pages, delta) = round(&state, &start, 10).await;
    assert_eq!((items.len(), pages), (25, 3), "25 Inbox messages in pages of 10");
    assert!(items.values().all(|m| m["@odata.type"] == "#microsoft.graph.message" && m.get("body").is_none()));
    assert_eq!(items["m04"]["subject"], "Message 04");
    assert!(delta.contains("$select=subject,isRead"), "the query stays in the link: {delta}");

    // Nothing changed: an empty page and a fresh deltaLink.
    let (same, pages, delta) = round(&state, &delta, 10).await;
    assert_eq!((same.len(), pages), (0, 1));

    // Read one, move one out, delete one, one arrives.
    let patched = call(&state, "PATCH", &format!("{ROOT}/me/messages/m03"), Some(json!({"isRead": true})), &[]).await;
    assert_eq!(patched.status, 200);
    let moved =
        call(&state, "POST", &format!("{ROOT}/me/messages/m05/move"), Some(json!({"destinationId": "archive"})), &[])
            .await;
    assert_eq!(moved.status, 201);
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/messages/m06"), None, &[]).await.status, 204);
    let draft = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/inbox/messages"),
        Some(json!({"subject": "New here"})),
        &[],
    )
    .await;
    let new_id = draft.json()["id"].as_str().unwrap().to_owned();

    let (changes, _, delta) = round(&state, &delta, 2).await;
    assert_eq!(changes.len(), 4, "{changes:?}");
    assert_eq!(changes["m03"]["isRead"], true);
    assert!(is_removed(&changes["m05"]) && is_removed(&changes["m06"]));
    assert_eq!(changes[&new_id]["subject"], "New here");

    // The Archive's own round sees the moved message arrive.
    let (archive, _, _) = round(&state, &format!("{ROOT}/me/mailFolders/archive/messages/delta"), 10).await;
    assert!(archive.values().any(|m| m["subject"] == "Message 05" && !is_removed(m)));

    let (after, _, _) = round(&state, &delta, 10).await;
    assert!(after.is_empty(), "each change is given once");
}

async fn gone(state: &SharedState, url: &str) -> Answer {
    let answer = call(state, "GET", url, None, &[]).await;
    assert_eq!((answer.status.as_u16(), answer.error_code().as_str()), (410, "syncStateNotFound"), "{url}");
    answer
}

#[tokio::test]
async fn unknown_foreign_and_expired_tokens_are_gone() {
    let state = bare_state();
    let (_, _, inbox_delta) = round(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/delta"), 50).await;
    let (_, _, sent_delta) = round(&state, &format!("{ROOT}/me/mailFolders/sentitems/messages/delta"), 50).await;
    gone(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/delta?$deltatoken=bogus")).await;
    let token = inbox_delta.split("$deltatoken=").nth(1).unwrap();
    gone(&state, &format!("{ROOT}/me/mailFolders/drafts/messages/delta?$deltatoken={token}")).await;

    let inbox = state.read_tenant().resolve_folder("inbox").unwrap();
    state.write_tenant().messages.changes.expire(&inbox);
    gone(&state, &inbox_delta).await;
    let (_, _, _) = round(&state, &sent_delta, 50).await;
    let (fresh, _, _) = round(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/delta"), 50).await;
    assert_eq!(fresh.len(), 25, "a new first round works after the expiry");
}

#[tokio::test]
async fn the_folder_tree_round_and_its_changes() {
    let state = bare_state();
    let (folders, _, delta) = round(&state, &format!("{ROOT}/me/mailFolders/delta"), 3).await;
    let names: Vec<&str> = folders.values().map(|f| f["displayName"].as_str().unwrap()).collect();
    assert!(names.contains(&"Projects") && names.contains(&"Inbox"), "{names:?}");
    assert!(!names.contains(&"Top of Information Store") && !names.contains(&"Conversation History"));
    assert_eq!(folders["f-inbox"]["totalItemCount"], 25);

    let made =
        call(&state, "POST", &format!("{ROOT}/me/mailFolders"), Some(json!({"displayName": "Receipts"})), &[]).await;
    let made = made.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/mailFolders/f-projects"), None, &[]).await.status, 204);
    assert_eq!(
        call(&state, "PATCH", &format!("{ROOT}/me/messages/m00"), Some(json!({"isRead": true})), &[]).await.status,
        200
    );

    let (changes, _, _) = round(&state, &delta, 10).await;
    assert_eq!(changes[&made]["displayName"], "Receipts");
    assert!(is_removed(&changes["f-projects"]));
    assert_eq!(changes["f-inbox"]["unreadItemCount"], 8, "the Inbox's counts changed");
    assert!(!changes.contains_key("f-sent"), "{changes:?}");
}

#[tokio::test]
async fn the_request_log_names_each_request() {
    let state = bare_state();
    state.faults.log.clear();
    let _ = round(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/delta"), 10).await;
    let log = state.faults.log.lines();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0], format!("GET {ROOT}/me/mailFolders/inbox/messages/delta"));
    assert!(log[1].contains("$skiptoken="), "{log:?}");
}

/// `o365 sim --expire-delta-every N`: the Nth resume from a deltaLink loses that folder's sync
/// state (and it stays lost); other folders keep theirs; first rounds and their pages are not
/// counted, so the resync goes through.
#[tokio::test]
async fn the_expiry_knob_loses_one_resources_sync_state_every_nth_resume() {
    let state = bare_state();
    let options = crate::faults::FaultOptions { expire_delta_every: Some(3), ..Default::default() };
    state.faults.set_options(options);
    let inbox_start = format!("{ROOT}/me/mailFolders/inbox/messages/delta");
    let (_, _, inbox) = round(&state, &inbox_start, 10).await;
    let (_, _, sent) = round(&state, &format!("{ROOT}/me/mailFolders/sentitems/messages/delta"), 10).await;
    let (_, _, inbox) = round(&state, &inbox, 10).await;
    let (_, _, sent) = round(&state, &sent, 10).await;
    gone(&state, &inbox).await;
    gone(&state, &inbox).await;
    let (_, _, _) = round(&state, &sent, 10).await;
    let (fresh, pages, _) = round(&state, &inbox_start, 10).await;
    assert_eq!((fresh.len(), pages), (25, 3), "a new first round, every page of it, goes through");
}
