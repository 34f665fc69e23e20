//! Benchmark of the local cache (issue 10) against an in-process simulated tenant of 100,000
//! messages: the first sync (every page), the first paint's reads from the warm cache (open the
//! file, the folder tree, the Inbox's first page, as the interface's worker does before its first
//! frame), local full-text search over every header and as a word is typed in the interface
//! (each prefix over the Inbox), and an incremental sync after 10 changes
//! (its requests counted by the tenant; the goal is at most 3 per changed folder).
//!
//! Run with `cargo bench --bench cache` (optionally `-- --messages N`). The first paint here is
//! the cache's share, measured in process; the goal of issue 10 (50 ms from process start to a
//! frame with rows, in a pseudo-terminal) also counts the binary's start and the first draw.
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use o365::cache::open::open_account;
use o365::sync::mail::MailScope;
use o365_graph::auth::{AccountTokenProvider, LoginCallbacks, login};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::{AccountSettings, AuthFlow};
use o365_sim::{self as sim, DEMO_CLIENT_ID, SimOptions};
use serde_json::json;
use url::Url;

fn main() {
    let Some(args) = bench::bench_args("cache", "cargo bench --bench cache") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(100_000usize);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(run(messages));
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

async fn run(messages: usize) {
    let options =
        SimOptions { messages, device_code_interval: 0, auto_approve_device_codes: true, ..SimOptions::default() };
    let sim = sim::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), options).await.expect("start the simulator");
    let dir = std::env::temp_dir().join(format!("o365-bench-cache-{}", std::process::id()));
    let paths = dir.join("tokens");
    let mut account = AccountSettings::with_defaults(DEMO_CLIENT_ID);
    account.auth_flow = AuthFlow::DeviceCode;
    account.graph_url = Url::parse(&sim.urls().graph_url()).expect("graph url");
    account.authority_url = Url::parse(&sim.urls().authority_url()).expect("authority url");
    let quiet = |_: &o365_graph::auth::device_code::DeviceCodePrompt| {};
    let no_browser = |_: &Url| {};
    login("bench", &account, &paths, &LoginCallbacks::new(&quiet, &no_browser)).await.expect("sign in");
    let tokens = Arc::new(AccountTokenProvider::new("bench", &account, &paths).expect("tokens"));
    let client =
        GraphClient::new(ClientOptions { graph_url: account.graph_url.to_string(), ..Default::default() }, tokens)
            .expect("client");

    // The first sync: every folder, every page.
    let mut cache = open_account(&dir, "bench").expect("open the cache").cache;
    let start = Instant::now();
    let first = o365::sync::mail::sync_mail(&client, &mut cache, &MailScope::Every).await.expect("first sync");
    let first_time = start.elapsed();
    let inbox = cache.find_folder("inbox").expect("read").expect("an Inbox");
    let cached = cache.message_count(&inbox.id).expect("count");
    drop(cache);

    // The first paint's reads, from a warm cache opened anew each time.
    let paints: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let cache = open_account(&dir, "bench").expect("open").cache;
            let folders = cache.folders().expect("folders");
            let inbox = cache.find_folder("inbox").expect("inbox").expect("an Inbox");
            let rows = cache.messages(&inbox.id, 0, 100, false).expect("rows");
            assert!(!folders.is_empty() && rows.len() == 100.min(cached));
            start.elapsed()
        })
        .collect();

    // Local search: words of subjects, and a prefix as typed.
    let cache = open_account(&dir, "bench").expect("open").cache;
    let words: Vec<String> = cache
        .messages(&inbox.id, 0, 20, false)
        .expect("rows")
        .iter()
        .filter_map(|m| m.subject.split_whitespace().max_by_key(|w| w.len()).map(str::to_owned))
        .collect();
    let mut searches = Vec::new();
    let mut found = 0;
    for word in words.iter().chain(std::iter::once(&"proj".to_owned())) {
        let start = Instant::now();
        found += cache.search(word, None, 100).expect("search").len();
        searches.push(start.elapsed());
    }
    // As the interface searches while a word is typed: each prefix, one letter more at a time,
    // over the Inbox, up to the interface's number of rows (short prefixes match the most).
    let mut keystrokes = Vec::new();
    for word in words.iter().take(5) {
        let typed = word.char_indices().map(|(i, c)| i + c.len_utf8());
        // From the second letter on, as the interface asks (`local_search::TYPED_FROM`).
        for end in typed.skip(o365::tui::update::LOCAL_SEARCH_TYPED_FROM - 1) {
            let start = Instant::now();
            let limit = o365::tui::worker::cached::LOCAL_SEARCH_LIMIT;
            cache.search(&word[..end], Some(&inbox.id), limit).expect("search");
            keystrokes.push(start.elapsed());
        }
    }
    drop(cache);

    // Ten changes in the Inbox: 4 read, 3 deleted, 3 arrived; then an incremental sync.
    {
        let mut tenant = sim.state.tenant.write().expect("tenant");
        let ids: Vec<String> = tenant.messages.ids_in(&inbox.id).iter().take(7).map(|id| id.to_string()).collect();
        for id in &ids[..4] {
            tenant.messages.update(id, |m| m["isRead"] = json!(true));
        }
        for id in &ids[4..] {
            tenant.messages.remove(id);
        }
        for n in 0..3 {
            let id = tenant.mint_id("msg");
            tenant.messages.insert(json!({"id": id, "parentFolderId": inbox.id, "subject": format!("New {n}"),
                "isRead": false, "receivedDateTime": "2030-01-01T00:00:00Z"}));
        }
    }
    let mut cache = open_account(&dir, "bench").expect("open").cache;
    sim.state.faults.reset_requests();
    let start = Instant::now();
    // As the interface syncs: the folder tree, then the folders it says changed.
    let scope = MailScope::Changed { also: Vec::new() };
    let again = o365::sync::mail::sync_mail(&client, &mut cache, &scope).await.expect("incremental sync");
    let again_time = start.elapsed();
    let requests = sim.state.faults.requests() as usize;
    let changed = again.resources.iter().filter(|c| !c.is_empty()).count().max(1);
    let folders = again.resources.len();
    let inbox_changes = again.resources.iter().find(|c| c.id == inbox.id).expect("the Inbox synced");
    assert_eq!((inbox_changes.added, inbox_changes.updated, inbox_changes.removed), (3, 4, 3), "{inbox_changes:?}");
    sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);

    println!("cache: {messages} messages, {cached} in the Inbox");
    println!("  first sync            : {:>8.1} ms, {} requests", first_time.as_secs_f64() * 1e3, first.requests);
    println!("  first paint's reads   : {:>8.2} ms median of 15 (open, folder tree, 100 Inbox rows)", median(paints));
    println!(
        "  local search          : {:>8.2} ms median of {} queries ({found} rows found; goal: at most 20 ms)",
        median(searches.clone()),
        searches.len()
    );
    let slowest = keystrokes.iter().max().copied().unwrap_or_default();
    println!(
        "  search as typed       : {:>8.2} ms median, {:.2} ms slowest of {} keystrokes (each prefix of 5 words from 2 letters)",
        median(keystrokes.clone()),
        slowest.as_secs_f64() * 1e3,
        keystrokes.len()
    );
    println!(
        "  sync after 10 changes : {:>8.1} ms, {requests} requests, {folders} folder(s) asked, {changed} changed \
         (goal: at most 3 per changed folder)",
        again_time.as_secs_f64() * 1e3
    );
    assert!(requests <= 3 * changed, "goal missed");
}
