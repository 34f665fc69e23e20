//! `POST /{tenant}/oauth2/v2.0/token`: reads the request, checks the client, and hands each
//! `grant_type` to its flow; the refresh token and client credentials grants live here.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::errors::AadError;
use super::request::{ClientCredentials, Params, TenantSegment};
use super::scopes::{ScopeSet, check_app_scope};
use super::tokens::{DelegatedGrant, success};
use super::{authorize, device, discovery};
use crate::{SharedState, SimState};

pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
pub const AUTHORIZATION_CODE_GRANT: &str = "authorization_code";
pub const REFRESH_TOKEN_GRANT: &str = "refresh_token";
pub const CLIENT_CREDENTIALS_GRANT: &str = "client_credentials";

/// One token request, read and with a registered client.
pub struct TokenRequest<'a> {
    pub state: &'a SimState,
    pub segment: TenantSegment,
    pub params: Params,
    pub client: ClientCredentials,
    /// The ID token's `iss`.
    pub issuer: String,
}

pub async fn token(
    State(state): State<SharedState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match handle(&state, &tenant, &headers, &body) {
        Ok(body) => success(body),
        Err(error) => error.into_response(),
    }
}

fn handle(state: &SimState, tenant: &str, headers: &HeaderMap, body: &[u8]) -> Result<Value, AadError> {
    let config = state.identity.config();
    let segment = TenantSegment::resolve(tenant, config)?;
    // Entra reads only a form body; JSON or anything else leaves every parameter missing.
    let params = Params::parse(body);
    let grant_type = params.require("grant_type")?.to_owned();
    state.identity.count_request(&grant_type);
    let client = ClientCredentials::read(headers, &params)?;
    client.check(config)?;
    let wants_client_info = params.get("client_info") == Some("1");
    let request = TokenRequest { state, segment, params, client, issuer: discovery::issuer(state) };
    let mut body = match grant_type.as_str() {
        DEVICE_CODE_GRANT => device::redeem_device_code(&request),
        AUTHORIZATION_CODE_GRANT => authorize::redeem_code(&request),
        REFRESH_TOKEN_GRANT => redeem_refresh_token(&request),
        CLIENT_CREDENTIALS_GRANT => client_credentials(&request),
        other => Err(AadError::new(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }?;
    // MSAL sends `client_info=1` and keys its account cache on the answer (graph-facts §1.5).
    if wants_client_info && grant_type != CLIENT_CREDENTIALS_GRANT {
        let user = json!({"uid": config.user.oid, "utid": config.tenant_id}).to_string();
        body["client_info"] = json!(URL_SAFE_NO_PAD.encode(user.as_bytes()));
    }
    Ok(body)
}

/// graph-facts §1.4: a new refresh token every time; the old one stays valid.
fn redeem_refresh_token(request: &TokenRequest<'_>) -> Result<Value, AadError> {
    let identity = &request.state.identity;
    let presented = request.params.require("refresh_token")?;
    let now = identity.now();
    let grant = identity.ledger().refresh_tokens.get(presented).cloned();
    // An unknown string is "malformed" to Entra: it cannot tell a made-up token from a damaged one.
    let grant = grant.ok_or_else(|| AadError::malformed("invalid_grant"))?;
    if grant.revoked {
        return Err(AadError::new(
            "invalid_grant",
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new \
             interactive authorization request for this user and resource.",
        ));
    }
    if now >= grant.expires_at {
        return Err(AadError::new(
            "invalid_grant",
            700082,
            "The refresh token has expired due to inactivity. The token was issued on a date and was inactive \
             for 90.00:00:00.",
        ));
    }
    if !grant.client_id.eq_ignore_ascii_case(&request.client.client_id) {
        return Err(AadError::new("invalid_grant", 70000, "Provided grant is invalid or malformed."));
    }
    // Any scope the user consented to for this app may be asked for, not only this token's:
    // consent is kept per user and app (incremental consent adds to it).
    let consented = grant.scopes.union(&identity.consented(&grant.client_id));
    let scopes = match request.params.get("scope") {
        None => grant.scopes.clone(),
        Some(raw) => {
            let asked = ScopeSet::parse(raw)?;
            if !asked.is_subset_of(&consented) {
                return Err(AadError::new(
                    "invalid_grant",
                    65001,
                    format!(
                        "The user or administrator has not consented to use the application with ID '{}'. Send an \
                         interactive authorization request for this user and resource.",
                        request.client.client_id
                    ),
                ));
            }
            // The OIDC part of a grant carries over; an OIDC-only request keeps the Graph scopes.
            let graph = if asked.graph.is_empty() { grant.scopes.graph.clone() } else { asked.graph };
            ScopeSet { graph, oidc: grant.scopes.oidc.clone() }
        }
    };
    Ok(identity.issue_delegated(DelegatedGrant {
        grant_type: REFRESH_TOKEN_GRANT,
        client_id: &request.client.client_id,
        scopes: &scopes,
        consented: &consented,
        nonce: None,
        issuer: &request.issuer,
    }))
}

/// graph-facts §1.3: tenant-specific authority, a secret, and `{resource}/.default`.
fn client_credentials(request: &TokenRequest<'_>) -> Result<Value, AadError> {
    if request.segment != TenantSegment::Tenant {
        return Err(AadError::new(
            "invalid_request",
            9001023,
            "The grant type isn't supported over the /common or /consumers endpoints. Please use the \
             /organizations or tenant-specific endpoint.",
        ));
    }
    if request.client.secret.is_none() {
        return Err(AadError::secret_required());
    }
    check_app_scope(request.params.get("scope").unwrap_or_default())?;
    Ok(request.state.identity.issue_app(CLIENT_CREDENTIALS_GRANT, &request.client.client_id))
}
