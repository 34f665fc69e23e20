//! Endpoint tests for `/me`, `/users`, other mailboxes and `/me/people`.
use serde_json::json;

use crate::server::testing::{ME_ID, ME_UPN, TEST_SCOPES, bare_state, call, get};

const ROOT: &str = "/graph/v1.0";

#[tokio::test]
async fn me_has_the_default_property_set() {
    let state = bare_state();
    let me = get(&state, &format!("{ROOT}/me")).await.json();
    let mut keys: Vec<_> = me.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "@odata.context",
            "businessPhones",
            "displayName",
            "givenName",
            "id",
            "jobTitle",
            "mail",
            "mobilePhone",
            "officeLocation",
            "preferredLanguage",
            "surname",
            "userPrincipalName"
        ]
    );
    assert!(me["@odata.context"].as_str().unwrap().ends_with("/graph/v1.0/$metadata#users/$entity"));
    let selected = get(&state, &format!("{ROOT}/me?$select=department,displayName")).await.json();
    assert_eq!(selected["department"], "Retail");
    assert!(selected.get("jobTitle").is_none());
}

#[tokio::test]
async fn users_paging_search_and_consistency_level() {
    let state = bare_state();
    let page = get(&state, &format!("{ROOT}/users?$top=3&$select=displayName")).await.json();
    assert_eq!(page["value"].as_array().unwrap().len(), 3);
    let next = page["@odata.nextLink"].as_str().unwrap();
    assert!(next.contains("$skiptoken=") && next.contains("$select=displayName"), "{next}");
    let rest = get(&state, next.strip_prefix(&state.urls.origin).unwrap()).await.json();
    assert_eq!(rest["value"].as_array().unwrap().len(), 1);
    assert!(rest.get("@odata.nextLink").is_none());

    let search =
        format!("{ROOT}/users?$search=%22displayName:bee%22%20OR%20%22mail:meganb%22&$count=true&$orderby=displayName");
    let refused = get(&state, &search).await;
    assert_eq!((refused.status.as_u16(), refused.error_code().as_str()), (400, "Request_UnsupportedQuery"));
    let found = call(&state, "GET", &search, None, &[("ConsistencyLevel", "eventual")]).await.json();
    assert_eq!(found["@odata.count"], 2);
    let names: Vec<_> = found["value"].as_array().unwrap().iter().map(|u| u["displayName"].clone()).collect();
    assert_eq!(names, vec![json!("Ann Beebe"), json!("Megan Bowen")]);
    assert_eq!(get(&state, &format!("{ROOT}/users?$skip=2")).await.error_code(), "Request_BadRequest");
    let filtered = get(&state, &format!("{ROOT}/users?$filter=startswith(displayName,'al')")).await.json();
    assert_eq!(filtered["value"][0]["id"], "u-alex");
}

#[tokio::test]
async fn single_users_and_other_mailboxes() {
    let state = bare_state();
    assert_eq!(get(&state, &format!("{ROOT}/users/annb@contoso.onmicrosoft.com")).await.json()["id"], "u-ann");
    assert_eq!(get(&state, &format!("{ROOT}/users/{ME_ID}")).await.json()["userPrincipalName"], ME_UPN);
    let missing = get(&state, &format!("{ROOT}/users/nobody")).await;
    assert_eq!((missing.status.as_u16(), missing.error_code().as_str()), (404, "Request_ResourceNotFound"));
    let other = get(&state, &format!("{ROOT}/users/u-ann/messages")).await;
    assert_eq!((other.status.as_u16(), other.error_code().as_str()), (404, "MailboxNotEnabledForRESTAPI"));
    assert_eq!(get(&state, &format!("{ROOT}/users/ghost/messages")).await.error_code(), "ErrorInvalidUser");
    // The owner addressed by UPN reaches the same mailbox as /me.
    let mine = get(&state, &format!("{ROOT}/users/{ME_UPN}/messages/m01")).await;
    assert_eq!(mine.json()["subject"], "Message 01");
}

#[tokio::test]
async fn people_search_and_paging() {
    let state = bare_state();
    let first = get(&state, &format!("{ROOT}/me/people")).await.json();
    assert_eq!(first["value"].as_array().unwrap().len(), 10);
    assert!(first["@odata.nextLink"].as_str().unwrap().contains("$skip=10"));
    let irene = get(&state, &format!("{ROOT}/me/people?$search=%22Irene%20McGowen%22")).await.json();
    assert_eq!(irene["value"][0]["id"], "p04");
    assert_eq!(irene["value"].as_array().unwrap().len(), 1);
    let by_address = get(&state, &format!("{ROOT}/me/people?$search=%22p29@contoso%22")).await.json();
    assert_eq!(by_address["value"][0]["id"], "p29");
}

/// With `User.ReadBasic.All` alone, other users' properties outside the basic profile come
/// back null (lists empty), as Graph answers them; the signed-in user's own stay whole, and a
/// permission that reads full profiles reads them all.
#[tokio::test]
async fn read_basic_all_reads_only_the_basic_profile_of_others() {
    let state = bare_state();
    let basic = [(TEST_SCOPES, "User.Read User.ReadBasic.All")];
    let uri = format!(
        "{ROOT}/users?$filter=startswith(displayName,'al')&$select=id,displayName,mail,jobTitle,department,businessPhones,officeLocation"
    );
    let alex = &call(&state, "GET", &uri, None, &basic).await.json()["value"][0];
    assert_eq!(alex["id"], "u-alex");
    assert_eq!(alex["displayName"], "Alex Wilber");
    assert_eq!(alex["mail"], "AlexW@contoso.onmicrosoft.com");
    assert_eq!(
        (&alex["jobTitle"], &alex["department"], &alex["officeLocation"]),
        (&json!(null), &json!(null), &json!(null))
    );
    assert_eq!(alex["businessPhones"], json!([]));

    // The default property set, one user by id: the same rule.
    let one = call(&state, "GET", &format!("{ROOT}/users/u-ann"), None, &basic).await.json();
    assert_eq!((one["displayName"].as_str(), one["jobTitle"].as_str()), (Some("Ann Beebe"), None));
    assert_eq!(one["surname"], "Beebe");
    // The signed-in user, as /me or by id, reads their own full profile.
    let me = call(&state, "GET", &format!("{ROOT}/users/{ME_ID}?$select=jobTitle,department"), None, &basic).await;
    assert_eq!(me.json()["department"], "Retail");
    assert_eq!(call(&state, "GET", &format!("{ROOT}/me"), None, &basic).await.json()["jobTitle"], "Retail Manager");

    let full = [(TEST_SCOPES, "User.ReadBasic.All User.Read.All")];
    let alex = &call(&state, "GET", &uri, None, &full).await.json()["value"][0];
    assert_eq!(alex["department"], "Retail");
    assert_eq!(alex["businessPhones"], json!(["+1 412 555 0109"]));
}

#[tokio::test]
async fn photos_are_their_bytes_or_image_not_found() {
    let state = bare_state();
    {
        let mut tenant = state.tenant.write().unwrap();
        let ann = tenant.users.get_mut("u-ann").unwrap();
        ann["_photo"] = json!("iVBORw0KGgo=");
        ann["_photoContentType"] = json!("image/png");
    }
    let photo = get(&state, &format!("{ROOT}/users/AnnB@contoso.onmicrosoft.com/photo/$value")).await;
    assert_eq!(photo.status.as_u16(), 200);
    assert_eq!(photo.headers["content-type"], "image/png");
    assert_eq!(photo.bytes, b"\x89PNG\r\n\x1a\n");
    for uri in [format!("{ROOT}/me/photo/$value"), format!("{ROOT}/users/u-alex/photo/$value")] {
        let none = get(&state, &uri).await;
        assert_eq!((none.status.as_u16(), none.error_code().as_str()), (404, "ImageNotFound"), "{uri}");
    }
    assert_eq!(get(&state, &format!("{ROOT}/users/ghost/photo/$value")).await.error_code(), "Request_ResourceNotFound");
}
