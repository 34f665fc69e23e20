//! Mail writes and their effect on the store: folders, PATCH, moves, sending, replies.
use serde_json::json;

use crate::server::testing::{ME_UPN, bare_state, call, get};

use super::{ROOT, ids};

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

#[tokio::test]
async fn large_attachment_through_an_upload_session() {
    let state = bare_state();
    let url = format!("{ROOT}/me/messages/m02/attachments/createUploadSession");
    let item = json!({"AttachmentItem": {"attachmentType": "file", "name": "big.bin", "size": 10}});
    let session = call(&state, "POST", &url, Some(item), &[]).await;
    assert_eq!(session.status, 201, "{}", session.text());
    let session = session.json();
    assert_eq!(session["nextExpectedRanges"], json!(["0-"]));
    assert!(session["@odata.context"].as_str().unwrap().ends_with("$metadata#microsoft.graph.uploadSession"));
    let upload = session["uploadUrl"].as_str().unwrap().strip_prefix(&state.urls.origin).unwrap().to_owned();
    let put = |range: &'static str, bytes: &'static [u8]| {
        let state = state.clone();
        let upload = upload.clone();
        async move { crate::server::testing::put_bytes(&state, &upload, range, bytes).await }
    };
    let first = put("bytes 0-3/10", b"0123").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.json()["nextExpectedRanges"], json!(["4"]));
    assert_eq!(put("bytes 0-3/10", b"0123").await.status, 416);
    assert_eq!(put("bytes 4-9/12", b"456789").await.status, 416);
    let last = put("bytes 4-9/10", b"456789").await;
    assert_eq!(last.status, 201);
    let location = last.headers["location"].to_str().unwrap().to_owned();
    assert!(location.contains("/messages('m02')/attachments('"), "{location}");
    let list = get(&state, &format!("{ROOT}/me/messages/m02/attachments")).await.json();
    let attachment_id = list["value"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!((list["value"][0]["name"].clone(), list["value"][0]["size"].clone()), (json!("big.bin"), json!(10)));
    assert_eq!(
        get(&state, &format!("{ROOT}/me/messages/m02/attachments/{attachment_id}/$value")).await.bytes,
        b"0123456789"
    );
    assert_eq!(get(&state, &format!("{ROOT}/me/messages/m02")).await.json()["hasAttachments"], true);
    assert_eq!(put("bytes 0-3/10", b"0123").await.status, 404);

    let other = call(
        &state,
        "POST",
        &url,
        Some(json!({"AttachmentItem": {"attachmentType": "file", "name": "x", "size": 4}})),
        &[],
    )
    .await
    .json();
    let other_url = other["uploadUrl"].as_str().unwrap().strip_prefix(&state.urls.origin).unwrap().to_owned();
    assert_eq!(call(&state, "DELETE", &other_url, None, &[]).await.status, 204);
    assert_eq!(crate::server::testing::put_bytes(&state, &other_url, "bytes 0-3/4", b"abcd").await.status, 404);
    assert!(get(&state, &format!("{ROOT}/me/messages/m02")).await.json().get("_uploadSessions").is_none());
}

#[tokio::test]
async fn a_message_sent_to_a_tenant_anchored_in_the_future_is_stamped_on_its_clock_and_listed_first() {
    let anchor = chrono::DateTime::parse_from_rfc3339("2028-02-29T23:30:00Z").unwrap().with_timezone(&chrono::Utc);
    let tenant = crate::store::Tenant {
        clock: crate::clock::DataClock::starting_at(anchor),
        ..crate::server::testing::sample_tenant()
    };
    let state = crate::server::testing::state_with(tenant, "http://127.0.0.1:9");
    let mail = json!({"message": {"subject": "Leap day", "toRecipients": [{"emailAddress": {"address": ME_UPN}}]}});
    assert_eq!(call(&state, "POST", &format!("{ROOT}/me/sendMail"), Some(mail), &[]).await.status, 202);
    let inbox = get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages?$top=1")).await.json();
    let newest = &inbox["value"][0];
    assert_eq!(newest["subject"], "Leap day", "newest first: {inbox}");
    assert!(newest["receivedDateTime"].as_str().unwrap().starts_with("2028-02-29T23:3"), "{newest}");
}
