//! What the client library needs to know about an account: the app registration, the
//! endpoints, the sign-in flow and how patient to be with the network. An application fills it
//! from wherever it keeps its settings (o365 from its TOML config).
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

pub use crate::auth::client_secret::ClientSecretStore;
pub use crate::auth::store::TokenStoreKind;

pub const DEFAULT_TENANT: &str = "common";
pub const DEFAULT_GRAPH_URL: &str = "https://graph.microsoft.com/v1.0";
pub const DEFAULT_AUTHORITY_URL: &str = "https://login.microsoftonline.com";
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
pub const DEFAULT_REQUEST_RETRIES: u32 = 3;
pub const DEFAULT_CLIENT_SECRET_CMD_TIMEOUT_SECS: u64 = 30;
pub const DEFAULT_MAX_RETRY_WAIT_SECS: u64 = 120;

#[derive(Debug, Clone, PartialEq)]
pub struct AccountSettings {
    /// The application (client) id of the app registration.
    pub client_id: String,
    /// `common`, `organizations`, `consumers`, a tenant GUID or a verified domain.
    pub tenant: String,
    pub auth_flow: AuthFlow,
    pub client_secret: Option<SecretString>,
    /// Shell command whose stdout is the client secret (run with `sh -c`).
    pub client_secret_cmd: Option<String>,
    /// How long `client_secret_cmd` may run before it (and everything it started) is killed.
    pub client_secret_cmd_timeout: Duration,
    /// `Some(Keyring)`: the secret is in the OS keyring (`auth::client_secret`), put there by
    /// `o365 secret set`; neither `client_secret` nor `client_secret_cmd` is set then.
    pub client_secret_store: Option<ClientSecretStore>,
    /// Helper names (`message_all`) or raw Graph scopes; expanded by `auth::scopes`. Empty means
    /// the defaults for the flow.
    pub scopes: Vec<String>,
    /// Graph root without a trailing slash, like `https://graph.microsoft.com/v1.0`.
    pub graph_url: Url,
    /// Login host without the tenant, like `https://login.microsoftonline.com`.
    pub authority_url: Url,
    /// Limit for one request, connection included.
    pub timeout: Duration,
    /// Retries after a 429, a 5xx or a dropped connection.
    pub request_retries: u32,
    /// The most one request waits in all between its retries (throttling included); a wait
    /// that would pass it fails the request instead.
    pub max_retry_wait: Duration,
    /// Least time between two requests.
    pub requests_delay: Duration,
    pub proxy: Option<Url>,
    /// Loopback port for the authorization code redirect; 0 picks a free port.
    pub redirect_port: u16,
    /// Where tokens are kept: the 0600 file (default) or the OS keyring (`auth::store`).
    pub token_store: TokenStoreKind,
}

impl AccountSettings {
    /// A delegated device-code account on Microsoft's endpoints with every default.
    pub fn with_defaults(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            tenant: DEFAULT_TENANT.to_owned(),
            auth_flow: AuthFlow::DeviceCode,
            client_secret: None,
            client_secret_cmd: None,
            client_secret_cmd_timeout: Duration::from_secs(DEFAULT_CLIENT_SECRET_CMD_TIMEOUT_SECS),
            client_secret_store: None,
            scopes: Vec::new(),
            graph_url: Url::parse(DEFAULT_GRAPH_URL).expect("constant URL"),
            authority_url: Url::parse(DEFAULT_AUTHORITY_URL).expect("constant URL"),
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            request_retries: DEFAULT_REQUEST_RETRIES,
            max_retry_wait: Duration::from_secs(DEFAULT_MAX_RETRY_WAIT_SECS),
            requests_delay: Duration::ZERO,
            proxy: None,
            redirect_port: 0,
            token_store: TokenStoreKind::File,
        }
    }
}

/// How the account signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthFlow {
    DeviceCode,
    AuthorizationCode,
    ClientCredentials,
}

impl AuthFlow {
    /// A user signs in (as opposed to the app acting for itself).
    pub fn is_delegated(self) -> bool {
        !matches!(self, AuthFlow::ClientCredentials)
    }
}

/// A secret (a client secret); `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}
