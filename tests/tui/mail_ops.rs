//! The mail pane's organising, end to end: keys through `update`, effects through the real
//! worker against the simulated tenant, answers back through `update`, and the tenant's state
//! checked afterwards: moved messages left their folder and are in the target, deleted ones are
//! in Deleted Items, messages gone behind the client's back fail and come back in the list,
//! search text reaches the service escaped, quick filters and conversations list what the
//! tenant holds, hostile attachment names land inside the chosen folder, folders change.
use crate::harness;
use crate::mail_harness;
use crate::tui_driver;

use mail_harness::{folder_messages, stored};
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::msg::Msg;
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::store::mail::ops::ListView;
use serde_json::{Value, json};
use tui_driver::Tui;

fn folder_id(h: &harness::Harness, name: &str) -> String {
    h.state.tenant.read().unwrap().resolve_folder(name).unwrap()
}

/// (unread, total) of a folder as the tenant holds it.
fn tenant_counts(h: &harness::Harness, folder: &str) -> (u64, u64) {
    let messages = folder_messages(&h.state, folder);
    (messages.iter().filter(|m| m["isRead"] == false).count() as u64, messages.len() as u64)
}

fn projects_id(h: &harness::Harness) -> String {
    let tenant = h.state.tenant.read().unwrap();
    let found = tenant.mail_folders.iter().find(|f| f["displayName"] == "Projects").expect("a Projects folder");
    found["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn marked_messages_move_through_the_picker_and_the_counts_match_the_tenant() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let projects = projects_id(&h);
    let inbox = folder_id(&h, "inbox");
    for _ in 0..3 {
        tui.mail(MailOp::ToggleMark);
    }
    let chosen: Vec<String> = tui.ids()[..3].to_vec();
    tui.mail(MailOp::Move);
    tui.type_text("projects");
    tui.act(Action::TextSubmit);
    assert!(tui.ids().iter().all(|id| !chosen.contains(id)), "rows left at once");
    let Msg::MailOps(MailOpsMsg::Changed { result: Ok(outcomes), .. }) = tui.until_changed().await else {
        panic!("changed")
    };
    assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
    for outcome in &outcomes {
        assert!(stored(&h.state, &outcome.id).is_none(), "the old id left");
        let moved = stored(&h.state, outcome.new_id.as_deref().unwrap()).unwrap();
        assert_eq!(moved["parentFolderId"], projects.as_str());
    }
    assert_eq!(tui.folder_counts(&inbox), tenant_counts(&h, "inbox"), "optimistic inbox counts were right");
    assert_eq!(tui.folder_counts(&projects), tenant_counts(&h, &projects));
    assert_eq!(tui.notice(), "3 messages moved");
}

#[tokio::test]
async fn messages_gone_behind_our_back_fail_and_come_back_in_the_list() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    for _ in 0..4 {
        tui.mail(MailOp::ToggleMark);
    }
    let chosen: Vec<String> = tui.ids()[..4].to_vec();
    // Another client moves two of them away before our request arrives.
    {
        let mut tenant = h.state.tenant.write().unwrap();
        tenant.messages.remove(&chosen[1]);
        tenant.messages.remove(&chosen[3]);
    }
    let archived_before = folder_messages(&h.state, "archive").len();
    tui.mail(MailOp::Archive);
    assert_eq!(tui.ids().len(), 96, "the four left the loaded page at once");
    tui.until_changed().await;
    assert_eq!(tui.ids()[..2], [chosen[1].clone(), chosen[3].clone()], "the failed rows are back, in order");
    let notice = tui.store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.starts_with("2 of 4 could not be moved: "), "{notice:?}");
    let archived: Vec<Value> = folder_messages(&h.state, "archive");
    assert_eq!(archived.len(), archived_before + 2, "the two that existed were archived");
    assert_eq!(
        tui.folder_counts(&folder_id(&h, "inbox")).1,
        tenant_counts(&h, "inbox").1 + 2,
        "the ghosts still count"
    );
}

#[tokio::test]
async fn delete_goes_to_deleted_items_and_permanent_delete_after_yes_removes_for_good() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let first = tui.ids()[0].clone();
    let deleted_before = folder_messages(&h.state, "deleteditems").len();
    tui.mail(MailOp::Delete);
    tui.until_changed().await;
    assert!(stored(&h.state, &first).is_none());
    assert_eq!(folder_messages(&h.state, "deleteditems").len(), deleted_before + 1);

    let second = tui.ids()[0].clone();
    tui.mail(MailOp::DeletePermanently);
    tui.act(Action::TextInput('y'));
    tui.until_changed().await;
    assert!(stored(&h.state, &second).is_none());
    assert_eq!(folder_messages(&h.state, "deleteditems").len(), deleted_before + 1, "not in Deleted Items");
    assert!(!tui.ids().contains(&second));
}

#[tokio::test]
async fn a_bulk_read_change_reports_progress_once_per_batch() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    tui.mail(MailOp::MarkAll);
    let marked: Vec<String> = tui.store.mail.ops.marked.iter().cloned().collect();
    assert_eq!(marked.len(), 100, "the loaded page");
    tui.mail(MailOp::ToggleRead);
    assert_eq!(tui.notice(), "Marking read 100 messages…");
    let progress = tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Progress { .. }))).await;
    assert!(matches!(progress, Msg::MailOps(MailOpsMsg::Progress { done: 20, total: 100, .. })), "{progress:?}");
    tui.until_changed().await;
    assert!(marked.iter().all(|id| stored(&h.state, id).unwrap()["isRead"] == true));
    assert_eq!(tui.folder_counts(&folder_id(&h, "inbox")), tenant_counts(&h, "inbox"));
}

#[tokio::test]
async fn search_text_with_quotes_and_backslashes_reaches_the_service_escaped() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    h.clear_seen();
    tui.mail(MailOp::Search);
    tui.answer(r#"budget "Q3" \ plan"#);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    let searches: Vec<String> = h.graph_requests().iter().filter_map(|s| s.param("$search")).collect();
    assert_eq!(searches, [r#""budget \"Q3\" \\ plan""#]);
    assert!(matches!(tui.store.mail.shown_view(), ListView::Search { .. }));
    assert!(tui.store.mail.messages.ready().is_some(), "the answer was a list, not a 400");

    // A plain word finds what the tenant holds with it in the subject.
    tui.mail(MailOp::Search);
    let subjects: Vec<String> =
        folder_messages(&h.state, "inbox").iter().map(|m| m["subject"].as_str().unwrap().to_owned()).collect();
    let word = subjects
        .iter()
        .flat_map(|s| s.split(' '))
        .find(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic))
        .unwrap()
        .to_owned();
    tui.answer(&word);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    assert!(!tui.ids().is_empty(), "searching {word:?}");
    tui.act(Action::Back);
    tui.until(|m| matches!(m, Msg::Messages { .. })).await;
    assert_eq!(*tui.store.mail.shown_view(), ListView::Folder);
    assert_eq!(tui.ids().len(), 100);
}

#[tokio::test]
async fn quick_filters_list_exactly_the_matching_messages_of_the_folder() {
    let h = harness::start().await;
    {
        // Make sure some unread messages are flagged.
        let inbox = folder_id(&h, "inbox");
        let mut tenant = h.state.tenant.write().unwrap();
        let ids: Vec<String> = tenant
            .messages
            .iter()
            .filter(|m| m["parentFolderId"] == inbox.as_str() && m["isRead"] == false)
            .take(3)
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        for id in ids {
            tenant.messages.update(&id, |m| m["flag"] = json!({"flagStatus": "flagged"})).unwrap();
        }
    }
    let mut tui = Tui::start(&h).await;
    h.clear_seen();
    tui.mail(MailOp::UnreadOnly);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    tui.mail(MailOp::FlaggedOnly);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    let expected: Vec<String> = folder_messages(&h.state, "inbox")
        .into_iter()
        .filter(|m| m["isRead"] == false && m["flag"]["flagStatus"] == "flagged")
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    let mut shown = tui.ids();
    let mut expected_sorted = expected.clone();
    shown.sort();
    expected_sorted.sort();
    assert!(expected.len() >= 3);
    assert_eq!(shown, expected_sorted);
    let filters: Vec<String> = h.graph_requests().iter().filter_map(|s| s.param("$filter")).collect();
    assert!(filters.last().unwrap().contains("flag/flagStatus eq 'flagged'"), "{filters:?}");
}

#[tokio::test]
async fn the_conversation_view_lists_every_message_of_the_thread_in_all_folders() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let conversation = tui.store.mail.messages.ready().unwrap().items[0].conversation_id.clone().unwrap();
    tui.mail(MailOp::Conversation);
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Listed { .. }))).await;
    let in_tenant =
        h.state.tenant.read().unwrap().messages.iter().filter(|m| m["conversationId"] == conversation.as_str()).count();
    assert_eq!(tui.ids().len(), in_tenant);
    assert!(
        tui.store
            .mail
            .messages
            .ready()
            .unwrap()
            .items
            .iter()
            .all(|m| m.conversation_id.as_deref() == Some(&conversation))
    );
}

/// A message whose attachments have hostile names, opened in the reader.
async fn open_hostile_message(h: &harness::Harness, tui: &mut Tui) -> Vec<&'static str> {
    let hostile = vec!["../../.bashrc", "/etc/passwd", "nul\0byte.txt", "x".repeat(300).leak() as &str];
    let target = tui.ids()[0].clone();
    {
        let b64 = base64::Engine::encode;
        let mut tenant = h.state.tenant.write().unwrap();
        let list: Vec<Value> = hostile
            .iter()
            .enumerate()
            .map(|(i, name)| {
                json!({"@odata.type": "#microsoft.graph.fileAttachment", "id": format!("att-h{i}"), "name": name,
                       "contentType": "text/plain", "size": 1, "isInline": false,
                       "contentBytes": b64(&base64::engine::general_purpose::STANDARD, format!("file {i}"))})
            })
            .collect();
        tenant.attachments.insert(target.clone(), list);
        tenant.messages.update(&target, |m| m["hasAttachments"] = json!(true)).unwrap();
    }
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::Message { .. })).await;
    hostile
}

fn scratch() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("o365-tui-ops-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    dir
}

#[tokio::test]
async fn hostile_attachment_names_saved_from_the_reader_land_inside_the_chosen_folder() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let hostile = open_hostile_message(&h, &mut tui).await;
    let dir = scratch();
    let inner = dir.join("inner");

    tui.mail(MailOp::SaveAllAttachments);
    tui.answer(inner.to_str().unwrap());
    let Msg::MailOps(MailOpsMsg::Saved { result: Ok(paths) }) =
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Saved { .. }))).await
    else {
        panic!("saved: {:?}", tui.store.notice)
    };
    assert_eq!(paths.len(), hostile.len());
    for path in &paths {
        assert_eq!(path.parent().unwrap(), inner, "{path:?}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(!name.starts_with('.') && !name.contains('\0') && name.len() <= 255, "{name:?}");
    }
    // One picked through the picker: the first, `../../.bashrc`.
    tui.mail(MailOp::SaveAttachment);
    assert_eq!(tui.store.mail.ops.picker.as_ref().unwrap().items.len(), hostile.len());
    tui.act(Action::TextSubmit);
    tui.answer(inner.to_str().unwrap());
    let Msg::MailOps(MailOpsMsg::Saved { result: Ok(paths) }) =
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Saved { .. }))).await
    else {
        panic!("saved one")
    };
    assert_eq!(paths, [inner.join("bashrc (1)")]);
    assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), "file 0");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "nothing written beside the folder");

    // The message as .eml into the folder, under its (made safe) subject.
    tui.mail(MailOp::SaveEml);
    tui.answer(inner.to_str().unwrap());
    let Msg::MailOps(MailOpsMsg::Saved { result: Ok(paths) }) =
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Saved { .. }))).await
    else {
        panic!("eml")
    };
    assert_eq!(paths[0].parent().unwrap(), inner);
    assert!(paths[0].extension().is_some_and(|e| e == "eml"));
    assert!(std::fs::read_to_string(&paths[0]).unwrap().contains("MIME-Version: 1.0"));

    // A folder that is not there is created after a yes, never replaced by another one
    // (issue 13): the files land in it, nothing beside it.
    let missing = dir.join("missing/deeper");
    tui.mail(MailOp::SaveAllAttachments);
    tui.answer(missing.to_str().unwrap());
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::FolderMissing { .. }))).await;
    let question = tui.store.prompt.as_ref().expect("asked whether to create it").title.clone();
    assert!(question.contains("does not exist: create it"), "{question}");
    assert!(!missing.exists(), "not created before the yes");
    tui.act(Action::TextInput('y'));
    let Msg::MailOps(MailOpsMsg::Saved { result: Ok(paths) }) =
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::Saved { .. }))).await
    else {
        panic!("saved into the new folder: {}", tui.notice())
    };
    assert_eq!(paths.len(), hostile.len());
    assert!(paths.iter().all(|p| p.parent() == Some(missing.as_path())), "{paths:?}");
    // `n` saves nothing and creates nothing.
    let other = dir.join("other");
    tui.mail(MailOp::SaveEml);
    tui.answer(other.to_str().unwrap());
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::FolderMissing { .. }))).await;
    tui.act(Action::TextInput('n'));
    assert!(!other.exists() && tui.store.prompt.is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn folders_are_created_renamed_and_deleted_from_the_tree() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let inbox = folder_id(&h, "inbox");
    tui.act(Action::FocusPrev);
    let done = |m: &Msg| matches!(m, Msg::MailOps(MailOpsMsg::FolderDone { .. }));
    tui.mail(MailOp::NewFolder);
    tui.answer("Receipts");
    tui.until(done).await;
    let created = {
        let tenant = h.state.tenant.read().unwrap();
        let found = tenant.mail_folders.iter().find(|f| f["displayName"] == "Receipts").expect("created").clone();
        assert_eq!(found["parentFolderId"], inbox.as_str());
        found["id"].as_str().unwrap().to_owned()
    };
    let rows = tui.store.mail.folders.ready().unwrap();
    let at = rows.iter().position(|r| r.folder.id == created).expect("the row has the real id");
    assert_eq!(rows[at].depth, 1);

    // Highlight it, rename it, delete it.
    let delta = at as isize - tui.store.mail.folder_cursor.selected as isize;
    tui.store.mail.folder_cursor.selected = (tui.store.mail.folder_cursor.selected as isize + delta) as usize;
    tui.mail(MailOp::RenameFolder);
    tui.answer("Bills");
    tui.until(done).await;
    assert_eq!(h.state.tenant.read().unwrap().mail_folders.get(&created).unwrap()["displayName"], "Bills");

    tui.mail(MailOp::DeleteFolder);
    tui.act(Action::TextInput('y'));
    tui.until(done).await;
    assert!(h.state.tenant.read().unwrap().mail_folders.get(&created).is_none());
    assert!(tui.store.mail.folders.ready().unwrap().iter().all(|r| r.folder.id != created));

    // The inbox is a distinguished folder: it is not even offered for deletion (issue 13).
    let inbox_row = tui.store.mail.folders.ready().unwrap().iter().position(|r| r.folder.id == inbox).unwrap();
    tui.store.mail.folder_cursor.selected = inbox_row;
    tui.mail(MailOp::DeleteFolder);
    assert!(tui.store.prompt.is_none(), "{:?}", tui.store.prompt);
    assert!(tui.notice().contains("cannot be deleted"), "{}", tui.notice());
}
