//! The device authorization grant (RFC 8628, graph-facts §1.1): the devicecode endpoint, the
//! simulator's own `/devicelogin` page where a person approves a code, and polling.
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Value, json};

use super::errors::{AadError, escape_html};
use super::request::{Params, TenantSegment};
use super::scopes::ScopeSet;
use super::token_endpoint::{DEVICE_CODE_GRANT, TokenRequest};
use super::tokens::{DelegatedGrant, random_token, success};
use super::{DEMO_APP_NAME, IdentityState};
use crate::{SharedState, SimState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    Pending,
    Approved,
    Declined,
    /// Tokens were issued; the device code is spent.
    Redeemed,
}

#[derive(Debug, Clone)]
pub struct DeviceFlow {
    pub user_code: String,
    pub client_id: String,
    pub scopes: ScopeSet,
    pub status: DeviceStatus,
    pub issued_at: Instant,
    pub expires_at: Instant,
    /// Seconds the client must wait between polls; grows by 5 on each `slow_down`.
    pub interval: u64,
    pub last_poll: Option<Instant>,
    pub polls: u32,
}

/// Letters and digits without look-alikes (no I, O, 0, 1).
const USER_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn new_user_code() -> String {
    let random = uuid::Uuid::new_v4();
    random.as_bytes()[..9].iter().map(|b| USER_CODE_ALPHABET[*b as usize % USER_CODE_ALPHABET.len()] as char).collect()
}

/// How a person may type a code: any case, with spaces or dashes.
fn normalise_user_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// `POST /{tenant}/oauth2/v2.0/devicecode`
pub async fn device_authorization(
    State(state): State<SharedState>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    match start_flow(&state, &tenant, &Params::parse(&body)) {
        Ok(body) => success(body),
        Err(error) => error.into_response(),
    }
}

fn start_flow(state: &SimState, tenant: &str, params: &Params) -> Result<Value, AadError> {
    let identity = &state.identity;
    let config = identity.config();
    TenantSegment::resolve(tenant, config)?;
    let client_id = params.require("client_id")?;
    if config.app(client_id).is_none() {
        return Err(AadError::unknown_client(client_id, &config.domain));
    }
    let scopes = ScopeSet::parse(params.require("scope")?)?;
    let device_code = format!("DAQABAAEAAAD--DLA3VO7Qrd{}", random_token(4));
    let user_code = new_user_code();
    let now = identity.now();
    let lifetime = config.device_code_lifetime;
    identity.ledger().device_flows.insert(
        device_code.clone(),
        DeviceFlow {
            user_code: user_code.clone(),
            client_id: client_id.to_owned(),
            scopes,
            status: DeviceStatus::Pending,
            issued_at: now,
            expires_at: now + lifetime,
            interval: config.device_code_interval,
            last_poll: None,
            polls: 0,
        },
    );
    let verification_uri = format!("{}/devicelogin", state.urls.authority_url());
    Ok(json!({
        "user_code": user_code,
        "device_code": device_code,
        "verification_uri": verification_uri,
        "expires_in": lifetime.as_secs(),
        "interval": config.device_code_interval,
        "message": format!(
            "To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate."
        ),
    }))
}

/// The token endpoint's device code grant: one poll.
pub fn redeem_device_code(request: &TokenRequest<'_>) -> Result<Value, AadError> {
    let identity = &request.state.identity;
    let device_code = request.params.require("device_code")?;
    let now = identity.now();
    let mut ledger = identity.ledger();
    let decline = ledger.decline;
    let auto_approve = identity.config().auto_approve_device_codes;
    let Some(flow) = ledger.device_flows.get_mut(device_code) else {
        return Err(AadError::new(
            "bad_verification_code",
            70018,
            "Invalid verification code. Check the code and try again.",
        ));
    };
    if !flow.client_id.eq_ignore_ascii_case(&request.client.client_id) {
        return Err(AadError::new("invalid_grant", 70000, "Provided grant is invalid or malformed."));
    }
    if flow.status == DeviceStatus::Redeemed {
        return Err(already_redeemed());
    }
    if now >= flow.expires_at {
        return Err(AadError::new("expired_token", 70019, "Verification code expired."));
    }
    let previous_poll = flow.last_poll.replace(now);
    flow.polls += 1;
    if flow.status == DeviceStatus::Pending {
        // RFC 8628 §3.5: too soon after the previous poll; the required interval grows by 5 s.
        let wait = Duration::from_secs(flow.interval);
        if flow.interval > 0 && previous_poll.is_some_and(|p| now < p + wait) {
            flow.interval += 5;
            return Err(AadError::new(
                "slow_down",
                70016,
                "OAuth 2.0 device flow error. Polling too fast: wait the interval between polls (RFC 8628).",
            ));
        }
        // Auto-approval waits for a second poll, so clients always meet `authorization_pending`.
        if auto_approve && previous_poll.is_some() {
            flow.status = if decline { DeviceStatus::Declined } else { DeviceStatus::Approved };
        }
    }
    match flow.status {
        DeviceStatus::Pending => Err(AadError::new(
            "authorization_pending",
            70016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
        )),
        DeviceStatus::Declined => {
            Err(AadError::new("authorization_declined", 65004, "User declined to consent to access the app."))
        }
        DeviceStatus::Redeemed => Err(already_redeemed()),
        DeviceStatus::Approved => {
            flow.status = DeviceStatus::Redeemed;
            let scopes = flow.scopes.clone();
            drop(ledger);
            Ok(identity.issue_delegated(DelegatedGrant {
                grant_type: DEVICE_CODE_GRANT,
                client_id: &request.client.client_id,
                scopes: &scopes,
                consented: &scopes,
                nonce: None,
                issuer: &request.issuer,
            }))
        }
    }
}

fn already_redeemed() -> AadError {
    AadError::new(
        "invalid_grant",
        54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    )
}

impl IdentityState {
    /// Approves or declines the pending, unexpired flow with this user code.
    pub(super) fn settle_device_code(&self, user_code: &str, outcome: DeviceStatus) -> bool {
        let wanted = normalise_user_code(user_code);
        let now = self.now();
        let mut ledger = self.ledger();
        let flow = ledger
            .device_flows
            .values_mut()
            .find(|f| f.user_code == wanted && f.status == DeviceStatus::Pending && now < f.expires_at);
        match flow {
            Some(flow) => {
                flow.status = outcome;
                true
            }
            None => false,
        }
    }
}

/// `GET /devicelogin`: the page `verification_uri` names (`?code=` fills the field in).
pub async fn device_login_page(State(state): State<SharedState>, RawQuery(query): RawQuery) -> Html<String> {
    let params = Params::from_query(query.as_deref());
    let code = params.get("code").unwrap_or_default();
    let user = &state.identity.config().user;
    page(&format!(
        "<h1>Enter code</h1><p>Enter the code displayed on your app or device.</p>\
         <form method=\"post\" action=\"devicelogin\">\
         <input name=\"code\" value=\"{}\" autofocus autocomplete=\"off\" placeholder=\"Code\">\
         <p>You will sign in as {} ({}).</p>\
         <button name=\"action\" value=\"approve\">Approve</button> \
         <button name=\"action\" value=\"decline\">Decline</button></form>",
        escape_html(code),
        escape_html(&user.display_name),
        escape_html(&user.upn)
    ))
}

/// `POST /devicelogin` (form `code`, `action=approve|decline`).
pub async fn device_login_submit(State(state): State<SharedState>, body: Bytes) -> Html<String> {
    let params = Params::parse(&body);
    let code = params.get("code").unwrap_or_default();
    let approve = params.get("action") != Some("decline");
    let outcome = if approve { DeviceStatus::Approved } else { DeviceStatus::Declined };
    if !state.identity.settle_device_code(code, outcome) {
        return page(
            "<h1>Enter code</h1><p id=\"error\">That code didn't work. Check the code and try again. \
             (It may have expired or already been used.)</p><p><a href=\"devicelogin\">Try again</a></p>",
        );
    }
    if approve {
        page(&format!(
            "<h1>You're signed in</h1><p>You have signed in to the {} application on your device. \
             You may now close this window.</p>",
            escape_html(DEMO_APP_NAME)
        ))
    } else {
        page("<h1>Sign-in declined</h1><p>You declined to sign in on your device. You may close this window.</p>")
    }
}

fn page(content: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Device sign-in</title></head><body>\
         {content}<p><small>o365-tui simulated identity platform</small></p></body></html>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_nine_unambiguous_characters() {
        for _ in 0..50 {
            let code = new_user_code();
            assert_eq!(code.len(), 9);
            assert!(code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)), "{code}");
        }
        assert_eq!(normalise_user_code(" f7nx-qz2kl "), "F7NXQZ2KL");
    }
}
