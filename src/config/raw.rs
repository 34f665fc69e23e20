//! The config file as serde reads it, before defaults and validation; and parse-error messages.
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{Deserializer, Visitor};

use super::{AuthFlow, ClientSecretStore, ComposeFormat, ConfigError, TokenStoreKind, locate};

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
    pub client_secret_cmd_timeout: Option<Integer>,
    pub client_secret_store: Option<ClientSecretStore>,
    pub scopes: Option<Vec<String>>,
    pub mailbox: Option<String>,
    pub drive: Option<String>,
    pub graph_url: Option<String>,
    pub authority_url: Option<String>,
    pub timeout: Option<Integer>,
    pub request_retries: Option<Integer>,
    pub max_retry_wait: Option<Integer>,
    pub requests_delay_ms: Option<Integer>,
    pub proxy: Option<String>,
    pub timezone: Option<String>,
    pub redirect_port: Option<Integer>,
    pub compose_format: Option<ComposeFormat>,
    pub mark_read_on_open: Option<bool>,
    pub mark_read_delay_ms: Option<Integer>,
    pub refresh_interval: Option<Integer>,
    pub sync_interval: Option<Integer>,
    pub notify: Option<bool>,
    pub prefetch_bodies: Option<Integer>,
    pub signature: Option<String>,
    pub token_store: Option<TokenStoreKind>,
}

/// Any TOML integer, however large or negative: `validate` checks it against the option's
/// range, so the message can say what the range is (serde would only say "expected u64").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Integer(pub i128);

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyInteger;

        impl Visitor<'_> for AnyInteger {
            type Value = Integer;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }

            fn visit_i64<E>(self, v: i64) -> Result<Integer, E> {
                Ok(Integer(v.into()))
            }

            fn visit_u64<E>(self, v: u64) -> Result<Integer, E> {
                Ok(Integer(v.into()))
            }

            fn visit_i128<E>(self, v: i128) -> Result<Integer, E> {
                Ok(Integer(v))
            }

            // Beyond i128 only matters as "out of range".
            fn visit_u128<E>(self, v: u128) -> Result<Integer, E> {
                Ok(Integer(i128::try_from(v).unwrap_or(i128::MAX)))
            }
        }

        deserializer.deserialize_any(AnyInteger)
    }
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
