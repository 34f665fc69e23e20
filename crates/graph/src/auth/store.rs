//! Where an account's tokens are kept: the 0600 file of `cache` (the default), or the OS
//! keyring (`token_store = "keyring"`: the kernel keyring on Linux, the Keychain on macOS, the
//! Credential Manager on Windows).
//!
//! The keyring may be missing or locked away (a container whose seccomp filter refuses the
//! keyutils calls; a platform without a supported store answers `NoDefaultStore` or
//! `PlatformFailure`, ecosystem-notes "Secrets"). Then the file is used, and `resolve` says so
//! in a `Fallback` that the application shows (stderr, status bar, log, `o365 whoami`): never a
//! silent plaintext fallback (ecosystem-notes C.6).
//!
//! On Linux the keyring is the kernel's (keyutils, through keyring-core's
//! linux-keyutils-keyring-store): not on disk, other users cannot read it, always there without
//! a desktop; but it is emptied at reboot, after which `o365 login` is needed again. The Secret
//! Service stores (zbus or libdbus) are not used: either one rebuilds the whole dependency tree
//! (their derive macros change `syn`'s features).
//!
//! Either way the lock file and the generation check of `lock`/`provider` are the same: the
//! keyring entry is addressed by the token file's path, which also keeps two data dirs apart.
//! The client secret's entry (`client_secret`) is addressed the same way, under its own service.
use std::path::Path;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};

use super::AuthError;
use super::cache::{self, CachedTokens};

/// The keyring "service" of every o365 entry.
pub const KEYRING_SERVICE: &str = "o365";

/// What the configuration asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenStoreKind {
    #[default]
    File,
    Keyring,
}

/// Where tokens actually go.
#[derive(Clone)]
pub enum TokenStore {
    File,
    Keyring(Arc<CredentialStore>),
}

impl std::fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenStore::File => f.write_str("File"),
            TokenStore::Keyring(store) => write!(f, "Keyring({})", store.vendor()),
        }
    }
}

/// The keyring was asked for and cannot be used: tokens go to the file instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    /// The keyring's own error, e.g. "No default store has been set ...".
    pub reason: String,
}

impl std::fmt::Display for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "token_store = \"keyring\" but the OS keyring cannot be used ({}): tokens are kept in a plain file \
             readable by you alone (mode 0600)",
            self.reason.trim()
        )
    }
}

/// The store for `kind` on this machine, and why it is not the keyring asked for, if so.
pub fn resolve(kind: TokenStoreKind) -> (TokenStore, Option<Fallback>) {
    resolve_with(kind, platform_keyring)
}

/// `resolve`, with the platform's keyring given by `platform` (tests pass a mock or a failure).
pub fn resolve_with(
    kind: TokenStoreKind,
    platform: impl FnOnce() -> Result<Arc<CredentialStore>, keyring_core::Error>,
) -> (TokenStore, Option<Fallback>) {
    match kind {
        TokenStoreKind::File => (TokenStore::File, None),
        TokenStoreKind::Keyring => match platform() {
            Ok(store) => (TokenStore::Keyring(store), None),
            Err(e) => (TokenStore::File, Some(Fallback { reason: one_line(&e.to_string()) })),
        },
    }
}

/// The platform's keyring, once it has answered a read: the kernel keyring (keyutils) on
/// Linux, the Keychain on macOS, the Credential Manager on Windows. Set up once per process.
pub(crate) fn platform_keyring() -> Result<Arc<CredentialStore>, keyring_core::Error> {
    static PLATFORM: std::sync::OnceLock<Result<Arc<CredentialStore>, String>> = std::sync::OnceLock::new();
    let store = PLATFORM.get_or_init(|| open_platform_keyring().and_then(probe).map_err(|e| e.to_string()));
    store.clone().map_err(|reason| keyring_core::Error::NoStorageAccess(reason.into()))
}

#[cfg(target_os = "linux")]
fn open_platform_keyring() -> Result<Arc<CredentialStore>, keyring_core::Error> {
    Ok(linux_keyutils_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn open_platform_keyring() -> Result<Arc<CredentialStore>, keyring_core::Error> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(windows)]
fn open_platform_keyring() -> Result<Arc<CredentialStore>, keyring_core::Error> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn open_platform_keyring() -> Result<Arc<CredentialStore>, keyring_core::Error> {
    Err(keyring_core::Error::NotSupportedByStore("no OS keyring is supported on this platform".into()))
}

/// A store is usable when reading an entry that is not there says so (a keyring that is
/// locked away, like keyutils under a container's seccomp filter, fails instead).
fn probe(store: Arc<CredentialStore>) -> Result<Arc<CredentialStore>, keyring_core::Error> {
    match Entry::new_in_store(&store, KEYRING_SERVICE, "probe")?.get_password() {
        Ok(_) | Err(keyring_core::Error::NoEntry) => Ok(store),
        Err(e) => Err(e),
    }
}

pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl TokenStore {
    pub fn is_keyring(&self) -> bool {
        matches!(self, TokenStore::Keyring(_))
    }

    /// What `o365 whoami` says about it.
    pub fn describe(&self) -> String {
        match self {
            TokenStore::File => "file (mode 0600)".to_owned(),
            TokenStore::Keyring(store) => format!("OS keyring ({})", store.vendor()),
        }
    }

    /// The cached tokens of the account whose token file is `path`; `Ok(None)` when none.
    /// With the keyring, tokens still in a file from before it was chosen are read from there
    /// (the next save moves them into the keyring).
    pub fn load(&self, path: &Path) -> Result<Option<CachedTokens>, AuthError> {
        let TokenStore::Keyring(store) = self else { return cache::load(path) };
        match entry(store, path)?.get_password() {
            Ok(json) => cache::decode(path, json.as_bytes()).map(Some),
            Err(keyring_core::Error::NoEntry) => cache::load(path),
            Err(e) => Err(keyring_error("read", path, e)),
        }
    }

    /// Saves the tokens; with the keyring, no copy stays in a file.
    pub fn save(&self, path: &Path, cached: &CachedTokens) -> Result<(), AuthError> {
        let TokenStore::Keyring(store) = self else { return cache::save(path, cached) };
        let json = cache::encode(cached)?;
        let json = String::from_utf8(json).map_err(|e| AuthError::Cache(e.to_string()))?;
        entry(store, path)?.set_password(&json).map_err(|e| keyring_error("write", path, e))?;
        cache::remove(path)?;
        Ok(())
    }

    /// Forgets the tokens (keyring entry and file); `Ok(false)` when there were none.
    pub fn remove(&self, path: &Path) -> Result<bool, AuthError> {
        let in_file = cache::remove(path)?;
        let TokenStore::Keyring(store) = self else { return Ok(in_file) };
        match entry(store, path)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(in_file),
            Err(e) => Err(keyring_error("delete", path, e)),
        }
    }

    /// Whether tokens are stored for the account (`None` when that cannot be told).
    pub fn exists(&self, path: &Path) -> Option<bool> {
        let on_disk = path.try_exists().ok();
        let TokenStore::Keyring(store) = self else { return on_disk };
        match entry(store, path).ok()?.get_password() {
            Ok(_) => Some(true),
            Err(keyring_core::Error::NoEntry) => on_disk,
            Err(_) => None,
        }
    }
}

fn entry(store: &Arc<CredentialStore>, path: &Path) -> Result<Entry, AuthError> {
    Entry::new_in_store(store, KEYRING_SERVICE, &path.to_string_lossy())
        .map_err(|e| keyring_error("open the entry for", path, e))
}

fn keyring_error(what: &str, path: &Path, e: keyring_core::Error) -> AuthError {
    AuthError::Cache(format!("cannot {what} the OS keyring entry of {}: {}", path.display(), one_line(&e.to_string())))
}

#[cfg(test)]
mod tests;
