//! `AccountTokenProvider`: the `TokenProvider` behind `GraphClient` for a configured account.
//!
//! It hands out the cached access token while it has more than `REFRESH_MARGIN` left, else
//! renews it (refresh token, or a new client credentials token) and saves the cache. All of
//! this runs under one async mutex, so N requests that see a 401 at once cause ONE renewal;
//! and a renewal holds the account's `TokenLock`, so o365 processes take turns: one that
//! finds a token renewed by another uses it, and none writes over a sign-out (issue 14).
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::future::BoxFuture;
use keyring_core::CredentialStore;
use tokio::sync::Mutex;

use super::cache::{self, CACHE_VERSION, CachedTokens, TokenBinding};
use super::client_secret::{self, SecretKeyring};
use super::lock::TokenLock;
use super::oauth::{SignInContext, TokenGrant};
use super::store::{self, TokenStore};
use super::{
    AccessToken, AuthError, Clock, Expired, Granted, TokenProvider, client_credentials, identity, refresh, scopes,
    system_clock,
};
use crate::settings::{AccountSettings, AuthFlow};

/// Renew a token that has less than this left, so it cannot expire mid-request.
pub const REFRESH_MARGIN: chrono::Duration = chrono::Duration::minutes(5);

pub struct AccountTokenProvider {
    account: AccountSettings,
    cache_path: PathBuf,
    store: TokenStore,
    /// Without the client secret, which is read at each renewal (`client_secret`).
    context: SignInContext,
    secret_keyring: SecretKeyring,
    clock: Clock,
    cached: Mutex<Option<CachedTokens>>,
    renewals: AtomicUsize,
}

impl std::fmt::Debug for AccountTokenProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountTokenProvider").field("cache_path", &self.cache_path).finish_non_exhaustive()
    }
}

impl AccountTokenProvider {
    /// The provider for `account_name`, whose tokens live in `tokens_dir` (one file per account).
    pub fn new(account_name: &str, account: &AccountSettings, tokens_dir: &Path) -> Result<Self, AuthError> {
        Ok(Self {
            account: account.clone(),
            cache_path: cache::cache_file(tokens_dir, account_name),
            store: store::resolve(account.token_store).0,
            context: SignInContext::for_account(account)?,
            secret_keyring: SecretKeyring::platform(account_name, tokens_dir),
            clock: system_clock(),
            cached: Mutex::new(None),
            renewals: AtomicUsize::new(0),
        })
    }

    /// Uses `clock` instead of the wall clock (tests).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Keeps tokens in `store` instead of the one `token_store` resolves to (tests).
    pub fn with_store(mut self, store: TokenStore) -> Self {
        self.store = store;
        self
    }

    /// Reads a `client_secret_store = "keyring"` secret from `store` instead of the platform's
    /// keyring (tests).
    pub fn with_secret_keyring(mut self, store: Arc<CredentialStore>) -> Self {
        self.secret_keyring.store = Some(store);
        self
    }

    /// How many times this provider has renewed its token.
    pub fn renewals(&self) -> usize {
        self.renewals.load(Ordering::SeqCst)
    }

    /// The cached tokens for this account, loaded on first use; `NotSignedIn` when there are
    /// none or they belong to another registration or endpoint.
    fn current<'a>(&self, slot: &'a mut Option<CachedTokens>) -> Result<&'a CachedTokens, AuthError> {
        if slot.is_none() {
            *slot = self.load_from_disk()?;
        }
        slot.as_ref().ok_or(AuthError::NotSignedIn)
    }

    fn load_from_disk(&self) -> Result<Option<CachedTokens>, AuthError> {
        Ok(self.store.load(&self.cache_path)?.filter(|c| c.belongs_to(&self.account)))
    }

    fn fresh(&self, cached: &CachedTokens) -> bool {
        cached.expires_at - (self.clock)() > REFRESH_MARGIN
    }

    /// `SignedOut` (and forgets the tokens) when the token file is gone: another process ran
    /// `o365 logout` since these were read. Checked before every request, so a sign-out takes
    /// effect at the next request, not at the next renewal.
    fn check_still_signed_in(&self, slot: &mut Option<CachedTokens>) -> Result<(), AuthError> {
        if slot.is_some() && matches!(self.store.exists(&self.cache_path), Some(false)) {
            *slot = None;
            return Err(AuthError::SignedOut);
        }
        Ok(())
    }

    /// Gets a new access token and saves it, holding the account's lock from reading the file
    /// to writing it. Under the lock the file is what other processes last wrote:
    /// - gone, or from another sign-in (logout, then login): the sign-in this process used has
    ///   ended, so nothing is renewed or written (`SignedOut`; the next call reads the file anew);
    /// - a fresh token this process did not have: another process renewed it, and it is used;
    /// - else the newest refresh token on disk is redeemed and the answer saved.
    async fn renew(&self, slot: &mut Option<CachedTokens>, stale: &AccessToken) -> Result<AccessToken, AuthError> {
        let held = slot.as_ref().ok_or(AuthError::NotSignedIn)?.generation.clone();
        let _lock = TokenLock::acquire(&self.cache_path).await?;
        let previous = match self.store.load(&self.cache_path)? {
            Some(on_disk) if on_disk.generation != held => None,
            Some(on_disk) if !on_disk.belongs_to(&self.account) => {
                *slot = None;
                return Err(AuthError::NotSignedIn);
            }
            other => other,
        };
        let Some(previous) = previous else {
            *slot = None;
            return Err(AuthError::SignedOut);
        };
        if previous.access_token != *stale && self.fresh(&previous) {
            let token = previous.access_token.clone();
            *slot = Some(previous);
            return Ok(token);
        }
        let clock = || (self.clock)();
        let context = client_secret::with_secret(&self.context, &self.account, &self.secret_keyring).await?;
        let grant = match self.account.auth_flow {
            AuthFlow::ClientCredentials => client_credentials::acquire(&context, &self.account, clock).await?,
            AuthFlow::DeviceCode | AuthFlow::AuthorizationCode => {
                let refresh_token =
                    previous.refresh_token.as_ref().ok_or(AuthError::SessionExpired(Expired::NoRefreshToken))?;
                // What was granted so far (incremental consent may have added to the config's).
                let wanted = scopes::refresh_scopes(&previous.scopes, &self.account.scopes);
                refresh::refresh(&context, refresh_token, &wanted, clock).await?
            }
        };
        self.renewals.fetch_add(1, Ordering::SeqCst);
        let updated = merge(previous, grant);
        self.store.save(&self.cache_path, &updated)?;
        let token = updated.access_token.clone();
        *slot = Some(updated);
        Ok(token)
    }
}

/// Builds the cache entry for a new grant of `account`: a new sign-in, with its own generation.
pub fn cache_entry(account: &AccountSettings, grant: TokenGrant) -> CachedTokens {
    CachedTokens {
        version: CACHE_VERSION,
        flow: account.auth_flow,
        binding: TokenBinding::of(account),
        generation: uuid::Uuid::new_v4().simple().to_string(),
        identity: grant.id_token.as_deref().and_then(identity::from_id_token),
        access_token: grant.access_token,
        expires_at: grant.expires_at,
        refresh_token: grant.refresh_token,
        scopes: grant.scopes,
    }
}

/// A renewal keeps who signed in unless the server sent a new id_token.
fn merge(previous: CachedTokens, grant: TokenGrant) -> CachedTokens {
    CachedTokens {
        identity: grant.id_token.as_deref().and_then(identity::from_id_token).or(previous.identity),
        refresh_token: grant.refresh_token.or(previous.refresh_token),
        access_token: grant.access_token,
        expires_at: grant.expires_at,
        scopes: grant.scopes,
        ..previous
    }
}

impl TokenProvider for AccountTokenProvider {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(async move {
            let mut slot = self.cached.lock().await;
            self.check_still_signed_in(&mut slot)?;
            let cached = self.current(&mut slot)?;
            if self.fresh(cached) {
                return Ok(cached.access_token.clone());
            }
            let stale = cached.access_token.clone();
            self.renew(&mut slot, &stale).await
        })
    }

    fn refresh_after_rejection<'a>(
        &'a self,
        rejected: &'a AccessToken,
    ) -> BoxFuture<'a, Result<AccessToken, AuthError>> {
        Box::pin(async move {
            let mut slot = self.cached.lock().await;
            let cached = self.current(&mut slot)?;
            if cached.access_token != *rejected {
                // Someone renewed while this request was in flight.
                return Ok(cached.access_token.clone());
            }
            self.renew(&mut slot, rejected).await
        })
    }

    fn granted(&self) -> BoxFuture<'_, Option<Granted>> {
        Box::pin(async move {
            let mut slot = self.cached.lock().await;
            let cached = self.current(&mut slot).ok()?;
            Some(Granted { scopes: cached.scopes.clone(), app_only: !cached.flow.is_delegated() })
        })
    }
}

#[cfg(test)]
mod tests;
