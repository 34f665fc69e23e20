//! The TUI worker against the simulated tenant: effects become Graph calls and come back as
//! messages; pages follow nextLinks one at a time; identical loads in flight are coalesced;
//! a newer load in the same slot cancels the older; failures come back as text, and a sign-out
//! in another process is announced.
use crate::harness;

use o365::tui::effect::{Effect, LoadKey, Slot};
use o365::tui::msg::Msg;
use o365::tui::worker::{MESSAGES_PAGE, Worker};
use o365_sim::faults::{FaultKind, Gate};
use tokio::sync::mpsc;

fn inbox_id(h: &harness::Harness) -> String {
    h.state.tenant.read().unwrap().well_known_folders["inbox"].clone()
}

fn is_top_folders(path: &str) -> bool {
    path.ends_with("/mailFolders")
}

#[tokio::test]
async fn folders_then_pages_of_messages_follow_next_links() {
    let h = harness::start_with(harness::sim_options(400)).await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);

    worker.run(Effect::Load { generation: 1, key: LoadKey::Folders });
    let Some(Msg::Folders { generation: 1, result: Ok(rows) }) = messages.recv().await else { panic!("folders") };
    assert_eq!((rows[0].folder.name.as_str(), rows[0].depth), ("Inbox", 0));
    assert!(rows.iter().any(|r| r.depth == 2), "nested folders keep their depth");

    let folder_id = inbox_id(&h);
    worker.run(Effect::Load { generation: 2, key: LoadKey::Messages { folder_id: folder_id.clone() } });
    let Some(Msg::Messages { generation: 2, result: Ok(first) }) = messages.recv().await else { panic!("page") };
    assert_eq!(first.items.len(), MESSAGES_PAGE);
    let next_link = first.next_link.clone().expect("a 400-message tenant has more than one inbox page");
    assert!(first.items.windows(2).all(|w| w[0].received >= w[1].received), "newest first");

    worker.run(Effect::Load { generation: 3, key: LoadKey::MoreMessages { folder_id, next_link, to_end: false } });
    let Some(Msg::MoreMessages { generation: 3, result: Ok(second) }) = messages.recv().await else { panic!("more") };
    assert!(!second.items.is_empty());
    assert!(second.items.iter().all(|m| first.items.iter().all(|f| f.id != m.id)), "no repeats");
    assert!(first.items.last().unwrap().received >= second.items[0].received);
    let pages: Vec<_> = h.graph_requests().into_iter().filter(|s| s.path().ends_with("/messages")).collect();
    assert_eq!(pages.len(), 2, "one request per page asked for");
}

#[tokio::test]
async fn identical_loads_in_flight_are_coalesced_and_answer_with_the_newest_generation() {
    let h = harness::start().await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    // The first load reaches the tenant and is held there; only then is the same thing asked
    // for twice more. Joined, those asks send nothing; a worker that started them over would
    // cancel the first and fetch again.
    let gate = Gate::default();
    h.faults().fail_next_matching(1, "/mailFolders", FaultKind::Hold(gate.clone()));
    worker.run(Effect::Load { generation: 1, key: LoadKey::Folders });
    gate.arrived().await;
    for generation in [2, 3] {
        worker.run(Effect::Load { generation, key: LoadKey::Folders });
    }
    gate.release();
    let Some(Msg::Folders { generation, result: Ok(_) }) = messages.recv().await else { panic!("folders") };
    assert_eq!(generation, 3);
    drop(worker);
    assert!(messages.recv().await.is_none(), "one answer for the three asks");
    let top = h.graph_requests().into_iter().filter(|s| is_top_folders(s.path())).count();
    assert_eq!(top, 1, "the folder list was fetched once");
}

#[tokio::test]
async fn a_newer_load_in_the_same_slot_cancels_the_older() {
    let h = harness::start().await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    let inbox = inbox_id(&h);
    let sent = h.state.tenant.read().unwrap().well_known_folders["sentitems"].clone();
    worker.run(Effect::Load { generation: 1, key: LoadKey::Messages { folder_id: inbox.clone() } });
    worker.run(Effect::Load { generation: 2, key: LoadKey::Messages { folder_id: sent.clone() } });
    let Some(Msg::Messages { generation: 2, result: Ok(page) }) = messages.recv().await else { panic!("sent") };
    assert!(page.items.iter().all(|m| m.folder_id.as_deref() == Some(sent.as_str())));
    drop(worker);
    assert!(messages.recv().await.is_none(), "the inbox load was cancelled, not answered");
    let asked: Vec<String> = h.graph_requests().into_iter().map(|s| s.path().to_owned()).collect();
    assert!(asked.iter().all(|p| !p.contains(&inbox)), "the cancelled load never reached the service: {asked:?}");

    // Cancel without a replacement: nothing answers.
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    worker.run(Effect::Load { generation: 5, key: LoadKey::Messages { folder_id: inbox } });
    worker.run(Effect::Cancel(Slot::MessageList));
    drop(worker);
    assert!(messages.recv().await.is_none());
}

#[tokio::test]
async fn failures_come_back_as_text() {
    let h = harness::start().await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    worker.run(Effect::Load { generation: 1, key: LoadKey::Message { id: "no-such-message".into() } });
    let Some(Msg::Message { generation: 1, result: Err(reason) }) = messages.recv().await else { panic!("error") };
    assert!(reason.text.contains("404") && reason.is_not_found(), "{reason:?}");

    let foreign = "https://evil.example/graph/v1.0/me/messages?$skiptoken=x".to_owned();
    worker.run(Effect::Load {
        generation: 2,
        key: LoadKey::MoreMessages { folder_id: inbox_id(&h), next_link: foreign, to_end: false },
    });
    let Some(Msg::MoreMessages { generation: 2, result: Err(reason) }) = messages.recv().await else {
        panic!("refused")
    };
    assert!(reason.text.contains("not the Graph host"), "{reason}");
}

/// Issue 14: `o365 logout` in another process while the TUI runs. The failed load comes back
/// as its message, then `Msg::SignedOut` so the status bar can say what happened.
#[tokio::test]
async fn a_sign_out_elsewhere_fails_the_load_and_is_announced() {
    let h = harness::start().await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    worker.run(Effect::Load { generation: 1, key: LoadKey::Folders });
    let Some(Msg::Folders { generation: 1, result: Ok(_) }) = messages.recv().await else { panic!("folders") };

    assert!(o365_graph::auth::logout("work", &h.account, &h.tokens).await.unwrap());
    worker.run(Effect::Load { generation: 2, key: LoadKey::Messages { folder_id: inbox_id(&h) } });
    let Some(Msg::Messages { generation: 2, result: Err(reason) }) = messages.recv().await else { panic!("error") };
    assert!(reason.text.contains("signed out in another o365 process"), "{reason}");
    assert_eq!(messages.recv().await, Some(Msg::SignedOut));
    assert!(h.graph_requests().iter().all(|s| !s.path().ends_with("/messages")), "nothing sent after the sign-out");
}

#[tokio::test]
async fn a_walk_to_the_end_asks_for_the_largest_page_from_where_the_link_points() {
    let h = harness::start_with(harness::sim_options(1_500)).await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    let folder_id = inbox_id(&h);
    worker.run(Effect::Load { generation: 1, key: LoadKey::Messages { folder_id: folder_id.clone() } });
    let Some(Msg::Messages { result: Ok(first), .. }) = messages.recv().await else { panic!("page") };
    let next_link = first.next_link.clone().expect("more than one page");
    h.clear_seen();
    worker.run(Effect::Load { generation: 2, key: LoadKey::MoreMessages { folder_id, next_link, to_end: true } });
    let Some(Msg::MoreMessages { result: Ok(more), .. }) = messages.recv().await else { panic!("more") };
    assert_eq!(more.items.len(), 1000, "Graph's largest message page");
    let seen = h.graph_requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].param("$top").as_deref(), Some("1000"));
    assert_eq!(seen[0].param("$skip").as_deref(), Some(MESSAGES_PAGE.to_string().as_str()), "the link's position kept");
    assert!(more.items.iter().all(|m| first.items.iter().all(|f| f.id != m.id)), "no repeats");
}
