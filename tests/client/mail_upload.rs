//! Attachment uploads against the simulated tenant on real sockets, with the upload faults
//! planned per PUT: a dropped or throttled range is sent again and the bytes arrive exactly; a
//! range whose answer was lost is out of step and the file goes once more through a new
//! session; a last range that landed without its answer is not attached twice; a session lost
//! twice is an error naming the file, and a send stopped by it says nothing went out; a request over Graph's 4 MB (413) lands through an
//! upload session; inline images keep `isInline` and their content id either way.
use crate::harness;
use crate::mail_harness;

use mail_harness::{by_subject, folder_messages, pattern, to};
use o365_graph::client::GraphClient;
use o365_graph::encode::encode_segment;
use o365_graph::mail::compose::{NewMessage, save_draft, send_message};
use o365_graph::mail::upload::{INLINE_LIMIT, OutgoingAttachment, add_attachment, upload_large};
use o365_sim::faults::FaultKind;
use serde_json::Value;

const CHUNK: usize = 256 * 1024;
const SIZE: usize = 4 * CHUNK;

/// A fresh empty draft; the path of its attachments.
async fn draft(h: &harness::Harness, client: &GraphClient, subject: &str) -> (String, String) {
    let message = NewMessage { to: vec![to("ivy@fabrikam.example")], subject: subject.into(), ..NewMessage::default() };
    let draft = save_draft(client, &message, &mut |_, _| {}).await.unwrap();
    let path = client.resource_path(&format!("messages/{}/attachments", encode_segment(&draft.id)));
    h.clear_seen();
    (draft.id, path)
}

/// The stored attachments of a message, as the tenant holds them.
fn stored_attachments(h: &harness::Harness, id: &str) -> Vec<Value> {
    h.state.tenant.read().unwrap().attachments.list(id)
}

fn bytes_of(attachment: &Value) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(attachment["contentBytes"].as_str().unwrap()).unwrap()
}

fn requests(h: &harness::Harness, method: &str, ends_with: &str) -> Vec<harness::Seen> {
    h.seen().into_iter().filter(|s| s.method == method && s.path().ends_with(ends_with)).collect()
}

fn upload_puts(h: &harness::Harness) -> Vec<harness::Seen> {
    h.seen().into_iter().filter(|s| s.method == "PUT" && s.path().starts_with("/upload/")).collect()
}

#[tokio::test]
async fn dropped_and_throttled_ranges_are_sent_again_and_the_bytes_arrive_exactly() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "resumed").await;
    let file = OutgoingAttachment::new("big.bin", pattern(SIZE));
    h.faults().fail_upload_put(1, FaultKind::Drop);
    h.faults().fail_upload_put(3, FaultKind::Throttle { retry_after: "0".into() });
    h.faults().fail_upload_put(4, FaultKind::Unavailable { retry_after: Some("0".into()) });
    let mut progress = Vec::new();
    upload_large(&client, &path, &file, CHUNK, &mut |done, size| progress.push((done, size))).await.unwrap();

    let stored = stored_attachments(&h, &id);
    assert_eq!(stored.len(), 1);
    assert_eq!(bytes_of(&stored[0]), file.bytes, "the exact bytes");
    let ranges: Vec<String> =
        upload_puts(&h).iter().map(|s| s.header("content-range").unwrap_or_default().to_owned()).collect();
    let range = |i: usize| format!("bytes {}-{}/{SIZE}", i * CHUNK, (i + 1) * CHUNK - 1);
    assert_eq!(ranges, [range(0), range(1), range(1), range(2), range(2), range(2), range(3)], "the same range again");
    assert!(upload_puts(&h).iter().all(|s| !s.authorization), "upload URLs never get the token");
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 1, "one session did it");
    let sizes: Vec<u64> = progress.iter().map(|(done, _)| *done).collect();
    assert_eq!(sizes, [CHUNK as u64, 2 * CHUNK as u64, 3 * CHUNK as u64, SIZE as u64]);
}

#[tokio::test]
async fn the_scheduled_upload_drops_of_o365_sim_cost_a_resend_each_and_the_bytes_arrive() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "scheduled drops").await;
    let file = OutgoingAttachment::new("big.bin", pattern(SIZE));
    // What `o365 sim --upload-drop-every 3` sets: PUTs 3, 6, … lose their connection.
    h.faults().set_options(o365_sim::faults::FaultOptions { upload_drop_every: Some(3), ..Default::default() });
    upload_large(&client, &path, &file, CHUNK, &mut |_, _| {}).await.unwrap();
    assert_eq!(bytes_of(&stored_attachments(&h, &id)[0]), file.bytes, "the exact bytes");
    let ranges: Vec<String> =
        upload_puts(&h).iter().map(|s| s.header("content-range").unwrap_or_default().to_owned()).collect();
    let range = |i: usize| format!("bytes {}-{}/{SIZE}", i * CHUNK, (i + 1) * CHUNK - 1);
    assert_eq!(ranges, [range(0), range(1), range(2), range(2), range(3)], "the third PUT was cut and sent again");
}

#[tokio::test]
async fn a_range_whose_answer_was_lost_is_out_of_step_and_the_file_goes_again_through_a_new_session() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "lost answer").await;
    let file = OutgoingAttachment::new("report.pdf", pattern(SIZE));
    // The second range lands but its answer does not come; sent again, it is out of step (416).
    h.faults().fail_upload_put(1, FaultKind::LoseAnswer);
    upload_large(&client, &path, &file, CHUNK, &mut |_, _| {}).await.unwrap();

    let stored = stored_attachments(&h, &id);
    assert_eq!(stored.len(), 1, "attached once");
    assert_eq!(bytes_of(&stored[0]), file.bytes);
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 2, "started over once");
    let cancels: Vec<_> =
        h.seen().into_iter().filter(|s| s.method == "DELETE" && s.path().starts_with("/upload/")).collect();
    assert_eq!(cancels.len(), 1, "the confused session was cancelled");
    assert!(!cancels[0].authorization);
    let message = mail_harness::stored(&h.state, &id).unwrap();
    let open = message.get("_uploadSessions").and_then(Value::as_object).map_or(0, |s| s.len());
    assert_eq!(open, 0, "no session is left open");
}

#[tokio::test]
async fn a_last_range_that_landed_without_its_answer_is_not_attached_twice() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "last range").await;
    let file = OutgoingAttachment::new("tail.bin", pattern(2 * CHUNK));
    // The last range creates the attachment; its answer is lost; sent again, the session is gone.
    h.faults().fail_upload_put(1, FaultKind::LoseAnswer);
    upload_large(&client, &path, &file, CHUNK, &mut |_, _| {}).await.unwrap();
    let stored = stored_attachments(&h, &id);
    assert_eq!(stored.len(), 1, "found on the draft, not uploaded again");
    assert_eq!(bytes_of(&stored[0]), file.bytes);
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 1);
}

#[tokio::test]
async fn a_session_lost_mid_way_starts_over_once_and_completes() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "session lost").await;
    let file = OutgoingAttachment::new("data.csv", pattern(SIZE));
    h.faults().fail_upload_put(2, FaultKind::Gone);
    let mut progress = Vec::new();
    upload_large(&client, &path, &file, CHUNK, &mut |done, _| progress.push(done)).await.unwrap();
    let stored = stored_attachments(&h, &id);
    assert_eq!(stored.len(), 1);
    assert_eq!(bytes_of(&stored[0]), file.bytes);
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 2);
    assert_eq!(upload_puts(&h).len(), 3 + 4, "two ranges, the lost one, then the whole file");
    assert!(progress.contains(&0), "progress starts over with the new session");
    assert_eq!(progress.last(), Some(&(SIZE as u64)));
}

#[tokio::test]
async fn a_session_lost_twice_is_an_error_naming_the_file() {
    let h = harness::start().await;
    let client = h.client();
    let (id, path) = draft(&h, &client, "lost twice").await;
    let file = OutgoingAttachment::new("quarterly.xlsx", pattern(SIZE));
    h.faults().fail_upload_put(1, FaultKind::Gone);
    h.faults().fail_upload_put(3, FaultKind::Gone);
    let error = upload_large(&client, &path, &file, CHUNK, &mut |_, _| {}).await.unwrap_err();
    assert_eq!(harness::api_error(&error).status, 404);
    assert!(harness::api_error(&error).has_code("uploadSessionNotFound"));
    assert!(error.to_string().contains("uploading quarterly.xlsx"), "{error}");
    assert!(stored_attachments(&h, &id).is_empty());
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 2, "started over only once");
}

#[tokio::test]
async fn ranges_that_keep_failing_give_up_within_the_retry_policy() {
    let h = harness::start().await;
    let client = h.client();
    let (_, path) = draft(&h, &client, "offline").await;
    let file = OutgoingAttachment::new("big.bin", pattern(2 * CHUNK));
    h.faults().fail_next_upload_puts(10, FaultKind::Drop);
    let error = upload_large(&client, &path, &file, CHUNK, &mut |_, _| {}).await.unwrap_err();
    assert!(error.to_string().contains("uploading big.bin"), "{error}");
    assert_eq!(upload_puts(&h).len(), 1 + harness::quick_retry().retries as usize, "bounded attempts");
}

#[tokio::test]
async fn a_send_whose_upload_fails_on_the_network_says_nothing_went_out() {
    let h = harness::start().await;
    let m = NewMessage {
        to: vec![to("kim@fabrikam.example")],
        subject: "stuck".into(),
        attachments: vec![OutgoingAttachment::new("big.bin", pattern(INLINE_LIMIT + 1))],
        ..NewMessage::default()
    };
    h.faults().fail_next_upload_puts(20, FaultKind::Drop);
    let failure = send_message(&h.client(), &m, &mut |_, _| {}).await.unwrap_err();
    assert!(!failure.maybe_sent(), "the send was never asked for: {failure}");
    assert!(!failure.to_string().contains("may have gone out"), "{failure}");
    let kept = failure.draft_id.as_deref().expect("the text is kept in Drafts");
    assert!(folder_messages(&h.state, "drafts").iter().any(|d| d["id"] == kept));
    assert!(folder_messages(&h.state, "sentitems").iter().all(|d| d["subject"] != "stuck"));
}

#[tokio::test]
async fn a_file_at_the_inline_limit_is_refused_as_too_large_and_goes_through_a_session() {
    let h = harness::start().await;
    let client = h.client();
    let (id, _) = draft(&h, &client, "edge").await;
    // 3 MiB of bytes is 4 MiB of base64: with the JSON around it, over Graph's 4 MB.
    let file = OutgoingAttachment::new("edge.bin", pattern(INLINE_LIMIT));
    add_attachment(&client, &id, &file, &mut |_, _| {}).await.unwrap();
    let posts = requests(&h, "POST", "/attachments");
    assert_eq!(posts.len(), 1, "tried in one POST first");
    assert_eq!(requests(&h, "POST", "/createUploadSession").len(), 1, "then through a session");
    let stored = stored_attachments(&h, &id);
    assert_eq!(stored.len(), 1);
    assert_eq!(bytes_of(&stored[0]), file.bytes);
}

/// A body of about 1.5 MB: with 2.5 MB of files the request passes 4 MB.
fn long_body() -> String {
    "All the figures for the quarter, line by line.\n".repeat(32_000)
}

#[tokio::test]
async fn a_send_mail_too_large_for_one_request_goes_through_a_draft_with_every_file() {
    let h = harness::start().await;
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &pattern(5000)].concat();
    let m = NewMessage {
        to: vec![to("jo@fabrikam.example")],
        subject: "heavy".into(),
        body: long_body(),
        html: false,
        attachments: vec![
            OutgoingAttachment::new("figures.bin", pattern(2_500_000)),
            OutgoingAttachment::inline_image("chart.png", png.clone(), "chart.png@o365-tui"),
        ],
        ..NewMessage::default()
    };
    send_message(&h.client(), &m, &mut |_, _| {}).await.unwrap();

    assert_eq!(requests(&h, "POST", "/sendMail").len(), 1, "sendMail was tried and refused (413)");
    let sent = by_subject(&h.state, "sentitems", "heavy");
    let stored = stored_attachments(&h, sent["id"].as_str().unwrap());
    assert_eq!(stored.len(), 2, "every file landed");
    let figures = stored.iter().find(|a| a["name"] == "figures.bin").unwrap();
    assert_eq!(bytes_of(figures), m.attachments[0].bytes);
    let chart = stored.iter().find(|a| a["name"] == "chart.png").unwrap();
    assert_eq!((chart["isInline"].as_bool(), chart["contentId"].as_str()), (Some(true), Some("chart.png@o365-tui")));
    assert_eq!(bytes_of(chart), png);
    assert_eq!(sent["body"]["contentType"], "html", "a text body with an inline image goes as HTML");
    let body = sent["body"]["content"].as_str().unwrap();
    assert!(body.contains("<img src=\"cid:chart.png@o365-tui\" alt=\"chart.png\">"), "the body refers to the image");
    assert!(body.contains("All the figures for the quarter"));
    assert!(folder_messages(&h.state, "drafts").iter().all(|d| d["subject"] != "heavy"), "the draft was sent");
}

#[tokio::test]
async fn a_draft_too_large_with_its_files_is_made_without_them_and_they_follow() {
    let h = harness::start().await;
    let m = NewMessage {
        to: vec![to("kim@fabrikam.example")],
        subject: "heavy draft".into(),
        body: long_body(),
        attachments: vec![
            OutgoingAttachment::new("a.bin", pattern(1_300_000)),
            OutgoingAttachment::new("b.bin", pattern(1_200_000)),
        ],
        ..NewMessage::default()
    };
    let draft = save_draft(&h.client(), &m, &mut |_, _| {}).await.unwrap();
    let stored = stored_attachments(&h, &draft.id);
    let mut names: Vec<(&str, usize)> =
        stored.iter().map(|a| (a["name"].as_str().unwrap(), bytes_of(a).len())).collect();
    names.sort();
    assert_eq!(names, [("a.bin", 1_300_000), ("b.bin", 1_200_000)]);
    assert_eq!(requests(&h, "POST", "/me/messages").len(), 2, "with the files (413), then without");
    assert_eq!(by_subject(&h.state, "drafts", "heavy draft")["body"]["content"], m.body.as_str());
}

#[tokio::test]
async fn a_large_inline_image_goes_through_a_session_and_stays_inline() {
    let h = harness::start().await;
    let client = h.client();
    let (id, _) = draft(&h, &client, "big picture").await;
    let gif = [b"GIF89a".as_slice(), &pattern(INLINE_LIMIT + 10)].concat();
    let image = OutgoingAttachment::inline_image("poster.gif", gif.clone(), "poster.gif@o365-tui");
    add_attachment(&client, &id, &image, &mut |_, _| {}).await.unwrap();
    let stored = stored_attachments(&h, &id);
    assert_eq!(stored[0]["isInline"], true);
    assert_eq!(stored[0]["contentId"], "poster.gif@o365-tui");
    assert_eq!(stored[0]["contentType"], "image/gif");
    assert_eq!(bytes_of(&stored[0]), gif);
    assert_eq!(mail_harness::stored(&h.state, &id).unwrap()["hasAttachments"], false, "inline images do not count");
}
