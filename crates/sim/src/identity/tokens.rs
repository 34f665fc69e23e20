//! Minting tokens: opaque access and refresh tokens remembered with who they speak for, and the
//! token response body of graph-facts §1.5.
use std::time::Instant;

use axum::Json;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::errors::no_store;
use super::jwt::{IdTokenClaims, access_token, id_token};
use super::scopes::{DEMO_APP_ROLES, ScopeSet};
use super::{IdentityState, Principal};

/// An access token handed out.
#[derive(Debug, Clone)]
pub struct AccessGrant {
    pub principal: Principal,
    pub expires_at: Instant,
}

/// A refresh token handed out: what a refresh may grant again.
#[derive(Debug, Clone)]
pub struct RefreshGrant {
    pub client_id: String,
    pub scopes: ScopeSet,
    pub expires_at: Instant,
    pub revoked: bool,
}

/// A delegated (signed-in user) grant about to become a token response.
#[derive(Debug, Clone, Copy)]
pub struct DelegatedGrant<'a> {
    pub grant_type: &'a str,
    pub client_id: &'a str,
    /// Scopes of this token.
    pub scopes: &'a ScopeSet,
    /// Everything the user consented to: what the refresh token may grant later.
    pub consented: &'a ScopeSet,
    pub nonce: Option<&'a str>,
    /// `{authority}/{tid}/v2.0`, the ID token's `iss`.
    pub issuer: &'a str,
}

impl IdentityState {
    /// Counts a token request by its `grant_type` (see `token_requests`).
    pub(super) fn count_request(&self, grant_type: &str) {
        *self.ledger().token_requests.entry(grant_type.to_owned()).or_default() += 1;
    }

    /// What the user has consented to for `client_id` so far, over every sign-in.
    pub(super) fn consented(&self, client_id: &str) -> ScopeSet {
        self.ledger().consents.get(&client_id.to_ascii_lowercase()).cloned().unwrap_or_default()
    }

    /// Access token for the user; refresh token with `offline_access`; ID token with `openid`.
    pub(super) fn issue_delegated(&self, grant: DelegatedGrant<'_>) -> Value {
        let now = self.now();
        let lifetime = self.config.access_token_lifetime;
        let user = &self.config.user;
        let principal =
            Principal::User { oid: user.oid.clone(), upn: user.upn.clone(), scopes: grant.scopes.token_scopes() };
        let access_token = self.mint_access_token(&principal, grant.client_id);
        let mut body = json!({
            "token_type": "Bearer",
            "scope": grant.scopes.response_value(),
            "expires_in": lifetime.as_secs(),
            "ext_expires_in": lifetime.as_secs(),
            "access_token": access_token,
        });
        let mut ledger = self.ledger();
        ledger.access_tokens.insert(access_token, AccessGrant { principal, expires_at: now + lifetime });
        let consent = ledger.consents.entry(grant.client_id.to_ascii_lowercase()).or_default();
        *consent = consent.union(grant.consented);
        if grant.scopes.has("offline_access") {
            let refresh_token = random_token(6);
            ledger.refresh_tokens.insert(
                refresh_token.clone(),
                RefreshGrant {
                    client_id: grant.client_id.to_owned(),
                    scopes: grant.consented.clone(),
                    expires_at: now + self.config.refresh_token_lifetime,
                    revoked: false,
                },
            );
            body["refresh_token"] = json!(refresh_token);
        }
        *ledger.tokens_issued.entry(grant.grant_type.to_owned()).or_default() += 1;
        drop(ledger);
        if grant.scopes.has("openid") {
            body["id_token"] = json!(id_token(
                &IdTokenClaims {
                    client_id: grant.client_id,
                    issuer: grant.issuer,
                    tenant_id: &self.config.tenant_id,
                    user,
                    nonce: grant.nonce,
                    with_email: grant.scopes.has("email"),
                    issued_at: self.wall_now(),
                    lifetime_secs: lifetime.as_secs() as i64,
                },
                &self.key
            ));
        }
        body
    }

    /// App-only access token (client credentials): never a refresh token (graph-facts §1.3).
    pub(super) fn issue_app(&self, grant_type: &str, client_id: &str) -> Value {
        let lifetime = self.config.access_token_lifetime;
        let roles = self.ledger().app_roles.clone();
        let roles = roles.unwrap_or_else(|| DEMO_APP_ROLES.iter().map(|r| (*r).to_owned()).collect());
        let principal = Principal::App { app_id: client_id.to_owned(), roles };
        let access_token = self.mint_access_token(&principal, client_id);
        let mut ledger = self.ledger();
        ledger.access_tokens.insert(access_token.clone(), AccessGrant { principal, expires_at: self.now() + lifetime });
        *ledger.tokens_issued.entry(grant_type.to_owned()).or_default() += 1;
        json!({
            "token_type": "Bearer",
            "expires_in": lifetime.as_secs(),
            "ext_expires_in": lifetime.as_secs(),
            "access_token": access_token,
        })
    }
}

impl IdentityState {
    /// A JWT-shaped access token saying what `principal` was granted (`jwt::access_token`).
    fn mint_access_token(&self, principal: &Principal, client_id: &str) -> String {
        let lifetime = self.config.access_token_lifetime.as_secs() as i64;
        access_token(principal, client_id, &self.config.tenant_id, self.wall_now(), lifetime, &self.key)
    }
}

/// An unguessable opaque string: base64url of `uuids` random v4 UUIDs.
pub fn random_token(uuids: usize) -> String {
    let bytes: Vec<u8> = (0..uuids).flat_map(|_| *uuid::Uuid::new_v4().as_bytes()).collect();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A successful token (or device authorization) reply: 200 JSON that must not be cached.
pub fn success(body: Value) -> Response {
    let mut response = Json(body).into_response();
    no_store(&mut response);
    response
}
