//! Endpoint tests for contacts and contact folders.
use crate::server::testing::{bare_state, get};

const ROOT: &str = "/graph/v1.0";

#[tokio::test]
async fn contacts_page_filter_and_folders() {
    let state = bare_state();
    let first =
        get(&state, &format!("{ROOT}/me/contacts?$select=displayName&$orderby=displayName%20desc")).await.json();
    assert_eq!(first["value"].as_array().unwrap().len(), 10);
    assert_eq!(first["value"][0]["displayName"], "Contact 11");
    assert!(first["value"][0].get("emailAddresses").is_none());
    let next = first["@odata.nextLink"].as_str().unwrap().strip_prefix(&state.urls.origin).unwrap().to_owned();
    assert_eq!(get(&state, &next).await.json()["value"].as_array().unwrap().len(), 2);
    let contoso = get(&state, &format!("{ROOT}/me/contacts?$filter=companyName%20eq%20'contoso'&$top=3")).await.json();
    assert_eq!(contoso["value"].as_array().unwrap().len(), 3);
    assert!(contoso["@odata.nextLink"].is_string());
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts/c03")).await.json()["surname"], "03");
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts/zz")).await.error_code(), "ErrorItemNotFound");
    let folders = get(&state, &format!("{ROOT}/me/contactFolders")).await.json();
    assert_eq!(folders["value"][0]["displayName"], "Friends");
    let friends = get(&state, &format!("{ROOT}/me/contactFolders/cf-friends/contacts")).await.json();
    assert_eq!(friends["value"].as_array().unwrap().len(), 2);
    assert_eq!(get(&state, &format!("{ROOT}/me/contactFolders/cf-friends/contacts/c01")).await.status, 404);
}

#[tokio::test]
async fn contacts_create_update_delete() {
    use crate::server::testing::call;
    use serde_json::json;
    let state = bare_state();
    let body = json!({"givenName": "Pavel", "surname": "Bansky", "businessPhones": ["+1 732 555 0102"],
                      "emailAddresses": [{"address": "pavelb@fabrikam.onmicrosoft.com", "name": "Pavel Bansky"}]});
    let created = call(&state, "POST", &format!("{ROOT}/me/contacts"), Some(body), &[]).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (created["displayName"].clone(), created["parentFolderId"].clone()),
        (json!("Pavel Bansky"), json!("cf-default"))
    );
    assert!(created["@odata.etag"].is_string());
    let in_friends = call(
        &state,
        "POST",
        &format!("{ROOT}/me/contactFolders/cf-friends/contacts"),
        Some(json!({"givenName": "Zed"})),
        &[],
    )
    .await;
    assert_eq!(in_friends.json()["parentFolderId"], "cf-friends");
    assert_eq!(
        call(&state, "POST", &format!("{ROOT}/me/contactFolders/nope/contacts"), Some(json!({})), &[]).await.status,
        404
    );
    assert_eq!(
        call(&state, "POST", &format!("{ROOT}/me/contacts"), Some(json!({"shoeSize": 9})), &[]).await.status,
        400
    );
    let updated =
        call(&state, "PATCH", &format!("{ROOT}/me/contacts/{id}"), Some(json!({"jobTitle": "Product Manager"})), &[])
            .await;
    assert_eq!(updated.json()["jobTitle"], "Product Manager");
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts?$top=50")).await.json()["value"].as_array().unwrap().len(), 14);
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/contacts/{id}"), None, &[]).await.status, 204);
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts/{id}")).await.status, 404);
}
