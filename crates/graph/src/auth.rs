//! Sign-in: OAuth 2.0 flows against the Microsoft identity platform, token refresh and the token cache.
//!
//! `GraphClient` only sees `TokenProvider`; how a token was obtained stays in here.
//! The CLI calls `login`, `logout` and `signed_in_identity`; the client gets an
//! `AccountTokenProvider`.
pub mod auth_code;
pub mod cache;
pub mod client_credentials;
pub mod client_secret;
pub mod device_code;
pub mod http;
pub mod identity;
pub mod lock;
pub mod oauth;
pub mod provider;
pub mod refresh;
pub mod refusal;
pub mod scopes;
pub mod session;
pub mod store;
#[cfg(test)]
mod testing;

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;

pub use device_code::{DeviceCodePrompt, Pacer, SystemPacer};
pub use identity::Identity;
pub use provider::AccountTokenProvider;
pub use refusal::Refusal;
pub use session::{LoginCallbacks, SignedIn, login, login_adding, logout, signed_in_identity};

/// A bearer token. `Debug` never shows it, so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct AccessToken(pub String);

impl AccessToken {
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// A refresh token. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RefreshToken(pub String);

impl RefreshToken {
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken(<redacted>)")
    }
}

/// "Now", injectable so expiry logic can be tested without the wall clock.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The real clock.
pub fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

/// Why no token could be had.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Nobody is signed in for this account (run `o365 login`).
    #[error("not signed in: run `o365 login`")]
    NotSignedIn,
    /// The identity platform refused (e.g. `unauthorized_client` for an unknown client id), with
    /// its AADSTS number, trace id and correlation id.
    #[error("sign-in refused: {0}")]
    Refused(Box<Refusal>),
    /// The device code flow ended without a token.
    #[error("{0}")]
    DeviceFlow(String),
    /// The authorization code flow failed (state mismatch, access denied, listener error).
    #[error("{0}")]
    AuthorizationCode(String),
    /// Another o365 process signed this account out (or out and in again) after this one read
    /// its tokens: they are not renewed, nor written back (issue 14).
    #[error("signed out in another o365 process: run `o365 login`")]
    SignedOut,
    /// The refresh token no longer works (`invalid_grant`: expired, revoked, password changed).
    #[error("the sign-in has expired ({0}): run `o365 login` again")]
    SessionExpired(Expired),
    /// The client credentials flow cannot run as configured (no secret configured, scopes asked for).
    #[error("{0}")]
    ClientCredentials(String),
    /// The client secret could not be had: its command failed, or the OS keyring holds none or
    /// cannot be used (`client_secret`).
    #[error("{0}")]
    ClientSecret(String),
    #[error("network error during sign-in: {0}")]
    Network(String),
    #[error("token cache: {0}")]
    Cache(String),
    #[error("configuration: {0}")]
    Config(String),
}

/// What the current sign-in was granted: the delegated scopes the token response listed, or an
/// app-only token (whose application permissions are not listed to the client).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Granted {
    pub scopes: Vec<String>,
    pub app_only: bool,
}

impl AuthError {
    /// The identity platform's refusal behind this error, if it came from one.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            AuthError::Refused(refusal) | AuthError::SessionExpired(Expired::Refused(refusal)) => Some(refusal),
            _ => None,
        }
    }
}

/// Why a sign-in cannot be renewed without the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expired {
    /// The cache holds no refresh token for a delegated sign-in.
    NoRefreshToken,
    /// The refresh token grant was refused (`invalid_grant`).
    Refused(Box<Refusal>),
}

impl fmt::Display for Expired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expired::NoRefreshToken => f.write_str("no refresh token was cached"),
            Expired::Refused(refusal) => refusal.fmt(f),
        }
    }
}

/// Source of access tokens for `GraphClient`.
pub trait TokenProvider: Send + Sync {
    /// A token valid for a while yet: refreshes first when the cached one is near expiry.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>>;

    /// Graph answered 401 to `rejected`: get a new token, unless another request already
    /// replaced it, in which case that newer token is returned.
    fn refresh_after_rejection<'a>(
        &'a self,
        rejected: &'a AccessToken,
    ) -> BoxFuture<'a, Result<AccessToken, AuthError>>;

    /// What the current token was granted, when known: it lets a 403 name the missing
    /// permission (`permissions::missing_permission`). `None` by default.
    fn granted(&self) -> BoxFuture<'_, Option<Granted>> {
        Box::pin(async { None })
    }
}

/// A provider with one fixed token (for tools and tests that bring their own).
#[derive(Debug, Clone)]
pub struct StaticToken(pub AccessToken);

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }

    fn refresh_after_rejection<'a>(
        &'a self,
        _rejected: &'a AccessToken,
    ) -> BoxFuture<'a, Result<AccessToken, AuthError>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}
