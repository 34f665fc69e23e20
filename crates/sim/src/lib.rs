//! The simulated Microsoft 365 tenant: identity and Graph endpoints over HTTP on loopback.
//!
//! It is written from the protocol (../shared/graph-facts.md), not from the client's types:
//! this crate does not depend on o365-graph. The tenant's data is Graph-shaped JSON held in
//! memory.
//!
//! One listener serves both services under two prefixes, so one port is enough:
//! `{origin}/login/{tenant}/oauth2/v2.0/...` (identity) and `{origin}/graph/v1.0/...` (Graph).
pub mod auth;
pub mod batch;
pub mod calendar;
pub mod clock;
pub mod contacts;
pub mod delta;
pub mod directory;
pub mod drive;
pub mod errors;
pub mod faults;
pub mod identity;
pub mod mail;
pub mod odata;
pub mod paging;
pub mod permissions;
pub mod seed;
pub mod server;
pub mod settings;
pub mod sites;
pub mod store;
pub mod todo;

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use chrono::{DateTime, Utc};

pub use faults::FaultOptions;
pub use identity::{AppRegistration, DEMO_CLIENT_ID};

/// How to build and run a simulated tenant.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// Seed of every generated value: the same seed gives the same tenant.
    pub seed: u64,
    /// Messages in the mailbox, over all folders (the Inbox holds most of them).
    pub messages: usize,
    /// The "now" the data is generated around: received dates run back from it and the
    /// calendar runs around it. Tests pin it; `o365 sim` uses the current time.
    pub anchor: DateTime<Utc>,
    /// Lifetime of issued access tokens.
    pub access_token_lifetime: Duration,
    /// Approve device codes on the second poll with no user action (for `--demo` and tests).
    pub auto_approve_device_codes: bool,
    /// Seconds a device-code client must wait between polls (the `interval` it is told);
    /// polling sooner gets `slow_down`. 0 lets tests poll back to back.
    pub device_code_interval: u64,
    /// App registrations beside the demo app (`o365 sim --register-app`).
    pub apps: Vec<identity::AppRegistration>,
    pub faults: FaultOptions,
    /// A colleague's meeting invitation waiting in the Inbox (an `eventMessageRequest` with its
    /// event), as `--demo` shows one; off by default, so tests' mailboxes stay as seeded.
    pub invitation: bool,
}

impl Default for SimOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            messages: 5_000,
            anchor: Utc::now(),
            access_token_lifetime: Duration::from_secs(3600),
            auto_approve_device_codes: true,
            device_code_interval: 5,
            apps: Vec::new(),
            faults: FaultOptions::default(),
            invitation: false,
        }
    }
}

/// The URLs of a running simulator.
#[derive(Debug, Clone)]
pub struct SimUrls {
    /// `http://127.0.0.1:PORT`
    pub origin: String,
}

impl SimUrls {
    /// Graph root for clients, like `https://graph.microsoft.com/v1.0`.
    pub fn graph_url(&self) -> String {
        format!("{}/graph/v1.0", self.origin)
    }

    /// Login authority for clients, like `https://login.microsoftonline.com`.
    pub fn authority_url(&self) -> String {
        format!("{}/login", self.origin)
    }
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct SimState {
    pub urls: SimUrls,
    pub tenant: RwLock<store::Tenant>,
    pub identity: identity::IdentityState,
    pub faults: faults::Faults,
}

impl SimState {
    /// The tenant for reading. A handler that panicked mid-change leaves the lock poisoned; the
    /// simulator keeps serving what the tenant holds rather than fail every later request.
    pub fn read_tenant(&self) -> std::sync::RwLockReadGuard<'_, store::Tenant> {
        self.tenant.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The tenant for changing (see `read_tenant` on poisoning).
    pub fn write_tenant(&self) -> std::sync::RwLockWriteGuard<'_, store::Tenant> {
        self.tenant.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub type SharedState = Arc<SimState>;

/// A simulator serving on a loopback port until dropped or shut down.
pub struct RunningSim {
    pub addr: SocketAddr,
    pub state: SharedState,
    server: server::ServerHandle,
}

impl RunningSim {
    pub fn urls(&self) -> &SimUrls {
        &self.state.urls
    }

    /// Stops accepting connections and closes the open ones.
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}

/// Generates the tenant and serves it on `addr` (use port 0 for a free port).
pub async fn start(addr: SocketAddr, options: SimOptions) -> std::io::Result<RunningSim> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let urls = SimUrls { origin: format!("http://{addr}") };
    let mut tenant =
        seed::generate(&seed::SeedOptions { seed: options.seed, messages: options.messages, anchor: options.anchor });
    if options.invitation {
        seed::invite_owner(&mut tenant, options.anchor);
    }
    let identity = identity::IdentityState::new(identity::IdentityConfig::for_tenant(&tenant, &options));
    let state = Arc::new(SimState {
        urls,
        tenant: RwLock::new(tenant),
        identity,
        faults: faults::Faults::new(options.faults.clone()),
    });
    let server = server::serve(listener, router(state.clone()), state.clone());
    Ok(RunningSim { addr, state, server })
}

/// The largest request body the simulator reads: Graph's simple upload limit.
pub const REQUEST_BODY_LIMIT: usize = 250 * 1024 * 1024;

/// The whole HTTP surface. Graph routes see `/me/...`; `auth::address_mailbox` has already
/// turned `/users/{id}/...` into `/me/...` for the mailbox owner.
pub fn router(state: SharedState) -> Router {
    let graph = Router::new()
        .merge(directory::routes())
        .merge(mail::routes())
        .merge(calendar::routes())
        .merge(drive::routes())
        .merge(sites::routes())
        .merge(todo::routes())
        .merge(contacts::routes())
        .merge(settings::routes())
        .merge(batch::routes())
        .fallback(auth::unknown_segment)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_token));
    Router::new()
        .nest("/graph/v1.0", graph.clone())
        .nest("/graph/beta", graph)
        .nest("/login", identity::routes())
        .merge(drive::unauthenticated_routes())
        .merge(mail::unauthenticated_routes())
        // axum's 2 MB default would refuse what Graph takes: simple drive uploads up to 250 MB
        // (graph-facts §3.5) and 4 MB attachment chunks (§3.3).
        .layer(axum::extract::DefaultBodyLimit::max(REQUEST_BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), faults::inject))
        .with_state(state)
}
