//! Fault knobs over a real loopback server: 429 with Retry-After, 503 bursts, 500s, dropped
//! connections seen by reqwest as transport errors, delays, and the request counter.
use std::time::Duration;

use super::{FaultKind, FaultOptions};
use crate::sim::server::testing::{bare_state, call, spawn};

fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap()
}

async fn status(client: &reqwest::Client, url: &str) -> u16 {
    client.get(url).bearer_auth("t").send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn throttling_every_nth_request_with_retry_after() {
    let (state, server) = spawn().await;
    state.faults.set_options(FaultOptions { throttle_every: Some(3), retry_after: "2.5".into(), ..Default::default() });
    let url = format!("{}/graph/v1.0/me", state.urls.origin);
    let c = client();
    assert_eq!(status(&c, &url).await, 200);
    assert_eq!(status(&c, &url).await, 200);
    let throttled = c.get(&url).bearer_auth("t").send().await.unwrap();
    assert_eq!(throttled.status(), 429);
    assert_eq!(throttled.headers()["retry-after"], "2.5");
    let body: serde_json::Value = throttled.json().await.unwrap();
    assert_eq!(body["error"]["code"], "TooManyRequests");
    assert_eq!(body["error"]["innerError"]["status"], "429");
    assert_eq!(status(&c, &url).await, 200);
    assert_eq!(state.faults.requests(), 4);
    state.faults.reset_requests();
    assert_eq!(state.faults.requests(), 0);
    server.shutdown().await;
}

#[tokio::test]
async fn unavailable_comes_in_bursts() {
    let state = bare_state();
    state.faults.set_options(FaultOptions { unavailable_every: Some(2), unavailable_burst: 3, ..Default::default() });
    let mut seen = Vec::new();
    for _ in 0..6 {
        let answer = call(&state, "GET", "/graph/v1.0/me", None, &[]).await;
        if answer.status == 503 {
            assert_eq!(answer.headers["retry-after"], "1");
            assert_eq!(answer.error_code(), "serviceNotAvailable");
        }
        seen.push(answer.status.as_u16());
    }
    assert_eq!(seen, vec![200, 503, 503, 503, 200, 503]);
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_and_others_go_on() {
    let (state, server) = spawn().await;
    let url = format!("{}/graph/v1.0/me", state.urls.origin);
    let steady = client();
    assert_eq!(status(&steady, &url).await, 200);
    state.faults.fail_next(1, FaultKind::Drop);
    let dropped = client().get(&url).bearer_auth("t").send().await;
    let err = dropped.expect_err("a dropped connection has no HTTP answer");
    assert!(err.status().is_none());
    assert!(err.is_request() || err.is_connect() || err.is_body(), "{err:?}");
    assert_eq!(status(&steady, &url).await, 200);
    assert_eq!(status(&client(), &url).await, 200);
    state.faults.set_options(FaultOptions { drop_every: Some(2), ..Default::default() });
    assert_eq!(status(&client(), &url).await, 200);
    assert!(client().get(&url).bearer_auth("t").send().await.is_err());
    server.shutdown().await;
}

#[tokio::test]
async fn queued_faults_apply_in_order_and_skip_login() {
    let state = bare_state();
    state.faults.fail_next(2, FaultKind::ServerError);
    state.faults.fail_next(1, FaultKind::Unavailable { retry_after: None });
    let login = call(&state, "GET", "/login/common/v2.0/.well-known/openid-configuration", None, &[]).await;
    assert_ne!(login.status, 500);
    let statuses: Vec<u16> = {
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(call(&state, "GET", "/graph/v1.0/me", None, &[]).await.status.as_u16());
        }
        out
    };
    assert_eq!(statuses, vec![500, 500, 503, 200]);
    assert_eq!(state.faults.requests(), 4);
}

#[tokio::test(start_paused = true)]
async fn delays_hold_the_answer_back() {
    let state = bare_state();
    state.faults.fail_next(1, FaultKind::Delay(1500));
    let started = tokio::time::Instant::now();
    assert_eq!(call(&state, "GET", "/graph/v1.0/me", None, &[]).await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(1500));
    let started = tokio::time::Instant::now();
    assert_eq!(call(&state, "GET", "/graph/v1.0/me", None, &[]).await.status, 200);
    assert!(started.elapsed() < Duration::from_millis(1500));
}

#[tokio::test(start_paused = true)]
async fn a_fifth_concurrent_request_is_throttled() {
    let state = bare_state();
    state.faults.set_options(FaultOptions { max_concurrent: Some(4), delay_ms: Some(1000), ..Default::default() });
    let calls = (0..5).map(|_| call(&state, "GET", "/graph/v1.0/me", None, &[]));
    let answers = futures::future::join_all(calls).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert_eq!(statuses, vec![200, 200, 200, 200, 429]);
    assert_eq!(answers[4].error_code(), "ApplicationThrottled");
    assert_eq!(answers[4].headers["retry-after"], "1");
    // The slots are free again once the answers are out.
    assert_eq!(call(&state, "GET", "/graph/v1.0/me", None, &[]).await.status, 200);
}
