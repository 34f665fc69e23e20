//! Graph error answers as the client reports them: status, code, message and request id from
//! the simulated tenant's error bodies; not-found across workloads; names that match nothing;
//! and no retry for an error that a retry cannot fix.
use crate::harness;

use harness::api_error;
use o365_graph::error::GraphError;
use o365_graph::request::Request;
use o365_graph::{drive, mail, todo};
use serde_json::Value;

#[tokio::test]
async fn an_unknown_message_is_outlook_not_found() {
    let h = harness::start().await;
    let client = h.client();
    let error = mail::get_message(&client, "AAMkAGNoSuchMessage=").await.unwrap_err();
    assert!(error.is_not_found());
    let api = api_error(&error);
    assert_eq!(api.status, 404);
    assert_eq!(api.code, "ErrorItemNotFound");
    assert_eq!(api.message, "The specified object was not found in the store.");
    let request_id = api.request_id.as_deref().expect("Graph errors carry a request id");
    assert!(uuid::Uuid::parse_str(request_id).is_ok(), "{request_id}");
    let text = error.to_string();
    assert!(text.contains("ErrorItemNotFound (HTTP 404)") && text.contains(request_id), "{text}");
    let sent = h.graph_requests();
    assert_eq!(sent.len(), 1, "a 404 is not retried");
    // Graph echoes the client's id in the error body, so the error can be matched to the call.
    assert!(sent[0].client_request_id.is_some());
    assert_eq!(api.client_request_id, sent[0].client_request_id);
}

#[tokio::test]
async fn a_missing_drive_item_is_onedrive_not_found() {
    let h = harness::start().await;
    let client = h.client();
    let error = drive::get_item_by_path(&client, "Documents/no such file.txt").await.unwrap_err();
    assert!(error.is_not_found());
    let api = api_error(&error);
    assert_eq!((api.status, api.code.as_str()), (404, "itemNotFound"));
    assert!(api.has_code("ITEMNOTFOUND"));
}

#[tokio::test]
async fn a_malformed_filter_is_a_bad_request() {
    let h = harness::start().await;
    let client = h.client();
    let request = Request::get("me/messages").with_param("$filter", "subject eq");
    let error = client.json::<Value>(request).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!(api.status, 400);
    assert_eq!(api.code, "BadRequest");
    assert!(api.message.starts_with("Invalid filter clause"), "{}", api.message);
    assert!(api.request_id.is_some());
    assert!(!error.is_not_found());
    assert_eq!(h.graph_requests().len(), 1, "a 400 is not retried");

    // Ordering by a property the filter does not lead with: Outlook's own code.
    let request = Request::get("me/messages")
        .with_param("$filter", "isRead eq false")
        .with_param("$orderby", "receivedDateTime desc");
    let error = client.json::<Value>(request).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!((api.status, api.code.as_str()), (400, "InefficientFilter"));
}

#[tokio::test]
async fn an_unknown_path_gets_a_graph_shaped_error() {
    let h = harness::start().await;
    let client = h.client();
    let error = client.json::<Value>(Request::get("me/notAThing")).await.unwrap_err();
    let api = api_error(&error);
    assert!(matches!(api.status, 400 | 404), "{api:?}");
    assert_eq!(api.code, "BadRequest");
    assert!(api.message.contains("notAThing"), "{}", api.message);
    assert!(api.request_id.is_some());
}

#[tokio::test]
async fn names_that_match_nothing_are_not_found_without_a_service_error() {
    let h = harness::start().await;
    let client = h.client();
    let error = mail::resolve_folder(&client, "No Such Folder").await.unwrap_err();
    assert!(matches!(error, GraphError::NotFound(_)), "{error:?}");
    assert!(error.is_not_found() && error.api().is_none());
    assert!(error.to_string().contains("No Such Folder"), "{error}");

    let error = todo::resolve_list(&client, "Nonexistent list").await.unwrap_err();
    assert!(matches!(error, GraphError::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("Nonexistent list"), "{error}");
}
