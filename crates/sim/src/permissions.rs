//! Permissions as Microsoft Graph enforces them: each route accepts the permissions Microsoft
//! documents for it (`table::RULES`), a delegated token brings its `scp`, an app-only token its
//! `roles`, and a token holding none of them gets 403 in the workload's own error shape.
//!
//! The check runs in `auth::require_token`, after the mailbox rewrite, so `/users/{owner}/...`
//! is checked as `/me/...`; `/users/{someone else}/...` and another user's drive need the
//! `others` permissions (`.Shared`, `.All`). `$batch` sub-requests pass through it one by one.
mod table;
#[cfg(test)]
mod tests;

use axum::http::{Method, StatusCode};

use super::auth::Principal;
use super::drive::tree::my_drive_id;
use super::errors::GraphError;
use super::store::Tenant;

pub use table::RULES;

/// Whose error shape a refusal takes (graph-facts §2.2: casing varies by workload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Exchange: mail, calendar, contacts, categories, To Do, people.
    Outlook,
    /// OneDrive and SharePoint.
    Drive,
    /// Microsoft Entra (users).
    Directory,
}

/// The permissions that grant a rule: any one is enough.
#[derive(Debug, Clone, Copy)]
pub struct Perms {
    /// Delegated, on the signed-in user's own data.
    pub own: &'static [&'static str],
    /// Delegated, on someone else's data (another mailbox, drive or profile).
    pub others: &'static [&'static str],
    /// Application permissions (app-only tokens).
    pub app: &'static [&'static str],
}

/// One route (methods and path template under the Graph root) and what it needs.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub methods: &'static [&'static str],
    pub path: &'static str,
    /// `None` for routes that need no permission of their own (`$batch`).
    pub workload: Option<Workload>,
    pub perms: Perms,
}

/// Whose data a request reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Me,
    Other,
}

/// What the check decided.
#[derive(Debug)]
pub enum Decision {
    Allow,
    /// 403 in the workload's shape.
    Deny(GraphError),
    /// No rule knows this path: let the router answer (an unknown segment, another mailbox's
    /// unsupported path).
    Unknown,
}

/// Decides whether `principal` may send `method` to `path` (relative to the Graph root, after
/// the mailbox rewrite).
pub fn check(tenant: &Tenant, principal: &Principal, method: &Method, path: &str) -> Decision {
    let (path, owner) = subject(tenant, path);
    let Some(rule) = find_rule(method.as_str(), &path) else {
        return Decision::Unknown;
    };
    let Some(workload) = rule.workload else {
        return Decision::Allow;
    };
    let (accepted, held): (&[&str], &[String]) = match principal {
        Principal::User { scopes, .. } => (if owner == Owner::Me { rule.perms.own } else { rule.perms.others }, scopes),
        Principal::App { roles, .. } => (rule.perms.app, roles),
    };
    if held.iter().any(|h| accepted.iter().any(|a| a.eq_ignore_ascii_case(h))) {
        Decision::Allow
    } else {
        Decision::Deny(denied(workload))
    }
}

/// Graph's 403 for a token without the permission, per workload.
pub fn denied(workload: Workload) -> GraphError {
    match workload {
        Workload::Outlook => GraphError::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access is denied. Check credentials and try again.",
        ),
        Workload::Drive => GraphError::new(StatusCode::FORBIDDEN, "accessDenied", "Access denied"),
        Workload::Directory => GraphError::new(
            StatusCode::FORBIDDEN,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        ),
    }
}

/// The path the rules know and whose data it reaches: `/users/{other}/x` reads as `/me/x` on
/// someone else's data; `/drives/{id}` is the user's own unless it names another drive.
fn subject(tenant: &Tenant, path: &str) -> (String, Owner) {
    let path = path.trim_end_matches('/');
    if let Some(after) = path.strip_prefix("/users/") {
        return match after.split_once('/') {
            Some((_, tail)) => (format!("/me/{tail}"), Owner::Other),
            None if is_owner(tenant, after) => (path.to_owned(), Owner::Me),
            None => (path.to_owned(), Owner::Other),
        };
    }
    if let Some(after) = path.strip_prefix("/drives/") {
        let id = after.split('/').next().unwrap_or_default();
        let mine = !id.is_empty() && percent_decode(id) == my_drive_id(tenant);
        return (path.to_owned(), if mine { Owner::Me } else { Owner::Other });
    }
    (path.to_owned(), Owner::Me)
}

fn is_owner(tenant: &Tenant, user: &str) -> bool {
    let user = percent_decode(user);
    let upn = tenant.me().get("userPrincipalName").and_then(|v| v.as_str()).unwrap_or_default();
    user == tenant.me_id || user.eq_ignore_ascii_case(upn)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

/// The most specific rule for `method` on `path`: literal segments beat `{x}`, which beats
/// `{*x}`, segment by segment from the left, as the router picks routes.
pub fn find_rule(method: &str, path: &str) -> Option<&'static Rule> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    RULES
        .iter()
        .filter(|r| r.methods.iter().any(|m| m.eq_ignore_ascii_case(method)))
        .filter_map(|r| specificity(r.path, &segments).map(|s| (s, r)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, r)| r)
}

/// How specifically `template` matches `segments` (2 literal, 1 `{x}`, 0 `{*x}` per segment),
/// or `None` when it does not match.
fn specificity(template: &str, segments: &[&str]) -> Option<Vec<u8>> {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    let mut score = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with("{*") {
            return (segments.len() > i).then(|| {
                score.push(0);
                score
            });
        }
        let segment = segments.get(i)?;
        if part.starts_with('{') {
            if segment.is_empty() {
                return None;
            }
            score.push(1);
        } else if part.eq_ignore_ascii_case(segment) {
            score.push(2);
        } else {
            return None;
        }
    }
    (segments.len() == parts.len()).then_some(score)
}
