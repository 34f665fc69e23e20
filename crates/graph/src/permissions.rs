//! The one table of which Microsoft Graph permission each feature needs, and what follows
//! from it: the default scopes (their union), the README's app-registration list, and the
//! one-line explanation of a 403 for a permission the sign-in lacks.
//!
//! Each feature names the least privileged permission that allows every request it sends
//! (from the API pages' permission tables on learn.microsoft.com). A new feature that talks to
//! Graph adds a row here; the defaults and the README follow.
mod explain;
mod table;

pub use explain::{MissingPermission, feature_for, missing_permission};
pub use table::FEATURES;

/// One thing the client does, what it needs, and the requests it sends for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    /// Short id, stable for tests and docs: `mail.read`.
    pub id: &'static str,
    /// What it is, as the end of "... needs": `reading mail`.
    pub what: &'static str,
    /// Where the user meets it: commands and panes.
    pub used_by: &'static str,
    /// Least privileged delegated permission (a signed-in user).
    pub delegated: &'static str,
    /// Whether the delegated permission needs an administrator's consent.
    pub admin_consent: bool,
    /// Least privileged application permission (client credentials; always admin consent); empty
    /// where Microsoft documents none.
    pub application: &'static str,
    /// Part of the default scopes: the application uses it (a library-only call is not).
    pub default: bool,
    /// The requests, `METHOD path`; `~` stands for the addressed resource (`me`,
    /// `users/{id}`, `groups/{id}`, `sites/{id}`), `{x}` for one segment, `{*}` for the rest.
    pub requests: &'static [&'static str],
}

/// The delegated scopes `o365` asks for when the config names none: the permissions of every
/// default feature, without those another one already implies (Mail.Read under Mail.ReadWrite).
pub fn default_scopes() -> Vec<&'static str> {
    minimal(FEATURES.iter().filter(|f| f.default).map(|f| f.delegated))
}

/// The application permissions an app-only (client credentials) registration needs for the
/// same features.
pub fn default_application_permissions() -> Vec<&'static str> {
    minimal(FEATURES.iter().filter(|f| f.default && !f.application.is_empty()).map(|f| f.application))
}

/// `names` in first-seen order, without duplicates and without any implied by another.
fn minimal<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let all: Vec<&str> = names.collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, name) in all.iter().enumerate() {
        let covered = all.iter().enumerate().any(|(j, other)| {
            // Of two equal names keep the first; otherwise drop the one implied by a broader one.
            if other.eq_ignore_ascii_case(name) { j < i } else { implies(other, name) }
        });
        if !covered {
            kept.push(name);
        }
    }
    kept
}

/// Whether holding `held` grants what `needed` grants: the same resource, an operation at least
/// as broad (ReadBasic < Read < ReadWrite) and a reach that covers it (`.All` and `.Shared`
/// include the user's own data). Conservative: different resources never imply each other.
pub fn implies(held: &str, needed: &str) -> bool {
    if held.eq_ignore_ascii_case(needed) {
        return true;
    }
    let (Some(held), Some(needed)) = (Scope::parse(held), Scope::parse(needed)) else {
        return false;
    };
    let reach = match (held.reach, needed.reach) {
        (a, b) if a.eq_ignore_ascii_case(b) => true,
        (_, "") => true,
        _ => false,
    };
    held.resource.eq_ignore_ascii_case(needed.resource)
        && reach
        && match (rank(held.operation), rank(needed.operation)) {
            (Some(h), Some(n)) => h >= n,
            _ => held.operation.eq_ignore_ascii_case(needed.operation),
        }
}

/// `Mail.ReadWrite.Shared` as resource, operation and reach.
struct Scope<'a> {
    resource: &'a str,
    operation: &'a str,
    reach: &'a str,
}

impl<'a> Scope<'a> {
    fn parse(name: &'a str) -> Option<Scope<'a>> {
        let mut parts = name.splitn(3, '.');
        let resource = parts.next().filter(|p| !p.is_empty())?;
        let operation = parts.next().filter(|p| !p.is_empty())?;
        Some(Scope { resource, operation, reach: parts.next().unwrap_or("") })
    }
}

fn rank(operation: &str) -> Option<u8> {
    ["ReadBasic", "Read", "ReadWrite"].iter().position(|o| o.eq_ignore_ascii_case(operation)).map(|p| p as u8)
}

/// The README's app-registration list and table, generated from `FEATURES` (a test keeps the
/// README's copy equal to it): the permissions to add, then each feature's least privileged one,
/// so a user narrowing `scopes` sees what each command needs.
pub fn markdown_table() -> String {
    let mut out = format!(
        "Delegated permissions to add (the defaults): {}.\n\nApplication permissions for client credentials \
         (admin consent): {}.\n\n",
        code_list(&default_scopes()),
        code_list(&default_application_permissions()),
    );
    out.push_str("| Feature | Delegated (least privileged) | Application | Used by |\n|---|---|---|---|\n");
    for feature in FEATURES {
        let admin = if feature.admin_consent { " (admin consent)" } else { "" };
        let used_by = if feature.default {
            feature.used_by.to_owned()
        } else {
            format!("{} — not in the defaults", feature.used_by)
        };
        let application = if feature.application.is_empty() {
            "not supported".to_owned()
        } else {
            format!("`{}`", feature.application)
        };
        out.push_str(&format!("| {} | `{}`{admin} | {application} | {used_by} |\n", feature.what, feature.delegated));
    }
    out
}

fn code_list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests;
