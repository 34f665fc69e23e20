//! Sign-in: OAuth 2.0 flows against the Microsoft identity platform, token refresh and the token cache.
//!
//! `GraphClient` only sees `TokenProvider`; how a token was obtained stays in here.
use std::fmt;

use futures::future::BoxFuture;

/// A bearer token. `Debug` never shows it, so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
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

/// Why no token could be had.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Nobody is signed in for this account (run `o365 login`).
    #[error("not signed in: run `o365 login`")]
    NotSignedIn,
    /// The identity platform refused (e.g. `invalid_grant` for an expired refresh token).
    #[error("sign-in refused: {error}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Refused { error: String, description: Option<String> },
    /// The device code flow ended without a token.
    #[error("{0}")]
    DeviceFlow(String),
    /// The authorization code flow failed (state mismatch, access denied, listener error).
    #[error("{0}")]
    AuthorizationCode(String),
    #[error("network error during sign-in: {0}")]
    Network(String),
    #[error("token cache: {0}")]
    Cache(String),
    #[error("configuration: {0}")]
    Config(String),
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
