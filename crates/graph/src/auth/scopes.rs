//! Scope names: python-o365's helper names expanded to Graph scopes, and the scope set each
//! flow asks for. The defaults come from the permission table (`crate::permissions`).
use crate::permissions::default_scopes;
use crate::settings::AuthFlow;

/// python-o365's scope helpers (`o365.utils.consent`), mapped to Graph delegated scopes.
const HELPERS: &[(&str, &[&str])] = &[
    ("basic", &["User.Read"]),
    ("mailbox", &["Mail.Read"]),
    ("mailbox_shared", &["Mail.Read.Shared"]),
    ("mailbox_settings", &["MailboxSettings.ReadWrite"]),
    ("message_send", &["Mail.Send"]),
    ("message_send_shared", &["Mail.Send.Shared"]),
    ("message_all", &["Mail.ReadWrite", "Mail.Send"]),
    ("message_all_shared", &["Mail.ReadWrite.Shared", "Mail.Send.Shared"]),
    ("address_book", &["Contacts.Read"]),
    ("address_book_shared", &["Contacts.Read.Shared"]),
    ("address_book_all", &["Contacts.ReadWrite"]),
    ("address_book_all_shared", &["Contacts.ReadWrite.Shared"]),
    ("calendar", &["Calendars.Read"]),
    ("calendar_shared", &["Calendars.Read.Shared"]),
    ("calendar_all", &["Calendars.ReadWrite"]),
    ("calendar_shared_all", &["Calendars.ReadWrite.Shared"]),
    ("users", &["User.ReadBasic.All"]),
    ("onedrive", &["Files.Read.All"]),
    ("onedrive_all", &["Files.ReadWrite.All"]),
    ("sharepoint", &["Sites.Read.All"]),
    ("sharepoint_dl", &["Sites.ReadWrite.All"]),
    ("tasks", &["Tasks.Read"]),
    ("tasks_all", &["Tasks.ReadWrite"]),
    ("presence", &["Presence.Read"]),
    ("people", &["People.Read"]),
];

/// Asked for by every delegated flow: a refresh token (`offline_access`) and an id_token
/// saying who signed in (`openid`, `profile`); graph-facts §1.
pub const OIDC_SCOPES: &[&str] = &["offline_access", "openid", "profile"];

/// The Graph scopes a helper name stands for, or `None` for a raw scope.
pub fn helper(name: &str) -> Option<&'static [&'static str]> {
    HELPERS.iter().find(|(helper, _)| *helper == name).map(|(_, scopes)| *scopes)
}

/// The scopes a delegated sign-in requests: helpers expanded, raw scopes kept, the defaults
/// when none are configured, the OIDC scopes added; no duplicates, in first-seen order.
pub fn delegated_scopes(configured: &[String]) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    let mut push = |scope: &str| {
        if !scopes.iter().any(|s| s.eq_ignore_ascii_case(scope)) {
            scopes.push(scope.to_owned());
        }
    };
    if configured.is_empty() {
        default_scopes().iter().for_each(|s| push(s));
    }
    for name in configured {
        match helper(name) {
            Some(expanded) => expanded.iter().for_each(|s| push(s)),
            None => push(name),
        }
    }
    OIDC_SCOPES.iter().for_each(|s| push(s));
    scopes
}

/// What an incremental sign-in (`o365 login --scopes ...`) asks for: the configured scopes,
/// what the last sign-in was granted, and the added ones (helper names expanded), so it adds
/// to the grant instead of replacing it.
pub fn with_added(configured: &[String], granted: &[String], added: &[String]) -> Vec<String> {
    let graph_granted: Vec<String> = granted.iter().filter(|s| !is_oidc(s)).cloned().collect();
    let mut names: Vec<String> = Vec::new();
    if configured.is_empty() {
        names.extend(default_scopes().iter().map(|s| s.to_string()));
    } else {
        names.extend(configured.iter().cloned());
    }
    names.extend(graph_granted);
    names.extend(added.iter().cloned());
    delegated_scopes(&names)
}

/// What a refresh asks for: everything the cached grant lists (Entra lets a refresh ask for any
/// consented scope, graph-facts §1.4), so a scope added by `o365 login --scopes` survives it.
/// Without a recorded grant, the configured scopes.
pub fn refresh_scopes(granted: &[String], configured: &[String]) -> Vec<String> {
    let graph_granted: Vec<String> = granted.iter().filter(|s| !is_oidc(s)).cloned().collect();
    if graph_granted.is_empty() { delegated_scopes(configured) } else { delegated_scopes(&graph_granted) }
}

/// `offline_access`, `openid`, `profile`, `email`: identity scopes, not Graph permissions.
fn is_oidc(scope: &str) -> bool {
    ["offline_access", "openid", "profile", "email"].iter().any(|o| o.eq_ignore_ascii_case(scope))
}

/// A `--scopes` value: Graph names or helper names, separated by commas or spaces.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split([',', ' ', '\t']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The one scope of the client credentials flow: `{graph resource}/.default`, where the
/// resource is the scheme and host of the Graph URL (graph-facts §1.3, §1.7).
pub fn app_only_scope(graph_url: &url::Url) -> String {
    let origin = graph_url.origin().ascii_serialization();
    format!("{origin}/.default")
}

/// The scopes for a flow.
pub fn scopes_for(flow: AuthFlow, configured: &[String], graph_url: &url::Url) -> Vec<String> {
    if flow.is_delegated() { delegated_scopes(configured) } else { vec![app_only_scope(graph_url)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn helpers_expand_and_raw_scopes_pass() {
        let scopes = delegated_scopes(&strings(&["basic", "message_all", "Calendars.Read", "Mail.Send"]));
        assert_eq!(
            scopes,
            strings(&[
                "User.Read",
                "Mail.ReadWrite",
                "Mail.Send",
                "Calendars.Read",
                "offline_access",
                "openid",
                "profile"
            ])
        );
        assert_eq!(helper("message_all_shared"), Some(&["Mail.ReadWrite.Shared", "Mail.Send.Shared"][..]));
        assert_eq!(helper("calendar_shared_all"), Some(&["Calendars.ReadWrite.Shared"][..]));
        assert_eq!(helper("Mail.Read"), None);
    }

    #[test]
    fn defaults_when_none() {
        let scopes = delegated_scopes(&[]);
        let defaults = default_scopes();
        assert_eq!(&scopes[..defaults.len()], &strings(&defaults)[..]);
        assert!(scopes.ends_with(&strings(OIDC_SCOPES)));
    }

    #[test]
    fn an_incremental_sign_in_keeps_what_was_granted_and_adds() {
        let granted = strings(&["Mail.Read", "Tasks.Read", "openid", "offline_access"]);
        let asked = with_added(&strings(&["Mail.Read"]), &granted, &strings(&["address_book_all", "People.Read"]));
        assert_eq!(
            asked,
            strings(&[
                "Mail.Read",
                "Tasks.Read",
                "Contacts.ReadWrite",
                "People.Read",
                "offline_access",
                "openid",
                "profile"
            ])
        );
        assert_eq!(
            parse_list("Mail.Read, tasks_all  People.Read,,"),
            strings(&["Mail.Read", "tasks_all", "People.Read"])
        );
    }

    #[test]
    fn a_refresh_asks_for_the_grant_not_the_config() {
        let granted = strings(&["Mail.Read", "MailboxSettings.Read", "profile", "openid", "offline_access"]);
        assert_eq!(
            refresh_scopes(&granted, &strings(&["Mail.Read"])),
            strings(&["Mail.Read", "MailboxSettings.Read", "offline_access", "openid", "profile"])
        );
        assert_eq!(
            refresh_scopes(&[], &strings(&["basic"])),
            strings(&["User.Read", "offline_access", "openid", "profile"])
        );
    }

    #[test]
    fn app_only_uses_graph_origin() {
        let url = url::Url::parse("https://graph.microsoft.com/v1.0").unwrap();
        assert_eq!(app_only_scope(&url), "https://graph.microsoft.com/.default");
        let sim = url::Url::parse("http://127.0.0.1:4000/graph/v1.0").unwrap();
        assert_eq!(app_only_scope(&sim), "http://127.0.0.1:4000/.default");
        assert_eq!(
            scopes_for(AuthFlow::ClientCredentials, &strings(&["basic"]), &url),
            strings(&["https://graph.microsoft.com/.default"])
        );
    }
}
