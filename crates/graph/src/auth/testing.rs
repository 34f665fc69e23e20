//! Test helpers for the flows: a scripted identity endpoint on loopback and a virtual clock.
//!
//! The simulated tenant (crates/sim) is the real end-to-end partner (tests/auth_flows.rs); this
//! script pins exact replies (slow_down, odd fields) that the unit tests need. It answers one
//! request per connection with a few lines of HTTP/1.1, so the client library needs no server
//! framework, not even to test itself.
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use super::device_code::Pacer;
use crate::settings::AccountSettings;

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
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let serving = script.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(answer(stream, serving.clone()));
            }
        });
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

    pub fn account(&self) -> AccountSettings {
        let mut account = AccountSettings::with_defaults("client-1");
        account.authority_url = url::Url::parse(&self.origin).unwrap();
        account
    }
}

/// Reads one request (request line, headers, a `Content-Length` body), records it, and writes
/// the next queued reply for its endpoint (the last path segment), or 404.
async fn answer(stream: TcpStream, script: Arc<Mutex<Script>>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await.is_err() {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or_default();
    let endpoint = path.split('?').next().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_owned();
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await.unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).await.is_err() {
        return;
    }
    let (status, reply) = {
        let mut script = script.lock().unwrap();
        script.requests.push((endpoint.clone(), String::from_utf8_lossy(&body).into_owned()));
        script.replies.get_mut(&endpoint).and_then(VecDeque::pop_front).unwrap_or((404, "{}".to_owned()))
    };
    let response = format!(
        "HTTP/1.1 {status} Scripted\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let mut stream = reader.into_inner();
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
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
