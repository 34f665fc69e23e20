//! Graph-shaped error responses (`{"error":{"code","message","innerError"}}`), graph-facts §2.2.
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A Graph error about to be sent. Handlers return `Result<_, GraphError>`.
#[derive(Debug, Clone)]
pub struct GraphError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    /// Seconds for a `Retry-After` header (429 and 503).
    pub retry_after: Option<String>,
}

impl GraphError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self { status, code: code.to_owned(), message: message.into(), retry_after: None }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalidRequest", message)
    }

    /// Outlook's not-found (mail, calendar, contacts, To Do).
    pub fn outlook_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "ErrorItemNotFound", "The specified object was not found in the store.")
    }

    /// OneDrive's not-found.
    pub fn item_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "itemNotFound", "The resource could not be found.")
    }

    /// An unknown path segment.
    pub fn no_such_resource(path: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("Resource not found for the segment '{}'.", path.rsplit('/').next().unwrap_or(path)),
        )
    }

    pub fn throttled(retry_after: &str) -> Self {
        Self {
            retry_after: Some(retry_after.to_owned()),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "Please retry again later.")
        }
    }

    pub fn unavailable(retry_after: Option<&str>) -> Self {
        Self {
            retry_after: retry_after.map(str::to_owned),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "serviceNotAvailable",
                "The service is temporarily unavailable.",
            )
        }
    }

    /// The JSON body, with an `innerError` carrying a fresh request id and the date (no zone
    /// suffix, as Graph writes it).
    pub fn body(&self) -> serde_json::Value {
        let request_id = uuid::Uuid::new_v4().to_string();
        json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "innerError": {
                    "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "request-id": request_id,
                    "client-request-id": request_id,
                }
            }
        })
    }
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(seconds) = &self.retry_after
            && let Ok(v) = HeaderValue::from_str(seconds)
        {
            response.headers_mut().insert("Retry-After", v);
        }
        response
    }
}

pub type GraphResult<T> = Result<T, GraphError>;
