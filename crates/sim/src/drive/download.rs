//! Pre-authenticated download URLs (graph-facts §3.5, §5.9): `{origin}/download/{token}`,
//! served without a bearer token. A token names one item, expires after an hour and is
//! signed with its tenant's random key, so it cannot be guessed, altered, or used on another
//! simulator in the same process. Downloads
//! honour `Range` (206 / 416) and stream the bytes in chunks.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::SharedState;
use crate::errors::{GraphError, GraphResult};
use crate::store::{Content, SigningKey};

/// How long a download URL works.
pub const URL_LIFETIME: Duration = Duration::hours(1);
/// Bytes per chunk of a streamed download (slices of the stored bytes: larger chunks are
/// fewer trips through the body stream, not more memory).
const CHUNK: u64 = 256 * 1024;

fn signature(key: &SigningKey, item_id: &str, expires: i64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key.0);
    hasher.update(item_id.as_bytes());
    hasher.update(b"|");
    hasher.update(expires.to_string().as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hasher.finalize())
}

/// A token for `item_id` valid until `now + URL_LIFETIME`.
pub fn issue_token(key: &SigningKey, item_id: &str, now: DateTime<Utc>) -> String {
    let expires = (now + URL_LIFETIME).timestamp();
    let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(item_id);
    format!("{id}.{expires}.{}", signature(key, item_id, expires))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the download URL is malformed or was tampered with")]
    Invalid,
    #[error("the download URL has expired")]
    Expired,
}

/// The item id a token was issued for, if it is genuine and not expired at `now`.
pub fn verify_token(key: &SigningKey, token: &str, now: DateTime<Utc>) -> Result<String, TokenError> {
    let mut parts = token.split('.');
    let (Some(id), Some(expires), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(TokenError::Invalid);
    };
    let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(id).map_err(|_| TokenError::Invalid)?;
    let id = String::from_utf8(id).map_err(|_| TokenError::Invalid)?;
    let expires: i64 = expires.parse().map_err(|_| TokenError::Invalid)?;
    let expected = signature(key, &id, expires);
    // Compare without an early exit so timing says nothing about the signature.
    let same =
        expected.len() == sig.len() && expected.bytes().zip(sig.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same {
        return Err(TokenError::Invalid);
    }
    if now.timestamp() >= expires {
        return Err(TokenError::Expired);
    }
    Ok(id)
}

pub fn download_url(key: &SigningKey, origin: &str, item_id: &str, now: DateTime<Utc>) -> String {
    format!("{origin}/download/{}", issue_token(key, item_id, now))
}

/// What a `Range` header asks of a body of `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeRequest {
    /// No usable single range: send everything.
    Whole,
    /// Bytes `start..end` (end exclusive).
    Part(u64, u64),
    Unsatisfiable,
}

/// Reads `bytes=a-b`, `bytes=a-` and `bytes=-n`. Several ranges or bad syntax are ignored
/// (the whole body is sent), as RFC 9110 allows.
pub fn parse_range(header: Option<&str>, len: u64) -> RangeRequest {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return RangeRequest::Whole };
    if spec.contains(',') {
        return RangeRequest::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else { return RangeRequest::Whole };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        return match last.parse::<u64>() {
            Ok(0) => RangeRequest::Unsatisfiable,
            Ok(_) if len == 0 => RangeRequest::Unsatisfiable,
            Ok(n) => RangeRequest::Part(len.saturating_sub(n), len),
            Err(_) => RangeRequest::Whole,
        };
    }
    let Ok(start) = first.parse::<u64>() else { return RangeRequest::Whole };
    let end = match last {
        "" => len,
        text => match text.parse::<u64>() {
            Ok(last) if last >= start => last.saturating_add(1).min(len),
            _ => return RangeRequest::Whole,
        },
    };
    if start >= len { RangeRequest::Unsatisfiable } else { RangeRequest::Part(start, end) }
}

/// The stream was cut on purpose (`TransferFaults`): the connection ends short of its length.
#[derive(Debug, thiserror::Error)]
#[error("download stream cut by a fault knob")]
struct StreamCut;

/// Bytes `start..end` in chunks; with `cut_at`, the stream fails once that offset is reached,
/// which ends the connection before the promised Content-Length.
fn stream_body(content: Content, start: u64, end: u64, cut_at: Option<u64>) -> Body {
    let stop = cut_at.map_or(end, |cut| cut.min(end));
    // Shared, not copied, by every chunk: a stored file of a gigabyte is one allocation, and
    // an uploaded one is served in slices of it.
    let content = std::sync::Arc::new(content);
    let chunks = futures::stream::unfold(start, move |pos| {
        let content = content.clone();
        async move {
            if pos >= end {
                return None;
            }
            if pos >= stop {
                // Once past the cut the stream is over: the error ends it for good.
                return Some((Err(StreamCut), end));
            }
            let next = (pos + CHUNK).min(stop);
            Some((Ok::<_, StreamCut>(content.chunk(pos, next)), next))
        }
    });
    Body::from_stream(chunks)
}

/// `GET /download/{token}`: the file's bytes, no Authorization needed.
pub async fn serve_download(
    State(state): State<SharedState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> GraphResult<Response> {
    let (content, mime) = {
        let tenant = state.read_tenant();
        let item_id = verify_token(&tenant.download_key, &token, Utc::now())
            .map_err(|e| GraphError::new(StatusCode::UNAUTHORIZED, "unauthenticated", e.to_string()))?;
        let item = tenant.drive_items.get(&item_id).ok_or_else(GraphError::item_not_found)?;
        let mime = item
            .get("file")
            .and_then(|f| f.get("mimeType"))
            .and_then(Value::as_str)
            .unwrap_or("application/octet-stream")
            .to_owned();
        // A handle, not a copy, for uploaded files (`Content::Shared`).
        let content = tenant.drive_content.get(&item_id).cloned().unwrap_or(Content::Bytes(Vec::new()));
        (content, mime)
    };
    let len = content.len();
    let range = parse_range(headers.get(header::RANGE).and_then(|v| v.to_str().ok()), len);
    let (status, start, end) = match range {
        RangeRequest::Whole => (StatusCode::OK, 0, len),
        RangeRequest::Part(start, end) => (StatusCode::PARTIAL_CONTENT, start, end),
        RangeRequest::Unsatisfiable => {
            let mut response = GraphError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "invalidRange",
                "The requested range is not satisfiable.",
            )
            .into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return Ok(response);
        }
    };
    let cut = state.faults.transfers.take_download_cut(end - start).map(|n| start + n);
    let mut response = Response::new(stream_body(content, start, end, cut));
    *response.status_mut() = status;
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start));
    out.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if status == StatusCode::PARTIAL_CONTENT
        && let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{}/{len}", end.saturating_sub(1)))
    {
        out.insert(header::CONTENT_RANGE, v);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn tokens_name_their_item_and_expire() {
        let now = Utc.with_ymd_and_hms(2024, 5, 6, 9, 0, 0).unwrap();
        let key = SigningKey::default();
        let token = issue_token(&key, "01ABC", now);
        assert_eq!(verify_token(&key, &token, now + Duration::minutes(59)), Ok("01ABC".to_owned()));
        assert_eq!(verify_token(&key, &token, now + Duration::minutes(61)), Err(TokenError::Expired));
        // Another tenant's key refuses it.
        assert_eq!(verify_token(&SigningKey::default(), &token, now), Err(TokenError::Invalid));
        let forged = token.replacen(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("01ABC"), "MDFBQkQ", 1);
        assert_eq!(verify_token(&key, &forged, now), Err(TokenError::Invalid));
        let parts: Vec<&str> = token.split('.').collect();
        let extended = format!("{}.{}.{}", parts[0], parts[1].parse::<i64>().unwrap() + 86_400, parts[2]);
        assert_eq!(verify_token(&key, &extended, now + Duration::minutes(61)), Err(TokenError::Invalid));
        assert_eq!(verify_token(&key, "garbage", now), Err(TokenError::Invalid));
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range(Some("bytes=0-9"), 100), RangeRequest::Part(0, 10));
        assert_eq!(parse_range(Some("bytes=90-200"), 100), RangeRequest::Part(90, 100));
        assert_eq!(parse_range(Some("bytes=95-"), 100), RangeRequest::Part(95, 100));
        assert_eq!(parse_range(Some("bytes=-10"), 100), RangeRequest::Part(90, 100));
        assert_eq!(parse_range(Some("bytes=100-"), 100), RangeRequest::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=-0"), 100), RangeRequest::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=0-1,5-6"), 100), RangeRequest::Whole);
        assert_eq!(parse_range(Some("items=0-1"), 100), RangeRequest::Whole);
        assert_eq!(parse_range(None, 100), RangeRequest::Whole);
    }
}
