//! Fault injection on Graph requests (`/graph/...` only, never `/login`): 429 with
//! Retry-After, bursts of 503, 500s, dropped connections and slow answers (graph-facts §2.3),
//! on a schedule (`FaultOptions`) or on demand from tests (`Faults::fail_next`).
use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::SharedState;
use super::errors::GraphError;
use super::server::ConnectionKiller;

/// Faults applied on a schedule, counted over Graph requests (batch sub-requests included).
#[derive(Debug, Clone)]
pub struct FaultOptions {
    /// Every Nth Graph request answers 429 with `Retry-After: retry_after`.
    pub throttle_every: Option<u32>,
    /// Seconds for `Retry-After` (fractional allowed, as Graph sends `2.128`).
    pub retry_after: String,
    /// Every Nth Graph request starts a burst of `unavailable_burst` 503s (with Retry-After).
    pub unavailable_every: Option<u32>,
    pub unavailable_burst: u32,
    /// Every Nth Graph request has its connection cut without an HTTP answer.
    pub drop_every: Option<u32>,
    /// Every Graph answer is delayed this long.
    pub delay_ms: Option<u64>,
    /// Outlook's per-mailbox concurrency limit (4, graph-facts §2.3): a Graph request
    /// arriving while this many are in flight gets 429 `ApplicationThrottled`.
    pub max_concurrent: Option<u32>,
}

impl Default for FaultOptions {
    fn default() -> Self {
        Self {
            throttle_every: None,
            retry_after: "1".to_owned(),
            unavailable_every: None,
            unavailable_burst: 1,
            drop_every: None,
            delay_ms: None,
            max_concurrent: None,
        }
    }
}

/// One fault to apply to a coming request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    Throttle {
        retry_after: String,
    },
    Unavailable {
        retry_after: Option<String>,
    },
    /// 500 generalException.
    ServerError,
    /// The connection is closed without an answer.
    Drop,
    /// The answer comes after this many milliseconds.
    Delay(u64),
}

/// Marks a request the `$batch` endpoint made for one of its sub-requests: it gets faults
/// but is not counted in `Faults::requests` (the batch counts once).
#[derive(Debug, Clone, Copy)]
pub struct BatchSubRequest;

#[derive(Debug)]
pub struct Faults {
    options: Mutex<FaultOptions>,
    /// Outer Graph requests served (what `requests()` reports).
    served: AtomicU64,
    /// Every Graph request, sub-requests included: drives the `*_every` schedules.
    tick: AtomicU64,
    burst_left: AtomicU32,
    /// Graph requests being answered right now.
    in_flight: AtomicU32,
    /// Faults for coming requests: (path fragment the request must contain, fault).
    queued: Mutex<VecDeque<(Option<String>, FaultKind)>>,
}

impl Faults {
    pub fn new(options: FaultOptions) -> Self {
        Self {
            options: Mutex::new(options),
            served: AtomicU64::new(0),
            tick: AtomicU64::new(0),
            burst_left: AtomicU32::new(0),
            in_flight: AtomicU32::new(0),
            queued: Mutex::new(VecDeque::new()),
        }
    }

    /// Replaces the schedule (and restarts its counting).
    pub fn set_options(&self, options: FaultOptions) {
        *self.options.lock().unwrap_or_else(|e| e.into_inner()) = options;
        self.tick.store(0, Ordering::SeqCst);
        self.burst_left.store(0, Ordering::SeqCst);
    }

    /// Applies `kind` to each of the next `n` Graph requests.
    pub fn fail_next(&self, n: u32, kind: FaultKind) {
        let mut queue = self.queued.lock().unwrap_or_else(|e| e.into_inner());
        queue.extend((0..n).map(|_| (None, kind.clone())));
    }

    /// Applies `kind` to each of the next `n` Graph requests whose path contains `fragment`
    /// (e.g. throttle one sub-request of a batch but not the batch itself).
    pub fn fail_next_matching(&self, n: u32, fragment: &str, kind: FaultKind) {
        let mut queue = self.queued.lock().unwrap_or_else(|e| e.into_inner());
        queue.extend((0..n).map(|_| (Some(fragment.to_owned()), kind.clone())));
    }

    /// Graph HTTP requests served so far (a `$batch` counts once).
    pub fn requests(&self) -> u64 {
        self.served.load(Ordering::SeqCst)
    }

    pub fn reset_requests(&self) {
        self.served.store(0, Ordering::SeqCst);
    }

    /// The fault for the next Graph request with this path, if any.
    fn decide(&self, path: &str) -> Option<FaultKind> {
        {
            let mut queue = self.queued.lock().unwrap_or_else(|e| e.into_inner());
            let hit = queue.iter().position(|(fragment, _)| fragment.as_deref().is_none_or(|f| path.contains(f)));
            if let Some(i) = hit {
                return queue.remove(i).map(|(_, kind)| kind);
            }
        }
        let options = self.options.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let n = self.tick.fetch_add(1, Ordering::SeqCst) + 1;
        let due = |every: Option<u32>| every.is_some_and(|k| k > 0 && n.is_multiple_of(u64::from(k)));
        let unavailable = Some(options.retry_after.clone());
        if self.burst_left.load(Ordering::SeqCst) > 0 {
            self.burst_left.fetch_sub(1, Ordering::SeqCst);
            return Some(FaultKind::Unavailable { retry_after: unavailable });
        }
        if due(options.throttle_every) {
            return Some(FaultKind::Throttle { retry_after: options.retry_after });
        }
        if due(options.unavailable_every) {
            self.burst_left.store(options.unavailable_burst.saturating_sub(1), Ordering::SeqCst);
            return Some(FaultKind::Unavailable { retry_after: unavailable });
        }
        if due(options.drop_every) {
            return Some(FaultKind::Drop);
        }
        options.delay_ms.map(FaultKind::Delay)
    }
}

/// The 429 of graph-facts §2.3, body included.
pub fn throttled_response(retry_after: &str) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let body = json!({
        "error": {
            "code": "TooManyRequests",
            "innerError": {
                "code": "429",
                "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                "message": "Please retry after",
                "request-id": request_id,
                "status": "429"
            },
            "message": "Please retry again later."
        }
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(retry_after) {
        response.headers_mut().insert("Retry-After", v);
    }
    response
}

/// Holds one of the in-flight slots until the answer is ready (or the request is dropped).
struct InFlight<'a>(&'a AtomicU32);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn over_concurrency_limit(retry_after: &str) -> Response {
    let mut response = GraphError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "ApplicationThrottled",
        "Application is over its MailboxConcurrency limit.",
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(retry_after) {
        response.headers_mut().insert("Retry-After", v);
    }
    response
}

/// Middleware over the whole router: counts Graph requests and applies the due fault.
pub async fn inject(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/graph/") {
        return next.run(req).await;
    }
    let faults = &state.faults;
    if req.extensions().get::<BatchSubRequest>().is_none() {
        faults.served.fetch_add(1, Ordering::SeqCst);
    }
    let (limit, retry_after) = {
        let options = faults.options.lock().unwrap_or_else(|e| e.into_inner());
        (options.max_concurrent, options.retry_after.clone())
    };
    let _slot = InFlight(&faults.in_flight);
    let before = faults.in_flight.fetch_add(1, Ordering::SeqCst);
    // A batch's sub-requests run inside the batch's own slot.
    let is_sub_request = req.extensions().get::<BatchSubRequest>().is_some();
    if limit.is_some_and(|max| before >= max) && !is_sub_request {
        return over_concurrency_limit(&retry_after);
    }
    match faults.decide(req.uri().path()) {
        None => next.run(req).await,
        Some(FaultKind::Throttle { retry_after }) => throttled_response(&retry_after),
        Some(FaultKind::Unavailable { retry_after }) => GraphError::unavailable(retry_after.as_deref()).into_response(),
        Some(FaultKind::ServerError) => {
            GraphError::new(StatusCode::INTERNAL_SERVER_ERROR, "generalException", "An internal server error occurred.")
                .into_response()
        }
        Some(FaultKind::Delay(ms)) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(req).await
        }
        Some(FaultKind::Drop) => match req.extensions().get::<ConnectionKiller>() {
            Some(killer) => {
                killer.kill();
                // The connection task drops this future with the connection: nothing is sent.
                std::future::pending::<Response>().await
            }
            // Not served over a socket (a router called directly): the closest a bare
            // router can come is a 503 without Retry-After.
            None => GraphError::unavailable(None).into_response(),
        },
    }
}

#[cfg(test)]
mod tests;
