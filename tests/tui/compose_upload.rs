//! Files and inline images sent through the TUI's compose flow against the simulated tenant:
//! an image attached with `I` lands in Sent Items inline, with its content id and a body that
//! refers to it; a large file whose upload session is lost twice fails with the file named,
//! keeps the local and the server draft, and the retry attaches only what is missing.
use crate::compose_ui;
use crate::harness;
use crate::mail_harness;

use base64::Engine;
use compose_ui::Ui;
use mail_harness::{by_subject, folder_messages, pattern};
use o365::tui::action::compose::ComposeAction;
use o365::tui::msg::compose::ComposeMsg;
use o365::tui::store::compose::Status;
use o365_graph::mail::upload::INLINE_LIMIT;
use o365_sim::faults::FaultKind;
use serde_json::Value;

fn stored_attachments(h: &harness::Harness, id: &str) -> Vec<Value> {
    h.state.tenant.read().unwrap().attachments.list(id)
}

fn bytes_of(attachment: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(attachment["contentBytes"].as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn an_inline_image_from_the_review_screen_lands_inline_with_the_body_referring_to_it() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &pattern(20_000)].concat();
    let path = ui.root.join("team photo.png");
    std::fs::write(&path, &png).unwrap();
    ui.new_message("lee@fabrikam.example", "TUI inline", "Here is the team <3").await;

    ui.act(ComposeAction::AttachInline);
    ui.answer_prompt(&path.display().to_string());
    let checked = ui.until(|m| matches!(m, ComposeMsg::InlineImage(_))).await;
    assert!(matches!(checked, ComposeMsg::InlineImage(Ok(_))), "{checked:?}");
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert_eq!(compose.inline_images[0].content_id, "team_photo.png@o365-tui");
    assert_eq!(compose.inline_images[0].size, png.len() as u64);

    // A file that is not an image is refused with the reason; nothing is added.
    let text = ui.root.join("notes.png");
    std::fs::write(&text, b"just text").unwrap();
    ui.act(ComposeAction::AttachInline);
    ui.answer_prompt(&text.display().to_string());
    let refused = ui.until(|m| matches!(m, ComposeMsg::InlineImage(_))).await;
    assert!(
        matches!(&refused, ComposeMsg::InlineImage(Err(r)) if r.text.contains("content is not image/png")),
        "{refused:?}"
    );
    assert_eq!(ui.store.compose.open.as_ref().unwrap().inline_images.len(), 1);

    ui.act(ComposeAction::Send);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    let sent = by_subject(&h.state, "sentitems", "TUI inline");
    let stored = stored_attachments(&h, sent["id"].as_str().unwrap());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["isInline"], true);
    assert_eq!(stored[0]["contentId"], "team_photo.png@o365-tui");
    assert_eq!(stored[0]["name"], "team photo.png");
    assert_eq!(bytes_of(&stored[0]), png);
    // compose_format is text: the body goes as HTML with the text escaped, to show the image.
    assert_eq!(sent["body"]["contentType"], "html");
    let body = sent["body"]["content"].as_str().unwrap();
    assert!(body.contains("Here is the team &lt;3"), "{body}");
    assert!(body.contains("<img src=\"cid:team_photo.png@o365-tui\" alt=\"team photo.png\">"), "{body}");
    assert_eq!(sent["hasAttachments"], false, "an inline image is not a file attachment");
}

#[tokio::test]
async fn a_session_lost_twice_keeps_both_drafts_and_the_retry_attaches_only_what_is_missing() {
    let h = harness::start().await;
    let mut ui = Ui::new(h.client());
    let small = ui.root.join("small.txt");
    std::fs::write(&small, b"a few words").unwrap();
    let big = ui.root.join("big.bin");
    let big_bytes = pattern(INLINE_LIMIT + 100_000);
    std::fs::write(&big, &big_bytes).unwrap();
    ui.new_message("max@fabrikam.example", "TUI big", "the numbers").await;
    for file in [&small, &big] {
        ui.act(ComposeAction::Attach);
        ui.answer_prompt(&file.display().to_string());
        ui.until(|m| matches!(m, ComposeMsg::Attachment(_))).await;
    }
    let local = ui.local_path();

    // One range per session (the file is under CHUNK_SIZE): both sessions are lost.
    h.faults().fail_upload_put(0, FaultKind::Gone);
    h.faults().fail_upload_put(1, FaultKind::Gone);
    ui.act(ComposeAction::Send);
    let ComposeMsg::Sent(Err(failure)) = ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await else {
        panic!("the send fails")
    };
    assert!(failure.reason.contains("uploading big.bin"), "{}", failure.reason);
    assert!(!failure.maybe_sent);
    let compose = ui.store.compose.open.as_ref().unwrap();
    assert!(matches!(&compose.status, Status::Failed { .. }));
    assert!(compose.progress.is_none(), "no progress bar after a failure");
    assert_eq!(compose.fields.body, "the numbers\n");
    assert!(local.exists(), "the local draft stays");
    let draft = by_subject(&h.state, "drafts", "TUI big");
    assert_eq!(draft["body"]["content"], "the numbers\n", "the text is on the server too");
    assert_eq!(compose.server_draft_id.as_deref(), draft["id"].as_str());
    let on_draft: Vec<String> = stored_attachments(&h, draft["id"].as_str().unwrap())
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(on_draft, ["small.txt"], "the small file went with the draft; the big one did not land");

    ui.heard.clear();
    ui.act(ComposeAction::Retry);
    assert_eq!(ui.until(|m| matches!(m, ComposeMsg::Sent(_))).await, ComposeMsg::Sent(Ok(())));
    let progress: Vec<(String, u64, u64)> = ui
        .heard
        .iter()
        .filter_map(|m| match m {
            ComposeMsg::Progress(p) => Some((p.file.clone(), p.done, p.total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.last(), Some(&("big.bin".to_owned(), big_bytes.len() as u64, big_bytes.len() as u64)));
    let sent = by_subject(&h.state, "sentitems", "TUI big");
    let mut files: Vec<(String, Vec<u8>)> = stored_attachments(&h, sent["id"].as_str().unwrap())
        .iter()
        .map(|a| (a["name"].as_str().unwrap().to_owned(), bytes_of(a)))
        .collect();
    files.sort();
    assert_eq!(files, [("big.bin".to_owned(), big_bytes), ("small.txt".to_owned(), b"a few words".to_vec())]);
    assert!(!local.exists(), "gone once sent");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "TUI big"));
}
