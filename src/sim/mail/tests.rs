//! Endpoint tests for mail: paging, query options, errors, and every write with its effect.
use serde_json::{Value, json};

use crate::sim::server::testing::{INBOX_COUNT, ME_UPN, bare_state, call, get};

const ROOT: &str = "/graph/v1.0";

fn ids(body: &Value) -> Vec<String> {
    body["value"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}

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
async fn folders_counts_hidden_and_writes() {
    let state = bare_state();
    let top = get(&state, &format!("{ROOT}/me/mailFolders?$top=50")).await.json();
    let names: Vec<_> =
        top["value"].as_array().unwrap().iter().map(|f| f["displayName"].as_str().unwrap().to_owned()).collect();
    assert!(names.contains(&"Inbox".to_owned()) && !names.contains(&"Conversation History".to_owned()));
    let hidden = get(&state, &format!("{ROOT}/me/mailFolders?includeHiddenFolders=true&$top=50")).await.json();
    assert_eq!(hidden["value"].as_array().unwrap().len(), names.len() + 1);
    let inbox = get(&state, &format!("{ROOT}/me/mailFolders/Inbox")).await.json();
    assert_eq!(
        (inbox["totalItemCount"].as_u64(), inbox["unreadItemCount"].as_u64(), inbox["childFolderCount"].as_u64()),
        (Some(25), Some(9), Some(1))
    );

    let created = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/inbox/childFolders"),
        Some(json!({"displayName": "Receipts"})),
        &[],
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let new_id = created.json()["id"].as_str().unwrap().to_owned();
    let again = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/inbox/childFolders"),
        Some(json!({"displayName": "receipts"})),
        &[],
    )
    .await;
    assert_eq!(again.status, 409);
    let children = get(&state, &format!("{ROOT}/me/mailFolders/inbox/childFolders")).await.json();
    assert_eq!(children["value"].as_array().unwrap().len(), 2);
    let renamed =
        call(&state, "PATCH", &format!("{ROOT}/me/mailFolders/{new_id}"), Some(json!({"displayName": "Bills"})), &[])
            .await;
    assert_eq!(renamed.json()["displayName"], "Bills");
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/mailFolders/{new_id}"), None, &[]).await.status, 204);
    assert_eq!(get(&state, &format!("{ROOT}/me/mailFolders/{new_id}")).await.status, 404);
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/mailFolders/inbox"), None, &[]).await.status, 400);
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
async fn patch_respects_draft_only_fields() {
    let state = bare_state();
    let patched = call(&state, "PATCH", &format!("{ROOT}/me/messages/m00"), Some(json!({"isRead": true, "flag": {"flagStatus": "flagged"}, "categories": ["Blue category"], "importance": "HIGH"})), &[]).await;
    assert_eq!(patched.status, 200, "{}", patched.text());
    let body = patched.json();
    assert_eq!(
        (body["isRead"].clone(), body["flag"]["flagStatus"].clone(), body["importance"].clone()),
        (json!(true), json!("flagged"), json!("high"))
    );
    assert_ne!(body["@odata.etag"], "W/\"CQAAAB0\"");
    let subject = call(&state, "PATCH", &format!("{ROOT}/me/messages/m00"), Some(json!({"subject": "new"})), &[]).await;
    assert_eq!(subject.status, 400);
    let draft = call(
        &state,
        "PATCH",
        &format!("{ROOT}/me/messages/d1"),
        Some(json!({"subject": "new", "body": {"contentType": "HTML", "content": "<b>x</b>"}})),
        &[],
    )
    .await;
    assert_eq!(draft.json()["body"]["contentType"], "html");
    assert_eq!(draft.json()["bodyPreview"], "x");
    assert_eq!(
        call(&state, "PATCH", &format!("{ROOT}/me/messages/m00"), Some(json!({"isRead": "yes"})), &[]).await.status,
        400
    );
}

#[tokio::test]
async fn delete_move_copy_permanent() {
    let state = bare_state();
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/messages/m01"), None, &[]).await.status, 204);
    assert_eq!(get(&state, &format!("{ROOT}/me/messages/m01")).await.status, 404);
    let deleted = get(&state, &format!("{ROOT}/me/mailFolders/deleteditems/messages")).await.json();
    let moved_id = ids(&deleted)[0].clone();
    assert_eq!(deleted["value"][0]["subject"], "Message 01");
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/messages/{moved_id}"), None, &[]).await.status, 204);
    assert!(ids(&get(&state, &format!("{ROOT}/me/mailFolders/deleteditems/messages")).await.json()).is_empty());

    let moved =
        call(&state, "POST", &format!("{ROOT}/me/messages/m03/move"), Some(json!({"destinationId": "archive"})), &[])
            .await;
    assert_eq!(moved.status, 201);
    let new_id = moved.json()["id"].as_str().unwrap().to_owned();
    assert_ne!(new_id, "m03");
    assert_eq!(moved.json()["parentFolderId"], "f-archive");
    assert_eq!(
        get(&state, &format!("{ROOT}/me/messages/{new_id}/attachments")).await.json()["value"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let copied = call(
        &state,
        "POST",
        &format!("{ROOT}/me/messages/m05/copy"),
        Some(json!({"destinationId": "f-projects"})),
        &[],
    )
    .await;
    assert_eq!(copied.status, 201);
    assert_eq!(get(&state, &format!("{ROOT}/me/messages/m05")).await.status, 200);
    assert_eq!(
        call(&state, "POST", &format!("{ROOT}/me/messages/m05/move"), Some(json!({"destinationId": "nowhere"})), &[])
            .await
            .status,
        404
    );
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/messages/m06/permanentDelete"), None, &[]).await.status, 204);
    assert_eq!(
        get(&state, &format!("{ROOT}/me/mailFolders/deleteditems/messages")).await.json()["value"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn send_mail_saves_and_delivers_to_owner() {
    let state = bare_state();
    let mail = json!({"message": {
        "subject": "Lunch?", "body": {"contentType": "Text", "content": "At noon"},
        "toRecipients": [{"emailAddress": {"address": ME_UPN}}, {"emailAddress": {"address": "alexw@contoso.onmicrosoft.com"}}],
        "attachments": [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "menu.txt", "contentType": "text/plain", "contentBytes": "bWVudQ=="}]
    }});
    let sent = call(&state, "POST", &format!("{ROOT}/me/sendMail"), Some(mail), &[]).await;
    assert_eq!(sent.status, 202, "{}", sent.text());
    assert!(sent.bytes.is_empty());
    let box_sent = get(&state, &format!("{ROOT}/me/mailFolders/sentitems/messages")).await.json();
    let m = &box_sent["value"][0];
    assert_eq!(
        (m["subject"].clone(), m["isRead"].clone(), m["isDraft"].clone(), m["hasAttachments"].clone()),
        (json!("Lunch?"), json!(true), json!(false), json!(true))
    );
    assert_eq!(m["from"]["emailAddress"]["address"], ME_UPN);
    let inbox =
        get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages?$filter=subject%20eq%20'Lunch%3F'")).await.json();
    assert_eq!(inbox["value"][0]["isRead"], false);
    let no_save = json!({"message": {"subject": "x", "toRecipients": [{"emailAddress": {"address": "a@b.com"}}]}, "saveToSentItems": false});
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/sendMail"), Some(no_save), &[]).await.status, 202);
    assert_eq!(
        get(&state, &format!("{ROOT}/me/mailFolders/sentitems/messages")).await.json()["value"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let nobody =
        call(&state, "POST", &format!("{ROOT}/me/sendMail"), Some(json!({"message": {"subject": "x"}})), &[]).await;
    assert_eq!((nobody.status.as_u16(), nobody.error_code().as_str()), (400, "ErrorInvalidRecipients"));
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/sendMail"), Some(json!({"nope": 1})), &[]).await.status, 400);
}

#[tokio::test]
async fn drafts_attachments_send_and_replies() {
    let state = bare_state();
    let draft = call(&state, "POST", &format!("{ROOT}/me/messages"), Some(json!({"subject": "Plan", "toRecipients": [{"emailAddress": {"address": "alexw@contoso.onmicrosoft.com"}}]})), &[]).await;
    assert_eq!(draft.status, 201);
    let draft = draft.json();
    let id = draft["id"].as_str().unwrap();
    assert_eq!((draft["isDraft"].clone(), draft["parentFolderId"].clone()), (json!(true), json!("f-drafts")));
    let attached = call(
        &state,
        "POST",
        &format!("{ROOT}/me/messages/{id}/attachments"),
        Some(json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.bin", "contentBytes": "AAEC"})),
        &[],
    )
    .await;
    assert_eq!(attached.status, 201);
    assert_eq!(attached.json()["size"], 3);
    assert_eq!(
        call(
            &state,
            "POST",
            &format!("{ROOT}/me/messages/{id}/attachments"),
            Some(json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": "b", "contentBytes": "%%%"})),
            &[]
        )
        .await
        .status,
        400
    );
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/messages/{id}/send"), None, &[]).await.status, 202);
    assert_eq!(get(&state, &format!("{ROOT}/me/messages/{id}")).await.status, 404);
    let sent = get(&state, &format!("{ROOT}/me/mailFolders/sentitems/messages")).await.json();
    assert_eq!(
        (sent["value"][0]["subject"].clone(), sent["value"][0]["hasAttachments"].clone()),
        (json!("Plan"), json!(true))
    );
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/messages/m02/send"), None, &[]).await.status, 400);

    let reply = call(
        &state,
        "POST",
        &format!("{ROOT}/me/messages/m02/createReply"),
        Some(json!({"comment": "Sounds good"})),
        &[],
    )
    .await;
    assert_eq!(reply.status, 201);
    let reply = reply.json();
    assert_eq!(
        (reply["subject"].clone(), reply["conversationId"].clone(), reply["isDraft"].clone()),
        (json!("RE: Message 02"), json!("conv2"), json!(true))
    );
    assert_eq!(reply["toRecipients"][0]["emailAddress"]["address"], "AlexW@contoso.onmicrosoft.com");
    assert!(reply["body"]["content"].as_str().unwrap().contains("Sounds good"));
    let forward = call(
        &state,
        "POST",
        &format!("{ROOT}/me/messages/m03/createForward"),
        Some(json!({"toRecipients": [{"emailAddress": {"address": "x@y.com"}}]})),
        &[],
    )
    .await
    .json();
    assert_eq!((forward["subject"].clone(), forward["hasAttachments"].clone()), (json!("FW: Message 03"), json!(true)));
    let both = call(
        &state,
        "POST",
        &format!("{ROOT}/me/messages/m02/reply"),
        Some(json!({"comment": "a", "message": {"body": {"content": "b"}}})),
        &[],
    )
    .await;
    assert_eq!(both.status, 400);
    assert_eq!(
        call(&state, "POST", &format!("{ROOT}/me/messages/m02/replyAll"), Some(json!({"comment": "ok"})), &[])
            .await
            .status,
        202
    );
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
async fn folders_move_and_copy() {
    let state = bare_state();
    let moved = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/f-projects/move"),
        Some(json!({"destinationId": "archive"})),
        &[],
    )
    .await;
    assert_eq!(moved.status, 201);
    assert_eq!(moved.json()["parentFolderId"], "f-archive");
    let into_self = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/archive/move"),
        Some(json!({"destinationId": "f-projects"})),
        &[],
    )
    .await;
    assert_eq!(into_self.status, 400);
    call(&state, "POST", &format!("{ROOT}/me/messages/m01/move"), Some(json!({"destinationId": "f-projects"})), &[])
        .await;
    let copied = call(
        &state,
        "POST",
        &format!("{ROOT}/me/mailFolders/f-projects/copy"),
        Some(json!({"destinationId": "inbox"})),
        &[],
    )
    .await;
    assert_eq!(copied.status, 201, "{}", copied.text());
    let copy = copied.json();
    assert_ne!(copy["id"], "f-projects");
    assert_eq!((copy["displayName"].clone(), copy["totalItemCount"].clone()), (json!("Projects"), json!(1)));
    assert_eq!(get(&state, &format!("{ROOT}/me/mailFolders/f-projects")).await.json()["totalItemCount"], 1);
}
