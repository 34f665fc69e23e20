//! Fault knobs over a real loopback server: 429 with Retry-After, 503 bursts, 500s, dropped
//! connections seen by reqwest as transport errors, delays, and the request counter.
use std::time::Duration;

use super::{FaultKind, FaultOptions};
use crate::server::testing::{bare_state, call, spawn};

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

/// An attachment upload session on the sample draft `d1` for `size` bytes; its URL.
async fn upload_session(c: &reqwest::Client, origin: &str, size: usize) -> String {
    let create = format!("{origin}/graph/v1.0/me/messages/d1/attachments/createUploadSession");
    let body = serde_json::json!({"AttachmentItem": {"attachmentType": "file", "name": "big.bin", "size": size}});
    let session: serde_json::Value =
        c.post(create).bearer_auth("t").json(&body).send().await.unwrap().json().await.unwrap();
    session["uploadUrl"].as_str().unwrap().to_owned()
}

async fn put(c: &reqwest::Client, url: &str, bytes: &[u8], start: usize, size: usize) -> Result<u16, reqwest::Error> {
    let end = start + bytes.len() - 1;
    let answer =
        c.put(url).header("Content-Range", format!("bytes {start}-{end}/{size}")).body(bytes.to_vec()).send().await?;
    Ok(answer.status().as_u16())
}

#[tokio::test]
async fn upload_puts_fail_as_planned_and_other_requests_do_not_count() {
    let (state, server) = spawn().await;
    let origin = state.urls.origin.clone();
    let c = client();
    let url = upload_session(&c, &origin, 30).await;
    state.faults.fail_upload_put(1, FaultKind::Unavailable { retry_after: Some("0".into()) });
    state.faults.fail_upload_put(2, FaultKind::Gone);
    let graph_before = state.faults.requests();
    assert_eq!(put(&c, &url, &[1; 10], 0, 30).await.unwrap(), 200, "PUT 0 passes");
    assert_eq!(put(&c, &url, &[2; 10], 10, 30).await.unwrap(), 503, "PUT 1 as planned");
    let gone = c.put(&url).header("Content-Range", "bytes 10-19/30").body(vec![2; 10]).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    let body: serde_json::Value = gone.json().await.unwrap();
    assert_eq!(body["error"]["innerError"]["code"], "uploadSessionNotFound");
    assert_eq!(put(&c, &url, &[2; 10], 10, 30).await.unwrap(), 200, "the session itself is still there");
    assert_eq!(state.faults.upload_puts(), 4);
    assert_eq!(state.faults.requests(), graph_before, "upload URLs are not Graph requests");
    // A planned fault waits for PUTs: the DELETE that cancels a session passes.
    state.faults.fail_next_upload_puts(1, FaultKind::ServerError);
    assert_eq!(c.delete(&url).send().await.unwrap().status(), 204);
    let url = upload_session(&c, &origin, 30).await;
    assert_eq!(put(&c, &url, &[1; 10], 0, 30).await.unwrap(), 500);
    server.shutdown().await;
}

#[tokio::test]
async fn a_lost_answer_keeps_the_range_so_sending_it_again_is_out_of_step() {
    let (state, server) = spawn().await;
    let c = client();
    let url = upload_session(&c, &state.urls.origin, 20).await;
    state.faults.fail_upload_put(0, FaultKind::LoseAnswer);
    let lost = put(&c, &url, &[7; 10], 0, 20).await;
    assert!(lost.is_err(), "no answer reaches the client");
    assert_eq!(put(&c, &url, &[7; 10], 0, 20).await.unwrap(), 416, "the first attempt landed");
    assert_eq!(put(&c, &url, &[8; 10], 10, 20).await.unwrap(), 201);
    let stored = state.read_tenant().attachments.list("d1").last().cloned().unwrap();
    assert_eq!(stored["name"], "big.bin");
    assert_eq!(stored["size"], 20);
    server.shutdown().await;
}

#[tokio::test]
async fn outlook_writes_over_four_megabytes_are_refused_with_413() {
    // The real router: its body limit lets a 4 MB request reach the endpoint.
    let (state, server) = crate::server::testing::spawn_real().await;
    let c = client();
    let token = crate::server::testing::device_code_token(&state.urls.origin, &c).await;
    let url = format!("{}/graph/v1.0/me/messages/d1/attachments", state.urls.origin);
    let attachment = |encoded_len: usize| {
        serde_json::json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.bin",
                           "contentBytes": "A".repeat(encoded_len)})
    };
    let limit = crate::server::body_limit::REQUEST_LIMIT;
    let big = c.post(&url).bearer_auth(&token).json(&attachment(limit)).send().await.unwrap();
    assert_eq!(big.status(), 413);
    let body: serde_json::Value = big.json().await.unwrap();
    assert_eq!(body["error"]["code"], "RequestEntityTooLarge");
    assert!(body["error"]["innerError"]["request-id"].is_string());
    // Just under the limit (the JSON around the base64 is small) is taken.
    let fits = c.post(&url).bearer_auth(&token).json(&attachment(limit - 4096)).send().await.unwrap();
    assert_eq!(fits.status(), 201);
    // Without Content-Length (a chunked body) the size is counted as it arrives.
    let chunks = vec![Ok::<_, std::io::Error>(serde_json::to_vec(&attachment(limit)).unwrap())];
    let chunked = c
        .post(format!("{}/graph/v1.0/me/sendMail", state.urls.origin))
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(chunked.status(), 413);
    // Other routes and reads are not Outlook writes.
    let other = c.post(format!("{}/graph/v1.0/me/nothing", state.urls.origin)).bearer_auth(&token);
    assert_ne!(other.json(&attachment(limit)).send().await.unwrap().status(), 413);
    assert!(state.faults.requests() >= 4, "refused requests still count");
    server.shutdown().await;
}
