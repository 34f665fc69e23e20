//! SharePoint sites, their document libraries and items shared with the owner, end to end: the
//! seeded tenant's `/sites`, `/sites/{id}/drives`, `/me/followedSites`, `/drives/{id}/...` and
//! `/me/drive/sharedWithMe` through the client (graph-facts §3.5b).
use crate::harness;

use o365_graph::drive::shared::{self, remote_target};
use o365_graph::request::Request;
use o365_graph::sites;
use serde_json::Value;

#[tokio::test]
async fn sites_are_searched_followed_and_fetched_by_id() {
    let h = harness::start().await;
    let client = h.client();
    let all = sites::search_sites(&client, "*", None).await.unwrap();
    let names: Vec<&str> = all.iter().map(|s| s.title()).collect();
    assert_eq!(names, ["Contoso", "Marketing", "Engineering", "Human Resources"]);
    for site in &all {
        let parts: Vec<&str> = site.id.split(',').collect();
        assert_eq!(parts.len(), 3, "{}", site.id);
        assert_eq!(parts[0], "contoso.sharepoint.com");
        assert_eq!(site.site_collection.as_ref().unwrap().hostname.as_deref(), Some("contoso.sharepoint.com"));
        assert!(site.web_url.as_deref().unwrap().starts_with("https://contoso.sharepoint.com"));
    }

    let found = sites::search_sites(&client, "engin", None).await.unwrap();
    assert_eq!(found.iter().map(|s| s.title()).collect::<Vec<_>>(), ["Engineering"]);
    // Descriptions are searched too.
    let found = sites::search_sites(&client, "onboarding", None).await.unwrap();
    assert_eq!(found.iter().map(|s| s.title()).collect::<Vec<_>>(), ["Human Resources"]);
    assert!(sites::search_sites(&client, "no such site", None).await.unwrap().is_empty());

    let followed = sites::followed_sites(&client, None).await.unwrap();
    assert_eq!(followed.iter().map(|s| s.title()).collect::<Vec<_>>(), ["Marketing", "Engineering"]);

    // The id's commas travel percent-encoded and come back intact.
    let marketing = sites::get_site(&client, &followed[0].id).await.unwrap();
    assert_eq!(marketing, followed[0]);
    let root = sites::get_site(&client, "root").await.unwrap();
    assert_eq!(root.title(), "Contoso");
    assert!(root.root.is_some());
    let missing = sites::get_site(&client, "contoso.sharepoint.com,0,0").await.unwrap_err();
    assert!(missing.is_not_found(), "{missing}");

    // By name, as the CLI takes it.
    assert_eq!(sites::find_site(&client, "hr").await.unwrap().title(), "Human Resources");
    assert_eq!(sites::find_site(&client, "Human Resources").await.unwrap().id, found[0].id);
    assert!(sites::find_site(&client, "nothing like it").await.is_err());
}

#[tokio::test]
async fn a_sites_libraries_are_browsed_like_onedrive() {
    let h = harness::start().await;
    let client = h.client();
    let engineering = sites::find_site(&client, "Engineering").await.unwrap();
    let libraries = sites::site_drives(&client, &engineering.id).await.unwrap();
    let names: Vec<&str> = libraries.iter().map(|d| d.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Documents", "Release builds"]);
    assert!(libraries.iter().all(|d| d.drive_type.as_deref() == Some("documentLibrary")));
    assert_eq!(
        libraries[0].web_url.as_deref(),
        Some("https://contoso.sharepoint.com/sites/Engineering/Shared%20Documents")
    );
    // The default library is the first.
    let default: Value = client.json(Request::get(format!("sites/{}/drive", engineering.id))).await.unwrap();
    assert_eq!(default["id"], libraries[0].id.as_str());

    let documents = &libraries[0].id;
    let top = shared::list_drive_children(&client, documents, None, None).await.unwrap();
    let folders: Vec<&str> = top.iter().filter(|i| i.folder.is_some()).map(|i| i.name.as_deref().unwrap()).collect();
    assert_eq!(folders, ["Architecture", "Release notes", "Specs"]);
    assert!(top.iter().all(|i| i.parent_reference.as_ref().unwrap().drive_id.as_deref() == Some(documents.as_str())));
    let specs = top.iter().find(|i| i.name.as_deref() == Some("Specs")).unwrap();
    let inside = shared::list_drive_children(&client, documents, Some(&specs.id), None).await.unwrap();
    assert_eq!(inside.len(), 5);
    assert_eq!(specs.folder.as_ref().unwrap().child_count, Some(5));
    // Paged with $top like OneDrive children.
    let two = shared::list_drive_children(&client, documents, Some(&specs.id), Some(2)).await.unwrap();
    assert_eq!(two.len(), 2);
    let by_path = shared::list_drive_children_by_path(&client, documents, "/Specs", None).await.unwrap();
    // The same items; their pre-authenticated download URLs carry an expiry counted from the
    // moment of each listing, so they differ when a second passes between the two.
    let without_urls = |items: Vec<o365_graph::dto::DriveItem>| {
        items.into_iter().map(|item| o365_graph::dto::DriveItem { download_url: None, ..item }).collect::<Vec<_>>()
    };
    assert_eq!(without_urls(by_path), without_urls(inside.clone()));

    // A library item is not reachable through the owner's drive, nor through another library.
    let err = client.json::<Value>(Request::get(format!("me/drive/items/{}", specs.id))).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = shared::get_drive_item(&client, &libraries[1].id, Some(&specs.id)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = shared::get_drive_by_id(&client, "b!nosuchdrive").await.unwrap_err();
    assert!(err.is_not_found(), "{err}");

    // A file of a library downloads through its pre-authenticated URL like any other.
    let file = inside.iter().find(|i| i.file.is_some()).unwrap();
    let fetched = shared::get_drive_item(&client, documents, Some(&file.id)).await.unwrap();
    let url = fetched.download_url.unwrap();
    let bytes = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert_eq!(bytes.len() as i64, fetched.size.unwrap());
}

#[tokio::test]
async fn shared_items_open_in_their_own_drive() {
    let h = harness::start().await;
    let client = h.client();
    let me_drive = o365_graph::drive::get_drive(&client).await.unwrap();
    let shared_items = shared::shared_with_me(&client, None).await.unwrap();
    assert_eq!(shared_items.len(), 4);
    for item in &shared_items {
        let remote = item.remote_item.as_ref().expect("every shared item has remoteItem");
        let reference = remote.parent_reference.as_ref().unwrap();
        assert_ne!(reference.drive_id.as_deref(), Some(me_drive.id.as_str()), "it lives in another drive");
        assert!(remote.shared.as_ref().unwrap().owner.is_some());
        assert_eq!(remote.name, item.name);
    }
    let folder = shared_items.iter().find(|i| i.folder.is_some()).unwrap();
    assert_eq!(folder.name.as_deref(), Some("Q4 planning"));
    let (drive_id, item_id) = remote_target(folder).unwrap();
    let children = shared::list_drive_children(&client, &drive_id, Some(&item_id), None).await.unwrap();
    assert_eq!(children.len(), 5);
    assert!(children.iter().all(|c| c.parent_reference.as_ref().unwrap().drive_id.as_deref() == Some(&*drive_id)));
    // The colleague's drive is a OneDrive, one Marketing file a library item.
    let colleague = shared::get_drive_by_id(&client, &drive_id).await.unwrap();
    assert_eq!(colleague.drive_type.as_deref(), Some("business"));
    let types: Vec<Option<&str>> = shared_items
        .iter()
        .map(|i| i.remote_item.as_ref().unwrap().parent_reference.as_ref().unwrap().drive_type.as_deref())
        .collect();
    assert!(types.contains(&Some("documentLibrary")), "{types:?}");
}

#[tokio::test]
async fn a_tenant_that_no_longer_shares_answers_an_empty_list() {
    let h = harness::start().await;
    h.state.tenant.write().unwrap().shared_with_me.clear();
    let items = shared::shared_with_me(&h.client(), None).await.unwrap();
    assert!(items.is_empty());
}

#[tokio::test]
async fn writes_in_a_library_stay_in_that_library() {
    let h = harness::start().await;
    // Writing into SharePoint needs more than the defaults, which only read it.
    h.sign_in_adding(&["Sites.ReadWrite.All"]).await;
    let client = h.client();
    let marketing = sites::find_site(&client, "Marketing").await.unwrap();
    let library = sites::site_drives(&client, &marketing.id).await.unwrap().remove(0);
    let body = serde_json::json!({"name": "New campaign", "folder": {}});
    let created: Value =
        client.json(Request::post(format!("drives/{}/root/children", library.id)).with_json(body)).await.unwrap();
    assert_eq!(created["parentReference"]["driveId"], library.id.as_str());
    assert_eq!(created["parentReference"]["driveType"], "documentLibrary");
    let top = shared::list_drive_children(&client, &library.id, None, None).await.unwrap();
    assert!(top.iter().any(|i| i.name.as_deref() == Some("New campaign")));
    let mine = o365_graph::drive::list_children_by_path(&client, "/", None).await.unwrap();
    assert!(mine.iter().all(|i| i.name.as_deref() != Some("New campaign")));
}
