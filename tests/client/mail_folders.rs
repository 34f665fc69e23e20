//! Mail folder management: the client (`graph::mail::folders`) against the simulated tenant,
//! checked in the tenant's state (create at the top level and inside a folder, rename, delete
//! with everything inside, the service's refusals), and `o365 mail folder ...` as a user runs it.
use crate::cli_harness as cli;
use crate::harness;

use o365_graph::mail::folders::{create_folder, delete_folder, rename_folder};
use o365_graph::mail::resolve_folder;
use serde_json::Value;

fn stored_folder(h: &harness::Harness, id: &str) -> Option<Value> {
    h.state.tenant.read().unwrap().mail_folders.get(id).cloned()
}

#[tokio::test]
async fn folders_are_created_renamed_and_deleted_in_the_tenant() {
    let h = harness::start().await;
    let client = h.client();
    let inbox = resolve_folder(&client, "inbox").await.unwrap();

    let top = create_folder(&client, None, "Receipts 'n' \"bills\"").await.unwrap();
    let stored = stored_folder(&h, &top.id).expect("stored");
    assert_eq!(stored["displayName"], "Receipts 'n' \"bills\"");
    let root = h.state.tenant.read().unwrap().resolve_folder("msgfolderroot").unwrap();
    assert_eq!(stored["parentFolderId"], root.as_str(), "top level");

    let child = create_folder(&client, Some(&inbox.id), "2026").await.unwrap();
    assert_eq!(stored_folder(&h, &child.id).unwrap()["parentFolderId"], inbox.id.as_str());
    assert_eq!(child.display_name.as_deref(), Some("2026"));
    // By well-known name too.
    let by_name = create_folder(&client, Some("archive"), "Old").await.unwrap();
    let archive = h.state.tenant.read().unwrap().resolve_folder("archive").unwrap();
    assert_eq!(stored_folder(&h, &by_name.id).unwrap()["parentFolderId"], archive.as_str());

    let renamed = rename_folder(&client, &child.id, "Year 2026").await.unwrap();
    assert_eq!(renamed.display_name.as_deref(), Some("Year 2026"));
    assert_eq!(stored_folder(&h, &child.id).unwrap()["displayName"], "Year 2026");

    // What is inside goes with the folder.
    let grandchild = create_folder(&client, Some(&child.id), "Q1").await.unwrap();
    delete_folder(&client, &child.id).await.unwrap();
    assert!(stored_folder(&h, &child.id).is_none());
    assert!(stored_folder(&h, &grandchild.id).is_none(), "children go too");
    assert!(stored_folder(&h, &inbox.id).is_some());
}

#[tokio::test]
async fn the_service_refuses_duplicates_empty_names_and_well_known_folders() {
    let h = harness::start().await;
    let client = h.client();
    let inbox = resolve_folder(&client, "inbox").await.unwrap();
    create_folder(&client, Some(&inbox.id), "Dup").await.unwrap();
    let err = create_folder(&client, Some(&inbox.id), "dup").await.unwrap_err();
    assert_eq!(harness::api_error(&err).status, 409, "{err}");
    let err = create_folder(&client, None, "").await.unwrap_err();
    assert_eq!(harness::api_error(&err).status, 400);
    let err = delete_folder(&client, &inbox.id).await.unwrap_err();
    assert_eq!(harness::api_error(&err).code, "ErrorDeleteDistinguishedFolder");
    let err = rename_folder(&client, "no-such-folder", "x").await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[test]
fn the_cli_creates_renames_and_deletes_folders_by_name() {
    let sim = cli::SimProcess::start(&[]);
    let home = cli::Home::new("mail-folders");
    home.config_for(&sim);
    cli::ok(&home.run("UTC", &["login"]));

    let out = cli::ok(&home.run("UTC", &["mail", "folder", "create", "Invoices", "--parent", "Inbox"]));
    assert!(out.starts_with("Created folder Invoices in Inbox (id "), "{out}");
    let created = cli::json_lines(
        &home.run("UTC", &["mail", "folder", "create", "Taxes", "--parent", "Inbox/Invoices", "--json"]),
    );
    assert_eq!(created[0]["displayName"], "Taxes");
    let tree = cli::ok(&home.run("UTC", &["mail", "folders"]));
    assert!(tree.contains("  Invoices") && tree.contains("    Taxes"), "{tree}");

    let out = cli::ok(&home.run("UTC", &["mail", "folder", "rename", "Inbox/Invoices", "Bills"]));
    assert!(out.starts_with("Renamed folder Invoices to Bills"), "{out}");
    let out = cli::ok(&home.run("UTC", &["mail", "folder", "delete", "Bills"]));
    assert!(out.starts_with("Deleted folder Bills"), "{out}");
    let tree = cli::ok(&home.run("UTC", &["mail", "folders"]));
    assert!(!tree.contains("Bills") && !tree.contains("Taxes"), "{tree}");

    let refused = home.run("UTC", &["mail", "folder", "delete", "inbox"]);
    assert!(!refused.status.success());
    assert!(cli::stderr(&refused).contains("ErrorDeleteDistinguishedFolder"), "{}", cli::stderr(&refused));
    let missing = home.run("UTC", &["mail", "folder", "rename", "Nope", "X"]);
    assert!(!missing.status.success());
    assert!(cli::stderr(&missing).contains("no mail folder named `Nope`"), "{}", cli::stderr(&missing));
}
