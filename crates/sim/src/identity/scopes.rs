//! Scope strings: Graph permissions with or without the resource prefix, the OIDC scopes, the
//! app's `.default`, and the `scope` value of a token response (graph-facts §1.5).
use super::errors::AadError;

pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com";
/// Microsoft Graph's application id, which also names it as a resource in scopes.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// OIDC scopes, in the order Entra lists them in a token response.
const OIDC_SCOPES: [&str; 4] = ["profile", "openid", "email", "offline_access"];

/// Graph permissions spelled as Entra returns them; a request in other case gets these back.
const KNOWN_GRAPH_SCOPES: &[&str] = &[
    "User.Read",
    "User.ReadBasic.All",
    "User.Read.All",
    "Mail.Read",
    "Mail.ReadBasic",
    "Mail.ReadWrite",
    "Mail.Send",
    "Mail.Read.Shared",
    "Mail.ReadWrite.Shared",
    "Mail.Send.Shared",
    "MailboxSettings.Read",
    "MailboxSettings.ReadWrite",
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Calendars.Read.Shared",
    "Calendars.ReadWrite.Shared",
    "Contacts.Read",
    "Contacts.ReadWrite",
    "Files.Read",
    "Files.ReadWrite",
    "Files.Read.All",
    "Files.ReadWrite.All",
    "Sites.Read.All",
    "Sites.ReadWrite.All",
    "Sites.Manage.All",
    "Sites.FullControl.All",
    "Tasks.Read",
    "Tasks.ReadWrite",
    "Tasks.Read.Shared",
    "Tasks.ReadWrite.Shared",
    "People.Read",
    "People.Read.All",
    "User.ReadWrite",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
    "Calendars.ReadBasic",
    "Contacts.Read.Shared",
    "Contacts.ReadWrite.Shared",
    "Mail.ReadWrite.Shared",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "GroupMember.Read.All",
];

/// The demo app registration's delegated permissions, granted for
/// `https://graph.microsoft.com/.default`: what the README tells a user to add to their own
/// registration (the client's table; a test in the application checks the two agree).
const DEMO_APP_PERMISSIONS: &[&str] = &[
    "User.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "MailboxSettings.ReadWrite",
    "Calendars.ReadWrite",
    "Calendars.Read.Shared",
    "People.Read",
    "Contacts.ReadWrite",
    "Files.ReadWrite.All",
    "Sites.Read.All",
    "Tasks.ReadWrite",
    "User.ReadBasic.All",
];

/// The demo app registration's application permissions, admin-consented: the `roles` of its
/// app-only (client credentials) tokens.
pub const DEMO_APP_ROLES: &[&str] = &[
    "User.Read.All",
    "People.Read.All",
    "Mail.ReadWrite",
    "Mail.Send",
    "MailboxSettings.ReadWrite",
    "Calendars.ReadWrite",
    "Contacts.ReadWrite",
    "Files.Read.All",
    "Sites.ReadWrite.All",
    "Tasks.ReadWrite.All",
];

/// Delegated scopes of one request, normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeSet {
    /// Graph permissions without the resource prefix, in request order, no duplicates.
    pub graph: Vec<String>,
    /// OIDC scopes requested (lower case).
    pub oidc: Vec<String>,
}

impl ScopeSet {
    /// Parses a space-separated `scope` value of a delegated flow.
    pub fn parse(raw: &str) -> Result<Self, AadError> {
        let mut set = Self::default();
        for scope in raw.split_whitespace() {
            let lower = scope.to_ascii_lowercase();
            if let Some(oidc) = OIDC_SCOPES.iter().find(|o| **o == lower) {
                push_unique(&mut set.oidc, oidc);
                continue;
            }
            let permission = strip_graph_resource(scope).ok_or_else(|| invalid_scope(scope))?;
            if permission.eq_ignore_ascii_case(".default") {
                for p in DEMO_APP_PERMISSIONS {
                    push_unique(&mut set.graph, p);
                }
            } else if is_permission_name(permission) {
                let canonical = KNOWN_GRAPH_SCOPES.iter().find(|k| k.eq_ignore_ascii_case(permission));
                push_unique(&mut set.graph, canonical.copied().unwrap_or(permission));
            } else {
                return Err(invalid_scope(scope));
            }
        }
        if set.graph.is_empty() && set.oidc.is_empty() {
            return Err(AadError::missing("scope"));
        }
        Ok(set)
    }

    pub fn has(&self, oidc_scope: &str) -> bool {
        self.oidc.iter().any(|s| s == oidc_scope)
    }

    /// Whether every scope of `self` was granted in `granted` (Graph names case-insensitive).
    pub fn is_subset_of(&self, granted: &ScopeSet) -> bool {
        self.graph.iter().all(|s| granted.graph.iter().any(|g| g.eq_ignore_ascii_case(s)))
            && self.oidc.iter().all(|s| granted.has(s))
    }

    /// Everything in `self` or `other`, `self`'s order first.
    pub fn union(&self, other: &ScopeSet) -> ScopeSet {
        let mut out = self.clone();
        for scope in &other.graph {
            push_unique(&mut out.graph, scope);
        }
        for scope in &other.oidc {
            push_unique(&mut out.oidc, scope);
        }
        out
    }

    /// The token response's `scope`: Graph permissions, then the OIDC scopes.
    pub fn response_value(&self) -> String {
        let oidc = OIDC_SCOPES.iter().filter(|o| self.has(o)).map(|o| o.to_string());
        self.graph.iter().cloned().chain(oidc).collect::<Vec<_>>().join(" ")
    }

    /// The scopes an access token carries (`scp`): everything but `offline_access`.
    pub fn token_scopes(&self) -> Vec<String> {
        let oidc = OIDC_SCOPES.iter().filter(|o| **o != "offline_access" && self.has(o)).map(|o| o.to_string());
        self.graph.iter().cloned().chain(oidc).collect()
    }
}

/// `Mail.Read` from `Mail.Read`, `https://graph.microsoft.com/Mail.Read` or
/// `00000003-0000-0000-c000-000000000000/Mail.Read`; `None` for another resource.
fn strip_graph_resource(scope: &str) -> Option<&str> {
    for resource in [GRAPH_RESOURCE, GRAPH_APP_ID] {
        if scope.len() > resource.len() + 1
            && scope.get(..resource.len()).is_some_and(|head| head.eq_ignore_ascii_case(resource))
            && scope.as_bytes()[resource.len()] == b'/'
        {
            return Some(&scope[resource.len() + 1..]);
        }
    }
    (!scope.contains('/') && !scope.contains(':')).then_some(scope)
}

/// `Word.Word[.Word]`: the shape of every Graph permission name.
fn is_permission_name(name: &str) -> bool {
    let mut parts = name.split('.');
    parts.clone().count() >= 2
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

fn push_unique(list: &mut Vec<String>, scope: &str) {
    if !list.iter().any(|s| s.eq_ignore_ascii_case(scope)) {
        list.push(scope.to_owned());
    }
}

fn invalid_scope(scope: &str) -> AadError {
    AadError::new(
        "invalid_scope",
        70011,
        format!(
            "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope '{scope}' is not valid."
        ),
    )
}

/// The `scope` of a client credentials request: exactly one `{resource}/.default`.
pub fn check_app_scope(raw: &str) -> Result<(), AadError> {
    let scopes: Vec<&str> = raw.split_whitespace().collect();
    match scopes.as_slice() {
        [] => Err(AadError::missing("scope")),
        [one] if one.len() > "/.default".len() && one.to_ascii_lowercase().ends_with("/.default") => Ok(()),
        _ => Err(AadError::new(
            "invalid_scope",
            1002012,
            format!(
                "The provided value for scope {raw} is not valid. Client credential flows must have a scope value \
                 with /.default suffixed to the resource identifier (application ID URI)."
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_prefix_is_removed_and_case_canonicalised() {
        let set = ScopeSet::parse("https://graph.microsoft.com/mail.read openid offline_access profile").unwrap();
        assert_eq!(set.graph, vec!["Mail.Read"]);
        assert_eq!(set.response_value(), "Mail.Read profile openid offline_access");
        assert_eq!(set.token_scopes(), vec!["Mail.Read", "profile", "openid"]);
    }

    #[test]
    fn default_grants_the_app_permissions_and_unknown_names_pass_through() {
        let set = ScopeSet::parse("https://graph.microsoft.com/.default Notes.Read").unwrap();
        assert!(set.graph.contains(&"Mail.ReadWrite".to_string()));
        assert_eq!(set.graph.last().unwrap(), "Notes.Read");
    }

    #[test]
    fn other_resources_and_junk_are_invalid_scope() {
        for bad in ["https://outlook.office.com/Mail.Read", "Mail", "Mail..Read"] {
            assert_eq!(ScopeSet::parse(bad).unwrap_err().error, "invalid_scope", "{bad}");
        }
        assert_eq!(ScopeSet::parse("  ").unwrap_err().code, 900144);
    }

    #[test]
    fn subset_ignores_case() {
        let granted = ScopeSet::parse("Mail.Read User.Read openid").unwrap();
        assert!(ScopeSet::parse("mail.read").unwrap().is_subset_of(&granted));
        assert!(!ScopeSet::parse("Mail.Send").unwrap().is_subset_of(&granted));
    }

    #[test]
    fn app_scope_needs_one_default() {
        assert!(check_app_scope("https://graph.microsoft.com/.default").is_ok());
        assert!(check_app_scope("api://my-api/.default").is_ok());
        assert_eq!(check_app_scope("Mail.Read").unwrap_err().code, 1002012);
        assert_eq!(check_app_scope("/.default").unwrap_err().code, 1002012);
        assert_eq!(check_app_scope("").unwrap_err().code, 900144);
    }
}
