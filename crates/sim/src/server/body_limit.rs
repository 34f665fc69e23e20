//! Graph's request size limit: a request body over 4 MB to an Outlook item (messages and their
//! attachments, sendMail, events) is refused with 413 before the endpoint sees it. Graph's error
//! page lists 413 "The request size exceeds the maximum limit" (graph-facts §2.2); the 4 MB
//! figure is Microsoft's answer in microsoftgraph/microsoft-graph-docs#85, and clients meet it
//! as `413 Request Entity Too Large` on sendMail (O365/python-o365#308). Drive content uploads
//! have their own, larger limit and are not checked here.
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::GraphError;

/// 4 MB, counted in bytes of the request body.
pub const REQUEST_LIMIT: usize = 4 * 1024 * 1024;

/// Outlook collections under `/me` whose writes carry the limit.
const OUTLOOK_ITEMS: [&str; 7] =
    ["messages", "mailFolders", "sendMail", "events", "calendar", "calendars", "calendarView"];

/// The request, its body read into memory when it had no `Content-Length`, or the 413 answer.
pub async fn within_limit(req: Request) -> Result<Request, Response> {
    if !is_outlook_write(&req) {
        return Ok(req);
    }
    let declared: Option<usize> =
        req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    match declared {
        Some(length) if length > REQUEST_LIMIT => Err(too_large()),
        Some(_) => Ok(req),
        None => {
            // A chunked body: read at most the limit to learn its size.
            let (parts, body) = req.into_parts();
            match axum::body::to_bytes(body, REQUEST_LIMIT).await {
                Ok(bytes) => Ok(Request::from_parts(parts, Body::from(bytes))),
                Err(_) => Err(too_large()),
            }
        }
    }
}

fn is_outlook_write(req: &Request) -> bool {
    if !matches!(*req.method(), Method::POST | Method::PATCH | Method::PUT) {
        return false;
    }
    // `/graph/{version}/me/{collection}/...`, after the mailbox rewrite of `/users/{id}`.
    let mut segments = req.uri().path().trim_start_matches('/').split('/');
    let (Some("graph"), Some(_version), Some("me"), Some(collection)) =
        (segments.next(), segments.next(), segments.next(), segments.next())
    else {
        return false;
    };
    OUTLOOK_ITEMS.iter().any(|c| c.eq_ignore_ascii_case(collection))
}

fn too_large() -> Response {
    GraphError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "RequestEntityTooLarge",
        "The request size exceeds the maximum limit.",
    )
    .into_response()
}
