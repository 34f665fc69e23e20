//! The OS keyring entry that holds an account's client secret (`client_secret_store =
//! "keyring"`). It is addressed as the token entry is (`auth::store`): by the account's token
//! file path, under a service of its own, so two data dirs or two accounts never share one and
//! a token entry is never mistaken for a secret. There is no fallback: a missing entry or an
//! unusable keyring is an error saying what to do (a secret in a plain file is what
//! `client_secret` in the config already is).
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};

use crate::auth::store::one_line;
use crate::auth::{AuthError, cache};

/// The keyring "service" of every o365 client secret entry.
pub const SECRET_SERVICE: &str = "o365-client-secret";

/// The longest secret kept: Entra's are 40 characters, and a keyring is no place for a file.
pub const MAX_SECRET_LEN: usize = 4096;

/// Said with every missing entry on Linux, where the kernel keyring does not survive a reboot.
#[cfg(target_os = "linux")]
const AFTER_REBOOT: &str = " (the kernel keyring is emptied at reboot: run it again after each one, or give a cron job \
                            the secret with client_secret_cmd, e.g. pass or secret-tool)";
#[cfg(not(target_os = "linux"))]
const AFTER_REBOOT: &str = "";

/// One account's client secret entry.
#[derive(Clone)]
pub struct SecretEntry {
    store: Arc<CredentialStore>,
    account: String,
    /// The account's token file: the entry's "user".
    address: PathBuf,
}

impl std::fmt::Debug for SecretEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretEntry({}, {})", self.store.vendor(), self.address.display())
    }
}

impl SecretEntry {
    pub fn new(store: Arc<CredentialStore>, account_name: &str, tokens_dir: &Path) -> Self {
        Self { store, account: account_name.to_owned(), address: cache::cache_file(tokens_dir, account_name) }
    }

    /// The secret; an error naming `o365 secret set` when there is none.
    pub fn get(&self) -> Result<String, AuthError> {
        match self.entry()?.get_password() {
            Ok(secret) if !secret.trim().is_empty() => Ok(secret.trim().to_owned()),
            Ok(_) | Err(keyring_core::Error::NoEntry) => Err(AuthError::ClientSecret(format!(
                "the client secret of account `{}` is not in the OS keyring (client_secret_store = \"keyring\"): \
                 run `o365 secret set --account {}`{AFTER_REBOOT}",
                self.account,
                quote(&self.account)
            ))),
            Err(e) => Err(self.failed("read", e)),
        }
    }

    /// Stores `secret` (trimmed), replacing any before it.
    pub fn set(&self, secret: &str) -> Result<(), AuthError> {
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(AuthError::ClientSecret("an empty client secret is not stored".into()));
        }
        if secret.len() > MAX_SECRET_LEN {
            return Err(AuthError::ClientSecret(format!(
                "a client secret of {} bytes is not stored: it is at most {MAX_SECRET_LEN}",
                secret.len()
            )));
        }
        self.entry()?.set_password(secret).map_err(|e| self.failed("write", e))
    }

    /// Forgets the secret; `Ok(false)` when none was stored.
    pub fn delete(&self) -> Result<bool, AuthError> {
        match self.entry()?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(self.failed("delete", e)),
        }
    }

    /// Whether a secret is stored (never what it is).
    pub fn is_stored(&self) -> Result<bool, AuthError> {
        match self.entry()?.get_password() {
            Ok(secret) => Ok(!secret.trim().is_empty()),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(self.failed("read", e)),
        }
    }

    /// Which keyring and entry: `OS keyring (VENDOR), entry "o365-client-secret" for PATH`.
    pub fn describe(&self) -> String {
        format!("OS keyring ({}), entry \"{SECRET_SERVICE}\" for {}", self.store.vendor(), self.address.display())
    }

    fn entry(&self) -> Result<Entry, AuthError> {
        Entry::new_in_store(&self.store, SECRET_SERVICE, &self.address.to_string_lossy())
            .map_err(|e| self.failed("open", e))
    }

    fn failed(&self, what: &str, e: keyring_core::Error) -> AuthError {
        AuthError::ClientSecret(format!(
            "cannot {what} the OS keyring entry of the client secret of account `{}`: {}",
            self.account,
            one_line(&e.to_string())
        ))
    }
}

/// The keyring cannot be used at all (a container refusing the keyutils calls, no keyring on
/// this platform): what to use instead.
pub fn unusable(account: &str, e: &keyring_core::Error) -> AuthError {
    AuthError::ClientSecret(format!(
        "the OS keyring cannot be used here ({}): keep the client secret of account `{account}` with \
         client_secret_cmd instead (e.g. \"pass show o365/{account}\")",
        one_line(&e.to_string())
    ))
}

/// `name` as a POSIX shell reads it back: plain, or in single quotes.
fn quote(name: &str) -> String {
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
    if plain { name.to_owned() } else { format!("'{}'", name.replace('\'', "'\\''")) }
}
