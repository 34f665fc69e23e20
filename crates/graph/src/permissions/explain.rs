//! A 403 explained: which feature the refused request belongs to, and whether the sign-in lacks
//! that feature's permission. Only then does the error say "missing permission"; a 403 for
//! another reason (a mailbox not shared with you) keeps Graph's own words.
use super::{FEATURES, Feature, implies};
use crate::auth::Granted;

/// A permission the sign-in lacks for what was asked, as one sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPermission {
    /// What the request was for: "reading your Outlook categories".
    pub what: &'static str,
    /// The least privileged permission that allows it.
    pub permission: &'static str,
    /// An application permission (app-only sign-in) rather than a delegated one.
    pub application: bool,
    /// Whether an administrator must consent (always, for application permissions).
    pub admin_consent: bool,
}

impl std::fmt::Display for MissingPermission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, permission) = (self.what, self.permission);
        if self.application {
            write!(
                f,
                "{what} needs the application permission {permission}, which the app's token does not carry: \
                 the app registration must include it, with admin consent, before `o365 login` gets a token with it"
            )
        } else {
            let consent = if self.admin_consent { ", with admin consent" } else { "" };
            write!(
                f,
                "{what} needs the permission {permission}, which this sign-in was not granted: the app registration \
                 must include it (delegated{consent}) and `o365 login --scopes {permission}` asks for it"
            )
        }
    }
}

/// For a 403 to `method path` (path under the Graph root, query allowed): the permission the
/// grant lacks, when the request belongs to a feature and the grant does not cover it. App-only
/// grants do not list their roles, so for them the feature's application permission is named.
pub fn missing_permission(method: &str, path: &str, granted: &Granted) -> Option<MissingPermission> {
    let feature = feature_for(method, path)?;
    if granted.app_only {
        return Some(MissingPermission {
            what: feature.what,
            permission: feature.application,
            application: true,
            admin_consent: true,
        });
    }
    if granted.scopes.iter().any(|held| implies(held, feature.delegated)) {
        return None;
    }
    Some(MissingPermission {
        what: feature.what,
        permission: feature.delegated,
        application: false,
        admin_consent: feature.admin_consent,
    })
}

/// The feature whose requests include `method path`; the most specific pattern wins.
pub fn feature_for(method: &str, path: &str) -> Option<&'static Feature> {
    let path = path.split(['?', '#']).next().unwrap_or_default().trim_matches('/');
    let segments: Vec<&str> = path.split('/').collect();
    let mut best: Option<(Vec<u8>, &'static Feature)> = None;
    for feature in FEATURES {
        for request in feature.requests {
            let Some((verb, pattern)) = request.split_once(' ') else { continue };
            if !verb.eq_ignore_ascii_case(method) {
                continue;
            }
            if let Some(score) = specificity(pattern, &segments)
                && best.as_ref().is_none_or(|(b, _)| score > *b)
            {
                best = Some((score, feature));
            }
        }
    }
    best.map(|(_, feature)| feature)
}

/// How specifically `pattern` matches: per segment 2 for a literal, 1 for `{x}` or a resource
/// segment, 0 for `{*}`; `None` when it does not match.
fn specificity(pattern: &str, segments: &[&str]) -> Option<Vec<u8>> {
    let mut parts: Vec<&str> = pattern.split('/').collect();
    let mut score = Vec::new();
    let mut rest = segments;
    if parts.first() == Some(&"~") {
        parts.remove(0);
        let taken = match rest.first().map(|s| s.to_ascii_lowercase()) {
            Some(first) if first == "me" => 1,
            Some(first) if ["users", "groups", "sites"].contains(&first.as_str()) && rest.len() >= 2 => 2,
            _ => return None,
        };
        score.extend(std::iter::repeat_n(1, taken));
        rest = &rest[taken..];
    }
    for (i, part) in parts.iter().enumerate() {
        if *part == "{*}" {
            return (rest.len() > i).then(|| {
                score.push(0);
                score
            });
        }
        let segment = rest.get(i)?;
        if *part == "{x}" {
            score.push(1);
        } else if part.eq_ignore_ascii_case(segment) {
            score.push(2);
        } else {
            return None;
        }
    }
    (rest.len() == parts.len()).then_some(score)
}
