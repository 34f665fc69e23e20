//! ID tokens (OIDC JWTs, graph-facts §1.5), Graph access tokens carrying what was granted, and
//! the key set that claims to sign them.
//!
//! The crate has no RSA implementation, so the "RS256" signature is a placeholder:
//! base64url(SHA-256(key secret, key id, header.payload)). Header, claims and encoding are real,
//! so clients that decode ID tokens without verifying them (MSAL, the oauth2 crate) cannot tell;
//! a client that verifies RS256 against the published key will (and the key set says so). Each
//! tenant has its own random key, so one simulator never accepts another's tokens.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::SimUser;
use crate::auth::Principal;

/// The key a tenant signs its ID tokens with: a key id (`kid`) and a secret, both random.
#[derive(Clone)]
pub struct IdTokenKey {
    pub kid: String,
    secret: [u8; 32],
}

impl IdTokenKey {
    pub fn random() -> Self {
        let mut secret = [0u8; 32];
        secret[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        secret[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Self { kid: format!("o365-sim-{}", uuid::Uuid::new_v4().simple()), secret }
    }
}

impl std::fmt::Debug for IdTokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTokenKey").field("kid", &self.kid).finish_non_exhaustive()
    }
}

/// What goes into one ID token.
#[derive(Debug, Clone)]
pub struct IdTokenClaims<'a> {
    pub client_id: &'a str,
    pub issuer: &'a str,
    pub tenant_id: &'a str,
    pub user: &'a SimUser,
    pub nonce: Option<&'a str>,
    pub with_email: bool,
    pub issued_at: DateTime<Utc>,
    pub lifetime_secs: i64,
}

pub fn id_token(claims: &IdTokenClaims<'_>, key: &IdTokenKey) -> String {
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": key.kid});
    let iat = claims.issued_at.timestamp();
    let mut payload = json!({
        "aud": claims.client_id,
        "iss": claims.issuer,
        "iat": iat,
        "nbf": iat,
        "exp": iat + claims.lifetime_secs,
        "name": claims.user.display_name,
        "preferred_username": claims.user.upn,
        "oid": claims.user.oid,
        "tid": claims.tenant_id,
        "sub": pairwise_subject(&claims.user.oid, claims.client_id),
        "ver": "2.0",
    });
    if let Some(nonce) = claims.nonce {
        payload["nonce"] = json!(nonce);
    }
    if claims.with_email && !claims.user.mail.is_empty() {
        payload["email"] = json!(claims.user.mail);
    }
    let signing_input = format!("{}.{}", encode_json(&header), encode_json(&payload));
    let signature = placeholder_signature(key, &signing_input);
    format!("{signing_input}.{signature}")
}

/// A Graph access token: a v1.0-style JWT whose claims say what was granted, `scp` (space
/// separated) for a signed-in user and `roles` for an app, as Entra issues them. Clients treat
/// it as opaque (graph-facts §1.5); the service looks each token up in its ledger, which holds
/// the same grant, so the claims are what a reader of the token would see, never trusted input.
pub fn access_token(
    principal: &Principal,
    client_id: &str,
    tenant_id: &str,
    issued_at: DateTime<Utc>,
    lifetime_secs: i64,
    key: &IdTokenKey,
) -> String {
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": key.kid});
    let iat = issued_at.timestamp();
    let mut payload = json!({
        "aud": "https://graph.microsoft.com",
        "iss": format!("https://sts.windows.net/{tenant_id}/"),
        "iat": iat,
        "nbf": iat,
        "exp": iat + lifetime_secs,
        "appid": client_id,
        "tid": tenant_id,
        // Unique per token, as Entra's `uti` is.
        "uti": URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes()),
        "ver": "1.0",
    });
    match principal {
        Principal::User { oid, upn, scopes } => {
            payload["idtyp"] = json!("user");
            payload["oid"] = json!(oid);
            payload["upn"] = json!(upn);
            payload["scp"] = json!(scopes.join(" "));
        }
        Principal::App { roles, .. } => {
            payload["idtyp"] = json!("app");
            payload["roles"] = json!(roles);
        }
    }
    let signing_input = format!("{}.{}", encode_json(&header), encode_json(&payload));
    let signature = placeholder_signature(key, &signing_input);
    format!("{signing_input}.{signature}")
}

/// The `jwks_uri` document: one RSA-looking key whose modulus is filler (see the module note).
pub fn key_set(issuer: &str, key: &IdTokenKey) -> Value {
    let mut modulus = Vec::with_capacity(256);
    let mut block = Sha256::digest(key.kid.as_bytes());
    while modulus.len() < 256 {
        modulus.extend_from_slice(&block);
        block = Sha256::digest(block);
    }
    json!({"keys": [{
        "kty": "RSA",
        "use": "sig",
        "kid": key.kid,
        "x5t": key.kid,
        "alg": "RS256",
        "n": URL_SAFE_NO_PAD.encode(&modulus),
        "e": "AQAB",
        "issuer": issuer,
        "x_o365_sim_note": "Simulator key: ID token signatures are SHA-256 placeholders, not RSA. Do not verify them.",
    }]})
}

/// The payload of a JWT issued here (for tests and tools); `None` if it is not one.
pub fn decode_payload(token: &str, key: &IdTokenKey) -> Option<Value> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || placeholder_signature(key, &format!("{header}.{payload}")) != signature {
        return None;
    }
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// `sub` is pairwise in Entra: stable for one user and app, different across apps.
fn pairwise_subject(oid: &str, client_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(format!("{oid}:{client_id}").as_bytes()))
}

fn placeholder_signature(key: &IdTokenKey, signing_input: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key.secret);
    hasher.update(key.kid.as_bytes());
    hasher.update(signing_input.as_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> SimUser {
        SimUser { oid: "o1".into(), upn: "a@b.test".into(), display_name: "A B".into(), mail: "a@b.test".into() }
    }

    #[test]
    fn id_token_is_a_three_part_jwt_with_the_claims() {
        let user = user();
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let claims = IdTokenClaims {
            client_id: "cid",
            issuer: "http://x/login/t/v2.0",
            tenant_id: "t",
            user: &user,
            nonce: Some("n-1"),
            with_email: false,
            issued_at: at,
            lifetime_secs: 3600,
        };
        let key = IdTokenKey::random();
        let token = id_token(&claims, &key);
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], key.kid);
        let payload = decode_payload(&token, &key).unwrap();
        assert_eq!(payload["aud"], "cid");
        assert_eq!(payload["nonce"], "n-1");
        assert_eq!(payload["exp"], 1_700_003_600);
        assert_eq!(payload["ver"], "2.0");
        assert!(payload.get("email").is_none());
        let tampered = token.replacen('.', ".x", 1);
        assert!(decode_payload(&tampered, &key).is_none());
        // Another tenant's key does not vouch for it.
        assert!(decode_payload(&token, &IdTokenKey::random()).is_none());
    }

    #[test]
    fn key_set_names_the_key_id() {
        let key = IdTokenKey::random();
        let set = key_set("iss", &key);
        assert_eq!(set["keys"][0]["kid"], key.kid);
        assert_ne!(key_set("iss", &IdTokenKey::random())["keys"][0]["kid"], key.kid);
        assert_eq!(URL_SAFE_NO_PAD.decode(set["keys"][0]["n"].as_str().unwrap()).unwrap().len(), 256);
    }
}
