//! Fault injection on Graph requests (`/graph/...` only, never `/login`): 429 with
//! Retry-After, bursts of 503, 500s, dropped connections, answers lost after the work was done
//! and slow answers (graph-facts §2.3), on a schedule (`FaultOptions`) or on demand from tests
//! (`Faults::fail_next`); and on demand for the PUTs to pre-authenticated upload URLs
//! (`/upload/...`, `Faults::fail_upload_put`), where a lost session is one more fault.
//! Graph requests also meet the 4 MB request limit here (`server::body_limit`).
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
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
    /// Every Nth PUT to an upload URL (a range of a large attachment or file) has its
    /// connection cut without an answer: the client must send the range again.
    pub upload_drop_every: Option<u32>,
    /// Every Nth download stream (`/download/...`) is cut halfway: the client must resume.
    pub download_cut_every: Option<u32>,
    /// Every Nth delta request that resumes from a deltaLink finds the service has lost that
    /// resource's sync state: 410 `syncStateNotFound`, and every token of that resource is
    /// dead from then on (`delta_expiry`).
    pub expire_delta_every: Option<u32>,
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
            upload_drop_every: None,
            download_cut_every: None,
            expire_delta_every: None,
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
    /// The request is served (its change is made) but the connection is closed before the
    /// answer goes out: the client cannot tell this from `Drop`.
    LoseAnswer,
    /// 404 as if the resource had gone: for an upload URL, the session expired or was removed
    /// (inner code `uploadSessionNotFound`, graph-facts §2.2).
    Gone,
    /// The answer comes after this many milliseconds.
    Delay(u64),
    /// The request waits at the tenant until the gate is released: a test knows the request
    /// arrived (`Gate::arrived`) and decides when it is answered, with no timing involved.
    Hold(Gate),
}

/// The two sides of a `FaultKind::Hold`: the tenant signals arrival and waits for release.
/// Both signals keep a permit, so neither side can miss the other.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    arrived: Arc<tokio::sync::Notify>,
    released: Arc<tokio::sync::Notify>,
}

impl Gate {
    /// Waits until a held request has reached the tenant.
    pub async fn arrived(&self) {
        self.arrived.notified().await;
    }

    /// Lets the held request be served.
    pub fn release(&self) {
        self.released.notify_one();
    }
}

/// Gates compare by identity: two holds are the same fault only when they share a gate.
impl PartialEq for Gate {
    fn eq(&self, other: &Gate) -> bool {
        Arc::ptr_eq(&self.arrived, &other.arrived)
    }
}

impl Eq for Gate {}

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
    /// PUTs to upload URLs seen so far (what `fail_upload_put` counts from).
    upload_puts: AtomicU64,
    /// Faults for coming upload PUTs: (the number the PUT will have, fault).
    upload_plan: Mutex<Vec<(u64, FaultKind)>>,
    /// Cut downloads and what the pre-authenticated URLs saw.
    pub transfers: transfers::TransferFaults,
    /// Delta requests resuming from a deltaLink seen so far (what `expire_delta_every` counts).
    delta_resumes: AtomicU64,
    /// The Graph requests served, for tests that assert which requests a client made.
    pub log: log::RequestLog,
}

impl Faults {
    pub fn new(options: FaultOptions) -> Self {
        let transfers = transfers::TransferFaults::default();
        transfers.set_cut_every(options.download_cut_every);
        Self {
            transfers,
            options: Mutex::new(options),
            served: AtomicU64::new(0),
            tick: AtomicU64::new(0),
            burst_left: AtomicU32::new(0),
            in_flight: AtomicU32::new(0),
            queued: Mutex::new(VecDeque::new()),
            upload_puts: AtomicU64::new(0),
            upload_plan: Mutex::new(Vec::new()),
            delta_resumes: AtomicU64::new(0),
            log: log::RequestLog::default(),
        }
    }

    /// Replaces the schedule (and restarts its counting).
    pub fn set_options(&self, options: FaultOptions) {
        self.transfers.set_cut_every(options.download_cut_every);
        *self.options.lock().unwrap_or_else(|e| e.into_inner()) = options;
        self.tick.store(0, Ordering::SeqCst);
        self.burst_left.store(0, Ordering::SeqCst);
        self.delta_resumes.store(0, Ordering::SeqCst);
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

    /// Applies `kind` to one coming PUT to an upload URL (attachment and drive upload
    /// sessions): `index` 0 is the next one, 1 the one after, and so on. Other methods on upload
    /// URLs (the DELETE that cancels a session) are not counted and get no fault.
    pub fn fail_upload_put(&self, index: u32, kind: FaultKind) {
        let at = self.upload_puts.load(Ordering::SeqCst) + u64::from(index);
        self.upload_plan.lock().unwrap_or_else(|e| e.into_inner()).push((at, kind));
    }

    /// Applies `kind` to each of the next `n` PUTs to upload URLs.
    pub fn fail_next_upload_puts(&self, n: u32, kind: FaultKind) {
        for index in 0..n {
            self.fail_upload_put(index, kind.clone());
        }
    }

    /// PUTs to upload URLs seen so far.
    pub fn upload_puts(&self) -> u64 {
        self.upload_puts.load(Ordering::SeqCst)
    }

    /// The fault for the upload PUT arriving now: one planned for it, else the schedule's.
    fn decide_upload_put(&self) -> Option<FaultKind> {
        let number = self.upload_puts.fetch_add(1, Ordering::SeqCst);
        let mut plan = self.upload_plan.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = plan.iter().position(|(at, _)| *at == number) {
            return Some(plan.remove(hit).1);
        }
        let every = self.options.lock().unwrap_or_else(|e| e.into_inner()).upload_drop_every;
        every.filter(|&k| k > 0 && (number + 1).is_multiple_of(u64::from(k))).map(|_| FaultKind::Drop)
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

/// Middleware over the whole router: counts Graph requests and applies the due fault; PUTs to
/// upload URLs get the faults planned for them. Everything else passes untouched.
pub async fn inject(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if transfers::PREAUTHENTICATED_PREFIXES.iter().any(|p| path.starts_with(p)) {
        state.faults.transfers.observe(path, req.method(), req.headers());
    }
    if path.starts_with("/upload/") && req.method() == axum::http::Method::PUT {
        return match state.faults.decide_upload_put() {
            None => next.run(req).await,
            Some(fault) => apply(fault, req, next, false).await,
        };
    }
    if !path.starts_with("/graph/") {
        return next.run(req).await;
    }
    let faults = &state.faults;
    if req.extensions().get::<BatchSubRequest>().is_none() {
        faults.served.fetch_add(1, Ordering::SeqCst);
        let target = req.uri().path_and_query().map_or(path, |p| p.as_str());
        faults.log.record(req.method().as_str(), target);
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
    delta_expiry::on_request(&state, req.uri());
    match faults.decide(req.uri().path()) {
        None => serve_graph(req, next).await,
        Some(fault) => apply(fault, req, next, true).await,
    }
}

/// A Graph request without a fault: Graph's request size limit first, then the endpoint.
async fn serve_graph(req: Request, next: Next) -> Response {
    match super::server::body_limit::within_limit(req).await {
        Ok(req) => next.run(req).await,
        Err(refused) => refused,
    }
}

/// Answers `req` the way `fault` says; `graph` tells Graph requests (which still meet the
/// request size limit when served) from upload URLs.
async fn apply(fault: FaultKind, req: Request, next: Next, graph: bool) -> Response {
    match fault {
        FaultKind::Throttle { retry_after } => throttled_response(&retry_after),
        FaultKind::Unavailable { retry_after } => GraphError::unavailable(retry_after.as_deref()).into_response(),
        FaultKind::ServerError => {
            GraphError::new(StatusCode::INTERNAL_SERVER_ERROR, "generalException", "An internal server error occurred.")
                .into_response()
        }
        FaultKind::Gone => gone(),
        FaultKind::Delay(ms) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            serve(graph, req, next).await
        }
        FaultKind::Hold(gate) => {
            gate.arrived.notify_one();
            gate.released.notified().await;
            serve(graph, req, next).await
        }
        FaultKind::Drop => {
            let killer = req.extensions().get::<ConnectionKiller>().cloned();
            cut(killer).await
        }
        FaultKind::LoseAnswer => {
            let killer = req.extensions().get::<ConnectionKiller>().cloned();
            let served = serve(graph, req, next).await;
            match killer {
                Some(_) => cut(killer).await,
                // A bare router cannot lose an answer: it is given, as served.
                None => served,
            }
        }
    }
}

async fn serve(graph: bool, req: Request, next: Next) -> Response {
    if graph { serve_graph(req, next).await } else { next.run(req).await }
}

/// Closes the connection with nothing written.
async fn cut(killer: Option<ConnectionKiller>) -> Response {
    match killer {
        Some(killer) => {
            killer.kill();
            // The connection task drops this future with the connection: nothing is sent.
            std::future::pending::<Response>().await
        }
        // Not served over a socket (a router called directly): the closest a bare
        // router can come is a 503 without Retry-After.
        None => GraphError::unavailable(None).into_response(),
    }
}

/// The 404 of a session that went away, with the specific reason as the inner code.
fn gone() -> Response {
    let body = json!({
        "error": {
            "code": "itemNotFound",
            "message": "The upload session was not found; it may have expired.",
            "innerError": {
                "code": "uploadSessionNotFound",
                "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                "request-id": uuid::Uuid::new_v4().to_string(),
            }
        }
    });
    (StatusCode::NOT_FOUND, axum::Json(body)).into_response()
}

pub mod delta_expiry;
pub mod log;
pub mod transfers;

#[cfg(test)]
mod tests;
