//! The config file as serde reads it, before defaults and validation; and parse-error messages.
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{AuthFlow, ComposeFormat, ConfigError, locate};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub default_account: Option<String>,
    #[serde(default)]
    pub accounts: BTreeMap<String, RawAccount>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccount {
    pub client_id: String,
    pub tenant: Option<String>,
    pub auth_flow: Option<AuthFlow>,
    pub client_secret: Option<String>,
    pub client_secret_cmd: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub mailbox: Option<String>,
    pub graph_url: Option<String>,
    pub authority_url: Option<String>,
    pub timeout: Option<u64>,
    pub request_retries: Option<u32>,
    pub requests_delay_ms: Option<u64>,
    pub proxy: Option<String>,
    pub timezone: Option<String>,
    pub redirect_port: Option<u16>,
    pub compose_format: Option<ComposeFormat>,
}

/// One message for a toml error: file, line, key path, and toml's own explanation (which
/// lists the valid keys for an unknown key and the choices for an unknown variant).
pub fn error_at(text: &str, path: &Path, error: &toml::de::Error) -> ConfigError {
    let location = error.span().map(|span| locate::locate_offset(text, span.start));
    ConfigError::Invalid {
        path: path.to_path_buf(),
        key_path: location.as_ref().map(|l| l.key_path.clone()).unwrap_or_default(),
        line: location.map(|l| l.line),
        message: error.message().trim().to_owned(),
    }
}
