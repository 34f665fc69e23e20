//! Writing mail through the client against the simulated tenant, checked in the tenant's own
//! state afterwards: sends land in Sent Items with their recipients and body type, replies and
//! forwards thread under the conversation with Outlook's quoting, attachments small and large
//! arrive intact, and a send that fails keeps the message in Drafts with a clear error.
use crate::harness;
use crate::mail_harness;

use mail_harness::{addresses, attachments_of, by_subject, folder_messages, inbox_where, my_address, pattern, to};
use o365_graph::mail::compose::{NewMessage, save_draft, send_message};
use o365_graph::mail::respond::{ResponseKind, ResponseText, respond};
use o365_graph::mail::upload::{CHUNK_SIZE, INLINE_LIMIT, OutgoingAttachment};
use o365_sim::faults::FaultKind;

fn message(subject: &str, body: &str) -> NewMessage {
    NewMessage {
        to: vec![to("alex@fabrikam.example"), to("bea@fabrikam.example")],
        cc: vec![to("carol@fabrikam.example")],
        bcc: vec![to("dan@fabrikam.example")],
        subject: subject.to_owned(),
        body: body.to_owned(),
        ..NewMessage::default()
    }
}

#[tokio::test]
async fn plain_text_is_sent_as_text_and_html_as_html() {
    let h = harness::start().await;
    let client = h.client();
    let text = "Line one\n<not a tag> & more\n";
    send_message(&client, &message("text send", text), &mut |_, _| {}).await.unwrap();
    let sent = by_subject(&h.state, "sentitems", "text send");
    assert_eq!(sent["body"]["contentType"], "text");
    assert_eq!(sent["body"]["content"], text, "sent as written, not wrapped in HTML");
    assert_eq!(addresses(&sent["toRecipients"]), ["alex@fabrikam.example", "bea@fabrikam.example"]);
    assert_eq!(addresses(&sent["ccRecipients"]), ["carol@fabrikam.example"]);
    assert_eq!(addresses(&sent["bccRecipients"]), ["dan@fabrikam.example"]);
    assert_eq!(sent["isDraft"], false);
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "text send"), "no draft left");

    let mut html = message("html send", "<p>Hello <b>team</b></p>");
    html.html = true;
    send_message(&client, &html, &mut |_, _| {}).await.unwrap();
    let sent = by_subject(&h.state, "sentitems", "html send");
    assert_eq!(sent["body"]["contentType"], "html");
    assert_eq!(sent["body"]["content"], "<p>Hello <b>team</b></p>");
}

#[tokio::test]
async fn a_message_to_myself_arrives_in_the_inbox_too() {
    let h = harness::start().await;
    let me = my_address(&h.state);
    let note = NewMessage { to: vec![to(&me)], subject: "note to self".into(), body: "x".into(), ..Default::default() };
    send_message(&h.client(), &note, &mut |_, _| {}).await.unwrap();
    by_subject(&h.state, "sentitems", "note to self");
    let arrived = by_subject(&h.state, "inbox", "note to self");
    assert_eq!(arrived["isRead"], false);
}

#[tokio::test]
async fn reply_threads_under_the_conversation_with_the_original_quoted() {
    let h = harness::start().await;
    let me = my_address(&h.state);
    let original = inbox_where(&h.state, |m| m["body"]["content"].as_str().is_some_and(|c| c.len() > 20))
        .into_iter()
        .next()
        .expect("an inbox message");
    let id = original["id"].as_str().unwrap();
    let text = ResponseText { body: "Thanks — agreed.\nSecond line".into(), ..Default::default() };
    respond(&h.client(), id, ResponseKind::Reply, &text).await.unwrap();

    let subject = format!("RE: {}", original["subject"].as_str().unwrap());
    let reply = by_subject(&h.state, "sentitems", &subject);
    assert_eq!(reply["conversationId"], original["conversationId"], "same conversation");
    assert_eq!(addresses(&reply["toRecipients"]), addresses(&serde_json::json!([original["from"]])));
    assert!(!addresses(&reply["toRecipients"]).contains(&me));
    let body = reply["body"]["content"].as_str().unwrap();
    let ours = body.find("Thanks — agreed.<br>Second line").expect("our text, lines kept");
    let quote = body.find("divRplyFwdMsg").expect("Outlook's quote header");
    assert!(ours < quote, "text above the quote: {body}");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != subject.as_str()), "draft sent");
}

#[tokio::test]
async fn reply_all_keeps_everyone_but_me_and_forward_carries_attachments() {
    let h = harness::start().await;
    let me = my_address(&h.state);
    let original = inbox_where(&h.state, |m| m["hasAttachments"] == true).into_iter().next().expect("with files");
    let id = original["id"].as_str().unwrap();
    let files = attachments_of(&h.state, id);
    assert!(!files.is_empty());

    respond(&h.client(), id, ResponseKind::ReplyAll, &ResponseText { body: "all".into(), ..Default::default() })
        .await
        .unwrap();
    let subject = original["subject"].as_str().unwrap();
    let reply = by_subject(&h.state, "sentitems", &format!("RE: {subject}"));
    let mut expected = addresses(&serde_json::json!([original["from"]]));
    expected.extend(addresses(&original["toRecipients"]).into_iter().filter(|a| *a != me));
    expected.dedup();
    assert_eq!(addresses(&reply["toRecipients"]), expected);
    assert_eq!(reply["conversationId"], original["conversationId"]);

    let text = ResponseText { body: "FYI".into(), to: vec![to("zed@fabrikam.example")], ..Default::default() };
    respond(&h.client(), id, ResponseKind::Forward, &text).await.unwrap();
    let forward = by_subject(&h.state, "sentitems", &format!("FW: {subject}"));
    assert_eq!(addresses(&forward["toRecipients"]), ["zed@fabrikam.example"]);
    assert!(forward["body"]["content"].as_str().unwrap().contains("FYI"));
    assert_eq!(attachments_of(&h.state, forward["id"].as_str().unwrap()), files, "attachments forwarded");
}

#[tokio::test]
async fn small_and_large_attachments_arrive_intact_and_upload_ranges_carry_no_token() {
    let h = harness::start().await;
    let small = OutgoingAttachment::new("notes.txt", pattern(10_000));
    let large = OutgoingAttachment::new("dump.bin", pattern(INLINE_LIMIT + 2 * 1024 * 1024));
    let mut m = message("with files", "see attached");
    m.attachments = vec![small.clone(), large.clone()];
    h.clear_seen();
    let mut progress = Vec::new();
    send_message(&h.client(), &m, &mut |done, total| progress.push((done, total))).await.unwrap();

    let sent = by_subject(&h.state, "sentitems", "with files");
    assert_eq!(sent["hasAttachments"], true);
    let mut files = attachments_of(&h.state, sent["id"].as_str().unwrap());
    files.sort();
    assert_eq!(files, vec![(large.name.clone(), large.bytes.clone()), (small.name.clone(), small.bytes.clone())]);

    let seen = h.seen();
    assert!(seen.iter().any(|s| s.path().ends_with("/attachments/createUploadSession")));
    let puts: Vec<_> = seen.iter().filter(|s| s.method == "PUT").collect();
    assert_eq!(puts.len(), large.bytes.len().div_ceil(CHUNK_SIZE), "the file in CHUNK_SIZE ranges");
    assert!(puts.len() > 1);
    assert!(puts.iter().all(|s| !s.authorization), "upload URLs get no token");
    assert_eq!(progress.last(), Some(&(large.bytes.len() as u64, large.bytes.len() as u64)));
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "with files"));
}

#[tokio::test]
async fn a_saved_draft_stays_in_drafts() {
    let h = harness::start().await;
    let mut m = message("later", "unfinished thought");
    m.attachments = vec![OutgoingAttachment::new("a.csv", b"x,y\n1,2\n".to_vec())];
    let draft = save_draft(&h.client(), &m, &mut |_, _| {}).await.unwrap();
    let stored = by_subject(&h.state, "drafts", "later");
    assert_eq!(stored["id"], draft.id.as_str());
    assert_eq!(stored["isDraft"], true);
    assert_eq!(stored["body"]["content"], "unfinished thought");
    assert_eq!(attachments_of(&h.state, &draft.id), vec![("a.csv".to_owned(), b"x,y\n1,2\n".to_vec())]);
}

#[tokio::test]
async fn send_failing_with_503_then_a_dropped_connection_keeps_the_draft() {
    let h = harness::start().await;
    let client = h.client();
    h.faults().fail_next(1, FaultKind::Unavailable { retry_after: Some("0".into()) });
    h.faults().fail_next(1, FaultKind::Drop);
    let m = message("fragile", "words that must not be lost");
    let failure = send_message(&client, &m, &mut |_, _| {}).await.unwrap_err();

    assert!(failure.maybe_sent(), "a dropped connection may have delivered");
    let draft_id = failure.draft_id.clone().expect("kept as a draft");
    let said = failure.to_string();
    assert!(said.starts_with("sending failed: network error"), "{said}");
    assert!(said.contains("check Sent Items") && said.contains(&format!("kept in Drafts (id {draft_id})")), "{said}");
    let draft = by_subject(&h.state, "drafts", "fragile");
    assert_eq!(draft["id"], draft_id.as_str());
    assert_eq!(draft["body"]["content"], "words that must not be lost");
    assert_eq!(addresses(&draft["toRecipients"]), ["alex@fabrikam.example", "bea@fabrikam.example"]);
    assert!(folder_messages(&h.state, "sentitems").iter().all(|s| s["subject"] != "fragile"), "not sent");
    assert_eq!(m.body, "words that must not be lost", "the caller still holds the text");
}

#[tokio::test]
async fn when_even_the_draft_cannot_be_saved_the_error_says_so() {
    let h = harness::start().await;
    h.faults().fail_next(1, FaultKind::Unavailable { retry_after: Some("0".into()) });
    h.faults().fail_next(2, FaultKind::Drop);
    let failure = send_message(&h.client(), &message("offline", "text"), &mut |_, _| {}).await.unwrap_err();
    assert!(failure.draft_id.is_none());
    assert!(failure.to_string().contains("could not be saved to Drafts either: network error"), "{failure}");
    assert!(folder_messages(&h.state, "drafts").iter().all(|m| m["subject"] != "offline"));
}

#[tokio::test]
async fn a_draft_send_refused_by_the_service_leaves_the_draft_with_its_files() {
    let h = harness::start().await;
    let mut m = message("big refused", "body");
    m.attachments = vec![OutgoingAttachment::new("big.bin", pattern(INLINE_LIMIT + 1))];
    h.faults().fail_next_matching(4, "/send", FaultKind::Unavailable { retry_after: Some("0".into()) });
    let failure = send_message(&h.client(), &m, &mut |_, _| {}).await.unwrap_err();
    assert_eq!(harness::api_error(&failure.error).status, 503);
    assert!(!failure.maybe_sent());
    let draft = by_subject(&h.state, "drafts", "big refused");
    assert_eq!(failure.draft_id.as_deref(), draft["id"].as_str());
    assert_eq!(attachments_of(&h.state, draft["id"].as_str().unwrap())[0].1, m.attachments[0].bytes);
}
