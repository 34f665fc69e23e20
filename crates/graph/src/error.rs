//! What can go wrong talking to Graph, as types: service errors with Graph's code chain, sign-in,
//! transport and decoding failures.
use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use super::auth::AuthError;
use super::permissions::MissingPermission;

/// An error answer from Graph (graph-facts §2.2), with the inner-error chain flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    /// The outer `error.code`, e.g. `ErrorItemNotFound`, `itemNotFound`, `TooManyRequests`.
    pub code: String,
    pub message: String,
    /// `code`s of nested `innerError`s, outermost first (more specific reasons).
    pub inner_codes: Vec<String>,
    pub request_id: Option<String>,
    pub client_request_id: Option<String>,
    /// `Retry-After` of the answer, when it had one.
    pub retry_after: Option<Duration>,
    /// For a 403: the permission this sign-in lacks for the request, when the client knows
    /// (set by `GraphClient`; see `permissions`). It then leads the error's text.
    pub missing_permission: Option<Box<MissingPermission>>,
}

impl ApiError {
    /// Whether the outer code or any inner code is `code`. Graph's casing varies by workload
    /// (`ErrorItemNotFound` vs `itemNotFound`), so the comparison ignores case.
    pub fn has_code(&self, code: &str) -> bool {
        self.code.eq_ignore_ascii_case(code) || self.inner_codes.iter().any(|c| c.eq_ignore_ascii_case(code))
    }

    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }

    /// Builds the error from a status and a body that may or may not be Graph's JSON.
    pub fn from_body(status: u16, body: &[u8], retry_after: Option<Duration>) -> Self {
        match serde_json::from_slice::<ErrorEnvelope>(body) {
            Ok(envelope) => {
                let e = envelope.error;
                let mut inner_codes = Vec::new();
                let mut next = e.inner_error.as_deref();
                let (request_id, client_request_id) = match next {
                    Some(inner) => (inner.request_id.clone(), inner.client_request_id.clone()),
                    None => (None, None),
                };
                while let Some(inner) = next {
                    if let Some(code) = &inner.code {
                        inner_codes.push(code.clone());
                    }
                    next = inner.inner_error.as_deref();
                }
                ApiError {
                    status,
                    code: e.code.unwrap_or_else(|| status_code_name(status)),
                    message: e.message.unwrap_or_default(),
                    inner_codes,
                    request_id,
                    client_request_id,
                    retry_after,
                    missing_permission: None,
                }
            }
            Err(_) => ApiError {
                status,
                code: status_code_name(status),
                message: snippet(body),
                inner_codes: Vec::new(),
                request_id: None,
                client_request_id: None,
                retry_after,
                missing_permission: None,
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(missing) = &self.missing_permission {
            // One line that says what to do; Graph's code and request id stay at the end.
            write!(f, "{missing} [{}, HTTP {}", self.code, self.status)?;
            if let Some(id) = &self.request_id {
                write!(f, ", request-id {id}")?;
            }
            return write!(f, "]");
        }
        write!(f, "{} (HTTP {})", self.code, self.status)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request-id {id}]")?;
        }
        Ok(())
    }
}

/// The first bytes of a non-JSON error body, as text, for the message.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    text.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned()
}

fn status_code_name(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| r.replace(' ', ""))
        .unwrap_or_else(|| format!("Http{status}"))
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
}

#[derive(Deserialize)]
struct ErrorBody {
    code: Option<String>,
    message: Option<String>,
    #[serde(rename = "innerError", alias = "innererror")]
    inner_error: Option<Box<InnerError>>,
}

#[derive(Deserialize)]
struct InnerError {
    code: Option<String>,
    #[serde(rename = "request-id")]
    request_id: Option<String>,
    #[serde(rename = "client-request-id")]
    client_request_id: Option<String>,
    #[serde(rename = "innerError", alias = "innererror")]
    inner_error: Option<Box<InnerError>>,
}

/// Any failure of a Graph call.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Boxed: the other variants are small and `GraphResult` travels through every call.
    #[error("{}", refused(.0))]
    Api(Box<ApiError>),
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The request never got an HTTP answer (connection refused or reset, timeout).
    #[error("network error: {0}")]
    Transport(#[source] TransportError),
    /// An answer that was not what Graph sends (bad JSON, missing fields).
    #[error("unexpected answer from {url}: {reason}")]
    Decode { url: String, reason: String },
    /// A name the user gave (a folder, a list) matched nothing.
    #[error("{0}")]
    NotFound(String),
    /// A name the user gave matched several things; the message lists them.
    #[error("{0}")]
    Ambiguous(String),
    /// A request this client will not send (e.g. a nextLink pointing at another host).
    #[error("{0}")]
    Refused(String),
    /// Retrying would wait past the client's limit for one request (`max_retry_wait`), or one
    /// `Retry-After` alone is longer than the client waits (issue 14: a command could sit for
    /// minutes saying nothing).
    #[error(
        "{}, and waiting another {} would pass max_retry_wait ({}, {} waited already): giving up",
        if *throttled { "throttled by the service" } else { "the service kept failing" },
        crate::retry::seconds(*next), crate::retry::seconds(*limit), crate::retry::seconds(*waited)
    )]
    GaveUpWaiting {
        throttled: bool,
        waited: Duration,
        next: Duration,
        limit: Duration,
        #[source]
        last: Box<GraphError>,
    },
}

/// A service error's text: a missing permission speaks for itself, anything else is introduced.
fn refused(api: &ApiError) -> String {
    match api.missing_permission {
        Some(_) => api.to_string(),
        None => format!("Graph refused the request: {api}"),
    }
}

impl GraphError {
    /// The service error, if this is one (for a request given up on while waiting to retry,
    /// the last answer the service gave).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            GraphError::Api(e) => Some(e.as_ref()),
            GraphError::GaveUpWaiting { last, .. } => last.api(),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, GraphError::NotFound(_)) || self.api().is_some_and(ApiError::is_not_found)
    }
}

/// Why a request got no HTTP answer: the underlying error (its source chain intact, for
/// callers that look at it) and its text with every cause, which never carries the URL's query
/// (it may hold search terms).
#[derive(Debug)]
pub struct TransportError {
    text: String,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// `source` described by `text` (the source and its causes, already made safe to show).
    pub fn new(text: impl Into<String>, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError { text: text.into(), source: source.into() }
    }

    /// The same error, its text led by `what` ("uploading report.pdf").
    pub fn doing(self, what: &str) -> Self {
        TransportError { text: format!("{what}: {}", self.text), ..self }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

impl From<ApiError> for GraphError {
    fn from(e: ApiError) -> Self {
        GraphError::Api(Box::new(e))
    }
}

pub type GraphResult<T> = Result<T, GraphError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_graph_error_with_nested_inner_codes() {
        let body = br#"{"error":{"code":"invalidRequest","message":"Bad range","innerError":{
            "code":"fragmentOverlap","request-id":"r1","client-request-id":"c1",
            "innerError":{"code":"deeper"}}}}"#;
        let e = ApiError::from_body(416, body, None);
        assert_eq!(e.code, "invalidRequest");
        assert_eq!(e.inner_codes, vec!["fragmentOverlap", "deeper"]);
        assert_eq!(e.request_id.as_deref(), Some("r1"));
        assert!(e.has_code("FRAGMENTOVERLAP"));
        assert!(!e.has_code("other"));
    }

    #[test]
    fn tolerates_a_body_that_is_not_json() {
        let e = ApiError::from_body(502, b"<html>Bad gateway\x1b[31m</html>", None);
        assert_eq!(e.code, "BadGateway");
        assert!(e.message.contains("Bad gateway"));
        assert!(!e.message.contains('\x1b'));
    }

    #[test]
    fn display_names_code_status_and_request_id() {
        let body = br#"{"error":{"code":"ErrorItemNotFound","message":"Not in the store.","innerError":{"request-id":"abc"}}}"#;
        let text = GraphError::from(ApiError::from_body(404, body, None)).to_string();
        assert!(text.contains("ErrorItemNotFound (HTTP 404): Not in the store. [request-id abc]"), "{text}");
    }
}
