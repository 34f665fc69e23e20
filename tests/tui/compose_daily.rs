//! Writing mail as a daily driver (issue 13), through the TUI's store, update and worker
//! against the simulated tenant: a forward's review lists the original's files that go with
//! it and can take one off (the service's draft loses it, the sent message goes without it);
//! a draft saved from the review shows in the open Drafts folder at once, counted.
use crate::compose_ui;
use crate::harness;
use crate::mail_harness;

use compose_ui::Ui;
use mail_harness::{attachments_of, by_subject, folder_messages, inbox_where};
use o365::tui::action::Action;
use o365::tui::action::compose::ComposeAction;
use o365::tui::msg::Msg;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::store::compose::Kind;

#[tokio::test]
async fn a_forward_lists_the_originals_files_and_the_review_can_take_one_off() {
    let h = harness::start().await;
    let original = inbox_where(&h.state, |m| {
        let tenant = h.state.tenant.read().unwrap();
        let files = tenant.attachments.list(m["id"].as_str().unwrap()).len();
        files >= 2 && m["hasAttachments"] == true
    })
    .into_iter()
    .next()
    .expect("a message with two files");
    let id = original["id"].as_str().unwrap();
    let files: Vec<String> = attachments_of(&h.state, id).into_iter().map(|(name, _)| name).collect();
    let mut ui = Ui::new(h.client());
    ui.select(id);
    ui.act(ComposeAction::Open(Kind::Forward));
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::Prepared(_))).await, ComposeMsg::Prepared(Ok(_))));
    let compose = ui.store.compose.open.as_ref().unwrap();
    let listed: Vec<String> = compose.attachments.iter().map(|a| a.name.clone()).collect();
    assert_eq!(listed, files, "the review lists what goes with the forward");
    let draft = compose.server_draft_id.clone().unwrap();
    ui.type_text("dana@fabrikam.example");
    ui.act(ComposeAction::Done);
    ui.act(ComposeAction::RemoveAttachment);
    ui.answer_prompt("1");
    let removed = ui.until(|m| matches!(m, ComposeMsg::AttachmentRemoved { .. })).await;
    assert!(matches!(removed, ComposeMsg::AttachmentRemoved { result: Ok(()), .. }), "{removed:?}");
    let on_draft: Vec<String> = attachments_of(&h.state, &draft).into_iter().map(|(name, _)| name).collect();
    assert_eq!(on_draft, files[1..], "the service's draft lost the first file");
    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    let sent = by_subject(&h.state, "sentitems", &format!("FW: {}", original["subject"].as_str().unwrap()));
    let went: Vec<String> =
        attachments_of(&h.state, sent["id"].as_str().unwrap()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(went, files[1..]);
}

#[tokio::test]
async fn a_draft_saved_from_the_review_shows_in_the_open_drafts_folder_at_once_counted() {
    let h = harness::start().await;
    let drafts = h.state.tenant.read().unwrap().resolve_folder("drafts").unwrap();
    let mut ui = Ui::new(h.client());
    ui.feed(Action::Start);
    let (mut listed, mut ready) = (false, false);
    while !(listed && ready) {
        let msg = ui.until_msg(|m| matches!(m, Msg::Messages { .. } | Msg::Compose(ComposeMsg::Ready { .. }))).await;
        listed |= matches!(msg, Msg::Messages { .. });
        ready |= matches!(msg, Msg::Compose(ComposeMsg::Ready { .. }));
    }
    // The built-in editor, whatever $EDITOR the machine running the test has.
    ui.store.compose.env.editor = None;
    let row = ui.store.mail.folders.ready().unwrap().iter().position(|r| r.folder.id == drafts).unwrap();
    while ui.store.mail.folder_cursor.selected < row {
        ui.feed(Action::Down);
    }
    ui.until_msg(|m| matches!(m, Msg::Messages { .. })).await;
    assert_eq!(ui.store.mail.open_folder.as_deref(), Some(drafts.as_str()));
    ui.new_message("erin@fabrikam.example", "Saved for later", "first thoughts").await;
    ui.act(ComposeAction::SaveDraft);
    assert!(matches!(ui.until(|m| matches!(m, ComposeMsg::DraftSaved(_))).await, ComposeMsg::DraftSaved(Ok(_))));
    let (mut page, mut counts) = (false, false);
    while !(page && counts) {
        let msg = ui.until_msg(|m| matches!(m, Msg::NewestMessages { .. } | Msg::FoldersRefreshed { .. })).await;
        page |= matches!(msg, Msg::NewestMessages { .. });
        counts |= matches!(msg, Msg::FoldersRefreshed { .. });
    }
    let listed = ui.store.mail.messages.ready().unwrap();
    assert_eq!(listed.items[0].subject, "Saved for later", "at the top of Drafts without r");
    let row = ui.store.mail.folder_row(&drafts).unwrap();
    assert_eq!(row.folder.total_count, folder_messages(&h.state, "drafts").len() as u64, "counted");
    assert_eq!(listed.total, Some(row.folder.total_count));
}
