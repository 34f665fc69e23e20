//! Organising mail through the client against the simulated tenant, checked in the tenant's
//! state: move and copy (new ids), read/unread, flag/unflag, delete to Deleted Items or for
//! good, per-message outcomes when some ids are wrong, 1,000 messages marked read in at most
//! 50 HTTP requests, attachments saved under safe names, and MIME export.
use crate::harness;
use crate::mail_harness;

use base64::Engine;
use mail_harness::{attachments_of, folder_messages, ids, inbox_where, stored};
use o365_graph::mail::attachments::{export_mime, list_attachments, save_all, save_into};
use o365_graph::mail::organise::{self, copy_to, delete, mark_read, move_to, set_flag};
use o365_graph::mail::resolve_folder;
use serde_json::{Value, json};

fn first_inbox(h: &harness::Harness, n: usize) -> Vec<String> {
    let mut found = ids(&inbox_where(&h.state, |_| true));
    found.truncate(n);
    assert_eq!(found.len(), n);
    found
}

#[tokio::test]
async fn move_leaves_the_folder_and_copy_keeps_both() {
    let h = harness::start().await;
    let client = h.client();
    let archive = resolve_folder(&client, "ARCHIVE").await.unwrap();
    let projects = resolve_folder(&client, "Inbox/Projects").await.unwrap();
    let chosen = first_inbox(&h, 3);

    let moved = move_to(&client, &chosen, &archive.id).await.unwrap();
    assert!(moved.iter().all(|o| o.is_ok()), "{moved:?}");
    for (o, id) in moved.iter().zip(&chosen) {
        assert_eq!(&o.id, id);
        assert!(stored(&h.state, id).is_none(), "old id gone");
        let new = stored(&h.state, o.new_id.as_deref().expect("new id")).unwrap();
        assert_eq!(new["parentFolderId"], archive.id.as_str());
    }
    let inbox_ids = ids(&folder_messages(&h.state, "inbox"));
    assert!(chosen.iter().all(|id| !inbox_ids.contains(id)));

    let source = moved[0].new_id.clone().unwrap();
    let copied = copy_to(&client, std::slice::from_ref(&source), &projects.id).await.unwrap();
    let copy = stored(&h.state, copied[0].new_id.as_deref().unwrap()).unwrap();
    assert_eq!(copy["parentFolderId"], projects.id.as_str());
    assert_eq!(stored(&h.state, &source).unwrap()["parentFolderId"], archive.id.as_str());
}

#[tokio::test]
async fn read_unread_flag_unflag_change_the_stored_messages() {
    let h = harness::start().await;
    let client = h.client();
    let chosen = first_inbox(&h, 5);
    let state_of = |key: &str| -> Vec<Value> {
        chosen.iter().map(|id| stored(&h.state, id).unwrap().pointer(key).cloned().unwrap_or(Value::Null)).collect()
    };
    assert!(mark_read(&client, &chosen, true).await.unwrap().iter().all(|o| o.is_ok()));
    assert!(state_of("/isRead").iter().all(|v| *v == json!(true)));
    mark_read(&client, &chosen, false).await.unwrap();
    assert!(state_of("/isRead").iter().all(|v| *v == json!(false)));
    set_flag(&client, &chosen, true).await.unwrap();
    assert!(state_of("/flag/flagStatus").iter().all(|v| *v == json!("flagged")));
    set_flag(&client, &chosen, false).await.unwrap();
    assert!(state_of("/flag/flagStatus").iter().all(|v| *v == json!("notFlagged")));
}

#[tokio::test]
async fn delete_goes_to_deleted_items_and_permanent_delete_removes() {
    let h = harness::start().await;
    let client = h.client();
    let chosen = first_inbox(&h, 2);
    let deleted_items = h.state.tenant.read().unwrap().resolve_folder("deleteditems").unwrap();

    let soft = delete(&client, &chosen[..1], false).await.unwrap();
    let binned = stored(&h.state, soft[0].new_id.as_deref().unwrap()).unwrap();
    assert_eq!(binned["parentFolderId"], deleted_items.as_str());
    assert!(stored(&h.state, &chosen[0]).is_none());

    let hard = delete(&client, &chosen[1..], true).await.unwrap();
    assert!(hard[0].is_ok() && hard[0].new_id.is_none());
    assert!(stored(&h.state, &chosen[1]).is_none());
    let subject = |m: &Value| m["id"] == chosen[1].as_str();
    assert!(!folder_messages(&h.state, "deleteditems").iter().any(subject), "not in Deleted Items either");
}

#[tokio::test]
async fn wrong_ids_fail_alone_with_their_own_error() {
    let h = harness::start().await;
    let mut chosen = first_inbox(&h, 25);
    chosen[21] = "AAMkNoSuchMessage=".into();
    let outcomes = mark_read(&h.client(), &chosen, true).await.unwrap();
    assert_eq!(outcomes.len(), 25);
    for (i, o) in outcomes.iter().enumerate() {
        assert_eq!(o.id, chosen[i]);
        assert_eq!(o.is_ok(), i != 21, "{o:?}");
    }
    assert_eq!(outcomes[21].error.as_ref().unwrap().status, 404);
    assert_eq!(stored(&h.state, &chosen[22]).unwrap()["isRead"], true);
}

#[tokio::test]
async fn a_thousand_messages_are_marked_read_in_at_most_fifty_requests() {
    let h = harness::start_with(harness::sim_options(1_100)).await;
    {
        let mut tenant = h.state.tenant.write().unwrap();
        let ids: Vec<String> = tenant.messages.iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
        for id in ids {
            tenant.messages.update(&id, |m| m["isRead"] = json!(false)).unwrap();
        }
    }
    let chosen: Vec<String> = ids(&folder_messages(&h.state, "inbox")).into_iter().take(1_000).collect();
    assert_eq!(chosen.len(), 1_000);
    let client = h.client();
    h.faults().reset_requests();
    let mut rounds = 0;
    let outcomes =
        organise::apply(&client, &chosen, &organise::Change::MarkRead(true), |_, _| rounds += 1).await.unwrap();
    let requests = h.faults().requests();
    assert!(requests <= 50, "{requests} HTTP requests");
    assert_eq!(rounds, 50, "progress after each batch");
    assert!(outcomes.iter().all(|o| o.is_ok()));
    assert!(chosen.iter().all(|id| stored(&h.state, id).unwrap()["isRead"] == true));
    let unread_left = folder_messages(&h.state, "inbox").iter().filter(|m| m["isRead"] == false).count();
    assert_eq!(unread_left, 100, "the rest untouched");
}

#[tokio::test]
async fn hostile_attachment_names_land_inside_the_folder() {
    let h = harness::start().await;
    let target = first_inbox(&h, 1).remove(0);
    let hostile = [
        "../../.bashrc",
        "/etc/passwd",
        "C:\\Windows\\evil.dll",
        "nul\0byte.txt",
        "..",
        "",
        "esc\x1b]0;pwned\x07.txt",
        &format!("{}.pdf", "long".repeat(200)),
        "same.txt",
        "same.txt",
    ];
    let b64 = base64::engine::general_purpose::STANDARD;
    {
        let mut tenant = h.state.tenant.write().unwrap();
        let list: Vec<Value> = hostile
            .iter()
            .enumerate()
            .map(|(i, name)| {
                json!({"@odata.type": "#microsoft.graph.fileAttachment", "id": format!("att-h{i}"), "name": name,
                       "contentType": "text/plain", "size": 1, "isInline": false,
                       "contentBytes": b64.encode(format!("file {i}"))})
            })
            .collect();
        tenant.attachments.insert(target.clone(), list);
        tenant.messages.update(&target, |m| m["hasAttachments"] = json!(true)).unwrap();
    }
    let dir = std::env::temp_dir().join(format!("o365-att-{}", uuid::Uuid::new_v4().simple()));
    let inner = dir.join("inner");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("same.txt"), "mine").unwrap();

    let listed = list_attachments(&h.client(), &target).await.unwrap();
    assert_eq!(listed.len(), hostile.len());
    let saved = save_all(&h.client(), &target, &inner).await.unwrap();
    assert_eq!(saved.len(), hostile.len());
    for (i, (_, path)) in saved.iter().enumerate() {
        assert_eq!(path.parent().unwrap(), inner, "{path:?}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(!name.starts_with('.') && !name.chars().any(char::is_control) && name.len() <= 255, "{name:?}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), format!("file {i}"));
    }
    let names: Vec<String> = saved.iter().map(|(_, p)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names[0], "bashrc");
    assert_eq!(names[1], "passwd");
    assert_eq!(names[2], "evil.dll");
    assert_eq!(names[4], "attachment");
    assert_eq!(names[5], "attachment (1)");
    assert!(names[7].ends_with(".pdf"));
    assert_eq!(names[8], "same (1).txt");
    assert_eq!(names[9], "same (2).txt");
    assert_eq!(std::fs::read_to_string(inner.join("same.txt")).unwrap(), "mine", "nothing overwritten");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "nothing written beside the folder");
    assert_eq!(save_into(&inner, "same.txt", b"again").unwrap(), inner.join("same (3).txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn export_gives_the_message_as_mime() {
    let h = harness::start().await;
    let target = inbox_where(&h.state, |m| m["hasAttachments"] == true).remove(0);
    let id = target["id"].as_str().unwrap();
    let mime = String::from_utf8(export_mime(&h.client(), id).await.unwrap()).unwrap();
    assert!(mime.contains("MIME-Version: 1.0"), "{mime}");
    assert!(mime.contains("Subject:"), "{mime}");
    assert!(mime.to_ascii_lowercase().contains("content-type: multipart/"), "attachments make it multipart");
    assert!(!attachments_of(&h.state, id).is_empty());
}
