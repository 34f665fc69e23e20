//! The read endpoints of the client against the seeded tenant: the folder tree and folder
//! names, a message with its attachments, the calendar view (series expanded, sorted, in the
//! zone asked for), drive items and downloads, To Do, contacts and the signed-in user.
use crate::harness;

use std::collections::{BTreeSet, HashMap};

use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use o365_graph::client::ClientOptions;
use o365_graph::dto::{Attachment, DriveItem, EventType};
use o365_graph::request::{BodyContentType, Request};
use o365_graph::{calendar, contacts, drive, mail, todo, users};
use o365_sim::store::Content;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn tenant_folder_id(h: &harness::Harness, well_known: &str) -> String {
    h.state.tenant.read().unwrap().well_known_folders[well_known].clone()
}

#[tokio::test]
async fn the_folder_tree_comes_depth_first_with_depths() {
    let h = harness::start().await;
    let client = h.client();
    let nodes = mail::list_folders(&client).await.unwrap();

    // Every folder but the hidden root, each once.
    let expected = h.state.tenant.read().unwrap().mail_folders.len() - 1;
    assert_eq!(nodes.len(), expected);
    assert_eq!(nodes.iter().map(|n| n.folder.id.as_str()).collect::<BTreeSet<_>>().len(), expected);
    // Each nested folder comes after its parent, one level deeper, before the parent's next sibling.
    for (i, node) in nodes.iter().enumerate().filter(|(_, n)| n.depth > 0) {
        let parent = nodes[..i].iter().rev().find(|p| p.depth < node.depth).unwrap();
        assert_eq!(parent.depth, node.depth - 1);
        assert_eq!(node.folder.parent_folder_id.as_deref(), Some(parent.folder.id.as_str()));
    }
    let shape: Vec<(usize, &str)> =
        nodes.iter().take(6).map(|n| (n.depth, n.folder.display_name.as_deref().unwrap())).collect();
    assert_eq!(shape, [(0, "Inbox"), (1, "Projects"), (2, "Alpha"), (2, "Beta"), (1, "Receipts"), (1, "Newsletters")]);
    assert_eq!(nodes[0].folder.id, tenant_folder_id(&h, "inbox"));
}

#[tokio::test]
async fn folders_resolve_by_well_known_name_display_name_path_and_id() {
    let h = harness::start().await;
    let client = h.client();
    let nodes = mail::list_folders(&client).await.unwrap();
    let id_of =
        |name: &str| nodes.iter().find(|n| n.folder.display_name.as_deref() == Some(name)).unwrap().folder.id.clone();

    assert_eq!(mail::resolve_folder(&client, "inbox").await.unwrap().id, tenant_folder_id(&h, "inbox"));
    assert_eq!(mail::resolve_folder(&client, "Sent Items").await.unwrap().id, tenant_folder_id(&h, "sentitems"));
    assert_eq!(mail::resolve_folder(&client, "cLIENTS").await.unwrap().id, id_of("Clients"));
    assert_eq!(mail::resolve_folder(&client, "travel ✈").await.unwrap().id, id_of("Travel ✈"));
    assert_eq!(mail::resolve_folder(&client, "Inbox/Projects/Beta").await.unwrap().id, id_of("Beta"));
    assert_eq!(mail::resolve_folder(&client, "/inbox/projects/alpha/").await.unwrap().id, id_of("Alpha"));
    assert_eq!(mail::resolve_folder(&client, "alpha").await.unwrap().id, id_of("Alpha"));
    let receipts = id_of("Receipts");
    let by_id = mail::resolve_folder(&client, &receipts).await.unwrap();
    assert_eq!((by_id.id.as_str(), by_id.display_name.as_deref()), (receipts.as_str(), Some("Receipts")));
}

#[tokio::test]
async fn a_message_comes_with_its_body_and_attachments() {
    let h = harness::start().await;
    let client = h.client();
    let (id, stored) = {
        let tenant = h.state.tenant.read().unwrap();
        let (id, list) =
            tenant.attachments.iter().filter(|(_, list)| list.len() >= 2).min_by_key(|(id, _)| *id).unwrap();
        (id.clone(), list.clone())
    };
    let (message, attachments) = mail::get_message(&client, &id).await.unwrap();
    assert_eq!(message.id, id);
    assert_eq!(message.has_attachments, Some(true));
    let body = message.body.as_ref().and_then(|b| b.content.as_deref()).unwrap();
    let stored_body = h.state.tenant.read().unwrap().messages.get(&id).unwrap()["body"]["content"].clone();
    assert_eq!(body, stored_body.as_str().unwrap());

    let names: Vec<&str> = attachments.iter().map(|a| a.base().name.as_deref().unwrap()).collect();
    let stored_names: Vec<&str> = stored.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, stored_names);
    for (attachment, stored) in attachments.iter().zip(&stored) {
        assert!(matches!(attachment, Attachment::File(_)), "{attachment:?}");
        let base = attachment.base();
        assert_eq!(base.size, stored["size"].as_i64());
        // The list carries metadata only; the bytes come from $value.
        let bytes = mail::attachment_bytes(&client, &id, base.id.as_deref().unwrap()).await.unwrap();
        let expected =
            base64::engine::general_purpose::STANDARD.decode(stored["contentBytes"].as_str().unwrap()).unwrap();
        assert_eq!(bytes, expected, "{:?}", base.name);
    }
}

#[tokio::test]
async fn prefer_headers_ask_for_text_bodies_and_page_sizes() {
    let h = harness::start().await;
    let client = h.client();
    let id = h.state.tenant.read().unwrap().messages.iter().next().unwrap()["id"].as_str().unwrap().to_owned();
    h.clear_seen();
    let request =
        Request::get(format!("me/messages/{id}")).with_body_content_type(BodyContentType::Text).with_max_page_size(50);
    let answer = client.send(request).await.unwrap();
    let message: Value = answer.json().unwrap();
    assert_eq!(message["body"]["contentType"], "text", "Outlook converted the body");
    assert_eq!(answer.header("preference-applied"), Some("outlook.body-content-type=\"text\""));
    let sent = h.graph_requests();
    let prefer = sent.last().unwrap().header("prefer").unwrap().to_owned();
    assert!(
        prefer.contains("outlook.body-content-type=\"text\"") && prefer.contains("odata.maxpagesize=50"),
        "{prefer}"
    );
}

fn local(date_time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(date_time, "%Y-%m-%dT%H:%M:%S%.f").unwrap()
}

#[tokio::test]
async fn the_calendar_view_expands_series_and_sorts_by_start() {
    let h = harness::start().await;
    let client = h.client();
    let start = harness::anchor() - Duration::days(3);
    let end = start + Duration::days(7);
    let events = calendar::calendar_view(&client, None, start, end, None).await.unwrap();
    assert!(events.len() >= 10, "{}", events.len());

    let starts: Vec<NaiveDateTime> = events.iter().map(|e| local(&e.start.as_ref().unwrap().date_time)).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "sorted by start");
    for event in &events {
        let (s, e) = (event.start.as_ref().unwrap(), event.end.as_ref().unwrap());
        assert_eq!(s.time_zone.as_deref(), Some("UTC"), "no zone asked for: UTC");
        assert!(local(&s.date_time) < end.naive_utc() && local(&e.date_time) > start.naive_utc(), "{event:?}");
        assert_ne!(event.kind, Some(EventType::SeriesMaster), "masters are not in a view");
    }

    let occurrences: Vec<_> = events.iter().filter(|e| e.kind == Some(EventType::Occurrence)).collect();
    assert!(!occurrences.is_empty());
    let mut by_series: HashMap<&str, Vec<NaiveDateTime>> = HashMap::new();
    for o in &occurrences {
        by_series
            .entry(o.series_master_id.as_deref().unwrap())
            .or_default()
            .push(local(&o.start.as_ref().unwrap().date_time));
    }
    let (master_id, instances) = by_series.iter().max_by_key(|(_, v)| v.len()).unwrap();
    assert!(instances.len() >= 3, "a series shows several instances in a week: {instances:?}");
    assert_eq!(instances.iter().collect::<BTreeSet<_>>().len(), instances.len(), "one instance per start");
    let master = calendar::get_event(&client, master_id).await.unwrap();
    assert_eq!(master.kind, Some(EventType::SeriesMaster));
    assert!(master.recurrence.is_some());
    let first = occurrences.iter().find(|o| o.series_master_id.as_deref() == Some(master_id)).unwrap();
    assert_eq!(first.subject, master.subject);
    assert_ne!(first.id, master.id);
}

#[tokio::test]
async fn prefer_outlook_timezone_gives_event_times_in_that_zone() {
    let h = harness::start().await;
    let start = harness::anchor() - Duration::days(3);
    let end = start + Duration::days(7);
    let in_utc = calendar::calendar_view(&h.client(), None, start, end, None).await.unwrap();
    let tokyo = h.client_with(ClientOptions { timezone: Some("Tokyo Standard Time".into()), ..h.options() });
    h.clear_seen();
    let in_tokyo = calendar::calendar_view(&tokyo, None, start, end, None).await.unwrap();
    let sent = h.graph_requests();
    assert_eq!(sent[0].header("prefer"), Some("outlook.timezone=\"Tokyo Standard Time\""));

    assert_eq!(in_tokyo.len(), in_utc.len());
    let utc_start: HashMap<&str, NaiveDateTime> =
        in_utc.iter().map(|e| (e.id.as_str(), local(&e.start.as_ref().unwrap().date_time))).collect();
    for event in &in_tokyo {
        let start = event.start.as_ref().unwrap();
        assert_eq!(start.time_zone.as_deref(), Some("Tokyo Standard Time"));
        assert_eq!(event.end.as_ref().unwrap().time_zone.as_deref(), Some("Tokyo Standard Time"));
        let in_utc = utc_start[event.id.as_str()];
        if event.is_all_day == Some(true) {
            // All-day events float: midnight to midnight in whatever zone is asked for.
            assert_eq!(local(&start.date_time), in_utc, "{:?}", event.subject);
        } else {
            // Japan keeps no daylight saving time: always UTC+9.
            assert_eq!(local(&start.date_time), in_utc + Duration::hours(9), "{:?}", event.subject);
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02X}")).collect()
}

#[tokio::test]
async fn drive_items_by_path_and_downloads_without_the_token() {
    let h = harness::start().await;
    let client = h.client();
    let drive_info = drive::get_drive(&client).await.unwrap();
    assert_eq!(Some(drive_info.id.as_str()), h.state.tenant.read().unwrap().drive["id"].as_str());

    let root = drive::list_children_by_path(&client, "", None).await.unwrap();
    let names: Vec<&str> = root.iter().map(|i| i.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Archive", "Desktop", "Documents", "Music", "Pictures", "Shared"]);
    let documents = drive::special_folder(&client, "documents").await.unwrap();
    assert_eq!(documents.name.as_deref(), Some("Documents"));
    assert_eq!(documents.id, root[2].id);

    for path in ["Pictures/Contoso logo.png", "Documents/HR/Benefits overview.pdf"] {
        let item = drive::get_item_by_path(&client, path).await.unwrap();
        assert_eq!(item.name.as_deref(), path.rsplit('/').next());
        h.clear_seen();
        let response = drive::download(&client, &item.id).await.unwrap();
        let bytes = response.bytes().await.unwrap();
        assert_eq!(bytes.len() as i64, item.size.unwrap(), "{path}");
        let hashes = item.file.as_ref().and_then(|f| f.hashes.as_ref()).unwrap();
        assert_eq!(hashes.sha256_hash.as_deref(), Some(sha256_hex(&bytes).as_str()), "{path}");

        let seen = h.seen();
        assert_eq!(seen.len(), 2, "the Graph request and the download URL: {seen:?}");
        assert!(seen[0].path().ends_with(&format!("/items/{}/content", item.id)) && seen[0].authorization);
        assert!(!seen[1].path().starts_with("/graph/"), "{}", seen[1].target);
        assert!(!seen[1].authorization, "the token must not go to the download URL");
    }
    // A file whose bytes the simulator generates on the fly.
    let generated_id = {
        let tenant = h.state.tenant.read().unwrap();
        let small = |c: &Content| matches!(c, Content::Generated { len, .. } if *len < 200_000);
        tenant.drive_content.iter().filter(|(_, c)| small(c)).map(|(id, _)| id.clone()).min().unwrap()
    };
    let item: DriveItem = client.json(Request::get(format!("me/drive/items/{generated_id}"))).await.unwrap();
    let bytes = drive::download(&client, &item.id).await.unwrap().bytes().await.unwrap();
    assert_eq!(bytes.len() as i64, item.size.unwrap());
    let hashes = item.file.as_ref().and_then(|f| f.hashes.as_ref()).unwrap();
    assert_eq!(hashes.sha256_hash.as_deref(), Some(sha256_hex(&bytes).as_str()));
}

#[tokio::test]
async fn todo_lists_tasks_contacts_and_me() {
    let h = harness::start().await;
    let client = h.client();
    let lists = todo::list_lists(&client, None).await.unwrap();
    let names: Vec<&str> = lists.iter().map(|l| l.display_name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Tasks", "Flagged email", "Groceries 🛒", "Project Alpha", "Reading"]);

    let groceries = todo::resolve_list(&client, "GROCERIES 🛒").await.unwrap();
    assert_eq!(groceries.id, lists[2].id);
    assert_eq!(todo::resolve_list(&client, &lists[3].id).await.unwrap().display_name.as_deref(), Some("Project Alpha"));

    for list in &lists {
        let tasks = todo::list_tasks(&client, &list.id, None).await.unwrap();
        let stored: BTreeSet<String> = {
            let tenant = h.state.tenant.read().unwrap();
            // The simulator files a task under its list with a private `_listId`.
            let in_list = |t: &Value| t.get("_listId").and_then(Value::as_str).map(str::to_owned);
            tenant
                .todo_tasks
                .iter()
                .filter(|t| in_list(t).as_deref() == Some(list.id.as_str()))
                .map(|t| t["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let got: BTreeSet<String> = tasks.iter().map(|t| t.id.clone()).collect();
        assert_eq!(got.len(), tasks.len(), "no task twice");
        assert_eq!(got, stored, "tasks of {:?}", list.display_name);
    }
    let tasks = todo::list_tasks(&client, &lists[0].id, Some(5)).await.unwrap();
    assert_eq!(tasks.len(), 5);

    h.clear_seen();
    let people = contacts::list_contacts(&client, None).await.unwrap();
    // `/me/contacts` is the default folder's; the folders listed are inside it.
    let in_default = {
        let tenant = h.state.tenant.read().unwrap();
        let parent = |c: &serde_json::Value| c["parentFolderId"].as_str().unwrap_or_default().to_owned();
        tenant.contacts.iter().filter(|c| !tenant.contact_folders.contains(&parent(c))).count()
    };
    assert_eq!(people.len(), in_default);
    assert_eq!(people.iter().map(|c| &c.id).collect::<BTreeSet<_>>().len(), people.len());
    let names: Vec<String> = people.iter().map(|c| c.display_name.clone().unwrap_or_default().to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "ordered by display name");
    assert_eq!(h.graph_requests().len(), 1, "one page of up to 1000");
    let everyone = contacts::list_all_contacts(&client).await.unwrap();
    assert_eq!(everyone.len(), h.state.tenant.read().unwrap().contacts.len(), "the default folder's and each folder's");

    let me = users::me(&client).await.unwrap();
    let tenant = h.state.tenant.read().unwrap();
    assert_eq!(me.id, tenant.me_id);
    assert_eq!(me.user_principal_name.as_deref(), tenant.me()["userPrincipalName"].as_str());
    assert_eq!(me.display_name.as_deref(), tenant.me()["displayName"].as_str());
}

#[tokio::test]
async fn every_drive_item_is_found_by_its_path() {
    let h = harness::start().await;
    let client = h.client();
    let items: Vec<(String, String)> = {
        let tenant = h.state.tenant.read().unwrap();
        tenant
            .drive_items
            .iter()
            // Site libraries and colleagues' drives are in the store too; only the owner's here.
            .filter(|item| item["parentReference"]["driveId"] == tenant.drive["id"])
            .filter_map(|item| {
                let parent = item["parentReference"]["path"].as_str()?.strip_prefix("/drive/root:")?;
                let path = format!("{}/{}", parent.trim_start_matches('/'), item["name"].as_str()?);
                Some((path.trim_start_matches('/').to_owned(), item["id"].as_str()?.to_owned()))
            })
            .collect()
    };
    assert!(items.len() > 50, "{}", items.len());
    // Spaces, quotes, ampersands, right-to-left text, emoji and control characters must all
    // survive the path's percent-encoding; a sample of the plain names is enough besides.
    let plain = |path: &str| path.chars().all(|c| c.is_ascii_alphanumeric() || "/ .-_".contains(c));
    let (plain, awkward): (Vec<_>, Vec<_>) = items.into_iter().partition(|(path, _)| plain(path));
    assert!(awkward.len() >= 4, "{}", awkward.len());
    let items: Vec<_> = awkward.into_iter().chain(plain.into_iter().take(10)).collect();
    for (path, id) in &items {
        let item = drive::get_item_by_path(&client, path).await.unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert_eq!(&item.id, id, "{path:?}");
    }
}
