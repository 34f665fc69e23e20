//! End to end over loopback through the real `sim::router`: identity's tokens, the mailbox
//! rewrite, paging links, batch sub-requests carrying the caller's token, and shutdown.
use serde_json::{Value, json};

use super::testing::{INBOX_COUNT, ME_UPN, device_code_token, spawn_real};

#[tokio::test]
async fn a_signed_in_client_pages_batches_and_is_refused_without_a_token() {
    let (state, server) = spawn_real().await;
    let origin = state.urls.origin.clone();
    let client = reqwest::Client::new();
    let anonymous = client.get(format!("{origin}/graph/v1.0/me")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let token = device_code_token(&origin, &client).await;
    let me = client
        .get(format!("{origin}/graph/v1.0/me"))
        .bearer_auth(&token)
        .header("client-request-id", "c-1")
        .send()
        .await
        .unwrap();
    assert_eq!(me.headers()["client-request-id"], "c-1");
    assert!(me.headers()["request-id"].to_str().unwrap().len() >= 32);
    assert!(me.headers()["content-type"].to_str().unwrap().starts_with("application/json;odata.metadata=minimal"));
    assert_eq!(me.json::<Value>().await.unwrap()["userPrincipalName"], ME_UPN);

    let mut next =
        Some(format!("{origin}/graph/v1.0/users/{ME_UPN}/mailFolders/Inbox/messages?$top=7&$select=subject"));
    let mut total = 0;
    while let Some(url) = next {
        let page: Value = client.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        total += page["value"].as_array().expect("a page").len();
        next = page["@odata.nextLink"].as_str().map(str::to_owned);
        if let Some(n) = &next {
            assert!(n.starts_with(&format!("{origin}/graph/v1.0/users/{ME_UPN}/mailFolders/Inbox/messages?")), "{n}");
        }
    }
    assert_eq!(total, INBOX_COUNT);

    let batch = json!({"requests": [
        {"id": "me", "method": "GET", "url": "/me?$select=displayName"},
        {"id": "read", "method": "PATCH", "url": "me/messages/m00", "headers": {"Content-Type": "application/json"}, "body": {"isRead": true}, "dependsOn": ["me"]}
    ]});
    let answer =
        client.post(format!("{origin}/graph/v1.0/$batch")).bearer_auth(&token).json(&batch).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: Value = answer.json().await.unwrap();
    let statuses: Vec<_> = body["responses"].as_array().unwrap().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, vec![json!(200), json!(200)]);
    assert_eq!(body["responses"][0]["body"]["displayName"], "Adele Vance");
    assert_eq!(state.tenant.read().unwrap().messages.get("m00").unwrap()["isRead"], true);

    // Upload session URLs take no Authorization header.
    let item = json!({"AttachmentItem": {"attachmentType": "file", "name": "a.txt", "size": 3}});
    let session: Value = client
        .post(format!("{origin}/graph/v1.0/me/messages/m02/attachments/createUploadSession"))
        .bearer_auth(&token)
        .json(&item)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let upload_url = session["uploadUrl"].as_str().expect("an upload URL");
    let done = client.put(upload_url).header("Content-Range", "bytes 0-2/3").body("abc").send().await.unwrap();
    assert_eq!(done.status(), 201);
    assert!(done.headers()["location"].to_str().unwrap().starts_with(&format!("{origin}/graph/v1.0/users('")));

    state.identity.expire_access_tokens();
    let expired =
        client.post(format!("{origin}/graph/v1.0/$batch")).bearer_auth(&token).json(&batch).send().await.unwrap();
    assert_eq!(expired.status(), 401);
    server.shutdown().await;
    assert!(client.get(format!("{origin}/graph/v1.0/me")).send().await.is_err());
}
