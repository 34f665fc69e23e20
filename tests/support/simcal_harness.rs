//! A simulator holding only the calendar, drive and To Do routes over a hand-built tenant, on
//! 127.0.0.1:0, with a fixed signed-in user instead of the real token check.
#![allow(dead_code)]
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use o365_sim::auth::{Principal, RequestedUri};
use o365_sim::identity::{IdentityConfig, IdentityState};
use o365_sim::store::Tenant;
use o365_sim::{FaultOptions, SharedState, SimOptions, SimState, SimUrls, auth, calendar, drive, faults, todo};
use serde_json::{Value, json};

pub const ME: &str = "48d31887-5fad-4d73-a9f5-3c356e68a038";

pub struct TestSim {
    pub origin: String,
    pub state: SharedState,
    pub client: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestSim {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn as_signed_in_user(mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(Principal::User {
        oid: ME.to_owned(),
        upn: "AdeleV@contoso.onmicrosoft.com".to_owned(),
        scopes: vec!["Calendars.ReadWrite".into(), "Files.ReadWrite".into(), "Tasks.ReadWrite".into()],
    });
    next.run(req).await
}

async fn record_requested_uri(mut req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    req.extensions_mut().insert(RequestedUri(uri));
    next.run(req).await
}

/// A tenant with just the mailbox owner.
pub fn tenant() -> Tenant {
    let mut t = Tenant {
        tenant_id: "t1".into(),
        domain: "contoso.onmicrosoft.com".into(),
        me_id: ME.into(),
        ..Default::default()
    };
    t.users.insert(json!({
        "id": ME, "displayName": "Adele Vance",
        "mail": "AdeleV@contoso.onmicrosoft.com", "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"
    }));
    t
}

pub async fn start(tenant: Tenant) -> TestSim {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let identity = IdentityState::new(IdentityConfig::for_tenant(&tenant, &SimOptions::default()));
    let state = Arc::new(SimState {
        urls: SimUrls { origin: origin.clone() },
        tenant: RwLock::new(tenant),
        identity,
        faults: faults::Faults::new(FaultOptions::default()),
    });
    let graph = Router::new()
        .merge(calendar::routes())
        .merge(drive::routes())
        .merge(todo::routes())
        .fallback(auth::unknown_segment)
        .layer(middleware::from_fn(as_signed_in_user));
    let app = Router::new()
        .nest("/graph/v1.0", graph)
        .merge(drive::unauthenticated_routes())
        .layer(middleware::from_fn(record_requested_uri))
        .with_state(state.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestSim { origin, state, client, server }
}

impl TestSim {
    pub fn url(&self, path: &str) -> String {
        format!("{}/graph/v1.0{path}", self.origin)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self.client.get(self.url(path)).bearer_auth("t").send().await.unwrap();
        body_of(response).await
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.client.request(method, self.url(path)).bearer_auth("t");
        if let Some(body) = body {
            request = request.json(&body);
        }
        body_of(request.send().await.unwrap()).await
    }

    /// Every item of a collection, following nextLinks; also the number of pages.
    pub async fn get_all(&self, path: &str) -> (Vec<Value>, usize) {
        let mut url = self.url(path);
        let mut items = Vec::new();
        let mut pages = 0;
        loop {
            let response = self.client.get(&url).bearer_auth("t").send().await.unwrap();
            let (status, body) = body_of(response).await;
            assert_eq!(status, 200, "{body}");
            pages += 1;
            items.extend(body["value"].as_array().unwrap().iter().cloned());
            match body["@odata.nextLink"].as_str() {
                Some(next) => url = next.to_owned(),
                None => return (items, pages),
            }
            assert!(pages < 100, "runaway paging");
        }
    }
}

pub async fn body_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, body)
}

/// Asserts a Graph error body with this status and code.
pub fn assert_graph_error(status: u16, body: &Value, want_status: u16, want_code: &str) {
    assert_eq!(status, want_status, "{body}");
    assert_eq!(body["error"]["code"], want_code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(body["error"]["innerError"]["request-id"].is_string(), "{body}");
}
