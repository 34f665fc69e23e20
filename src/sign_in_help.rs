//! What a sign-in refusal means for someone using o365, in one line: the identity platform's
//! AADSTS numbers people meet, each with what to change (a config key, a setting in the Entra
//! admin center) or to do. The number, the trace id and the correlation id stay in the line:
//! an administrator finds the sign-in in Entra's logs by them. Codes from Microsoft's list
//! (graph-facts §1.6, Entra's "AADSTS error codes" reference).
use o365_graph::auth::{AuthError, Refusal};
use o365_graph::error::GraphError;

/// Entra admin center → App registrations → the app.
const APP: &str = "Entra admin center → App registrations → your app";

/// What the refusal means and what to change, for the numbers worth explaining.
pub fn meaning(code: u32) -> Option<String> {
    let text = match code {
        50076 => "multi-factor authentication is required: run `o365 login` and complete it in the browser (an \
                  auth_flow = \"client_credentials\" account has no user who could)"
            .to_owned(),
        50079 => "you must register for multi-factor authentication first: set it up at https://aka.ms/mfasetup, \
                  then run `o365 login`"
            .to_owned(),
        53003 => "a Conditional Access policy of your organisation blocked this sign-in (device, place or app): \
                  ask an administrator to look it up by the correlation id in Entra admin center → Sign-in logs"
            .to_owned(),
        65001 => format!(
            "nobody has consented to the permissions asked for: run `o365 login` to consent, have an \
             administrator grant them ({APP} → API permissions → Grant admin consent), or ask for fewer (scopes)"
        ),
        65004 => "consent was declined in the browser: run `o365 login` again and accept, or ask for fewer \
                  permissions (scopes)"
            .to_owned(),
        90094 | 90095 => format!(
            "the permissions asked for need an administrator's approval: have one grant them ({APP} → API \
             permissions → Grant admin consent), or drop those permissions from scopes"
        ),
        700016 => format!(
            "the app is not registered in this directory: check client_id against the Application (client) ID \
             in {APP}, and tenant (the directory the app is registered in; a single-tenant app needs that \
             tenant's id, not \"common\")"
        ),
        7000218 => format!(
            "the app does not allow public client flows: set {APP} → Authentication → Allow public client flows \
             to Yes (the device code flow needs it), or use auth_flow = \"authorization_code\""
        ),
        50020 | 90072 => format!(
            "the account belongs to another directory and is not a guest in the app's tenant: sign in with an \
             account of that tenant, have yours invited as a guest, or set tenant to \"organizations\" or your \
             own directory (the app must then accept other directories: {APP} → Authentication → Supported \
             account types)"
        ),
        90002 => "the tenant was not found: set tenant to your tenant id or a verified domain such as \
                  contoso.onmicrosoft.com, and check authority_url (the cloud the tenant lives in)"
            .to_owned(),
        50059 => "no tenant could be found for this sign-in (the account gives none through tenant = \
                  \"common\"): set tenant to your tenant id or a verified domain"
            .to_owned(),
        700082 => "the refresh token expired after 90 days without use: run `o365 login` again".to_owned(),
        70008 => "the refresh token has expired or was revoked: run `o365 login` again".to_owned(),
        50173 => "the sign-in was revoked, usually because the password was changed: run `o365 login` again".to_owned(),
        9002313 => "the identity platform could not read the request, usually a damaged or revoked refresh \
                    token: run `o365 login` again; if it persists, check client_id, tenant and scopes"
            .to_owned(),
        7000215 => format!(
            "the client secret is wrong: client_secret (or what client_secret_cmd prints, or what `o365 secret \
             set` stored) must be the secret's Value, not its Secret ID ({APP} → Certificates & secrets)"
        ),
        7000222 => format!(
            "the client secret has expired: create a new one ({APP} → Certificates & secrets) and update \
             client_secret or client_secret_cmd, or run `o365 secret set` with it"
        ),
        700025 => "a public client must not send a secret: remove client_secret, client_secret_cmd and \
                   client_secret_store, or use auth_flow = \"client_credentials\""
            .to_owned(),
        70011 => "a scope is not valid: check scopes (Graph permissions such as Mail.Read, or helper names such \
                  as mailbox)"
            .to_owned(),
        _ => return None,
    };
    Some(text)
}

/// `AADSTS700016 (unauthorized_client): <meaning> [trace id …, correlation id …]`, or `None`
/// when the number is not one explained here (the service's own message is shown then).
pub fn explain(refusal: &Refusal) -> Option<String> {
    let meaning = meaning(refusal.code?)?;
    let code = refusal.aadsts()?;
    Some(format!("{code} ({}): {meaning}{}", refusal.error, refusal.ids()))
}

/// The line for a sign-in error, explained when its refusal has a known number.
pub fn explain_error(error: &AuthError) -> Option<String> {
    let explained = explain(error.refusal()?)?;
    Some(match error {
        AuthError::SessionExpired(_) => format!("the sign-in has expired: {explained}"),
        _ => format!("sign-in refused: {explained}"),
    })
}

/// The same for any error of a command's chain that is (or wraps) a sign-in error.
pub fn explain_cause(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(auth) = cause.downcast_ref::<AuthError>() {
        return explain_error(auth);
    }
    match cause.downcast_ref::<GraphError>() {
        Some(GraphError::Auth(auth)) => explain_error(auth),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use o365_graph::auth::Expired;

    fn refusal(error: &str, code: u32) -> Refusal {
        let description = format!(
            "AADSTS{code}: The service's own words.\r\nTrace ID: 0000aaaa-trace\r\nCorrelation ID: \
             bbbb1111-correlation\r\nTimestamp: 2026-03-10 12:00:00Z"
        );
        Refusal::parse(error, Some(&description))
    }

    /// The guard of issue 14: every number people meet has one line saying what it means and
    /// what to change, with the number, the error and both ids kept.
    #[test]
    fn each_code_people_meet_is_one_explained_line_with_its_ids() {
        let cases = [
            (50076, "interaction_required", "multi-factor"),
            (50079, "interaction_required", "aka.ms/mfasetup"),
            (53003, "access_denied", "Conditional Access"),
            (65001, "invalid_grant", "Grant admin consent"),
            (65004, "access_denied", "declined"),
            (90094, "invalid_grant", "administrator"),
            (90095, "invalid_grant", "administrator"),
            (700016, "unauthorized_client", "client_id"),
            (7000218, "invalid_client", "Allow public client flows"),
            (50020, "invalid_request", "guest"),
            (90072, "invalid_grant", "guest"),
            (90002, "invalid_request", "tenant"),
            (50059, "invalid_request", "tenant"),
            (700082, "invalid_grant", "90 days"),
            (70008, "invalid_grant", "o365 login"),
            (50173, "invalid_grant", "password"),
            (9002313, "invalid_request", "o365 login"),
            (7000215, "invalid_client", "Value, not its Secret ID"),
            (7000222, "invalid_client", "expired"),
            (700025, "invalid_client", "client_secret"),
            (70011, "invalid_scope", "scopes"),
        ];
        for (code, error, says) in cases {
            let line = explain_error(&AuthError::Refused(Box::new(refusal(error, code)))).expect("explained");
            let head = format!("sign-in refused: AADSTS{code} ({error}): ");
            assert!(line.starts_with(&head), "{code}: {line}");
            assert!(line.contains(says), "{code} should say `{says}`: {line}");
            assert!(line.ends_with(" [trace id 0000aaaa-trace, correlation id bbbb1111-correlation]"), "{line}");
            assert!(!line.contains('\n') && !line.contains('\r'), "{code}: one line");
        }
    }

    #[test]
    fn an_expired_session_and_a_graph_error_are_explained_too() {
        let expired = AuthError::SessionExpired(Expired::Refused(Box::new(refusal("invalid_grant", 700082))));
        let graph = GraphError::Auth(expired);
        let line = explain_cause(&graph).unwrap();
        assert!(line.starts_with("the sign-in has expired: AADSTS700082 (invalid_grant): the refresh token"), "{line}");
        assert!(line.contains("correlation id bbbb1111-correlation"), "{line}");
    }

    #[test]
    fn unknown_numbers_and_other_errors_keep_their_own_words() {
        assert_eq!(explain(&refusal("invalid_request", 123456)), None);
        assert_eq!(explain(&Refusal::parse("invalid_grant", Some("no number here"))), None);
        assert_eq!(
            explain_cause(&GraphError::Transport(o365_graph::error::TransportError::new("reset", "reset"))),
            None
        );
        assert_eq!(explain_error(&AuthError::SessionExpired(Expired::NoRefreshToken)), None);
    }
}
