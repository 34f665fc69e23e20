//! Graph-side access checks: the bearer token, who is calling, and whose mailbox a path names.
//!
//! `address_mailbox` runs before routing and turns `/users/{owner id or UPN}/rest` into
//! `/me/rest`, so each endpoint is written once. `require_token` then checks the token, refuses
//! `/me` for app-only tokens, and refuses a route the token holds no permission for
//! (`permissions`), as Graph does.
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::SharedState;
use super::errors::GraphError;
use super::permissions::{self, Decision};

/// Who a valid access token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// Delegated: a signed-in user with the scopes the token carries.
    User { oid: String, upn: String, scopes: Vec<String> },
    /// App-only (client credentials): no user; the application permissions the app registration
    /// holds with admin consent (the token's `roles`).
    App { app_id: String, roles: Vec<String> },
}

/// How the request named the mailbox, recorded by `address_mailbox`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressedAs {
    Me,
    /// `/users/{id}/...` for the mailbox owner, with the id as written.
    User(String),
}

/// The URI exactly as the client sent it, before `address_mailbox` rewrote it: nextLinks and
/// `@odata.context` are built from this, so an app paging `/users/{id}/messages` stays there.
#[derive(Debug, Clone)]
pub struct RequestedUri(pub Uri);

/// The Graph prefixes the simulator serves.
const GRAPH_PREFIXES: [&str; 2] = ["/graph/v1.0", "/graph/beta"];

/// Rewrites `/users/{owner}/...` to `/me/...` and records how the mailbox was addressed.
pub fn address_mailbox(state: &SharedState, mut req: Request) -> Request {
    let original = req.uri().clone();
    req.extensions_mut().insert(RequestedUri(original));
    let path = req.uri().path().to_owned();
    let Some(prefix) = GRAPH_PREFIXES.iter().find(|p| path.starts_with(*p)) else {
        return req;
    };
    let rest = &path[prefix.len()..];
    let addressed = if let Some(after) = rest.strip_prefix("/users/") {
        let (user, tail) = after.split_once('/').unwrap_or((after, ""));
        let user = percent_decode(user);
        if tail.is_empty() || !owner_matches(state, &user) {
            None
        } else {
            let new_path = format!("{prefix}/me/{tail}");
            let new_uri = match req.uri().query() {
                Some(q) => format!("{new_path}?{q}"),
                None => new_path,
            };
            if let Ok(uri) = new_uri.parse::<Uri>() {
                *req.uri_mut() = uri;
            }
            Some(AddressedAs::User(user))
        }
    } else if rest == "/me" || rest.starts_with("/me/") {
        Some(AddressedAs::Me)
    } else {
        None
    };
    if let Some(a) = addressed {
        req.extensions_mut().insert(a);
    }
    req
}

fn owner_matches(state: &SharedState, user: &str) -> bool {
    let tenant = state.read_tenant();
    let me = tenant.me();
    let upn = me.get("userPrincipalName").and_then(|v| v.as_str()).unwrap_or_default();
    user == tenant.me_id || user.eq_ignore_ascii_case(upn)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

/// Checks `Authorization: Bearer`, records the `Principal`, and applies Graph's `/me` rule.
pub async fn require_token(State(state): State<SharedState>, mut req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        return GraphError::new(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", "Access token is empty.")
            .into_response();
    };
    let principal = match state.identity.validate_access_token(token) {
        Ok(p) => p,
        Err(rejection) => {
            return GraphError::new(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", rejection.message())
                .into_response();
        }
    };
    let addressed_me = matches!(req.extensions().get::<AddressedAs>(), Some(AddressedAs::Me));
    if addressed_me && matches!(principal, Principal::App { .. }) {
        return GraphError::bad_request("/me request is only valid with delegated authentication flow.")
            .into_response();
    }
    if let Some(refusal) = refuse_without_permission(&state, &principal, &req) {
        return refusal;
    }
    req.extensions_mut().insert(principal);
    next.run(req).await
}

/// The route that answers for other users' mailboxes: paths under it no rule knows are left to
/// it (it says the mailbox is not served) rather than refused.
const OTHER_MAILBOX_ROUTE: &str = "/users/{user}/{*rest}";

/// Graph's 403 when the token holds none of the permissions the route accepts.
fn refuse_without_permission(state: &SharedState, principal: &Principal, req: &Request) -> Option<Response> {
    let path = graph_path(req.uri().path());
    let decision = permissions::check(&state.read_tenant(), principal, req.method(), path);
    match decision {
        Decision::Allow => None,
        Decision::Deny(error) => Some(error.into_response()),
        Decision::Unknown => {
            // Unmatched paths reach the fallback (400 for an unknown segment), as on Graph. A
            // route the router serves but the table lacks is a gap in the table: refuse it, so
            // tests find it, and say which.
            let route = req.extensions().get::<MatchedPath>().map(|m| graph_path(m.as_str()).to_owned())?;
            if route == OTHER_MAILBOX_ROUTE {
                return None;
            }
            tracing::warn!(method = %req.method(), %route, "no permission rule for this route; refusing it");
            Some(GraphError::new(StatusCode::FORBIDDEN, "accessDenied", "Access denied").into_response())
        }
    }
}

/// `path` without the Graph prefix, whether or not the router already took it off.
fn graph_path(path: &str) -> &str {
    GRAPH_PREFIXES.iter().find_map(|p| path.strip_prefix(p)).unwrap_or(path)
}

/// The Graph answer for a path no route knows.
pub async fn unknown_segment(uri: Uri) -> Response {
    GraphError::no_such_resource(uri.path()).into_response()
}
