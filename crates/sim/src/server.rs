//! The simulator's accept loop: one task per connection, so a fault can cut a connection
//! without an HTTP answer (`ConnectionKiller`) while the others keep being served.
//!
//! Every request gets `auth::address_mailbox` applied before routing, a `ConnectionKiller`
//! for its connection, and the `ServedRouter` (what `$batch` dispatches sub-requests through).
pub mod body_limit;
#[doc(hidden)]
pub mod testing;
#[cfg(test)]
mod tests;

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt;

use super::SharedState;

/// Cuts the connection a request came on: the connection task stops serving and closes the
/// socket, so the client sees a transport error instead of a status.
#[derive(Debug, Clone)]
pub struct ConnectionKiller(Arc<Notify>);

impl ConnectionKiller {
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// The router being served, for endpoints that re-enter it (`$batch`).
#[derive(Clone)]
pub struct ServedRouter(pub Router);

pub struct ServerHandle {
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl ServerHandle {
    /// Stops accepting, closes the open connections, and waits for the loop to end.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// Prepares a request for routing the way the accept loop does: the mailbox rewrite and the
/// router for `$batch`. Also used by `$batch` for its sub-requests.
pub fn prepare(state: &SharedState, router: &Router, mut req: Request) -> Request {
    req.extensions_mut().insert(ServedRouter(router.clone()));
    let req = super::sites::address_site(state, req);
    super::auth::address_mailbox(state, req)
}

pub fn serve(listener: TcpListener, router: Router, state: SharedState) -> ServerHandle {
    let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut rx => break,
                accepted = listener.accept() => {
                    let Ok((stream, _peer)) = accepted else {
                        // Out of descriptors or similar: back off instead of spinning.
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        continue;
                    };
                    connections.spawn(serve_connection(stream, router.clone(), state.clone()));
                }
                // Reap finished connection tasks so the set does not grow without bound.
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        connections.abort_all();
        while connections.join_next().await.is_some() {}
    });
    ServerHandle { shutdown: tx, task }
}

/// Graph's JSON content type (graph-facts §2.1).
const GRAPH_JSON: &str =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// The headers every Graph answer carries: `request-id`, the echoed `client-request-id`, and
/// for JSON the full OData content type and `OData-Version` (graph-facts §2.1).
fn graph_headers(response: &mut axum::response::Response, request_id: &str, client_request_id: Option<HeaderValue>) {
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(request_id) {
        headers.insert("request-id", v.clone());
        headers.insert("client-request-id", client_request_id.unwrap_or(v));
    }
    let is_plain_json = headers.get("content-type").and_then(|v| v.to_str().ok()) == Some("application/json");
    if is_plain_json {
        headers.insert("content-type", HeaderValue::from_static(GRAPH_JSON));
        headers.insert("OData-Version", HeaderValue::from_static("4.0"));
    }
}

/// Largest error body rewritten by `with_error_ids`; Graph's are a few hundred bytes.
const MAX_ERROR_BODY: usize = 1 << 20;

/// Puts the answer's `request-id` and the echoed `client-request-id` into a Graph error body's
/// `innerError`, as Graph does (graph-facts §2.2), so the ids a client reads from the body are
/// the ones in the headers and in its own logs. Other bodies pass through unchanged.
async fn with_error_ids(
    response: axum::response::Response,
    request_id: &str,
    client_request_id: Option<&HeaderValue>,
) -> axum::response::Response {
    let is_json = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    let mut value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(_) => return axum::response::Response::from_parts(parts, axum::body::Body::from(bytes)),
    };
    let Some(inner) = value.pointer_mut("/error/innerError").and_then(|v| v.as_object_mut()) else {
        return axum::response::Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    let echoed = client_request_id.and_then(|v| v.to_str().ok()).unwrap_or(request_id);
    inner.insert("request-id".into(), request_id.into());
    inner.insert("client-request-id".into(), echoed.into());
    parts.headers.remove("content-length");
    axum::response::Response::from_parts(parts, axum::body::Body::from(value.to_string()))
}

async fn serve_connection(stream: tokio::net::TcpStream, router: Router, state: SharedState) {
    let killer = ConnectionKiller(Arc::new(Notify::new()));
    let on_kill = killer.0.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(killer.clone());
        let graph = req.uri().path().starts_with("/graph/");
        let client_request_id = req.headers().get("client-request-id").cloned();
        let req = prepare(&state, &router, req);
        let router = router.clone();
        async move {
            let mut response = router.oneshot(req).await.unwrap_or_else(|never| match never {});
            if graph {
                let request_id = uuid::Uuid::new_v4().to_string();
                if response.status().is_client_error() || response.status().is_server_error() {
                    response = with_error_ids(response, &request_id, client_request_id.as_ref()).await;
                }
                graph_headers(&mut response, &request_id, client_request_id);
            }
            Ok::<_, Infallible>(response)
        }
    });
    let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        // Dropping the connection future closes the socket with nothing written.
        _ = on_kill.notified() => {}
    }
}
