//! The mail pane as a daily driver (issue 13), end to end: keys and ticks through `update`, the
//! real worker against the simulated tenant. Mail sent to the owner by another client shows up
//! on the next background refresh with the selection where it was; an opened message is marked
//! read on the service after its delay; links go to the configured opener (a stub script here,
//! never a browser); a text attachment shows in the reader; Sent Items lists recipients; the
//! Inbox is never offered for deletion.
use crate::harness;
use crate::mail_harness;
use crate::screen;
use crate::tui_driver;

use std::time::Duration;

use mail_harness::{folder_messages, my_address, stored};
use o365::tui::action::Action;
use o365::tui::action::mail_ops::MailOp;
use o365::tui::msg::Msg;
use o365::tui::msg::mail_ops::MailOpsMsg;
use o365::tui::worker::opener::Opener;
use o365_graph::dto::Recipient;
use o365_graph::mail::compose::{NewMessage, send_message};
use serde_json::Value;
use tui_driver::Tui;

fn folder_id(h: &harness::Harness, name: &str) -> String {
    h.state.tenant.read().unwrap().resolve_folder(name).unwrap()
}

/// (unread, total) of a folder as the tenant holds it.
fn tenant_counts(h: &harness::Harness, folder: &str) -> (u64, u64) {
    let messages = folder_messages(&h.state, folder);
    (messages.iter().filter(|m| m["isRead"] == false).count() as u64, messages.len() as u64)
}

/// Feeds the worker's answers until every one `wanted` names has come.
async fn until_all(tui: &mut Tui, wanted: &[fn(&Msg) -> bool]) {
    let mut seen = vec![false; wanted.len()];
    while seen.iter().any(|s| !s) {
        let msg = tui.next_message().await.expect("the worker answers");
        for (at, wants) in wanted.iter().enumerate() {
            seen[at] |= wants(&msg);
        }
        tui.act(msg);
    }
}

/// Selects the loaded row holding `id` and opens it in the reader.
async fn open(tui: &mut Tui, id: &str) {
    let row = tui.store.mail.row_of(id).unwrap_or_else(|| panic!("{id} is not listed"));
    while tui.store.mail.message_cursor.selected < row {
        tui.act(Action::Down);
    }
    tui.act(Action::Open);
    tui.until(|m| matches!(m, Msg::Message { .. })).await;
    assert_eq!(tui.store.mail.open_message.as_deref(), Some(id));
}

#[tokio::test]
async fn new_mail_shows_on_the_next_background_refresh_with_the_selection_kept() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let inbox = folder_id(&h, "inbox");
    for _ in 0..3 {
        tui.act(Action::Down);
    }
    let selected = tui.store.mail.selected_message().unwrap().id.clone();
    let (unread_before, _) = tui.folder_counts(&inbox);
    // Another client sends the owner a message, as any Graph client would.
    let message = NewMessage {
        to: vec![Recipient::new(&my_address(&h.state), None)],
        subject: "Arrived while reading".into(),
        body: "Hello from the other side.".into(),
        ..NewMessage::default()
    };
    send_message(&h.client(), &message, &mut |_, _| {}).await.unwrap();
    tui.act(Action::Tick { now_ms: 0 });
    assert!(tui.store.mail.refresh.folders.is_none(), "nothing asked before the interval");
    tui.act(Action::Tick { now_ms: 60_000 });
    until_all(&mut tui, &[|m| matches!(m, Msg::NewestMessages { .. }), |m| matches!(m, Msg::FoldersRefreshed { .. })])
        .await;
    let top = &tui.store.mail.messages.ready().unwrap().items[0];
    assert_eq!(top.subject, "Arrived while reading", "at the top without r");
    assert!(!top.is_read);
    assert_eq!(tui.store.mail.selected_message().unwrap().id, selected, "the selection stayed on its message");
    assert_eq!(tui.folder_counts(&inbox), tenant_counts(&h, "inbox"), "the counts are the service's");
    assert_eq!(tui.folder_counts(&inbox).0, unread_before + 1);
}

#[tokio::test]
async fn an_opened_message_is_marked_read_on_the_service_after_its_delay() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let inbox = folder_id(&h, "inbox");
    let unread = tui.store.mail.messages.ready().unwrap().items.iter().find(|m| !m.is_read).unwrap().id.clone();
    open(&mut tui, &unread).await;
    tui.act(Action::Tick { now_ms: 10 });
    tui.act(Action::Tick { now_ms: 500 });
    assert_eq!(stored(&h.state, &unread).unwrap()["isRead"], false, "not before its second");
    tui.act(Action::Tick { now_ms: 1_010 });
    let Msg::MailOps(MailOpsMsg::Changed { result: Ok(outcomes), .. }) = tui.until_changed().await else {
        panic!("marked read")
    };
    assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
    assert_eq!(stored(&h.state, &unread).unwrap()["isRead"], true);
    assert_eq!(tui.folder_counts(&inbox), tenant_counts(&h, "inbox"), "the unread count followed");
    assert_eq!(tui.notice(), "", "no notice for what the reader does on its own");
}

#[tokio::test]
async fn a_link_goes_to_the_configured_opener_and_a_text_attachment_shows_in_the_reader() {
    let h = harness::start().await;
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let script = dir.path().join("opener.sh");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", opened.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let mut tui = Tui::start_with(&h, Opener::Command(vec![script.display().to_string()])).await;
    // A loaded message with a link in its body and a text attachment.
    let with_text: Vec<Value> = folder_messages(&h.state, "inbox")
        .into_iter()
        .filter(|m| m["body"]["content"].as_str().is_some_and(|b| b.contains("href=\"https://")))
        .filter(|m| tui.store.mail.row_of(m["id"].as_str().unwrap()).is_some())
        .filter(|m| {
            let tenant = h.state.tenant.read().unwrap();
            let files = tenant.attachments.list(m["id"].as_str().unwrap());
            files.iter().any(|a| a["name"].as_str().is_some_and(|n| n.ends_with(".txt") || n.ends_with(".csv")))
        })
        .collect();
    let message = with_text.first().expect("a seeded message with a link and a text attachment");
    open(&mut tui, message["id"].as_str().unwrap()).await;

    tui.mail(MailOp::ListLinks);
    let first = tui.store.mail.ops.picker.as_ref().expect("the links").items[0].value.clone();
    tui.act(Action::TextSubmit);
    let Msg::MailOps(MailOpsMsg::LinkOpened { result }) =
        tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::LinkOpened { .. }))).await
    else {
        unreachable!()
    };
    assert_eq!(result.as_deref(), Ok(first.as_str()));
    let mut handed = String::new();
    for _ in 0..100 {
        handed = std::fs::read_to_string(&opened).unwrap_or_default();
        if !handed.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(handed.trim(), first, "the opener got the link");

    tui.mail(MailOp::ViewAttachment);
    if tui.store.mail.ops.picker.is_some() {
        tui.act(Action::TextSubmit);
    }
    tui.until(|m| matches!(m, Msg::MailOps(MailOpsMsg::AttachmentText { .. }))).await;
    let doc = tui.store.mail.reader.ready().unwrap();
    let viewing = doc.viewing.as_ref().unwrap_or_else(|| panic!("shown: {}", tui.notice()));
    assert!(!viewing.lines.is_empty() && viewing.text.len() > 10, "{:?}", viewing.text);
    let screen = screen::draw(&tui.store).backend().to_string();
    assert!(screen.contains(&format!("{} · Esc: the message", viewing.name)), "{screen}");
    tui.act(Action::Back);
    assert!(tui.store.mail.reader.ready().unwrap().viewing.is_none(), "Esc returns to the message");
}

#[tokio::test]
async fn sent_items_list_recipients_and_the_inbox_is_never_offered_for_deletion() {
    let h = harness::start().await;
    let mut tui = Tui::start(&h).await;
    let sent = folder_id(&h, "sentitems");
    tui.act(Action::FocusPrev);
    // The inbox is highlighted: neither X nor F2 asks anything.
    tui.mail(MailOp::DeleteFolder);
    tui.mail(MailOp::RenameFolder);
    assert!(tui.store.prompt.is_none(), "{:?}", tui.store.prompt);
    assert!(tui.notice().contains("cannot be"), "{}", tui.notice());
    let rows = tui.store.mail.folders.ready().unwrap().clone();
    let at = rows.iter().position(|r| r.folder.id == sent).unwrap();
    while tui.store.mail.folder_cursor.selected < at {
        tui.act(Action::Down);
    }
    tui.until(|m| matches!(m, Msg::Messages { .. })).await;
    let first = tui.store.mail.messages.ready().unwrap().items[0].clone();
    let to = first.to.first().expect("a sent message has recipients").display().to_owned();
    let screen = screen::draw(&tui.store).backend().to_string();
    let start: String = to.chars().take(6).collect();
    assert!(screen.contains(&format!("To: {start}")), "{screen}");
}
