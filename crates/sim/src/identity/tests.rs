//! Route-level tests of the simulated identity platform: a hand-built tenant, the identity
//! router alone, requests sent with `tower::ServiceExt::oneshot` (or over TCP for oauth2).
mod authorize;
mod device;
mod discovery;
mod oauth2_client;
mod token;

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use base64::Engine;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{DEMO_CLIENT_ID, IdentityConfig, IdentityState};
use crate::faults::Faults;
use crate::store::{Collection, Tenant};
use crate::{SharedState, SimOptions, SimState, SimUrls};

pub const TENANT_ID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
pub const DOMAIN: &str = "contoso.onmicrosoft.com";
pub const ME_ID: &str = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
pub const UPN: &str = "AdeleV@contoso.onmicrosoft.com";
pub const ORIGIN: &str = "http://127.0.0.1:9";

pub fn options() -> SimOptions {
    SimOptions { auto_approve_device_codes: false, device_code_interval: 0, ..SimOptions::default() }
}

pub fn tenant() -> Tenant {
    let users: Collection = [json!({
        "id": ME_ID,
        "displayName": "Adele Vance",
        "userPrincipalName": UPN,
        "mail": UPN,
    })]
    .into_iter()
    .collect();
    Tenant { tenant_id: TENANT_ID.into(), domain: DOMAIN.into(), me_id: ME_ID.into(), users, ..Tenant::default() }
}

pub fn state_with(origin: &str, options: &SimOptions) -> SharedState {
    let tenant = tenant();
    let identity = IdentityState::new(IdentityConfig::for_tenant(&tenant, options));
    Arc::new(SimState {
        urls: SimUrls { origin: origin.into() },
        tenant: RwLock::new(tenant),
        identity,
        faults: Faults::new(Default::default()),
    })
}

pub fn router(state: SharedState) -> Router {
    Router::new().nest("/login", super::routes()).with_state(state)
}

/// The identity router on a hand-built tenant, driven in-process.
pub struct Harness {
    pub state: SharedState,
    router: Router,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// `error` of an error body, with the shape of graph-facts §1.6 checked on the way.
    pub fn oauth_error(&self) -> String {
        let body = self.json();
        let code = body["error_codes"][0].as_u64().unwrap_or_else(|| panic!("no error_codes: {body}"));
        let description = body["error_description"].as_str().unwrap();
        assert!(description.starts_with(&format!("AADSTS{code}: ")), "{description}");
        for line in ["\r\nTrace ID: ", "\r\nCorrelation ID: ", "\r\nTimestamp: "] {
            assert!(description.contains(line), "{description}");
        }
        assert!(description.contains(body["trace_id"].as_str().unwrap()));
        assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
        assert_eq!(body["error_uri"], format!("https://login.microsoftonline.com/error?code={code}"));
        body["error"].as_str().unwrap().to_owned()
    }

    pub fn aadsts(&self) -> u64 {
        self.json()["error_codes"][0].as_u64().unwrap()
    }

    pub fn location(&self) -> url::Url {
        let location = self.headers.get(header::LOCATION).unwrap_or_else(|| panic!("no Location: {self:?}"));
        url::Url::parse(location.to_str().unwrap()).unwrap()
    }
}

/// The value of `name` in a URL's query.
pub fn query_param(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

impl Harness {
    pub fn new(options: SimOptions) -> Self {
        let state = state_with(ORIGIN, &options);
        Self { router: router(state.clone()), state }
    }

    pub fn identity(&self) -> &IdentityState {
        &self.state.identity
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        Reply { status, headers, body: String::from_utf8(bytes.to_vec()).unwrap() }
    }

    pub async fn get(&self, path_and_query: &str) -> Reply {
        self.send(Request::get(path_and_query).body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        self.post_form_with(path, pairs, None).await
    }

    /// POST with the client authenticated by HTTP Basic (`id`, `secret`).
    pub async fn post_form_with(&self, path: &str, pairs: &[(&str, &str)], basic: Option<(&str, &str)>) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some((id, secret)) = basic {
            let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
            request = request.header(header::AUTHORIZATION, format!("Basic {encoded}"));
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn token(&self, pairs: &[(&str, &str)]) -> Reply {
        self.post_form(&format!("/login/{TENANT_ID}/oauth2/v2.0/token"), pairs).await
    }

    /// Starts a device flow on the tenant authority; the device authorization response.
    pub async fn start_device_flow(&self, scope: &str) -> Value {
        let reply = self
            .post_form(
                &format!("/login/{TENANT_ID}/oauth2/v2.0/devicecode"),
                &[("client_id", DEMO_CLIENT_ID), ("scope", scope)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    pub async fn poll(&self, device_code: &str) -> Reply {
        self.token(&[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", DEMO_CLIENT_ID),
            ("device_code", device_code),
        ])
        .await
    }

    /// A full device sign-in approved through the knob: the token response.
    pub async fn device_sign_in(&self, scope: &str) -> Value {
        let flow = self.start_device_flow(scope).await;
        assert!(self.identity().approve_device_code(flow["user_code"].as_str().unwrap()));
        let reply = self.poll(flow["device_code"].as_str().unwrap()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }
}

#[tokio::test]
async fn identity_state_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<IdentityState>();
    let harness = Harness::new(options());
    let config = harness.identity().config();
    assert_eq!(config.user.upn, UPN);
    assert_eq!(config.user.display_name, "Adele Vance");
    assert_eq!(config.device_code_interval, 0);
}

#[tokio::test]
async fn config_of_a_tenant_without_its_owner_does_not_panic() {
    let config = IdentityConfig::for_tenant(&Tenant::default(), &SimOptions::default());
    assert_eq!(config.user.upn, "");
    assert_eq!(config.device_code_interval, 5);
}
