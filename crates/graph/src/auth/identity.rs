//! Who signed in, read from the id_token's payload for display (`o365 whoami`, the status bar).
//!
//! The JWT signature is not checked: the token came straight from the token endpoint over
//! TLS, and nothing here is used for an access decision.
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The signed-in user as the id_token describes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `preferred_username` (usually the UPN or e-mail address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Object id of the user in the tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oid: Option<String>,
    /// Tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    name: Option<String>,
    preferred_username: Option<String>,
    upn: Option<String>,
    email: Option<String>,
    oid: Option<String>,
    tid: Option<String>,
}

/// The identity in an id_token, or `None` when it is not a readable JWT.
pub fn from_id_token(id_token: &str) -> Option<Identity> {
    let payload = id_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    Some(Identity {
        name: claims.name,
        username: claims.preferred_username.or(claims.upn).or(claims.email),
        oid: claims.oid,
        tid: claims.tid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.sig", b64(r#"{"alg":"RS256"}"#), b64(payload))
    }

    #[test]
    fn reads_claims() {
        let token =
            jwt(r#"{"name":"Adele Vance","preferred_username":"adele@contoso.com","oid":"o-1","tid":"t-1","aud":"x"}"#);
        let identity = from_id_token(&token).unwrap();
        assert_eq!(identity.name.as_deref(), Some("Adele Vance"));
        assert_eq!(identity.username.as_deref(), Some("adele@contoso.com"));
        assert_eq!(identity.oid.as_deref(), Some("o-1"));
        assert_eq!(identity.tid.as_deref(), Some("t-1"));
    }

    #[test]
    fn falls_back_to_upn_and_rejects_garbage() {
        let identity = from_id_token(&jwt(r#"{"upn":"u@x"}"#)).unwrap();
        assert_eq!(identity.username.as_deref(), Some("u@x"));
        assert_eq!(from_id_token("not-a-jwt"), None);
        assert_eq!(from_id_token("a.%%%.c"), None);
    }
}
