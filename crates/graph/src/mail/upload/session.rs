//! The attachment upload session of graph-facts §3.3, made to survive real networks: each range
//! is retried on transient failures and the upload goes on from the offset the service names;
//! a session that is lost or out of step is cancelled and the file sent once more through a
//! new one. The session URL is pre-authenticated: it gets its own HTTP client and never the
//! token.
use std::time::SystemTime;

use serde::Deserialize;
use url::Url;

use super::resume::{Cursor, Next, PutResult, decide, next_expected};
use super::{OutgoingAttachment, list_attached, name_the_file};
use crate::client::{GraphClient, redact_query, to_body};
use crate::dto::{AttachmentItem, AttachmentUploadSessionRequest};
use crate::error::{ApiError, GraphError, GraphResult};
use crate::request::Request;
use crate::retry::{Outcome, parse_retry_after};
use crate::transport::{build_http, transport_error, transport_outcome};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadSession {
    upload_url: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RangeAnswer {
    next_expected_ranges: Vec<String>,
}

/// How one session ended.
enum SessionEnd {
    Done,
    /// Lost or out of step: worth one new session. The error says what the service answered.
    StartOver(GraphError),
}

/// Uploads `attachment` through an upload session under `attachments_path`, `chunk` bytes per
/// PUT; `progress` hears (bytes the service has, size) after each range.
pub async fn upload_large(
    client: &GraphClient,
    attachments_path: &str,
    attachment: &OutgoingAttachment,
    chunk: usize,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<()> {
    let mut restarted = false;
    loop {
        let url =
            create_session(client, attachments_path, attachment).await.map_err(|e| name_the_file(e, attachment))?;
        // Its own HTTP client: the session URL is pre-authenticated and must not get the token.
        let http = build_http(client.options(), &url)?;
        match run_session(client, &http, &url, attachments_path, attachment, chunk, progress).await {
            Ok(SessionEnd::Done) => return Ok(()),
            Ok(SessionEnd::StartOver(error)) => {
                // The session is of no more use; whether the DELETE lands does not matter.
                let _ = http.delete(url.clone()).send().await;
                if restarted {
                    let error = name_the_file(error, attachment);
                    tracing::warn!(name = %attachment.name, "upload session lost twice: {error}");
                    return Err(error);
                }
                tracing::debug!(name = %attachment.name, "upload session lost or out of step: starting over");
                restarted = true;
                progress(0, attachment.bytes.len() as u64);
            }
            Err(error) => return Err(name_the_file(error, attachment)),
        }
    }
}

async fn create_session(
    client: &GraphClient,
    attachments_path: &str,
    attachment: &OutgoingAttachment,
) -> GraphResult<Url> {
    let request = AttachmentUploadSessionRequest {
        attachment_item: AttachmentItem {
            attachment_type: "file".into(),
            name: attachment.name.clone(),
            size: attachment.bytes.len() as i64,
            content_type: Some(attachment.content_type.clone()),
            // An inline image stays inline however it travels (§3.3, attachmentItem).
            is_inline: attachment.content_id.is_some().then_some(true),
            content_id: attachment.content_id.clone(),
        },
    };
    let create = Request::post(format!("{attachments_path}/createUploadSession")).with_json(to_body(&request)?);
    let session: UploadSession = client.json(create).await?;
    Url::parse(&session.upload_url)
        .map_err(|e| GraphError::Decode { url: "createUploadSession".into(), reason: format!("bad uploadUrl: {e}") })
}

async fn run_session(
    client: &GraphClient,
    http: &reqwest::Client,
    url: &Url,
    attachments_path: &str,
    attachment: &OutgoingAttachment,
    chunk: usize,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> GraphResult<SessionEnd> {
    let size = attachment.bytes.len() as u64;
    let policy = &client.options().retry;
    let mut cursor = Cursor { offset: 0, end: 0, size, attempt: 0 };
    loop {
        cursor.end = (cursor.offset + chunk.max(1) as u64).min(size);
        let (result, error) = put_range(http, url, &attachment.bytes, cursor.offset, cursor.end, size).await;
        match decide(policy, &cursor, result) {
            Next::Send { offset } => {
                progress(offset, size);
                cursor = Cursor { offset, attempt: 0, ..cursor };
            }
            Next::Done => {
                progress(size, size);
                return Ok(SessionEnd::Done);
            }
            Next::Retry { wait } => {
                tracing::debug!(offset = cursor.offset, attempt = cursor.attempt, ?wait, "retrying an upload range");
                tokio::time::sleep(wait).await;
                cursor.attempt += 1;
            }
            Next::MaybeLanded => {
                if already_attached(client, attachments_path, attachment).await {
                    progress(size, size);
                    return Ok(SessionEnd::Done);
                }
                return Ok(SessionEnd::StartOver(error.unwrap_or_else(|| out_of_step(url))));
            }
            Next::Restart => return Ok(SessionEnd::StartOver(error.unwrap_or_else(|| out_of_step(url)))),
            Next::Fail => {
                return Err(error.unwrap_or_else(|| GraphError::Decode {
                    url: redact_query(url),
                    reason: "the last range was answered 200, not 201 Created".into(),
                }));
            }
        }
    }
}

/// Sends bytes `start..end` of `size`; the result for the decision and, when it failed, the
/// error to report.
async fn put_range(
    http: &reqwest::Client,
    url: &Url,
    bytes: &[u8],
    start: u64,
    end: u64,
    size: u64,
) -> (PutResult, Option<GraphError>) {
    let body = bytes[start as usize..end as usize].to_vec();
    let sent = http
        .put(url.clone())
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", format!("bytes {start}-{}/{size}", end - 1))
        .body(body)
        .send()
        .await;
    let answer = match sent {
        Ok(answer) => answer,
        Err(e) => return (PutResult::Transient(transport_outcome(&e)), Some(transport_error(e))),
    };
    let status = answer.status().as_u16();
    let retry_after = answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    let body = match answer.bytes().await {
        Ok(body) => body,
        Err(e) => return (PutResult::Transient(Outcome::TransportBroken), Some(transport_error(e))),
    };
    let result = match status {
        200 => {
            let next =
                serde_json::from_slice::<RangeAnswer>(&body).ok().and_then(|a| next_expected(&a.next_expected_ranges));
            return (PutResult::Accepted { next }, None);
        }
        201 => return (PutResult::Created, None),
        429 | 503 => PutResult::Transient(Outcome::Throttled { retry_after }),
        500 | 502 | 504 => PutResult::Transient(Outcome::ServerError),
        404 => PutResult::SessionGone,
        416 => PutResult::OutOfStep,
        _ => PutResult::Refused,
    };
    (result, Some(ApiError::from_body(status, &body, retry_after).into()))
}

fn out_of_step(url: &Url) -> GraphError {
    GraphError::Decode {
        url: redact_query(url),
        reason: "the service expects a range the upload does not agree with".into(),
    }
}

/// Whether the draft has an attachment of this name and size: the last range's first attempt
/// created it before its answer was lost. (A draft that already had an identical file looks
/// the same; then the file is taken as sent.)
async fn already_attached(client: &GraphClient, attachments_path: &str, attachment: &OutgoingAttachment) -> bool {
    list_attached(client, attachments_path).await.is_ok_and(|list| list.iter().any(|a| a.is(attachment)))
}
