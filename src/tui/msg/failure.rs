//! Why the worker's work failed, typed: the kind of failure, which `update` can decide on (a
//! row that is gone, a service that asks to wait, no network, a sign-in to renew), and the text
//! the status bar shows.
use std::fmt;
use std::time::Duration;

use o365_graph::auth::AuthError;
use o365_graph::error::GraphError;

/// What kind of failure it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// What was asked for is not there (404, or a name that matched nothing).
    NotFound,
    /// The service asked to wait (429, 503), for `retry_after` when it said.
    Throttled { retry_after: Option<Duration> },
    /// No answer: the network or the service could not be reached.
    Offline,
    /// The sign-in is gone or refused: signing in again is needed.
    SignedOut,
    /// Any other refusal of the service, with its status and Graph's error code.
    Service { status: u16, code: String },
    /// Something on this side: a file, a folder, an answer that made no sense, a request this
    /// client will not send.
    Local,
}

/// A failure: its kind and the text to show (unchanged from the error it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub text: String,
}

impl Failure {
    pub fn new(kind: FailureKind, text: impl Into<String>) -> Self {
        Failure { kind, text: text.into() }
    }

    /// A failure on this side (files, folders, the editor).
    pub fn local(text: impl Into<String>) -> Self {
        Failure::new(FailureKind::Local, text)
    }

    pub fn is_not_found(&self) -> bool {
        self.kind == FailureKind::NotFound
    }

    /// Whether the same request may well work later as it is (a wait, the network back).
    pub fn is_retryable(&self) -> bool {
        matches!(self.kind, FailureKind::Throttled { .. } | FailureKind::Offline)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Failure {}

impl From<&GraphError> for FailureKind {
    fn from(error: &GraphError) -> Self {
        match error {
            GraphError::Api(api) => match api.status {
                404 => FailureKind::NotFound,
                429 | 503 => FailureKind::Throttled { retry_after: api.retry_after },
                401 => FailureKind::SignedOut,
                status => FailureKind::Service { status, code: api.code.clone() },
            },
            GraphError::Auth(AuthError::Network(_)) | GraphError::Transport(_) => FailureKind::Offline,
            GraphError::Auth(_) => FailureKind::SignedOut,
            GraphError::NotFound(_) => FailureKind::NotFound,
            GraphError::Decode { .. } | GraphError::Ambiguous(_) | GraphError::Refused(_) => FailureKind::Local,
            // Gave up after waiting as long as `max_retry_wait` allows: the service's last answer.
            GraphError::GaveUpWaiting { last, .. } => FailureKind::from(last.as_ref()),
        }
    }
}

impl From<GraphError> for Failure {
    fn from(error: GraphError) -> Self {
        Failure { kind: FailureKind::from(&error), text: error.to_string() }
    }
}

impl From<String> for Failure {
    fn from(text: String) -> Self {
        Failure::local(text)
    }
}

impl From<&str> for Failure {
    fn from(text: &str) -> Self {
        Failure::local(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use o365_graph::error::ApiError;

    fn api(status: u16, code: &str) -> GraphError {
        let body = format!(r#"{{"error":{{"code":"{code}","message":"m"}}}}"#);
        ApiError::from_body(status, body.as_bytes(), Some(Duration::from_secs(3))).into()
    }

    #[test]
    fn graph_errors_keep_their_text_and_say_their_kind() {
        let gone = Failure::from(api(404, "ErrorItemNotFound"));
        assert!(gone.is_not_found() && !gone.is_retryable());
        assert_eq!(gone.to_string(), api(404, "ErrorItemNotFound").to_string());
        let busy = Failure::from(api(429, "TooManyRequests"));
        assert_eq!(busy.kind, FailureKind::Throttled { retry_after: Some(Duration::from_secs(3)) });
        assert!(busy.is_retryable());
        let denied = Failure::from(api(403, "ErrorAccessDenied"));
        assert_eq!(denied.kind, FailureKind::Service { status: 403, code: "ErrorAccessDenied".into() });
        assert_eq!(Failure::from(GraphError::Auth(AuthError::NotSignedIn)).kind, FailureKind::SignedOut);
        let offline = Failure::from(GraphError::Auth(AuthError::Network("refused".into())));
        assert!(offline.is_retryable());
        assert_eq!(Failure::from(GraphError::NotFound("no folder Foo".into())).kind, FailureKind::NotFound);
        assert_eq!(Failure::from("disk full"), Failure::local("disk full"));
    }
}
