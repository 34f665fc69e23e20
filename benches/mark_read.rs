//! Benchmark: mark 1,000 unread Inbox messages read through the bulk (`$batch`) path against an
//! in-process simulated tenant, and report the HTTP requests it took (the tenant's own counter;
//! the goal is at most 50) and the wall time.
//!
//! Run with `cargo bench --bench mark_read` (optionally `-- --messages N`, N ≥ 1000).
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use o365_graph::auth::{AccountTokenProvider, LoginCallbacks, login};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::mail::organise::{Change, apply};
use o365_graph::{AccountSettings, AuthFlow};
use o365_sim::{self as sim, DEMO_CLIENT_ID, SimOptions};
use serde_json::json;
use url::Url;

const MARKED: usize = 1_000;

fn main() {
    let Some(args) = bench::bench_args("mark_read", "cargo bench --bench mark_read") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(1_200usize).max(MARKED);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(run(messages));
}

async fn run(messages: usize) {
    let options =
        SimOptions { messages, device_code_interval: 0, auto_approve_device_codes: true, ..SimOptions::default() };
    let sim = sim::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), options).await.expect("start the simulator");
    let dir = std::env::temp_dir().join(format!("o365-bench-mark-read-{}", std::process::id()));
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

    let ids: Vec<String> = {
        let mut tenant = sim.state.tenant.write().expect("tenant");
        let inbox = tenant.resolve_folder("inbox").expect("an Inbox");
        let ids: Vec<String> = tenant.messages.ids_in(&inbox).iter().take(MARKED).map(|id| id.to_string()).collect();
        for id in &ids {
            tenant.messages.update(id, |m| m["isRead"] = json!(false));
        }
        ids
    };
    assert_eq!(ids.len(), MARKED, "not enough Inbox messages");

    sim.state.faults.reset_requests();
    let start = Instant::now();
    let outcomes = apply(&client, &ids, &Change::MarkRead(true), |_, _| {}).await.expect("mark read");
    let elapsed = start.elapsed();
    let requests = sim.state.faults.requests();
    let failed = outcomes.iter().filter(|o| !o.is_ok()).count();
    let still_unread = {
        let tenant = sim.state.tenant.read().expect("tenant");
        ids.iter().filter(|id| tenant.messages.get(id).is_some_and(|m| m["isRead"] == false)).count()
    };
    sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);

    println!("mark_read: {MARKED} messages marked read through $batch");
    println!("  HTTP requests : {requests} (goal: at most 50)");
    println!("  wall time     : {:.1} ms", elapsed.as_secs_f64() * 1e3);
    println!("  failed        : {failed}, still unread: {still_unread}");
    assert!(requests <= 50 && failed == 0 && still_unread == 0, "goal missed");
}
