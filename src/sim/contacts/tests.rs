//! Endpoint tests for contacts and contact folders.
use crate::sim::server::testing::{bare_state, get};

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
