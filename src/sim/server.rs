//! The simulator's accept loop: one task per connection, so a fault can cut a connection
//! without an HTTP answer (`ConnectionKiller`) while the others keep being served.
//!
//! Every request gets `auth::address_mailbox` applied before routing, a `ConnectionKiller`
//! for its connection, and the `ServedRouter` (what `$batch` dispatches sub-requests through).
#[cfg(test)]
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
fn graph_headers(response: &mut axum::response::Response, client_request_id: Option<HeaderValue>) {
    let request_id = uuid::Uuid::new_v4().to_string();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert("request-id", v.clone());
        headers.insert("client-request-id", client_request_id.unwrap_or(v));
    }
    let is_plain_json = headers.get("content-type").and_then(|v| v.to_str().ok()) == Some("application/json");
    if is_plain_json {
        headers.insert("content-type", HeaderValue::from_static(GRAPH_JSON));
        headers.insert("OData-Version", HeaderValue::from_static("4.0"));
    }
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
                graph_headers(&mut response, client_request_id);
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
