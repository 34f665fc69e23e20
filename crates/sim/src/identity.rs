//! The simulated Microsoft identity platform (login.microsoftonline.com, OAuth 2.0 / OIDC v2.0):
//! what it remembers (codes, tokens, device flows), its test knobs, and its routes.
//!
//! Written from graph-facts §1. Routes are nested at `/login`, so a client's authority is
//! `{origin}/login/{tenant}` exactly as it would be `https://login.microsoftonline.com/{tenant}`.
mod authorize;
mod device;
mod discovery;
mod errors;
mod jwt;
mod request;
mod scopes;
mod token_endpoint;
mod tokens;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};

use super::auth::Principal;
use super::store::Tenant;
use super::{SharedState, SimOptions};

pub use errors::AadError;
/// The demo app registration's application permissions (the `roles` of its app-only tokens).
pub use scopes::DEMO_APP_ROLES;

/// The client id of the app registered in every simulated tenant (used by `--demo`).
pub const DEMO_CLIENT_ID: &str = "0365de70-51a1-4c1e-9a0e-5e5e5e5e5e5e";

/// The demo app's client secret, for the client credentials grant. This is the simulator's
/// own made-up value, printed in the docs on purpose: it is not a secret of any real service.
pub const DEMO_CLIENT_SECRET: &str = "sim~not-a-secret~0365demo";

/// The display name of the demo app, shown on the simulator's sign-in pages.
pub const DEMO_APP_NAME: &str = "o365-tui (simulator demo app)";

/// Redirect URIs registered for the demo app. Loopback ports are ignored when matching
/// (graph-facts §1.2), so `http://localhost` covers `http://localhost:53682/`.
pub const DEMO_REDIRECT_URIS: [&str; 4] =
    ["http://localhost", "http://127.0.0.1", "http://localhost/callback", "http://127.0.0.1/callback"];

/// An app registration the tenant knows beside the demo app (`o365 sim --register-app`): its
/// application (client) id and, for a confidential client, its secret. It holds the demo app's
/// permissions and redirect URIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRegistration {
    pub client_id: String,
    pub secret: Option<String>,
}

impl AppRegistration {
    /// The demo app every simulated tenant has.
    pub fn demo() -> Self {
        AppRegistration { client_id: DEMO_CLIENT_ID.to_owned(), secret: Some(DEMO_CLIENT_SECRET.to_owned()) }
    }
}

/// The user who signs in: the tenant's mailbox owner.
#[derive(Debug, Clone, Default)]
pub struct SimUser {
    pub oid: String,
    pub upn: String,
    pub display_name: String,
    pub mail: String,
}

#[derive(Debug, Clone)]
pub struct IdentityConfig {
    pub tenant_id: String,
    pub domain: String,
    pub user: SimUser,
    /// The app registrations: the demo app first, then those `SimOptions::apps` adds.
    pub apps: Vec<AppRegistration>,
    pub access_token_lifetime: Duration,
    /// Approve device codes from their second poll on, with no user action.
    pub auto_approve_device_codes: bool,
    /// `interval` announced for device codes, in seconds; 0 turns `slow_down` off.
    pub device_code_interval: u64,
    /// `expires_in` of device codes (Entra's default is 900 s, graph-facts §1.1).
    pub device_code_lifetime: Duration,
    /// Authorization codes live about ten minutes (graph-facts §1.2).
    pub authorization_code_lifetime: Duration,
    /// Refresh tokens live 90 days for native apps (graph-facts §1.4).
    pub refresh_token_lifetime: Duration,
}

impl IdentityConfig {
    /// The registration of `client_id` (Entra compares application ids without regard to case).
    pub fn app(&self, client_id: &str) -> Option<&AppRegistration> {
        self.apps.iter().find(|app| app.client_id.eq_ignore_ascii_case(client_id))
    }

    pub fn for_tenant(tenant: &Tenant, options: &SimOptions) -> Self {
        let me = tenant.users.get(&tenant.me_id);
        let field = |name: &str| me.and_then(|m| m.get(name)).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        Self {
            tenant_id: tenant.tenant_id.clone(),
            domain: tenant.domain.clone(),
            user: SimUser {
                oid: tenant.me_id.clone(),
                upn: field("userPrincipalName"),
                display_name: field("displayName"),
                mail: field("mail"),
            },
            apps: std::iter::once(AppRegistration::demo()).chain(options.apps.iter().cloned()).collect(),
            access_token_lifetime: options.access_token_lifetime,
            auto_approve_device_codes: options.auto_approve_device_codes,
            device_code_interval: options.device_code_interval,
            device_code_lifetime: Duration::from_secs(900),
            authorization_code_lifetime: Duration::from_secs(600),
            refresh_token_lifetime: Duration::from_secs(90 * 24 * 3600),
        }
    }
}

/// The identity service's memory. Every record is keyed by the opaque string handed out.
#[derive(Debug, Default)]
struct Ledger {
    access_tokens: HashMap<String, tokens::AccessGrant>,
    refresh_tokens: HashMap<String, tokens::RefreshGrant>,
    codes: HashMap<String, authorize::AuthorizationCode>,
    /// By device code.
    device_flows: HashMap<String, device::DeviceFlow>,
    /// Requests that reached the token endpoint, by `grant_type` as sent.
    token_requests: HashMap<String, u64>,
    /// Successful token responses, by `grant_type`.
    tokens_issued: HashMap<String, u64>,
    /// The simulated user says no to every consent and device code.
    decline: bool,
    /// What the user consented to, per client id (lower case): Entra keeps consent per user and
    /// app, so a refresh token may ask for any scope consented since (graph-facts §1.4).
    consents: HashMap<String, scopes::ScopeSet>,
    /// The app's application permissions with admin consent (`roles` of app-only tokens);
    /// `None` means the demo app's (`scopes::DEMO_APP_ROLES`).
    app_roles: Option<Vec<String>>,
}

#[derive(Debug)]
pub struct IdentityState {
    config: IdentityConfig,
    /// This tenant's ID token signing key.
    key: jwt::IdTokenKey,
    ledger: Mutex<Ledger>,
    /// Milliseconds added to the real clock by `advance_clock`, so tests can step past
    /// intervals and lifetimes without sleeping.
    clock_offset_ms: AtomicU64,
}

/// Why Graph refuses an access token; the message goes into Graph's 401 body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRejection(pub String);

impl TokenRejection {
    pub fn message(&self) -> String {
        self.0.clone()
    }
}

impl IdentityState {
    pub fn new(config: IdentityConfig) -> Self {
        Self {
            config,
            key: jwt::IdTokenKey::random(),
            ledger: Mutex::new(Ledger::default()),
            clock_offset_ms: AtomicU64::new(0),
        }
    }

    /// The claims of an ID token this tenant issued, or `None` if it is not one (for tests and
    /// tools).
    pub fn decode_id_token(&self, token: &str) -> Option<serde_json::Value> {
        jwt::decode_payload(token, &self.key)
    }

    pub fn config(&self) -> &IdentityConfig {
        &self.config
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.ledger.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn offset(&self) -> Duration {
        Duration::from_millis(self.clock_offset_ms.load(Ordering::SeqCst))
    }

    /// The service's monotonic clock (real time plus `advance_clock`).
    fn now(&self) -> Instant {
        Instant::now() + self.offset()
    }

    /// The service's wall clock, for JWT claims.
    fn wall_now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.clock_offset_ms.load(Ordering::SeqCst) as i64)
    }

    /// Who `token` speaks for, if it is a live access token this service issued.
    pub fn validate_access_token(&self, token: &str) -> Result<Principal, TokenRejection> {
        let now = self.now();
        let ledger = self.ledger();
        match ledger.access_tokens.get(token) {
            Some(grant) if now < grant.expires_at => Ok(grant.principal.clone()),
            Some(_) => Err(TokenRejection("Access token has expired or is not yet valid.".into())),
            None => Err(TokenRejection("IDX14100: JWT is not well formed, there are no dots (.).".into())),
        }
    }

    // ---- test knobs -------------------------------------------------------------------------

    /// Every access token issued so far expires now (Graph then answers 401).
    pub fn expire_access_tokens(&self) {
        let now = self.now();
        for grant in self.ledger().access_tokens.values_mut() {
            grant.expires_at = grant.expires_at.min(now);
        }
    }

    /// Every refresh token issued so far is revoked (the refresh grant answers `invalid_grant`).
    pub fn revoke_refresh_tokens(&self) {
        for grant in self.ledger().refresh_tokens.values_mut() {
            grant.revoked = true;
        }
    }

    /// The simulated user enters `user_code` and approves; false if no pending flow has it.
    pub fn approve_device_code(&self, user_code: &str) -> bool {
        self.settle_device_code(user_code, device::DeviceStatus::Approved)
    }

    /// The simulated user enters `user_code` and declines; false if no pending flow has it.
    pub fn decline_device_code(&self, user_code: &str) -> bool {
        self.settle_device_code(user_code, device::DeviceStatus::Declined)
    }

    /// Every device code issued so far expires now.
    pub fn expire_device_codes(&self) {
        let now = self.now();
        for flow in self.ledger().device_flows.values_mut() {
            flow.expires_at = flow.expires_at.min(now);
        }
    }

    /// From now on the simulated user declines consent at `/authorize` (redirect with
    /// `access_denied`) and auto-approved device codes turn into `authorization_declined`.
    pub fn decline_authorizations(&self, decline: bool) {
        self.ledger().decline = decline;
    }

    /// From now on app-only tokens carry exactly these application permissions (`roles`), as
    /// if an administrator had changed the app registration and consented.
    pub fn set_app_roles(&self, roles: &[&str]) {
        self.ledger().app_roles = Some(roles.iter().map(|r| (*r).to_owned()).collect());
    }

    /// Moves the service's clock forward: codes, tokens and poll intervals age by `by`.
    pub fn advance_clock(&self, by: Duration) {
        self.clock_offset_ms.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    /// How many token requests with this `grant_type` arrived (successful or not), e.g.
    /// `"refresh_token"` or `"urn:ietf:params:oauth:grant-type:device_code"`.
    pub fn token_requests(&self, grant_type: &str) -> u64 {
        self.ledger().token_requests.get(grant_type).copied().unwrap_or(0)
    }

    /// How many token responses were issued for this `grant_type`.
    pub fn tokens_issued(&self, grant_type: &str) -> u64 {
        self.ledger().tokens_issued.get(grant_type).copied().unwrap_or(0)
    }

    /// The user codes of device flows nobody has approved or declined yet, oldest first
    /// (lets a test or the `o365 sim` console approve without reading the client's output).
    pub fn pending_user_codes(&self) -> Vec<String> {
        let ledger = self.ledger();
        let mut pending: Vec<_> = ledger
            .device_flows
            .values()
            .filter(|f| f.status == device::DeviceStatus::Pending)
            .map(|f| (f.issued_at, f.user_code.clone()))
            .collect();
        pending.sort();
        pending.into_iter().map(|(_, code)| code).collect()
    }
}

/// The identity endpoints, to be nested at `/login`.
pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/{tenant}/v2.0/.well-known/openid-configuration", get(discovery::openid_configuration))
        .route("/{tenant}/discovery/v2.0/keys", get(discovery::keys))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device::device_authorization))
        .route("/{tenant}/oauth2/v2.0/token", post(token_endpoint::token))
        .route("/{tenant}/oauth2/v2.0/authorize", get(authorize::authorize))
        .route("/{tenant}/oauth2/v2.0/logout", get(authorize::logout))
        .route("/devicelogin", get(device::device_login_page).post(device::device_login_submit))
}
