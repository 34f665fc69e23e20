//! Large attachments through an upload session (graph-facts §3.3): `createUploadSession` on a
//! message, then in-order `PUT`s of byte ranges to the session URL without Authorization; the
//! last range creates the attachment (201 + `Location`). Sessions live in the message under
//! the internal `_uploadSessions` key, so they never leave the process.
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::{Value, json};

use super::attachments::build_file_attachment;
use super::{json_object, message, owner_context};
use crate::SharedState;
use crate::auth::RequestedUri;
use crate::errors::{GraphError, GraphResult};
use crate::paging::{context_url, graph_root};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
/// Largest attachment an upload session takes (150 MB, §3.3).
const MAX_SIZE: u64 = 150 * 1024 * 1024;
const SESSIONS: &str = "_uploadSessions";

fn expiry() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub async fn create_session(
    State(state): State<SharedState>,
    Extension(requested): Extension<RequestedUri>,
    Path(id): Path<String>,
    body: Bytes,
) -> GraphResult<Response> {
    let body = json_object(&body)?;
    let item = body.get("AttachmentItem").or_else(|| body.get("attachmentItem")).and_then(Value::as_object);
    let item = item.ok_or_else(|| GraphError::bad_request("The AttachmentItem parameter is required."))?;
    if !item.get("attachmentType").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("file")) {
        return Err(GraphError::bad_request("Only attachmentType 'file' is supported."));
    }
    let name = item.get("name").and_then(Value::as_str).filter(|n| !n.is_empty());
    let name = name.ok_or_else(|| GraphError::bad_request("The attachment name is required."))?.to_owned();
    let size = item.get("size").and_then(Value::as_u64).filter(|s| *s > 0);
    let size = size.ok_or_else(|| GraphError::bad_request("The attachment size is required."))?;
    if size > MAX_SIZE {
        return Err(GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "ErrorAttachmentSizeExceeded",
            "The attachment is too large.",
        ));
    }
    let mut tenant = state.write_tenant();
    message(&tenant, &id)?;
    let session = uuid::Uuid::new_v4().simple().to_string();
    let context = context_url(&state, &requested.0, "microsoft.graph.uploadSession");
    let upload_url =
        format!("{}/upload/mail/{id}/{session}?authtoken={}", state.urls.origin, uuid::Uuid::new_v4().simple());
    let expires = expiry();
    let record = json!({
        "name": name, "size": size, "next": 0, "chunks": [],
        "contentType": item.get("contentType").cloned().unwrap_or(json!("application/octet-stream")),
        "isInline": item.get("isInline").cloned().unwrap_or(json!(false)),
        "contentId": item.get("contentId").cloned().unwrap_or(Value::Null),
        "graphRoot": graph_root(&state, &requested.0), "owner": owner_context(&tenant),
    });
    tenant.messages.update(&id, |m| {
        if let Some(m) = m.as_object_mut() {
            let sessions = m.entry(SESSIONS).or_insert_with(|| json!({}));
            sessions[session.as_str()] = record;
        }
    });
    let answer = json!({"@odata.context": context, "uploadUrl": upload_url, "expirationDateTime": expires, "nextExpectedRanges": ["0-"]});
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

/// `bytes start-end/total` from `Content-Range`.
fn content_range(headers: &HeaderMap) -> Option<(u64, u64, u64)> {
    let value = headers.get("content-range")?.to_str().ok()?.trim().strip_prefix("bytes ")?;
    let (range, total) = value.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    Some((start.trim().parse().ok()?, end.trim().parse().ok()?, total.trim().parse().ok()?))
}

fn invalid_range(message: &str) -> GraphError {
    GraphError::new(StatusCode::RANGE_NOT_SATISFIABLE, "invalidRange", message)
}

pub async fn put_range(
    State(state): State<SharedState>,
    Path((id, session)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> GraphResult<Response> {
    let (start, end, total) =
        content_range(&headers).ok_or_else(|| GraphError::bad_request("A valid Content-Range header is required."))?;
    let mut tenant = state.write_tenant();
    let record = tenant.messages.view(&id, false).and_then(|m| m.get(SESSIONS).and_then(|s| s.get(&session)).cloned());
    let mut record = record.ok_or_else(GraphError::outlook_not_found)?;
    let size = record["size"].as_u64().unwrap_or(0);
    let next = record["next"].as_u64().unwrap_or(0);
    // Bytes go in order, each range exactly as long as its body (§3.3).
    if total != size || start != next || end < start || end >= size || end - start + 1 != body.len() as u64 {
        return Err(invalid_range(&format!("The range does not match the next expected range '{next}-'.")));
    }
    if let Some(chunks) = record["chunks"].as_array_mut() {
        chunks.push(Value::String(B64.encode(&body)));
    }
    record["next"] = json!(end + 1);
    if end + 1 < size {
        tenant.messages.update(&id, |m| m[SESSIONS][session.as_str()] = record);
        return Ok(Json(json!({"expirationDateTime": expiry(), "nextExpectedRanges": [(end + 1).to_string()]}))
            .into_response());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    for chunk in record["chunks"].as_array().into_iter().flatten() {
        bytes.extend(B64.decode(chunk.as_str().unwrap_or("")).unwrap_or_default());
    }
    let input = json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": record["name"], "contentType": record["contentType"],
                       "isInline": record["isInline"], "contentId": record["contentId"], "contentBytes": B64.encode(&bytes)});
    let attachment = build_file_attachment(&mut tenant, &input)?;
    let attachment_id = attachment["id"].as_str().unwrap_or_default().to_owned();
    let inline = attachment["isInline"] == json!(true);
    tenant.attachments.push(&id, attachment);
    tenant.messages.update(&id, |m| {
        if let Some(sessions) = m.get_mut(SESSIONS).and_then(Value::as_object_mut) {
            sessions.remove(&session);
        }
        if !inline {
            m["hasAttachments"] = json!(true);
        }
    });
    let root = record["graphRoot"].as_str().unwrap_or_default();
    let location = format!(
        "{root}/{}/messages('{id}')/attachments('{attachment_id}')",
        record["owner"].as_str().unwrap_or_default()
    );
    Ok((StatusCode::CREATED, [("Location", location)]).into_response())
}

pub async fn cancel(
    State(state): State<SharedState>,
    Path((id, session)): Path<(String, String)>,
) -> GraphResult<StatusCode> {
    let mut tenant = state.write_tenant();
    let known =
        tenant.messages.view(&id, false).is_some_and(|m| m.get(SESSIONS).and_then(|s| s.get(&session)).is_some());
    let removed = if known {
        tenant
            .messages
            .update(&id, |m| m.get_mut(SESSIONS).and_then(Value::as_object_mut).and_then(|s| s.remove(&session)))
            .flatten()
    } else {
        None
    };
    removed.map(|_| StatusCode::NO_CONTENT).ok_or_else(GraphError::outlook_not_found)
}
