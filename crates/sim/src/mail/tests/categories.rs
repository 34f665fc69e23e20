//! Master categories (create, duplicate refused, colour checked, update, delete, addressed by
//! `/users/{upn}` too) and categories on messages: PATCH replaces the list, and the filters
//! the quick filters send (`categories/any`, the sender's address, a received range) select
//! exactly the matching messages.
use serde_json::json;

use crate::server::testing::{ME_UPN, bare_state, call, get};

use super::{ROOT, ids};

const MASTER: &str = "/graph/v1.0/me/outlook/masterCategories";

#[tokio::test]
async fn master_categories_are_created_listed_recoloured_and_deleted() {
    let state = bare_state();
    assert_eq!(get(&state, MASTER).await.json()["value"], json!([]));
    let created = call(&state, "POST", MASTER, Some(json!({"displayName": "Travel", "color": "Preset4"})), &[]).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let travel = created.json();
    assert_eq!((travel["displayName"].clone(), travel["color"].clone()), (json!("Travel"), json!("preset4")));
    assert!(travel["@odata.context"].as_str().unwrap().ends_with("/outlook/masterCategories/$entity"));
    let id = travel["id"].as_str().unwrap().to_owned();

    let again = call(&state, "POST", MASTER, Some(json!({"displayName": "travel"})), &[]).await;
    assert_eq!((again.status.as_u16(), again.error_code()), (409, "ErrorDuplicateCategory".to_owned()));
    for bad in [
        json!({"displayName": "X", "color": "preset25"}),
        json!({"displayName": "X", "color": "red"}),
        json!({"color": "preset1"}),
        json!({"displayName": "X", "id": "mine"}),
    ] {
        assert_eq!(call(&state, "POST", MASTER, Some(bad.clone()), &[]).await.status, 400, "{bad}");
    }
    let plain = call(&state, "POST", MASTER, Some(json!({"displayName": "No colour"})), &[]).await.json();
    assert_eq!(plain["color"], "none");

    let by_upn = get(&state, &format!("{ROOT}/users/{ME_UPN}/outlook/masterCategories")).await.json();
    let names: Vec<&str> =
        by_upn["value"].as_array().unwrap().iter().map(|c| c["displayName"].as_str().unwrap()).collect();
    assert_eq!(names, ["Travel", "No colour"]);

    let recoloured = call(&state, "PATCH", &format!("{MASTER}/{id}"), Some(json!({"color": "preset7"})), &[]).await;
    assert_eq!(recoloured.json()["color"], "preset7");
    let renamed = call(&state, "PATCH", &format!("{MASTER}/{id}"), Some(json!({"displayName": "Trips"})), &[]).await;
    assert_eq!(renamed.status, 400, "the name is read-only");
    assert_eq!(get(&state, &format!("{MASTER}/{id}")).await.json()["displayName"], "Travel");
    assert_eq!(call(&state, "DELETE", &format!("{MASTER}/{id}"), None, &[]).await.status, 204);
    assert_eq!(get(&state, &format!("{MASTER}/{id}")).await.status, 404);
    assert_eq!(call(&state, "DELETE", &format!("{MASTER}/{id}"), None, &[]).await.status, 404);
}

#[tokio::test]
async fn patching_categories_replaces_the_list_and_filters_find_them() {
    let state = bare_state();
    let url = format!("{ROOT}/me/messages/m01");
    let patched = call(&state, "PATCH", &url, Some(json!({"categories": ["Travel", "Blue category"]})), &[]).await;
    assert_eq!(patched.json()["categories"], json!(["Travel", "Blue category"]));
    let patched = call(&state, "PATCH", &url, Some(json!({"categories": ["Travel"]})), &[]).await;
    assert_eq!(patched.json()["categories"], json!(["Travel"]), "the whole list is replaced");
    assert_eq!(call(&state, "PATCH", &url, Some(json!({"categories": "Travel"})), &[]).await.status, 400);

    let list = |filter: &str| {
        let state = state.clone();
        let filter = filter.to_owned();
        async move {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("$filter", &filter)
                .append_pair("$top", "100")
                .finish();
            let answer = get(&state, &format!("{ROOT}/me/mailFolders/inbox/messages?{query}")).await;
            assert_eq!(answer.status, 200, "{filter}: {}", answer.text());
            let mut found = ids(&answer.json());
            found.sort();
            found
        }
    };
    assert_eq!(list("categories/any(c:c eq 'travel')").await, ["m01"]);
    // Every fifth sample message has the Red category.
    assert_eq!(list("categories/any(c:c eq 'Red category')").await, ["m00", "m05", "m10", "m15", "m20"]);
    let ann = list("from/emailAddress/address eq 'annb@contoso.onmicrosoft.com'").await;
    assert_eq!(ann.len(), 12);
    assert!(ann.iter().all(|id| id[1..].parse::<u32>().unwrap() % 2 == 1));
    // Received an hour apart from 2024-05-01T00:00Z; the last one on 2 May.
    let range = "receivedDateTime ge 2024-05-01T20:00:00Z and receivedDateTime lt 2024-05-01T22:00:00Z";
    assert_eq!(list(range).await, ["m20", "m21"]);
    let all = "receivedDateTime ge 2024-05-01T20:00:00Z and from/emailAddress/address eq 'alexw@contoso.onmicrosoft.com' and categories/any(c:c eq 'red category')";
    assert_eq!(list(all).await, ["m20"]);
}
