//! The client library's people calls against the simulated tenant: contacts and contact
//! folders (reads and writes, the tenant's state checked), the directory's `$search` rule and
//! its `startswith` fallback, the manager, people, mailbox settings and task linked resources.
use crate::harness;

use std::sync::Arc;

use axum::Json;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::routing::get;
use o365_graph::auth::{AccessToken, StaticToken, TokenProvider};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::dto::{self, AutomaticRepliesSetting, AutomaticRepliesStatus, Contact, EmailAddress, NewTask};
use o365_graph::paging;
use o365_graph::{contacts, mailbox_settings, todo, users};
use serde_json::{Value, json};

fn pavel() -> Contact {
    Contact {
        display_name: Some("Pavel Bansky".into()),
        given_name: Some("Pavel".into()),
        surname: Some("Bansky".into()),
        email_addresses: vec![EmailAddress { name: None, address: Some("pavelb@fabrikam.example".into()) }],
        business_phones: vec!["+1 732 555 0102".into()],
        ..Contact::default()
    }
}

#[tokio::test]
async fn contacts_and_folders_are_read_and_written() {
    let h = harness::start().await;
    let client = h.client();
    let default = contacts::list_contacts(&client, None).await.unwrap();
    let folders = contacts::list_contact_folders(&client).await.unwrap();
    assert_eq!(folders.iter().filter_map(|f| f.display_name.as_deref()).collect::<Vec<_>>(), ["Suppliers"]);
    let suppliers = contacts::list_folder_contacts(&client, &folders[0].id, None).await.unwrap();
    assert!(!default.is_empty() && !suppliers.is_empty());
    assert!(default.iter().all(|c| c.parent_folder_id != Some(folders[0].id.clone())), "the default folder's only");
    let all = contacts::list_all_contacts(&client).await.unwrap();
    assert_eq!(all.len(), default.len() + suppliers.len());

    let made = contacts::create_contact_folder(&client, "Imported").await.unwrap();
    let duplicate = contacts::create_contact_folder(&client, "imported").await.unwrap_err();
    assert_eq!(harness::api_error(&duplicate).status, 409);
    let created = contacts::create_contact(&client, Some(&made.id), &pavel()).await.unwrap();
    assert_eq!(created.parent_folder_id.as_deref(), Some(made.id.as_str()));
    {
        let tenant = h.state.tenant.read().unwrap();
        let stored = tenant.contacts.get(&created.id).unwrap();
        assert_eq!(stored["emailAddresses"][0]["address"], "pavelb@fabrikam.example");
        assert_eq!(stored["businessPhones"], json!(["+1 732 555 0102"]));
    }
    let mut changed = pavel();
    changed.business_phones.clear();
    changed.job_title = Some("Product Manager".into());
    let replaced = contacts::replace_contact(&client, &created.id, &changed).await.unwrap();
    assert_eq!(replaced.job_title.as_deref(), Some("Product Manager"));
    assert!(replaced.business_phones.is_empty(), "a replacement clears what it leaves out");
    let patched = contacts::update_contact(&client, &created.id, &json!({"nickName": "Pav"})).await.unwrap();
    assert_eq!((patched.nick_name.as_deref(), patched.job_title.as_deref()), (Some("Pav"), Some("Product Manager")));
    assert_eq!(contacts::resolve_contact(&client, "PAVELB@fabrikam.example").await.unwrap().id, created.id);
    contacts::delete_contact(&client, &created.id).await.unwrap();
    assert!(h.state.tenant.read().unwrap().contacts.get(&created.id).is_none());
    assert!(contacts::get_contact(&client, &created.id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn directory_search_sends_consistency_level_on_every_page_and_refuses_without_it() {
    let h = harness::start().await;
    let client = h.client();
    // Without the header, Graph's documented refusal.
    let raw = reqwest::Client::new()
        .get(format!("{}/users?$search=%22displayName:a%22", h.graph_url()))
        .bearer_auth(h.provider().token().await.unwrap().0)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let body: Value = raw.json().await.unwrap();
    assert_eq!(body["error"]["code"], "Request_UnsupportedQuery");

    h.clear_seen();
    let request = users::directory_request(&users::search_query("a", 4));
    let found: Vec<dto::User> = paging::collect(&client, request, None).await.unwrap();
    let searches: Vec<_> = h.graph_requests().into_iter().filter(|s| s.path().ends_with("/users")).collect();
    assert!(searches.len() >= 3, "several pages: {}", searches.len());
    assert!(searches.iter().all(|s| s.header("consistencylevel") == Some("eventual")), "{searches:?}");
    // With User.ReadBasic.All (the default) others' properties past the basic profile come back
    // null; the signed-in user's own profile is whole.
    let me = users::me(&client).await.unwrap();
    assert!(found.len() > 8 && found.iter().all(|u| u.display_name.is_some() && u.mail.is_some()));
    assert!(found.iter().filter(|u| u.id != me.id).all(|u| u.department.is_none() && u.job_title.is_none()));

    let by_search = users::search_users(&client, "meg", None).await.unwrap();
    assert!(by_search.iter().all(|u| {
        let name = u.display_name.clone().unwrap_or_default().to_lowercase();
        name.split(' ').any(|w| w.starts_with("meg"))
            || u.mail.clone().unwrap_or_default().to_lowercase().starts_with("meg")
    }));
    let someone = &found[0];
    let upn = someone.user_principal_name.clone().unwrap();
    assert_eq!(users::get_user(&client, &upn).await.unwrap().id, someone.id);
    assert_eq!(users::get_user(&client, &someone.id).await.unwrap().id, someone.id);
    assert!(users::get_user(&client, "nobody@contoso.example").await.unwrap_err().is_not_found());
}

/// A directory that refuses `$search` (as some tenants do) and answers `startswith` filters.
async fn refusing_directory() -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let graph_url = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let queries: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
    let seen = queries.clone();
    let app = axum::Router::new().route(
        "/v1.0/users",
        get(move |RawQuery(query): RawQuery| {
            let seen = seen.clone();
            async move {
                let query = query.unwrap_or_default();
                seen.lock().unwrap().push(query.clone());
                if query.contains("%24search") || query.contains("$search") {
                    let error = json!({"error": {"code": "Request_UnsupportedQuery", "message": "Unsupported query."}});
                    return (StatusCode::BAD_REQUEST, Json(error));
                }
                (
                    StatusCode::OK,
                    Json(json!({"value": [{"id": "u1", "displayName": "Megan Bowen", "mail": "meganb@x.example"}]})),
                )
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (graph_url, queries)
}

#[tokio::test]
async fn a_directory_refusing_search_is_asked_with_startswith() {
    let (graph_url, queries) = refusing_directory().await;
    let client = GraphClient::new(
        ClientOptions { graph_url, ..ClientOptions::default() },
        Arc::new(StaticToken(AccessToken("t".into()))),
    )
    .unwrap();
    let found = users::search_users(&client, "meg", Some(10)).await.unwrap();
    assert_eq!(found[0].display_name.as_deref(), Some("Megan Bowen"));
    let queries = queries.lock().unwrap().clone();
    assert_eq!(queries.len(), 2, "{queries:?}");
    assert!(queries[1].contains("startswith"), "{queries:?}");
}

#[tokio::test]
async fn the_manager_needs_user_read_all_and_people_are_ranked() {
    let h = harness::start().await;
    let me = users::me(&h.client()).await.unwrap();
    let refused = users::get_manager(&h.client(), &me.id).await.unwrap_err();
    let api = harness::api_error(&refused);
    assert_eq!(api.status, 403);
    assert_eq!(api.missing_permission.as_ref().unwrap().permission, "User.Read.All");
    h.sign_in_adding(&["User.Read.All"]).await;
    let manager = users::get_manager(&h.client(), &me.id).await.unwrap().expect("the owner has a manager");
    assert_ne!(manager.id, me.id);
    // User.Read.All reads others' full profiles: the card's properties are there now.
    let found = users::search_users(&h.client(), "a", None).await.unwrap();
    assert!(found.len() > 2 && found.iter().all(|u| u.department.is_some() && u.job_title.is_some()), "{found:?}");
    assert_eq!(users::get_manager(&h.client(), &manager.id).await.unwrap(), None, "the head has none");
    let people = users::people(&h.client(), None, Some(5)).await.unwrap();
    assert_eq!(people.len(), 5);
}

#[tokio::test]
async fn automatic_replies_are_changed_and_read_back() {
    let h = harness::start().await;
    let client = h.client();
    let before = mailbox_settings::get_mailbox_settings(&client).await.unwrap();
    assert_eq!(before.automatic_replies_setting.unwrap().status, Some(AutomaticRepliesStatus::Disabled));
    let on = AutomaticRepliesSetting {
        status: Some(AutomaticRepliesStatus::AlwaysEnabled),
        internal_reply_message: Some("<p>Away</p>".into()),
        ..AutomaticRepliesSetting::default()
    };
    let changed = mailbox_settings::set_automatic_replies(&client, &on).await.unwrap();
    assert_eq!(changed.automatic_replies_setting.unwrap().status, Some(AutomaticRepliesStatus::AlwaysEnabled));
    assert!(changed.working_hours.is_none(), "only what changed comes back");
    let after = mailbox_settings::get_mailbox_settings(&client).await.unwrap();
    let replies = after.automatic_replies_setting.unwrap();
    assert_eq!(replies.internal_reply_message.as_deref(), Some("<p>Away</p>"));
    assert!(after.working_hours.unwrap().days_of_week.contains(&"monday".to_owned()));
}

#[tokio::test]
async fn a_task_made_from_a_message_links_back_to_it() {
    let h = harness::start().await;
    let client = h.client();
    let messages: Vec<dto::Message> =
        paging::collect(&client, o365_graph::request::Request::get("me/messages").with_param("$top", 1), Some(1))
            .await
            .unwrap();
    let list = todo::resolve_list(&client, "Tasks").await.unwrap();
    let task = NewTask {
        title: "Answer".into(),
        linked_resources: vec![todo::message_link(&messages[0])],
        ..NewTask::default()
    };
    let created = todo::create_task(&client, &list.id, &task).await.unwrap();
    assert_eq!(created.linked_resources[0].external_id.as_deref(), Some(messages[0].id.as_str()));
    let listed = todo::list_linked_resources(&client, &list.id, &created.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    let more = dto::LinkedResource {
        application_name: Some("o365-tui".into()),
        display_name: Some("Notes".into()),
        web_url: Some("https://example.com/notes".into()),
        ..dto::LinkedResource::default()
    };
    todo::add_linked_resource(&client, &list.id, &created.id, &more).await.unwrap();
    let stored = h.state.tenant.read().unwrap().todo_tasks.get(&created.id).unwrap()["linkedResources"].clone();
    assert_eq!(stored.as_array().unwrap().len(), 2);
    let plain = todo::get_task(&client, &list.id, &created.id).await.unwrap();
    assert!(plain.linked_resources.is_empty(), "only with $expand=linkedResources");
}

#[tokio::test]
async fn the_address_book_gathers_every_folder_people_and_the_directory() {
    use o365::domain::address_book::Source;
    let h = harness::start().await;
    let client = h.client();
    let everything = o365::address_lookup::gather(&client, None, 50).await.unwrap();
    for source in [Source::Contact, Source::People, Source::Directory] {
        assert!(everything.iter().any(|e| e.source == source), "{source:?} is in the address book");
    }
    let supplier = {
        let tenant = h.state.tenant.read().unwrap();
        let folder = tenant.contact_folders.iter().next().unwrap()["id"].as_str().unwrap().to_owned();
        let c = tenant.contacts.iter().find(|c| c["parentFolderId"] == folder.as_str()).unwrap().clone();
        c["emailAddresses"][0]["address"].as_str().unwrap().to_owned()
    };
    assert!(everything.iter().any(|e| e.address == supplier), "a contact of a folder is offered too");
    // With a term, the directory is searched (from two characters on), with the header it needs.
    h.clear_seen();
    let found = o365::address_lookup::gather(&client, Some("meg"), 10).await.unwrap();
    assert!(found.iter().any(|e| e.source == Source::Directory && e.address.to_lowercase().starts_with("meg")));
    let searched = h.graph_requests().into_iter().find(|s| s.path().ends_with("/users")).expect("a directory search");
    assert_eq!(searched.header("consistencylevel"), Some("eventual"));
    h.clear_seen();
    o365::address_lookup::gather(&client, Some("m"), 10).await.unwrap();
    assert!(!h.graph_requests().iter().any(|s| s.path().ends_with("/users")), "one letter: no directory search");
}
