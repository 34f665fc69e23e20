//! The oauth2 client for one account: endpoints from authority + tenant, the token response
//! with Microsoft's `id_token`, and oauth2 errors turned into `AuthError`.
use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, Client, ClientId, DeviceAuthorizationUrl, EndpointNotSet, EndpointSet, ErrorResponse,
    ExtraTokenFields, RequestTokenError, StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::http::SignInHttp;
use super::{AccessToken, AuthError, RefreshToken, Refusal};
use crate::settings::AccountSettings;

/// The token response fields Microsoft adds that we keep: `id_token` says who signed in.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct MicrosoftTokenFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

impl ExtraTokenFields for MicrosoftTokenFields {}

pub type MicrosoftTokenResponse = StandardTokenResponse<MicrosoftTokenFields, BasicTokenType>;

/// An oauth2 client with the authorize, device code and token endpoints set.
pub type MicrosoftClient = Client<
    BasicErrorResponse,
    MicrosoftTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// `{authority}/{tenant}/oauth2/v2.0/{authorize,token,devicecode}` (graph-facts §0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub authorize: Url,
    pub token: Url,
    pub device_code: Url,
}

impl Endpoints {
    pub fn new(authority_url: &Url, tenant: &str) -> Result<Self, AuthError> {
        let base = format!("{}/{tenant}/oauth2/v2.0", authority_url.as_str().trim_end_matches('/'));
        let parse = |name: &str| {
            Url::parse(&format!("{base}/{name}")).map_err(|e| AuthError::Config(format!("authority_url: {e}")))
        };
        Ok(Self { authorize: parse("authorize")?, token: parse("token")?, device_code: parse("devicecode")? })
    }
}

/// What every flow needs: the oauth2 client and the HTTP client it talks through.
#[derive(Debug, Clone)]
pub struct SignInContext {
    pub client: MicrosoftClient,
    pub http: SignInHttp,
    pub endpoints: Endpoints,
}

impl SignInContext {
    pub fn for_account(account: &AccountSettings) -> Result<Self, AuthError> {
        let endpoints = Endpoints::new(&account.authority_url, &account.tenant)?;
        let http = SignInHttp::new(account.timeout, account.proxy.as_ref())?;
        // No secret yet: `client_secret::with_secret` adds it, read at each sign-in.
        let client = Client::new(ClientId::new(account.client_id.clone()))
            .set_auth_uri(AuthUrl::from_url(endpoints.authorize.clone()))
            .set_token_uri(TokenUrl::from_url(endpoints.token.clone()))
            .set_device_authorization_url(DeviceAuthorizationUrl::from_url(endpoints.device_code.clone()))
            // Microsoft documents the secret in the form body (graph-facts §1.3).
            .set_auth_type(AuthType::RequestBody);
        Ok(Self { client, http, endpoints })
    }

    /// The same context with a client secret (a confidential app).
    pub fn with_client_secret(mut self, secret: &str) -> Self {
        self.client = self.client.set_client_secret(oauth2::ClientSecret::new(secret.to_owned()));
        self
    }
}

/// A token response, reduced to what the cache keeps.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub access_token: AccessToken,
    pub expires_at: DateTime<Utc>,
    pub refresh_token: Option<RefreshToken>,
    /// Granted scopes as the server listed them, else the ones requested.
    pub scopes: Vec<String>,
    pub id_token: Option<String>,
}

/// When `expires_in` is missing: Microsoft's tokens last about an hour (graph-facts §1.5).
const ASSUMED_LIFETIME_SECS: i64 = 3599;
/// A longer `expires_in` is taken as this: no token lives a year.
const MAX_LIFETIME: std::time::Duration = std::time::Duration::from_secs(365 * 24 * 3600);

impl TokenGrant {
    pub fn from_response(response: &MicrosoftTokenResponse, requested: &[String], now: DateTime<Utc>) -> Self {
        // An absurd `expires_in` must not overflow the date (issue 14); a 401 still renews.
        let lifetime = response
            .expires_in()
            .map(|d| d.min(MAX_LIFETIME))
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .unwrap_or(chrono::Duration::seconds(ASSUMED_LIFETIME_SECS));
        let expires_at = now.checked_add_signed(lifetime).unwrap_or(now);
        let scopes = match response.scopes() {
            Some(granted) if !granted.is_empty() => granted.iter().map(|s| s.to_string()).collect(),
            _ => requested.to_vec(),
        };
        Self {
            access_token: AccessToken(response.access_token().secret().clone()),
            expires_at,
            refresh_token: response.refresh_token().map(|t| RefreshToken(t.secret().clone())),
            scopes,
            id_token: response.extra_fields().id_token.clone(),
        }
    }
}

/// Turns an oauth2 failure into an `AuthError`. The raw body of an unparsable reply is not
/// echoed: it might hold a token.
pub fn request_error<RE, TE>(error: RequestTokenError<RE, TE>) -> AuthError
where
    RE: std::error::Error + 'static,
    TE: ErrorResponse + 'static + ServerError,
{
    match error {
        RequestTokenError::ServerResponse(reply) => {
            AuthError::Refused(Box::new(Refusal::parse(&reply.code(), reply.description())))
        }
        RequestTokenError::Request(e) => AuthError::Network(e.to_string()),
        RequestTokenError::Parse(e, _body) => {
            AuthError::Network(format!("the identity platform sent a reply that is not a token response: {e}"))
        }
        RequestTokenError::Other(text) => AuthError::Network(text),
    }
}

/// Access to an oauth2 error body's `error` and `error_description`.
pub trait ServerError {
    fn code(&self) -> String;
    fn description(&self) -> Option<&str>;
}

impl<T: oauth2::ErrorResponseType + AsRef<str>> ServerError for oauth2::StandardErrorResponse<T> {
    fn code(&self) -> String {
        self.error().as_ref().to_owned()
    }

    fn description(&self) -> Option<&str> {
        self.error_description().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_from_authority_and_tenant() {
        let authority = Url::parse("http://127.0.0.1:9/login/").unwrap();
        let e = Endpoints::new(&authority, "contoso.onmicrosoft.com").unwrap();
        assert_eq!(e.token.as_str(), "http://127.0.0.1:9/login/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assert_eq!(e.authorize.as_str(), "http://127.0.0.1:9/login/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
        assert_eq!(e.device_code.as_str(), "http://127.0.0.1:9/login/contoso.onmicrosoft.com/oauth2/v2.0/devicecode");
    }

    #[test]
    fn grant_from_response_fills_expiry_and_scopes() {
        let json = r#"{"token_type":"Bearer","scope":"User.Read openid","expires_in":3599,
            "access_token":"at-1","refresh_token":"rt-1","id_token":"a.b.c"}"#;
        let response: MicrosoftTokenResponse = serde_json::from_str(json).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        let grant = TokenGrant::from_response(&response, &[], now);
        assert_eq!(grant.access_token.secret(), "at-1");
        assert_eq!(grant.refresh_token.as_ref().map(|t| t.secret()), Some("rt-1"));
        assert_eq!(grant.expires_at, now + chrono::Duration::seconds(3599));
        assert_eq!(grant.scopes, vec!["User.Read".to_owned(), "openid".to_owned()]);
        assert_eq!(grant.id_token.as_deref(), Some("a.b.c"));
    }

    #[test]
    fn an_absurd_lifetime_does_not_overflow_the_expiry() {
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        for expires_in in ["10000000000000", "9223372036854775807", "18446744073709551615"] {
            let json = format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"at-1"}}"#);
            let response: MicrosoftTokenResponse = serde_json::from_str(&json).unwrap();
            let grant = TokenGrant::from_response(&response, &[], now);
            assert_eq!(grant.expires_at, now + chrono::Duration::days(365), "{expires_in}");
        }
    }
}
