//! Test helpers for the flows: a scripted identity endpoint on loopback and a virtual clock.
//!
//! The simulator in `crate::sim` is the real end-to-end partner (tests/auth_flows.rs); this
//! script pins exact replies (slow_down, odd fields) that the unit tests need.
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;

use super::device_code::Pacer;
use crate::config::AccountConfig;

#[derive(Default)]
struct Script {
    replies: HashMap<String, VecDeque<(u16, String)>>,
    requests: Vec<(String, String)>,
}

/// Answers POSTs to `/{tenant}/oauth2/v2.0/{endpoint}` with queued replies, in order.
#[derive(Clone)]
pub struct ScriptedIdp {
    script: Arc<Mutex<Script>>,
    pub origin: String,
}

impl ScriptedIdp {
    pub async fn start() -> Self {
        let script = Arc::new(Mutex::new(Script::default()));
        let app = axum::Router::new().fallback(answer).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { script, origin }
    }

    /// Queues a reply for `endpoint` (`token`, `devicecode`).
    pub fn reply(&self, endpoint: &str, status: u16, body: serde_json::Value) -> &Self {
        let mut script = self.script.lock().unwrap();
        script.replies.entry(endpoint.to_owned()).or_default().push_back((status, body.to_string()));
        self
    }

    /// Form bodies received at `endpoint`, in order.
    pub fn requests(&self, endpoint: &str) -> Vec<String> {
        let script = self.script.lock().unwrap();
        script.requests.iter().filter(|(e, _)| e == endpoint).map(|(_, b)| b.clone()).collect()
    }

    pub fn account(&self) -> AccountConfig {
        let mut account = AccountConfig::with_defaults("client-1");
        account.authority_url = url::Url::parse(&self.origin).unwrap();
        account
    }
}

async fn answer(State(script): State<Arc<Mutex<Script>>>, uri: Uri, body: String) -> impl IntoResponse {
    let endpoint = uri.path().rsplit('/').next().unwrap_or_default().to_owned();
    let mut script = script.lock().unwrap();
    script.requests.push((endpoint.clone(), body));
    match script.replies.get_mut(&endpoint).and_then(VecDeque::pop_front) {
        Some((status, body)) => {
            (StatusCode::from_u16(status).unwrap(), [("content-type", "application/json; charset=utf-8")], body)
        }
        None => (StatusCode::NOT_FOUND, [("content-type", "application/json")], "{}".to_owned()),
    }
}

/// A clock that only moves when the code under test sleeps.
pub struct VirtualPacer {
    now: Mutex<DateTime<Utc>>,
    pub sleeps: Mutex<Vec<Duration>>,
}

impl VirtualPacer {
    pub fn new() -> Self {
        let start = DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z").unwrap().with_timezone(&Utc);
        Self { now: Mutex::new(start), sleeps: Mutex::new(Vec::new()) }
    }

    pub fn slept(&self) -> Vec<u64> {
        self.sleeps.lock().unwrap().iter().map(Duration::as_secs).collect()
    }
}

impl Pacer for VirtualPacer {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        *self.now.lock().unwrap() += chrono::Duration::from_std(duration).unwrap();
        self.sleeps.lock().unwrap().push(duration);
        Box::pin(tokio::task::yield_now())
    }
}

pub fn token_reply(access: &str, refresh: Option<&str>) -> serde_json::Value {
    let mut reply = serde_json::json!({"token_type": "Bearer", "expires_in": 3599, "access_token": access,
        "scope": "User.Read openid profile"});
    if let Some(refresh) = refresh {
        reply["refresh_token"] = refresh.into();
    }
    reply
}

pub fn error_reply(code: &str) -> serde_json::Value {
    serde_json::json!({"error": code, "error_description": format!("AADSTS00000: {code}\r\nTrace ID: x")})
}

pub fn device_reply(expires_in: u64, interval: u64) -> serde_json::Value {
    serde_json::json!({"device_code": "dev-code-1", "user_code": "ABCD1234",
        "verification_uri": "https://microsoft.com/devicelogin", "expires_in": expires_in, "interval": interval,
        "message": "To sign in, open https://microsoft.com/devicelogin and enter ABCD1234."})
}
