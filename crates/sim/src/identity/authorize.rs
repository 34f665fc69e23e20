//! The authorization code flow (graph-facts §1.2): `/authorize` with loopback redirect rules and
//! automatic consent by the simulated user, redemption with PKCE, and `/logout`.
use std::time::Instant;

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use sha2::{Digest, Sha256};
use url::Url;

use super::errors::{AadError, Trace, escape_html};
use super::request::{Params, TenantSegment};
use super::scopes::ScopeSet;
use super::token_endpoint::{AUTHORIZATION_CODE_GRANT, TokenRequest};
use super::tokens::{DelegatedGrant, random_token};
use super::{DEMO_CLIENT_ID, DEMO_REDIRECT_URIS};
use crate::{SharedState, SimState};

#[derive(Debug, Clone)]
pub struct AuthorizationCode {
    pub client_id: String,
    /// As normalised by `check_redirect_uri`.
    pub redirect_uri: String,
    pub scopes: ScopeSet,
    pub code_challenge: Option<CodeChallenge>,
    pub nonce: Option<String>,
    pub expires_at: Instant,
    pub redeemed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeChallenge {
    S256(String),
    Plain(String),
}

impl CodeChallenge {
    fn matches(&self, verifier: &str) -> bool {
        match self {
            Self::S256(challenge) => URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == *challenge,
            Self::Plain(challenge) => verifier == challenge,
        }
    }
}

/// A loopback redirect URI registered for the demo app, normalised (`http://localhost:7071`
/// becomes `http://localhost:7071/`), or AADSTS50011. The port is ignored when matching.
pub fn check_redirect_uri(raw: &str) -> Result<Url, AadError> {
    let mismatch = || {
        AadError::new(
            "invalid_request",
            50011,
            format!(
                "The redirect URI '{raw}' specified in the request does not match the redirect URIs configured for \
                 the application '{DEMO_CLIENT_ID}'. Make sure the redirect URI sent in the request matches one added \
                 to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to \
                 learn more about how to fix this."
            ),
        )
    };
    let url = Url::parse(raw).map_err(|_| mismatch())?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(mismatch());
    }
    let registered = DEMO_REDIRECT_URIS
        .iter()
        .filter_map(|r| Url::parse(r).ok())
        .any(|r| r.scheme() == url.scheme() && r.host() == url.host() && r.path() == url.path());
    if registered { Ok(url) } else { Err(mismatch()) }
}

/// `GET /{tenant}/oauth2/v2.0/authorize`
pub async fn authorize(
    State(state): State<SharedState>,
    Path(tenant): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::from_query(query.as_deref());
    // Until client and redirect URI are known good, errors are a page: never redirect to an
    // address the app did not register.
    let redirect = match check_client_and_redirect(&state, &tenant, &params) {
        Ok(redirect) => redirect,
        Err(error) => return error.html_page(),
    };
    let mode = match params.get("response_mode").unwrap_or("query") {
        "query" => ResponseMode::Query,
        "fragment" => ResponseMode::Fragment,
        "form_post" => ResponseMode::FormPost,
        _ => ResponseMode::Query,
    };
    let mut reply: Vec<(String, String)> = match consent(&state, &params, &redirect) {
        Ok(code) => vec![("code".into(), code)],
        Err(error) => {
            let trace = Trace::new();
            vec![
                ("error".into(), error.error.to_owned()),
                ("error_description".into(), error.description(&trace)),
                ("error_uri".into(), error.error_uri()),
            ]
        }
    };
    if let Some(state_param) = params.get("state") {
        reply.push(("state".into(), state_param.to_owned()));
    }
    if reply[0].0 == "code" {
        reply.push(("session_state".into(), uuid::Uuid::new_v4().to_string()));
    }
    respond(redirect, mode, &reply)
}

fn check_client_and_redirect(state: &SimState, tenant: &str, params: &Params) -> Result<Url, AadError> {
    let config = state.identity.config();
    TenantSegment::resolve(tenant, config)?;
    let client_id = params.require("client_id")?;
    if config.app(client_id).is_none() {
        return Err(AadError::unknown_client(client_id, &config.domain));
    }
    check_redirect_uri(params.require("redirect_uri")?)
}

/// The simulated user signs in and consents (or declines, by knob); the code it yields.
fn consent(state: &SimState, params: &Params, redirect: &Url) -> Result<String, AadError> {
    let identity = &state.identity;
    if params.get("response_mode").is_some_and(|m| !["query", "fragment", "form_post"].contains(&m)) {
        return Err(AadError::malformed("invalid_request"));
    }
    match params.require("response_type")? {
        "code" => {}
        other => {
            return Err(AadError::new(
                "unsupported_response_type",
                700054,
                format!("response_type '{other}' is not enabled for the application."),
            ));
        }
    }
    let scopes = ScopeSet::parse(params.require("scope")?)?;
    if let Some(prompt) = params.get("prompt")
        && !["login", "none", "consent", "select_account", "create"].contains(&prompt)
    {
        return Err(AadError::malformed("invalid_request"));
    }
    let code_challenge = match (params.get("code_challenge"), params.get("code_challenge_method")) {
        (None, None) => None,
        (None, Some(_)) => return Err(AadError::missing("code_challenge")),
        (Some(challenge), method) => {
            if !(43..=128).contains(&challenge.len()) {
                return Err(AadError::new("invalid_request", 501491, "Invalid size of Code_Challenge parameter."));
            }
            // RFC 7636 §4.3: without a method the challenge is the plain verifier.
            match method.unwrap_or("plain") {
                "S256" => Some(CodeChallenge::S256(challenge.to_owned())),
                "plain" => Some(CodeChallenge::Plain(challenge.to_owned())),
                _ => return Err(AadError::malformed("invalid_request")),
            }
        }
    };
    if identity.ledger().decline {
        return Err(AadError::new("access_denied", 65004, "User declined to consent to access the app."));
    }
    let code = format!("1.AXEA{}", random_token(6));
    let record = AuthorizationCode {
        client_id: params.require("client_id")?.to_owned(),
        redirect_uri: redirect.to_string(),
        scopes,
        code_challenge,
        nonce: params.get("nonce").map(str::to_owned),
        expires_at: identity.now() + identity.config().authorization_code_lifetime,
        redeemed: false,
    };
    identity.ledger().codes.insert(code.clone(), record);
    Ok(code)
}

#[derive(Debug, Clone, Copy)]
enum ResponseMode {
    Query,
    Fragment,
    FormPost,
}

fn respond(mut redirect: Url, mode: ResponseMode, reply: &[(String, String)]) -> Response {
    match mode {
        ResponseMode::Query => {
            redirect.query_pairs_mut().extend_pairs(reply);
        }
        ResponseMode::Fragment => {
            let fragment = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(reply).finish();
            redirect.set_fragment(Some(&fragment));
        }
        ResponseMode::FormPost => {
            let inputs: String = reply
                .iter()
                .map(|(k, v)| {
                    format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape_html(k), escape_html(v))
                })
                .collect();
            return Html(format!(
                "<!DOCTYPE html>\n<html><head><title>Working...</title></head><body onload=\"document.forms[0].submit()\">\
                 <form method=\"POST\" name=\"hiddenform\" action=\"{}\">{inputs}<noscript><p>Script is disabled. \
                 Click Submit to continue.</p><input type=\"submit\" value=\"Submit\"></noscript></form></body></html>",
                escape_html(redirect.as_str())
            ))
            .into_response();
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, redirect.to_string())]).into_response()
}

/// The token endpoint's authorization code grant.
pub fn redeem_code(request: &TokenRequest<'_>) -> Result<Value, AadError> {
    let identity = &request.state.identity;
    let code = request.params.require("code")?;
    let redirect_uri = request.params.require("redirect_uri")?;
    let now = identity.now();
    let mut ledger = identity.ledger();
    let record = ledger.codes.get_mut(code).ok_or_else(|| AadError::malformed("invalid_grant"))?;
    if record.redeemed {
        return Err(AadError::new(
            "invalid_grant",
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing \
             refresh token.",
        ));
    }
    if now >= record.expires_at {
        return Err(AadError::new(
            "invalid_grant",
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new \
             interactive authorization request for this user and resource.",
        ));
    }
    if !record.client_id.eq_ignore_ascii_case(&request.client.client_id) {
        return Err(AadError::new("invalid_grant", 70000, "Provided grant is invalid or malformed."));
    }
    let same_redirect = Url::parse(redirect_uri).is_ok_and(|u| u.as_str() == record.redirect_uri);
    if !same_redirect {
        return Err(AadError::new(
            "invalid_grant",
            500112,
            format!(
                "The reply address '{redirect_uri}' does not match the reply address '{}' provided when requesting \
                 Authorization code.",
                record.redirect_uri
            ),
        ));
    }
    if let Some(challenge) = &record.code_challenge {
        let verified = request.params.get("code_verifier").is_some_and(|v| challenge.matches(v));
        if !verified {
            return Err(AadError::new(
                "invalid_grant",
                501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
            ));
        }
    }
    record.redeemed = true;
    let (scopes, nonce) = (record.scopes.clone(), record.nonce.clone());
    drop(ledger);
    Ok(identity.issue_delegated(DelegatedGrant {
        grant_type: AUTHORIZATION_CODE_GRANT,
        client_id: &request.client.client_id,
        scopes: &scopes,
        consented: &scopes,
        nonce: nonce.as_deref(),
        issuer: &request.issuer,
    }))
}

/// `GET /{tenant}/oauth2/v2.0/logout`: ends the (simulated) browser session. Tokens stay valid,
/// as with Entra; a registered `post_logout_redirect_uri` is followed.
pub async fn logout(RawQuery(query): RawQuery) -> Response {
    let params = Params::from_query(query.as_deref());
    if let Some(Ok(mut target)) = params.get("post_logout_redirect_uri").map(check_redirect_uri) {
        if let Some(state) = params.get("state") {
            target.query_pairs_mut().append_pair("state", state);
        }
        return (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response();
    }
    Html(
        "<!DOCTYPE html>\n<html><head><title>Sign out</title></head><body><h1>You signed out of your account</h1>\
         <p>It's a good idea to close all browser windows.</p></body></html>"
            .to_owned(),
    )
    .into_response()
}
