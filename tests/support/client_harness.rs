//! The Graph client against the whole simulated tenant on 127.0.0.1:0: a seeded sim served with
//! a recorder in front (what arrived, when, with or without a token), an account signed in by
//! the device code flow, and `GraphClient`s with quick retries.
#![allow(dead_code)]
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use chrono::{DateTime, Utc};
use o365_graph::auth::device_code::DeviceCodePrompt;
use o365_graph::auth::{AccountTokenProvider, LoginCallbacks, SignedIn, login_adding};
use o365_graph::client::{ClientOptions, GraphClient};
use o365_graph::error::{ApiError, GraphError};
use o365_graph::retry::RetryPolicy;
use o365_graph::{AccountSettings, AuthFlow};
use o365_sim::auth::RequestedUri;
use o365_sim::faults::{BatchSubRequest, Faults};
use o365_sim::identity::{IdentityConfig, IdentityState};
use o365_sim::{self as sim, SharedState, SimOptions, SimState, SimUrls, seed, server};
use url::Url;

/// The instant the tenant's data is generated around.
pub fn anchor() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// A small tenant: 120 messages, device codes approved by the test, polling allowed at once.
pub fn sim_options(messages: usize) -> SimOptions {
    SimOptions {
        seed: 7,
        messages,
        anchor: anchor(),
        auto_approve_device_codes: false,
        device_code_interval: 0,
        ..SimOptions::default()
    }
}

/// One HTTP request as it reached the simulator, before any fault was applied.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query as sent, e.g. `/graph/v1.0/me/messages?$top=10`.
    pub target: String,
    pub authorization: bool,
    pub client_request_id: Option<String>,
    /// Every header but `Authorization`, names in lower case.
    pub headers: Vec<(String, String)>,
    /// A `$batch` sub-request the simulator dispatched to itself.
    pub sub_request: bool,
    pub at: Instant,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The value of a request header (`name` in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The decoded value of a query parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
    }
}

type Log = Arc<Mutex<Vec<Seen>>>;

async fn record(State(log): State<Log>, req: Request, next: Next) -> Response {
    let seen = Seen {
        method: req.method().to_string(),
        // As the client sent it: `/users/{owner}/...` has been rewritten to `/me/...` by now.
        target: req
            .extensions()
            .get::<RequestedUri>()
            .map_or(req.uri(), |r| &r.0)
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        authorization: req.headers().contains_key("authorization"),
        client_request_id: req.headers().get("client-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned),
        headers: req
            .headers()
            .iter()
            .filter(|(name, _)| *name != "authorization")
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        sub_request: req.extensions().get::<BatchSubRequest>().is_some(),
        at: Instant::now(),
    };
    log.lock().unwrap().push(seen);
    next.run(req).await
}

/// A running simulator with a signed-in account. Dropping it stops the server and removes the
/// account's temporary directory.
pub struct Harness {
    pub state: SharedState,
    pub account: AccountSettings,
    /// The account's token directory.
    pub tokens: PathBuf,
    log: Log,
    root: PathBuf,
    _server: server::ServerHandle,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A 120-message tenant, signed in.
pub async fn start() -> Harness {
    start_with(sim_options(120)).await
}

/// Serves the tenant the way `sim::start` does, with the recorder outermost, and signs the
/// account `work` in with the device code flow (the test approves the code it is shown).
pub async fn start_with(options: SimOptions) -> Harness {
    start_with_scopes(options, &[]).await
}

/// Like `start_with`, the account configured with `scopes` (empty: the defaults).
pub async fn start_with_scopes(options: SimOptions, scopes: &[&str]) -> Harness {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let urls = SimUrls { origin: format!("http://{}", listener.local_addr().unwrap()) };
    let tenant =
        seed::generate(&seed::SeedOptions { seed: options.seed, messages: options.messages, anchor: options.anchor });
    let identity = IdentityState::new(IdentityConfig::for_tenant(&tenant, &options));
    let state =
        Arc::new(SimState { urls, tenant: RwLock::new(tenant), identity, faults: Faults::new(options.faults.clone()) });
    let log: Log = Arc::default();
    let router = sim::router(state.clone()).layer(middleware::from_fn_with_state(log.clone(), record));
    let server = server::serve(listener, router, state.clone());

    let root = std::env::temp_dir().join(format!("o365-client-tests-{}", uuid::Uuid::new_v4().simple()));
    let tokens = root.join("tokens");
    let mut account = AccountSettings::with_defaults(sim::DEMO_CLIENT_ID);
    account.auth_flow = AuthFlow::DeviceCode;
    account.authority_url = Url::parse(&state.urls.authority_url()).unwrap();
    account.graph_url = Url::parse(&state.urls.graph_url()).unwrap();
    account.scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
    let harness = Harness { state, account, tokens, log, root, _server: server };
    harness.sign_in_adding(&[]).await;
    harness
}

/// Retries as the default policy makes them, with millisecond backoff so tests stay fast.
pub fn quick_retry() -> RetryPolicy {
    RetryPolicy {
        retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(10),
        max_total_wait: Duration::from_secs(60),
    }
}

impl Harness {
    /// Signs `work` in again asking also for `added` (`o365 login --scopes`); the test approves
    /// the code before the first poll, so the default pacer never sleeps.
    pub async fn sign_in_adding(&self, added: &[&str]) -> SignedIn {
        let approver = self.state.clone();
        let approve = move |p: &DeviceCodePrompt| assert!(approver.identity.approve_device_code(&p.user_code));
        let no_browser = |_: &Url| panic!("the device code flow opens no browser");
        let added: Vec<String> = added.iter().map(|s| (*s).to_owned()).collect();
        let callbacks = LoginCallbacks::new(&approve, &no_browser);
        login_adding("work", &self.account, &self.tokens, &callbacks, &added).await.unwrap()
    }

    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    pub fn graph_url(&self) -> String {
        self.state.urls.graph_url()
    }

    /// Client options for this simulator with `quick_retry`.
    pub fn options(&self) -> ClientOptions {
        ClientOptions { graph_url: self.graph_url(), retry: quick_retry(), ..ClientOptions::default() }
    }

    pub fn provider(&self) -> Arc<AccountTokenProvider> {
        Arc::new(AccountTokenProvider::new("work", &self.account, &self.tokens).unwrap())
    }

    pub fn client(&self) -> GraphClient {
        self.client_with(self.options())
    }

    pub fn client_with(&self, options: ClientOptions) -> GraphClient {
        GraphClient::new(options, self.provider()).unwrap()
    }

    /// Everything that has arrived so far (batch sub-requests included), oldest first.
    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// Graph requests that arrived over HTTP (no batch sub-requests, no sign-in, no download
    /// URLs), oldest first: what `Faults::requests` counts.
    pub fn graph_requests(&self) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| !s.sub_request && s.path().starts_with("/graph/")).collect()
    }

    /// Forgets what has arrived, so a test can look at one call's requests alone.
    pub fn clear_seen(&self) {
        self.log.lock().unwrap().clear();
    }
}

/// The service error inside `error`, or a panic naming what came instead.
pub fn api_error(error: &GraphError) -> &ApiError {
    error.api().unwrap_or_else(|| panic!("expected a Graph error answer, got {error:?}"))
}
