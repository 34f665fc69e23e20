//! The protocol tests' view of the simulator: the sim's own test fixture
//! (`o365_sim::server::testing`: every Graph route, any bearer token is the owner) served on
//! loopback, and an HTTP client that does not follow redirects (download URLs are asserted).
use o365_sim::SharedState;
use o365_sim::server::ServerHandle;
use o365_sim::server::testing;
use o365_sim::store::Tenant;
use serde_json::Value;

pub struct TestSim {
    pub origin: String,
    pub state: SharedState,
    pub client: reqwest::Client,
    _server: ServerHandle,
}

/// A tenant with only the mailbox owner; tests add what they need.
pub fn tenant() -> Tenant {
    testing::owner_tenant()
}

pub async fn start(tenant: Tenant) -> TestSim {
    let (state, server) = testing::serve(tenant).await;
    let origin = state.urls.origin.clone();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestSim { origin, state, client, _server: server }
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
