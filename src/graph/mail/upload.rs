//! Attachments onto a draft: small files in one `POST .../attachments`, large ones through an
//! attachment upload session: `createUploadSession`, then the bytes in order as `PUT`s of
//! byte ranges to the session URL, which takes no Authorization header (graph-facts §3.3).
use base64::Engine;
use serde::Deserialize;
use url::Url;

use crate::graph::client::{GraphClient, redact_query, to_body};
use crate::graph::dto::{Attachment, AttachmentItem, AttachmentUploadSessionRequest};
use crate::graph::error::{ApiError, GraphError, GraphResult};
use crate::graph::request::Request;
use crate::graph::resource::encode_segment;
use crate::graph::transport::build_http;

/// Files up to this size go inline (as base64 `contentBytes`); Graph's request limit is 4 MB
/// and base64 grows 3 bytes to 4 (graph-facts §3.3).
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
}

impl OutgoingAttachment {
    /// An attachment whose content type is guessed from the name's extension.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let name = name.into();
        let content_type = guess_content_type(&name).to_owned();
        Self { name, content_type, bytes }
    }

    /// As a `fileAttachment` for a message body.
    pub fn to_file_attachment(&self) -> Attachment {
        Attachment::file(&self.name, &self.content_type, base64::engine::general_purpose::STANDARD.encode(&self.bytes))
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

/// Adds `attachment` to the draft `message_id`: one POST when small, else an upload session.
/// `progress` hears (bytes sent, total) after each uploaded range.
pub async fn add_attachment(
    client: &GraphClient,
    message_id: &str,
    attachment: &OutgoingAttachment,
    progress: &mut dyn FnMut(u64, u64),
) -> GraphResult<()> {
    let base = client.resource_path(&format!("messages/{}/attachments", encode_segment(message_id)));
    if attachment.bytes.len() <= INLINE_LIMIT {
        client.execute(Request::post(base).with_json(to_body(&attachment.to_file_attachment())?)).await?;
        progress(attachment.bytes.len() as u64, attachment.bytes.len() as u64);
        return Ok(());
    }
    upload_large(client, &base, attachment, CHUNK_SIZE, progress).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadSession {
    upload_url: String,
}

/// The upload session path of §3.3, with `chunk` bytes per PUT.
pub async fn upload_large(
    client: &GraphClient,
    attachments_path: &str,
    attachment: &OutgoingAttachment,
    chunk: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> GraphResult<()> {
    let size = attachment.bytes.len();
    let request = AttachmentUploadSessionRequest {
        attachment_item: AttachmentItem {
            attachment_type: "file".into(),
            name: attachment.name.clone(),
            size: size as i64,
            content_type: Some(attachment.content_type.clone()),
            is_inline: None,
        },
    };
    let create = Request::post(format!("{attachments_path}/createUploadSession")).with_json(to_body(&request)?);
    let session: UploadSession = client.json(create).await?;
    let url = Url::parse(&session.upload_url)
        .map_err(|e| GraphError::Decode { url: "createUploadSession".into(), reason: format!("bad uploadUrl: {e}") })?;
    // Its own HTTP client: the session URL is pre-authenticated and must not get the token.
    let http = build_http(client.options(), &url)?;
    let mut start = 0;
    while start < size {
        let end = (start + chunk.max(1)).min(size);
        let answer = http
            .put(url.clone())
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", format!("bytes {start}-{}/{size}", end - 1))
            .body(attachment.bytes[start..end].to_vec())
            .send()
            .await
            .map_err(|e| GraphError::Transport(format!("uploading {}: {e}", redact_query(&url))))?;
        let status = answer.status().as_u16();
        let body = answer.bytes().await.unwrap_or_default();
        if !(200..300).contains(&status) {
            return Err(ApiError::from_body(status, &body, None).into());
        }
        start = end;
        progress(start as u64, size as u64);
        // The last range is answered 201 (attachment created); anything earlier with 200.
        if start == size && status != 201 {
            return Err(GraphError::Decode {
                url: redact_query(&url),
                reason: format!("the last range was answered {status}, not 201 Created"),
            });
        }
    }
    Ok(())
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
}
