//! Sending and saving a message being written: the local draft is written first, the text and
//! files go to the service (into the server draft it already has, or as a new message or
//! draft), and the local draft is removed only once the service has them. A failure says where
//! the text is now. Compose's addresses, quote and progress are mapped to Graph's here.
use std::path::{Path, PathBuf};

use super::body::{body_of, images_of};
use super::on_disk;
use crate::domain::Mailbox;
use crate::drafts::{remove_draft, write_draft};
use crate::tui::msg::compose::{Failure, SendProgress};
use crate::tui::msg::{self, FailureKind, Outcome};
use crate::tui::store::compose::draft::LocalDraft;
use crate::tui::store::compose::header::{Parsed, parse_fields};
use o365_graph::client::GraphClient;
use o365_graph::dto::{MessagePatch, Recipient};
use o365_graph::encode::encode_segment;
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::mail::compose::{
    NewMessage, SendFailure, save_draft_with_progress, send_draft, send_message_with_progress, update_draft,
};
use o365_graph::mail::upload::{OutgoingAttachment, UploadProgress, add_attachments, missing_on_draft};
use o365_graph::request::Request;

fn failure(error: impl ToString) -> Failure {
    Failure { reason: error.to_string(), maybe_sent: false, server_draft_id: None, attachments_uploaded: false }
}

/// The text, the files and the inline images ready for the service; the local draft is
/// written first. File work, run off the runtime's threads (`on_disk`).
fn ready(path: &Path, draft: &LocalDraft) -> Result<(Parsed, Vec<OutgoingAttachment>), Failure> {
    write_draft(path, draft)
        .map_err(|e| failure(format!("the local copy could not be written, nothing was sent: {e}")))?;
    let parsed = parse_fields(&draft.fields()).map_err(failure)?;
    let read = |file: &Path| {
        let bytes = std::fs::read(file).map_err(|e| failure(format!("{}: {e}", file.display())))?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
        Ok::<_, Failure>((name, bytes))
    };
    let mut files = Vec::new();
    for file in &draft.attachments {
        let (name, bytes) = read(file)?;
        files.push(OutgoingAttachment::new(name, bytes));
    }
    for image in &draft.inline_images {
        let (name, bytes) = read(&image.path)?;
        files.push(OutgoingAttachment::inline_image(name, bytes, image.content_id.clone()));
    }
    Ok((parsed, files))
}

async fn ready_on_disk(path: &Path, draft: &LocalDraft) -> Result<(Parsed, Vec<OutgoingAttachment>), Failure> {
    let (path, draft) = (path.to_path_buf(), draft.clone());
    on_disk(move || ready(&path, &draft)).await.unwrap_or_else(|reason| Err(failure(reason)))
}

async fn remove_on_disk(path: &Path) -> Outcome<()> {
    let path = path.to_path_buf();
    on_disk(move || remove_draft(&path)).await?.map_err(|e| msg::Failure::local(e.to_string()))
}

/// Compose's addresses as Graph's recipients (no name when none was written).
fn recipients(list: &[Mailbox]) -> Vec<Recipient> {
    list.iter().map(|m| Recipient::new(&m.address, Some(m.name.as_str()).filter(|n| !n.is_empty()))).collect()
}

/// The client library's upload progress as compose shows it.
pub(super) fn send_progress(p: &UploadProgress) -> SendProgress {
    SendProgress { file: p.file.clone(), file_done: p.file_done, file_size: p.file_size, done: p.done, total: p.total }
}

fn patch_of(parsed: &Parsed, draft: &LocalDraft, html: bool, files: &[OutgoingAttachment]) -> MessagePatch {
    MessagePatch {
        subject: Some(parsed.subject.clone()),
        body: Some(body_of(&parsed.body, draft.quoted.as_ref(), draft.resumed_html.as_ref(), html, &images_of(files))),
        to_recipients: Some(recipients(&parsed.to)),
        cc_recipients: Some(recipients(&parsed.cc)),
        bcc_recipients: Some(recipients(&parsed.bcc)),
        ..MessagePatch::default()
    }
}

/// Puts the files on the server draft `id` that it does not have yet (a failed send may have
/// left some there).
async fn attach_to_draft(
    client: &GraphClient,
    id: &str,
    files: &[OutgoingAttachment],
    report: &mut (dyn FnMut(&UploadProgress) + Send),
) -> GraphResult<()> {
    let missing = missing_on_draft(client, id, files).await?;
    let total: u64 = missing.iter().map(|f| f.size()).sum();
    add_attachments(client, id, &missing, 0, total, report).await
}

/// Sends; on success the local draft is removed. A failure says where the text is now.
pub async fn send(
    client: &GraphClient,
    path: &Path,
    draft: &LocalDraft,
    html: bool,
    progress: &mut (dyn FnMut(&UploadProgress) + Send),
) -> Result<(), Failure> {
    let (parsed, files) = ready_on_disk(path, draft).await?;
    match &draft.server_draft_id {
        Some(id) => {
            // `uploaded`: every step before the send went through, so the send itself failed.
            let keep = |error: GraphError, uploaded: bool| {
                let draft_id = Some(id.clone());
                let kept = if uploaded {
                    SendFailure::at_send(error, draft_id)
                } else {
                    SendFailure::before_send(error, draft_id)
                };
                Failure {
                    reason: kept.to_string(),
                    maybe_sent: kept.maybe_sent(),
                    server_draft_id: Some(id.clone()),
                    attachments_uploaded: uploaded,
                }
            };
            update_draft(client, id, &patch_of(&parsed, draft, html, &files)).await.map_err(|e| keep(e, false))?;
            attach_to_draft(client, id, &files, progress).await.map_err(|e| keep(e, false))?;
            send_draft(client, id).await.map_err(|e| keep(e, true))?;
        }
        None => {
            let message = NewMessage {
                to: recipients(&parsed.to),
                cc: recipients(&parsed.cc),
                bcc: recipients(&parsed.bcc),
                subject: parsed.subject.clone(),
                body: parsed.body.clone(),
                html,
                attachments: files,
            };
            send_message_with_progress(client, &message, progress).await.map_err(|f| Failure {
                reason: f.to_string(),
                maybe_sent: f.maybe_sent(),
                // Not all files may be on the kept draft (an upload failed): the retry looks
                // at the draft and attaches only what is missing.
                attachments_uploaded: false,
                server_draft_id: f.draft_id,
            })?;
        }
    }
    remove_on_disk(path).await.map_err(|e| failure(format!("sent, but the local copy could not be removed: {e}")))
}

/// Saves to Drafts (a new draft, or the one this text already lives in); the local draft goes
/// once the service has it. Answers with the server draft's id.
pub async fn save(client: &GraphClient, path: &Path, draft: &LocalDraft, html: bool) -> Result<String, Failure> {
    let (parsed, files) = ready_on_disk(path, draft).await?;
    let id = match &draft.server_draft_id {
        Some(id) => {
            let keep =
                |e: GraphError| Failure { server_draft_id: Some(id.clone()), ..failure(format!("saving failed: {e}")) };
            update_draft(client, id, &patch_of(&parsed, draft, html, &files)).await.map_err(keep)?;
            attach_to_draft(client, id, &files, &mut |_| {}).await.map_err(keep)?;
            id.clone()
        }
        None => {
            let message = NewMessage {
                to: recipients(&parsed.to),
                cc: recipients(&parsed.cc),
                bcc: recipients(&parsed.bcc),
                subject: parsed.subject,
                body: parsed.body,
                html,
                attachments: files,
            };
            save_draft_with_progress(client, &message, &mut |_| {})
                .await
                .map_err(|e| failure(format!("saving failed: {e}")))?
                .id
        }
    };
    remove_on_disk(path).await.map_err(|e| failure(format!("saved, but the local copy could not be removed: {e}")))?;
    Ok(id)
}

/// Removes the local draft and, when this compose made it, the server draft.
pub async fn discard(client: &GraphClient, path: Option<PathBuf>, server_draft: Option<String>) -> Outcome<()> {
    if let Some(path) = path {
        remove_on_disk(&path).await?;
    }
    if let Some(id) = server_draft {
        let path = client.resource_path(&format!("messages/{}", encode_segment(&id)));
        client
            .execute(Request::delete(path))
            .await
            .map_err(|e| msg::Failure::new(FailureKind::from(&e), format!("the server draft stays in Drafts: {e}")))?;
    }
    Ok(())
}
