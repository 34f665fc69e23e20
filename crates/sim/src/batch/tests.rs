//! Tests for `$batch`: limits, ids, dependsOn/424, sub-responses, throttled sub-requests.
use serde_json::{Value, json};

use crate::faults::FaultKind;
use crate::server::testing::{bare_state, call};

const BATCH: &str = "/graph/v1.0/$batch";

fn by_id<'a>(body: &'a Value, id: &str) -> &'a Value {
    body["responses"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()
}

#[tokio::test]
async fn malformed_batches_are_refused_whole() {
    let state = bare_state();
    let many: Vec<Value> = (0..21).map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/me"})).collect();
    let cases = [
        json!({"requests": many}),
        json!({"requests": [{"id": "a", "method": "GET", "url": "/me"}, {"id": "A", "method": "GET", "url": "/me"}]}),
        json!({"requests": [{"id": "1", "method": "PATCH", "url": "/me/messages/m01", "body": {"isRead": true}}]}),
        json!({"requests": [{"id": "1", "method": "GET", "url": "/me", "dependsOn": ["9"]}]}),
        json!({"requests": [{"method": "GET", "url": "/me"}]}),
        json!({"requests": [{"id": "1", "method": "GET", "url": "/me", "dependsOn": ["2"]}, {"id": "2", "method": "GET", "url": "/me", "dependsOn": ["1"]}]}),
        json!({"nothing": []}),
    ];
    for case in cases {
        let answer = call(&state, "POST", BATCH, Some(case.clone()), &[]).await;
        assert_eq!((answer.status.as_u16(), answer.error_code().as_str()), (400, "BadRequest"), "{case}");
    }
    // Nothing ran: m01 is still unread.
    assert_eq!(call(&state, "GET", "/graph/v1.0/me/messages/m01", None, &[]).await.json()["isRead"], true);
}

#[tokio::test]
async fn sub_requests_run_through_the_router() {
    let state = bare_state();
    let batch = json!({"requests": [
        {"id": "1", "method": "GET", "url": "me/messages?$top=2&$select=subject"},
        {"id": "2", "method": "PATCH", "url": "/me/messages/m00", "headers": {"Content-Type": "application/json"}, "body": {"isRead": false}},
        {"id": "3", "method": "GET", "url": "/users?$search=\"displayName:ann\"", "headers": {"ConsistencyLevel": "eventual"}},
        {"id": "4", "method": "GET", "url": "/me/messages/m03/attachments/a1/$value"},
        {"id": "5", "method": "GET", "url": "/users/u-ann/messages"}
    ]});
    let answer = call(&state, "POST", BATCH, Some(batch), &[]).await;
    assert_eq!(answer.status, 200);
    let body = answer.json();
    let list = by_id(&body, "1");
    assert_eq!(list["status"], 200);
    assert_eq!(list["body"]["value"].as_array().unwrap().len(), 2);
    assert!(list["body"]["@odata.nextLink"].as_str().unwrap().contains("/graph/v1.0/me/messages?"));
    assert_eq!(list["headers"]["OData-Version"], "4.0");
    assert_eq!(by_id(&body, "2")["body"]["isRead"], false);
    assert_eq!(by_id(&body, "3")["body"]["value"][0]["displayName"], "Ann Beebe");
    assert_eq!(by_id(&body, "4")["body"], "aGVsbG8=");
    assert_eq!(by_id(&body, "5")["status"], 404);
    assert_eq!(state.faults.requests(), 1);
}

#[tokio::test]
async fn dependents_of_failures_get_424() {
    let state = bare_state();
    let batch = json!({"requests": [
        {"id": "3", "method": "GET", "url": "/me", "dependsOn": ["2"]},
        {"id": "1", "method": "GET", "url": "/me/messages/nope"},
        {"id": "2", "method": "GET", "url": "/me", "dependsOn": ["1"]},
        {"id": "4", "method": "GET", "url": "/me"}
    ]});
    let body = call(&state, "POST", BATCH, Some(batch), &[]).await.json();
    assert_eq!(by_id(&body, "1")["status"], 404);
    assert_eq!(by_id(&body, "2")["status"], 424);
    assert_eq!(by_id(&body, "3")["status"], 424);
    assert_eq!(by_id(&body, "2")["body"]["error"]["code"], "FailedDependency");
    assert_eq!(by_id(&body, "4")["status"], 200);
}

#[tokio::test]
async fn a_throttled_sub_request_carries_its_retry_after() {
    let state = bare_state();
    state.faults.fail_next_matching(1, "/me/messages", FaultKind::Throttle { retry_after: "7".into() });
    let batch = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me"},
        {"id": "2", "method": "GET", "url": "/me/messages"},
        {"id": "3", "method": "GET", "url": "/me/messages", "dependsOn": ["2"]}
    ]});
    let answer = call(&state, "POST", BATCH, Some(batch), &[]).await;
    assert_eq!(answer.status, 200);
    let body = answer.json();
    assert_eq!(by_id(&body, "1")["status"], 200);
    let throttled = by_id(&body, "2");
    assert_eq!((throttled["status"].clone(), throttled["headers"]["Retry-After"].clone()), (json!(429), json!("7")));
    assert_eq!(throttled["body"]["error"]["code"], "TooManyRequests");
    assert_eq!(by_id(&body, "3")["status"], 424);
}
