//! JSON batching through the client against the simulated tenant: 20 requests per `$batch`
//! call, answers back in request order with per-request statuses, and throttled sub-requests
//! sent again after their Retry-After.
use crate::harness;

use std::time::{Duration, Instant};

use harness::Harness;
use o365_graph::batch::{BatchRequest, BatchResponse};
use o365_graph::mail::{self, MessageFilter};
use o365_graph::retry::RetryPolicy;
use o365_sim::faults::FaultKind;
use reqwest::Method;

async fn inbox_ids(h: &Harness, n: usize) -> Vec<String> {
    let messages = mail::list_messages(&h.client(), Some("inbox"), &MessageFilter::default(), Some(n)).await.unwrap();
    assert_eq!(messages.len(), n);
    messages.into_iter().map(|m| m.id).collect()
}

fn get_message(id: &str) -> BatchRequest {
    BatchRequest::new(Method::GET, format!("/me/messages/{id}?$select=id,subject"))
}

fn body_id(response: &BatchResponse) -> &str {
    response.body.as_ref().and_then(|b| b["id"].as_str()).unwrap_or_default()
}

#[tokio::test]
async fn forty_five_requests_go_in_three_batches_and_come_back_in_order() {
    let h = harness::start().await;
    let mut ids = inbox_ids(&h, 45).await;
    let bad = 17;
    ids[bad] = "AAMkAGNoSuchMessage=".to_owned();
    let requests: Vec<BatchRequest> = ids.iter().map(|id| get_message(id)).collect();

    h.clear_seen();
    let mut progress = Vec::new();
    let answers = h.client().batch(&requests, |done, total| progress.push((done, total))).await.unwrap();

    let posts = h.graph_requests();
    assert_eq!(posts.len(), 3, "20 + 20 + 5");
    assert!(posts.iter().all(|p| p.method == "POST" && p.path().ends_with("/$batch")));
    let subs = h.seen().into_iter().filter(|s| s.sub_request).count();
    assert_eq!(subs, 45);
    assert_eq!(progress, [(20, 45), (40, 45), (45, 45)]);

    assert_eq!(answers.len(), 45);
    for (i, (answer, id)) in answers.iter().zip(&ids).enumerate() {
        if i == bad {
            assert_eq!(answer.status, 404);
            let error = answer.error().unwrap();
            assert_eq!(error.code, "ErrorItemNotFound");
            assert!(error.is_not_found());
        } else {
            assert_eq!(answer.status, 200, "request {i}");
            assert!(answer.is_success() && answer.error().is_none());
            assert_eq!(body_id(answer), id, "answer {i} belongs to request {i}");
        }
    }
}

#[tokio::test]
async fn a_throttled_sub_request_is_sent_again_alone() {
    let h = harness::start().await;
    let ids = inbox_ids(&h, 5).await;
    let requests: Vec<BatchRequest> = ids.iter().map(|id| get_message(id)).collect();
    h.faults().fail_next_matching(
        1,
        &format!("/messages/{}", ids[2]),
        FaultKind::Throttle { retry_after: "0.3".into() },
    );

    h.clear_seen();
    let started = Instant::now();
    let answers = h.client().batch(&requests, |_, _| {}).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300), "the sub-request's Retry-After was waited out");
    assert!(answers.iter().all(|a| a.status == 200), "{:?}", answers.iter().map(|a| a.status).collect::<Vec<_>>());
    assert_eq!(answers.iter().map(|a| body_id(a).to_owned()).collect::<Vec<_>>(), ids);

    let posts = h.graph_requests();
    assert_eq!(posts.len(), 2, "the batch, then one more for the throttled request");
    assert!(posts[1].at - posts[0].at >= Duration::from_millis(300));
    let subs: Vec<_> = h.seen().into_iter().filter(|s| s.sub_request).collect();
    assert_eq!(subs.len(), 6);
    assert!(subs[5].path().ends_with(&ids[2]), "only the throttled one went again: {}", subs[5].target);
}

#[tokio::test]
async fn a_sub_request_throttled_past_the_retries_reports_its_429() {
    let h = harness::start().await;
    let ids = inbox_ids(&h, 3).await;
    let requests: Vec<BatchRequest> = ids.iter().map(|id| get_message(id)).collect();
    h.faults().fail_next_matching(
        10,
        &format!("/messages/{}", ids[0]),
        FaultKind::Throttle { retry_after: "0.01".into() },
    );

    let retries = 2;
    let client = h.client_with(o365_graph::client::ClientOptions {
        retry: RetryPolicy { retries, ..harness::quick_retry() },
        ..h.options()
    });
    h.clear_seen();
    let answers = client.batch(&requests, |_, _| {}).await.unwrap();
    assert_eq!(answers.iter().map(|a| a.status).collect::<Vec<_>>(), [429, 200, 200]);
    let error = answers[0].error().unwrap();
    assert_eq!(error.code, "TooManyRequests");
    assert_eq!(error.retry_after, Some(Duration::from_millis(10)));
    assert_eq!(h.graph_requests().len(), 1 + retries as usize);
}

#[tokio::test]
async fn a_throttled_batch_call_is_sent_again_and_an_empty_one_not_at_all() {
    let h = harness::start().await;
    let ids = inbox_ids(&h, 4).await;
    let requests: Vec<BatchRequest> = ids.iter().map(|id| get_message(id)).collect();
    h.faults().fail_next_matching(1, "/$batch", FaultKind::Throttle { retry_after: "0.2".into() });

    h.clear_seen();
    let answers = h.client().batch(&requests, |_, _| {}).await.unwrap();
    assert_eq!(answers.iter().map(|a| body_id(a).to_owned()).collect::<Vec<_>>(), ids);
    let posts = h.graph_requests();
    assert_eq!(posts.len(), 2, "the throttled $batch and its retry");
    assert!(posts[1].at - posts[0].at >= Duration::from_millis(200));
    assert_eq!(h.seen().iter().filter(|s| s.sub_request).count(), 4, "the throttled call ran nothing");

    h.clear_seen();
    let mut calls = 0;
    let none = h.client().batch(&[], |_, _| calls += 1).await.unwrap();
    assert!(none.is_empty());
    assert!(h.seen().is_empty() && calls == 0);
}
