//! Attachments onto a draft: small files in one `POST .../attachments`, large ones (and small
//! ones the service refuses as too large, 413) through an attachment upload session whose
//! ranges are retried and resumed (`session`, `resume`); inline images referenced by `cid:`
//! (`inline_image`). graph-facts §3.3.
pub mod inline_image;
pub mod resume;
mod session;

use base64::Engine;
use serde::Deserialize;

pub use session::upload_large;

use crate::client::{GraphClient, to_body};
use crate::dto::Attachment;
use crate::dto::attachment::FileAttachment;
use crate::encode::encode_segment;
use crate::error::{GraphError, GraphResult};
use crate::paging::collect;
use crate::request::Request;

/// Files up to this size go in one POST (as base64 `contentBytes`): Microsoft's rule is "under
/// 3 MB" because Graph takes at most 4 MB per request and base64 grows 3 bytes to 4. A file
/// at the very edge still makes a request over 4 MB; the service answers 413 and the file goes
/// through an upload session instead (`add_attachment`).
pub const INLINE_LIMIT: usize = 3 * 1024 * 1024;
/// Upload session chunk size: Graph recommends at most 4 MB per PUT (§3.3); 12 × 320 KiB is
/// the largest multiple of 320 KiB under 4,000,000 bytes.
pub const CHUNK_SIZE: usize = 12 * 320 * 1024;

/// A file to attach: its name as the recipient will see it, MIME type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    /// Set for an inline image: the id the HTML body refers to as `cid:…` (`isInline` true).
    pub content_id: Option<String>,
}

impl OutgoingAttachment {
    /// An attachment whose content type is guessed from the name's extension.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let name = name.into();
        let content_type = guess_content_type(&name).to_owned();
        Self { name, content_type, bytes, content_id: None }
    }

    /// An image shown inside the HTML body where it says `<img src="cid:{content_id}">`.
    pub fn inline_image(name: impl Into<String>, bytes: Vec<u8>, content_id: impl Into<String>) -> Self {
        Self { content_id: Some(content_id.into()), ..Self::new(name, bytes) }
    }

    /// As a `fileAttachment` for a request body.
    pub fn to_file_attachment(&self) -> Attachment {
        let mut attachment = Attachment::file(
            &self.name,
            &self.content_type,
            base64::engine::general_purpose::STANDARD.encode(&self.bytes),
        );
        if let (Attachment::File(FileAttachment { base, content_id, .. }), Some(id)) =
            (&mut attachment, &self.content_id)
        {
            base.is_inline = Some(true);
            *content_id = Some(id.clone());
        }
        attachment
    }

    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }
}

/// The common types by extension; anything else is `application/octet-stream`.
pub fn guess_content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "log" | "md" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "eml" => "message/rfc822",
        "ics" => "text/calendar",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

/// Splits attachments into those that fit inline in one message body (in order, while the
/// running total stays within `INLINE_LIMIT`) and the rest, which are added to a draft later.
pub fn split_inline(attachments: &[OutgoingAttachment]) -> (Vec<&OutgoingAttachment>, Vec<&OutgoingAttachment>) {
    let mut total = 0;
    let mut inline = Vec::new();
    let mut later = Vec::new();
    for a in attachments {
        if total + a.bytes.len() <= INLINE_LIMIT {
            total += a.bytes.len();
            inline.push(a);
        } else {
            later.push(a);
        }
    }
    (inline, later)
}

/// Whether the service refused a request for its size (413, graph-facts §2.2): the same
/// content can still go through an upload session.
pub fn is_too_large(error: &GraphError) -> bool {
    error.api().is_some_and(|e| e.status == 413)
}

/// Adds `attachment` to the draft `message_id`: one POST when small, else an upload session;
/// a POST refused as too large goes through an upload session too. `progress` hears (bytes
/// sent, total) as the file goes.
pub async fn add_attachment(
    client: &GraphClient,
    message_id: &str,
    attachment: &OutgoingAttachment,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<()> {
    let base = client.resource_path(&format!("messages/{}/attachments", encode_segment(message_id)));
    if attachment.bytes.len() <= INLINE_LIMIT {
        let post = Request::post(base.clone()).with_json(to_body(&attachment.to_file_attachment())?);
        match client.execute(post).await {
            Ok(_) => {
                progress(attachment.size(), attachment.size());
                return Ok(());
            }
            Err(e) if is_too_large(&e) => {
                tracing::debug!(name = %attachment.name, "the attachment POST was too large: using an upload session");
            }
            Err(e) => return Err(name_the_file(e, attachment)),
        }
    }
    upload_large(client, &base, attachment, CHUNK_SIZE, progress).await
}

/// Where the files of one message stand, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadProgress {
    /// The file being uploaded.
    pub file: String,
    pub file_done: u64,
    pub file_size: u64,
    /// Bytes of all the message's files the service has, and their sum.
    pub done: u64,
    pub total: u64,
}

/// Adds `files` to the draft one after another. `already` bytes of `total` are on the service
/// before the first (files that went in the draft's own body).
pub async fn add_attachments(
    client: &GraphClient,
    message_id: &str,
    files: &[&OutgoingAttachment],
    already: u64,
    total: u64,
    report: &mut (dyn FnMut(&UploadProgress) + Send),
) -> GraphResult<()> {
    let mut before = already;
    for file in files {
        let mut per_file = |done: u64, size: u64| {
            report(&UploadProgress {
                file: file.name.clone(),
                file_done: done,
                file_size: size,
                done: before + done,
                total,
            });
        };
        add_attachment(client, message_id, file, &mut per_file).await?;
        before += file.size();
    }
    Ok(())
}

/// An attachment a draft has, as far as telling files apart goes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachedFile {
    pub name: Option<String>,
    pub size: Option<i64>,
}

impl AttachedFile {
    /// Whether this is `file` (same name and size).
    pub fn is(&self, file: &OutgoingAttachment) -> bool {
        self.name.as_deref() == Some(file.name.as_str()) && self.size == Some(file.bytes.len() as i64)
    }
}

/// The attachments under `attachments_path` (every page).
pub async fn list_attached(client: &GraphClient, attachments_path: &str) -> GraphResult<Vec<AttachedFile>> {
    let request = Request::get(attachments_path).with_query(vec![("$select".into(), "name,size".into())]);
    collect(client, request, None).await
}

/// The files the draft does not have yet: after a failed send some may have landed, and a
/// retry must not attach them twice.
pub async fn missing_on_draft<'a>(
    client: &GraphClient,
    message_id: &str,
    files: &'a [OutgoingAttachment],
) -> GraphResult<Vec<&'a OutgoingAttachment>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let path = client.resource_path(&format!("messages/{}/attachments", encode_segment(message_id)));
    let attached = list_attached(client, &path).await?;
    Ok(files.iter().filter(|f| !attached.iter().any(|a| a.is(f))).collect())
}

/// The error with the file's name in its text, so a message with several files says which one
/// failed; the status and codes stay for callers that look at them.
pub fn name_the_file(error: GraphError, attachment: &OutgoingAttachment) -> GraphError {
    let name = &attachment.name;
    match error {
        GraphError::Api(mut api) => {
            api.message = format!("uploading {name}: {}", api.message);
            GraphError::Api(api)
        }
        GraphError::Transport(e) => GraphError::Transport(e.doing(&format!("uploading {name}"))),
        GraphError::Decode { url, reason } => GraphError::Decode { url, reason: format!("uploading {name}: {reason}") },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_ones_fit_together_and_the_rest_waits() {
        let a = OutgoingAttachment::new("a.pdf", vec![0; 2 * 1024 * 1024]);
        let b = OutgoingAttachment::new("b.png", vec![0; 2 * 1024 * 1024]);
        let c = OutgoingAttachment::new("c.txt", vec![0; 1024]);
        let list = [a, b, c];
        let (inline, later) = split_inline(&list);
        assert_eq!(inline.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["a.pdf", "c.txt"]);
        assert_eq!(later.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["b.png"]);
        assert_eq!(list[1].content_type, "image/png");
        assert_eq!(guess_content_type("README"), "application/octet-stream");
    }

    #[test]
    fn an_inline_image_is_marked_inline_with_its_content_id() {
        let image = OutgoingAttachment::inline_image("logo.png", vec![1, 2, 3], "logo.png@o365-tui");
        let json = serde_json::to_value(image.to_file_attachment()).unwrap();
        assert_eq!(json["isInline"], true);
        assert_eq!(json["contentId"], "logo.png@o365-tui");
        assert_eq!(json["contentType"], "image/png");
        assert_eq!(json["contentBytes"], "AQID");
        let plain = serde_json::to_value(OutgoingAttachment::new("a.txt", vec![]).to_file_attachment()).unwrap();
        assert!(plain.get("isInline").is_none() && plain.get("contentId").is_none());
    }

    #[test]
    fn errors_name_the_file_and_keep_their_status() {
        // The name is the caller's own (a local file); whoever shows the error sanitises it.
        let file = OutgoingAttachment::new("big.bin", vec![]);
        let api =
            crate::error::ApiError::from_body(404, br#"{"error":{"code":"itemNotFound","message":"gone"}}"#, None);
        let named = name_the_file(api.into(), &file);
        assert_eq!(named.api().unwrap().status, 404);
        assert!(named.to_string().contains("uploading big.bin: gone"), "{named}");
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        let transport = name_the_file(GraphError::Transport(crate::error::TransportError::new("reset", reset)), &file);
        assert_eq!(transport.to_string(), "network error: uploading big.bin: reset");
        let source = std::error::Error::source(&transport).and_then(std::error::Error::source);
        let io = source.and_then(|s| s.downcast_ref::<std::io::Error>()).expect("the cause is kept");
        assert_eq!(io.kind(), std::io::ErrorKind::ConnectionReset);
    }
}
