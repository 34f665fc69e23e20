//! Identity-platform error replies: the token-endpoint JSON body of graph-facts §1.6 and the
//! HTML error page the browser sees when `/authorize` cannot redirect.
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

/// An OAuth error with its AADSTS number, about to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AadError {
    pub status: StatusCode,
    /// The RFC 6749 / RFC 8628 `error` value clients branch on.
    pub error: &'static str,
    /// The AADSTS number.
    pub code: u32,
    /// The text after `AADSTSnnnn: `.
    pub message: String,
}

impl AadError {
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, error, code, message: message.into() }
    }

    /// A required parameter is absent or empty.
    pub fn missing(param: &str) -> Self {
        Self::new(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{param}'."),
        )
    }

    /// Entra's catch-all for a request it cannot make sense of.
    pub fn malformed(error: &'static str) -> Self {
        Self::new(error, 9002313, "Invalid request. Request is malformed or invalid.")
    }

    pub fn tenant_not_found(segment: &str) -> Self {
        Self::new(
            "invalid_request",
            90002,
            format!(
                "Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing \
                 into the correct cloud. Check with your subscription administrator, this may happen if there are \
                 no active subscriptions for the tenant."
            ),
        )
    }

    pub fn unknown_client(client_id: &str, directory: &str) -> Self {
        Self::new(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{directory}'. This can \
                 happen if the application has not been installed by the administrator of the tenant or consented \
                 to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            ),
        )
    }

    pub fn wrong_secret(client_id: &str) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            ..Self::new(
                "invalid_client",
                7000215,
                format!(
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client \
                     secret value, not the client secret ID, for a secret added to app '{client_id}'."
                ),
            )
        }
    }

    pub fn secret_required() -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            ..Self::new(
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        }
    }

    /// `error_description`: the message followed by the trace lines Entra appends.
    pub fn description(&self, trace: &Trace) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
            self.code, self.message, trace.trace_id, trace.correlation_id, trace.timestamp
        )
    }

    pub fn error_uri(&self) -> String {
        format!("https://login.microsoftonline.com/error?code={}", self.code)
    }

    /// The page Entra shows instead of redirecting (bad client id or redirect URI, bad tenant).
    pub fn html_page(&self) -> Response {
        let trace = Trace::new();
        let body = format!(
            "<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head><body>\
             <h1>Sign in</h1><p>Sorry, but we're having trouble signing you in.</p>\
             <p id=\"error\">AADSTS{}: {}</p>\
             <p>Request Id: {}<br>Correlation Id: {}<br>Timestamp: {}</p>\
             <p><small>o365-tui simulated identity platform</small></p></body></html>",
            self.code,
            escape_html(&self.message),
            trace.trace_id,
            trace.correlation_id,
            trace.timestamp
        );
        (self.status, Html(body)).into_response()
    }
}

/// The ids and time stamped on one error reply.
#[derive(Debug, Clone)]
pub struct Trace {
    pub trace_id: String,
    pub correlation_id: String,
    /// `2016-01-09 02:02:12Z`, the format Entra uses in error bodies.
    pub timestamp: String,
}

impl Trace {
    pub fn new() -> Self {
        Self {
            trace_id: uuid::Uuid::new_v4().to_string(),
            correlation_id: uuid::Uuid::new_v4().to_string(),
            timestamp: chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string(),
        }
    }
}

impl Default for Trace {
    fn default() -> Self {
        Self::new()
    }
}

impl IntoResponse for AadError {
    fn into_response(self) -> Response {
        let trace = Trace::new();
        let body = json!({
            "error": self.error,
            "error_description": self.description(&trace),
            "error_codes": [self.code],
            "timestamp": trace.timestamp,
            "trace_id": trace.trace_id,
            "correlation_id": trace.correlation_id,
            "error_uri": self.error_uri(),
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        no_store(&mut response);
        response
    }
}

/// Token replies must not be cached (RFC 6749 §5.1); Entra sends both headers.
pub fn no_store(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store, no-cache"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
