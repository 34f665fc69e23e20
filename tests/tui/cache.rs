//! The interface on the local cache (issue 10), headless with the real worker: the Inbox paints
//! from the cache with no listing request, then a sync runs by delta; with the tenant
//! unreachable the cached Inbox still shows, the status bar says offline, and a change is
//! refused with a notice; a local search is answered from the cache alone.
use o365::cache::open::open_account;
use o365::sync::mail::MailScope;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::action::{Action, Pane};
use o365::tui::driver::Driver;
use o365::tui::msg::Msg;
use o365::tui::store::Store;
use o365::tui::store::mail::ops::ListView;
use o365::tui::worker::Worker;
use o365::tui::worker::cached::CacheAccess;
use o365_graph::client::GraphClient;
use o365_sim::FaultOptions;

use crate::harness::{self, Harness};

/// A cache filled by a first sync, in `dir`.
pub(super) async fn filled_cache(h: &Harness, dir: &std::path::Path) -> Vec<String> {
    let mut cache = open_account(dir, "work").unwrap().cache;
    o365::sync::mail::sync_mail(&h.client(), &mut cache, &MailScope::Every).await.unwrap();
    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    cache.messages(&inbox.id, 0, 100, false).unwrap().into_iter().map(|m| m.id).collect()
}

pub(super) fn driver(client: GraphClient, dir: &std::path::Path, offline: bool) -> Driver {
    prefetching_driver(client, dir, offline, 0)
}

/// A driver whose syncs keep the bodies of the newest `prefetch` messages of each folder.
fn prefetching_driver(client: GraphClient, dir: &std::path::Path, offline: bool, prefetch: usize) -> Driver {
    let mut store = Store::new("work", chrono_tz::Tz::UTC, 140, 40);
    store.sync.cached = true;
    store.sync.forced_offline = offline;
    let mut cache = CacheAccess::new(open_account(dir, "work").unwrap().cache, offline);
    cache.prefetch_bodies = prefetch;
    Driver::with_worker(store, |sender| Worker::new(client, sender).with_cache(cache))
}

fn shown_ids(store: &Store) -> Vec<String> {
    store.mail.messages.ready().expect("a list").items.iter().map(|m| m.id.clone()).collect()
}

#[tokio::test]
async fn the_inbox_paints_from_the_cache_then_syncs_by_delta() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = filled_cache(&h, dir.path()).await;
    h.clear_seen();
    let mut tui = driver(h.client(), dir.path(), false);
    tui.apply(Action::Start);
    tui.settle(|s| s.mail.messages.ready().is_none() || s.sync.syncing).await;
    assert_eq!(shown_ids(&tui.store), cached, "the cached Inbox, newest first");
    assert!(tui.store.sync.synced_at(Pane::Mail).is_some() && !tui.store.sync.offline);
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    // The category list (for the list's coloured squares) is the one other request at start.
    let listings: Vec<&String> = asked.iter().filter(|t| !t.ends_with("/me/outlook/masterCategories")).collect();
    assert!(
        !listings.is_empty() && listings.iter().all(|t| t.contains("/delta") && t.contains("$deltatoken=")),
        "no listing, only delta pages: {asked:#?}"
    );
    assert!(tui.store.sync.status(chrono_tz::Tz::UTC, tui.store.pane).unwrap().starts_with("synced "));
}

#[tokio::test]
async fn an_unreachable_tenant_shows_the_cached_inbox_and_says_offline() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = filled_cache(&h, dir.path()).await;
    // Every Graph request has its connection cut without an answer: the service cannot be reached.
    h.faults().set_options(FaultOptions { drop_every: Some(1), ..FaultOptions::default() });
    let mut tui = driver(h.client(), dir.path(), false);
    tui.apply(Action::Start);
    tui.settle(|s| s.mail.messages.ready().is_none() || s.sync.syncing).await;
    assert_eq!(shown_ids(&tui.store), cached);
    assert!(
        tui.store.sync.offline && tui.store.sync.synced_at(Pane::Mail).is_none(),
        "the sync could not reach the service: {:?}",
        tui.store.notice
    );
    assert!(
        tui.store.sync.status(chrono_tz::Tz::UTC, tui.store.pane).unwrap().starts_with("offline"),
        "the status bar says offline"
    );

    tui.apply(Action::FocusNext);
    tui.apply(Action::Mail(MailOp::ToggleRead));
    let notice = tui.store.notice.clone().expect("a notice");
    assert!(notice.is_error && notice.text.starts_with("Offline:"), "{notice:?}");
    assert!(tui.store.mail.ops.pending.is_empty(), "nothing was sent");
}

#[tokio::test]
async fn offline_by_choice_never_asks_the_service() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = filled_cache(&h, dir.path()).await;
    h.clear_seen();
    let mut tui = driver(h.client(), dir.path(), true);
    tui.apply(Action::Start);
    tui.until(|m| matches!(m, Msg::Messages { .. })).await;
    assert_eq!(shown_ids(&tui.store), cached);
    assert!(tui.store.sync.offline && !tui.store.sync.syncing);
    assert!(h.graph_requests().is_empty(), "{:?}", h.graph_requests());
}

/// The local search as it is typed, through the real worker and cache: each keystroke is
/// answered from the cache's full-text index, the service is never asked, and the list shows
/// what the cache holds for the text typed last.
#[tokio::test]
async fn a_local_search_is_answered_from_the_cache_as_it_is_typed() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    filled_cache(&h, dir.path()).await;
    let mut tui = driver(h.client(), dir.path(), false);
    tui.apply(Action::Start);
    tui.settle(|s| s.mail.messages.ready().is_none() || s.sync.syncing).await;
    let first = tui.store.mail.messages.ready().unwrap().items[0].clone();
    let word: String = first.subject.split_whitespace().max_by_key(|w| w.len()).unwrap().to_lowercase();
    h.clear_seen();

    tui.apply(Action::FocusNext);
    tui.apply(Action::Mail(MailOp::Search));
    tui.apply(Action::TextComplete);
    for c in word.chars() {
        tui.apply(Action::TextInput(c));
    }
    tui.settle(|s| s.mail.ops.local_search.awaiting.is_some()).await;
    let shown = shown_ids(&tui.store);
    assert!(shown.contains(&first.id), "{word:?} finds {:?}: {shown:?}", first.subject);
    assert!(
        matches!(tui.store.mail.shown_view(), ListView::Search { text, local: true, .. } if *text == word),
        "{:?}",
        tui.store.mail.shown_view()
    );
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    assert!(
        asked.iter().all(|t| !t.contains("search") && !t.contains("/messages")),
        "no search or listing asked of the service: {asked:#?}"
    );
}

/// `prefetch_bodies`: the interface's first sync (every folder) keeps the newest bodies of each,
/// so the newest message opens later with the service out of reach, and one further down does
/// not.
#[tokio::test]
async fn bodies_fetched_ahead_by_a_sync_open_offline() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut tui = prefetching_driver(h.client(), dir.path(), false, 2);
    tui.apply(Action::Start);
    tui.settle(|s| s.mail.messages.ready().is_none() || s.sync.syncing).await;
    drop(tui);
    let cache = open_account(dir.path(), "work").unwrap().cache;
    let inbox = cache.find_folder("inbox").unwrap().unwrap();
    let cached: Vec<String> = cache.messages(&inbox.id, 0, 3, false).unwrap().into_iter().map(|m| m.id).collect();
    assert!(cache.cached_message(&cached[0]).unwrap().is_some(), "the newest was fetched ahead");
    assert!(cache.cached_message(&cached[1]).unwrap().is_some(), "the second newest was fetched ahead");
    assert!(cache.cached_message(&cached[2]).unwrap().is_none(), "the third was not");

    let mut offline = driver(h.client(), dir.path(), true);
    offline.apply(Action::Start);
    offline.until(|m| matches!(m, Msg::Messages { .. })).await;
    offline.apply(Action::FocusNext);
    offline.apply(Action::Open);
    let opened = offline.until(|m| matches!(m, Msg::Message { .. })).await;
    assert!(
        matches!(&opened, Msg::Message { result: Ok(full), .. } if full.message.summary.id == cached[0]),
        "{opened:?}"
    );
}
