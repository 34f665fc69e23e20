//! The Tasks, People, Calendar and Drive panes on the local cache (issue 10), headless with the
//! real worker: with the tenant unreachable each pane shows what the cache holds and the status
//! bar says offline, and a change in any pane is refused with a notice and leaves nothing
//! queued; with `--offline` the service is never asked; online, what a pane lists and a change
//! the service confirms are kept in the cache.
use std::collections::BTreeSet;

use o365::cache::open::open_account;
use o365::tui::action::{Action, Pane};
use o365::tui::driver::Driver;
use o365::tui::store::Store;
use o365::tui::store::people::Entry;
use o365_sim::FaultOptions;

use super::cache::{driver, filled_cache};
use crate::harness::{self, Harness};

/// A cache every workload was synced into, and what it holds for each pane.
struct Cached {
    lists: BTreeSet<String>,
    contacts: BTreeSet<String>,
    root: BTreeSet<String>,
    events: usize,
}

async fn fill_every_workload(h: &Harness, dir: &std::path::Path) -> Cached {
    filled_cache(h, dir).await;
    let mut cache = open_account(dir, "work").unwrap().cache;
    let client = h.client();
    o365::sync::todo::sync_todo(&client, &mut cache).await.unwrap();
    o365::sync::contacts::sync_contacts(&client, &mut cache).await.unwrap();
    o365::sync::drive::sync_drive(&client, &mut cache).await.unwrap();
    o365::sync::calendar::sync_calendar(&client, &mut cache, harness::anchor()).await.unwrap();
    let default_folder = cache.default_contact_folder().unwrap().expect("the default folder's id");
    let root = cache.drive_root("me").unwrap().expect("the drive's root");
    Cached {
        lists: cache.todo_lists().unwrap().into_iter().map(|l| l.id).collect(),
        contacts: cache.contacts(&default_folder).unwrap().into_iter().map(|c| c.id).collect(),
        root: cache.drive_children(&root).unwrap().into_iter().map(|i| i.name).collect(),
        events: cache.events().unwrap().len(),
    }
}

fn loading(s: &Store) -> bool {
    s.tasks.lists.is_loading()
        || s.tasks.tasks.is_loading()
        || s.people.sources.is_loading()
        || s.people.entries.is_loading()
        || s.calendar.agenda.is_loading()
        || s.drive.children.is_loading()
        || s.mail.messages.ready().is_none()
        || s.sync.syncing
}

async fn open_every_pane(tui: &mut Driver) {
    tui.store.calendar.today = Some(harness::anchor().date_naive());
    tui.apply(Action::Start);
    tui.settle(loading).await;
    for pane in [Pane::Tasks, Pane::People, Pane::Calendar, Pane::Drive] {
        tui.apply(Action::ShowPane(pane));
        tui.settle(loading).await;
    }
}

fn shown(tui: &Driver) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>, usize) {
    let s = &tui.store;
    let lists = s.tasks.lists.ready().expect("the lists").iter().map(|l| l.id.clone()).collect();
    let contacts = s
        .people
        .entries
        .ready()
        .expect("the default folder's people")
        .iter()
        .filter_map(|e| match e {
            Entry::Contact(c) => Some(c.id.clone()),
            Entry::Colleague(_) => None,
        })
        .collect();
    let root = s.drive.children.ready().expect("the drive's root").iter().map(|e| e.item.name.clone()).collect();
    let events = s.calendar.agenda.ready().expect("the period's events").events.len();
    (lists, contacts, root, events)
}

#[tokio::test]
async fn an_unreachable_tenant_shows_every_panes_cache_and_refuses_every_change() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = fill_every_workload(&h, dir.path()).await;
    h.faults().set_options(FaultOptions { drop_every: Some(1), ..FaultOptions::default() });
    let mut tui = driver(h.client(), dir.path(), false);
    open_every_pane(&mut tui).await;

    let (lists, contacts, root, events) = shown(&tui);
    assert_eq!(lists, cached.lists, "To Do lists");
    assert_eq!(contacts, cached.contacts, "the default folder's contacts");
    assert_eq!(root, cached.root, "the drive's root");
    assert!(events > 0 && events <= cached.events, "the period's events of the cached window: {events}");
    let open = tui.store.tasks.open_list.clone().expect("a list opened");
    let tasks = tui.store.tasks.tasks.ready().expect("its tasks").len();
    let in_cache = open_account(dir.path(), "work").unwrap().cache.todo_tasks(&open).unwrap().len();
    assert_eq!(tasks, in_cache, "the open list's tasks");
    assert!(tui.store.sync.offline, "offline: {:?}", tui.store.notice);
    assert!(tui.store.sync.status(chrono_tz::Tz::UTC, tui.store.pane).unwrap().starts_with("offline"));

    // A task marked done: refused, put back, nothing queued.
    tui.apply(Action::ShowPane(Pane::Tasks));
    tui.apply(Action::FocusNext);
    let before = tui.store.tasks.selected_task().cloned().expect("a task");
    tui.apply(Action::ToggleDone);
    refused(&tui, "task");
    assert_eq!(tui.store.tasks.selected_task(), Some(&before), "the task as it was");
    assert!(!tui.store.tasks.writes.is_busy());
    // A file renamed: refused before anything is asked.
    tui.apply(Action::ShowPane(Pane::Drive));
    tui.apply(Action::Rename);
    refused(&tui, "Renaming");
    assert!(tui.store.prompt.is_none(), "no question asked");
}

fn refused(tui: &Driver, what: &str) {
    let notice = tui.store.notice.clone().expect("a notice");
    assert!(notice.is_error && notice.text.contains("Offline:"), "{what}: {notice:?}");
}

#[tokio::test]
async fn offline_by_choice_opens_every_pane_from_the_cache_without_a_request() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = fill_every_workload(&h, dir.path()).await;
    h.clear_seen();
    let mut tui = driver(h.client(), dir.path(), true);
    open_every_pane(&mut tui).await;
    let (lists, contacts, root, _) = shown(&tui);
    assert_eq!((lists, contacts, root), (cached.lists, cached.contacts, cached.root));
    assert!(h.graph_requests().is_empty(), "{:?}", h.graph_requests());
}

#[tokio::test]
async fn what_panes_list_online_is_kept_for_offline() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    // Only mail was synced: the other panes' data comes into the cache as they list it.
    filled_cache(&h, dir.path()).await;
    let mut online = driver(h.client(), dir.path(), false);
    open_every_pane(&mut online).await;
    let (lists, contacts, root, events) = shown(&online);
    assert!(!online.store.sync.offline);
    drop(online);

    let mut offline = driver(h.client(), dir.path(), true);
    open_every_pane(&mut offline).await;
    let (cached_lists, cached_contacts, cached_root, cached_events) = shown(&offline);
    assert_eq!((cached_lists, cached_contacts, cached_root), (lists, contacts, root));
    assert!(cached_events > 0 && cached_events <= events, "the default calendar's events: {cached_events} of {events}");
}

#[tokio::test]
async fn a_change_the_service_confirmed_is_kept_in_the_cache() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    fill_every_workload(&h, dir.path()).await;
    let mut tui = driver(h.client(), dir.path(), false);
    open_every_pane(&mut tui).await;
    tui.apply(Action::ShowPane(Pane::Tasks));
    tui.apply(Action::FocusNext);
    let list = tui.store.tasks.open_list.clone().expect("a list");
    let task = tui.store.tasks.selected_task().cloned().expect("a task");
    tui.apply(Action::ToggleDone);
    tui.settle(|s| s.tasks.writes.is_busy()).await;
    let in_tenant = h.state.read_tenant().todo_tasks.get(&task.id).unwrap()["status"].as_str().unwrap().to_owned();
    let cache = open_account(dir.path(), "work").unwrap().cache;
    let kept = cache.todo_tasks(&list).unwrap().into_iter().find(|t| t.id == task.id).expect("the task in the cache");
    assert_ne!(kept.status, task.status, "the cache took the change");
    assert_eq!(kept.status.as_str(), in_tenant, "as the tenant has it");
}

/// The interface's sync keeps the workloads `o365 sync` filled the cache with current too, by
/// their deltaLinks (no listing request).
#[tokio::test]
async fn the_interfaces_sync_keeps_the_other_workloads_current_by_delta() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cached = fill_every_workload(&h, dir.path()).await;
    let list = cached.lists.iter().next().unwrap().clone();
    let task = open_account(dir.path(), "work").unwrap().cache.todo_tasks(&list).unwrap()[0].id.clone();
    let patch = o365_graph::dto::TaskPatch { title: Some("Renamed since".into()), ..Default::default() };
    o365_graph::todo::update_task(&h.client(), &list, &task, &patch).await.unwrap();
    h.clear_seen();
    let mut tui = driver(h.client(), dir.path(), false);
    tui.apply(Action::Start);
    tui.settle(|s| s.mail.messages.ready().is_none() || s.sync.syncing).await;
    // Each pane's status bar says when its own data synced: every one was filled before.
    for pane in Pane::ALL {
        assert!(tui.store.sync.synced_at(pane).is_some(), "{pane:?} not synced: {:?}", tui.store.notice);
    }
    let cache = open_account(dir.path(), "work").unwrap().cache;
    let kept = cache.todo_tasks(&list).unwrap().into_iter().find(|t| t.id == task).unwrap();
    assert_eq!(kept.title, "Renamed since");
    let asked: Vec<String> = h.graph_requests().iter().map(|s| s.target.clone()).collect();
    // The calendar's window follows the interface's clock, which this process does not pin: a
    // window other than the one filled starts over, as it should.
    let listings: Vec<&String> = asked
        .iter()
        .filter(|t| !t.ends_with("/me/outlook/masterCategories") && !t.contains("/calendarView/delta"))
        .collect();
    assert!(
        listings.iter().all(|t| t.contains("/delta") && (t.contains("$deltatoken=") || t.contains("token="))),
        "only delta pages from stored links: {asked:#?}"
    );
    assert!(listings.iter().any(|t| t.contains("/todo/lists/")), "To Do was synced: {asked:#?}");
}
