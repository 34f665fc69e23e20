//! Endpoint tests for contacts and contact folders.
use crate::server::testing::{bare_state, get};

const ROOT: &str = "/graph/v1.0";

#[tokio::test]
async fn contacts_page_filter_and_folders() {
    let state = bare_state();
    // `/me/contacts` is the default folder's: Friends' two are not in it.
    let first =
        get(&state, &format!("{ROOT}/me/contacts?$select=displayName&$orderby=displayName%20desc&$top=8")).await.json();
    assert_eq!(first["value"].as_array().unwrap().len(), 8);
    assert_eq!(first["value"][0]["displayName"], "Contact 09");
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
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts/c11")).await.json()["displayName"], "Contact 11");
    let children = get(&state, &format!("{ROOT}/me/contactFolders/cf-friends/childFolders")).await.json();
    assert_eq!(children["value"].as_array().unwrap().len(), 0);
    let top = get(&state, &format!("{ROOT}/me/contactFolders/cf-default/childFolders")).await.json();
    assert_eq!(top["value"][0]["id"], "cf-friends");
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
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts?$top=50")).await.json()["value"].as_array().unwrap().len(), 11);
    let in_folder = format!("{ROOT}/me/contactFolders/cf-friends/contacts/c10");
    let moved = call(&state, "PATCH", &in_folder, Some(json!({"nickName": "Ten"})), &[]).await;
    assert_eq!(moved.json()["nickName"], "Ten");
    let wrong_folder = format!("{ROOT}/me/contactFolders/cf-friends/contacts/c01");
    assert_eq!(call(&state, "PATCH", &wrong_folder, Some(json!({"nickName": "x"})), &[]).await.status, 404);
    assert_eq!(call(&state, "DELETE", &wrong_folder, None, &[]).await.status, 404);
    assert_eq!(call(&state, "DELETE", &in_folder, None, &[]).await.status, 204);
    assert_eq!(call(&state, "DELETE", &format!("{ROOT}/me/contacts/{id}"), None, &[]).await.status, 204);
    assert_eq!(get(&state, &format!("{ROOT}/me/contacts/{id}")).await.status, 404);
}
