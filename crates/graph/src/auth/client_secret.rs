//! The client secret of a confidential app (client credentials, or the authorization code flow
//! of a "Web" app registration) and where it comes from: `client_secret` in the config, what
//! `client_secret_cmd` prints, or the OS keyring (`client_secret_store = "keyring"`, filled by
//! `o365 secret set`). It is read afresh at every sign-in and renewal and never cached: a
//! secret rotated in its store is used from the next renewal on.
mod command;
mod keyring;

use std::path::PathBuf;
use std::sync::Arc;

use keyring_core::CredentialStore;
use serde::{Deserialize, Serialize};

pub use command::secret_from_command;
pub use keyring::{MAX_SECRET_LEN, SECRET_SERVICE, SecretEntry};

use super::AuthError;
use super::oauth::SignInContext;
use crate::settings::{AccountSettings, AuthFlow};

/// `client_secret_store`: where the secret lives when it is neither in the config nor printed
/// by a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientSecretStore {
    /// The OS keyring. No fallback: a missing entry or an unusable keyring is an error.
    Keyring,
}

/// Where an account's client secret comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretSource {
    /// No secret: a public client (device code; authorization code of a desktop registration).
    None,
    /// `client_secret` in the config.
    Config,
    /// `client_secret_cmd`.
    Command,
    /// `client_secret_store = "keyring"`.
    Keyring,
}

impl SecretSource {
    pub fn of(account: &AccountSettings) -> Self {
        if account.client_secret_store == Some(ClientSecretStore::Keyring) {
            SecretSource::Keyring
        } else if account.client_secret.is_some() {
            SecretSource::Config
        } else if account.client_secret_cmd.is_some() {
            SecretSource::Command
        } else {
            SecretSource::None
        }
    }

    /// What `o365 whoami` and `o365 secret status` say about it.
    pub fn describe(self) -> &'static str {
        match self {
            SecretSource::None => "none (a public client sends no secret)",
            SecretSource::Config => "client_secret in the config file",
            SecretSource::Command => "what client_secret_cmd prints",
            SecretSource::Keyring => "the OS keyring (client_secret_store = \"keyring\")",
        }
    }
}

/// The keyring entry of one account's secret: addressed by the account's name and token
/// directory (`SecretEntry`), in the platform's keyring or in `store` (tests give keyring-core's
/// mock store). Opened only when the secret is read from there.
#[derive(Clone)]
pub struct SecretKeyring {
    pub account_name: String,
    pub tokens_dir: PathBuf,
    pub store: Option<Arc<CredentialStore>>,
}

impl std::fmt::Debug for SecretKeyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretKeyring")
            .field("account_name", &self.account_name)
            .field("tokens_dir", &self.tokens_dir)
            .field("store", &self.store.as_ref().map(|s| s.vendor()))
            .finish()
    }
}

impl SecretKeyring {
    /// The entry of `account_name` in the platform's keyring.
    pub fn platform(account_name: &str, tokens_dir: impl Into<PathBuf>) -> Self {
        Self { account_name: account_name.to_owned(), tokens_dir: tokens_dir.into(), store: None }
    }

    /// The entry, or an error saying the keyring cannot be used here.
    pub fn entry(&self) -> Result<SecretEntry, AuthError> {
        let store = match &self.store {
            Some(store) => store.clone(),
            None => super::store::platform_keyring().map_err(|e| keyring::unusable(&self.account_name, &e))?,
        };
        Ok(SecretEntry::new(store, &self.account_name, &self.tokens_dir))
    }
}

/// The account's client secret, read now; `None` for a public client.
pub async fn read(account: &AccountSettings, keyring: &SecretKeyring) -> Result<Option<String>, AuthError> {
    match SecretSource::of(account) {
        SecretSource::None if account.auth_flow == AuthFlow::ClientCredentials => Err(AuthError::ClientCredentials(
            "client_credentials needs client_secret_cmd, client_secret_store = \"keyring\" or client_secret in the \
             config"
                .into(),
        )),
        SecretSource::None => Ok(None),
        SecretSource::Config => Ok(account.client_secret.as_ref().map(|s| s.expose().to_owned())),
        SecretSource::Command => {
            let command = account.client_secret_cmd.as_deref().unwrap_or_default();
            secret_from_command(command, account.client_secret_cmd_timeout).await.map(Some)
        }
        SecretSource::Keyring => keyring.entry()?.get().map(Some),
    }
}

/// `context` as the account signs in: with its client secret (read now) when it has one.
pub async fn with_secret(
    context: &SignInContext,
    account: &AccountSettings,
    keyring: &SecretKeyring,
) -> Result<SignInContext, AuthError> {
    Ok(match read(account, keyring).await? {
        Some(secret) => context.clone().with_client_secret(&secret),
        None => context.clone(),
    })
}

#[cfg(test)]
mod tests;
