//! Mail reads: paging, query options, search, errors, text bodies, MIME.
use serde_json::json;

use crate::server::testing::{INBOX_COUNT, ME_UPN, bare_state, call, get};

use super::{ROOT, ids};

#[tokio::test]
async fn inbox_pages_follow_next_links_newest_first() {
    let state = bare_state();
    let mut url = format!("{ROOT}/users/{ME_UPN}/mailFolders/inbox/messages?$select=subject,receivedDateTime&$top=10");
    let mut seen = Vec::new();
    loop {
        let answer = get(&state, &url).await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        let body = answer.json();
        assert!(body["@odata.context"].as_str().unwrap().contains("/messages(subject,receivedDateTime)"));
        for v in body["value"].as_array().unwrap() {
            assert!(v.get("body").is_none() && v.get("subject").is_some());
            seen.push(v["receivedDateTime"].as_str().unwrap().to_owned());
        }
        let Some(next) = body["@odata.nextLink"].as_str() else { break };
        assert!(
            next.starts_with(&format!("{}{ROOT}/users/{ME_UPN}/mailFolders/inbox/messages?", state.urls.origin)),
            "{next}"
        );
        url = next.strip_prefix(&state.urls.origin).unwrap().to_owned();
    }
    assert_eq!(seen.len(), INBOX_COUNT);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(seen, sorted);
}

#[tokio::test]
async fn filter_orderby_count_and_escaping() {
    let state = bare_state();
    let body = get(&state, &format!("{ROOT}/me/messages?$filter=subject%20eq%20'it''s%20late'")).await.json();
    assert_eq!(ids(&body), vec!["m07"]);
    let unread =
        get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages?$filter=isRead%20eq%20false&$count=true&$top=2"))
            .await
            .json();
    assert_eq!(unread["@odata.count"], 9);
    assert_eq!(unread["value"].as_array().unwrap().len(), 2);
    let ordered = get(&state, &format!("{ROOT}/me/messages?$filter=importance%20eq%20'high'%20or%20importance%20eq%20'normal'&$orderby=importance%20desc&$top=1")).await.json();
    assert_eq!(ids(&ordered), vec!["m04"]);
    let lambda =
        get(&state, &format!("{ROOT}/me/messages?$filter=categories/any(c:c%20eq%20'red%20category')")).await.json();
    assert_eq!(ids(&lambda).len(), 5);
    let inefficient =
        get(&state, &format!("{ROOT}/me/messages?$filter=isRead%20eq%20false&$orderby=receivedDateTime%20desc")).await;
    assert_eq!((inefficient.status.as_u16(), inefficient.error_code().as_str()), (400, "InefficientFilter"));
    let bad = get(&state, &format!("{ROOT}/me/messages?$filter=isRead%20eq")).await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"]["message"].as_str().unwrap().starts_with("Invalid filter clause"));
    assert_eq!(get(&state, &format!("{ROOT}/me/messages?$top=0")).await.status, 400);
}

#[tokio::test]
async fn search_rules() {
    let state = bare_state();
    let body = get(&state, &format!("{ROOT}/me/messages?$search=%22Message%2012%22")).await.json();
    assert_eq!(ids(&body), vec!["m12"]);
    let from =
        get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages?$search=%22from:ann%22&$top=100")).await.json();
    assert_eq!(ids(&from).len(), 12);
    let with_filter = get(&state, &format!("{ROOT}/me/messages?$search=%22x%22&$filter=isRead%20eq%20true")).await;
    assert_eq!(with_filter.error_code(), "SearchWithFilter");
    let with_order = get(&state, &format!("{ROOT}/me/messages?$search=%22x%22&$orderby=subject")).await;
    assert_eq!(with_order.error_code(), "SearchWithOrderBy");
}

#[tokio::test]
async fn errors_are_graph_shaped() {
    let state = bare_state();
    let missing = get(&state, &format!("{ROOT}/me/messages/nope")).await;
    assert_eq!((missing.status.as_u16(), missing.error_code().as_str()), (404, "ErrorItemNotFound"));
    assert!(missing.json()["error"]["innerError"]["request-id"].is_string());
    let segment = get(&state, &format!("{ROOT}/me/frobnicate")).await;
    assert_eq!(segment.status, 400);
    assert_eq!(segment.json()["error"]["message"], "Resource not found for the segment 'frobnicate'.");
    let wrong_folder = get(&state, &format!("{ROOT}/me/mailFolders/drafts/messages/m01")).await;
    assert_eq!(wrong_folder.status, 404);
    assert_eq!(get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/m01")).await.status, 200);
}

#[tokio::test]
async fn text_body_preference_and_mime() {
    let state = bare_state();
    let answer = call(
        &state,
        "GET",
        &format!("{ROOT}/me/messages/m03"),
        None,
        &[("Prefer", "outlook.body-content-type=\"text\"")],
    )
    .await;
    assert_eq!(answer.headers["preference-applied"], "outlook.body-content-type=\"text\"");
    let body = answer.json();
    assert_eq!(body["body"]["contentType"], "text");
    assert!(
        body["body"]["content"].as_str().unwrap().contains("Body of")
            && !body["body"]["content"].as_str().unwrap().contains("<p>")
    );
    let mime = get(&state, &format!("{ROOT}/me/messages/m03/$value")).await;
    assert!(mime.headers["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = mime.text();
    assert!(
        text.contains("Subject: Message 03\r\n")
            && text.contains("filename=\"notes.txt\"")
            && text.contains("aGVsbG8="),
        "{text}"
    );
    let attachments = get(&state, &format!("{ROOT}/me/messages/m03/attachments")).await.json();
    assert_eq!(attachments["value"][0]["name"], "notes.txt");
    let raw = get(&state, &format!("{ROOT}/me/messages/m03/attachments/a1/$value")).await;
    assert_eq!(raw.bytes, b"hello");
}

#[tokio::test]
async fn count_segment_expand_top_clamp_and_beta() {
    let state = bare_state();
    let count = get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages/$count?$filter=isRead%20eq%20false")).await;
    assert_eq!(count.text(), "9");
    assert_eq!(get(&state, &format!("{ROOT}/me/messages/$count")).await.text(), (INBOX_COUNT + 1).to_string());
    let expanded = get(&state, &format!("{ROOT}/me/messages/m03?$expand=attachments")).await.json();
    assert_eq!(expanded["attachments"][0]["name"], "notes.txt");
    assert!(get(&state, &format!("{ROOT}/me/messages/m02")).await.json().get("attachments").is_none());
    assert_eq!(get(&state, &format!("{ROOT}/me/messages?$expand=frobs")).await.status, 400);
    assert_eq!(get(&state, &format!("{ROOT}/me/messages?$frob=1")).await.status, 400);
    {
        let mut tenant = state.tenant.write().unwrap();
        for i in 0..1100 {
            tenant.messages.insert(json!({"id": format!("bulk{i}"), "parentFolderId": "f-archive", "receivedDateTime": "2020-01-01T00:00:00Z"}));
        }
    }
    let clamped = get(&state, &format!("{ROOT}/me/mailFolders/archive/messages?$top=5000&$select=id")).await.json();
    assert_eq!(clamped["value"].as_array().unwrap().len(), 1000);
    assert!(clamped["@odata.nextLink"].as_str().unwrap().ends_with("$top=5000&$select=id&$skip=1000"));
    let beta = get(&state, "/graph/beta/me/mailFolders/inbox/messages?$top=1").await.json();
    assert!(beta["@odata.context"].as_str().unwrap().contains("/graph/beta/$metadata#"));
    assert!(beta["@odata.nextLink"].as_str().unwrap().contains("/graph/beta/me/mailFolders/inbox/messages?"));
    let text = call(
        &state,
        "GET",
        &format!("{ROOT}/me/messages?$top=1"),
        None,
        &[("Prefer", "outlook.body-content-type=\"text\"")],
    )
    .await;
    assert_eq!(text.headers["preference-applied"], "outlook.body-content-type=\"text\"");
    assert_eq!(text.json()["value"][0]["body"]["contentType"], "text");
}

#[tokio::test]
async fn root_found_without_its_well_known_name() {
    let state = bare_state();
    state.tenant.write().unwrap().well_known_folders.remove("msgfolderroot");
    let top = get(&state, &format!("{ROOT}/me/mailFolders?$top=50")).await.json();
    assert_eq!(top["value"].as_array().unwrap().len(), 5);
    assert_eq!(
        get(&state, &format!("{ROOT}/me/contactFolders/cf-default/contacts?$top=20")).await.json()["value"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
}

#[tokio::test]
async fn headers_and_unique_body_only_when_selected() {
    let state = bare_state();
    let plain = get(&state, &format!("{ROOT}/me/messages/m02")).await.json();
    assert!(plain.get("internetMessageHeaders").is_none() && plain.get("uniqueBody").is_none());
    let url = format!("{ROOT}/me/messages/m02?$select=internetMessageHeaders,uniqueBody");
    let selected = get(&state, &url).await.json();
    let headers = selected["internetMessageHeaders"].as_array().unwrap();
    let subject = headers.iter().find(|h| h["name"] == "Subject").unwrap();
    assert_eq!(subject["value"], "Message 02");
    assert_eq!(selected["uniqueBody"]["contentType"], "html");
    let listed = get(&state, &format!("{ROOT}/me/messages?$select=internetMessageHeaders&$top=1")).await.json();
    assert!(listed["value"][0]["internetMessageHeaders"].as_array().unwrap().iter().any(|h| h["name"] == "Message-ID"));
}
