//! Resumable uploads (graph-facts §3.5, §5.10): `createUploadSession` answers an `uploadUrl`
//! on the simulator (`{origin}/upload/{session}`, no bearer token); fragments are PUT in
//! order with `Content-Range`, 202 with `nextExpectedRanges` until the last one commits
//! the file (201 new / 200 replaced). GET reports progress, DELETE cancels.
//!
//! Sessions live in their tenant (`Tenant::drive_uploads`), keyed by an unguessable id.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::address::Address;
use super::writes::{Conflict, new_file_target, respond_with, store_file};
use crate::SharedState;
use crate::calendar::writes::parse_json_object;
use crate::errors::{GraphError, GraphResult};
use crate::odata::QueryOptions;

/// Fragments must be multiples of this, except the last (320 KiB).
pub const FRAGMENT_UNIT: u64 = 327_680;
/// Largest fragment accepted (60 MiB).
pub const MAX_FRAGMENT: u64 = 60 * 1024 * 1024;
/// Most bytes reserved up front for a session (a claimed total beyond it grows as it arrives).
const MAX_RESERVE: usize = 2 << 30;
/// A session lapses this long after its last fragment.
const SESSION_LIFETIME: Duration = Duration::hours(1);

/// One upload in progress.
#[derive(Debug)]
pub struct Session {
    address: Address,
    conflict: Conflict,
    total: Option<u64>,
    received: Vec<u8>,
    expires: DateTime<Utc>,
}

fn expiry_text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn not_found() -> GraphError {
    GraphError::new(StatusCode::NOT_FOUND, "itemNotFound", "The upload session was not found or has expired.")
}

fn name_conflict() -> GraphError {
    GraphError::new(StatusCode::CONFLICT, "upload_name_conflict", "An item with the same name already exists.")
}

fn progress(session: &Session) -> Value {
    json!({
        "expirationDateTime": expiry_text(session.expires),
        "nextExpectedRanges": [format!("{}-", session.received.len())],
    })
}

/// `POST .../root:/path:/createUploadSession`.
pub fn create_session(state: &SharedState, address: &Address, body: &Bytes) -> GraphResult<Response> {
    let input = if body.is_empty() { serde_json::Map::new() } else { parse_json_object(body)? };
    let item = input.get("item").cloned().unwrap_or(Value::Null);
    let conflict =
        Conflict::parse(item.get("@microsoft.graph.conflictBehavior").and_then(Value::as_str), Conflict::Replace)?;
    // The parent must exist now; name conflicts are judged when the last fragment arrives.
    let mut tenant = state.write_tenant();
    new_file_target(&tenant, address)?;
    let id = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let expires = Utc::now() + SESSION_LIFETIME;
    let session = Session { address: address.clone(), conflict, total: None, received: Vec::new(), expires };
    let body = json!({
        "uploadUrl": format!("{}/upload/{id}", state.urls.origin),
        "expirationDateTime": expiry_text(expires),
        "nextExpectedRanges": ["0-"],
    });
    tenant.drive_uploads.insert(id, session);
    Ok((StatusCode::OK, axum::Json(body)).into_response())
}

/// `bytes {start}-{end}/{total}` (end inclusive).
fn content_range(headers: &HeaderMap) -> GraphResult<(u64, u64, u64)> {
    let bad =
        || GraphError::new(StatusCode::BAD_REQUEST, "invalidRequest", "A valid Content-Range header is required.");
    let text = headers.get(header::CONTENT_RANGE).and_then(|v| v.to_str().ok()).ok_or_else(bad)?;
    let spec = text.trim().strip_prefix("bytes ").ok_or_else(bad)?;
    let (range, total) = spec.split_once('/').ok_or_else(bad)?;
    let (start, end) = range.split_once('-').ok_or_else(bad)?;
    let parse = |s: &str| s.trim().parse::<u64>().map_err(|_| bad());
    let (start, end, total) = (parse(start)?, parse(end)?, parse(total)?);
    if end < start || end >= total {
        return Err(bad());
    }
    Ok((start, end, total))
}

/// `PUT {uploadUrl}`: one fragment.
pub async fn put_fragment(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    parts: Parts,
    body: Bytes,
) -> GraphResult<Response> {
    let (start, end, total) = content_range(&parts.headers)?;
    let mut tenant = state.write_tenant();
    let session = tenant.drive_uploads.get_mut(&id).filter(|s| s.expires > Utc::now()).ok_or_else(not_found)?;
    let length = end - start + 1;
    if body.len() as u64 != length {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "invalidRequest",
            "The Content-Range does not match the length of the body.",
        ));
    }
    if session.total.is_some_and(|t| t != total) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "invalidRequest",
            "The total size of the upload changed.",
        ));
    }
    let received = session.received.len() as u64;
    if start < received {
        return Err(GraphError::new(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "invalidRange",
            "The fragment overlaps bytes already received.",
        ));
    }
    if start > received {
        return Err(GraphError::new(StatusCode::BAD_REQUEST, "invalidRange", "The fragment is out of order."));
    }
    let last = end + 1 == total;
    if length > MAX_FRAGMENT || (!last && length % FRAGMENT_UNIT != 0) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "invalidRequest",
            "Fragments must be smaller than 60 MiB and a multiple of 320 KiB, except the last.",
        ));
    }
    if session.total.is_none() {
        // Room for the whole file once: growing by doubling would copy a large one over and over.
        session.received.reserve_exact(usize::try_from(total).unwrap_or(0).min(MAX_RESERVE));
    }
    session.total = Some(total);
    session.received.extend_from_slice(&body);
    session.expires = Utc::now() + SESSION_LIFETIME;
    if !last {
        return Ok((StatusCode::ACCEPTED, axum::Json(progress(session))).into_response());
    }
    let Some(done) = tenant.drive_uploads.remove(&id) else { return Err(not_found()) };
    let (item_id, status) = store_file(&mut tenant, &done.address, done.conflict, done.received, name_conflict)?;
    respond_with(&state, &QueryOptions::default(), &tenant, status, &item_id)
}

/// `GET {uploadUrl}`: what is still expected.
pub async fn session_status(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    let session = tenant.drive_uploads.get(&id).filter(|s| s.expires > Utc::now()).ok_or_else(not_found)?;
    Ok((StatusCode::OK, axum::Json(progress(session))).into_response())
}

/// `DELETE {uploadUrl}`: cancel.
pub async fn cancel_session(State(state): State<SharedState>, Path(id): Path<String>) -> GraphResult<Response> {
    state.write_tenant().drive_uploads.remove(&id).ok_or_else(not_found)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
