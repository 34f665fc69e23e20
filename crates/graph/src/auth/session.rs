//! What the CLI calls: `login` (run the account's flow and save the cache), `logout` and
//! `signed_in_identity` (for `o365 whoami`). Writes hold the account's `TokenLock`.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use keyring_core::CredentialStore;
use url::Url;

use super::auth_code::{self, AuthCodeOptions};
use super::client_secret::{self, SecretKeyring};
use super::device_code::{self, DeviceCodePrompt, Pacer, SystemPacer};
use super::identity::Identity;
use super::lock::TokenLock;
use super::oauth::SignInContext;
use super::provider::cache_entry;
use super::store::{self, TokenStore};
use super::{AuthError, cache, client_credentials, scopes};
use crate::settings::{AccountSettings, AuthFlow};

/// How sign-in talks to the user. Nothing is read from stdin.
pub struct LoginCallbacks<'a> {
    /// Device code flow: show where to go and which code to enter (the CLI prints to stderr).
    pub show_device_code: &'a (dyn Fn(&DeviceCodePrompt) + Send + Sync),
    /// Authorization code flow: the URL to open (the CLI tries `open` and always prints it).
    pub open_browser: &'a (dyn Fn(&Url) + Send + Sync),
    /// Clock and sleep of the device code polling; `SystemPacer` outside tests.
    pub pacer: &'a dyn Pacer,
    /// Limit for the browser step of the authorization code flow.
    pub browser_timeout: std::time::Duration,
    /// The keyring a `client_secret_store = "keyring"` secret is read from; `None`: the
    /// platform's. Tests give keyring-core's mock store.
    pub secret_keyring: Option<Arc<CredentialStore>>,
}

impl<'a> LoginCallbacks<'a> {
    pub fn new(
        show_device_code: &'a (dyn Fn(&DeviceCodePrompt) + Send + Sync),
        open_browser: &'a (dyn Fn(&Url) + Send + Sync),
    ) -> Self {
        Self {
            show_device_code,
            open_browser,
            pacer: &SystemPacer,
            browser_timeout: auth_code::DEFAULT_TIMEOUT,
            secret_keyring: None,
        }
    }
}

/// The outcome of `login`, and what `whoami` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    pub account: String,
    pub flow: AuthFlow,
    /// `None` for client credentials (no user) or when no id_token was issued.
    pub identity: Option<Identity>,
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
    pub cache_file: PathBuf,
    /// Where the tokens are kept (`token_store`, after any fallback).
    pub store: String,
}

/// Signs `account_name` in with its configured flow and saves its tokens in `tokens_dir`.
pub async fn login(
    account_name: &str,
    account: &AccountSettings,
    tokens_dir: &Path,
    callbacks: &LoginCallbacks<'_>,
) -> Result<SignedIn, AuthError> {
    login_adding(account_name, account, tokens_dir, callbacks, &[]).await
}

/// Like `login`, also asking for `added` (Graph names or helper names): incremental consent.
/// A delegated sign-in asks for what the previous one was granted too, so adding a permission
/// never drops another (`o365 logout` first starts again from the config).
pub async fn login_adding(
    account_name: &str,
    account: &AccountSettings,
    tokens_dir: &Path,
    callbacks: &LoginCallbacks<'_>,
    added: &[String],
) -> Result<SignedIn, AuthError> {
    let cache_file = cache::cache_file(tokens_dir, account_name);
    let (store, _) = store::resolve(account.token_store);
    let wanted = if account.auth_flow.is_delegated() {
        let previous = store.load(&cache_file)?.filter(|c| c.belongs_to(account)).map(|c| c.scopes);
        scopes::with_added(&account.scopes, &previous.unwrap_or_default(), added)
    } else if added.is_empty() {
        scopes::scopes_for(account.auth_flow, &account.scopes, &account.graph_url)
    } else {
        return Err(AuthError::Config(
            "scopes cannot be asked for with client_credentials: an administrator grants the app registration its \
             application permissions"
                .into(),
        ));
    };
    // Read before the browser opens: a secret missing from the keyring fails at once.
    let keyring = SecretKeyring {
        account_name: account_name.to_owned(),
        tokens_dir: tokens_dir.to_path_buf(),
        store: callbacks.secret_keyring.clone(),
    };
    let context = client_secret::with_secret(&SignInContext::for_account(account)?, account, &keyring).await?;
    let now = || callbacks.pacer.now();
    let grant = match account.auth_flow {
        AuthFlow::DeviceCode => {
            device_code::sign_in(&context, &wanted, callbacks.pacer, callbacks.show_device_code).await?
        }
        AuthFlow::AuthorizationCode => {
            let options = AuthCodeOptions { port: account.redirect_port, timeout: callbacks.browser_timeout };
            auth_code::sign_in(&context, &wanted, options, callbacks.open_browser, now).await?
        }
        AuthFlow::ClientCredentials => client_credentials::acquire(&context, account, now).await?,
    };
    let entry = cache_entry(account, grant);
    // A new generation: a refresh still running for the sign-in this replaces writes nothing.
    let _lock = TokenLock::acquire(&cache_file).await?;
    store.save(&cache_file, &entry)?;
    Ok(signed_in(account_name, entry, cache_file, &store))
}

/// Forgets the account's tokens. `Ok(false)` when none were cached. Under the account's lock,
/// so a refresh in another process either finished before (and its file is deleted now) or
/// runs after and finds the file gone: it then writes nothing (`AuthError::SignedOut`).
pub async fn logout(account_name: &str, account: &AccountSettings, tokens_dir: &Path) -> Result<bool, AuthError> {
    let cache_file = cache::cache_file(tokens_dir, account_name);
    let (store, _) = store::resolve(account.token_store);
    if matches!(store.exists(&cache_file), Some(false)) {
        return Ok(false);
    }
    let _lock = TokenLock::acquire(&cache_file).await?;
    store.remove(&cache_file)
}

/// Who is signed in for the account, from the cache; `None` when nobody is (or the cached
/// tokens belong to another registration or endpoint).
pub fn signed_in_identity(
    account_name: &str,
    account: &AccountSettings,
    tokens_dir: &Path,
) -> Result<Option<SignedIn>, AuthError> {
    let cache_file = cache::cache_file(tokens_dir, account_name);
    let (store, _) = store::resolve(account.token_store);
    let cached = store.load(&cache_file)?.filter(|c| c.belongs_to(account));
    Ok(cached.map(|entry| signed_in(account_name, entry, cache_file, &store)))
}

fn signed_in(account_name: &str, entry: cache::CachedTokens, cache_file: PathBuf, store: &TokenStore) -> SignedIn {
    SignedIn {
        account: account_name.to_owned(),
        flow: entry.flow,
        identity: entry.identity,
        scopes: entry.scopes,
        expires_at: entry.expires_at,
        cache_file,
        store: store.describe(),
    }
}
