//! Reading identity requests: the `{tenant}` path segment, form/query parameters, and who the
//! client is (form `client_id`/`client_secret` or HTTP Basic, RFC 6749 §2.3.1).
use std::collections::HashMap;

use axum::http::{HeaderMap, header};
use base64::Engine;

use super::IdentityConfig;
use super::errors::AadError;

/// Which authority a request was sent to (graph-facts §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantSegment {
    Common,
    Organizations,
    Consumers,
    /// The tenant named by its GUID or its domain.
    Tenant,
}

impl TenantSegment {
    /// Names are matched case-insensitively, as Entra does; anything else is AADSTS90002.
    pub fn resolve(segment: &str, config: &IdentityConfig) -> Result<Self, AadError> {
        let lower = segment.to_ascii_lowercase();
        match lower.as_str() {
            "common" => Ok(Self::Common),
            "organizations" => Ok(Self::Organizations),
            "consumers" => Ok(Self::Consumers),
            _ if lower == config.tenant_id.to_ascii_lowercase() || lower == config.domain.to_ascii_lowercase() => {
                Ok(Self::Tenant)
            }
            _ => Err(AadError::tenant_not_found(segment)),
        }
    }

    /// The segment as it appears in endpoint URLs the service hands out: the multi-tenant
    /// names stay, a domain becomes the tenant GUID.
    pub fn path_segment(self, config: &IdentityConfig) -> String {
        match self {
            Self::Common => "common".into(),
            Self::Organizations => "organizations".into(),
            Self::Consumers => "consumers".into(),
            Self::Tenant => config.tenant_id.clone(),
        }
    }
}

/// Request parameters (form body or query string). Entra treats an empty value as absent.
#[derive(Debug, Clone, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(encoded: &[u8]) -> Self {
        let mut map = HashMap::new();
        for (key, value) in url::form_urlencoded::parse(encoded) {
            // The first occurrence wins, like most OAuth servers.
            map.entry(key.into_owned()).or_insert_with(|| value.into_owned());
        }
        Self(map)
    }

    pub fn from_query(query: Option<&str>) -> Self {
        Self::parse(query.unwrap_or_default().as_bytes())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str).filter(|v| !v.trim().is_empty())
    }

    pub fn require(&self, key: &str) -> Result<&str, AadError> {
        self.get(key).ok_or_else(|| AadError::missing(key))
    }
}

/// The client as it identified itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    pub client_id: String,
    pub secret: Option<String>,
}

impl ClientCredentials {
    /// Reads `Authorization: Basic` (each half form-urlencoded) and the form fields.
    pub fn read(headers: &HeaderMap, params: &Params) -> Result<Self, AadError> {
        let basic = match headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
            Some(value) => parse_basic(value)?,
            None => None,
        };
        let form_id = params.get("client_id");
        let form_secret = params.get("client_secret");
        match basic {
            Some((id, secret)) => {
                if form_id.is_some_and(|f| f != id) {
                    return Err(AadError::malformed("invalid_request"));
                }
                Ok(Self { client_id: id, secret: Some(secret) })
            }
            None => Ok(Self {
                client_id: form_id.ok_or_else(|| AadError::missing("client_id"))?.to_owned(),
                secret: form_secret.map(str::to_owned),
            }),
        }
    }

    /// The client must be registered (the demo app or one `--register-app` added). A secret,
    /// when sent, must be that app's.
    pub fn check(&self, config: &IdentityConfig) -> Result<(), AadError> {
        let app =
            config.app(&self.client_id).ok_or_else(|| AadError::unknown_client(&self.client_id, &config.domain))?;
        match (&self.secret, &app.secret) {
            (Some(sent), Some(own)) if sent == own => Ok(()),
            (Some(_), _) => Err(AadError::wrong_secret(&self.client_id)),
            (None, _) => Ok(()),
        }
    }
}

/// `None` for a non-Basic scheme (ignored); an error for a Basic header that does not decode.
fn parse_basic(value: &str) -> Result<Option<(String, String)>, AadError> {
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return Ok(None);
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Ok(None);
    }
    let bad = || AadError { status: axum::http::StatusCode::UNAUTHORIZED, ..AadError::malformed("invalid_client") };
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = text.split_once(':').ok_or_else(bad)?;
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("v={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
    };
    Ok(Some((unescape(id), unescape(secret))))
}
