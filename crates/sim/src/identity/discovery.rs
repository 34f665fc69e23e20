//! OIDC discovery: `/{tenant}/v2.0/.well-known/openid-configuration` and the key set it points
//! to, shaped like Entra's (graph-facts §0).
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::errors::AadError;
use super::jwt;
use super::request::TenantSegment;
use crate::{SharedState, SimState};

/// The issuer of every token this tenant signs: `{authority}/{tid}/v2.0`.
pub fn issuer(state: &SimState) -> String {
    format!("{}/{}/v2.0", state.urls.authority_url(), state.identity.config().tenant_id)
}

pub async fn openid_configuration(State(state): State<SharedState>, Path(tenant): Path<String>) -> Response {
    match TenantSegment::resolve(&tenant, state.identity.config()) {
        Ok(segment) => Json(document(&state, segment)).into_response(),
        Err(error) => discovery_error(error),
    }
}

pub async fn keys(State(state): State<SharedState>, Path(tenant): Path<String>) -> Response {
    match TenantSegment::resolve(&tenant, state.identity.config()) {
        Ok(_) => Json(jwt::key_set(&issuer(&state), &state.identity.key)).into_response(),
        Err(error) => discovery_error(error),
    }
}

/// Entra names a bad tenant `invalid_tenant` on its discovery endpoints.
fn discovery_error(error: AadError) -> Response {
    AadError { error: "invalid_tenant", ..error }.into_response()
}

fn document(state: &SimState, segment: TenantSegment) -> Value {
    let config = state.identity.config();
    let base = format!("{}/{}", state.urls.authority_url(), segment.path_segment(config));
    let issuer = match segment {
        // Multi-tenant documents carry a template: the real issuer depends on the user's tenant.
        TenantSegment::Common | TenantSegment::Organizations => {
            format!("{}/{{tenantid}}/v2.0", state.urls.authority_url())
        }
        // Personal accounts all live in this fixed tenant.
        TenantSegment::Consumers => {
            format!("{}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", state.urls.authority_url())
        }
        TenantSegment::Tenant => issuer(state),
    };
    let region = match segment {
        TenantSegment::Tenant => json!("EU"),
        _ => Value::Null,
    };
    json!({
        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "jwks_uri": format!("{base}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        // Only the authorization code flow is simulated (no implicit or hybrid flows).
        "response_types_supported": ["code"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "grant_types_supported": [
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code"
        ],
        "code_challenge_methods_supported": ["S256", "plain"],
        "issuer": issuer,
        "request_uri_parameter_supported": false,
        "authorization_endpoint": format!("{base}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{base}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{base}/oauth2/v2.0/logout"),
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "preferred_username", "name", "tid", "oid",
            "ver", "email"
        ],
        "tenant_region_scope": region,
    })
}
