//! Server-driven paging through the Graph client against the simulated tenant: every item once
//! over several pages, the caller's limit stopping early, `$top` clamped to the resource's
//! maximum, and nextLinks to another host refused before the token goes there.
use crate::harness;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Json;
use axum::routing::get;
use futures::{StreamExt, TryStreamExt};
use o365_graph::auth::{AccessToken, StaticToken};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::error::GraphError;
use o365_graph::mail::{self, MessageFilter};
use o365_graph::paging::{self, Page};
use o365_graph::request::{Request, Target};
use o365_graph::resource::Resource;
use serde_json::{Value, json};

const INBOX_MESSAGES: &str = "me/mailFolders/inbox/messages";

fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_folder_over_several_pages_yields_every_message_once() {
    let h = harness::start().await;
    let client = h.client();
    let inbox = mail::get_folder(&client, "inbox").await.unwrap();
    let total = inbox.total_item_count.unwrap() as usize;
    assert_eq!(total, 120, "the tenant was seeded with 120 Inbox messages");

    h.clear_seen();
    let served_before = h.faults().requests();
    let first = Request::get(INBOX_MESSAGES).with_param("$top", 25).with_param("$select", "id,subject");
    let items: Vec<Value> = paging::collect(&client, first, None).await.unwrap();
    let got = ids(&items);
    assert_eq!(got.len(), total);
    assert_eq!(got.iter().collect::<BTreeSet<_>>().len(), total, "no message twice");
    assert!(items.iter().all(|m| m.get("subject").is_some() && m.get("body").is_none()), "$select kept on every page");

    // ceil(120 / 25) = 5 pages, one request each, each after the first at the nextLink's $skip.
    assert_eq!(h.faults().requests() - served_before, 5);
    let requests = h.graph_requests();
    assert_eq!(requests.len(), 5);
    let skips: Vec<Option<String>> = requests.iter().map(|r| r.param("$skip")).collect();
    assert_eq!(skips, [None, Some("25".into()), Some("50".into()), Some("75".into()), Some("100".into())]);
    assert!(requests.iter().all(|r| r.path().ends_with("/me/mailFolders/inbox/messages")));
    assert!(requests.iter().all(|r| r.param("$top").as_deref() == Some("25") && r.authorization));

    // The same set as one page that holds them all.
    let whole: Vec<Value> = paging::collect(
        &client,
        Request::get(INBOX_MESSAGES).with_param("$top", 1000).with_param("$select", "id"),
        None,
    )
    .await
    .unwrap();
    assert_eq!(ids(&whole).into_iter().collect::<BTreeSet<_>>(), got.into_iter().collect::<BTreeSet<_>>());
}

#[tokio::test]
async fn pages_stream_reports_each_page_and_the_last_has_no_next_link() {
    let h = harness::start().await;
    let client = h.client();
    let first = Request::get(INBOX_MESSAGES).with_param("$top", 50).with_param("$select", "id");
    let pages: Vec<Page<Value>> = paging::pages(client, first).try_collect().await.unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.value.len()).collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert!(pages[..2].iter().all(|p| p.next_link.as_deref().is_some_and(|l| l.starts_with(&h.graph_url()))));
    assert!(pages[2].next_link.is_none());
}

#[tokio::test]
async fn a_limit_stops_paging_early() {
    let h = harness::start().await;
    let client = h.client();
    let first = Request::get(INBOX_MESSAGES).with_param("$top", 25).with_param("$select", "id");

    h.clear_seen();
    let items: Vec<Value> = paging::collect(&client, first.clone(), Some(30)).await.unwrap();
    assert_eq!(items.len(), 30);
    assert_eq!(h.graph_requests().len(), 2, "30 items need the first two pages of 25, not all five");

    h.clear_seen();
    let items: Vec<Value> = paging::collect(&client, first, Some(25)).await.unwrap();
    assert_eq!(items.len(), 25);
    assert_eq!(h.graph_requests().len(), 1, "no page past the one that reaches the limit");

    // list_messages asks for exactly the limit when it fits in one page.
    h.clear_seen();
    let newest = mail::list_messages(&client, Some("inbox"), &MessageFilter::default(), Some(7)).await.unwrap();
    assert_eq!(newest.len(), 7);
    let requests = h.graph_requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("$top").as_deref(), Some("7"));
    let received: Vec<_> = newest.iter().map(|m| m.received_date_time.unwrap()).collect();
    assert!(received.windows(2).all(|w| w[0] >= w[1]), "newest first: {received:?}");
}

#[tokio::test]
async fn top_beyond_the_maximum_is_clamped() {
    let h = harness::start_with(harness::sim_options(1100)).await;
    let client = h.client();

    // The service caps a page of messages at 1000, whatever $top asks for.
    let first = Request::get(INBOX_MESSAGES).with_param("$top", 5000).with_param("$select", "id");
    let mut pages = Box::pin(paging::pages::<Value>(client.clone(), first));
    let page = pages.next().await.unwrap().unwrap();
    assert_eq!(page.value.len(), 1000);
    assert!(page.next_link.is_some());

    // The client itself never asks for more than the maximum, and still gets everything.
    h.clear_seen();
    let all = mail::list_messages(&client, Some("inbox"), &MessageFilter::default(), Some(5000)).await.unwrap();
    assert_eq!(all.len(), 1100);
    let tops: Vec<Option<String>> = h.graph_requests().iter().map(|r| r.param("$top")).collect();
    assert_eq!(tops, [Some("1000".to_owned()), Some("1000".to_owned())]);
    assert_eq!(paging::page_size(Some(5000), mail::MESSAGES_MAX_PAGE), 1000);
}

/// A stand-in Graph host whose only page links to `next`, and a second host that counts
/// the requests it gets.
async fn serve_foreign_link() -> (String, String, Arc<AtomicUsize>) {
    let foreign = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let foreign_origin = format!("http://{}", foreign.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let foreign_app = axum::Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Json(json!({"value": [{"id": "stolen"}]})) }
    });
    tokio::spawn(async move { axum::serve(foreign, foreign_app).await.unwrap() });

    let graph = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let graph_url = format!("http://{}/v1.0", graph.local_addr().unwrap());
    let next = format!("{foreign_origin}/v1.0/me/messages?$skip=1");
    let graph_app = axum::Router::new().route(
        "/v1.0/me/messages",
        get(move || {
            let next = next.clone();
            async move { Json(json!({"value": [{"id": "m1"}], "@odata.nextLink": next})) }
        }),
    );
    tokio::spawn(async move { axum::serve(graph, graph_app).await.unwrap() });
    (graph_url, foreign_origin, hits)
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let (graph_url, foreign_origin, foreign_hits) = serve_foreign_link().await;
    let client = GraphClient::new(
        ClientOptions { graph_url, ..ClientOptions::default() },
        Arc::new(StaticToken(AccessToken("secret-token".into()))),
    )
    .unwrap();

    let mut pages = Box::pin(paging::pages::<Value>(client.clone(), Request::get("me/messages")));
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(ids(&first.value), ["m1"]);
    let error = pages.next().await.unwrap().unwrap_err();
    assert!(matches!(error, GraphError::Refused(_)), "{error:?}");
    assert!(error.to_string().contains(&foreign_origin), "{error}");
    assert!(pages.next().await.is_none(), "the stream ends after the refusal");

    let collected = paging::collect::<Value>(&client, Request::get("me/messages"), None).await;
    assert!(matches!(collected, Err(GraphError::Refused(_))), "{collected:?}");
    // A caller that needs only the first page gets it: the bad link is never followed.
    let one: Vec<Value> = paging::collect(&client, Request::get("me/messages"), Some(1)).await.unwrap();
    assert_eq!(ids(&one), ["m1"]);

    // An absolute URL on another host is refused outright, too.
    let mut direct = Request::get("unused");
    direct.target = Target::Url(url::Url::parse(&format!("{foreign_origin}/v1.0/me")).unwrap());
    let error = client.send(direct).await.unwrap_err();
    assert!(matches!(error, GraphError::Refused(_)), "{error:?}");
    assert_eq!(foreign_hits.load(Ordering::SeqCst), 0, "nothing, and no token, went to the other host");
}

#[tokio::test]
async fn directory_pages_keep_consistency_level_and_skiptokens() {
    let h = harness::start().await;
    // The directory is not in the default scopes (no command reads it yet): add it.
    h.sign_in_adding(&["User.ReadBasic.All"]).await;
    let client = h.client();
    let directory_size = h.state.tenant.read().unwrap().users.len();
    assert!(directory_size > 20, "{directory_size}");

    h.clear_seen();
    let first = Request::get("users")
        .with_param("$top", 10)
        .with_param("$count", "true")
        .with_param("$select", "id,displayName")
        .with_header("ConsistencyLevel", "eventual");
    let users: Vec<Value> = paging::collect(&client, first, None).await.unwrap();
    assert_eq!(users.len(), directory_size);
    assert_eq!(ids(&users).iter().collect::<BTreeSet<_>>().len(), directory_size);
    let requests = h.graph_requests();
    assert_eq!(requests.len(), directory_size.div_ceil(10));
    for (i, r) in requests.iter().enumerate() {
        // Directory paging needs the header on every page, not only the first (graph-facts §2.4).
        assert_eq!(r.header("consistencylevel"), Some("eventual"), "page {i}");
        assert_eq!(r.param("$skiptoken").is_some(), i > 0, "page {i}: {}", r.target);
        assert!(r.param("$skip").is_none());
    }

    // With $search the header is required; the client's list_users sends it.
    let found = o365_graph::users::list_users(&client, Some("a"), Some(5)).await.unwrap();
    assert_eq!(found.len(), 5);
}

#[tokio::test]
async fn paging_another_users_mailbox_stays_on_its_path() {
    let h = harness::start().await;
    let upn = h.state.tenant.read().unwrap().me()["userPrincipalName"].as_str().unwrap().to_owned();
    let client = h.client().with_resource(Resource::User(upn.clone()));
    let first = Request::get(client.resource_path("mailFolders/inbox/messages")).with_param("$top", 15);
    h.clear_seen();
    let messages: Vec<Value> = paging::collect(&client, first, Some(40)).await.unwrap();
    assert_eq!(messages.len(), 40);
    let requests = h.graph_requests();
    assert_eq!(requests.len(), 3);
    let expected = format!("/graph/v1.0/users/{upn}/mailFolders/inbox/messages");
    assert!(
        requests.iter().all(|r| r.path() == expected),
        "{:?}",
        requests.iter().map(|r| &r.target).collect::<Vec<_>>()
    );
}
