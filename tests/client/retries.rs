//! What the Graph client does when the simulated tenant says no: one token refresh on 401,
//! Retry-After waited out on 429 and 503, a bounded number of retries on 5xx and dropped
//! connections (none for a POST that may have acted), and `requests_delay` pacing.
use crate::harness;

use std::sync::Arc;
use std::time::{Duration, Instant};

use harness::{Harness, api_error};
use o365_graph::auth::{AccessToken, AuthError, StaticToken, TokenProvider};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::error::GraphError;
use o365_graph::request::Request;
use o365_graph::retry::RetryPolicy;
use o365_graph::users;
use o365_sim::faults::{FaultKind, FaultOptions, Gate};
use serde_json::json;

const REFRESH: &str = "refresh_token";

/// The arrival times of the HTTP requests to `path_end`.
fn arrivals(h: &Harness, path_end: &str) -> Vec<Instant> {
    h.graph_requests().iter().filter(|r| r.path().ends_with(path_end)).map(|r| r.at).collect()
}

fn draft() -> Request {
    Request::post("me/messages")
        .with_json(json!({"subject": "retry test", "body": {"contentType": "text", "content": "x"}}))
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_succeeds() {
    let h = harness::start().await;
    let provider = h.provider();
    let client = GraphClient::new(h.options(), provider.clone()).unwrap();
    let me = users::me(&client).await.unwrap();
    let old_token = provider.token().await.unwrap();
    assert_eq!(provider.renewals(), 0);

    h.state.identity.expire_access_tokens();
    h.clear_seen();
    let again = users::me(&client).await.unwrap();
    assert_eq!(again.id, me.id);
    assert_eq!(h.state.identity.token_requests(REFRESH), 1, "exactly one refresh");
    assert_eq!(h.state.identity.tokens_issued(REFRESH), 1);
    assert_eq!(provider.renewals(), 1);
    assert_eq!(h.graph_requests().len(), 2, "the 401 and the retry with the new token");
    let new_token = provider.token().await.unwrap();
    assert_ne!(new_token, old_token);
    assert!(h.state.identity.validate_access_token(new_token.secret()).is_ok());

    // The new token serves the next call without another refresh.
    h.clear_seen();
    users::me(&client).await.unwrap();
    assert_eq!(h.graph_requests().len(), 1);
    assert_eq!(h.state.identity.token_requests(REFRESH), 1);
}

#[tokio::test]
async fn a_token_rejected_after_the_refresh_is_an_error_not_a_loop() {
    let h = harness::start().await;
    let client =
        GraphClient::new(h.options(), Arc::new(StaticToken(AccessToken("not-a-token-the-sim-issued".into())))).unwrap();
    let error = users::me(&client).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!(api.status, 401);
    assert_eq!(api.code, "InvalidAuthenticationToken");
    assert_eq!(h.graph_requests().len(), 2, "one try, one refresh, one more try, then stop");
}

#[tokio::test]
async fn throttling_waits_out_retry_after() {
    let h = harness::start().await;
    let client = h.client();
    users::me(&client).await.unwrap();

    h.clear_seen();
    h.faults().fail_next(1, FaultKind::Throttle { retry_after: "1".into() });
    let started = Instant::now();
    users::me(&client).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "answered after {:?}", started.elapsed());
    let at = arrivals(&h, "/me");
    assert_eq!(at.len(), 2, "the 429 and one retry");
    assert!(at[1] - at[0] >= Duration::from_secs(1), "retried {:?} after the 429", at[1] - at[0]);

    // 503 with a fractional Retry-After, as Graph sends it.
    h.clear_seen();
    h.faults().fail_next(1, FaultKind::Unavailable { retry_after: Some("0.4".into()) });
    users::me(&client).await.unwrap();
    let at = arrivals(&h, "/me");
    assert_eq!(at.len(), 2);
    assert!(at[1] - at[0] >= Duration::from_millis(400), "retried {:?} after the 503", at[1] - at[0]);
}

#[tokio::test]
async fn a_throttled_post_is_sent_again_because_it_was_not_processed() {
    let h = harness::start().await;
    let client = h.client();
    h.faults().fail_next(1, FaultKind::Throttle { retry_after: "0.1".into() });
    let answer = client.execute(draft()).await.unwrap();
    assert_eq!(answer.status.as_u16(), 201);
    assert_eq!(arrivals(&h, "/me/messages").len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_returned_not_waited() {
    let h = harness::start().await;
    let client = h.client();
    h.faults().fail_next(1, FaultKind::Throttle { retry_after: "30".into() });
    let started = Instant::now();
    let error = users::me(&client).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let api = api_error(&error);
    assert_eq!((api.status, api.code.as_str()), (429, "TooManyRequests"));
    assert_eq!(api.retry_after, Some(Duration::from_secs(30)));
    assert_eq!(h.graph_requests().len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_a_bounded_number_of_times() {
    let h = harness::start().await;
    let retries = 2;
    let client =
        h.client_with(ClientOptions { retry: RetryPolicy { retries, ..harness::quick_retry() }, ..h.options() });
    h.faults().fail_next(100, FaultKind::ServerError);
    let error = users::me(&client).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!(api.status, 500);
    assert_eq!(api.code, "generalException");
    assert!(api.request_id.is_some());
    assert_eq!(h.graph_requests().len(), 1 + retries as usize);
}

#[tokio::test]
async fn a_post_is_not_repeated_after_a_server_error() {
    let h = harness::start().await;
    let client = h.client();
    h.faults().fail_next(100, FaultKind::ServerError);
    let error = client.execute(draft()).await.unwrap_err();
    assert_eq!(api_error(&error).status, 500);
    assert_eq!(h.graph_requests().len(), 1, "the service may have created the draft: no second one");

    // A POST the caller marks as safe to repeat is retried like a GET.
    h.clear_seen();
    let error = client.execute(draft().idempotent(true)).await.unwrap_err();
    assert_eq!(api_error(&error).status, 500);
    assert_eq!(h.graph_requests().len(), 1 + harness::quick_retry().retries as usize);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_a_get_only() {
    let h = harness::start().await;
    let client = h.client();
    h.faults().fail_next(1, FaultKind::Drop);
    let me = users::me(&client).await.unwrap();
    assert!(!me.id.is_empty());
    assert_eq!(arrivals(&h, "/me").len(), 2, "the dropped request and its retry");

    h.clear_seen();
    h.faults().fail_next(1, FaultKind::Drop);
    let error = client.execute(draft()).await.unwrap_err();
    assert!(matches!(error, GraphError::Transport(_)), "{error:?}");
    assert_eq!(h.graph_requests().len(), 1);

    h.clear_seen();
    h.faults().fail_next(100, FaultKind::Drop);
    let error = users::me(&client).await.unwrap_err();
    assert!(matches!(error, GraphError::Transport(_)), "{error:?}");
    assert_eq!(h.graph_requests().len(), 1 + harness::quick_retry().retries as usize);
}

#[tokio::test]
async fn requests_delay_spaces_request_starts() {
    let h = harness::start().await;
    let delay = Duration::from_millis(300);
    let client = h.client_with(ClientOptions { requests_delay: delay, ..h.options() });

    h.clear_seen();
    let started = Instant::now();
    users::me(&client).await.unwrap();
    users::me(&client).await.unwrap();
    assert!(started.elapsed() >= delay);
    // The client paces request starts; what the tenant sees is bounded by them: the k-th request
    // to arrive started (so arrived) at least k delays after the test began. (The gap between
    // two arrivals alone is not: a first request slowed on the way shortens it.)
    let at = arrivals(&h, "/me");
    assert_eq!(at.len(), 2);
    assert!(at[1] >= started + delay, "second request {:?} after the start", at[1] - started);

    // Clones share the pacing, even when their requests are issued at once.
    h.clear_seen();
    let started = Instant::now();
    let calls = (0..3).map(|_| {
        let client = client.clone();
        async move { users::me(&client).await }
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap();
    }
    let mut at = arrivals(&h, "/me");
    at.sort();
    assert_eq!(at.len(), 3);
    assert!(
        at.iter().enumerate().all(|(k, t)| *t >= started + delay * k as u32),
        "{:?}",
        at.iter().map(|t| *t - started).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn concurrent_calls_rejected_together_share_one_refresh() {
    let h = harness::start().await;
    let provider = h.provider();
    let client = GraphClient::new(h.options(), provider.clone()).unwrap();
    users::me(&client).await.unwrap();
    h.state.identity.expire_access_tokens();

    let calls = (0..8).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { users::me(&client).await })
    });
    for call in futures::future::join_all(calls).await {
        call.unwrap().unwrap();
    }
    assert_eq!(h.state.identity.token_requests(REFRESH), 1);
    assert_eq!(provider.renewals(), 1);
}

#[tokio::test]
async fn a_revoked_sign_in_surfaces_as_an_auth_error() {
    let h = harness::start().await;
    let client = h.client();
    users::me(&client).await.unwrap();
    h.state.identity.expire_access_tokens();
    h.state.identity.revoke_refresh_tokens();
    h.clear_seen();
    let error = users::me(&client).await.unwrap_err();
    assert!(matches!(error, GraphError::Auth(AuthError::SessionExpired(_))), "{error:?}");
    assert!(error.to_string().contains("o365 login"), "{error}");
    assert_eq!(h.graph_requests().len(), 1, "no Graph retry without a token");
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_abandoned_and_retried_for_a_get() {
    let h = harness::start().await;
    let client = h.client_with(ClientOptions { timeout: Duration::from_millis(600), ..h.options() });
    h.faults().fail_next(1, FaultKind::Delay(3_000));
    let me = users::me(&client).await.unwrap();
    assert!(!me.id.is_empty());
    assert_eq!(h.graph_requests().len(), 2, "the slow request and its retry");

    h.clear_seen();
    h.faults().fail_next(1, FaultKind::Delay(3_000));
    let error = client.execute(draft()).await.unwrap_err();
    assert!(matches!(error, GraphError::Transport(_)), "{error:?}");
    assert_eq!(h.graph_requests().len(), 1, "a POST that may have been processed is not repeated");
}

/// Issue 14: numbers nobody would choose must not panic the client: a timeout of `Duration::MAX`
/// (reqwest adds it to `Instant::now()` unchecked) and a Retry-After beyond what a `Duration`
/// holds (returned as the longest wait, so the call gives up instead of waiting).
#[tokio::test]
async fn absurd_timeouts_and_retry_afters_do_not_panic() {
    let h = harness::start().await;
    let client = h.client_with(ClientOptions { timeout: Duration::MAX, ..h.options() });
    users::me(&client).await.unwrap();
    h.faults().fail_next(1, FaultKind::Throttle { retry_after: "1e30".into() });
    let error = users::me(&client).await.unwrap_err();
    assert_eq!(api_error(&error).retry_after, Some(Duration::MAX));
}

/// Issue 14: at most 4 requests to one mailbox at once (Outlook's limit): a fifth waits in the
/// client until one of the four is answered, instead of being sent and refused with 429. The
/// four are held at the tenant by gates, so nothing here depends on timing.
#[tokio::test]
async fn a_fifth_concurrent_request_to_a_mailbox_waits_until_one_of_four_finishes() {
    let h = harness::start().await;
    let client = h.client();
    users::me(&client).await.unwrap();
    h.clear_seen();
    // The tenant refuses a fifth concurrent request, as Outlook does.
    h.faults().set_options(FaultOptions { max_concurrent: Some(4), ..Default::default() });
    let gates: Vec<Gate> = (0..4).map(|_| Gate::default()).collect();
    for gate in &gates {
        h.faults().fail_next(1, FaultKind::Hold(gate.clone()));
    }
    let mut budgets = client.watch_budgets();
    let calls: Vec<_> = (0..5)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { users::me(&client).await })
        })
        .collect();
    for gate in &gates {
        gate.arrived().await;
    }
    // A guard against a hang if the fifth were sent after all, not a synchronisation.
    let limit = std::time::Duration::from_secs(20);
    let one_waits = budgets.wait_for(|s| s.get("me").is_some_and(|m| m.waiting == 1));
    tokio::time::timeout(limit, one_waits).await.expect("the fifth request waits in the client").unwrap();
    assert_eq!(client.budget("me/messages").unwrap().in_flight, 4);
    assert_eq!(h.graph_requests().len(), 4, "the fifth request was not sent");

    gates[0].release();
    // The fifth goes out once the first is answered; it has no gate, so it is answered too.
    let none_waits = budgets.wait_for(|s| s.get("me").is_some_and(|m| m.waiting == 0));
    tokio::time::timeout(limit, none_waits).await.expect("the fifth request is sent").unwrap();
    for gate in &gates[1..] {
        gate.release();
    }
    for call in calls {
        call.await.unwrap().expect("every request succeeds: none was refused for concurrency");
    }
    assert_eq!(h.graph_requests().len(), 5, "five requests, no retry after a 429");
    assert_eq!(client.budget("me").unwrap(), Default::default(), "the budget is idle again");
}

/// Issue 14: a 429's Retry-After pauses the whole mailbox, not only the request that got it;
/// the pause is visible in the budget while the retry waits, and the budget is idle after.
#[tokio::test]
async fn a_429_pauses_the_mailbox_while_its_retry_waits() {
    let h = harness::start().await;
    let client = h.client();
    users::me(&client).await.unwrap();
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    client.observe_waits({
        let client = client.clone();
        let seen = seen.clone();
        move |_| seen.lock().unwrap().push(client.budget("me").unwrap())
    });
    h.faults().fail_next(1, FaultKind::Throttle { retry_after: "0.2".into() });
    users::me(&client).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].throttled_until.is_some(), "the mailbox was paused: {seen:?}");
    assert_eq!(seen[0].in_flight, 0, "the throttled request gave its slot back while waiting");
    assert_eq!(client.budget("me").unwrap(), Default::default());
}
